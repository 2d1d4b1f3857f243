//! One call's life without I/O: the request (validated, encoded, signed), the answer read into an
//! output or an error, and the decision to retry (policy, budget, clock skew). The caller owns the
//! network, the timers and the clock (`js/client/call.js` in the package, a loop in the host tests).

pub mod client;
pub mod partition;
pub mod request;
pub mod retry;
pub mod skew;
