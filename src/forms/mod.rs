//! Forms that work with and without JavaScript.
//!
//! Every form is a real `<form method="post">`. Without JavaScript the browser posts it; the
//! server answers with a redirect (303) on success, or renders the same page again with the
//! values that were sent and an error beside each field. With JavaScript the same post is sent
//! by `fetch`: the server answers JSON, errors appear in place and a success changes the page
//! without a reload. Fields are also checked as they are filled in, by the same validators the
//! server runs.
//!
//! `field_error` and `wire` are what both sides share; `checks` the checks every form runs;
//! `post_form`, `text` and `choice` the components; `posts` (server only) reading a post and
//! answering it. Each part of the platform keeps its own form (what it holds, its own checks)
//! in its `form.rs` or `model.rs`.

pub mod checks;
mod choice;
mod field_error;
mod post_form;
#[cfg(feature = "ssr")]
pub mod posts;
mod text;
mod wire;

pub use choice::{AgreeBox, CheckboxGroup, SelectField};
pub use field_error::FieldError;
pub use post_form::{Check, PostForm, SubmitButton};
#[cfg(feature = "ssr")]
pub use posts::{page_of, FormPosts, Outcome, Refusal, Submission};
pub use text::{TextArea, TextField};
pub use wire::{feedback_resource, submitted_feedback, FormFeedback, FormReply, FETCH_HEADER, WHOLE_FORM};
