//! A bounding tree over one half's partial results, so that whole blocks of pairings can be
//! decided at once.
//!
//! Pair `i` beats pair `j` in the pairing of `a` and `b` when `(a[i] - a[j]) + (b[i] - b[j])`
//! is positive. Each node of the tree keeps, for every two lanes, the least and greatest value
//! of `row[i] - row[j]` over its rows. For two nodes, one from each half, the sum of their
//! least values bounds the margin from below: when it is positive for one lane against every
//! other, that lane wins every pairing of the two blocks, and no pairing inside needs a look.

/// Score lanes: the seven allowed pairs and one padding lane that never wins.
pub(super) const LANES: usize = 8;

/// The lanes that can win.
const PAIRS: usize = 7;

/// The lanes two at a time (`i < j`): 21 of them.
pub(super) const LANE_PAIRS: usize = PAIRS * (PAIRS - 1) / 2;

/// A node holds at most this many rows before it is split.
const LEAF: usize = 16;

/// The index of the lane pair `(i, j)`, `i < j`, in the bound arrays.
pub(super) const fn pair_index(i: usize, j: usize) -> usize {
    i * (2 * PAIRS - i - 1) / 2 + (j - i - 1)
}

/// Bounds of `row[i] - row[j]` over a block of rows, for every lane pair `i < j`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Bounds {
    pub(super) lo: [i64; LANE_PAIRS],
    pub(super) hi: [i64; LANE_PAIRS],
}

impl Bounds {
    /// Bounds that hold no row yet.
    pub(super) const EMPTY: Bounds = Bounds {
        lo: [i64::MAX; LANE_PAIRS],
        hi: [i64::MIN; LANE_PAIRS],
    };

    /// The bounds of a row of zeros: adding them changes nothing.
    pub(super) const ZERO: Bounds = Bounds {
        lo: [0; LANE_PAIRS],
        hi: [0; LANE_PAIRS],
    };

    /// The bounds of one row (its first seven lanes).
    pub(super) fn of_row(row: &[i64]) -> Bounds {
        let mut b = Bounds::EMPTY;
        b.include(row);
        b
    }

    /// Widens the bounds to hold `row` (its first seven lanes).
    pub(super) fn include(&mut self, row: &[i64]) {
        for i in 0..PAIRS {
            for j in i + 1..PAIRS {
                let k = pair_index(i, j);
                let d = row[i] - row[j];
                self.lo[k] = self.lo[k].min(d);
                self.hi[k] = self.hi[k].max(d);
            }
        }
    }

    /// The bounds of every sum of a row within `self` and a row within `other`.
    pub(super) fn plus(&self, other: &Bounds) -> Bounds {
        let mut out = *self;
        for k in 0..LANE_PAIRS {
            out.lo[k] += other.lo[k];
            out.hi[k] += other.hi[k];
        }
        out
    }
}

/// The allowed lanes (bit `i` of `allowed`) that may win some pairing of blocks `a` and `b`
/// plus the constant row bounded by `c`: those no other allowed lane beats in every pairing.
///
/// When only one lane is left, it wins every pairing, and with no tie: a lane that tied with
/// it would be beaten by some lane, which would then beat the winner too.
pub(super) fn contenders(a: &Bounds, b: &Bounds, c: &Bounds, allowed: u8) -> u8 {
    // Every lane pair at once: lane `i` beats `j` everywhere when the least margin is
    // positive, `j` beats `i` when the greatest is negative; only allowed lanes beat others.
    let mut beaten = 0u8;
    for (k, (i, j)) in LANE_OF.iter().enumerate() {
        let lo = a.lo[k] + b.lo[k] + c.lo[k];
        let hi = a.hi[k] + b.hi[k] + c.hi[k];
        beaten |= (u8::from(lo > 0) & (allowed >> i) & 1) << j;
        beaten |= (u8::from(hi < 0) & (allowed >> j) & 1) << i;
    }
    allowed & !beaten
}

/// The lanes `(i, j)` of each lane pair index.
const LANE_OF: [(usize, usize); LANE_PAIRS] = {
    let mut out = [(0, 0); LANE_PAIRS];
    let (mut i, mut k) = (0, 0);
    while i < PAIRS {
        let mut j = i + 1;
        while j < PAIRS {
            out[k] = (i, j);
            k += 1;
            j += 1;
        }
        i += 1;
    }
    out
};

/// The lane that wins every pairing, if `contenders` left only one.
pub(super) fn sure_winner(contenders: u8) -> Option<usize> {
    contenders
        .is_power_of_two()
        .then(|| contenders.trailing_zeros() as usize)
}

/// One node: a block of consecutive rows, its bounds, their total count and its children.
#[derive(Debug, Clone)]
pub(super) struct Node {
    pub(super) bounds: Bounds,
    pub(super) count: u64,
    pub(super) rows: std::ops::Range<usize>,
    pub(super) children: Option<[usize; 2]>,
}

/// Rows with their counts, reordered so that every node's rows are consecutive.
#[derive(Debug, Clone, Default)]
pub(super) struct Tree {
    pub(super) rows: Vec<[i64; LANES]>,
    pub(super) counts: Vec<u64>,
    pub(super) nodes: Vec<Node>,
}

impl Tree {
    /// Builds the tree over rows and their counts. Rows are split at the median of the lane
    /// difference that varies most, so that each node's bounds are as tight as can be.
    pub(super) fn new(rows: Vec<[i64; LANES]>, counts: Vec<u64>) -> Tree {
        let mut order: Vec<([i64; LANES], u64)> = rows.into_iter().zip(counts).collect();
        let mut nodes = Vec::new();
        if !order.is_empty() {
            build(&mut order, 0, &mut nodes);
        }
        let (rows, counts) = order.into_iter().unzip();
        Tree {
            rows,
            counts,
            nodes,
        }
    }

    /// The root node, if the tree has rows.
    pub(super) fn root(&self) -> Option<usize> {
        (!self.nodes.is_empty()).then_some(0)
    }
}

/// Builds the node for `rows` (which start at `offset` in the tree) and its descendants;
/// returns its index.
fn build(rows: &mut [([i64; LANES], u64)], offset: usize, nodes: &mut Vec<Node>) -> usize {
    let mut bounds = Bounds::EMPTY;
    let mut count = 0;
    for (row, n) in rows.iter() {
        bounds.include(row);
        count += n;
    }
    let index = nodes.len();
    nodes.push(Node {
        bounds,
        count,
        rows: offset..offset + rows.len(),
        children: None,
    });
    let (widest, spread) = (0..LANE_PAIRS)
        .map(|k| (k, bounds.hi[k] - bounds.lo[k]))
        .max_by_key(|(k, spread)| (*spread, usize::MAX - k))
        .unwrap_or((0, 0));
    if rows.len() <= LEAF || spread == 0 {
        return index;
    }
    let (i, j) = lanes_of(widest);
    // Only the median is needed: a partition, not a sort.
    let mid = rows.len() / 2;
    rows.select_nth_unstable_by_key(mid, |(row, _)| row[i] - row[j]);
    let (left, right) = rows.split_at_mut(mid);
    let l = build(left, offset, nodes);
    let r = build(right, offset + mid, nodes);
    nodes[index].children = Some([l, r]);
    index
}

/// The lanes `(i, j)` of a lane pair index.
fn lanes_of(k: usize) -> (usize, usize) {
    LANE_OF.get(k).copied().unwrap_or((0, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lane_pairs_are_numbered_densely() {
        let mut k = 0;
        for i in 0..PAIRS {
            for j in i + 1..PAIRS {
                assert_eq!(pair_index(i, j), k);
                assert_eq!(lanes_of(k), (i, j));
                k += 1;
            }
        }
        assert_eq!(k, LANE_PAIRS);
    }

    #[test]
    fn every_node_bounds_its_rows() {
        let rows: Vec<[i64; LANES]> = (0..100i64)
            .map(|n| [n % 7, n % 11, n % 13, -n, n * 3 % 17, 0, n % 5, 0])
            .collect();
        let tree = Tree::new(rows, vec![1; 100]);
        for node in &tree.nodes {
            let mut b = Bounds::EMPTY;
            for row in &tree.rows[node.rows.clone()] {
                b.include(row);
            }
            assert_eq!(b.lo, node.bounds.lo);
            assert_eq!(b.hi, node.bounds.hi);
            assert_eq!(node.count, node.rows.len() as u64);
        }
    }
}
