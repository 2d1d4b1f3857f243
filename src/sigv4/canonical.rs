//! The canonical request: the text SigV4 hashes, built by the spec's rules for any request.
//!
//! Everything is written straight into one buffer and headers that are already in canonical
//! form are borrowed, not copied: allocations, not hashing, were most of a signature's cost.

use super::key::push_hex;
use super::pair_sort::sort_pairs;
use crate::text::cat::Put;
use crate::text::percent;
use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

/// A request in SigV4's canonical form; its text is exactly the spec's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CanonicalRequest {
    text: String,
    /// Where `host;x-amz-date;...` sits in `text`.
    signed_headers: Range<usize>,
}

impl CanonicalRequest {
    /// `path` is the path as the service will read it: for a URL, its wire form (already
    /// percent-encoded), which this encodes once more as non-S3 services require; for the
    /// test suite's literal paths, the literal text.
    pub fn new(
        method: &str,
        path: &str,
        query: &str,
        headers: &[(&str, &str)],
        payload_sha256: &[u8; 32],
    ) -> Self {
        let headers = sorted_headers(headers);
        let mut text = String::with_capacity(320);
        text.put(method);
        if let Some(m) = text.get_mut(..method.len()) {
            m.make_ascii_uppercase();
        }
        text.push('\n');
        push_uri(&mut text, path);
        text.push('\n');
        push_query(&mut text, query);
        text.push('\n');
        // A repeated header is one line, its values joined by `,` in their order.
        let repeated = |i: usize| i > 0 && headers[i - 1].0 == headers[i].0;
        for (i, (name, value)) in headers.iter().enumerate() {
            if repeated(i) {
                text.push(',');
            } else {
                if i > 0 {
                    text.push('\n');
                }
                text.put(name);
                text.push(':');
            }
            text.put(value);
        }
        // Each header line ends with a newline, and the block with one more.
        text.put(if headers.is_empty() { "\n" } else { "\n\n" });
        let start = text.len();
        for (i, (name, _)) in headers.iter().enumerate() {
            if repeated(i) {
                continue;
            }
            if i > 0 {
                text.push(';');
            }
            text.put(name);
        }
        let signed_headers = start..text.len();
        text.push('\n');
        push_hex(&mut text, payload_sha256);
        CanonicalRequest {
            text,
            signed_headers,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// `host;x-amz-date;...`: the names of the signed headers.
    pub fn signed_headers(&self) -> &str {
        self.text
            .get(self.signed_headers.clone())
            .unwrap_or_default()
    }
}

impl fmt::Display for CanonicalRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Removes `.` and `..` segments and empty segments, keeps a trailing slash, then URI-encodes
/// every byte but `/` and the unreserved set.
pub fn canonical_uri(path: &str) -> String {
    let mut out = String::new();
    push_uri(&mut out, path);
    out
}

fn push_uri(out: &mut String, path: &str) {
    // AWS's query APIs all post to `/`.
    if path == "/" {
        out.push('/');
        return;
    }
    let start = out.len();
    let mut segments: Vec<&str> = Vec::new();
    let mut trailing_slash = false;
    for segment in crate::text::find::split(path, b'/') {
        trailing_slash = matches!(segment, "" | "." | "..");
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    for s in &segments {
        out.push('/');
        percent::encode_into(out, s, false);
    }
    if out.len() == start || trailing_slash {
        out.push('/');
    }
}

/// Each `name=value` pair decoded and re-encoded per RFC 3986, sorted by name then value.
pub fn canonical_query(query: &str) -> String {
    let mut out = String::new();
    push_query(&mut out, query);
    out
}

fn push_query(out: &mut String, query: &str) {
    if query.is_empty() {
        return;
    }
    let pairs = crate::text::find::split(query, b'&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = crate::text::find::split_once(p, "=").unwrap_or((p, ""));
            (
                Cow::Owned(percent::encode(&percent::decode(k))),
                Cow::Owned(percent::encode(&percent::decode(v))),
            )
        })
        .collect();
    for (i, (k, v)) in sort_pairs(pairs, true).iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.put(k);
        out.push('=');
        out.put(v);
    }
}

/// Lower-cased names, values trimmed with inner whitespace runs (folded lines too) collapsed to
/// one space, sorted by name; repeated headers keep their order (the canonical request joins them).
fn sorted_headers<'a>(headers: &[(&'a str, &'a str)]) -> Vec<(Cow<'a, str>, Cow<'a, str>)> {
    let lowered = headers
        .iter()
        .map(|&(n, v)| (lower_name(n), normalize_value(v)))
        .collect();
    sort_pairs(lowered, false)
}

fn lower_name(n: &str) -> Cow<'_, str> {
    let n = n.trim_ascii();
    if n.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(n.to_ascii_lowercase())
    } else {
        Cow::Borrowed(n)
    }
}

fn normalize_value(v: &str) -> Cow<'_, str> {
    let trimmed = v.trim_ascii();
    let mut last_space = false;
    let canonical = trimmed.bytes().all(|b| {
        let ok = b != b'\t' && b != b'\n' && b != b'\r' && b != 0x0c && !(b == b' ' && last_space);
        last_space = b == b' ';
        ok
    });
    if canonical {
        return Cow::Borrowed(trimmed);
    }
    let mut out = String::with_capacity(v.len());
    for word in v.split_ascii_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.put(word);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_paths() {
        assert_eq!(canonical_uri(""), "/");
        assert_eq!(canonical_uri("/"), "/");
        assert_eq!(canonical_uri("//example//"), "/example/");
        assert_eq!(canonical_uri("/example/.."), "/");
        assert_eq!(canonical_uri("/a/b/../c/./d"), "/a/c/d");
        assert_eq!(canonical_uri("/../../x"), "/x");
        // A wire path is encoded again: %20 becomes %2520 (non-S3 double encoding).
        assert_eq!(canonical_uri("/a%20b"), "/a%2520b");
    }

    #[test]
    fn sorts_and_reencodes_query() {
        assert_eq!(canonical_query("b=2&a=1&a=0"), "a=0&a=1&b=2");
        assert_eq!(canonical_query("k&x=%7e+"), "k=&x=~%2B");
        assert_eq!(canonical_query(""), "");
    }
}
