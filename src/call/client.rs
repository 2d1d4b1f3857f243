//! One operation end to end, without I/O: validate, encode and sign a request; read its answer
//! into an output, a failure, or a retry after a wait (sans-IO, as protocol cores such as
//! quinn-proto are built). The caller sends, waits and reads the clock: `js/client/call.js` with
//! `fetch` and timers in the package, a plain loop in the host tests, so every decision a call
//! makes is tested natively and the wasm carries no async runtime.

use crate::call::partition;
use crate::call::request::{self, Endpoint, HttpRequest, Signer, Written};
use crate::call::retry::{self, TokenBucket};
use crate::call::skew;
use crate::codec::json;
use crate::codec::validate;
use crate::codec::xml;
use crate::error::Error;
use crate::model::{Model, Operation, Protocol};
use crate::sigv4::{Credentials, SigningKeyCache};
use crate::value::Value;
use std::cell::{Cell, RefCell};

/// What came back over HTTP, reduced to what the decoder and the error need.
#[derive(Clone, Debug, Default)]
pub struct HttpResponse {
    pub status: u16,
    /// The `x-amzn-RequestId` header, when present.
    pub request_id: Option<String>,
    /// The `Date` header, when the runtime lets the caller see it (for clock-skew correction).
    pub date: Option<String>,
    pub body: String,
    /// An awsJson error's code and message, as the JS face read them from the body (the engine
    /// does not read awsJson bodies: `codec/aws_json.rs`).
    pub json_error: Option<(String, String)>,
}

/// One call in progress: how many attempts it made and what its retries have learnt.
#[derive(Debug)]
pub struct Call {
    input: CheckedInput,
    attempts: u32,
    skew_corrected: bool,
    last_retry_cost: Option<u32>,
    /// The last failed attempt's request id, for the failure a later abort reports.
    request_id: Option<String>,
}

impl Call {
    pub fn operation(&self) -> &'static Operation {
        self.input.op
    }

    /// Sends `written`, a restXml request's line and body, on every attempt.
    pub fn write(&mut self, written: Written) {
        self.input.written = Some(written);
    }

    /// The call ends with `error`, as far as it got.
    #[cfg_attr(size_build, optimize(size))]
    pub fn fail(&self, error: Error) -> Failure {
        Failure {
            error,
            attempts: self.attempts,
            request_id: self.request_id.clone(),
        }
    }
}

/// What the caller does after an attempt's answer.
#[derive(Debug, PartialEq)]
pub enum Step {
    /// Send the next request after waiting this long (0: at once).
    Retry {
        after_ms: u32,
    },
    Done(Output),
    Fail(Failure),
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
    written: Option<Written>,
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
        Client::with_flags(model, region, endpoint, 0)
    }

    /// [`Client::new`] with FIPS and dual-stack endpoints as `flags` asks (`partition::FIPS`,
    /// `partition::DUAL_STACK`); they have no meaning with an `endpoint` of the caller's, which
    /// the rule sets refuse ("FIPS and custom endpoint are not supported").
    #[cfg_attr(size_build, optimize(size))]
    pub fn with_flags(
        model: &'static Model,
        region: &str,
        endpoint: Option<&str>,
        flags: u8,
    ) -> Result<Client, Error> {
        request::check_region(region)?;
        let endpoint = match endpoint {
            Some(_) if flags != 0 => {
                return Err(Error::invalid_input(
                    "useFipsEndpoint",
                    "useFipsEndpoint and useDualstackEndpoint cannot be used with an endpoint of your own",
                ));
            }
            Some(url) => Endpoint {
                // A global service is signed for its partition's global region wherever it is.
                signing_region: model
                    .global
                    .then(|| partition::partition_of(region).global_region),
                ..Endpoint::parse(url)?
            },
            None => Endpoint::for_region(model, region, flags)?,
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
    #[cfg_attr(size_build, optimize(size))]
    pub fn operation(&self, name: &str) -> Result<&'static Operation, Error> {
        self.model.operation(name).ok_or_else(|| {
            Error::invalid_input(
                "",
                cat!(json::quoted(name), " is not an operation of this API"),
            )
        })
    }

    /// Reads a JSON input for `op` (absent or `null` means "no members") and validates it.
    #[cfg_attr(size_build, optimize(size))]
    pub fn check(
        &self,
        op: &'static Operation,
        json_text: Option<&str>,
    ) -> Result<CheckedInput, Error> {
        let value = match (op.input, json_text.map(str::trim_ascii)) {
            (_, None | Some("" | "null" | "undefined")) => Value::Null,
            (Some(shape), Some(text)) => json::parse_input(self.model, shape, text)?,
            (None, Some(text)) => json::parse_any(self.model, text)?,
        };
        validate::validate_input(self.model, op, &value)?;
        Ok(CheckedInput {
            op,
            value,
            written: None,
        })
    }

    /// Encodes and signs a checked input at `time_ms`.
    #[cfg_attr(size_build, optimize(size))]
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
            input.written.as_ref(),
            &self.endpoint,
            Signer {
                credentials,
                region: &self.region,
                time_ms,
                cache: &mut cache,
            },
        )
    }

    /// Starts a call of a checked input. The caller owns the I/O: it asks the call for each
    /// request, sends it, and hands back what came ([`Client::answer`]); waits and the clock are
    /// its own too.
    #[cfg_attr(size_build, optimize(size))]
    pub fn start(&self, input: CheckedInput) -> Call {
        Call {
            input,
            attempts: 0,
            skew_corrected: false,
            last_retry_cost: None,
            request_id: None,
        }
    }

    /// The next attempt's request, encoded and signed at `now_ms` (the local clock; the client
    /// adds what it learnt of the service's).
    #[cfg_attr(size_build, optimize(size))]
    pub fn request(
        &self,
        call: &mut Call,
        credentials: &Credentials,
        now_ms: i64,
    ) -> Result<HttpRequest, Failure> {
        let time = now_ms.saturating_add(self.clock_offset_ms.get());
        let request = self
            .prepare(&call.input, credentials, time)
            .map_err(|error| call.fail(error))?;
        call.attempts += 1;
        Ok(request)
    }

    /// What follows an attempt's answer (a response, or the transport's failure) at `now_ms`:
    /// the output, the failure, or another attempt after a wait. Retries what may succeed on a
    /// second try (within `max_attempts` and the retry budget); corrects the clock once when the
    /// service says it is off. `random` is uniform in `0..1`, for the backoff's jitter.
    #[cfg_attr(size_build, optimize(size))]
    pub fn answer(
        &self,
        call: &mut Call,
        answer: Result<HttpResponse, Error>,
        now_ms: i64,
        random: f64,
    ) -> Step {
        let (error, request_id) = match answer {
            Ok(response) => match self.decode(call.input.op, &response) {
                Ok(mut output) => {
                    output.attempts = call.attempts;
                    self.bucket.borrow_mut().on_success(call.last_retry_cost);
                    return Step::Done(output);
                }
                Err((error, request_id)) => {
                    // A signature refused for its time: learn the service's clock, sign again
                    // at once. Once per call, outside the retry budget: it is a correction.
                    if !call.skew_corrected && skew::is_skew_error(&error) {
                        let server =
                            skew::server_time_ms(response.date.as_deref(), &error.message());
                        let fixed = server.and_then(|s| {
                            skew::corrected_offset(s, now_ms, self.clock_offset_ms.get())
                        });
                        if let Some(offset) = fixed {
                            self.clock_offset_ms.set(offset);
                            call.skew_corrected = true;
                            return Step::Retry { after_ms: 0 };
                        }
                    }
                    (error, request_id)
                }
            },
            // An abort (during an attempt, or while the call waits to try again) reports the
            // last failed attempt's request id.
            Err(error @ Error::Aborted { .. }) => (error, call.request_id.take()),
            Err(error) => (error, None),
        };
        call.request_id = request_id;
        let allowed = self
            .max_attempts
            .saturating_add(u32::from(call.skew_corrected));
        if call.attempts >= allowed || !retry::is_retryable(&error) {
            return Step::Fail(call.fail(error));
        }
        let Some(cost) = self.bucket.borrow_mut().acquire(&error) else {
            return Step::Fail(call.fail(error));
        };
        call.last_retry_cost = Some(cost);
        Step::Retry {
            after_ms: retry::backoff_ms(call.attempts, retry::is_throttling(&error), random),
        }
    }

    /// Decodes one response: the output, or the error with the best request id there is.
    #[cfg_attr(size_build, optimize(size))]
    fn decode(
        &self,
        op: &'static Operation,
        response: &HttpResponse,
    ) -> Result<Output, (Error, Option<String>)> {
        let decoded = match self.model.protocol {
            Protocol::Json => crate::codec::aws_json::decode_response(
                response.status,
                response.json_error.as_ref(),
            ),
            _ => xml::decode_response(self.model, op, response.status, &response.body),
        };
        match decoded {
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
