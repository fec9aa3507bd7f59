//! Hours of online campaigns (cyber-volunteers' consultations), where there is no place to check
//! in. The volunteer records each session's day, start and end on the campaign's page; someone
//! else confirms it: a member of the organisation on the applications page (who may also record
//! a session for a participant), or the person helped, through a one-time link mailed to them
//! (`/{lang}/sessions/confirm?token=…`, no account needed). A volunteer's confirmed sessions,
//! cut to the campaign's span, are the application's hours, marked "online sessions" everywhere.

pub mod api;
pub mod model;
mod pages;

pub use pages::{HelpedSessionPage, OnlineSessionsBox, ParticipantSessions};

#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(all(test, feature = "ssr"))]
mod tests;
