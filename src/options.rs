//! The options the advisor chooses between: strategies, approaches, and the pairs the spec allows.

use std::fmt;
use std::ops::{Index, IndexMut};

use serde::ser::{Serialize, SerializeMap, Serializer};

/// Who owns and hosts the model, and whether its weights are customized.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
pub enum Strategy {
    /// Closed-source pre-trained model through an API, weights not customized.
    A,
    /// Closed-source model through an API, fine-tuned by the provider.
    B,
    /// Open-source pre-trained model, self-hosted, customized as needed.
    C,
    /// A model trained from scratch.
    D,
}

/// The technique used to make the model do the job.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Approach {
    /// Instructions and examples in the prompt.
    Prompting,
    /// Retrieval-augmented generation: relevant documents passed in the prompt.
    Rag,
    /// Further training of a pre-trained model on the organization's examples.
    FineTune,
    /// Pretraining a model from random weights.
    Train,
}

impl Strategy {
    /// All strategies, simplest first.
    pub const ALL: [Strategy; 4] = [Strategy::A, Strategy::B, Strategy::C, Strategy::D];

    /// The letter used in files and reports.
    pub fn name(self) -> &'static str {
        ["A", "B", "C", "D"][self as usize]
    }

    /// Parses a letter.
    pub fn from_name(name: &str) -> Option<Strategy> {
        Strategy::ALL.into_iter().find(|s| s.name() == name)
    }
}

impl Approach {
    /// All approaches, simplest first.
    pub const ALL: [Approach; 4] = [
        Approach::Prompting,
        Approach::Rag,
        Approach::FineTune,
        Approach::Train,
    ];

    /// The name used in files and reports.
    pub fn name(self) -> &'static str {
        ["prompting", "rag", "fine-tune", "train"][self as usize]
    }

    /// Parses a name.
    pub fn from_name(name: &str) -> Option<Approach> {
        Approach::ALL.into_iter().find(|a| a.name() == name)
    }
}

impl fmt::Display for Strategy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for Approach {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The names of some strategies and approaches, strategies first: `["A", "B", "fine-tune"]`.
pub fn names(strategies: &[Strategy], approaches: &[Approach]) -> Vec<&'static str> {
    strategies
        .iter()
        .map(|s| s.name())
        .chain(approaches.iter().map(|a| a.name()))
        .collect()
}

/// A recommendation: a strategy with an approach it may be paired with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Pair {
    /// Who owns and hosts the model.
    pub strategy: Strategy,
    /// The technique.
    pub approach: Approach,
}

impl fmt::Display for Pair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.strategy, self.approach)
    }
}

const fn pair(strategy: Strategy, approach: Approach) -> Pair {
    Pair { strategy, approach }
}

/// The spec's table of allowed pairs, in tie-break order: when two pairs score the
/// same, the one listed first (the simpler, cheaper one) wins.
pub const PAIRS: [Pair; 7] = [
    pair(Strategy::A, Approach::Prompting),
    pair(Strategy::A, Approach::Rag),
    pair(Strategy::B, Approach::FineTune),
    pair(Strategy::C, Approach::Prompting),
    pair(Strategy::C, Approach::Rag),
    pair(Strategy::C, Approach::FineTune),
    pair(Strategy::D, Approach::Train),
];

/// One value per strategy; serializes as `{ "A": .., "B": .., "C": .., "D": .. }`.
#[derive(
    Debug, Clone, Copy, PartialEq, Default, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
pub struct PerStrategy<T>(pub [T; 4]);

/// One value per approach; serializes as `{ "prompting": .., "rag": .., "fine-tune": .., "train": .. }`.
#[derive(
    Debug, Clone, Copy, PartialEq, Default, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
pub struct PerApproach<T>(pub [T; 4]);

impl<T> Index<Strategy> for PerStrategy<T> {
    type Output = T;
    fn index(&self, s: Strategy) -> &T {
        &self.0[s as usize]
    }
}

impl<T> IndexMut<Strategy> for PerStrategy<T> {
    fn index_mut(&mut self, s: Strategy) -> &mut T {
        &mut self.0[s as usize]
    }
}

impl<T> Index<Approach> for PerApproach<T> {
    type Output = T;
    fn index(&self, a: Approach) -> &T {
        &self.0[a as usize]
    }
}

impl<T> IndexMut<Approach> for PerApproach<T> {
    fn index_mut(&mut self, a: Approach) -> &mut T {
        &mut self.0[a as usize]
    }
}

impl<T: Serialize> Serialize for PerStrategy<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4))?;
        for s in Strategy::ALL {
            map.serialize_entry(s.name(), &self[s])?;
        }
        map.end()
    }
}

impl<T: Serialize> Serialize for PerApproach<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4))?;
        for a in Approach::ALL {
            map.serialize_entry(a.name(), &self[a])?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for s in Strategy::ALL {
            assert_eq!(Strategy::from_name(s.name()), Some(s));
        }
        for a in Approach::ALL {
            assert_eq!(Approach::from_name(a.name()), Some(a));
        }
    }

    #[test]
    fn every_strategy_and_approach_has_a_pair() {
        for s in Strategy::ALL {
            assert!(PAIRS.iter().any(|p| p.strategy == s));
        }
        for a in Approach::ALL {
            assert!(PAIRS.iter().any(|p| p.approach == a));
        }
    }
}
