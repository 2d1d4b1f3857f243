//! Output values as JS objects: JSON text parsed by the engine, then timestamps made `Date`s
//! along the output shape (JSON has no dates; only the shape knows which numbers are instants).

use crate::client::Output;
use crate::json;
use crate::model::{ELB, Kind, Model, ShapeRef};
use crate::value::Value;
use js_sys::{Array, Date, JSON, Object, Reflect};
use std::fmt::Write;
use wasm_bindgen::{JsCast, JsValue};

/// Recursion bound for shapes that refer to themselves.
const MAX_DEPTH: u32 = 32;

/// The output object for a successful call of a built-in ELB operation, `$metadata` included.
pub fn to_js(shape: Option<ShapeRef>, out: &Output) -> Result<JsValue, JsValue> {
    let model = &ELB;
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
    let _ = write!(
        text,
        "\"httpStatusCode\":{},\"attempts\":{}}}}}",
        out.status, out.attempts
    );
    let value = JSON::parse(&text)?;
    if let Some(shape) = shape
        && has_timestamp(shape)
    {
        revive(model, shape, &value, 0);
    }
    Ok(value)
}

/// For each shape of `model`, whether a timestamp lies anywhere below it. Worked out once (a
/// fixed point, so recursive shapes are fine) rather than per element of every response.
fn timestamp_shapes(model: &Model) -> Vec<bool> {
    let mut has: Vec<bool> = model
        .shapes
        .iter()
        .map(|s| s.kind == Kind::Timestamp)
        .collect();
    let mut changed = true;
    while changed {
        changed = false;
        for (i, s) in model.shapes.iter().enumerate() {
            if !has[i]
                && s.members
                    .iter()
                    .any(|m| has.get(usize::from(m.target)).copied().unwrap_or(false))
            {
                has[i] = true;
                changed = true;
            }
        }
    }
    has
}

thread_local! {
    /// The built-in model's table (the only model the JS face serves).
    static HAS_TIMESTAMP: Vec<bool> = timestamp_shapes(&ELB);
}

fn has_timestamp(r: ShapeRef) -> bool {
    HAS_TIMESTAMP.with(|t| t.get(usize::from(r)).copied().unwrap_or(false))
}

/// Replaces epoch-millisecond numbers by `Date`s wherever `r` has a timestamp.
fn revive(model: &Model, r: ShapeRef, value: &JsValue, depth: u32) {
    if depth >= MAX_DEPTH || !value.is_object() {
        return;
    }
    let shape = model.shape(r);
    match shape.kind {
        Kind::Structure | Kind::Union => {
            for m in shape.members {
                if !has_timestamp(m.target) {
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
                    revive(model, m.target, &v, depth + 1);
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
                    _ => revive(model, element.target, &item, depth + 1),
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
                    _ => revive(model, val.target, &item, depth + 1),
                }
            }
        }
        _ => {}
    }
}
