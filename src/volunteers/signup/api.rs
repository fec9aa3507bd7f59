//! The signup pages' server function.

use crate::errors::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use crate::volunteers::model::Profile;
use super::model::SignupData;

/// What the signup pages show: the person, if the account exists, and what they entered.
#[server(endpoint = "signup", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_signup() -> Result<SignupData, AppError> {
    let state = crate::wiring::state::state()?;
    let guardian_age = state.config.guardian_consent_under;
    let Some(viewer) = crate::auth::session::current_viewer().await? else {
        return Ok(SignupData { viewer: None, profile: Profile::default(), needs_guardian: false, guardian_age });
    };
    let profile = crate::volunteers::store::profile(&state.db, viewer.id).await?.unwrap_or_default();
    let needs_guardian = super::model::needs_guardian(&profile.birth_date, guardian_age);
    Ok(SignupData { viewer: Some(viewer), profile, needs_guardian, guardian_age })
}
