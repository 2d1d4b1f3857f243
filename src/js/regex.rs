//! Pattern constraints checked by the runtime's `RegExp` (see `crate::text::pattern::matches`).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/client/pattern.js")]
extern "C" {
    #[wasm_bindgen(js_name = patternMatches)]
    fn pattern_matches(pattern: &str, value: &str) -> bool;
}

pub fn test(pattern: &str, value: &str) -> bool {
    pattern_matches(pattern, value)
}
