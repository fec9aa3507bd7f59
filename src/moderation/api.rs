//! The moderators' page's server function; anyone else is refused.

use super::model::ModerationData;
use crate::errors::AppError;
use crate::organizations::model::DirectoryQuery;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use super::store;

/// The moderators' page; anyone else is refused. `query` filters and pages the queue as the
/// directory's filters do (search, region, direction).
#[server(endpoint = "moderation", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_moderation(#[server(default)] query: DirectoryQuery) -> Result<ModerationData, AppError> {
    crate::errors::with_status(moderation_data(query).await)
}

#[cfg(feature = "ssr")]
async fn moderation_data(query: DirectoryQuery) -> Result<ModerationData, AppError> {
    let viewer = crate::auth::session::current_viewer().await?.ok_or(AppError::Unauthorized)?;
    if !viewer.is_moderator {
        return Err(AppError::Forbidden);
    }
    let filter = query.validate().map_err(AppError::InvalidParameter)?;
    let db = crate::wiring::state::db()?;
    use crate::organizations::store::{directory, Listing};
    Ok(ModerationData {
        awaiting: directory(&db, &filter, Listing::AwaitingVerification).await?,
        log: store::recent(&db, 100).await?,
        hours_waiting: crate::hours::store::waiting_review(&db, 50).await?,
    })
}
