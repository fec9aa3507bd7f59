//! Alphabetical order in each language: Kazakh letters (ә ғ қ ң ө ұ ү һ і) stand where the
//! Kazakh alphabet puts them, not after я as their code points would; Russian ё after е.

use super::Locale;

const KAZAKH: &str = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя";
const RUSSIAN: &str = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";

/// A key that sorts texts in `locale`'s alphabetical order (case folded); characters outside
/// the alphabet follow its letters, by code point.
pub fn collation_key(locale: Locale, text: &str) -> Vec<u32> {
    let alphabet = match locale {
        Locale::Kk => KAZAKH,
        Locale::Ru => RUSSIAN,
        Locale::En => "",
    };
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match alphabet.chars().position(|letter| letter == c) {
            // Latin letters and digits keep their own order, before Cyrillic.
            Some(position) => 0x1_0000 + position as u32,
            None if c.is_ascii() => c as u32,
            None => 0x2_0000 + c as u32,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(locale: Locale, words: &[&str]) -> Vec<String> {
        let mut words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        words.sort_by_key(|w| collation_key(locale, w));
        words
    }

    #[test]
    fn kazakh_and_russian_letters_stand_in_their_alphabets() {
        assert_eq!(sorted(Locale::Kk, &["Ұлытау", "Ақтөбе", "Абай", "Үштөбе", "Ақмола", "Ясауи", "Қарағанды"]), ["Абай", "Ақмола", "Ақтөбе", "Қарағанды", "Ұлытау", "Үштөбе", "Ясауи"]);
        assert_eq!(sorted(Locale::Ru, &["Ёлка", "Ель", "Жанаозен", "Алматы"]), ["Алматы", "Ель", "Ёлка", "Жанаозен"]);
        assert_eq!(sorted(Locale::En, &["Zhetysu Region", "almaty", "Abai Region", "Shymkent"]), ["Abai Region", "almaty", "Shymkent", "Zhetysu Region"]);
    }
}
