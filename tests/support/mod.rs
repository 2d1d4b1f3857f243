//! Shared helpers for the integration tests: finding `tests/vectors`, JSON ↔ value by shape, and
//! loading Smithy's JSON AST into the engine's own table types.
#![allow(dead_code)]

pub mod smithy;

use elb_wasm::Value;
use elb_wasm::model::{Kind, Model, ShapeRef};
use std::path::PathBuf;

/// A folder of `tests/vectors/`, the test data the repository keeps (copied from `../shared` by
/// `scripts/vectors.mjs`). Missing data fails the test: a clone must never pass by testing less.
pub fn vectors_dir(sub: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors")
        .join(sub);
    assert!(
        dir.is_dir(),
        "{} is missing: the repository keeps its test data there (node scripts/vectors.mjs refresh)",
        dir.display()
    );
    dir
}

pub fn read_json(path: &std::path::Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Tables built at run time live as long as the test process, like the built-in ones.
pub fn leak<T>(v: Vec<T>) -> &'static [T] {
    Box::leak(v.into_boxed_slice())
}

pub fn leak_str(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

/// Converts a protocol-test JSON value into a [`Value`] of the shape `r`, by Smithy's test
/// conventions: timestamps are epoch seconds, blobs are their raw text, special floats are the
/// strings `NaN`/`Infinity`/`-Infinity`.
pub fn json_to_value(model: &Model, r: ShapeRef, j: &serde_json::Value) -> Value {
    use serde_json::Value as J;
    let shape = model.shape(r);
    match (shape.kind, j) {
        (_, J::Null) => Value::Null,
        (Kind::Structure | Kind::Union, J::Object(o)) => Value::Struct(
            shape
                .members
                .iter()
                .filter_map(|m| {
                    o.get(m.name)
                        .map(|v| (m.name, json_to_value(model, m.target, v)))
                })
                .collect(),
        ),
        (Kind::List, J::Array(items)) => Value::List(
            items
                .iter()
                .map(|i| json_to_value(model, shape.members[0].target, i))
                .collect(),
        ),
        (Kind::Map, J::Object(o)) => Value::Map(
            o.iter()
                .map(|(k, v)| (k.clone(), json_to_value(model, shape.members[1].target, v)))
                .collect(),
        ),
        (Kind::Boolean, J::Bool(b)) => Value::Bool(*b),
        (k, J::Number(n)) if k.is_integer() => Value::Int(n.as_i64().expect("integer")),
        (k, J::Number(n)) if k.is_float() => Value::Float(n.to_string()),
        (k, J::String(s)) if k.is_float() => match s.as_str() {
            "NaN" | "Infinity" | "-Infinity" => Value::Float(s.clone()),
            other => panic!("float {other}"),
        },
        (Kind::Timestamp, J::Number(n)) => {
            Value::Timestamp((n.as_f64().expect("seconds") * 1000.0).round() as i64)
        }
        // The wasm has no blobs (src/text/mod.rs); these suites run on the host.
        #[cfg(not(target_arch = "wasm32"))]
        (Kind::Blob, J::String(s)) => Value::Blob(s.as_bytes().to_vec()),
        (Kind::String, J::String(s)) => Value::Str(s.clone()),
        (kind, other) => panic!("{}: cannot read {other} as {kind:?}", shape.name),
    }
}

/// Equality that holds NaN equal to NaN and ignores map order (the tests say implementations
/// may order map entries freely).
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        // Floats are decimal text; the same number may be written two ways ("1.0", "1").
        (Value::Float(x), Value::Float(y)) => match (x.parse::<f64>(), y.parse::<f64>()) {
            (Ok(p), Ok(q)) => p == q || (p.is_nan() && q.is_nan()),
            _ => x == y,
        },
        (Value::List(x), Value::List(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.iter().any(|(k2, v2)| k == k2 && same(v, v2)))
        }
        (Value::Struct(x), Value::Struct(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.iter().any(|(k2, v2)| k == k2 && same(v, v2)))
        }
        _ => a == b,
    }
}

/// The `key=value` pairs of a form body, decoded, in order.
pub fn form_pairs(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (
                elb_wasm::text::percent::decode(k),
                elb_wasm::text::percent::decode(v),
            )
        })
        .collect()
}

/// The SigV4 suite's example key, for tests that sign and compare.
pub fn example_credentials() -> elb_wasm::sigv4::Credentials {
    elb_wasm::sigv4::Credentials {
        access_key_id: "AKIDEXAMPLE".into(),
        secret_access_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".into(),
        session_token: None,
    }
}

/// A request header's value by its (lowercase) name.
pub fn header<'r>(r: &'r elb_wasm::call::request::HttpRequest, name: &str) -> Option<&'r str> {
    r.headers
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.as_str())
}

/// One call of `op` with `input` (JSON) through `client`, answered with `status` and `body`:
/// the step the answer leads to. `write` gives the call its request line when the JS face writes
/// it (restXml).
pub fn answer_one(
    client: &elb_wasm::call::client::Client,
    op: &str,
    input: &str,
    write: Option<elb_wasm::call::request::Written>,
    status: u16,
    body: &str,
) -> elb_wasm::call::client::Step {
    let input = client
        .check(client.operation(op).unwrap(), Some(input))
        .unwrap();
    let mut call = client.start(input);
    if let Some(w) = write {
        call.write(w);
    }
    client
        .request(&mut call, &example_credentials(), 0)
        .unwrap();
    let response = elb_wasm::call::client::HttpResponse {
        status,
        request_id: Some("req-1".into()),
        date: None,
        body: body.into(),
        json_error: None,
    };
    client.answer(&mut call, Ok(response), 0, 0.5)
}
