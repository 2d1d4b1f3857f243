//! libcloud's ELB response fixtures decode to the values they hold.

mod support;

use elb_wasm::codec::xml;
use elb_wasm::{ELB, Error, Value};

fn decode(op: &str, file: &str) -> Result<xml::Decoded, Error> {
    let dir = support::vectors_dir("elb-xml/libcloud");
    let body = std::fs::read_to_string(dir.join(file)).expect("fixture");
    let op = ELB.operation(op).expect("operation");
    xml::decode_response(&ELB, op, 200, &body)
}

fn s(v: &Value, path: &[&str]) -> String {
    let mut at = v;
    for p in path {
        at = match p.parse::<usize>() {
            Ok(i) => &at.as_list().unwrap_or_else(|| panic!("{p}: not a list"))[i],
            Err(_) => at.get(p).unwrap_or_else(|| panic!("{p}: absent in {at:?}")),
        };
    }
    match at {
        Value::Str(s) => s.clone(),
        other => format!("{other:?}"),
    }
}

#[test]
fn describe_load_balancers() {
    let r = decode("DescribeLoadBalancers", "describe_load_balancers.xml");
    let d = r.expect("decodes");
    assert_eq!(
        d.request_id.as_deref(),
        Some("f9880f01-7852-629d-a6c3-3ae2-666a409287e6dc0c")
    );
    let lbs = d
        .output
        .get("LoadBalancerDescriptions")
        .and_then(Value::as_list)
        .unwrap();
    assert_eq!(lbs.len(), 1);
    let lb = &lbs[0];
    assert_eq!(s(lb, &["LoadBalancerName"]), "tests");
    assert_eq!(s(lb, &["DNSName"]), "tests.us-east-1.elb.amazonaws.com");
    assert_eq!(s(lb, &["Scheme"]), "internet-facing");
    assert_eq!(s(lb, &["VPCId"]), "vpc-56e10e3d");
    // 2013-01-01T00:00:00.19000Z: fractional seconds kept to the millisecond.
    assert_eq!(
        lb.get("CreatedTime"),
        Some(&Value::Timestamp(1_356_998_400_190))
    );
    assert_eq!(
        lb.get("HealthCheck").unwrap().get("Interval"),
        Some(&Value::Int(30))
    );
    assert_eq!(
        lb.get("HealthCheck").unwrap().get("HealthyThreshold"),
        Some(&Value::Int(10))
    );
    assert_eq!(s(lb, &["HealthCheck", "Target"]), "TCP:22");
    let listener = &lb.get("ListenerDescriptions").unwrap().as_list().unwrap()[0];
    assert_eq!(s(listener, &["PolicyNames", "0"]), "AWSConsolePolicy-1");
    assert_eq!(s(listener, &["Listener", "Protocol"]), "HTTP");
    assert_eq!(
        listener.get("Listener").unwrap().get("LoadBalancerPort"),
        Some(&Value::Int(80))
    );
    assert_eq!(s(lb, &["Instances", "0", "InstanceId"]), "i-64bd081c");
    assert_eq!(s(lb, &["AvailabilityZones", "0"]), "us-east-1e");
    let policies = lb.get("Policies").unwrap();
    assert_eq!(
        policies.get("AppCookieStickinessPolicies"),
        Some(&Value::List(vec![]))
    );
    assert_eq!(policies.get("OtherPolicies"), Some(&Value::List(vec![])));
    let lbc = &policies
        .get("LBCookieStickinessPolicies")
        .unwrap()
        .as_list()
        .unwrap()[0];
    assert_eq!(lbc.get("CookieExpirationPeriod"), Some(&Value::Int(30)));
    // Present-but-empty lists (whitespace inside, or self-closing) are empty arrays, not absent.
    for empty in ["SecurityGroups", "Subnets", "BackendServerDescriptions"] {
        assert_eq!(lb.get(empty), Some(&Value::List(vec![])), "{empty}");
    }
    // Members the response does not carry stay absent.
    assert_eq!(lb.get("SourceSecurityGroup"), None);
    assert_eq!(d.output.get("NextMarker"), None);
}

#[test]
fn describe_load_balancer_policies() {
    let r = decode(
        "DescribeLoadBalancerPolicies",
        "describe_load_balancer_policies.xml",
    );
    let d = r.expect("decodes");
    let out = &d.output;
    assert_eq!(
        s(out, &["PolicyDescriptions", "0", "PolicyName"]),
        "MyDurationStickyPolicy"
    );
    assert_eq!(
        s(out, &["PolicyDescriptions", "0", "PolicyTypeName"]),
        "LBCookieStickinessPolicyType"
    );
    assert_eq!(
        s(
            out,
            &[
                "PolicyDescriptions",
                "0",
                "PolicyAttributeDescriptions",
                "0",
                "AttributeValue"
            ]
        ),
        "60"
    );
    assert_eq!(
        s(
            out,
            &[
                "PolicyDescriptions",
                "1",
                "PolicyAttributeDescriptions",
                "0",
                "AttributeName"
            ]
        ),
        "CookieName"
    );
    assert_eq!(
        d.request_id.as_deref(),
        Some("83c88b9d-12b7-11e3-8b82-87b12EXAMPLE")
    );
}

#[test]
fn describe_load_balancer_policy_types() {
    let r = decode(
        "DescribeLoadBalancerPolicyTypes",
        "describe_load_balancers_policy_types.xml",
    );
    let out = r.expect("decodes").output;
    let t = &out
        .get("PolicyTypeDescriptions")
        .unwrap()
        .as_list()
        .unwrap()[0];
    assert_eq!(s(t, &["PolicyTypeName"]), "ProxyProtocolPolicyType");
    assert_eq!(
        s(t, &["PolicyAttributeTypeDescriptions", "0", "Cardinality"]),
        "ONE"
    );
    assert_eq!(
        s(
            t,
            &["PolicyAttributeTypeDescriptions", "0", "AttributeType"]
        ),
        "Boolean"
    );
    // Text is kept as sent, line break and indentation included.
    assert_eq!(
        s(t, &["Description"]),
        "Policy that controls whether to include the IP address and port of the originating request \
         for TCP messages.\n        This policy operates on TCP/SSL listeners only"
    );
}

#[test]
fn describe_tags() {
    let r = decode("DescribeTags", "describe_tags.xml");
    let out = r.expect("decodes").output;
    assert_eq!(
        s(&out, &["TagDescriptions", "0", "LoadBalancerName"]),
        "tests"
    );
    assert_eq!(
        s(&out, &["TagDescriptions", "0", "Tags", "0", "Key"]),
        "project"
    );
    assert_eq!(
        s(&out, &["TagDescriptions", "0", "Tags", "0", "Value"]),
        "lima"
    );
}

#[test]
fn set_policies_for_backend_server_has_empty_output() {
    let r = decode(
        "SetLoadBalancerPoliciesForBackendServer",
        "set_load_balancer_policies_for_backend_server.xml",
    );
    let d = r.expect("decodes");
    assert_eq!(d.output, Value::Struct(vec![]));
    assert_eq!(
        d.request_id.as_deref(),
        Some("0eb9b381-dde0-11e2-8d78-6ddbaEXAMPLE")
    );
}

/// The four hand-made fixtures are not AWS's wire shape. A bare `<OpResult>` still decodes (its
/// members are all there); a document with another root is an `InvalidResponse`.
#[test]
fn hand_made_fixtures() {
    let r = decode("CreateLoadBalancer", "create_load_balancer.xml");
    let d = r.expect("a bare result decodes");
    assert_eq!(
        d.output.get("DNSName"),
        Some(&Value::Str("tests.example.com".into()))
    );
    assert_eq!(d.request_id, None);

    let d = decode(
        "CreateLoadBalancerPolicy",
        "create_load_balancer_policy.xml",
    );
    assert_eq!(
        d.expect("decodes").output,
        Value::Struct(vec![]),
        "DNSName is no member of its output"
    );

    let d = decode(
        "SetLoadBalancerPoliciesOfListener",
        "set_load_balancer_policies_of_listener.xml",
    );
    assert_eq!(d.expect("decodes").output, Value::Struct(vec![]));

    let err = decode(
        "DeregisterInstancesFromLoadBalancer",
        "deregister_instances_from_load_balancer.xml",
    )
    .expect_err("wrong root");
    assert_eq!(err.code(), "InvalidResponse");
    assert!(
        err.to_string()
            .contains("<DeregisterInstancesFromLoadBalancerResponse>"),
        "{err}"
    );
}
