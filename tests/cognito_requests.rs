//! awsJson 1.1 through the core, with Cognito Identity's table: `POST /` with the operation in
//! `X-Amz-Target` and the input as JSON (unsigned, as the model says; signed with the target among
//! the signed headers when a table says otherwise), and what the engine makes of an answer the JS
//! face read (`js/client/aws_json.js`; its reading is tested in tests/js/aws-json.test.mjs).

mod support;

use elb_wasm::call::client::{Client, HttpResponse, Step};
use elb_wasm::call::request::HttpRequest;
use elb_wasm::model::{Model, text};
use elb_wasm::{Error, Value};

const TABLE: &str = include_str!("../src/model/cognito_identity.table");

fn cognito() -> &'static Model {
    text::parse(TABLE).expect("the Cognito Identity table reads")
}

/// The same table with its operations signed, as an awsJson service that takes SigV4 has them.
fn signed_cognito() -> &'static Model {
    let signed: String = TABLE
        .lines()
        .map(|l| match l.strip_prefix("o\t") {
            Some(rest) => format!("o\t{}\n", rest.strip_suffix("\t1").unwrap_or(rest)),
            None => format!("{l}\n"),
        })
        .collect();
    text::parse(Box::leak(signed.into_boxed_str())).unwrap()
}

use support::{example_credentials as creds, header};

fn request(model: &'static Model, op: &str, json: &str) -> Result<HttpRequest, Error> {
    let client = Client::new(model, "eu-west-1", None)?;
    let input = client.check(client.operation(op)?, Some(json))?;
    let mut call = client.start(input);
    client
        .request(&mut call, &creds(), 1_440_938_160_000)
        .map_err(|f| f.error)
}

const GET_ID: &str = r#"{"IdentityPoolId":"eu-west-1:0f1e2d3c-aaaa-bbbb-cccc-000000000001","Logins":{"accounts.google.com":"eyJ.token"}}"#;

#[test]
fn a_request_is_the_input_as_json_with_the_operation_in_a_header() {
    let r = request(cognito(), "GetId", GET_ID).unwrap();
    assert_eq!(r.method, "POST");
    assert_eq!(r.url, "https://cognito-identity.eu-west-1.amazonaws.com/");
    assert_eq!(
        header(&r, "content-type"),
        Some("application/x-amz-json-1.1")
    );
    assert_eq!(
        header(&r, "x-amz-target"),
        Some("AWSCognitoIdentityService.GetId")
    );
    let sent: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let given: serde_json::Value = serde_json::from_str(GET_ID).unwrap();
    assert_eq!(sent, given);
    // Unsigned, as the model says: no date, no signature.
    assert_eq!(header(&r, "authorization"), None);
    assert_eq!(header(&r, "x-amz-date"), None);

    let signed = request(signed_cognito(), "GetId", GET_ID).unwrap();
    let auth = header(&signed, "authorization").unwrap();
    assert!(
        auth.contains("SignedHeaders=content-type;host;x-amz-date;x-amz-target,"),
        "{auth}"
    );
    assert!(
        auth.contains("/eu-west-1/cognito-identity/aws4_request"),
        "{auth}"
    );
}

#[test]
fn bad_input_is_refused_before_anything_is_sent() {
    for (json, field) in [
        (r#"{"Logins":{}}"#, "IdentityPoolId"),
        (r#"{"IdentityPoolId":"no colon"}"#, "IdentityPoolId"),
        (r#"{"IdentityPoolId":"a:1","Loginz":{}}"#, "Loginz"),
    ] {
        match request(cognito(), "GetId", json) {
            Err(Error::InvalidInput { field: f, .. }) => assert_eq!(f, field, "{json}"),
            other => panic!("{json}: {other:?}"),
        }
    }
}

/// What the engine makes of an answer to GetId whose body the JS face read: `error` is the code
/// and message it found in an error document.
fn answer(status: u16, error: Option<(&str, &str)>, date: Option<&str>) -> Step {
    let client = Client::new(cognito(), "us-east-1", None).unwrap();
    let input = client
        .check(client.operation("GetId").unwrap(), Some(GET_ID))
        .unwrap();
    let mut call = client.start(input);
    client.request(&mut call, &creds(), 0).unwrap();
    let response = HttpResponse {
        status,
        request_id: Some("req-1".into()),
        date: date.map(str::to_owned),
        body: String::new(),
        json_error: error.map(|(c, m)| (c.to_owned(), m.to_owned())),
    };
    client.answer(&mut call, Ok(response), 1_440_938_160_000, 0.5)
}

/// A 2xx answer's output is the object the JS face parsed; the engine adds only `$metadata`.
#[test]
fn a_success_is_done_with_the_engines_part_empty() {
    let Step::Done(out) = answer(200, None, None) else {
        panic!("not done")
    };
    assert_eq!(out.output, Value::Struct(Vec::new()));
    assert_eq!(
        (out.status, out.request_id.as_deref()),
        (200, Some("req-1"))
    );
}

#[test]
fn an_error_is_the_code_and_message_the_js_face_read() {
    let Step::Fail(f) = answer(
        400,
        Some(("NotAuthorizedException", "Invalid login token.")),
        None,
    ) else {
        panic!("not a failure")
    };
    let Error::Service(e) = &f.error else {
        panic!("{:?}", f.error)
    };
    assert_eq!(
        (e.code.as_str(), e.message.as_str(), e.status),
        ("NotAuthorizedException", "Invalid login token.", 400)
    );
    assert_eq!(f.request_id.as_deref(), Some("req-1"));
    // No code found (not a JSON error document): the answer is what is wrong.
    for error in [None, Some(("", "no type"))] {
        let Step::Fail(f) = answer(400, error, None) else {
            panic!("{error:?}: not a failure")
        };
        assert_eq!(f.error.code(), "InvalidResponse", "{error:?}");
    }
}

/// The engine decides on the code as for any protocol: throttling and 5xx are tried again, a
/// signature refused for its time corrects the clock from the `Date` header and signs again.
#[test]
fn retries_and_the_clocks_correction_turn_on_the_code() {
    assert!(matches!(
        answer(400, Some(("ThrottlingException", "Rate exceeded")), None),
        Step::Retry { .. }
    ));
    assert!(matches!(
        answer(500, Some(("InternalErrorException", "")), None),
        Step::Retry { .. }
    ));
    assert!(matches!(
        answer(400, Some(("ResourceNotFoundException", "gone")), None),
        Step::Fail(_)
    ));
    let skewed = answer(
        400,
        Some(("InvalidSignatureException", "Signature expired")),
        Some("Wed, 30 Dec 2015 12:00:00 GMT"),
    );
    assert_eq!(skewed, Step::Retry { after_ms: 0 });
}
