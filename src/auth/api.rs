//! Who is signed in, and whether a reset link still works: server functions for the pages.

use super::model::Viewer;
use crate::errors::AppError;
use leptos::prelude::*;

/// The signed-in person of this request, or `None` for a visitor.
#[server(endpoint = "viewer", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_viewer() -> Result<Option<Viewer>, AppError> {
    super::session::current_viewer().await
}

/// Whether a password-reset link can still be used, so that its page says at once when it
/// cannot (instead of after a new password is typed).
#[server(endpoint = "reset-link", input = leptos::server_fn::codec::GetUrl)]
pub async fn reset_link_is_good(token: String) -> Result<bool, AppError> {
    crate::ui::keep_private();
    let db = crate::wiring::state::db()?;
    Ok(super::links::looks_valid(&token) && super::links::peek(&db, &token, super::links::Purpose::Reset).await?.is_some())
}
