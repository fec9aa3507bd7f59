use super::VerificationBadge;
use crate::campaigns::pages::{CardLanguageNote, LocalizedSpan};
use crate::i18n::Key;
use crate::organizations::api::list_organizations;
use crate::organizations::model::DirectoryQuery;
use crate::organizations::model::{DirectoryPage, OrganizationCard};
use crate::reference::{Direction, Region};
use crate::ui::filters::{DirectionFilter, RegionFilter};
use crate::ui::{href, t, use_locale, ErrorPanel};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_location;

/// `/{lang}/organizations`: every visible organisation, filtered by region, direction and text.
#[component]
pub fn OrganizationDirectoryPage() -> impl IntoView {
    let location = use_location();
    let query = Memo::new(move |_| location.search.with(|search| DirectoryQuery::from_url_query(search)));
    let page = Resource::new(move || query.get(), list_organizations);
    view! {
        <Title text=t(Key::OrgDirectoryTitle)/>
        <Meta name="description" content=t(Key::OrgDirectoryLead)/>
        <div class="organizations">
            <header class="page-header">
                <h1>{t(Key::OrgDirectoryTitle)}</h1>
                <p class="lead">{t(Key::OrgDirectoryLead)}</p>
                <p><a class="button button--secondary" href=href("/organizations/new")>{t(Key::OrgRegisterCta)}</a></p>
            </header>
            <DirectoryFilters current=query.get_untracked() path="/organizations"/>
            <section class="results" aria-labelledby="directory-results">
                <h2 id="directory-results" class="visually-hidden">{t(Key::OrgDirectoryTitle)}</h2>
                <Transition fallback=|| view! { <p class="loading">{t(Key::Loading)}</p> }>
                    {move || page.get().map(|result| match result {
                        Ok(page) => view! { <DirectoryResults page query=query.get_untracked()/> }.into_any(),
                        Err(error) => view! { <ErrorPanel error inline=true/> }.into_any(),
                    })}
                </Transition>
            </section>
        </div>
    }
}

/// A GET form to `path` (the directory, the moderators' queue): works without JavaScript, and
/// its filters stay in the address.
#[component]
pub fn DirectoryFilters(current: DirectoryQuery, path: &'static str) -> impl IntoView {
    view! {
        <form class="filters" method="get" action=href(path) role="search">
            <div class="field">
                <label for="org-q">{t(Key::FilterSearch)}</label>
                <input id="org-q" type="search" name="q" value=current.q.clone().unwrap_or_default() maxlength="200"/>
            </div>
            <RegionFilter id="org-region" selected=current.region.clone()/>
            <DirectionFilter id="org-direction" selected=current.direction.clone()/>
            <button type="submit" class="button button--primary">{t(Key::FilterApply)}</button>
        </form>
    }
}

#[component]
fn DirectoryResults(page: DirectoryPage, query: DirectoryQuery) -> impl IntoView {
    let locale = use_locale();
    let total = locale.plural(crate::i18n::PluralKey::OrganizationsFound, page.total as u64);
    view! {
        <p role="status">{total}</p>
        {page.items.is_empty().then(|| view! { <p class="empty-state">{t(Key::OrgDirectoryEmpty)}</p> })}
        <ol class="organization-list">
            {page.items.into_iter().map(|card| view! { <li><OrganizationCardView card/></li> }).collect_view()}
        </ol>
        <DirectoryPagination next=page.next previous=page.previous query path="/organizations"/>
    }
}

/// "← Previous · Next →" for a listing of organisations at `path`, keeping its filters; `next`
/// and `previous` are a [`DirectoryPage`]'s cursors.
#[component]
pub fn DirectoryPagination(next: Option<i64>, previous: Option<i64>, query: DirectoryQuery, path: &'static str) -> impl IntoView {
    let next = next.map(|id| href(&query.link(path, Some(("after", id)))));
    let previous = previous.map(|id| href(&query.link(path, Some(("before", id)))));
    view! {
        <nav class="pagination" aria-label=t(Key::PaginationLabel)>
            {previous.map(|link| view! { <a rel="prev" href=link>"← " {t(Key::PagePrevious)}</a> })}
            {next.map(|link| view! { <a rel="next" href=link>{t(Key::PageNext)} " →"</a> })}
        </nav>
    }
}

#[component]
pub fn OrganizationCardView(card: OrganizationCard) -> impl IntoView {
    let locale = use_locale();
    let regions: Vec<&str> = card.regions.iter().filter_map(|c| Region::by_code(c)).map(|r| r.name(locale)).collect();
    let directions: Vec<&str> = card.directions.iter().filter_map(|s| Direction::by_slug(s)).map(|d| d.name(locale)).collect();
    view! {
        <article class="organization-card">
            {card.logo.clone().map(|logo| view! { <img class="organization-card__logo" src=format!("/uploads/logos/{logo}") alt="" width="56" height="56" loading="lazy"/> })}
            <div>
                <h3><a href=href(&format!("/organizations/{}", card.slug))><LocalizedSpan text=card.name.clone() quiet=true/></a></h3>
                <p><VerificationBadge verification=card.verification/> " " <span class="muted">{t(card.kind.key())}</span></p>
                <ul class="campaign-card__facts">
                    {directions.into_iter().map(|d| view! { <li class="tag">{d}</li> }).collect_view()}
                    <li>{regions.join(", ")}</li>
                </ul>
                <CardLanguageNote texts=vec![card.name.clone()]/>
            </div>
        </article>
    }
}
