//! `/{lang}/me`: a volunteer's own page: profile, applications, hours, security, their data.

pub mod api;
pub mod model;
mod pages;

pub use pages::MyPage;

#[cfg(feature = "ssr")]
pub mod handlers;
