//! Output values as JS objects: JSON text parsed by the engine, then timestamps made `Date`s
//! along the output shape (JSON has no dates; only the shape knows which numbers are instants).

use super::tables::Service;
use crate::client::Output;
use crate::json;
use crate::model::{Kind, ShapeRef};
use crate::value::Value;
use js_sys::{Array, Date, JSON, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// Recursion bound for shapes that refer to themselves.
const MAX_DEPTH: u32 = 32;

/// The output object for a successful call of one of `service`'s operations, `$metadata` included.
pub fn to_js(service: &Service, shape: Option<ShapeRef>, out: &Output) -> Result<JsValue, JsValue> {
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
    text.push_str("\"$metadata\":{");
    if let Some(id) = &out.request_id {
        text.push_str("\"requestId\":");
        json::write_str(&mut text, id);
        text.push(',');
    }
    push!(text; "\"httpStatusCode\":", out.status, ",\"attempts\":", out.attempts, "}}");
    let value = JSON::parse(&text)?;
    if let Some(shape) = shape
        && service.has_timestamp(shape)
    {
        revive(service, shape, &value, 0);
    }
    Ok(value)
}

/// Replaces epoch-millisecond numbers by `Date`s wherever `r` has a timestamp.
fn revive(service: &Service, r: ShapeRef, value: &JsValue, depth: u32) {
    if depth >= MAX_DEPTH || !value.is_object() {
        return;
    }
    let model = service.model;
    let shape = model.shape(r);
    match shape.kind {
        Kind::Structure | Kind::Union => {
            for m in shape.members {
                if !service.has_timestamp(m.target) {
                    continue;
                }
                let key = JsValue::from_str(m.name);
                let Ok(v) = Reflect::get(value, &key) else {
                    continue;
                };
                if model.shape(m.target).kind == Kind::Timestamp {
                    if let Some(ms) = v.as_f64() {
                        let _ = Reflect::set(value, &key, &Date::new(&JsValue::from_f64(ms)));
                    }
                } else {
                    revive(service, m.target, &v, depth + 1);
                }
            }
        }
        Kind::List => {
            let (Some(element), Some(items)) = (shape.members.first(), value.dyn_ref::<Array>())
            else {
                return;
            };
            let is_ts = model.shape(element.target).kind == Kind::Timestamp;
            for i in 0..items.length() {
                let item = items.get(i);
                match item.as_f64() {
                    Some(ms) if is_ts => items.set(i, Date::new(&JsValue::from_f64(ms)).into()),
                    _ => revive(service, element.target, &item, depth + 1),
                }
            }
        }
        Kind::Map => {
            let Some(val) = shape.members.get(1) else {
                return;
            };
            let is_ts = model.shape(val.target).kind == Kind::Timestamp;
            let Some(obj) = value.dyn_ref::<Object>() else {
                return;
            };
            let keys = Object::keys(obj);
            for i in 0..keys.length() {
                let key = keys.get(i);
                let Ok(item) = Reflect::get(value, &key) else {
                    continue;
                };
                match item.as_f64() {
                    Some(ms) if is_ts => {
                        let _ = Reflect::set(value, &key, &Date::new(&JsValue::from_f64(ms)));
                    }
                    _ => revive(service, val.target, &item, depth + 1),
                }
            }
        }
        _ => {}
    }
}
