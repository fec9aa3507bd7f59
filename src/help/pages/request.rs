use super::{PublicFacts, Timeline};
use crate::errors::AppError;
use crate::help::model::{HelpAction, HelpStatus, RequestContacts, RequestNeeds, NOTE_MAX};
use crate::help::api::{load_help_follow, load_help_request};
use crate::help::model::RequestView;
use crate::i18n::Key;
use crate::forms::{submitted_feedback, FormFeedback, PostForm, SubmitButton, TextArea, TextField};
use crate::ui::{href, t, use_locale, ErrorPanel, SecretInAddress};
use crate::forms::checks::display_phone;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/{lang}/help/requests/{id}`: the public facts for everyone; what is needed for helpers;
/// contacts for whoever took it; and the steps this viewer may take.
#[component]
pub fn RequestPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()).filter(|id| *id > 0)));
    let feedback = submitted_feedback();
    let data = Resource::new(move || id.get(), move |id| {
        let feedback = feedback.clone();
        async move {
            let view = match id {
                Some(id) => load_help_request(id).await,
                None => Err(AppError::NotFound),
            };
            (view, feedback.unwrap_or_default())
        }
    });
    view! {
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=|| view! { <p class="loading">{t(Key::Loading)}</p> }>
            {move || data.get().map(|(result, feedback)| match result {
                Ok(view) => {
                    let base = format!("/help/requests/{}", view.request.id);
                    view! { <RequestDetail view feedback base/> }.into_any()
                }
                Err(error) => view! { <ErrorPanel error/> }.into_any(),
            })}
        </Suspense>
    }
}

/// `/{lang}/help/follow/{token}`: the person's private page, reached by the link they got when
/// filing. It shows everything they entered, their confirmation code, and lets them confirm
/// the help or cancel the request.
#[component]
pub fn FollowRequestPage() -> impl IntoView {
    let params = use_params_map();
    let token = Memo::new(move |_| params.with(|p| p.get("token").unwrap_or_default()));
    let feedback = submitted_feedback();
    let data = Resource::new(move || token.get(), move |token| {
        let feedback = feedback.clone();
        async move { (load_help_follow(token).await, feedback.unwrap_or_default()) }
    });
    view! {
        <SecretInAddress/>
        <Suspense fallback=|| view! { <p class="loading">{t(Key::Loading)}</p> }>
            {move || data.get().map(|(result, feedback)| match result {
                Ok(view) => {
                    let base = format!("/help/follow/{}", token.get_untracked());
                    view! { <RequestDetail view feedback base/> }.into_any()
                }
                Err(AppError::NotFound) => view! {
                    <ErrorPanel error=AppError::NotFound title=Key::HelpLinkInvalidTitle message=Key::HelpLinkInvalidText/>
                }.into_any(),
                Err(error) => view! { <ErrorPanel error/> }.into_any(),
            })}
        </Suspense>
    }
}

fn step_key(action: HelpAction) -> Key {
    action.key()
}

/// The notice after a step or a filing, read from the address.
fn notice() -> impl IntoView {
    let query = use_query_map();
    let locale = use_locale();
    move || {
        let (filed, done) = query.with(|q| (q.get("filed").is_some(), q.get("done").and_then(|code| HelpAction::from_code(&code))));
        if filed {
            Some(view! { <p class="notice notice--success" role="status">{locale.t(Key::HelpFiledNotice)}</p> }.into_any())
        } else {
            done.map(|action| {
                let text = locale.t_with(Key::HelpStepDone, &[("status", locale.t(action.to().key()))]);
                view! { <p class="notice notice--success" role="status">{text}</p> }.into_any()
            })
        }
    }
}

#[component]
fn RequestDetail(view: RequestView, feedback: FormFeedback, base: String) -> impl IntoView {
    let locale = use_locale();
    let RequestView { request, timeline, needs, contacts, steps, act_for, as_volunteer, code, site_url, signed_in } = view;
    let private_link = site_url.map(|site| format!("{site}{}", href(&base)));
    let title = locale.t_with(Key::HelpRequestTitle, &[("id", &request.id.to_string()), ("kind", t(request.kind.key()))]);
    let is_private_page = code.is_some();
    let invite = (!signed_in && !is_private_page && request.status == HelpStatus::Verified).then(|| {
        let next = crate::ui::urlencode(&href(&format!("/help/requests/{}", request.id)));
        view! {
            <p class="notice">{t(Key::HelpSignInToHelp)} " "
                <a href=format!("{}?next={next}", href("/login"))>{t(Key::NavLogin)}</a> " · "
                <a href=href("/signup")>{t(Key::HomeCtaVolunteer)}</a></p>
        }
    });
    let steps_view = (!steps.is_empty()).then(|| {
        let forms = steps
            .into_iter()
            .map(|action| {
                // Only the form that was posted gets its errors back.
                let mine = feedback.value("step") == Some(action.code());
                let fb = if mine { feedback.clone() } else { FormFeedback::default() };
                view! { <StepForm action base=base.clone() feedback=fb act_for=act_for.clone() as_volunteer private_page=is_private_page/> }
            })
            .collect_view();
        view! {
            <section class="help-steps" aria-labelledby="steps-title">
                <h2 id="steps-title">{t(Key::HelpSteps)}</h2>
                {forms}
            </section>
        }
    });
    view! {
        <Title text=title.clone()/>
        <article class="help-request">
            <p class="back-link"><a href=href("/help")>"← " {t(Key::HelpTitle)}</a></p>
            <h1>{title}</h1>
            {notice()}
            {code.map(|code| view! { <ConfirmationCode code link=private_link.clone().unwrap_or_default()/> })}
            <PublicFacts request=request.clone()/>
            {needs.map(|needs| view! { <Needs needs/> })}
            {contacts.map(|contacts| view! { <Contacts contacts/> })}
            {invite}
            {steps_view}
            <Timeline entries=timeline/>
        </article>
    }
}

/// The code the person gives the helper at delivery, and the page's address to keep.
#[component]
fn ConfirmationCode(code: String, link: String) -> impl IntoView {
    let spaced = format!("{} {}", &code[..3], &code[3..]);
    view! {
        <section class="confirmation-code" aria-labelledby="code-title">
            <h2 id="code-title">{t(Key::HelpCodeTitle)}</h2>
            <p class="confirmation-code__digits" aria-label=code.clone()>{spaced}</p>
            <p>{t(Key::HelpCodeHint)}</p>
            <p class="field__hint">{t(Key::HelpKeepLink)}</p>
            <p class="private-link"><code>{link}</code></p>
        </section>
    }
}

#[component]
fn Needs(needs: RequestNeeds) -> impl IntoView {
    let paragraphs: Vec<String> = needs.description.split('\n').map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect();
    view! {
        <section aria-labelledby="needs-title" class="help-needs">
            <h2 id="needs-title">{t(Key::HelpWhatNeeded)}</h2>
            <dl class="facts">
                <div><dt>{t(Key::HelpFieldUrgency)}</dt><dd>{t(needs.urgency.key())}</dd></div>
                <div><dt>{t(Key::FieldLocality)}</dt><dd>{needs.locality}</dd></div>
            </dl>
            {needs.filed_on_behalf.then(|| view! { <p class="field__hint">{t(Key::HelpFiledOnBehalf)}</p> })}
            <div class="help-needs__text">{paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}</div>
        </section>
    }
}

#[component]
fn Contacts(contacts: RequestContacts) -> impl IntoView {
    let erased = contacts.name.is_none() && contacts.phone.is_none() && contacts.email.is_none() && contacts.address.is_none();
    view! {
        <section aria-labelledby="contacts-title" class="help-contacts">
            <h2 id="contacts-title">{t(Key::HelpContacts)}</h2>
            {if erased {
                view! { <p>{t(Key::HelpContactsErased)}</p> }.into_any()
            } else {
                view! {
                    <dl class="facts">
                        {contacts.name.map(|v| view! { <div><dt>{t(Key::HelpFieldContactName)}</dt><dd>{v}</dd></div> })}
                        {contacts.phone.map(|v| view! { <div><dt>{t(Key::HelpFieldPhone)}</dt><dd><a href=format!("tel:{v}")>{display_phone(&v)}</a></dd></div> })}
                        {contacts.email.map(|v| view! { <div><dt>{t(Key::HelpFieldEmail)}</dt><dd><a href=format!("mailto:{v}")>{v.clone()}</a></dd></div> })}
                        {contacts.address.map(|v| view! { <div><dt>{t(Key::HelpFieldAddress)}</dt><dd>{v}</dd></div> })}
                    </dl>
                    <p class="field__hint">{t(Key::HelpContactsPrivate)}</p>
                }.into_any()
            }}
        </section>
    }
}

/// One step as a form: a button, and a reason, a code or an organisation where the step needs one.
#[component]
fn StepForm(
    action: HelpAction,
    base: String,
    feedback: FormFeedback,
    act_for: Vec<crate::campaigns::model::OrganizationRef>,
    as_volunteer: bool,
    private_page: bool,
) -> impl IntoView {
    let locale = use_locale();
    let id = action.code();
    let choose_for = matches!(action, HelpAction::Take | HelpAction::Verify | HelpAction::Decline) && !act_for.is_empty();
    let choices = choose_for.then(|| {
        let volunteer = (action == HelpAction::Take && as_volunteer).then(|| view! { <option value="volunteer">{t(Key::HelpActAsVolunteer)}</option> });
        view! {
            <div class="field">
                <label for=format!("act-for-{id}")>{t(Key::HelpActFor)}</label>
                <select id=format!("act-for-{id}") name="act_for">
                    // An <option> holds text only: the name in the page's language, or another.
                    {act_for.into_iter().map(|o| {
                        let name = o.name.pick(locale).map(|shown| shown.text.to_string()).unwrap_or_default();
                        view! { <option value=o.slug.clone()>{name}</option> }
                    }).collect_view()}
                    {volunteer}
                </select>
            </div>
        }
    });
    // The fields are made inside the form, whose context carries their errors.
    let has_note = action.needs_note() || action == HelpAction::Close;
    let note_label = if action.needs_note() { Key::HelpReason } else { Key::HelpNote };
    let has_code = action == HelpAction::Confirm && !private_page;
    let hint = match action {
        HelpAction::Confirm if private_page => Some(Key::HelpConfirmHintPerson),
        HelpAction::Take => Some(Key::HelpTakeHint),
        HelpAction::Verify => Some(Key::HelpVerifyHint),
        _ => None,
    };
    let secondary = matches!(action, HelpAction::Decline | HelpAction::Release | HelpAction::Cancel);
    view! {
        <PostForm action=href(&format!("{base}/{id}")) feedback class=format!("step-form step-form--{id}")>
            <input type="hidden" name="step" value=id/>
            {hint.map(|hint| view! { <p class="field__hint">{t(hint)}</p> })}
            {choices}
            {has_code.then(|| view! {
                <TextField name="code" label=Key::HelpCodeField hint=Key::HelpCodeFieldHint kind="text" maxlength=9 autocomplete="one-time-code"/>
            })}
            {has_note.then(|| view! { <TextArea name="note" label=note_label id=format!("note-{id}") maxlength=NOTE_MAX required=action.needs_note()/> })}
            <SubmitButton label=step_key(action) secondary/>
        </PostForm>
    }
}
