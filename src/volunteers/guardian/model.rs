//! A parent's or guardian's consent as its pages show it.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum GuardianDecision {
    Awaiting,
    Confirmed,
    Withdrawn,
}

/// What a guardian's link shows them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GuardianView {
    pub child_name: String,
    pub child_age: Option<u32>,
    /// Region code (ISO 3166-2) and locality, as the child gave them.
    pub region: Option<String>,
    pub locality: Option<String>,
    /// Direction slugs the child chose.
    pub directions: Vec<String>,
    pub decision: GuardianDecision,
    /// Still awaiting and within the link's time.
    pub can_confirm: bool,
    pub can_withdraw: bool,
}

/// Where a minor's own guardian consent stands (their page).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyGuardian {
    pub guardian_email: String,
    pub decision: GuardianDecision,
    /// The link was not answered in time: it must be sent again.
    pub expired: bool,
}
