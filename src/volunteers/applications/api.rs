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
    let now = chrono::Utc::now();
    let margin = crate::hours::handlers::open_margin();
    let approved = application.as_ref().is_some_and(|a| a.status == super::model::ApplicationStatus::Approved);
    let check_in_open = approved && !campaign.is_online && campaign.starts_at - margin <= now && now <= campaign.ends_at + margin;
    let sessions = match (&viewer, approved && campaign.is_online) {
        (Some(viewer), true) => match crate::hours::store::approved_application(&state.db, campaign_id, crate::hours::store::ApplicationOf::Volunteer(viewer.id)).await? {
            Some(application) => crate::hours::online::store::of_application(&state.db, application).await?,
            None => Vec::new(),
        },
        _ => Vec::new(),
    };
    Ok(ApplyState { obstacle: store::obstacle(viewer.as_ref(), &campaign), application, full: campaign.is_full(), is_online: campaign.is_online, check_in_open, sessions })
}
