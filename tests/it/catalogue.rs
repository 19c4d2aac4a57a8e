//! `--pricing` with litellm's model-price catalogue: the tiers and endpoints take the prices of
//! the catalogue models they list, on a trimmed copy of the real file.

use std::path::Path;

use llm_strategy::cost::pricing;
use serde_json::Value;

use crate::common::{json, root, run, stdout};

const FIXTURE: &str = "tests/it/fixtures/litellm-model-prices.json";

fn cost_json(extra: &[&str]) -> Value {
    let mut args = vec![
        "cost",
        "examples/regional-bank-advisor.toml",
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    json(&stdout(&run(args)))
}

#[test]
fn the_catalogue_prices_every_tier_and_endpoint_it_lists() {
    let text = std::fs::read_to_string(root().join(FIXTURE)).expect("the fixture");
    let catalogue: serde_json::Map<String, Value> = serde_json::from_str(&text).expect("JSON");
    let built = pricing::built_in().expect("built-in pricing");
    let imported = pricing::catalogue::import(built, Path::new(FIXTURE), &text, "2026-11-30")
        .expect("imports");
    for tier in &imported.api.tiers {
        let model = &tier.catalogue[0];
        let entry = &catalogue[model.as_str()];
        let per_million = |key: &str| entry[key].as_f64().expect(key) * 1e6;
        assert!((tier.input_per_million - per_million("input_cost_per_token")).abs() < 1e-9);
        assert!((tier.output_per_million - per_million("output_cost_per_token")).abs() < 1e-9);
        let cached = per_million("cache_read_input_token_cost");
        assert!(
            (tier.cached_input_per_million - cached).abs() < 1e-9,
            "{}",
            tier.id
        );
        let batch = per_million("input_cost_per_token_batches");
        assert!(
            (tier.batch_input_per_million - batch).abs() < 1e-9,
            "{}",
            tier.id
        );
        assert_eq!(tier.date, "2026-11-30");
        assert!(tier.source.contains(model.as_str()), "{}", tier.source);
    }
    for endpoint in &imported.endpoints {
        assert!(endpoint.source.contains(endpoint.catalogue[0].as_str()));
    }
}

#[test]
fn a_catalogue_with_dearer_models_raises_the_api_bill() {
    let text = std::fs::read_to_string(root().join(FIXTURE)).expect("the fixture");
    let mut catalogue: serde_json::Map<String, Value> = serde_json::from_str(&text).expect("JSON");
    for model in ["gpt-6-sol", "gpt-6-luna", "gpt-6-astra"] {
        let entry = catalogue[model].as_object_mut().expect("an entry");
        for (key, value) in entry.iter_mut() {
            if key.ends_with("cost_per_token")
                || key.ends_with("token_cost")
                || key.ends_with("per_token_batches")
            {
                if let Some(v) = value.as_f64() {
                    *value = Value::from(v * 10.0);
                }
            }
        }
    }
    let dir = tempfile::TempDir::new().expect("temp dir");
    let dear = dir.path().join("dear.json");
    std::fs::write(&dear, serde_json::to_string(&catalogue).expect("JSON")).expect("write");
    let fixture = root().join(FIXTURE);
    let base = cost_json(&["--pricing", fixture.to_str().expect("UTF-8")]);
    let raised = cost_json(&["--pricing", dear.to_str().expect("UTF-8")]);
    let a = |v: &Value| v["cost"]["monthly_usage_usd"]["A"].as_f64().expect("A");
    assert!(
        // The JSON rounds to cents: ten times the bill, to within ten times half a cent.
        (a(&raised) - 10.0 * a(&base)).abs() <= 0.05 + 1e-9,
        "{} vs {}",
        a(&raised),
        a(&base)
    );
}

#[test]
fn a_file_that_is_not_a_catalogue_is_refused_with_its_location() {
    let dir = tempfile::TempDir::new().expect("temp dir");
    let bad = dir.path().join("prices.json");
    std::fs::write(&bad, "{\"gpt-6-sol\": {\"input_cost_per_token\": 1e-6,}\n").expect("write");
    let out = run([
        "cost",
        "examples/regional-bank-advisor.toml",
        "--pricing",
        bad.to_str().expect("UTF-8"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("prices.json:1:") && err.contains("not a price catalogue"),
        "{err}"
    );

    let none = dir.path().join("none.json");
    std::fs::write(
        &none,
        "{\"some-other-model\": {\"input_cost_per_token\": 1e-6}}",
    )
    .expect("write");
    let out = run([
        "cost",
        "examples/regional-bank-advisor.toml",
        "--pricing",
        none.to_str().expect("UTF-8"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("prices none of the models"));
}

/// The whole current catalogue imports too, when a copy is at hand: set
/// `LITELLM_CATALOGUE=path/to/model_prices_and_context_window.json` to check it.
#[test]
fn the_full_catalogue_imports_when_given() {
    let Ok(path) = std::env::var("LITELLM_CATALOGUE") else {
        return;
    };
    let report = cost_json(&["--pricing", &path]);
    let sources = report["pricing"]["api"]["tiers"].as_array().expect("tiers");
    assert!(sources.iter().all(|t| {
        t["source"]
            .as_str()
            .is_some_and(|s| s.contains("litellm price catalogue"))
    }));
}
