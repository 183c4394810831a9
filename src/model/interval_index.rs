//! Which events overlap a window of time, in O(log n + k).
//!
//! Events are kept sorted by their earliest day. An event overlaps the window `[a, b]` when
//! it starts inside the window (a contiguous run of the sorted order, found by binary search)
//! or when it starts before `a` and is still going on at `a` (a stabbing query at `a`, answered
//! by a centred interval tree whose every visited node reports or stops the scan).

use super::date::DayNumber;

/// A centred interval tree over inclusive day ranges, for stabbing queries.
#[derive(Clone, Debug, Default)]
pub struct IntervalIndex {
    /// Earliest day of item `i`, in item order (non-decreasing).
    starts: Vec<DayNumber>,
    nodes: Vec<Node>,
    root: Option<u32>,
}

#[derive(Clone, Debug)]
struct Node {
    center: DayNumber,
    /// Intervals containing `center`, by start ascending.
    by_start: Vec<(DayNumber, u32)>,
    /// The same intervals, by end descending.
    by_end: Vec<(DayNumber, u32)>,
    left: Option<u32>,
    right: Option<u32>,
}

impl IntervalIndex {
    /// `ranges[i]` is the inclusive `(earliest, latest)` of item `i`; items must be sorted by
    /// `earliest`.
    pub fn new(ranges: &[(DayNumber, DayNumber)]) -> Self {
        debug_assert!(ranges.windows(2).all(|w| w[0].0 <= w[1].0));
        let starts = ranges.iter().map(|r| r.0).collect();
        let mut index = Self {
            starts,
            nodes: Vec::new(),
            root: None,
        };
        let items: Vec<(DayNumber, DayNumber, u32)> = ranges
            .iter()
            .enumerate()
            .map(|(i, &(s, e))| (s, e.max(s), i as u32))
            .collect();
        index.root = index.build(items);
        index
    }

    fn build(&mut self, items: Vec<(DayNumber, DayNumber, u32)>) -> Option<u32> {
        if items.is_empty() {
            return None;
        }
        // The median of all endpoints keeps the tree balanced: each side gets at most half.
        let mut endpoints: Vec<DayNumber> = items.iter().flat_map(|&(s, e, _)| [s, e]).collect();
        let mid = endpoints.len() / 2;
        let center = *endpoints.select_nth_unstable(mid).1;
        let (mut left, mut here, mut right) = (Vec::new(), Vec::new(), Vec::new());
        for item in items {
            if item.1 < center {
                left.push(item);
            } else if item.0 > center {
                right.push(item);
            } else {
                here.push(item);
            }
        }
        let mut by_start: Vec<(DayNumber, u32)> = here.iter().map(|&(s, _, i)| (s, i)).collect();
        by_start.sort_unstable();
        let mut by_end: Vec<(DayNumber, u32)> = here.iter().map(|&(_, e, i)| (e, i)).collect();
        by_end.sort_unstable_by(|a, b| b.cmp(a));
        let slot = self.nodes.len() as u32;
        self.nodes.push(Node {
            center,
            by_start,
            by_end,
            left: None,
            right: None,
        });
        let left = self.build(left);
        let right = self.build(right);
        let node = &mut self.nodes[slot as usize];
        node.left = left;
        node.right = right;
        Some(slot)
    }

    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// Items whose range contains `day`, pushed to `out` in no particular order.
    pub fn stab(&self, day: DayNumber, out: &mut Vec<usize>) {
        let mut next = self.root;
        while let Some(slot) = next {
            let node = &self.nodes[slot as usize];
            if day < node.center {
                for &(start, i) in &node.by_start {
                    if start > day {
                        break;
                    }
                    out.push(i as usize);
                }
                next = node.left;
            } else if day > node.center {
                for &(end, i) in &node.by_end {
                    if end < day {
                        break;
                    }
                    out.push(i as usize);
                }
                next = node.right;
            } else {
                out.extend(node.by_start.iter().map(|&(_, i)| i as usize));
                break;
            }
        }
    }

    /// Items overlapping the inclusive window `[from, to]`, in item (chronological) order.
    pub fn overlapping(&self, from: DayNumber, to: DayNumber) -> Vec<usize> {
        let mut out = Vec::new();
        if from > to {
            return out;
        }
        // Started before the window and still going on at its start.
        self.stab(from, &mut out);
        out.retain(|&i| self.starts[i] < from);
        out.sort_unstable();
        // Started inside the window.
        let first = self.starts.partition_point(|&s| s < from);
        let last = self.starts.partition_point(|&s| s <= to);
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
