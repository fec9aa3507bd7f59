//! Security layers in front of every route.
//!
//! Leptos server functions do no CSRF checks of their own, so state-changing requests from
//! other sites are refused here, before any handler runs.

use crate::wiring::state::AppState;
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_SECURITY_POLICY, HOST, ORIGIN, REFERRER_POLICY, STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Everything is served by the platform itself; pages add a nonce for their inline scripts.
const BASE_POLICY: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; object-src 'none'; \
    base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

fn policy(script_src: &str) -> String {
    format!("{BASE_POLICY}; script-src {script_src}")
}

/// Sets the Content-Security-Policy of a server-rendered page: scripts from this site, the
/// page's own inline hydration scripts (by nonce) and WebAssembly compilation.
pub fn set_page_content_security_policy() {
    use leptos::prelude::use_context;
    let (Some(nonce), Some(response)) = (leptos::nonce::use_nonce(), use_context::<leptos_axum::ResponseOptions>()) else {
        return;
    };
    let mut value = policy(&format!("'self' 'nonce-{nonce}' 'wasm-unsafe-eval'"));
    // The street-map layer's tiles come straight from the tile server.
    if let Some(tiles) = use_context::<AppState>().and_then(|state| state.config.tiles.clone()) {
        value = value.replace("img-src 'self' data:", &format!("img-src 'self' data: {}", tiles.origin()));
    }
    if let Ok(value) = HeaderValue::from_str(&value) {
        response.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}

/// Adds the security headers to every response.
pub async fn security_headers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    // A signed-in person's pages and data carry personal data: no cache may keep them (Back
    // after signing out on a shared computer must not show them).
    let signed_in = super::cookies::session_token(request.headers(), &state.config).is_some();
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    // A file whose address names its content (the bundle, public files, logos) is the same for
    // everyone and holds nothing personal: it keeps its year-long caching.
    let content_addressed = headers
        .get(axum::http::header::CACHE_CONTROL)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.contains("immutable"));
    if signed_in && !content_addressed {
        headers.insert(axum::http::header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
        headers.insert(axum::http::header::VARY, HeaderValue::from_static("Cookie"));
    }
    if !headers.contains_key(CONTENT_SECURITY_POLICY) {
        if let Ok(value) = HeaderValue::from_str(&policy("'self' 'wasm-unsafe-eval'")) {
            headers.insert(CONTENT_SECURITY_POLICY, value);
        }
    }
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    headers.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(self), interest-cohort=()"),
    );
    headers.insert(HeaderName::from_static("cross-origin-opener-policy"), HeaderValue::from_static("same-origin"));
    if state.config.is_https() {
        headers.insert(STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    response
}

/// Refuses a state-changing request that a browser sent from another site.
///
/// Browsers send `Sec-Fetch-Site` (all current ones) or at least `Origin` with such requests;
/// a client that sends neither is not a browser and cannot carry a visitor's cookies.
pub async fn reject_cross_site(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let header = |name| headers.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
    let allowed = match (header(HeaderName::from_static("sec-fetch-site")), header(ORIGIN)) {
        (Some(site), _) => site == "same-origin" || site == "none",
        (None, Some(origin)) => {
            origin == state.config.public_url
                || header(HOST).is_some_and(|host| origin == format!("http://{host}") || origin == format!("https://{host}"))
        }
        (None, None) => true,
    };
    if allowed {
        next.run(request).await
    } else {
        tracing::warn!(method = %request.method(), path = request.uri().path(), "cross-site request refused");
        let locale = super::languages::preferred_locale(request.headers());
        (StatusCode::FORBIDDEN, locale.t(crate::i18n::Key::CrossSiteRefused)).into_response()
    }
}
