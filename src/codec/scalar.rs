//! A scalar's text on the wire: the same in an awsQuery form, a restXml URI, query string or body.

use crate::model::{Kind, Member, Model, Shape, TimestampFormat};
use crate::text::base64;
use crate::text::time;
use crate::value::Value;

/// The text of `value` as `member` (of `shape`) carries it, or `None` when the value does not
/// fit the shape (the validator names that first; callers still refuse it, never panic).
#[cfg_attr(size_build, optimize(size))]
pub fn text(model: &Model, member: &Member, shape: &Shape, value: &Value) -> Option<String> {
    Some(match (shape.kind, value) {
        (Kind::String, Value::Str(s)) => s.clone(),
        (Kind::Boolean, Value::Bool(b)) => String::from(if *b { "true" } else { "false" }),
        (k, Value::Int(i)) if k.is_integer() || k.is_float() => cat!(i),
        (k, Value::Float(t)) if k.is_float() => t.clone(),
        (Kind::Blob, Value::Blob(b)) => base64::encode(b),
        (Kind::Blob, Value::Str(s)) => base64::encode(s.as_bytes()),
        (Kind::Timestamp, Value::Timestamp(ms)) => match model.timestamp_format(member) {
            TimestampFormat::DateTime => time::format_date_time(*ms),
            TimestampFormat::EpochSeconds => time::format_epoch_seconds(*ms),
            TimestampFormat::HttpDate => time::format_http_date(*ms),
        },
        _ => return None,
    })
}

/// The error for a value `text` refused: what the shape wants and what came.
#[cfg_attr(size_build, optimize(size))]
pub fn mismatch(path: &str, shape: &Shape, value: &Value) -> crate::error::Error {
    crate::error::Error::invalid_input(
        path,
        cat!(
            "must be ",
            shape.kind.expected(),
            ", got ",
            value.type_name()
        ),
    )
}
