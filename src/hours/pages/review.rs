//! On the moderators' page: hours from check-in that were flagged, each with why, the times and
//! the hours they add up to, to confirm or reject (with a reason).

use super::super::model::FlaggedHours;
use super::hours_text;
use crate::campaigns::pages::LocalizedSpan;
use crate::forms::{FormFeedback, PostForm, TextArea};
use crate::i18n::{format_date, format_time, Key};
use crate::ui::{href, t, use_locale};
use leptos::prelude::*;

#[component]
pub fn HoursReviewQueue(flagged: Vec<FlaggedHours>, feedback: FormFeedback, back: String) -> impl IntoView {
    let locale = use_locale();
    view! {
        <section id="hours-review" aria-labelledby="hours-review-title">
            <h2 id="hours-review-title">{t(Key::HoursReviewTitle)}</h2>
            <p class="lead">{t(Key::HoursReviewLead)}</p>
            {flagged.is_empty().then(|| view! { <p class="empty-state">{t(Key::HoursReviewNothing)}</p> })}
            <ol class="book__entries">
                {flagged.into_iter().map(|entry| {
                    let id = entry.application_id;
                    // Only the form that was posted gets its errors back.
                    let mine = feedback.value("application") == Some(id.to_string().as_str());
                    let fb = if mine { feedback.clone() } else { FormFeedback::default() };
                    let back = back.clone();
                    let times = entry.marks.iter()
                        .map(|mark| format!("{} {} {}", t(mark.kind.key()), format_date(locale, mark.at), format_time(mark.at)))
                        .collect::<Vec<_>>().join(" · ");
                    let reasons = entry.flags.iter().map(|flag| t(flag.key())).collect::<Vec<_>>().join("; ");
                    view! {
                        <li class="book-entry">
                            <h3>{entry.volunteer.clone()}</h3>
                            <p><a href=href(&format!("/campaigns/{}", entry.campaign.id))><LocalizedSpan text=entry.campaign.title.clone()/></a>
                                " · " <LocalizedSpan text=entry.campaign.organization.name.clone()/></p>
                            <p class="notice">{locale.t_with(Key::HoursWaitingForModerator, &[("reasons", &reasons)])}</p>
                            <p>{times}</p>
                            {entry.hours.map(|hours| view! { <p class="book-entry__hours">{hours_text(hours)}</p> })}
                            <PostForm action=href(&format!("/moderation/hours/{id}/review")) feedback=fb>
                                <input type="hidden" name="back" value=back/>
                                <input type="hidden" name="application" value=id.to_string()/>
                                <TextArea name="hours_reason" label=Key::HoursReviewReason hint=Key::HoursReviewReasonHint maxlength=500 id=format!("hours-reason-{id}")/>
                                <div class="actions">
                                    <button type="submit" name="decision" value="confirm" class="button button--primary">{t(Key::HoursReviewConfirm)}</button>
                                    <button type="submit" name="decision" value="reject" class="button button--danger">{t(Key::HoursReviewReject)}</button>
                                </div>
                            </PostForm>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}
