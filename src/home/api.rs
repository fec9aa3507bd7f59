//! The home page's server function. Public: anyone may call it.

use super::model::HomeOverview;
use crate::errors::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The home page's data. Public: anyone may call it.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "home")]
pub async fn load_home_overview() -> Result<HomeOverview, AppError> {
    crate::ui::same_for_every_visitor();
    use crate::campaigns::model::{CampaignQuery, Cursor, PageFrom};
    use crate::campaigns::store;
    /// How many upcoming campaigns the home page shows.
    const UPCOMING: u32 = 6;
    let state = crate::wiring::state::state()?;
    let db = state.db.clone();
    let now = chrono::Utc::now();
    let query = CampaignQuery { limit: Some(UPCOMING.to_string()), ..Default::default() };
    let mut filter = query.validate().map_err(AppError::InvalidParameter)?;
    // "Upcoming": the list's page that follows this moment, so campaigns already running
    // for weeks do not crowd out the ones about to start.
    filter.page = PageFrom::After(Cursor { starts_at: now.timestamp(), id: i64::MAX });
    // Counting a million volunteers takes a while: the figures are a minute old at most.
    let counters = state.memos.platform_counters(&db, now).await?;
    let upcoming = store::list(&db, &filter, now).await?.items;
    Ok(HomeOverview { counters, upcoming })
}
