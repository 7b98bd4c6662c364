// Op table entries: reductions (issue 3). See ./types.ts for the contract.
// Every entry calls the op through `callOp`: `a.pos` are positional arguments, `a.kw` the keyword
// arguments (the trailing options object in tensorgrad, **kwargs in PyTorch), `a.fn` calls torch.op(x, ...)
// instead of the method x.op(...). The Python side is `call(name, x, a)` from PRELUDE, which only adds
// shims where the 1.13 oracle's bindings lack a 2.x spelling (each one says so).
// Samples cover shapes, dims (int, lists, negative), keepdim, non-contiguous inputs (transposed, stepped,
// expanded), ties and NaNs (where PyTorch's tie-breaking and NaN rules decide values and indices), empty
// dims where legal, integer and bool inputs, float64, and bad input (errors).
import * as torch from "../../src/index.js";
import type { DT, Input, MakeStep, OpInfo, Sample, TensorInput, Value } from "./types.js";
import { T, ten } from "./builders.js";

const f32: DT = "float32";
const f64: DT = "float64";
const i64: DT = "int64";
const i32: DT = "int32";
const b8: DT = "bool";

// ---- inputs --------------------------------------------------------------------------------------
type Base = TensorInput;
const randn = (shape: number[] = [], dtype: DT = f32): Base => ({ shape, dtype });
/** integer-valued (in [lo, hi)) inputs of any dtype: ties on purpose */
const ints = (shape: number[], lo: number, hi: number, dtype: DT = f32): Base => ({ shape, dtype, gen: { kind: "int", low: lo, high: hi } });
const unif = (shape: number[], lo: number, hi: number, dtype: DT = f32): Base => ({ shape, dtype, gen: { kind: "uniform", low: lo, high: hi } });
const NAN: Value = "nan";
const INF: Value = "inf";
const NINF: Value = "-inf";

// ---- calls ---------------------------------------------------------------------------------------
interface Call {
  pos?: unknown[];
  kw?: Record<string, unknown>;
  fn?: boolean;
}
type A = Call & Record<string, unknown>;

/** x.name(...pos, kw) or torch.name(x, ...pos, kw) */
const callOp =
  (name: string, fnOnly = false) =>
  (x: any[], a: A): unknown => {
    const rest = [...(a.pos ?? []), ...(a.kw !== undefined ? [a.kw] : [])];
    return a.fn || fnOnly ? (torch as any)[name](x[0], ...rest) : x[0][name](...rest);
  };

const PRELUDE = `
def _kw(a):
    kw = dict(a.get('kw') or {})
    if isinstance(kw.get('dtype'), str):
        kw['dtype'] = dtypes[kw['dtype']]
    return kw


def call(name, x, a):
    pos = list(a.get('pos', []))
    kw = _kw(a)
    if name in ('std', 'var', 'std_mean', 'var_mean') and 'correction' in kw and not pos and 'dim' not in kw:
        # 1.13's bindings want dim= next to correction= (2.x: dim defaults to None)
        kw['dim'] = None
    if name in ('any', 'all'):
        dim = pos[0] if pos else kw.get('dim')
        if isinstance(dim, (list, tuple)):
            # 2.x any/all over a list of dims (1.13 takes one int dim): the same reduction through sum
            keepdim = pos[1] if len(pos) > 1 else kw.get('keepdim', False)
            n = ((x[0] != 0) if name == 'any' else (x[0] == 0)).sum(dim, keepdim=keepdim)
            return n > 0 if name == 'any' else n == 0
    if a.get('fn') or not hasattr(x[0], name):
        return getattr(torch, name)(x[0], *pos, **kw)
    return getattr(x[0], name)(*pos, **kw)
`;

// ---- registry ------------------------------------------------------------------------------------
const SAMPLES = new Map<string, Sample[]>();
const ERRORS = new Map<string, Sample[]>();
interface Opts {
  /** why gradcheck (and gradgradcheck) do not apply at this point */
  skip?: string;
  /** why only gradgradcheck does not apply */
  skipGG?: string;
  note?: string;
  atol?: number;
  rtol?: number;
  /** gradcheck options (both sides): a float32 output's rounding shows in the finite differences */
  gc?: { eps?: number; atol?: number };
}
const F32_OUT = { eps: 1e-3, atol: 1e-3 };
function push(m: Map<string, Sample[]>, op: string, s: Sample): void {
  if (!m.has(op)) m.set(op, []);
  m.get(op)!.push(s);
}
function sample(op: string, id: string, inputs: Input[], args: A = {}, o: Opts = {}): void {
  const s: Sample = { id, inputs, args };
  if (o.skip) s.gradcheck = o.skip;
  if (o.skipGG) s.gradgradcheck = o.skipGG;
  if (o.note) s.note = o.note;
  if (o.atol !== undefined) s.atol = o.atol;
  if (o.rtol !== undefined) s.rtol = o.rtol;
  if (o.gc) s.gradcheckOptions = o.gc;
  push(SAMPLES, op, s);
}
function error(op: string, id: string, inputs: Input[], args: A = {}, o: { note?: string } = {}): void {
  const s: Sample = { id, inputs, args };
  if (o.note) s.note = o.note;
  push(ERRORS, op, s);
}

const TIES = "ties: not differentiable where equal elements swap places";
const NANS = "NaN inputs: finite differences are NaN";
const DOF = "degrees of freedom <= 0: the derivative is inf/nan";
const INFS = "infinite inputs: the derivative is nan";

// =================================================================================================
// std, var, stdMean, varMean
// =================================================================================================
for (const op of ["std", "var", "stdMean", "varMean"]) {
  const fnOnly = op === "stdMean" || op === "varMean";
  const fn = fnOnly ? { fn: true } : {};
  sample(op, "all", [T(randn([3, 4]))], { ...fn });
  sample(op, "dim1", [T(randn([3, 4]))], { ...fn, pos: [1] });
  sample(op, "dim0_keepdim", [T(randn([3, 4]))], { ...fn, pos: [0], kw: { keepdim: true } });
  sample(op, "dim_neg", [T(randn([2, 3, 4]))], { ...fn, pos: [-2] });
  sample(op, "dim_list", [T(randn([2, 3, 4]))], { ...fn, pos: [[0, 2]] });
  sample(op, "dim_list_unsorted_neg_keepdim", [T(randn([2, 3, 4]))], { ...fn, kw: { dim: [-1, 0], keepdim: true } });
  sample(op, "dim_list_all", [T(randn([2, 3]))], { ...fn, pos: [[1, 0]] });
  sample(op, "unbiased_false", [T(randn([3, 4]))], { ...fn, pos: [false] });
  sample(op, "unbiased_true", [T(randn([5]))], { ...fn, pos: [true] });
  sample(op, "positional_unbiased_keepdim", [T(randn([3, 4]))], { ...fn, pos: [1, false, true] });
  sample(op, "positional_dim_none_unbiased_keepdim", [T(randn([3, 4]))], { ...fn, pos: [null, true, true] });
  sample(op, "kw_unbiased", [T(randn([3, 4]))], { ...fn, kw: { dim: 0, unbiased: false } });
  sample(op, "correction0", [T(randn([3, 4]))], { ...fn, kw: { dim: 1, correction: 0 } });
  sample(op, "correction2_all", [T(randn([3, 4]))], { ...fn, kw: { correction: 2 } });
  sample(op, "correction_keepdim_all", [T(randn([2, 3]))], { ...fn, kw: { dim: null, correction: 1, keepdim: true } });
  sample(op, "noncontig_t", [T(randn([4, 3]), { make: [["t"]] })], { ...fn, pos: [0] });
  sample(op, "noncontig_t_all", [T(randn([4, 3]), { make: [["t"]] })], { ...fn });
  sample(op, "noncontig_step", [T(randn([3, 8]), { make: [["slice", 1, 0, 8, 2]] })], { ...fn, pos: [1] });
  sample(op, "expanded", [T(randn([4]), { make: [["expand", [3, 4]]] })], { ...fn, pos: [1] });
  sample(op, "expanded_zero_spread", [T(randn([4]), { make: [["expand", [3, 4]]] })], { ...fn, pos: [0] }, op.startsWith("std") ? { skip: "all equal: std is not differentiable at 0" } : {});
  sample(op, "f64", [T(randn([3, 5], f64))], { ...fn, pos: [1] });
  sample(op, "f64_all", [T(randn([4, 5], f64))], { ...fn });
  sample(op, "large", [T(randn([30, 40]))], { ...fn, pos: [0] });
  sample(op, "large_all", [T(randn([30, 40]))], { ...fn });
  sample(op, "offset_mean", [T({ shape: [4, 6], gen: { kind: "normal", mean: 100, std: 0.01 } })], { ...fn, pos: [1] }, { skip: "float64 differences of nearly equal values", atol: 1e-4 });
  // var's gradient at 0 degrees of freedom: 2.x gives nan where self == mean (1.13: +-inf), so only the
  // forward values are compared here
  sample(op, "zero_dim", [T(randn(), { rg: op.startsWith("var") ? false : undefined })], { ...fn }, { skip: DOF });
  sample(op, "zero_dim_correction0", [T(randn())], { ...fn, kw: { dim: 0, correction: 0 } }, op.startsWith("std") ? { skip: "std of one element: sqrt at 0" } : {});
  sample(op, "single_element_dim", [T(randn([3, 1]))], { ...fn, pos: [1] }, { skip: DOF });
  sample(op, "correction_too_large", [T(randn([2, 3]))], { ...fn, kw: { dim: 1, correction: 5 } }, { skip: DOF });
  sample(op, "empty_dim", [T(randn([2, 0]))], { ...fn, pos: [1] });
  sample(op, "empty_other", [T(randn([0, 3]))], { ...fn, pos: [1] });
  if (!fnOnly) sample(op, "fn_form", [T(randn([3, 4]))], { fn: true, pos: [1], kw: { keepdim: true } });
  sample(op, "constant_rows", [T(ten([[1, 1, 1], [2, 3, 4]]))], { ...fn, pos: [1] }, op.startsWith("std") ? { skip: "std of equal values: sqrt at 0" } : {});
  error(op, "int_input", [T(ints([2, 3], -3, 4, i64))], { ...fn });
  error(op, "bool_input", [T(ten([true, false], b8))], { ...fn, pos: [0] });
  error(op, "dim_out_of_range", [T(randn([2, 3]))], { ...fn, pos: [2] });
  error(op, "dim_repeated", [T(randn([2, 3]))], { ...fn, pos: [[1, -1]] });
}

// =================================================================================================
// logsumexp
// =================================================================================================
sample("logsumexp", "dim1", [T(randn([3, 4]))], { pos: [1] });
sample("logsumexp", "dim0_keepdim", [T(randn([3, 4]))], { pos: [0, true] });
sample("logsumexp", "kw_keepdim", [T(randn([3, 4]))], { pos: [-1], kw: { keepdim: true } });
sample("logsumexp", "dim_list", [T(randn([2, 3, 4]))], { pos: [[0, 2]] });
sample("logsumexp", "dim_list_all", [T(randn([2, 3]))], { pos: [[0, 1]] });
sample("logsumexp", "dim_list_neg_keepdim", [T(randn([2, 3, 4]))], { kw: { dim: [-1, -3], keepdim: true } });
sample("logsumexp", "noncontig_t", [T(randn([4, 3]), { make: [["t"]] })], { pos: [1] });
sample("logsumexp", "noncontig_step", [T(randn([3, 8]), { make: [["slice", 1, 1, 8, 3]] })], { pos: [0] });
sample("logsumexp", "expanded", [T(randn([4]), { make: [["expand", [3, 4]]] })], { pos: [0] });
sample("logsumexp", "f64", [T(randn([3, 5], f64))], { pos: [1] });
sample("logsumexp", "large_values", [T(unif([3, 4], 80, 120))], { pos: [1] }, { atol: 1e-4 });
sample("logsumexp", "very_negative", [T(unif([3, 4], -120, -80))], { pos: [1] }, { atol: 1e-4 });
sample("logsumexp", "large", [T(randn([20, 30]))], { pos: [0] });
sample("logsumexp", "int_input", [T(ints([2, 3], -3, 4, i64))], { pos: [1] });
sample("logsumexp", "bool_input", [T(ten([[true, false], [false, false]], b8))], { pos: [1] });
sample("logsumexp", "neg_inf_row", [T(ten([[NINF, NINF, NINF], [1, NINF, 2]]))], { pos: [1] }, { skip: INFS });
sample("logsumexp", "pos_inf", [T(ten([[INF, 1, 2], [0, 1, 2]]))], { pos: [1] }, { skip: INFS });
sample("logsumexp", "nan", [T(ten([[NAN, 1, 2], [0, 1, 2]]))], { pos: [1] }, { skip: NANS });
sample("logsumexp", "zero_dim", [T(randn())], { pos: [0] });
sample("logsumexp", "empty_dim", [T(randn([2, 0]))], { pos: [1] });
sample("logsumexp", "empty_other", [T(randn([0, 3]))], { pos: [1] });
sample("logsumexp", "fn_form", [T(randn([3, 4]))], { fn: true, pos: [1, true] });
error("logsumexp", "dim_out_of_range", [T(randn([2, 3]))], { pos: [2] });
error("logsumexp", "dim_repeated", [T(randn([2, 3]))], { pos: [[0, 0]] });

// =================================================================================================
// cumsum, cumprod
// =================================================================================================
for (const op of ["cumsum", "cumprod"]) {
  const vals = op === "cumprod" ? unif : (s: number[], _l: number, _h: number, d: DT = f32) => randn(s, d);
  sample(op, "dim0", [T(vals([3, 4], 0.5, 1.5))], { pos: [0] });
  sample(op, "dim1", [T(vals([3, 4], 0.5, 1.5))], { pos: [1] });
  sample(op, "dim_neg", [T(vals([2, 3, 4], -1.5, 1.5))], { pos: [-1] });
  sample(op, "dim_middle", [T(vals([2, 3, 4], -1.5, 1.5))], { pos: [1] });
  sample(op, "kw_dim", [T(vals([3, 4], 0.5, 1.5))], { kw: { dim: 1 } });
  sample(op, "noncontig_t", [T(vals([4, 3], 0.5, 1.5), { make: [["t"]] })], { pos: [1] });
  sample(op, "noncontig_step", [T(vals([3, 8], 0.5, 1.5), { make: [["slice", 1, 0, 8, 2]] })], { pos: [1] });
  sample(op, "expanded", [T(vals([4], 0.5, 1.5), { make: [["expand", [3, 4]]] })], { pos: [0] });
  sample(op, "f64", [T(vals([3, 5], -1.5, 1.5, f64))], { pos: [1] });
  sample(op, "long_dim", [T(vals([2, 40], 0.8, 1.2))], { pos: [1] });
  sample(op, "int_input", [T(ints([2, 5], -3, 4, i64))], { pos: [1] });
  sample(op, "int32_input", [T(ints([2, 5], -3, 4, i32))], { pos: [1] });
  sample(op, "bool_input", [T(ten([[true, false, true], [true, true, true]], b8))], { pos: [1] });
  sample(op, "int_dtype_f32", [T(ints([2, 5], -3, 4, i64))], { pos: [1], kw: { dtype: "float32" } });
  sample(op, "f32_dtype_f64", [T(vals([3, 4], 0.5, 1.5))], { pos: [1], kw: { dtype: "float64" } });
  sample(op, "f64_dtype_f32", [T(vals([3, 4], 0.5, 1.5, f64))], { pos: [0], kw: { dtype: "float32" } }, { gc: F32_OUT });
  sample(op, "f32_dtype_i64", [T(unif([2, 4], -3, 3), { rg: false })], { pos: [1], kw: { dtype: "int64" } });
  sample(op, "zero_dim", [T(vals([], 0.5, 1.5))], { pos: [0] });
  sample(op, "zero_dim_neg", [T(vals([], 0.5, 1.5))], { pos: [-1] });
  sample(op, "size_one_dim", [T(vals([3, 1], 0.5, 1.5))], { pos: [1] });
  sample(op, "single_element", [T(vals([1], 0.5, 1.5))], { pos: [0] });
  sample(op, "empty_dim", [T(randn([2, 0]))], { pos: [1] });
  sample(op, "empty_other", [T(randn([0, 3]))], { pos: [1] });
  sample(op, "fn_form", [T(vals([3, 4], 0.5, 1.5))], { fn: true, pos: [1] });
  sample(op, "fn_form_dtype", [T(vals([3, 4], 0.5, 1.5))], { fn: true, pos: [0], kw: { dtype: "float64" } });
  sample(op, "fn_form_kw", [T(vals([3, 4], 0.5, 1.5))], { fn: true, kw: { dim: 1, dtype: "float64" } });
  error(op, "dim_out_of_range", [T(randn([2, 3]))], { pos: [2] });
  error(op, "zero_dim_dim1", [T(randn())], { pos: [1] });
}
sample("cumsum", "cancellation", [T(ten([1e8, 1, -1e8, 1]))], { pos: [0] }, { note: "float32 cumsum accumulates in double (acc_type)", skip: "1e8-scale values: finite differences lose the digits" });
sample("cumprod", "one_zero", [T(ten([[2, 0.5, 0, 3, 1.5], [1.5, 2, 0.5, 3, 0]]))], { pos: [1] });
sample("cumprod", "two_zeros", [T(ten([[2, 0, 0.5, 0, 3], [0, 1.5, 2, 0.5, 0]]))], { pos: [1] });
sample("cumprod", "zero_first", [T(ten([[0, 2, 3, 0.5], [1.5, 0.5, 2, 3]]))], { pos: [1] });
sample("cumprod", "all_zeros", [T(ten([[0, 0, 0], [1, 2, 3]]))], { pos: [1] });
sample("cumprod", "zeros_dim0", [T(ten([[2, 0, 0.5], [0, 1.5, 2], [3, 0.5, 0]]))], { pos: [0] });
sample("cumprod", "zeros_noncontig", [T(ten([[2, 0, 0.5], [0, 1.5, 2], [3, 0.5, 0]]), { make: [["t"]] })], { pos: [1] });
sample("cumprod", "zeros_f64", [T(ten([[2, 0.5, 0, 3], [1.5, 0, 0.5, 3]], f64))], { pos: [1] });
sample("cumprod", "cancellation", [T(ten([1e8, 1, -1e8, 1]), { rg: false })], { pos: [0] });

// =================================================================================================
// cummax, cummin
// =================================================================================================
for (const op of ["cummax", "cummin"]) {
  sample(op, "dim1", [T(randn([3, 5]))], { pos: [1] });
  sample(op, "dim0", [T(randn([4, 3]))], { pos: [0] });
  sample(op, "dim_neg_3d", [T(randn([2, 3, 4]))], { pos: [-2] });
  sample(op, "kw_dim", [T(randn([3, 4]))], { kw: { dim: 1 } });
  sample(op, "ties", [T(ints([3, 8], 0, 3))], { pos: [1] }, { skip: TIES });
  sample(op, "ties_explicit", [T(ten([1, 3, 3, 1, 0, 3, 0]))], { pos: [0] }, { skip: TIES });
  sample(op, "nan", [T(ten([[1, NAN, 3, NAN, 0], [2, 1, 0, -1, NAN]]))], { pos: [1] }, { skip: NANS });
  sample(op, "inf", [T(ten([[1, INF, 3, NINF], [NINF, 1, INF, 0]]))], { pos: [1] }, { skip: INFS });
  sample(op, "noncontig_t", [T(randn([4, 3]), { make: [["t"]] })], { pos: [1] });
  sample(op, "noncontig_step", [T(randn([3, 8]), { make: [["slice", 1, 1, 8, 2]] })], { pos: [1] });
  sample(op, "expanded", [T(randn([4]), { make: [["expand", [3, 4]]] })], { pos: [0] }, { skip: TIES });
  sample(op, "f64", [T(randn([3, 5], f64))], { pos: [1] });
  sample(op, "int_input", [T(ints([2, 6], -3, 4, i64))], { pos: [1] });
  sample(op, "bool_input", [T(ten([[true, false, true], [false, false, true]], b8))], { pos: [1] });
  sample(op, "zero_dim", [T(randn())], { pos: [0] });
  sample(op, "empty_dim", [T(randn([2, 0]))], { pos: [1] });
  sample(op, "empty_other", [T(randn([0, 3]))], { pos: [1] });
  sample(op, "fn_form", [T(randn([3, 4]))], { fn: true, pos: [0] });
  error(op, "dim_out_of_range", [T(randn([2, 3]))], { pos: [2] });
}

// =================================================================================================
// median, nanmedian
// =================================================================================================
for (const op of ["median", "nanmedian"]) {
  sample(op, "all_odd", [T(randn([3, 5]))]);
  sample(op, "all_even", [T(randn([2, 4]))], {}, { note: "lower median" });
  sample(op, "all_ties", [T(ints([3, 4], 0, 3))], {}, { skip: TIES });
  sample(op, "all_nan", [T(ten([[1, NAN, 3], [0, 2, NAN]]))], {}, { skip: NANS });
  sample(op, "all_noncontig", [T(randn([4, 3]), { make: [["t"]] })]);
  sample(op, "all_f64", [T(randn([5, 2], f64))]);
  sample(op, "all_int", [T(ints([3, 4], -5, 6, i64))]);
  sample(op, "all_zero_dim", [T(randn())]);
  sample(op, "all_empty", [T(randn([0]))]);
  sample(op, "dim1", [T(randn([3, 5]))], { pos: [1] });
  sample(op, "dim1_even", [T(randn([3, 6]))], { pos: [1] });
  sample(op, "dim0_keepdim", [T(randn([4, 3]))], { pos: [0, true] });
  sample(op, "kw", [T(randn([3, 4]))], { kw: { dim: 1, keepdim: true } });
  sample(op, "dim_neg_3d", [T(randn([2, 3, 4]))], { pos: [-2] });
  sample(op, "ties", [T(ints([3, 8], 0, 3))], { pos: [1] }, { skip: TIES });
  sample(op, "ties_long", [T(ints([2, 40], 0, 4))], { pos: [1] }, { skip: TIES });
  sample(op, "nan", [T(ten([[1, NAN, 3, NAN, 0], [2, 1, 0, -1, 5], [NAN, NAN, NAN, NAN, 1], [NAN, NAN, NAN, NAN, NAN]]))], { pos: [1] }, { skip: NANS });
  sample(op, "nan_long", [T(ten([...Array(21).keys()].map((i) => (i % 4 === 1 ? NAN : (i * 7) % 11))))], { pos: [0] }, { skip: NANS });
  sample(op, "all_nan_long", [T(ten(Array(20).fill(NAN)))], { pos: [0] }, { skip: NANS });
  sample(op, "noncontig_t", [T(randn([5, 3]), { make: [["t"]] })], { pos: [1] });
  sample(op, "noncontig_step", [T(randn([3, 10]), { make: [["slice", 1, 0, 10, 2]] })], { pos: [1] });
  // (reducing along an expanded dim reads past the data in PyTorch's median kernel: not a sample)
  sample(op, "expanded", [T(randn([5, 1]), { make: [["expand", [5, 4]]] })], { pos: [0] });
  sample(op, "f64", [T(randn([3, 5], f64))], { pos: [1] });
  sample(op, "int_input", [T(ints([3, 6], -3, 4, i64))], { pos: [1] });
  sample(op, "zero_dim", [T(randn())], { pos: [0] });
  sample(op, "empty_other", [T(randn([0, 3]))], { pos: [1] });
  sample(op, "fn_form", [T(randn([3, 4]))], { fn: true, pos: [1] });
  sample(op, "fn_form_all", [T(randn([3, 4]))], { fn: true });
  error(op, "empty_dim", [T(randn([2, 0]))], { pos: [1] });
  error(op, "bool_dim", [T(ten([true, false], b8))], { pos: [0] });
  error(op, "bool_all", [T(ten([true, false], b8))]);
  error(op, "dim_out_of_range", [T(randn([2, 3]))], { pos: [2] });
}

// =================================================================================================
// mode
// =================================================================================================
sample("mode", "default_dim", [T(randn([3, 5]))]);
sample("mode", "dim0_keepdim", [T(randn([4, 3]))], { pos: [0, true] });
sample("mode", "kw", [T(randn([3, 4]))], { kw: { dim: 1, keepdim: true } });
sample("mode", "ties", [T(ints([3, 6], 0, 3))], { pos: [1] }, { skip: TIES });
sample("mode", "ties_long", [T(ints([4, 25], 0, 4))], { pos: [1] }, { skip: TIES, note: "over 16 elements std::sort takes its introsort path" });
sample("mode", "ties_very_long", [T(ints([2, 70], 0, 9))], { pos: [1] }, { skip: TIES });
sample("mode", "equal_frequency", [T(ten([[2, 2, 1, 1], [1, 1, 2, 2], [3, 1, 2, 0]]))], { pos: [1] }, { skip: TIES });
sample("mode", "nan", [T(ten([[NAN, NAN, 1], [1, NAN, 1], [NAN, 2, 2]]))], { pos: [1] }, { skip: NANS });
sample("mode", "noncontig_t", [T(ints([5, 3], 0, 3), { make: [["t"]] })], { pos: [1] }, { skip: TIES });
sample("mode", "noncontig_step", [T(randn([3, 10]), { make: [["slice", 1, 0, 10, 3]] })], { pos: [1] });
sample("mode", "expanded", [T(randn([4]), { make: [["expand", [5, 4]]] })], { pos: [0] }, { skip: TIES });
sample("mode", "f64", [T(randn([3, 5], f64))], { pos: [1] });
sample("mode", "int_input", [T(ints([3, 20], -3, 4, i64))], { pos: [1] });
sample("mode", "bool_input", [T(ten([[true, false, true], [false, false, true]], b8))], { pos: [1] });
sample("mode", "zero_dim", [T(randn())], { pos: [0] });
sample("mode", "empty_other", [T(randn([0, 3]))], { pos: [1] });
sample("mode", "fn_form", [T(ints([3, 6], 0, 3))], { fn: true, pos: [1] }, { skip: TIES });
error("mode", "empty_dim", [T(randn([2, 0]))], { pos: [1] });
error("mode", "dim_out_of_range", [T(randn([2, 3]))], { pos: [2] });

// =================================================================================================
// kthvalue
// =================================================================================================
sample("kthvalue", "k1", [T(randn([3, 5]))], { pos: [1] });
sample("kthvalue", "k_last", [T(randn([3, 5]))], { pos: [5] });
sample("kthvalue", "k_middle_dim0", [T(randn([6, 3]))], { pos: [3, 0] });
sample("kthvalue", "keepdim", [T(randn([3, 5]))], { pos: [2, 1, true] });
sample("kthvalue", "kw", [T(randn([3, 5]))], { pos: [4], kw: { dim: -1, keepdim: true } });
sample("kthvalue", "ties", [T(ints([3, 8], 0, 3))], { pos: [4] }, { skip: TIES });
sample("kthvalue", "ties_long", [T(ints([2, 40], 0, 4))], { pos: [17] }, { skip: TIES });
sample("kthvalue", "nan", [T(ten([[1, NAN, 3, NAN, 0], [2, 1, 0, -1, NAN]]))], { pos: [4] }, { skip: NANS });
sample("kthvalue", "nan_last", [T(ten([[1, NAN, 3, NAN, 0], [2, 1, 0, -1, NAN]]))], { pos: [5] }, { skip: NANS });
sample("kthvalue", "noncontig_t", [T(randn([5, 3]), { make: [["t"]] })], { pos: [2, 1] });
sample("kthvalue", "noncontig_step", [T(randn([3, 10]), { make: [["slice", 1, 0, 10, 2]] })], { pos: [3, 1] });
sample("kthvalue", "expanded", [T(randn([4]), { make: [["expand", [5, 4]]] })], { pos: [2, 0] }, { skip: TIES });
sample("kthvalue", "f64", [T(randn([3, 7], f64))], { pos: [4] });
sample("kthvalue", "int_input", [T(ints([3, 6], -3, 4, i64))], { pos: [3] });
sample("kthvalue", "zero_dim", [T(randn())], { pos: [1] });
sample("kthvalue", "zero_dim_dim0", [T(randn())], { pos: [1, 0] });
sample("kthvalue", "empty_other", [T(randn([0, 3]))], { pos: [2, 1] });
sample("kthvalue", "fn_form", [T(randn([3, 5]))], { fn: true, pos: [2, 0] });
error("kthvalue", "k_zero", [T(randn([2, 3]))], { pos: [0] });
error("kthvalue", "k_too_large", [T(randn([2, 3]))], { pos: [4, 1] });
error("kthvalue", "empty_dim", [T(randn([2, 0]))], { pos: [1, 1] });
error("kthvalue", "bool_input", [T(ten([true, false], b8))], { pos: [1] });
error("kthvalue", "dim_out_of_range", [T(randn([2, 3]))], { pos: [1, 2] });

// =================================================================================================
// topk
// =================================================================================================
sample("topk", "k2", [T(randn([3, 5]))], { pos: [2] });
sample("topk", "smallest", [T(randn([3, 5]))], { pos: [3, 1, false] });
sample("topk", "unsorted", [T(randn([3, 6]))], { pos: [4, -1, true, false] });
sample("topk", "smallest_unsorted", [T(randn([3, 6]))], { pos: [4], kw: { largest: false, sorted: false } });
sample("topk", "dim0", [T(randn([5, 3]))], { pos: [2, 0] });
sample("topk", "kw", [T(randn([3, 5]))], { pos: [2], kw: { dim: 0, largest: false } });
sample("topk", "k0", [T(randn([3, 5]))], { pos: [0] });
sample("topk", "k_all", [T(randn([3, 5]))], { pos: [5] });
sample("topk", "ties", [T(ints([3, 8], 0, 3))], { pos: [3] }, { skip: TIES });
sample("topk", "ties_unsorted", [T(ints([3, 20], 0, 3))], { pos: [5], kw: { sorted: false } }, { skip: TIES });
sample("topk", "ties_smallest", [T(ints([3, 20], 0, 3))], { pos: [6, 1, false] }, { skip: TIES });
sample("topk", "ties_partial_sort", [T(ints([2, 200], 0, 5))], { pos: [3] }, { skip: TIES, note: "k * 64 <= n: std::partial_sort" });
sample("topk", "ties_partial_sort_smallest", [T(ints([2, 130], 0, 5))], { pos: [2, 1, false] }, { skip: TIES });
sample("topk", "partial_sort", [T(randn([2, 130]))], { pos: [2] });
sample("topk", "nan", [T(ten([[1, NAN, 3, NAN, 0], [2, 1, 0, -1, NAN]]))], { pos: [3] }, { skip: NANS });
sample("topk", "nan_smallest", [T(ten([[1, NAN, 3, NAN, 0], [2, 1, 0, -1, NAN]]))], { pos: [4, 1, false] }, { skip: NANS });
sample("topk", "noncontig_t", [T(randn([5, 3]), { make: [["t"]] })], { pos: [2] });
sample("topk", "noncontig_step", [T(randn([3, 10]), { make: [["slice", 1, 0, 10, 2]] })], { pos: [3] });
sample("topk", "expanded", [T(randn([4]), { make: [["expand", [5, 4]]] })], { pos: [2, 0] }, { skip: TIES });
sample("topk", "f64", [T(randn([3, 7], f64))], { pos: [3] });
sample("topk", "int_input", [T(ints([3, 6], -3, 4, i64))], { pos: [2] });
sample("topk", "zero_dim", [T(randn())], { pos: [1] });
sample("topk", "zero_dim_k0", [T(randn())], { pos: [0] });
sample("topk", "empty_other", [T(randn([0, 3]))], { pos: [2] });
sample("topk", "empty_dim_k0", [T(randn([2, 0]))], { pos: [0] });
sample("topk", "fn_form", [T(randn([3, 5]))], { fn: true, pos: [2, 1, false] });
error("topk", "k_too_large", [T(randn([2, 3]))], { pos: [4] });
error("topk", "k_negative", [T(randn([2, 3]))], { pos: [-1] });
error("topk", "bool_input", [T(ten([true, false], b8))], { pos: [1] });
error("topk", "dim_out_of_range", [T(randn([2, 3]))], { pos: [1, 2] });

// =================================================================================================
// sort, argsort
// =================================================================================================
for (const op of ["sort", "argsort"]) {
  sample(op, "default", [T(randn([3, 5]))]);
  sample(op, "descending", [T(randn([3, 5]))], { pos: [1, true] });
  sample(op, "dim0", [T(randn([5, 3]))], { pos: [0] });
  sample(op, "kw", [T(randn([3, 5]))], { kw: { dim: 0, descending: true } });
  sample(op, "stable", [T(ints([3, 12], 0, 3))], { kw: { stable: true } }, { skip: TIES });
  sample(op, "stable_descending", [T(ints([3, 30], 0, 3))], { kw: { stable: true, descending: true } }, { skip: TIES });
  sample(op, "stable_false", [T(ints([3, 12], 0, 3))], { kw: { stable: false } }, { skip: TIES });
  sample(op, "stable_dim0", [T(ints([20, 3], 0, 4))], { kw: { stable: true, dim: 0 } }, { skip: TIES });
  sample(op, "ties_short", [T(ints([3, 12], 0, 3))], {}, { skip: TIES });
  sample(op, "ties_long", [T(ints([3, 40], 0, 3))], {}, { skip: TIES, note: "over 16 elements std::sort's introsort moves equal elements" });
  sample(op, "ties_long_descending", [T(ints([2, 70], 0, 5))], { pos: [-1, true] }, { skip: TIES });
  sample(op, "ties_heapsort_depth", [T(ints([1, 300], 0, 2))], {}, { skip: TIES });
  sample(op, "nan", [T(ten([[1, NAN, 3, NAN, 0], [NAN, 1, 0, -1, NAN]]))], {}, { skip: NANS });
  sample(op, "nan_descending", [T(ten([[1, NAN, 3, NAN, 0], [NAN, 1, 0, -1, NAN]]))], { pos: [1, true] }, { skip: NANS });
  sample(op, "nan_long", [T(ten([...Array(30).keys()].map((i) => (i % 3 === 0 ? NAN : (i * 7) % 5))))], {}, { skip: NANS });
  sample(op, "inf_and_signed_zero", [T(ten([0, "-0", INF, NINF, 1, "-0", 0]))], {}, { skip: INFS });
  sample(op, "noncontig_t", [T(randn([5, 3]), { make: [["t"]] })]);
  sample(op, "noncontig_step", [T(randn([3, 10]), { make: [["slice", 1, 0, 10, 2]] })]);
  // 2.x leaves a stride-0 dim unsorted (indices 0..n-1); 1.13 ran std::sort over the equal elements,
  // which moves them only past 16 elements: the sample stays at 10
  sample(op, "expanded", [T(ints([4], 0, 9), { make: [["expand", [10, 4]]] })], { pos: [0] }, { skip: TIES });
  sample(op, "expanded_other_dim", [T(randn([6, 1]), { make: [["expand", [6, 3]]] })], { pos: [0] });
  sample(op, "f64", [T(randn([3, 7], f64))], { pos: [1] });
  sample(op, "int_input", [T(ints([3, 25], -3, 4, i64))]);
  sample(op, "bool_input", [T(ten([[true, false, true, false], [false, false, true, true]], b8))]);
  sample(op, "bool_long", [T({ shape: [2, 20], dtype: b8, gen: { kind: "bool" } })], { pos: [-1, true] });
  sample(op, "zero_dim", [T(randn())]);
  sample(op, "empty_dim", [T(randn([2, 0]))], { pos: [1] });
  sample(op, "empty_other", [T(randn([0, 3]))]);
  sample(op, "large", [T(randn([2, 100]))]);
  sample(op, "fn_form", [T(randn([3, 5]))], { fn: true, pos: [0, true] });
  sample(op, "fn_form_stable", [T(ints([3, 20], 0, 3))], { fn: true, kw: { dim: 1, stable: true } }, { skip: TIES });
  error(op, "dim_out_of_range", [T(randn([2, 3]))], { pos: [2] });
}

// =================================================================================================
// any, all, countNonzero
// =================================================================================================
const mixed = (): Base => ten([[0, 1.5, 0], [-2, 0, 3], [0, 0, 0], [1, 2, 3]]);
for (const op of ["any", "all"]) {
  sample(op, "all_dims", [T(mixed())]);
  sample(op, "dim1", [T(mixed())], { pos: [1] });
  sample(op, "dim0_keepdim", [T(mixed())], { pos: [0, true] });
  sample(op, "kw", [T(mixed())], { kw: { dim: -1, keepdim: true } });
  sample(op, "dim_list", [T(ten([[[0, 1], [1, 1]], [[0, 0], [1, 1]]]))], { pos: [[0, 2]] }, { note: "dims lists are 2.x (any.dims)" });
  sample(op, "dim_list_keepdim", [T(ten([[[0, 1], [1, 1]], [[0, 0], [1, 1]]]))], { kw: { dim: [2, 1], keepdim: true } });
  sample(op, "nan", [T(ten([[NAN, 0], [0, 0]]))], { pos: [1] });
  sample(op, "bool_input", [T(ten([[true, false], [true, true]], b8))], { pos: [1] });
  sample(op, "bool_all_dims", [T(ten([[true, false], [true, true]], b8))]);
  sample(op, "int_input", [T(ten([[0, 2, 0], [1, 1, 1]], i64))], { pos: [1] });
  sample(op, "noncontig_t", [T(mixed(), { make: [["t"]] })], { pos: [1] });
  sample(op, "expanded", [T(ten([0, 1, 2]), { make: [["expand", [2, 3]]] })], { pos: [0] });
  sample(op, "zero_dim", [T(ten(0))]);
  sample(op, "zero_dim_dim0", [T(ten(2))], { pos: [0] });
  sample(op, "empty_all", [T(randn([0]))]);
  sample(op, "empty_dim", [T(randn([2, 0]))], { pos: [1] });
  sample(op, "empty_other", [T(randn([0, 3]))], { pos: [1] });
  sample(op, "fn_form", [T(mixed())], { fn: true, pos: [0] });
  error(op, "dim_out_of_range", [T(randn([2, 3]))], { pos: [2] });
}
sample("countNonzero", "all_dims", [T(mixed())]);
sample("countNonzero", "dim1", [T(mixed())], { pos: [1] });
sample("countNonzero", "dim_neg", [T(mixed())], { pos: [-2] });
sample("countNonzero", "dim_list", [T(ten([[[0, 1], [1, 1]], [[0, 0], [1, 1]]]))], { pos: [[0, 2]] });
sample("countNonzero", "dim_list_empty", [T(mixed())], { pos: [[]] });
sample("countNonzero", "kw", [T(mixed())], { kw: { dim: [1, 0] } });
sample("countNonzero", "nan", [T(ten([[NAN, 0], [0, "-0"]]))], { pos: [1] });
sample("countNonzero", "bool_input", [T(ten([[true, false], [true, true]], b8))], { pos: [0] });
sample("countNonzero", "int_input", [T(ten([[0, 2, 0], [1, 1, 1]], i64))], { pos: [1] });
sample("countNonzero", "noncontig_t", [T(mixed(), { make: [["t"]] })], { pos: [1] });
sample("countNonzero", "zero_dim", [T(ten(3))]);
sample("countNonzero", "empty_dim", [T(randn([2, 0]))], { pos: [1] });
sample("countNonzero", "fn_form", [T(mixed())], { fn: true, pos: [0] });
error("countNonzero", "dim_out_of_range", [T(randn([2, 3]))], { pos: [2] });
error("countNonzero", "dim_repeated", [T(randn([2, 3]))], { pos: [[0, 0]] });

// =================================================================================================
// argmax, argmin (torch.* and methods)
// =================================================================================================
for (const op of ["argmax", "argmin"]) {
  sample(op, "all_dims", [T(randn([3, 4]))]);
  sample(op, "all_dims_keepdim", [T(randn([3, 4]))], { kw: { keepdim: true } });
  sample(op, "dim1", [T(randn([3, 4]))], { pos: [1] });
  sample(op, "dim0_keepdim", [T(randn([3, 4]))], { pos: [0, true] });
  sample(op, "kw", [T(randn([3, 4]))], { kw: { dim: -1, keepdim: true } });
  sample(op, "ties", [T(ints([3, 8], 0, 3))], { pos: [1] });
  sample(op, "ties_all", [T(ints([3, 8], 0, 3))]);
  sample(op, "nan", [T(ten([[1, NAN, 3, NAN], [2, 1, 0, -1]]))], { pos: [1] });
  sample(op, "nan_all", [T(ten([[1, 5, 3, 0], [2, NAN, NAN, -1]]))]);
  sample(op, "int_input", [T(ints([3, 6], -3, 4, i64))], { pos: [1] });
  sample(op, "noncontig_t", [T(randn([4, 3]), { make: [["t"]] })], { pos: [1] });
  sample(op, "noncontig_t_all", [T(randn([4, 3]), { make: [["t"]] })]);
  sample(op, "zero_dim", [T(randn())]);
  sample(op, "zero_dim_dim0", [T(randn())], { pos: [0] });
  sample(op, "empty_other", [T(randn([0, 3]))], { pos: [1] });
  sample(op, "fn_form", [T(randn([3, 4]))], { fn: true, pos: [1, true] });
  sample(op, "fn_form_all", [T(randn([3, 4]))], { fn: true });
  error(op, "empty_all", [T(randn([0]))]);
  error(op, "empty_dim", [T(randn([0, 3]))], { pos: [0] });
  error(op, "bool_input", [T(ten([true, false], b8))]);
  error(op, "dim_out_of_range", [T(randn([2, 3]))], { pos: [2] });
}

// =================================================================================================
// the foundation reductions' other spellings: dim lists, dtype=, options objects, torch.* forms
// =================================================================================================
sample("sum_forms", "dim_list_unsorted", [T(randn([2, 3, 4]))], { pos: [[2, 0]] });
sample("sum_forms", "dim_list_neg_keepdim", [T(randn([2, 3, 4]))], { pos: [[-1, 1], true] });
sample("sum_forms", "dim_none_keepdim", [T(randn([2, 3]))], { pos: [null, true] });
sample("sum_forms", "kw", [T(randn([2, 3]))], { kw: { dim: [1], keepdim: true } });
sample("sum_forms", "dtype_f64", [T(randn([2, 3]))], { kw: { dtype: "float64" } });
sample("sum_forms", "dtype_f64_dim", [T(randn([2, 3]))], { pos: [1], kw: { dtype: "float64" } });
sample("sum_forms", "dtype_f64_dim_keepdim", [T(randn([2, 3]))], { pos: [0, true], kw: { dtype: "float64" } });
sample("sum_forms", "dtype_f32_from_f64", [T(randn([2, 3], f64))], { kw: { dim: [0, 1], dtype: "float32" } }, { gc: F32_OUT });
sample("sum_forms", "int_dtype_f32", [T(ints([2, 3], -3, 4, i64))], { pos: [1], kw: { dtype: "float32" } });
sample("sum_forms", "bool_dtype_f64", [T(ten([[true, false], [true, true]], b8))], { kw: { dtype: "float64" } });
sample("sum_forms", "f32_dtype_i64", [T(unif([2, 3], -3, 3), { rg: false })], { pos: [1], kw: { dtype: "int64" } });
sample("sum_forms", "noncontig_dims", [T(randn([3, 4, 2]), { make: [["permute", [2, 0, 1]]] })], { pos: [[0, 2]] });
sample("sum_forms", "fn_form", [T(randn([2, 3, 4]))], { fn: true, pos: [[0, 2], true], kw: { dtype: "float64" } });
sample("mean_forms", "dim_list_unsorted", [T(randn([2, 3, 4]))], { pos: [[2, 0]] });
sample("mean_forms", "dim_list_neg_keepdim", [T(randn([2, 3, 4]))], { pos: [[-1, 1], true] });
sample("mean_forms", "dim_none_keepdim", [T(randn([2, 3]))], { pos: [null, true] });
sample("mean_forms", "dtype_f64", [T(randn([2, 3]))], { kw: { dtype: "float64" } });
sample("mean_forms", "dtype_f64_dim", [T(randn([2, 3]))], { pos: [[0, 1]], kw: { dtype: "float64" } });
sample("mean_forms", "int_dtype_f32", [T(ints([2, 3], -3, 4, i64))], { pos: [1], kw: { dtype: "float32" } });
sample("mean_forms", "fn_form", [T(randn([2, 3, 4]))], { fn: true, pos: [[0, 2], true], kw: { dtype: "float64" } });
error("mean_forms", "dtype_int", [T(randn([2, 3]))], { kw: { dtype: "int64" } });
error("mean_forms", "int_input", [T(ints([2, 3], -3, 4, i64))], { pos: [1] });
sample("prod_forms", "dtype_f64", [T(unif([2, 3], 0.5, 1.5))], { kw: { dtype: "float64" } });
sample("prod_forms", "dtype_f64_dim", [T(unif([2, 3], 0.5, 1.5))], { pos: [1], kw: { dtype: "float64" } });
sample("prod_forms", "dtype_f64_dim_keepdim", [T(unif([2, 3], 0.5, 1.5))], { pos: [0, true], kw: { dtype: "float64" } });
sample("prod_forms", "int_dtype_f32", [T(ints([2, 3], -3, 4, i64))], { pos: [1], kw: { dtype: "float32" } });
sample("prod_forms", "kw", [T(unif([2, 3], 0.5, 1.5))], { kw: { dim: -1, keepdim: true } });
sample("prod_forms", "fn_form", [T(unif([2, 3], 0.5, 1.5))], { fn: true, pos: [1], kw: { dtype: "float64" } });
for (const op of ["max_forms", "min_forms"]) {
  sample(op, "kw", [T(randn([3, 4]))], { kw: { dim: 1, keepdim: true } });
  sample(op, "dim_neg", [T(randn([2, 3, 4]))], { pos: [-2] });
  sample(op, "ties", [T(ints([3, 6], 0, 3))], { pos: [1] }, { skip: TIES });
  sample(op, "nan", [T(ten([[1, NAN, 3, NAN], [2, 1, 0, -1]]))], { pos: [1] }, { skip: NANS });
  sample(op, "fn_form", [T(randn([3, 4]))], { fn: true, pos: [0, true] });
  sample(op, "fn_form_all", [T(randn([3, 4]))], { fn: true });
}
for (const op of ["amax_forms", "amin_forms"]) {
  sample(op, "dim_list_unsorted", [T(randn([2, 3, 4]))], { pos: [[2, 0]] });
  sample(op, "dim_list_neg_keepdim", [T(randn([2, 3, 4]))], { pos: [[-1, 1], true] });
  sample(op, "kw", [T(randn([2, 3]))], { kw: { dim: [0], keepdim: true } });
  sample(op, "ties", [T(ints([3, 6], 0, 3))], { pos: [[0, 1]] }, { skip: TIES });
  sample(op, "fn_form", [T(randn([2, 3, 4]))], { fn: true, pos: [[0, 2], true] });
}
sample("norm_forms", "dim_list", [T(randn([2, 3, 4]))], { kw: { dim: [0, 2] } });
sample("norm_forms", "p1_dim_list_keepdim", [T(randn([2, 3, 4]))], { kw: { p: 1, dim: [-1, 0], keepdim: true } });
sample("norm_forms", "pinf_dim_list", [T(randn([2, 3, 4]))], { kw: { p: Infinity, dim: [1, 2] } }, { note: "args encode inf as a string: a float in Python" });
sample("norm_forms", "p3_dim", [T(randn([2, 3]))], { pos: [3, 1] });
sample("norm_forms", "fn_form", [T(randn([2, 3, 4]))], { fn: true, pos: [2, [0, 2], true] });

// ---- the entries ---------------------------------------------------------------------------------
interface Def {
  ts: (x: any[], a: A) => unknown;
  py: string;
  differentiable?: boolean;
  torch2?: OpInfo["torch2"];
}
const pyCall = (name: string): string => `call(${JSON.stringify(name)}, x, a)`;
const def = (tsName: string, pyName: string, o: Partial<Def> = {}): Def => ({ ts: callOp(tsName), py: pyCall(pyName), ...o });

const DEFS: Record<string, Def> = {
  std: def("std", "std"),
  var: def("var", "var"),
  stdMean: { ts: callOp("stdMean", true), py: pyCall("std_mean") },
  varMean: { ts: callOp("varMean", true), py: pyCall("var_mean") },
  logsumexp: def("logsumexp", "logsumexp"),
  cumsum: def("cumsum", "cumsum"),
  cumprod: def("cumprod", "cumprod"),
  cummax: def("cummax", "cummax"),
  cummin: def("cummin", "cummin"),
  median: def("median", "median"),
  nanmedian: def("nanmedian", "nanmedian"),
  mode: def("mode", "mode"),
  kthvalue: def("kthvalue", "kthvalue"),
  topk: def("topk", "topk"),
  sort: def("sort", "sort"),
  argsort: def("argsort", "argsort", { differentiable: false }),
  any: def("any", "any", { differentiable: false }),
  all: def("all", "all", { differentiable: false }),
  countNonzero: def("countNonzero", "count_nonzero", { differentiable: false }),
  argmax: def("argmax", "argmax", { differentiable: false }),
  argmin: def("argmin", "argmin", { differentiable: false }),
  sum_forms: def("sum", "sum"),
  mean_forms: def("mean", "mean"),
  prod_forms: def("prod", "prod"),
  max_forms: def("max", "max"),
  min_forms: def("min", "min"),
  amax_forms: def("amax", "amax"),
  amin_forms: def("amin", "amin"),
  norm_forms: def("norm", "norm", {
    // 2.x: Tensor.norm / torch.norm call torch.linalg.vector_norm (1.13: NormBackward1).
    torch2: { "*": { gradFn: "LinalgVectorNormBackward0" } },
  }),
};

for (const name of new Set([...SAMPLES.keys(), ...ERRORS.keys()]))
  if (!(name in DEFS)) throw new Error(`reductions: samples for ${name}, which has no DEFS entry`);

export const ops: OpInfo[] = Object.entries(DEFS).map(([name, d]) => {
  const op: OpInfo = { name, ts: d.ts, py: d.py, pyPrelude: PRELUDE, samples: SAMPLES.get(name) ?? [] };
  const errors = ERRORS.get(name);
  if (errors) op.errors = errors;
  if (d.differentiable === false) op.differentiable = false;
  if (d.torch2) op.torch2 = d.torch2;
  return op;
});
