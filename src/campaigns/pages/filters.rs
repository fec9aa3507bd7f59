use crate::campaigns::model::CampaignQuery;
use crate::i18n::Key;
use crate::reference::{DIRECTIONS, REGIONS};
use crate::ui::{href, t, use_locale};
use leptos::prelude::*;
use leptos_router::components::Form;

/// The names of this form's fields, and `""`: the router also sends the nameless submit button.
const FIELDS: [&str; 8] = ["", "q", "direction", "region", "from", "to", "mode", "limit"];

/// Keeps the address to the filters in use (`?q=тал`, not `?q=тал&direction=&…&=`) when the
/// router submits the form; a browser without JavaScript sends them all, which reads the same.
fn leave_out_empty(data: &leptos::web_sys::FormData) {
    for name in FIELDS {
        if data.get(name).as_string().is_some_and(|value| value.trim().is_empty()) {
            data.delete(name);
        }
    }
}

/// The list's filters: a plain GET form, so they work without JavaScript and live in the URL.
/// With JavaScript the router submits it without a page load.
#[component]
pub fn CampaignFilters(
    query: Memo<CampaignQuery>,
    /// The page the form shows its results on: `/campaigns` or `/map`.
    action: &'static str,
) -> impl IntoView {
    let locale = use_locale();
    let current = move |pick: fn(&CampaignQuery) -> &Option<String>| query.with(|q| pick(q).clone().unwrap_or_default());
    // On a phone the filters fold away under their title (open while any is in use), so the
    // campaigns come first; wide screens always show them (see main.css). No JavaScript needed.
    let open = query.with_untracked(|q| q.has_filters());
    view! {
        <details class="filters" open=open data-needs-script={crate::ui::bundle::ON_USE}>
            <summary class="filters__title"><h2 id="filters-title">{t(Key::FiltersTitle)}</h2></summary>
            <Form method="GET" action=href(action) on_form_data=std::sync::Arc::new(leave_out_empty)>
                <div class="field field--wide">
                    <label for="filter-q">{t(Key::FilterSearch)}</label>
                    <input id="filter-q" type="search" name="q" maxlength="200" autocomplete="off"
                        placeholder=t(Key::FilterSearchPlaceholder) prop:value=move || current(|q| &q.q) value=current(|q| &q.q)/>
                </div>
                <div class="field">
                    <label for="filter-direction">{t(Key::FilterDirection)}</label>
                    <select id="filter-direction" name="direction">
                        <option value="" prop:selected=move || query.with(|q| q.direction.is_none())>{t(Key::FilterAny)}</option>
                        {DIRECTIONS.iter().map(|d| {
                            let selected = move || query.with(|q| q.direction.as_deref() == Some(d.slug));
                            view! { <option value=d.slug selected=selected prop:selected=selected>{d.name(locale)} " — " {d.gloss(locale)}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-region">{t(Key::FilterRegion)}</label>
                    <select id="filter-region" name="region">
                        <option value="" prop:selected=move || query.with(|q| q.region.is_none())>{t(Key::FilterAny)}</option>
                        {REGIONS.iter().map(|r| {
                            let selected = move || query.with(|q| q.region.as_deref().is_some_and(|c| c.eq_ignore_ascii_case(r.code)));
                            view! { <option value=r.code selected=selected prop:selected=selected>{r.name(locale)}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-from">{t(Key::FilterFrom)}</label>
                    <input id="filter-from" type="date" name="from" prop:value=move || current(|q| &q.from) value=current(|q| &q.from)/>
                </div>
                <div class="field">
                    <label for="filter-to">{t(Key::FilterTo)}</label>
                    <input id="filter-to" type="date" name="to" prop:value=move || current(|q| &q.to) value=current(|q| &q.to)/>
                </div>
                <div class="field">
                    <label for="filter-mode">{t(Key::FilterMode)}</label>
                    <select id="filter-mode" name="mode">
                        <option value="" prop:selected=move || query.with(|q| q.mode.is_none())>{t(Key::FilterAny)}</option>
                        {[("online", Key::ModeOnline), ("onsite", Key::ModeOnsite)].map(|(mode, label)| {
                            let selected = move || query.with(|q| q.mode.as_deref() == Some(mode));
                            view! { <option value=mode selected=selected prop:selected=selected>{t(label)}</option> }
                        })}
                    </select>
                </div>
                // A chosen page size stays when the filters change.
                {move || query.with(|q| q.limit.clone()).map(|limit| view! { <input type="hidden" name="limit" value=limit/> })}
                <div class="filters__actions">
                    <button type="submit" class="button button--primary">{t(Key::FilterApply)}</button>
                    <a class="button button--plain" href=href(action)>{t(Key::FilterReset)}</a>
                </div>
            </Form>
        </details>
    }
}
