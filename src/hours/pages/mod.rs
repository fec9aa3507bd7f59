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

/// Hours in the page's language (see [`format_hours`](crate::hours::model::format_hours)).
pub fn hours_text(hours: f64) -> String {
    crate::hours::model::format_hours(use_locale(), hours)
}
