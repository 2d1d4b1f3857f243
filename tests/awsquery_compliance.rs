//! Smithy's awsQuery protocol compliance tests, run through the same generic encoder and decoder
//! as the ELB table, with the test service's shapes loaded into the engine's table format.

mod support;

use elb_wasm::call::request::{self, Endpoint, Signer};
use elb_wasm::codec::xml;
use elb_wasm::model::Model;
use elb_wasm::sigv4::{Credentials, SigningKeyCache};
use elb_wasm::{Error, Value};
use serde_json::Value as J;
use support::{form_pairs, json_to_value, same, smithy};

/// Cases that test features ELB Classic's model does not have, with the reason. Every other case
/// must pass.
const NOT_APPLICABLE: &[(&str, &str)] = &[
    (
        "QueryProtocolIdempotencyTokenAutoFill",
        "idempotency-token autofill: no ELB Classic member is an idempotency token",
    ),
    (
        "SDKAppliedContentEncoding_awsQuery",
        "requestCompression (gzip bodies): ELB Classic has no compressed operations",
    ),
    (
        "SDKAppendsGzipAndIgnoresHttpProvidedEncoding_awsQuery",
        "requestCompression (gzip bodies): ELB Classic has no compressed operations",
    ),
    (
        "AwsQueryEndpointTrait",
        "@endpoint host prefixes: ELB Classic has none",
    ),
    (
        "AwsQueryEndpointTraitWithHostLabel",
        "@endpoint host prefixes with host labels: ELB Classic has none",
    ),
];

fn credentials() -> Credentials {
    Credentials {
        access_key_id: "AKIDEXAMPLE".into(),
        secret_access_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".into(),
        session_token: None,
    }
}

fn run_request(model: &Model, loaded: &smithy::Loaded, case: &J) -> Result<(), String> {
    let op = model
        .operation(case["operation"].as_str().unwrap())
        .ok_or("no such operation")?;
    let input = match (
        case.get("input_shape").and_then(J::as_str),
        case.get("params"),
    ) {
        (Some(shape), Some(params)) => json_to_value(model, loaded.shape_ref(shape), params),
        _ => Value::Null,
    };
    let host = case
        .get("host")
        .and_then(J::as_str)
        .unwrap_or("example.com");
    let endpoint = Endpoint::parse(&format!("https://{host}")).map_err(|e| e.to_string())?;
    let mut cache = SigningKeyCache::default();
    let req = request::prepare(
        model,
        op,
        &input,
        &endpoint,
        Signer {
            credentials: &credentials(),
            region: "us-east-1",
            time_ms: 1_440_938_160_000,
            cache: &mut cache,
        },
    )
    .map_err(|e| format!("prepare failed: {e}"))?;

    if let Some(method) = case.get("method").and_then(J::as_str)
        && req.method != method
    {
        return Err(format!("method {} != {method}", req.method));
    }
    if let Some(uri) = case.get("uri").and_then(J::as_str)
        && (endpoint.path != uri || !req.url.ends_with(uri))
    {
        return Err(format!("uri {} != {uri}", req.url));
    }
    for (name, value) in case["headers"].as_object().into_iter().flatten() {
        let ours = req
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name));
        if ours.map(|(_, v)| v.as_str()) != value.as_str() {
            return Err(format!("header {name}: {ours:?} != {value}"));
        }
    }
    if let Some(body) = case.get("body").and_then(J::as_str) {
        // Form bodies compare as their parameters; the order of keys carries no meaning.
        let mut want = form_pairs(body);
        let mut got = form_pairs(&req.body);
        want.sort();
        got.sort();
        if want != got {
            return Err(format!("body\n  got  {}\n  want {body}", req.body));
        }
    }
    Ok(())
}

fn run_response(model: &Model, loaded: &smithy::Loaded, case: &J) -> Result<(), String> {
    let op = model
        .operation(case["operation"].as_str().unwrap())
        .ok_or("no such operation")?;
    let status = case["status"].as_u64().unwrap_or(200) as u16;
    let body = case.get("body").and_then(J::as_str).unwrap_or("");
    let decoded =
        xml::decode_response(model, op, status, body).map_err(|e| format!("decode failed: {e}"))?;
    let expected = match case.get("output_shape").and_then(J::as_str) {
        Some(shape) => json_to_value(model, loaded.shape_ref(shape), &case["expected"]),
        None => Value::Struct(Vec::new()),
    };
    if !same(&decoded.output, &expected) {
        return Err(format!(
            "decoded {:?}\n  expected {expected:?}",
            decoded.output
        ));
    }
    Ok(())
}

fn run_error(model: &Model, loaded: &smithy::Loaded, case: &J) -> Result<(), String> {
    let status = case["status"].as_u64().unwrap() as u16;
    let err = xml::decode_error(model, status, case["body"].as_str().unwrap());
    let Error::Service(e) = err else {
        return Err(format!("not a service error: {err:?}"));
    };
    let code = case["code"].as_str().unwrap();
    if e.code != code || e.status != status {
        return Err(format!(
            "code/status {}/{} != {code}/{status}",
            e.code, e.status
        ));
    }
    let shape = loaded.shape_ref(case["error_shape"].as_str().unwrap());
    let info = model
        .error_by_code(&e.code)
        .ok_or("code is not a modelled error")?;
    if info.shape != shape || info.status != status {
        return Err(format!(
            "code maps to shape {} status {}",
            info.shape, info.status
        ));
    }
    if e.request_id.as_deref() != Some("foo-id") {
        return Err(format!("request id {:?}", e.request_id));
    }
    let expected = json_to_value(model, shape, &case["expected"]);
    // `Message` is carried as the error's message; it is also a member when the shape has one.
    if let Some(Value::Str(m)) = expected.get("Message")
        && &e.message != m
    {
        return Err(format!("message {:?} != {m:?}", e.message));
    }
    if !same(&e.fields, &expected) {
        return Err(format!("fields {:?} != {expected:?}", e.fields));
    }
    Ok(())
}

#[test]
fn every_awsquery_case_passes_or_is_listed_as_not_applicable() {
    let dir = support::vectors_dir("awsquery");
    let loaded = smithy::load(&support::read_json(&dir.join("model.json")));
    let model = loaded.model;
    let cases = support::read_json(&dir.join("cases.json"));
    let cases = cases.as_array().expect("cases");
    assert_eq!(cases.len(), 77, "the suite has 77 cases");

    let (mut passed, mut skipped, mut failures) = (0, 0, Vec::new());
    for case in cases {
        let id = case["id"].as_str().unwrap();
        let kind = case["kind"].as_str().unwrap();
        if let Some((_, why)) = NOT_APPLICABLE.iter().find(|(n, _)| *n == id) {
            eprintln!("not applicable: {id}: {why}");
            skipped += 1;
            continue;
        }
        let result = match kind {
            "request" => run_request(model, &loaded, case),
            "response" => run_response(model, &loaded, case),
            "error" => run_error(model, &loaded, case),
            other => Err(format!("unknown kind {other}")),
        };
        match result {
            Ok(()) => passed += 1,
            Err(why) => failures.push(format!("{kind} {id}: {why}")),
        }
    }
    eprintln!(
        "awsQuery compliance: {passed} passed, {skipped} not applicable, {} failed",
        failures.len()
    );
    assert!(failures.is_empty(), "failures:\n{}", failures.join("\n"));
    assert_eq!(passed + skipped, 77);
}

/// A recursive shape lets a body nest without end; the decoder stops at a fixed depth with an
/// error instead of exhausting the stack.
#[test]
fn recursive_shapes_nest_only_so_deep() {
    let dir = support::vectors_dir("awsquery");
    let loaded = smithy::load(&support::read_json(&dir.join("model.json")));
    let op = loaded.model.operation("RecursiveXmlShapes").unwrap();
    let nest = |levels: usize| {
        let mut body =
            String::from("<RecursiveXmlShapesResponse><RecursiveXmlShapesResult><nested>");
        body.push_str(&"<nested><recursiveMember>".repeat(levels));
        body.push_str(&"</recursiveMember></nested>".repeat(levels));
        body.push_str("</nested></RecursiveXmlShapesResult></RecursiveXmlShapesResponse>");
        body
    };
    assert!(xml::decode_response(loaded.model, op, 200, &nest(10)).is_ok());
    let deep = xml::decode_response(loaded.model, op, 200, &nest(50_000));
    assert!(
        matches!(deep, Err(Error::InvalidResponse { .. })),
        "{deep:?}"
    );
}
