//! Forms that work with and without JavaScript.
//!
//! Every form is a real `<form method="post">`. Without JavaScript the browser posts it; the
//! server answers with a redirect (303) on success, or renders the same page again with the
//! values that were sent and an error beside each field. With JavaScript the same post is sent
//! by `fetch`: the server answers JSON, errors appear in place and a success changes the page
//! without a reload. Fields are also checked as they are filled in, by the same validators the
//! server runs.

use super::{t, use_locale};
use crate::i18n::{Key, Locale};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Why a field's value was refused. Shared, so the browser can show it in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldError {
    Required,
    TooLong { max: usize },
    /// Markup or control characters where a name or a place is expected.
    ForbiddenCharacters,
    /// Invisible or direction-changing characters (zero-width spaces, bidirectional controls).
    InvisibleCharacters,
    EmailInvalid,
    PhoneInvalid,
    PasswordTooShort { min: usize },
    PasswordCommon,
    DateInvalid,
    AgeOutOfRange { min: u32, max: u32 },
    ChoiceInvalid,
    ChooseAtLeastOne,
    ConsentRequired,
    /// A guardian is asked by mail: their contact must be an email address.
    GuardianEmailInvalid,
    /// The minor gave their own address as their guardian's.
    GuardianContactIsYours,
    CredentialsWrong,
    CurrentPasswordWrong,
    LinkInvalid,
    /// A signup link opened after the address got its account by another one.
    AccountExists,
    TooManyAttempts { minutes: i64 },
    /// An account's failed sign-ins are at their limit: a sign-in link was mailed if the password
    /// was right (the same words either way).
    SignInLinkOffered { minutes: i64 },
    /// A business identification number (BIN) that cannot exist.
    BinInvalid,
    /// Another organisation registered this BIN.
    BinTaken,
    EmailNotVerified,
    UrlInvalid,
    TooMany { max: usize },
    /// A text written in none of the three languages.
    OneLanguageRequired,
    NumberInvalid,
    NumberOutOfRange { min: i64, max: i64 },
    /// A map point outside the country.
    OutsideKazakhstan,
    /// A latitude without a longitude or the other way round.
    PointIncomplete,
    EndBeforeStart,
    /// Campaigns are published once the organisation is verified.
    OrganizationNotVerified,
    /// No free place to approve someone from the waiting list.
    CampaignFull,
    ApplicationWithdrawn,
    /// Attendance is recorded once the campaign has started.
    CampaignNotStarted,
    LogoTooLarge { megabytes: u32 },
    /// Not a PNG, JPEG or WebP picture, whatever its name says.
    LogoNotAnImage,
    LogoTooManyPixels { max: u32 },
    /// An invitation sent to another address than the signed-in person's.
    InvitationForAnother,
    /// Fewer places than volunteers already hold.
    CapacityBelowTaken { taken: i64 },
    TooShort { min: usize },
    /// A help request with no way to reach the person.
    ContactRequired,
    /// The confirmation code is not the person's.
    CodeWrong,
    /// Too many wrong codes: the person confirms on their own page.
    CodeLocked,
    /// Sent sooner than a person could fill the form in, or with the hidden field filled.
    FormTooFast,
    /// The form's stamp is missing, altered or over a day old: the form must be opened again.
    FormOutOfDate,
    /// This copy of the form was sent before (a replayed post); a new one must be opened.
    FormAlreadySent,
    /// The request moved on meanwhile (someone else took this step first).
    StepNotPossible,
    /// Taking requests needs a finished signup, a confirmed address and adulthood, or a
    /// verified organisation.
    HelperNotEligible,
    /// Something went wrong on the server; nothing was saved.
    Unavailable,
}

impl FieldError {
    pub fn message(&self, locale: Locale) -> String {
        match self {
            FieldError::Required => locale.t(Key::FormRequired).into(),
            FieldError::TooLong { max } => locale.t_with(Key::FormTooLong, &[("max", &max.to_string())]),
            FieldError::ForbiddenCharacters => locale.t(Key::FormForbiddenCharacters).into(),
            FieldError::InvisibleCharacters => locale.t(Key::FormInvisibleCharacters).into(),
            FieldError::EmailInvalid => locale.t(Key::FormEmailInvalid).into(),
            FieldError::PhoneInvalid => locale.t(Key::FormPhoneInvalid).into(),
            FieldError::PasswordTooShort { min } => locale.t_with(Key::FormPasswordTooShort, &[("min", &min.to_string())]),
            FieldError::PasswordCommon => locale.t(Key::FormPasswordCommon).into(),
            FieldError::DateInvalid => locale.t(Key::FormDateInvalid).into(),
            FieldError::AgeOutOfRange { min, max } => {
                locale.t_with(Key::FormAgeOutOfRange, &[("min", &min.to_string()), ("max", &max.to_string())])
            }
            FieldError::ChoiceInvalid => locale.t(Key::FormChoiceInvalid).into(),
            FieldError::ChooseAtLeastOne => locale.t(Key::FormChooseAtLeastOne).into(),
            FieldError::ConsentRequired => locale.t(Key::FormConsentRequired).into(),
            FieldError::GuardianEmailInvalid => locale.t(Key::FormGuardianEmailInvalid).into(),
            FieldError::GuardianContactIsYours => locale.t(Key::FormGuardianContactIsYours).into(),
            FieldError::CredentialsWrong => locale.t(Key::FormCredentialsWrong).into(),
            FieldError::CurrentPasswordWrong => locale.t(Key::FormCurrentPasswordWrong).into(),
            FieldError::LinkInvalid => locale.t(Key::FormLinkInvalid).into(),
            FieldError::AccountExists => locale.t(Key::FormAccountExists).into(),
            // A day limit's wait reads in hours: "1,380 min" says little.
            FieldError::TooManyAttempts { minutes } if *minutes > 90 => {
                locale.t_with(Key::FormTooManyAttemptsHours, &[("hours", &((minutes + 59) / 60).to_string())])
            }
            FieldError::TooManyAttempts { minutes } => locale.t_with(Key::FormTooManyAttempts, &[("minutes", &minutes.to_string())]),
            FieldError::SignInLinkOffered { minutes } => locale.t_with(Key::FormSignInLinkOffered, &[("minutes", &minutes.to_string())]),
            FieldError::BinInvalid => locale.t(Key::FormBinInvalid).into(),
            FieldError::BinTaken => locale.t(Key::FormBinTaken).into(),
            FieldError::EmailNotVerified => locale.t(Key::FormEmailNotVerified).into(),
            FieldError::UrlInvalid => locale.t(Key::FormUrlInvalid).into(),
            FieldError::TooMany { max } => locale.t_with(Key::FormTooMany, &[("max", &max.to_string())]),
            FieldError::OneLanguageRequired => locale.t(Key::FormOneLanguageRequired).into(),
            FieldError::NumberInvalid => locale.t(Key::FormNumberInvalid).into(),
            FieldError::NumberOutOfRange { min, max } => {
                locale.t_with(Key::FormNumberOutOfRange, &[("min", &min.to_string()), ("max", &max.to_string())])
            }
            FieldError::OutsideKazakhstan => locale.t(Key::FormOutsideKazakhstan).into(),
            FieldError::PointIncomplete => locale.t(Key::FormPointIncomplete).into(),
            FieldError::EndBeforeStart => locale.t(Key::FormEndBeforeStart).into(),
            FieldError::OrganizationNotVerified => locale.t(Key::FormOrganizationNotVerified).into(),
            FieldError::CampaignFull => locale.t(Key::FormCampaignFull).into(),
            FieldError::InvitationForAnother => locale.t(Key::FormInvitationForAnother).into(),
            FieldError::LogoTooLarge { megabytes } => locale.t_with(Key::FormLogoTooLarge, &[("max", &megabytes.to_string())]),
            FieldError::LogoNotAnImage => locale.t(Key::FormLogoNotAnImage).into(),
            FieldError::LogoTooManyPixels { max } => locale.t_with(Key::FormLogoTooManyPixels, &[("max", &max.to_string())]),
            FieldError::ApplicationWithdrawn => locale.t(Key::FormApplicationWithdrawn).into(),
            FieldError::CampaignNotStarted => locale.t(Key::FormCampaignNotStarted).into(),
            FieldError::CapacityBelowTaken { taken } => locale.t_with(Key::FormCapacityBelowTaken, &[("taken", &taken.to_string())]),
            FieldError::TooShort { min } => locale.t_with(Key::FormTooShort, &[("min", &min.to_string())]),
            FieldError::ContactRequired => locale.t(Key::FormContactRequired).into(),
            FieldError::CodeWrong => locale.t(Key::FormCodeWrong).into(),
            FieldError::CodeLocked => locale.t(Key::FormCodeLocked).into(),
            FieldError::FormAlreadySent => locale.t(Key::FormAlreadySent).into(),
            FieldError::FormTooFast => locale.t(Key::FormTooFast).into(),
            FieldError::FormOutOfDate => locale.t(Key::FormOutOfDate).into(),
            FieldError::StepNotPossible => locale.t(Key::FormStepNotPossible).into(),
            FieldError::HelperNotEligible => locale.t(Key::FormHelperNotEligible).into(),
            FieldError::Unavailable => locale.t(Key::UnavailableText).into(),
        }
    }
}

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

/// A field's checker, run in the browser as the field is left (the server runs it again).
pub type Check = fn(&str) -> Result<(), FieldError>;

#[derive(Clone, Copy)]
struct FormState {
    feedback: RwSignal<FormFeedback>,
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
fn register_field(name: &'static str, id: &str, label: Key) {
    if let Some(state) = form_state() {
        state.fields.update_value(|fields| fields.push(FieldEntry { name, id: id.to_string(), label }));
    }
}

fn form_state() -> Option<FormState> {
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
                            let _ = window().location().set_href(&to);
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
        <form method="post" action=action class=class aria-label=label novalidate data-needs-script={super::bundle::ON_USE} on:submit=on_submit aria-busy=move || busy.get().then_some("true")>
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
fn initial_value(name: &str, stored: String) -> String {
    form_state().and_then(|s| s.feedback.with_untracked(|fb| fb.value(name).map(str::to_string))).unwrap_or(stored)
}

fn error_of(name: &'static str) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
    let locale = use_locale();
    let state = form_state();
    move || state.and_then(|s| s.feedback.with(|fb| fb.error(name).map(|e| e.message(locale))))
}

/// Runs a field's check in the browser when the field is left.
fn live_check(name: &'static str, check: Option<Check>) -> impl Fn(leptos::ev::FocusEvent) + 'static {
    let state = form_state();
    move |ev: leptos::ev::FocusEvent| {
        let (Some(state), Some(check)) = (state, check) else { return };
        let value = event_target_value(&ev);
        state.feedback.update(|fb| fb.set_error(name, check(&value).err()));
    }
}

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
            <input id=id type=kind name=name value=value autocomplete=autocomplete maxlength=maxlength
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

/// The form's submit button.
#[component]
pub fn SubmitButton(label: Key, #[prop(optional)] secondary: bool) -> impl IntoView {
    view! { <button type="submit" class="button button--primary" class:button--secondary=secondary>{t(label)}</button> }
}

#[cfg(feature = "hydrate")]
mod client {
    use super::{FormReply, FETCH_HEADER};
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    /// Posts the form's fields, url-encoded, and reads the server's JSON answer.
    pub async fn post(form: &web_sys::HtmlFormElement, action: &str, pressed: Option<(String, String)>) -> Option<FormReply> {
        let data = web_sys::FormData::new_with_form(form).ok()?;
        if let Some((name, value)) = pressed {
            data.append_with_str(&name, &value).ok()?;
        }
        let body = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
        let headers = web_sys::Headers::new().ok()?;
        headers.set(FETCH_HEADER, "fetch").ok()?;
        headers.set("accept", "application/json").ok()?;
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        init.set_body(&body);
        init.set_headers(&headers);
        let response = JsFuture::from(leptos::prelude::window().fetch_with_str_and_init(action, &init)).await.ok()?;
        let response: web_sys::Response = response.dyn_into().ok()?;
        let text = JsFuture::from(response.text().ok()?).await.ok()?.as_string()?;
        serde_json::from_str(&text).ok()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_wait_reads_in_hours_rounded_up() {
        let wait = |minutes, locale| FieldError::TooManyAttempts { minutes }.message(locale);
        assert_eq!(wait(14, Locale::En), "Too many attempts. Try again in 14 min.");
        assert_eq!(wait(90, Locale::En), "Too many attempts. Try again in 90 min.");
        assert_eq!(wait(91, Locale::En), "Too many attempts. Try again in 2 h.");
        assert_eq!(wait(1_380, Locale::Ru), "Слишком много попыток. Попробуйте снова через 23 ч.");
        assert_eq!(wait(1_381, Locale::Kk), "Әрекет тым көп болды. 24 сағаттан кейін қайталап көріңіз.");
    }
}
