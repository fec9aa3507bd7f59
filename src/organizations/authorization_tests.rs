//! Who may call what: every route and server function of organisations, campaign management
//! and moderation, called by each kind of person, on both engines. A refusal must change
//! nothing; the allowed calls are exercised in the other tests.

use crate::testing::browser::{count, Browser};
use crate::organizations::tests::{fields, png, registration, signed_in, upload, valid_bin, with};
use crate::wiring::router;
use crate::testing::{app_state, on_each_backend};
use axum::http::StatusCode;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Who {
    Anonymous,
    Volunteer,
    OtherMember,
    Editor,
    Owner,
    Moderator,
}

const EVERYONE: [Who; 6] = [Who::Anonymous, Who::Volunteer, Who::OtherMember, Who::Editor, Who::Owner, Who::Moderator];

/// What a call gets: a page or data (200/303 on success), sent to sign in, or refused.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Gets {
    Allowed,
    SignIn,
    Forbidden,
}

fn classify(status: StatusCode, location: &str) -> Gets {
    match status {
        StatusCode::FORBIDDEN | StatusCode::NOT_FOUND => Gets::Forbidden,
        StatusCode::UNAUTHORIZED => Gets::SignIn,
        StatusCode::SEE_OTHER if location.contains("/login") => Gets::SignIn,
        // Let through: answered, sent on, or refused for the input (the probes post little).
        s if s.is_success() || s.is_redirection() || s == StatusCode::UNPROCESSABLE_ENTITY || s == StatusCode::BAD_REQUEST => {
            Gets::Allowed
        }
        other => panic!("an allowed caller must not get {other}"),
    }
}

/// Members (owner and editor) only.
fn members(who: Who) -> Gets {
    match who {
        Who::Anonymous => Gets::SignIn,
        Who::Editor | Who::Owner => Gets::Allowed,
        _ => Gets::Forbidden,
    }
}

fn owner_only(who: Who) -> Gets {
    match who {
        Who::Anonymous => Gets::SignIn,
        Who::Owner => Gets::Allowed,
        _ => Gets::Forbidden,
    }
}

fn moderators(who: Who) -> Gets {
    match who {
        Who::Anonymous => Gets::SignIn,
        Who::Moderator => Gets::Allowed,
        _ => Gets::Forbidden,
    }
}

#[tokio::test]
async fn every_route_answers_each_kind_of_person_as_it_should() {
    on_each_backend(|db| async move {
        let app = router::build(app_state(db.clone()));
        let mut owner = signed_in(&app, &db, "owner@zhasyl.kz", false).await;
        owner.post(&app, "/en/organizations/new", &fields(&registration(&valid_bin("19014000012")))).await;
        let slug = "green-country-almaty";
        let mut other = signed_in(&app, &db, "other@qamqor.kz", false).await;
        other.post(&app, "/en/organizations/new", &fields(&with(&registration(&valid_bin("20034000015")), "name_en", "Qamqor"))).await;
        let mut editor = signed_in(&app, &db, "editor@zhasyl.kz", false).await;
        owner.post(&app, &format!("/en/organizations/{slug}/members/invite"), &[("invite_email", "editor@zhasyl.kz")]).await;
        let token = crate::testing::browser::token_from_mail(&db, "editor@zhasyl.kz").await;
        editor.post(&app, "/en/invitations/accept", &[("token", &token)]).await;
        let organization = count(&db, &format!("SELECT id AS n FROM organizations WHERE slug = '{slug}'")).await;
        let volunteer = signed_in(&app, &db, "volunteer@mail.kz", false).await;
        let moderator = signed_in(&app, &db, "moderator@birgemiz.kz", true).await;
        let mut people = vec![
            (Who::Anonymous, Browser::new("10.8.8.8")),
            (Who::Volunteer, volunteer),
            (Who::OtherMember, other),
            (Who::Editor, editor),
            (Who::Owner, owner),
            (Who::Moderator, moderator),
        ];
        // A campaign of the organisation, and an application to it.
        let campaign_form = crate::organizations::campaigns::tests::campaign_form();
        let (_, owner_browser) = people.iter_mut().find(|(w, _)| *w == Who::Owner).unwrap();
        owner_browser.post(&app, &format!("/en/organizations/{slug}/campaigns/new"), &fields(&campaign_form)).await;
        let campaign = count(&db, "SELECT MAX(id) AS n FROM campaigns").await;
        let mut publish = crate::server::db::Sql::new("UPDATE campaigns SET status = 'published' WHERE id = ");
        publish.bind(campaign);
        db.execute(publish).await.unwrap();
        let (_, volunteer_browser) = people.iter_mut().find(|(w, _)| *w == Who::Volunteer).unwrap();
        volunteer_browser.post(&app, &format!("/en/campaigns/{campaign}/apply"), &[]).await;
        let application = count(&db, "SELECT MAX(id) AS n FROM applications").await;
        let base = format!("/en/organizations/{slug}");
        let manage = format!("{base}/campaigns/{campaign}");
        let before = || async {
            count(
                &db,
                "SELECT (SELECT COUNT(*) FROM campaigns) + (SELECT COUNT(*) FROM audit_log) + (SELECT COUNT(*) FROM organization_members) \
                 + (SELECT COUNT(*) FROM organization_invitations) + (SELECT COUNT(*) FROM applications WHERE status <> 'pending') AS n",
            )
            .await
        };

        // Reads.
        let reads: Vec<(String, fn(Who) -> Gets)> = vec![
            (format!("/api/fn/organization-editor?slug={slug}"), members),
            (format!("/api/fn/manage-campaigns?slug={slug}"), members),
            (format!("/api/fn/campaign-editor?slug={slug}&campaign={campaign}"), members),
            (format!("/api/fn/campaign-applications?slug={slug}&campaign={campaign}"), members),
            (format!("{manage}/participants.csv"), members),
            ("/api/moderation".to_string(), moderators),
            ("/api/fn/organizations".to_string(), |_| Gets::Allowed),
            (format!("/api/fn/organization?slug={slug}"), |_| Gets::Allowed),
        ];
        for (uri, expected) in &reads {
            for (who, browser) in people.iter_mut() {
                let answer = browser.get(&app, uri).await;
                assert_eq!(classify(answer.status, ""), expected(*who), "GET {uri} as {who:?}: {}", answer.status);
                if expected(*who) != Gets::Allowed {
                    assert!(!answer.body.contains("volunteer@mail.kz"), "GET {uri} as {who:?} leaks a volunteer's contact");
                }
            }
        }

        // Writes that must be refused: each is sent by everyone who may not make it, and
        // nothing may change.
        let profile = registration(&valid_bin("19014000012"));
        let edit = fields(&profile);
        let campaign_fields = fields(&campaign_form);
        type Post<'a> = (String, Vec<(&'static str, &'a str)>, fn(Who) -> Gets);
        let writes: Vec<Post> = vec![
            (format!("{base}/edit"), edit.clone(), members),
            (format!("{base}/members/invite"), vec![("invite_email", "new@mail.kz")], owner_only),
            (format!("{base}/members/999/remove"), vec![], owner_only),
            (format!("{base}/campaigns/new"), campaign_fields.clone(), members),
            (format!("{manage}/edit"), campaign_fields.clone(), members),
            (format!("{manage}/publish"), vec![], members),
            (format!("{manage}/cancel"), vec![], members),
            (format!("{manage}/duplicate"), vec![], members),
            (format!("{manage}/applications/{application}/decide"), vec![("decision", "reject")], members),
            (format!("{manage}/applications/{application}/attendance"), vec![("attended", "yes"), ("hours", "3")], members),
            (format!("/en/moderation/organizations/{organization}/verify"), vec![], moderators),
            (format!("/en/moderation/organizations/{organization}/reject"), vec![("reason", "No")], moderators),
            (format!("/en/moderation/organizations/{organization}/hide"), vec![("hide_reason", "No")], moderators),
            (format!("/en/moderation/campaigns/{campaign}/hide"), vec![("hide_reason", "No")], moderators),
        ];
        for (uri, form, expected) in &writes {
            for who in EVERYONE.into_iter().filter(|who| expected(*who) != Gets::Allowed) {
                let (_, browser) = people.iter_mut().find(|(w, _)| *w == who).unwrap();
                let changes = before().await;
                let answer = browser.post(&app, uri, form).await;
                let location = crate::testing::browser::location(&answer).to_string();
                assert_eq!(classify(answer.status, &location), expected(who), "POST {uri} as {who:?}: {} {location}", answer.status);
                assert_eq!(before().await, changes, "POST {uri} as {who:?} changed something");
            }
        }

        // The logo upload (multipart): members only, and a refusal stores nothing.
        for who in EVERYONE.into_iter().filter(|who| members(*who) != Gets::Allowed) {
            let (_, browser) = people.iter_mut().find(|(w, _)| *w == who).unwrap();
            let answer = upload(&app, browser, &format!("{base}/logo"), &png(64, 64)).await;
            let location = crate::testing::browser::location(&answer).to_string();
            assert_eq!(classify(answer.status, &location), members(who), "logo upload as {who:?}: {}", answer.status);
        }
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM organizations WHERE logo IS NOT NULL").await, 0);

        // Registering an organisation needs an account; a visitor is sent to sign in.
        let (_, visitor) = people.iter_mut().find(|(w, _)| *w == Who::Anonymous).unwrap();
        let organizations = count(&db, "SELECT COUNT(*) AS n FROM organizations").await;
        let answer = visitor.post(&app, "/en/organizations/new", &fields(&registration(&valid_bin("21044000018")))).await;
        assert_eq!(classify(answer.status, crate::testing::browser::location(&answer)), Gets::SignIn);
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM organizations").await, organizations);

        // An invitation is accepted only by the person at the invited address.
        let (_, owner_browser) = people.iter_mut().find(|(w, _)| *w == Who::Owner).unwrap();
        owner_browser.post(&app, &format!("{base}/members/invite"), &[("invite_email", "invited@zhasyl.kz")]).await;
        let token = crate::testing::browser::token_from_mail(&db, "invited@zhasyl.kz").await;
        for who in EVERYONE {
            let (_, browser) = people.iter_mut().find(|(w, _)| *w == who).unwrap();
            let members_before = count(&db, "SELECT COUNT(*) AS n FROM organization_members").await;
            let answer = browser.post(&app, "/en/invitations/accept", &[("token", &token)]).await;
            if who == Who::Anonymous {
                assert_eq!(classify(answer.status, crate::testing::browser::location(&answer)), Gets::SignIn);
            } else {
                assert!(!crate::testing::browser::location(&answer).contains("/organizations/"), "accept as {who:?} went on to the organisation");
            }
            assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM organization_members").await, members_before, "accept as {who:?} made a member");
        }
        assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM organizations WHERE verified = TRUE OR hidden_at IS NOT NULL").await, 0);
    })
    .await;
}
