//! Birgemiz, the national volunteer platform of Kazakhstan.
//!
//! One crate, built twice: with `ssr` it is the axum server (see `main.rs`), with `hydrate` the
//! WebAssembly that makes the server-rendered pages interactive. Folders follow what the
//! platform is about; `server/` holds the plumbing that only the server needs.

pub mod app;
pub mod auth;
pub mod campaigns;
pub mod errors;
pub mod forms;
pub mod help;
pub mod home;
pub mod hours;
pub mod i18n;
pub mod map;
pub mod moderation;
pub mod organizations;
pub mod reference;
pub mod transparency;
pub mod ui;
pub mod volunteers;

#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod server;
#[cfg(feature = "ssr")]
pub mod wiring;

#[cfg(all(test, feature = "ssr"))]
mod security_tests;
#[cfg(all(test, feature = "ssr"))]
pub(crate) mod testing;

/// The browser's entry point: attaches the app to the server-rendered page. Pages are loaded
/// lazily (see `app.rs`), so hydration waits for the current page's code to arrive.
///
/// `texts` are the interface texts of the page's language (`i18n/loaded.rs`), which the bundle
/// loader fetched beside the WebAssembly. Texts of another build leave the page as it is: it
/// works without the bundle.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate(texts: String) {
    console_error_panic_hook::set_once();
    if !i18n::loaded_texts(&texts) {
        return;
    }
    // Already started is fine: the executor is the same.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    leptos::task::spawn_local(async {
        let owner = leptos::mount::hydrate_from_async(leptos::prelude::document().body().expect("a body"), app::App).await;
        owner.forget();
        // Lets the browser tests know the page is interactive.
        if let Some(body) = leptos::prelude::document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}
