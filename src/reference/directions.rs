use crate::i18n::{Key, Locale};

/// A direction of the national volunteering programme. The names are proper names, used as-is
/// in every language; the gloss explains the name and the scope says what the direction covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Direction {
    /// The permanent id stored with campaigns and used in URLs.
    pub slug: &'static str,
    name: Key,
    gloss: Key,
    scope: Key,
}

pub const DIRECTIONS: [Direction; 8] = [
    Direction { slug: "sabaqtastyq", name: Key::DirectionSabaqtastyq, gloss: Key::DirectionSabaqtastyqGloss, scope: Key::DirectionSabaqtastyqScope },
    Direction { slug: "saulyq", name: Key::DirectionSaulyq, gloss: Key::DirectionSaulyqGloss, scope: Key::DirectionSaulyqScope },
    Direction { slug: "taza-alem", name: Key::DirectionTazaAlem, gloss: Key::DirectionTazaAlemGloss, scope: Key::DirectionTazaAlemScope },
    Direction { slug: "asyl-mura", name: Key::DirectionAsylMura, gloss: Key::DirectionAsylMuraGloss, scope: Key::DirectionAsylMuraScope },
    Direction { slug: "qamqor", name: Key::DirectionQamqor, gloss: Key::DirectionQamqorGloss, scope: Key::DirectionQamqorScope },
    Direction { slug: "bilim", name: Key::DirectionBilim, gloss: Key::DirectionBilimGloss, scope: Key::DirectionBilimScope },
    Direction { slug: "umit", name: Key::DirectionUmit, gloss: Key::DirectionUmitGloss, scope: Key::DirectionUmitScope },
    Direction { slug: "ayala", name: Key::DirectionAyala, gloss: Key::DirectionAyalaGloss, scope: Key::DirectionAyalaScope },
];

impl Direction {
    pub fn by_slug(slug: &str) -> Option<&'static Direction> {
        DIRECTIONS.iter().find(|d| d.slug == slug)
    }

    pub fn name(&self, locale: Locale) -> &'static str {
        locale.t(self.name)
    }

    pub fn gloss(&self, locale: Locale) -> &'static str {
        locale.t(self.gloss)
    }

    pub fn scope(&self, locale: Locale) -> &'static str {
        locale.t(self.scope)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_programme_has_eight_directions_named_as_proper_names() {
        assert_eq!(DIRECTIONS.len(), 8);
        let umit = Direction::by_slug("umit").unwrap();
        assert_eq!(umit.name(Locale::Kk), "Үміт");
        assert_eq!(umit.name(Locale::Ru), "Үміт");
        assert_eq!(umit.name(Locale::En), "Ümit");
        assert_eq!(umit.gloss(Locale::En), "Hope");
        assert!(Direction::by_slug("nope").is_none());
    }
}
