//! The pages of targeted help, and the pieces they share: a request's public facts, its
//! status and its history.

mod file;
mod home;
mod queue;
mod request;

pub use file::FileRequestPage;
pub use home::HelpHomePage;
pub use queue::HelperQueuePage;
pub use request::{FollowRequestPage, RequestPage};

use super::model::{ActorKind, HelpStatus, PublicRequest, TimelineEntry, NOTE_ACCOUNT_DELETED};
use crate::campaigns::pages::LocalizedSpan;
use crate::i18n::{format_date, Key};
use crate::reference::{Direction, Region};
use crate::ui::{href, t, use_locale};
use leptos::prelude::*;

/// A request's status as a badge with its name (the colour only repeats what the text says).
#[component]
pub fn StatusBadge(status: HelpStatus) -> impl IntoView {
    view! { <span class=format!("badge status status--{}", status.code())>{t(status.key())}</span> }
}

/// Who took the request, as the public may know it.
#[component]
fn TakenBy(request: PublicRequest) -> impl IntoView {
    match (request.taken_by, request.taken_by_volunteer) {
        (Some(organization), _) => view! {
            <a href=href(&format!("/organizations/{}", organization.slug))><LocalizedSpan text=organization.name/></a>
        }
        .into_any(),
        (None, true) => view! { <span>{t(Key::HelpTakenByVolunteer)}</span> }.into_any(),
        (None, false) => ().into_any(),
    }
}

/// Kind, direction, region, status and dates: everything anyone may see.
#[component]
pub fn PublicFacts(request: PublicRequest) -> impl IntoView {
    let locale = use_locale();
    let direction = Direction::by_slug(&request.direction);
    let region = Region::by_code(&request.region).map(|r| r.name(locale));
    let taken = request.taken_by.is_some() || request.taken_by_volunteer;
    view! {
        <dl class="facts">
            <div><dt>{t(Key::HelpFieldStatus)}</dt><dd><StatusBadge status=request.status/></dd></div>
            <div><dt>{t(Key::HelpFieldKind)}</dt><dd>{t(request.kind.key())}</dd></div>
            <div><dt>{t(Key::FilterDirection)}</dt><dd>{direction.map(|d| format!("{} — {}", d.name(locale), d.gloss(locale)))}</dd></div>
            <div><dt>{t(Key::FilterRegion)}</dt><dd>{region}</dd></div>
            <div><dt>{t(Key::HelpFiledOn)}</dt><dd><time datetime=request.filed_at.to_rfc3339()>{format_date(locale, request.filed_at)}</time></dd></div>
            <div><dt>{t(Key::HelpUpdatedOn)}</dt><dd><time datetime=request.updated_at.to_rfc3339()>{format_date(locale, request.updated_at)}</time></dd></div>
            {taken.then(|| view! { <div><dt>{t(Key::HelpTakenBy)}</dt><dd><TakenBy request=request.clone()/></dd></div> })}
        </dl>
    }
}

fn actor_text(entry: &TimelineEntry) -> AnyView {
    match (&entry.organization, entry.actor) {
        (Some(organization), ActorKind::Organization | ActorKind::Filer) => {
            let organization = organization.clone();
            view! { <a href=href(&format!("/organizations/{}", organization.slug))><LocalizedSpan text=organization.name/></a> }.into_any()
        }
        (_, actor) => view! { <span>{t(actor.key())}</span> }.into_any(),
    }
}

/// The request's history from the ledger, oldest first.
#[component]
pub fn Timeline(entries: Vec<TimelineEntry>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <section aria-labelledby="timeline-title" class="timeline">
            <h2 id="timeline-title">{t(Key::HelpTimeline)}</h2>
            <ol>
                {entries.into_iter().map(|entry| {
                    let step = match entry.from {
                        Some(from) => format!("{} → {}", t(from.key()), t(entry.to.key())),
                        None => t(Key::HelpTimelineFiled).to_string(),
                    };
                    let actor = actor_text(&entry);
                    let note = match (entry.actor, entry.note) {
                        (ActorKind::System, Some(note)) if note == NOTE_ACCOUNT_DELETED => Some(t(Key::HelpNoteAccountDeleted).to_string()),
                        (_, note) => note,
                    };
                    view! {
                        <li>
                            <time datetime=entry.at.to_rfc3339()>{format_date(locale, entry.at)} " " {crate::i18n::format_time(entry.at)}</time>
                            " · " <strong>{step}</strong> " · " {actor}
                            {note.map(|note| view! { <p class="timeline__note">{note}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

/// A row of the public list: a link to the request's page.
#[component]
pub fn RequestListItem(request: PublicRequest) -> impl IntoView {
    let locale = use_locale();
    let region = Region::by_code(&request.region).map(|r| r.name(locale)).unwrap_or_default();
    let direction = Direction::by_slug(&request.direction).map(|d| d.name(locale)).unwrap_or_default();
    let title = locale.t_with(Key::HelpRequestTitle, &[("id", &request.id.to_string()), ("kind", t(request.kind.key()))]);
    view! {
        <li class="help-item">
            <h3><a href=href(&format!("/help/requests/{}", request.id))>{title}</a></h3>
            <p><StatusBadge status=request.status/> " " {region} " · " {direction} " · "
                <time datetime=request.filed_at.to_rfc3339()>{format_date(locale, request.filed_at)}</time></p>
        </li>
    }
}
