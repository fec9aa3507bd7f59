//! What the management pages of an organisation's campaigns show.

use super::form::CampaignDraft;
use crate::hours::model::{HoursReview, HoursSource, Mark};
use crate::i18n::{coded, LocalizedText};
use crate::volunteers::applications::model::ApplicationStatus;
use chrono::{DateTime, Utc};
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
    pub is_online: bool,
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
    /// Confirmed hours.
    pub hours: Option<f64>,
    /// How the confirmed hours came; `None` while none are confirmed.
    pub hours_source: Option<HoursSource>,
    /// The volunteer's check-ins and check-outs, and the hours they add up to.
    pub marks: Vec<Mark>,
    pub checked_hours: Option<f64>,
    /// The volunteer's sessions at an online campaign.
    pub sessions: Vec<crate::hours::online::model::OnlineSession>,
    /// Hours from check-in that wait for a moderator, and why; or that a moderator rejected.
    pub review: Option<HoursReview>,
    pub applied_at: DateTime<Utc>,
}

coded! {
    /// What the organisers decide about an application.
    Decision {
        Approve = "approve",
        Reject = "reject",
        Waitlist = "waitlist",
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
    /// Hours come from online sessions.
    pub is_online: bool,
}
