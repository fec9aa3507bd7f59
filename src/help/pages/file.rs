use crate::campaigns::pages::LocalizedSpan;
use crate::help::form::{check_address, check_optional_email, check_optional_phone};
use crate::help::model::{HelpKind, Urgency, ADDRESS_MAX, DESCRIPTION_MAX, HELP_CONSENT_VERSION};
use crate::help::api::load_help_form;
use crate::help::model::HelpFormData;
use crate::i18n::Key;
use crate::reference::{Region, DIRECTIONS};
use crate::forms::{submitted_feedback, AgreeBox, FormFeedback, PostForm, SelectField, SubmitButton, TextArea, TextField};
use crate::ui::{href, t, use_locale, ErrorPanel};
use crate::volunteers::form::{check_locality, check_name, LOCALITY_MAX, NAME_MAX};
use crate::forms::checks::EMAIL_MAX;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// `/{lang}/help/new`: asking for help, with or without an account.
#[component]
pub fn FileRequestPage() -> impl IntoView {
    let feedback = submitted_feedback();
    let data = Resource::new(|| (), move |_| {
        let feedback = feedback.clone();
        async move { (load_help_form().await, feedback.unwrap_or_default()) }
    });
    view! {
        <Title text=t(Key::HelpFileTitle)/>
        <Meta name="description" content=t(Key::HelpFileLead)/>
        <Suspense fallback=|| view! { <p class="loading">{t(Key::Loading)}</p> }>
            {move || data.get().map(|(result, feedback)| match result {
                Ok(data) => view! { <FileRequestForm data feedback/> }.into_any(),
                Err(error) => view! { <ErrorPanel error/> }.into_any(),
            })}
        </Suspense>
    }
}

fn options<T: Copy>(all: &[T], code: fn(T) -> &'static str, key: fn(T) -> Key) -> Vec<(String, String)> {
    all.iter().map(|v| (code(*v).to_string(), t(key(*v)).to_string())).collect()
}

#[component]
fn FileRequestForm(data: HelpFormData, feedback: FormFeedback) -> impl IntoView {
    let locale = use_locale();
    let kinds = options(HelpKind::ALL, HelpKind::code, HelpKind::key);
    let urgencies = options(Urgency::ALL, Urgency::code, Urgency::key);
    let directions: Vec<(String, String)> = DIRECTIONS.iter().map(|d| (d.slug.to_string(), format!("{} — {}", d.name(locale), d.gloss(locale)))).collect();
    let regions: Vec<(String, String)> = Region::options(locale);
    let consent = locale.t_with(Key::HelpConsentVersion, &[("version", HELP_CONSENT_VERSION)]);
    let sent_for = feedback.value("filed_for").unwrap_or("self").to_string();
    let on_behalf = (data.is_operator || !data.organizations.is_empty()).then(|| {
        let sent_for = sent_for.clone();
        view! {
            <fieldset class="field choices" id="field-filed_for">
                <legend>{t(Key::HelpFiledFor)}</legend>
                <div class="choices__options">
                    <label class="choice"><input type="radio" name="filed_for" value="self" checked=sent_for == "self"/><span>{t(Key::HelpFiledForSelf)}</span></label>
                    {data.is_operator.then(|| view! {
                        <label class="choice"><input type="radio" name="filed_for" value="operator" checked=sent_for == "operator"/><span>{t(Key::HelpFiledForOperator)}</span></label>
                    })}
                    {data.organizations.iter().map(|o| {
                        let value = format!("organization:{}", o.slug);
                        let checked = sent_for == value;
                        view! {
                            <label class="choice"><input type="radio" name="filed_for" value=value checked=checked/>
                                <span>{t(Key::HelpFiledForOrganization)} " " <LocalizedSpan text=o.name.clone()/></span></label>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        }
    });
    view! {
        <section class="narrow help-form">
            <p class="back-link"><a href=href("/help")>"← " {t(Key::HelpTitle)}</a></p>
            <h1>{t(Key::HelpFileTitle)}</h1>
            <p class="lead">{t(Key::HelpFileLead)}</p>
            <p class="notice">{t(Key::HelpEmergencyNote)}</p>
            <PostForm action=href("/help/new") feedback>
                <input type="hidden" name="stamp" value=data.stamp/>
                // People never see this field; scripts that fill every field give themselves away.
                <div class="trap" aria-hidden="true">
                    <label for="field-leave_empty">{t(Key::HelpTrapLabel)}</label>
                    <input id="field-leave_empty" type="text" name="leave_empty" tabindex="-1" autocomplete="off"/>
                </div>
                {on_behalf}
                <fieldset class="form-group">
                    <legend>{t(Key::HelpAboutRequest)}</legend>
                    <SelectField name="kind" label=Key::HelpFieldKind options=kinds required=true/>
                    <SelectField name="direction" label=Key::FilterDirection options=directions required=true/>
                    <SelectField name="urgency" label=Key::HelpFieldUrgency options=urgencies required=true/>
                    <TextArea name="description" label=Key::HelpFieldDescription hint=Key::HelpFieldDescriptionHint maxlength=DESCRIPTION_MAX required=true/>
                </fieldset>
                <fieldset class="form-group">
                    <legend>{t(Key::HelpWhere)}</legend>
                    <SelectField name="region" label=Key::FilterRegion options=regions required=true/>
                    <TextField name="locality" label=Key::FieldLocality maxlength=LOCALITY_MAX required=true check=check_locality/>
                </fieldset>
                <fieldset class="form-group">
                    <legend>{t(Key::HelpContacts)}</legend>
                    <p class="field__hint">{t(Key::HelpContactsHint)}</p>
                    <TextField name="contact_name" label=Key::HelpFieldContactName maxlength=NAME_MAX required=true check=check_name autocomplete="name"/>
                    <TextField name="contact_phone" label=Key::HelpFieldPhone kind="tel" hint=Key::HelpFieldPhoneHint check=check_optional_phone autocomplete="tel"/>
                    <TextField name="contact_email" label=Key::HelpFieldEmail kind="email" hint=Key::HelpFieldEmailHint maxlength=EMAIL_MAX check=check_optional_email autocomplete="email"/>
                    <TextField name="address" label=Key::HelpFieldAddress maxlength=ADDRESS_MAX check=check_address autocomplete="street-address"/>
                </fieldset>
                <AgreeBox name="agree">{t(Key::HelpConsentText)} " " <small>{consent}</small></AgreeBox>
                <SubmitButton label=Key::HelpFileSubmit/>
            </PostForm>
        </section>
    }
}
