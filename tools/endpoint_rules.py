"""A service's endpoint rule set, folded into the few host rules its table carries.

The clients do not ship a rule-set interpreter: every rule set the package uses says the same
thing for nearly every region — `https://<prefix>[-fips].<region>.<partition's DNS suffix or
dual-stack suffix>` (a global service: no region, signed for the partition's global region) — and
differs only for a few partitions or regions. This module evaluates the rule set (the six
functions these rule sets use) for every region `partitions.json` names under every FIPS and
dual-stack setting, and keeps what differs from that one formula as `h` records:

    h  partition name or region  flags(1 FIPS, 2 dual-stack)  host (`{Region}` in it) or `!`  signing region

`!` is a combination the rule set refuses. `check()` proves that the formula plus the records give
exactly what the rule set gives, for every region and setting, so a generated table cannot drift.
"""

import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))


def load_partitions(models_dir):
    with open(os.path.join(models_dir, "partitions.json")) as f:
        return json.load(f)["partitions"]


def partition_of(partitions, region):
    """The spec's `aws.partition`: the region listed by name, else the one whose regex matches,
    else the `aws` partition."""
    for p in partitions:
        if region in p["regions"]:
            return p
    for p in partitions:
        if re.match(p["regionRegex"], region):
            return p
    return next(p for p in partitions if p["id"] == "aws")


class RuleError(Exception):
    pass


def evaluate(rule_set, partitions, params):
    """The endpoint a rule set gives for `params`: (url, signing region or None), or RuleError."""
    scope = {k: v.get("default") for k, v in rule_set["parameters"].items()}
    scope.update({k: v for k, v in params.items() if v is not None})

    def value(x, scope):
        if isinstance(x, dict) and "ref" in x:
            return scope.get(x["ref"])
        if isinstance(x, dict) and "fn" in x:
            return call(x, scope)
        if isinstance(x, str):
            return template(x, scope)
        return x

    def template(s, scope):
        def sub(m):
            name, _, attr = m.group(1).partition("#")
            v = scope[name]
            return str(v[attr] if attr else v)
        return re.sub(r"\{([^}]+)\}", sub, s)

    def call(x, scope):
        fn, argv = x["fn"], x["argv"]
        if fn == "isSet":
            return value(argv[0], scope) is not None
        if fn == "not":
            return not value(argv[0], scope)
        if fn in ("booleanEquals", "stringEquals"):
            return value(argv[0], scope) == value(argv[1], scope)
        if fn == "getAttr":
            return value(argv[0], scope)[argv[1]]
        if fn == "aws.partition":
            p = partition_of(partitions, value(argv[0], scope))
            return dict(p["outputs"], name=p["id"])
        raise RuleError(f"a function the interpreter does not know: {fn}")

    def run(rules, scope):
        for rule in rules:
            local = dict(scope)
            ok = True
            for c in rule.get("conditions", []):
                v = call(c, local)
                if v is None or v is False:
                    ok = False
                    break
                if "assign" in c:
                    local[c["assign"]] = v
            if not ok:
                continue
            if rule["type"] == "tree":
                found = run(rule["rules"], local)
                if found is not None:
                    return found
                raise RuleError("a tree rule matched and none of its rules did")
            if rule["type"] == "error":
                raise RuleError(value(rule["error"], local))
            e = rule["endpoint"]
            schemes = e.get("properties", {}).get("authSchemes", [{}])
            signing = schemes[0].get("signingRegion")
            return value(e["url"], local), template(signing, local) if signing else None
        return None

    found = run(rule_set["rules"], scope)
    if found is None:
        raise RuleError("no rule matched")
    return found


def formula(prefix, is_global, partition, region, flags):
    """What a client does without a host rule: the one formula every rule set starts from."""
    out = partition["outputs"]
    suffix = out["dualStackDnsSuffix"] if flags & 2 else out["dnsSuffix"]
    host = prefix + ("-fips" if flags & 1 else "") + "." + ("" if is_global else region + ".") + suffix
    signing = out["implicitGlobalRegion"] if is_global else region
    return host, signing


def answers(rule_set, partitions):
    """(region, flags) → (host or `!`, signing region), for every region the partitions list."""
    got = {}
    for p in partitions:
        for region in p["regions"]:
            for flags in range(4):
                try:
                    url, signing = evaluate(rule_set, partitions,
                                            {"Region": region, "UseFIPS": bool(flags & 1), "UseDualStack": bool(flags & 2)})
                except RuleError:
                    got[region, flags] = ("!", "")
                    continue
                if not url.startswith("https://") or "/" in url[len("https://"):]:
                    raise RuleError(f"{url}: only https://host endpoints are foldable")
                got[region, flags] = (url[len("https://"):], signing or region)
    return got


def host_rules(rule_set_path, prefix, is_global, models_dir):
    """The `h` records for one rule set: (place, flags, host template or `!`, signing or '')."""
    partitions = load_partitions(models_dir)
    with open(rule_set_path) as f:
        rule_set = json.load(f)
    got = answers(rule_set, partitions)
    rules = []
    for p in partitions:
        for flags in range(4):
            differing = {}
            for region in p["regions"]:
                want = got[region, flags]
                if want != formula(prefix, is_global, p, region, flags):
                    differing[region] = want
            if not differing:
                continue
            # A global service's hosts and signing regions are fixed: nothing to put the region in.
            templ = (lambda text, r: text) if is_global else (lambda text, r: text.replace(r, "{Region}"))
            templated = {(templ(h, r), templ(s, r)) for r, (h, s) in differing.items()}
            # A partition-wide rule, when every region of the partition differs the same way (the
            # region itself, or one fixed region, as the signing region).
            if len(differing) == len(p["regions"]) and len(templated) == 1:
                host, signing = templated.pop()
                rules.append((p["id"], flags, host, keep_signing(signing, is_global, p)))
            else:
                for region, (host, signing) in differing.items():
                    rules.append((region, flags, templ(host, region),
                                  "" if signing == region and not is_global else signing))
    check(rules, got, partitions, prefix, is_global)
    return rules


def keep_signing(signing, is_global, partition):
    """The signing region a rule must state: none when the formula's would do."""
    default = partition["outputs"]["implicitGlobalRegion"] if is_global else None
    return "" if signing == default or (not is_global and signing == "{Region}") else signing


def resolve(rules, partitions, prefix, is_global, region, flags):
    """What a client computes: the first rule for the region or its partition, else the formula."""
    p = partition_of(partitions, region)
    for place, f, host, signing in rules:
        if f == flags and place in (region, p["id"]):
            if host == "!":
                return "!", ""
            default = formula(prefix, is_global, p, region, flags)[1]
            return host.replace("{Region}", region), signing.replace("{Region}", region) or default
    return formula(prefix, is_global, p, region, flags)


def check(rules, got, partitions, prefix, is_global):
    for (region, flags), want in got.items():
        have = resolve(rules, partitions, prefix, is_global, region, flags)
        if have != want:
            raise RuleError(f"{prefix} {region} flags {flags}: the host rules give {have}, the rule set {want}")


def check_test_cases(rules_path, tests_path, models_dir):
    """The interpreter against the rule set's own test cases (botocore's endpoint-tests-1.json):
    what `host_rules` folds is only as right as the interpreter it folds."""
    partitions = load_partitions(models_dir)
    with open(rules_path) as f:
        rule_set = json.load(f)
    with open(tests_path) as f:
        cases = json.load(f)["testCases"]
    for case in cases:
        params = case.get("params", {})
        try:
            have = evaluate(rule_set, partitions, params)[0]
        except RuleError as e:
            have = f"error: {e}"
        expect = case["expect"]
        want = expect["endpoint"]["url"] if "endpoint" in expect else f"error: {expect['error']}"
        if have != want:
            raise RuleError(f"{case['documentation']}: the interpreter gives {have}, the test case {want}")


if __name__ == "__main__":
    # `endpoint_rules.py RULE_SET`: what the rule set gives for every region and setting, as JSON
    # ({"region flags": [host or "!", signing region]}), for tests/endpoints.rs to hold the
    # clients' resolver to.
    import sys
    models = os.path.dirname(os.path.abspath(sys.argv[1]))
    with open(sys.argv[1]) as f:
        got = answers(json.load(f), load_partitions(models))
    json.dump({f"{r} {flags}": list(v) for (r, flags), v in got.items()}, sys.stdout)
