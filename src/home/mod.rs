//! The home page: what the platform is, a call to action, live figures, the programme's
//! directions and the campaigns starting soonest.

pub mod api;
pub mod model;
mod pages;

pub use pages::HomePage;
