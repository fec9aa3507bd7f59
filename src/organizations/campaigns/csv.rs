//! The participants of a campaign as CSV, for the organisers' own records.

use super::model::Applicant;
use crate::i18n::{format_date, Key, Locale};
use crate::volunteers::applications::model::ApplicationStatus;
use crate::forms::checks::display_phone;
use crate::server::csv::{defused, CsvFile};

/// The approved volunteers, one per line, with a header in the reader's language.
pub fn participants(locale: Locale, applicants: &[Applicant]) -> String {
    let header = [Key::CsvName, Key::CsvEmail, Key::CsvPhone, Key::CsvBirthDate, Key::CsvAnswer, Key::CsvAttended, Key::CsvHours, Key::BookHow, Key::CsvApplied];
    let mut file = CsvFile::for_spreadsheets();
    file.row(header.map(|k| locale.t(k)));
    for a in applicants.iter().filter(|a| a.status == ApplicationStatus::Approved) {
        let attended = match a.attended {
            Some(true) => locale.t(Key::CsvYes),
            Some(false) => locale.t(Key::CsvNo),
            None => "",
        };
        file.row([
            defused(&a.full_name),
            defused(&a.email),
            display_phone(&a.phone).into(),
            defused(&a.birth_date),
            defused(a.answer.as_deref().unwrap_or("")),
            attended.into(),
            a.hours.map(|h| h.to_string()).unwrap_or_default().into(),
            a.hours.and(a.hours_source).map(|source| locale.t(source.key())).unwrap_or_default().into(),
            format_date(locale, a.applied_at).into(),
        ]);
    }
    file.finish()
}
