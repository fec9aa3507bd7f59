//! Who may act for an organisation: its members (owner and editors). The [`Member`] extractor
//! gives a form post the organisation named in its address (`{slug}`) and the poster's role,
//! or refuses it: sign in first, 404 for no such organisation, 403 for anyone not a member.
//! Every query a member's post makes is bounded by that organisation, so changing an id in a
//! request reaches nothing of another organisation.

use super::campaigns::model::ManagedOrganization;
use super::model::{is_slug, MemberRole, Verification};
use super::store;
use crate::auth::access::Volunteer;
use crate::auth::Viewer;
use crate::errors::AppError;
use crate::server::db::Db;
use crate::forms::Refusal;
use crate::wiring::state::AppState;
use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;

/// A member of the organisation in the post's address.
pub struct Member {
    pub viewer: Viewer,
    pub organization: ManagedOrganization,
    pub organization_id: i64,
    pub role: MemberRole,
}

impl FromRequestParts<AppState> for Member {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Member, Refusal> {
        let Volunteer(viewer) = Volunteer::from_request_parts(parts, state).await?;
        let params = RawPathParams::from_request_parts(parts, state).await.map_err(|_| Refusal::NotFound)?;
        let slug = params.iter().find(|(name, _)| *name == "slug").map(|(_, value)| value.to_string()).ok_or(Refusal::NotFound)?;
        match membership(&state.db, &slug, &viewer).await {
            Ok(Some((organization, organization_id, role))) => Ok(Member { viewer, organization, organization_id, role }),
            Ok(None) => Err(Refusal::Forbidden),
            Err(AppError::NotFound) => Err(Refusal::NotFound),
            Err(error) => Err(Refusal::Failed(error)),
        }
    }
}

/// The organisation `slug` if the signed-in viewer of a server function is its member.
pub async fn member_organization(slug: &str) -> Result<(ManagedOrganization, i64), AppError> {
    let viewer = crate::auth::session::current_viewer().await?.ok_or(AppError::Unauthorized)?;
    let db = crate::wiring::state::db()?;
    let (organization, id, _) = membership(&db, slug, &viewer).await?.ok_or(AppError::Forbidden)?;
    Ok((organization, id))
}

/// `Ok(None)`: the organisation exists but `viewer` is not its member; `NotFound` when it does not.
pub async fn membership(db: &Db, slug: &str, viewer: &Viewer) -> Result<Option<(ManagedOrganization, i64, MemberRole)>, AppError> {
    if !is_slug(slug) {
        return Err(AppError::NotFound);
    }
    let stored = store::by_slug(db, slug).await?.ok_or(AppError::NotFound)?;
    let id = stored.card.id;
    let Some(role) = store::role_of(db, id, viewer.id).await? else { return Ok(None) };
    let organization = ManagedOrganization {
        slug: slug.to_string(),
        name: stored.card.name,
        verified: stored.card.verification == Verification::Verified,
    };
    Ok(Some((organization, id, role)))
}
