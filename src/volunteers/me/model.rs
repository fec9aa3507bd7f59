//! The person's own page: their profile, applications, hours, organisations and consents.

use crate::auth::Viewer;
use crate::campaigns::model::CampaignSummary;
use crate::volunteers::applications::model::ApplicationStatus;
use crate::volunteers::model::Profile;
use chrono::{DateTime, Utc};
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
    pub organizations: Vec<(crate::organizations::model::OrganizationCard, crate::organizations::model::MemberRole)>,
    /// Help requests the person filed while signed in (for themselves or for others).
    pub help_requests: Vec<crate::help::model::PublicRequest>,
    /// A minor's parent's or guardian's consent, once one is named.
    pub guardian: Option<crate::volunteers::guardian::model::MyGuardian>,
}
