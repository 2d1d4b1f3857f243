//! The cryptographic half of `sign(request, options)`; `js/sign.js` is the other half.

use super::error::invalid;
use crate::sigv4::{self, Credentials, SigningKeyCache};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    /// Signing keys last a day per region and service: derive them once, like aws4fetch does.
    static KEYS: RefCell<SigningKeyCache> = RefCell::new(SigningKeyCache::default());
}

/// What `js/sign.js` hands over, flattened: header names and values alternate in `headers`,
/// each followed by a NUL; the body is text or bytes. Returns the headers to add, flattened the
/// same way. Region checked here; everything else was read and checked by the caller.
#[wasm_bindgen(js_name = signFlat)]
#[allow(clippy::too_many_arguments)]
pub fn sign_flat(
    method: &str,
    path: &str,
    query: &str,
    host: &str,
    headers: &str,
    body_text: Option<String>,
    body_bytes: Option<Vec<u8>>,
    region: &str,
    service: &str,
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    time_ms: f64,
) -> Result<String, JsValue> {
    crate::request::check_region(region).map_err(super::error::before_sending)?;
    let credentials = Credentials {
        access_key_id,
        secret_access_key,
        session_token,
    };
    let mut pairs: Vec<(&str, &str)> = vec![("host", host)];
    let mut parts = headers.split('\0');
    while let (Some(n), Some(v)) = (parts.next(), parts.next()) {
        pairs.push((n, v));
    }
    let body = match (&body_text, &body_bytes) {
        (Some(t), _) => t.as_bytes(),
        (None, Some(b)) => b.as_slice(),
        (None, None) => &[],
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
                credentials: &credentials,
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
        out.push_str(n);
        out.push('\0');
        out.push_str(v);
        out.push('\0');
    }
    Ok(out)
}
