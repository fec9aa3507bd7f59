//! Targeted help through the real router on both engines: the whole life of a request, every
//! forbidden step and actor, privacy of contacts, the ledger's tamper evidence, bad input and
//! automated abuse, and two helpers racing for one request.

mod input;
mod ledger;
mod privacy;

use super::model::{HelpAction, HelpStatus};
use crate::testing::browser::{count, location, Browser};
use crate::organizations::tests::{fields, registration, signed_in, valid_bin, with};
use crate::server::db::{Backend, Db, Sql};
use crate::wiring::router;
use crate::testing::{app_state, on_each_backend};
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

async fn step(app: &Router, browser: &mut Browser, id: i64, action: &str, extra: &[(&str, &str)]) -> crate::testing::http::Answer {
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
        let timeline = crate::testing::http::get(&app, &format!("/api/fn/help-request?id={id}")).await.json();
        let steps: Vec<&str> = timeline["timeline"].as_array().unwrap().iter().map(|e| e["to"].as_str().unwrap()).collect();
        assert_eq!(steps, ["new", "verified", "taken", "in_progress", "delivered", "confirmed", "closed"]);
        let actors: Vec<&str> = timeline["timeline"].as_array().unwrap().iter().map(|e| e["actor"].as_str().unwrap()).collect();
        assert_eq!(actors, ["requester", "moderator", "volunteer", "volunteer", "volunteer", "volunteer", "volunteer"]);

        // The figures counted it.
        let figures = crate::testing::http::get(&app, "/api/v1/transparency?region=KZ-75").await.json();
        for (figure, n) in [("filed", 1), ("verified", 1), ("delivered", 1), ("confirmed", 1)] {
            assert_eq!(figures["requests"][figure], n, "{figure}: {figures}");
        }
        assert!(figures["requests"]["median_hours_to_delivery"].as_f64().is_some());
        let elsewhere = crate::testing::http::get(&app, "/api/v1/transparency?region=KZ-71").await.json();
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
        let regions = |answer: &crate::testing::http::Answer| {
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
        // All at once on this test's runtime.
        let statuses = attempts.collect::<tokio::task::JoinSet<StatusCode>>().join_all().await;
        assert_eq!(statuses.iter().filter(|s| **s == StatusCode::SEE_OTHER).count(), 1, "{statuses:?}");
        assert!(statuses.iter().all(|s| *s == StatusCode::SEE_OTHER || *s == StatusCode::UNPROCESSABLE_ENTITY), "{statuses:?}");
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM help_ledger WHERE to_status = 'taken'").await, 1);
        assert_eq!(super::ledger::verify(&db).await.unwrap().problem, None);
    })
    .await;
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
        let figures = crate::testing::http::get(&app, "/api/v1/transparency").await.json();
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
        let csv = crate::testing::http::get(&app, "/api/v1/transparency.csv?region=KZ-75").await;
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

        let answer = person.post(&app, "/en/me/delete", &[("form", "delete"), ("delete_password", crate::testing::browser::PASSWORD), ("confirm", "yes")]).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
        assert_eq!(status_of(&db, own).await, "cancelled");
        assert_eq!(count(&db, &format!("SELECT COUNT(*) AS n FROM help_requests WHERE id = {own} AND contact_name IS NULL AND address IS NULL")).await, 1);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM help_ledger WHERE actor_kind = 'system' AND to_status = 'cancelled'").await, 1);
        // An operator's account is not the person's: a request filed for someone else stays.
        operator.post(&app, "/en/me/delete", &[("form", "delete"), ("delete_password", crate::testing::browser::PASSWORD), ("confirm", "yes")]).await;
        assert_eq!(status_of(&db, for_someone).await, "new");
        assert_eq!(count(&db, &format!("SELECT COUNT(*) AS n FROM help_requests WHERE id = {for_someone} AND contact_name IS NOT NULL")).await, 1);
        assert_eq!(super::ledger::verify(&db).await.unwrap().problem, None);
    })
    .await;
}
