//! Reading and checking the translation files. Shared by the build script (which refuses to
//! build with an incomplete translation) and the tests (which prove that it does).

use std::collections::{BTreeMap, BTreeSet};

/// The languages in the order of `Locale`, with the plural categories each one needs.
pub const LANGUAGES: [(&str, &[&str]); 3] = [
    ("kk", &["one", "other"]),
    ("ru", &["one", "few", "many"]),
    ("en", &["one", "other"]),
];
pub const CATEGORIES: [&str; 4] = ["one", "few", "many", "other"];

#[derive(Default)]
pub struct Catalog {
    pub plain: BTreeMap<String, String>,
    pub plural: BTreeMap<String, BTreeMap<String, String>>,
}

pub fn parse(lang: &str, source: &str) -> Catalog {
    let mut catalog = Catalog::default();
    for (number, line) in source.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, text)) = line.split_once('=') else {
            panic!("{lang}.txt:{}: expected `key = text`", number + 1);
        };
        // `\n` in a text is a line break (mail bodies, multi-paragraph texts).
        let (key, text) = (key.trim(), text.trim().replace("\\n", "\n"));
        assert!(!text.is_empty(), "{lang}.txt:{}: empty text for {key}", number + 1);
        let valid = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        let duplicate = match key.split_once('.') {
            Some((base, category)) => {
                assert!(valid(base) && CATEGORIES.contains(&category), "{lang}.txt:{}: bad key {key}", number + 1);
                catalog.plural.entry(base.to_string()).or_default().insert(category.to_string(), text).is_some()
            }
            None => {
                assert!(valid(key), "{lang}.txt:{}: bad key {key}", number + 1);
                catalog.plain.insert(key.to_string(), text).is_some()
            }
        };
        assert!(!duplicate, "{lang}.txt:{}: {key} is defined twice", number + 1);
    }
    catalog
}

pub fn placeholders(text: &str) -> BTreeSet<String> {
    text.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string())).collect()
}

pub fn check(catalogs: &[Catalog]) -> Vec<String> {
    let mut problems = Vec::new();
    let all_plain: BTreeSet<&String> = catalogs.iter().flat_map(|c| c.plain.keys()).collect();
    let all_plural: BTreeSet<&String> = catalogs.iter().flat_map(|c| c.plural.keys()).collect();
    for key in &all_plain {
        let reference = catalogs.iter().find_map(|c| c.plain.get(*key)).map(|t| placeholders(t)).unwrap();
        for ((lang, _), catalog) in LANGUAGES.iter().zip(catalogs) {
            match catalog.plain.get(*key) {
                None => problems.push(format!("{lang}: missing `{key}`")),
                Some(text) if placeholders(text) != reference => {
                    problems.push(format!("{lang}: `{key}` has placeholders {:?}, expected {reference:?}", placeholders(text)))
                }
                _ => {}
            }
        }
    }
    for key in &all_plural {
        for ((lang, needed), catalog) in LANGUAGES.iter().zip(catalogs) {
            let forms = catalog.plural.get(*key);
            for category in *needed {
                if forms.and_then(|f| f.get(*category)).is_none() {
                    problems.push(format!("{lang}: missing `{key}.{category}`"));
                }
            }
        }
    }
    problems
}


#[cfg(test)]
mod tests {
    use super::*;

    fn catalogs(kk: &str, ru: &str, en: &str) -> Vec<Catalog> {
        vec![parse("kk", kk), parse("ru", ru), parse("en", en)]
    }

    #[test]
    fn the_shipped_translation_files_are_complete() {
        let read = |lang: &str| std::fs::read_to_string(format!("src/i18n/locales/{lang}.txt")).unwrap();
        assert_eq!(check(&catalogs(&read("kk"), &read("ru"), &read("en"))), Vec::<String>::new());
    }

    #[test]
    fn a_missing_key_a_plural_form_or_a_placeholder_is_reported() {
        let problems = check(&catalogs(
            "a = Сәлем\nn.one = {n} науқан\nn.other = {n} науқан",
            "a = Привет {name}\nn.one = {n} кампания\nn.few = {n} кампании",
            "b = Hello\nn.one = {n} campaign\nn.other = {n} campaigns",
        ));
        assert!(problems.contains(&"en: missing `a`".to_string()), "{problems:?}");
        assert!(problems.contains(&"kk: missing `b`".to_string()), "{problems:?}");
        assert!(problems.contains(&"ru: missing `n.many`".to_string()), "{problems:?}");
        assert!(problems.iter().any(|p| p.starts_with("ru: `a` has placeholders")), "{problems:?}");
    }
}
