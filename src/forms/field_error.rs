//! Why a field's value was refused, shared by server and browser so that the browser shows
//! each reason in the reader's language.

use crate::i18n::{Key, Locale};
use serde::{Deserialize, Serialize};

/// Why a field's value was refused. Shared, so the browser can show it in the reader's language.
///
/// The variants are the reasons any form can give. A reason only one part of the platform gives
/// is `FieldError::part(Key::…)` with that part's words (`Key::FormBinTaken`), so that adding one
/// never edits this file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldError {
    Required,
    TooLong { max: usize },
    /// Markup or control characters where a name or a place is expected.
    ForbiddenCharacters,
    /// Invisible or direction-changing characters (zero-width spaces, bidirectional controls).
    InvisibleCharacters,
    EmailInvalid,
    PhoneInvalid,
    DateInvalid,
    ChoiceInvalid,
    ChooseAtLeastOne,
    ConsentRequired,
    LinkInvalid,
    TooManyAttempts { minutes: i64 },
    UrlInvalid,
    TooMany { max: usize },
    /// A text written in none of the three languages.
    OneLanguageRequired,
    NumberInvalid,
    NumberOutOfRange { min: i64, max: i64 },
    EndBeforeStart,
    TooShort { min: usize },
    /// Sent sooner than a person could fill the form in, or with the hidden field filled.
    FormTooFast,
    /// The form's stamp is missing, altered or over a day old: the form must be opened again.
    FormOutOfDate,
    /// This copy of the form was sent before (a replayed post); a new one must be opened.
    FormAlreadySent,
    /// Something went wrong on the server; nothing was saved.
    Unavailable,
    /// One part's own reason: the words it is read in, with their `{name}` values.
    Part { key: Key, values: Vec<(String, String)> },
}

impl FieldError {
    /// A part's own reason, read as `key`.
    pub const fn part(key: Key) -> FieldError {
        FieldError::Part { key, values: Vec::new() }
    }

    /// A part's own reason, read as `key` with its `{name}` placeholders filled in.
    pub fn part_with(key: Key, values: &[(&str, i64)]) -> FieldError {
        FieldError::Part { key, values: values.iter().map(|(name, value)| (name.to_string(), value.to_string())).collect() }
    }

    pub fn message(&self, locale: Locale) -> String {
        match self {
            FieldError::Required => locale.t(Key::FormRequired).into(),
            FieldError::TooLong { max } => locale.t_with(Key::FormTooLong, &[("max", &max.to_string())]),
            FieldError::ForbiddenCharacters => locale.t(Key::FormForbiddenCharacters).into(),
            FieldError::InvisibleCharacters => locale.t(Key::FormInvisibleCharacters).into(),
            FieldError::EmailInvalid => locale.t(Key::FormEmailInvalid).into(),
            FieldError::PhoneInvalid => locale.t(Key::FormPhoneInvalid).into(),
            FieldError::DateInvalid => locale.t(Key::FormDateInvalid).into(),
            FieldError::ChoiceInvalid => locale.t(Key::FormChoiceInvalid).into(),
            FieldError::ChooseAtLeastOne => locale.t(Key::FormChooseAtLeastOne).into(),
            FieldError::ConsentRequired => locale.t(Key::FormConsentRequired).into(),
            FieldError::LinkInvalid => locale.t(Key::FormLinkInvalid).into(),
            // A day limit's wait reads in hours: "1,380 min" says little.
            FieldError::TooManyAttempts { minutes } if *minutes > 90 => {
                locale.t_with(Key::FormTooManyAttemptsHours, &[("hours", &((minutes + 59) / 60).to_string())])
            }
            FieldError::TooManyAttempts { minutes } => locale.t_with(Key::FormTooManyAttempts, &[("minutes", &minutes.to_string())]),
            FieldError::UrlInvalid => locale.t(Key::FormUrlInvalid).into(),
            FieldError::TooMany { max } => locale.t_with(Key::FormTooMany, &[("max", &max.to_string())]),
            FieldError::OneLanguageRequired => locale.t(Key::FormOneLanguageRequired).into(),
            FieldError::NumberInvalid => locale.t(Key::FormNumberInvalid).into(),
            FieldError::NumberOutOfRange { min, max } => {
                locale.t_with(Key::FormNumberOutOfRange, &[("min", &min.to_string()), ("max", &max.to_string())])
            }
            FieldError::EndBeforeStart => locale.t(Key::FormEndBeforeStart).into(),
            FieldError::TooShort { min } => locale.t_with(Key::FormTooShort, &[("min", &min.to_string())]),
            FieldError::FormAlreadySent => locale.t(Key::FormAlreadySent).into(),
            FieldError::FormTooFast => locale.t(Key::FormTooFast).into(),
            FieldError::FormOutOfDate => locale.t(Key::FormOutOfDate).into(),
            FieldError::Unavailable => locale.t(Key::UnavailableText).into(),
            FieldError::Part { key, values } => {
                let values: Vec<(&str, &str)> = values.iter().map(|(name, value)| (name.as_str(), value.as_str())).collect();
                locale.t_with(*key, &values)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parts_own_reason_reaches_the_browser_and_reads_in_its_language() {
        let taken = FieldError::part_with(Key::FormCapacityBelowTaken, &[("taken", 12)]);
        let sent = serde_json::to_string(&taken).unwrap();
        assert_eq!(sent, r#"{"Part":{"key":"form_capacity_below_taken","values":[["taken","12"]]}}"#);
        let read: FieldError = serde_json::from_str(&sent).unwrap();
        assert_eq!(read, taken);
        assert!(read.message(Locale::En).contains("12"), "{}", read.message(Locale::En));
        assert!(!read.message(Locale::Kk).contains("{taken}"));
    }

    #[test]
    fn a_long_wait_reads_in_hours_rounded_up() {
        let wait = |minutes, locale| FieldError::TooManyAttempts { minutes }.message(locale);
        assert_eq!(wait(14, Locale::En), "Too many attempts. Try again in 14 min.");
        assert_eq!(wait(90, Locale::En), "Too many attempts. Try again in 90 min.");
        assert_eq!(wait(91, Locale::En), "Too many attempts. Try again in 2 h.");
        assert_eq!(wait(1_380, Locale::Ru), "Слишком много попыток. Попробуйте снова через 23 ч.");
        assert_eq!(wait(1_381, Locale::Kk), "Әрекет тым көп болды. 24 сағаттан кейін қайталап көріңіз.");
    }
}
