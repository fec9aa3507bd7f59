//! An organisation runs its campaigns: writes, publishes, cancels and duplicates them, decides
//! on applications and records who came and for how many hours.

#[cfg(feature = "ssr")]
mod csv;
pub mod api;
pub mod form;
pub mod model;
mod pages;

pub use pages::{CampaignApplicationsPage, CampaignEditorPage, ManageCampaignsPage};

#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(all(test, feature = "ssr"))]
pub(crate) mod tests;
