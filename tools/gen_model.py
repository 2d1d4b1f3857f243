#!/usr/bin/env python3
"""Write src/model/<name>.rs: a botocore service model as the compact static tables of src/model/shape.rs.

Usage: python3 tools/gen_model.py tests/vectors/models/elb-2012-06-01-service-2.json ELB > src/model/elb.rs && cargo fmt
       python3 tools/gen_model.py --text tests/vectors/models/elbv2-2015-12-01-service-2.json > src/model/elbv2.table
(--text: the same table as the text src/model/text.rs reads, for a service whose table the engine loads at run time)
       python3 tools/gen_model.py --text MODEL --only Op1,Op2,... [--waiters W1,W2,...]
(--only: just those operations and the shapes, errors and paginators they reach: a service of which
 the package uses a few operations ships a small table; more are added by listing them. Its waiters
 only as --waiters names them: a model's waiters may use JMESPath the package does not read.)
(the paginators-1 and waiters-2 files beside the service file are read too, when present)

The model is the repository's copy in tests/vectors/models. tests/elb_model_conformance.rs
checks the committed table against the model independently of this script.
"""
import json
import os
import re
import sys

import endpoint_rules

KINDS = {
    "boolean": "Boolean", "byte": "Byte", "short": "Short", "integer": "Integer", "long": "Long",
    "float": "Float", "double": "Double", "string": "String", "blob": "Blob", "timestamp": "Timestamp",
    "structure": "Structure", "list": "List", "map": "Map",
}
TS = {"iso8601": "DateTime", "unixTimestamp": "EpochSeconds", "rfc822": "HttpDate"}


# Constraints the model's documentation states for shapes the model leaves open: allowed values
# (checked case-insensitively: the service takes "http" as well as "HTTP"), lengths of strings,
# ranges of integers. Without them a misspelt protocol or a 40-character name would travel to AWS
# only to be refused there.
DOCUMENTED = {
    "elasticloadbalancing-2012-06-01": {
        # "The load balancer transport protocol to use for routing: HTTP, HTTPS, TCP, or SSL."
        "Protocol": {"values": ["HTTP", "HTTPS", "TCP", "SSL"]},
        # "must have a maximum of 32 characters"
        "AccessPointName": {"min": 1, "max": 32},
        # "On EC2-VPC, you can specify any port from the range 1-65535."
        "AccessPointPort": {"min": 1, "max": 65535},
    },
    "elasticloadbalancing-2015-12-01": {
        # "can have a maximum of 32 characters, must contain only alphanumeric characters or hyphens"
        "LoadBalancerName": {"min": 1, "max": 32},
        # "can have a maximum of 32 characters, must contain only alphanumeric characters or hyphens"
        "TargetGroupName": {"min": 1, "max": 32},
    },
}


# The SDKs' customisations that change what an input means, as data the engine applies to any
# service whose table has them (botocore's handlers.fix_route53_ids): these strings lose a
# resource-type prefix, so `/hostedzone/Z1` from one call's output is `Z1` in the next call's URI.
STRIPS = {
    "route53-2013-04-01": {
        "ResourceId": ["/hostedzone/", "/change/", "/delegationset/"],
        "DelegationSetId": ["/hostedzone/", "/change/", "/delegationset/"],
        "ChangeId": ["/hostedzone/", "/change/", "/delegationset/"],
    },
}

# What the restXml codec (src/codec/rest_xml.rs) writes and reads: members in the body, a URI
# label, a query-string parameter. A table that needs more (headers, a payload member, XML
# attributes...) is refused here, so no operation is ever sent half-encoded.
LOCATIONS = {"uri": 4, "querystring": 8}


def protocol(meta):
    """The protocol the engine speaks to this service: awsQuery (empty) or restXml."""
    protocols = meta.get("protocols", [meta["protocol"]])
    if "query" in protocols:
        return ""
    if meta["protocol"] in ("rest-xml", "json"):
        return meta["protocol"]
    sys.exit(f"the engine speaks awsQuery, restXml and awsJson, not {meta['protocol']}")


def check_rest(model):
    """Refuses what the restXml codec does not write or read (see LOCATIONS)."""
    for name, op in model["operations"].items():
        for io in ("input", "output"):
            if io not in op:
                continue
            s = model["shapes"][op[io]["shape"]]
            if "payload" in s:
                sys.exit(f"{name}: a {io} payload member is not supported")
            for m, r in s.get("members", {}).items():
                loc = r.get("location")
                if loc and (io == "output" or loc not in LOCATIONS):
                    sys.exit(f"{name}.{m}: an {io} member in the {loc} is not supported")
    for n, s in model["shapes"].items():
        for m, r in s.get("members", {}).items():
            if r.get("xmlAttribute") or r.get("xmlNamespace"):
                sys.exit(f"{n}.{m}: XML attributes and namespaces on members are not supported")


def strips(model, index):
    """The `x` rows: shapes whose strings lose a prefix before they are checked and sent."""
    meta = model["metadata"]
    wanted = STRIPS.get(f"{meta['endpointPrefix']}-{meta['apiVersion']}", {})
    return [(index[n], prefixes) for n, prefixes in wanted.items() if n in index]


def xml_namespace(model):
    """The service's XML namespace: the metadata's (awsQuery), else the one restXml request
    bodies declare (Route 53's inputs all name the same)."""
    if "xmlNamespace" in model["metadata"]:
        return model["metadata"]["xmlNamespace"]
    found = {op["input"]["xmlNamespace"]["uri"] for op in model["operations"].values()
             if "xmlNamespace" in op.get("input", {})}
    if len(found) > 1:
        sys.exit(f"request bodies in several namespaces: {sorted(found)}")
    return found.pop() if found else ""


def is_global(path):
    """Whether the service has one endpoint per partition (Route 53): its endpoint rule set, when
    the repository keeps it beside the model, never puts the region in a URL."""
    try:
        rules = open(path.rsplit("-service-2.json", 1)[0] + "-endpoint-rule-set-1.json").read()
    except FileNotFoundError:
        return False
    return "{Region}" not in rules


def hosts(path, meta):
    """The `h` rows: where the service's endpoint rule set departs from the clients' formula
    (tools/endpoint_rules.py), checked against the rule set's own test cases when they are kept."""
    base = path.rsplit("-service-2.json", 1)[0]
    rules_path = base + "-endpoint-rule-set-1.json"
    if not os.path.exists(rules_path):
        return []
    models = os.path.dirname(path)
    tests_path = base + "-endpoint-tests-1.json"
    if os.path.exists(tests_path):
        endpoint_rules.check_test_cases(rules_path, tests_path, models)
    return endpoint_rules.host_rules(rules_path, meta["endpointPrefix"], is_global(path), models)


def http(op):
    """An operation's method, URI and body root, for restXml (awsQuery: all `POST /`)."""
    if "http" not in op:
        return "", "", ""
    return op["http"]["method"], op["http"]["requestUri"], op.get("input", {}).get("locationName", "")


def location_flags(ref):
    return LOCATIONS.get(ref.get("location"), 0)


def rust_str(s):
    return json.dumps(s, ensure_ascii=False)


def member(name, ref, required, index, flattened=False):
    flags = ["R"] if required else []
    if flattened or ref.get("flattened"):
        flags.append("F")
    if location_flags(ref):
        flags.append({4: "U", 8: "Q"}[location_flags(ref)])
    target = ref["shape"]
    text = f"Member::new({rust_str(name)}, {index[target]}, {'|'.join(flags) or '0'})"
    if "locationName" in ref:
        text = f"Member {{ xml_name: Some({rust_str(ref['locationName'])}), ..{text} }}"
    if "timestampFormat" in ref:
        text = f"Member {{ timestamp_format: Some(TimestampFormat::{TS[ref['timestampFormat']]}), ..{text} }}"
    return f"{text}, // {target}"


def shape(name, s, index):
    kind = KINDS[s["type"]]
    members = []
    if s["type"] == "structure":
        required = set(s.get("required", []))
        for m, ref in s.get("members", {}).items():
            members.append(member(m, ref, m in required, index))
    elif s["type"] == "list":
        members.append(member("member", s["member"], False, index, s.get("flattened", False)))
    elif s["type"] == "map":
        members.append(member("key", s["key"], False, index))
        members.append(member("value", s["value"], False, index))
    head = f"Shape::new({rust_str(name)}, K::{kind}, "
    head += "&[])" if not members else "&[\n" + "".join(f"        {m}\n" for m in members) + "    ])"
    if "min" in s or "max" in s:
        lo = f"Some({s['min']})" if "min" in s else "None"
        hi = f"Some({s['max']})" if "max" in s else "None"
        head += f".range({lo}, {hi})"
    if "pattern" in s:
        # tests/model_conformance.rs proves src/pattern.rs parses every pattern of every table.
        head += f".pattern({rust_str(s['pattern'])})"
    if "enum" in s:
        head = f"Shape {{ enum_values: &[{', '.join(rust_str(v) for v in s['enum'])}], ..{head} }}"
    if "timestampFormat" in s:
        head = f"Shape {{ timestamp_format: Some(TimestampFormat::{TS[s['timestampFormat']]}), ..{head} }}"
    return head


def companions(path):
    """The paginators and waiters beside a service file (empty when absent)."""
    base = path.rsplit("-service-2.json", 1)[0]
    out = []
    for suffix, key in (("-paginators-1.json", "pagination"), ("-waiters-2.json", "waiters")):
        try:
            out.append(json.load(open(base + suffix))[key])
        except FileNotFoundError:
            out.append({})
    return out


def only(model, operations):
    """`model` with just `operations` and the shapes they reach (input, output, errors, and every
    shape below those), in the model's own order."""
    missing = [o for o in operations if o not in model["operations"]]
    if missing:
        sys.exit(f"not operations of this model: {', '.join(missing)}")
    reached, todo = set(), []
    for name in operations:
        op = model["operations"][name]
        todo += [op[k]["shape"] for k in ("input", "output") if k in op]
        todo += [e["shape"] for e in op.get("errors", [])]
    while todo:
        n = todo.pop()
        if n in reached:
            continue
        reached.add(n)
        s = model["shapes"][n]
        refs = list(s.get("members", {}).values()) + [s[k] for k in ("member", "key", "value") if k in s]
        todo += [r["shape"] for r in refs]
    return {
        **model,
        "operations": {n: op for n, op in model["operations"].items() if n in operations},
        "shapes": {n: s for n, s in model["shapes"].items() if n in reached},
    }


def load(path, operations=None):
    """The model (with only `operations` when given), and how the tables number it: shapes in
    model order, errors in shape order."""
    model = json.load(open(path))
    if operations:
        model = only(model, operations)
    names = list(model["shapes"])
    errors = [n for n in names if model["shapes"][n].get("exception")]
    return model, names, {n: i for i, n in enumerate(names)}, errors, {n: i for i, n in enumerate(errors)}


def error_code(name, error):
    """The wire code of an error shape: its `code`, else (awsQuery) the shape's name."""
    return error.get("code", name)


def unsigned(op):
    """Whether the model says the operation takes no auth: sent unsigned, without credentials."""
    return op.get("authtype") == "none" or op.get("auth") == ["smithy.api#noAuth"]


def joined(key):
    """A paginator's token or result key; several (CloudWatch's result keys, Route 53's record
    tokens) joined by `|`."""
    return "|".join(key) if isinstance(key, list) else key


def text_table(path, operations=None, kept_waiters=None):
    """The table as src/model/text.rs reads it: a record a line, tab-separated, empty = none."""
    model, names, index, errors, error_index = load(path, operations)
    meta = model["metadata"]
    check_rest(model)
    rows = [("meta", meta["apiVersion"], xml_namespace(model), meta["endpointPrefix"],
             meta.get("signingName", meta["endpointPrefix"]), protocol(meta),
             1 if is_global(path) else "",
             *((meta["targetPrefix"], meta["jsonVersion"]) if protocol(meta) == "json" else ("", "")))]
    opt = lambda d, k: str(d[k]) if k in d else ""
    for n in names:
        s = model["shapes"][n]
        rows.append(("s", n, s["type"], opt(s, "min"), opt(s, "max"), s.get("pattern", ""),
                     s.get("timestampFormat", ""), "|".join(s.get("enum", []))))
        refs = []
        if s["type"] == "structure":
            required = set(s.get("required", []))
            refs = [(m, r, (1 if m in required else 0) | location_flags(r)) for m, r in s.get("members", {}).items()]
        elif s["type"] == "list":
            refs = [("member", s["member"], 2 if s.get("flattened") else 0)]
        elif s["type"] == "map":
            refs = [("key", s["key"], 0), ("value", s["value"], 0)]
        for m, r, flags in refs:
            if r.get("flattened"):
                flags |= 2
            rows.append(("m", m, index[r["shape"]], flags or "", r.get("locationName", ""), r.get("timestampFormat", "")))
    for name, op in model["operations"].items():
        rows.append(("o", name, index[op["input"]["shape"]] if "input" in op else "",
                     index[op["output"]["shape"]] if "output" in op else "",
                     op.get("output", {}).get("resultWrapper", ""),
                     ",".join(str(error_index[e["shape"]]) for e in op.get("errors", [])),
                     1 if unsigned(op) else "", *(http(op) if protocol(meta) == "rest-xml" else ("", "", ""))))
    for n in errors:
        # An error the model gives no status (Route 53's InvalidChangeBatch) is a 400.
        e = model["shapes"][n].get("error", {})
        rows.append(("e", index[n], error_code(n, e), e.get("httpStatusCode", 400), 1 if e.get("senderFault") else 0))
    paginators, waiters = companions(path)
    paginators = {op: p for op, p in paginators.items() if op in model["operations"]}
    if operations:
        waiters = {n: w for n, w in waiters.items() if n in (kept_waiters or [])}
    for op, p in paginators.items():
        rows.append(("p", op, joined(p["input_token"]), joined(p["output_token"]), joined(p["result_key"]),
                     p.get("limit_key", ""), p.get("more_results", "")))
    for shape_index, prefixes in strips(model, index):
        rows.append(("x", shape_index, "|".join(prefixes)))
    for place, flags, host, signing in hosts(path, meta):
        rows.append(("h", place, flags, host, signing))
    for name, wt in waiters.items():
        rows.append(("w", name, wt["operation"], wt["delay"], wt["maxAttempts"]))
        for a in wt["acceptors"]:
            rows.append(("a", a["matcher"], a.get("argument", ""), str(a["expected"]), a["state"]))
    for n, d in DOCUMENTED.get(f"{meta['endpointPrefix']}-{meta['apiVersion']}", {}).items():
        rows.append(("d", n, "|".join(d.get("values", [])), opt(d, "min"), opt(d, "max")))
    for r in rows:
        if any("\t" in str(f) or "\n" in str(f) for f in r):
            sys.exit(f"a tab or newline in {r!r}")
    # Trailing empty fields are left out: src/model/text.rs reads a missing field as an empty one.
    lines = []
    for r in rows:
        fields = [str(f) for f in r]
        while fields and fields[-1] == "":
            fields.pop()
        lines.append("\t".join(fields) + "\n")
    return "".join(lines)


def main():
    if sys.argv[1] == "--text":
        opts = dict(zip(sys.argv[3::2], sys.argv[4::2]))
        operations = opts["--only"].split(",") if "--only" in opts else None
        waiters = opts["--waiters"].split(",") if opts.get("--waiters") else None
        sys.stdout.write(text_table(sys.argv[2], operations, waiters))
        return
    path, const = sys.argv[1], sys.argv[2]
    model, names, index, errors, error_index = load(path)
    meta = model["metadata"]
    if protocol(meta):
        sys.exit("a static table is awsQuery's (ELB's); write a restXml service with --text")

    out = []
    w = out.append
    w(f"//! {meta['serviceFullName']} {meta['apiVersion']}: every operation, shape and error as static tables.")
    w("//!")
    w(f"//! Generated by `tools/gen_model.py` from botocore's `{path.rsplit('/', 1)[-1]}`; do not edit by hand.")
    w("//! `tests/elb_model_conformance.rs` proves it equal to that model.")
    w("")
    w("IMPORTS")
    w("")
    w(f"pub static {const}: Model = Model {{")
    w(f"    api_version: {rust_str(meta['apiVersion'])},")
    w(f"    xml_namespace: {rust_str(meta['xmlNamespace'])},")
    w(f"    endpoint_prefix: {rust_str(meta['endpointPrefix'])},")
    w(f"    signing_name: {rust_str(meta.get('signingName', meta['endpointPrefix']))},")
    w(f"    protocol: Protocol::{'RestXml' if protocol(meta) else 'Query'},")
    w(f"    target_prefix: \"\",")
    w(f"    json_version: \"\",")
    w(f"    global: {'true' if is_global(path) else 'false'},")
    w("    strips: &[],")
    w("    hosts: &[")
    for place, flags, host, signing in hosts(path, meta):
        w(f"        HostRule {{ place: {rust_str(place)}, flags: {flags}, host: {rust_str(host)}, signing: {rust_str(signing)} }},")
    w("    ],")
    w("    shapes: &SHAPES,")
    w("    operations: &OPERATIONS,")
    w("    errors: &ERRORS,")
    w("    paginators: &PAGINATORS,")
    w("    waiters: &WAITERS,")
    w("    documented: &[")
    for n, d in DOCUMENTED.get(f"{meta['endpointPrefix']}-{meta['apiVersion']}", {}).items():
        values = ", ".join(rust_str(v) for v in d.get("values", []))
        opt = lambda k: f"Some({d[k]})" if k in d else "None"
        w(f"        Documented {{ shape: {rust_str(n)}, values: &[{values}], min: {opt('min')}, max: {opt('max')} }},")
    w("    ],")
    w("};")
    w("")
    w(f"static SHAPES: [Shape; {len(names)}] = [")
    for i, n in enumerate(names):
        w(f"    /* {i} */ {shape(n, model['shapes'][n], index)},")
    w("];")
    w("")
    w(f"static OPERATIONS: [Operation; {len(model['operations'])}] = [")
    for name, op in model["operations"].items():
        inp = f"Some({index[op['input']['shape']]})" if "input" in op else "None"
        outp = f"Some({index[op['output']['shape']]})" if "output" in op else "None"
        wrapper = op.get("output", {}).get("resultWrapper")
        wrapper = f"Some({rust_str(wrapper)})" if wrapper else "None"
        errs = ", ".join(str(error_index[e["shape"]]) for e in op.get("errors", []))
        w("    Operation {")
        w(f"        name: {rust_str(name)},")
        w(f"        input: {inp},")
        w(f"        output: {outp},")
        w(f"        result_wrapper: {wrapper},")
        w(f"        errors: &[{errs}],")
        w(f"        unsigned: {'true' if unsigned(op) else 'false'},")
        w('        method: "",')
        w('        uri: "",')
        w("        input_root: None,")
        w("    },")
    w("];")
    w("")
    w(f"static ERRORS: [ErrorInfo; {len(errors)}] = [")
    for n in errors:
        e = model["shapes"][n].get("error", {})
        w(f"    ErrorInfo {{ shape: {index[n]}, code: {rust_str(error_code(n, e))}, status: {e['httpStatusCode']}, "
          f"sender_fault: {str(e.get('senderFault', False)).lower()} }}, // {n}")
    w("];")
    paginators, waiters = companions(path)
    w("")
    w(f"static PAGINATORS: [Paginator; {len(paginators)}] = [")
    for op, p in paginators.items():
        w(f"    Paginator {{ operation: {rust_str(op)}, input_token: {rust_str(p['input_token'])}, "
          f"output_token: {rust_str(p['output_token'])}, result_key: {rust_str(joined(p['result_key']))}, "
          f"limit_key: {rust_str(p.get('limit_key', ''))}, more_results: {rust_str(p.get('more_results', ''))} }},")
    w("];")
    w("")
    w(f"static WAITERS: [Waiter; {len(waiters)}] = [")
    for name, wt in waiters.items():
        w(f"    Waiter {{ name: {rust_str(name)}, operation: {rust_str(wt['operation'])}, delay: {wt['delay']}, "
          f"max_attempts: {wt['maxAttempts']}, acceptors: &[")
        for a in wt["acceptors"]:
            w(f"        Acceptor {{ matcher: {rust_str(a['matcher'])}, argument: {rust_str(a.get('argument', ''))}, "
              f"expected: {rust_str(str(a['expected']))}, state: {rust_str(a['state'])} }},")
        w("    ] },")
    w("];")
    text = "\n".join(out)
    flag_names = [f for f in ("F", "R") if re.search(rf"[ (|]{f}[|),]", text)]
    flag_use = ", ".join({"F": "FLATTENED as F", "R": "REQUIRED as R"}[f] for f in flag_names)
    uses = ["Acceptor", "ErrorInfo", "HostRule", "Kind as K", "Member", "Model", "Operation", "Paginator", "Protocol", "Shape", "Waiter"]
    if "TimestampFormat::" in text:
        uses.append("TimestampFormat")
    if "Documented {" in text:
        uses.insert(1, "Documented")
    imports = f"use super::shape::flags::{{{flag_use}}};\n" if flag_names else ""
    imports += f"use super::shape::{{{', '.join(uses)}}};"
    print(text.replace("IMPORTS", imports, 1))


if __name__ == "__main__":
    main()
