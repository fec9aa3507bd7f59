//! What moderation shows: the moderators' actions, the audit log and the page's data.

use crate::organizations::model::DirectoryPage;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What a moderator did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ModeratorAction {
    Verify,
    Reject,
    HideOrganization,
    HideCampaign,
}

impl ModeratorAction {
    pub const ALL: [ModeratorAction; 4] =
        [ModeratorAction::Verify, ModeratorAction::Reject, ModeratorAction::HideOrganization, ModeratorAction::HideCampaign];

    pub fn code(self) -> &'static str {
        match self {
            ModeratorAction::Verify => "verify",
            ModeratorAction::Reject => "reject",
            ModeratorAction::HideOrganization => "hide_organization",
            ModeratorAction::HideCampaign => "hide_campaign",
        }
    }

    pub fn from_code(code: &str) -> Option<ModeratorAction> {
        Self::ALL.into_iter().find(|a| a.code() == code)
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
}
