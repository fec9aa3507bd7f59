//! Organisations in the database.

use crate::i18n::LocalizedText;
use crate::server::db::{Db, Sql};
use chrono::{DateTime, Utc};

#[derive(Clone, Debug)]
pub struct NewOrganization {
    pub slug: String,
    pub name: LocalizedText,
    pub description: LocalizedText,
    pub region: String,
    pub verified: bool,
    pub created_at: DateTime<Utc>,
}

/// One INSERT statement for many organisations.
pub fn insert_many(organizations: &[NewOrganization]) -> Sql {
    let mut sql = Sql::new(
        "INSERT INTO organizations (slug, name_kk, name_ru, name_en, description_kk, description_ru, description_en, region, verified, created_at) VALUES ",
    );
    for (i, o) in organizations.iter().enumerate() {
        sql.push(if i == 0 { "(" } else { ", (" });
        sql.bind(o.slug.as_str()).push(", ");
        for text in [&o.name, &o.description] {
            sql.bind(text.kk.clone()).push(", ").bind(text.ru.clone()).push(", ").bind(text.en.clone()).push(", ");
        }
        sql.bind(o.region.as_str()).push(", ").bind(o.verified).push(", ").bind(o.created_at).push(")");
    }
    sql
}

/// Stores one organisation and returns its id.
pub async fn insert(db: &Db, organization: &NewOrganization) -> Result<i64, sqlx::Error> {
    let mut sql = insert_many(std::slice::from_ref(organization));
    sql.push(" RETURNING id AS n");
    db.fetch_count(sql).await
}

/// The id of the organisation with `slug`.
pub async fn id_by_slug(db: &Db, slug: &str) -> Result<Option<i64>, sqlx::Error> {
    let mut sql = Sql::new("SELECT id AS n FROM organizations WHERE slug = ");
    sql.bind(slug);
    match db.fetch_count(sql).await {
        Ok(id) => Ok(Some(id)),
        Err(sqlx::Error::RowNotFound) => Ok(None),
        Err(e) => Err(e),
    }
}
