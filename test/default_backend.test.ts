// The default backend (src/backend/index.ts): "wasm" where the engine has WebAssembly SIMD, compiled at
// the first kernel call that needs it; "cpu" after setBackend("cpu"), with TENSORGRAD_BACKEND=cpu, or
// without SIMD; on a page's main thread that refuses synchronous compiles, "cpu" until the asynchronous
// load is done, then "wasm" unless setBackend chose meanwhile. This file is a fresh process (node --test
// runs each file in its own), so what it sees first is the default; the other environments run in child
// processes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as torch from "../src/index.js";
import * as BK from "../src/backend/index.js";
import * as W from "../src/backend/wasm.js";

const LOADED_AT_IMPORT = (W.isLoaded(false) || W.isLoaded(true));
const INDEX = new URL("../src/index.js", import.meta.url).href;
const WASM = new URL("../src/backend/wasm.js", import.meta.url).href;

/** Large enough for the wasm kernels at the default thresholds (exp: 32 elements, matmul: 1024 multiply-adds). */
const BIG_OPS = `
  const x = torch.linspace(-3, 3, 4096);
  x.exp(); x.reshape([64, 64]).mm(x.reshape([64, 64])); x.sum();
`;

/** Runs `body` (an async ES module) in a fresh Node process after `setup`; returns what it printed as JSON. */
function child(body: string, { setup = "", env = {} }: { setup?: string; env?: Record<string, string> } = {}): unknown {
  const code = `${setup}\nconst torch = await import(${JSON.stringify(INDEX)});\nconst W = await import(${JSON.stringify(WASM)});\n${body}`;
  const r = spawnSync(process.execPath, [...process.execArgv, "--input-type=module", "-e", code], {
    env: { ...process.env, TENSORGRAD_BACKEND: "", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  assert.equal(r.status, 0, `child process failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!);
}

test("Node.js has WebAssembly SIMD, so the default is \"wasm\", compiled lazily at the first kernel that needs it", () => {
  // in this process unless TENSORGRAD_BACKEND is set around the test run; the child below never has it
  if (!process.env.TENSORGRAD_BACKEND) {
    assert.equal(torch.getBackend(), "wasm");
    assert.equal(LOADED_AT_IMPORT, false, "importing the library does not compile the module");
  }
  const r = child(
    `const atImport = { backend: torch.getBackend(), info: torch.backendInfo(), loaded: (W.isLoaded(false) || W.isLoaded(true)) };\n` +
      // small tensors stay on the TypeScript kernels: still nothing compiled
      `const small = torch.tensor([[1, 2, 3]]);\nsmall.exp().add(small).mm(small.t()).sum().item();\nconst afterSmall = (W.isLoaded(false) || W.isLoaded(true));\n` +
      `const x = torch.linspace(-3, 3, 4096);\nconst viaDefault = x.exp().tolist();\nconst afterBig = (W.isLoaded(false) || W.isLoaded(true));\n` +
      // the default is the wasm backend itself, thresholds included
      `torch.setBackend("wasm");\n` +
      `console.log(JSON.stringify({ atImport, afterSmall, afterBig, sameAsWasm: JSON.stringify(x.exp().tolist()) === JSON.stringify(viaDefault), thresholds: torch.backendInfo().thresholds }));`,
  );
  assert.deepEqual(r, {
    atImport: { backend: "wasm", info: { name: "wasm", features: torch.backendInfo().features, fused: false, thresholds: { ...BK.DEFAULT_THRESHOLDS } }, loaded: false },
    afterSmall: false,
    afterBig: true,
    sameAsWasm: true,
    thresholds: { ...BK.DEFAULT_THRESHOLDS },
  });
  assert.equal(torch.backendInfo().features.simd, true, "Node.js >= 20 has WebAssembly SIMD");
});

test("setBackend(\"cpu\") switches to the TypeScript kernels: the module is never compiled", () => {
  const r = child(`torch.setBackend("cpu");\n${BIG_OPS}\nconsole.log(JSON.stringify({ backend: torch.getBackend(), loaded: (W.isLoaded(false) || W.isLoaded(true)) }));`);
  assert.deepEqual(r, { backend: "cpu", loaded: false });
  torch.setBackend("cpu");
  assert.equal(torch.getBackend(), "cpu");
  assert.equal(torch.backendInfo().name, "cpu");
});

test("TENSORGRAD_BACKEND picks the backend at import, as setBackend would", () => {
  const report = `${BIG_OPS}\nconst before = torch.getBackend(), loaded = (W.isLoaded(false) || W.isLoaded(true));\ntorch.setBackend("wasm");\nconsole.log(JSON.stringify({ before, loaded, after: torch.getBackend() }));`;
  assert.deepEqual(child(report, { env: { TENSORGRAD_BACKEND: "cpu" } }), { before: "cpu", loaded: false, after: "wasm" });
  assert.deepEqual(child(report, { env: { TENSORGRAD_BACKEND: "wasm" } }), { before: "wasm", loaded: true, after: "wasm" });
  const bad = spawnSync(process.execPath, ["--input-type=module", "-e", `await import(${JSON.stringify(INDEX)});`], {
    env: { ...process.env, TENSORGRAD_BACKEND: "gpu" },
    encoding: "utf8",
  });
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /unknown backend "gpu" in TENSORGRAD_BACKEND \(expected "cpu" or "wasm"\)/);
});

test("without WebAssembly SIMD the default is \"cpu\", and setBackend(\"wasm\") says why not", () => {
  const r = child(
    `${BIG_OPS}\nlet error = null;\ntry { torch.setBackend("wasm"); } catch (e) { error = e.message; }\n` +
      `console.log(JSON.stringify({ backend: torch.getBackend(), simd: torch.backendInfo().features.simd, error }));`,
    { setup: "WebAssembly.validate = () => false; // an engine without SIMD: the feature probe fails" },
  );
  assert.deepEqual(r, { backend: "cpu", simd: false, error: "the wasm backend needs WebAssembly SIMD, which this engine does not support" });
});

// A page's main thread: `window` and `document` exist, and synchronous compiles of more than 4 KB throw
// RangeError (what Chromium did before it raised the limit to 8 MB). Counts the asynchronous compiles.
const PAGE = `
globalThis.window = globalThis;
globalThis.document = {};
const SyncModule = WebAssembly.Module;
WebAssembly.Module = function (bytes) {
  if (bytes.byteLength > 4096) throw new RangeError("WebAssembly.Compile is disallowed on the main thread, if the buffer size is larger than 4KB");
  return new SyncModule(bytes);
};
const asyncInstantiate = WebAssembly.instantiate;
globalThis.asyncCompiles = 0;
WebAssembly.instantiate = (...args) => (globalThis.asyncCompiles++, asyncInstantiate(...args));
`;
/** Waits until getBackend() is "wasm" or 10 s have passed. */
const WAIT_FOR_WASM = `for (const t0 = Date.now(); torch.getBackend() !== "wasm" && Date.now() - t0 < 10000; ) await new Promise((r) => setTimeout(r, 5));`;
/** The asynchronous load and whatever it schedules are over. */
const SETTLE = `await torch.initBackend("wasm");\nawait new Promise((r) => setTimeout(r, 20));`;

test("a page's main thread runs on \"cpu\" while the module compiles asynchronously, then on \"wasm\"", () => {
  const r = child(
    `const atImport = torch.getBackend();\n${BIG_OPS}\nconst whileLoading = torch.getBackend();\n${WAIT_FOR_WASM}\n` +
      `console.log(JSON.stringify({ atImport, whileLoading, later: torch.getBackend(), loaded: (W.isLoaded(false) || W.isLoaded(true)), compiles: asyncCompiles }));`,
    { setup: PAGE },
  );
  assert.deepEqual(r, { atImport: "cpu", whileLoading: "cpu", later: "wasm", loaded: true, compiles: 1 });
});

test("on a page's main thread, setBackend during the asynchronous load wins over the default", () => {
  const cpu = child(`torch.setBackend("cpu");\n${SETTLE}\nconsole.log(JSON.stringify({ backend: torch.getBackend(), compiles: asyncCompiles }));`, { setup: PAGE });
  assert.deepEqual(cpu, { backend: "cpu", compiles: 1 });
  // setBackend("wasm") while the default's load is under way shares it (one compile) and sets the thresholds asked for
  const wasm = child(
    `await torch.setBackend("wasm", { thresholds: { matmul: 7 } });\nconst now = torch.getBackend();\n${SETTLE}\n` +
      `console.log(JSON.stringify({ now, backend: torch.getBackend(), matmul: torch.backendInfo().thresholds.matmul, compiles: asyncCompiles }));`,
    { setup: PAGE },
  );
  assert.deepEqual(wasm, { now: "wasm", backend: "wasm", matmul: 7, compiles: 1 });
});
