//! Client-side validation from the shape table: required members, types, enums, ranges, lengths
//! and patterns, each failure naming the member path (`Listeners[0].InstancePort`).
//!
//! Bad input is refused here, before anything is signed or sent.

use crate::codec::json;
use crate::error::Error;
use crate::model::{Documented, Kind, Model, Operation, Shape, ShapeRef};
use crate::text::cat::Put;
use crate::text::pattern;
use crate::value::Value;

/// Checks `input` against `op`'s input shape. `Value::Null` stands for "no input".
#[cfg_attr(size_build, optimize(size))]
pub fn validate_input(model: &Model, op: &Operation, input: &Value) -> Result<(), Error> {
    match (op.input, input) {
        (None, Value::Null) => Ok(()),
        (None, Value::Struct(fields)) if fields.is_empty() => Ok(()),
        (None, _) => Err(Error::invalid_input("", cat!(op.name, " takes no input"))),
        (Some(shape), Value::Null) => Checker {
            model,
            path: String::new(),
        }
        .value(shape, &Value::Struct(Vec::new())),
        (Some(shape), value) => Checker {
            model,
            path: String::new(),
        }
        .value(shape, value),
    }
}

/// Checks any value against the shape at `shape`.
#[cfg_attr(size_build, optimize(size))]
pub fn validate(model: &Model, shape: ShapeRef, value: &Value) -> Result<(), Error> {
    Checker {
        model,
        path: String::new(),
    }
    .value(shape, value)
}

struct Checker<'m> {
    model: &'m Model,
    /// The member path of the value being checked; extended and restored as the walk goes.
    path: String,
}

impl Checker<'_> {
    fn fail(&self, message: String) -> Result<(), Error> {
        Err(Error::invalid_input(self.path.as_str(), message))
    }

    #[cfg_attr(size_build, optimize(size))]
    fn value(&mut self, r: ShapeRef, value: &Value) -> Result<(), Error> {
        let shape = self.model.shape(r);
        match (shape.kind, value) {
            (Kind::Structure | Kind::Union, Value::Struct(fields)) => self.structure(shape, fields),
            (Kind::List, Value::List(items)) => {
                self.count(shape, items.len(), "items")?;
                let Some(element) = shape.members.first() else {
                    return Ok(());
                };
                for (i, item) in items.iter().enumerate() {
                    let len = self.path.len();
                    push!(self.path; "[", i, "]");
                    self.value(element.target, item)?;
                    self.path.truncate(len);
                }
                Ok(())
            }
            (Kind::Map, Value::Map(entries)) => {
                self.count(shape, entries.len(), "entries")?;
                let (Some(key), Some(val)) = (shape.members.first(), shape.members.get(1)) else {
                    return Ok(());
                };
                for (k, v) in entries {
                    let len = self.path.len();
                    push!(self.path; "[", json::quoted(k), "]");
                    self.string(self.model.shape(key.target), k)?;
                    self.value(val.target, v)?;
                    self.path.truncate(len);
                }
                Ok(())
            }
            (Kind::String, Value::Str(s)) => self.string(shape, s),
            (Kind::Boolean, Value::Bool(_)) | (Kind::Timestamp, Value::Timestamp(_)) => Ok(()),
            #[cfg(not(target_arch = "wasm32"))]
            (Kind::Blob, Value::Blob(b)) => self.count(shape, b.len(), "bytes"),
            (Kind::Blob, Value::Str(s)) => self.count(shape, s.len(), "bytes"),
            (k, Value::Int(i)) if k.is_integer() => self.integer(shape, *i),
            (k, Value::Float(t)) if k.is_integer() => match crate::text::decimal::approx(t) {
                // Beyond 2^53 the approximation could round a fraction away: refuse those too.
                Some(f) if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 => {
                    self.integer(shape, f as i64)
                }
                _ => self.fail(cat!("must be a whole number, got ", t)),
            },
            (k, Value::Int(i)) if k.is_float() => self.bounds(shape, *i as f64, &cat!(i)),
            (k, Value::Float(t)) if k.is_float() => {
                let f = crate::text::decimal::approx(t).unwrap_or(f64::NAN);
                self.bounds(shape, f, t)
            }
            (kind, other) => self.fail(cat!(
                "must be ",
                kind.expected(),
                ", got ",
                other.type_name()
            )),
        }
    }

    #[cfg_attr(size_build, optimize(size))]
    fn structure(&mut self, shape: &Shape, fields: &[(&'static str, Value)]) -> Result<(), Error> {
        for (name, _) in fields {
            if shape.member(name).is_none() {
                let len = self.path.len();
                self.push_member(name);
                let known = crate::text::cat::joined(shape.members.iter().map(|m| m.name), ", ");
                let result = self.fail(cat!("is not a member; expected one of ", known));
                self.path.truncate(len);
                return result;
            }
        }
        let mut set = 0;
        for member in shape.members {
            let len = self.path.len();
            self.push_member(member.name);
            match fields
                .iter()
                .find(|(k, _)| *k == member.name)
                .map(|(_, v)| v)
            {
                None if member.required() => {
                    return self.fail("is required".into());
                }
                Some(Value::Null) if member.required() => {
                    return self.fail("is required, got null".into());
                }
                None => {}
                // `null` is refused rather than read as "absent": in JS it is a value someone
                // chose, and sending nothing in its place would hide the mistake.
                Some(v) => {
                    set += 1;
                    self.value(member.target, v)?;
                }
            }
            self.path.truncate(len);
        }
        if shape.kind == Kind::Union && set != 1 {
            return self.fail(cat!("must set exactly one member, got ", set));
        }
        Ok(())
    }

    #[cfg_attr(size_build, optimize(size))]
    fn push_member(&mut self, name: &str) {
        if !self.path.is_empty() {
            self.path.push('.');
        }
        self.path.put(name);
    }

    #[cfg_attr(size_build, optimize(size))]
    fn string(&self, shape: &Shape, s: &str) -> Result<(), Error> {
        // Enum values are not checked: AWS adds values (QUIC, jwt-validation...) that an older
        // table lacks, and botocore does not refuse them either; the service is the judge.
        if let Some(d) = self.documented(shape) {
            if !d.values.is_empty() && !d.values.iter().any(|v| v.eq_ignore_ascii_case(s)) {
                return self.fail(cat!(
                    "must be one of ",
                    crate::text::cat::joined(d.values.iter().copied(), ", "),
                    ", got ",
                    json::quoted(s)
                ));
            }
            self.within(d.min, d.max, chars(s) as i64, "characters")?;
        }
        // Lengths count characters (Unicode scalar values), as the service does.
        self.count(shape, chars(s), "characters")?;
        match shape.pattern {
            Some(p) if !pattern::matches(p, s) => {
                self.fail(cat!("must match ", p, ", got ", json::quoted(s)))
            }
            _ => Ok(()),
        }
    }

    #[cfg_attr(size_build, optimize(size))]
    fn integer(&self, shape: &Shape, i: i64) -> Result<(), Error> {
        let (lo, hi) = match shape.kind {
            Kind::Byte => (i64::from(i8::MIN), i64::from(i8::MAX)),
            Kind::Short => (i64::from(i16::MIN), i64::from(i16::MAX)),
            Kind::Integer => (i64::from(i32::MIN), i64::from(i32::MAX)),
            _ => (i64::MIN, i64::MAX),
        };
        if !(lo..=hi).contains(&i) {
            return self.fail(cat!(
                "must be between ",
                lo,
                " and ",
                hi,
                " (a ",
                shape.kind.model_name(),
                "), got ",
                i
            ));
        }
        if let Some(d) = self.documented(shape) {
            self.within(d.min, d.max, i, "")?;
        }
        self.bounds(shape, i as f64, &cat!(i))
    }

    fn documented(&self, shape: &Shape) -> Option<&'static Documented> {
        self.model.documented.iter().find(|d| d.shape == shape.name)
    }

    /// A documented bound: `unit` is "characters" for a length, empty for a value.
    #[cfg_attr(size_build, optimize(size))]
    fn within(&self, min: Option<i64>, max: Option<i64>, n: i64, unit: &str) -> Result<(), Error> {
        if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
            let range = range_text(min, max);
            return self.fail(match unit {
                "" => cat!("must be ", range, ", got ", n),
                _ => cat!("must have ", range, " ", unit, ", got ", n),
            });
        }
        Ok(())
    }

    #[cfg_attr(size_build, optimize(size))]
    fn bounds(&self, shape: &Shape, x: f64, shown: &str) -> Result<(), Error> {
        let below = shape.min.is_some_and(|m| x < m as f64);
        let above = shape.max.is_some_and(|m| x > m as f64);
        let bounded = shape.min.is_some() || shape.max.is_some();
        if below || above || (bounded && x.is_nan()) {
            return self.fail(cat!(
                "must be ",
                range_text(shape.min, shape.max),
                ", got ",
                shown
            ));
        }
        Ok(())
    }

    #[cfg_attr(size_build, optimize(size))]
    fn count(&self, shape: &Shape, n: usize, unit: &str) -> Result<(), Error> {
        let n = n as i64;
        if shape.min.is_some_and(|m| n < m) || shape.max.is_some_and(|m| n > m) {
            return self.fail(cat!(
                "must have ",
                range_text(shape.min, shape.max),
                " ",
                unit,
                ", got ",
                n
            ));
        }
        Ok(())
    }
}

#[cfg_attr(size_build, optimize(size))]
fn range_text(min: Option<i64>, max: Option<i64>) -> String {
    match (min, max) {
        (Some(lo), Some(hi)) => cat!("between ", lo, " and ", hi),
        (Some(lo), None) => cat!("at least ", lo),
        (None, Some(hi)) => cat!("at most ", hi),
        (None, None) => "any".into(),
    }
}
/// Characters (Unicode scalar values) in `s`: the bytes that do not continue one. Counted here
/// rather than by `chars().count()`, whose unrolled counter is 0.8 KB of wasm (issue 17).
fn chars(s: &str) -> usize {
    s.bytes().filter(|&b| (b as i8) >= -0x40).count()
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_characters_not_bytes() {
        for s in ["", "a", "ключ", "日本語", "a😀b", "e\u{301}"] {
            assert_eq!(super::chars(s), s.chars().count(), "{s}");
        }
    }
}
