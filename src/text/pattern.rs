//! The models' `pattern` constraints, checked by a small regex matcher (a regex crate would add
//! more wasm than the rest of the validator).
//!
//! What the ELB and ELBv2 models use, and all this implements: literals, `\d`, `\p{L}` / `\p{Z}` /
//! `\p{N}`, escaped punctuation, character classes with ranges, groups with alternatives, and the
//! quantifiers `*`, `+`, `?` on any of them, anchored at both ends (`^…$`). Matching backtracks
//! greedily; a repeated class is scanned in a loop, only a repeated group recurses (once per
//! repetition, each consuming at least one character). The validator checks a string's length
//! before its pattern, so the input is short. A table test proves every pattern of every table parses.

/// Whether `c` is in the class `body` (what stands between `[` and `]`).
#[cfg_attr(size_build, optimize(size))]
fn in_class(body: &[char], c: char) -> bool {
    let mut i = 0;
    while let Some(&x) = body.get(i) {
        let len = if x == '\\' { escape_len(&body[i..]) } else { 1 };
        let item = body.get(i..i + len).unwrap_or_default();
        if len == 1 && body.get(i + 1) == Some(&'-') && i + 2 < body.len() {
            if (x..=body[i + 2]).contains(&c) {
                return true;
            }
            i += 3;
        } else {
            if single(item, c) {
                return true;
            }
            i += len;
        }
    }
    false
}

/// `\p{L}`, `\p{Z}`, `\p{N}` are five characters long, any other escape two.
fn escape_len(p: &[char]) -> usize {
    if p.get(1) == Some(&'p') { 5 } else { 2 }
}

/// The length of the escape that starts `p`, if it is one this implements.
#[cfg_attr(size_build, optimize(size))]
fn known_escape(p: &[char]) -> Option<usize> {
    let len = escape_len(p);
    let known = match p.get(1..len)? {
        ['p', '{', 'L' | 'Z' | 'N', '}'] => true,
        [c] => !c.is_ascii_alphanumeric() || *c == 'd',
        _ => false,
    };
    known.then_some(len)
}

/// Whether the one-character atom `atom` (a literal, an escape or a class) matches `c`.
#[cfg_attr(size_build, optimize(size))]
fn single(atom: &[char], c: char) -> bool {
    match atom {
        ['\\', 'd'] => c.is_ascii_digit(),
        ['\\', 'p', '{', 'L', '}'] => c.is_alphabetic(),
        // \p{Z}: space separators (and line/paragraph separators), not control whitespace.
        ['\\', 'p', '{', 'Z', '}'] => c.is_whitespace() && !c.is_control(),
        ['\\', 'p', '{', 'N', '}'] => c.is_numeric(),
        ['\\', x] | [x] => c == *x,
        ['[', body @ .., ']'] => in_class(body, c),
        _ => false,
    }
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
            (p.get(1) != Some(&'^')).then_some(i + 1)
        }
        '(' => {
            let mut i = 1;
            while *p.get(i)? != ')' {
                i += atom_len(&p[i..]).or((p[i] == '|').then_some(1))?;
                if matches!(p.get(i), Some('*' | '+' | '?')) {
                    i += 1;
                }
            }
            Some(i + 1)
        }
        '*' | '+' | '?' | '{' | '}' | ')' | '|' | '.' | '^' | '$' | ']' => None,
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
    let (min, max, q) = match p.get(len) {
        Some('*') => (0, usize::MAX, 1),
        Some('+') => (1, usize::MAX, 1),
        Some('?') => (0, 1, 1),
        _ => (1, 1, 0),
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
            ['(', body @ .., ')'] => any_alternative(body, s, &more),
            _ => s.first().is_some_and(|&c| single(atom, c)) && more(&s[1..]),
        };
    once || (done >= min && sequence(rest, s, then))
}

/// The pattern's body without its anchors, when every part of it is one this implements.
#[cfg_attr(size_build, optimize(size))]
fn body(pattern: &str) -> Option<Vec<char>> {
    let inner: Vec<char> = pattern
        .strip_prefix('^')?
        .strip_suffix('$')?
        .chars()
        .collect();
    let mut i = 0;
    while i < inner.len() {
        i += atom_len(&inner[i..]).or((inner[i] == '|').then_some(1))?;
        if matches!(inner.get(i), Some('*' | '+' | '?')) {
            i += 1;
        }
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
            "a+",
            "^a{2}$",
            "^a.b$",
            "^(a$",
            "^[a$",
            r"^\w+$",
            "^[^a]$",
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
