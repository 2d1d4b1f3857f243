//! Decimal text read as a double by the runtime's `parseFloat` (see `crate::text::decimal::approx`).

/// The double `text` (a decimal [`crate::text::decimal`] has checked) stands for, correctly rounded.
pub fn parse(text: &str) -> f64 {
    js_sys::Number::parse_float(text)
}
