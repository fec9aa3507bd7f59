//! The one script tag of every page: it loads the browser bundle only where the page needs it.
//!
//! Leptos' own `HydrationScripts` loads the WebAssembly on every page. Most pages here are
//! complete as HTML (the home page, a campaign, an organisation), and on a cheap phone the
//! bundle costs hundreds of kilobytes and most of a second of the main thread for nothing. So
//! an element that needs the bundle says so with the attribute `data-needs-script`, and
//! `bundle_loader.js` loads the bundle only when the page has one:
//! - [`ON_USE`] (forms that post in place, the list's filters, the map, the transparency page):
//!   only once the visitor points at, touches or focuses the element. Until then it works as
//!   HTML, so a visitor who only reads the page never downloads the bundle nor spends the main
//!   thread hydrating it.
//! - With `data-needs-script-after` (seconds) as well, also once the page has been shown that
//!   long: the transparency page's figures count again every minute, with the bundle.
//!
//! A page reached later inside the app is already hydrated and keeps working the same way.

use leptos::prelude::*;

/// `data-needs-script` value: load the bundle when the visitor starts using the element.
pub const ON_USE: &str = "on-use";

/// `<script type="module">` that loads and hydrates the bundle when the page asks for it.
#[component]
pub fn BundleScripts(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        let nonce = leptos::nonce::use_nonce();
        Some(view! { <script type="module" nonce=nonce>{loader_call(&options)}</script> })
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = options;
        None::<()>
    }
}

/// The loader called with the addresses of the bundle's JavaScript and WebAssembly, whose names
/// carry the content hashes of the build, and where its interface texts are (one file a
/// language). The same for every page, so it is made once.
#[cfg(feature = "ssr")]
fn loader_call(options: &LeptosOptions) -> &'static str {
    use std::sync::OnceLock;
    static CALL: OnceLock<String> = OnceLock::new();
    CALL.get_or_init(|| {
        let name = options.output_name.to_string();
        let (mut js, mut wasm) = (name.clone(), name);
        if options.hash_files {
            for (kind, hash) in crate::server::assets::content_hashes() {
                match kind.as_str() {
                    "js" => js = format!("{js}.{hash}"),
                    "wasm" => wasm = format!("{wasm}.{hash}"),
                    _ => {}
                }
            }
        } else if std::option_env!("LEPTOS_OUTPUT_NAME").is_none() {
            // A plain `cargo build` (tests) names the WebAssembly as wasm-bindgen does.
            wasm.push_str("_bg");
        }
        let pkg = &options.site_pkg_dir;
        // Its comments stay in the source: every page carries the loader.
        let loader: String = include_str!("bundle_loader.js")
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let texts = format!("/texts/{}/", crate::i18n::TEXTS_VERSION);
        format!("{}({:?}, {:?}, {:?});", loader.trim_end_matches(';'), format!("/{pkg}/{js}.js"), format!("/{pkg}/{wasm}.wasm"), texts)
    })
}
