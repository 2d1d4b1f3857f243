// The page side of the Chromium benchmark: the same signing and decoding cases as in Node, with
// the SDK's browser hash (WebCrypto). Bundled by browser.mjs; results come back via page.evaluate.
import { Sha256 } from '@aws-crypto/sha256-browser';
import { signers, describers } from './contenders.mjs';
import { interleaved } from './lib.mjs';
import { describeLoadBalancers } from './fixtures.mjs';

globalThis.bench = async (opts) => {
  const signing = await interleaved(signers(Sha256), opts);
  const decoding = {};
  for (const n of [1, 100, 400]) {
    const d = describers(describeLoadBalancers(n));
    const [a, b] = await d.check();
    if (a !== n || b !== n) throw new Error(`decoded ${a} and ${b} balancers, not ${n}`);
    const perSec = await interleaved(d.cases, opts);
    decoding[n] = { bytes: d.bytes, mbps: Object.fromEntries(Object.entries(perSec).map(([k, v]) => [k, (v * d.bytes) / 1e6])) };
  }
  return { signing, decoding, userAgent: navigator.userAgent };
};
