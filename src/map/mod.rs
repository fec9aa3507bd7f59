//! The campaign map: Kazakhstan's regions coloured by open campaigns, with campaign markers.

pub mod api;
pub mod geometry;
pub mod model;
mod page;

pub use page::MapPage;
#[cfg(feature = "ssr")]
pub mod store;
