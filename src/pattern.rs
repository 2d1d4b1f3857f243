//! The model's `pattern` constraints, checked without a regex engine (a regex crate would add more
//! wasm than the rest of the validator).
//!
//! ELB's patterns are all one character class repeated: `^[a-zA-Z0-9.]+$`,
//! `^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$`. That form is what this implements; `tools/gen_model.py`
//! refuses a model with any other, so an unsupported pattern cannot slip into a table.

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

/// A parsed `^[...]+$` / `^([...]*)$` pattern.
pub struct CharClassPattern {
    items: Vec<Item>,
    allow_empty: bool,
}

impl CharClassPattern {
    /// `None` when the pattern is not of the supported form.
    pub fn parse(pattern: &str) -> Option<CharClassPattern> {
        let inner = pattern.strip_prefix('^')?.strip_suffix('$')?;
        let inner = inner
            .strip_prefix('(')
            .and_then(|s| s.strip_suffix(')'))
            .unwrap_or(inner);
        let (class, allow_empty) = match inner.strip_suffix('+') {
            Some(c) => (c, false),
            None => (inner.strip_suffix('*')?, true),
        };
        let class = class.strip_prefix('[')?.strip_suffix(']')?;
        let mut chars: Vec<char> = class.chars().collect();
        chars.reverse();
        let mut items = Vec::new();
        while let Some(c) = chars.pop() {
            let first = match c {
                '\\' => match chars.pop()? {
                    'p' => {
                        let item = match (chars.pop()?, chars.pop()?, chars.pop()?) {
                            ('{', 'L', '}') => Item::Letter,
                            ('{', 'Z', '}') => Item::Separator,
                            ('{', 'N', '}') => Item::Number,
                            _ => return None,
                        };
                        items.push(item);
                        continue;
                    }
                    escaped => escaped,
                },
                '[' | ']' => return None,
                plain => plain,
            };
            if chars.last() == Some(&'-') && chars.len() >= 2 {
                chars.pop();
                let last = chars.pop()?;
                items.push(Item::Range(first, last));
            } else {
                items.push(Item::Char(first));
            }
        }
        Some(CharClassPattern { items, allow_empty })
    }

    pub fn is_match(&self, s: &str) -> bool {
        (self.allow_empty || !s.is_empty())
            && s.chars().all(|c| self.items.iter().any(|i| i.matches(c)))
    }
}

/// Whether `s` matches `pattern`; a pattern of an unsupported form accepts everything (the service
/// still checks), though `tools/gen_model.py` keeps such patterns out of the built-in tables.
pub fn matches(pattern: &str, s: &str) -> bool {
    CharClassPattern::parse(pattern).is_none_or(|p| p.is_match(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ATTR: &str = "^[a-zA-Z0-9.]+$";
    const TAG: &str = r"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$";

    #[test]
    fn parses_elb_patterns() {
        assert!(CharClassPattern::parse(ATTR).is_some());
        assert!(CharClassPattern::parse(TAG).is_some());
        assert!(CharClassPattern::parse("^a|b$").is_none());
        assert!(CharClassPattern::parse(r"^[\p{Q}]+$").is_none());
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
}
