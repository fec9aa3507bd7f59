//! What every request handler and server function can reach.

use super::config::Config;
use super::db::Db;
use crate::errors::AppError;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use leptos::prelude::use_context;
use std::sync::Arc;

#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub leptos_options: LeptosOptions,
    pub mailer: super::mail::Mailer,
    /// Public pages kept for a moment for visitors without an account (`None`: turned off).
    pub page_cache: Option<Arc<super::page_cache::PageCache>>,
    /// Country-wide figures counted at most once per period.
    pub memos: Arc<Memos>,
    /// The content hashes of the files of `public/` that pages link to.
    pub public_files: Arc<super::public_files::PublicFiles>,
}

/// The figures kept in memory between countings (see `memo.rs`).
#[derive(Debug)]
pub struct Memos {
    /// The home page's counters: a minute.
    pub counters: super::memo::Memo<(), crate::campaigns::model::PlatformCounters>,
    /// Volunteering through campaigns, by filter: ten minutes (it reads every application).
    pub volunteering: super::memo::Memo<crate::transparency::model::FiguresFilter, crate::transparency::model::Volunteering>,
}

impl Memos {
    pub fn new(counters: std::time::Duration, volunteering: std::time::Duration) -> Memos {
        Memos { counters: super::memo::Memo::new(counters, 1), volunteering: super::memo::Memo::new(volunteering, 256) }
    }

    /// Counted afresh on every request (tests read their own writes at once).
    pub fn none() -> Memos {
        Memos::new(std::time::Duration::ZERO, std::time::Duration::ZERO)
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
