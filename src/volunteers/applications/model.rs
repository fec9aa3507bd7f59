//! What a campaign page shows a volunteer about applying: their application and what stands in the way.

use crate::volunteers::model::SignupStep;
use crate::i18n::coded;
use serde::{Deserialize, Serialize};

coded! {
    /// Where an application stands.
    ApplicationStatus {
        /// Holds a place; the organisers have not decided yet.
        Pending = "pending" => ApplyStatusPending,
        Approved = "approved" => ApplyStatusApproved,
        Waitlisted = "waitlisted" => ApplyStatusWaitlisted,
        Rejected = "rejected" => ApplyStatusRejected,
        Cancelled = "cancelled" => ApplyStatusCancelled,
    }
}

impl ApplicationStatus {
    /// Whether the volunteer can still withdraw.
    pub fn can_cancel(self) -> bool {
        matches!(self, Self::Pending | Self::Approved | Self::Waitlisted)
    }
}

/// The signed-in volunteer's application to one campaign.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyApplication {
    pub status: ApplicationStatus,
    /// 1 for the first on the waiting list.
    pub waitlist_position: Option<i64>,
}

/// Why the apply button is not offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Obstacle {
    SignedOut,
    SignupUnfinished(SignupStep),
    AddressUnverified,
    /// A minor whose parent or guardian has not confirmed their consent by the mailed link.
    AwaitingGuardian,
    Ended,
    TooYoung { min_age: i32 },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApplyState {
    pub obstacle: Option<Obstacle>,
    pub application: Option<MyApplication>,
    /// No place is free: applying joins the waiting list.
    pub full: bool,
    /// Hours of an online campaign are confirmed by its organisers; on site, by check-in.
    pub is_online: bool,
    /// An approved volunteer may check in or out now (see `hours/`).
    pub check_in_open: bool,
    /// An approved volunteer's sessions at an online campaign (see `hours/online/`).
    pub sessions: Vec<crate::hours::online::model::OnlineSession>,
}
