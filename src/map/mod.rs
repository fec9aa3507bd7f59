//! The campaign map: Kazakhstan's regions coloured by open campaigns, with campaign markers.

pub mod api;
pub mod geometry;
pub mod model;
#[cfg(feature = "ssr")]
pub mod open_data;
mod page;

pub use page::MapPage;
#[cfg(feature = "ssr")]
pub mod store;
