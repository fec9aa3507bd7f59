//! Demo data with a fixed seed: realistic organisations, volunteers and campaigns across all
//! regions and directions, in Kazakh and Russian (most also in English). The same seed gives
//! the same data; dates are laid out around the day the data are loaded, so the list is never
//! stale. `Scale` makes 100,000 campaigns, 5,000 organisations, 1,000,000 volunteers and about
//! 2,000,000 applications for benchmarks; statements are made and run a chunk at a time, so
//! loading them needs little memory.

mod applications;
mod help;
mod texts;

use crate::campaigns::store::{self as campaign_store, NewCampaign, OrganizationKey};
use crate::i18n::LocalizedText;
use crate::organizations::store::{self as organization_store, NewOrganization};
use crate::server::config::DemoData;
use crate::server::db::{Backend, Db, Sql};
use crate::volunteers::store::{self as volunteer_store, NewUser};
use chrono::{DateTime, Duration, TimeZone, Utc};
use texts::{Template, CITIES, FIRST_NAMES, ORGANIZATION_NAMES, STREETS, SURNAMES, TEMPLATES};

/// The fixed seed: the same numbers every time.
const SEED: u64 = 0x00B1_26E3_1200_2026;
/// Rows per INSERT statement: well under both engines' limits on bound parameters.
const ROWS_PER_STATEMENT: usize = 250;

pub struct Size {
    pub organizations: usize,
    pub campaigns: usize,
    pub volunteers: usize,
}

impl Size {
    pub fn of(demo: &DemoData) -> Size {
        match demo {
            DemoData::Scale => Size { organizations: 5_000, campaigns: 100_000, volunteers: 1_000_000 },
            _ => Size { organizations: 160, campaigns: 1_600, volunteers: 3_200 },
        }
    }
}

/// SplitMix64: small, fast and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A whole number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// A number in `-spread..=spread`, scaled to a fraction.
    fn jitter(&mut self, spread: f64) -> f64 {
        (self.below(2001) as f64 / 1000.0 - 1.0) * spread
    }
}

/// Loads demo data unless they were loaded before (by this server or another one sharing the
/// database). Everything goes in one transaction. Returns whether anything was loaded.
pub async fn load(db: &Db, demo: DemoData) -> Result<bool, sqlx::Error> {
    let size = Size::of(&demo);
    let started = std::time::Instant::now();
    let mut guard = Sql::new("INSERT INTO settings (key, value) VALUES ('demo_data', ");
    guard.bind(format!("{} organisations, {} campaigns", size.organizations, size.campaigns)).push(") ON CONFLICT (key) DO NOTHING");
    let mut tx = begin_waiting(db).await?;
    // Another server loaded them first: nothing to do (dropping the transaction rolls it back).
    if tx.execute(guard).await? == 0 {
        return Ok(false);
    }
    for statement in Generator::new(&size, Utc::now()) {
        tx.execute(statement).await?;
    }
    tx.commit().await?;
    // Applications and help requests come after: they name the campaigns, organisations and
    // volunteers above by their ids.
    let applications = applications::load(db, Utc::now()).await?;
    help::load(db, help::requests_for(&demo), Utc::now()).await?;
    if db.backend() == Backend::Postgres {
        // Fresh statistics and visibility map after a bulk load, so PostgreSQL plans with the
        // real sizes and can answer from indexes alone (autovacuum would get there later).
        db.execute(Sql::new("VACUUM ANALYZE")).await?;
    }
    tracing::info!(organizations = size.organizations, campaigns = size.campaigns, volunteers = size.volunteers, applications,
        seconds = started.elapsed().as_secs_f32(), "demo data loaded");
    Ok(true)
}

/// A write transaction, waiting while another server holds SQLite's write lock to load the
/// same demo data (that takes longer than the busy timeout at the scale size).
async fn begin_waiting(db: &Db) -> Result<crate::server::db::Tx, sqlx::Error> {
    let mut attempts = 0;
    loop {
        match db.begin().await {
            Err(sqlx::Error::Database(e)) if e.message().contains("locked") && attempts < 120 => {
                attempts += 1;
                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
            }
            other => return other,
        }
    }
}

/// The INSERT statements for a data set of `size`, dated around `today`, made one chunk of
/// rows at a time: organisations, volunteers, campaigns, then where each organisation works.
pub struct Generator {
    rng: Rng,
    today: DateTime<Utc>,
    organizations: Vec<NewOrganization>,
    organizations_done: usize,
    volunteers: usize,
    volunteers_done: usize,
    campaigns: usize,
    campaigns_done: usize,
    tail: Vec<Sql>,
}

impl Generator {
    pub fn new(size: &Size, today: DateTime<Utc>) -> Generator {
        let mut rng = Rng(SEED);
        let today = Utc.from_utc_datetime(&today.date_naive().and_hms_opt(0, 0, 0).expect("midnight"));
        let organizations = (0..size.organizations).map(|i| organization(&mut rng, i, today)).collect();
        Generator {
            rng,
            today,
            organizations,
            organizations_done: 0,
            volunteers: size.volunteers,
            volunteers_done: 0,
            campaigns: size.campaigns,
            campaigns_done: 0,
            // Where each organisation works: its seat, and the directions of its campaigns.
            tail: vec![organization_store::insert_campaign_directions(), organization_store::insert_seat_regions()],
        }
    }
}

impl Iterator for Generator {
    type Item = Sql;

    fn next(&mut self) -> Option<Sql> {
        if self.organizations_done < self.organizations.len() {
            let end = (self.organizations_done + ROWS_PER_STATEMENT).min(self.organizations.len());
            let sql = organization_store::insert_many(&self.organizations[self.organizations_done..end]);
            self.organizations_done = end;
            return Some(sql);
        }
        if self.volunteers_done < self.volunteers {
            let end = (self.volunteers_done + ROWS_PER_STATEMENT).min(self.volunteers);
            let users: Vec<NewUser> = (self.volunteers_done..end).map(|i| volunteer(&mut self.rng, i, self.today)).collect();
            self.volunteers_done = end;
            return Some(volunteer_store::insert_many(&users));
        }
        if self.campaigns_done < self.campaigns {
            let end = (self.campaigns_done + ROWS_PER_STATEMENT).min(self.campaigns);
            let campaigns: Vec<NewCampaign> = (self.campaigns_done..end).map(|i| campaign(&mut self.rng, i, &self.organizations, self.today)).collect();
            self.campaigns_done = end;
            return Some(campaign_store::insert_many(&campaigns));
        }
        self.tail.pop()
    }
}

fn organization(rng: &mut Rng, index: usize, today: DateTime<Utc>) -> NewOrganization {
    let name = rng.pick(&ORGANIZATION_NAMES);
    let kind = rng.pick(&texts::ORGANIZATION_KINDS);
    let city = &CITIES[index % CITIES.len()];
    let fill = |pattern: &str, name: &str| pattern.replace("{name}", name);
    // Most organisations of a national platform also present themselves in English.
    let english = rng.chance(85);
    NewOrganization {
        // The index keeps slugs unique however often a name repeats.
        slug: format!("{}-{}", name.slug, index + 1),
        name: LocalizedText::new(
            Some(fill(kind.kk, name.kk)),
            Some(fill(kind.ru, name.kk)),
            english.then(|| fill(kind.en, name.latin)),
        ),
        description: LocalizedText::new(
            Some(texts::organization_description_kk(city.kk)),
            Some(texts::organization_description_ru(city.ru)),
            english.then(|| texts::organization_description_en(city.en)),
        ),
        region: city.region.to_string(),
        verified: rng.chance(85),
        created_at: today - Duration::days(30 + rng.below(1500) as i64),
    }
}

fn volunteer(rng: &mut Rng, index: usize, today: DateTime<Utc>) -> NewUser {
    let (first, surname) = (rng.pick(&FIRST_NAMES), rng.pick(&SURNAMES));
    // Surnames in -ов/-ев take -а for women (Оспанова); others, such as Ким, do not change.
    let feminine = first.1 && (surname.ends_with("ов") || surname.ends_with("ев"));
    let surname = if feminine { surname.to_string() + "а" } else { surname.to_string() };
    NewUser {
        email: format!("volunteer{}@example.org", index + 1),
        full_name: format!("{} {surname}", first.0),
        region: Some(CITIES[rng.below(CITIES.len())].region.to_string()),
        created_at: today - Duration::days(rng.below(1200) as i64),
    }
}

fn campaign(rng: &mut Rng, index: usize, organizations: &[NewOrganization], today: DateTime<Utc>) -> NewCampaign {
    let organization = &organizations[rng.below(organizations.len())];
    let template: &Template = rng.pick(&TEMPLATES);
    // Most campaigns are where their organisation is; some travel.
    let city = if rng.chance(80) {
        CITIES.iter().find(|c| c.region == organization.region).unwrap_or(&CITIES[0])
    } else {
        &CITIES[index % CITIES.len()]
    };
    let languages = rng.below(100);
    let (with_kk, with_ru, with_en) = match languages {
        0..=69 => (true, true, true),
        70..=87 => (true, true, false),
        88..=93 => (false, true, false),
        _ => (true, false, false),
    };
    let text = |on: bool, pattern: &str, city: &str| on.then(|| pattern.replace("{city}", city));
    // Spread from a month ago to half a year ahead, starting between 09:00 and 18:00 local time.
    let day = rng.below(210) as i64 - 30;
    let starts_at = today + Duration::days(day) + Duration::hours(4 + rng.below(10) as i64) + Duration::minutes(30 * rng.below(2) as i64);
    let ends_at = if rng.chance(12) {
        starts_at + Duration::days(2 + rng.below(40) as i64)
    } else {
        starts_at + Duration::hours(2 + rng.below(5) as i64)
    };
    let capacity = rng.chance(65).then(|| 5 + rng.below(76) as i32);
    let spots_taken = capacity.map_or(rng.below(40) as i32, |c| if rng.chance(8) { c } else { rng.below(c as usize) as i32 });
    let min_age = template.min_age.or_else(|| rng.chance(15).then(|| *rng.pick(&[14, 16])));
    let is_online = template.online;
    NewCampaign {
        organization: OrganizationKey::Slug(organization.slug.clone()),
        direction: template.direction.to_string(),
        region: city.region.to_string(),
        published: !rng.chance(3),
        title: LocalizedText::new(text(with_kk, template.title_kk, city.kk), text(with_ru, template.title_ru, city.ru), text(with_en, template.title_en, city.en)),
        description: LocalizedText::new(
            text(with_kk, template.description_kk, city.kk),
            text(with_ru, template.description_ru, city.ru),
            text(with_en, template.description_en, city.en),
        ),
        address: (!is_online).then(|| format!("{} қ., {}, {}", city.kk, rng.pick(&STREETS), 1 + rng.below(150))),
        point: (!is_online).then(|| (city.lat + rng.jitter(0.04), city.lon + rng.jitter(0.06))),
        is_online,
        starts_at,
        ends_at,
        capacity,
        spots_taken,
        min_age,
        created_at: starts_at - Duration::days(7 + rng.below(60) as i64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::{DIRECTIONS, REGIONS};

    #[test]
    fn the_same_seed_gives_the_same_data() {
        let today = Utc.with_ymd_and_hms(2026, 11, 22, 0, 0, 0).unwrap();
        let size = Size { organizations: 40, campaigns: 300, volunteers: 50 };
        let a: Vec<String> = Generator::new(&size, today).map(|s| s.text().to_string()).collect();
        let b: Vec<String> = Generator::new(&size, today).map(|s| s.text().to_string()).collect();
        assert_eq!(a, b);
        // 40 organisations, 50 volunteers and 300 campaigns in chunks of 250, then two more.
        assert_eq!(a.len(), 1 + 1 + 2 + 2);
    }

    #[test]
    fn every_region_and_direction_is_covered() {
        let mut rng = Rng(SEED);
        let today = Utc::now();
        let organizations: Vec<_> = (0..160).map(|i| organization(&mut rng, i, today)).collect();
        let campaigns: Vec<_> = (0..1600).map(|i| campaign(&mut rng, i, &organizations, today)).collect();
        for region in REGIONS {
            assert!(campaigns.iter().any(|c| c.region == region.code), "no campaign in {}", region.code);
        }
        for direction in DIRECTIONS {
            assert!(campaigns.iter().any(|c| c.direction == direction.slug), "no campaign in {}", direction.slug);
        }
        assert!(campaigns.iter().any(|c| c.title.kk.is_none()), "some campaigns should need a fallback");
        assert!(campaigns.iter().all(|c| c.title.kk.is_some() || c.title.ru.is_some()));
        assert!(campaigns.iter().all(|c| c.ends_at >= c.starts_at));
    }
}
