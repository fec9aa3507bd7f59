//! The apply panel on a campaign page.

use super::api::load_apply_state;
use super::model::{ApplicationStatus, ApplyState, MyApplication, Obstacle};
use crate::ui::urlencode;
use crate::i18n::{Key, LocalizedText};
use crate::forms::{submitted_feedback, FormFeedback, PostForm, SubmitButton, TextArea};
use crate::ui::{href, t, use_locale};
use crate::volunteers::form::ANSWER_MAX;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ApplyPanel(campaign_id: i64, question: LocalizedText) -> impl IntoView {
    let feedback = submitted_feedback();
    let state = Resource::new(
        move || campaign_id,
        move |id| {
            let feedback = feedback.clone();
            async move { (load_apply_state(id).await, feedback) }
        },
    );
    let query = use_query_map();
    let notice = move || {
        query.with(|q| {
            [
                ("applied", Key::ApplyDoneApplied),
                ("waitlisted", Key::ApplyDoneWaitlisted),
                ("cancelled", Key::ApplyDoneCancelled),
                ("already", Key::ApplyAlready),
                ("checked_in", Key::HoursCheckedIn),
                ("checked_out", Key::HoursCheckedOut),
            ]
                .into_iter()
                .find(|(flag, _)| q.get(flag).is_some())
                .map(|(_, key)| view! { <p class="notice notice--success" role="status">{t(key)}</p> })
        })
    };
    view! {
        <section class="apply" id="apply" aria-labelledby="apply-title">
            <h2 id="apply-title">{t(Key::ApplyTitle)}</h2>
            {notice}
            <Suspense fallback=|| view! { <p class="loading">{t(Key::Loading)}</p> }>
                {move || state.get().map(|(result, feedback)| match result {
                    Ok(state) => view! { <PanelBody campaign_id state question=question.clone() feedback=feedback.unwrap_or_default()/> }.into_any(),
                    Err(error) => view! { <p class="notice">{error.message(use_locale())}</p> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn PanelBody(campaign_id: i64, state: ApplyState, question: LocalizedText, feedback: FormFeedback) -> impl IntoView {
    let locale = use_locale();
    let here = href(&format!("/campaigns/{campaign_id}"));
    if let Some(application) = state.application.clone().filter(|a| a.status != ApplicationStatus::Cancelled) {
        let approved = application.status == ApplicationStatus::Approved;
        let hours = match (approved, state.is_online, state.check_in_open) {
            (false, _, _) => None,
            (true, true, _) => Some(view! { <crate::hours::online::OnlineSessionsBox campaign_id sessions=state.sessions.clone() feedback/> }.into_any()),
            (true, false, true) => Some(view! { <crate::hours::CheckInBox campaign_id feedback/> }.into_any()),
            (true, false, false) => Some(view! { <p class="field__hint">{t(Key::HoursCountedByCheckInLater)}</p> }.into_any()),
        };
        return view! { <ApplicationStatusView campaign_id application/> {hours} }.into_any();
    }
    match state.obstacle {
        Some(Obstacle::SignedOut) => view! {
            <p>{t(Key::ApplySignedOut)}</p>
            <p class="actions">
                <a class="button button--primary" href=format!("{}?next={}", href("/login"), urlencode(&here))>{t(Key::ApplySignIn)}</a>
                <a class="button button--secondary" href=format!("{}?next={}", href("/signup"), urlencode(&here))>{t(Key::NavSignup)}</a>
            </p>
        }.into_any(),
        Some(Obstacle::SignupUnfinished(step)) => view! {
            <p>{t(Key::ApplyFinishSignup)}</p>
            <p><a class="button button--primary" href=format!("{}?next={}", href(&step.path()), urlencode(&here))>{t(Key::SignupContinue)}</a></p>
        }.into_any(),
        Some(Obstacle::AddressUnverified) => view! {
            <p>{t(Key::ApplyVerifyFirst)}</p>
            <form method="post" action=href("/verify/resend")>
                <button type="submit" class="button button--secondary">{t(Key::VerifyResend)}</button>
            </form>
        }.into_any(),
        Some(Obstacle::AwaitingGuardian) => view! {
            <p class="notice">{t(Key::ApplyAwaitingGuardian)}</p>
            <p><a class="button button--secondary" href=href("/me#guardian")>{t(Key::GuardianManage)}</a></p>
        }.into_any(),
        Some(Obstacle::Ended) => view! { <p>{t(Key::CampaignEnded)}</p> }.into_any(),
        Some(Obstacle::TooYoung { min_age }) => {
            let text = if min_age >= 18 { t(Key::ApplyAdultsOnly).to_string() } else { locale.t_with(Key::ApplyTooYoung, &[("age", &min_age.to_string())]) };
            view! { <p class="notice">{text}</p> }.into_any()
        }
        None => {
            let question = question.pick(locale).map(|q| q.text.to_string());
            let label = if state.full { Key::ApplyJoinWaitlist } else { Key::ApplySubmit };
            view! {
                {state.full.then(|| view! { <p>{t(Key::ApplyFullNote)}</p> })}
                <PostForm action=format!("{here}/apply") feedback>
                    {question.map(|q| view! {
                        <p class="apply__question">{q}</p>
                        <TextArea name="answer" label=Key::ApplyAnswer maxlength=ANSWER_MAX/>
                    })}
                    <p class="field__hint">{t(Key::ApplyProfileNote)}</p>
                    <SubmitButton label/>
                </PostForm>
            }.into_any()
        }
    }
}

#[component]
pub fn ApplicationStatusView(campaign_id: i64, application: MyApplication) -> impl IntoView {
    let locale = use_locale();
    let text = match (application.status, application.waitlist_position) {
        (ApplicationStatus::Waitlisted, Some(n)) => locale.t_with(Key::ApplyStatusWaitlistedAt, &[("n", &n.to_string())]),
        (status, _) => status_text(status).to_string(),
    };
    let action = href(&format!("/campaigns/{campaign_id}/cancel"));
    view! {
        <p class=format!("status status--{}", application.status.code())>{text}</p>
        {application.status.can_cancel().then(|| view! {
            <form method="post" action=action>
                <button type="submit" class="button button--secondary">{t(Key::ApplyCancel)}</button>
            </form>
        })}
    }
}

pub fn status_text(status: ApplicationStatus) -> &'static str {
    t(status.key())
}
