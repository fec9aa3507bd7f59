//! Moderation: moderators verify or reject organisations awaiting verification and hide an
//! organisation or a campaign that breaks the rules. Every action goes to the audit log.

pub mod api;
pub mod model;
mod pages;

pub use pages::{HideCampaignTools, ModerationPage};

#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod store;
