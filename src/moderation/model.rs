//! What moderation shows: the moderators' actions, the audit log and the page's data.

use crate::organizations::model::DirectoryPage;
use crate::i18n::coded;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

coded! {
    /// What a moderator did.
    ModeratorAction {
        Verify = "verify" => ModerationLogVerify,
        Reject = "reject" => ModerationLogReject,
        HideOrganization = "hide_organization" => ModerationLogHideOrganization,
        HideCampaign = "hide_campaign" => ModerationLogHideCampaign,
        /// An organisation changed a volunteer's hours from what their check-in and check-out give.
        ChangeHours = "change_hours" => ModerationLogChangeHours,
        /// A moderator confirmed hours from check-in that were flagged.
        ConfirmHours = "confirm_hours" => ModerationLogConfirmHours,
        /// A moderator rejected hours from check-in that were flagged.
        RejectHours = "reject_hours" => ModerationLogRejectHours,
    }
}

/// One line of the audit log, as moderators read it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub moderator: String,
    pub action: ModeratorAction,
    /// The organisation's slug or the campaign's id, for a link.
    pub subject: String,
    pub reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModerationData {
    /// One page of the organisations awaiting verification, newest first, for the filters.
    pub awaiting: DirectoryPage,
    pub log: Vec<AuditEntry>,
    /// Hours from check-in that were flagged, oldest first.
    pub hours_waiting: Vec<crate::hours::model::FlaggedHours>,
}
