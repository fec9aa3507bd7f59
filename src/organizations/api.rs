//! Reading organisations: the directory and a profile. Public reads; a profile also tells a
//! signed-in member what they may do there.

use super::model::DirectoryQuery;
use super::{DirectoryPage, OrganizationProfile};
use crate::errors::AppError;
#[cfg(feature = "ssr")]
use crate::errors::with_status;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// One page of the directory for the filters in `query` (as they stand in the page URL).
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "organizations")]
pub async fn list_organizations(#[server(default)] query: DirectoryQuery) -> Result<DirectoryPage, AppError> {
    with_status(async {
        let filter = query.validate().map_err(AppError::InvalidParameter)?;
        let db = crate::server::state::db()?;
        Ok(super::store::directory(&db, &filter, super::store::Listing::Directory).await?)
    }.await)
}

/// A visible organisation's profile, with its campaigns and figures.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "organization")]
pub async fn get_organization(slug: String) -> Result<OrganizationProfile, AppError> {
    with_status(async {
        if !super::model::is_slug(&slug) {
            return Err(AppError::NotFound);
        }
        let db = crate::server::state::db()?;
        let viewer = crate::auth::session::current_viewer().await?;
        super::handlers::profile(&db, &slug, viewer.as_ref()).await?.ok_or(AppError::NotFound)
    }.await)
}

/// What the profile editor shows: the stored profile, for members only.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EditorData {
    pub slug: String,
    pub name: crate::i18n::LocalizedText,
    pub draft: super::model::OrganizationDraft,
    pub verification: super::model::Verification,
    pub rejection_reason: Option<String>,
    pub role: super::MemberRole,
    pub logo: Option<String>,
    pub members: Vec<super::members::Member>,
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
    let db = crate::server::state::db()?;
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
        members: super::members::ssr::members(&db, stored.card.id).await?,
    })
}
