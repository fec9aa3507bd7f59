//! `GET /api/v1/campaigns.geojson`: the map's clusters and campaigns as GeoJSON.

use crate::errors::AppError;
use crate::map::model::BBox;
use crate::campaigns::open_data::read_filters;
use crate::server::open_data::error_response;
use crate::wiring::state::AppState;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/campaigns.geojson", get(geojson))
}

fn point(lon: f64, lat: f64) -> Value {
    json!({ "type": "Point", "coordinates": [lon, lat] })
}

/// `GET /api/v1/campaigns.geojson`: the list's filters plus `bbox`; a FeatureCollection of
/// clusters and campaigns, with the per-region counts in `regions`.
async fn geojson(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let (query, pairs) = match read_filters(raw, &["bbox"]) {
        Ok(read) => read,
        Err(response) => return response,
    };
    let filter = match query.validate() {
        Ok(filter) => filter,
        Err(invalid) => return error_response(AppError::InvalidParameter(invalid)),
    };
    let bbox = match BBox::from_param(pairs.iter().find(|(name, _)| name == "bbox").map(|(_, v)| v.as_str())) {
        Ok(bbox) => bbox,
        Err(invalid) => return error_response(AppError::InvalidParameter(invalid)),
    };
    let data = match crate::map::store::map_data(&state.db, &state.memos.map_points, &filter, bbox, chrono::Utc::now()).await {
        Ok(data) => data,
        Err(e) => return error_response(e.into()),
    };
    let clusters = data.clusters.iter().map(|c| {
        json!({ "type": "Feature", "geometry": point(c.lon, c.lat), "properties": {
            "kind": "cluster", "count": c.count, "bbox": [c.bbox.min_lon, c.bbox.min_lat, c.bbox.max_lon, c.bbox.max_lat] } })
    });
    let campaigns = data.campaigns.iter().map(|m| {
        let c = &m.campaign;
        json!({ "type": "Feature", "geometry": point(m.lon, m.lat), "properties": {
            "kind": "campaign", "id": c.id, "title": c.title, "organization": c.organization,
            "direction": c.direction, "region": c.region, "starts_at": c.starts_at, "ends_at": c.ends_at,
            "spots_left": c.spots_left(), "campaign": format!("/api/v1/campaigns/{}", c.id) } })
    });
    Json(json!({
        "type": "FeatureCollection",
        "features": clusters.chain(campaigns).collect::<Vec<_>>(),
        "regions": data.regions,
    }))
    .into_response()
}
