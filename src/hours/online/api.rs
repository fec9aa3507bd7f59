//! The server function of the page the person helped opens from the mailed link.

use super::model::HelpedSession;
use crate::errors::AppError;
use leptos::prelude::*;

/// The session the mailed link asks about, by its token. No account is needed.
#[server(input = leptos::server_fn::codec::GetUrl, prefix = "/api/fn", endpoint = "helped-session")]
pub async fn load_helped_session(token: String) -> Result<HelpedSession, AppError> {
    crate::ui::keep_private();
    crate::errors::with_status(async {
        if !crate::auth::links::looks_valid(&token) {
            return Err(AppError::NotFound);
        }
        let db = crate::wiring::state::db()?;
        super::store::by_token(&db, &token).await?.ok_or(AppError::NotFound)
    }
    .await)
}
