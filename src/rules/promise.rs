//! Promises the rule base states about itself: as one answer rises, other answers fixed, a
//! score, a recommendation or an exclusion never moves the other way. `rules check` verifies
//! every one (see [`crate::promises`]).

use std::fmt;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use crate::options::{Approach, Strategy};
use crate::questions::QuestionId;

/// A strategy or an approach: what a promise's quantity is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub enum Subject {
    /// One of A, B, C, D.
    Strategy(Strategy),
    /// One of the approaches.
    Approach(Approach),
}

impl Subject {
    /// Parses `A`..`D` or an approach's name.
    pub fn from_name(name: &str) -> Option<Subject> {
        Strategy::from_name(name)
            .map(Subject::Strategy)
            .or_else(|| Approach::from_name(name).map(Subject::Approach))
    }

    /// Every name [`Subject::from_name`] accepts.
    pub const NAMES: [&'static str; 8] =
        ["A", "B", "C", "D", "prompting", "rag", "fine-tune", "train"];
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Strategy(s) => write!(f, "{s}"),
            Subject::Approach(a) => write!(f, "{a}"),
        }
    }
}

/// What a promise watches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub enum Quantity {
    /// The subject's score: the sum of the weights of the fired rules.
    Score(Subject),
    /// Whether the recommended pair has this strategy or approach.
    Recommended(Subject),
    /// Whether a fired rule rules the subject out.
    RuledOut(Subject),
}

impl Quantity {
    /// The subject watched.
    pub fn subject(self) -> Subject {
        match self {
            Quantity::Score(s) | Quantity::Recommended(s) | Quantity::RuledOut(s) => s,
        }
    }

    /// The quantity's key in rule files: `score`, `recommended` or `ruled_out`.
    pub fn key(self) -> &'static str {
        match self {
            Quantity::Score(_) => "score",
            Quantity::Recommended(_) => "recommended",
            Quantity::RuledOut(_) => "ruled_out",
        }
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Quantity::Score(s) => write!(f, "the score of {s}"),
            Quantity::Recommended(s) => write!(f, "whether {s} is recommended"),
            Quantity::RuledOut(s) => write!(f, "whether {s} is ruled out"),
        }
    }
}

/// Which way the quantity may not move as the question's answer rises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub enum Direction {
    /// It never goes up (a score never rises, false never turns true).
    NeverRises,
    /// It never goes down.
    NeverFalls,
}

impl Direction {
    /// Its name in rule files.
    pub fn name(self) -> &'static str {
        match self {
            Direction::NeverRises => "never_rises",
            Direction::NeverFalls => "never_falls",
        }
    }

    /// Parses a name.
    pub fn from_name(name: &str) -> Option<Direction> {
        [Direction::NeverRises, Direction::NeverFalls]
            .into_iter()
            .find(|d| d.name() == name)
    }
}

/// Where a promise is written, so that a broken one can be pointed at.
#[derive(Debug, Clone, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Place {
    /// The file, as given to the loader.
    #[rkyv(with = rkyv::with::AsString)]
    pub file: PathBuf,
    /// The file's text.
    pub text: Arc<str>,
    /// The byte span of the promise's id.
    pub span: Option<Range<usize>>,
}

/// One promise of the rule base.
#[derive(Debug, Clone, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Promise {
    /// Stable kebab-case id.
    pub id: String,
    /// The promise in a sentence.
    pub summary: String,
    /// The question whose answer rises.
    pub question: QuestionId,
    /// What is watched.
    pub quantity: Quantity,
    /// Which way it may not move.
    pub direction: Direction,
    /// Id of the source whose guidance the promise states.
    pub source: String,
    /// Where it is written.
    pub place: Place,
}
