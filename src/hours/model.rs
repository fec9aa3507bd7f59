//! What the pages of the volunteer book show, and the hours arithmetic both sides share.

use crate::campaigns::model::CampaignSummary;
use crate::i18n::{coded, LocalizedText};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

coded! {
    /// A check-in or a check-out.
    MarkKind {
        In = "in" => HoursCheckIn,
        Out = "out" => HoursCheckOut,
    }
}

coded! {
    /// How an application's hours came to be.
    HoursSource {
        /// Between the volunteer's check-in and check-out, confirmed by the organisation.
        CheckIn = "check_in" => HoursSourceCheckIn,
        /// Typed by the organisation, without a check-in.
        Organization = "organization" => HoursSourceOrganization,
        /// The sessions of an online campaign, each confirmed by the organisation or the person helped.
        Online = "online" => HoursSourceOnline,
    }
}

coded! {
    /// Why hours from check-in wait for a moderator instead of being confirmed.
    HoursFlag {
        /// Checked in at another campaign at the same time.
        Overlap = "overlap" => HoursFlagOverlap,
        /// More than [`LONGEST_DAY_HOURS`] in one day, all campaigns together.
        LongDay = "long_day" => HoursFlagLongDay,
        /// Checked in more than [`LATE_CHECK_IN_HOURS`] after the start, on its first day.
        Late = "late" => HoursFlagLate,
        /// One browser checked in [`SHARED_DEVICE_PEOPLE`] people or more in one day.
        SharedDevice = "shared_device" => HoursFlagSharedDevice,
    }
}

/// Where a moderator's review of flagged hours stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum HoursReview {
    Waiting(Vec<HoursFlag>),
    Confirmed,
    Rejected,
}

impl HoursReview {
    /// From the stored `hours_review` and `hours_flags`.
    pub fn read(review: Option<&str>, flags: Option<&str>) -> Option<HoursReview> {
        let flags = || flags.unwrap_or_default().split(',').filter_map(HoursFlag::from_code).collect();
        match review? {
            "waiting" => Some(HoursReview::Waiting(flags())),
            "confirmed" => Some(HoursReview::Confirmed),
            _ => Some(HoursReview::Rejected),
        }
    }
}

pub const LONGEST_DAY_HOURS: f64 = 16.0;
pub const LATE_CHECK_IN_HOURS: i64 = 2;
pub const SHARED_DEVICE_PEOPLE: i64 = 4;

/// Check-in to check-out (`None` while still checked in), in time order. A check-in after
/// another keeps the first; a check-out without a check-in is no session.
fn sessions(marks: &[Mark]) -> Vec<(DateTime<Utc>, Option<DateTime<Utc>>)> {
    let mut marks = marks.to_vec();
    marks.sort_by_key(|m| m.at);
    let mut sessions = Vec::new();
    let mut open: Option<DateTime<Utc>> = None;
    for mark in marks {
        match (mark.kind, open) {
            (MarkKind::In, None) => open = Some(mark.at),
            (MarkKind::Out, Some(checked_in)) => {
                sessions.push((checked_in, Some(mark.at)));
                open = None;
            }
            _ => {}
        }
    }
    sessions.extend(open.map(|checked_in| (checked_in, None)));
    sessions
}

/// Why one volunteer's hours at a campaign need a moderator's look, from their marks there
/// (`own`), their marks at each other campaign around that time (`elsewhere`), and whether a
/// browser they checked in with checked in [`SHARED_DEVICE_PEOPLE`] people or more that day.
pub fn flags_of(own: &[Mark], starts_at: DateTime<Utc>, ends_at: DateTime<Utc>, elsewhere: &[Vec<Mark>], shared_device: bool) -> Vec<HoursFlag> {
    use crate::i18n::{kazakhstan_day as local_day, kazakhstan_day_start};
    use chrono::Duration;
    let own_sessions = sessions(own);
    let far = DateTime::<Utc>::MAX_UTC;
    let mut flags = Vec::new();
    let overlaps = elsewhere.iter().flat_map(|marks| sessions(marks)).any(|(from, to)| {
        own_sessions.iter().any(|(own_from, own_to)| *own_from < to.unwrap_or(far) && from < own_to.unwrap_or(far))
    });
    if overlaps {
        flags.push(HoursFlag::Overlap);
    }
    // Every finished session, this campaign's cut to its span, split at Kazakhstan's midnights.
    let mut per_day: Vec<(chrono::NaiveDate, i64)> = Vec::new();
    let own_cut = own_sessions.iter().filter_map(|(from, to)| Some(((*from).max(starts_at), (*to)?.min(ends_at))));
    let others = elsewhere.iter().flat_map(|marks| sessions(marks)).filter_map(|(from, to)| Some((from, to?)));
    for (mut from, to) in own_cut.chain(others) {
        while from < to {
            let next_midnight = kazakhstan_day_start(local_day(from) + Duration::days(1));
            let until = to.min(next_midnight);
            let minutes = (until - from).num_minutes();
            match per_day.iter_mut().find(|(day, _)| *day == local_day(from)) {
                Some((_, total)) => *total += minutes,
                None => per_day.push((local_day(from), minutes)),
            }
            from = until;
        }
    }
    if per_day.iter().any(|(_, minutes)| *minutes as f64 > LONGEST_DAY_HOURS * 60.0) {
        flags.push(HoursFlag::LongDay);
    }
    let late = own_sessions.first().is_some_and(|(checked_in, _)| {
        local_day(*checked_in) == local_day(starts_at) && *checked_in > starts_at + Duration::hours(LATE_CHECK_IN_HOURS)
    });
    if late {
        flags.push(HoursFlag::Late);
    }
    if shared_device {
        flags.push(HoursFlag::SharedDevice);
    }
    flags
}

/// "3,5 сағ." / "3,5 ч" / "3.5 h": hours in quarters, written as the language writes decimals.
pub fn format_hours(locale: crate::i18n::Locale, hours: f64) -> String {
    let number = format!("{hours}");
    let number = match locale {
        crate::i18n::Locale::En => number,
        _ => number.replace('.', ","),
    };
    locale.t_with(crate::i18n::Key::HoursAmount, &[("hours", &number)])
}

/// The longest reason an organisation gives for changing hours from check-in.
pub const REASON_MAX: usize = 500;

/// One check-in or check-out.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mark {
    pub kind: MarkKind,
    pub at: DateTime<Utc>,
}

/// The hours between check-ins and their check-outs, each session cut to the campaign's span
/// (a volunteer who checks in early or leaves the screen open does not earn the extra time),
/// rounded to the nearest quarter hour. `None` while no check-in has its check-out.
///
/// Times are instants, so a session that crosses midnight in Kazakhstan counts whole; a
/// check-in after another check-in keeps the first, a check-out without a check-in counts nothing.
pub fn checked_hours(marks: &[Mark], starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> Option<f64> {
    let finished: Vec<_> = sessions(marks).into_iter().filter_map(|(from, to)| Some((from, to?))).collect();
    span_hours(&finished, starts_at, ends_at)
}

/// The hours of finished sessions, each cut to the campaign's span, added up and rounded to the
/// nearest quarter hour; `None` when there is no session.
pub fn span_hours(finished: &[(DateTime<Utc>, DateTime<Utc>)], starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> Option<f64> {
    let minutes: i64 = finished.iter().map(|(from, to)| ((*to).min(ends_at) - (*from).max(starts_at)).num_minutes().max(0)).sum();
    (!finished.is_empty()).then(|| (minutes as f64 / 15.0).round() / 4.0)
}

/// The organisers' check-in screen: the code of this moment and its QR code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckInScreen {
    pub organization_slug: String,
    pub campaign_id: i64,
    pub title: LocalizedText,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub kind: MarkKind,
    /// Six digits.
    pub code: String,
    /// The QR code of the address a volunteer's phone opens, as SVG markup made on the server.
    pub qr_svg: String,
    /// The address in the QR code, for people who cannot scan.
    pub address: String,
    /// Seconds until the code changes.
    pub seconds_left: u32,
    /// Check-ins and check-outs so far.
    pub checked_in: i64,
    pub checked_out: i64,
}

/// The page a volunteer's phone opens from the QR code: which campaign, and whether they are
/// signed in (the code itself is only checked when the form is posted).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckPage {
    pub campaign_id: i64,
    pub title: LocalizedText,
    pub signed_in: bool,
}

/// Hours from check-in that were flagged, as a moderator reviews them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlaggedHours {
    pub application_id: i64,
    pub campaign: CampaignSummary,
    pub volunteer: String,
    pub marks: Vec<Mark>,
    pub hours: Option<f64>,
    pub flags: Vec<HoursFlag>,
}

/// A period of days in Kazakhstan; either end may be open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
}

impl Period {
    /// From an address's `from` and `to` (`YYYY-MM-DD`, or empty for an open end).
    pub fn read(from: &str, to: &str) -> Result<Period, crate::errors::InvalidParameter> {
        use crate::errors::{InvalidParameter, Problem};
        let day = |name: &str, value: &str| {
            let value = value.trim();
            if value.is_empty() {
                return Ok(None);
            }
            chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| InvalidParameter { parameter: name.to_string(), problem: Problem::MalformedDate })
        };
        let period = Period { from: day("from", from)?, to: day("to", to)? };
        if let (Some(from), Some(to)) = (period.from, period.to) {
            if to < from {
                return Err(InvalidParameter { parameter: "to".into(), problem: Problem::DatesOutOfOrder });
            }
        }
        Ok(period)
    }

    /// `from=…&to=…` for an address, open ends left out.
    pub fn query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(from) = self.from {
            parts.push(format!("from={from}"));
        }
        if let Some(to) = self.to {
            parts.push(format!("to={to}"));
        }
        parts.join("&")
    }

    /// The instants it spans: from its first midnight to the midnight after its last day.
    pub fn bounds(&self) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
        use crate::i18n::kazakhstan_day_start;
        (self.from.map(kazakhstan_day_start), self.to.and_then(|to| to.succ_opt()).map(kazakhstan_day_start))
    }
}

/// One volunteer's confirmed hours at one campaign, as their organisation sees them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConfirmedHours {
    pub campaign_id: i64,
    pub campaign: LocalizedText,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// Empty for an account since deleted.
    pub volunteer: String,
    pub hours: f64,
    pub source: HoursSource,
}

/// `/{lang}/organizations/{slug}/hours`: the hours of the organisation's volunteers in a period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrganizationHours {
    pub organization: crate::organizations::campaigns::model::ManagedOrganization,
    pub period: Period,
    /// By campaign (latest first), then by volunteer.
    pub rows: Vec<ConfirmedHours>,
}

/// One campaign in a volunteer's book.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BookEntry {
    pub campaign: CampaignSummary,
    pub hours: f64,
    /// `None` while the hours from check-in await the organisation's confirmation.
    pub source: Option<HoursSource>,
    pub confirmed_at: Option<DateTime<Utc>>,
}

/// Hours added up under one heading (a year, a direction).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Total {
    pub label: String,
    pub hours: f64,
}

/// `/{lang}/me/book`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Book {
    pub full_name: String,
    pub confirmed: Vec<BookEntry>,
    /// Hours from check-in the organisation has not confirmed yet.
    pub awaiting: Vec<BookEntry>,
    pub total: f64,
    pub by_year: Vec<Total>,
    /// By direction's slug.
    pub by_direction: Vec<Total>,
    /// The certificates the volunteer issued, newest first.
    pub certificates: Vec<super::certificates::model::Certificate>,
    /// The organisations of the confirmed entries (slug, name), to issue a certificate for one.
    pub organizations: Vec<(String, LocalizedText)>,
}

impl Book {
    /// The confirmed entries' totals, by year (in Kazakhstan) and by direction, largest first.
    pub fn totals(confirmed: &[BookEntry]) -> (f64, Vec<Total>, Vec<Total>) {
        use chrono::Datelike;
        let mut by_year: Vec<Total> = Vec::new();
        let mut by_direction: Vec<Total> = Vec::new();
        let add = |totals: &mut Vec<Total>, label: String, hours: f64| match totals.iter_mut().find(|t| t.label == label) {
            Some(total) => total.hours += hours,
            None => totals.push(Total { label, hours }),
        };
        for entry in confirmed {
            let year = crate::i18n::kazakhstan_day(entry.campaign.starts_at).year();
            add(&mut by_year, year.to_string(), entry.hours);
            add(&mut by_direction, entry.campaign.direction.clone(), entry.hours);
        }
        by_year.sort_by(|a, b| b.label.cmp(&a.label));
        by_direction.sort_by(|a, b| b.hours.total_cmp(&a.hours).then_with(|| a.label.cmp(&b.label)));
        (confirmed.iter().map(|e| e.hours).sum(), by_year, by_direction)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_period_is_read_from_the_address_and_spans_whole_days_in_kazakhstan() {
        let period = Period::read("2026-01-01", "2026-12-31").unwrap();
        let (from, to) = period.bounds();
        assert_eq!(from, Some(almaty(1, 0, 0) - chrono::Duration::days(334)));
        assert_eq!(to.unwrap().to_rfc3339(), "2026-12-31T19:00:00+00:00");
        assert_eq!(period.query(), "from=2026-01-01&to=2026-12-31");
        assert_eq!(Period::read("", "").unwrap(), Period::default());
        assert!(Period::read("2026-13-01", "").is_err());
        assert!(Period::read("2026-05-02", "2026-05-01").is_err());
    }

    #[test]
    fn hours_that_look_wrong_are_flagged_for_a_moderator() {
        let (starts, ends) = (almaty(5, 9, 0), almaty(5, 18, 0));
        let own = [mark(MarkKind::In, almaty(5, 9, 5)), mark(MarkKind::Out, almaty(5, 13, 0))];
        assert_eq!(flags_of(&own, starts, ends, &[], false), vec![]);
        // At another campaign from 12:00 to 15:00: the sessions overlap.
        let elsewhere = vec![vec![mark(MarkKind::In, almaty(5, 12, 0)), mark(MarkKind::Out, almaty(5, 15, 0))]];
        assert_eq!(flags_of(&own, starts, ends, &elsewhere, false), vec![HoursFlag::Overlap]);
        // Still checked in elsewhere since the morning overlaps too.
        let still_there = vec![vec![mark(MarkKind::In, almaty(5, 8, 0))]];
        assert_eq!(flags_of(&own, starts, ends, &still_there, false), vec![HoursFlag::Overlap]);
        // Before, not overlapping, but 17 hours that day all together.
        let night = vec![vec![mark(MarkKind::In, almaty(5, 0, 0)), mark(MarkKind::Out, almaty(5, 9, 0))], vec![mark(MarkKind::In, almaty(5, 13, 0)), mark(MarkKind::Out, almaty(5, 21, 0))]];
        assert_eq!(flags_of(&own, starts, ends, &night, false), vec![HoursFlag::LongDay]);
        // The same hours across midnight are two days of fewer than 16 hours each.
        let (starts, ends) = (almaty(5, 16, 0), almaty(6, 12, 0));
        let overnight = [mark(MarkKind::In, almaty(5, 16, 0)), mark(MarkKind::Out, almaty(6, 10, 0))];
        assert_eq!(flags_of(&overnight, starts, ends, &[], false), vec![]);
        // Arriving more than two hours after the start, on the first day; and a shared phone.
        let late = [mark(MarkKind::In, almaty(5, 18, 30)), mark(MarkKind::Out, almaty(5, 20, 0))];
        assert_eq!(flags_of(&late, starts, ends, &[], true), vec![HoursFlag::Late, HoursFlag::SharedDevice]);
        // On the second day, any time.
        let second_day = [mark(MarkKind::In, almaty(6, 9, 0)), mark(MarkKind::Out, almaty(6, 11, 0))];
        assert_eq!(flags_of(&second_day, starts, ends, &[], false), vec![]);
    }

    /// A time in Kazakhstan (UTC+5).
    fn almaty(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
        crate::i18n::kazakhstan_offset().with_ymd_and_hms(2026, 12, day, hour, minute, 0).unwrap().with_timezone(&Utc)
    }

    fn mark(kind: MarkKind, at: DateTime<Utc>) -> Mark {
        Mark { kind, at }
    }

    #[test]
    fn hours_are_the_time_between_check_in_and_check_out_in_quarters() {
        let (starts, ends) = (almaty(5, 9, 0), almaty(5, 18, 0));
        let marks = [mark(MarkKind::In, almaty(5, 9, 58)), mark(MarkKind::Out, almaty(5, 13, 5))];
        // 3 h 07 min → 3 h.
        assert_eq!(checked_hours(&marks, starts, ends), Some(3.0));
        let marks = [mark(MarkKind::In, almaty(5, 10, 0)), mark(MarkKind::Out, almaty(5, 13, 8))];
        // 3 h 08 min → 3 h 15 min.
        assert_eq!(checked_hours(&marks, starts, ends), Some(3.25));
    }

    #[test]
    fn time_outside_the_campaign_does_not_count() {
        let (starts, ends) = (almaty(5, 10, 0), almaty(5, 14, 0));
        let marks = [mark(MarkKind::In, almaty(5, 8, 0)), mark(MarkKind::Out, almaty(5, 20, 0))];
        assert_eq!(checked_hours(&marks, starts, ends), Some(4.0));
        // Entirely after the end.
        let marks = [mark(MarkKind::In, almaty(5, 15, 0)), mark(MarkKind::Out, almaty(5, 16, 0))];
        assert_eq!(checked_hours(&marks, starts, ends), Some(0.0));
    }

    #[test]
    fn a_campaign_crossing_midnight_in_kazakhstan_counts_whole() {
        // New Year's Eve duty: 22:00 on the 31st to 02:00 on the 1st, Almaty time.
        let starts = crate::i18n::kazakhstan_offset().with_ymd_and_hms(2026, 12, 31, 22, 0, 0).unwrap().with_timezone(&Utc);
        let ends = crate::i18n::kazakhstan_offset().with_ymd_and_hms(2027, 1, 1, 2, 0, 0).unwrap().with_timezone(&Utc);
        let checked_in = crate::i18n::kazakhstan_offset().with_ymd_and_hms(2026, 12, 31, 22, 30, 0).unwrap().with_timezone(&Utc);
        let checked_out = crate::i18n::kazakhstan_offset().with_ymd_and_hms(2027, 1, 1, 1, 45, 0).unwrap().with_timezone(&Utc);
        assert_eq!(checked_hours(&[mark(MarkKind::In, checked_in), mark(MarkKind::Out, checked_out)], starts, ends), Some(3.25));
    }

    #[test]
    fn sessions_add_up_and_unpaired_marks_count_nothing() {
        let (starts, ends) = (almaty(5, 9, 0), almaty(6, 18, 0));
        let marks = [
            mark(MarkKind::Out, almaty(5, 9, 30)),
            mark(MarkKind::In, almaty(5, 10, 0)),
            mark(MarkKind::In, almaty(5, 10, 30)),
            mark(MarkKind::Out, almaty(5, 12, 0)),
            mark(MarkKind::In, almaty(6, 9, 0)),
            mark(MarkKind::Out, almaty(6, 10, 30)),
            mark(MarkKind::In, almaty(6, 15, 0)),
        ];
        assert_eq!(checked_hours(&marks, starts, ends), Some(3.5));
        assert_eq!(checked_hours(&[mark(MarkKind::In, almaty(5, 10, 0))], starts, ends), None);
        assert_eq!(checked_hours(&[], starts, ends), None);
    }

    #[test]
    fn totals_are_by_year_in_kazakhstan_and_by_direction() {
        let entry = |at: DateTime<Utc>, direction: &str, hours: f64| BookEntry {
            campaign: CampaignSummary {
                id: 1,
                title: LocalizedText::default(),
                organization: crate::campaigns::model::OrganizationRef { slug: String::new(), name: LocalizedText::default(), verified: true },
                direction: direction.into(),
                region: "KZ-ALA".into(),
                starts_at: at,
                ends_at: at,
                is_online: false,
                capacity: None,
                spots_taken: 0,
                min_age: None,
            },
            hours,
            source: Some(HoursSource::CheckIn),
            confirmed_at: None,
        };
        // 1 January 2027 at 03:00 in Almaty is still 2026 in UTC: it counts for 2027.
        let new_year = crate::i18n::kazakhstan_offset().with_ymd_and_hms(2027, 1, 1, 3, 0, 0).unwrap().with_timezone(&Utc);
        let entries = [entry(almaty(5, 10, 0), "ecology", 2.5), entry(new_year, "ecology", 1.0), entry(almaty(6, 10, 0), "social", 4.0)];
        let (total, by_year, by_direction) = Book::totals(&entries);
        assert_eq!(total, 7.5);
        assert_eq!(by_year, vec![Total { label: "2027".into(), hours: 1.0 }, Total { label: "2026".into(), hours: 6.5 }]);
        assert_eq!(by_direction, vec![Total { label: "social".into(), hours: 4.0 }, Total { label: "ecology".into(), hours: 3.5 }]);
    }
}
