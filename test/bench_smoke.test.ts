// The benchmark suite still runs: every bench function once, on tiny sizes. No timing is asserted here
// (timings live in `npm run bench`); only that each suite produces finite numbers without errors.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { TENSORGRAD_ONLY_KEYS, TINY_SIZES, selectedKeys, type SuiteResult } from "../bench/common.js";
import { soak } from "../bench/soak.js";
import { runTensorgradSuite } from "../bench/tensorgrad.js";

const runJs = join(dirname(fileURLToPath(import.meta.url)), "..", "bench", "run.js");
const tinyKeys = [...selectedKeys(undefined, TINY_SIZES)];

function assertAllFinite(res: SuiteResult, keys: string[]): void {
  assert.deepEqual(res.errors, {}, `${res.name}: ${JSON.stringify(res.errors)}`);
  for (const k of keys) assert.ok(Number.isFinite(res.results[k]), `${res.name}: no finite ${k} (${JSON.stringify(res.results)})`);
}

test("bench: the tensorgrad suite runs every benchmark on tiny sizes", async () => {
  const res = await runTensorgradSuite("tg", TINY_SIZES, new Set(tinyKeys));
  assertAllFinite(res, tinyKeys);
  assert.ok(Number.isFinite(res.checks?.mlpLoss as number));
});

test("bench: the soak loop reports memory every N steps", () => {
  const r = soak(12, 4, undefined, TINY_SIZES.mlp);
  assert.deepEqual(r.samples.map((s) => s.step), [4, 8, 12]);
  for (const s of r.samples) assert.ok(s.rssMB > 0 && Number.isFinite(s.loss));
  assert.match(r.verdict, /RSS .* MB/);
});

test("bench: `npm run bench -- --tiny` runs tensorgrad and every JavaScript peer and prints the table", () => {
  const dir = mkdtempSync(join(tmpdir(), "tg-bench-smoke-"));
  try {
    const json = join(dir, "bench.json");
    const r = spawnSync(process.execPath, [runJs, "--tiny", "--json", json, "--peers", "torch,tfjs-cpu,tfjs-wasm,tfjs-wasm-mt,jax-js"], { encoding: "utf8", timeout: 240_000 });
    assert.equal(r.status, 0, `bench exited ${r.status ?? r.signal}: ${r.stderr}`);
    assert.match(r.stdout, /benchmark .* vs PyTorch/);
    const out = JSON.parse(readFileSync(json, "utf8")) as { columns: SuiteResult[] };
    const byName = new Map(out.columns.map((c) => [c.name, c]));
    const peerKeys = tinyKeys.filter((k) => k !== "quadratic" && !TENSORGRAD_ONLY_KEYS.includes(k));
    for (const name of ["tfjs-cpu", "tfjs-wasm", "tfjs-wasm-mt", "jax-js-wasm"]) {
      const col = byName.get(name);
      assert.ok(col, `no ${name} column`);
      assertAllFinite(col, peerKeys);
    }
    const tg = out.columns.filter((c) => c.name.startsWith("tg"));
    assert.ok(tg.length >= 1);
    for (const c of tg) assertAllFinite(c, tinyKeys);
    // PyTorch is measured only where python3-torch is installed; tests never need it.
    const torch = byName.get("PyTorch");
    if (torch && !torch.errors["*"]) assertAllFinite(torch, tinyKeys.filter((k) => !TENSORGRAD_ONLY_KEYS.includes(k)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
