//! Who may take which step of a help request: the one rule table that the request's page reads
//! to offer steps and the store reads to refuse the others.

use super::model::{HelpAction, HelpStatus};
use serde::{Deserialize, Serialize};

/// Where the person acting stands towards one request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standing {
    /// Came with the request's private link: the person in need.
    pub via_link: bool,
    /// Filed it (for themselves, as an operator or for their organisation).
    pub is_filer: bool,
    /// Took it: the volunteer, or a member of the organisation that took it.
    pub is_taker: bool,
    pub is_moderator: bool,
    /// A member of a verified organisation: may confirm that requests are real.
    pub can_verify: bool,
    /// May take a request: a member of a verified organisation, or an adult volunteer with a
    /// confirmed address and a finished signup.
    pub can_take: bool,
}

/// Why a step is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepRefused {
    /// The request is not in a status this step starts from (someone else was quicker).
    WrongStatus,
    /// This person may not take this step.
    NotAllowed,
}

/// Whether `standing` may take `action` on a request in `status`. The one place these rules
/// live: the pages offer what it allows, the server refuses what it does not.
pub fn permitted(action: HelpAction, status: HelpStatus, standing: Standing) -> Result<(), StepRefused> {
    if !action.from().contains(&status) {
        return Err(StepRefused::WrongStatus);
    }
    let s = standing;
    let allowed = match action {
        // Nobody vouches for a request they filed themselves.
        HelpAction::Verify => (s.can_verify || s.is_moderator) && !s.is_filer,
        HelpAction::Decline => s.is_moderator || (s.can_verify && !s.is_filer),
        HelpAction::Take => s.can_take,
        HelpAction::Release => s.is_taker || s.is_moderator,
        HelpAction::Start | HelpAction::Deliver => s.is_taker,
        // The taker confirms with the code the person gives them (checked by the store).
        HelpAction::Confirm => s.via_link || s.is_taker,
        // A delivered request the person could not confirm is closed by a moderator only.
        HelpAction::Close => match status {
            HelpStatus::Confirmed => s.is_taker || s.is_moderator,
            _ => s.is_moderator,
        },
        HelpAction::Cancel => s.via_link || s.is_filer || s.is_moderator,
    };
    if allowed {
        Ok(())
    } else {
        Err(StepRefused::NotAllowed)
    }
}

/// The steps `standing` may take now, in the order the page offers them.
pub fn available_steps(status: HelpStatus, standing: Standing) -> Vec<HelpAction> {
    HelpAction::ALL.iter().copied().filter(|a| permitted(*a, status, standing).is_ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn everyone() -> Vec<(&'static str, Standing)> {
        let none = Standing::default();
        vec![
            ("visitor", none),
            ("person by link", Standing { via_link: true, ..none }),
            ("filer", Standing { is_filer: true, ..none }),
            ("taker", Standing { is_taker: true, can_take: true, can_verify: true, ..none }),
            ("moderator", Standing { is_moderator: true, ..none }),
            ("verifier", Standing { can_verify: true, can_take: true, ..none }),
            ("volunteer", Standing { can_take: true, ..none }),
            ("verifier who filed", Standing { can_verify: true, is_filer: true, ..none }),
        ]
    }

    #[test]
    fn every_step_starts_only_from_its_statuses() {
        for action in HelpAction::ALL {
            for status in HelpStatus::ALL {
                let all_powers = Standing { via_link: true, is_filer: false, is_taker: true, is_moderator: true, can_verify: true, can_take: true };
                let result = permitted(*action, *status, all_powers);
                if action.from().contains(status) {
                    assert_eq!(result, Ok(()), "{action:?} from {status:?}");
                } else {
                    assert_eq!(result, Err(StepRefused::WrongStatus), "{action:?} from {status:?}");
                }
            }
        }
        // Nothing leaves the final statuses.
        for status in [HelpStatus::Closed, HelpStatus::Declined, HelpStatus::Cancelled] {
            assert!(HelpAction::ALL.iter().all(|a| !a.from().contains(&status)), "{status:?} is final");
        }
    }

    #[test]
    fn each_step_is_for_those_allowed_to_take_it() {
        let expected: &[(HelpAction, HelpStatus, &[&str])] = &[
            (HelpAction::Verify, HelpStatus::New, &["taker", "moderator", "verifier"]),
            (HelpAction::Decline, HelpStatus::New, &["taker", "moderator", "verifier"]),
            (HelpAction::Take, HelpStatus::Verified, &["taker", "verifier", "volunteer"]),
            (HelpAction::Release, HelpStatus::Taken, &["taker", "moderator"]),
            (HelpAction::Start, HelpStatus::Taken, &["taker"]),
            (HelpAction::Deliver, HelpStatus::InProgress, &["taker"]),
            (HelpAction::Confirm, HelpStatus::Delivered, &["person by link", "taker"]),
            (HelpAction::Close, HelpStatus::Confirmed, &["taker", "moderator"]),
            (HelpAction::Close, HelpStatus::Delivered, &["moderator"]),
            (HelpAction::Cancel, HelpStatus::Verified, &["person by link", "filer", "moderator", "verifier who filed"]),
        ];
        for (action, status, allowed) in expected {
            for (who, standing) in everyone() {
                let result = permitted(*action, *status, standing);
                if allowed.contains(&who) {
                    assert_eq!(result, Ok(()), "{who} may {action:?} from {status:?}");
                } else {
                    assert_eq!(result, Err(StepRefused::NotAllowed), "{who} may not {action:?} from {status:?}");
                }
            }
        }
    }
}
