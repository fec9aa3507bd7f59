//! Moderation: moderators verify or reject organisations awaiting verification and hide an
//! organisation or a campaign that breaks the rules. Every action goes to the audit log.

mod page;

pub use page::{HideCampaignTools, ModerationPage};

#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod store;

use crate::errors::AppError;
use crate::organizations::model::DirectoryQuery;
use crate::organizations::DirectoryPage;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
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

/// The moderators' page; anyone else is refused. `query` filters and pages the queue as the
/// directory's filters do (search, region, direction).
#[server(endpoint = "moderation", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_moderation(#[server(default)] query: DirectoryQuery) -> Result<ModerationData, AppError> {
    crate::errors::with_status(moderation_data(query).await)
}

#[cfg(feature = "ssr")]
async fn moderation_data(query: DirectoryQuery) -> Result<ModerationData, AppError> {
    let viewer = crate::auth::session::current_viewer().await?.ok_or(AppError::Unauthorized)?;
    if !viewer.is_moderator {
        return Err(AppError::Forbidden);
    }
    let filter = query.validate().map_err(AppError::InvalidParameter)?;
    let db = crate::server::state::db()?;
    use crate::organizations::store::{directory, Listing};
    Ok(ModerationData { awaiting: directory(&db, &filter, Listing::AwaitingVerification).await?, log: store::recent(&db, 100).await? })
}
