//! Any text as any operation's JSON input: reading, validating, encoding and signing it returns a
//! request or an InvalidInput, never panics. Inputs that fail validation are still pushed through
//! the query encoder, which must cope with values of the wrong shape too.
#![no_main]

use elb_wasm::call::client::Client;
use elb_wasm::sigv4::Credentials;
use elb_wasm::ELB;
use elb_wasm::codec::{json, query};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((op, text)) = data.split_first() else {
        return;
    };
    let op = &ELB.operations[usize::from(*op) % ELB.operations.len()];
    let text = String::from_utf8_lossy(text);
    if let Ok(value) = json::parse_any(&ELB, &text) {
        let _ = query::encode(&ELB, op, &value);
    }
    let Ok(client) = Client::new(&ELB, "us-east-1", Some("http://127.0.0.1:5055")) else {
        return;
    };
    if let Ok(input) = client.check(op, Some(&text)) {
        let credentials = Credentials {
            access_key_id: "AKIDEXAMPLE".into(),
            secret_access_key: "secret".into(),
            session_token: Some("token".into()),
        };
        let request = client.prepare(&input, &credentials, 1_440_938_160_000);
        assert!(request.is_ok(), "a checked input must encode and sign");
    }
});
