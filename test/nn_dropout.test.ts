// F.dropout's random numbers against PyTorch (test/fixtures/nn_dropout.json, written by
// scripts/golden/nn_dropout_cases.py): for a seed, p, shape and dtype, the same kept elements, the same
// scaled values (input * (mask / (1 - p))), the same gradient, and the generator left where PyTorch
// leaves it. Every comparison is exact (Object.is: the sign of zero too).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../src/index.js";
import { loadFixture } from "./helpers/fixtures.js";

// Exact comparisons with PyTorch: on the TypeScript kernels ("cpu"; the default is "wasm").
torch.setBackend("cpu");

type Num = number | "-0";
interface Case {
  seed: number;
  p: number;
  shape: number[];
  dtype: "float32" | "float64";
  pre: number;
  training: boolean;
  input: Num[];
  output: Num[];
  grad: Num[];
  gradFn: string;
  after: number[];
  make?: "t" | "permute" | "slice";
  strides?: number[];
}
const fixture = loadFixture<{ torch: string; cases: Case[] }>("nn_dropout.json");
const dec = (v: Num): number => (v === "-0" ? -0 : v);

function sameValues(got: ArrayLike<number>, want: Num[], what: string): void {
  assert.equal(got.length, want.length, `${what}: length`);
  for (let i = 0; i < want.length; i++)
    if (!Object.is(got[i], dec(want[i]))) assert.fail(`${what}: element ${i}: got ${got[i]}, expected ${dec(want[i])}`);
}

test("dropout draws PyTorch's masks and scales like PyTorch", () => {
  assert.ok(fixture.cases.length > 0);
  for (const c of fixture.cases) {
    const what = `seed ${c.seed} p ${c.p} shape [${c.shape}] ${c.dtype} pre ${c.pre}`;
    const base = torch.tensor(c.input.map(dec), { dtype: c.dtype });
    const view =
      c.make === "t" ? base.reshape(6, 10).t()
      : c.make === "permute" ? base.reshape(3, 4, 5).permute(2, 0, 1)
      : c.make === "slice" ? base.reshape(6, 10).index([null, null], [null, null, 2])
      : base.reshape(c.shape);
    const x = view.detach().requiresGrad_();
    assert.deepEqual(x.shape, c.shape, `${what}: shape`);
    torch.manualSeed(c.seed);
    if (c.pre) torch.rand(c.pre);
    const y = torch.nn.functional.dropout(x, c.p);
    assert.equal(y.gradFn?.name(), c.gradFn, `${what}: grad_fn`);
    sameValues(y.detach()._values(), c.output, `${what}: output`);
    if (c.strides) assert.deepEqual(y.stride(), c.strides, `${what}: strides`);
    y.sum().backward();
    sameValues(x.grad!._values(), c.grad, `${what}: grad`);
    sameValues(torch.rand(2, { dtype: "float64" })._values(), c.after, `${what}: generator state after`);
  }
});

test("dropout's options form, eval mode and p = 0 return the input itself; p = 1 zeroes", () => {
  const F = torch.nn.functional;
  const x = torch.linspace(-1, 1, 6).requiresGrad_();
  assert.equal(F.dropout(x, 0.5, false), x);
  assert.equal(F.dropout(x, { p: 0.5, training: false }), x);
  assert.equal(F.dropout(x, 0), x);
  const z = F.dropout(x, { p: 1 });
  assert.equal(z.gradFn?.name(), "MulBackward0");
  assert.deepEqual(Array.from(z.detach()._values()).map((v) => Math.abs(v)), [0, 0, 0, 0, 0, 0]);
  assert.throws(() => F.dropout(x, 1.5), { name: "ValueError", message: "dropout probability has to be between 0 and 1, but got 1.5" });
});

test("dropout's statistics: about 1 - p of the elements kept, each scaled by 1 / (1 - p)", () => {
  const F = torch.nn.functional;
  torch.manualSeed(7);
  const n = 20000;
  const p = 0.3;
  const y = F.dropout(torch.ones(n), p)._values();
  let kept = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] !== 0) {
      kept++;
      assert.equal(y[i], Math.fround(1 / Math.fround(1 - p)));
    }
  }
  assert.ok(Math.abs(kept / n - (1 - p)) < 0.02, `kept fraction ${kept / n}`);
});
