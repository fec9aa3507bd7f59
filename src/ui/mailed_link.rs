//! The frame of a page opened from a mailed one-time link (`?token=…`) by someone who may have
//! no account: a guardian's consent, a person helped confirming a volunteer's session. The token
//! is kept out of referrers and caches; an unknown link says so in the page's own words.

use crate::errors::AppError;
use crate::forms::{submitted_feedback, FormFeedback};
use crate::i18n::Key;
use crate::ui::{t, ErrorPanel, SecretInAddress};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{de::DeserializeOwned, Serialize};
use std::future::Future;

/// Loads what the link is about with `load(token)` and shows it with `answer(found, token,
/// feedback, done)`, where `done` is the page's `?done=` after an answer was taken.
#[component]
pub fn MailedLinkPage<T, Fut, F, V>(title: Key, invalid_title: Key, invalid_text: Key, load: fn(String) -> Fut, answer: F) -> impl IntoView
where
    T: Clone + Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = Result<T, AppError>> + Send + 'static,
    F: Fn(T, String, FormFeedback, Option<String>) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let query = use_query_map();
    let token = Memo::new(move |_| query.with(|q| q.get("token").unwrap_or_default()));
    let done = Memo::new(move |_| query.with(|q| q.get("done")));
    let feedback = submitted_feedback();
    let data = Resource::new(move || token.get(), move |token| {
        let feedback = feedback.clone();
        async move { (load(token.clone()).await, token, feedback.unwrap_or_default()) }
    });
    view! {
        <Title text=t(title)/>
        <SecretInAddress/>
        <section class="narrow">
            <h1>{t(title)}</h1>
            <Suspense fallback=|| view! { <p class="loading">{t(Key::Loading)}</p> }>
                {move || data.get().map(|(result, token, feedback)| match result {
                    Ok(found) => answer(found, token, feedback, done.get()).into_any(),
                    Err(AppError::NotFound) => view! {
                        <ErrorPanel error=AppError::NotFound title=invalid_title message=invalid_text inline=true/>
                    }.into_any(),
                    Err(error) => view! { <ErrorPanel error inline=true/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
