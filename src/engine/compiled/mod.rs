//! The compiled evaluator: a rule base turned once into tables, so that one evaluation is a
//! few table reads and integer additions, with no allocation.
//!
//! Each answer maps to a region: unanswered, its level, or its band between the rule base's
//! thresholds for that question (cost facts likewise, between their thresholds). Rules over
//! one question or fact are added up per region ahead of time; a rule over several has a
//! truth table over their regions (or, when that table would be too big, its condition is
//! evaluated). Cost facts come from [`FactModel`], the cost model with every price resolved.
//! The reference evaluator ([`super::evaluate`]) is the truth this one is tested against, and
//! [`Evaluator`] falls back to it for rule bases or answers beyond the tables.

mod inputs;
mod outcome;
mod probe;
mod tables;

use inputs::sources;
pub use outcome::Outcome;
use probe::Probes;
use tables::{
    Entry, JOINT_REGIONS, MATRIX_UNIT, MAX_REGIONS, MAX_RULES, MAX_TERMS, Rect, matrix_units,
    rectangles, region_entries, rule_out, scores_fit, truth_table,
};

use crate::answers::Answers;
use crate::cost::{CostInputs, FactModel};
use crate::engine::{Evaluation, evaluate_with_facts};
use crate::rules::{Facts, Rule, RuleBase, Truth};

/// The most inputs (questions and facts the rules read) the tables take.
const MAX_INPUTS: usize = 64;

/// A rule base compiled into tables; see the module documentation.
#[derive(Debug, Clone)]
pub struct Compiled<'a> {
    base: &'a RuleBase,
    /// The rules that read nothing, added up.
    constant: Entry,
    /// Inputs read by some rule, each with the offset of its regions in `entries`.
    probes: Probes,
    /// Per group of inputs (see [`Probes`]), per combination of their regions: the rules over
    /// one of those inputs alone, added up, and the terms those regions leave possible.
    entries: Box<[Entry]>,
    /// The terms there are, as bits.
    terms: u64,
    /// Per term: the entry of its rule. A rule over several inputs has disjoint terms, the
    /// rectangles of its truth table, so at most one of them holds.
    term_entries: Box<[Entry]>,
    /// Rules whose truth table would be too big, or whose terms do not fit, by index.
    conditions: Box<[usize]>,
    /// Whether matrix shifts are summed in units (else in rule order, as floats).
    units: bool,
    /// The cost model, when the rules read cost facts and the pricing compiles.
    cost: Option<FactModel<'a>>,
}

impl<'a> Compiled<'a> {
    /// Compiles a rule base; `None` when it has more than 256 rules, thresholds that are
    /// not finite numbers, an input with more than 64 regions, or weights too large to add
    /// up in 32 bits.
    pub fn new(base: &'a RuleBase) -> Option<Compiled<'a>> {
        Compiled::build(base, true)
    }

    /// [`Compiled::new`] for a run that evaluates a few hundred scenarios, such as one report:
    /// rules over several inputs are evaluated from their conditions, since their truth tables
    /// take longer to build than they would save. The outcomes are the same.
    pub fn quick(base: &'a RuleBase) -> Option<Compiled<'a>> {
        Compiled::build(base, false)
    }

    fn build(base: &'a RuleBase, tables: bool) -> Option<Compiled<'a>> {
        if base.rules.len() > MAX_RULES || !scores_fit(&base.rules) {
            return None;
        }
        let each: Vec<Vec<inputs::Source>> = base.rules.iter().map(|r| sources(&r.when)).collect();
        let inputs = inputs::inputs(base, &each);
        if inputs.len() > MAX_INPUTS
            || inputs
                .iter()
                .any(|i| !i.finite() || i.regions() > MAX_REGIONS)
        {
            return None;
        }
        let position = |s: &inputs::Source| inputs.iter().position(|i| i.source == *s);
        let mut constant = Entry::default();
        let mut single: Vec<Vec<(usize, &Rule)>> = vec![Vec::new(); inputs.len()];
        let mut terms: Vec<(usize, Vec<usize>, Rect)> = Vec::new();
        let mut conditions = Vec::new();
        for (index, (rule, sources)) in base.rules.iter().zip(&each).enumerate() {
            let at: Vec<usize> = sources.iter().filter_map(position).collect();
            match at.as_slice() {
                [] => {
                    let (answers, facts) = inputs::blank();
                    if rule.when.eval(&answers, &facts) == Truth::True {
                        constant.add(&Entry::of_rule(index, &rule.effect));
                    }
                }
                [one] => single[*one].push((index, rule)),
                _ if !tables => conditions.push(index),
                many => {
                    let rects = truth_table(rule, &inputs, many).map(|(bits, radices)| {
                        let size = radices.iter().product();
                        rectangles(&bits, &radices, 0, size)
                    });
                    match rects {
                        Some(rects) if terms.len() + rects.len() <= MAX_TERMS => {
                            terms.extend(rects.into_iter().map(|r| (index, many.to_vec(), r)));
                        }
                        _ => conditions.push(index),
                    }
                }
            }
        }
        let mut offsets = Vec::with_capacity(inputs.len());
        let mut entries = Vec::new();
        for (input, rules) in inputs.iter().zip(&single) {
            offsets.push(entries.len());
            entries.extend(region_entries(input, rules));
        }
        for (t, (_, at, rect)) in terms.iter().enumerate() {
            rule_out(
                &mut entries,
                t,
                at.iter().map(|i| (offsets[*i], &inputs[*i])),
                rect,
            );
        }
        // Joint tables repay their building over many evaluations, not over one report's.
        let joint = if tables { JOINT_REGIONS } else { 1 };
        let (probes, entries) = Probes::new(&inputs, &offsets, &entries, joint)?;
        let term_entries = terms
            .iter()
            .map(|(index, _, _)| Entry::of_rule(*index, &base.rules[*index].effect))
            .collect();
        let cost = base
            .reads_facts
            .then(|| FactModel::new(&base.pricing))
            .flatten();
        Some(Compiled {
            base,
            constant,
            probes,
            entries: entries.into(),
            terms: if terms.len() == 64 {
                u64::MAX
            } else {
                (1 << terms.len()) - 1
            },
            term_entries,
            conditions: conditions.into(),
            units: matrix_units(&base.rules),
            cost,
        })
    }

    /// The cost facts of a scenario, as [`RuleBase::facts`] gives them.
    #[inline]
    pub fn facts(&self, answers: &Answers) -> Facts {
        match self.cost_inputs(answers) {
            Some(inputs) => self.facts_of(&inputs),
            None => self.base.facts(answers),
        }
    }

    /// A scenario's inputs to the compiled cost model, when the rules read cost facts and
    /// the model takes the scenario.
    #[inline]
    pub fn cost_inputs(&self, answers: &Answers) -> Option<CostInputs> {
        self.cost.as_ref()?.inputs(answers)
    }

    /// The compiled cost model, when the rules read cost facts.
    pub fn cost_model(&self) -> Option<&FactModel<'a>> {
        self.cost.as_ref()
    }

    /// The cost facts of compiled cost inputs.
    #[inline]
    pub fn facts_of(&self, inputs: &CostInputs) -> Facts {
        self.cost
            .as_ref()
            .map_or_else(Facts::default, |m| Facts::of_figures(&m.figures(inputs)))
    }

    /// Evaluates a scenario; `None` when an answer has a type its question does not take
    /// (the reference evaluator then decides).
    #[inline]
    pub fn outcome(&self, answers: &Answers) -> Option<Outcome> {
        self.outcome_with_facts(answers, self.facts(answers))
    }

    /// Evaluates a scenario with its cost facts already computed. Inlined whole, so that
    /// the outcome is built in its caller's place, the facts written once.
    #[allow(clippy::inline_always)]
    #[inline(always)]
    pub fn outcome_with_facts(&self, answers: &Answers, facts: Facts) -> Option<Outcome> {
        let sum = self.sum(answers, &facts)?;
        let matrix = if self.units {
            sum.matrix.map(|u| u as f64 / MATRIX_UNIT)
        } else {
            self.ordered_matrix(&sum)
        };
        Some(Outcome::of_entry(
            &sum,
            matrix,
            self.base.rules.len(),
            facts,
        ))
    }

    /// What the rules that fire add up to; `None` for an answer of the wrong type.
    #[inline(never)]
    fn sum(&self, answers: &Answers, facts: &Facts) -> Option<Entry> {
        let mut sum = self.constant;
        let mut alive = self.terms;
        self.probes
            .add(answers, facts, &self.entries, &mut sum, &mut alive)?;
        while alive != 0 {
            sum.add(&self.term_entries[alive.trailing_zeros() as usize]);
            alive &= alive - 1;
        }
        for &index in &self.conditions {
            let rule = &self.base.rules[index];
            if rule.when.eval(answers, facts) == Truth::True {
                sum.add(&Entry::of_rule(index, &rule.effect));
            }
        }
        Some(sum)
    }

    /// The matrix shifts of the fired rules added in rule order, as the reference does.
    fn ordered_matrix(&self, sum: &Entry) -> [f64; 2] {
        let mut matrix = [0.0; 2];
        for (i, rule) in self.base.rules.iter().enumerate() {
            if sum.fired[i / 64] & (1 << (i % 64)) != 0 {
                matrix[0] += rule.effect.matrix[0];
                matrix[1] += rule.effect.matrix[1];
            }
        }
        matrix
    }
}

/// The one way to evaluate a rule base many times: compiled when it compiles, else the
/// reference evaluator, with the same results either way.
#[derive(Debug, Clone)]
pub enum Evaluator<'a> {
    /// The compiled tables.
    Compiled(Box<Compiled<'a>>),
    /// The reference evaluator, for rule bases the tables do not take.
    Reference(&'a RuleBase),
}

impl<'a> Evaluator<'a> {
    /// Compiles a rule base, or falls back to the reference evaluator.
    pub fn new(base: &'a RuleBase) -> Evaluator<'a> {
        Evaluator::or_reference(base, Compiled::new(base))
    }

    /// [`Evaluator::new`] for a run that evaluates a few hundred scenarios (see
    /// [`Compiled::quick`]).
    pub fn quick(base: &'a RuleBase) -> Evaluator<'a> {
        Evaluator::or_reference(base, Compiled::quick(base))
    }

    /// The compiled form when there is one, else the reference evaluator.
    fn or_reference(base: &'a RuleBase, compiled: Option<Compiled<'a>>) -> Evaluator<'a> {
        compiled.map_or(Evaluator::Reference(base), |c| {
            Evaluator::Compiled(Box::new(c))
        })
    }

    /// The rule base evaluated.
    pub fn base(&self) -> &'a RuleBase {
        match self {
            Evaluator::Compiled(c) => c.base,
            Evaluator::Reference(base) => base,
        }
    }

    /// The cost facts of a scenario, as [`RuleBase::facts`] gives them.
    #[inline]
    pub fn facts(&self, answers: &Answers) -> Facts {
        match self {
            Evaluator::Compiled(c) => c.facts(answers),
            Evaluator::Reference(base) => base.facts(answers),
        }
    }

    /// Evaluates a scenario to a small value; for rule bases of more than 256 rules, `fired`
    /// holds the first 256 (use [`Evaluator::evaluate`] for all of them).
    #[inline]
    pub fn outcome(&self, answers: &Answers) -> Outcome {
        self.outcome_with_facts(answers, self.facts(answers))
    }

    /// [`Evaluator::outcome`] with the cost facts already computed.
    #[inline]
    pub fn outcome_with_facts(&self, answers: &Answers, facts: Facts) -> Outcome {
        if let Evaluator::Compiled(c) = self {
            if let Some(outcome) = c.outcome_with_facts(answers, facts) {
                return outcome;
            }
        }
        self.reference_outcome(answers, facts)
    }

    /// The outcome of the reference evaluator, for rule bases or answers beyond the tables.
    #[cold]
    #[inline(never)]
    fn reference_outcome(&self, answers: &Answers, facts: Facts) -> Outcome {
        Outcome::of(&evaluate_with_facts(self.base(), answers, facts))
    }

    /// Evaluates a scenario in full, as [`super::evaluate`] does.
    pub fn evaluate(&self, answers: &Answers) -> Evaluation {
        self.evaluate_with_facts(answers, self.facts(answers))
    }

    /// [`Evaluator::evaluate`] with the cost facts already computed.
    pub fn evaluate_with_facts(&self, answers: &Answers, facts: Facts) -> Evaluation {
        if let Evaluator::Compiled(c) = self {
            if let Some(outcome) = c.outcome_with_facts(answers, facts) {
                return outcome.evaluation();
            }
        }
        evaluate_with_facts(self.base(), answers, facts)
    }
}
