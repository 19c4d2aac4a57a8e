//! Whether the prices are out of date: the newest date in a pricing file against today.

/// Prices older than this many days get a warning.
pub const STALE_AFTER_DAYS: i64 = 180;

/// Days since 1970-01-01 of a `YYYY-MM-DD` date; `None` if it is not one (a year beyond
/// four digits included, so the arithmetic below cannot overflow).
pub fn days(date: &str) -> Option<i64> {
    let mut parts = date.splitn(3, '-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: i64 = parts.next()?.parse().ok()?;
    let day: i64 = parts.next()?.parse().ok()?;
    if !(0..=9999).contains(&year) || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm), with March as the first month.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Today, as days since 1970-01-01: `LLM_STRATEGY_TODAY` (`YYYY-MM-DD`) when set, so that
/// output can be reproduced, else the system clock.
///
/// A set value that is not such a date is refused (exit status 2) rather than ignored.
pub fn today() -> Result<i64, crate::diagnostic::Invalid> {
    if let Some(value) = std::env::var_os("LLM_STRATEGY_TODAY") {
        return value.to_str().and_then(days).ok_or_else(|| {
            crate::diagnostic::Invalid(format!(
                "LLM_STRATEGY_TODAY: found {value:?}, which is not a date; allowed: a date \
                 YYYY-MM-DD (year 0 to 9999), or unset to use the system clock"
            ))
        });
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Ok(i64::try_from(secs / 86_400).unwrap_or(i64::MAX))
}

/// A warning when the newest date in the pricing file `file` is more than
/// [`STALE_AFTER_DAYS`] before `today`.
pub fn warning(newest: Option<&str>, file: &str, today: i64) -> Option<String> {
    let newest = newest?;
    let age = today - days(newest)?;
    (age > STALE_AFTER_DAYS).then(|| {
        format!(
            "The prices may be out of date: the newest price in {file} was observed on {newest}, {age} days ago. Update it, or pass a current one with --pricing FILE."
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_count_from_the_epoch() {
        assert_eq!(days("1970-01-01"), Some(0));
        assert_eq!(days("2000-03-01"), Some(11_017));
        assert_eq!(days("2026-11-30"), Some(20_787));
        assert_eq!(days("2024-02-29").map(|d| d + 1), days("2024-03-01"));
        assert_eq!(days("2026-13-01"), None);
        assert_eq!(days("yesterday"), None);
    }

    #[test]
    fn a_year_beyond_four_digits_is_not_a_date() {
        // LLM_STRATEGY_TODAY comes from the environment: these overflowed the day count.
        assert_eq!(days("9223372036854775807-12-31"), None);
        assert_eq!(days("100000000000000-01-01"), None);
        assert_eq!(days("10000-01-01"), None);
        let civil = crate::cost::pricing::catalogue::civil;
        assert_eq!(days("9999-12-31").map(civil).as_deref(), Some("9999-12-31"));
        assert_eq!(days("0000-03-01").map(civil).as_deref(), Some("0000-03-01"));
    }

    #[test]
    fn warns_only_past_180_days() {
        let today = days("2026-11-30").unwrap();
        assert_eq!(warning(Some("2026-06-03"), "p.yaml", today), None);
        let w = warning(Some("2026-06-02"), "p.yaml", today).expect("181 days");
        assert!(
            w.contains("p.yaml") && w.contains("2026-06-02") && w.contains("181 days"),
            "{w}"
        );
        assert_eq!(warning(None, "p.yaml", today), None);
    }
}
