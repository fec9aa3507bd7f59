//! `/{lang}/me/book`: the volunteer book. Every campaign whose hours an organisation confirmed,
//! how they were confirmed, totals by year and by direction, and apart the hours from check-in
//! that still await confirmation.

use super::super::api::load_book;
use super::super::model::{Book, BookEntry, HoursSource, Total};
use super::hours_text;
use crate::campaigns::pages::LocalizedSpan;
use crate::i18n::{format_date, format_date_range, Key};
use crate::reference::{Direction, Region};
use crate::forms::{submitted_feedback, FormFeedback};
use crate::ui::{href, t, urlencode, use_locale, ErrorPanel};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn BookPage() -> impl IntoView {
    let feedback = submitted_feedback();
    let data = Resource::new(|| (), move |_| {
        let feedback = feedback.clone();
        async move { (load_book().await, feedback.unwrap_or_default()) }
    });
    view! {
        <Title text=t(Key::BookTitle)/>
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=|| view! { <p class="loading">{t(Key::Loading)}</p> }>
            {move || data.get().map(|(result, feedback)| match result {
                Ok(Some(book)) => view! { <BookView book feedback/> }.into_any(),
                Ok(None) => view! {
                    <section class="narrow">
                        <h1>{t(Key::BookTitle)}</h1>
                        <p>{t(Key::MeSignInFirst)}</p>
                        <p><a class="button button--primary" href=format!("{}?next={}", href("/login"), urlencode(&href("/me/book")))>{t(Key::NavLogin)}</a></p>
                    </section>
                }.into_any(),
                Err(error) => view! { <ErrorPanel error/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn BookView(book: Book, feedback: FormFeedback) -> impl IntoView {
    let locale = use_locale();
    let direction_name = move |slug: &str| Direction::by_slug(slug).map(|d| d.name(locale).to_string()).unwrap_or_else(|| slug.to_string());
    let by_direction: Vec<Total> = book.by_direction.iter().map(|total| Total { label: direction_name(&total.label), hours: total.hours }).collect();
    view! {
        <div class="book">
            <p class="back-link"><a href=href("/me")>"← " {t(Key::MeTitle)}</a></p>
            <h1>{t(Key::BookTitle)}</h1>
            {(!book.full_name.is_empty()).then(|| view! { <p class="lead">{book.full_name.clone()}</p> })}
            <p>{t(Key::BookLead)}</p>
            <dl class="figures">
                <div><dt>{t(Key::BookTotal)}</dt><dd>{hours_text(book.total)}</dd></div>
                <div><dt>{t(Key::BookCampaigns)}</dt><dd>{book.confirmed.len()}</dd></div>
            </dl>
            {(!book.confirmed.is_empty()).then(|| view! {
                <div class="book__totals">
                    <Totals heading=Key::BookByYear totals=book.by_year.clone()/>
                    <Totals heading=Key::BookByDirection totals=by_direction/>
                </div>
            })}
            <section aria-labelledby="book-confirmed">
                <h2 id="book-confirmed">{t(Key::BookConfirmed)}</h2>
                {if book.confirmed.is_empty() {
                    view! { <p class="empty-state">{t(Key::BookEmpty)} " " <a href=href("/campaigns")>{t(Key::HomeAllCampaigns)}</a></p> }.into_any()
                } else {
                    view! { <Entries entries=book.confirmed.clone()/> }.into_any()
                }}
            </section>
            <crate::hours::certificates::CertificatesSection certificates=book.certificates.clone() organizations=book.organizations.clone()
                can_issue=!book.confirmed.is_empty() feedback/>
            {(!book.awaiting.is_empty()).then(|| view! {
                <section aria-labelledby="book-awaiting">
                    <h2 id="book-awaiting">{t(Key::BookAwaiting)}</h2>
                    <p>{t(Key::BookAwaitingLead)}</p>
                    <Entries entries=book.awaiting.clone()/>
                </section>
            })}
        </div>
    }
}

#[component]
fn Totals(heading: Key, totals: Vec<Total>) -> impl IntoView {
    view! {
        <section class="book__total">
            <h2>{t(heading)}</h2>
            <table class="data-table">
                <tbody>
                    {totals.into_iter().map(|total| view! {
                        <tr><th scope="row">{total.label}</th><td class="number">{hours_text(total.hours)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn Entries(entries: Vec<BookEntry>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <ol class="book__entries">
            {entries.into_iter().map(|entry| {
                let campaign = entry.campaign;
                let direction = Direction::by_slug(&campaign.direction).map(|d| d.name(locale)).unwrap_or_default();
                let region = Region::by_code(&campaign.region).map(|r| r.name(locale)).unwrap_or_default();
                let how = match entry.source {
                    Some(source) => {
                        let confirmed = entry.confirmed_at.map(|at| format!(" · {}", locale.t_with(Key::BookConfirmedOn, &[("date", &format_date(locale, at))])));
                        format!("{}{}", t(source.key()), confirmed.unwrap_or_default())
                    }
                    None => t(Key::BookAwaitingShort).to_string(),
                };
                let entered = entry.source == Some(HoursSource::Organization);
                view! {
                    <li class="book-entry">
                        <h3><a href=href(&format!("/campaigns/{}", campaign.id))><LocalizedSpan text=campaign.title.clone()/></a></h3>
                        <p class="book-entry__hours">{hours_text(entry.hours)}</p>
                        <dl class="facts">
                            <div><dt>{t(Key::BookOrganization)}</dt><dd>
                                <a href=href(&format!("/organizations/{}", campaign.organization.slug))><LocalizedSpan text=campaign.organization.name.clone()/></a>
                            </dd></div>
                            <div><dt>{t(Key::BookWhen)}</dt><dd>{format_date_range(locale, campaign.starts_at, campaign.ends_at)}</dd></div>
                            <div><dt>{t(Key::FilterDirection)}</dt><dd>{direction}</dd></div>
                            <div><dt>{t(Key::FilterRegion)}</dt><dd>{region}</dd></div>
                            <div><dt>{t(Key::BookHow)}</dt><dd class:book-entry__entered=entered>{how}</dd></div>
                        </dl>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
