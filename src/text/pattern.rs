//! The models' `pattern` constraints, checked by a small regex matcher (a regex crate would add
//! more wasm than the rest of the validator).
//!
//! What the ELB and ELBv2 models use, and all this implements: literals, `\d`, `\p{L}` / `\p{Z}` /
//! `\p{N}`, escaped punctuation, character classes with ranges, groups (`(?:…)` too) with alternatives, and the
//! quantifiers `*`, `+`, `?` on any of them, anchored at both ends (`^…$`). Matching backtracks
//! greedily; a repeated class is scanned in a loop, only a repeated group recurses (once per
//! repetition, each consuming at least one character). The validator checks a string's length
//! before its pattern, so the input is short. A table test proves every pattern of every table parses.

/// Whether `c` is in the class `body` (what stands between `[` and `]`).
#[cfg_attr(size_build, optimize(size))]
fn in_class(body: &[char], c: char) -> bool {
    let mut i = 0;
    while i < body.len() {
        let len = item_len(&body[i..]);
        let item = body.get(i..i + len).unwrap_or_default();
        // A range: an item, `-`, an item (a `-` first or last is itself).
        if body.get(i + len) == Some(&'-') && i + len + 1 < body.len() {
            let end_len = item_len(&body[i + len + 1..]);
            let end = body
                .get(i + len + 1..i + len + 1 + end_len)
                .unwrap_or_default();
            if let (Some(lo), Some(hi)) = (literal(item), literal(end))
                && (lo..=hi).contains(&c)
            {
                return true;
            }
            i += len + 1 + end_len;
        } else {
            if single(item, c) {
                return true;
            }
            i += len;
        }
    }
    false
}

/// The length of the class item or escape that starts `p`: `\p{L}` 5, `\uXXXX` 6 (12 for a
/// surrogate pair, which Java and JS alike read as one character), `\xXX` 4, another escape 2, a
/// character 1.
fn item_len(p: &[char]) -> usize {
    match p {
        ['\\', 'p', ..] => 5,
        ['\\', 'u', ..] => {
            let high = hex(p.get(2..6)).is_some_and(|u| (0xD800..0xDC00).contains(&u));
            let low = p.get(6..8) == Some(&['\\', 'u'][..])
                && hex(p.get(8..12)).is_some_and(|u| (0xDC00..0xE000).contains(&u));
            if high && low { 12 } else { 6 }
        }
        ['\\', 'x', ..] => 4,
        ['\\', ..] => 2,
        _ => 1,
    }
}

/// The value of `digits` as hexadecimal, when they are all hex digits.
fn hex(digits: Option<&[char]>) -> Option<u32> {
    digits?
        .iter()
        .try_fold(0, |n, d| Some(n * 16 + d.to_digit(16)?))
}

/// The one character an item stands for: itself, or an escape of one (`\.`, `\t`, `\u0041`, a
/// surrogate pair, `\x41`); `None` for a class escape (`\d`, `\w`, `\p{L}`).
fn literal(item: &[char]) -> Option<char> {
    match item {
        [c] => Some(*c),
        ['\\', 'u', ..] if item.len() == 12 => {
            let (hi, lo) = (hex(item.get(2..6))?, hex(item.get(8..12))?);
            char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
        }
        ['\\', 'u' | 'x', digits @ ..] => char::from_u32(hex(Some(digits))?),
        ['\\', 't'] => Some('\t'),
        ['\\', 'n'] => Some('\n'),
        ['\\', 'r'] => Some('\r'),
        ['\\', c] if !c.is_ascii_alphanumeric() => Some(*c),
        _ => None,
    }
}

/// The length of the escape that starts `p`, if it is one this implements.
#[cfg_attr(size_build, optimize(size))]
fn known_escape(p: &[char]) -> Option<usize> {
    let len = item_len(p);
    let item = p.get(..len)?;
    let known = match item.get(1..)? {
        ['p', '{', 'L' | 'Z' | 'N', '}'] | ['d' | 'w'] => true,
        // A lone surrogate escape stands for no character a Rust string can hold.
        _ => literal(item).is_some() || (item.len() == 6 && hex(item.get(2..6)).is_some()),
    };
    known.then_some(len)
}

/// Whether the one-character atom `atom` (a literal, an escape or a class) matches `c`.
#[cfg_attr(size_build, optimize(size))]
fn single(atom: &[char], c: char) -> bool {
    match atom {
        ['\\', 'd'] => c.is_ascii_digit(),
        ['\\', 'w'] => c.is_ascii_alphanumeric() || c == '_',
        ['\\', 'p', '{', 'L', '}'] => c.is_alphabetic(),
        // \p{Z}: space separators (and line/paragraph separators), not control whitespace.
        ['\\', 'p', '{', 'Z', '}'] => c.is_whitespace() && !c.is_control(),
        ['\\', 'p', '{', 'N', '}'] => c.is_numeric(),
        ['[', '^', body @ .., ']'] => !in_class(body, c),
        ['[', body @ .., ']'] => in_class(body, c),
        item => literal(item) == Some(c),
    }
}

/// A quantifier at the start of `p`: its least and most repetitions and its length (`*`, `+`,
/// `?`, `{m}`, `{m,}`, `{m,n}`); none: exactly once, length 0.
fn quantifier(p: &[char]) -> Option<(usize, usize, usize)> {
    Some(match p.first() {
        Some('*') => (0, usize::MAX, 1),
        Some('+') => (1, usize::MAX, 1),
        Some('?') => (0, 1, 1),
        Some('{') => {
            let close = p.iter().position(|&c| c == '}')?;
            let inner: String = p.get(1..close)?.iter().collect();
            let (lo, hi) = match inner.split_once(',') {
                Some((lo, "")) => (lo.parse().ok()?, usize::MAX),
                Some((lo, hi)) => (lo.parse().ok()?, hi.parse().ok()?),
                None => (inner.parse().ok()?, inner.parse().ok()?),
            };
            (lo <= hi).then_some((lo, hi, close + 1))?
        }
        _ => (1, 1, 0),
    })
}

/// The length of the atom that starts `p`: a literal, an escape, a class or a group; `None` where
/// the pattern uses what this does not implement.
#[cfg_attr(size_build, optimize(size))]
fn atom_len(p: &[char]) -> Option<usize> {
    match *p.first()? {
        '\\' => known_escape(p),
        '[' => {
            let mut i = 1;
            while *p.get(i)? != ']' {
                i += if p[i] == '\\' {
                    known_escape(&p[i..])?
                } else {
                    1
                };
            }
            Some(i + 1)
        }
        '(' => {
            // `(?:…)` groups as `(…)` does: this matcher captures nothing either way.
            let mut i = if p.get(1..3) == Some(&['?', ':'][..]) {
                3
            } else {
                1
            };
            while *p.get(i)? != ')' {
                i += atom_len(&p[i..]).or((p[i] == '|').then_some(1))?;
                i += quantifier(&p[i..])?.2;
            }
            Some(i + 1)
        }
        '*' | '+' | '?' | '{' | '}' | ')' | '|' | '^' | '$' | ']' => None,
        _ => Some(1),
    }
}

/// Whether any alternative of `p` (split at its top-level `|`, outside groups and classes) matches
/// the start of `s` and `then` accepts what is left.
#[cfg_attr(size_build, optimize(size))]
fn any_alternative(p: &[char], s: &[char], then: &dyn Fn(&[char]) -> bool) -> bool {
    let (mut from, mut i) = (0, 0);
    loop {
        if i >= p.len() || p[i] == '|' {
            if sequence(&p[from..i.min(p.len())], s, then) {
                return true;
            }
            if i >= p.len() {
                return false;
            }
            from = i + 1;
            i += 1;
        } else {
            i += atom_len(&p[i..]).unwrap_or(1);
        }
    }
}

/// Matches the sequence `p` against the start of `s`, then hands what is left to `then`.
#[cfg_attr(size_build, optimize(size))]
fn sequence(p: &[char], s: &[char], then: &dyn Fn(&[char]) -> bool) -> bool {
    let Some(len) = atom_len(p) else {
        return p.is_empty() && then(s);
    };
    let Some((min, max, q)) = quantifier(&p[len..]) else {
        return false;
    };
    repeat(&p[..len], min, max, &p[len + q..], s, 0, then)
}

/// The `done`-th repetition of `atom` onwards, greedily: one more if allowed, else what follows.
#[cfg_attr(size_build, optimize(size))]
fn repeat(
    atom: &[char],
    min: usize,
    max: usize,
    rest: &[char],
    s: &[char],
    done: usize,
    then: &dyn Fn(&[char]) -> bool,
) -> bool {
    let more = |t: &[char]| {
        // An empty repetition would loop forever without consuming anything.
        (t.len() < s.len() || done < min) && repeat(atom, min, max, rest, t, done + 1, then)
    };
    let once = done < max
        && match atom {
            ['(', '?', ':', body @ .., ')'] | ['(', body @ .., ')'] => {
                any_alternative(body, s, &more)
            }
            // `.` outside a class: any character but a line terminator, as the runtime's RegExp
            // reads it (no `s` flag).
            ['.'] => {
                s.first()
                    .is_some_and(|c| !matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}'))
                    && more(&s[1..])
            }
            _ => s.first().is_some_and(|&c| single(atom, c)) && more(&s[1..]),
        };
    once || (done >= min && sequence(rest, s, then))
}

/// The pattern's body without its anchors, when every part of it is one this implements. The
/// whole value must match, anchors or not: the services check so (`js/client/pattern.js` wraps
/// the pattern in `^(?:…)$` alike).
#[cfg_attr(size_build, optimize(size))]
fn body(pattern: &str) -> Option<Vec<char>> {
    let inner = pattern.strip_prefix('^').unwrap_or(pattern);
    // A `$` closes the pattern unless it is escaped (`\$`).
    let inner = match inner.strip_suffix('$') {
        Some(rest) if !rest.ends_with('\\') => rest,
        _ => inner,
    };
    let inner: Vec<char> = inner.chars().collect();
    let mut i = 0;
    while i < inner.len() {
        i += atom_len(&inner[i..]).or((inner[i] == '|').then_some(1))?;
        i += quantifier(&inner[i..])?.2;
    }
    Some(inner)
}

/// Whether this matcher implements every part of `pattern` (the table tests require it of every
/// pattern in every table).
pub fn supported(pattern: &str) -> bool {
    body(pattern).is_some()
}

/// Whether `s` matches `pattern`; a pattern of an unsupported form accepts everything (the service
/// still checks), though the table tests keep such patterns out of every table.
#[cfg_attr(size_build, optimize(size))]
///
/// In the wasm the runtime's own `RegExp` checks instead (`src/js/regex.rs`): it knows the Unicode
/// classes, so the wasm carries neither this matcher nor Unicode tables (issue 17: -2.9 KB brotli). The
/// wasm-bindgen tests check both agree on every pattern of both models.
pub fn matches(pattern: &str, s: &str) -> bool {
    #[cfg(target_arch = "wasm32")]
    return crate::js::regex::test(pattern, s);
    #[cfg(not(target_arch = "wasm32"))]
    return matches_here(pattern, s);
}

/// This module's matcher (the host's; see [`matches`]).
pub fn matches_here(pattern: &str, s: &str) -> bool {
    let Some(p) = body(pattern) else { return true };
    let s: Vec<char> = s.chars().collect();
    any_alternative(&p, &s, &|t| t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ATTR: &str = "^[a-zA-Z0-9.]+$";
    const TAG: &str = r"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$";

    #[test]
    fn parses_what_the_models_use_and_refuses_the_rest() {
        for p in [
            ATTR,
            TAG,
            "^(ipv4pool-coip-)[a-zA-Z0-9]+$",
            r"^(2|4|5)\d\d$",
            r"^(HTTPS?|#\{protocol\})$",
            "^([a-zA-Z0-9]+-)*[a-zA-Z0-9]+$",
        ] {
            assert!(supported(p), "{p}");
        }
        for p in [
            r"^[\p{Q}]+$",
            "^(a$",
            "^[a$",
            r"^\Q$",
            "^a{2,1}$",
            "^a{2$",
            r"^\bx$",
            r"^\u12$",
            r"^\x4$",
        ] {
            assert!(!supported(p), "{p}");
        }
    }

    #[test]
    fn attribute_keys() {
        assert!(matches(ATTR, "elb.http.desyncmitigationmode"));
        assert!(!matches(ATTR, ""));
        assert!(!matches(ATTR, "a b"));
        assert!(!matches(ATTR, "a-b"));
    }

    #[test]
    fn tag_keys() {
        assert!(matches(TAG, ""));
        assert!(matches(TAG, "aws:cloudformation/stack-name = +@ Ünïcödé ٣"));
        assert!(!matches(TAG, "tab\there"));
        assert!(!matches(TAG, "semi;colon"));
        assert!(!matches(TAG, "hash#"));
    }

    #[test]
    fn elbv2_patterns() {
        let status = r"^(2|4|5)\d\d$";
        assert!(matches(status, "200") && matches(status, "503") && matches(status, "404"));
        assert!(!matches(status, "302") && !matches(status, "20") && !matches(status, "2000"));
        let protocol = r"^(HTTPS?|#\{protocol\})$";
        for ok in ["HTTP", "HTTPS", "#{protocol}"] {
            assert!(matches(protocol, ok), "{ok}");
        }
        for bad in ["http", "HTTPSS", "#{host}", "", "HTTP "] {
            assert!(!matches(protocol, bad), "{bad}");
        }
        let name = "^([a-zA-Z0-9]+-)*[a-zA-Z0-9]+$";
        for ok in ["a", "my-store", "a-b-c-9"] {
            assert!(matches(name, ok), "{ok}");
        }
        for bad in ["", "-a", "a-", "a--b", "a_b"] {
            assert!(!matches(name, bad), "{bad}");
        }
        let pool = "^(ipv4pool-coip-)[a-zA-Z0-9]+$";
        assert!(matches(pool, "ipv4pool-coip-0abc"));
        assert!(!matches(pool, "ipv4pool-coip-") && !matches(pool, "ipv4pool-0abc"));
    }

    /// What the neighbours' models add (Auto Scaling, STS): no anchors (the whole value must match
    /// all the same), `\w`, `\uXXXX` and `\xXX` escapes and ranges of them, surrogate pairs,
    /// `\t\n\r`, escaped punctuation in classes, `{m,n}`.
    #[test]
    fn neighbour_patterns() {
        let role = r"[\w+=,.@:\/-]*";
        assert!(matches(role, "") && matches(role, "arn:aws:iam::1:role/a_b+=,.@-"));
        assert!(!matches(role, "a b") && !matches(role, "é"), "\\w is ASCII");
        let words = r"[\x21\x23-\x2B\x2D-\x5B\x5D-\x7E]+( [\x21\x23-\x2B\x2D-\x5B\x5D-\x7E]+)*";
        assert!(matches(words, "abc def!") && matches(words, "~"));
        for bad in ["", "a\"b", "a,b", "a\\b", "a  b", " a", "a "] {
            assert!(!matches(words, bad), "{bad:?}");
        }
        let ami = "^ami-[a-z0-9]{1,17}$";
        assert!(matches(ami, "ami-0") && matches(ami, &format!("ami-{}", "a".repeat(17))));
        assert!(!matches(ami, "ami-") && !matches(ami, &format!("ami-{}", "a".repeat(18))));
        // Four hex digits to a \u escape, as Java and JS read it: `\u10000` is `\u1000` then `0`.
        let text =
            r"[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u10000-\u10FFFF]+";
        assert!(matches(text, "tab\tand é\u{85}") && matches(text, "\u{1000}"));
        assert!(!matches(text, "\u{1}") && !matches(text, "") && !matches(text, "\u{1F600}"));
        // A surrogate pair in escapes is one character: here U+10000 to U+10FFFF.
        let policy = r"[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\r\n\t]*";
        assert!(matches(policy, "{\"a\": \"😀\"}\r\n\t") && !matches(policy, "\u{1}"));
        let path = r"[a-zA-Z0-9\(\)\.\-/_]+";
        assert!(matches(path, "a(b).c-d/e_f") && !matches(path, "a*b"));
        let namespace = "[^:].*";
        assert!(matches(namespace, "AWS/ApplicationELB") && matches(namespace, "a:b"));
        assert!(
            !matches(namespace, ":AWS") && !matches(namespace, "") && !matches(namespace, "a\nb")
        );
        // Route 53's UUID: a non-capturing group, repeated.
        let uuid = "[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}";
        assert!(supported(uuid) && matches(uuid, "123e4567-e89b-12d3-a456-426614174000"));
        for bad in [
            "123e4567-e89b-12d3-a456",
            "123e4567-e89b-12d3-a456-4266141740000",
            "?:",
        ] {
            assert!(!matches(uuid, bad), "{bad}");
        }
        let unanchored = r"[\d]*";
        assert!(
            matches(unanchored, "123") && !matches(unanchored, "12a"),
            "whole value, no anchors"
        );
    }

    /// A long input that almost matches a nested repetition finishes quickly (the group repeats
    /// only on progress, and classes are scanned, not recursed).
    #[test]
    fn long_near_misses_stay_cheap() {
        let name = "^([a-zA-Z0-9]+-)*[a-zA-Z0-9]+$";
        let s = "a-".repeat(200) + "_";
        assert!(!matches(name, &s));
        assert!(matches(name, "ab-".repeat(300).trim_end_matches('-')));
    }
}
