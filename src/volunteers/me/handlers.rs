//! The volunteer's own data: reading it for the page and the download, saving the profile,
//! changing the password, deleting the account.

use crate::auth::handlers::limited;
use crate::auth::{password, rate_limit, session, store as accounts, Viewer};
use crate::errors::AppError;
use crate::forms::{FormPosts, Outcome, Refusal, Submission};
use crate::forms::{FieldError, WHOLE_FORM};
use crate::i18n::Key;
use crate::volunteers::form::check_password;
use crate::volunteers::signup::handlers::{read_about, read_interests};
use crate::volunteers::store;
use crate::wiring::state::AppState;
use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::Serialize;

/// The person's own page, where every form of theirs is.
const ME: &str = "/{lang}/me";

pub fn routes() -> FormPosts {
    FormPosts::new()
        .post_from("/{lang}/me/profile", ME, save_profile)
        .post_from("/{lang}/me/password", ME, change_password)
        .post_from("/{lang}/me/delete", ME, delete_account)
        .get("/{lang}/me/data.json", download_data)
}

async fn save_profile(State(state): State<AppState>, viewer: Viewer, form: Submission) -> Result<Outcome, Refusal> {
    let (about, interests) = (read_about(&form), read_interests(&form));
    let errors: Vec<_> = [about.as_ref().err(), interests.as_ref().err()].into_iter().flatten().flatten().cloned().collect();
    if !errors.is_empty() {
        return Ok(form.refuse(errors));
    }
    let (about, interests) = (about.unwrap_or_default(), interests.unwrap_or_default());
    let minors_born_after = crate::volunteers::signup::model::minors_born_after(state.config.guardian_consent_under);
    state
        .db
        .execute_all(vec![
            store::update_about(viewer.id, &about),
            store::update_interests(viewer.id, &interests),
            store::back_to_consent_if_minor(viewer.id, &minors_born_after),
        ])
        .await?;
    let reached = store::signup_step(&state.db, viewer.id).await?;
    if reached != viewer.signup_step {
        // Now a minor: a parent's or guardian's consent comes first.
        return Ok(Outcome::reload(form.path(&reached.path())));
    }
    Ok(Outcome::reload(form.path("/me?saved=1")))
}

async fn change_password(State(state): State<AppState>, viewer: Viewer, form: Submission) -> Result<Outcome, Refusal> {
    let new_password = form.text("password").to_string();
    if let Err(e) = check_password(&new_password) {
        return Ok(form.refuse(vec![("password", e)]));
    }
    if let Some(refusal) = limited(&state, rate_limit::PASSWORD_CHECK_PER_ACCOUNT, &viewer.id.to_string()).await? {
        return Ok(form.refuse(vec![(WHOLE_FORM, refusal)]));
    }
    let stored = accounts::credentials_by_id(&state.db, viewer.id).await?.and_then(|c| c.password_hash);
    if !password::verify(form.text("current_password").to_string(), stored).await {
        return Ok(form.refuse(vec![("current_password", FieldError::part(Key::FormCurrentPasswordWrong))]));
    }
    let hash = password::hash(new_password).await?;
    let keep = crate::server::cookies::session_token(&form.parts.headers, &state.config);
    // Every other browser signed in to this account is signed out.
    state
        .db
        .execute_all(vec![
            accounts::set_password(viewer.id, &hash),
            session::delete_all_of(viewer.id, keep.as_deref()),
            crate::auth::links::revoke_all(viewer.id, crate::auth::links::Purpose::Reset),
        ])
        .await?;
    Ok(Outcome::reload(form.path("/me?password_changed=1")))
}

async fn delete_account(State(state): State<AppState>, viewer: Viewer, form: Submission) -> Result<Outcome, Refusal> {
    if let Some(refusal) = limited(&state, rate_limit::PASSWORD_CHECK_PER_ACCOUNT, &viewer.id.to_string()).await? {
        return Ok(form.refuse(vec![(WHOLE_FORM, refusal)]));
    }
    let mut errors = Vec::new();
    if !form.is_checked("confirm") {
        errors.push(("confirm", FieldError::ConsentRequired));
    }
    let stored = accounts::credentials_by_id(&state.db, viewer.id).await?.and_then(|c| c.password_hash);
    if !password::verify(form.text("delete_password").to_string(), stored).await {
        errors.push(("delete_password", FieldError::part(Key::FormCurrentPasswordWrong)));
    }
    if !errors.is_empty() {
        return Ok(form.refuse(errors));
    }
    store::delete_account(&state.db, viewer.id, &viewer.email).await?;
    Ok(Outcome::reload(format!("{}?account_deleted=1", form.path("/"))).with_cookie(session::clear_cookie(&state.config)))
}

/// Everything the platform keeps about a person, as they can download it.
#[derive(Serialize)]
struct PersonalData {
    exported_at: DateTime<Utc>,
    account: store::AccountExport,
    consents: Vec<store::ConsentExport>,
    applications: Vec<store::ApplicationExport>,
    check_ins: Vec<crate::hours::store::MarkExport>,
    online_sessions: Vec<crate::hours::online::store::SessionExport>,
    certificates: Vec<crate::hours::certificates::model::Certificate>,
    help_requests_filed: Vec<crate::help::store::FiledExport>,
    help_requests_taken: Vec<crate::help::model::PublicRequest>,
    active_sessions: i64,
}

async fn download_data(State(state): State<AppState>, viewer: Option<Viewer>) -> Response {
    let result = async {
        let viewer = viewer.ok_or(AppError::Unauthorized)?;
        let data = PersonalData {
            exported_at: Utc::now(),
            account: store::account_export(&state.db, viewer.id).await?.ok_or(AppError::NotFound)?,
            consents: store::consents_export(&state.db, viewer.id).await?,
            applications: store::applications_export(&state.db, viewer.id).await?,
            check_ins: crate::hours::store::marks_export(&state.db, viewer.id).await?,
            online_sessions: crate::hours::online::store::export(&state.db, viewer.id).await?,
            certificates: crate::hours::certificates::store::of_user(&state.db, viewer.id).await?,
            help_requests_filed: crate::help::store::filed_export(&state.db, viewer.id).await?,
            help_requests_taken: crate::help::store::taken_by_user(&state.db, viewer.id).await?,
            active_sessions: accounts::active_sessions(&state.db, viewer.id).await?,
        };
        Ok::<_, AppError>(data)
    }
    .await;
    match result {
        Ok(data) => (
            [(CONTENT_DISPOSITION, "attachment; filename=\"birgemiz-my-data.json\""), (CACHE_CONTROL, "no-store")],
            axum::Json(data),
        )
            .into_response(),
        Err(error) => crate::server::open_data::error_response(error),
    }
}
