//! `/{lang}/organizations/{slug}/hours`: the confirmed hours of an organisation's volunteers,
//! by campaign, for a period (a plain GET form: it works the same without JavaScript), and the
//! same as CSV.

use super::super::api::load_organization_hours;
use super::super::model::{ConfirmedHours, OrganizationHours};
use super::hours_text;
use crate::campaigns::pages::LocalizedSpan;
use crate::i18n::{format_date_range, Key};
use crate::organizations::campaigns::members_only;
use crate::ui::{href, t, use_locale};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn OrganizationHoursPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let asked = Memo::new(move |_| {
        let slug = params.with(|p| p.get("slug").unwrap_or_default());
        query.with(|q| (slug, q.get("from").unwrap_or_default(), q.get("to").unwrap_or_default()))
    });
    let data = Resource::new(move || asked.get(), |(slug, from, to)| load_organization_hours(slug, from, to));
    view! {
        <Title text=t(Key::OrgHoursTitle)/>
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=|| view! { <p class="loading">{t(Key::Loading)}</p> }>
            {move || data.get().map(|result| match result {
                Ok(data) => view! { <Hours data/> }.into_any(),
                Err(error) => members_only(error),
            })}
        </Suspense>
    }
}

#[component]
fn Hours(data: OrganizationHours) -> impl IntoView {
    let locale = use_locale();
    let base = format!("/organizations/{}", data.organization.slug);
    let query = data.period.query();
    let csv = format!("{}{}", href(&format!("{base}/hours.csv")), if query.is_empty() { String::new() } else { format!("?{query}") });
    let total: f64 = data.rows.iter().map(|row| row.hours).sum();
    let summary = locale.t_with(Key::OrgHoursSummary, &[("hours", &hours_text(total)), ("n", &data.rows.len().to_string())]);
    // Rows come by campaign: one table for each.
    let mut campaigns: Vec<Vec<ConfirmedHours>> = Vec::new();
    for row in data.rows {
        match campaigns.last_mut() {
            Some(group) if group[0].campaign_id == row.campaign_id => group.push(row),
            _ => campaigns.push(vec![row]),
        }
    }
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    view! {
        <section class="manage">
            <p class="back-link"><a href=href(&format!("{base}/campaigns"))>"← " {t(Key::ManageTitle)}</a></p>
            <h1>{t(Key::OrgHoursTitle)}</h1>
            <p class="lead"><LocalizedSpan text=data.organization.name.clone()/></p>
            <form method="get" action=href(&format!("{base}/hours")) class="period-form">
                <div class="field">
                    <label for="hours-from">{t(Key::OrgHoursFrom)}</label>
                    <input id="hours-from" type="date" name="from" value=day(data.period.from)/>
                </div>
                <div class="field">
                    <label for="hours-to">{t(Key::OrgHoursTo)}</label>
                    <input id="hours-to" type="date" name="to" value=day(data.period.to)/>
                </div>
                <button type="submit" class="button button--secondary">{t(Key::OrgHoursShow)}</button>
            </form>
            <p role="status">{summary}</p>
            <p><a href=csv download="hours.csv" rel="external">{t(Key::OrgHoursCsv)}</a></p>
            {campaigns.is_empty().then(|| view! { <p class="empty-state">{t(Key::OrgHoursEmpty)}</p> })}
            {campaigns.into_iter().map(|rows| {
                let first = rows[0].clone();
                let total: f64 = rows.iter().map(|row| row.hours).sum();
                view! {
                    <section class="org-hours">
                        <h2><a href=href(&format!("/campaigns/{}", first.campaign_id))><LocalizedSpan text=first.campaign.clone()/></a></h2>
                        <p>{format_date_range(locale, first.starts_at, first.ends_at)} " · " {hours_text(total)}</p>
                        <table class="data-table">
                            <thead><tr>
                                <th scope="col">{t(Key::CsvName)}</th>
                                <th scope="col">{t(Key::ManageHours)}</th>
                                <th scope="col">{t(Key::BookHow)}</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|row| {
                                    let name = if row.volunteer.is_empty() { t(Key::OrgHoursDeletedAccount).to_string() } else { row.volunteer.clone() };
                                    view! { <tr><td>{name}</td><td class="numeric">{hours_text(row.hours)}</td><td>{t(row.source.key())}</td></tr> }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </section>
                }
            }).collect_view()}
        </section>
    }
}
