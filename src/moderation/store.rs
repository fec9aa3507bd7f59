//! Moderator actions and the audit log. Each action and its log entry are written together.

use super::model::{AuditEntry, ModeratorAction};
use crate::server::db::{Db, Sql, Tx};
use chrono::{DateTime, Utc};
use sqlx::FromRow;

/// What an action applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    Organization(i64),
    Campaign(i64),
}

/// Writes one entry of the audit log, inside the transaction that does what it records.
pub async fn log(tx: &mut Tx, actor: i64, action: ModeratorAction, subject: Subject, reason: Option<&str>, at: DateTime<Utc>) -> Result<(), sqlx::Error> {
    let (kind, id) = match subject {
        Subject::Organization(id) => ("organization", id),
        Subject::Campaign(id) => ("campaign", id),
    };
    let mut sql = Sql::new("INSERT INTO audit_log (actor_id, action, subject_kind, subject_id, reason, created_at) VALUES (");
    sql.bind(actor).push(", ").bind(action.code()).push(", ").bind(kind).push(", ").bind(id);
    sql.push(", ").bind(reason.map(str::to_string)).push(", ").bind(at).push(")");
    tx.execute(sql).await?;
    Ok(())
}

/// Applies `action` to `subject` and logs it. `false` when there was nothing to act on (no such
/// visible organisation or campaign): nothing is written then.
pub async fn act(db: &Db, actor: i64, action: ModeratorAction, subject: Subject, reason: Option<&str>) -> Result<bool, sqlx::Error> {
    let now = Utc::now();
    let mut tx = db.begin().await?;
    let changed = match (action, subject) {
        (ModeratorAction::Verify, Subject::Organization(id)) => {
            let mut sql = Sql::new("UPDATE organizations SET verified = TRUE, rejection_reason = NULL, updated_at = ");
            sql.bind(now).push(" WHERE hidden_at IS NULL AND id = ").bind(id);
            tx.execute(sql).await?
        }
        (ModeratorAction::Reject, Subject::Organization(id)) => {
            let mut sql = Sql::new("UPDATE organizations SET verified = FALSE, rejection_reason = ");
            sql.bind(reason.unwrap_or_default()).push(", updated_at = ").bind(now).push(" WHERE hidden_at IS NULL AND id = ").bind(id);
            tx.execute(sql).await?
        }
        (ModeratorAction::HideOrganization, Subject::Organization(id)) => {
            let mut sql = Sql::new("UPDATE organizations SET hidden_at = ");
            sql.bind(now).push(", hidden_reason = ").bind(reason.unwrap_or_default()).push(" WHERE hidden_at IS NULL AND id = ").bind(id);
            let changed = tx.execute(sql).await?;
            // Its campaigns go with it.
            let mut campaigns = Sql::new("UPDATE campaigns SET status = 'cancelled', hidden_at = ");
            campaigns.bind(now).push(", hidden_reason = ").bind(reason.unwrap_or_default());
            campaigns.push(" WHERE hidden_at IS NULL AND status <> 'cancelled' AND organization_id = ").bind(id);
            tx.execute(campaigns).await?;
            changed
        }
        (ModeratorAction::HideCampaign, Subject::Campaign(id)) => {
            let mut sql = Sql::new("UPDATE campaigns SET status = 'cancelled', hidden_at = ");
            sql.bind(now).push(", hidden_reason = ").bind(reason.unwrap_or_default()).push(" WHERE hidden_at IS NULL AND id = ").bind(id);
            tx.execute(sql).await?
        }
        _ => 0,
    };
    if changed == 0 {
        return Ok(false);
    }
    log(&mut tx, actor, action, subject, reason, now).await?;
    tx.commit().await?;
    Ok(true)
}

#[derive(FromRow)]
struct EntryRow {
    created_at: DateTime<Utc>,
    moderator: String,
    action: String,
    subject: String,
    reason: Option<String>,
}

/// The latest entries of the audit log, newest first.
pub async fn recent(db: &Db, limit: i64) -> Result<Vec<AuditEntry>, sqlx::Error> {
    let mut sql = Sql::new(
        "SELECT l.created_at, u.email AS moderator, l.action, l.reason, \
         CASE WHEN l.subject_kind = 'organization' THEN (SELECT o.slug FROM organizations o WHERE o.id = l.subject_id) \
         ELSE CAST(l.subject_id AS TEXT) END AS subject \
         FROM audit_log l JOIN users u ON u.id = l.actor_id ORDER BY l.id DESC LIMIT ",
    );
    sql.bind(limit);
    let rows: Vec<EntryRow> = db.fetch_all(sql).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(AuditEntry { at: r.created_at, moderator: r.moderator, action: ModeratorAction::from_code(&r.action)?, subject: r.subject, reason: r.reason })
        })
        .collect())
}
