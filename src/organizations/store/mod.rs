//! Organisations in the database: registration, profile, directory, membership, moderation.

mod directory;
pub mod members;

pub use directory::{directory, Listing};

use crate::organizations::form::{split_lines, OrganizationDraft};
use crate::organizations::model::{DirectoryFilter, OrganizationKind, Verification};
use crate::organizations::model::{DirectoryPage, MemberRole, OrganizationCard, OrganizationFigures};
use crate::campaigns::model::search_fold;
use crate::i18n::LocalizedText;
use crate::server::db::{Backend, Db, Sql, Tx};
use chrono::{DateTime, Utc};
use sqlx::FromRow;

#[derive(Clone, Debug)]
pub struct NewOrganization {
    pub slug: String,
    pub name: LocalizedText,
    pub description: LocalizedText,
    pub region: String,
    pub verified: bool,
    pub created_at: DateTime<Utc>,
}

fn fold_texts(texts: &[&LocalizedText]) -> String {
    let parts: Vec<&str> = texts.iter().flat_map(|t| [t.kk.as_deref(), t.ru.as_deref(), t.en.as_deref()]).flatten().collect();
    search_fold(&parts.join("\n"))
}

/// One INSERT statement for many organisations (the demo data).
pub fn insert_many(organizations: &[NewOrganization]) -> Sql {
    let mut sql = Sql::new(
        "INSERT INTO organizations (slug, name_kk, name_ru, name_en, description_kk, description_ru, description_en, search_text, region, verified, created_at) VALUES ",
    );
    for (i, o) in organizations.iter().enumerate() {
        sql.push(if i == 0 { "(" } else { ", (" });
        sql.bind(o.slug.as_str()).push(", ");
        for text in [&o.name, &o.description] {
            sql.bind(text.kk.clone()).push(", ").bind(text.ru.clone()).push(", ").bind(text.en.clone()).push(", ");
        }
        sql.bind(fold_texts(&[&o.name])).push(", ");
        sql.bind(o.region.as_str()).push(", ").bind(o.verified).push(", ").bind(o.created_at).push(")");
    }
    sql
}

/// The regions of organisations inserted by [`insert_many`]: their seat.
pub fn insert_seat_regions() -> Sql {
    Sql::new(
        "INSERT INTO organization_regions (organization_id, region) SELECT id, region FROM organizations o \
         WHERE NOT EXISTS (SELECT 1 FROM organization_regions r WHERE r.organization_id = o.id)",
    )
}

/// The directions of organisations that have none stored: those of their campaigns.
pub fn insert_campaign_directions() -> Sql {
    Sql::new(
        "INSERT INTO organization_directions (organization_id, direction) SELECT DISTINCT c.organization_id, c.direction \
         FROM campaigns c WHERE NOT EXISTS (SELECT 1 FROM organization_directions d WHERE d.organization_id = c.organization_id)",
    )
}

/// Stores one organisation and returns its id.
pub async fn insert(db: &Db, organization: &NewOrganization) -> Result<i64, sqlx::Error> {
    let mut sql = insert_many(std::slice::from_ref(organization));
    sql.push(" RETURNING id AS n");
    let id = db.fetch_count(sql).await?;
    db.execute(insert_seat_regions()).await?;
    Ok(id)
}

/// The id of the organisation with `slug`.
pub async fn id_by_slug(db: &Db, slug: &str) -> Result<Option<i64>, sqlx::Error> {
    let mut sql = Sql::new("SELECT id AS n FROM organizations WHERE slug = ");
    sql.bind(slug);
    optional_count(db.fetch_count(sql).await)
}

fn optional_count(result: Result<i64, sqlx::Error>) -> Result<Option<i64>, sqlx::Error> {
    match result {
        Ok(n) => Ok(Some(n)),
        Err(sqlx::Error::RowNotFound) => Ok(None),
        Err(e) => Err(e),
    }
}

const RESERVED_SLUGS: [&str; 3] = ["new", "edit", "organization"];

/// A slug not taken yet: the one made from the name, else with the first free number.
async fn free_slug(tx: &mut Tx, base: &str) -> Result<String, sqlx::Error> {
    let mut sql = Sql::new("SELECT slug FROM organizations WHERE slug = ");
    sql.bind(base).push(" OR slug LIKE ").bind(format!("{base}-%"));
    let taken: Vec<SlugRow> = tx.fetch_all(sql).await?;
    // Words of the site's own addresses cannot be slugs.
    let is_taken = |s: &str| RESERVED_SLUGS.contains(&s) || taken.iter().any(|t| t.slug == s);
    if !is_taken(base) {
        return Ok(base.to_string());
    }
    Ok((2..).map(|n| format!("{base}-{n}")).find(|s| !is_taken(s)).expect("a free number exists"))
}

#[derive(FromRow)]
struct SlugRow {
    slug: String,
}

/// Sets the organisation's logo; returns the name of the one it replaces.
pub async fn set_logo(db: &Db, id: i64, name: &str) -> Result<Option<String>, sqlx::Error> {
    #[derive(FromRow)]
    struct Logo {
        logo: Option<String>,
    }
    let mut tx = db.begin().await?;
    let mut old = Sql::new("SELECT logo FROM organizations WHERE id = ");
    old.bind(id);
    let previous = tx.fetch_optional::<Logo>(old).await?.and_then(|r| r.logo);
    let mut sql = Sql::new("UPDATE organizations SET logo = ");
    sql.bind(name).push(", updated_at = ").bind(Utc::now()).push(" WHERE id = ").bind(id);
    tx.execute(sql).await?;
    tx.commit().await?;
    Ok(previous)
}

/// Whether another organisation (not `except`) has registered this BIN.
pub async fn bin_taken(db: &Db, bin: &str, except: Option<i64>) -> Result<bool, sqlx::Error> {
    let mut sql = Sql::new("SELECT COUNT(*) AS n FROM organizations WHERE bin = ");
    sql.bind(bin).push(" AND id <> ").bind(except.unwrap_or(0));
    Ok(db.fetch_count(sql).await? > 0)
}

/// Registers an organisation awaiting verification, with `owner` as its owner. Returns its slug.
pub async fn register(db: &Db, draft: &OrganizationDraft, owner: i64) -> Result<String, sqlx::Error> {
    let now = Utc::now();
    let mut tx = db.begin().await?;
    let base = crate::organizations::model::slug_from(draft.name.pick(crate::i18n::Locale::En).map(|s| s.text).unwrap_or(""));
    let slug = free_slug(&mut tx, &base).await?;
    // The names go in at once (a row needs one); the rest of the profile is saved below.
    let mut sql = Sql::new("INSERT INTO organizations (slug, name_kk, name_ru, name_en, region, verified, created_at, kind) VALUES (");
    sql.bind(slug.as_str()).push(", ").bind(draft.name.kk.clone()).push(", ").bind(draft.name.ru.clone()).push(", ").bind(draft.name.en.clone());
    sql.push(", ").bind(draft.seat()).push(", FALSE, ").bind(now).push(", ").bind(draft.kind.as_str()).push(") RETURNING id AS n");
    let id = tx.fetch_count(sql).await?;
    save_profile_in(&mut tx, id, draft).await?;
    let mut member = Sql::new("INSERT INTO organization_members (organization_id, user_id, role, created_at) VALUES (");
    member.bind(id).push(", ").bind(owner).push(", 'owner', ").bind(now).push(")");
    tx.execute(member).await?;
    tx.commit().await?;
    Ok(slug)
}

/// Saves every field of the profile in one transaction.
pub async fn save_profile(db: &Db, id: i64, draft: &OrganizationDraft) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    save_profile_in(&mut tx, id, draft).await?;
    tx.commit().await
}

async fn save_profile_in(tx: &mut Tx, id: i64, draft: &OrganizationDraft) -> Result<(), sqlx::Error> {
    let mut sql = Sql::new("UPDATE organizations SET ");
    for (base, text) in [("name", &draft.name), ("description", &draft.description), ("address", &draft.address)] {
        sql.push(&format!("{base}_kk = ")).bind(text.kk.clone());
        sql.push(&format!(", {base}_ru = ")).bind(text.ru.clone());
        sql.push(&format!(", {base}_en = ")).bind(text.en.clone()).push(", ");
    }
    let optional = |s: &str| (!s.is_empty()).then(|| s.to_string());
    sql.push("search_text = ").bind(fold_texts(&[&draft.name]));
    sql.push(", kind = ").bind(draft.kind.as_str());
    sql.push(", bin = ").bind(optional(&draft.bin));
    sql.push(", region = ").bind(draft.seat());
    sql.push(", phone = ").bind(draft.phone.as_str());
    sql.push(", email = ").bind(draft.email.as_str());
    sql.push(", website = ").bind(optional(&draft.website));
    sql.push(", social_links = ").bind(draft.social_links.join("\n"));
    sql.push(", updated_at = ").bind(Utc::now());
    sql.push(" WHERE id = ").bind(id);
    tx.execute(sql).await?;
    let mut clear = Sql::new("DELETE FROM organization_regions WHERE organization_id = ");
    clear.bind(id);
    tx.execute(clear).await?;
    let mut clear = Sql::new("DELETE FROM organization_directions WHERE organization_id = ");
    clear.bind(id);
    tx.execute(clear).await?;
    let mut regions = Sql::new("INSERT INTO organization_regions (organization_id, region) VALUES ");
    for (i, region) in draft.regions.iter().enumerate() {
        regions.push(if i == 0 { "(" } else { ", (" }).bind(id).push(", ").bind(region.as_str()).push(")");
    }
    tx.execute(regions).await?;
    let mut directions = Sql::new("INSERT INTO organization_directions (organization_id, direction) VALUES ");
    for (i, direction) in draft.directions.iter().enumerate() {
        directions.push(if i == 0 { "(" } else { ", (" }).bind(id).push(", ").bind(direction.as_str()).push(")");
    }
    tx.execute(directions).await?;
    Ok(())
}

const CARD_COLUMNS: &str = "o.id, o.slug, o.name_kk, o.name_ru, o.name_en, o.kind, o.verified, o.rejection_reason, o.logo";

#[derive(FromRow)]
struct CardRow {
    id: i64,
    slug: String,
    name_kk: Option<String>,
    name_ru: Option<String>,
    name_en: Option<String>,
    kind: String,
    verified: bool,
    rejection_reason: Option<String>,
    logo: Option<String>,
}

impl CardRow {
    fn into_card(self, regions: Vec<String>, directions: Vec<String>) -> OrganizationCard {
        OrganizationCard {
            id: self.id,
            slug: self.slug,
            name: LocalizedText::new(self.name_kk, self.name_ru, self.name_en),
            kind: OrganizationKind::from_code(&self.kind).unwrap_or(OrganizationKind::PublicAssociation),
            verification: match (self.verified, self.rejection_reason.is_some()) {
                (true, _) => Verification::Verified,
                (false, true) => Verification::Rejected,
                (false, false) => Verification::Awaiting,
            },
            regions,
            directions,
            logo: self.logo,
        }
    }
}

#[derive(FromRow)]
struct TagRow {
    organization_id: i64,
    code: String,
}

/// Regions and directions of these organisations, in one query each (never one per card).
async fn with_tags(db: &Db, rows: Vec<CardRow>) -> Result<Vec<OrganizationCard>, sqlx::Error> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let tags = |table: &str, column: &str| {
        let mut sql = Sql::new(&format!("SELECT organization_id, {column} AS code FROM {table} WHERE organization_id IN ("));
        for (i, id) in ids.iter().enumerate() {
            sql.push(if i == 0 { "" } else { ", " }).bind(*id);
        }
        sql.push(")");
        sql
    };
    let regions: Vec<TagRow> = db.fetch_all(tags("organization_regions", "region")).await?;
    let directions: Vec<TagRow> = db.fetch_all(tags("organization_directions", "direction")).await?;
    let of = |tags: &[TagRow], id: i64, order: &[&str]| {
        let mut codes: Vec<String> = tags.iter().filter(|t| t.organization_id == id).map(|t| t.code.clone()).collect();
        codes.sort_by_key(|c| order.iter().position(|o| o == c));
        codes
    };
    let region_order: Vec<&str> = crate::reference::REGIONS.iter().map(|r| r.code).collect();
    let direction_order = crate::volunteers::form::direction_slugs();
    Ok(rows
        .into_iter()
        .map(|row| {
            let id = row.id;
            row.into_card(of(&regions, id, &region_order), of(&directions, id, &direction_order))
        })
        .collect())
}

#[derive(FromRow)]
struct ProfileRow {
    #[sqlx(flatten)]
    card: CardRow,
    description_kk: Option<String>,
    description_ru: Option<String>,
    description_en: Option<String>,
    address_kk: Option<String>,
    address_ru: Option<String>,
    address_en: Option<String>,
    bin: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    website: Option<String>,
    social_links: String,
}

/// An organisation's stored profile, as its page and editor read it.
#[derive(Clone, Debug)]
pub struct StoredOrganization {
    pub card: OrganizationCard,
    pub rejection_reason: Option<String>,
    pub description: LocalizedText,
    pub address: LocalizedText,
    pub bin: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub social_links: Vec<String>,
}

impl StoredOrganization {
    /// The profile as the editor's form shows it.
    pub fn draft(&self) -> OrganizationDraft {
        OrganizationDraft {
            name: self.card.name.clone(),
            description: self.description.clone(),
            kind: self.card.kind.code().to_string(),
            bin: self.bin.clone().unwrap_or_default(),
            regions: self.card.regions.clone(),
            directions: self.card.directions.clone(),
            phone: self.phone.clone().unwrap_or_default(),
            email: self.email.clone().unwrap_or_default(),
            address: self.address.clone(),
            website: self.website.clone().unwrap_or_default(),
            social_links: self.social_links.clone(),
        }
    }
}

/// A visible (not hidden) organisation by slug.
pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<StoredOrganization>, sqlx::Error> {
    let mut sql = Sql::new(&format!(
        "SELECT {CARD_COLUMNS}, o.description_kk, o.description_ru, o.description_en, o.address_kk, o.address_ru, o.address_en, \
         o.bin, o.phone, o.email, o.website, o.social_links FROM organizations o WHERE o.hidden_at IS NULL AND o.slug = "
    ));
    sql.bind(slug);
    let Some(row) = db.fetch_optional::<ProfileRow>(sql).await? else { return Ok(None) };
    let rejection_reason = row.card.rejection_reason.clone();
    let card = with_tags(db, vec![row.card]).await?.pop().expect("one card in, one out");
    Ok(Some(StoredOrganization {
        card,
        rejection_reason,
        description: LocalizedText::new(row.description_kk, row.description_ru, row.description_en),
        address: LocalizedText::new(row.address_kk, row.address_ru, row.address_en),
        bin: row.bin,
        phone: row.phone,
        email: row.email,
        website: row.website,
        social_links: split_lines(&row.social_links),
    }))
}

#[derive(FromRow)]
struct FiguresRow {
    volunteers: i64,
    hours: Option<f64>,
}

/// Volunteers engaged (approved at least once), hours given and published campaigns.
pub async fn figures(db: &Db, id: i64) -> Result<OrganizationFigures, sqlx::Error> {
    let mut sql = Sql::new(
        "SELECT COUNT(DISTINCT a.user_id) AS volunteers, CAST(SUM(a.hours) AS DOUBLE PRECISION) AS hours FROM applications a \
         JOIN campaigns c ON c.id = a.campaign_id WHERE a.status = 'approved' AND c.organization_id = ",
    );
    sql.bind(id);
    let row: FiguresRow = db.fetch_one(sql).await?;
    let mut campaigns = Sql::new("SELECT COUNT(*) AS n FROM campaigns WHERE status = 'published' AND organization_id = ");
    campaigns.bind(id);
    Ok(OrganizationFigures { volunteers: row.volunteers, hours: row.hours.unwrap_or(0.0), campaigns: db.fetch_count(campaigns).await? })
}

#[derive(FromRow)]
struct RoleRow {
    role: String,
}

/// The role of `user_id` in the organisation, if they are a member.
pub async fn role_of(db: &Db, organization_id: i64, user_id: i64) -> Result<Option<MemberRole>, sqlx::Error> {
    let mut sql = Sql::new("SELECT role FROM organization_members WHERE organization_id = ");
    sql.bind(organization_id).push(" AND user_id = ").bind(user_id);
    Ok(db.fetch_optional::<RoleRow>(sql).await?.and_then(|r| MemberRole::from_code(&r.role)))
}

/// The organisations a person belongs to, with their role (hidden ones included: members see
/// why their page is gone).
/// When `user_id` deletes their account: an organisation left without any other member is
/// hidden, its contacts (often the person's own phone and address) cleared and its campaigns not
/// yet over cancelled. Run before the person's memberships are removed. An organisation with
/// an editor left passes to them instead (`volunteers::store::erase_personal_data`).
pub fn orphaned_by(user_id: i64) -> Vec<Sql> {
    let now = Utc::now();
    let orphans = format!(
        "SELECT m.organization_id FROM organization_members m WHERE m.user_id = {user_id} AND NOT EXISTS \
         (SELECT 1 FROM organization_members o WHERE o.organization_id = m.organization_id AND o.user_id <> {user_id})"
    );
    let mut campaigns = Sql::new("UPDATE campaigns SET status = 'cancelled', hidden_at = ");
    campaigns.bind(now).push(", hidden_reason = ").bind(ORPHANED);
    campaigns.push(" WHERE hidden_at IS NULL AND status <> 'cancelled' AND ends_at > ").bind(now);
    campaigns.push(&format!(" AND organization_id IN ({orphans})"));
    let mut organizations = Sql::new(
        "UPDATE organizations SET phone = NULL, email = NULL, address_kk = NULL, address_ru = NULL, address_en = NULL, hidden_at = ",
    );
    organizations.bind(now).push(", hidden_reason = ").bind(ORPHANED).push(", updated_at = ").bind(now);
    organizations.push(&format!(" WHERE id IN ({orphans})"));
    vec![campaigns, organizations]
}

/// Why an organisation or campaign was hidden when its last member left.
pub const ORPHANED: &str = "account-deleted";

pub async fn memberships(db: &Db, user_id: i64) -> Result<Vec<(OrganizationCard, MemberRole)>, sqlx::Error> {
    #[derive(FromRow)]
    struct Row {
        #[sqlx(flatten)]
        card: CardRow,
        role: String,
    }
    let mut sql = Sql::new(&format!(
        "SELECT {CARD_COLUMNS}, m.role FROM organization_members m JOIN organizations o ON o.id = m.organization_id WHERE m.user_id = "
    ));
    sql.bind(user_id).push(" ORDER BY o.id");
    let rows: Vec<Row> = db.fetch_all(sql).await?;
    let roles: Vec<(i64, MemberRole)> =
        rows.iter().map(|r| (r.card.id, MemberRole::from_code(&r.role).unwrap_or(MemberRole::Editor))).collect();
    let cards = with_tags(db, rows.into_iter().map(|r| r.card).collect()).await?;
    Ok(cards.into_iter().zip(roles).map(|(card, (_, role))| (card, role)).collect())
}
