// Where loadAwsConfig finds the AWS SDK's provider chain without importing it: each credentials
// entry that builds the chain leaves it here, so a program that already loaded one (or the CommonJS
// bundle, which loads them all) shares its wasm and its ElbError class with the chain loadAwsConfig hands out.
let chain;

/** Called by fileProviders with its fromNodeProviderChain. */
export function provideChain(fromNodeProviderChain) {
  chain = fromNodeProviderChain;
}

/** The chain left here, else the runtime's credentials entry loaded now (Deno's or Node's). */
export async function nodeProviderChain() {
  if (!chain) await (globalThis.Deno ? import('../entries/credentials_deno.js') : import('../entries/credentials_node.js'));
  return chain;
}
