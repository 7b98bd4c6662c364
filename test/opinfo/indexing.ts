// Op table entries: indexing (issue 3). See ./types.ts for the contract.
//
// x.index with tensors / lists / booleans (advanced indexing), indexPut_ / torch.indexPut, gather,
// scatter / scatter_ (with reduce), scatterAdd / scatterAdd_, indexSelect, indexAdd / indexAdd_,
// indexFill / indexFill_, maskedFill / maskedFill_, maskedSelect, take, put / put_, nonzero.
//
// Index items travel in the args as JSON: a number, null (new axis), "..." (ellipsis), a boolean, a
// slice as [start, stop] / [start, stop, step], {t: k} for the input tensor x[k], and {list: [...]} for
// a JS array index (a Python list; a flat list of 2 or 3 integers is written with bigints in JS, as a
// plain array of that length is a slice). In-place ops run on x[0].clone() ({clone: true}), optionally
// on a basic view of it ({view: items}), giving [base, view] then.
//
// Where the 1.13 oracle and PyTorch 2.x differ:
//  - int32 index tensors: 2.x indexes with them (x[i32], index_put_, gather); 1.13 raises. The Python
//    spellings index with i32.long() instead, which is what 2.x computes.
//  - wrong index dtype: 2.x says "long, int, byte or bool" (1.13 "long, byte or bool"); gather says
//    "int32/int64"; masked_select's mask message drops ByteTensor; index_add checks the source's shape
//    up front (1.13 broadcast the slices): see each entry's torch2.
//  - masked_fill with a non-bool mask raises in 2.x (1.13 took it): no sample, as 1.13 cannot record it.
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import type { IndexItem, Tensor } from "../../src/index.js";
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
const randint = (lo: number, hi: number, shape: number[], dtype: DT = i64): Base => ({ shape, dtype, gen: { kind: "int", low: lo, high: hi } });
/** int64 index values */
const I = (data: unknown, dtype: DT = i64): TensorInput => ({ ...ten(data, dtype) });
/** bool mask values */
const M = (data: unknown): TensorInput => ({ ...ten(data, b8) });
const S = (v: number | boolean, kind?: "int" | "float" | "bool"): Input => (kind ? { scalar: v, kind } : { scalar: v });

// ---- registry ------------------------------------------------------------------------------------
const SAMPLES = new Map<string, Sample[]>();
const ERRORS = new Map<string, Sample[]>();
interface Opts {
  skip?: string;
  skipGG?: string;
  note?: string;
  checkStrides?: boolean;
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
  if (o.note) s.note = o.note;
  if (o.checkStrides) s.checkStrides = true;
  push(SAMPLES, op, s);
}
function error(op: string, id: string, inputs: Input[], args?: Record<string, unknown>): void {
  const s: Sample = { id, inputs };
  if (args) s.args = args;
  push(ERRORS, op, s);
}

// ---- index items ---------------------------------------------------------------------------------
const t = (k: number) => ({ t: k });
const list = (l: unknown[], big = false) => ({ list: l, big });
const all: [null, null] = [null, null];

type X = any[];
type A = Record<string, any>;

function bigints(v: unknown): unknown {
  return Array.isArray(v) ? v.map(bigints) : typeof v === "number" ? BigInt(v) : v;
}
/** A JSON index item as x.index takes it. */
function tsItem(it: any, x: X): IndexItem {
  if (it === null || typeof it === "number" || typeof it === "boolean" || it === "...") return it;
  if (Array.isArray(it)) return it as IndexItem; // a slice
  if ("t" in it) return x[it.t] as Tensor;
  const l = it.list as unknown[];
  const needsBig = l.length >= 2 && l.length <= 3 && l.every((e) => typeof e === "number");
  return (it.big || needsBig ? bigints(l) : l) as IndexItem;
}
const tsItems = (x: X, a: A): IndexItem[] => (a.items as unknown[]).map((it) => tsItem(it, x));

/** self, or self.clone(); with a.view, the basic view of it that the op works on */
function inplaceTarget(x: X, a: A): { self: Tensor; target: Tensor } {
  const self: Tensor = a.clone ? x[0].clone() : x[0];
  const target: Tensor = a.view ? self.index(...(a.view as IndexItem[])) : self;
  return { self, target };
}
/** an in-place op run as inplaceTarget says, returning self (or [self, view]) */
const inplace = (f: (target: Tensor, x: X, a: A) => Tensor) => (x: X, a: A): unknown => {
  const { self, target } = inplaceTarget(x, a);
  const r = f(target, x, a);
  assert.equal(r, target, "an in-place op returns self");
  return a.view ? [self, target] : self;
};

// Python helpers for the `py` expressions below.
const PRELUDE = `
def as_2x(t):
    # PyTorch 2.x indexes with int32 tensors; 1.13 does not: index with their int64 copy instead
    return t.long() if isinstance(t, torch.Tensor) and t.dtype == torch.int32 else t


def py_item(it, x):
    if it is None:
        return None
    if isinstance(it, str):
        return Ellipsis
    if isinstance(it, (bool, int)):
        return it
    if isinstance(it, list):
        return slice(*it)
    if "t" in it:
        return as_2x(x[it["t"]])
    return it["list"]


def py_items(items, x):
    return [py_item(i, x) for i in items]


def nested(v):
    return isinstance(v, list) and any(isinstance(e, list) for e in v)


def index(t, items, x):
    # x.index(a) is Python's x[a] (a nested list as one index tensor: x[(l,)]); x.index(a, b) is x[a, b]
    conv = py_items(items, x)
    if len(conv) == 1 and not nested(conv[0]):
        return t[conv[0]]
    return t[tuple(conv)]


def target_of(x, a):
    s = x[0].clone() if a.get("clone") else x[0]
    v = index(s, a["view"], x) if "view" in a else s
    return s, v


def inplace(f, x, a):
    s, v = target_of(x, a)
    r = f(v)
    assert r is v
    return (s, v) if "view" in a else s


def as_index_tensor(i):
    return i if isinstance(i, torch.Tensor) else torch.tensor(i)


def value_for(t, v):
    return v if isinstance(v, torch.Tensor) else torch.tensor(v, dtype=t.dtype)


def index_put_(t, items, v, acc, x):
    conv = py_items(items, x)
    if conv and all(isinstance(c, (torch.Tensor, list)) for c in conv):
        return t.index_put_(tuple(as_index_tensor(c) for c in conv), value_for(t, v), accumulate=acc)
    assert not acc, "no PyTorch spelling for accumulate with basic items"
    if len(conv) == 1 and not nested(conv[0]):
        t[conv[0]] = v
    else:
        t[tuple(conv)] = v
    return t


def index_put(t, items, v, acc, x):
    conv = py_items(items, x)
    if conv and all(isinstance(c, (torch.Tensor, list)) for c in conv):
        return torch.index_put(t, tuple(as_index_tensor(c) for c in conv), value_for(t, v), accumulate=acc)
    return index_put_(t.clone(), items, v, acc, x)


def reduce_kw(a):
    return {"reduce": a["reduce"]} if a.get("reduce") else {}


def alpha_kw(a):
    return {"alpha": a["alpha"]} if "alpha" in a else {}
`;

// =================================================================================================
// x.index with tensors, lists and booleans
// =================================================================================================
const IX = "indexAdvanced";
const x34 = () => T(randn([3, 4]));
const x234 = () => T(randn([2, 3, 4]));
const x2345 = () => T(randn([2, 3, 4, 5]));
sample(IX, "rows_dup", [x34(), I([2, 0, 2])], { items: [t(1)] });
sample(IX, "index_2d", [x34(), I([[0, 1], [2, 0]])], { items: [t(1)] });
sample(IX, "dim1", [x34(), I([3, 0])], { items: [all, t(1)] });
sample(IX, "negative", [x34(), I([-1, -3, 0])], { items: [t(1)] });
sample(IX, "two_adjacent", [x234(), I([1, 0]), I([2, 0])], { items: [t(1), t(2)] });
sample(IX, "broadcast", [x234(), I([[0], [1]]), I([2, 0, 1])], { items: [t(1), t(2)] });
sample(IX, "broadcast_0dim_and_1d", [x234(), I(1), I([3, 0, 1])], { items: [all, t(1), t(2)] });
sample(IX, "all_three", [x234(), I([1, 0]), I([2, 0]), I([3, 3])], { items: [t(1), t(2), t(3)] });
sample(IX, "separated_to_front", [x2345(), I([0, 2]), I([1, 4])], { items: [all, t(1), all, t(2)] });
sample(IX, "separated_broadcast", [x2345(), I([[0], [1]]), I([1, 4, 0])], { items: [t(1), all, all, t(2)] });
sample(IX, "adjacent_middle", [x2345(), I([0, 2]), I([1, 3])], { items: [all, t(1), t(2)] });
sample(IX, "int_then_adjacent", [x2345(), I([1, 2]), I([3, 4])], { items: [0, all, t(1), t(2)] });
sample(IX, "int_between_makes_adjacent", [x234(), I([1, 0]), I([2, 3])], { items: [t(1), 0, t(2)] });
sample(IX, "slice_between_separates", [x234(), I([1, 0]), I([2, 3])], { items: [t(1), [1, 3], t(2)] });
sample(IX, "newaxis_first", [x2345(), I([0, 1]), I([1, 2])], { items: [all, null, t(1), t(2)] });
sample(IX, "newaxis_between", [x2345(), I([0, 1]), I([1, 2])], { items: [all, t(1), null, t(2)] });
sample(IX, "ellipsis_last", [x234(), I([0, 3])], { items: ["...", t(1)] });
sample(IX, "ellipsis_newaxis", [x234(), I([0, 1])], { items: [t(1), "...", null] });
sample(IX, "ellipsis_middle", [x2345(), I([1]), I([4, 0])], { items: [t(1), "...", t(2)] });
sample(IX, "step_slice_and_tensor", [T(randn([5, 4])), I([3, 1])], { items: [[null, null, 2], t(1)] });
sample(IX, "tensor_and_step_slice", [T(randn([4, 6])), I([3, 1, 1])], { items: [t(1), [1, null, 2]] });
sample(IX, "mask_full", [x34(), M([[true, false, true, true], [false, false, true, false], [true, true, false, false]])], { items: [t(1)] });
sample(IX, "mask_2d_of_3d", [x234(), M([[true, false, true], [false, true, true]])], { items: [t(1)] });
sample(IX, "mask_dim1", [x34(), M([false, true, true, false])], { items: [all, t(1)] });
sample(IX, "mask_and_int_tensor", [x34(), M([true, false, true]), I([3, 0])], { items: [t(1), t(2)] });
sample(IX, "mask_and_int_broadcast", [x34(), M([true, false, true]), I([2])], { items: [t(1), t(2)] });
sample(IX, "mask_all_false", [x34(), M([false, false, false])], { items: [t(1)] });
sample(IX, "mask_3d_all", [x234(), { shape: [2, 3, 4], dtype: b8, gen: { kind: "bool" } }], { items: [t(1)] });
sample(IX, "mask_after_ellipsis", [x234(), M([true, false, true, true])], { items: ["...", t(1)] });
sample(IX, "mask_ellipsis_int_quirk", [x2345(), M([[true, false, true], [false, true, true]])], { items: [t(1), "...", 0] }, { note: "PyTorch's applySlicing: the int selects dim 2 (a mask advances dim by one only)" });
sample(IX, "list_ints", [x34()], { items: [list([0, 2, 1, 2])] });
sample(IX, "list_one", [x34()], { items: [list([1])] });
sample(IX, "list_bigints", [x34()], { items: [list([2, 0], true)] });
sample(IX, "list_pair_needs_bigints", [x34()], { items: [all, list([3, 1])] });
sample(IX, "list_bools", [x34()], { items: [list([true, false, true])] });
sample(IX, "list_nested", [x34()], { items: [list([[0, 1], [2, 0]])] });
sample(IX, "list_empty", [x34()], { items: [list([])] });
sample(IX, "lists_two", [x234()], { items: [list([0, 1, 1, 0]), all, list([3, 2, 1, 0])] });
sample(IX, "bool_true", [x34()], { items: [true] });
sample(IX, "bool_false", [x34()], { items: [false] });
sample(IX, "int_bool_true", [x34()], { items: [0, true] });
sample(IX, "bool_true_with_tensor", [x34(), I([2, 0])], { items: [true, t(1)] });
sample(IX, "zero_dim_bool_tensor", [x34(), M(true)], { items: [t(1)] });
sample(IX, "zero_dim_bool_tensor_false", [x34(), M(false)], { items: [all, t(1)] });
sample(IX, "zero_dim_int_tensor_selects", [x34(), I(2)], { items: [t(1)] });
sample(IX, "zero_dim_int_tensor_then_tensor", [x234(), I(1), I([3, 0])], { items: [t(1), all, t(2)] });
sample(IX, "zero_dim_self_bool", [T(randn())], { items: [true] });
sample(IX, "int32_index", [x34(), I([2, 0], i32)], { items: [t(1)] });
sample(IX, "int32_and_int64", [x234(), I([1, 0], i32), I([3, 3])], { items: [t(1), all, t(2)] });
sample(IX, "empty_index", [x34(), { shape: [0], dtype: i64, values: [] }], { items: [t(1)] });
sample(IX, "empty_index_2d", [x34(), { shape: [2, 0], dtype: i64, values: [] }], { items: [all, t(1)] });
sample(IX, "noncontig_self", [T(randn([4, 3]), { make: [["t"]] }), I([2, 0, 1])], { items: [t(1)] });
sample(IX, "noncontig_self_dim1", [T(randn([4, 3, 2]), { make: [["transpose", 0, 2]] }), I([3, 1])], { items: [all, all, t(1)] });
sample(IX, "noncontig_index", [x34(), T(randint(0, 3, [2, 3]), { make: [["t"]] })], { items: [t(1)] });
sample(IX, "expanded_index", [x34(), T(ten([2, 0], i64), { make: [["expand", [3, 2]]] })], { items: [all, t(1)] });
sample(IX, "sliced_self", [T(randn([6, 4]), { make: [["slice", 0, 1, 6, 2]] }), I([0, 2, 1])], { items: [t(1), [1, 3]] });
sample(IX, "f64", [T(randn([3, 4], f64)), I([1, 1])], { items: [t(1), list([0, 3])] });
sample(IX, "i64_self", [T(randint(-9, 9, [3, 4])), I([1, 2])], { items: [all, t(1)] });
sample(IX, "bool_self", [T({ shape: [3, 4], dtype: b8, gen: { kind: "bool" } }), M([true, false, true])], { items: [t(1)] });
sample(IX, "one_dim", [T(randn([5])), I([4, 4, 0, -2])], { items: [t(1)] });

error(IX, "out_of_range", [x34(), I([0, 5])], { items: [t(1)] });
error(IX, "out_of_range_negative", [x34(), I([-4])], { items: [t(1)] });
error(IX, "out_of_range_dim1", [x34(), I([5])], { items: [all, t(1)] });
error(IX, "out_of_range_second_index", [x34(), I([0]), I([7])], { items: [t(1), t(2)] });
error(IX, "out_of_range_list", [x34()], { items: [list([0, 1, 3, 0])] });
error(IX, "float_index", [x34(), T(ten([0, 1]), { rg: false })], { items: [t(1)] });
error(IX, "broadcast_mismatch", [x34(), I([0, 1]), I([0, 1, 2])], { items: [t(1), t(2)] });
error(IX, "mask_shape_mismatch", [x34(), M([true, false])], { items: [t(1)] });
error(IX, "mask_shape_mismatch_dim1", [x34(), M([true, false, true])], { items: [all, t(1)] });
error(IX, "mask_then_int_quirk", [x234(), M([[true, false, true], [false, true, true]])], { items: [t(1), 0] });
error(IX, "mask_and_tensor_mismatch", [x34(), M([true, false, true]), I([0, 1, 2])], { items: [t(1), t(2)] });
error(IX, "too_many", [x34(), I([0])], { items: [0, 0, t(1)] });
error(IX, "too_many_mask_dims", [T(randn([3])), M([[true, false, true]])], { items: [t(1)] });
error(IX, "zero_dim_self_tensor", [T(randn()), I([0])], { items: [t(1)] });
error(IX, "zero_dim_self_newaxis_tensor", [T(randn()), I([0, 0, 0])], { items: [null, t(1)] });
error(IX, "int_out_of_range_with_tensor", [x34(), I([0])], { items: [t(1), 4] });
error(IX, "empty_dim_nonempty_index", [T({ shape: [0, 3], dtype: f32, values: [] }), I([0])], { items: [t(1)] });
error(IX, "list_ragged", [x34()], { items: [list([[0, 1], [1]])] });

// =================================================================================================
// indexPut_ (x[items] = values; aten::index_put_ with tensors only) and torch.indexPut
// =================================================================================================
const IP = "indexPut_";
const xc = (shape: number[] = [3, 4], dtype: DT = f32) => T(randn(shape, dtype));
sample(IP, "rows", [xc(), I([0, 2]), T(randn([2, 4]))], { clone: true, items: [t(1)] });
sample(IP, "rows_broadcast_value", [xc(), I([2, 0]), T(randn([4]))], { clone: true, items: [t(1)] });
sample(IP, "scalar_value", [xc(), I([1]), S(2.5)], { clone: true, items: [t(1)] });
sample(IP, "zero_dim_value", [xc(), I([1, 2]), T(randn())], { clone: true, items: [t(1)] });
sample(IP, "two_indices", [xc(), I([0, 2, 1]), I([3, 0, 1]), T(randn([3]))], { clone: true, items: [t(1), t(2)] });
sample(IP, "two_indices_broadcast", [xc(), I([[0], [2]]), I([3, 0]), T(randn([2, 2]))], { clone: true, items: [t(1), t(2)] });
sample(IP, "accumulate_duplicates", [xc(), I([0, 2, 0, 0]), T(randn([4, 4]))], { clone: true, items: [t(1)], acc: true });
sample(IP, "accumulate_pairs", [xc(), I([0, 0, 1]), I([1, 1, 1]), T(randn([3]))], { clone: true, items: [t(1), t(2)], acc: true });
sample(IP, "accumulate_broadcast_value", [xc(), I([1, 1]), T(randn([4]))], { clone: true, items: [t(1)], acc: true });
sample(IP, "duplicates_no_accumulate", [xc(), I([1, 1]), T(randn([2, 4]))], { clone: true, items: [t(1)] }, { note: "last write wins; PyTorch's values gradient counts every duplicate" });
sample(IP, "mask_scalar", [xc(), M([[true, false, true, true], [false, false, false, true], [true, true, false, false]]), S(-1)], { clone: true, items: [t(1)] });
sample(IP, "mask_zero_dim_value", [xc(), M([true, false, true]), T(randn())], { clone: true, items: [t(1)] });
sample(IP, "mask_f64_value_masked_fill_path", [xc(), M([true, false, true]), T(randn([], f64))], { clone: true, items: [t(1)], note: "index_put_ dispatches to masked_fill_ (no dtype check)" });
sample(IP, "mask_values", [xc(), M([false, true, true]), T(randn([2, 4]))], { clone: true, items: [t(1)] });
sample(IP, "mask_accumulate", [xc(), M([false, true, true]), T(randn([4]))], { clone: true, items: [t(1)], acc: true });
sample(IP, "separated", [xc([2, 3, 4]), I([0, 1]), I([3, 2]), T(randn([2, 3]))], { clone: true, items: [t(1), all, t(2)] });
sample(IP, "list_index", [xc(), T(randn([4, 4]))], { clone: true, items: [list([2, 0, 1, 0])], acc: true });
sample(IP, "int32_index", [xc(), I([2, 0], i32), T(randn([2, 4]))], { clone: true, items: [t(1)] });
sample(IP, "setitem_int_then_tensor", [xc(), I([3, 1]), T(randn([2]))], { clone: true, items: [1, t(1)] });
sample(IP, "setitem_slice_then_tensor", [xc(), I([3, 1]), T(randn([3, 2]))], { clone: true, items: [all, t(1)] });
sample(IP, "setitem_tensor_then_slice", [xc(), I([2, 0]), T(randn([2, 2]))], { clone: true, items: [t(1), [1, 3]] });
sample(IP, "setitem_leading_ones_stripped", [xc(), I([3, 1]), T(randn([1, 1, 2]))], { clone: true, items: [0, t(1)] });
sample(IP, "setitem_scalar_with_ellipsis", [xc([2, 3, 4]), I([0, 2]), S(7)], { clone: true, items: ["...", t(1)] });
sample(IP, "setitem_newaxis", [xc(), I([0, 1]), T(randn([2, 4]))], { clone: true, items: [null, t(1)] });
sample(IP, "setitem_bool_true", [xc(), T(randn([4]))], { clone: true, items: [0, true] });
sample(IP, "setitem_int", [xc(), T(randn([4]))], { clone: true, items: [1] });
sample(IP, "setitem_slice", [xc(), T(randn([2, 4]))], { clone: true, items: [[0, 3, 2]] });
sample(IP, "setitem_slice_broadcast", [xc(), T(randn([1, 4]))], { clone: true, items: [[1, 3]] });
sample(IP, "setitem_ellipsis", [xc(), T(randn([4]))], { clone: true, items: ["..."] });
sample(IP, "setitem_zero_dim_fill", [xc(), T(randn())], { clone: true, items: [[null, null, 2], 1] });
sample(IP, "setitem_false_noop", [xc(), T(randn([4]))], { clone: true, items: [false] });
sample(IP, "on_view", [xc(), I([2, 0]), T(randn([2]))], { clone: true, view: [1], items: [t(1)] });
sample(IP, "noncontig_self", [T(randn([4, 3]), { make: [["t"]] }), I([2, 0]), T(randn([2, 4]))], { clone: true, items: [t(1)] });
sample(IP, "values_noncontig", [xc(), I([0, 1, 2]), T(randn([4, 3]), { make: [["t"]] })], { clone: true, items: [t(1)] });
sample(IP, "i64_self", [T(randint(-5, 5, [3, 4])), I([1, 0]), T(randint(0, 9, [2, 4]))], { clone: true, items: [t(1)] });
sample(IP, "i64_self_accumulate", [T(randint(-5, 5, [3, 4])), I([1, 1]), T(randint(0, 9, [4]))], { clone: true, items: [t(1)], acc: true });

error(IP, "leaf_requires_grad", [xc(), I([0]), T(randn([4]))], { items: [t(1)] });
error(IP, "view_of_leaf", [xc(), I([0]), T(randn([]))], { view: [0], items: [t(1)] });
error(IP, "value_shape_mismatch", [xc(), I([0, 2]), T(randn([3]))], { clone: true, items: [t(1)] });
error(IP, "value_dtype_mismatch", [xc(), I([0, 2]), T(randn([2, 4], f64))], { clone: true, items: [t(1)] });
error(IP, "out_of_range", [xc(), I([0, 3]), T(randn([4]))], { clone: true, items: [t(1)] });
error(IP, "out_of_range_accumulate", [xc(), I([-4]), T(randn([4]))], { clone: true, items: [t(1)], acc: true });
error(IP, "too_many_indices", [xc(), I([0]), I([0]), I([0]), T(randn([]))], { clone: true, items: [t(1), t(2), t(3)] });
error(IP, "mask_shape_mismatch", [xc(), M([true, false]), S(1)], { clone: true, items: [t(1)] });
error(IP, "mask_too_many_dims", [xc(), M([[[true, false, true, false]]]), S(1)], { clone: true, items: [t(1)] });
error(IP, "float_index", [xc(), T(ten([0, 1]), { rg: false }), T(randn([4]))], { clone: true, items: [t(1)] });
error(IP, "broadcast_indices_mismatch", [xc(), I([0, 1]), I([0, 1, 2]), T(randn([]))], { clone: true, items: [t(1), t(2)] });
error(IP, "setitem_value_mismatch", [xc(), I([3, 1]), T(randn([3]))], { clone: true, items: [0, t(1)] });
error(IP, "setitem_basic_expand_mismatch", [xc(), T(randn([3]))], { clone: true, items: [[0, 2]] });
error(IP, "setitem_basic_too_many_value_dims", [xc(), T(randn([2, 1, 4]))], { clone: true, items: [[0, 2]] });

const IPO = "indexPut";
sample(IPO, "rows", [xc(), I([0, 2]), T(randn([2, 4]))], { items: [t(1)] });
sample(IPO, "accumulate", [xc(), I([2, 2, 0]), T(randn([4]))], { items: [t(1)], acc: true });
sample(IPO, "two_indices", [xc(), I([0, 2]), I([1, 3]), T(randn([]))], { items: [t(1), t(2)] });
sample(IPO, "mask", [xc(), M([[true, false, true, true], [false, false, false, true], [true, true, false, false]]), T(randn([6]))], { items: [t(1)] });
sample(IPO, "scalar_value", [xc(), I([1]), S(3)], { items: [t(1)] });
sample(IPO, "mixed_items_setitem", [xc(), I([3, 1]), T(randn([2]))], { items: [2, t(1)] });
sample(IPO, "i64", [T(randint(-5, 5, [3, 4])), I([1]), T(randint(0, 9, [4]))], { items: [t(1)], acc: true });
error(IPO, "value_shape_mismatch", [xc(), I([0, 2]), T(randn([3]))], { items: [t(1)] });
error(IPO, "value_with_leading_one", [xc(), I([0, 2]), T(randn([1, 2, 4]))], { items: [t(1)] });
error(IPO, "out_of_range", [xc(), I([3]), T(randn([4]))], { items: [t(1)] });

// =================================================================================================
// gather / scatter / scatterAdd
// =================================================================================================
sample("gather", "dim0", [x34(), I([[0, 1, 2, 0], [2, 2, 1, 0]])], { dim: 0 });
sample("gather", "dim1", [x34(), I([[3, 0], [1, 1], [0, 2]])], { dim: 1 });
sample("gather", "dim_neg", [x234(), randint(0, 4, [2, 2, 5])], { dim: -1 });
sample("gather", "index_smaller", [x234(), randint(0, 3, [1, 2, 2])], { dim: 1 });
sample("gather", "one_dim", [T(randn([5])), I([4, 0, 0, 3, 1, 1])], { dim: 0 });
sample("gather", "zero_dim", [T(randn()), I(0)], { dim: 0 });
sample("gather", "zero_dim_self_1d_index", [T(randn()), I([0, 0])], { dim: 0 });
sample("gather", "zero_dim_index_1d_self", [T(randn([4])), I(2)], { dim: 0 });
sample("gather", "empty_index", [x34(), { shape: [0, 4], dtype: i64, values: [] }], { dim: 0 });
sample("gather", "noncontig_self", [T(randn([4, 3]), { make: [["t"]] }), I([[1, 3], [0, 0]])], { dim: 1 });
sample("gather", "noncontig_index", [x34(), T(randint(0, 3, [4, 3]), { make: [["t"]] })], { dim: 0 });
sample("gather", "int32_index", [x34(), I([[0, 2], [1, 1]], i32)], { dim: 0 });
sample("gather", "f64", [T(randn([3, 4], f64)), I([[1, 2, 3]])], { dim: 1 });
sample("gather", "i64_self", [T(randint(-9, 9, [3, 4])), I([[1, 2, 3]])], { dim: 1 });
error("gather", "float_index", [x34(), T(ten([[0, 1]]), { rg: false })], { dim: 0 });
error("gather", "index_dims", [x34(), I([0, 1])], { dim: 0 });
error("gather", "index_too_big", [x34(), I([[0, 1, 2, 0, 1]])], { dim: 0 });
error("gather", "out_of_range", [x34(), I([[0, 5], [7, 0]])], { dim: 0 });
error("gather", "negative_index", [x34(), I([[-1]])], { dim: 1 });
error("gather", "dim_out_of_range", [x34(), I([[0]])], { dim: 2 });

const SC = "scatter";
sample(SC, "src_dim0", [x34(), I([[0, 1, 2, 0], [2, 0, 1, 1]]), T(randn([2, 4]))], { dim: 0 });
sample(SC, "src_dim1", [x34(), I([[3, 0], [1, 2], [0, 1]]), T(randn([3, 2]))], { dim: 1 });
sample(SC, "src_larger_than_index", [x34(), I([[2], [0]]), T(randn([3, 5]), { rg: false })], { dim: 1 }, { note: "src does not require grad: PyTorch's src gradient has the index's shape" });
sample(SC, "src_3d", [x234(), I([[[0, 1], [2, 3]], [[3, 2], [1, 0]]]), T(randn([2, 2, 2]))], { dim: 2 });
sample(SC, "value", [x34(), I([[0, 2], [1, 1]]), S(2.5)], { dim: 1 });
sample(SC, "value_duplicates", [x34(), I([[0, 0, 1, 1]]), S(-1)], { dim: 0 });
sample(SC, "value_int_on_i64", [T(randint(-5, 5, [3, 4])), I([[0, 2]]), S(7)], { dim: 1 });
sample(SC, "value_bool", [T({ shape: [2, 3], dtype: b8, gen: { kind: "bool" } }), I([[0, 2]]), S(true)], { dim: 1 });
sample(SC, "zero_dim", [T(randn()), I(0), T(randn())], { dim: 0 });
sample(SC, "empty_index", [x34(), { shape: [0, 4], dtype: i64, values: [] }, T({ shape: [0, 4], dtype: f32, values: [] })], { dim: 0 });
sample(SC, "noncontig", [T(randn([4, 3]), { make: [["t"]] }), I([[1, 3], [0, 2], [2, 1]]), T(randn([2, 3]), { make: [["t"]] })], { dim: 1 });
sample(SC, "reduce_add_src", [T(randn([3, 4]), { rg: false }), I([[0, 0, 1, 2], [0, 2, 2, 2]]), T(randn([2, 4]), { rg: false })], { dim: 0, reduce: "add" });
sample(SC, "reduce_multiply_src", [T(randn([3, 4]), { rg: false }), I([[0, 0, 1, 2], [0, 2, 2, 2]]), T(randn([2, 4]), { rg: false })], { dim: 0, reduce: "multiply" });
sample(SC, "reduce_add_value", [T(randn([3, 4]), { rg: false }), I([[0, 0], [3, 3]]), S(1.5)], { dim: 1, reduce: "add" });
sample(SC, "reduce_multiply_value", [T(randn([3, 4]), { rg: false }), I([[0, 0], [3, 3]]), S(-2)], { dim: 1, reduce: "multiply" });
error(SC, "index_dtype", [x34(), I([[0]], i32), T(randn([1, 1]))], { dim: 0 });
error(SC, "src_dtype", [x34(), I([[0]]), T(randn([1, 1], f64))], { dim: 0 });
error(SC, "index_dims", [x34(), I([0, 1]), T(randn([2]))], { dim: 0 });
error(SC, "src_dims", [x34(), I([[0, 1]]), T(randn([1, 2, 1]))], { dim: 0 });
error(SC, "index_larger_than_src", [x34(), I([[0, 1, 2]]), T(randn([1, 2]))], { dim: 0 });
error(SC, "index_larger_than_self", [x34(), I([[0, 1, 2, 0, 1]]), T(randn([1, 5]))], { dim: 0 });
error(SC, "index_larger_than_self_value", [x34(), I([[0, 1, 2, 0, 1]]), S(1.0, "float")], { dim: 0 });
error(SC, "out_of_range", [x34(), I([[0, 5], [7, 0]]), S(1.0, "float")], { dim: 0 });
error(SC, "negative_index", [x34(), I([[-1]]), T(randn([1, 1]))], { dim: 0 });
error(SC, "bad_reduce", [T(randn([3, 4]), { rg: false }), I([[0]]), T(randn([1, 1]), { rg: false })], { dim: 0, reduce: "mean" });

const SC_ = "scatter_";
sample(SC_, "src", [x34(), I([[0, 1, 2, 0]]), T(randn([1, 4]))], { clone: true, dim: 0 });
sample(SC_, "value", [x34(), I([[3], [0], [1]]), S(0.5)], { clone: true, dim: 1 });
sample(SC_, "on_view", [x234(), I([[0, 2]]), T(randn([1, 2]))], { clone: true, view: [1], dim: 0 });
sample(SC_, "reduce_add", [T(randn([3, 4]), { rg: false }), I([[0, 0, 1, 2]]), T(randn([1, 4]), { rg: false })], { dim: 0, reduce: "add" });
error(SC_, "leaf_requires_grad", [x34(), I([[0]]), T(randn([1, 1]))], { dim: 0 });
error(SC_, "expanded_self", [T(randn([4]), { make: [["expand", [3, 4]]], rg: false }), I([[0]]), T(randn([1, 1]), { rg: false })], { dim: 0 });
error(SC_, "out_of_range", [x34(), I([[3]]), T(randn([1, 1]))], { clone: true, dim: 0 });

// backward errors: scatter with reduce has no derivative in PyTorch; a src larger than the index gets
// a gradient of the index's shape (derivatives.yaml: grad.gather(dim, index)), which autograd rejects
const SCB = "scatterBackward";
error(SCB, "reduce_add", [x34(), I([[0, 1]]), T(randn([1, 2]))], { dim: 0, reduce: "add" });
error(SCB, "reduce_multiply_value", [x34(), I([[0, 1]]), S(2.0, "float")], { dim: 1, reduce: "multiply" });
error(SCB, "src_larger_than_index", [x34(), I([[2], [0]]), T(randn([3, 5]))], { dim: 1 });
error(SCB, "scatter_add_src_larger", [x34(), I([[1, 1, 1]]), T(randn([2, 4]))], { dim: 1, add: true });

const SA = "scatterAdd";
sample(SA, "dim0_duplicates", [x34(), I([[0, 0, 2, 0], [0, 2, 2, 1]]), T(randn([2, 4]))], { dim: 0 });
sample(SA, "dim1", [x34(), I([[3, 3], [0, 1], [2, 2]]), T(randn([3, 2]))], { dim: 1 });
sample(SA, "src_larger", [x34(), I([[1, 1, 1]]), T(randn([2, 4]), { rg: false })], { dim: 1 }, { note: "src does not require grad: PyTorch's src gradient has the index's shape" });
sample(SA, "three_d", [x234(), randint(0, 2, [2, 3, 4]), T(randn([2, 3, 4]))], { dim: 0 });
sample(SA, "zero_dim", [T(randn()), I(0), T(randn())], { dim: 0 });
sample(SA, "noncontig", [T(randn([4, 3]), { make: [["t"]] }), I([[0, 0, 2, 1], [1, 1, 1, 3]]), T(randn([4, 2]), { make: [["t"]] })], { dim: 1 });
sample(SA, "i64", [T(randint(-5, 5, [3, 4])), I([[0, 0, 1, 2]]), T(randint(0, 5, [1, 4]))], { dim: 0 });
error(SA, "index_dtype", [x34(), I([[0]], i32), T(randn([1, 1]))], { dim: 0 });
error(SA, "src_dtype", [x34(), I([[0]]), T(randn([1, 1], f64))], { dim: 0 });
error(SA, "index_larger_than_src", [x34(), I([[0, 1, 2]]), T(randn([1, 2]))], { dim: 0 });
error(SA, "out_of_range", [x34(), I([[0, 3]]), T(randn([1, 2]))], { dim: 0 });

const SA_ = "scatterAdd_";
sample(SA_, "duplicates", [x34(), I([[2, 2, 2, 0]]), T(randn([1, 4]))], { clone: true, dim: 0 });
sample(SA_, "on_view", [x234(), I([[1, 1, 0]]), T(randn([1, 3]))], { clone: true, view: [[null, null], 2], dim: 1 });
error(SA_, "leaf_requires_grad", [x34(), I([[0]]), T(randn([1, 1]))], { dim: 0 });
error(SA_, "expanded_self", [T(randn([4]), { make: [["expand", [3, 4]]], rg: false }), I([[0]]), T(randn([1, 1]), { rg: false })], { dim: 0 });

// =================================================================================================
// indexSelect / indexAdd / indexFill
// =================================================================================================
const IS = "indexSelect";
sample(IS, "dim0_duplicates", [x34(), I([2, 0, 2])], { dim: 0 });
sample(IS, "dim1", [x34(), I([3, 1])], { dim: 1 });
sample(IS, "dim_neg", [x234(), I([0, 3, 3, 1])], { dim: -1 });
sample(IS, "middle_dim", [x234(), I([1])], { dim: 1 });
sample(IS, "one_dim", [T(randn([5])), I([4, 0, 4])], { dim: 0 });
sample(IS, "zero_dim_self", [T(randn()), I([0])], { dim: 0 });
sample(IS, "zero_dim_index", [x34(), I(1)], { dim: 1 });
sample(IS, "empty_index", [x34(), { shape: [0], dtype: i64, values: [] }], { dim: 1 });
sample(IS, "int32_index", [x34(), I([2, 0], i32)], { dim: 0 });
sample(IS, "noncontig", [T(randn([4, 3]), { make: [["t"]] }), I([0, 2])], { dim: 1 });
sample(IS, "i64_self", [T(randint(-5, 5, [3, 4])), I([0, 0])], { dim: 0 });
error(IS, "index_2d", [x34(), I([[0, 1]])], { dim: 0 });
error(IS, "float_index", [x34(), T(ten([0, 1]), { rg: false })], { dim: 0 });
error(IS, "out_of_range_dim0", [x34(), I([3])], { dim: 0 });
error(IS, "out_of_range_dim1", [x34(), I([0, 4])], { dim: 1 });
error(IS, "negative_index", [x34(), I([-1])], { dim: 0 });
error(IS, "negative_index_dim1", [x34(), I([-1])], { dim: 1 });
error(IS, "one_dim_out_of_range", [T(randn([5])), I([5])], { dim: 0 });
error(IS, "dim_out_of_range", [x34(), I([0])], { dim: 2 });
error(IS, "empty_dim", [T({ shape: [2, 0], dtype: f32, values: [] }), I([0])], { dim: 1 });

const IA = "indexAdd";
sample(IA, "dim0_duplicates", [x34(), I([0, 2, 0]), T(randn([3, 4]))], { dim: 0 });
sample(IA, "dim1_alpha", [x34(), I([3, 1]), T(randn([3, 2]))], { dim: 1, alpha: 2.5 });
sample(IA, "dim_neg", [x234(), I([0, 3, 3]), T(randn([2, 3, 3]))], { dim: -1 });
sample(IA, "one_dim", [T(randn([5])), I([4, 0, 4]), T(randn([3]))], { dim: 0, alpha: -1 });
sample(IA, "zero_dim", [T(randn()), I([0]), T(randn())], { dim: 0 });
sample(IA, "empty_index", [x34(), { shape: [0], dtype: i64, values: [] }, T({ shape: [3, 0], dtype: f32, values: [] })], { dim: 1 });
sample(IA, "int32_index", [x34(), I([2, 0], i32), T(randn([2, 4]))], { dim: 0 });
sample(IA, "noncontig", [T(randn([4, 3]), { make: [["t"]] }), I([0, 2, 0]), T(randn([3, 3]), { make: [["t"]] })], { dim: 1 });
sample(IA, "i64", [T(randint(-5, 5, [3, 4])), I([1, 1]), T(randint(0, 5, [2, 4]))], { dim: 0, alpha: 3 });
error(IA, "index_2d", [x34(), I([[0, 1]]), T(randn([2, 4]))], { dim: 0 });
error(IA, "float_index", [x34(), T(ten([0, 1]), { rg: false }), T(randn([2, 4]))], { dim: 0 });
error(IA, "dtype_mismatch", [x34(), I([0, 1]), T(randn([2, 4], f64))], { dim: 0 });
error(IA, "count_mismatch", [x34(), I([0, 1]), T(randn([3, 4]))], { dim: 0 });
error(IA, "slice_shape_mismatch", [x34(), I([0, 1]), T(randn([2, 3]))], { dim: 0 });
error(IA, "out_of_range", [x34(), I([0, 5]), T(randn([2, 4]))], { dim: 0 });
error(IA, "negative_index", [x34(), I([0, -1]), T(randn([2, 4]))], { dim: 0 });
error(IA, "dim_beyond_source", [x34(), I([0, 1]), T(randn([2]))], { dim: 1 });

const IA_ = "indexAdd_";
sample(IA_, "rows", [x34(), I([1, 1]), T(randn([2, 4]))], { clone: true, dim: 0 });
sample(IA_, "on_view", [x234(), I([2, 0]), T(randn([3, 2]))], { clone: true, view: [0], dim: 1, alpha: 0.5 });
error(IA_, "leaf_requires_grad", [x34(), I([1]), T(randn([1, 4]))], { dim: 0 });
error(IA_, "expanded_self", [T(randn([4]), { make: [["expand", [3, 4]]], rg: false }), I([1]), T(randn([1, 4]), { rg: false })], { dim: 0 });

const IF = "indexFill";
sample(IF, "scalar_dim0", [x34(), I([0, 2])], { dim: 0, value: 1.5 });
sample(IF, "scalar_dim1_duplicates", [x34(), I([3, 3, 0])], { dim: 1, value: -2 });
sample(IF, "negative_index", [x34(), I([-1])], { dim: 1, value: 0 });
sample(IF, "tensor_value", [x34(), I([1, 2]), T(randn())], { dim: 0 });
sample(IF, "tensor_value_duplicates", [x234(), I([3, 0, 3])], { dim: 2, value: 4 });
sample(IF, "tensor_value_dim1_dup", [x234(), I([2, 2, 0]), T(randn())], { dim: 1 });
sample(IF, "zero_dim_self", [T(randn()), I([0])], { dim: 0, value: 3 });
sample(IF, "zero_dim_index", [x34(), I(1)], { dim: 0, value: 3 });
sample(IF, "noncontig", [T(randn([4, 3]), { make: [["t"]] }), I([1])], { dim: 1, value: 9 });
sample(IF, "i64_self", [T(randint(-5, 5, [3, 4])), I([1])], { dim: 1, value: 7 });
error(IF, "int32_index", [x34(), I([0], i32)], { dim: 0, value: 1 });
error(IF, "value_not_zero_dim", [x34(), I([0]), T(randn([1]))], { dim: 0 });
error(IF, "out_of_range", [x34(), I([0, 5])], { dim: 1, value: 1 });
error(IF, "index_2d", [x34(), I([[0]])], { dim: 0, value: 1 });

const IF_ = "indexFill_";
sample(IF_, "scalar", [x34(), I([1])], { clone: true, dim: 0, value: 2 });
sample(IF_, "tensor_value_on_view", [x234(), I([3, 1]), T(randn())], { clone: true, view: [1], dim: 1 });
error(IF_, "leaf_requires_grad", [x34(), I([1])], { dim: 0, value: 2 });

// =================================================================================================
// maskedFill / maskedSelect
// =================================================================================================
const mask34 = () => M([[true, false, true, false], [false, false, true, true], [true, true, true, false]]);
const MF = "maskedFill";
sample(MF, "scalar", [x34(), mask34()], { value: 2.5 });
sample(MF, "tensor_value", [x34(), mask34(), T(randn())]);
sample(MF, "f64_value_on_f32", [x34(), mask34(), T(randn([], f64))]);
sample(MF, "mask_broadcast", [x34(), M([true, false, false, true])], { value: -1 });
sample(MF, "self_broadcast", [T(randn([4])), mask34(), T(randn())]);
sample(MF, "both_broadcast", [T(randn([3, 1])), M([[[true, false, true]], [[false, false, true]]])], { value: 1 });
sample(MF, "all_false", [x34(), M([false, false, false, false])], { value: 5 });
sample(MF, "zero_dim", [T(randn()), M(true)], { value: 0.25 });
sample(MF, "noncontig", [T(randn([4, 3]), { make: [["t"]] }), mask34()], { value: 3 });
sample(MF, "i64_self_float_value", [T(randint(-5, 5, [3, 4])), mask34()], { value: 2.7 });
sample(MF, "bool_self", [T({ shape: [3, 4], dtype: b8, gen: { kind: "bool" } }), mask34()], { value: true });
sample(MF, "neg_inf", [x34(), mask34()], { value: -Infinity });
error(MF, "value_not_zero_dim", [x34(), mask34(), T(randn([1]))]);
error(MF, "mask_shape_mismatch", [x34(), M([true, false])], { value: 1 });

const MF_ = "maskedFill_";
sample(MF_, "scalar", [x34(), mask34()], { clone: true, value: -3 });
sample(MF_, "tensor_value_mask_broadcast", [x34(), M([false, true, true, false]), T(randn())], { clone: true });
sample(MF_, "on_view", [x234(), M([true, false, true, true])], { clone: true, view: [1], value: 8 });
error(MF_, "mask_larger_than_self", [x34(), M([[[true, false, true, false]], [[false, false, true, true]]])], { clone: true, value: 1 });
error(MF_, "leaf_requires_grad", [x34(), mask34()], { value: 1 });
error(MF_, "value_not_zero_dim", [x34(), mask34(), T(randn([2]))], { clone: true });

const MS = "maskedSelect";
sample(MS, "same_shape", [x34(), mask34()]);
sample(MS, "mask_broadcast", [x34(), M([false, true, true, true])]);
sample(MS, "self_broadcast", [T(randn([4])), mask34()]);
sample(MS, "both_broadcast", [T(randn([3, 1])), M([[true, false, true, true]])]);
sample(MS, "all_false", [x34(), M([false, false, false, false])]);
sample(MS, "zero_dim", [T(randn()), M(true)]);
sample(MS, "noncontig", [T(randn([4, 3]), { make: [["t"]] }), mask34()]);
sample(MS, "i64", [T(randint(-5, 5, [3, 4])), mask34()]);
error(MS, "float_mask", [x34(), T(ten([1, 0, 1, 0]), { rg: false })]);
error(MS, "shape_mismatch", [x34(), M([[true, false, true], [true, true, false]])]);

// =================================================================================================
// take / put / nonzero
// =================================================================================================
sample("take", "flat", [x34(), I([0, 11, 5, 5])]);
sample("take", "index_2d_negative", [x34(), I([[-1, 0], [-12, 3]])]);
sample("take", "zero_dim_index", [x34(), I(7)]);
sample("take", "zero_dim_self", [T(randn()), I([0, 0, -1])]);
sample("take", "noncontig_self", [T(randn([4, 3]), { make: [["t"]] }), I([1, 2, 3])]);
sample("take", "empty_index", [x34(), { shape: [0], dtype: i64, values: [] }]);
sample("take", "i64", [T(randint(-5, 5, [3, 4])), I([1, 1, 2])]);
error("take", "int32_index", [x34(), I([0], i32)]);
error("take", "out_of_range", [x34(), I([0, 12])]);
error("take", "out_of_range_negative", [x34(), I([-13])]);
error("take", "empty_self", [T({ shape: [0], dtype: f32, values: [] }), I([0])]);

sample("put", "no_accumulate", [x34(), I([0, 11, 5]), T(randn([3]))]);
sample("put", "accumulate_duplicates", [x34(), I([[0, 5], [5, -1]]), T(randn([2, 2]))], { acc: true });
sample("put", "negative", [x34(), I([-1, -12]), T(randn([2]))]);
error("put", "dtype_mismatch", [x34(), I([0]), T(randn([1], f64))]);
error("put", "count_mismatch", [x34(), I([0, 1]), T(randn([3]))]);
error("put", "out_of_range", [x34(), I([12]), T(randn([1]))]);
error("put", "float_index", [x34(), T(ten([1]), { rg: false }), T(randn([1]))]);
error("put", "empty_self", [T({ shape: [0], dtype: f32, values: [] }), I([0]), T(randn([1]))]);
sample("put_", "accumulate", [x34(), I([3, 3]), T(randn([2]))], { clone: true, acc: true });
sample("put_", "on_view", [x234(), I([0, 5]), T(randn([2]))], { clone: true, view: [1] });
error("put_", "leaf_requires_grad", [x34(), I([3]), T(randn([1]))]);

const NZ = "nonzero";
sample(NZ, "float_2d", [T(ten([[0, 1.5, 0], [2, 0, -1]]))], {}, { checkStrides: true });
sample(NZ, "one_dim", [T(ten([0, 3, 0, 0, 7]))], {}, { checkStrides: true });
sample(NZ, "bool_3d", [T({ shape: [2, 3, 2], dtype: b8, gen: { kind: "bool" } })], {}, { checkStrides: true });
sample(NZ, "i64", [T(randint(-1, 2, [3, 3]))], {}, { checkStrides: true });
sample(NZ, "all_zero", [T(ten([0, 0, 0]))], {}, { checkStrides: true });
sample(NZ, "zero_dim_nonzero", [T(ten(2.5))], {}, { checkStrides: true });
sample(NZ, "zero_dim_zero", [T(ten(0))], {}, { checkStrides: true });
sample(NZ, "noncontig", [T(ten([[0, 1], [2, 0], [3, 4]]), { make: [["t"]] })], {}, { checkStrides: true });
sample(NZ, "nan_counts", [T(ten([0, "nan", -0, 1]))], {}, { checkStrides: true });
sample(NZ, "as_tuple_2d", [T(ten([[0, 1.5, 0], [2, 0, -1]]))], { asTuple: true });
sample(NZ, "as_tuple_1d", [T(ten([0, 3, 0, 7]))], { asTuple: true });
sample(NZ, "as_tuple_zero_dim", [T(ten(1))], { asTuple: true });
sample(NZ, "as_tuple_zero_dim_zero", [T(ten(0))], { asTuple: true });
sample(NZ, "as_tuple_bool", [T({ shape: [2, 3], dtype: b8, gen: { kind: "bool" } })], { asTuple: true });

// =================================================================================================
// how each op is spelled
// =================================================================================================
type OpFn = (x: X, a: A) => unknown;
interface Def {
  ts: OpFn;
  py: string;
  torch2?: OpInfo["torch2"];
  differentiable?: boolean;
}
const INDEX_DTYPE_2X = "tensors used as indices must be long, int, byte or bool tensors";
const reduceOpt = (a: A) => (a.reduce ? { reduce: a.reduce } : undefined);

const DEFS: Record<string, Def> = {
  [IX]: {
    ts: (x, a) => x[0].index(...tsItems(x, a)),
    py: "index(x[0], a['items'], x)",
    torch2: { float_index: { message: INDEX_DTYPE_2X } },
  },
  [IP]: {
    ts: inplace((s, x, a) => s.indexPut_(tsItems(x, a), x[x.length - 1], a.acc ?? false)),
    py: "inplace(lambda s: index_put_(s, a['items'], x[-1], a.get('acc', False), x), x, a)",
    torch2: { float_index: { message: INDEX_DTYPE_2X } },
  },
  [IPO]: {
    ts: (x, a) => torch.indexPut(x[0], tsItems(x, a), x[x.length - 1], a.acc ?? false),
    py: "index_put(x[0], a['items'], x[-1], a.get('acc', False), x)",
  },
  gather: {
    ts: (x, a) => torch.gather(x[0], a.dim, x[1]),
    py: "torch.gather(x[0], a['dim'], as_2x(x[1]))",
    // 2.x: gather takes int32 indices too, and says so
    torch2: { float_index: { message: "gather(): Expected dtype int32/int64 for index" } },
  },
  [SC]: {
    ts: (x, a) => (a.reduce ? torch.scatter(x[0], a.dim, x[1], x[2], { reduce: a.reduce }) : torch.scatter(x[0], a.dim, x[1], x[2])),
    py: "torch.scatter(x[0], a['dim'], x[1], x[2], **reduce_kw(a))",
  },
  [SC_]: {
    ts: inplace((s, x, a) => s.scatter_(a.dim, x[1], x[2], reduceOpt(a))),
    py: "inplace(lambda s: s.scatter_(a['dim'], x[1], x[2], **reduce_kw(a)), x, a)",
  },
  [SCB]: {
    ts: (x, a) => {
      const out: Tensor = a.add ? torch.scatterAdd(x[0], a.dim, x[1], x[2]) : torch.scatter(x[0], a.dim, x[1], x[2], reduceOpt(a));
      return torch.autograd.grad([out.sum()], [x[0], x[2]].filter((v) => v instanceof torch.Tensor && v.requiresGrad));
    },
    py: "torch.autograd.grad((torch.scatter_add(x[0], a['dim'], x[1], x[2]) if a.get('add') else torch.scatter(x[0], a['dim'], x[1], x[2], **reduce_kw(a))).sum(), [v for v in (x[0], x[2]) if isinstance(v, torch.Tensor) and v.requires_grad])",
  },
  [SA]: { ts: (x, a) => torch.scatterAdd(x[0], a.dim, x[1], x[2]), py: "torch.scatter_add(x[0], a['dim'], x[1], x[2])" },
  [SA_]: {
    ts: inplace((s, x, a) => s.scatterAdd_(a.dim, x[1], x[2])),
    py: "inplace(lambda s: s.scatter_add_(a['dim'], x[1], x[2]), x, a)",
  },
  [IS]: {
    ts: (x, a) => torch.indexSelect(x[0], a.dim, x[1]),
    py: "torch.index_select(x[0], a['dim'], x[1])",
  },
  [IA]: {
    ts: (x, a) => torch.indexAdd(x[0], a.dim, x[1], x[2], a.alpha === undefined ? undefined : { alpha: a.alpha }),
    py: "torch.index_add(x[0], a['dim'], x[1], x[2], **alpha_kw(a))",
    // 2.x checks the slices' shapes in index_add's meta function (1.13 broadcast them and failed later)
    torch2: {
      slice_shape_mismatch: {
        name: "RuntimeError",
        message: "source tensor shape must match self tensor shape, excluding the specified dimension. Got self.shape = [3, 4] source.shape = [2, 3]",
      },
    },
  },
  [IA_]: {
    ts: inplace((s, x, a) => s.indexAdd_(a.dim, x[1], x[2], a.alpha)),
    py: "inplace(lambda s: s.index_add_(a['dim'], x[1], x[2], **alpha_kw(a)), x, a)",
  },
  [IF]: {
    ts: (x, a) => torch.indexFill(x[0], a.dim, x[1], "value" in a ? a.value : x[2]),
    py: "torch.index_fill(x[0], a['dim'], x[1], a['value'] if 'value' in a else x[2])",
  },
  [IF_]: {
    ts: inplace((s, x, a) => s.indexFill_(a.dim, x[1], "value" in a ? a.value : x[2])),
    py: "inplace(lambda s: s.index_fill_(a['dim'], x[1], a['value'] if 'value' in a else x[2]), x, a)",
  },
  [MF]: {
    ts: (x, a) => torch.maskedFill(x[0], x[1], "value" in a ? a.value : x[2]),
    py: "torch.masked_fill(x[0], x[1], a['value'] if 'value' in a else x[2])",
  },
  [MF_]: {
    ts: inplace((s, x, a) => s.maskedFill_(x[1], "value" in a ? a.value : x[2])),
    py: "inplace(lambda s: s.masked_fill_(x[1], a['value'] if 'value' in a else x[2]), x, a)",
  },
  [MS]: {
    ts: (x) => torch.maskedSelect(x[0], x[1]),
    // .contiguous(): 1.13's masked_select backward scatters into a zeros_like(input) that keeps a
    // transposed input's layout, in memory order (wrong gradients); 2.x iterates linearly
    py: "torch.masked_select(x[0].contiguous(), x[1])",
    // 2.x: masks are bool only (1.13 also took uint8), and the message says so
    torch2: { float_mask: { message: "masked_select: expected BoolTensor for mask" } },
  },
  take: { ts: (x) => torch.take(x[0], x[1]), py: "torch.take(x[0], x[1])" },
  put: { ts: (x, a) => torch.put(x[0], x[1], x[2], a.acc ?? false), py: "torch.put(x[0], x[1], x[2], accumulate=a.get('acc', False))" },
  put_: {
    ts: inplace((s, x, a) => s.put_(x[1], x[2], a.acc ?? false)),
    py: "inplace(lambda s: s.put_(x[1], x[2], accumulate=a.get('acc', False)), x, a)",
  },
  [NZ]: {
    ts: (x, a) => (a.asTuple ? torch.nonzero(x[0], { asTuple: true }) : torch.nonzero(x[0])),
    py: "torch.nonzero(x[0], as_tuple=True) if a.get('asTuple') else torch.nonzero(x[0])",
    differentiable: false,
  },
};

for (const name of new Set([...SAMPLES.keys(), ...ERRORS.keys()]))
  if (!(name in DEFS)) throw new Error(`indexing: samples for ${name}, which has no DEFS entry`);

export const ops: OpInfo[] = Object.entries(DEFS).map(([name, d]) => {
  const op: OpInfo = { name, ts: d.ts, py: d.py, pyPrelude: PRELUDE, samples: SAMPLES.get(name) ?? [], checkViews: true };
  const errors = ERRORS.get(name);
  if (errors) op.errors = errors;
  if (d.torch2) op.torch2 = d.torch2;
  if (d.differentiable === false) op.differentiable = false;
  return op;
});
