//! The form posts of signing in and out, resetting a password and verifying an address.

use super::links::{self, Purpose};
use super::rate_limit::{self, Limit, RetryAfter};
use super::{client_address, password, session, store, Viewer};
use crate::errors::AppError;
use crate::i18n::{Key, Locale};
use crate::server::db::{Sql, Tx};
use crate::forms::{FormPosts, Outcome, Refusal, Submission};
use crate::ui::safe_return_path;
use crate::server::mail::{self, Mail};
use crate::wiring::state::AppState;
use crate::forms::{FieldError, WHOLE_FORM};
use crate::forms::FieldError::TooManyAttempts;
use crate::volunteers::model::SignupStep;
use crate::volunteers::form::check_password;
use crate::forms::checks::{check_email, normalize_email};
use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderName, HeaderValue};

/// A long-lived, HttpOnly cookie naming this browser to the per-account sign-in limit.
pub const DEVICE_COOKIE: &str = "birgemiz-device";

pub fn routes() -> FormPosts {
    FormPosts::new()
        .post("/{lang}/login", sign_in)
        .post("/{lang}/login/link", sign_in_by_link)
        .post("/{lang}/logout", sign_out)
        .post("/{lang}/password/forgot", request_reset)
        .post("/{lang}/password/reset", reset_password)
        .post("/{lang}/verify", verify_address)
        .post("/{lang}/verify/resend", resend_verification)
}

/// Counts an attempt against a limit; the refusal to show when it is over.
pub async fn limited(state: &AppState, limit: Limit, key: &str) -> Result<Option<FieldError>, AppError> {
    Ok(match rate_limit::hit(&state.db, limit, key).await? {
        Ok(()) => None,
        Err(RetryAfter(minutes)) => Some(FieldError::TooManyAttempts { minutes }),
    })
}

pub fn client_of(state: &AppState, submission: &Submission) -> String {
    client_address::of(&submission.parts, state.config.trust_forwarded)
}

async fn sign_in(State(state): State<AppState>, form: Submission) -> Result<Outcome, Refusal> {
    let (state, form) = (&state, &form);
    let email = normalize_email(form.text("email"));
    let password = form.text("password").to_string();
    let mut errors = Vec::new();
    if let Err(e) = check_email(&email) {
        errors.push(("email", e));
    }
    if password.is_empty() {
        errors.push(("password", FieldError::Required));
    }
    if !errors.is_empty() {
        return Ok(form.refuse(errors));
    }
    if let Some(refusal) = limited(state, rate_limit::SIGN_IN_PER_ADDRESS, &client_of(state, form)).await? {
        return Ok(form.refuse(vec![(WHOLE_FORM, refusal)]));
    }
    let account = store::credentials_by_email(&state.db, &email).await?;
    let device = crate::server::cookies::token(&form.parts.headers, DEVICE_COOKIE).map(str::to_string);
    let known_device = match (&account, &device) {
        (Some(account), Some(device)) => store::is_known_device(&state.db, account.id, device).await?,
        _ => false,
    };
    let stored = account.as_ref().and_then(|a| a.password_hash.clone());
    // Counted before the password is checked, so that parallel guesses cannot slip past.
    if !known_device {
        if let Some(TooManyAttempts { minutes }) = limited(state, rate_limit::SIGN_IN_PER_ACCOUNT, &email).await? {
            // The owner may be the one arriving, on a new browser: with the right password a
            // one-time sign-in link goes to the account's address. The answer is the same
            // whether the password was right or not, so it tells a guesser nothing.
            let right = password::verify(password, stored).await;
            if let (Some(account), true) = (&account, right) {
                mail_sign_in_link(state, account.id, &email, Locale::from_code(&account.locale).unwrap_or(form.locale)).await?;
            }
            return Ok(form.refuse_for_a_while(vec![(WHOLE_FORM, FieldError::part_with(Key::FormSignInLinkOffered, &[("minutes", minutes)]))]));
        }
    }
    let Some(account) = account else {
        password::verify(password, None).await;
        return Ok(form.refuse(vec![(WHOLE_FORM, FieldError::part(Key::FormCredentialsWrong))]));
    };
    if !password::verify(password, stored).await {
        return Ok(form.refuse(vec![(WHOLE_FORM, FieldError::part(Key::FormCredentialsWrong))]));
    }
    Ok(signed_in(state, form, account.id, &account.signup_step, device, Vec::new()).await?)
}

/// Starts a session for `user_id` in this browser, remembers the browser, and goes where the
/// person was headed (their unfinished signup step first).
async fn signed_in(state: &AppState, form: &Submission, user_id: i64, signup_step: &str, device: Option<String>, mut statements: Vec<Sql>) -> Result<Outcome, AppError> {
    let (token, session_statements) = start_session(state, form, user_id);
    statements.extend(session_statements);
    let device = device.unwrap_or_else(session::new_token);
    statements.push(store::remember_device(user_id, &device));
    state.db.execute_all(statements).await?;
    let step = SignupStep::from_code(signup_step).unwrap_or(SignupStep::Done);
    let next = safe_return_path(form.text("next"));
    let to = match (step, next) {
        (SignupStep::Done, Some(next)) => next,
        (SignupStep::Done, None) => form.path("/me"),
        (step, Some(next)) => format!("{}?next={}", form.path(&step.path()), crate::ui::urlencode(&next)),
        (step, None) => form.path(&step.path()),
    };
    Ok(Outcome::reload(to).with_cookie(session::set_cookie(&state.config, &token)).with_cookie(device_cookie(state, &device)))
}

/// Mails a one-time sign-in link (15 minutes) to the account's address, within the account's
/// mail limit (past it, nothing more is sent).
async fn mail_sign_in_link(state: &AppState, user_id: i64, email: &str, locale: Locale) -> Result<(), AppError> {
    if limited(state, rate_limit::MAIL_PER_ACCOUNT, &user_id.to_string()).await?.is_some() {
        return Ok(());
    }
    let (token, insert) = links::issue(user_id, Purpose::SignIn);
    let mail = link_mail(state, locale, email, Key::MailSignInSubject, Key::MailSignInBody, "/login/link", &token);
    state.db.execute_all(vec![insert, mail::enqueue(&mail)]).await?;
    state.mailer.wake.notify_one();
    Ok(())
}

/// The account of the one-time link posted as `token`, used up in the transaction that comes
/// back with it; `None` when the link is malformed, unknown, used or expired.
async fn use_posted_link(state: &AppState, form: &Submission, purpose: Purpose) -> Result<Option<(Tx, i64)>, AppError> {
    let token = form.text("token");
    if !links::looks_valid(token) {
        return Ok(None);
    }
    let mut tx = state.db.begin().await?;
    Ok(links::consume(&mut tx, token, purpose).await?.map(|user_id| (tx, user_id)))
}

fn link_invalid(form: &Submission) -> Outcome {
    form.refuse(vec![(WHOLE_FORM, FieldError::LinkInvalid)])
}

/// The mailed sign-in link's button: a session in this browser, which becomes known.
async fn sign_in_by_link(State(state): State<AppState>, form: Submission) -> Result<Outcome, Refusal> {
    let (state, form) = (&state, &form);
    let Some((tx, user_id)) = use_posted_link(state, form, Purpose::SignIn).await? else { return Ok(link_invalid(form)) };
    tx.commit().await?;
    let Some(account) = store::credentials_by_id(&state.db, user_id).await? else { return Ok(link_invalid(form)) };
    let device = crate::server::cookies::token(&form.parts.headers, DEVICE_COOKIE).map(str::to_string);
    Ok(signed_in(state, form, user_id, &account.signup_step, device, Vec::new()).await?)
}

/// A new session for `user_id`, ending the one this browser had (rotation at every sign-in).
pub fn start_session(state: &AppState, form: &Submission, user_id: i64) -> (String, Vec<Sql>) {
    let token = session::new_token();
    let mut statements = Vec::new();
    if let Some(old) = crate::server::cookies::session_token(&form.parts.headers, &state.config) {
        statements.push(session::delete(&old));
    }
    statements.push(session::insert(user_id, &token));
    (token, statements)
}

fn device_cookie(state: &AppState, device: &str) -> (HeaderName, HeaderValue) {
    (SET_COOKIE, crate::server::cookies::set_cookie_value(&state.config, DEVICE_COOKIE, device, 365 * 24 * 3600))
}

async fn sign_out(State(state): State<AppState>, form: Submission) -> Result<Outcome, Refusal> {
    let (state, form) = (&state, &form);
    if let Some(token) = crate::server::cookies::session_token(&form.parts.headers, &state.config) {
        state.db.execute(session::delete(&token)).await?;
    }
    Ok(Outcome::reload(form.path("/")).with_cookie(session::clear_cookie(&state.config)))
}

/// A mail in the reader's language with a one-time link.
pub fn link_mail(state: &AppState, locale: Locale, to: &str, subject: Key, body: Key, path: &str, token: &str) -> Mail {
    link_mail_with(state, locale, to, (subject, body), path, token, &[])
}

/// [`link_mail`] whose text also names other things (`{name}`, …).
pub fn link_mail_with(state: &AppState, locale: Locale, to: &str, (subject, body): (Key, Key), path: &str, token: &str, more: &[(&str, &str)]) -> Mail {
    let separator = if path.contains('?') { '&' } else { '?' };
    let link = format!("{}/{}{path}{separator}token={token}", state.config.public_url, locale.code());
    let mut placeholders = vec![("link", link.as_str())];
    placeholders.extend_from_slice(more);
    Mail { to: to.to_string(), subject: locale.t(subject).to_string(), body: locale.t_with(body, &placeholders) }
}

pub fn verification_mail(state: &AppState, locale: Locale, to: &str, token: &str) -> Mail {
    link_mail(state, locale, to, Key::MailVerifySubject, Key::MailVerifyBody, "/verify", token)
}

async fn request_reset(State(state): State<AppState>, form: Submission) -> Result<Outcome, Refusal> {
    let (state, form) = (&state, &form);
    let email = normalize_email(form.text("email"));
    if let Err(e) = check_email(&email) {
        return Ok(form.refuse(vec![("email", e)]));
    }
    for (limit, key) in [(rate_limit::RESET_PER_ADDRESS, client_of(state, form)), (rate_limit::RESET_PER_ACCOUNT, email.clone())] {
        if let Some(refusal) = limited(state, limit, &key).await? {
            return Ok(form.refuse(vec![(WHOLE_FORM, refusal)]));
        }
    }
    // The answer is the same whether or not the address has an account.
    if let Some(account) = store::credentials_by_email(&state.db, &email).await? {
        let locale = Locale::from_code(&account.locale).unwrap_or(form.locale);
        let (token, insert) = links::issue(account.id, Purpose::Reset);
        let mail = link_mail(state, locale, &email, Key::MailResetSubject, Key::MailResetBody, "/password/reset", &token);
        state.db.execute_all(vec![insert, mail::enqueue(&mail)]).await?;
        state.mailer.wake.notify_one();
    }
    Ok(Outcome::go(form.path("/password/forgot?sent=1")))
}

async fn reset_password(State(state): State<AppState>, form: Submission) -> Result<Outcome, Refusal> {
    let (state, form) = (&state, &form);
    let token = form.text("token").to_string();
    let new_password = form.text("password").to_string();
    if let Err(e) = check_password(&new_password) {
        return Ok(form.refuse(vec![("password", e)]));
    }
    if !links::looks_valid(&token) || links::peek(&state.db, &token, Purpose::Reset).await?.is_none() {
        return Ok(link_invalid(form));
    }
    let hash = password::hash(new_password).await?;
    let Some((mut tx, user_id)) = use_posted_link(state, form, Purpose::Reset).await? else { return Ok(link_invalid(form)) };
    tx.execute(store::set_password(user_id, &hash)).await?;
    tx.execute(links::revoke_all(user_id, Purpose::Reset)).await?;
    // A reset is for when a password may be known to someone else: every session ends.
    tx.execute(session::delete_all_of(user_id, None)).await?;
    // Following the link proved the address is theirs.
    tx.execute(store::confirm_address(user_id)).await?;
    let token = session::new_token();
    tx.execute(session::insert(user_id, &token)).await?;
    tx.commit().await?;
    Ok(Outcome::reload(form.path("/me?password_changed=1")).with_cookie(session::set_cookie(&state.config, &token)))
}

async fn verify_address(State(state): State<AppState>, form: Submission) -> Result<Outcome, Refusal> {
    let (state, form) = (&state, &form);
    let Some((mut tx, user_id)) = use_posted_link(state, form, Purpose::Verify).await? else { return Ok(link_invalid(form)) };
    tx.execute(store::confirm_address(user_id)).await?;
    tx.commit().await?;
    Ok(Outcome::reload(form.path("/verify?done=1")))
}

async fn resend_verification(State(state): State<AppState>, viewer: Viewer, form: Submission) -> Result<Outcome, Refusal> {
    if viewer.email_verified {
        return Ok(Outcome::go(form.path("/me")));
    }
    if let Some(refusal) = limited(&state, rate_limit::MAIL_PER_ACCOUNT, &viewer.id.to_string()).await? {
        return Ok(form.refuse(vec![(WHOLE_FORM, refusal)]));
    }
    let (link, insert) = links::issue(viewer.id, Purpose::Verify);
    let mail = verification_mail(&state, form.locale, &viewer.email, &link);
    state.db.execute_all(vec![insert, mail::enqueue(&mail)]).await?;
    state.mailer.wake.notify_one();
    Ok(Outcome::go(form.path("/me?verification_sent=1")))
}
