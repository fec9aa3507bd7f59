//! Test support: real databases for tests. Every store test runs its one body on a fresh SQLite
//! file and, when `BIRGEMIZ_TEST_POSTGRES_URL` is set, on a fresh PostgreSQL database.

pub mod browser;
pub mod http;

use crate::server::config::{Config, DemoData};
use crate::server::db::Db;
use crate::wiring::state::AppState;
use leptos::config::LeptosOptions;
use std::future::Future;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// The environment variable that names a PostgreSQL server for the tests.
pub const POSTGRES_URL_VAR: &str = "BIRGEMIZ_TEST_POSTGRES_URL";

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A name no other test of this run uses (for databases and folders).
pub fn unique_name() -> String {
    format!("birgemiz_test_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::SeqCst))
}

/// A database made for one test, removed by [`TestDb::remove`].
pub struct TestDb {
    pub db: Db,
    place: Place,
}

enum Place {
    SqliteFolder(PathBuf),
    Postgres { admin_url: String, name: String },
}

/// `postgres://user@host:port/db?x` with the database name replaced.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let base = base.rsplit_once('/').map_or(base, |(prefix, _)| prefix);
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let folder = std::env::temp_dir().join(unique_name());
        let url = format!("sqlite://{}", folder.join("birgemiz.db").display());
        let db = Db::connect(&url, 4).await.expect("open SQLite");
        db.migrate().await.expect("migrate SQLite");
        TestDb { db, place: Place::SqliteFolder(folder) }
    }

    /// A new database on the PostgreSQL server named by [`POSTGRES_URL_VAR`], if it is set.
    /// When it is set, the server must be reachable: a test never skips it silently.
    pub async fn postgres() -> Option<TestDb> {
        let admin_url = std::env::var(POSTGRES_URL_VAR).ok().filter(|v| !v.is_empty())?;
        let name = unique_name();
        let admin = Db::connect(&admin_url, 1).await.unwrap_or_else(|e| panic!("{POSTGRES_URL_VAR} is set but unreachable: {e}"));
        admin.execute(crate::server::db::Sql::new(&format!("CREATE DATABASE {name}"))).await.expect("create test database");
        admin.close().await;
        let db = Db::connect(&with_database(&admin_url, &name), 4).await.expect("open test database");
        db.migrate().await.expect("migrate PostgreSQL");
        Some(TestDb { db, place: Place::Postgres { admin_url, name } })
    }

    pub async fn remove(self) {
        self.db.close().await;
        match self.place {
            Place::SqliteFolder(folder) => {
                let _ = std::fs::remove_dir_all(folder);
            }
            Place::Postgres { admin_url, name } => {
                if let Ok(admin) = Db::connect(&admin_url, 1).await {
                    let _ = admin.execute(crate::server::db::Sql::new(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))).await;
                    admin.close().await;
                }
            }
        }
    }
}

/// Runs `test` on SQLite, then on PostgreSQL when configured, each time on a fresh database.
pub async fn on_each_backend<F, Fut>(test: F)
where
    F: Fn(Db) -> Fut,
    Fut: Future<Output = ()>,
{
    let sqlite = TestDb::sqlite().await;
    within_limit("SQLite", test(sqlite.db.clone())).await;
    sqlite.remove().await;
    if let Some(postgres) = TestDb::postgres().await {
        within_limit("PostgreSQL", test(postgres.db.clone())).await;
        postgres.remove().await;
    }
}

/// However loaded the machine, no test body needs this long: one that does is stuck (a lock
/// never released, say), and failing it here names it instead of stalling the whole run.
const TEST_BODY_LIMIT: std::time::Duration = std::time::Duration::from_secs(600);

async fn within_limit(engine: &str, body: impl Future<Output = ()>) {
    if tokio::time::timeout(TEST_BODY_LIMIT, body).await.is_err() {
        panic!("the test body on {engine} did not finish within {} s: it is stuck", TEST_BODY_LIMIT.as_secs());
    }
}

/// The application state for router tests, around `db`.
pub fn app_state(db: Db) -> AppState {
    let config = Config {
        database_url: String::new(),
        database_max_connections: 4,
        listen: "127.0.0.1:3000".parse().expect("address"),
        public_url: "http://127.0.0.1:3000".into(),
        log: "warn".into(),
        demo_data: DemoData::Off,
        site_root: "target/site".into(),
        // Router tests post at once; one test sets a delay to see the refusal.
        help_min_fill_seconds: 0,
        // Router tests read their own writes at once; one test turns the cache on.
        page_cache_seconds: 0,
        tiles: None,
        // Router tests name the client with `X-Forwarded-For`.
        trust_forwarded: true,
        guardian_consent_under: 16,
        smtp_url: None,
        mail_from: "Birgemiz <no-reply@birgemiz.kz>".into(),
        outbox: std::env::temp_dir().join(unique_name()).join("outbox").display().to_string(),
        uploads: std::env::temp_dir().join(unique_name()).join("uploads").display().to_string(),
    };
    let mailer = crate::server::mail::Mailer::new(None, config.outbox.clone().into(), &config.mail_from).expect("mailer");
    let leptos_options = LeptosOptions::builder().output_name("birgemiz").site_root("target/site").build();
    let public_files = Arc::new(crate::server::public_files::PublicFiles::read(std::path::Path::new("target/site"), &crate::app::LINKED_PUBLIC_FILES));
    AppState { db, config: Arc::new(config), leptos_options, mailer, page_cache: None, memos: Arc::new(crate::wiring::state::Memos::none()), public_files }
}

#[test]
fn database_names_are_replaced_in_urls() {
    assert_eq!(with_database("postgres://u@h:5432/test", "x"), "postgres://u@h:5432/x");
    assert_eq!(with_database("postgres://u@h/test?sslmode=disable", "x"), "postgres://u@h/x?sslmode=disable");
}
