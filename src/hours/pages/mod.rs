//! The pages of hours: the organisers' check-in screen, the page a volunteer's phone opens from
//! its QR code (and the same code box on the campaign's page), and the volunteer's book.

mod book;
mod check;
mod organization;
mod review;
mod screen;

pub use book::BookPage;
pub use check::{AttendancePage, CheckInBox};
pub use organization::OrganizationHoursPage;
pub use review::HoursReviewQueue;
pub use screen::CheckInScreenPage;

use crate::ui::use_locale;

/// "3,5 сағ." / "3,5 ч" / "3.5 h": hours in quarters, written as the language writes decimals.
pub fn hours_text(hours: f64) -> String {
    let locale = use_locale();
    let number = format!("{hours}");
    let number = match locale {
        crate::i18n::Locale::En => number,
        _ => number.replace('.', ","),
    };
    locale.t_with(crate::i18n::Key::HoursAmount, &[("hours", &number)])
}
