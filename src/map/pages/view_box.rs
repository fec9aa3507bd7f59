//! The part of the map in view: zooming, panning and fitting a box, in the drawing's
//! coordinates; and the classes of the choropleth.

use crate::map::geometry::{country, Point, WIDTH};
use crate::map::model::BBox;

/// The part of the drawing in view.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct ViewBox {
    pub(super) x: f64,
    pub(super) y: f64,
    pub(super) w: f64,
    pub(super) h: f64,
}

impl ViewBox {
    /// The whole country in a frame of the drawing's own shape, as the server draws it.
    pub(super) fn country() -> ViewBox {
        ViewBox { x: 0.0, y: 0.0, w: WIDTH, h: country().height }
    }

    /// The whole country in a frame whose height is `aspect` times its width: a phone's frame
    /// is taller than the country, so the view takes in more above and below it.
    pub(super) fn fitting(aspect: f64) -> ViewBox {
        let full = ViewBox::country();
        if aspect >= full.aspect() {
            let h = full.w * aspect;
            ViewBox { y: (full.h - h) / 2.0, h, ..full }
        } else {
            let w = full.h / aspect;
            ViewBox { x: (full.w - w) / 2.0, w, ..full }
        }
    }

    pub(super) fn aspect(&self) -> f64 {
        self.h / self.w
    }

    pub(super) fn attribute(&self) -> String {
        format!("{:.1} {:.1} {:.1} {:.1}", self.x, self.y, self.w, self.h)
    }

    /// Zoomed by `factor` (>1 closer) around the centre, between the whole country and 1/64 of it.
    pub(super) fn zoomed(&self, factor: f64) -> ViewBox {
        let widest = ViewBox::fitting(self.aspect()).w;
        let w = (self.w / factor).clamp(ViewBox::country().w / 64.0, widest);
        let h = w * self.aspect();
        let (cx, cy) = (self.x + self.w / 2.0, self.y + self.h / 2.0);
        ViewBox { x: cx - w / 2.0, y: cy - h / 2.0, w, h }.clamped()
    }

    /// The same centre and width in a frame of another shape.
    pub(super) fn reshaped(&self, aspect: f64) -> ViewBox {
        if self.is_whole_country() {
            return ViewBox::fitting(aspect);
        }
        let h = self.w * aspect;
        ViewBox { y: self.y + (self.h - h) / 2.0, h, ..*self }.clamped()
    }

    /// Moved by a fraction of its own size.
    pub(super) fn panned(&self, dx: f64, dy: f64) -> ViewBox {
        ViewBox { x: self.x + dx * self.w, y: self.y + dy * self.h, ..*self }.clamped()
    }

    /// Keeps the view over the country.
    pub(super) fn clamped(self) -> ViewBox {
        let full = ViewBox::country();
        ViewBox { x: self.x.clamp(-self.w / 2.0, full.w - self.w / 2.0), y: self.y.clamp(-self.h / 2.0, full.h - self.h / 2.0), ..self }
    }

    /// Around a box of places, with some room, in a frame of shape `aspect`.
    pub(super) fn around(bbox: BBox, aspect: f64) -> ViewBox {
        let map = country();
        let (a, b) = (map.project(bbox.min_lon, bbox.max_lat), map.project(bbox.max_lon, bbox.min_lat));
        let w = ((b.x - a.x).max((b.y - a.y) / aspect) * 1.6).max(WIDTH / 64.0);
        let h = w * aspect;
        ViewBox { x: (a.x + b.x - w) / 2.0, y: (a.y + b.y - h) / 2.0, w, h }.clamped()
    }

    pub(super) fn is_whole_country(&self) -> bool {
        let whole = ViewBox::fitting(self.aspect());
        [self.x - whole.x, self.y - whole.y, self.w - whole.w, self.h - whole.h].iter().all(|d| d.abs() < 0.5)
    }

    /// The places in view, or `None` for the whole country.
    pub(super) fn bbox(&self) -> Option<String> {
        if self.is_whole_country() {
            return None;
        }
        let map = country();
        let corners = [(self.x, self.y), (self.x + self.w, self.y), (self.x, self.y + self.h), (self.x + self.w, self.y + self.h)];
        let places: Vec<(f64, f64)> = corners.iter().map(|&(x, y)| map.unproject(Point { x, y })).collect();
        let lons = places.iter().map(|p| p.0);
        let lats = places.iter().map(|p| p.1);
        Some(
            BBox {
                min_lon: lons.clone().fold(f64::MAX, f64::min),
                max_lon: lons.fold(f64::MIN, f64::max),
                min_lat: lats.clone().fold(f64::MAX, f64::min),
                max_lat: lats.fold(f64::MIN, f64::max),
            }
            .encode(),
        )
    }
}

/// Half of what a finger can hit (44 px, and some room), in pixels on screen.
pub(super) const TARGET_RADIUS: f64 = 24.0;

/// The map's width on screen assumed before it is measured, in pixels: a wide screen's (560–640).
/// The stylesheet scales markers up on a phone's narrower frame; the browser measures the real one.
pub(super) const NOMINAL_FRAME_WIDTH: f64 = 600.0;

/// Class bounds for the choropleth: 0, then five steps of a round size up to the largest count.
pub(super) fn steps(max: i64) -> [i64; 5] {
    let rough = (max.max(5) as f64 / 5.0).ceil();
    let magnitude = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * magnitude).find(|s| *s >= rough).unwrap_or(rough) as i64;
    [step, step * 2, step * 3, step * 4, step * 5]
}

pub(super) fn level(count: i64, steps: &[i64; 5]) -> usize {
    if count == 0 {
        0
    } else {
        1 + steps.iter().position(|s| count <= *s).unwrap_or(4)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_steps_are_round_and_cover_the_largest_count() {
        assert_eq!(steps(0), [1, 2, 3, 4, 5]);
        assert_eq!(steps(97), [20, 40, 60, 80, 100]);
        assert_eq!(steps(4_321), [1000, 2000, 3000, 4000, 5000]);
        let s = steps(120);
        assert_eq!((level(0, &s), level(1, &s), level(120, &s), level(10_000, &s)), (0, 1, 5, 5));
    }

    #[test]
    fn zooming_and_panning_stay_over_the_country() {
        let full = ViewBox::country();
        assert_eq!(full.bbox(), None);
        let close = full.zoomed(1000.0);
        assert!((close.w - full.w / 64.0).abs() < 1e-9);
        assert_eq!(full.zoomed(0.1), full);
        let far = close.panned(100.0, 100.0);
        assert!(far.x <= full.w && far.y <= full.h);
        for aspect in [full.aspect(), 1.0] {
            let around = ViewBox::around(BBox { min_lon: 76.8, min_lat: 43.1, max_lon: 77.0, max_lat: 43.3 }, aspect);
            assert!((around.aspect() - aspect).abs() < 1e-9);
            let bbox = BBox::parse(&around.bbox().unwrap()).unwrap();
            assert!(bbox.min_lon < 76.8 && bbox.max_lon > 77.0 && bbox.min_lat < 43.1 && bbox.max_lat > 43.3);
        }
    }

    #[test]
    fn a_phones_taller_frame_shows_the_whole_country_and_more_around_it() {
        let full = ViewBox::country();
        let square = ViewBox::fitting(1.0);
        assert_eq!((square.x, square.w, square.h), (0.0, full.w, full.w));
        assert!(square.y < 0.0 && square.y + square.h > full.h, "the country sits in the middle: {square:?}");
        // The whole country is the whole country in any frame: nothing to filter the list by.
        assert_eq!(square.bbox(), None);
        assert_eq!(full.reshaped(1.0), square);
        // A view zoomed in keeps its centre and width when the frame changes shape.
        let close = full.zoomed(4.0).reshaped(1.0);
        assert!((close.aspect() - 1.0).abs() < 1e-9 && (close.w - full.w / 4.0).abs() < 1e-9);
        assert!(close.bbox().is_some());
        // Zooming out stops at the whole country in this frame's shape.
        assert_eq!(close.zoomed(0.01), square);
    }
}
