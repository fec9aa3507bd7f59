//! Transparency: how help is distributed, for everyone. Figures are counted (again after every
//! step of a request; volunteering at most ten minutes ago) from the
//! requests, the ledger and the campaigns, drawn as SVG on the server (readable without
//! JavaScript) with a table under each chart, and downloadable as CSV and JSON.

pub mod api;
mod charts;
pub mod model;
#[cfg(feature = "ssr")]
pub mod open_data;
mod pages;

pub use pages::TransparencyPage;

#[cfg(feature = "ssr")]
pub mod store;
