//! Organisation form posts: registration, the profile editor and membership. Who may post is
//! asked of the extractors: a [`Volunteer`] registers or accepts an invitation, a [`Member`]
//! edits, the owner among them manages members.

use super::access::Member;
use super::form::{OrganizationDraft, PostedFields};
use super::model::MemberRole;
use super::store;
use crate::auth::access::Volunteer;
use crate::auth::handlers::limited;
use crate::auth::rate_limit;
use crate::i18n::Key;
use crate::forms::{FormPosts, Outcome, Refusal, Submission};
use crate::forms::{FieldError, WHOLE_FORM};
use crate::wiring::state::AppState;
use axum::extract::{Path, State};

pub fn routes() -> FormPosts {
    FormPosts::new()
        .post("/{lang}/organizations/new", register)
        .post("/{lang}/organizations/{slug}/edit", save)
        .post_from("/{lang}/organizations/{slug}/members/invite", "/{lang}/organizations/{slug}/edit", invite)
        .post_from("/{lang}/organizations/{slug}/members/{user}/remove", "/{lang}/organizations/{slug}/edit", remove_member)
        .post_from("/{lang}/invitations/accept", "/{lang}/invitations/accept?token={token}", accept_invitation)
}

impl PostedFields for Submission {
    fn text(&self, name: &str) -> &str {
        Submission::text(self, name)
    }

    fn all(&self, name: &str) -> Vec<String> {
        Submission::all(self, name)
    }
}

async fn register(State(state): State<AppState>, Volunteer(viewer): Volunteer, form: Submission) -> Result<Outcome, Refusal> {
    if !viewer.email_verified {
        return Ok(form.refuse(vec![(WHOLE_FORM, FieldError::part(Key::FormEmailNotVerified))]));
    }
    let draft = match OrganizationDraft::read(&form) {
        Ok(draft) => draft,
        Err(errors) => return Ok(form.refuse(errors)),
    };
    if !draft.bin.is_empty() && store::bin_taken(&state.db, &draft.bin, None).await? {
        return Ok(form.refuse(vec![("bin", FieldError::part(Key::FormBinTaken))]));
    }
    if let Some(refusal) = limited(&state, rate_limit::ORGANIZATIONS_PER_ACCOUNT, &viewer.id.to_string()).await? {
        return Ok(form.refuse(vec![(WHOLE_FORM, refusal)]));
    }
    let slug = store::register(&state.db, &draft, viewer.id).await?;
    Ok(Outcome::go(form.path(&format!("/organizations/{slug}?registered=1"))))
}

async fn save(State(state): State<AppState>, member: Member, form: Submission) -> Result<Outcome, Refusal> {
    let draft = match OrganizationDraft::read(&form) {
        Ok(draft) => draft,
        Err(errors) => return Ok(form.refuse(errors)),
    };
    if !draft.bin.is_empty() && store::bin_taken(&state.db, &draft.bin, Some(member.organization_id)).await? {
        return Ok(form.refuse(vec![("bin", FieldError::part(Key::FormBinTaken))]));
    }
    store::save_profile(&state.db, member.organization_id, &draft).await?;
    // The page loads anew: every field's "not filled in" marker follows what is now stored.
    Ok(Outcome::reload(format!("{}?saved=1", form.page())))
}

/// Whether `viewer` may edit the organisation (any member) or manage its members (the owner).
pub fn may_edit(role: Option<MemberRole>) -> bool {
    role.is_some()
}

/// The owner among the members; an editor is refused.
fn owner(member: Member) -> Result<Member, Refusal> {
    if member.role == MemberRole::Owner {
        Ok(member)
    } else {
        Err(Refusal::Forbidden)
    }
}

async fn invite(State(state): State<AppState>, member: Member, form: Submission) -> Result<Outcome, Refusal> {
    let owner = owner(member)?;
    let email = crate::forms::checks::normalize_email(form.text("invite_email"));
    if let Err(e) = crate::forms::checks::check_email(&email) {
        return Ok(form.refuse(vec![("invite_email", e)]));
    }
    if let Some(refusal) = limited(&state, rate_limit::MAIL_PER_ACCOUNT, &format!("invite/{}", owner.viewer.id)).await? {
        return Ok(form.refuse(vec![("invite_email", refusal)]));
    }
    let (token, insert) = store::members::invite(owner.organization_id, &email, owner.viewer.id);
    let name = owner.organization.name.pick(form.locale).map(|s| s.text.to_string()).unwrap_or_default();
    let mut mail = crate::auth::handlers::link_mail(&state, form.locale, &email, Key::MailInviteSubject, Key::MailInviteBody, "/invitations/accept", &token);
    mail.body = mail.body.replace("{organization}", &name);
    mail.subject = mail.subject.replace("{organization}", &name);
    state.db.execute_all(vec![insert, crate::server::mail::enqueue(&mail)]).await?;
    Ok(Outcome::reload(format!("{}?invited=1", form.page())))
}

async fn remove_member(State(state): State<AppState>, Path((_, _, user)): Path<(String, String, i64)>, member: Member, form: Submission) -> Result<Outcome, Refusal> {
    let owner = owner(member)?;
    if !store::members::remove(&state.db, owner.organization_id, user).await? {
        return Err(Refusal::NotFound);
    }
    Ok(Outcome::reload(format!("{}?removed=1", form.page())))
}

/// Accepting an invitation: the signed-in person whose address it was sent to becomes an editor.
async fn accept_invitation(State(state): State<AppState>, Volunteer(viewer): Volunteer, form: Submission) -> Result<Outcome, Refusal> {
    let token = form.text("token");
    let Some(found) = store::members::find(&state.db, token).await? else {
        return Ok(form.refuse(vec![(WHOLE_FORM, FieldError::LinkInvalid)]));
    };
    if found.email != viewer.email {
        return Ok(form.refuse(vec![(WHOLE_FORM, FieldError::part(Key::FormInvitationForAnother))]));
    }
    if !store::members::accept(&state.db, token, found.organization_id, viewer.id).await? {
        return Ok(form.refuse(vec![(WHOLE_FORM, FieldError::LinkInvalid)]));
    }
    Ok(Outcome::reload(form.path(&format!("/organizations/{}?joined=1", found.slug))))
}
