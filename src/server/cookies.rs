//! The cookies the server reads and sets: reading one by name, the session cookie's name, and
//! the attributes every cookie of the platform carries. What a session is lives in `auth`.

use super::config::Config;
use axum::http::header::COOKIE;
use axum::http::{HeaderMap, HeaderValue};

/// A cookie's value from the request, by name.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.trim())
}

/// A token cookie's value (64 hex digits; anything else is ignored).
pub fn token<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    cookie(headers, name).filter(|v| v.len() == 64 && v.chars().all(|c| c.is_ascii_hexdigit()))
}

/// `__Host-` binds the cookie to this exact origin, but browsers accept it only over HTTPS.
pub fn session_cookie_name(config: &Config) -> &'static str {
    if config.is_https() {
        "__Host-birgemiz-session"
    } else {
        "birgemiz-session"
    }
}

/// The session token the request carries, if any (whether it is alive is `auth`'s business).
pub fn session_token(headers: &HeaderMap, config: &Config) -> Option<String> {
    token(headers, session_cookie_name(config)).map(str::to_string)
}

/// An HttpOnly, same-site cookie for the whole site (`Secure` over HTTPS).
pub fn set_cookie_value(config: &Config, name: &str, value: &str, max_age_seconds: i64) -> HeaderValue {
    let secure = if config.is_https() { "; Secure" } else { "" };
    HeaderValue::from_str(&format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_seconds}{secure}"))
        .expect("cookie characters are ASCII")
}
