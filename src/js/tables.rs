//! The service tables the engine serves, handed in by the package entries as text: one wasm for
//! every service, and a bundle carries only the tables of the entries it imports.

use super::error::invalid;
use crate::model::{Kind, Model, ShapeRef, text};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// What JSON cannot carry and the JS face must put back along the shape: timestamps (epoch
/// milliseconds in the JSON, `Date`s for JS) and doubles that are NaN or ±Infinity (strings in
/// the JSON, numbers for JS).
pub const TIMESTAMP: u8 = 1;
pub const DOUBLE: u8 = 2;

/// A loaded table and, per shape, which of [`TIMESTAMP`] and [`DOUBLE`] lie anywhere below it
/// (worked out once, not per element of every response).
pub struct Service {
    pub model: &'static Model,
    below: Vec<u8>,
}

impl Service {
    /// Whether something of `kinds` (a mask of [`TIMESTAMP`], [`DOUBLE`]) lies below `r`.
    #[cfg_attr(size_build, optimize(size))]
    pub fn has_below(&self, r: ShapeRef, kinds: u8) -> bool {
        self.below.get(usize::from(r)).copied().unwrap_or(0) & kinds != 0
    }
}

thread_local! {
    static SERVICES: RefCell<Vec<&'static Service>> = const { RefCell::new(Vec::new()) };
}

/// A fixed point over the members, so recursive shapes are fine.
#[cfg_attr(size_build, optimize(size))]
fn kinds_below(model: &Model) -> Vec<u8> {
    let mut below: Vec<u8> = model
        .shapes
        .iter()
        .map(|s| match s.kind {
            Kind::Timestamp => TIMESTAMP,
            k if k.is_float() => DOUBLE,
            _ => 0,
        })
        .collect();
    let mut changed = true;
    while changed {
        changed = false;
        for (i, s) in model.shapes.iter().enumerate() {
            let mut kinds = below[i];
            for m in s.members {
                kinds |= below.get(usize::from(m.target)).copied().unwrap_or(0);
            }
            if kinds != below[i] {
                below[i] = kinds;
                changed = true;
            }
        }
    }
    below
}

/// Reads a service table (the text `tools/gen_model.py --text` / `text::write` give) and returns
/// its id for `new RawClient(config, id)`. An entry loads its table once; the table lives as long
/// as the instance.
#[wasm_bindgen(js_name = loadTable)]
#[cfg_attr(size_build, optimize(size))]
pub fn load_table(table: Vec<u8>) -> Result<u32, JsValue> {
    // Bytes, not a JS string: one native copy into the wasm instead of wasm-bindgen's per-character
    // loop, which V8 compiles on the spot and whose compile work outlasted the call (cold start +6 ms).
    let table = String::from_utf8(table).map_err(|_| invalid("table", "is not UTF-8"))?;
    let table: &'static str = Box::leak(table.into_boxed_str());
    let model =
        text::parse(table).map_err(|e| invalid("table", cat!("line ", e.line, ": ", e.message)))?;
    let service = Box::leak(Box::new(Service {
        model,
        below: kinds_below(model),
    }));
    SERVICES.with(|s| {
        let mut s = s.borrow_mut();
        s.push(service);
        Ok(s.len() as u32 - 1)
    })
}

/// The service `id` names, if one was loaded under it.
pub fn service(id: u32) -> Option<&'static Service> {
    SERVICES.with(|s| s.borrow().get(id as usize).copied())
}
