//! Checking in and out by code, and confirming hours, through the real router on both engines:
//! every refusal writes nothing, the hours add up, the book shows them.

use super::codes;
use super::model::MarkKind;
use crate::organizations::campaigns::tests::{campaign_form, organization};
use crate::organizations::tests::{fields, signed_in, with};
use crate::server::db::{Db, Sql};
use crate::testing::browser::{count, location, Browser};
use crate::testing::{app_state, on_each_backend};
use crate::wiring::router;
use axum::http::StatusCode;
use chrono::{Duration, Utc};

/// Moves a campaign to run from `starts` to `ends` minutes from now.
pub(crate) async fn runs(db: &Db, id: i64, starts: i64, ends: i64) {
    let now = Utc::now();
    let mut sql = Sql::new("UPDATE campaigns SET starts_at = ");
    sql.bind(now + Duration::minutes(starts)).push(", ends_at = ").bind(now + Duration::minutes(ends)).push(" WHERE id = ").bind(id);
    db.execute(sql).await.unwrap();
}

async fn code(db: &Db, campaign: i64, kind: MarkKind, windows_ago: i64) -> String {
    let secret = crate::server::secrets::named(db, codes::SECRET_NAME).await.unwrap();
    codes::code(&secret, campaign, kind, codes::window_of(Utc::now()) - windows_ago)
}

#[tokio::test]
async fn volunteers_check_in_and_out_by_code_and_every_refusal_writes_nothing() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let mut owner = signed_in(&app, &db, "owner@zhasyl.kz", false).await;
        let slug = organization(&app, &mut owner, "19014000012", "Zhasyl").await;
        let organization_id = count(&db, &format!("SELECT id AS n FROM organizations WHERE slug = '{slug}'")).await;
        let mut moderator = signed_in(&app, &db, "moderator@birgemiz.kz", true).await;
        moderator.post(&app, &format!("/en/moderation/organizations/{organization_id}/verify"), &[]).await;
        let publish = with(&with(&campaign_form(), "action", "publish"), "capacity", "");
        let mut campaigns = Vec::new();
        for _ in 0..3 {
            owner.post(&app, &format!("/en/organizations/{slug}/campaigns/new"), &fields(&publish)).await;
            campaigns.push(count(&db, "SELECT MAX(id) AS n FROM campaigns").await);
        }
        let (id, other, later) = (campaigns[0], campaigns[1], campaigns[2]);
        let mut volunteer = signed_in(&app, &db, "volunteer@mail.kz", false).await;
        let mut pending = signed_in(&app, &db, "pending@mail.kz", false).await;
        for campaign in [id, other, later] {
            volunteer.post(&app, &format!("/en/campaigns/{campaign}/apply"), &[("answer", "Иә")]).await;
        }
        pending.post(&app, &format!("/en/campaigns/{id}/apply"), &[("answer", "Иә")]).await;
        let mut application = 0;
        for campaign in [id, other, later] {
            let sql = format!("SELECT a.id AS n FROM applications a JOIN users u ON u.id = a.user_id WHERE u.email = 'volunteer@mail.kz' AND a.campaign_id = {campaign}");
            let applied = count(&db, &sql).await;
            let decide = format!("/en/organizations/{slug}/campaigns/{campaign}/applications/{applied}/decide");
            assert_eq!(owner.post(&app, &decide, &[("decision", "approve")]).await.status, StatusCode::SEE_OTHER);
            if campaign == id {
                application = applied;
            }
        }
        // Two run now; the third is next year's.
        runs(&db, id, -30, 180).await;
        runs(&db, other, -60, 120).await;
        runs(&db, later, 365 * 24 * 60, 365 * 24 * 60 + 240).await;

        // The check-in screen: for the organisation's members only, never cached.
        let screen = format!("/api/fn/check-in-screen?slug={slug}&campaign={id}&kind=in&lang=en");
        assert_eq!(Browser::new("10.9.9.9").get(&app, &screen).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(volunteer.get(&app, &screen).await.status, StatusCode::FORBIDDEN);
        let shown = owner.get(&app, &screen).await;
        assert_eq!(shown.status, StatusCode::OK, "{}", shown.body);
        let shown_code = shown.json()["code"].as_str().unwrap().to_string();
        let fresh = code(&db, id, MarkKind::In, 0).await;
        let previous = code(&db, id, MarkKind::In, 1).await;
        assert!(shown_code == fresh || shown_code == previous, "the screen shows the code of now");
        assert!(shown.json()["qr_svg"].as_str().unwrap().starts_with("<?xml") || shown.json()["qr_svg"].as_str().unwrap().contains("<svg"));
        assert!(shown.json()["address"].as_str().unwrap().ends_with(&format!("/en/campaigns/{id}/attendance?code={shown_code}&kind=in")));
        let page = owner.get(&app, &format!("/kk/organizations/{slug}/campaigns/{id}/check-in")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("<svg") && page.body.contains("Келуді белгілеу") && page.body.contains("http-equiv=\"refresh\""), "{}", page.body);

        let check = format!("/en/campaigns/{id}/attendance");
        let marks = || count(&db, "SELECT COUNT(*) AS n FROM attendance_marks");
        let refused = |answer: &crate::testing::http::Answer, message: &str| {
            assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{message}: {}", answer.status);
            assert!(answer.body.contains(message), "expected «{message}»");
        };
        // A visitor is asked to sign in, and comes back to the page.
        assert_eq!(location(&Browser::new("10.9.9.8").post(&app, &check, &[("attendance_code", &fresh)]).await), format!("/en/login?next=%2Fen%2Fcampaigns%2F{id}%2Fattendance"));
        refused(&volunteer.post(&app, &check, &[("attendance_code", "12ab")]).await, "The code is 6 digits");
        refused(&pending.post(&app, &check, &[("attendance_code", &fresh)]).await, "Only volunteers approved for this campaign");
        refused(&volunteer.post(&app, &check, &[("attendance_code", &code(&db, id, MarkKind::In, 3).await)]).await, "This code has expired");
        refused(&volunteer.post(&app, &check, &[("attendance_code", &code(&db, other, MarkKind::In, 0).await)]).await, "belongs to another of your campaigns");
        let secret = crate::server::secrets::named(&db, codes::SECRET_NAME).await.unwrap();
        let unknown = |c: &String| [id, other].iter().all(|campaign| codes::read(&secret, *campaign, c, Utc::now()) == codes::Reading::Unknown);
        let wrong = (0..1000).map(|n| format!("{:06}", n * 997)).find(unknown).unwrap();
        refused(&volunteer.post(&app, &check, &[("attendance_code", &wrong)]).await, "This code is not right");
        refused(&volunteer.post(&app, &check, &[("attendance_code", &code(&db, id, MarkKind::Out, 0).await)]).await, "You have not checked in yet");
        refused(&volunteer.post(&app, &format!("/en/campaigns/{later}/attendance"), &[("attendance_code", &code(&db, later, MarkKind::In, 0).await)]).await, "Checking in is open from an hour before");
        assert_eq!(marks().await, 0, "no refusal writes a mark");

        // The code from the QR code's address opens a page that records nothing by itself.
        let opened = volunteer.get(&app, &format!("/en/campaigns/{id}/attendance?code={fresh}&kind=in")).await;
        assert!(opened.body.contains("Check in now"), "{}", opened.body);
        assert_eq!(marks().await, 0);
        // Nor does it tell a good code from a wrong one: only the post does, under its limit.
        let wrong_page = volunteer.get(&app, &format!("/en/campaigns/{id}/attendance?code={wrong}&kind=in")).await;
        let good_page = volunteer.get(&app, &format!("/en/campaigns/{id}/attendance?code={fresh}&kind=in")).await;
        let main_without = |body: &str, code: &str| body.split("<main").nth(1).and_then(|main| main.split("</main>").next()).unwrap_or_default().replace(code, "CODE");
        assert_eq!(wrong_page.status, good_page.status);
        assert_eq!(main_without(&wrong_page.body, &wrong), main_without(&good_page.body, &fresh));
        // Checking in, on the campaign's page (its `back`): once per code.
        let answer = volunteer.post(&app, &check, &[("attendance_code", &fresh), ("back", &format!("/en/campaigns/{id}"))]).await;
        assert_eq!(location(&answer), format!("/en/campaigns/{id}?checked_in=1#apply"));
        refused(&volunteer.post(&app, &check, &[("attendance_code", &fresh)]).await, "You have already used this code");
        refused(&volunteer.post(&app, &check, &[("attendance_code", &previous)]).await, "You are already checked in");
        let answer = volunteer.post(&app, &check, &[("attendance_code", &code(&db, id, MarkKind::Out, 0).await)]).await;
        assert_eq!(location(&answer), format!("/en/campaigns/{id}?checked_out=1#apply"));
        assert_eq!(marks().await, 2);

        // Hours: check-in 10 minutes after the start, check-out 2 h 20 min after it: 2 h 10 min → 2.25.
        let campaign_start: chrono::DateTime<Utc> = {
            #[derive(sqlx::FromRow)]
            struct Start {
                starts_at: chrono::DateTime<Utc>,
            }
            let mut sql = Sql::new("SELECT starts_at FROM campaigns WHERE id = ");
            sql.bind(id);
            db.fetch_one::<Start>(sql).await.unwrap().starts_at
        };
        for (kind, minutes) in [("in", 10), ("out", 140)] {
            let mut sql = Sql::new("UPDATE attendance_marks SET at = ");
            sql.bind(campaign_start + Duration::minutes(minutes)).push(" WHERE kind = ").bind(kind);
            db.execute(sql).await.unwrap();
        }
        let book = volunteer.get(&app, "/api/fn/my-book").await;
        assert_eq!(book.json()["awaiting"][0]["hours"], 2.25, "{}", book.body);
        assert_eq!(book.json()["total"], 0.0, "awaiting hours do not count");
        let applications = owner.get(&app, &format!("/api/fn/campaign-applications?slug={slug}&campaign={id}")).await;
        assert!(applications.body.contains("\"checked_hours\":2.25"), "{}", applications.body);

        // Another organisation's member confirms nothing; the owner confirms all.
        let mut stranger = signed_in(&app, &db, "other@qamqor.kz", false).await;
        let stranger_slug = organization(&app, &mut stranger, "20034000015", "Qamqor").await;
        let confirm = format!("/en/organizations/{slug}/campaigns/{id}/hours/confirm");
        assert_eq!(stranger.post(&app, &confirm, &[]).await.status, StatusCode::FORBIDDEN);
        let through_own = format!("/en/organizations/{stranger_slug}/campaigns/{id}/hours/confirm");
        assert_eq!(stranger.post(&app, &through_own, &[]).await.status, StatusCode::NOT_FOUND);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM applications WHERE hours IS NOT NULL").await, 0);
        let answer = owner.post(&app, &confirm, &[]).await;
        assert_eq!(location(&answer), format!("/en/organizations/{slug}/campaigns/{id}/applications?confirmed=1&flagged=0"));
        let book = volunteer.get(&app, "/api/fn/my-book").await;
        assert_eq!(book.json()["total"], 2.25, "{}", book.body);
        assert_eq!(book.json()["confirmed"][0]["source"], "check_in");
        assert_eq!(book.json()["by_direction"][0]["label"], "taza-alem");
        let page = volunteer.get(&app, "/ru/me/book").await;
        assert!(page.body.contains("2,25 ч") && page.body.contains("Отметки прихода и ухода на месте, подтверждено организацией"), "{}", page.body);

        // Changing hours from check-in takes a reason, which goes to the audit log.
        let attendance = format!("/en/organizations/{slug}/campaigns/{id}/applications/{application}/attendance");
        let answer = owner.post(&app, &attendance, &[("attended", "yes"), ("hours", "3"), ("application", &application.to_string())]).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(answer.body.contains("These hours differ from the volunteer's check-in and check-out"));
        let answer = owner.post(&app, &attendance, &[("attended", "yes"), ("hours", "3"), ("reason", "Stayed to load the van")]).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'change_hours' AND reason LIKE '%2.25 → 3. Stayed to load the van'").await, 1);
        let book = volunteer.get(&app, "/api/fn/my-book").await;
        assert_eq!((book.json()["total"].as_f64(), book.json()["confirmed"][0]["source"].as_str()), (Some(3.0), Some("organization")));

        // The person's data holds the check-ins; deleting the account erases them, the hours stay.
        let data = volunteer.get(&app, "/en/me/data.json").await;
        assert_eq!(data.json()["check_ins"].as_array().map(Vec::len), Some(2), "{}", data.body);
        let user = count(&db, "SELECT id AS n FROM users WHERE email = 'volunteer@mail.kz'").await;
        crate::volunteers::store::delete_account(&db, user, "volunteer@mail.kz").await.unwrap();
        assert_eq!(marks().await, 0);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM applications WHERE hours = 3").await, 1);
    })
    .await;
}

/// A verified organisation of `owner` with `n` published campaigns running now; their ids.
async fn running_campaigns(app: &axum::Router, db: &Db, owner: &mut Browser, n: usize) -> (String, Vec<i64>) {
    let slug = organization(app, owner, "19014000012", "Zhasyl").await;
    db.execute(Sql::new("UPDATE organizations SET verified = TRUE")).await.unwrap();
    let publish = with(&with(&campaign_form(), "action", "publish"), "capacity", "");
    let mut ids = Vec::new();
    for _ in 0..n {
        owner.post(app, &format!("/en/organizations/{slug}/campaigns/new"), &fields(&publish)).await;
        let id = count(db, "SELECT MAX(id) AS n FROM campaigns").await;
        runs(db, id, -120, 240).await;
        ids.push(id);
    }
    (slug, ids)
}

/// `volunteer` applies to `campaign` and the owner approves.
async fn approved(app: &axum::Router, db: &Db, owner: &mut Browser, slug: &str, volunteer: &mut Browser, campaign: i64) -> i64 {
    volunteer.post(app, &format!("/en/campaigns/{campaign}/apply"), &[("answer", "Иә")]).await;
    let application = count(db, &format!("SELECT MAX(id) AS n FROM applications WHERE campaign_id = {campaign}")).await;
    let decide = format!("/en/organizations/{slug}/campaigns/{campaign}/applications/{application}/decide");
    assert_eq!(owner.post(app, &decide, &[("decision", "approve")]).await.status, StatusCode::SEE_OTHER);
    application
}

/// Checks in now and moves the check-in `minutes` back; checks out now.
async fn attends(app: &axum::Router, db: &Db, volunteer: &mut Browser, campaign: i64, application: i64, minutes: i64) {
    let check = format!("/en/campaigns/{campaign}/attendance");
    let answer = volunteer.post(app, &check, &[("attendance_code", &code(db, campaign, MarkKind::In, 0).await)]).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let mut earlier = Sql::new("UPDATE attendance_marks SET at = ");
    earlier.bind(Utc::now() - Duration::minutes(minutes)).push(" WHERE kind = 'in' AND application_id = ").bind(application);
    db.execute(earlier).await.unwrap();
    let answer = volunteer.post(app, &check, &[("attendance_code", &code(db, campaign, MarkKind::Out, 0).await)]).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
}

#[tokio::test]
async fn hours_that_look_wrong_wait_for_a_moderator_who_confirms_or_rejects_them() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let mut owner = signed_in(&app, &db, "owner@zhasyl.kz", false).await;
        let (slug, campaigns) = running_campaigns(&app, &db, &mut owner, 3).await;
        let (first, second, third) = (campaigns[0], campaigns[1], campaigns[2]);

        // At two campaigns at once: both sets of hours are flagged, neither counts.
        let mut volunteer = signed_in(&app, &db, "volunteer@mail.kz", false).await;
        let at_first = approved(&app, &db, &mut owner, &slug, &mut volunteer, first).await;
        let at_second = approved(&app, &db, &mut owner, &slug, &mut volunteer, second).await;
        attends(&app, &db, &mut volunteer, first, at_first, 90).await;
        attends(&app, &db, &mut volunteer, second, at_second, 60).await;
        for campaign in [first, second] {
            let answer = owner.post(&app, &format!("/en/organizations/{slug}/campaigns/{campaign}/hours/confirm"), &[]).await;
            assert!(location(&answer).ends_with("?confirmed=0&flagged=1"), "{}", location(&answer));
        }
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM applications WHERE hours_review = 'waiting' AND hours_flags = 'overlap' AND hours IS NULL").await, 2);
        let page = owner.get(&app, &format!("/en/organizations/{slug}/campaigns/{first}/applications")).await;
        assert!(page.body.contains("Waiting for a moderator: checked in at another campaign at the same time."), "{}", page.body);
        let book = volunteer.get(&app, "/api/fn/my-book").await;
        assert_eq!((book.json()["total"].as_f64(), book.json()["awaiting"].as_array().map(Vec::len)), (Some(0.0), Some(2)));

        // One phone checks four people in: all four are flagged.
        let mut crowd = Vec::new();
        for n in 0..4 {
            let mut person = signed_in(&app, &db, &format!("crowd{n}@mail.kz"), false).await;
            let application = approved(&app, &db, &mut owner, &slug, &mut person, third).await;
            crowd.push((person, application));
        }
        let phone = crowd[0].0.cookies.iter().find(|(name, _)| name == crate::auth::handlers::DEVICE_COOKIE).cloned().expect("a device cookie");
        for (person, application) in &mut crowd {
            person.cookies.retain(|(name, _)| name != crate::auth::handlers::DEVICE_COOKIE);
            person.cookies.push(phone.clone());
            attends(&app, &db, person, third, *application, 60).await;
        }
        let answer = owner.post(&app, &format!("/en/organizations/{slug}/campaigns/{third}/hours/confirm"), &[]).await;
        assert!(location(&answer).ends_with("?confirmed=0&flagged=4"), "{}", location(&answer));
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM applications WHERE hours_flags = 'shared_device'").await, 4);

        // The moderators' queue: only moderators; a rejection needs a reason.
        let review = |application: i64| format!("/en/moderation/hours/{application}/review");
        assert_eq!(owner.post(&app, &review(at_first), &[("decision", "confirm")]).await.status, StatusCode::FORBIDDEN);
        let mut moderator = signed_in(&app, &db, "moderator@birgemiz.kz", true).await;
        let queue = moderator.get(&app, "/api/moderation").await;
        assert_eq!(queue.json()["hours_waiting"].as_array().map(Vec::len), Some(6), "{}", queue.body);
        // Each with its own check-in and check-out, read for the whole queue at once.
        for waiting in queue.json()["hours_waiting"].as_array().unwrap() {
            let marks = waiting["marks"].as_array().unwrap();
            assert_eq!(marks.len(), 2, "{waiting}");
            let application = waiting["application_id"].as_i64().unwrap();
            assert_eq!(count(&db, &format!("SELECT COUNT(*) AS n FROM attendance_marks WHERE application_id = {application}")).await, 2);
        }
        let page = moderator.get(&app, "/kk/moderation").await;
        assert!(page.body.contains("Модераторды күтуде: дәл осы уақытта басқа науқанда белгіленген."), "{}", page.body);
        let answer = moderator.post(&app, &review(at_first), &[("decision", "reject"), ("hours_reason", ""), ("application", &at_first.to_string())]).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM applications WHERE hours_review = 'waiting'").await, 6);
        let answer = moderator.post(&app, &review(at_first), &[("decision", "reject"), ("hours_reason", "Was at the other campaign")]).await;
        assert_eq!(location(&answer), "/en/moderation?done=reject_hours#hours-review");
        let answer = moderator.post(&app, &review(at_second), &[("decision", "confirm")]).await;
        assert_eq!(location(&answer), "/en/moderation?done=confirm_hours#hours-review");
        // Decided once: a second decision finds nothing waiting.
        assert_eq!(moderator.post(&app, &review(at_second), &[("decision", "reject"), ("hours_reason", "Changed my mind")]).await.status, StatusCode::NOT_FOUND);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'reject_hours' AND reason LIKE '%Was at the other campaign'").await, 1);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'confirm_hours'").await, 1);

        // The book: the confirmed hours count (60 minutes), the rejected ones are gone.
        let book = volunteer.get(&app, "/api/fn/my-book").await;
        assert_eq!(book.json()["total"].as_f64(), Some(1.0), "{}", book.body);
        assert_eq!(book.json()["confirmed"][0]["campaign"]["id"].as_i64(), Some(second));
        assert_eq!(book.json()["awaiting"].as_array().map(Vec::len), Some(0));
        // The organisation's hours, by period, on its page and as CSV: for its members only.
        let hours = owner.get(&app, &format!("/api/fn/organization-hours?slug={slug}")).await;
        assert_eq!(hours.json()["rows"].as_array().map(Vec::len), Some(1), "{}", hours.body);
        assert_eq!((hours.json()["rows"][0]["hours"].as_f64(), hours.json()["rows"][0]["source"].as_str()), (Some(1.0), Some("check_in")));
        let tomorrow = (Utc::now() + Duration::days(2)).date_naive();
        let later = owner.get(&app, &format!("/api/fn/organization-hours?slug={slug}&from={tomorrow}&to=")).await;
        assert_eq!(later.json()["rows"].as_array().map(Vec::len), Some(0), "{}", later.body);
        assert_eq!(owner.get(&app, &format!("/api/fn/organization-hours?slug={slug}&from=2026-02-30&to=")).await.status, StatusCode::BAD_REQUEST);
        assert_eq!(volunteer.get(&app, &format!("/api/fn/organization-hours?slug={slug}")).await.status, StatusCode::FORBIDDEN);
        let page = owner.get(&app, &format!("/kk/organizations/{slug}/hours")).await;
        assert!(page.body.contains("Айгүл Сейітқызы") && page.body.contains("1 сағ."), "{}", page.body);
        let csv = owner.get(&app, &format!("/ru/organizations/{slug}/hours.csv")).await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.body.starts_with("\u{feff}Номер кампании,Кампания,Дата,ФИО,Часы,Как подтверждено\r\n"), "{}", csv.body);
        assert!(csv.body.contains(&format!("{second},Уборка парка,")) && csv.body.contains(",Айгүл Сейітқызы,1,\"Отметки прихода и ухода на месте"), "{}", csv.body);
        assert_eq!(volunteer.get(&app, &format!("/ru/organizations/{slug}/hours.csv")).await.status, StatusCode::FORBIDDEN);
        assert_eq!(Browser::new("10.9.9.7").get(&app, &format!("/ru/organizations/{slug}/hours.csv")).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(owner.get(&app, &format!("/ru/organizations/{slug}/hours.csv?from=soon")).await.status, StatusCode::BAD_REQUEST);

        // The organisation cannot confirm flagged hours past the moderator.
        owner.post(&app, &format!("/en/organizations/{slug}/campaigns/{first}/hours/confirm"), &[]).await;
        assert_eq!(count(&db, &format!("SELECT COUNT(*) AS n FROM applications WHERE hours IS NOT NULL AND id = {at_first}")).await, 0);
    })
    .await;
}

fn base64_url(text: &str) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(text).expect("base64url")
}

/// The payload of a JWT whose EdDSA signature `key` verifies, or `None`.
fn verified_jwt(jwt: &str, key: &ed25519_dalek::VerifyingKey) -> Option<serde_json::Value> {
    use base64::Engine as _;
    let (signed, signature) = jwt.rsplit_once('.')?;
    let (header, payload) = signed.split_once('.')?;
    let decode = |part: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(part).ok();
    let header: serde_json::Value = serde_json::from_slice(&decode(header)?).ok()?;
    if header["alg"] != "EdDSA" {
        return None;
    }
    let signature = ed25519_dalek::Signature::from_slice(&decode(signature)?).ok()?;
    key.verify_strict(signed.as_bytes(), &signature).ok()?;
    serde_json::from_slice(&decode(payload)?).ok()
}

/// The text of a PDF, as `pdftotext` (poppler-utils, installed by `.ci/setup --tests`) reads it.
fn pdf_text(pdf: &[u8]) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new("pdftotext")
        .args(["-layout", "-", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("pdftotext (poppler-utils) is installed");
    child.stdin.take().unwrap().write_all(pdf).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "pdftotext could not read the PDF");
    String::from_utf8(output.stdout).unwrap()
}

#[tokio::test]
async fn a_volunteer_issues_a_certificate_that_anyone_can_check_and_that_shows_corrections_and_revocation() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let mut owner = signed_in(&app, &db, "owner@zhasyl.kz", false).await;
        let slug = organization(&app, &mut owner, "19014000012", "Zhasyl").await;
        db.execute(Sql::new("UPDATE organizations SET verified = TRUE")).await.unwrap();
        // Every Kazakh letter is on the certificate: ә ғ ұ қ in the name, һ ө ү in the campaign, ң і in its texts.
        let form = with(&with(&with(&campaign_form(), "action", "publish"), "capacity", ""), "title_kk", "Жиһаз жөндеу күні");
        owner.post(&app, &format!("/kk/organizations/{slug}/campaigns/new"), &fields(&form)).await;
        let campaign = count(&db, "SELECT MAX(id) AS n FROM campaigns").await;
        let mut volunteer = signed_in(&app, &db, "volunteer@mail.kz", false).await;
        db.execute(Sql::new("UPDATE users SET full_name = 'Әмина Ғұмарқызы' WHERE email = 'volunteer@mail.kz'")).await.unwrap();
        let application = approved(&app, &db, &mut owner, &slug, &mut volunteer, campaign).await;
        runs(&db, campaign, -240, -60).await;
        let attendance = format!("/en/organizations/{slug}/campaigns/{campaign}/applications/{application}/attendance");
        assert_eq!(owner.post(&app, &attendance, &[("attended", "yes"), ("hours", "4.5")]).await.status, StatusCode::SEE_OTHER);

        // Bad choices and an empty scope are refused; nothing is written.
        let issue = |pairs: &[(&'static str, &'static str)]| {
            let mut form = vec![("organization", "all"), ("from", ""), ("to", ""), ("name_shown", "full"), ("certificate_language", "kk")];
            for (name, value) in pairs {
                form.retain(|(n, _)| n != name);
                form.push((*name, *value));
            }
            form
        };
        for (bad, message) in [
            (issue(&[("name_shown", "nickname")]), "Choose one of the options offered."),
            (issue(&[("certificate_language", "fr")]), "Choose one of the options offered."),
            (issue(&[("from", "2026-02-30")]), "Enter the date as YYYY-MM-DD."),
            (issue(&[("from", "2099-01-01")]), "There are no confirmed hours for this organisation and period."),
            (issue(&[("organization", "qamqor")]), "There are no confirmed hours for this organisation and period."),
        ] {
            let answer = volunteer.post(&app, "/en/me/certificates", &bad).await;
            assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad:?}");
            assert!(answer.body.contains(message), "{bad:?}: expected «{message}»");
        }
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM certificates").await, 0);

        // Issued in Kazakh for the whole book, with the full name.
        let answer = volunteer.post(&app, "/en/me/certificates", &issue(&[])).await;
        let id = location(&answer).trim_start_matches("/en/certificates/").trim_end_matches("?issued=1").to_string();
        assert!(super::certificates::store::is_id(&id), "{}", location(&answer));
        let pdf = Browser::new("10.9.9.6").get_bytes(&app, &format!("/certificates/{id}/pdf")).await;
        assert!(pdf.starts_with(b"%PDF-"), "a PDF");
        let text = pdf_text(&pdf);
        for expected in ["Еріктілік сағаттары туралы", "Әмина Ғұмарқызы", "Жиһаз жөндеу күні", "Жасыл Ел Алматы", "Расталған сағаттар: 4,5 сағ.", &id, &format!("/c/{id}")] {
            assert!(text.contains(expected), "«{expected}» is not in the PDF's text:\n{text}");
        }
        for letter in ["ә", "ғ", "қ", "ң", "ө", "ұ", "ү", "һ", "і"] {
            assert!(text.contains(letter), "the letter {letter} is not in the PDF's text");
        }
        // Its short address leads to its page, in its language; anyone can check it.
        let short = Browser::new("10.9.9.5").get(&app, &format!("/c/{}", id.to_lowercase())).await;
        assert_eq!(location(&short), format!("/kk/certificates/{id}"));
        let page = Browser::new("10.9.9.5").get(&app, &format!("/en/certificates/{id}")).await;
        assert!(page.body.contains("Valid: the hours it states are confirmed as stated.") && page.body.contains("Әмина Ғұмарқызы"), "{}", page.body);
        assert_eq!(Browser::new("10.9.9.5").get(&app, "/en/certificates/NOPE").await.status, StatusCode::NOT_FOUND);
        assert_eq!(Browser::new("10.9.9.5").get(&app, "/certificates/23456789ABCD/pdf").await.status, StatusCode::NOT_FOUND);

        // The same as a verifiable credential: checked with nothing but the key the platform publishes.
        let did = Browser::new("10.9.9.4").get(&app, "/.well-known/did.json").await;
        assert_eq!(did.headers["content-type"], "application/did+json");
        let did = did.json();
        let public_key = base64_url(did["verificationMethod"][0]["publicKeyJwk"]["x"].as_str().unwrap());
        let key = ed25519_dalek::VerifyingKey::from_bytes(&public_key.try_into().unwrap()).unwrap();
        let jwt = Browser::new("10.9.9.4").get(&app, &format!("/certificates/{id}/credential")).await.body;
        let payload = verified_jwt(&jwt, &key).expect("the credential verifies with the published key");
        assert_eq!(payload["iss"], did["id"]);
        assert_eq!(payload["vc"]["type"][1], "OpenBadgeCredential");
        assert_eq!(payload["vc"]["credentialSubject"]["name"], "Әмина Ғұмарқызы");
        assert_eq!(payload["vc"]["credentialSubject"]["result"][0]["value"], "4.5");
        assert_eq!(payload["vc"]["evidence"][0]["name"], "Жиһаз жөндеу күні");
        // One byte changed anywhere, and it no longer verifies.
        for at in [jwt.find('.').unwrap() + 20, jwt.len() - 5] {
            let mut forged = jwt.clone().into_bytes();
            forged[at] = if forged[at] == b'A' { b'B' } else { b'A' };
            assert!(verified_jwt(&String::from_utf8(forged).unwrap(), &key).is_none(), "a forged credential verified");
        }
        let status_index = payload["vc"]["credentialStatus"]["statusListIndex"].as_str().unwrap().parse::<usize>().unwrap();
        let revoked = |list: &str| {
            let payload = verified_jwt(list, &key).expect("the status list verifies");
            let encoded = payload["vc"]["credentialSubject"]["encodedList"].as_str().unwrap().trim_start_matches('u').to_string();
            let mut bits = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(base64_url(&encoded).as_slice()), &mut bits).unwrap();
            bits[status_index / 8] & (0x80 >> (status_index % 8)) != 0
        };
        assert!(!revoked(&Browser::new("10.9.9.4").get(&app, "/credentials/status").await.body));

        // Initials only, in English: the name is not on it.
        let answer = volunteer.post(&app, "/en/me/certificates", &issue(&[("name_shown", "initials"), ("certificate_language", "en")])).await;
        let second = location(&answer).trim_start_matches("/en/certificates/").trim_end_matches("?issued=1").to_string();
        let text = pdf_text(&Browser::new("10.9.9.6").get_bytes(&app, &format!("/certificates/{second}/pdf")).await);
        assert!(text.contains("Ә. Ғ.") && !text.contains("Әмина") && text.contains("Confirmed hours: 4.5 h"), "{text}");

        // The organisation corrects the hours: the certificate still states 4.5, and says they changed.
        assert_eq!(owner.post(&app, &attendance, &[("attended", "yes"), ("hours", "3")]).await.status, StatusCode::SEE_OTHER);
        let checked = Browser::new("10.9.9.5").get(&app, &format!("/api/fn/certificate?id={id}")).await;
        assert_eq!(checked.json()["certificate"]["hours"].as_f64(), Some(4.5));
        assert_eq!((checked.json()["corrections"][0]["issued"].as_f64(), checked.json()["corrections"][0]["now"].as_f64()), (Some(4.5), Some(3.0)));

        // Only its volunteer revokes it; then its page and PDF say so.
        let mut stranger = signed_in(&app, &db, "stranger@mail.kz", false).await;
        assert_eq!(stranger.post(&app, &format!("/en/me/certificates/{id}/revoke"), &[]).await.status, StatusCode::NOT_FOUND);
        let answer = volunteer.post(&app, &format!("/en/me/certificates/{id}/revoke"), &[]).await;
        assert_eq!(location(&answer), "/en/me/book?revoked=1#certificates");
        let page = Browser::new("10.9.9.5").get(&app, &format!("/ru/certificates/{id}")).await;
        assert!(page.body.contains("Отозван"), "{}", page.body);
        assert!(pdf_text(&Browser::new("10.9.9.6").get_bytes(&app, &format!("/certificates/{id}/pdf")).await).contains("Бұл сертификат кері қайтарылды."));
        assert!(revoked(&Browser::new("10.9.9.4").get(&app, "/credentials/status").await.body), "the status list says it is revoked");

        // The person's data carries their certificates.
        let data = volunteer.get(&app, "/en/me/data.json").await;
        assert_eq!(data.json()["certificates"].as_array().map(Vec::len), Some(2), "{}", data.body);

        // Deleting the account revokes the rest and takes the name off them.
        let user = count(&db, "SELECT id AS n FROM users WHERE email = 'volunteer@mail.kz'").await;
        crate::volunteers::store::delete_account(&db, user, "volunteer@mail.kz").await.unwrap();
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM certificates WHERE revoked_at IS NULL OR holder <> ''").await, 0);
    })
    .await;
}
