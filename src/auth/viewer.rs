use crate::errors::AppError;
use crate::volunteers::model::SignupStep;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The signed-in person, as pages need to know them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Viewer {
    pub id: i64,
    pub full_name: String,
    pub email: String,
    pub email_verified: bool,
    pub signup_step: SignupStep,
    pub is_moderator: bool,
    /// Files help requests for people without a phone or internet (a front-office operator).
    pub is_operator: bool,
    /// `YYYY-MM-DD`, once given.
    pub birth_date: Option<String>,
    /// Where the person lives (ISO 3166-2), once given.
    pub region: Option<String>,
    /// A minor whose parent or guardian has not confirmed (or has withdrawn) their consent: may
    /// browse, not apply.
    pub awaiting_guardian: bool,
}

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
    let db = crate::server::state::db()?;
    Ok(super::links::looks_valid(&token) && super::links::peek(&db, &token, super::links::Purpose::Reset).await?.is_some())
}
