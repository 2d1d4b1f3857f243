// Route53Client (elb-wasm/services): restXml, the engine's second protocol, from the installed package.
// - The requests it sends compared with botocore's for the same inputs (method, path, query, XML body
//   as a tree): botocore runs in the pinned AWS CLI's Python (tests/js/botocore_requests.py).
// - Answers, both error documents, the record paginator's three tokens and the GetChange waiter
//   through an injected fetch.
// - Against moto. moto 5.2.5 cannot check the signature of a restXml GET, the AWS CLI's no more than
//   ours: it hashes a GET's query (or, with none, its headers) as if it were a form body
//   (moto/core/responses.py: `data = querystring`, `querystring.update(headers)`). So on the moto
//   with SigV4 verification on, the POSTs: a zone made by the AWS CLI, CNAME, weighted and alias
//   records made by this client, read back through moto's own /moto-api/data.json, and a wrong
//   secret refused; every GET's signature is held to botocore's instead (first test). On a moto
//   of its own without verification, the whole round trip: the AWS CLI reads the records back,
//   the paginator, GetChange and the waiter, the errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { Route53Client, ElbError } from 'elb-wasm/services';
import { endpoint, credentials, region, requiredEnv } from './env.mjs';
import { awsCli, run } from './aws-cli.mjs';

const openEndpoint = requiredEnv('OPEN_MOTO_URL');

const awscli = requiredEnv('AWSCLI_BIN');
const NS = 'https://route53.amazonaws.com/doc/2013-04-01/';

/** What botocore sends for each case: [{ method, path, query, body }]. */
async function botocore(cases) {
  const python = join(dirname(awscli), 'python3');
  const script = new URL('./botocore_requests.py', import.meta.url).pathname;
  return JSON.parse(await run(python, [script], { input: JSON.stringify(cases) }));
}

/** A small XML reader for the bodies compared here: elements, text and the five entities. */
function parseXml(text) {
  const decode = (s) =>
    s.replace(/&(#x?[0-9a-fA-F]+|amp|lt|gt|quot|apos);/g, (_, e) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : +e.slice(1)) : { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e],
    );
  const root = { children: [] };
  const stack = [root];
  for (const [, close, name, attrs, selfClose, chars] of text.replace(/^<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([\w:]+)([^>]*?)(\/?)>|([^<]+)/g)) {
    const top = stack.at(-1);
    if (chars !== undefined) top.text = (top.text ?? '') + decode(chars);
    else if (close) stack.pop();
    else {
      const el = { name, attrs: attrs.trim(), children: [] };
      top.children.push(el);
      if (!selfClose) stack.push(el);
    }
  }
  return root.children[0];
}

/**
 * An element as comparable data. Siblings are ordered by name, keeping the order of those of one
 * name (a list's items): botocore writes a structure's members in the input's order, the SDKs in
 * the model's, and Route 53 reads either.
 */
function tree(el) {
  if (!el) return null;
  const children = [...el.children].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map(tree);
  return children.length ? { [el.name]: children, ...(el.attrs ? { attrs: el.attrs } : {}) } : { [el.name]: el.text ?? '' };
}

const pairs = (query) => [...new URLSearchParams(query)].map(([k, v]) => `${k}=${v}`).sort();

/** A Route53Client whose fetch answers `respond(url, init)` (default: 200 and an empty answer) and records what it was sent. */
function recorded(respond = () => ['<R/>', 200]) {
  const sent = [];
  const client = new Route53Client({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIDR53', secretAccessKey: 'r53-secret' },
    maxAttempts: 1,
    fetch: async (url, init) => {
      sent.push({ url: new URL(url), method: init.method, body: init.body, headers: new Headers(init.headers) });
      const [body, status = 200] = respond(url, init);
      return new Response(body, { status, headers: { 'x-amzn-requestid': `r53-${sent.length}` } });
    },
  });
  return { client, sent };
}

const alias = { HostedZoneId: 'Z35SXDOTRQ7X7K', DNSName: 'web-1234.us-east-1.elb.amazonaws.com.', EvaluateTargetHealth: true };
const CASES = [
  ['GetHostedZone', { Id: 'Z1D633PJN98FT9' }],
  ['GetHostedZone', { Id: '/hostedzone/Z1D633PJN98FT9' }],
  ['GetChange', { Id: '/change/C2682N5HXP0BZ4' }],
  ['ListHostedZonesByName', {}],
  ['ListHostedZonesByName', { DNSName: 'example.com.', HostedZoneId: '/hostedzone/Z1D633PJN98FT9', MaxItems: '10' }],
  ['ListResourceRecordSets', { HostedZoneId: 'Z1', StartRecordName: '*.exämple.com.', StartRecordType: 'CNAME', StartRecordIdentifier: 'blue 1/2', MaxItems: '2' }],
  [
    'ChangeResourceRecordSets',
    {
      HostedZoneId: '/hostedzone/Z1',
      ChangeBatch: {
        Changes: [
          { ResourceRecordSet: { Type: 'CNAME', Name: 'www.example.com.', TTL: 300, ResourceRecords: [{ Value: 'web-1234.us-east-1.elb.amazonaws.com' }] }, Action: 'UPSERT' },
          { Action: 'CREATE', ResourceRecordSet: { Name: 'w.example.com.', Type: 'A', SetIdentifier: 'blue', Weight: 10, AliasTarget: alias } },
          { Action: 'CREATE', ResourceRecordSet: { Name: 'w.example.com.', Type: 'A', SetIdentifier: 'green', Weight: 0, TTL: 60, ResourceRecords: [{ Value: '192.0.2.1' }, { Value: '192.0.2.2' }] } },
          { Action: 'DELETE', ResourceRecordSet: { Name: 't.example.com.', Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: '"v=spf1 <&> ~all"\r' }] } },
          { Action: 'CREATE', ResourceRecordSet: { Name: 'f.example.com.', Type: 'A', SetIdentifier: 'p', Failover: 'PRIMARY', HealthCheckId: 'abcdef11-2222-3333-4444-555555fcafef', AliasTarget: alias } },
          { Action: 'CREATE', ResourceRecordSet: { Name: 'g.example.com.', Type: 'A', SetIdentifier: 'de', GeoLocation: { CountryCode: 'DE' }, MultiValueAnswer: true, TTL: 60, ResourceRecords: [{ Value: '192.0.2.3' }] } },
        ],
        Comment: 'cut over',
      },
    },
  ],
];

test('every request is what botocore sends for the same input: method, path, query, XML body as a tree, signature', async () => {
  const theirs = await botocore(CASES.map(([op, input]) => ({ op, input })));
  const { client, sent } = recorded();
  for (const [op, input] of CASES) await client[op[0].toLowerCase() + op.slice(1)](input).catch(() => {});
  assert.equal(sent.length, CASES.length);
  // botocore's signature of each request as it was sent, at its own X-Amz-Date.
  const signatures = await botocore(sent.map((s) => ({
    sign: {
      method: s.method, url: s.url.href, body: s.body ?? '', accessKeyId: 'AKIDR53', secretAccessKey: 'r53-secret',
      headers: { 'X-Amz-Date': s.headers.get('x-amz-date'), ...(s.headers.get('content-type') ? { 'Content-Type': s.headers.get('content-type') } : {}) },
    },
  })));
  sent.forEach((ours, i) => {
    const label = `${CASES[i][0]} ${JSON.stringify(CASES[i][1]).slice(0, 60)}`;
    assert.equal(ours.method, theirs[i].method, label);
    assert.equal(ours.url.host, 'route53.amazonaws.com', label);
    assert.equal(ours.url.pathname, theirs[i].path, label);
    assert.deepEqual(pairs(ours.url.search), pairs(theirs[i].query), label);
    if (theirs[i].body) {
      assert.deepEqual(tree(parseXml(ours.body)), tree(parseXml(theirs[i].body)), label);
      assert.match(ours.body, new RegExp(`^<ChangeResourceRecordSetsRequest xmlns="${NS}">`));
      assert.equal(ours.headers.get('content-type'), 'application/xml');
    } else {
      assert.equal(ours.body, undefined, `${label}: a GET has no body`);
      assert.equal(ours.headers.get('content-type'), null, label);
    }
    assert.match(ours.headers.get('authorization'), /Credential=AKIDR53\/\d{8}\/us-east-1\/route53\/aws4_request/, label);
    assert.equal(/Signature=(\w+)/.exec(ours.headers.get('authorization'))[1], signatures[i].signature, `${label}: botocore signs it alike`);
  });
  // Our own XML is in the model's order, as the SDKs write it.
  assert.match(sent.at(-1).body, /<ResourceRecordSet><Name>www\.example\.com\.<\/Name><Type>CNAME<\/Type><TTL>300<\/TTL>/);
});

test('answers: members under the response element, numbers and dates; both error documents', async () => {
  const list = `<?xml version="1.0"?>
<ListResourceRecordSetsResponse xmlns="${NS}"><ResourceRecordSets>
<ResourceRecordSet><Name>w.example.com.</Name><Type>A</Type><SetIdentifier>blue</SetIdentifier><Weight>10</Weight>
<AliasTarget><HostedZoneId>Z35SXDOTRQ7X7K</HostedZoneId><DNSName>web-1234.us-east-1.elb.amazonaws.com.</DNSName><EvaluateTargetHealth>true</EvaluateTargetHealth></AliasTarget></ResourceRecordSet>
</ResourceRecordSets><IsTruncated>false</IsTruncated><MaxItems>100</MaxItems></ListResourceRecordSetsResponse>`;
  const change = `<GetChangeResponse xmlns="${NS}"><ChangeInfo><Id>/change/C1</Id><Status>PENDING</Status><SubmittedAt>2026-12-03T10:00:00.123Z</SubmittedAt><Comment>c</Comment></ChangeInfo></GetChangeResponse>`;
  const { client } = recorded((url) => [String(url).includes('/change/') ? change : list]);
  const out = await client.listResourceRecordSets({ HostedZoneId: 'Z1' });
  assert.deepEqual(out.ResourceRecordSets, [{ Name: 'w.example.com.', Type: 'A', SetIdentifier: 'blue', Weight: 10, AliasTarget: alias }]);
  assert.equal(out.IsTruncated, false);
  assert.equal(out.$metadata.requestId, 'r53-1');
  const got = await client.getChange({ Id: '/change/C1' });
  assert.ok(got.ChangeInfo.SubmittedAt instanceof Date);
  assert.equal(got.ChangeInfo.SubmittedAt.toISOString(), '2026-12-03T10:00:00.123Z');

  const noZone = `<?xml version="1.0"?>\n<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>NoSuchHostedZone</Code><Message>No hosted zone found with ID: Z9</Message></Error><RequestId>rid-404</RequestId></ErrorResponse>`;
  await assert.rejects(recorded(() => [noZone, 404]).client.getHostedZone({ Id: 'Z9' }), (e) => {
    assert.ok(e instanceof ElbError);
    assert.deepEqual([e.code, e.statusCode, e.message, e.retryable], ['NoSuchHostedZone', 404, 'NoSuchHostedZone: No hosted zone found with ID: Z9', false]);
    assert.equal(e.requestId, 'r53-1', 'the x-amzn-RequestId header');
    return true;
  });
  const batch = `<?xml version="1.0"?>\n<InvalidChangeBatch xmlns="${NS}"><Messages><Message>Tried to create resource record set [name='a.example.com.', type='A'] but it already exists</Message><Message>second reason</Message></Messages><RequestId>rid-400</RequestId></InvalidChangeBatch>`;
  const input = { HostedZoneId: 'Z1', ChangeBatch: { Changes: [{ Action: 'CREATE', ResourceRecordSet: { Name: 'a.example.com.', Type: 'A', TTL: 60, ResourceRecords: [{ Value: '192.0.2.1' }] } }] } };
  await assert.rejects(recorded(() => [batch, 400]).client.changeResourceRecordSets(input), (e) => {
    assert.equal(e.code, 'InvalidChangeBatch');
    assert.equal(e.statusCode, 400);
    assert.match(e.message, /already exists; second reason$/);
    return true;
  });
  const throttled = `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>t</RequestId></ErrorResponse>`;
  let calls = 0;
  const retrying = new Route53Client({
    region, credentials: { accessKeyId: 'AKIDR53', secretAccessKey: 'r53-secret' }, maxAttempts: 2,
    fetch: async () => (++calls === 1 ? new Response(throttled, { status: 400 }) : new Response(change, { status: 200 })),
  });
  assert.equal((await retrying.getChange({ Id: 'C1' })).ChangeInfo.Status, 'PENDING');
  assert.equal(calls, 2, 'throttling is retried as for every client');
});

test('bad input is refused before anything is sent', async () => {
  for (const [op, input, field] of [
    ['getHostedZone', {}, 'Id'],
    ['getHostedZone', { Id: '..' }, 'Id'],
    ['getHostedZone', { Id: '/hostedzone/' }, 'Id'],
    ['getHostedZone', { Id: 'Z'.repeat(33) }, 'Id'],
    ['listResourceRecordSets', { HostedZoneId: 'Z1', MaxItems: 2 }, 'MaxItems'],
    ['changeResourceRecordSets', { HostedZoneId: 'Z1', ChangeBatch: { Changes: [{ Action: 'CREATE', ResourceRecordSet: { Name: 'a.', Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: 'bell\u0007' }] } }] } }, 'ChangeBatch.Changes[0].ResourceRecordSet.ResourceRecords[0].Value'],
    ['changeResourceRecordSets', { HostedZoneId: 'Z1', ChangeBatch: { Changes: [{ Action: 'CREATE', ResourceRecordSet: { Name: 'a.', Type: 'A', Weight: 300 } }] } }, 'ChangeBatch.Changes[0].ResourceRecordSet.Weight'],
  ]) {
    const { client, sent } = recorded();
    await assert.rejects(client[op](input), (e) => e instanceof ElbError && e.code === 'InvalidInput' && e.field === field, `${op} ${JSON.stringify(input)}`);
    assert.equal(sent.length, 0, `${op}: nothing sent`);
  }
});

test('the record paginator follows all three tokens and stops where IsTruncated says', async () => {
  const page = (records, next) =>
    `<ListResourceRecordSetsResponse xmlns="${NS}"><ResourceRecordSets>${records.map(([n, t, id]) => `<ResourceRecordSet><Name>${n}</Name><Type>${t}</Type>${id ? `<SetIdentifier>${id}</SetIdentifier><Weight>1</Weight>` : ''}<TTL>60</TTL><ResourceRecords><ResourceRecord><Value>x</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>`).join('')}</ResourceRecordSets>` +
    `<IsTruncated>${next ? 'true' : 'false'}</IsTruncated>${next ? `<NextRecordName>${next[0]}</NextRecordName><NextRecordType>${next[1]}</NextRecordType>${next[2] ? `<NextRecordIdentifier>${next[2]}</NextRecordIdentifier>` : ''}` : ''}<MaxItems>2</MaxItems></ListResourceRecordSetsResponse>`;
  const pages = [
    page([['a.example.com.', 'A'], ['w.example.com.', 'A', 'blue']], ['w.example.com.', 'A', 'green']),
    page([['w.example.com.', 'A', 'green'], ['x.example.com.', 'CNAME']], ['y.example.com.', 'TXT']),
    page([['y.example.com.', 'TXT']], null),
  ];
  const { client, sent } = recorded(() => [pages[sent.length - 1]]);
  const names = [];
  for await (const p of client.paginateListResourceRecordSets({ HostedZoneId: '/hostedzone/Z1', MaxItems: '2' })) {
    names.push(...p.ResourceRecordSets.map((r) => `${r.Name}${r.SetIdentifier ? `#${r.SetIdentifier}` : ''}`));
  }
  assert.deepEqual(names, ['a.example.com.', 'w.example.com.#blue', 'w.example.com.#green', 'x.example.com.', 'y.example.com.']);
  const queries = sent.map((s) => Object.fromEntries(s.url.searchParams));
  assert.deepEqual(queries, [
    { maxitems: '2' },
    { maxitems: '2', name: 'w.example.com.', type: 'A', identifier: 'green' },
    // The second page gave no identifier: the first page's is not carried over.
    { maxitems: '2', name: 'y.example.com.', type: 'TXT' },
  ]);
  assert.ok(sent.every((s) => s.url.pathname === '/2013-04-01/hostedzone/Z1/rrset'));

  // A service that answers the same tokens twice would loop: refused.
  const loop = page([['a.example.com.', 'A']], ['b.example.com.', 'A']);
  const looping = recorded(() => [loop]);
  await assert.rejects(async () => {
    for await (const _ of looping.client.paginateListResourceRecordSets({ HostedZoneId: 'Z1' }));
  }, (e) => e.code === 'InvalidResponse');
  assert.equal(looping.sent.length, 2);
});

test('waitUntilResourceRecordSetsChanged polls GetChange until INSYNC', async () => {
  const status = ['PENDING', 'PENDING', 'INSYNC'];
  const { client, sent } = recorded(() => [`<GetChangeResponse xmlns="${NS}"><ChangeInfo><Id>/change/C1</Id><Status>${status[sent.length - 1]}</Status><SubmittedAt>2026-12-03T10:00:00Z</SubmittedAt></ChangeInfo></GetChangeResponse>`]);
  const result = await client.waitUntilResourceRecordSetsChanged({ Id: '/change/C1' }, { delayMs: 5 });
  assert.equal(result.state, 'SUCCESS');
  assert.equal(result.reason.ChangeInfo.Status, 'INSYNC');
  assert.equal(sent.length, 3);
  assert.ok(sent.every((s) => s.url.pathname === '/2013-04-01/change/C1'));
});

const aliasTo = { HostedZoneId: 'Z35SXDOTRQ7X7K', DNSName: 'web-1234.us-east-1.elb.amazonaws.com.', EvaluateTargetHealth: false };
/** CNAME, two weighted records and an alias, under `zoneName`. */
const records = (name) => [
  { Action: 'CREATE', ResourceRecordSet: { Name: name('www'), Type: 'CNAME', TTL: 300, ResourceRecords: [{ Value: 'web-1234.us-east-1.elb.amazonaws.com' }] } },
  { Action: 'CREATE', ResourceRecordSet: { Name: name('w'), Type: 'CNAME', SetIdentifier: 'blue', Weight: 90, TTL: 60, ResourceRecords: [{ Value: 'blue.example.net' }] } },
  { Action: 'CREATE', ResourceRecordSet: { Name: name('w'), Type: 'CNAME', SetIdentifier: 'green', Weight: 10, TTL: 60, ResourceRecords: [{ Value: 'green.example.net' }] } },
  { Action: 'CREATE', ResourceRecordSet: { Name: name('apex'), Type: 'A', AliasTarget: aliasTo } },
];

test('against moto with SigV4 verification on: the records a change makes, read back through moto\'s own API', async () => {
  const zoneName = `signed-${Date.now()}.example.com.`;
  const made = await awsCli(endpoint)('route53', 'create-hosted-zone', '--name', zoneName, '--caller-reference', `ref-${Date.now()}`);
  const zoneId = made.HostedZone.Id;
  const name = (sub) => `${sub}.${zoneName}`;
  // A region other than us-east-1: Route 53 is global and still signed for us-east-1.
  const r53 = new Route53Client({ region: 'eu-west-1', endpoint, credentials });
  const changed = await r53.changeResourceRecordSets({ HostedZoneId: zoneId, ChangeBatch: { Comment: 'elb-wasm', Changes: records(name) } });
  assert.match(changed.ChangeInfo.Id, /^\/change\//);
  const state = await (await fetch(`${endpoint}/moto-api/data.json`)).json();
  const inZone = state.route53.RecordSet.filter((r) => r.name.endsWith(zoneName) && r.type !== 'NS' && r.type !== 'SOA');
  const seen = (n, id) => inZone.find((r) => r.name === n && (r.set_identifier ?? null) === (id ?? null));
  assert.deepEqual(seen(name('www')).resource_records, [{ Value: 'web-1234.us-east-1.elb.amazonaws.com' }]);
  assert.deepEqual([seen(name('w'), 'blue').weight, seen(name('w'), 'green').weight].map(Number), [90, 10]);
  assert.equal(seen(name('apex')).alias_target.DNSName, aliasTo.DNSName);
  assert.equal(inZone.length, 4);
  const wrong = new Route53Client({ region, endpoint, credentials: { ...credentials, secretAccessKey: 'not-the-secret' } });
  await assert.rejects(
    wrong.changeResourceRecordSets({ HostedZoneId: zoneId, ChangeBatch: { Changes: records((sub) => `x${sub}.${zoneName}`).slice(0, 1) } }),
    (e) => e instanceof ElbError && e.code === 'SignatureDoesNotMatch' && e.statusCode === 403,
  );
});

test('against moto: records round-tripped, read back by the AWS CLI, paginated and waited on', async () => {
  const aws = awsCli(openEndpoint);
  const zoneName = `r53-${Date.now()}.example.com.`;
  const made = await aws('route53', 'create-hosted-zone', '--name', zoneName, '--caller-reference', `ref-${Date.now()}`);
  const zoneId = made.HostedZone.Id; // "/hostedzone/Z…": used as it comes, the client strips it

  const r53 = new Route53Client({ region: 'eu-west-1', endpoint: openEndpoint, credentials });
  const byName = await r53.listHostedZonesByName({ DNSName: zoneName, MaxItems: '1' });
  assert.equal(byName.HostedZones[0].Id, zoneId);
  assert.equal(byName.HostedZones[0].Name, zoneName);
  const zone = await r53.getHostedZone({ Id: zoneId });
  assert.equal(zone.HostedZone.Name, zoneName);
  assert.ok(Array.isArray(zone.DelegationSet.NameServers) && zone.DelegationSet.NameServers.length > 0);

  const name = (sub) => `${sub}.${zoneName}`;
  const [cname, blue, green, apex] = records(name);
  // Ours, one record a page, over records of distinct names: every record once, the same set the
  // AWS CLI sees. (moto gives no NextRecordIdentifier between weighted records of one name, so it
  // would hand the same page back forever: the paginator refuses that, tested above; AWS gives it.)
  await r53.changeResourceRecordSets({ HostedZoneId: zoneId, ChangeBatch: { Changes: [cname, apex] } });
  const key = (r) => `${r.Name}|${r.Type}|${r.SetIdentifier ?? ''}`;
  const pages = [];
  for await (const p of r53.paginateListResourceRecordSets({ HostedZoneId: zoneId, MaxItems: '1' })) pages.push(p);
  assert.equal(pages.length, 4, 'NS, SOA, the alias, the CNAME');
  const listed = (await aws('route53', 'list-resource-record-sets', '--hosted-zone-id', zoneId)).ResourceRecordSets;
  assert.deepEqual(pages.flatMap((p) => p.ResourceRecordSets).map(key).sort(), listed.map(key).sort());

  const changed = await r53.changeResourceRecordSets({ HostedZoneId: zoneId, ChangeBatch: { Comment: 'weights', Changes: [blue, green] } });
  assert.match(changed.ChangeInfo.Id, /^\/change\//);
  assert.ok(changed.ChangeInfo.SubmittedAt instanceof Date);

  // Read back by the AWS CLI (botocore), independently of this client.
  const theirs = (await aws('route53', 'list-resource-record-sets', '--hosted-zone-id', zoneId)).ResourceRecordSets;
  const find = (n, id) => theirs.find((r) => r.Name === n && (r.SetIdentifier ?? null) === (id ?? null));
  assert.deepEqual(find(name('www')).ResourceRecords, [{ Value: 'web-1234.us-east-1.elb.amazonaws.com' }]);
  assert.deepEqual([find(name('w'), 'blue').Weight, find(name('w'), 'green').Weight], [90, 10]);
  assert.deepEqual(find(name('apex')).AliasTarget, aliasTo);
  // And by this client, the weighted records as they were written.
  const ours = (await r53.listResourceRecordSets({ HostedZoneId: zoneId })).ResourceRecordSets;
  assert.deepEqual(ours.map(key).sort(), theirs.map(key).sort());
  assert.deepEqual(ours.find((r) => r.SetIdentifier === 'green'), green.ResourceRecordSet);
  assert.deepEqual(ours.find((r) => r.Name === name('apex')), apex.ResourceRecordSet);

  // moto answers GetChange with a canned change (its Id is always C2682N5HXP0BZ4), INSYNC.
  const change = await r53.getChange({ Id: changed.ChangeInfo.Id });
  assert.equal(change.ChangeInfo.Status, 'INSYNC');
  const waited = await r53.waitUntilResourceRecordSetsChanged({ Id: changed.ChangeInfo.Id }, { delayMs: 100, maxWaitMs: 10_000 });
  assert.equal(waited.reason.ChangeInfo.Status, 'INSYNC');

  // Errors by their wire codes: an unknown zone, a record that exists already (moto notices only
  // a CREATE equal to one it took before).
  await assert.rejects(r53.getHostedZone({ Id: '/hostedzone/ZNOSUCHZONE1' }), (e) => e.code === 'NoSuchHostedZone' && e.statusCode === 404);
  await assert.rejects(
    r53.changeResourceRecordSets({ HostedZoneId: zoneId, ChangeBatch: { Changes: [cname] } }),
    (e) => e.code === 'InvalidChangeBatch' && e.statusCode === 400 && /already exists/.test(e.message),
  );
});
