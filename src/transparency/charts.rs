//! Charts as SVG, drawn in the server's HTML: readable without JavaScript, scaled to the
//! screen by their viewBox. Each chart's numbers are also in the table under it, and the SVG
//! names itself for screen readers, which read the table.

use crate::i18n::{format_number, Key, Locale};
use crate::ui::{t, use_locale};
use leptos::prelude::*;

/// One labelled item of a chart, with a value for each series.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartRow {
    pub label: String,
    pub values: Vec<f64>,
}

const WIDTH: f64 = 400.0;

/// A value as the chart writes it: whole numbers grouped, hours with one decimal.
pub fn number_text(locale: Locale, value: f64) -> String {
    if value.fract() == 0.0 {
        format_number(locale, value as i64)
    } else {
        let whole = format_number(locale, value.trunc() as i64);
        let separator = if locale == Locale::En { "." } else { "," };
        format!("{whole}{separator}{}", ((value.fract() * 10.0).round() as i64).clamp(0, 9))
    }
}

fn largest(rows: &[ChartRow]) -> f64 {
    rows.iter().flat_map(|r| r.values.iter().copied()).fold(0.0, f64::max).max(1.0)
}

/// The series' names with their colour, so that the chart reads without knowing the colours.
#[component]
fn Legend(series: Vec<Key>) -> impl IntoView {
    (series.len() > 1).then(|| {
        view! {
            <ul class="chart-legend">
                {series.into_iter().enumerate().map(|(i, key)| view! {
                    <li><span class=format!("chart-legend__swatch chart__bar--{i}") aria-hidden="true"></span>{t(key)}</li>
                }).collect_view()}
            </ul>
        }
    })
}

/// Horizontal bars: each row's label above its bars, so long names fit on a phone.
#[component]
pub fn BarChart(title: String, rows: Vec<ChartRow>, series: Vec<Key>) -> impl IntoView {
    let locale = use_locale();
    let max = largest(&rows);
    let bar_height = 12.0;
    let row_height = 18.0 + bar_height * series.len() as f64 + 8.0;
    let height = (row_height * rows.len() as f64).max(row_height);
    let plot = WIDTH - 70.0;
    let bars = rows
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let top = i as f64 * row_height;
            let values = row
                .values
                .iter()
                .enumerate()
                .map(|(s, value)| {
                    let y = top + 18.0 + s as f64 * bar_height;
                    let width = (plot * value / max).max(if *value > 0.0 { 1.0 } else { 0.0 });
                    view! {
                        <rect class=format!("chart__bar--{s}") x="0" y=format!("{y:.1}") width=format!("{width:.1}") height=format!("{:.1}", bar_height - 2.0)/>
                        <text class="chart__value" x=format!("{:.1}", width + 4.0) y=format!("{:.1}", y + bar_height - 3.0)>{number_text(locale, *value)}</text>
                    }
                })
                .collect_view();
            view! {
                <text class="chart__label" x="0" y=format!("{:.1}", top + 13.0)>{row.label}</text>
                {values}
            }
        })
        .collect_view();
    view! {
        <Legend series/>
        <svg class="chart" viewBox=format!("0 0 {WIDTH} {height:.0}") role="img" aria-label=title preserveAspectRatio="xMinYMin meet">
            {bars}
        </svg>
    }
}

/// Columns over time (months), two series side by side, with a scale on the left.
#[component]
pub fn ColumnChart(title: String, rows: Vec<ChartRow>, series: Vec<Key>) -> impl IntoView {
    let locale = use_locale();
    let max = largest(&rows);
    let (left, bottom, top, height) = (34.0, 22.0, 8.0, 180.0);
    let plot_height = height - bottom - top;
    let n = rows.len().max(1) as f64;
    let group = (WIDTH - left) / n;
    let bar = (group * 0.8 / series.len().max(1) as f64).min(18.0);
    // Every k-th month is labelled, so the labels never overlap.
    let every = ((rows.len() as f64) / 8.0).ceil().max(1.0) as usize;
    let columns = rows
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let x0 = left + i as f64 * group + (group - bar * row.values.len() as f64) / 2.0;
            let bars = row
                .values
                .iter()
                .enumerate()
                .map(|(s, value)| {
                    let h = plot_height * value / max;
                    view! {
                        <rect class=format!("chart__bar--{s}") x=format!("{:.1}", x0 + s as f64 * bar) y=format!("{:.1}", top + plot_height - h)
                            width=format!("{:.1}", (bar - 1.0).max(1.0)) height=format!("{h:.1}")/>
                    }
                })
                .collect_view();
            let label = (i % every == 0).then(|| {
                view! { <text class="chart__label chart__label--axis" x=format!("{:.1}", left + i as f64 * group + group / 2.0) y=format!("{:.1}", height - 6.0) text-anchor="middle">{row.label.clone()}</text> }
            });
            view! { {bars} {label} }
        })
        .collect_view();
    view! {
        <Legend series/>
        <svg class="chart" viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=title preserveAspectRatio="xMinYMin meet">
            <line class="chart__axis" x1=left y1=top x2=left y2=top + plot_height/>
            <line class="chart__axis" x1=left y1=top + plot_height x2=WIDTH y2=top + plot_height/>
            <text class="chart__label chart__label--axis" x=left - 4.0 y=top + 8.0 text-anchor="end">{number_text(locale, max)}</text>
            <text class="chart__label chart__label--axis" x=left - 4.0 y=top + plot_height text-anchor="end">"0"</text>
            {columns}
        </svg>
    }
}
