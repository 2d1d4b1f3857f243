//! Each service table equals its botocore model: every operation, shape, member, type, required
//! flag, constraint, error, paginator and waiter, checked from each side. ELB's table is the static
//! one built into the wasm; ELBv2's is the text table its package entry hands the engine
//! (`src/model/elbv2.table`), read here by the same code the wasm uses. The neighbours' tables
//! (Auto Scaling, CloudWatch, STS) hold only the operations ../shared/API.md lists: they equal the model cut
//! down to those operations and the shapes they reach, worked out here independently of the
//! generator.

mod support;

use elb_wasm::ELB;
use elb_wasm::model::shape::flags;
use elb_wasm::model::{Kind, Model, Protocol, Shape, text};
use serde_json::Value as J;
use std::collections::BTreeSet;

/// A service under test: its table and the file name prefix of its botocore model.
struct Service {
    model: &'static Model,
    files: &'static str,
    /// The operations the table keeps (API.md's list); empty: all of the model's.
    only: &'static [&'static str],
    /// With `only`, the waiters it keeps (named by API.md): the others may use JMESPath the
    /// package does not read.
    waiters_kept: &'static [&'static str],
    shapes: usize,
    operations: usize,
    paginators: usize,
    waiters: usize,
}

fn elb() -> Service {
    Service {
        model: &ELB,
        files: "elb-2012-06-01",
        only: &[],
        waiters_kept: &[],
        shapes: 181,
        operations: 29,
        paginators: 2,
        waiters: 3,
    }
}

fn elbv2() -> Service {
    let model =
        text::parse(include_str!("../src/model/elbv2.table")).expect("the ELBv2 table reads");
    Service {
        model,
        files: "elbv2-2015-12-01",
        only: &[],
        waiters_kept: &[],
        shapes: 417,
        operations: 51,
        paginators: 10,
        waiters: 5,
    }
}

fn autoscaling() -> Service {
    let model = text::parse(include_str!("../src/model/autoscaling.table"))
        .expect("the Auto Scaling table reads");
    Service {
        model,
        files: "autoscaling-2011-01-01",
        only: &[
            "DescribeAutoScalingGroups",
            "DescribeTrafficSources",
            "AttachTrafficSources",
            "DetachTrafficSources",
            "DescribeLoadBalancers",
            "DescribeLoadBalancerTargetGroups",
            "AttachLoadBalancerTargetGroups",
            "DetachLoadBalancerTargetGroups",
        ],
        waiters_kept: &[],
        shapes: 156,
        operations: 8,
        paginators: 3,
        waiters: 0,
    }
}

fn cloudwatch() -> Service {
    let model = text::parse(include_str!("../src/model/cloudwatch.table"))
        .expect("the CloudWatch table reads");
    Service {
        model,
        files: "cloudwatch-2010-08-01",
        only: &[
            "GetMetricData",
            "ListMetrics",
            "DescribeAlarms",
            "DescribeAlarmsForMetric",
            "PutMetricAlarm",
            "DeleteAlarms",
            "TagResource",
        ],
        waiters_kept: &[],
        shapes: 135,
        operations: 7,
        paginators: 3,
        waiters: 0,
    }
}

fn sts() -> Service {
    let model = text::parse(include_str!("../src/model/sts.table")).expect("the STS table reads");
    Service {
        model,
        files: "sts-2011-06-15",
        only: &[
            "GetCallerIdentity",
            "AssumeRole",
            "AssumeRoleWithWebIdentity",
        ],
        waiters_kept: &[],
        shapes: 68,
        operations: 3,
        paginators: 0,
        waiters: 0,
    }
}

fn route53() -> Service {
    let model =
        text::parse(include_str!("../src/model/route53.table")).expect("the Route 53 table reads");
    Service {
        model,
        files: "route53-2013-04-01",
        only: &[
            "ListHostedZonesByName",
            "GetHostedZone",
            "ListResourceRecordSets",
            "ChangeResourceRecordSets",
            "GetChange",
        ],
        waiters_kept: &["ResourceRecordSetsChanged"],
        shapes: 91,
        operations: 5,
        paginators: 1,
        waiters: 1,
    }
}

/// What fromCognitoIdentityPool calls (elb-wasm/credentials): awsJson 1.1, both unsigned.
fn cognito_identity() -> Service {
    let model = text::parse(include_str!("../src/model/cognito_identity.table"))
        .expect("the Cognito Identity table reads");
    Service {
        model,
        files: "cognito-identity-2014-06-30",
        only: &["GetId", "GetCredentialsForIdentity"],
        waiters_kept: &[],
        shapes: 26,
        operations: 2,
        paginators: 0,
        waiters: 0,
    }
}

/// Every table the package ships.
fn every_service() -> [Service; 7] {
    [
        elb(),
        elbv2(),
        autoscaling(),
        cloudwatch(),
        sts(),
        route53(),
        cognito_identity(),
    ]
}

fn table_shape(m: &Model, name: &str) -> Option<&'static Shape> {
    m.shapes.iter().find(|s| s.name == name)
}

fn target_name(m: &Model, r: u16) -> &'static str {
    m.shapes
        .get(usize::from(r))
        .expect("target index in range")
        .name
}

/// Everything the table says about one shape, in botocore's terms, as comparable text lines.
fn describe_table_shape(model: &Model, s: &Shape) -> BTreeSet<String> {
    let name = |r| target_name(model, r);
    let mut out = BTreeSet::new();
    let error = model.errors.iter().find(|e| name(e.shape) == s.name);
    out.insert(format!(
        "type={}",
        match (s.kind, error) {
            (Kind::Structure, _) => "structure",
            (k, _) => k.model_name(),
        }
    ));
    if let Some(v) = s.min {
        out.insert(format!("min={v}"));
    }
    if let Some(v) = s.max {
        out.insert(format!("max={v}"));
    }
    if let Some(p) = s.pattern {
        out.insert(format!("pattern={p}"));
    }
    for v in s.enum_values {
        out.insert(format!("enum={v}"));
    }
    if let Some(e) = error {
        out.insert(format!("error={}/{}/{}", e.code, e.status, e.sender_fault));
    }
    match s.kind {
        Kind::List => {
            let m = &s.members[0];
            out.insert(format!("member->{}", name(m.target)));
            if m.flattened() {
                out.insert("flattened".into());
            }
        }
        Kind::Map => {
            out.insert(format!("key->{}", name(s.members[0].target)));
            out.insert(format!("value->{}", name(s.members[1].target)));
        }
        _ => {
            for m in s.members {
                out.insert(format!("member {}->{}", m.name, name(m.target)));
                if m.required() {
                    out.insert(format!("required {}", m.name));
                }
                if let Some(x) = m.xml_name {
                    out.insert(format!("locationName {}={x}", m.name));
                }
                if m.flags & flags::URI != 0 {
                    out.insert(format!("location {}=uri", m.name));
                }
                if m.flags & flags::QUERY != 0 {
                    out.insert(format!("location {}=querystring", m.name));
                }
            }
        }
    }
    out
}

/// The same description, read from the botocore JSON.
/// (`name`: an error shape without a `code` is sent under its name, as awsQuery does.)
fn describe_model_shape(name: &str, s: &J) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    out.insert(format!("type={}", s["type"].as_str().unwrap()));
    for key in ["min", "max"] {
        if let Some(v) = s.get(key) {
            out.insert(format!("{key}={v}"));
        }
    }
    if let Some(p) = s.get("pattern").and_then(J::as_str) {
        out.insert(format!("pattern={p}"));
    }
    for v in s.get("enum").and_then(J::as_array).into_iter().flatten() {
        out.insert(format!("enum={}", v.as_str().unwrap()));
    }
    // An exception without an `error` block (Route 53's InvalidChangeBatch) is a 400 under its name.
    if s.get("exception") == Some(&J::Bool(true)) {
        let e = s.get("error").cloned().unwrap_or_default();
        out.insert(format!(
            "error={}/{}/{}",
            e["code"].as_str().unwrap_or(name),
            e["httpStatusCode"].as_u64().unwrap_or(400),
            e.get("senderFault").and_then(J::as_bool).unwrap_or(false)
        ));
    }
    match s["type"].as_str().unwrap() {
        "list" => {
            out.insert(format!(
                "member->{}",
                s["member"]["shape"].as_str().unwrap()
            ));
            if s.get("flattened").is_some() {
                out.insert("flattened".into());
            }
        }
        "map" => {
            out.insert(format!("key->{}", s["key"]["shape"].as_str().unwrap()));
            out.insert(format!("value->{}", s["value"]["shape"].as_str().unwrap()));
        }
        _ => {
            for (name, m) in s
                .get("members")
                .and_then(J::as_object)
                .into_iter()
                .flatten()
            {
                out.insert(format!("member {name}->{}", m["shape"].as_str().unwrap()));
                if let Some(x) = m.get("locationName").and_then(J::as_str) {
                    out.insert(format!("locationName {name}={x}"));
                }
                if let Some(x) = m.get("location").and_then(J::as_str) {
                    out.insert(format!("location {name}={x}"));
                }
            }
            for r in s
                .get("required")
                .and_then(J::as_array)
                .into_iter()
                .flatten()
            {
                out.insert(format!("required {}", r.as_str().unwrap()));
            }
        }
    }
    out
}

/// The service's model, cut down to `svc.only` and the shapes those operations reach.
fn load(svc: &Service) -> J {
    let mut model = load_json(&format!("{}-service-2.json", svc.files));
    if svc.only.is_empty() {
        return model;
    }
    let ops = model["operations"].as_object().unwrap().clone();
    let mut todo: Vec<String> = Vec::new();
    for name in svc.only {
        let op = ops
            .get(*name)
            .unwrap_or_else(|| panic!("{name} is not in the model"));
        for key in ["input", "output"] {
            if let Some(s) = op[key]["shape"].as_str() {
                todo.push(s.to_owned());
            }
        }
        for e in op["errors"].as_array().into_iter().flatten() {
            todo.push(e["shape"].as_str().unwrap().to_owned());
        }
    }
    let shapes = model["shapes"].as_object().unwrap().clone();
    let mut reached = BTreeSet::new();
    while let Some(name) = todo.pop() {
        if !reached.insert(name.clone()) {
            continue;
        }
        let s = &shapes[&name];
        let refs = s["members"]
            .as_object()
            .into_iter()
            .flat_map(|m| m.values());
        let more = ["member", "key", "value"].iter().filter_map(|k| s.get(*k));
        for r in refs.chain(more) {
            todo.push(r["shape"].as_str().unwrap().to_owned());
        }
    }
    model["operations"] = J::Object(
        ops.into_iter()
            .filter(|(n, _)| svc.only.contains(&n.as_str()))
            .collect(),
    );
    model["shapes"] = J::Object(
        shapes
            .into_iter()
            .filter(|(n, _)| reached.contains(n))
            .collect(),
    );
    model
}

/// A companion file (paginators, waiters) under `key`, cut down to the table's operations; a
/// service without the file has none.
fn companion(svc: &Service, suffix: &str, key: &str) -> serde_json::Map<String, J> {
    let path = support::vectors_dir("models").join(format!("{}-{suffix}", svc.files));
    if !path.exists() {
        return serde_json::Map::new();
    }
    let all = support::read_json(&path)[key]
        .as_object()
        .expect(key)
        .clone();
    let keep = |name: &str, v: &J| match v["operation"].as_str() {
        // A waiter: all of them for a whole table, the named ones for a cut-down one.
        Some(_) if !svc.only.is_empty() => svc.waiters_kept.contains(&name),
        Some(_) => true,
        // A paginator, keyed by its operation.
        None => svc.only.is_empty() || svc.only.contains(&name),
    };
    all.into_iter().filter(|(name, v)| keep(name, v)).collect()
}

fn load_json(file: &str) -> J {
    let dir = support::vectors_dir("models");
    support::read_json(&dir.join(file))
}

/// One `#[test]` per service for each check below.
macro_rules! for_each_service {
    ($($check:ident),*) => {
        mod elb_table {
            $(#[test] fn $check() { super::$check(&super::elb()) })*
        }
        mod elbv2_table {
            $(#[test] fn $check() { super::$check(&super::elbv2()) })*
        }
        mod autoscaling_table {
            $(#[test] fn $check() { super::$check(&super::autoscaling()) })*
        }
        mod cloudwatch_table {
            $(#[test] fn $check() { super::$check(&super::cloudwatch()) })*
        }
        mod sts_table {
            $(#[test] fn $check() { super::$check(&super::sts()) })*
        }
        mod route53_table {
            $(#[test] fn $check() { super::$check(&super::route53()) })*
        }
        mod cognito_identity_table {
            $(#[test] fn $check() { super::$check(&super::cognito_identity()) })*
        }
    };
}

for_each_service!(
    metadata_matches,
    every_shape_matches_in_both_directions,
    every_operation_matches_in_both_directions,
    every_error_code_is_modelled_once,
    table_is_internally_consistent,
    paginators_match_in_both_directions,
    waiters_match_in_both_directions
);

fn metadata_matches(svc: &Service) {
    let model = load(svc);
    let meta = &model["metadata"];
    assert_eq!(svc.model.api_version, meta["apiVersion"]);
    assert_eq!(svc.model.endpoint_prefix, meta["endpointPrefix"]);
    // CloudWatch's model leads with another protocol and lists awsQuery among its `protocols`.
    let query = meta["protocol"] == "query"
        || meta["protocols"]
            .as_array()
            .is_some_and(|p| p.iter().any(|p| p == "query"));
    if query {
        assert_eq!(svc.model.protocol, Protocol::Query, "{}", svc.files);
        assert_eq!(svc.model.xml_namespace, meta["xmlNamespace"]);
    } else if meta["protocol"] == "json" {
        assert_eq!(svc.model.protocol, Protocol::Json, "{}", svc.files);
        assert_eq!(svc.model.target_prefix, meta["targetPrefix"]);
        assert_eq!(svc.model.json_version, meta["jsonVersion"]);
    } else {
        assert_eq!(meta["protocol"], "rest-xml", "{}", svc.files);
        assert_eq!(svc.model.protocol, Protocol::RestXml);
        // restXml states the namespace on each request body; every one here names the table's.
        for (name, op) in model["operations"].as_object().unwrap() {
            if let Some(ns) = op["input"].get("xmlNamespace") {
                assert_eq!(ns["uri"], svc.model.xml_namespace, "{name}");
            }
        }
    }
    // Only Route 53 has one endpoint per partition (its rule set never names a region).
    assert_eq!(
        svc.model.global,
        svc.files.starts_with("route53"),
        "{}",
        svc.files
    );
    assert_eq!(meta["signatureVersion"], "v4");
}

fn every_shape_matches_in_both_directions(svc: &Service) {
    let model = load(svc);
    let shapes = model["shapes"].as_object().unwrap();
    assert_eq!(shapes.len(), svc.shapes);
    assert_eq!(svc.model.shapes.len(), shapes.len(), "shape count");
    let mut mismatches = Vec::new();
    for (name, s) in shapes {
        match table_shape(svc.model, name) {
            None => mismatches.push(format!("{name}: missing from the table")),
            Some(t) => {
                let (ours, theirs) = (
                    describe_table_shape(svc.model, t),
                    describe_model_shape(name, s),
                );
                if ours != theirs {
                    mismatches.push(format!(
                        "{name}: table has {:?}, model has {:?}",
                        ours.difference(&theirs).collect::<Vec<_>>(),
                        theirs.difference(&ours).collect::<Vec<_>>()
                    ));
                }
            }
        }
    }
    for t in svc.model.shapes {
        if !shapes.contains_key(t.name) {
            mismatches.push(format!("{}: in the table but not the model", t.name));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

fn every_operation_matches_in_both_directions(svc: &Service) {
    let model = load(svc);
    let ops = model["operations"].as_object().unwrap();
    assert_eq!(ops.len(), svc.operations);
    assert_eq!(svc.model.operations.len(), svc.operations);
    for (name, op) in ops {
        let t = svc
            .model
            .operation(name)
            .unwrap_or_else(|| panic!("{name} missing from the table"));
        assert_eq!(
            t.input.map(|r| target_name(svc.model, r)),
            op["input"]["shape"].as_str(),
            "{name} input"
        );
        assert_eq!(
            t.output.map(|r| target_name(svc.model, r)),
            op["output"]["shape"].as_str(),
            "{name} output"
        );
        assert_eq!(
            t.result_wrapper,
            op["output"]["resultWrapper"].as_str(),
            "{name} wrapper"
        );
        let no_auth =
            op["authtype"] == "none" || op["auth"] == serde_json::json!(["smithy.api#noAuth"]);
        assert_eq!(
            t.unsigned, no_auth,
            "{name}: unsigned as the model's auth says"
        );
        if svc.model.protocol != Protocol::RestXml {
            assert_eq!(
                op["http"]["method"], "POST",
                "{name}: awsQuery/awsJson is POST"
            );
            assert_eq!(
                op["http"]["requestUri"], "/",
                "{name}: awsQuery/awsJson is /"
            );
            assert_eq!((t.method, t.uri, t.input_root), ("", "", None), "{name}");
        } else {
            assert_eq!(op["http"]["method"], t.method, "{name} method");
            assert_eq!(op["http"]["requestUri"], t.uri, "{name} URI");
            assert_eq!(
                op["input"]["locationName"].as_str(),
                t.input_root,
                "{name} body root"
            );
        }
        let ours: BTreeSet<&str> = t
            .errors
            .iter()
            .map(|&i| target_name(svc.model, svc.model.errors[usize::from(i)].shape))
            .collect();
        let theirs: BTreeSet<&str> = op["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| e["shape"].as_str().unwrap())
            .collect();
        assert_eq!(ours, theirs, "{name} errors");
    }
    for t in svc.model.operations {
        assert!(ops.contains_key(t.name), "{} is not in the model", t.name);
    }
}

/// STS's AssumeRoleWithWebIdentity is the one operation of these tables sent unsigned.
#[test]
fn only_the_web_identity_call_is_unsigned() {
    for svc in every_service() {
        let unsigned: Vec<&str> = svc
            .model
            .operations
            .iter()
            .filter(|o| o.unsigned)
            .map(|o| o.name)
            .collect();
        let expected: &[&str] = if svc.files.starts_with("sts") {
            &["AssumeRoleWithWebIdentity"]
        } else if svc.files.starts_with("cognito") {
            // Both of fromCognitoIdentityPool's calls: a page has no credentials before them.
            &["GetCredentialsForIdentity", "GetId"]
        } else {
            &[]
        };
        assert_eq!(unsigned, expected, "{}", svc.files);
    }
}

fn every_error_code_is_modelled_once(svc: &Service) {
    let model = load(svc);
    let exceptions: BTreeSet<&str> = model["shapes"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, s)| s.get("exception") == Some(&J::Bool(true)))
        .map(|(name, s)| s["error"]["code"].as_str().unwrap_or(name))
        .collect();
    let ours: BTreeSet<&str> = svc.model.errors.iter().map(|e| e.code).collect();
    assert_eq!(ours, exceptions);
    assert_eq!(ours.len(), svc.model.errors.len(), "no code appears twice");
}

/// Codes that differ from their shape's name, and statuses other than 400, are read from the model.
#[test]
fn error_codes_and_statuses_are_the_wire_ones() {
    let (elb, v2) = (elb(), elbv2());
    let shape_of = |svc: &Service, code| {
        svc.model
            .error_by_code(code)
            .map(|e| (target_name(svc.model, e.shape), e.status))
    };
    assert_eq!(
        shape_of(&elb, "LoadBalancerNotFound"),
        Some(("AccessPointNotFoundException", 400))
    );
    assert_eq!(
        shape_of(&elb, "InvalidConfigurationRequest"),
        Some(("InvalidConfigurationRequestException", 409))
    );
    assert_eq!(
        shape_of(&v2, "AssociationNotFound"),
        Some(("TrustStoreAssociationNotFoundException", 400))
    );
    assert_eq!(
        shape_of(&v2, "ALPNPolicyNotFound"),
        Some(("ALPNPolicyNotSupportedException", 400))
    );
    assert_eq!(
        shape_of(&v2, "CapacityReservationPending").map(|s| s.1),
        Some(400)
    );
    assert!(
        v2.model.errors.iter().any(|e| e.status == 429),
        "a 429 error"
    );
    assert!(
        v2.model.errors.iter().any(|e| e.status == 500),
        "a 500 error"
    );
}

fn table_is_internally_consistent(svc: &Service) {
    for s in svc.model.shapes {
        for m in s.members {
            assert!(
                usize::from(m.target) < svc.model.shapes.len(),
                "{}.{}",
                s.name,
                m.name
            );
        }
        match s.kind {
            Kind::List => assert_eq!(s.members.len(), 1, "{}", s.name),
            Kind::Map => assert_eq!(s.members.len(), 2, "{}", s.name),
            _ => {}
        }
        if let Some(p) = s.pattern {
            assert!(elb_wasm::text::pattern::supported(p), "{}: {p}", s.name);
        }
    }
}

fn paginators_match_in_both_directions(svc: &Service) {
    // Several tokens or result keys (Route 53's, CloudWatch's) are joined by `|` in the table.
    let joined = |v: &J| match v {
        J::Array(keys) => keys
            .iter()
            .map(|k| k.as_str().unwrap())
            .collect::<Vec<_>>()
            .join("|"),
        key => key.as_str().unwrap_or("").to_owned(),
    };
    let expected: BTreeSet<String> = companion(svc, "paginators-1.json", "pagination")
        .iter()
        .map(|(op, p)| {
            format!(
                "{op} {} {} {} {} {}",
                joined(&p["input_token"]),
                joined(&p["output_token"]),
                joined(&p["result_key"]),
                p["limit_key"].as_str().unwrap_or(""),
                p["more_results"].as_str().unwrap_or("")
            )
        })
        .collect();
    let table: BTreeSet<String> = svc
        .model
        .paginators
        .iter()
        .map(|p| {
            format!(
                "{} {} {} {} {} {}",
                p.operation,
                p.input_token,
                p.output_token,
                p.result_key,
                p.limit_key,
                p.more_results
            )
        })
        .collect();
    assert_eq!(table, expected);
    assert_eq!(table.len(), svc.paginators);
    for p in svc.model.paginators {
        assert!(
            svc.model.operation(p.operation).is_some(),
            "{}",
            p.operation
        );
    }
}

fn waiters_match_in_both_directions(svc: &Service) {
    let text = |v: &J| match v {
        J::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut expected = BTreeSet::new();
    for (name, w) in &companion(svc, "waiters-2.json", "waiters") {
        expected.insert(format!(
            "{name} op={} delay={} max={}",
            text(&w["operation"]),
            w["delay"],
            w["maxAttempts"]
        ));
        for (i, a) in w["acceptors"]
            .as_array()
            .expect("acceptors")
            .iter()
            .enumerate()
        {
            expected.insert(format!(
                "{name}[{i}] {} {:?} {} {}",
                text(&a["matcher"]),
                a["argument"].as_str().unwrap_or(""),
                text(&a["expected"]),
                text(&a["state"])
            ));
        }
    }
    let mut table = BTreeSet::new();
    for w in svc.model.waiters {
        table.insert(format!(
            "{} op={} delay={} max={}",
            w.name, w.operation, w.delay, w.max_attempts
        ));
        for (i, a) in w.acceptors.iter().enumerate() {
            table.insert(format!(
                "{}[{i}] {} {:?} {} {}",
                w.name, a.matcher, a.argument, a.expected, a.state
            ));
        }
        assert!(
            svc.model.operation(w.operation).is_some(),
            "{}",
            w.operation
        );
    }
    assert_eq!(table, expected);
    assert_eq!(svc.model.waiters.len(), svc.waiters);
}

/// The text form holds a table whole: ELB's static table written and read back is the same table,
/// and ELBv2's text (written by tools/gen_model.py) is what the Rust writer writes for it.
#[test]
fn text_tables_round_trip() {
    let elb_text = text::write(&ELB);
    let read = text::parse(Box::leak(elb_text.clone().into_boxed_str())).expect("reads");
    assert_eq!(text::write(read), elb_text);
    assert_eq!(read.shapes.len(), ELB.shapes.len());
    let v2 = include_str!("../src/model/elbv2.table");
    assert_eq!(text::write(elbv2().model), v2);
    let autoscaling_text = include_str!("../src/model/autoscaling.table");
    assert_eq!(text::write(autoscaling().model), autoscaling_text);
    let cloudwatch_text = include_str!("../src/model/cloudwatch.table");
    assert_eq!(text::write(cloudwatch().model), cloudwatch_text);
    let sts_text = include_str!("../src/model/sts.table");
    assert_eq!(text::write(sts().model), sts_text);
    let route53_text = include_str!("../src/model/route53.table");
    assert_eq!(text::write(route53().model), route53_text);
    let cognito_text = include_str!("../src/model/cognito_identity.table");
    assert_eq!(text::write(cognito_identity().model), cognito_text);
}

/// botocore's `fix_route53_ids`: inputs whose shape is ResourceId, DelegationSetId or ChangeId lose
/// `/hostedzone/`, `/change/` and `/delegationset/`; no other table strips anything.
#[test]
fn route53_ids_lose_their_prefixes_and_nothing_else_does() {
    for svc in [
        elb(),
        elbv2(),
        autoscaling(),
        cloudwatch(),
        sts(),
        cognito_identity(),
    ] {
        assert!(svc.model.strips.is_empty(), "{}", svc.files);
    }
    let r53 = route53();
    let mut stripped: Vec<&str> = r53
        .model
        .strips
        .iter()
        .map(|s| target_name(r53.model, s.shape))
        .collect();
    stripped.sort();
    let expected: Vec<&str> = ["ChangeId", "DelegationSetId", "ResourceId"]
        .into_iter()
        .filter(|n| table_shape(r53.model, n).is_some())
        .collect();
    assert_eq!(stripped, expected);
    for s in r53.model.strips {
        let mut p = s.prefixes.to_vec();
        p.sort();
        assert_eq!(p, ["/change/", "/delegationset/", "/hostedzone/"]);
    }
}

/// What a shape says, as the shipped table keeps it, to `depth` levels of members: the same text
/// for two shapes means the engine and the JS face treat them alike. Names are left out (the
/// shipped table drops most), prefix strips put in.
fn shipped_meaning(m: &Model, r: u16, depth: u32, checked: bool) -> String {
    let s = m.shape(r);
    // An answer is never validated: its constraints and required flags need not ship.
    let (min, max, pattern) = if checked {
        (s.min, s.max, s.pattern)
    } else {
        (None, None, None)
    };
    let strips: Vec<_> = m
        .strips
        .iter()
        .filter(|x| x.shape == r)
        .map(|x| x.prefixes)
        .collect();
    let mut out = format!(
        "{}({:?},{:?},{:?},{:?},{:?})",
        s.kind.model_name(),
        min,
        max,
        pattern,
        s.timestamp_format,
        strips
    );
    if depth > 0 {
        for mem in s.members {
            out.push_str(&format!(
                "[{} {} {:?} {:?} {}]",
                mem.name,
                if checked {
                    mem.flags
                } else {
                    mem.flags & !flags::REQUIRED
                },
                mem.xml_name,
                mem.timestamp_format,
                shipped_meaning(m, mem.target, depth - 1, checked)
            ));
        }
    }
    out
}

/// The shipped table (one shape for shapes that say the same) reads as the same service: every
/// operation's input and output, every error's shape, every documented constraint, compared nine
/// members deep; and it has fewer shapes than the source.
#[test]
fn shipped_tables_say_what_the_sources_say_with_fewer_shapes() {
    for svc in every_service() {
        let (a, name) = (svc.model, svc.files);
        let b = text::parse(Box::leak(text::write_shipped(a).into_boxed_str())).expect(name);
        assert!(
            b.shapes.len() < a.shapes.len(),
            "{name}: no shape was merged"
        );
        assert_eq!(a.operations.len(), b.operations.len(), "{name}");
        // Inputs whole; answers and errors as the decoder reads them (no constraints).
        let input = |m: &Model, r: Option<u16>| r.map(|r| shipped_meaning(m, r, 9, true));
        let meaning = |m: &Model, r: Option<u16>| r.map(|r| shipped_meaning(m, r, 9, false));
        for (x, y) in a.operations.iter().zip(b.operations) {
            assert_eq!(x.name, y.name);
            assert_eq!(input(a, x.input), input(b, y.input), "{name} {}", x.name);
            assert_eq!(
                meaning(a, x.output),
                meaning(b, y.output),
                "{name} {}",
                x.name
            );
            assert_eq!(
                (x.result_wrapper, x.unsigned),
                (y.result_wrapper, y.unsigned)
            );
        }
        // Every error the engine reads at run time ships, saying the same; the others are of a
        // message alone in a protocol that names no document after a code.
        for x in a.errors {
            match b.error_by_code(x.code) {
                Some(y) => assert_eq!(
                    meaning(a, Some(x.shape)),
                    meaning(b, Some(y.shape)),
                    "{name} {}",
                    x.code
                ),
                None => {
                    assert!(!text::error_read_at_run_time(a, x), "{name} {}", x.code);
                    assert_ne!(a.protocol, Protocol::RestXml);
                    let members = a.shape(x.shape).members;
                    assert!(
                        members
                            .iter()
                            .all(|m| m.name.eq_ignore_ascii_case("message"))
                    );
                }
            }
        }
        assert!(b.errors.iter().all(|y| a.error_by_code(y.code).is_some()));
        // A documented constraint finds its shape by name: the name ships, the shape is one.
        for d in a.documented {
            let count = |m: &Model| m.shapes.iter().filter(|s| s.name == d.shape).count();
            assert_eq!((count(a), count(b)), (1, 1), "{name} {}", d.shape);
        }
        assert!(a.strips.len() >= b.strips.len(), "{name}");
    }
}

/// What botocore's model says the leaf paths of `shape` are (the steps of src/model/leaves.rs),
/// read from the source JSON rather than the table.
fn botocore_leaves(shapes: &J, shape: &str, path: &str, depth: usize, out: &mut Vec<String>) {
    let s = &shapes[shape];
    let step = |part: &str| match path {
        "" => part.to_owned(),
        _ => format!("{path}.{part}"),
    };
    assert!(depth < 20, "{shape} is recursive at {path}");
    match s["type"].as_str().unwrap_or_default() {
        "timestamp" => out.push(path.to_owned()),
        "double" | "float" => out.push(format!("#{path}")),
        "structure" | "union" => {
            for (name, m) in s["members"].as_object().into_iter().flatten() {
                botocore_leaves(
                    shapes,
                    m["shape"].as_str().unwrap(),
                    &step(name),
                    depth + 1,
                    out,
                );
            }
        }
        "list" => botocore_leaves(
            shapes,
            s["member"]["shape"].as_str().unwrap(),
            &step("[]"),
            depth + 1,
            out,
        ),
        "map" => botocore_leaves(
            shapes,
            s["value"]["shape"].as_str().unwrap(),
            &step("{}"),
            depth + 1,
            out,
        ),
        _ => {}
    }
}

/// The paths the JS face revives timestamps and doubles along (written into each model file by
/// tools/gen_js.rs) are, for every operation of every table, the source model's: none missing,
/// none extra, none leading elsewhere.
#[test]
fn output_leaves_are_the_source_models() {
    let mut seen = 0;
    for svc in every_service() {
        let source = load(&svc);
        for op in svc.model.operations {
            let mut want = Vec::new();
            if let Some(shape) = source["operations"][op.name]["output"]["shape"].as_str() {
                botocore_leaves(&source["shapes"], shape, "", 0, &mut want);
            }
            let got = op
                .output
                .map(|r| elb_wasm::model::leaves::output_leaves(svc.model, r).expect(op.name))
                .unwrap_or_default();
            let (mut want, mut got) = (want, got);
            want.sort();
            got.sort();
            assert_eq!(got, want, "{} {}", svc.files, op.name);
            seen += got.len();
        }
    }
    // ELB's CreatedTime, ELBv2's, CloudWatch's alarms and datapoints, STS's expirations...
    assert!(
        seen > 30,
        "only {seen} leaves in all the tables: is the comparison reading anything?"
    );
}

/// The JSON writer puts a structure's member names between quotes as they are (src/codec/json.rs
/// `write_object`): every table's names must need no escaping.
#[test]
fn member_names_need_no_json_escaping() {
    for svc in every_service() {
        for shape in svc.model.shapes {
            for m in shape.members {
                assert!(
                    !m.name.is_empty()
                        && m.name
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'_'),
                    "{} {}.{}",
                    svc.files,
                    shape.name,
                    m.name
                );
            }
        }
    }
}
