//! The help ledger: every change of a request's status is one entry in a single chain. Each
//! entry carries the SHA-256 of the one before it, so that editing, removing or reordering any
//! entry breaks every hash after it. The database also refuses updates and deletes (triggers).
//!
//! An entry's hash covers only what the public ledger shows plus `details_digest`, the SHA-256
//! of a random salt, the actor's ids and the note. So anyone can check the public chain, and
//! the verification command also checks the private details against their digest. The note and
//! its salt are kept apart (`help_ledger_details`), where they can be erased (a note may hold
//! personal data); an erased note is no longer checked, the chain still is:
//!
//! ```text
//! details_digest = sha256("{salt}\n{actor_user_id}\n{actor_organization_id}\n{note}")
//! hash = sha256("birgemiz-help-ledger-v1\n{seq}\n{prev_hash}\n{request}\n{unix seconds}\n{actor}\n{from}\n{to}\n{details_digest}")
//! ```
//! Missing values are empty; the first entry's `prev_hash` is 64 zeros.

use super::model::{ActorKind, HelpStatus};
use crate::server::db::{Db, Sql, Tx};
use chrono::{DateTime, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

fn sha256(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

pub fn details_digest(salt: &str, actor_user_id: Option<i64>, actor_organization_id: Option<i64>, note: Option<&str>) -> String {
    sha256(&format!("{salt}\n{}\n{}\n{}", opt(actor_user_id), opt(actor_organization_id), note.unwrap_or("")))
}

/// The public facts of an entry, which its hash covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facts<'a> {
    pub seq: i64,
    pub prev_hash: &'a str,
    pub request_id: i64,
    pub at: DateTime<Utc>,
    pub actor: &'a str,
    pub from: Option<&'a str>,
    pub to: &'a str,
    pub details_digest: &'a str,
}

pub fn entry_hash(f: &Facts) -> String {
    sha256(&format!(
        "birgemiz-help-ledger-v1\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}",
        f.seq,
        f.prev_hash,
        f.request_id,
        f.at.timestamp(),
        f.actor,
        f.from.unwrap_or(""),
        f.to,
        f.details_digest
    ))
}

/// Who made an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Actor {
    pub kind: ActorKind,
    pub user_id: Option<i64>,
    pub organization_id: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct Head {
    entries: i64,
    hash: String,
}

/// Appends one entry inside `tx`. Updating the head row first locks it (PostgreSQL) or runs
/// under SQLite's write lock, so concurrent writers queue and the chain never forks.
pub async fn append(tx: &mut Tx, request_id: i64, actor: Actor, from: Option<HelpStatus>, to: HelpStatus, note: Option<&str>, at: DateTime<Utc>) -> Result<(), sqlx::Error> {
    let head: Head = tx.fetch_one(Sql::new("UPDATE help_ledger_head SET entries = entries + 1 WHERE id = 1 RETURNING entries, hash")).await?;
    let at = DateTime::from_timestamp(at.timestamp(), 0).unwrap_or(at);
    let salt = crate::auth::session::new_token();
    let digest = details_digest(&salt, actor.user_id, actor.organization_id, note);
    let hash = entry_hash(&Facts {
        seq: head.entries,
        prev_hash: &head.hash,
        request_id,
        at,
        actor: actor.kind.code(),
        from: from.map(HelpStatus::code),
        to: to.code(),
        details_digest: &digest,
    });
    let mut sql = Sql::new(
        "INSERT INTO help_ledger (id, request_id, at, actor_kind, actor_user_id, actor_organization_id, from_status, to_status, details_digest, prev_hash, hash) VALUES (",
    );
    sql.bind(head.entries).push(", ").bind(request_id).push(", ").bind(at).push(", ").bind(actor.kind.code());
    sql.push(", ").bind(actor.user_id).push(", ").bind(actor.organization_id).push(", ").bind(from.map(|s| s.code().to_string()));
    sql.push(", ").bind(to.code()).push(", ").bind(digest.as_str());
    sql.push(", ").bind(head.hash.as_str()).push(", ").bind(hash.as_str()).push(")");
    tx.execute(sql).await?;
    tx.execute(insert_details(head.entries, note, &salt)).await?;
    let mut update = Sql::new("UPDATE help_ledger_head SET hash = ");
    update.bind(hash).push(" WHERE id = 1");
    tx.execute(update).await?;
    Ok(())
}

/// The statement that keeps an entry's note and salt where they can be erased.
pub fn insert_details(entry: i64, note: Option<&str>, salt: &str) -> Sql {
    let mut sql = Sql::new("INSERT INTO help_ledger_details (entry_id, note, salt) VALUES (");
    sql.bind(entry).push(", ").bind(note.map(str::to_string)).push(", ").bind(salt).push(")");
    sql
}

/// Erases the notes of the entries matching `condition` (a `WHERE` on the chain's columns,
/// `l.…`): the notes and salts go, the chain and its digests stay.
pub fn erase_notes_where(condition: &str) -> Sql {
    let mut sql = Sql::new("UPDATE help_ledger_details SET note = NULL, salt = NULL, erased_at = ");
    sql.bind(Utc::now()).push(&format!(" WHERE erased_at IS NULL AND entry_id IN (SELECT l.id FROM help_ledger l WHERE {condition})"));
    sql
}

#[derive(sqlx::FromRow)]
struct StoredEntry {
    id: i64,
    request_id: i64,
    at: DateTime<Utc>,
    actor_kind: String,
    actor_user_id: Option<i64>,
    actor_organization_id: Option<i64>,
    from_status: Option<String>,
    to_status: String,
    note: Option<String>,
    /// `None` once the note is erased (or when its row is missing: `has_details` tells).
    salt: Option<String>,
    has_details: bool,
    erased: bool,
    details_digest: String,
    prev_hash: String,
    hash: String,
}

/// What the verification found wrong first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Break {
    /// An entry is missing or out of place: entry `found` stands where `expected` should.
    Gap { expected: i64, found: i64 },
    /// The entry does not point at the hash of the entry before it.
    Link { entry: i64 },
    /// The entry's private details (actor, note) are not those its digest was made of.
    Details { entry: i64 },
    /// The entry's public facts are not those its hash was made of.
    Hash { entry: i64 },
    /// The head counts other entries or another last hash than the chain has.
    Head { entries: i64, chain: i64 },
    /// A request's status is not where its last entry left it.
    Status { request: i64 },
}

impl std::fmt::Display for Break {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Break::Gap { expected, found } => write!(f, "entry {expected} is missing (found entry {found} in its place)"),
            Break::Link { entry } => write!(f, "entry {entry} does not point at the hash of the entry before it"),
            Break::Details { entry } => write!(f, "entry {entry}: its actor or note was changed after it was written"),
            Break::Hash { entry } => write!(f, "entry {entry}: its facts do not match its hash"),
            Break::Head { entries, chain } => write!(f, "the ledger's head counts {entries} entries, the chain holds {chain}"),
            Break::Status { request } => write!(f, "request {request}: its status is not the one its last ledger entry set"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verification {
    pub entries: i64,
    pub requests: i64,
    pub problem: Option<Break>,
}

const BATCH: i64 = 2000;

/// Walks the whole chain and every request's status; stops at the first problem.
pub async fn verify(db: &Db) -> Result<Verification, sqlx::Error> {
    let mut expected = 1;
    let mut previous = GENESIS.to_string();
    loop {
        let mut sql = Sql::new(
            "SELECT l.id, l.request_id, l.at, l.actor_kind, l.actor_user_id, l.actor_organization_id, l.from_status, l.to_status, d.note, d.salt, \
             d.entry_id IS NOT NULL AS has_details, d.erased_at IS NOT NULL AS erased, l.details_digest, l.prev_hash, l.hash \
             FROM help_ledger l LEFT JOIN help_ledger_details d ON d.entry_id = l.id WHERE l.id >= ",
        );
        sql.bind(expected).push(" ORDER BY l.id LIMIT ").bind(BATCH);
        let batch: Vec<StoredEntry> = db.fetch_all(sql).await?;
        let done = (batch.len() as i64) < BATCH;
        for e in batch {
            let problem = if e.id != expected {
                Some(Break::Gap { expected, found: e.id })
            } else if e.prev_hash != previous {
                Some(Break::Link { entry: e.id })
            } else if !e.has_details || (!e.erased && details_digest(e.salt.as_deref().unwrap_or(""), e.actor_user_id, e.actor_organization_id, e.note.as_deref()) != e.details_digest) {
                // An erased note is no longer checked; a missing or altered one is a break.
                Some(Break::Details { entry: e.id })
            } else {
                let facts = Facts {
                    seq: e.id,
                    prev_hash: &e.prev_hash,
                    request_id: e.request_id,
                    at: e.at,
                    actor: &e.actor_kind,
                    from: e.from_status.as_deref(),
                    to: &e.to_status,
                    details_digest: &e.details_digest,
                };
                (entry_hash(&facts) != e.hash).then_some(Break::Hash { entry: e.id })
            };
            if problem.is_some() {
                return Ok(Verification { entries: expected - 1, requests: 0, problem });
            }
            previous = e.hash;
            expected += 1;
        }
        if done {
            break;
        }
    }
    let chain = expected - 1;
    let head: Head = db.fetch_one(Sql::new("SELECT entries, hash FROM help_ledger_head WHERE id = 1")).await?;
    if head.entries != chain || head.hash != previous {
        return Ok(Verification { entries: chain, requests: 0, problem: Some(Break::Head { entries: head.entries, chain }) });
    }
    let (requests, problem) = verify_statuses(db).await?;
    Ok(Verification { entries: chain, requests, problem })
}

#[derive(sqlx::FromRow)]
struct StatusCheck {
    id: i64,
    status: String,
    last: Option<String>,
}

/// Every request's status must be the `to_status` of its last entry.
async fn verify_statuses(db: &Db) -> Result<(i64, Option<Break>), sqlx::Error> {
    let mut after = 0;
    let mut checked = 0;
    loop {
        let mut sql = Sql::new(
            "SELECT r.id, r.status, (SELECT l.to_status FROM help_ledger l WHERE l.request_id = r.id ORDER BY l.id DESC LIMIT 1) AS last \
             FROM help_requests r WHERE r.id > ",
        );
        sql.bind(after).push(" ORDER BY r.id LIMIT ").bind(BATCH);
        let batch: Vec<StatusCheck> = db.fetch_all(sql).await?;
        let done = (batch.len() as i64) < BATCH;
        for r in batch {
            if r.last.as_deref() != Some(r.status.as_str()) {
                return Ok((checked, Some(Break::Status { request: r.id })));
            }
            after = r.id;
            checked += 1;
        }
        if done {
            return Ok((checked, None));
        }
    }
}

/// One entry of the public ledger: no person, no note; organisations by their public slug.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PublicEntry {
    pub seq: i64,
    pub request: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub organization: Option<String>,
    pub from: Option<String>,
    pub to: String,
    pub details_digest: String,
    pub prev_hash: String,
    pub hash: String,
}

#[derive(sqlx::FromRow)]
struct PublicRow {
    id: i64,
    request_id: i64,
    at: DateTime<Utc>,
    actor_kind: String,
    organization: Option<String>,
    from_status: Option<String>,
    to_status: String,
    details_digest: String,
    prev_hash: String,
    hash: String,
}

/// Public entries after `after`, in chain order. An organisation hidden by moderators is not named.
pub async fn public_entries(db: &Db, after: i64, limit: i64) -> Result<Vec<PublicEntry>, sqlx::Error> {
    let mut sql = Sql::new(
        "SELECT l.id, l.request_id, l.at, l.actor_kind, o.slug AS organization, l.from_status, l.to_status, l.details_digest, l.prev_hash, l.hash \
         FROM help_ledger l LEFT JOIN organizations o ON o.id = l.actor_organization_id AND o.hidden_at IS NULL WHERE l.id > ",
    );
    sql.bind(after).push(" ORDER BY l.id LIMIT ").bind(limit);
    let rows: Vec<PublicRow> = db.fetch_all(sql).await?;
    Ok(rows
        .into_iter()
        .map(|r| PublicEntry {
            seq: r.id,
            request: r.request_id,
            at: r.at,
            actor: r.actor_kind,
            organization: r.organization,
            from: r.from_status,
            to: r.to_status,
            details_digest: r.details_digest,
            prev_hash: r.prev_hash,
            hash: r.hash,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_changes_with_every_fact() {
        let at = DateTime::from_timestamp(1_780_000_000, 0).unwrap();
        let base = Facts { seq: 1, prev_hash: GENESIS, request_id: 7, at, actor: "requester", from: None, to: "new", details_digest: "d" };
        let hash = entry_hash(&base);
        assert_eq!(hash.len(), 64);
        let variants = [
            Facts { seq: 2, ..base.clone() },
            Facts { prev_hash: "1", ..base.clone() },
            Facts { request_id: 8, ..base.clone() },
            Facts { at: at + chrono::Duration::seconds(1), ..base.clone() },
            Facts { actor: "moderator", ..base.clone() },
            Facts { from: Some("new"), ..base.clone() },
            Facts { to: "verified", ..base.clone() },
            Facts { details_digest: "e", ..base.clone() },
        ];
        for v in variants {
            assert_ne!(entry_hash(&v), hash, "{v:?}");
        }
        assert_ne!(details_digest("s", Some(1), None, Some("x")), details_digest("s", None, Some(1), Some("x")));
    }
}
