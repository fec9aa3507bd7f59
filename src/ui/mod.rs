//! Shared pieces of the interface: the page layout, the language switch, error states.

pub mod bundle;
mod error;
pub mod filters;
mod layout;
mod mailed_link;

pub use bundle::BundleScripts;
pub use error::{ErrorPanel, NotFoundPage};
pub use layout::LocaleLayout;
pub use mailed_link::MailedLinkPage;

use crate::i18n::{Key, Locale, PluralKey};
use leptos::prelude::*;

/// The language of the page being rendered (provided by [`LocaleLayout`]).
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// Interface text in the page's language.
pub fn t(key: Key) -> &'static str {
    use_locale().t(key)
}

pub fn plural(key: PluralKey, n: u64) -> String {
    use_locale().plural(key, n)
}

/// A path inside the current language: `href("/campaigns")` → `/kk/campaigns`.
pub fn href(path: &str) -> String {
    let code = use_locale().code();
    if path == "/" {
        format!("/{code}")
    } else {
        format!("/{code}{path}")
    }
}

/// A page-local address to return to (`?next=`): a path on this site, never `//host`,
/// `/\host` or anything with control characters, which browsers could read as another site.
pub fn safe_return_path(value: &str) -> Option<String> {
    let ok = value.starts_with('/')
        && !value.starts_with("//")
        && !value.contains('\\')
        && value.len() <= 512
        && !value.chars().any(|c| c.is_control() || c.is_whitespace());
    ok.then(|| value.to_string())
}

/// Marks this answer as holding a secret or personal data (a one-time link's form, a requester's
/// contacts): `Cache-Control: private, no-store`, signed in or not, so no browser, proxy or the
/// page cache keeps it. Called by the page or server function that shows such data.
pub fn keep_private() {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(http::header::CACHE_CONTROL, http::HeaderValue::from_static("private, no-store"));
    }
}

/// A value as it goes into an address's query (`next=/kk/me` becomes `next=%2Fkk%2Fme`).
pub fn urlencode(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// The response header by which a page or server function says its answer is the same for
/// every visitor without an account; the page cache keeps only such answers, and takes the
/// header off before the answer leaves the server.
pub const SAME_FOR_EVERY_VISITOR: &str = "x-birgemiz-same-for-every-visitor";

/// Marks this answer as the same for every visitor without an account (a public list, a
/// published campaign), so that the page cache may keep it for a moment. Called by the public
/// reads, and so by every page that shows them; [`keep_private`] still wins.
pub fn same_for_every_visitor() {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(http::HeaderName::from_static(SAME_FOR_EVERY_VISITOR), http::HeaderValue::from_static("1"));
    }
}

/// For a page whose address carries a secret (a one-time link's token): kept by nobody
/// ([`keep_private`]), not indexed, and its address never sent on as a referrer.
#[component]
pub fn SecretInAddress() -> impl IntoView {
    keep_private();
    view! {
        <leptos_meta::Meta name="robots" content="noindex"/>
        <leptos_meta::Meta name="referrer" content="no-referrer"/>
    }
}

/// Sets the HTTP status of the server-rendered page; does nothing in the browser.
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) = (use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(code)) {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}
