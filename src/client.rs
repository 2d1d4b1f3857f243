//! One operation end to end: validate, encode, sign, send through a [`Transport`], decode.
//!
//! The transport is the only thing that differs between the browser/Worker/Node build (`fetch`)
//! and the host tests (a stub), so everything else here is tested natively.

use crate::error::Error;
use crate::json;
use crate::model::{Model, Operation};
use crate::request::{self, Endpoint, HttpRequest, Signer};
use crate::retry::{self, TokenBucket};
use crate::sigv4::{Credentials, SigningKeyCache};
use crate::skew;
use crate::validate;
use crate::value::Value;
use crate::xml;
use std::cell::{Cell, RefCell};
use std::future::Future;

/// What came back over HTTP, reduced to what the decoder and the error need.
#[derive(Clone, Debug, Default)]
pub struct HttpResponse {
    pub status: u16,
    /// The `x-amzn-RequestId` header, when present.
    pub request_id: Option<String>,
    /// The `Date` header, when the runtime lets the caller see it (for clock-skew correction).
    pub date: Option<String>,
    pub body: String,
}

/// What a call needs from the runtime: sending, waiting, the clock and randomness.
pub trait Transport {
    /// Sends one signed request (one attempt, with its own timeout). Implementations map their
    /// failures onto `Error::Network`, `Error::Timeout` or `Error::Aborted`.
    fn send(&self, request: HttpRequest) -> impl Future<Output = Result<HttpResponse, Error>>;
    /// Waits `ms` before a retry; `Err(Error::Aborted)` when the call is aborted meanwhile.
    fn sleep(&self, ms: u32) -> impl Future<Output = Result<(), Error>>;
    /// The local clock, ms since the epoch.
    fn now_ms(&self) -> i64;
    /// Uniform in `0..1`, for backoff jitter.
    fn random(&self) -> f64;
}

/// A successful call.
#[derive(Clone, Debug, PartialEq)]
pub struct Output {
    pub output: Value,
    pub request_id: Option<String>,
    pub status: u16,
    pub attempts: u32,
}

/// A failed call, with how many attempts it made (0 when nothing was sent).
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    pub error: Error,
    pub attempts: u32,
    /// The `x-amzn-RequestId` header, else the error body's `RequestId`.
    pub request_id: Option<String>,
}

/// An input read and validated for one operation: sending it never validates twice, and it
/// cannot be sent as another operation's input.
#[derive(Clone, Debug)]
pub struct CheckedInput {
    op: &'static Operation,
    value: Value,
}

impl CheckedInput {
    pub fn operation(&self) -> &'static Operation {
        self.op
    }

    pub fn value(&self) -> &Value {
        &self.value
    }
}

/// A configured client for one service model, region and endpoint.
pub struct Client {
    model: &'static Model,
    region: String,
    endpoint: Endpoint,
    cache: RefCell<SigningKeyCache>,
    max_attempts: u32,
    /// Client-wide: one failing endpoint drains it for every call.
    bucket: RefCell<TokenBucket>,
    /// Added to the local clock when signing; learnt from the service (see [`skew`]).
    clock_offset_ms: Cell<i64>,
}

/// The default number of attempts per call (the first one included).
pub const DEFAULT_MAX_ATTEMPTS: u32 = 3;

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("region", &self.region)
            .field("endpoint", &self.endpoint.url())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// `endpoint` overrides the regional default (`https://<prefix>.<region>.amazonaws.com/`).
    pub fn new(
        model: &'static Model,
        region: &str,
        endpoint: Option<&str>,
    ) -> Result<Client, Error> {
        request::check_region(region)?;
        let endpoint = match endpoint {
            Some(url) => Endpoint::parse(url)?,
            None => Endpoint::for_region(model, region)?,
        };
        Ok(Client {
            model,
            region: region.to_owned(),
            endpoint,
            cache: RefCell::new(SigningKeyCache::default()),
            max_attempts: DEFAULT_MAX_ATTEMPTS,
            bucket: RefCell::new(TokenBucket::default()),
            clock_offset_ms: Cell::new(0),
        })
    }

    /// At most `n` attempts per call (at least 1).
    pub fn with_max_attempts(mut self, n: u32) -> Client {
        self.max_attempts = n.max(1);
        self
    }

    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// What the client adds to the local clock when it signs.
    pub fn clock_offset_ms(&self) -> i64 {
        self.clock_offset_ms.get()
    }

    /// Tokens left in the retry budget.
    pub fn retry_tokens(&self) -> u32 {
        self.bucket.borrow().tokens()
    }

    pub fn model(&self) -> &'static Model {
        self.model
    }

    pub fn region(&self) -> &str {
        &self.region
    }

    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// The operation called `name` (PascalCase, as the API names it).
    pub fn operation(&self, name: &str) -> Result<&'static Operation, Error> {
        self.model.operation(name).ok_or_else(|| {
            Error::invalid_input(
                "",
                format!("{} is not an operation of this API", json::quoted(name)),
            )
        })
    }

    /// Reads a JSON input for `op` (absent or `null` means "no members") and validates it.
    pub fn check(
        &self,
        op: &'static Operation,
        json_text: Option<&str>,
    ) -> Result<CheckedInput, Error> {
        let value = match (op.input, json_text.map(str::trim)) {
            (_, None | Some("" | "null" | "undefined")) => Value::Null,
            (Some(shape), Some(text)) => json::parse_input(self.model, shape, text)?,
            (None, Some(text)) => json::parse_any(self.model, text)?,
        };
        validate::validate_input(self.model, op, &value)?;
        Ok(CheckedInput { op, value })
    }

    /// Encodes and signs a checked input at `time_ms`.
    pub fn prepare(
        &self,
        input: &CheckedInput,
        credentials: &Credentials,
        time_ms: i64,
    ) -> Result<HttpRequest, Error> {
        let mut cache = self.cache.borrow_mut();
        request::prepare_validated(
            self.model,
            input.op,
            &input.value,
            &self.endpoint,
            Signer {
                credentials,
                region: &self.region,
                time_ms,
                cache: &mut cache,
            },
        )
    }

    /// Runs a checked input's operation: signs and sends it, retrying what may succeed on a
    /// second try (within `max_attempts` and the retry budget) and correcting the clock once when
    /// the service says it is off.
    pub async fn call<T: Transport>(
        &self,
        transport: &T,
        input: &CheckedInput,
        credentials: &Credentials,
    ) -> Result<Output, Failure> {
        let mut attempts = 0;
        let mut skew_corrected = false;
        let mut last_retry_cost = None;
        loop {
            let request = self
                .prepare(
                    input,
                    credentials,
                    transport
                        .now_ms()
                        .saturating_add(self.clock_offset_ms.get()),
                )
                .map_err(|error| Failure {
                    error,
                    attempts,
                    request_id: None,
                })?;
            attempts += 1;
            let (error, request_id) = match transport.send(request).await {
                Ok(response) => match self.decode(input.op, &response) {
                    Ok(mut output) => {
                        output.attempts = attempts;
                        self.bucket.borrow_mut().on_success(last_retry_cost);
                        return Ok(output);
                    }
                    Err((error, request_id)) => {
                        // A signature refused for its time: learn the service's clock, sign again
                        // at once. Once per call, outside the retry budget: it is a correction.
                        if !skew_corrected && skew::is_skew_error(&error) {
                            let server =
                                skew::server_time_ms(response.date.as_deref(), &error.to_string());
                            let fixed = server.and_then(|s| {
                                skew::corrected_offset(
                                    s,
                                    transport.now_ms(),
                                    self.clock_offset_ms.get(),
                                )
                            });
                            if let Some(offset) = fixed {
                                self.clock_offset_ms.set(offset);
                                skew_corrected = true;
                                continue;
                            }
                        }
                        (error, request_id)
                    }
                },
                Err(error) => (error, None),
            };
            let fail = |error| Failure {
                error,
                attempts,
                request_id: request_id.clone(),
            };
            let allowed = self.max_attempts.saturating_add(u32::from(skew_corrected));
            if attempts >= allowed || !error.retryable() {
                return Err(fail(error));
            }
            let Some(cost) = self.bucket.borrow_mut().acquire(&error) else {
                return Err(fail(error));
            };
            last_retry_cost = Some(cost);
            let delay =
                retry::backoff_ms(attempts, retry::is_throttling(&error), transport.random());
            if let Err(aborted) = transport.sleep(delay).await {
                return Err(fail(aborted));
            }
        }
    }

    /// Decodes one response: the output, or the error with the best request id there is.
    fn decode(
        &self,
        op: &'static Operation,
        response: &HttpResponse,
    ) -> Result<Output, (Error, Option<String>)> {
        match xml::decode_response(self.model, op, response.status, &response.body) {
            Ok(decoded) => Ok(Output {
                output: decoded.output,
                request_id: response.request_id.clone().or(decoded.request_id),
                status: response.status,
                attempts: 0,
            }),
            // The header is what AWS documents; the body's RequestId is the fallback.
            Err(error) => {
                let id = response
                    .request_id
                    .clone()
                    .or_else(|| error.request_id().map(str::to_owned));
                Err((error, id))
            }
        }
    }
}
