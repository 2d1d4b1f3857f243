//! The canonical request's name/value pairs in order.
//!
//! `slice::sort` is driftsort: ~6 KB of wasm per element type. Headers (equal names keep their
//! order, as SigV4 needs) are few: an insertion sort in place. Query parameters are ordered by name
//! and value, so equal pairs are the same text and need no stable order: past a few, a heap sort in
//! place, O(n log n) for long query strings. It replaced a bottom-up merge over indices, whose
//! buffers cost 0.6 KB brotli more wasm (issue 28).

use std::borrow::Cow;

type Pair<'a> = (Cow<'a, str>, Cow<'a, str>);

/// Up to this many query pairs, insertion sort: no allocation, and fewer comparisons than it sounds.
const SMALL: usize = 16;

/// `pairs` ordered by name, then by value when `by_value` (query parameters), else in their
/// original order among equal names (headers).
pub fn sort_pairs(mut pairs: Vec<Pair<'_>>, by_value: bool) -> Vec<Pair<'_>> {
    let n = pairs.len();
    if by_value && n > SMALL {
        for start in (0..n / 2).rev() {
            sift(&mut pairs, start, n);
        }
        for end in (1..n).rev() {
            pairs.swap(0, end);
            sift(&mut pairs, 0, end);
        }
        return pairs;
    }
    let less = |a: &Pair<'_>, b: &Pair<'_>| a.0 < b.0 || (by_value && a.0 == b.0 && a.1 < b.1);
    for i in 1..n {
        let mut j = i;
        while j > 0 && less(&pairs[j], &pairs[j - 1]) {
            pairs.swap(j, j - 1);
            j -= 1;
        }
    }
    pairs
}

/// Moves `pairs[root]` down the max-heap `pairs[..end]` (by name, then value) to where it belongs.
fn sift(pairs: &mut [Pair<'_>], mut root: usize, end: usize) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && pairs[child] < pairs[child + 1] {
            child += 1;
        }
        if pairs[root] >= pairs[child] {
            break;
        }
        pairs.swap(root, child);
        root = child;
    }
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
        // Headers always, and 16 query pairs or fewer, take the insertion path; more, the heap sort.
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
