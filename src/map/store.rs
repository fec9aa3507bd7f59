//! Map data from the database: counts per region and campaign points, clustered on the
//! server so that a view of the whole country never carries every campaign.

use super::model::{BBox, Cluster, MapCampaign, MapData, RegionCount};
use super::points::MapPoints;
use crate::campaigns::model::CampaignFilter;
use crate::campaigns::store::{self as campaigns, push_conditions, ByRegion, Walk};
use crate::server::db::{Backend, Db, Sql};
use chrono::{DateTime, Utc};
use sqlx::FromRow;
use std::collections::BTreeMap;

/// About this many cells across a view; a cell's campaigns become one cluster.
const CELLS_ACROSS: f64 = 24.0;
/// A view this small (in degrees) shows every campaign on its own.
const NO_CLUSTERS_BELOW: f64 = 0.05;
/// The most single campaigns one view shows with their cards.
const MAX_SINGLE: usize = 300;
/// Cells whose campaigns' centres are closer than this share of a cell are drawn as one
/// cluster: a city on the edge between two cells is otherwise two circles on top of each other.
const MERGE_CLOSER_THAN: f64 = 0.5;
/// Cells closer than this share of the view's width are joined too: a cluster is drawn about
/// 50 px wide so that a finger can hit it, and on a phone's 360–400 px map closer ones would
/// cover each other.
const MERGE_WITHIN_VIEW_SHARE: f64 = 0.12;

/// One region's campaigns in one cell of the view; `cell` is `None` for those outside the view,
/// without a point, or of another region than the filter's, which only count for their region.
#[derive(FromRow)]
struct RegionCellRow {
    region: String,
    cell: Option<i64>,
    n: i64,
    id: i64,
    lat_sum: Option<f64>,
    lon_sum: Option<f64>,
    min_lat: Option<f64>,
    max_lat: Option<f64>,
    min_lon: Option<f64>,
    max_lon: Option<f64>,
}

/// The campaigns of one cell of the view, all regions together.
#[derive(Clone, Copy, Debug)]
pub(super) struct CellRow {
    pub n: i64,
    pub id: i64,
    pub lat: f64,
    pub lon: f64,
    pub min_lat: f64,
    pub max_lat: f64,
    pub min_lon: f64,
    pub max_lon: f64,
}

impl CellRow {
    /// Adds `other`'s campaigns; both hold sums of coordinates in `lat` and `lon`, not means.
    pub fn take_in(&mut self, other: &CellRow) {
        self.n += other.n;
        self.id = self.id.min(other.id);
        self.lat += other.lat;
        self.lon += other.lon;
        self.min_lat = self.min_lat.min(other.min_lat);
        self.max_lat = self.max_lat.max(other.max_lat);
        self.min_lon = self.min_lon.min(other.min_lon);
        self.max_lon = self.max_lon.max(other.max_lon);
    }

    /// Means of coordinates turned into sums, ready to take in others.
    fn summed(&self) -> CellRow {
        CellRow { lat: self.lat * self.n as f64, lon: self.lon * self.n as f64, ..*self }
    }

    /// Sums of coordinates turned into the centre of the cell's campaigns.
    fn averaged(self) -> CellRow {
        CellRow { lat: self.lat / self.n as f64, lon: self.lon / self.n as f64, ..self }
    }
}

/// The cells a view is counted in: about [`CELLS_ACROSS`] across, or one per campaign when
/// the view is small enough to show each.
pub(super) struct Grid {
    bbox: BBox,
    cell: f64,
    one_per_campaign: bool,
}

impl Grid {
    pub fn for_view(bbox: BBox) -> Grid {
        let width = bbox.max_lon - bbox.min_lon;
        let cell = (width.max((bbox.max_lat - bbox.min_lat) * 1.5) / CELLS_ACROSS).max(1e-6);
        Grid { bbox, cell, one_per_campaign: width < NO_CLUSTERS_BELOW }
    }

    /// The cell of a campaign at this place, if it is in view.
    pub fn cell_of(&self, id: i64, lat: f64, lon: f64) -> Option<i64> {
        let b = &self.bbox;
        if !(b.min_lat..=b.max_lat).contains(&lat) || !(b.min_lon..=b.max_lon).contains(&lon) {
            return None;
        }
        if self.one_per_campaign {
            return Some(id);
        }
        // At most CELLS_ACROSS columns lie in the view, so row * 1000 + column names one cell.
        let index = |value: f64, min: f64| ((value - min) / self.cell).floor() as i64;
        Some(index(lat, b.min_lat) * 1000 + index(lon, b.min_lon))
    }

    /// The place of a grid cell in a flat array of [`Grid::SLOTS`], for counting without a map's
    /// lookup per campaign; `None` for a campaign's own cell, or one past the grid's edge.
    pub fn slot_of(&self, cell: i64) -> Option<usize> {
        let (row, column) = (cell / 1000, cell % 1000);
        let side = Grid::SLOTS_ACROSS as i64;
        (!self.one_per_campaign && (0..side).contains(&row) && (0..side).contains(&column)).then(|| (row * side + column) as usize)
    }

    /// The cell whose place is `slot` (the inverse of [`Grid::slot_of`]).
    pub fn cell_of_slot(slot: usize) -> i64 {
        (slot / Grid::SLOTS_ACROSS * 1000 + slot % Grid::SLOTS_ACROSS) as i64
    }

    /// Rows and columns a flat array holds: more than a view's [`CELLS_ACROSS`].
    const SLOTS_ACROSS: usize = 32;
    pub const SLOTS: usize = Grid::SLOTS_ACROSS * Grid::SLOTS_ACROSS;
}

/// The open campaigns matching a filter, counted by region (all of them) and by cell of the
/// view (those with a place in view, of the filter's region when it has one).
#[derive(Default)]
pub(super) struct Tally {
    pub regions: BTreeMap<String, i64>,
    /// `lat` and `lon` hold sums until every campaign of the cell is in.
    pub in_cells: BTreeMap<i64, CellRow>,
}

/// The map of one view. The counting is done over the places kept in memory, except for a
/// search, whose words only the database's index finds.
pub async fn map_data(db: &Db, points: &MapPoints, filter: &CampaignFilter, bbox: BBox, now: DateTime<Utc>) -> Result<MapData, sqlx::Error> {
    let grid = Grid::for_view(bbox);
    let tally = match filter.text {
        Some(_) => tally_in_database(db, filter, &grid, now).await?,
        None => points.tally(db, filter, &grid, now).await?,
    };
    let regions = tally.regions.into_iter().map(|(code, count)| RegionCount { code, count }).collect();
    let cells = tally.in_cells.into_values().map(CellRow::averaged);
    let width = bbox.max_lon - bbox.min_lon;
    let merge_within = (grid.cell * MERGE_CLOSER_THAN).max(width * MERGE_WITHIN_VIEW_SHARE);
    let cells = if grid.one_per_campaign { cells.collect() } else { merge_close_cells(cells.collect(), merge_within) };

    let (singles, groups): (Vec<CellRow>, Vec<CellRow>) = cells.into_iter().partition(|c| c.n == 1);
    let mut clusters: Vec<Cluster> = groups
        .into_iter()
        .map(|c| Cluster {
            lon: c.lon,
            lat: c.lat,
            count: c.n,
            bbox: BBox { min_lon: c.min_lon, min_lat: c.min_lat, max_lon: c.max_lon, max_lat: c.max_lat },
        })
        .collect();
    let ids: Vec<i64> = singles.iter().take(MAX_SINGLE).map(|c| c.id).collect();
    let summaries = campaigns::by_ids(db, &ids).await?;
    let campaigns = singles
        .iter()
        .take(MAX_SINGLE)
        .filter_map(|cell| {
            summaries.iter().find(|s| s.id == cell.id).map(|s| MapCampaign { lon: cell.lon, lat: cell.lat, campaign: s.clone() })
        })
        .collect();
    // Singles past the limit still count, as clusters of one.
    clusters.extend(singles.iter().skip(MAX_SINGLE).map(|c| Cluster {
        lon: c.lon,
        lat: c.lat,
        count: 1,
        bbox: BBox { min_lon: c.lon - 0.01, min_lat: c.lat - 0.01, max_lon: c.lon + 0.01, max_lat: c.lat + 0.01 },
    }));
    Ok(MapData { regions, clusters, campaigns })
}

/// The tally read from the database, in one pass over the open campaigns: for the whole
/// country on SQLite at scale, a pass for the regions and one for the cells cost 977 M
/// instructions, this one 761 M (callgrind); most of either is sorting for GROUP BY.
/// Every region is counted, whichever one the filters chose, so the map stays whole.
async fn tally_in_database(db: &Db, filter: &CampaignFilter, grid: &Grid, now: DateTime<Utc>) -> Result<Tally, sqlx::Error> {
    let bbox = grid.bbox;
    let cell_index = |column: &str, min: f64, sql: &mut Sql| {
        // SQLite's CAST truncates, which is the floor for the non-negative offsets used here.
        let floor = if db.backend() == Backend::Postgres { "FLOOR" } else { "" };
        sql.push(&format!("CAST({floor}((c.{column} - ")).bind(Some(min)).push(") / ").bind(Some(grid.cell)).push(") AS BIGINT)");
    };
    let mut sql = Sql::new("SELECT c.region AS region, CASE WHEN c.latitude BETWEEN ");
    sql.bind(Some(bbox.min_lat)).push(" AND ").bind(Some(bbox.max_lat));
    sql.push(" AND c.longitude BETWEEN ").bind(Some(bbox.min_lon)).push(" AND ").bind(Some(bbox.max_lon));
    if let Some(region) = &filter.region {
        sql.push(" AND c.region = ").bind(region.as_str());
    }
    sql.push(" THEN ");
    if grid.one_per_campaign {
        sql.push("c.id");
    } else {
        cell_index("latitude", bbox.min_lat, &mut sql);
        sql.push(" * 1000 + ");
        cell_index("longitude", bbox.min_lon, &mut sql);
    }
    sql.push(
        " END AS cell, COUNT(*) AS n, MIN(c.id) AS id, SUM(c.latitude) AS lat_sum, SUM(c.longitude) AS lon_sum, \
         MIN(c.latitude) AS min_lat, MAX(c.latitude) AS max_lat, MIN(c.longitude) AS min_lon, MAX(c.longitude) AS max_lon \
         FROM campaigns c ",
    );
    push_conditions(&mut sql, db.backend(), Walk::InListOrder, filter, now, ByRegion::No);
    sql.push(" GROUP BY c.region, cell");
    let mut tally = Tally::default();
    for row in db.fetch_all::<RegionCellRow>(sql).await? {
        *tally.regions.entry(row.region).or_default() += row.n;
        let (Some(key), Some(lat_sum), Some(lon_sum), Some(min_lat), Some(max_lat), Some(min_lon), Some(max_lon)) =
            (row.cell, row.lat_sum, row.lon_sum, row.min_lat, row.max_lat, row.min_lon, row.max_lon)
        else {
            continue;
        };
        let share = CellRow { n: row.n, id: row.id, lat: lat_sum, lon: lon_sum, min_lat, max_lat, min_lon, max_lon };
        tally.in_cells.entry(key).and_modify(|cell| cell.take_in(&share)).or_insert(share);
    }
    Ok(tally)
}

/// Joins cells whose centres lie within `distance` (in degrees of longitude) of a bigger one's,
/// as supercluster does: the biggest cells take in their close
/// neighbours first, distances are measured from the taker's own centre, and a joined cell's
/// centre is the mean of all its campaigns.
fn merge_close_cells(mut cells: Vec<CellRow>, distance: f64) -> Vec<CellRow> {
    // A degree of latitude is about 1.5 of longitude on the screen at Kazakhstan's latitudes.
    let apart = |a: &CellRow, b: &CellRow| ((a.lon - b.lon).powi(2) + ((a.lat - b.lat) * 1.5).powi(2)).sqrt();
    cells.sort_by(|a, b| b.n.cmp(&a.n).then(a.id.cmp(&b.id)));
    let mut merged: Vec<CellRow> = Vec::with_capacity(cells.len());
    let mut taken = vec![false; cells.len()];
    for i in 0..cells.len() {
        if taken[i] {
            continue;
        }
        let seed = &cells[i];
        let mut joined = seed.summed();
        for j in i + 1..cells.len() {
            if taken[j] || apart(seed, &cells[j]) >= distance {
                continue;
            }
            taken[j] = true;
            joined.take_in(&cells[j].summed());
        }
        merged.push(joined.averaged());
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaigns::model::CampaignQuery;
    use crate::server::config::DemoData;
    use crate::testing::on_each_backend;
    use std::time::Duration;

    fn filter(pairs: &[(&str, &str)]) -> CampaignFilter {
        CampaignQuery::from_pairs(pairs.iter().copied()).validate().unwrap()
    }

    fn cell_at(n: i64, id: i64, lon: f64, lat: f64) -> CellRow {
        CellRow { n, id, lat, lon, min_lat: lat - 0.01, max_lat: lat + 0.01, min_lon: lon - 0.01, max_lon: lon + 0.01 }
    }

    /// A city on a cell edge (its campaigns split 30 and 12 between two cells, their centres a
    /// tenth of a cell apart) is one cluster; a town two cells away stays its own.
    #[test]
    fn a_city_split_by_a_cell_edge_is_one_cluster() {
        let cell = 1.0;
        let city_west = cell_at(30, 7, 76.95, 43.25);
        let city_east = cell_at(12, 3, 77.05, 43.25);
        let town = cell_at(5, 9, 79.0, 43.25);
        let merged = merge_close_cells(vec![city_east, town, city_west], cell * MERGE_CLOSER_THAN);
        assert_eq!(merged.len(), 2, "{merged:?}");
        let city = merged.iter().find(|c| c.n == 42).expect("the city's 42 campaigns in one cluster");
        assert_eq!(city.id, 3, "the smallest id stands for the cluster");
        assert!((city.lon - (76.95 * 30.0 + 77.05 * 12.0) / 42.0).abs() < 1e-9, "the centre of all 42 campaigns: {}", city.lon);
        assert!((city.min_lon - 76.94).abs() < 1e-9 && (city.max_lon - 77.06).abs() < 1e-9, "the box holds both parts: {city:?}");
        assert!(merged.iter().any(|c| c.n == 5 && c.lon == 79.0), "the town is not taken in");
        // Half a cell or more apart (north-south counts 1.5 times) is two clusters.
        let apart = merge_close_cells(vec![cell_at(2, 1, 76.0, 43.0), cell_at(2, 2, 76.0, 43.0 + 0.34)], cell * MERGE_CLOSER_THAN);
        assert_eq!(apart.len(), 2, "{apart:?}");
    }

    #[tokio::test]
    async fn clusters_and_markers_account_for_every_open_campaign_in_view() {
        on_each_backend(|db| async move {
            crate::demo::load(&db, DemoData::Standard).await.unwrap();
            let points = MapPoints::new(Duration::ZERO);
            let now = Utc::now();
            let open = crate::campaigns::store::counters(&db, now).await.unwrap().open_campaigns;
            let country = map_data(&db, &points, &filter(&[]), BBox::COUNTRY, now).await.unwrap();
            assert_eq!(country.regions.iter().map(|r| r.count).sum::<i64>(), open, "every open campaign is counted in a region");
            let online = map_data(&db, &points, &filter(&[("mode", "online")]), BBox::COUNTRY, now).await.unwrap();
            let drawn: i64 = country.clusters.iter().map(|c| c.count).sum::<i64>() + country.campaigns.len() as i64;
            let online_count: i64 = online.regions.iter().map(|r| r.count).sum();
            assert_eq!(drawn, open - online_count, "every on-site campaign is a marker or in a cluster");
            assert!(country.clusters.len() <= 24 * 24, "the whole country is clustered, never every campaign");
            // The region filter narrows the points, not the choropleth.
            let almaty = map_data(&db, &points, &filter(&[("region", "KZ-75")]), BBox::COUNTRY, now).await.unwrap();
            assert_eq!(almaty.regions, country.regions);
            assert!(almaty.campaigns.iter().all(|m| m.campaign.region == "KZ-75"));
            let drawn_in_almaty = almaty.clusters.iter().map(|c| c.count).sum::<i64>() + almaty.campaigns.len() as i64;
            assert_eq!(drawn_in_almaty, country.count_in("KZ-75") - online.count_in("KZ-75"));
            assert!(drawn_in_almaty > 1, "the demo data has several on-site campaigns in Almaty");
            // Close in, clusters split into single campaigns inside the box.
            let close = BBox { min_lon: 76.85, min_lat: 43.20, max_lon: 76.93, max_lat: 43.28 };
            let zoomed = map_data(&db, &points, &filter(&[]), close, now).await.unwrap();
            assert!(zoomed.campaigns.len() > zoomed.clusters.len(), "mostly single campaigns this close");
            assert!(zoomed.campaigns.iter().all(|m| (close.min_lon..=close.max_lon).contains(&m.lon) && (close.min_lat..=close.max_lat).contains(&m.lat)));
        })
        .await;
    }

    /// The places kept in memory count exactly what the database counts, for filters of every
    /// kind and views from the whole country down to a street, on both engines.
    #[tokio::test]
    async fn the_places_in_memory_count_what_the_database_counts() {
        on_each_backend(|db| async move {
            crate::demo::load(&db, DemoData::Standard).await.unwrap();
            let points = MapPoints::new(Duration::ZERO);
            let now = Utc::now();
            let filters: &[&[(&str, &str)]] = &[
                &[],
                &[("region", "KZ-75")],
                &[("direction", "saulyq")],
                &[("mode", "online")],
                &[("mode", "onsite"), ("region", "KZ-71")],
                &[("from", "2027-01-01")],
                &[("to", "2026-12-31"), ("direction", "taza-alem")],
            ];
            let views = [
                BBox::COUNTRY,
                BBox { min_lon: 76.0, min_lat: 42.5, max_lon: 78.5, max_lat: 44.0 },
                BBox { min_lon: 76.85, min_lat: 43.20, max_lon: 76.93, max_lat: 43.28 },
            ];
            let mut cells_compared = 0;
            for pairs in filters {
                for view in views {
                    let grid = Grid::for_view(view);
                    let filter = filter(pairs);
                    let from_database = tally_in_database(&db, &filter, &grid, now).await.unwrap();
                    let in_memory = points.tally(&db, &filter, &grid, now).await.unwrap();
                    assert_eq!(in_memory.regions, from_database.regions, "{pairs:?} {view:?}");
                    let cells = |t: &Tally| t.in_cells.iter().map(|(k, c)| (*k, c.n, c.id)).collect::<Vec<_>>();
                    assert_eq!(cells(&in_memory), cells(&from_database), "{pairs:?} {view:?}");
                    for (memory, database) in in_memory.in_cells.values().zip(from_database.in_cells.values()) {
                        assert!((memory.lat - database.lat).abs() < 1e-6 && (memory.lon - database.lon).abs() < 1e-6, "{pairs:?} {view:?}");
                        assert_eq!((memory.min_lat, memory.max_lon), (database.min_lat, database.max_lon));
                        cells_compared += 1;
                    }
                }
            }
            assert!(cells_compared > 50, "the demo data fill the views: {cells_compared} cells compared");
        })
        .await;
    }

    /// A campaign cancelled, published or moved is on the map at the next look, and a change
    /// that cannot move a campaign (places taken) reads nothing again.
    #[tokio::test]
    async fn the_places_follow_the_campaigns_as_they_change() {
        on_each_backend(|db| async move {
            crate::demo::load(&db, DemoData::Standard).await.unwrap();
            let points = MapPoints::new(Duration::ZERO);
            let now = Utc::now();
            let country = || async { map_data(&db, &points, &filter(&[]), BBox::COUNTRY, now).await.unwrap() };
            let before = country().await;
            let generation = || async { db.fetch_count(Sql::new("SELECT generation AS n FROM campaign_map_changes")).await.unwrap() };
            let mut sql = Sql::new("SELECT id AS n FROM campaigns WHERE status = 'published' AND region = 'KZ-75' AND ends_at >= ");
            sql.bind(now).push(" ORDER BY id LIMIT 1");
            let id = db.fetch_count(sql).await.unwrap();

            let unchanged = generation().await;
            let mut sql = Sql::new("UPDATE campaigns SET spots_taken = spots_taken WHERE id = ");
            sql.bind(id);
            db.execute(sql).await.unwrap();
            assert_eq!(generation().await, unchanged, "places taken do not move a campaign");

            let mut sql = Sql::new("UPDATE campaigns SET status = 'cancelled' WHERE id = ");
            sql.bind(id);
            db.execute(sql).await.unwrap();
            assert!(generation().await > unchanged);
            let after = country().await;
            assert_eq!(after.count_in("KZ-75"), before.count_in("KZ-75") - 1, "the cancelled campaign left the map");

            let mut sql = Sql::new("UPDATE campaigns SET status = 'published', region = 'KZ-71' WHERE id = ");
            sql.bind(id);
            db.execute(sql).await.unwrap();
            let moved = country().await;
            assert_eq!(moved.count_in("KZ-75"), before.count_in("KZ-75") - 1);
            assert_eq!(moved.count_in("KZ-71"), before.count_in("KZ-71") + 1, "published again, in another region");
        })
        .await;
    }
}
