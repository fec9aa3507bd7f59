//! Volunteer organisations and movements: registration, the public directory and profiles,
//! membership, and moderation.

pub mod api;
pub mod campaigns;
pub mod members;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod logo;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(all(test, feature = "ssr"))]
pub(crate) mod tests;
#[cfg(all(test, feature = "ssr"))]
mod authorization_tests;

use crate::campaigns::model::CampaignSummary;
use crate::i18n::LocalizedText;
use model::{OrganizationKind, Verification};
use serde::{Deserialize, Serialize};

/// What a signed-in person is to an organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MemberRole {
    Owner,
    Editor,
}

impl MemberRole {
    pub fn code(self) -> &'static str {
        match self {
            MemberRole::Owner => "owner",
            MemberRole::Editor => "editor",
        }
    }

    pub fn from_code(code: &str) -> Option<MemberRole> {
        match code {
            "owner" => Some(MemberRole::Owner),
            "editor" => Some(MemberRole::Editor),
            _ => None,
        }
    }
}

/// An organisation as the directory lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrganizationCard {
    pub id: i64,
    pub slug: String,
    pub name: LocalizedText,
    pub kind: OrganizationKind,
    pub verification: Verification,
    pub regions: Vec<String>,
    pub directions: Vec<String>,
    pub logo: Option<String>,
}

/// One page of the directory; the cursors are organisation ids.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DirectoryPage {
    pub items: Vec<OrganizationCard>,
    pub next: Option<i64>,
    pub previous: Option<i64>,
    pub total: i64,
}

/// Figures of what an organisation has done on the platform.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OrganizationFigures {
    pub volunteers: i64,
    pub hours: f64,
    pub campaigns: i64,
}

/// The public profile, with what the viewer may do on it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrganizationProfile {
    pub card: OrganizationCard,
    pub description: LocalizedText,
    pub bin: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: LocalizedText,
    pub website: Option<String>,
    pub social_links: Vec<String>,
    pub figures: OrganizationFigures,
    pub upcoming: Vec<CampaignSummary>,
    pub past: Vec<CampaignSummary>,
    /// The viewer's role in this organisation, if any.
    pub viewer_role: Option<MemberRole>,
    /// Shown to members and moderators only.
    pub rejection_reason: Option<String>,
    pub viewer_is_moderator: bool,
}
