//! The interface texts in the browser: only the page's language.
//!
//! The server has every language compiled in. The browser bundle does not: three languages
//! were 157 KB of its main WebAssembly module (the data of a split bundle all stays in the main
//! module), and a page only ever shows one. The bundle loader fetches the page's language from
//! `/texts/{TEXTS_VERSION}/{lang}.json`, beside the WebAssembly, and hands it to `hydrate`
//! (`lib.rs`), which loads it here before anything renders. A page in another language is a
//! full page load (the language switch links are `rel=external`), so one language suffices.

use super::{Key, Locale, PluralCategory, PluralKey};
use serde::{Deserialize, Serialize};

/// The plural categories in the order the texts list them.
const CATEGORIES: [PluralCategory; 4] = [PluralCategory::One, PluralCategory::Few, PluralCategory::Many, PluralCategory::Other];

/// One language's texts as they travel: every key's text in `Key::ALL`'s order, and every plural
/// key's forms in `PluralKey::ALL`'s order, one per category of [`CATEGORIES`].
#[derive(Serialize, Deserialize)]
pub struct TextsOfOneLanguage {
    pub locale: Locale,
    pub plain: Vec<String>,
    pub plural: Vec<[String; 4]>,
}

impl TextsOfOneLanguage {
    /// The texts of `locale`, from the ones compiled into the server.
    #[cfg(not(feature = "hydrate"))]
    pub fn of(locale: Locale) -> TextsOfOneLanguage {
        TextsOfOneLanguage {
            locale,
            plain: Key::ALL.iter().map(|(key, _)| locale.t(*key).to_string()).collect(),
            plural: PluralKey::ALL.iter().map(|key| CATEGORIES.map(|category| locale.plural_form(*key, category).to_string())).collect(),
        }
    }
}

#[cfg(feature = "hydrate")]
pub use browser::{load, plural, text};

#[cfg(feature = "hydrate")]
mod browser {
    use super::*;
    use std::sync::OnceLock;

    struct Loaded {
        locale: Locale,
        plain: Vec<&'static str>,
        plural: Vec<[&'static str; 4]>,
    }

    static LOADED: OnceLock<Loaded> = OnceLock::new();

    /// Takes the texts the server sent for the page's language. `false` when they are not this
    /// build's (a page of an earlier release): the page then stays as the server drew it.
    pub fn load(json: &str) -> bool {
        let Ok(texts) = serde_json::from_str::<TextsOfOneLanguage>(json) else { return false };
        if texts.plain.len() != Key::ALL.len() || texts.plural.len() != PluralKey::ALL.len() {
            return false;
        }
        // Kept for the life of the page, as compiled-in texts would be.
        let keep = |text: String| -> &'static str { Box::leak(text.into_boxed_str()) };
        let loaded = Loaded { locale: texts.locale, plain: texts.plain.into_iter().map(keep).collect(), plural: texts.plural.into_iter().map(|forms| forms.map(keep)).collect() };
        LOADED.set(loaded).is_ok()
    }

    fn loaded(locale: Locale) -> Option<&'static Loaded> {
        LOADED.get().filter(|loaded| loaded.locale == locale)
    }

    pub fn text(locale: Locale, key: Key) -> &'static str {
        loaded(locale).map_or("", |loaded| loaded.plain[key as usize])
    }

    pub fn plural(locale: Locale, key: PluralKey, category: PluralCategory) -> &'static str {
        let index = CATEGORIES.iter().position(|c| *c == category).unwrap_or(3);
        loaded(locale).map_or("", |loaded| loaded.plural[key as usize][index])
    }
}
