//! Applying to a campaign: one click from the stored profile, a place held atomically, a
//! waiting list that moves up when someone cancels.

pub mod api;
pub mod model;
pub mod pages;

pub use pages::ApplyPanel;

#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(all(test, feature = "ssr"))]
pub(crate) mod store_tests;
