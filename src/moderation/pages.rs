use super::api::load_moderation;
use super::model::{ModerationData, ModeratorAction};
use crate::campaigns::pages::{CardLanguageNote, LocalizedSpan};
use crate::errors::AppError;
use crate::i18n::{format_date, Key};
use crate::organizations::pages::VerificationBadge;
use crate::reference::Region;
use crate::forms::{submitted_feedback, FormFeedback, PostForm, SubmitButton, TextArea};
use crate::ui::{href, t, use_locale, ErrorPanel};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_location, use_query_map};
use crate::organizations::model::DirectoryQuery;
use crate::organizations::pages::{DirectoryFilters, DirectoryPagination};

/// `/{lang}/moderation`: organisations awaiting verification and the audit log.
#[component]
pub fn ModerationPage() -> impl IntoView {
    let feedback = submitted_feedback();
    let location = use_location();
    let query = Memo::new(move |_| location.search.with(|search| DirectoryQuery::from_url_query(search)));
    let data = Resource::new(move || query.get(), move |query| {
        let feedback = feedback.clone();
        async move { load_moderation(query).await.map(|data| (data, feedback.unwrap_or_default())) }
    });
    view! {
        <Title text=t(Key::ModerationTitle)/>
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=|| view! { <p class="loading">{t(Key::Loading)}</p> }>
            {move || data.get().map(|result| match result {
                Ok((data, feedback)) => view! { <Moderation data feedback query=query.get_untracked()/> }.into_any(),
                Err(AppError::Unauthorized) => view! {
                    <section class="narrow"><h1>{t(Key::ModerationTitle)}</h1>
                    <p><a class="button button--primary" href=format!("{}?next={}", href("/login"), crate::ui::urlencode(&href("/moderation")))>{t(Key::NavLogin)}</a></p></section>
                }.into_any(),
                Err(error) => view! { <ErrorPanel error/> }.into_any(),
            })}
        </Suspense>
    }
}


#[component]
fn Moderation(data: ModerationData, feedback: FormFeedback, query: DirectoryQuery) -> impl IntoView {
    let locale = use_locale();
    let address = use_query_map();
    let done = move || address.with(|q| q.get("done").is_some()).then(|| view! { <p class="notice notice--success" role="status">{t(Key::ModerationDone)}</p> });
    // After a decision the moderator comes back to the same filters.
    let back = href(&query.link("/moderation", None));
    let total = locale.plural(crate::i18n::PluralKey::OrganizationsFound, data.awaiting.total as u64);
    let (cards, next, previous) = (data.awaiting.items, data.awaiting.next, data.awaiting.previous);
    view! {
        <div class="moderation">
            <h1>{t(Key::ModerationTitle)}</h1>
            {done}
            <section aria-labelledby="awaiting">
                <h2 id="awaiting">{t(Key::ModerationAwaiting)}</h2>
                <p class="lead">{t(Key::ModerationNewestFirst)}</p>
                <DirectoryFilters current=query.clone() path="/moderation"/>
                <p role="status">{total}</p>
                {cards.is_empty().then(|| view! { <p class="empty-state">{t(Key::ModerationNothingAwaiting)}</p> })}
                <ol class="organization-list">
                    {cards.into_iter().map(|card| {
                        let id = card.id;
                        let regions: Vec<&str> = card.regions.iter().filter_map(|c| Region::by_code(c)).map(|r| r.name(locale)).collect();
                        // Only the form that was posted gets its errors back.
                        let mine = feedback.value("organization") == Some(id.to_string().as_str());
                        let fb = if mine { feedback.clone() } else { FormFeedback::default() };
                        let back = back.clone();
                        view! {
                            <li class="organization-card">
                                <div>
                                    <h3><a href=href(&format!("/organizations/{}", card.slug))><LocalizedSpan text=card.name.clone() quiet=true/></a></h3>
                                    <CardLanguageNote texts=vec![card.name.clone()]/>
                                    <p><VerificationBadge verification=card.verification/> " " {t(card.kind.key())} " · " {regions.join(", ")}</p>
                                    <form method="post" action=href(&format!("/moderation/organizations/{id}/verify"))>
                                        <input type="hidden" name="back" value=back.clone()/>
                                        <button type="submit" class="button button--primary">{t(Key::ModerationVerify)}</button>
                                    </form>
                                    <PostForm action=href(&format!("/moderation/organizations/{id}/reject")) feedback=fb>
                                        <input type="hidden" name="back" value=back.clone()/>
                                        <input type="hidden" name="organization" value=id.to_string()/>
                                        <TextArea name="reason" label=Key::ModerationRejectReason maxlength=500 id=format!("reason-{id}")/>
                                        <SubmitButton label=Key::ModerationReject secondary=true/>
                                    </PostForm>
                                </div>
                            </li>
                        }
                    }).collect_view()}
                </ol>
                <DirectoryPagination next previous query path="/moderation"/>
            </section>
            <crate::hours::HoursReviewQueue flagged=data.hours_waiting feedback=feedback.clone() back=back.clone()/>
            <section aria-labelledby="audit-log">
                <h2 id="audit-log">{t(Key::ModerationLog)}</h2>
                <table class="data-table">
                    <thead><tr>
                        <th scope="col">{t(Key::ModerationLogWhen)}</th>
                        <th scope="col">{t(Key::ModerationLogWho)}</th>
                        <th scope="col">{t(Key::ModerationLogWhat)}</th>
                        <th scope="col">{t(Key::ModerationLogReason)}</th>
                    </tr></thead>
                    <tbody>
                        {data.log.into_iter().map(|entry| {
                            let subject = match entry.action {
                                ModeratorAction::HideCampaign | ModeratorAction::ChangeHours | ModeratorAction::ConfirmHours | ModeratorAction::RejectHours => {
                                    href(&format!("/campaigns/{}", entry.subject))
                                }
                                _ => href(&format!("/organizations/{}", entry.subject)),
                            };
                            view! {
                                <tr>
                                    <td><time datetime=entry.at.to_rfc3339()>{format_date(locale, entry.at)}</time></td>
                                    <td>{entry.moderator}</td>
                                    <td>{t(ModeratorAction::key(entry.action))} " " <a href=subject>{entry.subject.clone()}</a></td>
                                    <td>{entry.reason.unwrap_or_default()}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        </div>
    }
}

/// On a campaign's page, for moderators only: hide it with a reason (the server checks the role).
#[component]
pub fn HideCampaignTools(campaign_id: i64) -> impl IntoView {
    let feedback = submitted_feedback();
    let viewer = Resource::new(|| (), move |_| {
        let feedback = feedback.clone();
        async move { (crate::auth::api::load_viewer().await, feedback.unwrap_or_default()) }
    });
    let here = href(&format!("/campaigns/{campaign_id}"));
    view! {
        <Suspense>
            {move || viewer.get().and_then(|(viewer, feedback)| {
                let is_moderator = matches!(viewer, Ok(Some(ref v)) if v.is_moderator);
                let (here, feedback) = (here.clone(), if feedback.value("hide_reason").is_some() { feedback } else { FormFeedback::default() });
                is_moderator.then(|| view! {
                    <section class="moderator-tools" aria-labelledby="moderator-tools">
                        <h2 id="moderator-tools">{t(Key::ModerationTools)}</h2>
                        <PostForm action=href(&format!("/moderation/campaigns/{campaign_id}/hide")) feedback>
                            <input type="hidden" name="back" value=here/>
                            <TextArea name="hide_reason" label=Key::ModerationHideReason maxlength=500/>
                            <SubmitButton label=Key::ModerationHide secondary=true/>
                        </PostForm>
                    </section>
                })
            })}
        </Suspense>
    }
}
