//! The form posts of the signup steps.

use super::{needs_guardian, CONSENT_VERSION};
use crate::auth::handlers::{client_of, limited, start_session, verification_mail};
use crate::auth::{links, password, rate_limit, session, store as accounts, Viewer};
use crate::errors::AppError;
use crate::server::forms::{respond, safe_return_path, Outcome, Submission};
use crate::server::mail;
use crate::server::state::AppState;
use crate::ui::form::{FieldError, WHOLE_FORM};
use crate::volunteers::model::*;
use crate::volunteers::store;
use axum::extract::{Path, State};
use axum::http::{HeaderName, HeaderValue};
use axum::response::Response;
use axum::routing::post;
use axum::Router;

type Cookies = Vec<(HeaderName, HeaderValue)>;

pub fn routes() -> Router<AppState> {
    Router::new().route("/{lang}/signup", post(account)).route("/{lang}/signup/{step}", post(later_step))
}

/// The next step's address, keeping `?next=`.
fn step_path(form: &Submission, step: SignupStep) -> String {
    let path = form.path(&step.path());
    match safe_return_path(form.text("next")) {
        Some(next) => format!("{path}?next={}", crate::auth::pages::urlencode(&next)),
        None => path,
    }
}

async fn account(State(state): State<AppState>, form: Submission) -> Response {
    let (outcome, cookies) = match create_account(&state, &form).await {
        Ok(result) => result,
        Err(error) => (form.failed(error), Vec::new()),
    };
    respond(&state, form, outcome, cookies).await
}

async fn create_account(state: &AppState, form: &Submission) -> Result<(Outcome, Cookies), AppError> {
    if let Some(viewer) = session::current_viewer_of(state, &form.parts.headers).await? {
        return Ok((Outcome::go(step_path(form, viewer.signup_step.max(SignupStep::About))), Vec::new()));
    }
    let email = normalize_email(form.text("email"));
    let password = form.text("password").to_string();
    let mut errors = Vec::new();
    if let Err(e) = check_email(&email) {
        errors.push(("email", e));
    }
    if let Err(e) = check_password(&password) {
        errors.push(("password", e));
    }
    if !errors.is_empty() {
        return Ok((form.refuse(errors), Vec::new()));
    }
    for (limit, key) in [(rate_limit::SIGNUP_PER_ADDRESS, client_of(state, form)), (rate_limit::SIGNUP_PER_EMAIL, email.clone())] {
        if let Some(refusal) = limited(state, limit, &key).await? {
            return Ok((form.refuse(vec![(WHOLE_FORM, refusal)]), Vec::new()));
        }
    }
    if accounts::email_exists(&state.db, &email).await? {
        return Ok((form.refuse(vec![("email", FieldError::EmailUnavailable)]), Vec::new()));
    }
    let hash = password::hash(password).await?;
    let mut tx = state.db.begin().await?;
    let user_id = match tx.fetch_count(store::insert_account(&email, &hash, form.locale.code())).await {
        Ok(id) => id,
        // Someone took the address a moment ago.
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Ok((form.refuse(vec![("email", FieldError::EmailUnavailable)]), Vec::new()));
        }
        Err(e) => return Err(e.into()),
    };
    let (token, statements) = start_session(state, form, user_id);
    for sql in statements {
        tx.execute(sql).await?;
    }
    let (link, insert_link) = links::issue(user_id, links::Purpose::Verify);
    tx.execute(insert_link).await?;
    tx.execute(mail::enqueue(&verification_mail(state, form.locale, &email, &link))).await?;
    tx.commit().await?;
    state.mailer.wake.notify_one();
    Ok((Outcome::reload(step_path(form, SignupStep::About)), vec![session::set_cookie(&state.config, &token)]))
}

async fn later_step(State(state): State<AppState>, Path((_, step)): Path<(String, String)>, form: Submission) -> Response {
    let outcome = match save_step(&state, &form, &step).await {
        Ok(outcome) => outcome,
        Err(error) => form.failed(error),
    };
    respond(&state, form, outcome, Vec::new()).await
}

async fn save_step(state: &AppState, form: &Submission, step: &str) -> Result<Outcome, AppError> {
    let Some(viewer) = session::current_viewer_of(state, &form.parts.headers).await? else {
        return Ok(Outcome::go(step_path(form, SignupStep::Account)));
    };
    let step = SignupStep::from_slug(step).ok_or(AppError::NotFound)?;
    if step > viewer.signup_step {
        return Ok(Outcome::go(step_path(form, viewer.signup_step)));
    }
    match step {
        SignupStep::About => save_about(state, form, &viewer).await,
        SignupStep::Interests => save_interests(state, form, &viewer).await,
        SignupStep::Consent => save_consent(state, form, &viewer).await,
        SignupStep::Account | SignupStep::Done => Err(AppError::NotFound),
    }
}

/// The "about you" fields as sent, checked; the errors by field otherwise.
pub fn read_about(form: &Submission) -> Result<Profile, Vec<(&'static str, FieldError)>> {
    let mut errors = Vec::new();
    let mut note = |field: &'static str, result: Result<(), FieldError>| {
        if let Err(e) = result {
            errors.push((field, e));
        }
    };
    let full_name = form.text("full_name").trim().to_string();
    note("full_name", check_name(&full_name));
    let phone = normalize_phone(form.text("phone"));
    note("phone", phone.as_ref().map(|_| ()).map_err(Clone::clone));
    let today = chrono::Utc::now().with_timezone(&crate::i18n::kazakhstan_offset()).date_naive();
    let birth_date = check_birth_date_on(form.text("birth_date"), today);
    note("birth_date", birth_date.as_ref().map(|_| ()).map_err(Clone::clone));
    let region = form.text("region").trim().to_string();
    note("region", check_region(&region));
    let locality = form.text("locality").trim().to_string();
    note("locality", check_locality(&locality));
    let languages = check_choices(&form.all("languages"), &LANGUAGES, true);
    note("languages", languages.as_ref().map(|_| ()).map_err(Clone::clone));
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Profile {
        full_name,
        phone: phone.unwrap_or_default(),
        birth_date: birth_date.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default(),
        region,
        locality,
        languages: languages.unwrap_or_default(),
        ..Profile::default()
    })
}

/// The "interests" fields as sent, checked.
pub fn read_interests(form: &Submission) -> Result<Profile, Vec<(&'static str, FieldError)>> {
    let mut errors = Vec::new();
    let directions = check_choices(&form.all("directions"), &direction_slugs(), true);
    if let Err(e) = &directions {
        errors.push(("directions", e.clone()));
    }
    let skills = form.text("skills").trim().to_string();
    if let Err(e) = check_free_text(&skills, SKILLS_MAX) {
        errors.push(("skills", e));
    }
    let availability = check_choices(&form.all("availability"), &AVAILABILITY, true);
    if let Err(e) = &availability {
        errors.push(("availability", e.clone()));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Profile { directions: directions.unwrap_or_default(), skills, availability: availability.unwrap_or_default(), ..Profile::default() })
}

async fn save_about(state: &AppState, form: &Submission, viewer: &Viewer) -> Result<Outcome, AppError> {
    let profile = match read_about(form) {
        Ok(profile) => profile,
        Err(errors) => return Ok(form.refuse(errors)),
    };
    let reached = step_after_birth_date(state, viewer, &profile.birth_date).await?.max(SignupStep::Interests);
    state.db.execute_all(vec![store::update_about(viewer.id, &profile), store::set_signup_step(viewer.id, reached)]).await?;
    Ok(Outcome::go(step_path(form, SignupStep::Interests)))
}

/// The step a person has reached once their birth date is `birth_date`: a finished signup
/// goes back to the consent step when the date makes them a minor whose guardian has not
/// agreed yet (they cannot apply until then).
pub async fn step_after_birth_date(state: &AppState, viewer: &Viewer, birth_date: &str) -> Result<SignupStep, AppError> {
    let minor = needs_guardian(birth_date, state.config.guardian_consent_under);
    if viewer.signup_step == SignupStep::Done && minor && !store::has_consent(&state.db, viewer.id, "guardian").await? {
        return Ok(SignupStep::Consent);
    }
    Ok(viewer.signup_step)
}

async fn save_interests(state: &AppState, form: &Submission, viewer: &Viewer) -> Result<Outcome, AppError> {
    let profile = match read_interests(form) {
        Ok(profile) => profile,
        Err(errors) => return Ok(form.refuse(errors)),
    };
    let next = viewer.signup_step.max(SignupStep::Consent);
    state.db.execute_all(vec![store::update_interests(viewer.id, &profile), store::set_signup_step(viewer.id, next)]).await?;
    Ok(Outcome::go(step_path(form, SignupStep::Consent)))
}

async fn save_consent(state: &AppState, form: &Submission, viewer: &Viewer) -> Result<Outcome, AppError> {
    let birth_date = viewer.birth_date.clone().unwrap_or_default();
    let minor = needs_guardian(&birth_date, state.config.guardian_consent_under);
    let mut errors = Vec::new();
    if !form.is_checked("agree") {
        errors.push(("agree", FieldError::ConsentRequired));
    }
    let guardian_name = form.text("guardian_name").trim().to_string();
    let guardian_contact = form.text("guardian_contact").trim().to_string();
    if minor {
        if let Err(e) = check_name(&guardian_name) {
            errors.push(("guardian_name", e));
        }
        if let Err(e) = check_contact(&guardian_contact) {
            errors.push(("guardian_contact", e));
        }
        if !form.is_checked("guardian_agree") {
            errors.push(("guardian_agree", FieldError::ConsentRequired));
        }
    }
    if !errors.is_empty() {
        return Ok(form.refuse(errors));
    }
    let locale = form.locale.code();
    let mut statements = vec![store::record_consent(viewer.id, "personal_data", CONSENT_VERSION, locale)];
    if minor {
        let contact = if guardian_contact.contains('@') {
            normalize_email(&guardian_contact)
        } else {
            normalize_phone(&guardian_contact).unwrap_or(guardian_contact)
        };
        statements.push(store::set_guardian(viewer.id, Some(&guardian_name), Some(&contact)));
        statements.push(store::record_consent(viewer.id, "guardian", CONSENT_VERSION, locale));
    }
    statements.push(store::set_signup_step(viewer.id, SignupStep::Done));
    state.db.execute_all(statements).await?;
    Ok(Outcome::go(step_path(form, SignupStep::Done)))
}
