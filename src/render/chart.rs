//! The control/complexity matrix drawn as a small text chart.

use crate::matrix::{MATRIX_MAX, region};
use crate::report::Matrix;

/// Draws the matrix: complexity up, control across, each cell lettered with the strategy
/// whose region it lies in, and `*` at the scenario's position. 28 columns wide.
pub(super) fn draw(matrix: &Matrix) -> String {
    let steps = MATRIX_MAX as usize;
    let x = matrix.control.round() as usize;
    let y = matrix.complexity.round() as usize;
    let mut out = String::from("complexity\n");
    for row in (0..=steps).rev() {
        let label = if row % 5 == 0 {
            format!("{row:>3}")
        } else {
            "   ".to_owned()
        };
        out.push_str(&label);
        out.push_str(" |");
        for col in 0..=steps {
            out.push(' ');
            if col == x && row == y {
                out.push('*');
            } else {
                let letter = region(&matrix.regions.0, col as f64, row as f64).name();
                out.push_str(&letter.to_lowercase());
            }
        }
        out.push('\n');
    }
    out.push_str("    +");
    out.push_str(&"-".repeat(2 * steps + 2));
    out.push('\n');
    out.push_str("      0         5        10  control\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::{PerStrategy, Strategy};

    #[test]
    fn marks_the_point_once() {
        let chart = draw(&Matrix {
            control: 7.6,
            complexity: 2.2,
            region: Strategy::B,
            regions: PerStrategy([[0.0, 3.0], [3.0, 5.0], [5.0, 7.5], [7.5, 10.0]]),
        });
        assert_eq!(chart.matches('*').count(), 1);
        let row = chart.lines().find(|l| l.contains('*')).unwrap();
        // Row for complexity 2, column for control 8.
        assert_eq!(row.find('*'), Some(5 + 2 * 8 + 1));
    }
}
