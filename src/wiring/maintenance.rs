//! Housekeeping every hour: expired sessions and links, old rate-limit windows, signups
//! abandoned before consent (their personal data must not be kept without it), and the
//! contacts of help requests finished long ago.

use crate::server::db::Db;
use chrono::{Duration, Utc};

/// Signups left unfinished this long are deleted.
const ABANDONED_SIGNUP_DAYS: i64 = 30;
/// The contacts of a finished help request are kept this long (for questions about the help),
/// then erased; the request's public facts and its ledger stay.
pub const HELP_CONTACTS_DAYS: i64 = 90;

pub async fn run_once(db: &Db) -> Result<(), sqlx::Error> {
    let now = Utc::now();
    let mut expired = crate::auth::store::forget_expired(now);
    expired.extend([crate::volunteers::store::forget_pending_signups(None), crate::help::abuse::forget_spent()]);
    db.execute_all(expired).await?;
    crate::auth::rate_limit::forget_old(db).await?;
    crate::volunteers::store::erase_abandoned_signups(db, now - Duration::days(ABANDONED_SIGNUP_DAYS)).await?;
    crate::server::mail::forget_delivered(db, now).await?;
    crate::help::store::erase_old_contacts(db, HELP_CONTACTS_DAYS).await?;
    Ok(())
}

pub fn spawn(db: Db) {
    tokio::spawn(async move {
        loop {
            if let Err(error) = run_once(&db).await {
                tracing::warn!(%error, "housekeeping failed; will retry");
            }
            tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
        }
    });
}
