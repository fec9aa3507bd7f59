//! Demo applications: the places each demo campaign has taken are held by real demo volunteers,
//! and the campaigns that have started carry attendance and hours, so that profiles, the
//! organisers' pages and the transparency figures count something true.

use super::Rng;
use crate::server::db::{Db, Sql};
use chrono::{DateTime, Utc};
use sqlx::FromRow;

const SEED: u64 = 0x0A99_1CA7_2026_1201;
/// Seven values a row: well under both engines' limits on bound parameters.
const ROWS_PER_STATEMENT: usize = 1000;

#[derive(FromRow)]
struct CampaignRow {
    id: i64,
    spots_taken: i32,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
}

#[derive(FromRow)]
struct IdRow {
    id: i64,
}

struct Application {
    campaign: i64,
    user: i64,
    status: &'static str,
    attended: Option<bool>,
    hours: Option<f64>,
    at: DateTime<Utc>,
}

/// Inserts the applications behind every demo campaign's taken places, unless there are
/// applications already. Returns how many were stored.
pub async fn load(db: &Db, today: DateTime<Utc>) -> Result<usize, sqlx::Error> {
    if db.fetch_count(Sql::new("SELECT COUNT(*) AS n FROM applications")).await? > 0 {
        return Ok(0);
    }
    let campaigns: Vec<CampaignRow> =
        db.fetch_all(Sql::new("SELECT id, spots_taken, starts_at, ends_at FROM campaigns WHERE spots_taken > 0 ORDER BY id")).await?;
    let volunteers: Vec<IdRow> = db.fetch_all(Sql::new("SELECT id FROM users WHERE email LIKE 'volunteer%@example.org' ORDER BY id")).await?;
    if volunteers.is_empty() {
        return Ok(0);
    }
    let mut rng = Rng(SEED);
    let mut batch: Vec<Application> = Vec::with_capacity(ROWS_PER_STATEMENT);
    let mut stored = 0;
    // One transaction, a statement per thousand rows: about 2,000,000 rows at the scale size.
    let mut tx = db.begin().await?;
    for campaign in &campaigns {
        // Different volunteers for each place: a run of consecutive ones from a random start.
        let start = rng.below(volunteers.len());
        let places = (campaign.spots_taken as usize).min(volunteers.len());
        let started = campaign.starts_at <= today;
        let hours = ((campaign.ends_at - campaign.starts_at).num_minutes() as f64 / 60.0).clamp(1.0, 8.0);
        for place in 0..places {
            let user = volunteers[(start + place) % volunteers.len()].id;
            let at = campaign.starts_at - chrono::Duration::days(1 + rng.below(20) as i64);
            let application = if started {
                let came = rng.chance(88);
                Application { campaign: campaign.id, user, status: "approved", attended: Some(came), hours: came.then(|| (hours * 4.0).round() / 4.0), at }
            } else {
                Application { campaign: campaign.id, user, status: if rng.chance(70) { "approved" } else { "pending" }, attended: None, hours: None, at }
            };
            batch.push(application);
            if batch.len() == ROWS_PER_STATEMENT {
                tx.execute(insert_many(&batch)).await?;
                stored += batch.len();
                batch.clear();
            }
        }
    }
    if !batch.is_empty() {
        tx.execute(insert_many(&batch)).await?;
        stored += batch.len();
    }
    tx.commit().await?;
    Ok(stored)
}

fn insert_many(applications: &[Application]) -> Sql {
    let mut sql = Sql::new("INSERT INTO applications (campaign_id, user_id, status, attended, hours, hours_source, hours_confirmed_at, created_at, updated_at) VALUES ");
    for (i, a) in applications.iter().enumerate() {
        sql.push(if i == 0 { "(" } else { ", (" });
        sql.bind(a.campaign).push(", ").bind(a.user).push(", ").bind(a.status).push(", ");
        match a.attended {
            Some(attended) => sql.bind(attended),
            None => sql.push("NULL"),
        };
        // Demo hours were typed by their organisations (nobody checked in).
        let confirmed = a.attended.is_some();
        sql.push(", ").bind(a.hours).push(", ").bind(confirmed.then(|| "organization".to_string())).push(", ").bind(confirmed.then_some(a.at));
        sql.push(", ").bind(a.at).push(", ").bind(a.at).push(")");
    }
    sql
}
