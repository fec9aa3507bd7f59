//! The signup flow's data, and who needs a guardian's consent.

use crate::auth::Viewer;
use crate::volunteers::model::Profile;
use serde::{Deserialize, Serialize};

/// The version of the personal-data consent text (`consent_text_*` in the translation files).
/// Change it whenever that text changes: consents are stored with the version agreed to.
pub const CONSENT_VERSION: &str = "2026-11-01";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SignupData {
    pub viewer: Option<Viewer>,
    pub profile: Profile,
    /// Under the age from which volunteers agree for themselves (a guardian must agree too).
    pub needs_guardian: bool,
    pub guardian_age: u32,
}

/// Whether someone born on `birth_date` is, today in Kazakhstan, younger than `guardian_age`.
#[cfg(feature = "ssr")]
pub fn needs_guardian(birth_date: &str, guardian_age: u32) -> bool {
    crate::volunteers::form::parse_birth_date(birth_date).is_ok() && birth_date.trim() > minors_born_after(guardian_age).as_str()
}

/// The day (`YYYY-MM-DD`) after which someone born is, today in Kazakhstan, younger than
/// `guardian_age`: stored birth dates compare with it as text, so SQL can decide by the row as
/// it is (`birth_date > …`) on both engines.
#[cfg(feature = "ssr")]
pub fn minors_born_after(guardian_age: u32) -> String {
    minors_born_after_on(guardian_age, chrono::Utc::now().with_timezone(&crate::i18n::kazakhstan_offset()).date_naive())
}

#[cfg(feature = "ssr")]
fn minors_born_after_on(guardian_age: u32, today: chrono::NaiveDate) -> String {
    // A 29 February birthday falls on 28 February in other years, as `age_on` counts it.
    let day = today.checked_sub_months(chrono::Months::new(12 * guardian_age)).unwrap_or(chrono::NaiveDate::MIN);
    day.format("%Y-%m-%d").to_string()
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::volunteers::form::age_on;
    use chrono::NaiveDate;

    #[test]
    fn the_text_threshold_agrees_with_counting_years() {
        let days = ["2026-02-28", "2026-03-01", "2028-02-28", "2028-02-29", "2028-03-01", "2026-12-06"];
        for today in days.map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()) {
            for age in [14, 16, 18] {
                let threshold = minors_born_after_on(age, today);
                let mut birth = today.checked_sub_months(chrono::Months::new(12 * age + 1)).unwrap();
                // Every day of the two months around the threshold, leap days included.
                for _ in 0..62 {
                    let text = birth.format("%Y-%m-%d").to_string();
                    assert_eq!(text > threshold, age_on(birth, today) < age, "born {text}, {age} on {today}");
                    birth = birth.succ_opt().unwrap();
                }
            }
        }
        assert!(!needs_guardian("", 16) && !needs_guardian("not a date", 16));
    }
}
