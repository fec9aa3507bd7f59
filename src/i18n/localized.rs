//! User-written texts (campaign and organisation titles and descriptions) exist per language.

use super::Locale;
use serde::{Deserialize, Serialize};

/// One text in up to three languages. Missing languages are `None`, never empty strings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalizedText {
    pub kk: Option<String>,
    pub ru: Option<String>,
    pub en: Option<String>,
}

/// A text chosen for a reader, with the language it is really written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shown<'a> {
    pub text: &'a str,
    pub locale: Locale,
}

impl<'a> Shown<'a> {
    /// True when the reader asked for another language and this is the fallback.
    pub fn is_fallback_for(&self, requested: Locale) -> bool {
        self.locale != requested
    }
}

impl LocalizedText {
    pub fn new(kk: Option<String>, ru: Option<String>, en: Option<String>) -> Self {
        let clean = |t: Option<String>| t.filter(|s| !s.trim().is_empty());
        LocalizedText { kk: clean(kk), ru: clean(ru), en: clean(en) }
    }

    pub fn get(&self, locale: Locale) -> Option<&str> {
        match locale {
            Locale::Kk => self.kk.as_deref(),
            Locale::Ru => self.ru.as_deref(),
            Locale::En => self.en.as_deref(),
        }
    }

    /// The text in the requested language, else the first one present in its fallback order.
    pub fn pick(&self, requested: Locale) -> Option<Shown<'_>> {
        requested.fallback_order().into_iter().find_map(|locale| self.get(locale).map(|text| Shown { text, locale }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_from_kazakh_to_russian_to_english() {
        let only_ru = LocalizedText::new(None, Some("Уборка".into()), Some("Clean-up".into()));
        let shown = only_ru.pick(Locale::Kk).unwrap();
        assert_eq!((shown.text, shown.locale), ("Уборка", Locale::Ru));
        assert!(shown.is_fallback_for(Locale::Kk));
        let only_en = LocalizedText::new(Some("  ".into()), None, Some("Clean-up".into()));
        assert_eq!(only_en.pick(Locale::Kk).unwrap().locale, Locale::En);
        assert_eq!(only_en.pick(Locale::Ru).unwrap().locale, Locale::En);
        let english_reader = LocalizedText::new(Some("Тазалық".into()), Some("Уборка".into()), None);
        assert_eq!(english_reader.pick(Locale::En).unwrap().text, "Тазалық");
        assert!(LocalizedText::default().pick(Locale::En).is_none());
    }
}
