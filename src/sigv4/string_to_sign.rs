//! The string to sign: algorithm, time, credential scope and the canonical request's hash.

use super::key::push_hex;
use crate::text::cat::Put;
use std::fmt;
use std::ops::Range;

pub const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// `AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n<hash>`: its
/// text is exactly the spec's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringToSign {
    text: String,
    /// Where the credential scope sits in `text`.
    scope: Range<usize>,
}

impl StringToSign {
    /// `amz_date` is `X-Amz-Date` (`20150830T123600Z`); the scope's date is its first 8 characters.
    pub fn new(
        amz_date: &str,
        region: &str,
        service: &str,
        canonical_request_sha256: &[u8; 32],
    ) -> Self {
        let mut text = String::with_capacity(160);
        text.put(ALGORITHM);
        text.push('\n');
        text.put(amz_date);
        text.push('\n');
        let start = text.len();
        for part in [amz_date.get(..8).unwrap_or_default(), region, service] {
            text.put(part);
            text.push('/');
        }
        text.put("aws4_request");
        let scope = start..text.len();
        text.push('\n');
        push_hex(&mut text, canonical_request_sha256);
        StringToSign { text, scope }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// `20150830/us-east-1/service/aws4_request`.
    pub fn scope(&self) -> &str {
        self.text.get(self.scope.clone()).unwrap_or_default()
    }
}

impl fmt::Display for StringToSign {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}
