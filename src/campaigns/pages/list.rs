use super::filters::CampaignFilters;
use super::CampaignCard;
use crate::campaigns::api::list_campaigns;
use crate::campaigns::model::{CampaignPage, CampaignQuery};
use crate::i18n::Key;
use crate::ui::{href, t, ErrorPanel};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The names of the list's URL parameters.
const PARAMETERS: [&str; 9] = ["direction", "region", "from", "to", "mode", "q", "after", "before", "limit"];

/// `/{lang}/campaigns`: running and upcoming campaigns, soonest first, with filters.
#[component]
pub fn CampaignListPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| {
        params.with(|p| {
            let pairs: Vec<(&str, String)> = PARAMETERS.iter().filter_map(|name| p.get(name).map(|v| (*name, v))).collect();
            CampaignQuery::from_pairs(pairs.iter().map(|(n, v)| (*n, v.as_str())))
        })
    });
    let page = Resource::new(move || query.get(), list_campaigns);
    // While a new page loads the old one stays in place, marked busy for assistive technology.
    let (loading, set_loading) = signal(false);
    view! {
        <Title text=t(Key::CampaignsTitle)/>
        <div class="campaigns">
            <header class="page-header">
                <h1>{t(Key::CampaignsTitle)}</h1>
                <p class="lead">{t(Key::CampaignsLead)}</p>
            </header>
            <CampaignFilters query/>
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
fn Results(page: CampaignPage, query: CampaignQuery) -> impl IntoView {
    if page.items.is_empty() {
        return view! {
            <p class="empty-state">{t(Key::CampaignsEmpty)}</p>
            <Pagination page query/>
        }
        .into_any();
    }
    let items = page.items.clone();
    view! {
        <ol class="campaign-list">
            {items.into_iter().map(|campaign| view! { <li><CampaignCard campaign/></li> }).collect_view()}
        </ol>
        <Pagination page query/>
    }
    .into_any()
}

/// A link to the list with the same filters at another position.
fn page_link(query: &CampaignQuery, position: Option<(&str, String)>) -> String {
    let mut params = form_urlencoded::Serializer::new(String::new());
    params.extend_pairs(query.filter_pairs());
    if let Some((name, cursor)) = position {
        params.append_pair(name, &cursor);
    }
    let params = params.finish();
    if params.is_empty() {
        href("/campaigns")
    } else {
        format!("{}?{params}", href("/campaigns"))
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
