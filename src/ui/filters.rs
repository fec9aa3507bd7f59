//! The region and direction choices that the GET filter forms share (help requests,
//! transparency, the organisation directory). Plain `<select>`s: they work without JavaScript.

use super::{t, use_locale};
use crate::i18n::Key;
use crate::reference::{Region, DIRECTIONS};
use leptos::prelude::*;

/// A labelled `<select name="region">`; the empty choice is `any` (all regions).
#[component]
pub fn RegionFilter(id: &'static str, selected: Option<String>, #[prop(default = Key::FilterAny)] any: Key) -> impl IntoView {
    let locale = use_locale();
    let selected = selected.unwrap_or_default();
    view! {
        <div class="field">
            <label for=id>{t(Key::FilterRegion)}</label>
            <select id=id name="region">
                <option value="">{t(any)}</option>
                {Region::in_order_of(locale).into_iter().map(|r| view! { <option value=r.code selected=r.code == selected>{r.name(locale)}</option> }).collect_view()}
            </select>
        </div>
    }
}

/// A labelled `<select name="direction">`, each direction with its gloss.
#[component]
pub fn DirectionFilter(id: &'static str, selected: Option<String>) -> impl IntoView {
    let locale = use_locale();
    let selected = selected.unwrap_or_default();
    view! {
        <div class="field">
            <label for=id>{t(Key::FilterDirection)}</label>
            <select id=id name="direction">
                <option value="">{t(Key::FilterAny)}</option>
                {DIRECTIONS.iter().map(|d| view! { <option value=d.slug selected=d.slug == selected>{d.name(locale)} " — " {d.gloss(locale)}</option> }).collect_view()}
            </select>
        </div>
    }
}
