//! ELB requests end to end through the core: validation with member paths, the form body, and
//! the signed headers.

use elb_wasm::call::request::{self, Endpoint, Signer};
use elb_wasm::codec::{query, validate};
use elb_wasm::sigv4::{Credentials, SigningKeyCache};
use elb_wasm::{ELB, Error, Value};

fn s(v: &str) -> Value {
    Value::Str(v.into())
}

fn listener(protocol: &str, lb_port: i64, instance_port: i64) -> Value {
    Value::Struct(vec![
        ("Protocol", s(protocol)),
        ("LoadBalancerPort", Value::Int(lb_port)),
        ("InstancePort", Value::Int(instance_port)),
    ])
}

fn create_input() -> Value {
    Value::Struct(vec![
        ("LoadBalancerName", s("my-lb")),
        (
            "Listeners",
            Value::List(vec![listener("HTTP", 80, 8080), listener("TCP", 443, 8443)]),
        ),
        (
            "AvailabilityZones",
            Value::List(vec![s("us-east-1a"), s("us-east-1b")]),
        ),
        (
            "Tags",
            Value::List(vec![Value::Struct(vec![
                ("Key", s("env")),
                ("Value", s("prod + test/1")),
            ])]),
        ),
    ])
}

fn check(op: &str, input: &Value) -> Result<(), Error> {
    validate::validate_input(&ELB, ELB.operation(op).unwrap(), input)
}

#[test]
fn create_load_balancer_body() {
    let op = ELB.operation("CreateLoadBalancer").unwrap();
    let input = create_input();
    check("CreateLoadBalancer", &input).expect("valid");
    let body = query::encode(&ELB, op, &input).unwrap();
    assert_eq!(
        body,
        "Action=CreateLoadBalancer&Version=2012-06-01&LoadBalancerName=my-lb\
         &Listeners.member.1.Protocol=HTTP&Listeners.member.1.LoadBalancerPort=80&Listeners.member.1.InstancePort=8080\
         &Listeners.member.2.Protocol=TCP&Listeners.member.2.LoadBalancerPort=443&Listeners.member.2.InstancePort=8443\
         &AvailabilityZones.member.1=us-east-1a&AvailabilityZones.member.2=us-east-1b\
         &Tags.member.1.Key=env&Tags.member.1.Value=prod%20%2B%20test%2F1"
    );
}

#[test]
fn booleans_nested_structures_and_empty_lists() {
    let op = ELB.operation("ModifyLoadBalancerAttributes").unwrap();
    let input = Value::Struct(vec![
        ("LoadBalancerName", s("lb")),
        (
            "LoadBalancerAttributes",
            Value::Struct(vec![
                (
                    "CrossZoneLoadBalancing",
                    Value::Struct(vec![("Enabled", Value::Bool(true))]),
                ),
                (
                    "ConnectionDraining",
                    Value::Struct(vec![
                        ("Enabled", Value::Bool(false)),
                        ("Timeout", Value::Int(300)),
                    ]),
                ),
                ("AdditionalAttributes", Value::List(vec![])),
            ]),
        ),
    ]);
    check("ModifyLoadBalancerAttributes", &input).expect("valid");
    assert_eq!(
        query::encode(&ELB, op, &input).unwrap(),
        "Action=ModifyLoadBalancerAttributes&Version=2012-06-01&LoadBalancerName=lb\
         &LoadBalancerAttributes.CrossZoneLoadBalancing.Enabled=true\
         &LoadBalancerAttributes.ConnectionDraining.Enabled=false&LoadBalancerAttributes.ConnectionDraining.Timeout=300\
         &LoadBalancerAttributes.AdditionalAttributes="
    );
    // An operation without required members takes no input at all.
    let describe = ELB.operation("DescribeLoadBalancers").unwrap();
    check("DescribeLoadBalancers", &Value::Null).expect("valid");
    assert_eq!(
        query::encode(&ELB, describe, &Value::Null).unwrap(),
        "Action=DescribeLoadBalancers&Version=2012-06-01"
    );
}

/// Each bad input is refused with the member path that is wrong.
#[test]
fn invalid_inputs_name_the_member_path() {
    type Fields = Vec<(&'static str, Value)>;
    let with = |edit: &dyn Fn(&mut Fields)| {
        let Value::Struct(mut fields) = create_input() else {
            unreachable!()
        };
        edit(&mut fields);
        Value::Struct(fields)
    };
    let set = |fields: &mut Vec<(&'static str, Value)>, name: &'static str, v: Value| {
        fields.retain(|(k, _)| *k != name);
        fields.push((name, v));
    };
    // An input whose Tags is the one given tag.
    let tag = |t: Vec<(&'static str, Value)>| {
        with(&|f| set(f, "Tags", Value::List(vec![Value::Struct(t.clone())])))
    };
    let cases: Vec<(Value, &str, &str)> = vec![
        (
            with(&|f| f.retain(|(k, _)| *k != "LoadBalancerName")),
            "LoadBalancerName",
            "is required",
        ),
        (
            with(&|f| set(f, "LoadBalancerName", Value::Null)),
            "LoadBalancerName",
            "is required",
        ),
        (
            with(&|f| set(f, "Listeners", Value::List(vec![listener("HTTP", 80, 0)]))),
            "Listeners[0].InstancePort",
            "between 1 and 65535, got 0",
        ),
        (
            with(&|f| {
                set(
                    f,
                    "Listeners",
                    Value::List(vec![
                        listener("HTTP", 80, 8080),
                        listener("HTTP", 80, 65536),
                    ]),
                )
            }),
            "Listeners[1].InstancePort",
            "got 65536",
        ),
        (
            with(&|f| {
                set(
                    f,
                    "Listeners",
                    Value::List(vec![Value::Struct(vec![
                        ("Protocol", s("HTTP")),
                        ("InstancePort", Value::Int(80)),
                    ])]),
                )
            }),
            "Listeners[0].LoadBalancerPort",
            "is required",
        ),
        (
            with(&|f| set(f, "Listeners", s("HTTP:80"))),
            "Listeners",
            "must be an array, got a string",
        ),
        (
            with(&|f| set(f, "LoadBalancerName", Value::Int(3))),
            "LoadBalancerName",
            "must be a string",
        ),
        (
            with(&|f| set(f, "Tags", Value::List(vec![]))),
            "Tags",
            "at least 1 items, got 0",
        ),
        (
            tag(vec![("Key", s(&"k".repeat(129)))]),
            "Tags[0].Key",
            "between 1 and 128 characters, got 129",
        ),
        (
            tag(vec![("Key", s("semi;colon"))]),
            "Tags[0].Key",
            "must match",
        ),
        (tag(vec![("Value", s("v"))]), "Tags[0].Key", "is required"),
        (
            with(&|f| f.push(("LoadBalancerNames", s("x")))),
            "LoadBalancerNames",
            "is not a member",
        ),
        (
            with(&|f| {
                set(
                    f,
                    "Listeners",
                    Value::List(vec![Value::Struct(vec![
                        ("Protocol", s("HTTP")),
                        ("LoadBalancerPort", Value::Float("80.5".into())),
                        ("InstancePort", Value::Int(80)),
                    ])]),
                )
            }),
            "Listeners[0].LoadBalancerPort",
            "whole number",
        ),
    ];
    for (input, field, fragment) in cases {
        match check("CreateLoadBalancer", &input) {
            Err(Error::InvalidInput { field: f, message }) => {
                assert_eq!(f, field, "{message}");
                assert!(
                    message.contains(fragment),
                    "{field}: {message:?} lacks {fragment:?}"
                );
            }
            other => panic!("{field}: {other:?}"),
        }
    }
}

#[test]
fn ranges_and_list_limits_of_other_operations() {
    let health = |interval: i64| {
        Value::Struct(vec![
            ("LoadBalancerName", s("lb")),
            (
                "HealthCheck",
                Value::Struct(vec![
                    ("Target", s("HTTP:80/")),
                    ("Interval", Value::Int(interval)),
                    ("Timeout", Value::Int(5)),
                    ("UnhealthyThreshold", Value::Int(2)),
                    ("HealthyThreshold", Value::Int(10)),
                ]),
            ),
        ])
    };
    check("ConfigureHealthCheck", &health(5)).expect("5 is the minimum");
    let err = check("ConfigureHealthCheck", &health(4)).unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { field, .. } if field == "HealthCheck.Interval"),
        "{err}"
    );

    let page = |n: i64| Value::Struct(vec![("PageSize", Value::Int(n))]);
    check("DescribeLoadBalancers", &page(400)).expect("valid");
    assert!(check("DescribeLoadBalancers", &page(401)).is_err());

    let names = |n: usize| {
        Value::Struct(vec![(
            "LoadBalancerNames",
            Value::List((0..n).map(|i| s(&format!("lb{i}"))).collect()),
        )])
    };
    check("DescribeTags", &names(20)).expect("20 names are allowed");
    let err = check("DescribeTags", &names(21)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "LoadBalancerNames: must have between 1 and 20 items, got 21"
    );
    assert!(check("DescribeTags", &names(0)).is_err());

    let err = check("DeleteLoadBalancer", &s("lb")).unwrap_err();
    assert_eq!(err.code(), "InvalidInput");
}

fn creds(token: Option<&str>) -> Credentials {
    Credentials {
        access_key_id: "AKIDEXAMPLE".into(),
        secret_access_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".into(),
        session_token: token.map(str::to_owned),
    }
}

#[test]
fn prepared_requests_carry_only_the_minimal_headers() {
    let endpoint = Endpoint::parse("http://127.0.0.1:5055").unwrap();
    let mut cache = SigningKeyCache::default();
    let op = ELB.operation("CreateLoadBalancer").unwrap();
    let req = request::prepare(
        &ELB,
        op,
        &create_input(),
        &endpoint,
        Signer {
            credentials: &creds(Some("SESSION")),
            region: "us-east-1",
            time_ms: 1_440_938_160_000,
            cache: &mut cache,
        },
    )
    .unwrap();
    assert_eq!(req.method, "POST");
    assert_eq!(req.url, "http://127.0.0.1:5055/");
    let names: Vec<&str> = req.headers.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        [
            "host",
            "content-type",
            "x-amz-date",
            "x-amz-security-token",
            "authorization"
        ]
    );
    assert_eq!(req.headers[0].1, "127.0.0.1:5055");
    assert_eq!(req.headers[2].1, "20150830T123600Z");
    let auth = &req.headers[4].1;
    assert!(auth.starts_with(
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/elasticloadbalancing/aws4_request, \
         SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature="
    ));
    assert!(
        req.body
            .starts_with("Action=CreateLoadBalancer&Version=2012-06-01&")
    );
    let shown = format!("{req:?}{:?}", creds(Some("SESSION")));
    assert!(!shown.contains("wJalrXUtnFEMI"), "the secret never shows");
    assert!(
        !shown.contains("SESSION") && !shown.contains("Signature="),
        "{shown}"
    );
    assert!(
        shown.contains("127.0.0.1:5055"),
        "the rest still shows: {shown}"
    );
}

#[test]
fn bad_input_or_region_stops_before_signing() {
    let endpoint = Endpoint::parse("https://elasticloadbalancing.us-east-1.amazonaws.com").unwrap();
    let op = ELB.operation("DeleteLoadBalancer").unwrap();
    let mut cache = SigningKeyCache::default();
    let mut prepare = |input: &Value, region: &str| {
        request::prepare(
            &ELB,
            op,
            input,
            &endpoint,
            Signer {
                credentials: &creds(None),
                region,
                time_ms: 0,
                cache: &mut cache,
            },
        )
    };
    let err = prepare(&Value::Struct(vec![]), "us-east-1").unwrap_err();
    assert_eq!(
        (err.code(), err.to_string().as_str()),
        ("InvalidInput", "LoadBalancerName: is required")
    );
    let err = prepare(
        &Value::Struct(vec![("LoadBalancerName", s("lb"))]),
        "us-east-1/x",
    )
    .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { field, .. } if field == "region"),
        "{err}"
    );
    prepare(
        &Value::Struct(vec![("LoadBalancerName", s("lb"))]),
        "us-east-1",
    )
    .expect("valid");
}

/// An operation the model marks unauthenticated (STS AssumeRoleWithWebIdentity) goes with its form
/// and no date or signature, whatever credentials the client holds; one beside it is signed.
#[test]
fn an_unauthenticated_operation_is_sent_unsigned() {
    let sts = elb_wasm::model::text::parse(include_str!("../src/model/sts.table")).unwrap();
    let endpoint = Endpoint::parse("https://sts.us-east-1.amazonaws.com").unwrap();
    let mut cache = SigningKeyCache::default();
    let input = |pairs: &[(&'static str, &str)]| {
        Value::Struct(
            pairs
                .iter()
                .map(|(k, v)| (*k, Value::Str((*v).to_owned())))
                .collect(),
        )
    };
    let mut send = |op: &str, value: &Value| {
        let op = sts.operation(op).unwrap();
        request::prepare(
            sts,
            op,
            value,
            &endpoint,
            Signer {
                credentials: &creds(None),
                region: "us-east-1",
                time_ms: 1_440_938_160_000,
                cache: &mut cache,
            },
        )
        .unwrap()
    };
    let web = send(
        "AssumeRoleWithWebIdentity",
        &input(&[
            ("RoleArn", "arn:aws:iam::123456789012:role/web"),
            ("RoleSessionName", "page"),
            ("WebIdentityToken", "eyJhbGciOi.payload.sig"),
        ]),
    );
    let names: Vec<&str> = web.headers.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, ["host", "content-type"]);
    assert!(
        web.body
            .starts_with("Action=AssumeRoleWithWebIdentity&Version=2011-06-15&")
    );
    let me = send("GetCallerIdentity", &input(&[]));
    assert!(me.headers.iter().any(|(n, _)| *n == "authorization"));
}
