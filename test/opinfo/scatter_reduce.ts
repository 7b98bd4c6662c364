// Op table entries: torch.scatterReduce / Tensor.scatterReduce_ (reduce "sum" | "prod" | "mean" | "amax" |
// "amin", { includeSelf }). See ./types.ts for the contract.
//
// Where the 1.13 oracle and PyTorch 2.x differ:
//  - a wrong reduce string: 2.x says "..., got <reduce>" (1.13 ends with "amin."); see torch2.
//  - 2.x also takes "max" and "min" for "amax" and "amin" (get_reduction_enum); 1.13 raises, so the
//    Python spelling maps them (samples alias_*).
//  - 1.13 warns once that scatter_reduce is in beta; 2.x does not (tensorgrad does not).
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";
import type { DT, Input, OpInfo, Sample, TensorInput } from "./types.js";
import { T, ten } from "./builders.js";

const f32: DT = "float32";
const f64: DT = "float64";
const i64: DT = "int64";
const i32: DT = "int32";
const b8: DT = "bool";

const randn = (shape: number[], dtype: DT = f32): TensorInput => ({ shape, dtype });
const randint = (lo: number, hi: number, shape: number[], dtype: DT = i64): TensorInput => ({ shape, dtype, gen: { kind: "int", low: lo, high: hi } });
const I = (data: unknown, dtype: DT = i64): TensorInput => ten(data, dtype);
const x34 = (dtype: DT = f32) => T(randn([3, 4], dtype));
const REDUCES = ["sum", "prod", "mean", "amax", "amin"] as const;

const SAMPLES = new Map<string, Sample[]>();
const ERRORS = new Map<string, Sample[]>();
function push(m: Map<string, Sample[]>, op: string, s: Sample): void {
  if (!m.has(op)) m.set(op, []);
  m.get(op)!.push(s);
}
function sample(op: string, id: string, inputs: Input[], args: Record<string, unknown>, o: { skip?: string; skipGG?: string; note?: string } = {}): void {
  const s: Sample = { id, inputs, args };
  if (o.skip) s.gradcheck = o.skip;
  if (o.skipGG) s.gradgradcheck = o.skipGG;
  if (o.note) s.note = o.note;
  push(SAMPLES, op, s);
}
function error(op: string, id: string, inputs: Input[], args: Record<string, unknown>): void {
  push(ERRORS, op, { id, inputs, args });
}

const TIES = "not differentiable where values tie (the gradient is split evenly between them)";

// ---- scatterReduce -------------------------------------------------------------------------------
const SR = "scatterReduce";
// index with duplicates along dim 0, every reduction with and without self
const DUP0 = [[0, 0, 2, 2], [0, 1, 2, 2]];
for (const reduce of REDUCES)
  for (const self of [true, false]) sample(SR, `dim0_${reduce}_${self ? "incl" : "excl"}`, [x34(), I(DUP0), T(randn([2, 4]))], { dim: 0, reduce, self });
for (const reduce of REDUCES) {
  sample(SR, `dim1_${reduce}`, [x34(), I([[3, 3, 0], [1, 2, 1], [0, 0, 0]]), T(randn([3, 3]))], { dim: 1, reduce, self: false });
  sample(SR, `noncontig_${reduce}`, [T(randn([4, 3]), { make: [["t"]] }), I([[1, 3], [0, 0], [2, 2]]), T(randn([2, 3]), { make: [["t"]] })], { dim: 1, reduce, self: true });
  sample(SR, `many_duplicates_${reduce}`, [x34(), randint(0, 3, [9, 4]), T(randn([9, 4]))], { dim: 0, reduce, self: reduce !== "prod" });
  sample(SR, `f64_${reduce}`, [x34(f64), I([[1, 1], [2, 0], [2, 2]]), T(randn([3, 2], f64))], { dim: 1, reduce, self: reduce === "sum" || reduce === "amax" });
  for (const self of [true, false])
    sample(SR, `i64_${reduce}_${self ? "incl" : "excl"}`, [T(randint(-9, 9, [3, 4])), I([[0, 0, 1, 2], [0, 2, 2, 2], [0, 0, 2, 1]]), T(randint(-9, 9, [3, 4]))], { dim: 0, reduce, self });
}
sample(SR, "three_d_dim_neg", [T(randn([2, 3, 4])), randint(0, 4, [2, 2, 5]), T(randn([2, 2, 5]))], { dim: -1, reduce: "amax", self: true });
sample(SR, "src_larger", [x34(), I([[1, 1, 1]]), T(randn([2, 4]), { rg: false })], { dim: 1, reduce: "mean", self: true }, { note: "src does not require grad: PyTorch's src gradient has the index's shape" });
sample(SR, "index_smaller_than_self", [T(randn([4, 5])), I([[2, 0], [2, 2]]), T(randn([2, 2]))], { dim: 0, reduce: "prod", self: false });
sample(SR, "zero_dim", [T(randn([])), I(0), T(randn([]))], { dim: 0, reduce: "prod", self: true });
sample(SR, "zero_dim_excl", [T(randn([])), I(0), T(randn([]))], { dim: 0, reduce: "mean", self: false });
sample(SR, "empty_index", [x34(), { shape: [0, 4], dtype: i64, values: [] }, T({ shape: [0, 4], dtype: f32, values: [] })], { dim: 0, reduce: "amin", self: false });
sample(SR, "one_dim_mean_i64_negative", [T(ten([1, -3, 5, 7, 0], i64)), I([0, 0, 1, 1, 4, 4]), T(ten([2, 2, -4, 4, -1, -2], i64))], { dim: 0, reduce: "mean", self: true });
sample(SR, "i32_mean", [T(randint(-9, 9, [5], i32)), I([0, 0, 3, 3, 3]), T(randint(-9, 9, [5], i32))], { dim: 0, reduce: "mean", self: false });
sample(SR, "i32_prod", [T(randint(-9, 9, [5], i32)), I([0, 0, 3, 3, 3]), T(randint(-9, 9, [5], i32))], { dim: 0, reduce: "prod", self: true });
for (const reduce of ["sum", "prod", "amax", "amin"])
  for (const self of [true, false])
    sample(SR, `bool_${reduce}_${self ? "incl" : "excl"}`, [T({ shape: [5], dtype: b8, gen: { kind: "bool" } }), I([0, 0, 1, 1, 3, 3]), T({ shape: [6], dtype: b8, gen: { kind: "bool" } })], { dim: 0, reduce, self });
// NaN propagates through amax / amin, from self and from src
for (const reduce of ["amax", "amin"])
  for (const self of [true, false])
    sample(
      SR,
      `nan_${reduce}_${self ? "incl" : "excl"}`,
      [T(ten([1, "nan", 5, 7, 0]), { rg: false }), I([0, 0, 1, 1, 2, 2, 4]), T(ten(["nan", 2, -4, 4, "-inf", 3, "nan"]), { rg: false })],
      { dim: 0, reduce, self },
    );
sample(SR, "signed_zeros_amax", [T(ten([-0, 0, 0]), { rg: false }), I([0, 1, 2]), T(ten([0, -0, -0]), { rg: false })], { dim: 0, reduce: "amax", self: true });
sample(SR, "signed_zeros_sum_excl", [T(ten([1, 1]), { rg: false }), I([0, 1, 1]), T(ten([-0, -0, -0]), { rg: false })], { dim: 0, reduce: "sum", self: false });
// ties: the gradient is split evenly between self and the src values equal to the result
for (const reduce of ["amax", "amin"])
  for (const self of [true, false])
    sample(SR, `ties_${reduce}_${self ? "incl" : "excl"}`, [T(ten([1, 5, 2, -1])), I([0, 0, 1, 1, 2, 3]), T(ten([1, 1, 5, 0, 2, -1]))], { dim: 0, reduce, self }, { skip: TIES });
// zeros in prod: the exclusive products are computed explicitly
sample(SR, "prod_zero_in_self", [T(ten([0, 2, 3])), I([0, 0, 1]), T(ten([1.5, -2, 0.5]))], { dim: 0, reduce: "prod", self: true });
sample(SR, "prod_single_zero_in_src", [T(ten([1.5, 2, 3])), I([0, 0, 1, 2]), T(ten([0, -2, 0.5, 0]))], { dim: 0, reduce: "prod", self: true });
sample(SR, "prod_single_zero_in_src_excl", [T(ten([1.5, 2, 3])), I([0, 0, 1, 2]), T(ten([0, -2, 0.5, 0]))], { dim: 0, reduce: "prod", self: false });
sample(SR, "prod_two_zeros_in_src", [T(ten([1.5, 2])), I([0, 0, 0, 1]), T(ten([0, 3, 0, 2]))], { dim: 0, reduce: "prod", self: true }, {
  skipGG: "PyTorch refuses: Double backward is unsupported for src when >1 zeros in src are scattered to the same position (error sample scatterReduceBackward/prod_two_zeros_double)",
});
for (const reduce of ["max", "min"]) sample(SR, `alias_${reduce}`, [x34(), I(DUP0), T(randn([2, 4]))], { dim: 0, reduce, self: true });

error(SR, "bad_reduce", [x34(), I([[0]]), T(randn([1, 1]))], { dim: 0, reduce: "mode" });
error(SR, "bad_reduce_add", [x34(), I([[0]]), T(randn([1, 1]))], { dim: 0, reduce: "add" });
error(SR, "index_dtype", [x34(), I([[0]], i32), T(randn([1, 1]))], { dim: 0, reduce: "sum" });
error(SR, "index_float", [x34(), T(ten([[0]]), { rg: false }), T(randn([1, 1]))], { dim: 0, reduce: "sum" });
error(SR, "src_dtype", [x34(), I([[0]]), T(randn([1, 1], f64))], { dim: 0, reduce: "amax" });
error(SR, "index_dims", [x34(), I([0, 1]), T(randn([2]))], { dim: 0, reduce: "mean" });
error(SR, "src_dims", [x34(), I([[0, 1]]), T(randn([1, 2, 1]))], { dim: 0, reduce: "sum" });
error(SR, "index_larger_than_src", [x34(), I([[0, 1, 2]]), T(randn([1, 2]))], { dim: 0, reduce: "prod" });
error(SR, "index_larger_than_self", [x34(), I([[0, 1, 2, 0, 1]]), T(randn([1, 5]))], { dim: 0, reduce: "sum" });
error(SR, "out_of_range", [x34(), I([[0, 5], [7, 0]]), T(randn([2, 2]))], { dim: 0, reduce: "amin" });
error(SR, "out_of_range_excl", [x34(), I([[0, 3]]), T(randn([1, 2]))], { dim: 0, reduce: "mean", self: false });
error(SR, "negative_index", [x34(), I([[-1]]), T(randn([1, 1]))], { dim: 1, reduce: "sum" });
error(SR, "dim_out_of_range", [x34(), I([[0]]), T(randn([1, 1]))], { dim: 2, reduce: "sum" });
error(SR, "bool_mean", [T({ shape: [2], dtype: b8, values: [true, false] }), I([0, 0, 1]), T({ shape: [3], dtype: b8, values: [true, false, true] })], { dim: 0, reduce: "mean" });
error(SR, "bad_reduce_before_bounds", [x34(), I([[9]]), T(randn([1, 1]))], { dim: 0, reduce: "median" });

// ---- scatterReduce_ ------------------------------------------------------------------------------
const SR_ = "scatterReduce_";
sample(SR_, "sum", [x34(), I([[2, 2, 2, 0]]), T(randn([1, 4]))], { clone: true, dim: 0, reduce: "sum", self: true });
sample(SR_, "prod_excl", [x34(), I([[1, 1], [0, 3], [2, 2]]), T(randn([3, 2]))], { clone: true, dim: 1, reduce: "prod", self: false });
sample(SR_, "mean", [x34(), I(DUP0), T(randn([2, 4]))], { clone: true, dim: 0, reduce: "mean", self: true });
sample(SR_, "amax_excl", [x34(), I(DUP0), T(randn([2, 4]))], { clone: true, dim: 0, reduce: "amax", self: false });
sample(SR_, "amin_on_view", [T(randn([2, 3, 4])), I([[1, 1, 0]]), T(randn([1, 3]))], { clone: true, view: [1], dim: 1, reduce: "amin", self: true });
sample(SR_, "i64_mean_excl", [T(randint(-9, 9, [3, 4])), I([[0, 0, 1, 2], [0, 2, 2, 2]]), T(randint(-9, 9, [2, 4]))], { dim: 0, reduce: "mean", self: false });
error(SR_, "leaf_requires_grad", [x34(), I([[0]]), T(randn([1, 1]))], { dim: 0, reduce: "sum" });
error(SR_, "expanded_self", [T(randn([4]), { make: [["expand", [3, 4]]], rg: false }), I([[0]]), T(randn([1, 1]), { rg: false })], { dim: 0, reduce: "sum" });
error(SR_, "out_of_range", [x34(), I([[3]]), T(randn([1, 1]))], { clone: true, dim: 0, reduce: "amax", self: false });
error(SR_, "bad_reduce", [T(randn([3, 4]), { rg: false }), I([[0]]), T(randn([1, 1]), { rg: false })], { dim: 0, reduce: "maximum" });

// ---- backward errors -----------------------------------------------------------------------------
// a src larger than the index gets a gradient of the index's shape, which autograd rejects; prod's
// double backward refuses src with more than one zero scattered to the same position
const SRB = "scatterReduceBackward";
error(SRB, "src_larger_than_index", [x34(), I([[2], [0]]), T(randn([3, 5]))], { dim: 1, reduce: "sum" });
error(SRB, "prod_two_zeros_double", [T(ten([1.5, 2])), I([0, 0, 0, 1]), T(ten([0, 3, 0, 2]))], { dim: 0, reduce: "prod", double: true });

// ---- how each op is spelled ----------------------------------------------------------------------
type X = any[];
type A = Record<string, any>;
const opts = (a: A) => (a.self === undefined ? undefined : { includeSelf: a.self as boolean });
const PY_CALL = "x[1], x[2], py_reduce(a['reduce']), include_self=a.get('self', True)";
const PRELUDE = `
def py_reduce(r):
    # PyTorch 2.x takes "max" / "min" for "amax" / "amin"; 1.13 does not
    return {"max": "amax", "min": "amin"}.get(r, r)


def inplace(f, x, a):
    s = x[0].clone() if a.get("clone") else x[0]
    v = s[tuple(a["view"])] if "view" in a else s
    r = f(v)
    assert r is v
    return (s, v) if "view" in a else s


def backward_error(x, a):
    out = torch.scatter_reduce(x[0], a["dim"], x[1], x[2], py_reduce(a["reduce"]), include_self=a.get("self", True))
    wrt = [v for v in (x[0], x[2]) if v.requires_grad]
    g = torch.autograd.grad(out.sum(), wrt, create_graph=a.get("double", False))
    if a.get("double"):
        return torch.autograd.grad(sum(t.sum() for t in g), wrt)
    return g
`;
/** the in-place op on x[0] (a clone of it with a.clone, a view [a.view] of that with a.view), returning self or [self, view] */
const inplace = (x: X, a: A): unknown => {
  const self: Tensor = a.clone ? x[0].clone() : x[0];
  const target: Tensor = a.view ? self.index(...(a.view as number[])) : self;
  const r = target.scatterReduce_(a.dim, x[1], x[2], a.reduce, opts(a));
  assert.equal(r, target, "an in-place op returns self");
  return a.view ? [self, target] : self;
};
const BAD_REDUCE_2X = (r: string) => ({ message: `reduce argument must be either sum, prod, mean, amax or amin, got ${r}` });

const DEFS: Record<string, { ts: (x: X, a: A) => unknown; py: string; torch2?: OpInfo["torch2"] }> = {
  [SR]: {
    ts: (x, a) => torch.scatterReduce(x[0], a.dim, x[1], x[2], a.reduce, opts(a)),
    py: `torch.scatter_reduce(x[0], a['dim'], ${PY_CALL})`,
    torch2: { bad_reduce: BAD_REDUCE_2X("mode"), bad_reduce_add: BAD_REDUCE_2X("add"), bad_reduce_before_bounds: BAD_REDUCE_2X("median") },
  },
  [SR_]: {
    ts: inplace,
    py: `inplace(lambda s: s.scatter_reduce_(a['dim'], ${PY_CALL}), x, a)`,
    torch2: { bad_reduce: BAD_REDUCE_2X("maximum") },
  },
  [SRB]: {
    ts: (x, a) => {
      const out = torch.scatterReduce(x[0], a.dim, x[1], x[2], a.reduce, opts(a));
      const wrt = [x[0], x[2]].filter((v: Tensor) => v.requiresGrad);
      const g = torch.autograd.grad([out.sum()], wrt, { createGraph: a.double ?? false });
      if (!a.double) return g;
      return torch.autograd.grad([g.map((t) => t!.sum()).reduce((s, t) => s.add(t))], wrt);
    },
    py: "backward_error(x, a)",
  },
};

export const ops: OpInfo[] = Object.entries(DEFS).map(([name, d]) => {
  const op: OpInfo = { name, ts: d.ts, py: d.py, pyPrelude: PRELUDE, samples: SAMPLES.get(name) ?? [], checkViews: true };
  const errors = ERRORS.get(name);
  if (errors) op.errors = errors;
  if (d.torch2) op.torch2 = d.torch2;
  return op;
});
