//! Text and number helpers with no knowledge of AWS: the leaves every other layer stands on.
//! Most replace a `core`/std facility (`fmt`, float parsing, `str::find`) that costs the wasm more
//! than it does here; README's "Dependencies" table holds each to the crate it stands in for.

// First: `cat!`/`push!` are textual macros, visible only to code after this line.
#[macro_use]
pub mod cat;
pub mod base64;
pub mod decimal;
pub mod digits;
pub mod find;
pub mod pattern;
pub mod percent;
pub mod time;
pub mod utf8;
