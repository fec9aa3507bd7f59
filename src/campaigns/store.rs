//! Campaigns in the database. Knows SQL, not HTTP or languages.

use super::model::{Campaign, CampaignFilter, CampaignPage, CampaignSummary, Cursor, Mode, OrganizationRef, PageFrom, PlatformCounters};
use crate::i18n::LocalizedText;
use crate::server::db::{Backend, Db, Sql};
use chrono::{DateTime, Utc};
use sqlx::FromRow;

/// The most search words used; more only slow the query without narrowing it usefully.
const MAX_SEARCH_WORDS: usize = 8;

const SUMMARY_COLUMNS: &str = "c.id, c.title_kk, c.title_ru, c.title_en, \
    o.slug AS org_slug, o.name_kk AS org_name_kk, o.name_ru AS org_name_ru, o.name_en AS org_name_en, \
    o.verified AS org_verified, c.direction, c.region, c.starts_at, c.ends_at, c.is_online, \
    c.capacity, c.spots_taken, c.min_age";

#[derive(FromRow)]
struct SummaryRow {
    id: i64,
    title_kk: Option<String>,
    title_ru: Option<String>,
    title_en: Option<String>,
    org_slug: String,
    org_name_kk: Option<String>,
    org_name_ru: Option<String>,
    org_name_en: Option<String>,
    org_verified: bool,
    direction: String,
    region: String,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    is_online: bool,
    capacity: Option<i32>,
    spots_taken: i32,
    min_age: Option<i32>,
}

impl From<SummaryRow> for CampaignSummary {
    fn from(r: SummaryRow) -> Self {
        CampaignSummary {
            id: r.id,
            title: LocalizedText::new(r.title_kk, r.title_ru, r.title_en),
            organization: OrganizationRef {
                slug: r.org_slug,
                name: LocalizedText::new(r.org_name_kk, r.org_name_ru, r.org_name_en),
                verified: r.org_verified,
            },
            direction: r.direction,
            region: r.region,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            is_online: r.is_online,
            capacity: r.capacity,
            spots_taken: r.spots_taken,
            min_age: r.min_age,
        }
    }
}

#[derive(FromRow)]
struct DetailRow {
    #[sqlx(flatten)]
    summary: SummaryRow,
    description_kk: Option<String>,
    description_ru: Option<String>,
    description_en: Option<String>,
    address: Option<String>,
    latitude: Option<f64>,
    longitude: Option<f64>,
    question_kk: Option<String>,
    question_ru: Option<String>,
    question_en: Option<String>,
}

/// One page of published campaigns that have not ended by `now`, soonest first.
pub async fn list(db: &Db, filter: &CampaignFilter, now: DateTime<Utc>) -> Result<CampaignPage, sqlx::Error> {
    let limit = filter.limit as usize;
    let (mut items, mut page) = (fetch_page(db, filter, filter.page, now).await?, filter.page);
    if matches!(page, PageFrom::Before(_)) && items.len() <= limit {
        // Going back reached the start: show a full first page rather than its remainder.
        page = PageFrom::Start;
        items = fetch_page(db, filter, page, now).await?;
    }
    let has_more = items.len() > limit;
    items.truncate(limit);
    if matches!(page, PageFrom::Before(_)) {
        items.reverse();
    }
    let (first, last) = (items.first().map(Cursor::of), items.last().map(Cursor::of));
    let (next, previous) = match page {
        PageFrom::Start => (has_more.then_some(last).flatten(), None),
        PageFrom::After(_) => (has_more.then_some(last).flatten(), first),
        PageFrom::Before(_) => (last, first),
    };
    Ok(CampaignPage { items, next, previous })
}

/// Whether the region filter applies (the map colours every region, whichever is chosen).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ByRegion {
    Yes,
    No,
}

/// How a query finds its campaigns: walking the list's order (the index on status and start),
/// which stops at the first page; or from the search index's matches, then sorted.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Walk {
    InListOrder,
    FromSearchMatches,
}

/// A search that matches fewer campaigns than this reads them from the search index and sorts
/// them; more are found walking the list's order. Measured on 105,600 campaigns (SQLite): a word
/// in none of them took 88 ms walking and 1 ms from the index; a word in 6,270 of them 3 ms
/// walking and 26 ms from the index.
const FEW_SEARCH_MATCHES: i64 = 1000;

/// Which [`Walk`] suits `filter`'s search: SQLite counts the index's matches, up to the limit
/// (PostgreSQL plans by its own statistics).
async fn walk_for(db: &Db, filter: &CampaignFilter) -> Result<Walk, sqlx::Error> {
    let (Backend::Sqlite, Some(phrases)) = (db.backend(), crate::server::db::trigram_match(&search_words(filter))) else {
        return Ok(Walk::InListOrder);
    };
    let mut sql = Sql::new("SELECT COUNT(*) AS n FROM (SELECT rowid FROM campaign_search WHERE campaign_search MATCH ");
    sql.bind(phrases).push(" LIMIT ").bind(FEW_SEARCH_MATCHES).push(")");
    Ok(if db.fetch_count(sql).await? < FEW_SEARCH_MATCHES { Walk::FromSearchMatches } else { Walk::InListOrder })
}

/// `WHERE …` for published campaigns still open at `now` that match `filter`.
pub fn push_conditions(sql: &mut Sql, backend: Backend, walk: Walk, filter: &CampaignFilter, now: DateTime<Utc>, by_region: ByRegion) {
    // `+` keeps SQLite off the status index, so that it reads the search's few matches instead.
    let status = if walk == Walk::FromSearchMatches { "+c.status" } else { "c.status" };
    sql.push(&format!("WHERE {status} = 'published' AND c.ends_at >= ")).bind(now);
    if let Some(direction) = &filter.direction {
        sql.push(" AND c.direction = ").bind(direction.as_str());
    }
    if let (Some(region), ByRegion::Yes) = (&filter.region, by_region) {
        sql.push(" AND c.region = ").bind(region.as_str());
    }
    if let Some(from) = filter.from {
        sql.push(" AND c.ends_at >= ").bind(from);
    }
    if let Some(until) = filter.until {
        sql.push(" AND c.starts_at < ").bind(until);
    }
    if let Some(mode) = filter.mode {
        sql.push(" AND c.is_online = ").bind(mode == Mode::Online);
    }
    if filter.text.is_some() {
        sql.push_contains_words(backend, "c.id", "c.search_text", "campaign_search", &search_words(filter));
    }
}

/// The search's words, as many as are compared.
fn search_words(filter: &CampaignFilter) -> Vec<&str> {
    filter.text.as_deref().map(|text| text.split_whitespace().take(MAX_SEARCH_WORDS).collect()).unwrap_or_default()
}

/// Up to `limit + 1` rows from `page`'s position (the extra row tells whether more follow),
/// in reading order, or reversed when reading backwards.
async fn fetch_page(db: &Db, filter: &CampaignFilter, page: PageFrom, now: DateTime<Utc>) -> Result<Vec<CampaignSummary>, sqlx::Error> {
    let sql = page_query(db.backend(), walk_for(db, filter).await?, filter, page, now);
    Ok(db.fetch_all::<SummaryRow>(sql).await?.into_iter().map(Into::into).collect())
}

/// The query of one page of the list (see [`fetch_page`]).
pub(crate) fn page_query(backend: Backend, walk: Walk, filter: &CampaignFilter, page: PageFrom, now: DateTime<Utc>) -> Sql {
    let mut sql = Sql::new(&format!("SELECT {SUMMARY_COLUMNS} FROM campaigns c JOIN organizations o ON o.id = c.organization_id "));
    push_conditions(&mut sql, backend, walk, filter, now, ByRegion::Yes);
    if let Some(area) = filter.within {
        sql.push(" AND c.latitude BETWEEN ").bind(Some(area.min_lat)).push(" AND ").bind(Some(area.max_lat));
        sql.push(" AND c.longitude BETWEEN ").bind(Some(area.min_lon)).push(" AND ").bind(Some(area.max_lon));
    }
    match page {
        PageFrom::Start => sql.push(" ORDER BY c.starts_at, c.id"),
        PageFrom::After(c) => sql
            .push(" AND (c.starts_at, c.id) > (")
            .bind(c.starts_at_time())
            .push(", ")
            .bind(c.id)
            .push(") ORDER BY c.starts_at, c.id"),
        PageFrom::Before(c) => sql
            .push(" AND (c.starts_at, c.id) < (")
            .bind(c.starts_at_time())
            .push(", ")
            .bind(c.id)
            .push(") ORDER BY c.starts_at DESC, c.id DESC"),
    };
    sql.push(" LIMIT ").bind(i64::from(filter.limit) + 1);
    sql
}

/// Campaign summaries by id, in no particular order.
pub async fn by_ids(db: &Db, ids: &[i64]) -> Result<Vec<CampaignSummary>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Sql::new(&format!("SELECT {SUMMARY_COLUMNS} FROM campaigns c JOIN organizations o ON o.id = c.organization_id WHERE c.id IN ("));
    for (i, id) in ids.iter().enumerate() {
        sql.push(if i == 0 { "" } else { ", " }).bind(*id);
    }
    sql.push(")");
    Ok(db.fetch_all::<SummaryRow>(sql).await?.into_iter().map(Into::into).collect())
}

/// An organisation's published campaigns: those not ended by `now`, soonest first, and
/// those ended, latest first; at most `limit` of each.
pub async fn of_organization(db: &Db, organization_id: i64, now: DateTime<Utc>, limit: i64) -> Result<(Vec<CampaignSummary>, Vec<CampaignSummary>), sqlx::Error> {
    let mut lists = Vec::new();
    for (condition, order) in [(">=", "c.starts_at, c.id"), ("<", "c.ends_at DESC, c.id DESC")] {
        let mut sql = Sql::new(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM campaigns c JOIN organizations o ON o.id = c.organization_id WHERE c.status = 'published' AND c.organization_id = "
        ));
        sql.bind(organization_id).push(&format!(" AND c.ends_at {condition} ")).bind(now);
        sql.push(&format!(" ORDER BY {order} LIMIT ")).bind(limit);
        lists.push(db.fetch_all::<SummaryRow>(sql).await?.into_iter().map(Into::into).collect());
    }
    let past = lists.pop().unwrap_or_default();
    Ok((lists.pop().unwrap_or_default(), past))
}

/// A published campaign by id, ended or not by `now`.
pub async fn get(db: &Db, id: i64, now: DateTime<Utc>) -> Result<Option<Campaign>, sqlx::Error> {
    let mut sql = Sql::new(&format!(
        "SELECT {SUMMARY_COLUMNS}, c.description_kk, c.description_ru, c.description_en, c.address, c.latitude, c.longitude, \
         c.question_kk, c.question_ru, c.question_en FROM campaigns c JOIN organizations o ON o.id = c.organization_id WHERE c.status = 'published' AND c.id = "
    ));
    sql.bind(id);
    Ok(db.fetch_optional::<DetailRow>(sql).await?.map(|r| Campaign {
        has_ended: r.summary.ends_at < now,
        summary: r.summary.into(),
        description: LocalizedText::new(r.description_kk, r.description_ru, r.description_en),
        address: r.address,
        latitude: r.latitude,
        longitude: r.longitude,
        question: LocalizedText::new(r.question_kk, r.question_ru, r.question_en),
    }))
}

/// The home page's figures, counted live.
pub async fn counters(db: &Db, now: DateTime<Utc>) -> Result<PlatformCounters, sqlx::Error> {
    let organizations = db.fetch_count(Sql::new("SELECT COUNT(*) AS n FROM organizations")).await?;
    let volunteers = db.fetch_count(Sql::new("SELECT COUNT(*) AS n FROM users WHERE deleted_at IS NULL")).await?;
    let mut open = Sql::new("SELECT COUNT(*) AS n FROM campaigns WHERE status = 'published' AND ends_at >= ");
    open.bind(now);
    let open_campaigns = db.fetch_count(open).await?;
    Ok(PlatformCounters { organizations, volunteers, open_campaigns })
}

/// Which organisation runs a new campaign: by id, or by slug when the organisation is stored
/// in the same transaction and its id is not known yet.
#[derive(Clone, Debug)]
pub enum OrganizationKey {
    Id(i64),
    Slug(String),
}

/// A campaign to store, as an organisation or the demo data describes it.
#[derive(Clone, Debug)]
pub struct NewCampaign {
    pub organization: OrganizationKey,
    pub direction: String,
    pub region: String,
    pub published: bool,
    pub title: LocalizedText,
    pub description: LocalizedText,
    pub address: Option<String>,
    pub point: Option<(f64, f64)>,
    pub is_online: bool,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: Option<i32>,
    pub spots_taken: i32,
    pub min_age: Option<i32>,
    pub created_at: DateTime<Utc>,
}

impl NewCampaign {
    /// Every language of title and description, folded for search.
    fn search_text(&self) -> String {
        let texts = [&self.title, &self.description];
        let parts: Vec<&str> = texts.iter().flat_map(|t| [t.kk.as_deref(), t.ru.as_deref(), t.en.as_deref()]).flatten().collect();
        super::model::search_fold(&parts.join("\n"))
    }
}

const INSERT_COLUMNS: &str = "INSERT INTO campaigns (organization_id, direction, region, status, title_kk, title_ru, title_en, \
    description_kk, description_ru, description_en, search_text, address, latitude, longitude, is_online, \
    starts_at, ends_at, capacity, spots_taken, min_age, created_at) VALUES ";

/// One INSERT statement for many campaigns (both engines accept multi-row VALUES).
pub fn insert_many(campaigns: &[NewCampaign]) -> Sql {
    let mut sql = Sql::new(INSERT_COLUMNS);
    for (i, c) in campaigns.iter().enumerate() {
        sql.push(if i == 0 { "(" } else { ", (" });
        match &c.organization {
            OrganizationKey::Id(id) => sql.bind(*id),
            OrganizationKey::Slug(slug) => sql.push("(SELECT id FROM organizations WHERE slug = ").bind(slug.as_str()).push(")"),
        };
        sql.push(", ").bind(c.direction.as_str()).push(", ").bind(c.region.as_str()).push(", ");
        sql.bind(if c.published { "published" } else { "draft" }).push(", ");
        for text in [&c.title, &c.description] {
            sql.bind(text.kk.clone()).push(", ").bind(text.ru.clone()).push(", ").bind(text.en.clone()).push(", ");
        }
        sql.bind(c.search_text()).push(", ").bind(c.address.clone()).push(", ");
        sql.bind(c.point.map(|p| p.0)).push(", ").bind(c.point.map(|p| p.1)).push(", ").bind(c.is_online).push(", ");
        sql.bind(c.starts_at).push(", ").bind(c.ends_at).push(", ").bind(c.capacity.map(i64::from)).push(", ");
        sql.bind(i64::from(c.spots_taken)).push(", ").bind(c.min_age.map(i64::from)).push(", ").bind(c.created_at).push(")");
    }
    sql
}

/// Stores one campaign and returns its id.
pub async fn insert(db: &Db, campaign: &NewCampaign) -> Result<i64, sqlx::Error> {
    let mut sql = insert_many(std::slice::from_ref(campaign));
    sql.push(" RETURNING id AS n");
    db.fetch_count(sql).await
}
