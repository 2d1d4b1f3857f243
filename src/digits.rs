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

#[cfg(test)]
mod tests {
    use super::*;

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
