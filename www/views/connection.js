// The connection: credentials typed in (or the local defaults the server offers) become the page's
// ElbClient, ElbV2Client, CloudWatchClient (the charts) and Route53Client (the cut-over), all
// sending through the server.
import { ElbClient } from 'elb-wasm';
import { ElbV2Client } from 'elb-wasm/v2';
import { CloudWatchClient, Route53Client } from 'elb-wasm/services';
import { $, run, session, values } from './ui.js';
import { refresh } from './balancers.js';

// ELB's endpoint answers no CORS: the local server sends the request, signed here, unchanged.
function forwardingFetch(url, init) {
  const headers = new Headers(init.headers);
  headers.set('x-elb-forward-to', String(url));
  const method = init.method ?? 'POST';
  if (method !== 'POST') headers.set('x-elb-forward-method', method);
  return fetch('/forward', { method: 'POST', headers, body: method === 'POST' ? init.body : undefined, signal: init.signal });
}

/** The local server's default credentials; temporary ones (a role, SSO) carry their expiration. */
async function localCredentials() {
  const res = await fetch('/local-credentials', { cache: 'no-store' });
  const body = await res.json();
  if (!res.ok) throw Object.assign(new Error(body.error), { code: 'CredentialsError' });
  return body;
}

function connect({ region, accessKeyId, secretAccessKey, sessionToken, expiration }) {
  let credentials = { accessKeyId, secretAccessKey };
  if (sessionToken) credentials.sessionToken = sessionToken;
  // Temporary local credentials are asked for again before they expire (the clients' provider margin).
  // Both clients share what the server last gave while it has more than the margin left.
  if (expiration) {
    let current = { ...credentials, expiration };
    credentials = async () => {
      if (Date.parse(current.expiration) - Date.now() > 6 * 60_000) return current;
      current = await localCredentials();
      return current;
    };
  }
  const { endpoint } = session.config;
  session.client = new ElbClient({ region, endpoint, credentials, fetch: forwardingFetch });
  session.v2 = new ElbV2Client({ region, endpoint, credentials, fetch: forwardingFetch });
  session.cloudwatch = new CloudWatchClient({ region, endpoint: session.config.cloudwatchEndpoint, credentials, fetch: forwardingFetch });
  session.route53 = new Route53Client({ region, endpoint: session.config.route53Endpoint, credentials, fetch: forwardingFetch });
  // The secret stays in the client (in memory); the page does not keep showing it.
  const form = $('#credentials-form');
  form.secretAccessKey.value = '';
  form.sessionToken.value = '';
  form.secretAccessKey.required = false;
  form.secretAccessKey.placeholder = '(in memory)';
  $('main').hidden = false;
  return refresh();
}

export function setUpConnection() {
  $('#credentials-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const form = ev.currentTarget;
    run('Connecting', () => connect(values(form)), form);
  });

  $('#use-local').addEventListener('click', (ev) => {
    run(
      'Loading local default credentials',
      async () => {
        const body = await localCredentials();
        $('#credentials-form').accessKeyId.value = body.accessKeyId;
        return connect({ region: $('#credentials-form').region.value || session.config.region, ...body });
      },
      ev.currentTarget,
    );
  });
}
