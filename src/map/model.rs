//! Map types shared by the server and the browser.

use crate::campaigns::model::CampaignSummary;
use serde::{Deserialize, Serialize};

pub use crate::campaigns::model::BBox;

/// How many open campaigns that match the filters are in a region.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegionCount {
    pub code: String,
    pub count: i64,
}

/// Campaigns close together, drawn as one circle with their number.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cluster {
    pub lon: f64,
    pub lat: f64,
    pub count: i64,
    /// The box around its campaigns: zooming to it splits the cluster.
    pub bbox: BBox,
}

/// A campaign at its map point.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapCampaign {
    pub lon: f64,
    pub lat: f64,
    pub campaign: CampaignSummary,
}

/// Everything the map draws for one view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapData {
    pub regions: Vec<RegionCount>,
    pub clusters: Vec<Cluster>,
    pub campaigns: Vec<MapCampaign>,
}

impl MapData {
    pub fn count_in(&self, code: &str) -> i64 {
        self.regions.iter().find(|r| r.code == code).map_or(0, |r| r.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_are_read_and_checked() {
        assert_eq!(BBox::parse("46,40,88,56"), Some(BBox::COUNTRY));
        for bad in ["", "1,2,3", "1,2,3,4,5", "88,40,46,56", "a,b,c,d", "0,0,0,0", "0,-100,1,1", "NaN,1,2,3"] {
            assert_eq!(BBox::parse(bad), None, "{bad}");
        }
        assert_eq!(BBox::parse(&BBox::COUNTRY.encode()), Some(BBox::COUNTRY));
    }
}
