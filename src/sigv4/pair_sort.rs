//! A stable merge sort for the canonical request's name/value pairs.
//!
//! `slice::sort` is driftsort: ~6 KB of wasm per element type, and the canonical request sorts
//! two. This is one small bottom-up merge over indices, O(n log n), stable as SigV4 needs
//! (repeated headers keep their order).

/// `pairs` ordered by name, then by value when `by_value` (query parameters), else in their
/// original order among equal names (headers).
pub fn sort_pairs(pairs: Vec<(String, String)>, by_value: bool) -> Vec<(String, String)> {
    let n = pairs.len();
    let before = |x: usize, y: usize| {
        let (a, b) = (&pairs[x], &pairs[y]);
        a.0 < b.0 || (by_value && a.0 == b.0 && a.1 < b.1)
    };
    let mut order: Vec<usize> = (0..n).collect();
    let mut merged = order.clone();
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = n.min(start + width);
            let end = n.min(start + 2 * width);
            let (mut i, mut j) = (start, mid);
            for slot in &mut merged[start..end] {
                // Take from the right run only when strictly before: equal items keep their order.
                if j < end && (i >= mid || before(order[j], order[i])) {
                    *slot = order[j];
                    j += 1;
                } else {
                    *slot = order[i];
                    i += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    let mut taken: Vec<Option<(String, String)>> = pairs.into_iter().map(Some).collect();
    order.iter().filter_map(|&i| taken[i].take()).collect()
}

#[cfg(test)]
mod tests {
    use super::sort_pairs;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn sorts_by_name_then_value_or_keeps_order() {
        let input = pairs(&[("b", "2"), ("a", "z"), ("c", "0"), ("a", "y"), ("b", "1")]);
        let by_value = sort_pairs(input.clone(), true);
        assert_eq!(
            by_value,
            pairs(&[("a", "y"), ("a", "z"), ("b", "1"), ("b", "2"), ("c", "0")])
        );
        let stable = sort_pairs(input, false);
        assert_eq!(
            stable,
            pairs(&[("a", "z"), ("a", "y"), ("b", "2"), ("b", "1"), ("c", "0")])
        );
    }

    #[test]
    fn agrees_with_the_standard_stable_sort() {
        // A deterministic shuffle of 1,000 pairs with many equal names.
        let mut seed = 7u32;
        let input: Vec<(String, String)> = (0..1000)
            .map(|i| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (format!("k{}", (seed >> 16) % 37), format!("v{i}"))
            })
            .collect();
        let mut expected = input.clone();
        expected.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(sort_pairs(input.clone(), false), expected);
        expected.sort();
        assert_eq!(sort_pairs(input, true), expected);
        assert!(sort_pairs(Vec::new(), true).is_empty());
    }
}
