//! When to try a call again and how long to wait first: AWS's "standard" retry mode.
//!
//! Pure arithmetic over the error, the attempt number and a random number the caller supplies,
//! so the policy is tested natively and deterministically.

use crate::error::Error;

/// A client-wide budget of retries. Each retry spends tokens and each success pays one back, so
/// when an endpoint keeps failing the client stops retrying instead of multiplying the load.
/// The numbers are the AWS SDKs' standard mode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenBucket {
    tokens: u32,
}

impl TokenBucket {
    pub const CAPACITY: u32 = 500;
    pub const RETRY_COST: u32 = 5;
    /// A timeout may mean the service is overloaded: retrying after one costs more.
    pub const TIMEOUT_RETRY_COST: u32 = 10;
    /// What a success without retries pays back.
    pub const SUCCESS_REFUND: u32 = 1;

    pub fn tokens(&self) -> u32 {
        self.tokens
    }

    /// Takes what a retry after `error` costs; `None` (and nothing taken) when the bucket
    /// cannot pay, meaning: do not retry.
    #[cfg_attr(size_build, optimize(size))]
    pub fn acquire(&mut self, error: &Error) -> Option<u32> {
        let cost = match error {
            Error::Timeout { .. } => Self::TIMEOUT_RETRY_COST,
            _ => Self::RETRY_COST,
        };
        self.tokens = self.tokens.checked_sub(cost)?;
        Some(cost)
    }

    /// A call succeeded: a retried call gives back what its last retry took, any other
    /// success pays the refund.
    pub fn on_success(&mut self, last_retry_cost: Option<u32>) {
        let back = last_retry_cost.unwrap_or(Self::SUCCESS_REFUND);
        self.tokens = self.tokens.saturating_add(back).min(Self::CAPACITY);
    }
}

impl Default for TokenBucket {
    #[cfg_attr(size_build, optimize(size))]
    fn default() -> Self {
        TokenBucket {
            tokens: Self::CAPACITY,
        }
    }
}

/// Whether trying the same call again may succeed: throttling, server-side and transport
/// failures. Input, credential and abort errors never are; nor is a client-fault service error.
/// (The error types only describe what went wrong; what to do about it is this policy's.)
#[cfg_attr(size_build, optimize(size))]
pub fn is_retryable(error: &Error) -> bool {
    match error {
        Error::Service(e) => {
            is_throttling(error)
                || matches!(
                    e.code.as_str(),
                    "RequestTimeout" | "RequestTimeoutException" | "InternalFailure"
                )
                || matches!(e.status, 500 | 502 | 503 | 504)
        }
        Error::InvalidResponse { status, .. } => matches!(status, 429 | 500 | 502 | 503 | 504),
        Error::Network { .. } | Error::Timeout { .. } => true,
        Error::InvalidInput { .. } | Error::Aborted { .. } | Error::Credentials { .. } => false,
    }
}

/// The service asked the caller to slow down (ELB's `Throttling` comes as HTTP 400).
#[cfg_attr(size_build, optimize(size))]
pub fn is_throttling(error: &Error) -> bool {
    match error {
        Error::Service(e) => {
            e.status == 429
                || matches!(
                    e.code.as_str(),
                    "Throttling"
                        | "ThrottlingException"
                        | "ThrottledException"
                        | "RequestLimitExceeded"
                        | "RequestThrottled"
                        | "RequestThrottledException"
                        | "TooManyRequestsException"
                        | "SlowDown"
                )
        }
        Error::InvalidResponse { status, .. } => *status == 429,
        _ => false,
    }
}

/// The longest wait between two attempts.
pub const MAX_BACKOFF_MS: f64 = 20_000.0;
/// Base delays: transient failures start at 100 ms, throttling at 500 ms (standard mode).
const BASE_MS: f64 = 100.0;
const THROTTLING_BASE_MS: f64 = 500.0;

/// How long to wait before the retry that follows attempt number `attempt` (1-based), with
/// "full jitter": uniformly in `0..min(cap, base * 2^(attempt-1))`. `random` is in `0..1`.
#[cfg_attr(size_build, optimize(size))]
pub fn backoff_ms(attempt: u32, throttled: bool, random: f64) -> u32 {
    let base = if throttled {
        THROTTLING_BASE_MS
    } else {
        BASE_MS
    };
    let exp = attempt.saturating_sub(1).min(30) as i32;
    let ceiling = (base * 2f64.powi(exp)).min(MAX_BACKOFF_MS);
    let r = if random.is_finite() {
        random.clamp(0.0, 1.0)
    } else {
        0.0
    };
    (r * ceiling) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(code: &str, status: u16) -> Error {
        Error::Service(Box::new(crate::error::ServiceError {
            code: code.into(),
            message: String::new(),
            fault: None,
            request_id: None,
            status,
            fields: crate::Value::Null,
        }))
    }

    #[test]
    fn bucket_pays_retries_until_empty_and_refills_on_success() {
        let mut b = TokenBucket::default();
        let net = Error::Network {
            message: String::new(),
        };
        let timeout = Error::Timeout {
            message: String::new(),
        };
        assert_eq!(b.acquire(&timeout), Some(10));
        assert_eq!(b.tokens(), 490);
        let mut n = 0;
        while b.acquire(&net).is_some() {
            n += 1;
        }
        assert_eq!(n, 98);
        assert_eq!(b.tokens(), 0);
        b.on_success(Some(5));
        assert_eq!(b.tokens(), 5);
        b.on_success(None);
        assert_eq!(b.tokens(), 6);
        for _ in 0..1000 {
            b.on_success(Some(10));
        }
        assert_eq!(b.tokens(), TokenBucket::CAPACITY);
    }

    #[test]
    fn backoff_is_full_jitter_under_an_exponential_ceiling() {
        assert_eq!(backoff_ms(1, false, 0.0), 0);
        assert_eq!(backoff_ms(1, false, 0.5), 50);
        assert_eq!(backoff_ms(2, false, 0.5), 100);
        assert_eq!(backoff_ms(3, false, 0.999), 399);
        assert_eq!(backoff_ms(1, true, 0.5), 250);
        assert_eq!(backoff_ms(40, true, 1.0), 20_000);
        assert_eq!(backoff_ms(u32::MAX, false, 0.5), 10_000);
        assert_eq!(backoff_ms(2, false, f64::NAN), 0);
        assert_eq!(backoff_ms(2, false, 7.0), 200);
    }

    #[test]
    fn throttling_is_known_by_code_or_429_whatever_the_status() {
        assert!(is_throttling(&service("Throttling", 400)));
        assert!(is_throttling(&service("RequestLimitExceeded", 503)));
        assert!(is_throttling(&service("ThrottlingException", 400)));
        assert!(is_throttling(&service("Whatever", 429)));
        assert!(is_throttling(&Error::invalid_response(429, "")));
        assert!(!is_throttling(&service("LoadBalancerNotFound", 400)));
        assert!(!is_throttling(&service("InternalFailure", 500)));
    }
}
