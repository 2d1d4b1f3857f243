//! The service tables the engine serves, handed in by the package entries as text: one wasm for
//! every service, and a bundle carries only the tables of the entries it imports.

use super::error::invalid;
use crate::model::{Model, text};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    static SERVICES: RefCell<Vec<&'static Model>> = const { RefCell::new(Vec::new()) };
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
    SERVICES.with(|s| {
        let mut s = s.borrow_mut();
        s.push(model);
        Ok(s.len() as u32 - 1)
    })
}

/// The service `id` names, if one was loaded under it.
pub fn service(id: u32) -> Option<&'static Model> {
    SERVICES.with(|s| s.borrow().get(id as usize).copied())
}
