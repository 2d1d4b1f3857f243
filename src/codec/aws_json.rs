//! awsJson's answers (Cognito Identity): the output is JSON already, which is how every output
//! crosses to JS, so it crosses as it is ([`Value::Json`]: checked to be a JSON object, its epoch
//! seconds made `Date`s by the JS face along the output shape); an error is
//! `{"__type": "...", "message": "..."}`. The request is the validated input written by
//! [`json::write_request`] (see `call/request.rs`).
//!
//! Why not read it along the shape here, as the XML decoder does: that typed answer reader cost
//! every page's wasm 0.22 KB brotli (measured, issue 28), ElbClient's included, for one provider.
//! (`op` goes unread: the decoders share one signature, chosen by the table's protocol.)

#[cfg(not(target_arch = "wasm32"))]
use crate::codec::json;
use crate::codec::xml::Decoded;
use crate::error::{Error, ServiceError};
use crate::model::{Model, Operation};
use crate::value::Value;

/// Decodes a response of `op`: its output for a 2xx `status`, else the service error it carries.
#[cfg_attr(size_build, optimize(size))]
pub fn decode_response(
    model: &Model,
    _op: &Operation,
    status: u16,
    body: &str,
) -> Result<Decoded, Error> {
    if !(200..300).contains(&status) {
        return Err(decode_error(model, status, body));
    }
    let body = body.trim_ascii();
    let output = if body.is_empty() {
        Value::Struct(Vec::new())
    } else {
        // Read once for its syntax only.
        match is_object(model, body) {
            Ok(true) => Value::Json(body.to_owned()),
            Ok(false) => {
                return Err(Error::invalid_response(
                    status,
                    "the answer is not a JSON object",
                ));
            }
            Err(e) => return Err(not_json(status, e)),
        }
    };
    Ok(Decoded {
        output,
        request_id: None,
    })
}

/// Whether `body` is a JSON object, or the reader's complaint. In the wasm the runtime's
/// `JSON.parse` reads it (`src/js/json.rs`), as it reads the answer for JS anyway: the wasm then
/// carries no untyped JSON reader (issue 28: with [`decode_error`]'s, -1.2 KB brotli on every page,
/// for Cognito Identity's answers alone). The host reads it here.
fn is_object(model: &Model, body: &str) -> Result<bool, Error> {
    #[cfg(target_arch = "wasm32")]
    {
        let _ = model;
        crate::js::json::object(body)
            .map(|o| o.is_some())
            .map_err(|_| Error::invalid_input("", "the answer is not JSON"))
    }
    #[cfg(not(target_arch = "wasm32"))]
    Ok(matches!(json::parse_any(model, body)?, Value::Map(_)))
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
///
/// In the wasm, the code and message only, read by the runtime's `JSON.parse`: a service error's
/// fields never cross to JS (the host's tests read them).
#[cfg(target_arch = "wasm32")]
#[cfg_attr(size_build, optimize(size))]
pub fn decode_error(model: &Model, status: u16, body: &str) -> Error {
    let _ = model;
    let Ok(Some(doc)) = crate::js::json::object(body) else {
        return Error::invalid_response(status, "an error status without a JSON error document");
    };
    let kind = crate::js::json::string(&doc, &["__type", "code"]).unwrap_or_default();
    let message = crate::js::json::string(&doc, &["message", "Message"]).unwrap_or_default();
    service_error(status, kind, message, Value::Struct(Vec::new()))
}

/// The error an awsJson error body reports (the host's reader; see the wasm's above).
#[cfg(not(target_arch = "wasm32"))]
#[cfg_attr(size_build, optimize(size))]
pub fn decode_error(model: &Model, status: u16, body: &str) -> Error {
    let Ok(Value::Map(entries)) = json::parse_any(model, body) else {
        return Error::invalid_response(status, "an error status without a JSON error document");
    };
    let (mut kind, mut message) = (String::new(), String::new());
    for (k, v) in &entries {
        if let Value::Str(s) = v {
            match k.as_str() {
                "__type" | "code" => kind.clone_from(s),
                "message" | "Message" => message.clone_from(s),
                _ => {}
            }
        }
    }
    // A modelled error's members beyond its message (a member its shape has, by name).
    let code = service_code(&kind);
    let shape = model.error_by_code(code).map(|e| model.shape(e.shape));
    let fields = Value::Struct(
        entries
            .into_iter()
            .filter(|(k, _)| !k.eq_ignore_ascii_case("message"))
            .filter_map(|(k, v)| Some((shape?.member(&k)?.name, v)))
            .collect(),
    );
    service_error(status, kind, message, fields)
}

/// `__type` without the namespace some services put before `#` or the URL after `:` (the SDKs'
/// rule). Byte scans, not `rsplit`/`split`, which link searchers.
fn service_code(kind: &str) -> &str {
    let kind = match kind.bytes().rposition(|b| b == b'#') {
        Some(i) => kind.get(i + 1..).unwrap_or_default(),
        None => kind,
    };
    match kind.bytes().position(|b| b == b':') {
        Some(i) => kind.get(..i).unwrap_or_default(),
        None => kind,
    }
}

fn service_error(status: u16, kind: String, message: String, fields: Value) -> Error {
    let kind = service_code(&kind).to_owned();
    if kind.is_empty() {
        return Error::invalid_response(status, "the error document has no __type");
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
