//! The signup pages, one per step, at `/{lang}/signup` and `/{lang}/signup/{step}`.

use super::api::load_signup;
use super::model::{SignupData, CONSENT_VERSION};
use crate::ui::urlencode;
use crate::errors::AppError;
use crate::i18n::Key;
use crate::reference::{Region, DIRECTIONS};
use crate::forms::{submitted_feedback, AgreeBox, CheckboxGroup, FormFeedback, PostForm, SelectField, SubmitButton, TextArea, TextField};
use crate::ui::{href, t, use_locale, ErrorPanel};
use crate::forms::checks::*;
use crate::volunteers::form::*;
use crate::volunteers::model::*;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn SignupPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let step = Memo::new(move |_| params.with(|p| p.get("step")).map_or(Some(SignupStep::Account), |s| SignupStep::from_code(&s)));
    let next = Memo::new(move |_| query.with(|q| q.get("next")).and_then(|n| crate::ui::safe_return_path(&n)));
    let feedback = submitted_feedback();
    let data = Resource::new(
        move || step.get(),
        move |_| {
            let feedback = feedback.clone();
            async move { (load_signup().await, feedback) }
        },
    );
    view! {
        <Title text=t(Key::SignupTitle)/>
        <Meta name="description" content=t(Key::HomeCtaVolunteerHint)/>
        // The first step is where people arrive from a search; the later ones are theirs alone.
        {(step.get_untracked() != Some(SignupStep::Account)).then(|| view! { <Meta name="robots" content="noindex"/> })}
        <section class="narrow signup">
            <h1>{t(Key::SignupTitle)}</h1>
            <Suspense fallback=|| view! { <p class="loading">{t(Key::Loading)}</p> }>
                {move || data.get().map(|(result, feedback)| match (result, step.get_untracked()) {
                    (Err(error), _) => view! { <ErrorPanel error inline=true/> }.into_any(),
                    (Ok(_), None) => view! { <ErrorPanel error=AppError::NotFound inline=true/> }.into_any(),
                    (Ok(data), Some(step)) => view! {
                        <Step step data feedback=feedback.unwrap_or_default() next=next.get_untracked()/>
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

/// `?next=…` carried from step to step, so the person ends where they started (a campaign).
fn with_next(path: &str, next: &Option<String>) -> String {
    match next {
        Some(next) => format!("{}?next={}", href(path), urlencode(next)),
        None => href(path),
    }
}

/// The step asked for, or a redirect to the one the person may see.
#[component]
fn Step(step: SignupStep, data: SignupData, feedback: FormFeedback, next: Option<String>) -> impl IntoView {
    let reached = data.viewer.as_ref().map(|v| v.signup_step);
    match (step, reached) {
        (SignupStep::Account, None) => view! { <Progress step/><AccountStep feedback next/> }.into_any(),
        (_, None) => view! { <Redirect path=with_next("/signup", &next)/> }.into_any(),
        (SignupStep::Account, Some(reached)) => {
            let email = data.viewer.map(|v| v.email).unwrap_or_default();
            let continue_to = with_next(&reached.max(SignupStep::About).path(), &next);
            view! {
                <Progress step/>
                <p>{t(Key::SignupAccountExists)} " " <strong>{email}</strong></p>
                <p><a class="button button--primary" href=continue_to>{t(Key::SignupContinue)}</a></p>
            }
            .into_any()
        }
        (step, Some(reached)) if step > reached => view! { <Redirect path=with_next(&reached.path(), &next)/> }.into_any(),
        (SignupStep::About, _) => view! { <Progress step/><AboutStep data feedback next/> }.into_any(),
        (SignupStep::Interests, _) => view! { <Progress step/><InterestsStep data feedback next/> }.into_any(),
        (SignupStep::Consent, _) => view! { <Progress step/><ConsentStep data feedback next/> }.into_any(),
        (SignupStep::Done, _) => view! { <DoneStep data next/> }.into_any(),
    }
}

fn step_name(step: SignupStep) -> Key {
    match step {
        SignupStep::Account => Key::SignupStepAccount,
        SignupStep::About => Key::SignupStepAbout,
        SignupStep::Interests => Key::SignupStepInterests,
        SignupStep::Consent => Key::SignupStepConsent,
        SignupStep::Done => Key::SignupStepDone,
    }
}

/// "Step 2 of 4" and the list of steps, the current one marked.
#[component]
fn Progress(step: SignupStep) -> impl IntoView {
    let locale = use_locale();
    let steps = &SignupStep::ALL[..4];
    let position = steps.iter().position(|s| *s == step).unwrap_or(0) + 1;
    let label = locale.t_with(Key::SignupProgress, &[("n", &position.to_string()), ("total", &steps.len().to_string())]);
    view! {
        <nav class="steps" aria-label=t(Key::SignupProgressLabel)>
            <p class="steps__count">{label}</p>
            <ol>
                {steps.iter().map(|s| {
                    let state = if *s == step { "current" } else if *s < step { "done" } else { "todo" };
                    view! {
                        <li class=format!("steps__item steps__item--{state}") aria-current=(*s == step).then_some("step")>
                            {t(step_name(*s))}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </nav>
        <h2>{t(step_name(step))}</h2>
    }
}

fn back_link(step: SignupStep, next: &Option<String>) -> impl IntoView {
    step.previous().map(|previous| view! { <p class="back-link"><a href=with_next(&previous.path(), next)>"← " {t(Key::SignupBack)}</a></p> })
}

fn hidden_next(next: &Option<String>) -> impl IntoView {
    next.clone().map(|next| view! { <input type="hidden" name="next" value=next/> })
}

#[component]
fn AccountStep(feedback: FormFeedback, next: Option<String>) -> impl IntoView {
    let login = with_next("/login", &next);
    // With JavaScript the form's answer only changes the address's query: the notice follows it.
    let query = use_query_map();
    let sent = Memo::new(move |_| query.with(|q| q.get("sent").is_some()));
    view! {
        {move || sent.get().then(|| view! {
            <div class="notice notice--success" role="status">
                <h2>{t(Key::SignupSentTitle)}</h2>
                <p>{t(Key::SignupSentText)}</p>
            </div>
        })}
        <PostForm action=href("/signup") feedback>
            {hidden_next(&next)}
            <TextField name="email" label=Key::FieldEmail kind="email" autocomplete="email" required=true maxlength=EMAIL_MAX
                hint=Key::FieldEmailHint check=check_email/>
            <TextField name="password" label=Key::FieldPassword kind="password" autocomplete="new-password" required=true
                maxlength=PASSWORD_MAX hint=Key::FieldPasswordHint check=check_password/>
            <SubmitButton label=Key::SignupNext/>
        </PostForm>
        <p>{t(Key::SignupHaveAccount)} " " <a href=login>{t(Key::NavLogin)}</a></p>
    }
}

fn options_of_regions() -> Vec<(String, String)> {
    Region::options(use_locale())
}

/// The languages a volunteer speaks, named in the page's language ("орыс тілі", not "Русский").
pub fn language_options() -> Vec<(String, String)> {
    LANGUAGES
        .iter()
        .map(|code| {
            let name = match *code {
                "kk" => t(Key::SpokenKazakh),
                "ru" => t(Key::SpokenRussian),
                _ => t(Key::SpokenEnglish),
            };
            (code.to_string(), name.to_string())
        })
        .collect()
}

pub fn direction_options() -> Vec<(String, String)> {
    let locale = use_locale();
    DIRECTIONS.iter().map(|d| (d.slug.to_string(), format!("{} — {}", d.name(locale), d.gloss(locale)))).collect()
}

pub fn availability_options() -> Vec<(String, String)> {
    let locale = use_locale();
    let key = |code: &str| match code {
        "weekdays" => Key::AvailabilityWeekdays,
        "weekends" => Key::AvailabilityWeekends,
        "evenings" => Key::AvailabilityEvenings,
        _ => Key::AvailabilityOnline,
    };
    AVAILABILITY.iter().map(|code| (code.to_string(), locale.t(key(code)).to_string())).collect()
}

/// The "about you" fields, shared by the signup and the profile page.
#[component]
pub fn AboutFields(profile: Profile) -> impl IntoView {
    view! {
        <TextField name="full_name" label=Key::FieldFullName autocomplete="name" required=true maxlength=NAME_MAX
            value=profile.full_name check=check_name/>
        <TextField name="phone" label=Key::FieldPhone kind="tel" autocomplete="tel" required=true maxlength=24
            hint=Key::FieldPhoneHint value=display_phone(&profile.phone) check=check_phone/>
        <TextField name="birth_date" label=Key::FieldBirthDate kind="date" autocomplete="bday" required=true
            hint=Key::FieldBirthDateHint value=profile.birth_date check=check_birth_date/>
        <SelectField name="region" label=Key::FieldRegion options=options_of_regions() value=profile.region required=true/>
        <TextField name="locality" label=Key::FieldLocality autocomplete="address-level2" required=true maxlength=LOCALITY_MAX
            value=profile.locality check=check_locality/>
        <CheckboxGroup name="languages" legend=Key::FieldLanguages options=language_options() checked=profile.languages/>
    }
}

/// The "interests" fields, shared by the signup and the profile page.
#[component]
pub fn InterestsFields(profile: Profile) -> impl IntoView {
    view! {
        <CheckboxGroup name="directions" legend=Key::FieldDirections options=direction_options() checked=profile.directions hint=Key::FieldDirectionsHint/>
        <TextArea name="skills" label=Key::FieldSkills hint=Key::FieldSkillsHint maxlength=SKILLS_MAX value=profile.skills/>
        <CheckboxGroup name="availability" legend=Key::FieldAvailability options=availability_options() checked=profile.availability/>
    }
}

#[component]
fn AboutStep(data: SignupData, feedback: FormFeedback, next: Option<String>) -> impl IntoView {
    view! {
        {back_link(SignupStep::About, &next)}
        <PostForm action=href("/signup/about") feedback>
            {hidden_next(&next)}
            <AboutFields profile=data.profile/>
            <SubmitButton label=Key::SignupNext/>
        </PostForm>
    }
}

#[component]
fn InterestsStep(data: SignupData, feedback: FormFeedback, next: Option<String>) -> impl IntoView {
    view! {
        {back_link(SignupStep::Interests, &next)}
        <PostForm action=href("/signup/interests") feedback>
            {hidden_next(&next)}
            <InterestsFields profile=data.profile/>
            <SubmitButton label=Key::SignupNext/>
        </PostForm>
    }
}

/// The personal-data consent text, paragraph by paragraph.
#[component]
pub fn ConsentText() -> impl IntoView {
    let locale = use_locale();
    let version = locale.t_with(Key::ConsentVersion, &[("version", CONSENT_VERSION)]);
    view! {
        <section class="consent-text" aria-labelledby="consent-title" tabindex="0">
            <h3 id="consent-title">{t(Key::ConsentTitle)}</h3>
            {t(Key::ConsentText).split('\n').map(|p| view! { <p>{p.to_string()}</p> }).collect_view()}
            <p class="consent-text__version">{version}</p>
        </section>
    }
}

#[component]
fn ConsentStep(data: SignupData, feedback: FormFeedback, next: Option<String>) -> impl IntoView {
    let locale = use_locale();
    let guardian_lead = locale.t_with(Key::GuardianLead, &[("age", &data.guardian_age.to_string())]);
    view! {
        {back_link(SignupStep::Consent, &next)}
        <PostForm action=href("/signup/consent") feedback>
            {hidden_next(&next)}
            <ConsentText/>
            <AgreeBox name="agree">{t(Key::ConsentAgree)}</AgreeBox>
            {data.needs_guardian.then(|| view! {
                <fieldset class="guardian">
                    <legend>{t(Key::GuardianTitle)}</legend>
                    <p>{guardian_lead}</p>
                    <TextField name="guardian_name" label=Key::FieldGuardianName required=true maxlength=NAME_MAX check=check_name/>
                    <TextField name="guardian_contact" label=Key::FieldGuardianContact kind="email" autocomplete="off" required=true
                        maxlength=EMAIL_MAX hint=Key::FieldGuardianContactHint check=check_email/>
                </fieldset>
            })}
            <SubmitButton label=Key::SignupFinish/>
        </PostForm>
    }
}

#[component]
fn DoneStep(data: SignupData, next: Option<String>) -> impl IntoView {
    let verified = data.viewer.as_ref().is_some_and(|v| v.email_verified);
    let email = data.viewer.map(|v| v.email).unwrap_or_default();
    let locale = use_locale();
    view! {
        <div class="notice notice--success" role="status">
            <h2>{t(Key::SignupDoneTitle)}</h2>
            <p>{t(Key::SignupDoneText)}</p>
        </div>
        {(!verified).then(|| view! {
            <p>{locale.t_with(Key::SignupCheckMail, &[("email", &email)])}</p>
            <form method="post" action=href("/verify/resend")>
                <button type="submit" class="button button--secondary">{t(Key::VerifyResend)}</button>
            </form>
        })}
        <p class="actions">
            {next.map(|next| view! { <a class="button button--primary" href=next>{t(Key::SignupBackToCampaign)}</a> })}
            <a class="button button--secondary" href=href("/campaigns")>{t(Key::HomeCtaBrowse)}</a>
            <a href=href("/me")>{t(Key::NavMe)}</a>
        </p>
    }
}

/// `/{lang}/signup/confirm?token=…`: the link mailed at the first step. Confirming is a button
/// (a POST), so a mail scanner that opens links makes no account.
#[component]
pub fn SignupConfirmPage() -> impl IntoView {
    let query = use_query_map();
    let token = query.with_untracked(|q| q.get("token").unwrap_or_default());
    let feedback = submitted_feedback();
    // After a refused post the page is rendered at the form's address: the values sent come back.
    let token = feedback.as_ref().and_then(|f| f.value("token").map(str::to_string)).unwrap_or(token);
    let next = feedback
        .as_ref()
        .and_then(|f| f.value("next").map(str::to_string))
        .or_else(|| query.with_untracked(|q| q.get("next")))
        .and_then(|n| crate::ui::safe_return_path(&n));
    view! {
        <Title text=t(Key::SignupTitle)/>
        <crate::ui::SecretInAddress/>
        <section class="narrow signup">
            <h1>{t(Key::SignupTitle)}</h1>
            <p>{t(Key::SignupConfirmLead)}</p>
            <PostForm action=href("/signup/confirm") feedback=feedback.unwrap_or_default()>
                <input type="hidden" name="token" value=token/>
                {hidden_next(&next)}
                <SubmitButton label=Key::SignupConfirmSubmit/>
            </PostForm>
        </section>
    }
}
