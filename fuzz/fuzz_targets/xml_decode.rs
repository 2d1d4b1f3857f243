//! Any bytes as the body of any operation's answer, at any status: the decoder returns an output
//! or an error, never panics; a decoded output is written back out as JSON (what JS receives).
#![no_main]

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
    if let Ok(decoded) = xml::decode_response(&ELB, op, status, &body) {
        let mut out = String::new();
        json::write(&mut out, &decoded.output);
    }
});
