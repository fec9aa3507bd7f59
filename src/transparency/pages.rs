use super::charts::{number_text, BarChart, ChartRow, ColumnChart};
use super::api::load_figures;
use super::model::{Figures, FiguresQuery};
use crate::i18n::{format_date, format_number, format_time, Key};
use crate::reference::{Direction, Region};
use crate::ui::filters::{DirectionFilter, RegionFilter};
use crate::ui::{href, t, use_locale, ErrorPanel};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

/// How often an open page counts again (with JavaScript; without it, a reload does). The bundle
/// itself is loaded only when this first comes due, or when the filters are used (ui/bundle.rs).
const REFRESH: std::time::Duration = std::time::Duration::from_secs(60);

/// The most recent months the column chart shows (the table has them all).
const CHART_MONTHS: usize = 24;

/// `/{lang}/transparency`: how help is distributed, filterable by region, direction and period.
#[component]
pub fn TransparencyPage() -> impl IntoView {
    let query = use_query_map();
    let figures_query = Memo::new(move |_| {
        query.with(|q| {
            let pairs: Vec<(String, String)> = ["region", "direction", "from", "to"]
                .iter()
                .filter_map(|name| q.get(name).map(|v| (name.to_string(), v)))
                .collect();
            FiguresQuery::from_pairs(pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())))
        })
    });
    let figures = Resource::new(move || figures_query.get(), load_figures);
    #[cfg(feature = "hydrate")]
    {
        if let Ok(handle) = set_interval_with_handle(move || figures.refetch(), REFRESH) {
            on_cleanup(move || handle.clear());
        }
        // Hydrated because the first count came due (not because the filters were used): the
        // figures the server sent are a refresh old, so count now.
        let open_for = window().performance().map(|p| p.now()).unwrap_or_default();
        if open_for >= REFRESH.as_millis() as f64 {
            figures.refetch();
        }
    }
    view! {
        <Title text=t(Key::TransparencyTitle)/>
        <Meta name="description" content=t(Key::TransparencyLead)/>
        <div class="transparency" data-needs-script={crate::ui::bundle::ON_USE} data-needs-script-after={REFRESH.as_secs()}>
            <header class="page-header">
                <h1>{t(Key::TransparencyTitle)}</h1>
                <p class="lead">{t(Key::TransparencyLead)}</p>
            </header>
            <Filters query=figures_query.get_untracked()/>
            <Transition fallback=|| view! { <p class="loading">{t(Key::Loading)}</p> }>
                {move || figures.get().map(|result| match result {
                    Ok(figures) => view! { <FiguresView figures/> }.into_any(),
                    Err(error) => view! { <ErrorPanel error inline=true/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Filters(query: FiguresQuery) -> impl IntoView {
    view! {
        <form class="filters filters--inline" method="get" action=href("/transparency") role="search" aria-label=t(Key::FiltersTitle)>
            <RegionFilter id="t-region" selected=query.region.clone() any=Key::TransparencyWholeCountry/>
            <DirectionFilter id="t-direction" selected=query.direction.clone()/>
            <div class="field">
                <label for="t-from">{t(Key::FilterFrom)}</label>
                <input id="t-from" type="date" name="from" value=query.from.clone().unwrap_or_default()/>
            </div>
            <div class="field">
                <label for="t-to">{t(Key::FilterTo)}</label>
                <input id="t-to" type="date" name="to" value=query.to.clone().unwrap_or_default()/>
            </div>
            <div class="filters__actions">
                <button type="submit" class="button button--primary">{t(Key::FilterApply)}</button>
                <a class="button button--plain" href=href("/transparency")>{t(Key::FilterReset)}</a>
            </div>
        </form>
    }
}

/// A figure with its name and how it is counted.
#[component]
fn Figure(label: Key, value: String, #[prop(optional)] how: Option<Key>) -> impl IntoView {
    view! {
        <div class="figure" data-figure=label.name()>
            <dt>{t(label)}</dt>
            <dd><span class="figure__value">{value}</span>{how.map(|how| view! { <small class="figure__how">{t(how)}</small> })}</dd>
        </div>
    }
}

/// A chart's numbers as a table: a row per item, a column per series.
#[component]
fn FigureTable(caption: String, first_column: Key, rows: Vec<ChartRow>, series: Vec<Key>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="table-scroll">
            <table class="data-table">
                <caption class="visually-hidden">{caption}</caption>
                <thead><tr>
                    <th scope="col">{t(first_column)}</th>
                    {series.iter().map(|key| view! { <th scope="col" class="numeric">{t(*key)}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| view! {
                        <tr>
                            <th scope="row">{row.label}</th>
                            {row.values.into_iter().map(|v| view! { <td class="numeric">{number_text(locale, v)}</td> }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// A section with a chart and the same numbers in a table.
#[component]
fn ChartSection(id: &'static str, title: Key, first_column: Key, rows: Vec<ChartRow>, series: Vec<Key>, #[prop(optional)] columns: bool) -> impl IntoView {
    let name = t(title).to_string();
    let empty = rows.is_empty();
    let chart_rows = if columns && rows.len() > CHART_MONTHS { rows[rows.len() - CHART_MONTHS..].to_vec() } else { rows.clone() };
    view! {
        <section class="chart-section" aria-labelledby=id>
            <h2 id=id>{name.clone()}</h2>
            {if empty {
                view! { <p class="empty-state">{t(Key::TransparencyNothing)}</p> }.into_any()
            } else {
                view! {
                    <figure>
                        {if columns {
                            view! { <ColumnChart title=name.clone() rows=chart_rows series=series.clone()/> }.into_any()
                        } else {
                            view! { <BarChart title=name.clone() rows=chart_rows series=series.clone()/> }.into_any()
                        }}
                        <figcaption class="visually-hidden">{name.clone()}</figcaption>
                    </figure>
                    <FigureTable caption=name first_column rows series/>
                }.into_any()
            }}
        </section>
    }
}

fn month_label(month: &str) -> String {
    // `2026-11` → `11.2026`
    match month.split_once('-') {
        Some((year, m)) => format!("{m}.{year}"),
        None => month.to_string(),
    }
}

#[component]
fn FiguresView(figures: Figures) -> impl IntoView {
    let locale = use_locale();
    let r = &figures.requests;
    let v = &figures.volunteering;
    let n = |x: i64| format_number(locale, x);
    let median = match r.median_hours_to_delivery {
        Some(hours) if hours < 48.0 => locale.t_with(Key::TransparencyHours, &[("n", &number_text(locale, hours))]),
        Some(hours) => locale.t_with(Key::TransparencyDays, &[("n", &number_text(locale, (hours / 2.4).round() / 10.0))]),
        None => "—".to_string(),
    };
    let funnel = vec![
        ChartRow { label: t(Key::TransparencyFiled).into(), values: vec![r.filed as f64] },
        ChartRow { label: t(Key::TransparencyVerified).into(), values: vec![r.verified as f64] },
        ChartRow { label: t(Key::TransparencyDelivered).into(), values: vec![r.delivered as f64] },
        ChartRow { label: t(Key::TransparencyConfirmed).into(), values: vec![r.confirmed as f64] },
    ];
    let months: Vec<ChartRow> =
        figures.by_month.iter().map(|m| ChartRow { label: month_label(&m.month), values: vec![m.filed as f64, m.delivered as f64] }).collect();
    let kinds: Vec<ChartRow> = figures.by_kind.iter().map(|k| ChartRow { label: t(k.kind.key()).into(), values: vec![k.filed as f64, k.delivered as f64] }).collect();
    let regions: Vec<ChartRow> = figures
        .by_region
        .iter()
        .map(|g| ChartRow { label: Region::by_code(&g.region).map(|x| x.name(locale)).unwrap_or(&g.region).into(), values: vec![g.filed as f64, g.delivered as f64] })
        .collect();
    let directions: Vec<ChartRow> = figures
        .hours_by_direction
        .iter()
        .map(|d| ChartRow { label: Direction::by_slug(&d.direction).map(|x| x.name(locale)).unwrap_or(&d.direction).into(), values: vec![d.hours, d.volunteers as f64] })
        .collect();
    let query = figures.filter.query_string();
    let with_query = |path: &str| if query.is_empty() { path.to_string() } else { format!("{path}?{query}") };
    let counted = locale.t_with(Key::TransparencyCountedAt, &[("date", &format_date(locale, figures.counted_at)), ("time", &format_time(figures.counted_at))]);
    let both = vec![Key::TransparencyFiled, Key::TransparencyDelivered];
    let whole_country = figures.filter.region.is_none();
    view! {
        <p class="field__hint" role="status">{counted}</p>
        <section aria-labelledby="help-figures">
            <h2 id="help-figures">{t(Key::TransparencyRequestsTitle)}</h2>
            <dl class="figures">
                <Figure label=Key::TransparencyFiled value=n(r.filed)/>
                <Figure label=Key::TransparencyVerified value=n(r.verified) how=Key::TransparencyVerifiedHow/>
                <Figure label=Key::TransparencyDelivered value=n(r.delivered)/>
                <Figure label=Key::TransparencyConfirmed value=n(r.confirmed) how=Key::TransparencyConfirmedHow/>
                <Figure label=Key::TransparencyMedian value=median how=Key::TransparencyMedianHow/>
            </dl>
        </section>
        <section aria-labelledby="volunteering-figures">
            <h2 id="volunteering-figures">{t(Key::TransparencyVolunteeringTitle)}</h2>
            <dl class="figures">
                <Figure label=Key::TransparencyVolunteers value=n(v.volunteers) how=Key::TransparencyVolunteersHow/>
                <Figure label=Key::TransparencyOrganizations value=n(v.organizations) how=Key::TransparencyOrganizationsHow/>
                <Figure label=Key::TransparencyCampaigns value=n(v.campaigns) how=Key::TransparencyCampaignsHow/>
                <Figure label=Key::TransparencyHoursGiven value=number_text(locale, v.hours)/>
            </dl>
            {figures.volunteering_counted_at.map(|at| view! {
                <p class="field__hint">{locale.t_with(Key::TransparencyVolunteeringCountedAt, &[("date", &format_date(locale, at)), ("time", &format_time(at))])}</p>
            })}
        </section>
        <ChartSection id="chart-funnel" title=Key::TransparencyFunnel first_column=Key::TransparencyStage rows=funnel series=vec![Key::TransparencyRequests]/>
        <ChartSection id="chart-months" title=Key::TransparencyByMonth first_column=Key::TransparencyMonth rows=months series=both.clone() columns=true/>
        <ChartSection id="chart-kinds" title=Key::TransparencyByKind first_column=Key::HelpFieldKind rows=kinds series=both.clone()/>
        {whole_country.then(|| view! {
            <ChartSection id="chart-regions" title=Key::TransparencyByRegion first_column=Key::FilterRegion rows=regions series=both.clone()/>
        })}
        <ChartSection id="chart-directions" title=Key::TransparencyHoursByDirection first_column=Key::FilterDirection rows=directions
            series=vec![Key::TransparencyHoursGiven, Key::TransparencyVolunteers]/>
        <section aria-labelledby="downloads" class="downloads">
            <h2 id="downloads">{t(Key::TransparencyDownloads)}</h2>
            <ul>
                <li><a href=with_query("/api/v1/transparency.csv") rel="external" download="">{t(Key::TransparencyDownloadCsv)}</a></li>
                <li><a href=with_query("/api/v1/transparency") rel="external">{t(Key::TransparencyDownloadJson)}</a></li>
                <li><a href="/api/v1/help/ledger" rel="external">{t(Key::TransparencyDownloadLedger)}</a></li>
            </ul>
            <p class="field__hint">{t(Key::TransparencyLedgerHint)}</p>
        </section>
    }
}
