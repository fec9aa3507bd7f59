//! A volunteer issues and revokes certificates of their book; anyone downloads a certificate's
//! PDF or follows its short address.

use super::model::NameShown;
use super::store::{self, Request};
use crate::auth::access::Volunteer;
use crate::forms::{FieldError, FormPosts, Outcome, Refusal, Submission, WHOLE_FORM};
use crate::hours::model::Period;
use crate::i18n::{Key, Locale};
use crate::wiring::state::AppState;
use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, LOCATION};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

const BOOK: &str = "/{lang}/me/book";

pub fn routes() -> FormPosts {
    FormPosts::new()
        .post_from("/{lang}/me/certificates", BOOK, issue)
        .post_from("/{lang}/me/certificates/{id}/revoke", BOOK, revoke)
        .get("/certificates/{id}/pdf", pdf)
        .get("/c/{id}", follow_short_address)
        .get("/certificates/{id}/credential", credential)
        .get("/credentials/status", status_list)
        .get("/.well-known/did.json", did_document)
}

/// The certificate as a signed Open Badges 3.0 credential (a JWT, see `credential.rs`).
async fn credential(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let answer = async {
        let certificate = store::get(&state.db, &id).await?.ok_or(crate::errors::AppError::NotFound)?;
        let key = super::credential::signing_key(&state.db).await?;
        Ok::<_, crate::errors::AppError>((certificate.id.clone(), super::credential::credential(&certificate, &state.config.public_url, &key)))
    }
    .await;
    match answer {
        Ok((id, jwt)) => (
            [
                (CONTENT_TYPE, "application/jwt".to_string()),
                (CONTENT_DISPOSITION, format!("attachment; filename=\"birgemiz-{id}.jwt\"")),
                (CACHE_CONTROL, "private, no-store".to_string()),
            ],
            jwt,
        )
            .into_response(),
        Err(error) => crate::server::open_data::error_response(error),
    }
}

/// The revocation list of every credential, signed; verifiers fetch it, so it is public.
async fn status_list(State(state): State<AppState>) -> Response {
    let answer = async {
        let key = super::credential::signing_key(&state.db).await?;
        Ok::<_, sqlx::Error>(super::credential::status_list(&state.config.public_url, &key, &store::revoked_indexes(&state.db).await?))
    }
    .await;
    match answer {
        // A revocation must reach verifiers soon: a minute in caches at most.
        Ok(jwt) => ([(CONTENT_TYPE, "application/jwt"), (CACHE_CONTROL, "public, max-age=60")], jwt).into_response(),
        Err(error) => crate::server::open_data::error_response(error.into()),
    }
}

/// The platform's `did:web` document: the public key its credentials are signed with.
async fn did_document(State(state): State<AppState>) -> Response {
    match super::credential::signing_key(&state.db).await {
        Ok(key) => (
            [(CONTENT_TYPE, "application/did+json"), (CACHE_CONTROL, "public, max-age=3600")],
            super::credential::did_document(&state.config.public_url, &key).to_string(),
        )
            .into_response(),
        Err(error) => crate::server::open_data::error_response(error.into()),
    }
}

/// The address printed on a certificate: short enough to type from paper.
pub fn short_address(public_url: &str, id: &str) -> String {
    format!("{}/c/{id}", public_url.trim_end_matches('/'))
}

async fn issue(State(state): State<AppState>, Volunteer(viewer): Volunteer, form: Submission) -> Result<Outcome, Refusal> {
    let Some(name_shown) = NameShown::from_code(form.text("name_shown")) else {
        return Ok(form.refuse(vec![("name_shown", FieldError::ChoiceInvalid)]));
    };
    let Some(locale) = Locale::from_code(form.text("certificate_language")) else {
        return Ok(form.refuse(vec![("certificate_language", FieldError::ChoiceInvalid)]));
    };
    let period = match Period::read(form.text("from"), form.text("to")) {
        Ok(period) => period,
        Err(invalid) => return Ok(form.refuse(vec![(if invalid.parameter == "from" { "from" } else { "to" }, FieldError::part(invalid.problem.key()))])),
    };
    let organization = match form.text("organization") {
        "" | "all" => None,
        slug if crate::organizations::model::is_slug(slug) => Some(slug),
        _ => return Ok(form.refuse(vec![("organization", FieldError::ChoiceInvalid)])),
    };
    let request = Request { user_id: viewer.id, full_name: &viewer.full_name, locale, name_shown, organization, period };
    match store::issue(&state.db, request).await? {
        Some(id) => Ok(Outcome::reload(form.path(&format!("/certificates/{id}?issued=1")))),
        None => Ok(form.refuse(vec![(WHOLE_FORM, FieldError::part(Key::FormCertificateEmpty))])),
    }
}

async fn revoke(State(state): State<AppState>, Path((_, id)): Path<(String, String)>, Volunteer(viewer): Volunteer, form: Submission) -> Result<Outcome, Refusal> {
    if !store::is_id(&id) || !store::revoke(&state.db, viewer.id, &id).await? {
        return Err(Refusal::NotFound);
    }
    Ok(Outcome::reload(format!("{}?revoked=1#certificates", form.page())))
}

/// The certificate as a PDF in the language it was issued in.
async fn pdf(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let certificate = match store::get(&state.db, &id).await {
        Ok(Some(certificate)) => certificate,
        Ok(None) => return (StatusCode::NOT_FOUND, Locale::default().t(Key::NotFoundText)).into_response(),
        Err(error) => return crate::server::open_data::error_response(error.into()),
    };
    let address = short_address(&state.config.public_url, &certificate.id);
    match super::pdf::render(&certificate, &address) {
        Ok(bytes) => (
            [
                (CONTENT_TYPE, "application/pdf".to_string()),
                (CONTENT_DISPOSITION, format!("inline; filename=\"birgemiz-{}.pdf\"", certificate.id)),
                (CACHE_CONTROL, "private, no-store".to_string()),
            ],
            bytes,
        )
            .into_response(),
        Err(error) => {
            tracing::error!("certificate {}: the PDF could not be made: {error}", certificate.id);
            crate::server::open_data::error_response(crate::errors::AppError::Internal)
        }
    }
}

/// `/c/{id}`: to the certificate's page in the language it was issued in.
async fn follow_short_address(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let id = id.to_uppercase();
    match store::get(&state.db, &id).await {
        Ok(Some(certificate)) => (StatusCode::SEE_OTHER, [(LOCATION, format!("/{}/certificates/{}", certificate.locale, certificate.id))]).into_response(),
        Ok(None) => (StatusCode::NOT_FOUND, Locale::default().t(Key::NotFoundText)).into_response(),
        Err(error) => crate::server::open_data::error_response(error.into()),
    }
}
