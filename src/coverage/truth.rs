//! Each rule's truth over its own questions, worked out once for the whole count.
//!
//! A rule's condition reads only its own questions, and through cost facts the questions the
//! cost model reads, so where it fires is a table of one bit per assignment of those. The
//! tables are filled before counting: the rules on cost facts together, in one pass over their
//! questions in which the cost inputs change slowest, so that the cost facts are estimated once
//! per distinct cost input; every other rule alone, without facts. Enumerating a group of the
//! space then only looks bits up, and a rule's firing share is its table's share of set bits.

use super::Dim;
use super::budget::Budget;
use super::space::rule_dims;
use crate::answers::Answers;
use crate::questions::COUNT;
use crate::rules::{Fact, Facts, RuleBase, Truth};

/// Where one rule fires: a bit per assignment of its own dims.
#[derive(Debug, Clone)]
pub(super) struct Table {
    /// The rule's dims, each with its stride in the table.
    strides: Vec<(usize, usize)>,
    bits: Vec<u64>,
    size: usize,
    fired: usize,
}

impl Table {
    /// An empty table over the dims a rule reads; `None` when its bits would not fit one table.
    fn new(need: &[usize], dims: &[Dim], budget: &Budget) -> Option<Table> {
        let size = need.iter().fold(1u128, |n, d| {
            n.saturating_mul(dims[*d].values.len() as u128)
        });
        // The bits are held at once: pay for them as table entries, one per word.
        if !budget.spend(size.div_ceil(64), true) {
            return None;
        }
        let size = usize::try_from(size).ok()?;
        let mut stride = 1;
        let strides = need
            .iter()
            .map(|d| {
                let s = stride;
                stride *= dims[*d].values.len();
                (*d, s)
            })
            .collect();
        Some(Table {
            strides,
            bits: vec![0; size.div_ceil(64)],
            size,
            fired: 0,
        })
    }

    /// The position in the table of the assignment that gives dim `d` the value `digits[d]`.
    #[inline]
    pub(super) fn index(&self, digits: &[usize]) -> usize {
        self.strides.iter().map(|(d, s)| digits[*d] * s).sum()
    }

    /// How far the position moves when dim `d` grows by one; 0 when the rule does not read it.
    pub(super) fn stride(&self, d: usize) -> usize {
        self.strides
            .iter()
            .find(|(x, _)| *x == d)
            .map_or(0, |(_, s)| *s)
    }

    /// Whether the rule fires at position `index`.
    #[inline]
    pub(super) fn fires(&self, index: usize) -> bool {
        self.bits[index / 64] & (1 << (index % 64)) != 0
    }

    /// Whether the rule fires alike where dim `d` (of `n` values) takes value `a` as where it
    /// takes value `b`, everything else equal; true when the rule does not read `d`.
    pub(super) fn alike(&self, (d, n): (usize, usize), a: usize, b: usize) -> bool {
        let Some(&(_, stride)) = self.strides.iter().find(|(x, _)| *x == d) else {
            return true;
        };
        (0..self.size)
            .filter(|i| (i / stride) % n == a)
            .all(|i| self.fires(i) == self.fires(i - a * stride + b * stride))
    }

    /// The share of the rule's assignments in which it fires, 0 to 1.
    pub(super) fn share(&self) -> f64 {
        self.fired as f64 / self.size as f64
    }

    fn set(&mut self, index: usize) {
        let word = &mut self.bits[index / 64];
        let bit = 1 << (index % 64);
        if *word & bit == 0 {
            *word |= bit;
            self.fired += 1;
        }
    }
}

/// Every rule's table, in rule order; `None` when the budget does not allow them.
pub(super) fn tables(base: &RuleBase, dims: &[Dim], budget: &Budget) -> Option<Vec<Table>> {
    let needs: Vec<Vec<usize>> = base.rules.iter().map(rule_dims).collect();
    let mut tables: Vec<Table> = needs
        .iter()
        .map(|need| Table::new(need, dims, budget))
        .collect::<Option<_>>()?;
    let on_facts: Vec<usize> = (0..base.rules.len())
        .filter(|r| base.rules[*r].when.reads_facts())
        .collect();
    for r in (0..base.rules.len()).filter(|r| !on_facts.contains(r)) {
        fill(base, dims, (&needs[r], 0), &[r], (&mut tables, budget))?;
    }
    if !on_facts.is_empty() {
        // Every dim the rules on facts read, the cost inputs last so that they change slowest.
        let is_cost = |d: &usize| Fact::QUESTIONS.contains(&dims[*d].question.name());
        let mut order: Vec<usize> = Vec::new();
        for d in on_facts.iter().flat_map(|r| &needs[*r]) {
            if !order.contains(d) {
                order.push(*d);
            }
        }
        order.sort_by_key(|d| (is_cost(d), *d));
        let direct = order.iter().take_while(|d| !is_cost(d)).count();
        fill(
            base,
            dims,
            (&order, direct),
            &on_facts,
            (&mut tables, budget),
        )?;
    }
    Some(tables)
}

/// Fills the tables of `rules` by evaluating them at every assignment of `order` (first dim
/// fastest). With facts (`direct` less than `order.len()`), the dims from `direct` on are the
/// cost inputs: the facts are estimated again only when one of them changes.
fn fill(
    base: &RuleBase,
    dims: &[Dim],
    (order, direct): (&[usize], usize),
    rules: &[usize],
    (tables, budget): (&mut [Table], &Budget),
) -> Option<()> {
    let facts_read = direct < order.len();
    let total = order
        .iter()
        .try_fold(1usize, |n, d| n.checked_mul(dims[*d].values.len()))?;
    // Each assignment evaluated is a state.
    if !budget.spend(total as u128, false) {
        return None;
    }
    let inner: usize = order[..direct]
        .iter()
        .map(|d| dims[*d].values.len())
        .product();
    let mut scratch = Answers::new("coverage", [None; COUNT]);
    let mut digits = vec![0usize; dims.len()];
    let mut facts = Facts::default();
    for index in 0..total {
        let mut rest = index;
        for d in order {
            let n = dims[*d].values.len();
            digits[*d] = rest % n;
            scratch.set(dims[*d].question, dims[*d].values[digits[*d]]);
            rest /= n;
        }
        if facts_read && index % inner == 0 {
            facts = base.facts(&scratch);
        }
        for r in rules {
            if base.rules[*r].when.eval(&scratch, &facts) == Truth::True {
                let at = tables[*r].index(&digits);
                tables[*r].set(at);
            }
        }
    }
    Some(())
}
