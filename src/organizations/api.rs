//! Reading organisations: the directory and a profile. Public reads; a profile also tells a
//! signed-in member what they may do there.

use super::model::DirectoryQuery;
use super::model::{DirectoryPage, EditorData, InvitationView, OrganizationProfile};
use crate::errors::AppError;
#[cfg(feature = "ssr")]
use crate::errors::with_status;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// One page of the directory for the filters in `query` (as they stand in the page URL).
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "organizations")]
pub async fn list_organizations(#[server(default)] query: DirectoryQuery) -> Result<DirectoryPage, AppError> {
    crate::ui::same_for_every_visitor();
    with_status(async {
        let filter = query.validate().map_err(AppError::InvalidParameter)?;
        let db = crate::wiring::state::db()?;
        Ok(super::store::directory(&db, &filter, super::store::Listing::Directory).await?)
    }.await)
}

/// A visible organisation's profile, with its campaigns and figures.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "organization")]
pub async fn get_organization(slug: String) -> Result<OrganizationProfile, AppError> {
    crate::ui::same_for_every_visitor();
    with_status(async {
        if !super::model::is_slug(&slug) {
            return Err(AppError::NotFound);
        }
        let db = crate::wiring::state::db()?;
        let viewer = crate::auth::session::current_viewer().await?;
        profile(&db, &slug, viewer.as_ref()).await?.ok_or(AppError::NotFound)
    }.await)
}

#[server(input = GetUrl, prefix = "/api/fn", endpoint = "organization-editor")]
pub async fn load_editor(slug: String) -> Result<EditorData, AppError> {
    with_status(editor_data(slug).await)
}

#[cfg(feature = "ssr")]
async fn editor_data(slug: String) -> Result<EditorData, AppError> {
    let viewer = crate::auth::session::current_viewer().await?.ok_or(AppError::Unauthorized)?;
    if !super::model::is_slug(&slug) {
        return Err(AppError::NotFound);
    }
    let db = crate::wiring::state::db()?;
    let stored = super::store::by_slug(&db, &slug).await?.ok_or(AppError::NotFound)?;
    let role = super::store::role_of(&db, stored.card.id, viewer.id).await?.ok_or(AppError::Forbidden)?;
    Ok(EditorData {
        slug,
        name: stored.card.name.clone(),
        draft: stored.draft(),
        verification: stored.card.verification,
        rejection_reason: stored.rejection_reason,
        role,
        logo: stored.card.logo.clone(),
        members: super::store::members::members(&db, stored.card.id).await?,
    })
}

/// The invitation behind a mailed link, if it is still good.
#[server(input = leptos::server_fn::codec::GetUrl, prefix = "/api/fn", endpoint = "invitation")]
pub async fn load_invitation(token: String) -> Result<InvitationView, AppError> {
    crate::ui::keep_private();
    with_status(async {
        let db = crate::wiring::state::db()?;
        let found = super::store::members::find(&db, &token).await?.ok_or(AppError::NotFound)?;
        Ok(InvitationView { organization: found.name, email: found.email })
    }.await)
}

/// How many upcoming and past campaigns a profile lists.
#[cfg(feature = "ssr")]
const PROFILE_CAMPAIGNS: i64 = 12;

#[cfg(feature = "ssr")]
/// A visible organisation's profile for `viewer` (members also see a rejection's reason).
async fn profile(db: &crate::server::db::Db, slug: &str, viewer: Option<&crate::auth::Viewer>) -> Result<Option<OrganizationProfile>, sqlx::Error> {
    let Some(stored) = super::store::by_slug(db, slug).await? else { return Ok(None) };
    let id = stored.card.id;
    let viewer_role = match viewer {
        Some(v) => super::store::role_of(db, id, v.id).await?,
        None => None,
    };
    let viewer_is_moderator = viewer.is_some_and(|v| v.is_moderator);
    let now = chrono::Utc::now();
    let (upcoming, past) = crate::campaigns::store::of_organization(db, id, now, PROFILE_CAMPAIGNS).await?;
    Ok(Some(OrganizationProfile {
        figures: super::store::figures(db, id).await?,
        rejection_reason: (viewer_role.is_some() || viewer_is_moderator).then_some(stored.rejection_reason.clone()).flatten(),
        card: stored.card,
        description: stored.description,
        bin: stored.bin,
        phone: stored.phone,
        email: stored.email,
        address: stored.address,
        website: stored.website,
        social_links: stored.social_links,
        upcoming,
        past,
        viewer_role,
        viewer_is_moderator,
    }))
}
