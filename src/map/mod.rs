//! The campaign map: Kazakhstan's regions coloured by open campaigns, with campaign markers.

pub mod api;
pub mod geometry;
pub mod model;
#[cfg(feature = "ssr")]
pub mod open_data;
mod pages;

pub use pages::MapPage;
#[cfg(feature = "ssr")]
pub mod points;
#[cfg(feature = "ssr")]
pub mod store;
