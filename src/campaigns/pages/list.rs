use super::filters::CampaignFilters;
use super::CampaignCard;
use crate::campaigns::api::list_campaigns;
use crate::campaigns::model::{CampaignPage, CampaignQuery};
use crate::i18n::{Key, PluralKey};
use crate::ui::{href, plural, t, ErrorPanel};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_location;

/// `/{lang}/campaigns`: running and upcoming campaigns, soonest first, with filters.
#[component]
pub fn CampaignListPage() -> impl IntoView {
    // Read from the raw query string, decoded once, exactly as the open-data API reads it.
    let location = use_location();
    let query = Memo::new(move |_| location.search.with(|search| CampaignQuery::from_url_query(search)));
    let page = Resource::new(move || query.get(), list_campaigns);
    // While a new page loads the old one stays in place, marked busy for assistive technology.
    let (loading, set_loading) = signal(false);
    view! {
        <Title text=t(Key::CampaignsTitle)/>
        <Meta name="description" content=t(Key::CampaignsLead)/>
        <div class="campaigns">
            <header class="page-header">
                <h1>{t(Key::CampaignsTitle)}</h1>
                <p class="lead">{t(Key::CampaignsLead)}</p>
                <ViewSwitch query current=View::List/>
            </header>
            <CampaignFilters query action="/campaigns"/>
            <section class="results" aria-labelledby="results-title" aria-busy=move || loading.get().to_string()>
                <h2 id="results-title" class="visually-hidden">{t(Key::NavCampaigns)}</h2>
                <Transition fallback=|| view! { <p class="loading">{t(Key::Loading)}</p> } set_pending=set_loading>
                    {move || page.get().map(|result| match result {
                        Ok(page) => view! { <Results page query=query.get_untracked()/> }.into_any(),
                        Err(error) => view! { <ErrorPanel error inline=true/> }.into_any(),
                    })}
                </Transition>
            </section>
        </div>
    }
}

#[component]
pub fn Results(page: CampaignPage, query: CampaignQuery) -> impl IntoView {
    if page.items.is_empty() {
        return view! {
            <p class="empty-state">{t(Key::CampaignsEmpty)}</p>
            <Pagination page query/>
        }
        .into_any();
    }
    let items = page.items.clone();
    let count = items.len() as u64;
    view! {
        // Announced by screen readers when the list changes without a page load.
        <p class="visually-hidden" role="status">{plural(PluralKey::CampaignsShown, count)}</p>
        <ol class="campaign-list">
            {items.into_iter().map(|campaign| view! { <li><CampaignCard campaign/></li> }).collect_view()}
        </ol>
        <Pagination page query/>
    }
    .into_any()
}

/// A link to the list with the same filters at another position.
pub fn page_link(query: &CampaignQuery, position: Option<(&str, String)>) -> String {
    with_filters("/campaigns", query, position)
}

/// `path` in the current language with the list's filters (not the page position), and one
/// more parameter if given (a cursor, a map box).
pub fn with_filters(path: &str, query: &CampaignQuery, extra: Option<(&str, String)>) -> String {
    let mut params = form_urlencoded::Serializer::new(String::new());
    params.extend_pairs(query.filter_pairs());
    if let Some((name, value)) = extra {
        params.append_pair(name, &value);
    }
    let params = params.finish();
    if params.is_empty() {
        href(path)
    } else {
        format!("{}?{params}", href(path))
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum View {
    List,
    Map,
}

/// "List | Map": the same filters in the other view.
#[component]
pub fn ViewSwitch(query: Memo<CampaignQuery>, current: View) -> impl IntoView {
    let link = move |path: &'static str| query.with(|q| with_filters(path, q, None));
    view! {
        <nav class="view-switch" aria-label=t(Key::ViewSwitchLabel)>
            <a href=move || link("/campaigns") aria-current=(current == View::List).then_some("page")>{t(Key::ViewList)}</a>
            <a href=move || link("/map") aria-current=(current == View::Map).then_some("page")>{t(Key::ViewMap)}</a>
        </nav>
    }
}

#[component]
fn Pagination(page: CampaignPage, query: CampaignQuery) -> impl IntoView {
    let on_first_page = query.after.is_none() && query.before.is_none();
    let first = (!on_first_page && page.previous.is_none()).then(|| page_link(&query, None));
    let previous = page.previous.map(|c| page_link(&query, Some(("before", c.encode()))));
    let next = page.next.map(|c| page_link(&query, Some(("after", c.encode()))));
    (first.is_some() || previous.is_some() || next.is_some()).then(|| {
        view! {
            <nav class="pagination" aria-label=t(Key::PaginationLabel)>
                {first.map(|link| view! { <a href=link>{t(Key::PageFirst)}</a> })}
                {previous.map(|link| view! { <a href=link rel="prev">"← " {t(Key::PagePrevious)}</a> })}
                {next.map(|link| view! { <a href=link rel="next">{t(Key::PageNext)} " →"</a> })}
            </nav>
        }
    })
}
