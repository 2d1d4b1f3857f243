//! The decoder on hostile and broken bodies: every input gives a value or an error, never a panic.
//!
//! A bounded property test (a fixed-seed generator, so a failure reproduces) feeds random bytes,
//! random XML-ish token soup and mutations of real responses to every ELB operation's decoder,
//! for success and error statuses alike.

#[path = "support/rng.rs"]
mod rng;

use elb_wasm::codec::xml;
use elb_wasm::{ELB, Error, Value};
use rng::Rng;

const DESCRIBE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<DescribeLoadBalancersResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/">
  <DescribeLoadBalancersResult>
    <NextMarker>abc</NextMarker>
    <LoadBalancerDescriptions>
      <member>
        <LoadBalancerName>my-lb</LoadBalancerName>
        <CreatedTime>2024-02-29T10:11:12.345Z</CreatedTime>
        <ListenerDescriptions><member><Listener><Protocol>HTTP</Protocol><LoadBalancerPort>80</LoadBalancerPort>
          <InstancePort>8080</InstancePort></Listener><PolicyNames/></member></ListenerDescriptions>
        <Instances><member><InstanceId>i-1</InstanceId></member><member><InstanceId>i-2</InstanceId></member></Instances>
        <HealthCheck><Target>HTTP:80/ping?a=1&amp;b=2</Target><Interval>30</Interval></HealthCheck>
        <SourceSecurityGroup><OwnerAlias>amazon-elb</OwnerAlias><GroupName><![CDATA[<sg> & co]]></GroupName></SourceSecurityGroup>
      </member>
    </LoadBalancerDescriptions>
  </DescribeLoadBalancersResult>
  <ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>
</DescribeLoadBalancersResponse>"#;

const ERROR: &str = r#"<ErrorResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/">
  <Error><Type>Sender</Type><Code>LoadBalancerNotFound</Code><Message>There is no ACTIVE Load Balancer named &apos;x&apos;</Message></Error>
  <RequestId>err-1</RequestId>
</ErrorResponse>"#;

fn describe(body: &str, status: u16) -> Result<xml::Decoded, Error> {
    let op = ELB.operation("DescribeLoadBalancers").unwrap();
    xml::decode_response(&ELB, op, status, body)
}

#[test]
fn a_full_response_with_entities_cdata_and_namespaces() {
    let d = describe(DESCRIBE, 200).expect("decodes");
    assert_eq!(d.request_id.as_deref(), Some("req-1"));
    assert_eq!(d.output.get("NextMarker"), Some(&Value::Str("abc".into())));
    let lb = &d
        .output
        .get("LoadBalancerDescriptions")
        .unwrap()
        .as_list()
        .unwrap()[0];
    assert_eq!(
        lb.get("CreatedTime"),
        Some(&Value::Timestamp(1_709_201_472_345))
    );
    let hc = lb.get("HealthCheck").unwrap();
    assert_eq!(
        hc.get("Target"),
        Some(&Value::Str("HTTP:80/ping?a=1&b=2".into()))
    );
    let sg = lb.get("SourceSecurityGroup").unwrap();
    assert_eq!(sg.get("GroupName"), Some(&Value::Str("<sg> & co".into())));
    assert_eq!(lb.get("Instances").unwrap().as_list().unwrap().len(), 2);
    let listener = &lb.get("ListenerDescriptions").unwrap().as_list().unwrap()[0];
    assert_eq!(listener.get("PolicyNames"), Some(&Value::List(vec![])));
}

#[test]
fn prefixed_namespaces_are_read_by_local_name() {
    let body = r#"<e:DescribeLoadBalancersResponse xmlns:e="urn:x"><e:DescribeLoadBalancersResult>
        <e:NextMarker>m&#x41;&#66;</e:NextMarker></e:DescribeLoadBalancersResult></e:DescribeLoadBalancersResponse>"#;
    let d = describe(body, 200).expect("decodes");
    assert_eq!(d.output.get("NextMarker"), Some(&Value::Str("mAB".into())));
}

#[test]
fn service_errors_carry_code_message_and_request_id() {
    let Err(Error::Service(e)) = describe(ERROR, 400) else {
        panic!("expected a service error")
    };
    assert_eq!(e.code, "LoadBalancerNotFound");
    assert_eq!(e.message, "There is no ACTIVE Load Balancer named 'x'");
    assert_eq!(e.fault.as_deref(), Some("Sender"));
    assert_eq!(e.request_id.as_deref(), Some("err-1"));
    assert_eq!(e.status, 400);

    // Throttling is not in the model but still a service error with its code.
    let throttled = "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>t</RequestId></ErrorResponse>";
    let err = describe(throttled, 400).unwrap_err();
    assert_eq!(
        (err.code(), err.status(), err.request_id()),
        ("Throttling", Some(400), Some("t"))
    );

    // The EC2-style form.
    let ec2 = "<Response><Errors><Error><Code>AuthFailure</Code><Message>no</Message></Error></Errors><RequestID>r2</RequestID></Response>";
    let err = describe(ec2, 401).unwrap_err();
    assert_eq!((err.code(), err.request_id()), ("AuthFailure", Some("r2")));

    // moto's signature errors: <ErrorResponse> around an EC2-style <Errors>.
    let moto = r#"<?xml version="1.0" encoding="utf-8"?>
<ErrorResponse><Errors><Error><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message><Type>Sender</Type></Error></Errors></ErrorResponse>"#;
    let err = describe(moto, 403).unwrap_err();
    assert_eq!(
        (err.code(), err.status()),
        ("InvalidClientTokenId", Some(403))
    );
}

#[test]
fn non_xml_and_wrong_shape_bodies_are_invalid_responses() {
    let cases: &[(&str, u16)] = &[
        (
            "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>",
            502,
        ),
        ("<html><body>Service Unavailable</body></html>", 503),
        ("Internal Server Error", 500),
        ("", 500),
        ("", 200),
        ("{\"message\":\"json\"}", 200),
        (
            "<DescribeTagsResponse><DescribeTagsResult/></DescribeTagsResponse>",
            200,
        ),
        (
            "<ErrorResponse><Error><Message>no code</Message></Error></ErrorResponse>",
            400,
        ),
        (
            "<DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancerDescriptions><member><CreatedTime>yesterday</CreatedTime></member></LoadBalancerDescriptions></DescribeLoadBalancersResult></DescribeLoadBalancersResponse>",
            200,
        ),
        (
            "<DescribeLoadBalancersResponse><DescribeLoadBalancersResult><NextMarker>&bogus;</NextMarker></DescribeLoadBalancersResult></DescribeLoadBalancersResponse>",
            200,
        ),
    ];
    for (body, status) in cases {
        match describe(body, *status) {
            Err(Error::InvalidResponse { status: s, message }) => {
                assert_eq!(s, *status);
                assert!(!message.is_empty());
            }
            other => panic!("{body:?} ({status}) gave {other:?}"),
        }
    }
}

/// A body framed as complete but cut short (a misbehaving proxy) is a transport fault: retryable
/// like a reset, whatever the status, wherever the cut falls. A complete document of the wrong
/// shape stays a non-retryable InvalidResponse (above).
#[test]
fn a_body_cut_anywhere_is_a_retryable_network_error() {
    for (body, status) in [(DESCRIBE, 200), (ERROR, 400)] {
        let root = body.find('<').unwrap();
        for end in root + 1..body.trim_end().len() {
            match describe(&body[..end], status) {
                Err(e @ Error::Network { .. }) => {
                    assert!(elb_wasm::call::retry::is_retryable(&e), "{e}");
                    assert_eq!(e.code(), "NetworkError");
                    assert!(e.to_string().contains(&format!("HTTP {status}")), "{e}");
                }
                other => panic!("{:?} ({status}) gave {other:?}", &body[..end]),
            }
        }
        assert!(describe(body, status).is_ok() == (status == 200));
    }
    // The declaration alone: a document cut before its root element.
    let d = describe("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 200);
    assert!(matches!(d, Err(Error::Network { .. })), "{d:?}");
}

#[test]
fn absurd_nesting_is_refused_not_overflowed() {
    // HealthCheck is no list, but the decoder must not recurse without bound on any input:
    // structures nested far deeper than the API ever goes.
    let mut body = String::from(
        "<DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancerDescriptions>",
    );
    for _ in 0..100_000 {
        body.push_str("<member><Policies>");
    }
    let d = describe(&body, 200);
    // Never closed, so also a cut body: refused either way, the point is no overflow.
    assert!(
        matches!(
            d,
            Err(Error::InvalidResponse { .. } | Error::Network { .. })
        ),
        "{d:?}"
    );
    let mut unknown = String::from("<DescribeLoadBalancersResponse><DescribeLoadBalancersResult>");
    unknown.push_str(&"<x>".repeat(200_000));
    unknown.push_str(&"</x>".repeat(200_000));
    unknown.push_str("</DescribeLoadBalancersResult></DescribeLoadBalancersResponse>");
    assert!(
        describe(&unknown, 200).is_ok(),
        "unknown elements are skipped without recursion"
    );
}

const TOKENS: &[&str] = &[
    "<",
    ">",
    "</",
    "/>",
    "<member>",
    "</member>",
    "<LoadBalancerDescriptions>",
    "</LoadBalancerDescriptions>",
    "<DescribeLoadBalancersResponse>",
    "</DescribeLoadBalancersResponse>",
    "<DescribeLoadBalancersResult>",
    "</DescribeLoadBalancersResult>",
    "<ErrorResponse>",
    "<Error>",
    "<Code>",
    "</Code>",
    "<CreatedTime>",
    "</CreatedTime>",
    "<InstancePort>",
    "99999999999999999999",
    "-1",
    "&amp;",
    "&#0;",
    "&#xD800;",
    "&",
    "<![CDATA[",
    "]]>",
    "<!--",
    "-->",
    "<?xml version=\"1.0\"?>",
    "<!DOCTYPE x>",
    "xmlns=\"a\"",
    "a:b",
    " ",
    "\n",
    "é",
    "\u{FFFF}",
    "<Instances/>",
    "<HealthCheck>",
    "</HealthCheck>",
    "<Interval>",
    "</Interval>",
    "2024-13-45T99:99:99Z",
    "true",
];

fn all_ops_survive(body: &str) {
    for op in ELB.operations {
        for status in [200, 400, 503] {
            // Any result is fine; what is tested is that there is one.
            let _ = xml::decode_response(&ELB, op, status, body);
        }
    }
}

#[test]
fn random_and_mutated_bodies_never_panic() {
    let mut rng = Rng(0x5EED_0E1B_2012_0601);
    let seeds = [DESCRIBE, ERROR];
    let mut runs = 0;
    for round in 0..3000 {
        let body = match round % 3 {
            // Random bytes, made text the way fetch's `text()` would (lossy UTF-8).
            0 => {
                let bytes: Vec<u8> = (0..rng.below(200)).map(|_| rng.next() as u8).collect();
                String::from_utf8_lossy(&bytes).into_owned()
            }
            // XML-ish token soup.
            1 => (0..rng.below(60))
                .map(|_| TOKENS[rng.below(TOKENS.len())])
                .collect(),
            // A real response with bytes flipped, cut, duplicated or spliced with tokens.
            _ => {
                let mut b = seeds[rng.below(seeds.len())].as_bytes().to_vec();
                for _ in 0..1 + rng.below(8) {
                    let at = rng.below(b.len().max(1));
                    match rng.below(4) {
                        0 => b[at] = rng.next() as u8,
                        1 => b.truncate(at),
                        2 => {
                            let end = (at + rng.below(40)).min(b.len());
                            let copy = b[at..end].to_vec();
                            b.splice(at..at, copy);
                        }
                        _ => {
                            let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                            b.splice(at..at, t.iter().copied());
                        }
                    }
                    if b.is_empty() {
                        break;
                    }
                }
                String::from_utf8_lossy(&b).into_owned()
            }
        };
        all_ops_survive(&body);
        runs += 1;
    }
    assert_eq!(runs, 3000);
}
