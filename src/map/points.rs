//! The open campaigns' places, kept in memory so that the map is counted without reading the
//! database: the whole country's map took ~120 ms of counting per request at scale (100,000
//! campaigns), and every visitor of the map asks for it with their own filters.
//!
//! The places are read again when the database says campaigns moved: every change that can put
//! a campaign on the map, take it off or move it bumps `campaign_map_changes.generation` in its
//! own transaction (migration 0010), whichever server or command made it. A request looks at
//! that number at most every [`MapPoints::new`]'s interval; when it moved, one request reads the
//! places again in the background while the others are answered from the places kept.

use super::store::{CellRow, Grid, Tally};
use crate::campaigns::model::{CampaignFilter, Mode};
use crate::reference::{DIRECTIONS, REGIONS};
use crate::server::db::{Db, Sql};
use chrono::{DateTime, Utc};
use sqlx::FromRow;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One open campaign as the map counts it.
#[derive(Clone, Copy, Debug)]
struct Point {
    id: i64,
    /// Index in `REGIONS`.
    region: u8,
    /// Index in `DIRECTIONS`.
    direction: u8,
    online: bool,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    /// `None` for a campaign without a place (online, or not placed by its organisation).
    place: Option<(f64, f64)>,
}

#[derive(FromRow)]
struct PointRow {
    id: i64,
    region: String,
    direction: String,
    is_online: bool,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    latitude: Option<f64>,
    longitude: Option<f64>,
}

/// The places read at one generation of the campaigns.
struct Kept {
    generation: i64,
    checked_at: Instant,
    points: Arc<Vec<Point>>,
}

#[derive(Clone)]
pub struct MapPoints {
    check_every: Duration,
    kept: Arc<Mutex<Option<Kept>>>,
    /// One reading of the places at a time.
    reading: Arc<tokio::sync::Mutex<()>>,
}

impl std::fmt::Debug for MapPoints {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MapPoints(every {:?})", self.check_every)
    }
}

impl MapPoints {
    /// Looks whether campaigns changed at most every `check_every`. With zero (tests), every
    /// request looks, and waits for the places to be read again, so it sees its own writes.
    pub fn new(check_every: Duration) -> MapPoints {
        MapPoints { check_every, kept: Arc::new(Mutex::new(None)), reading: Arc::new(tokio::sync::Mutex::new(())) }
    }

    /// Counts the open campaigns matching `filter` (not its search words, which only the
    /// database's index finds) by region, and those in view by cell of `grid`.
    pub(super) async fn tally(&self, db: &Db, filter: &CampaignFilter, grid: &Grid, now: DateTime<Utc>) -> Result<Tally, sqlx::Error> {
        let points = self.current(db).await?;
        Ok(tally(&points, filter, grid, now))
    }

    /// Reads the places if none are kept yet (at start, so that the first visitor of the map
    /// does not wait for them).
    pub async fn read_if_none(&self, db: &Db) -> Result<(), sqlx::Error> {
        self.current(db).await.map(|_| ())
    }

    async fn current(&self, db: &Db) -> Result<Arc<Vec<Point>>, sqlx::Error> {
        let kept = self.kept.lock().ok().and_then(|kept| kept.as_ref().map(|k| (k.points.clone(), k.checked_at, k.generation)));
        match kept {
            Some((points, checked_at, _)) if checked_at.elapsed() < self.check_every => Ok(points),
            Some((points, _, generation)) if !self.check_every.is_zero() => {
                // Another request is looking or reading: the places kept are recent enough.
                let Ok(reading) = self.reading.clone().try_lock_owned() else { return Ok(points) };
                let now_at = generation_of(db).await?;
                if now_at == generation {
                    self.mark_checked();
                    return Ok(points);
                }
                let (this, db) = (self.clone(), db.clone());
                tokio::spawn(async move {
                    if let Err(error) = this.read(&db, now_at).await {
                        tracing::warn!(%error, "reading the map's places again failed; the old ones stay");
                    }
                    drop(reading);
                });
                Ok(points)
            }
            _ => {
                // Nothing kept yet (or tests): this request waits for the places; requests
                // arriving meanwhile wait for the same reading.
                let _reading = self.reading.lock().await;
                let generation = generation_of(db).await?;
                let kept = self.kept.lock().ok().and_then(|kept| kept.as_ref().filter(|k| k.generation == generation).map(|k| k.points.clone()));
                match kept {
                    Some(points) => Ok(points),
                    None => self.read(db, generation).await,
                }
            }
        }
    }

    fn mark_checked(&self) {
        if let Some(kept) = self.kept.lock().ok().as_mut().and_then(|k| k.as_mut()) {
            kept.checked_at = Instant::now();
        }
    }

    /// Reads every open campaign's place, as of `generation` (read before, so that a change
    /// made meanwhile is read again next time).
    async fn read(&self, db: &Db, generation: i64) -> Result<Arc<Vec<Point>>, sqlx::Error> {
        let mut sql = Sql::new(
            "SELECT id, region, direction, is_online, starts_at, ends_at, latitude, longitude FROM campaigns \
             WHERE status = 'published' AND ends_at >= ",
        );
        sql.bind(Utc::now());
        let rows = db.fetch_all::<PointRow>(sql).await?;
        let points: Vec<Point> = rows
            .into_iter()
            .filter_map(|row| {
                Some(Point {
                    id: row.id,
                    region: REGIONS.iter().position(|r| r.code == row.region)? as u8,
                    direction: DIRECTIONS.iter().position(|d| d.slug == row.direction)? as u8,
                    online: row.is_online,
                    starts_at: row.starts_at,
                    ends_at: row.ends_at,
                    place: row.latitude.zip(row.longitude),
                })
            })
            .collect();
        let points = Arc::new(points);
        if let Ok(mut kept) = self.kept.lock() {
            *kept = Some(Kept { generation, checked_at: Instant::now(), points: points.clone() });
        }
        Ok(points)
    }
}

async fn generation_of(db: &Db) -> Result<i64, sqlx::Error> {
    db.fetch_count(Sql::new("SELECT generation AS n FROM campaign_map_changes WHERE id = 1")).await
}

/// What `map::store::tally_in_database` counts, over the places in memory: the same filters,
/// the same cells (see its query).
fn tally(points: &[Point], filter: &CampaignFilter, grid: &Grid, now: DateTime<Utc>) -> Tally {
    let region = filter.region.as_deref().map(|code| REGIONS.iter().position(|r| r.code == code).map(|i| i as u8));
    let direction = filter.direction.as_deref().map(|slug| DIRECTIONS.iter().position(|d| d.slug == slug).map(|i| i as u8));
    let online = filter.mode.map(|mode| mode == Mode::Online);
    let mut counts = [0i64; REGIONS.len()];
    let mut tally = Tally::default();
    // A map's lookup per campaign cost more than all the rest of the count: grid cells are
    // counted in a flat array instead (a campaign's own cell, in a close view, in the map).
    let mut grid_cells: Vec<Option<CellRow>> = vec![None; Grid::SLOTS];
    for point in points {
        if point.ends_at < now
            || direction.is_some_and(|d| d != Some(point.direction))
            || filter.from.is_some_and(|from| point.ends_at < from)
            || filter.until.is_some_and(|until| point.starts_at >= until)
            || online.is_some_and(|online| online != point.online)
        {
            continue;
        }
        counts[point.region as usize] += 1;
        let Some((lat, lon)) = point.place else { continue };
        if region.is_some_and(|r| r != Some(point.region)) {
            continue;
        }
        if let Some(cell) = grid.cell_of(point.id, lat, lon) {
            let share = CellRow { n: 1, id: point.id, lat, lon, min_lat: lat, max_lat: lat, min_lon: lon, max_lon: lon };
            match grid.slot_of(cell) {
                Some(slot) => match &mut grid_cells[slot] {
                    Some(kept) => kept.take_in(&share),
                    empty => *empty = Some(share),
                },
                None => {
                    tally.in_cells.entry(cell).and_modify(|kept| kept.take_in(&share)).or_insert(share);
                }
            }
        }
    }
    for (slot, cell) in grid_cells.into_iter().enumerate() {
        if let Some(cell) = cell {
            tally.in_cells.insert(Grid::cell_of_slot(slot), cell);
        }
    }
    for (region, count) in REGIONS.iter().zip(counts) {
        if count > 0 {
            tally.regions.insert(region.code.to_string(), count);
        }
    }
    tally
}
