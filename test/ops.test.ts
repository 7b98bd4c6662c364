// Every foundation op against real PyTorch (test/fixtures/ops.json, written by scripts/golden/ops_cases.py):
// forward values, shape, dtype, grad_fn, views and version counters; gradients of sum(out * w); the errors
// bad input raises, with the inputs left untouched; and float64 gradcheck + gradgradcheck at every
// differentiable sample. Adding an op = one OPS entry here + its cases in ops_cases.py + regenerating.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../src/index.js";
import { Tensor } from "../src/index.js";
import { loadFixture } from "./helpers/fixtures.js";

// ---- fixture types ------------------------------------------------------------------------------
type Num = number | "nan" | "inf" | "-inf" | "-0";
type Val = Num | boolean;
type DTypeName = "float32" | "float64" | "int64" | "int32" | "bool";
interface Encoded {
  values: Val[];
  shape: number[];
  dtype: DTypeName;
}
interface TensorSpec extends Encoded {
  /** transforms applied (without grad) to the contiguous base to get the operand */
  make: (string | number | number[] | null)[][];
  requiresGrad: boolean;
  strides: number[];
  offset: number;
}
type InputSpec = { tensor: TensorSpec } | { scalar: Val; kind: "int" | "float" | "bool" };
interface OutTensor extends Encoded {
  strides: number[];
  offset: number;
  gradFn: string | null;
  requiresGrad: boolean;
  isView: boolean;
  version: number;
}
type OutSpec = OutTensor | { value: Val };
type Check = true | { skip: string };
interface Case {
  id: string;
  op: string;
  args: Record<string, any>;
  inputs: InputSpec[];
  outputs: OutSpec[];
  versions: (number | null)[];
  w?: (Encoded | null)[];
  grads?: (Encoded | null)[];
  gradcheck?: Check;
  gradgradcheck?: Check;
  /** eps/atol for gradcheck where the output is float32 (its rounding shows in finite differences) */
  gradcheckOptions?: { eps?: number; atol?: number };
  note?: string;
}
interface ErrorCase {
  id: string;
  op: string;
  args: Record<string, any>;
  inputs: InputSpec[];
  error: { name: string; message: string };
  note?: string;
}
interface Fixture {
  torch: string;
  viewOps: string[];
  cases: Case[];
  errors: ErrorCase[];
  gradcheckFailure: { input: Encoded; factor: number; hookScale: number; error: { name: string; message: string } };
}

const fixture = loadFixture<Fixture>("ops.json");

// ---- decoding -----------------------------------------------------------------------------------
function decode(v: Val): number | boolean {
  switch (v) {
    case "nan":
      return NaN;
    case "inf":
      return Infinity;
    case "-inf":
      return -Infinity;
    case "-0":
      return -0;
    default:
      return v;
  }
}

/** Non-tensor arguments: "inf"/"-inf"/"nan" strings back to numbers ("..." stays an ellipsis). */
function decodeArgs(a: any): any {
  if (Array.isArray(a)) return a.map(decodeArgs);
  if (a !== null && typeof a === "object") return Object.fromEntries(Object.entries(a).map(([k, v]) => [k, decodeArgs(v)]));
  if (a === "inf" || a === "-inf" || a === "nan") return decode(a);
  return a;
}

function nest(values: (number | boolean)[], shape: number[]): any {
  if (shape.length === 0) return values[0];
  let pos = 0;
  const build = (d: number): any => {
    if (d === shape.length) return values[pos++];
    const out: any[] = [];
    for (let i = 0; i < shape[d]; i++) out.push(build(d + 1));
    return out;
  };
  return build(0);
}

function fromEncoded(e: Encoded, dtype: DTypeName = e.dtype): Tensor {
  // torch.tensor([]) can only say [0]: other empty shapes come from zeros
  const t = e.values.length === 0 ? torch.zeros(e.shape, { dtype }) : torch.tensor(nest(e.values.map(decode), e.shape), { dtype });
  assert.deepEqual(t.shape, e.shape);
  return t;
}

function applyMake(t: Tensor, m: TensorSpec["make"][number]): Tensor {
  switch (m[0]) {
    case "t":
      return t.t();
    case "transpose":
      return t.transpose(m[1] as number, m[2] as number);
    case "slice": {
      const items: torch.IndexItem[] = t.shape.map(() => [null, null]);
      items[m[1] as number] = [m[2] as number | null, m[3] as number | null, m[4] as number | null];
      return t.index(...items);
    }
    case "select":
      return t.select(m[1] as number, m[2] as number);
    case "expand":
      return t.expand(m[1] as number[]);
    case "permute":
      return t.permute(m[1] as number[]);
  }
  throw new Error(`unknown transform ${String(m[0])}`);
}

/** Builds the op's operands as ops_cases.py does: base, `make` without grad, then detach().requires_grad_(). */
function buildInputs(specs: InputSpec[]): (Tensor | number | boolean)[] {
  return specs.map((s) => {
    if ("scalar" in s) return decode(s.scalar);
    const spec = s.tensor;
    let t = fromEncoded(spec);
    t = torch.noGrad(() => spec.make.reduce(applyMake, t));
    if (spec.requiresGrad) t = t.detach().requiresGrad_();
    return t;
  });
}

/**
 * gradcheck's inputs: the contiguous bases, floating ones in float64, requiring grad as the operands do;
 * `remake` applies the `make` transforms inside the checked function (so non-contiguous and expanded
 * operands are checked too, while gradcheck itself only sees non-overlapping inputs, as in PyTorch).
 */
function gradcheckInputs(specs: InputSpec[]): { bases: any[]; remake: (bases: any[]) => any[] } {
  const bases = specs.map((s) => {
    if ("scalar" in s) return decode(s.scalar);
    const spec = s.tensor;
    const floating = spec.dtype === "float32" || spec.dtype === "float64";
    const t = fromEncoded(spec, floating ? "float64" : spec.dtype);
    return spec.requiresGrad ? t.requiresGrad_() : t;
  });
  const remake = (bs: any[]): any[] => bs.map((b, i) => { const s = specs[i]; return "scalar" in s ? b : s.tensor.make.reduce(applyMake, b); });
  return { bases, remake };
}

// ---- the ops ------------------------------------------------------------------------------------
type X = any[];
type A = Record<string, any>;
type OpFn = (x: X, a: A) => unknown;

const reduce = (name: "sum" | "mean" | "prod" | "max" | "min"): OpFn => (x, a) =>
  "dim" in a ? (x[0] as any)[name](a.dim, a.keepdim ?? false) : (x[0] as any)[name]();
/** self.op_(...) on the input (or on its clone); with `view`, on that view of it, giving [base, view]. */
const inplace = (name: "add_" | "sub_" | "mul_" | "div_" | "zero_" | "fill_" | "copy_"): OpFn => (x, a) => {
  const self: Tensor = a.clone ? x[0].clone() : x[0];
  const target: Tensor = a.view ? self.index(...a.view) : self;
  const r = name === "add_" || name === "sub_" ? target[name](x[1], a.alpha) : (target as any)[name](...x.slice(1));
  assert.equal(r, target, `${name} returns self`);
  return a.view ? [self, target] : self;
};
const creationOpts = (a: A): torch.TensorOptions => ({ dtype: a.dtype, requiresGrad: a.requiresGrad });
const toBigInts = (d: any): any => (Array.isArray(d) ? d.map(toBigInts) : BigInt(d));

/** op name -> how tensorgrad spells it. Mirrors OPS in scripts/golden/ops_cases.py. */
const OPS: Record<string, OpFn> = {
  add: (x, a) => x[0].add(x[1], a.alpha),
  sub: (x, a) => x[0].sub(x[1], a.alpha),
  mul: (x) => x[0].mul(x[1]),
  div: (x) => x[0].div(x[1]),
  pow: (x) => torch.pow(x[0], x[1]),
  neg: (x) => x[0].neg(),
  abs: (x) => x[0].abs(),
  exp: (x) => x[0].exp(),
  log: (x) => x[0].log(),
  sqrt: (x) => x[0].sqrt(),
  square: (x) => x[0].square(),
  sin: (x) => x[0].sin(),
  cos: (x) => x[0].cos(),
  tanh: (x) => x[0].tanh(),
  sigmoid: (x) => x[0].sigmoid(),
  relu: (x) => x[0].relu(),
  eq: (x) => x[0].eq(x[1]),
  ne: (x) => x[0].ne(x[1]),
  lt: (x) => x[0].lt(x[1]),
  le: (x) => x[0].le(x[1]),
  gt: (x) => x[0].gt(x[1]),
  ge: (x) => x[0].ge(x[1]),
  sum: reduce("sum"),
  mean: reduce("mean"),
  prod: reduce("prod"),
  max: reduce("max"),
  min: reduce("min"),
  amax: (x, a) => x[0].amax(a.dim, a.keepdim ?? false),
  amin: (x, a) => x[0].amin(a.dim, a.keepdim ?? false),
  norm: (x, a) => x[0].norm(a.p ?? 2, a.dim, a.keepdim ?? false),
  dot: (x) => x[0].dot(x[1]),
  mm: (x) => x[0].mm(x[1]),
  mv: (x) => x[0].mv(x[1]),
  matmul: (x) => x[0].matmul(x[1]),
  outer: (x) => x[0].outer(x[1]),
  view: (x, a) => x[0].view(a.shape),
  reshape: (x, a) => x[0].reshape(a.shape),
  t: (x) => x[0].t(),
  transpose: (x, a) => x[0].transpose(a.dim0, a.dim1),
  permute: (x, a) => x[0].permute(a.dims),
  expand: (x, a) => x[0].expand(a.sizes),
  expandAs: (x) => x[0].expandAs(x[1]),
  squeeze: (x, a) => ("dim" in a ? x[0].squeeze(a.dim) : x[0].squeeze()),
  unsqueeze: (x, a) => x[0].unsqueeze(a.dim),
  flatten: (x, a) => x[0].flatten(a.start ?? 0, a.end ?? -1),
  contiguous: (x) => x[0].contiguous(),
  index: (x, a) => x[0].index(...a.items),
  select: (x, a) => x[0].select(a.dim, a.index),
  narrow: (x, a) => x[0].narrow(a.dim, a.start, a.length),
  clone: (x) => x[0].clone(),
  where: (x) => torch.where(x[0], x[1], x[2]),
  maximum: (x) => torch.maximum(x[0], x[1]),
  minimum: (x) => torch.minimum(x[0], x[1]),
  to: (x, a) => x[0].to(a.dtype),
  float: (x) => x[0].float(),
  double: (x) => x[0].double(),
  long: (x) => x[0].long(),
  int: (x) => x[0].int(),
  bool: (x) => x[0].bool(),
  tensor: (_x, a) => torch.tensor(a.bigint ? toBigInts(a.data) : a.data, creationOpts(a)),
  zeros: (_x, a) => torch.zeros(a.shape, creationOpts(a)),
  ones: (_x, a) => torch.ones(a.shape, creationOpts(a)),
  full: (_x, a) => torch.full(a.shape, a.value, creationOpts(a)),
  arange: (_x, a) => (torch.arange as (...args: unknown[]) => Tensor)(...a.args, creationOpts(a)),
  linspace: (_x, a) => torch.linspace(a.start, a.end, a.steps, creationOpts(a)),
  zerosLike: (x, a) => torch.zerosLike(x[0], creationOpts(a)),
  onesLike: (x, a) => torch.onesLike(x[0], creationOpts(a)),
  fullLike: (x, a) => torch.fullLike(x[0], a.value, creationOpts(a)),
  add_: inplace("add_"),
  sub_: inplace("sub_"),
  mul_: inplace("mul_"),
  div_: inplace("div_"),
  zero_: inplace("zero_"),
  fill_: inplace("fill_"),
  copy_: inplace("copy_"),
  // only in error cases
  item: (x) => x[0].item(),
  requiresGrad_: (x, a) => (a.clone ? x[0].clone() : x[0]).requiresGrad_(a.flag ?? true),
  setRequiresGrad: (x, a) => {
    const t: Tensor = a.clone ? x[0].clone() : x[0];
    t.requiresGrad = a.flag;
    return t;
  },
};

// ---- PyTorch 2.x where the 1.13 oracle differs (API.md: tensorgrad follows 2.x) -------------------
function expectedGradFn(c: Case, recorded: string | null): string | null {
  // 2.x: Tensor.norm / torch.norm call torch.linalg.vector_norm (1.13: NormBackward1).
  if (c.op === "norm" && recorded !== null) return "LinalgVectorNormBackward0";
  // 2.x: a reshape/flatten that can be a view is a view (1.13: ReshapeAliasBackward0).
  if (recorded === "ReshapeAliasBackward0") return "ViewBackward0";
  // 2.x: matmul's 1-D @ 2-D case ends in squeeze_(0) (1.13: SqueezeBackward3).
  if (c.op === "matmul" && recorded === "SqueezeBackward3") return "SqueezeBackward4";
  // 2.x folds 2-D @ 3-D into one mm (then .mT().contiguous(): CloneBackward0) only when the 2-D operand
  // requires grad (should_fold); otherwise it takes the batched bmm path. 1.13 always folded.
  if (c.id === "matmul/2d_3d_rhs_only") return "UnsafeViewBackward0";
  return recorded;
}

const ERRORS_2X: Record<string, { name: string; message: string }> = {
  // 2.x: Tensor.item() is at::_local_scalar_dense (1.13: the Python-level ValueError).
  "item/many_elements": { name: "RuntimeError", message: "a Tensor with 6 elements cannot be converted to Scalar" },
  "item/no_elements": { name: "RuntimeError", message: "a Tensor with 0 elements cannot be converted to Scalar" },
  // 2.x CPU addmm_impl_cpu_ checks the dtypes itself (1.13: "expected scalar type Float but found Double").
  "mm/dtype_mismatch": { name: "RuntimeError", message: "expected m1 and m2 to have the same dtype, but got: float != double" },
  // 2.x addmv's message (1.13: "size mismatch, got 2, 2x3,4").
  "mv/shape_mismatch": { name: "RuntimeError", message: "size mismatch, got input (2), mat (2x3), vec (4)" },
  // 2.x narrow_symint checks the length, then the start (1.13 wrapped start like a dim).
  "narrow/negative_length": { name: "RuntimeError", message: "narrow(): length must be non-negative." },
  "narrow/start_out_of_range": { name: "IndexError", message: "start out of range (expected to be in range of [-3, 3], but got 4)" },
  // 2.x: Tensor.norm is torch.linalg.vector_norm (1.13: "norm(): input dtype should be either floating point or complex. Got Long instead.").
  "norm/integer_input": { name: "RuntimeError", message: "linalg.vector_norm: Expected a floating point or complex tensor as input. Got Long" },
};

// ---- comparisons --------------------------------------------------------------------------------
/** torch.testing defaults for float32, tighter for float64 (see the test plan); exact for ints and bools. */
function tolerance(dtype: DTypeName): [number, number] | null {
  if (dtype === "float32") return [1.3e-6, 1e-5];
  if (dtype === "float64") return [1e-7, 1e-7];
  return null;
}

function assertValues(actual: Tensor, expected: Encoded, what: string): void {
  assert.deepEqual(actual.shape, expected.shape, `${what}: shape`);
  assert.equal(actual.dtype.name, expected.dtype, `${what}: dtype`);
  const got = actual.tolist();
  const flat: (number | boolean)[] = actual.ndim === 0 ? [got as number | boolean] : (got as any[]).flat(Infinity);
  assert.equal(flat.length, expected.values.length, `${what}: number of elements`);
  const tol = tolerance(expected.dtype);
  expected.values.forEach((ev, i) => {
    const e = decode(ev);
    const g = flat[i];
    if (tol === null) {
      assert.equal(g, e, `${what}: element ${i}: got ${g}, expected ${e}`);
      return;
    }
    const [rtol, atol] = tol;
    const gn = g as number;
    const en = e as number;
    if (Number.isNaN(en)) assert.ok(Number.isNaN(gn), `${what}: element ${i}: got ${gn}, expected nan`);
    else if (!Number.isFinite(en)) assert.equal(gn, en, `${what}: element ${i}`);
    else assert.ok(Math.abs(gn - en) <= atol + rtol * Math.abs(en), `${what}: element ${i}: got ${gn}, expected ${en} (diff ${Math.abs(gn - en)})`);
  });
}

function outputsOf(r: unknown): unknown[] {
  return Array.isArray(r) ? [...r] : [r];
}

/** The floating-point outputs of an op: what gradcheck differentiates. */
function floatOutputs(r: unknown): Tensor | Tensor[] {
  const fl = outputsOf(r).filter((o): o is Tensor => o instanceof Tensor && o.dtype.isFloatingPoint);
  return fl.length === 1 ? fl[0] : fl;
}

// ---- the tests ----------------------------------------------------------------------------------
const viewOps = new Set(fixture.viewOps);
const counts = { forward: 0, gradients: 0, gradcheck: 0, gradgradcheck: 0, skipped: [] as string[], errors: 0 };

test("fixture covers every op in the table and vice versa", () => {
  const inFixture = new Set([...fixture.cases, ...fixture.errors].map((c) => c.op));
  assert.deepEqual([...inFixture].filter((op) => !(op in OPS)), []);
  assert.deepEqual(Object.keys(OPS).filter((op) => !inFixture.has(op)), []);
  assert.ok(fixture.cases.length > 900 && fixture.errors.length > 100, "fixture is populated");
});

const byOp = new Map<string, Case[]>();
for (const c of fixture.cases) byOp.set(c.op, [...(byOp.get(c.op) ?? []), c]);

for (const [op, cases] of byOp) {
  describe(op, () => {
    for (const c of cases) {
      test(c.id, () => runCase(c));
    }
  });
}

function runCase(c: Case): void {
  const args = decodeArgs(c.args);
  const inputs = buildInputs(c.inputs);
  c.inputs.forEach((s, i) => {
    if ("tensor" in s) {
      const t = inputs[i] as Tensor;
      assert.deepEqual(t.stride(), s.tensor.strides, `input ${i} strides as made in PyTorch`);
      assert.equal(t.storageOffset(), s.tensor.offset, `input ${i} offset`);
    }
  });
  const result = OPS[c.op](inputs, args);
  const outs = outputsOf(result);
  assert.equal(outs.length, c.outputs.length, "number of outputs");

  // forward
  c.outputs.forEach((spec, k) => {
    const o = outs[k];
    const what = `${c.id} output ${k}`;
    if ("value" in spec) {
      assert.equal(o, decode(spec.value), what);
      return;
    }
    assert.ok(o instanceof Tensor, `${what} is a Tensor`);
    assertValues(o, spec, what);
    assert.equal(o.gradFn ? o.gradFn.name() : null, expectedGradFn(c, spec.gradFn), `${what}: grad_fn`);
    assert.equal(o.requiresGrad, spec.requiresGrad, `${what}: requires_grad`);
    assert.equal(o.version, spec.version, `${what}: version`);
    assert.equal(o.base !== null, spec.isView, `${what}: is a view`);
    if (viewOps.has(c.op)) {
      assert.deepEqual(o.stride(), spec.strides, `${what}: strides`);
      assert.equal(o.storageOffset(), spec.offset, `${what}: storage offset`);
    }
    counts.forward++;
  });
  c.versions.forEach((v, i) => {
    if (v !== null) assert.equal((inputs[i] as Tensor).version, v, `${c.id}: version of input ${i} after the op`);
  });

  // gradients of sum(out_k * w_k)
  if (c.grads) {
    const ws = c.w!;
    let loss: Tensor | null = null;
    outs.forEach((o, k) => {
      const w = ws[k];
      if (!w) return;
      const term = (o as Tensor).mul(fromEncoded(w)).sum();
      loss = loss === null ? term : loss.add(term);
    });
    const wanted = inputs.filter((t): t is Tensor => t instanceof Tensor && t.requiresGrad);
    const grads = torch.autograd.grad([loss!], wanted, { allowUnused: true });
    let j = 0;
    c.grads.forEach((g, i) => {
      const t = inputs[i];
      if (!(t instanceof Tensor) || !t.requiresGrad) {
        assert.equal(g, null);
        return;
      }
      const got = grads[j++];
      if (g === null) assert.equal(got, null, `${c.id}: grad of input ${i} is None`);
      else {
        assert.ok(got, `${c.id}: grad of input ${i}`);
        assertValues(got, g, `${c.id} grad of input ${i}`);
        counts.gradients++;
      }
    });
  }

  // float64 gradcheck and gradgradcheck
  let check = gradcheckInputs(c.inputs);
  const fn = (...bases: unknown[]): Tensor | Tensor[] => floatOutputs(OPS[c.op](check.remake(bases), args));
  if (c.gradcheck === true) {
    assert.equal(torch.autograd.gradcheck(fn, check.bases, c.gradcheckOptions), true, `${c.id}: gradcheck`);
    counts.gradcheck++;
  } else if (c.gradcheck) counts.skipped.push(`${c.id}: ${c.gradcheck.skip}`);
  if (c.gradgradcheck === true) {
    check = gradcheckInputs(c.inputs);
    assert.equal(torch.autograd.gradgradcheck(fn, check.bases, null, c.gradcheckOptions), true, `${c.id}: gradgradcheck`);
    counts.gradgradcheck++;
  } else if (c.gradgradcheck && c.gradcheck === true) counts.skipped.push(`${c.id} (gradgradcheck): ${c.gradgradcheck.skip}`);
}

describe("bad input", () => {
  for (const e of fixture.errors) {
    test(e.id, () => {
      const args = decodeArgs(e.args);
      const inputs = buildInputs(e.inputs);
      // leaves that require grad get a .grad first, to see that the failed call leaves it alone
      const grads = inputs.map((t) => (t instanceof Tensor && t.requiresGrad && t.isLeaf ? (t.grad = torch.fullLike(t, 0.25)) : null));
      const before = inputs.map((t) => (t instanceof Tensor ? { values: t.detach().clone(), version: t.version } : null));
      const expected = ERRORS_2X[e.id] ?? e.error;
      assert.throws(
        () => OPS[e.op](inputs, args),
        (err: unknown) => {
          assert.ok(err instanceof Error, "an Error");
          assert.equal(err.name, expected.name, `${e.id}: error class (message: ${err.message})`);
          assert.equal(err.message, expected.message, `${e.id}: message`);
          return true;
        },
      );
      inputs.forEach((t, i) => {
        if (!(t instanceof Tensor)) return;
        const b = before[i]!;
        assert.deepEqual(t.tolist(), b.values.tolist(), `${e.id}: input ${i} values unchanged`);
        assert.equal(t.version, b.version, `${e.id}: input ${i} version unchanged`);
        if (grads[i] !== null) {
          assert.equal(t.grad, grads[i], `${e.id}: input ${i} .grad is the same tensor`);
          assert.deepEqual(t.grad!.tolist(), torch.fullLike(t, 0.25).tolist(), `${e.id}: input ${i} .grad values unchanged`);
        } else assert.equal(t.isLeaf ? t.grad : null, null, `${e.id}: input ${i} .grad still None`);
      });
      counts.errors++;
    });
  }
});

test("gradcheck raises GradcheckError with PyTorch's message for a wrong derivative", () => {
  const f = fixture.gradcheckFailure;
  const x = fromEncoded(f.input).requiresGrad_();
  const fn = (t: Tensor): Tensor => {
    const y = t.mul(f.factor);
    y.registerHook((g) => g.mul(f.hookScale)); // the analytical Jacobian becomes factor * hookScale
    return y;
  };
  assert.throws(
    () => torch.autograd.gradcheck(fn, [x]),
    (err: unknown) => {
      assert.ok(err instanceof torch.autograd.GradcheckError);
      assert.ok(err instanceof torch.RuntimeError, "GradcheckError is a RuntimeError");
      assert.equal(err.name, f.error.name);
      assert.equal(err.message, f.error.message);
      return true;
    },
  );
  assert.equal(torch.autograd.gradcheck(fn, [x], { raiseException: false }), false);
});

test("summary", () => {
  // Printed so the counts of what was checked show up in the test log.
  console.log(
    `ops: ${byOp.size} with ${fixture.cases.length} samples; ${counts.forward} forward checks, ${counts.gradients} gradient checks, ` +
      `${counts.gradcheck} gradcheck and ${counts.gradgradcheck} gradgradcheck runs, ${counts.errors} error cases; ` +
      `skipped (not differentiable there):\n  ${counts.skipped.join("\n  ")}`,
  );
});
