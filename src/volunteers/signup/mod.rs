//! The signup flow: account → about you → interests → consent → done. The account exists from
//! the first step, so every later step is saved as it is passed: back and forward show what was
//! entered, and signing in again later resumes at the step where the person stopped.

pub mod api;
pub mod model;
pub mod pages;

pub use pages::{SignupConfirmPage, SignupPage};

#[cfg(feature = "ssr")]
pub mod handlers;
