//! Checking in and out by code: the page a volunteer's phone opens from the organisers' QR code
//! (`/{lang}/campaigns/{id}/attendance?code=…&kind=in`), and the same code box on the campaign's
//! page. Opening the page records nothing and checks nothing: the volunteer presses its button
//! (a form post), and only the post, limited per person, says whether the code is good. So the
//! page cannot be used to try codes.

use super::super::api::load_check_page;
use super::super::model::{CheckPage, MarkKind};
use crate::campaigns::pages::LocalizedSpan;
use crate::forms::{submitted_feedback, FormFeedback, PostForm, SubmitButton, TextField};
use crate::i18n::Key;
use crate::ui::{href, t, urlencode, ErrorPanel, SecretInAddress};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn AttendancePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let campaign = Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| id.parse().ok()).unwrap_or(-1i64)));
    let code = Memo::new(move |_| query.with(|q| q.get("code").unwrap_or_default()));
    // What the screen said the code is for; the post finds out for itself.
    let kind = Memo::new(move |_| query.with(|q| q.get("kind").as_deref().and_then(MarkKind::from_code)));
    let feedback = submitted_feedback();
    let data = Resource::new(
        move || campaign.get(),
        move |campaign| {
            let feedback = feedback.clone();
            async move { (load_check_page(campaign).await, feedback.unwrap_or_default()) }
        },
    );
    view! {
        <Title text=t(Key::HoursCheckTitle)/>
        // The code in the address is never sent on as a referrer, nor kept by a cache.
        <SecretInAddress/>
        <Suspense fallback=|| view! { <p class="loading">{t(Key::Loading)}</p> }>
            {move || data.get().map(|(result, feedback)| match result {
                Ok(page) => view! { <Check page code=code.get_untracked() kind=kind.get_untracked() feedback/> }.into_any(),
                Err(error) => view! { <ErrorPanel error/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Check(page: CheckPage, code: String, kind: Option<MarkKind>, feedback: FormFeedback) -> impl IntoView {
    let id = page.campaign_id;
    let kind_query = kind.map(|k| format!("&kind={}", k.code())).unwrap_or_default();
    let here = format!("{}?code={}{kind_query}", href(&format!("/campaigns/{id}/attendance")), urlencode(&code));
    let heading = match kind {
        Some(MarkKind::In) => Key::HoursCheckInTitle,
        Some(MarkKind::Out) => Key::HoursCheckOutTitle,
        None => Key::HoursCheckTitle,
    };
    view! {
        <section class="narrow check-in">
            <p class="back-link"><a href=href(&format!("/campaigns/{id}"))>"← " <LocalizedSpan text=page.title.clone()/></a></p>
            <h1>{t(heading)}</h1>
            {if page.signed_in {
                view! { <CodeForm campaign_id=id value=code kind feedback/> }.into_any()
            } else {
                view! {
                    <p>{t(Key::HoursCheckSignIn)}</p>
                    <p><a class="button button--primary" href=format!("{}?next={}", href("/login"), urlencode(&here))>{t(Key::NavLogin)}</a></p>
                }.into_any()
            }}
        </section>
    }
}

/// The form that records a check-in or check-out: the code, filled from the QR code's address
/// or typed from the screen.
#[component]
fn CodeForm(campaign_id: i64, value: String, kind: Option<MarkKind>, feedback: FormFeedback, #[prop(optional, into)] back: Option<String>) -> impl IntoView {
    let label = match kind {
        Some(MarkKind::In) => Key::HoursCheckSubmitIn,
        Some(MarkKind::Out) => Key::HoursCheckSubmitOut,
        None => Key::HoursCheckSubmit,
    };
    view! {
        <PostForm action=href(&format!("/campaigns/{campaign_id}/attendance")) feedback class="check-in__form">
            {back.map(|back| view! { <input type="hidden" name="back" value=back/> })}
            <TextField name="attendance_code" label=Key::HoursCheckCode value hint=Key::HoursCheckCodeHint autocomplete="one-time-code" inputmode="numeric"
                maxlength=7 required=true/>
            <SubmitButton label/>
        </PostForm>
    }
}

/// On the campaign's page, for an approved volunteer while checking in is open: the code box.
#[component]
pub fn CheckInBox(campaign_id: i64, feedback: FormFeedback) -> impl IntoView {
    view! {
        <div class="check-in-box">
            <h3>{t(Key::HoursCheckBoxTitle)}</h3>
            <p>{t(Key::HoursCountedByCheckIn)}</p>
            <CodeForm campaign_id value=String::new() kind=None feedback back=href(&format!("/campaigns/{campaign_id}"))/>
        </div>
    }
}
