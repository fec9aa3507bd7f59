//! Volunteers: the signup flow, their own page, applying to campaigns, and the profile checks
//! shared by server and browser.

pub mod applications;
pub mod form;
pub mod guardian;
pub mod me;
pub mod model;
pub mod signup;

#[cfg(feature = "ssr")]
pub mod store;
