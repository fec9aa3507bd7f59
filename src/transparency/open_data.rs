//! `GET /api/v1/transparency` (JSON) and `GET /api/v1/transparency.csv`: the page's figures for
//! the same `region`, `direction`, `from` and `to`.

use super::model::{Figures, FiguresQuery};
use crate::errors::AppError;
use crate::server::csv::CsvFile;
use crate::server::open_data::{error_response, pairs};
use crate::wiring::state::AppState;
use axum::extract::{RawQuery, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/transparency", get(json)).route("/api/v1/transparency.csv", get(csv))
}

async fn read(state: &AppState, raw: Option<String>) -> Result<Figures, Response> {
    let pairs = pairs(raw, &["region", "direction", "from", "to"])?;
    let query = FiguresQuery::from_pairs(pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())));
    let filter = query.validate().map_err(|invalid| error_response(AppError::InvalidParameter(invalid)))?;
    super::store::figures_with(&state.db, &filter, &state.memos).await.map_err(|e| error_response(e.into()))
}

async fn json(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    match read(&state, raw).await {
        Ok(figures) => Json(figures).into_response(),
        Err(response) => response,
    }
}

async fn csv(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    match read(&state, raw).await {
        Ok(figures) => (
            [(CONTENT_TYPE, "text/csv; charset=utf-8"), (CONTENT_DISPOSITION, "attachment; filename=\"birgemiz-transparency.csv\"")],
            to_csv(&figures),
        )
            .into_response(),
        Err(response) => response,
    }
}

/// One row a figure: `section,key,measure,value`, with codes rather than names so that the
/// file reads the same in every language (names: `/api/v1/regions`, `/api/v1/directions`).
pub fn to_csv(f: &Figures) -> String {
    let mut rows: Vec<(String, String, String, String)> = Vec::new();
    let mut add = |section: &str, key: &str, measure: &str, value: String| rows.push((section.into(), key.into(), measure.into(), value));
    let r = &f.requests;
    for (measure, value) in [("filed", r.filed), ("verified", r.verified), ("delivered", r.delivered), ("confirmed", r.confirmed), ("declined", r.declined), ("cancelled", r.cancelled)] {
        add("requests", "all", measure, value.to_string());
    }
    add("requests", "all", "median_hours_to_delivery", r.median_hours_to_delivery.map(|h| h.to_string()).unwrap_or_default());
    for m in &f.by_month {
        add("month", &m.month, "filed", m.filed.to_string());
        add("month", &m.month, "delivered", m.delivered.to_string());
    }
    for k in &f.by_kind {
        add("kind", k.kind.code(), "filed", k.filed.to_string());
        add("kind", k.kind.code(), "delivered", k.delivered.to_string());
    }
    for g in &f.by_region {
        add("region", &g.region, "filed", g.filed.to_string());
        add("region", &g.region, "delivered", g.delivered.to_string());
    }
    let v = &f.volunteering;
    add("volunteering", "all", "volunteers", v.volunteers.to_string());
    add("volunteering", "all", "organizations", v.organizations.to_string());
    add("volunteering", "all", "campaigns", v.campaigns.to_string());
    add("volunteering", "all", "hours", v.hours.to_string());
    for d in &f.hours_by_direction {
        add("direction", &d.direction, "hours", d.hours.to_string());
        add("direction", &d.direction, "volunteers", d.volunteers.to_string());
    }
    // Every field is a code or a number the platform wrote.
    let mut file = CsvFile::plain();
    file.row(["section", "key", "measure", "value"]);
    for (section, key, measure, value) in rows {
        file.row([section, key, measure, value]);
    }
    file.finish()
}
