//! A virtual list's arithmetic: which items are in or near view for a scroll position, and
//! where to scroll so that an item shows. Items have known heights, as prefix offsets: item
//! `i` spans `offsets[i]..offsets[i + 1]`, and the last offset is the list's height.

/// Offsets for `count` items of one height.
pub fn uniform(count: usize, height: u32) -> Vec<u32> {
    (0..=count as u32).map(|i| i * height).collect()
}

/// The items (`first..last`) that reach into `top - overscan .. top + height + overscan`:
/// those to render, so that fast scrolling shows no gap.
pub fn window(offsets: &[u32], top: u32, height: u32, overscan: u32) -> (usize, usize) {
    let count = offsets.len().saturating_sub(1);
    let from = top.saturating_sub(overscan);
    let to = top.saturating_add(height).saturating_add(overscan);
    // Offsets are sorted: binary search.
    let first = offsets
        .partition_point(|&o| o <= from)
        .saturating_sub(1)
        .min(count);
    let last = offsets.partition_point(|&o| o < to).min(count);
    (first, last.max(first))
}

/// The scroll position that brings item `i` into a view of `height` now scrolled to `top`,
/// moving as little as it can; `None` when it is in view already.
pub fn scroll_to(offsets: &[u32], i: usize, top: u32, height: u32) -> Option<u32> {
    let (start, end) = (*offsets.get(i)?, *offsets.get(i + 1)?);
    if start < top {
        Some(start)
    } else if end > top + height {
        Some(end.saturating_sub(height).min(start))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_covers_the_view_and_its_margin() {
        let offsets = uniform(1000, 20);
        assert_eq!(offsets.len(), 1001);
        assert_eq!(window(&offsets, 0, 200, 0), (0, 10));
        assert_eq!(window(&offsets, 0, 200, 100), (0, 15));
        assert_eq!(window(&offsets, 1000, 200, 100), (45, 65));
        // Past the end, and an empty list.
        assert_eq!(window(&offsets, 100_000, 200, 100), (1000, 1000));
        assert_eq!(window(&uniform(0, 20), 0, 500, 100), (0, 0));
        // Items of several heights.
        let mixed = [0, 20, 72, 92, 112];
        assert_eq!(window(&mixed, 30, 30, 0), (1, 2));
        assert_eq!(window(&mixed, 30, 50, 0), (1, 3));
    }

    #[test]
    fn scrolling_to_an_item_moves_as_little_as_it_can() {
        let offsets = uniform(100, 20);
        assert_eq!(scroll_to(&offsets, 5, 0, 200), None, "in view");
        assert_eq!(
            scroll_to(&offsets, 50, 0, 200),
            Some(820),
            "below: to the bottom"
        );
        assert_eq!(
            scroll_to(&offsets, 2, 500, 200),
            Some(40),
            "above: to the top"
        );
        assert_eq!(scroll_to(&offsets, 100, 0, 200), None, "no such item");
        // An item taller than the view shows its start.
        assert_eq!(scroll_to(&[0, 20, 520], 1, 0, 100), Some(20));
    }
}
