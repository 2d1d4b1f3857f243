//! AWS Signature Version 4, for any request: canonical request → string to sign → signature.
//!
//! The time is a parameter: nothing here reads a clock.

use crate::text::cat::Put;
mod canonical;
mod key;
mod pair_sort;
mod string_to_sign;

pub use canonical::{CanonicalRequest, canonical_query, canonical_uri};
pub use key::{SigningKeyCache, derive_signing_key, hex, hmac, push_hex, sha256};
pub use string_to_sign::{ALGORITHM, StringToSign};

use crate::text::time;

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
    /// Every header to sign, `host` included. Any `x-amz-date`, `authorization` (and, when a
    /// session token is signed, `x-amz-security-token`) here is replaced by the signer's own.
    pub headers: &'a [(&'a str, &'a str)],
    pub body: &'a [u8],
}

/// Who signs, for which region and service, and when. Borrowed pieces, so signing flat input
/// needs no `Credentials` built first. No `Debug`: it holds the secret.
#[derive(Clone, Copy)]
pub struct Params<'a> {
    pub access_key_id: &'a str,
    pub secret_access_key: &'a str,
    pub session_token: Option<&'a str>,
    pub region: &'a str,
    pub service: &'a str,
    /// The signing instant, in milliseconds since the Unix epoch.
    pub time_ms: i64,
}

impl<'a> Params<'a> {
    pub fn new(
        credentials: &'a Credentials,
        region: &'a str,
        service: &'a str,
        time_ms: i64,
    ) -> Self {
        Params {
            access_key_id: &credentials.access_key_id,
            secret_access_key: &credentials.secret_access_key,
            session_token: credentials.session_token.as_deref(),
            region,
            service,
            time_ms,
        }
    }
}

/// Everything the signer worked out; `headers` is what the request must carry in addition.
/// No `Debug`: the canonical request holds the session token and the rest hold the signature.
#[derive(Clone)]
pub struct Signed {
    pub canonical_request: CanonicalRequest,
    pub string_to_sign: StringToSign,
    /// `x-amz-date`, `x-amz-security-token` when there is a token, and `authorization`.
    pub headers: Vec<(&'static str, String)>,
}

impl Signed {
    /// The `Authorization` header's value.
    pub fn authorization(&self) -> &str {
        self.headers
            .iter()
            .find(|(n, _)| *n == "authorization")
            .map_or("", |(_, v)| v.as_str())
    }
}

/// Signs `req`, deriving the signing key through `cache`.
pub fn sign(req: &Request<'_>, params: &Params<'_>, cache: &mut SigningKeyCache) -> Signed {
    let amz_date = time::format_amz_date(params.time_ms);
    let token = params.session_token;

    let mut headers: Vec<(&str, &str)> = Vec::with_capacity(req.headers.len() + 2);
    headers.extend(req.headers.iter().copied().filter(|(n, _)| {
        // A stale Authorization (re-signing a signed request) is replaced, never signed.
        let replaced = n.eq_ignore_ascii_case("x-amz-date")
            || n.eq_ignore_ascii_case("authorization")
            || (token.is_some() && n.eq_ignore_ascii_case("x-amz-security-token"));
        !replaced
    }));
    headers.push(("x-amz-date", &amz_date));
    if let Some(t) = token {
        headers.push(("x-amz-security-token", t));
    }

    let canonical_request =
        CanonicalRequest::new(req.method, req.path, req.query, &headers, &sha256(req.body));
    let string_to_sign = StringToSign::new(
        &amz_date,
        params.region,
        params.service,
        &sha256(canonical_request.as_str().as_bytes()),
    );
    let signature = cache.sign(
        params.secret_access_key,
        amz_date.get(..8).unwrap_or_default(),
        params.region,
        params.service,
        string_to_sign.as_str().as_bytes(),
    );
    let mut authorization = String::with_capacity(256);
    for part in [
        ALGORITHM,
        " Credential=",
        params.access_key_id,
        "/",
        string_to_sign.scope(),
        ", SignedHeaders=",
        canonical_request.signed_headers(),
        ", Signature=",
    ] {
        authorization.put(part);
    }
    push_hex(&mut authorization, &signature);

    let mut added = Vec::with_capacity(3);
    added.push(("x-amz-date", amz_date));
    if let Some(t) = token {
        added.push(("x-amz-security-token", t.to_owned()));
    }
    added.push(("authorization", authorization));
    Signed {
        canonical_request,
        string_to_sign,
        headers: added,
    }
}
