//! The server's half of a form: reading a post and answering it, with a redirect
//! or the page again (no JavaScript), or with JSON (posted by `fetch`).
//!
//! A handler reads the [`Submission`] and whoever may post ([`Refusal`] when they may not: the
//! extractors of `auth::access` and `organizations::access`), and returns
//! `Result<Outcome, Refusal>`. The [`answer`] layer in front of every form post turns either into
//! the response the poster's browser expects, so no handler builds one itself.

use crate::errors::AppError;
use crate::i18n::{Key, Locale};
use super::wire::{FormFeedback, FormReply, FETCH_HEADER, WHOLE_FORM};
use super::FieldError;
use crate::ui::safe_return_path;
use crate::wiring::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, RawPathParams, Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, LOCATION, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The largest form accepted (the body limit of the whole router is larger): an organisation's
/// descriptions in three languages, percent-encoded Cyrillic taking 6 bytes a letter, fit.
const MAX_FORM_BYTES: usize = 128 * 1024;

/// The page a form is on (`/kk/me` for a post to `/kk/me/password`): a refused form renders it
/// again, and a person asked to sign in first comes back to it.
#[derive(Clone, Debug)]
pub struct FormPage(pub String);

/// The fields of a posted form, read once by the [`answer`] layer.
#[derive(Clone, Debug, Default)]
struct Fields(Arc<Vec<(String, String)>>);

fn is_form(headers: &HeaderMap) -> bool {
    headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

/// The language of a path (`/kk/...`), Kazakh when it names none.
pub fn locale_of(parts: &Parts) -> Locale {
    parts.uri.path().split('/').nth(1).and_then(Locale::from_code).unwrap_or_default()
}

/// A posted `application/x-www-form-urlencoded` form.
pub struct Submission {
    pub parts: Parts,
    fields: Arc<Vec<(String, String)>>,
    pub locale: Locale,
}

impl<S: Send + Sync> FromRequest<S> for Submission {
    type Rejection = Response;

    async fn from_request(request: Request, _: &S) -> Result<Self, Response> {
        let (parts, body) = request.into_parts();
        let locale = locale_of(&parts);
        let fields = match parts.extensions.get::<Fields>() {
            Some(Fields(fields)) => fields.clone(),
            None => Arc::new(read_fields(&parts, body, locale).await?),
        };
        Ok(Submission { parts, fields, locale })
    }
}

async fn read_fields(parts: &Parts, body: Body, locale: Locale) -> Result<Vec<(String, String)>, Response> {
    if !is_form(&parts.headers) {
        return Err((StatusCode::UNSUPPORTED_MEDIA_TYPE, locale.t(Key::FormNotAForm)).into_response());
    }
    let Ok(bytes) = axum::body::to_bytes(body, MAX_FORM_BYTES).await else {
        return Err((StatusCode::PAYLOAD_TOO_LARGE, locale.t(Key::FormTooLarge)).into_response());
    };
    Ok(form_urlencoded::parse(&bytes).into_owned().collect())
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
        let too_often = errors.iter().any(|(_, e)| matches!(e, FieldError::TooManyAttempts { .. }));
        self.refuse_with_status(errors, if too_often { 429 } else { 422 })
    }

    /// Refused until a wait is over (429), for a part's own reason that says so.
    pub fn refuse_for_a_while(&self, errors: Vec<(&str, FieldError)>) -> Outcome {
        self.refuse_with_status(errors, 429)
    }

    fn refuse_with_status(&self, errors: Vec<(&str, FieldError)>, status: u16) -> Outcome {
        let errors = errors.into_iter().map(|(n, e)| (n.to_string(), e)).collect();
        let feedback = FormFeedback { values: sent_values(&self.fields), errors, status };
        Outcome::refused(feedback)
    }

    /// A path inside the form's language.
    pub fn path(&self, path: &str) -> String {
        in_language(self.locale, path)
    }

    /// The page the form is on (see [`FormPage`]).
    pub fn page(&self) -> String {
        page_of(&self.parts)
    }

    /// A page opened from a mailed link (its address carries the token) again, with `done`
    /// naming what was just answered.
    pub fn answered(&self, what: &str) -> Outcome {
        Outcome::reload(format!("{}&done={what}", self.page()))
    }
}

/// What was sent, to put back into the fields of a refused form (never a password).
fn sent_values(fields: &[(String, String)]) -> Vec<(String, String)> {
    fields.iter().filter(|(n, _)| !n.contains("password")).cloned().collect()
}

fn in_language(locale: Locale, path: &str) -> String {
    if path == "/" {
        format!("/{}", locale.code())
    } else {
        format!("/{}{path}", locale.code())
    }
}

/// The page a request's form is on (see [`FormPage`]), else the address asked for.
pub fn page_of(parts: &Parts) -> String {
    match parts.extensions.get::<FormPage>() {
        Some(FormPage(page)) => page.clone(),
        None => parts.uri.path_and_query().map_or_else(|| parts.uri.path().to_string(), |p| p.as_str().to_string()),
    }
}

/// The page a form is on: the one it names in its `back` field (a path inside the site, for a
/// form shown on several pages), else its declared page with `{names}` filled from the post's
/// address, then from its fields (`/{lang}/guardian?token={token}`).
fn fill_page(template: &str, params: &RawPathParams, fields: Option<&Fields>) -> String {
    let fields = fields.map(|Fields(fields)| fields.as_slice()).unwrap_or_default();
    if let Some(back) = fields.iter().find(|(n, _)| n == "back").and_then(|(_, v)| safe_return_path(v)) {
        return back;
    }
    let page = params.iter().fold(template.to_string(), |page, (name, value)| page.replace(&format!("{{{name}}}"), value));
    fields.iter().fold(page, |page, (name, value)| page.replace(&format!("{{{name}}}"), &crate::ui::urlencode(value)))
}

/// What a form post did: where to go next, or the form again with its errors.
#[derive(Clone, Debug)]
pub struct Outcome {
    kind: Kind,
    /// Cookies sent with the answer, whatever its kind (a new session).
    cookies: Vec<HeaderValue>,
}

#[derive(Clone, Debug)]
enum Kind {
    /// Done: go to this page; `reload` loads it in full (the header changes).
    Redirect { to: String, reload: bool },
    Refused(FormFeedback),
}

impl Outcome {
    pub fn go(to: String) -> Outcome {
        Outcome { kind: Kind::Redirect { to, reload: false }, cookies: Vec::new() }
    }

    pub fn reload(to: String) -> Outcome {
        Outcome { kind: Kind::Redirect { to, reload: true }, cookies: Vec::new() }
    }

    /// The form again with this feedback (built by [`Submission::refuse`], or by hand for a
    /// file upload, which has no `Submission`).
    pub fn refused(feedback: FormFeedback) -> Outcome {
        Outcome { kind: Kind::Refused(feedback), cookies: Vec::new() }
    }

    /// Sends a `Set-Cookie` with the answer.
    pub fn with_cookie(mut self, (name, value): (HeaderName, HeaderValue)) -> Outcome {
        debug_assert_eq!(name, SET_COOKIE);
        self.cookies.push(value);
        self
    }
}

/// Why a post is not done at all: the poster must sign in or finish signing up first, may not
/// post it, it names nothing that exists, or the server could not do the work.
#[derive(Clone, Debug)]
pub enum Refusal {
    /// Not signed in: to the sign-in page, and back to `next` afterwards.
    SignIn { next: String },
    /// Signed in, but first somewhere else (the signup step where the person stopped): a path
    /// inside the language.
    FirstGo(String),
    Forbidden,
    NotFound,
    /// The work failed (the database is unreachable, say): the form again, with what was sent
    /// and the error's status; nothing was saved.
    Failed(AppError),
}

impl From<AppError> for Refusal {
    fn from(error: AppError) -> Refusal {
        Refusal::Failed(error)
    }
}

impl From<sqlx::Error> for Refusal {
    fn from(error: sqlx::Error) -> Refusal {
        Refusal::Failed(error.into())
    }
}

/// A post's answer travels from the handler to the [`answer`] layer as an extension of a
/// placeholder response.
#[derive(Clone)]
struct Answered(Result<Outcome, Refusal>);

impl IntoResponse for Outcome {
    fn into_response(self) -> Response {
        let mut response = StatusCode::OK.into_response();
        response.extensions_mut().insert(Answered(Ok(self)));
        response
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let mut response = StatusCode::OK.into_response();
        response.extensions_mut().insert(Answered(Err(self)));
        response
    }
}

/// In front of every form post: reads the form once, and turns the handler's [`Outcome`] or
/// [`Refusal`] into the answer the poster expects: a redirect or the page again without
/// JavaScript, JSON with it; the localized 403 and 404; never kept by a cache.
pub async fn answer(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let (mut parts, body) = request.into_parts();
    let locale = locale_of(&parts);
    let by_fetch = parts.headers.contains_key(FETCH_HEADER);
    // A file upload (multipart) is read by its handler; only its values are not sent back.
    let mut fields = Fields::default();
    let body = if is_form(&parts.headers) {
        fields = match read_fields(&parts, body, locale).await {
            Ok(read) => Fields(Arc::new(read)),
            Err(refused) => return refused,
        };
        parts.extensions.insert(fields.clone());
        Body::from(Bytes::new())
    } else {
        body
    };
    let posted = parts.clone();
    let mut response = next.run(Request::from_parts(parts, body)).await;
    let Some(Answered(answered)) = response.extensions_mut().remove::<Answered>() else { return response };
    let page = response.extensions().get::<FormPage>().map(|FormPage(page)| page.clone());
    let outcome = match answered {
        Ok(outcome) => outcome,
        Err(Refusal::SignIn { next }) => Outcome::go(format!("{}?next={}", in_language(locale, "/login"), crate::ui::urlencode(&next))),
        Err(Refusal::FirstGo(path)) => Outcome::go(in_language(locale, &path)),
        Err(Refusal::Forbidden) => return plain(StatusCode::FORBIDDEN, locale.t(Key::ForbiddenText)),
        Err(Refusal::NotFound) => return plain(StatusCode::NOT_FOUND, locale.t(Key::NotFoundText)),
        Err(Refusal::Failed(error)) => {
            let errors = vec![(WHOLE_FORM.to_string(), FieldError::Unavailable)];
            Outcome::refused(FormFeedback { values: sent_values(&fields.0), errors, status: error.status() })
        }
    };
    let mut answer = match (outcome.kind, by_fetch) {
        (Kind::Redirect { to, reload }, true) => axum::Json(FormReply { redirect: Some(to), reload, feedback: None }).into_response(),
        (Kind::Redirect { to, .. }, false) => {
            let mut redirect = StatusCode::SEE_OTHER.into_response();
            if let Ok(value) = HeaderValue::from_str(&to) {
                redirect.headers_mut().insert(LOCATION, value);
            }
            redirect
        }
        (Kind::Refused(feedback), true) => {
            let status = StatusCode::from_u16(feedback.status).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
            (status, axum::Json(FormReply { redirect: None, reload: false, feedback: Some(feedback) })).into_response()
        }
        (Kind::Refused(feedback), false) => {
            let mut parts = posted;
            if let Some(page) = page.and_then(|p| p.parse().ok()) {
                parts.uri = page;
            }
            // Boxed: a rendered page makes this future too large for a thread's stack.
            Box::pin(crate::wiring::router::render_page_again(state, parts, feedback)).await
        }
    };
    let headers = answer.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    for cookie in outcome.cookies {
        headers.append(SET_COOKIE, cookie);
    }
    answer
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    let mut response = (status, text).into_response();
    response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The form posts of one part of the platform, declared once beside their handlers: the router
/// registers them (`wiring::router`) and the trust suite posts to every one of them, so a new
/// form cannot slip past either.
pub struct FormPosts {
    router: axum::Router<AppState>,
    paths: Vec<String>,
}

impl Default for FormPosts {
    fn default() -> Self {
        FormPosts::new()
    }
}

impl FormPosts {
    pub fn new() -> Self {
        FormPosts { router: axum::Router::new(), paths: Vec::new() }
    }

    /// A form post to `path` (an axum path: `/{lang}/campaigns/{id}/apply`) from the page at
    /// the same address.
    pub fn post<H, T>(self, path: &str, handler: H) -> Self
    where
        H: axum::handler::Handler<T, AppState>,
        T: 'static,
    {
        self.post_from(path, path, handler)
    }

    /// A form post to `path` from the page at `page`, whose `{names}` are the post's own
    /// (`/{lang}/me/password` from `/{lang}/me`).
    pub fn post_from<H, T>(mut self, path: &str, page: &str, handler: H) -> Self
    where
        H: axum::handler::Handler<T, AppState>,
        T: 'static,
    {
        let page = page.to_string();
        let on_its_page = axum::middleware::from_fn(move |params: RawPathParams, mut request: Request, next: Next| {
            let page = fill_page(&page, &params, request.extensions().get::<Fields>());
            async move {
                request.extensions_mut().insert(FormPage(page.clone()));
                let mut response = next.run(request).await;
                response.extensions_mut().insert(FormPage(page));
                response
            }
        });
        self.router = self.router.route(path, axum::routing::post(handler).layer(on_its_page));
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

    /// The posts' routes, each answered by the [`answer`] layer.
    pub fn into_router(self, state: &AppState) -> axum::Router<AppState> {
        self.router.layer(axum::middleware::from_fn_with_state(state.clone(), answer))
    }
}
