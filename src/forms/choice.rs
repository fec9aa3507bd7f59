//! The fields a person chooses in: a select, a group of checkboxes, one box to agree.

use super::post_form::{error_of, form_state, initial_value, register_field};
use crate::i18n::Key;
use crate::ui::t;
use leptos::prelude::*;

/// A `<select>` of `(value, label)` options.
#[component]
pub fn SelectField(
    name: &'static str,
    label: Key,
    options: Vec<(String, String)>,
    #[prop(optional, into)] value: String,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let id = format!("field-{name}");
    register_field(name, &id, label);
    let error = error_of(name);
    let selected = initial_value(name, value);
    view! {
        <div class="field" class:field--invalid=move || error().is_some()>
            <label for=id.clone()>{t(label)} {required.then(|| view! { <span class="field__required" aria-hidden="true">" *"</span> })}</label>
            {move || error().map(|e| view! { <p class="field__error" id=format!("error-{name}")>{e}</p> })}
            <select id=id name=name required=required aria-invalid=move || error().is_some().then_some("true")
                aria-describedby=move || error().is_some().then(|| format!("error-{name}"))>
                <option value="">{t(Key::FormChoose)}</option>
                {options.into_iter().map(|(value, text)| {
                    let is_selected = value == selected;
                    view! { <option value=value selected=is_selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// A group of checkboxes sharing one name, in a `<fieldset>` with a legend.
#[component]
pub fn CheckboxGroup(
    name: &'static str,
    legend: Key,
    options: Vec<(String, String)>,
    #[prop(optional)] checked: Vec<String>,
    #[prop(optional)] hint: Option<Key>,
) -> impl IntoView {
    register_field(name, &format!("field-{name}"), legend);
    let error = error_of(name);
    let sent = form_state().and_then(|s| {
        s.feedback.with_untracked(|fb| (!fb.values.is_empty()).then(|| fb.values_of(name)))
    });
    let checked = sent.unwrap_or(checked);
    view! {
        <fieldset class="field choices" id=format!("field-{name}") class:field--invalid=move || error().is_some()
            aria-describedby=move || error().is_some().then(|| format!("error-{name}"))>
            <legend>{t(legend)}</legend>
            {hint.map(|hint| view! { <p class="field__hint">{t(hint)}</p> })}
            {move || error().map(|e| view! { <p class="field__error" id=format!("error-{name}")>{e}</p> })}
            <div class="choices__options">
                {options.into_iter().map(|(value, text)| {
                    let is_checked = checked.contains(&value);
                    view! {
                        <label class="choice">
                            <input type="checkbox" name=name value=value checked=is_checked
                                aria-invalid=move || error().is_some().then_some("true")/>
                            <span>{text}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// One checkbox whose label is a statement to agree with.
#[component]
pub fn AgreeBox(name: &'static str, #[prop(optional)] checked: bool, children: Children) -> impl IntoView {
    let error = error_of(name);
    // After a refused submission it stays as it was sent.
    let sent = form_state().and_then(|s| s.feedback.with_untracked(|fb| (!fb.values.is_empty()).then(|| fb.value(name) == Some("yes"))));
    let checked = sent.unwrap_or(checked);
    view! {
        <div class="field agree" id=format!("field-{name}") class:field--invalid=move || error().is_some()>
            {move || error().map(|e| view! { <p class="field__error" id=format!("error-{name}")>{e}</p> })}
            <label class="choice">
                <input type="checkbox" name=name value="yes" checked=checked
                    aria-invalid=move || error().is_some().then_some("true")
                    aria-describedby=move || error().is_some().then(|| format!("error-{name}"))/>
                <span>{children()}</span>
            </label>
        </div>
    }
}

