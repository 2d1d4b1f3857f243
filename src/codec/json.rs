//! JSON text <-> [`Value`], guided by the shape table.
//!
//! The JS face crosses the wasm boundary as JSON text: `JSON.stringify` and `JSON.parse` are the
//! fastest way a JS engine has to build or read a whole object graph, far cheaper than one
//! boundary call per field, and they keep every JS type question on the JS side.

use crate::error::Error;
use crate::model::{Kind, Model, Shape, ShapeRef};
use crate::text::time;
use crate::value::Value;

/// Deeper than any ELB input; a hostile input cannot exhaust the stack.
const MAX_DEPTH: u32 = 64;

/// Reads JSON `text` as a value of `shape`. Member names are checked here (a typo such as
/// `LoadBalancerName` for `LoadBalancerNames` is refused with its path); types, ranges and
/// required members are left to [`crate::codec::validate`], which reports them with the same paths.
/// ISO 8601 strings (what `JSON.stringify` makes of a `Date`) become timestamps.
#[cfg_attr(size_build, optimize(size))]
pub fn parse_input(model: &Model, shape: ShapeRef, text: &str) -> Result<Value, Error> {
    read(model, Some(shape), text)
}

/// Reads any JSON text as an untyped value (objects become maps).
#[cfg_attr(size_build, optimize(size))]
pub fn parse_any(model: &Model, text: &str) -> Result<Value, Error> {
    read(model, None, text)
}

#[cfg_attr(size_build, optimize(size))]
fn read(model: &Model, shape: Option<ShapeRef>, text: &str) -> Result<Value, Error> {
    let mut r = Reader {
        model,
        s: text.as_bytes(),
        i: 0,
        path: String::new(),
    };
    let v = r.value(shape, 0)?;
    r.ws();
    if r.i != r.s.len() {
        return Err(r.syntax("trailing characters after the value"));
    }
    Ok(v)
}

struct Reader<'a> {
    model: &'a Model,
    s: &'a [u8],
    i: usize,
    path: String,
}

impl Reader<'_> {
    fn syntax(&self, why: &str) -> Error {
        Error::invalid_input(self.path.as_str(), cat!("not valid JSON: ", why))
    }

    #[cfg_attr(size_build, optimize(size))]
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.s.get(self.i) {
            self.i += 1;
        }
    }

    #[cfg_attr(size_build, optimize(size))]
    fn eat(&mut self, b: u8) -> bool {
        self.ws();
        if self.s.get(self.i) == Some(&b) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    /// What is left to read (empty at the end).
    fn rest(&self) -> &[u8] {
        self.s.get(self.i..).unwrap_or_default()
    }

    #[cfg_attr(size_build, optimize(size))]
    fn literal(&mut self, word: &str, v: Value) -> Result<Value, Error> {
        if self.rest().starts_with(word.as_bytes()) {
            self.i += word.len();
            Ok(v)
        } else {
            Err(self.syntax("unexpected character"))
        }
    }

    #[cfg_attr(size_build, optimize(size))]
    fn value(&mut self, shape: Option<ShapeRef>, depth: u32) -> Result<Value, Error> {
        if depth > MAX_DEPTH {
            return Err(Error::invalid_input(
                self.path.as_str(),
                "is nested too deeply",
            ));
        }
        let shape = shape.map(|r| self.model.shape(r));
        self.ws();
        match self.s.get(self.i) {
            Some(b'{') => {
                self.i += 1;
                match shape {
                    Some(s) if matches!(s.kind, Kind::Structure | Kind::Union) => {
                        self.structure(s, depth)
                    }
                    Some(s) if s.kind == Kind::Map => {
                        self.map(s.members.get(1).map(|m| m.target), depth)
                    }
                    _ => self.map(None, depth),
                }
            }
            Some(b'[') => {
                self.i += 1;
                let element = shape
                    .filter(|s| s.kind == Kind::List)
                    .and_then(|s| s.members.first())
                    .map(|m| m.target);
                self.list(element, depth)
            }
            Some(b'"') => {
                let text = self.string()?;
                match shape {
                    Some(s) if s.kind == Kind::Timestamp => match time::parse_timestamp(&text) {
                        Some(ms) => Ok(Value::Timestamp(ms)),
                        None => Err(Error::invalid_input(
                            self.path.as_str(),
                            cat!("must be a date, got the string ", quoted(&text)),
                        )),
                    },
                    _ => Ok(Value::Str(text)),
                }
            }
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.syntax("unexpected character")),
            None => Err(self.syntax("unexpected end")),
        }
    }

    /// Reads the `"key": value` pairs of an object whose `{` was just read, calling `each` with
    /// the reader positioned at each value.
    #[cfg_attr(size_build, optimize(size))]
    fn object(
        &mut self,
        mut each: impl FnMut(&mut Self, String) -> Result<(), Error>,
    ) -> Result<(), Error> {
        if self.eat(b'}') {
            return Ok(());
        }
        loop {
            self.ws();
            if self.s.get(self.i) != Some(&b'"') {
                return Err(self.syntax("expected a name"));
            }
            let key = self.string()?;
            if !self.eat(b':') {
                return Err(self.syntax("expected ':'"));
            }
            each(self, key)?;
            if self.eat(b',') {
                continue;
            }
            if self.eat(b'}') {
                return Ok(());
            }
            return Err(self.syntax("expected ',' or '}'"));
        }
    }

    #[cfg_attr(size_build, optimize(size))]
    fn structure(&mut self, shape: &Shape, depth: u32) -> Result<Value, Error> {
        let mut fields = Vec::new();
        self.object(|r, name| {
            let len = r.path.len();
            if !r.path.is_empty() {
                r.path.push('.');
            }
            r.path.push_str(&name);
            let Some(member) = shape.member(&name) else {
                let known = crate::text::cat::joined(shape.members.iter().map(|m| m.name), ", ");
                return Err(Error::invalid_input(
                    r.path.as_str(),
                    cat!("is not a member; expected one of ", known),
                ));
            };
            let v = r.value(Some(member.target), depth + 1)?;
            r.path.truncate(len);
            fields.push((member.name, v));
            Ok(())
        })?;
        Ok(Value::Struct(fields))
    }

    #[cfg_attr(size_build, optimize(size))]
    fn map(&mut self, value_shape: Option<ShapeRef>, depth: u32) -> Result<Value, Error> {
        let mut entries = Vec::new();
        self.object(|r, key| {
            let len = r.path.len();
            push!(r.path; "[", quoted(&key), "]");
            let v = r.value(value_shape, depth + 1)?;
            r.path.truncate(len);
            entries.push((key, v));
            Ok(())
        })?;
        Ok(Value::Map(entries))
    }

    #[cfg_attr(size_build, optimize(size))]
    fn list(&mut self, element: Option<ShapeRef>, depth: u32) -> Result<Value, Error> {
        let mut items = Vec::new();
        if self.eat(b']') {
            return Ok(Value::List(items));
        }
        loop {
            let len = self.path.len();
            push!(self.path; "[", items.len(), "]");
            let v = self.value(element, depth + 1)?;
            self.path.truncate(len);
            items.push(v);
            if self.eat(b',') {
                continue;
            }
            if self.eat(b']') {
                return Ok(Value::List(items));
            }
            return Err(self.syntax("expected ',' or ']'"));
        }
    }

    #[cfg_attr(size_build, optimize(size))]
    fn number(&mut self) -> Result<Value, Error> {
        let start = self.i;
        let mut integral = true;
        while let Some(&b) = self.s.get(self.i) {
            match b {
                b'0'..=b'9' | b'-' => {}
                b'.' | b'e' | b'E' | b'+' => integral = false,
                _ => break,
            }
            self.i += 1;
        }
        // The bytes scanned are ASCII, so this slice is valid UTF-8.
        let text = std::str::from_utf8(&self.s[start..self.i]).unwrap_or("");
        if integral && let Some(i) = crate::text::digits::parse_int(text) {
            return Ok(Value::Int(i));
        }
        if crate::text::decimal::is_number(text) {
            Ok(Value::Float(text.to_owned()))
        } else {
            Err(self.syntax("bad number"))
        }
    }

    /// Reads a string literal at `self.i` (which is at the opening quote).
    #[cfg_attr(size_build, optimize(size))]
    fn string(&mut self) -> Result<String, Error> {
        self.i += 1;
        let mut out = String::new();
        loop {
            let start = self.i;
            while let Some(&b) = self.s.get(self.i) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.i += 1;
            }
            // Stops only at ASCII bytes, so both ends are character boundaries of valid UTF-8.
            out.push_str(std::str::from_utf8(&self.s[start..self.i]).unwrap_or(""));
            match self.s.get(self.i) {
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.i += 1;
                    let esc = self.s.get(self.i).copied();
                    self.i += 1;
                    let c = match esc {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => self.unicode_escape()?,
                        _ => return Err(self.syntax("bad escape")),
                    };
                    out.push(c);
                }
                _ => return Err(self.syntax("unterminated string")),
            }
        }
    }

    #[cfg_attr(size_build, optimize(size))]
    fn hex4(&mut self) -> Option<u32> {
        let digits = self.s.get(self.i..self.i + 4)?;
        let n = crate::text::digits::parse_hex(std::str::from_utf8(digits).ok()?)?;
        self.i += 4;
        Some(n)
    }

    /// `\uXXXX`, joining a surrogate pair; a lone surrogate (which JS strings allow) becomes U+FFFD.
    #[cfg_attr(size_build, optimize(size))]
    fn unicode_escape(&mut self) -> Result<char, Error> {
        let hi = self.hex4().ok_or_else(|| self.syntax("bad \\u escape"))?;
        if (0xD800..0xDC00).contains(&hi) && self.rest().starts_with(b"\\u") {
            let save = self.i;
            self.i += 2;
            match self.hex4() {
                Some(lo) if (0xDC00..0xE000).contains(&lo) => {
                    let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                    return Ok(char::from_u32(c).unwrap_or('\u{FFFD}'));
                }
                _ => self.i = save,
            }
        }
        Ok(char::from_u32(hi).unwrap_or('\u{FFFD}'))
    }
}

/// Writes `value` as JSON. Timestamps become epoch milliseconds, blobs base64 text. JSON has no
/// NaN or Infinity: those doubles are written as the strings `"NaN"`, `"Infinity"`, `"-Infinity"`.
/// The JS face makes both what they were along the output's leaf paths (`js/client/revive.js`).
pub fn write(out: &mut String, value: &Value) {
    write_as(out, value, false)
}

/// An awsJson request body: as [`write`], but timestamps are epoch seconds, as the protocol has them.
pub fn write_request(out: &mut String, value: &Value) {
    write_as(out, value, true)
}

fn write_as(out: &mut String, value: &Value, seconds: bool) {
    match value {
        Value::Timestamp(ms) if seconds => out.push_str(&time::format_epoch_seconds(*ms)),
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) | Value::Timestamp(i) => {
            push!(out; i);
        }
        Value::Float(t) if crate::text::decimal::is_number(t) => out.push_str(t),
        Value::Float(t) if crate::text::decimal::is_special(t) => {
            push!(out; "\"", t.as_str(), "\"");
        }
        // Not a number at all: a decoder never makes one (it fails first), so this is a guard.
        Value::Float(_) => out.push_str("null"),
        Value::Str(s) => write_str(out, s),
        #[cfg(not(target_arch = "wasm32"))]
        Value::Blob(b) => write_str(out, &crate::text::base64::encode(b)),
        Value::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_as(out, item, seconds);
            }
            out.push(']');
        }
        Value::Map(entries) => {
            write_object(
                out,
                entries.iter().map(|(k, v)| (k.as_str(), v)),
                seconds,
                true,
            );
        }
        Value::Struct(fields) => {
            write_object(out, fields.iter().map(|(k, v)| (*k, v)), seconds, false);
        }
    }
}

/// `escape`: keys from the wire (a map's) are escaped; a structure's are the table's member names
/// (letters, digits, `_`), written as they are in fewer appends: the writer is a third of decoding.
fn write_object<'v>(
    out: &mut String,
    members: impl Iterator<Item = (&'v str, &'v Value)>,
    seconds: bool,
    escape: bool,
) {
    out.push('{');
    for (i, (k, v)) in members.enumerate() {
        if escape {
            if i > 0 {
                out.push(',');
            }
            write_str(out, k);
            out.push(':');
        } else {
            out.push_str(if i > 0 { ",\"" } else { "\"" });
            out.push_str(k);
            out.push_str("\":");
        }
        write_as(out, v, seconds);
    }
    out.push('}');
}

/// `s` as a JSON string literal, for messages: `{s:?}` would link Rust's `Debug` escaping
/// (with its Unicode tables) into the wasm for nothing.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    write_str(&mut out, s);
    out
}

/// Writes a JSON string literal.
pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let esc = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if esc.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
            out.push(char::from(b"0123456789abcdef"[usize::from(b & 15)]));
        } else {
            out.push_str(esc);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ELB;

    fn input(op: &str, text: &str) -> Result<Value, Error> {
        let shape = ELB.operation(op).and_then(|o| o.input).expect("op input");
        parse_input(&ELB, shape, text)
    }

    #[test]
    fn reads_inputs_along_the_shape() {
        let v = input(
            "CreateLoadBalancer",
            r#"{"LoadBalancerName":"a\u00e9\"b","Listeners":[{"Protocol":"HTTP","LoadBalancerPort":80,"InstancePort":8080}],"Tags":[]}"#,
        )
        .unwrap();
        assert_eq!(
            v.get("LoadBalancerName").and_then(Value::as_str),
            Some("aé\"b")
        );
        let listener = &v.get("Listeners").and_then(Value::as_list).unwrap()[0];
        assert_eq!(listener.get("LoadBalancerPort"), Some(&Value::Int(80)));
        assert_eq!(v.get("Tags"), Some(&Value::List(vec![])));
    }

    #[test]
    fn refuses_unknown_members_with_their_path() {
        let e = input(
            "CreateLoadBalancer",
            r#"{"LoadBalancerName":"x","Listeners":[{"Protocol":"HTTP","LoadBalancerPort":80,"InstancePort":80,"Port":1}]}"#,
        )
        .unwrap_err();
        match e {
            Error::InvalidInput { field, message } => {
                assert_eq!(field, "Listeners[0].Port");
                assert!(message.contains("InstancePort"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn keeps_wrong_types_for_the_validator_to_name() {
        let v = input(
            "DescribeLoadBalancers",
            r#"{"LoadBalancerNames":"x","PageSize":1.5}"#,
        )
        .unwrap();
        assert_eq!(v.get("LoadBalancerNames"), Some(&Value::Str("x".into())));
        assert_eq!(v.get("PageSize"), Some(&Value::Float("1.5".into())));
        let v = input(
            "DescribeLoadBalancers",
            r#"{"LoadBalancerNames":{"a":null}}"#,
        )
        .unwrap();
        assert_eq!(
            v.get("LoadBalancerNames"),
            Some(&Value::Map(vec![("a".into(), Value::Null)]))
        );
    }

    #[test]
    fn reports_syntax_errors_and_depth_without_panicking() {
        for bad in [
            "",
            "{",
            "{\"",
            "{\"PageSize\"",
            "{\"PageSize\":",
            "[1,",
            "\"\\u12",
            "\"\\x\"",
            "{}x",
            "-",
            "tru",
            "{\"PageSize\":1,}",
            "\"\u{1}\"",
        ] {
            assert!(parse_any(&ELB, bad).is_err(), "{bad:?}");
        }
        let deep = "[".repeat(100_000);
        assert!(parse_any(&ELB, &deep).is_err());
        assert_eq!(
            parse_any(&ELB, r#""\ud83d\ude00 \ud800x""#).unwrap(),
            Value::Str("😀 \u{FFFD}x".into())
        );
    }

    #[test]
    fn writes_json_that_round_trips() {
        let v = Value::Struct(vec![
            ("A", Value::Str("q\"\\\n\u{1}é".into())),
            (
                "B",
                Value::List(vec![Value::Int(-3), Value::Bool(true), Value::Null]),
            ),
            ("C", Value::Timestamp(1_700_000_000_123)),
            (
                "D",
                Value::Map(vec![("k".into(), Value::Float("0.5".into()))]),
            ),
            ("E", Value::Float("NaN".into())),
        ]);
        let mut out = String::new();
        write(&mut out, &v);
        assert_eq!(
            out,
            r#"{"A":"q\"\\\n\u0001é","B":[-3,true,null],"C":1700000000123,"D":{"k":0.5},"E":"NaN"}"#
        );
        let plain = Value::List(vec![Value::Float("-1.5e3".into()), Value::Int(0)]);
        let mut written = String::new();
        write(&mut written, &plain);
        assert_eq!(written, "[-1.5e3,0]", "an ordinary double as its number");
        let back = parse_any(&ELB, &out).unwrap();
        assert_eq!(
            back.get("A"),
            None, // untyped: objects are maps
        );
        match back {
            Value::Map(entries) => assert_eq!(entries[0].1, Value::Str("q\"\\\n\u{1}é".into())),
            other => panic!("{other:?}"),
        }
    }
}
