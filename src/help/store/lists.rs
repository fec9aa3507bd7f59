//! The lists people see: the public list, the helpers' queues, a request's timeline, what a
//! person filed or took (for their data), and what happens to requests when an account goes.

use super::*;

#[derive(FromRow)]
struct PublicRow {
    id: i64,
    kind: String,
    direction: String,
    region: String,
    status: String,
    filed_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    by_volunteer: bool,
    slug: Option<String>,
    name_kk: Option<String>,
    name_ru: Option<String>,
    name_en: Option<String>,
    verified: Option<bool>,
}

impl PublicRow {
    fn into_public(self) -> PublicRequest {
        let taken_by = self.slug.map(|slug| OrganizationRef {
            slug,
            name: LocalizedText::new(self.name_kk, self.name_ru, self.name_en),
            verified: self.verified.unwrap_or(false),
        });
        PublicRequest {
            id: self.id,
            kind: HelpKind::from_code(&self.kind).unwrap_or(HelpKind::Other),
            direction: self.direction,
            region: self.region,
            status: HelpStatus::from_code(&self.status).unwrap_or(HelpStatus::New),
            filed_at: self.filed_at,
            updated_at: self.updated_at,
            taken_by,
            taken_by_volunteer: self.by_volunteer,
        }
    }
}

const PUBLIC_SELECT: &str = "SELECT r.id, r.kind, r.direction, r.region, r.status, r.filed_at, r.updated_at, \
    (r.taken_by_user_id IS NOT NULL) AS by_volunteer, o.slug, o.name_kk, o.name_ru, o.name_en, o.verified \
    FROM help_requests r LEFT JOIN organizations o ON o.id = r.taken_by_organization_id AND o.hidden_at IS NULL";

fn push_filter(sql: &mut Sql, filter: &RequestFilter) {
    if let Some(region) = &filter.region {
        sql.push(" AND r.region = ").bind(region.as_str());
    }
    if let Some(direction) = &filter.direction {
        sql.push(" AND r.direction = ").bind(direction.as_str());
    }
    if let Some(kind) = filter.kind {
        sql.push(" AND r.kind = ").bind(kind.code());
    }
    if let Some(status) = filter.status {
        sql.push(" AND r.status = ").bind(status.code());
    }
}

/// Requests newest first, as anyone may see them; one more than `limit` tells there is a next page.
pub async fn public_list(db: &Db, filter: &RequestFilter, limit: i64) -> Result<Vec<PublicRequest>, sqlx::Error> {
    let mut sql = Sql::new(PUBLIC_SELECT);
    sql.push(" WHERE 1 = 1");
    push_filter(&mut sql, filter);
    if let Some(before) = filter.before {
        sql.push(" AND r.id < ").bind(before);
    }
    sql.push(" ORDER BY r.id DESC LIMIT ").bind(limit);
    let rows: Vec<PublicRow> = db.fetch_all(sql).await?;
    Ok(rows.into_iter().map(PublicRow::into_public).collect())
}

pub async fn public_one(db: &Db, id: i64) -> Result<Option<PublicRequest>, sqlx::Error> {
    let mut sql = Sql::new(PUBLIC_SELECT);
    sql.push(" WHERE r.id = ").bind(id);
    Ok(db.fetch_optional::<PublicRow>(sql).await?.map(PublicRow::into_public))
}

use crate::help::model::HelperItem;

#[derive(FromRow)]
struct HelperRow {
    #[sqlx(flatten)]
    public: PublicRow,
    urgency: String,
    locality: String,
    description: String,
    on_behalf: bool,
}

/// The regions "near" a helper: their own and those their verified organisations work in.
pub async fn regions_near(db: &Db, own: Option<String>, acting: &Acting) -> Result<Vec<String>, sqlx::Error> {
    #[derive(FromRow)]
    struct Row {
        region: String,
    }
    let mut regions: Vec<String> = own.into_iter().collect();
    let verified: Vec<i64> = acting.memberships.iter().filter(|m| m.verified).map(|m| m.organization_id).collect();
    if !verified.is_empty() {
        let mut sql = Sql::new("SELECT DISTINCT region FROM organization_regions WHERE organization_id IN (");
        for (i, id) in verified.iter().enumerate() {
            sql.push(if i == 0 { "" } else { ", " }).bind(*id);
        }
        sql.push(") ORDER BY region");
        for row in db.fetch_all::<Row>(sql).await? {
            if !regions.contains(&row.region) {
                regions.push(row.region);
            }
        }
    }
    Ok(regions)
}

/// Requests in one status for helpers (urgent first, then oldest first), or the ones taken by
/// this person or their organisations when `taken_by` is given; `near` (when no region is
/// chosen) narrows them to those regions.
pub async fn for_helpers(
    db: &Db,
    statuses: &[HelpStatus],
    filter: &RequestFilter,
    near: &[String],
    taken_by: Option<&Acting>,
    limit: i64,
) -> Result<Vec<HelperItem>, sqlx::Error> {
    let select = PUBLIC_SELECT.replace(
        " FROM help_requests r",
        ", r.urgency, r.locality, r.description, (r.filed_by_operator OR r.filed_for_organization_id IS NOT NULL) AS on_behalf FROM help_requests r",
    );
    let mut sql = Sql::new(&select);
    sql.push(" WHERE r.status IN (");
    for (i, status) in statuses.iter().enumerate() {
        if i > 0 {
            sql.push(", ");
        }
        sql.bind(status.code());
    }
    sql.push(")");
    push_filter(&mut sql, filter);
    if filter.region.is_none() && !near.is_empty() {
        sql.push(" AND r.region IN (");
        for (i, region) in near.iter().enumerate() {
            sql.push(if i == 0 { "" } else { ", " }).bind(region.as_str());
        }
        sql.push(")");
    }
    if let Some(acting) = taken_by {
        sql.push(" AND (r.taken_by_user_id = ").bind(acting.user_id().unwrap_or(-1));
        for membership in &acting.memberships {
            sql.push(" OR r.taken_by_organization_id = ").bind(membership.organization_id);
        }
        sql.push(")");
    }
    sql.push(" ORDER BY CASE r.urgency WHEN 'urgent' THEN 0 WHEN 'soon' THEN 1 ELSE 2 END, r.id LIMIT ").bind(limit);
    let rows: Vec<HelperRow> = db.fetch_all(sql).await?;
    Ok(rows
        .into_iter()
        .map(|r| HelperItem {
            needs: RequestNeeds {
                urgency: Urgency::from_code(&r.urgency).unwrap_or(Urgency::Planned),
                locality: r.locality,
                description: r.description,
                filed_on_behalf: r.on_behalf,
            },
            request: r.public.into_public(),
        })
        .collect())
}

/// A request the person filed, with everything they entered, for their data export.
#[derive(Clone, Debug, serde::Serialize, FromRow)]
pub struct FiledExport {
    pub id: i64,
    pub kind: String,
    pub direction: String,
    pub region: String,
    pub urgency: String,
    pub status: String,
    pub locality: String,
    pub description: String,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub address: Option<String>,
    pub consent_version: String,
    pub filed_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub async fn filed_export(db: &Db, user_id: i64) -> Result<Vec<FiledExport>, sqlx::Error> {
    let mut sql = Sql::new(
        "SELECT id, kind, direction, region, urgency, status, locality, description, contact_name, contact_phone, contact_email, address, \
         consent_version, filed_at, updated_at FROM help_requests WHERE filed_by_user_id = ",
    );
    sql.bind(user_id).push(" ORDER BY id");
    db.fetch_all(sql).await
}

/// Requests a person took on as a volunteer (their public facts).
pub async fn taken_by_user(db: &Db, user_id: i64) -> Result<Vec<PublicRequest>, sqlx::Error> {
    let mut sql = Sql::new(PUBLIC_SELECT);
    sql.push(" WHERE r.taken_by_user_id = ").bind(user_id).push(" ORDER BY r.id");
    let rows: Vec<PublicRow> = db.fetch_all(sql).await?;
    Ok(rows.into_iter().map(PublicRow::into_public).collect())
}

/// Requests a person filed while signed in (for themselves or for others), newest first.
pub async fn filed_by(db: &Db, user_id: i64, limit: i64) -> Result<Vec<PublicRequest>, sqlx::Error> {
    let mut sql = Sql::new(PUBLIC_SELECT);
    sql.push(" WHERE r.filed_by_user_id = ").bind(user_id).push(" ORDER BY r.id DESC LIMIT ").bind(limit);
    let rows: Vec<PublicRow> = db.fetch_all(sql).await?;
    Ok(rows.into_iter().map(PublicRow::into_public).collect())
}

#[derive(FromRow)]
struct TimelineRow {
    at: DateTime<Utc>,
    actor_kind: String,
    from_status: Option<String>,
    to_status: String,
    note: Option<String>,
    slug: Option<String>,
    name_kk: Option<String>,
    name_ru: Option<String>,
    name_en: Option<String>,
    verified: Option<bool>,
}

/// A request's history from the ledger, oldest first; notes only when `with_notes`.
pub async fn timeline(db: &Db, id: i64, with_notes: bool) -> Result<Vec<TimelineEntry>, sqlx::Error> {
    let mut sql = Sql::new(
        "SELECT l.at, l.actor_kind, l.from_status, l.to_status, d.note, o.slug, o.name_kk, o.name_ru, o.name_en, o.verified \
         FROM help_ledger l LEFT JOIN help_ledger_details d ON d.entry_id = l.id \
         LEFT JOIN organizations o ON o.id = l.actor_organization_id AND o.hidden_at IS NULL WHERE l.request_id = ",
    );
    sql.bind(id).push(" ORDER BY l.id");
    let rows: Vec<TimelineRow> = db.fetch_all(sql).await?;
    Ok(rows
        .into_iter()
        .map(|r| TimelineEntry {
            at: r.at,
            actor: ActorKind::from_code(&r.actor_kind).unwrap_or(ActorKind::System),
            organization: r.slug.map(|slug| OrganizationRef {
                slug,
                name: LocalizedText::new(r.name_kk, r.name_ru, r.name_en),
                verified: r.verified.unwrap_or(false),
            }),
            from: r.from_status.as_deref().and_then(HelpStatus::from_code),
            to: HelpStatus::from_code(&r.to_status).unwrap_or(HelpStatus::New),
            note: if with_notes { r.note } else { None },
        })
        .collect())
}

/// When a person deletes their account: the requests they filed for themselves are cancelled
/// if still open (by the platform, in the ledger) and their contacts erased. Requests they filed
/// for others stay: those people still need the help.
pub async fn withdraw_own_requests(tx: &mut crate::server::db::Tx, user_id: i64) -> Result<(), sqlx::Error> {
    let own = format!("filed_by_operator = FALSE AND filed_for_organization_id IS NULL AND filed_by_user_id = {user_id}");
    let open = Sql::new(&format!("SELECT id, status FROM help_requests WHERE {own} AND status IN ('new', 'verified', 'taken', 'in_progress') ORDER BY id"));
    move_as_platform(tx, open, HelpStatus::Cancelled, "").await?;
    // Their own requests keep only their public facts: no description, place or contacts, and
    // no note in the ledger (a helper may have written where and to whom they delivered).
    let mut erase = Sql::new(
        "UPDATE help_requests SET description = '', locality = '', contact_name = NULL, contact_phone = NULL, contact_email = NULL, \
         address = NULL, contacts_erased_at = ",
    );
    erase.bind(Utc::now()).push(&format!(" WHERE {own}"));
    tx.execute(erase).await?;
    tx.execute(ledger::erase_notes_where(&format!("l.request_id IN (SELECT id FROM help_requests WHERE {own})"))).await?;
    // The notes they wrote on anyone's request.
    tx.execute(ledger::erase_notes_where(&format!("l.actor_user_id = {user_id}"))).await?;
    Ok(())
}

/// Requests a person had taken and not delivered go back to the queue for another helper when
/// their account is deleted.
pub async fn return_taken_requests(tx: &mut crate::server::db::Tx, user_id: i64) -> Result<(), sqlx::Error> {
    let mut taken = Sql::new("SELECT id, status FROM help_requests WHERE taken_by_user_id = ");
    taken.bind(user_id).push(" AND status IN ('taken', 'in_progress') ORDER BY id");
    move_as_platform(tx, taken, HelpStatus::Verified, ", taken_by_user_id = NULL").await
}

/// Moves every request that `which` selects (`id`, `status`) to `to`, as the platform because an
/// account was deleted, each with its `system` entry in the ledger; `also` sets more columns.
async fn move_as_platform(tx: &mut crate::server::db::Tx, which: Sql, to: HelpStatus, also: &str) -> Result<(), sqlx::Error> {
    #[derive(FromRow)]
    struct Moved {
        id: i64,
        status: String,
    }
    let requests: Vec<Moved> = tx.fetch_all(which).await?;
    let now = Utc::now();
    let platform = Actor { kind: ActorKind::System, user_id: None, organization_id: None };
    for request in requests {
        let mut update = Sql::new("UPDATE help_requests SET status = ");
        update.bind(to.code()).push(&format!("{also}, updated_at = ")).bind(now).push(" WHERE id = ").bind(request.id);
        tx.execute(update).await?;
        let from = HelpStatus::from_code(&request.status);
        ledger::append(tx, request.id, platform, from, to, Some(crate::help::model::NOTE_ACCOUNT_DELETED), now).await?;
    }
    Ok(())
}

/// Erases the contacts and address of requests finished more than `days` ago (personal data
/// are kept no longer than the help needs them). The ledger keeps no contacts.
pub async fn erase_old_contacts(db: &Db, days: i64) -> Result<u64, sqlx::Error> {
    let now = Utc::now();
    let mut sql = Sql::new(
        "UPDATE help_requests SET contact_name = NULL, contact_phone = NULL, contact_email = NULL, address = NULL, contacts_erased_at = ",
    );
    sql.bind(now).push(" WHERE contacts_erased_at IS NULL AND status IN ('delivered', 'confirmed', 'closed', 'declined', 'cancelled') AND updated_at < ");
    sql.bind(now - chrono::Duration::days(days));
    let erased = db.execute(sql).await?;
    // Notes on those requests may name people or places too.
    db.execute(ledger::erase_notes_where("l.request_id IN (SELECT id FROM help_requests WHERE contacts_erased_at IS NOT NULL)")).await?;
    Ok(erased)
}
