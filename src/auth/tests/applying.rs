//! Who may apply: a finished signup, a confirmed address, the age, a guardian's consent for a minor.

use super::*;

#[tokio::test]
async fn applying_needs_a_finished_signup_a_confirmed_address_and_the_age() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let campaign = crate::volunteers::applications::store_tests::campaign_with_places(&db, 5).await;
        let apply = format!("/en/campaigns/{campaign}/apply");
        let mut visitor = Browser::new("10.0.8.1");
        let answer = visitor.post(&app, &apply, &[]).await;
        assert_eq!(location(&answer), format!("/en/login?next=%2Fen%2Fcampaigns%2F{campaign}"), "a visitor is sent to sign in");
        let answer = visitor.post(&app, &format!("/en/campaigns/{campaign}/cancel"), &[]).await;
        assert!(location(&answer).starts_with("/en/login?next="));

        let mut young = Browser::new("10.0.8.2");
        sign_up(&app, &db, &mut young, "young@example.kz").await;
        let applications = || count(&db, "SELECT COUNT(*) AS n FROM applications");
        young.post(&app, &apply, &[]).await;
        assert_eq!(applications().await, 0, "an unfinished signup cannot apply");
        let about = [("full_name", "Айша Серікқызы"), ("phone", "+7 701 222 33 44"), ("birth_date", "2013-04-01"), ("region", "KZ-75"), ("locality", "Алматы"), ("languages", "kk")];
        young.post(&app, "/en/signup/about", &about).await;
        young.post(&app, "/en/signup/interests", &[("directions", "qamqor"), ("availability", "weekends")]).await;
        let answer = young.post(&app, "/en/signup/consent", &[("agree", "yes")]).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "a minor needs a guardian's consent");
        let guardian = [("agree", "yes"), ("guardian_name", "Серік Әлиұлы"), ("guardian_contact", "serik.parent@example.kz")];
        assert_eq!(location(&young.post(&app, "/en/signup/consent", &guardian).await), "/en/signup/done");
        // The guardian confirms by the link mailed to them.
        let link = token_from_mail(&db, "serik.parent@example.kz").await;
        Browser::new("10.0.8.3").post(&app, "/en/guardian/confirm", &[("token", &link)]).await;
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM consents WHERE kind = 'guardian'").await, 1);
        // An address no longer confirmed (an account of before the signup confirmed addresses).
        db.execute(Sql::new("UPDATE users SET email_verified_at = NULL WHERE email = 'young@example.kz'")).await.unwrap();
        young.post(&app, &apply, &[]).await;
        assert_eq!(applications().await, 0, "an unconfirmed address cannot apply");
        young.post(&app, "/en/verify/resend", &[]).await;
        let token = token_from_mail(&db, "young@example.kz").await;
        young.post(&app, "/en/verify", &[("token", &token)]).await;

        // Adults only: the campaign asks for 18.
        let mut adults = Sql::new("UPDATE campaigns SET min_age = 18 WHERE id = ");
        adults.bind(campaign);
        db.execute(adults).await.unwrap();
        young.post(&app, &apply, &[]).await;
        assert_eq!(applications().await, 0, "a minor cannot apply to adults-only work");
        db.execute({
            let mut open = Sql::new("UPDATE campaigns SET min_age = NULL WHERE id = ");
            open.bind(campaign);
            open
        })
        .await
        .unwrap();
        let answer = young.post(&app, &apply, &[("answer", "<b>Иә</b>")]).await;
        assert_eq!(location(&answer), format!("/en/campaigns/{campaign}?applied=1#apply"));
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM applications WHERE status = 'pending' AND answer = '<b>Иә</b>'").await, 1, "stored as text");
        let again = young.post(&app, &apply, &[]).await;
        assert_eq!(location(&again), format!("/en/campaigns/{campaign}?already=1#apply"));
        let too_long = young.post(&app, &apply, &[("answer", &"ы".repeat(1001))]).await;
        assert_eq!(too_long.status, StatusCode::UNPROCESSABLE_ENTITY, "an answer over 1,000 characters is refused");
        assert_eq!(applications().await, 1);
        let counted = |body: &str| body.split("<dt>Applications</dt><dd>").nth(1).and_then(|rest| rest.split('<').next()).map(str::to_string);
        assert_eq!(counted(&young.get(&app, "/en/me").await.body).as_deref(), Some("1"));
        // Withdrawn, it stays listed on the volunteer's page but is no longer counted.
        young.post(&app, &format!("/en/campaigns/{campaign}/cancel"), &[]).await;
        assert_eq!(counted(&young.get(&app, "/en/me").await.body).as_deref(), Some("0"));
    })
    .await;
}

#[tokio::test]
async fn a_finished_volunteer_who_becomes_a_minor_by_a_corrected_birth_date_needs_a_guardian_first() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let mut browser = Browser::new("10.0.9.1");
        sign_up(&app, &db, &mut browser, "corrected@example.kz").await;
        let mut about = vec![("full_name", "Арман Болатұлы"), ("phone", "+7 701 333 44 55"), ("birth_date", "1995-06-01"), ("region", "KZ-71"), ("locality", "Астана"), ("languages", "kk")];
        browser.post(&app, "/kk/signup/about", &about).await;
        let interests = [("directions", "bilim"), ("availability", "evenings")];
        browser.post(&app, "/kk/signup/interests", &interests).await;
        browser.post(&app, "/kk/signup/consent", &[("agree", "yes")]).await;
        about[2] = ("birth_date", "2014-06-01");
        let mut profile: Vec<(&str, &str)> = vec![("form", "profile")];
        profile.extend(about.iter().copied());
        profile.extend(interests.iter().copied());
        let answer = browser.post(&app, "/kk/me/profile", &profile).await;
        assert_eq!(location(&answer), "/kk/signup/consent", "{}", answer.body);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM users WHERE email = 'corrected@example.kz' AND signup_step = 'consent'").await, 1);
        // Personal pages are never cached.
        let page = browser.get(&app, "/kk/me").await;
        assert_eq!(page.headers[header::CACHE_CONTROL], "private, no-store");
    })
    .await;
}
