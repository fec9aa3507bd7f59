//! The person's own page's server function.

use crate::errors::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use crate::auth::Viewer;
#[cfg(feature = "ssr")]
use crate::volunteers::applications::model::ApplicationStatus;
#[cfg(feature = "ssr")]
use chrono::Utc;
#[cfg(feature = "ssr")]
use crate::server::db::Db;
#[cfg(feature = "ssr")]
use crate::volunteers::{applications::store as applications, store};
use super::model::MyPageData;
#[cfg(feature = "ssr")]
use super::model::ApplicationLine;

/// Everything on the volunteer's own page; `None` for a visitor (the page asks to sign in).
#[server(endpoint = "me", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_my_page() -> Result<Option<MyPageData>, AppError> {
    let state = crate::wiring::state::state()?;
    let Some(viewer) = crate::auth::session::current_viewer().await? else { return Ok(None) };
    Ok(Some(my_page_data(&state.db, viewer).await?))
}

#[cfg(feature = "ssr")]

pub async fn my_page_data(db: &Db, viewer: Viewer) -> Result<MyPageData, sqlx::Error> {
    let viewer_id = viewer.id;
    let profile = store::profile(db, viewer.id).await?.unwrap_or_default();
    let rows = applications::of_user(db, viewer.id).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.campaign_id).collect();
    let summaries = crate::campaigns::store::by_ids(db, &ids).await?;
    let now = Utc::now();
    let (mut upcoming, mut past) = (Vec::new(), Vec::new());
    let mut hours = 0.0;
    for row in rows {
        let Some(campaign) = summaries.iter().find(|s| s.id == row.campaign_id).cloned() else { continue };
        let status = ApplicationStatus::from_code(&row.status).unwrap_or(ApplicationStatus::Cancelled);
        hours += row.hours.unwrap_or(0.0);
        let line = ApplicationLine { status, hours: row.hours, campaign };
        if line.campaign.ends_at < now {
            past.push(line);
        } else {
            upcoming.push(line);
        }
    }
    let consent = store::latest_consent(db, viewer.id).await?;
    Ok(MyPageData {
        viewer,
        profile,
        upcoming,
        past,
        hours,
        consent_given_at: consent.as_ref().map(|c| c.given_at),
        consent_version: consent.map(|c| c.version),
        organizations: crate::organizations::store::memberships(db, viewer_id).await?,
        help_requests: crate::help::store::filed_by(db, viewer_id, 100).await?,
        guardian: crate::volunteers::guardian::store::my_guardian(db, viewer_id).await?,
    })
}
