// The page side of the Chromium benchmark: the same signing and decoding cases as in Node, with
// the SDK's browser hash (WebCrypto). Bundled by browser.mjs; results come back via page.evaluate.
import { Sha256 } from '@aws-crypto/sha256-browser';
import { signers, decoding } from './contenders.mjs';
import { interleaved } from './lib.mjs';

globalThis.bench = async (opts) => {
  const signing = await interleaved(signers(Sha256), opts);
  return { signing, decoding: await decoding(opts), userAgent: navigator.userAgent };
};
