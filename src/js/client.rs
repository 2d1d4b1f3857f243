//! `RawClient`: the wasm side of `ElbClient`. The package's JS entry gives it one method per
//! action, paginators and waiters; everything a call does happens here and in the core.

use super::error::{before_sending, failure, invalid};
use super::fetch::FetchTransport;
use super::tables::{Service, service};
use super::{output, read};
use crate::client::{Client, Failure};
use crate::error::Error;
use crate::sigv4::Credentials;
use js_sys::{Date, Function, JSON, Object, Promise};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{JsFuture, future_to_promise};
use web_sys::AbortSignal;

enum CredentialSource {
    Static(Credentials),
    Provider(Provider),
}

/// An async (or sync) function returning credentials, maybe with an `expiration`. What it gives
/// is kept until shortly before it expires; while one refresh is under way every call that
/// needs credentials waits on that same refresh (single flight).
struct Provider {
    function: Function,
    cached: RefCell<Option<(Credentials, Option<f64>)>>,
    pending: RefCell<Option<Promise>>,
}

/// Credentials this close to their expiration are refreshed first (the AWS SDKs' margin), so a
/// call and its retries never go out with credentials about to lapse.
const REFRESH_MARGIN_MS: f64 = 5.0 * 60_000.0;

struct Inner {
    service: &'static Service,
    client: Client,
    credentials: CredentialSource,
    fetch: Option<Function>,
    timeout_ms: Option<u32>,
}

#[wasm_bindgen]
pub struct RawClient {
    inner: Rc<Inner>,
}

#[wasm_bindgen]
impl RawClient {
    /// A client of the service `table` (an id from `loadTable`). Reads and checks the
    /// configuration; throws an `ElbError` (`InvalidInput`) when it is wrong.
    #[wasm_bindgen(constructor)]
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
        let client =
            Client::new(service.model, &region, endpoint.as_deref()).map_err(before_sending)?;
        let creds = read::get(&config, "credentials");
        let credentials = match creds.dyn_into::<Function>() {
            Ok(function) => CredentialSource::Provider(Provider {
                function,
                cached: RefCell::new(None),
                pending: RefCell::new(None),
            }),
            Err(creds) if creds.is_undefined() || creds.is_null() => {
                return Err(invalid("credentials", "is required"));
            }
            Err(creds) => CredentialSource::Static(read::credentials(&creds, "credentials")?),
        };
        let fetch = read::opt_function(&config, "fetch", "fetch")?;
        let max_attempts =
            read::opt_count(&config, "maxAttempts", "maxAttempts", 1, 10)?.unwrap_or(3);
        let timeout_ms = read::opt_count(&config, "timeoutMs", "timeoutMs", 1, 3_600_000)?;
        Ok(RawClient {
            inner: Rc::new(Inner {
                service,
                client: client.with_max_attempts(max_attempts),
                credentials,
                fetch,
                timeout_ms,
            }),
        })
    }

    /// What `JSON.stringify(client)` shows: configuration, never credentials.
    pub fn describe(&self) -> JsValue {
        let c = &self.inner.client;
        let mut text = String::from("{\"region\":");
        crate::json::write_str(&mut text, c.region());
        text.push_str(",\"endpoint\":");
        crate::json::write_str(&mut text, &c.endpoint().url());
        text.push_str(&format!(",\"maxAttempts\":{}", c.max_attempts()));
        if let Some(t) = self.inner.timeout_ms {
            text.push_str(&format!(",\"timeoutMs\":{t}"));
        }
        text.push('}');
        JSON::parse(&text).unwrap_or(JsValue::NULL)
    }

    /// Runs the action `action` (PascalCase) with `input`; `options` may carry `signal`.
    /// Resolves to the output object, rejects with an `ElbError`.
    pub fn call(&self, action: String, input: JsValue, options: JsValue) -> Promise {
        let inner = Rc::clone(&self.inner);
        future_to_promise(async move { inner.run(&action, input, options).await })
    }
}

impl Inner {
    async fn run(
        &self,
        action: &str,
        input: JsValue,
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let op = self.client.operation(action).map_err(before_sending)?;
        let signal = match read::get(&options, "signal") {
            s if s.is_undefined() || s.is_null() => None,
            s => Some(
                s.dyn_into::<AbortSignal>()
                    .map_err(|_| invalid("signal", "must be an AbortSignal"))?,
            ),
        };
        let transport = FetchTransport {
            fetch: self.fetch.clone(),
            signal,
            timeout_ms: self.timeout_ms.unwrap_or(0),
        };
        if transport.aborted() {
            return Err(before_sending(Error::Aborted {
                message: "the call was aborted before it was sent".into(),
            }));
        }
        let json = if input.is_undefined() || input.is_null() {
            None
        } else {
            match JSON::stringify(&input) {
                Ok(s) => s.as_string(),
                Err(e) => {
                    return Err(invalid(
                        "",
                        format!("the input cannot be read as data: {}", read::message_of(&e)),
                    ));
                }
            }
        };
        // Checked before the credentials are awaited: bad input fails at once, even with a slow provider.
        let input = self
            .client
            .check(op, json.as_deref())
            .map_err(before_sending)?;
        let credentials = self.credentials().await?;
        let result = self.client.call(&transport, &input, &credentials).await;
        match result {
            Ok(out) => output::to_js(self.service, op.output, &out),
            Err(f) => {
                if let (CredentialSource::Provider(p), Error::Service(e)) =
                    (&self.credentials, &f.error)
                {
                    // The service says the cached credentials lapsed: the next call asks again.
                    if e.code.starts_with("ExpiredToken") {
                        p.cached.replace(None);
                    }
                }
                Err(failure(f))
            }
        }
    }

    async fn credentials(&self) -> Result<Credentials, JsValue> {
        let p = match &self.credentials {
            CredentialSource::Static(c) => return Ok(c.clone()),
            CredentialSource::Provider(p) => p,
        };
        if let Some((c, expires)) = &*p.cached.borrow()
            && expires.is_none_or(|t| Date::now() < t - REFRESH_MARGIN_MS)
        {
            return Ok(c.clone());
        }
        let fail = |message: String| {
            failure(Failure {
                error: Error::Credentials { message },
                attempts: 0,
                request_id: None,
            })
        };
        let pending = p.pending.borrow().clone();
        let promise = match pending {
            Some(promise) => promise,
            None => {
                let result = p.function.call0(&JsValue::UNDEFINED).map_err(|e| {
                    fail(format!(
                        "the credentials provider threw: {}",
                        read::message_of(&e)
                    ))
                })?;
                let promise = Promise::resolve(&result);
                p.pending.replace(Some(promise.clone()));
                promise
            }
        };
        let settled = JsFuture::from(promise.clone()).await;
        // Whichever waiter wakes first retires this refresh; a later one may already have begun.
        let mine = p
            .pending
            .borrow()
            .as_ref()
            .is_some_and(|q| Object::is(q, &promise));
        if mine {
            p.pending.replace(None);
        }
        let resolved = settled.map_err(|e| {
            fail(format!(
                "the credentials provider failed: {}",
                read::message_of(&e)
            ))
        })?;
        let credentials = read::credentials(&resolved, "credentials").map_err(|_| {
            fail("the credentials provider returned no { accessKeyId, secretAccessKey }".into())
        })?;
        let expires = read::expiration(&resolved).map_err(|()| {
            fail("the credentials provider returned an `expiration` that is not a date".into())
        })?;
        p.cached.replace(Some((credentials.clone(), expires)));
        Ok(credentials)
    }
}
