//! The browser's files: the bundle under `/pkg` (JS, WebAssembly, CSS), the favicon, robots.txt,
//! the street-map script and Leaflet. They are served from `target/site` as the build left
//! them, with the `.br` and `.gz` copies that `.ci/precompress.mjs` made, so nothing is
//! compressed per request.

use super::state::AppState;
use axum::http::{header::CACHE_CONTROL, HeaderValue};
use axum::Router;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

/// The build's content hashes, written by cargo-leptos beside the server binary.
const HASH_FILE: &str = "hash.txt";

fn hash_file() -> Option<std::path::PathBuf> {
    std::env::current_exe().ok().and_then(|exe| exe.parent().map(|dir| dir.join(HASH_FILE)))
}

/// Whether the bundle's file names carry content hashes (a release or test build made by
/// cargo-leptos with `hash-files`); a binary run from elsewhere, such as a unit test, has none.
pub fn hashed_names() -> bool {
    hash_file().is_some_and(|path| path.exists())
}

/// The content hash of each bundle file, by kind (`js`, `wasm`, `css`…), from the hash file.
pub fn content_hashes() -> Vec<(String, String)> {
    let text = hash_file().and_then(|path| std::fs::read_to_string(path).ok()).unwrap_or_default();
    text.lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(kind, hash)| (kind.trim().to_string(), hash.trim().to_string()))
        .collect()
}

/// A file whose name changes with its content can be kept for a year; others for an hour.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const HOURLY: &str = "public, max-age=3600";

pub fn routes(state: &AppState) -> Router<AppState> {
    let site_root = state.leptos_options.site_root.to_string();
    let bundle_cache = if state.leptos_options.hash_files { IMMUTABLE } else { HOURLY };
    let bundle = Router::new()
        .nest_service("/pkg", ServeDir::new(format!("{site_root}/pkg")).precompressed_br().precompressed_gzip())
        .layer(SetResponseHeaderLayer::overriding(CACHE_CONTROL, HeaderValue::from_static(bundle_cache)));
    let other = Router::new()
        .route_service("/favicon.svg", ServeFile::new(format!("{site_root}/favicon.svg")).precompressed_br().precompressed_gzip())
        .route_service("/robots.txt", ServeFile::new(format!("{site_root}/robots.txt")))
        .route_service("/street-map.js", ServeFile::new(format!("{site_root}/street-map.js")).precompressed_br().precompressed_gzip())
        .nest_service("/vendor", ServeDir::new(format!("{site_root}/vendor")).precompressed_br().precompressed_gzip())
        .layer(SetResponseHeaderLayer::if_not_present(CACHE_CONTROL, HeaderValue::from_static(HOURLY)));
    bundle.merge(other)
}
