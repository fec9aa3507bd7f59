//! Help requests in the database: filing, steps through the ledger, and the lists people see.
//! Every status change and its ledger entry are written in one transaction.

mod lists;
pub use lists::*;

use super::ledger::{self, Actor};
use super::access::{permitted, Standing, StepRefused};
use super::form::HelpRequestDraft;
use super::model::{
    ActorKind, HelpAction, HelpKind, HelpStatus, PublicRequest, RequestContacts, RequestFilter, RequestNeeds,
    TimelineEntry, Urgency, CONFIRMATION_ATTEMPTS, HELP_CONSENT_VERSION,
};
use crate::auth::session::{new_token, token_hash};
use crate::auth::Viewer;
use crate::campaigns::model::OrganizationRef;
use crate::i18n::{kazakhstan_offset, LocalizedText, Locale};
use crate::server::db::{Backend, Db, Sql, Tx};
use chrono::{DateTime, Utc};
use sqlx::FromRow;

/// The private link's token and the confirmation code of a new request, shown to the person once.
pub struct Secrets {
    pub token: String,
    pub code: String,
}

impl Secrets {
    pub fn new() -> Secrets {
        let token = new_token();
        Secrets { code: code_for(&token), token }
    }
}

impl Default for Secrets {
    fn default() -> Self {
        Secrets::new()
    }
}

/// The confirmation code belonging to a private link's token: six digits derived from it, so
/// the person's page can show the code again while the database keeps neither in clear.
pub fn code_for(token: &str) -> String {
    let digest = token_hash(&format!("birgemiz-help-code:{token}"));
    let n = u64::from_str_radix(&digest[..15], 16).unwrap_or(0);
    format!("{:06}", n % 1_000_000)
}

/// What the database keeps of a confirmation code: salted by the request's token hash.
pub fn code_hash(follow_token_hash: &str, code: &str) -> String {
    token_hash(&format!("{follow_token_hash}:{code}"))
}

/// Who files a request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Filer {
    pub user_id: Option<i64>,
    /// A member filing for the people their organisation looks after.
    pub organization_id: Option<i64>,
    pub operator: bool,
}

impl Filer {
    fn actor(&self) -> Actor {
        let on_behalf = self.operator || self.organization_id.is_some();
        Actor { kind: if on_behalf { ActorKind::Filer } else { ActorKind::Requester }, user_id: self.user_id, organization_id: self.organization_id }
    }
}

/// Stores a new request and its first ledger entry (and the mail with its link, when given).
/// Files a request with its first ledger entry and mail. `once` (spending the form's stamp) runs
/// first in the same transaction: when it changes no row the form was sent before, nothing is
/// written and `None` comes back.
pub async fn file(db: &Db, draft: &HelpRequestDraft, filer: Filer, locale: Locale, secrets: &Secrets, once: Sql, mail: Option<Sql>) -> Result<Option<i64>, sqlx::Error> {
    let now = Utc::now();
    let follow = token_hash(&secrets.token);
    let filed_on = now.with_timezone(&kazakhstan_offset()).format("%Y-%m-%d").to_string();
    let mut tx = db.begin().await?;
    if tx.execute(once).await? == 0 {
        tx.rollback().await?;
        return Ok(None);
    }
    let mut sql = Sql::new(
        "INSERT INTO help_requests (kind, direction, region, urgency, status, locality, description, contact_name, contact_phone, contact_email, \
         address, locale, consent_version, filed_by_user_id, filed_for_organization_id, filed_by_operator, follow_token, confirmation_code, \
         filed_at, filed_on, updated_at) VALUES (",
    );
    sql.bind(draft.kind.as_str()).push(", ").bind(draft.direction.as_str()).push(", ").bind(draft.region.as_str());
    sql.push(", ").bind(draft.urgency.as_str()).push(", 'new', ").bind(draft.locality.as_str()).push(", ").bind(draft.description.as_str());
    sql.push(", ").bind(draft.contact_name.as_str()).push(", ").bind(draft.contact_phone.clone()).push(", ").bind(draft.contact_email.clone());
    sql.push(", ").bind(draft.address.clone()).push(", ").bind(locale.code()).push(", ").bind(HELP_CONSENT_VERSION);
    sql.push(", ").bind(filer.user_id).push(", ").bind(filer.organization_id).push(", ").bind(filer.operator);
    sql.push(", ").bind(follow.as_str()).push(", ").bind(code_hash(&follow, &secrets.code));
    sql.push(", ").bind(now).push(", ").bind(filed_on).push(", ").bind(now).push(") RETURNING id AS n");
    let id = tx.fetch_count(sql).await?;
    ledger::append(&mut tx, id, filer.actor(), None, HelpStatus::New, None, now).await?;
    if let Some(mail) = mail {
        tx.execute(mail).await?;
    }
    tx.commit().await?;
    Ok(Some(id))
}

/// One organisation a person belongs to, for deciding what they may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, FromRow)]
pub struct Membership {
    pub organization_id: i64,
    pub verified: bool,
}

/// The person acting on a request, and how they came.
#[derive(Clone, Debug, Default)]
pub struct Acting {
    pub viewer: Option<Viewer>,
    /// An adult with a confirmed address and a finished signup: may take requests themselves.
    pub eligible_volunteer: bool,
    /// Visible organisations the viewer belongs to.
    pub memberships: Vec<Membership>,
    /// The request's private link was presented (and matched this request).
    pub via_link: bool,
    /// The organisation a member acts for (take, verify), when they chose one.
    pub as_organization: Option<i64>,
}

impl Acting {
    pub fn anonymous() -> Acting {
        Acting::default()
    }

    fn verified_organizations(&self) -> impl Iterator<Item = i64> + '_ {
        self.memberships.iter().filter(|m| m.verified).map(|m| m.organization_id)
    }

    fn is_member_of(&self, organization: Option<i64>) -> bool {
        organization.is_some_and(|o| self.memberships.iter().any(|m| m.organization_id == o))
    }

    /// The verified organisation the member acts for: the chosen one, else their first.
    pub fn acting_organization(&self) -> Option<i64> {
        match self.as_organization {
            Some(chosen) => self.verified_organizations().find(|o| *o == chosen),
            None => self.verified_organizations().next(),
        }
    }

    fn user_id(&self) -> Option<i64> {
        self.viewer.as_ref().map(|v| v.id)
    }
}

/// Whether a person may take requests on their own (see [`Acting::eligible_volunteer`]).
pub fn is_eligible_volunteer(viewer: &Viewer) -> bool {
    let adult = viewer
        .birth_date
        .as_deref()
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .is_some_and(|birth| crate::volunteers::form::age_on(birth, Utc::now().date_naive()) >= crate::volunteers::model::ADULT_AGE);
    viewer.email_verified && viewer.signup_step == crate::volunteers::model::SignupStep::Done && adult
}

/// Everything the server needs to know about who acts: the viewer, their organisations.
pub async fn acting(db: &Db, viewer: Option<Viewer>) -> Result<Acting, sqlx::Error> {
    let Some(viewer) = viewer else { return Ok(Acting::anonymous()) };
    let mut sql = Sql::new(
        "SELECT m.organization_id, o.verified FROM organization_members m JOIN organizations o ON o.id = m.organization_id \
         WHERE o.hidden_at IS NULL AND m.user_id = ",
    );
    sql.bind(viewer.id).push(" ORDER BY m.organization_id");
    let memberships = db.fetch_all(sql).await?;
    Ok(Acting { eligible_volunteer: is_eligible_volunteer(&viewer), viewer: Some(viewer), memberships, via_link: false, as_organization: None })
}

#[derive(Clone, Debug, FromRow)]
pub struct StoredRequest {
    pub id: i64,
    pub kind: String,
    pub direction: String,
    pub region: String,
    pub urgency: String,
    pub status: String,
    pub locality: String,
    pub description: String,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub address: Option<String>,
    pub filed_by_user_id: Option<i64>,
    pub filed_for_organization_id: Option<i64>,
    pub filed_by_operator: bool,
    pub follow_token: String,
    pub confirmation_code: String,
    pub confirmation_failures: i64,
    pub taken_by_user_id: Option<i64>,
    pub taken_by_organization_id: Option<i64>,
    pub filed_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const REQUEST_COLUMNS: &str = "id, kind, direction, region, urgency, status, locality, description, contact_name, contact_phone, contact_email, \
    address, filed_by_user_id, filed_for_organization_id, filed_by_operator, follow_token, confirmation_code, confirmation_failures, \
    taken_by_user_id, taken_by_organization_id, filed_at, updated_at";

impl StoredRequest {
    pub fn status(&self) -> HelpStatus {
        HelpStatus::from_code(&self.status).unwrap_or(HelpStatus::New)
    }

    pub fn standing(&self, acting: &Acting) -> Standing {
        let user = acting.user_id();
        Standing {
            via_link: acting.via_link,
            is_filer: (user.is_some() && user == self.filed_by_user_id) || acting.is_member_of(self.filed_for_organization_id),
            is_taker: (user.is_some() && user == self.taken_by_user_id) || acting.is_member_of(self.taken_by_organization_id),
            is_moderator: acting.viewer.as_ref().is_some_and(|v| v.is_moderator),
            can_verify: acting.verified_organizations().next().is_some(),
            can_take: acting.eligible_volunteer || acting.verified_organizations().next().is_some(),
        }
    }

    /// What a helper sees before taking the request.
    pub fn needs(&self) -> RequestNeeds {
        RequestNeeds {
            urgency: Urgency::from_code(&self.urgency).unwrap_or(Urgency::Planned),
            locality: self.locality.clone(),
            description: self.description.clone(),
            filed_on_behalf: self.filed_by_operator || self.filed_for_organization_id.is_some(),
        }
    }

    pub fn contacts(&self) -> RequestContacts {
        RequestContacts { name: self.contact_name.clone(), phone: self.contact_phone.clone(), email: self.contact_email.clone(), address: self.address.clone() }
    }
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<StoredRequest>, sqlx::Error> {
    let mut sql = Sql::new(&format!("SELECT {REQUEST_COLUMNS} FROM help_requests WHERE id = "));
    sql.bind(id);
    db.fetch_optional(sql).await
}

/// The request a private link's token belongs to.
pub async fn by_token(db: &Db, token: &str) -> Result<Option<StoredRequest>, sqlx::Error> {
    if !crate::auth::links::looks_valid(token) {
        return Ok(None);
    }
    let mut sql = Sql::new(&format!("SELECT {REQUEST_COLUMNS} FROM help_requests WHERE follow_token = "));
    sql.bind(token_hash(token));
    db.fetch_optional(sql).await
}

/// Why a step was not taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepFailure {
    NotFound,
    Refused(StepRefused),
    /// The helper is signed in but may not take requests (not verified, not adult…).
    NotEligible,
    CodeWrong,
    /// Too many wrong codes: only the person's own link can confirm now.
    CodeLocked,
}

/// What a step asks for besides the action.
#[derive(Clone, Debug, Default)]
pub struct StepInput {
    pub note: Option<String>,
    /// The confirmation code the person gave the helper.
    pub code: Option<String>,
}

/// Takes `action` on request `id` for `acting`, if the rules allow it, and writes it to the
/// ledger. The request's row is locked while deciding, so two helpers cannot both take it.
pub async fn step(db: &Db, id: i64, action: HelpAction, acting: &Acting, input: &StepInput) -> Result<Result<HelpStatus, StepFailure>, sqlx::Error> {
    let mut tx = db.begin().await?;
    match take_step(&mut tx, id, action, acting, input).await {
        // A wrong code is refused, but the failed attempt is counted.
        Ok(outcome @ (Ok(_) | Err(StepFailure::CodeWrong))) => {
            tx.commit().await?;
            Ok(outcome)
        }
        Ok(refused) => {
            tx.rollback().await?;
            Ok(refused)
        }
        Err(error) => {
            let _ = tx.rollback().await;
            Err(error)
        }
    }
}

/// The body of [`step`] inside its transaction, which the caller commits or rolls back.
async fn take_step(tx: &mut Tx, id: i64, action: HelpAction, acting: &Acting, input: &StepInput) -> Result<Result<HelpStatus, StepFailure>, sqlx::Error> {
    let now = Utc::now();
    let mut sql = Sql::new(&format!("SELECT {REQUEST_COLUMNS} FROM help_requests WHERE id = "));
    sql.bind(id);
    if tx.backend() == Backend::Postgres {
        sql.push(" FOR UPDATE");
    }
    let Some(request) = tx.fetch_optional::<StoredRequest>(sql).await? else { return Ok(Err(StepFailure::NotFound)) };
    let standing = request.standing(acting);
    let from = request.status();
    if let Err(refused) = permitted(action, from, standing) {
        let not_eligible = action == HelpAction::Take && refused == StepRefused::NotAllowed && acting.viewer.is_some();
        return Ok(Err(if not_eligible { StepFailure::NotEligible } else { StepFailure::Refused(refused) }));
    }
    // The taker confirms with the person's code; the person's own link needs none.
    if action == HelpAction::Confirm && !standing.via_link {
        if request.confirmation_failures >= CONFIRMATION_ATTEMPTS {
            return Ok(Err(StepFailure::CodeLocked));
        }
        let matches = input.code.as_deref().is_some_and(|code| code_hash(&request.follow_token, code) == request.confirmation_code);
        if !matches {
            let mut failed = Sql::new("UPDATE help_requests SET confirmation_failures = confirmation_failures + 1 WHERE id = ");
            failed.bind(id);
            tx.execute(failed).await?;
            return Ok(Err(StepFailure::CodeWrong));
        }
    }
    let actor = actor_for(action, &request, standing, acting);
    let to = action.to();
    let mut update = Sql::new("UPDATE help_requests SET status = ");
    update.bind(to.code()).push(", updated_at = ").bind(now);
    match action {
        HelpAction::Verify => {
            update.push(", verified_at = ").bind(now);
        }
        HelpAction::Take => {
            let organization = (actor.kind == ActorKind::Organization).then_some(actor.organization_id).flatten();
            let user = (actor.kind == ActorKind::Volunteer).then_some(actor.user_id).flatten();
            update.push(", taken_by_organization_id = ").bind(organization).push(", taken_by_user_id = ").bind(user);
        }
        HelpAction::Release => {
            update.push(", taken_by_organization_id = NULL, taken_by_user_id = NULL");
        }
        HelpAction::Deliver => {
            update.push(", delivered_at = ").bind(now).push(", delivery_seconds = ").bind((now - request.filed_at).num_seconds().max(0));
        }
        HelpAction::Confirm => {
            update.push(", confirmed_at = ").bind(now);
        }
        _ => {}
    }
    update.push(" WHERE id = ").bind(id).push(" AND status = ").bind(from.code());
    if tx.execute(update).await? != 1 {
        return Ok(Err(StepFailure::Refused(StepRefused::WrongStatus)));
    }
    let note = input.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    ledger::append(tx, id, actor, Some(from), to, note, now).await?;
    Ok(Ok(to))
}

/// Who the ledger names for a step, by the standing that allowed it.
fn actor_for(action: HelpAction, request: &StoredRequest, standing: Standing, acting: &Acting) -> Actor {
    let user_id = acting.user_id();
    let person = |kind| Actor { kind, user_id, organization_id: None };
    let moderator = person(ActorKind::Moderator);
    let taker = || match request.taken_by_organization_id {
        Some(organization) => Actor { kind: ActorKind::Organization, user_id, organization_id: Some(organization) },
        None => person(ActorKind::Volunteer),
    };
    let verifier = || match acting.acting_organization() {
        Some(organization) => Actor { kind: ActorKind::Organization, user_id, organization_id: Some(organization) },
        None => moderator,
    };
    match action {
        HelpAction::Verify | HelpAction::Decline => {
            if standing.is_moderator && acting.as_organization.is_none() {
                moderator
            } else {
                verifier()
            }
        }
        HelpAction::Take => match acting.acting_organization() {
            // A member who is also a volunteer takes it for the organisation unless they chose themselves.
            Some(organization) if acting.as_organization.is_some() || !acting.eligible_volunteer => {
                Actor { kind: ActorKind::Organization, user_id, organization_id: Some(organization) }
            }
            _ => person(ActorKind::Volunteer),
        },
        HelpAction::Start | HelpAction::Deliver => taker(),
        HelpAction::Release | HelpAction::Close => {
            if standing.is_taker {
                taker()
            } else {
                moderator
            }
        }
        HelpAction::Confirm => {
            if standing.via_link {
                Actor { kind: ActorKind::Requester, user_id: None, organization_id: None }
            } else {
                taker()
            }
        }
        HelpAction::Cancel => {
            if standing.via_link {
                Actor { kind: ActorKind::Requester, user_id: None, organization_id: None }
            } else if standing.is_filer {
                Actor { kind: ActorKind::Filer, user_id, organization_id: request.filed_for_organization_id }
            } else {
                moderator
            }
        }
    }
}
