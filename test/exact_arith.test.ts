// add/sub (with and without alpha), mul and div give PyTorch's bits, out of place and in place
// (fixture: scripts/golden/exact_arith_cases.py).
import assert from "node:assert/strict";
import { test } from "node:test";
import torch from "../src/index.js";
import { loadFixture } from "./helpers/fixtures.js";

// PyTorch's bits are the TypeScript kernels' promise: pin them ("cpu"; the default is "wasm").
torch.setBackend("cpu");

interface Case { op: "add" | "sub" | "mul" | "div"; alpha: number | null; dtype: "float32" | "float64"; a: number[]; b: number[]; out: number[] }
const fx = loadFixture<{ cases: Case[] }>("exact_arith.json");

for (const c of fx.cases) {
  test(`${c.op}${c.alpha === null ? "" : ` alpha=${c.alpha}`} ${c.dtype} is bit-exact`, () => {
    const a = torch.tensor(c.a, { dtype: c.dtype });
    const b = torch.tensor(c.b, { dtype: c.dtype });
    const out = c.alpha === null ? (a as any)[c.op](b) : (a as any)[c.op](b, c.alpha);
    assert.deepEqual(out.tolist(), c.out);
    const inplace = a.clone();
    if (c.alpha === null) (inplace as any)[`${c.op}_`](b);
    else (inplace as any)[`${c.op}_`](b, c.alpha);
    assert.deepEqual(inplace.tolist(), c.out);
  });
}
