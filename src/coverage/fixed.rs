//! The rules of a group that read no hub: their truths are the same under every hub
//! assignment, so they are looked up once for the whole count, not once per assignment.

use super::Dim;
use super::budget::Budget;
use super::firings::walk;
use super::space::Layout;
use super::truth::Table;

/// The rules of one group that read no hub, and which of them fire at each assignment of the
/// group's questions (bit `i` for the group's `i`th rule): the same under every hub
/// assignment, so found once for the whole count.
pub(super) struct Fixed {
    /// For each assignment, bit `i` set where the group's `i`th rule reads no hub and fires.
    pub(super) bits: Vec<u64>,
    /// The group's other rules, by their index in it: those that read a hub.
    pub(super) moving: Vec<usize>,
}

/// For each group of half `side` (in `Layout::members` order), its fixed truths; `None` for a
/// group of more than 64 rules or too many assignments to hold.
pub(super) fn fixed(
    dims: &[Dim],
    layout: &Layout,
    side: usize,
    tables: &[Table],
    budget: &Budget,
) -> Vec<Option<Fixed>> {
    let no_dims: Vec<usize> = Vec::new();
    let mut digits = vec![0usize; dims.len()];
    layout.members[side]
        .iter()
        .enumerate()
        .map(|(g, rules)| {
            let own = layout.groups[side].get(g).unwrap_or(&no_dims);
            let assignments = own.iter().fold(1u128, |n, d| {
                n.saturating_mul(dims[*d].values.len() as u128)
            });
            if rules.len() > 64 || !budget.spend(assignments, true) {
                return None;
            }
            let (still, moving): (Vec<usize>, Vec<usize>) = (0..rules.len()).partition(|i| {
                let table = &tables[rules[*i]];
                layout.hubs.iter().all(|h| table.stride(*h) == 0)
            });
            let mut bits = vec![0u64; usize::try_from(assignments).ok()?];
            walk(
                dims,
                own,
                (rules, &still),
                (tables, &mut digits),
                |at, set| {
                    bits[at] = set;
                },
            );
            Some(Fixed { bits, moving })
        })
        .collect()
}
