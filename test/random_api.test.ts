// torch.randint / randperm / normal / bernoulli / multinomial and the in-place uniform_/normal_/bernoulli_
// give PyTorch's exact numbers for the same seed (fixture: scripts/golden/random_api_cases.py), and
// PyTorch's errors for bad input.
import assert from "node:assert/strict";
import { test } from "node:test";
import torch, { Tensor } from "../src/index.js";
import { loadFixture } from "./helpers/fixtures.js";

// PyTorch's exact numbers, transforms included: on the TypeScript kernels ("cpu"; the default is "wasm").
torch.setBackend("cpu");

interface Case {
  kind: string;
  seed: number;
  args: any;
  out?: { shape: number[]; dtype: string; values: number[] };
  error?: { name: string; message: string };
}
const fx = loadFixture<{ torch: string; cases: Case[] }>("random_api.json");

const run: Record<string, (a: any) => Tensor> = {
  uniform_: (a) => torch.empty(a.shape, { dtype: a.dtype }).uniform_(a.from, a.to),
  uniform_t: (a) => (a.shape.length === 2 ? torch.empty(a.shape, { dtype: a.dtype }).t() : torch.empty(a.shape, { dtype: a.dtype })).uniform_(),
  normal_: (a) => torch.empty(a.shape, { dtype: a.dtype }).normal_(a.mean, a.std),
  bernoulli_p: (a) => torch.empty(a.shape, { dtype: a.dtype }).bernoulli_(a.p),
  randint: (a) => torch.randint(a.low, a.high, a.shape),
  randint_high: (a) => torch.randint(a.high, a.shape),
  randperm: (a) => torch.randperm(a.n),
  bernoulli: (a) => torch.bernoulli(torch.tensor(a.p)),
  multinomial: (a) => torch.multinomial(torch.tensor(a.p), a.n, a.replacement),
  normal_tt: (a) => torch.normal(torch.tensor(a.mean), torch.tensor(a.std)),
  normal_ts: (a) => torch.normal(torch.tensor(a.mean), a.std),
  normal_ff: (a) => torch.normal(a.mean, a.std, a.shape),
  randn_rand_mix: () => torch.tensor([...(torch.randn(20).tolist() as number[]), ...(torch.rand(5).tolist() as number[]), ...(torch.randn(17, { dtype: "float64" }).float().tolist() as number[])]),
};

test(`random API: ${fx.cases.length} cases equal torch ${fx.torch}'s numbers and errors`, () => {
  let checked = 0;
  for (const c of fx.cases) {
    torch.manualSeed(c.seed);
    const label = `${c.kind} seed=${c.seed} ${JSON.stringify(c.args)}`;
    if (c.error) {
      assert.throws(() => run[c.kind](c.args), { name: c.error.name, message: c.error.message }, label);
      continue;
    }
    const t = run[c.kind](c.args);
    assert.deepEqual(t.shape, c.out!.shape, label);
    assert.equal(t.dtype.name, c.out!.dtype, label);
    assert.deepEqual(t.flatten().tolist(), c.out!.values, label);
    checked++;
  }
  assert.equal(checked, fx.cases.filter((c) => !c.error).length);
  assert.ok(checked > 250);
});

test("a generator passed explicitly is used instead of the default one", () => {
  const g = new torch.Generator().manualSeed(42);
  torch.manualSeed(42);
  const a = torch.randint(0, 100, [8], { generator: g });
  const b = torch.randint(0, 100, [8]);
  assert.deepEqual(a.tolist(), b.tolist());
  const x = torch.empty(5).uniform_(0, 1, { generator: g });
  const y = torch.empty(5).uniform_();
  assert.deepEqual(x.tolist(), y.tolist());
});

test("in-place random ops bump the version and refuse leaves that require grad", () => {
  const x = torch.zeros(3);
  x.normal_();
  assert.equal(x.version, 1);
  const w = torch.zeros(3, { requiresGrad: true });
  assert.throws(() => w.uniform_(), { name: "RuntimeError", message: "a leaf Variable that requires grad is being used in an in-place operation." });
  torch.noGrad(() => w.uniform_());
  assert.equal(w.version, 1);
});
