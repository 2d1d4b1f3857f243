//! The AWS SigV4 test suite (34 cases): canonical request, string to sign and authorization
//! header each checked on its own, from the literal request of each `.req` file.

mod support;

use elb_wasm::sigv4::{self, Credentials, SigningKeyCache};
use std::path::{Path, PathBuf};

const ACCESS_KEY: &str = "AKIDEXAMPLE";
const SECRET_KEY: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
/// 2015-08-30T12:36:00Z
const TIME_MS: i64 = 1_440_938_160_000;

struct RawRequest {
    method: String,
    path: String,
    query: String,
    headers: Vec<(String, String)>,
    body: String,
}

/// Parses a suite `.req` file: a raw HTTP/1.1 request whose request line may hold a literal space
/// or raw UTF-8, and whose headers may be folded over several lines.
fn parse_req(text: &str) -> RawRequest {
    let (head, body) = text.split_once("\n\n").unwrap_or((text, ""));
    let mut lines = head.lines();
    let request_line = lines.next().expect("request line");
    let (method, rest) = request_line.split_once(' ').expect("method");
    let target = rest.strip_suffix(" HTTP/1.1").expect("HTTP/1.1");
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            let last = headers.last_mut().expect("a folded line follows a header");
            last.1.push('\n');
            last.1.push_str(line);
        } else {
            let (name, value) = line.split_once(':').expect("name:value");
            headers.push((name.to_owned(), value.to_owned()));
        }
    }
    RawRequest {
        method: method.to_owned(),
        path: path.to_owned(),
        query: query.to_owned(),
        headers,
        body: body.to_owned(),
    }
}

fn cases(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir").flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "req") {
                found.push(p.with_extension(""));
            }
        }
    }
    found.sort();
    found
}

fn read(stem: &Path, ext: &str) -> String {
    std::fs::read_to_string(stem.with_extension(ext)).expect("case file")
}

#[test]
fn all_34_cases_match_creq_sts_and_authz() {
    let dir = support::vectors_dir("sigv4");
    let all = cases(&dir);
    assert_eq!(all.len(), 34, "the suite has 34 cases");
    let mut cache = SigningKeyCache::default();
    let mut failures = Vec::new();
    for stem in &all {
        let name = stem
            .strip_prefix(&dir)
            .unwrap()
            .parent()
            .unwrap()
            .display()
            .to_string();
        let req = parse_req(&read(stem, "req"));
        let creq = read(stem, "creq");
        // botocore's rule: the token, when a case has one, is the creq's x-amz-security-token line.
        let token = creq
            .lines()
            .find_map(|l| l.strip_prefix("x-amz-security-token:"))
            .map(str::to_owned);
        let credentials = Credentials {
            access_key_id: ACCESS_KEY.into(),
            secret_access_key: SECRET_KEY.into(),
            session_token: token.clone(),
        };
        // post-sts-header-after adds its token header after signing: it is not signed.
        let headers: Vec<(&str, &str)> = req
            .headers
            .iter()
            .filter(|(n, _)| token.is_some() || !n.eq_ignore_ascii_case("x-amz-security-token"))
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        let signed = sigv4::sign(
            &sigv4::Request {
                method: &req.method,
                path: &req.path,
                query: &req.query,
                headers: &headers,
                body: req.body.as_bytes(),
            },
            &sigv4::Params::new(&credentials, "us-east-1", "service", TIME_MS),
            &mut cache,
        );
        let checks = [
            (
                "creq",
                signed.canonical_request.to_string(),
                creq.trim_end_matches('\n').to_owned(),
            ),
            (
                "sts",
                signed.string_to_sign.to_string(),
                read(stem, "sts").trim_end().to_owned(),
            ),
            (
                "authz",
                signed.authorization().to_owned(),
                read(stem, "authz").trim_end().to_owned(),
            ),
        ];
        for (what, got, want) in checks {
            if got != want {
                failures.push(format!("{name} {what}:\n--- got\n{got}\n--- want\n{want}"));
            }
        }
        // The signed request's Authorization line agrees too, except where the suite's README
        // documents that the .sreq is stale (get-vanilla-with-session-token).
        if name != "get-vanilla-with-session-token" {
            let sreq = read(stem, "sreq");
            let line = sreq.lines().find_map(|l| l.strip_prefix("Authorization: "));
            if line != Some(signed.authorization()) {
                failures.push(format!("{name} sreq Authorization: {line:?}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn session_token_is_signed_and_sent() {
    let creds = Credentials {
        access_key_id: ACCESS_KEY.into(),
        secret_access_key: SECRET_KEY.into(),
        session_token: Some("TOKEN".into()),
    };
    let signed = sigv4::sign(
        &sigv4::Request {
            method: "POST",
            path: "/",
            query: "",
            headers: &[
                ("host", "example.amazonaws.com"),
                ("X-Amz-Security-Token", "stale"),
                ("Authorization", "AWS4-HMAC-SHA256 stale"),
            ],
            body: b"",
        },
        &sigv4::Params::new(&creds, "us-east-1", "service", TIME_MS),
        &mut SigningKeyCache::default(),
    );
    assert!(
        signed
            .authorization()
            .contains("SignedHeaders=host;x-amz-date;x-amz-security-token,")
    );
    assert!(
        signed
            .canonical_request
            .to_string()
            .contains("x-amz-security-token:TOKEN\n")
    );
    let names: Vec<&str> = signed.headers.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        ["x-amz-date", "x-amz-security-token", "authorization"]
    );
    assert!(!format!("{creds:?}").contains(SECRET_KEY) && !format!("{creds:?}").contains("TOKEN"));
}
