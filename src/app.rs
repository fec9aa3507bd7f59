//! The HTML shell, the language routing and the route table.

use crate::campaigns::pages::{CampaignDetailPage, CampaignListPage};
use crate::auth::pages::{ForgotPasswordPage, LoginPage, ResetPasswordPage, VerifyPage};
use crate::help::pages::{FileRequestPage, FollowRequestPage, HelpHomePage, HelperQueuePage, RequestPage};
use crate::home::HomePage;
use crate::transparency::TransparencyPage;
use crate::volunteers::me::MyPage;
use crate::volunteers::signup::SignupPage;
use crate::map::MapPage;
use crate::moderation::ModerationPage;
use crate::organizations::campaigns::{CampaignApplicationsPage, CampaignEditorPage, ManageCampaignsPage};
use crate::organizations::pages::{AcceptInvitationPage, EditOrganizationPage, OrganizationDirectoryPage, OrganizationProfilePage, RegisterOrganizationPage};
use crate::i18n::Locale;
use crate::ui::{LocaleLayout, NotFoundPage};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{ParamSegment, SsrMode, StaticSegment, WildcardSegment};

/// The whole document, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = requested_locale();
    #[cfg(feature = "ssr")]
    crate::server::security::set_page_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang=locale.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#0b5d7a"/>
                <link rel="stylesheet" href="/pkg/birgemiz.css"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HydrationScripts options/>
                {street_map_tiles()}
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// `<meta name="birgemiz-tiles">` for the map's street layer, when tiles are configured.
fn street_map_tiles() -> impl IntoView {
    #[cfg(feature = "ssr")]
    let tiles = use_context::<crate::server::state::AppState>().and_then(|state| state.config.tiles.clone());
    #[cfg(not(feature = "ssr"))]
    let tiles: Option<crate::map::model::Tiles> = None;
    tiles.map(|tiles| view! { <meta name="birgemiz-tiles" content=tiles.url data-attribution=tiles.attribution/> })
}

/// The language named by the first segment of the requested path, else Kazakh.
fn requested_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.uri.path().split('/').nth(1).and_then(Locale::from_code))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        Locale::default()
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title formatter=|text: String| if text.is_empty() { "Birgemiz".to_string() } else { format!("{text} — Birgemiz") }/>
        <Router>
            <Routes fallback=|| view! { <NotFoundPage/> }>
                // Pages wait for their data before the first byte (SsrMode::Async), so the HTML is
                // complete without JavaScript and a missing campaign can answer 404.
                <ParentRoute path=ParamSegment("lang") view=LocaleLayout ssr=SsrMode::Async>
                    <Route path=StaticSegment("") view=HomePage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("campaigns") view=CampaignListPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("campaigns"), ParamSegment("id")) view=CampaignDetailPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("map") view=MapPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("signup") view=SignupPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("signup"), ParamSegment("step")) view=SignupPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("login") view=LoginPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("password"), StaticSegment("forgot")) view=ForgotPasswordPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("password"), StaticSegment("reset")) view=ResetPasswordPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("verify") view=VerifyPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("me") view=MyPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("organizations") view=OrganizationDirectoryPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("organizations"), StaticSegment("new")) view=RegisterOrganizationPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("organizations"), ParamSegment("slug")) view=OrganizationProfilePage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("organizations"), ParamSegment("slug"), StaticSegment("edit")) view=EditOrganizationPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("organizations"), ParamSegment("slug"), StaticSegment("campaigns")) view=ManageCampaignsPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("organizations"), ParamSegment("slug"), StaticSegment("campaigns"), StaticSegment("new")) view=CampaignEditorPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("organizations"), ParamSegment("slug"), StaticSegment("campaigns"), ParamSegment("id"), StaticSegment("edit")) view=CampaignEditorPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("organizations"), ParamSegment("slug"), StaticSegment("campaigns"), ParamSegment("id"), StaticSegment("applications")) view=CampaignApplicationsPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("moderation") view=ModerationPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("help") view=HelpHomePage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("help"), StaticSegment("new")) view=FileRequestPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("help"), StaticSegment("queue")) view=HelperQueuePage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("help"), StaticSegment("requests"), ParamSegment("id")) view=RequestPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("help"), StaticSegment("follow"), ParamSegment("token")) view=FollowRequestPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("transparency") view=TransparencyPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("invitations"), StaticSegment("accept")) view=AcceptInvitationPage ssr=SsrMode::Async/>
                    // Anything else under a language: a 404 inside the page layout, in that language.
                    <Route path=WildcardSegment("rest") view=NotFoundPage/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}
