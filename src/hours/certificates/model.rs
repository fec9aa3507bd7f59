//! What a certificate of the volunteer book states, and what its public page shows.

use crate::hours::model::{HoursSource, Period};
use crate::i18n::{coded, LocalizedText};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

coded! {
    /// How the volunteer's name appears on a certificate.
    NameShown {
        Full = "full" => CertificateNameFull,
        Initials = "initials" => CertificateNameInitials,
        Hidden = "hidden" => CertificateNameHidden,
    }
}

/// The name as it is shown: "Әйгерім Нұрланқызы", "Ә. Н.", or nothing.
pub fn shown_name(full_name: &str, shown: NameShown) -> String {
    match shown {
        NameShown::Full => full_name.split_whitespace().collect::<Vec<_>>().join(" "),
        NameShown::Initials => full_name.split_whitespace().filter_map(|word| word.chars().next()).map(|c| format!("{c}.")).collect::<Vec<_>>().join(" "),
        NameShown::Hidden => String::new(),
    }
}

/// One campaign on a certificate, as it stood when the certificate was issued.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CertificateEntry {
    pub application_id: i64,
    pub campaign_id: i64,
    pub campaign: LocalizedText,
    pub organization: LocalizedText,
    pub direction: String,
    pub region: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub hours: f64,
    pub source: HoursSource,
}

/// A certificate as issued.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Certificate {
    pub id: String,
    /// The language it was issued in (`kk`, `ru`, `en`): its PDF's.
    pub locale: String,
    pub name_shown: NameShown,
    /// Empty when the volunteer chose not to show their name.
    pub holder: String,
    /// One organisation's hours; `None` for all.
    pub organization: Option<LocalizedText>,
    pub period: Period,
    pub hours: f64,
    pub entries: Vec<CertificateEntry>,
    /// Its place in the published revocation list of the credentials.
    pub status_index: i64,
    pub issued_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl Certificate {
    /// "The whole volunteer book", or the period it covers, in `locale`.
    pub fn scope(&self, locale: crate::i18n::Locale) -> String {
        use crate::i18n::{format_day, Key};
        match (self.period.from, self.period.to) {
            (None, None) => locale.t(Key::CertificateWholeBook).to_string(),
            (Some(from), None) => locale.t_with(Key::CertificateSince, &[("from", &format_day(locale, from))]),
            (None, Some(to)) => locale.t_with(Key::CertificateUntil, &[("to", &format_day(locale, to))]),
            (Some(from), Some(to)) => locale.t_with(Key::CertificatePeriod, &[("from", &format_day(locale, from)), ("to", &format_day(locale, to))]),
        }
    }
}

/// Hours on a certificate that the organisation or a moderator changed since it was issued.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Correction {
    pub campaign: LocalizedText,
    pub issued: f64,
    /// `None`: no longer credited at all.
    pub now: Option<f64>,
}

/// `/{lang}/certificates/{id}`: the certificate, and whether what it states still holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Verification {
    pub certificate: Certificate,
    pub corrections: Vec<Correction>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_shown_in_full_as_initials_or_not_at_all() {
        assert_eq!(shown_name(" Әйгерім  Нұрланқызы ", NameShown::Full), "Әйгерім Нұрланқызы");
        assert_eq!(shown_name("Әйгерім Нұрланқызы", NameShown::Initials), "Ә. Н.");
        assert_eq!(shown_name("Әйгерім Нұрланқызы", NameShown::Hidden), "");
    }
}
