use super::RequestListItem;
use crate::help::api::load_help_list;
use crate::help::model::{HelpKind, HelpStatus, RequestFilter};
use crate::i18n::Key;
use crate::ui::filters::{DirectionFilter, RegionFilter};
use crate::ui::{href, t, ErrorPanel};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

/// `/{lang}/help`: asking for help, helping, and every request as the public sees it.
#[component]
pub fn HelpHomePage() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| query.with(|q| RequestFilter::from_query(|name| q.get(name))));
    let list = Resource::new(move || filter.get(), load_help_list);
    view! {
        <Title text=t(Key::HelpTitle)/>
        <Meta name="description" content=t(Key::HelpLead)/>
        <div class="help">
            <header class="page-header">
                <h1>{t(Key::HelpTitle)}</h1>
                <p class="lead">{t(Key::HelpLead)}</p>
                <div class="actions">
                    <a class="button button--primary" href=href("/help/new")>{t(Key::HelpAskCta)}</a>
                    <a class="button button--secondary" href=href("/help/queue")>{t(Key::HelpHelpCta)}</a>
                    <a class="button button--plain" href=href("/transparency")>{t(Key::TransparencyTitle)}</a>
                </div>
                <p class="field__hint">{t(Key::HelpPrivacyNote)}</p>
            </header>
            <RequestFilters filter=filter.get_untracked() action="/help"/>
            <section class="results" aria-labelledby="help-requests-title">
                <h2 id="help-requests-title">{t(Key::HelpPublicList)}</h2>
                <Transition fallback=|| view! { <p class="loading">{t(Key::Loading)}</p> }>
                    {move || list.get().map(|result| match result {
                        Ok(data) => {
                            let next = data.next.map(|before| next_page_link(&filter.get_untracked(), before));
                            view! {
                                {data.items.is_empty().then(|| view! { <p class="empty-state">{t(Key::HelpListEmpty)}</p> })}
                                <ol class="help-list">
                                    {data.items.into_iter().map(|request| view! { <RequestListItem request/> }).collect_view()}
                                </ol>
                                {next.map(|link| view! { <p><a class="button button--plain" href=link rel="next">{t(Key::HelpOlder)}</a></p> })}
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorPanel error inline=true/> }.into_any(),
                    })}
                </Transition>
            </section>
        </div>
    }
}

fn next_page_link(filter: &RequestFilter, before: i64) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.extend_pairs(filter.query()).append_pair("before", &before.to_string());
    format!("{}?{}", href("/help"), query.finish())
}

/// Region, direction, kind and status: a GET form, so the filters live in the address.
#[component]
pub fn RequestFilters(
    filter: RequestFilter,
    action: &'static str,
    /// The helpers' page has no status filter (each list has its own).
    #[prop(optional)]
    without_status: bool,
) -> impl IntoView {
    view! {
        <form class="filters filters--inline" method="get" action=href(action) role="search" aria-label=t(Key::FiltersTitle)>
            <RegionFilter id="help-region" selected=filter.region.clone()/>
            <DirectionFilter id="help-direction" selected=filter.direction.clone()/>
            <div class="field">
                <label for="help-kind">{t(Key::HelpFieldKind)}</label>
                <select id="help-kind" name="kind">
                    <option value="">{t(Key::FilterAny)}</option>
                    {HelpKind::ALL.iter().map(|k| view! { <option value=k.code() selected=filter.kind == Some(*k)>{t(k.key())}</option> }).collect_view()}
                </select>
            </div>
            {(!without_status).then(|| view! {
                <div class="field">
                    <label for="help-status">{t(Key::HelpFieldStatus)}</label>
                    <select id="help-status" name="status">
                        <option value="">{t(Key::FilterAny)}</option>
                        {HelpStatus::ALL.iter().map(|s| view! { <option value=s.code() selected=filter.status == Some(*s)>{t(s.key())}</option> }).collect_view()}
                    </select>
                </div>
            })}
            <div class="filters__actions">
                <button type="submit" class="button button--primary">{t(Key::FilterApply)}</button>
                <a class="button button--plain" href=href(action)>{t(Key::FilterReset)}</a>
            </div>
        </form>
    }
}
