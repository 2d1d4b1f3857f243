//! Substring search by a plain scan. The needles here are a few bytes long (`-->`, `://`, a
//! phrase of an error message) and the haystacks short or rarely searched, so core's Two-Way
//! searcher, which `str::find(&str)` links, is 2.6 KB of wasm for no gain (issue 17).

/// Where `needle` first starts in `haystack`.
#[cfg_attr(size_build, optimize(size))]
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return Some(0);
    }
    h.windows(n.len()).position(|w| w == n)
}

pub fn contains(haystack: &str, needle: &str) -> bool {
    find(haystack, needle).is_some()
}

/// `haystack` split around the first `needle`.
pub fn split_once<'a>(haystack: &'a str, needle: &str) -> Option<(&'a str, &'a str)> {
    let at = find(haystack, needle)?;
    Some((haystack.get(..at)?, haystack.get(at + needle.len()..)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_str_find() {
        let hay = "a -- b --> c ---> d ü-->";
        for needle in ["-->", "a", "d", "ü", "ü-->", "x", "", "--->", " c "] {
            assert_eq!(find(hay, needle), hay.find(needle), "{needle:?}");
            assert_eq!(
                split_once(hay, needle),
                hay.split_once(needle),
                "{needle:?}"
            );
        }
        assert_eq!(find("ab", "abc"), None);
        assert!(contains("Signature expired: x", "expired"));
    }
}
