//! Which events overlap a window of time, in O(log n + k log n).
//!
//! Events are kept sorted by their earliest day. An event overlaps the window `[a, b]` when
//! it starts inside the window (a contiguous run of the sorted order, found by binary search)
//! or when it starts before `a` and is still going on at `a`: those are the items before that
//! run whose latest day is at least `a`, found by walking down a tree of maximum latest days
//! (each node the largest of its two halves) into the halves that hold one. The tree is
//! built in O(n) without sorting, so a view's lanes are rebuilt quickly after every edit.

use super::date::DayNumber;

/// Days stored in 32 bits (±2 billion days; dates span ±10 million): half the memory.
type Day32 = i32;

fn day32(day: DayNumber) -> Day32 {
    day.clamp(Day32::MIN.into(), Day32::MAX.into()) as Day32
}

/// Items with inclusive day ranges, sorted by their first day, for window queries.
#[derive(Clone, Debug, Default)]
pub struct IntervalIndex {
    /// Earliest day of item `i`, in item order (non-decreasing).
    starts: Vec<Day32>,
    /// A complete binary tree over the items' latest days: leaf `i` (at `leaves + i`) is item
    /// `i`'s latest day, every inner node the largest of its children.
    max_end: Vec<Day32>,
    leaves: usize,
}

impl IntervalIndex {
    /// `ranges[i]` is the inclusive `(earliest, latest)` of item `i`; items must be sorted by
    /// `earliest`.
    pub fn new(ranges: &[(DayNumber, DayNumber)]) -> Self {
        debug_assert!(ranges.windows(2).all(|w| w[0].0 <= w[1].0));
        let leaves = ranges.len().next_power_of_two();
        let mut max_end = vec![Day32::MIN; 2 * leaves];
        for (i, &(s, e)) in ranges.iter().enumerate() {
            max_end[leaves + i] = day32(e.max(s));
        }
        for node in (1..leaves).rev() {
            max_end[node] = max_end[2 * node].max(max_end[2 * node + 1]);
        }
        Self {
            starts: ranges.iter().map(|r| day32(r.0)).collect(),
            max_end,
            leaves,
        }
    }

    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// Items before `before` (in item order) whose latest day is at least `day`, pushed to
    /// `out` in item order.
    fn ending_at_or_after(&self, before: usize, day: Day32, out: &mut Vec<usize>) {
        if before == 0 || self.max_end.len() < 2 {
            return;
        }
        // Depth-first, left to right, into the subtrees that hold such an item.
        let mut stack: Vec<(usize, usize, usize)> = vec![(1, 0, self.leaves)];
        while let Some((node, lo, hi)) = stack.pop() {
            if lo >= before || self.max_end[node] < day {
                continue;
            }
            if hi - lo == 1 {
                out.push(lo);
                continue;
            }
            let mid = (lo + hi) / 2;
            stack.push((2 * node + 1, mid, hi));
            stack.push((2 * node, lo, mid));
        }
    }

    /// Items overlapping the inclusive window `[from, to]`, in item (chronological) order.
    pub(crate) fn overlapping(&self, from: DayNumber, to: DayNumber) -> Vec<usize> {
        let mut out = Vec::new();
        if from > to {
            return out;
        }
        let (from, to) = (day32(from), day32(to));
        let first = self.starts.partition_point(|&s| s < from);
        let last = self.starts.partition_point(|&s| s <= to);
        // Started before the window and still going on at its start.
        self.ending_at_or_after(first, from, &mut out);
        // Started inside the window.
        out.extend(first..last);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn brute(ranges: &[(DayNumber, DayNumber)], from: DayNumber, to: DayNumber) -> Vec<usize> {
        (0..ranges.len())
            .filter(|&i| ranges[i].0 <= to && ranges[i].1 >= from)
            .collect()
    }

    proptest! {
        #[test]
        fn overlapping_matches_brute_force(
            mut raw in prop::collection::vec((-500i64..500, 0i64..200), 0..200),
            from in -600i64..600,
            len in 0i64..300,
        ) {
            raw.sort();
            let ranges: Vec<(DayNumber, DayNumber)> = raw.iter().map(|&(s, d)| (s, s + d)).collect();
            let index = IntervalIndex::new(&ranges);
            prop_assert_eq!(index.overlapping(from, from + len), brute(&ranges, from, from + len));
        }
    }

    #[test]
    fn open_ended_items_are_found_anywhere_after_their_start() {
        let ranges = [(-10_000_000, 5), (0, 0), (3, 10_000_000)];
        let index = IntervalIndex::new(&ranges);
        assert_eq!(index.overlapping(-50, -40), vec![0]);
        assert_eq!(index.overlapping(4, 4), vec![0, 2]);
        assert_eq!(index.overlapping(1_000_000, 1_000_001), vec![2]);
        assert!(index.overlapping(5, 4).is_empty());
    }
}
