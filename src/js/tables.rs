//! The service tables the engine serves, handed in by the package entries as text: one wasm for
//! every service, and a bundle carries only the tables of the entries it imports.

use super::error::invalid;
use crate::model::{Kind, Model, ShapeRef, text};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// A loaded table and, per shape, whether a timestamp lies anywhere below it (worked out once,
/// not per element of every response).
pub struct Service {
    pub model: &'static Model,
    has_timestamp: Vec<bool>,
}

impl Service {
    #[cfg_attr(size_build, optimize(size))]
    pub fn has_timestamp(&self, r: ShapeRef) -> bool {
        self.has_timestamp
            .get(usize::from(r))
            .copied()
            .unwrap_or(false)
    }
}

thread_local! {
    static SERVICES: RefCell<Vec<&'static Service>> = const { RefCell::new(Vec::new()) };
}

/// A fixed point over the members, so recursive shapes are fine.
#[cfg_attr(size_build, optimize(size))]
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
        has_timestamp: timestamp_shapes(model),
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
