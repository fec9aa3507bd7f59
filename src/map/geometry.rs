//! The shapes of Kazakhstan's 20 first-level units and the projection that draws them.
//!
//! `data/regions.geojson` is made by `data/make-regions.sh` (see there for the source and its
//! licence). It is compiled into both builds, so the server and the browser draw the same map.

use serde::Deserialize;
use std::f64::consts::FRAC_PI_4;
use std::sync::OnceLock;

const GEOJSON: &str = include_str!("data/regions.geojson");

/// Width of the SVG drawing; the height follows from the country's shape.
pub const WIDTH: f64 = 1000.0;
/// Room around the country inside the drawing.
const MARGIN: f64 = 10.0;

/// How far outside the simplified outlines a place may be and still count as in the country.
pub const BORDER_TOLERANCE_KM: f64 = 5.0;
const EARTH_RADIUS_KM: f64 = 6371.0;

/// A point in the drawing's coordinates (x to the right, y down).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// One unit's outline: polygons made of rings (the first ring is the outside, the others holes).
#[derive(Debug)]
pub struct RegionShape {
    pub code: String,
    rings: Vec<Vec<Vec<Point>>>,
    /// The SVG path of the whole unit.
    pub path: String,
}

/// The map: every unit in drawing coordinates, and the drawing's size.
#[derive(Debug)]
pub struct CountryMap {
    pub regions: Vec<RegionShape>,
    pub height: f64,
    projection: Projection,
    /// Projected coordinates of the drawing's top-left corner and the scale to drawing units.
    origin: (f64, f64),
    scale: f64,
}

/// Lambert conformal conic with standard parallels 45° and 51° N, centred on 67° E, 48° N:
/// true shapes for a country that spans 40–56° N.
#[derive(Debug, Clone, Copy)]
struct Projection {
    n: f64,
    f: f64,
    rho0: f64,
    lambda0: f64,
}

impl Projection {
    fn kazakhstan() -> Projection {
        let (phi1, phi2, phi0) = (45f64.to_radians(), 51f64.to_radians(), 48f64.to_radians());
        let t = |phi: f64| (FRAC_PI_4 + phi / 2.0).tan();
        let n = (phi1.cos() / phi2.cos()).ln() / (t(phi2) / t(phi1)).ln();
        let f = phi1.cos() * t(phi1).powf(n) / n;
        Projection { n, f, rho0: f / t(phi0).powf(n), lambda0: 67f64.to_radians() }
    }

    fn forward(&self, lon: f64, lat: f64) -> (f64, f64) {
        let rho = self.f / (FRAC_PI_4 + lat.to_radians() / 2.0).tan().powf(self.n);
        let theta = self.n * (lon.to_radians() - self.lambda0);
        (rho * theta.sin(), self.rho0 - rho * theta.cos())
    }

    fn inverse(&self, x: f64, y: f64) -> (f64, f64) {
        let dy = self.rho0 - y;
        let rho = (x * x + dy * dy).sqrt();
        let theta = x.atan2(dy);
        let lon = self.lambda0 + theta / self.n;
        let lat = 2.0 * (self.f / rho).powf(1.0 / self.n).atan() - std::f64::consts::FRAC_PI_2;
        (lon.to_degrees(), lat.to_degrees())
    }
}

#[derive(Deserialize)]
struct Collection {
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    properties: Properties,
    geometry: Geometry,
}

#[derive(Deserialize)]
struct Properties {
    code: String,
}

#[derive(Deserialize)]
#[serde(tag = "type", content = "coordinates")]
enum Geometry {
    Polygon(Vec<Vec<[f64; 2]>>),
    MultiPolygon(Vec<Vec<Vec<[f64; 2]>>>),
}

/// The map, read and projected once.
pub fn country() -> &'static CountryMap {
    static MAP: OnceLock<CountryMap> = OnceLock::new();
    MAP.get_or_init(|| CountryMap::from_geojson(GEOJSON))
}

impl CountryMap {
    fn from_geojson(text: &str) -> CountryMap {
        let collection: Collection = serde_json::from_str(text).expect("the shipped regions.geojson is valid");
        let projection = Projection::kazakhstan();
        let projected: Vec<(String, Vec<Vec<Vec<(f64, f64)>>>)> = collection
            .features
            .into_iter()
            .map(|feature| {
                let polygons = match feature.geometry {
                    Geometry::Polygon(rings) => vec![rings],
                    Geometry::MultiPolygon(polygons) => polygons,
                };
                let polygons = polygons
                    .into_iter()
                    .map(|rings| rings.into_iter().map(|ring| ring.into_iter().map(|[lon, lat]| projection.forward(lon, lat)).collect()).collect())
                    .collect();
                (feature.properties.code, polygons)
            })
            .collect();
        let all = projected.iter().flat_map(|(_, p)| p.iter().flatten().flatten());
        let (mut min_x, mut max_x, mut min_y, mut max_y) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for &(x, y) in all {
            (min_x, max_x, min_y, max_y) = (min_x.min(x), max_x.max(x), min_y.min(y), max_y.max(y));
        }
        let scale = (WIDTH - 2.0 * MARGIN) / (max_x - min_x);
        let height = (max_y - min_y) * scale + 2.0 * MARGIN;
        let mut map = CountryMap { regions: Vec::new(), height, projection, origin: (min_x, max_y), scale };
        map.regions = projected
            .into_iter()
            .map(|(code, polygons)| {
                let rings: Vec<Vec<Vec<Point>>> = polygons
                    .into_iter()
                    .map(|rings| rings.into_iter().map(|ring| ring.into_iter().map(|(x, y)| map.to_drawing(x, y)).collect()).collect())
                    .collect();
                let path = svg_path(&rings);
                RegionShape { code, rings, path }
            })
            .collect();
        map
    }

    fn to_drawing(&self, x: f64, y: f64) -> Point {
        Point { x: MARGIN + (x - self.origin.0) * self.scale, y: MARGIN + (self.origin.1 - y) * self.scale }
    }

    /// Where a place (longitude, latitude) is on the drawing.
    pub fn project(&self, lon: f64, lat: f64) -> Point {
        let (x, y) = self.projection.forward(lon, lat);
        self.to_drawing(x, y)
    }

    /// The place (longitude, latitude) at a point of the drawing.
    pub fn unproject(&self, point: Point) -> (f64, f64) {
        let x = self.origin.0 + (point.x - MARGIN) / self.scale;
        let y = self.origin.1 - (point.y - MARGIN) / self.scale;
        self.projection.inverse(x, y)
    }

    /// Whether a place (longitude, latitude) is in Kazakhstan: inside a unit's outline or within
    /// [`BORDER_TOLERANCE_KM`] of it, because the shipped outlines are simplified and a town on
    /// the border may fall just outside them.
    pub fn covers(&self, lon: f64, lat: f64) -> bool {
        let point = self.project(lon, lat);
        if self.regions.iter().any(|region| region.contains(point)) {
            return true;
        }
        // Projected units are Earth radii; the drawing scales them by `scale`.
        let tolerance = BORDER_TOLERANCE_KM / EARTH_RADIUS_KM * self.scale;
        self.regions.iter().any(|region| region.distance_to_outline(point) <= tolerance)
    }

    pub fn region(&self, code: &str) -> Option<&RegionShape> {
        self.regions.iter().find(|r| r.code == code)
    }

    /// The `viewBox` of the whole country.
    pub fn view_box(&self) -> String {
        format!("0 0 {WIDTH} {:.0}", self.height)
    }
}

impl RegionShape {
    /// Whether a point of the drawing lies inside this unit (even-odd rule over all rings).
    pub fn contains(&self, point: Point) -> bool {
        self.rings.iter().any(|polygon| polygon.iter().filter(|ring| ring_contains(ring, point)).count() % 2 == 1)
    }

    fn distance_to_outline(&self, p: Point) -> f64 {
        self.rings
            .iter()
            .flatten()
            .flat_map(|ring| ring.iter().zip(ring.iter().cycle().skip(1)))
            .map(|(&a, &b)| distance_to_segment(p, a, b))
            .fold(f64::MAX, f64::min)
    }
}

fn distance_to_segment(p: Point, a: Point, b: Point) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let length_squared = dx * dx + dy * dy;
    let t = if length_squared == 0.0 { 0.0 } else { (((p.x - a.x) * dx + (p.y - a.y) * dy) / length_squared).clamp(0.0, 1.0) };
    let (cx, cy) = (a.x + t * dx, a.y + t * dy);
    ((p.x - cx).powi(2) + (p.y - cy).powi(2)).sqrt()
}

fn ring_contains(ring: &[Point], p: Point) -> bool {
    let mut inside = false;
    let mut j = ring.len().wrapping_sub(1);
    for i in 0..ring.len() {
        let (a, b) = (ring[i], ring[j]);
        if (a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x {
            inside = !inside;
        }
        j = i;
    }
    inside
}

/// `M x y L x y … Z` for every ring, to one decimal (a tenth of a drawing unit is ~150 m).
fn svg_path(polygons: &[Vec<Vec<Point>>]) -> String {
    let mut path = String::new();
    for ring in polygons.iter().flatten() {
        for (i, p) in ring.iter().enumerate() {
            path.push_str(if i == 0 { "M" } else { "L" });
            path.push_str(&format!("{:.1} {:.1}", p.x, p.y));
        }
        path.push('Z');
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::REGIONS;

    #[test]
    fn all_20_units_are_present_once_with_their_iso_codes() {
        let map = country();
        let mut codes: Vec<&str> = map.regions.iter().map(|r| r.code.as_str()).collect();
        codes.sort();
        let expected: Vec<&str> = REGIONS.iter().map(|r| r.code).collect();
        assert_eq!(codes, expected);
        assert!(map.regions.iter().all(|r| r.path.len() > 50));
    }

    #[test]
    fn every_label_point_lies_inside_its_own_unit() {
        let map = country();
        for region in REGIONS {
            let (lon, lat) = region.centroid;
            let shape = map.region(region.code).unwrap();
            assert!(shape.contains(map.project(lon, lat)), "{}'s label point is outside it", region.code);
        }
    }

    #[test]
    fn only_places_in_kazakhstan_are_covered() {
        let map = country();
        // Almaty, Astana, Aktau on the Caspian, Zharkent by the Chinese border, Shymkent.
        for (lon, lat) in [(76.8897, 43.2389), (71.4491, 51.1694), (51.1975, 43.6480), (80.0164, 44.1625), (69.5901, 42.3417)] {
            assert!(map.covers(lon, lat), "({lon}, {lat}) should be in Kazakhstan");
        }
        // Bishkek, Tashkent, Omsk, Ürümqi: inside the old bounding box, outside the country.
        for (lon, lat) in [(74.5698, 42.8746), (69.2401, 41.2995), (73.3242, 54.9885), (87.3, 43.8)] {
            assert!(!map.covers(lon, lat), "({lon}, {lat}) is not in Kazakhstan");
        }
    }

    #[test]
    fn the_projection_puts_each_main_city_in_its_region() {
        let map = country();
        // Regional centres and the three cities of republican significance.
        let cities = [
            ("KZ-10", 80.23, 50.41), ("KZ-11", 69.39, 53.28), ("KZ-15", 57.17, 50.28), ("KZ-19", 77.07, 43.87),
            ("KZ-23", 51.92, 47.09), ("KZ-27", 51.37, 51.23), ("KZ-31", 71.37, 42.90), ("KZ-33", 78.37, 45.02),
            ("KZ-35", 73.10, 49.80), ("KZ-39", 63.63, 53.21), ("KZ-43", 65.51, 44.85), ("KZ-47", 51.16, 43.65),
            ("KZ-55", 76.97, 52.29), ("KZ-59", 69.15, 54.87), ("KZ-61", 68.25, 43.30), ("KZ-62", 67.71, 47.79),
            ("KZ-63", 82.61, 49.95), ("KZ-71", 71.43, 51.13), ("KZ-75", 76.89, 43.24), ("KZ-79", 69.59, 42.32),
        ];
        for (code, lon, lat) in cities {
            let point = map.project(lon, lat);
            assert!(map.region(code).unwrap().contains(point), "({lon}, {lat}) is not drawn inside {code}");
        }
    }

    #[test]
    fn the_projection_round_trips_and_fills_the_drawing() {
        let map = country();
        let (lon, lat) = map.unproject(map.project(71.43, 51.13));
        assert!((lon - 71.43).abs() < 1e-9 && (lat - 51.13).abs() < 1e-9);
        assert!(map.height > 400.0 && map.height < 700.0, "{}", map.height);
        let west = map.project(46.5, 48.0);
        let east = map.project(87.3, 49.0);
        assert!(west.x < 30.0 && east.x > 970.0);
    }
}
