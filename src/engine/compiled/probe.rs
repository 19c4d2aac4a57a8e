//! The inputs as one evaluation reads them: the level questions, then the numbers and cost
//! facts with their thresholds in one flat array; each with the offset of its regions in the
//! evaluator's entries, so a region is found and its entry read without a lookup by kind.

use std::cmp::Ordering;

use super::inputs::{Input, Source};
use super::tables::Entry;
use crate::answers::{Answer, Answers};
use crate::questions::QuestionId;
use crate::rules::Facts;

/// A level question: region 0 unanswered, else its level plus one.
#[derive(Debug, Clone, Copy)]
struct Level {
    question: QuestionId,
    levels: u8,
    offset: u32,
}

/// Where a banded value comes from.
#[derive(Debug, Clone, Copy)]
enum Value {
    /// A number question.
    Question(QuestionId),
    /// A cost fact, by index in [`Facts`].
    Fact(usize),
}

/// A number or cost fact: region 0 unknown, else one plus the thresholds at or below it.
#[derive(Debug, Clone, Copy)]
struct Band {
    value: Value,
    from: u32,
    to: u32,
    offset: u32,
}

/// Every input of a compiled rule base, as one evaluation reads them.
#[derive(Debug, Clone, Default)]
pub(super) struct Probes {
    levels: Box<[Level]>,
    bands: Box<[Band]>,
    thresholds: Box<[f64]>,
}

impl Probes {
    /// The probes of the inputs, whose regions start at `offsets` in the entries; `None` when
    /// the offsets or thresholds do not fit 32 bits.
    pub(super) fn new(inputs: &[Input], offsets: &[usize]) -> Option<Probes> {
        let mut levels = Vec::new();
        let mut bands = Vec::new();
        let mut thresholds: Vec<f64> = Vec::new();
        for (input, &offset) in inputs.iter().zip(offsets) {
            let offset = u32::try_from(offset).ok()?;
            match (input.source, input.levels()) {
                (Source::Question(question), Some(n)) => levels.push(Level {
                    question,
                    levels: u8::try_from(n).ok()?,
                    offset,
                }),
                (source, _) => {
                    let from = u32::try_from(thresholds.len()).ok()?;
                    thresholds.extend_from_slice(input.thresholds());
                    bands.push(Band {
                        value: match source {
                            Source::Question(q) => Value::Question(q),
                            Source::Fact(f) => Value::Fact(f.index()),
                        },
                        from,
                        to: u32::try_from(thresholds.len()).ok()?,
                        offset,
                    });
                }
            }
        }
        Some(Probes {
            levels: levels.into(),
            bands: bands.into(),
            thresholds: thresholds.into(),
        })
    }

    /// Adds to `sum` the entry of each input's region, and keeps in `alive` the terms every
    /// region leaves possible; `None` (having stopped) when an answer has a type its question
    /// does not take, or is not a number.
    #[inline]
    pub(super) fn add(
        &self,
        answers: &Answers,
        facts: &Facts,
        entries: &[Entry],
        sum: &mut Entry,
        alive: &mut u64,
    ) -> Option<()> {
        for p in &self.levels {
            let region = match answers.get(p.question) {
                None => 0,
                Some(Answer::Level(i)) if i < p.levels => usize::from(i) + 1,
                Some(_) => return None,
            };
            visit(entries, p.offset as usize + region, sum, alive);
        }
        for p in &self.bands {
            let value = match p.value {
                Value::Question(q) => match answers.get(q) {
                    None => None,
                    Some(Answer::Number(v)) if !v.is_nan() => Some(v),
                    Some(_) => return None,
                },
                Value::Fact(i) => facts.0[i],
            };
            let region = value.map_or(0, |v| {
                // Ascending: count the thresholds at or below `v` (all of them for a NaN
                // fact, as `Condition::Fact` compares it).
                let thresholds = &self.thresholds[p.from as usize..p.to as usize];
                1 + thresholds
                    .iter()
                    .take_while(|t| v.partial_cmp(t) != Some(Ordering::Less))
                    .count()
            });
            visit(entries, p.offset as usize + region, sum, alive);
        }
        Some(())
    }
}

/// Adds the entry at `at` to `sum` and keeps in `alive` the terms it leaves possible.
#[inline]
fn visit(entries: &[Entry], at: usize, sum: &mut Entry, alive: &mut u64) {
    let entry = &entries[at];
    sum.add(entry);
    *alive &= entry.alive;
}
