//! All routes of the platform and the layers in front of them.

use crate::forms::FormPosts;
use super::state::AppState;
use crate::server::{health, languages, security};
use crate::app::{shell, App};
use crate::forms::FormFeedback;
use axum::body::Body;
use axum::extract::Request;
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::Response;
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

/// Renders the page at the form's address (`parts.uri`) with the refused values and errors in context.
pub async fn render_page_again(state: AppState, mut parts: Parts, feedback: FormFeedback) -> Response {
    let status = StatusCode::from_u16(feedback.status).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
    parts.method = Method::GET;
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_page_context(&state);
            leptos::prelude::provide_context(feedback.clone());
        },
        move || shell(options.clone()),
    );
    let mut response = handler(Request::from_parts(parts, Body::empty())).await;
    *response.status_mut() = status;
    response
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
        crate::hours::handlers::routes(),
        crate::hours::online::handlers::routes(),
        crate::hours::certificates::handlers::routes(),
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
    let open_data = crate::campaigns::open_data::routes()
        .merge(crate::map::open_data::routes())
        .merge(crate::help::open_data::routes())
        .merge(crate::transparency::open_data::routes())
        .layer(SetResponseHeaderLayer::overriding(axum::http::header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*")))
        // Open data is the same for everyone: the page cache may keep it.
        .layer(SetResponseHeaderLayer::overriding(
            axum::http::HeaderName::from_static(crate::ui::SAME_FOR_EVERY_VISITOR),
            HeaderValue::from_static("1"),
        ));

    Router::new()
        .route("/", get(languages::redirect_to_language))
        .route("/healthz", get(health::healthz))
        .merge(open_data)
        // Form posts; their pages (GET) are Leptos routes at the same paths.
        .merge(form_posts().into_iter().fold(Router::new(), |router, posts| router.merge(posts.into_router(&state))))
        // Registers the pages and every server function at its own path (an unknown one is a 404).
        .leptos_routes_with_context(&state, routes, page_context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(page_context, shell))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        // Merged after the limit above: an uploaded logo has a limit of its own.
        .merge(upload_posts().into_router(&state))
        .layer(middleware::from_fn_with_state(state.clone(), crate::server::page_cache::middleware))
        // Files (the bundle, public files, logos) are served with caching headers of their own:
        // merged after the page cache, so that they never queue in it.
        .merge(crate::server::assets::routes(&state))
        .merge(crate::organizations::logo::serving_routes())
        .layer(middleware::from_fn_with_state(state.clone(), languages::remember_language))
        .layer(middleware::from_fn_with_state(state.clone(), security::reject_cross_site))
        .layer(middleware::from_fn_with_state(state.clone(), security::security_headers))
        // Pages rendered per request are compressed quickly (brotli and gzip level 4); kept pages and
        // the bundle come compressed already.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
        .with_state(state)
}
