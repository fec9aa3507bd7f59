//! Volunteer organisations and movements. Registration, public pages and the profile editor
//! come with the organisations issue; for now the store that campaigns and demo data use.

#[cfg(feature = "ssr")]
pub mod store;
