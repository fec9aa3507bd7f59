//! The registration and profile form of an organisation, and the checks of every field (run
//! in the browser as fields are left, and again on the server).

use super::model::OrganizationKind;
use crate::i18n::{Key, Locale, LocalizedText};
use crate::reference::REGIONS;
use crate::forms::FieldError;
use crate::volunteers::form::direction_slugs;
use crate::forms::checks::{check_choices, check_email, check_phone, check_plain_text, normalize_email, normalize_phone};
use serde::{Deserialize, Serialize};

pub const ORG_NAME_MAX: usize = 120;
pub const ORG_DESCRIPTION_MAX: usize = 5000;
pub const ORG_ADDRESS_MAX: usize = 200;
pub const URL_MAX: usize = 200;
pub const SOCIAL_LINKS_MAX: usize = 5;
pub const REASON_MAX: usize = 500;

/// Everything an owner or editor fills in about an organisation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OrganizationDraft {
    pub name: LocalizedText,
    pub description: LocalizedText,
    pub kind: String,
    pub bin: String,
    pub regions: Vec<String>,
    pub directions: Vec<String>,
    pub phone: String,
    pub email: String,
    pub address: LocalizedText,
    pub website: String,
    pub social_links: Vec<String>,
}

/// The names of a per-language field's three inputs, in `Locale` order.
pub fn language_fields(base: &'static str) -> [(&'static str, Locale); 3] {
    match base {
        "name" => [("name_kk", Locale::Kk), ("name_ru", Locale::Ru), ("name_en", Locale::En)],
        "description" => [("description_kk", Locale::Kk), ("description_ru", Locale::Ru), ("description_en", Locale::En)],
        "address" => [("address_kk", Locale::Kk), ("address_ru", Locale::Ru), ("address_en", Locale::En)],
        other => panic!("no per-language field {other}"),
    }
}

/// A business identification number (BIN) that cannot exist.
const BIN_INVALID: FieldError = FieldError::part(Key::FormBinInvalid);

/// A Kazakhstan business identification number: 12 digits whose last is the check digit
/// of the state algorithm (weights 1..11, and 3..11,1,2 when the first sum gives 10).
pub fn check_bin(value: &str) -> Result<(), FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(FieldError::Required);
    }
    let digits: Vec<u32> = value.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 12 || value.chars().count() != 12 {
        return Err(BIN_INVALID);
    }
    // Digits 3 and 4 are the month of registration.
    let month = digits[2] * 10 + digits[3];
    if !(1..=12).contains(&month) {
        return Err(BIN_INVALID);
    }
    let sum = |weights: [u32; 11]| digits.iter().zip(weights).map(|(d, w)| d * w).sum::<u32>() % 11;
    let mut check = sum([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    if check == 10 {
        check = sum([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
    }
    if check == 10 || check != digits[11] {
        return Err(BIN_INVALID);
    }
    Ok(())
}

/// A web address people can open: http(s), a host with a dot, no spaces or markup.
pub fn check_url(value: &str) -> Result<(), FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(());
    }
    if value.chars().count() > URL_MAX {
        return Err(FieldError::TooLong { max: URL_MAX });
    }
    let rest = value.strip_prefix("https://").or_else(|| value.strip_prefix("http://")).ok_or(FieldError::UrlInvalid)?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_ok = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-' || c == ':');
    let rest_ok = !rest.chars().any(|c| c.is_whitespace() || c.is_control() || "<>\"'`\\{}|^".contains(c));
    if host_ok && rest_ok {
        Ok(())
    } else {
        Err(FieldError::UrlInvalid)
    }
}

/// Up to [`SOCIAL_LINKS_MAX`] links, one per line.
pub fn check_social_links(value: &str) -> Result<(), FieldError> {
    let links = split_lines(value);
    if links.len() > SOCIAL_LINKS_MAX {
        return Err(FieldError::TooMany { max: SOCIAL_LINKS_MAX });
    }
    links.iter().try_for_each(|link| check_url(link))
}

pub fn split_lines(value: &str) -> Vec<String> {
    value.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
}

pub fn check_org_name(value: &str) -> Result<(), FieldError> {
    check_plain_text(value, ORG_NAME_MAX, false)?;
    if !value.trim().is_empty() && !value.chars().any(char::is_alphabetic) {
        return Err(FieldError::ForbiddenCharacters);
    }
    Ok(())
}

pub fn check_org_description(value: &str) -> Result<(), FieldError> {
    crate::forms::checks::check_free_text(value, ORG_DESCRIPTION_MAX)
}

pub fn check_org_address(value: &str) -> Result<(), FieldError> {
    check_plain_text(value, ORG_ADDRESS_MAX, false)
}

pub fn check_kind(value: &str) -> Result<(), FieldError> {
    match value.trim() {
        "" => Err(FieldError::Required),
        code if OrganizationKind::from_code(code).is_some() => Ok(()),
        _ => Err(FieldError::ChoiceInvalid),
    }
}

/// A moderator's reason for a rejection or for hiding something: required, plain text.
pub fn check_reason(value: &str) -> Result<(), FieldError> {
    if value.trim().is_empty() {
        return Err(FieldError::Required);
    }
    crate::forms::checks::check_free_text(value, REASON_MAX)
}

/// The form's fields as they were posted: a read of one named value, and of a repeated one.
pub trait PostedFields {
    fn text(&self, name: &str) -> &str;
    fn all(&self, name: &str) -> Vec<String>;
}

impl OrganizationDraft {
    /// Reads and checks every field; on failure, every error by field name.
    pub fn read(form: &impl PostedFields) -> Result<OrganizationDraft, Vec<(&'static str, FieldError)>> {
        let mut errors: Vec<(&'static str, FieldError)> = Vec::new();
        let mut texts = |base: &'static str, check: fn(&str) -> Result<(), FieldError>| {
            let [kk, ru, en] = language_fields(base).map(|(name, _)| {
                let value = form.text(name).trim().to_string();
                if let Err(e) = check(&value) {
                    errors.push((name, e));
                }
                Some(value)
            });
            LocalizedText::new(kk, ru, en)
        };
        let name = texts("name", check_org_name);
        let description = texts("description", check_org_description);
        let address = texts("address", check_org_address);
        if name.pick(Locale::Kk).is_none() && !errors.iter().any(|(n, _)| n.starts_with("name_")) {
            errors.push(("name_kk", FieldError::OneLanguageRequired));
        }
        if description.pick(Locale::Kk).is_none() && !errors.iter().any(|(n, _)| n.starts_with("description_")) {
            errors.push(("description_kk", FieldError::OneLanguageRequired));
        }
        let kind = form.text("kind").trim().to_string();
        if let Err(e) = check_kind(&kind) {
            errors.push(("kind", e));
        }
        let bin = form.text("bin").trim().to_string();
        let needs_bin = OrganizationKind::from_code(&kind).is_some_and(OrganizationKind::has_bin);
        if needs_bin || !bin.is_empty() {
            if let Err(e) = check_bin(&bin) {
                errors.push(("bin", e));
            }
        }
        let region_codes: Vec<&str> = REGIONS.iter().map(|r| r.code).collect();
        let regions = check_choices(&form.all("regions"), &region_codes, true).unwrap_or_else(|e| {
            errors.push(("regions", e));
            Vec::new()
        });
        let directions = check_choices(&form.all("directions"), &direction_slugs(), true).unwrap_or_else(|e| {
            errors.push(("directions", e));
            Vec::new()
        });
        let phone = match normalize_phone(form.text("phone")) {
            Ok(phone) => phone,
            Err(e) => {
                errors.push(("phone", e));
                String::new()
            }
        };
        let email = normalize_email(form.text("email"));
        if let Err(e) = check_email(&email) {
            errors.push(("email", e));
        }
        let website = form.text("website").trim().to_string();
        if let Err(e) = check_url(&website) {
            errors.push(("website", e));
        }
        let social = form.text("social_links");
        if let Err(e) = check_social_links(social) {
            errors.push(("social_links", e));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(OrganizationDraft {
            name,
            description,
            kind,
            bin: if needs_bin { bin } else { String::new() },
            regions,
            directions,
            phone,
            email,
            address,
            website,
            social_links: split_lines(social),
        })
    }

    /// The region the organisation is seated in: the first it works in, in the country's order.
    pub fn seat(&self) -> String {
        REGIONS.iter().find(|r| self.regions.iter().any(|c| c == r.code)).map(|r| r.code.to_string()).unwrap_or_default()
    }
}

/// A phone check for the browser that accepts an empty field (the server requires it).
pub fn check_org_phone(value: &str) -> Result<(), FieldError> {
    check_phone(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Gives an 11-digit start its check digit, or None when the start cannot have one.
    fn with_check_digit(start: &str) -> Option<String> {
        (0..10).map(|d| format!("{start}{d}")).find(|bin| check_bin(bin).is_ok())
    }

    #[test]
    fn business_ids_have_twelve_digits_a_month_and_a_check_digit() {
        let valid = with_check_digit("19014000012").expect("a check digit exists");
        assert_eq!(check_bin(&valid), Ok(()));
        let last = valid.chars().last().unwrap().to_digit(10).unwrap();
        let wrong = format!("{}{}", &valid[..11], (last + 1) % 10);
        assert_eq!(check_bin(&wrong), Err(BIN_INVALID));
        assert_eq!(check_bin(""), Err(FieldError::Required));
        assert_eq!(check_bin("12345"), Err(BIN_INVALID));
        assert_eq!(check_bin("1901400001２3"), Err(BIN_INVALID));
        assert_eq!(check_bin("19134000012"), Err(BIN_INVALID));
        // Month 13 never exists, whatever the check digit.
        assert!((0..10).all(|d| check_bin(&format!("1913400001{d}0")).is_err()));
        assert_eq!(check_bin("' OR 1=1 --"), Err(BIN_INVALID));
    }

    #[test]
    fn web_addresses_must_be_http_with_a_real_host() {
        assert_eq!(check_url(""), Ok(()));
        assert_eq!(check_url("https://birgemiz.kz/about?x=1"), Ok(()));
        assert_eq!(check_url("http://қайырымдылық.kz"), Ok(()));
        for bad in ["javascript:alert(1)", "https://", "https://localhost", "ftp://a.kz", "https://a.kz/<script>", "https://a .kz", "https://.kz"] {
            assert_eq!(check_url(bad), Err(FieldError::UrlInvalid), "{bad}");
        }
        assert_eq!(check_url(&format!("https://a.kz/{}", "x".repeat(URL_MAX))), Err(FieldError::TooLong { max: URL_MAX }));
        assert_eq!(check_social_links("https://t.me/a\n\nhttps://instagram.com/b"), Ok(()));
        assert_eq!(check_social_links(&"https://t.me/a\n".repeat(6)), Err(FieldError::TooMany { max: SOCIAL_LINKS_MAX }));
    }
}
