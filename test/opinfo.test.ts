// The op table (test/opinfo/*.ts, contract in test/opinfo/types.ts) checked against PyTorch.
//
// Regenerate the fixtures after adding or changing an entry (from the repo root):
//   npm run golden                  (everything: tsc, the spec dump, every scripts/golden/*.py)
// or just the op table:
//   npx tsc -p . && node dist/test/opinfo/dump.js --write && /usr/bin/python3 scripts/golden/opinfo_cases.py
// or only some ops (the others' records are kept):
//   npx tsc -p . && node dist/test/opinfo/dump.js --write && /usr/bin/python3 scripts/golden/opinfo_cases.py --ops add,mul
// Run this module:
//   npx tsc -p . && node --test dist/test/opinfo.test.js
//
// For every op and sample: the inputs are built as PyTorch built them (same materialised values, `make`
// steps under noGrad, then detach().requiresGrad_()), their strides checked, the entry's `ts` run, and
// each output compared with PyTorch's: values (torch.testing's tolerances for the dtype unless the sample
// overrides; exact for integer and bool), shape, dtype, grad_fn name (with the entry's `torch2`
// overrides), requires_grad; with `checkViews`, view-ness and versions; with `checkStrides`, strides and
// storage offset. Then the float gradients of sum(out_k * w_k) with PyTorch's weights against PyTorch's,
// and float64 gradcheck and gradgradcheck (the `make` steps run inside the checked function on
// contiguous float64 bases: gradcheck rejects overlapping inputs). Error samples: PyTorch's exception
// name and message, and every input's values, version and .grad unchanged. A table entry without a
// fixture record, a record whose hash no longer matches the entry (stale), or a record for an op or
// sample the table no longer has, fails the "fixture matches the op table" test.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../src/index.js";
import { Tensor } from "../src/index.js";
import { loadFixture } from "./helpers/fixtures.js";
import { OPS } from "./opinfo/index.js";
import { decodeValue, materializeSample, type MInput, type MTensor, type SpecSample } from "./opinfo/spec.js";
import type { DT, MakeStep, OpInfo, Sample, Value } from "./opinfo/types.js";

// ---- fixture ---------------------------------------------------------------------------------------
interface OutTensor {
  values: Value[];
  shape: number[];
  dtype: DT;
  strides: number[];
  offset: number;
  gradFn: string | null;
  requiresGrad: boolean;
  isView: boolean;
  version: number;
}
type Out = OutTensor | { value: unknown } | { list: Out[] } | { repr: string };
type Check = true | { skip: string; auto?: boolean };
interface PyErr {
  name: string;
  message: string;
}
interface Rec {
  hash: string;
  inputs?: [number[], number][];
  outputs?: Out[];
  versions?: number[];
  w?: (Value[] | null)[];
  grads?: ({ values: Value[]; shape: number[]; dtype: DT } | null)[];
  gradcheck?: Check;
  gradgradcheck?: Check;
  pyError?: PyErr;
  gradError?: PyErr;
}
interface ErrRec {
  hash: string;
  error?: PyErr;
  noError?: true;
  pyError?: PyErr;
}
interface Fixture {
  torch: string;
  ops: Record<string, { samples: Record<string, Rec>; errors: Record<string, ErrRec> }>;
  gradcheckFailure: { input: { values: number[]; shape: number[]; dtype: DT }; factor: number; hookScale: number; error: PyErr };
}

const REGEN = "regenerate: npx tsc -p . && node dist/test/opinfo/dump.js --write && /usr/bin/python3 scripts/golden/opinfo_cases.py";
let fixture: Fixture | null = null;
let fixtureProblem = "";
try {
  fixture = loadFixture<Fixture>("opinfo.json");
} catch (e) {
  fixtureProblem = `test/fixtures/opinfo.json cannot be read (${(e as Error).message}); ${REGEN}`;
}

// ---- building inputs -------------------------------------------------------------------------------
function nest(values: (number | boolean)[], shape: number[]): unknown {
  if (shape.length === 0) return values[0];
  let pos = 0;
  const build = (d: number): unknown[] => {
    const out: unknown[] = [];
    for (let i = 0; i < shape[d]; i++) out.push(d + 1 === shape.length ? values[pos++] : build(d + 1));
    return out;
  };
  return build(0);
}

function fromValues(values: Value[], shape: number[], dtype: DT): Tensor {
  // torch.tensor([]) can only say [0]: other empty shapes come from zeros
  const n = shape.reduce((p, d) => p * d, 1);
  if (n === 0) return torch.zeros(shape, { dtype });
  const t = torch.tensor(nest(values.map(decodeValue), shape) as any, { dtype });
  assert.deepEqual(t.shape, shape);
  return t;
}

function applyMake(t: Tensor, m: MakeStep): Tensor {
  switch (m[0]) {
    case "t":
      return t.t();
    case "transpose":
      return t.transpose(m[1], m[2]);
    case "permute":
      return t.permute(m[1]);
    case "slice": {
      const items: torch.IndexItem[] = t.shape.map(() => [null, null]);
      items[m[1]] = [m[2], m[3], m[4]];
      return t.index(...items);
    }
    case "select":
      return t.select(m[1], m[2]);
    case "expand":
      return t.expand(m[1]);
  }
  throw new Error(`unknown make step ${JSON.stringify(m)}`);
}

function operand(s: MTensor): Tensor {
  let t = fromValues(s.values, s.shape, s.dtype);
  t = torch.noGrad(() => s.make.reduce(applyMake, t));
  if (s.requiresGrad) t = t.detach().requiresGrad_();
  return t;
}

function scalarOf(s: { scalar: Value; kind: string }): number | boolean {
  const v = decodeValue(s.scalar);
  return s.kind === "bool" ? Boolean(v) : (v as number);
}

/** The op's `x`: tensors, JS numbers/booleans, arrays of tensors. */
function buildInputs(inputs: MInput[]): unknown[] {
  return inputs.map((i) => ("scalar" in i ? scalarOf(i) : "list" in i ? i.list.map(operand) : operand(i.tensor)));
}

/** Tensor operands in order, list elements flattened (the fixture's per-input records follow this). */
function leavesOf(x: unknown[]): Tensor[] {
  return x.flatMap((v) => (v instanceof Tensor ? [v] : Array.isArray(v) ? (v as Tensor[]) : []));
}
function tensorSpecs(inputs: MInput[]): MTensor[] {
  return inputs.flatMap((i) => ("tensor" in i ? [i.tensor] : "list" in i ? i.list : []));
}

/** gradcheck: float64 contiguous bases (requiring grad as the operands do) and the `make` steps inside. */
function gradcheckSetup(inputs: MInput[]): { bases: Tensor[]; remake: (bases: Tensor[]) => unknown[] } {
  const bases = tensorSpecs(inputs).map((s) => {
    const floating = s.dtype === "float32" || s.dtype === "float64";
    const t = fromValues(s.values, s.shape, floating ? "float64" : s.dtype);
    return s.requiresGrad ? t.requiresGrad_() : t;
  });
  const remake = (bs: Tensor[]): unknown[] => {
    let k = 0;
    const one = (s: MTensor): Tensor => s.make.reduce(applyMake, bs[k++]);
    return inputs.map((i) => ("scalar" in i ? scalarOf(i) : "list" in i ? i.list.map(one) : one(i.tensor)));
  };
  return { bases, remake };
}

// ---- comparisons -----------------------------------------------------------------------------------
/** torch.testing.assert_close's defaults [rtol, atol]; null: exact. */
function tolerance(dtype: DT, s: Sample): [number, number] | null {
  if (dtype === "float32") return [s.rtol ?? 1.3e-6, s.atol ?? 1e-5];
  if (dtype === "float64") return [s.rtol ?? 1e-7, s.atol ?? 1e-7];
  return null;
}

function flatValues(t: Tensor): (number | boolean)[] {
  const got = t.tolist();
  return t.ndim === 0 ? [got as number | boolean] : (got as unknown[]).flat(Infinity as 1) as (number | boolean)[];
}

function assertValues(actual: Tensor, expected: { values: Value[]; shape: number[]; dtype: DT }, s: Sample, what: string): void {
  assert.deepEqual(actual.shape, expected.shape, `${what}: shape`);
  assert.equal(actual.dtype.name, expected.dtype, `${what}: dtype`);
  const flat = flatValues(actual);
  assert.equal(flat.length, expected.values.length, `${what}: number of elements`);
  const tol = tolerance(expected.dtype, s);
  for (let i = 0; i < flat.length; i++) {
    const e = decodeValue(expected.values[i]);
    const g = flat[i];
    if (tol === null) {
      if (g !== e) assert.fail(`${what}: element ${i}: got ${String(g)}, expected ${String(e)}`);
      continue;
    }
    const [rtol, atol] = tol;
    const gn = g as number;
    const en = e as number;
    if (Number.isNaN(en)) {
      if (!Number.isNaN(gn)) assert.fail(`${what}: element ${i}: got ${gn}, expected nan`);
    } else if (!Number.isFinite(en)) {
      if (gn !== en) assert.fail(`${what}: element ${i}: got ${gn}, expected ${en}`);
    } else if (!(Math.abs(gn - en) <= atol + rtol * Math.abs(en))) {
      assert.fail(`${what}: element ${i}: got ${gn}, expected ${en} (diff ${Math.abs(gn - en)}, atol ${atol}, rtol ${rtol})`);
    }
  }
}

/** A non-tensor output (Python scalar, None, nested list, other object) against its record. */
function assertOther(o: unknown, spec: Out, s: Sample, what: string): void {
  if ("list" in spec) {
    assert.ok(Array.isArray(o), `${what}: expected a list/tuple (array)`);
    assert.equal(o.length, spec.list.length, `${what}: length`);
    spec.list.forEach((sp, k) => checkOutput(o[k], sp, s, `${what}[${k}]`, null));
    return;
  }
  if ("repr" in spec) {
    assert.equal(String(o), spec.repr, what);
    return;
  }
  const v = (spec as { value: unknown }).value;
  if (v === null) {
    assert.equal(o ?? null, null, `${what}: None`);
    return;
  }
  const e = decodeValue(v as Value);
  if (typeof e === "number" && !Number.isInteger(e) && typeof o === "number" && Number.isFinite(e)) {
    const [rtol, atol] = [s.rtol ?? 1e-7, s.atol ?? 1e-7];
    assert.ok(Math.abs(o - e) <= atol + rtol * Math.abs(e), `${what}: got ${o}, expected ${e}`);
  } else if (typeof e === "number" && Number.isNaN(e)) assert.ok(Number.isNaN(o as number), `${what}: expected nan, got ${String(o)}`);
  else assert.equal(o, e, what);
}

// PyTorch 2.x, where the 1.13 oracle records something else for every op: `_reshape_alias` is gone from
// autograd, a reshape/flatten that can be a view records ViewBackward0 (1.13: ReshapeAliasBackward0).
const GRADFN_2X: Record<string, string> = { ReshapeAliasBackward0: "ViewBackward0" };

interface Ctx {
  op: OpInfo;
  sample: Sample;
  torch2: NonNullable<OpInfo["torch2"]>[string];
  checkViews: boolean;
  checkStrides: boolean;
}

function checkOutput(o: unknown, spec: Out, s: Sample, what: string, ctx: Ctx | null): void {
  if (!("values" in spec)) {
    assertOther(o, spec, s, what);
    return;
  }
  assert.ok(o instanceof Tensor, `${what}: expected a Tensor, got ${String(o)}`);
  assertValues(o, spec, s, what);
  if (ctx === null) return;
  const want = spec.gradFn === null ? null : (ctx.torch2.gradFn ?? GRADFN_2X[spec.gradFn] ?? spec.gradFn);
  assert.equal(o.gradFn ? o.gradFn.name() : null, want, `${what}: grad_fn`);
  assert.equal(o.requiresGrad, spec.requiresGrad, `${what}: requires_grad`);
  if (ctx.checkViews) {
    assert.equal(o.base !== null, spec.isView, `${what}: is a view`);
    assert.equal(o.version, spec.version, `${what}: version`);
  }
  if (ctx.checkStrides) {
    assert.deepEqual(o.stride(), spec.strides, `${what}: strides`);
    assert.equal(o.storageOffset(), spec.offset, `${what}: storage offset`);
  }
}

function outputsOf(r: unknown): unknown[] {
  return Array.isArray(r) ? [...r] : [r];
}

/** The floating-point outputs of an op: what gradcheck differentiates. */
function floatOutputs(r: unknown): Tensor | Tensor[] {
  const fl = outputsOf(r).filter((o): o is Tensor => o instanceof Tensor && o.dtype.isFloatingPoint);
  return fl.length === 1 ? fl[0] : fl;
}

// ---- bookkeeping -----------------------------------------------------------------------------------
// Every check runs once per backend (src/backend/index.ts): "cpu", the TypeScript kernels, and "wasm",
// the WebAssembly SIMD kernels forced for every size (thresholds "always"), each with its own counts.
const BACKENDS = ["cpu", "wasm"] as const;
function newRun() {
  return {
    counts: { samples: 0, forward: 0, gradients: 0, gradcheck: 0, gradgradcheck: 0, errors: 0 },
    skipped: [] as string[],
    autoSkipped: [] as string[],
    /** [ms, op/sample]: the slowest samples are named in the summary (the module should stay well under a minute per backend) */
    timings: [] as [number, string][],
  };
}
const runs = new Map<string, ReturnType<typeof newRun>>(BACKENDS.map((b) => [b, newRun()]));
let cur = runs.get("cpu")!;

function torch2Of(op: OpInfo, id: string): Ctx["torch2"] {
  return { ...(op.torch2?.["*"] ?? {}), ...(op.torch2?.[id] ?? {}) };
}

/** The sample as materialised now, and its fixture record; throws (loudly) when missing or stale. */
function recordFor<R extends { hash: string }>(op: OpInfo, s: Sample, kind: "sample" | "error"): { spec: SpecSample; rec: R } {
  if (!fixture) throw new Error(fixtureProblem);
  const spec = materializeSample(op, s, kind);
  const ops = fixture.ops[op.name];
  if (!ops) throw new Error(`op ${op.name} has no fixture records; ${REGEN}`);
  const rec = (kind === "sample" ? ops.samples : ops.errors)[s.id] as R | undefined;
  if (!rec) throw new Error(`${op.name}/${s.id}: no fixture record for this ${kind}; ${REGEN}`);
  if (rec.hash !== spec.hash) throw new Error(`${op.name}/${s.id}: the fixture is stale (the entry changed since it was generated); ${REGEN}`);
  return { spec, rec };
}

// ---- the tests -------------------------------------------------------------------------------------
test("fixture matches the op table (no stale, missing or extra records)", () => {
  assert.ok(fixture, fixtureProblem);
  const problems: string[] = [];
  // entries may share an op name (their sample ids must differ): the fixture keys records by name and id
  const byName = new Map<string, OpInfo[]>();
  for (const op of OPS) byName.set(op.name, [...(byName.get(op.name) ?? []), op]);
  for (const [name, entries] of byName) {
    const rec = fixture.ops[name];
    if (!rec) {
      problems.push(`${name}: in the table, not in the fixture`);
      continue;
    }
    for (const kind of ["sample", "error"] as const) {
      const recs: Record<string, { hash: string }> = kind === "sample" ? rec.samples : rec.errors;
      const ids = new Set<string>();
      for (const op of entries)
        for (const s of (kind === "sample" ? op.samples : op.errors) ?? []) {
          if (ids.has(s.id)) problems.push(`${name}/${s.id}: ${kind} id used twice in the op`);
          ids.add(s.id);
          const r = recs[s.id];
          if (!r) {
            problems.push(`${name}/${s.id}: ${kind} not in the fixture`);
            continue;
          }
          try {
            if (materializeSample(op, s, kind).hash !== r.hash) problems.push(`${name}/${s.id}: stale ${kind} (the entry changed)`);
          } catch (e) {
            problems.push((e as Error).message);
          }
        }
      for (const id of Object.keys(recs)) if (!ids.has(id)) problems.push(`${name}/${id}: ${kind} in the fixture, not in the table`);
    }
  }
  for (const name of Object.keys(fixture.ops)) if (!byName.has(name)) problems.push(`${name}: in the fixture, not in the table`);
  if (problems.length > 0) assert.fail(`${problems.length} difference(s) between the op table and test/fixtures/opinfo.json; ${REGEN}\n  ${problems.join("\n  ")}`);
});

for (const backend of BACKENDS) {
  describe(`backend ${backend}`, () => {
    before(() => {
      // the plain wasm build, as Node.js 20 runs by default: the relaxed-SIMD build (the default where
      // the engine has relaxed SIMD) fuses multiply-adds and is checked in test/wasm.test.ts and the
      // browser test
      torch.setBackend(backend, { thresholds: "always", fused: false });
      cur = runs.get(backend)!;
    });
    after(() => {
      torch.setBackend("cpu");
    });
    for (const op of OPS) {
      describe(op.name, () => {
        for (const s of op.samples ?? [])
          test(`${op.name}/${s.id}`, () => {
            const t0 = performance.now();
            runSample(op, s);
            cur.timings.push([performance.now() - t0, `${op.name}/${s.id}`]);
          });
        for (const s of op.errors ?? []) test(`${op.name}/${s.id} (error)`, () => runError(op, s));
      });
    }
  });
}

function runSample(op: OpInfo, s: Sample): void {
  const { spec, rec } = recordFor<Rec>(op, s, "sample");
  const where = `${op.name}/${s.id}`;
  if (rec.pyError) assert.fail(`${where}: PyTorch raised ${rec.pyError.name}: ${rec.pyError.message} (fix the entry's py, or move the sample to errors)`);
  cur.counts.samples++;
  const ctx: Ctx = {
    op,
    sample: s,
    torch2: torch2Of(op, s.id),
    checkViews: s.checkViews ?? op.checkViews ?? false,
    checkStrides: s.checkStrides ?? op.checkStrides ?? false,
  };
  const args = s.args ?? {};
  const x = buildInputs(spec.inputs);
  const leaves = leavesOf(x);
  leaves.forEach((t, i) => {
    const [strides, offset] = rec.inputs![i];
    assert.deepEqual(t.stride(), strides, `${where}: input ${i} strides as made in PyTorch`);
    assert.equal(t.storageOffset(), offset, `${where}: input ${i} storage offset`);
  });

  // forward
  const outs = outputsOf(op.ts(x, args));
  const expected = rec.outputs!;
  assert.equal(outs.length, expected.length, `${where}: number of outputs`);
  expected.forEach((spec, k) => {
    checkOutput(outs[k], spec, s, `${where} output ${k}`, ctx);
    cur.counts.forward++;
  });
  if (ctx.checkViews)
    rec.versions!.forEach((v, i) => assert.equal(leaves[i].version, v, `${where}: version of input ${i} after the op`));
  if (rec.gradError) assert.fail(`${where}: PyTorch's backward raised ${rec.gradError.name}: ${rec.gradError.message} (set requiresGrad: false or differentiable: false)`);

  // gradients of sum(out_k * w_k)
  if (rec.grads && ctx.torch2.gradients) cur.skipped.push(`${where} (gradients): ${ctx.torch2.gradients}`);
  else if (rec.grads) {
    let loss: Tensor | null = null;
    rec.w!.forEach((w, k) => {
      if (w === null) return;
      const o = outs[k] as Tensor;
      const term = o.mul(fromValues(w, o.shape, o.dtype.name as DT)).sum();
      loss = loss === null ? term : loss.add(term);
    });
    const wanted = leaves.filter((t) => t.requiresGrad);
    const grads = torch.autograd.grad([loss!], wanted, { allowUnused: true });
    let j = 0;
    rec.grads.forEach((g, i) => {
      if (!leaves[i].requiresGrad) return;
      const got = grads[j++];
      if (g === null) assert.equal(got, null, `${where}: grad of input ${i} is None in PyTorch`);
      else {
        assert.ok(got, `${where}: grad of input ${i} (tensorgrad gives None)`);
        assertValues(got, g, s, `${where} grad of input ${i}`);
        cur.counts.gradients++;
      }
    });
  }

  // float64 gradcheck and gradgradcheck (also where 1.13's own failed, if its gradients are a 1.13 bug here)
  const opts = s.gradcheckOptions;
  const run = (c: Check | undefined): boolean => c === true || (c !== undefined && c.auto === true && ctx.torch2.gradients !== undefined);
  const gcRuns = run(rec.gradcheck);
  const fnFor = (remake: (b: Tensor[]) => unknown[]) => (...bases: Tensor[]): Tensor | Tensor[] => floatOutputs(op.ts(remake(bases), args));
  if (gcRuns) {
    const c = gradcheckSetup(spec.inputs);
    assert.equal(torch.autograd.gradcheck(fnFor(c.remake), c.bases, opts), true, `${where}: gradcheck`);
    cur.counts.gradcheck++;
  } else if (rec.gradcheck && rec.gradcheck !== true) (rec.gradcheck.auto ? cur.autoSkipped : cur.skipped).push(`${where}: ${rec.gradcheck.skip}`);
  if (gcRuns && run(rec.gradgradcheck)) {
    const c = gradcheckSetup(spec.inputs);
    assert.equal(torch.autograd.gradgradcheck(fnFor(c.remake), c.bases, null, opts), true, `${where}: gradgradcheck`);
    cur.counts.gradgradcheck++;
  } else if (rec.gradgradcheck && rec.gradgradcheck !== true && gcRuns)
    (rec.gradgradcheck.auto ? cur.autoSkipped : cur.skipped).push(`${where} (gradgradcheck): ${rec.gradgradcheck.skip}`);
}

function runError(op: OpInfo, s: Sample): void {
  const { spec, rec } = recordFor<ErrRec>(op, s, "error");
  const where = `${op.name}/${s.id}`;
  if (rec.pyError) assert.fail(`${where}: the error sample could not be set up in PyTorch: ${rec.pyError.name}: ${rec.pyError.message}`);
  if (rec.noError) assert.fail(`${where}: PyTorch does not raise for this error sample (make it a sample)`);
  const t2 = torch2Of(op, s.id);
  const expected = { name: t2.name ?? rec.error!.name, message: t2.message ?? rec.error!.message };
  const x = buildInputs(spec.inputs);
  const leaves = leavesOf(x);
  // leaves that require grad get a .grad first, to see that the failed call leaves it alone
  const grads = leaves.map((t) => (t.requiresGrad && t.isLeaf ? (t.grad = torch.fullLike(t, 0.25)) : null));
  const before = leaves.map((t) => ({ values: t.detach().clone(), version: t.version }));
  assert.throws(
    () => op.ts(x, s.args ?? {}),
    (err: unknown) => {
      assert.ok(err instanceof Error, `${where}: throws an Error`);
      assert.equal(err.name, expected.name, `${where}: error class (message: ${err.message})`);
      assert.equal(err.message, expected.message, `${where}: message`);
      return true;
    },
    `${where}: tensorgrad does not throw (PyTorch: ${expected.name}: ${expected.message})`,
  );
  leaves.forEach((t, i) => {
    const b = before[i];
    assert.deepEqual(t.tolist(), b.values.tolist(), `${where}: input ${i} values unchanged`);
    assert.equal(t.version, b.version, `${where}: input ${i} version unchanged`);
    if (grads[i] !== null) {
      assert.equal(t.grad, grads[i], `${where}: input ${i} .grad is the same tensor`);
      assert.deepEqual(t.grad!.tolist(), torch.fullLike(t, 0.25).tolist(), `${where}: input ${i} .grad values unchanged`);
    } else assert.equal(t.isLeaf ? t.grad : null, null, `${where}: input ${i} .grad still None`);
  });
  cur.counts.errors++;
}

test("gradcheck raises GradcheckError with PyTorch's message for a wrong derivative", () => {
  assert.ok(fixture, fixtureProblem);
  const f = fixture.gradcheckFailure;
  const x = fromValues(f.input.values, f.input.shape, f.input.dtype).requiresGrad_();
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
  // Printed so that the counts of what was checked show in the test log.
  const samples = OPS.reduce((n, o) => n + (o.samples?.length ?? 0), 0);
  const errors = OPS.reduce((n, o) => n + (o.errors?.length ?? 0), 0);
  const names = new Set(OPS.map((o) => o.name));
  const shared = [...names].filter((n) => OPS.filter((o) => o.name === n).length > 1);
  const lines = [`opinfo: ${names.size} ops${shared.length ? ` (${OPS.length} entries; more than one for ${shared.join(", ")})` : ""}, ${samples} samples, ${errors} error cases`];
  for (const [backend, { counts, skipped, autoSkipped, timings }] of runs)
    lines.push(
      `backend ${backend}: ${counts.samples} samples run, ${counts.forward} forward checks, ` +
        `${counts.gradients} gradient checks, ${counts.gradcheck} gradcheck and ${counts.gradgradcheck} gradgradcheck runs, ` +
        `${counts.errors} of ${errors} error cases` +
        (skipped.length ? `\n skipped by the entries (${skipped.length}):\n  ${skipped.join("\n  ")}` : "") +
        (autoSkipped.length ? `\n skipped because PyTorch's own check fails (${autoSkipped.length}):\n  ${autoSkipped.join("\n  ")}` : "") +
        `\n samples took ${(timings.reduce((t, [ms]) => t + ms, 0) / 1000).toFixed(1)} s; the slowest: ` +
        timings
          .sort((p, q) => q[0] - p[0])
          .slice(0, 5)
          .map(([ms, id]) => `${id} ${ms.toFixed(0)} ms`)
          .join(", "),
    );
  console.log(lines.join("\n"));
});
