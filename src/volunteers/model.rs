//! A volunteer as both sides know them: the signup's steps and the profile.

use serde::{Deserialize, Serialize};

/// The age from which campaigns marked for adults accept a volunteer.
pub const ADULT_AGE: u32 = 18;

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

/// Splits a stored comma list.
pub fn split_list(value: &str) -> Vec<String> {
    value.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_go_in_order() {
        assert_eq!(SignupStep::Account.next(), SignupStep::About);
        assert_eq!(SignupStep::Consent.next(), SignupStep::Done);
        assert_eq!(SignupStep::About.previous(), Some(SignupStep::Account));
        assert_eq!(SignupStep::from_slug("interests"), Some(SignupStep::Interests));
        assert_eq!(SignupStep::Interests.path(), "/signup/interests");
    }
}
