//! A stable sort for the canonical request's name/value pairs.
//!
//! `slice::sort` is driftsort: ~6 KB of wasm per element type. This is an insertion sort in
//! place for the few headers a request has, and a bottom-up merge over indices, O(n log n), for
//! long query strings; both stable as SigV4 needs (repeated headers keep their order).

use std::borrow::Cow;

type Pair<'a> = (Cow<'a, str>, Cow<'a, str>);

/// Below this many pairs, insertion sort: no allocation, and fewer comparisons than it sounds.
const SMALL: usize = 16;

/// `pairs` ordered by name, then by value when `by_value` (query parameters), else in their
/// original order among equal names (headers).
pub fn sort_pairs(mut pairs: Vec<Pair<'_>>, by_value: bool) -> Vec<Pair<'_>> {
    let n = pairs.len();
    let less = |a: &Pair<'_>, b: &Pair<'_>| a.0 < b.0 || (by_value && a.0 == b.0 && a.1 < b.1);
    if n <= SMALL {
        for i in 1..n {
            let mut j = i;
            while j > 0 && less(&pairs[j], &pairs[j - 1]) {
                pairs.swap(j, j - 1);
                j -= 1;
            }
        }
        return pairs;
    }
    let before = |x: usize, y: usize| less(&pairs[x], &pairs[y]);
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
    let mut taken: Vec<Option<Pair<'_>>> = pairs.into_iter().map(Some).collect();
    order.iter().filter_map(|&i| taken[i].take()).collect()
}

#[cfg(test)]
mod tests {
    use super::{Pair, sort_pairs};
    use std::borrow::Cow;

    fn pairs<'a>(items: &'a [(String, String)]) -> Vec<Pair<'a>> {
        items
            .iter()
            .map(|(a, b)| (Cow::Borrowed(a.as_str()), Cow::Borrowed(b.as_str())))
            .collect()
    }

    fn owned(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn sorts_by_name_then_value_or_keeps_order() {
        let input = owned(&[("b", "2"), ("a", "z"), ("c", "0"), ("a", "y"), ("b", "1")]);
        let by_value = owned(&[("a", "y"), ("a", "z"), ("b", "1"), ("b", "2"), ("c", "0")]);
        assert_eq!(sort_pairs(pairs(&input), true), pairs(&by_value));
        let stable = owned(&[("a", "z"), ("a", "y"), ("b", "2"), ("b", "1"), ("c", "0")]);
        assert_eq!(sort_pairs(pairs(&input), false), pairs(&stable));
    }

    #[test]
    fn agrees_with_the_standard_stable_sort_small_and_large() {
        // A deterministic shuffle of 1,000 pairs with many equal names.
        let mut seed = 7u32;
        let input: Vec<(String, String)> = (0..1000)
            .map(|i| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (format!("k{}", (seed >> 16) % 37), format!("v{i}"))
            })
            .collect();
        // 16 and fewer take the insertion path, more the merge path.
        for n in [0, 1, 2, 15, 16, 17, 100, 1000] {
            let input = &input[..n];
            let mut expected = input.to_vec();
            expected.sort_by(|a, b| a.0.cmp(&b.0));
            assert_eq!(sort_pairs(pairs(input), false), pairs(&expected), "{n}");
            expected.sort();
            assert_eq!(sort_pairs(pairs(input), true), pairs(&expected), "{n}");
        }
    }
}
