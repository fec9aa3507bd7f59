//! Membership in the database: members, invitations by a mailed one-time link, accepting and
//! removing. A person may belong to several organisations.

use crate::organizations::model::Member;
use crate::auth::session::{new_token, token_hash};
use crate::i18n::LocalizedText;
use crate::organizations::model::MemberRole;
use crate::server::db::{Db, Sql};
use chrono::{Duration, Utc};
use sqlx::FromRow;

/// How long an invitation link works.
pub const INVITATION_DAYS: i64 = 7;

#[derive(FromRow)]
struct MemberRow {
    user_id: i64,
    full_name: String,
    email: String,
    role: String,
}

pub async fn members(db: &Db, organization_id: i64) -> Result<Vec<Member>, sqlx::Error> {
    let mut sql = Sql::new(
        "SELECT m.user_id, u.full_name, u.email, m.role FROM organization_members m JOIN users u ON u.id = m.user_id \
         WHERE m.organization_id = ",
    );
    sql.bind(organization_id).push(" ORDER BY m.created_at, m.user_id");
    let rows: Vec<MemberRow> = db.fetch_all(sql).await?;
    Ok(rows
        .into_iter()
        .map(|r| Member { user_id: r.user_id, full_name: r.full_name, email: r.email, role: MemberRole::from_code(&r.role).unwrap_or(MemberRole::Editor) })
        .collect())
}

/// A new invitation's token and the statement that stores it (its hash).
pub fn invite(organization_id: i64, email: &str, invited_by: i64) -> (String, Sql) {
    let token = new_token();
    let now = Utc::now();
    let mut sql = Sql::new("INSERT INTO organization_invitations (id, organization_id, email, invited_by, created_at, expires_at) VALUES (");
    sql.bind(token_hash(&token)).push(", ").bind(organization_id).push(", ").bind(email).push(", ").bind(invited_by);
    sql.push(", ").bind(now).push(", ").bind(now + Duration::days(INVITATION_DAYS)).push(")");
    (token, sql)
}

pub struct Found {
    pub organization_id: i64,
    pub slug: String,
    pub name: LocalizedText,
    pub email: String,
}

#[derive(FromRow)]
struct FoundRow {
    organization_id: i64,
    slug: String,
    name_kk: Option<String>,
    name_ru: Option<String>,
    name_en: Option<String>,
    email: String,
}

/// A live invitation: not used, not revoked, not expired, to a visible organisation.
/// Invitations to an address not yet accepted: deleted with the account of that address.
pub fn delete_open_invitations_to(email: &str) -> Sql {
    let mut sql = Sql::new("DELETE FROM organization_invitations WHERE accepted_at IS NULL AND email = ");
    sql.bind(email);
    sql
}

pub async fn find(db: &Db, token: &str) -> Result<Option<Found>, sqlx::Error> {
    if !crate::auth::links::looks_valid(token) {
        return Ok(None);
    }
    let mut sql = Sql::new(
        "SELECT i.organization_id, o.slug, o.name_kk, o.name_ru, o.name_en, i.email FROM organization_invitations i \
         JOIN organizations o ON o.id = i.organization_id WHERE o.hidden_at IS NULL AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.id = ",
    );
    sql.bind(token_hash(token)).push(" AND i.expires_at > ").bind(Utc::now());
    Ok(db.fetch_optional::<FoundRow>(sql).await?.map(|r| Found {
        organization_id: r.organization_id,
        slug: r.slug,
        name: LocalizedText::new(r.name_kk, r.name_ru, r.name_en),
        email: r.email,
    }))
}

/// Uses the invitation up and makes `user_id` an editor; `false` when it was already used.
pub async fn accept(db: &Db, token: &str, organization_id: i64, user_id: i64) -> Result<bool, sqlx::Error> {
    let now = Utc::now();
    let mut tx = db.begin().await?;
    let mut used = Sql::new("UPDATE organization_invitations SET accepted_at = ");
    used.bind(now).push(" WHERE accepted_at IS NULL AND revoked_at IS NULL AND id = ").bind(token_hash(token));
    used.push(" AND expires_at > ").bind(now);
    if tx.execute(used).await? != 1 {
        return Ok(false);
    }
    let mut member = Sql::new("INSERT INTO organization_members (organization_id, user_id, role, created_at) VALUES (");
    member.bind(organization_id).push(", ").bind(user_id).push(", 'editor', ").bind(now);
    member.push(") ON CONFLICT (organization_id, user_id) DO NOTHING");
    tx.execute(member).await?;
    tx.commit().await?;
    Ok(true)
}

/// Removes an editor (never the owner). `false` when there was no such editor.
pub async fn remove(db: &Db, organization_id: i64, user_id: i64) -> Result<bool, sqlx::Error> {
    let mut sql = Sql::new("DELETE FROM organization_members WHERE role = 'editor' AND organization_id = ");
    sql.bind(organization_id).push(" AND user_id = ").bind(user_id);
    Ok(db.execute(sql).await? == 1)
}
