//! The transparency page's server function: the figures for the chosen filters.

use crate::errors::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use super::model::{Figures, FiguresQuery};
#[cfg(feature = "ssr")]
use super::store;

#[server(input = GetUrl, prefix = "/api/fn", endpoint = "transparency")]
pub async fn load_figures(#[server(default)] query: FiguresQuery) -> Result<Figures, AppError> {
    crate::ui::same_for_every_visitor();
    let filter = query.validate().map_err(AppError::InvalidParameter)?;
    let state = crate::wiring::state::state()?;
    crate::errors::with_status(store::figures_with(&state.db, &filter, &state.memos).await.map_err(AppError::from))
}
