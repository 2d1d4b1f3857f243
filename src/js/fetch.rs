//! The transport: `js/transport.js` does one attempt over the runtime's own `fetch` (the global
//! one, looked up at call time, or the one the user injected) with the per-attempt timeout and
//! the caller's `AbortSignal`; this side turns its answer into the core's types.

use crate::client::{HttpResponse, Transport};
use crate::error::Error;
use crate::request::HttpRequest;
use js_sys::{Array, Date, Function, Math, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

#[wasm_bindgen(module = "/js/transport.js")]
extern "C" {
    fn attempt(
        fetch: &JsValue,
        url: &str,
        headers: &Object,
        body: &str,
        timeout_ms: u32,
        signal: &JsValue,
    ) -> Promise;
    fn sleep(ms: u32, signal: &JsValue) -> Promise;
}

pub struct FetchTransport {
    pub fetch: Option<Function>,
    pub signal: Option<AbortSignal>,
    /// Per attempt; 0 means none.
    pub timeout_ms: u32,
}

fn aborted() -> Error {
    Error::Aborted {
        message: "the call was aborted".into(),
    }
}

impl FetchTransport {
    pub fn aborted(&self) -> bool {
        self.signal.as_ref().is_some_and(AbortSignal::aborted)
    }

    fn signal(&self) -> JsValue {
        self.signal
            .as_ref()
            .map_or(JsValue::UNDEFINED, |s| s.clone().into())
    }
}

/// `[kind, ...]` from transport.js: 0 = a response, 1 network, 2 timeout, 3 abort, 4 too large.
fn read_answer(answer: &JsValue) -> Result<HttpResponse, Error> {
    let a: &Array = answer.unchecked_ref();
    let text = |i: u32| a.get(i).as_string();
    let message = text(1).unwrap_or_default();
    match a.get(0).as_f64() {
        Some(0.0) => {
            let body = a.get(4);
            let body = match body.dyn_ref::<Uint8Array>() {
                // Invalid UTF-8 becomes U+FFFD, as `Response.text()` would have made it.
                Some(bytes) => match String::from_utf8(bytes.to_vec()) {
                    Ok(s) => s,
                    Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
                },
                None => body.as_string().unwrap_or_default(),
            };
            Ok(HttpResponse {
                status: a.get(1).as_f64().unwrap_or(0.0) as u16,
                request_id: text(2),
                date: text(3),
                body,
            })
        }
        Some(2.0) => Err(Error::Timeout { message }),
        Some(3.0) => Err(Error::Aborted { message }),
        Some(4.0) => Err(Error::InvalidResponse {
            status: a.get(2).as_f64().unwrap_or(0.0) as u16,
            message,
        }),
        _ => Err(Error::Network { message }),
    }
}

impl Transport for FetchTransport {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, Error> {
        let headers = Object::new();
        for (name, value) in &request.headers {
            // `fetch` sets Host from the URL itself (to the same authority that was signed);
            // browsers refuse to let scripts set it.
            if *name != "host" {
                let _ = Reflect::set(
                    &headers,
                    &JsValue::from_str(name),
                    &JsValue::from_str(value),
                );
            }
        }
        let fetch = self.fetch.as_ref().map_or(JsValue::UNDEFINED, |f| f.into());
        let promise = attempt(
            &fetch,
            &request.url,
            &headers,
            &request.body,
            self.timeout_ms,
            &self.signal(),
        );
        let answer = JsFuture::from(promise).await.map_err(|_| Error::Network {
            message: "fetch failed".into(),
        })?;
        if !Array::is_array(&answer) {
            return Err(Error::Network {
                message: "fetch failed".into(),
            });
        }
        read_answer(&answer)
    }

    async fn sleep(&self, ms: u32) -> Result<(), Error> {
        match JsFuture::from(sleep(ms, &self.signal())).await {
            Ok(v) if v.as_bool() == Some(true) => Ok(()),
            _ => Err(aborted()),
        }
    }

    fn now_ms(&self) -> i64 {
        Date::now() as i64
    }

    fn random(&self) -> f64 {
        Math::random()
    }
}
