//! The one error type every layer of the core returns.

use crate::value::Value;
use std::fmt;

/// Why a call failed. `code()` is the string the JS `ElbError.code` carries.
#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    /// The input was rejected before anything was sent. `field` is the member path,
    /// e.g. `Listeners[0].InstancePort` (empty when the whole input is at fault).
    InvalidInput { field: String, message: String },
    /// The response was not the XML the operation answers with (an HTML error page, a truncated
    /// body, another operation's envelope...).
    InvalidResponse { status: u16, message: String },
    /// The service answered with an `ErrorResponse`.
    Service(Box<ServiceError>),
    /// The request never got an HTTP response (DNS, connection refused or reset, CORS...).
    Network { message: String },
    /// An attempt took longer than the client's `timeoutMs`.
    Timeout { message: String },
    /// The caller's `AbortSignal` fired.
    Aborted { message: String },
    /// The credentials (or their provider) could not be used.
    Credentials { message: String },
}

/// An error the service reported, as decoded from its `ErrorResponse` body.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceError {
    /// The wire code (`LoadBalancerNotFound`, `Throttling`, ...).
    pub code: String,
    pub message: String,
    /// `Sender` or `Receiver` (who is at fault), when the body says.
    pub fault: Option<String>,
    pub request_id: Option<String>,
    pub status: u16,
    /// The modelled error's extra members, when the code is a modelled error that has any.
    pub fields: Value,
}

impl Error {
    #[cfg_attr(size_build, optimize(size))]
    pub fn invalid_input(field: impl Into<String>, message: impl Into<String>) -> Error {
        Error::InvalidInput {
            field: field.into(),
            message: message.into(),
        }
    }

    #[cfg_attr(size_build, optimize(size))]
    pub fn invalid_response(status: u16, message: impl Into<String>) -> Error {
        Error::InvalidResponse {
            status,
            message: message.into(),
        }
    }

    /// The error code JS sees: the wire code for service errors, else the client's own.
    #[cfg_attr(size_build, optimize(size))]
    pub fn code(&self) -> &str {
        match self {
            Error::InvalidInput { .. } => "InvalidInput",
            Error::InvalidResponse { .. } => "InvalidResponse",
            Error::Service(e) => &e.code,
            Error::Network { .. } => "NetworkError",
            Error::Timeout { .. } => "TimeoutError",
            Error::Aborted { .. } => "AbortError",
            Error::Credentials { .. } => "CredentialsError",
        }
    }

    /// The HTTP status of the response that caused the error, if one came.
    #[cfg_attr(size_build, optimize(size))]
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::InvalidResponse { status, .. } => Some(*status),
            Error::Service(e) => Some(e.status),
            _ => None,
        }
    }

    #[cfg_attr(size_build, optimize(size))]
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Service(e) => e.request_id.as_deref(),
            _ => None,
        }
    }
}

impl Error {
    /// The message `ElbError.message` carries (and `Display` writes).
    pub fn message(&self) -> String {
        match self {
            Error::InvalidInput { field, message } if field.is_empty() => message.clone(),
            Error::InvalidInput { field, message } => cat!(field, ": ", message),
            Error::InvalidResponse { status, message } => {
                cat!("invalid response (HTTP ", status, "): ", message)
            }
            Error::Service(e) if e.message.is_empty() => e.code.clone(),
            Error::Service(e) => cat!(e.code, ": ", e.message),
            Error::Network { message }
            | Error::Timeout { message }
            | Error::Aborted { message }
            | Error::Credentials { message } => message.clone(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for Error {}
