//! Applications in the database. Capacity is enforced by one conditional UPDATE of the
//! campaign's `spots_taken` inside the application's transaction: under any number of
//! simultaneous applications, a place is taken only while one is free.

use super::model::{ApplicationStatus, MyApplication, Obstacle};
use crate::auth::Viewer;
use crate::server::db::{Db, Sql, Tx};
use crate::volunteers::model::SignupStep;
use crate::volunteers::form::{age_on, parse_birth_date};
use chrono::{DateTime, Utc};

#[derive(sqlx::FromRow)]
pub struct CampaignFacts {
    pub id: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: Option<i32>,
    pub spots_taken: i32,
    pub min_age: Option<i32>,
    pub is_online: bool,
}

impl CampaignFacts {
    pub fn is_full(&self) -> bool {
        self.capacity.is_some_and(|c| self.spots_taken >= c)
    }
}

/// A published campaign's facts that decide who may apply.
pub async fn campaign_facts(db: &Db, id: i64) -> Result<Option<CampaignFacts>, sqlx::Error> {
    let mut sql = Sql::new("SELECT id, starts_at, ends_at, capacity, spots_taken, min_age, is_online FROM campaigns WHERE status = 'published' AND id = ");
    sql.bind(id);
    db.fetch_optional(sql).await
}

/// What stands between this person and applying, if anything.
pub fn obstacle(viewer: Option<&Viewer>, campaign: &CampaignFacts) -> Option<Obstacle> {
    if campaign.ends_at < Utc::now() {
        return Some(Obstacle::Ended);
    }
    let Some(viewer) = viewer else { return Some(Obstacle::SignedOut) };
    if viewer.signup_step != SignupStep::Done {
        return Some(Obstacle::SignupUnfinished(viewer.signup_step));
    }
    if !viewer.email_verified {
        return Some(Obstacle::AddressUnverified);
    }
    if viewer.awaiting_guardian {
        return Some(Obstacle::AwaitingGuardian);
    }
    if let Some(min_age) = campaign.min_age.filter(|age| *age > 0) {
        let start = campaign.starts_at.with_timezone(&crate::i18n::kazakhstan_offset()).date_naive();
        let age = viewer.birth_date.as_deref().and_then(|b| parse_birth_date(b).ok()).map(|b| age_on(b, start));
        if age.is_none_or(|age| (age as i32) < min_age) {
            return Some(Obstacle::TooYoung { min_age });
        }
    }
    None
}

#[derive(sqlx::FromRow)]
struct StatusRow {
    status: String,
    waitlisted_at: Option<DateTime<Utc>>,
    id: i64,
}

pub async fn my_application(db: &Db, campaign_id: i64, user_id: i64) -> Result<Option<MyApplication>, sqlx::Error> {
    let mut sql = Sql::new("SELECT status, waitlisted_at, id FROM applications WHERE campaign_id = ");
    sql.bind(campaign_id).push(" AND user_id = ").bind(user_id);
    let Some(row) = db.fetch_optional::<StatusRow>(sql).await? else { return Ok(None) };
    let status = ApplicationStatus::from_code(&row.status).unwrap_or(ApplicationStatus::Cancelled);
    let waitlist_position = match (status, row.waitlisted_at) {
        (ApplicationStatus::Waitlisted, Some(at)) => {
            let mut sql = Sql::new("SELECT COUNT(*) AS n FROM applications WHERE campaign_id = ");
            sql.bind(campaign_id).push(" AND status = 'waitlisted' AND (waitlisted_at < ").bind(at);
            sql.push(" OR (waitlisted_at = ").bind(at).push(" AND id <= ").bind(row.id).push("))");
            Some(db.fetch_count(sql).await?)
        }
        _ => None,
    };
    Ok(Some(MyApplication { status, waitlist_position }))
}

#[derive(Debug, PartialEq, Eq)]
pub enum Applied {
    /// A place is held.
    Placed,
    Waitlisted,
    /// An application exists already (not cancelled).
    AlreadyApplied,
    /// A minor without a parent's or guardian's confirmed consent: nothing is written.
    AwaitingGuardian,
}

/// Locks the campaign's row for the rest of the transaction (PostgreSQL; SQLite's
/// `BEGIN IMMEDIATE` already serialises writers), so that an application and a cancellation
/// of the same campaign never interleave: a place freed is never missed by the waiting list.
pub(crate) async fn lock_campaign(tx: &mut Tx, campaign_id: i64) -> Result<(), sqlx::Error> {
    tx.lock_row("campaigns", campaign_id).await
}

/// Takes one place if one is free; true when it did.
pub(crate) async fn take_place(tx: &mut Tx, campaign_id: i64) -> Result<bool, sqlx::Error> {
    let mut sql = Sql::new("UPDATE campaigns SET spots_taken = spots_taken + 1 WHERE id = ");
    sql.bind(campaign_id).push(" AND (capacity IS NULL OR spots_taken < capacity)");
    Ok(tx.execute(sql).await? == 1)
}

/// Applies, holding a place or joining the waiting list. A cancelled application may be made
/// again; any other existing one is left as it is.
/// Applies `user_id` to a campaign: a place if one is free, else the waiting list. A minor (born
/// after `minors_born_after`) whose guardian has not confirmed is refused here too, whatever the
/// page showed, by the row as it is in this transaction.
pub async fn apply(db: &Db, campaign_id: i64, user_id: i64, answer: Option<String>, minors_born_after: &str) -> Result<Applied, sqlx::Error> {
    let now = Utc::now();
    let mut tx = db.begin().await?;
    lock_campaign(&mut tx, campaign_id).await?;
    let mut awaiting = Sql::new("SELECT COUNT(*) AS n FROM users u WHERE u.id = ");
    awaiting.bind(user_id).push(" AND COALESCE(u.birth_date, '') > ").bind(minors_born_after);
    awaiting.push(&format!(" AND NOT EXISTS ({})", crate::auth::store::GUARDIAN_CONSENT));
    if tx.fetch_count(awaiting).await? > 0 {
        tx.rollback().await?;
        return Ok(Applied::AwaitingGuardian);
    }
    let mut upsert = Sql::new("INSERT INTO applications (campaign_id, user_id, status, answer, created_at, updated_at) VALUES (");
    upsert.bind(campaign_id).push(", ").bind(user_id).push(", 'pending', ").bind(answer).push(", ").bind(now).push(", ").bind(now);
    upsert.push(") ON CONFLICT (campaign_id, user_id) DO UPDATE SET status = 'pending', answer = excluded.answer, ");
    upsert.push("updated_at = excluded.updated_at, waitlisted_at = NULL WHERE applications.status = 'cancelled' RETURNING id AS n");
    let Some(id) = tx.fetch_optional::<Id>(upsert).await?.map(|r| r.n) else {
        return Ok(Applied::AlreadyApplied);
    };
    let result = if take_place(&mut tx, campaign_id).await? {
        Applied::Placed
    } else {
        let mut wait = Sql::new("UPDATE applications SET status = 'waitlisted', waitlisted_at = ");
        wait.bind(now).push(" WHERE id = ").bind(id);
        tx.execute(wait).await?;
        Applied::Waitlisted
    };
    tx.commit().await?;
    Ok(result)
}

#[derive(sqlx::FromRow)]
struct Id {
    n: i64,
}

/// Withdraws an application. A freed place goes to the first on the waiting list; returns that
/// person's user id when someone moved up.
pub async fn cancel(db: &Db, campaign_id: i64, user_id: i64) -> Result<Option<i64>, sqlx::Error> {
    let mut tx = db.begin().await?;
    let promoted = cancel_in(&mut tx, campaign_id, user_id).await?;
    tx.commit().await?;
    Ok(promoted)
}

/// [`cancel`] inside a transaction the caller commits.
pub async fn cancel_in(tx: &mut Tx, campaign_id: i64, user_id: i64) -> Result<Option<i64>, sqlx::Error> {
    let now = Utc::now();
    lock_campaign(tx, campaign_id).await?;
    let mut held = Sql::new("UPDATE applications SET status = 'cancelled', waitlisted_at = NULL, updated_at = ");
    held.bind(now).push(" WHERE campaign_id = ").bind(campaign_id).push(" AND user_id = ").bind(user_id);
    held.push(" AND status IN ('pending', 'approved')");
    if tx.execute(held).await? == 0 {
        let mut waiting = Sql::new("UPDATE applications SET status = 'cancelled', waitlisted_at = NULL, updated_at = ");
        waiting.bind(now).push(" WHERE campaign_id = ").bind(campaign_id).push(" AND user_id = ").bind(user_id);
        waiting.push(" AND status = 'waitlisted'");
        tx.execute(waiting).await?;
        return Ok(None);
    }
    let mut free = Sql::new("UPDATE campaigns SET spots_taken = spots_taken - 1 WHERE spots_taken > 0 AND id = ");
    free.bind(campaign_id);
    tx.execute(free).await?;
    promote_first_waiting(tx, campaign_id, now).await
}

/// Gives a free place to the first on the waiting list, if a place is free and anyone waits.
pub(crate) async fn promote_first_waiting(tx: &mut Tx, campaign_id: i64, now: DateTime<Utc>) -> Result<Option<i64>, sqlx::Error> {
    if !take_place(tx, campaign_id).await? {
        return Ok(None);
    }
    let mut promote = Sql::new("UPDATE applications SET status = 'pending', waitlisted_at = NULL, updated_at = ");
    promote.bind(now).push(" WHERE status = 'waitlisted' AND id = (SELECT id FROM applications WHERE campaign_id = ");
    promote.bind(campaign_id).push(" AND status = 'waitlisted' ORDER BY waitlisted_at, id LIMIT 1) RETURNING user_id AS n");
    match tx.fetch_optional::<Id>(promote).await? {
        Some(row) => Ok(Some(row.n)),
        None => {
            // Nobody waits: give the place back.
            let mut undo = Sql::new("UPDATE campaigns SET spots_taken = spots_taken - 1 WHERE id = ");
            undo.bind(campaign_id);
            tx.execute(undo).await?;
            Ok(None)
        }
    }
}

/// One line of "my applications".
#[derive(sqlx::FromRow)]
pub struct ApplicationRow {
    pub campaign_id: i64,
    pub status: String,
    pub hours: Option<f64>,
}

pub async fn of_user(db: &Db, user_id: i64) -> Result<Vec<ApplicationRow>, sqlx::Error> {
    let mut sql = Sql::new("SELECT campaign_id, status, hours FROM applications WHERE user_id = ");
    sql.bind(user_id).push(" ORDER BY created_at DESC, id DESC LIMIT 500");
    db.fetch_all(sql).await
}

/// Withdraws every open application of a person to campaigns not yet ended (account deletion),
/// inside the caller's transaction.
pub async fn cancel_all_open(tx: &mut Tx, user_id: i64) -> Result<(), sqlx::Error> {
    let mut sql = Sql::new("SELECT a.campaign_id AS n FROM applications a JOIN campaigns c ON c.id = a.campaign_id WHERE a.user_id = ");
    sql.bind(user_id).push(" AND a.status IN ('pending', 'approved', 'waitlisted') AND c.ends_at >= ").bind(Utc::now());
    for row in tx.fetch_all::<Id>(sql).await? {
        cancel_in(tx, row.n, user_id).await?;
    }
    Ok(())
}
