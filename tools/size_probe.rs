//! A wasm binary that reaches every path of the core (validate, encode, sign, decode, errors),
//! so `scripts/wasm-size.sh` can measure what the core costs before the JS layer exists.
//! Inputs go through `black_box` so the optimizer cannot fold the work away.

use elb_wasm::request::{self, Endpoint, Signer};
use elb_wasm::sigv4::{Credentials, SigningKeyCache};
use elb_wasm::{ELB, Value, xml};
use std::hint::black_box;

fn main() {
    let credentials = black_box(Credentials {
        access_key_id: String::from("AKID"),
        secret_access_key: String::from("secret"),
        session_token: None,
    });
    let mut cache = SigningKeyCache::default();
    let endpoint = Endpoint::parse(black_box(
        "https://elasticloadbalancing.us-east-1.amazonaws.com",
    ));
    let body = black_box(String::from("<x/>"));
    for op in ELB.operations {
        let input = black_box(Value::Struct(vec![(
            "LoadBalancerName",
            Value::Str("lb".into()),
        )]));
        if let Ok(endpoint) = &endpoint {
            let signer = Signer {
                credentials: &credentials,
                region: black_box("us-east-1"),
                time_ms: black_box(0),
                cache: &mut cache,
            };
            let _ = black_box(request::prepare(&ELB, op, &input, endpoint, signer));
        }
        let _ = black_box(xml::decode_response(&ELB, op, black_box(200), &body));
        let _ = black_box(xml::decode_response(&ELB, op, black_box(400), &body));
    }
}
