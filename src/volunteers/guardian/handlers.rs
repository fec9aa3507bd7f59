//! The guardian's answers to the mailed link: confirm, or refuse / withdraw. No account is
//! needed: the link's token is the guardian's proof, and every answer is a POST (a mail scanner
//! that opens the link changes nothing).

use super::store;
use crate::errors::AppError;
use crate::server::forms::{respond, FormPosts, Outcome, Submission};
use crate::server::state::AppState;
use crate::ui::form::{FieldError, WHOLE_FORM};
use crate::volunteers::signup::CONSENT_VERSION;
use axum::extract::State;
use axum::response::Response;

pub fn routes() -> FormPosts {
    FormPosts::new().post("/{lang}/guardian/confirm", confirm).post("/{lang}/guardian/withdraw", withdraw)
}

/// The guardian's page again, with `done` naming what just happened.
fn page_of(form: &Submission, token: &str, done: &str) -> String {
    format!("{}?token={token}&done={done}", form.path("/guardian"))
}

async fn confirm(State(state): State<AppState>, mut form: Submission) -> Response {
    let token = form.text("token").to_string();
    form.page = Some(format!("{}?token={token}", form.path("/guardian")));
    let outcome = async {
        if !crate::auth::links::looks_valid(&token) || !store::confirm(&state.db, &token, CONSENT_VERSION, form.locale.code()).await? {
            return Ok(form.refuse(vec![(WHOLE_FORM, FieldError::LinkInvalid)]));
        }
        Ok::<_, AppError>(Outcome::reload(page_of(&form, &token, "confirmed")))
    }
    .await
    .unwrap_or_else(|error| form.failed(error));
    respond(&state, form, outcome, Vec::new()).await
}

async fn withdraw(State(state): State<AppState>, mut form: Submission) -> Response {
    let token = form.text("token").to_string();
    form.page = Some(format!("{}?token={token}", form.path("/guardian")));
    let outcome = async {
        if !crate::auth::links::looks_valid(&token) {
            return Ok(form.refuse(vec![(WHOLE_FORM, FieldError::LinkInvalid)]));
        }
        let Some(_withdrawn_from) = store::withdraw(&state.db, &token).await? else {
            return Ok(form.refuse(vec![(WHOLE_FORM, FieldError::LinkInvalid)]));
        };
        Ok::<_, AppError>(Outcome::reload(page_of(&form, &token, "withdrawn")))
    }
    .await
    .unwrap_or_else(|error| form.failed(error));
    respond(&state, form, outcome, Vec::new()).await
}
