//! What the fuzz targets share: the built-in rule base, loaded once, a bundled example as the
//! scenario to ask about, and the terminal the table is laid out for.

use std::path::Path;
use std::sync::OnceLock;

use llm_strategy::answers::{self, Answers};
use llm_strategy::render::Look;
use llm_strategy::rules::RuleBase;

/// The built-in rule base, loaded once for the whole run.
pub fn base() -> &'static RuleBase {
    static BASE: OnceLock<RuleBase> = OnceLock::new();
    BASE.get_or_init(|| llm_strategy::rules::built_in().expect("the built-in rule base loads"))
}

/// A bundled example parsed as the scenario a target asks about (`name` for messages).
pub fn example(name: &str, bytes: &[u8]) -> Answers {
    answers::parse(Path::new(name), bytes).expect("the bundled example is valid")
}

/// The terminal the table is laid out for: a fixed width, no color, the whole report.
pub const LOOK: Look = Look {
    width: 80,
    color: false,
    heading_level: 2,
    full: true,
};
