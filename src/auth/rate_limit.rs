//! Limits on sign-in, signup and password-reset attempts, counted in the database so that every
//! server of the platform shares them.
//!
//! Per client address, every attempt counts. Per account, every sign-in from a browser that has
//! not signed in to that account before counts; a browser that has is not held back: an
//! attacker guessing someone's password cannot lock the owner out.

use crate::server::db::{Db, Sql};
use chrono::Utc;

#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub name: &'static str,
    pub max: i64,
    pub window_seconds: i64,
}

pub const SIGN_IN_PER_ADDRESS: Limit = Limit { name: "sign-in/address", max: 30, window_seconds: 15 * 60 };
pub const SIGN_IN_PER_ACCOUNT: Limit = Limit { name: "sign-in/account", max: 10, window_seconds: 15 * 60 };
/// Password checks on the signed-in person's own page (password change, account deletion).
pub const PASSWORD_CHECK_PER_ACCOUNT: Limit = Limit { name: "password-check/account", max: 10, window_seconds: 15 * 60 };
pub const SIGNUP_PER_ADDRESS: Limit = Limit { name: "signup/address", max: 10, window_seconds: 60 * 60 };
/// Signups with one email address, from anywhere: a taken address is refused, so trying many
/// from many machines would otherwise tell which addresses have accounts.
pub const SIGNUP_PER_EMAIL: Limit = Limit { name: "signup/email", max: 5, window_seconds: 60 * 60 };
pub const RESET_PER_ADDRESS: Limit = Limit { name: "reset/address", max: 10, window_seconds: 60 * 60 };
pub const RESET_PER_ACCOUNT: Limit = Limit { name: "reset/account", max: 3, window_seconds: 60 * 60 };
pub const ORGANIZATIONS_PER_ACCOUNT: Limit = Limit { name: "organizations/account", max: 5, window_seconds: 24 * 60 * 60 };
pub const MAIL_PER_ACCOUNT: Limit = Limit { name: "mail/account", max: 5, window_seconds: 60 * 60 };

/// Too many attempts: try again after this many minutes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryAfter(pub i64);

fn window(limit: Limit) -> (i64, i64) {
    let now = Utc::now().timestamp();
    let start = now - now.rem_euclid(limit.window_seconds);
    let minutes = ((start + limit.window_seconds - now) + 59) / 60;
    (start, minutes.max(1))
}

pub fn bucket(limit: Limit, key: &str) -> String {
    format!("{}:{}", limit.name, key.to_lowercase())
}

/// Counts one attempt; refuses it when the window already holds `max`.
pub async fn hit(db: &Db, limit: Limit, key: &str) -> Result<Result<(), RetryAfter>, sqlx::Error> {
    let (start, minutes) = window(limit);
    let mut sql = Sql::new("INSERT INTO rate_limits (bucket, window_start, hits) VALUES (");
    sql.bind(bucket(limit, key)).push(", ").bind(start).push(", 1) ON CONFLICT (bucket, window_start) ");
    sql.push("DO UPDATE SET hits = rate_limits.hits + 1 RETURNING hits AS n");
    let hits = db.fetch_count(sql).await?;
    Ok(if hits > limit.max { Err(RetryAfter(minutes)) } else { Ok(()) })
}

/// Forgets windows that have ended.
pub async fn forget_old(db: &Db) -> Result<u64, sqlx::Error> {
    let mut sql = Sql::new("DELETE FROM rate_limits WHERE window_start < ");
    sql.bind(Utc::now().timestamp() - 24 * 3600);
    db.execute(sql).await
}
