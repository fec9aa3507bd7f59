//! Accounts in the database, as sign-in needs them.

use super::Viewer;
use crate::server::db::{Db, Sql};
use crate::volunteers::model::SignupStep;
use chrono::{DateTime, Utc};

#[derive(sqlx::FromRow)]
pub struct ViewerRow {
    pub id: i64,
    pub full_name: String,
    pub email: String,
    pub email_verified_at: Option<DateTime<Utc>>,
    pub signup_step: String,
    pub is_moderator: bool,
    pub is_operator: bool,
    pub birth_date: Option<String>,
    pub region: Option<String>,
    pub awaiting_guardian: bool,
    pub last_seen_at: DateTime<Utc>,
    pub session_created_at: DateTime<Utc>,
}

impl ViewerRow {
    pub fn into_viewer(self) -> Viewer {
        Viewer {
            id: self.id,
            full_name: self.full_name,
            email: self.email,
            email_verified: self.email_verified_at.is_some(),
            signup_step: SignupStep::from_code(&self.signup_step).unwrap_or(SignupStep::Done),
            is_moderator: self.is_moderator,
            is_operator: self.is_operator,
            birth_date: self.birth_date,
            region: self.region,
            awaiting_guardian: self.awaiting_guardian,
        }
    }
}

const VIEWER_COLUMNS: &str = "u.id, u.full_name, u.email, u.email_verified_at, u.signup_step, u.is_moderator, u.is_operator, u.birth_date, u.region";

/// The signed-in person of a session. `minors_born_after` (see
/// `volunteers::signup::model::minors_born_after`) decides who is a minor awaiting a guardian's
/// confirmed consent, from the row as stored.
pub async fn viewer_by_session(db: &Db, session_hash: &str, minors_born_after: &str) -> Result<Option<ViewerRow>, sqlx::Error> {
    let mut sql = Sql::new(&format!("SELECT {VIEWER_COLUMNS}, (COALESCE(u.birth_date, '') > "));
    sql.bind(minors_born_after).push(&format!(
        " AND NOT EXISTS ({GUARDIAN_CONSENT})) AS awaiting_guardian, s.last_seen_at, s.created_at AS session_created_at \
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = "
    ));
    sql.bind(session_hash).push(" AND s.expires_at > ").bind(Utc::now()).push(" AND u.deleted_at IS NULL");
    db.fetch_optional(sql).await
}

/// A consent the guardian of user `u` confirmed and has not withdrawn.
pub const GUARDIAN_CONSENT: &str = "SELECT 1 FROM consents gc WHERE gc.user_id = u.id AND gc.kind = 'guardian' AND gc.withdrawn_at IS NULL";

#[derive(sqlx::FromRow)]
pub struct Credentials {
    pub id: i64,
    pub password_hash: Option<String>,
    pub signup_step: String,
    pub locale: String,
}

/// The account with this (normalised) address, if it can sign in.
pub async fn credentials_by_email(db: &Db, email: &str) -> Result<Option<Credentials>, sqlx::Error> {
    let mut sql = Sql::new("SELECT id, password_hash, signup_step, locale FROM users WHERE email = ");
    sql.bind(email).push(" AND deleted_at IS NULL");
    db.fetch_optional(sql).await
}

pub async fn credentials_by_id(db: &Db, id: i64) -> Result<Option<Credentials>, sqlx::Error> {
    let mut sql = Sql::new("SELECT id, password_hash, signup_step, locale FROM users WHERE id = ");
    sql.bind(id).push(" AND deleted_at IS NULL");
    db.fetch_optional(sql).await
}

pub fn set_password(user_id: i64, hash: &str) -> Sql {
    let mut sql = Sql::new("UPDATE users SET password_hash = ");
    sql.bind(hash).push(", password_changed_at = ").bind(Utc::now()).push(" WHERE id = ").bind(user_id);
    sql
}

/// Makes the account with this address a moderator; false when there is none.
pub async fn make_moderator(db: &Db, email: &str) -> Result<bool, sqlx::Error> {
    give_role(db, "is_moderator", email).await
}

/// Gives an account the front-office operator role (they file help requests for others).
pub async fn make_operator(db: &Db, email: &str) -> Result<bool, sqlx::Error> {
    give_role(db, "is_operator", email).await
}

async fn give_role(db: &Db, column: &'static str, email: &str) -> Result<bool, sqlx::Error> {
    let mut sql = Sql::new(&format!("UPDATE users SET {column} = TRUE WHERE email = "));
    sql.bind(email).push(" AND deleted_at IS NULL");
    Ok(db.execute(sql).await? > 0)
}

/// Remembers a browser that signed in to an account (see `rate_limit`), or that it did again.
pub fn remember_device(user_id: i64, device_token: &str) -> Sql {
    let now = Utc::now();
    let mut sql = Sql::new("INSERT INTO known_devices (id, user_id, created_at, last_used_at) VALUES (");
    sql.bind(super::session::token_hash(device_token)).push(", ").bind(user_id).push(", ").bind(now).push(", ").bind(now);
    sql.push(") ON CONFLICT (id, user_id) DO UPDATE SET last_used_at = excluded.last_used_at");
    sql
}

/// A browser stays known this long after it last signed in to the account.
pub const KNOWN_DEVICE_DAYS: i64 = 90;

pub async fn is_known_device(db: &Db, user_id: i64, device_token: &str) -> Result<bool, sqlx::Error> {
    let mut sql = Sql::new("SELECT COUNT(*) AS n FROM known_devices WHERE id = ");
    sql.bind(super::session::token_hash(device_token)).push(" AND user_id = ").bind(user_id);
    sql.push(" AND COALESCE(last_used_at, created_at) > ").bind(Utc::now() - chrono::Duration::days(KNOWN_DEVICE_DAYS));
    Ok(db.fetch_count(sql).await? > 0)
}

/// Forgets what has run out by `now`: sessions, sign-in and reset links (a day after expiry),
/// and devices not used for [`KNOWN_DEVICE_DAYS`].
pub fn forget_expired(now: DateTime<Utc>) -> Vec<Sql> {
    let mut sessions = Sql::new("DELETE FROM sessions WHERE expires_at < ");
    sessions.bind(now);
    let mut links = Sql::new("DELETE FROM email_tokens WHERE expires_at < ");
    links.bind(now - chrono::Duration::days(1));
    let mut devices = Sql::new("DELETE FROM known_devices WHERE COALESCE(last_used_at, created_at) < ");
    devices.bind(now - chrono::Duration::days(KNOWN_DEVICE_DAYS));
    vec![sessions, links, devices]
}

/// How many sessions a person has open (for their data export).
pub async fn active_sessions(db: &Db, user_id: i64) -> Result<i64, sqlx::Error> {
    let mut sql = Sql::new("SELECT COUNT(*) AS n FROM sessions WHERE user_id = ");
    sql.bind(user_id);
    db.fetch_count(sql).await
}

/// Marks a person's address as theirs (they followed a link mailed to it), once.
pub fn confirm_address(user_id: i64) -> Sql {
    let mut sql = Sql::new("UPDATE users SET email_verified_at = COALESCE(email_verified_at, ");
    sql.bind(Utc::now()).push(") WHERE id = ").bind(user_id);
    sql
}
