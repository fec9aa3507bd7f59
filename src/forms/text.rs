//! The fields a person types into: a line of text (of any input kind) and a text area.

use super::post_form::{error_of, initial_value, live_check, register_field, Check};
use crate::i18n::Key;
use crate::ui::t;
use leptos::prelude::*;

/// A labelled text input with its hint and error, tied together for screen readers.
#[component]
pub fn TextField(
    name: &'static str,
    label: Key,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional, into)] value: String,
    #[prop(optional)] hint: Option<Key>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(optional)] check: Option<Check>,
    #[prop(optional)] readonly: bool,
    /// The phone keyboard to offer (`numeric` for a code).
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// For a page with several forms that have a field of this name.
    #[prop(optional, into)]
    id: Option<String>,
) -> impl IntoView {
    let (error_id, hint_id) = match &id {
        Some(id) => (format!("{id}-error"), format!("{id}-hint")),
        None => (format!("error-{name}"), format!("hint-{name}")),
    };
    let id = id.unwrap_or_else(|| format!("field-{name}"));
    register_field(name, &id, label);
    let error = error_of(name);
    // Passwords are never sent back into the page.
    let value = if kind == "password" { String::new() } else { initial_value(name, value) };
    let (hint_for_view, error_for_view) = (hint_id.clone(), error_id.clone());
    let described = move || {
        let mut ids = Vec::new();
        if hint.is_some() {
            ids.push(hint_id.clone());
        }
        if error().is_some() {
            ids.push(error_id.clone());
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    view! {
        <div class="field" class:field--invalid=move || error().is_some()>
            <label for=id.clone()>{t(label)} {required.then(|| view! { <span class="field__required" aria-hidden="true">" *"</span> })}</label>
            {hint.map(|hint| view! { <p class="field__hint" id=hint_for_view.clone()>{t(hint)}</p> })}
            {move || error().map(|e| view! { <p class="field__error" id=error_for_view.clone()>{e}</p> })}
            <input id=id type=kind name=name value=value autocomplete=autocomplete maxlength=maxlength inputmode=inputmode
                readonly=readonly required=required aria-required=required.then_some("true")
                aria-invalid=move || error().is_some().then_some("true") aria-describedby=described
                on:blur=live_check(name, check)/>
        </div>
    }
}

/// A labelled `<textarea>`.
#[component]
pub fn TextArea(
    name: &'static str,
    label: Key,
    #[prop(optional, into)] value: String,
    #[prop(optional)] hint: Option<Key>,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(optional)] required: bool,
    /// For a page with several forms that have a field of this name.
    #[prop(optional, into)]
    id: Option<String>,
) -> impl IntoView {
    let error_id = id.as_ref().map(|id| format!("{id}-error")).unwrap_or_else(|| format!("error-{name}"));
    let id = id.unwrap_or_else(|| format!("field-{name}"));
    register_field(name, &id, label);
    let error = error_of(name);
    // Leptos writes a <textarea>'s children into the page unescaped (it is a raw-text element
    // to the renderer), so `</textarea><form …>` in a stored description would become markup.
    // The text goes in as escaped inner HTML instead: the browser reads it back as plain text,
    // and hydration leaves it (and whatever was typed meanwhile) alone.
    let escaped = html_escape::encode_text(&initial_value(name, value)).into_owned();
    view! {
        <div class="field" class:field--invalid=move || error().is_some()>
            <label for=id.clone()>{t(label)} {required.then(|| view! { <span class="field__required" aria-hidden="true">" *"</span> })}</label>
            {hint.map(|hint| view! { <p class="field__hint" id=format!("hint-{name}")>{t(hint)}</p> })}
            {let error_id = error_id.clone(); move || error().map(|e| view! { <p class="field__error" id=error_id.clone()>{e}</p> })}
            <textarea id=id name=name maxlength=maxlength rows="3" required=required inner_html=escaped
                aria-invalid=move || error().is_some().then_some("true")
                aria-describedby=move || error().is_some().then(|| error_id.clone())></textarea>
        </div>
    }
}

