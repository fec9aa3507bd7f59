//! The HTML shell, the language routing and the route table.

use crate::campaigns::pages::{CampaignDetailPage, CampaignListPage};
use crate::auth::pages::{ForgotPasswordPage, LoginPage, ResetPasswordPage, SignInLinkPage, VerifyPage};
use crate::help::pages::{FileRequestPage, FollowRequestPage, HelpHomePage, HelperQueuePage, RequestPage};
use crate::home::HomePage;
use crate::hours::certificates::CertificatePage;
use crate::hours::{AttendancePage, BookPage, CheckInScreenPage, OrganizationHoursPage};
use crate::transparency::TransparencyPage;
use crate::volunteers::guardian::GuardianPage;
use crate::hours::online::HelpedSessionPage;
use crate::volunteers::me::MyPage;
use crate::volunteers::signup::{SignupConfirmPage, SignupPage};
use crate::map::MapPage;
use crate::moderation::ModerationPage;
use crate::organizations::campaigns::{CampaignApplicationsPage, CampaignEditorPage, ManageCampaignsPage};
use crate::organizations::pages::{AcceptInvitationPage, EditOrganizationPage, OrganizationDirectoryPage, OrganizationProfilePage, RegisterOrganizationPage};
use crate::i18n::Locale;
use crate::ui::{BundleScripts, LocaleLayout, NotFoundPage};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{Lazy, LazyRoute, ParamSegment, SsrMode, StaticSegment, WildcardSegment};

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
                <HashedStylesheet options=options.clone()/>
                <link rel="icon" href=public_file(FAVICON) type="image/svg+xml"/>
                // The bundle loads only on pages that need it (see ui/bundle.rs), at low priority, and
                // hydrates when the browser is idle; every page works without it (plain links and forms).
                <BundleScripts options/>
                {street_map_tiles()}
                <meta name=STREET_MAP_META content=public_file(STREET_MAP_SCRIPT) data-leaflet=public_file(LEAFLET)/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The address of a file of `public/`, with its content hash when the server knows it.
fn public_file(path: &str) -> String {
    #[cfg(feature = "ssr")]
    if let Some(state) = use_context::<crate::wiring::state::AppState>() {
        return state.public_files.url(path);
    }
    format!("/{path}")
}

/// What pages link to in `public/`, as paths under the site root (the server hashes them, see
/// `server/public_files.rs`). Leaflet is a directory: its stylesheet names its images relatively.
pub const FAVICON: &str = "favicon.svg";
pub const STREET_MAP_SCRIPT: &str = "street-map.js";
pub const LEAFLET: &str = "vendor/leaflet";
/// The files of `public/` that pages link to, served at addresses with a hash of their content.
pub const LINKED_PUBLIC_FILES: [&str; 3] = [FAVICON, STREET_MAP_SCRIPT, LEAFLET];
/// The `<meta>` that tells the map where the street-map script and Leaflet are.
pub const STREET_MAP_META: &str = "birgemiz-street-map";

/// `<meta name="birgemiz-tiles">` for the map's street layer, when tiles are configured.
fn street_map_tiles() -> impl IntoView {
    #[cfg(feature = "ssr")]
    let tiles = use_context::<crate::wiring::state::AppState>().and_then(|state| state.config.tiles.clone()).map(|tiles| (tiles.url, tiles.attribution));
    #[cfg(not(feature = "ssr"))]
    let tiles: Option<(String, String)> = None;
    tiles.map(|(url, attribution)| view! { <meta name="birgemiz-tiles" content=url data-attribution=attribution/> })
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

/// String equality that the compiler can evaluate (for `lazy_page_groups!`).
const fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Pages whose browser code is loaded only when one of them is shown. `cargo leptos build --split`
/// cuts each group into a file of its own, so a first visit downloads the shell and one group,
/// not every page. On the server nothing changes.
///
/// Pages are grouped by what a visitor does, not split one by one: wasm-split puts code shared
/// by several split points into a file for each combination of them, and with a split point per
/// page (25) a page loaded 140 to 200 small files, whose fetching and instantiation cost a slow
/// phone more than their code.
macro_rules! lazy_page_groups {
    ($($group:ident, preloaded by $preload:ident { $($route:ident => $page:ident),+ $(,)? })+) => {
        $(
            #[allow(non_camel_case_types)]
            enum $group {
                $($route),+
            }

            // `#[lazy]` names the preloader after the group; another group's would compile too,
            // and hydrate this group's pages before their code has arrived (rendered twice).
            const _: () = assert!(
                same_name(stringify!($preload), concat!("__preload_", stringify!($group))),
                concat!("the preloader of ", stringify!($group), " is __preload_", stringify!($group))
            );

            /// One split point for every page of the group.
            #[leptos::lazy]
            fn $group(page: $group) -> AnyView {
                match page {
                    $($group::$route => $page().into_any()),+
                }
            }

            $(
                struct $route;

                impl LazyRoute for $route {
                    fn data() -> Self {
                        $route
                    }

                    async fn view(_this: Self) -> AnyView {
                        $group($group::$route).await
                    }

                    // The router loads the group's file here before it hydrates the page, which
                    // must then be ready at once. `$preload` is made by `#[lazy]`, in the browser only.
                    async fn preload() {
                        #[cfg(target_arch = "wasm32")]
                        $preload().await;
                    }
                }
            )+
        )+
    };
}

lazy_page_groups! {
    campaign_pages, preloaded by __preload_campaign_pages {
        HomeRoute => HomePage,
        CampaignListRoute => CampaignListPage,
        CampaignDetailRoute => CampaignDetailPage,
        AttendanceRoute => AttendancePage,
    }
    account_pages, preloaded by __preload_account_pages {
        SignupRoute => SignupPage,
        SignupConfirmRoute => SignupConfirmPage,
        LoginRoute => LoginPage,
        SignInLinkRoute => SignInLinkPage,
        ForgotPasswordRoute => ForgotPasswordPage,
        ResetPasswordRoute => ResetPasswordPage,
        VerifyRoute => VerifyPage,
        MyRoute => MyPage,
        BookRoute => BookPage,
        CertificateRoute => CertificatePage,
        GuardianRoute => GuardianPage,
        HelpedSessionRoute => HelpedSessionPage,
    }
    organization_pages, preloaded by __preload_organization_pages {
        OrganizationDirectoryRoute => OrganizationDirectoryPage,
        OrganizationProfileRoute => OrganizationProfilePage,
        RegisterOrganizationRoute => RegisterOrganizationPage,
        EditOrganizationRoute => EditOrganizationPage,
        ManageCampaignsRoute => ManageCampaignsPage,
        CampaignEditorRoute => CampaignEditorPage,
        CampaignApplicationsRoute => CampaignApplicationsPage,
        CheckInScreenRoute => CheckInScreenPage,
        OrganizationHoursRoute => OrganizationHoursPage,
        AcceptInvitationRoute => AcceptInvitationPage,
        ModerationRoute => ModerationPage,
    }
    help_pages, preloaded by __preload_help_pages {
        HelpHomeRoute => HelpHomePage,
        FileRequestRoute => FileRequestPage,
        RequestRoute => RequestPage,
        FollowRequestRoute => FollowRequestPage,
        HelperQueueRoute => HelperQueuePage,
    }
    map_pages, preloaded by __preload_map_pages {
        MapRoute => MapPage,
    }
    transparency_pages, preloaded by __preload_transparency_pages {
        TransparencyRoute => TransparencyPage,
    }
}

/// "Campaign title — Birgemiz". On the server the text is escaped: leptos_meta writes a title
/// into `<title>` as it is, and a campaign titled `</title><script>…` would end it and run. In the
/// browser it becomes `document.title`, which is text already.
fn page_title(text: String) -> String {
    let title = if text.is_empty() { "Birgemiz".to_string() } else { format!("{text} — Birgemiz") };
    #[cfg(feature = "ssr")]
    let title = html_escape::encode_text(&title).into_owned();
    title
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title formatter=page_title/>
        <Router>
            <Routes fallback=|| view! { <NotFoundPage/> }>
                // Pages wait for their data before the first byte (SsrMode::Async), so the HTML is
                // complete without JavaScript and a missing campaign can answer 404.
                <ParentRoute path=ParamSegment("lang") view=LocaleLayout ssr=SsrMode::Async>
                    <Route path=StaticSegment("") view={Lazy::<HomeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("campaigns") view={Lazy::<CampaignListRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("campaigns"), ParamSegment("id")) view={Lazy::<CampaignDetailRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("campaigns"), ParamSegment("id"), StaticSegment("attendance")) view={Lazy::<AttendanceRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("map") view={Lazy::<MapRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("signup") view={Lazy::<SignupRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("signup"), StaticSegment("confirm")) view={Lazy::<SignupConfirmRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("signup"), ParamSegment("step")) view={Lazy::<SignupRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("login") view={Lazy::<LoginRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("login"), StaticSegment("link")) view={Lazy::<SignInLinkRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("password"), StaticSegment("forgot")) view={Lazy::<ForgotPasswordRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("password"), StaticSegment("reset")) view={Lazy::<ResetPasswordRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("verify") view={Lazy::<VerifyRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("me") view={Lazy::<MyRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("me"), StaticSegment("book")) view={Lazy::<BookRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("certificates"), ParamSegment("id")) view={Lazy::<CertificateRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("guardian") view={Lazy::<GuardianRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("sessions"), StaticSegment("confirm")) view={Lazy::<HelpedSessionRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("organizations") view={Lazy::<OrganizationDirectoryRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("organizations"), StaticSegment("new")) view={Lazy::<RegisterOrganizationRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("organizations"), ParamSegment("slug")) view={Lazy::<OrganizationProfileRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("organizations"), ParamSegment("slug"), StaticSegment("edit")) view={Lazy::<EditOrganizationRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("organizations"), ParamSegment("slug"), StaticSegment("campaigns")) view={Lazy::<ManageCampaignsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("organizations"), ParamSegment("slug"), StaticSegment("hours")) view={Lazy::<OrganizationHoursRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("organizations"), ParamSegment("slug"), StaticSegment("campaigns"), StaticSegment("new")) view={Lazy::<CampaignEditorRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("organizations"), ParamSegment("slug"), StaticSegment("campaigns"), ParamSegment("id"), StaticSegment("edit")) view={Lazy::<CampaignEditorRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("organizations"), ParamSegment("slug"), StaticSegment("campaigns"), ParamSegment("id"), StaticSegment("applications")) view={Lazy::<CampaignApplicationsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("organizations"), ParamSegment("slug"), StaticSegment("campaigns"), ParamSegment("id"), StaticSegment("check-in")) view={Lazy::<CheckInScreenRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("moderation") view={Lazy::<ModerationRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("help") view={Lazy::<HelpHomeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("help"), StaticSegment("new")) view={Lazy::<FileRequestRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("help"), StaticSegment("queue")) view={Lazy::<HelperQueueRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("help"), StaticSegment("requests"), ParamSegment("id")) view={Lazy::<RequestRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("help"), StaticSegment("follow"), ParamSegment("token")) view={Lazy::<FollowRequestRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("transparency") view={Lazy::<TransparencyRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("invitations"), StaticSegment("accept")) view={Lazy::<AcceptInvitationRoute>::new()} ssr=SsrMode::Async/>
                    // Anything else under a language: a 404 inside the page layout, in that language.
                    <Route path=WildcardSegment("rest") view=NotFoundPage/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}
