use crate::i18n::{Key, Locale};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RegionKind {
    /// An oblys.
    Region,
    /// A city of republican significance (Astana, Almaty, Shymkent).
    City,
}

/// A first-level administrative unit, identified by its ISO 3166-2 code.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Region {
    pub code: &'static str,
    pub kind: RegionKind,
    /// The official Kazakh name in the 2021 Latin alphabet.
    pub name_kk_latn: &'static str,
    /// A point inside the unit: (longitude, latitude).
    pub centroid: (f64, f64),
    name: Key,
}

const fn region(code: &'static str, kind: RegionKind, name: Key, name_kk_latn: &'static str, lon: f64, lat: f64) -> Region {
    Region { code, kind, name_kk_latn, centroid: (lon, lat), name }
}

use RegionKind::{City, Region as Oblys};

/// The 17 regions and 3 cities, as of 2022, in the order of their codes.
pub const REGIONS: [Region; 20] = [
    region("KZ-10", Oblys, Key::RegionKz10, "Abai oblysy", 80.11, 48.67),
    region("KZ-11", Oblys, Key::RegionKz11, "Aqmola oblysy", 69.90, 51.79),
    region("KZ-15", Oblys, Key::RegionKz15, "Aqtöbe oblysy", 59.46, 48.25),
    region("KZ-19", Oblys, Key::RegionKz19, "Almaty oblysy", 75.82, 44.48),
    region("KZ-23", Oblys, Key::RegionKz23, "Atyrau oblysy", 52.12, 47.52),
    region("KZ-27", Oblys, Key::RegionKz27, "Batys Qazaqstan oblysy", 50.67, 49.81),
    region("KZ-31", Oblys, Key::RegionKz31, "Jambyl oblysy", 72.14, 44.32),
    region("KZ-33", Oblys, Key::RegionKz33, "Jetısu oblysy", 78.93, 45.56),
    region("KZ-35", Oblys, Key::RegionKz35, "Qarağandy oblysy", 74.66, 48.65),
    region("KZ-39", Oblys, Key::RegionKz39, "Qostanai oblysy", 64.02, 51.60),
    region("KZ-43", Oblys, Key::RegionKz43, "Qyzylorda oblysy", 63.63, 45.19),
    region("KZ-47", Oblys, Key::RegionKz47, "Mañğystau oblysy", 53.98, 44.10),
    region("KZ-55", Oblys, Key::RegionKz55, "Pavlodar oblysy", 76.24, 52.07),
    region("KZ-59", Oblys, Key::RegionKz59, "Soltüstık Qazaqstan oblysy", 69.27, 53.86),
    region("KZ-61", Oblys, Key::RegionKz61, "Türkıstan oblysy", 68.44, 43.23),
    region("KZ-62", Oblys, Key::RegionKz62, "Ūlytau oblysy", 67.95, 47.64),
    region("KZ-63", Oblys, Key::RegionKz63, "Şyğys Qazaqstan oblysy", 84.16, 49.04),
    region("KZ-71", City, Key::RegionKz71, "Astana qalasy", 71.45, 51.13),
    region("KZ-75", City, Key::RegionKz75, "Almaty qalasy", 76.94, 43.22),
    region("KZ-79", City, Key::RegionKz79, "Şymkent qalasy", 69.58, 42.31),
];

impl Region {
    pub fn by_code(code: &str) -> Option<&'static Region> {
        REGIONS.iter().find(|r| r.code.eq_ignore_ascii_case(code))
    }

    pub fn name(&self, locale: Locale) -> &'static str {
        locale.t(self.name)
    }

    /// All 20, in the alphabetical order of their names in `locale` (for every list people pick from).
    pub fn in_order_of(locale: Locale) -> Vec<&'static Region> {
        let mut regions: Vec<&'static Region> = REGIONS.iter().collect();
        regions.sort_by_cached_key(|r| crate::i18n::collation_key(locale, r.name(locale)));
        regions
    }

    /// `(code, name)` for a select or a list of checkboxes, in alphabetical order.
    pub fn options(locale: Locale) -> Vec<(String, String)> {
        Region::in_order_of(locale).into_iter().map(|r| (r.code.to_string(), r.name(locale).to_string())).collect()
    }

    pub fn kind_name(&self, locale: Locale) -> &'static str {
        locale.t(match self.kind {
            RegionKind::Region => Key::RegionKindRegion,
            RegionKind::City => Key::RegionKindCity,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_17_regions_and_3_cities_with_unique_codes() {
        assert_eq!(REGIONS.iter().filter(|r| r.kind == RegionKind::Region).count(), 17);
        let cities: Vec<_> = REGIONS.iter().filter(|r| r.kind == RegionKind::City).map(|r| r.code).collect();
        assert_eq!(cities, ["KZ-71", "KZ-75", "KZ-79"]);
        let mut codes: Vec<_> = REGIONS.iter().map(|r| r.code).collect();
        codes.dedup();
        assert_eq!(codes.len(), 20);
    }

    #[test]
    fn names_come_from_the_translation_files() {
        let shymkent = Region::by_code("kz-79").unwrap();
        assert_eq!(shymkent.name(Locale::Kk), "Шымкент қаласы");
        assert_eq!(shymkent.name(Locale::En), "Shymkent");
        assert_eq!(Region::by_code("KZ-27").unwrap().name(Locale::Ru), "Западно-Казахстанская область");
        assert!(Region::by_code("KZ-99").is_none());
    }

    #[test]
    fn centroids_lie_within_kazakhstan() {
        for r in REGIONS {
            let (lon, lat) = r.centroid;
            assert!((46.0..=88.0).contains(&lon) && (40.0..=56.0).contains(&lat), "{}", r.code);
        }
    }
}
