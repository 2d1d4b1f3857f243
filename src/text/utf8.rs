//! Bytes as text with every invalid sequence replaced by U+FFFD, as `String::from_utf8_lossy`
//! and the WHATWG decoder behind `Response.text()` do (one U+FFFD per maximal invalid subpart,
//! Unicode's best practice). std's version links its `Utf8Chunks` iterator (0.7 KB of wasm);
//! `Utf8Error` already says how long each invalid subpart is, and `from_utf8` is linked anyway.

use crate::text::cat::Put;
/// `bytes` as text, each maximal invalid subpart replaced by U+FFFD.
pub fn lossy(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(text) => {
                out.put(text);
                return out;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                out.put(std::str::from_utf8(good).unwrap_or_default());
                out.push('\u{FFFD}');
                // No length: the input ends inside a sequence, which is one subpart.
                rest = bad
                    .get(e.error_len().unwrap_or(bad.len())..)
                    .unwrap_or_default();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Held to std's `from_utf8_lossy` on every case the algorithm has and on pseudo-random bytes.
    #[test]
    fn agrees_with_std() {
        let cases: [&[u8]; 12] = [
            b"",
            b"plain",
            "ü€😀".as_bytes(),
            b"\xff",
            b"a\xffb",
            b"\xe2\x82",
            b"\xe2\x82a",
            b"\xf0\x9f\x98",
            b"\xed\xa0\x80",
            b"\xc0\xaf",
            b"\xf4\x90\x80\x80",
            b"\x80\x80\xf0\x9f\x98\x80\xe2",
        ];
        for bytes in cases {
            assert_eq!(lossy(bytes), String::from_utf8_lossy(bytes), "{bytes:?}");
        }
        // A xorshift stream over bytes biased to UTF-8 lead and continuation bytes.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            let len = (x % 12) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    [
                        0x41,
                        0x80,
                        0xbf,
                        0xc2,
                        0xe0,
                        0xed,
                        0xf0,
                        0xf4,
                        0xff,
                        (x >> 8) as u8,
                    ][(x % 10) as usize]
                })
                .collect();
            assert_eq!(lossy(&bytes), String::from_utf8_lossy(&bytes), "{bytes:?}");
        }
    }
}
