//! `GET /api/v1/campaigns`, `/api/v1/campaigns/{id}`, `/api/v1/regions` and `/api/v1/directions`:
//! published campaigns and the reference lists as JSON, for anyone to reuse.

use super::model::CampaignQuery;
use crate::errors::AppError;
use crate::server::open_data::{error_response, pairs};
use super::model::CampaignSummary;
use crate::i18n::Locale;
use crate::reference::{DIRECTIONS, REGIONS};
use crate::wiring::state::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use serde_json::{json, Value};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/campaigns", get(list))
        .route("/api/v1/campaigns/{id}", get(one))
        .route("/api/v1/regions", get(regions))
        .route("/api/v1/directions", get(directions))
}

#[derive(Serialize)]
struct ApiCampaign<'a> {
    #[serde(flatten)]
    summary: &'a CampaignSummary,
    spots_left: Option<i64>,
}

/// Reads the list's filters from a raw query; any other name than theirs and `extra` is refused.
pub fn read_filters(raw: Option<String>, extra: &[&str]) -> Result<(CampaignQuery, Vec<(String, String)>), Response> {
    const KNOWN: [&str; 9] = ["direction", "region", "from", "to", "mode", "q", "after", "before", "limit"];
    let known: Vec<&str> = KNOWN.iter().chain(extra).copied().collect();
    let pairs = pairs(raw, &known)?;
    Ok((CampaignQuery::from_pairs(pairs.iter().map(|(n, v)| (n.as_str(), v.as_str()))), pairs))
}

async fn list(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let query = match read_filters(raw, &[]) {
        Ok((query, _)) => query,
        Err(response) => return response,
    };
    let filter = match query.validate() {
        Ok(filter) => filter,
        Err(invalid) => return error_response(AppError::InvalidParameter(invalid)),
    };
    let page = match crate::campaigns::store::list(&state.db, &filter, chrono::Utc::now()).await {
        Ok(page) => page,
        Err(e) => return error_response(e.into()),
    };
    let link = |name: &str, cursor: Option<String>| -> Value {
        cursor.map_or(Value::Null, |c| {
            let mut params = form_urlencoded::Serializer::new(String::new());
            params.extend_pairs(query.filter_pairs()).append_pair(name, &c);
            Value::String(format!("/api/v1/campaigns?{}", params.finish()))
        })
    };
    let items: Vec<ApiCampaign> = page.items.iter().map(|c| ApiCampaign { summary: c, spots_left: c.spots_left() }).collect();
    Json(json!({
        "items": items,
        "next": link("after", page.next.map(|c| c.encode())),
        "previous": link("before", page.previous.map(|c| c.encode())),
    }))
    .into_response()
}

async fn one(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let Some(id) = id.parse::<i64>().ok().filter(|id| *id > 0) else {
        let body = json!({ "error": { "code": "malformed_id", "parameter": "id", "message": "expected a positive whole number" } });
        return (StatusCode::BAD_REQUEST, Json(body)).into_response();
    };
    match crate::campaigns::store::get(&state.db, id, chrono::Utc::now()).await {
        Ok(Some(campaign)) => {
            let spots_left = campaign.summary.spots_left();
            Json(json!({ "campaign": campaign, "spots_left": spots_left })).into_response()
        }
        Ok(None) => error_response(AppError::NotFound),
        Err(e) => error_response(e.into()),
    }
}

/// `{"kk": …, "ru": …, "en": …}` for a text from the translation files.
fn in_all_languages(text: impl Fn(Locale) -> &'static str) -> Value {
    json!({ "kk": text(Locale::Kk), "ru": text(Locale::Ru), "en": text(Locale::En) })
}

async fn regions() -> Response {
    let regions: Vec<Value> = REGIONS
        .iter()
        .map(|r| {
            let mut name = in_all_languages(|l| r.name(l));
            name["kk_latn"] = json!(r.name_kk_latn);
            json!({ "code": r.code, "kind": r.kind, "name": name, "centroid": { "lon": r.centroid.0, "lat": r.centroid.1 } })
        })
        .collect();
    Json(json!({ "items": regions })).into_response()
}

async fn directions() -> Response {
    let directions: Vec<Value> = DIRECTIONS
        .iter()
        .map(|d| {
            json!({
                "slug": d.slug,
                "name": in_all_languages(|l| d.name(l)),
                "gloss": in_all_languages(|l| d.gloss(l)),
                "scope": in_all_languages(|l| d.scope(l)),
            })
        })
        .collect();
    Json(json!({ "items": directions })).into_response()
}
