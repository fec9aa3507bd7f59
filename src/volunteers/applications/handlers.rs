//! The form posts of applying to a campaign and withdrawing.

use super::store::{self, Applied};
use crate::auth::Viewer;
use crate::forms::{FormPosts, Outcome, Refusal, Submission};
use crate::volunteers::form::ANSWER_MAX;
use crate::forms::checks::check_free_text;
use crate::wiring::state::AppState;
use axum::extract::{Path, State};

pub fn routes() -> FormPosts {
    FormPosts::new()
        .post_from("/{lang}/campaigns/{id}/apply", CAMPAIGN, apply)
        .post_from("/{lang}/campaigns/{id}/cancel", CAMPAIGN, cancel)
}

/// The campaign's page, where both forms are (the cancel button is also on the person's own
/// page, which its form names in `back`).
const CAMPAIGN: &str = "/{lang}/campaigns/{id}";

/// A thin handler, the work in its store: a volunteer applies with one click.
async fn apply(State(state): State<AppState>, Path((_, id)): Path<(String, i64)>, viewer: Viewer, form: Submission) -> Result<Outcome, Refusal> {
    let here = form.page();
    let campaign = store::campaign_facts(&state.db, id).await?.ok_or(Refusal::NotFound)?;
    // The panel explains the obstacle; the post is refused the same way the button is hidden.
    if store::obstacle(Some(&viewer), &campaign).is_some() {
        return Ok(Outcome::reload(here));
    }
    let answer = form.text("answer").trim().to_string();
    if let Err(e) = check_free_text(&answer, ANSWER_MAX) {
        return Ok(form.refuse(vec![("answer", e)]));
    }
    let answer = (!answer.is_empty()).then_some(answer);
    let minors_born_after = crate::volunteers::signup::model::minors_born_after(state.config.guardian_consent_under);
    let flag = match store::apply(&state.db, id, viewer.id, answer, &minors_born_after).await? {
        Applied::Placed => "applied",
        Applied::Waitlisted => "waitlisted",
        Applied::AlreadyApplied => "already",
        // The panel says why (the consent was withdrawn a moment ago, say).
        Applied::AwaitingGuardian => return Ok(Outcome::reload(here)),
    };
    Ok(Outcome::reload(format!("{here}?{flag}=1#apply")))
}

async fn cancel(State(state): State<AppState>, Path((_, id)): Path<(String, i64)>, viewer: Viewer, form: Submission) -> Result<Outcome, Refusal> {
    let back = form.page();
    let campaign = store::campaign_facts(&state.db, id).await?.ok_or(Refusal::NotFound)?;
    if campaign.ends_at < chrono::Utc::now() {
        return Ok(Outcome::reload(form.path(&format!("/campaigns/{id}"))));
    }
    store::cancel(&state.db, id, viewer.id).await?;
    Ok(Outcome::reload(format!("{back}{}cancelled=1", if back.contains('?') { "&" } else { "?" })))
}
