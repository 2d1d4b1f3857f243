//! Clock skew: a signature is only accepted within minutes of the service's own clock. When the
//! service says the request time is off, its clock is learnt from the response and the request
//! is signed again with the difference added.

use crate::error::Error;
use crate::text::find::contains;
use crate::text::time;

/// Whether `error` is the service refusing the request's timestamp. ELB (awsQuery) reports it as
/// `SignatureDoesNotMatch` with "Signature expired" / "Signature not yet current"; other AWS
/// protocols use dedicated codes.
#[cfg_attr(size_build, optimize(size))]
pub fn is_skew_error(error: &Error) -> bool {
    let Error::Service(e) = error else {
        return false;
    };
    match e.code.as_str() {
        "RequestTimeTooSkewed" | "RequestExpired" | "RequestInTheFuture" | "SignatureExpired" => {
            true
        }
        "SignatureDoesNotMatch" | "InvalidSignatureException" | "AuthFailure" => {
            let m = e.message.as_str();
            contains(m, "Signature expired")
                || contains(m, "not yet current")
                || contains(m, "skew")
        }
        _ => false,
    }
}

/// The service's clock when it answered, in ms since the epoch: the `Date` header, else the
/// timestamp AWS puts in parentheses in the message ("... (20150830T124100Z - 5 min.)").
/// Browsers hide `Date` from cross-origin scripts, hence the message.
#[cfg_attr(size_build, optimize(size))]
pub fn server_time_ms(date_header: Option<&str>, message: &str) -> Option<i64> {
    if let Some(t) = date_header.and_then(|d| time::parse_http_date(d.trim_ascii())) {
        return Some(t);
    }
    let after = message.get(message.bytes().rposition(|b| b == b'(')? + 1..)?;
    time::parse_amz_date(after.get(..16)?)
}

/// Corrections smaller than this are noise (the round trip itself takes time); the service
/// tolerates minutes.
const MIN_CORRECTION_MS: i64 = 60_000;

/// The offset to add to the local clock, given the service's time and the local time at which
/// the answer came, or `None` when the current offset is already right (retrying would fail
/// the same way).
pub fn corrected_offset(server_ms: i64, local_ms: i64, current_offset_ms: i64) -> Option<i64> {
    let offset = server_ms.saturating_sub(local_ms);
    (offset.saturating_sub(current_offset_ms).abs() >= MIN_CORRECTION_MS).then_some(offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(code: &str, message: &str) -> Error {
        Error::Service(Box::new(crate::error::ServiceError {
            code: code.into(),
            message: message.into(),
            fault: None,
            request_id: None,
            status: 403,
            fields: crate::Value::Null,
        }))
    }

    const EXPIRED: &str = "Signature expired: 20150830T120000Z is now earlier than 20150830T123100Z (20150830T123600Z - 5 min.)";
    const FUTURE: &str = "Signature not yet current: 20150830T130000Z is still later than 20150830T124100Z (20150830T123600Z + 5 min.)";
    const SERVER: i64 = 1_440_938_160_000; // 2015-08-30T12:36:00Z

    #[test]
    fn knows_skew_by_code_or_by_elb_message() {
        assert!(is_skew_error(&service("SignatureDoesNotMatch", EXPIRED)));
        assert!(is_skew_error(&service("SignatureDoesNotMatch", FUTURE)));
        assert!(is_skew_error(&service("RequestTimeTooSkewed", "")));
        assert!(is_skew_error(&service(
            "InvalidSignatureException",
            EXPIRED
        )));
        // A wrong secret is not a clock problem.
        assert!(!is_skew_error(&service(
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided."
        )));
        assert!(!is_skew_error(&Error::Network {
            message: EXPIRED.into()
        }));
    }

    #[test]
    fn reads_the_server_clock_from_date_or_message() {
        assert_eq!(
            server_time_ms(Some("Sun, 30 Aug 2015 12:36:00 GMT"), ""),
            Some(SERVER)
        );
        assert_eq!(server_time_ms(None, EXPIRED), Some(SERVER));
        assert_eq!(server_time_ms(None, FUTURE), Some(SERVER));
        assert_eq!(server_time_ms(Some("garbage"), FUTURE), Some(SERVER));
        assert_eq!(server_time_ms(None, "no time here"), None);
        assert_eq!(server_time_ms(None, "cut (2015"), None);
        assert_eq!(server_time_ms(None, "(é€😀"), None);
    }

    #[test]
    fn corrects_only_a_real_difference() {
        let local = SERVER - 20 * 60_000; // local clock 20 minutes slow
        assert_eq!(corrected_offset(SERVER, local, 0), Some(20 * 60_000));
        assert_eq!(corrected_offset(SERVER, local, 20 * 60_000 - 500), None);
        assert_eq!(corrected_offset(SERVER, SERVER + 90_000, 0), Some(-90_000));
        assert_eq!(corrected_offset(i64::MAX, i64::MIN, 0), Some(i64::MAX));
    }
}
