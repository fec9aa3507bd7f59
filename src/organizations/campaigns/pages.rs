//! The organisers' pages: their campaigns, the campaign editor, the applications to a campaign.

use super::form::{
    campaign_language_fields, check_address, check_capacity, check_datetime, check_latitude, check_longitude, check_title, local_input_value,
    CampaignDraft, ADDRESS_MAX, DESCRIPTION_MAX, QUESTION_MAX, REQUIREMENTS_MAX, TITLE_MAX,
};
use super::api::{load_campaign_applications, load_campaign_editor, load_managed_campaigns};
use super::model::{Applicant, ApplicationsData, CampaignsData, EditorData};
use crate::campaigns::pages::LocalizedSpan;
use crate::errors::AppError;
use crate::i18n::{format_date, format_date_range, Key};
use crate::organizations::pages::fields::LanguageTexts;
use crate::reference::{Region, DIRECTIONS};
use crate::forms::{submitted_feedback, AgreeBox, FormFeedback, PostForm, SelectField, SubmitButton, TextField};
use crate::hours::hours_text;
use crate::hours::model::HoursReview;
use crate::ui::{href, t, use_locale, ErrorPanel};
use crate::volunteers::applications::pages::status_text;
use crate::volunteers::applications::model::ApplicationStatus;
use crate::forms::checks::display_phone;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

fn slug_param() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get("slug").unwrap_or_default()))
}

fn campaign_param() -> Memo<i64> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| id.parse().ok()).filter(|id: &i64| *id > 0).unwrap_or(-1)))
}

/// A page for members only: the sign-in prompt for visitors, the error page for others.
pub fn members_only(error: AppError) -> AnyView {
    match error {
        AppError::Unauthorized => view! {
            <section class="narrow"><p>{t(Key::OrgSignInFirst)}</p>
            <p><a class="button button--primary" href=href("/login")>{t(Key::NavLogin)}</a></p></section>
        }
        .into_any(),
        error => view! { <ErrorPanel error/> }.into_any(),
    }
}

fn status_key(status: &str) -> Key {
    match status {
        "published" => Key::ManageStatusPublished,
        "cancelled" => Key::ManageStatusCancelled,
        _ => Key::ManageStatusDraft,
    }
}

/// `/{lang}/organizations/{slug}/campaigns`: every campaign of the organisation.
#[component]
pub fn ManageCampaignsPage() -> impl IntoView {
    let slug = slug_param();
    let data = Resource::new(move || slug.get(), load_managed_campaigns);
    view! {
        <Title text=t(Key::ManageTitle)/>
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=|| view! { <p class="loading">{t(Key::Loading)}</p> }>
            {move || data.get().map(|result| match result {
                Ok(data) => view! { <CampaignTable data/> }.into_any(),
                Err(error) => members_only(error),
            })}
        </Suspense>
    }
}

#[component]
fn CampaignTable(data: CampaignsData) -> impl IntoView {
    let locale = use_locale();
    let base = format!("/organizations/{}", data.organization.slug);
    view! {
        <section class="manage">
            <p class="back-link"><a href=href(&base)>"← " <LocalizedSpan text=data.organization.name.clone()/></a></p>
            <h1>{t(Key::ManageTitle)}</h1>
            {(!data.organization.verified).then(|| view! { <p class="notice">{t(Key::ManageNotVerified)}</p> })}
            <p class="actions">
                <a class="button button--primary" href=href(&format!("{base}/campaigns/new"))>{t(Key::ManageNew)}</a>
                <a class="button button--secondary" href=href(&format!("{base}/hours"))>{t(Key::OrgHoursTitle)}</a>
            </p>
            {data.campaigns.is_empty().then(|| view! { <p class="empty-state">{t(Key::ManageEmpty)}</p> })}
            <table class="data-table">
                <thead><tr>
                    <th scope="col">{t(Key::ManageColumnCampaign)}</th>
                    <th scope="col">{t(Key::ManageColumnWhen)}</th>
                    <th scope="col">{t(Key::ManageColumnStatus)}</th>
                    <th scope="col">{t(Key::ManageColumnPlaces)}</th>
                </tr></thead>
                <tbody>
                    {data.campaigns.into_iter().map(|c| {
                        let places = match c.capacity {
                            Some(capacity) => format!("{} / {capacity}", c.spots_taken),
                            None => c.spots_taken.to_string(),
                        };
                        let waiting = (c.waiting > 0).then(|| locale.t_with(Key::ManageWaiting, &[("n", &c.waiting.to_string())]));
                        view! {
                            <tr>
                                <td>
                                    <a href=href(&format!("{base}/campaigns/{}/edit", c.id))><LocalizedSpan text=c.title.clone()/></a>
                                    " · " <a href=href(&format!("{base}/campaigns/{}/applications", c.id))>{t(Key::ManageApplications)}</a>
                                </td>
                                <td>{format_date_range(locale, c.starts_at, c.ends_at)}</td>
                                <td>{t(status_key(&c.status))}</td>
                                <td>{places} {waiting.map(|w| view! { <br/><small>{w}</small> })}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// `/{lang}/organizations/{slug}/campaigns/new` and `…/campaigns/{id}/edit`.
#[component]
pub fn CampaignEditorPage() -> impl IntoView {
    let slug = slug_param();
    let campaign = campaign_param();
    let feedback = submitted_feedback();
    let data = Resource::new(move || (slug.get(), campaign.get()), move |(slug, campaign)| {
        let feedback = feedback.clone();
        // The address `…/new` has no id: 0 asks for an empty editor.
        async move { (load_campaign_editor(slug, campaign.max(0)).await, feedback.unwrap_or_default()) }
    });
    view! {
        <Title text=t(Key::ManageEditTitle)/>
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=|| view! { <p class="loading">{t(Key::Loading)}</p> }>
            {move || data.get().map(|(result, feedback)| match result {
                Ok(data) => view! { <CampaignEditor data feedback/> }.into_any(),
                Err(error) => members_only(error),
            })}
        </Suspense>
    }
}

#[component]
fn CampaignEditor(data: EditorData, feedback: FormFeedback) -> impl IntoView {
    let query = use_query_map();
    let notice = move || {
        query.with(|q| {
            [("saved", Key::ManageSaved), ("published", Key::ManagePublished), ("cancelled", Key::ManageCancelled), ("duplicated", Key::ManageDuplicated)]
                .into_iter()
                .find(|(flag, _)| q.get(flag).is_some())
                .map(|(_, key)| view! { <p class="notice notice--success" role="status">{t(key)}</p> })
        })
    };
    let base = format!("/organizations/{}/campaigns", data.organization.slug);
    let action = match data.id {
        Some(id) => href(&format!("{base}/{id}/edit")),
        None => href(&format!("{base}/new")),
    };
    let draft = data.draft.clone();
    let status = data.status.clone();
    let can_publish = data.organization.verified && status.as_deref() != Some("published");
    view! {
        <section class="editor">
            <p class="back-link"><a href=href(&base)>"← " {t(Key::ManageTitle)}</a></p>
            <h1>{if data.id.is_some() { t(Key::ManageEditTitle) } else { t(Key::ManageNew) }}</h1>
            {status.as_deref().map(|s| view! { <p><strong>{t(Key::ManageColumnStatus)} ": "</strong>{t(status_key(s))}</p> })}
            {notice}
            {(!data.organization.verified).then(|| view! { <p class="notice">{t(Key::ManageNotVerified)}</p> })}
            <PostForm action feedback>
                <CampaignFields draft/>
                <div class="actions">
                    <button type="submit" name="action" value="save" class="button button--secondary">{t(Key::ManageSaveDraft)}</button>
                    {can_publish.then(|| view! {
                        <button type="submit" name="action" value="publish" class="button button--primary">{t(Key::ManageSavePublish)}</button>
                    })}
                </div>
            </PostForm>
            {data.id.map(|id| view! { <CampaignActions base=base.clone() id status=data.status.clone().unwrap_or_default()/> })}
        </section>
    }
}

/// Cancel, duplicate, see the applications and the public page.
#[component]
fn CampaignActions(base: String, id: i64, status: String) -> impl IntoView {
    view! {
        <section class="campaign-actions" aria-labelledby="campaign-actions">
            <h2 id="campaign-actions">{t(Key::ManageActions)}</h2>
            <p>
                <a href=href(&format!("{base}/{id}/applications"))>{t(Key::ManageApplications)}</a>
                {(status == "published").then(|| view! { " · " <a href=href(&format!("/campaigns/{id}"))>{t(Key::ManagePublicPage)}</a> })}
            </p>
            <div class="actions">
                <form method="post" action=href(&format!("{base}/{id}/duplicate"))>
                    <button type="submit" class="button button--secondary">{t(Key::ManageDuplicate)}</button>
                </form>
                {(status != "cancelled").then(|| view! {
                    <form method="post" action=href(&format!("{base}/{id}/cancel"))>
                        <button type="submit" class="button button--danger">{t(Key::ManageCancel)}</button>
                    </form>
                })}
            </div>
        </section>
    }
}

/// Every field of a campaign, filled with `draft`.
#[component]
fn CampaignFields(draft: CampaignDraft) -> impl IntoView {
    let locale = use_locale();
    let directions = DIRECTIONS.iter().map(|d| (d.slug.to_string(), d.name(locale).to_string())).collect();
    let regions = Region::options(locale);
    let modes = vec![("onsite".to_string(), t(Key::ModeOnsite).to_string()), ("online".to_string(), t(Key::ModeOnline).to_string())];
    let mode = if draft.direction.is_empty() { String::new() } else if draft.is_online { "online".into() } else { "onsite".into() };
    let number = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    let when = |v: Option<chrono::DateTime<chrono::Utc>>| v.map(local_input_value).unwrap_or_default();
    view! {
        <LanguageTexts fields=campaign_language_fields("title") legend=Key::ManageFieldTitle text=draft.title.clone() maxlength=TITLE_MAX check=check_title/>
        <LanguageTexts fields=campaign_language_fields("description") legend=Key::ManageFieldDescription text=draft.description.clone()
            maxlength=DESCRIPTION_MAX long=true/>
        <SelectField name="direction" label=Key::FilterDirection options=directions value=draft.direction.clone() required=true/>
        <SelectField name="region" label=Key::FilterRegion options=regions value=draft.region.clone() required=true/>
        <SelectField name="mode" label=Key::FilterMode options=modes value=mode required=true/>
        <TextField name="address" label=Key::ManageFieldAddress value=draft.address.clone() maxlength=ADDRESS_MAX check=check_address
            hint=Key::ManageFieldAddressHint/>
        <fieldset class="group">
            <legend>{t(Key::ManageFieldPoint)}</legend>
            <p class="field__hint">{t(Key::ManageFieldPointHint)}</p>
            <TextField name="latitude" label=Key::ManageFieldLatitude value=number(draft.latitude) maxlength=20 check=check_latitude/>
            <TextField name="longitude" label=Key::ManageFieldLongitude value=number(draft.longitude) maxlength=20 check=check_longitude/>
        </fieldset>
        <TextField name="starts_at" label=Key::ManageFieldStarts kind="datetime-local" value=when(draft.starts_at) required=true check=check_datetime/>
        <TextField name="ends_at" label=Key::ManageFieldEnds kind="datetime-local" value=when(draft.ends_at) required=true check=check_datetime/>
        <TextField name="capacity" label=Key::ManageFieldCapacity kind="number" value=draft.capacity.map(|c| c.to_string()).unwrap_or_default()
            hint=Key::ManageFieldCapacityHint maxlength=6 check=check_capacity/>
        <AgreeBox name="adults_only" checked=draft.adults_only>{t(Key::ManageFieldAdultsOnly)}</AgreeBox>
        <LanguageTexts fields=campaign_language_fields("requirements") legend=Key::ManageFieldRequirements text=draft.requirements.clone()
            maxlength=REQUIREMENTS_MAX long=true/>
        <LanguageTexts fields=campaign_language_fields("question") legend=Key::ManageFieldQuestion text=draft.question.clone()
            maxlength=QUESTION_MAX hint=Key::ManageFieldQuestionHint/>
    }
    .into_any()
}

/// `/{lang}/organizations/{slug}/campaigns/{id}/applications`: decide, then record attendance.
#[component]
pub fn CampaignApplicationsPage() -> impl IntoView {
    let slug = slug_param();
    let campaign = campaign_param();
    let feedback = submitted_feedback();
    let data = Resource::new(move || (slug.get(), campaign.get()), move |(slug, campaign)| {
        let feedback = feedback.clone();
        async move { (load_campaign_applications(slug, campaign).await, feedback.unwrap_or_default()) }
    });
    view! {
        <Title text=t(Key::ManageApplications)/>
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=|| view! { <p class="loading">{t(Key::Loading)}</p> }>
            {move || data.get().map(|(result, feedback)| match result {
                Ok(data) => view! { <Applications data feedback/> }.into_any(),
                Err(error) => members_only(error),
            })}
        </Suspense>
    }
}

#[component]
fn Applications(data: ApplicationsData, feedback: FormFeedback) -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let base = format!("/organizations/{}/campaigns/{}", data.organization.slug, data.campaign.id);
    let csv = href(&format!("{base}/participants.csv"));
    let started = data.started;
    let posted = feedback.value("application").map(str::to_string);
    let published = data.campaign.status == "published";
    let online = data.is_online;
    // Hours from check-in that nobody confirmed yet.
    let unconfirmed = data
        .applicants
        .iter()
        .filter(|a| a.status == ApplicationStatus::Approved && a.hours_source.is_none() && a.review.is_none() && a.checked_hours.is_some())
        .count();
    let notice = move || {
        query.with(|q| {
            let confirmed = q.get("confirmed").map(|n| view! { <p class="notice notice--success" role="status">{locale.t_with(Key::HoursConfirmedNotice, &[("n", &n)])}</p> });
            let flagged = q.get("flagged").filter(|n| n != "0").map(|n| view! { <p class="notice" role="status">{locale.t_with(Key::HoursFlaggedNotice, &[("n", &n)])}</p> });
            let session = q.get("session").map(|_| view! { <p class="notice notice--success" role="status">{t(Key::HoursSessionSaved)}</p> });
            (confirmed, flagged, session)
        })
    };
    view! {
        <section class="manage">
            <p class="back-link"><a href=href(&format!("{base}/edit"))>"← " <LocalizedSpan text=data.campaign.title.clone()/></a></p>
            <h1>{t(Key::ManageApplications)}</h1>
            <p>{format_date_range(locale, data.campaign.starts_at, data.campaign.ends_at)}</p>
            {notice}
            <p class="actions">
                <a href=csv download="participants.csv" rel="external">{t(Key::ManageDownloadCsv)}</a>
                {(published && !online).then(|| view! { <a class="button button--secondary" href=href(&format!("{base}/check-in"))>{t(Key::HoursScreenLink)}</a> })}
            </p>
            {(unconfirmed > 0).then(|| view! {
                <form method="post" action=href(&format!("{base}/hours/confirm")) class="confirm-all">
                    <p>{locale.t_with(Key::HoursUnconfirmed, &[("n", &unconfirmed.to_string())])}</p>
                    <button type="submit" class="button button--primary">{t(Key::HoursConfirmAll)}</button>
                </form>
            })}
            {data.applicants.is_empty().then(|| view! { <p class="empty-state">{t(Key::ManageNoApplications)}</p> })}
            <ol class="applicant-list">
                {data.applicants.into_iter().map(|applicant| {
                    let mine = posted.as_deref() == Some(applicant.id.to_string().as_str());
                    let fb = if mine { feedback.clone() } else { FormFeedback::default() };
                    view! { <li><ApplicantCard applicant base=base.clone() started online feedback=fb/></li> }
                }).collect_view()}
            </ol>
        </section>
    }
}

/// The volunteer's check-ins and check-outs, the hours they add up to, and where those stand.
#[component]
fn CheckedTimes(applicant: Applicant, base: String) -> impl IntoView {
    let locale = use_locale();
    let times = applicant.marks.iter().map(|mark| format!("{} {}", t(mark.kind.key()), crate::i18n::format_time(mark.at))).collect::<Vec<_>>().join(" · ");
    let awaiting = applicant.hours_source.is_none() && applicant.review.is_none();
    let id = applicant.id;
    let review = applicant.review.clone().map(|review| {
        let text = match review {
            HoursReview::Waiting(flags) => {
                let reasons = flags.iter().map(|flag| t(flag.key())).collect::<Vec<_>>().join("; ");
                locale.t_with(Key::HoursWaitingForModerator, &[("reasons", &reasons)])
            }
            HoursReview::Confirmed => t(Key::HoursModeratorConfirmed).to_string(),
            HoursReview::Rejected => t(Key::HoursModeratorRejected).to_string(),
        };
        view! { <p class="notice">{text}</p> }
    });
    view! {
        <div class="checked-times">
            <p>{times}</p>
            {review}
            {applicant.checked_hours.map(|hours| {
                let text = locale.t_with(if awaiting { Key::HoursFromCheckInAwaiting } else { Key::HoursFromCheckIn }, &[("hours", &hours_text(hours))]);
                view! {
                    <p>{text}</p>
                    {awaiting.then(|| view! {
                        <form method="post" action=href(&format!("{base}/hours/confirm"))>
                            <input type="hidden" name="application" value=id.to_string()/>
                            <button type="submit" class="button button--secondary">{t(Key::HoursConfirm)}</button>
                        </form>
                    })}
                }
            })}
        </div>
    }
}

#[component]
fn ApplicantCard(applicant: Applicant, base: String, started: bool, online: bool, feedback: FormFeedback) -> impl IntoView {
    let locale = use_locale();
    let id = applicant.id;
    let decide = href(&format!("{base}/applications/{id}/decide"));
    let attendance = href(&format!("{base}/applications/{id}/attendance"));
    let status = applicant.status;
    let decision = |value: &'static str, label: Key, show: bool| {
        show.then(|| view! { <button type="submit" name="decision" value=value class="button button--secondary">{t(label)}</button> })
    };
    let open = status != ApplicationStatus::Cancelled;
    let hours = applicant.hours.or(applicant.checked_hours).map(|h| h.to_string()).unwrap_or_default();
    // Hours from check-in or confirmed sessions are changed only with a reason.
    let recorded = applicant.checked_hours.is_some() || applicant.sessions.iter().any(|s| s.status == crate::hours::online::model::SessionStatus::Confirmed);
    let sessions = (online && started && status == ApplicationStatus::Approved).then(|| view! {
        <crate::hours::online::ParticipantSessions application=id sessions=applicant.sessions.clone() base=base.clone() feedback=feedback.clone()/>
    });
    let source = applicant.hours_source.map(|source| t(source.key()));
    let checked = (!applicant.marks.is_empty()).then(|| view! { <CheckedTimes applicant=applicant.clone() base=base.clone()/> });
    view! {
        <article class="applicant" id=format!("application-{id}")>
            <h3>{applicant.full_name.clone()}</h3>
            <p class="status">{status_text(status)}</p>
            <dl class="facts">
                <div><dt>{t(Key::CsvEmail)}</dt><dd><a href=format!("mailto:{}", applicant.email)>{applicant.email.clone()}</a></dd></div>
                <div><dt>{t(Key::CsvPhone)}</dt><dd>{display_phone(&applicant.phone)}</dd></div>
                <div><dt>{t(Key::CsvBirthDate)}</dt><dd>{
                    // Written like every other date of the page (the CSV keeps 1990-02-03).
                    chrono::NaiveDate::parse_from_str(&applicant.birth_date, "%Y-%m-%d")
                        .map(|day| crate::i18n::format_day(use_locale(), day))
                        .unwrap_or_else(|_| applicant.birth_date.clone())
                }</dd></div>
                <div><dt>{t(Key::CsvApplied)}</dt><dd>{format_date(locale, applicant.applied_at)}</dd></div>
                {applicant.answer.clone().map(|answer| view! { <div><dt>{t(Key::CsvAnswer)}</dt><dd>{answer}</dd></div> })}
                {applicant.hours.map(|hours| view! { <div><dt>{t(Key::ManageHours)}</dt><dd>{hours_text(hours)} {source.map(|s| view! { <small>" · " {s}</small> })}</dd></div> })}
            </dl>
            {checked}
            {sessions}
            {open.then(|| view! {
                <PostForm action=decide feedback=feedback.clone() class="decisions">
                    <input type="hidden" name="application" value=id.to_string()/>
                    {decision("approve", Key::ManageApprove, status != ApplicationStatus::Approved)}
                    {decision("waitlist", Key::ManageWaitlist, status != ApplicationStatus::Waitlisted)}
                    {decision("reject", Key::ManageReject, status != ApplicationStatus::Rejected)}
                </PostForm>
            })}
            {(started && status == ApplicationStatus::Approved).then(|| view! {
                <PostForm action=attendance feedback=feedback.clone() class="attendance">
                    <input type="hidden" name="application" value=id.to_string()/>
                    <fieldset class="group">
                        <legend>{t(Key::ManageAttendance)}</legend>
                        <label class="choice"><input type="radio" name="attended" value="yes" checked=applicant.attended == Some(true)/>
                            <span>{t(Key::ManageCame)}</span></label>
                        <label class="choice"><input type="radio" name="attended" value="no" checked=applicant.attended == Some(false)/>
                            <span>{t(Key::ManageDidNotCome)}</span></label>
                        <TextField name="hours" label=Key::ManageHours value=hours.clone() maxlength=8 id=format!("hours-{id}")/>
                        {recorded.then(|| view! {
                            <TextField name="reason" label=Key::HoursChangeReason hint=Key::HoursChangeReasonHint maxlength=crate::hours::model::REASON_MAX id=format!("reason-{id}")/>
                        })}
                    </fieldset>
                    <SubmitButton label=Key::ManageRecord secondary=true/>
                </PostForm>
            })}
        </article>
    }
    .into_any()
}
