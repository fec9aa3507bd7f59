//! Choosing the visitor's language: `/` redirects to it, and visiting a page remembers it.

use crate::i18n::Locale;
use axum::extract::{Request, State};
use axum::http::header::{ACCEPT_LANGUAGE, CACHE_CONTROL, LOCATION, SET_COOKIE, VARY};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::wiring::state::AppState;

const COOKIE_NAME: &str = "lang";

/// The language in the `lang` cookie, if it names one of ours.
fn cookie_locale(headers: &HeaderMap) -> Option<Locale> {
    super::cookies::cookie(headers, COOKIE_NAME).and_then(Locale::from_code)
}

/// The best of our languages in `Accept-Language` (`ru-RU,ru;q=0.9,en;q=0.8`), by weight.
fn accepted_locale(headers: &HeaderMap) -> Option<Locale> {
    let header = headers.get(ACCEPT_LANGUAGE)?.to_str().ok()?;
    let mut ranked: Vec<(f32, Locale)> = header
        .split(',')
        .filter_map(|item| {
            let mut parts = item.trim().split(';');
            let tag = parts.next()?.trim();
            let weight = parts
                .find_map(|p| p.trim().split_once('=').filter(|(name, _)| name.trim().eq_ignore_ascii_case("q")))
                .map_or(Some(1.0), |(_, q)| q.trim().parse::<f32>().ok().filter(|q| (0.0..=1.0).contains(q)))?;
            let primary = tag.split(['-', '_']).next()?;
            Locale::from_code(primary).filter(|_| weight > 0.0).map(|l| (weight, l))
        })
        .collect();
    // A stable sort keeps the header's order among equal weights.
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked.first().map(|(_, locale)| *locale)
}

/// The cookie first, then the browser's languages, then Kazakh.
pub fn preferred_locale(headers: &HeaderMap) -> Locale {
    cookie_locale(headers).or_else(|| accepted_locale(headers)).unwrap_or_default()
}

/// `GET /`: to the home page in the visitor's language.
pub async fn redirect_to_language(headers: HeaderMap) -> Response {
    let target = format!("/{}", preferred_locale(&headers).code());
    (
        StatusCode::FOUND,
        [
            (LOCATION, target),
            (VARY, "Accept-Language, Cookie".to_string()),
            (CACHE_CONTROL, "private, no-cache".to_string()),
        ],
    )
        .into_response()
}

/// Remembers the language of a page the visitor opens, so that `/` brings them back to it.
pub async fn remember_language(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let page_locale = request.uri().path().split('/').nth(1).and_then(Locale::from_code);
    let remembered = cookie_locale(request.headers());
    let mut response = next.run(request).await;
    if let Some(locale) = page_locale.filter(|l| Some(*l) != remembered) {
        let secure = if state.config.is_https() { "; Secure" } else { "" };
        let cookie = format!("{COOKIE_NAME}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}", locale.code());
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(SET_COOKIE, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn the_cookie_wins_then_the_browser_then_kazakh() {
        assert_eq!(preferred_locale(&headers(&[("cookie", "a=1; lang=en"), ("accept-language", "ru")])), Locale::En);
        assert_eq!(preferred_locale(&headers(&[("cookie", "lang=de"), ("accept-language", "ru-RU,ru;q=0.9")])), Locale::Ru);
        assert_eq!(preferred_locale(&headers(&[("accept-language", "de-DE,en;q=0.5,ru;q=0.7")])), Locale::Ru);
        assert_eq!(preferred_locale(&headers(&[("accept-language", "fr, en;q=0")])), Locale::Kk);
        assert_eq!(preferred_locale(&headers(&[("accept-language", "kk-KZ")])), Locale::Kk);
        assert_eq!(preferred_locale(&headers(&[])), Locale::Kk);
        assert_eq!(preferred_locale(&headers(&[("accept-language", ";;,q=,")])), Locale::Kk);
        assert_eq!(preferred_locale(&headers(&[("accept-language", "ru;Q=0, en;q=0.5")])), Locale::En);
        assert_eq!(preferred_locale(&headers(&[("accept-language", "ru;q=inf, en;q=0.5")])), Locale::En);
    }
}
