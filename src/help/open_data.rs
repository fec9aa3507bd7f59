//! Open data about help: the public list of requests and the anonymised ledger, as JSON. Neither
//! carries a description, a locality, a contact or a person.

use super::model::{RequestFilter, REQUESTS_PAGE_SIZE};
use crate::errors::AppError;
use crate::wiring::state::AppState;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use crate::server::open_data::{bad_parameter, error_response, number, pairs, param};
use serde_json::{json, Value};

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/help/requests", get(requests)).route("/api/v1/help/ledger", get(ledger))
}

/// The most entries one page of the ledger carries.
const LEDGER_PAGE_MAX: i64 = 1000;

fn database_error(error: sqlx::Error) -> Response {
    error_response(AppError::from(error))
}

/// `GET /api/v1/help/requests`: requests newest first, with `region`, `direction`, `kind`,
/// `status` and the `before` cursor from `next`.
async fn requests(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let pairs = match pairs(raw, &["region", "direction", "kind", "status", "before"]) {
        Ok(pairs) => pairs,
        Err(response) => return response,
    };
    let filter = RequestFilter::from_query(|name| param(&pairs, name).map(str::to_string));
    // A value the filter did not accept is an error here, not silently ignored.
    for (name, accepted) in [
        ("region", filter.region.is_some()),
        ("direction", filter.direction.is_some()),
        ("kind", filter.kind.is_some()),
        ("status", filter.status.is_some()),
        ("before", filter.before.is_some()),
    ] {
        if param(&pairs, name).is_some() && !accepted {
            return bad_parameter(name, "unknown value; see README.md, Open data API");
        }
    }
    let mut items = match super::store::public_list(&state.db, &filter, REQUESTS_PAGE_SIZE + 1).await {
        Ok(items) => items,
        Err(e) => return database_error(e),
    };
    let next = if items.len() as i64 > REQUESTS_PAGE_SIZE {
        items.truncate(REQUESTS_PAGE_SIZE as usize);
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.extend_pairs(filter.query()).append_pair("before", &items.last().map(|r| r.id).unwrap_or(0).to_string());
        Value::String(format!("/api/v1/help/requests?{}", query.finish()))
    } else {
        Value::Null
    };
    Json(json!({ "items": items, "next": next })).into_response()
}

/// `GET /api/v1/help/ledger`: the chain in order from `after` (0: the start), `limit` entries
/// (1–1000, default 500), and the head, so that anyone can check the hashes.
async fn ledger(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let pairs = match pairs(raw, &["after", "limit"]) {
        Ok(pairs) => pairs,
        Err(response) => return response,
    };
    let (after, limit) = match (number(&pairs, "after", 0..=i64::MAX), number(&pairs, "limit", 1..=LEDGER_PAGE_MAX)) {
        (Ok(after), Ok(limit)) => (after.unwrap_or(0), limit.unwrap_or(500)),
        (Err(response), _) | (_, Err(response)) => return response,
    };
    let entries = match super::ledger::public_entries(&state.db, after, limit).await {
        Ok(entries) => entries,
        Err(e) => return database_error(e),
    };
    let next = match entries.last() {
        Some(last) if entries.len() as i64 == limit => Value::String(format!("/api/v1/help/ledger?after={}&limit={limit}", last.seq)),
        _ => Value::Null,
    };
    #[derive(sqlx::FromRow, serde::Serialize)]
    struct Head {
        entries: i64,
        hash: String,
    }
    let head: Head = match state.db.fetch_one(crate::server::db::Sql::new("SELECT entries, hash FROM help_ledger_head WHERE id = 1")).await {
        Ok(head) => head,
        Err(e) => return database_error(e),
    };
    Json(json!({ "entries": entries, "next": next, "head": head, "genesis": super::ledger::GENESIS })).into_response()
}
