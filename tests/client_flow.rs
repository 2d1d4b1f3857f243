//! One call end to end through a stub transport: what is sent, what comes back, what fails.

use elb_wasm::client::{Client, HttpResponse, Transport};
use elb_wasm::error::Error;
use elb_wasm::request::HttpRequest;
use elb_wasm::sigv4::Credentials;
use elb_wasm::{ELB, Value};
use std::cell::RefCell;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// The stub answers at once, so one poll finishes any call.
fn run<F: Future>(f: F) -> F::Output {
    let mut f = pin!(f);
    match f.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(v) => v,
        Poll::Pending => panic!("the stub transport never waits"),
    }
}

struct Stub {
    sent: RefCell<Vec<HttpRequest>>,
    answer: Result<HttpResponse, Error>,
}

impl Stub {
    fn answering(status: u16, request_id: Option<&str>, body: &str) -> Stub {
        Stub {
            sent: RefCell::new(Vec::new()),
            answer: Ok(HttpResponse {
                status,
                request_id: request_id.map(str::to_owned),
                body: body.to_owned(),
            }),
        }
    }
}

impl Transport for Stub {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, Error> {
        self.sent.borrow_mut().push(request);
        self.answer.clone()
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
) -> Result<elb_wasm::client::Output, elb_wasm::client::Failure> {
    let client = Client::new(&ELB, "us-east-1", Some("http://127.0.0.1:5055")).unwrap();
    let op = client.operation(op).unwrap();
    let input = client
        .check(op, Some(input))
        .map_err(|error| elb_wasm::client::Failure {
            error,
            attempts: 0,
            request_id: None,
        })?;
    run(client.call(stub, &input, &creds(), || T))
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
    assert!(!f.error.retryable());
    assert_eq!((f.attempts, f.request_id.as_deref()), (1, Some("rid")));

    let stub = Stub::answering(
        503,
        Some("h"),
        "<html><body>Service Unavailable</body></html>",
    );
    let f = call(&stub, "DescribeLoadBalancers", "{}").unwrap_err();
    assert_eq!(f.error.code(), "InvalidResponse");
    assert_eq!(f.error.status(), Some(503));
    assert!(f.error.retryable());
    assert_eq!(f.request_id.as_deref(), Some("h"));

    let stub = Stub::answering(
        400,
        None,
        "<ErrorResponse><Error><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>",
    );
    let f = call(&stub, "DescribeLoadBalancers", "{}").unwrap_err();
    assert!(
        f.error.retryable(),
        "ELB's Throttling is a 400 and must still be retryable"
    );
}

#[test]
fn transport_failures_pass_through() {
    let stub = Stub {
        sent: RefCell::new(Vec::new()),
        answer: Err(Error::Network {
            message: "connection refused".into(),
        }),
    };
    let f = call(&stub, "DescribeLoadBalancers", "{}").unwrap_err();
    assert_eq!((f.error.code(), f.attempts), ("NetworkError", 1));
    assert!(f.error.retryable());
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
fn bad_configuration_is_refused() {
    assert!(Client::new(&ELB, "", None).is_err());
    assert!(Client::new(&ELB, "us-east-1", Some("ftp://x")).is_err());
    let c = Client::new(&ELB, "cn-north-1", None).unwrap();
    assert_eq!(
        c.endpoint().url(),
        "https://elasticloadbalancing.cn-north-1.amazonaws.com.cn/"
    );
    assert!(c.operation("describeLoadBalancers").is_err());
}
