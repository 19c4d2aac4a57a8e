//! `llm-strategy`: a rules engine that advises how an organization should adopt large
//! language models, from a TOML questionnaire and a YAML rule base.
//!
//! # Architecture
//!
//! Data flows one way: read, validate, evaluate, build a model, render. [`answers`] reads and
//! validates a scenario (raw TOML with spans in, checked [`answers::Answers`] out, every
//! problem collected); [`rules`] loads and checks the rule base and its pricing (the built-in
//! one, your files layered over it, or a directory alone); [`engine`]
//! evaluates, pure and without I/O; [`report`], [`compare`], [`portfolio`], [`inspect`],
//! [`cases`], [`calibrate`] and [`coverage`] build the models that commands show, and [`review`]
//! compares a report with an earlier one; [`render`] is the only place that lays
//! out and writes what users read. Every input file is read through [`diagnostic::input`],
//! and every problem is reported through [`diagnostic`]. Modules only import modules listed
//! before them here: `number`, `diagnostic`, `options`, `matrix`, `questions`, `answers`,
//! `cost`, `rules`, `engine`, `explain`, `whatif`, `uncertainty`, `report`, then the models, `embed`,
//! `render`, `interview`, `commands` and `cli`.
//!
//! # Where a change goes
//!
//! - **A question:** its definition in `questions/catalogue.rs` (section, key, kind, levels,
//!   and the words `questions`, `init` and `schema` show: a description, a unit, each level's
//!   meaning, an example); its validation comes with it in `answers/validate.rs`; rules then
//!   read it by name. Keys that are not questions (`[scenario]`, `[cost]`) are in
//!   `questions/settings.rs`.
//! - **A rule condition:** the compiled form and its evaluation in `rules/condition.rs`, its
//!   YAML shape in `rules/raw.rs`, its checks in `rules/check/condition.rs`.
//! - **A rule effect:** `rules/effect.rs` (the type every consumer reads), `rules/raw.rs`,
//!   `rules/check/rule.rs`, and the line that shows it in `render/`.
//! - **A cost figure:** `rules/pricing.yaml` (dated and sourced), its type in
//!   `cost/pricing/model.rs` and its check in `cost/pricing/check.rs`; its use in the
//!   `cost/` file of its concept: `sizing.rs` (tier and size class from the use case),
//!   `api.rs` (hosted bills), `serving.rs` (fleet from memory and throughput),
//!   `hardware.rs` (rented or owned GPUs), `training.rs` (D's run); `estimate.rs` puts the
//!   lines together, and `render/cost_lines.rs` shows them. A fleet several use cases share
//!   is sized in `shared_fleet.rs`.
//! - **What a portfolio's use cases share** (a platform, a contract, a fleet, staff):
//!   `portfolio/sharing.rs`, each saving a [`portfolio::Money`] of zero or more; the use case
//!   to start with in `portfolio/start.rs`; the words in `render/portfolio_lines.rs`.
//! - **An output format:** a file (or folder) under `render/` implementing [`render::Render`],
//!   and a variant of [`render::Format`].
//! - **Rule layering** (`--rules DIR` over the built-in rules): which rule base and where a
//!   rule comes from in `rules/layer.rs`; what a second definition of an id means (a
//!   replacement, or a duplicate) in `rules/check/ids.rs`, applied per section in
//!   `rules/check/sections.rs`; the options every command shares in `commands/rule_set.rs`.
//! - **Uncertain answers** (a range for a number, candidates for a level): their syntax and
//!   checks in `answers/spread.rs`; how plausible each value is in
//!   `uncertainty/distribution.rs`; the shares (exact regions, or the fixed-seed sample) in
//!   `uncertainty/space.rs`, where along each answer each pair wins in `uncertainty/sweep.rs`,
//!   the cost band in `uncertainty/band.rs`; the words in `render/uncertainty.rs`.
//! - **The built-in rule base in the binary:** `build.rs` compiles `rules/` and the modules it
//!   reads into the build script, checks `rules/*.yaml` and the pricing as `rules check` does
//!   (a broken built-in rule fails the build with that diagnostic) and archives the checked
//!   [`rules::RuleBase`] with rkyv; [`rules::built_in`] loads the archive and
//!   [`rules::built_in_parsed`] parses the YAML (both in `rules/load.rs`, with the other ways a
//!   rule base is loaded). A new field of the rule base needs rkyv's
//!   derives beside its others.
//! - **Evaluation speed:** the compiled evaluator in `engine/compiled/` (tables per answer
//!   region, truth tables for rules over several questions, cost facts from the compiled cost
//!   model in `cost/fact_model.rs`), used through [`engine::Evaluator`], which falls back to the
//!   reference evaluator (`engine/mod.rs`) for rule bases it cannot compile. The reference is
//!   the truth: a change to conditions, effects, ranking or cost facts goes there first, and
//!   the agreement tests (`tests/it/compiled_engine.rs`) hold the compiled one to it.
//! - **Rule coverage** (`rules coverage`): each rule's truth over its own questions, with cost
//!   facts estimated once per distinct cost input, in `coverage/truth.rs`; how the space is
//!   split (hubs, groups, halves) in `coverage/space.rs`; a half's distinct partial results in
//!   `coverage/firings.rs`, their pairing in `coverage/pairing.rs`; the work and memory bound
//!   in `coverage/budget.rs`.
//! - **A next step:** `rules/next-steps.yaml`; a `when:` condition limits it to the answers
//!   it fits (checked like a rule's), and `report/build.rs` selects the steps.
//! - **Fitted weights:** `rules calibrate` rewrites the numbers in the rule files and keeps
//!   the author's values as `hand_set:` (`calibrate/write.rs`); fits start from those
//!   (`calibrate/fit.rs`), and `rules/check/rule.rs` keeps both on the same side of zero.
//! - **A promise** (what must never happen as one answer rises): `rules/promises.yaml`; its
//!   type in `rules/promise.rs`, its YAML checks in `rules/check/promise.rs`, and how
//!   `rules check` verifies it over the answers that matter in `promises/`.
//! - **Writing:** files through `render/safe_write.rs` (lock, re-read, temporary file,
//!   permissions and owner, the refusals `--force` overrides, symbolic links); stdout and
//!   stderr through `render/output.rs`, which never panics. Region markers: what a line means
//!   in `embed/marker.rs`, the regions of a document in `embed/scan.rs`.
//! - **A review** (`assess --since`, `--check` of an embedded region): what a report records
//!   for it in `review/snapshot.rs` (read back from JSON or a region's record in
//!   `review/read.rs`, the record written by `render/json.rs`), what changed and why in
//!   `review/mod.rs` and `review/delta.rs`, its lines in `render/review.rs`.
//! - **A subcommand:** a file under `commands/` with its `Args` and `run`, its output in
//!   `render/`, and one variant in `cli.rs`.
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
pub mod calibrate;
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
pub mod interview;
pub mod matrix;
pub mod number;
pub mod options;
pub mod portfolio;
pub mod promises;
pub mod questions;
pub mod render;
pub mod report;
pub mod review;
pub mod rules;
pub mod uncertainty;
pub mod whatif;

pub use cli::{Cli, run};

/// The built-in rule base and pricing, checked and archived by `build.rs` (as
/// [`rules::ARCHIVE_FILE`]); [`rules::built_in`] loads it.
/// Aligned as the archive's reader needs, so it reads the bytes where they lie in the binary.
static ARCHIVED_RULE_BASE: &Aligned<[u8]> =
    &Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/rule-base.rkyv")));

/// Bytes aligned to 16, as rkyv reads them.
#[repr(C, align(16))]
struct Aligned<T: ?Sized>(T);
pub use diagnostic::Invalid;

/// Exit status for an error: 2 when the input was wrong, 1 when the work could not be done.
pub fn exit_code(error: &anyhow::Error) -> u8 {
    if error.downcast_ref::<Invalid>().is_some() {
        2
    } else {
        1
    }
}
