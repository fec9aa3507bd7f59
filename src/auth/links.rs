//! One-time links sent by mail: address verification, password reset, and signing in from a new
//! browser when an account's failed sign-ins are at their limit. The link carries a
//! random token; the database keeps its hash, the purpose and an expiry, and marks it used.

use super::session::{new_token, token_hash};
use crate::server::db::{Db, Sql, Tx};
use chrono::{Duration, Utc};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Verify,
    Reset,
    /// Signing in from a new browser while the account's failed sign-ins are at their limit.
    SignIn,
}

impl Purpose {
    fn code(self) -> &'static str {
        match self {
            Purpose::Verify => "verify",
            Purpose::Reset => "reset",
            Purpose::SignIn => "sign_in",
        }
    }

    fn lifetime(self) -> Duration {
        match self {
            Purpose::Verify => Duration::days(3),
            Purpose::Reset => Duration::hours(1),
            Purpose::SignIn => Duration::minutes(15),
        }
    }
}

/// A new link token and the statement that stores it.
pub fn issue(user_id: i64, purpose: Purpose) -> (String, Sql) {
    let token = new_token();
    let now = Utc::now();
    let mut sql = Sql::new("INSERT INTO email_tokens (id, user_id, purpose, created_at, expires_at) VALUES (");
    sql.bind(token_hash(&token)).push(", ").bind(user_id).push(", ").bind(purpose.code()).push(", ").bind(now);
    sql.push(", ").bind(now + purpose.lifetime()).push(")");
    (token, sql)
}

#[derive(sqlx::FromRow)]
struct Owner {
    user_id: i64,
}

/// The account a live, unused token of this purpose belongs to (does not use it up).
pub async fn peek(db: &Db, token: &str, purpose: Purpose) -> Result<Option<i64>, sqlx::Error> {
    let mut sql = Sql::new("SELECT user_id FROM email_tokens WHERE id = ");
    sql.bind(token_hash(token)).push(" AND purpose = ").bind(purpose.code());
    sql.push(" AND used_at IS NULL AND expires_at > ").bind(Utc::now());
    Ok(db.fetch_optional::<Owner>(sql).await?.map(|o| o.user_id))
}

/// Uses the token up inside `tx`, returning its account; `None` when it is unknown, used or
/// expired. Only one of two simultaneous uses can succeed (the update is conditional).
pub async fn consume(tx: &mut Tx, token: &str, purpose: Purpose) -> Result<Option<i64>, sqlx::Error> {
    let mut sql = Sql::new("UPDATE email_tokens SET used_at = ");
    sql.bind(Utc::now()).push(" WHERE id = ").bind(token_hash(token)).push(" AND purpose = ").bind(purpose.code());
    sql.push(" AND used_at IS NULL AND expires_at > ").bind(Utc::now()).push(" RETURNING user_id");
    Ok(tx.fetch_optional::<Owner>(sql).await?.map(|o| o.user_id))
}

/// Ends every unused link of this purpose of a person (after a password change or reset).
pub fn revoke_all(user_id: i64, purpose: Purpose) -> Sql {
    let mut sql = Sql::new("UPDATE email_tokens SET used_at = ");
    sql.bind(Utc::now()).push(" WHERE used_at IS NULL AND purpose = ").bind(purpose.code()).push(" AND user_id = ").bind(user_id);
    sql
}

/// A token's shape: 64 hex digits (anything else is not worth a query).
pub fn looks_valid(token: &str) -> bool {
    token.len() == 64 && token.chars().all(|c| c.is_ascii_hexdigit())
}
