//! The cryptographic half of `sign(request, options)`; `js/client/sign.js` is the other half.

use super::error::invalid;
use crate::sigv4::{self, SigningKeyCache};
use crate::text::cat::Put;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    /// Signing keys last a day per region and service: derive them once, like aws4fetch does.
    static KEYS: RefCell<SigningKeyCache> = RefCell::new(SigningKeyCache::default());
}

/// What `js/client/sign.js` hands over, as one UTF-8 string (one crossing into the wasm instead of a
/// dozen; JS encodes it into a reused buffer, which is faster than passing a JS string):
/// `method, path, query, host, region, service, accessKeyId, secret, token, n`, then `n` header
/// names and values, each followed by a NUL; what follows is the body text (which may hold NULs).
/// A binary body comes as `body_bytes`. Returns the headers to add, names and values each
/// followed by a NUL. Region checked here; everything else was read and checked by the caller.
#[wasm_bindgen(js_name = signFlat)]
#[cfg_attr(size_build, optimize(size))]
pub fn sign_flat(
    fields: &[u8],
    body_bytes: Option<Vec<u8>>,
    time_ms: f64,
) -> Result<String, JsValue> {
    let Ok(fields) = std::str::from_utf8(fields) else {
        return Err(invalid("request", "is not UTF-8"));
    };
    let mut parts = crate::text::find::split(fields, 0);
    let mut next = || parts.next().unwrap_or_default();
    let [
        method,
        path,
        query,
        host,
        region,
        service,
        access_key_id,
        secret,
        token,
        count,
    ] = std::array::from_fn(|_| next());
    let mut rest = parts.remainder();
    crate::call::request::check_region(region).map_err(super::error::before_sending)?;
    let count = crate::text::digits::parse_int(count)
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(0);
    let mut pairs: Vec<(&str, &str)> = Vec::with_capacity(count + 1);
    pairs.push(("host", host));
    for _ in 0..count {
        let mut split = crate::text::find::split(rest, 0);
        let (Some(n), Some(v)) = (split.next(), split.next()) else {
            return Err(invalid("request.headers", "could not be read"));
        };
        pairs.push((n, v));
        rest = split.remainder();
    }
    let body = match &body_bytes {
        Some(b) => b.as_slice(),
        None => rest.as_bytes(),
    };
    let signed = KEYS.with(|keys| {
        let mut keys = keys.try_borrow_mut().ok()?;
        Some(sigv4::sign(
            &sigv4::Request {
                method,
                path,
                query,
                headers: &pairs,
                body,
            },
            &sigv4::Params {
                access_key_id,
                secret_access_key: secret,
                session_token: Some(token).filter(|t| !t.is_empty()),
                region,
                service,
                time_ms: time_ms as i64,
            },
            &mut keys,
        ))
    });
    let Some(signed) = signed else {
        return Err(invalid("", "sign was re-entered"));
    };
    let mut out = String::with_capacity(256);
    for (n, v) in &signed.headers {
        out.put(n);
        out.push('\0');
        out.put(v);
        out.push('\0');
    }
    Ok(out)
}
