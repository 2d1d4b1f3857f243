//! awsJson's answers (Cognito Identity): the output as JSON along the operation's output shape,
//! an error as `{"__type": "...", "message": "..."}`. The request is the validated input written
//! by [`json::write_request`] (see `call/request.rs`).

use crate::codec::json;
use crate::codec::xml::Decoded;
use crate::error::{Error, ServiceError};
use crate::model::{Model, Operation};
use crate::value::Value;

/// Decodes a response of `op`: its output for a 2xx `status`, else the service error it carries.
#[cfg_attr(size_build, optimize(size))]
pub fn decode_response(
    model: &Model,
    op: &Operation,
    status: u16,
    body: &str,
) -> Result<Decoded, Error> {
    if !(200..300).contains(&status) {
        return Err(decode_error(model, status, body));
    }
    let output = if body.trim_ascii().is_empty() {
        Value::Struct(Vec::new())
    } else {
        json::parse_answer(model, op.output, body).map_err(|e| not_json(status, e))?
    };
    Ok(Decoded {
        output,
        request_id: None,
    })
}

/// A body that does not read as the answer it should be: the reader's complaint, as the answer's.
fn not_json(status: u16, e: Error) -> Error {
    let why = match e {
        Error::InvalidInput { field, message } if field.is_empty() => message,
        Error::InvalidInput { field, message } => cat!(field, " ", message),
        other => return other,
    };
    Error::invalid_response(status, why)
}

/// The error an awsJson error body reports. Its code is `__type` without the namespace some
/// services put before `#` or the URL after `:` (the SDKs' rule); the message is `message` or
/// `Message`; a modelled error's other members are its fields.
#[cfg_attr(size_build, optimize(size))]
pub fn decode_error(model: &Model, status: u16, body: &str) -> Error {
    let Ok(Value::Map(entries)) = json::parse_answer(model, None, body) else {
        return Error::invalid_response(status, "an error status without a JSON error document");
    };
    let (mut kind, mut message) = (String::new(), String::new());
    for (k, v) in entries {
        if let Value::Str(s) = v {
            match k.as_str() {
                "__type" | "code" => kind = s,
                "message" | "Message" => message = s,
                _ => {}
            }
        }
    }
    // Byte scans, not `rsplit`/`split`, which link searchers.
    if let Some(i) = kind.bytes().rposition(|b| b == b'#') {
        kind.drain(..=i);
    }
    if let Some(i) = kind.bytes().position(|b| b == b':') {
        kind.truncate(i);
    }
    if kind.is_empty() {
        return Error::invalid_response(status, "the error document has no __type");
    }
    // A modelled error's members beyond its message, read along its shape.
    let mut fields = match model.error_by_code(&kind) {
        Some(e) => json::parse_answer(model, Some(e.shape), body).unwrap_or(Value::Null),
        None => Value::Null,
    };
    match &mut fields {
        Value::Struct(f) => f.retain(|(k, _)| !k.eq_ignore_ascii_case("message")),
        _ => fields = Value::Struct(Vec::new()),
    }
    Error::Service(Box::new(ServiceError {
        code: kind,
        message,
        fault: None,
        request_id: None,
        status,
        fields,
    }))
}
