//! Campaign types shared by the server and the browser, and the one place where the list's
//! filters are read from a URL query and checked.

use crate::errors::{invalid, InvalidParameter, Problem};
use crate::i18n::{kazakhstan_day_start, LocalizedText};
use crate::reference::{Direction, Region};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Who runs a campaign, as shown beside it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrganizationRef {
    pub slug: String,
    pub name: LocalizedText,
    pub verified: bool,
}

/// A campaign as it appears in lists.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignSummary {
    pub id: i64,
    pub title: LocalizedText,
    pub organization: OrganizationRef,
    /// A direction slug, see `reference::DIRECTIONS`.
    pub direction: String,
    /// An ISO 3166-2 region code, see `reference::REGIONS`.
    pub region: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub is_online: bool,
    /// `None` when the campaign takes everyone who comes.
    pub capacity: Option<i32>,
    pub spots_taken: i32,
    /// The youngest age allowed to take part; `None` for no limit.
    pub min_age: Option<i32>,
}

impl CampaignSummary {
    /// Places still free, or `None` when there is no limit.
    pub fn spots_left(&self) -> Option<i64> {
        self.capacity.map(|c| (i64::from(c) - i64::from(self.spots_taken)).max(0))
    }
}

/// Everything the campaign page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Campaign {
    pub summary: CampaignSummary,
    pub description: LocalizedText,
    pub address: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// A question the organisers ask applicants (empty when they ask none).
    pub question: LocalizedText,
    /// Whether it had ended when it was read (decided on the server, whose clock is right).
    pub has_ended: bool,
}

/// One page of the campaign list with the cursors of its neighbours.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignPage {
    pub items: Vec<CampaignSummary>,
    /// Present when more campaigns follow the last one.
    pub next: Option<Cursor>,
    /// Present when campaigns come before the first one.
    pub previous: Option<Cursor>,
}

/// The figures on the home page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformCounters {
    pub organizations: i64,
    pub volunteers: i64,
    pub open_campaigns: i64,
}

/// A position in the list (keyset pagination): the sort key of a campaign.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    pub starts_at: i64,
    pub id: i64,
}

impl Cursor {
    pub fn of(campaign: &CampaignSummary) -> Cursor {
        Cursor { starts_at: campaign.starts_at.timestamp(), id: campaign.id }
    }

    /// The form used in URLs: `<unix seconds>_<id>`.
    pub fn encode(&self) -> String {
        format!("{}_{}", self.starts_at, self.id)
    }

    pub fn decode(text: &str) -> Option<Cursor> {
        let (starts_at, id) = text.split_once('_')?;
        let cursor = Cursor { starts_at: starts_at.parse().ok()?, id: id.parse().ok()? };
        // Only times the platform can hold: 2000-01-01 to 2100-12-31.
        (cursor.id > 0 && (946_684_800..4_133_980_800).contains(&cursor.starts_at)).then_some(cursor)
    }

    pub fn starts_at_time(&self) -> DateTime<Utc> {
        DateTime::from_timestamp(self.starts_at, 0).unwrap_or_default()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Online,
    Onsite,
}

/// Which way a page of the list reads from its cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PageFrom {
    Start,
    After(Cursor),
    Before(Cursor),
}

/// A box of longitudes and latitudes: `minLon,minLat,maxLon,maxLat` in URLs.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BBox {
    pub min_lon: f64,
    pub min_lat: f64,
    pub max_lon: f64,
    pub max_lat: f64,
}

impl BBox {
    /// All of Kazakhstan, with a margin.
    pub const COUNTRY: BBox = BBox { min_lon: 46.0, min_lat: 40.0, max_lon: 88.0, max_lat: 56.0 };

    pub fn parse(text: &str) -> Option<BBox> {
        let numbers: Vec<f64> = text.split(',').map(|n| n.trim().parse::<f64>().ok().filter(|n| n.is_finite())).collect::<Option<_>>()?;
        let [min_lon, min_lat, max_lon, max_lat] = numbers[..] else { return None };
        let valid = (-180.0..=180.0).contains(&min_lon)
            && (-180.0..=180.0).contains(&max_lon)
            && (-90.0..=90.0).contains(&min_lat)
            && (-90.0..=90.0).contains(&max_lat)
            && min_lon < max_lon
            && min_lat < max_lat;
        valid.then_some(BBox { min_lon, min_lat, max_lon, max_lat })
    }

    /// The `bbox` parameter: absent or empty means the whole country.
    pub fn from_param(value: Option<&str>) -> Result<BBox, InvalidParameter> {
        match value {
            None | Some("") => Ok(BBox::COUNTRY),
            Some(text) => BBox::parse(text).ok_or(invalid("bbox", Problem::MalformedBox)),
        }
    }

    pub fn encode(&self) -> String {
        format!("{:.4},{:.4},{:.4},{:.4}", self.min_lon, self.min_lat, self.max_lon, self.max_lat)
    }
}

/// The campaign list's filters, checked. Built only by [`CampaignQuery::validate`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignFilter {
    pub direction: Option<String>,
    pub region: Option<String>,
    /// Campaigns still running at or after the start of this day (Kazakhstan time).
    pub from: Option<DateTime<Utc>>,
    /// Campaigns starting before the end of this day (Kazakhstan time).
    pub until: Option<DateTime<Utc>>,
    pub mode: Option<Mode>,
    /// Lower-cased search words, see [`search_fold`].
    pub text: Option<String>,
    /// Only campaigns placed inside this box (the part of the map in view).
    pub within: Option<BBox>,
    pub page: PageFrom,
    pub limit: u32,
}

pub const DEFAULT_PAGE_SIZE: u32 = 20;
pub use crate::errors::{MAX_PAGE_SIZE, MAX_SEARCH_CHARS};

/// The list's filters as they stand in a URL query: raw text, not yet trusted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CampaignQuery {
    pub direction: Option<String>,
    pub region: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub mode: Option<String>,
    pub q: Option<String>,
    pub after: Option<String>,
    pub before: Option<String>,
    pub limit: Option<String>,
    /// The part of the map in view: the map's side list shows the campaigns placed in it.
    /// Not kept in links ([`CampaignQuery::filter_pairs`]): the map writes it itself.
    pub bbox: Option<String>,
}

/// Text as the search compares it: lower case in every alphabet, `ё` read as `е`.
/// SQL's own case folding is ASCII-only in SQLite, so both sides are folded here.
pub fn search_fold(text: &str) -> String {
    text.to_lowercase().replace('ё', "е")
}

impl CampaignQuery {
    /// Reads the known parameters from `name=value` pairs; unknown ones are ignored.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut query = CampaignQuery::default();
        for (name, value) in pairs {
            let slot = match name {
                "direction" => &mut query.direction,
                "region" => &mut query.region,
                "from" => &mut query.from,
                "to" => &mut query.to,
                "mode" => &mut query.mode,
                "q" => &mut query.q,
                "after" => &mut query.after,
                "before" => &mut query.before,
                "limit" => &mut query.limit,
                "bbox" => &mut query.bbox,
                _ => continue,
            };
            let value = value.trim();
            // An empty form field means "no filter", as a browser sends it.
            *slot = (!value.is_empty()).then(|| value.to_string());
        }
        query
    }

    /// Reads a raw URL query (`region=KZ-75&q=%D1%82`, with or without `?`), decoding it once.
    pub fn from_url_query(raw: &str) -> Self {
        let pairs: Vec<(String, String)> = form_urlencoded::parse(raw.trim_start_matches('?').as_bytes()).into_owned().collect();
        Self::from_pairs(pairs.iter().map(|(name, value)| (name.as_str(), value.as_str())))
    }

    /// The parameters worth keeping in a link, in a stable order, without the page position.
    pub fn filter_pairs(&self) -> Vec<(&'static str, &str)> {
        [
            ("q", &self.q),
            ("direction", &self.direction),
            ("region", &self.region),
            ("from", &self.from),
            ("to", &self.to),
            ("mode", &self.mode),
            ("limit", &self.limit),
        ]
        .into_iter()
        .filter_map(|(name, value)| value.as_deref().map(|v| (name, v)))
        .collect()
    }

    pub fn has_filters(&self) -> bool {
        self.filter_pairs().iter().any(|(name, _)| *name != "limit")
    }

    /// Checks every parameter and returns the first one that is wrong.
    pub fn validate(&self) -> Result<CampaignFilter, InvalidParameter> {
        let direction = match &self.direction {
            Some(slug) => Some(Direction::by_slug(slug).ok_or_else(|| invalid("direction", Problem::UnknownDirection))?.slug.to_string()),
            None => None,
        };
        let region = match &self.region {
            Some(code) => Some(Region::by_code(code).ok_or_else(|| invalid("region", Problem::UnknownRegion))?.code.to_string()),
            None => None,
        };
        let date = |name: &str, value: &Option<String>| -> Result<Option<NaiveDate>, InvalidParameter> {
            value
                .as_deref()
                .map(|v| {
                    NaiveDate::parse_from_str(v, "%Y-%m-%d")
                        .ok()
                        .filter(|d| (2000..=2100).contains(&chrono::Datelike::year(d)))
                        .ok_or_else(|| invalid(name, Problem::MalformedDate))
                })
                .transpose()
        };
        let (from, to) = (date("from", &self.from)?, date("to", &self.to)?);
        if let (Some(from), Some(to)) = (from, to) {
            if to < from {
                return Err(invalid("to", Problem::DatesOutOfOrder));
            }
        }
        let mode = match self.mode.as_deref() {
            None => None,
            Some("online") => Some(Mode::Online),
            Some("onsite") => Some(Mode::Onsite),
            Some(_) => return Err(invalid("mode", Problem::UnknownMode)),
        };
        let text = match &self.q {
            Some(q) if q.chars().count() > MAX_SEARCH_CHARS => return Err(invalid("q", Problem::SearchTooLong)),
            Some(q) => Some(search_fold(q.split_whitespace().collect::<Vec<_>>().join(" ").as_str())),
            None => None,
        };
        let cursor = |name: &str, value: &Option<String>| {
            value.as_deref().map(|v| Cursor::decode(v).ok_or_else(|| invalid(name, Problem::MalformedCursor))).transpose()
        };
        let page = match (cursor("after", &self.after)?, cursor("before", &self.before)?) {
            (Some(_), Some(_)) => return Err(invalid("before", Problem::MalformedCursor)),
            (Some(after), None) => PageFrom::After(after),
            (None, Some(before)) => PageFrom::Before(before),
            (None, None) => PageFrom::Start,
        };
        let limit = match &self.limit {
            None => DEFAULT_PAGE_SIZE,
            Some(text) => text
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=MAX_PAGE_SIZE).contains(n))
                .ok_or_else(|| invalid("limit", Problem::LimitOutOfRange))?,
        };
        Ok(CampaignFilter {
            direction,
            region,
            from: from.map(kazakhstan_day_start),
            until: to.map(|d| kazakhstan_day_start(d.succ_opt().unwrap_or(d))),
            mode,
            text,
            within: Some(BBox::from_param(self.bbox.as_deref())?).filter(|b| *b != BBox::COUNTRY),
            page,
            limit,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> CampaignQuery {
        CampaignQuery::from_pairs(pairs.iter().copied())
    }

    #[test]
    fn an_empty_query_lists_everything_from_the_start() {
        let filter = query(&[]).validate().unwrap();
        assert_eq!(filter.page, PageFrom::Start);
        assert_eq!(filter.limit, DEFAULT_PAGE_SIZE);
        assert!(filter.direction.is_none() && filter.region.is_none() && filter.text.is_none());
    }

    #[test]
    fn a_url_query_is_decoded_exactly_once() {
        let q = CampaignQuery::from_url_query("?q=%2541+%D0%B4%D0%BE%D0%BD%D0%BE%D1%80&region=KZ-75&x=1");
        assert_eq!(q.q.as_deref(), Some("%41 донор"));
        assert_eq!(q.region.as_deref(), Some("KZ-75"));
    }

    #[test]
    fn empty_form_fields_mean_no_filter() {
        let q = query(&[("region", ""), ("q", "   "), ("mode", "")]);
        assert_eq!(q, CampaignQuery::default());
    }

    #[test]
    fn each_bad_parameter_is_named() {
        let cases = [
            (("region", "KZ-99"), Problem::UnknownRegion),
            (("region", "' OR 1=1--"), Problem::UnknownRegion),
            (("direction", "<script>"), Problem::UnknownDirection),
            (("from", "2026-13-01"), Problem::MalformedDate),
            (("to", "tomorrow"), Problem::MalformedDate),
            (("mode", "both"), Problem::UnknownMode),
            (("after", "abc"), Problem::MalformedCursor),
            (("before", "1_-5"), Problem::MalformedCursor),
            (("after", "-8000000000000_1"), Problem::MalformedCursor),
            (("before", "99999999999_1"), Problem::MalformedCursor),
            (("limit", "100000"), Problem::LimitOutOfRange),
            (("limit", "0"), Problem::LimitOutOfRange),
            (("limit", "-1"), Problem::LimitOutOfRange),
        ];
        for ((name, value), problem) in cases {
            let error = query(&[(name, value)]).validate().unwrap_err();
            assert_eq!((error.parameter.as_str(), error.problem), (name, problem), "{name}={value}");
        }
        let long = "а".repeat(MAX_SEARCH_CHARS + 1);
        assert_eq!(query(&[("q", &long)]).validate().unwrap_err().problem, Problem::SearchTooLong);
        let reversed = query(&[("from", "2026-05-02"), ("to", "2026-05-01")]).validate().unwrap_err();
        assert_eq!((reversed.parameter.as_str(), reversed.problem), ("to", Problem::DatesOutOfOrder));
    }

    #[test]
    fn dates_are_whole_days_in_kazakhstan_time() {
        let filter = query(&[("from", "2026-05-01"), ("to", "2026-05-01")]).validate().unwrap();
        assert_eq!(filter.from.unwrap().to_rfc3339(), "2026-04-30T19:00:00+00:00");
        assert_eq!(filter.until.unwrap().to_rfc3339(), "2026-05-01T19:00:00+00:00");
    }

    #[test]
    fn search_folds_cyrillic_and_kazakh_case() {
        let filter = query(&[("q", "  ҚАМҚОР   Ёлка  ")]).validate().unwrap();
        assert_eq!(filter.text.as_deref(), Some("қамқор елка"));
        assert_eq!(search_fold("ӘҒҚҢӨҰҮҺІ"), "әғқңөұүһі");
    }

    #[test]
    fn cursors_round_trip_and_links_keep_filters_only() {
        let cursor = Cursor { starts_at: 1_780_000_000, id: 42 };
        assert_eq!(Cursor::decode(&cursor.encode()), Some(cursor));
        let q = query(&[("region", "KZ-75"), ("after", "1_2"), ("q", "тал")]);
        assert_eq!(q.filter_pairs(), vec![("q", "тал"), ("region", "KZ-75")]);
        assert!(q.has_filters());
    }
}
