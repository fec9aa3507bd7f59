//! A campaign as its organisation writes it, and the checks of every field (shared with the
//! browser, run again on the server).

use crate::i18n::{kazakhstan_offset, Key, Locale, LocalizedText};
use crate::organizations::form::PostedFields;
use crate::reference::{Direction, Region};
use crate::forms::FieldError;
use crate::forms::checks::{check_free_text, check_plain_text};
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

pub const TITLE_MAX: usize = 150;
pub const DESCRIPTION_MAX: usize = 5000;
pub const REQUIREMENTS_MAX: usize = 1000;
pub const QUESTION_MAX: usize = 300;
pub const ADDRESS_MAX: usize = 200;
pub const CAPACITY_MAX: i64 = 100_000;
/// Kazakhstan's extent with a margin, in degrees.
pub const LATITUDE_RANGE: (f64, f64) = (40.5, 55.5);
pub const LONGITUDE_RANGE: (f64, f64) = (46.4, 87.4);
/// `datetime-local` inputs, read as Kazakhstan time.
pub const DATETIME_FORMAT: &str = "%Y-%m-%dT%H:%M";

/// Everything an organisation fills in about a campaign.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CampaignDraft {
    pub title: LocalizedText,
    pub description: LocalizedText,
    pub requirements: LocalizedText,
    pub question: LocalizedText,
    pub direction: String,
    pub region: String,
    pub is_online: bool,
    pub address: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub capacity: Option<i64>,
    pub adults_only: bool,
}

/// The input names of a per-language campaign text, in `Locale` order.
pub fn campaign_language_fields(base: &'static str) -> [(&'static str, Locale); 3] {
    match base {
        "title" => [("title_kk", Locale::Kk), ("title_ru", Locale::Ru), ("title_en", Locale::En)],
        "description" => [("description_kk", Locale::Kk), ("description_ru", Locale::Ru), ("description_en", Locale::En)],
        "requirements" => [("requirements_kk", Locale::Kk), ("requirements_ru", Locale::Ru), ("requirements_en", Locale::En)],
        "question" => [("question_kk", Locale::Kk), ("question_ru", Locale::Ru), ("question_en", Locale::En)],
        other => panic!("no per-language campaign field {other}"),
    }
}

pub fn check_title(value: &str) -> Result<(), FieldError> {
    check_plain_text(value, TITLE_MAX, false)
}

pub fn check_address(value: &str) -> Result<(), FieldError> {
    check_plain_text(value, ADDRESS_MAX, false)
}

/// A `datetime-local` value, read as Kazakhstan time.
pub fn parse_local_datetime(value: &str) -> Result<DateTime<Utc>, FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(FieldError::Required);
    }
    let naive = NaiveDateTime::parse_from_str(value, DATETIME_FORMAT)
        .or_else(|_| NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| FieldError::DateInvalid)?;
    if !(2020..=2100).contains(&chrono::Datelike::year(&naive)) {
        return Err(FieldError::DateInvalid);
    }
    Ok(kazakhstan_offset().from_local_datetime(&naive).single().ok_or(FieldError::DateInvalid)?.with_timezone(&Utc))
}

pub fn check_datetime(value: &str) -> Result<(), FieldError> {
    parse_local_datetime(value).map(|_| ())
}

/// How a stored time appears in a `datetime-local` input.
pub fn local_input_value(at: DateTime<Utc>) -> String {
    at.with_timezone(&kazakhstan_offset()).format(DATETIME_FORMAT).to_string()
}

fn parse_coordinate(value: &str, range: (f64, f64)) -> Result<Option<f64>, FieldError> {
    let value = value.trim().replace(',', ".");
    if value.is_empty() {
        return Ok(None);
    }
    let number: f64 = value.parse().map_err(|_| FieldError::NumberInvalid)?;
    if !number.is_finite() || number < range.0 || number > range.1 {
        return Err(FieldError::part(Key::FormOutsideKazakhstan));
    }
    Ok(Some(number))
}

pub fn check_latitude(value: &str) -> Result<(), FieldError> {
    parse_coordinate(value, LATITUDE_RANGE).map(|_| ())
}

pub fn check_longitude(value: &str) -> Result<(), FieldError> {
    parse_coordinate(value, LONGITUDE_RANGE).map(|_| ())
}

/// Empty (no limit) or a whole number of places from 1 to [`CAPACITY_MAX`].
pub fn parse_capacity(value: &str) -> Result<Option<i64>, FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    match value.parse::<i64>() {
        Ok(n) if (1..=CAPACITY_MAX).contains(&n) => Ok(Some(n)),
        Ok(_) => Err(FieldError::NumberOutOfRange { min: 1, max: CAPACITY_MAX }),
        Err(_) => Err(FieldError::NumberInvalid),
    }
}

pub fn check_capacity(value: &str) -> Result<(), FieldError> {
    parse_capacity(value).map(|_| ())
}

impl CampaignDraft {
    /// Reads and checks every field; on failure, every error by field name.
    pub fn read(form: &impl PostedFields) -> Result<CampaignDraft, Vec<(&'static str, FieldError)>> {
        let mut errors: Vec<(&'static str, FieldError)> = Vec::new();
        let mut texts = |base: &'static str, check: &dyn Fn(&str) -> Result<(), FieldError>, required: bool| {
            let [kk, ru, en] = campaign_language_fields(base).map(|(name, _)| {
                let value = form.text(name).trim().to_string();
                if let Err(e) = check(&value) {
                    errors.push((name, e));
                }
                Some(value)
            });
            let text = LocalizedText::new(kk, ru, en);
            let first = campaign_language_fields(base)[0].0;
            if required && text.pick(Locale::Kk).is_none() && !errors.iter().any(|(n, _)| n.starts_with(base)) {
                errors.push((first, FieldError::OneLanguageRequired));
            }
            text
        };
        let title = texts("title", &check_title, true);
        let description = texts("description", &|v| check_free_text(v, DESCRIPTION_MAX), true);
        let requirements = texts("requirements", &|v| check_free_text(v, REQUIREMENTS_MAX), false);
        let question = texts("question", &|v| check_free_text(v, QUESTION_MAX), false);
        let direction = form.text("direction").trim().to_string();
        match direction.as_str() {
            "" => errors.push(("direction", FieldError::Required)),
            slug if Direction::by_slug(slug).is_none() => errors.push(("direction", FieldError::ChoiceInvalid)),
            _ => {}
        }
        let region = form.text("region").trim().to_string();
        match region.as_str() {
            "" => errors.push(("region", FieldError::Required)),
            code if Region::by_code(code).is_none() => errors.push(("region", FieldError::ChoiceInvalid)),
            _ => {}
        }
        let is_online = match form.text("mode") {
            "online" => true,
            "onsite" => false,
            "" => {
                errors.push(("mode", FieldError::Required));
                false
            }
            _ => {
                errors.push(("mode", FieldError::ChoiceInvalid));
                false
            }
        };
        let address = form.text("address").trim().to_string();
        if let Err(e) = check_address(&address) {
            errors.push(("address", e));
        }
        if !is_online && address.is_empty() && !errors.iter().any(|(n, _)| *n == "mode") {
            errors.push(("address", FieldError::Required));
        }
        let latitude = parse_coordinate(form.text("latitude"), LATITUDE_RANGE).unwrap_or_else(|e| {
            errors.push(("latitude", e));
            None
        });
        let longitude = parse_coordinate(form.text("longitude"), LONGITUDE_RANGE).unwrap_or_else(|e| {
            errors.push(("longitude", e));
            None
        });
        if latitude.is_some() != longitude.is_some() && !errors.iter().any(|(n, _)| *n == "latitude" || *n == "longitude") {
            let missing = if latitude.is_none() { "latitude" } else { "longitude" };
            errors.push((missing, FieldError::part(Key::FormPointIncomplete)));
        }
        if let (Some(lat), Some(lon)) = (latitude, longitude) {
            // The ranges are only the country's bounding box: Bishkek and Tashkent are inside it.
            if !crate::map::geometry::country().covers(lon, lat) {
                errors.push(("latitude", FieldError::part(Key::FormOutsideKazakhstan)));
            }
        }
        let starts_at = parse_local_datetime(form.text("starts_at")).map_err(|e| errors.push(("starts_at", e))).ok();
        let ends_at = parse_local_datetime(form.text("ends_at")).map_err(|e| errors.push(("ends_at", e))).ok();
        if let (Some(start), Some(end)) = (starts_at, ends_at) {
            if end <= start {
                errors.push(("ends_at", FieldError::EndBeforeStart));
            }
        }
        let capacity = parse_capacity(form.text("capacity")).unwrap_or_else(|e| {
            errors.push(("capacity", e));
            None
        });
        let adults_only = form.text("adults_only") == "yes";
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(CampaignDraft {
            title,
            description,
            requirements,
            question,
            direction,
            region,
            is_online,
            address,
            latitude,
            longitude,
            starts_at,
            ends_at,
            capacity,
            adults_only,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_as_kazakhstan_time_and_checked() {
        let at = parse_local_datetime("2026-12-05T10:00").unwrap();
        assert_eq!(at.to_rfc3339(), "2026-12-05T05:00:00+00:00");
        assert_eq!(local_input_value(at), "2026-12-05T10:00");
        assert_eq!(parse_local_datetime(""), Err(FieldError::Required));
        assert_eq!(parse_local_datetime("05.12.2026"), Err(FieldError::DateInvalid));
        assert_eq!(parse_local_datetime("1900-01-01T00:00"), Err(FieldError::DateInvalid));
    }

    #[test]
    fn points_must_lie_in_kazakhstan_and_places_be_a_sane_number() {
        assert_eq!(check_latitude("43,2389"), Ok(()));
        assert_eq!(check_latitude("48.85"), Ok(()));
        assert_eq!(check_longitude("2.35"), Err(FieldError::part(Key::FormOutsideKazakhstan)));
        assert_eq!(check_latitude("NaN"), Err(FieldError::part(Key::FormOutsideKazakhstan)));
        assert_eq!(check_latitude("north"), Err(FieldError::NumberInvalid));
        assert_eq!(parse_capacity(""), Ok(None));
        assert_eq!(parse_capacity("25"), Ok(Some(25)));
        assert_eq!(parse_capacity("0"), Err(FieldError::NumberOutOfRange { min: 1, max: CAPACITY_MAX }));
        assert_eq!(parse_capacity("1e3"), Err(FieldError::NumberInvalid));
    }
}
