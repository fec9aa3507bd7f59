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
    }
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
    let mut marks = marks.to_vec();
    marks.sort_by_key(|m| m.at);
    let (mut open, mut minutes, mut complete) = (None::<DateTime<Utc>>, 0i64, false);
    for mark in marks {
        match (mark.kind, open) {
            (MarkKind::In, None) => open = Some(mark.at),
            (MarkKind::In, Some(_)) => {}
            (MarkKind::Out, Some(checked_in)) => {
                let (from, to) = (checked_in.max(starts_at), mark.at.min(ends_at));
                minutes += (to - from).num_minutes().max(0);
                open = None;
                complete = true;
            }
            (MarkKind::Out, None) => {}
        }
    }
    complete.then(|| (minutes as f64 / 15.0).round() / 4.0)
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

/// What the page a volunteer's phone opens from the QR code knows about the code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckPage {
    pub campaign_id: i64,
    pub title: LocalizedText,
    /// What the code in the address records, when it is good now.
    pub kind: Option<MarkKind>,
    pub signed_in: bool,
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
            let year = entry.campaign.starts_at.with_timezone(&crate::i18n::kazakhstan_offset()).year();
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
