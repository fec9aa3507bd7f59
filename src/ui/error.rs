use super::{href, set_status, t, use_locale};
use crate::errors::AppError;
use crate::i18n::Key;
use leptos::prelude::*;
use leptos_meta::Title;

/// A localized error in place of a page's content; also sets the page's HTTP status.
#[component]
pub fn ErrorPanel(
    error: AppError,
    #[prop(optional)] title: Option<Key>,
    #[prop(optional)] message: Option<Key>,
    /// Inside a page that has its own heading: an `<h2>` and no change of the document title.
    #[prop(optional)]
    inline: bool,
) -> impl IntoView {
    let locale = use_locale();
    set_status(error.status());
    let title = title.map(|k| locale.t(k)).unwrap_or_else(|| error.title(locale));
    let message = message.map(|k| locale.t(k).to_string()).unwrap_or_else(|| error.message(locale));
    if inline {
        return view! {
            <section class="error-panel" role="alert">
                <h2>{title}</h2>
                <p>{message}</p>
            </section>
        }
        .into_any();
    }
    view! {
        <Title text=title/>
        <section class="error-panel" role="alert">
            <h1>{title}</h1>
            <p>{message}</p>
            <p><a href=href("/")>{t(Key::GoHome)}</a></p>
        </section>
    }
    .into_any()
}

/// The page for an address that matches nothing, in the language of its first segment.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! { <ErrorPanel error=AppError::NotFound/> }
}
