//! The guardian page's server function (by the private link's token).

use crate::errors::AppError;
use leptos::prelude::*;
use super::model::GuardianView;
#[cfg(feature = "ssr")]
use super::{model::GuardianDecision, store};

/// The guardian's page data, by the mailed link's token.
#[server(input = leptos::server_fn::codec::GetUrl, prefix = "/api/fn", endpoint = "guardian")]
pub async fn load_guardian_request(token: String) -> Result<GuardianView, AppError> {
    crate::ui::keep_private();
    crate::errors::with_status(async {
        let db = crate::wiring::state::db()?;
        if !crate::auth::links::looks_valid(&token) {
            return Err(AppError::NotFound);
        }
        let row = store::by_token(&db, &token).await?.ok_or(AppError::NotFound)?;
        let today = chrono::Utc::now().with_timezone(&crate::i18n::kazakhstan_offset()).date_naive();
        let child_age = row.birth_date.as_deref().and_then(|b| crate::volunteers::form::parse_birth_date(b).ok()).map(|b| crate::volunteers::form::age_on(b, today));
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
