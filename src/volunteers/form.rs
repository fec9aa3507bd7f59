//! The checks of what a person writes about themselves (name, place, birth date, region,
//! password), shared by the server (which decides) and the browser (which checks fields as
//! they are filled in); `forms::checks` holds the checks every form shares.

use crate::forms::checks::check_plain_text;
use crate::forms::FieldError;
use crate::i18n::Key;
use crate::reference::{DIRECTIONS, REGIONS};
use chrono::{Datelike, NaiveDate};

pub const PASSWORD_MIN: usize = 8;
/// Long passphrases are welcome; the limit only keeps hashing cheap.
pub const PASSWORD_MAX: usize = 128;
pub const NAME_MAX: usize = 100;
pub const LOCALITY_MAX: usize = 100;
pub const SKILLS_MAX: usize = 500;
pub const ANSWER_MAX: usize = 1000;
/// The youngest and oldest ages the signup accepts.
pub const AGE_MIN: u32 = 10;
pub const AGE_MAX: u32 = 110;
pub const LANGUAGES: [&str; 3] = ["kk", "ru", "en"];
pub const AVAILABILITY: [&str; 4] = ["weekdays", "weekends", "evenings", "online"];

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
        return Err(FieldError::part_with(Key::FormAgeOutOfRange, &[("min", AGE_MIN.into()), ("max", AGE_MAX.into())]));
    }
    let age = age_on(date, today);
    if !(AGE_MIN..=AGE_MAX).contains(&age) {
        return Err(FieldError::part_with(Key::FormAgeOutOfRange, &[("min", AGE_MIN.into()), ("max", AGE_MAX.into())]));
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
        return Err(FieldError::part_with(Key::FormPasswordTooShort, &[("min", PASSWORD_MIN as i64)]));
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
        return Err(FieldError::part(Key::FormPasswordCommon));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_need_length_not_composition_and_must_not_be_common() {
        assert_eq!(check_password("short"), Err(FieldError::part_with(Key::FormPasswordTooShort, &[("min", 8)])));
        assert_eq!(check_password("password"), Err(FieldError::part(Key::FormPasswordCommon)));
        assert_eq!(check_password("Qwerty123"), Err(FieldError::part(Key::FormPasswordCommon)));
        assert_eq!(check_password("12345678"), Err(FieldError::part(Key::FormPasswordCommon)));
        assert_eq!(check_password("98765432"), Err(FieldError::part(Key::FormPasswordCommon)));
        assert_eq!(check_password("aaaaaaaaaa"), Err(FieldError::part(Key::FormPasswordCommon)));
        assert_eq!(check_password("йцукенгш"), Err(FieldError::part(Key::FormPasswordCommon)));
        assert_eq!(check_password("жасыл алма бақта"), Ok(()));
        assert_eq!(check_password("lowercaseonly"), Ok(()));
        assert_eq!(check_password(&"a b".repeat(30)), Ok(()), "64 characters and more are accepted");
        assert_eq!(check_password(&"x".repeat(129)), Err(FieldError::TooLong { max: 128 }));
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
        assert_eq!(check_birth_date_on("2030-01-01", today), Err(FieldError::part_with(Key::FormAgeOutOfRange, &[("min", 10), ("max", 110)])));
        assert_eq!(check_birth_date_on("1900-01-01", today), Err(FieldError::part_with(Key::FormAgeOutOfRange, &[("min", 10), ("max", 110)])));
        assert_eq!(check_birth_date_on("2016-11-23", today), Err(FieldError::part_with(Key::FormAgeOutOfRange, &[("min", 10), ("max", 110)])));
        assert_eq!(check_birth_date_on("22.11.2000", today), Err(FieldError::DateInvalid));
        assert_eq!(check_birth_date_on("2001-02-30", today), Err(FieldError::DateInvalid));
        let birth = NaiveDate::from_ymd_opt(2010, 11, 23).unwrap();
        assert_eq!(age_on(birth, today), 15);
        assert_eq!(age_on(birth, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()), 16);
    }
}
