//! The trust suite's sweep: it does not list routes or fields by hand. It takes every form post
//! from the router's own declarations (`router::form_post_paths`), every server function from
//! the server-function registry, every page from the route table, and every field a person can
//! type into from the forms those pages render; so a new route, page or field is swept too.

use super::{columns, typed_columns};
use crate::testing::browser::{count, Browser};
use crate::organizations::tests::signed_in;
use crate::server::db::{Db, Sql};
use crate::testing::http::send;
use crate::wiring::router;
use crate::testing::{app_state, on_each_backend};
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use std::collections::BTreeSet;

/// Things of the demo data that path parameters name.
struct Known {
    slug: String,
    organization: i64,
    campaign: i64,
    application: i64,
    member: i64,
    help_request: i64,
}

/// `path` with its parameters filled in from `known`; `None` for a catch-all.
fn fill(path: &str, lang: &str, known: &Known) -> Option<String> {
    let mut filled = Vec::new();
    let mut previous = "";
    for segment in path.split('/') {
        let value = match segment {
            "{lang}" => lang.to_string(),
            "{slug}" => known.slug.clone(),
            "{id}" if previous == "requests" => known.help_request.to_string(),
            "{id}" if previous == "organizations" => known.organization.to_string(),
            "{id}" => known.campaign.to_string(),
            "{application}" => known.application.to_string(),
            "{user}" => known.member.to_string(),
            "{step}" => "about".to_string(),
            "{token}" => "0".repeat(64),
            "{action}" => "take".to_string(),
            s if s.starts_with("{*") => return None,
            s if s.starts_with('{') => panic!("the sweep does not know the parameter {s} of {path}: teach `fill` a real value for it"),
            s => s.to_string(),
        };
        previous = segment;
        filled.push(value);
    }
    Some(filled.join("/"))
}

/// Whether a concrete path is one of the router's post paths (`{x}` matches any one segment).
fn matches_pattern(path: &str, pattern: &str) -> bool {
    let (a, b): (Vec<&str>, Vec<&str>) = (path.split('/').collect(), pattern.split('/').collect());
    a.len() == b.len() && a.iter().zip(&b).all(|(segment, wanted)| wanted.starts_with('{') || segment == wanted)
}

/// Demo data, and a moderator who owns the demo organisation with the most applications.
async fn demo_with_owner(db: &Db) -> (Router, Browser, Known) {
    crate::demo::load(db, crate::server::config::DemoData::Standard).await.unwrap();
    let app = router::build(app_state(db.clone()));
    let owner = signed_in(&app, db, "sweep.owner@birgemiz.kz", true).await;
    let campaign = count(db, "SELECT campaign_id AS n FROM applications GROUP BY campaign_id ORDER BY COUNT(*) DESC, campaign_id LIMIT 1").await;
    let organization = count(db, &format!("SELECT organization_id AS n FROM campaigns WHERE id = {campaign}")).await;
    let member = count(db, "SELECT id AS n FROM users WHERE email = 'sweep.owner@birgemiz.kz'").await;
    let mut sql = Sql::new("INSERT INTO organization_members (organization_id, user_id, role, created_at) VALUES (");
    sql.bind(organization).push(", ").bind(member).push(", 'owner', ").bind(chrono::Utc::now()).push(")");
    db.execute(sql).await.unwrap();
    #[derive(sqlx::FromRow)]
    struct Slug {
        slug: String,
    }
    let slug: Slug = db.fetch_one(Sql::new(&format!("SELECT slug FROM organizations WHERE id = {organization}"))).await.unwrap();
    let known = Known {
        slug: slug.slug,
        organization,
        campaign,
        application: count(db, &format!("SELECT MIN(id) AS n FROM applications WHERE campaign_id = {campaign}")).await,
        member,
        help_request: count(db, "SELECT MIN(id) AS n FROM help_requests").await,
    };
    (app, owner, known)
}

/// Every row of every table, folded into one number: equal before and after means nothing changed.
async fn fingerprint(db: &Db) -> u64 {
    use std::hash::{Hash, Hasher};
    #[derive(sqlx::FromRow)]
    struct Cell {
        v: Option<String>,
    }
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for (table, column) in columns(db).await {
        // SQLite's `quote` writes blobs (the search index's pages) as hex, which is valid text.
        let as_text = match db.backend() {
            crate::server::db::Backend::Sqlite => format!("quote(\"{column}\")"),
            crate::server::db::Backend::Postgres => format!("CAST(\"{column}\" AS TEXT)"),
        };
        let mut cells: Vec<Option<String>> = db
            .fetch_all::<Cell>(Sql::new(&format!("SELECT {as_text} AS v FROM \"{table}\"")))
            .await
            .unwrap()
            .into_iter()
            .map(|c| c.v)
            .collect();
        cells.sort();
        (table, column, cells).hash(&mut hasher);
    }
    hasher.finish()
}

/// The ways a browser says a post comes from another site.
const CROSS_SITE: [(&str, &str); 4] = [
    ("sec-fetch-site", "cross-site"),
    ("sec-fetch-site", "same-site"),
    ("origin", "https://evil.example"),
    ("origin", "null"),
];

#[tokio::test]
async fn every_form_post_and_server_function_refuses_a_cross_site_request_and_changes_nothing() {
    on_each_backend(|db| async move {
        let (app, owner, known) = demo_with_owner(&db).await;
        let form_posts = router::form_post_paths();
        assert!(form_posts.len() >= 30, "the router declares its form posts: {form_posts:?}");
        let server_functions: Vec<(String, Method)> = leptos::server_fn::axum::server_fn_paths().map(|(path, method)| (path.to_string(), method)).collect();
        assert!(server_functions.len() >= 10, "{server_functions:?}");

        let mut targets: Vec<String> = form_posts.iter().map(|path| fill(path, "ru", &known).unwrap()).collect();
        targets.extend(server_functions.iter().map(|(path, _)| path.clone()));
        let before = fingerprint(&db).await;
        for target in &targets {
            for (name, value) in CROSS_SITE {
                let request = Request::post(target.as_str())
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .header(header::COOKIE, owner.cookie_header())
                    .header(header::ACCEPT_LANGUAGE, "ru")
                    .header(name, value)
                    .body(Body::from("reason=x&confirm=yes&step=take"))
                    .unwrap();
                let answer = send(&app, request).await;
                assert_eq!(answer.status, StatusCode::FORBIDDEN, "{target} with {name}: {value}: {}", answer.body);
                let explained = crate::i18n::Locale::ALL.iter().any(|locale| answer.body.contains(locale.t(crate::i18n::Key::CrossSiteRefused)));
                assert!(explained, "{target}: the refusal is explained: {}", answer.body);
            }
        }
        assert_eq!(fingerprint(&db).await, before, "a refused cross-site post changed the database");

        // The same posts from the platform's own pages reach their handlers: the list is live.
        for path in &form_posts {
            let target = fill(path, "ru", &known).unwrap();
            let answer = owner.clone().post(&app, &target, &[]).await;
            assert_ne!(answer.status, StatusCode::FORBIDDEN, "{target}");
            assert_ne!(answer.status, StatusCode::METHOD_NOT_ALLOWED, "{target}");
            assert!(!answer.status.is_server_error(), "{target}: {}", answer.body);
        }
    })
    .await;
}

/// Markup that must come back as text wherever a stored text is shown.
const PAYLOAD: &str = "<i>sweep</i><script>alert(1)</script>";
const PAYLOAD_AS_TEXT: &str = "&lt;i&gt;sweep&lt;/i&gt;&lt;script&gt;alert(1)&lt;/script&gt;";

/// A page's forms that post: their actions and the names of the fields a person types into.
fn forms_of(html: &str) -> Vec<(String, Vec<String>)> {
    let page = scraper::Html::parse_document(html);
    let form = scraper::Selector::parse("form[method=post], form[method=POST]").unwrap();
    let typed = scraper::Selector::parse("textarea[name], input[name]").unwrap();
    page.select(&form)
        .map(|form| {
            let action = form.value().attr("action").unwrap_or_default();
            let action = action.split('?').next().unwrap_or_default().to_string();
            let names = form
                .select(&typed)
                .filter(|field| {
                    let kind = field.value().attr("type").unwrap_or("text");
                    field.value().name() == "textarea" || ["text", "email", "tel", "url", "search"].contains(&kind)
                })
                .filter_map(|field| field.value().attr("name").map(str::to_string))
                .collect();
            (action, names)
        })
        .collect()
}

/// Every page of the route table, filled in, in `lang`.
fn pages(lang: &str, known: &Known) -> Vec<String> {
    let mut pages: Vec<String> = leptos_axum::generate_route_list(crate::app::App)
        .iter()
        .filter_map(|route| fill(route.path(), lang, known))
        .collect();
    pages.sort();
    pages.dedup();
    pages
}

#[tokio::test]
async fn every_field_a_person_types_into_is_shown_as_text_on_every_page() {
    on_each_backend(|db| async move {
        let (app, mut owner, known) = demo_with_owner(&db).await;
        let form_posts = router::form_post_paths();

        // Every form on every page, as the owner and moderator sees them.
        let mut typed_fields = BTreeSet::new();
        let mut actions = BTreeSet::new();
        for page in pages("en", &known) {
            let answer = owner.get(&app, &page).await;
            assert!(!answer.status.is_server_error(), "{page}: {}", answer.body);
            for (action, names) in forms_of(&answer.body) {
                actions.insert(action);
                typed_fields.extend(names);
            }
        }
        // A page posts only to a route the sweep knows.
        for action in &actions {
            assert!(form_posts.iter().any(|pattern| matches_pattern(action, pattern)), "a page posts to {action}, which the router does not declare");
        }
        assert!(actions.len() >= 15, "{actions:?}");

        // Every stored column named as such a field holds the payload.
        let mut written = Vec::new();
        for (table, column, is_text) in typed_columns(&db).await {
            // Numbers typed as text (coordinates) are stored as numbers: no text can reach them.
            if !is_text || !typed_fields.contains(&column) {
                continue;
            }
            // Unique columns (e-mail addresses) stay unique with the row's id behind the payload.
            let mut done = false;
            for then in [" || CAST(id AS TEXT)", ""] {
                let mut update = Sql::new(&format!("UPDATE \"{table}\" SET \"{column}\" = "));
                update.bind(PAYLOAD).push(&format!("{then} WHERE \"{column}\" IS NOT NULL"));
                if db.execute(update).await.is_ok() {
                    done = true;
                    break;
                }
            }
            assert!(done, "{table}.{column} could not hold the payload");
            written.push(format!("{table}.{column}"));
        }
        println!("fields typed into: {typed_fields:?}\ncolumns holding the payload: {written:?}");
        assert!(written.len() >= 15, "{written:?}");

        // Every page, in every language, signed in and not: never markup, and shown somewhere.
        let mut shown_on = BTreeSet::new();
        for lang in ["kk", "ru", "en"] {
            for page in pages(lang, &known) {
                for browser in [&mut owner, &mut Browser::new("10.33.0.1")] {
                    let answer = browser.get(&app, &page).await;
                    assert!(!answer.status.is_server_error(), "{page}: {}", answer.body);
                    if let Some(at) = answer.body.find("<script>alert(1)") {
                        let from = answer.body[..at].char_indices().rev().nth(300).map_or(0, |(i, _)| i);
                        panic!("{page}: a stored text became a script: …{}", &answer.body[from..(at + 40).min(answer.body.len())]);
                    }
                    assert!(!answer.body.contains("<i>sweep</i>"), "{page}: a stored text became markup");
                    if answer.body.contains(PAYLOAD_AS_TEXT) {
                        shown_on.insert(page.trim_start_matches(&format!("/{lang}")).to_string());
                    }
                }
            }
        }
        println!("the payload is shown as text on: {shown_on:?}");
        assert!(shown_on.len() >= 8, "{shown_on:?}");
    })
    .await;
}
