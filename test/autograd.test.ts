// Autograd semantics against PyTorch transcripts (scripts/golden/autograd_cases.py): each scenario
// runs the same program in tensorgrad and must print exactly the lines PyTorch printed.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import torch, { Tensor } from "../src/index.js";
import type { Node } from "../src/autograd/node.js";
import type { FunctionCtx } from "../src/autograd/function.js";
import { loadFixture } from "./helpers/fixtures.js";
import { fmtFloats, transcript } from "./helpers/py.js";

// The transcripts are PyTorch's printed lines, exactly: they run on the TypeScript kernels ("cpu"), whose
// bits are PyTorch's (the default backend, "wasm", gives exp/log/tanh/sigmoid/softmax within a few ulp).
torch.setBackend("cpu");

const expected = loadFixture<Record<string, string[]>>("autograd.json");
type Log = (...a: unknown[]) => void;
type Err = (f: () => unknown) => void;

/** Captures the UserWarnings emitted while fn runs. */
function captureWarnings(fn: () => void): string[] {
  const seen: string[] = [];
  const orig = process.emitWarning;
  process.emitWarning = ((msg: string, type?: string) => void seen.push(`${type}: ${msg}`)) as typeof process.emitWarning;
  try {
    fn();
  } finally {
    process.emitWarning = orig;
  }
  return seen;
}

const scenarios: Record<string, (log: Log, err: Err) => void> = {
  leaf_and_nonleaf(log) {
    const x = torch.tensor([1, 2, 3], { requiresGrad: true });
    const w = torch.tensor([0.5, -1, 2]);
    const y = x.mul(w);
    log(x.isLeaf, y.isLeaf, w.isLeaf, x.requiresGrad, y.requiresGrad, w.requiresGrad);
    log(x.gradFn, y.gradFn, y);
    const nf = y.gradFn!.nextFunctions;
    log(nf[0][0]!.name(), nf[0][1], nf[1]);
    log((nf[0][0] as unknown as { variable: Tensor }).variable === x);
    y.sum().backward();
    log(x.grad, w.grad);
    const warnings = captureWarnings(() => log(y.grad));
    log(warnings.length, warnings[0]?.split(":")[0] ?? "");
  },
  accumulate_and_retain_graph(log, err) {
    const x = torch.tensor(2.0, { requiresGrad: true });
    const y = x.pow(3);
    y.backward({ retainGraph: true });
    log(x.grad);
    y.backward();
    log(x.grad);
    err(() => y.backward());
    log(x.grad);
  },
  no_saved_tensors_backward_twice(log) {
    const x = torch.tensor([1, 2], { requiresGrad: true });
    const y = x.add(1);
    y.sum().backward();
    y.sum().backward();
    log(x.grad);
  },
  create_graph_higher_order(log) {
    let x = torch.tensor(1.5, { requiresGrad: true });
    let y = x.pow(3).add(x.sin().mul(x));
    const [d1] = torch.autograd.grad(y, x, { createGraph: true });
    const [d2] = torch.autograd.grad(d1!, x, { createGraph: true });
    const [d3] = torch.autograd.grad(d2!, x);
    log(d1, d2, d3);
    x = torch.tensor([0.5, -1.0], { requiresGrad: true });
    y = x.exp().mul(x.tanh()).sum();
    const g = torch.autograd.grad(y, x, { createGraph: true })[0]!;
    const h = torch.autograd.grad(g.sum(), x)[0];
    log(g, h);
    x = torch.tensor(2.0, { requiresGrad: true });
    y = x.pow(2);
    captureWarnings(() => y.backward({ createGraph: true }));
    log(x.grad, x.grad!.requiresGrad);
    const gx = x.grad!;
    x.grad = null;
    gx.backward();
    log(x.grad);
  },
  autograd_grad_options(log, err) {
    const a = torch.tensor([1, 2], { requiresGrad: true });
    const b = torch.tensor([3, 4], { requiresGrad: true });
    const c = torch.tensor([5, 6], { requiresGrad: true });
    const y = a.mul(b).sum();
    err(() => torch.autograd.grad(y, [a, c], { retainGraph: true }));
    log(torch.autograd.grad(y, [a, c], { allowUnused: true, retainGraph: true }));
    log(torch.autograd.grad(y, [a, c], { materializeGrads: true, retainGraph: true }));
    const out = a.mul(b);
    log(torch.autograd.grad(out, [a], { gradOutputs: torch.tensor([1, -1]), retainGraph: true }));
    err(() => torch.autograd.grad(out, [a]));
    log(torch.autograd.grad([out.sum(), a.mul(2).sum()], [a, b]));
    log(a.grad, b.grad);
    err(() => torch.autograd.grad(torch.tensor(1), [a]));
    err(() => torch.autograd.grad(a.mul(2).sum(), [torch.tensor(1)]));
  },
  backward_inputs(log, err) {
    const a = torch.tensor([1, 2], { requiresGrad: true });
    const b = torch.tensor([3, 4], { requiresGrad: true });
    const m = a.mul(b);
    const y = m.mul(m).sum();
    y.backward({ inputs: [a], retainGraph: true });
    log(a.grad, b.grad);
    y.backward({ inputs: [m] });
    log(m.grad, m.retainsGrad, a.grad, b.grad);
    err(() => a.mul(1).sum().backward({ inputs: [] }));
  },
  implicit_and_explicit_gradients(log, err) {
    const x = torch.tensor([[1, 2], [3, 4]], { requiresGrad: true });
    const y = x.mul(2);
    err(() => y.backward());
    err(() => y.backward(torch.ones(3)));
    err(() => torch.ones(2).backward());
    err(() => torch.ones(2, { requiresGrad: true }).sum().backward(torch.ones(2)));
    log(x.grad);
    y.backward(torch.tensor([[1, 0], [0, 1]]));
    log(x.grad);
    const s = torch.tensor(3, { requiresGrad: true });
    s.backward();
    log(s.grad);
    torch.autograd.backward([x.sum(), x.mul(x).sum()]);
    log(x.grad);
    torch.autograd.backward([x.mul(1)], { gradTensors: [torch.ones(2, 2)] });
    log(x.grad);
  },
  version_counter(log, err) {
    const a = torch.tensor([1, 2, 3], { requiresGrad: true });
    let y = a.mul(2);
    let z = y.mul(y);
    y.add_(1);
    log(y.version, y.gradFn);
    err(() => z.sum().backward());
    const b = a.detach();
    log(b.version, a.version, b.requiresGrad, b.isLeaf);
    z = a.mul(a);
    b.add_(1);
    log(a.version, b.version, a);
    err(() => z.sum().backward());
    const c = torch.tensor([1, 2, 3], { requiresGrad: true });
    const d = c.data;
    z = c.mul(c);
    d.mul_(10);
    log(c.version, d.version, c);
    z.sum().backward();
    log(c.grad);
    const w = torch.tensor([1, 2]);
    const x = torch.tensor([3, 4], { requiresGrad: true });
    z = x.mul(w);
    w.add_(1);
    err(() => z.sum().backward());
    const v = torch.ones(2, 3);
    const s = v.index(0);
    s.mul_(5);
    log(v.version, s.version, v);
    void y;
  },
  inplace_rules(log, err) {
    const x = torch.tensor([1, 2], { requiresGrad: true });
    err(() => x.add_(1));
    err(() => x.mul_(2));
    err(() => x.zero_());
    torch.noGrad(() => x.mul_(2));
    log(x, x.gradFn, x.isLeaf, x.version);
    const y = x.mul(3);
    y.add_(1);
    log(y, y.isLeaf);
    y.mul_(y.detach().clone());
    log(y);
    y.sum().backward();
    log(x.grad);
    const a = torch.zeros(2);
    a.add_(x);
    log(a, a.isLeaf, a.requiresGrad);
    a.sum().backward();
    log(x.grad);
    const q = torch.tensor([1n, 2n]);
    err(() => q.add_(1.5));
    err(() => torch.zeros(2).add_(torch.ones(2, 2)));
    const r = torch.tensor([1, 2], { requiresGrad: true }).mul(1);
    r.zero_();
    log(r);
  },
  inplace_on_views(log, err) {
    const a = torch.tensor([1, 2, 3, 4], { requiresGrad: true });
    const b = a.mul(1);
    const v = b.index([1, 3]);
    v.mul_(10);
    log(b, v, b.gradFn, v.gradFn, b.version, v.version);
    b.mul(torch.tensor([1, 2, 3, 4])).sum().backward();
    log(a.grad);
    const c = torch.zeros(2, 3);
    const x = torch.tensor([1, 2, 3], { requiresGrad: true });
    c.index(0).copy_(x);
    c.index(1).add_(x.mul(2));
    log(c, c.gradFn, c.isLeaf, c.requiresGrad);
    c.mul(c).sum().backward();
    log(x.grad);
    err(() => a.index(0).add_(1));
    err(() => a.view(2, 2).mul_(2));
    const d = a.clone();
    d.view(2, 2).index(0).mul_(a.index([null, 2]));
    d.index(3).zero_();
    log(d);
    a.grad = null;
    d.sum().backward();
    log(a.grad);
  },
  output_layout(log) {
    const x = torch.arange(6).view(2, 3).t();
    const y = torch.arange(6).view(3, 2);
    const z = torch.arange(24).view(2, 3, 4).permute(2, 0, 1);
    const cases: [string, Tensor][] = [
      ["x.neg()", x.neg()], ["x.clone()", x.clone()], ["x + y", x.add(y)], ["y + x", y.add(x)],
      ["x * 2", x.mul(2)], ["x + 1 row", x.add(torch.ones(2))], ["z.sin()", z.sin()], ["z + z", z.add(z)],
      ["z.clone()", z.clone()], ["x.contiguous()", x.contiguous()], ["x.reshape(6)", x.reshape(6)],
      ["x > 1", x.gt(1)], ["x[:, :1] + 0", x.index([null, null], [null, 1]).add(0)], ["col + row", torch.ones(3, 1).add(torch.ones(1, 2))],
    ];
    for (const [name, t] of cases) log(name, t.stride(), t.isContiguous(), t);
    const w = torch.arange(6, { requiresGrad: true }).view(2, 3).t();
    const c = w.contiguous();
    log(c.gradFn, w.clone().isContiguous(), w.clone().contiguous().gradFn);
  },
  custom_function(log, err) {
    class Exp extends torch.autograd.Function {
      static override forward(ctx: FunctionCtx, x: Tensor): Tensor {
        const r = x.exp();
        ctx.saveForBackward(r);
        return r;
      }
      static override backward(ctx: FunctionCtx, g: Tensor): Tensor {
        const [r] = ctx.savedTensors;
        return g.mul(r!);
      }
    }
    const x = torch.tensor([0.5, 1.0], { requiresGrad: true });
    const y = Exp.apply(x) as Tensor;
    log(y, y.gradFn, y.gradFn!.name(), y.gradFn!.nextFunctions.length);
    y.sum().backward({ retainGraph: true });
    log(x.grad);
    class Two extends torch.autograd.Function {
      static override forward(ctx: FunctionCtx, a: Tensor, k: number, b: Tensor): Tensor[] {
        ctx.k = k;
        return [a.mul(k), a.add(b)];
      }
      static override backward(ctx: FunctionCtx, ga: Tensor, gb: Tensor): (Tensor | null)[] {
        log("needs", ctx.needsInputGrad, gb);
        return [ga.mul(ctx.k as number).add(gb), null, gb];
      }
    }
    const a = torch.tensor([1, 2], { requiresGrad: true });
    const b = torch.tensor([3, 4], { requiresGrad: true });
    const [p, q] = Two.apply(a, 3.0, b) as Tensor[];
    log(p, q);
    p.sum().backward();
    log(a.grad, b.grad);
    class Bad extends torch.autograd.Function {
      static override forward(_ctx: FunctionCtx, x: Tensor): Tensor {
        return x.mul(2);
      }
      static override backward(_ctx: FunctionCtx, g: Tensor): Tensor[] {
        return [g, g];
      }
    }
    err(() => (Bad.apply(torch.ones(2, { requiresGrad: true })) as Tensor).sum().backward());
    class Inplace extends torch.autograd.Function {
      static override forward(ctx: FunctionCtx, x: Tensor): Tensor {
        x.mul_(2);
        ctx.markDirty(x);
        return x;
      }
      static override backward(_ctx: FunctionCtx, g: Tensor): Tensor {
        return g.mul(2);
      }
    }
    const z = torch.tensor([1, 2], { requiresGrad: true });
    const zc = z.clone();
    const w = Inplace.apply(zc) as Tensor;
    log(w, w === zc, zc.gradFn, zc.version);
    w.sum().backward();
    log(z.grad);
    class ND extends torch.autograd.Function {
      static override forward(ctx: FunctionCtx, x: Tensor): Tensor[] {
        const i = x.argmax();
        ctx.markNonDifferentiable(i);
        return [x.mul(1), i];
      }
      static override backward(_ctx: FunctionCtx, g: Tensor, gi: Tensor): Tensor {
        log("gi", gi);
        return g;
      }
    }
    const [v, i] = ND.apply(torch.tensor([1, 3], { requiresGrad: true })) as Tensor[];
    log(v.requiresGrad, i.requiresGrad);
    v.sum().backward();
    class NoMat extends torch.autograd.Function {
      static override forward(ctx: FunctionCtx, x: Tensor): Tensor[] {
        ctx.setMaterializeGrads(false);
        return [x.mul(1), x.mul(2)];
      }
      static override backward(_ctx: FunctionCtx, g1: Tensor | null, g2: Tensor | null): Tensor | null {
        log("nomat", g1, g2);
        return g1;
      }
    }
    const [r1] = NoMat.apply(torch.tensor([1], { requiresGrad: true })) as Tensor[];
    r1.sum().backward();
    log((Exp.apply(torch.tensor([1.0])) as Tensor).requiresGrad);
    y.sum().backward();
    err(() => y.sum().backward());
    const x2 = torch.tensor(0.7, { requiresGrad: true });
    const [g1] = torch.autograd.grad((Exp.apply(x2) as Tensor).mul(x2), x2, { createGraph: true });
    log(g1);
  },
  detach_and_data(log, err) {
    const x = torch.tensor([1, 2], { requiresGrad: true });
    const y = x.mul(x);
    const u = y.detach();
    const z = u.mul(x);
    z.sum().backward();
    log(x.grad, x.grad!.eq(u));
    log(u.requiresGrad, u.gradFn, y.detach_().gradFn, y.requiresGrad, y.isLeaf);
    const w = torch.ones(1, 2, { requiresGrad: true });
    log(w.data, w.data.requiresGrad, w.data.isLeaf);
    w.data = torch.tensor([[5, 6]]);
    log(w);
    const a = torch.tensor([1], { requiresGrad: true });
    log(a.requiresGrad_(false), a.requiresGrad);
    err(() => a.mul(1).requiresGrad_(true));
    err(() => torch.tensor([1n]).requiresGrad_());
    err(() => torch.tensor([1n], { requiresGrad: true }));
    const b = torch.tensor([1], { requiresGrad: true }).mul(2);
    err(() => b.requiresGrad_(false));
  },
  grad_modes(log) {
    const x = torch.tensor([1, 2], { requiresGrad: true });
    log(torch.isGradEnabled());
    torch.noGrad(() => {
      const y = x.mul(2);
      log(torch.isGradEnabled(), y.requiresGrad, y.gradFn);
      torch.enableGrad(() => {
        const z = x.mul(2);
        log(z.requiresGrad, z.gradFn);
      });
    });
    torch.setGradEnabled(false);
    const w = x.add(1);
    torch.setGradEnabled(true);
    log(w.requiresGrad, x.pow(2).requiresGrad);
  },
  retain_grad(log) {
    const x = torch.tensor([1, 2], { requiresGrad: true });
    const y = x.mul(3);
    y.retainGrad();
    log(y.retainsGrad, x.retainsGrad);
    const z = y.mul(y).sum();
    z.backward({ retainGraph: true });
    log(y.grad, x.grad);
    z.backward();
    log(y.grad, x.grad);
    x.retainGrad();
    log(x.retainsGrad);
  },
  tensor_hooks(log, err) {
    const x = torch.tensor([1, 2], { requiresGrad: true });
    const y = x.mul(2);
    const h1 = y.registerHook((g) => log("hook1 on y", g));
    y.registerHook((g) => g.mul(10));
    y.registerHook((g) => log("hook3 sees", g));
    x.registerHook((g) => log("leaf hook", g));
    y.retainGrad();
    y.sum().backward({ retainGraph: true });
    log(x.grad, y.grad);
    h1.remove();
    y.sum().backward();
    log(x.grad);
    err(() => torch.ones(2).registerHook((g) => g));
  },
  node_hooks_and_order(log) {
    const x = torch.tensor([0.5, 1.5], { requiresGrad: true });
    const a = x.mul(2);
    const b = a.exp();
    const c = a.sin();
    const d = b.add(c);
    const e = d.sum();
    for (const [name, t] of [["a", a], ["b", b], ["c", c], ["d", d], ["e", e]] as [string, Tensor][]) {
      t.gradFn!.registerPrehook(() => log("pre", name));
      t.gradFn!.registerHook((gi) => log("post", name, gi.map((g) => g !== null)));
    }
    x.registerHook((g) => log("x hook", g));
    e.backward();
    log(x.grad);
    const y = x.mul(3);
    y.gradFn!.registerHook((gi) => [gi[0]!.mul(0).add(7), null]);
    y.sum().backward();
    log(x.grad);
  },
  post_accumulate_hook(log) {
    const p = torch.tensor([1, 2], { requiresGrad: true });
    p.registerPostAccumulateGradHook((t) => log("post-acc", t.grad));
    p.mul(p).sum().backward();
    log(p.grad);
  },
  control_flow(log) {
    const f = (a: Tensor): Tensor => {
      let b = a.mul(2);
      while ((b.norm().item() as number) < 1000) b = b.mul(2);
      return (b.sum().item() as number) > 0 ? b : b.mul(100);
    };
    let a = torch.tensor(0.3119, { requiresGrad: true });
    let d = f(a);
    d.backward();
    log(a.grad, a.grad!.eq(d.div(a)));
    a = torch.tensor([[-0.0524, -0.0269, -0.8601]], { requiresGrad: true });
    d = f(a);
    d.sum().backward();
    log(a.grad, a.grad!.eq(d.div(a)));
  },
  sgd_plain: (log) => sgdRun(log, { lr: 0.1 }),
  sgd_momentum: (log) => sgdRun(log, { lr: 0.1, momentum: 0.9 }),
  sgd_nesterov_wd: (log) => sgdRun(log, { lr: 0.05, momentum: 0.8, nesterov: true, weightDecay: 0.01 }),
  sgd_dampening_maximize: (log) => sgdRun(log, { lr: 0.05, momentum: 0.5, dampening: 0.3, maximize: true }),
  sgd_zero_grad_modes(log, err) {
    const p = torch.tensor([1, 2], { requiresGrad: true });
    const opt = new torch.optim.SGD([p], { lr: 0.1 });
    p.mul(p).sum().backward();
    opt.zeroGrad({ setToNone: false });
    log(p.grad);
    opt.zeroGrad();
    log(p.grad);
    const g = opt.paramGroups[0];
    log(g.lr, g.momentum, g.nesterov);
    err(() => new torch.optim.SGD([p], { lr: -1 }));
    err(() => new torch.optim.SGD([p], { lr: 0.1, nesterov: true }));
  },
};

function sgdRun(log: Log, opts: Partial<import("../src/optim/sgd.js").SGDOptions>): void {
  const w = torch.tensor([[0.5, -0.3], [0.8, 0.1]], { requiresGrad: true });
  const b = torch.tensor([0.1, -0.2], { requiresGrad: true });
  const X = torch.tensor([[1, 2], [3, -1], [0.5, 0.25]]);
  const Y = torch.tensor([[1, 0], [0, 1], [1, 1]]);
  const opt = new torch.optim.SGD([w, b], opts);
  for (let i = 0; i < 5; i++) {
    opt.zeroGrad();
    const loss = X.mm(w).add(b).sub(Y).pow(2).mean();
    loss.backward();
    opt.step();
  }
  log(w, b);
  (log as unknown as (s: string) => void)(`${fmtFloats(w.tolist())} ${fmtFloats(b.tolist())}`);
}

/**
 * Lines match exactly, except lists of full-precision floats (the SGD parameters): float32 sums in a
 * different order can differ in the last bits, so those compare like torch.testing's float32 defaults.
 */
function assertLine(actual: string, want: string): void {
  if (!want.startsWith("[[") || actual === want) return assert.equal(actual, want);
  const nums = (s: string) => s.match(/-?\d+\.\d+(e[-+]\d+)?/g)!.map(Number);
  const a = nums(actual);
  const w = nums(want);
  assert.equal(a.length, w.length, `${actual}\n${want}`);
  a.forEach((v, i) => assert.ok(Math.abs(v - w[i]) <= 1e-7 + 1.3e-6 * Math.abs(w[i]), `${actual}\n!=\n${want}`));
}

for (const [name, lines] of Object.entries(expected)) {
  test(`autograd transcript: ${name}`, () => {
    const run = scenarios[name];
    assert.ok(run, `scenario ${name} is not ported`);
    const t = transcript();
    run(t.log, t.err);
    assert.equal(t.lines.length, lines.length, `line count\n${t.lines.join("\n")}`);
    t.lines.forEach((line, i) => assertLine(line, lines[i]));
  });
}

test("every ported scenario has a PyTorch transcript", () => {
  assert.deepEqual(Object.keys(scenarios).sort(), Object.keys(expected).sort());
});

void (null as unknown as Node);

// AccumulateGrad's layout contract: .grad takes the strides of a non-overlapping and dense leaf (else
// it is contiguous), whatever layout the incoming gradient had. Expected strides from torch 1.13 (the
// contract is the same in 2.x).
describe("the .grad layout contract", () => {
  test("grads take the leaf's strides", () => {
    torch.manualSeed(0);
    const w1 = torch.randn([6, 5]).requiresGrad_();
    torch.nn.functional.linear(torch.randn([4, 5]), w1).sum().backward(); // mm's grad arrives transposed
    assert.deepEqual(w1.grad!.stride(), [5, 1]);
    const w = torch.randn([3, 4]).requiresGrad_();
    w.t().mul(2).sum().backward();
    assert.deepEqual(w.grad!.stride(), [4, 1]);
    const v = torch.randn([4, 3]).t().requiresGrad_();
    v.mul(v).sum().backward();
    assert.deepEqual([v.stride(), v.grad!.stride()], [[1, 3], [1, 3]]);
    const nd = torch.randn([4, 6]).index([null, null], [null, null, 2]).detach().requiresGrad_();
    nd.mul(2).sum().backward();
    assert.deepEqual([nd.stride(), nd.grad!.stride()], [[6, 2], [3, 1]]);
    // a grad that obeys the contract keeps its own strides, size-1 dims included
    const x = torch.randn([5, 1]).requiresGrad_();
    x.t().mul(2).sum().backward();
    assert.deepEqual([x.stride(), x.grad!.stride()], [[1, 1], [1, 5]]);
    // the values are the same whatever the layout
    assert.deepEqual(w.grad!.tolist(), [[2, 2, 2, 2], [2, 2, 2, 2], [2, 2, 2, 2]]);
  });

  test("under create_graph the grad is copied into the leaf's layout", () => {
    const w = torch.randn([3, 4]).requiresGrad_();
    const [g] = torch.autograd.grad(w.t().mul(2).sum(), [w], { createGraph: true });
    assert.deepEqual(g!.stride(), [1, 3]); // autograd.grad returns the gradient as computed
    const v = torch.randn([4, 3]).t().requiresGrad_();
    v.t().mul(3).sum().backward({ createGraph: true });
    assert.deepEqual(v.grad!.stride(), [1, 3]);
  });
});

// relu's derivative is threshold_backward(grad, result, 0): +0 where the result is not positive, even
// for a negative or NaN incoming gradient (a product with a mask would give -0 and NaN). Expected
// values from torch 1.13.
describe("relu backward is threshold_backward", () => {
  test("masked positions are +0 whatever the incoming gradient", () => {
    const x = torch.tensor([-1, 2]).requiresGrad_();
    x.relu().backward(torch.tensor([-3, -3]));
    assert.equal(String(x.grad), "tensor([ 0., -3.])");
    assert.ok(Object.is(x.grad!.tolist()[0 as never], 0));
    const z = torch.tensor([-1, 2]).requiresGrad_();
    z.relu().backward(torch.tensor([NaN, 1]));
    assert.equal(String(z.grad), "tensor([0., 1.])");
  });

  test("double backward goes through ThresholdBackwardBackward0", () => {
    const y = torch.tensor([-1, 2]).requiresGrad_();
    const [g] = torch.autograd.grad(y.relu().sum(), [y], { createGraph: true });
    assert.equal(String(g), "tensor([0., 1.], grad_fn=<ThresholdBackwardBackward0>)");
    const x = torch.tensor([-1, 2, 3]).requiresGrad_();
    const [gx] = torch.autograd.grad(x.relu().pow(2).sum(), [x], { createGraph: true });
    gx!.sum().backward();
    assert.equal(String(x.grad), "tensor([0., 2., 2.])");
  });
});

// Elementwise results with a zero-size dim take contiguous strides computed with sizes of at least 1,
// as PyTorch's (torch 1.13: zeros(2, 0).add(1).stride() == (1, 1)).
test("empty elementwise results have PyTorch's strides", () => {
  assert.deepEqual(torch.zeros([2, 0]).add(1).stride(), [1, 1]);
  assert.deepEqual(torch.zeros([0, 3]).exp().stride(), [3, 1]);
  assert.deepEqual(torch.zeros([3, 0, 2]).mul(2).stride(), [2, 2, 1]);
});
