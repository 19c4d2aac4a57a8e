//! The control/complexity matrix: its scale, which strategy's region holds a point, and the
//! shape of each region.

use crate::options::Strategy;

/// The matrix axes run from 0 to this.
pub const MATRIX_MAX: f64 = 10.0;

/// A point of the matrix: control across, complexity up.
pub type Point = (f64, f64);

/// The strategy whose band holds the mean of the two coordinates.
pub fn region(bands: &[[f64; 2]; 4], control: f64, complexity: f64) -> Strategy {
    let mean = f64::midpoint(control, complexity);
    Strategy::ALL
        .into_iter()
        .zip(bands)
        .find(|(_, band)| mean < band[1])
        .map_or(Strategy::D, |(s, _)| s)
}

/// Each strategy's region as a polygon inside the matrix (corners counter-clockwise), exactly
/// as [`region`] assigns points: a strategy holds the points whose mean lies below its band's
/// end and at or above every earlier band's end; D holds the rest. A region no point falls in
/// is an empty polygon.
pub fn shapes(bands: &[[f64; 2]; 4]) -> [Vec<Point>; 4] {
    let square = vec![
        (0.0, 0.0),
        (MATRIX_MAX, 0.0),
        (MATRIX_MAX, MATRIX_MAX),
        (0.0, MATRIX_MAX),
    ];
    let mut from = f64::NEG_INFINITY;
    std::array::from_fn(|i| {
        let to = if i == 3 { f64::INFINITY } else { bands[i][1] };
        // Mean at least `from`, and below `to`: two half-planes of x + y.
        let above = clip(&square, |(x, y)| x + y - 2.0 * from);
        let shape = clip(&above, |(x, y)| 2.0 * to - (x + y));
        from = from.max(to);
        if area(&shape) > 1e-9 {
            shape
        } else {
            Vec::new()
        }
    })
}

/// The centre of mass of a polygon; `None` when it has no area.
pub fn centroid(polygon: &[Point]) -> Option<Point> {
    let a = area(polygon);
    if a <= 1e-9 {
        return None;
    }
    let (mut cx, mut cy) = (0.0, 0.0);
    for (p, q) in edges(polygon) {
        let cross = p.0 * q.1 - q.0 * p.1;
        cx += (p.0 + q.0) * cross;
        cy += (p.1 + q.1) * cross;
    }
    Some((cx / (6.0 * a), cy / (6.0 * a)))
}

/// The polygon's consecutive corners, the last paired with the first.
fn edges(polygon: &[Point]) -> impl Iterator<Item = (Point, Point)> + '_ {
    polygon
        .iter()
        .zip(polygon.iter().cycle().skip(1))
        .map(|(p, q)| (*p, *q))
}

/// Signed area, positive for counter-clockwise corners.
fn area(polygon: &[Point]) -> f64 {
    edges(polygon)
        .map(|(p, q)| p.0 * q.1 - q.0 * p.1)
        .sum::<f64>()
        / 2.0
}

/// The part of a convex polygon where the linear function `side` is not negative
/// (Sutherland–Hodgman against one half-plane).
fn clip(polygon: &[Point], side: impl Fn(Point) -> f64) -> Vec<Point> {
    let mut out = Vec::new();
    for (p, q) in edges(polygon) {
        let (sp, sq) = (side(p), side(q));
        if sp >= 0.0 {
            push_corner(&mut out, p);
        }
        if (sp >= 0.0) != (sq >= 0.0) && sp.is_finite() && sq.is_finite() {
            let t = sp / (sp - sq);
            push_corner(&mut out, (p.0 + t * (q.0 - p.0), p.1 + t * (q.1 - p.1)));
        }
    }
    if out.len() > 1 && same(out[0], out[out.len() - 1]) {
        out.pop();
    }
    out
}

/// Adds a corner unless it repeats the last one (a cut through a corner yields it twice).
fn push_corner(polygon: &mut Vec<Point>, corner: Point) {
    if polygon.last().is_none_or(|last| !same(*last, corner)) {
        polygon.push(corner);
    }
}

fn same(p: Point, q: Point) -> bool {
    (p.0 - q.0).abs() < 1e-9 && (p.1 - q.1).abs() < 1e-9
}

#[cfg(test)]
mod tests {
    use super::*;

    const BANDS: [[f64; 2]; 4] = [[0.0, 3.0], [3.0, 5.0], [5.0, 7.5], [7.5, 10.0]];

    /// Whether a point lies strictly inside a convex counter-clockwise polygon.
    fn inside(polygon: &[Point], (x, y): Point) -> bool {
        edges(polygon).all(|(p, q)| (q.0 - p.0) * (y - p.1) - (q.1 - p.1) * (x - p.0) > 1e-9)
    }

    #[test]
    fn shapes_hold_the_points_region_assigns() {
        for bands in [BANDS, [[0.0, 1.0], [1.0, 2.0], [2.0, 3.0], [3.0, 10.0]]] {
            let shapes = shapes(&bands);
            for i in 0..=40 {
                for j in 0..=40 {
                    let point = (f64::from(i) * 0.25 + 0.01, f64::from(j) * 0.25 + 0.02);
                    let expected = region(&bands, point.0, point.1) as usize;
                    let holders: Vec<usize> =
                        (0..4).filter(|&s| inside(&shapes[s], point)).collect();
                    assert!(
                        holders.is_empty() || holders == [expected],
                        "{point:?}: region {expected}, shapes {holders:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn shapes_tile_the_matrix() {
        let total: f64 = shapes(&BANDS).iter().map(|s| area(s)).sum();
        assert!((total - MATRIX_MAX * MATRIX_MAX).abs() < 1e-9, "{total}");
        // A is the triangle below x + y = 6.
        assert!((area(&shapes(&BANDS)[0]) - 18.0).abs() < 1e-9);
        // Corners are never repeated: B is the four-cornered band between x + y = 6 and 10.
        assert_eq!(shapes(&BANDS)[1].len(), 4, "{:?}", shapes(&BANDS)[1]);
    }

    #[test]
    fn a_band_past_the_matrix_leaves_later_regions_empty() {
        let shapes = shapes(&[[0.0, 3.0], [3.0, 12.0], [12.0, 13.0], [13.0, 14.0]]);
        assert!(!shapes[1].is_empty());
        assert!(shapes[2].is_empty() && shapes[3].is_empty());
    }

    #[test]
    fn centroids_sit_inside_their_regions() {
        let shapes = shapes(&BANDS);
        let (x, y) = centroid(&shapes[0]).unwrap();
        assert!((x - 2.0).abs() < 1e-9 && (y - 2.0).abs() < 1e-9, "{x} {y}");
        for (s, shape) in shapes.iter().enumerate() {
            let c = centroid(shape).unwrap();
            assert_eq!(region(&BANDS, c.0, c.1) as usize, s);
        }
        assert_eq!(centroid(&[]), None);
    }
}
