//! `llm-strategy`: a rules engine that advises how an organization should adopt large
//! language models, from a TOML questionnaire and a YAML rule base.
//!
//! Data flows one way: [`answers`] parses and validates a scenario, [`rules`] loads and
//! checks the rule base, [`engine`] evaluates (pure, no I/O), [`report`] builds the report
//! model, and [`render`] lays it out as a table, Markdown or JSON.
//!
//! ```
//! use std::path::Path;
//! use llm_strategy::{answers, engine, rules};
//!
//! let base = rules::built_in().expect("the built-in rule base is valid");
//! let toml = br#"
//! [data]
//! sensitivity = "secret"
//! labeled_examples = 300
//! [team]
//! ml_talent = "experienced"
//! [budget]
//! annual_usd = 500_000
//! [traffic]
//! requests_per_day = 2_000
//! [requirements]
//! customization = "knowledge"
//! "#;
//! let scenario = answers::parse(Path::new("lab.toml"), toml).expect("valid answers");
//! let advice = engine::evaluate(&base, &scenario).recommendation();
//! // Data that may not leave the network rules out the hosted APIs (A and B).
//! assert_eq!(advice.to_string(), "C/rag");
//! ```

pub mod answers;
pub mod cases;
pub mod cli;
pub mod commands;
pub mod compare;
pub mod cost;
pub mod coverage;
pub mod diagnostic;
pub mod embed;
pub mod engine;
pub mod explain;
pub mod inspect;
pub mod matrix;
pub mod number;
pub mod options;
pub mod questions;
pub mod render;
pub mod report;
pub mod rules;
pub mod whatif;

pub use cli::{Cli, run};
pub use diagnostic::Invalid;

/// Exit status for an error: 2 when the input was wrong, 1 when the work could not be done.
pub fn exit_code(error: &anyhow::Error) -> u8 {
    if error.downcast_ref::<Invalid>().is_some() {
        2
    } else {
        1
    }
}
