//! Contacts stay with those who need them: never on a public page or in open data.

use super::*;

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
