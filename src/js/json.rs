//! awsJson answers read by the runtime's `JSON.parse` (see `crate::codec::aws_json`), so the wasm
//! carries no untyped JSON reader of its own.

use js_sys::{Array, JSON, Reflect};
use wasm_bindgen::JsValue;

/// `text` parsed: `Err` (the runtime's `SyntaxError`) when it is not JSON, `Ok(None)` when it is
/// JSON but not an object.
pub fn object(text: &str) -> Result<Option<JsValue>, JsValue> {
    let value = JSON::parse(text)?;
    Ok((value.is_object() && !Array::is_array(&value)).then_some(value))
}

/// The first of `keys` that `object` has as a string.
pub fn string(object: &JsValue, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| {
        Reflect::get(object, &JsValue::from_str(k))
            .ok()?
            .as_string()
    })
}
