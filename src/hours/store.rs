//! Check-ins, check-outs and confirmed hours in the database.

use super::model::{checked_hours, BookEntry, HoursSource, Mark, MarkKind};
use crate::server::db::{Db, Sql};
use chrono::{DateTime, Utc};
use sqlx::FromRow;

#[derive(FromRow)]
struct MarkRow {
    application_id: i64,
    kind: String,
    at: DateTime<Utc>,
}

impl MarkRow {
    fn mark(&self) -> Option<Mark> {
        Some(Mark { kind: MarkKind::from_code(&self.kind)?, at: self.at })
    }
}

/// The volunteer's approved application to a published campaign, if there is one.
pub async fn approved_application(db: &Db, campaign_id: i64, user_id: i64) -> Result<Option<i64>, sqlx::Error> {
    let mut sql = Sql::new("SELECT a.id AS n FROM applications a JOIN campaigns c ON c.id = a.campaign_id WHERE c.status = 'published' AND a.status = 'approved' AND a.campaign_id = ");
    sql.bind(campaign_id).push(" AND a.user_id = ").bind(user_id);
    #[derive(FromRow)]
    struct Id {
        n: i64,
    }
    Ok(db.fetch_optional::<Id>(sql).await?.map(|row| row.n))
}

/// The published campaigns, other than `except`, that the volunteer is approved for and that
/// run around `now` (to tell someone who typed another campaign's code where it belongs).
pub async fn running_for(db: &Db, user_id: i64, except: i64, now: DateTime<Utc>, margin: chrono::Duration) -> Result<Vec<i64>, sqlx::Error> {
    let mut sql = Sql::new("SELECT c.id AS n FROM applications a JOIN campaigns c ON c.id = a.campaign_id WHERE c.status = 'published' AND a.status = 'approved' AND a.user_id = ");
    sql.bind(user_id).push(" AND c.id <> ").bind(except).push(" AND c.starts_at <= ").bind(now + margin).push(" AND c.ends_at >= ").bind(now - margin);
    sql.push(" LIMIT 20");
    #[derive(FromRow)]
    struct Id {
        n: i64,
    }
    Ok(db.fetch_all::<Id>(sql).await?.into_iter().map(|row| row.n).collect())
}

/// Why a check-in or check-out was not recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotRecorded {
    /// This person already used this very code.
    Replayed,
    /// Checking in while checked in already.
    AlreadyIn,
    /// Checking out without having checked in.
    NotIn,
}

/// Records a check-in or check-out of an application, made with the code of `window`.
pub async fn record(db: &Db, application_id: i64, kind: MarkKind, window: i64, device: Option<&str>, now: DateTime<Utc>) -> Result<Result<(), NotRecorded>, sqlx::Error> {
    let mut tx = db.begin().await?;
    let mut last = Sql::new("SELECT application_id, kind, at FROM attendance_marks WHERE application_id = ");
    last.bind(application_id).push(" ORDER BY at DESC, id DESC LIMIT 1");
    let last: Option<MarkRow> = tx.fetch_optional(last).await?;
    let checked_in = last.as_ref().and_then(MarkRow::mark).is_some_and(|m| m.kind == MarkKind::In);
    let mut used = Sql::new("SELECT COUNT(*) AS n FROM attendance_marks WHERE application_id = ");
    used.bind(application_id).push(" AND kind = ").bind(kind.code()).push(" AND code_window = ").bind(window);
    if tx.fetch_count(used).await? > 0 {
        return Ok(Err(NotRecorded::Replayed));
    }
    match (kind, checked_in) {
        (MarkKind::In, true) => return Ok(Err(NotRecorded::AlreadyIn)),
        (MarkKind::Out, false) => return Ok(Err(NotRecorded::NotIn)),
        _ => {}
    }
    // Two posts of the same code at once: the unique (application, kind, window) keeps one.
    let mut insert = Sql::new("INSERT INTO attendance_marks (application_id, kind, at, code_window, device) VALUES (");
    insert.bind(application_id).push(", ").bind(kind.code()).push(", ").bind(now).push(", ").bind(window);
    insert.push(", ").bind(device.map(str::to_string)).push(") ON CONFLICT (application_id, kind, code_window) DO NOTHING");
    if tx.execute(insert).await? == 0 {
        return Ok(Err(NotRecorded::Replayed));
    }
    tx.commit().await?;
    Ok(Ok(()))
}

/// Every check-in and check-out of a campaign's applications, by application.
pub async fn marks_of_campaign(db: &Db, campaign_id: i64) -> Result<Vec<(i64, Mark)>, sqlx::Error> {
    let mut sql = Sql::new("SELECT m.application_id, m.kind, m.at FROM attendance_marks m JOIN applications a ON a.id = m.application_id WHERE a.campaign_id = ");
    sql.bind(campaign_id).push(" ORDER BY m.at, m.id");
    let rows: Vec<MarkRow> = db.fetch_all(sql).await?;
    Ok(rows.iter().filter_map(|r| Some((r.application_id, r.mark()?))).collect())
}

/// How many approved volunteers of the campaign are checked in now, and how many checked out.
pub fn presence(marks: &[(i64, Mark)]) -> (i64, i64) {
    let mut last: Vec<(i64, MarkKind)> = Vec::new();
    for (application, mark) in marks {
        match last.iter_mut().find(|(a, _)| a == application) {
            Some(entry) => entry.1 = mark.kind,
            None => last.push((*application, mark.kind)),
        }
    }
    let inside = last.iter().filter(|(_, kind)| *kind == MarkKind::In).count() as i64;
    (inside, last.len() as i64 - inside)
}

/// The marks of one application, from a campaign's marks.
pub fn marks_of(marks: &[(i64, Mark)], application_id: i64) -> Vec<Mark> {
    marks.iter().filter(|(a, _)| *a == application_id).map(|(_, m)| *m).collect()
}

#[derive(FromRow)]
struct Unconfirmed {
    id: i64,
}

/// Confirms the hours from check-in of the campaign's approved applications whose hours are not
/// confirmed yet (only `only`'s when given), as their check-ins and check-outs add up. Returns
/// how many were confirmed. The campaign must be the organisation's.
pub async fn confirm(db: &Db, organization_id: i64, campaign_id: i64, only: Option<i64>, by: i64, now: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    let mut span = Sql::new("SELECT starts_at, ends_at FROM campaigns WHERE id = ");
    span.bind(campaign_id).push(" AND organization_id = ").bind(organization_id);
    #[derive(FromRow)]
    struct Span {
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
    }
    let Some(span) = db.fetch_optional::<Span>(span).await? else { return Ok(0) };
    let mut pending = Sql::new("SELECT id FROM applications WHERE status = 'approved' AND hours_confirmed_at IS NULL AND campaign_id = ");
    pending.bind(campaign_id);
    if let Some(id) = only {
        pending.push(" AND id = ").bind(id);
    }
    let pending: Vec<Unconfirmed> = db.fetch_all(pending).await?;
    let marks = marks_of_campaign(db, campaign_id).await?;
    let mut statements = Vec::new();
    for application in pending {
        let Some(hours) = checked_hours(&marks_of(&marks, application.id), span.starts_at, span.ends_at) else { continue };
        let mut sql = Sql::new("UPDATE applications SET attended = TRUE, hours = ");
        sql.bind(Some(hours)).push(", hours_source = ").bind(HoursSource::CheckIn.code()).push(", hours_confirmed_at = ").bind(now);
        sql.push(", hours_confirmed_by = ").bind(by).push(", updated_at = ").bind(now);
        // Guarded: a confirmation made meanwhile (another organiser's) is not made twice.
        sql.push(" WHERE hours_confirmed_at IS NULL AND id = ").bind(application.id);
        statements.push(sql);
    }
    if statements.is_empty() {
        return Ok(0);
    }
    db.execute_all(statements).await
}

#[derive(FromRow)]
struct BookRow {
    id: i64,
    campaign_id: i64,
    hours: Option<f64>,
    hours_source: Option<String>,
    hours_confirmed_at: Option<DateTime<Utc>>,
}

/// A volunteer's book: confirmed hours (typed by the organisation or from check-in), and the
/// hours from check-in still awaiting confirmation. Newest campaigns first.
pub async fn book(db: &Db, user_id: i64) -> Result<(Vec<BookEntry>, Vec<BookEntry>), sqlx::Error> {
    let mut sql = Sql::new(
        "SELECT a.id, a.campaign_id, CAST(a.hours AS DOUBLE PRECISION) AS hours, a.hours_source, a.hours_confirmed_at FROM applications a \
         WHERE a.status = 'approved' AND a.user_id = ",
    );
    sql.bind(user_id).push(
        " AND ((a.hours IS NOT NULL AND a.attended = TRUE) OR (a.hours_confirmed_at IS NULL AND EXISTS (SELECT 1 FROM attendance_marks m WHERE m.application_id = a.id)))",
    );
    let rows: Vec<BookRow> = db.fetch_all(sql).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.campaign_id).collect();
    let campaigns = crate::campaigns::store::by_ids(db, &ids).await?;
    let (mut confirmed, mut awaiting) = (Vec::new(), Vec::new());
    for row in rows {
        let Some(campaign) = campaigns.iter().find(|c| c.id == row.campaign_id).cloned() else { continue };
        if let Some(hours) = row.hours {
            let source = row.hours_source.as_deref().and_then(HoursSource::from_code).unwrap_or(HoursSource::Organization);
            confirmed.push(BookEntry { campaign, hours, source: Some(source), confirmed_at: row.hours_confirmed_at });
            continue;
        }
        let mut marks = Sql::new("SELECT application_id, kind, at FROM attendance_marks WHERE application_id = ");
        marks.bind(row.id).push(" ORDER BY at, id");
        let marks: Vec<MarkRow> = db.fetch_all(marks).await?;
        let marks: Vec<Mark> = marks.iter().filter_map(MarkRow::mark).collect();
        if let Some(hours) = checked_hours(&marks, campaign.starts_at, campaign.ends_at) {
            awaiting.push(BookEntry { campaign, hours, source: None, confirmed_at: None });
        }
    }
    for entries in [&mut confirmed, &mut awaiting] {
        entries.sort_by(|a, b| b.campaign.starts_at.cmp(&a.campaign.starts_at).then(b.campaign.id.cmp(&a.campaign.id)));
    }
    Ok((confirmed, awaiting))
}

/// Records whether an approved volunteer came and the hours they gave (none when absent), as
/// confirmed by a member of the organisation, with its audit-log entry when the hours were
/// changed from the check-in's. `false` when there is no such approved application of the
/// organisation's campaign (nothing is written then).
#[allow(clippy::too_many_arguments)]
pub async fn record_attendance(
    db: &Db,
    organization_id: i64,
    campaign_id: i64,
    application_id: i64,
    attended: bool,
    hours: Option<f64>,
    source: HoursSource,
    by: i64,
    log: Option<(crate::moderation::model::ModeratorAction, crate::moderation::store::Subject, String)>,
) -> Result<bool, sqlx::Error> {
    let now = Utc::now();
    let mut tx = db.begin().await?;
    let mut sql = Sql::new("UPDATE applications SET attended = ");
    sql.bind(attended).push(", hours = ").bind(if attended { hours } else { None });
    sql.push(", hours_source = ").bind(source.code()).push(", hours_confirmed_at = ").bind(now).push(", hours_confirmed_by = ").bind(by);
    sql.push(", updated_at = ").bind(now).push(" WHERE status = 'approved' AND id = ").bind(application_id);
    sql.push(" AND campaign_id = (SELECT id FROM campaigns WHERE id = ").bind(campaign_id).push(" AND organization_id = ").bind(organization_id).push(")");
    if tx.execute(sql).await? != 1 {
        return Ok(false);
    }
    if let Some((action, subject, reason)) = log {
        crate::moderation::store::log(&mut tx, by, action, subject, Some(&reason), now).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// A check-in or check-out, as the person's data export lists it.
#[derive(FromRow, serde::Serialize)]
pub struct MarkExport {
    pub campaign_id: i64,
    pub kind: String,
    pub at: DateTime<Utc>,
}

pub async fn marks_export(db: &Db, user_id: i64) -> Result<Vec<MarkExport>, sqlx::Error> {
    let mut sql = Sql::new("SELECT a.campaign_id, m.kind, m.at FROM attendance_marks m JOIN applications a ON a.id = m.application_id WHERE a.user_id = ");
    sql.bind(user_id).push(" ORDER BY m.at, m.id");
    db.fetch_all(sql).await
}
