//! awsQuery request encoding: an input value, walked along its shape, as a form body.
//!
//! `Action=CreateLoadBalancer&Version=2012-06-01&Listeners.member.1.Protocol=HTTP&...`

use crate::error::Error;
use crate::model::{Kind, Member, Model, Operation, Shape};
#[cfg(not(target_arch = "wasm32"))]
use crate::text::base64;
use crate::text::cat::Put;
use crate::text::percent;
use crate::text::time;
use crate::value::Value;

/// The form body for `op` with `input` (`Value::Struct`, or `Value::Null` for no input).
///
/// Expects a validated input (see [`crate::codec::validate`]); a value of the wrong type for its shape
/// is still an `InvalidInput` error here, never a panic.
#[cfg_attr(size_build, optimize(size))]
pub fn encode(model: &Model, op: &Operation, input: &Value) -> Result<String, Error> {
    let mut w = FormWriter {
        out: String::with_capacity(256),
        model,
    };
    w.pair("Action", op.name);
    w.pair("Version", model.api_version);
    if let (Some(shape), Value::Struct(_)) = (op.input, input) {
        w.structure(&mut String::new(), model.shape(shape), input)?;
    } else if !matches!(input, Value::Null | Value::Struct(_)) {
        return Err(Error::invalid_input("", "the input must be an object"));
    }
    Ok(w.out)
}

struct FormWriter<'m> {
    out: String,
    model: &'m Model,
}

impl FormWriter<'_> {
    #[cfg_attr(size_build, optimize(size))]
    fn pair(&mut self, key: &str, value: &str) {
        if !self.out.is_empty() {
            self.out.push('&');
        }
        percent::encode_into(&mut self.out, key, false);
        self.out.push('=');
        percent::encode_into(&mut self.out, value, false);
    }

    /// Writes `value` under the key `prefix`; `prefix` is restored on return so one buffer serves
    /// the whole walk.
    #[cfg_attr(size_build, optimize(size))]
    fn value(&mut self, prefix: &mut String, member: &Member, value: &Value) -> Result<(), Error> {
        let shape = self.model.shape(member.target);
        match (shape.kind, value) {
            (_, Value::Null) => Ok(()),
            (Kind::Structure | Kind::Union, Value::Struct(_)) => {
                self.structure(prefix, shape, value)
            }
            (Kind::List, Value::List(items)) => self.list(prefix, member, shape, items),
            (Kind::Map, Value::Map(entries)) => self.map(prefix, member, shape, entries),
            (_, scalar) => {
                let text = self.scalar(member, shape, scalar).ok_or_else(|| {
                    Error::invalid_input(
                        prefix.as_str(),
                        cat!(
                            "must be ",
                            shape.kind.expected(),
                            ", got ",
                            scalar.type_name()
                        ),
                    )
                })?;
                self.pair(prefix, &text);
                Ok(())
            }
        }
    }

    #[cfg_attr(size_build, optimize(size))]
    fn structure(
        &mut self,
        prefix: &mut String,
        shape: &Shape,
        value: &Value,
    ) -> Result<(), Error> {
        let Value::Struct(fields) = value else {
            return Ok(());
        };
        for (name, field) in fields {
            let member = shape.member(name).ok_or_else(|| {
                Error::invalid_input(*name, cat!(shape.name, " has no member ", name))
            })?;
            let len = prefix.len();
            if len > 0 {
                prefix.push('.');
            }
            prefix.put(member.wire_name());
            let result = self.value(prefix, member, field);
            prefix.truncate(len);
            result?;
        }
        Ok(())
    }

    #[cfg_attr(size_build, optimize(size))]
    fn list(
        &mut self,
        prefix: &mut String,
        member: &Member,
        shape: &Shape,
        items: &[Value],
    ) -> Result<(), Error> {
        if items.is_empty() {
            // An empty list is sent as `Name=` so the service can tell it from an absent one.
            self.pair(prefix, "");
            return Ok(());
        }
        let Some(element) = shape.members.first() else {
            return Ok(());
        };
        let len = prefix.len();
        for (i, item) in items.iter().enumerate() {
            if !member.flattened() {
                prefix.push('.');
                prefix.put(element.wire_name());
            }
            push!(prefix; ".", i + 1);
            let result = self.value(prefix, element, item);
            prefix.truncate(len);
            result?;
        }
        Ok(())
    }

    #[cfg_attr(size_build, optimize(size))]
    fn map(
        &mut self,
        prefix: &mut String,
        member: &Member,
        shape: &Shape,
        entries: &[(String, Value)],
    ) -> Result<(), Error> {
        let (Some(key), Some(val)) = (shape.members.first(), shape.members.get(1)) else {
            return Ok(());
        };
        let len = prefix.len();
        for (i, (k, v)) in entries.iter().enumerate() {
            if !member.flattened() {
                prefix.put(".entry");
            }
            push!(prefix; ".", i + 1);
            let entry_len = prefix.len();
            prefix.push('.');
            prefix.put(key.wire_name());
            self.pair(prefix, k);
            prefix.truncate(entry_len);
            prefix.push('.');
            prefix.put(val.wire_name());
            let result = self.value(prefix, val, v);
            prefix.truncate(len);
            result?;
        }
        Ok(())
    }

    /// The text of a scalar, or `None` when the value does not fit the shape.
    #[cfg_attr(size_build, optimize(size))]
    fn scalar(&self, member: &Member, shape: &Shape, value: &Value) -> Option<String> {
        Some(match (shape.kind, value) {
            (Kind::String, Value::Str(s)) => s.clone(),
            (Kind::Boolean, Value::Bool(b)) => String::from(if *b { "true" } else { "false" }),
            (k, Value::Int(i)) if k.is_integer() || k.is_float() => cat!(i),
            (k, Value::Float(t)) if k.is_float() => t.clone(),
            #[cfg(not(target_arch = "wasm32"))]
            (Kind::Blob, Value::Blob(b)) => base64::encode(b),
            #[cfg(not(target_arch = "wasm32"))]
            (Kind::Blob, Value::Str(s)) => base64::encode(s.as_bytes()),
            (Kind::Timestamp, Value::Timestamp(ms)) => {
                use crate::model::TimestampFormat::*;
                match self.model.timestamp_format(member) {
                    DateTime => time::format_date_time(*ms),
                    EpochSeconds => time::format_epoch_seconds(*ms),
                    HttpDate => time::format_http_date(*ms),
                }
            }
            _ => return None,
        })
    }
}
