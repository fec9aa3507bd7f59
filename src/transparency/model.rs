//! The public figures: what they count, the filters they take, checked in one place for the
//! page and the open-data API.

use crate::errors::{invalid, InvalidParameter, Problem};
use crate::help::model::HelpKind;
use crate::reference::{Direction, Region};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The filters as they stand in a URL query: raw text, not yet trusted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FiguresQuery {
    pub region: Option<String>,
    pub direction: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// The filters, checked: a region, a direction and a period of whole days (Kazakhstan time).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FiguresFilter {
    pub region: Option<String>,
    pub direction: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl FiguresQuery {
    pub fn from_pairs<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> FiguresQuery {
        let mut query = FiguresQuery::default();
        for (name, value) in pairs {
            let value = Some(value.to_string()).filter(|v| !v.trim().is_empty());
            match name {
                "region" => query.region = value,
                "direction" => query.direction = value,
                "from" => query.from = value,
                "to" => query.to = value,
                _ => {}
            }
        }
        query
    }

    pub fn validate(&self) -> Result<FiguresFilter, InvalidParameter> {
        let region = match self.region.as_deref().map(str::trim) {
            None => None,
            Some(code) if Region::by_code(code).is_some() => Some(code.to_string()),
            Some(_) => return Err(invalid("region", Problem::UnknownRegion)),
        };
        let direction = match self.direction.as_deref().map(str::trim) {
            None => None,
            Some(slug) if Direction::by_slug(slug).is_some() => Some(slug.to_string()),
            Some(_) => return Err(invalid("direction", Problem::UnknownDirection)),
        };
        let date = |name: &str, value: &Option<String>| -> Result<Option<NaiveDate>, InvalidParameter> {
            match value.as_deref().map(str::trim) {
                None => Ok(None),
                Some(v) => NaiveDate::parse_from_str(v, "%Y-%m-%d").map(Some).map_err(|_| invalid(name, Problem::MalformedDate)),
            }
        };
        let from = date("from", &self.from)?;
        let to = date("to", &self.to)?;
        if let (Some(from), Some(to)) = (from, to) {
            if to < from {
                return Err(invalid("to", Problem::DatesOutOfOrder));
            }
        }
        Ok(FiguresFilter { region, direction, from, to })
    }
}

impl FiguresFilter {
    /// The query string of these filters, for links (CSV, JSON) and the form.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(region) = &self.region {
            pairs.push(("region", region.clone()));
        }
        if let Some(direction) = &self.direction {
            pairs.push(("direction", direction.clone()));
        }
        if let Some(from) = self.from {
            pairs.push(("from", from.format("%Y-%m-%d").to_string()));
        }
        if let Some(to) = self.to {
            pairs.push(("to", to.format("%Y-%m-%d").to_string()));
        }
        pairs
    }

    pub fn query_string(&self) -> String {
        let mut serializer = form_urlencoded::Serializer::new(String::new());
        serializer.extend_pairs(self.pairs());
        serializer.finish()
    }
}

/// How far help requests got.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RequestFigures {
    pub filed: i64,
    pub verified: i64,
    pub delivered: i64,
    pub confirmed: i64,
    pub declined: i64,
    pub cancelled: i64,
    /// The median time from filing to delivery, in hours, of the delivered requests.
    pub median_hours_to_delivery: Option<f64>,
}

/// Requests filed and delivered in one month (`YYYY-MM`, by filing day).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MonthFigures {
    pub month: String,
    pub filed: i64,
    pub delivered: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KindFigures {
    pub kind: HelpKind,
    pub filed: i64,
    pub delivered: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegionFigures {
    pub region: String,
    pub filed: i64,
    pub delivered: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DirectionHours {
    pub direction: String,
    pub hours: f64,
    pub volunteers: i64,
}

/// Volunteering through campaigns in the same region, direction and period.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct VolunteeringFigures {
    /// Different volunteers approved for a campaign.
    pub volunteers: i64,
    /// Verified organisations on the platform by the end of the period.
    pub organizations: i64,
    /// Published campaigns starting in the period.
    pub campaigns: i64,
    /// Hours volunteers gave, as organisers recorded them.
    pub hours: f64,
}

/// Volunteering through campaigns, counted together (it reads every application).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Volunteering {
    pub totals: VolunteeringFigures,
    pub by_direction: Vec<DirectionHours>,
    pub counted_at: Option<DateTime<Utc>>,
}

/// Everything the transparency page and its downloads show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub filter: FiguresFilter,
    /// When they were counted (they are counted on every request).
    pub counted_at: DateTime<Utc>,
    pub requests: RequestFigures,
    pub by_month: Vec<MonthFigures>,
    pub by_kind: Vec<KindFigures>,
    pub by_region: Vec<RegionFigures>,
    pub volunteering: VolunteeringFigures,
    pub hours_by_direction: Vec<DirectionHours>,
    /// When the volunteering figures were counted (every ten minutes at most).
    pub volunteering_counted_at: Option<DateTime<Utc>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> FiguresQuery {
        FiguresQuery::from_pairs(pairs.iter().copied())
    }

    #[test]
    fn filters_are_checked_and_written_back() {
        let filter = query(&[("region", "KZ-75"), ("direction", "qamqor"), ("from", "2026-01-01"), ("to", "2026-06-30")]).validate().unwrap();
        assert_eq!(filter.query_string(), "region=KZ-75&direction=qamqor&from=2026-01-01&to=2026-06-30");
        assert_eq!(query(&[("region", "KZ-00")]).validate().unwrap_err().parameter, "region");
        assert_eq!(query(&[("direction", "x")]).validate().unwrap_err().problem, Problem::UnknownDirection);
        assert_eq!(query(&[("from", "2026-13-01")]).validate().unwrap_err().problem, Problem::MalformedDate);
        assert_eq!(query(&[("from", "2026-02-01"), ("to", "2026-01-01")]).validate().unwrap_err().problem, Problem::DatesOutOfOrder);
        assert_eq!(query(&[("region", "")]).validate().unwrap(), FiguresFilter::default());
    }
}
