use super::{href, t, NotFoundPage};
use crate::i18n::{Key, Locale};
use leptos::prelude::*;
use leptos_meta::Link;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_params_map};

/// Every page under `/{lang}/…`: header with navigation and language switch, the page, footer.
/// An unknown language segment is a 404.
#[component]
pub fn LocaleLayout() -> impl IntoView {
    let params = use_params_map();
    let Some(locale) = params.with_untracked(|p| p.get("lang").and_then(|code| Locale::from_code(&code))) else {
        return view! { <main id="main" class="page"><NotFoundPage/></main> }.into_any();
    };
    provide_context(locale);
    view! {
        <AlternateLanguageLinks/>
        <a class="skip-link" href="#main">{t(Key::SkipToContent)}</a>
        <header class="site-header">
            <div class="site-header__inner">
                <a class="brand" href=href("/")>
                    <span class="brand__mark" aria-hidden="true">"B"</span>
                    <span class="brand__name">{t(Key::SiteName)}</span>
                </a>
                <SiteMenu/>
                <LanguageSwitch/>
            </div>
        </header>
        <main id="main" class="page" tabindex="-1">
            <Outlet/>
        </main>
        <footer class="site-footer">
            <p>{t(Key::FooterAbout)}</p>
            <p><a href=href("/transparency")>{t(Key::TransparencyTitle)}</a> " · " <a href="/api/v1/campaigns" rel="external">{t(Key::FooterOpenData)}</a></p>
        </footer>
    }
    .into_any()
}

/// The menu: pages and the account. On a phone it folds into one "Menu" button, a `<details>`
/// disclosure, so it opens without JavaScript; on a wide screen it is always open and the button
/// is hidden (the stylesheet, where the browser can style `::details-content`).
#[component]
fn SiteMenu() -> impl IntoView {
    let menu = NodeRef::<leptos::html::Details>::new();
    // Once the app navigates without reloads, a link chosen in the open menu must fold it again.
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        if let Some(menu) = menu.get_untracked() {
            menu.set_open(false);
        }
    });
    view! {
        <details class="site-menu" node_ref=menu>
            <summary class="site-menu__button">
                <span class="site-menu__icon" aria-hidden="true"></span>
                <span class="site-menu__label">{t(Key::NavMenu)}</span>
            </summary>
            <div class="site-menu__panel">
                <nav class="site-nav" aria-label=t(Key::NavMainLabel)>
                    <a href=href("/")>{t(Key::NavHome)}</a>
                    <a href=href("/campaigns")>{t(Key::NavCampaigns)}</a>
                    <a href=href("/map")>{t(Key::ViewMap)}</a>
                    <a href=href("/organizations")>{t(Key::NavOrganizations)}</a>
                    <a href=href("/help")>{t(Key::NavHelp)}</a>
                </nav>
                <crate::auth::pages::AccountNav/>
            </div>
        </details>
    }
}

/// The current address in another language: the first path segment swapped, the query kept.
fn same_page_in(locale: Locale, path: &str, query: &str) -> String {
    let rest = path.trim_start_matches('/').split_once('/').map(|(_, rest)| rest).unwrap_or("");
    let query = if query.is_empty() || query.starts_with('?') { query.to_string() } else { format!("?{query}") };
    if rest.is_empty() {
        format!("/{}{query}", locale.code())
    } else {
        format!("/{}/{rest}{query}", locale.code())
    }
}

/// Links to this page in the other languages. Full page loads (rel=external), so that the
/// document's `lang` and the remembered language change with it.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let current = super::use_locale();
    let location = use_location();
    view! {
        <nav class="language-switch" aria-label=t(Key::LanguageSwitchLabel)>
            <ul>
                {Locale::ALL.into_iter().map(|locale| {
                    let link = move || same_page_in(locale, &location.pathname.get(), &location.search.get());
                    let is_current = locale == current;
                    view! {
                        <li>
                            <a href=link rel="external" hreflang=locale.code() lang=locale.code()
                                aria-current=is_current.then_some("true")>
                                {locale.native_name()}
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </nav>
    }
}

/// `<link rel="alternate" hreflang>` for each language, for search engines.
#[component]
fn AlternateLanguageLinks() -> impl IntoView {
    let location = use_location();
    let (path, query) = (location.pathname.get_untracked(), location.search.get_untracked());
    // Search engines want whole addresses; Kazakh, the default language, also stands for the rest.
    let origin = site_origin();
    let link = move |locale: Locale| format!("{origin}{}", same_page_in(locale, &path, &query));
    let default = link(Locale::Kk);
    view! {
        {Locale::ALL.into_iter().map(|locale| view! { <Link rel="alternate" hreflang=locale.code() href=link(locale)/> }).collect_view()}
        <Link rel="alternate" hreflang="x-default" href=default/>
    }
}

/// `https://birgemiz.kz`: the address visitors use (the server's setting; the browser's own).
fn site_origin() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<crate::wiring::state::AppState>().map(|state| state.config.public_url.clone()).unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        window().location().origin().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_switch_keeps_the_page_and_its_filters() {
        assert_eq!(same_page_in(Locale::Ru, "/kk/campaigns", "region=KZ-75&q=тал"), "/ru/campaigns?region=KZ-75&q=тал");
        assert_eq!(same_page_in(Locale::En, "/kk/campaigns/12", ""), "/en/campaigns/12");
        assert_eq!(same_page_in(Locale::En, "/kk", ""), "/en");
        assert_eq!(same_page_in(Locale::Kk, "/ru/", "?a=1"), "/kk?a=1");
    }
}
