//! `/{lang}/map`: the regions coloured by open campaigns, campaign markers and clusters, the
//! list's filters, and beside it (under it on a phone) the campaigns of the area in view.
//!
//! Without JavaScript the server draws the SVG: every region links to the map and list filtered
//! to it, every marker to its campaign. With JavaScript the map zooms and pans (buttons, mouse
//! wheel, dragging with mouse or finger, arrow and +/− keys), clusters open on click and a
//! marker opens a small card.

use super::api::load_map;
use super::geometry::country;
use super::model::{BBox, Cluster, MapCampaign, MapData};
use crate::campaigns::api::list_campaigns;
use crate::campaigns::model::CampaignQuery;
use crate::campaigns::pages::{with_filters, CardLanguageNote, LocalizedSpan, Results, View, ViewSwitch};
use crate::i18n::{format_date_range, format_number, Key};
use crate::reference::Region;
use crate::errors::AppError;
use crate::ui::{href, t, use_locale, ErrorPanel};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_location;

mod view_box;

use view_box::{level, steps, ViewBox, NOMINAL_FRAME_WIDTH, TARGET_RADIUS};

#[component]
pub fn MapPage() -> impl IntoView {
    let location = use_location();
    let query = Memo::new(move |_| location.search.with(|search| CampaignQuery::from_url_query(search)));
    // A `bbox` in the address opens the map there: this is how clusters open without JavaScript.
    let start = query.with_untracked(|q| q.bbox.as_deref().and_then(BBox::parse)).map_or(ViewBox::country(), |bbox| ViewBox::around(bbox, ViewBox::country().aspect()));
    let view_box = RwSignal::new(start);
    let bbox = Memo::new(move |_| view_box.get().bbox());
    let data = Resource::new(move || (query.get(), bbox.get()), |(query, bbox)| load_map(query, bbox));
    // Beside the map: the campaigns placed in the part of the map in view.
    let list_query = Memo::new(move |_| query.with(|q| CampaignQuery { limit: Some("10".into()), bbox: bbox.get(), ..q.clone() }));
    let list = Resource::new(move || list_query.get(), list_campaigns);
    view! {
        <Title text=t(Key::MapTitle)/>
        <Meta name="description" content=t(Key::MapLead)/>
        <div class="map-page">
            <header class="page-header">
                <h1 id="map-title">{t(Key::MapTitle)}</h1>
                <p class="lead">{t(Key::MapLead)}</p>
                <ViewSwitch query current=View::Map/>
            </header>
            <crate::campaigns::pages::CampaignFilters query action="/map"/>
            <div class="map-layout">
                <section class="map-panel" aria-labelledby="map-title">
                    <CountryMap data query view_box/>
                </section>
                <section class="map-side-list" aria-labelledby="side-list-title">
                    <h2 id="side-list-title">{move || t(if bbox.get().is_some() { Key::MapListInView } else { Key::NavCampaigns })}</h2>
                    <Transition fallback=|| view! { <p class="loading">{t(Key::Loading)}</p> }>
                        {move || list.get().map(|result| match result {
                            Ok(page) => view! { <Results page query=list_query.get_untracked()/> }.into_any(),
                            Err(error) => view! { <ErrorPanel error inline=true/> }.into_any(),
                        })}
                    </Transition>
                </section>
            </div>
        </div>
    }
}

/// The map's frame: controls, the SVG with its handlers, the readout, the card, the legend.
/// It stays mounted while new data load (so keyboard focus stays on the map); only the drawn
/// layers inside change.
#[component]
fn CountryMap(data: Resource<Result<MapData, AppError>>, query: Memo<CampaignQuery>, view_box: RwSignal<ViewBox>) -> impl IntoView {
    let selected = RwSignal::new(None::<MapCampaign>);
    // Controls that need the WebAssembly appear once it runs.
    let interactive = RwSignal::new(false);
    let svg = NodeRef::<leptos::svg::Svg>::new();
    // The frame as the browser lays it out: its width sizes the markers, its shape the view
    // (a phone's frame is taller than the country).
    let frame_width = RwSignal::new(None::<f64>);
    let measure = move || {
        let Some(svg) = svg.get_untracked() else { return };
        let (width, height) = (f64::from(svg.client_width()), f64::from(svg.client_height()));
        if width > 0.0 && height > 0.0 {
            frame_width.set(Some(width));
            view_box.update(|v| *v = v.reshaped(height / width));
        }
    };
    Effect::new(move |_| {
        interactive.set(true);
        load_street_map_script();
        measure();
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    // Pointers on the map (mouse, pen or fingers): where each went down, and the view then.
    let pointers = StoredValue::new(Vec::<(i32, i32, i32)>::new());
    let gesture_start = StoredValue::new(None::<(ViewBox, f64)>);
    // After a drag, the click that ends it must not follow a link.
    let moved = StoredValue::new(false);
    // The region under the mouse or keyboard focus, written out beside the map.
    let readout = RwSignal::new(None::<String>);

    let zoom = move |factor: f64| view_box.update(|v| *v = v.zoomed(factor));
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let step = 0.15;
        let moved = match ev.key().as_str() {
            "ArrowLeft" => Some(view_box.get_untracked().panned(-step, 0.0)),
            "ArrowRight" => Some(view_box.get_untracked().panned(step, 0.0)),
            "ArrowUp" => Some(view_box.get_untracked().panned(0.0, -step)),
            "ArrowDown" => Some(view_box.get_untracked().panned(0.0, step)),
            "+" | "=" => Some(view_box.get_untracked().zoomed(1.5)),
            "-" | "_" => Some(view_box.get_untracked().zoomed(1.0 / 1.5)),
            _ => None,
        };
        if let Some(v) = moved {
            ev.prevent_default();
            view_box.set(v);
            // A focused region or marker is redrawn with the new view; the map keeps the focus.
            if let Some(svg) = svg.get() {
                let _ = svg.focus();
            }
        }
    };
    let on_wheel = move |ev: leptos::ev::WheelEvent| {
        ev.prevent_default();
        zoom(if ev.delta_y() < 0.0 { 1.25 } else { 0.8 });
    };
    // One pointer drags the map; two (fingers) pinch to zoom.
    let spread = |points: &[(i32, i32, i32)]| match points {
        [a, b, ..] => f64::from((a.1 - b.1).pow(2) + (a.2 - b.2).pow(2)).sqrt().max(1.0),
        _ => 1.0,
    };
    let on_pointer_down = move |ev: leptos::ev::PointerEvent| {
        pointers.update_value(|p| {
            p.retain(|(id, _, _)| *id != ev.pointer_id());
            p.push((ev.pointer_id(), ev.client_x(), ev.client_y()));
        });
        gesture_start.set_value(Some((view_box.get_untracked(), pointers.with_value(|p| spread(p)))));
        moved.set_value(false);
    };
    let on_pointer_move = move |ev: leptos::ev::PointerEvent| {
        let (Some((start, start_spread)), Some(svg)) = (gesture_start.get_value(), svg.get()) else { return };
        let Some(first) = pointers.with_value(|p| p.iter().find(|(id, _, _)| *id == ev.pointer_id()).copied()) else { return };
        let width = f64::from(svg.client_width().max(1));
        if pointers.with_value(|p| p.len()) >= 2 {
            pointers.update_value(|p| {
                if let Some(entry) = p.iter_mut().find(|(id, _, _)| *id == ev.pointer_id()) {
                    *entry = (ev.pointer_id(), ev.client_x(), ev.client_y());
                }
            });
            view_box.set(start.zoomed(pointers.with_value(|p| spread(p)) / start_spread));
            moved.set_value(true);
            return;
        }
        let (dx, dy) = (f64::from(ev.client_x() - first.1), f64::from(ev.client_y() - first.2));
        if dx.abs() + dy.abs() > 3.0 {
            view_box.set(start.panned(-dx / width, -dy * start.w / start.h / width));
            moved.set_value(true);
        }
    };
    let on_pointer_up = move |ev: leptos::ev::PointerEvent| {
        pointers.update_value(|p| p.retain(|(id, _, _)| *id != ev.pointer_id()));
        let left = pointers.with_value(|p| p.first().copied());
        // A finger still down starts a fresh drag from where it is.
        match left {
            Some((id, x, y)) => {
                pointers.set_value(vec![(id, x, y)]);
                gesture_start.set_value(Some((view_box.get_untracked(), 1.0)));
            }
            None => gesture_start.set_value(None),
        }
    };

    view! {
        <div class="map" data-needs-script={crate::ui::bundle::ON_USE}>
            <Show when=move || interactive.get()>
                <div class="map__controls">
                    <button type="button" class="button button--secondary" on:click=move |_| zoom(1.5) aria-label=t(Key::MapZoomIn) title=t(Key::MapZoomIn)>"+"</button>
                    <button type="button" class="button button--secondary" on:click=move |_| zoom(1.0 / 1.5) aria-label=t(Key::MapZoomOut) title=t(Key::MapZoomOut)>"−"</button>
                    <button type="button" class="button button--secondary" on:click=move |_| view_box.update(|v| *v = ViewBox::fitting(v.aspect()))>{t(Key::MapReset)}</button>
                    <span class="map__hint">{t(Key::MapKeyboardHint)}</span>
                    <label class="map__street">
                        <input type="checkbox" id="street-map-toggle" data-open=t(Key::MapOpenCampaign)/>
                        {t(Key::MapStreetLayer)}
                    </label>
                </div>
            </Show>
            <svg node_ref=svg class=move || if frame_width.get().is_some() { "map__svg map__svg--measured" } else { "map__svg" }
                viewBox=move || view_box.get().attribute() role="group" aria-label=t(Key::MapLabel)
                tabindex="0" preserveAspectRatio="xMidYMid meet"
                on:keydown=on_key on:wheel=on_wheel on:pointerdown=on_pointer_down on:pointermove=on_pointer_move
                on:pointerup=on_pointer_up on:pointercancel=on_pointer_up on:pointerleave=on_pointer_up>
                <Transition fallback=|| ()>
                    {move || data.get().and_then(Result::ok).map(|data| view! { <MapLayers data query view_box frame_width readout selected moved/> })}
                </Transition>
            </svg>
            <p class="map__readout" aria-hidden="true">{move || readout.get().unwrap_or_else(|| "\u{a0}".to_string())}</p>
            {move || selected.get().map(|marker| view! { <MarkerCard marker on_close=move || selected.set(None)/> })}
            <Transition fallback=|| view! { <p class="loading">{t(Key::Loading)}</p> }>
                {move || data.get().map(|result| match result {
                    Ok(data) => {
                        let steps = steps(data.regions.iter().map(|r| r.count).max().unwrap_or(0));
                        view! { <Legend steps/> <RegionTable data query/> }.into_any()
                    }
                    Err(error) => view! { <ErrorPanel error inline=true/> }.into_any(),
                })}
            </Transition>
            <p class="map__attribution">{t(Key::MapAttribution)}</p>
        </div>
    }
    // Erases the view's long type: deep view types overflow the compiler's query depth.
    .into_any()
}

/// The drawn regions, clusters and markers for one set of data.
#[component]
fn MapLayers(
    data: MapData,
    query: Memo<CampaignQuery>,
    view_box: RwSignal<ViewBox>,
    frame_width: RwSignal<Option<f64>>,
    readout: RwSignal<Option<String>>,
    selected: RwSignal<Option<MapCampaign>>,
    moved: StoredValue<bool>,
) -> impl IntoView {
    let locale = use_locale();
    let map = country();
    let steps = steps(data.regions.iter().map(|r| r.count).max().unwrap_or(0));
    let selected_region = query.with_untracked(|q| q.region.clone());

    let regions = map
        .regions
        .iter()
        .map(|shape| {
            let count = data.count_in(&shape.code);
            let name = Region::by_code(&shape.code).map(|r| r.name(locale)).unwrap_or_default();
            let label = locale.t_with(Key::MapRegionCount, &[("region", name), ("count", &format_number(locale, count))]);
            let link = query.with_untracked(|q| with_filters("/map", &CampaignQuery { region: Some(shape.code.clone()), after: None, before: None, ..q.clone() }, None));
            let class = format!("region level-{}{}", level(count, &steps), if selected_region.as_deref() == Some(shape.code.as_str()) { " region--selected" } else { "" });
            let tooltip = label.clone();
            let shown = label.clone();
            let show = move || readout.set(Some(shown.clone()));
            let show_on_focus = show.clone();
            // Each link sits in a <g>: a view whose first element is <a> or <title> makes HTML
            // elements, which an <svg> does not draw (they vanished when the map was drawn again in
            // the browser, after a zoom); inside an SVG element the macro makes SVG ones.
            view! {
                <g>
                    <a href=link aria-label=label class="region-link" data-region=shape.code.clone()
                        on:mouseenter=move |_| show() on:focus=move |_| show_on_focus()
                        on:click=move |ev| if moved.get_value() { ev.prevent_default() }>
                        <path d=shape.path.clone() class=class><title>{tooltip}</title></path>
                    </a>
                </g>
            }
        })
        .collect_view();

    let clusters = data.clusters.clone();
    let campaigns = data.campaigns.clone();
    // Drawing units per pixel on screen, so that markers keep their size in pixels at any zoom.
    // Before the frame is measured (no JavaScript, or not yet) the stylesheet scales them for a
    // phone's narrower frame (`.pin` in main.css).
    let unit = move || view_box.with(|v| v.w) / frame_width.get().unwrap_or(NOMINAL_FRAME_WIDTH);
    let markers = move || {
        let u = unit();
        let clusters = clusters.iter().map(|cluster: &Cluster| {
            let p = map.project(cluster.lon, cluster.lat);
            let size = TARGET_RADIUS + (cluster.count as f64).log10() * 3.0;
            let label = locale.t_with(Key::MapCluster, &[("count", &format_number(locale, cluster.count))]);
            let target = ViewBox::around(cluster.bbox, view_box.with_untracked(ViewBox::aspect));
            let link = query.with_untracked(|q| with_filters("/map", q, Some(("bbox", cluster.bbox.encode()))));
            let tooltip = label.clone();
            view! {
                <g class="pin">
                    <a href=link class="cluster" aria-label=label
                        on:click=move |ev| { ev.prevent_default(); if !moved.get_value() { view_box.set(target) } }>
                        <title>{tooltip}</title>
                        <circle cx=p.x cy=p.y r=size * u/>
                        <text x=p.x y=p.y dy="0.35em" font-size=14.0 * u>{format_number(locale, cluster.count)}</text>
                    </a>
                </g>
            }
        }).collect_view();
        let singles = campaigns.iter().map(|marker: &MapCampaign| {
            let p = map.project(marker.lon, marker.lat);
            let title = marker.campaign.title.pick(locale).map(|s| s.text.to_string()).unwrap_or_default();
            let link = href(&format!("/campaigns/{}", marker.campaign.id));
            let chosen = marker.clone();
            let tooltip = title.clone();
            view! {
                <g class="pin">
                    <a href=link class="marker" aria-label=title data-campaign=marker.campaign.id
                        on:click=move |ev| { ev.prevent_default(); if !moved.get_value() { selected.set(Some(chosen.clone())) } }>
                        <title>{tooltip}</title>
                        // A dot to see, inside a larger invisible circle to tap.
                        <circle class="marker__target" cx=p.x cy=p.y r=TARGET_RADIUS * u/>
                        <circle class="marker__dot" cx=p.x cy=p.y r=8.0 * u/>
                    </a>
                </g>
            }
        }).collect_view();
        view! { {clusters} {singles} }
    };

    view! {
        <g class="regions">{regions}</g>
        <g class="markers">{markers}</g>
    }
}

#[component]
fn MarkerCard(marker: MapCampaign, on_close: impl Fn() + 'static + Send + Sync) -> impl IntoView {
    let locale = use_locale();
    let c = marker.campaign;
    let link = href(&format!("/campaigns/{}", c.id));
    view! {
        <aside class="map-card" aria-live="polite">
            <h3><LocalizedSpan text=c.title.clone() quiet=true/></h3>
            <p><LocalizedSpan text=c.organization.name.clone() quiet=true/></p>
            <CardLanguageNote texts=vec![c.title.clone(), c.organization.name.clone()]/>
            <p>{format_date_range(locale, c.starts_at, c.ends_at)}</p>
            <p class="campaign-card__places">{crate::campaigns::pages::places_text(locale, &c)}</p>
            <p class="map-card__actions">
                <a class="button button--primary" href=link>{t(Key::MapOpenCampaign)}</a>
                <button type="button" class="button button--plain" on:click=move |_| on_close()>{t(Key::MapCloseCard)}</button>
            </p>
        </aside>
    }
}

/// The colour classes with their ranges in numbers, so the legend reads without colour.
#[component]
fn Legend(steps: [i64; 5]) -> impl IntoView {
    let locale = use_locale();
    let mut bounds = vec![(0usize, "0".to_string())];
    let mut low = 1;
    for (i, high) in steps.iter().enumerate() {
        let text = if i == 4 { format!("{}+", format_number(locale, low)) } else { format!("{}–{}", format_number(locale, low), format_number(locale, *high)) };
        bounds.push((i + 1, text));
        low = high + 1;
    }
    view! {
        <figure class="legend">
            <figcaption>{t(Key::MapLegend)}</figcaption>
            <ul>
                {bounds.into_iter().map(|(level, text)| view! {
                    <li><span class=format!("legend__swatch level-{level}") aria-hidden="true"></span>{text}</li>
                }).collect_view()}
            </ul>
        </figure>
    }
}

/// Every region with its count, as a table: the map's content for anyone who cannot see it.
#[component]
fn RegionTable(data: MapData, query: Memo<CampaignQuery>) -> impl IntoView {
    let locale = use_locale();
    let mut rows: Vec<(String, &'static str, i64)> = crate::reference::REGIONS.iter().map(|r| (r.code.to_string(), r.name(locale), data.count_in(r.code))).collect();
    rows.sort_by_cached_key(|row| (std::cmp::Reverse(row.2), crate::i18n::collation_key(locale, row.1)));
    view! {
        <details class="region-table">
            <summary>{t(Key::MapRegionsTable)}</summary>
            <table>
                <thead><tr><th scope="col">{t(Key::FilterRegion)}</th><th scope="col">{t(Key::MapLegend)}</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|(code, name, count)| {
                        let link = query.with_untracked(|q| with_filters("/map", &CampaignQuery { region: Some(code), after: None, before: None, ..q.clone() }, None));
                        view! { <tr><th scope="row"><a href=link>{name}</a></th><td>{format_number(locale, count)}</td></tr> }
                    }).collect_view()}
                </tbody>
            </table>
        </details>
    }
}

/// Adds the street-map layer's script (public/street-map.js) to the page, once: its toggle shows
/// only when the map is interactive, so a visitor who never uses the map never downloads it.
fn load_street_map_script() {
    #[cfg(feature = "hydrate")]
    {
        const ID: &str = "street-map-script";
        let document = document();
        if document.get_element_by_id(ID).is_some() {
            return;
        }
        // The address with the script's content hash, from the page's head (see app.rs).
        let src = document
            .query_selector(&format!("meta[name={}]", crate::app::STREET_MAP_META))
            .ok()
            .flatten()
            .and_then(|meta| meta.get_attribute("content"))
            .unwrap_or_else(|| format!("/{}", crate::app::STREET_MAP_SCRIPT));
        if let (Ok(script), Some(body)) = (document.create_element("script"), document.body()) {
            script.set_id(ID);
            let _ = script.set_attribute("src", &src);
            let _ = body.append_child(&script);
        }
    }
}
