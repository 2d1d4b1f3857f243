//! `sign(request, options)`: SigV4 for any request, synchronous, nothing sent.

use super::error::invalid;
use super::read;
use crate::sigv4::{self, SigningKeyCache};
use js_sys::{Array, Date, Object, Reflect, Uint8Array};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// WHATWG `URL`: the same parser `fetch` uses, so what is signed is what is sent.
    #[wasm_bindgen(js_name = URL)]
    type Url;
    #[wasm_bindgen(catch, constructor, js_class = "URL")]
    fn new(url: &str) -> Result<Url, JsValue>;
    #[wasm_bindgen(method, getter, js_class = "URL")]
    fn protocol(this: &Url) -> String;
    #[wasm_bindgen(method, getter, js_class = "URL")]
    fn host(this: &Url) -> String;
    #[wasm_bindgen(method, getter, js_class = "URL")]
    fn pathname(this: &Url) -> String;
    #[wasm_bindgen(method, getter, js_class = "URL")]
    fn search(this: &Url) -> String;
    #[wasm_bindgen(method, getter, js_class = "URL")]
    fn href(this: &Url) -> String;
}

thread_local! {
    /// Signing keys last a day per region and service: derive them once, like aws4fetch does.
    static KEYS: RefCell<SigningKeyCache> = RefCell::new(SigningKeyCache::default());
}

/// Header name/value pairs from a plain object, a `Headers`, a `Map` or an array of pairs.
fn header_pairs(headers: &JsValue) -> Result<Vec<(String, String)>, JsValue> {
    if headers.is_undefined() || headers.is_null() {
        return Ok(Vec::new());
    }
    if !headers.is_object() {
        return Err(invalid(
            "request.headers",
            "must be an object, a Headers or an array of [name, value] pairs",
        ));
    }
    let entries: Array = if Array::is_array(headers) {
        headers.clone().unchecked_into()
    } else if let Ok(Some(iter)) = js_sys::try_iter(headers) {
        let out = Array::new();
        for item in iter {
            out.push(&item.map_err(|_| invalid("request.headers", "could not be read"))?);
        }
        out
    } else {
        Object::entries(headers.unchecked_ref())
    };
    let mut pairs = Vec::with_capacity(entries.length() as usize);
    for entry in entries.iter() {
        let name = Reflect::get_u32(&entry, 0).ok().and_then(|v| v.as_string());
        let value = Reflect::get_u32(&entry, 1)
            .ok()
            .and_then(|v| v.as_string().or_else(|| v.as_f64().map(|n| n.to_string())));
        match (name, value) {
            // A header name is an HTTP token; anything else could not be sent as signed.
            (Some(n), Some(v))
                if !n.is_empty()
                    && n.bytes()
                        .all(|b| b.is_ascii_graphic() && !b"()<>@,;:\\\"/[]?={}".contains(&b)) =>
            {
                pairs.push((n.to_ascii_lowercase(), v))
            }
            (Some(n), Some(_)) => {
                return Err(invalid(
                    "request.headers",
                    format!("{n:?} is not a header name"),
                ));
            }
            _ => {
                return Err(invalid(
                    "request.headers",
                    "each header needs a string name and a string value",
                ));
            }
        }
    }
    Ok(pairs)
}

fn body_bytes(body: &JsValue) -> Result<Vec<u8>, JsValue> {
    if body.is_undefined() || body.is_null() {
        Ok(Vec::new())
    } else if let Some(s) = body.as_string() {
        Ok(s.into_bytes())
    } else if let Some(bytes) = body.dyn_ref::<Uint8Array>() {
        Ok(bytes.to_vec())
    } else if let Some(buf) = body.dyn_ref::<js_sys::ArrayBuffer>() {
        Ok(Uint8Array::new(buf).to_vec())
    } else {
        Err(invalid(
            "request.body",
            "must be a string, a Uint8Array or an ArrayBuffer",
        ))
    }
}

fn signing_time(options: &JsValue) -> Result<i64, JsValue> {
    let date = read::get(options, "date");
    if date.is_undefined() || date.is_null() {
        return Ok(Date::now() as i64);
    }
    let ms = if let Some(d) = date.dyn_ref::<Date>() {
        d.get_time()
    } else if let Some(n) = date.as_f64() {
        n
    } else if let Some(s) = date.as_string() {
        Date::parse(&s)
    } else {
        f64::NAN
    };
    if ms.is_finite() {
        Ok(ms as i64)
    } else {
        Err(invalid("date", "must be a valid Date"))
    }
}

/// Signs `request` (`{ method, url, headers, body }`) and returns it with the SigV4 headers added.
#[wasm_bindgen]
pub fn sign(request: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    if !request.is_object() {
        return Err(invalid(
            "request",
            "must be an object { method, url, headers?, body? }",
        ));
    }
    let method = read::opt_string(&request, "method", "request.method")?
        .unwrap_or_else(|| "GET".into())
        .to_ascii_uppercase();
    let url_text = read::string(&request, "url", "request.url")?;
    let url = Url::new(&url_text)
        .map_err(|_| invalid("request.url", format!("not a URL: {url_text:?}")))?;
    if !matches!(url.protocol().as_str(), "http:" | "https:") {
        return Err(invalid("request.url", "the scheme must be http or https"));
    }
    let region = read::string(&options, "region", "region")?;
    crate::request::check_region(&region).map_err(super::error::before_sending)?;
    let service = read::string(&options, "service", "service")?;
    let credentials = read::credentials(&read::get(&options, "credentials"), "credentials")?;
    let time_ms = signing_time(&options)?;
    let given = header_pairs(&read::get(&request, "headers"))?;
    let body = read::get(&request, "body");
    let bytes = body_bytes(&body)?;

    let host = url.host();
    // `host` is signed from the URL; one given by the caller would disagree with what is sent.
    let mut headers: Vec<(&str, &str)> = vec![("host", host.as_str())];
    headers.extend(
        given
            .iter()
            .filter(|(n, _)| n != "host")
            .map(|(n, v)| (n.as_str(), v.as_str())),
    );
    let search = url.search();
    let path = url.pathname();
    let signed = KEYS.with(|keys| {
        let mut keys = keys.try_borrow_mut().ok()?;
        Some(sigv4::sign(
            &sigv4::Request {
                method: &method,
                path: &path,
                query: search.strip_prefix('?').unwrap_or(&search),
                headers: &headers,
                body: &bytes,
            },
            &sigv4::Params {
                credentials: &credentials,
                region: &region,
                service: &service,
                time_ms,
            },
            &mut keys,
        ))
    });
    let Some(signed) = signed else {
        return Err(invalid("", "sign was re-entered"));
    };

    let out_headers = Object::new();
    let set = |obj: &Object, k: &str, v: &str| {
        let _ = Reflect::set(obj, &JsValue::from_str(k), &JsValue::from_str(v));
    };
    for (n, v) in &given {
        let replaced = n == "host" || signed.headers.iter().any(|(s, _)| s == n);
        if !replaced {
            // Repeated names are joined the way fetch's Headers joins them.
            let prior = Reflect::get(&out_headers, &JsValue::from_str(n))
                .ok()
                .and_then(|p| p.as_string());
            match prior {
                Some(p) => set(&out_headers, n, &format!("{p}, {v}")),
                None => set(&out_headers, n, v),
            }
        }
    }
    set(&out_headers, "host", &host);
    for (n, v) in &signed.headers {
        set(&out_headers, n, v);
    }
    let out = Object::new();
    set(&out, "method", &method);
    set(&out, "url", &url.href());
    let _ = Reflect::set(&out, &JsValue::from_str("headers"), &out_headers);
    if !body.is_undefined() {
        let _ = Reflect::set(&out, &JsValue::from_str("body"), &body);
    }
    Ok(out.into())
}
