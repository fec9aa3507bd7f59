//! Demo help requests over the past year, each with its whole history in the ledger, so that the
//! help pages and the transparency figures have something true to show. Loaded after the rest
//! of the demo data, because the ledger's hashes cover the ids of the organisations and
//! volunteers who acted.

use super::Rng;
use crate::help::ledger::{details_digest, entry_hash, Facts};
use crate::help::model::{ActorKind, HelpKind, HelpStatus, Urgency, HELP_CONSENT_VERSION};
use crate::help::store::{code_for, code_hash};
use crate::i18n::kazakhstan_offset;
use crate::server::db::{Backend, Db, Sql};
use chrono::{DateTime, Duration, Utc};
use sqlx::FromRow;

const SEED: u64 = 0x4E1B_0002_2026_1201;
const ROWS_PER_STATEMENT: usize = 200;

/// What each kind of request says, in Kazakh and Russian (the languages people file in).
fn description(kind: HelpKind, variant: usize) -> (&'static str, &'static str) {
    let texts: [(&str, &str); 2] = match kind {
        HelpKind::Food => [
            ("Жалғыз тұратын зейнеткерге азық-түлік жеткізу керек: нан, сүт, жарма, көкөніс.", "Нужно доставить продукты одинокой пенсионерке: хлеб, молоко, крупу, овощи."),
            ("Көпбалалы отбасына бір аптаға азық-түлік себеті керек.", "Многодетной семье нужна продуктовая корзина на неделю."),
        ],
        HelpKind::Medicine => [
            ("Қарт адамға дәріханадан рецепт бойынша дәрі әкеліп беру керек.", "Пожилому человеку нужно привезти лекарства из аптеки по рецепту."),
            ("Мүгедектігі бар адамға тұрақты қабылдайтын дәрілерін сатып алуға көмек керек.", "Человеку с инвалидностью нужна помощь с покупкой постоянных лекарств."),
        ],
        HelpKind::Transport => [
            ("Емханаға дәрігер қабылдауына барып-қайтуға көлік керек.", "Нужно отвезти в поликлинику на приём к врачу и обратно."),
            ("Арбадағы адамды вокзалға жеткізу керек.", "Нужно довезти человека на коляске до вокзала."),
        ],
        HelpKind::HomeHelp => [
            ("Қысқа дейін үйді жылытуға көмек керек: терезелерді бітеу, отын жару.", "Нужна помощь подготовить дом к зиме: утеплить окна, наколоть дров."),
            ("Қарт кісіге пәтерді жинауға және қоқысты шығаруға көмек керек.", "Пожилому человеку нужна помощь с уборкой квартиры и выносом мусора."),
        ],
        HelpKind::Companionship => [
            ("Жалғыз тұратын әжеге аптасына бір рет келіп, әңгімелесетін адам керек.", "Одинокой бабушке нужен человек, который будет раз в неделю навещать и беседовать."),
            ("Қарттар үйіндегі ардагерлерге кітап оқып беретін волонтерлер керек.", "Нужны волонтёры, чтобы читать книги ветеранам в доме престарелых."),
        ],
        HelpKind::MissingPerson => [
            ("Кеше кешке үйден шыққан қарт кісі оралмады, іздеуге көмек керек.", "Пожилой мужчина ушёл вчера вечером из дома и не вернулся, нужна помощь в поисках."),
            ("Саябақ маңында жасөспірім жоғалды, аумақты тексеруге адамдар керек.", "Возле парка пропал подросток, нужны люди, чтобы прочесать местность."),
        ],
        HelpKind::OnlineConsultation => [
            ("Зейнетақы құжаттарын онлайн толтыруға кеңес керек.", "Нужна консультация, как заполнить пенсионные документы онлайн."),
            ("Баланың сабағы бойынша қашықтан көмектесетін мұғалім керек.", "Нужен учитель, который дистанционно поможет ребёнку с уроками."),
        ],
        HelpKind::Other => [
            ("Жертөледен заттарды шығаруға көмек керек.", "Нужна помощь вынести вещи из подвала."),
            ("Ауыл мектебіне қыстық киім жинап беруге көмек керек.", "Нужна помощь собрать зимнюю одежду для сельской школы."),
        ],
    };
    texts[variant % 2]
}

/// The direction a kind of request usually belongs to.
fn direction_of(kind: HelpKind) -> &'static str {
    match kind {
        HelpKind::Medicine => "saulyq",
        HelpKind::MissingPerson => "umit",
        HelpKind::OnlineConsultation => "bilim",
        HelpKind::Other => "ayala",
        _ => "qamqor",
    }
}

#[derive(FromRow)]
struct OrganizationRow {
    id: i64,
    region: String,
}

#[derive(FromRow)]
struct IdRow {
    id: i64,
}

#[derive(FromRow)]
struct HeadRow {
    entries: i64,
    hash: String,
}

/// One ledger entry, hashed, waiting to be inserted.
struct Entry {
    seq: i64,
    request: i64,
    at: DateTime<Utc>,
    actor: Actor,
    from: Option<HelpStatus>,
    to: HelpStatus,
    salt: String,
    digest: String,
    prev_hash: String,
    hash: String,
}

#[derive(Clone, Copy)]
struct Actor {
    kind: ActorKind,
    user: Option<i64>,
    organization: Option<i64>,
}

/// The chain as it grows from the ledger's current head.
struct Chain {
    seq: i64,
    hash: String,
    entries: Vec<Entry>,
}

impl Chain {
    fn append(&mut self, rng: &mut Rng, request: i64, at: DateTime<Utc>, actor: Actor, from: Option<HelpStatus>, to: HelpStatus) {
        self.seq += 1;
        let salt = format!("{:016x}{:016x}{:016x}{:016x}", rng.next(), rng.next(), rng.next(), rng.next());
        let digest = details_digest(&salt, actor.user, actor.organization, None);
        let at = DateTime::from_timestamp(at.timestamp(), 0).unwrap_or(at);
        let facts = Facts { seq: self.seq, prev_hash: &self.hash, request_id: request, at, actor: actor.kind.code(), from: from.map(HelpStatus::code), to: to.code(), details_digest: &digest };
        let hash = entry_hash(&facts);
        let prev_hash = std::mem::replace(&mut self.hash, hash.clone());
        self.entries.push(Entry { seq: self.seq, request, at, actor, from, to, salt, digest, prev_hash, hash });
    }
}

/// One demo request as stored.
struct Request {
    id: i64,
    kind: HelpKind,
    region: String,
    urgency: Urgency,
    status: HelpStatus,
    locality: String,
    description: String,
    locale: &'static str,
    token: String,
    filed_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    verified_at: Option<DateTime<Utc>>,
    delivered_at: Option<DateTime<Utc>>,
    confirmed_at: Option<DateTime<Utc>>,
    taken_by_user: Option<i64>,
    taken_by_organization: Option<i64>,
}

/// How many requests a data set has.
pub fn requests_for(demo: &crate::server::config::DemoData) -> usize {
    match demo {
        crate::server::config::DemoData::Scale => 50_000,
        _ => 1_200,
    }
}

/// Loads `count` requests with their ledger, unless help data are already there. Returns
/// whether anything was loaded.
pub async fn load(db: &Db, count: usize, today: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    let existing = db.fetch_count(Sql::new("SELECT COUNT(*) AS n FROM help_requests")).await?;
    let head: HeadRow = db.fetch_one(Sql::new("SELECT entries, hash FROM help_ledger_head WHERE id = 1")).await?;
    if existing > 0 || head.entries > 0 {
        return Ok(false);
    }
    let organizations: Vec<OrganizationRow> =
        db.fetch_all(Sql::new("SELECT id, region FROM organizations WHERE verified = TRUE AND hidden_at IS NULL ORDER BY id")).await?;
    let volunteers: Vec<IdRow> = db.fetch_all(Sql::new("SELECT id FROM users WHERE email LIKE 'volunteer%@example.org' ORDER BY id LIMIT 2000")).await?;
    if organizations.is_empty() || volunteers.is_empty() {
        return Ok(false);
    }
    let (requests, chain) = generate(count, today, &organizations, &volunteers, head.hash);
    let mut tx = db.begin().await?;
    // The head moves from empty to the chain's end, or nothing happens (someone wrote first).
    let mut guard = Sql::new("UPDATE help_ledger_head SET entries = ");
    guard.bind(chain.seq).push(", hash = ").bind(chain.hash.clone()).push(" WHERE id = 1 AND entries = 0");
    if tx.execute(guard).await? == 0 {
        return Ok(false);
    }
    for chunk in requests.chunks(ROWS_PER_STATEMENT) {
        tx.execute(insert_requests(chunk)).await?;
    }
    for chunk in chain.entries.chunks(ROWS_PER_STATEMENT) {
        tx.execute(insert_entries(chunk)).await?;
        tx.execute(insert_entry_details(chunk)).await?;
    }
    if db.backend() == Backend::Postgres {
        // Ids were given explicitly: the identity continues after them.
        tx.execute(Sql::new("SELECT setval(pg_get_serial_sequence('help_requests', 'id'), (SELECT MAX(id) FROM help_requests))")).await?;
    }
    tx.commit().await?;
    tracing::info!(requests = requests.len(), ledger_entries = chain.seq, "demo help requests loaded");
    Ok(true)
}

fn generate(count: usize, today: DateTime<Utc>, organizations: &[OrganizationRow], volunteers: &[IdRow], genesis: String) -> (Vec<Request>, Chain) {
    let mut rng = Rng(SEED);
    // Filed over the past year, more of them recently; ids in filing order.
    let mut filing_times: Vec<DateTime<Utc>> = (0..count)
        .map(|_| {
            let days_ago = (rng.below(365) * rng.below(365) / 365) as i64;
            today - Duration::days(days_ago) - Duration::minutes(rng.below(14 * 60) as i64)
        })
        .collect();
    filing_times.sort();
    // Every step of every request, put in time order before they are chained.
    let mut events: Vec<(DateTime<Utc>, i64, Actor, Option<HelpStatus>, HelpStatus)> = Vec::new();
    let mut requests = Vec::with_capacity(count);
    for (index, filed_at) in filing_times.into_iter().enumerate() {
        let id = index as i64 + 1;
        let kind = *rng.pick(HelpKind::ALL);
        let city = rng.pick(&super::texts::CITIES);
        let in_kazakh = rng.chance(60);
        let (kk, ru) = description(kind, rng.below(2));
        let urgency = match (kind, rng.below(10)) {
            (HelpKind::MissingPerson, _) | (_, 0..=1) => Urgency::Urgent,
            (_, 2..=5) => Urgency::Soon,
            _ => Urgency::Planned,
        };
        let token = format!("{:016x}{:016x}{:016x}{:016x}", rng.next(), rng.next(), rng.next(), rng.next());
        let mut request = Request {
            id,
            kind,
            region: city.region.to_string(),
            urgency,
            status: HelpStatus::New,
            locality: if in_kazakh { city.kk } else { city.ru }.to_string(),
            description: if in_kazakh { kk } else { ru }.to_string(),
            locale: if in_kazakh { "kk" } else { "ru" },
            token,
            filed_at,
            updated_at: filed_at,
            verified_at: None,
            delivered_at: None,
            confirmed_at: None,
            taken_by_user: None,
            taken_by_organization: None,
        };
        let requester = Actor { kind: ActorKind::Requester, user: None, organization: None };
        events.push((filed_at, id, requester, None, HelpStatus::New));
        let nearby: Vec<&OrganizationRow> = organizations.iter().filter(|o| o.region == request.region).collect();
        let organization = if nearby.is_empty() { rng.pick(organizations) } else { *rng.pick(&nearby) };
        let as_organization = Actor { kind: ActorKind::Organization, user: None, organization: Some(organization.id) };
        let volunteer = Actor { kind: ActorKind::Volunteer, user: Some(rng.pick(volunteers).id), organization: None };
        let helper = if rng.chance(70) { as_organization } else { volunteer };
        let moderator = Actor { kind: ActorKind::Moderator, user: None, organization: None };
        let verifier = if rng.chance(70) { as_organization } else { moderator };
        let confirmer = if rng.chance(50) { requester } else { helper };
        let confirms = rng.chance(85);
        // Each step happens some hours after the one before, unless that would be in the future.
        let mut step = |rng: &mut Rng, hours: usize, actor: Actor, to: HelpStatus, request: &mut Request| -> bool {
            let next = request.updated_at + Duration::minutes(30 + rng.below(hours * 60) as i64);
            if next > today {
                return false;
            }
            events.push((next, request.id, actor, Some(request.status), to));
            request.status = to;
            request.updated_at = next;
            true
        };
        let fate = rng.below(100);
        if fate < 5 {
            step(&mut rng, 24, moderator, HelpStatus::Declined, &mut request);
        } else if fate < 9 {
            step(&mut rng, 48, requester, HelpStatus::Cancelled, &mut request);
        } else if step(&mut rng, if urgency == Urgency::Urgent { 3 } else { 30 }, verifier, HelpStatus::Verified, &mut request) {
            request.verified_at = Some(request.updated_at);
            if step(&mut rng, if urgency == Urgency::Urgent { 2 } else { 36 }, helper, HelpStatus::Taken, &mut request) {
                if helper.kind == ActorKind::Organization {
                    request.taken_by_organization = helper.organization;
                } else {
                    request.taken_by_user = helper.user;
                }
                if step(&mut rng, 12, helper, HelpStatus::InProgress, &mut request) && step(&mut rng, 48, helper, HelpStatus::Delivered, &mut request) {
                    request.delivered_at = Some(request.updated_at);
                    if confirms && step(&mut rng, 24, confirmer, HelpStatus::Confirmed, &mut request) {
                        request.confirmed_at = Some(request.updated_at);
                        step(&mut rng, 72, helper, HelpStatus::Closed, &mut request);
                    }
                }
            }
        }
        requests.push(request);
    }
    events.sort_by_key(|(at, request, ..)| (*at, *request));
    let mut chain = Chain { seq: 0, hash: genesis, entries: Vec::new() };
    for (at, request, actor, from, to) in events {
        chain.append(&mut rng, request, at, actor, from, to);
    }
    (requests, chain)
}

fn insert_requests(requests: &[Request]) -> Sql {
    let mut sql = Sql::new(
        "INSERT INTO help_requests (id, kind, direction, region, urgency, status, locality, description, contact_name, contact_phone, locale, \
         consent_version, follow_token, confirmation_code, taken_by_user_id, taken_by_organization_id, filed_at, filed_on, updated_at, \
         verified_at, delivered_at, confirmed_at, delivery_seconds) VALUES ",
    );
    for (i, r) in requests.iter().enumerate() {
        let follow = crate::auth::session::token_hash(&r.token);
        let filed_on = r.filed_at.with_timezone(&kazakhstan_offset()).format("%Y-%m-%d").to_string();
        sql.push(if i == 0 { "(" } else { ", (" });
        sql.bind(r.id).push(", ").bind(r.kind.code()).push(", ").bind(direction_of(r.kind)).push(", ").bind(r.region.as_str());
        sql.push(", ").bind(r.urgency.code()).push(", ").bind(r.status.code()).push(", ").bind(r.locality.as_str()).push(", ").bind(r.description.as_str());
        // Demo people: a made-up name and a number in no real range.
        sql.push(", ").bind(format!("Demo {}", r.id)).push(", ").bind(format!("+7700000{:04}", r.id % 10_000)).push(", ").bind(r.locale);
        sql.push(", ").bind(HELP_CONSENT_VERSION).push(", ").bind(follow.as_str()).push(", ").bind(code_hash(&follow, &code_for(&r.token)));
        sql.push(", ").bind(r.taken_by_user).push(", ").bind(r.taken_by_organization).push(", ").bind(r.filed_at).push(", ").bind(filed_on);
        sql.push(", ").bind(r.updated_at).push(", ").bind(r.verified_at).push(", ").bind(r.delivered_at);
        sql.push(", ").bind(r.confirmed_at).push(", ").bind(r.delivered_at.map(|d| (d - r.filed_at).num_seconds())).push(")");
    }
    sql
}

fn insert_entries(entries: &[Entry]) -> Sql {
    let mut sql = Sql::new(
        "INSERT INTO help_ledger (id, request_id, at, actor_kind, actor_user_id, actor_organization_id, from_status, to_status, details_digest, prev_hash, hash) VALUES ",
    );
    for (i, e) in entries.iter().enumerate() {
        sql.push(if i == 0 { "(" } else { ", (" });
        sql.bind(e.seq).push(", ").bind(e.request).push(", ").bind(e.at).push(", ").bind(e.actor.kind.code()).push(", ").bind(e.actor.user);
        sql.push(", ").bind(e.actor.organization).push(", ").bind(e.from.map(|s| s.code().to_string())).push(", ").bind(e.to.code());
        sql.push(", ").bind(e.digest.as_str()).push(", ").bind(e.prev_hash.as_str()).push(", ").bind(e.hash.as_str()).push(")");
    }
    sql
}

/// The entries' salts (demo entries carry no note), kept apart from the chain as `ledger::append` does.
fn insert_entry_details(entries: &[Entry]) -> Sql {
    let mut sql = Sql::new("INSERT INTO help_ledger_details (entry_id, salt) VALUES ");
    for (i, e) in entries.iter().enumerate() {
        sql.push(if i == 0 { "(" } else { ", (" }).bind(e.seq).push(", ").bind(e.salt.as_str()).push(")");
    }
    sql
}
