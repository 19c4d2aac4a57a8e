//! Compiled rule conditions and their three-valued evaluation.
//!
//! A condition on an unanswered question is *unknown*; `not` keeps it unknown, `all`
//! and `any` follow Kleene logic, and a rule fires only when its condition is true.

use std::fmt;

use crate::answers::{Answer, Answers};
use crate::number::format_number;
use crate::questions::QuestionId;
use crate::rules::fact::{Fact, Facts};

/// A condition compiled for evaluation: question indices, level bit masks and numbers.
#[derive(Debug, Clone, PartialEq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
// A condition holds conditions: the archive's bounds stop at the boxes (rkyv's recursive form).
#[rkyv(serialize_bounds(
    __S: rkyv::ser::Writer + rkyv::ser::Allocator,
    __S::Error: rkyv::rancor::Source,
))]
#[rkyv(deserialize_bounds(__D::Error: rkyv::rancor::Source))]
#[rkyv(bytecheck(bounds(
    __C: rkyv::validation::ArchiveContext,
    __C::Error: rkyv::rancor::Source,
)))]
pub enum Condition {
    /// Always true (a rule without `when`).
    Always,
    /// The answer is one of the levels whose bits are set in `mask`.
    Levels {
        /// The question asked.
        question: QuestionId,
        /// Bit `i` set means level `i` matches.
        mask: u8,
    },
    /// The numeric answer is at least `value`.
    AtLeast {
        /// The question asked.
        question: QuestionId,
        /// The threshold, inclusive.
        value: f64,
    },
    /// The numeric answer is below `value`.
    Below {
        /// The question asked.
        question: QuestionId,
        /// The threshold, exclusive.
        value: f64,
    },
    /// A cost fact is at least `value` (`below` false) or below it (`below` true).
    Fact {
        /// The fact read.
        fact: Fact,
        /// Whether the comparison is `below` rather than `at_least`.
        below: bool,
        /// The threshold.
        value: f64,
    },
    /// Every part holds.
    All(#[rkyv(omit_bounds)] Box<[Condition]>),
    /// At least one part holds.
    Any(#[rkyv(omit_bounds)] Box<[Condition]>),
    /// The part does not hold.
    Not(#[rkyv(omit_bounds)] Box<Condition>),
    /// A default with an exception: `base` holds and `except` is not known to hold. An
    /// unanswered exception leaves the default standing.
    Unless {
        #[rkyv(omit_bounds)]
        /// The rule's own condition.
        base: Box<Condition>,
        #[rkyv(omit_bounds)]
        /// The answers that set the rule aside.
        except: Box<Condition>,
    },
}

/// The outcome of a condition: three-valued, because answers may be unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Truth {
    /// The condition holds.
    True,
    /// The condition does not hold.
    False,
    /// It depends on an unanswered question.
    Unknown,
}

impl Truth {
    fn from_bool(b: bool) -> Truth {
        if b { Truth::True } else { Truth::False }
    }
}

impl Condition {
    /// Evaluates the condition against a scenario and its cost facts.
    #[inline]
    pub fn eval(&self, answers: &Answers, facts: &Facts) -> Truth {
        match self {
            Condition::Fact { fact, below, value } => match facts.get(*fact) {
                Some(v) => Truth::from_bool((v < *value) == *below),
                None => Truth::Unknown,
            },
            Condition::Always => Truth::True,
            Condition::Levels { question, mask } => match answers.get(*question) {
                Some(Answer::Level(i)) => Truth::from_bool(mask & (1 << i) != 0),
                Some(Answer::Number(_)) => Truth::False,
                None => Truth::Unknown,
            },
            Condition::AtLeast { question, value } => match answers.get(*question) {
                Some(Answer::Number(n)) => Truth::from_bool(n >= *value),
                Some(Answer::Level(_)) => Truth::False,
                None => Truth::Unknown,
            },
            Condition::Below { question, value } => match answers.get(*question) {
                Some(Answer::Number(n)) => Truth::from_bool(n < *value),
                Some(Answer::Level(_)) => Truth::False,
                None => Truth::Unknown,
            },
            Condition::All(parts) => {
                let mut unknown = false;
                for part in parts {
                    match part.eval(answers, facts) {
                        Truth::False => return Truth::False,
                        Truth::Unknown => unknown = true,
                        Truth::True => {}
                    }
                }
                if unknown { Truth::Unknown } else { Truth::True }
            }
            Condition::Any(parts) => {
                let mut unknown = false;
                for part in parts {
                    match part.eval(answers, facts) {
                        Truth::True => return Truth::True,
                        Truth::Unknown => unknown = true,
                        Truth::False => {}
                    }
                }
                if unknown {
                    Truth::Unknown
                } else {
                    Truth::False
                }
            }
            Condition::Not(part) => match part.eval(answers, facts) {
                Truth::True => Truth::False,
                Truth::False => Truth::True,
                Truth::Unknown => Truth::Unknown,
            },
            Condition::Unless { base, except } => match base.eval(answers, facts) {
                Truth::True if except.eval(answers, facts) == Truth::True => Truth::False,
                truth => truth,
            },
        }
    }

    /// Every leaf of the condition (a test of one question or fact, or `Always`), in the
    /// order the rule file writes them.
    pub fn leaves(&self) -> Leaves<'_> {
        Leaves { stack: vec![self] }
    }

    /// Whether the condition reads a cost fact anywhere.
    pub fn reads_facts(&self) -> bool {
        self.facts().next().is_some()
    }

    /// Every cost fact the condition reads, with the threshold it compares it to.
    pub fn fact_thresholds(&self) -> impl Iterator<Item = (Fact, f64)> + '_ {
        self.leaves().filter_map(|leaf| match leaf {
            Condition::Fact { fact, value, .. } => Some((*fact, *value)),
            _ => None,
        })
    }

    /// Every cost fact the condition reads.
    pub fn facts(&self) -> impl Iterator<Item = Fact> + '_ {
        self.fact_thresholds().map(|(fact, _)| fact)
    }

    /// Every question the condition reads directly.
    pub fn questions(&self) -> impl Iterator<Item = QuestionId> + '_ {
        self.leaves().filter_map(|leaf| match leaf {
            Condition::Levels { question, .. }
            | Condition::AtLeast { question, .. }
            | Condition::Below { question, .. } => Some(*question),
            _ => None,
        })
    }

    /// Every question the condition reads, directly or through a cost fact.
    pub fn inputs(&self) -> impl Iterator<Item = QuestionId> + '_ {
        let through_facts: &[&str] = if self.reads_facts() {
            &Fact::QUESTIONS
        } else {
            &[]
        };
        self.questions().chain(
            through_facts
                .iter()
                .filter_map(|name| QuestionId::from_name(name)),
        )
    }

    /// Every numeric threshold, with the question it applies to.
    pub fn thresholds(&self) -> impl Iterator<Item = (QuestionId, f64)> + '_ {
        self.leaves().filter_map(|leaf| match leaf {
            Condition::AtLeast { question, value } | Condition::Below { question, value } => {
                Some((*question, *value))
            }
            _ => None,
        })
    }
}

/// The leaves of a condition, depth first; see [`Condition::leaves`].
#[derive(Debug)]
pub struct Leaves<'a> {
    stack: Vec<&'a Condition>,
}

impl<'a> Iterator for Leaves<'a> {
    type Item = &'a Condition;

    fn next(&mut self) -> Option<&'a Condition> {
        loop {
            match self.stack.pop()? {
                Condition::All(parts) | Condition::Any(parts) => {
                    self.stack.extend(parts.iter().rev());
                }
                Condition::Not(part) => self.stack.push(part),
                Condition::Unless { base, except } => {
                    self.stack.push(except);
                    self.stack.push(base);
                }
                leaf => return Some(leaf),
            }
        }
    }
}

impl fmt::Display for Condition {
    /// Writes the condition the way rule files spell it, on one line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Condition::Always => f.write_str("always"),
            Condition::Levels { question, mask } => {
                let levels = question.question().levels().unwrap_or(&[]);
                let names: Vec<&str> = levels
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| mask & (1 << i) != 0)
                    .map(|(_, l)| *l)
                    .collect();
                match names.as_slice() {
                    [one] => write!(f, "{} is {one}", question.name()),
                    many => write!(f, "{} in [{}]", question.name(), many.join(", ")),
                }
            }
            Condition::AtLeast { question, value } => {
                write!(f, "{} >= {}", question.name(), format_number(*value))
            }
            Condition::Below { question, value } => {
                write!(f, "{} < {}", question.name(), format_number(*value))
            }
            Condition::Fact { fact, below, value } => {
                let op = if *below { "<" } else { ">=" };
                write!(f, "{} {op} {}", fact.name(), format_number(*value))
            }
            Condition::All(parts) => join(f, parts, " and "),
            Condition::Any(parts) => join(f, parts, " or "),
            Condition::Not(part) => write!(f, "not ({part})"),
            Condition::Unless { base, except } => write!(f, "{base}, unless {except}"),
        }
    }
}

fn join(f: &mut fmt::Formatter<'_>, parts: &[Condition], sep: &str) -> fmt::Result {
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            f.write_str(sep)?;
        }
        if matches!(part, Condition::All(_) | Condition::Any(_)) {
            write!(f, "({part})")?;
        } else {
            write!(f, "{part}")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questions::COUNT;

    fn q(name: &str) -> QuestionId {
        QuestionId::from_name(name).unwrap()
    }

    fn scenario(set: &[(&str, Answer)]) -> Answers {
        let mut answers = Answers::new("t", [None; COUNT]);
        for (name, a) in set {
            answers.set(q(name), Some(*a));
        }
        answers
    }

    #[test]
    fn unanswered_is_unknown_and_not_keeps_it_unknown() {
        let c = Condition::Levels {
            question: q("data.freshness"),
            mask: 0b1100,
        };
        let empty = scenario(&[]);
        assert_eq!(c.eval(&empty, &Facts::default()), Truth::Unknown);
        assert_eq!(
            Condition::Not(Box::new(c.clone())).eval(&empty, &Facts::default()),
            Truth::Unknown
        );
        let daily = scenario(&[("data.freshness", Answer::Level(3))]);
        assert_eq!(c.eval(&daily, &Facts::default()), Truth::True);
    }

    #[test]
    fn an_exception_sets_a_rule_aside_only_when_known_to_hold() {
        let c = Condition::Unless {
            base: Box::new(Condition::Levels {
                question: q("data.uniqueness"),
                mask: 0b001,
            }),
            except: Box::new(Condition::Levels {
                question: q("requirements.language"),
                mask: 0b110,
            }),
        };
        let none = Facts::default();
        let common = ("data.uniqueness", Answer::Level(0));
        assert_eq!(c.eval(&scenario(&[common]), &none), Truth::True);
        let served = ("requirements.language", Answer::Level(0));
        assert_eq!(c.eval(&scenario(&[common, served]), &none), Truth::True);
        let under = ("requirements.language", Answer::Level(2));
        assert_eq!(c.eval(&scenario(&[common, under]), &none), Truth::False);
        let unique = ("data.uniqueness", Answer::Level(2));
        assert_eq!(c.eval(&scenario(&[unique, under]), &none), Truth::False);
        assert_eq!(c.eval(&scenario(&[under]), &none), Truth::Unknown);
        assert_eq!(
            c.to_string(),
            "data.uniqueness is common, unless requirements.language in [partly_served, underserved]"
        );
        assert_eq!(c.leaves().count(), 2);
    }

    #[test]
    fn kleene_all_and_any() {
        let known_false = Condition::AtLeast {
            question: q("budget.annual_usd"),
            value: 1e6,
        };
        let unknown = Condition::Below {
            question: q("data.corpus_tokens"),
            value: 1e10,
        };
        let s = scenario(&[("budget.annual_usd", Answer::Number(5e5))]);
        let all = Condition::All(vec![known_false.clone(), unknown.clone()].into());
        let any = Condition::Any(vec![known_false, unknown].into());
        assert_eq!(all.eval(&s, &Facts::default()), Truth::False);
        assert_eq!(any.eval(&s, &Facts::default()), Truth::Unknown);
    }

    #[test]
    fn thresholds_are_inclusive_at_least_and_exclusive_below() {
        let s = scenario(&[("data.labeled_examples", Answer::Number(10_000.0))]);
        let at_least = Condition::AtLeast {
            question: q("data.labeled_examples"),
            value: 10_000.0,
        };
        let below = Condition::Below {
            question: q("data.labeled_examples"),
            value: 10_000.0,
        };
        assert_eq!(at_least.eval(&s, &Facts::default()), Truth::True);
        assert_eq!(below.eval(&s, &Facts::default()), Truth::False);
        assert_eq!(at_least.to_string(), "data.labeled_examples >= 10,000");
    }
}
