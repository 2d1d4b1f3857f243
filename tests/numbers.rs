//! Every number an answer carries becomes JSON that parses (a JS number once `JSON.parse` and the
//! JS face have it), NaN and ±Infinity included, or the call fails with `InvalidResponse`: never
//! text that makes `JSON.parse` throw at the user (`01.5`, `-007`, `+3`).

use elb_wasm::codec::{json, xml};
use elb_wasm::model::{Model, text};
use elb_wasm::{ELB, Error, Value};

fn elbv2() -> &'static Model {
    text::parse(include_str!("../src/model/elbv2.table")).expect("the ELBv2 table parses")
}

/// DescribeCapacityReservation's answer with one zone whose `EffectiveCapacityUnits` (a Double)
/// and the reservation's `DecreaseRequestsRemaining` (an Integer) hold the given texts.
fn capacity(units: &str, remaining: &str) -> Result<xml::Decoded, Error> {
    let model = elbv2();
    let op = model.operation("DescribeCapacityReservation").unwrap();
    let body = format!(
        "<DescribeCapacityReservationResponse><DescribeCapacityReservationResult>\
         <DecreaseRequestsRemaining>{remaining}</DecreaseRequestsRemaining>\
         <CapacityReservationState><member><AvailabilityZone>us-east-1a</AvailabilityZone>\
         <EffectiveCapacityUnits>{units}</EffectiveCapacityUnits></member></CapacityReservationState>\
         </DescribeCapacityReservationResult></DescribeCapacityReservationResponse>"
    );
    xml::decode_response(model, op, 200, &body)
}

/// The JSON the JS face parses, checked by a real JSON parser.
fn as_json(v: &Value) -> serde_json::Value {
    let mut out = String::new();
    json::write(&mut out, v);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{out}: {e}"))
}

fn units(d: &xml::Decoded) -> serde_json::Value {
    let j = as_json(&d.output);
    j["CapacityReservationState"][0]["EffectiveCapacityUnits"].clone()
}

#[test]
fn doubles_in_any_xml_spelling_become_json_numbers_of_the_same_value() {
    for text in [
        "1.5",
        "01.5",
        "-007",
        "+3",
        ".5",
        "5.",
        "-.25E+02",
        "000",
        "-0",
        " 2.25\n",
        "1e3",
        "1.7976931348623157e308",
        "4.9e-324",
    ] {
        let d = capacity(text, "1").unwrap_or_else(|e| panic!("{text:?}: {e}"));
        let got = units(&d)
            .as_f64()
            .unwrap_or_else(|| panic!("{text:?} is not a number"));
        let want: f64 = text.trim().parse().unwrap();
        assert_eq!(got.to_bits(), want.to_bits(), "{text:?}");
    }
}

#[test]
fn nan_and_infinities_travel_as_strings_the_js_face_turns_back() {
    for text in ["NaN", "Infinity", "-Infinity"] {
        let d = capacity(text, "1").unwrap();
        assert_eq!(units(&d), serde_json::Value::String(text.into()));
    }
    assert_eq!(
        units(&capacity("1.5", "1").unwrap()),
        serde_json::json!(1.5)
    );
}

#[test]
fn integers_with_zeros_signs_and_blanks_are_read_and_overflow_fails() {
    for (text, want) in [
        ("7", 7),
        ("007", 7),
        ("-007", -7),
        ("+5", 5),
        (" 12\t", 12),
        ("9223372036854775807", i64::MAX),
    ] {
        let d = capacity("1", text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        let j = as_json(&d.output);
        assert_eq!(
            j["DecreaseRequestsRemaining"].as_i64(),
            Some(want),
            "{text:?}"
        );
    }
    // No value: the member is absent, as the SDKs leave it.
    let d = capacity("1", "  ").unwrap();
    assert_eq!(d.output.get("DecreaseRequestsRemaining"), None);
}

#[test]
fn what_is_no_number_is_an_invalid_response() {
    for (units, remaining) in [
        ("1", "9223372036854775808"),
        ("1", "1.5"),
        ("1", "0x10"),
        ("1", "1e3"),
        ("1", "--1"),
        ("1.5.2", "1"),
        ("1,5", "1"),
        ("nan", "1"),
        ("INF", "1"),
        ("1e", "1"),
        ("0x1p3", "1"),
    ] {
        match capacity(units, remaining) {
            Err(Error::InvalidResponse { .. }) => {}
            other => panic!("{units:?} / {remaining:?}: {other:?}"),
        }
    }
}

#[test]
fn classic_integers_too() {
    let op = ELB.operation("DescribeLoadBalancers").unwrap();
    let body = "<DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancerDescriptions>\
        <member><LoadBalancerName>a</LoadBalancerName><HealthCheck><Interval>030</Interval>\
        <Timeout>+5</Timeout></HealthCheck></member></LoadBalancerDescriptions>\
        </DescribeLoadBalancersResult></DescribeLoadBalancersResponse>";
    let d = xml::decode_response(&ELB, op, 200, body).unwrap();
    let j = as_json(&d.output);
    let hc = &j["LoadBalancerDescriptions"][0]["HealthCheck"];
    assert_eq!(
        (hc["Interval"].as_i64(), hc["Timeout"].as_i64()),
        (Some(30), Some(5))
    );
}
