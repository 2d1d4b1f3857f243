//! Any bytes as an error body: the error decoder, and what the client reads from an error (its
//! text, retryability, a server clock for skew correction) must never panic; nor may the
//! timestamp and number readers on the same bytes.
#![no_main]

use elb_wasm::ELB;
use elb_wasm::call::{retry, skew};
use elb_wasm::codec::xml;
use elb_wasm::text::{decimal, time};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((status, body)) = data.split_first() else {
        return;
    };
    let body = String::from_utf8_lossy(body);
    let error = xml::decode_error(&ELB, 400 + u16::from(*status), &body);
    let text = error.to_string();
    let _ = (retry::is_retryable(&error), retry::is_throttling(&error), skew::is_skew_error(&error));
    let _ = skew::server_time_ms(Some(&body), &text);
    let _ = skew::server_time_ms(None, &body);
    let _ = time::parse_timestamp(&body);
    let _ = time::parse_amz_date(&body);
    let _ = time::parse_epoch_seconds(&body);
    let _ = decimal::approx(&body);
});
