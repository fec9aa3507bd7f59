//! The moderators' form posts: verify, reject, hide. Only moderators; everyone else gets 403.

use super::model::ModeratorAction;
use super::store::{self, Subject};
use crate::auth::access::Moderator;
use crate::organizations::form::check_reason;
use crate::forms::{FormPosts, Outcome, Refusal, Submission};
use crate::wiring::state::AppState;
use axum::extract::{Path, State};

/// The moderators' page; a form shown on another page (hiding a campaign on its own page)
/// names that page in its `back` field.
const MODERATION: &str = "/{lang}/moderation";

pub fn routes() -> FormPosts {
    FormPosts::new()
        .post_from("/{lang}/moderation/organizations/{id}/verify", MODERATION, verify)
        .post_from("/{lang}/moderation/organizations/{id}/reject", MODERATION, reject)
        .post_from("/{lang}/moderation/organizations/{id}/hide", MODERATION, hide_organization)
        .post_from("/{lang}/moderation/campaigns/{id}/hide", MODERATION, hide_campaign)
}

type Answer = Result<Outcome, Refusal>;

async fn verify(state: State<AppState>, moderator: Moderator, Path((_, id)): Path<(String, i64)>, form: Submission) -> Answer {
    moderate(state.0, moderator, form, ModeratorAction::Verify, Subject::Organization(id)).await
}

async fn reject(state: State<AppState>, moderator: Moderator, Path((_, id)): Path<(String, i64)>, form: Submission) -> Answer {
    moderate(state.0, moderator, form, ModeratorAction::Reject, Subject::Organization(id)).await
}

async fn hide_organization(state: State<AppState>, moderator: Moderator, Path((_, id)): Path<(String, i64)>, form: Submission) -> Answer {
    moderate(state.0, moderator, form, ModeratorAction::HideOrganization, Subject::Organization(id)).await
}

async fn hide_campaign(state: State<AppState>, moderator: Moderator, Path((_, id)): Path<(String, i64)>, form: Submission) -> Answer {
    moderate(state.0, moderator, form, ModeratorAction::HideCampaign, Subject::Campaign(id)).await
}

async fn moderate(state: AppState, Moderator(viewer): Moderator, form: Submission, action: ModeratorAction, subject: Subject) -> Answer {
    // A rejection and a hiding can share a page, so their reasons have different names.
    let field = if action == ModeratorAction::Reject { "reason" } else { "hide_reason" };
    let reason = form.text(field).trim().to_string();
    let needs_reason = action != ModeratorAction::Verify;
    if needs_reason {
        if let Err(e) = check_reason(&reason) {
            return Ok(form.refuse(vec![(field, e)]));
        }
    }
    let reason = needs_reason.then_some(reason.as_str());
    if !store::act(&state.db, viewer.id, action, subject, reason).await? {
        return Err(Refusal::NotFound);
    }
    // What was hidden has no page any more: the moderation page says it is done.
    let target = if action == ModeratorAction::Verify || action == ModeratorAction::Reject { form.page() } else { form.path("/moderation") };
    let separator = if target.contains('?') { '&' } else { '?' };
    Ok(Outcome::reload(format!("{target}{separator}done={}", action.code())))
}
