//! What `js/client/call.js` says an attempt came to, in the core's types.

use crate::call::client::HttpResponse;
use crate::error::Error;
use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

/// `[kind, ...]` from call.js's `attempt`: 0 = a response `[0, status, requestId, date, body]`
/// (awsJson: `[0, status, requestId, date, '', code?, message?]`, the body read by the JS face),
/// else `[kind, message, status?]` with 1 network, 2 timeout, 3 abort, 4 an answer the JS side
/// refused (too large, or awsJson that is not an object).
#[cfg_attr(size_build, optimize(size))]
pub fn read_answer(answer: &JsValue) -> Result<HttpResponse, Error> {
    let Some(a) = answer.dyn_ref::<Array>() else {
        return Err(Error::Network {
            message: "fetch failed".into(),
        });
    };
    let text = |i: u32| a.get(i).as_string();
    let message = text(1).unwrap_or_default();
    match a.get(0).as_f64() {
        Some(0.0) => {
            let body = a.get(4);
            let body = match body.dyn_ref::<Uint8Array>() {
                // Invalid UTF-8 becomes U+FFFD, as `Response.text()` would have made it.
                Some(bytes) => match String::from_utf8(bytes.to_vec()) {
                    Ok(s) => s,
                    Err(e) => crate::text::utf8::lossy(e.as_bytes()),
                },
                None => body.as_string().unwrap_or_default(),
            };
            Ok(HttpResponse {
                status: a.get(1).as_f64().unwrap_or(0.0) as u16,
                request_id: text(2),
                date: text(3),
                body,
                // awsJson: the code and message the JS face read (js/client/aws_json.js).
                json_error: text(5).map(|code| (code, text(6).unwrap_or_default())),
            })
        }
        Some(2.0) => Err(Error::Timeout { message }),
        Some(3.0) => Err(Error::Aborted { message }),
        Some(4.0) => Err(Error::InvalidResponse {
            status: a.get(2).as_f64().unwrap_or(0.0) as u16,
            message,
        }),
        _ => Err(Error::Network { message }),
    }
}
