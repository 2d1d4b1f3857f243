//! awsJson's answers (Cognito Identity). The engine does not read their bodies: the JS face does
//! (`js/client/aws_json.js`), with the runtime's `JSON.parse`, and keeps a successful answer's
//! object as the output (its epoch seconds made `Date`s along the table's leaf paths). What the
//! engine needs to decide a call is what the JS face read: the status, and an error's code and
//! message (retries, the clock's correction and the `ElbError` turn on them). An answer the JS face
//! could not read reaches the engine as the runtime's refusal (`js/client/call.js`, kind 4).
//!
//! Why not here: a JSON reader and the checks around it cost every page's wasm 0.9 KB brotli
//! (measured, issue 28), ElbClient's included, for one credentials provider's two calls. The
//! request is the validated input written by [`crate::codec::json::write_request`]
//! (`call/request.rs`): that costs the wasm tens of bytes and keeps input checking in one place.

use crate::codec::xml::Decoded;
use crate::error::{Error, ServiceError};
use crate::value::Value;

/// What an awsJson answer of `status` means, given the error the JS face read from its body: the
/// code (`__type` without the namespace before `#` or the URL after `:`) and the message.
/// A 2xx answer's output is the JS face's; the engine's is empty.
#[cfg_attr(size_build, optimize(size))]
pub fn decode_response(status: u16, error: Option<&(String, String)>) -> Result<Decoded, Error> {
    if (200..300).contains(&status) {
        return Ok(Decoded {
            output: Value::Struct(Vec::new()),
            request_id: None,
        });
    }
    match error {
        Some((code, message)) if !code.is_empty() => Err(Error::Service(Box::new(ServiceError {
            code: code.clone(),
            message: message.clone(),
            fault: None,
            request_id: None,
            status,
            fields: Value::Struct(Vec::new()),
        }))),
        _ => Err(Error::invalid_response(
            status,
            "an error status without a JSON error document",
        )),
    }
}
