// Op table entries: the foundation ops (issue 2): arithmetic, unary math, comparisons, reductions, linear
// algebra, views, dtype conversions, creation and in-place ops, with their bad-input cases. See
// ./types.ts for the contract. Samples are registered by `sample(op, id, inputs, args?, opts?)` and
// `error(...)` below (mirroring the loops these cases were first written with), and the entries are
// assembled at the end from DEFS (how tensorgrad and PyTorch spell each op).
// All foundation ops check views and versions (checkViews); the view ops also strides (checkStrides).
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";
import type { DT, Input, MakeStep, OpInfo, Sample, TensorInput, Value } from "./types.js";
import { T, ten } from "./builders.js";

const f32: DT = "float32";
const f64: DT = "float64";
const i64: DT = "int64";
const i32: DT = "int32";
const b8: DT = "bool";

// ---- inputs --------------------------------------------------------------------------------------
type Base = TensorInput;
/** N(0,1) values */
const randn = (shape: number[] = [], dtype: DT = f32): Base => ({ shape, dtype });
/** U(lo, hi) values */
const rand = (shape: number[], lo: number, hi: number, dtype: DT = f32): Base => ({ shape, dtype, gen: { kind: "uniform", low: lo, high: hi } });
/** U(0.5, 2): a positive domain */
const pos = (shape: number[] = [], dtype: DT = f32): Base => rand(shape, 0.5, 2, dtype);
/** random sign times U(0.5, 2): a divisor away from zero */
const nz = (shape: number[] = [], dtype: DT = f32): Base => ({ shape, dtype, gen: { kind: "nonzero", low: 0.5, high: 2 } });
/** integers in [lo, hi) */
const randint = (lo: number, hi: number, shape: number[], dtype: DT = i64): Base => ({ shape, dtype, gen: { kind: "int", low: lo, high: hi } });
/** a JS number/boolean operand: an integer is a Python int, a non-integer a Python float */
const S = (v: number | boolean): Input => ({ scalar: v });

// ---- registry ------------------------------------------------------------------------------------
const SAMPLES = new Map<string, Sample[]>();
const ERRORS = new Map<string, Sample[]>();
interface Opts {
  /** why gradcheck (and gradgradcheck) do not apply at this point */
  skip?: string;
  /** why only gradgradcheck does not apply */
  skipGG?: string;
  note?: string;
  gc?: { eps?: number; atol?: number };
}
function push(m: Map<string, Sample[]>, op: string, s: Sample): void {
  if (!m.has(op)) m.set(op, []);
  m.get(op)!.push(s);
}
function sample(op: string, id: string, inputs: Input[], args?: Record<string, unknown>, o: Opts = {}): void {
  const s: Sample = { id, inputs };
  if (args) s.args = args;
  if (o.skip) s.gradcheck = o.skip;
  if (o.skipGG) s.gradgradcheck = o.skipGG;
  if (o.gc) s.gradcheckOptions = o.gc;
  if (o.note) s.note = o.note;
  push(SAMPLES, op, s);
}
function error(op: string, id: string, inputs: Input[], args?: Record<string, unknown>, o: { note?: string } = {}): void {
  const s: Sample = { id, inputs };
  if (args) s.args = args;
  if (o.note) s.note = o.note;
  push(ERRORS, op, s);
}
/** sample, or error sample where PyTorch raises for it */
const sampleOrError = (isError: boolean) => (isError ? error : sample);

// =================================================================================================
// samples
// =================================================================================================

// ---- binary arithmetic: add sub mul div ----------------------------------------------------------
for (const op of ["add", "sub", "mul", "div"]) {
  const other = op === "div" ? nz : randn;
  const sub = op === "sub";
  sample(op, "same_shape", [T(randn([2, 3])), T(other([2, 3]))]);
  sample(op, "broadcast_row", [T(randn([2, 3])), T(other([3]))]);
  sample(op, "broadcast_outer", [T(randn([3, 1])), T(other([1, 4]))]);
  sample(op, "broadcast_3d", [T(randn([2, 1, 3])), T(other([4, 1]))]);
  sample(op, "zero_dim_rhs", [T(randn([2, 3])), T(other())]);
  sample(op, "zero_dim_lhs", [T(randn()), T(other([2, 3]))]);
  sample(op, "zero_dim_both", [T(randn()), T(other())]);
  sample(op, "noncontig_t", [T(randn([3, 2]), { make: [["t"]] }), T(other([2, 3]))]);
  sample(op, "noncontig_step", [T(randn([2, 6]), { make: [["slice", 1, 0, 6, 2]] }), T(other([3, 2]), { make: [["t"]] })]);
  sample(op, "expanded_input", [T(randn([3]), { make: [["expand", [2, 3]]] }), T(other([2, 3]))]);
  sample(op, "f32_f64", [T(randn([2, 3])), T(other([2, 3], f64))]);
  sample(op, "f64_f64", [T(randn([2, 3], f64)), T(other([3], f64))]);
  sample(op, "f32_dim_f64_zero_dim", [T(randn([2, 3])), T(other([], f64))]);
  sample(op, "i64_dim_f64_zero_dim", [T(randint(-5, 6, [2, 3])), T(other([], f64))]);
  sample(op, "i64_f32", [T(randint(-5, 6, [2, 3])), T(other([3]))]);
  sample(op, "i64_i64", [T(randint(-5, 6, [2, 3])), T(op === "div" ? ten([3, -2, 4], i64) : randint(-5, 6, [3]))]);
  sample(op, "i32_i64", [T(randint(-5, 6, [2, 3], i32)), T(op === "div" ? ten([3, -2, 4], i64) : randint(-5, 6, [3]))]);
  sample(op, "i32_i64_zero_dim", [T(randint(-5, 6, [2, 3], i32)), T(ten(3, i64))]);
  sampleOrError(sub)(op, "bool_i64", [T(ten([[true, false, true], [false, false, true]], b8)), T(ten([3, -2, 4], i64))]);
  sample(op, "scalar_int", [T(randn([2, 3])), S(3)]);
  sample(op, "scalar_float", [T(randn([2, 3])), S(2.5)]);
  sample(op, "scalar_float_f64", [T(randn([2, 3], f64)), S(-0.3)]);
  sample(op, "i64_scalar_int", [T(randint(-5, 6, [2, 3])), S(3)]);
  sample(op, "i64_scalar_float", [T(randint(-5, 6, [2, 3])), S(2.5)]);
  sample(op, "i32_scalar_int", [T(randint(-5, 6, [2, 3], i32)), S(3)]);
  sampleOrError(sub)(op, "bool_scalar_int", [T(ten([true, false, true], b8)), S(2)]);
  sampleOrError(sub)(op, "bool_scalar_float", [T(ten([true, false, true], b8)), S(1.5)]);
  sample(op, "zero_dim_i64_scalar_float", [T(ten(4, i64)), S(0.5)]);
  sample(op, "zero_dim_f32_scalar", [T(randn()), S(-2)]);
  sampleOrError(sub)(op, "f32_scalar_bool", [T(randn([3])), S(true)]);
  if (!sub) sample(op, "bool_bool", [T(ten([true, false, true, false], b8)), T(ten([true, true, false, false], b8))]);
  if (op === "add" || sub) {
    sample(op, "alpha_int", [T(randn([2, 3])), T(randn([3]))], { alpha: 2 });
    sample(op, "alpha_float", [T(randn([2, 3])), T(randn([2, 3]))], { alpha: 0.5 });
    sample(op, "alpha_i64", [T(randint(-5, 6, [4])), T(randint(-5, 6, [4]))], { alpha: 3 });
    sample(op, "alpha_scalar_other", [T(randn([4])), S(1.5)], { alpha: -2 });
  }
  sample(op, "rhs_only_requires_grad", [T(randn([2, 3]), { rg: false }), T(other([2, 3]))]);
  sample(op, "edge_values", [
    T(ten([0.0, -0.0, Infinity, -Infinity, NaN, 1e30, -1e-30, 3.0]), { rg: false }),
    T(ten([0.0, 1.0, Infinity, 2.0, 1.0, 1e30, 0.0, -0.0]), { rg: false }),
  ]);
}

// more of the promotion lattice: dimensioned > zero-dim > JS number, unless a lower priority is a higher category
for (const op of ["add", "mul"]) {
  sample(op, "i32_dim_f64_zero_dim", [T(randint(-5, 6, [3], i32)), T(randn([], f64))]);
  sample(op, "i32_dim_f32_zero_dim", [T(randint(-5, 6, [3], i32)), T(randn())]);
  sample(op, "bool_dim_i64_zero_dim", [T(ten([true, false], b8)), T(ten(3, i64))]);
  sample(op, "bool_dim_i32_zero_dim", [T(ten([true, false], b8)), T(ten(3, i32))]);
  sample(op, "f32_dim_i64_zero_dim", [T(randn([3])), T(ten(4, i64))]);
  sample(op, "i64_zero_dim_f32_zero_dim", [T(ten(4, i64)), T(randn())]);
  sample(op, "f64_zero_dim_scalar_float", [T(randn([], f64)), S(2.5)]);
  sample(op, "i32_zero_dim_scalar_float", [T(ten(3, i32)), S(0.25)]);
  sample(op, "bool_scalar_bool", [T(ten([true, false], b8)), S(true)]);
  sample(op, "i32_dim_bool_zero_dim", [T(randint(-5, 6, [3], i32)), T(ten(true, b8))]);
}
sample("div", "int_true_division_zero", [T(ten([1, -1, 0, 7], i64)), T(ten([0, 0, 0, 2], i64))]);

// ---- pow / square --------------------------------------------------------------------------------
sample("pow", "tensor_tensor", [T(pos([2, 3])), T(randn([2, 3]))]);
sample("pow", "tensor_tensor_broadcast", [T(pos([3, 1])), T(randn([1, 4]))]);
sample("pow", "tensor_zero_dim_exp", [T(pos([2, 3])), T(randn())]);
sample("pow", "tensor_tensor_noncontig", [T(pos([3, 2]), { make: [["t"]] }), T(randn([2, 3]))]);
sample("pow", "base_zero_tensor_exp", [T(ten([0.0, 0.0, 2.0, 1.5])), T(ten([2.0, 3.0, 1.5, 0.0]))], undefined, {
  skipGG: "d(x^y)/dy = x^y log x has no derivative in x at x = 0 (PyTorch masks it to 0 there)",
});
sample("pow", "tensor_tensor_f64", [T(pos([4], f64)), T(randn([4], f64))]);
sample("pow", "tensor_tensor_f32_f64", [T(pos([4])), T(randn([4], f64))]);
sample("pow", "scalar_2", [T(randn([2, 3])), S(2)]);
sample("pow", "scalar_3", [T(randn([2, 3])), S(3)]);
sample("pow", "scalar_0", [T(randn([2, 3])), S(0)]);
sample("pow", "scalar_neg1", [T(pos([2, 3])), S(-1)]);
sample("pow", "scalar_half", [T(pos([2, 3])), S(0.5)]);
sample("pow", "scalar_2_5", [T(pos([2, 3])), S(2.5)]);
sample("pow", "scalar_neg_1_5", [T(pos([2, 3])), S(-1.5)]);
sample("pow", "scalar_f64", [T(pos([2, 3], f64)), S(1.7)]);
sample("pow", "zero_dim_scalar", [T(pos()), S(2.5)]);
sample("pow", "noncontig_scalar", [T(randn([3, 2]), { make: [["t"]] }), S(3)]);
sample("pow", "neg_base_int_exp", [T(ten([-2.0, -0.5, 1.5, -3.0])), S(3)]);
sample("pow", "base_zero_scalar", [T(ten([0.0, 0.0, 1.0])), S(2)]);
sample("pow", "i64_scalar_int", [T(randint(-4, 5, [2, 3])), S(2)]);
sample("pow", "i64_scalar_float", [T(randint(0, 5, [2, 3])), S(0.5)]);
sample("pow", "i64_tensor_i64", [T(randint(-3, 4, [5])), T(ten([0, 1, 2, 3, 2], i64))]);
sample("pow", "i32_scalar_int", [T(randint(-4, 5, [4], i32)), S(3)]);
sample("pow", "bool_scalar_int", [T(ten([true, false], b8)), S(2)]);
sample("pow", "f32_tensor_i64_exp", [T(pos([4])), T(ten([0, 1, 2, 3], i64))]);
sample("pow", "i64_tensor_f32_exp", [T(randint(1, 4, [4])), T(randn([4]))]);
sample("pow", "edge_values", [
  T(ten([0.0, 0.0, -1.0, Infinity, NaN, 2.0]), { rg: false }),
  T(ten([0.0, -1.0, 0.5, -1.0, 0.0, Infinity]), { rg: false }),
]);
sample("pow", "scalar_base", [S(2.5), T(randn([2, 3]))]);
sample("pow", "scalar_base_int", [S(2), T(randn([3]))]);
sample("pow", "scalar_base_i64_exp", [S(2), T(ten([0, 1, 2, 3], i64))]);
sample("pow", "scalar_base_float_i64_exp", [S(1.5), T(ten([0, 1, 2, 3], i64))]);

sample("square", "f32", [T(randn([2, 3]))]);
sample("square", "f64", [T(randn([3], f64))]);
sample("square", "zero_dim", [T(randn())]);
sample("square", "noncontig", [T(randn([3, 2]), { make: [["t"]] })]);
sample("square", "i64", [T(randint(-4, 5, [5]))]);
sample("square", "i32", [T(randint(-4, 5, [5], i32))]);
sample("square", "bool", [T(ten([true, false], b8))]);

// ---- unary ---------------------------------------------------------------------------------------
for (const op of ["neg", "abs", "exp", "log", "sqrt", "sin", "cos", "tanh", "sigmoid", "relu"]) {
  const positive = op === "log" || op === "sqrt";
  const genIn = positive ? pos : randn;
  sample(op, "f32", [T(genIn([2, 3]))]);
  sample(op, "f64", [T(genIn([2, 3], f64))]);
  sample(op, "zero_dim", [T(genIn())]);
  sample(op, "noncontig_t", [T(genIn([3, 2]), { make: [["t"]] })]);
  sample(op, "noncontig_step", [T(genIn([2, 5]), { make: [["slice", 1, 1, 5, 2]] })]);
  sample(op, "expanded", [T(genIn([3]), { make: [["expand", [2, 3]]] })]);
  sample(op, "i64", [T(positive ? randint(1, 6, [2, 3]) : randint(-5, 6, [2, 3]))]);
  sample(op, "i32", [T(positive ? randint(1, 6, [4], i32) : randint(-5, 6, [4], i32))]);
  sampleOrError(op === "neg" || op === "abs" || op === "relu")(op, "bool", [T(ten([true, false, true], b8))]);
  sample(op, "edge_values", [T(ten([0.0, -0.0, 1e-30, -1e-30, 100.0, -100.0, Infinity, -Infinity, NaN, -1.0]), { rg: false })]);
  sample(op, "edge_values_f64", [T(ten([0.0, 1e-300, -1e-300, 800.0, -800.0, Infinity, -Infinity, NaN, -1.0], f64), { rg: false })]);
  sample(op, "large_f32", [T(ten([20.0, -20.0, 88.0, -88.0, 89.0, -104.0, 1e5, -1e5]), { rg: false })]);
}
sample("abs", "at_zero", [T(ten([0.0, 1.5, -2.0]))], undefined, { skip: "abs is not differentiable at 0" });
sample("relu", "at_zero", [T(ten([0.0, 1.5, -2.0]))], undefined, { skip: "relu is not differentiable at 0" });
sample("sqrt", "at_zero", [T(ten([0.0, 4.0]))], undefined, { skip: "sqrt is not differentiable at 0 (infinite derivative)" });
sample("log", "at_zero_and_negative", [T(ten([0.0, -1.0, 2.0]))], undefined, { skip: "log is not defined at <= 0" });

// ---- comparisons ---------------------------------------------------------------------------------
for (const op of ["eq", "ne", "lt", "le", "gt", "ge"]) {
  const a = ten([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]]);
  sample(op, "same_shape", [T(a), T(ten([[1.0, 3.0, 2.0], [3.0, 1.0, 1.5]]))]);
  sample(op, "broadcast", [T(a), T(ten([2.0, 2.0, 1.0]))]);
  sample(op, "broadcast_outer", [T(ten([[1.0], [2.0], [3.0]])), T(ten([[2.0, 1.0]]))]);
  sample(op, "zero_dim", [T(a), T(ten(2.0))]);
  sample(op, "noncontig", [T(a, { make: [["t"]] }), T(ten([[1.0, 3.0], [2.0, 2.0], [1.0, 1.0]]))]);
  sample(op, "scalar_int", [T(a), S(2)]);
  sample(op, "scalar_float", [T(ten([1.5, 2.0, 2.5])), S(2.5)]);
  sample(op, "i64_scalar_float", [T(ten([1, 2, 3], i64)), S(2.5)]);
  sample(op, "i64_f32", [T(ten([1, 2, 3], i64)), T(ten([1.0, 2.5, 2.0]))]);
  sample(op, "i32_i64", [T(ten([1, 2, 3], i32)), T(ten([2, 2, 2], i64))]);
  sample(op, "f32_f64_precision", [T(ten([0.1, 0.2, 0.3])), T(ten([0.1, 0.2, 0.3], f64))]);
  sample(op, "f32_scalar_precision", [T(ten([0.1, 0.2, 0.3])), S(0.1)]);
  sample(op, "bool_bool", [T(ten([true, true, false, false], b8)), T(ten([true, false, true, false], b8))]);
  sample(op, "bool_scalar_int", [T(ten([true, false], b8)), S(1)]);
  sample(op, "nan_inf", [T(ten([NaN, NaN, Infinity, -Infinity, 0.0])), T(ten([NaN, 1.0, Infinity, Infinity, -0.0]))]);
}

// ---- reductions ----------------------------------------------------------------------------------
const x23 = (): Base => randn([2, 3]);
const x234 = (): Base => randn([2, 3, 4]);
for (const op of ["sum", "mean"]) {
  sample(op, "all", [T(x23())]);
  sample(op, "all_3d", [T(x234())]);
  sample(op, "dim0", [T(x23())], { dim: 0 });
  sample(op, "dim1_keepdim", [T(x23())], { dim: 1, keepdim: true });
  sample(op, "dim_neg", [T(x234())], { dim: -1 });
  sample(op, "dims_list", [T(x234())], { dim: [0, 2] });
  sample(op, "dims_list_keepdim", [T(x234())], { dim: [2, 0], keepdim: true });
  sample(op, "dims_list_neg", [T(x234())], { dim: [-1, -2] });
  sample(op, "zero_dim", [T(randn())]);
  sample(op, "zero_dim_dim0", [T(randn())], { dim: 0 });
  sample(op, "zero_dim_dim0_keepdim", [T(randn())], { dim: 0, keepdim: true });
  sample(op, "noncontig", [T(x234(), { make: [["transpose", 0, 2]] })], { dim: 1 });
  sample(op, "noncontig_all", [T(randn([4, 6]), { make: [["slice", 1, 0, 6, 2]] })]);
  sample(op, "expanded", [T(randn([3]), { make: [["expand", [4, 3]]] })], { dim: 0 });
  sample(op, "f64", [T(randn([3, 4], f64))], { dim: 1 });
  sample(op, "all_keepdim", [T(x23())], { dim: [0, 1], keepdim: true });
  sample(op, "edge_values", [T(ten([[1.0, Infinity], [NaN, 2.0], [Infinity, -Infinity]]), { rg: false })], { dim: 1 });
}
const empty03 = (): Base => randn([0, 3]);
for (const op of ["sum", "mean", "prod"]) {
  sample(op, "empty_all", [T(empty03())]);
  sample(op, "empty_dim0", [T(empty03())], { dim: 0 });
  sample(op, "empty_dim1", [T(empty03())], { dim: 1 });
}
sample("amax", "empty_dim1", [T(empty03())], { dim: 1 });
sample("sum", "i64", [T(randint(-5, 6, [2, 3]))]);
sample("sum", "i64_dim", [T(randint(-5, 6, [2, 3]))], { dim: 1 });
sample("sum", "i32", [T(randint(-5, 6, [2, 3], i32))]);
sample("sum", "i32_dim", [T(randint(-5, 6, [2, 3], i32))], { dim: 0, keepdim: true });
sample("sum", "bool", [T(ten([[true, false, true], [true, true, true]], b8))], { dim: 1 });
sample("sum", "bool_all", [T(ten([true, false, true], b8))]);
sample("sum", "empty_dims_list", [T(x23())], { dim: [] });
sample("mean", "empty_dims_list", [T(x23())], { dim: [] });

const TWO_ZEROS = "PyTorch's prod_backward returns zeros for two or more zeros, so its own second derivative is wrong there";
sample("prod", "all", [T(rand([2, 3], -1.5, 1.5))]);
sample("prod", "dim0", [T(rand([2, 3], -1.5, 1.5))], { dim: 0 });
sample("prod", "dim1_keepdim", [T(rand([2, 3], -1.5, 1.5))], { dim: 1, keepdim: true });
sample("prod", "dim_neg_3d", [T(rand([2, 3, 2], -1.5, 1.5))], { dim: -2 });
sample("prod", "zero_dim", [T(randn())]);
sample("prod", "noncontig", [T(rand([3, 2], 0.5, 1.5), { make: [["t"]] })], { dim: 1 });
sample("prod", "f64", [T(rand([4], 0.5, 1.5, f64))]);
sample("prod", "one_zero", [T(ten([2.0, 0.0, 3.0, -1.5]))]);
sample("prod", "two_zeros", [T(ten([2.0, 0.0, 3.0, 0.0]))], undefined, { skipGG: TWO_ZEROS });
sample("prod", "one_zero_dim", [T(ten([[2.0, 0.0, 3.0], [1.5, -2.0, 0.5]]))], { dim: 1 });
sample("prod", "zeros_dim0", [T(ten([[2.0, 0.0], [0.0, 0.0], [1.5, 3.0]]))], { dim: 0, keepdim: true }, { skipGG: TWO_ZEROS });
sample("prod", "i64", [T(randint(-3, 4, [2, 3]))]);
sample("prod", "i64_dim", [T(randint(-3, 4, [2, 3]))], { dim: 1 });
sample("prod", "i32_dim", [T(randint(-3, 4, [2, 3], i32))], { dim: 0 });
sample("prod", "bool", [T(ten([true, true, false], b8))]);

for (const op of ["max", "min"]) {
  const ties = "ties: max/min is not differentiable there";
  sample(op, "all", [T(x23())]);
  sample(op, "all_3d_noncontig", [T(x234(), { make: [["transpose", 1, 2]] })]);
  sample(op, "zero_dim", [T(randn())]);
  sample(op, "dim0", [T(x23())], { dim: 0 });
  sample(op, "dim1_keepdim", [T(x23())], { dim: 1, keepdim: true });
  sample(op, "dim_neg_3d", [T(x234())], { dim: -2 });
  sample(op, "noncontig_dim", [T(x234(), { make: [["transpose", 0, 2]] })], { dim: 2 });
  sample(op, "zero_dim_dim0", [T(randn())], { dim: 0 });
  sample(op, "f64_dim", [T(randn([3, 4], f64))], { dim: 1 });
  sample(op, "i64", [T(randint(-5, 6, [2, 3]))]);
  sample(op, "i64_dim", [T(randint(-5, 6, [2, 3]))], { dim: 1 });
  sample(op, "i32_dim", [T(randint(-5, 6, [2, 3], i32))], { dim: 0 });
  sample(op, "bool_dim", [T(ten([[true, false], [false, false]], b8))], { dim: 1 });
  sample(op, "ties_all", [T(ten([[1.0, 3.0, 3.0], [-3.0, -3.0, 0.5]]))], undefined, { skip: ties });
  sample(op, "ties_dim", [T(ten([[1.0, 3.0, 3.0], [-3.0, -3.0, 0.5]]))], { dim: 1 }, { skip: ties });
  sample(op, "nan", [T(ten([1.0, NaN, 3.0]), { rg: false })]);
  sample(op, "nan_dim", [T(ten([[1.0, NaN, 3.0], [2.0, 0.0, NaN]]), { rg: false })], { dim: 1 });
  sample(op, "inf_dim", [T(ten([[1.0, Infinity, -Infinity], [-Infinity, -Infinity, 0.0]]), { rg: false })], { dim: 1 });
}

for (const op of ["amax", "amin"]) {
  const ties = "ties: amax/amin is not differentiable there";
  sample(op, "all", [T(x23())]);
  sample(op, "dim0", [T(x23())], { dim: 0 });
  sample(op, "dim1_keepdim", [T(x23())], { dim: 1, keepdim: true });
  sample(op, "dims_list", [T(x234())], { dim: [0, 2] });
  sample(op, "dims_list_keepdim", [T(x234())], { dim: [-1, 0], keepdim: true });
  sample(op, "zero_dim", [T(randn())]);
  sample(op, "noncontig", [T(x234(), { make: [["transpose", 0, 2]] })], { dim: 1 });
  sample(op, "f64", [T(randn([3, 4], f64))], { dim: 1 });
  sample(op, "i64", [T(randint(-5, 6, [2, 3]))], { dim: 1 });
  sample(op, "bool", [T(ten([[true, false], [false, false]], b8))], { dim: 0 });
  sample(op, "ties", [T(ten([[1.0, 3.0, 3.0], [-3.0, -3.0, 0.5]]))], { dim: 1 }, { skip: ties });
  sample(op, "ties_all", [T(ten([[1.0, 3.0, 3.0], [-3.0, 3.0, -3.0]]))], undefined, { skip: ties });
  sample(op, "nan", [T(ten([[1.0, NaN], [2.0, 0.0]]), { rg: false })], { dim: 1 });
}

// PyTorch 2.x: Tensor.norm calls torch.linalg.vector_norm (grad_fn LinalgVectorNormBackward0; see DEFS.norm)
sample("norm", "default", [T(x23())]);
sample("norm", "p2_3d", [T(x234())], { p: 2 });
sample("norm", "p1", [T(randn([5]))], { p: 1 });
sample("norm", "p3", [T(randn([2, 3]))], { p: 3 });
sample("norm", "p_half", [T(pos([4]))], { p: 0.5 });
sample("norm", "p_inf", [T(randn([2, 3]))], { p: Infinity });
sample("norm", "p_neg_inf", [T(randn([2, 3]))], { p: -Infinity });
sample("norm", "p0", [T(ten([1.5, 0.0, -2.0]))], { p: 0 });
sample("norm", "p_neg2", [T(pos([3]))], { p: -2 });
sample("norm", "dim1", [T(x23())], { p: 2, dim: 1 });
sample("norm", "dim0_keepdim", [T(x23())], { p: 2, dim: 0, keepdim: true });
sample("norm", "dims_list", [T(x234())], { p: 2, dim: [0, 2] });
sample("norm", "p1_dim", [T(x23())], { p: 1, dim: 1 });
sample("norm", "p3_dim_keepdim", [T(x23())], { p: 3, dim: -1, keepdim: true });
sample("norm", "p_inf_dim", [T(x23())], { p: Infinity, dim: 1 });
sample("norm", "zero_dim", [T(randn())]);
sample("norm", "noncontig", [T(x234(), { make: [["transpose", 0, 2]] })], { p: 2, dim: 1 });
sample("norm", "f64", [T(randn([3, 4], f64))]);
sample("norm", "zero_vector", [T(ten([0.0, 0.0, 0.0]))], undefined, { skip: "the 2-norm is not differentiable at 0" });
sample("norm", "zero_row_dim", [T(ten([[0.0, 0.0], [3.0, -4.0]]))], { p: 2, dim: 1 }, { skip: "the 2-norm is not differentiable at 0" });
sample("norm", "p_inf_ties", [T(ten([2.0, -2.0, 1.0]))], { p: Infinity }, { skip: "ties: the inf-norm is not differentiable there" });

// ---- linear algebra ------------------------------------------------------------------------------
sample("dot", "f32", [T(randn([4])), T(randn([4]))]);
sample("dot", "f64", [T(randn([3], f64)), T(randn([3], f64))]);
sample("dot", "noncontig", [T(randn([8]), { make: [["slice", 0, 0, 8, 2]] }), T(randn([4, 3]), { make: [["select", 1, 1]] })]);
sample("dot", "i64", [T(randint(-5, 6, [4])), T(randint(-5, 6, [4]))]);
sample("dot", "i32", [T(randint(-5, 6, [4], i32)), T(randint(-5, 6, [4], i32))]);
sample("dot", "one_requires_grad", [T(randn([4]), { rg: false }), T(randn([4]))]);
sample("mm", "f32", [T(randn([2, 3])), T(randn([3, 4]))]);
sample("mm", "f64", [T(randn([3, 2], f64)), T(randn([2, 2], f64))]);
sample("mm", "noncontig", [T(randn([3, 2]), { make: [["t"]] }), T(randn([4, 3]), { make: [["t"]] })]);
sample("mm", "noncontig_step", [T(randn([2, 6]), { make: [["slice", 1, 0, 6, 2]] }), T(randn([3, 5]), { make: [["slice", 1, 1, 5, 2]] })]);
sample("mm", "i64", [T(randint(-5, 6, [2, 3])), T(randint(-5, 6, [3, 2]))]);
sample("mm", "i32", [T(randint(-5, 6, [2, 3], i32)), T(randint(-5, 6, [3, 2], i32))]);
sample("mm", "lhs_requires_grad", [T(randn([2, 3])), T(randn([3, 2]), { rg: false })]);
sample("mm", "vector_like", [T(randn([1, 3])), T(randn([3, 1]))]);
sample("mv", "f32", [T(randn([2, 3])), T(randn([3]))]);
sample("mv", "f64", [T(randn([3, 2], f64)), T(randn([2], f64))]);
sample("mv", "noncontig", [T(randn([3, 2]), { make: [["t"]] }), T(randn([6]), { make: [["slice", 0, 0, 6, 2]] })]);
sample("mv", "i64", [T(randint(-5, 6, [2, 3])), T(randint(-5, 6, [3]))]);
sample("outer", "f32", [T(randn([3])), T(randn([4]))]);
sample("outer", "f64", [T(randn([2], f64)), T(randn([3], f64))]);
sample("outer", "noncontig", [T(randn([6]), { make: [["slice", 0, 1, 6, 2]] }), T(randn([2, 2]), { make: [["select", 0, 1]] })]);
sample("outer", "i64", [T(randint(-5, 6, [3])), T(randint(-5, 6, [2]))]);
sample("outer", "f32_f64", [T(randn([2])), T(randn([3], f64))]);

const MM: [string, number[], number[]][] = [
  ["1d_1d", [4], [4]],
  ["2d_1d", [2, 4], [4]],
  ["1d_2d", [4], [4, 3]], // PyTorch 2.x: ends in squeeze_ (see DEFS.matmul.torch2)
  ["2d_2d", [2, 4], [4, 3]],
  ["3d_1d", [2, 3, 4], [4]],
  ["3d_2d", [2, 3, 4], [4, 2]],
  ["1d_3d", [3], [2, 3, 4]],
  ["2d_3d", [2, 3], [2, 3, 4]],
  ["3d_3d", [2, 3, 4], [2, 4, 2]],
  ["4d_3d_broadcast", [2, 1, 3, 4], [3, 4, 2]],
  ["3d_4d_broadcast", [3, 2, 4], [2, 1, 4, 2]],
  ["4d_1d", [2, 2, 1, 3], [3]],
  ["1d_4d", [3], [2, 1, 3, 2]],
  ["batch1_broadcast", [1, 2, 3], [4, 3, 2]],
];
for (const [label, sa, sb] of MM) sample("matmul", label, [T(randn(sa)), T(randn(sb))]);
sample("matmul", "2d_1d_lhs_only", [T(randn([2, 4])), T(randn([4]), { rg: false })]);
sample("matmul", "3d_2d_lhs_only", [T(randn([2, 3, 4])), T(randn([4, 2]), { rg: false })]);
sample("matmul", "3d_2d_rhs_only", [T(randn([2, 3, 4]), { rg: false }), T(randn([4, 2]))]);
sample("matmul", "2d_3d_rhs_only", [T(randn([2, 3]), { rg: false }), T(randn([2, 3, 4]))]);
sample("matmul", "1d_3d_rhs_only", [T(randn([3]), { rg: false }), T(randn([2, 3, 4]))]);
sample("matmul", "3d_2d_noncontig", [T(randn([2, 4, 3]), { make: [["transpose", 1, 2]] }), T(randn([2, 4]), { make: [["t"]] })]);
sample("matmul", "3d_3d_noncontig", [T(randn([3, 2, 4]), { make: [["transpose", 0, 1]] }), T(randn([2, 4, 2]))]);
sample("matmul", "f64_2d_2d", [T(randn([2, 3], f64)), T(randn([3, 2], f64))]);
sample("matmul", "f64_3d_3d", [T(randn([2, 2, 3], f64)), T(randn([2, 3, 2], f64))]);
sample("matmul", "1d_2d_rhs_only", [T(randn([4]), { rg: false }), T(randn([4, 3]))]);
sample("matmul", "i64_2d_2d", [T(randint(-4, 5, [2, 3])), T(randint(-4, 5, [3, 2]))]);
sample("matmul", "i64_3d_1d", [T(randint(-4, 5, [2, 2, 3])), T(randint(-4, 5, [3]))]);

// ---- views ---------------------------------------------------------------------------------------
// (a reshape/flatten that can be a view: PyTorch 2.x gives ViewBackward0, 1.13 ReshapeAliasBackward0;
// test/opinfo.test.ts maps that name for every op)
sample("view", "2d_to_1d", [T(x23())], { shape: [6] });
sample("view", "infer", [T(x234())], { shape: [4, -1] });
sample("view", "add_dims", [T(x23())], { shape: [1, 2, 1, 3] });
sample("view", "zero_dim_to_1", [T(randn())], { shape: [1] });
sample("view", "to_zero_dim", [T(randn([1, 1]))], { shape: [] });
sample("view", "noncontig_compatible", [T(x234(), { make: [["transpose", 0, 1]] })], { shape: [3, 2, 2, 2] });
sample("view", "expanded_compatible", [T(randn([3, 1]), { make: [["expand", [3, 4]]] })], { shape: [3, 2, 2] });
sample("view", "i64", [T(randint(0, 9, [2, 3]))], { shape: [3, 2] });
sample("view", "sliced", [T(randn([4, 3]), { make: [["slice", 0, 1, 3, 1]] })], { shape: [6] });
sample("reshape", "viewable", [T(x23())], { shape: [3, 2] });
sample("reshape", "viewable_infer", [T(x234())], { shape: [-1] });
sample("reshape", "copy_noncontig", [T(x23(), { make: [["t"]] })], { shape: [6] });
sample("reshape", "copy_step", [T(randn([2, 6]), { make: [["slice", 1, 0, 6, 2]] })], { shape: [3, 2] });
sample("reshape", "zero_dim", [T(randn())], { shape: [1, 1] });
sample("reshape", "same_shape", [T(x23())], { shape: [2, 3] });
sample("reshape", "bool", [T(ten([true, false, true, true], b8))], { shape: [2, 2] });
sample("t", "2d", [T(x23())]);
sample("t", "1d", [T(randn([3]))]);
sample("t", "0d", [T(randn())]);
sample("t", "noncontig", [T(randn([2, 6]), { make: [["slice", 1, 0, 6, 2]] })]);
sample("transpose", "2d", [T(x23())], { dim0: 0, dim1: 1 });
sample("transpose", "3d_neg", [T(x234())], { dim0: -1, dim1: 0 });
sample("transpose", "same_dim", [T(x23())], { dim0: 1, dim1: 1 });
sample("transpose", "1d", [T(randn([3]))], { dim0: 0, dim1: -1 });
sample("transpose", "0d", [T(randn())], { dim0: 0, dim1: -1 });
sample("permute", "3d", [T(x234())], { dims: [2, 0, 1] });
sample("permute", "neg_dims", [T(x234())], { dims: [-1, -3, -2] });
sample("permute", "identity", [T(x23())], { dims: [0, 1] });
sample("permute", "noncontig", [T(x234(), { make: [["transpose", 0, 1]] })], { dims: [1, 2, 0] });
sample("permute", "0d", [T(randn())], { dims: [] });
sample("expand", "row", [T(randn([3]))], { sizes: [2, 3] });
sample("expand", "singleton", [T(randn([3, 1]))], { sizes: [3, 4] });
sample("expand", "minus_one", [T(randn([3, 1]))], { sizes: [2, -1, 4] });
sample("expand", "zero_dim", [T(randn())], { sizes: [2, 2] });
sample("expand", "same", [T(x23())], { sizes: [2, 3] });
sample("expand", "noncontig", [T(randn([3, 2]), { make: [["t"]] })], { sizes: [2, 2, 3] });
sample("expand", "i64", [T(randint(0, 5, [1, 3]))], { sizes: [2, 3] });
sample("expandAs", "basic", [T(randn([1, 3])), T(randn([2, 3]), { rg: false })]);
sample("expandAs", "leading", [T(randn([3])), T(randn([2, 2, 3]), { rg: false })]);
sample("squeeze", "all", [T(randn([1, 3, 1, 2]))]);
sample("squeeze", "dim", [T(randn([1, 3, 1, 2]))], { dim: 2 });
sample("squeeze", "dim_neg", [T(randn([1, 3, 1, 2]))], { dim: -4 });
sample("squeeze", "dim_not_one", [T(randn([1, 3, 1, 2]))], { dim: 1 });
sample("squeeze", "zero_dim", [T(randn())]);
sample("squeeze", "zero_dim_dim", [T(randn())], { dim: 0 });
sample("squeeze", "noncontig", [T(randn([3, 1, 2]), { make: [["transpose", 0, 2]] })], { dim: 1 });
sample("unsqueeze", "front", [T(x23())], { dim: 0 });
sample("unsqueeze", "middle", [T(x23())], { dim: 1 });
sample("unsqueeze", "end", [T(x23())], { dim: 2 });
sample("unsqueeze", "neg", [T(x23())], { dim: -1 });
sample("unsqueeze", "neg_front", [T(x23())], { dim: -3 });
sample("unsqueeze", "zero_dim", [T(randn())], { dim: 0 });
sample("unsqueeze", "noncontig", [T(x23(), { make: [["t"]] })], { dim: 1 });
sample("flatten", "all", [T(x234())]);
sample("flatten", "partial", [T(x234())], { start: 1 });
sample("flatten", "partial_end", [T(x234())], { start: 0, end: 1 });
sample("flatten", "single_dim", [T(x234())], { start: 1, end: 1 });
sample("flatten", "zero_dim", [T(randn())]);
sample("flatten", "one_d", [T(randn([4]))]);
sample("flatten", "noncontig_copy", [T(x234(), { make: [["transpose", 0, 2]] })]);
sample("contiguous", "already", [T(x23())]);
sample("contiguous", "noncontig", [T(x23(), { make: [["t"]] })]);
sample("contiguous", "step", [T(randn([2, 6]), { make: [["slice", 1, 0, 6, 3]] })]);
sample("contiguous", "i64_noncontig", [T(randint(0, 9, [2, 3]), { make: [["t"]] })]);
const IDX: [string, unknown[]][] = [
  ["int", [1]],
  ["neg_int", [-1]],
  ["two_ints", [1, 2]],
  ["scalar_element", [0, -1, 2]],
  ["slice", [[1, 3]]],
  ["slice_step", [[null, null, 2]]],
  ["slice_start_step", [[1, null, 2]]],
  ["slice_neg", [[-2, null]]],
  ["slice_clamped", [[-10, 10]]],
  ["slice_empty", [[2, 1]]],
  ["int_slice", [0, [1, 3]]],
  ["slice_int", [[null, null, 2], 1]],
  ["newaxis", [null]],
  ["newaxis_middle", [0, null, [null, null, 2]]],
  ["ellipsis", ["..."]],
  ["ellipsis_int", ["...", 1]],
  ["int_ellipsis", [1, "..."]],
  ["ellipsis_newaxis", [null, "...", null]],
  ["ellipsis_middle", [0, "...", [1, null]]],
  ["full_slice", [[null, null]]],
  ["two_ellipses", ["...", "..."]],
  ["two_full_slices", [[null, null], [null, null]]],
  ["full_slice_int", [[null, null], 1]],
  ["explicit_full_slices", [[0, 3], [0, 3]]],
  ["explicit_full_slice_int", [[0, 3], 1]],
  ["ellipsis_int_ellipsis", ["...", 1, "..."]],
  ["three_slices", [[null, null, 2], [1, 3], [null, null, 3]]],
];
for (const [label, items] of IDX) sample("index", label, [T(randn([3, 3, 4]))], { items });
sample("index", "noncontig", [T(randn([3, 3, 4]), { make: [["transpose", 0, 2]] })], { items: [[1, null, 2], 0] });
sample("index", "zero_dim_ellipsis", [T(randn())], { items: ["..."] });
sample("index", "zero_dim_newaxis", [T(randn())], { items: [null] });
sample("index", "i64", [T(randint(0, 9, [3, 4]))], { items: [[null, null, 2], -1] });
sample("select", "dim0", [T(x234())], { dim: 0, index: 1 });
sample("select", "dim_neg_index_neg", [T(x234())], { dim: -1, index: -2 });
sample("select", "1d", [T(randn([4]))], { dim: 0, index: 3 });
sample("select", "noncontig", [T(x234(), { make: [["transpose", 0, 2]] })], { dim: 1, index: 2 });
sample("narrow", "dim0", [T(x234())], { dim: 0, start: 1, length: 1 });
sample("narrow", "dim_neg", [T(x234())], { dim: -1, start: 1, length: 2 });
sample("narrow", "start_neg", [T(x234())], { dim: 2, start: -3, length: 2 });
sample("narrow", "empty", [T(x234())], { dim: 1, start: 3, length: 0 });
sample("narrow", "noncontig", [T(x234(), { make: [["transpose", 0, 2]] })], { dim: 0, start: 2, length: 2 });
sample("clone", "f32", [T(x23())]);
sample("clone", "noncontig", [T(x23(), { make: [["t"]] })]);
sample("clone", "zero_dim", [T(randn())]);
sample("clone", "i64", [T(randint(0, 9, [3]))]);
sample("clone", "bool", [T(ten([true, false], b8))]);

// ---- where / maximum / minimum -------------------------------------------------------------------
const cond23 = (): Base => ten([[true, false, true], [false, false, true]], b8);
sample("where", "same_shape", [T(cond23()), T(randn([2, 3])), T(randn([2, 3]))]);
sample("where", "broadcast", [T(ten([true, false, true], b8)), T(randn([2, 1])), T(randn([2, 3]))]);
sample("where", "broadcast_cond", [T(ten([[true], [false]], b8)), T(randn([3])), T(randn([2, 3]))]);
sample("where", "scalar_other", [T(cond23()), T(randn([2, 3])), S(0.5)]);
sample("where", "scalar_self", [T(cond23()), S(-1), T(randn([2, 3]))]);
sample("where", "zero_dim", [T(cond23()), T(randn()), T(randn([2, 3]))]);
sample("where", "noncontig", [T(cond23(), { make: [["t"]] }), T(randn([2, 3]), { make: [["t"]] }), T(randn([3, 2]))]);
sample("where", "f64", [T(cond23()), T(randn([2, 3], f64)), T(randn([2, 3], f64))]);
sample("where", "f32_f64", [T(cond23()), T(randn([2, 3])), T(randn([2, 3], f64))]);
sample("where", "i64_f32", [T(cond23()), T(randint(0, 5, [2, 3])), T(randn([2, 3]))]);
sample("where", "i64_i64", [T(cond23()), T(randint(0, 5, [2, 3])), T(randint(0, 5, [3]))]);
sample("where", "i64_scalar_float", [T(cond23()), T(randint(0, 5, [2, 3])), S(2.5)]);
sample("where", "scalar_ints", [T(cond23()), S(1), S(0)]);
sample("where", "scalar_floats", [T(cond23()), S(1.5), S(-0.5)]);
sample("where", "scalar_int_float", [T(cond23()), S(2), S(-0.5)]);
sample("where", "one_requires_grad", [T(cond23()), T(randn([2, 3]), { rg: false }), T(randn([2, 3]))]);
for (const op of ["maximum", "minimum"]) {
  sample(op, "same_shape", [T(randn([2, 3])), T(randn([2, 3]))]);
  sample(op, "broadcast", [T(randn([2, 1])), T(randn([3]))]);
  sample(op, "zero_dim", [T(randn([2, 3])), T(randn())]);
  sample(op, "noncontig", [T(randn([3, 2]), { make: [["t"]] }), T(randn([2, 3]))]);
  sample(op, "f32_f64", [T(randn([3])), T(randn([3], f64))]);
  sample(op, "i64_f32", [T(randint(-3, 4, [3])), T(randn([3]))]);
  sample(op, "i64_i64", [T(randint(-3, 4, [4])), T(randint(-3, 4, [4]))]);
  sample(op, "bool_bool", [T(ten([true, false, false], b8)), T(ten([false, false, true], b8))]);
  sample(op, "ties", [T(ten([1.0, 2.0, -3.0])), T(ten([1.0, 0.5, -3.0]))], undefined, { skip: "ties: maximum/minimum is not differentiable there" });
  sample(op, "nan", [T(ten([NaN, 1.0, 2.0]), { rg: false }), T(ten([0.0, NaN, 3.0]), { rg: false })]);
}

// ---- dtype conversions ---------------------------------------------------------------------------
// a float32 output rounds the finite differences: gradcheck them with a coarser eps and atol
const F32_GC = { eps: 1e-3, atol: 1e-4 };
const convF = (): Base => ten([[-2.7, -0.5, 0.0], [0.49, 1.5, 3.99]]);
for (const name of ["float32", "float64", "int64", "int32", "bool"]) {
  const gc = name === "float32" ? { gc: F32_GC } : {};
  sample("to", `f32_to_${name}`, [T(convF())], { dtype: name }, gc);
  sample("to", `f64_to_${name}`, [T(ten([[-2.7, -0.5, 0.0], [0.1, 1.5, 3.99]], f64))], { dtype: name }, gc);
  sample("to", `i64_to_${name}`, [T(ten([-3, 0, 2, 7], i64))], { dtype: name });
  sample("to", `i32_to_${name}`, [T(ten([-3, 0, 2, 7], i32))], { dtype: name });
  sample("to", `bool_to_${name}`, [T(ten([true, false, true], b8))], { dtype: name });
}
sample("to", "f32_noncontig_to_f64", [T(convF(), { make: [["t"]] })], { dtype: "float64" });
sample("to", "f64_rounding_to_f32", [T(ten([0.1, 1 / 3, 1e-40, 3.4e38 * 10, 16777217.0], f64), { rg: false })], { dtype: "float32" });
sample("to", "nan_inf_to_bool", [T(ten([NaN, Infinity, -0.0, 0.0]), { rg: false })], { dtype: "bool" });
for (const op of ["float", "double", "long", "int", "bool"]) {
  const gc = op === "float" ? { gc: F32_GC } : {};
  sample(op, "from_f32", [T(convF())], undefined, gc);
  sample(op, "from_f64", [T(ten([-2.7, 0.0, 1.5], f64))], undefined, gc);
  sample(op, "from_i64", [T(ten([-3, 0, 2], i64))]);
  sample(op, "from_bool", [T(ten([true, false], b8))]);
  sample(op, "zero_dim", [T(ten(-1.25))], undefined, gc);
}

// ---- creation ------------------------------------------------------------------------------------
// Numbers in creation ops (tensor data, full/fill values, arange/linspace bounds) are Python floats:
// tensorgrad's API gives the default float dtype for JS numbers (API.md), like PyTorch for float literals.
sample("tensor", "floats_2d", [], { data: [[1.5, -2.0, 3.25], [0.1, 0.2, 1e-3]] });
sample("tensor", "ints_are_float", [], { data: [1, 2, 3] });
sample("tensor", "scalar", [], { data: 2.5 });
sample("tensor", "bools", [], { data: [[true, false], [false, true]] });
sample("tensor", "dtype_f64", [], { data: [0.1, 0.2], dtype: "float64" });
sample("tensor", "dtype_i64", [], { data: [1, -2, 3], dtype: "int64" });
sample("tensor", "dtype_i32_truncates", [], { data: [1.7, -2.7], dtype: "int32" });
sample("tensor", "dtype_bool", [], { data: [0, 2, -1], dtype: "bool" });
sample("tensor", "bigint_is_int64", [], { data: [1, -2, 3], bigint: true });
sample("tensor", "requires_grad", [], { data: [1.0, 2.0], requiresGrad: true });
sample("tensor", "empty", [], { data: [] });
sample("tensor", "nested_3d", [], { data: [[[1, 2]], [[3, 4]], [[5, 6]]] });
sample("tensor", "f32_rounding", [], { data: [0.1, 1 / 3, 16777217] });
sample("tensor", "bools_and_numbers", [], { data: [true, 2.5, false] });
for (const op of ["zeros", "ones"]) {
  sample(op, "2d", [], { shape: [2, 3] });
  sample(op, "0d", [], { shape: [] });
  sample(op, "empty", [], { shape: [0, 3] });
  sample(op, "f64", [], { shape: [2], dtype: "float64" });
  sample(op, "i64", [], { shape: [2, 2], dtype: "int64" });
  sample(op, "i32", [], { shape: [3], dtype: "int32" });
  sample(op, "bool", [], { shape: [3], dtype: "bool" });
  sample(op, "requires_grad", [], { shape: [2], requiresGrad: true });
}
sample("full", "float", [], { shape: [2, 3], value: 2.5 });
sample("full", "int_value_is_float", [], { shape: [2], value: 3 });
sample("full", "bool_value", [], { shape: [2], value: true });
sample("full", "dtype_i64", [], { shape: [3], value: 7, dtype: "int64" });
sample("full", "dtype_f64", [], { shape: [1, 2], value: 0.1, dtype: "float64" });
sample("full", "0d", [], { shape: [], value: -1.5 });
sample("full", "nan", [], { shape: [2], value: NaN });
sample("arange", "end", [], { args: [4] });
sample("arange", "start_end", [], { args: [2, 6] });
sample("arange", "step", [], { args: [0, 10, 3] });
sample("arange", "neg_step", [], { args: [5, -1, -1.5] });
sample("arange", "float_step", [], { args: [0, 1, 0.1] });
sample("arange", "float_bounds", [], { args: [0.5, 3.2] });
sample("arange", "empty", [], { args: [3, 3] });
sample("arange", "i64", [], { args: [0, 5], dtype: "int64" });
sample("arange", "i64_step", [], { args: [-3, 7, 2], dtype: "int64" });
sample("arange", "f64", [], { args: [0, 1, 0.25], dtype: "float64" });
sample("arange", "f64_fine", [], { args: [-1, 1, 0.3], dtype: "float64" });
sample("arange", "i64_float_bounds", [], { args: [-1.5, 4.7, 1.9], dtype: "int64" });
sample("arange", "i32_float_bounds", [], { args: [-1.5, 4.7, 1.9], dtype: "int32" });
sample("arange", "i64_float_descending", [], { args: [2.7, -3.2, -1.5], dtype: "int64" });
sample("arange", "i32_float_descending", [], { args: [2.7, -3.2, -1.5], dtype: "int32" });
sample("linspace", "basic", [], { start: 0, end: 1, steps: 5 });
sample("linspace", "neg", [], { start: -1, end: 1, steps: 7 });
sample("linspace", "descending", [], { start: 3, end: -2, steps: 6 });
sample("linspace", "one", [], { start: 2.5, end: 7, steps: 1 });
sample("linspace", "zero", [], { start: 0, end: 1, steps: 0 });
sample("linspace", "two", [], { start: 0.1, end: 0.7, steps: 2 });
sample("linspace", "many", [], { start: 0, end: 1, steps: 11 });
sample("linspace", "odd_frac", [], { start: 0.1, end: 2.3, steps: 9 });
sample("linspace", "f64", [], { start: 0, end: 1, steps: 11, dtype: "float64" });
sample("linspace", "f64_odd", [], { start: -0.3, end: 1.7, steps: 8, dtype: "float64" });
sample("linspace", "i64", [], { start: 0, end: 10, steps: 4, dtype: "int64" });
sample("linspace", "i64_negative", [], { start: -7, end: 3, steps: 6, dtype: "int64" });
sample("linspace", "symmetric", [], { start: -10, end: 10, steps: 7 });
for (const op of ["zerosLike", "onesLike"]) {
  sample(op, "f32", [T(x23(), { rg: false })]);
  sample(op, "f64", [T(randn([3], f64), { rg: false })]);
  sample(op, "i64", [T(randint(0, 5, [2, 2]))]);
  sample(op, "bool", [T(ten([true], b8))]);
  sample(op, "dtype_override", [T(x23(), { rg: false })], { dtype: "int64" });
  sample(op, "noncontig", [T(x23(), { make: [["t"]], rg: false })]);
  sample(op, "from_requires_grad", [T(x23())]);
  sample(op, "requires_grad", [T(x23(), { rg: false })], { requiresGrad: true });
}
sample("fullLike", "f32", [T(x23(), { rg: false })], { value: 2.5 });
sample("fullLike", "i64_truncates", [T(randint(0, 5, [3]))], { value: 2.7 });
sample("fullLike", "bool", [T(ten([true, false], b8))], { value: 2 });
sample("fullLike", "dtype_override", [T(randint(0, 5, [3]))], { value: 2.5, dtype: "float64" });
sample("fullLike", "zero_dim", [T(randn([], f32), { rg: false })], { value: -1 });

// ---- in place ------------------------------------------------------------------------------------
// args: clone (run on x[0].clone(), a non-leaf, so autograd records it), view (index items: run on that
// view of it, and return [base, view])
for (const op of ["add_", "sub_", "mul_", "div_"]) {
  const nzo = (shape: number[] = [], dtype: DT = f32): Base => (op === "div_" ? rand(shape, 0.5, 2, dtype) : randn(shape, dtype));
  sample(op, "values", [T(randn([2, 3]), { rg: false }), T(nzo([2, 3]), { rg: false })]);
  sample(op, "broadcast_other", [T(randn([2, 3]), { rg: false }), T(nzo([3]), { rg: false })]);
  sample(op, "scalar_int", [T(randn([2, 3]), { rg: false }), S(2)]);
  sample(op, "scalar_float", [T(randn([3]), { rg: false }), S(0.75)]);
  sample(op, "noncontig_self", [T(randn([3, 2]), { make: [["t"]], rg: false }), T(nzo([2, 3]), { rg: false })]);
  sample(op, "step_self", [T(randn([2, 6]), { make: [["slice", 1, 1, 6, 2]], rg: false }), T(nzo([3]), { rg: false })]);
  sample(op, "f32_self_f64_other", [T(randn([3]), { rg: false }), T(nzo([3], f64), { rg: false })]);
  sample(op, "f64_self_f32_other", [T(randn([3], f64), { rg: false }), T(nzo([3]), { rg: false })]);
  sample(op, "f32_self_i64_other", [T(randn([3]), { rg: false }), T(ten([1, 2, 3], i64), { rg: false })]);
  if (op !== "div_") {
    sample(op, "i64_self_i64", [T(randint(-5, 6, [4]), { rg: false }), T(randint(-5, 6, [4]), { rg: false })]);
    sample(op, "i64_self_scalar_int", [T(randint(-5, 6, [4]), { rg: false }), S(3)]);
    sample(op, "i32_self_i64_other", [T(randint(-5, 6, [4], i32), { rg: false }), T(randint(-5, 6, [4]), { rg: false })]);
    sampleOrError(op === "sub_")(op, "i64_self_bool_other", [T(randint(-5, 6, [3]), { rg: false }), T(ten([true, false, true], b8), { rg: false })]);
  }
  sample(op, "zero_dim_self", [T(randn(), { rg: false }), T(nzo(), { rg: false })]);
  sample(op, "autograd_nonleaf", [T(randn([2, 3])), T(nzo([2, 3]))], { clone: true });
  sample(op, "autograd_nonleaf_broadcast", [T(randn([2, 3])), T(nzo([3]))], { clone: true });
  sample(op, "autograd_nonleaf_scalar", [T(randn([2, 3])), S(1.5)], { clone: true });
  sample(op, "autograd_only_other", [T(randn([2, 3]), { rg: false }), T(nzo([2, 3]))], { clone: true });
  sample(op, "autograd_only_self", [T(randn([3])), T(nzo([3]), { rg: false })], { clone: true });
  sample(op, "autograd_noncontig_other", [T(randn([2, 3])), T(nzo([3, 2]), { make: [["t"]] })], { clone: true });
  sample(op, "autograd_no_grad_self_f32_other_f64", [T(randn([3])), T(nzo([3], f64))], { clone: true });
  if (op === "add_" || op === "sub_") {
    sample(op, "alpha", [T(randn([2, 3]), { rg: false }), T(randn([2, 3]), { rg: false })], { alpha: 2.5 });
    sample(op, "autograd_alpha", [T(randn([2, 3])), T(randn([3]))], { alpha: -2, clone: true });
  }
}
for (const [op, other] of [
  ["add_", T(randn([4]))],
  ["sub_", S(1.5)],
  ["mul_", T(randn([1]))],
  ["div_", T(rand([4], 0.5, 2.0))],
  ["zero_", null],
  ["fill_", S(0.5)],
  ["fill_", T(ten(-2.0))],
  ["copy_", T(randn([4]))],
] as [string, Input | null][]) {
  const ins: Input[] = [T(randn([3, 4])), ...(other !== null ? [other] : [])];
  const label = "view_of_nonleaf" + (op === "fill_" && other !== null && !("scalar" in other) ? "_tensor_value" : "");
  sample(op, label, ins, { clone: true, view: [1] });
}
sample("mul_", "strided_view_of_nonleaf", [T(randn([3, 4])), T(randn([2, 1]))], { clone: true, view: [[null, null, 2], [1, 3]] });
sample("add_", "view_of_nonleaf_alpha", [T(randn([2, 3])), T(randn([3]))], { clone: true, view: [0], alpha: 2 });
sample("add_", "view_no_grad", [T(randn([2, 3]), { rg: false }), T(randn([3]), { rg: false })], { view: [1] });
sample("zero_", "expanded_self", [T(randn([1]), { make: [["expand", [3]]], rg: false })]);
sample("fill_", "expanded_self", [T(randn([2, 1]), { make: [["expand", [2, 3]]], rg: false }), S(1.5)]);
sample("zero_", "values", [T(randn([2, 3]), { rg: false })]);
sample("zero_", "noncontig", [T(randn([3, 2]), { make: [["t"]], rg: false })]);
sample("zero_", "i64", [T(randint(-5, 6, [4]), { rg: false })]);
sample("zero_", "autograd_nonleaf", [T(randn([2, 3]))], { clone: true });
sample("fill_", "float", [T(randn([2, 3]), { rg: false }), S(2.5)]);
sample("fill_", "int_into_i64", [T(randint(-5, 6, [4]), { rg: false }), S(7)]);
sample("fill_", "float_into_i64", [T(randint(-5, 6, [4]), { rg: false }), S(2.7)]);
sample("fill_", "bool_into_f32", [T(randn([2]), { rg: false }), S(true)]);
sample("fill_", "into_bool", [T(ten([true, false], b8), { rg: false }), S(0.5)]);
sample("fill_", "step", [T(randn([2, 6]), { make: [["slice", 1, 0, 6, 2]], rg: false }), S(-1)]);
sample("fill_", "zero_dim_tensor_value", [T(randn([2, 3]), { rg: false }), T(ten(1.25), { rg: false })]);
sample("fill_", "autograd_nonleaf", [T(randn([2, 3])), S(0.5)], { clone: true });
sample("fill_", "autograd_nonleaf_zero", [T(randn([2, 3])), S(0)], { clone: true });
sample("fill_", "autograd_tensor_value", [T(randn([2, 3])), T(ten(1.25))], { clone: true });
sample("copy_", "same_shape", [T(randn([2, 3]), { rg: false }), T(randn([2, 3]), { rg: false })]);
sample("copy_", "broadcast", [T(randn([2, 3]), { rg: false }), T(randn([3]), { rg: false })]);
sample("copy_", "noncontig_dst", [T(randn([3, 2]), { make: [["t"]], rg: false }), T(randn([2, 3]), { rg: false })]);
sample("copy_", "noncontig_src", [T(randn([2, 3]), { rg: false }), T(randn([3, 2]), { make: [["t"]], rg: false })]);
sample("copy_", "f64_into_f32", [T(randn([3]), { rg: false }), T(ten([0.1, 1 / 3, 2.0], f64), { rg: false })]);
sample("copy_", "f32_into_i64", [T(randint(0, 5, [3]), { rg: false }), T(ten([-1.7, 2.5, 3.999]), { rg: false })]);
sample("copy_", "i64_into_bool", [T(ten([true, true, false], b8), { rg: false }), T(ten([0, 3, -1], i64), { rg: false })]);
sample("copy_", "autograd_src", [T(randn([2, 3]), { rg: false }), T(randn([2, 3]))], { clone: true });
sample("copy_", "autograd_both", [T(randn([2, 3])), T(randn([3]))], { clone: true });
sample("copy_", "autograd_src_f64", [T(randn([2, 3])), T(randn([2, 3], f64))], { clone: true });

// =================================================================================================
// bad input
// =================================================================================================
error("add", "broadcast_mismatch", [T(randn([2, 3])), T(randn([4]))]);
error("add", "broadcast_mismatch_3d", [T(randn([2, 3, 4])), T(randn([3, 3, 1]))]);
error("mul", "broadcast_mismatch_grad", [T(randn([2, 3])), T(randn([2, 2]))]);
error("eq", "broadcast_mismatch", [T(randn([3])), T(randn([2]))]);
error("where", "broadcast_mismatch", [T(ten([true, false], b8)), T(randn([3])), T(randn([3]))]);
error("where", "cond_not_bool", [T(randn([3]), { rg: false }), T(randn([3])), T(randn([3]))]);
error("sub", "bool_bool", [T(ten([true], b8)), T(ten([false], b8))]);
error("add", "int_alpha_float", [T(ten([1, 2], i64)), T(ten([1, 2], i64))], { alpha: 2.5 });
error("pow", "int_negative_int_exponent", [T(ten([1, 2], i64)), S(-1)]);
error("mm", "shape_mismatch", [T(randn([2, 3])), T(randn([4, 2]))]);
error("mm", "not_matrix_self", [T(randn([3])), T(randn([3, 2]))]);
error("mm", "not_matrix_other", [T(randn([2, 3])), T(randn([3]))]);
error("mv", "bool", [T(ten([[true, false], [true, true]], b8)), T(ten([true, false], b8))]);
error("mm", "bool", [T(ten([[true, false], [true, true]], b8)), T(ten([[true, false], [true, true]], b8))]);
error("dot", "bool", [T(ten([true, false], b8)), T(ten([true, true], b8))]);
error("matmul", "bool", [T(ten([[true, false], [true, true]], b8)), T(ten([[true, false], [true, true]], b8))]);
error("mm", "dtype_mismatch", [T(randn([2, 3])), T(randn([3, 2], f64))]);
error("mv", "shape_mismatch", [T(randn([2, 3])), T(randn([4]))]);
error("mv", "not_vector", [T(randn([2, 3])), T(randn([3, 1]))]);
error("dot", "size_mismatch", [T(randn([3])), T(randn([4]))]);
error("dot", "not_1d", [T(randn([2, 2])), T(randn([4]))]);
error("dot", "dtype_mismatch", [T(randn([3])), T(randn([3], f64))]);
error("outer", "not_1d", [T(randn([2, 2])), T(randn([3]))]);
error("matmul", "zero_dim", [T(randn()), T(randn([3]))]);
error("matmul", "1d_1d_mismatch", [T(randn([3])), T(randn([4]))]);
error("matmul", "2d_2d_mismatch", [T(randn([2, 3])), T(randn([2, 3]))]);
error("matmul", "3d_3d_mismatch", [T(randn([2, 2, 3])), T(randn([2, 2, 3]))]);
error("matmul", "batch_broadcast_mismatch", [T(randn([2, 2, 3])), T(randn([3, 3, 2]))]);
error("view", "incompatible_strides", [T(randn([2, 3]), { make: [["t"]] })], { shape: [6] });
error("view", "bad_numel", [T(randn([2, 3]))], { shape: [4, 2] });
error("view", "two_inferred", [T(randn([2, 3]))], { shape: [-1, -1] });
error("view", "bad_negative", [T(randn([2, 3]))], { shape: [-2, 3] });
error("reshape", "bad_numel", [T(randn([2, 3]))], { shape: [5] });
error("expand", "mismatch", [T(randn([2, 3]))], { sizes: [2, 4] });
error("expand", "too_few_sizes", [T(randn([2, 3]))], { sizes: [3] });
error("expand", "leading_minus_one", [T(randn([3]))], { sizes: [-1, 3] });
error("expandAs", "mismatch", [T(randn([2, 3])), T(randn([3, 2]))]);
error("permute", "wrong_length", [T(randn([2, 3]))], { dims: [0, 1, 2] }, { note: "PyTorch 2.x message for permute with the wrong number of dims differs from 1.13" });
error("permute", "repeated_dim", [T(randn([2, 3]))], { dims: [1, 1] });
error("permute", "dim_out_of_range", [T(randn([2, 3]))], { dims: [0, 2] });
error("transpose", "dim_out_of_range", [T(randn([2, 3]))], { dim0: 0, dim1: 2 });
error("t", "3d", [T(randn([2, 3, 4]))]);
error("squeeze", "dim_out_of_range", [T(randn([2, 1]))], { dim: 2 });
error("unsqueeze", "dim_out_of_range", [T(randn([2, 3]))], { dim: 3 });
error("unsqueeze", "dim_out_of_range_neg", [T(randn([2, 3]))], { dim: -4 });
error("flatten", "start_after_end", [T(randn([2, 3, 4]))], { start: 2, end: 1 });
error("flatten", "dim_out_of_range", [T(randn([2, 3]))], { start: 0, end: 2 });
error("sum", "dim_out_of_range", [T(randn([2, 3]))], { dim: 2 });
error("sum", "dim_repeated", [T(randn([2, 3]))], { dim: [1, 1] });
error("mean", "dim_repeated_after_wrap", [T(randn([2, 3]))], { dim: [0, -2] });
error("mean", "dim_out_of_range_neg", [T(randn([2, 3]))], { dim: -3 });
error("mean", "integer_input", [T(ten([1, 2, 3], i64))]);
error("mean", "integer_input_dim", [T(ten([[1, 2, 3]], i32))], { dim: 1 });
error("mean", "bool_input", [T(ten([true], b8))]);
error("prod", "dim_out_of_range", [T(randn([2, 3]))], { dim: 5 });
error("max", "dim_out_of_range", [T(randn([2, 3]))], { dim: 2 });
error("min", "empty_all", [T(randn([0]))]);
error("max", "empty_dim", [T(randn([2, 0]))], { dim: 1 });
error("amax", "empty_all", [T(randn([0, 3]))]);
error("amax", "empty_dim", [T(randn([0, 3]))], { dim: 0 });
error("amin", "empty_dims_list", [T(randn([2, 0]))], { dim: [0, 1] });
error("amax", "dim_out_of_range", [T(randn([2, 3]))], { dim: [0, 3] });
error("norm", "integer_input", [T(ten([3, 4], i64))], undefined, { note: "PyTorch 2.x: linalg.vector_norm's message" });
error("select", "index_out_of_range", [T(randn([3, 4]))], { dim: 0, index: 3 });
error("select", "index_out_of_range_neg", [T(randn([3, 4]))], { dim: 1, index: -5 });
error("select", "dim_out_of_range", [T(randn([3, 4]))], { dim: 2, index: 0 });
error("select", "zero_dim", [T(randn())], { dim: 0, index: 0 });
error("narrow", "exceeds", [T(randn([3, 4]))], { dim: 1, start: 2, length: 3 });
error("narrow", "start_out_of_range", [T(randn([3, 4]))], { dim: 0, start: 4, length: 0 });
error("narrow", "negative_length", [T(randn([3, 4]))], { dim: 0, start: 0, length: -1 });
error("index", "too_many", [T(randn([2, 3]))], { items: [0, 0, 0] });
error("index", "int_out_of_range", [T(randn([2, 3]))], { items: [2] });
error("index", "int_out_of_range_dim1", [T(randn([2, 3]))], { items: [0, -4] });
error("index", "int_out_of_range_after_newaxis", [T(randn([3, 4]))], { items: [null, 5] });
error("index", "int_out_of_range_after_ellipsis", [T(randn([3, 4]))], { items: ["...", 7] });
error("index", "zero_step", [T(randn([4]))], { items: [[null, null, 0]] });
error("index", "negative_step", [T(randn([4]))], { items: [[null, null, -1]] });
error("index", "zero_dim_int", [T(randn())], { items: [0] });
error("item", "many_elements", [T(randn([2, 3]))]);
error("item", "no_elements", [T(randn([0]))]);
error("requiresGrad_", "integer", [T(ten([1, 2], i64))]);
error("requiresGrad_", "bool", [T(ten([true], b8))]);
error("setRequiresGrad", "integer", [T(ten([1, 2], i32))], { flag: true });
error("setRequiresGrad", "nonleaf_true", [T(randn([2]))], { flag: true, clone: true });
error("setRequiresGrad", "nonleaf_false", [T(randn([2]))], { flag: false, clone: true });
error("requiresGrad_", "nonleaf_false", [T(randn([2]))], { flag: false, clone: true });
error("narrow", "zero_dim", [T(randn())], { dim: 0, start: 0, length: 1 });
error("tensor", "int_requires_grad", [], { data: [1, 2], dtype: "int64", requiresGrad: true });
error("tensor", "ragged", [], { data: [[1, 2], [3]] });
error("zeros", "negative_dim", [], { shape: [2, -1] });
error("full", "negative_dim", [], { shape: [-3], value: 1.5 });
error("arange", "bad_sign", [], { args: [0, 5, -1] });
error("arange", "zero_step", [], { args: [0, 5, 0] });
error("arange", "step_truncates_to_zero", [], { args: [0, 2, 0.5], dtype: "int64" });
error("linspace", "negative_steps", [], { start: 0, end: 1, steps: -1 });
error("add_", "leaf_requires_grad", [T(randn([2, 3])), T(randn([2, 3]), { rg: false })]);
error("mul_", "leaf_requires_grad_scalar", [T(randn([3])), S(2)]);
error("zero_", "leaf_requires_grad", [T(randn([3]))]);
error("fill_", "leaf_requires_grad", [T(randn([3])), S(1.5)]);
error("copy_", "leaf_requires_grad", [T(randn([3])), T(randn([3]), { rg: false })]);
error("add_", "int_self_float_other", [T(ten([1, 2, 3], i64), { rg: false }), T(ten([0.5, 1.0, 1.5]), { rg: false })]);
error("add_", "int_self_float_scalar", [T(ten([1, 2, 3], i64), { rg: false }), S(2.5)]);
error("add_", "bool_self_int_other", [T(ten([true, false], b8), { rg: false }), T(ten([1, 2], i64), { rg: false })]);
error("div_", "int_self_int_scalar", [T(ten([4, 6], i64), { rg: false }), S(2)]);
error("mul_", "int32_self_float_tensor", [T(ten([4, 6], i32), { rg: false }), T(ten(1.5), { rg: false })]);
error("add_", "broadcast_changes_shape", [T(randn([3]), { rg: false }), T(randn([2, 3]), { rg: false })]);
error("mul_", "broadcast_changes_shape_1", [T(randn([1, 3]), { rg: false }), T(randn([2, 1]), { rg: false })]);
error("add_", "broadcast_mismatch", [T(randn([2, 3]), { rg: false }), T(randn([2]), { rg: false })]);
error("add_", "expanded_self", [T(randn([3]), { make: [["expand", [2, 3]]], rg: false }), S(1)]);
error("fill_", "value_not_zero_dim", [T(randn([3]), { rg: false }), T(randn([2]), { rg: false })]);
error("copy_", "broadcast_mismatch", [T(randn([2, 3]), { rg: false }), T(randn([4]), { rg: false })]);
error("copy_", "expanded_self", [T(randn([1]), { make: [["expand", [3]]], rg: false }), T(randn([3]), { rg: false })]);
error("add_", "view_of_leaf_requires_grad", [T(randn([2, 3])), T(randn([3]), { rg: false })], { view: [0] });
error("matmul", "batched_inner_mismatch", [T(randn([2, 2, 3])), T(randn([1, 4, 2]))]);
error("copy_", "broadcast_changes_shape", [T(randn([3]), { rg: false }), T(randn([2, 3]), { rg: false })]);

// =================================================================================================
// how each op is spelled
// =================================================================================================
// Python helpers for the `py` expressions below (run once per op by scripts/golden/opinfo_cases.py).
const PRELUDE = `
def py_index_item(it):
    if it is None:
        return None
    if it == "...":
        return Ellipsis
    if isinstance(it, list):
        return slice(*it)
    return it


def index(t, items):
    # x.index(a) is Python's x[a]; x.index(a, b) is x[a, b]
    if len(items) == 1:
        return t[py_index_item(items[0])]
    return t[tuple(py_index_item(i) for i in items)]


def alpha_kw(a):
    return {"alpha": a["alpha"]} if "alpha" in a else {}


def reduce_call(name, x, a):
    if "dim" not in a:
        return getattr(x[0], name)()
    return getattr(x[0], name)(a["dim"], keepdim=a.get("keepdim", False))


def inplace(name, x, a):
    s = x[0].clone() if a.get("clone") else x[0]
    target = index(s, a["view"]) if "view" in a else s
    r = getattr(target, name)(*x[1:], **alpha_kw(a))
    assert r is target
    return (s, target) if "view" in a else s


def creation_kw(a):
    kw = {"dtype": dtypes[a["dtype"]]} if a.get("dtype") else {}
    if a.get("requiresGrad"):
        kw["requires_grad"] = True
    return kw


def to_py_data(d, bigint=False):
    if isinstance(d, list):
        return [to_py_data(v, bigint) for v in d]
    if isinstance(d, bool):
        return d
    return int(d) if bigint else float(d)


def set_requires_grad(x, a):
    t = x[0].clone() if a.get("clone") else x[0]
    t.requires_grad = a["flag"]
    return t


def requires_grad_(x, a):
    t = x[0].clone() if a.get("clone") else x[0]
    return t.requires_grad_(a.get("flag", True))
`;

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

interface Def {
  ts: OpFn;
  py: string;
  torch2?: OpInfo["torch2"];
  /** returns a view of (or is) an input: strides and offsets are checked too */
  view?: boolean;
}
const pyReduce = (name: string): string => `reduce_call("${name}", x, a)`;
const pyInplace = (name: string): string => `inplace("${name}", x, a)`;

const DEFS: Record<string, Def> = {
  add: { ts: (x, a) => x[0].add(x[1], a.alpha), py: "torch.add(x[0], x[1], **alpha_kw(a))" },
  sub: { ts: (x, a) => x[0].sub(x[1], a.alpha), py: "torch.sub(x[0], x[1], **alpha_kw(a))" },
  mul: { ts: (x) => x[0].mul(x[1]), py: "torch.mul(x[0], x[1])" },
  div: { ts: (x) => x[0].div(x[1]), py: "torch.div(x[0], x[1])" },
  pow: { ts: (x) => torch.pow(x[0], x[1]), py: "torch.pow(x[0], x[1])" },
  neg: { ts: (x) => x[0].neg(), py: "x[0].neg()" },
  abs: { ts: (x) => x[0].abs(), py: "x[0].abs()" },
  exp: { ts: (x) => x[0].exp(), py: "x[0].exp()" },
  log: { ts: (x) => x[0].log(), py: "x[0].log()" },
  sqrt: { ts: (x) => x[0].sqrt(), py: "x[0].sqrt()" },
  square: { ts: (x) => x[0].square(), py: "x[0].square()" },
  sin: { ts: (x) => x[0].sin(), py: "x[0].sin()" },
  cos: { ts: (x) => x[0].cos(), py: "x[0].cos()" },
  tanh: { ts: (x) => x[0].tanh(), py: "x[0].tanh()" },
  sigmoid: { ts: (x) => x[0].sigmoid(), py: "x[0].sigmoid()" },
  relu: { ts: (x) => x[0].relu(), py: "x[0].relu()" },
  eq: { ts: (x) => x[0].eq(x[1]), py: "x[0].eq(x[1])" },
  ne: { ts: (x) => x[0].ne(x[1]), py: "x[0].ne(x[1])" },
  lt: { ts: (x) => x[0].lt(x[1]), py: "x[0].lt(x[1])" },
  le: { ts: (x) => x[0].le(x[1]), py: "x[0].le(x[1])" },
  gt: { ts: (x) => x[0].gt(x[1]), py: "x[0].gt(x[1])" },
  ge: { ts: (x) => x[0].ge(x[1]), py: "x[0].ge(x[1])" },
  sum: { ts: reduce("sum"), py: pyReduce("sum") },
  mean: { ts: reduce("mean"), py: pyReduce("mean") },
  prod: { ts: reduce("prod"), py: pyReduce("prod") },
  max: { ts: reduce("max"), py: pyReduce("max") },
  min: { ts: reduce("min"), py: pyReduce("min") },
  amax: { ts: (x, a) => x[0].amax(a.dim, a.keepdim ?? false), py: "x[0].amax(a.get('dim', ()), keepdim=a.get('keepdim', False))" },
  amin: { ts: (x, a) => x[0].amin(a.dim, a.keepdim ?? false), py: "x[0].amin(a.get('dim', ()), keepdim=a.get('keepdim', False))" },
  norm: {
    ts: (x, a) => x[0].norm(a.p ?? 2, a.dim, a.keepdim ?? false),
    py: "x[0].norm(p=a.get('p', 2), dim=a.get('dim'), keepdim=a.get('keepdim', False))",
    torch2: {
      // 2.x: Tensor.norm / torch.norm call torch.linalg.vector_norm (1.13: NormBackward1).
      "*": { gradFn: "LinalgVectorNormBackward0" },
      // 2.x: Tensor.norm is torch.linalg.vector_norm (1.13: "norm(): input dtype should be either floating point or complex. Got Long instead.").
      integer_input: { name: "RuntimeError", message: "linalg.vector_norm: Expected a floating point or complex tensor as input. Got Long" },
    },
  },
  dot: { ts: (x) => x[0].dot(x[1]), py: "x[0].dot(x[1])" },
  mm: {
    ts: (x) => x[0].mm(x[1]),
    py: "x[0].mm(x[1])",
    torch2: {
      // 2.x CPU addmm_impl_cpu_ checks the dtypes itself (1.13: "expected scalar type Float but found Double").
      dtype_mismatch: { name: "RuntimeError", message: "expected m1 and m2 to have the same dtype, but got: float != double" },
    },
  },
  mv: {
    ts: (x) => x[0].mv(x[1]),
    py: "x[0].mv(x[1])",
    torch2: {
      // 2.x addmv's message (1.13: "size mismatch, got 2, 2x3,4").
      shape_mismatch: { name: "RuntimeError", message: "size mismatch, got input (2), mat (2x3), vec (4)" },
    },
  },
  matmul: {
    ts: (x) => x[0].matmul(x[1]),
    py: "x[0].matmul(x[1])",
    torch2: {
      // 2.x: matmul's 1-D @ 2-D case ends in squeeze_(0) (1.13: SqueezeBackward3).
      "1d_2d": { gradFn: "SqueezeBackward4" },
      "1d_2d_rhs_only": { gradFn: "SqueezeBackward4" },
      // 2.x folds 2-D @ 3-D into one mm (then .mT().contiguous(): CloneBackward0) only when the 2-D operand
      // requires grad (should_fold); otherwise it takes the batched bmm path. 1.13 always folded.
      "2d_3d_rhs_only": { gradFn: "UnsafeViewBackward0" },
    },
  },
  outer: { ts: (x) => x[0].outer(x[1]), py: "x[0].outer(x[1])" },
  view: { ts: (x, a) => x[0].view(a.shape), py: "x[0].view(a['shape'])", view: true },
  reshape: { ts: (x, a) => x[0].reshape(a.shape), py: "x[0].reshape(a['shape'])", view: true },
  t: { ts: (x) => x[0].t(), py: "x[0].t()", view: true },
  transpose: { ts: (x, a) => x[0].transpose(a.dim0, a.dim1), py: "x[0].transpose(a['dim0'], a['dim1'])", view: true },
  permute: { ts: (x, a) => x[0].permute(a.dims), py: "x[0].permute(a['dims'])", view: true },
  expand: { ts: (x, a) => x[0].expand(a.sizes), py: "x[0].expand(a['sizes'])", view: true },
  expandAs: { ts: (x) => x[0].expandAs(x[1]), py: "x[0].expand_as(x[1])", view: true },
  squeeze: { ts: (x, a) => ("dim" in a ? x[0].squeeze(a.dim) : x[0].squeeze()), py: "x[0].squeeze(a['dim']) if 'dim' in a else x[0].squeeze()", view: true },
  unsqueeze: { ts: (x, a) => x[0].unsqueeze(a.dim), py: "x[0].unsqueeze(a['dim'])", view: true },
  flatten: { ts: (x, a) => x[0].flatten(a.start ?? 0, a.end ?? -1), py: "x[0].flatten(a.get('start', 0), a.get('end', -1))", view: true },
  contiguous: { ts: (x) => x[0].contiguous(), py: "x[0].contiguous()", view: true },
  index: { ts: (x, a) => x[0].index(...a.items), py: "index(x[0], a['items'])", view: true },
  select: { ts: (x, a) => x[0].select(a.dim, a.index), py: "x[0].select(a['dim'], a['index'])", view: true },
  narrow: {
    ts: (x, a) => x[0].narrow(a.dim, a.start, a.length),
    py: "x[0].narrow(a['dim'], a['start'], a['length'])",
    view: true,
    torch2: {
      // 2.x narrow_symint checks the length, then the start (1.13 wrapped start like a dim).
      negative_length: { name: "RuntimeError", message: "narrow(): length must be non-negative." },
      start_out_of_range: { name: "IndexError", message: "start out of range (expected to be in range of [-3, 3], but got 4)" },
    },
  },
  clone: { ts: (x) => x[0].clone(), py: "x[0].clone()" },
  where: { ts: (x) => torch.where(x[0], x[1], x[2]), py: "torch.where(x[0], x[1], x[2])" },
  maximum: { ts: (x) => torch.maximum(x[0], x[1]), py: "torch.maximum(x[0], x[1])" },
  minimum: { ts: (x) => torch.minimum(x[0], x[1]), py: "torch.minimum(x[0], x[1])" },
  to: { ts: (x, a) => x[0].to(a.dtype), py: "x[0].to(dtypes[a['dtype']])" },
  float: { ts: (x) => x[0].float(), py: "x[0].float()" },
  double: { ts: (x) => x[0].double(), py: "x[0].double()" },
  long: { ts: (x) => x[0].long(), py: "x[0].long()" },
  int: { ts: (x) => x[0].int(), py: "x[0].int()" },
  bool: { ts: (x) => x[0].bool(), py: "x[0].bool()" },
  tensor: {
    ts: (_x, a) => torch.tensor(a.bigint ? toBigInts(a.data) : a.data, creationOpts(a)),
    py: "torch.tensor(to_py_data(a['data'], a.get('bigint', False)), **creation_kw(a))",
  },
  zeros: { ts: (_x, a) => torch.zeros(a.shape, creationOpts(a)), py: "torch.zeros(a['shape'], **creation_kw(a))" },
  ones: { ts: (_x, a) => torch.ones(a.shape, creationOpts(a)), py: "torch.ones(a['shape'], **creation_kw(a))" },
  full: {
    ts: (_x, a) => torch.full(a.shape, a.value, creationOpts(a)),
    py: "torch.full(a['shape'], a['value'] if isinstance(a['value'], bool) else float(a['value']), **creation_kw(a))",
  },
  arange: {
    ts: (_x, a) => (torch.arange as (...args: unknown[]) => Tensor)(...a.args, creationOpts(a)),
    py: "torch.arange(*[float(v) for v in a['args']], **creation_kw(a))",
  },
  linspace: {
    ts: (_x, a) => torch.linspace(a.start, a.end, a.steps, creationOpts(a)),
    py: "torch.linspace(float(a['start']), float(a['end']), a['steps'], **creation_kw(a))",
  },
  zerosLike: { ts: (x, a) => torch.zerosLike(x[0], creationOpts(a)), py: "torch.zeros_like(x[0], **creation_kw(a))" },
  onesLike: { ts: (x, a) => torch.onesLike(x[0], creationOpts(a)), py: "torch.ones_like(x[0], **creation_kw(a))" },
  fullLike: { ts: (x, a) => torch.fullLike(x[0], a.value, creationOpts(a)), py: "torch.full_like(x[0], float(a['value']), **creation_kw(a))" },
  add_: { ts: inplace("add_"), py: pyInplace("add_") },
  sub_: { ts: inplace("sub_"), py: pyInplace("sub_") },
  mul_: { ts: inplace("mul_"), py: pyInplace("mul_") },
  div_: { ts: inplace("div_"), py: pyInplace("div_") },
  zero_: { ts: inplace("zero_"), py: pyInplace("zero_") },
  fill_: { ts: inplace("fill_"), py: pyInplace("fill_") },
  copy_: { ts: inplace("copy_"), py: pyInplace("copy_") },
  // only in error samples
  item: {
    ts: (x) => x[0].item(),
    py: "x[0].item()",
    torch2: {
      // 2.x: Tensor.item() is at::_local_scalar_dense (1.13: the Python-level ValueError).
      many_elements: { name: "RuntimeError", message: "a Tensor with 6 elements cannot be converted to Scalar" },
      no_elements: { name: "RuntimeError", message: "a Tensor with 0 elements cannot be converted to Scalar" },
    },
  },
  requiresGrad_: { ts: (x, a) => (a.clone ? x[0].clone() : x[0]).requiresGrad_(a.flag ?? true), py: "requires_grad_(x, a)" },
  setRequiresGrad: {
    ts: (x, a) => {
      const t: Tensor = a.clone ? x[0].clone() : x[0];
      t.requiresGrad = a.flag;
      return t;
    },
    py: "set_requires_grad(x, a)",
  },
};

for (const name of new Set([...SAMPLES.keys(), ...ERRORS.keys()]))
  if (!(name in DEFS)) throw new Error(`foundation: samples for ${name}, which has no DEFS entry`);

export const ops: OpInfo[] = Object.entries(DEFS).map(([name, d]) => {
  const op: OpInfo = { name, ts: d.ts, py: d.py, pyPrelude: PRELUDE, samples: SAMPLES.get(name) ?? [], checkViews: true };
  const errors = ERRORS.get(name);
  if (errors) op.errors = errors;
  if (d.torch2) op.torch2 = d.torch2;
  if (d.view) op.checkStrides = true;
  return op;
});
