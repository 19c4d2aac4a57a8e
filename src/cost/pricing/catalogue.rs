//! Importing litellm's model-price catalogue (`model_prices_and_context_window.json`, MIT
//! licence, kept current by the LLM tooling ecosystem) onto a pricing file: each tier and
//! endpoint that names catalogue models takes the prices of the first one the catalogue has.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::Pricing;
use crate::diagnostic::Invalid;

/// The per-token prices of one catalogue entry (USD per token); other fields are ignored.
#[derive(Debug, Deserialize)]
struct Entry {
    input_cost_per_token: Option<f64>,
    output_cost_per_token: Option<f64>,
    cache_read_input_token_cost: Option<f64>,
    input_cost_per_token_batches: Option<f64>,
    output_cost_per_token_batches: Option<f64>,
}

/// The prices of one model, per million tokens.
struct Prices {
    model: String,
    input: f64,
    output: f64,
    cached: f64,
    batch_input: f64,
    batch_output: f64,
}

fn per_million(v: Option<f64>) -> Option<f64> {
    v.filter(|x| x.is_finite() && *x >= 0.0).map(|x| x * 1e6)
}

/// The first listed model the catalogue prices; a missing cache or batch price counts as no
/// discount.
fn first(catalogue: &BTreeMap<String, serde_json::Value>, models: &[String]) -> Option<Prices> {
    models.iter().find_map(|model| {
        let entry: Entry = serde_json::from_value(catalogue.get(model)?.clone()).ok()?;
        let input = per_million(entry.input_cost_per_token)?;
        let output = per_million(entry.output_cost_per_token)?;
        Some(Prices {
            model: model.clone(),
            input,
            output,
            cached: per_million(entry.cache_read_input_token_cost).unwrap_or(input),
            batch_input: per_million(entry.input_cost_per_token_batches).unwrap_or(input),
            batch_output: per_million(entry.output_cost_per_token_batches).unwrap_or(output),
        })
    })
}

/// Overlays the catalogue in `text` (read from `path`, observed on `date`) onto `pricing`.
/// Tiers and endpoints whose models the catalogue lacks keep their prices. An error when the
/// text is not a catalogue or prices none of them.
pub fn import(
    mut pricing: Pricing,
    path: &Path,
    text: &str,
    date: &str,
) -> Result<Pricing, Invalid> {
    let catalogue: BTreeMap<String, serde_json::Value> =
        serde_json::from_str(text).map_err(|e| {
            Invalid(format!(
                "{}:{}:{}: not a price catalogue: {e}",
                path.display(),
                e.line(),
                e.column()
            ))
        })?;
    let source = |p: &Prices| format!("litellm price catalogue {}: {}", path.display(), p.model);
    let mut priced = 0;
    for tier in &mut pricing.api.tiers {
        if let Some(p) = first(&catalogue, &tier.catalogue) {
            tier.input_per_million = p.input;
            tier.output_per_million = p.output;
            tier.cached_input_per_million = p.cached;
            tier.batch_input_per_million = p.batch_input;
            tier.batch_output_per_million = p.batch_output;
            date.clone_into(&mut tier.date);
            tier.source = source(&p);
            priced += 1;
        }
    }
    for endpoint in &mut pricing.endpoints {
        if let Some(p) = first(&catalogue, &endpoint.catalogue) {
            endpoint.input_per_million = p.input;
            endpoint.output_per_million = p.output;
            date.clone_into(&mut endpoint.date);
            endpoint.source = source(&p);
            priced += 1;
        }
    }
    if priced == 0 {
        return Err(Invalid(format!(
            "{}: the catalogue prices none of the models the pricing file's tiers and endpoints list under `catalogue:`",
            path.display()
        )));
    }
    Ok(pricing)
}

/// `YYYY-MM-DD` of a day counted from 1970-01-01 (Howard Hinnant's algorithm).
pub fn civil(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_round_trip() {
        for date in ["1970-01-01", "2000-02-29", "2026-11-30", "2100-03-01"] {
            let days = crate::cost::staleness::days(date).unwrap();
            assert_eq!(civil(days), date);
        }
    }
}
