//! Guardians' consents in the database: the mailed link (`guardian_requests`, its token kept
//! as a hash), the consent it records (`consents`, kind `guardian`) and its withdrawal.

use super::model::GuardianDecision;
use crate::auth::session::token_hash;
use crate::server::db::{Db, Sql, Tx};
use chrono::{DateTime, Duration, Utc};

/// Confirming is possible this long after the mail; withdrawing, for as long as the consent stands.
const CONFIRM_DAYS: i64 = 14;

/// The statement that stores a new link for `guardian_email`, mailed with `token`.
pub fn insert_request(user_id: i64, token: &str, guardian_email: &str, locale: &str) -> Sql {
    let now = Utc::now();
    let mut sql = Sql::new("INSERT INTO guardian_requests (id, user_id, guardian_email, locale, created_at, expires_at) VALUES (");
    sql.bind(token_hash(token)).push(", ").bind(user_id).push(", ").bind(guardian_email).push(", ").bind(locale);
    sql.push(", ").bind(now).push(", ").bind(now + Duration::days(CONFIRM_DAYS)).push(")");
    sql
}

/// Earlier links of a person that were never answered stop working when a new one is sent (the
/// minor named another guardian, or asked again).
pub fn retire_unanswered(user_id: i64) -> Sql {
    let mut sql = Sql::new("UPDATE guardian_requests SET expires_at = ");
    sql.bind(Utc::now()).push(" WHERE confirmed_at IS NULL AND withdrawn_at IS NULL AND user_id = ").bind(user_id);
    sql
}

/// What a guardian's link shows.
#[derive(sqlx::FromRow)]
pub struct RequestRow {
    pub user_id: i64,
    pub full_name: String,
    pub birth_date: Option<String>,
    pub region: Option<String>,
    pub locality: Option<String>,
    pub directions: String,
    pub guardian_email: String,
    pub expires_at: DateTime<Utc>,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub withdrawn_at: Option<DateTime<Utc>>,
}

impl RequestRow {
    pub fn decision(&self) -> GuardianDecision {
        match (self.confirmed_at, self.withdrawn_at) {
            (_, Some(_)) => GuardianDecision::Withdrawn,
            (Some(_), None) => GuardianDecision::Confirmed,
            (None, None) => GuardianDecision::Awaiting,
        }
    }

    pub fn expired(&self) -> bool {
        self.expires_at <= Utc::now()
    }
}

pub async fn by_token(db: &Db, token: &str) -> Result<Option<RequestRow>, sqlx::Error> {
    let mut sql = Sql::new(
        "SELECT g.user_id, u.full_name, u.birth_date, u.region, u.locality, u.directions, g.guardian_email, g.expires_at, \
         g.confirmed_at, g.withdrawn_at FROM guardian_requests g JOIN users u ON u.id = g.user_id WHERE u.deleted_at IS NULL AND g.id = ",
    );
    sql.bind(token_hash(token));
    db.fetch_optional(sql).await
}

/// The latest link of a person (for their own page).
pub async fn latest_of(db: &Db, user_id: i64) -> Result<Option<RequestRow>, sqlx::Error> {
    let mut sql = Sql::new(
        "SELECT g.user_id, u.full_name, u.birth_date, u.region, u.locality, u.directions, g.guardian_email, g.expires_at, \
         g.confirmed_at, g.withdrawn_at FROM guardian_requests g JOIN users u ON u.id = g.user_id WHERE g.user_id = ",
    );
    sql.bind(user_id).push(" ORDER BY g.created_at DESC, g.id LIMIT 1");
    db.fetch_optional(sql).await
}

/// Where a person's guardian consent stands, if they have named a guardian (their own page).
pub async fn my_guardian(db: &Db, user_id: i64) -> Result<Option<super::model::MyGuardian>, sqlx::Error> {
    Ok(latest_of(db, user_id).await?.map(|row| super::model::MyGuardian {
        decision: row.decision(),
        expired: row.decision() == GuardianDecision::Awaiting && row.expired(),
        guardian_email: row.guardian_email,
    }))
}

#[derive(sqlx::FromRow)]
struct UserId {
    user_id: i64,
}

/// The guardian confirms: the link is used (only while good, only once) and the consent is
/// recorded with the text's version and the language it was read in. `false` when the link is
/// unknown, expired, answered already, or the account is gone.
pub async fn confirm(db: &Db, token: &str, version: &str, locale: &str) -> Result<bool, sqlx::Error> {
    let now = Utc::now();
    let mut tx = db.begin().await?;
    let mut used = Sql::new("UPDATE guardian_requests SET confirmed_at = ");
    used.bind(now).push(" WHERE id = ").bind(token_hash(token)).push(" AND confirmed_at IS NULL AND withdrawn_at IS NULL AND expires_at > ");
    used.bind(now).push(" AND user_id IN (SELECT id FROM users WHERE deleted_at IS NULL) RETURNING user_id");
    let Some(UserId { user_id }) = tx.fetch_optional::<UserId>(used).await? else {
        tx.rollback().await?;
        return Ok(false);
    };
    tx.execute(crate::volunteers::store::record_consent(user_id, "guardian", version, locale)).await?;
    tx.commit().await?;
    Ok(true)
}

/// The guardian refuses or withdraws: the link and any consent standing are withdrawn, and the
/// minor's applications to campaigns not yet over are withdrawn too (their places go to whoever
/// waits). Returns the campaigns whose application was withdrawn, or `None` when the link is
/// unknown, withdrawn already, or expired without an answer.
pub async fn withdraw(db: &Db, token: &str) -> Result<Option<Vec<i64>>, sqlx::Error> {
    let now = Utc::now();
    let mut tx = db.begin().await?;
    let mut used = Sql::new("UPDATE guardian_requests SET withdrawn_at = ");
    // A link never answered refuses only while it is good; a confirmed one withdraws at any time.
    used.bind(now).push(" WHERE id = ").bind(token_hash(token)).push(" AND withdrawn_at IS NULL AND (confirmed_at IS NOT NULL OR expires_at > ");
    used.bind(now).push(") RETURNING user_id");
    let Some(UserId { user_id }) = tx.fetch_optional::<UserId>(used).await? else {
        tx.rollback().await?;
        return Ok(None);
    };
    let mut consents = Sql::new("UPDATE consents SET withdrawn_at = ");
    consents.bind(now).push(" WHERE kind = 'guardian' AND withdrawn_at IS NULL AND user_id = ").bind(user_id);
    tx.execute(consents).await?;
    let withdrawn = withdraw_applications(&mut tx, user_id).await?;
    tx.commit().await?;
    Ok(Some(withdrawn))
}

#[derive(sqlx::FromRow)]
struct CampaignId {
    campaign_id: i64,
}

async fn withdraw_applications(tx: &mut Tx, user_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    let mut active = Sql::new(
        "SELECT a.campaign_id FROM applications a JOIN campaigns c ON c.id = a.campaign_id \
         WHERE a.status IN ('pending', 'approved', 'waitlisted') AND a.user_id = ",
    );
    active.bind(user_id).push(" AND c.ends_at > ").bind(Utc::now()).push(" ORDER BY a.campaign_id");
    let campaigns: Vec<CampaignId> = tx.fetch_all(active).await?;
    for campaign in &campaigns {
        crate::volunteers::applications::store::cancel_in(tx, campaign.campaign_id, user_id).await?;
    }
    Ok(campaigns.into_iter().map(|c| c.campaign_id).collect())
}
