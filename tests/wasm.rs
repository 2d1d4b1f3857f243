//! wasm-bindgen tests of the JS face, run by `wasm-pack test --node` and `--headless --chrome`:
//! the global and injected fetch paths, the JS shapes of outputs, error mapping, and `sign`.
#![cfg(target_arch = "wasm32")]

use elb_wasm::js::{RawClient, load_table, sign_flat};
use js_sys::{Array, Date, Function, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

#[wasm_bindgen(inline_js = r#"
export function stubFetch(status, body, requestId) {
  const calls = [];
  const f = async (url, init) => {
    calls.push({ url, init });
    const headers = { 'content-type': 'text/xml' };
    if (requestId) headers['x-amzn-RequestId'] = requestId;
    return new Response(body, { status, headers });
  };
  f.calls = calls;
  return f;
}
export function failingFetch(name, message) {
  return async () => { const e = new Error(message); e.name = name; throw e; };
}
export function installGlobalFetch(f) {
  const previous = globalThis.fetch;
  globalThis.fetch = f;
  return () => { globalThis.fetch = previous; };
}
export function config(fetch) {
  const c = { region: 'us-east-1', endpoint: 'http://127.0.0.1:1', credentials: { accessKeyId: 'AKID', secretAccessKey: 'SECRET-never-shown' } };
  if (fetch) c.fetch = fetch;
  return c;
}
export function get(obj, path) {
  return path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
}
export function has(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }
export function typeOf(v) { return typeof v; }
export function constructorName(v) { return Object.getPrototypeOf(v).constructor.name; }
export function calls(f) { return f.calls; }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = stubFetch)]
    fn stub_fetch(status: u16, body: &str, request_id: Option<String>) -> Function;
    #[wasm_bindgen(js_name = failingFetch)]
    fn failing_fetch(name: &str, message: &str) -> Function;
    #[wasm_bindgen(js_name = installGlobalFetch)]
    fn install_global_fetch(f: &Function) -> Function;
    fn config(fetch: Option<Function>) -> JsValue;
    fn get(obj: &JsValue, path: &str) -> JsValue;
    fn has(obj: &JsValue, key: &str) -> bool;
    #[wasm_bindgen(js_name = typeOf)]
    fn type_of(v: &JsValue) -> String;
    #[wasm_bindgen(js_name = constructorName)]
    fn constructor_name(v: &JsValue) -> String;
    fn calls(f: &Function) -> Array;
}

const DESCRIBE: &str = r#"<DescribeLoadBalancersResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/">
<DescribeLoadBalancersResult><LoadBalancerDescriptions><member>
  <LoadBalancerName>web</LoadBalancerName>
  <ListenerDescriptions><member><Listener><Protocol>HTTP</Protocol><LoadBalancerPort>80</LoadBalancerPort><InstancePort>8080</InstancePort></Listener><PolicyNames/></member></ListenerDescriptions>
  <Instances/>
  <CreatedTime>2013-05-24T21:15:31.280Z</CreatedTime>
</member></LoadBalancerDescriptions></DescribeLoadBalancersResult>
<ResponseMetadata><RequestId>body-id</RequestId></ResponseMetadata></DescribeLoadBalancersResponse>"#;

/// ELB's table, loaded as the package entry loads it (its text, written from the static table).
fn elb_table() -> u32 {
    thread_local! {
        static ID: u32 = load_table(elb_wasm::model::text::write(&elb_wasm::ELB).into_bytes()).expect("loads");
    }
    ID.with(|id| *id)
}

async fn call(client: &RawClient, action: &str, input: JsValue) -> Result<JsValue, JsValue> {
    JsFuture::from(client.call(action.into(), input, JsValue::UNDEFINED)).await
}

fn input(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("test input is JSON")
}

#[wasm_bindgen_test]
async fn global_fetch_path_and_output_shapes() {
    let stub = stub_fetch(200, DESCRIBE, None);
    let restore = install_global_fetch(&stub);
    let client = RawClient::new(config(None), elb_table()).expect("config");
    let out = call(
        &client,
        "DescribeLoadBalancers",
        input(r#"{"LoadBalancerNames":["web"]}"#),
    )
    .await;
    let _ = restore.call0(&JsValue::UNDEFINED);
    let out = out.expect("call succeeds");

    assert_eq!(calls(&stub).length(), 1, "the global fetch was used");
    let lbs = get(&out, "LoadBalancerDescriptions");
    assert!(Array::is_array(&lbs));
    let lb = Reflect::get_u32(&lbs, 0).unwrap();
    let created = get(&lb, "CreatedTime");
    assert!(created.is_instance_of::<Date>(), "timestamps are Dates");
    assert_eq!(
        created.unchecked_ref::<Date>().get_time(),
        1_369_430_131_280.0
    );
    assert_eq!(
        get(&lb, "ListenerDescriptions.0.Listener.LoadBalancerPort").as_f64(),
        Some(80.0)
    );
    assert_eq!(
        type_of(&get(&lb, "ListenerDescriptions.0.Listener.InstancePort")),
        "number"
    );
    let policies = get(&lb, "ListenerDescriptions.0.PolicyNames");
    assert!(
        Array::is_array(&policies) && Array::from(&policies).length() == 0,
        "empty list is []"
    );
    assert!(Array::is_array(&get(&lb, "Instances")));
    assert!(!has(&lb, "DNSName"), "absent members are absent, not null");
    assert_eq!(
        get(&out, "$metadata.requestId").as_string().as_deref(),
        Some("body-id")
    );
    assert_eq!(get(&out, "$metadata.httpStatusCode").as_f64(), Some(200.0));
    assert_eq!(get(&out, "$metadata.attempts").as_f64(), Some(1.0));
}

#[wasm_bindgen_test]
async fn injected_fetch_gets_a_minimal_signed_post() {
    let stub = stub_fetch(200, DESCRIBE, Some("hdr-id".into()));
    let client = RawClient::new(config(Some(stub.clone())), elb_table()).expect("config");
    let out = call(&client, "DescribeLoadBalancers", JsValue::UNDEFINED)
        .await
        .expect("ok");
    assert_eq!(
        get(&out, "$metadata.requestId").as_string().as_deref(),
        Some("hdr-id")
    );
    let sent = calls(&stub).get(0);
    assert_eq!(
        get(&sent, "url").as_string().as_deref(),
        Some("http://127.0.0.1:1/")
    );
    assert_eq!(
        get(&sent, "init.method").as_string().as_deref(),
        Some("POST")
    );
    assert_eq!(
        get(&sent, "init.body").as_string().as_deref(),
        Some("Action=DescribeLoadBalancers&Version=2012-06-01")
    );
    let headers = get(&sent, "init.headers");
    let mut names: Vec<String> = js_sys::Object::keys(headers.unchecked_ref::<js_sys::Object>())
        .iter()
        .filter_map(|k| k.as_string())
        .collect();
    names.sort();
    assert_eq!(names, ["authorization", "content-type", "x-amz-date"]);
}

async fn error_of(fetch: Function, action: &str, json: &str) -> JsValue {
    let client = RawClient::new(config(Some(fetch)), elb_table()).expect("config");
    call(&client, action, input(json))
        .await
        .expect_err("must reject")
}

#[wasm_bindgen_test]
async fn errors_are_elb_errors() {
    let e = error_of(
        stub_fetch(400, "<ErrorResponse><Error><Type>Sender</Type><Code>LoadBalancerNotFound</Code><Message>There is no ACTIVE Load Balancer named 'x'</Message></Error><RequestId>rid</RequestId></ErrorResponse>", None),
        "DescribeLoadBalancers",
        r#"{"LoadBalancerNames":["x"]}"#,
    )
    .await;
    assert!(e.is_instance_of::<js_sys::Error>(), "a real Error");
    assert_eq!(constructor_name(&e), "ElbError");
    assert_eq!(get(&e, "name").as_string().as_deref(), Some("ElbError"));
    assert_eq!(
        get(&e, "code").as_string().as_deref(),
        Some("LoadBalancerNotFound")
    );
    assert_eq!(get(&e, "statusCode").as_f64(), Some(400.0));
    assert_eq!(get(&e, "requestId").as_string().as_deref(), Some("rid"));
    assert_eq!(get(&e, "retryable").as_bool(), Some(false));
    assert_eq!(get(&e, "attempts").as_f64(), Some(1.0));

    let e = error_of(
        stub_fetch(502, "<html><body>Bad Gateway</body></html>", None),
        "DescribeLoadBalancers",
        "{}",
    )
    .await;
    assert_eq!(
        get(&e, "code").as_string().as_deref(),
        Some("InvalidResponse")
    );
    assert_eq!(get(&e, "statusCode").as_f64(), Some(502.0));
    assert_eq!(get(&e, "retryable").as_bool(), Some(true));

    let e = error_of(
        failing_fetch("TypeError", "Failed to fetch"),
        "DescribeLoadBalancers",
        "{}",
    )
    .await;
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("NetworkError"));
    assert!(!has(&e, "statusCode"));

    let e = error_of(
        failing_fetch("AbortError", "aborted"),
        "DescribeLoadBalancers",
        "{}",
    )
    .await;
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("AbortError"));

    let stub = stub_fetch(200, DESCRIBE, None);
    let e = error_of(stub.clone(), "CreateLoadBalancer", r#"{"LoadBalancerName":"a","Listeners":[{"Protocol":"HTTP","LoadBalancerPort":80,"InstancePort":70000}]}"#).await;
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("InvalidInput"));
    assert_eq!(
        get(&e, "field").as_string().as_deref(),
        Some("Listeners[0].InstancePort")
    );
    assert_eq!(get(&e, "attempts").as_f64(), Some(0.0));
    assert_eq!(calls(&stub).length(), 0, "nothing sent");
    let message = get(&e, "message").as_string().unwrap_or_default();
    assert!(!message.contains("SECRET"), "{message}");

    let e = error_of(stub, "NoSuchAction", "{}").await;
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("InvalidInput"));
}

#[wasm_bindgen_test]
fn bad_configuration_throws_invalid_input() {
    let e = RawClient::new(
        input(r#"{"credentials":{"accessKeyId":"a","secretAccessKey":"b"}}"#),
        elb_table(),
    )
    .err()
    .expect("region is required");
    assert_eq!(get(&e, "field").as_string().as_deref(), Some("region"));
    assert!(RawClient::new(JsValue::UNDEFINED, elb_table()).is_err());
    let e = RawClient::new(config(None), 999)
        .err()
        .expect("no such table");
    assert_eq!(get(&e, "field").as_string().as_deref(), Some("table"));
    let e = load_table(b"s\tA\tnumber\n".to_vec()).expect_err("not a table");
    assert!(load_table(vec![0xff, 0xfe]).is_err(), "not UTF-8");
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("InvalidInput"));
}

#[wasm_bindgen_test]
fn sign_flat_matches_the_suite_vanilla_case() {
    // method, path, query, host, region, service, key id, secret, token, header count, then the body.
    let fields = |region: &str, headers: &str| {
        format!(
            "GET\0/\0\0example.amazonaws.com\0{region}\0service\0AKIDEXAMPLE\0wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\0\0{headers}"
        )
    };
    let signed = sign_flat(
        fields("us-east-1", "0\0").as_bytes(),
        None,
        1_440_938_160_000.0,
    )
    .expect("signs");
    assert_eq!(
        signed,
        "x-amz-date\x0020150830T123600Z\0authorization\0AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31\0"
    );
    // A header, then a body holding NULs: only the count says where the headers end.
    let with_header = sign_flat(
        fields("us-east-1", "1\0my-h\0v\0a\0b").as_bytes(),
        None,
        0.0,
    )
    .expect("signs");
    assert!(
        with_header.contains("SignedHeaders=host;my-h;x-amz-date"),
        "{with_header}"
    );
    assert!(sign_flat(fields("us east", "0\0").as_bytes(), None, 0.0).is_err());
    assert!(sign_flat(&[0xff, 0], None, 0.0).is_err(), "not UTF-8");
    // A count with fewer headers than it says is refused, not misread.
    assert!(sign_flat(fields("us-east-1", "2\0my-h\0v").as_bytes(), None, 0.0).is_err());
}

#[wasm_bindgen_test]
async fn every_modelled_error_code_maps_through() {
    for e in elb_wasm::ELB.errors {
        let body = format!(
            "<ErrorResponse><Error><Type>Sender</Type><Code>{}</Code><Message>m</Message></Error><RequestId>r</RequestId></ErrorResponse>",
            e.code
        );
        let err = error_of(
            stub_fetch(e.status, &body, None),
            "DescribeLoadBalancers",
            "{}",
        )
        .await;
        assert_eq!(constructor_name(&err), "ElbError");
        assert_eq!(get(&err, "code").as_string().as_deref(), Some(e.code));
        assert_eq!(get(&err, "statusCode").as_f64(), Some(f64::from(e.status)));
        assert_eq!(get(&err, "requestId").as_string().as_deref(), Some("r"));
    }
    assert_eq!(elb_wasm::ELB.errors.len(), 22);
}
