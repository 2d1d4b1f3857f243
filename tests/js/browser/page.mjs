// The page's script: the shared scenario in the browser, reporting into window.__result. It imports
// both entries: the page must still fetch exactly one .wasm (browser-scenario.mjs counts).
import * as elbWasm from 'elb-wasm';
import * as elbV2 from 'elb-wasm/v2';
import * as elbServices from 'elb-wasm/services';
import { runPage } from './run-page.mjs';

runPage(elbWasm, elbV2, elbServices);
