//! The server's half of `ui::form`: reading a posted form and answering it, with a redirect
//! or the page again (no JavaScript), or with JSON (posted by `fetch`).

use super::state::AppState;
use crate::errors::AppError;
use crate::i18n::Locale;
use crate::ui::form::{FieldError, FormFeedback, FormReply, FETCH_HEADER, WHOLE_FORM};
use axum::body::Body;
use axum::extract::{FromRequest, Request};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, LOCATION};
use axum::http::request::Parts;
use axum::http::{HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};

/// The largest form accepted (the body limit of the whole router is larger): an organisation's
/// descriptions in three languages, percent-encoded Cyrillic taking 6 bytes a letter, fit.
const MAX_FORM_BYTES: usize = 128 * 1024;

/// A posted `application/x-www-form-urlencoded` form.
pub struct Submission {
    pub parts: Parts,
    fields: Vec<(String, String)>,
    pub by_fetch: bool,
    pub locale: Locale,
    /// The page the form is on, when it posts to an address of its own (`/kk/me/password` is
    /// on `/kk/me`): a refused form renders that page again.
    pub page: Option<String>,
}

impl<S: Send + Sync> FromRequest<S> for Submission {
    type Rejection = Response;

    async fn from_request(request: Request, _: &S) -> Result<Self, Response> {
        let (parts, body) = request.into_parts();
        let locale = parts.uri.path().split('/').nth(1).and_then(Locale::from_code).unwrap_or_default();
        let is_form = parts
            .headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        if !is_form {
            return Err((StatusCode::UNSUPPORTED_MEDIA_TYPE, locale.t(crate::i18n::Key::FormNotAForm)).into_response());
        }
        let Ok(bytes) = axum::body::to_bytes(body, MAX_FORM_BYTES).await else {
            return Err((StatusCode::PAYLOAD_TOO_LARGE, locale.t(crate::i18n::Key::FormTooLarge)).into_response());
        };
        let fields = form_urlencoded::parse(&bytes).into_owned().collect();
        let by_fetch = parts.headers.contains_key(FETCH_HEADER);
        Ok(Submission { parts, fields, by_fetch, locale, page: None })
    }
}

impl Submission {
    /// The first value of a field, or "" when it was not sent.
    pub fn text(&self, name: &str) -> &str {
        self.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str()).unwrap_or("")
    }

    /// Every value of a field sent several times (checkboxes).
    pub fn all(&self, name: &str) -> Vec<String> {
        self.fields.iter().filter(|(n, _)| n == name).map(|(_, v)| v.clone()).collect()
    }

    pub fn is_checked(&self, name: &str) -> bool {
        self.text(name) == "yes"
    }

    /// The answer that the form was refused for these reasons; what was sent comes back into
    /// the fields, except passwords.
    pub fn refuse(&self, errors: Vec<(&str, FieldError)>) -> Outcome {
        let values = self.fields.iter().filter(|(n, _)| !n.contains("password")).cloned().collect();
        let status = if errors.iter().any(|(_, e)| matches!(e, FieldError::TooManyAttempts { .. } | FieldError::SignInLinkOffered { .. })) { 429 } else { 422 };
        let errors = errors.into_iter().map(|(n, e)| (n.to_string(), e)).collect();
        Outcome::Refused(FormFeedback { values, errors, status })
    }

    /// A refusal because the server could not do the work (nothing was saved).
    pub fn failed(&self, error: AppError) -> Outcome {
        match self.refuse(vec![(WHOLE_FORM, FieldError::Unavailable)]) {
            Outcome::Refused(mut feedback) => {
                feedback.status = error.status();
                Outcome::Refused(feedback)
            }
            other => other,
        }
    }

    /// A path inside the form's language.
    pub fn path(&self, path: &str) -> String {
        if path == "/" {
            format!("/{}", self.locale.code())
        } else {
            format!("/{}{path}", self.locale.code())
        }
    }
}

pub enum Outcome {
    /// Done: go to this page; `reload` loads it in full (the header changes).
    Redirect { to: String, reload: bool },
    Refused(FormFeedback),
}

impl Outcome {
    pub fn go(to: String) -> Outcome {
        Outcome::Redirect { to, reload: false }
    }

    pub fn reload(to: String) -> Outcome {
        Outcome::Redirect { to, reload: true }
    }
}

pub use crate::ui::safe_return_path;

/// Answers a submission whose handler may also refuse outright (403, 404: `Err(response)`).
pub async fn respond_or_refuse(state: &AppState, submission: Submission, result: Result<Result<Outcome, Response>, AppError>) -> Response {
    let outcome = match result {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(refusal)) => return refusal,
        Err(error) => submission.failed(error),
    };
    respond(state, submission, outcome, Vec::new()).await
}

/// Answers a submission; `headers` (cookies) go with every kind of answer.
pub async fn respond(state: &AppState, submission: Submission, outcome: Outcome, headers: Vec<(HeaderName, HeaderValue)>) -> Response {
    let mut response = match (outcome, submission.by_fetch) {
        (Outcome::Redirect { to, reload }, true) => {
            axum::Json(FormReply { redirect: Some(to), reload, feedback: None }).into_response()
        }
        (Outcome::Redirect { to, .. }, false) => {
            let mut response = StatusCode::SEE_OTHER.into_response();
            if let Ok(value) = HeaderValue::from_str(&to) {
                response.headers_mut().insert(LOCATION, value);
            }
            response
        }
        (Outcome::Refused(feedback), true) => {
            let status = StatusCode::from_u16(feedback.status).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
            (status, axum::Json(FormReply { redirect: None, reload: false, feedback: Some(feedback) })).into_response()
        }
        (Outcome::Refused(feedback), false) => {
            let mut parts = submission.parts;
            if let Some(page) = submission.page.as_deref().and_then(|p| p.parse().ok()) {
                parts.uri = page;
            }
            render_page_again(state.clone(), parts, feedback).await
        }
    };
    let response_headers = response.headers_mut();
    response_headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    for (name, value) in headers {
        response_headers.append(name, value);
    }
    response
}

/// Renders the page at the form's address (`parts.uri`) with the refused values and errors in context.
pub async fn render_page_again(state: AppState, mut parts: Parts, feedback: FormFeedback) -> Response {
    let status = StatusCode::from_u16(feedback.status).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
    parts.method = Method::GET;
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            super::router::provide_page_context(&state);
            leptos::prelude::provide_context(feedback.clone());
        },
        move || crate::app::shell(options.clone()),
    );
    let mut response = handler(Request::from_parts(parts, Body::empty())).await;
    *response.status_mut() = status;
    response
}

/// The form posts of one part of the platform, declared once beside their handlers: the router
/// registers them ([`super::router`]) and the trust suite posts to every one of them, so a new
/// form cannot slip past either.
pub struct FormPosts {
    router: axum::Router<AppState>,
    paths: Vec<String>,
}

impl FormPosts {
    pub fn new() -> Self {
        FormPosts { router: axum::Router::new(), paths: Vec::new() }
    }

    /// A form post to `path` (an axum path: `/{lang}/campaigns/{id}/apply`).
    pub fn post<H, T>(mut self, path: &str, handler: H) -> Self
    where
        H: axum::handler::Handler<T, AppState>,
        T: 'static,
    {
        self.router = self.router.route(path, axum::routing::post(handler));
        self.paths.push(path.to_string());
        self
    }

    /// A download beside the forms (a CSV, the person's data): read-only, not a post.
    pub fn get<H, T>(mut self, path: &str, handler: H) -> Self
    where
        H: axum::handler::Handler<T, AppState>,
        T: 'static,
    {
        self.router = self.router.route(path, axum::routing::get(handler));
        self
    }

    /// A body limit of its own for these posts (a logo upload is larger than any form).
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.router = self.router.layer(axum::extract::DefaultBodyLimit::max(bytes));
        self
    }

    pub fn paths(&self) -> &[String] {
        &self.paths
    }

    pub fn into_router(self) -> axum::Router<AppState> {
        self.router
    }
}
