// Makes the IAM user, policy and access key the tests sign with. moto_server runs with
// INITIAL_NO_AUTH_ACTION_COUNT=3, so these three requests are the only unauthenticated ones;
// every later request must carry a valid SigV4 signature. Prints { accessKeyId, secretAccessKey }.
import { sign } from 'elb-wasm';

const endpoint = process.env.MOTO_URL;
if (!endpoint) throw new Error('MOTO_URL is not set');

async function iam(params) {
  const body = new URLSearchParams({ Version: '2010-05-08', ...params }).toString();
  // moto routes on the credential scope's service; the signature itself is not checked yet.
  const req = sign(
    { method: 'POST', url: `${endpoint}/`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body },
    { region: 'us-east-1', service: 'iam', credentials: { accessKeyId: 'AKIDSETUP', secretAccessKey: 'setup' } },
  );
  const res = await fetch(req.url, { method: 'POST', headers: req.headers, body });
  const text = await res.text();
  if (!res.ok) throw new Error(`IAM ${params.Action}: HTTP ${res.status}: ${text}`);
  return text;
}

const UserName = 'elb-wasm-test';
await iam({ Action: 'CreateUser', UserName });
await iam({
  Action: 'PutUserPolicy',
  UserName,
  PolicyName: 'elb',
  PolicyDocument: JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['elasticloadbalancing:*', 'ec2:*', 'acm:*', 'autoscaling:*', 'cloudwatch:*', 'monitoring:*', 'sts:*', 'iam:*', 'route53:*'], Resource: '*' }],
  }),
});
const key = await iam({ Action: 'CreateAccessKey', UserName });
const pick = (tag) => key.match(new RegExp(`<${tag}>([^<]+)</${tag}>`))?.[1];
const accessKeyId = pick('AccessKeyId');
const secretAccessKey = pick('SecretAccessKey');
if (!accessKeyId || !secretAccessKey) throw new Error(`no access key in: ${key}`);
console.log(JSON.stringify({ accessKeyId, secretAccessKey }));
