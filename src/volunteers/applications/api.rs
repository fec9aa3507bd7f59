//! The campaign page's server function for the apply panel.

use crate::errors::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use super::store;
use super::model::ApplyState;

/// What the campaign page's apply panel shows to this visitor.
#[server(endpoint = "apply-state", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_apply_state(campaign_id: i64) -> Result<ApplyState, AppError> {
    let state = crate::wiring::state::state()?;
    let viewer = crate::auth::session::current_viewer().await?;
    let campaign = store::campaign_facts(&state.db, campaign_id).await?.ok_or(AppError::NotFound)?;
    let application = match &viewer {
        Some(viewer) => store::my_application(&state.db, campaign_id, viewer.id).await?,
        None => None,
    };
    Ok(ApplyState { obstacle: store::obstacle(viewer.as_ref(), &campaign), application, full: campaign.is_full() })
}
