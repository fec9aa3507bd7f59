//! Certificates of the volunteer book: a volunteer issues one for the whole book, a period or
//! one organisation, in a language of their choice and with their name in full, as initials or
//! hidden. Its public page (`/{lang}/certificates/{id}`, short address `/c/{id}`) shows what it
//! states and whether that still holds; its PDF (`/certificates/{id}/pdf`) carries the same
//! with a QR code of the short address; its credential (`/certificates/{id}/credential`) is a
//! signed Open Badges 3.0 credential that a program checks with the key at `/.well-known/did.json`.

pub mod api;
pub mod model;
mod pages;

pub use pages::{CertificatePage, CertificatesSection};

#[cfg(feature = "ssr")]
pub mod credential;
#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
mod pdf;
#[cfg(feature = "ssr")]
pub mod store;
