//! A parent's or guardian's consent for a minor volunteer, given by the guardian. At the
//! signup's consent step the minor names them and their email; the platform mails them a link
//! to a page that shows what the child signed up for and the personal-data text, where they
//! confirm or refuse, and from which they can withdraw later (the child's applications are
//! then withdrawn). Until a guardian confirms, the minor can browse but not apply.

pub mod api;
pub mod model;
pub mod pages;

pub use pages::GuardianPage;

#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod store;
