//! `/{lang}/organizations/{slug}/campaigns/{id}/check-in`: the screen an organiser shows at the
//! door. The code and its QR code change every 30 seconds: with JavaScript the page fetches the
//! next one when it changes, without it the page reloads itself.

use super::super::api::load_check_in_screen;
use super::super::model::{CheckInScreen, MarkKind};
use crate::campaigns::pages::LocalizedSpan;
use crate::i18n::{format_date_range, Key};
use crate::organizations::campaigns::members_only;
use crate::ui::{href, t, use_locale};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn CheckInScreenPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let locale = use_locale();
    let slug = Memo::new(move |_| params.with(|p| p.get("slug").unwrap_or_default()));
    let campaign = Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| id.parse().ok()).unwrap_or(-1i64)));
    let kind = Memo::new(move |_| query.with(|q| if q.get("mode").as_deref() == Some("out") { MarkKind::Out } else { MarkKind::In }));
    let data = Resource::new(
        move || (slug.get(), campaign.get(), kind.get()),
        move |(slug, campaign, kind)| load_check_in_screen(slug, campaign, kind.code().to_string(), locale.code().to_string()),
    );
    // With JavaScript: the next code as soon as this one changes (half a second late, so that the
    // server's clock has moved on too).
    Effect::new(move |_| {
        if let Some(Ok(screen)) = data.get() {
            let wait = std::time::Duration::from_millis(u64::from(screen.seconds_left) * 1000 + 500);
            if let Ok(timer) = set_timeout_with_handle(move || data.refetch(), wait) {
                on_cleanup(move || timer.clear());
            }
        }
    });
    view! {
        <Title text=t(Key::HoursScreenTitle)/>
        <Meta name="robots" content="noindex"/>
        <Transition fallback=|| view! { <p class="loading">{t(Key::Loading)}</p> }>
            {move || data.get().map(|result| match result {
                Ok(screen) => view! { <Screen screen/> }.into_any(),
                Err(error) => members_only(error),
            })}
        </Transition>
    }
}

#[component]
fn Screen(screen: CheckInScreen) -> impl IntoView {
    let locale = use_locale();
    let base = format!("/organizations/{}/campaigns/{}", screen.organization_slug, screen.campaign_id);
    let (heading, other, other_mode) = match screen.kind {
        MarkKind::In => (Key::HoursScreenIn, Key::HoursScreenShowOut, "out"),
        MarkKind::Out => (Key::HoursScreenOut, Key::HoursScreenShowIn, "in"),
    };
    // Without JavaScript the page reloads when the code changes. Written as the inner HTML of a
    // <noscript>, so that with JavaScript (the bundle fetches the next code instead) it stays text.
    let reload = format!(r#"<meta http-equiv="refresh" content="{}">"#, screen.seconds_left + 1);
    let present = locale.t_with(Key::HoursScreenPresent, &[("in", &screen.checked_in.to_string()), ("out", &screen.checked_out.to_string())]);
    let code = format!("{} {}", &screen.code[..3], &screen.code[3..]);
    view! {
        <noscript inner_html=reload/>
        // The bundle loads at once here (not on first use): it is what fetches the next code.
        <section class="check-in-screen" data-needs-script=crate::ui::bundle::ON_USE data-needs-script-after="0">
            <p class="back-link"><a href=href(&format!("{base}/applications"))>"← " {t(Key::ManageApplications)}</a></p>
            <h1>{t(heading)}</h1>
            <p class="check-in-screen__campaign"><LocalizedSpan text=screen.title.clone()/> " · " {format_date_range(locale, screen.starts_at, screen.ends_at)}</p>
            <div class="check-in-screen__qr" role="img" aria-label=t(Key::HoursScreenQrLabel) inner_html=screen.qr_svg.clone()></div>
            <p class="check-in-screen__code" aria-live="polite">
                <span class="visually-hidden">{t(Key::HoursScreenCode)} ": "</span>
                <strong>{code}</strong>
            </p>
            <p>{t(Key::HoursScreenChanges)}</p>
            <p class="check-in-screen__help">{t(Key::HoursScreenHelp)}</p>
            <p class="check-in-screen__present">{present}</p>
            <p><a class="button button--secondary" href=href(&format!("{base}/check-in?mode={other_mode}"))>{t(other)}</a></p>
        </section>
    }
}
