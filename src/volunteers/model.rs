//! A volunteer's profile and the checks on every field, shared by the server (which decides)
//! and the browser (which checks fields as they are filled in).

use crate::reference::{DIRECTIONS, REGIONS};
use crate::ui::form::FieldError;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

pub const PASSWORD_MIN: usize = 8;
/// Long passphrases are welcome; the limit only keeps hashing cheap.
pub const PASSWORD_MAX: usize = 128;
pub const EMAIL_MAX: usize = 254;
pub const NAME_MAX: usize = 100;
pub const LOCALITY_MAX: usize = 100;
pub const SKILLS_MAX: usize = 500;
pub const ANSWER_MAX: usize = 1000;
/// The youngest and oldest ages the signup accepts.
pub const AGE_MIN: u32 = 10;
pub const AGE_MAX: u32 = 110;
/// The age from which campaigns marked for adults accept a volunteer.
pub const ADULT_AGE: u32 = 18;

pub const LANGUAGES: [&str; 3] = ["kk", "ru", "en"];
pub const AVAILABILITY: [&str; 4] = ["weekdays", "weekends", "evenings", "online"];

/// The signup's steps, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SignupStep {
    Account,
    About,
    Interests,
    Consent,
    Done,
}

impl SignupStep {
    pub const ALL: [SignupStep; 5] = [SignupStep::Account, SignupStep::About, SignupStep::Interests, SignupStep::Consent, SignupStep::Done];

    pub fn slug(self) -> &'static str {
        match self {
            SignupStep::Account => "account",
            SignupStep::About => "about",
            SignupStep::Interests => "interests",
            SignupStep::Consent => "consent",
            SignupStep::Done => "done",
        }
    }

    pub fn from_slug(slug: &str) -> Option<SignupStep> {
        SignupStep::ALL.into_iter().find(|s| s.slug() == slug)
    }

    pub fn next(self) -> SignupStep {
        SignupStep::ALL.into_iter().find(|s| *s > self).unwrap_or(SignupStep::Done)
    }

    pub fn previous(self) -> Option<SignupStep> {
        SignupStep::ALL.into_iter().rev().find(|s| *s < self)
    }

    /// The path of the step inside a language: `/signup`, `/signup/about`, …
    pub fn path(self) -> String {
        match self {
            SignupStep::Account => "/signup".into(),
            other => format!("/signup/{}", other.slug()),
        }
    }
}

/// The profile fields a volunteer fills in (steps "about you" and "interests").
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub full_name: String,
    /// Normalised: `+77011234567`.
    pub phone: String,
    /// `YYYY-MM-DD`
    pub birth_date: String,
    pub region: String,
    pub locality: String,
    pub languages: Vec<String>,
    pub directions: Vec<String>,
    pub skills: String,
    pub availability: Vec<String>,
}

/// The letters, marks and signs a name or a place may hold: anything but markup, brackets,
/// quotes used in code, and control characters.
pub fn check_plain_text(value: &str, max: usize, required: bool) -> Result<(), FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return if required { Err(FieldError::Required) } else { Ok(()) };
    }
    if value.chars().count() > max {
        return Err(FieldError::TooLong { max });
    }
    check_visible(value)?;
    if value.chars().any(|c| c.is_control() || "<>{}[]\\\"`;=|$".contains(c)) {
        return Err(FieldError::ForbiddenCharacters);
    }
    Ok(())
}

/// Characters that show nothing, or turn the text around them (U+202E made "Bob \u{202E}gnp.exe"
/// read reversed on an organiser's list): refused in every text a person writes.
pub fn is_invisible_or_reordering(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

fn check_visible(value: &str) -> Result<(), FieldError> {
    if value.chars().any(is_invisible_or_reordering) {
        return Err(FieldError::InvisibleCharacters);
    }
    Ok(())
}

/// A name: at least one letter, no markup.
pub fn check_name(value: &str) -> Result<(), FieldError> {
    check_plain_text(value, NAME_MAX, true)?;
    if !value.chars().any(char::is_alphabetic) {
        return Err(FieldError::ForbiddenCharacters);
    }
    Ok(())
}

pub fn check_locality(value: &str) -> Result<(), FieldError> {
    check_plain_text(value, LOCALITY_MAX, true)
}

/// Free text (skills, an answer): any characters but control ones, within a length.
pub fn check_free_text(value: &str, max: usize) -> Result<(), FieldError> {
    if value.chars().count() > max {
        return Err(FieldError::TooLong { max });
    }
    check_visible(value)?;
    if value.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        return Err(FieldError::ForbiddenCharacters);
    }
    Ok(())
}

/// The address in the form it is stored and compared in: trimmed, lower case.
pub fn normalize_email(value: &str) -> String {
    value.trim().to_lowercase()
}

/// A deliverable-looking address: one `@`, a local part, a domain with a dot, no spaces or
/// markup. (Whether it truly exists, the verification mail tells.)
pub fn check_email(value: &str) -> Result<(), FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(FieldError::Required);
    }
    if value.chars().count() > EMAIL_MAX {
        return Err(FieldError::TooLong { max: EMAIL_MAX });
    }
    let Some((local, domain)) = value.split_once('@') else { return Err(FieldError::EmailInvalid) };
    let local_ok = !local.is_empty() && local.len() <= 64 && local.chars().all(|c| c.is_alphanumeric() || "!#%&'*+-/?^_{}~.".contains(c));
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && domain.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.');
    if local_ok && domain_ok && !local.starts_with('.') && !local.ends_with('.') {
        Ok(())
    } else {
        Err(FieldError::EmailInvalid)
    }
}

/// A Kazakhstan number (`+7 701 123 45 67`, `8 (701) 123-45-67`, `87011234567`) in one form:
/// `+77011234567`. Kazakhstan's numbers in the shared +7 zone start with 6 or 7.
pub fn normalize_phone(value: &str) -> Result<String, FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(FieldError::Required);
    }
    if value.chars().any(|c| !(c.is_ascii_digit() || " +-().".contains(c))) || value.len() > 24 {
        return Err(FieldError::PhoneInvalid);
    }
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    let national = match (value.starts_with('+'), digits.len()) {
        (true, 11) if digits.starts_with('7') => &digits[1..],
        (false, 11) if digits.starts_with('8') || digits.starts_with('7') => &digits[1..],
        _ => return Err(FieldError::PhoneInvalid),
    };
    if !(national.starts_with('7') || national.starts_with('6')) {
        return Err(FieldError::PhoneInvalid);
    }
    Ok(format!("+7{national}"))
}

pub fn check_phone(value: &str) -> Result<(), FieldError> {
    normalize_phone(value).map(|_| ())
}

/// `+77011234567` as people write it: `+7 701 123 45 67`.
pub fn display_phone(phone: &str) -> String {
    let d: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    if d.len() != 11 {
        return phone.to_string();
    }
    let s = |a: usize, b: usize| d[a..b].iter().collect::<String>();
    format!("+7 {} {} {} {}", s(1, 4), s(4, 7), s(7, 9), s(9, 11))
}

/// Whole years between a birth date and a day.
pub fn age_on(birth: NaiveDate, day: NaiveDate) -> u32 {
    let mut years = day.year() - birth.year();
    if (day.month(), day.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years.max(0) as u32
}

pub fn parse_birth_date(value: &str) -> Result<NaiveDate, FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(FieldError::Required);
    }
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| FieldError::DateInvalid)
}

/// A birth date giving an age from [`AGE_MIN`] to [`AGE_MAX`] on `today`.
pub fn check_birth_date_on(value: &str, today: NaiveDate) -> Result<NaiveDate, FieldError> {
    let date = parse_birth_date(value)?;
    if date > today {
        return Err(FieldError::AgeOutOfRange { min: AGE_MIN, max: AGE_MAX });
    }
    let age = age_on(date, today);
    if !(AGE_MIN..=AGE_MAX).contains(&age) {
        return Err(FieldError::AgeOutOfRange { min: AGE_MIN, max: AGE_MAX });
    }
    Ok(date)
}

/// The browser's check of a birth date (the server checks again against its own clock).
pub fn check_birth_date(value: &str) -> Result<(), FieldError> {
    check_birth_date_on(value, today()).map(|_| ())
}

/// Today's date by this machine's clock (the browser's, in the browser).
fn today() -> NaiveDate {
    #[cfg(feature = "ssr")]
    {
        chrono::Utc::now().date_naive()
    }
    #[cfg(all(not(feature = "ssr"), feature = "hydrate"))]
    {
        let now = js_sys::Date::new_0();
        NaiveDate::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date()).unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        NaiveDate::default()
    }
}

pub fn check_region(value: &str) -> Result<(), FieldError> {
    match value.trim() {
        "" => Err(FieldError::Required),
        code if REGIONS.iter().any(|r| r.code == code) => Ok(()),
        _ => Err(FieldError::ChoiceInvalid),
    }
}

/// Several choices from a fixed list; duplicates dropped, order kept.
pub fn check_choices(values: &[String], allowed: &[&str], at_least_one: bool) -> Result<Vec<String>, FieldError> {
    let mut chosen: Vec<String> = Vec::new();
    for value in values {
        if !allowed.contains(&value.as_str()) {
            return Err(FieldError::ChoiceInvalid);
        }
        if !chosen.contains(value) {
            chosen.push(value.clone());
        }
    }
    if at_least_one && chosen.is_empty() {
        return Err(FieldError::ChooseAtLeastOne);
    }
    Ok(chosen)
}

pub fn direction_slugs() -> Vec<&'static str> {
    DIRECTIONS.iter().map(|d| d.slug).collect()
}

/// The most used passwords (lower case), refused whatever their length.
const COMMON_PASSWORDS: &str = include_str!("common-passwords.txt");

/// At least [`PASSWORD_MIN`] characters, at most [`PASSWORD_MAX`], any characters at all, and
/// not one of the passwords that attackers try first.
pub fn check_password(value: &str) -> Result<(), FieldError> {
    let length = value.chars().count();
    if length == 0 {
        return Err(FieldError::Required);
    }
    if length < PASSWORD_MIN {
        return Err(FieldError::PasswordTooShort { min: PASSWORD_MIN });
    }
    if length > PASSWORD_MAX {
        return Err(FieldError::TooLong { max: PASSWORD_MAX });
    }
    let lower = value.to_lowercase();
    let first = lower.chars().next().unwrap_or(' ');
    let one_character = lower.chars().all(|c| c == first);
    let digits: Vec<u32> = lower.chars().filter_map(|c| c.to_digit(10)).collect();
    let counting = digits.len() == length && digits.windows(2).all(|w| (w[0] + 1) % 10 == w[1] || w[0] == (w[1] + 1) % 10);
    if one_character || counting || COMMON_PASSWORDS.lines().any(|common| common.trim() == lower) {
        return Err(FieldError::PasswordCommon);
    }
    Ok(())
}

/// Splits a stored comma list.
pub fn split_list(value: &str) -> Vec<String> {
    value.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kazakhstan_phone_numbers_are_normalised_to_one_form() {
        for written in ["+7 701 123 45 67", "8 (701) 123-45-67", "87011234567", "+77011234567", "7 701 1234567"] {
            assert_eq!(normalize_phone(written), Ok("+77011234567".to_string()), "{written}");
        }
        assert_eq!(normalize_phone("+7 727 250 00 00"), Ok("+77272500000".into()));
        assert_eq!(display_phone("+77011234567"), "+7 701 123 45 67");
        for bad in ["+7 495 123 45 67", "12345", "+1 202 555 0100", "8701123456", "+7 701 123 45 67 8", "<script>", "+77011234567' OR 1=1"] {
            assert_eq!(normalize_phone(bad), Err(FieldError::PhoneInvalid), "{bad}");
        }
        assert_eq!(normalize_phone("  "), Err(FieldError::Required));
    }

    #[test]
    fn passwords_need_length_not_composition_and_must_not_be_common() {
        assert_eq!(check_password("short"), Err(FieldError::PasswordTooShort { min: 8 }));
        assert_eq!(check_password("password"), Err(FieldError::PasswordCommon));
        assert_eq!(check_password("Qwerty123"), Err(FieldError::PasswordCommon));
        assert_eq!(check_password("12345678"), Err(FieldError::PasswordCommon));
        assert_eq!(check_password("98765432"), Err(FieldError::PasswordCommon));
        assert_eq!(check_password("aaaaaaaaaa"), Err(FieldError::PasswordCommon));
        assert_eq!(check_password("йцукенгш"), Err(FieldError::PasswordCommon));
        assert_eq!(check_password("жасыл алма бақта"), Ok(()));
        assert_eq!(check_password("lowercaseonly"), Ok(()));
        assert_eq!(check_password(&"a b".repeat(30)), Ok(()), "64 characters and more are accepted");
        assert_eq!(check_password(&"x".repeat(129)), Err(FieldError::TooLong { max: 128 }));
    }

    #[test]
    fn emails_are_checked_and_normalised() {
        assert_eq!(check_email("aigerim@mail.kz"), Ok(()));
        assert_eq!(check_email("a.b+volunteer@sub.example.org"), Ok(()));
        assert_eq!(normalize_email("  Aigerim@Mail.KZ "), "aigerim@mail.kz");
        for bad in ["aigerim", "@mail.kz", "a@kz", "a@@mail.kz", "a b@mail.kz", "<a>@mail.kz", "a@mail..kz", "'; DROP TABLE users;--@x.kz"] {
            assert_eq!(check_email(bad), Err(FieldError::EmailInvalid), "{bad}");
        }
        assert_eq!(check_email(&format!("{}@mail.kz", "a".repeat(260))), Err(FieldError::TooLong { max: EMAIL_MAX }));
    }

    #[test]
    fn invisible_and_direction_changing_characters_are_refused_in_every_text() {
        let invisible = ['\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{FEFF}'];
        for c in invisible {
            let text = format!("Bob {c}gnp.exe");
            assert_eq!(check_name(&text), Err(FieldError::InvisibleCharacters), "{:X}", c as u32);
            assert_eq!(check_locality(&text), Err(FieldError::InvisibleCharacters), "{:X}", c as u32);
            assert_eq!(check_free_text(&text, 100), Err(FieldError::InvisibleCharacters), "{:X}", c as u32);
        }
        // Neighbours of the ranges are ordinary text.
        for c in ['\u{2010}', '\u{2029}', '\u{202F}', '\u{2070}'] {
            assert_eq!(check_free_text(&format!("a{c}b"), 100), Ok(()), "{:X}", c as u32);
        }
    }

    #[test]
    fn names_refuse_markup_and_need_a_letter() {
        assert_eq!(check_name("Әйгерім Нұрланқызы"), Ok(()));
        assert_eq!(check_name("Anne-Marie O'Neil"), Ok(()));
        assert_eq!(check_name("<script>alert(1)</script>"), Err(FieldError::ForbiddenCharacters));
        assert_eq!(check_name("Robert'); DROP TABLE users;--"), Err(FieldError::ForbiddenCharacters));
        assert_eq!(check_name("12345"), Err(FieldError::ForbiddenCharacters));
        assert_eq!(check_name(""), Err(FieldError::Required));
        assert_eq!(check_name(&"я".repeat(101)), Err(FieldError::TooLong { max: 100 }));
    }

    #[test]
    fn birth_dates_must_give_a_sane_age() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert!(check_birth_date_on("2000-02-29", today).is_ok());
        assert_eq!(check_birth_date_on("2030-01-01", today), Err(FieldError::AgeOutOfRange { min: 10, max: 110 }));
        assert_eq!(check_birth_date_on("1900-01-01", today), Err(FieldError::AgeOutOfRange { min: 10, max: 110 }));
        assert_eq!(check_birth_date_on("2016-11-23", today), Err(FieldError::AgeOutOfRange { min: 10, max: 110 }));
        assert_eq!(check_birth_date_on("22.11.2000", today), Err(FieldError::DateInvalid));
        assert_eq!(check_birth_date_on("2001-02-30", today), Err(FieldError::DateInvalid));
        let birth = NaiveDate::from_ymd_opt(2010, 11, 23).unwrap();
        assert_eq!(age_on(birth, today), 15);
        assert_eq!(age_on(birth, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()), 16);
    }

    #[test]
    fn choices_come_from_their_list() {
        let chosen = check_choices(&["ru".into(), "kk".into(), "ru".into()], &LANGUAGES, true).unwrap();
        assert_eq!(chosen, vec!["ru", "kk"]);
        assert_eq!(check_choices(&[], &LANGUAGES, true), Err(FieldError::ChooseAtLeastOne));
        assert_eq!(check_choices(&["de".into()], &LANGUAGES, true), Err(FieldError::ChoiceInvalid));
        assert_eq!(check_region("KZ-75"), Ok(()));
        assert_eq!(check_region("KZ-99"), Err(FieldError::ChoiceInvalid));
    }

    #[test]
    fn steps_go_in_order() {
        assert_eq!(SignupStep::Account.next(), SignupStep::About);
        assert_eq!(SignupStep::Consent.next(), SignupStep::Done);
        assert_eq!(SignupStep::About.previous(), Some(SignupStep::Account));
        assert_eq!(SignupStep::from_slug("interests"), Some(SignupStep::Interests));
        assert_eq!(SignupStep::Interests.path(), "/signup/interests");
    }
}
