//! Any bytes as the body of any operation's answer, at any status: the decoder returns an output
//! or an error, never panics; a decoded output is written back out as JSON (what JS receives),
//! which must parse (serde_json). The lexer under the decoder and quick-xml never read the same
//! body two ways.
#![no_main]

#[path = "../../tests/support/xml_crosscheck.rs"]
mod xml_crosscheck;

use elb_wasm::ELB;
use elb_wasm::codec::{json, xml};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let [op, status, body @ ..] = data else {
        return;
    };
    let op = &ELB.operations[usize::from(*op) % ELB.operations.len()];
    // Mostly 200s (the output decoder), sometimes an error status.
    let status = if *status < 200 { 200 } else { 300 + u16::from(*status) };
    let body = String::from_utf8_lossy(body);
    if let Err(two_ways) = xml_crosscheck::agree(&body) {
        panic!("{body:?}\n{two_ways}");
    }
    if let Ok(decoded) = xml::decode_response(&ELB, op, status, &body) {
        let mut out = String::new();
        json::write(&mut out, &decoded.output);
        if let Err(e) = serde_json::from_str::<serde_json::Value>(&out) {
            panic!("{out}: {e}");
        }
    }
});
