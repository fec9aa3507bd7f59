use super::{CardLanguageNote, LocalizedSpan};
use crate::campaigns::model::CampaignSummary;
use crate::i18n::{format_date_range, Key};
use crate::reference::{Direction, Region};
use crate::ui::{href, t, use_locale};
use leptos::prelude::*;

/// A campaign in a list: title, organiser, where, when and places left.
#[component]
pub fn CampaignCard(
    campaign: CampaignSummary,
    /// In a list of past campaigns: "ended" instead of the places left.
    #[prop(optional)]
    ended: bool,
) -> impl IntoView {
    let locale = use_locale();
    let link = href(&format!("/campaigns/{}", campaign.id));
    let direction = Direction::by_slug(&campaign.direction).map(|d| d.name(locale));
    let region = Region::by_code(&campaign.region).map(|r| r.name(locale));
    let when = format_date_range(locale, campaign.starts_at, campaign.ends_at);
    let places = if ended { t(Key::CampaignEnded).to_string() } else { super::places_text(locale, &campaign) };
    view! {
        <article class="campaign-card">
            <h3 class="campaign-card__title">
                <a href=link><LocalizedSpan text=campaign.title.clone() quiet=true/></a>
            </h3>
            <p class="campaign-card__org">
                <LocalizedSpan text=campaign.organization.name.clone() quiet=true/>
                {campaign.organization.verified.then(|| view! {
                    " " <span class="badge badge--verified" title=t(Key::CampaignVerifiedOrg)>"✓"<span class="visually-hidden">{t(Key::CampaignVerifiedOrg)}</span></span>
                })}
            </p>
            <ul class="campaign-card__facts">
                <li class="tag">{direction}</li>
                <li>{region}</li>
                <li><time datetime=campaign.starts_at.to_rfc3339()>{when}</time></li>
                {campaign.is_online.then(|| view! { <li class="tag tag--online">{t(Key::ModeOnline)}</li> })}
                <li class="campaign-card__places">{places}</li>
            </ul>
            <CardLanguageNote texts=vec![campaign.title.clone(), campaign.organization.name.clone()]/>
        </article>
    }
}
