//! Volunteer organisations and movements: registration, the public directory and profiles,
//! membership, and moderation.

pub mod api;
pub mod campaigns;
pub mod form;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod access;
#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod logo;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(all(test, feature = "ssr"))]
pub(crate) mod tests;
#[cfg(all(test, feature = "ssr"))]
mod authorization_tests;
