//! An organisation runs its campaigns: writes, publishes, cancels and duplicates them, and
//! decides on applications (who came and for how many hours is `hours/`).

#[cfg(feature = "ssr")]
mod csv;
pub mod api;
pub mod form;
pub mod model;
mod pages;

pub use pages::{members_only, CampaignApplicationsPage, CampaignEditorPage, ManageCampaignsPage};

#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(all(test, feature = "ssr"))]
pub(crate) mod tests;
