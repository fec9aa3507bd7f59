//! Map types shared by the server and the browser.

use crate::campaigns::model::CampaignSummary;
use serde::{Deserialize, Serialize};

/// Where the street-map layer's tiles come from, and the credit they require.
#[derive(Clone, Debug, PartialEq)]
pub struct Tiles {
    pub url: String,
    pub attribution: String,
}

impl Tiles {
    /// `https://tile.openstreetmap.org` for the page's content security policy; a `{s}.`
    /// subdomain placeholder becomes a wildcard.
    pub fn origin(&self) -> String {
        let (scheme, rest) = self.url.split_once("://").unwrap_or(("https", &self.url));
        let host = rest.split('/').next().unwrap_or_default().replace("{s}.", "*.");
        format!("{scheme}://{host}")
    }
}

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
    fn the_tile_servers_origin_goes_into_the_content_security_policy() {
        let osm = Tiles { url: "https://tile.openstreetmap.org/{z}/{x}/{y}.png".into(), attribution: String::new() };
        assert_eq!(osm.origin(), "https://tile.openstreetmap.org");
        let sharded = Tiles { url: "https://{s}.tiles.example.kz/{z}/{x}/{y}.png".into(), attribution: String::new() };
        assert_eq!(sharded.origin(), "https://*.tiles.example.kz");
    }

    #[test]
    fn boxes_are_read_and_checked() {
        assert_eq!(BBox::parse("46,40,88,56"), Some(BBox::COUNTRY));
        for bad in ["", "1,2,3", "1,2,3,4,5", "88,40,46,56", "a,b,c,d", "0,0,0,0", "0,-100,1,1", "NaN,1,2,3"] {
            assert_eq!(BBox::parse(bad), None, "{bad}");
        }
        assert_eq!(BBox::parse(&BBox::COUNTRY.encode()), Some(BBox::COUNTRY));
    }
}
