//! The database: SQLite (embedded default) or PostgreSQL (production), behind one type.
//!
//! SQL is written once with `$1` placeholders, which both engines accept, and run on whichever
//! pool is active. `sqlx::Any` would also do this but loses chrono types and mangles booleans.

use chrono::{DateTime, Utc};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions, PgRow};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteRow, SqliteSynchronous};
use sqlx::{FromRow, PgPool, SqlitePool};
use std::str::FromStr;
use std::time::Duration;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

/// How long a request waits for a connection before the page answers "unavailable".
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(3);

#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A value bound to a `$n` placeholder.
#[derive(Clone, Debug)]
pub enum Arg {
    Text(Option<String>),
    Int(Option<i64>),
    Float(Option<f64>),
    Bool(bool),
    Time(DateTime<Utc>),
    MaybeTime(Option<DateTime<Utc>>),
}

impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Arg::Text(Some(v.to_string()))
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Self {
        Arg::Text(Some(v))
    }
}
impl From<Option<String>> for Arg {
    fn from(v: Option<String>) -> Self {
        Arg::Text(v)
    }
}
impl From<i64> for Arg {
    fn from(v: i64) -> Self {
        Arg::Int(Some(v))
    }
}
impl From<Option<i64>> for Arg {
    fn from(v: Option<i64>) -> Self {
        Arg::Int(v)
    }
}
impl From<Option<f64>> for Arg {
    fn from(v: Option<f64>) -> Self {
        Arg::Float(v)
    }
}
impl From<bool> for Arg {
    fn from(v: bool) -> Self {
        Arg::Bool(v)
    }
}
impl From<DateTime<Utc>> for Arg {
    fn from(v: DateTime<Utc>) -> Self {
        // Whole seconds keep SQLite's text timestamps in one format, so they compare in order.
        Arg::Time(DateTime::from_timestamp(v.timestamp(), 0).unwrap_or(v))
    }
}

impl From<Option<DateTime<Utc>>> for Arg {
    fn from(v: Option<DateTime<Utc>>) -> Self {
        Arg::MaybeTime(v.map(|v| DateTime::from_timestamp(v.timestamp(), 0).unwrap_or(v)))
    }
}

/// SQL text with its arguments, numbered as they are bound.
#[derive(Clone, Debug, Default)]
pub struct Sql {
    text: String,
    args: Vec<Arg>,
}

impl Sql {
    pub fn new(text: &str) -> Self {
        Sql { text: text.to_string(), args: Vec::new() }
    }

    /// Appends SQL text (never user input: that goes through [`Sql::bind`]).
    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Appends a `$n` placeholder for `value`.
    pub fn bind(&mut self, value: impl Into<Arg>) -> &mut Self {
        self.args.push(value.into());
        self.text.push_str(&format!("${}", self.args.len()));
        self
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The same query after `prefix` (`EXPLAIN `), its arguments kept.
    pub fn prefixed(mut self, prefix: &str) -> Self {
        self.text.insert_str(0, prefix);
        self
    }

    /// ` AND` each of `words` (already folded, see `campaigns::model::search_fold`) appears in
    /// the folded text `column` of the row whose id is `id`. SQLite answers from the FTS5
    /// trigram table `index` over the same rows (rowid = id; a trigram needs three letters, so
    /// shorter words are compared with `LIKE` in the rows the others left). PostgreSQL compares
    /// with `LIKE`: on 105,600 campaigns its scan took 1–4 ms, and a `pg_trgm` GIN index made
    /// a common word slower (ordered scan stopped early vs bitmap and sort), so it has none.
    pub fn push_contains_words(&mut self, backend: Backend, id: &str, column: &str, index: &str, words: &[&str]) -> &mut Self {
        let by_like: Vec<&str> = words.iter().copied().filter(|word| backend == Backend::Postgres || !is_indexed(word)).collect();
        if let (Backend::Sqlite, Some(phrases)) = (backend, trigram_match(words)) {
            self.push(&format!(" AND {id} IN (SELECT rowid FROM {index} WHERE {index} MATCH ")).bind(phrases).push(")");
        }
        for word in by_like {
            self.push(&format!(" AND {column} LIKE ")).bind(like_pattern(word)).push(" ESCAPE '\\'");
        }
        self
    }
}

/// Whether a trigram index can find `word`: it needs three letters.
fn is_indexed(word: &str) -> bool {
    word.chars().count() >= 3
}

/// The FTS5 `MATCH` expression for the words a trigram index can find, or `None` when none can:
/// each word a phrase (quotes doubled), that is its trigrams in a row, which is "contains".
pub fn trigram_match(words: &[&str]) -> Option<String> {
    let phrases: Vec<String> = words.iter().filter(|w| is_indexed(w)).map(|w| format!("\"{}\"", w.replace('"', "\"\""))).collect();
    (!phrases.is_empty()).then(|| phrases.join(" "))
}

/// `%word%` for `LIKE … ESCAPE '\'`, with `%`, `_` and `\` in the word taken literally.
pub fn like_pattern(word: &str) -> String {
    let escaped = word.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// Binds every argument of `$sql` to a sqlx query built by `$make` from the SQL text.
macro_rules! bound {
    ($make:path, $sql:expr) => {{
        let mut query = $make(&$sql.text);
        for arg in $sql.args {
            query = match arg {
                Arg::Text(v) => query.bind(v),
                Arg::Int(v) => query.bind(v),
                Arg::Float(v) => query.bind(v),
                Arg::Bool(v) => query.bind(v),
                Arg::Time(v) => query.bind(v),
                Arg::MaybeTime(v) => query.bind(v),
            };
        }
        query
    }};
}

/// A row type readable from either engine.
pub trait Row: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin {}
impl<T> Row for T where T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin {}

#[derive(FromRow)]
struct Count {
    n: i64,
}

impl Db {
    /// Opens a pool for `url` (`sqlite://path` or `postgres://…`). A SQLite file and its folder
    /// are created when missing; every SQLite connection gets WAL, foreign keys and a busy timeout.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Db, sqlx::Error> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            // A transaction left idle (a request that stopped half-way) would hold its row locks
            // for ever; the server ends such a session after a minute and the locks go with it.
            let options = PgConnectOptions::from_str(url)?
                .application_name("birgemiz")
                .options([("idle_in_transaction_session_timeout", "60s")]);
            let pool = PgPoolOptions::new()
                .max_connections(max_connections)
                .acquire_timeout(ACQUIRE_TIMEOUT)
                .connect_with(options)
                .await?;
            return Ok(Db::Postgres(pool));
        }
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        if let Some(folder) = options.get_filename().parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(sqlx::Error::Io)?;
        }
        let pool = SqlitePoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_with(options)
            .await?;
        Ok(Db::Sqlite(pool))
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies the migrations of the active engine. On PostgreSQL sqlx takes an advisory lock,
    /// so several servers starting together migrate once.
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self {
            Db::Sqlite(pool) => SQLITE_MIGRATIONS.run(pool).await,
            Db::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await,
        }
    }

    /// True when the database answers a trivial query.
    pub async fn is_reachable(&self) -> bool {
        // A BIGINT on both engines: PostgreSQL's plain `1` is an INT4 and would not decode.
        self.fetch_one::<Count>(Sql::new("SELECT CAST(1 AS BIGINT) AS n")).await.is_ok()
    }

    pub async fn fetch_all<T: Row>(&self, sql: Sql) -> Result<Vec<T>, sqlx::Error> {
        match self {
            Db::Sqlite(pool) => bound!(sqlx::query_as, sql).fetch_all(pool).await,
            Db::Postgres(pool) => bound!(sqlx::query_as, sql).fetch_all(pool).await,
        }
    }

    pub async fn fetch_optional<T: Row>(&self, sql: Sql) -> Result<Option<T>, sqlx::Error> {
        match self {
            Db::Sqlite(pool) => bound!(sqlx::query_as, sql).fetch_optional(pool).await,
            Db::Postgres(pool) => bound!(sqlx::query_as, sql).fetch_optional(pool).await,
        }
    }

    pub async fn fetch_one<T: Row>(&self, sql: Sql) -> Result<T, sqlx::Error> {
        match self {
            Db::Sqlite(pool) => bound!(sqlx::query_as, sql).fetch_one(pool).await,
            Db::Postgres(pool) => bound!(sqlx::query_as, sql).fetch_one(pool).await,
        }
    }

    /// Runs a query whose single column `n` is a whole number (a count, an id).
    pub async fn fetch_count(&self, sql: Sql) -> Result<i64, sqlx::Error> {
        Ok(self.fetch_one::<Count>(sql).await?.n)
    }

    /// Runs one statement outside any transaction (some, like `CREATE DATABASE`, need that).
    pub async fn execute(&self, sql: Sql) -> Result<u64, sqlx::Error> {
        match self {
            Db::Sqlite(pool) => Ok(bound!(sqlx::query, sql).execute(pool).await?.rows_affected()),
            Db::Postgres(pool) => Ok(bound!(sqlx::query, sql).execute(pool).await?.rows_affected()),
        }
    }

    /// Runs statements in one transaction: all of them take effect, or none.
    pub async fn execute_all(&self, statements: Vec<Sql>) -> Result<u64, sqlx::Error> {
        Ok(self.execute_guarded(None, statements).await?.unwrap_or(0))
    }

    /// Like [`Db::execute_all`], but first runs `guard`; when the guard changes no row (say, an
    /// `INSERT … ON CONFLICT DO NOTHING` of a marker another server already wrote), nothing else
    /// runs and `None` comes back. This makes one-time work safe with several servers.
    pub async fn execute_guarded(&self, guard: Option<Sql>, statements: Vec<Sql>) -> Result<Option<u64>, sqlx::Error> {
        macro_rules! run {
            ($pool:expr) => {{
                let mut tx = $pool.begin().await?;
                if let Some(guard) = guard {
                    if bound!(sqlx::query, guard).execute(&mut *tx).await?.rows_affected() == 0 {
                        tx.rollback().await?;
                        return Ok(None);
                    }
                }
                let mut affected = 0;
                for sql in statements {
                    affected += bound!(sqlx::query, sql).execute(&mut *tx).await?.rows_affected();
                }
                tx.commit().await?;
                Ok(Some(affected))
            }};
        }
        match self {
            Db::Sqlite(pool) => run!(pool),
            Db::Postgres(pool) => run!(pool),
        }
    }

    /// Starts a transaction for work whose later statements depend on earlier results. SQLite
    /// takes its write lock at once (`BEGIN IMMEDIATE`), so concurrent writers queue behind the
    /// busy timeout instead of failing when a read lock would have to be upgraded.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Db::Sqlite(pool) => Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite(pool) => pool.close().await,
            Db::Postgres(pool) => pool.close().await,
        }
    }
}

/// An open transaction on either engine; dropped without [`Tx::commit`], it rolls back.
pub enum Tx {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

impl Tx {
    pub fn backend(&self) -> Backend {
        match self {
            Tx::Sqlite(_) => Backend::Sqlite,
            Tx::Postgres(_) => Backend::Postgres,
        }
    }

    pub async fn execute(&mut self, sql: Sql) -> Result<u64, sqlx::Error> {
        match self {
            Tx::Sqlite(tx) => Ok(bound!(sqlx::query, sql).execute(&mut **tx).await?.rows_affected()),
            Tx::Postgres(tx) => Ok(bound!(sqlx::query, sql).execute(&mut **tx).await?.rows_affected()),
        }
    }

    pub async fn fetch_optional<T: Row>(&mut self, sql: Sql) -> Result<Option<T>, sqlx::Error> {
        match self {
            Tx::Sqlite(tx) => bound!(sqlx::query_as, sql).fetch_optional(&mut **tx).await,
            Tx::Postgres(tx) => bound!(sqlx::query_as, sql).fetch_optional(&mut **tx).await,
        }
    }

    pub async fn fetch_all<T: Row>(&mut self, sql: Sql) -> Result<Vec<T>, sqlx::Error> {
        match self {
            Tx::Sqlite(tx) => bound!(sqlx::query_as, sql).fetch_all(&mut **tx).await,
            Tx::Postgres(tx) => bound!(sqlx::query_as, sql).fetch_all(&mut **tx).await,
        }
    }

    /// Runs a query whose single column `n` is a whole number (a count, an id).
    pub async fn fetch_count(&mut self, sql: Sql) -> Result<i64, sqlx::Error> {
        Ok(self.fetch_one::<Count>(sql).await?.n)
    }

    /// Locks the row `id` of `table` until the transaction ends, so that transactions that read
    /// before they write take turns (PostgreSQL; SQLite's `BEGIN IMMEDIATE` already lets one
    /// writer in at a time). An update that changes nothing locks the same on both engines,
    /// where `FOR UPDATE` is PostgreSQL's only.
    pub async fn lock_row(&mut self, table: &'static str, id: i64) -> Result<(), sqlx::Error> {
        let mut sql = Sql::new(&format!("UPDATE {table} SET id = id WHERE id = "));
        sql.bind(id);
        self.execute(sql).await?;
        Ok(())
    }

    pub async fn fetch_one<T: Row>(&mut self, sql: Sql) -> Result<T, sqlx::Error> {
        match self {
            Tx::Sqlite(tx) => bound!(sqlx::query_as, sql).fetch_one(&mut **tx).await,
            Tx::Postgres(tx) => bound!(sqlx::query_as, sql).fetch_one(&mut **tx).await,
        }
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await,
            Tx::Postgres(tx) => tx.commit().await,
        }
    }

    /// Ends the transaction now. Dropping it rolls back too, but only when the connection is
    /// next tidied by the pool; a transaction holding row locks should let go at once.
    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(tx) => tx.rollback().await,
            Tx::Postgres(tx) => tx.rollback().await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_wildcards_in_search_words_are_literal() {
        assert_eq!(like_pattern("100%"), "%100\\%%");
        assert_eq!(like_pattern("a_b"), "%a\\_b%");
        assert_eq!(like_pattern("' OR 1=1--"), "%' OR 1=1--%");
    }

    #[test]
    fn words_of_three_letters_or_more_are_looked_up_in_the_trigram_index() {
        let mut sqlite = Sql::new("WHERE TRUE");
        sqlite.push_contains_words(Backend::Sqlite, "c.id", "c.search_text", "campaign_search", &["тал", "ш", "say \"hi\""]);
        assert_eq!(
            sqlite.text(),
            "WHERE TRUE AND c.id IN (SELECT rowid FROM campaign_search WHERE campaign_search MATCH $1) AND c.search_text LIKE $2 ESCAPE '\\'"
        );
        assert!(matches!(&sqlite.args[0], Arg::Text(Some(t)) if t == "\"тал\" \"say \"\"hi\"\"\""), "{:?}", sqlite.args);
        // PostgreSQL compares every word with LIKE.
        let mut postgres = Sql::new("WHERE TRUE");
        postgres.push_contains_words(Backend::Postgres, "c.id", "c.search_text", "campaign_search", &["тал", "ш"]);
        assert_eq!(postgres.text(), "WHERE TRUE AND c.search_text LIKE $1 ESCAPE '\\' AND c.search_text LIKE $2 ESCAPE '\\'");
    }
}
