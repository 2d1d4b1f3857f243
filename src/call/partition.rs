//! AWS's partitions and the one endpoint formula every client starts from.
//!
//! The data is botocore's `partitions.json` (`tests/endpoints.rs` holds this table to it); a
//! service's departures from the formula are its table's host rules ([`HostRule`]), folded from
//! its endpoint rule set by `tools/endpoint_rules.py`. Why not ship the rule sets and an
//! interpreter: the six clients' rule sets are 166 KB of JSON as botocore ships them (over 30 KB
//! minified) saying this formula plus 15 rules; the resolver costs the wasm about 1 KB brotli.

use crate::model::{HostRule, Model};

/// One partition: the region names it owns, its DNS suffixes and its global region.
#[derive(Debug)]
pub struct Partition {
    pub name: &'static str,
    /// Its regions are `<prefix><word>-<digits>` (partitions.json's `regionRegex`).
    pub prefix: &'static str,
    pub dns_suffix: &'static str,
    pub dual_stack_dns_suffix: &'static str,
    /// Where a global service answers, and what its requests are signed for.
    pub global_region: &'static str,
}

const fn p(
    name: &'static str,
    prefix: &'static str,
    dns_suffix: &'static str,
    dual_stack_dns_suffix: &'static str,
    global_region: &'static str,
) -> Partition {
    Partition {
        name,
        prefix,
        dns_suffix,
        dual_stack_dns_suffix,
        global_region,
    }
}

/// `aws` first: a region no other partition owns is in it (the spec's `aws.partition`).
pub static PARTITIONS: [Partition; 8] = [
    p("aws", "", "amazonaws.com", "api.aws", "us-east-1"),
    p(
        "aws-cn",
        "cn-",
        "amazonaws.com.cn",
        "api.amazonwebservices.com.cn",
        "cn-northwest-1",
    ),
    p(
        "aws-eusc",
        "eusc-de-",
        "amazonaws.eu",
        "api.amazonwebservices.eu",
        "eusc-de-east-1",
    ),
    p(
        "aws-iso",
        "us-iso-",
        "c2s.ic.gov",
        "api.aws.ic.gov",
        "us-iso-east-1",
    ),
    p(
        "aws-iso-b",
        "us-isob-",
        "sc2s.sgov.gov",
        "api.aws.scloud",
        "us-isob-east-1",
    ),
    p(
        "aws-iso-e",
        "eu-isoe-",
        "cloud.adc-e.uk",
        "api.cloud-aws.adc-e.uk",
        "eu-isoe-west-1",
    ),
    p(
        "aws-iso-f",
        "us-isof-",
        "csp.hci.ic.gov",
        "api.aws.hci.ic.gov",
        "us-isof-south-1",
    ),
    p(
        "aws-us-gov",
        "us-gov-",
        "amazonaws.com",
        "api.aws",
        "us-gov-west-1",
    ),
];

/// The partition `region` is in: the one whose regions' shape it has, or whose global
/// pseudo-region (`aws-us-gov-global`) it is; else `aws`.
pub fn partition_of(region: &str) -> &'static Partition {
    // `<word>-<digits>`; a byte scan, not `rsplit_once`, which links a searcher.
    let shaped = |rest: &str| {
        let b = rest.as_bytes();
        b.iter().rposition(|&c| c == b'-').is_some_and(|dash| {
            let (word, digits) = (&b[..dash], &b[dash + 1..]);
            !word.is_empty()
                && word.iter().all(u8::is_ascii_alphanumeric)
                && !digits.is_empty()
                && digits.iter().all(u8::is_ascii_digit)
        })
    };
    PARTITIONS[1..]
        .iter()
        .find(|p| {
            region.strip_prefix(p.name) == Some("-global")
                || region.strip_prefix(p.prefix).is_some_and(shaped)
        })
        .unwrap_or(&PARTITIONS[0])
}

/// FIPS and dual-stack, as host rules number them.
pub const FIPS: u8 = 1;
pub const DUAL_STACK: u8 = 2;

/// The host of `model`'s default endpoint in `region` under `flags` and the region its requests
/// are signed for when not `region` itself, or `None` when the service's rule set refuses that
/// setting there.
pub fn resolve(model: &Model, region: &str, flags: u8) -> Option<(String, Option<&'static str>)> {
    let part = partition_of(region);
    let rule: Option<&HostRule> = model
        .hosts
        .iter()
        .find(|h| h.flags == flags && (h.place == region || h.place == part.name));
    let global = model.global.then_some(part.global_region);
    let Some(h) = rule else {
        let suffix = if flags & DUAL_STACK != 0 {
            part.dual_stack_dns_suffix
        } else {
            part.dns_suffix
        };
        let fips = if flags & FIPS != 0 { "-fips." } else { "." };
        let at = if global.is_some() { "" } else { region };
        let dot = if global.is_some() { "" } else { "." };
        return Some((cat!(model.endpoint_prefix, fips, at, dot, suffix), global));
    };
    if h.host == "!" {
        return None;
    }
    // Not `str::replace`: it links core's Two-Way searcher (text/find.rs).
    let host = match crate::text::find::split_once(h.host, "{Region}") {
        Some((before, after)) => cat!(before, region, after),
        None => h.host.to_owned(),
    };
    Some((
        host,
        if h.signing.is_empty() {
            global
        } else {
            Some(h.signing)
        },
    ))
}
