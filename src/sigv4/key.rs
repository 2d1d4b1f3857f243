//! HMAC-SHA256, the derived signing key, and a cache of it: deriving the key costs four HMACs,
//! and it changes only once a day per region and service.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

pub fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    // HMAC takes keys of any length, so this never fails; the fallback only keeps it panic-free.
    let Ok(mut mac) = <Hmac<Sha256> as KeyInit>::new_from_slice(key) else {
        return [0; 32];
    };
    mac.update(data);
    mac.finalize().into_bytes().into()
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
    /// HMAC keyed with the signing key: its inner and outer pads are hashed already, which
    /// saves two of the dozen SHA-256 blocks a signature costs.
    mac: Hmac<Sha256>,
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
            let key = derive_signing_key(secret, date, region, service);
            // A 32-byte key is always accepted; the fallback only keeps this panic-free.
            let Ok(mac) = <Hmac<Sha256> as KeyInit>::new_from_slice(&key) else {
                return [0; 32];
            };
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
        let mut mac = c.mac.clone();
        mac.update(data);
        mac.finalize().into_bytes().into()
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
