use super::fields::OrganizationFields;
use super::VerificationBadge;
use crate::auth::api::load_viewer;
use crate::campaigns::pages::LocalizedSpan;
use crate::i18n::Key;
use crate::organizations::api::load_editor;
use crate::organizations::model::EditorData;
use crate::organizations::form::OrganizationDraft;
use crate::organizations::api::load_invitation;
use crate::organizations::model::Member;
use crate::organizations::model::MemberRole;
use crate::forms::{submitted_feedback, FieldError, FormFeedback, PostForm, SubmitButton, TextField};
use crate::forms::checks::{check_email, EMAIL_MAX};
use crate::ui::{href, t, ErrorPanel, SecretInAddress};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/{lang}/organizations/new`: a signed-in person registers an organisation and owns it.
#[component]
pub fn RegisterOrganizationPage() -> impl IntoView {
    let feedback = submitted_feedback();
    let data = Resource::new(|| (), move |_| {
        let feedback = feedback.clone();
        async move { (load_viewer().await, feedback) }
    });
    view! {
        <Title text=t(Key::OrgRegisterTitle)/>
        <Meta name="robots" content="noindex"/>
        <section class="editor">
            <h1>{t(Key::OrgRegisterTitle)}</h1>
            <p class="lead">{t(Key::OrgRegisterLead)}</p>
            <Suspense fallback=|| view! { <p class="loading">{t(Key::Loading)}</p> }>
                {move || data.get().map(|(viewer, feedback)| match viewer {
                    Ok(Some(viewer)) => view! {
                        {(!viewer.email_verified).then(|| view! { <p class="notice">{t(Key::OrgVerifyEmailFirst)}</p> })}
                        <PostForm action=href("/organizations/new") feedback=feedback.unwrap_or_default()>
                            <OrganizationFields draft=OrganizationDraft::default()/>
                            <SubmitButton label=Key::OrgRegisterSubmit/>
                        </PostForm>
                    }.into_any(),
                    Ok(None) => view! { <SignInFirst here="/organizations/new"/> }.into_any(),
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn SignInFirst(here: &'static str) -> impl IntoView {
    let login = format!("{}?next={}", href("/login"), crate::ui::urlencode(&href(here)));
    view! {
        <p>{t(Key::OrgSignInFirst)}</p>
        <p><a class="button button--primary" href=login>{t(Key::NavLogin)}</a> " " <a href=href("/signup")>{t(Key::NavSignup)}</a></p>
    }
}

/// `/{lang}/organizations/{slug}/edit`: members edit the profile, three languages side by side.
#[component]
pub fn EditOrganizationPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.with(|p| p.get("slug").unwrap_or_default()));
    let feedback = submitted_feedback();
    let data = Resource::new(move || slug.get(), move |slug| {
        let feedback = feedback.clone();
        async move { (load_editor(slug).await, feedback) }
    });
    view! {
        <Title text=t(Key::OrgEditTitle)/>
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=|| view! { <p class="loading">{t(Key::Loading)}</p> }>
            {move || data.get().map(|(result, feedback)| match result {
                Ok(data) => view! { <Editor data feedback=feedback.unwrap_or_default()/> }.into_any(),
                Err(crate::errors::AppError::Unauthorized) => view! {
                    <section class="narrow"><h1>{t(Key::OrgEditTitle)}</h1><p>{t(Key::OrgSignInFirst)}</p>
                    <p><a class="button button--primary" href=href("/login")>{t(Key::NavLogin)}</a></p></section>
                }.into_any(),
                Err(error) => view! { <ErrorPanel error/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Editor(data: EditorData, feedback: FormFeedback) -> impl IntoView {
    let query = use_query_map();
    let saved = move || query.with(|q| ["saved", "logo", "invited", "removed"].iter().any(|flag| q.get(flag).is_some()));
    let logo_feedback = feedback.value("form") == Some("logo");
    let members_feedback = if feedback.value("form") == Some("invite") { feedback.clone() } else { FormFeedback::default() };
    let logo_error = feedback.error("logo").cloned();
    let feedback = if logo_feedback || feedback.value("form") == Some("invite") { FormFeedback::default() } else { feedback };
    let profile = href(&format!("/organizations/{}", data.slug));
    view! {
        <section class="editor">
            <p class="back-link"><a href=profile.clone()>"← " <LocalizedSpan text=data.name.clone()/></a></p>
            <h1>{t(Key::OrgEditTitle)}</h1>
            <p><VerificationBadge verification=data.verification/></p>
            {data.rejection_reason.clone().map(|reason| view! { <p class="notice notice--error">{t(Key::OrgRejectedBecause)} " " {reason}</p> })}
            {move || saved().then(|| view! { <p class="notice notice--success" role="status">{t(Key::OrgSaved)}</p> })}
            <LogoForm slug=data.slug.clone() logo=data.logo.clone() error=logo_error/>
            <Members slug=data.slug.clone() members=data.members.clone() is_owner=data.role == MemberRole::Owner feedback=members_feedback/>
            <PostForm action=href(&format!("/organizations/{}/edit", data.slug)) feedback>
                <OrganizationFields draft=data.draft.clone()/>
                <SubmitButton label=Key::OrgSave/>
            </PostForm>
        </section>
    }
}

/// The logo: a plain multipart form (a file cannot be sent as the other forms are).
#[component]
fn LogoForm(slug: String, logo: Option<String>, error: Option<FieldError>) -> impl IntoView {
    let locale = crate::ui::use_locale();
    let message = error.map(|e| e.message(locale));
    view! {
        <section class="logo-form" aria-labelledby="logo-title">
            <h2 id="logo-title">{t(Key::OrgLogo)}</h2>
            {logo.map(|logo| view! { <img src=format!("/uploads/logos/{logo}") alt=t(Key::OrgLogoAlt) width="96" height="96" class="organization__logo"/> })}
            <form method="post" action=href(&format!("/organizations/{slug}/logo")) enctype="multipart/form-data">
                <div class="field" class:field--invalid=message.is_some()>
                    <label for="field-logo">{t(Key::OrgLogoChoose)}</label>
                    <p class="field__hint" id="hint-logo">{t(Key::OrgLogoHint)}</p>
                    {message.clone().map(|m| view! { <p class="field__error" id="error-logo" role="alert">{m}</p> })}
                    <input id="field-logo" type="file" name="logo" accept="image/png,image/jpeg,image/webp" required
                        aria-describedby=if message.is_some() { "hint-logo error-logo" } else { "hint-logo" }
                        aria-invalid=message.is_some().then_some("true")/>
                </div>
                <button type="submit" class="button button--secondary">{t(Key::OrgLogoUpload)}</button>
            </form>
        </section>
    }
}

/// The members; the owner invites editors by email and removes them.
#[component]
fn Members(slug: String, members: Vec<Member>, is_owner: bool, feedback: FormFeedback) -> impl IntoView {
    view! {
        <section class="members" aria-labelledby="members-title">
            <h2 id="members-title">{t(Key::OrgMembers)}</h2>
            <ul class="plain-list member-list">
                {members.into_iter().map(|member| {
                    let remove = (is_owner && member.role == MemberRole::Editor)
                        .then(|| href(&format!("/organizations/{slug}/members/{}/remove", member.user_id)));
                    view! {
                        <li>
                            <span>{member.full_name.clone()} " · " {member.email.clone()} " · "
                                {t(member.role.key())}</span>
                            {remove.map(|action| view! {
                                <form method="post" action=action class="inline-form">
                                    <button type="submit" class="link-button">{t(Key::OrgRemoveMember)}</button>
                                </form>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {is_owner.then(|| view! {
                <PostForm action=href(&format!("/organizations/{slug}/members/invite")) feedback>
                    <input type="hidden" name="form" value="invite"/>
                    <TextField name="invite_email" label=Key::OrgInviteEmail kind="email" maxlength=EMAIL_MAX check=check_email hint=Key::OrgInviteHint/>
                    <SubmitButton label=Key::OrgInvite secondary=true/>
                </PostForm>
            })}
        </section>
    }
}

/// `/{lang}/invitations/accept?token=…`: the invited person accepts with a button (a mail
/// scanner opening the link uses nothing up).
#[component]
pub fn AcceptInvitationPage() -> impl IntoView {
    let query = use_query_map();
    let token = Memo::new(move |_| query.with(|q| q.get("token").unwrap_or_default()));
    let feedback = submitted_feedback();
    let data = Resource::new(move || token.get(), move |token| {
        let feedback = feedback.clone();
        async move {
            let token = feedback.as_ref().and_then(|f| f.value("token").map(str::to_string)).unwrap_or(token);
            (load_invitation(token.clone()).await, load_viewer().await, token, feedback.unwrap_or_default())
        }
    });
    view! {
        <Title text=t(Key::OrgInvitationTitle)/>
        <SecretInAddress/>
        <section class="narrow">
            <h1>{t(Key::OrgInvitationTitle)}</h1>
            <Suspense fallback=|| view! { <p class="loading">{t(Key::Loading)}</p> }>
                {move || data.get().map(|(invitation, viewer, token, feedback)| match (invitation, viewer) {
                    (Ok(invitation), Ok(Some(_))) => view! {
                        <p>{t(Key::OrgInvitationText)} " " <strong><LocalizedSpan text=invitation.organization.clone()/></strong></p>
                        <PostForm action=href("/invitations/accept") feedback>
                            <input type="hidden" name="token" value=token/>
                            <SubmitButton label=Key::OrgInvitationAccept/>
                        </PostForm>
                    }.into_any(),
                    (Ok(invitation), _) => view! {
                        <p>{t(Key::OrgInvitationText)} " " <strong><LocalizedSpan text=invitation.organization.clone()/></strong></p>
                        <p>{t(Key::OrgInvitationSignIn)}</p>
                        <p><a class="button button--primary" href=format!("{}?next={}", href("/login"),
                            crate::ui::urlencode(&format!("{}?token={token}", href("/invitations/accept"))))>{t(Key::NavLogin)}</a></p>
                    }.into_any(),
                    (Err(_), _) => view! { <p class="notice notice--error">{t(Key::FormLinkInvalid)}</p> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
