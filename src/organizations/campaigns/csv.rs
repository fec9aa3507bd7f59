//! The participants of a campaign as CSV, for the organisers' own records.

use super::model::Applicant;
use crate::i18n::{format_date, Key, Locale};
use crate::volunteers::applications::model::ApplicationStatus;
use crate::forms::checks::display_phone;

/// One CSV field: quoted, quotes doubled, and a leading `= + - @` defused so that a spreadsheet
/// never runs a volunteer's text as a formula.
fn field(value: &str) -> String {
    let defused = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_string() };
    quoted(&defused)
}

/// A value the platform wrote itself (a normalised phone number), only quoted.
fn quoted(value: &str) -> String {
    format!("\"{}\"", value.replace('"', "\"\""))
}

/// The approved volunteers, one per line, with a header in the reader's language.
pub fn participants(locale: Locale, applicants: &[Applicant]) -> String {
    let header = [Key::CsvName, Key::CsvEmail, Key::CsvPhone, Key::CsvBirthDate, Key::CsvAnswer, Key::CsvAttended, Key::CsvHours, Key::CsvApplied];
    let mut out = String::from("\u{feff}");
    out.push_str(&header.map(|k| field(locale.t(k))).join(","));
    out.push_str("\r\n");
    for a in applicants.iter().filter(|a| a.status == ApplicationStatus::Approved) {
        let attended = match a.attended {
            Some(true) => locale.t(Key::CsvYes),
            Some(false) => locale.t(Key::CsvNo),
            None => "",
        };
        let row = [
            field(&a.full_name),
            field(&a.email),
            quoted(&display_phone(&a.phone)),
            field(&a.birth_date),
            field(a.answer.as_deref().unwrap_or("")),
            field(attended),
            a.hours.map(|h| h.to_string()).unwrap_or_default(),
            field(&format_date(locale, a.applied_at)),
        ];
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("Әйгерім"), "\"Әйгерім\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("+7 701"), "\"'+7 701\"");
    }
}
