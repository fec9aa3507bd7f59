//! Targeted help: people in need (or an operator or organisation for them) file requests;
//! organisations and moderators verify them; organisations and volunteers take them, deliver the
//! help and confirm it with the person's code. Every step is an entry of the hash-chained
//! ledger (`ledger.rs`); contacts are seen only by whoever took the request.

pub mod access;
pub mod api;
pub mod form;
pub mod model;
#[cfg(feature = "ssr")]
pub mod open_data;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod abuse;
#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod ledger;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(all(test, feature = "ssr"))]
pub(crate) mod tests;
