//! The form posts of online sessions: a volunteer records one (and may ask the person helped to
//! confirm it by mail), a member of the organisation confirms, rejects or records one, and the
//! person helped answers the mailed link.

use super::model::{read_session, RECORD_DAYS_AFTER};
use super::store::{self, NotRecorded, RecordedBy};
use crate::hours::store::{approved_application, ApplicationOf};
use crate::auth::access::Volunteer;
use crate::auth::rate_limit;
use crate::forms::checks::{check_email, normalize_email};
use crate::forms::{FieldError, FormPosts, Outcome, Refusal, Submission, WHOLE_FORM};
use crate::i18n::Key;
use crate::organizations::access::Member;
use crate::wiring::state::AppState;
use axum::extract::{Path, State};
use chrono::{DateTime, Duration, Utc};

/// The page the person helped opens from the mailed link.
const HELPED_PAGE: &str = "/{lang}/sessions/confirm?token={token}";

pub fn routes() -> FormPosts {
    let applications = "/{lang}/organizations/{slug}/campaigns/{id}/applications";
    FormPosts::new()
        .post_from("/{lang}/campaigns/{id}/sessions", "/{lang}/campaigns/{id}", record)
        .post_from("/{lang}/campaigns/{id}/sessions/withdraw", "/{lang}/campaigns/{id}", withdraw)
        .post_from(&format!("{applications}/{{application}}/sessions"), applications, add)
        .post_from(&format!("{applications}/{{application}}/sessions/decide"), applications, decide)
        .post_from("/{lang}/sessions/confirm", HELPED_PAGE, answer)
}

/// A session must fall within the campaign (from its start until [`RECORD_DAYS_AFTER`] days after
/// its end) and be over.
fn check_span(starts_at: DateTime<Utc>, ends_at: DateTime<Utc>, campaign: (DateTime<Utc>, DateTime<Utc>)) -> Result<(), (&'static str, FieldError)> {
    if ends_at > Utc::now() + Duration::minutes(5) {
        return Err(("session_to", FieldError::part(Key::FormSessionFuture)));
    }
    if ends_at <= campaign.0 || starts_at >= campaign.1 + Duration::days(RECORD_DAYS_AFTER) {
        return Err(("session_day", FieldError::part(Key::FormSessionOutside)));
    }
    Ok(())
}

/// The session typed into a form, checked against the campaign.
fn typed_session(form: &Submission, campaign: (DateTime<Utc>, DateTime<Utc>)) -> Result<(DateTime<Utc>, DateTime<Utc>), Vec<(&'static str, FieldError)>> {
    let (starts_at, ends_at) = read_session(form.text("session_day"), form.text("session_from"), form.text("session_to"))?;
    check_span(starts_at, ends_at, campaign).map_err(|error| vec![error])?;
    Ok((starts_at, ends_at))
}

/// An approved volunteer of an online campaign records a session; with the address of the
/// person helped, a link to confirm it is mailed to them (the address is not kept).
async fn record(State(state): State<AppState>, Path((_, id)): Path<(String, i64)>, Volunteer(viewer): Volunteer, form: Submission) -> Result<Outcome, Refusal> {
    let campaign = crate::volunteers::applications::store::campaign_facts(&state.db, id).await?.ok_or(Refusal::NotFound)?;
    // The form is shown only to approved volunteers of online campaigns.
    if !campaign.is_online {
        return Err(Refusal::Forbidden);
    }
    let Some(application) = approved_application(&state.db, id, ApplicationOf::Volunteer(viewer.id)).await? else { return Err(Refusal::Forbidden) };
    let (session, mut errors) = match typed_session(&form, (campaign.starts_at, campaign.ends_at)) {
        Ok(session) => (Some(session), Vec::new()),
        Err(errors) => (None, errors),
    };
    let helped_email = normalize_email(form.text("helped_email"));
    if !helped_email.is_empty() {
        if let Err(e) = check_email(&helped_email) {
            errors.push(("helped_email", e));
        } else if helped_email == viewer.email {
            errors.push(("helped_email", FieldError::part(Key::FormSessionOwnEmail)));
        }
    }
    let Some((starts_at, ends_at)) = session.filter(|_| errors.is_empty()) else { return Ok(form.refuse(errors)) };
    let helped = if helped_email.is_empty() {
        None
    } else {
        if let Some(refusal) = crate::auth::handlers::limited(&state, rate_limit::MAIL_PER_ACCOUNT, &viewer.id.to_string()).await? {
            return Ok(form.refuse(vec![("helped_email", refusal)]));
        }
        let token = crate::auth::session::new_token();
        let title = crate::campaigns::store::by_ids(&state.db, &[id]).await?.pop().and_then(|c| c.title.pick(form.locale).map(|t| t.text.to_string())).unwrap_or_default();
        let first_name = viewer.full_name.split_whitespace().next().unwrap_or_default().to_string();
        let when = super::model::session_text(form.locale, starts_at, ends_at);
        let keys = (Key::MailSessionSubject, Key::MailSessionBody);
        let more = [("name", first_name.as_str()), ("campaign", title.as_str()), ("when", when.as_str())];
        let mail = crate::auth::handlers::link_mail_with(&state, form.locale, &helped_email, keys, "/sessions/confirm", &token, &more);
        Some((token, mail))
    };
    let asked = helped.is_some();
    match store::record(&state.db, application, starts_at, ends_at, RecordedBy::Volunteer { helped }).await? {
        Ok(_) => {}
        Err(NotRecorded::Overlap) => return Ok(form.refuse(vec![("session_from", FieldError::part(Key::FormSessionOverlap))])),
    }
    if asked {
        state.mailer.wake.notify_one();
    }
    Ok(Outcome::reload(form.path(&format!("/campaigns/{id}?session_recorded={}#sessions", if asked { "asked" } else { "1" }))))
}

/// A volunteer withdraws a session of theirs that is still waiting (recorded by mistake). The
/// link mailed to the person helped, if any, goes with it.
async fn withdraw(State(state): State<AppState>, Path((_, id)): Path<(String, i64)>, Volunteer(viewer): Volunteer, form: Submission) -> Result<Outcome, Refusal> {
    let session: i64 = form.text("session").parse().map_err(|_| Refusal::NotFound)?;
    if !store::withdraw(&state.db, id, viewer.id, session).await? {
        return Err(Refusal::NotFound);
    }
    Ok(Outcome::reload(form.path(&format!("/campaigns/{id}?session_withdrawn=1#sessions"))))
}

/// A member of the organisation records a session of an approved participant, confirmed as it is.
async fn add(State(state): State<AppState>, Path((_, _, id, application)): Path<(String, String, i64, i64)>, member: Member, form: Submission) -> Result<Outcome, Refusal> {
    let campaign = crate::organizations::campaigns::store::one(&state.db, member.organization_id, id).await?.ok_or(Refusal::NotFound)?;
    if !campaign.is_online || campaign.status != "published" {
        return Err(Refusal::Forbidden);
    }
    let (starts_at, ends_at) = match typed_session(&form, (campaign.starts_at, campaign.ends_at)) {
        Ok(session) => session,
        Err(errors) => return Ok(form.refuse(errors)),
    };
    if approved_application(&state.db, id, ApplicationOf::Id(application)).await?.is_none() {
        return Err(Refusal::NotFound);
    }
    match store::record(&state.db, application, starts_at, ends_at, RecordedBy::Member(member.viewer.id)).await? {
        Ok(_) => Ok(Outcome::reload(format!("{}?session=added#application-{application}", form.page()))),
        Err(NotRecorded::Overlap) => Ok(form.refuse(vec![("session_from", FieldError::part(Key::FormSessionOverlapParticipant))])),
    }
}

/// A member of the organisation confirms or rejects a session a volunteer recorded.
async fn decide(State(state): State<AppState>, Path((_, _, id, application)): Path<(String, String, i64, i64)>, member: Member, form: Submission) -> Result<Outcome, Refusal> {
    let confirm = match form.text("decision") {
        "confirm" => true,
        "reject" => false,
        _ => return Ok(form.refuse(vec![(WHOLE_FORM, FieldError::ChoiceInvalid)])),
    };
    let session: i64 = form.text("session").parse().map_err(|_| Refusal::NotFound)?;
    if !store::decide(&state.db, member.organization_id, id, application, session, confirm, member.viewer.id).await? {
        return Err(Refusal::NotFound);
    }
    Ok(Outcome::reload(format!("{}?session={}#application-{application}", form.page(), if confirm { "confirmed" } else { "rejected" })))
}

/// The person helped confirms the session, or says it did not happen. No account is needed: the
/// link's token is their proof, and the answer is a POST (a mail scanner opening the link
/// changes nothing).
async fn answer(State(state): State<AppState>, form: Submission) -> Result<Outcome, Refusal> {
    let confirm = match form.text("answer") {
        "confirm" => true,
        "reject" => false,
        _ => return Ok(form.refuse(vec![(WHOLE_FORM, FieldError::ChoiceInvalid)])),
    };
    let token = form.text("token");
    if !crate::auth::links::looks_valid(token) || !store::decide_by_helped(&state.db, token, confirm).await? {
        return Ok(form.refuse(vec![(WHOLE_FORM, FieldError::LinkInvalid)]));
    }
    Ok(form.answered(if confirm { "confirmed" } else { "rejected" }))
}
