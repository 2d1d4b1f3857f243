//! The models' `pattern` constraints, checked by a small regex matcher (a regex crate would add
//! more wasm than the rest of the validator).
//!
//! What the ELB and ELBv2 models use, and all this implements: literals, `\d`, `\p{L}` / `\p{Z}` /
//! `\p{N}`, escaped punctuation, character classes with ranges, groups with alternatives, and the
//! quantifiers `*`, `+`, `?` on any of them, anchored at both ends (`^…$`). Matching backtracks
//! greedily; a repeated class is scanned in a loop, only a repeated group recurses (once per
//! repetition, each consuming at least one character). The validator checks a string's length
//! before its pattern, so the input is short. A table test proves every pattern of every table parses.

enum Item {
    Char(char),
    Range(char, char),
    Letter,
    Separator,
    Number,
}

impl Item {
    fn matches(&self, c: char) -> bool {
        match *self {
            Item::Char(x) => c == x,
            Item::Range(lo, hi) => (lo..=hi).contains(&c),
            Item::Letter => c.is_alphabetic(),
            // \p{Z}: space separators (and line/paragraph separators), not control whitespace.
            Item::Separator => c.is_whitespace() && !c.is_control(),
            Item::Number => c.is_numeric(),
        }
    }
}

enum Node {
    /// One character out of a set (a literal is a set of one).
    Class(Vec<Item>),
    /// A group: its alternatives, each a sequence.
    Group(Vec<Vec<Piece>>),
}

struct Piece {
    node: Node,
    min: usize,
    max: usize,
}

/// A parsed pattern.
pub struct Pattern {
    alternatives: Vec<Vec<Piece>>,
}

struct Parser {
    chars: Vec<char>,
    at: usize,
}

impl Parser {
    fn next(&mut self) -> Option<char> {
        let c = self.chars.get(self.at).copied();
        self.at += 1;
        c
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    /// After a `\`: `\d`, `\p{L}`, `\p{Z}`, `\p{N}`, or an escaped character.
    fn escape(&mut self) -> Option<Item> {
        Some(match self.next()? {
            'd' => Item::Range('0', '9'),
            'p' => match (self.next()?, self.next()?, self.next()?) {
                ('{', 'L', '}') => Item::Letter,
                ('{', 'Z', '}') => Item::Separator,
                ('{', 'N', '}') => Item::Number,
                _ => return None,
            },
            c if c.is_ascii_alphanumeric() => return None,
            c => Item::Char(c),
        })
    }

    /// After a `[`: the items up to `]`.
    fn class(&mut self) -> Option<Vec<Item>> {
        let mut items = Vec::new();
        loop {
            let first = match self.next()? {
                ']' => return Some(items),
                '\\' => match self.escape()? {
                    Item::Char(c) => c,
                    other => {
                        items.push(other);
                        continue;
                    }
                },
                '[' | '^' => return None,
                c => c,
            };
            if self.peek() == Some('-') && self.chars.get(self.at + 1).is_some_and(|&c| c != ']') {
                self.at += 1;
                let last = self.next()?;
                items.push(Item::Range(first, last));
            } else {
                items.push(Item::Char(first));
            }
        }
    }

    /// Alternatives up to the end of the pattern (`group` false) or the group's `)`.
    fn alternatives(&mut self, group: bool) -> Option<Vec<Vec<Piece>>> {
        let mut alts = vec![Vec::new()];
        loop {
            let node = match self.next() {
                None if !group => return Some(alts),
                None => return None,
                Some(')') if group => return Some(alts),
                Some('|') => {
                    alts.push(Vec::new());
                    continue;
                }
                Some('(') => Node::Group(self.alternatives(true)?),
                Some('[') => Node::Class(self.class()?),
                Some('\\') => Node::Class(vec![self.escape()?]),
                Some('*' | '+' | '?' | '{' | '}' | ')' | '.' | '^' | '$') => return None,
                Some(c) => Node::Class(vec![Item::Char(c)]),
            };
            let (min, max) = match self.peek() {
                Some('*') => (0, usize::MAX),
                Some('+') => (1, usize::MAX),
                Some('?') => (0, 1),
                _ => (1, 1),
            };
            if (min, max) != (1, 1) {
                self.at += 1;
            }
            alts.last_mut()?.push(Piece { node, min, max });
        }
    }
}

/// Matches `pieces` at `at`, then hands the end position to `then`.
fn sequence(pieces: &[Piece], s: &[char], at: usize, then: &dyn Fn(usize) -> bool) -> bool {
    let Some((piece, rest)) = pieces.split_first() else {
        return then(at);
    };
    match &piece.node {
        Node::Class(items) => {
            let fits = |c: &char| items.iter().any(|i| i.matches(*c));
            let most = s
                .get(at..)
                .map_or(0, |t| t.iter().take_while(|c| fits(c)).count());
            let most = most.min(piece.max);
            (piece.min..=most)
                .rev()
                .any(|n| sequence(rest, s, at + n, then))
        }
        Node::Group(alts) => repeat(alts, piece, 0, rest, s, at, then),
    }
}

/// The `done`-th repetition of a group onwards: one more (greedy) if allowed, else what follows.
fn repeat(
    alts: &[Vec<Piece>],
    piece: &Piece,
    done: usize,
    rest: &[Piece],
    s: &[char],
    at: usize,
    then: &dyn Fn(usize) -> bool,
) -> bool {
    let more = done < piece.max
        && alts.iter().any(|alt| {
            sequence(alt, s, at, &|end| {
                // An empty repetition would loop forever without consuming anything.
                (end > at || done < piece.min) && repeat(alts, piece, done + 1, rest, s, end, then)
            })
        });
    more || (done >= piece.min && sequence(rest, s, at, then))
}

impl Pattern {
    /// `None` when the pattern is not anchored (`^…$`) or uses what this does not implement.
    pub fn parse(pattern: &str) -> Option<Pattern> {
        let inner = pattern.strip_prefix('^')?.strip_suffix('$')?;
        let mut p = Parser {
            chars: inner.chars().collect(),
            at: 0,
        };
        Some(Pattern {
            alternatives: p.alternatives(false)?,
        })
    }

    pub fn is_match(&self, s: &str) -> bool {
        let chars: Vec<char> = s.chars().collect();
        self.alternatives
            .iter()
            .any(|alt| sequence(alt, &chars, 0, &|end| end == chars.len()))
    }
}

/// Whether `s` matches `pattern`; a pattern of an unsupported form accepts everything (the service
/// still checks), though the table tests keep such patterns out of every table.
pub fn matches(pattern: &str, s: &str) -> bool {
    Pattern::parse(pattern).is_none_or(|p| p.is_match(s))
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
            assert!(Pattern::parse(p).is_some(), "{p}");
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
            assert!(Pattern::parse(p).is_none(), "{p}");
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
