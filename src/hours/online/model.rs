//! Online sessions as the pages show them, and how a typed session is read.

use crate::forms::FieldError;
use crate::i18n::{coded, Key, LocalizedText};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

coded! {
    /// Where a session's confirmation stands.
    SessionStatus {
        Claimed = "claimed" => HoursSessionClaimed,
        Confirmed = "confirmed" => HoursSessionConfirmed,
        Rejected = "rejected" => HoursSessionRejected,
    }
}

coded! {
    /// Who confirmed (or rejected) a session.
    SessionConfirmer {
        Organization = "organization" => HoursSessionByOrganization,
        Helped = "helped" => HoursSessionByHelped,
    }
}

/// One online session of a volunteer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OnlineSession {
    pub id: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub status: SessionStatus,
    pub confirmed_by: Option<SessionConfirmer>,
    /// A confirmation link was mailed to the person helped.
    pub asked_helped: bool,
}

impl OnlineSession {
    /// What people read about where it stands: who confirmed it, or that it waits.
    pub fn state_key(&self) -> Key {
        match (self.status, self.confirmed_by) {
            (SessionStatus::Confirmed, Some(by)) => by.key(),
            (status, _) => status.key(),
        }
    }
}

/// The hours of the sessions in `status`, cut to the campaign's span; `None` when there is none.
pub fn hours_of(sessions: &[OnlineSession], status: SessionStatus, starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> Option<f64> {
    let spans: Vec<_> = sessions.iter().filter(|s| s.status == status).map(|s| (s.starts_at, s.ends_at)).collect();
    crate::hours::model::span_hours(&spans, starts_at, ends_at)
}

/// The longest session one can record.
pub const LONGEST_SESSION_HOURS: i64 = 12;

/// Sessions can be recorded from the campaign's start until this long after its end.
pub const RECORD_DAYS_AFTER: i64 = 30;

/// A session read from its day (`YYYY-MM-DD`) and times (`HH:MM`) in Kazakhstan. An end earlier
/// than the start is on the next day (a session from 23:00 to 01:00).
pub fn read_session(day: &str, from: &str, to: &str) -> Result<(DateTime<Utc>, DateTime<Utc>), Vec<(&'static str, FieldError)>> {
    let day_read = NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d").map_err(|_| if day.trim().is_empty() { FieldError::Required } else { FieldError::DateInvalid });
    let time = |value: &str| {
        let value = value.trim();
        if value.is_empty() {
            return Err(FieldError::Required);
        }
        NaiveTime::parse_from_str(value, "%H:%M").or_else(|_| NaiveTime::parse_from_str(value, "%H:%M:%S")).map_err(|_| FieldError::part(Key::FormSessionTime))
    };
    let (from_read, to_read) = (time(from), time(to));
    let mut errors = Vec::new();
    for (name, result) in [("session_day", day_read.as_ref().err()), ("session_from", from_read.as_ref().err()), ("session_to", to_read.as_ref().err())] {
        if let Some(error) = result {
            errors.push((name, error.clone()));
        }
    }
    let (Ok(day), Ok(from), Ok(to)) = (day_read, from_read, to_read) else { return Err(errors) };
    let at = |time: NaiveTime| day.and_time(time).and_local_timezone(crate::i18n::kazakhstan_offset()).single().map(|t| t.with_timezone(&Utc));
    let (Some(starts_at), Some(mut ends_at)) = (at(from), at(to)) else { return Err(vec![("session_day", FieldError::DateInvalid)]) };
    if ends_at == starts_at {
        return Err(vec![("session_to", FieldError::part(Key::FormSessionEmpty))]);
    }
    if ends_at < starts_at {
        ends_at += Duration::days(1);
    }
    if ends_at - starts_at > Duration::hours(LONGEST_SESSION_HOURS) {
        return Err(vec![("session_to", FieldError::part_with(Key::FormSessionTooLong, &[("hours", LONGEST_SESSION_HOURS)]))]);
    }
    Ok((starts_at, ends_at))
}

/// "6 December 2026, 23:00–00:45": a session's day (where it starts, in Kazakhstan) and times.
pub fn session_text(locale: crate::i18n::Locale, starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> String {
    use crate::i18n::{format_date, format_time};
    format!("{}, {}–{}", format_date(locale, starts_at), format_time(starts_at), format_time(ends_at))
}

/// The page the person helped opens from the mailed link.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HelpedSession {
    pub campaign: LocalizedText,
    pub organization: LocalizedText,
    /// The volunteer's first name only: the person helped knows them by it.
    pub volunteer: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub status: SessionStatus,
    /// The link still takes an answer (the session waits and the link has not expired).
    pub can_answer: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_is_read_in_kazakhstan_time_and_may_cross_midnight() {
        let (from, to) = read_session("2026-12-31", "23:00", "01:30").unwrap();
        assert_eq!(from.to_rfc3339(), "2026-12-31T18:00:00+00:00");
        assert_eq!(to.to_rfc3339(), "2026-12-31T20:30:00+00:00");
        assert_eq!(read_session("2026-12-31", "10:00", "10:00").unwrap_err()[0].0, "session_to");
        assert_eq!(read_session("2026-12-31", "06:00", "19:00").unwrap_err()[0].0, "session_to");
        let errors = read_session("31.12.2026", "9", "").unwrap_err();
        assert_eq!(errors.iter().map(|(name, _)| *name).collect::<Vec<_>>(), ["session_day", "session_from", "session_to"]);
    }

    #[test]
    fn only_sessions_in_the_asked_state_count_within_the_span() {
        let at = |h: u32, m: u32| chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 12, 1, h, m, 0).unwrap();
        let session = |id, from, to, status| OnlineSession { id, starts_at: from, ends_at: to, status, confirmed_by: None, asked_helped: false };
        let sessions = [
            session(1, at(8, 0), at(9, 10), SessionStatus::Confirmed),
            session(2, at(10, 0), at(11, 0), SessionStatus::Claimed),
            // Starts before the campaign: only its part within counts.
            session(3, at(5, 0), at(6, 30), SessionStatus::Confirmed),
            session(4, at(12, 0), at(13, 0), SessionStatus::Rejected),
        ];
        assert_eq!(hours_of(&sessions, SessionStatus::Confirmed, at(6, 0), at(20, 0)), Some(1.75));
        assert_eq!(hours_of(&sessions, SessionStatus::Claimed, at(6, 0), at(20, 0)), Some(1.0));
        assert_eq!(hours_of(&sessions[1..2], SessionStatus::Confirmed, at(6, 0), at(20, 0)), None);
    }
}
