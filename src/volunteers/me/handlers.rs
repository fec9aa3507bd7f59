//! The volunteer's own data: reading it for the page and the download, saving the profile,
//! changing the password, deleting the account.

use super::{ApplicationLine, MyPageData};
use crate::auth::handlers::limited;
use crate::auth::{password, rate_limit, session, store as accounts, Viewer};
use crate::errors::AppError;
use crate::server::db::{Db, Sql};
use crate::server::forms::{respond, FormPosts, Outcome, Submission};
use crate::server::state::AppState;
use crate::ui::form::{FieldError, WHOLE_FORM};
use crate::volunteers::applications::{store as applications, ApplicationStatus};
use crate::volunteers::model::check_password;
use crate::volunteers::signup::handlers::{read_about, read_interests};
use crate::volunteers::store;
use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::Serialize;

pub fn routes() -> FormPosts {
    FormPosts::new()
        .post("/{lang}/me/profile", save_profile)
        .post("/{lang}/me/password", change_password)
        .post("/{lang}/me/delete", delete_account)
        .get("/{lang}/me/data.json", download_data)
}

pub async fn my_page_data(db: &Db, viewer: Viewer) -> Result<MyPageData, sqlx::Error> {
    let viewer_id = viewer.id;
    let profile = store::profile(db, viewer.id).await?.unwrap_or_default();
    let rows = applications::of_user(db, viewer.id).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.campaign_id).collect();
    let summaries = crate::campaigns::store::by_ids(db, &ids).await?;
    let now = Utc::now();
    let (mut upcoming, mut past) = (Vec::new(), Vec::new());
    let mut hours = 0.0;
    for row in rows {
        let Some(campaign) = summaries.iter().find(|s| s.id == row.campaign_id).cloned() else { continue };
        let status = ApplicationStatus::from_code(&row.status).unwrap_or(ApplicationStatus::Cancelled);
        hours += row.hours.unwrap_or(0.0);
        let line = ApplicationLine { status, hours: row.hours, campaign };
        if line.campaign.ends_at < now {
            past.push(line);
        } else {
            upcoming.push(line);
        }
    }
    let consent = store::latest_consent(db, viewer.id).await?;
    Ok(MyPageData {
        viewer,
        profile,
        upcoming,
        past,
        hours,
        consent_given_at: consent.as_ref().map(|c| c.given_at),
        consent_version: consent.map(|c| c.version),
        organizations: crate::organizations::store::memberships(db, viewer_id).await?,
        help_requests: crate::help::store::filed_by(db, viewer_id, 100).await?,
        guardian: crate::volunteers::guardian::store::my_guardian(db, viewer_id).await?,
    })
}

async fn signed_in(state: &AppState, form: &Submission) -> Result<Option<Viewer>, AppError> {
    session::current_viewer_of(state, &form.parts.headers).await
}

async fn save_profile(State(state): State<AppState>, mut form: Submission) -> Response {
    form.page = Some(form.path("/me"));
    let outcome = async {
        let Some(viewer) = signed_in(&state, &form).await? else { return Ok(Outcome::go(form.path("/login"))) };
        let (about, interests) = (read_about(&form), read_interests(&form));
        let errors: Vec<_> = [about.as_ref().err(), interests.as_ref().err()].into_iter().flatten().flatten().cloned().collect();
        if !errors.is_empty() {
            return Ok(form.refuse(errors));
        }
        let (about, interests) = (about.unwrap_or_default(), interests.unwrap_or_default());
        let minors_born_after = crate::volunteers::signup::minors_born_after(state.config.guardian_consent_under);
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
        Ok::<_, AppError>(Outcome::reload(form.path("/me?saved=1")))
    }
    .await
    .unwrap_or_else(|error| form.failed(error));
    respond(&state, form, outcome, Vec::new()).await
}

async fn change_password(State(state): State<AppState>, mut form: Submission) -> Response {
    form.page = Some(form.path("/me"));
    let outcome = async {
        let Some(viewer) = signed_in(&state, &form).await? else { return Ok(Outcome::go(form.path("/login"))) };
        let new_password = form.text("password").to_string();
        if let Err(e) = check_password(&new_password) {
            return Ok(form.refuse(vec![("password", e)]));
        }
        if let Some(refusal) = limited(&state, rate_limit::PASSWORD_CHECK_PER_ACCOUNT, &viewer.id.to_string()).await? {
            return Ok(form.refuse(vec![(WHOLE_FORM, refusal)]));
        }
        let stored = accounts::credentials_by_id(&state.db, viewer.id).await?.and_then(|c| c.password_hash);
        if !password::verify(form.text("current_password").to_string(), stored).await {
            return Ok(form.refuse(vec![("current_password", FieldError::CurrentPasswordWrong)]));
        }
        let hash = password::hash(new_password).await?;
        let keep = session::session_token(&form.parts.headers, &state.config);
        // Every other browser signed in to this account is signed out.
        state
            .db
            .execute_all(vec![
                accounts::set_password(viewer.id, &hash),
                session::delete_all_of(viewer.id, keep.as_deref()),
                crate::auth::links::revoke_all(viewer.id, crate::auth::links::Purpose::Reset),
            ])
            .await?;
        Ok::<_, AppError>(Outcome::reload(form.path("/me?password_changed=1")))
    }
    .await
    .unwrap_or_else(|error| form.failed(error));
    respond(&state, form, outcome, Vec::new()).await
}

async fn delete_account(State(state): State<AppState>, mut form: Submission) -> Response {
    form.page = Some(form.path("/me"));
    let result = async {
        let Some(viewer) = signed_in(&state, &form).await? else { return Ok((Outcome::go(form.path("/login")), Vec::new())) };
        if let Some(refusal) = limited(&state, rate_limit::PASSWORD_CHECK_PER_ACCOUNT, &viewer.id.to_string()).await? {
            return Ok((form.refuse(vec![(WHOLE_FORM, refusal)]), Vec::new()));
        }
        let mut errors = Vec::new();
        if !form.is_checked("confirm") {
            errors.push(("confirm", FieldError::ConsentRequired));
        }
        let stored = accounts::credentials_by_id(&state.db, viewer.id).await?.and_then(|c| c.password_hash);
        if !password::verify(form.text("delete_password").to_string(), stored).await {
            errors.push(("delete_password", FieldError::CurrentPasswordWrong));
        }
        if !errors.is_empty() {
            return Ok((form.refuse(errors), Vec::new()));
        }
        // Withdrawing and erasing happen together, or not at all.
        let mut tx = state.db.begin().await?;
        applications::cancel_all_open(&mut tx, viewer.id).await?;
        crate::help::store::withdraw_own_requests(&mut tx, viewer.id).await?;
        crate::help::store::return_taken_requests(&mut tx, viewer.id).await?;
        for sql in store::erase_personal_data(viewer.id, &viewer.email) {
            tx.execute(sql).await?;
        }
        tx.commit().await?;
        Ok::<_, AppError>((Outcome::reload(format!("{}?account_deleted=1", form.path("/"))), vec![session::clear_cookie(&state.config)]))
    }
    .await;
    let (outcome, cookies) = result.unwrap_or_else(|error| (form.failed(error), Vec::new()));
    respond(&state, form, outcome, cookies).await
}

/// Everything the platform keeps about a person, as they can download it.
#[derive(Serialize)]
struct PersonalData {
    exported_at: DateTime<Utc>,
    account: store::AccountExport,
    consents: Vec<store::ConsentExport>,
    applications: Vec<store::ApplicationExport>,
    help_requests_filed: Vec<crate::help::store::FiledExport>,
    help_requests_taken: Vec<crate::help::model::PublicRequest>,
    active_sessions: i64,
}

async fn download_data(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let result = async {
        let viewer = session::current_viewer_of(&state, &headers).await?.ok_or(AppError::Unauthorized)?;
        let data = PersonalData {
            exported_at: Utc::now(),
            account: store::account_export(&state.db, viewer.id).await?.ok_or(AppError::NotFound)?,
            consents: store::consents_export(&state.db, viewer.id).await?,
            applications: store::applications_export(&state.db, viewer.id).await?,
            help_requests_filed: crate::help::store::filed_export(&state.db, viewer.id).await?,
            help_requests_taken: crate::help::store::taken_by_user(&state.db, viewer.id).await?,
            active_sessions: state.db.fetch_count({
                let mut sql = Sql::new("SELECT COUNT(*) AS n FROM sessions WHERE user_id = ");
                sql.bind(viewer.id);
                sql
            }).await?,
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
        Err(error) => crate::campaigns::api::error_response(error),
    }
}
