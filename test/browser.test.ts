// The browser bundle in Debian's Chromium (issue 4, "Browser"): the test bundles the compiled library
// (scripts/bundle.mjs, the same code as `npm run bundle`), serves it with a test page from a local
// node:http server with COOP/COEP headers (so SharedArrayBuffer exists, as worker threads need), drives
// /usr/bin/chromium through playwright-core (never a downloaded browser), runs one training step of an
// MLP on the "wasm" backend there and the same step in Node, and compares the numbers and the printed
// text. It installs nothing: without /usr/bin/chromium it is skipped (.ci/run installs Chromium in CI).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as torch from "../src/index.js";
import { runStep, type StepConfig, type StepResult } from "./helpers/browser_step.js";

const CHROMIUM = "/usr/bin/chromium";
const HERE = dirname(fileURLToPath(import.meta.url)); // dist/test
const ROOT = resolve(HERE, "..", ".."); // the repository
const STEP_JS = join(HERE, "helpers", "browser_step.js");
const STEP_TIMEOUT_MS = 30_000;

interface Case {
  name: string;
  cfg: StepConfig;
  /** "page": the page's main thread (one thread: it may not block); "worker": a module Web Worker, where the thread pool runs */
  where: "page" | "worker";
}
// The brief's small MLP with every kernel forced onto WebAssembly; the benchmark MLP
// (784→256→10, batch 128, cross-entropy) at the default thresholds, on the page and in a Web Worker
// with two threads (its matmuls split across the pool: the numbers must not change); the relaxed-SIMD
// build; the TypeScript reference kernels.
const CASES: Case[] = [
  // the plain build (fused: false): bit for bit against Node.js
  { name: "tiny/wasm", where: "page", cfg: { backend: "wasm", backendOptions: { thresholds: "always", fused: false }, batch: 6, sizes: [8, 16, 4], lr: 0.1, seed: 1234 } },
  { name: "mlp/wasm", where: "page", cfg: { backend: "wasm", backendOptions: { fused: false }, batch: 128, sizes: [784, 256, 10], lr: 0.05, seed: 42 } },
  { name: "mlp/wasm/worker", where: "worker", cfg: { backend: "wasm", backendOptions: { fused: false }, threads: 2, batch: 128, sizes: [784, 256, 10], lr: 0.05, seed: 42 } },
  // the default options: the relaxed-SIMD build where Chromium has it (within float32 tolerance then)
  { name: "mlp/wasm-default/worker", where: "worker", cfg: { backend: "wasm", threads: 2, batch: 128, sizes: [784, 256, 10], lr: 0.05, seed: 42 } },
  { name: "tiny/wasm-fused", where: "page", cfg: { backend: "wasm", backendOptions: { thresholds: "always", fused: true }, batch: 6, sizes: [8, 16, 4], lr: 0.1, seed: 1234 } },
  { name: "tiny/cpu", where: "page", cfg: { backend: "cpu", batch: 6, sizes: [8, 16, 4], lr: 0.1, seed: 1234 } },
];

// PyTorch: torch.manual_seed(0); torch.randn(5)
const RANDN_TEXT = "tensor([ 1.5410, -0.2934, -2.1788,  0.5684, -1.0845])";

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>tensorgrad in the browser</title>
<script type="module">
  window.addEventListener("error", (e) => { window.__loadError = String(e.message || e); });
  try {
    const ns = await import("/tensorgrad.js");
    const { runStep } = await import("/browser_step.js");
    // The same step in a module Web Worker (where Atomics.wait, and so the thread pool, is allowed).
    const inWorker = (cfg) => new Promise((resolve, reject) => {
      const w = new Worker("/step_worker.js", { type: "module", name: "step" });
      const done = (f) => (v) => { w.terminate(); f(v); };
      w.onmessage = (e) => e.data.error ? done(reject)(new Error(e.data.error)) : done(resolve)(e.data.result);
      w.onerror = (e) => done(reject)(new Error("step worker: " + (e.message || "failed to load")));
      w.postMessage(cfg);
    });
    window.__tg = {
      torch: ns, runStep, inWorker, defaultBackendAtImport: ns.getBackend(),
      defaultIsNamespace: typeof ns.default?.tensor === "function" && ns.default.tensor === ns.tensor,
    };
  } catch (e) {
    window.__loadError = String(e && e.stack || e);
  }
</script>
`;

const STEP_WORKER = `import * as torch from "/tensorgrad.js";
import { runStep } from "/browser_step.js";
const defaultBackend = torch.getBackend();
onmessage = async (e) => {
  if (e.data === "default backend") return postMessage({ result: defaultBackend });
  try {
    postMessage({ result: await runStep(torch, e.data) });
  } catch (err) {
    postMessage({ error: String((err && err.stack) || err) });
  }
};
`;

const ISOLATION_HEADERS = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Cache-Control": "no-store",
};

function serve(files: Record<string, { type: string; body: () => Buffer | string }>, log: string[], requested: Set<string>): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    requested.add(path);
    const file = files[path];
    if (!file) {
      log.push(`server: 404 for ${path}`);
      res.writeHead(404, { ...ISOLATION_HEADERS, "Content-Type": "text/plain" });
      res.end("not found");
      return;
    }
    try {
      const body = file.body();
      res.writeHead(200, { ...ISOLATION_HEADERS, "Content-Type": file.type });
      res.end(body);
    } catch (e) {
      res.writeHead(500, { ...ISOLATION_HEADERS, "Content-Type": "text/plain" });
      res.end(String(e));
    }
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => ok(server));
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((ok) => server.close(() => ok()));
}

/** Rejects after `ms` (page.evaluate has no timeout of its own): a hung page fails the test, and the finally block still runs. */
async function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer after ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Float32 agreement: |a - b| <= atol + rtol * |b| elementwise, with a readable first mismatch. */
function assertClose(actual: number[], expected: number[], what: string, rtol = 1e-5, atol = 1e-6): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++) {
    const [a, b] = [actual[i], expected[i]];
    if (!(Math.abs(a - b) <= atol + rtol * Math.abs(b)))
      assert.fail(`${what}[${i}]: browser ${a} vs Node ${b} (rtol ${rtol}, atol ${atol})`);
  }
}

const skip = existsSync(CHROMIUM)
  ? false
  : `${CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium; .ci/run does this in CI)`;

test("browser bundle in Chromium: a training step matches Node", { skip, timeout: 120_000 }, async (t) => {
  const started = Date.now();
  const { bundle } = (await import(pathToFileURL(join(ROOT, "scripts", "bundle.mjs")).href)) as {
    bundle: (o: { outfile: string }) => Promise<{ outfile: string; bytes: number; worker: string | null; stubbed: string[] }>;
  };
  const { chromium } = await import("playwright-core");

  const work = mkdtempSync(join(tmpdir(), "tensorgrad-browser-"));
  let server: Server | null = null;
  let browser: Awaited<ReturnType<typeof chromium.launchPersistentContext>> | null = null;
  const log: string[] = [];
  const requested = new Set<string>();
  try {
    const built = await bundle({ outfile: join(work, "tensorgrad.js") });
    t.diagnostic(`bundle: ${(built.bytes / 1024).toFixed(0)} KiB` + (built.stubbed.length ? `, Node-only imports stubbed: ${built.stubbed.join(", ")}` : ""));
    const js = "text/javascript; charset=utf-8";
    const files: Record<string, { type: string; body: () => Buffer | string }> = {
      "/": { type: "text/html; charset=utf-8", body: () => PAGE },
      "/tensorgrad.js": { type: js, body: () => readFileSync(built.outfile) },
      "/tensorgrad.js.map": { type: "application/json", body: () => readFileSync(built.outfile + ".map") },
      "/browser_step.js": { type: js, body: () => readFileSync(STEP_JS) },
      "/step_worker.js": { type: js, body: () => STEP_WORKER },
      "/favicon.ico": { type: "image/x-icon", body: () => "" },
    };
    if (built.worker) {
      const worker = built.worker;
      files["/worker_entry.js"] = { type: js, body: () => readFileSync(worker) };
      files["/worker_entry.js.map"] = { type: "application/json", body: () => readFileSync(worker + ".map") };
    }
    server = await serve(files, log, requested);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

    // A fresh profile (--user-data-dir) in the temporary folder; playwright passes it as that flag.
    browser = await chromium.launchPersistentContext(join(work, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      timeout: 30_000,
      args: [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
      ],
    });
    const page = await browser.newPage();
    page.setDefaultTimeout(30_000);
    page.on("console", (m) => log.push(`console.${m.type()}: ${m.text()}`));
    page.on("pageerror", (e) => log.push(`pageerror: ${e.message}`));
    await page.goto(url);
    await page.waitForFunction(() => {
      const w = window as unknown as { __tg?: unknown; __loadError?: unknown };
      return w.__tg !== undefined || w.__loadError !== undefined;
    });
    const env = await page.evaluate(() => {
      const w = window as unknown as { __loadError?: string; __tg?: { defaultIsNamespace: boolean } };
      return {
        loadError: w.__loadError ?? null,
        defaultIsNamespace: w.__tg?.defaultIsNamespace ?? false,
        crossOriginIsolated: globalThis.crossOriginIsolated,
        sharedArrayBuffer: typeof SharedArrayBuffer === "function",
        userAgent: navigator.userAgent,
      };
    });
    assert.equal(env.loadError, null, `the bundle failed to load:\n${env.loadError}\n${log.join("\n")}`);
    t.diagnostic(`browser: ${env.userAgent.match(/(Headless)?Chrome\/[\d.]+/)?.[0] ?? env.userAgent}`);
    assert.ok(env.defaultIsNamespace, "the bundle's default export is the torch namespace");
    assert.ok(env.crossOriginIsolated && env.sharedArrayBuffer, "COOP/COEP headers give a cross-origin isolated page with SharedArrayBuffer");

    // The default backend is "wasm" where the engine has WebAssembly SIMD: a worker compiles the module
    // synchronously; a page's main thread does too where the browser allows it (Chromium: up to 8 MB), else
    // it runs on "cpu" until the asynchronous compile is done. Either way the page ends up on "wasm".
    const defaults = await within(STEP_TIMEOUT_MS, "the default backend", page.evaluate(async () => {
      const w = window as unknown as {
        __tg: { torch: { getBackend: () => string }; defaultBackendAtImport: string; inWorker: (c: unknown) => Promise<string> };
      };
      const t0 = Date.now();
      while (w.__tg.torch.getBackend() !== "wasm" && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 10));
      return { atImport: w.__tg.defaultBackendAtImport, settled: w.__tg.torch.getBackend(), worker: await w.__tg.inWorker("default backend") };
    }));
    t.diagnostic(`default backend: page ${defaults.atImport} at import, then ${defaults.settled}; worker ${defaults.worker}`);
    assert.equal(defaults.settled, "wasm", "the page's default backend is wasm once loaded");
    assert.ok(defaults.atImport === "wasm" || defaults.atImport === "cpu", `page default at import: ${defaults.atImport}`);
    assert.equal(defaults.worker, "wasm", "a worker's default backend is wasm");

    const relaxed = await page.evaluate(() => {
      const w = window as unknown as { __tg: { torch: { backendInfo?: () => { features: { relaxedSimd: boolean } } } } };
      return w.__tg.torch.backendInfo?.().features.relaxedSimd ?? false;
    });
    for (const { name, cfg, where } of CASES) {
      const inBrowser = await within(STEP_TIMEOUT_MS, `${name} in Chromium`, page.evaluate(async ({ c, where }: { c: StepConfig; where: string }) => {
        const w = window as unknown as {
          __tg: { torch: unknown; runStep: (t: unknown, c: StepConfig) => Promise<StepResult>; inWorker: (c: StepConfig) => Promise<StepResult> };
        };
        return where === "worker" ? w.__tg.inWorker(c) : w.__tg.runStep(w.__tg.torch, c);
      }, { c: cfg, where }));
      const inNode = await runStep(torch, cfg);
      if (inBrowser.backendNote) t.diagnostic(`${name}: browser: ${inBrowser.backendNote}`);
      if (inNode.backendNote) t.diagnostic(`${name}: node: ${inNode.backendNote}`);

      // The seeded generator and the printer of fixed tensors are pure TypeScript on every backend: always exact.
      assert.equal(inBrowser.randnText, RANDN_TEXT, "torch.manualSeed(0); torch.randn(5) prints as in PyTorch");
      assert.deepEqual(inBrowser.randn, inNode.randn, "randn: bit-equal in the browser and in Node");
      assert.deepEqual(inBrowser.printed, inNode.printed, "printed text: identical");
      if (inNode.backendNote === null) assert.equal(inBrowser.backend, cfg.backend, `${name}: the browser ran on the ${cfg.backend} backend`);

      // Bit-equal when both sides ran the same kernels: the TypeScript kernels and the plain-SIMD
      // WebAssembly build are deterministic IEEE arithmetic in a fixed order (the thread pool's chunks
      // depend on the job's size only), so two engines must agree to the last bit. The relaxed-SIMD
      // build (fused: f32x4.relaxed_madd) may fuse or not depending on the engine and the CPU, so
      // there only float32 tolerance holds; so too when the backend switch is missing on one side.
      const exact = inBrowser.backend === inNode.backend && !inBrowser.fused && !inNode.fused;
      t.diagnostic(
        `${name}: browser ${inBrowser.backend}${inBrowser.fused ? " fused" : ""} ` +
          (where === "page" ? "on the page's main thread (no pool there), " : `in a Web Worker with ${inBrowser.threads} thread(s), `) +
          `node ${inNode.backend}${inNode.fused ? " fused" : ""} ${inNode.threads} thread(s); loss ${inBrowser.loss}; ` +
          (exact ? "compared bit for bit" : "compared within float32 tolerance"),
      );
      if (cfg.backendOptions?.fused && !relaxed) t.diagnostic(`${name}: this Chromium has no relaxed SIMD: the plain build ran`);
      if (exact) {
        assert.equal(inBrowser.loss, inNode.loss, `${name}: loss`);
        assert.equal(inBrowser.lossText, inNode.lossText, `${name}: printed loss`);
        assert.deepEqual(inBrowser.printedResults, inNode.printedResults, `${name}: printed results`);
        assert.deepEqual(inBrowser.grads, inNode.grads, `${name}: gradients`);
        assert.deepEqual(inBrowser.updated, inNode.updated, `${name}: updated weights`);
      } else {
        assertClose([inBrowser.loss], [inNode.loss], `${name}: loss`);
        for (const k of Object.keys(inNode.grads)) {
          assertClose(inBrowser.grads[k], inNode.grads[k], `${name}: grad ${k}`);
          assertClose(inBrowser.updated[k], inNode.updated[k], `${name}: updated ${k}`);
        }
        const bitEqual = inBrowser.loss === inNode.loss && JSON.stringify(inBrowser.updated) === JSON.stringify(inNode.updated);
        t.diagnostic(`${name}: ${bitEqual ? "bit-equal all the same" : "not bit-equal"}`);
      }
      // The step did something: the loss is a positive finite number and the weights moved.
      assert.ok(Number.isFinite(inBrowser.loss) && inBrowser.loss > 0, `${name}: loss ${inBrowser.loss}`);
      assert.ok(inBrowser.grads.w1.some((g) => g !== 0), `${name}: nonzero gradient`);
      if (where === "worker" && built.worker && inBrowser.threads > 1)
        assert.ok(requested.has("/worker_entry.js"), `${name}: the thread pool started its Web Worker (worker_entry.js beside the bundle)`);
    }
    const errors = log.filter((l) => l.startsWith("pageerror") || l.startsWith("console.error"));
    assert.deepEqual(errors, [], "no errors in the page");
  } catch (e) {
    if (log.length) t.diagnostic(`page log:\n${log.join("\n")}`);
    throw e;
  } finally {
    if (browser) await within(15_000, "closing Chromium", browser.close()).catch((e) => t.diagnostic(String(e)));
    if (server) await closeServer(server);
    rmSync(work, { recursive: true, force: true });
    t.diagnostic(`browser test: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
});
