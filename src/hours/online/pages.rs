//! The pages of online sessions: the volunteer's sessions and form on the campaign's page, the
//! sessions of a participant on the organisers' applications page, and the page the person
//! helped opens from the mailed link.

use super::api::load_helped_session;
use super::model::{session_text, HelpedSession, OnlineSession, SessionStatus};
use crate::campaigns::pages::LocalizedSpan;
use crate::forms::{FormFeedback, PostForm, SubmitButton, TextField};
use crate::i18n::Key;
use crate::ui::{href, t, use_locale, MailedLinkPage};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// A volunteer's sessions, each with its time and where its confirmation stands. With
/// `withdraw` (the volunteer's own list), each waiting one has a button that withdraws it.
#[component]
pub fn SessionList(sessions: Vec<OnlineSession>, #[prop(optional)] withdraw: Option<String>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <ul class="sessions">
            {sessions.into_iter().map(|session| {
                let state = if session.status == SessionStatus::Claimed && session.asked_helped { Key::HoursSessionAskedHelped } else { session.state_key() };
                let when = session_text(locale, session.starts_at, session.ends_at);
                let withdraw = withdraw.clone().filter(|_| session.status == SessionStatus::Claimed).map(|action| {
                    let label = locale.t_with(Key::HoursSessionWithdrawLabel, &[("when", &when)]);
                    view! {
                        <form method="post" action=action class="session-withdraw">
                            <input type="hidden" name="session" value=session.id.to_string()/>
                            <button type="submit" class="button button--plain" aria-label=label>{t(Key::HoursSessionWithdraw)}</button>
                        </form>
                    }
                });
                view! {
                    <li class=format!("session session--{}", session.status.code())>
                        <span>{when.clone()}</span>
                        " · " <span>{t(state)}</span>
                        {withdraw}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The day, start and end of a session (Kazakhstan time), with ids unique on the page.
#[component]
fn SessionFields(id: String) -> impl IntoView {
    view! {
        <TextField name="session_day" kind="date" label=Key::HoursSessionDay required=true id=format!("session-day-{id}")/>
        <div class="field-row">
            <TextField name="session_from" kind="time" label=Key::HoursSessionFrom required=true id=format!("session-from-{id}")/>
            <TextField name="session_to" kind="time" label=Key::HoursSessionTo hint=Key::HoursSessionToHint required=true id=format!("session-to-{id}")/>
        </div>
    }
}

/// On an online campaign's page, for an approved volunteer: their sessions and the form that
/// records one, optionally asking the person helped to confirm it.
#[component]
pub fn OnlineSessionsBox(campaign_id: i64, sessions: Vec<OnlineSession>, feedback: FormFeedback) -> impl IntoView {
    let query = use_query_map();
    let notice = move || {
        query.with(|q| match (q.get("session_recorded"), q.get("session_withdrawn")) {
            (Some(how), _) if how == "asked" => Some(Key::HoursSessionRecordedAsked),
            (Some(_), _) => Some(Key::HoursSessionRecorded),
            (None, Some(_)) => Some(Key::HoursSessionWithdrawn),
            (None, None) => None,
        })
        .map(|key| view! { <p class="notice notice--success" role="status">{t(key)}</p> })
    };
    let withdraw = href(&format!("/campaigns/{campaign_id}/sessions/withdraw"));
    view! {
        <div class="sessions-box" id="sessions">
            <h3>{t(Key::HoursSessionsTitle)}</h3>
            <p>{t(Key::HoursCountedOnline)}</p>
            {notice}
            {(!sessions.is_empty()).then(|| view! { <SessionList sessions withdraw/> })}
            <PostForm action=href(&format!("/campaigns/{campaign_id}/sessions")) feedback class="session-form">
                <SessionFields id="mine".to_string()/>
                <TextField name="helped_email" kind="email" label=Key::HoursSessionHelpedEmail hint=Key::HoursSessionHelpedEmailHint autocomplete="off" maxlength=254/>
                <SubmitButton label=Key::HoursSessionSubmit/>
            </PostForm>
        </div>
    }
}

/// On the organisers' applications page, for an approved participant of an online campaign:
/// their sessions, a confirm and a reject button for each waiting one, and a form to record one.
#[component]
pub fn ParticipantSessions(application: i64, sessions: Vec<OnlineSession>, base: String, feedback: FormFeedback) -> impl IntoView {
    let decide = href(&format!("{base}/applications/{application}/sessions/decide"));
    let add = href(&format!("{base}/applications/{application}/sessions"));
    let waiting: Vec<OnlineSession> = sessions.iter().filter(|s| s.status == SessionStatus::Claimed).cloned().collect();
    let locale = use_locale();
    // Open when the form comes back refused, so that its errors show.
    let refused = !feedback.errors.is_empty();
    view! {
        <div class="participant-sessions">
            <h4>{t(Key::HoursSessionsTitle)}</h4>
            {if sessions.is_empty() {
                view! { <p>{t(Key::HoursSessionsNone)}</p> }.into_any()
            } else {
                view! { <SessionList sessions/> }.into_any()
            }}
            {waiting.into_iter().map(|session| view! {
                <form method="post" action=decide.clone() class="session-decision">
                    <input type="hidden" name="application" value=application.to_string()/>
                    <input type="hidden" name="session" value=session.id.to_string()/>
                    <span>{session_text(locale, session.starts_at, session.ends_at)}</span>
                    <button type="submit" name="decision" value="confirm" class="button button--secondary">{t(Key::HoursSessionConfirm)}</button>
                    <button type="submit" name="decision" value="reject" class="button button--secondary">{t(Key::HoursSessionReject)}</button>
                </form>
            }).collect_view()}
            <details open=refused>
                <summary>{t(Key::HoursSessionAdd)}</summary>
                <PostForm action=add feedback class="session-form">
                    <input type="hidden" name="application" value=application.to_string()/>
                    <SessionFields id=application.to_string()/>
                    <SubmitButton label=Key::HoursSessionAddSubmit secondary=true/>
                </PostForm>
            </details>
        </div>
    }
}

/// `/{lang}/sessions/confirm?token=…`: the person helped confirms a volunteer's online session,
/// or says it did not happen. No account is needed.
#[component]
pub fn HelpedSessionPage() -> impl IntoView {
    let answer = |session: HelpedSession, token: String, feedback: FormFeedback, done: Option<String>| view! { <HelpedAnswer session token feedback done/> };
    view! {
        <MailedLinkPage title=Key::HelpedTitle invalid_title=Key::HelpedLinkInvalidTitle invalid_text=Key::HelpedLinkInvalidText
            load=load_helped_session answer/>
    }
}

#[component]
fn HelpedAnswer(session: HelpedSession, token: String, feedback: FormFeedback, done: Option<String>) -> impl IntoView {
    let locale = use_locale();
    let notice = match (done.as_deref(), session.status) {
        (Some("confirmed"), SessionStatus::Confirmed) => Some(t(Key::HelpedConfirmedNotice)),
        (Some("rejected"), SessionStatus::Rejected) => Some(t(Key::HelpedRejectedNotice)),
        _ => None,
    };
    let status = match session.status {
        SessionStatus::Claimed if session.can_answer => None,
        SessionStatus::Claimed => Some(t(Key::HelpedExpired)),
        SessionStatus::Confirmed => Some(t(Key::HelpedStatusConfirmed)),
        SessionStatus::Rejected => Some(t(Key::HelpedStatusRejected)),
    };
    let lead = locale.t_with(Key::HelpedLead, &[("name", &session.volunteer)]);
    view! {
        {notice.map(|text| view! { <p class="notice notice--success" role="status">{text}</p> })}
        <p>{lead}</p>
        <dl class="facts">
            <div><dt>{t(Key::HelpedVolunteer)}</dt><dd>{session.volunteer.clone()}</dd></div>
            <div><dt>{t(Key::HelpedCampaign)}</dt><dd><LocalizedSpan text=session.campaign.clone()/></dd></div>
            <div><dt>{t(Key::HelpedOrganization)}</dt><dd><LocalizedSpan text=session.organization.clone()/></dd></div>
            <div><dt>{t(Key::HelpedWhen)}</dt><dd>{session_text(locale, session.starts_at, session.ends_at)}</dd></div>
        </dl>
        {status.map(|text| view! { <p class="notice" role="status">{text}</p> })}
        {session.can_answer.then(|| view! {
            <PostForm action=href("/sessions/confirm") feedback label=t(Key::HelpedTitle).to_string()>
                <input type="hidden" name="token" value=token/>
                <p>{t(Key::HelpedQuestion)}</p>
                <p class="actions">
                    <button type="submit" name="answer" value="confirm" class="button button--primary">{t(Key::HelpedConfirm)}</button>
                    <button type="submit" name="answer" value="reject" class="button button--secondary">{t(Key::HelpedReject)}</button>
                </p>
            </PostForm>
        })}
    }
}
