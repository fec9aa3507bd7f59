//! Form posts of targeted help: filing a request, and the steps that move it on, taken by
//! helpers and moderators on the request's page or by the person on their private link's page.

use super::abuse;
use super::access::StepRefused;
use super::form::{check_note, normalize_code, HelpRequestDraft};
use super::model::HelpAction;
use super::store::{self, Acting, Filer, Secrets, StepFailure, StepInput};
use crate::auth::handlers::{client_of, limited};
use crate::auth::rate_limit::Limit;
use crate::auth::Viewer;
use crate::errors::AppError;
use crate::i18n::{Key, Locale};
use crate::forms::{FormPosts, Outcome, Refusal, Submission};
use crate::server::mail::{enqueue, Mail};
use crate::forms::{FieldError, WHOLE_FORM};
use crate::wiring::state::AppState;
use axum::extract::{Path, State};

/// Requests a visitor (no account) may file from one address…
pub const HELP_PER_ADDRESS: Limit = Limit { name: "help/address", max: 5, window_seconds: 60 * 60 };
/// …and a signed-in person, such as an operator at a front office, per day.
pub const HELP_PER_ACCOUNT: Limit = Limit { name: "help/account", max: 60, window_seconds: 24 * 60 * 60 };

pub fn routes() -> FormPosts {
    FormPosts::new()
        .post("/{lang}/help/new", file)
        .post_from("/{lang}/help/requests/{id}/{action}", "/{lang}/help/requests/{id}", step_on_page)
        .post_from("/{lang}/help/follow/{token}/{action}", "/{lang}/help/follow/{token}", step_by_link)
}

/// The mail to the person with their private link and code, in their language.
fn follow_mail(state: &AppState, locale: Locale, to: &str, token: &str, code: &str) -> Mail {
    let link = format!("{}/{}/help/follow/{token}", state.config.public_url, locale.code());
    Mail {
        to: to.to_string(),
        subject: locale.t(Key::MailHelpFiledSubject).to_string(),
        body: locale.t_with(Key::MailHelpFiledBody, &[("link", &link), ("code", code)]),
    }
}

/// Who files, by the form's "for whom" choice: only an operator files as one, only a member of
/// a verified organisation files for it.
async fn filer_of(state: &AppState, form: &Submission, viewer: Option<&crate::auth::Viewer>) -> Result<Result<Filer, FieldError>, AppError> {
    let Some(viewer) = viewer else { return Ok(Ok(Filer::default())) };
    let mine = Filer { user_id: Some(viewer.id), ..Filer::default() };
    Ok(match form.text("filed_for") {
        "" | "self" => Ok(mine),
        "operator" if viewer.is_operator => Ok(Filer { operator: true, ..mine }),
        choice => match choice.strip_prefix("organization:") {
            Some(slug) => {
                let memberships = crate::organizations::store::memberships(&state.db, viewer.id).await?;
                let verified = memberships
                    .into_iter()
                    .find(|(card, _)| card.slug == slug && card.verification == crate::organizations::model::Verification::Verified);
                match verified {
                    Some((card, _)) => Ok(Filer { organization_id: Some(card.id), ..mine }),
                    None => Err(FieldError::ChoiceInvalid),
                }
            }
            None => Err(FieldError::ChoiceInvalid),
        },
    })
}

async fn file(State(state): State<AppState>, viewer: Option<Viewer>, form: Submission) -> Result<Outcome, Refusal> {
    // Signed-in people are known; the timing check is for anonymous posts.
    let min_seconds = if viewer.is_some() { 0 } else { state.config.help_min_fill_seconds };
    if let Err(e) = abuse::check(&state.db, form.text("stamp"), form.text(abuse::TRAP_FIELD), min_seconds).await? {
        return Ok(form.refuse(vec![(WHOLE_FORM, e)]));
    }
    let mut errors = Vec::new();
    let draft = HelpRequestDraft::read(&form).map_err(|e| errors = e).ok();
    let filer = match filer_of(&state, &form, viewer.as_ref()).await? {
        Ok(filer) => Some(filer),
        Err(e) => {
            errors.push(("filed_for", e));
            None
        }
    };
    let (Some(draft), Some(filer)) = (draft, filer) else { return Ok(form.refuse(errors)) };
    let (limit, key) = match &viewer {
        Some(v) => (HELP_PER_ACCOUNT, v.id.to_string()),
        None => (HELP_PER_ADDRESS, client_of(&state, &form)),
    };
    if let Some(refusal) = limited(&state, limit, &key).await? {
        return Ok(form.refuse(vec![(WHOLE_FORM, refusal)]));
    }
    let secrets = Secrets::new();
    let mail = draft.contact_email.as_deref().map(|to| enqueue(&follow_mail(&state, form.locale, to, &secrets.token, &secrets.code)));
    if store::file(&state.db, &draft, filer, form.locale, &secrets, abuse::spend(form.text("stamp")), mail).await?.is_none() {
        return Ok(form.refuse(vec![(WHOLE_FORM, FieldError::FormAlreadySent)]));
    }
    state.memos.help.forget_all();
    if draft.contact_email.is_some() {
        state.mailer.wake.notify_one();
    }
    Ok(Outcome::go(form.path(&format!("/help/follow/{}?filed=1", secrets.token))))
}

/// What a step's form sent, checked; or the field errors.
fn step_input(form: &Submission, action: HelpAction) -> Result<StepInput, Vec<(&'static str, FieldError)>> {
    let note = form.text("note").trim().to_string();
    if let Err(e) = check_note(&note, action.needs_note()) {
        return Err(vec![("note", e)]);
    }
    let code = if action == HelpAction::Confirm && !form.text("code").is_empty() {
        match normalize_code(form.text("code")) {
            Some(code) => Some(code),
            None => return Err(vec![("code", FieldError::part(Key::FormCodeWrong))]),
        }
    } else {
        None
    };
    Ok(StepInput { note: (!note.is_empty()).then_some(note), code })
}

/// Answers a step that the store refused.
fn refusal(form: &Submission, failure: StepFailure) -> Result<Outcome, Refusal> {
    match failure {
        StepFailure::NotFound => Err(Refusal::NotFound),
        StepFailure::Refused(StepRefused::NotAllowed) => Err(Refusal::Forbidden),
        StepFailure::Refused(StepRefused::WrongStatus) => Ok(form.refuse(vec![(WHOLE_FORM, FieldError::part(Key::FormStepNotPossible))])),
        StepFailure::NotEligible => Ok(form.refuse(vec![(WHOLE_FORM, FieldError::part(Key::FormHelperNotEligible))])),
        StepFailure::CodeWrong => Ok(form.refuse(vec![("code", FieldError::part(Key::FormCodeWrong))])),
        StepFailure::CodeLocked => Ok(form.refuse(vec![("code", FieldError::part(Key::FormCodeLocked))])),
    }
}

async fn step_on_page(State(state): State<AppState>, Path((_, id, action)): Path<(String, i64, String)>, viewer: Option<Viewer>, form: Submission) -> Result<Outcome, Refusal> {
    let action = HelpAction::from_code(&action).ok_or(Refusal::NotFound)?;
    let viewer = viewer.ok_or_else(|| Refusal::SignIn { next: form.page() })?;
    let input = match step_input(&form, action) {
        Ok(input) => input,
        Err(errors) => return Ok(form.refuse(errors)),
    };
    let mut acting = store::acting(&state.db, Some(viewer)).await?;
    acting.as_organization = match form.text("act_for") {
        "" => None,
        // Taking it personally, not for one's organisation.
        "volunteer" if action == HelpAction::Take => {
            if !acting.eligible_volunteer {
                return Ok(form.refuse(vec![(WHOLE_FORM, FieldError::part(Key::FormHelperNotEligible))]));
            }
            acting.memberships.clear();
            None
        }
        "volunteer" => None,
        slug => match crate::organizations::store::by_slug(&state.db, slug).await? {
            Some(stored) if acting.memberships.iter().any(|m| m.organization_id == stored.card.id && m.verified) => Some(stored.card.id),
            _ => return Ok(form.refuse(vec![("act_for", FieldError::ChoiceInvalid)])),
        },
    };
    match store::step(&state.db, id, action, &acting, &input).await? {
        Ok(_) => {
            state.memos.help.forget_all();
            Ok(Outcome::reload(format!("{}?done={}", form.page(), action.code())))
        }
        Err(failure) => refusal(&form, failure),
    }
}

async fn step_by_link(State(state): State<AppState>, Path((_, token, action)): Path<(String, String, String)>, form: Submission) -> Result<Outcome, Refusal> {
    let action = HelpAction::from_code(&action).ok_or(Refusal::NotFound)?;
    let request = store::by_token(&state.db, &token).await?.ok_or(Refusal::NotFound)?;
    let input = match step_input(&form, action) {
        Ok(input) => input,
        Err(errors) => return Ok(form.refuse(errors)),
    };
    let acting = Acting { via_link: true, ..Acting::anonymous() };
    match store::step(&state.db, request.id, action, &acting, &input).await? {
        Ok(_) => {
            state.memos.help.forget_all();
            Ok(Outcome::reload(format!("{}?done={}", form.page(), action.code())))
        }
        Err(failure) => refusal(&form, failure),
    }
}
