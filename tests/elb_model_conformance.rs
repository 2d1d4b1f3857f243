//! The built-in ELB table equals botocore's `elb` 2012-06-01 model: every operation, shape,
//! member, type, required flag, constraint and error, checked from each side.

mod support;

use elb_wasm::ELB;
use elb_wasm::model::{Kind, Shape};
use serde_json::Value as J;
use std::collections::BTreeSet;

fn table_shape(name: &str) -> Option<&'static Shape> {
    ELB.shapes.iter().find(|s| s.name == name)
}

fn target_name(r: u16) -> &'static str {
    ELB.shapes
        .get(usize::from(r))
        .expect("target index in range")
        .name
}

/// Everything the table says about one shape, in botocore's terms, as comparable text lines.
fn describe_table_shape(s: &Shape) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let error = ELB.errors.iter().find(|e| target_name(e.shape) == s.name);
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
            out.insert(format!("member->{}", target_name(m.target)));
            if m.flattened() {
                out.insert("flattened".into());
            }
        }
        Kind::Map => {
            out.insert(format!("key->{}", target_name(s.members[0].target)));
            out.insert(format!("value->{}", target_name(s.members[1].target)));
        }
        _ => {
            for m in s.members {
                out.insert(format!("member {}->{}", m.name, target_name(m.target)));
                if m.required() {
                    out.insert(format!("required {}", m.name));
                }
                if let Some(x) = m.xml_name {
                    out.insert(format!("locationName {}={x}", m.name));
                }
            }
        }
    }
    out
}

/// The same description, read from the botocore JSON.
fn describe_model_shape(s: &J) -> BTreeSet<String> {
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
    if let Some(e) = s.get("error") {
        out.insert(format!(
            "error={}/{}/{}",
            e["code"].as_str().unwrap(),
            e["httpStatusCode"],
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

fn load() -> J {
    let dir = support::vectors_dir("models");
    support::read_json(&dir.join("elb-2012-06-01-service-2.json"))
}

#[test]
fn metadata_matches() {
    let model = load();
    let meta = &model["metadata"];
    assert_eq!(ELB.api_version, meta["apiVersion"]);
    assert_eq!(ELB.xml_namespace, meta["xmlNamespace"]);
    assert_eq!(ELB.endpoint_prefix, meta["endpointPrefix"]);
    assert_eq!(meta["protocol"], "query");
    assert_eq!(meta["signatureVersion"], "v4");
}

#[test]
fn every_shape_matches_in_both_directions() {
    let model = load();
    let shapes = model["shapes"].as_object().unwrap();
    assert_eq!(shapes.len(), 181);
    assert_eq!(ELB.shapes.len(), shapes.len(), "shape count");
    let mut mismatches = Vec::new();
    for (name, s) in shapes {
        match table_shape(name) {
            None => mismatches.push(format!("{name}: missing from the table")),
            Some(t) => {
                let (ours, theirs) = (describe_table_shape(t), describe_model_shape(s));
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
    for t in ELB.shapes {
        if !shapes.contains_key(t.name) {
            mismatches.push(format!("{}: in the table but not the model", t.name));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn every_operation_matches_in_both_directions() {
    let model = load();
    let ops = model["operations"].as_object().unwrap();
    assert_eq!(ops.len(), 29);
    assert_eq!(ELB.operations.len(), 29);
    for (name, op) in ops {
        let t = ELB
            .operation(name)
            .unwrap_or_else(|| panic!("{name} missing from the table"));
        assert_eq!(
            t.input.map(target_name),
            op["input"]["shape"].as_str(),
            "{name} input"
        );
        assert_eq!(
            t.output.map(target_name),
            op["output"]["shape"].as_str(),
            "{name} output"
        );
        assert_eq!(
            t.result_wrapper,
            op["output"]["resultWrapper"].as_str(),
            "{name} wrapper"
        );
        assert_eq!(op["http"]["method"], "POST", "{name}: awsQuery is POST");
        assert_eq!(op["http"]["requestUri"], "/", "{name}: awsQuery is /");
        let ours: BTreeSet<&str> = t
            .errors
            .iter()
            .map(|&i| target_name(ELB.errors[usize::from(i)].shape))
            .collect();
        let theirs: BTreeSet<&str> = op["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| e["shape"].as_str().unwrap())
            .collect();
        assert_eq!(ours, theirs, "{name} errors");
    }
    for t in ELB.operations {
        assert!(ops.contains_key(t.name), "{} is not in the model", t.name);
    }
}

#[test]
fn every_error_code_is_modelled_once() {
    let model = load();
    let exceptions: BTreeSet<&str> = model["shapes"]
        .as_object()
        .unwrap()
        .values()
        .filter_map(|s| s.get("error").map(|e| e["code"].as_str().unwrap()))
        .collect();
    let ours: BTreeSet<&str> = ELB.errors.iter().map(|e| e.code).collect();
    assert_eq!(ours, exceptions);
    assert_eq!(ours.len(), ELB.errors.len(), "no code appears twice");
    assert_eq!(
        ELB.error_by_code("LoadBalancerNotFound")
            .map(|e| target_name(e.shape)),
        Some("AccessPointNotFoundException")
    );
    assert_eq!(
        ELB.error_by_code("InvalidConfigurationRequest")
            .map(|e| e.status),
        Some(409)
    );
}

#[test]
fn table_is_internally_consistent() {
    for s in ELB.shapes {
        for m in s.members {
            assert!(
                usize::from(m.target) < ELB.shapes.len(),
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
            assert!(
                elb_wasm::pattern::CharClassPattern::parse(p).is_some(),
                "{}: {p}",
                s.name
            );
        }
    }
}

fn load_json(file: &str) -> J {
    let dir = support::vectors_dir("models");
    support::read_json(&dir.join(file))
}

#[test]
fn paginators_match_in_both_directions() {
    let model = load_json("elb-2012-06-01-paginators-1.json");
    let expected: BTreeSet<String> = model["pagination"]
        .as_object()
        .expect("pagination")
        .iter()
        .map(|(op, p)| {
            format!(
                "{op} {} {} {} {}",
                p["input_token"].as_str().unwrap_or(""),
                p["output_token"].as_str().unwrap_or(""),
                p["result_key"].as_str().unwrap_or(""),
                p["limit_key"].as_str().unwrap_or("")
            )
        })
        .collect();
    let table: BTreeSet<String> = ELB
        .paginators
        .iter()
        .map(|p| {
            format!(
                "{} {} {} {} {}",
                p.operation, p.input_token, p.output_token, p.result_key, p.limit_key
            )
        })
        .collect();
    assert_eq!(table, expected);
    assert_eq!(table.len(), 2);
    for p in ELB.paginators {
        assert!(ELB.operation(p.operation).is_some(), "{}", p.operation);
    }
}

#[test]
fn waiters_match_in_both_directions() {
    let model = load_json("elb-2012-06-01-waiters-2.json");
    let text = |v: &J| match v {
        J::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut expected = BTreeSet::new();
    for (name, w) in model["waiters"].as_object().expect("waiters") {
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
    for w in ELB.waiters {
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
        assert!(ELB.operation(w.operation).is_some(), "{}", w.operation);
    }
    assert_eq!(table, expected);
    assert_eq!(ELB.waiters.len(), 3);
}
