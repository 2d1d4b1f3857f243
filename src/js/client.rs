//! `RawClient` and `RawCall`: the wasm side of a service's client class. The wasm does no I/O:
//! `js/client/call.js` sends each request a call asks for and hands the answer back; what a call does
//! with it (decode, retry, correct the clock, fail) is decided here and in the core.

use super::answer::read_answer;
use super::error::{before_sending, failure, invalid};
use super::tables::service;
use super::{output, read};
use crate::call::client::{Call, Client, Failure, Step};
use crate::error::Error;
use crate::sigv4::Credentials;
use js_sys::{Date, Math};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

struct Inner {
    client: Client,
    /// The configuration's credentials, or the provider's latest (`useCredentials`).
    credentials: RefCell<Option<Credentials>>,
}

#[wasm_bindgen]
pub struct RawClient {
    inner: Rc<Inner>,
}

#[cfg_attr(size_build, optimize(size))]
fn credentials_error(message: &str) -> JsValue {
    failure(Failure {
        error: Error::Credentials {
            message: message.into(),
        },
        attempts: 0,
        request_id: None,
    })
}

#[wasm_bindgen]
impl RawClient {
    /// A client of the service `table` (an id from `loadTable`). Reads and checks what of the
    /// configuration the engine uses (region, endpoint and its flags, credentials, maxAttempts);
    /// call.js reads and checks what only it uses (`fetch`, `timeoutMs`, a credentials provider).
    /// Throws an `ElbError` (`InvalidInput`) when it is wrong.
    #[wasm_bindgen(constructor)]
    #[cfg_attr(size_build, optimize(size))]
    pub fn new(config: JsValue, table: u32) -> Result<RawClient, JsValue> {
        let service = service(table).ok_or_else(|| invalid("table", "no such table"))?;
        if !config.is_object() {
            return Err(invalid(
                "",
                "the configuration must be an object with at least `region`",
            ));
        }
        let region = read::string(&config, "region", "region")?;
        let endpoint = read::opt_string(&config, "endpoint", "endpoint")?;
        let flags = u8::from(read::opt_bool(&config, "useFipsEndpoint")?)
            | u8::from(read::opt_bool(&config, "useDualstackEndpoint")?) << 1;
        let client = Client::with_flags(service, &region, endpoint.as_deref(), flags)
            .map_err(before_sending)?;
        let creds = read::get(&config, "credentials");
        // None: a provider will give them, or there are none (a call that needs them then fails
        // with `CredentialsError`, before anything is sent; one the model marks unauthenticated
        // goes without).
        let credentials = if creds.is_function() || creds.is_undefined() || creds.is_null() {
            None
        } else {
            Some(read::credentials(&creds, "credentials")?)
        };
        let max_attempts = read::opt_count(&config, "maxAttempts", "maxAttempts", 1, 10)?
            .unwrap_or(crate::call::client::DEFAULT_MAX_ATTEMPTS);
        Ok(RawClient {
            inner: Rc::new(Inner {
                client: client.with_max_attempts(max_attempts),
                credentials: RefCell::new(credentials),
            }),
        })
    }

    /// The endpoint calls go to, as resolved from the configuration (the region's, or the one
    /// given, normalised): what `JSON.stringify(client)` shows beside the configuration the JS face
    /// read (js/client/client_class.js). Never credentials.
    pub fn endpoint(&self) -> JsValue {
        JsValue::from_str(&self.inner.client.endpoint().url())
    }

    /// Keeps what a credentials provider gave for the calls that follow (call.js reads when it
    /// expires: only it asks again). Throws a `CredentialsError` when it is not credentials.
    #[wasm_bindgen(js_name = useCredentials)]
    #[cfg_attr(size_build, optimize(size))]
    pub fn use_credentials(&self, provided: JsValue) -> Result<(), JsValue> {
        let credentials = read::credentials(&provided, "credentials").map_err(|_| {
            credentials_error(
                "the credentials provider returned no { accessKeyId, secretAccessKey }",
            )
        })?;
        self.inner.credentials.replace(Some(credentials));
        Ok(())
    }

    /// Starts a call of `action` (PascalCase) with `input` (JSON text, absent for none): reads
    /// and validates it at once, so bad input fails before anything is sent or awaited.
    #[cfg_attr(size_build, optimize(size))]
    pub fn begin(&self, action: &str, input: Option<String>) -> Result<RawCall, JsValue> {
        let client = &self.inner.client;
        let op = client.operation(action).map_err(before_sending)?;
        let input = client.check(op, input.as_deref()).map_err(before_sending)?;
        Ok(RawCall {
            inner: Rc::clone(&self.inner),
            call: client.start(input),
        })
    }
}

/// One call in progress (see `Client::start`).
#[wasm_bindgen]
pub struct RawCall {
    inner: Rc<Inner>,
    call: Call,
}

#[wasm_bindgen]
impl RawCall {
    /// The next attempt, signed now: `method, url, body, name, value, ...`, each followed by a
    /// NUL (one string crosses the boundary, not an array of them). Headers but `host`, which
    /// `fetch` sets from the URL, to the very authority that was signed. A body holds no NUL: it
    /// is a percent-encoded form, or XML, which cannot carry one (the encoder refuses it).
    #[cfg_attr(size_build, optimize(size))]
    pub fn request(&mut self) -> Result<String, JsValue> {
        let credentials = match self.inner.credentials.borrow().clone() {
            Some(c) => c,
            // Never read: the request goes unsigned.
            None if self.call.operation().unsigned => Credentials {
                access_key_id: String::new(),
                secret_access_key: String::new(),
                session_token: None,
            },
            None => {
                return Err(credentials_error(
                    "no credentials: give `credentials` (keys, or a provider) to the client",
                ));
            }
        };
        let request = self
            .inner
            .client
            .request(&mut self.call, &credentials, Date::now() as i64)
            .map_err(failure)?;
        let mut flat = String::with_capacity(request.url.len() + request.body.len() + 512);
        push!(flat; request.method, '\0', request.url, '\0', request.body, '\0');
        for (name, value) in &request.headers {
            if *name != "host" {
                push!(flat; name, '\0', value, '\0');
            }
        }
        Ok(flat)
    }

    /// The request line and body the JS face wrote for a restXml operation
    /// (`js/client/rest_xml.js`): method and `path?query`, each followed by a NUL, then the XML
    /// body (one string crosses, as `request`'s does); signed as they are on every attempt.
    pub fn write(&mut self, written: &str) {
        let mut parts = crate::text::find::split(written, b'\0');
        let method = parts.next().unwrap_or_default().to_owned();
        let target = parts.next().unwrap_or_default().to_owned();
        let body = parts.remainder().to_owned();
        self.call
            .write(crate::call::request::Written(method, target, body));
    }

    /// Takes the attempt's answer (call.js's `attempt`): resolves to the output object, or to
    /// the ms to wait before the next request; throws the `ElbError` that ends the call.
    pub fn answer(&mut self, answer: JsValue) -> Result<JsValue, JsValue> {
        let inner = &self.inner;
        let step = inner.client.answer(
            &mut self.call,
            read_answer(&answer),
            Date::now() as i64,
            Math::random(),
        );
        match step {
            Step::Retry { after_ms } => Ok(after_ms.into()),
            Step::Done(out) => output::to_js(&out),
            Step::Fail(f) => Err(failure(f)),
        }
    }
}
