//! Counting the public figures, live, on either engine. Requests are counted by the day they
//! were filed; campaigns by the day they start.

use super::model::{DirectionHours, Figures, FiguresFilter, KindFigures, MonthFigures, RegionFigures, RequestFigures, Volunteering, VolunteeringFigures};
use crate::help::model::HelpKind;
use crate::i18n::kazakhstan_day_start;
use crate::server::db::{Db, Sql};
use chrono::Utc;
use sqlx::FromRow;

/// `AND …` conditions on help requests `r` for the filters.
fn requests_where(sql: &mut Sql, filter: &FiguresFilter) {
    if let Some(region) = &filter.region {
        sql.push(" AND r.region = ").bind(region.as_str());
    }
    if let Some(direction) = &filter.direction {
        sql.push(" AND r.direction = ").bind(direction.as_str());
    }
    if let Some(from) = filter.from {
        sql.push(" AND r.filed_on >= ").bind(from.format("%Y-%m-%d").to_string());
    }
    if let Some(to) = filter.to {
        sql.push(" AND r.filed_on <= ").bind(to.format("%Y-%m-%d").to_string());
    }
}

/// `AND …` conditions on published, visible campaigns `c`.
fn campaigns_where(sql: &mut Sql, filter: &FiguresFilter) {
    sql.push(" AND c.status = 'published' AND c.hidden_at IS NULL");
    if let Some(region) = &filter.region {
        sql.push(" AND c.region = ").bind(region.as_str());
    }
    if let Some(direction) = &filter.direction {
        sql.push(" AND c.direction = ").bind(direction.as_str());
    }
    if let Some(from) = filter.from {
        sql.push(" AND c.starts_at >= ").bind(kazakhstan_day_start(from));
    }
    if let Some(to) = filter.to {
        sql.push(" AND c.starts_at < ").bind(kazakhstan_day_start(to + chrono::Duration::days(1)));
    }
}

#[derive(FromRow)]
struct RequestRow {
    filed: i64,
    verified: i64,
    delivered: i64,
    confirmed: i64,
    declined: i64,
    cancelled: i64,
}

#[derive(FromRow)]
struct GroupRow {
    label: String,
    filed: i64,
    delivered: i64,
}

#[derive(FromRow)]
struct HoursRow {
    volunteers: i64,
    hours: Option<f64>,
}

#[derive(FromRow)]
struct DirectionRow {
    direction: String,
    volunteers: i64,
    hours: Option<f64>,
}

/// The median of delivery times, from the middle one or two rows in order (no engine-specific
/// percentile function needed).
async fn median_hours(db: &Db, filter: &FiguresFilter, delivered: i64) -> Result<Option<f64>, sqlx::Error> {
    if delivered == 0 {
        return Ok(None);
    }
    let mut sql = Sql::new("SELECT r.delivery_seconds AS n FROM help_requests r WHERE r.delivery_seconds IS NOT NULL");
    requests_where(&mut sql, filter);
    sql.push(" ORDER BY r.delivery_seconds LIMIT ").bind(2 - delivered % 2).push(" OFFSET ").bind((delivered - 1) / 2);
    #[derive(FromRow)]
    struct Seconds {
        n: i64,
    }
    let middle: Vec<Seconds> = db.fetch_all(sql).await?;
    if middle.is_empty() {
        return Ok(None);
    }
    let seconds = middle.iter().map(|s| s.n as f64).sum::<f64>() / middle.len() as f64;
    Ok(Some((seconds / 360.0).round() / 10.0))
}

async fn grouped(db: &Db, filter: &FiguresFilter, label: &str) -> Result<Vec<GroupRow>, sqlx::Error> {
    let mut sql = Sql::new(&format!(
        "SELECT {label} AS label, COUNT(*) AS filed, COUNT(r.delivered_at) AS delivered FROM help_requests r WHERE 1 = 1"
    ));
    requests_where(&mut sql, filter);
    sql.push(&format!(" GROUP BY {label} ORDER BY {label}"));
    db.fetch_all(sql).await
}

/// Every figure, counted now.
pub async fn figures(db: &Db, filter: &FiguresFilter) -> Result<Figures, sqlx::Error> {
    figures_with(db, filter, &crate::wiring::state::Memos::none()).await
}

/// The figures of help requests, counted now (`Memos::help_figures_for` keeps them a moment).
pub async fn help_figures(db: &Db, filter: &FiguresFilter) -> Result<Figures, sqlx::Error> {
    let mut sql = Sql::new(
        "SELECT COUNT(*) AS filed, COUNT(r.verified_at) AS verified, COUNT(r.delivered_at) AS delivered, COUNT(r.confirmed_at) AS confirmed, \
         COALESCE(SUM(CASE WHEN r.status = 'declined' THEN 1 ELSE 0 END), 0) AS declined, \
         COALESCE(SUM(CASE WHEN r.status = 'cancelled' THEN 1 ELSE 0 END), 0) AS cancelled FROM help_requests r WHERE 1 = 1",
    );
    requests_where(&mut sql, filter);
    let row: RequestRow = db.fetch_one(sql).await?;
    let requests = RequestFigures {
        median_hours_to_delivery: median_hours(db, filter, row.delivered).await?,
        filed: row.filed,
        verified: row.verified,
        delivered: row.delivered,
        confirmed: row.confirmed,
        declined: row.declined,
        cancelled: row.cancelled,
    };
    let by_month = grouped(db, filter, "substr(r.filed_on, 1, 7)")
        .await?
        .into_iter()
        .map(|g| MonthFigures { month: g.label, filed: g.filed, delivered: g.delivered })
        .collect();
    let mut by_kind: Vec<KindFigures> = grouped(db, filter, "r.kind")
        .await?
        .into_iter()
        .filter_map(|g| Some(KindFigures { kind: HelpKind::from_code(&g.label)?, filed: g.filed, delivered: g.delivered }))
        .collect();
    by_kind.sort_by_key(|k| HelpKind::ALL.iter().position(|x| *x == k.kind));
    let by_region = grouped(db, filter, "r.region")
        .await?
        .into_iter()
        .map(|g| RegionFigures { region: g.label, filed: g.filed, delivered: g.delivered })
        .collect();

    Ok(Figures {
        filter: filter.clone(),
        counted_at: Utc::now(),
        requests,
        by_month,
        by_kind,
        by_region,
        volunteering: VolunteeringFigures::default(),
        hours_by_direction: Vec::new(),
        volunteering_counted_at: None,
    })
}

/// The help figures (at most ten seconds old, and counted again after every step of a request)
/// with the volunteering figures (at most ten minutes old) that `memos` keeps.
pub async fn figures_with(db: &Db, filter: &FiguresFilter, memos: &crate::wiring::state::Memos) -> Result<Figures, sqlx::Error> {
    let mut figures = memos.help_figures_for(db, filter).await?;
    let volunteering = memos.volunteering_for(db, filter).await?;
    figures.volunteering = volunteering.totals;
    figures.hours_by_direction = volunteering.by_direction;
    figures.volunteering_counted_at = volunteering.counted_at;
    Ok(figures)
}

/// Volunteers, organisations, campaigns and hours for the filters.
pub async fn volunteering(db: &Db, filter: &FiguresFilter) -> Result<Volunteering, sqlx::Error> {
    let mut hours = Sql::new(
        "SELECT COUNT(DISTINCT a.user_id) AS volunteers, CAST(SUM(a.hours) AS DOUBLE PRECISION) AS hours FROM applications a \
         JOIN campaigns c ON c.id = a.campaign_id WHERE a.status = 'approved'",
    );
    campaigns_where(&mut hours, filter);
    let hours: HoursRow = db.fetch_one(hours).await?;
    let mut campaigns = Sql::new("SELECT COUNT(*) AS n FROM campaigns c WHERE 1 = 1");
    campaigns_where(&mut campaigns, filter);
    let mut by_direction = Sql::new(
        "SELECT c.direction, COUNT(DISTINCT a.user_id) AS volunteers, CAST(SUM(a.hours) AS DOUBLE PRECISION) AS hours FROM applications a \
         JOIN campaigns c ON c.id = a.campaign_id WHERE a.status = 'approved'",
    );
    campaigns_where(&mut by_direction, filter);
    by_direction.push(" GROUP BY c.direction ORDER BY c.direction");
    let mut hours_by_direction: Vec<DirectionHours> = db
        .fetch_all::<DirectionRow>(by_direction)
        .await?
        .into_iter()
        .map(|d| DirectionHours { direction: d.direction, hours: d.hours.unwrap_or(0.0), volunteers: d.volunteers })
        .collect();
    hours_by_direction.sort_by_key(|d| crate::reference::DIRECTIONS.iter().position(|x| x.slug == d.direction));

    let mut organizations = Sql::new("SELECT COUNT(*) AS n FROM organizations o WHERE o.verified = TRUE AND o.hidden_at IS NULL");
    if let Some(region) = &filter.region {
        organizations.push(" AND EXISTS (SELECT 1 FROM organization_regions g WHERE g.organization_id = o.id AND g.region = ").bind(region.as_str()).push(")");
    }
    if let Some(direction) = &filter.direction {
        organizations
            .push(" AND EXISTS (SELECT 1 FROM organization_directions d WHERE d.organization_id = o.id AND d.direction = ")
            .bind(direction.as_str())
            .push(")");
    }
    if let Some(to) = filter.to {
        organizations.push(" AND o.created_at < ").bind(kazakhstan_day_start(to + chrono::Duration::days(1)));
    }
    let volunteering = VolunteeringFigures {
        volunteers: hours.volunteers,
        organizations: db.fetch_count(organizations).await?,
        campaigns: db.fetch_count(campaigns).await?,
        hours: hours.hours.unwrap_or(0.0),
    };
    Ok(Volunteering { totals: volunteering, by_direction: hours_by_direction, counted_at: Some(Utc::now()) })
}
