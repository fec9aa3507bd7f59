//! Check-ins, check-outs and confirmed hours in the database.

use super::model::{checked_hours, flags_of, BookEntry, ConfirmedHours, FlaggedHours, Period, HoursFlag, HoursReview, HoursSource, Mark, MarkKind, SHARED_DEVICE_PEOPLE};
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

/// Whose approved application to look for in a campaign.
#[derive(Clone, Copy)]
pub enum ApplicationOf {
    /// The volunteer's own.
    Volunteer(i64),
    /// One application, by its id (a member of the organisation acting for a participant).
    Id(i64),
}

/// The approved application in a published campaign, if there is one.
pub async fn approved_application(db: &Db, campaign_id: i64, of: ApplicationOf) -> Result<Option<i64>, sqlx::Error> {
    let mut sql = Sql::new("SELECT a.id AS n FROM applications a JOIN campaigns c ON c.id = a.campaign_id WHERE c.status = 'published' AND a.status = 'approved' AND a.campaign_id = ");
    sql.bind(campaign_id);
    match of {
        ApplicationOf::Volunteer(user_id) => sql.push(" AND a.user_id = ").bind(user_id),
        ApplicationOf::Id(id) => sql.push(" AND a.id = ").bind(id),
    };
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
    marks_by_application(db, MarksOf::Campaign(campaign_id)).await
}

/// Every check-in and check-out of a volunteer's applications, by application.
pub async fn marks_of_volunteer(db: &Db, user_id: i64) -> Result<Vec<(i64, Mark)>, sqlx::Error> {
    marks_by_application(db, MarksOf::Volunteer(user_id)).await
}

/// Whose marks [`marks_by_application`] reads.
enum MarksOf<'a> {
    Campaign(i64),
    Volunteer(i64),
    Applications(&'a [i64]),
}

/// The marks of the chosen applications, by application, in time order.
async fn marks_by_application(db: &Db, of: MarksOf<'_>) -> Result<Vec<(i64, Mark)>, sqlx::Error> {
    let mut sql = Sql::new("SELECT m.application_id, m.kind, m.at FROM attendance_marks m JOIN applications a ON a.id = m.application_id WHERE ");
    match of {
        MarksOf::Campaign(id) => sql.push("a.campaign_id = ").bind(id),
        MarksOf::Volunteer(id) => sql.push("a.user_id = ").bind(id),
        MarksOf::Applications([]) => return Ok(Vec::new()),
        MarksOf::Applications(ids) => {
            sql.push("a.id IN (");
            for (i, id) in ids.iter().enumerate() {
                sql.push(if i == 0 { "" } else { ", " }).bind(*id);
            }
            sql.push(")")
        }
    };
    sql.push(" ORDER BY m.at, m.id");
    let rows: Vec<MarkRow> = db.fetch_all(sql).await?;
    Ok(rows.iter().filter_map(|r| Some((r.application_id, r.mark()?))).collect())
}

/// The check-ins and check-outs of one application, in time order.
pub async fn marks_of_application(db: &Db, application_id: i64) -> Result<Vec<Mark>, sqlx::Error> {
    let mut sql = Sql::new("SELECT application_id, kind, at FROM attendance_marks WHERE application_id = ");
    sql.bind(application_id).push(" ORDER BY at, id");
    let rows: Vec<MarkRow> = db.fetch_all(sql).await?;
    Ok(rows.iter().filter_map(MarkRow::mark).collect())
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
    user_id: i64,
}

/// What a confirmation did: hours confirmed, and hours sent to a moderator instead.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Confirmation {
    pub confirmed: u64,
    pub flagged: u64,
}

/// Confirms the hours from check-in of the campaign's approved applications whose hours are
/// neither confirmed nor under review (only `only`'s when given), as their check-ins and
/// check-outs add up. Hours that look wrong ([`flags_of`]) are not confirmed: they wait for a
/// moderator, with the reasons. The campaign must be the organisation's.
pub async fn confirm(db: &Db, organization_id: i64, campaign_id: i64, only: Option<i64>, by: i64, now: DateTime<Utc>) -> Result<Confirmation, sqlx::Error> {
    let mut span = Sql::new("SELECT starts_at, ends_at FROM campaigns WHERE id = ");
    span.bind(campaign_id).push(" AND organization_id = ").bind(organization_id);
    #[derive(FromRow)]
    struct Span {
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
    }
    let Some(span) = db.fetch_optional::<Span>(span).await? else { return Ok(Confirmation::default()) };
    let mut pending = Sql::new("SELECT id, user_id FROM applications WHERE status = 'approved' AND hours_confirmed_at IS NULL AND hours_review IS NULL AND campaign_id = ");
    pending.bind(campaign_id);
    if let Some(id) = only {
        pending.push(" AND id = ").bind(id);
    }
    let pending: Vec<Unconfirmed> = db.fetch_all(pending).await?;
    let marks = marks_of_campaign(db, campaign_id).await?;
    let (mut statements, mut done) = (Vec::new(), Confirmation::default());
    for application in pending {
        let own = marks_of(&marks, application.id);
        let Some(hours) = checked_hours(&own, span.starts_at, span.ends_at) else { continue };
        let flags = flags_for(db, &application, campaign_id, &own, span.starts_at, span.ends_at).await?;
        // Guarded: a confirmation made meanwhile (another organiser's) is not made twice.
        let mut sql = Sql::new("UPDATE applications SET ");
        if flags.is_empty() {
            sql.push("attended = TRUE, hours = ").bind(Some(hours)).push(", hours_source = ").bind(HoursSource::CheckIn.code());
            sql.push(", hours_confirmed_at = ").bind(now).push(", hours_confirmed_by = ").bind(by);
            done.confirmed += 1;
        } else {
            let codes: Vec<&str> = flags.iter().map(|flag| flag.code()).collect();
            sql.push("hours_flags = ").bind(codes.join(",")).push(", hours_review = 'waiting'");
            done.flagged += 1;
        }
        sql.push(", updated_at = ").bind(now).push(" WHERE hours_confirmed_at IS NULL AND hours_review IS NULL AND id = ").bind(application.id);
        statements.push(sql);
    }
    if !statements.is_empty() {
        db.execute_all(statements).await?;
    }
    Ok(done)
}

/// Why these hours need a moderator's look: the volunteer's marks at other campaigns around
/// the same days, and whether a browser they checked in with served many people that day.
async fn flags_for(db: &Db, application: &Unconfirmed, campaign_id: i64, own: &[Mark], starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> Result<Vec<HoursFlag>, sqlx::Error> {
    let (Some(first), Some(last)) = (own.iter().map(|m| m.at).min(), own.iter().map(|m| m.at).max()) else { return Ok(Vec::new()) };
    // The volunteer's marks at their other campaigns (each a different application of theirs).
    let mut sql = Sql::new("SELECT m.application_id, m.kind, m.at FROM attendance_marks m JOIN applications a ON a.id = m.application_id WHERE a.user_id = ");
    sql.bind(application.user_id).push(" AND a.campaign_id <> ").bind(campaign_id);
    sql.push(" AND m.at >= ").bind(first - chrono::Duration::days(1)).push(" AND m.at <= ").bind(last + chrono::Duration::days(1)).push(" ORDER BY m.at, m.id");
    let rows: Vec<MarkRow> = db.fetch_all(sql).await?;
    let mut elsewhere: Vec<(i64, Vec<Mark>)> = Vec::new();
    for row in &rows {
        let Some(mark) = row.mark() else { continue };
        match elsewhere.iter_mut().find(|(other, _)| *other == row.application_id) {
            Some((_, marks)) => marks.push(mark),
            None => elsewhere.push((row.application_id, vec![mark])),
        }
    }
    let elsewhere: Vec<Vec<Mark>> = elsewhere.into_iter().map(|(_, marks)| marks).collect();
    Ok(flags_of(own, starts_at, ends_at, &elsewhere, shares_a_device(db, application.id).await?))
}

/// Whether a browser this application checked in or out with served [`SHARED_DEVICE_PEOPLE`]
/// people or more on that day (in Kazakhstan).
async fn shares_a_device(db: &Db, application_id: i64) -> Result<bool, sqlx::Error> {
    #[derive(FromRow)]
    struct Used {
        device: String,
        at: DateTime<Utc>,
    }
    let mut sql = Sql::new("SELECT device, at FROM attendance_marks WHERE device IS NOT NULL AND application_id = ");
    sql.bind(application_id);
    let used: Vec<Used> = db.fetch_all(sql).await?;
    for Used { device, at } in used {
        let day_start = crate::i18n::kazakhstan_day_start(crate::i18n::kazakhstan_day(at));
        let mut people = Sql::new("SELECT COUNT(DISTINCT a.user_id) AS n FROM attendance_marks m JOIN applications a ON a.id = m.application_id WHERE m.device = ");
        people.bind(device).push(" AND m.at >= ").bind(day_start).push(" AND m.at < ").bind(day_start + chrono::Duration::days(1));
        if db.fetch_count(people).await? >= SHARED_DEVICE_PEOPLE {
            return Ok(true);
        }
    }
    Ok(false)
}

#[derive(FromRow)]
struct BookRow {
    id: i64,
    campaign_id: i64,
    hours: Option<f64>,
    hours_source: Option<String>,
    hours_confirmed_at: Option<DateTime<Utc>>,
}

/// A volunteer's book: confirmed hours (typed by the organisation, from check-in or from online
/// sessions), and the hours from check-in or online sessions still awaiting confirmation.
/// Newest campaigns first.
pub async fn book(db: &Db, user_id: i64) -> Result<(Vec<BookEntry>, Vec<BookEntry>), sqlx::Error> {
    let mut sql = Sql::new(
        "SELECT a.id, a.campaign_id, CAST(a.hours AS DOUBLE PRECISION) AS hours, a.hours_source, a.hours_confirmed_at FROM applications a \
         WHERE a.status = 'approved' AND a.user_id = ",
    );
    sql.bind(user_id).push(
        " AND ((a.hours IS NOT NULL AND a.attended = TRUE) OR (a.hours_confirmed_at IS NULL AND (a.hours_review IS NULL OR a.hours_review = 'waiting') AND EXISTS (SELECT 1 FROM attendance_marks m WHERE m.application_id = a.id)) \
         OR EXISTS (SELECT 1 FROM online_sessions s WHERE s.application_id = a.id AND s.status = 'claimed'))",
    );
    let rows: Vec<BookRow> = db.fetch_all(sql).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.campaign_id).collect();
    let campaigns = crate::campaigns::store::by_ids(db, &ids).await?;
    let all_marks = marks_of_volunteer(db, user_id).await?;
    let all_sessions = super::online::store::of_volunteer(db, user_id).await?;
    let (mut confirmed, mut awaiting) = (Vec::new(), Vec::new());
    for row in rows {
        let Some(campaign) = campaigns.iter().find(|c| c.id == row.campaign_id).cloned() else { continue };
        // Online sessions still waiting are listed apart, beside the ones already confirmed.
        let sessions = super::online::store::sessions_of(&all_sessions, row.id);
        if let Some(hours) = super::online::model::hours_of(&sessions, super::online::model::SessionStatus::Claimed, campaign.starts_at, campaign.ends_at) {
            awaiting.push(BookEntry { campaign: campaign.clone(), hours, source: None, confirmed_at: None });
        }
        if let Some(hours) = row.hours {
            let source = row.hours_source.as_deref().and_then(HoursSource::from_code).unwrap_or(HoursSource::Organization);
            confirmed.push(BookEntry { campaign, hours, source: Some(source), confirmed_at: row.hours_confirmed_at });
            continue;
        }
        if let Some(hours) = checked_hours(&marks_of(&all_marks, row.id), campaign.starts_at, campaign.ends_at) {
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

#[derive(FromRow)]
struct WaitingRow {
    id: i64,
    campaign_id: i64,
    full_name: String,
    hours_flags: Option<String>,
}

/// Flagged hours waiting for a moderator, oldest first, at most `limit`.
pub async fn waiting_review(db: &Db, limit: i64) -> Result<Vec<FlaggedHours>, sqlx::Error> {
    let mut sql = Sql::new(
        "SELECT a.id, a.campaign_id, u.full_name, a.hours_flags FROM applications a JOIN users u ON u.id = a.user_id \
         WHERE a.hours_review = 'waiting' AND u.deleted_at IS NULL ORDER BY a.updated_at, a.id LIMIT ",
    );
    sql.bind(limit);
    let rows: Vec<WaitingRow> = db.fetch_all(sql).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.campaign_id).collect();
    let campaigns = crate::campaigns::store::by_ids(db, &ids).await?;
    let applications: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let all_marks = marks_by_application(db, MarksOf::Applications(&applications)).await?;
    let mut flagged = Vec::new();
    for row in rows {
        let Some(campaign) = campaigns.iter().find(|c| c.id == row.campaign_id).cloned() else { continue };
        let marks = marks_of(&all_marks, row.id);
        let flags = HoursReview::read(Some("waiting"), row.hours_flags.as_deref());
        flagged.push(FlaggedHours {
            application_id: row.id,
            hours: checked_hours(&marks, campaign.starts_at, campaign.ends_at),
            campaign,
            volunteer: row.full_name,
            marks,
            flags: match flags {
                Some(HoursReview::Waiting(flags)) => flags,
                _ => Vec::new(),
            },
        });
    }
    Ok(flagged)
}

/// A moderator confirms flagged hours (as the check-ins add up) or rejects them, with the
/// decision in the audit log. `false` when the application has no hours waiting.
pub async fn review(db: &Db, moderator: i64, application_id: i64, confirm: bool, reason: Option<&str>) -> Result<bool, sqlx::Error> {
    #[derive(FromRow)]
    struct Facts {
        campaign_id: i64,
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
    }
    let mut facts = Sql::new("SELECT a.campaign_id, c.starts_at, c.ends_at FROM applications a JOIN campaigns c ON c.id = a.campaign_id WHERE a.hours_review = 'waiting' AND a.id = ");
    facts.bind(application_id);
    let Some(facts) = db.fetch_optional::<Facts>(facts).await? else { return Ok(false) };
    let marks = marks_of_application(db, application_id).await?;
    let now = Utc::now();
    let mut tx = db.begin().await?;
    let mut sql = Sql::new("UPDATE applications SET ");
    let action = if confirm {
        let hours = checked_hours(&marks, facts.starts_at, facts.ends_at).unwrap_or(0.0);
        sql.push("attended = TRUE, hours = ").bind(Some(hours)).push(", hours_source = ").bind(HoursSource::CheckIn.code());
        sql.push(", hours_confirmed_at = ").bind(now).push(", hours_confirmed_by = ").bind(moderator).push(", hours_review = 'confirmed'");
        crate::moderation::model::ModeratorAction::ConfirmHours
    } else {
        sql.push("hours_review = 'rejected'");
        crate::moderation::model::ModeratorAction::RejectHours
    };
    sql.push(", updated_at = ").bind(now).push(" WHERE hours_review = 'waiting' AND id = ").bind(application_id);
    if tx.execute(sql).await? != 1 {
        return Ok(false);
    }
    let reason = format!("#{application_id}{}", reason.map(|r| format!(": {r}")).unwrap_or_default());
    crate::moderation::store::log(&mut tx, moderator, action, crate::moderation::store::Subject::Campaign(facts.campaign_id), Some(&reason), now).await?;
    tx.commit().await?;
    Ok(true)
}

#[derive(FromRow)]
struct ConfirmedRow {
    campaign_id: i64,
    title_kk: Option<String>,
    title_ru: Option<String>,
    title_en: Option<String>,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    full_name: String,
    hours: f64,
    hours_source: Option<String>,
}

/// The confirmed hours at the organisation's campaigns that start within `period`: latest
/// campaign first, then by volunteer. Volunteers who deleted their account stay, nameless.
pub async fn of_organization(db: &Db, organization_id: i64, period: &Period) -> Result<Vec<ConfirmedHours>, sqlx::Error> {
    let mut sql = Sql::new(
        "SELECT c.id AS campaign_id, c.title_kk, c.title_ru, c.title_en, c.starts_at, c.ends_at, \
         CASE WHEN u.deleted_at IS NULL THEN u.full_name ELSE '' END AS full_name, \
         CAST(a.hours AS DOUBLE PRECISION) AS hours, a.hours_source \
         FROM applications a JOIN campaigns c ON c.id = a.campaign_id JOIN users u ON u.id = a.user_id \
         WHERE a.status = 'approved' AND a.attended = TRUE AND a.hours IS NOT NULL AND c.organization_id = ",
    );
    sql.bind(organization_id);
    let (from, to) = period.bounds();
    if let Some(from) = from {
        sql.push(" AND c.starts_at >= ").bind(from);
    }
    if let Some(to) = to {
        sql.push(" AND c.starts_at < ").bind(to);
    }
    sql.push(" ORDER BY c.starts_at DESC, c.id DESC, u.full_name, a.id LIMIT 20000");
    let rows: Vec<ConfirmedRow> = db.fetch_all(sql).await?;
    Ok(rows
        .into_iter()
        .map(|r| ConfirmedHours {
            campaign_id: r.campaign_id,
            campaign: crate::i18n::LocalizedText::new(r.title_kk, r.title_ru, r.title_en),
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            volunteer: r.full_name,
            hours: r.hours,
            source: r.hours_source.as_deref().and_then(HoursSource::from_code).unwrap_or(HoursSource::Organization),
        })
        .collect())
}
