//! Float and Double values travel as the decimal text they came in (JSON from JS, XML from AWS):
//! both sides already write numbers the other reads, so the wasm needs no float parser or
//! printer (they cost it ~13 KB brotli). Only range checks need a value: the runtime's
//! `parseFloat` in the wasm, an approximation on the host ([`approx`]).

/// Whether `t` is a number as JSON writes one: `-?(0|[1-9]digits)(.digits)?([eE][+-]?digits)?`
/// (`JSON.parse` refuses `01.5`, so the leading zero rule is checked too).
pub fn is_number(t: &str) -> bool {
    is_decimal(t, false)
}

/// [`is_number`]'s grammar, with leading zeros allowed or not.
#[cfg_attr(size_build, optimize(size))]
fn is_decimal(t: &str, leading_zeros: bool) -> bool {
    let b = t.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    if !leading_zeros && b.get(i) == Some(&b'0') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        return false;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > start
    };
    if !digits(&mut i) {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return false;
        }
    }
    i == b.len()
}

/// A number as XML Schema's `xs:double` allows it (`+1.5`, `01.5`, `.5`, `5.`, `-007`, blanks
/// around it: what a service's XML may hold), as JSON number text, or one of [`is_special`]'s
/// spellings as they are. `None` for anything else, blank included.
#[cfg_attr(size_build, optimize(size))]
pub fn from_xml(t: &str) -> Option<String> {
    let t = t.trim_ascii();
    if is_number(t) || is_special(t) {
        return Some(t.to_owned());
    }
    // One pass over the bytes, as a small state machine: `str`'s searches and slicing link more
    // wasm than this (issue 22). States: 0 sign, 1 whole part, 2 fraction, 3 exponent's sign,
    // 4 exponent's digits.
    let mut out = Vec::with_capacity(t.len() + 1);
    let (mut state, mut mantissa, mut whole, mut exponent) = (0u8, false, false, false);
    // Before an exponent or at the end: `0` for an empty whole part, no bare trailing point.
    let close_mantissa = |out: &mut Vec<u8>, whole: bool| {
        if !whole {
            out.push(b'0');
        }
        if out.last() == Some(&b'.') {
            out.pop();
        }
    };
    for b in t.bytes() {
        match (state, b) {
            (0, b'-') => {
                out.push(b'-');
                state = 1;
            }
            (0, b'+') => state = 1,
            (0 | 1, b'0'..=b'9') => {
                state = 1;
                mantissa = true;
                // Leading zeros are dropped; JSON allows none.
                if b != b'0' || whole {
                    whole = true;
                    out.push(b);
                }
            }
            (0 | 1, b'.') => {
                close_mantissa(&mut out, whole);
                whole = true;
                out.push(b'.');
                state = 2;
            }
            (2, b'0'..=b'9') => {
                mantissa = true;
                out.push(b);
            }
            (1 | 2, b'e' | b'E') if mantissa => {
                close_mantissa(&mut out, whole);
                whole = true;
                out.push(b'e');
                state = 3;
            }
            (3, b'+' | b'-') => {
                out.push(b);
                state = 4;
            }
            (3 | 4, b'0'..=b'9') => {
                exponent = true;
                out.push(b);
                state = 4;
            }
            _ => return None,
        }
    }
    if !mantissa || (state >= 3 && !exponent) {
        return None;
    }
    close_mantissa(&mut out, whole);
    String::from_utf8(out).ok()
}

/// AWS's spellings of the values JSON cannot write.
pub fn is_special(t: &str) -> bool {
    matches!(t, "NaN" | "Infinity" | "-Infinity")
}

/// The value of a number's text (leading zeros allowed), or `None` for text that is no number:
/// enough to compare against a model's bounds.
///
/// In the wasm the runtime's `parseFloat` reads it (`src/js/number.rs`), correctly rounded, so
/// the wasm carries no reader of its own (issue 28: -0.3 KB brotli); elsewhere [`approx_here`]
/// does. The wasm-bindgen tests hold the two together.
#[cfg_attr(size_build, optimize(size))]
pub fn approx(t: &str) -> Option<f64> {
    match t {
        "NaN" => return Some(f64::NAN),
        "Infinity" => return Some(f64::INFINITY),
        "-Infinity" => return Some(f64::NEG_INFINITY),
        _ if !is_decimal(t, true) => return None,
        _ => {}
    }
    #[cfg(target_arch = "wasm32")]
    return Some(crate::js::number::parse(t));
    #[cfg(not(target_arch = "wasm32"))]
    return Some(approx_here(t));
}

/// This module's reader (the host's; see [`approx`]) of text [`approx`] has checked, to within a
/// few units in the last place: digits beyond the 19th are dropped, powers of ten multiplied in.
pub fn approx_here(t: &str) -> f64 {
    let (negative, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let (mantissa_text, exp_text) = match body.find(['e', 'E']) {
        Some(at) => (
            body.get(..at).unwrap_or_default(),
            body.get(at + 1..).unwrap_or_default(),
        ),
        None => (body, "0"),
    };
    let mut exponent: i64 = crate::text::digits::parse_int(
        exp_text.strip_prefix('+').unwrap_or(exp_text),
    )
    .unwrap_or(if exp_text.starts_with('-') {
        i64::MIN / 2
    } else {
        i64::MAX / 2
    });
    let mut mantissa: u64 = 0;
    let mut significant = 0;
    let mut after_point = false;
    for b in mantissa_text.bytes() {
        if b == b'.' {
            after_point = true;
            continue;
        }
        let d = u64::from(b - b'0');
        if significant < 19 {
            mantissa = mantissa * 10 + d;
            if mantissa > 0 {
                significant += 1;
            }
            if after_point {
                exponent = exponent.saturating_sub(1);
            }
        } else if !after_point {
            exponent = exponent.saturating_add(1);
        }
    }
    let e = exponent.clamp(-400, 400) as i32;
    // Two steps keep 10^e finite where the result is (1e-320 is 1e-300 * 1e-20).
    let half = e / 2;
    let value = mantissa as f64 * 10f64.powi(half) * 10f64.powi(e - half);
    if negative { -value } else { value }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_number_text() {
        for ok in [
            "0",
            "-0",
            "1.5",
            "10",
            "1e3",
            "1E+3",
            "-2.25e-7",
            "123456789012345678901234",
        ] {
            assert!(is_number(ok), "{ok}");
        }
        for bad in [
            "", "-", "+1", ".5", "1.", "1e", "1e+", "0x10", "1.5.2", " 1", "NaN", "1,5", "01.5",
            "-007", "00",
        ] {
            assert!(!is_number(bad), "{bad}");
        }
        assert!(is_special("NaN") && is_special("-Infinity") && !is_special("nan"));
    }

    #[test]
    fn reads_what_xml_may_hold_as_json_numbers() {
        for (xml, json) in [
            ("1.5", "1.5"),
            ("01.5", "1.5"),
            ("-007", "-7"),
            ("+3", "3"),
            (".5", "0.5"),
            ("5.", "5"),
            ("-.5E+02", "-0.5e+02"),
            ("000", "0"),
            ("-0", "-0"),
            ("  2.25\n", "2.25"),
            ("1e999", "1e999"),
            ("NaN", "NaN"),
            ("-Infinity", "-Infinity"),
        ] {
            let got = from_xml(xml);
            assert_eq!(got.as_deref(), Some(json), "{xml:?}");
            if !is_special(json) {
                assert!(is_number(json), "{xml:?} -> {json}");
                // What the text means is kept: the standard library reads both alike.
                let (a, b) = (
                    xml.trim().parse::<f64>().unwrap(),
                    json.parse::<f64>().unwrap(),
                );
                assert_eq!(a.to_bits(), b.to_bits(), "{xml:?}");
            }
        }
        for bad in [
            "", " ", ".", "-", "+", "e5", "1e", "1e+", "1.5.2", "0x10", "1,5", "--1", "+-1", "nan",
            "INF", "1 5", "1.5e2.5",
        ] {
            assert_eq!(from_xml(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn approximates_closely() {
        for (t, v) in [
            ("1.5", 1.5),
            ("-0.001", -0.001),
            ("1e3", 1000.0),
            ("2.5E-3", 0.0025),
            ("123456789012345678901234", 1.2345678901234568e23),
            ("1.7e308", 1.7e308),
            ("5e-324", 5e-324),
        ] {
            let got = approx(t).unwrap();
            assert!((got - v).abs() <= v.abs() * 1e-14, "{t}: {got} vs {v}");
        }
        assert_eq!(approx("1e999"), Some(f64::INFINITY));
        assert_eq!(approx("-1e-999"), Some(-0.0));
        assert!(approx("NaN").unwrap().is_nan());
        assert_eq!(approx("x"), None);
        assert_eq!(
            approx("007.5"),
            Some(7.5),
            "leading zeros are read, as str::parse does"
        );
        assert_eq!(approx("1e99999999999999999999"), Some(f64::INFINITY));
    }
}
