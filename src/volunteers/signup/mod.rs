//! The signup flow: account → about you → interests → consent → done. The account exists from
//! the first step, so every later step is saved as it is passed: back and forward show what was
//! entered, and signing in again later resumes at the step where the person stopped.

pub mod pages;

pub use pages::SignupPage;

#[cfg(feature = "ssr")]
pub mod handlers;

use crate::auth::Viewer;
use crate::errors::AppError;
use crate::volunteers::model::Profile;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The version of the personal-data consent text (`consent_text_*` in the translation files).
/// Change it whenever that text changes: consents are stored with the version agreed to.
pub const CONSENT_VERSION: &str = "2026-11-01";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SignupData {
    pub viewer: Option<Viewer>,
    pub profile: Profile,
    /// Under the age from which volunteers agree for themselves (a guardian must agree too).
    pub needs_guardian: bool,
    pub guardian_age: u32,
}

/// What the signup pages show: the person, if the account exists, and what they entered.
#[server(endpoint = "signup", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_signup() -> Result<SignupData, AppError> {
    let state = crate::server::state::state()?;
    let guardian_age = state.config.guardian_consent_under;
    let Some(viewer) = crate::auth::session::current_viewer().await? else {
        return Ok(SignupData { viewer: None, profile: Profile::default(), needs_guardian: false, guardian_age });
    };
    let profile = crate::volunteers::store::profile(&state.db, viewer.id).await?.unwrap_or_default();
    let needs_guardian = needs_guardian(&profile.birth_date, guardian_age);
    Ok(SignupData { viewer: Some(viewer), profile, needs_guardian, guardian_age })
}

/// Whether someone born on `birth_date` is, today in Kazakhstan, younger than `guardian_age`.
#[cfg(feature = "ssr")]
pub fn needs_guardian(birth_date: &str, guardian_age: u32) -> bool {
    let today = chrono::Utc::now().with_timezone(&crate::i18n::kazakhstan_offset()).date_naive();
    crate::volunteers::model::parse_birth_date(birth_date)
        .map(|birth| crate::volunteers::model::age_on(birth, today) < guardian_age)
        .unwrap_or(false)
}
