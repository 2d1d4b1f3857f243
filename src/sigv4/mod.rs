//! AWS Signature Version 4, for any request: canonical request → string to sign → signature.
//!
//! The time is a parameter: nothing here reads a clock.

mod canonical;
mod key;
mod pair_sort;
mod string_to_sign;

pub use canonical::{CanonicalRequest, canonical_headers, canonical_query, canonical_uri};
pub use key::{SigningKeyCache, derive_signing_key, hex, hmac, sha256};
pub use string_to_sign::{ALGORITHM, StringToSign};

use crate::time;

/// AWS credentials. `Debug` never shows the secret or the token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"<redacted>")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

/// The parts of an HTTP request that SigV4 covers.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub method: &'a str,
    /// See [`CanonicalRequest::new`] for which form of the path to pass.
    pub path: &'a str,
    /// The raw query string, without `?`.
    pub query: &'a str,
    /// Every header to sign, `host` included. Any `x-amz-date` (and, when a session token is
    /// signed, `x-amz-security-token`) here is replaced by the signer's own.
    pub headers: &'a [(&'a str, &'a str)],
    pub body: &'a [u8],
}

/// Who signs, for which region and service, and when.
#[derive(Debug, Clone, Copy)]
pub struct Params<'a> {
    pub credentials: &'a Credentials,
    pub region: &'a str,
    pub service: &'a str,
    /// The signing instant, in milliseconds since the Unix epoch.
    pub time_ms: i64,
}

/// Everything the signer worked out; `headers` is what the request must carry in addition.
/// No `Debug`: the canonical request holds the session token and the rest hold the signature.
#[derive(Clone)]
pub struct Signed {
    pub canonical_request: CanonicalRequest,
    pub string_to_sign: StringToSign,
    pub signature: String,
    pub authorization: String,
    /// `x-amz-date`, `x-amz-security-token` when there is a token, and `authorization`.
    pub headers: Vec<(&'static str, String)>,
}

/// Signs `req`, deriving the signing key through `cache`.
pub fn sign(req: &Request<'_>, params: &Params<'_>, cache: &mut SigningKeyCache) -> Signed {
    let amz_date = time::format_amz_date(params.time_ms);
    let token = params.credentials.session_token.as_deref();

    let mut headers: Vec<(&str, &str)> = req
        .headers
        .iter()
        .filter(|(n, _)| {
            let replaced = n.eq_ignore_ascii_case("x-amz-date")
                || (token.is_some() && n.eq_ignore_ascii_case("x-amz-security-token"));
            !replaced
        })
        .copied()
        .collect();
    headers.push(("x-amz-date", &amz_date));
    if let Some(t) = token {
        headers.push(("x-amz-security-token", t));
    }

    let payload_hash = hex(&sha256(req.body));
    let canonical_request =
        CanonicalRequest::new(req.method, req.path, req.query, &headers, &payload_hash);
    let string_to_sign = StringToSign::new(
        &amz_date,
        params.region,
        params.service,
        &hex(&sha256(canonical_request.as_str().as_bytes())),
    );
    let signature = hex(&cache.sign(
        &params.credentials.secret_access_key,
        amz_date.get(..8).unwrap_or_default(),
        params.region,
        params.service,
        string_to_sign.as_str().as_bytes(),
    ));
    let mut authorization = String::with_capacity(256);
    for part in [
        ALGORITHM,
        " Credential=",
        &params.credentials.access_key_id,
        "/",
        string_to_sign.scope(),
        ", SignedHeaders=",
        canonical_request.signed_headers(),
        ", Signature=",
        &signature,
    ] {
        authorization.push_str(part);
    }

    let mut added = vec![("x-amz-date", amz_date)];
    if let Some(t) = token {
        added.push(("x-amz-security-token", t.to_owned()));
    }
    added.push(("authorization", authorization.clone()));
    Signed {
        canonical_request,
        string_to_sign,
        signature,
        authorization,
        headers: added,
    }
}
