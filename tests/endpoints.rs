//! Default endpoints: the partitions table held to botocore's `partitions.json`, every client's
//! resolver held to its service's endpoint rule set for every region and FIPS/dual-stack setting
//! (evaluated by `tools/endpoint_rules.py`), and ELB's and ELBv2's own endpoint test cases
//! (`endpoint-tests-1.json`) run through `Client`.

use elb_wasm::call::client::Client;
use elb_wasm::call::partition::{PARTITIONS, partition_of};
use elb_wasm::model::{ELB, Model, text};
use serde_json::Value;
use std::process::Command;

const MODELS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/models/");

fn json(name: &str) -> Value {
    let text = std::fs::read_to_string(format!("{MODELS}{name}")).expect(name);
    serde_json::from_str(&text).expect(name)
}

fn tables() -> Vec<(&'static str, &'static Model)> {
    let parse = |t: &'static str| text::parse(t).expect("a table reads");
    vec![
        ("elb-2012-06-01", &ELB),
        (
            "elbv2-2015-12-01",
            parse(include_str!("../src/model/elbv2.table")),
        ),
        (
            "autoscaling-2011-01-01",
            parse(include_str!("../src/model/autoscaling.table")),
        ),
        (
            "cloudwatch-2010-08-01",
            parse(include_str!("../src/model/cloudwatch.table")),
        ),
        (
            "sts-2011-06-15",
            parse(include_str!("../src/model/sts.table")),
        ),
        (
            "route53-2013-04-01",
            parse(include_str!("../src/model/route53.table")),
        ),
        (
            "cognito-identity-2014-06-30",
            parse(include_str!("../src/model/cognito_identity.table")),
        ),
    ]
}

#[test]
fn partitions_are_botocores() {
    let file = json("partitions.json");
    let listed = file["partitions"].as_array().unwrap();
    assert_eq!(listed.len(), PARTITIONS.len());
    for p in listed {
        let id = p["id"].as_str().unwrap();
        let ours = PARTITIONS.iter().find(|q| q.name == id).expect(id);
        let out = &p["outputs"];
        assert_eq!(ours.dns_suffix, out["dnsSuffix"], "{id}");
        assert_eq!(
            ours.dual_stack_dns_suffix, out["dualStackDnsSuffix"],
            "{id}"
        );
        assert_eq!(ours.global_region, out["implicitGlobalRegion"], "{id}");
        for region in p["regions"].as_object().unwrap().keys() {
            assert_eq!(partition_of(region).name, id, "{region}");
        }
    }
    // Regions not listed yet go by their shape (the `regionRegex`), anything else to `aws`.
    for (region, id) in [
        ("us-gov-north-7", "aws-us-gov"),
        ("cn-south-2", "aws-cn"),
        ("us-isob-south-3", "aws-iso-b"),
        ("eusc-de-west-2", "aws-eusc"),
        ("eu-isoe-north-1", "aws-iso-e"),
        ("us-gov-west", "aws"),
        ("cn-north-1-x", "aws"),
        ("xx-yy-1", "aws"),
        ("eusc-fr-east-1", "aws"),
    ] {
        assert_eq!(partition_of(region).name, id, "{region}");
    }
}

/// Every listed region under every setting, as the rule set says and as the client resolves it.
#[test]
fn every_client_follows_its_rule_set() {
    for (name, model) in tables() {
        let rules = format!("{MODELS}{name}-endpoint-rule-set-1.json");
        let out = Command::new("python3")
            .arg(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tools/endpoint_rules.py"
            ))
            .arg(&rules)
            .output()
            .expect("python3 runs tools/endpoint_rules.py");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let answers: Value = serde_json::from_slice(&out.stdout).unwrap();
        let answers = answers.as_object().unwrap();
        assert!(answers.len() > 200, "{name}: {} answers", answers.len());
        for (key, want) in answers {
            let (region, flags) = key.split_once(' ').unwrap();
            let flags: u8 = flags.parse().unwrap();
            let client = Client::with_flags(model, region, None, flags);
            if want[0] == "!" {
                assert!(client.is_err(), "{name} {key}: the rule set refuses it");
                continue;
            }
            let client = client.unwrap_or_else(|e| panic!("{name} {key}: {e:?}"));
            let e = client.endpoint();
            assert_eq!(
                (e.authority.as_str(), e.signing_region.unwrap_or(region)),
                (want[0].as_str().unwrap(), want[1].as_str().unwrap()),
                "{name} {key}"
            );
            assert_eq!(e.url(), format!("https://{}/", e.authority));
        }
    }
}

/// botocore's own test cases for ELB and ELBv2, through the client.
#[test]
fn endpoint_test_cases_hold() {
    for (name, model) in tables().into_iter().take(2) {
        let cases = json(&format!("{name}-endpoint-tests-1.json"));
        let cases = cases["testCases"].as_array().unwrap();
        assert!(cases.len() > 40, "{name}");
        for case in cases {
            let doc = case["documentation"].as_str().unwrap();
            // "Missing region" has no params at all.
            let p = &case["params"];
            let flags = u8::from(p["UseFIPS"] == true) | (u8::from(p["UseDualStack"] == true) << 1);
            let endpoint = p["Endpoint"].as_str();
            let Some(region) = p["Region"].as_str() else {
                // A region is what requests are signed for: a client without one is refused
                // before anything is sent (as the SDKs' signers refuse it), endpoint or not.
                assert!(
                    Client::with_flags(model, "", endpoint, flags).is_err(),
                    "{doc}"
                );
                continue;
            };
            let got = Client::with_flags(model, region, endpoint, flags);
            match case["expect"]["endpoint"]["url"].as_str() {
                Some(url) => {
                    let client = got.unwrap_or_else(|e| panic!("{doc}: {e:?}"));
                    assert_eq!(client.endpoint().url(), format!("{url}/"), "{doc}");
                }
                None => {
                    let err = got.err().unwrap_or_else(|| panic!("{doc}: accepted"));
                    let text = format!("{err:?}");
                    assert!(text.contains("an endpoint of your own"), "{doc}: {text}");
                }
            }
        }
    }
}
