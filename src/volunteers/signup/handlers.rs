//! The form posts of the signup steps.

use super::model::{minors_born_after, needs_guardian, CONSENT_VERSION};
use crate::volunteers::guardian;
use crate::auth::handlers::{client_of, limited, link_mail, link_mail_with, start_session};
use crate::i18n::Key;
use crate::auth::{links, password, rate_limit, session, store as accounts, Viewer};
use crate::errors::AppError;
use crate::forms::{FormPosts, Outcome, Refusal, Submission};
use crate::ui::safe_return_path;
use crate::server::mail;
use crate::wiring::state::AppState;
use crate::forms::{FieldError, WHOLE_FORM};
use crate::forms::checks::*;
use crate::volunteers::form::*;
use crate::volunteers::model::*;
use crate::volunteers::store;
use axum::extract::{Path, State};

pub fn routes() -> FormPosts {
    FormPosts::new()
        .post("/{lang}/signup", account)
        .post("/{lang}/signup/confirm", confirm_signup)
        .post("/{lang}/signup/{step}", later_step)
}

/// The next step's address, keeping `?next=`.
fn step_path(form: &Submission, step: SignupStep) -> String {
    let path = form.path(&step.path());
    match safe_return_path(form.text("next")) {
        Some(next) => format!("{path}?next={}", crate::ui::urlencode(&next)),
        None => path,
    }
}

async fn account(State(state): State<AppState>, viewer: Option<Viewer>, form: Submission) -> Result<Outcome, Refusal> {
    Ok(start_signup(&state, viewer, &form).await?)
}

/// The first step: an address and a password. The answer is the same whether the address is new
/// or has an account already, so the form tells nobody which addresses are taken: "we sent a
/// link". A new address gets a link that confirms it and makes the account
/// ([`confirm_signup`]); an address with an account gets a mail saying so, with the ways to
/// sign in or reset the password.
async fn start_signup(state: &AppState, viewer: Option<Viewer>, form: &Submission) -> Result<Outcome, AppError> {
    if let Some(viewer) = viewer {
        return Ok(Outcome::go(step_path(form, viewer.signup_step.max(SignupStep::About))));
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
        return Ok(form.refuse(errors));
    }
    for (limit, key) in [(rate_limit::SIGNUP_PER_ADDRESS, client_of(state, form)), (rate_limit::SIGNUP_PER_EMAIL, email.clone())] {
        if let Some(refusal) = limited(state, limit, &key).await? {
            return Ok(form.refuse(vec![(WHOLE_FORM, refusal)]));
        }
    }
    // Hashed whatever follows, so that a taken address takes as long to answer as a new one.
    let hash = password::hash(password).await?;
    let next = safe_return_path(form.text("next"));
    let statements = match accounts::credentials_by_email(&state.db, &email).await? {
        None => {
            let token = crate::auth::session::new_token();
            let path = match &next {
                Some(next) => format!("/signup/confirm?next={}", crate::ui::urlencode(next)),
                None => "/signup/confirm".to_string(),
            };
            let mail = link_mail(state, form.locale, &email, Key::MailSignupSubject, Key::MailSignupBody, &path, &token);
            vec![store::insert_pending_signup(&token, &email, &hash, form.locale.code()), mail::enqueue(&mail)]
        }
        Some(account) => {
            let locale = crate::i18n::Locale::from_code(&account.locale).unwrap_or(form.locale);
            vec![mail::enqueue(&account_exists_mail(state, locale, &email))]
        }
    };
    state.db.execute_all(statements).await?;
    state.mailer.wake.notify_one();
    Ok(Outcome::go(match next {
        Some(next) => format!("{}?sent=1&next={}", form.path("/signup"), crate::ui::urlencode(&next)),
        None => format!("{}?sent=1", form.path("/signup")),
    }))
}

/// The mail to an address that has an account already, when someone signs up with it.
fn account_exists_mail(state: &AppState, locale: crate::i18n::Locale, to: &str) -> mail::Mail {
    let base = format!("{}/{}", state.config.public_url, locale.code());
    mail::Mail {
        to: to.to_string(),
        subject: locale.t(Key::MailAccountExistsSubject).to_string(),
        body: locale.t_with(Key::MailAccountExistsBody, &[("login", &format!("{base}/login")), ("reset", &format!("{base}/password/forgot"))]),
    }
}

/// The signup link's button: the account is made, its address confirmed, and this browser signed
/// in at the "about you" step.
async fn confirm_signup(State(state): State<AppState>, form: Submission) -> Result<Outcome, Refusal> {
    Ok(make_account(&state, &form).await?)
}

async fn make_account(state: &AppState, form: &Submission) -> Result<Outcome, AppError> {
    let token = form.text("token");
    if !links::looks_valid(token) {
        return Ok(form.refuse(vec![(WHOLE_FORM, FieldError::LinkInvalid)]));
    }
    let mut tx = state.db.begin().await?;
    let Some(pending) = store::take_pending_signup(&mut tx, token).await? else {
        return Ok(form.refuse(vec![(WHOLE_FORM, FieldError::LinkInvalid)]));
    };
    let user_id = match tx.fetch_count(store::insert_account(&pending.email, &pending.password_hash, &pending.locale)).await {
        Ok(id) => id,
        // The address got its account meanwhile (another link of it was opened first).
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            tx.rollback().await?;
            return Ok(form.refuse(vec![(WHOLE_FORM, FieldError::part(Key::FormAccountExists))]));
        }
        Err(e) => return Err(e.into()),
    };
    tx.execute(store::forget_pending_signups(Some(&pending.email))).await?;
    let (session_token, statements) = start_session(state, form, user_id);
    for sql in statements {
        tx.execute(sql).await?;
    }
    tx.commit().await?;
    Ok(Outcome::reload(step_path(form, SignupStep::About)).with_cookie(session::set_cookie(&state.config, &session_token)))
}

async fn later_step(State(state): State<AppState>, Path((_, step)): Path<(String, String)>, viewer: Option<Viewer>, form: Submission) -> Result<Outcome, Refusal> {
    Ok(save_step(&state, viewer, &form, &step).await?)
}

async fn save_step(state: &AppState, viewer: Option<Viewer>, form: &Submission, step: &str) -> Result<Outcome, AppError> {
    let Some(viewer) = viewer else {
        return Ok(Outcome::go(step_path(form, SignupStep::Account)));
    };
    let step = SignupStep::from_code(step).ok_or(AppError::NotFound)?;
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
    let minors_born_after = minors_born_after(state.config.guardian_consent_under);
    state
        .db
        .execute_all(vec![
            store::update_about(viewer.id, &profile),
            store::reach_step(viewer.id, SignupStep::Interests),
            store::back_to_consent_if_minor(viewer.id, &minors_born_after),
        ])
        .await?;
    Ok(Outcome::go(step_path(form, SignupStep::Interests)))
}

async fn save_interests(state: &AppState, form: &Submission, viewer: &Viewer) -> Result<Outcome, AppError> {
    let profile = match read_interests(form) {
        Ok(profile) => profile,
        Err(errors) => return Ok(form.refuse(errors)),
    };
    state.db.execute_all(vec![store::update_interests(viewer.id, &profile), store::reach_step(viewer.id, SignupStep::Consent)]).await?;
    Ok(Outcome::go(step_path(form, SignupStep::Consent)))
}

async fn save_consent(state: &AppState, form: &Submission, viewer: &Viewer) -> Result<Outcome, AppError> {
    // Decided by the birth date as stored when this request began; the step is finished only if
    // it is still that date (an "about you" post at the same moment cannot slip a minor past).
    let birth_date = viewer.birth_date.clone().unwrap_or_default();
    let minor = needs_guardian(&birth_date, state.config.guardian_consent_under);
    let mut errors = Vec::new();
    if !form.is_checked("agree") {
        errors.push(("agree", FieldError::ConsentRequired));
    }
    let guardian_name = form.text("guardian_name").trim().to_string();
    let guardian_email = normalize_email(form.text("guardian_contact"));
    if minor {
        if let Err(e) = check_name(&guardian_name) {
            errors.push(("guardian_name", e));
        }
        if let Err(e) = check_guardian_email(&guardian_email, &viewer.email) {
            errors.push(("guardian_contact", e));
        }
    }
    if !errors.is_empty() {
        return Ok(form.refuse(errors));
    }
    let locale = form.locale.code();
    let mut statements = vec![store::record_consent(viewer.id, "personal_data", CONSENT_VERSION, locale)];
    if minor {
        if let Some(refusal) = limited(state, rate_limit::MAIL_PER_ACCOUNT, &viewer.id.to_string()).await? {
            return Ok(form.refuse(vec![(WHOLE_FORM, refusal)]));
        }
        let token = crate::auth::session::new_token();
        statements.push(store::set_guardian(viewer.id, Some(&guardian_name), Some(&guardian_email)));
        statements.push(guardian::store::retire_unanswered(viewer.id));
        statements.push(guardian::store::insert_request(viewer.id, &token, &guardian_email, locale));
        let keys = (Key::MailGuardianSubject, Key::MailGuardianBody);
        let mail = link_mail_with(state, form.locale, &guardian_email, keys, "/guardian", &token, &[("name", &viewer.full_name)]);
        statements.push(mail::enqueue(&mail));
    }
    let finished = state.db.execute_guarded(Some(store::finish_signup_if_born(viewer.id, &birth_date)), statements).await?;
    if finished.is_none() {
        // The birth date changed meanwhile: the step is shown again for the date as it is now.
        return Ok(Outcome::reload(step_path(form, SignupStep::Consent)));
    }
    if minor {
        state.mailer.wake.notify_one();
    }
    Ok(Outcome::go(step_path(form, SignupStep::Done)))
}

/// The guardian's address: an email (the link is mailed to it), and not the minor's own.
fn check_guardian_email(guardian_email: &str, own_email: &str) -> Result<(), FieldError> {
    check_email(guardian_email).map_err(|e| if e == FieldError::Required { e } else { FieldError::part(Key::FormGuardianEmailInvalid) })?;
    if guardian_email == own_email {
        return Err(FieldError::part(Key::FormGuardianContactIsYours));
    }
    Ok(())
}

