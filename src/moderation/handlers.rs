//! The moderators' form posts: verify, reject, hide. Only moderators; everyone else gets 403.

use super::store::{self, Subject};
use super::ModeratorAction;
use crate::auth::session;
use crate::errors::AppError;
use crate::organizations::handlers::{forbidden, not_found};
use crate::organizations::model::check_reason;
use crate::server::forms::{respond_or_refuse, FormPosts, Outcome, Submission};
use crate::server::state::AppState;
use axum::extract::{Path, State};
use axum::response::Response;

pub fn routes() -> FormPosts {
    FormPosts::new()
        .post("/{lang}/moderation/organizations/{id}/verify", verify)
        .post("/{lang}/moderation/organizations/{id}/reject", reject)
        .post("/{lang}/moderation/organizations/{id}/hide", hide_organization)
        .post("/{lang}/moderation/campaigns/{id}/hide", hide_campaign)
}

async fn verify(state: State<AppState>, Path((_, id)): Path<(String, i64)>, form: Submission) -> Response {
    moderate(state.0, form, ModeratorAction::Verify, Subject::Organization(id)).await
}

async fn reject(state: State<AppState>, Path((_, id)): Path<(String, i64)>, form: Submission) -> Response {
    moderate(state.0, form, ModeratorAction::Reject, Subject::Organization(id)).await
}

async fn hide_organization(state: State<AppState>, Path((_, id)): Path<(String, i64)>, form: Submission) -> Response {
    moderate(state.0, form, ModeratorAction::HideOrganization, Subject::Organization(id)).await
}

async fn hide_campaign(state: State<AppState>, Path((_, id)): Path<(String, i64)>, form: Submission) -> Response {
    moderate(state.0, form, ModeratorAction::HideCampaign, Subject::Campaign(id)).await
}

/// Where the form was: a safe path inside the site sent with the form, else the moderation page.
fn back_to(form: &Submission) -> String {
    crate::ui::safe_return_path(form.text("back")).unwrap_or_else(|| form.path("/moderation"))
}

async fn moderate(state: AppState, mut form: Submission, action: ModeratorAction, subject: Subject) -> Response {
    let back = back_to(&form);
    form.page = Some(back.clone());
    let result = async {
        let Some(viewer) = session::current_viewer_of(&state, &form.parts.headers).await? else {
            return Ok(Ok(Outcome::go(format!("{}?next={}", form.path("/login"), crate::auth::pages::urlencode(&back)))));
        };
        if !viewer.is_moderator {
            return Ok(Err(forbidden(&form)));
        }
        // A rejection and a hiding can share a page, so their reasons have different names.
        let field = if action == ModeratorAction::Reject { "reason" } else { "hide_reason" };
        let reason = form.text(field).trim().to_string();
        let needs_reason = action != ModeratorAction::Verify;
        if needs_reason {
            if let Err(e) = check_reason(&reason) {
                return Ok(Ok(form.refuse(vec![(field, e)])));
            }
        }
        let reason = needs_reason.then_some(reason.as_str());
        if !store::act(&state.db, viewer.id, action, subject, reason).await? {
            return Ok(Err(not_found(&form)));
        }
        // What was hidden has no page any more: the moderation page says it is done.
        let target = if action == ModeratorAction::Verify || action == ModeratorAction::Reject { back.clone() } else { form.path("/moderation") };
        let separator = if target.contains('?') { '&' } else { '?' };
        Ok::<_, AppError>(Ok(Outcome::reload(format!("{target}{separator}done={}", action.code()))))
    }
    .await;
    respond_or_refuse(&state, form, result).await
}
