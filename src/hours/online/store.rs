//! Online sessions in the database (`online_sessions`), and the hours they add up to on the
//! application.

use super::model::{hours_of, HelpedSession, OnlineSession, SessionConfirmer, SessionStatus};
use crate::auth::session::token_hash;
use crate::hours::model::HoursSource;
use crate::server::db::{Db, Sql, Tx};
use chrono::{DateTime, Duration, Utc};
use sqlx::FromRow;

/// How long the person helped can answer the mailed link.
const HELPED_LINK_DAYS: i64 = 14;

const COLUMNS: &str = "s.id, s.application_id, s.starts_at, s.ends_at, s.status, s.confirmed_by, s.helped_token";

#[derive(FromRow)]
struct SessionRow {
    id: i64,
    application_id: i64,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    status: String,
    confirmed_by: Option<String>,
    helped_token: Option<String>,
}

impl SessionRow {
    fn session(&self) -> OnlineSession {
        OnlineSession {
            id: self.id,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            status: SessionStatus::from_code(&self.status).unwrap_or(SessionStatus::Claimed),
            confirmed_by: self.confirmed_by.as_deref().and_then(SessionConfirmer::from_code),
            asked_helped: self.helped_token.is_some(),
        }
    }
}

/// The sessions of one application, in time order.
pub async fn of_application(db: &Db, application_id: i64) -> Result<Vec<OnlineSession>, sqlx::Error> {
    Ok(db.fetch_all::<SessionRow>(of_application_sql(application_id)).await?.iter().map(SessionRow::session).collect())
}

fn of_application_sql(application_id: i64) -> Sql {
    let mut sql = Sql::new(&format!("SELECT {COLUMNS} FROM online_sessions s WHERE s.application_id = "));
    sql.bind(application_id).push(" ORDER BY s.starts_at, s.id");
    sql
}

/// The sessions of a campaign's applications, by application, in time order.
pub async fn of_campaign(db: &Db, campaign_id: i64) -> Result<Vec<(i64, OnlineSession)>, sqlx::Error> {
    by_application(db, "a.campaign_id", campaign_id).await
}

/// The sessions of a volunteer's applications, by application, in time order.
pub async fn of_volunteer(db: &Db, user_id: i64) -> Result<Vec<(i64, OnlineSession)>, sqlx::Error> {
    by_application(db, "a.user_id", user_id).await
}

/// One application's sessions out of [`of_campaign`] or [`of_volunteer`].
pub fn sessions_of(sessions: &[(i64, OnlineSession)], application_id: i64) -> Vec<OnlineSession> {
    sessions.iter().filter(|(application, _)| *application == application_id).map(|(_, session)| session.clone()).collect()
}

/// The sessions of the applications whose `column` (of `applications a`) is `id`.
async fn by_application(db: &Db, column: &'static str, id: i64) -> Result<Vec<(i64, OnlineSession)>, sqlx::Error> {
    let mut sql = Sql::new(&format!("SELECT {COLUMNS} FROM online_sessions s JOIN applications a ON a.id = s.application_id WHERE {column} = "));
    sql.bind(id).push(" ORDER BY s.starts_at, s.id");
    Ok(db.fetch_all::<SessionRow>(sql).await?.iter().map(|row| (row.application_id, row.session())).collect())
}

/// Why a session was not recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotRecorded {
    /// It overlaps another session of the volunteer's (at any campaign) that is not rejected.
    Overlap,
}

/// Who records a session: the volunteer (it waits for confirmation, and the person helped may be
/// mailed a link to confirm it), or a member of the organisation (confirmed as it is recorded).
pub enum RecordedBy {
    Volunteer { helped: Option<(String, crate::server::mail::Mail)> },
    Member(i64),
}

/// Records a session of an approved application. A volunteer's session waits; a member's is
/// confirmed and the application's hours follow.
pub async fn record(db: &Db, application_id: i64, starts_at: DateTime<Utc>, ends_at: DateTime<Utc>, by: RecordedBy) -> Result<Result<i64, NotRecorded>, sqlx::Error> {
    let now = Utc::now();
    let mut tx = db.begin().await?;
    let mut volunteer = Sql::new("SELECT user_id AS n FROM applications WHERE id = ");
    volunteer.bind(application_id);
    let volunteer = tx.fetch_count(volunteer).await?;
    // Two posts at once must not both pass the overlap check.
    tx.lock_row("users", volunteer).await?;
    let mut overlapping = Sql::new(
        "SELECT COUNT(*) AS n FROM online_sessions s JOIN applications a ON a.id = s.application_id \
         WHERE s.status <> 'rejected' AND a.user_id = ",
    );
    overlapping.bind(volunteer).push(" AND s.starts_at < ").bind(ends_at).push(" AND s.ends_at > ").bind(starts_at);
    if tx.fetch_count(overlapping).await? > 0 {
        return Ok(Err(NotRecorded::Overlap));
    }
    let mut insert = Sql::new("INSERT INTO online_sessions (application_id, starts_at, ends_at, status, confirmed_by, decided_at, decided_by, helped_token, helped_expires_at, created_at) VALUES (");
    insert.bind(application_id).push(", ").bind(starts_at).push(", ").bind(ends_at).push(", ");
    match &by {
        RecordedBy::Volunteer { helped } => {
            let token = helped.as_ref().map(|(token, _)| token_hash(token));
            let expires = helped.as_ref().map(|_| now + Duration::days(HELPED_LINK_DAYS));
            insert.push("'claimed', NULL, NULL, NULL, ").bind(token).push(", ").bind(expires);
        }
        RecordedBy::Member(by) => {
            insert.push("'confirmed', 'organization', ").bind(now).push(", ").bind(*by).push(", NULL, NULL");
        }
    }
    insert.push(", ").bind(now).push(") RETURNING id AS n");
    #[derive(FromRow)]
    struct Id {
        n: i64,
    }
    let Id { n: id } = tx.fetch_one::<Id>(insert).await?;
    match by {
        RecordedBy::Volunteer { helped: Some((_, mail)) } => {
            tx.execute(crate::server::mail::enqueue(&mail)).await?;
        }
        RecordedBy::Volunteer { helped: None } => {}
        RecordedBy::Member(member) => settle(&mut tx, application_id, Some(member), now).await?,
    }
    tx.commit().await?;
    Ok(Ok(id))
}

/// Deletes a waiting session of the volunteer's at the campaign. `false` when there is no such
/// session (confirmed and rejected ones stay: they were decided by someone else).
pub async fn withdraw(db: &Db, campaign_id: i64, user_id: i64, session_id: i64) -> Result<bool, sqlx::Error> {
    let mut sql = Sql::new("DELETE FROM online_sessions WHERE status = 'claimed' AND id = ");
    sql.bind(session_id).push(" AND application_id IN (SELECT id FROM applications WHERE campaign_id = ").bind(campaign_id).push(" AND user_id = ").bind(user_id).push(")");
    Ok(db.execute(sql).await? == 1)
}

/// A member of the organisation confirms or rejects a waiting session of one of its campaign's
/// applications. `false` when there is no such waiting session (nothing is written then).
pub async fn decide(db: &Db, organization_id: i64, campaign_id: i64, application_id: i64, session_id: i64, confirm: bool, by: i64) -> Result<bool, sqlx::Error> {
    let now = Utc::now();
    let mut tx = db.begin().await?;
    let mut sql = Sql::new("UPDATE online_sessions SET status = ");
    sql.bind(if confirm { "confirmed" } else { "rejected" }).push(", confirmed_by = 'organization', decided_at = ").bind(now).push(", decided_by = ").bind(by);
    sql.push(" WHERE status = 'claimed' AND id = ").bind(session_id).push(" AND application_id = (SELECT a.id FROM applications a JOIN campaigns c ON c.id = a.campaign_id WHERE a.status = 'approved' AND a.id = ");
    sql.bind(application_id).push(" AND c.id = ").bind(campaign_id).push(" AND c.organization_id = ").bind(organization_id).push(")");
    if tx.execute(sql).await? != 1 {
        return Ok(false);
    }
    settle(&mut tx, application_id, Some(by), now).await?;
    tx.commit().await?;
    Ok(true)
}

#[derive(FromRow)]
struct HelpedRow {
    title_kk: Option<String>,
    title_ru: Option<String>,
    title_en: Option<String>,
    name_kk: Option<String>,
    name_ru: Option<String>,
    name_en: Option<String>,
    full_name: String,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    status: String,
    helped_expires_at: Option<DateTime<Utc>>,
}

/// What the person helped sees from the mailed link; `None` for an unknown link or a volunteer
/// who deleted their account.
pub async fn by_token(db: &Db, token: &str) -> Result<Option<HelpedSession>, sqlx::Error> {
    let mut sql = Sql::new(
        "SELECT c.title_kk, c.title_ru, c.title_en, o.name_kk, o.name_ru, o.name_en, u.full_name, s.starts_at, s.ends_at, s.status, s.helped_expires_at \
         FROM online_sessions s JOIN applications a ON a.id = s.application_id JOIN campaigns c ON c.id = a.campaign_id \
         JOIN organizations o ON o.id = c.organization_id JOIN users u ON u.id = a.user_id WHERE u.deleted_at IS NULL AND s.helped_token = ",
    );
    sql.bind(token_hash(token));
    let Some(row) = db.fetch_optional::<HelpedRow>(sql).await? else { return Ok(None) };
    let status = SessionStatus::from_code(&row.status).unwrap_or(SessionStatus::Claimed);
    Ok(Some(HelpedSession {
        campaign: crate::i18n::LocalizedText::new(row.title_kk, row.title_ru, row.title_en),
        organization: crate::i18n::LocalizedText::new(row.name_kk, row.name_ru, row.name_en),
        volunteer: row.full_name.split_whitespace().next().unwrap_or_default().to_string(),
        starts_at: row.starts_at,
        ends_at: row.ends_at,
        can_answer: status == SessionStatus::Claimed && row.helped_expires_at.is_some_and(|expires| expires > Utc::now()),
        status,
    }))
}

/// The person helped answers the mailed link: once, while it is good. `false` when the link is
/// unknown, expired, or the session was decided already.
pub async fn decide_by_helped(db: &Db, token: &str, confirm: bool) -> Result<bool, sqlx::Error> {
    let now = Utc::now();
    let mut tx = db.begin().await?;
    let mut sql = Sql::new("UPDATE online_sessions SET status = ");
    sql.bind(if confirm { "confirmed" } else { "rejected" }).push(", confirmed_by = 'helped', decided_at = ").bind(now);
    sql.push(" WHERE status = 'claimed' AND helped_token = ").bind(token_hash(token)).push(" AND helped_expires_at > ").bind(now);
    sql.push(" AND application_id IN (SELECT a.id FROM applications a JOIN users u ON u.id = a.user_id WHERE a.status = 'approved' AND u.deleted_at IS NULL) RETURNING application_id");
    #[derive(FromRow)]
    struct Decided {
        application_id: i64,
    }
    let Some(Decided { application_id }) = tx.fetch_optional::<Decided>(sql).await? else {
        tx.rollback().await?;
        return Ok(false);
    };
    settle(&mut tx, application_id, None, now).await?;
    tx.commit().await?;
    Ok(true)
}

/// The application's hours become its confirmed sessions', cut to the campaign's span; with no
/// confirmed session left, hours that came from sessions are taken back.
async fn settle(tx: &mut Tx, application_id: i64, by: Option<i64>, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    // Two decisions at once on sessions of one application would each count the sessions
    // without the other's: they take turns, and the later one counts both.
    tx.lock_row("applications", application_id).await?;
    #[derive(FromRow)]
    struct Span {
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
    }
    let mut span = Sql::new("SELECT c.starts_at, c.ends_at FROM applications a JOIN campaigns c ON c.id = a.campaign_id WHERE a.id = ");
    span.bind(application_id);
    let Some(span) = tx.fetch_optional::<Span>(span).await? else { return Ok(()) };
    let sessions: Vec<OnlineSession> = tx.fetch_all::<SessionRow>(of_application_sql(application_id)).await?.iter().map(SessionRow::session).collect();
    let mut sql = Sql::new("UPDATE applications SET ");
    match hours_of(&sessions, SessionStatus::Confirmed, span.starts_at, span.ends_at) {
        Some(hours) => {
            sql.push("attended = TRUE, hours = ").bind(Some(hours)).push(", hours_source = ").bind(HoursSource::Online.code());
            sql.push(", hours_confirmed_at = ").bind(now).push(", hours_confirmed_by = ").bind(by);
            sql.push(", updated_at = ").bind(now).push(" WHERE id = ").bind(application_id);
        }
        None => {
            sql.push("attended = NULL, hours = NULL, hours_source = NULL, hours_confirmed_at = NULL, hours_confirmed_by = NULL, updated_at = ").bind(now);
            sql.push(" WHERE hours_source = ").bind(HoursSource::Online.code()).push(" AND id = ").bind(application_id);
        }
    }
    tx.execute(sql).await?;
    Ok(())
}

/// A session, as the person's data export lists it.
#[derive(FromRow, serde::Serialize)]
pub struct SessionExport {
    pub campaign_id: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub status: String,
    pub confirmed_by: Option<String>,
}

pub async fn export(db: &Db, user_id: i64) -> Result<Vec<SessionExport>, sqlx::Error> {
    let mut sql = Sql::new("SELECT a.campaign_id, s.starts_at, s.ends_at, s.status, s.confirmed_by FROM online_sessions s JOIN applications a ON a.id = s.application_id WHERE a.user_id = ");
    sql.bind(user_id).push(" ORDER BY s.starts_at, s.id");
    db.fetch_all(sql).await
}

/// Erases a person's sessions when they delete their account: the hours stay on the
/// applications, anonymous; when they helped whom, not.
pub fn erase(user_id: i64) -> Sql {
    let mut sql = Sql::new("DELETE FROM online_sessions WHERE application_id IN (SELECT id FROM applications WHERE user_id = ");
    sql.bind(user_id).push(")");
    sql
}
