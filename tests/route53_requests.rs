//! Route 53 through the core: a restXml request as the JS face writes it (js/client/rest_xml.js,
//! compared with botocore's requests in tests/js/route53.test.mjs) signed under the endpoint, for
//! the partition's global region; its answers (members under `<OpResponse>`, both error documents).

mod support;

use elb_wasm::Error;
use elb_wasm::call::client::{Client, Step};
use elb_wasm::call::request::{HttpRequest, Written};
use elb_wasm::model::{Model, text};

fn route53() -> &'static Model {
    text::parse(include_str!("../src/model/route53.table")).expect("the Route 53 table reads")
}

use support::{example_credentials as creds, header};

/// The request the core signs for `op` with the line and body `written` (what
/// js/client/rest_xml.js writes, checked against botocore in tests/js/route53.test.mjs).
fn request_in(
    region: &str,
    endpoint: Option<&str>,
    op: &str,
    json: &str,
    written: Option<&str>,
) -> Result<HttpRequest, Error> {
    let client = Client::new(route53(), region, endpoint)?;
    let input = client.check(client.operation(op)?, Some(json))?;
    let mut call = client.start(input);
    if let Some(w) = written {
        let mut parts = w.split('\0').map(str::to_owned);
        let mut next = || parts.next().unwrap_or_default();
        call.write(Written(next(), next(), next()));
    }
    client
        .request(&mut call, &creds(), 1_440_938_160_000)
        .map_err(|f| f.error)
}

const CHANGE: &str = r#"{"HostedZoneId":"Z1","ChangeBatch":{"Changes":[{"Action":"DELETE","ResourceRecordSet":{"Name":"a.","Type":"A"}}]}}"#;

#[test]
fn a_written_request_is_signed_as_written_under_the_endpoint() {
    let get = request_in(
        "eu-west-1",
        None,
        "ListResourceRecordSets",
        r#"{"HostedZoneId":"Z1","StartRecordName":"*.example.com."}"#,
        Some("GET\0/2013-04-01/hostedzone/Z1/rrset?name=%2A.example.com.\0"),
    )
    .unwrap();
    assert_eq!(get.method, "GET");
    assert_eq!(
        get.url,
        "https://route53.amazonaws.com/2013-04-01/hostedzone/Z1/rrset?name=%2A.example.com."
    );
    assert_eq!(get.body, "");
    assert_eq!(
        header(&get, "content-type"),
        None,
        "no body, no content type"
    );
    let auth = header(&get, "authorization").unwrap();
    assert!(auth.contains("SignedHeaders=host;x-amz-date,"), "{auth}");
    let body = "<ChangeResourceRecordSetsRequest/>";
    let post = request_in(
        "eu-west-1",
        Some("http://127.0.0.1:5055/r53"),
        "ChangeResourceRecordSets",
        CHANGE,
        Some(&format!("POST\0/2013-04-01/hostedzone/Z1/rrset/\0{body}")),
    )
    .unwrap();
    // A custom endpoint (moto, a proxy) keeps its path.
    assert_eq!(
        post.url,
        "http://127.0.0.1:5055/r53/2013-04-01/hostedzone/Z1/rrset/"
    );
    assert_eq!(post.body, body);
    assert_eq!(header(&post, "content-type"), Some("application/xml"));
    let auth = header(&post, "authorization").unwrap();
    assert!(
        auth.contains("SignedHeaders=content-type;host;x-amz-date,"),
        "{auth}"
    );
    // The signature covers what was written: another path signs differently.
    let other = request_in(
        "eu-west-1",
        Some("http://127.0.0.1:5055/r53"),
        "ChangeResourceRecordSets",
        CHANGE,
        Some(&format!("POST\0/2013-04-01/hostedzone/Z2/rrset/\0{body}")),
    )
    .unwrap();
    assert_ne!(header(&other, "authorization"), Some(auth));
}

#[test]
fn a_restxml_operation_with_nothing_written_is_refused() {
    match request_in("us-east-1", None, "GetChange", r#"{"Id":"C1"}"#, None) {
        Err(Error::InvalidInput { message, .. }) => {
            assert!(message.contains("GetChange"), "{message}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn awsquery_requests_are_written_by_the_core_as_before() {
    // Without a written line the core writes awsQuery's form (the JS face writes restXml's).
    let sts = text::parse(include_str!("../src/model/sts.table")).unwrap();
    let client = Client::new(sts, "eu-west-1", None).unwrap();
    let input = client
        .check(client.operation("GetCallerIdentity").unwrap(), None)
        .unwrap();
    let r = client.prepare(&input, &creds(), 1_440_938_160_000).unwrap();
    assert_eq!(
        (r.method.as_str(), r.url.as_str()),
        ("POST", "https://sts.eu-west-1.amazonaws.com/")
    );
    assert_eq!(r.body, "Action=GetCallerIdentity&Version=2011-06-15");
    assert_eq!(
        header(&r, "content-type"),
        Some("application/x-www-form-urlencoded")
    );
}

#[test]
fn route53_is_signed_for_its_partitions_global_region() {
    for (region, host, scope) in [
        (
            "eu-west-1",
            "route53.amazonaws.com",
            "/us-east-1/route53/aws4_request",
        ),
        (
            "us-east-1",
            "route53.amazonaws.com",
            "/us-east-1/route53/aws4_request",
        ),
        (
            "cn-north-1",
            "route53.amazonaws.com.cn",
            "/cn-northwest-1/route53/aws4_request",
        ),
        (
            "us-gov-east-1",
            "route53.us-gov.amazonaws.com",
            "/us-gov-west-1/route53/aws4_request",
        ),
    ] {
        let r = request_in(
            region,
            None,
            "GetChange",
            r#"{"Id":"C1"}"#,
            Some("GET\0/2013-04-01/change/C1\0"),
        )
        .unwrap();
        assert_eq!(header(&r, "host"), Some(host), "{region}");
        assert_eq!(r.url, format!("https://{host}/2013-04-01/change/C1"));
        let auth = header(&r, "authorization").unwrap();
        assert!(auth.contains(scope), "{region}: {auth}");
    }
    // A regional service keeps its region.
    let sts = text::parse(include_str!("../src/model/sts.table")).unwrap();
    let client = Client::new(sts, "eu-west-1", None).unwrap();
    assert_eq!(client.endpoint().authority, "sts.eu-west-1.amazonaws.com");
}

#[test]
fn bad_input_is_refused_before_anything_is_sent() {
    let refused = |op: &str, json: &str, field: &str| match request_in(
        "us-east-1",
        None,
        op,
        json,
        Some("GET\0/\0"),
    ) {
        Err(Error::InvalidInput { field: f, message }) => assert_eq!(f, field, "{json}: {message}"),
        other => panic!("{json}: {other:?}"),
    };
    refused("GetHostedZone", "{}", "Id");
    refused("GetHostedZone", r#"{"Id":"Z1","Zone":"x"}"#, "Zone");
    refused(
        "GetHostedZone",
        &format!(r#"{{"Id":"{}"}}"#, "Z".repeat(33)),
        "Id",
    );
    // Enums are left open, as the SDKs leave them; ranges and lengths are the model's.
    refused(
        "ChangeResourceRecordSets",
        r#"{"HostedZoneId":"Z1","ChangeBatch":{"Changes":[{"Action":"CREATE","ResourceRecordSet":{"Name":"a.","Type":"A","Weight":256}}]}}"#,
        "ChangeBatch.Changes[0].ResourceRecordSet.Weight",
    );
    refused(
        "ChangeResourceRecordSets",
        r#"{"HostedZoneId":"Z1","ChangeBatch":{"Changes":[]}}"#,
        "ChangeBatch.Changes",
    );
    refused(
        "ListResourceRecordSets",
        &format!(
            r#"{{"HostedZoneId":"Z1","StartRecordName":"{}"}}"#,
            "a".repeat(1025)
        ),
        "StartRecordName",
    );
}

fn answer(op: &str, status: u16, body: &str) -> Step {
    let client = Client::new(route53(), "us-east-1", None).unwrap();
    let json = match op {
        "GetHostedZone" | "GetChange" => r#"{"Id":"Z1"}"#,
        "ListResourceRecordSets" => r#"{"HostedZoneId":"Z1"}"#,
        "ChangeResourceRecordSets" => CHANGE,
        _ => "{}",
    };
    support::answer_one(
        &client,
        op,
        json,
        Some(Written("GET".into(), "/x".into(), String::new())),
        status,
        body,
    )
}

#[test]
fn answers_are_read_from_under_the_operations_response_element() {
    let body = r#"<?xml version="1.0"?>
<ListResourceRecordSetsResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/">
  <ResourceRecordSets>
    <ResourceRecordSet><Name>w.example.com.</Name><Type>CNAME</Type><SetIdentifier>blue</SetIdentifier>
      <Weight>10</Weight><TTL>300</TTL>
      <ResourceRecords><ResourceRecord><Value>blue.example.com</Value></ResourceRecord></ResourceRecords>
    </ResourceRecordSet>
  </ResourceRecordSets>
  <IsTruncated>true</IsTruncated><NextRecordName>x.example.com.</NextRecordName><NextRecordType>A</NextRecordType>
  <MaxItems>1</MaxItems>
</ListResourceRecordSetsResponse>"#;
    let Step::Done(out) = answer("ListResourceRecordSets", 200, body) else {
        panic!("not done")
    };
    let mut json = String::new();
    elb_wasm::codec::json::write(&mut json, &out.output);
    assert_eq!(
        json,
        concat!(
            r#"{"ResourceRecordSets":[{"Name":"w.example.com.","Type":"CNAME","SetIdentifier":"blue","Weight":10,"TTL":300,"#,
            r#""ResourceRecords":[{"Value":"blue.example.com"}]}],"IsTruncated":true,"NextRecordName":"x.example.com.","#,
            r#""NextRecordType":"A","MaxItems":"1"}"#
        )
    );
    assert_eq!(out.request_id.as_deref(), Some("req-1"));
}

#[test]
fn both_error_documents_give_the_code_and_status() {
    let not_found = r#"<?xml version="1.0"?>
<ErrorResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Error><Type>Sender</Type>
<Code>NoSuchHostedZone</Code><Message>No hosted zone found with ID: Z1</Message></Error>
<RequestId>r-404</RequestId></ErrorResponse>"#;
    let Step::Fail(f) = answer("GetHostedZone", 404, not_found) else {
        panic!("not a failure")
    };
    let Error::Service(e) = &f.error else {
        panic!("{:?}", f.error)
    };
    assert_eq!((e.code.as_str(), e.status), ("NoSuchHostedZone", 404));
    assert_eq!(e.message, "No hosted zone found with ID: Z1");
    let batch = r#"<?xml version="1.0"?>
<InvalidChangeBatch xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Messages>
<Message>Tried to create resource record set [name='a.example.com.', type='A'] but it already exists</Message>
<Message>RRSet of type CNAME with DNS name b.example.com. is not permitted</Message>
</Messages><RequestId>r-400</RequestId></InvalidChangeBatch>"#;
    let Step::Fail(f) = answer("ChangeResourceRecordSets", 400, batch) else {
        panic!("not a failure")
    };
    let Error::Service(e) = &f.error else {
        panic!("{:?}", f.error)
    };
    assert_eq!((e.code.as_str(), e.status), ("InvalidChangeBatch", 400));
    assert!(
        e.message.contains("already exists; RRSet of type CNAME"),
        "{}",
        e.message
    );
    assert_eq!(e.request_id.as_deref(), Some("r-400"));
    // A document named after no modelled error is still not an answer.
    let Step::Fail(f) = answer("GetChange", 400, "<Oops><Message>x</Message></Oops>") else {
        panic!("not a failure")
    };
    assert!(
        matches!(f.error, Error::InvalidResponse { .. }),
        "{:?}",
        f.error
    );
}
