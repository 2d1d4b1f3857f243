//! The canonical request: the text SigV4 hashes, built by the spec's rules for any request.

use super::pair_sort::sort_pairs;
use crate::percent;
use std::fmt;
use std::ops::Range;

/// A request in SigV4's canonical form: its text is exactly the spec's, built once into one
/// buffer (no formatting machinery: this is most of a signature's work besides hashing).
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
        payload_hash: &str,
    ) -> Self {
        let headers = canonical_headers(headers);
        let mut text = String::with_capacity(256);
        text.push_str(&method.to_ascii_uppercase());
        text.push('\n');
        text.push_str(&canonical_uri(path));
        text.push('\n');
        text.push_str(&canonical_query(query));
        text.push('\n');
        for (name, value) in &headers {
            text.push_str(name);
            text.push(':');
            text.push_str(value);
            text.push('\n');
        }
        text.push('\n');
        let start = text.len();
        for (i, (name, _)) in headers.iter().enumerate() {
            if i > 0 {
                text.push(';');
            }
            text.push_str(name);
        }
        let signed_headers = start..text.len();
        text.push('\n');
        text.push_str(payload_hash);
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
    let mut segments: Vec<&str> = Vec::new();
    let mut trailing_slash = false;
    for segment in path.split('/') {
        trailing_slash = matches!(segment, "" | "." | "..");
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    let mut out = String::with_capacity(path.len() + 8);
    for s in &segments {
        out.push('/');
        percent::encode_into(&mut out, s, false);
    }
    if out.is_empty() || trailing_slash {
        out.push('/');
    }
    out
}

/// Each `name=value` pair decoded and re-encoded per RFC 3986, sorted by name then value.
pub fn canonical_query(query: &str) -> String {
    let pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (
                percent::encode(&percent::decode(k)),
                percent::encode(&percent::decode(v)),
            )
        })
        .collect();
    let pairs = sort_pairs(pairs, true);
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(k);
        out.push('=');
        out.push_str(v);
    }
    out
}

/// Lower-cased names, values trimmed with inner whitespace runs (folded lines too) collapsed to
/// one space, repeated headers joined with `,` in their order, sorted by name.
pub fn canonical_headers(headers: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::with_capacity(headers.len());
    let lowered = headers
        .iter()
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), normalize_value(v)))
        .collect();
    // Stable: repeated headers keep their order.
    let sorted = sort_pairs(lowered, false);
    for (name, value) in sorted {
        match out.last_mut() {
            Some((last, joined)) if *last == name => {
                joined.push(',');
                joined.push_str(&value);
            }
            _ => out.push((name, value)),
        }
    }
    out
}

fn normalize_value(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for word in v.split_ascii_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
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
