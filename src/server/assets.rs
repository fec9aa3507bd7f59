//! The browser's files: the bundle under `/pkg` (JS, WebAssembly, CSS), the favicon, robots.txt,
//! the street-map script and Leaflet. They are served from `target/site` as the build left
//! them, with the `.br` and `.gz` copies that `.ci/precompress.mjs` made, so nothing is
//! compressed per request. Pages link to the files of `public/` at addresses with a content
//! hash (see `public_files.rs`); their plain addresses stay for pages of an earlier release.

use super::public_files::PREFIX;
use crate::wiring::state::AppState;
use axum::extract::{Request, State};
use axum::http::{header::{CACHE_CONTROL, VARY}, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower::ServiceExt;
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
/// An address whose hash is not the file's (a page of an earlier release): the file as it is
/// now, to be asked for again next time.
const ASK_AGAIN: &str = "no-cache";

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
    // A linked directory is not a page: asking for it is a 404, not a redirect or an index.
    let site = ServeDir::new(&site_root).precompressed_br().precompressed_gzip().append_index_html_on_directories(false);
    let hashed = Router::new().route(
        &format!("{PREFIX}/{{hash}}/{{*path}}"),
        get(move |State(state): State<AppState>, request: Request| hashed_public_file(state, site.clone(), request)),
    );
    let texts = Router::new().route("/texts/{version}/{file}", get(texts_of_one_language));
    // The precompressed copies differ by the browser's Accept-Encoding: a shared cache must know.
    bundle.merge(other).merge(hashed).merge(texts).layer(SetResponseHeaderLayer::overriding(VARY, HeaderValue::from_static("accept-encoding")))
}

/// `/texts/{version}/{lang}.json`: the interface texts of one language, which the browser bundle
/// loads beside itself (see `i18n/loaded.rs`). Kept for a year: the version names the texts.
async fn texts_of_one_language(axum::extract::Path((version, file)): axum::extract::Path<(String, String)>, headers: axum::http::HeaderMap) -> Response {
    use crate::i18n::{Locale, TextsOfOneLanguage, TEXTS_VERSION};
    use crate::server::compressed::{Compressed, Encoding, BEST};
    use std::sync::OnceLock;
    // Made once per server; compressed at the best levels once per encoding asked for.
    static TEXTS: OnceLock<Vec<(Locale, Compressed)>> = OnceLock::new();
    let Some(locale) = file.strip_suffix(".json").and_then(Locale::from_code).filter(|_| version == TEXTS_VERSION) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let all = TEXTS.get_or_init(|| {
        Locale::ALL.iter().map(|l| (*l, Compressed::new(serde_json::to_vec(&TextsOfOneLanguage::of(*l)).unwrap_or_default().into(), BEST))).collect()
    });
    let Some((_, texts)) = all.iter().find(|(l, _)| *l == locale) else { return StatusCode::NOT_FOUND.into_response() };
    let mut answer = axum::http::HeaderMap::new();
    answer.insert(axum::http::header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    answer.insert(CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
    texts.answer(answer, Encoding::accepted(&headers))
}

/// `/static/{hash}/{path}`: a linked file of `public/`, kept for a year when the hash is current.
async fn hashed_public_file(state: AppState, site: ServeDir, request: Request) -> Response {
    // The path as the browser sent it (still percent-encoded), without the prefix and hash.
    let Some((hash, path)) = request.uri().path().strip_prefix(PREFIX).and_then(|rest| rest.trim_start_matches('/').split_once('/')) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Some((_, current)) = state.public_files.entry_of(path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let cache = if hash == current { IMMUTABLE } else { ASK_AGAIN };
    let Ok(uri) = format!("/{path}").parse::<Uri>() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let (mut parts, body) = request.into_parts();
    parts.uri = uri;
    let mut response = site.oneshot(Request::from_parts(parts, body)).await.into_response();
    if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
        response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static(cache));
    }
    response
}
