//! The hand-written parts held to the well-kept crates they stand in for (README, "Dependencies").
//! Host only: the crates are dev-dependencies, so none of them reaches the wasm.
//!
//! - the XML lexer against `quick-xml`, on every fixture (the fuzz target does so on every input);
//! - the JSON the core writes against `serde_json`: every output parses, to the same values;
//! - `text::time` against `chrono`: the same text for the same instant, and back;
//! - `text::base64` against `base64`, plus RFC 4648's vectors;
//! - `text::decimal::approx` against `str::parse::<f64>`.
//!
//! Inputs are drawn from a fixed-seed generator, so a failure reproduces.

// Compiled for the host alone: `text::base64` is host-only (the wasm reads no blob).
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/rng.rs"]
mod rng;
#[path = "support/xml_crosscheck.rs"]
mod xml_crosscheck;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use elb_wasm::codec::{json, xml};
use elb_wasm::text::{base64 as b64, decimal, time};
use elb_wasm::{ELB, Value};
use rng::Rng;

/// Every XML body the repository holds: the libcloud fixtures and the awsQuery compliance bodies.
fn xml_fixtures() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/elb-xml/libcloud");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "xml") {
            out.push((
                path.display().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
    }
    let cases =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/awsquery/cases.json");
    let cases: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(cases).unwrap()).unwrap();
    for case in cases.as_array().unwrap() {
        if case["kind"] == "response"
            && let Some(body) = case["body"].as_str()
            && !body.is_empty()
        {
            out.push((case["id"].to_string(), body.to_owned()));
        }
    }
    assert!(
        out.len() > 20,
        "the fixtures are where they were: {}",
        out.len()
    );
    out
}

#[test]
fn the_lexer_reads_every_fixture_as_quick_xml_does() {
    let mut extra = vec![
        "<a xmlns='x'><p:b c=\"1\">t &amp; &lt;&gt;&apos;&quot; &#65;&#x42;</p:b><c/><![CDATA[<x>&amp;]]></a>",
        "<?xml version=\"1.0\"?><!-- c --><a><?pi x?>1<!--2-->3</a>",
        "<a>\u{e9}\u{1F600} &#x1F600;</a>",
        "<a>x\r\ny\rz<![CDATA[\r\n]]></a>",
        "<!DOCTYPE a><a/>",
        "\u{feff}<a>byte order mark</a>",
        "<a>1<!-->2-->3</a>",
    ]
    .into_iter()
    .map(|s| (s.to_owned(), s.to_owned()))
    .collect::<Vec<_>>();
    let mut all = xml_fixtures();
    all.append(&mut extra);
    for (name, body) in all {
        let ours = xml_crosscheck::ours(&body);
        let theirs = xml_crosscheck::theirs(&body);
        assert!(
            ours.is_some() && theirs.is_some(),
            "{name}: {ours:?} / {theirs:?}"
        );
        assert_eq!(ours, theirs, "{name}");
    }
}

#[test]
fn the_lexer_and_quick_xml_never_read_one_body_two_ways() {
    // Token soup near AWS's shapes, many of them not well-formed: where both read it, alike.
    let pieces = [
        "<a>",
        "</a>",
        "<b x='1'>",
        "</b>",
        "<c/>",
        "text",
        " ",
        "&amp;",
        "&#65;",
        "&#x10FFFF;",
        "&bogus;",
        "<![CDATA[x]]>",
        "<!--c-->",
        "<?p?>",
        "\u{e9}",
        "<",
        ">",
        "&",
        "]]>",
        "<p:a>",
        "</p:a>",
    ];
    let mut rng = Rng(0x5eed_1234);
    let mut both = 0;
    for _ in 0..20_000 {
        let n = 1 + rng.below(12);
        let body: String = (0..n).map(|_| pieces[rng.below(pieces.len())]).collect();
        xml_crosscheck::agree(&body).unwrap_or_else(|e| panic!("{body:?}\n{e}"));
        both += usize::from(
            xml_crosscheck::ours(&body).is_some() && xml_crosscheck::theirs(&body).is_some(),
        );
    }
    assert!(
        both > 1_000,
        "the generator makes readable bodies too: {both}"
    );
}

/// The JSON the JS face would parse, for every value decoded from every fixture.
#[test]
fn every_json_the_core_writes_parses_with_serde_json() {
    let mut decoded = 0;
    for (name, body) in xml_fixtures() {
        for op in ELB.operations {
            let Ok(d) = xml::decode_response(&ELB, op, 200, &body) else {
                continue;
            };
            let mut out = String::new();
            json::write(&mut out, &d.output);
            serde_json::from_str::<serde_json::Value>(&out)
                .unwrap_or_else(|e| panic!("{name} as {}: {e}\n{out}", op.name));
            decoded += 1;
        }
    }
    assert!(decoded >= 8, "the libcloud answers decode: {decoded}");
    // Strings with every kind of character come back the same.
    let mut rng = Rng(7);
    for _ in 0..2_000 {
        let s: String = (0..rng.below(20))
            .filter_map(|_| {
                char::from_u32(match rng.below(4) {
                    0 => rng.below(0x20) as u32,
                    1 => 0x20 + rng.below(0x60) as u32,
                    2 => 0x80 + rng.below(0x800) as u32,
                    _ => rng.below(0x11_0000) as u32,
                })
            })
            .collect();
        let v = Value::List(vec![
            Value::Str(s.clone()),
            Value::Int(rng.next() as i64),
            Value::Float("-1.5e-7".into()),
        ]);
        let mut out = String::new();
        json::write(&mut out, &v);
        let back: serde_json::Value =
            serde_json::from_str(&out).unwrap_or_else(|e| panic!("{out}: {e}"));
        assert_eq!(back[0].as_str(), Some(s.as_str()));
        assert_eq!(
            back[1].as_i64(),
            match &v {
                Value::List(l) => match l[1] {
                    Value::Int(i) => Some(i),
                    _ => None,
                },
                _ => None,
            }
        );
    }
}

#[test]
fn time_writes_and_reads_as_chrono_does() {
    let mut rng = Rng(99);
    // Year 1 to 9999, where the wire formats have four-digit years.
    let (lo, hi) = (-62_135_596_800_000_i64, 253_402_300_799_999_i64);
    for i in 0..20_000 {
        let ms = if i % 3 == 0 {
            (lo + rng.below((hi - lo) as usize) as i64) / 1000 * 1000
        } else {
            lo + rng.below((hi - lo) as usize) as i64
        };
        let at: DateTime<Utc> = DateTime::from_timestamp_millis(ms).unwrap();
        let iso = if ms % 1000 == 0 {
            at.format("%Y-%m-%dT%H:%M:%SZ")
        } else {
            at.format("%Y-%m-%dT%H:%M:%S%.3fZ")
        }
        .to_string();
        assert_eq!(time::format_date_time(ms), iso, "{ms}");
        assert_eq!(
            time::format_amz_date(ms),
            at.format("%Y%m%dT%H%M%SZ").to_string(),
            "{ms}"
        );
        assert_eq!(
            time::format_http_date(ms),
            at.format("%a, %d %b %Y %H:%M:%S GMT").to_string(),
            "{ms}"
        );
        assert_eq!(time::parse_date_time(&iso), Some(ms), "{iso}");
        // chrono's own RFC 3339, with an offset and nanoseconds cut to what we keep.
        let offset = chrono::FixedOffset::east_opt((rng.below(48) as i32 - 24) * 1800).unwrap();
        let shown = at
            .with_timezone(&offset)
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, false);
        assert_eq!(time::parse_date_time(&shown), Some(ms), "{shown}");
        let http = at.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
        assert_eq!(
            time::parse_http_date(&http),
            Some(ms - ms.rem_euclid(1000)),
            "{http}"
        );
        if ms >= 0 {
            let secs = time::format_epoch_seconds(ms);
            assert_eq!(time::parse_epoch_seconds(&secs), Some(ms), "{secs}");
            assert_eq!(
                secs.parse::<f64>().unwrap(),
                at.timestamp_millis() as f64 / 1000.0,
                "{secs}"
            );
        }
    }
}

#[test]
fn base64_matches_the_crate_and_rfc_4648() {
    // RFC 4648 section 10.
    for (plain, coded) in [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(b64::encode(plain.as_bytes()), coded);
        assert_eq!(b64::decode(coded).as_deref(), Some(plain.as_bytes()));
    }
    let mut rng = Rng(4648);
    for _ in 0..5_000 {
        let data: Vec<u8> = (0..rng.below(64)).map(|_| rng.next() as u8).collect();
        let coded = STANDARD.encode(&data);
        assert_eq!(b64::encode(&data), coded);
        assert_eq!(b64::decode(&coded), Some(data.clone()));
        // A mutated text: ours reads exactly what the crate reads when told of our three
        // leniencies (blanks, which a service may fold long values with, are dropped first;
        // missing padding; non-zero bits after the last byte, which RFC 4648 3.5 lets a decoder
        // accept), and refuses the rest.
        let mut bad = coded.clone().into_bytes();
        if !bad.is_empty() {
            let at = rng.below(bad.len());
            bad[at] = b"!-_.*= A\n"[rng.below(9)];
        }
        let bad = String::from_utf8(bad).unwrap();
        let unblank: String = bad.chars().filter(|c| !c.is_ascii_whitespace()).collect();
        assert_eq!(b64::decode(&bad), LENIENT.decode(&unblank).ok(), "{bad:?}");
    }
}

/// The standard alphabet with our decoder's leniencies (see above).
const LENIENT: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    base64::engine::GeneralPurposeConfig::new()
        .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

#[test]
fn approx_is_within_a_few_units_in_the_last_place_of_str_parse() {
    let mut rng = Rng(2025);
    for _ in 0..50_000 {
        let digits: String = (0..1 + rng.below(25))
            .map(|_| char::from(b'0' + rng.below(10) as u8))
            .collect();
        let int = digits.trim_start_matches('0');
        let int = if int.is_empty() { "0" } else { int };
        let mut t = String::new();
        if rng.below(2) == 0 {
            t.push('-');
        }
        t.push_str(int);
        if rng.below(2) == 0 {
            t.push('.');
            t.extend((0..1 + rng.below(10)).map(|_| char::from(b'0' + rng.below(10) as u8)));
        }
        if rng.below(2) == 0 {
            t.push_str(&format!("e{}", rng.below(600) as i64 - 300));
        }
        let exact: f64 = t.parse().unwrap();
        let ours = decimal::approx(&t).unwrap();
        assert!(decimal::is_number(&t), "{t}");
        if exact.is_finite() && exact != 0.0 && exact.abs() > f64::MIN_POSITIVE {
            assert!(
                (ours - exact).abs() <= exact.abs() * 1e-14,
                "{t}: {ours} vs {exact}"
            );
        } else {
            // Overflow and underflow land on the same side.
            assert_eq!(
                ours.is_infinite(),
                exact.is_infinite(),
                "{t}: {ours} vs {exact}"
            );
            assert!(
                ours.abs() <= f64::MIN_POSITIVE * 2.0 || exact != 0.0,
                "{t}: {ours} vs {exact}"
            );
        }
    }
}
