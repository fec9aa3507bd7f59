//! A parent's or guardian's consent for a minor volunteer, given by the guardian. At the
//! signup's consent step the minor names them and their email; the platform mails them a link
//! to a page that shows what the child signed up for and the personal-data text, where they
//! confirm or refuse, and from which they can withdraw later (the child's applications are
//! then withdrawn). Until a guardian confirms, the minor can browse but not apply.

pub mod page;

pub use page::GuardianPage;

#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod store;

use crate::errors::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum GuardianDecision {
    Awaiting,
    Confirmed,
    Withdrawn,
}

/// What a guardian's link shows them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GuardianView {
    pub child_name: String,
    pub child_age: Option<u32>,
    /// Region code (ISO 3166-2) and locality, as the child gave them.
    pub region: Option<String>,
    pub locality: Option<String>,
    /// Direction slugs the child chose.
    pub directions: Vec<String>,
    pub decision: GuardianDecision,
    /// Still awaiting and within the link's time.
    pub can_confirm: bool,
    pub can_withdraw: bool,
}

/// Where a minor's own guardian consent stands (their page).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyGuardian {
    pub guardian_email: String,
    pub decision: GuardianDecision,
    /// The link was not answered in time: it must be sent again.
    pub expired: bool,
}

/// The guardian's page data, by the mailed link's token.
#[server(input = leptos::server_fn::codec::GetUrl, prefix = "/api/fn", endpoint = "guardian")]
pub async fn load_guardian_request(token: String) -> Result<GuardianView, AppError> {
    crate::ui::keep_private();
    crate::errors::with_status(async {
        let db = crate::server::state::db()?;
        if !crate::auth::links::looks_valid(&token) {
            return Err(AppError::NotFound);
        }
        let row = store::by_token(&db, &token).await?.ok_or(AppError::NotFound)?;
        let today = chrono::Utc::now().with_timezone(&crate::i18n::kazakhstan_offset()).date_naive();
        let child_age = row.birth_date.as_deref().and_then(|b| crate::volunteers::model::parse_birth_date(b).ok()).map(|b| crate::volunteers::model::age_on(b, today));
        let decision = row.decision();
        Ok(GuardianView {
            can_confirm: decision == GuardianDecision::Awaiting && !row.expired(),
            can_withdraw: decision == GuardianDecision::Confirmed || (decision == GuardianDecision::Awaiting && !row.expired()),
            child_name: row.full_name,
            child_age,
            region: row.region,
            locality: row.locality,
            directions: crate::volunteers::model::split_list(&row.directions),
            decision,
        })
    }
    .await)
}
