//! A wasm binary that reaches every path of the core (validate, encode, sign, decode, errors),
//! so `scripts/wasm-size.sh` can measure what the core costs before the JS layer exists.
//!
//! Every input comes from host imports and every result goes to one: `black_box` is transparent
//! on wasm, and with constant inputs `wasm-opt` folds most of the core away (193 KB -> 14 KB),
//! which would measure nothing.

use elb_wasm::request::{self, Endpoint, Signer};
use elb_wasm::sigv4::{Credentials, SigningKeyCache};
use elb_wasm::{ELB, Value, xml};

#[link(wasm_import_module = "probe")]
unsafe extern "C" {
    /// Any number the host likes; the optimizer cannot know it.
    fn opaque(i: u32) -> u32;
    /// Receives a summary of each result so none of the work is dead.
    fn sink(x: u32);
}

fn num(i: u32) -> u32 {
    // SAFETY: a plain imported function of integers.
    unsafe { opaque(i) }
}

fn observe(x: usize) {
    // SAFETY: a plain imported function of integers.
    unsafe { sink(x as u32) }
}

/// A string of host-chosen characters.
fn text(seed: u32) -> String {
    (0..num(seed))
        .map(|i| char::from_u32(num(seed + 1 + i)).unwrap_or('x'))
        .collect()
}

/// Counts the nodes of a value, so the decoded tree is used.
fn size(v: &Value) -> usize {
    match v {
        Value::List(items) => 1 + items.iter().map(size).sum::<usize>(),
        Value::Map(entries) => 1 + entries.iter().map(|(_, v)| size(v)).sum::<usize>(),
        Value::Struct(fields) => 1 + fields.iter().map(|(_, v)| size(v)).sum::<usize>(),
        _ => 1,
    }
}

fn main() {
    let credentials = Credentials {
        access_key_id: text(100),
        secret_access_key: text(200),
        session_token: if num(1) > 0 { Some(text(300)) } else { None },
    };
    let mut cache = SigningKeyCache::default();
    let endpoint = Endpoint::parse(&text(400));
    let region = text(500);
    let body = text(600);
    let op = &ELB.operations[num(2) as usize % ELB.operations.len()];
    let input = Value::Struct(vec![
        ("LoadBalancerName", Value::Str(text(700))),
        (
            "Listeners",
            Value::List(vec![Value::Struct(vec![(
                "InstancePort",
                Value::Int(i64::from(num(3))),
            )])]),
        ),
    ]);
    if let Ok(endpoint) = &endpoint {
        let signer = Signer {
            credentials: &credentials,
            region: &region,
            time_ms: i64::from(num(4)) * 1000,
            cache: &mut cache,
        };
        match request::prepare(&ELB, op, &input, endpoint, signer) {
            Ok(r) => observe(r.body.len() + r.headers.len()),
            Err(e) => observe(e.to_string().len()),
        }
    }
    match xml::decode_response(&ELB, op, num(5) as u16, &body) {
        Ok(d) => observe(size(&d.output)),
        Err(e) => observe(e.to_string().len()),
    }
}
