//! Loads a Smithy JSON AST (the awsQuery protocol-test service) into the engine's table types, so
//! the protocol tests run through exactly the encoder and decoder the ELB table uses.

use super::{leak, leak_str};
use elb_wasm::model::shape::flags;
use elb_wasm::model::{
    ErrorInfo, Kind, Member, Model, Operation, Shape, ShapeRef, TimestampFormat,
};
use serde_json::Value as J;
use std::collections::HashMap;

pub struct Loaded {
    pub model: &'static Model,
    index: HashMap<String, ShapeRef>,
}

impl Loaded {
    pub fn shape_ref(&self, id: &str) -> ShapeRef {
        *self
            .index
            .get(id)
            .unwrap_or_else(|| panic!("no shape {id}"))
    }
}

const PRELUDE: &[(&str, Kind)] = &[
    ("Boolean", Kind::Boolean),
    ("PrimitiveBoolean", Kind::Boolean),
    ("Byte", Kind::Byte),
    ("PrimitiveByte", Kind::Byte),
    ("Short", Kind::Short),
    ("PrimitiveShort", Kind::Short),
    ("Integer", Kind::Integer),
    ("PrimitiveInteger", Kind::Integer),
    ("Long", Kind::Long),
    ("PrimitiveLong", Kind::Long),
    ("Float", Kind::Float),
    ("PrimitiveFloat", Kind::Float),
    ("Double", Kind::Double),
    ("PrimitiveDouble", Kind::Double),
    ("String", Kind::String),
    ("Blob", Kind::Blob),
    ("Timestamp", Kind::Timestamp),
    ("Unit", Kind::Structure),
];

fn ts_format(traits: &J) -> Option<TimestampFormat> {
    match traits.get("smithy.api#timestampFormat")?.as_str()? {
        "date-time" => Some(TimestampFormat::DateTime),
        "epoch-seconds" => Some(TimestampFormat::EpochSeconds),
        "http-date" => Some(TimestampFormat::HttpDate),
        other => panic!("timestamp format {other}"),
    }
}

fn kind_of(ty: &str) -> Option<Kind> {
    Some(match ty {
        "structure" => Kind::Structure,
        "union" => Kind::Union,
        "list" | "set" => Kind::List,
        "map" => Kind::Map,
        "enum" | "string" => Kind::String,
        "intEnum" | "integer" => Kind::Integer,
        "boolean" => Kind::Boolean,
        "byte" => Kind::Byte,
        "short" => Kind::Short,
        "long" => Kind::Long,
        "float" => Kind::Float,
        "double" => Kind::Double,
        "blob" => Kind::Blob,
        "timestamp" => Kind::Timestamp,
        _ => return None,
    })
}

pub fn load(ast: &J) -> Loaded {
    let shapes = ast["shapes"].as_object().expect("shapes");
    // Index every data shape first (prelude shapes too) so members can point forward and round.
    let mut ids: Vec<String> = PRELUDE
        .iter()
        .map(|(n, _)| format!("smithy.api#{n}"))
        .collect();
    ids.extend(
        shapes
            .iter()
            .filter(|(_, s)| kind_of(s["type"].as_str().unwrap_or("")).is_some())
            .map(|(id, _)| id.clone()),
    );
    let index: HashMap<String, ShapeRef> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.clone(), i as ShapeRef))
        .collect();
    let target = |j: &J| index[j["target"].as_str().expect("target")];
    let member = |name: &str, j: &J| {
        let traits = j.get("traits").cloned().unwrap_or(J::Null);
        let mut f = 0;
        if traits.get("smithy.api#required").is_some() {
            f |= flags::REQUIRED;
        }
        if traits.get("smithy.api#xmlFlattened").is_some() {
            f |= flags::FLATTENED;
        }
        Member {
            name: leak_str(name),
            target: target(j),
            flags: f,
            xml_name: traits
                .get("smithy.api#xmlName")
                .and_then(J::as_str)
                .map(leak_str),
            timestamp_format: ts_format(&traits),
        }
    };

    let mut table = Vec::new();
    for (id, (_, prelude_kind)) in ids.iter().zip(PRELUDE.iter()) {
        table.push(Shape::new(leak_str(id), *prelude_kind, &[]));
    }
    for id in &ids[PRELUDE.len()..] {
        let s = &shapes[id];
        let ty = s["type"].as_str().expect("type");
        let traits = s.get("traits").cloned().unwrap_or(J::Null);
        let mut members = Vec::new();
        let mut enum_values = Vec::new();
        match ty {
            "structure" | "union" => {
                for (name, m) in s["members"].as_object().into_iter().flatten() {
                    members.push(member(name, m));
                }
            }
            "list" | "set" => members.push(member("member", &s["member"])),
            "map" => {
                members.push(member("key", &s["key"]));
                members.push(member("value", &s["value"]));
            }
            "enum" => {
                for (_, m) in s["members"].as_object().into_iter().flatten() {
                    let v = m["traits"]["smithy.api#enumValue"]
                        .as_str()
                        .expect("enum value");
                    enum_values.push(leak_str(v));
                }
            }
            _ => {}
        }
        let mut shape = Shape::new(leak_str(id), kind_of(ty).expect("kind"), leak(members));
        shape.enum_values = leak(enum_values);
        shape.timestamp_format = ts_format(&traits);
        for (key, (lo, hi)) in [
            ("smithy.api#length", ("min", "max")),
            ("smithy.api#range", ("min", "max")),
        ] {
            if let Some(c) = traits.get(key) {
                shape.min = c.get(lo).and_then(J::as_i64);
                shape.max = c.get(hi).and_then(J::as_i64);
            }
        }
        table.push(shape);
    }

    let mut errors = Vec::new();
    let mut error_index: HashMap<&str, u16> = HashMap::new();
    for (id, s) in shapes {
        let Some(fault) = s.get("traits").and_then(|t| t.get("smithy.api#error")) else {
            continue;
        };
        let custom = &s["traits"]["aws.protocols#awsQueryError"];
        let short = id.rsplit('#').next().unwrap_or(id);
        let status = custom["httpResponseCode"]
            .as_u64()
            .or(s["traits"]["smithy.api#httpError"].as_u64())
            .unwrap_or(if fault == "client" { 400 } else { 500 });
        error_index.insert(id, errors.len() as u16);
        errors.push(ErrorInfo {
            shape: index[id.as_str()],
            code: leak_str(custom["code"].as_str().unwrap_or(short)),
            status: status as u16,
            sender_fault: fault == "client",
        });
    }

    let opt_target = |j: &J| match j.get("target").and_then(J::as_str) {
        None | Some("smithy.api#Unit") => None,
        Some(t) => Some(index[t]),
    };
    let mut operations = Vec::new();
    let mut service = None;
    for (id, s) in shapes {
        match s["type"].as_str() {
            Some("operation") => {
                let name = id.rsplit('#').next().unwrap_or(id);
                let errs: Vec<u16> = s["errors"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|e| error_index[e["target"].as_str().expect("error target")])
                    .collect();
                operations.push(Operation {
                    name: leak_str(name),
                    input: s.get("input").and_then(opt_target),
                    output: s.get("output").and_then(opt_target),
                    result_wrapper: Some(leak_str(&format!("{name}Result"))),
                    errors: leak(errs),
                    unsigned: false,
                    method: "",
                    uri: "",
                    input_root: None,
                });
            }
            Some("service") => service = Some(s),
            _ => {}
        }
    }
    let service = service.expect("a service shape");
    let model = Box::leak(Box::new(Model {
        api_version: leak_str(service["version"].as_str().expect("version")),
        xml_namespace: leak_str(
            service["traits"]["smithy.api#xmlNamespace"]["uri"]
                .as_str()
                .unwrap_or(""),
        ),
        endpoint_prefix: "awsquery",
        protocol: elb_wasm::model::Protocol::Query,
        target_prefix: "",
        json_version: "",
        global: false,
        strips: &[],
        hosts: &[],
        paginators: &[],
        waiters: &[],
        documented: &[],
        signing_name: leak_str(
            service["traits"]["aws.auth#sigv4"]["name"]
                .as_str()
                .unwrap_or("awsquery"),
        ),
        shapes: leak(table),
        operations: leak(operations),
        errors: leak(errors),
    }));
    Loaded { model, index }
}
