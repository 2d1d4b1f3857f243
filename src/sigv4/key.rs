//! HMAC-SHA256, the derived signing key, and a cache of it: deriving the key costs four HMACs,
//! and it changes only once a day per region and service.

use sha2::{Digest, Sha256};

/// An HMAC-SHA256 key (RFC 2104) with its two pad blocks hashed already: each MAC then costs
/// only the data's blocks and one more. Ours rather than the `hmac` crate's (issue 17: its
/// generic machinery was 2 KB of wasm for these dozen lines).
#[derive(Clone)]
pub struct HmacKey {
    inner: Sha256,
    outer: Sha256,
}

impl HmacKey {
    pub fn new(key: &[u8]) -> HmacKey {
        let mut block = [0u8; 64];
        if key.len() > block.len() {
            block[..32].copy_from_slice(&sha256(key));
        } else {
            block[..key.len()].copy_from_slice(key);
        }
        let padded = |pad: u8| {
            let mut h = Sha256::new();
            h.update(block.map(|b| b ^ pad));
            h
        };
        HmacKey {
            inner: padded(0x36),
            outer: padded(0x5c),
        }
    }

    pub fn mac(&self, data: &[u8]) -> [u8; 32] {
        let mut inner = self.inner.clone();
        inner.update(data);
        let mut outer = self.outer.clone();
        outer.update(inner.finalize());
        outer.finalize().into()
    }
}

pub fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    HmacKey::new(key).mac(data)
}

pub fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

/// Appends `bytes` as lower-case hex.
pub fn push_hex(out: &mut String, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
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

    #[test]
    fn hmac_matches_rfc_4231() {
        // Test cases 2 (a short key) and 6 (a key longer than a block, hashed first).
        assert_eq!(
            hex(&hmac(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert_eq!(
            hex(&hmac(
                &[0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First"
            )),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
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
