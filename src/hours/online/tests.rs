//! Online sessions through the real router on both engines: every refusal writes nothing, the
//! organisation and the person helped confirm, the hours and the book follow.

use super::store::{self, NotRecorded, RecordedBy};
use crate::hours::tests::runs;
use crate::organizations::campaigns::tests::{campaign_form, organization};
use crate::organizations::tests::{fields, signed_in, with};
use crate::testing::browser::{count, location, token_from_mail, Browser};
use crate::testing::http::Answer;
use crate::testing::{app_state, on_each_backend};
use crate::wiring::router;
use axum::http::StatusCode;
use chrono::{Duration, Utc};

fn as_pairs<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(n, v)| (*n, v.as_str())).collect()
}

fn refused(answer: &Answer, message: &str) {
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{message}: {}", answer.status);
    assert!(answer.body.contains(message), "expected «{message}»: {}", answer.body.split("<main").nth(1).unwrap_or(&answer.body));
}

#[tokio::test]
async fn online_sessions_count_once_the_organisation_or_the_person_helped_confirms_them() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let mut owner = signed_in(&app, &db, "owner@cyber.kz", false).await;
        let slug = organization(&app, &mut owner, "19014000012", "Cyber").await;
        let organization_id = count(&db, &format!("SELECT id AS n FROM organizations WHERE slug = '{slug}'")).await;
        let mut moderator = signed_in(&app, &db, "moderator@birgemiz.kz", true).await;
        moderator.post(&app, &format!("/en/moderation/organizations/{organization_id}/verify"), &[]).await;
        let onsite = with(&with(&campaign_form(), "action", "publish"), "capacity", "");
        let online = with(&with(&onsite, "mode", "online"), "address", "");
        owner.post(&app, &format!("/en/organizations/{slug}/campaigns/new"), &fields(&online)).await;
        let id = count(&db, "SELECT MAX(id) AS n FROM campaigns").await;
        owner.post(&app, &format!("/en/organizations/{slug}/campaigns/new"), &fields(&onsite)).await;
        let on_site = count(&db, "SELECT MAX(id) AS n FROM campaigns").await;
        assert_eq!(count(&db, &format!("SELECT COUNT(*) AS n FROM campaigns WHERE is_online = TRUE AND status = 'published' AND id = {id}")).await, 1);
        // It started three days ago and ends in two.
        runs(&db, id, -3 * 24 * 60, 2 * 24 * 60).await;
        runs(&db, on_site, -3 * 24 * 60, 2 * 24 * 60).await;

        let mut volunteer = signed_in(&app, &db, "volunteer@mail.kz", false).await;
        let mut pending = signed_in(&app, &db, "pending@mail.kz", false).await;
        for campaign in [id, on_site] {
            volunteer.post(&app, &format!("/en/campaigns/{campaign}/apply"), &[("answer", "Иә")]).await;
        }
        pending.post(&app, &format!("/en/campaigns/{id}/apply"), &[("answer", "Иә")]).await;
        let application_of = |campaign: i64| {
            format!("SELECT a.id AS n FROM applications a JOIN users u ON u.id = a.user_id WHERE u.email = 'volunteer@mail.kz' AND a.campaign_id = {campaign}")
        };
        let application = count(&db, &application_of(id)).await;
        for campaign in [id, on_site] {
            let applied = count(&db, &application_of(campaign)).await;
            let decide = format!("/en/organizations/{slug}/campaigns/{campaign}/applications/{applied}/decide");
            assert_eq!(owner.post(&app, &decide, &[("decision", "approve")]).await.status, StatusCode::SEE_OTHER);
        }

        // The campaign's page offers the approved volunteer the sessions form.
        let page = volunteer.get(&app, &format!("/en/campaigns/{id}")).await;
        assert!(page.body.contains("Record the session") && page.body.contains("This campaign is online"), "{}", page.body);

        let yesterday = crate::i18n::kazakhstan_day(Utc::now() - Duration::days(1)).format("%Y-%m-%d").to_string();
        let tomorrow = crate::i18n::kazakhstan_day(Utc::now() + Duration::days(1)).format("%Y-%m-%d").to_string();
        let long_ago = crate::i18n::kazakhstan_day(Utc::now() - Duration::days(5)).format("%Y-%m-%d").to_string();
        let record = format!("/en/campaigns/{id}/sessions");
        let session = |day: &str, from: &str, to: &str| vec![("session_day", day.to_string()), ("session_from", from.to_string()), ("session_to", to.to_string())];
        let sessions = || count(&db, "SELECT COUNT(*) AS n FROM online_sessions");

        // Every refusal, each with its own message, and nothing written.
        assert_eq!(location(&Browser::new("10.9.9.8").post(&app, &record, &as_pairs(&session(&yesterday, "10:00", "11:30"))).await), format!("/en/login?next=%2Fen%2Fcampaigns%2F{id}"));
        // The form is offered only to approved volunteers of online campaigns.
        assert_eq!(pending.post(&app, &record, &as_pairs(&session(&yesterday, "10:00", "11:30"))).await.status, StatusCode::FORBIDDEN);
        let at_on_site = format!("/en/campaigns/{on_site}/sessions");
        assert_eq!(volunteer.post(&app, &at_on_site, &as_pairs(&session(&yesterday, "10:00", "11:30"))).await.status, StatusCode::FORBIDDEN);
        refused(&volunteer.post(&app, &record, &as_pairs(&session(&yesterday, "ten", "11:30"))).await, "Write the time as hours and minutes");
        refused(&volunteer.post(&app, &record, &as_pairs(&session("", "10:00", "11:30"))).await, "required");
        refused(&volunteer.post(&app, &record, &as_pairs(&session(&yesterday, "10:00", "10:00"))).await, "must end after it starts");
        refused(&volunteer.post(&app, &record, &as_pairs(&session(&yesterday, "06:00", "19:00"))).await, "at most 12 h");
        refused(&volunteer.post(&app, &record, &as_pairs(&session(&tomorrow, "10:00", "11:00"))).await, "has not ended yet");
        refused(&volunteer.post(&app, &record, &as_pairs(&session(&long_ago, "10:00", "11:00"))).await, "within the campaign's dates");
        let mut own = session(&yesterday, "10:00", "11:30");
        own.push(("helped_email", "Volunteer@mail.kz".to_string()));
        refused(&volunteer.post(&app, &record, &as_pairs(&own)).await, "This is your own address");
        let mut bad = session(&yesterday, "10:00", "11:30");
        bad.push(("helped_email", "not an address".to_string()));
        assert_eq!(volunteer.post(&app, &record, &as_pairs(&bad)).await.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(sessions().await, 0, "no refusal writes a session");
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM mail_queue WHERE subject LIKE '%volunteer help you%'").await, 0);

        // A session waits for confirmation; one that overlaps it is refused.
        let answer = volunteer.post(&app, &record, &as_pairs(&session(&yesterday, "10:00", "11:30"))).await;
        assert_eq!(location(&answer), format!("/en/campaigns/{id}?session_recorded=1#sessions"));
        refused(&volunteer.post(&app, &record, &as_pairs(&session(&yesterday, "11:00", "12:00"))).await, "overlaps another session of yours");
        assert_eq!(sessions().await, 1);

        // One recorded by mistake is withdrawn by its volunteer while it waits; no one else can.
        volunteer.post(&app, &record, &as_pairs(&session(&yesterday, "13:00", "13:30"))).await;
        let mistaken = count(&db, "SELECT MAX(id) AS n FROM online_sessions").await.to_string();
        let page = volunteer.get(&app, &format!("/en/campaigns/{id}")).await;
        assert!(page.body.contains("Withdraw the session of") && page.body.contains(&format!("name=\"session\" value=\"{mistaken}\"")), "{}", page.body);
        let withdraw = format!("/en/campaigns/{id}/sessions/withdraw");
        assert_eq!(pending.post(&app, &withdraw, &[("session", &mistaken)]).await.status, StatusCode::NOT_FOUND);
        assert_eq!(volunteer.post(&app, &format!("/en/campaigns/{on_site}/sessions/withdraw"), &[("session", &mistaken)]).await.status, StatusCode::NOT_FOUND);
        assert_eq!(sessions().await, 2);
        let answer = volunteer.post(&app, &withdraw, &[("session", &mistaken)]).await;
        assert_eq!(location(&answer), format!("/en/campaigns/{id}?session_withdrawn=1#sessions"));
        assert_eq!(sessions().await, 1);
        let page = volunteer.get(&app, &location(&answer)).await;
        assert!(page.body.contains("The session is withdrawn"), "{}", page.body);
        let book = volunteer.get(&app, "/api/fn/my-book").await;
        assert_eq!(book.json()["awaiting"][0]["hours"], 1.5, "{}", book.body);
        assert_eq!(book.json()["total"], 0.0, "a session awaiting confirmation does not count");

        // A second one, across midnight, with a link mailed to the person helped.
        let mut asked = session(&yesterday, "23:00", "00:45");
        asked.push(("helped_email", "Helped@Example.kz".to_string()));
        let answer = volunteer.post(&app, &record, &as_pairs(&asked)).await;
        assert_eq!(location(&answer), format!("/en/campaigns/{id}?session_recorded=asked#sessions"));
        let token = token_from_mail(&db, "helped@example.kz").await;
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM online_sessions WHERE helped_token IS NOT NULL").await, 1);
        assert_eq!(count(&db, &format!("SELECT COUNT(*) AS n FROM online_sessions WHERE helped_token = '{token}'")).await, 0, "only the token's hash is kept");

        // The organisation sees both and confirms the first; another organisation cannot.
        let applications = owner.get(&app, &format!("/api/fn/campaign-applications?slug={slug}&campaign={id}")).await;
        assert_eq!(applications.json()["is_online"], true);
        let first = count(&db, "SELECT MIN(id) AS n FROM online_sessions").await;
        let decide = format!("/en/organizations/{slug}/campaigns/{id}/applications/{application}/sessions/decide");
        let mut stranger = signed_in(&app, &db, "other@org.kz", false).await;
        let other_slug = organization(&app, &mut stranger, "19014000029", "Other").await;
        assert!(stranger.post(&app, &decide, &[("session", &first.to_string()), ("decision", "confirm")]).await.status.is_client_error());
        let foreign = format!("/en/organizations/{other_slug}/campaigns/{id}/applications/{application}/sessions/decide");
        assert!(stranger.post(&app, &foreign, &[("session", &first.to_string()), ("decision", "confirm")]).await.status.is_client_error());
        assert_eq!(volunteer.post(&app, &decide, &[("session", &first.to_string()), ("decision", "confirm")]).await.status, StatusCode::FORBIDDEN);
        refused(&owner.post(&app, &decide, &[("session", &first.to_string()), ("decision", "maybe")]).await, "");
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM online_sessions WHERE status = 'confirmed'").await, 0);
        let answer = owner.post(&app, &decide, &[("session", &first.to_string()), ("decision", "confirm")]).await;
        assert_eq!(location(&answer), format!("/en/organizations/{slug}/campaigns/{id}/applications?session=confirmed#application-{application}"));
        // A decided session is no longer the volunteer's to withdraw.
        let withdraw_first = volunteer.post(&app, &format!("/en/campaigns/{id}/sessions/withdraw"), &[("session", &first.to_string())]).await;
        assert_eq!(withdraw_first.status, StatusCode::NOT_FOUND);
        // Decided once: a second decision finds nothing waiting.
        assert_eq!(owner.post(&app, &decide, &[("session", &first.to_string()), ("decision", "reject")]).await.status, StatusCode::NOT_FOUND);
        let hours_sql = format!("SELECT CAST(hours * 100 AS BIGINT) AS n FROM applications WHERE hours_source = 'online' AND id = {application}");
        let hours = || count(&db, &hours_sql);
        assert_eq!(hours().await, 150);

        // The person helped opens the link (no account), sees the volunteer's first name only, and confirms.
        let helped_page = format!("/en/sessions/confirm?token={token}");
        let mut helped = Browser::new("10.7.7.7");
        let opened = helped.get(&app, &helped_page).await;
        assert_eq!(opened.status, StatusCode::OK);
        assert!(opened.body.contains("Did this session take place?") && opened.headers.get("cache-control").unwrap().to_str().unwrap().contains("no-store"), "{}", opened.body);
        assert_eq!(helped.get(&app, &format!("/api/fn/helped-session?token={}", "0".repeat(64))).await.status, StatusCode::NOT_FOUND);
        let answer_path = "/en/sessions/confirm";
        refused(&helped.post(&app, answer_path, &[("token", &"0".repeat(64)), ("answer", "confirm")]).await, "This link");
        let answer = helped.post(&app, answer_path, &[("token", &token), ("answer", "confirm")]).await;
        assert_eq!(location(&answer), format!("{helped_page}&done=confirmed"));
        // Once only: the page then says how it was answered.
        refused(&helped.post(&app, answer_path, &[("token", &token), ("answer", "reject")]).await, "This session has been confirmed");
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM online_sessions WHERE status = 'confirmed' AND confirmed_by = 'helped'").await, 1);
        // 1.5 h + 1.75 h across midnight.
        assert_eq!(hours().await, 325);
        let shown = helped.get(&app, &helped_page).await;
        assert!(shown.body.contains("This session has been confirmed") && !shown.body.contains("Yes, it took place"), "{}", shown.body);

        // The organisation records one itself (confirmed as it is) and rejects one the volunteer recorded.
        let add = format!("/en/organizations/{slug}/campaigns/{id}/applications/{application}/sessions");
        let for_application = |mut fields: Vec<(&'static str, String)>| {
            fields.push(("application", application.to_string()));
            fields
        };
        refused(&owner.post(&app, &add, &as_pairs(&for_application(session(&yesterday, "10:30", "11:00")))).await, "overlaps another session of this volunteer");
        let answer = owner.post(&app, &add, &as_pairs(&for_application(session(&yesterday, "14:00", "15:00")))).await;
        assert_eq!(location(&answer), format!("/en/organizations/{slug}/campaigns/{id}/applications?session=added#application-{application}"));
        assert_eq!(hours().await, 425);
        volunteer.post(&app, &record, &as_pairs(&session(&yesterday, "16:00", "18:00"))).await;
        let last = count(&db, "SELECT MAX(id) AS n FROM online_sessions").await;
        owner.post(&app, &decide, &[("session", &last.to_string()), ("decision", "reject")]).await;
        assert_eq!(hours().await, 425, "a rejected session does not count");
        let page = owner.get(&app, &format!("/en/organizations/{slug}/campaigns/{id}/applications")).await;
        assert!(page.body.contains("confirmed by the person helped") && page.body.contains("not confirmed") && page.body.contains("confirmed by the organisation"), "{}", page.body);

        // The book counts them, marked as online sessions.
        let book = volunteer.get(&app, "/api/fn/my-book").await;
        assert_eq!(book.json()["total"], 4.25, "{}", book.body);
        assert_eq!(book.json()["confirmed"][0]["source"], "online");
        let book_page = volunteer.get(&app, "/en/me/book").await;
        assert!(book_page.body.contains("Online sessions, each confirmed by the organisation or the person helped"), "{}", book_page.body);

        // Changing hours from sessions takes a reason, which goes to the audit log.
        let attendance = format!("/en/organizations/{slug}/campaigns/{id}/applications/{application}/attendance");
        refused(&owner.post(&app, &attendance, &[("attended", "yes"), ("hours", "5")]).await, "");
        assert_eq!(hours().await, 425);
        owner.post(&app, &attendance, &[("attended", "yes"), ("hours", "5"), ("reason", "Консультация продлилась дольше")]).await;
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM applications WHERE hours_source = 'organization' AND hours = 5").await, 1);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'change_hours' AND reason LIKE '%4.25 → 5%'").await, 1);

        // The same session posted six times at once is recorded once: the overlap check and the
        // insert cannot interleave.
        let starts = Utc::now() - Duration::hours(60);
        let at_once: Vec<_> = (0..6)
            .map(|_| {
                let db = db.clone();
                tokio::spawn(async move { store::record(&db, application, starts, starts + Duration::minutes(45), RecordedBy::Volunteer { helped: None }).await })
            })
            .collect();
        let mut recorded = 0;
        for attempt in at_once {
            match attempt.await.unwrap().unwrap() {
                Ok(_) => recorded += 1,
                Err(refusal) => assert_eq!(refusal, NotRecorded::Overlap),
            }
        }
        assert_eq!(recorded, 1);

        // Two decisions at once on two sessions of the application: the hours count both
        // (each decision alone would count the other's session as still waiting).
        let second = starts + Duration::hours(2);
        store::record(&db, application, second, second + Duration::minutes(45), RecordedBy::Volunteer { helped: None }).await.unwrap().unwrap();
        let owner_id = count(&db, "SELECT id AS n FROM users WHERE email = 'owner@cyber.kz'").await;
        let waiting = format!("SELECT id AS n FROM online_sessions WHERE status = 'claimed' AND application_id = {application}");
        let both = [count(&db, &format!("{waiting} ORDER BY id LIMIT 1")).await, count(&db, &format!("{waiting} ORDER BY id DESC LIMIT 1")).await];
        let at_once: Vec<_> = both
            .into_iter()
            .map(|session| {
                let db = db.clone();
                tokio::spawn(async move { store::decide(&db, organization_id, id, application, session, true, owner_id).await })
            })
            .collect();
        for decision in at_once {
            assert!(decision.await.unwrap().unwrap());
        }
        // 1.5 h + 1.75 h + 1 h, and 45 min twice.
        assert_eq!(hours().await, 575);

        // The data export carries the sessions; deleting the account erases them.
        let data = volunteer.get(&app, "/en/me/data.json").await;
        assert_eq!(data.json()["online_sessions"].as_array().unwrap().len(), 6, "{}", data.body);
        let user = count(&db, "SELECT id AS n FROM users WHERE email = 'volunteer@mail.kz'").await;
        crate::volunteers::store::delete_account(&db, user, "volunteer@mail.kz").await.unwrap();
        assert_eq!(sessions().await, 0);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM applications WHERE hours = 5.75").await, 1, "the hours stay, anonymous");
    })
    .await;
}
