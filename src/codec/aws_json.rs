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
    let text = |names: &[&str]| {
        entries.iter().find_map(|(k, v)| match v {
            Value::Str(s) if names.contains(&k.as_str()) => Some(s.as_str()),
            _ => None,
        })
    };
    let Some(kind) = text(&["__type", "code"]) else {
        return Error::invalid_response(status, "the error document has no __type");
    };
    // Byte scans, not `rsplit`/`split`, which link searchers.
    let code = match kind.bytes().rposition(|b| b == b'#') {
        Some(i) => &kind[i + 1..],
        None => kind,
    };
    let code = match code.bytes().position(|b| b == b':') {
        Some(i) => &code[..i],
        None => code,
    };
    let fields = match model.error_by_code(code) {
        Some(e) => match json::parse_answer(model, Some(e.shape), body) {
            Ok(Value::Struct(f)) => Value::Struct(
                f.into_iter()
                    .filter(|(k, _)| !k.eq_ignore_ascii_case("message"))
                    .collect(),
            ),
            _ => Value::Struct(Vec::new()),
        },
        None => Value::Struct(Vec::new()),
    };
    Error::Service(Box::new(ServiceError {
        code: code.to_owned(),
        message: text(&["message", "Message"]).unwrap_or_default().to_owned(),
        fault: None,
        request_id: None,
        status,
        fields,
    }))
}
