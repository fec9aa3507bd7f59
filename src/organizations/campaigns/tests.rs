//! Campaign management through the real router on both engines: who may write, publish and
//! decide, capacity, attendance and hours, the participants' CSV, bad input.

use crate::testing::browser::{count, location, Browser};
use crate::organizations::tests::{fields, registration, signed_in, valid_bin, with};
use crate::server::db::{Db, Sql};
use crate::wiring::router;
use crate::testing::{app_state, on_each_backend};
use axum::http::StatusCode;
use axum::Router;

pub(crate) fn campaign_form() -> Vec<(&'static str, String)> {
    [
        ("title_kk", "Саябақты тазалау"),
        ("title_ru", "Уборка парка"),
        ("title_en", ""),
        ("description_kk", "Сенбі күні Горький саябағын бірге тазалаймыз."),
        ("description_ru", ""),
        ("description_en", ""),
        ("requirements_kk", "Қолғап алыңыз."),
        ("question_kk", "Көлігіңіз бар ма?"),
        ("direction", "taza-alem"),
        ("region", "KZ-75"),
        ("mode", "onsite"),
        ("address", "Алматы, Горький саябағы"),
        ("latitude", "43.2565"),
        ("longitude", "76.9715"),
        ("starts_at", "2030-05-04T10:00"),
        ("ends_at", "2030-05-04T14:00"),
        ("capacity", "1"),
        ("action", "save"),
    ]
    .into_iter()
    .map(|(n, v)| (n, v.to_string()))
    .collect()
}

/// An organisation registered by `owner`; its slug.
pub(crate) async fn organization(app: &Router, owner: &mut Browser, bin_start: &str, name: &str) -> String {
    let form = with(&registration(&valid_bin(bin_start)), "name_en", name);
    let answer = owner.post(app, "/en/organizations/new", &fields(&form)).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    location(&answer).trim_start_matches("/en/organizations/").trim_end_matches("?registered=1").to_string()
}

async fn id_of(db: &Db, sql: &str) -> i64 {
    count(db, sql).await
}

#[tokio::test]
async fn members_run_their_campaigns_and_nobody_else_can() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let mut owner = signed_in(&app, &db, "owner@zhasyl.kz", false).await;
        let slug = organization(&app, &mut owner, "19014000012", "Zhasyl").await;
        let mut other = signed_in(&app, &db, "other@qamqor.kz", false).await;
        let other_slug = organization(&app, &mut other, "20034000015", "Qamqor").await;
        let mut volunteer = signed_in(&app, &db, "volunteer@mail.kz", false).await;
        let mut visitor = Browser::new("10.7.7.7");
        let new = format!("/en/organizations/{slug}/campaigns/new");

        // Not verified yet: a draft, but no publishing.
        let answer = owner.post(&app, &new, &fields(&with(&campaign_form(), "action", "publish"))).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(answer.body.contains("once a moderator has verified the organisation"));
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM campaigns").await, 0);
        let answer = owner.post(&app, &new, &fields(&campaign_form())).await;
        let id = id_of(&db, "SELECT id AS n FROM campaigns WHERE status = 'draft'").await;
        assert_eq!(location(&answer), format!("/en/organizations/{slug}/campaigns/{id}/edit?saved=1"));

        // Only members: a volunteer gets 403, another organisation's member reaches nothing of it.
        assert_eq!(volunteer.post(&app, &new, &fields(&campaign_form())).await.status, StatusCode::FORBIDDEN);
        let edit = format!("/en/organizations/{slug}/campaigns/{id}/edit");
        let edited = with(&campaign_form(), "title_en", "Park clean-up");
        assert_eq!(other.post(&app, &edit, &fields(&edited)).await.status, StatusCode::FORBIDDEN);
        let through_own = format!("/en/organizations/{other_slug}/campaigns/{id}/edit");
        assert_eq!(other.post(&app, &through_own, &fields(&edited)).await.status, StatusCode::NOT_FOUND);
        assert_eq!(other.post(&app, &format!("/en/organizations/{other_slug}/campaigns/{id}/cancel"), &[]).await.status, StatusCode::NOT_FOUND);
        assert_eq!(location(&visitor.post(&app, &edit, &fields(&edited)).await), format!("/en/login?next=%2Fen%2Forganizations%2F{slug}%2Fcampaigns%2F{id}%2Fedit"));
        for api in [format!("/api/fn/manage-campaigns?slug={slug}"), format!("/api/fn/campaign-editor?slug={slug}&campaign={id}")] {
            assert_eq!(volunteer.get(&app, &api).await.status, StatusCode::FORBIDDEN, "{api}");
            assert_eq!(visitor.get(&app, &api).await.status, StatusCode::UNAUTHORIZED, "{api}");
            assert_eq!(owner.get(&app, &api).await.status, StatusCode::OK, "{api}");
        }
        assert_eq!(other.get(&app, &format!("/api/fn/campaign-editor?slug={other_slug}&campaign={id}")).await.status, StatusCode::NOT_FOUND);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM campaigns WHERE title_en IS NOT NULL OR status <> 'draft'").await, 0);

        // Verified: published, it is public.
        let organization_id = id_of(&db, &format!("SELECT id AS n FROM organizations WHERE slug = '{slug}'")).await;
        let mut moderator = signed_in(&app, &db, "moderator@birgemiz.kz", true).await;
        moderator.post(&app, &format!("/en/moderation/organizations/{organization_id}/verify"), &[]).await;
        let answer = owner.post(&app, &edit, &fields(&with(&edited, "action", "publish"))).await;
        assert_eq!(location(&answer), format!("{edit}?saved=1"));
        assert_eq!(visitor.get(&app, &format!("/api/v1/campaigns/{id}")).await.status, StatusCode::OK);

        // A volunteer applies; the organisers see the contacts, others do not.
        let answer = volunteer.post(&app, &format!("/en/campaigns/{id}/apply"), &[("answer", "Иә, бар")]).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
        let applications = format!("/api/fn/campaign-applications?slug={slug}&campaign={id}");
        let seen = owner.get(&app, &applications).await;
        assert!(seen.body.contains("volunteer@mail.kz") && seen.body.contains("Иә, бар"), "{}", seen.body);
        // The applicants' page writes a birth date like its other dates (the CSV keeps ISO).
        let page = owner.get(&app, &format!("/en/organizations/{slug}/campaigns/{id}/applications")).await;
        let shown = page.body.split("<main").nth(1).and_then(|main| main.split("</main>").next()).unwrap_or_default();
        assert!(shown.contains("1 January 1990") && !shown.contains("1990-01-01"), "{shown}");
        let refused = other.get(&app, &applications).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert!(!refused.body.contains("volunteer@mail.kz"));

        // Fewer places than held is refused; approving, then attendance only after the start.
        let answer = owner.post(&app, &edit, &fields(&with(&edited, "capacity", "0"))).await;
        assert!(answer.body.contains("Enter a number from 1 to 100000"));
        let application = id_of(&db, "SELECT id AS n FROM applications").await;
        let decide = format!("/en/organizations/{slug}/campaigns/{id}/applications/{application}/decide");
        assert_eq!(other.post(&app, &decide, &[("decision", "approve")]).await.status, StatusCode::FORBIDDEN);
        let other_decide = format!("/en/organizations/{other_slug}/campaigns/{id}/applications/{application}/decide");
        assert_eq!(other.post(&app, &other_decide, &[("decision", "reject")]).await.status, StatusCode::NOT_FOUND);
        let answer = owner.post(&app, &decide, &[("decision", "approve")]).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM applications WHERE status = 'approved'").await, 1);
        let attendance = format!("/en/organizations/{slug}/campaigns/{id}/applications/{application}/attendance");
        let answer = owner.post(&app, &attendance, &[("attended", "yes"), ("hours", "4.5"), ("application", &application.to_string())]).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "not before the start");
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM applications WHERE hours IS NOT NULL").await, 0);
        let mut past = Sql::new("UPDATE campaigns SET starts_at = ");
        past.bind(chrono::Utc::now() - chrono::Duration::days(2)).push(", ends_at = ").bind(chrono::Utc::now() - chrono::Duration::days(1));
        db.execute(past).await.unwrap();
        // Over, it is listed among the organisation's past campaigns as ended, not by places left.
        let profile = visitor.get(&app, &format!("/en/organizations/{slug}")).await;
        let past = profile.body.split("id=\"org-past\"").nth(1).unwrap_or_default();
        assert!(past.contains("This campaign has ended.") && !past.contains("places left") && !past.contains("place left"), "{past}");
        let application_field = application.to_string();
        let answer = owner.post(&app, &attendance, &[("attended", "yes"), ("hours", "lots"), ("application", &application_field)]).await;
        assert!(answer.body.contains("Enter a number."), "{}", answer.body);
        assert_eq!(other.post(&app, &attendance, &[("attended", "yes"), ("hours", "99")]).await.status, StatusCode::FORBIDDEN);
        let answer = owner.post(&app, &attendance, &[("attended", "yes"), ("hours", "4.5")]).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);

        // The hours reach the volunteer's record and the organisation's figures.
        let me = volunteer.get(&app, "/api/me").await;
        assert_eq!(me.json()["hours"], 4.5, "{}", me.body);
        let figures = crate::organizations::store::figures(&db, organization_id).await.unwrap();
        assert_eq!((figures.volunteers, figures.hours, figures.campaigns), (1, 4.5, 1));

        // The participants' CSV: for members only.
        let csv_path = format!("/ru/organizations/{slug}/campaigns/{id}/participants.csv");
        let csv = owner.get(&app, &csv_path).await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.body.contains("ФИО") && csv.body.contains("volunteer@mail.kz") && csv.body.contains(",4.5,"), "{}", csv.body);
        assert_eq!(other.get(&app, &csv_path).await.status, StatusCode::FORBIDDEN);
        assert_eq!(visitor.get(&app, &csv_path).await.status, StatusCode::UNAUTHORIZED);

        // A moderator hides a campaign that breaks the rules; nobody else can.
        let hide = format!("/en/moderation/campaigns/{id}/hide");
        assert_eq!(owner.post(&app, &hide, &[("hide_reason", "Spam")]).await.status, StatusCode::FORBIDDEN);
        let answer = moderator.post(&app, &hide, &[("hide_reason", "")]).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM campaigns WHERE hidden_at IS NOT NULL").await, 0);

        // Duplicate and cancel.
        let answer = owner.post(&app, &format!("/en/organizations/{slug}/campaigns/{id}/duplicate"), &[]).await;
        assert!(location(&answer).ends_with("/edit?duplicated=1"), "{}", location(&answer));
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM campaigns WHERE status = 'draft' AND title_en = 'Park clean-up'").await, 1);
        owner.post(&app, &format!("/en/organizations/{slug}/campaigns/{id}/cancel"), &[]).await;
        assert_eq!(count(&db, &format!("SELECT COUNT(*) AS n FROM campaigns WHERE status = 'cancelled' AND id = {id}")).await, 1);
        let copy = id_of(&db, "SELECT MAX(id) AS n FROM campaigns").await;
        // The copy keeps the past dates: given new ones, it is published.
        let answer = owner.post(&app, &format!("/en/organizations/{slug}/campaigns/{copy}/publish"), &[]).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "an ended campaign is not published");
        owner.post(&app, &format!("/en/organizations/{slug}/campaigns/{copy}/edit"), &fields(&with(&edited, "action", "publish"))).await;
        assert_eq!(visitor.get(&app, &format!("/api/v1/campaigns/{copy}")).await.status, StatusCode::OK);
        let answer = moderator.post(&app, &format!("/en/moderation/campaigns/{copy}/hide"), &[("hide_reason", "Spam")]).await;
        assert_eq!(location(&answer), "/en/moderation?done=hide_campaign");
        assert_eq!(visitor.get(&app, &format!("/api/v1/campaigns/{copy}")).await.status, StatusCode::NOT_FOUND);
        // Hidden, it is out of its organisation's reach too.
        let edit_copy = format!("/en/organizations/{slug}/campaigns/{copy}/edit");
        assert_eq!(owner.post(&app, &edit_copy, &fields(&edited)).await.status, StatusCode::NOT_FOUND);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'hide_campaign'").await, 1);
    })
    .await;
}

#[tokio::test]
async fn a_place_freed_by_a_decision_goes_to_whoever_waited_longest() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let mut owner = signed_in(&app, &db, "owner@zhasyl.kz", false).await;
        let slug = organization(&app, &mut owner, "19014000012", "Zhasyl").await;
        let organization_id = id_of(&db, &format!("SELECT id AS n FROM organizations WHERE slug = '{slug}'")).await;
        let mut moderator = signed_in(&app, &db, "moderator@birgemiz.kz", true).await;
        moderator.post(&app, &format!("/en/moderation/organizations/{organization_id}/verify"), &[]).await;
        // One place.
        owner.post(&app, &format!("/en/organizations/{slug}/campaigns/new"), &fields(&with(&campaign_form(), "action", "publish"))).await;
        let id = id_of(&db, "SELECT id AS n FROM campaigns WHERE status = 'published'").await;
        for email in ["first@mail.kz", "second@mail.kz"] {
            let mut volunteer = signed_in(&app, &db, email, false).await;
            assert_eq!(volunteer.post(&app, &format!("/en/campaigns/{id}/apply"), &[("answer", "Иә")]).await.status, StatusCode::SEE_OTHER);
        }
        let status_of = |email: &'static str| {
            let db = db.clone();
            async move {
                let sql = format!("SELECT CAST(CASE a.status WHEN 'pending' THEN 1 WHEN 'waitlisted' THEN 2 WHEN 'rejected' THEN 3 ELSE 0 END AS BIGINT) AS n FROM applications a JOIN users u ON u.id = a.user_id WHERE u.email = '{email}'");
                count(&db, &sql).await
            }
        };
        assert_eq!((status_of("first@mail.kz").await, status_of("second@mail.kz").await), (1, 2));
        let decide = |application: &str| format!("/en/organizations/{slug}/campaigns/{id}/applications/{application}/decide");
        let application = |email: &'static str| {
            let db = db.clone();
            async move { id_of(&db, &format!("SELECT a.id AS n FROM applications a JOIN users u ON u.id = a.user_id WHERE u.email = '{email}'")).await }
        };

        // The organisers move the first applicant to the waiting list: the second moves up.
        let first = application("first@mail.kz").await.to_string();
        assert_eq!(owner.post(&app, &decide(&first), &[("decision", "waitlist")]).await.status, StatusCode::SEE_OTHER);
        assert_eq!((status_of("first@mail.kz").await, status_of("second@mail.kz").await), (2, 1));
        // Rejecting the second gives the place back to the first; the place count stays true.
        let second = application("second@mail.kz").await.to_string();
        assert_eq!(owner.post(&app, &decide(&second), &[("decision", "reject")]).await.status, StatusCode::SEE_OTHER);
        assert_eq!((status_of("first@mail.kz").await, status_of("second@mail.kz").await), (1, 3));
        assert_eq!(count(&db, &format!("SELECT CAST(spots_taken AS BIGINT) AS n FROM campaigns WHERE id = {id}")).await, 1);
        // An unknown decision is refused and changes nothing.
        assert_ne!(owner.post(&app, &decide(&first), &[("decision", "promote")]).await.status, StatusCode::SEE_OTHER);
        assert_eq!(status_of("first@mail.kz").await, 1);
    })
    .await;
}

#[tokio::test]
async fn bad_campaign_input_is_refused_beside_each_field_and_stores_nothing() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let mut owner = signed_in(&app, &db, "owner@zhasyl.kz", false).await;
        let slug = organization(&app, &mut owner, "19014000012", "Zhasyl").await;
        let new = format!("/kk/organizations/{slug}/campaigns/new");
        let long = "ә".repeat(5001);
        let cases: Vec<(&str, &str, &str)> = vec![
            ("title_kk", "<script>alert(1)</script>", "Тек әріптер"),
            ("description_kk", &long, "Ең көбі 5000"),
            ("direction", "' OR 1=1 --", "Ұсынылған нұсқалардың бірін таңдаңыз."),
            ("region", "KZ-99", "Ұсынылған нұсқалардың бірін таңдаңыз."),
            ("mode", "", "Бұл өрісті толтырыңыз."),
            ("address", "", "Бұл өрісті толтырыңыз."),
            ("latitude", "60.1", "Ендік пен бойлықты тексеріңіз."),
            ("longitude", "2.35", "Қазақстаннан тыс"),
            // Inside the bounding box, but in Kyrgyzstan (south of Issyk-Kul).
            ("latitude", "41.5", "Қазақстаннан тыс"),
            ("latitude", "", "Ендікті де, бойлықты да жазыңыз"),
            ("starts_at", "tomorrow", "Шын күнді жазыңыз."),
            ("ends_at", "2030-05-04T09:00", "Аяқталуы басталуынан кейін болуы керек."),
            ("capacity", "-5", "1 мен 100000 аралығындағы сан енгізіңіз."),
            ("capacity", "many", "Сан енгізіңіз."),
        ];
        for (name, value, message) in cases {
            let answer = owner.post(&app, &new, &fields(&with(&campaign_form(), name, value))).await;
            assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{name}={value}");
            assert!(answer.body.contains(message), "{name}={value}: expected «{message}»");
        }
        let untitled = with(&with(&campaign_form(), "title_kk", ""), "title_ru", "");
        assert!(owner.post(&app, &new, &fields(&untitled)).await.body.contains("Кемінде бір тілде толтырыңыз."));
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM campaigns").await, 0);
    })
    .await;
}
