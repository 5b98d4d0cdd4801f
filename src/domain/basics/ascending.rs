//! Short lists of task indices in ascending order, without a slice sort.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// `values` in ascending order. Through a heap of the type `timeline_layout::pack_lanes` already
/// uses, so the page's wasm carries no sort of its own (one would cost it about 1.5 kB gzip) for
/// these few short lists.
pub fn ascending(values: impl IntoIterator<Item = u32>) -> Vec<u32> {
    let mut heap: BinaryHeap<Reverse<(i64, u32)>> = values
        .into_iter()
        .map(|value| Reverse((0, value)))
        .collect();
    let mut sorted = Vec::with_capacity(heap.len());
    while let Some(Reverse((_, value))) = heap.pop() {
        sorted.push(value);
    }
    sorted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_come_out_in_ascending_order() {
        assert_eq!(ascending([5, 1, 4, 1, 0]), [0, 1, 1, 4, 5]);
        assert_eq!(ascending([]), Vec::<u32>::new());
    }
}
