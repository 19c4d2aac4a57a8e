//! The control/complexity matrix: its scale, and which strategy's region holds a point.

use crate::options::Strategy;

/// The matrix axes run from 0 to this.
pub const MATRIX_MAX: f64 = 10.0;

/// The strategy whose band holds the mean of the two coordinates.
pub fn region(bands: &[[f64; 2]; 4], control: f64, complexity: f64) -> Strategy {
    let mean = f64::midpoint(control, complexity);
    Strategy::ALL
        .into_iter()
        .zip(bands)
        .find(|(_, band)| mean < band[1])
        .map_or(Strategy::D, |(s, _)| s)
}
