//! The string to sign: algorithm, time, credential scope and the canonical request's hash.

use std::fmt;

pub const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// `20150830/us-east-1/service/aws4_request`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    pub date: String,
    pub region: String,
    pub service: String,
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{}/{}/aws4_request",
            self.date, self.region, self.service
        )
    }
}

/// `Display` writes exactly the spec's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringToSign {
    pub amz_date: String,
    pub scope: Scope,
    /// Lower-case hex SHA-256 of the canonical request's text.
    pub canonical_request_hash: String,
}

impl fmt::Display for StringToSign {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{ALGORITHM}\n{}\n{}\n{}",
            self.amz_date, self.scope, self.canonical_request_hash
        )
    }
}
