//! elb-wasm: an AWS Elastic Load Balancing (Classic, API 2012-06-01) client core.
//!
//! Data flows one way: input value → [`codec::validate`] → [`codec::query`] form → [`sigv4`] → the
//! caller's I/O → [`codec::xml`] → output value. [`call::client`] is sans-IO: it says what to send and what an answer
//! means; the caller sends, waits and reads the clock. Everything here is pure and clock-free, so
//! it builds and tests on the host as well as on `wasm32-unknown-unknown`; the JS face sits on top.

// The core has no unsafe code; only `js` needs it (wasm-bindgen's glue and the allocator).
#![deny(unsafe_code)]

// Layers, lowest first; a module imports only from its own layer or those above it in this list.
// `text` comes first: its `cat!`/`push!` macros are visible only to modules declared after it.
#[macro_use]
pub mod text;
pub mod call;
pub mod codec;
pub mod error;
#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)]
pub mod js;
pub mod model;
pub mod sigv4;
pub mod value;

pub use error::{Error, ServiceError};
pub use model::ELB;
pub use value::Value;
