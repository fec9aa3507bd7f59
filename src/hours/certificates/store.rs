//! Certificates in the database: issued from the book's confirmed entries, kept as issued.

use super::model::{Certificate, CertificateEntry, Correction, NameShown};
use crate::hours::model::{HoursSource, Period};
use crate::server::db::{Db, Sql};
use chrono::{DateTime, Utc};
use sqlx::FromRow;

/// Letters and digits that cannot be mistaken for one another when typed from paper.
const ID_ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const ID_LENGTH: usize = 12;

/// A new certificate's id: 12 characters of 32, 60 random bits.
fn new_id() -> String {
    use rand_core::RngCore;
    let mut bytes = [0u8; ID_LENGTH];
    rand_core::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| ID_ALPHABET[(*b as usize) % ID_ALPHABET.len()] as char).collect()
}

/// Whether `id` could be a certificate's (checked before any query).
pub fn is_id(id: &str) -> bool {
    id.len() == ID_LENGTH && id.bytes().all(|b| ID_ALPHABET.contains(&b))
}

/// What a volunteer asks a certificate for.
pub struct Request<'a> {
    pub user_id: i64,
    pub full_name: &'a str,
    pub locale: crate::i18n::Locale,
    pub name_shown: NameShown,
    /// An organisation's slug, or `None` for all.
    pub organization: Option<&'a str>,
    pub period: Period,
}

/// Issues a certificate of the volunteer's confirmed entries in the scope asked for; `None`
/// when the scope holds no confirmed hours (nothing is written then).
pub async fn issue(db: &Db, request: Request<'_>) -> Result<Option<String>, sqlx::Error> {
    let (from, to) = request.period.bounds();
    let (confirmed, _) = crate::hours::store::book(db, request.user_id).await?;
    let ids: Vec<i64> = confirmed.iter().map(|e| e.campaign.id).collect();
    let applications = applications_of(db, request.user_id, &ids).await?;
    let entries: Vec<CertificateEntry> = confirmed
        .into_iter()
        .filter(|e| request.organization.is_none_or(|slug| e.campaign.organization.slug == slug))
        .filter(|e| from.is_none_or(|from| e.campaign.starts_at >= from) && to.is_none_or(|to| e.campaign.starts_at < to))
        .filter_map(|e| {
            let application_id = applications.iter().find(|(_, campaign)| *campaign == e.campaign.id)?.0;
            Some(CertificateEntry {
                application_id,
                campaign_id: e.campaign.id,
                campaign: e.campaign.title,
                organization: e.campaign.organization.name,
                direction: e.campaign.direction,
                region: e.campaign.region,
                starts_at: e.campaign.starts_at,
                ends_at: e.campaign.ends_at,
                hours: e.hours,
                source: e.source.unwrap_or(HoursSource::Organization),
            })
        })
        .collect();
    if entries.is_empty() {
        return Ok(None);
    }
    let organization_id = match request.organization {
        Some(slug) => {
            let mut sql = Sql::new("SELECT id AS n FROM organizations WHERE slug = ");
            sql.bind(slug);
            Some(db.fetch_count(sql).await?)
        }
        None => None,
    };
    let hours: f64 = entries.iter().map(|e| e.hours).sum();
    // The next place in the revocation list. On PostgreSQL two certificates issued at the same
    // moment can take the same place: the unique index refuses the second, which tries again.
    for attempt in 1.. {
        let id = new_id();
        let mut sql = Sql::new(
            "INSERT INTO certificates (id, user_id, locale, name_shown, holder, organization_id, period_from, period_to, hours, entries, status_index, issued_at) VALUES (",
        );
        sql.bind(id.clone()).push(", ").bind(request.user_id).push(", ").bind(request.locale.code()).push(", ").bind(request.name_shown.code());
        sql.push(", ").bind(super::model::shown_name(request.full_name, request.name_shown)).push(", ").bind(organization_id);
        sql.push(", ").bind(request.period.from.map(|d| d.to_string())).push(", ").bind(request.period.to.map(|d| d.to_string()));
        sql.push(", ").bind(Some(hours)).push(", ").bind(serde_json::to_string(&entries).unwrap_or_default());
        sql.push(", (SELECT COALESCE(MAX(status_index), -1) + 1 FROM certificates), ").bind(Utc::now()).push(")");
        match db.execute(sql).await {
            Ok(_) => return Ok(Some(id)),
            Err(sqlx::Error::Database(error)) if error.is_unique_violation() && attempt < 5 => continue,
            Err(error) => return Err(error),
        }
    }
    unreachable!("the loop returns")
}

/// The volunteer's applications to these campaigns: (application, campaign).
async fn applications_of(db: &Db, user_id: i64, campaigns: &[i64]) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    if campaigns.is_empty() {
        return Ok(Vec::new());
    }
    #[derive(FromRow)]
    struct Pair {
        id: i64,
        campaign_id: i64,
    }
    let mut sql = Sql::new("SELECT id, campaign_id FROM applications WHERE user_id = ");
    sql.bind(user_id).push(" AND campaign_id IN (");
    for (i, id) in campaigns.iter().enumerate() {
        sql.push(if i == 0 { "" } else { ", " }).bind(*id);
    }
    sql.push(")");
    Ok(db.fetch_all::<Pair>(sql).await?.into_iter().map(|p| (p.id, p.campaign_id)).collect())
}

#[derive(FromRow)]
struct CertificateRow {
    id: String,
    locale: String,
    name_shown: String,
    holder: String,
    organization_kk: Option<String>,
    organization_ru: Option<String>,
    organization_en: Option<String>,
    period_from: Option<String>,
    period_to: Option<String>,
    hours: f64,
    entries: String,
    status_index: i64,
    issued_at: DateTime<Utc>,
    revoked_at: Option<DateTime<Utc>>,
}

impl CertificateRow {
    fn certificate(self) -> Certificate {
        let has_organization = self.organization_kk.is_some() || self.organization_ru.is_some() || self.organization_en.is_some();
        Certificate {
            id: self.id,
            locale: self.locale,
            name_shown: NameShown::from_code(&self.name_shown).unwrap_or(NameShown::Hidden),
            holder: self.holder,
            organization: has_organization.then(|| crate::i18n::LocalizedText::new(self.organization_kk, self.organization_ru, self.organization_en)),
            period: Period::read(self.period_from.as_deref().unwrap_or(""), self.period_to.as_deref().unwrap_or("")).unwrap_or_default(),
            hours: self.hours,
            entries: serde_json::from_str(&self.entries).unwrap_or_default(),
            status_index: self.status_index,
            issued_at: self.issued_at,
            revoked_at: self.revoked_at,
        }
    }
}

const COLUMNS: &str = "c.id, c.locale, c.name_shown, c.holder, o.name_kk AS organization_kk, o.name_ru AS organization_ru, o.name_en AS organization_en, \
     c.period_from, c.period_to, CAST(c.hours AS DOUBLE PRECISION) AS hours, c.entries, c.status_index, c.issued_at, c.revoked_at \
     FROM certificates c LEFT JOIN organizations o ON o.id = c.organization_id";

pub async fn get(db: &Db, id: &str) -> Result<Option<Certificate>, sqlx::Error> {
    if !is_id(id) {
        return Ok(None);
    }
    let mut sql = Sql::new(&format!("SELECT {COLUMNS} WHERE c.id = "));
    sql.bind(id);
    Ok(db.fetch_optional::<CertificateRow>(sql).await?.map(CertificateRow::certificate))
}

/// The volunteer's certificates, newest first.
pub async fn of_user(db: &Db, user_id: i64) -> Result<Vec<Certificate>, sqlx::Error> {
    let mut sql = Sql::new(&format!("SELECT {COLUMNS} WHERE c.user_id = "));
    sql.bind(user_id).push(" ORDER BY c.issued_at DESC, c.id LIMIT 200");
    Ok(db.fetch_all::<CertificateRow>(sql).await?.into_iter().map(CertificateRow::certificate).collect())
}

/// The volunteer revokes one of their certificates; `false` when it is not theirs or already revoked.
pub async fn revoke(db: &Db, user_id: i64, id: &str) -> Result<bool, sqlx::Error> {
    let mut sql = Sql::new("UPDATE certificates SET revoked_at = ");
    sql.bind(Utc::now()).push(" WHERE revoked_at IS NULL AND user_id = ").bind(user_id).push(" AND id = ").bind(id);
    Ok(db.execute(sql).await? == 1)
}

/// Deleting an account: its certificates are revoked and lose the name they showed.
pub fn erase_for(user_id: i64) -> Sql {
    let mut sql = Sql::new("UPDATE certificates SET holder = '', name_shown = 'hidden', revoked_at = COALESCE(revoked_at, ");
    sql.bind(Utc::now()).push(") WHERE user_id = ").bind(user_id);
    sql
}

/// The entries whose confirmed hours are no longer what the certificate states.
pub async fn corrections(db: &Db, certificate: &Certificate) -> Result<Vec<Correction>, sqlx::Error> {
    if certificate.entries.is_empty() {
        return Ok(Vec::new());
    }
    #[derive(FromRow)]
    struct Now {
        id: i64,
        hours: Option<f64>,
        attended: Option<bool>,
    }
    let mut sql = Sql::new("SELECT id, CAST(hours AS DOUBLE PRECISION) AS hours, attended FROM applications WHERE id IN (");
    for (i, entry) in certificate.entries.iter().enumerate() {
        sql.push(if i == 0 { "" } else { ", " }).bind(entry.application_id);
    }
    sql.push(")");
    let now: Vec<Now> = db.fetch_all(sql).await?;
    Ok(certificate
        .entries
        .iter()
        .filter_map(|entry| {
            let current = now.iter().find(|n| n.id == entry.application_id).and_then(|n| n.hours.filter(|_| n.attended == Some(true)));
            (current != Some(entry.hours)).then(|| Correction { campaign: entry.campaign.clone(), issued: entry.hours, now: current })
        })
        .collect())
}

/// The places in the revocation list of the revoked certificates.
pub async fn revoked_indexes(db: &Db) -> Result<Vec<i64>, sqlx::Error> {
    #[derive(FromRow)]
    struct Index {
        status_index: i64,
    }
    let rows: Vec<Index> = db.fetch_all(Sql::new("SELECT status_index FROM certificates WHERE revoked_at IS NOT NULL")).await?;
    Ok(rows.into_iter().map(|r| r.status_index).collect())
}
