//! The JS face: the only code that knows about `wasm-bindgen`. It reads JS values, calls the
//! core, and hands back JS objects and `ElbError`s. Built for `wasm32` only.

mod client;
mod error;
mod fetch;
mod output;
mod read;
mod sign;

// Public for the wasm-bindgen tests (tests/wasm.rs); JS sees them through the package entry.
pub use client::RawClient;
pub use sign::sign;
