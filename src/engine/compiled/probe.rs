//! The inputs as one evaluation reads them: in groups, one entry per combination of a group's
//! regions, so that each group's regions give the index of one entry to add. The probes are
//! one flat list, each input's region times its stride added to the index of its group's
//! entry, which the group's last probe adds.

use std::cmp::Ordering;

use super::inputs::{Input, Source};
use super::tables::Entry;
use crate::answers::{Answer, Answers};
use crate::questions::QuestionId;
use crate::rules::Facts;

/// Thresholds a probe holds in place; an input with more reads them from the shared array.
const FEW: usize = 4;

/// A level question with its number of levels: region 0 unanswered, else level plus one.
#[derive(Debug, Clone, Copy)]
struct Level {
    question: QuestionId,
    levels: u8,
    /// As in [`Probe`].
    stride: u32,
    last: bool,
    next: u32,
}

/// What a probe of a number or fact reads.
#[derive(Debug, Clone, Copy)]
enum Read {
    /// A number question: region 0 unanswered, else one plus the thresholds at or below it.
    Number(QuestionId),
    /// A cost fact, by index in [`Facts`]: region 0 unknown, else as a number.
    Fact(usize),
}

/// A number or fact as an evaluation reads it.
#[derive(Debug, Clone, Copy)]
struct Probe {
    read: Read,
    /// For a number or fact with at most [`FEW`] thresholds: the thresholds ascending, then
    /// NaN, at or below which every value counts (`padding` of them).
    few: [f64; FEW],
    padding: u32,
    /// For more thresholds: where they are in the shared array (`from == to` otherwise).
    from: u32,
    to: u32,
    /// What one region is worth in the index of its group's entry.
    stride: u32,
    /// Whether it is the last of its group, which adds the group's entry and starts the
    /// next group's index at `next`.
    last: bool,
    next: u32,
}

/// Every input of a compiled rule base, as one evaluation reads them: the level questions,
/// then the numbers and facts, a group possibly spanning the two.
#[derive(Debug, Clone, Default)]
pub(super) struct Probes {
    levels: Box<[Level]>,
    bands: Box<[Probe]>,
    /// Thresholds of inputs with more than [`FEW`].
    thresholds: Box<[f64]>,
}

/// The inputs (levels before bands) in groups whose regions multiply to at most `joint`, in
/// order; an input with more regions is a group alone.
fn grouped(inputs: &[Input], joint: usize) -> Vec<Vec<usize>> {
    let level = |i: &usize| inputs[*i].levels().is_some();
    let order = (0..inputs.len())
        .filter(level)
        .chain((0..inputs.len()).filter(|i| !level(i)));
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    for i in order {
        let regions = inputs[i].regions();
        match groups.last_mut() {
            Some((size, members)) if *size * regions <= joint => {
                *size *= regions;
                members.push(i);
            }
            _ => groups.push((regions, vec![i])),
        }
    }
    groups.into_iter().map(|(_, members)| members).collect()
}

impl Probe {
    /// The probe of a number or fact whose regions are worth `stride`; its thresholds
    /// beyond [`FEW`] go to `shared`. `None` when something does not fit 32 bits.
    fn new(input: &Input, stride: usize, shared: &mut Vec<f64>) -> Option<Probe> {
        let read = match input.source {
            Source::Question(q) => Read::Number(q),
            Source::Fact(f) => Read::Fact(f.index()),
        };
        let thresholds = input.thresholds();
        let mut few = [f64::NAN; FEW];
        let from = u32::try_from(shared.len()).ok()?;
        if thresholds.len() <= FEW {
            few[..thresholds.len()].copy_from_slice(thresholds);
        } else {
            shared.extend_from_slice(thresholds);
        }
        Some(Probe {
            read,
            few,
            padding: u32::try_from(FEW.saturating_sub(thresholds.len())).ok()?,
            from,
            to: u32::try_from(shared.len()).ok()?,
            stride: u32::try_from(stride).ok()?,
            last: false,
            next: 0,
        })
    }

    /// The region of a number or fact `v`: one plus the thresholds at or below it (all of
    /// them for NaN, as `Condition::Fact` compares it), counted without an early exit.
    #[inline]
    fn band(&self, value: f64, shared: &[f64]) -> usize {
        let at_or_below = |t: &f64| usize::from(value.partial_cmp(t) != Some(Ordering::Less));
        if self.from == self.to {
            let [t0, t1, t2, t3] = &self.few;
            1 + at_or_below(t0) + at_or_below(t1) + at_or_below(t2) + at_or_below(t3)
                - self.padding as usize
        } else {
            1 + shared[self.from as usize..self.to as usize]
                .iter()
                .map(at_or_below)
                .sum::<usize>()
        }
    }
}

impl Probes {
    /// The probes of the inputs, whose regions' entries start at `offsets` in `entries`,
    /// read in groups of at most `joint` combined regions, with the groups' entries (each
    /// the sum of its inputs' entries, keeping the terms all of them leave possible); `None`
    /// when the offsets or thresholds do not fit 32 bits.
    pub(super) fn new(
        inputs: &[Input],
        offsets: &[usize],
        entries: &[Entry],
        joint: usize,
    ) -> Option<(Probes, Vec<Entry>)> {
        let mut levels: Vec<Level> = Vec::new();
        let mut probes: Vec<Probe> = Vec::new();
        let mut shared = Vec::new();
        let mut combined = Vec::new();
        for members in grouped(inputs, joint) {
            let mut stride = 1usize;
            let mut strides = Vec::with_capacity(members.len());
            let mut last_level = false;
            for &i in &members {
                strides.push(stride);
                let step = u32::try_from(stride).ok()?;
                match (inputs[i].source, inputs[i].levels()) {
                    (Source::Question(question), Some(n)) => levels.push(Level {
                        question,
                        levels: u8::try_from(n).ok()?,
                        stride: step,
                        last: false,
                        next: 0,
                    }),
                    _ => probes.push(Probe::new(&inputs[i], stride, &mut shared)?),
                }
                last_level = inputs[i].levels().is_some();
                stride *= inputs[i].regions();
            }
            for x in 0..stride {
                let mut entry = Entry::default();
                for (&i, &s) in members.iter().zip(&strides) {
                    let part = &entries[offsets[i] + x / s % inputs[i].regions()];
                    entry.add(part);
                    entry.alive &= part.alive;
                }
                combined.push(entry);
            }
            let next = u32::try_from(combined.len()).ok()?;
            let ends = if last_level {
                levels.last_mut().map(|l| (&mut l.last, &mut l.next))
            } else {
                probes.last_mut().map(|p| (&mut p.last, &mut p.next))
            };
            if let Some((last, at)) = ends {
                (*last, *at) = (true, next);
            }
        }
        let probes = Probes {
            levels: levels.into(),
            bands: probes.into(),
            thresholds: shared.into(),
        };
        Some((probes, combined))
    }

    /// Adds to `sum` the entry of each group's regions, and keeps in `alive` the terms every
    /// one leaves possible; `None` (having stopped) when an answer has a type its question
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
        let mut at = 0usize;
        for p in &self.levels {
            let region = match answers.get(p.question) {
                None => 0,
                Some(Answer::Level(i)) if i < p.levels => usize::from(i) + 1,
                Some(_) => return None,
            };
            at += region * p.stride as usize;
            if p.last {
                visit(entries, at, sum, alive);
                at = p.next as usize;
            }
        }
        for p in &self.bands {
            let region = match p.read {
                Read::Number(q) => match answers.get(q) {
                    None => 0,
                    Some(Answer::Number(v)) if !v.is_nan() => p.band(v, &self.thresholds),
                    Some(_) => return None,
                },
                Read::Fact(i) => facts.0[i].map_or(0, |v| p.band(v, &self.thresholds)),
            };
            at += region * p.stride as usize;
            if p.last {
                visit(entries, at, sum, alive);
                at = p.next as usize;
            }
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
