// rollup 4 for the scenario page: node-resolve with the browser conditions, and one widely used plugin
// (@web/rollup-plugin-import-meta-assets) that emits `new URL('./x.wasm', import.meta.url)` as an asset.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { importMetaAssets } from '@web/rollup-plugin-import-meta-assets';

export default {
  input: 'browser/page.mjs',
  output: { dir: 'rollup-dist', format: 'es' },
  plugins: [nodeResolve({ browser: true }), importMetaAssets()],
};
