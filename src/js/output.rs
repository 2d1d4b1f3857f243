//! Output values as JS objects: the engine's JSON text, `$metadata` added, parsed by the runtime.
//! What JSON cannot carry (timestamps as `Date`s, NaN and ±Infinity doubles as numbers) the JS
//! face puts back along the paths the table generator listed (`js/client/revive.js`).

use crate::call::client::Output;
use crate::codec::json;
use crate::text::cat::Put;
use crate::value::Value;
use js_sys::JSON;
use wasm_bindgen::JsValue;

/// The output object for a successful call, `$metadata` included.
pub fn to_js(out: &Output) -> Result<JsValue, JsValue> {
    let mut text = String::with_capacity(256);
    json::write(&mut text, &out.output);
    // The output is always a structure: reopen it to add `$metadata`.
    if !matches!(out.output, Value::Struct(_)) || !text.ends_with('}') {
        text = String::from("{}");
    }
    text.pop();
    if text.len() > 1 {
        text.push(',');
    }
    text.put("\"$metadata\":{");
    if let Some(id) = &out.request_id {
        text.put("\"requestId\":");
        json::write_str(&mut text, id);
        text.push(',');
    }
    push!(text; "\"httpStatusCode\":", out.status, ",\"attempts\":", out.attempts, "}}");
    JSON::parse(&text)
}
