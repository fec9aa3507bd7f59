//! Reading campaigns: server functions for the pages and the open-data JSON API.
//! Both are public reads; anyone may call them, and they only ever show published campaigns.

use super::model::{Campaign, CampaignPage, CampaignQuery};
use crate::errors::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// One page of the campaign list for the filters in `query` (as they stand in the page URL).
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "campaigns")]
pub async fn list_campaigns(#[server(default)] query: CampaignQuery) -> Result<CampaignPage, AppError> {
    let filter = query.validate().map_err(AppError::InvalidParameter)?;
    let db = crate::server::state::db()?;
    Ok(super::store::list(&db, &filter, chrono::Utc::now()).await?)
}

/// A published campaign.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "campaign")]
pub async fn get_campaign(id: i64) -> Result<Campaign, AppError> {
    let db = crate::server::state::db()?;
    super::store::get(&db, id, chrono::Utc::now()).await?.ok_or(AppError::NotFound)
}

#[cfg(feature = "ssr")]
pub use open_data::{error_response, read_filters, routes as open_data_routes};

/// `GET /api/v1/...`: the same data as JSON for anyone to reuse.
#[cfg(feature = "ssr")]
mod open_data {
    use super::*;
    use crate::campaigns::model::{CampaignSummary, InvalidParameter};
    use crate::i18n::Locale;
    use crate::reference::{DIRECTIONS, REGIONS};
    use crate::server::state::AppState;
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
            .route("/api/v1/campaigns.geojson", get(crate::map::api::geojson))
            .route("/api/v1/campaigns/{id}", get(one))
            .route("/api/v1/regions", get(regions))
            .route("/api/v1/directions", get(directions))
    }

    /// The JSON error body: `{"error": {"code", "message", "parameter"?}}`.
    pub fn error_response(error: AppError) -> Response {
        let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = match &error {
            AppError::InvalidParameter(InvalidParameter { parameter, problem }) => {
                json!({ "error": { "code": problem, "parameter": parameter, "message": problem.api_message() } })
            }
            AppError::NotFound => json!({ "error": { "code": "not_found", "message": "no published campaign has this id" } }),
            AppError::Unauthorized => json!({ "error": { "code": "unauthorized", "message": "sign in first" } }),
            AppError::Forbidden => json!({ "error": { "code": "forbidden", "message": "not allowed" } }),
            AppError::Unavailable => json!({ "error": { "code": "unavailable", "message": "the database is unavailable; try again later" } }),
            AppError::BadRequest => json!({ "error": { "code": "bad_request", "message": "the request's arguments cannot be read" } }),
            AppError::Internal | AppError::Request => json!({ "error": { "code": "internal", "message": "internal error" } }),
        };
        (status, Json(body)).into_response()
    }

    fn unknown_parameter(name: &str) -> Response {
        let body = json!({ "error": { "code": "unknown_parameter", "parameter": name, "message": "unknown parameter" } });
        (StatusCode::BAD_REQUEST, Json(body)).into_response()
    }

    #[derive(Serialize)]
    struct ApiCampaign<'a> {
        #[serde(flatten)]
        summary: &'a CampaignSummary,
        spots_left: Option<i64>,
    }

    /// Reads the list's filters from a raw query; any other name than theirs and `extra` is refused.
    pub fn read_filters(raw: Option<String>, extra: &[&str]) -> Result<(CampaignQuery, Vec<(String, String)>), Response> {
        let raw = raw.unwrap_or_default();
        let pairs: Vec<(String, String)> = form_urlencoded::parse(raw.as_bytes()).into_owned().collect();
        const KNOWN: [&str; 9] = ["direction", "region", "from", "to", "mode", "q", "after", "before", "limit"];
        if let Some((name, _)) = pairs.iter().find(|(name, _)| !KNOWN.contains(&name.as_str()) && !extra.contains(&name.as_str())) {
            return Err(unknown_parameter(name));
        }
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
}
