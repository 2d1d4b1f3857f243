// A page's way to an AWS API that answers no CORS preflight (Route 53 has none; moto has none for its
// paths either): the page's own server passes /aws/* on to the endpoint, so the page calls its own
// origin, as a page author's backend or a Worker in front of the page would.

/** Forwards a request for `/aws/...` to `target/...`; resolves to false when the path is another. */
export async function forwardAws(req, res, target) {
  if (!req.url.startsWith('/aws/')) return false;
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  // The signed headers travel as they are (the page signed for its own host: this goes to a moto
  // without SigV4 checks, as every page test does).
  const headers = {};
  for (const name of ['authorization', 'content-type', 'x-amz-date', 'x-amz-security-token', 'x-amz-target']) {
    if (req.headers[name]) headers[name] = req.headers[name];
  }
  try {
    const answer = await fetch(target + req.url.slice('/aws'.length), {
      method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    res.writeHead(answer.status, {
      'content-type': answer.headers.get('content-type') ?? 'text/xml',
      ...(answer.headers.get('x-amzn-requestid') ? { 'x-amzn-requestid': answer.headers.get('x-amzn-requestid') } : {}),
    });
    res.end(Buffer.from(await answer.arrayBuffer()));
  } catch (e) {
    res.writeHead(502).end(String(e));
  }
  return true;
}
