//! How numbers, money and percentages are written for people, in every output and message.

/// Formats a number for people: `20,000`, `500,000,000`, `1.5e12`, `0.25`.
pub fn format_number(n: f64) -> String {
    unsigned_zero(grouped(n))
}

/// A number as written in an input, for messages that quote it: Rust's shortest form that
/// reads back as the same number, in scientific notation when that would be over 15 digits
/// long (`1e300`, not 301 digits).
pub fn exact(n: f64) -> String {
    let abs = n.abs();
    if abs != 0.0 && !(1e-5..1e15).contains(&abs) {
        format!("{n:e}")
    } else {
        unsigned_zero(format!("{n}"))
    }
}

/// `-0`, `-0.00` or `-0%` as the same without the sign: a figure that rounds to zero is zero.
fn unsigned_zero(s: String) -> String {
    match s.strip_prefix('-') {
        Some(rest) if !rest.bytes().any(|b| (b'1'..=b'9').contains(&b)) => rest.to_owned(),
        _ => s,
    }
}

fn grouped(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        let digits = format!("{}", n.abs() as u64);
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        if n < 0.0 {
            out.insert(0, '-');
        }
        out
    } else if n.abs() >= 1e15 {
        scientific(n)
    } else {
        let s = format!("{n:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// Three significant figures in scientific notation: `1.5e15`, `8.55e27`, `2e-9`.
pub fn scientific(n: f64) -> String {
    let s = format!("{n:.2e}");
    match s.split_once('e') {
        Some((mantissa, exponent)) if mantissa.contains('.') => {
            let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
            format!("{mantissa}e{exponent}")
        }
        _ => s,
    }
}

/// Money for people: three significant figures, thousands separators, `$` first.
pub fn money(usd: f64) -> String {
    if !usd.is_finite() {
        return "n/a".to_owned();
    }
    if usd.abs() < 10.0 {
        return format!("${}", unsigned_zero(format!("{usd:.2}")));
    }
    format!("${}", round3(usd))
}

/// A number rounded to three significant figures, with thousands separators.
pub fn round3(value: f64) -> String {
    if !value.is_finite() {
        return "n/a".to_owned();
    }
    if value.abs() < 1.0 {
        return format_number((value * 100.0).round() / 100.0);
    }
    let digits = value.abs().log10().floor() as i32 + 1;
    let scale = 10f64.powi((digits - 3).max(0));
    format_number((value / scale).round() * scale)
}

/// A share as a percentage for people: `42%`, `1,230%`; a share of a zero budget is infinite
/// and reads `over a zero budget`.
pub fn percent(share: f64) -> String {
    if share.is_infinite() {
        return "over a zero budget".to_owned();
    }
    let p = share * 100.0;
    if p.abs() >= 1000.0 {
        format!("{}%", round3(p))
    } else {
        format!("{}%", unsigned_zero(format!("{p:.0}")))
    }
}

/// A score or coordinate with one decimal: `7.5`, `-0.3`.
pub fn one_decimal(v: f64) -> String {
    unsigned_zero(format!("{v:.1}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_keeps_three_significant_figures() {
        assert_eq!(money(12_345.0), "$12,300");
        assert_eq!(money(1_234_567.0), "$1,230,000");
        assert_eq!(money(987.6), "$988");
        assert_eq!(money(4.5), "$4.50");
    }

    #[test]
    fn extreme_figures_stay_readable() {
        assert_eq!(money(8.554e27), "$8.55e27");
        assert_eq!(round3(5.000_000_000_000_000_5e28), "5e28");
        assert_eq!(round3(f64::NAN), "n/a");
        assert_eq!(percent(0.426), "43%");
        assert_eq!(percent(12.345), "1,230%");
        assert_eq!(percent(1.6e26), "1.6e28%");
        assert_eq!(percent(f64::INFINITY), "over a zero budget");
    }

    #[test]
    fn negative_zero_reads_as_zero() {
        assert_eq!(money(-0.0), "$0.00");
        assert_eq!(money(-0.001), "$0.00");
        assert_eq!(money(-5.0), "$-5.00");
        assert_eq!(format_number(-0.0), "0");
        assert_eq!(format_number(-0.0001), "0");
        assert_eq!(round3(-0.0), "0");
        assert_eq!(one_decimal(-0.04), "0.0");
        assert_eq!(percent(-0.001), "0%");
    }

    #[test]
    fn exact_numbers_stay_short() {
        assert_eq!(exact(1e300), "1e300");
        assert_eq!(exact(-2.5e-300), "-2.5e-300");
        assert_eq!(exact(1000.5), "1000.5");
        assert_eq!(exact(-0.0), "0");
    }
}
