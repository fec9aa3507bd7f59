use super::home::RequestFilters;
use super::StatusBadge;
use crate::errors::AppError;
use crate::help::model::RequestFilter;
use crate::help::api::load_helper_queue;
use crate::help::model::{HelperItem, HelperQueue};
use crate::i18n::{format_date, Key};
use crate::reference::{Direction, Region};
use crate::ui::{href, t, use_locale, ErrorPanel};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

/// `/{lang}/help/queue`: for organisations, volunteers and moderators: requests to verify, open
/// requests near them to take, and the ones they took.
#[component]
pub fn HelperQueuePage() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| query.with(|q| RequestFilter::from_query(|name| q.get(name))));
    // With no region in the address, the lists start in the helper's own region.
    let near_me = Memo::new(move |_| query.with(|q| q.get("region").is_none()));
    let data = Resource::new(move || (filter.get(), near_me.get()), |(filter, near_me)| load_helper_queue(filter, near_me));
    view! {
        <Title text=t(Key::HelpQueueTitle)/>
        <Meta name="robots" content="noindex"/>
        <div class="help-queue">
            <p class="back-link"><a href=href("/help")>"← " {t(Key::HelpTitle)}</a></p>
            <h1>{t(Key::HelpQueueTitle)}</h1>
            <p class="lead">{t(Key::HelpQueueLead)}</p>
            <Suspense fallback=|| view! { <p class="loading">{t(Key::Loading)}</p> }>
                {move || data.get().map(|result| match result {
                    Ok(queue) => view! { <Queue queue/> }.into_any(),
                    Err(AppError::Unauthorized) => {
                        let next = crate::ui::urlencode(&href("/help/queue"));
                        view! {
                            <section class="narrow">
                                <p>{t(Key::HelpSignInToHelp)}</p>
                                <p><a class="button button--primary" href=format!("{}?next={next}", href("/login"))>{t(Key::NavLogin)}</a> " "
                                   <a class="button button--secondary" href=href("/signup")>{t(Key::HomeCtaVolunteer)}</a></p>
                            </section>
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorPanel error inline=true/> }.into_any(),
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Queue(queue: HelperQueue) -> impl IntoView {
    let HelperQueue { can_verify, can_take, to_verify, open, mine, filter, near } = queue;
    let neither = !can_verify && !can_take;
    let locale = use_locale();
    let near_names = near.iter().filter_map(|code| Region::by_code(code)).map(|r| r.name(locale)).collect::<Vec<_>>().join(", ");
    view! {
        {neither.then(|| view! { <p class="notice">{t(Key::HelpNotEligible)}</p> })}
        {(!neither).then(|| view! { <RequestFilters filter action="/help/queue" without_status=true/> })}
        {(!neither && !near.is_empty()).then(|| view! { <p class="help-queue__near" id="near">{locale.t_with(Key::HelpQueueNear, &[("regions", &near_names)])}</p> })}
        {can_verify.then(|| view! { <ItemList id="to-verify" title=Key::HelpQueueToVerify empty=Key::HelpQueueNothingToVerify items=to_verify/> })}
        {can_take.then(|| view! { <ItemList id="open" title=Key::HelpQueueOpen empty=Key::HelpQueueNothingOpen items=open/> })}
        <ItemList id="mine" title=Key::HelpQueueMine empty=Key::HelpQueueNothingMine items=mine/>
    }
}

#[component]
fn ItemList(id: &'static str, title: Key, empty: Key, items: Vec<HelperItem>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <section aria-labelledby=format!("{id}-title") class="help-queue__section">
            <h2 id=format!("{id}-title")>{t(title)}</h2>
            {items.is_empty().then(|| view! { <p class="empty-state">{t(empty)}</p> })}
            <ol class="help-list">
                {items.into_iter().map(|item| {
                    let r = item.request;
                    let region = Region::by_code(&r.region).map(|x| x.name(locale)).unwrap_or_default();
                    let direction = Direction::by_slug(&r.direction).map(|d| d.name(locale)).unwrap_or_default();
                    let title = locale.t_with(Key::HelpRequestTitle, &[("id", &r.id.to_string()), ("kind", t(r.kind.key()))]);
                    let excerpt: String = item.needs.description.chars().take(200).collect();
                    let urgent = item.needs.urgency == crate::help::model::Urgency::Urgent;
                    view! {
                        <li class="help-item" class:help-item--urgent=urgent>
                            <h3><a href=href(&format!("/help/requests/{}", r.id))>{title}</a></h3>
                            <p><StatusBadge status=r.status/> " " <strong>{t(item.needs.urgency.key())}</strong> " · " {region} ", " {item.needs.locality.clone()}
                               " · " {direction} " · " <time datetime=r.filed_at.to_rfc3339()>{format_date(locale, r.filed_at)}</time></p>
                            <p class="help-item__excerpt">{excerpt}</p>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}
