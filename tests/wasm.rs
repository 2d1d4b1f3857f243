//! wasm-bindgen tests of the JS face, run by `wasm-pack test --node` and `--headless --chrome`:
//! a call's requests and what its answers come to (outputs as JS objects, `ElbError`s, retries,
//! aborts, provided credentials), and `sign`. The I/O around them is js/client/call.js's, tested by the
//! JS suites.
#![cfg(target_arch = "wasm32")]

use elb_wasm::js::{RawClient, load_table, sign_flat};
use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

#[wasm_bindgen(inline_js = r#"
export function response(status, body, requestId) {
  return [0, status, requestId ?? null, null, new TextEncoder().encode(body)];
}
export function failed(kind, message) { return [kind, message]; }
export function config() {
  return { region: 'us-east-1', endpoint: 'http://127.0.0.1:1', credentials: { accessKeyId: 'AKID', secretAccessKey: 'SECRET-never-shown' } };
}
export function providedConfig() {
  return { region: 'us-east-1', credentials: async () => ({}) };
}
export function get(obj, path) {
  return path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
}
export function has(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }
export function typeOf(v) { return typeof v; }
export function constructorName(v) { return Object.getPrototypeOf(v).constructor.name; }
"#)]
extern "C" {
    fn response(status: u16, body: &str, request_id: Option<String>) -> JsValue;
    fn failed(kind: u8, message: &str) -> JsValue;
    fn config() -> JsValue;
    #[wasm_bindgen(js_name = providedConfig)]
    fn provided_config() -> JsValue;
    fn get(obj: &JsValue, path: &str) -> JsValue;
    fn has(obj: &JsValue, key: &str) -> bool;
    #[wasm_bindgen(js_name = typeOf)]
    fn type_of(v: &JsValue) -> String;
    #[wasm_bindgen(js_name = constructorName)]
    fn constructor_name(v: &JsValue) -> String;
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

/// A call driven as js/client/call.js drives it, every attempt answered by `answer` and no wait
/// between them: the requests it asked for, and what it came to.
fn call(
    client: &RawClient,
    action: &str,
    json: Option<&str>,
    answer: &JsValue,
) -> (Vec<Vec<String>>, Result<JsValue, JsValue>) {
    let mut sent = Vec::new();
    let mut call = match client.begin(action, json.map(str::to_owned)) {
        Ok(call) => call,
        Err(e) => return (sent, Err(e)),
    };
    for _ in 0..10 {
        match call.request() {
            Ok(request) => sent.push(fields(&request)),
            Err(e) => return (sent, Err(e)),
        }
        match call.answer(answer.clone()) {
            Ok(wait) if wait.as_f64().is_some() => continue,
            done => return (sent, done),
        }
    }
    panic!("the call did not end within 10 attempts");
}

/// A request's NUL-terminated fields, as js/client/call.js splits them.
fn fields(request: &str) -> Vec<String> {
    let fields: Vec<String> = request.split('\0').map(str::to_owned).collect();
    assert_eq!(
        fields.last().map(String::as_str),
        Some(""),
        "each field ends with a NUL"
    );
    fields[..fields.len() - 1].to_vec()
}

fn input(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("test input is JSON")
}

#[wasm_bindgen_test]
fn outputs_are_js_objects_of_the_output_shape() {
    let client = RawClient::new(config(), elb_table()).expect("config");
    let (sent, out) = call(
        &client,
        "DescribeLoadBalancers",
        Some(r#"{"LoadBalancerNames":["web"]}"#),
        &response(200, DESCRIBE, None),
    );
    let out = out.expect("call succeeds");
    assert_eq!(sent.len(), 1);
    let lbs = get(&out, "LoadBalancerDescriptions");
    assert!(Array::is_array(&lbs));
    let lb = Reflect::get_u32(&lbs, 0).unwrap();
    let created = get(&lb, "CreatedTime");
    // Epoch milliseconds: the JS face makes them Dates along the generated leaf paths
    // (js/client/revive.js; tests/js/revive.test.mjs).
    assert_eq!(created.as_f64(), Some(1_369_430_131_280.0));
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
fn a_call_asks_for_a_minimal_signed_request() {
    let client = RawClient::new(config(), elb_table()).expect("config");
    let (sent, out) = call(
        &client,
        "DescribeLoadBalancers",
        None,
        &response(200, DESCRIBE, Some("hdr-id".into())),
    );
    assert_eq!(
        get(&out.expect("ok"), "$metadata.requestId")
            .as_string()
            .as_deref(),
        Some("hdr-id")
    );
    let request = &sent[0];
    assert_eq!(request[0], "POST");
    assert_eq!(request[1], "http://127.0.0.1:1/");
    assert_eq!(
        request[2],
        "Action=DescribeLoadBalancers&Version=2012-06-01"
    );
    let mut names: Vec<&str> = request[3..].iter().step_by(2).map(String::as_str).collect();
    names.sort();
    assert_eq!(names, ["authorization", "content-type", "x-amz-date"]);
    assert!(!request.iter().any(|v| v.contains("SECRET")));
}

/// An answer's timestamps as the package reads them: ISO 8601 (any offset, finer digits cut) and
/// HTTP dates; epoch seconds text, which no AWS XML answer carries for a shipped table's
/// timestamps, is a bad answer here (the host reads it: `text::time::parse_timestamp`).
#[wasm_bindgen_test]
fn answer_timestamps_are_iso_8601_or_http_dates() {
    let client = RawClient::new(config(), elb_table()).expect("config");
    let created = |text: &str| {
        let body = DESCRIBE.replace("2013-05-24T21:15:31.280Z", text);
        let (_, out) = call(
            &client,
            "DescribeLoadBalancers",
            None,
            &response(200, &body, None),
        );
        out.map(|out| get(&out, "LoadBalancerDescriptions.0.CreatedTime").as_f64())
    };
    for (text, ms) in [
        ("2013-05-24T21:15:31.280Z", 1_369_430_131_280.0),
        ("2013-05-24T22:15:31.280123+01:00", 1_369_430_131_280.0),
        ("Fri, 24 May 2013 21:15:31 GMT", 1_369_430_131_000.0),
    ] {
        assert_eq!(created(text).ok(), Some(Some(ms)), "{text}");
    }
    for text in ["1369430131", "1369430131.28", "2013-05-24"] {
        let e = created(text).expect_err(text);
        assert_eq!(
            get(&e, "code").as_string().as_deref(),
            Some("InvalidResponse"),
            "{text}"
        );
    }
}

fn error_of(action: &str, json: &str, answer: &JsValue) -> (usize, JsValue) {
    let client = RawClient::new(config(), elb_table()).expect("config");
    let (sent, out) = call(&client, action, Some(json), answer);
    (sent.len(), out.expect_err("must fail"))
}

#[wasm_bindgen_test]
fn errors_are_elb_errors() {
    let (_, e) = error_of(
        "DescribeLoadBalancers",
        r#"{"LoadBalancerNames":["x"]}"#,
        &response(
            400,
            "<ErrorResponse><Error><Type>Sender</Type><Code>LoadBalancerNotFound</Code><Message>There is no ACTIVE Load Balancer named 'x'</Message></Error><RequestId>rid</RequestId></ErrorResponse>",
            None,
        ),
    );
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

    let (sent, e) = error_of(
        "DescribeLoadBalancers",
        "{}",
        &response(502, "<html><body>Bad Gateway</body></html>", None),
    );
    assert_eq!(
        get(&e, "code").as_string().as_deref(),
        Some("InvalidResponse")
    );
    assert_eq!(get(&e, "statusCode").as_f64(), Some(502.0));
    assert_eq!(get(&e, "retryable").as_bool(), Some(true));
    assert_eq!((sent, get(&e, "attempts").as_f64()), (3, Some(3.0)));

    let (_, e) = error_of(
        "DescribeLoadBalancers",
        "{}",
        &failed(1, "fetch failed: Failed to fetch"),
    );
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("NetworkError"));
    assert!(!has(&e, "statusCode"));

    let (sent, e) = error_of("DescribeLoadBalancers", "{}", &failed(3, "aborted"));
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("AbortError"));
    assert_eq!(sent, 1, "an abort is not retried");

    let (sent, e) = error_of(
        "CreateLoadBalancer",
        r#"{"LoadBalancerName":"a","Listeners":[{"Protocol":"HTTP","LoadBalancerPort":80,"InstancePort":70000}]}"#,
        &response(200, DESCRIBE, None),
    );
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("InvalidInput"));
    assert_eq!(
        get(&e, "field").as_string().as_deref(),
        Some("Listeners[0].InstancePort")
    );
    assert_eq!(get(&e, "attempts").as_f64(), Some(0.0));
    assert_eq!(sent, 0, "nothing sent");
    let message = get(&e, "message").as_string().unwrap_or_default();
    assert!(!message.contains("SECRET"), "{message}");

    let (sent, e) = error_of("NoSuchAction", "{}", &response(200, DESCRIBE, None));
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("InvalidInput"));
    assert_eq!(sent, 0);
}

#[wasm_bindgen_test]
fn an_abort_while_waiting_reports_the_attempts_made() {
    let client = RawClient::new(config(), elb_table()).expect("config");
    let mut call = client.begin("DescribeLoadBalancers", None).expect("valid");
    call.request().expect("signs");
    let wait = call
        .answer(response(503, "<html/>", Some("r1".into())))
        .expect("retried");
    // A number: retry after that many ms (full jitter: 0 is a possible draw).
    assert!(
        wait.as_f64().is_some_and(|ms| (0.0..=100.0).contains(&ms)),
        "a retry after a jittered wait, got {wait:?}"
    );
    // As call.js reports an abort while it waits.
    let e = call
        .answer(failed(3, "the call was aborted"))
        .expect_err("an abort ends the call");
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("AbortError"));
    assert_eq!(get(&e, "attempts").as_f64(), Some(1.0));
    assert_eq!(get(&e, "requestId").as_string().as_deref(), Some("r1"));
}

#[wasm_bindgen_test]
fn provided_credentials_are_checked_and_used() {
    let client = RawClient::new(provided_config(), elb_table()).expect("config");
    let mut call = client.begin("DescribeLoadBalancers", None).expect("valid");
    let e = call.request().expect_err("nothing provided yet");
    assert_eq!(
        get(&e, "code").as_string().as_deref(),
        Some("CredentialsError")
    );
    let e = client
        .use_credentials(input(r#"{"accessKeyId":"a"}"#))
        .expect_err("no secret");
    assert_eq!(
        get(&e, "code").as_string().as_deref(),
        Some("CredentialsError")
    );
    // Its expiration is call.js's to read (tests/js/reliability.test.mjs).
    client
        .use_credentials(input(
            r#"{"accessKeyId":"PROVIDED","secretAccessKey":"b","expiration":"soon"}"#,
        ))
        .expect("credentials");
    let request = call.request().expect("signs with what was provided");
    assert!(
        fields(&request)
            .iter()
            .any(|v| v.contains("Credential=PROVIDED/"))
    );
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
    let e = RawClient::new(
        input(r#"{"region":"us-east-1","credentials":{"accessKeyId":"a","secretAccessKey":"b","sessionToken":"t\u0000u"}}"#),
        elb_table(),
    )
    .err()
    .expect("a NUL in a credential");
    assert_eq!(get(&e, "field").as_string().as_deref(), Some("credentials"));
    let e = RawClient::new(config(), 999).err().expect("no such table");
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
fn every_modelled_error_code_maps_through() {
    for e in elb_wasm::ELB.errors {
        let body = format!(
            "<ErrorResponse><Error><Type>Sender</Type><Code>{}</Code><Message>m</Message></Error><RequestId>r</RequestId></ErrorResponse>",
            e.code
        );
        let (_, err) = error_of(
            "DescribeLoadBalancers",
            "{}",
            &response(e.status, &body, None),
        );
        assert_eq!(constructor_name(&err), "ElbError");
        assert_eq!(get(&err, "code").as_string().as_deref(), Some(e.code));
        assert_eq!(get(&err, "statusCode").as_f64(), Some(f64::from(e.status)));
        assert_eq!(get(&err, "requestId").as_string().as_deref(), Some("r"));
    }
    assert_eq!(elb_wasm::ELB.errors.len(), 22);
}

#[wasm_bindgen_test]
fn the_runtime_regex_agrees_with_the_matcher_on_every_model_pattern() {
    let v2 = elb_wasm::model::text::parse(include_str!("../src/model/elbv2.table")).expect("reads");
    let autoscaling = elb_wasm::model::text::parse(include_str!("../src/model/autoscaling.table"))
        .expect("reads");
    let cloudwatch =
        elb_wasm::model::text::parse(include_str!("../src/model/cloudwatch.table")).expect("reads");
    let sts = elb_wasm::model::text::parse(include_str!("../src/model/sts.table")).expect("reads");
    let route53 =
        elb_wasm::model::text::parse(include_str!("../src/model/route53.table")).expect("reads");
    let mut patterns: Vec<&str> = [&elb_wasm::ELB, v2, autoscaling, cloudwatch, sts, route53]
        .iter()
        .flat_map(|m| m.shapes.iter().filter_map(|s| s.pattern))
        .collect();
    patterns.sort_unstable();
    patterns.dedup();
    assert!(patterns.len() >= 20, "{patterns:?}");
    // Letters, separators and numbers of several scripts (Nl and No too), and what is none of them.
    // Combining marks are left out: the host matcher reads \p{L} as Rust's `is_alphabetic`, which
    // takes some marks in; the shipped RegExp is exact.
    let corpus = [
        "",
        "a",
        "abc",
        "A1.b",
        "a.b_c",
        "tag key",
        "ключ",
        "日本語",
        "١٢٣",
        "Ⅻ",
        "½",
        "x\u{2028}y",
        "a\tb",
        "a\nb",
        "a_b:c/d=e+f-g@h",
        "a#b",
        "ipv4pool-coip-abc1",
        "ipv4pool-coip-",
        "ipam-pool-x1",
        "200",
        "404",
        "599",
        "600",
        "2x0",
        "20",
        "HTTP",
        "HTTPS",
        "HTTPSS",
        "#{protocol}",
        "http",
        "a-b-c",
        "123e4567-e89b-12d3-a456-426614174000",
        "123e4567-e89b-12d3-a456-42661417400",
        "-a",
        "a-",
        "a--b",
        "😀",
        "a\u{a0}b",
        "a\u{3000}b",
        "a\u{0}b",
        // For the neighbours' patterns: \w, \x and \u ranges, surrogate pairs, {m,n}.
        "arn:aws:iam::123456789012:role/a_b+=,.@-",
        "abc def!",
        "a  b",
        " a",
        "a\"b",
        "a\\b",
        "a,b",
        "ami-0abc",
        "ami-",
        "ami-aaaaaaaaaaaaaaaaaa",
        "{\"a\": 1}\r\n",
        "\u{85}\u{ff}\u{100}",
        "\u{1000}0\u{10ff}",
        "a(b).c-d/e_f",
        "a*b",
        "i-0123*",
        "\u{fffd}\u{e000}\u{d7ff}",
        "\u{10ffff}",
        "AWS/ApplicationELB",
        ":AWS",
        "a:b\u{2028}",
    ];
    let mut checked = 0;
    for p in &patterns {
        for s in corpus {
            assert_eq!(
                elb_wasm::js::regex::test(p, s),
                elb_wasm::text::pattern::matches_here(p, s),
                "{p} on {s:?}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 20 * corpus.len());
    // And through a call: a tag key outside the pattern is refused before anything is sent.
    let client = RawClient::new(config(), elb_table()).expect("config");
    let e = client
        .begin(
            "AddTags",
            Some(r#"{"LoadBalancerNames":["a"],"Tags":[{"Key":"a#b"}]}"#.into()),
        )
        .err()
        .expect("refused");
    assert_eq!(get(&e, "field").as_string().as_deref(), Some("Tags[0].Key"));
    assert!(
        client
            .begin(
                "AddTags",
                Some(r#"{"LoadBalancerNames":["a"],"Tags":[{"Key":"ключ 日本 ١٢٣"}]}"#.into())
            )
            .is_ok()
    );
}

/// The package's allocator (src/js/heap.rs) is this test binary's too: blocks are aligned as asked,
/// hold their bytes through a realloc, and freed ones serve again.
#[wasm_bindgen_test]
fn the_allocator_aligns_keeps_bytes_and_reuses() {
    use std::alloc::{Layout, alloc, dealloc, realloc};
    let heap_before = elb_wasm::js::heap_bytes();
    for align in [1, 2, 8, 16, 32, 64, 4096] {
        for size in [1, 7, 16, 17, 100, 5000] {
            let layout = Layout::from_size_align(size, align).expect("layout");
            // SAFETY: a non-zero size; each block is written within its size and freed with its layout.
            unsafe {
                let a = alloc(layout);
                let b = alloc(layout);
                assert!(!a.is_null() && !b.is_null());
                assert_eq!(a as usize % align, 0, "size {size} align {align}");
                assert_eq!(b as usize % align, 0, "size {size} align {align}");
                assert_ne!(a, b);
                a.write_bytes(0xa5, size);
                let grown = realloc(a, layout, size * 3);
                assert_eq!(grown as usize % align, 0);
                assert!(
                    (0..size).all(|i| *grown.add(i) == 0xa5),
                    "bytes kept by realloc"
                );
                dealloc(
                    grown,
                    Layout::from_size_align(size * 3, align).expect("layout"),
                );
                dealloc(b, layout);
                let again = alloc(layout);
                // The size classes' free lists hand the last freed block out first (talc, swapped
                // in by scripts/compare-allocators.sh, need not).
                if !cfg!(feature = "talc") {
                    assert_eq!(again, b, "the freed block of that class serves again");
                }
                dealloc(again, layout);
            }
        }
    }
    assert_eq!(
        elb_wasm::js::heap_bytes(),
        heap_before,
        "everything given back"
    );
}

/// Linear memory in bytes: it only grows, so growth over a workload is what it cost.
fn memory_bytes() -> usize {
    core::arch::wasm32::memory_size(0) * 65536
}

/// Runs `round` `warm + more` times and returns the memory grown by the first `warm` rounds (until
/// the workload's live set is steady) and by the `more` after them. Growth after the warm-up
/// means freed blocks do not serve again: memory without bound.
fn grown_per_round(warm: usize, more: usize, mut round: impl FnMut()) -> (usize, usize) {
    let start = memory_bytes();
    for _ in 0..warm {
        round();
    }
    let warmed = memory_bytes();
    for _ in 0..more {
        round();
    }
    (warmed - start, memory_bytes() - warmed)
}

/// Allocation sizes that change over time, as a long-lived page's do (a burst of small
/// describes, then large outputs, then mid-sized signing buffers...), each phase freeing what it
/// took: memory levels off after one round, within twice the sum of the phases' peaks (the
/// allocator rounds a block up to a power of two and keeps freed blocks for their own size).
#[wasm_bindgen_test]
fn the_allocator_is_bounded_when_sizes_change_over_time() {
    const PHASE_BYTES: usize = 256 * 1024;
    let sizes = [24, 200, 3_000, 40_000, 700, 96, 9_000, 150_000];
    let (first, later) = grown_per_round(1, 4, || {
        for size in sizes {
            let blocks: Vec<Vec<u8>> = (0..PHASE_BYTES / size)
                .map(|i| vec![i as u8; size])
                .collect();
            assert!(blocks.iter().all(|b| b.len() == size));
        }
    });
    let peaks: usize = sizes.iter().map(|&s| PHASE_BYTES / s * s).sum();
    wasm_bindgen_test::console_log!(
        "allocator, changing sizes: first round +{} KiB, four more +{} KiB (phase peaks {} KiB in all)",
        first / 1024,
        later / 1024,
        peaks / 1024
    );
    assert_eq!(later, 0, "later rounds reuse what the first freed");
    assert!(
        first <= 2 * peaks + (1 << 20),
        "first round +{first} B for {peaks} B of peaks"
    );
}

/// Long-lived blocks between freed ones (a client's table and cached credentials between a
/// call's buffers): freed holes next to blocks that stay must not make every round grow.
#[wasm_bindgen_test]
fn the_allocator_is_bounded_around_long_lived_blocks() {
    let mut kept: Vec<Vec<u8>> = Vec::new();
    // Two rounds to warm up: the kept set reaches its size in the second.
    let (first, later) = grown_per_round(2, 4, || {
        let mut blocks: Vec<Option<Vec<u8>>> =
            (0..2_000).map(|i| Some(vec![i as u8; 100])).collect();
        // Every other block is freed; the rest live on past this round.
        for (i, b) in blocks.iter_mut().enumerate() {
            if i % 2 == 0 {
                *b = None;
            }
        }
        let smaller: Vec<Vec<u8>> = (0..1_000).map(|i| vec![i as u8; 60]).collect();
        let larger: Vec<Vec<u8>> = (0..1_000).map(|i| vec![i as u8; 150]).collect();
        assert_eq!((smaller.len(), larger.len()), (1_000, 1_000));
        kept.extend(blocks.into_iter().flatten());
        // What the earlier rounds kept is let go: the live set stays near 1,000 blocks.
        if kept.len() > 1_000 {
            kept.drain(..kept.len() - 1_000);
        }
    });
    wasm_bindgen_test::console_log!(
        "allocator, long-lived between freed: first two rounds +{} KiB, four more +{} KiB",
        first / 1024,
        later / 1024
    );
    assert!(first <= 2 << 20, "first round +{first} B");
    assert!(
        later <= 256 << 10,
        "later rounds +{later} B: freed holes are not reused"
    );
    drop(kept);
}

/// Memory grows in runs of pages, not a page per fresh block: a page-sized request on a
/// page-aligned heap would otherwise call `memory.grow` (which detaches every view JS holds on
/// the memory) once per allocation.
#[wasm_bindgen_test]
fn the_allocator_grows_memory_more_than_a_page_at_a_time() {
    let before = core::arch::wasm32::memory_size(0);
    let mut grows = 0;
    let mut last = before;
    let blocks: Vec<Vec<u8>> = (0..64)
        .map(|_| {
            let b = vec![1u8; 60_000];
            let now = core::arch::wasm32::memory_size(0);
            if now != last {
                grows += 1;
                last = now;
            }
            b
        })
        .collect();
    let pages = core::arch::wasm32::memory_size(0) - before;
    wasm_bindgen_test::console_log!(
        "allocator: 64 blocks of 60,000 B grew {pages} pages in {grows} steps"
    );
    assert!(grows <= 64 / 4, "{grows} grows for 64 blocks");
    drop(blocks);
}

/// In the wasm a decimal's value is the runtime's `parseFloat` (correctly rounded); on the host it
/// is `approx_here`, within a few units in the last place. Both read the same texts as numbers,
/// and agree to 1e-15 relative (exactly where the text needs no rounding).
#[wasm_bindgen_test]
fn decimals_read_by_the_runtime_agree_with_the_host_reader() {
    use elb_wasm::text::decimal::{approx, approx_here};
    let mut texts: Vec<String> = [
        "0",
        "-0",
        "1",
        "-1",
        "007.5",
        "1.5",
        "1e3",
        "1E+3",
        "-2.25e-7",
        "123456789012345678901234",
        "0.1",
        "2.5e-3",
        "1e308",
        "1e-300",
        "65535",
        "-2147483648",
        "9007199254740993",
        "3.4028234663852886e38",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Pseudo-random decimals with up to 17 digits and exponents within ±300.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..2000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let digits = (x % 1_000_000_000_000_000) as i64;
        let exp = (x >> 50) as i64 % 601 - 300;
        let point = 1 + (x >> 40) % 17;
        let text = digits.to_string();
        let (a, b) = text.split_at((point as usize).min(text.len()));
        texts.push(format!(
            "{}{a}.{b}0e{exp}",
            if x & 1 == 0 { "-" } else { "" }
        ));
    }
    for t in &texts {
        let (Some(js), here) = (approx(t), approx_here(t)) else {
            panic!("{t} is a number");
        };
        let close = js == here || ((js - here) / js).abs() <= 1e-15;
        assert!(close, "{t}: parseFloat {js}, host {here}");
    }
    for exact in ["0", "1.5", "-2.25", "65535", "1e3", "0.5"] {
        assert_eq!(approx(exact), Some(approx_here(exact)), "{exact}");
    }
    for bad in [
        "",
        "x",
        "1e",
        "0x10",
        " 1",
        "1 ",
        "Infinityx",
        "--1",
        ".5",
        "5.",
        "+3",
    ] {
        assert_eq!(approx(bad), None, "{bad:?}");
    }
    assert!(approx("NaN").is_some_and(f64::is_nan));
    assert_eq!(approx("-Infinity"), Some(f64::NEG_INFINITY));
}

/// `table` is refused at load with a message naming `line` and `what`; `fixed` (the same table
/// without what is refused) loads.
fn refused_at_load(table: &str, line: u32, what: &str, fixed: String) {
    let e = load_table(table.as_bytes().to_vec()).expect_err(what);
    let message = get(&e, "message").as_string().unwrap_or_default();
    assert!(
        message.contains(&format!("line {line}")) && message.contains(what),
        "{message}"
    );
    assert!(load_table(fixed.into_bytes()).is_ok(), "without the {what}");
}

/// What no shipped table has, the wasm does not read (no base64, no flattened paths, no other
/// timestamp writers): a table with a blob shape, a flattened member or a named timestamp format
/// is refused when it is loaded, naming the line, rather than read and half handled. Every
/// shipped table loads (the package's tests use them all).
#[wasm_bindgen_test]
fn tables_with_what_the_wasm_does_not_read_are_refused_at_load() {
    let blob =
        "meta\t2020-01-01\thttp://ns/\tsvc\tsvc\ns\tIn\tstructure\nm\tData\t1\ns\tData\tblob\n";
    refused_at_load(blob, 4, "blob", blob.replace("\tblob\n", "\tstring\n"));
    let flattened = "meta\t2020-01-01\thttp://ns/\tsvc\tsvc\ns\tIn\tstructure\nm\tItems\t2\t2\ns\tName\tstring\ns\tItems\tlist\nm\tmember\t1\n";
    refused_at_load(
        flattened,
        3,
        "flattened",
        flattened.replace("\t2\t2\n", "\t2\n"),
    );
    let format = "meta\t2020-01-01\thttp://ns/\tsvc\tsvc\ns\tIn\tstructure\nm\tAt\t1\t\t\tunixTimestamp\ns\tAt\ttimestamp\n";
    refused_at_load(
        format,
        3,
        "timestamp format",
        format.replace("\t\t\tunixTimestamp", ""),
    );
}
