//! Volunteers. Sign-up, profiles and applications come with the volunteers issue; for now the
//! store that the home page's counter and the demo data use.

#[cfg(feature = "ssr")]
pub mod store;
