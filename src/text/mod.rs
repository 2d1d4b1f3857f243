//! Text and number helpers with no knowledge of AWS: the leaves every other layer stands on.
//! Most replace a `core`/std facility (`fmt`, float parsing, `str::find`) that costs the wasm more
//! than it does here; README's "Dependencies" table holds each to the crate it stands in for.

// First: `cat!`/`push!` are textual macros, visible only to code after this line.
#[macro_use]
pub mod cat;
// Host only: the wasm reads no blob (the table reader refuses one there; no shipped table has
// one), so it carries no base64 (issue 28: -0.46 KB brotli).
#[cfg(not(target_arch = "wasm32"))]
pub mod base64;
pub mod decimal;
pub mod digits;
pub mod find;
pub mod pattern;
pub mod percent;
pub mod time;
pub mod utf8;
