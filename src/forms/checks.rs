//! The checks every form shares, run in the browser as a field is left and again on the
//! server: plain text, free text, email, a Kazakhstan phone number, a choice from a list.

use super::FieldError;

pub const EMAIL_MAX: usize = 254;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::volunteers::form::{check_locality, check_name, check_region, LANGUAGES};
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
    fn choices_come_from_their_list() {
        let chosen = check_choices(&["ru".into(), "kk".into(), "ru".into()], &LANGUAGES, true).unwrap();
        assert_eq!(chosen, vec!["ru", "kk"]);
        assert_eq!(check_choices(&[], &LANGUAGES, true), Err(FieldError::ChooseAtLeastOne));
        assert_eq!(check_choices(&["de".into()], &LANGUAGES, true), Err(FieldError::ChoiceInvalid));
        assert_eq!(check_region("KZ-75"), Ok(()));
        assert_eq!(check_region("KZ-99"), Err(FieldError::ChoiceInvalid));
    }
}
