//! Talking to the real router as a browser or an API client does, in tests.

use super::{app_state, TestDb};
use crate::wiring::router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

pub(crate) struct Answer {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

pub(crate) async fn send(app: &Router, request: Request<Body>) -> Answer {
    let response = app.clone().oneshot(request).await.expect("router answers");
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.expect("body").to_bytes();
    Answer { status: parts.status, headers: parts.headers, body: String::from_utf8_lossy(&bytes).into_owned() }
}

/// The headers and the raw bytes of an answer (for compressed bodies).
pub(crate) async fn send_raw(app: &Router, request: Request<Body>) -> (axum::http::HeaderMap, Vec<u8>) {
    let response = app.clone().oneshot(request).await.expect("router answers");
    let (parts, body) = response.into_parts();
    (parts.headers, body.collect().await.expect("body").to_bytes().to_vec())
}

pub(crate) async fn get(app: &Router, uri: &str) -> Answer {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

/// A router over a fresh SQLite database with the standard demo data.
pub(crate) async fn app_with_demo() -> (Router, TestDb) {
    let test_db = TestDb::sqlite().await;
    crate::demo::load(&test_db.db, crate::server::config::DemoData::Standard).await.unwrap();
    (router::build(app_state(test_db.db.clone())), test_db)
}

/// The value of `attribute` in the first tag of `html` that contains `marker`.
pub(crate) fn attribute_of(html: &str, marker: &str, attribute: &str) -> String {
    let tag_start = html.find(marker).unwrap_or_else(|| panic!("no {marker} in the page"));
    let tag = &html[html[..tag_start].rfind('<').unwrap()..];
    let tag = &tag[..tag.find('>').unwrap()];
    let needle = format!("{attribute}=\"");
    let value = &tag[tag.find(&needle).unwrap_or_else(|| panic!("no {attribute} in {tag}")) + needle.len()..];
    value[..value.find('"').unwrap()].to_string()
}
