//! Store tests: one body each, run on SQLite and on PostgreSQL (see `server::testing`).

use super::model::{CampaignQuery, Cursor};
use super::store::{self, NewCampaign, OrganizationKey};
use crate::i18n::LocalizedText;
use crate::organizations::store::{self as organizations, NewOrganization};
use crate::server::db::Db;
use crate::testing::on_each_backend;
use chrono::{DateTime, Duration, TimeZone, Utc};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 22, 6, 0, 0).unwrap()
}

async fn organization(db: &Db, slug: &str) -> i64 {
    organizations::insert(
        db,
        &NewOrganization {
            slug: slug.into(),
            name: LocalizedText::new(Some("«Мейірім» қоғамдық бірлестігі".into()), Some("ОО «Мейірім»".into()), None),
            description: LocalizedText::default(),
            region: "KZ-75".into(),
            verified: true,
            created_at: now(),
        },
    )
    .await
    .expect("insert organisation")
}

/// A published, on-site campaign in Almaty starting `days` after `now()`; change what a test needs.
fn campaign(organization: i64, days: i64, title: &str) -> NewCampaign {
    let starts_at = now() + Duration::days(days);
    NewCampaign {
        organization: OrganizationKey::Id(organization),
        direction: "taza-alem".into(),
        region: "KZ-75".into(),
        published: true,
        title: LocalizedText::new(Some(title.into()), None, None),
        description: LocalizedText::new(None, Some("Описание".into()), None),
        address: Some("Алматы қ., Абай даңғылы, 1".into()),
        point: Some((43.24, 76.89)),
        is_online: false,
        starts_at,
        ends_at: starts_at + Duration::hours(3),
        capacity: Some(10),
        spots_taken: 3,
        min_age: None,
        created_at: now(),
    }
}

fn query(pairs: &[(&str, &str)]) -> super::model::CampaignFilter {
    CampaignQuery::from_pairs(pairs.iter().copied()).validate().expect("valid query")
}

async fn titles(db: &Db, pairs: &[(&str, &str)]) -> Vec<String> {
    let page = store::list(db, &query(pairs), now()).await.expect("list");
    page.items.into_iter().map(|c| c.title.kk.or(c.title.ru).unwrap_or_default()).collect()
}

#[tokio::test]
async fn lists_published_running_campaigns_soonest_first() {
    on_each_backend(|db| async move {
        let org = organization(&db, "meirim").await;
        store::insert(&db, &campaign(org, 5, "Бесінші")).await.unwrap();
        store::insert(&db, &campaign(org, 1, "Бірінші")).await.unwrap();
        store::insert(&db, &NewCampaign { published: false, ..campaign(org, 2, "Жоба") }).await.unwrap();
        store::insert(&db, &campaign(org, -3, "Өткен")).await.unwrap();
        // Started yesterday, runs for a week: still open.
        let running = campaign(org, -1, "Жүріп жатыр");
        store::insert(&db, &NewCampaign { ends_at: running.starts_at + Duration::days(7), ..running }).await.unwrap();
        assert_eq!(titles(&db, &[]).await, ["Жүріп жатыр", "Бірінші", "Бесінші"]);
    })
    .await;
}

#[tokio::test]
async fn filters_by_region_direction_mode_and_dates() {
    on_each_backend(|db| async move {
        let org = organization(&db, "meirim").await;
        store::insert(&db, &campaign(org, 1, "Алматы")).await.unwrap();
        store::insert(&db, &NewCampaign { region: "KZ-71".into(), ..campaign(org, 2, "Астана") }).await.unwrap();
        store::insert(&db, &NewCampaign { direction: "qamqor".into(), ..campaign(org, 3, "Қамқор") }).await.unwrap();
        store::insert(&db, &NewCampaign { is_online: true, address: None, point: None, ..campaign(org, 4, "Онлайн") }).await.unwrap();
        assert_eq!(titles(&db, &[("region", "KZ-71")]).await, ["Астана"]);
        assert_eq!(titles(&db, &[("region", "kz-71")]).await, ["Астана"]);
        assert_eq!(titles(&db, &[("direction", "qamqor")]).await, ["Қамқор"]);
        assert_eq!(titles(&db, &[("mode", "online")]).await, ["Онлайн"]);
        assert_eq!(titles(&db, &[("mode", "onsite")]).await, ["Алматы", "Астана", "Қамқор"]);
        // now() is 22 Nov 11:00 in Kazakhstan: day 2 is 24 Nov, day 3 is 25 Nov.
        assert_eq!(titles(&db, &[("from", "2026-11-24"), ("to", "2026-11-25")]).await, ["Астана", "Қамқор"]);
        assert_eq!(titles(&db, &[("to", "2026-11-23")]).await, ["Алматы"]);
        assert_eq!(titles(&db, &[("region", "KZ-71"), ("direction", "qamqor")]).await, Vec::<String>::new());
    })
    .await;
}

#[tokio::test]
async fn search_ignores_case_in_kazakh_and_russian_in_every_language() {
    on_each_backend(|db| async move {
        let org = organization(&db, "meirim").await;
        let trees = NewCampaign {
            title: LocalizedText::new(Some("Ағаш отырғызу ҚАЙЫҢДЫ".into()), Some("Посадка ДЕРЕВЬЕВ и ёлок".into()), Some("Tree planting".into())),
            ..campaign(org, 1, "")
        };
        store::insert(&db, &trees).await.unwrap();
        store::insert(&db, &campaign(org, 2, "Қарттарға көмек 100% ниетпен")).await.unwrap();
        let found = |q: &'static str| {
            let db = db.clone();
            async move { titles(&db, &[("q", q)]).await.len() }
        };
        assert_eq!(found("қайың").await, 1, "Kazakh letters fold");
        assert_eq!(found("ҒАШ").await, 1);
        assert_eq!(found("деревьев").await, 1, "Russian text is searched");
        assert_eq!(found("елок").await, 1, "ё matches е");
        assert_eq!(found("TREE").await, 1, "English text is searched");
        assert_eq!(found("описание").await, 2, "descriptions are searched");
        assert_eq!(found("посадка tree").await, 1, "every word must match");
        assert_eq!(found("100%").await, 1);
        assert_eq!(found("%").await, 1, "LIKE wildcards are literal");
        assert_eq!(found("_").await, 0);
        assert_eq!(found("' OR 1=1--").await, 0);
    })
    .await;
}

#[tokio::test]
async fn keyset_pages_cover_everything_once_in_both_directions() {
    on_each_backend(|db| async move {
        let org = organization(&db, "meirim").await;
        // Pairs share a start time, so the id breaks ties.
        let batch: Vec<NewCampaign> = (0..23).map(|i| campaign(org, 1 + i / 2, &format!("№{i:02}"))).collect();
        db.execute_all(vec![store::insert_many(&batch)]).await.unwrap();
        let mut seen = Vec::new();
        let mut after: Option<Cursor> = None;
        let mut pages = Vec::new();
        loop {
            let cursor = after.map(|c| c.encode());
            let mut pairs = vec![("limit", "5")];
            if let Some(c) = cursor.as_deref() {
                pairs.push(("after", c));
            }
            let page = store::list(&db, &query(&pairs), now()).await.unwrap();
            assert_eq!(page.previous.is_some(), after.is_some());
            seen.extend(page.items.iter().map(|c| c.title.kk.clone().unwrap()));
            pages.push(page.clone());
            match page.next {
                Some(next) => after = Some(next),
                None => break,
            }
        }
        let expected: Vec<String> = (0..23).map(|i| format!("№{i:02}")).collect();
        assert_eq!(seen, expected);
        assert_eq!(pages.len(), 5);
        // Going back from the last page gives the fourth page again, with a link further back.
        let before = pages[4].previous.unwrap().encode();
        let back = store::list(&db, &query(&[("limit", "5"), ("before", &before)]), now()).await.unwrap();
        assert_eq!(back.items, pages[3].items);
        assert!(back.previous.is_some() && back.next.is_some());
        let first_before = pages[1].previous.unwrap().encode();
        let first = store::list(&db, &query(&[("limit", "5"), ("before", &first_before)]), now()).await.unwrap();
        assert_eq!(first.items, pages[0].items);
        assert!(first.previous.is_none(), "nothing comes before the first page");
        // Back from the middle of the first page: a full first page, not its remainder.
        let third = Cursor::of(&pages[0].items[2]).encode();
        let full = store::list(&db, &query(&[("limit", "5"), ("before", &third)]), now()).await.unwrap();
        assert_eq!(full.items, pages[0].items);
        assert!(full.previous.is_none() && full.next.is_some());
    })
    .await;
}

#[tokio::test]
async fn reads_one_campaign_with_its_organization() {
    on_each_backend(|db| async move {
        let org = organization(&db, "meirim").await;
        let id = store::insert(&db, &campaign(org, 1, "Тазалық")).await.unwrap();
        let draft = store::insert(&db, &NewCampaign { published: false, ..campaign(org, 1, "Жоба") }).await.unwrap();
        let past = store::insert(&db, &campaign(org, -5, "Өткен")).await.unwrap();
        let found = store::get(&db, id, now()).await.unwrap().expect("published campaign");
        assert_eq!(found.summary.title.kk.as_deref(), Some("Тазалық"));
        assert_eq!(found.summary.organization.slug, "meirim");
        assert_eq!(found.summary.spots_left(), Some(7));
        assert_eq!(found.summary.starts_at, now() + Duration::days(1));
        assert_eq!((found.latitude, found.longitude), (Some(43.24), Some(76.89)));
        assert!(!found.has_ended);
        assert!(store::get(&db, past, now()).await.unwrap().unwrap().has_ended, "an ended campaign still has its page");
        assert!(store::get(&db, draft, now()).await.unwrap().is_none(), "drafts are not public");
        assert!(store::get(&db, 999_999, now()).await.unwrap().is_none());
    })
    .await;
}

#[tokio::test]
async fn counters_count_live() {
    on_each_backend(|db| async move {
        let org = organization(&db, "meirim").await;
        organization(&db, "birlik").await;
        store::insert(&db, &campaign(org, 1, "А")).await.unwrap();
        store::insert(&db, &campaign(org, -9, "Б")).await.unwrap();
        let counters = store::counters(&db, now()).await.unwrap();
        assert_eq!((counters.organizations, counters.volunteers, counters.open_campaigns), (2, 0, 1));
    })
    .await;
}

#[tokio::test]
async fn demo_data_load_once_and_cover_the_country() {
    on_each_backend(|db| async move {
        assert!(crate::demo::load(&db, crate::server::config::DemoData::Standard).await.unwrap());
        assert!(!crate::demo::load(&db, crate::server::config::DemoData::Standard).await.unwrap(), "second load does nothing");
        let counters = store::counters(&db, Utc::now()).await.unwrap();
        assert_eq!(counters.organizations, 160);
        assert_eq!(counters.volunteers, 3_200);
        assert!(counters.open_campaigns > 1_000, "{}", counters.open_campaigns);
        for region in crate::reference::REGIONS {
            let page = store::list(&db, &query(&[("region", region.code), ("limit", "1")]), Utc::now()).await.unwrap();
            assert_eq!(page.items.len(), 1, "no open campaign in {}", region.code);
        }
    })
    .await;
}

#[tokio::test]
async fn rejected_rows_leave_nothing_behind() {
    on_each_backend(|db| async move {
        let org = organization(&db, "meirim").await;
        let good = campaign(org, 1, "Жақсы");
        let bad = NewCampaign { region: "KZ-99".into(), ..campaign(org, 2, "Жаман") };
        assert!(db.execute_all(vec![store::insert_many(&[good.clone()]), store::insert_many(&[bad])]).await.is_err());
        assert!(titles(&db, &[]).await.is_empty(), "the transaction was rolled back");
    })
    .await;
}

#[tokio::test]
async fn servers_starting_together_load_the_demo_data_once() {
    on_each_backend(|db| async move {
        let size = crate::server::config::DemoData::Standard;
        let (a, b) = tokio::join!(crate::demo::load(&db, size.clone()), crate::demo::load(&db, size.clone()));
        let loaded = [a.expect("first loader"), b.expect("second loader")];
        assert_eq!(loaded.iter().filter(|l| **l).count(), 1, "exactly one of them loads");
        assert_eq!(store::counters(&db, Utc::now()).await.unwrap().organizations, 160);
    })
    .await;
}

#[tokio::test]
async fn lists_only_the_campaigns_placed_in_the_part_of_the_map_in_view() {
    on_each_backend(|db| async move {
        let org = organization(&db, "meirim").await;
        store::insert(&db, &campaign(org, 1, "Алматы")).await.unwrap();
        store::insert(&db, &NewCampaign { point: Some((51.13, 71.43)), region: "KZ-71".into(), ..campaign(org, 2, "Астана") }).await.unwrap();
        store::insert(&db, &NewCampaign { point: None, address: None, is_online: true, ..campaign(org, 3, "Онлайн") }).await.unwrap();
        // Around Almaty: only the campaign placed there, not the online one without a place.
        assert_eq!(titles(&db, &[("bbox", "76.5,43.0,77.2,43.5")]).await, ["Алматы"]);
        assert_eq!(titles(&db, &[("bbox", "70.0,50.0,73.0,52.0")]).await, ["Астана"]);
        // The whole country's box is no filter at all.
        assert_eq!(titles(&db, &[("bbox", "46.0000,40.0000,88.0000,56.0000")]).await, ["Алматы", "Астана", "Онлайн"]);
        assert!(CampaignQuery::from_pairs([("bbox", "1,2,3")]).validate().is_err());
    })
    .await;
}

/// Words in three languages, parts of words, capitals, `ё`, a two-letter word (not indexable),
/// two words at once and one that matches nothing: the trigram indexes find exactly what reading
/// every campaign finds, and both engines give the same answers on the same demo data.
#[tokio::test]
async fn search_by_the_trigram_index_finds_what_reading_every_campaign_finds_on_both_engines() {
    const WORDS: [&str; 10] = ["ДОНОР", "ағаш", "отырғыз", "детского", "субботник", "Tree", "ёлк", "ау", "алматы донор", "zzqxj"];
    let now = Utc::now();
    let answers = std::sync::Arc::new(std::sync::Mutex::new(Vec::<Vec<Vec<i64>>>::new()));
    on_each_backend(|db| {
        let answers = answers.clone();
        async move {
            crate::demo::load(&db, crate::server::config::DemoData::Standard).await.unwrap();
            #[derive(sqlx::FromRow)]
            struct Row {
                id: i64,
                search_text: String,
            }
            let mut everything = crate::server::db::Sql::new("SELECT id, search_text FROM campaigns WHERE status = 'published' AND ends_at >= ");
            everything.bind(now).push(" ORDER BY starts_at, id");
            let everything: Vec<Row> = db.fetch_all(everything).await.unwrap();
            let mut found = Vec::new();
            for words in WORDS {
                let mut ids = Vec::new();
                let mut query = CampaignQuery { q: Some(words.into()), limit: Some("100".into()), ..Default::default() };
                loop {
                    let page = store::list(&db, &query.validate().unwrap(), now).await.unwrap();
                    ids.extend(page.items.iter().map(|c| c.id));
                    let Some(next) = page.next else { break };
                    query.after = Some(next.encode());
                }
                let folded = super::model::search_fold(words);
                let read_all: Vec<i64> = everything
                    .iter()
                    .filter(|row| folded.split_whitespace().all(|word| row.search_text.contains(word)))
                    .map(|row| row.id)
                    .collect();
                assert_eq!(ids, read_all, "{words}");
                found.push(ids);
            }
            assert!(found[0].len() > 10 && found[9].is_empty(), "{:?}", found.iter().map(Vec::len).collect::<Vec<_>>());
            answers.lock().unwrap().push(found);
        }
    })
    .await;
    let answers = answers.lock().unwrap();
    if let [sqlite, postgres] = &answers[..] {
        assert_eq!(sqlite, postgres, "SQLite and PostgreSQL answer alike");
    }
}

/// The plan of `sql`, a line per step: SQLite's query plan; PostgreSQL's plan with sequential
/// scans priced out, so that one shows only where no index can serve.
async fn plan(db: &Db, sql: crate::server::db::Sql) -> String {
    match db.backend() {
        crate::server::db::Backend::Sqlite => {
            #[derive(sqlx::FromRow)]
            struct Step {
                detail: String,
            }
            let steps: Vec<Step> = db.fetch_all(sql.prefixed("EXPLAIN QUERY PLAN ")).await.unwrap();
            steps.into_iter().map(|s| s.detail).collect::<Vec<_>>().join("\n")
        }
        crate::server::db::Backend::Postgres => {
            #[derive(sqlx::FromRow)]
            struct Step {
                #[sqlx(rename = "QUERY PLAN")]
                step: String,
            }
            let mut tx = db.begin().await.unwrap();
            tx.execute(crate::server::db::Sql::new("SET LOCAL enable_seqscan = off")).await.unwrap();
            let steps: Vec<Step> = tx.fetch_all(sql.prefixed("EXPLAIN ")).await.unwrap();
            tx.rollback().await.unwrap();
            steps.into_iter().map(|s| s.step).collect::<Vec<_>>().join("\n")
        }
    }
}

/// Every combination of the list's filters (direction, region, format, dates) reads the
/// campaigns from an index; on SQLite also in the list's order, without sorting them all. A
/// change that loses an index, or a filter that no index serves, fails here.
#[tokio::test]
async fn every_filter_combination_reads_the_campaigns_from_an_index() {
    on_each_backend(|db| async move {
        crate::demo::load(&db, crate::server::config::DemoData::Standard).await.unwrap();
        let filters = [("direction", "ayala"), ("region", "KZ-75"), ("mode", "online"), ("from", "2026-12-10"), ("to", "2027-03-01")];
        for mask in 0..(1u32 << filters.len()) {
            let pairs: Vec<(&str, &str)> = filters.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, p)| *p).collect();
            let filter = CampaignQuery::from_pairs(pairs.iter().copied()).validate().unwrap();
            let sql = store::page_query(db.backend(), store::Walk::InListOrder, &filter, super::model::PageFrom::Start, Utc::now());
            let plan = plan(&db, sql).await;
            // Region and direction, the filters that narrow most, are each a key of the index read.
            let keys: Vec<&str> = pairs.iter().map(|(name, _)| *name).filter(|name| ["region", "direction"].contains(name)).collect();
            match db.backend() {
                crate::server::db::Backend::Sqlite => {
                    let search = plan.lines().find(|step| step.starts_with("SEARCH c USING") && step.contains("INDEX"));
                    let search = search.unwrap_or_else(|| panic!("{pairs:?} reads no index:\n{plan}"));
                    for key in &keys {
                        assert!(search.contains(&format!("{key}=?")), "{pairs:?}: {key} is not a key of the index read:\n{plan}");
                    }
                    assert!(!plan.contains("TEMP B-TREE"), "{pairs:?} sorts every match:\n{plan}");
                }
                crate::server::db::Backend::Postgres => {
                    assert!(!plan.contains("Seq Scan on campaigns"), "{pairs:?}:\n{plan}");
                    let conditions: String = plan.lines().filter(|step| step.contains("Index Cond")).collect();
                    for key in &keys {
                        assert!(conditions.contains(&format!("{key} =")), "{pairs:?}: {key} is not a key of the index read:\n{plan}");
                    }
                }
            }
        }
    })
    .await;
}
