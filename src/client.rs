//! One operation end to end: validate, encode, sign, send through a [`Transport`], decode.
//!
//! The transport is the only thing that differs between the browser/Worker/Node build (`fetch`)
//! and the host tests (a stub), so everything else here is tested natively.

use crate::error::Error;
use crate::json;
use crate::model::{Model, Operation};
use crate::request::{self, Endpoint, HttpRequest, Signer};
use crate::sigv4::{Credentials, SigningKeyCache};
use crate::validate;
use crate::value::Value;
use crate::xml;
use std::cell::RefCell;
use std::future::Future;

/// What came back over HTTP, reduced to what the decoder and the error need.
#[derive(Clone, Debug, Default)]
pub struct HttpResponse {
    pub status: u16,
    /// The `x-amzn-RequestId` header, when present.
    pub request_id: Option<String>,
    pub body: String,
}

/// Sends one signed request. Implementations map their own failures onto `Error::Network`,
/// `Error::Timeout` or `Error::Aborted`.
pub trait Transport {
    fn send(&self, request: HttpRequest) -> impl Future<Output = Result<HttpResponse, Error>>;
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

impl Failure {
    fn before_sending(error: Error) -> Failure {
        Failure {
            error,
            attempts: 0,
            request_id: None,
        }
    }
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
}

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
        })
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
            Error::invalid_input("", format!("{name:?} is not an operation of this API"))
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

    /// Runs a checked input's operation once.
    pub async fn call<T: Transport>(
        &self,
        transport: &T,
        input: &CheckedInput,
        credentials: &Credentials,
        now_ms: impl Fn() -> i64,
    ) -> Result<Output, Failure> {
        let op = input.op;
        let request = self
            .prepare(input, credentials, now_ms())
            .map_err(Failure::before_sending)?;
        let attempts = 1;
        let response = transport.send(request).await.map_err(|error| Failure {
            error,
            attempts,
            request_id: None,
        })?;
        let decoded = xml::decode_response(self.model, op, response.status, &response.body)
            .map_err(|error| Failure {
                // The header is what AWS documents; the body's RequestId is the fallback.
                request_id: response
                    .request_id
                    .clone()
                    .or_else(|| error.request_id().map(str::to_owned)),
                error,
                attempts,
            })?;
        Ok(Output {
            output: decoded.output,
            request_id: response.request_id.or(decoded.request_id),
            status: response.status,
            attempts,
        })
    }
}
