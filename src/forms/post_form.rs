//! The form itself: a `<form method="post">` the browser posts by itself, or, once the app
//! runs, through `fetch`; the summary of its errors; the state its fields share.

use super::wire::FormFeedback;
#[cfg(feature = "hydrate")]
use super::wire::FormReply;
use super::FieldError;
use crate::i18n::Key;
use crate::ui::{t, use_locale};
use leptos::prelude::*;

/// A field's checker, run in the browser as the field is left (the server runs it again).
pub type Check = fn(&str) -> Result<(), FieldError>;

#[derive(Clone, Copy)]
pub(super) struct FormState {
    pub(super) feedback: RwSignal<FormFeedback>,
    /// The form's fields: the summary names each refused one and links to it.
    fields: StoredValue<Vec<FieldEntry>>,
}

#[derive(Clone)]
struct FieldEntry {
    name: &'static str,
    id: String,
    label: Key,
}

/// Makes the field `name` known to the current form's error summary.
pub(super) fn register_field(name: &'static str, id: &str, label: Key) {
    if let Some(state) = form_state() {
        state.fields.update_value(|fields| fields.push(FieldEntry { name, id: id.to_string(), label }));
    }
}

pub(super) fn form_state() -> Option<FormState> {
    use_context::<FormState>()
}

/// A `<form method="post">` that the browser can post by itself or through `fetch`.
#[component]
pub fn PostForm(
    #[prop(into)] action: String,
    /// From a refused submission, when the server renders the page again.
    #[prop(optional)]
    feedback: Option<FormFeedback>,
    #[prop(optional, into)] class: Option<String>,
    #[prop(optional, into)] label: Option<String>,
    children: Children,
) -> impl IntoView {
    let feedback = RwSignal::new(feedback.unwrap_or_default());
    provide_context(FormState { feedback, fields: StoredValue::new(Vec::new()) });
    let busy = RwSignal::new(false);
    let summary_ref = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    let on_submit = {
        let action = action.clone();
        let navigate = leptos_router::hooks::use_navigate();
        move |ev: leptos::ev::SubmitEvent| {
            use wasm_bindgen::JsCast;
            let Some(form) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok()) else { return };
            ev.prevent_default();
            // The button that was pressed can carry a value (`action=publish`), as a browser's own post would.
            let pressed = ev.submitter().and_then(|button| Some((button.get_attribute("name")?, button.get_attribute("value").unwrap_or_default())));
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            let (action, navigate) = (action.clone(), navigate.clone());
            leptos::task::spawn_local(async move {
                let reply = client::post(&form, &action, pressed).await;
                busy.set(false);
                match reply {
                    Some(FormReply { redirect: Some(to), reload, .. }) => {
                        if reload {
                            client::load_in_full(&to);
                        } else {
                            navigate(&to, Default::default());
                        }
                    }
                    Some(FormReply { feedback: Some(fb), .. }) => {
                        feedback.set(fb);
                        if let Some(summary) = summary_ref.get_untracked() {
                            let _ = summary.focus();
                        }
                    }
                    // The fetch itself failed: let the browser post the form the ordinary way.
                    _ => {
                        let _ = form.submit();
                    }
                }
            });
        }
    };
    #[cfg(not(feature = "hydrate"))]
    let on_submit = |_: leptos::ev::SubmitEvent| {};
    // The fields first, so that the summary knows their labels and ids.
    let inner = children();
    view! {
        <form method="post" action=action class=class aria-label=label novalidate data-needs-script={crate::ui::bundle::ON_USE} on:submit=on_submit aria-busy=move || busy.get().then_some("true")>
            <div node_ref=summary_ref tabindex="-1" class="form-summary-holder">
                <ErrorSummary/>
            </div>
            {inner}
        </form>
    }
}

/// The errors of the last submission at the top of the form, each a link to its field.
#[component]
fn ErrorSummary() -> impl IntoView {
    let locale = use_locale();
    let Some(state) = form_state() else { return ().into_any() };
    view! {
        {move || {
            // Read each reactive value on its own: nesting one arena access inside another can
            // deadlock the server's shared arena lock when another thread writes between them.
            let fields = state.fields.get_value();
            let errors = state.feedback.with(|fb| (fb.status != 0).then(|| fb.errors.clone()).unwrap_or_default());
            (!errors.is_empty()).then(|| {
                let items = errors.into_iter().map(|(name, error)| {
                    let text = error.message(locale);
                    if name.is_empty() {
                        return view! { <li>{text}</li> }.into_any();
                    }
                    // "Guardian's email: fill in this field", so that two alike messages differ.
                    let field = fields.iter().find(|f| f.name == name);
                    let id = field.map(|f| f.id.clone()).unwrap_or_else(|| format!("field-{name}"));
                    let text = match field {
                        Some(field) => locale.t_with(Key::FormSummaryItem, &[("field", locale.t(field.label)), ("message", &text)]),
                        None => text,
                    };
                    view! { <li><a href=format!("#{id}")>{text}</a></li> }.into_any()
                }).collect_view();
                view! {
                    <div class="form-summary" role="alert">
                        <h2>{locale.t(Key::FormSummaryTitle)}</h2>
                        <ul>{items}</ul>
                    </div>
                }
            })
        }}
    }
    .into_any()
}

/// The value to show in a field: what was just sent, else what is stored.
pub(super) fn initial_value(name: &str, stored: String) -> String {
    form_state().and_then(|s| s.feedback.with_untracked(|fb| fb.value(name).map(str::to_string))).unwrap_or(stored)
}

pub(super) fn error_of(name: &'static str) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
    let locale = use_locale();
    let state = form_state();
    move || state.and_then(|s| s.feedback.with(|fb| fb.error(name).map(|e| e.message(locale))))
}

/// Runs a field's check in the browser when the field is left.
pub(super) fn live_check(name: &'static str, check: Option<Check>) -> impl Fn(leptos::ev::FocusEvent) + 'static {
    let state = form_state();
    move |ev: leptos::ev::FocusEvent| {
        let (Some(state), Some(check)) = (state, check) else { return };
        let value = event_target_value(&ev);
        state.feedback.update(|fb| fb.set_error(name, check(&value).err()));
    }
}

/// The form's submit button.
#[component]
pub fn SubmitButton(label: Key, #[prop(optional)] secondary: bool) -> impl IntoView {
    view! { <button type="submit" class="button button--primary" class:button--secondary=secondary>{t(label)}</button> }
}

#[cfg(feature = "hydrate")]
mod client {
    use super::super::wire::{FormReply, FETCH_HEADER};

    /// Loads `to` in full. A browser takes an address that differs from the current one only
    /// in its fragment for a jump within the page (recording a second session in a row answers
    /// with the same address), so then it reloads explicitly.
    pub fn load_in_full(to: &str) {
        let location = leptos::prelude::window().location();
        let here = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
        let _ = location.set_href(to);
        if to.split('#').next() == Some(here.as_str()) {
            let _ = location.reload();
        }
    }

    /// Posts the form's fields, url-encoded, and reads the server's JSON answer.
    pub async fn post(form: &web_sys::HtmlFormElement, action: &str, pressed: Option<(String, String)>) -> Option<FormReply> {
        let data = web_sys::FormData::new_with_form(form).ok()?;
        if let Some((name, value)) = pressed {
            data.append_with_str(&name, &value).ok()?;
        }
        let body = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
        let response = gloo_net::http::Request::post(action)
            .header(FETCH_HEADER, "fetch")
            .header("accept", "application/json")
            .body(body)
            .ok()?
            .send()
            .await
            .ok()?;
        response.json().await.ok()
    }
}
