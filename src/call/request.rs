//! One operation's HTTP request, ready for any transport: validated, encoded, signed.

use crate::call::partition;
use crate::codec::query;
use crate::codec::validate;
use crate::error::Error;
use crate::model::{Model, Operation, Protocol};
use crate::sigv4::{self, Credentials, SigningKeyCache};
use crate::value::Value;

/// Only these headers are sent: each extra signed header is a CORS preflight cost in browsers
/// and one more thing a verifier can disagree about.
pub const CONTENT_TYPE: &str = "application/x-www-form-urlencoded";
/// A restXml request's body (the AWS SDKs send this; a browser would otherwise say text/plain).
pub const XML_CONTENT_TYPE: &str = "application/xml";
/// An awsJson request's, before its version (`1.1`).
pub const JSON_CONTENT_TYPE: &str = "application/x-amz-json-";

/// Where requests go: `scheme://host[:port]/path`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    pub scheme: String,
    /// Host, with the port when it is not the scheme's default (this is what `Host:` carries).
    pub authority: String,
    /// Always starts with `/`.
    pub path: String,
    /// The region requests to it are signed for, when not the client's (a global service's, or
    /// one its rule set names).
    pub signing_region: Option<&'static str>,
}

impl Endpoint {
    /// Parses an endpoint URL. Query strings, fragments and user info are refused: they have no
    /// meaning for an AWS endpoint and would change what gets signed.
    #[cfg_attr(size_build, optimize(size))]
    pub fn parse(url: &str) -> Result<Endpoint, Error> {
        let bad = |why: &str| {
            Error::invalid_input("endpoint", cat!(why, ": ", crate::codec::json::quoted(url)))
        };
        let (scheme, rest) =
            crate::text::find::split_once(url, "://").ok_or_else(|| bad("not an http(s) URL"))?;
        let scheme = scheme.to_ascii_lowercase();
        let default_port = match scheme.as_str() {
            "https" => ":443",
            "http" => ":80",
            _ => return Err(bad("the scheme must be http or https")),
        };
        // Nor control characters: a request's parts cross to JS NUL-separated, and no URL holds one.
        if url.bytes().any(|b| b < 0x20 || b == 0x7f) {
            return Err(bad("the URL holds a control character"));
        }
        if rest.contains(['?', '#', '@']) {
            return Err(bad("an endpoint takes no query, fragment or user info"));
        }
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        // awsQuery operations are all `POST /`, which lands under the endpoint's own path.
        let path = if path.ends_with('/') {
            path.to_owned()
        } else {
            cat!(path, "/")
        };
        let authority = authority.strip_suffix(default_port).unwrap_or(authority);
        let host_ok = !authority.is_empty()
            && authority.bytes().all(|b| {
                b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']')
            });
        if !host_ok {
            return Err(bad("the host is not a valid host name"));
        }
        Ok(Endpoint {
            scheme,
            authority: authority.to_ascii_lowercase(),
            path,
            signing_region: None,
        })
    }

    /// AWS's endpoint for `region` as the service's endpoint rule set gives it, `flags` naming
    /// FIPS and dual-stack (`partition.rs`): `https://<prefix>.<region>.<partition's suffix>`, a
    /// global service's `https://<prefix>.<suffix>` signed for its partition's global region.
    #[cfg_attr(size_build, optimize(size))]
    pub fn for_region(model: &Model, region: &str, flags: u8) -> Result<Endpoint, Error> {
        check_region(region)?;
        let Some((authority, signing_region)) = partition::resolve(model, region, flags) else {
            return Err(Error::invalid_input(
                "useFipsEndpoint",
                "the service has no endpoint in this region for this useFipsEndpoint / useDualstackEndpoint setting",
            ));
        };
        Ok(Endpoint {
            scheme: "https".into(),
            authority,
            path: "/".into(),
            signing_region,
        })
    }

    pub fn url(&self) -> String {
        cat!(self.scheme, "://", self.authority, self.path)
    }
}

/// A region is a DNS label sequence; anything else would put arbitrary text in the host name and
/// the credential scope.
#[cfg_attr(size_build, optimize(size))]
pub fn check_region(region: &str) -> Result<(), Error> {
    let ok = !region.is_empty()
        && region.len() <= 64
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(Error::invalid_input(
            "region",
            cat!(
                "not an AWS region name: ",
                crate::codec::json::quoted(region)
            ),
        ))
    }
}

/// A signed request, ready to send. `Debug` hides the token and the signature.
#[derive(Clone)]
pub struct HttpRequest {
    pub method: String,
    pub url: String,
    /// `host`, `content-type`, `x-amz-date`, `x-amz-security-token` (with a token), `authorization`.
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
}

/// Header values that must never reach a log.
fn is_secret_header(name: &str) -> bool {
    matches!(name, "authorization" | "x-amz-security-token")
}

impl std::fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(n, v)| {
                (
                    *n,
                    if is_secret_header(n) {
                        "<redacted>"
                    } else {
                        v.as_str()
                    },
                )
            })
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body", &self.body)
            .finish()
    }
}

/// What signing needs besides the request itself.
pub struct Signer<'a> {
    pub credentials: &'a Credentials,
    pub region: &'a str,
    pub time_ms: i64,
    pub cache: &'a mut SigningKeyCache,
}

/// Validates `input`, encodes it as `op`'s form body and signs the request for `endpoint`.
#[cfg_attr(size_build, optimize(size))]
pub fn prepare(
    model: &Model,
    op: &Operation,
    input: &Value,
    endpoint: &Endpoint,
    signer: Signer<'_>,
) -> Result<HttpRequest, Error> {
    validate::validate_input(model, op, input)?;
    prepare_validated(model, op, input, None, endpoint, signer)
}

/// A restXml request's line and body as the JS face wrote them from the service's table (why
/// there: `codec/mod.rs`): the method, the target (`path?query`, the path under the endpoint's)
/// and the XML body. The call signs them as they are, on every attempt.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Written(pub String, pub String, pub String);

/// [`prepare`] for an input already validated (see [`crate::call::client::CheckedInput`]), and
/// for restXml with its request line and body `written`.
#[cfg_attr(size_build, optimize(size))]
pub fn prepare_validated(
    model: &Model,
    op: &Operation,
    input: &Value,
    written: Option<&Written>,
    endpoint: &Endpoint,
    signer: Signer<'_>,
) -> Result<HttpRequest, Error> {
    check_region(signer.region)?;
    // The body is owned here and moved into the request: the form is encoded once, not copied.
    let json_type;
    let (method, target, body, content_type) = match written {
        Some(Written(method, target, body)) => {
            let kind = if body.is_empty() {
                ""
            } else {
                XML_CONTENT_TYPE
            };
            (method.as_str(), target.as_str(), body.clone(), kind)
        }
        None if model.protocol == Protocol::Query => {
            ("POST", "/", query::encode(model, op, input)?, CONTENT_TYPE)
        }
        None if model.protocol == Protocol::Json => {
            let mut body = String::new();
            crate::codec::json::write_request(&mut body, input);
            json_type = cat!(JSON_CONTENT_TYPE, model.json_version);
            ("POST", "/", body, json_type.as_str())
        }
        None => {
            return Err(Error::invalid_input(
                "",
                cat!(
                    op.name,
                    ": a restXml request is written by the JS face; none was"
                ),
            ));
        }
    };
    let (path, query) = crate::text::find::split_once(target, "?").unwrap_or((target, ""));
    // The endpoint's path ends with `/`, the request's starts with one.
    let base = endpoint.path.strip_suffix('/').unwrap_or_default();
    let path = cat!(base, path);
    // awsJson names the operation in a header.
    let amz_target = if model.protocol == Protocol::Json {
        cat!(model.target_prefix, ".", op.name)
    } else {
        String::new()
    };
    // A restXml GET has no body, so no content type; only awsJson (which has one) has a target.
    let signed_count = if !amz_target.is_empty() {
        3
    } else if !content_type.is_empty() {
        2
    } else {
        1
    };
    let all = [
        ("host", endpoint.authority.as_str()),
        ("content-type", content_type),
        ("x-amz-target", amz_target.as_str()),
    ];
    let to_sign = &all[..signed_count];
    let mut headers: Vec<(&'static str, String)> =
        to_sign.iter().map(|(n, v)| (*n, (*v).to_owned())).collect();
    // An operation the model says takes no auth goes as it is: no date, no signature, and the
    // credentials (the caller may have none) are not read.
    if !op.unsigned {
        let signed = sigv4::sign(
            &sigv4::Request {
                method,
                path: &path,
                query,
                headers: to_sign,
                body: body.as_bytes(),
            },
            &sigv4::Params::new(
                signer.credentials,
                endpoint.signing_region.unwrap_or(signer.region),
                model.signing_name,
                signer.time_ms,
            ),
            signer.cache,
        );
        headers.extend(signed.headers);
    }
    let url = cat!(endpoint.scheme, "://", endpoint.authority, base, target);
    Ok(HttpRequest {
        method: method.to_owned(),
        url,
        headers,
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_endpoints() {
        let e = Endpoint::parse("http://127.0.0.1:5055").unwrap();
        assert_eq!(
            (e.authority.as_str(), e.path.as_str()),
            ("127.0.0.1:5055", "/")
        );
        let e = Endpoint::parse("HTTPS://Example.com:443/custom").unwrap();
        assert_eq!(e.url(), "https://example.com/custom/");
        for bad in [
            "ftp://x",
            "example.com",
            "https://",
            "https://a b",
            "https://u@h",
            "https://h/?q",
        ] {
            assert!(Endpoint::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn picks_regional_endpoints() {
        let m = &crate::model::ELB;
        assert_eq!(
            Endpoint::for_region(m, "eu-west-1", 0).unwrap().url(),
            "https://elasticloadbalancing.eu-west-1.amazonaws.com/"
        );
        assert_eq!(
            Endpoint::for_region(m, "cn-north-1", 0).unwrap().authority,
            "elasticloadbalancing.cn-north-1.amazonaws.com.cn"
        );
        assert!(Endpoint::for_region(m, "us-east-1.evil.com/", 0).is_err());
    }
}
