//! A short-lived cache of the public pages and open data that visitors without an account read
//! (the lists, a campaign, an organisation, the map, help requests, transparency, `/api/v1`).
//! Thousands of visitors asking for the same list within a second get one render: the answer
//! is kept for `BIRGEMIZ_PAGE_CACHE_SECONDS` (2 by default; 0 turns it off). When it expires,
//! the next visitor renders it again, and visitors arriving during that render get the copy
//! just expired instead of waiting (as `stale-while-revalidate` does), for at most
//! [`STALE_AT_MOST`] past its time. Signed-in people, form posts and private pages never touch it.
//! Each kept page is compressed once per encoding (brotli, gzip) when first asked for so
//! ([`Compressed`]).
//!
//! A kept page keeps the CSP nonce it was rendered with for its two seconds. That is safe: a
//! nonce protects against markup injected into the page, and whatever a page holds was put
//! there before its render chose the nonce; a request with different input (another query)
//! is another page with its own render and nonce.

use crate::server::compressed::{self, Compressed, Encoding};
use crate::wiring::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_ENCODING, SET_COOKIE};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// A page larger than this is not kept (no public page comes near it).
const ENTRY_MAX_BYTES: usize = 1024 * 1024;
/// All kept pages together stay under this, within the server's memory budget.
const TOTAL_MAX_BYTES: usize = 32 * 1024 * 1024;
/// A visitor waits this long at most for another request's render of the same page.
const LONGEST_WAIT_FOR_OTHER_RENDER: Duration = Duration::from_secs(3);
/// While a page is being rendered again, the copy that expired is served instead, for at most
/// this long past its time. Without it, everyone arriving during the render waited for it: the
/// whole country's map data (110–130 ms to count on SQLite at scale) showed a p99 of 93–103 ms at 30,000
/// requests a second, against a median of 2 ms. It is a minute, not a few seconds, because a page
/// nobody asked for in a while is just as slow to render again: with 3 s, the map data asked for
/// a minute after its last visitor made all 64 of the bench's connections wait for one render
/// under load (p99 66 ms). A copy this old is only ever served while its new render is underway.
const STALE_AT_MOST: Duration = Duration::from_secs(60);
/// An address whose answer could not be shared is rendered without waiting for others this
/// long; then it is tried again (a draft campaign is published, a 404 page appears)…
const DECLINED_FOR: Duration = Duration::from_secs(60);
/// …and at most this many such addresses are remembered.
const DECLINED_MAX: usize = 10_000;
struct Entry {
    stored: Instant,
    headers: HeaderMap,
    body: Compressed,
}

pub struct PageCache {
    ttl: Duration,
    /// [`STALE_AT_MOST`], shorter in tests.
    stale_at_most: Duration,
    entries: Mutex<HashMap<String, Arc<Entry>>>,
    /// Pages being rendered now. Visitors asking for one of them wait for that render instead
    /// of starting their own, so an expired popular page is rendered once, not once per visitor.
    rendering: Mutex<HashMap<String, watch::Receiver<()>>>,
    /// Addresses whose last answer could not be shared (a form, a 404, a private page): visitors
    /// arriving together for one of them render their own at once instead of waiting for
    /// another's render, for [`DECLINED_FOR`].
    declined: Mutex<HashMap<String, Instant>>,
}

/// Held by the one request rendering a page; dropping it (the render finished, failed or the
/// visitor left) wakes the requests waiting for that page.
struct RenderTurn<'a> {
    cache: &'a PageCache,
    key: String,
    _done: watch::Sender<()>,
}

impl Drop for RenderTurn<'_> {
    fn drop(&mut self) {
        self.cache.rendering.lock().unwrap_or_else(PoisonError::into_inner).remove(&self.key);
    }
}

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PageCache({:?})", self.ttl)
    }
}

impl PageCache {
    pub fn new(ttl: Duration) -> PageCache {
        PageCache::with_stale_at_most(ttl, STALE_AT_MOST)
    }

    fn with_stale_at_most(ttl: Duration, stale_at_most: Duration) -> PageCache {
        PageCache { ttl, stale_at_most, entries: Mutex::new(HashMap::new()), rendering: Mutex::new(HashMap::new()), declined: Mutex::new(HashMap::new()) }
    }

    /// The turn to render `key`, or, when another request is rendering it, a way to wait for it.
    fn turn(&self, key: &str) -> Result<RenderTurn<'_>, watch::Receiver<()>> {
        // Nothing panics while the map is held, so a poisoned lock still holds a sound map.
        let mut rendering = self.rendering.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(waiting) = rendering.get(key) {
            return Err(waiting.clone());
        }
        let (done, waiting) = watch::channel(());
        rendering.insert(key.to_string(), waiting);
        Ok(RenderTurn { cache: self, key: key.to_string(), _done: done })
    }

    /// The kept copy of `key` if it is younger than `age`.
    fn kept_within(&self, key: &str, age: Duration) -> Option<Arc<Entry>> {
        let entries = self.entries.lock().ok()?;
        entries.get(key).filter(|e| e.stored.elapsed() < age).cloned()
    }

    fn get(&self, key: &str) -> Option<Arc<Entry>> {
        self.kept_within(key, self.ttl)
    }

    /// An expired copy that may still be served while the page is rendered again.
    fn get_stale(&self, key: &str) -> Option<Arc<Entry>> {
        self.kept_within(key, self.ttl + self.stale_at_most)
    }

    fn is_declined(&self, key: &str) -> bool {
        let declined = self.declined.lock().unwrap_or_else(PoisonError::into_inner);
        declined.get(key).is_some_and(|at| at.elapsed() < DECLINED_FOR)
    }

    fn decline(&self, key: String) {
        let mut declined = self.declined.lock().unwrap_or_else(PoisonError::into_inner);
        if declined.len() >= DECLINED_MAX {
            declined.retain(|_, at| at.elapsed() < DECLINED_FOR);
            if declined.len() >= DECLINED_MAX {
                declined.clear();
            }
        }
        declined.insert(key, Instant::now());
    }

    fn put(&self, key: String, entry: Arc<Entry>) {
        let Ok(mut entries) = self.entries.lock() else { return };
        let size = |e: &Entry| e.body.plain().len() * 2;
        let mut total: usize = entries.values().map(|e| size(e)).sum();
        if total + size(&entry) > TOTAL_MAX_BYTES {
            // Full: forget what can no longer be served; if that is not enough, keep this one uncached.
            entries.retain(|_, e| e.stored.elapsed() < self.ttl + self.stale_at_most);
            total = entries.values().map(|e| size(e)).sum();
            if total + size(&entry) > TOTAL_MAX_BYTES {
                return;
            }
        }
        entries.insert(key, entry);
    }
}

fn is_cacheable(request: &Request, state: &AppState) -> bool {
    (request.method() == Method::GET || request.method() == Method::HEAD)
        && super::cookies::session_token(request.headers(), &state.config).is_none()
        && !request.headers().contains_key(crate::forms::FETCH_HEADER)
}

/// The response without the page's "same for every visitor" mark, and whether it had it.
fn without_mark(mut response: Response) -> (Response, bool) {
    let marked = response.headers_mut().remove(crate::ui::SAME_FOR_EVERY_VISITOR).is_some();
    (response, marked)
}

/// Serves a fresh kept copy, or renders the page and keeps it when it can be shared.
pub async fn middleware(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(cache) = state.page_cache.clone().filter(|_| is_cacheable(&request, &state)) else {
        return without_mark(next.run(request).await).0;
    };
    let key = request.uri().to_string();
    let encoding = Encoding::accepted(request.headers());
    if let Some(entry) = cache.get(&key) {
        return entry.body.answer(entry.headers.clone(), encoding);
    }
    if cache.is_declined(&key) {
        return without_mark(next.run(request).await).0;
    }
    let turn = match cache.turn(&key) {
        Ok(turn) => Some(turn),
        Err(mut other_render) => {
            if let Some(stale) = cache.get_stale(&key) {
                return stale.body.answer(stale.headers.clone(), encoding);
            }
            // Returns when the other render is over, however it ended; a render slower than
            // this is not worth queueing behind.
            let _ = tokio::time::timeout(LONGEST_WAIT_FOR_OTHER_RENDER, other_render.changed()).await;
            if let Some(entry) = cache.get(&key) {
                return entry.body.answer(entry.headers.clone(), encoding);
            }
            // That render could not be shared (an error, say): this request renders its own.
            None
        }
    };
    let (response, marked) = without_mark(next.run(request).await);
    let shareable = marked
        && response.status() == StatusCode::OK
        && !response.headers().contains_key(SET_COOKIE)
        && !response.headers().contains_key(CONTENT_ENCODING)
        && !response.headers().get(CACHE_CONTROL).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("no-store") || v.contains("private"));
    if !shareable {
        cache.decline(key);
        return response;
    }
    let (parts, body) = response.into_parts();
    // Public pages are rendered whole (SsrMode::Async), so reading the body adds no delay.
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return Response::builder().status(StatusCode::INTERNAL_SERVER_ERROR).body(Body::empty()).unwrap_or_default();
    };
    let entry = Arc::new(Entry { stored: Instant::now(), headers: parts.headers, body: Compressed::new(bytes, compressed::QUICK) });
    if entry.body.plain().len() <= ENTRY_MAX_BYTES {
        cache.put(key, entry.clone());
    }
    drop(turn);
    entry.body.answer(entry.headers.clone(), encoding)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::http::get;
    use crate::testing::{app_state, TestDb};
    use std::sync::Arc;

    /// Only answers marked the same for every visitor are kept: public pages and reads, the
    /// open data; never a form, a private page or a page with someone's data. The mark never
    /// leaves the server.
    #[tokio::test]
    async fn only_answers_marked_the_same_for_every_visitor_are_kept() {
        let test = TestDb::sqlite().await;
        crate::demo::load(&test.db, crate::server::config::DemoData::Standard).await.unwrap();
        let mut state = app_state(test.db.clone());
        let cache = Arc::new(PageCache::new(Duration::from_secs(60)));
        state.page_cache = Some(cache.clone());
        let app = crate::wiring::router::build(state);
        let slug: String = test.db.fetch_one::<(String,)>(crate::server::db::Sql::new("SELECT slug FROM organizations WHERE verified AND hidden_at IS NULL ORDER BY id LIMIT 1")).await.unwrap().0;
        let id = test.db.fetch_count(crate::server::db::Sql::new("SELECT MIN(id) AS n FROM campaigns WHERE status = 'published'")).await.unwrap();
        let shared = ["/kk".to_string(), "/ru/campaigns".into(), format!("/en/campaigns/{id}"), "/kk/map".into(), "/kk/organizations".into(),
            format!("/kk/organizations/{slug}"), "/ru/help".into(), "/en/transparency".into(), "/api/v1/campaigns".into(), "/api/fn/campaigns".into(),
            "/api/fn/home".into(), "/api/v1/regions".into()];
        let not_shared = ["/kk/me", "/kk/signup", "/kk/login", "/kk/organizations/new", "/kk/help/new", "/kk/help/queue", "/kk/moderation",
            "/kk/password/forgot", "/api/fn/viewer", "/kk/campaigns/99999999", "/xx/campaigns"];
        for path in shared.iter().map(String::as_str).chain(not_shared) {
            let first = get(&app, path).await;
            assert!(!first.headers.contains_key(crate::ui::SAME_FOR_EVERY_VISITOR), "{path}: the mark left the server");
            let kept = cache.get(path).is_some();
            assert_eq!(kept, shared.iter().any(|p| p == path), "{path}: kept {kept} ({})", first.status);
        }
        test.remove().await;
    }

    /// The router over the standard demo data, keeping pages for a minute.
    async fn app_with_a_page_cache() -> (axum::Router, TestDb) {
        let test = TestDb::sqlite().await;
        crate::demo::load(&test.db, crate::server::config::DemoData::Standard).await.unwrap();
        let mut state = app_state(test.db.clone());
        state.page_cache = Some(Arc::new(PageCache::new(Duration::from_secs(60))));
        (crate::wiring::router::build(state), test)
    }

    #[tokio::test]
    async fn a_visitor_gets_a_shared_page_with_a_fresh_nonce_and_a_signed_in_person_a_fresh_render() {
        let (app, test) = app_with_a_page_cache().await;
        let first = get(&app, "/ru/campaigns").await;
        let second = get(&app, "/ru/campaigns").await;
        assert_eq!(first.status, StatusCode::OK);
        assert_eq!(first.body, second.body, "one render served twice");
        assert!(first.headers.get("content-security-policy").is_some(), "the security headers go with a kept page");
        // Compressed once per encoding, and the same page when unpacked.
        let request = |encoding: &str| axum::http::Request::get("/ru/campaigns").header("accept-encoding", encoding).body(axum::body::Body::empty()).unwrap();
        let brotli = crate::testing::http::send_raw(&app, request("gzip, deflate, br")).await;
        assert_eq!(brotli.0.get("content-encoding").unwrap(), "br");
        let mut unpacked = Vec::new();
        brotli::BrotliDecompress(&mut std::io::Cursor::new(&brotli.1), &mut unpacked).unwrap();
        assert_eq!(String::from_utf8(unpacked).unwrap(), first.body);
        let gzip = crate::testing::http::send_raw(&app, request("gzip;q=1.0, br;q=0")).await;
        assert_eq!(gzip.0.get("content-encoding").unwrap(), "gzip");
        assert!(gzip.1.len() < first.body.len() / 3);

        // A changed campaign shows for a signed-in person at once; visitors see it once their copy expires.
        let id = test.db.fetch_count(crate::server::db::Sql::new("SELECT MIN(id) AS n FROM campaigns WHERE status = 'published' AND title_ru IS NOT NULL")).await.unwrap();
        let page = format!("/ru/campaigns/{id}");
        assert_eq!(get(&app, &page).await.status, StatusCode::OK);
        let mut rename = crate::server::db::Sql::new("UPDATE campaigns SET title_ru = 'Совсем новое название' WHERE id = ");
        rename.bind(id);
        test.db.execute(rename).await.unwrap();
        assert!(!get(&app, &page).await.body.contains("Совсем новое название"));
        let mut person = crate::organizations::tests::signed_in(&app, &test.db, "reader@mail.kz", false).await;
        assert!(person.get(&app, &page).await.body.contains("Совсем новое название"));
        test.remove().await;
    }

    /// Visitors arriving together for a page that is not kept get one render between them
    /// (each render has its own nonce, so equal pages are one render); an answer that cannot
    /// be shared still reaches every one of them.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn visitors_arriving_together_wait_for_one_render() {
        let (app, test) = app_with_a_page_cache().await;
        for (page, status) in [("/kk/campaigns?region=KZ-75", StatusCode::OK), ("/kk/campaigns/99999999", StatusCode::NOT_FOUND)] {
            let mut visitors = tokio::task::JoinSet::new();
            for _ in 0..24 {
                let app = app.clone();
                visitors.spawn(async move { get(&app, page).await });
            }
            let mut bodies = std::collections::HashSet::new();
            while let Some(answer) = visitors.join_next().await {
                let answer = answer.unwrap();
                assert_eq!(answer.status, status, "{page}");
                bodies.insert(answer.body);
            }
            if status == StatusCode::OK {
                assert_eq!(bodies.len(), 1, "{page}: one render for everyone");
            }
        }
        test.remove().await;
    }

    /// A HEAD request (a link checker, a monitor) gets the headers, and the page it leaves kept
    /// for others is the whole page.
    #[tokio::test]
    async fn a_head_request_does_not_keep_an_empty_page() {
        let (app, test) = app_with_a_page_cache().await;
        let head = crate::testing::http::send(&app, axum::http::Request::head("/en/campaigns").body(axum::body::Body::empty()).unwrap()).await;
        assert_eq!((head.status, head.body.as_str()), (StatusCode::OK, ""));
        let page = get(&app, "/en/campaigns").await;
        assert!(page.body.contains("</html>"), "the whole page: {:?}", &page.body[..page.body.len().min(200)]);
        test.remove().await;
    }

    /// A page whose copy has just expired is rendered again by one visitor; those arriving
    /// meanwhile get the expired copy at once, but never one older than its stale limit (1 s here).
    #[tokio::test]
    async fn visitors_arriving_during_a_render_get_the_copy_just_expired() {
        let test = TestDb::sqlite().await;
        crate::demo::load(&test.db, crate::server::config::DemoData::Standard).await.unwrap();
        let mut state = app_state(test.db.clone());
        let stale_at_most = Duration::from_secs(1);
        let cache = Arc::new(PageCache::with_stale_at_most(Duration::from_millis(200), stale_at_most));
        state.page_cache = Some(cache.clone());
        let app = crate::wiring::router::build(state);
        let page = "/kk/campaigns?region=KZ-75";
        let first = get(&app, page).await;
        assert_eq!(first.status, StatusCode::OK);
        tokio::time::sleep(Duration::from_millis(300)).await;

        // Expired, and another visitor's render of it is underway: the expired copy, at once.
        let other_render = cache.turn(page).ok().expect("no render of the page is underway");
        let started = Instant::now();
        let during = get(&app, page).await;
        assert_eq!(during.body, first.body, "the copy that expired (one render, one nonce)");
        assert!(started.elapsed() < LONGEST_WAIT_FOR_OTHER_RENDER, "it did not wait for the render");
        drop(other_render);
        // With no render underway, an expired copy is never served: this visitor renders.
        let fresh = get(&app, page).await;
        assert_ne!(fresh.body, first.body, "a render of its own");

        // Past the stale limit, a visitor waits for the render underway instead (it ends here
        // without a page to share, so the visitor then renders their own).
        tokio::time::sleep(Duration::from_millis(200) + stale_at_most).await;
        let other_render = cache.turn(page).ok().expect("no render of the page is underway");
        let started = Instant::now();
        let (late, ()) = tokio::join!(get(&app, page), async move {
            tokio::time::sleep(Duration::from_millis(500)).await;
            drop(other_render);
        });
        assert!(started.elapsed() >= Duration::from_millis(500), "it waited for the render");
        assert_ne!(late.body, fresh.body, "not the copy too old to serve");
        test.remove().await;
    }
}
