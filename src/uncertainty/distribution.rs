//! How plausible each value of a range is: a triangular distribution peaking at `likely`, or
//! flat without it, on a logarithmic scale when the range starts above zero (so 5,000 to
//! 80,000 is as likely to be below 20,000 as above it), on a linear scale when it starts at
//! zero.

/// The distribution of one range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Distribution {
    log: bool,
    low: f64,
    high: f64,
    /// The peak, on the distribution's scale; `None` for a flat one.
    mode: Option<f64>,
}

impl Distribution {
    /// The distribution of a range from `low` to `high` (`low < high`), peaking at `likely`.
    pub fn new(low: f64, likely: Option<f64>, high: f64) -> Distribution {
        let log = low > 0.0;
        let scale = |x: f64| if log { x.ln() } else { x };
        Distribution {
            log,
            low: scale(low),
            high: scale(high),
            mode: likely.map(scale),
        }
    }

    fn scale(&self, x: f64) -> f64 {
        let x = if self.log {
            x.max(f64::MIN_POSITIVE).ln()
        } else {
            x
        };
        x.clamp(self.low, self.high)
    }

    /// The share of plausible values below `x`, 0 to 1.
    pub fn below(&self, x: f64) -> f64 {
        let (a, b) = (self.low, self.high);
        let x = self.scale(x);
        let width = b - a;
        let share = match self.mode {
            None => (x - a) / width,
            Some(c) if x <= c => {
                if c > a {
                    (x - a) * (x - a) / (width * (c - a))
                } else {
                    0.0
                }
            }
            Some(c) => 1.0 - (b - x) * (b - x) / (width * (b - c)),
        };
        share.clamp(0.0, 1.0)
    }

    /// The share of plausible values from `from` to `to`.
    pub fn between(&self, from: f64, to: f64) -> f64 {
        (self.below(to) - self.below(from)).max(0.0)
    }

    /// The value with a share `u` (0 to 1) of plausible values below it.
    pub fn quantile(&self, u: f64) -> f64 {
        let (a, b) = (self.low, self.high);
        let width = b - a;
        let x = match self.mode {
            None => a + u * width,
            Some(c) if u * width < c - a => a + (u * width * (c - a)).sqrt(),
            Some(c) => b - ((1.0 - u) * width * (b - c)).sqrt(),
        };
        let x = x.clamp(a, b);
        if self.log { x.exp() } else { x }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn a_flat_log_range_splits_at_its_geometric_middle() {
        let d = Distribution::new(5_000.0, None, 80_000.0);
        assert!(close(d.below(20_000.0), 0.5));
        assert!(close(d.below(5_000.0), 0.0));
        assert!(close(d.below(1e9), 1.0));
        assert!(close(d.quantile(0.5), 20_000.0));
    }

    #[test]
    fn a_range_from_zero_is_linear() {
        let d = Distribution::new(0.0, None, 100.0);
        assert!(close(d.below(25.0), 0.25));
        assert!(close(d.between(10.0, 30.0), 0.2));
    }

    #[test]
    fn a_triangle_puts_half_below_its_peak_when_symmetric() {
        let d = Distribution::new(0.0, Some(50.0), 100.0);
        assert!(close(d.below(50.0), 0.5));
        assert!(close(d.below(25.0), 0.125));
        // A peak at an end.
        let d = Distribution::new(0.0, Some(0.0), 100.0);
        assert!(close(d.below(50.0), 0.75));
        let d = Distribution::new(0.0, Some(100.0), 100.0);
        assert!(close(d.below(50.0), 0.25));
    }

    #[test]
    fn the_quantile_inverts_the_share_below() {
        for d in [
            Distribution::new(1.0, Some(30.0), 1_000.0),
            Distribution::new(0.0, Some(90.0), 100.0),
            Distribution::new(2.0, None, 8.0),
        ] {
            for i in 0..=20 {
                let u = f64::from(i) / 20.0;
                assert!(close(d.below(d.quantile(u)), u), "{d:?} at {u}");
            }
        }
    }
}
