//! All routes of the platform and the layers in front of them.

use super::forms::FormPosts;
use super::state::AppState;
use super::{health, languages, security};
use crate::app::{shell, App};
use axum::http::HeaderValue;
use axum::routing::get;
use axum::{middleware, Router};
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::CompressionLayer;
use tower_http::CompressionLevel;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;

/// The largest request body accepted anywhere but the logo upload (forms and server-function
/// calls are small).
const MAX_BODY_BYTES: usize = 160 * 1024;

/// What pages and server functions can reach through `use_context`, and the page's CSP nonce.
pub fn provide_page_context(state: &AppState) {
    provide_context(state.clone());
    leptos::nonce::provide_nonce();
}

/// Every part's form posts, under the router's body limit.
fn form_posts() -> Vec<FormPosts> {
    vec![
        crate::auth::handlers::routes(),
        crate::volunteers::signup::handlers::routes(),
        crate::volunteers::guardian::handlers::routes(),
        crate::volunteers::me::handlers::routes(),
        crate::volunteers::applications::handlers::routes(),
        crate::organizations::handlers::routes(),
        crate::organizations::campaigns::handlers::routes(),
        crate::moderation::handlers::routes(),
        crate::help::handlers::routes(),
    ]
}

/// The logo upload, with a body limit of its own.
fn upload_posts() -> FormPosts {
    crate::organizations::logo::routes()
}

/// The path of every form post the router registers (`/{lang}/campaigns/{id}/apply`), for the
/// trust suite.
pub fn form_post_paths() -> Vec<String> {
    form_posts().iter().chain([&upload_posts()]).flat_map(|posts| posts.paths().to_vec()).collect()
}

pub fn build(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    let page_context = {
        let state = state.clone();
        move || provide_page_context(&state)
    };
    let open_data = crate::campaigns::api::open_data_routes()
        .merge(crate::help::api::routes())
        .merge(crate::transparency::api::routes())
        .layer(SetResponseHeaderLayer::overriding(
        axum::http::header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    ));

    Router::new()
        .route("/", get(languages::redirect_to_language))
        .route("/healthz", get(health::healthz))
        .merge(open_data)
        // Form posts; their pages (GET) are Leptos routes at the same paths.
        .merge(form_posts().into_iter().fold(Router::new(), |router, posts| router.merge(posts.into_router())))
        // Registers the pages and every server function at its own path (an unknown one is a 404).
        .leptos_routes_with_context(&state, routes, page_context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(page_context, shell))
        .merge(super::assets::routes(&state))
        .merge(crate::organizations::logo::serving_routes())
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        // Merged after the limit above: an uploaded logo has a limit of its own.
        .merge(upload_posts().into_router())
        .layer(middleware::from_fn_with_state(state.clone(), super::page_cache::middleware))
        .layer(middleware::from_fn_with_state(state.clone(), languages::remember_language))
        .layer(middleware::from_fn_with_state(state.clone(), security::reject_cross_site))
        .layer(middleware::from_fn_with_state(state.clone(), security::security_headers))
        // Pages rendered per request are compressed quickly (brotli and gzip level 4); kept pages and
        // the bundle come compressed already.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
        .with_state(state)
}
