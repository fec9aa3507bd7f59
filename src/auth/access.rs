//! Who is posting, as handlers ask for it: extractors that either give the person the post
//! needs or refuse it the one way every form answers ([`Refusal`]).
//! - [`Viewer`]: anyone signed in (`Option<Viewer>` for posts open to visitors too);
//! - [`Volunteer`]: signed in and done signing up;
//! - [`Moderator`]: a moderator.
//! An organisation's members are `organizations::access::Member`.

use super::Viewer;
use crate::forms::{page_of, Refusal};
use crate::volunteers::model::SignupStep;
use crate::wiring::state::AppState;
use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::request::Parts;

impl FromRequestParts<AppState> for Viewer {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Viewer, Refusal> {
        match <Viewer as OptionalFromRequestParts<AppState>>::from_request_parts(parts, state).await? {
            Some(viewer) => Ok(viewer),
            None => Err(Refusal::SignIn { next: page_of(parts) }),
        }
    }
}

impl OptionalFromRequestParts<AppState> for Viewer {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Option<Viewer>, Refusal> {
        // Asked once per request, whichever extractors ask.
        if let Some(known) = parts.extensions.get::<Option<Viewer>>() {
            return Ok(known.clone());
        }
        let viewer = super::session::current_viewer_of(state, &parts.headers).await?;
        parts.extensions.insert(viewer.clone());
        Ok(viewer)
    }
}

/// A signed-in person who finished signing up; anyone else is sent to sign in, or to the
/// signup step where they stopped.
pub struct Volunteer(pub Viewer);

impl FromRequestParts<AppState> for Volunteer {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Volunteer, Refusal> {
        let viewer = <Viewer as FromRequestParts<AppState>>::from_request_parts(parts, state).await?;
        if viewer.signup_step != SignupStep::Done {
            return Err(Refusal::FirstGo(viewer.signup_step.path()));
        }
        Ok(Volunteer(viewer))
    }
}

/// A moderator; anyone else signed in is refused (403).
pub struct Moderator(pub Viewer);

impl FromRequestParts<AppState> for Moderator {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Moderator, Refusal> {
        let viewer = <Viewer as FromRequestParts<AppState>>::from_request_parts(parts, state).await?;
        if !viewer.is_moderator {
            return Err(Refusal::Forbidden);
        }
        Ok(Moderator(viewer))
    }
}
