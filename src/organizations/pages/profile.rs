use super::VerificationBadge;
use crate::campaigns::pages::{CampaignCard, LocalizedSpan};
use crate::errors::AppError;
use crate::i18n::{format_number, Key};
use crate::organizations::api::get_organization;
use crate::organizations::model::Verification;
use crate::organizations::model::OrganizationProfile;
use crate::reference::{Direction, Region};
use crate::forms::{submitted_feedback, FormFeedback, PostForm, SubmitButton, TextArea};
use crate::ui::{href, t, use_locale, ErrorPanel};
use crate::forms::checks::display_phone;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/{lang}/organizations/{slug}`: an organisation's public profile.
#[component]
pub fn OrganizationProfilePage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.with(|p| p.get("slug").unwrap_or_default()));
    let feedback = submitted_feedback();
    let profile = Resource::new(move || slug.get(), move |slug| {
        let feedback = feedback.clone();
        async move { get_organization(slug).await.map(|profile| (profile, feedback.unwrap_or_default())) }
    });
    view! {
        <Suspense fallback=|| view! { <p class="loading">{t(Key::Loading)}</p> }>
            {move || profile.get().map(|result| match result {
                Ok((profile, feedback)) => view! { <Profile profile feedback/> }.into_any(),
                Err(AppError::NotFound) => view! {
                    <ErrorPanel error=AppError::NotFound title=Key::OrgNotFoundTitle message=Key::OrgNotFoundText/>
                }.into_any(),
                Err(error) => view! { <ErrorPanel error/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Profile(profile: OrganizationProfile, feedback: FormFeedback) -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let card = profile.card.clone();
    let title = card.name.pick(locale).map(|s| s.text.to_string()).unwrap_or_default();
    let summary = profile.description.pick(locale).map(|s| s.text.chars().take(160).collect::<String>()).unwrap_or_default();
    let regions: Vec<&str> = card.regions.iter().filter_map(|c| Region::by_code(c)).map(|r| r.name(locale)).collect();
    let directions: Vec<(&str, &str)> = card.directions.iter().filter_map(|s| Direction::by_slug(s)).map(|d| (d.slug, d.name(locale))).collect();
    let figures = profile.figures;
    let notice = move || {
        query.with(|q| {
            [("registered", Key::OrgRegistered), ("done", Key::ModerationDone)]
                .into_iter()
                .find(|(flag, _)| q.get(flag).is_some())
                .map(|(_, key)| view! { <p class="notice notice--success" role="status">{t(key)}</p> })
        })
    };
    let edit = profile.viewer_role.is_some().then(|| (href(&format!("/organizations/{}/edit", card.slug)), href(&format!("/organizations/{}/campaigns", card.slug))));
    view! {
        <Title text=title/>
        <Meta name="description" content=summary/>
        <article class="organization">
            <p class="back-link"><a href=href("/organizations")>"← " {t(Key::OrgBack)}</a></p>
            {notice}
            <header class="organization__header">
                {card.logo.clone().map(|logo| view! { <img class="organization__logo" src=format!("/uploads/logos/{logo}") alt=t(Key::OrgLogoAlt) width="96" height="96"/> })}
                <div>
                    <h1><LocalizedSpan text=card.name.clone()/></h1>
                    <p><VerificationBadge verification=card.verification/> " " <span class="muted">{t(card.kind.key())}</span></p>
                </div>
            </header>
            {(card.verification != Verification::Verified).then(|| view! { <p class="notice">{t(Key::OrgAwaitingNotice)}</p> })}
            {profile.rejection_reason.clone().map(|reason| view! { <p class="notice notice--error">{t(Key::OrgRejectedBecause)} " " {reason}</p> })}
            {edit.map(|(edit, manage)| view! {
                <p class="actions">
                    <a class="button button--secondary" href=edit>{t(Key::OrgEdit)}</a>
                    <a class="button button--secondary" href=manage>{t(Key::ManageTitle)}</a>
                </p>
            })}
            {view! {
                <dl class="figures">
                    <div><dt>{t(Key::OrgFigureVolunteers)}</dt><dd>{format_number(locale, figures.volunteers)}</dd></div>
                    <div><dt>{t(Key::OrgFigureHours)}</dt><dd>{format_number(locale, figures.hours.round() as i64)}</dd></div>
                    <div><dt>{t(Key::OrgFigureCampaigns)}</dt><dd>{format_number(locale, figures.campaigns)}</dd></div>
                </dl>
            }.into_any()}
            <section aria-labelledby="org-about">
                <h2 id="org-about">{t(Key::OrgAbout)}</h2>
                <Paragraphs text=profile.description.clone()/>
                <ul class="campaign-card__facts">
                    {directions.into_iter().map(|(slug, name)| view! { <li class="tag"><a href=href(&format!("/organizations?direction={slug}"))>{name}</a></li> }).collect_view()}
                </ul>
                <p><strong>{t(Key::OrgFieldRegions)} ": "</strong>{regions.join(", ")}</p>
            </section>
            <Contacts profile=profile.clone()/>
            <section aria-labelledby="org-upcoming">
                <h2 id="org-upcoming">{t(Key::OrgUpcoming)}</h2>
                <CampaignList campaigns=profile.upcoming.clone() empty=Key::OrgNoUpcoming/>
            </section>
            <section aria-labelledby="org-past">
                <h2 id="org-past">{t(Key::OrgPast)}</h2>
                <CampaignList campaigns=profile.past.clone() empty=Key::OrgNoPast ended=true/>
            </section>
            {profile.viewer_is_moderator.then(|| view! { <ModeratorTools profile=profile.clone() feedback=feedback.clone()/> })}
        </article>
    }
    .into_any()
}

#[component]
fn CampaignList(campaigns: Vec<crate::campaigns::model::CampaignSummary>, empty: Key, #[prop(optional)] ended: bool) -> impl IntoView {
    if campaigns.is_empty() {
        return view! { <p class="empty-state">{t(empty)}</p> }.into_any();
    }
    view! {
        <ol class="campaign-list">
            {campaigns.into_iter().map(|campaign| view! { <li><CampaignCard campaign ended/></li> }).collect_view()}
        </ol>
    }
    .into_any()
}

/// A user-written text, one paragraph per blank-line-separated block, marked when it is shown
/// in another language than the page's.
#[component]
fn Paragraphs(text: crate::i18n::LocalizedText) -> impl IntoView {
    let locale = use_locale();
    let Some(shown) = text.pick(locale) else { return ().into_any() };
    let note = shown.is_fallback_for(locale).then(|| locale.t_with(Key::ShownInOtherLanguage, &[("language", shown.locale.native_name())]));
    let paragraphs: Vec<String> = shown.text.split("\n\n").map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect();
    view! {
        {note.map(|note| view! { <p class="lang-note">{note}</p> })}
        <div lang=shown.locale.code()>{paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}</div>
    }
    .into_any()
}

#[component]
fn Contacts(profile: OrganizationProfile) -> impl IntoView {
    let phone = profile.phone.clone().filter(|p| !p.is_empty());
    let tel = phone.as_ref().map(|p| format!("tel:{}", p));
    let email = profile.email.clone().filter(|e| !e.is_empty());
    let has_address = profile.address.pick(use_locale()).is_some();
    // A heading with nothing under it says nothing: no section at all.
    if phone.is_none() && email.is_none() && !has_address && profile.website.is_none() && profile.social_links.is_empty() && profile.bin.is_none() {
        return ().into_any();
    }
    view! {
        <section aria-labelledby="org-contacts">
            <h2 id="org-contacts">{t(Key::OrgContacts)}</h2>
            <dl class="facts">
                {phone.map(|p| view! { <div><dt>{t(Key::OrgFieldPhone)}</dt><dd><a href=tel>{display_phone(&p)}</a></dd></div> })}
                {email.map(|e| view! { <div><dt>{t(Key::OrgFieldEmail)}</dt><dd><a href=format!("mailto:{e}")>{e.clone()}</a></dd></div> })}
                {has_address.then(|| view! { <div><dt>{t(Key::OrgFieldAddress)}</dt><dd><LocalizedSpan text=profile.address.clone()/></dd></div> })}
                {profile.website.clone().map(|w| view! { <div><dt>{t(Key::OrgFieldWebsite)}</dt><dd><a href=w.clone() rel="nofollow noopener" target="_blank">{w.clone()}</a></dd></div> })}
                {(!profile.social_links.is_empty()).then(|| view! {
                    <div><dt>{t(Key::OrgFieldSocial)}</dt><dd><ul class="plain-list">
                        {profile.social_links.iter().map(|l| view! { <li><a href=l.clone() rel="nofollow noopener" target="_blank">{l.clone()}</a></li> }).collect_view()}
                    </ul></dd></div>
                })}
                {profile.bin.clone().map(|bin| view! { <div><dt>{t(Key::OrgFieldBin)}</dt><dd>{bin}</dd></div> })}
            </dl>
        </section>
    }
    .into_any()
}

/// Verify, reject with a reason, or hide: for moderators only (the server checks it again).
#[component]
fn ModeratorTools(profile: OrganizationProfile, feedback: FormFeedback) -> impl IntoView {
    let for_form = |field: &str| if feedback.value(field).is_some() { feedback.clone() } else { FormFeedback::default() };
    let id = profile.card.id;
    let back = href(&format!("/organizations/{}", profile.card.slug));
    let action = move |what: &str| href(&format!("/moderation/organizations/{id}/{what}"));
    let (back_for_verify, back_for_reject) = (back.clone(), back.clone());
    view! {
        <section class="moderator-tools" aria-labelledby="moderator-tools">
            <h2 id="moderator-tools">{t(Key::ModerationTools)}</h2>
            {(profile.card.verification != Verification::Verified).then(|| view! {
                <form method="post" action=action("verify")>
                    <input type="hidden" name="back" value=back_for_verify/>
                    <button type="submit" class="button button--primary">{t(Key::ModerationVerify)}</button>
                </form>
            })}
            <PostForm action=action("reject") feedback=for_form("reason")>
                <input type="hidden" name="back" value=back_for_reject/>
                <TextArea name="reason" label=Key::ModerationRejectReason maxlength=500/>
                <SubmitButton label=Key::ModerationReject secondary=true/>
            </PostForm>
            <PostForm action=action("hide") feedback=for_form("hide_reason")>
                <input type="hidden" name="back" value=back/>
                <TextArea name="hide_reason" label=Key::ModerationHideReason maxlength=500/>
                <SubmitButton label=Key::ModerationHide secondary=true/>
            </PostForm>
        </section>
    }
    .into_any()
}
