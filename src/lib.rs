//! elb-wasm: an AWS Elastic Load Balancing (Classic, API 2012-06-01) client core.
//!
//! Data flows one way: input value → [`validate`] → [`query`] form → [`sigv4`] → the caller's
//! I/O → [`xml`] → output value. [`client`] is sans-IO: it says what to send and what an answer
//! means; the caller sends, waits and reads the clock. Everything here is pure and clock-free, so
//! it builds and tests on the host as well as on `wasm32-unknown-unknown`; the JS face sits on top.

// The core has no unsafe code; only `js` needs it (wasm-bindgen's glue and the allocator).
#![deny(unsafe_code)]

pub mod base64;
#[macro_use]
pub mod cat;
pub mod client;
pub mod decimal;
pub mod digits;
pub mod error;
pub mod find;
#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)]
pub mod js;
pub mod json;
pub mod model;
pub mod pattern;
pub mod percent;
pub mod query;
pub mod request;
pub mod retry;
pub mod sigv4;
pub mod skew;
pub mod time;
pub mod validate;
pub mod value;
pub mod xml;
pub mod xml_lexer;

pub use error::{Error, ServiceError};
pub use model::ELB;
pub use value::Value;
