//! Why a field's value was refused, shared by server and browser so that the browser shows
//! each reason in the reader's language.

use crate::i18n::{Key, Locale};
use serde::{Deserialize, Serialize};

/// Why a field's value was refused. Shared, so the browser can show it in the reader's language.
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
    PasswordTooShort { min: usize },
    PasswordCommon,
    DateInvalid,
    AgeOutOfRange { min: u32, max: u32 },
    ChoiceInvalid,
    ChooseAtLeastOne,
    ConsentRequired,
    /// A guardian is asked by mail: their contact must be an email address.
    GuardianEmailInvalid,
    /// The minor gave their own address as their guardian's.
    GuardianContactIsYours,
    CredentialsWrong,
    CurrentPasswordWrong,
    LinkInvalid,
    /// A signup link opened after the address got its account by another one.
    AccountExists,
    TooManyAttempts { minutes: i64 },
    /// An account's failed sign-ins are at their limit: a sign-in link was mailed if the password
    /// was right (the same words either way).
    SignInLinkOffered { minutes: i64 },
    /// A business identification number (BIN) that cannot exist.
    BinInvalid,
    /// Another organisation registered this BIN.
    BinTaken,
    EmailNotVerified,
    UrlInvalid,
    TooMany { max: usize },
    /// A text written in none of the three languages.
    OneLanguageRequired,
    NumberInvalid,
    NumberOutOfRange { min: i64, max: i64 },
    /// A map point outside the country.
    OutsideKazakhstan,
    /// A latitude without a longitude or the other way round.
    PointIncomplete,
    EndBeforeStart,
    /// Campaigns are published once the organisation is verified.
    OrganizationNotVerified,
    /// No free place to approve someone from the waiting list.
    CampaignFull,
    ApplicationWithdrawn,
    /// Attendance is recorded once the campaign has started.
    CampaignNotStarted,
    LogoTooLarge { megabytes: u32 },
    /// Not a PNG, JPEG or WebP picture, whatever its name says.
    LogoNotAnImage,
    LogoTooManyPixels { max: u32 },
    /// An invitation sent to another address than the signed-in person's.
    InvitationForAnother,
    /// Fewer places than volunteers already hold.
    CapacityBelowTaken { taken: i64 },
    TooShort { min: usize },
    /// A help request with no way to reach the person.
    ContactRequired,
    /// The confirmation code is not the person's.
    CodeWrong,
    /// Too many wrong codes: the person confirms on their own page.
    CodeLocked,
    /// Sent sooner than a person could fill the form in, or with the hidden field filled.
    FormTooFast,
    /// The form's stamp is missing, altered or over a day old: the form must be opened again.
    FormOutOfDate,
    /// This copy of the form was sent before (a replayed post); a new one must be opened.
    FormAlreadySent,
    /// The request moved on meanwhile (someone else took this step first).
    StepNotPossible,
    /// Taking requests needs a finished signup, a confirmed address and adulthood, or a
    /// verified organisation.
    HelperNotEligible,
    /// Something went wrong on the server; nothing was saved.
    Unavailable,
}

impl FieldError {
    pub fn message(&self, locale: Locale) -> String {
        match self {
            FieldError::Required => locale.t(Key::FormRequired).into(),
            FieldError::TooLong { max } => locale.t_with(Key::FormTooLong, &[("max", &max.to_string())]),
            FieldError::ForbiddenCharacters => locale.t(Key::FormForbiddenCharacters).into(),
            FieldError::InvisibleCharacters => locale.t(Key::FormInvisibleCharacters).into(),
            FieldError::EmailInvalid => locale.t(Key::FormEmailInvalid).into(),
            FieldError::PhoneInvalid => locale.t(Key::FormPhoneInvalid).into(),
            FieldError::PasswordTooShort { min } => locale.t_with(Key::FormPasswordTooShort, &[("min", &min.to_string())]),
            FieldError::PasswordCommon => locale.t(Key::FormPasswordCommon).into(),
            FieldError::DateInvalid => locale.t(Key::FormDateInvalid).into(),
            FieldError::AgeOutOfRange { min, max } => {
                locale.t_with(Key::FormAgeOutOfRange, &[("min", &min.to_string()), ("max", &max.to_string())])
            }
            FieldError::ChoiceInvalid => locale.t(Key::FormChoiceInvalid).into(),
            FieldError::ChooseAtLeastOne => locale.t(Key::FormChooseAtLeastOne).into(),
            FieldError::ConsentRequired => locale.t(Key::FormConsentRequired).into(),
            FieldError::GuardianEmailInvalid => locale.t(Key::FormGuardianEmailInvalid).into(),
            FieldError::GuardianContactIsYours => locale.t(Key::FormGuardianContactIsYours).into(),
            FieldError::CredentialsWrong => locale.t(Key::FormCredentialsWrong).into(),
            FieldError::CurrentPasswordWrong => locale.t(Key::FormCurrentPasswordWrong).into(),
            FieldError::LinkInvalid => locale.t(Key::FormLinkInvalid).into(),
            FieldError::AccountExists => locale.t(Key::FormAccountExists).into(),
            // A day limit's wait reads in hours: "1,380 min" says little.
            FieldError::TooManyAttempts { minutes } if *minutes > 90 => {
                locale.t_with(Key::FormTooManyAttemptsHours, &[("hours", &((minutes + 59) / 60).to_string())])
            }
            FieldError::TooManyAttempts { minutes } => locale.t_with(Key::FormTooManyAttempts, &[("minutes", &minutes.to_string())]),
            FieldError::SignInLinkOffered { minutes } => locale.t_with(Key::FormSignInLinkOffered, &[("minutes", &minutes.to_string())]),
            FieldError::BinInvalid => locale.t(Key::FormBinInvalid).into(),
            FieldError::BinTaken => locale.t(Key::FormBinTaken).into(),
            FieldError::EmailNotVerified => locale.t(Key::FormEmailNotVerified).into(),
            FieldError::UrlInvalid => locale.t(Key::FormUrlInvalid).into(),
            FieldError::TooMany { max } => locale.t_with(Key::FormTooMany, &[("max", &max.to_string())]),
            FieldError::OneLanguageRequired => locale.t(Key::FormOneLanguageRequired).into(),
            FieldError::NumberInvalid => locale.t(Key::FormNumberInvalid).into(),
            FieldError::NumberOutOfRange { min, max } => {
                locale.t_with(Key::FormNumberOutOfRange, &[("min", &min.to_string()), ("max", &max.to_string())])
            }
            FieldError::OutsideKazakhstan => locale.t(Key::FormOutsideKazakhstan).into(),
            FieldError::PointIncomplete => locale.t(Key::FormPointIncomplete).into(),
            FieldError::EndBeforeStart => locale.t(Key::FormEndBeforeStart).into(),
            FieldError::OrganizationNotVerified => locale.t(Key::FormOrganizationNotVerified).into(),
            FieldError::CampaignFull => locale.t(Key::FormCampaignFull).into(),
            FieldError::InvitationForAnother => locale.t(Key::FormInvitationForAnother).into(),
            FieldError::LogoTooLarge { megabytes } => locale.t_with(Key::FormLogoTooLarge, &[("max", &megabytes.to_string())]),
            FieldError::LogoNotAnImage => locale.t(Key::FormLogoNotAnImage).into(),
            FieldError::LogoTooManyPixels { max } => locale.t_with(Key::FormLogoTooManyPixels, &[("max", &max.to_string())]),
            FieldError::ApplicationWithdrawn => locale.t(Key::FormApplicationWithdrawn).into(),
            FieldError::CampaignNotStarted => locale.t(Key::FormCampaignNotStarted).into(),
            FieldError::CapacityBelowTaken { taken } => locale.t_with(Key::FormCapacityBelowTaken, &[("taken", &taken.to_string())]),
            FieldError::TooShort { min } => locale.t_with(Key::FormTooShort, &[("min", &min.to_string())]),
            FieldError::ContactRequired => locale.t(Key::FormContactRequired).into(),
            FieldError::CodeWrong => locale.t(Key::FormCodeWrong).into(),
            FieldError::CodeLocked => locale.t(Key::FormCodeLocked).into(),
            FieldError::FormAlreadySent => locale.t(Key::FormAlreadySent).into(),
            FieldError::FormTooFast => locale.t(Key::FormTooFast).into(),
            FieldError::FormOutOfDate => locale.t(Key::FormOutOfDate).into(),
            FieldError::StepNotPossible => locale.t(Key::FormStepNotPossible).into(),
            FieldError::HelperNotEligible => locale.t(Key::FormHelperNotEligible).into(),
            FieldError::Unavailable => locale.t(Key::UnavailableText).into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
