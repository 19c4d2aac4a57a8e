//! The bound on the work and memory of counting the space exactly.
//!
//! Every state the count makes is paid for before it is made: each assignment evaluated to
//! fill the rules' truth tables (whose bits are held as table entries, a word each), each
//! assignment of a group's questions enumerated (and once more, for the truths of its rules
//! that read no hub), each partial result a sum of two groups may
//! produce, each pairing of two blocks of partial results looked at one by one, each hub
//! assignment. The total is capped
//! (`--max-states`), and no single table may hold more than [`TABLE_LIMIT`] entries, which
//! bounds memory whatever the cap. Once either would be passed, the count stops and the
//! coverage is sampled instead (see `sample.rs`). The study of which rules change an outcome
//! has a budget of its own with the same cap: how much it does depends on which thread first
//! finds that a rule matters, so its states are kept out of the count's, which the report
//! gives and which must be the same on every run.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// The default cap on states: the built-in rule base needs about 2.7 billion.
pub const DEFAULT_MAX_STATES: u64 = 20_000_000_000;

/// The most entries one table of states may hold (about 100 bytes each).
pub const TABLE_LIMIT: u64 = 4_000_000;

/// States spent so far against a cap, shared by every thread.
#[derive(Debug)]
pub(super) struct Budget {
    cap: u64,
    used: AtomicU64,
    over: AtomicBool,
}

impl Budget {
    /// A budget of `cap` states.
    pub(super) fn new(cap: u64) -> Budget {
        Budget {
            cap,
            used: AtomicU64::new(0),
            over: AtomicBool::new(false),
        }
    }

    /// Pays for `n` states, all of which one table may have to hold at once when `table` is
    /// set; false (and from then on [`Budget::exhausted`]) when that passes a bound.
    pub(super) fn spend(&self, n: u128, table: bool) -> bool {
        if self.exhausted() {
            return false;
        }
        let fits = u64::try_from(n)
            .ok()
            .filter(|n| !table || *n <= TABLE_LIMIT);
        // Only states paid for are counted, so `used` never passes the cap.
        let within = fits.is_some_and(|n| {
            self.used
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |used| {
                    used.checked_add(n).filter(|total| *total <= self.cap)
                })
                .is_ok()
        });
        if !within {
            self.over.store(true, Ordering::Relaxed);
        }
        within
    }

    /// Whether a bound was passed: the exact count is abandoned.
    pub(super) fn exhausted(&self) -> bool {
        self.over.load(Ordering::Relaxed)
    }

    /// The states made: every one paid for, never more than the cap.
    pub(super) fn used(&self) -> u64 {
        self.used.load(Ordering::Relaxed)
    }

    /// The cap.
    pub(super) fn cap(&self) -> u64 {
        self.cap
    }
}
