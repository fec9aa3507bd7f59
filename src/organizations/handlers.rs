//! Organisation form posts (registration, the profile editor) and the profile as a page reads it.
//! Every handler finds out itself who is posting and what they may do.

use super::model::{OrganizationDraft, PostedFields};
use super::{store, MemberRole, OrganizationProfile};
use crate::auth::handlers::limited;
use crate::auth::{rate_limit, session, Viewer};
use crate::errors::AppError;
use crate::server::db::Db;
use crate::server::forms::{respond, respond_or_refuse, FormPosts, Outcome, Submission};
use crate::server::state::AppState;
use crate::i18n::Key;
use crate::ui::form::{FieldError, WHOLE_FORM};
use crate::volunteers::model::SignupStep;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Utc;

pub fn routes() -> FormPosts {
    FormPosts::new()
        .post("/{lang}/organizations/new", register)
        .post("/{lang}/organizations/{slug}/edit", save)
        .post("/{lang}/organizations/{slug}/members/invite", invite)
        .post("/{lang}/organizations/{slug}/members/{user}/remove", remove_member)
        .post("/{lang}/invitations/accept", accept_invitation)
}

impl PostedFields for Submission {
    fn text(&self, name: &str) -> &str {
        Submission::text(self, name)
    }

    fn all(&self, name: &str) -> Vec<String> {
        Submission::all(self, name)
    }
}

/// How many upcoming and past campaigns a profile lists.
const PROFILE_CAMPAIGNS: i64 = 12;

/// A visible organisation's profile for `viewer` (members also see a rejection's reason).
pub async fn profile(db: &Db, slug: &str, viewer: Option<&Viewer>) -> Result<Option<OrganizationProfile>, sqlx::Error> {
    let Some(stored) = store::by_slug(db, slug).await? else { return Ok(None) };
    let id = stored.card.id;
    let viewer_role = match viewer {
        Some(v) => store::role_of(db, id, v.id).await?,
        None => None,
    };
    let viewer_is_moderator = viewer.is_some_and(|v| v.is_moderator);
    let now = Utc::now();
    let (upcoming, past) = crate::campaigns::store::of_organization(db, id, now, PROFILE_CAMPAIGNS).await?;
    Ok(Some(OrganizationProfile {
        figures: store::figures(db, id).await?,
        rejection_reason: (viewer_role.is_some() || viewer_is_moderator).then_some(stored.rejection_reason.clone()).flatten(),
        card: stored.card,
        description: stored.description,
        bin: stored.bin,
        phone: stored.phone,
        email: stored.email,
        address: stored.address,
        website: stored.website,
        social_links: stored.social_links,
        upcoming,
        past,
        viewer_role,
        viewer_is_moderator,
    }))
}

/// A localized refusal for a post that the poster may not make.
pub fn forbidden(form: &Submission) -> Response {
    (StatusCode::FORBIDDEN, form.locale.t(crate::i18n::Key::ForbiddenText)).into_response()
}

pub fn not_found(form: &Submission) -> Response {
    (StatusCode::NOT_FOUND, form.locale.t(crate::i18n::Key::NotFoundText)).into_response()
}

/// The signed-in person who finished signing up, or where to send them first.
pub async fn signed_up_poster(state: &AppState, form: &Submission, here: &str) -> Result<Result<Viewer, Outcome>, AppError> {
    let Some(viewer) = session::current_viewer_of(state, &form.parts.headers).await? else {
        let login = format!("{}?next={}", form.path("/login"), crate::auth::pages::urlencode(here));
        return Ok(Err(Outcome::go(login)));
    };
    if viewer.signup_step != SignupStep::Done {
        return Ok(Err(Outcome::go(form.path(&viewer.signup_step.path()))));
    }
    Ok(Ok(viewer))
}

async fn register(State(state): State<AppState>, mut form: Submission) -> Response {
    let here = form.path("/organizations/new");
    form.page = Some(here.clone());
    let outcome = async {
        let viewer = match signed_up_poster(&state, &form, &here).await? {
            Ok(viewer) => viewer,
            Err(elsewhere) => return Ok(elsewhere),
        };
        if !viewer.email_verified {
            return Ok(form.refuse(vec![(WHOLE_FORM, FieldError::EmailNotVerified)]));
        }
        let draft = match OrganizationDraft::read(&form) {
            Ok(draft) => draft,
            Err(errors) => return Ok(form.refuse(errors)),
        };
        if !draft.bin.is_empty() && store::bin_taken(&state.db, &draft.bin, None).await? {
            return Ok(form.refuse(vec![("bin", FieldError::BinTaken)]));
        }
        if let Some(refusal) = limited(&state, rate_limit::ORGANIZATIONS_PER_ACCOUNT, &viewer.id.to_string()).await? {
            return Ok(form.refuse(vec![(WHOLE_FORM, refusal)]));
        }
        let slug = store::register(&state.db, &draft, viewer.id).await?;
        Ok::<_, AppError>(Outcome::go(form.path(&format!("/organizations/{slug}?registered=1"))))
    }
    .await
    .unwrap_or_else(|error| form.failed(error));
    respond(&state, form, outcome, Vec::new()).await
}

async fn save(State(state): State<AppState>, Path((_, slug)): Path<(String, String)>, mut form: Submission) -> Response {
    let here = form.path(&format!("/organizations/{slug}/edit"));
    form.page = Some(here.clone());
    let result = async {
        let viewer = match signed_up_poster(&state, &form, &here).await? {
            Ok(viewer) => viewer,
            Err(elsewhere) => return Ok(Ok(elsewhere)),
        };
        let Some(stored) = store::by_slug(&state.db, &slug).await? else { return Ok(Err(not_found(&form))) };
        if store::role_of(&state.db, stored.card.id, viewer.id).await?.is_none() {
            return Ok(Err(forbidden(&form)));
        }
        let draft = match OrganizationDraft::read(&form) {
            Ok(draft) => draft,
            Err(errors) => return Ok(Ok(form.refuse(errors))),
        };
        if !draft.bin.is_empty() && store::bin_taken(&state.db, &draft.bin, Some(stored.card.id)).await? {
            return Ok(Ok(form.refuse(vec![("bin", FieldError::BinTaken)])));
        }
        store::save_profile(&state.db, stored.card.id, &draft).await?;
        // The page loads anew: every field's "not filled in" marker follows what is now stored.
        Ok::<_, AppError>(Ok(Outcome::reload(format!("{here}?saved=1"))))
    }
    .await;
    respond_or_refuse(&state, form, result).await
}

/// Whether `viewer` may edit the organisation (any member) or manage its members (the owner).
pub fn may_edit(role: Option<MemberRole>) -> bool {
    role.is_some()
}

/// The organisation `slug` if the poster is its owner; otherwise the answer to give.
async fn owner_post(state: &AppState, form: &Submission, slug: &str, here: &str) -> Result<Result<(Viewer, i64), Result<Outcome, Response>>, AppError> {
    let viewer = match signed_up_poster(state, form, here).await? {
        Ok(viewer) => viewer,
        Err(elsewhere) => return Ok(Err(Ok(elsewhere))),
    };
    let Some(stored) = store::by_slug(&state.db, slug).await? else { return Ok(Err(Err(not_found(form)))) };
    if store::role_of(&state.db, stored.card.id, viewer.id).await? != Some(MemberRole::Owner) {
        return Ok(Err(Err(forbidden(form))));
    }
    Ok(Ok((viewer, stored.card.id)))
}

async fn invite(State(state): State<AppState>, Path((_, slug)): Path<(String, String)>, mut form: Submission) -> Response {
    let here = form.path(&format!("/organizations/{slug}/edit"));
    form.page = Some(here.clone());
    let result = async {
        let (viewer, id) = match owner_post(&state, &form, &slug, &here).await? {
            Ok(owner) => owner,
            Err(answer) => return Ok(answer),
        };
        let email = crate::volunteers::model::normalize_email(form.text("invite_email"));
        if let Err(e) = crate::volunteers::model::check_email(&email) {
            return Ok(Ok(form.refuse(vec![("invite_email", e)])));
        }
        if let Some(refusal) = limited(&state, rate_limit::MAIL_PER_ACCOUNT, &format!("invite/{}", viewer.id)).await? {
            return Ok(Ok(form.refuse(vec![("invite_email", refusal)])));
        }
        let (token, insert) = super::members::ssr::invite(id, &email, viewer.id);
        let name = store::by_slug(&state.db, &slug).await?.and_then(|o| o.card.name.pick(form.locale).map(|s| s.text.to_string())).unwrap_or_default();
        let mut mail = crate::auth::handlers::link_mail(&state, form.locale, &email, Key::MailInviteSubject, Key::MailInviteBody, "/invitations/accept", &token);
        mail.body = mail.body.replace("{organization}", &name);
        mail.subject = mail.subject.replace("{organization}", &name);
        state.db.execute_all(vec![insert, crate::server::mail::enqueue(&mail)]).await?;
        Ok::<_, AppError>(Ok(Outcome::reload(format!("{here}?invited=1"))))
    }
    .await;
    respond_or_refuse(&state, form, result).await
}

async fn remove_member(State(state): State<AppState>, Path((_, slug, user)): Path<(String, String, i64)>, mut form: Submission) -> Response {
    let here = form.path(&format!("/organizations/{slug}/edit"));
    form.page = Some(here.clone());
    let result = async {
        let (_, id) = match owner_post(&state, &form, &slug, &here).await? {
            Ok(owner) => owner,
            Err(answer) => return Ok(answer),
        };
        if !super::members::ssr::remove(&state.db, id, user).await? {
            return Ok(Err(not_found(&form)));
        }
        Ok::<_, AppError>(Ok(Outcome::reload(format!("{here}?removed=1"))))
    }
    .await;
    respond_or_refuse(&state, form, result).await
}

/// Accepting an invitation: the signed-in person whose address it was sent to becomes an editor.
async fn accept_invitation(State(state): State<AppState>, mut form: Submission) -> Response {
    let token = form.text("token").to_string();
    let here = format!("{}?token={token}", form.path("/invitations/accept"));
    form.page = Some(form.path("/invitations/accept"));
    let result = async {
        let viewer = match signed_up_poster(&state, &form, &here).await? {
            Ok(viewer) => viewer,
            Err(elsewhere) => return Ok(Ok(elsewhere)),
        };
        let Some(found) = super::members::ssr::find(&state.db, &token).await? else {
            return Ok(Ok(form.refuse(vec![(WHOLE_FORM, FieldError::LinkInvalid)])));
        };
        if found.email != viewer.email {
            return Ok(Ok(form.refuse(vec![(WHOLE_FORM, FieldError::InvitationForAnother)])));
        }
        if !super::members::ssr::accept(&state.db, &token, found.organization_id, viewer.id).await? {
            return Ok(Ok(form.refuse(vec![(WHOLE_FORM, FieldError::LinkInvalid)])));
        }
        Ok::<_, AppError>(Ok(Outcome::reload(form.path(&format!("/organizations/{}?joined=1", found.slug)))))
    }
    .await;
    respond_or_refuse(&state, form, result).await
}
