//! Help requests as both sides see them: kinds, urgency, statuses, the rules of who may move a
//! request from one status to another, and the checks of the filing form.

use crate::i18n::coded;
use crate::campaigns::model::OrganizationRef;
use serde::{Deserialize, Serialize};

pub const DESCRIPTION_MIN: usize = 10;
pub const DESCRIPTION_MAX: usize = 2000;
pub const ADDRESS_MAX: usize = 200;
pub const NOTE_MAX: usize = 500;
/// The version of the consent text shown on the filing form (see `help_consent_text`).
pub const HELP_CONSENT_VERSION: &str = "2026-12-01";
/// Wrong confirmation codes a request accepts before only the person's own link can confirm it.
pub const CONFIRMATION_ATTEMPTS: i64 = 5;


coded! {
    /// What kind of help is asked for.
    HelpKind {
        Food = "food" => HelpKindFood,
        Medicine = "medicine" => HelpKindMedicine,
        Transport = "transport" => HelpKindTransport,
        HomeHelp = "home_help" => HelpKindHomeHelp,
        Companionship = "companionship" => HelpKindCompanionship,
        MissingPerson = "missing_person" => HelpKindMissingPerson,
        OnlineConsultation = "online_consultation" => HelpKindOnlineConsultation,
        Other = "other" => HelpKindOther,
    }
}

coded! {
    /// How soon help is needed.
    Urgency {
        Urgent = "urgent" => HelpUrgencyUrgent,
        Soon = "soon" => HelpUrgencySoon,
        Planned = "planned" => HelpUrgencyPlanned,
    }
}

coded! {
    /// Where a request is: new → verified → taken → in progress → delivered → confirmed →
    /// closed, or declined / cancelled.
    HelpStatus {
        New = "new" => HelpStatusNew,
        Verified = "verified" => HelpStatusVerified,
        Taken = "taken" => HelpStatusTaken,
        InProgress = "in_progress" => HelpStatusInProgress,
        Delivered = "delivered" => HelpStatusDelivered,
        Confirmed = "confirmed" => HelpStatusConfirmed,
        Closed = "closed" => HelpStatusClosed,
        Declined = "declined" => HelpStatusDeclined,
        Cancelled = "cancelled" => HelpStatusCancelled,
    }
}

coded! {
    /// A step that moves a request to another status.
    HelpAction {
        Verify = "verify" => HelpActionVerify,
        Decline = "decline" => HelpActionDecline,
        Take = "take" => HelpActionTake,
        Release = "release" => HelpActionRelease,
        Start = "start" => HelpActionStart,
        Deliver = "deliver" => HelpActionDeliver,
        Confirm = "confirm" => HelpActionConfirm,
        Close = "close" => HelpActionClose,
        Cancel = "cancel" => HelpActionCancel,
    }
}

coded! {
    /// Who made a ledger entry, as the public ledger tells it.
    ActorKind {
        Requester = "requester" => HelpActorRequester,
        Filer = "filer" => HelpActorFiler,
        Organization = "organization" => HelpActorOrganization,
        Volunteer = "volunteer" => HelpActorVolunteer,
        Moderator = "moderator" => HelpActorModerator,
        System = "system" => HelpActorSystem,
    }
}

/// The note of the platform's own entry when it cancels the open requests of a deleted account.
/// A code, not text: the timeline shows it in the reader's language.
pub const NOTE_ACCOUNT_DELETED: &str = "account-deleted";

impl HelpStatus {
    /// Still waiting for help (a helper can act on it).
    pub fn is_open(self) -> bool {
        matches!(self, HelpStatus::New | HelpStatus::Verified | HelpStatus::Taken | HelpStatus::InProgress)
    }
}

impl HelpAction {
    /// The statuses this step starts from.
    pub fn from(self) -> &'static [HelpStatus] {
        use HelpStatus::*;
        match self {
            HelpAction::Verify => &[New],
            HelpAction::Decline => &[New, Verified],
            HelpAction::Take => &[Verified],
            HelpAction::Release => &[Taken, InProgress],
            HelpAction::Start => &[Taken],
            HelpAction::Deliver => &[InProgress],
            HelpAction::Confirm => &[Delivered],
            HelpAction::Close => &[Confirmed, Delivered],
            HelpAction::Cancel => &[New, Verified, Taken, InProgress],
        }
    }

    pub fn to(self) -> HelpStatus {
        match self {
            HelpAction::Verify => HelpStatus::Verified,
            HelpAction::Decline => HelpStatus::Declined,
            HelpAction::Take => HelpStatus::Taken,
            HelpAction::Release => HelpStatus::Verified,
            HelpAction::Start => HelpStatus::InProgress,
            HelpAction::Deliver => HelpStatus::Delivered,
            HelpAction::Confirm => HelpStatus::Confirmed,
            HelpAction::Close => HelpStatus::Closed,
            HelpAction::Cancel => HelpStatus::Cancelled,
        }
    }

    /// Steps that undo or refuse something say why (the reason goes to the ledger).
    pub fn needs_note(self) -> bool {
        matches!(self, HelpAction::Decline | HelpAction::Release | HelpAction::Cancel)
    }
}

/// What anyone may see of a request: no description, no locality, no contacts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicRequest {
    pub id: i64,
    pub kind: HelpKind,
    pub direction: String,
    pub region: String,
    pub status: HelpStatus,
    pub filed_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    /// The organisation that took it, when one did (organisations are public).
    pub taken_by: Option<crate::campaigns::model::OrganizationRef>,
    /// Taken by an individual volunteer (who stays anonymous).
    pub taken_by_volunteer: bool,
}

/// What helpers see before taking a request (never contacts).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestNeeds {
    pub urgency: Urgency,
    pub locality: String,
    pub description: String,
    pub filed_on_behalf: bool,
}

/// What only the taker, the person and the one who filed it see.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestContacts {
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
}

/// One step of a request's history, as the public sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor: ActorKind,
    pub organization: Option<crate::campaigns::model::OrganizationRef>,
    pub from: Option<HelpStatus>,
    pub to: HelpStatus,
    /// Shown only to those who see the request's details.
    pub note: Option<String>,
}

/// A public list of requests: filters from the URL.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RequestFilter {
    pub region: Option<String>,
    pub direction: Option<String>,
    pub kind: Option<HelpKind>,
    pub status: Option<HelpStatus>,
    /// Requests older than this id (keyset pagination, newest first).
    pub before: Option<i64>,
}

impl RequestFilter {
    /// Reads the query string, ignoring what is not a known value (a bad link still shows a list).
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> RequestFilter {
        let region = get("region").filter(|r| crate::reference::Region::by_code(r).is_some());
        let direction = get("direction").filter(|d| crate::reference::Direction::by_slug(d).is_some());
        RequestFilter {
            region,
            direction,
            kind: get("kind").and_then(|k| HelpKind::from_code(&k)),
            status: get("status").and_then(|s| HelpStatus::from_code(&s)),
            before: get("before").and_then(|b| b.parse().ok()).filter(|b: &i64| *b > 0),
        }
    }

    /// The query string of this filter (without the cursor).
    pub fn query(&self) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        if let Some(r) = &self.region {
            q.push(("region", r.clone()));
        }
        if let Some(d) = &self.direction {
            q.push(("direction", d.clone()));
        }
        if let Some(k) = self.kind {
            q.push(("kind", k.code().to_string()));
        }
        if let Some(s) = self.status {
            q.push(("status", s.code().to_string()));
        }
        q
    }
}

pub const REQUESTS_PAGE_SIZE: i64 = 20;

/// The public list of requests.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HelpListData {
    pub items: Vec<PublicRequest>,
    /// The cursor of the next (older) page.
    pub next: Option<i64>,
}

/// What the filing form needs from the server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HelpFormData {
    /// The signed time stamp the post must carry back (see `abuse.rs`).
    pub stamp: String,
    pub signed_in: bool,
    pub is_operator: bool,
    /// Organisations the signed-in person may file for.
    pub organizations: Vec<OrganizationRef>,
}

/// A request's page, as this viewer may see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestView {
    pub request: PublicRequest,
    pub timeline: Vec<TimelineEntry>,
    /// For helpers, moderators, the taker, the filer and the person.
    pub needs: Option<RequestNeeds>,
    /// For the taker, the filer and the person only.
    pub contacts: Option<RequestContacts>,
    /// The steps this viewer may take now.
    pub steps: Vec<HelpAction>,
    /// Organisations a member may take or verify the request for.
    pub act_for: Vec<OrganizationRef>,
    /// The viewer may take it themselves as a volunteer.
    pub as_volunteer: bool,
    /// The person's confirmation code: only on their private page, which shows its own full
    /// address (the platform's public address, here, and the page's language and path).
    pub code: Option<String>,
    pub site_url: Option<String>,
    pub signed_in: bool,
}

/// The helpers' page: requests to verify, open requests near them, and theirs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HelperQueue {
    pub can_verify: bool,
    pub can_take: bool,
    pub to_verify: Vec<HelperItem>,
    pub open: Vec<HelperItem>,
    pub mine: Vec<HelperItem>,
    /// The filters the lists were read with (the viewer's own region by default).
    pub filter: RequestFilter,
    /// With no region chosen: the regions the lists were narrowed to, the viewer's own and those
    /// their verified organisations work in (empty: the whole country).
    pub near: Vec<String>,
}

/// A request as a helper's list shows it: public facts plus what is needed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HelperItem {
    pub request: PublicRequest,
    pub needs: RequestNeeds,
}

/// How many requests each list of the helpers' page shows.
pub const QUEUE_SIZE: i64 = 50;
