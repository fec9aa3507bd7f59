//! `/{lang}/me`: a volunteer's own page: profile, applications, hours, security, their data.

mod page;

pub use page::MyPage;

#[cfg(feature = "ssr")]
pub mod handlers;

use crate::auth::Viewer;
use crate::campaigns::model::CampaignSummary;
use crate::errors::AppError;
use crate::volunteers::applications::ApplicationStatus;
use crate::volunteers::model::Profile;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApplicationLine {
    pub campaign: CampaignSummary,
    pub status: ApplicationStatus,
    pub hours: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyPageData {
    pub viewer: Viewer,
    pub profile: Profile,
    pub upcoming: Vec<ApplicationLine>,
    pub past: Vec<ApplicationLine>,
    pub hours: f64,
    pub consent_given_at: Option<DateTime<Utc>>,
    pub consent_version: Option<String>,
    /// The organisations the person belongs to, with their role.
    pub organizations: Vec<(crate::organizations::OrganizationCard, crate::organizations::MemberRole)>,
    /// Help requests the person filed while signed in (for themselves or for others).
    pub help_requests: Vec<crate::help::model::PublicRequest>,
    /// A minor's parent's or guardian's consent, once one is named.
    pub guardian: Option<crate::volunteers::guardian::MyGuardian>,
}

/// Everything on the volunteer's own page; `None` for a visitor (the page asks to sign in).
#[server(endpoint = "me", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_my_page() -> Result<Option<MyPageData>, AppError> {
    let state = crate::server::state::state()?;
    let Some(viewer) = crate::auth::session::current_viewer().await? else { return Ok(None) };
    Ok(Some(handlers::my_page_data(&state.db, viewer).await?))
}
