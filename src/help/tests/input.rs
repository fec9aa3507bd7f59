//! Bad input and scripts: refused with a localized error, nothing stored.

use super::*;

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
        let answer = crate::testing::http::send(&app, request).await;
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
            ("stamp", crate::help::abuse::new_stamp(&db).await.unwrap(), too_fast),
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
        assert_eq!(crate::testing::http::send(&app, request).await.status, StatusCode::FORBIDDEN);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM help_requests").await, 5);
    })
    .await;
}
