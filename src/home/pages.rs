//! The home page: what the platform is, a call to action, live figures, the programme's
//! directions and the campaigns starting soonest.

use super::api::load_home_overview;
use crate::campaigns::model::{CampaignSummary, PlatformCounters};
use crate::campaigns::pages::CampaignCard;
use crate::i18n::{format_number, Key, PluralKey};
use crate::reference::DIRECTIONS;
use crate::ui::{href, t, use_locale, ErrorPanel};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn HomePage() -> impl IntoView {
    let overview = Resource::new(|| (), |_| load_home_overview());
    let query = leptos_router::hooks::use_query_map();
    let deleted = move || {
        query.with(|q| q.get("account_deleted").is_some()).then(|| view! { <p class="notice notice--success" role="status">{t(Key::HomeAccountDeleted)}</p> })
    };
    view! {
        <Title text=t(Key::SiteTagline)/>
        {deleted}
        <Meta name="description" content=t(Key::HomeLead)/>
        <section class="hero">
            <h1>{t(Key::HomeTitle)}</h1>
            <p class="lead">{t(Key::HomeLead)}</p>
            <div class="hero__actions">
                <a class="button button--primary button--large" href=href("/signup")>{t(Key::HomeCtaVolunteer)}</a>
                <a class="button button--secondary button--large" href=href("/campaigns")>{t(Key::HomeCtaBrowse)}</a>
            </div>
            <p class="hero__hint">{t(Key::HomeCtaVolunteerHint)}</p>
        </section>
        <Suspense fallback=|| view! { <p class="loading">{t(Key::Loading)}</p> }>
            {move || overview.get().map(|result| match result {
                Ok(overview) => view! {
                    <Counters counters=overview.counters/>
                    <Directions/>
                    <Upcoming campaigns=overview.upcoming/>
                }.into_any(),
                Err(error) => view! { <ErrorPanel error inline=true/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Counters(counters: PlatformCounters) -> impl IntoView {
    let locale = use_locale();
    let figure = move |n: i64, label: PluralKey| {
        view! {
            <div class="counter">
                <dt class="counter__label">{locale.plural(label, n.max(0) as u64)}</dt>
                <dd class="counter__value">{format_number(locale, n)}</dd>
            </div>
        }
    };
    view! {
        <section class="counters" aria-labelledby="counters-title">
            <h2 id="counters-title">{t(Key::HomeCountersTitle)}</h2>
            <dl class="counters__list">
                {figure(counters.organizations, PluralKey::CounterOrganizations)}
                {figure(counters.volunteers, PluralKey::CounterVolunteers)}
                {figure(counters.open_campaigns, PluralKey::CounterOpenCampaigns)}
            </dl>
        </section>
    }
}

#[component]
fn Directions() -> impl IntoView {
    let locale = use_locale();
    view! {
        <section class="directions" aria-labelledby="directions-title">
            <h2 id="directions-title">{t(Key::HomeDirectionsTitle)}</h2>
            <ul class="directions__list">
                {DIRECTIONS.iter().map(|d| view! {
                    <li class="direction-card">
                        <h3><a href=href(&format!("/campaigns?direction={}", d.slug))>{d.name(locale)}</a></h3>
                        <p class="direction-card__gloss">{d.gloss(locale)}</p>
                        <p>{d.scope(locale)}</p>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn Upcoming(campaigns: Vec<CampaignSummary>) -> impl IntoView {
    view! {
        <section class="upcoming" aria-labelledby="upcoming-title">
            <h2 id="upcoming-title">{t(Key::HomeUpcomingTitle)}</h2>
            {if campaigns.is_empty() {
                view! { <p class="empty-state">{t(Key::HomeNoUpcoming)}</p> }.into_any()
            } else {
                view! {
                    <ol class="campaign-list campaign-list--grid">
                        {campaigns.into_iter().map(|campaign| view! { <li><CampaignCard campaign/></li> }).collect_view()}
                    </ol>
                }.into_any()
            }}
            <p><a class="button button--secondary" href=href("/campaigns")>{t(Key::HomeAllCampaigns)} " →"</a></p>
        </section>
    }
}
