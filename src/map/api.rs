//! Map data: a server function for the map page and `GET /api/v1/campaigns.geojson`.
//! Public reads: anyone may call them; they only count and show published campaigns.

use super::model::MapData;
use crate::campaigns::model::CampaignQuery;
use crate::errors::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Region counts and campaign points (clustered) for the filters in `query`, inside `bbox`
/// (`minLon,minLat,maxLon,maxLat`; the whole country when absent).
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "map")]
pub async fn load_map(#[server(default)] query: CampaignQuery, #[server(default)] bbox: Option<String>) -> Result<MapData, AppError> {
    let filter = query.validate().map_err(AppError::InvalidParameter)?;
    let bbox = super::model::BBox::from_param(bbox.as_deref()).map_err(AppError::InvalidParameter)?;
    let db = crate::server::state::db()?;
    Ok(super::store::map_data(&db, &filter, bbox, chrono::Utc::now()).await?)
}

#[cfg(feature = "ssr")]
pub use geojson::geojson;

#[cfg(feature = "ssr")]
mod geojson {
    use super::*;
    use crate::map::model::BBox;
    use crate::campaigns::api::{error_response, read_filters};
    use crate::server::state::AppState;
    use axum::extract::{RawQuery, State};
    use axum::response::{IntoResponse, Response};
    use axum::Json;
    use serde_json::{json, Value};

    fn point(lon: f64, lat: f64) -> Value {
        json!({ "type": "Point", "coordinates": [lon, lat] })
    }

    /// `GET /api/v1/campaigns.geojson`: the list's filters plus `bbox`; a FeatureCollection of
    /// clusters and campaigns, with the per-region counts in `regions`.
    pub async fn geojson(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
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
        let data = match crate::map::store::map_data(&state.db, &filter, bbox, chrono::Utc::now()).await {
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
}
