//! Output values as JS objects: JSON text parsed by the engine, then what JSON cannot carry put
//! back along the output shape: timestamps made `Date`s (only the shape knows which numbers are
//! instants) and NaN/±Infinity doubles made numbers again (JSON carries them as strings).

use super::tables::{DOUBLE, Service, TIMESTAMP};
use crate::call::client::Output;
use crate::codec::json;
use crate::model::{Kind, ShapeRef};
use crate::value::Value;
use js_sys::{Array, Date, JSON, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// Recursion bound for shapes that refer to themselves.
const MAX_DEPTH: u32 = 32;

/// The output object for a successful call of one of `service`'s operations, `$metadata` included.
pub fn to_js(service: &Service, shape: Option<ShapeRef>, out: &Output) -> Result<JsValue, JsValue> {
    let mut text = String::with_capacity(256);
    let special = json::write(&mut text, &out.output);
    // The output is always a structure: reopen it to add `$metadata`.
    if !matches!(out.output, Value::Struct(_) | Value::Json(_)) || !text.ends_with('}') {
        text = String::from("{}");
    }
    text.pop();
    if text.len() > 1 {
        text.push(',');
    }
    text.push_str("\"$metadata\":{");
    if let Some(id) = &out.request_id {
        text.push_str("\"requestId\":");
        json::write_str(&mut text, id);
        text.push(',');
    }
    push!(text; "\"httpStatusCode\":", out.status, ",\"attempts\":", out.attempts, "}}");
    let value = JSON::parse(&text)?;
    let kinds = if special {
        TIMESTAMP | DOUBLE
    } else {
        TIMESTAMP
    };
    // Timestamps are epoch milliseconds as the engine writes them, the protocol's epoch seconds
    // in an answer that crossed as it came.
    let scale = if matches!(out.output, Value::Json(_)) {
        1000.0
    } else {
        1.0
    };
    if let Some(shape) = shape
        && service.has_below(shape, kinds)
    {
        revive(
            &Revive {
                service,
                kinds,
                scale,
            },
            shape,
            &value,
            0,
        );
    }
    Ok(value)
}

/// What [`revive`] puts back, and how.
struct Revive<'a> {
    service: &'a Service,
    kinds: u8,
    /// Milliseconds per unit of a timestamp's number.
    scale: f64,
}

/// What a leaf of kind `kind` becomes in JS, when JSON could not carry it: a `Date` for a
/// timestamp's number, a number for a double's `"NaN"`/`"Infinity"`/`"-Infinity"`.
fn leaf(how: &Revive, kind: Kind, v: &JsValue) -> Option<JsValue> {
    let kinds = how.kinds;
    if kind == Kind::Timestamp && kinds & TIMESTAMP != 0 {
        return v
            .as_f64()
            .map(|n| Date::new(&JsValue::from_f64(n * how.scale)).into());
    }
    if kind.is_float() && kinds & DOUBLE != 0 {
        return match v.as_string()?.as_str() {
            "NaN" => Some(JsValue::from_f64(f64::NAN)),
            "Infinity" => Some(JsValue::from_f64(f64::INFINITY)),
            "-Infinity" => Some(JsValue::from_f64(f64::NEG_INFINITY)),
            _ => None,
        };
    }
    None
}

/// Puts back, below `r`, the leaves of `how.kinds` (see [`leaf`]).
fn revive(how: &Revive, r: ShapeRef, value: &JsValue, depth: u32) {
    if depth >= MAX_DEPTH || !value.is_object() {
        return;
    }
    let (service, kinds) = (how.service, how.kinds);
    let model = service.model;
    let shape = model.shape(r);
    match shape.kind {
        Kind::Structure | Kind::Union => {
            for m in shape.members {
                if !service.has_below(m.target, kinds) {
                    continue;
                }
                let key = JsValue::from_str(m.name);
                let Ok(v) = Reflect::get(value, &key) else {
                    continue;
                };
                match leaf(how, model.shape(m.target).kind, &v) {
                    Some(new) => {
                        let _ = Reflect::set(value, &key, &new);
                    }
                    None => revive(how, m.target, &v, depth + 1),
                }
            }
        }
        Kind::List => {
            let (Some(element), Some(items)) = (shape.members.first(), value.dyn_ref::<Array>())
            else {
                return;
            };
            let kind = model.shape(element.target).kind;
            for i in 0..items.length() {
                let item = items.get(i);
                match leaf(how, kind, &item) {
                    Some(new) => items.set(i, new),
                    None => revive(how, element.target, &item, depth + 1),
                }
            }
        }
        Kind::Map => {
            let Some(val) = shape.members.get(1) else {
                return;
            };
            let kind = model.shape(val.target).kind;
            let Some(obj) = value.dyn_ref::<Object>() else {
                return;
            };
            let keys = Object::keys(obj);
            for i in 0..keys.length() {
                let key = keys.get(i);
                let Ok(item) = Reflect::get(value, &key) else {
                    continue;
                };
                match leaf(how, kind, &item) {
                    Some(new) => {
                        let _ = Reflect::set(value, &key, &new);
                    }
                    None => revive(how, val.target, &item, depth + 1),
                }
            }
        }
        _ => {}
    }
}
