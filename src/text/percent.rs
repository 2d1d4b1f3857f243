//! RFC 3986 percent-encoding, as SigV4 and the awsQuery form body both require.

const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Appends `s` to `out`, escaping every byte but the unreserved set; `/` too unless `keep_slash`.
#[cfg_attr(size_build, optimize(size))]
pub fn encode_into(out: &mut String, s: &str, keep_slash: bool) {
    for &b in s.as_bytes() {
        if is_unreserved(b) || (keep_slash && b == b'/') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
}

#[cfg_attr(size_build, optimize(size))]
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    encode_into(&mut out, s, false);
    out
}

#[cfg_attr(size_build, optimize(size))]
fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decodes `%XX` escapes; a `%` not followed by two hex digits stays as it is. `+` is left alone:
/// in a URL query it is a literal plus, not a space.
#[cfg_attr(size_build, optimize(size))]
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) => hex_value(h).zip(hex_value(l)),
            _ => None,
        };
        match escaped {
            Some((h, l)) => {
                out.push(h << 4 | l);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|e| crate::text::utf8::lossy(e.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_all_but_unreserved() {
        assert_eq!(encode("a-b_c.d~e f/g:h"), "a-b_c.d~e%20f%2Fg%3Ah");
        assert_eq!(encode("ሴ"), "%E1%88%B4");
        let mut s = String::new();
        encode_into(&mut s, "/a b/", true);
        assert_eq!(s, "/a%20b/");
    }

    #[test]
    fn decodes_escapes_and_keeps_bad_ones() {
        assert_eq!(decode("%E1%88%B4=a%2fb"), "ሴ=a/b");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz+"), "%zz+");
        assert_eq!(decode("%FF"), "\u{FFFD}");
    }
}
