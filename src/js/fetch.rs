//! The transport: the runtime's own `fetch` (the global one, looked up at call time, so it works
//! in pages, workers, Deno and Node without `window`), or the one the user injected.

use super::read;
use crate::client::{HttpResponse, Transport};
use crate::error::Error;
use crate::request::HttpRequest;
use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, RequestInit, Response};

#[wasm_bindgen]
extern "C" {
    /// `globalThis.fetch`, resolved when called.
    #[wasm_bindgen(catch, js_name = fetch)]
    fn global_fetch(url: &str, init: &RequestInit) -> Result<Promise, JsValue>;
}

pub struct FetchTransport {
    pub fetch: Option<Function>,
    pub signal: Option<AbortSignal>,
}

/// Maps a rejection of `fetch` (or of reading the body) onto the client's error kinds.
fn transport_error(e: &JsValue) -> Error {
    let message = read::message_of(e);
    match read::name_of(e).as_str() {
        "AbortError" => Error::Aborted {
            message: format!("the call was aborted: {message}"),
        },
        "TimeoutError" => Error::Timeout { message },
        _ => Error::Network {
            message: format!("fetch failed: {message}"),
        },
    }
}

impl FetchTransport {
    pub fn aborted(&self) -> bool {
        self.signal.as_ref().is_some_and(AbortSignal::aborted)
    }

    fn init(&self, request: &HttpRequest) -> RequestInit {
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
        let init = RequestInit::new();
        init.set_method(request.method);
        init.set_headers(&headers);
        init.set_body(&JsValue::from_str(&request.body));
        if let Some(signal) = &self.signal {
            init.set_signal(Some(signal));
        }
        init
    }
}

impl Transport for FetchTransport {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, Error> {
        if self.aborted() {
            return Err(Error::Aborted {
                message: "the call was aborted before it was sent".into(),
            });
        }
        let init = self.init(&request);
        let started = match &self.fetch {
            Some(f) => f
                .call2(&JsValue::UNDEFINED, &JsValue::from_str(&request.url), &init)
                .map(|p| Promise::resolve(&p)),
            None => global_fetch(&request.url, &init),
        };
        let promise = started.map_err(|e| transport_error(&e))?;
        let response = JsFuture::from(promise)
            .await
            .map_err(|e| transport_error(&e))?;
        let response: Response = response.dyn_into().map_err(|_| Error::Network {
            message: "fetch resolved to something that is not a Response".into(),
        })?;
        let status = response.status();
        let request_id = response.headers().get("x-amzn-requestid").ok().flatten();
        let text = response.text().map_err(|e| transport_error(&e))?;
        let body = JsFuture::from(text)
            .await
            .map_err(|e| transport_error(&e))?
            .as_string()
            .unwrap_or_default();
        Ok(HttpResponse {
            status,
            request_id,
            body,
        })
    }
}
