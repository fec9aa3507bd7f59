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
