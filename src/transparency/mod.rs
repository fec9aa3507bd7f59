//! Transparency: how help is distributed, for everyone. Figures are counted live from the
//! requests, the ledger and the campaigns, drawn as SVG on the server (readable without
//! JavaScript) with a table under each chart, and downloadable as CSV and JSON.

mod charts;
pub mod model;
mod page;

pub use page::TransparencyPage;

#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod store;

use crate::errors::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use model::{Figures, FiguresQuery};

#[server(input = GetUrl, prefix = "/api/fn", endpoint = "transparency")]
pub async fn load_figures(#[server(default)] query: FiguresQuery) -> Result<Figures, AppError> {
    let filter = query.validate().map_err(AppError::InvalidParameter)?;
    let state = crate::server::state::state()?;
    crate::errors::with_status(store::figures_with(&state.db, &filter, &state.memos).await.map_err(AppError::from))
}
