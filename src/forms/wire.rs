//! What a post and its answer carry between browser and server: the feedback of a refused
//! form, the JSON answer to a post sent by `fetch`, and the header that marks such a post.

use super::FieldError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The name under which an error about the whole form (not one field) is kept.
pub const WHOLE_FORM: &str = "";

/// What the server says about a refused submission: the values sent (never passwords) and
/// the errors, by field name.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FormFeedback {
    pub values: Vec<(String, String)>,
    pub errors: Vec<(String, FieldError)>,
    /// 422 for invalid input, 429 for too many attempts.
    pub status: u16,
}

impl FormFeedback {
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    pub fn values_of(&self, name: &str) -> Vec<String> {
        self.values.iter().filter(|(n, _)| n == name).map(|(_, v)| v.clone()).collect()
    }

    pub fn error(&self, name: &str) -> Option<&FieldError> {
        self.errors.iter().find(|(n, _)| n == name).map(|(_, e)| e)
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn set_error(&mut self, name: &str, error: Option<FieldError>) {
        self.errors.retain(|(n, _)| n != name);
        if let Some(error) = error {
            self.errors.push((name.to_string(), error));
        }
    }
}

/// The JSON answer to a form posted by `fetch`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FormReply {
    pub redirect: Option<String>,
    /// Load the next page in full (the header changes when someone signs in or out).
    #[serde(default)]
    pub reload: bool,
    pub feedback: Option<FormFeedback>,
}

/// The header by which the server knows a form was posted by `fetch`.
pub const FETCH_HEADER: &str = "x-birgemiz-form";

/// The feedback of a refused submission that the server is rendering the page for. Read it
/// synchronously inside a resource's fetcher: it exists only in that server render.
pub fn submitted_feedback() -> Option<FormFeedback> {
    #[cfg(feature = "ssr")]
    {
        use_context::<FormFeedback>()
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// The feedback of a refused submission as a resource, so that the page the server rendered
/// with it hydrates with the same values and errors.
pub fn feedback_resource() -> Resource<Option<FormFeedback>> {
    let feedback = submitted_feedback();
    Resource::new(|| (), move |_| {
        let feedback = feedback.clone();
        async move { feedback }
    })
}

