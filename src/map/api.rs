//! Map data: the map page's server function.
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
    crate::ui::same_for_every_visitor();
    let filter = query.validate().map_err(AppError::InvalidParameter)?;
    let bbox = super::model::BBox::from_param(bbox.as_deref()).map_err(AppError::InvalidParameter)?;
    let state = crate::wiring::state::state()?;
    Ok(super::store::map_data(&state.db, &state.memos.map_points, &filter, bbox, chrono::Utc::now()).await?)
}
