//! Targeted help through the real router on both engines: the whole life of a request, every
//! forbidden step and actor, privacy of contacts, the ledger's tamper evidence, bad input and
//! automated abuse, and two helpers racing for one request.

use super::model::{HelpAction, HelpStatus};
use crate::auth::tests::{count, location, Browser};
use crate::organizations::tests::{fields, registration, signed_in, valid_bin, with};
use crate::server::db::{Backend, Db, Sql};
use crate::wiring::router;
use crate::server::testing::{app_state, on_each_backend};
use axum::http::StatusCode;
use axum::Router;

const NAME: &str = "Зейнеп Оспанқызы";
const PHONE: &str = "+7 701 987 65 43";
const PHONE_STORED: &str = "+77019876543";
const EMAIL: &str = "zeynep.private@mail.kz";
const ADDRESS: &str = "Абай даңғылы, 150-үй, 12-пәтер";

/// A request as a person fills it in, with a form stamp the server issued.
pub(crate) async fn request_form(db: &Db) -> Vec<(&'static str, String)> {
    let stamp = super::abuse::new_stamp(db).await.unwrap();
    [
        ("stamp", stamp.as_str()),
        ("leave_empty", ""),
        ("kind", "food"),
        ("direction", "qamqor"),
        ("urgency", "soon"),
        ("description", "Зейнеп апаға азық-түлік керек: нан, сүт, жарма. Өзі дүкенге бара алмайды."),
        ("region", "KZ-75"),
        ("locality", "Алматы, Бостандық ауданы"),
        ("contact_name", NAME),
        ("contact_phone", PHONE),
        ("contact_email", EMAIL),
        ("address", ADDRESS),
        ("agree", "yes"),
    ]
    .into_iter()
    .map(|(n, v)| (n, v.to_string()))
    .collect()
}

/// Files a request as a visitor; the private link's token comes back.
async fn file_request(app: &Router, db: &Db, browser: &mut Browser) -> (i64, String) {
    let form = request_form(db).await;
    let answer = browser.post(app, "/kk/help/new", &fields(&form)).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let token = location(&answer).trim_start_matches("/kk/help/follow/").split('?').next().unwrap().to_string();
    assert_eq!(token.len(), 64, "{}", location(&answer));
    (count(db, "SELECT MAX(id) AS n FROM help_requests").await, token)
}

/// A member of a verified organisation, signed in.
async fn verified_member(app: &Router, db: &Db, email: &str, bin: &str, name: &str) -> Browser {
    let mut browser = signed_in(app, db, email, false).await;
    let form = with(&with(&registration(&valid_bin(bin)), "name_en", name), "name_kk", name);
    let answer = browser.post(app, "/en/organizations/new", &fields(&form)).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    db.execute(Sql::new("UPDATE organizations SET verified = TRUE")).await.unwrap();
    browser
}

async fn status_of(db: &Db, id: i64) -> String {
    #[derive(sqlx::FromRow)]
    struct Status {
        status: String,
    }
    let mut sql = Sql::new("SELECT status FROM help_requests WHERE id = ");
    sql.bind(id);
    db.fetch_one::<Status>(sql).await.unwrap().status
}

async fn step(app: &Router, browser: &mut Browser, id: i64, action: &str, extra: &[(&str, &str)]) -> crate::server::http_tests::Answer {
    let mut form = vec![("step", action)];
    form.extend_from_slice(extra);
    browser.post(app, &format!("/en/help/requests/{id}/{action}"), &form).await
}

async fn ledger_entries(db: &Db) -> i64 {
    count(db, "SELECT COUNT(*) AS n FROM help_ledger").await
}

#[tokio::test]
async fn a_request_goes_from_filing_to_closed_and_every_step_is_in_the_ledger() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let mut person = Browser::new("10.20.0.1");
        let (id, token) = file_request(&app, &db, &mut person).await;
        assert_eq!(status_of(&db, id).await, "new");
        // The person's link mail is queued in their language, with the code.
        let code = super::store::code_for(&token);
        let mail = count(&db, &format!("SELECT COUNT(*) AS n FROM mail_queue WHERE recipient = '{EMAIL}' AND body LIKE '%{code}%'")).await;
        assert_eq!(mail, 1);
        // The private page shows what the person entered and their code.
        let page = person.get(&app, &format!("/kk/help/follow/{token}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(NAME) && page.body.contains(&code[..3]), "the person sees their details and code");

        let mut moderator = signed_in(&app, &db, "moderator@birgemiz.kz", true).await;
        assert_eq!(step(&app, &mut moderator, id, "verify", &[]).await.status, StatusCode::SEE_OTHER);
        assert_eq!(status_of(&db, id).await, "verified");

        let mut helper = signed_in(&app, &db, "helper@mail.kz", false).await;
        let before = helper.get(&app, &format!("/en/help/requests/{id}")).await;
        assert!(before.body.contains("азық-түлік") && !before.body.contains(NAME), "a helper sees what is needed, not who");
        let answer = step(&app, &mut helper, id, "take", &[]).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
        let taken = helper.get(&app, &format!("/en/help/requests/{id}")).await;
        assert!(taken.body.contains(NAME) && taken.body.contains(ADDRESS), "the taker sees the contacts");
        for action in ["start", "deliver"] {
            assert_eq!(step(&app, &mut helper, id, action, &[]).await.status, StatusCode::SEE_OTHER, "{action}");
        }
        let wrong = if code == "000000" { "111111" } else { "000000" };
        let answer = step(&app, &mut helper, id, "confirm", &[("code", wrong)]).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(answer.body.contains("This is not the person&#x27;s code") || answer.body.contains("This is not the person's code"), "{}", answer.body);
        assert_eq!(status_of(&db, id).await, "delivered");
        let spaced = format!("{} {}", &code[..3], &code[3..]);
        assert_eq!(step(&app, &mut helper, id, "confirm", &[("code", &spaced)]).await.status, StatusCode::SEE_OTHER);
        assert_eq!(step(&app, &mut helper, id, "close", &[("note", "Азық-түлік жеткізілді.")]).await.status, StatusCode::SEE_OTHER);
        assert_eq!(status_of(&db, id).await, "closed");

        // Seven entries, chained, each status where its entry put it.
        assert_eq!(ledger_entries(&db).await, 7);
        let check = super::ledger::verify(&db).await.unwrap();
        assert_eq!(check.problem, None);
        assert_eq!((check.entries, check.requests), (7, 1));
        let timeline = crate::server::http_tests::get(&app, &format!("/api/fn/help-request?id={id}")).await.json();
        let steps: Vec<&str> = timeline["timeline"].as_array().unwrap().iter().map(|e| e["to"].as_str().unwrap()).collect();
        assert_eq!(steps, ["new", "verified", "taken", "in_progress", "delivered", "confirmed", "closed"]);
        let actors: Vec<&str> = timeline["timeline"].as_array().unwrap().iter().map(|e| e["actor"].as_str().unwrap()).collect();
        assert_eq!(actors, ["requester", "moderator", "volunteer", "volunteer", "volunteer", "volunteer", "volunteer"]);

        // The figures counted it.
        let figures = crate::server::http_tests::get(&app, "/api/v1/transparency?region=KZ-75").await.json();
        for (figure, n) in [("filed", 1), ("verified", 1), ("delivered", 1), ("confirmed", 1)] {
            assert_eq!(figures["requests"][figure], n, "{figure}: {figures}");
        }
        assert!(figures["requests"]["median_hours_to_delivery"].as_f64().is_some());
        let elsewhere = crate::server::http_tests::get(&app, "/api/v1/transparency?region=KZ-71").await.json();
        assert_eq!(elsewhere["requests"]["filed"], 0);
    })
    .await;
}

/// Every person who may come to a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Visitor,
    Volunteer,
    OtherOrganization,
    Taker,
    Moderator,
    Person,
    Operator,
}

const EVERYONE: [Who; 7] = [Who::Visitor, Who::Volunteer, Who::OtherOrganization, Who::Taker, Who::Moderator, Who::Person, Who::Operator];

/// Whether `who` may take `action` on a request (filed by the operator, taken by the taker) in
/// `status`: the rules of `access::permitted`, written out again by hand.
fn allowed(who: Who, action: HelpAction, status: HelpStatus) -> bool {
    use HelpAction::*;
    use HelpStatus::*;
    let from_ok = action.from().contains(&status);
    let taken = matches!(status, Taken | InProgress | Delivered | Confirmed);
    let is_taker = who == Who::Taker && taken;
    from_ok
        && match action {
            Verify => matches!(who, Who::Moderator | Who::OtherOrganization),
            Decline => matches!(who, Who::Moderator | Who::OtherOrganization),
            Take => matches!(who, Who::Volunteer | Who::OtherOrganization | Who::Taker | Who::Moderator | Who::Operator),
            Release => is_taker || who == Who::Moderator,
            Start | Deliver => is_taker,
            Confirm => is_taker || who == Who::Person,
            Close => (status == Confirmed && is_taker) || who == Who::Moderator,
            Cancel => matches!(who, Who::Person | Who::Operator | Who::Moderator),
        }
}

#[tokio::test]
async fn helpers_see_the_requests_of_their_organisations_regions_unless_they_choose_one() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        for (i, region) in ["KZ-75", "KZ-19", "KZ-55"].into_iter().enumerate() {
            let mut form = request_form(&db).await;
            form.iter_mut().find(|(n, _)| *n == "region").unwrap().1 = region.to_string();
            let answer = Browser::new(&format!("10.3.3.{i}")).post(&app, "/kk/help/new", &fields(&form)).await;
            assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
        }
        // The organisation works in Almaty and Almaty Region; its member gave no region of their own.
        let mut member = verified_member(&app, &db, "member@zhasyl.kz", "19014000012", "Zhasyl").await;
        let regions = |answer: &crate::server::http_tests::Answer| {
            let mut seen: Vec<String> = answer.json()["to_verify"].as_array().unwrap().iter().map(|item| item["request"]["region"].as_str().unwrap().to_string()).collect();
            seen.sort();
            seen
        };
        let near = member.get(&app, "/api/fn/help-queue?near_me=true").await;
        assert_eq!(near.status, StatusCode::OK, "{}", near.body);
        assert_eq!(regions(&near), ["KZ-19", "KZ-75"]);
        assert_eq!(near.json()["near"], serde_json::json!(["KZ-19", "KZ-75"]));
        let chosen = member.get(&app, "/api/fn/help-queue?near_me=false&filter[region]=KZ-55").await;
        assert_eq!(regions(&chosen), ["KZ-55"], "{}", chosen.body);
        // The page names the regions it narrowed to.
        let page = member.get(&app, "/en/help/queue").await;
        assert!(page.body.contains("Near you: Almaty Region, Almaty."), "{}", page.body);
    })
    .await;
}

#[tokio::test]
async fn every_forbidden_step_and_every_unauthorised_actor_is_refused_and_changes_nothing() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let mut operator = signed_in(&app, &db, "operator@cso.kz", false).await;
        db.execute(Sql::new("UPDATE users SET is_operator = TRUE WHERE email = 'operator@cso.kz'")).await.unwrap();
        let mut moderator = signed_in(&app, &db, "moderator@birgemiz.kz", true).await;
        let mut taker = signed_in(&app, &db, "taker@mail.kz", false).await;
        let mut people: Vec<(Who, Browser)> = vec![
            (Who::Visitor, Browser::new("10.30.0.1")),
            (Who::Volunteer, signed_in(&app, &db, "volunteer@mail.kz", false).await),
            (Who::OtherOrganization, verified_member(&app, &db, "member@qamqor.kz", "19014000012", "Qamqor").await),
        ];
        // One request in each status that a step starts from, filed by the operator for someone.
        let mut requests: Vec<(HelpStatus, i64, String)> = Vec::new();
        for status in [HelpStatus::New, HelpStatus::Verified, HelpStatus::Taken, HelpStatus::InProgress, HelpStatus::Delivered, HelpStatus::Confirmed, HelpStatus::Closed, HelpStatus::Declined, HelpStatus::Cancelled] {
            let mut form = request_form(&db).await;
            form.push(("filed_for", "operator".to_string()));
            let answer = operator.post(&app, "/kk/help/new", &fields(&form)).await;
            assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
            let token = location(&answer).trim_start_matches("/kk/help/follow/").split('?').next().unwrap().to_string();
            let id = count(&db, "SELECT MAX(id) AS n FROM help_requests").await;
            let code = super::store::code_for(&token);
            let road: Vec<(&str, bool)> = match status {
                HelpStatus::New => vec![],
                HelpStatus::Verified => vec![("verify", false)],
                HelpStatus::Taken => vec![("verify", false), ("take", true)],
                HelpStatus::InProgress => vec![("verify", false), ("take", true), ("start", true)],
                HelpStatus::Delivered => vec![("verify", false), ("take", true), ("start", true), ("deliver", true)],
                HelpStatus::Confirmed | HelpStatus::Closed => {
                    let mut road = vec![("verify", false), ("take", true), ("start", true), ("deliver", true), ("confirm", true)];
                    if status == HelpStatus::Closed {
                        road.push(("close", true));
                    }
                    road
                }
                HelpStatus::Declined => vec![("decline", false)],
                HelpStatus::Cancelled => vec![("cancel", false)],
            };
            for (action, by_taker) in road {
                let browser = if by_taker { &mut taker } else { &mut moderator };
                let answer = step(&app, browser, id, action, &[("note", "Себебі бар."), ("code", &code)]).await;
                assert_eq!(answer.status, StatusCode::SEE_OTHER, "{action} on the way to {status:?}: {}", answer.body);
            }
            assert_eq!(status_of(&db, id).await, status.code());
            requests.push((status, id, token));
        }
        people.push((Who::Taker, taker));
        people.push((Who::Moderator, moderator));
        people.push((Who::Operator, operator));

        let mut refused = 0;
        for (status, id, token) in &requests {
            for action in HelpAction::ALL {
                for who in EVERYONE {
                    if allowed(who, *action, *status) {
                        continue;
                    }
                    let entries = ledger_entries(&db).await;
                    let form = [("step", action.code()), ("note", "Тексеру."), ("code", "000000")];
                    let answer = if who == Who::Person {
                        Browser::new("10.30.0.9").post(&app, &format!("/en/help/follow/{token}/{}", action.code()), &form).await
                    } else {
                        let (_, browser) = people.iter_mut().find(|(w, _)| *w == who).unwrap();
                        browser.post(&app, &format!("/en/help/requests/{id}/{}", action.code()), &form).await
                    };
                    let to_login = answer.status == StatusCode::SEE_OTHER && location(&answer).contains("/login");
                    assert!(
                        to_login || matches!(answer.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND | StatusCode::UNPROCESSABLE_ENTITY),
                        "{who:?} {action:?} on {status:?}: {} {}",
                        answer.status,
                        location(&answer)
                    );
                    assert_eq!(to_login, who == Who::Visitor, "only a visitor is sent to sign in: {who:?} {action:?} {status:?}");
                    assert_eq!(status_of(&db, *id).await, status.code(), "{who:?} {action:?} on {status:?} moved it");
                    assert_eq!(ledger_entries(&db).await, entries, "{who:?} {action:?} on {status:?} wrote to the ledger");
                    refused += 1;
                }
            }
        }
        assert!(refused > 400, "{refused} refusals checked");
        // A step with no name, and a request that does not exist.
        let (_, volunteer) = people.iter_mut().find(|(w, _)| *w == Who::Volunteer).unwrap();
        assert_eq!(volunteer.post(&app, "/en/help/requests/1/explode", &[]).await.status, StatusCode::NOT_FOUND);
        assert_eq!(volunteer.post(&app, "/en/help/requests/999999/take", &[]).await.status, StatusCode::NOT_FOUND);
        assert_eq!(Browser::new("10.30.0.8").post(&app, &format!("/en/help/follow/{}/confirm", "ab".repeat(32)), &[]).await.status, StatusCode::NOT_FOUND);
        assert_eq!(super::ledger::verify(&db).await.unwrap().problem, None);
    })
    .await;
}

#[tokio::test]
async fn contact_details_never_appear_in_a_public_page_or_api_answer() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let mut person = Browser::new("10.40.0.1");
        let (id, token) = file_request(&app, &db, &mut person).await;
        let (second, _) = file_request(&app, &db, &mut person).await;
        let mut moderator = signed_in(&app, &db, "moderator@birgemiz.kz", true).await;
        let mut organization = verified_member(&app, &db, "member@qamqor.kz", "19014000012", "Qamqor").await;
        let mut volunteer = signed_in(&app, &db, "volunteer@mail.kz", false).await;
        step(&app, &mut moderator, id, "verify", &[]).await;
        step(&app, &mut moderator, second, "verify", &[]).await;
        assert_eq!(step(&app, &mut organization, id, "take", &[("act_for", "qamqor")]).await.status, StatusCode::SEE_OTHER);
        step(&app, &mut organization, id, "start", &[]).await;
        step(&app, &mut organization, id, "deliver", &[]).await;

        let secrets = [NAME, PHONE_STORED, "987 65 43", EMAIL, ADDRESS, &token];
        let pages = [
            "/kk/help".to_string(),
            "/ru/help?region=KZ-75".to_string(),
            format!("/en/help/requests/{id}"),
            format!("/kk/help/requests/{second}"),
            "/kk/help/queue".to_string(),
            "/kk/transparency".to_string(),
            "/en/transparency?region=KZ-75".to_string(),
            format!("/api/fn/help-request?id={id}"),
            format!("/api/fn/help-request?id={second}"),
            "/api/fn/help-requests".to_string(),
            "/api/fn/help-queue?near_me=false".to_string(),
            "/api/v1/help/requests".to_string(),
            "/api/v1/help/requests?region=KZ-75&status=delivered".to_string(),
            "/api/v1/help/ledger".to_string(),
            "/api/v1/transparency".to_string(),
            "/api/v1/transparency.csv".to_string(),
            "/api/fn/transparency".to_string(),
        ];
        let mut visitor = Browser::new("10.40.0.2");
        let mut checked = 0;
        for page in &pages {
            for (who, browser) in [("visitor", &mut visitor), ("volunteer", &mut volunteer), ("moderator", &mut moderator)] {
                let answer = browser.get(&app, page).await;
                assert!(answer.status.is_success() || answer.status == StatusCode::UNAUTHORIZED, "{page} as {who}: {}", answer.status);
                for secret in secrets {
                    assert!(!answer.body.contains(secret), "{page} as {who} shows «{secret}»");
                }
                checked += 1;
            }
        }
        assert_eq!(checked, pages.len() * 3);
        // The organisation that took it sees them; the description is seen by helpers, never publicly.
        let taker_view = organization.get(&app, &format!("/en/help/requests/{id}")).await;
        assert!(taker_view.body.contains(NAME) && taker_view.body.contains(ADDRESS));
        assert!(!visitor.get(&app, &format!("/en/help/requests/{second}")).await.body.contains("азық-түлік"));
        // The public ledger names the organisation that helped, and no person.
        let ledger = visitor.get(&app, "/api/v1/help/ledger").await.json();
        assert!(ledger["entries"].as_array().unwrap().iter().any(|e| e["organization"] == "qamqor"));
        assert!(ledger["entries"].as_array().unwrap().iter().all(|e| e.get("note").is_none() && e.get("actor_user_id").is_none()));
    })
    .await;
}

#[tokio::test]
async fn the_public_ledger_can_be_checked_by_anyone_and_pages_through() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let mut person = Browser::new("10.45.0.1");
        for _ in 0..3 {
            file_request(&app, &db, &mut person).await;
        }
        let first = crate::server::http_tests::get(&app, "/api/v1/help/ledger?limit=2").await.json();
        assert_eq!(first["entries"].as_array().unwrap().len(), 2);
        let next = first["next"].as_str().unwrap().to_string();
        let second = crate::server::http_tests::get(&app, &next).await.json();
        let mut entries = first["entries"].as_array().unwrap().clone();
        entries.extend(second["entries"].as_array().unwrap().iter().cloned());
        assert_eq!(entries.len(), 3);
        // Recomputing each hash from the published fields alone gives the published hash.
        let mut previous = super::ledger::GENESIS.to_string();
        for e in &entries {
            assert_eq!(e["prev_hash"], previous.as_str());
            let at: chrono::DateTime<chrono::Utc> = serde_json::from_value(e["at"].clone()).unwrap();
            let facts = super::ledger::Facts {
                seq: e["seq"].as_i64().unwrap(),
                prev_hash: e["prev_hash"].as_str().unwrap(),
                request_id: e["request"].as_i64().unwrap(),
                at,
                actor: e["actor"].as_str().unwrap(),
                from: e["from"].as_str(),
                to: e["to"].as_str().unwrap(),
                details_digest: e["details_digest"].as_str().unwrap(),
            };
            assert_eq!(super::ledger::entry_hash(&facts), e["hash"].as_str().unwrap());
            previous = e["hash"].as_str().unwrap().to_string();
        }
        assert_eq!(second["head"]["hash"], previous.as_str());
        for bad in ["/api/v1/help/ledger?limit=0", "/api/v1/help/ledger?limit=1001", "/api/v1/help/ledger?after=x", "/api/v1/help/ledger?who=me", "/api/v1/help/requests?status=lost"] {
            let answer = crate::server::http_tests::get(&app, bad).await;
            assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{bad}");
            assert!(answer.json()["error"]["parameter"].is_string(), "{bad}");
        }
    })
    .await;
}

/// Turns the append-only triggers off, as someone with direct access to the database could.
async fn disable_append_only(db: &Db) {
    let statements: &[&str] = match db.backend() {
        Backend::Sqlite => &["DROP TRIGGER help_ledger_no_update", "DROP TRIGGER help_ledger_no_delete"],
        Backend::Postgres => &["ALTER TABLE help_ledger DISABLE TRIGGER help_ledger_no_change"],
    };
    for sql in statements {
        db.execute(Sql::new(sql)).await.unwrap();
    }
}

async fn tamper(db: &Db, sql: &str) {
    db.execute(Sql::new(sql)).await.unwrap();
}

#[tokio::test]
async fn tampering_with_the_ledger_is_detected() {
    use super::ledger::Break;
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let mut person = Browser::new("10.50.0.1");
        let (id, _) = file_request(&app, &db, &mut person).await;
        file_request(&app, &db, &mut person).await;
        let mut moderator = signed_in(&app, &db, "moderator@birgemiz.kz", true).await;
        step(&app, &mut moderator, id, "decline", &[("note", "Өтінім қайталанды.")]).await;
        assert_eq!(super::ledger::verify(&db).await.unwrap().problem, None);

        // The database itself refuses edits.
        assert!(db.execute(Sql::new("UPDATE help_ledger SET to_status = 'closed'")).await.is_err());
        assert!(db.execute(Sql::new("DELETE FROM help_ledger")).await.is_err());
        disable_append_only(&db).await;

        let verify = || async { super::ledger::verify(&db).await.unwrap().problem };
        tamper(&db, "UPDATE help_ledger_details SET note = 'Бәрі жақсы.' WHERE entry_id = 3").await;
        assert_eq!(verify().await, Some(Break::Details { entry: 3 }));
        tamper(&db, "UPDATE help_ledger_details SET note = 'Өтінім қайталанды.' WHERE entry_id = 3").await;
        assert_eq!(verify().await, None, "restoring the note restores the chain");
        // A note erased (personal data) is no longer checked; one removed without a trace is a break.
        db.execute(super::ledger::erase_notes_where("l.id = 3")).await.unwrap();
        assert_eq!(verify().await, None, "an erased note");
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM help_ledger_details WHERE note IS NOT NULL AND entry_id = 3").await, 0);
        tamper(&db, "DELETE FROM help_ledger_details WHERE entry_id = 2").await;
        assert_eq!(verify().await, Some(Break::Details { entry: 2 }));
        tamper(&db, "INSERT INTO help_ledger_details (entry_id, erased_at) VALUES (2, '2026-01-01T00:00:00+00:00')").await;
        assert_eq!(verify().await, None);

        tamper(&db, "UPDATE help_ledger SET to_status = 'delivered' WHERE id = 3").await;
        assert_eq!(verify().await, Some(Break::Hash { entry: 3 }));
        tamper(&db, "UPDATE help_ledger SET to_status = 'declined' WHERE id = 3").await;

        tamper(&db, "UPDATE help_ledger SET actor_kind = 'organization' WHERE id = 3").await;
        assert_eq!(verify().await, Some(Break::Hash { entry: 3 }));
        tamper(&db, "UPDATE help_ledger SET actor_kind = 'moderator' WHERE id = 3").await;
        assert_eq!(verify().await, None);

        // Changing a request's status behind the ledger's back.
        db.execute(Sql::new(&format!("UPDATE help_requests SET status = 'closed' WHERE id = {id}"))).await.unwrap();
        assert_eq!(verify().await, Some(Break::Status { request: id }));
        db.execute(Sql::new(&format!("UPDATE help_requests SET status = 'declined' WHERE id = {id}"))).await.unwrap();

        // Rewriting an entry with a fresh hash still breaks the link of the next one.
        tamper(&db, "UPDATE help_ledger SET hash = 'f00d' WHERE id = 1").await;
        assert_eq!(verify().await, Some(Break::Hash { entry: 1 }));
        tamper(&db, "UPDATE help_ledger SET hash = (SELECT prev_hash FROM help_ledger WHERE id = 2) WHERE id = 1").await;
        assert_eq!(verify().await, None);

        // Removing an entry leaves a gap.
        tamper(&db, "DELETE FROM help_ledger WHERE id = 2").await;
        assert_eq!(verify().await, Some(Break::Gap { expected: 2, found: 3 }));
    })
    .await;
}

/// Each field with a bad value, and the error expected beside it.
fn bad_fields() -> Vec<(&'static str, String, &'static str)> {
    let long = "ы".repeat(2001);
    vec![
        ("kind", String::new(), "Fill in this field."),
        ("kind", "weapons".into(), "Choose one of the options offered."),
        ("direction", "'; DROP TABLE help_requests; --".into(), "Choose one of the options offered."),
        ("urgency", "42".into(), "Choose one of the options offered."),
        ("region", "KZ-99".into(), "Choose one of the options offered."),
        ("locality", String::new(), "Fill in this field."),
        ("locality", "<script>alert(1)</script>".into(), "Use letters, digits"),
        ("description", String::new(), "Fill in this field."),
        ("description", "помогите".into(), "At least 10 characters."),
        ("description", long, "At most 2000 characters."),
        ("description", "Нужна помощь\u{0}\u{7}".into(), "Use letters, digits"),
        ("contact_name", String::new(), "Fill in this field."),
        ("contact_name", "Robert'); DROP TABLE users;--".into(), "Use letters, digits"),
        ("contact_name", "12345".into(), "Use letters, digits"),
        ("contact_phone", "12345".into(), "Enter a Kazakhstan number"),
        ("contact_phone", "+1 202 555 0100".into(), "Enter a Kazakhstan number"),
        ("contact_email", "not-an-email".into(), "name@example.kz"),
        ("address", "<img src=x onerror=alert(1)>".into(), "Use letters, digits"),
        ("agree", String::new(), "Tick the box to agree."),
        ("filed_for", "operator".into(), "Choose one of the options offered."),
    ]
}

#[tokio::test]
async fn bad_input_on_every_field_gets_a_localized_error_and_stores_nothing() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let mut person = Browser::new("10.60.0.1");
        for (field, value, message) in bad_fields() {
            // Signed in for the "for whom" choice (a visitor has none), with a fresh address for limits.
            let mut browser = if field == "filed_for" { signed_in(&app, &db, "not-an-operator@mail.kz", false).await } else { Browser::new("10.60.1.1") };
            let form = with(&request_form(&db).await, field, &value);
            let answer = browser.post(&app, "/en/help/new", &fields(&form)).await;
            assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}={value:?}");
            assert!(answer.body.contains(message) || answer.body.contains(&message.replace('\'', "&#x27;")), "{field}={value:?}: no «{message}»");
            assert!(answer.body.contains(&format!("error-{field}")) || field == "filed_for", "{field}: the error stands beside its field");
        }
        // No way to reach the person; in Kazakh and Russian too.
        let mut none = request_form(&db).await;
        for field in ["contact_phone", "contact_email", "address"] {
            none = with(&none, field, "");
        }
        for (lang, message) in [("kk", "Адаммен байланысудың кемінде бір жолын"), ("ru", "Укажите хотя бы один способ связи"), ("en", "Give at least one way to reach")] {
            let answer = person.post(&app, &format!("/{lang}/help/new"), &fields(&none)).await;
            assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(answer.body.contains(message), "{lang}");
        }
        // By fetch, the errors come back as JSON.
        let body: String = form_urlencoded::Serializer::new(String::new()).extend_pairs(fields(&with(&request_form(&db).await, "kind", ""))).finish();
        let request = axum::http::Request::post("/ru/help/new")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .header("x-birgemiz-form", "fetch")
            .header("x-forwarded-for", "10.60.2.1")
            .body(axum::body::Body::from(body))
            .unwrap();
        let answer = crate::server::http_tests::send(&app, request).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(answer.json()["feedback"]["errors"][0][0], "kind");
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM help_requests").await, 0);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM help_ledger").await, 0);

        // Steps: a reason is required where a step needs one, and bounded.
        let (id, token) = file_request(&app, &db, &mut person).await;
        let link = format!("/en/help/follow/{token}/cancel");
        let answer = person.post(&app, &link, &[("step", "cancel"), ("note", "  ")]).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        let answer = person.post(&app, &link, &[("step", "cancel"), ("note", &"я".repeat(501))]).await;
        assert!(answer.body.contains("At most 500 characters."));
        assert_eq!(status_of(&db, id).await, "new");
        assert_eq!(person.post(&app, &link, &[("note", "Көмек енді керек емес.")]).await.status, StatusCode::SEE_OTHER);
        assert_eq!(status_of(&db, id).await, "cancelled");
    })
    .await;
}

#[tokio::test]
async fn scripts_are_refused_by_the_hidden_field_the_time_stamp_and_the_limits() {
    on_each_backend(|db| async move {
        let mut state = app_state(db.clone());
        std::sync::Arc::make_mut(&mut state.config).help_min_fill_seconds = 3;
        let app = router::build(state);
        let mut bot = Browser::new("10.70.0.1");
        let too_fast = "Форма ашылғаннан кейін бірнеше секундта жіберілді";
        let out_of_date = "Бұл форманың мерзімі өтіп кетті";
        let refusals = [
            ("leave_empty", "http://spam.example".to_string(), too_fast),
            ("stamp", String::new(), out_of_date),
            ("stamp", "1700000000.00000000000000000000000000000000".to_string(), out_of_date),
            // Just served: faster than a person types.
            ("stamp", super::abuse::new_stamp(&db).await.unwrap(), too_fast),
        ];
        for (field, value, message) in refusals {
            let form = with(&request_form(&db).await, field, &value);
            let answer = bot.post(&app, "/kk/help/new", &fields(&form)).await;
            assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}={value}");
            assert!(answer.body.contains(message), "{field}: {message}");
        }
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM help_requests").await, 0);

        // A stamp a few seconds old passes; five requests an hour from one address, then 429.
        let app = router::build(app_state(db.clone()));
        for _ in 0..5 {
            file_request(&app, &db, &mut bot).await;
        }
        let answer = bot.post(&app, "/ru/help/new", &fields(&request_form(&db).await)).await;
        assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(answer.body.contains("Слишком много попыток") || answer.body.contains("Попробуйте"), "{}", answer.body);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM help_requests").await, 5);
        // A cross-site post never reaches the form.
        let body: String = form_urlencoded::Serializer::new(String::new()).extend_pairs(fields(&request_form(&db).await)).finish();
        let request = axum::http::Request::post("/kk/help/new")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "cross-site")
            .header("x-forwarded-for", "10.70.0.2")
            .body(axum::body::Body::from(body))
            .unwrap();
        assert_eq!(crate::server::http_tests::send(&app, request).await.status, StatusCode::FORBIDDEN);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM help_requests").await, 5);
    })
    .await;
}

#[tokio::test]
async fn of_many_helpers_taking_one_request_at_once_exactly_one_gets_it() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let (id, _) = file_request(&app, &db, &mut Browser::new("10.80.0.1")).await;
        let mut moderator = signed_in(&app, &db, "moderator@birgemiz.kz", true).await;
        step(&app, &mut moderator, id, "verify", &[]).await;
        let mut helpers = Vec::new();
        for i in 0..8 {
            helpers.push(signed_in(&app, &db, &format!("helper{i}@mail.kz"), false).await);
        }
        let attempts = helpers.into_iter().map(|mut helper| {
            let app = app.clone();
            async move { step(&app, &mut helper, id, "take", &[]).await.status }
        });
        let statuses = futures_join_all(attempts).await;
        assert_eq!(statuses.iter().filter(|s| **s == StatusCode::SEE_OTHER).count(), 1, "{statuses:?}");
        assert!(statuses.iter().all(|s| *s == StatusCode::SEE_OTHER || *s == StatusCode::UNPROCESSABLE_ENTITY), "{statuses:?}");
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM help_ledger WHERE to_status = 'taken'").await, 1);
        assert_eq!(super::ledger::verify(&db).await.unwrap().problem, None);
    })
    .await;
}

/// Runs futures at once on this test's runtime and waits for all of them.
async fn futures_join_all<F: std::future::Future<Output = StatusCode> + Send + 'static>(futures: impl Iterator<Item = F>) -> Vec<StatusCode> {
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for handle in handles {
        out.push(handle.await.unwrap());
    }
    out
}

#[tokio::test]
async fn the_demo_requests_carry_an_intact_ledger_and_move_the_figures() {
    on_each_backend(|db| async move {
        assert!(crate::demo::load(&db, crate::server::config::DemoData::Standard).await.unwrap());
        let check = super::ledger::verify(&db).await.unwrap();
        assert_eq!(check.problem, None);
        assert_eq!(check.requests, 1200);
        assert!(check.entries > 4000, "{} entries", check.entries);
        // A request filed after the demo data continues the same chain.
        let app = router::build(app_state(db.clone()));
        let (id, _) = file_request(&app, &db, &mut Browser::new("10.90.0.1")).await;
        assert_eq!(id, 1201);
        assert_eq!(super::ledger::verify(&db).await.unwrap().problem, None);
        let figures = crate::server::http_tests::get(&app, "/api/v1/transparency").await.json();
        let requests = &figures["requests"];
        assert_eq!(requests["filed"], 1201);
        let (filed, delivered, confirmed) = (requests["filed"].as_i64().unwrap(), requests["delivered"].as_i64().unwrap(), requests["confirmed"].as_i64().unwrap());
        assert!(filed > delivered && delivered > confirmed && confirmed > 0, "{requests}");
        assert_eq!(figures["by_region"].as_array().unwrap().len(), 20);
        assert!(figures["volunteering"]["organizations"].as_i64().unwrap() > 100);
        // Demo campaigns that have started carry attendance and hours.
        assert!(figures["volunteering"]["hours"].as_f64().unwrap() > 1000.0, "{}", figures["volunteering"]);
        assert!(figures["volunteering"]["volunteers"].as_i64().unwrap() > 1000);
        assert_eq!(figures["hours_by_direction"].as_array().unwrap().len(), 8);
        let csv = crate::server::http_tests::get(&app, "/api/v1/transparency.csv?region=KZ-75").await;
        assert!(csv.body.starts_with("section,key,measure,value\r\nrequests,all,filed,"), "{}", &csv.body[..80]);
    })
    .await;
}

#[tokio::test]
async fn a_person_finds_their_requests_in_their_data_and_deleting_the_account_withdraws_them() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let mut person = signed_in(&app, &db, "aigul@mail.kz", false).await;
        let (own, _) = file_request(&app, &db, &mut person).await;
        let mut operator = signed_in(&app, &db, "operator@cso.kz", false).await;
        db.execute(Sql::new("UPDATE users SET is_operator = TRUE WHERE email = 'operator@cso.kz'")).await.unwrap();
        let mut form = request_form(&db).await;
        form.push(("filed_for", "operator".to_string()));
        assert_eq!(operator.post(&app, "/kk/help/new", &fields(&form)).await.status, StatusCode::SEE_OTHER);
        let for_someone = count(&db, "SELECT MAX(id) AS n FROM help_requests").await;

        // Their page lists it; their data export carries everything they entered.
        assert!(person.get(&app, "/en/me").await.body.contains(&format!("/en/help/requests/{own}")));
        let export = person.get(&app, "/en/me/data.json").await.json();
        assert_eq!(export["help_requests_filed"][0]["contact_name"], NAME);
        assert_eq!(export["help_requests_filed"][0]["contact_phone"], PHONE_STORED);
        // The filer sees the contacts they entered on the request's page.
        assert!(person.get(&app, &format!("/en/help/requests/{own}")).await.body.contains(ADDRESS));

        let answer = person.post(&app, "/en/me/delete", &[("form", "delete"), ("delete_password", crate::auth::tests::PASSWORD), ("confirm", "yes")]).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
        assert_eq!(status_of(&db, own).await, "cancelled");
        assert_eq!(count(&db, &format!("SELECT COUNT(*) AS n FROM help_requests WHERE id = {own} AND contact_name IS NULL AND address IS NULL")).await, 1);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM help_ledger WHERE actor_kind = 'system' AND to_status = 'cancelled'").await, 1);
        // An operator's account is not the person's: a request filed for someone else stays.
        operator.post(&app, "/en/me/delete", &[("form", "delete"), ("delete_password", crate::auth::tests::PASSWORD), ("confirm", "yes")]).await;
        assert_eq!(status_of(&db, for_someone).await, "new");
        assert_eq!(count(&db, &format!("SELECT COUNT(*) AS n FROM help_requests WHERE id = {for_someone} AND contact_name IS NOT NULL")).await, 1);
        assert_eq!(super::ledger::verify(&db).await.unwrap().problem, None);
    })
    .await;
}
