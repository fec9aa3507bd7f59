//! What every `/api/v1` route shares: reading a query's parameters strictly (a name the route
//! does not know is an error, not ignored), and the JSON error body
//! `{"error": {"code", "message", "parameter"?}}` in English, for developers.

use crate::errors::{AppError, InvalidParameter};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// The JSON answer for an error, with its status.
pub fn error_response(error: AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = match &error {
        AppError::InvalidParameter(InvalidParameter { parameter, problem }) => {
            json!({ "error": { "code": problem, "parameter": parameter, "message": problem.api_message() } })
        }
        AppError::NotFound => json!({ "error": { "code": "not_found", "message": "nothing published has this id" } }),
        AppError::Unauthorized => json!({ "error": { "code": "unauthorized", "message": "sign in first" } }),
        AppError::Forbidden => json!({ "error": { "code": "forbidden", "message": "not allowed" } }),
        AppError::Unavailable => json!({ "error": { "code": "unavailable", "message": "the database is unavailable; try again later" } }),
        AppError::BadRequest => json!({ "error": { "code": "bad_request", "message": "the request's arguments cannot be read" } }),
        AppError::Internal | AppError::Request => json!({ "error": { "code": "internal", "message": "internal error" } }),
    };
    (status, Json(body)).into_response()
}

/// 400 for a parameter whose value is wrong, saying what was expected.
pub fn bad_parameter(name: &str, message: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({ "error": { "code": "invalid_parameter", "parameter": name, "message": message } }))).into_response()
}

/// 400 for a parameter the route does not know.
pub fn unknown_parameter(name: &str) -> Response {
    let body = json!({ "error": { "code": "unknown_parameter", "parameter": name, "message": "unknown parameter" } });
    (StatusCode::BAD_REQUEST, Json(body)).into_response()
}

/// The query's pairs, refusing names other than `known`.
pub fn pairs(raw: Option<String>, known: &[&str]) -> Result<Vec<(String, String)>, Response> {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(raw.unwrap_or_default().as_bytes()).into_owned().collect();
    match pairs.iter().find(|(name, _)| !known.contains(&name.as_str())) {
        Some((name, _)) => Err(unknown_parameter(name)),
        None => Ok(pairs),
    }
}

/// A parameter's value, when it is given and not empty.
pub fn param<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str()).filter(|v| !v.is_empty())
}

/// A whole number parameter within a range.
pub fn number(pairs: &[(String, String)], name: &str, range: std::ops::RangeInclusive<i64>) -> Result<Option<i64>, Response> {
    match param(pairs, name) {
        None => Ok(None),
        Some(v) => match v.parse::<i64>() {
            Ok(n) if range.contains(&n) => Ok(Some(n)),
            _ => Err(bad_parameter(name, &format!("expected a whole number from {} to {}", range.start(), range.end()))),
        },
    }
}
