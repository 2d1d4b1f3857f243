//! HMAC-SHA256, the derived signing key, and a cache of it: deriving the key costs four HMACs,
//! and it changes only once a day per region and service.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

/// An HMAC-SHA256 key (RFC 2104, the `hmac` crate) whose pad blocks are hashed once: each MAC
/// then costs only the data's blocks and one more. Crypto is not ours to maintain; measured
/// against the hand-written one it replaced, the crate is no larger in the wasm (issue 22).
#[derive(Clone)]
pub struct HmacKey(Hmac<Sha256>);

impl HmacKey {
    pub fn new(key: &[u8]) -> HmacKey {
        // HMAC takes a key of any length (a long one is hashed first): this cannot fail.
        match Hmac::<Sha256>::new_from_slice(key) {
            Ok(mac) => HmacKey(mac),
            Err(_) => unreachable!("HMAC accepts keys of any length"),
        }
    }

    pub fn mac(&self, data: &[u8]) -> [u8; 32] {
        let mut mac = self.0.clone();
        mac.update(data);
        mac.finalize().into_bytes().into()
    }
}

pub fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    HmacKey::new(key).mac(data)
}

pub fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

/// Appends `bytes` as lower-case hex. Written 32 bytes at a time into a buffer and appended
/// once: a `push` per digit was 7% of a signature (a hash is 64 digits, and a signature writes
/// three).
pub fn push_hex(out: &mut String, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for chunk in bytes.chunks(32) {
        let mut buf = [0u8; 64];
        for (pair, &b) in buf.chunks_exact_mut(2).zip(chunk) {
            pair[0] = DIGITS[usize::from(b >> 4)];
            pair[1] = DIGITS[usize::from(b & 15)];
        }
        let digits = buf.get(..chunk.len() * 2).unwrap_or_default();
        out.push_str(std::str::from_utf8(digits).unwrap_or_default());
    }
}

pub fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    push_hex(&mut out, bytes);
    out
}

/// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").
pub fn derive_signing_key(secret: &str, date: &str, region: &str, service: &str) -> [u8; 32] {
    let k_date = hmac(&[b"AWS4", secret.as_bytes()].concat(), date.as_bytes());
    let k_region = hmac(&k_date, region.as_bytes());
    let k_service = hmac(&k_region, service.as_bytes());
    hmac(&k_service, b"aws4_request")
}

/// Remembers the last derived key and what it was derived from, so a rotated secret is noticed.
/// The secret is compared as is: hashing it to compare would cost one SHA-256 block of the ten a
/// signature takes, and the wasm memory holds it anyway (a client keeps static credentials).
#[derive(Default)]
pub struct SigningKeyCache {
    last: Option<CachedKey>,
}

struct CachedKey {
    secret: String,
    date: String,
    region: String,
    service: String,
    /// The signing key, its pads hashed already: that saves two of the dozen SHA-256 blocks a
    /// signature costs.
    mac: HmacKey,
}

impl SigningKeyCache {
    /// HMAC-SHA256 of `data` under the signing key for `secret`, `date`, `region`, `service`.
    pub fn sign(
        &mut self,
        secret: &str,
        date: &str,
        region: &str,
        service: &str,
        data: &[u8],
    ) -> [u8; 32] {
        let fresh = match &self.last {
            Some(c) => {
                c.secret != secret || c.date != date || c.region != region || c.service != service
            }
            None => true,
        };
        if fresh {
            let mac = HmacKey::new(&derive_signing_key(secret, date, region, service));
            self.last = Some(CachedKey {
                secret: secret.to_owned(),
                date: date.to_owned(),
                region: region.to_owned(),
                service: service.to_owned(),
                mac,
            });
        }
        let Some(c) = &self.last else {
            return [0; 32];
        };
        c.mac.mac(data)
    }
}

impl std::fmt::Debug for SigningKeyCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SigningKeyCache { .. }")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_signs_with_the_derived_key_and_notices_changes() {
        let mut cache = SigningKeyCache::default();
        let expected = hmac(
            &derive_signing_key("secret", "20150830", "us-east-1", "iam"),
            b"data",
        );
        let mut sign = |secret, date| cache.sign(secret, date, "us-east-1", "iam", b"data");
        assert_eq!(sign("secret", "20150830"), expected);
        assert_eq!(sign("secret", "20150830"), expected, "cached");
        assert_ne!(sign("secret", "20150831"), expected);
        assert_ne!(sign("rotated", "20150830"), expected);
        assert_eq!(sign("secret", "20150830"), expected, "and back");
    }

    /// RFC 4231 section 4: the seven HMAC-SHA-256 test cases (case 5's output is truncated to
    /// 128 bits by the RFC, so only that prefix is compared).
    #[test]
    fn hmac_matches_rfc_4231() {
        let cases: [(Vec<u8>, Vec<u8>, &str); 7] = [
            (
                vec![0x0b; 20],
                b"Hi There".to_vec(),
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
            ),
            (
                b"Jefe".to_vec(),
                b"what do ya want for nothing?".to_vec(),
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            ),
            (
                vec![0xaa; 20],
                vec![0xdd; 50],
                "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
            ),
            (
                (1..=25).collect(),
                vec![0xcd; 50],
                "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
            ),
            (
                vec![0x0c; 20],
                b"Test With Truncation".to_vec(),
                "a3b6167473100ee06e0c796c2955552b",
            ),
            (
                vec![0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First".to_vec(),
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
            ),
            (
                vec![0xaa; 131],
                b"This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".to_vec(),
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
            ),
        ];
        for (i, (key, data, expected)) in cases.iter().enumerate() {
            let mac = hex(&hmac(key, data));
            assert_eq!(&mac[..expected.len()], *expected, "RFC 4231 case {}", i + 1);
            assert_eq!(
                hex(&HmacKey::new(key).mac(data)),
                mac,
                "a kept key, case {}",
                i + 1
            );
        }
    }

    #[test]
    fn derives_the_documented_key() {
        // The worked example of the AWS General Reference ("Examples of how to derive a signing key").
        let key = derive_signing_key(
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            "20120215",
            "us-east-1",
            "iam",
        );
        assert_eq!(
            hex(&key),
            "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d"
        );
    }
}
