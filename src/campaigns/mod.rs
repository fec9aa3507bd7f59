//! Campaigns: what visitors browse and volunteers join.
//!
//! `model` holds the shared types, `api` the server functions, `open_data` the `/api/v1` routes,
//! `store` the SQL (server only), `pages` the list and the campaign page.

pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod open_data;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(all(test, feature = "ssr"))]
mod store_tests;
