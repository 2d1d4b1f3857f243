//! Integers as decimal text without `core::fmt`: `format!` was a good part of a signature's
//! time (X-Amz-Date), and the timestamps we write are plain zero-padded integers.

/// Appends `n` in decimal, zero-padded to at least `width` characters, a minus sign included
/// (what `format!("{n:0width$}")` writes).
#[cfg_attr(size_build, optimize(size))]
pub fn push_int(out: &mut String, n: i64, width: usize) {
    let mut digits = [0u8; 20];
    let mut rest = n.unsigned_abs();
    let mut len = 0;
    loop {
        digits[len] = b'0' + (rest % 10) as u8;
        len += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if n < 0 {
        out.push('-');
    }
    let pad = width.saturating_sub(len + usize::from(n < 0));
    for _ in 0..pad {
        out.push('0');
    }
    for &d in digits[..len].iter().rev() {
        out.push(char::from(d));
    }
}

/// A decimal integer as `str::parse::<i64>` reads it: an optional sign, then at least one digit;
/// `None` when it is not one or does not fit. Ours, so the wasm links no generic integer parser.
#[cfg_attr(size_build, optimize(size))]
pub fn parse_int(s: &str) -> Option<i64> {
    let (negative, digits) = match s.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        all => (false, all),
    };
    if digits.is_empty() {
        return None;
    }
    // Counted downwards, so that i64::MIN fits.
    let mut n: i64 = 0;
    for &b in digits {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        n = n.checked_mul(10)?.checked_sub(i64::from(d))?;
    }
    if negative { Some(n) } else { n.checked_neg() }
}

/// Hexadecimal digits (either case, no sign) as `u32::from_str_radix(s, 16)` reads an unsigned
/// one; `None` when there are none, another character, or too many. Ours, for the same reason.
#[cfg_attr(size_build, optimize(size))]
pub fn parse_hex(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let mut n: u32 = 0;
    for c in s.chars() {
        n = n.checked_mul(16)?.checked_add(c.to_digit(16)?)?;
    }
    Some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_str_parse_parses() {
        for s in [
            "0",
            "7",
            "-7",
            "+7",
            "",
            "-",
            "+",
            "+-1",
            "1a",
            " 1",
            "007",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "٣",
        ] {
            assert_eq!(parse_int(s), s.parse::<i64>().ok(), "{s:?}");
        }
    }

    #[test]
    fn parses_hex_as_from_str_radix_does_unsigned() {
        for s in [
            "0",
            "7f",
            "7F",
            "D83D",
            "dc00",
            "",
            "g",
            "1g",
            "ffffffff",
            "100000000",
            "0000000001",
            " 1",
            "٣",
            "x1",
        ] {
            assert_eq!(parse_hex(s), u32::from_str_radix(s, 16).ok(), "{s:?}");
        }
        // Signs are not hex digits (from_str_radix would take a `+`).
        assert_eq!(parse_hex("+1"), None);
    }

    #[test]
    fn writes_what_format_writes() {
        for n in [0, 7, -7, 42, 1000, -1000, 123_456_789, i64::MAX, i64::MIN] {
            for width in [0, 2, 4, 21] {
                let mut s = String::new();
                push_int(&mut s, n, width);
                assert_eq!(s, format!("{n:0width$}"), "{n} {width}");
            }
        }
    }
}
