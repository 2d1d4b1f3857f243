"""botocore as the oracle for Route 53 (tests/js/route53.test.mjs). Reads a JSON list on stdin and
writes one answer per item on stdout:
- {"op": "GetHostedZone", "input": {...}} -> {"method", "path", "query", "body"}: what botocore
  sends for the input. Nothing is sent: the request is taken at botocore's `before-send` event,
  after its customisations (the Id prefixes) and its serializer have run.
- {"sign": {"method", "url", "headers", "body", "accessKeyId", "secretAccessKey"}} -> {"signature"}:
  botocore's SigV4 signature of that very request (for Route 53 in us-east-1, at the request's
  X-Amz-Date), to hold the client's to where moto cannot check it.
Run with the pinned AWS CLI's Python (test-js.sh's venv)."""
import json
import sys
from urllib.parse import urlsplit

import awscli  # noqa: F401  (awscli 1.46 carries its own botocore, importable once awscli is)
import botocore.session
from botocore import xform_name
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


class Taken(Exception):
    def __init__(self, request):
        self.request = request


def take(request, **_):
    raise Taken(request)


def sent(client, case):
    try:
        getattr(client, xform_name(case["op"]))(**case["input"])
    except Taken as t:
        url = urlsplit(t.request.url)
        body = t.request.body or b""
        return {"method": t.request.method, "path": url.path, "query": url.query,
                "body": body.decode() if isinstance(body, bytes) else body}
    sys.exit(f"{case['op']} was sent")


def signature(req):
    request = AWSRequest(method=req["method"], url=req["url"], data=req["body"] or None, headers=req["headers"])
    request.context["timestamp"] = req["headers"]["X-Amz-Date"]
    auth = SigV4Auth(Credentials(req["accessKeyId"], req["secretAccessKey"]), "route53", "us-east-1")
    return {"signature": auth.signature(auth.string_to_sign(request, auth.canonical_request(request)), request)}


session = botocore.session.get_session()
route53 = session.create_client(
    "route53", region_name="us-east-1", endpoint_url="https://route53.amazonaws.com",
    aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret")
route53.meta.events.register("before-send.route53", take)
json.dump([signature(c["sign"]) if "sign" in c else sent(route53, c) for c in json.load(sys.stdin)], sys.stdout)
