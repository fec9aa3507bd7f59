//! A volunteer as both sides know them: the signup's steps and the profile.

use crate::i18n::coded;
use serde::{Deserialize, Serialize};

/// The age from which campaigns marked for adults accept a volunteer.
pub const ADULT_AGE: u32 = 18;

coded! {
    /// The signup's steps, in order; the code is the step's address and what an account stores.
    #[derive(PartialOrd, Ord)]
    SignupStep {
        Account = "account",
        About = "about",
        Interests = "interests",
        Consent = "consent",
        Done = "done",
    }
}

impl SignupStep {
    pub fn next(self) -> SignupStep {
        SignupStep::ALL.iter().copied().find(|s| *s > self).unwrap_or(SignupStep::Done)
    }

    pub fn previous(self) -> Option<SignupStep> {
        SignupStep::ALL.iter().copied().rev().find(|s| *s < self)
    }

    /// The path of the step inside a language: `/signup`, `/signup/about`, …
    pub fn path(self) -> String {
        match self {
            SignupStep::Account => "/signup".into(),
            other => format!("/signup/{}", other.code()),
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
        assert_eq!(SignupStep::from_code("interests"), Some(SignupStep::Interests));
        assert_eq!(SignupStep::Interests.path(), "/signup/interests");
    }
}
