//! The rule files as written: YAML deserialized without interpretation, checked later.

use std::collections::BTreeMap;

use serde::Deserialize;

/// One rule file; every section is optional so content can be split across files.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFile {
    #[serde(default)]
    pub(crate) sources: Vec<RawSource>,
    #[serde(default)]
    pub(crate) strategies: Vec<RawStrategy>,
    #[serde(default)]
    pub(crate) approaches: Vec<RawApproach>,
    #[serde(default)]
    pub(crate) rules: Vec<RawRule>,
    #[serde(default)]
    pub(crate) next_steps: Vec<RawNextStep>,
    /// What the rule base promises about itself (`rules check` verifies them).
    #[serde(default)]
    pub(crate) promises: Vec<RawPromise>,
    /// Ids of rules, next steps and promises of the rule base underneath to take away (layered files).
    #[serde(default)]
    pub(crate) remove: Option<RawRemove>,
}

/// What a layered file takes away from the rule base underneath it.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRemove {
    #[serde(default)]
    pub(crate) rules: Vec<String>,
    #[serde(default)]
    pub(crate) next_steps: Vec<String>,
    #[serde(default)]
    pub(crate) promises: Vec<String>,
}

/// A promise: as `question` rises, `quantity` never moves against `direction`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPromise {
    pub(crate) id: String,
    pub(crate) summary: String,
    pub(crate) question: String,
    pub(crate) quantity: RawQuantity,
    pub(crate) direction: String,
    pub(crate) source: String,
}

/// What a promise watches; exactly one form must be filled in, which checking enforces.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawQuantity {
    pub(crate) score: Option<String>,
    pub(crate) recommended: Option<String>,
    pub(crate) ruled_out: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSource {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) publisher: String,
    #[serde(default)]
    pub(crate) date: Option<String>,
    #[serde(default)]
    pub(crate) url: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPoint {
    pub(crate) text: String,
    pub(crate) source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawStrategy {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) summary: String,
    pub(crate) region: [f64; 2],
    #[serde(default)]
    pub(crate) examples: Vec<String>,
    pub(crate) source: String,
    #[serde(default)]
    pub(crate) pros: Vec<RawPoint>,
    #[serde(default)]
    pub(crate) cons: Vec<RawPoint>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawApproach {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) summary: String,
    pub(crate) fits: String,
    pub(crate) source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawNextStep {
    pub(crate) id: String,
    pub(crate) topic: String,
    #[serde(default)]
    pub(crate) strategies: Option<Vec<String>>,
    #[serde(default)]
    pub(crate) approaches: Option<Vec<String>>,
    /// Shown only for answers that meet this condition.
    #[serde(default)]
    pub(crate) when: Option<RawCondition>,
    pub(crate) text: String,
    pub(crate) source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRule {
    pub(crate) id: String,
    pub(crate) summary: String,
    pub(crate) source: String,
    #[serde(default)]
    pub(crate) when: Option<RawCondition>,
    /// Answers that set the rule aside even though `when` holds; unanswered, they do not.
    #[serde(default)]
    pub(crate) unless: Option<RawCondition>,
    #[serde(default)]
    pub(crate) strategy: BTreeMap<String, f64>,
    #[serde(default)]
    pub(crate) approach: BTreeMap<String, f64>,
    #[serde(default)]
    pub(crate) matrix: BTreeMap<String, f64>,
    #[serde(default)]
    pub(crate) exclude: Option<RawExclude>,
    /// The weights as the rule's author set them, kept by `rules calibrate` when it changes
    /// them: fits start from and are pulled towards these.
    #[serde(default)]
    pub(crate) hand_set: Option<RawWeights>,
    pub(crate) explanation: String,
}

/// Strategy and approach weights on their own.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawWeights {
    #[serde(default)]
    pub(crate) strategy: BTreeMap<String, f64>,
    #[serde(default)]
    pub(crate) approach: BTreeMap<String, f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawExclude {
    #[serde(default)]
    pub(crate) strategies: Vec<String>,
    #[serde(default)]
    pub(crate) approaches: Vec<String>,
    pub(crate) reason: String,
}

/// A condition node; exactly one form must be filled in, which checking enforces.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCondition {
    pub(crate) question: Option<String>,
    pub(crate) fact: Option<String>,
    pub(crate) is: Option<Scalar>,
    #[serde(rename = "in")]
    pub(crate) in_: Option<Vec<Scalar>>,
    pub(crate) at_least: Option<Scalar>,
    pub(crate) below: Option<Scalar>,
    pub(crate) all: Option<Vec<RawCondition>>,
    pub(crate) any: Option<Vec<RawCondition>>,
    pub(crate) not: Option<Box<RawCondition>>,
}

/// A level name or a number in a condition.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(crate) enum Scalar {
    Number(f64),
    Text(String),
}

impl std::fmt::Display for Scalar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Scalar::Number(n) => write!(f, "{n}"),
            Scalar::Text(t) => write!(f, "\"{t}\""),
        }
    }
}
