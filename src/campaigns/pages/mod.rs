//! The campaign pages: the list with its filters, and one campaign.

mod card;
mod detail;
mod filters;
mod list;


pub use card::CampaignCard;
pub use detail::CampaignDetailPage;
pub use filters::CampaignFilters;
pub use list::{with_filters, CampaignListPage, Results, View, ViewSwitch};

use super::model::CampaignSummary;
use crate::i18n::{Key, Locale, LocalizedText, PluralKey, Shown};
use crate::ui::use_locale;
use leptos::prelude::*;

/// "Shown in another language: Русский" when `shown` is a fallback for `locale`.
fn fallback_note(locale: Locale, shown: &Shown) -> Option<String> {
    shown
        .is_fallback_for(locale)
        .then(|| locale.t_with(Key::ShownInOtherLanguage, &[("language", shown.locale.native_name())]))
}

/// "12 places left", "No places left" or "No limit on places".
pub fn places_text(locale: Locale, campaign: &CampaignSummary) -> String {
    match campaign.spots_left() {
        None => locale.t(Key::SpotsUnlimited).to_string(),
        Some(0) => locale.t(Key::CampaignFull).to_string(),
        Some(n) => locale.plural(PluralKey::SpotsLeft, n as u64),
    }
}

/// A user-written text in the reader's language, or in another one with a visible marker and
/// the right `lang` attribute, so that screen readers pronounce it correctly.
#[component]
pub fn LocalizedSpan(
    text: LocalizedText,
    /// Without its own marker: a card says it once for all its texts ([`CardLanguageNote`]).
    #[prop(optional)]
    quiet: bool,
) -> impl IntoView {
    let locale = use_locale();
    let Some(shown) = text.pick(locale) else {
        return ().into_any();
    };
    let note = fallback_note(locale, &shown).filter(|_| !quiet);
    let shown_locale = shown.locale.code();
    let text = shown.text.to_string();
    view! {
        <span lang=shown_locale>{text}</span>
        {note.map(|note| view! { " " <small class="lang-note">{note}</small> })}
    }
    .into_any()
}

/// One quiet line under a card whose texts are shown in another language than the page's:
/// "Shown in another language: Қазақша" (the languages of all of them, each once).
#[component]
pub fn CardLanguageNote(texts: Vec<LocalizedText>) -> impl IntoView {
    let locale = use_locale();
    let mut languages: Vec<Locale> = Vec::new();
    for shown in texts.iter().filter_map(|text| text.pick(locale)) {
        if shown.is_fallback_for(locale) && !languages.contains(&shown.locale) {
            languages.push(shown.locale);
        }
    }
    (!languages.is_empty()).then(|| {
        let names = languages.iter().map(|l| l.native_name()).collect::<Vec<_>>().join(", ");
        view! { <p class="card-language-note">{locale.t_with(Key::ShownInOtherLanguage, &[("language", &names)])}</p> }
    })
}
