//! Who is signed in: sessions, passwords, sign-in limits, one-time links, and the pages for
//! signing in, out, verifying an address and resetting a password.

pub mod api;
pub mod model;
pub mod pages;

pub use model::Viewer;

#[cfg(feature = "ssr")]
pub mod access;
#[cfg(feature = "ssr")]
pub mod client_address;
#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod links;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod rate_limit;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod store;

#[cfg(all(test, feature = "ssr"))]
pub(crate) mod tests;
