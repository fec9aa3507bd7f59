//! What every request handler and server function can reach.

use crate::server::config::Config;
use crate::server::db::Db;
use crate::errors::AppError;
use crate::campaigns::model::PlatformCounters;
use crate::map::points::MapPoints;
use crate::server::memo::Memo;
use crate::transparency::model::{Figures, FiguresFilter, Volunteering};
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use leptos::prelude::use_context;
use std::sync::Arc;
use std::time::Duration;

#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub leptos_options: LeptosOptions,
    pub mailer: crate::server::mail::Mailer,
    /// Public pages kept for a moment for visitors without an account (`None`: turned off).
    pub page_cache: Option<Arc<crate::server::page_cache::PageCache>>,
    /// Country-wide figures counted at most once per period.
    pub memos: Arc<Memos>,
    /// The content hashes of the files of `public/` that pages link to.
    pub public_files: Arc<crate::server::public_files::PublicFiles>,
}

/// The figures kept in memory between countings (see `memo.rs`).
#[derive(Debug)]
pub struct Memos {
    /// The home page's counters: a minute.
    pub counters: Memo<(), PlatformCounters>,
    /// Volunteering through campaigns, by filter: ten minutes (it reads every application).
    pub volunteering: Memo<FiguresFilter, Volunteering>,
    /// The help requests' figures, by filter: ten seconds, and forgotten by every step of a
    /// request on this server (five passes over the requests per render made the transparency
    /// page time out under load at 50,000 requests).
    pub help: Memo<FiguresFilter, Figures>,
    /// The open campaigns' places, read again when campaigns change (see `map/points.rs`).
    pub map_points: MapPoints,
}

impl Memos {
    /// The periods a running server keeps its figures for.
    pub fn kept() -> Memos {
        Memos {
            counters: Memo::new(Duration::from_secs(60), 1),
            volunteering: Memo::new(Duration::from_secs(600), 256),
            help: Memo::new(Duration::from_secs(10), 256),
            // Whether the map's places changed is looked at most four times a second.
            map_points: MapPoints::new(Duration::from_millis(250)),
        }
    }

    /// The home page's counters, at most a minute old.
    pub async fn platform_counters(&self, db: &Db, now: chrono::DateTime<chrono::Utc>) -> Result<PlatformCounters, sqlx::Error> {
        let db = db.clone();
        self.counters.get_or((), || async move { crate::campaigns::store::counters(&db, now).await }).await
    }

    /// The help requests' figures for `filter`, at most ten seconds old.
    pub async fn help_figures_for(&self, db: &Db, filter: &FiguresFilter) -> Result<Figures, sqlx::Error> {
        let (db, counted) = (db.clone(), filter.clone());
        self.help.get_or(filter.clone(), || async move { crate::transparency::store::help_figures(&db, &counted).await }).await
    }

    /// Volunteering through campaigns for `filter`, at most ten minutes old.
    pub async fn volunteering_for(&self, db: &Db, filter: &FiguresFilter) -> Result<Volunteering, sqlx::Error> {
        let (db, counted) = (db.clone(), filter.clone());
        self.volunteering.get_or(filter.clone(), || async move { crate::transparency::store::volunteering(&db, &counted).await }).await
    }

    /// Counts the whole country's figures once, in the background (at start), so that the
    /// first visitors of the home and transparency pages do not wait for them: at scale the
    /// volunteering figures take seconds to count.
    pub fn count_in_background(self: &Arc<Self>, db: &Db) {
        let (memos, db) = (self.clone(), db.clone());
        tokio::spawn(async move {
            if let Err(error) = memos.platform_counters(&db, chrono::Utc::now()).await {
                tracing::warn!(%error, "counting the home page's figures at start failed");
            }
            if let Err(error) = memos.volunteering_for(&db, &FiguresFilter::default()).await {
                tracing::warn!(%error, "counting the volunteering figures at start failed");
            }
            if let Err(error) = memos.map_points.read_if_none(&db).await {
                tracing::warn!(%error, "reading the map's places at start failed");
            }
        });
    }

    /// Counted afresh on every request (tests read their own writes at once).
    pub fn none() -> Memos {
        Memos {
            counters: Memo::new(Duration::ZERO, 1),
            volunteering: Memo::new(Duration::ZERO, 1),
            help: Memo::new(Duration::ZERO, 1),
            map_points: MapPoints::new(Duration::ZERO),
        }
    }
}

/// The application state, for server functions and pages (the router provides it as context).
pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("server function called without the application state");
        AppError::Internal
    })
}

/// The database, for server functions (the router provides the state as context).
pub fn db() -> Result<Db, AppError> {
    use_context::<AppState>().map(|state| state.db).ok_or_else(|| {
        tracing::error!("server function called without the application state");
        AppError::Internal
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::TestDb;
    use std::time::{Duration, Instant};

    /// At start the whole country's figures are counted without a visitor asking, and they
    /// are the figures a visitor would have counted.
    #[tokio::test]
    async fn the_whole_countrys_figures_are_counted_at_start() {
        let test = TestDb::sqlite().await;
        crate::demo::load(&test.db, crate::server::config::DemoData::Standard).await.unwrap();
        let memos = Arc::new(Memos::kept());
        memos.count_in_background(&test.db);
        let started = Instant::now();
        let (counters, volunteering) = loop {
            // A closure that fails stands for a visitor who would have had to count.
            let counters = memos.counters.get_or((), || async { Err("not counted yet") }).await;
            let volunteering = memos.volunteering.get_or(FiguresFilter::default(), || async { Err("not counted yet") }).await;
            if let (Ok(counters), Ok(volunteering)) = (counters, volunteering) {
                break (counters, volunteering);
            }
            assert!(started.elapsed() < Duration::from_secs(30), "the figures were not counted in the background");
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        let now = chrono::Utc::now();
        assert_eq!(counters, crate::campaigns::store::counters(&test.db, now).await.unwrap());
        let live = crate::transparency::store::volunteering(&test.db, &FiguresFilter::default()).await.unwrap();
        assert!(volunteering.totals.volunteers > 0, "the demo data has volunteers");
        assert_eq!((volunteering.totals, volunteering.by_direction), (live.totals, live.by_direction));
        test.remove().await;
    }
}
