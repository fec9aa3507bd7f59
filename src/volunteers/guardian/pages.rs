use super::api::load_guardian_request;
use super::model::{GuardianDecision, GuardianView};
use crate::i18n::Key;
use crate::reference::{Direction, Region};
use crate::forms::{FormFeedback, PostForm, SubmitButton};
use crate::ui::{href, t, use_locale, MailedLinkPage};
use crate::volunteers::signup::pages::ConsentText;
use leptos::prelude::*;

/// `/{lang}/guardian?token=…`: the page the guardian's mail links to. It says who named them
/// and what the child signed up for, shows the personal-data text, and takes their answer.
#[component]
pub fn GuardianPage() -> impl IntoView {
    let answer = |view: GuardianView, token: String, feedback: FormFeedback, done: Option<String>| view! { <GuardianAnswer view token feedback done/> };
    view! {
        <MailedLinkPage title=Key::GuardianPageTitle invalid_title=Key::GuardianLinkInvalidTitle invalid_text=Key::GuardianLinkInvalidText
            load=load_guardian_request answer/>
    }
}

#[component]
fn GuardianAnswer(view: GuardianView, token: String, feedback: FormFeedback, done: Option<String>) -> impl IntoView {
    let locale = use_locale();
    let notice = match done.as_deref() {
        Some("confirmed") if view.decision == GuardianDecision::Confirmed => Some(t(Key::GuardianConfirmedNotice)),
        Some("withdrawn") if view.decision == GuardianDecision::Withdrawn => Some(t(Key::GuardianWithdrawnNotice)),
        _ => None,
    };
    let lead = locale.t_with(Key::GuardianPageLead, &[("name", &view.child_name)]);
    let age = view.child_age.map(|age| locale.t_with(Key::GuardianChildAge, &[("age", &age.to_string())]));
    let region = view.region.as_deref().and_then(Region::by_code).map(|r| r.name(locale).to_string());
    // "Almaty" the city is also the region: named once.
    let locality = view.locality.clone().filter(|l| !l.is_empty() && Some(l) != region.as_ref());
    let place = [region, locality].into_iter().flatten().collect::<Vec<_>>().join(", ");
    let directions = view.directions.iter().filter_map(|slug| Direction::by_slug(slug)).map(|d| d.name(locale)).collect::<Vec<_>>().join(", ");
    let status = match view.decision {
        GuardianDecision::Awaiting if view.can_confirm => None,
        GuardianDecision::Awaiting => Some(t(Key::GuardianExpired)),
        GuardianDecision::Confirmed => Some(t(Key::GuardianStatusConfirmed)),
        GuardianDecision::Withdrawn => Some(t(Key::GuardianStatusWithdrawn)),
    };
    // The forms post the same token; only the form that was posted gets its errors back.
    let posted = |action: &str| feedback.value("answer") == Some(action);
    let feedback_for = |action: &str| if posted(action) { feedback.clone() } else { FormFeedback::default() };
    let (confirm_token, withdraw_token) = (token.clone(), token);
    view! {
        {notice.map(|text| view! { <p class="notice notice--success" role="status">{text}</p> })}
        <p>{lead}</p>
        <dl class="facts">
            <div><dt>{t(Key::FieldFullName)}</dt><dd>{view.child_name.clone()}</dd></div>
            {age.map(|age| view! { <div><dt>{t(Key::GuardianChildAgeLabel)}</dt><dd>{age}</dd></div> })}
            {(!place.is_empty()).then(|| view! { <div><dt>{t(Key::GuardianChildPlace)}</dt><dd>{place}</dd></div> })}
            {(!directions.is_empty()).then(|| view! { <div><dt>{t(Key::GuardianChildDirections)}</dt><dd>{directions}</dd></div> })}
        </dl>
        <h2>{t(Key::GuardianRulesTitle)}</h2>
        {t(Key::GuardianRules).split('\n').map(|p| view! { <p>{p.to_string()}</p> }).collect_view()}
        <ConsentText/>
        {status.map(|text| view! { <p class="notice" role="status">{text}</p> })}
        {view.can_confirm.then(|| view! {
            <PostForm action=href("/guardian/confirm") feedback=feedback_for("confirm") label=t(Key::GuardianConfirm).to_string()>
                <input type="hidden" name="token" value=confirm_token/>
                <input type="hidden" name="answer" value="confirm"/>
                <p>{t(Key::GuardianConfirmText)}</p>
                <SubmitButton label=Key::GuardianConfirm/>
            </PostForm>
        })}
        {view.can_withdraw.then(|| {
            let (text, label) = if view.decision == GuardianDecision::Confirmed {
                (Key::GuardianWithdrawText, Key::GuardianWithdraw)
            } else {
                (Key::GuardianRefuseText, Key::GuardianRefuse)
            };
            view! {
                <PostForm action=href("/guardian/withdraw") feedback=feedback_for("withdraw") label=t(label).to_string()>
                    <input type="hidden" name="token" value=withdraw_token/>
                    <input type="hidden" name="answer" value="withdraw"/>
                    <p>{t(text)}</p>
                    <SubmitButton label secondary=true/>
                </PostForm>
            }
        })}
    }
}
