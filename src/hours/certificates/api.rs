//! The public page of a certificate.

use super::model::Verification;
use crate::errors::AppError;
#[cfg(feature = "ssr")]
use crate::errors::with_status;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// A certificate and whether its hours still hold, for anyone with its id. Never cached: a
/// revocation shows at once.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "certificate")]
pub async fn load_certificate(id: String) -> Result<Verification, AppError> {
    crate::ui::keep_private();
    with_status(async {
        let db = crate::wiring::state::db()?;
        let certificate = super::store::get(&db, &id).await?.ok_or(AppError::NotFound)?;
        let corrections = super::store::corrections(&db, &certificate).await?;
        Ok(Verification { certificate, corrections })
    }
    .await)
}
