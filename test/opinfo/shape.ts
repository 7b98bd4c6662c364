// Op table entries: shape ops (issue 3). See ./types.ts for the contract.
// Every entry checks views and versions (checkViews) and strides (checkStrides), except where a note
// says why not. `narrow` and `select` have their entries in ./foundation.ts.
import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";
import type { DT, Input, ListInput, MakeStep, OpInfo, Sample, TensorInput, Value } from "./types.js";

// ---- inputs ----------------------------------------------------------------------------------------
interface TOpts {
  dtype?: DT;
  make?: MakeStep[];
  rg?: boolean;
  values?: Value[];
}
/** a tensor operand: N(0,1) values (ints in [-5, 6), coin-flip bools) unless given */
function T(shape: number[], o: TOpts = {}): TensorInput {
  const t: TensorInput = { shape };
  if (o.dtype) t.dtype = o.dtype;
  if (o.make) t.make = o.make;
  if (o.rg === false) t.requiresGrad = false;
  if (o.values) t.values = o.values;
  return t;
}
/** an int64 tensor with these values (1-D, or 0-dim for a number) */
function I(values: number[] | number): TensorInput {
  return Array.isArray(values) ? { shape: [values.length], dtype: "int64", values } : { shape: [], dtype: "int64", values: [values] };
}
const L = (...list: TensorInput[]): ListInput => ({ list });
const tr: MakeStep[] = [["t"]];

function s(id: string, inputs: Input[], args: Record<string, unknown> = {}, extra: Partial<Sample> = {}): Sample {
  return { id, inputs, args, ...extra };
}

/** an entry that checks views, versions and strides */
function op(o: OpInfo): OpInfo {
  return { checkViews: true, checkStrides: true, ...o };
}

// ---- cat / stack -----------------------------------------------------------------------------------
const catSamples: Sample[] = [
  s("dim0", [L(T([2, 3]), T([4, 3]))], { dim: 0 }),
  s("dim_neg", [L(T([2, 3]), T([2, 1]), T([2, 4]))], { dim: -1 }),
  s("3d_dim1", [L(T([2, 3, 4]), T([2, 1, 4]))], { dim: 1 }),
  s("noncontig", [L(T([3, 2], { make: tr }), T([2, 6], { make: [["slice", 1, 0, 6, 2]] }))], { dim: 0 }),
  s("noncontig_dim1", [L(T([3, 2], { make: tr }), T([3, 2], { make: tr }))], { dim: 1 }),
  s("legacy_empty", [L(T([0]), T([2, 3]), T([0]))], { dim: 1 }),
  s("empty_piece", [L(T([2, 0]), T([2, 3]))], { dim: 1 }),
  s("single", [L(T([3]))], { dim: 0 }),
  s("promote", [L(T([2, 2]), T([1, 2], { dtype: "float64" }))], { dim: 0 }),
  s("int_float", [L(T([2], { dtype: "int64" }), T([3]))], { dim: 0 }),
  s("int", [L(T([2, 3], { dtype: "int64" }), T([1, 3], { dtype: "int64" }))], { dim: 0 }),
  s("bool", [L(T([2], { dtype: "bool" }), T([1], { dtype: "bool" }))], { dim: 0 }),
  s("one_requires_grad", [L(T([2, 2]), T([2, 2], { rg: false }))], { dim: 1 }),
];
const catErrors: Sample[] = [
  s("zero_dim", [L(T([2]), T([]))], { dim: 0 }),
  s("ndim_mismatch", [L(T([3, 4]), T([4]))], { dim: 0 }),
  s("size_mismatch", [L(T([3, 4]), T([3, 5]))], { dim: 0 }),
  s("dim_out_of_range", [L(T([3, 4]), T([3, 4]))], { dim: 2 }),
  s("dim_out_of_range_neg", [L(T([3, 4]), T([3, 4]))], { dim: -3 }),
  s("empty_list", [L()], { dim: 0 }),
];
// PyTorch 2.x: cat_meta checks the list with TORCH_CHECK_VALUE (1.13 raised a RuntimeError).
const catTorch2 = { empty_list: { name: "ValueError", message: "torch.cat(): expected a non-empty list of Tensors" } };

const stackSamples: Sample[] = [
  s("dim0", [L(T([2, 3]), T([2, 3]))], { dim: 0 }),
  s("dim1", [L(T([2, 3]), T([2, 3]), T([2, 3]))], { dim: 1 }),
  s("dim_last", [L(T([2, 3]), T([2, 3]))], { dim: 2 }),
  s("dim_neg", [L(T([2, 3]), T([2, 3]))], { dim: -1 }),
  s("noncontig", [L(T([3, 2], { make: tr }), T([2, 6], { make: [["slice", 1, 1, 6, 2]] }))], { dim: 1 }),
  s("0d", [L(T([]), T([]), T([]))], { dim: 0 }),
  s("empty", [L(T([0, 2]), T([0, 2]))], { dim: 1 }),
  s("promote", [L(T([2], { dtype: "float64" }), T([2]))], { dim: 0 }),
  s("int", [L(T([3], { dtype: "int64" }), T([3], { dtype: "int64" }))], { dim: 1 }),
];
const stackErrors: Sample[] = [
  s("empty_list", [L()], { dim: 0 }),
  s("size_mismatch", [L(T([3, 4]), T([4, 3]))], { dim: 0 }),
  s("dim_out_of_range", [L(T([3, 4]), T([3, 4]))], { dim: 3 }),
];

// ---- split / chunk / unbind ------------------------------------------------------------------------
const splitSamples: Sample[] = [
  s("int", [T([5, 4])], { split: 2, dim: 0 }),
  s("int_dim_neg", [T([3, 5])], { split: 2, dim: -1 }),
  s("int_exact", [T([4, 3])], { split: 2, dim: 0 }),
  s("int_big", [T([3, 4])], { split: 5, dim: 0 }),
  s("sizes", [T([5, 4])], { split: [1, 3, 1], dim: 0 }),
  s("sizes_zero_piece", [T([4, 3])], { split: [0, 4], dim: 0 }),
  s("sizes_dim1", [T([2, 5])], { split: [2, 3], dim: 1 }),
  s("noncontig", [T([4, 5], { make: tr })], { split: 2, dim: 1 }),
  s("noncontig_sizes", [T([4, 5], { make: tr })], { split: [3, 1], dim: 1 }),
  s("empty_dim", [T([0, 3])], { split: 2, dim: 0 }),
  s("empty_dim_split0", [T([0, 3])], { split: 0, dim: 0 }),
  s("int_dtype", [T([5], { dtype: "int64" })], { split: 2, dim: 0 }),
];
const splitErrors: Sample[] = [
  s("negative", [T([3, 4])], { split: -1, dim: 0 }),
  s("zero", [T([3, 4])], { split: 0, dim: 0 }),
  s("sizes_sum", [T([3, 4])], { split: [1, 1], dim: 0 }),
  s("sizes_negative", [T([3, 4])], { split: [4, -1], dim: 0 }),
  s("zero_dim", [T([])], { split: 1, dim: 0 }),
  s("zero_dim_sizes", [T([])], { split: [1], dim: 0 }),
  s("dim_out_of_range", [T([3, 4])], { split: 1, dim: 2 }),
];

const chunkSamples: Sample[] = [
  s("even", [T([6, 2])], { chunks: 3, dim: 0 }),
  s("uneven", [T([5, 3])], { chunks: 2, dim: 0 }),
  s("more_chunks_than_size", [T([2, 3])], { chunks: 5, dim: 0 }),
  s("uneven_4", [T([2, 10])], { chunks: 4, dim: 1 }),
  s("dim_neg", [T([3, 4])], { chunks: 2, dim: -1 }),
  s("noncontig", [T([3, 4], { make: tr })], { chunks: 3, dim: 0 }),
  s("empty_dim", [T([0, 2])], { chunks: 3, dim: 0 }),
];
const chunkErrors: Sample[] = [
  s("zero_chunks", [T([3, 4])], { chunks: 0, dim: 0 }),
  s("zero_dim", [T([])], { chunks: 2, dim: 0 }),
  s("dim_out_of_range", [T([3, 4])], { chunks: 2, dim: 5 }),
];

const unbindSamples: Sample[] = [
  s("dim0", [T([3, 2])], { dim: 0 }),
  s("dim1", [T([2, 3, 2])], { dim: 1 }),
  s("dim_neg", [T([2, 3])], { dim: -1 }),
  s("1d", [T([3])], { dim: 0 }),
  s("noncontig", [T([3, 4], { make: tr })], { dim: 0 }),
  s("empty_dim", [T([0, 3])], { dim: 0 }),
];
const unbindErrors: Sample[] = [
  s("zero_dim", [T([])], { dim: 0 }),
  s("dim_out_of_range", [T([3, 4])], { dim: 2 }),
];

// ---- flip / roll -----------------------------------------------------------------------------------
const flipSamples: Sample[] = [
  s("dim0", [T([3, 4])], { dims: [0] }),
  s("dims", [T([2, 3, 4])], { dims: [0, 2] }),
  s("dim_neg", [T([2, 3])], { dims: [-1] }),
  s("all", [T([2, 3])], { dims: [0, 1] }),
  s("no_dims", [T([2, 3])], { dims: [] }),
  s("0d", [T([])], { dims: [] }),
  s("empty", [T([0, 3])], { dims: [0] }),
  s("transposed", [T([4, 3], { make: tr })], { dims: [0] }),
  s("sliced", [T([3, 6], { make: [["slice", 1, 0, 6, 2]] })], { dims: [1] }),
  s("expanded", [T([3, 1], { make: [["expand", [3, 4]]] })], { dims: [1] }),
  s("int", [T([5], { dtype: "int64" })], { dims: [0] }),
  s("bool", [T([2, 3], { dtype: "bool" })], { dims: [0, 1] }),
];
const flipErrors: Sample[] = [
  s("duplicate", [T([3, 4])], { dims: [0, 0] }),
  s("duplicate_neg", [T([3, 4])], { dims: [0, -2] }),
  s("dim_out_of_range", [T([3, 4])], { dims: [2] }),
];

const rollSamples: Sample[] = [
  s("1d", [T([5])], { shifts: 2, dims: 0 }),
  s("neg_shift", [T([5])], { shifts: -7, dims: 0 }),
  s("dim1", [T([3, 4])], { shifts: 1, dims: 1 }),
  s("dims", [T([3, 4, 2])], { shifts: [1, -1], dims: [0, 2] }),
  s("flat", [T([3, 4])], { shifts: 5, dims: null }),
  s("flat_neg", [T([2, 3])], { shifts: -2, dims: null }),
  s("noncontig", [T([3, 4], { make: tr })], { shifts: 1, dims: 0 }),
  s("noncontig_flat", [T([3, 4], { make: tr })], { shifts: 3, dims: null }),
  s("big_shift", [T([4])], { shifts: 9, dims: 0 }),
  s("zero_shift", [T([2, 3])], { shifts: 0, dims: 1 }),
  s("empty", [T([0, 3])], { shifts: 1, dims: 0 }),
  s("0d", [T([])], { shifts: 1, dims: null }),
  s("int", [T([2, 3], { dtype: "int64" })], { shifts: [1, 2], dims: [0, 1] }),
];
const rollErrors: Sample[] = [
  s("shifts_empty", [T([3, 4])], { shifts: [], dims: [] }),
  s("align", [T([3, 4])], { shifts: [1, 2], dims: [0] }),
  s("dim_out_of_range", [T([3, 4])], { shifts: 1, dims: 2 }),
];

// ---- repeat / tile / repeat_interleave -------------------------------------------------------------
const repeatSamples: Sample[] = [
  s("2d", [T([2, 3])], { sizes: [2, 1] }),
  s("both", [T([2, 3])], { sizes: [2, 3] }),
  s("lead", [T([2, 3])], { sizes: [2, 1, 3] }),
  s("0d", [T([])], { sizes: [2, 3] }),
  s("ones", [T([2, 3])], { sizes: [1, 1] }),
  s("zero", [T([2, 3])], { sizes: [0, 2] }),
  s("1d", [T([3])], { sizes: [3] }),
  s("noncontig", [T([3, 2], { make: tr })], { sizes: [2, 2] }),
  s("empty", [T([0, 2])], { sizes: [2, 2] }),
  s("int", [T([2], { dtype: "int64" })], { sizes: [2, 2] }),
];
const repeatErrors: Sample[] = [
  s("too_few", [T([3, 4])], { sizes: [2] }),
  s("negative", [T([3, 4])], { sizes: [-1, 2] }),
];

const tileSamples: Sample[] = [
  s("short", [T([2, 3])], { dims: [2] }),
  s("long", [T([2])], { dims: [2, 3] }),
  s("same", [T([2, 3])], { dims: [2, 2] }),
  s("noncontig", [T([3, 2], { make: tr })], { dims: [1, 2] }),
  s("0d", [T([])], { dims: [3] }),
];
const tileErrors: Sample[] = [s("negative", [T([3, 4])], { dims: [-1] })];

// PyTorch 2.x: an int `repeats` is unsqueeze + expand + contiguous clone + flatten, so the result is a view
// of the clone with grad_fn ViewBackward0 (1.13: index_select, IndexSelectBackward0, not a view): these
// samples skip the view check.
const RI_INT = { gradFn: "ViewBackward0" };
const riSamples: Sample[] = [
  s("int_dim0", [T([2, 3])], { repeats: 2, dim: 0 }, { checkViews: false }),
  s("int_flat", [T([2, 3])], { repeats: 2, dim: null }, { checkViews: false }),
  s("int_dim_neg", [T([2, 3])], { repeats: 3, dim: -1 }, { checkViews: false }),
  s("int_zero", [T([2, 3])], { repeats: 0, dim: 1 }, { checkViews: false }),
  s("int_noncontig", [T([3, 2], { make: tr })], { repeats: 2, dim: 1 }, { checkViews: false }),
  s("int_1d", [T([3])], { repeats: 2, dim: null }, { checkViews: false }),
  s("tensor", [T([3, 2]), I([1, 0, 2])], { dim: 0 }),
  s("tensor_scalar", [T([2, 3]), I(2)], { dim: 1 }),
  s("tensor_one", [T([2, 3]), I([3])], { dim: 0 }),
  s("tensor_flat", [T([2, 2]), I([1, 2, 0, 1])], { dim: null }),
  s("tensor_noncontig", [T([3, 2], { make: tr }), I([2, 1, 1])], { dim: 1 }),
  s("tensor_output_size", [T([3]), I([1, 2, 1])], { dim: 0, outputSize: 4 }),
  s("int_dtype", [T([3], { dtype: "int64" })], { repeats: 2, dim: 0 }, { checkViews: false }),
];
const riErrors: Sample[] = [
  s("int_negative", [T([3, 4])], { repeats: -1, dim: 0 }),
  s("tensor_negative", [T([3, 4]), I([1, -1, 1])], { dim: 0 }),
  s("tensor_size_mismatch", [T([3, 4]), I([1, 1])], { dim: 0 }),
  s("tensor_2d", [T([3, 4]), { shape: [1, 1], dtype: "int64", values: [1] }], { dim: 0 }),
  s("tensor_float", [T([3, 4]), T([3], { rg: false })], { dim: 0 }),
  s("dim_out_of_range", [T([3, 4])], { repeats: 2, dim: 2 }),
];
const riTorch2: Record<string, { gradFn?: string; message?: string; name?: string }> = {
  int_dim0: RI_INT,
  int_flat: RI_INT,
  int_dim_neg: RI_INT,
  int_zero: RI_INT,
  int_noncontig: RI_INT,
  int_1d: RI_INT,
  // 2.x checks an int repeats itself (1.13 went through the tensor path's check)
  int_negative: { name: "RuntimeError", message: "Repeats must be non-negative" },
  // 2.x names both sizes
  tensor_size_mismatch: {
    name: "RuntimeError",
    message: "repeats must have the same size as input along dim, but got repeats.size(0) = 2 and input.size(0) = 3",
  },
};

const riIndexSamples: Sample[] = [
  s("basic", [I([2, 0, 3])]),
  s("empty", [I([])]),
  s("output_size", [I([1, 2])], { outputSize: 3 }),
];
const riIndexErrors: Sample[] = [s("negative", [I([1, -2])]), s("2d", [{ shape: [1, 2], dtype: "int64", values: [1, 2] }])];

// ---- movedim / swapdims / unflatten ----------------------------------------------------------------
const movedimSamples: Sample[] = [
  s("int", [T([2, 3, 4])], { src: 0, dst: 2 }),
  s("list", [T([2, 3, 4])], { src: [0, 1], dst: [2, 0] }),
  s("neg", [T([2, 3, 4])], { src: -1, dst: 0 }),
  s("same", [T([2, 3])], { src: 1, dst: 1 }),
  s("noncontig", [T([3, 4, 2], { make: [["transpose", 0, 1]] })], { src: [2], dst: [0] }),
  s("0d", [T([])], { src: 0, dst: -1 }),
];
const movedimErrors: Sample[] = [
  s("len_mismatch", [T([3, 4])], { src: [0, 1], dst: [0] }),
  s("repeated_source", [T([3, 4])], { src: [0, 0], dst: [0, 1] }),
  s("repeated_source_neg", [T([3, 4])], { src: [0, -2], dst: [0, 1] }),
  s("repeated_destination", [T([3, 4])], { src: [0, 1], dst: [1, 1] }),
  s("dim_out_of_range", [T([3, 4])], { src: 2, dst: 0 }),
];

const swapSamples: Sample[] = [
  s("basic", [T([2, 3, 4])], { dim0: 0, dim1: 2 }),
  s("neg", [T([2, 3, 4])], { dim0: -1, dim1: 1 }),
  s("same", [T([2, 3])], { dim0: 1, dim1: 1 }),
  s("noncontig", [T([3, 4], { make: tr })], { dim0: 0, dim1: 1 }),
];
const swapErrors: Sample[] = [s("dim_out_of_range", [T([3, 4])], { dim0: 0, dim1: 2 })];

const unflattenSamples: Sample[] = [
  s("basic", [T([2, 6])], { dim: 1, sizes: [2, 3] }),
  s("infer", [T([2, 6])], { dim: 1, sizes: [-1, 2] }),
  s("neg_dim", [T([6, 2])], { dim: -2, sizes: [3, 2] }),
  s("three", [T([12])], { dim: 0, sizes: [2, 3, 2] }),
  s("one", [T([4])], { dim: 0, sizes: [4] }),
  s("noncontig", [T([3, 4], { make: tr })], { dim: 0, sizes: [2, 2] }),
];
const unflattenErrors: Sample[] = [
  s("bad_sizes", [T([3, 4])], { dim: 1, sizes: [3, 2] }),
  s("empty_sizes", [T([3, 4])], { dim: 1, sizes: [] }),
  s("dim_out_of_range", [T([3, 4])], { dim: 2, sizes: [2, 2] }),
];

// ---- diagonals / triangles / trace -----------------------------------------------------------------
// PyTorch 2.x composes torch.diag: a 1-D input goes through diag_embed (DiagEmbedBackward0), a 2-D one
// through diagonal_copy (DiagonalBackward0_copy); 1.13 had DiagBackward0 for both.
const DIAG_1D = { gradFn: "DiagEmbedBackward0" };
const DIAG_2D = { gradFn: "DiagonalBackward0_copy" };
const diagSamples: Sample[] = [
  s("1d", [T([3])], { diagonal: 0 }),
  s("1d_offset", [T([3])], { diagonal: 1 }),
  s("1d_neg", [T([3])], { diagonal: -2 }),
  s("2d", [T([3, 4])], { diagonal: 0 }),
  s("2d_offset", [T([3, 4])], { diagonal: 1 }),
  s("2d_neg", [T([3, 4])], { diagonal: -1 }),
  // 1.13's diag overflows computing the size of an off-the-end diagonal (2.x gives an empty one): the
  // oracle takes a copy of the diagonal instead
  s("2d_far", [T([3, 4])], { diagonal: 5, emulate: true }),
  s("2d_noncontig", [T([3, 4], { make: tr })], { diagonal: -1 }),
  s("1d_noncontig", [T([6], { make: [["slice", 0, 0, 6, 2]] })], { diagonal: 0 }),
  s("2d_int", [T([3, 3], { dtype: "int64" })], { diagonal: 0 }),
];
const diagTorch2: Record<string, { gradFn?: string; message?: string; name?: string }> = {
  "1d": DIAG_1D,
  "1d_offset": DIAG_1D,
  "1d_neg": DIAG_1D,
  "1d_noncontig": DIAG_1D,
  "2d": DIAG_2D,
  "2d_offset": DIAG_2D,
  "2d_neg": DIAG_2D,
  "2d_far": DIAG_2D,
  "2d_noncontig": DIAG_2D,
  // 2.x's composite diag checks the rank itself (1.13: "matrix or a vector expected")
  "3d": { name: "RuntimeError", message: "diag(): Supports 1D or 2D tensors. Got 3D" },
  "0d": { name: "RuntimeError", message: "diag(): Supports 1D or 2D tensors. Got 0D" },
};
const diagErrors: Sample[] = [s("3d", [T([2, 2, 2])], { diagonal: 0 }), s("0d", [T([])], { diagonal: 0 })];

const diagonalSamples: Sample[] = [
  s("2d", [T([3, 4])], { offset: 0, dim1: 0, dim2: 1 }),
  s("offset", [T([3, 4])], { offset: 1, dim1: 0, dim2: 1 }),
  s("neg_offset", [T([3, 4])], { offset: -2, dim1: 0, dim2: 1 }),
  s("swapped_dims", [T([3, 4])], { offset: 1, dim1: 1, dim2: 0 }),
  s("3d", [T([2, 3, 4])], { offset: 0, dim1: 1, dim2: 2 }),
  s("3d_neg_dims", [T([2, 3, 4])], { offset: 1, dim1: -1, dim2: 0 }),
  s("far", [T([3, 4])], { offset: 5, dim1: 0, dim2: 1 }),
  s("noncontig", [T([3, 4], { make: tr })], { offset: -1, dim1: 0, dim2: 1 }),
];
const diagonalErrors: Sample[] = [
  s("same_dims", [T([3, 4])], { offset: 0, dim1: 1, dim2: -1 }),
  s("dim_out_of_range", [T([3, 4])], { offset: 0, dim1: 0, dim2: 2 }),
];

const diagEmbedSamples: Sample[] = [
  s("1d", [T([3])], { offset: 0, dim1: -2, dim2: -1 }),
  s("2d_offset", [T([2, 3])], { offset: 1, dim1: -2, dim2: -1 }),
  s("dims", [T([2, 3])], { offset: -1, dim1: 0, dim2: 2 }),
  s("dims_swapped", [T([2, 3])], { offset: 1, dim1: 2, dim2: 0 }),
];
const diagEmbedErrors: Sample[] = [s("same_dims", [T([2, 3])], { offset: 0, dim1: 0, dim2: -3 })];

const triSamples: Sample[] = [
  s("2d", [T([3, 4])], { diagonal: 0 }),
  s("k", [T([3, 4])], { diagonal: 1 }),
  s("k_neg", [T([4, 3])], { diagonal: -1 }),
  s("batched", [T([2, 3, 3])], { diagonal: 0 }),
  s("noncontig", [T([3, 4], { make: tr })], { diagonal: 0 }),
  s("big_k", [T([3, 3])], { diagonal: 10 }),
  s("big_neg_k", [T([3, 3])], { diagonal: -10 }),
  s("empty", [T([0, 3])], { diagonal: 0 }),
  s("int", [T([3, 3], { dtype: "int64" })], { diagonal: 0 }),
  s("bool", [T([3, 3], { dtype: "bool" })], { diagonal: 1 }),
];
const triErrors: Sample[] = [s("1d", [T([3])], { diagonal: 0 })];
// PyTorch 2.x: the structured tril/triu meta checks the rank (1.13 failed wrapping dim -2: IndexError).
const triTorch2 = (name: string) => ({ "1d": { name: "RuntimeError", message: `${name}: input tensor must have at least 2 dimensions` } });

const traceSamples: Sample[] = [
  s("square", [T([3, 3])]),
  s("wide", [T([2, 4])]),
  // trace_backward of PyTorch before 2.6 or so wrote grad past the diagonal of a tall matrix (indices
  // 0, n+1, 2(n+1), ... up to numel); newer 2.x stops at min(M, N) elements. The oracle sums the
  // diagonal instead (same value, the fixed gradient; its grad_fn is SumBackward0, see torch2).
  s("tall", [T([4, 2])], { fixed: true }),
  s("noncontig", [T([3, 4], { make: tr })]),
  s("empty", [T([0, 3])]),
  s("int", [T([3, 3], { dtype: "int64" })]),
  s("int32", [T([2, 2], { dtype: "int32" })]),
  s("float64", [T([3, 3], { dtype: "float64" })]),
];
const traceErrors: Sample[] = [s("3d", [T([2, 2, 2])]), s("1d", [T([2])]), s("bool", [T([2, 2], { dtype: "bool" })])];

// ---- F.pad -----------------------------------------------------------------------------------------
const pad = (p: number[], mode = "constant", value: number | null = null) => ({ pad: p, mode, value });
const padSamples: Sample[] = [
  s("constant_last", [T([3, 4])], pad([1, 2])),
  s("constant_two_dims", [T([2, 3, 4])], pad([1, 0, 2, 1], "constant", 0.5)),
  s("constant_all_dims", [T([2, 3])], pad([1, 1, 1, 1])),
  s("constant_negative", [T([3, 4])], pad([-1, 2])),
  s("constant_crop", [T([3, 4])], pad([-1, -1])),
  s("constant_crop_noncontig", [T([4, 3], { make: tr })], pad([0, -1])),
  s("constant_noncontig", [T([4, 3], { make: tr })], pad([1, 1, 0, 2])),
  s("constant_empty_pad", [T([2, 3])], pad([])),
  s("constant_empty_input", [T([0, 3])], pad([1, 1])),
  s("constant_int", [T([2, 3], { dtype: "int64" })], pad([1, 1], "constant", 2)),
  s("reflect_1d", [T([2, 3, 5])], pad([2, 1], "reflect")),
  s("reflect_1d_unbatched", [T([3, 5])], pad([1, 3], "reflect")),
  s("reflect_2d", [T([1, 2, 4, 5])], pad([1, 2, 3, 1], "reflect")),
  s("reflect_2d_unbatched", [T([2, 4, 5])], pad([1, 1, 2, 0], "reflect")),
  s("reflect_3d", [T([1, 1, 3, 4, 3])], pad([1, 1, 2, 1, 0, 2], "reflect")),
  s("reflect_negative", [T([1, 2, 6])], pad([-1, 2], "reflect")),
  s("reflect_noncontig", [T([2, 5, 3], { make: [["transpose", 1, 2]] })], pad([2, 2], "reflect")),
  s("replicate_1d", [T([2, 3, 4])], pad([3, 1], "replicate")),
  s("replicate_2d", [T([1, 2, 3, 3])], pad([2, 4, 1, 3], "replicate")),
  s("replicate_3d_unbatched", [T([2, 2, 2, 3])], pad([1, 2, 1, 0, 0, 1], "replicate")),
  s("replicate_negative", [T([1, 1, 5])], pad([-2, 1], "replicate")),
  s("replicate_noncontig", [T([1, 4, 3], { make: [["transpose", 1, 2]] })], pad([1, 2], "replicate")),
  s("circular_1d", [T([2, 3, 4])], pad([1, 2], "circular")),
  s("circular_2d", [T([1, 2, 3, 4])], pad([1, 1, 2, 2], "circular")),
  s("circular_3d", [T([1, 1, 2, 3, 3])], pad([1, 0, 1, 1, 1, 1], "circular")),
  s("circular_negative", [T([1, 2, 5])], pad([-1, 2], "circular")),
  s("circular_full_wrap", [T([1, 1, 3])], pad([3, 3], "circular")),
  s("circular_noncontig", [T([2, 4, 3], { make: [["transpose", 1, 2]] })], pad([2, 1], "circular")),
  // PyTorch 1.13 cannot pad an unbatched input circularly ("Invalid padding size, expected 0 but got 2"),
  // 2.x can: the oracle pads the input with a batch dim added (same values), and 2.x's grad_fn is
  // CopySlices (see torch2); the oracle's result is a select view, so views are not checked here.
  s("circular_unbatched", [T([3, 4])], { ...pad([2, 1], "circular"), unbatched: true }, { checkViews: false, checkStrides: false }),
];
const padErrors: Sample[] = [
  s("odd", [T([3, 4])], pad([1])),
  s("too_long", [T([3, 4])], pad([1, 1, 1, 1, 1, 1])),
  s("mode", [T([3, 4])], pad([1, 1], "foo")),
  s("reflect_value", [T([1, 3, 4])], pad([1, 1], "reflect", 1)),
  s("reflect_too_big", [T([1, 3, 4])], pad([4, 1], "reflect")),
  s("reflect_3d_too_big", [T([1, 2, 3, 4])], pad([1, 1, 1, 1, 2, 2], "reflect")),
  s("reflect_unsupported_rank", [T([4])], pad([1, 1], "reflect")),
  s("reflect_unsupported_rank_4d", [T([1, 1, 3, 4])], pad([1, 1], "reflect")),
  s("reflect_empty", [T([1, 0, 4])], pad([1, 1], "reflect")),
  s("reflect_2d_too_big", [T([1, 3, 4])], pad([1, 1, 3, 1], "reflect")),
  s("replicate_too_small", [T([1, 3, 4])], pad([-3, -1], "replicate")),
  s("circular_wrap", [T([1, 3, 4])], pad([5, 1], "circular")),
  s("circular_negative_empty", [T([1, 3, 4])], pad([-3, -2], "circular")),
  s("constant_crop_too_far", [T([3, 4])], pad([-3, -2])),
];
const padTorch2: Record<string, { gradFn?: string; message?: string; name?: string }> = {
  circular_unbatched: { gradFn: "CopySlices" },
  // 2.x: check_valid_input's text (1.13: "2D or 3D (batch mode) tensor expected for input, but got: [ torch.FloatTensor{1,0,4} ]")
  reflect_empty: {
    name: "RuntimeError",
    message: "Expected 2D or 3D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: [1, 0, 4]",
  },
  // 2.x prints the input's sizes (1.13 printed its number of dims)
  reflect_2d_too_big: {
    name: "RuntimeError",
    message: "Argument #6: Padding size should be less than the corresponding input dimension, but got: padding (3, 1) at dimension 1 of input [1, 3, 4]",
  },
  // 2.x narrow checks the length first (1.13: "start (0) + length (-1) exceeds dimension size (1).")
  constant_crop_too_far: { name: "RuntimeError", message: "narrow(): length must be non-negative." },
};

// ---- the entries -----------------------------------------------------------------------------------
const list = (x: unknown): Tensor[] => x as Tensor[];

export const ops: OpInfo[] = [
  op({ name: "cat", ts: (x, a) => torch.cat(list(x[0]), a.dim), py: "torch.cat(x[0], a['dim'])", samples: catSamples, errors: catErrors, torch2: catTorch2 }),
  op({
    name: "concat",
    ts: (x, a) => torch.concat(list(x[0]), { dim: a.dim }),
    py: "torch.concat(x[0], dim=a['dim'])",
    samples: catSamples.slice(0, 3),
    errors: catErrors.slice(2, 3),
  }),
  op({
    name: "concatenate",
    ts: (x, a) => torch.concatenate(list(x[0]), a.dim),
    // torch.concatenate is 2.x only (an alias of cat); the 1.13 oracle evaluates torch.cat
    py: "torch.cat(x[0], a['dim'])",
    samples: catSamples.slice(0, 2),
  }),
  op({ name: "stack", ts: (x, a) => torch.stack(list(x[0]), a.dim), py: "torch.stack(x[0], a['dim'])", samples: stackSamples, errors: stackErrors }),
  op({
    name: "hstack",
    ts: (x) => torch.hstack(list(x[0])),
    py: "torch.hstack(x[0])",
    samples: [
      s("1d", [L(T([3]), T([2]))]),
      s("2d", [L(T([2, 3]), T([2, 1]))]),
      s("0d", [L(T([]), T([]))]),
      s("3d", [L(T([2, 1, 2]), T([2, 3, 2]))]),
    ],
    errors: [s("empty_list", [L()]), s("size_mismatch", [L(T([2, 3]), T([3, 3]))])],
  }),
  op({
    name: "vstack",
    ts: (x) => torch.vstack(list(x[0])),
    py: "torch.vstack(x[0])",
    samples: [s("1d", [L(T([3]), T([3]))]), s("2d_1d", [L(T([2, 3]), T([3]))]), s("0d", [L(T([]), T([]))]), s("noncontig", [L(T([3, 2], { make: tr }))])],
    errors: [s("empty_list", [L()]), s("size_mismatch", [L(T([2, 3]), T([4]))])],
  }),
  op({
    name: "dstack",
    ts: (x) => torch.dstack(list(x[0])),
    py: "torch.dstack(x[0])",
    samples: [
      s("1d", [L(T([3]), T([3]))]),
      s("2d", [L(T([2, 3]), T([2, 3]))]),
      s("3d", [L(T([2, 3, 1]), T([2, 3, 2]))]),
      s("0d", [L(T([]), T([]))]),
    ],
    errors: [s("empty_list", [L()])],
  }),
  op({
    name: "split",
    ts: (x, a) => torch.split(x[0], a.split, a.dim),
    py: "torch.split(x[0], a['split'], a['dim'])",
    samples: splitSamples,
    errors: splitErrors,
  }),
  op({
    name: "Tensor.split",
    ts: (x, a) => x[0].split(a.split, { dim: a.dim }),
    py: "x[0].split(a['split'], dim=a['dim'])",
    samples: [s("int", [T([5, 2])], { split: 2, dim: 0 }), s("sizes", [T([2, 5])], { split: [4, 1], dim: 1 })],
  }),
  op({
    name: "split_subset",
    // gradients from some outputs only: the others get zeros (split_with_sizes_backward)
    ts: (x, a) => a.keep.map((k: number) => torch.split(x[0], a.split, a.dim)[k]),
    py: "tuple(torch.split(x[0], a['split'], a['dim'])[k] for k in a['keep'])",
    samples: [
      s("first", [T([5, 3])], { split: 2, dim: 0, keep: [0] }),
      s("last", [T([5, 3])], { split: 2, dim: 0, keep: [2] }),
      s("middle_sizes", [T([3, 6])], { split: [1, 2, 3], dim: 1, keep: [1] }),
      s("two_of_three", [T([6, 2])], { split: 2, dim: 0, keep: [2, 0] }),
    ],
  }),
  op({ name: "chunk", ts: (x, a) => torch.chunk(x[0], a.chunks, a.dim), py: "torch.chunk(x[0], a['chunks'], a['dim'])", samples: chunkSamples, errors: chunkErrors }),
  op({
    name: "chunk_subset",
    ts: (x, a) => x[0].chunk(a.chunks, a.dim)[a.keep],
    py: "x[0].chunk(a['chunks'], a['dim'])[a['keep']]",
    samples: [s("last", [T([5, 2])], { chunks: 3, dim: 0, keep: 2 }), s("first", [T([2, 7])], { chunks: 2, dim: 1, keep: 0 })],
  }),
  op({ name: "unbind", ts: (x, a) => torch.unbind(x[0], a.dim), py: "torch.unbind(x[0], a['dim'])", samples: unbindSamples, errors: unbindErrors }),
  op({
    name: "unbind_subset",
    ts: (x, a) => x[0].unbind(a.dim)[a.keep],
    py: "x[0].unbind(a['dim'])[a['keep']]",
    samples: [s("second", [T([3, 2])], { dim: 0, keep: 1 }), s("last_dim1", [T([2, 4])], { dim: 1, keep: 3 })],
  }),
  op({ name: "flip", ts: (x, a) => torch.flip(x[0], a.dims), py: "torch.flip(x[0], a['dims'])", samples: flipSamples, errors: flipErrors }),
  op({
    name: "Tensor.flip",
    ts: (x, a) => x[0].flip(...a.dims),
    py: "x[0].flip(*a['dims'])",
    samples: [s("varargs", [T([2, 3])], { dims: [1, 0] }), s("one", [T([2, 3])], { dims: [-1] })],
  }),
  op({
    name: "fliplr",
    ts: (x) => torch.fliplr(x[0]),
    py: "torch.fliplr(x[0])",
    samples: [s("2d", [T([3, 4])]), s("3d", [T([2, 3, 2])]), s("noncontig", [T([4, 3], { make: tr })])],
    errors: [s("1d", [T([3])])],
  }),
  op({
    name: "flipud",
    ts: (x) => torch.flipud(x[0]),
    py: "torch.flipud(x[0])",
    samples: [s("1d", [T([4])]), s("2d", [T([3, 4])]), s("noncontig", [T([4, 3], { make: tr })])],
    errors: [s("0d", [T([])])],
  }),
  op({
    name: "roll",
    ts: (x, a) => torch.roll(x[0], a.shifts, a.dims),
    py: "torch.roll(x[0], a['shifts'], a['dims']) if a['dims'] is not None else torch.roll(x[0], a['shifts'])",
    samples: rollSamples,
    errors: rollErrors,
  }),
  op({
    name: "Tensor.roll",
    ts: (x, a) => (a.dims === undefined ? x[0].roll(a.shifts) : x[0].roll(a.shifts, { dims: a.dims })),
    py: "x[0].roll(a['shifts']) if 'dims' not in a else x[0].roll(a['shifts'], dims=a['dims'])",
    samples: [s("no_dims", [T([2, 3])], { shifts: 4 }), s("options", [T([2, 3])], { shifts: [1, 1], dims: [1, 0] })],
  }),
  op({ name: "repeat", ts: (x, a) => x[0].repeat(a.sizes), py: "x[0].repeat(a['sizes'])", samples: repeatSamples, errors: repeatErrors }),
  op({
    name: "Tensor.repeat",
    ts: (x, a) => x[0].repeat(...a.sizes),
    py: "x[0].repeat(*a['sizes'])",
    samples: [s("varargs", [T([2, 3])], { sizes: [2, 1, 2] })],
  }),
  op({ name: "tile", ts: (x, a) => torch.tile(x[0], a.dims), py: "torch.tile(x[0], a['dims'])", samples: tileSamples, errors: tileErrors }),
  op({
    name: "repeat_interleave",
    ts: (x, a) =>
      x.length > 1
        ? torch.repeatInterleave(x[0], x[1], a.dim, { outputSize: a.outputSize ?? null })
        : torch.repeatInterleave(x[0], a.repeats, a.dim),
    py: "torch.repeat_interleave(x[0], x[1] if len(x) > 1 else a['repeats'], a['dim'], **({'output_size': a['outputSize']} if 'outputSize' in a else {}))",
    samples: riSamples,
    errors: riErrors,
    torch2: riTorch2,
  }),
  op({
    name: "Tensor.repeat_interleave",
    ts: (x, a) => x[0].repeatInterleave(a.repeats, { dim: a.dim }),
    py: "x[0].repeat_interleave(a['repeats'], dim=a['dim'])",
    samples: [s("int", [T([2, 2])], { repeats: 2, dim: 1 }, { checkViews: false })],
    torch2: { int: RI_INT },
  }),
  op({
    name: "repeat_interleave_indices",
    ts: (x, a) => torch.repeatInterleave(x[0], { outputSize: a.outputSize ?? null }),
    py: "torch.repeat_interleave(x[0], **({'output_size': a['outputSize']} if 'outputSize' in a else {}))",
    samples: riIndexSamples,
    errors: riIndexErrors,
  }),
  op({ name: "movedim", ts: (x, a) => torch.movedim(x[0], a.src, a.dst), py: "torch.movedim(x[0], a['src'], a['dst'])", samples: movedimSamples, errors: movedimErrors }),
  op({
    name: "moveaxis",
    ts: (x, a) => x[0].moveaxis(a.src, a.dst),
    py: "x[0].moveaxis(a['src'], a['dst'])",
    samples: movedimSamples.slice(0, 2),
  }),
  op({ name: "swapdims", ts: (x, a) => torch.swapdims(x[0], a.dim0, a.dim1), py: "torch.swapdims(x[0], a['dim0'], a['dim1'])", samples: swapSamples, errors: swapErrors }),
  op({
    name: "swapaxes",
    ts: (x, a) => torch.swapaxes(x[0], a.dim0, a.dim1),
    py: "torch.swapaxes(x[0], a['dim0'], a['dim1'])",
    samples: swapSamples.slice(0, 2),
  }),
  op({ name: "Tensor.swapdims", ts: (x, a) => x[0].swapdims(a.dim0, a.dim1), py: "x[0].swapdims(a['dim0'], a['dim1'])", samples: swapSamples.slice(0, 1) }),
  op({
    name: "unflatten",
    ts: (x, a) => x[0].unflatten(a.dim, a.sizes),
    py: "x[0].unflatten(a['dim'], a['sizes'])",
    samples: unflattenSamples,
    errors: unflattenErrors,
  }),
  op({
    name: "torch.unflatten",
    ts: (x, a) => torch.unflatten(x[0], a.dim, a.sizes),
    py: "torch.unflatten(x[0], a['dim'], a['sizes'])",
    samples: unflattenSamples.slice(0, 2),
    errors: unflattenErrors,
  }),
  op({ name: "diag", ts: (x, a) => torch.diag(x[0], a.diagonal), py: "torch.diagonal(x[0], a['diagonal']).clone(memory_format=torch.contiguous_format) if a.get('emulate') else torch.diag(x[0], a['diagonal'])", samples: diagSamples, errors: diagErrors, torch2: diagTorch2 }),
  op({
    name: "diagonal",
    ts: (x, a) => torch.diagonal(x[0], a.offset, a.dim1, a.dim2),
    py: "torch.diagonal(x[0], a['offset'], a['dim1'], a['dim2'])",
    samples: diagonalSamples,
    errors: diagonalErrors,
  }),
  op({
    name: "Tensor.diagonal",
    ts: (x, a) => x[0].diagonal({ offset: a.offset, dim1: a.dim1, dim2: a.dim2 }),
    py: "x[0].diagonal(offset=a['offset'], dim1=a['dim1'], dim2=a['dim2'])",
    samples: diagonalSamples.slice(0, 3),
  }),
  op({
    name: "diag_embed",
    ts: (x, a) => torch.diagEmbed(x[0], a.offset, a.dim1, a.dim2),
    py: "torch.diag_embed(x[0], a['offset'], a['dim1'], a['dim2'])",
    samples: diagEmbedSamples,
    errors: diagEmbedErrors,
  }),
  op({ name: "tril", ts: (x, a) => torch.tril(x[0], a.diagonal), py: "torch.tril(x[0], a['diagonal'])", samples: triSamples, errors: triErrors, torch2: triTorch2("tril") }),
  op({ name: "triu", ts: (x, a) => x[0].triu(a.diagonal), py: "x[0].triu(a['diagonal'])", samples: triSamples, errors: triErrors, torch2: triTorch2("triu") }),
  op({
    name: "Tensor.tril_options",
    ts: (x, a) => x[0].tril({ diagonal: a.diagonal }),
    py: "x[0].tril(diagonal=a['diagonal'])",
    samples: [s("k", [T([3, 3])], { diagonal: -1 })],
  }),
  op({
    name: "trace",
    ts: (x) => torch.trace(x[0]),
    py: "torch.diagonal(x[0]).sum() if a.get('fixed') else torch.trace(x[0])",
    samples: traceSamples,
    errors: traceErrors,
    torch2: { tall: { gradFn: "TraceBackward0" } },
  }),
  op({
    name: "F.pad",
    ts: (x, a) => torch.nn.functional.pad(x[0], a.pad, a.mode, a.value),
    py: "(F.pad(x[0].unsqueeze(0), a['pad'], a['mode'])[0] if a.get('unbatched') else F.pad(x[0], a['pad'], a['mode'], a['value']) if a['value'] is not None else F.pad(x[0], a['pad'], a['mode']))",
    samples: padSamples,
    errors: padErrors,
    torch2: padTorch2,
  }),
  op({
    name: "F.pad_options",
    ts: (x, a) => torch.nn.functional.pad(x[0], a.pad, { mode: a.mode, value: a.value }),
    py: "F.pad(x[0], a['pad'], mode=a['mode'], value=a['value']) if a['value'] is not None else F.pad(x[0], a['pad'], mode=a['mode'])",
    samples: [s("constant", [T([2, 3])], pad([1, 1], "constant", -1)), s("reflect", [T([1, 2, 3])], pad([2, 0], "reflect"))],
  }),
  op({
    name: "constant_pad_nd",
    ts: (x, a) => torch.constantPadNd(x[0], a.pad, a.value),
    py: "torch.constant_pad_nd(x[0], a['pad'], a['value'])",
    samples: [s("basic", [T([2, 3])], { pad: [1, 2, 0, 1], value: 1.5 }), s("crop", [T([2, 3])], { pad: [0, -1], value: 0 })],
  }),
];
