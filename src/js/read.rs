//! Reading plain JS option objects without trusting them: every access goes through
//! `Reflect` with its exception caught, so a getter that throws or a proxy cannot trap the instance.

use super::error::invalid;
use crate::sigv4::Credentials;
use js_sys::Reflect;
use wasm_bindgen::JsValue;

/// `obj[key]`, or `undefined` when `obj` is not an object or the read throws.
#[cfg_attr(size_build, optimize(size))]
pub fn get(obj: &JsValue, key: &str) -> JsValue {
    if !obj.is_object() && !obj.is_function() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// An optional string member; any other type is an `InvalidInput` naming `field`.
#[cfg_attr(size_build, optimize(size))]
pub fn opt_string(obj: &JsValue, key: &str, field: &str) -> Result<Option<String>, JsValue> {
    let v = get(obj, key);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_string()
        .map(Some)
        .ok_or_else(|| invalid(field, "must be a string"))
}

pub fn string(obj: &JsValue, key: &str, field: &str) -> Result<String, JsValue> {
    opt_string(obj, key, field)?.ok_or_else(|| invalid(field, "is required"))
}

/// An optional boolean member (`false` when absent); `key` names it in the error.
#[cfg_attr(size_build, optimize(size))]
pub fn opt_bool(obj: &JsValue, key: &str) -> Result<bool, JsValue> {
    let v = get(obj, key);
    if v.is_undefined() || v.is_null() {
        return Ok(false);
    }
    v.as_bool()
        .ok_or_else(|| invalid(key, "must be true or false"))
}

/// An optional whole number in `lo..=hi`.
#[cfg_attr(size_build, optimize(size))]
pub fn opt_count(
    obj: &JsValue,
    key: &str,
    field: &str,
    lo: u32,
    hi: u32,
) -> Result<Option<u32>, JsValue> {
    let v = get(obj, key);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    match v.as_f64() {
        Some(n) if n.fract() == 0.0 && (f64::from(lo)..=f64::from(hi)).contains(&n) => {
            Ok(Some(n as u32))
        }
        _ => Err(invalid(
            field,
            cat!("must be a whole number from ", lo, " to ", hi),
        )),
    }
}

/// `{ accessKeyId, secretAccessKey, sessionToken? }`.
#[cfg_attr(size_build, optimize(size))]
pub fn credentials(obj: &JsValue, field: &str) -> Result<Credentials, JsValue> {
    if !obj.is_object() {
        return Err(invalid(
            field,
            "must be an object { accessKeyId, secretAccessKey, sessionToken? } or a function returning one",
        ));
    }
    let access_key_id = string(obj, "accessKeyId", &cat!(field, ".accessKeyId"))?;
    let secret_access_key = string(obj, "secretAccessKey", &cat!(field, ".secretAccessKey"))?;
    let session_token =
        opt_string(obj, "sessionToken", &cat!(field, ".sessionToken"))?.filter(|t| !t.is_empty());
    // They become header values (a NUL would also split the request call.js reads).
    let control = |s: &str| s.bytes().any(|b| b < 0x20 || b == 0x7f);
    if control(&access_key_id)
        || control(&secret_access_key)
        || session_token.as_deref().is_some_and(control)
    {
        return Err(invalid(field, "must not hold control characters"));
    }
    if access_key_id.is_empty() || secret_access_key.is_empty() {
        return Err(invalid(
            field,
            "accessKeyId and secretAccessKey must not be empty",
        ));
    }
    Ok(Credentials {
        access_key_id,
        secret_access_key,
        session_token,
    })
}
