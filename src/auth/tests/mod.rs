//! Accounts through the real router, as a browser talks to it: signup, sessions, sign-in
//! limits, one-time links, bad input, cross-site posts.

mod applying;

use crate::server::db::Sql;
use crate::testing::browser::{count, location, sign_up, token_from_mail, Browser, PASSWORD};
use crate::testing::http::send;
use crate::wiring::router;
use crate::testing::{app_state, on_each_backend};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};

#[tokio::test]
async fn signup_mails_a_link_that_makes_the_account_once_and_saves_each_step() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let mut browser = Browser::new("10.0.0.1");
        let answer = browser.post(&app, "/kk/signup", &[("email", "Aigerim@Mail.kz"), ("password", PASSWORD)]).await;
        assert_eq!(location(&answer), "/kk/signup?sent=1");
        assert_eq!(browser.session(), None, "no account, no session before the address is confirmed");
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM users").await, 0);
        let first = token_from_mail(&db, "aigerim@mail.kz").await;
        // Asked twice, two links; the first opened makes the account, the other is then refused.
        Browser::new("10.0.0.9").post(&app, "/kk/signup", &[("email", "aigerim@mail.kz"), ("password", PASSWORD)]).await;
        let second = token_from_mail(&db, "aigerim@mail.kz").await;
        assert_ne!(first, second);
        let page = browser.get(&app, &format!("/kk/signup/confirm?token={first}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.headers[header::CACHE_CONTROL].to_str().unwrap().contains("no-store"));
        let answer = browser.post(&app, "/kk/signup/confirm", &[("token", &first)]).await;
        assert_eq!(location(&answer), "/kk/signup/about");
        let again = Browser::new("10.0.0.8").post(&app, "/ru/signup/confirm", &[("token", &first)]).await;
        assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(again.body.contains("Ссылка неверна, уже использована или устарела."));
        // The account made, the address's other links stop working.
        let other = Browser::new("10.0.0.8").post(&app, "/en/signup/confirm", &[("token", &second)]).await;
        assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM users").await, 1);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM pending_signups").await, 0);
        let cookie = browser.session().expect("a session cookie");
        assert_eq!(cookie.len(), 64);
        assert_eq!(browser.viewer_email(&app).await.as_deref(), Some("aigerim@mail.kz"));
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM users WHERE email = 'aigerim@mail.kz' AND email_verified_at IS NOT NULL").await, 1);

        // A taken address gets the very same answer; its owner gets a mail saying so, with no link
        // that makes anything.
        let answer = Browser::new("10.0.0.7").post(&app, "/kk/signup", &[("email", "AIGERIM@mail.kz"), ("password", "басқа берік құпиясөз")]).await;
        assert_eq!((answer.status, location(&answer)), (StatusCode::SEE_OTHER, "/kk/signup?sent=1"));
        #[derive(sqlx::FromRow)]
        struct Mail {
            subject: String,
            body: String,
        }
        let mail: Mail = db.fetch_one(Sql::new("SELECT subject, body FROM mail_queue WHERE recipient = 'aigerim@mail.kz' ORDER BY id DESC LIMIT 1")).await.unwrap();
        assert!(mail.subject.contains("сізде аккаунт бар") && mail.body.contains("/kk/password/forgot") && !mail.body.contains("token="), "{}", mail.body);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM pending_signups").await, 0);

        // The cookie is HttpOnly and SameSite=Lax; the database keeps only its hash.
        let answer = browser.post(&app, "/kk/login", &[("email", "aigerim@mail.kz"), ("password", PASSWORD)]).await;
        let set_cookie = answer.headers.get_all(header::SET_COOKIE).iter().map(|v| v.to_str().unwrap().to_string()).collect::<Vec<_>>().join("\n");
        assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"), "{set_cookie}");
        assert_eq!(count(&db, &format!("SELECT COUNT(*) AS n FROM sessions WHERE id = '{cookie}'")).await, 0);

        // The steps save as they go.
        let about = [
            ("full_name", "Әйгерім Нұрланқызы"),
            ("phone", "8 (701) 123-45-67"),
            ("birth_date", "2001-05-17"),
            ("region", "KZ-75"),
            ("locality", "Алматы"),
            ("languages", "kk"),
            ("languages", "ru"),
        ];
        let answer = browser.post(&app, "/kk/signup/about", &about).await;
        assert_eq!((answer.status, location(&answer)), (StatusCode::SEE_OTHER, "/kk/signup/interests"), "{}", answer.body);
        let interests = [("directions", "qamqor"), ("directions", "bilim"), ("skills", "Жүргізуші куәлігі"), ("availability", "weekends")];
        let answer = browser.post(&app, "/kk/signup/interests", &interests).await;
        assert_eq!(location(&answer), "/kk/signup/consent");
        let answer = browser.post(&app, "/kk/signup/consent", &[]).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(answer.body.contains("Келісетініңізді белгілеңіз."), "the refusal is localized");
        let answer = browser.post(&app, "/kk/signup/consent", &[("agree", "yes")]).await;
        assert_eq!(location(&answer), "/kk/signup/done");
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM users WHERE phone = '+77011234567' AND signup_step = 'done'").await, 1);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM consents WHERE kind = 'personal_data' AND version = '2026-11-01' AND locale = 'kk'").await, 1);

    })
    .await;
}

#[tokio::test]
async fn sign_in_rotates_the_session_and_sign_out_ends_it() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let mut first = Browser::new("10.0.0.2");
        sign_up(&app, &db, &mut first, "daniyar@example.kz").await;
        let before = first.session().unwrap();
        let answer = first.post(&app, "/en/login", &[("email", "daniyar@example.kz"), ("password", PASSWORD), ("next", "/en/campaigns")]).await;
        assert_eq!((answer.status, location(&answer)), (StatusCode::SEE_OTHER, "/en/signup/about?next=%2Fen%2Fcampaigns"), "an unfinished signup resumes, keeping where to go after");
        let after = first.session().unwrap();
        assert_ne!(before, after, "a new session id at sign-in");
        let mut stale = Browser::new("10.0.0.2");
        stale.cookies.push(("birgemiz-session".into(), before));
        assert_eq!(stale.viewer_email(&app).await, None, "the old id is worthless");
        assert_eq!(first.viewer_email(&app).await.as_deref(), Some("daniyar@example.kz"));

        // A second browser, then a password change in the first: the second is signed out.
        let mut second = Browser::new("10.0.0.3");
        second.post(&app, "/en/login", &[("email", "daniyar@example.kz"), ("password", PASSWORD)]).await;
        assert!(second.viewer_email(&app).await.is_some());
        let answer = first.post(&app, "/en/me/password", &[("form", "password"), ("current_password", PASSWORD), ("password", "a new long passphrase")]).await;
        assert_eq!(location(&answer), "/en/me?password_changed=1", "{}", answer.body);
        assert!(first.viewer_email(&app).await.is_some(), "this browser stays signed in");
        assert_eq!(second.viewer_email(&app).await, None, "the other browser is signed out");

        // Sign-out ends the session on the server, not only in the browser.
        let kept = first.session().unwrap();
        first.post(&app, "/en/logout", &[]).await;
        assert_eq!(first.session(), None);
        let mut replay = Browser::new("10.0.0.2");
        replay.cookies.push(("birgemiz-session".into(), kept));
        assert_eq!(replay.viewer_email(&app).await, None);

        // Wrong passwords: one message that does not say whether the address exists.
        for (email, password) in [("daniyar@example.kz", "wrong password"), ("nobody@example.kz", PASSWORD)] {
            let answer = first.post(&app, "/ru/login", &[("email", email), ("password", password)]).await;
            assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(answer.body.contains("Неверный адрес почты или пароль."));
        }
    })
    .await;
}

#[tokio::test]
async fn signup_and_password_reset_are_limited_per_address_and_per_email() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let too_many = |answer: &crate::testing::http::Answer, message: &str| {
            assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS);
            assert!(answer.body.contains(message), "{}", &answer.body[..300.min(answer.body.len())]);
        };
        // One address signing up many accounts (a new browser each time: a signed-in one is sent on).
        for i in 0..10 {
            let answer = Browser::new("10.0.7.1").post(&app, "/kk/signup", &[("email", &format!("robot{i}@example.kz")), ("password", PASSWORD)]).await;
            assert_ne!(answer.status, StatusCode::TOO_MANY_REQUESTS, "attempt {i}");
        }
        too_many(&Browser::new("10.0.7.1").post(&app, "/kk/signup", &[("email", "robot10@example.kz"), ("password", PASSWORD)]).await, "Әрекет тым көп болды.");
        // One email tried from many addresses (finding out whether it has an account).
        for i in 0..5 {
            Browser::new(&format!("10.0.8.{i}")).post(&app, "/en/signup", &[("email", "target@example.kz"), ("password", PASSWORD)]).await;
        }
        too_many(&Browser::new("10.0.8.99").post(&app, "/en/signup", &[("email", "target@example.kz"), ("password", PASSWORD)]).await, "Too many attempts.");
        assert_eq!(count(&db, "SELECT COUNT(DISTINCT email) AS n FROM pending_signups WHERE email LIKE 'robot%' OR email = 'target@example.kz'").await, 11);

        // Reset links for one account, asked for from many addresses.
        for i in 0..3 {
            let answer = Browser::new(&format!("10.0.9.{i}")).post(&app, "/ru/password/forgot", &[("email", "target@example.kz")]).await;
            assert_eq!(location(&answer), "/ru/password/forgot?sent=1");
        }
        too_many(&Browser::new("10.0.9.99").post(&app, "/ru/password/forgot", &[("email", "target@example.kz")]).await, "Слишком много попыток.");
    })
    .await;
}

#[tokio::test]
async fn sign_in_attempts_are_limited_per_address_and_per_account_without_locking_the_owner_out() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let mut owner = Browser::new("10.0.1.1");
        sign_up(&app, &db, &mut owner, "owner@example.kz").await;
        // The owner's browser signed in once: it is known to the account.
        owner.post(&app, "/kk/login", &[("email", "owner@example.kz"), ("password", PASSWORD)]).await;

        // One address trying too often gets 429, in the page's language.
        let mut attacker = Browser::new("10.0.2.1");
        let mut last = None;
        for i in 0..31 {
            last = Some(attacker.post(&app, "/ru/login", &[("email", &format!("x{i}@example.kz")), ("password", "guess guess")]).await);
        }
        let last = last.unwrap();
        assert_eq!(last.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(last.body.contains("Слишком много попыток."), "{}", &last.body[..300.min(last.body.len())]);

        // Failures against one account from many addresses stop further guesses on it…
        for i in 0..10 {
            let mut guesser = Browser::new(&format!("10.0.3.{i}"));
            guesser.post(&app, "/kk/login", &[("email", "owner@example.kz"), ("password", "guess guess")]).await;
        }
        let sign_in_links = || count(&db, "SELECT COUNT(*) AS n FROM email_tokens WHERE purpose = 'sign_in'");
        let mut guesser = Browser::new("10.0.3.200");
        let wrong = guesser.post(&app, "/en/login", &[("email", "owner@example.kz"), ("password", "guess guess")]).await;
        assert_eq!(wrong.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(sign_in_links().await, 0, "a wrong password gets no link");
        // …the owner on a new browser, with the right password, is not refused outright: a
        // one-time sign-in link goes to the account's address, in words that are the same as
        // for a wrong password (no oracle).
        let mut new_browser = Browser::new("10.0.3.201");
        let right = new_browser.post(&app, "/en/login", &[("email", "owner@example.kz"), ("password", PASSWORD)]).await;
        assert_eq!(right.status, StatusCode::TOO_MANY_REQUESTS);
        let text = |body: &str| body.split("form-summary").nth(1).map(|s| s.chars().take(400).collect::<String>()).unwrap_or_default();
        assert!(right.body.contains("we have mailed a one-time sign-in link"), "{}", right.body);
        assert_eq!(text(&right.body), text(&wrong.body));
        assert_eq!(sign_in_links().await, 1);
        let link = token_from_mail(&db, "owner@example.kz").await;
        let page = new_browser.get(&app, &format!("/en/login/link?token={link}")).await;
        assert!(page.headers[header::CACHE_CONTROL].to_str().unwrap().contains("no-store"));
        let answer = new_browser.post(&app, "/en/login/link", &[("token", &link)]).await;
        assert_eq!(location(&answer), "/en/signup/about", "signed in, where the signup stopped: {}", answer.body);
        assert_eq!(new_browser.viewer_email(&app).await.as_deref(), Some("owner@example.kz"));
        assert_eq!(Browser::new("10.0.3.202").post(&app, "/en/login/link", &[("token", &link)]).await.status, StatusCode::UNPROCESSABLE_ENTITY, "once");
        // …and the owner's own browser still signs in, while it has been used within 90 days.
        let answer = owner.post(&app, "/en/login", &[("email", "owner@example.kz"), ("password", PASSWORD)]).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
        let mut long_ago = Sql::new("UPDATE known_devices SET last_used_at = ");
        long_ago.bind(chrono::Utc::now() - chrono::Duration::days(91));
        db.execute(long_ago).await.unwrap();
        let answer = owner.post(&app, "/en/login", &[("email", "owner@example.kz"), ("password", PASSWORD)]).await;
        assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS, "a browser unused for 90 days is no longer known");
    })
    .await;
}

#[tokio::test]
async fn bad_input_on_every_field_is_refused_with_a_localized_message_and_stores_nothing() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let users_before = count(&db, "SELECT COUNT(*) AS n FROM users").await;
        let mut browser = Browser::new("10.0.4.1");
        let long = "я".repeat(300);
        let account_cases: Vec<(&str, &str, &str)> = vec![
            ("", PASSWORD, "Бұл өрісті толтырыңыз."),
            ("aigerim", PASSWORD, "Поштаны name@example.kz түрінде жазыңыз."),
            ("<script>@x.kz", PASSWORD, "Поштаны name@example.kz түрінде жазыңыз."),
            ("a@b.kz' OR '1'='1", PASSWORD, "Поштаны name@example.kz түрінде жазыңыз."),
            (&long, PASSWORD, "Ең көбі 254 таңба."),
            ("ok@example.kz", "", "Бұл өрісті толтырыңыз."),
            ("ok@example.kz", "short", "Кемінде 8 таңба."),
            ("ok@example.kz", "qwerty123", "ең жиі қолданылатындардың бірі"),
        ];
        for (email, password, message) in account_cases {
            let answer = browser.post(&app, "/kk/signup", &[("email", email), ("password", password)]).await;
            assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{email:?} {password:?}");
            assert!(answer.body.contains(message), "{email:?}: expected {message}");
            assert!(!answer.body.contains("<script>@x.kz\""), "markup is escaped");
        }
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM users").await, users_before, "no account half-made");

        sign_up(&app, &db, &mut browser, "fields@example.kz").await;
        let valid = [("full_name", "Дана Ерланқызы"), ("phone", "+7 701 000 00 00"), ("birth_date", "1999-01-02"), ("region", "KZ-71"), ("locality", "Астана"), ("languages", "kk")];
        let cases: Vec<(&str, String, &str)> = vec![
            ("full_name", String::new(), "Заполните это поле."),
            ("full_name", "<img src=x onerror=alert(1)>".into(), "Используйте только буквы"),
            ("full_name", "Robert'); DROP TABLE users;--".into(), "Используйте только буквы"),
            ("full_name", "я".repeat(101), "Не больше 100 символов."),
            ("phone", "12345".into(), "Введите казахстанский номер"),
            ("phone", "+7 495 123 45 67".into(), "Введите казахстанский номер"),
            ("birth_date", "17.05.2001".into(), "Введите существующую дату."),
            ("birth_date", "2030-01-01".into(), "от 10 до 110 лет"),
            ("birth_date", "[object Object]".into(), "Введите существующую дату."),
            ("region", "KZ-99".into(), "Выберите один из предложенных вариантов."),
            ("region", "1; DELETE FROM users".into(), "Выберите один из предложенных вариантов."),
            ("locality", "я".repeat(101), "Не больше 100 символов."),
            ("languages", "de".into(), "Выберите один из предложенных вариантов."),
        ];
        for (field, value, message) in cases {
            let fields: Vec<(&str, &str)> = valid.iter().map(|(n, v)| if *n == field { (*n, value.as_str()) } else { (*n, *v) }).collect();
            let answer = browser.post(&app, "/ru/signup/about", &fields).await;
            assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}={value}");
            assert!(answer.body.contains(message), "{field}={value}: expected {message}");
            assert!(answer.body.contains("aria-invalid=\"true\""), "{field}: the field is marked");
        }
        let answer = browser.post(&app, "/en/signup/interests", &[("directions", "qamqor"), ("skills", &"x".repeat(501)), ("availability", "sometimes")]).await;
        assert_eq!((answer.status, location(&answer)), (StatusCode::SEE_OTHER, "/en/signup/about"), "a step cannot be skipped");
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM users WHERE email = 'fields@example.kz' AND full_name = '' AND signup_step = 'about'").await, 1, "nothing stored");

        // The interests step, once reached: every field checked, nothing stored on a refusal.
        assert_eq!(browser.post(&app, "/ru/signup/about", &valid).await.status, StatusCode::SEE_OTHER);
        let valid = [("directions", "qamqor"), ("skills", "Вожу машину"), ("availability", "weekends")];
        let long_skills = "x".repeat(501);
        let cases: Vec<(&str, &str, &str)> = vec![
            ("directions", "", "Choose at least one."),
            ("directions", "' OR 1=1 --", "Choose one of the options offered."),
            ("skills", &long_skills, "At most 500 characters."),
            ("skills", "first\u{0}second", "Use letters, digits and ordinary punctuation only"),
            ("availability", "", "Choose at least one."),
            ("availability", "sometimes", "Choose one of the options offered."),
        ];
        for (field, value, message) in cases {
            // An empty choice is sent as a browser does: no field at all.
            let fields: Vec<(&str, &str)> =
                valid.iter().filter_map(|&(n, v)| if n != field { Some((n, v)) } else { Some((n, value)).filter(|_| !value.is_empty()) }).collect();
            let answer = browser.post(&app, "/en/signup/interests", &fields).await;
            assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}={value}");
            assert!(answer.body.contains(message), "{field}={value}: expected {message}");
        }
        let stored = "SELECT COUNT(*) AS n FROM users WHERE email = 'fields@example.kz' AND directions = '' AND skills = '' AND signup_step = 'interests'";
        assert_eq!(count(&db, stored).await, 1, "nothing of the interests stored");

        // A form that is not a form, or a field that is too big, is refused before any work.
        let request = Request::post("/kk/signup").header(header::CONTENT_TYPE, "application/json").body(Body::from("{}")).unwrap();
        assert_eq!(send(&app, request).await.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);

        // The same address again is answered as a new one (the owner is told by mail).
        let mut other = Browser::new("10.0.4.2");
        let answer = other.post(&app, "/en/signup", &[("email", "FIELDS@example.kz"), ("password", PASSWORD)]).await;
        assert_eq!(location(&answer), "/en/signup?sent=1");
    })
    .await;
}

#[tokio::test]
async fn forms_posted_by_fetch_get_json_and_cross_site_posts_are_refused() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let json_post = |uri: &str, body: &str, site: &str| {
            Request::post(uri)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header("x-birgemiz-form", "fetch")
                .header("sec-fetch-site", site)
                .header("x-forwarded-for", "10.0.5.1")
                .body(Body::from(body.to_string()))
                .unwrap()
        };
        let answer = send(&app, json_post("/en/signup", "email=bad&password=x", "same-origin")).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        let reply = answer.json();
        let errors = reply["feedback"]["errors"].as_array().unwrap();
        assert_eq!(errors.len(), 2, "{reply}");
        assert!(reply["feedback"]["values"].to_string().contains("bad") && !reply["feedback"]["values"].to_string().contains("\"x\""), "passwords never come back");
        let answer = send(&app, json_post("/en/signup", "email=fetch%40example.kz&password=long+enough+words", "same-origin")).await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(answer.json()["redirect"], "/en/signup?sent=1");

        let answer = send(&app, json_post("/en/signup", "email=evil%40example.kz&password=long+enough+words", "cross-site")).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM pending_signups WHERE email = 'evil@example.kz'").await, 0);
    })
    .await;
}

#[tokio::test]
async fn a_reset_link_sets_a_new_password_once_and_signs_out_everywhere() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let mut browser = Browser::new("10.0.6.1");
        sign_up(&app, &db, &mut browser, "reset@example.kz").await;
        let mut stranger = Browser::new("10.0.6.2");
        // The answer is the same for an address with an account and one without.
        for email in ["reset@example.kz", "nobody@example.kz"] {
            let answer = stranger.post(&app, "/ru/password/forgot", &[("email", email)]).await;
            assert_eq!(location(&answer), "/ru/password/forgot?sent=1");
        }
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM mail_queue WHERE recipient = 'nobody@example.kz'").await, 0);
        let token = token_from_mail(&db, "reset@example.kz").await;
        let page = stranger.get(&app, &format!("/ru/password/reset?token={token}")).await;
        assert!(page.body.contains("id=\"field-password\"") && !page.body.contains("Получить новую ссылку"), "a good link shows the form");
        let answer = stranger.post(&app, "/ru/password/reset", &[("token", &token), ("password", "123")]).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "a bad new password keeps the link usable");
        let answer = stranger.post(&app, "/ru/password/reset", &[("token", &token), ("password", "новый надёжный пароль")]).await;
        assert_eq!(location(&answer), "/ru/me?password_changed=1");
        assert_eq!(browser.viewer_email(&app).await, None, "the old session ended");
        assert_eq!(stranger.viewer_email(&app).await.as_deref(), Some("reset@example.kz"));
        let again = stranger.post(&app, "/ru/password/reset", &[("token", &token), ("password", "ещё один пароль")]).await;
        assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY, "the link works once");
        // Opened again, the used link says so at once and offers a new one, with no form to fill.
        let page = Browser::new("10.0.6.4").get(&app, &format!("/ru/password/reset?token={token}")).await;
        assert!(page.body.contains("Ссылка неверна, уже использована или устарела.") && page.body.contains("Получить новую ссылку"), "{}", page.body);
        assert!(!page.body.contains("id=\"field-password\""));
        let login = Browser::new("10.0.6.3").post(&app, "/ru/login", &[("email", "reset@example.kz"), ("password", "новый надёжный пароль")]).await;
        assert_eq!(login.status, StatusCode::SEE_OTHER);
    })
    .await;
}

#[tokio::test]
async fn a_volunteer_downloads_their_data_and_deletes_the_account() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let mut browser = Browser::new("10.0.7.1");
        assert_eq!(browser.get(&app, "/kk/me/data.json").await.status, StatusCode::UNAUTHORIZED, "only for the signed in");
        sign_up(&app, &db, &mut browser, "leaving@example.kz").await;
        let about = [("full_name", "Ерлан Сәкенұлы"), ("phone", "+7 707 111 22 33"), ("birth_date", "1990-10-10"), ("region", "KZ-79"), ("locality", "Шымкент"), ("languages", "kk")];
        browser.post(&app, "/kk/signup/about", &about).await;
        browser.post(&app, "/kk/signup/interests", &[("directions", "ayala"), ("availability", "online")]).await;
        browser.post(&app, "/kk/signup/consent", &[("agree", "yes")]).await;

        let export = browser.get(&app, "/kk/me/data.json").await;
        assert_eq!(export.status, StatusCode::OK);
        assert!(export.headers[header::CONTENT_DISPOSITION].to_str().unwrap().starts_with("attachment"));
        let data = export.json();
        assert_eq!(data["account"]["email"], "leaving@example.kz");
        assert_eq!(data["account"]["phone"], "+77071112233");
        assert_eq!(data["consents"][0]["version"], "2026-11-01");
        assert!(!export.body.contains("password_hash") && !export.body.contains("argon2"), "no secrets in the export");

        let refused = browser.post(&app, "/kk/me/delete", &[("form", "delete"), ("delete_password", "not my password"), ("confirm", "yes")]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("Қазіргі құпиясөз қате."), "{}", refused.body.split("<main").nth(1).unwrap_or(""));
        let answer = browser.post(&app, "/kk/me/delete", &[("form", "delete"), ("delete_password", PASSWORD), ("confirm", "yes")]).await;
        assert_eq!(location(&answer), "/kk?account_deleted=1");
        assert_eq!(browser.viewer_email(&app).await, None);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM users WHERE email = 'leaving@example.kz' OR phone = '+77071112233' OR full_name = 'Ерлан Сәкенұлы'").await, 0);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM users WHERE email LIKE 'deleted-%@deleted.invalid' AND deleted_at IS NOT NULL AND password_hash IS NULL").await, 1);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM consents WHERE withdrawn_at IS NULL AND user_id IN (SELECT id FROM users WHERE deleted_at IS NOT NULL)").await, 0);
        let login = Browser::new("10.0.7.2").post(&app, "/kk/login", &[("email", "leaving@example.kz"), ("password", PASSWORD)]).await;
        assert_eq!(login.status, StatusCode::UNPROCESSABLE_ENTITY, "the account is gone");
    })
    .await;
}
