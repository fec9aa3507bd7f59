//! Tests through the real router, as a browser or an API client talks to it.

use super::db::Db;
use crate::wiring::router;
use crate::testing::http::{app_with_demo, get, send};
use crate::testing::{app_state, TestDb, POSTGRES_URL_VAR};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};

#[tokio::test]
async fn root_redirects_to_the_visitors_language() {
    let (app, db) = app_with_demo().await;
    let cases = [
        (None, None, "/kk"),
        (Some("ru-RU,ru;q=0.9,en;q=0.8"), None, "/ru"),
        (Some("en-US,en;q=0.9"), None, "/en"),
        (Some("en-US"), Some("lang=kk"), "/kk"),
    ];
    for (accept, cookie, target) in cases {
        let mut request = Request::get("/");
        if let Some(accept) = accept {
            request = request.header(header::ACCEPT_LANGUAGE, accept);
        }
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        let answer = send(&app, request.body(Body::empty()).unwrap()).await;
        assert_eq!(answer.status, StatusCode::FOUND);
        assert_eq!(answer.headers[header::LOCATION], target, "{accept:?} {cookie:?}");
    }
    // Opening a page remembers its language.
    let answer = get(&app, "/ru/campaigns").await;
    assert!(answer.headers[header::SET_COOKIE].to_str().unwrap().starts_with("lang=ru;"));
    db.remove().await;
}

#[tokio::test]
async fn pages_render_in_each_language_with_alternates_and_security_headers() {
    let (app, db) = app_with_demo().await;
    let expectations = [
        ("kk", "Жақсылықты бірге жасайық", "Бағдарламаның 8 бағыты"),
        ("ru", "Делаем добро вместе", "8 направлений программы"),
        ("en", "Doing good together", "The programme&#x27;s 8 directions"),
    ];
    for (lang, title, directions) in expectations {
        let answer = get(&app, &format!("/{lang}")).await;
        assert_eq!(answer.status, StatusCode::OK, "{lang}: {}", answer.body);
        assert!(answer.body.contains(&format!("<html lang=\"{lang}\"")), "{lang}: html lang");
        assert!(answer.body.contains(title), "{lang}: title");
        assert!(answer.body.contains(directions) || answer.body.contains(&directions.replace("&#x27;", "'")), "{lang}: directions");
        for other in ["kk", "ru", "en"] {
            // Whole addresses, as search engines want them.
            let alternate = format!("<link href=\"http://127.0.0.1:3000/{other}\" hreflang=\"{other}\" rel=\"alternate\">");
            assert!(answer.body.contains(&alternate), "{lang}: alternate {other}");
        }
        assert!(answer.body.contains("<link href=\"http://127.0.0.1:3000/kk\" hreflang=\"x-default\" rel=\"alternate\">"), "{lang}: x-default");
        let policy = answer.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(policy.contains("frame-ancestors 'none'") && policy.contains("'wasm-unsafe-eval'"));
        let nonce = policy.split("'nonce-").nth(1).and_then(|s| s.split('\'').next()).expect("page policy has a nonce");
        assert!(answer.body.contains(&format!("nonce=\"{nonce}\"")), "inline scripts carry the nonce");
        assert_eq!(answer.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(answer.headers[header::REFERRER_POLICY], "strict-origin-when-cross-origin");
        // The home page only shows things: the bundle's loader is there (with the nonce), but no
        // element asks for the bundle and nothing preloads it (ui/bundle.rs).
        assert!(answer.body.contains(&format!("<script type=\"module\" nonce=\"{nonce}\">")), "{lang}: the loader script");
        let texts = format!(".wasm\", \"/texts/{}/\");", crate::i18n::TEXTS_VERSION);
        assert!(answer.body.contains(&texts) && !answer.body.contains("rel=\"modulepreload\""), "{lang}: no bundle preloaded");
        assert!(!answer.body.contains("data-needs-script="), "{lang}: nothing on the home page needs the bundle");
    }
    // A page with a form asks for it once the form is used; the live figures also once they
    // are due to count again.
    let signup = get(&app, "/en/signup").await;
    assert!(signup.body.contains("<form method=\"post\"") && signup.body.contains("data-needs-script=\"on-use\""), "the signup form needs the bundle");
    assert!(!signup.body.contains("data-needs-script-after"), "nothing on the signup page needs it before use");
    let figures = get(&app, "/en/transparency").await;
    assert!(figures.body.contains("data-needs-script=\"on-use\" data-needs-script-after=\"60\""), "the live figures need the bundle within a minute");
    // The loader goes out without its comments (every page carries it).
    assert!(!signup.body.contains("// ") && signup.body.contains("\"pointerover\""), "the loader, trimmed");
    db.remove().await;
}

/// The browser bundle has no texts of its own: it loads its page's language, by this build's version.
#[tokio::test]
async fn the_bundle_loads_the_texts_of_one_language_kept_for_a_year() {
    let (app, db) = app_with_demo().await;
    let version = crate::i18n::TEXTS_VERSION;
    for locale in crate::i18n::Locale::ALL {
        let answer = get(&app, &format!("/texts/{version}/{}.json", locale.code())).await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(answer.headers[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
        let texts: crate::i18n::TextsOfOneLanguage = serde_json::from_str(&answer.body).unwrap();
        assert_eq!(texts.locale, locale);
        assert_eq!(texts.plain.len(), crate::i18n::Key::ALL.len());
        assert_eq!(texts.plain[crate::i18n::Key::NavLogin as usize], locale.t(crate::i18n::Key::NavLogin));
        assert_eq!(texts.plural.len(), crate::i18n::PluralKey::ALL.len());
    }
    let kazakh = get(&app, &format!("/texts/{version}/kk.json")).await;
    assert!(kazakh.body.contains("Кіру") && !kazakh.body.contains("Войти"), "one language only");
    // Compressed once at brotli's best level, not per request.
    let request = axum::http::Request::get(format!("/texts/{version}/kk.json")).header("accept-encoding", "gzip, br").body(axum::body::Body::empty()).unwrap();
    let (headers, brotli) = crate::testing::http::send_raw(&app, request).await;
    assert_eq!((headers[header::CONTENT_ENCODING].to_str().unwrap(), headers[header::VARY].to_str().unwrap()), ("br", "accept-encoding"));
    let mut unpacked = Vec::new();
    brotli::BrotliDecompress(&mut std::io::Cursor::new(&brotli), &mut unpacked).unwrap();
    assert_eq!(String::from_utf8(unpacked).unwrap(), kazakh.body);
    assert!(brotli.len() * 4 < kazakh.body.len(), "{} of {}", brotli.len(), kazakh.body.len());
    // Another build's texts, or a language the platform does not speak, are not there.
    for path in ["/texts/0000000000000000/kk.json".to_string(), format!("/texts/{version}/de.json"), format!("/texts/{version}/kk")] {
        assert_eq!(get(&app, &path).await.status, StatusCode::NOT_FOUND, "{path}");
    }
    db.remove().await;
}

#[tokio::test]
async fn the_campaign_list_filters_in_the_url_and_reports_bad_filters() {
    let (app, db) = app_with_demo().await;
    let answer = get(&app, "/ru/campaigns?region=KZ-75&direction=qamqor").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(answer.body.contains("<option value=\"KZ-75\" selected"), "the filter form shows the filter");
    assert!(answer.body.contains("Алматы"));
    let bad = get(&app, "/en/campaigns?region=KZ-99").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("There is no such region."));
    let bad = get(&app, "/kk/campaigns?from=2026-02-31").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("Күнді ЖЖЖЖ-АА-КК түрінде енгізіңіз."));
    let hostile = get(&app, "/ru/campaigns?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E").await;
    assert_eq!(hostile.status, StatusCode::OK);
    assert!(!hostile.body.contains("<script>alert(1)"), "search text is escaped");
    db.remove().await;
}

#[tokio::test]
async fn unknown_campaigns_and_languages_are_localized_404s() {
    let (app, db) = app_with_demo().await;
    for (uri, text) in [
        ("/kk/campaigns/999999", "Науқан табылмады"),
        ("/ru/campaigns/abc", "Кампания не найдена"),
        ("/en/campaigns/-4", "Campaign not found"),
        ("/en/no-such-page", "Page not found"),
        ("/de/campaigns", "Бет табылмады"),
    ] {
        let answer = get(&app, uri).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(answer.body.contains(text), "{uri}: {}", &answer.body[..answer.body.len().min(400)]);
    }
    let page = get(&app, "/api/v1/campaigns?limit=1").await.json();
    let id = page["items"][0]["id"].as_i64().unwrap();
    let answer = get(&app, &format!("/en/campaigns/{id}")).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(answer.body.contains("Organiser"));
    db.remove().await;
}

#[tokio::test]
async fn the_open_data_api_answers_json_and_names_bad_parameters() {
    let (app, db) = app_with_demo().await;
    let page = get(&app, "/api/v1/campaigns?region=KZ-71&limit=5").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    let json = page.json();
    let items = json["items"].as_array().unwrap();
    assert_eq!(items.len(), 5);
    assert!(items.iter().all(|c| c["region"] == "KZ-71"));
    let next = json["next"].as_str().expect("a next link");
    assert!(next.starts_with("/api/v1/campaigns?region=KZ-71&limit=5&after="));
    let second = get(&app, next).await.json();
    assert_ne!(second["items"][0]["id"], items[0]["id"]);

    let bad = [
        ("region=KZ-99", "region"),
        ("direction=nope", "direction"),
        ("from=22.11.2026", "from"),
        ("from=2026-11-22&to=2026-11-01", "to"),
        ("limit=1000000", "limit"),
        ("limit=abc", "limit"),
        ("mode=offline", "mode"),
        ("after=garbage", "after"),
        ("colour=red", "colour"),
    ];
    for (query, parameter) in bad {
        let answer = get(&app, &format!("/api/v1/campaigns?{query}")).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(answer.json()["error"]["parameter"], parameter, "{query}");
    }
    let id = items[0]["id"].as_i64().unwrap();
    let one = get(&app, &format!("/api/v1/campaigns/{id}")).await;
    assert_eq!(one.status, StatusCode::OK);
    assert_eq!(one.json()["campaign"]["summary"]["id"], id);
    assert_eq!(get(&app, "/api/v1/campaigns/99999999").await.status, StatusCode::NOT_FOUND);
    let malformed = get(&app, "/api/v1/campaigns/1%27%20OR%201=1--").await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
    assert_eq!(malformed.json()["error"]["parameter"], "id");

    let regions = get(&app, "/api/v1/regions").await.json();
    assert_eq!(regions["items"].as_array().unwrap().len(), 20);
    assert_eq!(regions["items"][19]["name"]["kk"], "Шымкент қаласы");
    let directions = get(&app, "/api/v1/directions").await.json();
    assert_eq!(directions["items"].as_array().unwrap().len(), 8);
    assert_eq!(directions["items"][0]["name"]["en"], "Sabaqtastyq");
    db.remove().await;
}

#[tokio::test]
async fn server_functions_answer_same_site_calls_and_refuse_cross_site_posts() {
    let (app, db) = app_with_demo().await;
    let answer = get(&app, "/api/fn/campaigns?query[region]=KZ-79&query[limit]=2").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.json()["items"].as_array().unwrap().len(), 2);
    let unknown = get(&app, "/api/fn/no_such_function").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(!unknown.body.contains("register_explicit"), "no internals in the answer");

    let post = |headers: Vec<(&'static str, &'static str)>| {
        let mut request = Request::post("/api/fn/campaigns").header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        for (name, value) in headers {
            request = request.header(name, value);
        }
        request.body(Body::from("query[limit]=1")).unwrap()
    };
    let cross_site = send(&app, post(vec![("sec-fetch-site", "cross-site"), ("accept-language", "ru")])).await;
    assert_eq!(cross_site.status, StatusCode::FORBIDDEN);
    assert!(cross_site.body.contains("Запрос пришёл с другого сайта"), "{}", cross_site.body);
    let other_origin = send(&app, post(vec![("origin", "https://evil.example"), ("host", "127.0.0.1:3000")])).await;
    assert_eq!(other_origin.status, StatusCode::FORBIDDEN);
    let same_site = send(&app, post(vec![("sec-fetch-site", "same-origin")])).await;
    assert_ne!(same_site.status, StatusCode::FORBIDDEN);
    let same_origin = send(&app, post(vec![("origin", "http://127.0.0.1:3000"), ("host", "127.0.0.1:3000")])).await;
    assert_ne!(same_origin.status, StatusCode::FORBIDDEN);

    let huge = Request::post("/api/fn/campaigns")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .header(header::CONTENT_LENGTH, 200 * 1024)
        .body(Body::from(vec![b'a'; 200 * 1024]))
        .unwrap();
    assert_eq!(send(&app, huge).await.status, StatusCode::PAYLOAD_TOO_LARGE);
    db.remove().await;
}

#[tokio::test]
async fn health_reports_the_database() {
    let (app, db) = app_with_demo().await;
    let answer = get(&app, "/healthz").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.json()["database"], "ok");
    db.db.close().await;
    let answer = get(&app, "/healthz").await;
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
    let page = get(&app, "/ru/campaigns").await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(page.body.contains("Сервис временно недоступен"));
    db.remove().await;
    // And on PostgreSQL, where the probe's types differ.
    if let Some(postgres) = TestDb::postgres().await {
        let answer = get(&router::build(app_state(postgres.db.clone())), "/healthz").await;
        assert_eq!((answer.status, answer.json()["database"].as_str()), (StatusCode::OK, Some("ok")), "{}", answer.body);
        postgres.remove().await;
    }
}

/// A TCP relay to PostgreSQL that the test can cut and restore, to play a database outage.
struct Relay {
    port: u16,
    target: std::net::SocketAddr,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Relay {
    async fn start(target: std::net::SocketAddr) -> Relay {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let mut relay = Relay { port, target, task: None };
        relay.serve(listener);
        relay
    }

    fn serve(&mut self, listener: tokio::net::TcpListener) {
        let target = self.target;
        self.task = Some(tokio::spawn(async move {
            let mut connections = tokio::task::JoinSet::new();
            while let Ok((mut inbound, _)) = listener.accept().await {
                connections.spawn(async move {
                    if let Ok(mut outbound) = tokio::net::TcpStream::connect(target).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
            }
        }));
    }

    /// Closes the listener and every relayed connection.
    fn cut(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }

    async fn restore(&mut self) {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", self.port)).await.unwrap();
        self.serve(listener);
    }
}

#[tokio::test]
async fn pages_answer_503_while_postgres_is_down_and_recover_by_themselves() {
    let Some(test_db) = TestDb::postgres().await else {
        eprintln!("{POSTGRES_URL_VAR} not set: the outage test needs PostgreSQL");
        return;
    };
    crate::demo::load(&test_db.db, super::config::DemoData::Standard).await.unwrap();
    let url = std::env::var(POSTGRES_URL_VAR).unwrap();
    let options: sqlx::postgres::PgConnectOptions = url.parse().unwrap();
    let target = tokio::net::lookup_host((options.get_host(), options.get_port())).await.unwrap().next().unwrap();
    let mut relay = Relay::start(target).await;
    let database = match &test_db.db {
        Db::Postgres(pool) => pool.connect_options().get_database().unwrap().to_string(),
        Db::Sqlite(_) => unreachable!(),
    };
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(2)
        .acquire_timeout(std::time::Duration::from_secs(2))
        .connect_with(options.clone().host("127.0.0.1").port(relay.port).database(&database))
        .await
        .unwrap();
    let app = router::build(app_state(Db::Postgres(pool)));

    assert_eq!(get(&app, "/kk/campaigns").await.status, StatusCode::OK);
    relay.cut();
    let down = get(&app, "/kk/campaigns").await;
    assert_eq!(down.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(down.body.contains("Қызмет уақытша қолжетімсіз"), "{}", &down.body[..down.body.len().min(600)]);
    assert!(!down.body.to_lowercase().contains("sqlx") && !down.body.contains("connection"), "no internals leak");
    assert_eq!(get(&app, "/healthz").await.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(get(&app, "/api/v1/campaigns").await.status, StatusCode::SERVICE_UNAVAILABLE);
    relay.restore().await;
    let mut recovered = false;
    for _ in 0..20 {
        if get(&app, "/kk/campaigns").await.status == StatusCode::OK {
            recovered = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    assert!(recovered, "pages work again once the database is back");
    relay.cut();
    test_db.remove().await;
}

/// The head of a page as a search engine and a browser tab see it.
fn head_of(body: &str) -> (String, String) {
    let between = |start: &str, end: &str| body.split(start).nth(1).and_then(|rest| rest.split(end).next()).unwrap_or("").to_string();
    (between("<title>", "</title>"), between("<html lang=\"", "\""))
}

/// Pages are rendered on many threads at once; each must keep its own title and language, and
/// none may borrow another request's head (leptos_meta keeps them per request).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn pages_rendered_at_once_keep_their_own_title_and_language() {
    let (app, db) = app_with_demo().await;
    let pages = [
        "/kk", "/ru", "/en", "/kk/campaigns", "/ru/campaigns?region=KZ-75", "/en/organizations", "/kk/map", "/ru/help",
        "/en/transparency", "/kk/signup", "/ru/login", "/en/help/new",
    ];
    // Rendered one at a time first: what each page's head must be.
    let mut expected = Vec::new();
    for page in pages {
        let answer = get(&app, page).await;
        assert_eq!(answer.status, StatusCode::OK, "{page}");
        let (title, lang) = head_of(&answer.body);
        assert!(title.ends_with("Birgemiz") && lang == page[1..3], "{page}: {title:?} {lang:?}");
        expected.push((page, title, lang));
    }
    let titles: std::collections::HashSet<&String> = expected.iter().map(|(_, title, _)| title).collect();
    assert_eq!(titles.len(), pages.len(), "every page has a title of its own: {expected:?}");
    let mut renders = tokio::task::JoinSet::new();
    for round in 0..8 {
        for (page, title, lang) in expected.iter().cloned() {
            let app = app.clone();
            renders.spawn(async move {
                let answer = get(&app, page).await;
                assert_eq!(answer.status, StatusCode::OK, "{page} in round {round}");
                assert_eq!(head_of(&answer.body), (title, lang), "{page} in round {round}");
            });
        }
    }
    while let Some(render) = renders.join_next().await {
        render.expect("a page rendered at the same time as others keeps its head");
    }
    db.remove().await;
}

