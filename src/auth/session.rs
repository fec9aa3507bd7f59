//! Server-side sessions. The browser holds a random token in an HttpOnly cookie; the database
//! holds only its SHA-256, the user and the expiry. A sign-in always starts a new session
//! (rotation), a sign-out deletes it, and a password change deletes every other one.

use super::store::{self, ViewerRow};
use super::Viewer;
use crate::errors::AppError;
use crate::server::config::Config;
use crate::server::cookies;
use crate::server::db::Sql;
use crate::wiring::state::AppState;
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, HeaderValue};
use chrono::{Duration, Utc};
use sha2::{Digest, Sha256};

/// A session ends after this long without use…
pub const IDLE_DAYS: i64 = 30;
/// …and in any case this long after sign-in (a stolen cookie does not live for ever).
pub const MAX_DAYS: i64 = 90;

/// 256 random bits from the operating system, as 64 hex digits.
pub fn new_token() -> String {
    use rand_core::RngCore;
    let mut bytes = [0u8; 32];
    rand_core::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// What the database keeps of a token.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub fn set_cookie(config: &Config, token: &str) -> (axum::http::HeaderName, HeaderValue) {
    (SET_COOKIE, cookies::set_cookie_value(config, cookies::session_cookie_name(config), token, MAX_DAYS * 24 * 3600))
}

pub fn clear_cookie(config: &Config) -> (axum::http::HeaderName, HeaderValue) {
    (SET_COOKIE, cookies::set_cookie_value(config, cookies::session_cookie_name(config), "", 0))
}

/// The statement that starts a session for `user_id` with `token`.
pub fn insert(user_id: i64, token: &str) -> Sql {
    let now = Utc::now();
    let mut sql = Sql::new("INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at) VALUES (");
    sql.bind(token_hash(token)).push(", ").bind(user_id).push(", ").bind(now).push(", ").bind(now).push(", ");
    sql.bind(now + Duration::days(IDLE_DAYS)).push(")");
    sql
}

pub fn delete(token: &str) -> Sql {
    let mut sql = Sql::new("DELETE FROM sessions WHERE id = ");
    sql.bind(token_hash(token));
    sql
}

/// Every session of a user but the one with `keep` (all of them when `None`).
pub fn delete_all_of(user_id: i64, keep: Option<&str>) -> Sql {
    let mut sql = Sql::new("DELETE FROM sessions WHERE user_id = ");
    sql.bind(user_id);
    if let Some(keep) = keep {
        sql.push(" AND id <> ").bind(token_hash(keep));
    }
    sql
}

/// The person a token belongs to, while the session is alive. Extends a session used after a
/// day, so that an active person stays signed in.
pub async fn viewer_for_token(state: &AppState, token: &str) -> Result<Option<Viewer>, sqlx::Error> {
    let db = &state.db;
    let hash = token_hash(token);
    let minors_born_after = crate::volunteers::signup::model::minors_born_after(state.config.guardian_consent_under);
    let Some(row) = store::viewer_by_session(db, &hash, &minors_born_after).await? else { return Ok(None) };
    let now = Utc::now();
    if row.last_seen_at < now - Duration::days(1) {
        let expires = (now + Duration::days(IDLE_DAYS)).min(row.session_created_at + Duration::days(MAX_DAYS));
        let mut sql = Sql::new("UPDATE sessions SET last_seen_at = ");
        sql.bind(now).push(", expires_at = ").bind(expires).push(" WHERE id = ").bind(hash);
        db.execute(sql).await?;
    }
    Ok(Some(ViewerRow::into_viewer(row)))
}

/// The signed-in person of the request being served (server functions and pages).
pub async fn current_viewer() -> Result<Option<Viewer>, AppError> {
    use leptos::prelude::use_context;
    let state = use_context::<AppState>().ok_or(AppError::Internal)?;
    let Some(parts) = use_context::<http::request::Parts>() else { return Ok(None) };
    let Some(token) = cookies::session_token(&parts.headers, &state.config) else { return Ok(None) };
    Ok(viewer_for_token(&state, &token).await?)
}

/// The signed-in person, or "not found" for anyone else (pages that need an account show a
/// sign-in prompt instead of calling this).
pub async fn require_viewer() -> Result<Viewer, AppError> {
    current_viewer().await?.ok_or(AppError::Unauthorized)
}

/// The signed-in person of a request, for plain axum handlers.
pub async fn current_viewer_of(state: &AppState, headers: &HeaderMap) -> Result<Option<Viewer>, AppError> {
    let Some(token) = cookies::session_token(headers, &state.config) else { return Ok(None) };
    Ok(viewer_for_token(&state, &token).await?)
}
