//! The JS face: the only code that knows about `wasm-bindgen`. It reads JS values, calls the
//! core, and hands back JS objects and `ElbError`s. Built for `wasm32` only.

mod answer;
mod client;
mod error;
mod heap;
pub mod number;
mod output;
mod read;
pub mod regex;
mod sign;
mod tables;

// Public for the wasm-bindgen tests (tests/wasm.rs); JS sees them through the package entry.
pub use client::{RawCall, RawClient};
pub use heap::heap_bytes;
pub use sign::sign_flat;
pub use tables::load_table;

/// Bytes of linear memory the instance holds. It only ever grows, so two readings around a
/// long run show whether calls leak. Not re-exported by the package entries: a diagnostic.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = wasmMemoryBytes)]
pub fn wasm_memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65536) as f64
}
