//! Housekeeping every hour: expired sessions and links, old rate-limit windows, signups
//! abandoned before consent (their personal data must not be kept without it), and the
//! contacts of help requests finished long ago.

use super::db::{Db, Sql};
use chrono::{Duration, Utc};

/// Signups left unfinished this long are deleted.
const ABANDONED_SIGNUP_DAYS: i64 = 30;
/// The contacts of a finished help request are kept this long (for questions about the help),
/// then erased; the request's public facts and its ledger stay.
pub const HELP_CONTACTS_DAYS: i64 = 90;

pub async fn run_once(db: &Db) -> Result<(), sqlx::Error> {
    let now = Utc::now();
    let mut sessions = Sql::new("DELETE FROM sessions WHERE expires_at < ");
    sessions.bind(now);
    let mut links = Sql::new("DELETE FROM email_tokens WHERE expires_at < ");
    links.bind(now - Duration::days(1));
    let mut devices = Sql::new("DELETE FROM known_devices WHERE COALESCE(last_used_at, created_at) < ");
    devices.bind(now - Duration::days(crate::auth::store::KNOWN_DEVICE_DAYS));
    let pending = crate::volunteers::store::forget_pending_signups(None);
    db.execute_all(vec![sessions, links, devices, pending, crate::help::abuse::forget_spent()]).await?;
    crate::auth::rate_limit::forget_old(db).await?;
    #[derive(sqlx::FromRow)]
    struct Abandoned {
        id: i64,
        email: String,
    }
    let mut sql = Sql::new("SELECT id, email FROM users WHERE signup_step <> 'done' AND deleted_at IS NULL AND created_at < ");
    sql.bind(now - Duration::days(ABANDONED_SIGNUP_DAYS)).push(" LIMIT 1000");
    for user in db.fetch_all::<Abandoned>(sql).await? {
        db.execute_all(crate::volunteers::store::erase_personal_data(user.id, &user.email)).await?;
    }
    // Delivered mail is kept a day for support questions, then removed (its links are spent
    // or expired by then).
    let mut sent = Sql::new("DELETE FROM mail_queue WHERE sent_at < ");
    sent.bind(now - Duration::days(1));
    db.execute(sent).await?;
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
