// torch.autograd.functional against PyTorch (fixture: scripts/golden/autograd_functional_cases.py).
import assert from "node:assert/strict";
import { test } from "node:test";
import torch, { Tensor } from "../src/index.js";
import { loadFixture } from "./helpers/fixtures.js";

const want = loadFixture<any[]>("autograd_functional.json");
const F = torch.autograd.functional;
const d = { dtype: "float64" as const };
const f = (x: Tensor, y: Tensor): Tensor[] => [x.exp().mul(y.sin()).sum(0), x.mul(y)];
const s = (x: Tensor, y: Tensor): Tensor => x.pow(3).mul(y).add(x.sin().mul(y.pow(2))).sum();
const x = torch.tensor([[0.5, -1.0, 2.0], [0.25, 1.5, -0.5]], d);
const y = torch.tensor([[1.0, 0.5, -2.0], [0.3, -0.7, 1.2]], d);
const v1 = torch.tensor([1.0, -2.0, 0.5], d);
const v2 = torch.ones(2, 3, d).mul(0.5);
const list = (ts: any): any => (Array.isArray(ts) ? ts.map(list) : ts.tolist());

function assertClose(a: any, b: any, path = ""): void {
  if (Array.isArray(b)) {
    assert.equal(a.length, b.length, path);
    b.forEach((v, i) => assertClose(a[i], v, `${path}[${i}]`));
  } else assert.ok(Math.abs(a - b) <= 1e-12 + 1e-10 * Math.abs(b), `${path}: ${a} vs ${b}`);
}

const cases: [string, () => any][] = [
  ["jacobian of two outputs w.r.t. two inputs", () => list(F.jacobian(f as any, [x, y]))],
  ["hessian w.r.t. two inputs", () => list(F.hessian(s as any, [x, y]))],
  ["vjp", () => list(F.vjp(f as any, [x, y], [v1, v2]))],
  ["jvp", () => list(F.jvp(f as any, [x, y], [v2, v2.mul(2)]))],
  ["vhp", () => list(F.vhp(s as any, [x, y], [v2, v2.mul(3)]))],
  ["hvp", () => list(F.hvp(s as any, [x, y], [v2, v2.mul(3)]))],
  ["jacobian of one input", () => list(F.jacobian((t: Tensor) => t.sin(), torch.tensor([0.1, 0.2], d)))],
  ["hessian of one input", () => list(F.hessian((t: Tensor) => t.pow(3).sum(), torch.tensor([0.1, 0.2], d)))],
];
cases.forEach(([name, run], i) => test(`autograd.functional: ${name} equals PyTorch's`, () => assertClose(run(), want[i])));

test("autograd.functional with createGraph gives differentiable results", () => {
  const t = torch.tensor([0.3, -0.4], { dtype: "float64", requiresGrad: true });
  const J = F.jacobian((u: Tensor) => u.pow(3), t, { createGraph: true }) as Tensor;
  assert.ok(J.requiresGrad);
  const [g] = torch.autograd.grad(J.sum(), t);
  assertClose(g!.tolist(), [6 * 0.3, 6 * -0.4]);
});
