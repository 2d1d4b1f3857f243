// The page's script for esbuild and bun build: the entries made for them, which import the wasm so
// that the bundler copies it (esbuild with --loader:.wasm=file, bun build as it is). Nothing is
// copied by hand: browser-scenario.mjs serves the bundler's output folder alone.
import * as elbWasm from 'elb-wasm/esbuild';
import * as elbV2 from 'elb-wasm/v2/esbuild';
import * as elbServices from 'elb-wasm/services/esbuild';
import { runPage } from './run-page.mjs';

runPage(elbWasm, elbV2, elbServices);
