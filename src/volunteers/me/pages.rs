use super::api::load_my_page;
use super::model::{ApplicationLine, MyPageData};
use crate::volunteers::guardian::model::{GuardianDecision, MyGuardian};
use crate::i18n::{format_date, format_date_range, Key};
use crate::forms::{submitted_feedback, AgreeBox, FormFeedback, PostForm, SubmitButton, TextField};
use crate::ui::{href, t, use_locale, ErrorPanel};
use crate::volunteers::applications::pages::status_text;
use crate::volunteers::applications::model::ApplicationStatus;
use crate::volunteers::model::SignupStep;
use crate::volunteers::form::{check_password, PASSWORD_MAX};
use crate::volunteers::signup::pages::{AboutFields, InterestsFields};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

#[component]
pub fn MyPage() -> impl IntoView {
    let feedback = submitted_feedback();
    let data = Resource::new(|| (), move |_| {
        let feedback = feedback.clone();
        async move { (load_my_page().await, feedback) }
    });
    view! {
        <Title text=t(Key::MeTitle)/>
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=|| view! { <p class="loading">{t(Key::Loading)}</p> }>
            {move || data.get().map(|(result, feedback)| match result {
                Ok(Some(data)) => view! { <MyPageView data feedback=feedback.unwrap_or_default()/> }.into_any(),
                Ok(None) => view! {
                    <section class="narrow">
                        <h1>{t(Key::MeTitle)}</h1>
                        <p>{t(Key::MeSignInFirst)}</p>
                        <p><a class="button button--primary" href=format!("{}?next={}", href("/login"), crate::ui::urlencode(&href("/me")))>{t(Key::NavLogin)}</a></p>
                    </section>
                }.into_any(),
                Err(error) => view! { <ErrorPanel error/> }.into_any(),
            })}
        </Suspense>
    }
}

/// The feedback belongs to the form that was posted (its hidden `form` field names it).
fn feedback_for(feedback: &FormFeedback, form: &str) -> FormFeedback {
    if feedback.value("form") == Some(form) {
        feedback.clone()
    } else {
        FormFeedback::default()
    }
}

#[component]
fn MyPageView(data: MyPageData, feedback: FormFeedback) -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let notice = move || {
        query.with(|q| {
            [("saved", Key::MeSaved), ("password_changed", Key::MePasswordChanged), ("verification_sent", Key::MeVerificationSent)]
                .into_iter()
                .find(|(flag, _)| q.get(flag).is_some())
                .map(|(_, key)| view! { <p class="notice notice--success" role="status">{t(key)}</p> })
        })
    };
    let viewer = data.viewer.clone();
    let greeting = if viewer.full_name.is_empty() { viewer.email.clone() } else { viewer.full_name.clone() };
    let hours = crate::i18n::format_number(locale, data.hours.round() as i64);
    let consent = data.consent_given_at.map(|at| {
        locale.t_with(Key::MeConsentGiven, &[("version", data.consent_version.as_deref().unwrap_or("")), ("date", &format_date(locale, at))])
    });
    // Withdrawn applications stay listed, but are not counted.
    let applications = data.upcoming.iter().chain(&data.past).filter(|line| line.status != ApplicationStatus::Cancelled).count();
    let profile_fb = feedback_for(&feedback, "profile");
    let password_fb = feedback_for(&feedback, "password");
    let delete_fb = feedback_for(&feedback, "delete");
    view! {
        <div class="me">
            <h1>{t(Key::MeTitle)}</h1>
            <p class="lead">{greeting}</p>
            {notice}
            {(viewer.signup_step != SignupStep::Done).then(|| view! {
                <p class="notice">{t(Key::ApplyFinishSignup)} " " <a href=href(&viewer.signup_step.path())>{t(Key::SignupContinue)}</a></p>
            })}
            {(!viewer.email_verified).then(|| view! {
                <div class="notice">
                    <p>{locale.t_with(Key::SignupCheckMail, &[("email", &viewer.email)])}</p>
                    <form method="post" action=href("/verify/resend")>
                        <button type="submit" class="button button--secondary">{t(Key::VerifyResend)}</button>
                    </form>
                </div>
            })}
            {(viewer.awaiting_guardian || data.guardian.is_some()).then(|| view! { <GuardianSection guardian=data.guardian.clone() awaiting=viewer.awaiting_guardian/> })}
            <dl class="figures">
                <div><dt>{t(Key::MeHours)}</dt><dd>{hours}</dd></div>
                <div><dt>{t(Key::MeApplicationsCount)}</dt><dd>{applications}</dd></div>
            </dl>
            <p><a class="button button--secondary" href=href("/me/book")>{t(Key::BookOpen)}</a></p>
            <section aria-labelledby="my-applications">
                <h2 id="my-applications">{t(Key::MeApplications)}</h2>
                <ApplicationList lines=data.upcoming empty=Key::MeNoApplications cancellable=true/>
            </section>
            <section aria-labelledby="my-past">
                <h2 id="my-past">{t(Key::MePast)}</h2>
                <ApplicationList lines=data.past empty=Key::MeNoPast cancellable=false/>
            </section>
            <section aria-labelledby="my-organizations">
                <h2 id="my-organizations">{t(Key::MeOrganizations)}</h2>
                {data.organizations.is_empty().then(|| view! { <p>{t(Key::MeNoOrganizations)}</p> })}
                <ul class="plain-list">
                    {data.organizations.clone().into_iter().map(|(card, _)| view! {
                        <li><a href=href(&format!("/organizations/{}", card.slug))><crate::campaigns::pages::LocalizedSpan text=card.name.clone()/></a></li>
                    }).collect_view()}
                </ul>
                <p><a href=href("/organizations/new")>{t(Key::OrgRegisterCta)}</a></p>
            </section>
            {(!data.help_requests.is_empty()).then(|| view! {
                <section aria-labelledby="my-help-requests">
                    <h2 id="my-help-requests">{t(Key::MeHelpRequests)}</h2>
                    <ol class="help-list">
                        {data.help_requests.clone().into_iter().map(|request| view! { <crate::help::pages::RequestListItem request/> }).collect_view()}
                    </ol>
                </section>
            })}
            <section aria-labelledby="my-profile">
                <h2 id="my-profile">{t(Key::MeProfile)}</h2>
                <PostForm action=href("/me/profile") feedback=profile_fb>
                    <input type="hidden" name="form" value="profile"/>
                    <AboutFields profile=data.profile.clone()/>
                    <InterestsFields profile=data.profile/>
                    <SubmitButton label=Key::MeSave/>
                </PostForm>
            </section>
            <section aria-labelledby="my-security">
                <h2 id="my-security">{t(Key::MeSecurity)}</h2>
                <PostForm action=href("/me/password") feedback=password_fb>
                    <input type="hidden" name="form" value="password"/>
                    <TextField name="current_password" label=Key::FieldCurrentPassword kind="password" autocomplete="current-password" required=true maxlength=PASSWORD_MAX/>
                    <TextField name="password" label=Key::FieldNewPassword kind="password" autocomplete="new-password" required=true
                        maxlength=PASSWORD_MAX hint=Key::FieldPasswordHint check=check_password/>
                    <SubmitButton label=Key::MeChangePassword/>
                </PostForm>
            </section>
            <section aria-labelledby="my-data">
                <h2 id="my-data">{t(Key::MeData)}</h2>
                {consent.map(|c| view! { <p>{c}</p> })}
                <p><a href=href("/me/data.json") download="birgemiz-my-data.json" rel="external">{t(Key::MeDownload)}</a></p>
                <h3>{t(Key::MeDeleteTitle)}</h3>
                <p>{t(Key::MeDeleteText)}</p>
                <PostForm action=href("/me/delete") feedback=delete_fb class="danger-zone">
                    <input type="hidden" name="form" value="delete"/>
                    <TextField name="delete_password" label=Key::FieldCurrentPassword kind="password" autocomplete="current-password" required=true maxlength=PASSWORD_MAX/>
                    <AgreeBox name="confirm">{t(Key::MeDeleteConfirm)}</AgreeBox>
                    <button type="submit" class="button button--danger">{t(Key::MeDeleteSubmit)}</button>
                </PostForm>
            </section>
        </div>
    }
}

#[component]
fn ApplicationList(lines: Vec<ApplicationLine>, empty: Key, cancellable: bool) -> impl IntoView {
    let locale = use_locale();
    if lines.is_empty() {
        return view! { <p>{t(empty)}</p> }.into_any();
    }
    view! {
        <ul class="my-applications">
            {lines.into_iter().map(|line| {
                let id = line.campaign.id;
                let when = format_date_range(locale, line.campaign.starts_at, line.campaign.ends_at);
                let hours = line.hours.map(|h| locale.t_with(Key::MeHoursGiven, &[("hours", &format!("{h}"))]));
                view! {
                    <li>
                        <a href=href(&format!("/campaigns/{id}"))><crate::campaigns::pages::LocalizedSpan text=line.campaign.title.clone()/></a>
                        <span class="my-applications__when">{when}</span>
                        <span class=format!("status status--{}", line.status.code())>{status_text(line.status)}</span>
                        {hours.map(|h| view! { <span>{h}</span> })}
                        {(cancellable && line.status.can_cancel()).then(|| view! {
                            <form method="post" action=href(&format!("/campaigns/{id}/cancel"))>
                                <input type="hidden" name="back" value=href("/me")/>
                                <button type="submit" class="link-button">{t(Key::ApplyCancel)}</button>
                            </form>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// A minor's parent's or guardian's consent: where it stands, and the way to ask (again).
#[component]
fn GuardianSection(guardian: Option<MyGuardian>, awaiting: bool) -> impl IntoView {
    let locale = use_locale();
    let text = guardian.as_ref().map(|g| {
        let key = match (g.decision, g.expired) {
            (GuardianDecision::Confirmed, _) => Key::MeGuardianConfirmed,
            (GuardianDecision::Withdrawn, _) => Key::MeGuardianWithdrawn,
            (GuardianDecision::Awaiting, true) => Key::MeGuardianExpired,
            (GuardianDecision::Awaiting, false) => Key::MeGuardianAwaiting,
        };
        locale.t_with(key, &[("email", &g.guardian_email)])
    });
    view! {
        <section id="guardian" aria-labelledby="my-guardian" class:notice=awaiting>
            <h2 id="my-guardian">{t(Key::MeGuardianTitle)}</h2>
            {text.map(|text| view! { <p>{text}</p> })}
            {awaiting.then(|| view! { <p>{t(Key::ApplyAwaitingGuardian)}</p> })}
            {awaiting.then(|| view! { <p><a href=href(&SignupStep::Consent.path())>{t(Key::MeGuardianSend)}</a></p> })}
        </section>
    }
}
