//! An organisation's own campaigns: writing them, their status, the applications to them and
//! the hours given. Every query is bounded by the organisation's id, so one organisation can
//! never reach another's campaign by changing an id.

use super::form::CampaignDraft;
use super::model::{Applicant, Decision, ManagedCampaign};
use crate::campaigns::model::search_fold;
use crate::hours::model::{HoursReview, HoursSource};
use crate::i18n::LocalizedText;
use crate::server::db::{Db, Sql, Tx};
use crate::volunteers::applications::store::{lock_campaign, promote_first_waiting, take_place};
use crate::volunteers::applications::model::ApplicationStatus;
use chrono::{DateTime, Utc};
use sqlx::FromRow;

const TEXT_BASES: [&str; 4] = ["title", "description", "requirements", "question"];

fn texts_of(draft: &CampaignDraft) -> [(&'static str, &LocalizedText); 4] {
    [("title", &draft.title), ("description", &draft.description), ("requirements", &draft.requirements), ("question", &draft.question)]
}

fn search_text(draft: &CampaignDraft) -> String {
    let parts: Vec<&str> = [&draft.title, &draft.description].iter().flat_map(|t| [t.kk.as_deref(), t.ru.as_deref(), t.en.as_deref()]).flatten().collect();
    search_fold(&parts.join("\n"))
}

/// `col = $n, …` for every field of the draft.
fn push_fields(sql: &mut Sql, draft: &CampaignDraft) {
    for (base, text) in texts_of(draft) {
        sql.push(&format!("{base}_kk = ")).bind(text.kk.clone());
        sql.push(&format!(", {base}_ru = ")).bind(text.ru.clone());
        sql.push(&format!(", {base}_en = ")).bind(text.en.clone()).push(", ");
    }
    sql.push("search_text = ").bind(search_text(draft));
    sql.push(", direction = ").bind(draft.direction.as_str());
    sql.push(", region = ").bind(draft.region.as_str());
    sql.push(", is_online = ").bind(draft.is_online);
    sql.push(", address = ").bind((!draft.address.is_empty()).then(|| draft.address.clone()));
    sql.push(", latitude = ").bind(draft.latitude);
    sql.push(", longitude = ").bind(draft.longitude);
    sql.push(", starts_at = ").bind(draft.starts_at.unwrap_or_else(Utc::now));
    sql.push(", ends_at = ").bind(draft.ends_at.unwrap_or_else(Utc::now));
    sql.push(", capacity = ").bind(draft.capacity);
    sql.push(", min_age = ").bind(draft.adults_only.then_some(18i64));
    sql.push(", updated_at = ").bind(Utc::now());
}

/// Stores a new draft campaign of the organisation and returns its id.
pub async fn create(db: &Db, organization_id: i64, draft: &CampaignDraft) -> Result<i64, sqlx::Error> {
    let now = Utc::now();
    let mut tx = db.begin().await?;
    // A row with the required columns first, then every field through the one UPDATE.
    let mut sql = Sql::new(
        "INSERT INTO campaigns (organization_id, direction, region, status, title_kk, title_ru, title_en, search_text, is_online, starts_at, ends_at, created_at) VALUES (",
    );
    sql.bind(organization_id).push(", ").bind(draft.direction.as_str()).push(", ").bind(draft.region.as_str()).push(", 'draft', ");
    sql.bind(draft.title.kk.clone()).push(", ").bind(draft.title.ru.clone()).push(", ").bind(draft.title.en.clone());
    sql.push(", '', ").bind(draft.is_online).push(", ").bind(now).push(", ").bind(now).push(", ").bind(now).push(") RETURNING id AS n");
    let id = tx.fetch_count(sql).await?;
    let mut update = Sql::new("UPDATE campaigns SET ");
    push_fields(&mut update, draft);
    update.push(" WHERE id = ").bind(id);
    tx.execute(update).await?;
    tx.commit().await?;
    Ok(id)
}

/// Why a change was not made.
#[derive(Debug, PartialEq, Eq)]
pub enum UpdateRefused {
    /// No such campaign of this organisation (or hidden by a moderator).
    NotFound,
    /// The new capacity is below the places volunteers hold.
    BelowTaken(i64),
}

/// Saves the draft over the campaign, in one transaction with its places locked.
pub async fn update(db: &Db, organization_id: i64, id: i64, draft: &CampaignDraft) -> Result<Result<(), UpdateRefused>, sqlx::Error> {
    let mut tx = db.begin().await?;
    lock_campaign(&mut tx, id).await?;
    let Some(taken) = places_taken(&mut tx, organization_id, id).await? else { return Ok(Err(UpdateRefused::NotFound)) };
    if draft.capacity.is_some_and(|c| c < taken) {
        return Ok(Err(UpdateRefused::BelowTaken(taken)));
    }
    let mut sql = Sql::new("UPDATE campaigns SET ");
    push_fields(&mut sql, draft);
    sql.push(" WHERE hidden_at IS NULL AND id = ").bind(id).push(" AND organization_id = ").bind(organization_id);
    tx.execute(sql).await?;
    tx.commit().await?;
    Ok(Ok(()))
}

async fn places_taken(tx: &mut Tx, organization_id: i64, id: i64) -> Result<Option<i64>, sqlx::Error> {
    let mut sql = Sql::new("SELECT CAST(spots_taken AS BIGINT) AS n FROM campaigns WHERE hidden_at IS NULL AND id = ");
    sql.bind(id).push(" AND organization_id = ").bind(organization_id);
    match tx.fetch_count(sql).await {
        Ok(n) => Ok(Some(n)),
        Err(sqlx::Error::RowNotFound) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Publishes a draft (or a cancelled campaign again) that has not ended. `false`: nothing changed.
pub async fn publish(db: &Db, organization_id: i64, id: i64) -> Result<bool, sqlx::Error> {
    let mut sql = Sql::new("UPDATE campaigns SET status = 'published', updated_at = ");
    sql.bind(Utc::now()).push(" WHERE hidden_at IS NULL AND status <> 'published' AND ends_at > ").bind(Utc::now());
    sql.push(" AND id = ").bind(id).push(" AND organization_id = ").bind(organization_id);
    Ok(db.execute(sql).await? == 1)
}

/// Cancels a campaign: it leaves every list; applications stay for the record.
pub async fn cancel(db: &Db, organization_id: i64, id: i64) -> Result<bool, sqlx::Error> {
    let mut sql = Sql::new("UPDATE campaigns SET status = 'cancelled', updated_at = ");
    sql.bind(Utc::now()).push(" WHERE hidden_at IS NULL AND status <> 'cancelled' AND id = ").bind(id);
    sql.push(" AND organization_id = ").bind(organization_id);
    Ok(db.execute(sql).await? == 1)
}

/// A new draft with the same texts and settings, no applications; returns its id.
pub async fn duplicate(db: &Db, organization_id: i64, id: i64) -> Result<Option<i64>, sqlx::Error> {
    let Some((draft, _)) = draft_of(db, organization_id, id).await? else { return Ok(None) };
    Ok(Some(create(db, organization_id, &draft).await?))
}

#[derive(FromRow)]
struct DraftRow {
    title_kk: Option<String>,
    title_ru: Option<String>,
    title_en: Option<String>,
    description_kk: Option<String>,
    description_ru: Option<String>,
    description_en: Option<String>,
    requirements_kk: Option<String>,
    requirements_ru: Option<String>,
    requirements_en: Option<String>,
    question_kk: Option<String>,
    question_ru: Option<String>,
    question_en: Option<String>,
    direction: String,
    region: String,
    is_online: bool,
    address: Option<String>,
    latitude: Option<f64>,
    longitude: Option<f64>,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    capacity: Option<i64>,
    min_age: Option<i64>,
    status: String,
}

/// The campaign as its editor shows it, with its status.
pub async fn draft_of(db: &Db, organization_id: i64, id: i64) -> Result<Option<(CampaignDraft, String)>, sqlx::Error> {
    let columns: Vec<String> = TEXT_BASES.iter().flat_map(|b| ["kk", "ru", "en"].map(|l| format!("{b}_{l}"))).collect();
    let mut sql = Sql::new(&format!(
        "SELECT {}, direction, region, is_online, address, latitude, longitude, starts_at, ends_at, \
         CAST(capacity AS BIGINT) AS capacity, CAST(min_age AS BIGINT) AS min_age, status FROM campaigns WHERE hidden_at IS NULL AND id = ",
        columns.join(", ")
    ));
    sql.bind(id).push(" AND organization_id = ").bind(organization_id);
    let Some(r) = db.fetch_optional::<DraftRow>(sql).await? else { return Ok(None) };
    let draft = CampaignDraft {
        title: LocalizedText::new(r.title_kk, r.title_ru, r.title_en),
        description: LocalizedText::new(r.description_kk, r.description_ru, r.description_en),
        requirements: LocalizedText::new(r.requirements_kk, r.requirements_ru, r.requirements_en),
        question: LocalizedText::new(r.question_kk, r.question_ru, r.question_en),
        direction: r.direction,
        region: r.region,
        is_online: r.is_online,
        address: r.address.unwrap_or_default(),
        latitude: r.latitude,
        longitude: r.longitude,
        starts_at: Some(r.starts_at),
        ends_at: Some(r.ends_at),
        capacity: r.capacity,
        adults_only: r.min_age.is_some_and(|a| a >= 18),
    };
    Ok(Some((draft, r.status)))
}

#[derive(FromRow)]
struct ManagedRow {
    id: i64,
    title_kk: Option<String>,
    title_ru: Option<String>,
    title_en: Option<String>,
    status: String,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    capacity: Option<i64>,
    spots_taken: i64,
    waiting: i64,
    is_online: bool,
}

/// Every campaign of the organisation that a moderator has not hidden, latest start first.
pub async fn of_organization(db: &Db, organization_id: i64) -> Result<Vec<ManagedCampaign>, sqlx::Error> {
    managed(db, organization_id, None).await
}

/// One campaign of the organisation, as its list shows it.
pub async fn one(db: &Db, organization_id: i64, id: i64) -> Result<Option<ManagedCampaign>, sqlx::Error> {
    Ok(managed(db, organization_id, Some(id)).await?.pop())
}

async fn managed(db: &Db, organization_id: i64, only: Option<i64>) -> Result<Vec<ManagedCampaign>, sqlx::Error> {
    let mut sql = Sql::new(
        "SELECT c.id, c.title_kk, c.title_ru, c.title_en, c.status, c.starts_at, c.ends_at, CAST(c.capacity AS BIGINT) AS capacity, \
         CAST(c.spots_taken AS BIGINT) AS spots_taken, c.is_online, \
         (SELECT COUNT(*) FROM applications a WHERE a.campaign_id = c.id AND a.status = 'waitlisted') AS waiting \
         FROM campaigns c WHERE c.hidden_at IS NULL AND c.organization_id = ",
    );
    sql.bind(organization_id);
    if let Some(id) = only {
        sql.push(" AND c.id = ").bind(id);
    }
    sql.push(" ORDER BY c.starts_at DESC, c.id DESC LIMIT 500");
    let rows: Vec<ManagedRow> = db.fetch_all(sql).await?;
    Ok(rows
        .into_iter()
        .map(|r| ManagedCampaign {
            id: r.id,
            title: LocalizedText::new(r.title_kk, r.title_ru, r.title_en),
            status: r.status,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            capacity: r.capacity,
            spots_taken: r.spots_taken,
            waiting: r.waiting,
            is_online: r.is_online,
        })
        .collect())
}

#[derive(FromRow)]
struct ApplicantRow {
    id: i64,
    full_name: String,
    email: String,
    phone: Option<String>,
    birth_date: Option<String>,
    status: String,
    answer: Option<String>,
    attended: Option<bool>,
    hours: Option<f64>,
    hours_source: Option<String>,
    hours_review: Option<String>,
    hours_flags: Option<String>,
    created_at: DateTime<Utc>,
}

/// The applications to one of the organisation's campaigns, with the applicants' contacts:
/// the organisation sees the personal data of those who applied to it, nobody else's.
pub async fn applicants(db: &Db, organization_id: i64, campaign_id: i64) -> Result<Vec<Applicant>, sqlx::Error> {
    let mut sql = Sql::new(
        "SELECT a.id, u.full_name, u.email, u.phone, u.birth_date, a.status, a.answer, a.attended, \
         CAST(a.hours AS DOUBLE PRECISION) AS hours, a.hours_source, a.hours_review, a.hours_flags, a.created_at FROM applications a \
         JOIN campaigns c ON c.id = a.campaign_id JOIN users u ON u.id = a.user_id \
         WHERE u.deleted_at IS NULL AND c.id = ",
    );
    sql.bind(campaign_id).push(" AND c.organization_id = ").bind(organization_id).push(" ORDER BY a.created_at, a.id");
    let rows: Vec<ApplicantRow> = db.fetch_all(sql).await?;
    Ok(rows
        .into_iter()
        .map(|r| Applicant {
            id: r.id,
            full_name: r.full_name,
            email: r.email,
            phone: r.phone.unwrap_or_default(),
            birth_date: r.birth_date.unwrap_or_default(),
            status: ApplicationStatus::from_code(&r.status).unwrap_or(ApplicationStatus::Cancelled),
            answer: r.answer,
            attended: r.attended,
            hours: r.hours,
            hours_source: r.hours_source.as_deref().and_then(HoursSource::from_code),
            marks: Vec::new(),
            checked_hours: None,
            sessions: Vec::new(),
            review: HoursReview::read(r.hours_review.as_deref(), r.hours_flags.as_deref()),
            applied_at: r.created_at,
        })
        .collect())
}

#[derive(FromRow)]
struct StatusOnly {
    status: String,
}

/// Why a decision was not made.
#[derive(Debug, PartialEq, Eq)]
pub enum DecisionRefused {
    NotFound,
    /// Approving someone from the waiting list needs a free place.
    Full,
    /// The volunteer withdrew; their application stays withdrawn.
    Withdrawn,
}

/// Approves, rejects or waitlists an application to one of the organisation's campaigns. A
/// rejection frees the place for the first on the waiting list, as a withdrawal does.
pub async fn decide(db: &Db, organization_id: i64, campaign_id: i64, application_id: i64, decision: Decision) -> Result<Result<(), DecisionRefused>, sqlx::Error> {
    let now = Utc::now();
    let mut tx = db.begin().await?;
    lock_campaign(&mut tx, campaign_id).await?;
    let mut sql = Sql::new("SELECT a.status FROM applications a JOIN campaigns c ON c.id = a.campaign_id WHERE a.id = ");
    sql.bind(application_id).push(" AND c.id = ").bind(campaign_id).push(" AND c.organization_id = ").bind(organization_id);
    let Some(row) = tx.fetch_optional::<StatusOnly>(sql).await? else { return Ok(Err(DecisionRefused::NotFound)) };
    let current = ApplicationStatus::from_code(&row.status).unwrap_or(ApplicationStatus::Cancelled);
    use ApplicationStatus::*;
    let holds_place = matches!(current, Pending | Approved);
    let set = |status: &str, waitlisted: bool| {
        let mut sql = Sql::new("UPDATE applications SET status = ");
        sql.bind(status).push(", updated_at = ").bind(now).push(", waitlisted_at = ");
        if waitlisted {
            sql.bind(now);
        } else {
            sql.push("NULL");
        }
        sql.push(" WHERE id = ").bind(application_id);
        sql
    };
    let free_place = || {
        let mut sql = Sql::new("UPDATE campaigns SET spots_taken = spots_taken - 1 WHERE spots_taken > 0 AND id = ");
        sql.bind(campaign_id);
        sql
    };
    match (decision, current) {
        (_, Cancelled) => return Ok(Err(DecisionRefused::Withdrawn)),
        (Decision::Approve, Approved) | (Decision::Reject, Rejected) | (Decision::Waitlist, Waitlisted) => {}
        (Decision::Approve, Pending) => {
            tx.execute(set("approved", false)).await?;
        }
        (Decision::Approve, _) => {
            if !take_place(&mut tx, campaign_id).await? {
                return Ok(Err(DecisionRefused::Full));
            }
            tx.execute(set("approved", false)).await?;
        }
        (Decision::Reject, _) => {
            tx.execute(set("rejected", false)).await?;
            if holds_place {
                tx.execute(free_place()).await?;
                promote_first_waiting(&mut tx, campaign_id, now).await?;
            }
        }
        (Decision::Waitlist, _) => {
            // The freed place goes to whoever waited longest, before this one joins the end.
            if holds_place {
                tx.execute(free_place()).await?;
                promote_first_waiting(&mut tx, campaign_id, now).await?;
            }
            tx.execute(set("waitlisted", true)).await?;
        }
    }
    tx.commit().await?;
    Ok(Ok(()))
}
