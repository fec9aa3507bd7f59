//! An organisation runs its campaigns: writes, publishes, cancels and duplicates them, decides
//! on applications and records who came and for how many hours.

#[cfg(feature = "ssr")]
mod csv;
pub mod model;
mod pages;

pub use pages::{CampaignApplicationsPage, CampaignEditorPage, ManageCampaignsPage};

#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(all(test, feature = "ssr"))]
pub(crate) mod tests;

use crate::errors::AppError;
#[cfg(feature = "ssr")]
use crate::errors::with_status;
use crate::i18n::LocalizedText;
use crate::volunteers::applications::ApplicationStatus;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use model::CampaignDraft;
use serde::{Deserialize, Serialize};

/// A campaign in its organisation's list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManagedCampaign {
    pub id: i64,
    pub title: LocalizedText,
    /// `draft`, `published` or `cancelled`.
    pub status: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: Option<i64>,
    pub spots_taken: i64,
    pub waiting: i64,
}

/// An application as the organisers see it, with the applicant's contacts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Applicant {
    pub id: i64,
    pub full_name: String,
    pub email: String,
    pub phone: String,
    pub birth_date: String,
    pub status: ApplicationStatus,
    pub answer: Option<String>,
    pub attended: Option<bool>,
    pub hours: Option<f64>,
    pub applied_at: DateTime<Utc>,
}

/// What the organisers decide about an application.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    Approve,
    Reject,
    Waitlist,
}

impl Decision {
    pub fn from_code(code: &str) -> Option<Decision> {
        match code {
            "approve" => Some(Decision::Approve),
            "reject" => Some(Decision::Reject),
            "waitlist" => Some(Decision::Waitlist),
            _ => None,
        }
    }
}

/// The organisation a member manages, as the management pages name it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManagedOrganization {
    pub slug: String,
    pub name: LocalizedText,
    pub verified: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignsData {
    pub organization: ManagedOrganization,
    pub campaigns: Vec<ManagedCampaign>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EditorData {
    pub organization: ManagedOrganization,
    /// `None` for a new campaign.
    pub id: Option<i64>,
    pub draft: CampaignDraft,
    pub status: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApplicationsData {
    pub organization: ManagedOrganization,
    pub campaign: ManagedCampaign,
    pub applicants: Vec<Applicant>,
    /// Attendance can be recorded once the campaign has started.
    pub started: bool,
}

/// The organisation's campaigns, for its members.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "manage-campaigns")]
pub async fn load_managed_campaigns(slug: String) -> Result<CampaignsData, AppError> {
    with_status(async {
        let (organization, id) = handlers::member_organization(&slug).await?;
        let db = crate::server::state::db()?;
        Ok(CampaignsData { organization, campaigns: store::of_organization(&db, id).await? })
    }.await)
}

/// One campaign in its editor (`campaign` 0 for a new one), for the organisation's members.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "campaign-editor")]
pub async fn load_campaign_editor(slug: String, campaign: i64) -> Result<EditorData, AppError> {
    with_status(async {
        let (organization, id) = handlers::member_organization(&slug).await?;
        if campaign == 0 {
            return Ok(EditorData { organization, id: None, draft: CampaignDraft::default(), status: None });
        }
        let db = crate::server::state::db()?;
        let (draft, status) = store::draft_of(&db, id, campaign).await?.ok_or(AppError::NotFound)?;
        Ok(EditorData { organization, id: Some(campaign), draft, status: Some(status) })
    }.await)
}

/// The applications to one campaign, with contacts, for the organisation's members.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "campaign-applications")]
pub async fn load_campaign_applications(slug: String, campaign: i64) -> Result<ApplicationsData, AppError> {
    with_status(async {
        let (organization, id) = handlers::member_organization(&slug).await?;
        let db = crate::server::state::db()?;
        let managed = store::one(&db, id, campaign).await?.ok_or(AppError::NotFound)?;
        let applicants = store::applicants(&db, id, campaign).await?;
        Ok(ApplicationsData { organization, started: managed.starts_at <= Utc::now(), campaign: managed, applicants })
    }.await)
}
