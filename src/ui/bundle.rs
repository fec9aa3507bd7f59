//! The one script tag of every page: it loads the browser bundle only where the page needs it.
//!
//! Leptos' own `HydrationScripts` loads the WebAssembly on every page. Most pages here are
//! complete as HTML (the home page, a campaign, an organisation), and on a cheap phone the
//! bundle costs hundreds of kilobytes and most of a second of the main thread for nothing. So
//! an element that needs the bundle says so with the attribute `data-needs-script` (forms that
//! post in place, the list's filters, the map, the live figures), and `bundle_loader.js` loads
//! the bundle only when the page has one. A page reached later inside the app is already
//! hydrated and keeps working the same way.

use leptos::prelude::*;

/// `<script type="module">` that loads and hydrates the bundle when the page asks for it.
#[component]
pub fn BundleScripts(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        let (js, wasm) = bundle_files(&options);
        let nonce = leptos::nonce::use_nonce();
        let call = format!("{}({js:?}, {wasm:?});", include_str!("bundle_loader.js").trim_end().trim_end_matches(';'));
        Some(view! { <script type="module" nonce=nonce>{call}</script> })
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = options;
        None::<()>
    }
}

/// The addresses of the bundle's JavaScript and WebAssembly, with the content hashes that
/// `cargo leptos` writes into the hash file beside the server binary.
#[cfg(feature = "ssr")]
fn bundle_files(options: &LeptosOptions) -> (String, String) {
    use std::sync::OnceLock;
    static FILES: OnceLock<(String, String)> = OnceLock::new();
    FILES
        .get_or_init(|| {
            let name = options.output_name.to_string();
            let (mut js, mut wasm) = (name.clone(), name);
            if options.hash_files {
                let hashes = std::env::current_exe()
                    .ok()
                    .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())))
                    .and_then(|path| std::fs::read_to_string(path).ok())
                    .unwrap_or_default();
                for (file, hash) in hashes.lines().filter_map(|line| line.split_once(':')) {
                    match file.trim() {
                        "js" => js = format!("{js}.{}", hash.trim()),
                        "wasm" => wasm = format!("{wasm}.{}", hash.trim()),
                        _ => {}
                    }
                }
            } else if std::option_env!("LEPTOS_OUTPUT_NAME").is_none() {
                // A plain `cargo build` (tests) names the WebAssembly as wasm-bindgen does.
                wasm.push_str("_bg");
            }
            let pkg = &options.site_pkg_dir;
            (format!("/{pkg}/{js}.js"), format!("/{pkg}/{wasm}.wasm"))
        })
        .clone()
}
