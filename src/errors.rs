//! The errors a page or server function can end in, shared by server and browser so that the
//! browser can show each one in the reader's language. None of them carries internals: the
//! server logs the cause and sends only the kind.

use crate::i18n::{Key, Locale};
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// Only for a signed-in person.
    #[error("sign-in required")]
    Unauthorized,
    /// Signed in, but not allowed.
    #[error("forbidden")]
    Forbidden,
    #[error("invalid parameter {}", .0.parameter)]
    InvalidParameter(InvalidParameter),
    /// The database cannot be reached; the page answers 503 and recovers when it is back.
    #[error("service unavailable")]
    Unavailable,
    #[error("internal error")]
    Internal,
    /// The call itself failed on its way (network, encoding).
    #[error("request failed")]
    Request,
    /// A server function was called with arguments it cannot read (malformed or missing).
    #[error("bad request")]
    BadRequest,
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(error: ServerFnErrorErr) -> Self {
        match error {
            // The caller's fault, answered 400 rather than the server_fn default of 500.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) | ServerFnErrorErr::Deserialization(_) => {
                crate::ui::set_status(400);
                AppError::BadRequest
            }
            _ => AppError::Request,
        }
    }
}

impl AppError {
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthorized => 401,
            AppError::Forbidden => 403,
            AppError::InvalidParameter(_) | AppError::BadRequest => 400,
            AppError::Unavailable => 503,
            AppError::Internal | AppError::Request => 500,
        }
    }

    pub fn title(&self, locale: Locale) -> &'static str {
        locale.t(match self {
            AppError::NotFound => Key::NotFoundTitle,
            AppError::Unauthorized => Key::SignInRequiredTitle,
            AppError::Forbidden => Key::ForbiddenTitle,
            AppError::InvalidParameter(_) => Key::FiltersInvalidTitle,
            AppError::BadRequest => Key::BadRequestTitle,
            AppError::Unavailable => Key::UnavailableTitle,
            AppError::Internal | AppError::Request => Key::InternalErrorTitle,
        })
    }

    pub fn message(&self, locale: Locale) -> String {
        match self {
            AppError::NotFound => locale.t(Key::NotFoundText).to_string(),
            AppError::Unauthorized => locale.t(Key::SignInRequiredText).to_string(),
            AppError::Forbidden => locale.t(Key::ForbiddenText).to_string(),
            AppError::InvalidParameter(invalid) => match invalid.problem.max() {
                Some(max) => locale.t_with(invalid.problem.key(), &[("max", &max)]),
                None => locale.t(invalid.problem.key()).to_string(),
            },
            AppError::Unavailable => locale.t(Key::UnavailableText).to_string(),
            AppError::BadRequest => locale.t(Key::BadRequestText).to_string(),
            AppError::Internal | AppError::Request => locale.t(Key::InternalErrorText).to_string(),
        }
    }
}

/// A server function's result, its error answered with the error's HTTP status (a refused call
/// gets 403, not 500).
pub fn with_status<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(error) = &result {
        crate::ui::set_status(error.status());
    }
    result
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    /// Connection trouble becomes "unavailable"; anything else is logged and hidden.
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) | sqlx::Error::Tls(_) => {
                tracing::warn!(%error, "database unreachable");
                AppError::Unavailable
            }
            sqlx::Error::RowNotFound => AppError::NotFound,
            _ => {
                tracing::error!(%error, "database error");
                AppError::Internal
            }
        }
    }
}

/// The most items a list's page may be asked for, and the longest search, in any list.
pub const MAX_PAGE_SIZE: u32 = 100;
pub const MAX_SEARCH_CHARS: usize = 200;

/// What is wrong with a query parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    UnknownRegion,
    UnknownDirection,
    MalformedDate,
    DatesOutOfOrder,
    UnknownMode,
    SearchTooLong,
    MalformedCursor,
    LimitOutOfRange,
    MalformedBox,
}

/// A rejected query parameter: its name and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvalidParameter {
    pub parameter: String,
    pub problem: Problem,
}

impl Problem {
    /// The localized message shown to a person.
    pub fn key(self) -> Key {
        match self {
            Problem::UnknownRegion => Key::InvalidRegion,
            Problem::UnknownDirection => Key::InvalidDirection,
            Problem::MalformedDate => Key::InvalidDate,
            Problem::DatesOutOfOrder => Key::InvalidDateOrder,
            Problem::UnknownMode => Key::InvalidMode,
            Problem::SearchTooLong => Key::InvalidSearch,
            Problem::MalformedCursor => Key::InvalidCursor,
            Problem::LimitOutOfRange => Key::InvalidLimit,
            Problem::MalformedBox => Key::InvalidBox,
        }
    }

    /// The English message of the open-data API, for developers.
    pub fn api_message(self) -> String {
        match self {
            Problem::UnknownRegion => "unknown region code; see /api/v1/regions".into(),
            Problem::UnknownDirection => "unknown direction; see /api/v1/directions".into(),
            Problem::MalformedDate => "expected a date as YYYY-MM-DD".into(),
            Problem::DatesOutOfOrder => "'to' is before 'from'".into(),
            Problem::UnknownMode => "expected 'online' or 'onsite'".into(),
            Problem::SearchTooLong => format!("search text longer than {MAX_SEARCH_CHARS} characters"),
            Problem::MalformedCursor => "malformed page cursor; use the value from a previous answer".into(),
            Problem::LimitOutOfRange => format!("expected a whole number from 1 to {MAX_PAGE_SIZE}"),
            Problem::MalformedBox => "expected minLon,minLat,maxLon,maxLat in degrees".into(),
        }
    }

    /// The largest allowed value a message names, if any.
    pub fn max(self) -> Option<String> {
        match self {
            Problem::SearchTooLong => Some(MAX_SEARCH_CHARS.to_string()),
            Problem::LimitOutOfRange => Some(MAX_PAGE_SIZE.to_string()),
            _ => None,
        }
    }
}

pub fn invalid(parameter: &str, problem: Problem) -> InvalidParameter {
    InvalidParameter { parameter: parameter.to_string(), problem }
}
