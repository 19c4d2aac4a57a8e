//! Values of a hub that the rules of one half cannot tell apart.
//!
//! The rules of half 1 read the hubs through few thresholds: of the budget's eight regions
//! they may tell only two apart. Hub assignments that half 1 cannot tell apart give it the
//! same partial results, so they are counted together: half 0's partial results under each of
//! them are merged into one side, paired once with half 1's. The work of pairing then grows
//! with the hub assignments half 1 tells apart, not with all of them.

use super::Dim;
use super::space::Layout;
use super::truth::Table;

/// The hub assignments (by index, as `space::hub_digits` reads them) in blocks that the rules
/// of half 1 cannot tell apart, in order of their first assignment.
pub(super) fn blocks(
    dims: &[Dim],
    layout: &Layout,
    tables: &[Table],
    hubs: usize,
) -> Vec<Vec<usize>> {
    let classes = classes(dims, layout, tables);
    let mut keys: Vec<(usize, usize)> = Vec::with_capacity(hubs);
    let mut digits = vec![0usize; dims.len()];
    for h in 0..hubs {
        super::space::hub_digits(dims, &layout.hubs, h, &mut digits);
        let key = layout
            .hubs
            .iter()
            .zip(&classes)
            .fold(0, |key, (hub, class)| {
                key * dims[*hub].values.len() + class[digits[*hub]]
            });
        keys.push((key, h));
    }
    keys.sort_unstable();
    let mut out: Vec<Vec<usize>> = Vec::new();
    for (i, (key, h)) in keys.iter().enumerate() {
        if i > 0 && keys[i - 1].0 == *key {
            if let Some(last) = out.last_mut() {
                last.push(*h);
            }
        } else {
            out.push(vec![*h]);
        }
    }
    out
}

/// For each hub (in layout order), each of its values' class: the first value that every rule
/// of half 1 treats alike.
fn classes(dims: &[Dim], layout: &Layout, tables: &[Table]) -> Vec<Vec<usize>> {
    let rules: Vec<&Table> = tables
        .iter()
        .enumerate()
        .filter(|(r, _)| layout.rule_half[*r] == 1)
        .map(|(_, t)| t)
        .collect();
    layout
        .hubs
        .iter()
        .map(|hub| {
            let n = dims[*hub].values.len();
            (0..n)
                .map(|v| {
                    (0..v)
                        .find(|w| rules.iter().all(|t| t.alike((*hub, n), *w, v)))
                        .unwrap_or(v)
                })
                .collect()
        })
        .collect()
}
