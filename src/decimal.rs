//! Float and Double values travel as the decimal text they came in (JSON from JS, XML from AWS):
//! both sides already write numbers the other reads, so the wasm needs no float parser or
//! printer (they cost it ~13 KB brotli). Only range checks need a value, and an approximation
//! serves them.

/// Whether `t` is a number as JSON and AWS write one: `-?digits(.digits)?([eE][+-]?digits)?`.
#[cfg_attr(size_build, optimize(size))]
pub fn is_number(t: &str) -> bool {
    let b = t.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
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

/// AWS's spellings of the values JSON cannot write.
pub fn is_special(t: &str) -> bool {
    matches!(t, "NaN" | "Infinity" | "-Infinity")
}

/// The value of a number's text, to within a few units in the last place (digits beyond the
/// 19th are dropped, powers of ten multiplied in): enough to compare against a model's bounds.
#[cfg_attr(size_build, optimize(size))]
pub fn approx(t: &str) -> Option<f64> {
    match t {
        "NaN" => return Some(f64::NAN),
        "Infinity" => return Some(f64::INFINITY),
        "-Infinity" => return Some(f64::NEG_INFINITY),
        _ if !is_number(t) => return None,
        _ => {}
    }
    let (negative, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let (mantissa_text, exp_text) = match body.find(['e', 'E']) {
        Some(at) => (body.get(..at)?, body.get(at + 1..)?),
        None => (body, "0"),
    };
    let mut exponent: i64 = crate::digits::parse_int(
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
    Some(if negative { -value } else { value })
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
            "", "-", "+1", ".5", "1.", "1e", "1e+", "0x10", "1.5.2", " 1", "NaN", "1,5",
        ] {
            assert!(!is_number(bad), "{bad}");
        }
        assert!(is_special("NaN") && is_special("-Infinity") && !is_special("nan"));
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
        assert_eq!(approx("1e99999999999999999999"), Some(f64::INFINITY));
    }
}
