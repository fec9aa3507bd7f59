//! Pages for signing in, resetting a password and verifying an address, and the account links
//! in the header.

use super::api::{load_viewer, reset_link_is_good};
use super::Viewer;
use crate::i18n::Key;
use crate::forms::{feedback_resource, FormFeedback, PostForm, SubmitButton, TextField};
use crate::ui::{urlencode, href, t, SecretInAddress};
use crate::volunteers::form::{check_password, PASSWORD_MAX};
use crate::forms::checks::{check_email, EMAIL_MAX};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

fn query(name: &'static str) -> Memo<Option<String>> {
    let query = use_query_map();
    Memo::new(move |_| query.with(|q| q.get(name)))
}

/// A hidden field carried from the address (`token`, `next`): after a refused post the page is
/// rendered at the form's address without its query, so the value sent comes back instead.
fn carried(name: &'static str, feedback: &Option<FormFeedback>, from_query: Memo<Option<String>>) -> String {
    let value = feedback.as_ref().and_then(|f| f.value(name).map(str::to_string)).or_else(|| from_query.get_untracked()).unwrap_or_default();
    if name == "next" {
        crate::ui::safe_return_path(&value).unwrap_or_default()
    } else {
        value
    }
}

/// `/{lang}/login`: email and password; `next` brings the person back where they were.
#[component]
pub fn LoginPage() -> impl IntoView {
    let feedback = feedback_resource();
    let next = query("next");
    let signup_link = move || match next.get().and_then(|n| crate::ui::safe_return_path(&n)) {
        Some(next) => format!("{}?next={}", href("/signup"), urlencode(&next)),
        None => href("/signup"),
    };
    view! {
        <Title text=t(Key::LoginTitle)/>
        <Meta name="robots" content="noindex"/>
        <section class="narrow">
            <h1>{t(Key::LoginTitle)}</h1>
            <Suspense>
                {move || feedback.get().map(|feedback| {
                    let next_value = carried("next", &feedback, next);
                    view! {
                    <PostForm action=href("/login") feedback=feedback.unwrap_or_default()>
                        <input type="hidden" name="next" value=next_value/>
                        <TextField name="email" label=Key::FieldEmail kind="email" autocomplete="email" required=true maxlength=EMAIL_MAX check=check_email/>
                        <TextField name="password" label=Key::FieldPassword kind="password" autocomplete="current-password" required=true maxlength=PASSWORD_MAX/>
                        <SubmitButton label=Key::LoginSubmit/>
                    </PostForm>
                }})}
            </Suspense>
            <p><a href=href("/password/forgot")>{t(Key::LoginForgot)}</a></p>
            <p>{t(Key::LoginNoAccount)} " " <a href=signup_link>{t(Key::NavSignup)}</a></p>
        </section>
    }
}


/// `/{lang}/password/forgot`: asks for a reset link by mail.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let feedback = feedback_resource();
    let sent = query("sent");
    view! {
        <Title text=t(Key::ForgotTitle)/>
        <Meta name="robots" content="noindex"/>
        <section class="narrow">
            <h1>{t(Key::ForgotTitle)}</h1>
            {move || sent.get().is_some().then(|| view! { <p class="notice notice--success" role="status">{t(Key::ForgotSent)}</p> })}
            <p>{t(Key::ForgotLead)}</p>
            <Suspense>
                {move || feedback.get().map(|feedback| view! {
                    <PostForm action=href("/password/forgot") feedback=feedback.unwrap_or_default()>
                        <TextField name="email" label=Key::FieldEmail kind="email" autocomplete="email" required=true maxlength=EMAIL_MAX check=check_email/>
                        <SubmitButton label=Key::ForgotSubmit/>
                    </PostForm>
                })}
            </Suspense>
            <p><a href=href("/login")>{t(Key::LoginTitle)}</a></p>
        </section>
    }
}

/// `/{lang}/password/reset?token=…`: the link from the mail; sets a new password.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let feedback = feedback_resource();
    let token = query("token");
    // A used or expired link says so at once, with the way to a new one.
    let good = Resource::new(move || token.get(), |token| reset_link_is_good(token.unwrap_or_default()));
    view! {
        <Title text=t(Key::ResetTitle)/>
        <SecretInAddress/>
        <section class="narrow">
            <h1>{t(Key::ResetTitle)}</h1>
            <Suspense>
                {move || match (good.get(), feedback.get()) {
                    (Some(Ok(false)), Some(None)) => Some(view! {
                        <p class="notice" role="alert">{t(Key::FormLinkInvalid)}</p>
                        <p><a class="button button--primary" href=href("/password/forgot")>{t(Key::ResetNewLink)}</a></p>
                    }.into_any()),
                    (Some(_), Some(feedback)) => {
                        let token_value = carried("token", &feedback, token);
                        Some(view! {
                            <PostForm action=href("/password/reset") feedback=feedback.unwrap_or_default()>
                                <input type="hidden" name="token" value=token_value/>
                                <TextField name="password" label=Key::FieldNewPassword kind="password" autocomplete="new-password"
                                    hint=Key::FieldPasswordHint required=true maxlength=PASSWORD_MAX check=check_password/>
                                <SubmitButton label=Key::ResetSubmit/>
                            </PostForm>
                        }.into_any())
                    }
                    _ => None,
                }}
            </Suspense>
        </section>
    }
}

/// `/{lang}/verify?token=…`: the link from the mail. Confirming is a button (a POST), so that a
/// mail scanner that opens links cannot use the link up.
#[component]
pub fn VerifyPage() -> impl IntoView {
    let feedback = feedback_resource();
    let token = query("token");
    let done = query("done");
    view! {
        <Title text=t(Key::VerifyTitle)/>
        <SecretInAddress/>
        <section class="narrow">
            <h1>{t(Key::VerifyTitle)}</h1>
            {move || if done.get().is_some() {
                view! {
                    <p class="notice notice--success" role="status">{t(Key::VerifyDone)}</p>
                    <p><a class="button button--primary" href=href("/me")>{t(Key::NavMe)}</a></p>
                }.into_any()
            } else {
                view! {
                    <p>{t(Key::VerifyLead)}</p>
                    <Suspense>
                        {move || feedback.get().map(|feedback| {
                            let token_value = carried("token", &feedback, token);
                            view! {
                            <PostForm action=href("/verify") feedback=feedback.unwrap_or_default()>
                                <input type="hidden" name="token" value=token_value/>
                                <SubmitButton label=Key::VerifySubmit/>
                            </PostForm>
                        }})}
                    </Suspense>
                }.into_any()
            }}
        </section>
    }
}

/// `/{lang}/login/link?token=…`: the sign-in link mailed when an account's failed sign-ins are
/// at their limit. Signing in is a button (a POST), so a mail scanner cannot use the link up.
#[component]
pub fn SignInLinkPage() -> impl IntoView {
    let feedback = feedback_resource();
    let token = query("token");
    view! {
        <Title text=t(Key::SignInLinkTitle)/>
        <SecretInAddress/>
        <section class="narrow">
            <h1>{t(Key::SignInLinkTitle)}</h1>
            <p>{t(Key::SignInLinkLead)}</p>
            <Suspense>
                {move || feedback.get().map(|feedback| {
                    let token_value = carried("token", &feedback, token);
                    view! {
                    <PostForm action=href("/login/link") feedback=feedback.unwrap_or_default()>
                        <input type="hidden" name="token" value=token_value/>
                        <SubmitButton label=Key::SignInLinkSubmit/>
                    </PostForm>
                }})}
            </Suspense>
        </section>
    }
}

/// Sign in and sign up for visitors; the person's page and sign out for the signed in.
#[component]
pub fn AccountNav() -> impl IntoView {
    let viewer = Resource::new(|| (), |_| load_viewer());
    view! {
        <Suspense>
            {move || viewer.get().map(|viewer| match viewer.ok().flatten() {
                Some(viewer) => view! { <SignedIn viewer/> }.into_any(),
                None => view! {
                    <div class="account-nav">
                        <a href=href("/login")>{t(Key::NavLogin)}</a>
                        <a class="button button--small" href=href("/signup")>{t(Key::NavSignup)}</a>
                    </div>
                }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn SignedIn(viewer: Viewer) -> impl IntoView {
    let name = if viewer.full_name.is_empty() { viewer.email.clone() } else { viewer.full_name.clone() };
    view! {
        <div class="account-nav">
            <a href=href("/me") title=viewer.email.clone()>{t(Key::NavMe)} <span class="visually-hidden">" (" {name} ")"</span></a>
            <form method="post" action=href("/logout")>
                <button type="submit" class="link-button">{t(Key::NavLogout)}</button>
            </form>
        </div>
    }
}
