use super::LocalizedSpan;
use crate::campaigns::api::get_campaign;
use crate::campaigns::model::Campaign;
use crate::errors::AppError;
use crate::i18n::{format_date_range, Key};
use crate::reference::{Direction, Region};
use crate::ui::{href, t, use_locale, ErrorPanel};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

/// `/{lang}/campaigns/{id}`: everything about one campaign.
#[component]
pub fn CampaignDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()).filter(|id| *id > 0)));
    let campaign = Resource::new(move || id.get(), |id| async move {
        match id {
            Some(id) => get_campaign(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=|| view! { <p class="loading">{t(Key::Loading)}</p> }>
            {move || campaign.get().map(|result| match result {
                Ok(campaign) => view! { <CampaignView campaign/> }.into_any(),
                Err(AppError::NotFound) => view! {
                    <ErrorPanel error=AppError::NotFound title=Key::CampaignNotFoundTitle message=Key::CampaignNotFoundText/>
                }.into_any(),
                Err(error) => view! { <ErrorPanel error/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn CampaignView(campaign: Campaign) -> impl IntoView {
    let locale = use_locale();
    let summary = campaign.summary.clone();
    let title = summary.title.pick(locale).map(|s| s.text.to_string()).unwrap_or_default();
    let description = campaign.description.pick(locale).map(|s| s.text.chars().take(160).collect::<String>()).unwrap_or_default();
    let direction = Direction::by_slug(&summary.direction);
    let region = Region::by_code(&summary.region).map(|r| r.name(locale));
    let when = format_date_range(locale, summary.starts_at, summary.ends_at);
    let places = super::places_text(locale, &summary);
    let age = match summary.min_age {
        Some(age) if age > 0 => locale.t_with(Key::AgeLimit, &[("age", &age.to_string())]),
        _ => t(Key::AgeNoLimit).to_string(),
    };
    let place = if summary.is_online { t(Key::CampaignOnlineAddress).to_string() } else { campaign.address.clone().unwrap_or_default() };
    view! {
        <Title text=title/>
        <Meta name="description" content=description/>
        <article class="campaign">
            <p class="back-link"><a href=href("/campaigns")>"← " {t(Key::CampaignBack)}</a></p>
            <header class="campaign__header">
                {direction.map(|d| view! {
                    <p class="tag"><a href=href(&format!("/campaigns?direction={}", d.slug))>{d.name(locale)} " — " {d.gloss(locale)}</a></p>
                })}
                <h1><LocalizedSpan text=summary.title.clone()/></h1>
                {campaign.has_ended.then(|| view! { <p class="notice">{t(Key::CampaignEnded)}</p> })}
            </header>
            <dl class="facts">
                <div><dt>{t(Key::CampaignOrganizer)}</dt><dd>
                    <a href=href(&format!("/organizations/{}", summary.organization.slug))><LocalizedSpan text=summary.organization.name.clone()/></a>
                    {summary.organization.verified.then(|| view! { " " <span class="badge badge--verified">"✓ " {t(Key::CampaignVerifiedOrg)}</span> })}
                </dd></div>
                <div><dt>{t(Key::CampaignWhen)}</dt><dd><time datetime=summary.starts_at.to_rfc3339()>{when}</time></dd></div>
                <div><dt>{t(Key::FilterRegion)}</dt><dd>{region}</dd></div>
                <div><dt>{t(Key::CampaignAddress)}</dt><dd>{place}</dd></div>
                <div><dt>{t(Key::CampaignSpots)}</dt><dd>{places}</dd></div>
                <div><dt>{t(Key::CampaignAge)}</dt><dd>{age}</dd></div>
            </dl>
            <section class="campaign__description" aria-labelledby="description-title">
                <h2 id="description-title">{t(Key::CampaignDescription)}</h2>
                <Description campaign=campaign.clone()/>
            </section>
            <crate::volunteers::applications::ApplyPanel campaign_id=summary.id question=campaign.question.clone()/>
            <crate::moderation::HideCampaignTools campaign_id=summary.id/>
        </article>
    }
}

/// The description, one paragraph per blank-line-separated block.
#[component]
fn Description(campaign: Campaign) -> impl IntoView {
    let locale = use_locale();
    let Some(shown) = campaign.description.pick(locale) else {
        return ().into_any();
    };
    let note = super::fallback_note(locale, &shown);
    let paragraphs: Vec<String> = shown.text.split("\n\n").map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect();
    let lang = shown.locale.code();
    view! {
        {note.map(|note| view! { <p class="lang-note">{note}</p> })}
        <div lang=lang>{paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}</div>
    }
    .into_any()
}
