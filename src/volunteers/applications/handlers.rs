//! The form posts of applying to a campaign and withdrawing.

use super::store::{self, Applied};
use crate::auth::session;
use crate::errors::AppError;
use crate::server::forms::{respond, FormPosts, Outcome, Submission};
use crate::server::state::AppState;
use crate::volunteers::model::{check_free_text, ANSWER_MAX};
use axum::extract::{Path, State};
use axum::response::Response;

pub fn routes() -> FormPosts {
    FormPosts::new()
        .post("/{lang}/campaigns/{id}/apply", apply)
        .post("/{lang}/campaigns/{id}/cancel", cancel)
}

fn campaign_path(form: &Submission, id: i64) -> String {
    form.path(&format!("/campaigns/{id}"))
}

/// The sign-in page, coming back to the campaign afterwards.
fn sign_in_then(form: &Submission, id: i64) -> String {
    format!("{}?next={}", form.path("/login"), crate::auth::pages::urlencode(&campaign_path(form, id)))
}

async fn apply(State(state): State<AppState>, Path((_, id)): Path<(String, i64)>, mut form: Submission) -> Response {
    form.page = Some(campaign_path(&form, id));
    let outcome = match try_apply(&state, &form, id).await {
        Ok(outcome) => outcome,
        Err(error) => form.failed(error),
    };
    respond(&state, form, outcome, Vec::new()).await
}

async fn try_apply(state: &AppState, form: &Submission, id: i64) -> Result<Outcome, AppError> {
    let here = campaign_path(form, id);
    let Some(viewer) = session::current_viewer_of(state, &form.parts.headers).await? else {
        return Ok(Outcome::go(sign_in_then(form, id)));
    };
    let campaign = store::campaign_facts(&state.db, id).await?.ok_or(AppError::NotFound)?;
    // The panel explains the obstacle; the post is refused the same way the button is hidden.
    if store::obstacle(Some(&viewer), &campaign).is_some() {
        return Ok(Outcome::reload(here));
    }
    let answer = form.text("answer").trim().to_string();
    if let Err(e) = check_free_text(&answer, ANSWER_MAX) {
        return Ok(form.refuse(vec![("answer", e)]));
    }
    let answer = (!answer.is_empty()).then_some(answer);
    let minors_born_after = crate::volunteers::signup::minors_born_after(state.config.guardian_consent_under);
    let flag = match store::apply(&state.db, id, viewer.id, answer, &minors_born_after).await? {
        Applied::Placed => "applied",
        Applied::Waitlisted => "waitlisted",
        Applied::AlreadyApplied => "already",
        // The panel says why (the consent was withdrawn a moment ago, say).
        Applied::AwaitingGuardian => return Ok(Outcome::reload(here)),
    };
    Ok(Outcome::reload(format!("{here}?{flag}=1#apply")))
}

async fn cancel(State(state): State<AppState>, Path((_, id)): Path<(String, i64)>, mut form: Submission) -> Response {
    form.page = Some(campaign_path(&form, id));
    let outcome = match try_cancel(&state, &form, id).await {
        Ok(outcome) => outcome,
        Err(error) => form.failed(error),
    };
    respond(&state, form, outcome, Vec::new()).await
}

async fn try_cancel(state: &AppState, form: &Submission, id: i64) -> Result<Outcome, AppError> {
    let Some(viewer) = session::current_viewer_of(state, &form.parts.headers).await? else {
        return Ok(Outcome::go(sign_in_then(form, id)));
    };
    let campaign = store::campaign_facts(&state.db, id).await?.ok_or(AppError::NotFound)?;
    if campaign.ends_at < chrono::Utc::now() {
        return Ok(Outcome::reload(campaign_path(form, id)));
    }
    store::cancel(&state.db, id, viewer.id).await?;
    let back = crate::server::forms::safe_return_path(form.text("back")).unwrap_or_else(|| campaign_path(form, id));
    Ok(Outcome::reload(format!("{back}{}cancelled=1", if back.contains('?') { "&" } else { "?" })))
}
