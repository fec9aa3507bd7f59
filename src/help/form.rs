//! The filing form of a help request and the checks of its fields (run in the browser as
//! fields are left, and again on the server).

use super::model::*;
use crate::forms::checks::{check_email, check_free_text, check_plain_text, normalize_email, normalize_phone};
use crate::forms::FieldError;
use crate::i18n::Key;
use crate::organizations::form::PostedFields;
use crate::volunteers::form::{check_locality, check_name, check_region};
use serde::{Deserialize, Serialize};

/// What the filing form holds, checked.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HelpRequestDraft {
    pub kind: String,
    pub direction: String,
    pub region: String,
    pub locality: String,
    pub urgency: String,
    pub description: String,
    pub contact_name: String,
    /// `+77011234567`, when given.
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub address: Option<String>,
}

pub fn check_choice<T>(value: &str, from_code: fn(&str) -> Option<T>) -> Result<(), FieldError> {
    match value.trim() {
        "" => Err(FieldError::Required),
        code if from_code(code).is_some() => Ok(()),
        _ => Err(FieldError::ChoiceInvalid),
    }
}

pub fn check_kind(value: &str) -> Result<(), FieldError> {
    check_choice(value, HelpKind::from_code)
}

pub fn check_urgency(value: &str) -> Result<(), FieldError> {
    check_choice(value, Urgency::from_code)
}

pub fn check_direction(value: &str) -> Result<(), FieldError> {
    check_choice(value, crate::reference::Direction::by_slug)
}

pub fn check_description(value: &str) -> Result<(), FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(FieldError::Required);
    }
    if value.chars().count() < DESCRIPTION_MIN {
        return Err(FieldError::TooShort { min: DESCRIPTION_MIN });
    }
    check_free_text(value, DESCRIPTION_MAX)
}

/// A phone, when one is given.
pub fn check_optional_phone(value: &str) -> Result<(), FieldError> {
    if value.trim().is_empty() {
        Ok(())
    } else {
        normalize_phone(value).map(|_| ())
    }
}

pub fn check_optional_email(value: &str) -> Result<(), FieldError> {
    if value.trim().is_empty() {
        Ok(())
    } else {
        check_email(value)
    }
}

pub fn check_address(value: &str) -> Result<(), FieldError> {
    check_plain_text(value, ADDRESS_MAX, false)
}

pub fn check_note(value: &str, required: bool) -> Result<(), FieldError> {
    if required && value.trim().is_empty() {
        return Err(FieldError::Required);
    }
    check_free_text(value.trim(), NOTE_MAX)
}

/// A confirmation code: six digits, spaces allowed as people write them.
pub fn normalize_code(value: &str) -> Option<String> {
    let digits: String = value.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    (digits.len() == 6 && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits)
}

impl HelpRequestDraft {
    /// Reads and checks every field; on failure, every error by field name.
    pub fn read(form: &impl PostedFields) -> Result<HelpRequestDraft, Vec<(&'static str, FieldError)>> {
        let mut errors: Vec<(&'static str, FieldError)> = Vec::new();
        let mut field = |name: &'static str, check: fn(&str) -> Result<(), FieldError>| {
            let value = form.text(name).trim().to_string();
            if let Err(e) = check(&value) {
                errors.push((name, e));
            }
            value
        };
        let kind = field("kind", check_kind);
        let direction = field("direction", check_direction);
        let region = field("region", check_region);
        let locality = field("locality", check_locality);
        let urgency = field("urgency", check_urgency);
        let description = field("description", check_description);
        let contact_name = field("contact_name", check_name);
        let phone = field("contact_phone", check_optional_phone);
        let email = field("contact_email", check_optional_email);
        let address = field("address", check_address);
        if phone.is_empty() && email.is_empty() && address.is_empty() {
            errors.push(("contact_phone", FieldError::part(Key::FormContactRequired)));
        }
        if form.text("agree") != "yes" {
            errors.push(("agree", FieldError::ConsentRequired));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let some = |v: String| (!v.is_empty()).then_some(v);
        Ok(HelpRequestDraft {
            kind,
            direction,
            region,
            locality,
            urgency,
            description,
            contact_name,
            contact_phone: some(phone).and_then(|p| normalize_phone(&p).ok()),
            contact_email: some(email).map(|e| normalize_email(&e)),
            address: some(address),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_digits() {
        assert_eq!(normalize_code(" 482 913 ").as_deref(), Some("482913"));
        assert_eq!(normalize_code("48-29-13").as_deref(), Some("482913"));
        assert_eq!(normalize_code("48291"), None);
        assert_eq!(normalize_code("4829134"), None);
        assert_eq!(normalize_code("48291a"), None);
        assert_eq!(normalize_code("٤٨٢٩١٣"), None);
    }
}
