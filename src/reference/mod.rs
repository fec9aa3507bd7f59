//! Reference data the platform is built on: the 20 first-level units of Kazakhstan and the
//! 8 directions of the national volunteering programme. Their names live in the translation
//! files; the database keeps the same codes so that every campaign points at a real one.

mod directions;
mod regions;

pub use directions::{Direction, DIRECTIONS};
pub use regions::{Region, RegionKind, REGIONS};
