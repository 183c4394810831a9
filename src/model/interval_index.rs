//! Which events overlap a window of time, in O(log n + k).
//!
//! Events are kept sorted by their earliest day. An event overlaps the window `[a, b]` when
//! it starts inside the window (a contiguous run of the sorted order, found by binary search)
//! or when it starts before `a` and is still going on at `a` (a stabbing query at `a`, answered
//! by a centred interval tree whose every visited node reports or stops the scan).

use super::date::DayNumber;

/// Days stored in 32 bits (±2 billion days; dates span ±10 million): half the memory.
type Day32 = i32;

fn day32(day: DayNumber) -> Day32 {
    day.clamp(Day32::MIN.into(), Day32::MAX.into()) as Day32
}

/// A centred interval tree over inclusive day ranges, for stabbing queries.
#[derive(Clone, Debug, Default)]
pub struct IntervalIndex {
    /// Earliest day of item `i`, in item order (non-decreasing).
    starts: Vec<Day32>,
    nodes: Vec<Node>,
    root: Option<u32>,
}

#[derive(Clone, Debug)]
struct Node {
    center: Day32,
    /// Intervals containing `center`, by start ascending.
    by_start: Vec<(Day32, u32)>,
    /// The same intervals, by end descending.
    by_end: Vec<(Day32, u32)>,
    left: Option<u32>,
    right: Option<u32>,
}

impl IntervalIndex {
    /// `ranges[i]` is the inclusive `(earliest, latest)` of item `i`; items must be sorted by
    /// `earliest`.
    pub fn new(ranges: &[(DayNumber, DayNumber)]) -> Self {
        debug_assert!(ranges.windows(2).all(|w| w[0].0 <= w[1].0));
        let starts = ranges.iter().map(|r| day32(r.0)).collect();
        let mut index = Self {
            starts,
            nodes: Vec::new(),
            root: None,
        };
        let mut items: Vec<(Day32, Day32, u32)> = ranges
            .iter()
            .enumerate()
            .map(|(i, &(s, e))| (day32(s), day32(e.max(s)), i as u32))
            .collect();
        let mut scratch = Vec::with_capacity(items.len() * 2);
        index.root = index.build(&mut items, &mut scratch);
        index
    }

    /// Build the subtree for `items` (reordered in place; no allocation but the nodes' own).
    fn build(
        &mut self,
        items: &mut [(Day32, Day32, u32)],
        scratch: &mut Vec<Day32>,
    ) -> Option<u32> {
        if items.is_empty() {
            return None;
        }
        // The median of all endpoints keeps the tree balanced: each side gets at most half.
        scratch.clear();
        scratch.extend(items.iter().flat_map(|&(s, e, _)| [s, e]));
        let mid = scratch.len() / 2;
        let center = *scratch.select_nth_unstable(mid).1;
        // Three-way partition: [left of center | containing center | right of center].
        let (mut lo, mut i, mut hi) = (0, 0, items.len());
        while i < hi {
            if items[i].1 < center {
                items.swap(lo, i);
                lo += 1;
                i += 1;
            } else if items[i].0 > center {
                hi -= 1;
                items.swap(i, hi);
            } else {
                i += 1;
            }
        }
        let (left, rest) = items.split_at_mut(lo);
        let (here, right) = rest.split_at_mut(hi - lo);
        let mut by_start: Vec<(Day32, u32)> = here.iter().map(|&(s, _, i)| (s, i)).collect();
        by_start.sort_unstable();
        let mut by_end: Vec<(Day32, u32)> = here.iter().map(|&(_, e, i)| (e, i)).collect();
        by_end.sort_unstable_by(|a, b| b.cmp(a));
        let slot = self.nodes.len() as u32;
        self.nodes.push(Node {
            center,
            by_start,
            by_end,
            left: None,
            right: None,
        });
        let left = self.build(left, scratch);
        let right = self.build(right, scratch);
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
    pub(crate) fn stab(&self, day: DayNumber, out: &mut Vec<usize>) {
        let day = day32(day);
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
    pub(crate) fn overlapping(&self, from: DayNumber, to: DayNumber) -> Vec<usize> {
        let mut out = Vec::new();
        if from > to {
            return out;
        }
        // Started before the window and still going on at its start.
        self.stab(from, &mut out);
        let (from, to) = (day32(from), day32(to));
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
