//! The volunteer book: hours that are earned on site and confirmed, not typed at will.
//!
//! An organiser shows the campaign's check-in screen (a QR code and a six-digit code that change
//! every 30 seconds, `codes.rs`); an approved volunteer scans it or types the code, once on
//! arrival and once on leaving. The hours between, within the campaign's span, wait for the
//! organisation to confirm them; hours it types itself stay possible, marked as such everywhere,
//! and changing hours from check-in takes a reason that goes to the audit log. The volunteer's
//! book (`/{lang}/me/book`) lists every confirmed entry with its totals.

pub mod api;
pub mod certificates;
pub mod model;
pub mod online;
mod pages;

pub use pages::{hours_text, AttendancePage, BookPage, CheckInBox, CheckInScreenPage, HoursReviewQueue, OrganizationHoursPage};

#[cfg(feature = "ssr")]
pub mod codes;
#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(all(test, feature = "ssr"))]
mod tests;
