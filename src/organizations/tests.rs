//! Organisations through the real router on both engines: who may register, edit and moderate,
//! bad input, and the directory.

use crate::testing::browser::{count, location, Browser, PASSWORD};
use crate::server::db::{Db, Sql};
use crate::wiring::router;
use crate::testing::{app_state, on_each_backend};
use axum::http::StatusCode;
use axum::Router;

/// A volunteer who finished signing up and confirmed the address, signed in in `browser`.
pub(crate) async fn signed_in(app: &Router, db: &Db, email: &str, moderator: bool) -> Browser {
    let hash = crate::auth::password::hash(PASSWORD.to_string()).await.unwrap();
    let mut sql = Sql::new(
        "INSERT INTO users (email, full_name, password_hash, email_verified_at, signup_step, birth_date, is_moderator, created_at) VALUES (",
    );
    let now = chrono::Utc::now();
    sql.bind(email).push(", 'Айгүл Сейітқызы', ").bind(hash.as_str()).push(", ").bind(now).push(", 'done', '1990-01-01', ");
    sql.bind(moderator).push(", ").bind(now).push(")");
    db.execute(sql).await.unwrap();
    let mut browser = Browser::new(&format!("10.1.{}.1", email.len()));
    let answer = browser.post(app, "/en/login", &[("email", email), ("password", PASSWORD)]).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    browser
}

pub(crate) fn valid_bin(start: &str) -> String {
    (0..10).map(|d| format!("{start}{d}")).find(|b| super::form::check_bin(b).is_ok()).expect("a check digit")
}

pub(crate) fn registration(bin: &str) -> Vec<(&'static str, String)> {
    [
        ("name_kk", "Жасыл Ел Алматы"),
        ("name_ru", "Жасыл Ел Алматы"),
        ("name_en", "Green Country Almaty"),
        ("description_kk", "Ағаш отырғызамыз және саябақтарды тазалаймыз."),
        ("description_ru", ""),
        ("description_en", "We plant trees and clean parks."),
        ("kind", "public_association"),
        ("bin", bin),
        ("regions", "KZ-75"),
        ("regions", "KZ-19"),
        ("directions", "taza-alem"),
        ("phone", "8 727 123 45 67"),
        ("email", "info@zhasyl.kz"),
        ("address_kk", "Алматы, Абай даңғылы, 10"),
        ("website", "https://zhasyl.kz"),
        ("social_links", "https://instagram.com/zhasyl\nhttps://t.me/zhasyl"),
    ]
    .into_iter()
    .map(|(n, v)| (n, v.to_string()))
    .collect()
}

pub(crate) fn fields<'a>(pairs: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    pairs.iter().map(|(n, v)| (*n, v.as_str())).collect()
}

pub(crate) fn with(pairs: &[(&'static str, String)], name: &'static str, value: &str) -> Vec<(&'static str, String)> {
    let mut changed: Vec<_> = pairs.iter().filter(|(n, _)| *n != name).cloned().collect();
    changed.push((name, value.to_string()));
    changed
}

#[tokio::test]
async fn registering_editing_and_moderating_an_organization_is_for_those_allowed() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let form = registration(&valid_bin("19014000012"));
        let organizations = || count(&db, "SELECT COUNT(*) AS n FROM organizations");

        // A visitor is sent to sign in and back.
        let mut visitor = Browser::new("10.9.9.9");
        let answer = visitor.post(&app, "/en/organizations/new", &fields(&form)).await;
        assert_eq!(location(&answer), "/en/login?next=%2Fen%2Forganizations%2Fnew");
        assert_eq!(organizations().await, 0);

        let mut owner = signed_in(&app, &db, "owner@zhasyl.kz", false).await;
        let answer = owner.post(&app, "/en/organizations/new", &fields(&form)).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
        assert_eq!(location(&answer), "/en/organizations/green-country-almaty?registered=1");
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM organization_members WHERE role = 'owner'").await, 1);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM organization_regions").await, 2);
        let page = visitor.get(&app, "/en/organizations/green-country-almaty").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Awaiting verification") && page.body.contains("+7 727 123 45 67"), "{}", page.body);

        // The same BIN twice is refused; a second organisation with another name gets its own slug.
        let answer = owner.post(&app, "/ru/organizations/new", &fields(&form)).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(answer.body.contains("Организация с этим БИН уже зарегистрирована"), "localized");
        let second = with(&with(&form, "bin", ""), "kind", "initiative_group");
        let answer = owner.post(&app, "/en/organizations/new", &fields(&second)).await;
        assert_eq!(location(&answer), "/en/organizations/green-country-almaty-2?registered=1");

        // Only members edit; another volunteer gets 403, an unknown organisation 404.
        let mut stranger = signed_in(&app, &db, "stranger@mail.kz", false).await;
        let edited = with(&form, "name_en", "Green Country");
        let answer = stranger.post(&app, "/en/organizations/green-country-almaty/edit", &fields(&edited)).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM organizations WHERE name_en = 'Green Country'").await, 0);
        let answer = stranger.post(&app, "/en/organizations/no-such-org/edit", &fields(&edited)).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND);
        let answer = stranger.get(&app, "/api/fn/organization-editor?slug=green-country-almaty").await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
        assert!(!answer.body.contains("info@zhasyl.kz"));
        let answer = owner.post(&app, "/en/organizations/green-country-almaty/edit", &fields(&edited)).await;
        assert_eq!(location(&answer), "/en/organizations/green-country-almaty/edit?saved=1");
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM organizations WHERE name_en = 'Green Country'").await, 1);
        let answer = owner.get(&app, "/api/fn/organization-editor?slug=green-country-almaty").await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);

        // Only moderators verify; each action is in the audit log.
        let id = count(&db, "SELECT id AS n FROM organizations WHERE slug = 'green-country-almaty'").await;
        let verify = format!("/en/moderation/organizations/{id}/verify");
        assert_eq!(owner.post(&app, &verify, &[]).await.status, StatusCode::FORBIDDEN);
        assert_eq!(visitor.post(&app, &verify, &[]).await.status, StatusCode::SEE_OTHER, "a visitor is sent to sign in");
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM organizations WHERE verified = TRUE").await, 0);
        let mut moderator = signed_in(&app, &db, "moderator@birgemiz.kz", true).await;
        let answer = moderator.post(&app, &verify, &[("back", "/en/organizations/green-country-almaty")]).await;
        assert_eq!(location(&answer), "/en/organizations/green-country-almaty?done=verify");
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM organizations WHERE verified = TRUE").await, 1);
        assert!(visitor.get(&app, "/en/organizations/green-country-almaty").await.body.contains("badge badge--verified"));
        let answer = moderator.post(&app, "/en/moderation/organizations/999999/verify", &[]).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND);

        // A rejection needs a reason; the members see it, visitors do not.
        let second_id = count(&db, "SELECT id AS n FROM organizations WHERE slug = 'green-country-almaty-2'").await;
        let reject = format!("/kk/moderation/organizations/{second_id}/reject");
        let second = second_id.to_string();
        let answer = moderator.post(&app, &reject, &[("reason", "  "), ("organization", &second)]).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(answer.body.contains("Бұл өрісті толтырыңыз."), "localized");
        moderator.post(&app, &reject, &[("reason", "Байланыс деректері расталмады")]).await;
        assert!(owner.get(&app, "/kk/organizations/green-country-almaty-2").await.body.contains("Байланыс деректері расталмады"));
        assert!(!visitor.get(&app, "/kk/organizations/green-country-almaty-2").await.body.contains("Байланыс деректері расталмады"));

        // Hiding takes the page out of the directory and answers 404.
        let hide = format!("/en/moderation/organizations/{second_id}/hide");
        let answer = moderator.post(&app, &hide, &[("hide_reason", "Spam")]).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER);
        assert_eq!(visitor.get(&app, "/en/organizations/green-country-almaty-2").await.status, StatusCode::NOT_FOUND);
        let directory = visitor.get(&app, "/api/fn/organizations").await;
        assert_eq!(directory.json()["total"], 1, "{}", directory.body);
        assert_eq!(
            count(&db, "SELECT COUNT(*) AS n FROM audit_log l JOIN users u ON u.id = l.actor_id WHERE u.email = 'moderator@birgemiz.kz'").await,
            3
        );
        let log = moderator.get(&app, "/en/moderation").await;
        assert!(log.body.contains("Hid the organisation") && log.body.contains("Spam"), "{}", log.body);
        assert_eq!(owner.get(&app, "/api/moderation").await.status, StatusCode::FORBIDDEN);
    })
    .await;
}

#[tokio::test]
async fn bad_input_on_every_field_is_refused_with_a_localized_message_and_stores_nothing() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let form = registration(&valid_bin("19014000012"));
        let mut owner = signed_in(&app, &db, "owner@zhasyl.kz", false).await;
        let (long_name, long_text) = ("ә".repeat(121), "a".repeat(5001));
        let cases: Vec<(&str, &str, &str)> = vec![
            ("name_en", "<script>alert(1)</script>", "Use letters, digits and ordinary punctuation"),
            ("name_en", &long_name, "At most 120 characters"),
            ("description_en", &long_text, "At most 5000 characters"),
            ("kind", "bank", "Choose one of the options offered"),
            ("kind", "", "Fill in this field"),
            ("bin", "123456789012", "A BIN has 12 digits"),
            ("bin", "1' OR '1'='1", "A BIN has 12 digits"),
            ("bin", "", "Fill in this field"),
            ("regions", "KZ-00", "Choose one of the options offered"),
            ("directions", "'; DROP TABLE organizations; --", "Choose one of the options offered"),
            ("phone", "12345", "Enter a Kazakhstan number"),
            ("email", "not-an-address", "Enter an email address"),
            ("address_kk", "<img src=x onerror=alert(1)>", "Use letters, digits and ordinary punctuation"),
            ("website", "javascript:alert(1)", "Enter a full web address"),
            ("social_links", "https://a.kz\nhttps://b.kz\nhttps://c.kz\nhttps://d.kz\nhttps://e.kz\nhttps://f.kz", "At most 5 lines"),
        ];
        for (name, value, message) in cases {
            let answer = owner.post(&app, "/en/organizations/new", &fields(&with(&form, name, value))).await;
            assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{name}={value}");
            assert!(answer.body.contains(message), "{name}={value}: expected «{message}»");
        }
        // No name and no description in any language.
        let empty: Vec<_> = form.iter().filter(|(n, _)| !n.starts_with("name_") && !n.starts_with("description_")).cloned().collect();
        let answer = owner.post(&app, "/en/organizations/new", &fields(&empty)).await;
        assert!(answer.body.contains("Fill this in at least in one language."));
        // No region, no direction.
        let none: Vec<_> = form.iter().filter(|(n, _)| *n != "regions" && *n != "directions").cloned().collect();
        let answer = owner.post(&app, "/en/organizations/new", &fields(&none)).await;
        assert!(answer.body.contains("Choose at least one."));
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM organizations").await, 0);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM organization_members").await, 0);

        // An unconfirmed address cannot register.
        let mut sql = Sql::new("UPDATE users SET email_verified_at = NULL");
        sql.push("");
        db.execute(sql).await.unwrap();
        let answer = owner.post(&app, "/en/organizations/new", &fields(&form)).await;
        assert!(answer.body.contains("Confirm your email address first"));
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM organizations").await, 0);
    })
    .await;
}

/// A multipart body with one file field `logo`.
fn multipart(bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----birgemiz-test-boundary";
    let mut body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"logo.png\"\r\nContent-Type: image/png\r\n\r\n").into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

pub(crate) async fn upload(app: &Router, browser: &Browser, uri: &str, bytes: &[u8]) -> crate::testing::http::Answer {
    let (content_type, body) = multipart(bytes);
    let request = axum::http::Request::post(uri)
        .header(axum::http::header::CONTENT_TYPE, content_type)
        .header("sec-fetch-site", "same-origin")
        .header(axum::http::header::COOKIE, browser.cookie_header())
        .body(axum::body::Body::from(body))
        .unwrap();
    crate::testing::http::send(app, request).await
}

pub(crate) fn png(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbaImage::from_pixel(width, height, image::Rgba([246, 195, 67, 255]));
    let mut out = Vec::new();
    picture.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
    out
}

#[tokio::test]
async fn a_logo_is_checked_by_content_re_encoded_and_served_safely() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let mut owner = signed_in(&app, &db, "owner@zhasyl.kz", false).await;
        owner.post(&app, "/en/organizations/new", &fields(&registration(&valid_bin("19014000012")))).await;
        let uri = "/en/organizations/green-country-almaty/logo";
        let logo = || count(&db, "SELECT COUNT(*) AS n FROM organizations WHERE logo IS NOT NULL");

        let stranger = signed_in(&app, &db, "stranger@mail.kz", false).await;
        assert_eq!(upload(&app, &stranger, uri, &png(300, 300)).await.status, StatusCode::FORBIDDEN);
        let visitor = Browser::new("10.3.3.3");
        assert_eq!(upload(&app, &visitor, uri, &png(300, 300)).await.status, StatusCode::SEE_OTHER);
        assert_eq!(upload(&app, &owner, "/en/organizations/no-such-org/logo", &png(300, 300)).await.status, StatusCode::NOT_FOUND);

        // A renamed executable, a picture too large, an image bomb: refused beside the field.
        let mut executable = b"MZ\x90\x00\x03\x00\x00\x00".to_vec();
        executable.resize(8192, 0x90);
        let answer = upload(&app, &owner, uri, &executable).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(answer.body.contains("not a PNG, JPEG or WebP picture"), "{}", answer.body);
        let answer = upload(&app, &owner, uri, &vec![0x89; super::logo::LOGO_MAX_BYTES + 10]).await;
        assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(answer.body.contains("larger than 2 MB"), "{}", answer.body);
        let bomb = super::logo::image_bomb(50_000);
        let answer = upload(&app, &owner, "/ru/organizations/green-country-almaty/logo", &bomb).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(answer.body.contains("Изображение слишком большое"), "localized");
        assert_eq!(logo().await, 0);

        // A real picture: stored under a generated name, served only as an image.
        let answer = upload(&app, &owner, uri, &png(640, 320)).await;
        assert_eq!(location(&answer), "/en/organizations/green-country-almaty/edit?logo=1", "{}", answer.body);
        assert_eq!(logo().await, 1);
        #[derive(sqlx::FromRow)]
        struct Logo {
            logo: String,
        }
        let stored: Logo = db.fetch_one(Sql::new("SELECT logo FROM organizations WHERE logo IS NOT NULL")).await.unwrap();
        let served = crate::testing::http::get(&app, &format!("/uploads/logos/{}", stored.logo)).await;
        assert_eq!(served.status, StatusCode::OK);
        assert_eq!(served.headers["content-type"], "image/webp");
        assert_eq!(served.headers["x-content-type-options"], "nosniff");
        assert!(served.headers["content-security-policy"].to_str().unwrap().contains("default-src 'none'"));
        assert_eq!(crate::testing::http::get(&app, "/uploads/logos/..%2F..%2Fetc%2Fpasswd").await.status, StatusCode::NOT_FOUND);
        assert!(owner.get(&app, "/en/organizations/green-country-almaty").await.body.contains(&stored.logo));
    })
    .await;
}

#[tokio::test]
async fn an_organization_whose_owner_deletes_the_account_passes_to_its_editor() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let mut owner = signed_in(&app, &db, "owner@zhasyl.kz", false).await;
        owner.post(&app, "/en/organizations/new", &fields(&registration(&valid_bin("19014000012")))).await;
        let base = "/en/organizations/green-country-almaty";
        let mut editor = signed_in(&app, &db, "editor@mail.kz", false).await;
        owner.post(&app, &format!("{base}/members/invite"), &[("invite_email", "editor@mail.kz"), ("form", "invite")]).await;
        let token = crate::testing::browser::token_from_mail(&db, "editor@mail.kz").await;
        editor.post(&app, "/en/invitations/accept", &[("token", &token)]).await;
        let invite_as_editor = [("invite_email", "third@mail.kz"), ("form", "invite")];
        assert_eq!(editor.post(&app, &format!("{base}/members/invite"), &invite_as_editor).await.status, StatusCode::FORBIDDEN);

        let deleted = owner
            .post(&app, "/en/me/delete", &[("form", "delete"), ("delete_password", crate::testing::browser::PASSWORD), ("confirm", "yes")])
            .await;
        assert_eq!(deleted.status, StatusCode::SEE_OTHER);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM organization_members WHERE role = 'owner'").await, 1);
        let answer = editor.post(&app, &format!("{base}/members/invite"), &invite_as_editor).await;
        assert_eq!(location(&answer), format!("{base}/edit?invited=1"));
    })
    .await;
}

#[tokio::test]
async fn the_owner_invites_and_removes_editors_and_only_the_owner_can() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let form = registration(&valid_bin("19014000012"));
        let mut owner = signed_in(&app, &db, "owner@zhasyl.kz", false).await;
        owner.post(&app, "/en/organizations/new", &fields(&form)).await;
        let base = "/en/organizations/green-country-almaty";
        let mut editor = signed_in(&app, &db, "editor@mail.kz", false).await;
        let mut someone = signed_in(&app, &db, "someone@mail.kz", false).await;
        let invite = format!("{base}/members/invite");

        // Only the owner invites; the address is checked.
        assert_eq!(someone.post(&app, &invite, &[("invite_email", "editor@mail.kz")]).await.status, StatusCode::FORBIDDEN);
        let answer = owner.post(&app, &invite, &[("invite_email", "not an address"), ("form", "invite")]).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(answer.body.contains("Enter an email address like"), "{}", answer.body);
        let answer = owner.post(&app, &invite, &[("invite_email", "Editor@Mail.kz"), ("form", "invite")]).await;
        assert_eq!(location(&answer), format!("{base}/edit?invited=1"));
        let token = crate::testing::browser::token_from_mail(&db, "editor@mail.kz").await;

        // The link is for that address only, and works once.
        let answer = someone.post(&app, "/en/invitations/accept", &[("token", &token)]).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(answer.body.contains("sent to another email address"));
        let answer = editor.post(&app, "/en/invitations/accept", &[("token", &token)]).await;
        assert_eq!(location(&answer), format!("{base}?joined=1"));
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM organization_members WHERE role = 'editor'").await, 1);
        let answer = editor.post(&app, "/en/invitations/accept", &[("token", &token)]).await;
        assert!(answer.body.contains("used already or expired"));
        assert_eq!(Browser::new("10.4.4.4").get(&app, &format!("/api/fn/invitation?token={token}")).await.status, StatusCode::NOT_FOUND);

        // An editor edits, but neither invites nor removes.
        let answer = editor.post(&app, &format!("{base}/edit"), &fields(&with(&form, "name_en", "Green Country"))).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER);
        assert_eq!(editor.post(&app, &invite, &[("invite_email", "x@mail.kz")]).await.status, StatusCode::FORBIDDEN);
        let owner_id = count(&db, "SELECT id AS n FROM users WHERE email = 'owner@zhasyl.kz'").await;
        let editor_id = count(&db, "SELECT id AS n FROM users WHERE email = 'editor@mail.kz'").await;
        assert_eq!(editor.post(&app, &format!("{base}/members/{owner_id}/remove"), &[]).await.status, StatusCode::FORBIDDEN);
        // The owner cannot be removed, an editor can; then their access is gone.
        assert_eq!(owner.post(&app, &format!("{base}/members/{owner_id}/remove"), &[]).await.status, StatusCode::NOT_FOUND);
        let answer = owner.post(&app, &format!("{base}/members/{editor_id}/remove"), &[]).await;
        assert_eq!(location(&answer), format!("{base}/edit?removed=1"));
        assert_eq!(editor.post(&app, &format!("{base}/edit"), &fields(&form)).await.status, StatusCode::FORBIDDEN);
    })
    .await;
}

#[tokio::test]
async fn the_moderation_queue_is_newest_first_searchable_and_paged() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let now = chrono::Utc::now();
        for i in 1..=30 {
            let new = crate::organizations::store::NewOrganization {
                slug: format!("awaiting-{i:02}"),
                name: crate::i18n::LocalizedText::new(Some(format!("Күтуші {i:02}")), None, Some(format!("Awaiting {i:02}"))),
                description: crate::i18n::LocalizedText::default(),
                region: if i % 2 == 0 { "KZ-75".into() } else { "KZ-71".into() },
                verified: false,
                created_at: now,
            };
            crate::organizations::store::insert(&db, &new).await.unwrap();
        }
        let mut moderator = signed_in(&app, &db, "moderator@birgemiz.kz", true).await;
        let queue = |query: &'static str| format!("/api/moderation?{query}");
        let names = |answer: &crate::testing::http::Answer| -> Vec<String> {
            answer.json()["awaiting"]["items"].as_array().unwrap().iter().map(|card| card["name"]["en"].as_str().unwrap().to_string()).collect()
        };

        // Newest first, a page at a time, with the total.
        let first = moderator.get(&app, &queue("")).await;
        assert_eq!(first.status, StatusCode::OK, "{}", first.body);
        assert_eq!(first.json()["awaiting"]["total"], 30);
        let page = names(&first);
        assert_eq!((page.len(), page[0].as_str(), page[23].as_str()), (24, "Awaiting 30", "Awaiting 07"));
        let after = first.json()["awaiting"]["next"].as_i64().expect("a next page");
        let second = moderator.get(&app, &format!("/api/moderation?query[after]={after}")).await;
        assert_eq!(names(&second), ["Awaiting 06", "Awaiting 05", "Awaiting 04", "Awaiting 03", "Awaiting 02", "Awaiting 01"]);

        // Searched and narrowed to a region.
        let found = moderator.get(&app, &queue("query[q]=awaiting%2017")).await;
        assert_eq!(names(&found), ["Awaiting 17"]);
        let almaty = moderator.get(&app, &queue("query[region]=KZ-75")).await;
        assert_eq!(almaty.json()["awaiting"]["total"], 15);

        // The page itself: the filters, the newest first and a link to the next page.
        let html = moderator.get(&app, "/en/moderation").await;
        assert!(html.body.contains("action=\"/en/moderation\" role=\"search\""), "{}", html.body);
        assert!(html.body.find("Awaiting 30").unwrap() < html.body.find("Awaiting 29").unwrap());
        assert!(html.body.contains(&format!("href=\"/en/moderation?after={after}\"")), "{}", html.body);
        let narrowed = moderator.get(&app, "/en/moderation?q=awaiting+17").await;
        assert!(narrowed.body.contains("Awaiting 17") && !narrowed.body.contains("Awaiting 18"));
    })
    .await;
}
