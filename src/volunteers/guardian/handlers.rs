//! The guardian's answers to the mailed link: confirm, or refuse / withdraw. No account is
//! needed: the link's token is the guardian's proof, and every answer is a POST (a mail scanner
//! that opens the link changes nothing).

use super::store;
use crate::forms::{FormPosts, Outcome, Refusal, Submission};
use crate::forms::{FieldError, WHOLE_FORM};
use crate::volunteers::signup::model::CONSENT_VERSION;
use crate::wiring::state::AppState;
use axum::extract::State;

/// The guardian's page, by the token of the mailed link.
const GUARDIAN: &str = "/{lang}/guardian?token={token}";

pub fn routes() -> FormPosts {
    FormPosts::new().post_from("/{lang}/guardian/confirm", GUARDIAN, confirm).post_from("/{lang}/guardian/withdraw", GUARDIAN, withdraw)
}

async fn confirm(State(state): State<AppState>, form: Submission) -> Result<Outcome, Refusal> {
    let token = form.text("token");
    if !crate::auth::links::looks_valid(token) || !store::confirm(&state.db, token, CONSENT_VERSION, form.locale.code()).await? {
        return Ok(form.refuse(vec![(WHOLE_FORM, FieldError::LinkInvalid)]));
    }
    Ok(form.answered("confirmed"))
}

async fn withdraw(State(state): State<AppState>, form: Submission) -> Result<Outcome, Refusal> {
    let token = form.text("token");
    if !crate::auth::links::looks_valid(token) || store::withdraw(&state.db, token).await?.is_none() {
        return Ok(form.refuse(vec![(WHOLE_FORM, FieldError::LinkInvalid)]));
    }
    Ok(form.answered("withdrawn"))
}
