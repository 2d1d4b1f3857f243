//! awsJson 1.1 through the core, with Cognito Identity's table: `POST /` with the operation in
//! `X-Amz-Target` and the input as JSON (unsigned, as the model says; signed with the target among
//! the signed headers when a table says otherwise), answers that cross to JS as they came (their
//! syntax checked), and the `__type` error documents.

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

fn answer(op: &str, status: u16, body: &str) -> Step {
    let client = Client::new(cognito(), "us-east-1", None).unwrap();
    let json = match op {
        "GetId" => GET_ID,
        _ => r#"{"IdentityId":"eu-west-1:0f1e2d3c-aaaa-bbbb-cccc-000000000002"}"#,
    };
    support::answer_one(&client, op, json, None, status, body)
}

fn output_json(step: Step) -> serde_json::Value {
    let Step::Done(out) = step else {
        panic!("not done: {step:?}")
    };
    let mut json = String::new();
    elb_wasm::codec::json::write(&mut json, &out.output);
    serde_json::from_str(&json).unwrap()
}

/// An awsJson answer is JSON already, which is how every output crosses to JS: it crosses as it
/// came (members the table lacks too), its syntax checked here; the JS face makes its epoch
/// seconds `Date`s along the shape (tests/js/credentials.test.mjs).
#[test]
fn answers_cross_as_they_came_once_their_syntax_is_checked() {
    let body = r#"{"IdentityId":"us-east-1:abc","Credentials":{"AccessKeyId":"ASIAX","SecretKey":"s3cr3t",
        "SessionToken":"tok","Expiration":1.7332560005E9},"SomethingNew":{"a":[1,2]}}"#;
    let Step::Done(out) = answer("GetCredentialsForIdentity", 200, &format!(" {body}\n")) else {
        panic!("not done")
    };
    assert_eq!(out.output, Value::Json(body.into()));
    let mut json = String::new();
    elb_wasm::codec::json::write(&mut json, &out.output);
    assert_eq!(json, body, "written as it came");
    assert_eq!(output_json(answer("GetId", 200, "")), serde_json::json!({}));
    for cut in ["{\"IdentityId\":", "[1]", "\"x\"", "{\"a\":1}}"] {
        let Step::Fail(f) = answer("GetId", 200, cut) else {
            panic!("{cut:?} was accepted")
        };
        assert_eq!(f.error.code(), "InvalidResponse", "{cut:?}: {:?}", f.error);
    }
}

#[test]
fn errors_are_read_from_type_and_message() {
    for (body, code, message) in [
        (
            r#"{"__type":"NotAuthorizedException","message":"Invalid login token. Token expired"}"#,
            "NotAuthorizedException",
            "Invalid login token. Token expired",
        ),
        (
            r#"{"__type":"com.amazonaws.cognito.identity#ResourceNotFoundException","Message":"IdentityPool 'x' not found."}"#,
            "ResourceNotFoundException",
            "IdentityPool 'x' not found.",
        ),
        (
            r#"{"__type":"NewKindOfError:http://internal.amazon.com/coral/x/"}"#,
            "NewKindOfError",
            "",
        ),
    ] {
        let Step::Fail(f) = answer("GetId", 400, body) else {
            panic!("{body}: not a failure")
        };
        let Error::Service(e) = &f.error else {
            panic!("{body}: {:?}", f.error)
        };
        assert_eq!((e.code.as_str(), e.message.as_str()), (code, message));
        assert_eq!(e.status, 400);
        assert_eq!(f.request_id.as_deref(), Some("req-1"));
    }
    for body in ["<html>502</html>", r#"{"message":"no type"}"#, "[]"] {
        let Step::Fail(f) = answer("GetId", 400, body) else {
            panic!("{body}: not a failure")
        };
        assert_eq!(f.error.code(), "InvalidResponse", "{body}");
    }
}

/// A modelled error's members beyond its message are its fields (an awsJson service's errors may
/// carry some; Cognito's carry only the message, so the table is extended here with one).
#[test]
fn a_modelled_errors_other_members_are_its_fields() {
    let extended = TABLE.replace(
        "s\tNotAuthorizedException\tstructure\nm\tmessage\t24\n",
        "s\tNotAuthorizedException\tstructure\nm\tmessage\t24\nm\tReason\t24\n",
    );
    assert_ne!(extended, TABLE);
    let model = text::parse(Box::leak(extended.into_boxed_str())).unwrap();
    let client = Client::new(model, "us-east-1", None).unwrap();
    let input = client
        .check(client.operation("GetId").unwrap(), Some(GET_ID))
        .unwrap();
    let mut call = client.start(input);
    client.request(&mut call, &creds(), 0).unwrap();
    let body = r#"{"__type":"NotAuthorizedException","message":"no","Reason":"expired","x":1}"#;
    let response = HttpResponse {
        status: 400,
        request_id: None,
        date: None,
        body: body.into(),
    };
    let Step::Fail(f) = client.answer(&mut call, Ok(response), 0, 0.5) else {
        panic!("not a failure")
    };
    let Error::Service(e) = &f.error else {
        panic!("{:?}", f.error)
    };
    let mut json = String::new();
    elb_wasm::codec::json::write(&mut json, &e.fields);
    assert_eq!(json, r#"{"Reason":"expired"}"#);
}
