//! The signed-in person as pages and handlers know them.

use crate::volunteers::model::SignupStep;
use serde::{Deserialize, Serialize};

/// The signed-in person, as pages need to know them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Viewer {
    pub id: i64,
    pub full_name: String,
    pub email: String,
    pub email_verified: bool,
    pub signup_step: SignupStep,
    pub is_moderator: bool,
    /// Files help requests for people without a phone or internet (a front-office operator).
    pub is_operator: bool,
    /// `YYYY-MM-DD`, once given.
    pub birth_date: Option<String>,
    /// Where the person lives (ISO 3166-2), once given.
    pub region: Option<String>,
    /// A minor whose parent or guardian has not confirmed (or has withdrawn) their consent: may
    /// browse, not apply.
    pub awaiting_guardian: bool,
}
