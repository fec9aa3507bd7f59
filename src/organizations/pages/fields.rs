//! The fields of the registration form and the profile editor, shared by both.

use crate::i18n::{Key, Locale};
use crate::organizations::model::OrganizationKind;
use crate::organizations::form::{
    check_bin, check_org_address, check_org_name, check_url, language_fields,
    OrganizationDraft, ORG_ADDRESS_MAX, ORG_DESCRIPTION_MAX, ORG_NAME_MAX, URL_MAX,
};
use crate::reference::{Region, DIRECTIONS};
use crate::forms::{Check, CheckboxGroup, SelectField, TextArea, TextField};
use crate::ui::{t, use_locale};
use crate::forms::checks::{check_email, check_phone, display_phone, EMAIL_MAX};
use leptos::prelude::*;

fn language_label(locale: Locale) -> Key {
    match locale {
        Locale::Kk => Key::OrgInKazakh,
        Locale::Ru => Key::OrgInRussian,
        Locale::En => Key::OrgInEnglish,
    }
}

/// One text in the three languages side by side, each marked when it is not filled in.
#[component]
pub fn LanguageTexts(
    /// The three inputs' names, in `Locale` order.
    fields: [(&'static str, Locale); 3],
    legend: Key,
    text: crate::i18n::LocalizedText,
    maxlength: usize,
    #[prop(optional)] long: bool,
    #[prop(optional)] check: Option<Check>,
    #[prop(optional)] hint: Option<Key>,
) -> impl IntoView {
    view! {
        <fieldset class="languages">
            <legend>{t(legend)}</legend>
            {hint.map(|hint| view! { <p class="field__hint">{t(hint)}</p> })}
            <div class="languages__columns">
                {fields.into_iter().map(|(name, locale)| {
                    let value = text.get(locale).unwrap_or_default().to_string();
                    let missing = value.is_empty();
                    let label = language_label(locale);
                    view! {
                        <div class="languages__column" lang=locale.code()>
                            {match (long, check) {
                                (true, _) => view! { <TextArea name label value maxlength/> }.into_any(),
                                (false, Some(check)) => view! { <TextField name label value maxlength check/> }.into_any(),
                                (false, None) => view! { <TextField name label value maxlength/> }.into_any(),
                            }}
                            {missing.then(|| view! { <p class="missing">{t(Key::OrgTextMissing)}</p> })}
                        </div>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// Every field of an organisation's profile, filled with `draft`.
#[component]
pub fn OrganizationFields(draft: OrganizationDraft) -> impl IntoView {
    let locale = use_locale();
    let kinds = OrganizationKind::ALL.iter().map(|k| (k.code().to_string(), t(k.key()).to_string())).collect();
    let regions = Region::options(locale);
    let directions = DIRECTIONS.iter().map(|d| (d.slug.to_string(), d.name(locale).to_string())).collect();
    let phone = if draft.phone.is_empty() { String::new() } else { display_phone(&draft.phone) };
    view! {
        <LanguageTexts fields=language_fields("name") legend=Key::OrgFieldName text=draft.name.clone() maxlength=ORG_NAME_MAX
            check=check_org_name hint=Key::OrgFieldNameHint/>
        <LanguageTexts fields=language_fields("description") legend=Key::OrgFieldDescription text=draft.description.clone()
            maxlength=ORG_DESCRIPTION_MAX long=true/>
        <SelectField name="kind" label=Key::OrgFieldKind options=kinds value=draft.kind.clone() required=true/>
        <TextField name="bin" label=Key::OrgFieldBin value=draft.bin.clone() hint=Key::OrgFieldBinHint maxlength=12 check=check_bin/>
        <CheckboxGroup name="regions" legend=Key::OrgFieldRegions options=regions checked=draft.regions.clone()/>
        <CheckboxGroup name="directions" legend=Key::OrgFieldDirections options=directions checked=draft.directions.clone()/>
        <fieldset class="group">
            <legend>{t(Key::OrgContacts)}</legend>
            <TextField name="phone" label=Key::OrgFieldPhone kind="tel" value=phone autocomplete="tel" required=true maxlength=20 check=check_phone/>
            <TextField name="email" label=Key::OrgFieldEmail kind="email" value=draft.email.clone() required=true maxlength=EMAIL_MAX check=check_email/>
            <LanguageTexts fields=language_fields("address") legend=Key::OrgFieldAddress text=draft.address.clone()
                maxlength=ORG_ADDRESS_MAX check=check_org_address/>
            <TextField name="website" label=Key::OrgFieldWebsite kind="url" value=draft.website.clone() maxlength=URL_MAX check=check_url/>
            <TextArea name="social_links" label=Key::OrgFieldSocial value=draft.social_links.join("\n") hint=Key::OrgFieldSocialHint maxlength=1100/>
        </fieldset>
    }
}
