//! The three languages of the platform and everything that depends on them: interface text
//! (from `locales/*.txt`, checked at build time), plurals, numbers and dates.

#[cfg(test)]
mod catalog;
mod coded;
mod collation;
mod format;
mod loaded;
mod localized;

pub(crate) use coded::coded;
pub use collation::collation_key;
pub use format::{format_date, format_date_range, format_day, format_number, format_time, kazakhstan_day, kazakhstan_day_start, kazakhstan_offset};
pub use loaded::TextsOfOneLanguage;
#[cfg(feature = "hydrate")]
pub use loaded::load as loaded_texts;
pub use localized::{LocalizedText, Shown};

use serde::{Deserialize, Serialize};

include!(concat!(env!("OUT_DIR"), "/translations.rs"));

/// A language of the interface. Kazakh is the default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    Kk,
    Ru,
    En,
}

/// CLDR plural categories for whole numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PluralCategory {
    One,
    Few,
    Many,
    Other,
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::Kk, Locale::Ru, Locale::En];

    /// The code used in URLs, cookies and `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Locale::Kk => "kk",
            Locale::Ru => "ru",
            Locale::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Locale> {
        Locale::ALL.into_iter().find(|l| l.code().eq_ignore_ascii_case(code))
    }

    /// The language's own name, shown in the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::Kk => "Қазақша",
            Locale::Ru => "Русский",
            Locale::En => "English",
        }
    }

    /// The order in which user-written texts are tried when this language is missing.
    pub fn fallback_order(self) -> [Locale; 3] {
        match self {
            Locale::Kk => [Locale::Kk, Locale::Ru, Locale::En],
            Locale::Ru => [Locale::Ru, Locale::Kk, Locale::En],
            Locale::En => [Locale::En, Locale::Kk, Locale::Ru],
        }
    }

    pub fn plural_category(self, n: u64) -> PluralCategory {
        match self {
            Locale::Ru => {
                let (last, last_two) = (n % 10, n % 100);
                if last == 1 && last_two != 11 {
                    PluralCategory::One
                } else if (2..=4).contains(&last) && !(12..=14).contains(&last_two) {
                    PluralCategory::Few
                } else {
                    PluralCategory::Many
                }
            }
            Locale::Kk | Locale::En => {
                if n == 1 {
                    PluralCategory::One
                } else {
                    PluralCategory::Other
                }
            }
        }
    }

    /// Interface text for `key` in this language.
    pub fn t(self, key: Key) -> &'static str {
        #[cfg(feature = "hydrate")]
        return loaded::text(self, key);
        #[cfg(not(feature = "hydrate"))]
        match self {
            Locale::Kk => text_kk(key),
            Locale::Ru => text_ru(key),
            Locale::En => text_en(key),
        }
    }

    /// The plural form of `key` for `category`, with its `{n}` unfilled.
    pub fn plural_form(self, key: PluralKey, category: PluralCategory) -> &'static str {
        #[cfg(feature = "hydrate")]
        return loaded::plural(self, key, category);
        #[cfg(not(feature = "hydrate"))]
        match self {
            Locale::Kk => plural_kk(key, category),
            Locale::Ru => plural_ru(key, category),
            Locale::En => plural_en(key, category),
        }
    }

    /// Interface text with `{name}` placeholders filled in.
    pub fn t_with(self, key: Key, values: &[(&str, &str)]) -> String {
        fill(self.t(key), values)
    }

    /// The right plural form for `n`, with `{n}` replaced by the formatted number.
    pub fn plural(self, key: PluralKey, n: u64) -> String {
        fill(self.plural_form(key, self.plural_category(n)), &[("n", &format_number(self, n as i64))])
    }
}

impl Key {
    /// The key's name in the translation files.
    pub fn name(self) -> &'static str {
        Key::ALL[self as usize].1
    }

    pub fn from_name(name: &str) -> Option<Key> {
        Key::ALL.iter().find(|(_, known)| *known == name).map(|(key, _)| *key)
    }
}

/// A key shows as its name in the translation files (`form_code_format`).
impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

// A key travels by name (a form's refusal names the words the browser shows), so that a page
// still running an older build refuses an unknown key instead of showing another text.
impl Serialize for Key {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Key, D::Error> {
        let name = String::deserialize(deserializer)?;
        Key::from_name(&name).ok_or_else(|| serde::de::Error::custom(format!("unknown text key {name}")))
    }
}

fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = template.to_string();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_travel_by_their_name() {
        for (key, name) in Key::ALL {
            assert_eq!(key.name(), *name);
        }
        let sent = serde_json::to_string(&Key::FormBinTaken).unwrap();
        assert_eq!(sent, "\"form_bin_taken\"");
        assert_eq!(serde_json::from_str::<Key>(&sent).unwrap(), Key::FormBinTaken);
        assert!(serde_json::from_str::<Key>("\"no_such_key\"").is_err());
    }

    #[test]
    fn every_key_has_text_in_every_language() {
        for (key, name) in Key::ALL {
            for locale in Locale::ALL {
                assert!(!locale.t(*key).trim().is_empty(), "{name} is empty in {}", locale.code());
            }
        }
    }

    #[test]
    fn kazakh_texts_are_written_in_kazakh_cyrillic() {
        // Kazakh-specific letters must appear: a Kazakh file that is really Russian would have none.
        let kazakh_letters = ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і'];
        let all: String = Key::ALL.iter().map(|(k, _)| Locale::Kk.t(*k).to_lowercase()).collect();
        for letter in ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'і'] {
            assert!(all.contains(letter), "no {letter} anywhere in kk.txt");
        }
        let with_kazakh_letter = Key::ALL
            .iter()
            .filter(|(k, _)| Locale::Kk.t(*k).to_lowercase().chars().any(|c| kazakh_letters.contains(&c)))
            .count();
        assert!(with_kazakh_letter * 2 > Key::ALL.len(), "most Kazakh texts should use Kazakh letters");
    }

    #[test]
    fn russian_plurals_have_three_forms() {
        let forms: Vec<String> = [1, 2, 5, 11, 21, 22, 25, 111, 1000].iter().map(|n| Locale::Ru.plural(PluralKey::CampaignsCount, *n)).collect();
        assert_eq!(forms[0], "1 кампания");
        assert_eq!(forms[1], "2 кампании");
        assert_eq!(forms[2], "5 кампаний");
        assert_eq!(forms[3], "11 кампаний");
        assert_eq!(forms[4], "21 кампания");
        assert_eq!(forms[5], "22 кампании");
        assert_eq!(forms[6], "25 кампаний");
        assert_eq!(forms[7], "111 кампаний");
        assert_eq!(forms[8], "1\u{a0}000 кампаний");
        assert_eq!(Locale::En.plural(PluralKey::CampaignsCount, 1), "1 campaign");
        assert_eq!(Locale::En.plural(PluralKey::CampaignsCount, 2), "2 campaigns");
        assert_eq!(Locale::Kk.plural(PluralKey::CampaignsCount, 5), "5 науқан");
    }

    #[test]
    fn locale_codes_round_trip() {
        for locale in Locale::ALL {
            assert_eq!(Locale::from_code(locale.code()), Some(locale));
        }
        assert_eq!(Locale::from_code("de"), None);
    }
}
