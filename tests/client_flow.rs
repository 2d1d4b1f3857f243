//! One call end to end through a stub transport: what is sent, what comes back, what fails.
//! The client is sans-IO: `drive` below owns the I/O as `js/client/call.js` does in the package.

use elb_wasm::call::client::{Client, HttpResponse, Step};
use elb_wasm::call::request::HttpRequest;
use elb_wasm::call::retry::is_retryable;
use elb_wasm::error::Error;
use elb_wasm::sigv4::Credentials;
use elb_wasm::{ELB, Value};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

/// A scripted runtime: answers in order (the last one repeats), a clock that only moves when
/// the client sleeps, and a record of what was sent and how long each wait was.
struct Stub {
    sent: RefCell<Vec<HttpRequest>>,
    answers: RefCell<VecDeque<Result<HttpResponse, Error>>>,
    sleeps: RefCell<Vec<u32>>,
    clock: Cell<i64>,
    abort_sleep: bool,
}

impl Stub {
    fn script(answers: Vec<Result<HttpResponse, Error>>) -> Stub {
        Stub {
            sent: RefCell::new(Vec::new()),
            answers: RefCell::new(answers.into()),
            sleeps: RefCell::new(Vec::new()),
            clock: Cell::new(T),
            abort_sleep: false,
        }
    }

    fn answering(status: u16, request_id: Option<&str>, body: &str) -> Stub {
        Stub::script(vec![Ok(response(status, request_id, body))])
    }
}

fn response(status: u16, request_id: Option<&str>, body: &str) -> HttpResponse {
    HttpResponse {
        status,
        request_id: request_id.map(str::to_owned),
        date: None,
        body: body.to_owned(),
        json_error: None,
    }
}

impl Stub {
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, Error> {
        self.sent.borrow_mut().push(request);
        let mut answers = self.answers.borrow_mut();
        if answers.len() > 1 {
            answers.pop_front().unwrap()
        } else {
            answers[0].clone()
        }
    }

    fn sleep(&self, ms: u32) -> Result<(), Error> {
        self.sleeps.borrow_mut().push(ms);
        if self.abort_sleep {
            return Err(Error::Aborted {
                message: "aborted while waiting".into(),
            });
        }
        self.clock.set(self.clock.get() + i64::from(ms));
        Ok(())
    }

    fn now_ms(&self) -> i64 {
        self.clock.get()
    }

    fn random(&self) -> f64 {
        0.5
    }
}

fn creds() -> Credentials {
    Credentials {
        access_key_id: "AKIDEXAMPLE".into(),
        secret_access_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".into(),
        session_token: None,
    }
}

const T: i64 = 1_440_938_160_000; // 2015-08-30T12:36:00Z

fn call(
    stub: &Stub,
    op: &str,
    input: &str,
) -> Result<elb_wasm::call::client::Output, elb_wasm::call::client::Failure> {
    let client = Client::new(&ELB, "us-east-1", Some("http://127.0.0.1:5055")).unwrap();
    call_with(&client, stub, op, input)
}

fn call_with(
    client: &Client,
    stub: &Stub,
    op: &str,
    input: &str,
) -> Result<elb_wasm::call::client::Output, elb_wasm::call::client::Failure> {
    let op = client.operation(op).unwrap();
    let input = client
        .check(op, Some(input))
        .map_err(|error| elb_wasm::call::client::Failure {
            error,
            attempts: 0,
            request_id: None,
        })?;
    drive(client, stub, input)
}

/// The caller's side of a call: send what the client asks, hand back what came, wait when told.
/// Bounded: a client that never ends a call fails the test instead of hanging it.
fn drive(
    client: &Client,
    stub: &Stub,
    input: elb_wasm::call::client::CheckedInput,
) -> Result<elb_wasm::call::client::Output, elb_wasm::call::client::Failure> {
    let mut call = client.start(input);
    for _ in 0..100 {
        let request = client.request(&mut call, &creds(), stub.now_ms())?;
        let answer = stub.send(request);
        match client.answer(&mut call, answer, stub.now_ms(), stub.random()) {
            Step::Done(output) => return Ok(output),
            Step::Fail(failure) => return Err(failure),
            Step::Retry { after_ms: 0 } => {}
            Step::Retry { after_ms } => stub.sleep(after_ms).map_err(|e| call.fail(e))?,
        }
    }
    panic!("the call did not end within 100 attempts");
}

#[test]
fn sends_minimal_signed_form_and_decodes_the_output() {
    let stub = Stub::answering(
        200,
        Some("hdr-id"),
        r#"<DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancerDescriptions><member><LoadBalancerName>a</LoadBalancerName><CreatedTime>2013-01-01T00:00:00.500Z</CreatedTime></member></LoadBalancerDescriptions></DescribeLoadBalancersResult><ResponseMetadata><RequestId>xml-id</RequestId></ResponseMetadata></DescribeLoadBalancersResponse>"#,
    );
    let out = call(
        &stub,
        "DescribeLoadBalancers",
        r#"{"LoadBalancerNames":["a"]}"#,
    )
    .unwrap();
    assert_eq!(out.request_id.as_deref(), Some("hdr-id"));
    assert_eq!((out.status, out.attempts), (200, 1));
    let lb = &out
        .output
        .get("LoadBalancerDescriptions")
        .and_then(Value::as_list)
        .unwrap()[0];
    assert_eq!(
        lb.get("CreatedTime"),
        Some(&Value::Timestamp(1_356_998_400_500))
    );

    let sent = stub.sent.borrow();
    assert_eq!(sent.len(), 1);
    let names: Vec<&str> = sent[0].headers.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        ["host", "content-type", "x-amz-date", "authorization"]
    );
    assert_eq!(sent[0].url, "http://127.0.0.1:5055/");
    assert_eq!(
        sent[0].body,
        "Action=DescribeLoadBalancers&Version=2012-06-01&LoadBalancerNames.member.1=a"
    );
}

#[test]
fn request_id_falls_back_to_the_body() {
    let stub = Stub::answering(
        200,
        None,
        "<DeleteLoadBalancerResponse><DeleteLoadBalancerResult/><ResponseMetadata><RequestId>xml-id</RequestId></ResponseMetadata></DeleteLoadBalancerResponse>",
    );
    let out = call(&stub, "DeleteLoadBalancer", r#"{"LoadBalancerName":"a"}"#).unwrap();
    assert_eq!(out.request_id.as_deref(), Some("xml-id"));
    assert_eq!(out.output, Value::Struct(vec![]));
}

#[test]
fn service_errors_carry_code_status_request_id_and_attempts() {
    let stub = Stub::answering(
        400,
        None,
        "<ErrorResponse><Error><Type>Sender</Type><Code>LoadBalancerNotFound</Code><Message>There is no ACTIVE Load Balancer named 'x'</Message></Error><RequestId>rid</RequestId></ErrorResponse>",
    );
    let f = call(
        &stub,
        "DescribeLoadBalancers",
        r#"{"LoadBalancerNames":["x"]}"#,
    )
    .unwrap_err();
    assert_eq!(f.error.code(), "LoadBalancerNotFound");
    assert_eq!(f.error.status(), Some(400));
    assert!(!is_retryable(&f.error));
    assert_eq!((f.attempts, f.request_id.as_deref()), (1, Some("rid")));

    let stub = Stub::answering(
        503,
        Some("h"),
        "<html><body>Service Unavailable</body></html>",
    );
    let f = call(&stub, "DescribeLoadBalancers", "{}").unwrap_err();
    assert_eq!(f.error.code(), "InvalidResponse");
    assert_eq!(f.error.status(), Some(503));
    assert!(is_retryable(&f.error));
    assert_eq!((f.attempts, f.request_id.as_deref()), (3, Some("h")));

    let stub = Stub::answering(
        400,
        None,
        "<ErrorResponse><Error><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>",
    );
    let f = call(&stub, "DescribeLoadBalancers", "{}").unwrap_err();
    assert!(
        is_retryable(&f.error),
        "ELB's Throttling is a 400 and must still be retryable"
    );
}

#[test]
fn transport_failures_pass_through() {
    let stub = Stub::script(vec![Err(Error::Network {
        message: "connection refused".into(),
    })]);
    let f = call(&stub, "DescribeLoadBalancers", "{}").unwrap_err();
    assert_eq!((f.error.code(), f.attempts), ("NetworkError", 3));
    assert!(is_retryable(&f.error));
}

#[test]
fn invalid_input_sends_nothing() {
    for (op, input, field) in [
        (
            "CreateLoadBalancer",
            r#"{"Listeners":[]}"#,
            "LoadBalancerName",
        ),
        (
            "CreateLoadBalancer",
            r#"{"LoadBalancerName":"a","Listeners":[{"Protocol":"HTTP","LoadBalancerPort":80,"InstancePort":0}]}"#,
            "Listeners[0].InstancePort",
        ),
        (
            "DescribeLoadBalancers",
            r#"{"LoadBalancerName":["a"]}"#,
            "LoadBalancerName",
        ),
        ("DescribeLoadBalancers", r#"{"PageSize":"10"}"#, "PageSize"),
        (
            "CreateLoadBalancerListeners",
            r#"{"LoadBalancerName":"a","Listeners":[{"Protocol":"HTTTP","LoadBalancerPort":80,"InstancePort":80}]}"#,
            "Listeners[0].Protocol",
        ),
        (
            "CreateLoadBalancerListeners",
            r#"{"LoadBalancerName":"a","Listeners":[{"Protocol":"TCP","LoadBalancerPort":65536,"InstancePort":80}]}"#,
            "Listeners[0].LoadBalancerPort",
        ),
        (
            "DeleteLoadBalancer",
            r#"{"LoadBalancerName":"a23456789012345678901234567890123"}"#,
            "LoadBalancerName",
        ),
        (
            "DeleteLoadBalancer",
            r#"{"LoadBalancerName":""}"#,
            "LoadBalancerName",
        ),
        (
            "DescribeLoadBalancers",
            r#"{"LoadBalancerNames":null}"#,
            "LoadBalancerNames",
        ),
    ] {
        let stub = Stub::answering(200, None, "");
        let f = call(&stub, op, input).unwrap_err();
        match &f.error {
            Error::InvalidInput { field: got, .. } => assert_eq!(got, field, "{input}"),
            other => panic!("{input}: {other:?}"),
        }
        assert_eq!(f.attempts, 0);
        assert!(
            stub.sent.borrow().is_empty(),
            "{input}: nothing may be sent"
        );
    }
}

#[test]
fn documented_protocols_are_accepted_in_any_case() {
    let body = "<CreateLoadBalancerListenersResponse><CreateLoadBalancerListenersResult/></CreateLoadBalancerListenersResponse>";
    let stub = Stub::answering(200, None, body);
    call(
        &stub,
        "CreateLoadBalancerListeners",
        r#"{"LoadBalancerName":"a","Listeners":[{"Protocol":"tcp","LoadBalancerPort":81,"InstancePort":81,"InstanceProtocol":"Ssl"}]}"#,
    )
    .unwrap();
    assert!(stub.sent.borrow()[0].body.contains("Protocol=tcp"));
}

#[test]
fn bad_configuration_is_refused() {
    assert!(Client::new(&ELB, "", None).is_err());
    assert!(Client::new(&ELB, "us-east-1", Some("ftp://x")).is_err());
    assert!(Client::new(&ELB, "us-east-1", Some("http://127.0.0.1:5055/a\0b")).is_err());
    let c = Client::new(&ELB, "cn-north-1", None).unwrap();
    assert_eq!(
        c.endpoint().url(),
        "https://elasticloadbalancing.cn-north-1.amazonaws.com.cn/"
    );
    assert!(c.operation("describeLoadBalancers").is_err());
}

const OK_DESCRIBE: &str = "<DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancerDescriptions/></DescribeLoadBalancersResult><ResponseMetadata><RequestId>ok</RequestId></ResponseMetadata></DescribeLoadBalancersResponse>";
const THROTTLED: &str = "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>t</RequestId></ErrorResponse>";
const NOT_FOUND: &str = "<ErrorResponse><Error><Type>Sender</Type><Code>LoadBalancerNotFound</Code><Message>no</Message></Error><RequestId>n</RequestId></ErrorResponse>";

#[test]
fn transient_failures_are_retried_with_growing_jittered_waits() {
    let stub = Stub::script(vec![
        Ok(response(503, None, "<html>503 Service Unavailable</html>")),
        Err(Error::Timeout {
            message: "attempt timed out".into(),
        }),
        Ok(response(200, None, OK_DESCRIBE)),
    ]);
    let client = Client::new(&ELB, "us-east-1", Some("http://127.0.0.1:5055"))
        .unwrap()
        .with_max_attempts(4);
    let out = call_with(&client, &stub, "DescribeLoadBalancers", "{}").unwrap();
    assert_eq!(out.attempts, 3);
    // Full jitter at random 0.5: half of 100 ms, then half of 200 ms.
    assert_eq!(*stub.sleeps.borrow(), [50, 100]);
    assert_eq!(stub.sent.borrow().len(), 3);
    // The success gave back what the last retry (after a timeout: 10) took.
    assert_eq!(client.retry_tokens(), 500 - 5);
}

#[test]
fn elb_throttling_400_is_retried_with_the_throttling_base() {
    let stub = Stub::script(vec![
        Ok(response(400, None, THROTTLED)),
        Ok(response(200, None, OK_DESCRIBE)),
    ]);
    let out = call(&stub, "DescribeLoadBalancers", "{}").unwrap();
    assert_eq!(out.attempts, 2);
    assert_eq!(*stub.sleeps.borrow(), [250]);
}

#[test]
fn client_errors_are_not_retried() {
    let stub = Stub::script(vec![
        Ok(response(400, None, NOT_FOUND)),
        Ok(response(200, None, OK_DESCRIBE)),
    ]);
    let f = call(&stub, "DescribeLoadBalancers", "{}").unwrap_err();
    assert_eq!((f.error.code(), f.attempts), ("LoadBalancerNotFound", 1));
    assert!(stub.sleeps.borrow().is_empty());
}

#[test]
fn max_attempts_one_means_one_request() {
    let stub = Stub::answering(503, None, "<html/>");
    let client = Client::new(&ELB, "us-east-1", None)
        .unwrap()
        .with_max_attempts(1);
    let f = call_with(&client, &stub, "DescribeLoadBalancers", "{}").unwrap_err();
    assert_eq!((f.attempts, stub.sent.borrow().len()), (1, 1));
}

#[test]
fn a_failing_endpoint_drains_the_client_wide_budget_then_retries_stop() {
    let stub = Stub::answering(503, None, "<html/>");
    let client = Client::new(&ELB, "us-east-1", None).unwrap();
    let mut retried_calls = 0;
    for _ in 0..200 {
        let f = call_with(&client, &stub, "DescribeLoadBalancers", "{}").unwrap_err();
        if f.attempts > 1 {
            retried_calls += 1;
        }
    }
    // 500 tokens at 5 per retry: 100 retries, i.e. 50 calls retried twice; then single attempts.
    assert_eq!(retried_calls, 50);
    assert_eq!(client.retry_tokens(), 0);
    assert_eq!(stub.sent.borrow().len(), 50 * 3 + 150);
    // Successes refill it one token each.
    let ok = Stub::answering(200, None, OK_DESCRIBE);
    call_with(&client, &ok, "DescribeLoadBalancers", "{}").unwrap();
    assert_eq!(client.retry_tokens(), 1);
}

#[test]
fn an_abort_while_waiting_ends_the_call_with_no_further_request() {
    let mut stub = Stub::answering(503, None, "<html/>");
    stub.abort_sleep = true;
    let f = call(&stub, "DescribeLoadBalancers", "{}").unwrap_err();
    assert_eq!((f.error.code(), f.attempts), ("AbortError", 1));
    assert_eq!(stub.sent.borrow().len(), 1);
}

fn skew_error(server_now: &str) -> String {
    format!(
        "<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>Signature expired: 20150830T121600Z is now earlier than 20150830T123100Z ({server_now} - 5 min.)</Message></Error><RequestId>s</RequestId></ErrorResponse>"
    )
}

fn x_amz_date(r: &HttpRequest) -> String {
    r.headers
        .iter()
        .find(|(n, _)| *n == "x-amz-date")
        .map(|(_, v)| v.clone())
        .unwrap()
}

#[test]
fn a_skewed_clock_is_corrected_from_the_message_and_kept() {
    // The local clock (T = 12:36) is 20 minutes behind the service (12:56).
    let stub = Stub::script(vec![
        Ok(response(403, None, &skew_error("20150830T125600Z"))),
        Ok(response(200, None, OK_DESCRIBE)),
    ]);
    let client = Client::new(&ELB, "us-east-1", None)
        .unwrap()
        .with_max_attempts(1);
    let out = call_with(&client, &stub, "DescribeLoadBalancers", "{}").unwrap();
    assert_eq!(out.attempts, 2, "one correction, even with maxAttempts 1");
    assert!(
        stub.sleeps.borrow().is_empty(),
        "a correction does not wait"
    );
    assert_eq!(client.clock_offset_ms(), 20 * 60_000);
    let sent = stub.sent.borrow();
    assert_eq!(x_amz_date(&sent[0]), "20150830T123600Z");
    assert_eq!(x_amz_date(&sent[1]), "20150830T125600Z");
    drop(sent);
    // Kept for later calls: the next one is signed at the service's time straight away.
    call_with(&client, &stub, "DescribeLoadBalancers", "{}").unwrap();
    assert_eq!(x_amz_date(&stub.sent.borrow()[2]), "20150830T125600Z");
}

#[test]
fn a_skewed_clock_is_corrected_from_the_date_header() {
    let mut refused = response(403, None, &skew_error("garbage"));
    refused.date = Some("Sun, 30 Aug 2015 12:16:00 GMT".into()); // the service is 20 min behind
    let stub = Stub::script(vec![Ok(refused), Ok(response(200, None, OK_DESCRIBE))]);
    let client = Client::new(&ELB, "us-east-1", None).unwrap();
    call_with(&client, &stub, "DescribeLoadBalancers", "{}").unwrap();
    assert_eq!(client.clock_offset_ms(), -20 * 60_000);
    assert_eq!(x_amz_date(&stub.sent.borrow()[1]), "20150830T121600Z");
}

#[test]
fn a_skew_that_persists_after_correction_is_reported_not_looped() {
    let stub = Stub::answering(403, None, &skew_error("20150830T125600Z"));
    let client = Client::new(&ELB, "us-east-1", None).unwrap();
    let first = call_with(&client, &stub, "DescribeLoadBalancers", "{}").unwrap_err();
    assert_eq!(
        (first.error.code(), first.attempts),
        ("SignatureDoesNotMatch", 2)
    );
    // The offset is already what the service says: no second correction, one attempt.
    let again = call_with(&client, &stub, "DescribeLoadBalancers", "{}").unwrap_err();
    assert_eq!(again.attempts, 1);
    assert_eq!(stub.sent.borrow().len(), 3);
}
