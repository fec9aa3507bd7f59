//! Reading campaigns: the server functions of the list and the campaign page. Public reads:
//! anyone may call them, and they only ever show published campaigns.

use super::model::{Campaign, CampaignPage, CampaignQuery};
use crate::errors::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// One page of the campaign list for the filters in `query` (as they stand in the page URL).
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "campaigns")]
pub async fn list_campaigns(#[server(default)] query: CampaignQuery) -> Result<CampaignPage, AppError> {
    crate::ui::same_for_every_visitor();
    let filter = query.validate().map_err(AppError::InvalidParameter)?;
    let db = crate::wiring::state::db()?;
    Ok(super::store::list(&db, &filter, chrono::Utc::now()).await?)
}

/// A published campaign.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "campaign")]
pub async fn get_campaign(id: i64) -> Result<Campaign, AppError> {
    crate::ui::same_for_every_visitor();
    let db = crate::wiring::state::db()?;
    super::store::get(&db, id, chrono::Utc::now()).await?.ok_or(AppError::NotFound)
}
