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

/// The pieces of `s` between the ASCII byte `sep`, as `str::split` gives them, by a plain scan:
/// a `char` pattern links core's searcher, memchr and their iterator adapters (issue 28).
pub fn split(s: &str, sep: u8) -> Split<'_> {
    debug_assert!(sep.is_ascii());
    Split { rest: Some(s), sep }
}

pub struct Split<'a> {
    rest: Option<&'a str>,
    sep: u8,
}

impl<'a> Split<'a> {
    /// What has not been split off yet (as `splitn`'s last piece).
    pub fn remainder(&self) -> &'a str {
        self.rest.unwrap_or_default()
    }
}

impl<'a> Iterator for Split<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let s = self.rest?;
        match s.bytes().position(|b| b == self.sep) {
            // An ASCII byte is a character boundary on both sides.
            Some(i) => {
                self.rest = s.get(i + 1..);
                s.get(..i)
            }
            None => {
                self.rest = None;
                Some(s)
            }
        }
    }
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
        for text in ["", "a", "\t", "a\tb", "\ta\t\tü\t", "üé\tx"] {
            let ours: Vec<&str> = split(text, b'\t').collect();
            assert_eq!(ours, text.split('\t').collect::<Vec<_>>(), "{text:?}");
        }
        let mut s = split("a\0b\0c\0d", 0);
        assert_eq!(
            (s.next(), s.next(), s.remainder()),
            (Some("a"), Some("b"), "c\0d")
        );
        assert!(contains("Signature expired: x", "expired"));
    }
}
