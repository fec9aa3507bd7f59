//! The home page's data.

use crate::campaigns::model::{CampaignSummary, PlatformCounters};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HomeOverview {
    pub counters: PlatformCounters,
    pub upcoming: Vec<CampaignSummary>,
}
