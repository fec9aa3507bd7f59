//! Numbers and dates written the way each language writes them.

use super::{Key, Locale};
use chrono::{DateTime, Datelike, FixedOffset, Timelike, Utc};

/// Kazakhstan keeps one time zone, UTC+5, since 1 March 2024; every time is shown in it.
pub fn kazakhstan_offset() -> FixedOffset {
    FixedOffset::east_opt(5 * 3600).expect("valid offset")
}

/// The day in Kazakhstan that an instant falls on.
pub fn kazakhstan_day(at: DateTime<Utc>) -> chrono::NaiveDate {
    at.with_timezone(&kazakhstan_offset()).date_naive()
}

/// Midnight at the start of `day` in Kazakhstan, as UTC.
pub fn kazakhstan_day_start(day: chrono::NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).expect("midnight exists");
    midnight.and_local_timezone(kazakhstan_offset()).single().expect("a fixed offset").with_timezone(&Utc)
}

/// `12345` → `12 345` in Kazakh and Russian (non-breaking space), `12,345` in English.
pub fn format_number(locale: Locale, n: i64) -> String {
    let separator = match locale {
        Locale::Kk | Locale::Ru => '\u{a0}',
        Locale::En => ',',
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

const MONTHS: [Key; 12] = [
    Key::Month1, Key::Month2, Key::Month3, Key::Month4, Key::Month5, Key::Month6,
    Key::Month7, Key::Month8, Key::Month9, Key::Month10, Key::Month11, Key::Month12,
];

/// A date in Kazakhstan time: "2026 ж. 22 қараша", "22 ноября 2026 г.", "22 November 2026".
pub fn format_date(locale: Locale, at: DateTime<Utc>) -> String {
    format_day(locale, at.with_timezone(&kazakhstan_offset()).date_naive())
}

/// A calendar day (a birth date), written as [`format_date`] writes one.
pub fn format_day(locale: Locale, day: chrono::NaiveDate) -> String {
    let month = locale.t(MONTHS[day.month0() as usize]);
    locale.t_with(Key::DateFormat, &[("day", &day.day().to_string()), ("month", month), ("year", &day.year().to_string())])
}

/// The time of day in Kazakhstan, 24-hour: "09:30".
pub fn format_time(at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&kazakhstan_offset());
    format!("{:02}:{:02}", local.hour(), local.minute())
}

/// "22 ноября 2026 г., 10:00 – 14:00" for one day, or "from – to" dates across days.
pub fn format_date_range(locale: Locale, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    let offset = kazakhstan_offset();
    if start.with_timezone(&offset).date_naive() == end.with_timezone(&offset).date_naive() {
        format!("{}, {}–{}", format_date(locale, start), format_time(start), format_time(end))
    } else {
        format!("{} – {}", format_date(locale, start), format_date(locale, end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn numbers_use_each_languages_grouping() {
        assert_eq!(format_number(Locale::Ru, 100_000), "100\u{a0}000");
        assert_eq!(format_number(Locale::Kk, 1_234_567), "1\u{a0}234\u{a0}567");
        assert_eq!(format_number(Locale::En, 1_234_567), "1,234,567");
        assert_eq!(format_number(Locale::En, 999), "999");
        assert_eq!(format_number(Locale::En, -1000), "-1,000");
    }

    #[test]
    fn dates_are_written_per_language_in_kazakhstan_time() {
        // 20:30 UTC on 21 November is already 22 November in Kazakhstan.
        let at = Utc.with_ymd_and_hms(2026, 11, 21, 20, 30, 0).unwrap();
        assert_eq!(format_date(Locale::Kk, at), "2026 ж. 22 қараша");
        assert_eq!(format_date(Locale::Ru, at), "22 ноября 2026 г.");
        assert_eq!(format_date(Locale::En, at), "22 November 2026");
        assert_eq!(format_time(at), "01:30");
    }

    #[test]
    fn a_one_day_range_shows_the_hours() {
        let start = Utc.with_ymd_and_hms(2026, 5, 1, 5, 0, 0).unwrap();
        let end = Utc.with_ymd_and_hms(2026, 5, 1, 9, 0, 0).unwrap();
        assert_eq!(format_date_range(Locale::En, start, end), "1 May 2026, 10:00–14:00");
        let later = Utc.with_ymd_and_hms(2026, 5, 3, 9, 0, 0).unwrap();
        assert_eq!(format_date_range(Locale::Ru, start, later), "1 мая 2026 г. – 3 мая 2026 г.");
    }
}
