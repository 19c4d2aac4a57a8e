//! Where each line of a file starts, computed once per file, so that locating any number of
//! problems stays linear in the size of the file; and a count of the work it does, which the
//! scaling tests compare between inputs of size n and 10n.

use std::cell::Cell;

thread_local! {
    static WORK: Cell<u64> = const { Cell::new(0) };
}

/// Counts `units` of work (bytes indexed or scanned, lines searched) done locating and
/// rendering problems on this thread.
pub(crate) fn count(units: usize) {
    WORK.with(|w| w.set(w.get().saturating_add(units as u64)));
}

/// The work counted on this thread since the last call, which resets it: bytes indexed for
/// line starts, characters counted for columns, bytes of snippets and messages rendered.
/// For tests that check that reading hostile input stays linear.
#[doc(hidden)]
pub fn take_work() -> u64 {
    WORK.with(|w| w.replace(0))
}

/// 1-based line and column (in characters) of a byte offset.
///
/// Indexes the whole text: to locate many offsets of one text, build a [`LineIndex`] once.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(source).line_col(source, offset)
}

/// Where each line of a text starts, computed once so that locating many problems stays
/// linear in the size of the file: each lookup is a binary search.
#[derive(Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// The last offset located and its column, so that locating offsets in order along one
    /// long line does not count its characters again.
    last: (usize, usize),
}

impl LineIndex {
    /// Indexes the line starts of `source`.
    pub fn new(source: &str) -> Self {
        count(source.len());
        let starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex {
            starts,
            last: (0, 1),
        }
    }

    /// 1-based line and column (in characters) of a byte offset of `source`.
    pub fn line_col(&mut self, source: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let line = self.starts.partition_point(|&s| s <= offset);
        count(usize::BITS as usize - self.starts.len().leading_zeros() as usize);
        let start = self.starts[line - 1];
        let (from, column) = if self.last.0 >= start && self.last.0 <= offset {
            self.last
        } else {
            (start, 1)
        };
        count(offset - from);
        let column = column + source[from..offset].chars().count();
        self.last = (offset, column);
        (line, column)
    }

    /// The byte range of a 1-based line, without its line break.
    pub(crate) fn line_range(&self, source: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.starts[line - 1];
        let end = self.starts.get(line).map_or(source.len(), |&s| s - 1);
        let text = source[start..end].trim_end_matches('\r');
        start..start + text.len()
    }
}

/// The largest char boundary of `s` at or before `i`.
pub(crate) fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based() {
        let src = "a\nbcd\né = 1";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, 3), (2, 2));
        assert_eq!(line_col(src, src.find('=').unwrap()), (3, 3));
    }

    #[test]
    fn lines_exclude_their_break() {
        let src = "ab\r\ncd\n";
        let index = LineIndex::new(src);
        assert_eq!(&src[index.line_range(src, 1)], "ab");
        assert_eq!(&src[index.line_range(src, 2)], "cd");
        assert_eq!(&src[index.line_range(src, 3)], "");
    }
}
