// Issue 3 op group (reduction_ops): std/var (and their _mean forms), logsumexp, the cumulative ops,
// median/nanmedian/mode, sort/argsort/topk/kthvalue, any/all and count_nonzero, as torch.* functions
// and Tensor methods. Each forward follows ATen's CPU kernel (including its tie and NaN rules, and the
// libstdc++ algorithms those kernels call), each derivative derivatives.yaml's formula and grad_fn name.
import { gradMode, noGrad } from "../autograd/grad_mode.js";
import { IndexError, RuntimeError, TorchTypeError, warn } from "../errors.js";
import { bool, dtypeOf, getDefaultDtype, int64, type DType, type DTypeName, type Storage } from "../tensor/dtype.js";
import { installMethods } from "../tensor/methods.js";
import { contiguousStrides, numelOf, wrapDim } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { castFn, where } from "./elementwise.js";
import { scatterIntoZeros } from "./indexing.js";
import { record, shouldRecord } from "./record.js";
import * as R from "./reduce.js";
import { reducedShape, valuesIndices, type DimArg, type ValuesIndices } from "./reduce.js";

// ---- argument handling --------------------------------------------------------------------------

export type DTypeArg = DType | DTypeName;

/** std/var/stdMean/varMean keywords: `correction` (PyTorch 2.x) or the older `unbiased`. */
export interface StdVarOptions {
  dim?: DimArg;
  correction?: number | null;
  unbiased?: boolean;
  keepdim?: boolean;
}
export interface DimKeepdimOptions {
  dim?: number;
  keepdim?: boolean;
}
export interface DimsKeepdimOptions {
  dim?: DimArg;
  keepdim?: boolean;
}
export interface CumOptions {
  dim?: number;
  dtype?: DTypeArg | null;
}
export interface SortOptions {
  dim?: number;
  descending?: boolean;
  stable?: boolean | null;
}
export interface TopkOptions {
  dim?: number;
  largest?: boolean;
  sorted?: boolean;
}

function isOptions<T>(v: T): v is Exclude<Extract<T, object>, readonly unknown[] | Tensor> {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Tensor);
}

/** Sorted, unique, wrapped dims (PyTorch's dim_list_to_bitset); null or [] means every dim. */
function reductionDims(dim: DimArg | undefined, ndim: number): number[] {
  if (dim === null || dim === undefined) return [...Array(ndim).keys()];
  const list = typeof dim === "number" ? [dim] : dim;
  if (list.length === 0) return [...Array(ndim).keys()];
  const seen = new Array<boolean>(Math.max(ndim, 1)).fill(false);
  const out: number[] = [];
  for (const d0 of list) {
    const d = wrapDim(d0, ndim);
    if (seen[d]) throw new RuntimeError(`dim ${d} appears multiple times in the list of dims`);
    seen[d] = true;
    out.push(d);
  }
  return ndim === 0 ? [] : out.sort((a, b) => a - b);
}


/** unsqueeze_multiple: a reduction's gradient with the reduced dims put back (size 1). */
function restoreDims(g: Tensor, dims: readonly number[], keepdim: boolean, ndim: number): Tensor {
  if (keepdim || ndim === 0) return g;
  let out = g;
  for (const d of dims) out = out.unsqueeze(d);
  return out;
}


/** x's values in another dtype, as a fresh contiguous tensor (no graph). */
function castValues(x: Tensor, dtype: DType): Tensor {
  if (x.dtype === dtype) return x;
  return new Tensor(x.dtype === bool || !castFn(dtype) ? copyValues(x, dtype) : copyValues(x, dtype, castFn(dtype)), x._shape.slice(), undefined, 0, dtype);
}
function copyValues(x: Tensor, dtype: DType, cast?: (v: number) => number): Storage {
  const src = x._values();
  const out = dtype.alloc(src.length);
  if (cast) for (let i = 0; i < src.length; i++) out[i] = cast(src[i]);
  else if (dtype === bool) for (let i = 0; i < src.length; i++) out[i] = src[i] !== 0 ? 1 : 0;
  else for (let i = 0; i < src.length; i++) out[i] = src[i];
  return out;
}

// ---- slice iteration ----------------------------------------------------------------------------

/** For every 1-d slice along `dim` (outer positions in row-major order): its first element's offset. */
function sliceStarts(shape: readonly number[], strides: readonly number[], offset: number, dim: number): number[] {
  const nd = shape.length;
  if (nd === 0) return [offset];
  const outer: number[] = [];
  for (let d = 0; d < nd; d++) if (d !== dim) outer.push(d);
  let count = 1;
  for (const d of outer) count *= shape[d];
  if (shape[dim] === 0 || count === 0) return count === 0 ? [] : new Array<number>(count).fill(offset);
  const starts = new Array<number>(count);
  const idx = new Array<number>(outer.length).fill(0);
  let off = offset;
  for (let i = 0; i < count; i++) {
    starts[i] = off;
    for (let j = outer.length - 1; j >= 0; j--) {
      const d = outer[j];
      idx[j]++;
      off += strides[d];
      if (idx[j] < shape[d]) break;
      off -= strides[d] * shape[d];
      idx[j] = 0;
    }
  }
  return starts;
}

interface SliceLayout {
  /** input slice starts (in x's storage) and stride along the dim */
  src: number[];
  srcStride: number;
  /** the same slices in a contiguous tensor of x's shape */
  dst: number[];
  dstStride: number;
  /** slice length */
  n: number;
}

function sliceLayout(x: Tensor, dim: number): SliceLayout {
  const shape = x._shape;
  const cs = contiguousStrides(shape);
  return {
    src: sliceStarts(shape, x._strides, x._offset, dim),
    srcStride: shape.length === 0 ? 0 : x._strides[dim],
    dst: sliceStarts(shape, cs, 0, dim),
    dstStride: shape.length === 0 ? 0 : cs[dim],
    n: shape.length === 0 ? 1 : shape[dim],
  };
}

/**
 * The values of x grouped by output element: reduced dims innermost (in increasing dim order), so
 * group g is vals[g * count .. (g + 1) * count).
 */
function groupedValues(x: Tensor, dims: readonly number[]): { vals: Storage; groups: number; count: number } {
  const nd = x.ndim;
  const kept: number[] = [];
  for (let d = 0; d < nd; d++) if (!dims.includes(d)) kept.push(d);
  const perm = kept.concat(dims as number[]);
  let count = 1;
  for (const d of dims) count *= x._shape[d];
  let groups = 1;
  for (const d of kept) groups *= x._shape[d];
  const moved = new Tensor(x._data, perm.map((d) => x._shape[d]), perm.map((d) => x._strides[d]), x._offset, x.dtype);
  return { vals: moved._values(), groups, count };
}

// ---- libstdc++ algorithms (std::sort, std::nth_element, std::partial_sort) ---------------------
// ATen's sort/topk/mode/median kernels call these; which of several equal elements ends up where
// (the index PyTorch reports) is whatever GCC's implementation does, so they are ported step by step.
// `a` holds items (indices into the values being compared).

// The comparator every algorithm below calls: one top-level function (so V8 can inline it), switching on
// which of ATen's comparators is wanted, over the values CV (items are indices into CV).
const ASC_NAN_LAST = 0; // sort ascending, topk smallest: a < b, NaN after everything
const DESC_NAN_FIRST = 1; // sort descending, topk largest: a > b, NaN before everything
const PLAIN_LESS = 2; // mode, median(): a < b
const VALUE_THEN_INDEX = 3; // median(dim): (value, index) order
const VALUE_THEN_INDEX_NAN_LAST = 4; // nanmedian(dim)
const NAN_LAST = 5; // nanmedian(): a < b, NaN after everything
let CV: Float64Array = new Float64Array(0);
let CMP = ASC_NAN_LAST;
function useComparator(values: Float64Array, cmp: number): void {
  CV = values;
  CMP = cmp;
}
function lt(p: number, q: number): boolean {
  const a = CV[p];
  const b = CV[q];
  switch (CMP) {
    case ASC_NAN_LAST:
      return a < b || (a === a && b !== b);
    case DESC_NAN_FIRST:
      return a > b || (a !== a && b === b);
    case PLAIN_LESS:
      return a < b;
    case VALUE_THEN_INDEX:
      return a < b || (a === b && p < q);
    case VALUE_THEN_INDEX_NAN_LAST:
      return a < b || (a === b && p < q) || (b !== b && a === a);
    default:
      return a < b || (b !== b && a === a);
  }
}
const THRESHOLD = 16;

function lg(n: number): number {
  return 31 - Math.clz32(n);
}
function swapAt(a: Int32Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

function moveMedianToFirst(a: Int32Array, result: number, x: number, y: number, z: number): void {
  if (lt(a[x], a[y])) {
    if (lt(a[y], a[z])) swapAt(a, result, y);
    else if (lt(a[x], a[z])) swapAt(a, result, z);
    else swapAt(a, result, x);
  } else if (lt(a[x], a[z])) swapAt(a, result, x);
  else if (lt(a[y], a[z])) swapAt(a, result, z);
  else swapAt(a, result, y);
}

/** __unguarded_partition (bounds kept only against comparators that are not strict weak orders). */
function unguardedPartition(a: Int32Array, first: number, last: number, pivot: number): number {
  const end = last;
  const pv = a[pivot];
  for (;;) {
    while (first < end && lt(a[first], pv)) first++;
    last--;
    while (last > pivot && lt(pv, a[last])) last--;
    if (!(first < last)) return first;
    swapAt(a, first, last);
    first++;
  }
}

function unguardedPartitionPivot(a: Int32Array, first: number, last: number): number {
  const mid = first + ((last - first) >> 1);
  moveMedianToFirst(a, first, first + 1, mid, last - 1);
  return unguardedPartition(a, first + 1, last, first);
}

function unguardedLinearInsert(a: Int32Array, last: number, lo: number): void {
  const val = a[last];
  let next = last - 1;
  while (next >= lo && lt(val, a[next])) {
    a[last] = a[next];
    last = next;
    next--;
  }
  a[last] = val;
}

function insertionSort(a: Int32Array, first: number, last: number, lo: number): void {
  if (first === last) return;
  for (let i = first + 1; i < last; i++) {
    const val = a[i];
    if (lt(val, a[first])) {
      a.copyWithin(first + 1, first, i);
      a[first] = val;
    } else unguardedLinearInsert(a, i, lo);
  }
}

function adjustHeap(a: Int32Array, first: number, hole: number, len: number, value: number): void {
  const top = hole;
  let second = hole;
  while (second < Math.trunc((len - 1) / 2)) {
    second = 2 * (second + 1);
    if (lt(a[first + second], a[first + second - 1])) second--;
    a[first + hole] = a[first + second];
    hole = second;
  }
  if ((len & 1) === 0 && second === Math.trunc((len - 2) / 2)) {
    second = 2 * (second + 1);
    a[first + hole] = a[first + second - 1];
    hole = second - 1;
  }
  // __push_heap
  let parent = Math.trunc((hole - 1) / 2);
  while (hole > top && lt(a[first + parent], value)) {
    a[first + hole] = a[first + parent];
    hole = parent;
    parent = Math.trunc((hole - 1) / 2);
  }
  a[first + hole] = value;
}

function makeHeap(a: Int32Array, first: number, last: number): void {
  const len = last - first;
  if (len < 2) return;
  let parent = Math.trunc((len - 2) / 2);
  for (;;) {
    adjustHeap(a, first, parent, len, a[first + parent]);
    if (parent === 0) return;
    parent--;
  }
}

function popHeap(a: Int32Array, first: number, last: number, result: number): void {
  const value = a[result];
  a[result] = a[first];
  adjustHeap(a, first, 0, last - first, value);
}

function heapSelect(a: Int32Array, first: number, middle: number, last: number): void {
  makeHeap(a, first, middle);
  for (let i = middle; i < last; i++) if (lt(a[i], a[first])) popHeap(a, first, middle, i);
}

/** std::partial_sort */
function partialSort(a: Int32Array, first: number, middle: number, last: number): void {
  heapSelect(a, first, middle, last);
  while (middle - first > 1) {
    middle--;
    popHeap(a, first, middle, middle);
  }
}

function introsortLoop(a: Int32Array, first: number, last: number, depth: number): void {
  while (last - first > THRESHOLD) {
    if (depth === 0) {
      partialSort(a, first, last, last);
      return;
    }
    depth--;
    const cut = unguardedPartitionPivot(a, first, last);
    introsortLoop(a, cut, last, depth);
    last = cut;
  }
}

/** std::sort */
function stdSort(a: Int32Array, first: number, last: number): void {
  if (first === last) return;
  introsortLoop(a, first, last, lg(last - first) * 2);
  if (last - first > THRESHOLD) {
    insertionSort(a, first, first + THRESHOLD, first);
    for (let i = first + THRESHOLD; i < last; i++) unguardedLinearInsert(a, i, first);
  } else insertionSort(a, first, last, first);
}

/** std::nth_element */
function nthElement(a: Int32Array, first: number, nth: number, last: number): void {
  if (first === last || nth === last) return;
  let depth = lg(last - first) * 2;
  const lo = first;
  while (last - first > 3) {
    if (depth === 0) {
      heapSelect(a, first, nth + 1, last);
      swapAt(a, first, nth);
      return;
    }
    depth--;
    const cut = unguardedPartitionPivot(a, first, last);
    if (cut <= nth) first = cut;
    else last = cut;
  }
  insertionSort(a, first, last, lo);
}

/** A stable merge sort (std::stable_sort's result is fixed by stability). */
function stableSort(a: Int32Array, n: number, tmp: Int32Array): void {
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n - width; lo += 2 * width) {
      const mid = lo + width;
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) tmp[k++] = lt(a[j], a[i]) ? a[j++] : a[i++];
      while (i < mid) tmp[k++] = a[i++];
      while (j < hi) tmp[k++] = a[j++];
      a.set(tmp.subarray(lo, hi), lo);
    }
  }
}

function iota(a: Int32Array, n: number): void {
  for (let i = 0; i < n; i++) a[i] = i;
}

// ---- std / var ----------------------------------------------------------------------------------

const dofWarned = new Set<string>();

interface StdVarArgs {
  dim: DimArg;
  correction: number;
  keepdim: boolean;
}

/** (dim, unbiased, keepdim) positionally, `unbiased` alone, or an options object (correction, keepdim, unbiased). */
function stdVarArgs(a1: unknown, a2: unknown, a3: unknown): StdVarArgs {
  let dim: DimArg = null;
  let correction = 1;
  let keepdim = false;
  let opts: StdVarOptions | undefined;
  if (typeof a1 === "boolean") {
    correction = a1 ? 1 : 0;
    if (isOptions(a2)) opts = a2;
  } else if (isOptions(a1)) opts = a1;
  else {
    dim = (a1 as DimArg | undefined) ?? null;
    if (typeof a2 === "boolean") {
      correction = a2 ? 1 : 0;
      if (typeof a3 === "boolean") keepdim = a3;
      else if (isOptions(a3)) opts = a3;
    } else if (isOptions(a2)) opts = a2;
  }
  if (opts) {
    if (opts.dim !== undefined) dim = opts.dim;
    if (opts.unbiased !== undefined && opts.correction !== undefined && opts.correction !== null)
      throw new TorchTypeError("std/var: pass either `unbiased` or `correction`, not both");
    if (opts.unbiased !== undefined) correction = opts.unbiased ? 1 : 0;
    if (opts.correction !== undefined && opts.correction !== null) correction = opts.correction;
    if (opts.keepdim !== undefined) keepdim = opts.keepdim;
  }
  return { dim, correction, keepdim };
}

function checkFloat(fname: string, x: Tensor): void {
  if (!x.dtype.isFloatingPoint) throw new RuntimeError(`${fname === "std" || fname === "var" ? "std and var" : fname} only support floating point and complex dtypes`);
}

/** Per output element, the variance (or standard deviation) and mean, accumulated in float64. */
function stdVarKernel(fname: string, x: Tensor, dims: number[], correction: number, takeSqrt: boolean, keepdim: boolean): [Tensor, Tensor] {
  const shape = reducedShape(x._shape, dims, keepdim);
  const { vals, groups, count } = groupedValues(x, dims);
  const nOut = numelOf(shape);
  if (count - correction <= 0 && !dofWarned.has(fname)) {
    dofWarned.add(fname);
    warn(`${fname}(): degrees of freedom is <= 0. Correction should be strictly less than the reduction factor (input numel divided by output numel).`);
  }
  const out = x.dtype.alloc(nOut);
  const means = x.dtype.alloc(nOut);
  for (let g = 0; g < groups; g++) {
    if (count === 0) {
      out[g] = NaN;
      means[g] = NaN;
      continue;
    }
    const base = g * count;
    let s = 0;
    for (let i = 0; i < count; i++) s += vals[base + i];
    const mean = s / count;
    let m2 = 0;
    for (let i = 0; i < count; i++) {
      const dx = vals[base + i] - mean;
      m2 += dx * dx;
    }
    const v = m2 / Math.max(0, count - correction);
    out[g] = takeSqrt ? Math.sqrt(v) : v;
    means[g] = mean;
  }
  return [new Tensor(out, shape, undefined, 0, x.dtype), new Tensor(means, shape.slice(), undefined, 0, x.dtype)];
}

/** var_backward (FunctionsManual.cpp). */
function varBackward(grad: Tensor, self: Tensor, dims: number[] | null, correction: number, keepdim: boolean): Tensor {
  if (self.ndim === 0 || dims === null) {
    const dof = self.numel() - correction;
    if (dof <= 0) return grad.mul(where(self.eq(R.mean(self)), NaN, Infinity));
    return grad.mul(2 / dof).mul(self.sub(R.mean(self)));
  }
  if (!keepdim && self.ndim > 1) grad = restoreDims(grad, dims, false, self.ndim);
  let rnumel = 1;
  for (const d of dims) rnumel *= self._shape[d];
  return grad.mul(2 / (rnumel - correction)).mul(self.sub(R.mean(self, dims, true)));
}

/** std_backward: the variance's gradient scaled by 1 / (2 std), 0 where std is 0. */
function stdBackward(result: Tensor, grad: Tensor, self: Tensor, dims: number[] | null, correction: number, keepdim: boolean): Tensor {
  const gradVar = where(result.eq(0), 0, grad.div(result.mul(2)));
  return varBackward(gradVar, self, dims, correction, keepdim);
}

/** mean_backward */
function meanBackward(grad: Tensor, self: Tensor, dims: number[] | null, keepdim: boolean): Tensor {
  const shape = self._shape.slice();
  if (dims === null) return grad.expand(shape).div(self.numel());
  let n = 1;
  for (const d of dims) n *= shape[d];
  return restoreDims(grad, dims, keepdim, self.ndim).expand(shape).div(n);
}

function stdVar(kind: "std" | "var", x: Tensor, a: StdVarArgs): Tensor {
  checkFloat(kind, x);
  const dims = reductionDims(a.dim, x.ndim);
  const [out] = stdVarKernel(kind, x, dims, a.correction, kind === "std", a.keepdim);
  if (shouldRecord(x)) {
    const bdims = a.dim === null || (Array.isArray(a.dim) && a.dim.length === 0) ? null : dims;
    const { correction, keepdim } = a;
    if (kind === "var")
      record("VarBackward0", [x], out, [x], (ctx, [g]) => [varBackward(g, ctx.saved(0), bdims, correction, keepdim)]);
    else record("StdBackward0", [x], out, [x, out], (ctx, [g]) => [stdBackward(ctx.saved(1), g, ctx.saved(0), bdims, correction, keepdim)]);
  }
  return out;
}

function stdVarMean(kind: "std" | "var", x: Tensor, a: StdVarArgs): [Tensor, Tensor] {
  checkFloat(`${kind}_mean`, x);
  const dims = reductionDims(a.dim, x.ndim);
  const [out, mean] = stdVarKernel(`${kind}_mean`, x, dims, a.correction, kind === "std", a.keepdim);
  if (shouldRecord(x)) {
    const bdims = a.dim === null || (Array.isArray(a.dim) && a.dim.length === 0) ? null : dims;
    const { correction, keepdim } = a;
    record(kind === "std" ? "StdMeanBackward0" : "VarMeanBackward0", [x], [out, mean], [x, out], (ctx, [g0, g1]) => {
      const self = ctx.saved(0);
      const first = kind === "std" ? stdBackward(ctx.saved(1), g0, self, bdims, correction, keepdim) : varBackward(g0, self, bdims, correction, keepdim);
      return [first.add(meanBackward(g1, self, bdims, keepdim))];
    });
  }
  return [out, mean];
}

/** torch.std(input, dim=None, *, correction=1, keepdim=False); also (dim, unbiased, keepdim) and (unbiased). */
export function std(x: Tensor, dim?: DimArg | boolean | StdVarOptions, unbiased?: boolean | StdVarOptions, keepdim?: boolean | StdVarOptions): Tensor {
  return stdVar("std", x, stdVarArgs(dim, unbiased, keepdim));
}
/** torch.var(input, dim=None, *, correction=1, keepdim=False); also (dim, unbiased, keepdim) and (unbiased). */
function variance(x: Tensor, dim?: DimArg | boolean | StdVarOptions, unbiased?: boolean | StdVarOptions, keepdim?: boolean | StdVarOptions): Tensor {
  return stdVar("var", x, stdVarArgs(dim, unbiased, keepdim));
}
export { variance as var };
/** torch.std_mean: [std, mean] (a plain tuple in PyTorch). */
export function stdMean(x: Tensor, dim?: DimArg | boolean | StdVarOptions, unbiased?: boolean | StdVarOptions, keepdim?: boolean | StdVarOptions): [Tensor, Tensor] {
  return stdVarMean("std", x, stdVarArgs(dim, unbiased, keepdim));
}
/** torch.var_mean: [var, mean] (a plain tuple in PyTorch). */
export function varMean(x: Tensor, dim?: DimArg | boolean | StdVarOptions, unbiased?: boolean | StdVarOptions, keepdim?: boolean | StdVarOptions): [Tensor, Tensor] {
  return stdVarMean("var", x, stdVarArgs(dim, unbiased, keepdim));
}

// ---- logsumexp ----------------------------------------------------------------------------------

/** torch.logsumexp(input, dim, keepdim=False): log(sum(exp(x - max))) + max, the max taken as 0 where infinite. */
export function logsumexp(x: Tensor, dim?: DimArg | DimsKeepdimOptions, keepdim?: boolean | DimsKeepdimOptions): Tensor {
  let d: DimArg = null;
  let k = false;
  if (isOptions(dim)) {
    d = dim.dim ?? null;
    k = dim.keepdim ?? false;
  } else {
    d = dim ?? null;
    if (isOptions(keepdim)) k = keepdim.keepdim ?? false;
    else k = keepdim ?? false;
  }
  const dims = reductionDims(d, x.ndim);
  const keep = k;
  const out = noGrad(() => {
    // integer inputs are promoted to the default float dtype
    const self = x.dtype.isFloatingPoint ? x : castValues(x, getDefaultDtype());
    if (self.numel() === 0) return R.sum(self.exp(), dims, keep).log();
    const maxes = R.amaxAmin("amax", self, dims, true);
    const finite = where(maxes.abs().eq(Infinity), 0, maxes);
    const squeezed = keep ? finite : finite.reshape(reducedShape(self._shape, dims, false));
    return R.sum(self.sub(finite).exp(), dims, keep).log().add(squeezed);
  });
  if (shouldRecord(x)) {
    const ndim = x.ndim;
    record("LogsumexpBackward0", [x], out, [x, out], (ctx, [g]) => {
      const self = ctx.saved(0);
      const result = ctx.saved(1);
      return [restoreDims(g, dims, keep, ndim).mul(self.sub(restoreDims(result, dims, keep, ndim)).exp())];
    });
  }
  return out;
}

// ---- cumulative ops -----------------------------------------------------------------------------

function cumArgs(name: string, dim: number | CumOptions | undefined, opts: CumOptions | undefined): [number, DType | null] {
  const o = isOptions(dim) ? dim : opts;
  const d = isOptions(dim) ? dim.dim : dim ?? opts?.dim;
  if (d === undefined || d === null) throw new TorchTypeError(`${name}() missing required argument 'dim'`);
  const dtype = o?.dtype;
  return [d, dtype ? dtypeOf(dtype) : null];
}

/** The running sum or product along `dim` (accumulated in float64 like ATen's acc_type on CPU). */
function cumKernel(x: Tensor, dim: number, mul: boolean, reverse = false): Tensor {
  const out = x.dtype.alloc(x.numel());
  const result = new Tensor(out, x._shape.slice(), undefined, 0, x.dtype);
  if (x.numel() === 0) return result;
  const L = sliceLayout(x, dim);
  const src = x._data;
  const { n, srcStride, dstStride } = L;
  const fix = x.dtype === int64 ? (v: number) => v + 0 : (v: number) => v;
  for (let s = 0; s < L.src.length; s++) {
    const a = L.src[s];
    const b = L.dst[s];
    let acc = mul ? 1 : 0;
    if (reverse)
      for (let i = n - 1; i >= 0; i--) {
        acc = mul ? acc * src[a + i * srcStride] : acc + src[a + i * srcStride];
        out[b + i * dstStride] = fix(acc);
      }
    else
      for (let i = 0; i < n; i++) {
        acc = mul ? acc * src[a + i * srcStride] : acc + src[a + i * srcStride];
        out[b + i * dstStride] = fix(acc);
      }
  }
  return result;
}

function cumDtype(x: Tensor, dtype: DType | null): DType {
  return dtype ?? (x.dtype.isFloatingPoint ? x.dtype : int64);
}

/** w.flip(dim).cumsum(dim).flip(dim), as one op whose derivative is cumsum. */
function reversedCumsum(w: Tensor, dim: number): Tensor {
  const out = cumKernel(w, dim, false, true);
  if (shouldRecord(w)) record("CumsumBackward0", [w], out, [], (_ctx, [g]) => [cumsum(g, dim)]);
  return out;
}

/** torch.cumsum(input, dim, *, dtype=None) */
export function cumsum(x: Tensor, dim: number | CumOptions, opts?: CumOptions): Tensor {
  const [d0, dtype] = cumArgs("cumsum", dim, opts);
  const d = wrapDim(d0, x.ndim);
  const src = castValues(x, cumDtype(x, dtype));
  const out = cumKernel(src, d, false);
  if (shouldRecord(x)) {
    const from = x.dtype;
    record("CumsumBackward0", [x], out, [], (_ctx, [g]) => {
      const gg = g.dtype === from ? g : g.to(from);
      if (gg.numel() <= 1 || gg.ndim === 0 || gg._shape[d] === 1) return [gg];
      return [reversedCumsum(gg, d)];
    });
  }
  return out;
}

/** torch.cumprod(input, dim, *, dtype=None) */
export function cumprod(x: Tensor, dim: number | CumOptions, opts?: CumOptions): Tensor {
  const [d0, dtype] = cumArgs("cumprod", dim, opts);
  const d = wrapDim(d0, x.ndim);
  const src = castValues(x, cumDtype(x, dtype));
  const out = cumKernel(src, d, true);
  if (shouldRecord(x)) {
    const from = x.dtype;
    record("CumprodBackward0", [x], out, [x, out], (ctx, [g]) => [cumprodBackward(g.dtype === from ? g : g.to(from), ctx.saved(0), d, ctx.saved(1))]);
  }
  return out;
}

/** cumprod_backward (FunctionsManual.cpp / ReduceOps.cpp). */
function cumprodBackward(grad: Tensor, input: Tensor, dim: number, output: Tensor): Tensor {
  if (input.numel() <= 1 || input.ndim === 0 || input._shape[dim] === 1) return grad;
  const w = output.mul(grad);
  if (!R.any(input.eq(0))) return reversedCumsum(w, dim).div(input);
  if (!gradMode.enabled) return cumprodBackwardWithZeros(grad, input, dim, output);
  // Differentiable form for double backward: d out_j / d x_k = prod_{i <= j, i != k} x_i for j >= k.
  const n = input._shape[dim];
  const t = input.transpose(dim, -1);
  const lead = t._shape.slice(0, -1);
  const eye = new Uint8Array(n * n);
  const upper = new Uint8Array(n * n);
  for (let k = 0; k < n; k++) {
    eye[k * n + k] = 1;
    for (let j = k; j < n; j++) upper[k * n + j] = 1;
  }
  const rows = t.unsqueeze(-2).expand([...lead, n, n]);
  const omitted = cumprod(where(new Tensor(eye, [n, n], undefined, 0, bool), 1, rows), -1);
  const terms = where(new Tensor(upper, [n, n], undefined, 0, bool), omitted, 0).mul(grad.transpose(dim, -1).unsqueeze(-2));
  return terms.sum(-1).transpose(dim, -1);
}

/** The O(n) masked formula ATen uses without grad mode, as one loop per slice. */
function cumprodBackwardWithZeros(grad: Tensor, input: Tensor, dim: number, output: Tensor): Tensor {
  const dtype = grad.dtype;
  const x = castValues(input, dtype).contiguous();
  const g = grad.contiguous();
  const y = castValues(output, dtype).contiguous();
  const res = dtype.alloc(x.numel());
  const L = sliceLayout(x, dim);
  const { n, dstStride: st } = L;
  const xv = x._data;
  const gv = g._data;
  const yv = y._data;
  const round = dtype.name === "float32" ? Math.fround : (v: number) => v;
  for (const b of L.dst) {
    let z1 = n;
    let z2 = n;
    for (let i = 0; i < n; i++)
      if (xv[b + i * st] === 0) {
        if (z1 === n) z1 = i;
        else {
          z2 = i;
          break;
        }
      }
    // k < z1: reversed cumsum of w = y * g over [k, z1), divided by x_k
    let acc = 0;
    const rc = new Float64Array(n);
    for (let i = n - 1; i >= 0; i--) {
      acc += i < z1 ? round(yv[b + i * st] * gv[b + i * st]) : 0;
      rc[i] = round(acc);
    }
    for (let k = 0; k < z1; k++) res[b + k * st] = rc[k] / xv[b + k * st];
    if (z1 < n) {
      // k = z1: sum over j in [z1, z2) of g_j * prod_{z1 < i <= j} x_i, times y_{z1 - 1}
      let prod = 1;
      let s = 0;
      for (let j = z1; j < z2; j++) {
        if (j > z1) prod *= xv[b + j * st];
        s += round(round(prod) * gv[b + j * st]);
      }
      const before = z1 === 0 ? 1 : yv[b + (z1 - 1) * st];
      res[b + z1 * st] = round(s) * before;
    }
  }
  return new Tensor(res, x._shape.slice(), undefined, 0, dtype);
}

function cumExtremum(kind: "max" | "min", x: Tensor, dim: number): ValuesIndices {
  // zero_numel_check_dims on a 0-dim input (PyTorch 2.x; 1.13 accepted any dim here)
  if (x.ndim === 0 && dim !== 0 && dim !== -1) throw new IndexError(`cum${kind}(): Expected reduction dim -1 or 0 for scalar but got ${dim}`);
  const d = wrapDim(dim, x.ndim);
  const values = x.dtype.alloc(x.numel());
  const indices = new Float64Array(x.numel());
  if (x.numel() > 0) {
    const L = sliceLayout(x, d);
    const src = x._data;
    const { n, srcStride, dstStride } = L;
    const better = kind === "max" ? (v: number, o: number) => v >= o : (v: number, o: number) => v <= o;
    for (let s = 0; s < L.src.length; s++) {
      const a = L.src[s];
      const b = L.dst[s];
      let out = src[a];
      let idx = 0;
      for (let i = 0; i < n; i++) {
        const v = src[a + i * srcStride];
        if (v !== v || (out === out && better(v, out))) {
          out = v;
          idx = i;
        }
        values[b + i * dstStride] = out;
        indices[b + i * dstStride] = idx;
      }
    }
  }
  const vt = new Tensor(values, x._shape.slice(), undefined, 0, x.dtype);
  const it = new Tensor(indices, x._shape.slice(), undefined, 0, int64);
  if (shouldRecord(x)) {
    const shape = x._shape.slice();
    record(kind === "max" ? "CummaxBackward0" : "CumminBackward0", [x], vt, [it], (ctx, [g]) => {
      if (numelOf(shape) === 0) return [g];
      if (shape.length === 0) return [g];
      return [scatterIntoZeros(g, d, ctx.saved(0), shape)];
    });
  }
  return valuesIndices(vt, it);
}

/** torch.cummax(input, dim): running maximum and the index where it was found (the last on ties, NaN propagates). */
export function cummax(x: Tensor, dim: number | { dim: number }): ValuesIndices {
  return cumExtremum("max", x, isOptions(dim) ? dim.dim : dim);
}
/** torch.cummin(input, dim) */
export function cummin(x: Tensor, dim: number | { dim: number }): ValuesIndices {
  return cumExtremum("min", x, isOptions(dim) ? dim.dim : dim);
}

// ---- value-selecting reductions (median, nanmedian, mode, kthvalue, topk, sort) -----------------

function dimKeepdim(dim: number | DimKeepdimOptions | undefined, keepdim: boolean | DimKeepdimOptions | undefined, defaultDim = -1): [number, boolean] {
  if (isOptions(dim)) return [dim.dim ?? defaultDim, dim.keepdim ?? false];
  if (isOptions(keepdim)) return [dim ?? keepdim.dim ?? defaultDim, keepdim.keepdim ?? false];
  return [dim ?? defaultDim, keepdim ?? false];
}

/** zero_numel_check_dims for one dim. */
function checkNonEmptyDim(x: Tensor, d: number, fname: string): void {
  if (x.ndim > 0 && x._shape[d] === 0) throw new IndexError(`${fname}: Expected reduction dim ${d} to have non-zero size.`);
}

function notForBool(x: Tensor, kernel: string): void {
  if (x.dtype === bool) throw new RuntimeError(`"${kernel}" not implemented for 'Bool'`);
}

/** value_selecting_reduction_backward: the gradient scattered back to the selected positions. */
function valueSelectingBackward(g: Tensor, dim: number, indices: Tensor, shape: number[], keepdim: boolean): Tensor {
  if (!keepdim && shape.length > 0) return scatterIntoZeros(g.unsqueeze(dim), dim, indices.unsqueeze(dim), shape);
  return scatterIntoZeros(g, dim, indices, shape);
}

/**
 * Runs `pick(values, n) -> [valueIndexInSlice]` over every slice along dim and gathers the chosen
 * value and its index into reduced outputs.
 */
function selectAlong(x: Tensor, d: number, keepdim: boolean, pick: (v: Float64Array, n: number) => number): [Tensor, Tensor] {
  const L = sliceLayout(x, d);
  const shape = x.ndim === 0 ? [] : reducedShape(x._shape, [d], keepdim);
  const count = L.src.length;
  const values = x.dtype.alloc(count);
  const indices = new Float64Array(count);
  const v = new Float64Array(L.n);
  const src = x._data;
  for (let s = 0; s < count; s++) {
    const a = L.src[s];
    for (let i = 0; i < L.n; i++) v[i] = src[a + i * L.srcStride];
    const i = pick(v, L.n);
    values[s] = v[i];
    indices[s] = i;
  }
  return [new Tensor(values, shape, undefined, 0, x.dtype), new Tensor(indices, shape.slice(), undefined, 0, int64)];
}

function recordSelecting(name: string, x: Tensor, values: Tensor, indices: Tensor, d: number, keepdim: boolean): void {
  if (!shouldRecord(x)) return;
  const shape = x._shape.slice();
  record(name, [x], values, [indices], (ctx, [g]) => [valueSelectingBackward(g, d, ctx.saved(0), shape, keepdim)]);
}

/** evenly_distribute_backward: the gradient shared among the elements equal to the value (NaN matches NaN). */
function evenlyDistribute(g: Tensor, input: Tensor, value: Tensor): Tensor {
  const v = value.item() as number;
  const mask = v !== v ? input.ne(input) : input.eq(value);
  return g.div(mask.sum()).mul(mask);
}

function medianAll(x: Tensor, ignoreNan: boolean): Tensor {
  notForBool(x, "median_cpu");
  const raw = x._values();
  const vals = raw instanceof Float64Array ? raw : Float64Array.from(raw);
  const size = vals.length;
  const out = x.dtype.alloc(1);
  if (size === 0) out[0] = NaN;
  else {
    let numNan = 0;
    for (let i = 0; i < size; i++) if (vals[i] !== vals[i]) numNan++;
    if (!ignoreNan && numNan > 0) out[0] = NaN;
    else {
      const a = new Int32Array(size);
      iota(a, size);
      const nth = Math.trunc((size - (ignoreNan ? numNan : 0) - 1) / 2);
      useComparator(vals, ignoreNan ? NAN_LAST : PLAIN_LESS);
      nthElement(a, 0, nth, size);
      out[0] = vals[a[nth]];
    }
  }
  const result = new Tensor(out, [], [], 0, x.dtype);
  if (shouldRecord(x))
    record(ignoreNan ? "NanmedianBackward0" : "MedianBackward0", [x], result, [x, result], (ctx, [g]) => [evenlyDistribute(g, ctx.saved(0), ctx.saved(1))]);
  return result;
}

function medianDim(x: Tensor, dim: number, keepdim: boolean, ignoreNan: boolean): ValuesIndices {
  const d = wrapDim(dim, x.ndim);
  checkNonEmptyDim(x, d, "median()");
  notForBool(x, "median_out");
  let a = new Int32Array(0);
  const [values, indices] = selectAlong(x, d, keepdim, (v, n) => {
    if (!ignoreNan) for (let i = 0; i < n; i++) if (v[i] !== v[i]) return i;
    if (a.length < n) a = new Int32Array(n);
    iota(a, n);
    let numNan = 0;
    if (ignoreNan) for (let i = 0; i < n; i++) if (v[i] !== v[i]) numNan++;
    const nth = Math.trunc((n - numNan - 1) / 2);
    useComparator(v, ignoreNan ? VALUE_THEN_INDEX_NAN_LAST : VALUE_THEN_INDEX);
    nthElement(a, 0, nth, n);
    return a[nth];
  });
  recordSelecting(ignoreNan ? "NanmedianBackward1" : "MedianBackward1", x, values, indices, d, keepdim);
  return valuesIndices(values, indices);
}

/** torch.median(input): the lower median of all elements (NaN if any is NaN); with `dim`, values and indices. */
export function median(x: Tensor): Tensor;
export function median(x: Tensor, dim: number | DimKeepdimOptions, keepdim?: boolean): ValuesIndices;
export function median(x: Tensor, dim?: number | DimKeepdimOptions, keepdim?: boolean): Tensor | ValuesIndices {
  if (dim === undefined && keepdim === undefined) return medianAll(x, false);
  return medianDim(x, ...dimKeepdim(dim, keepdim), false);
}

/** torch.nanmedian(input): the lower median of the non-NaN elements; with `dim`, values and indices. */
export function nanmedian(x: Tensor): Tensor;
export function nanmedian(x: Tensor, dim: number | DimKeepdimOptions, keepdim?: boolean): ValuesIndices;
export function nanmedian(x: Tensor, dim?: number | DimKeepdimOptions, keepdim?: boolean): Tensor | ValuesIndices {
  if (dim === undefined && keepdim === undefined) return medianAll(x, true);
  return medianDim(x, ...dimKeepdim(dim, keepdim), true);
}

/** torch.mode(input, dim=-1, keepdim=False): the most frequent value (the smallest of equally frequent ones). */
export function mode(x: Tensor, dim?: number | DimKeepdimOptions, keepdim?: boolean | DimKeepdimOptions): ValuesIndices {
  const [d0, k] = dimKeepdim(dim, keepdim);
  const d = wrapDim(d0, x.ndim);
  checkNonEmptyDim(x, d, "mode()");
  let a = new Int32Array(0);
  const [values, indices] = selectAlong(x, d, k, (v, n) => {
    if (a.length < n) a = new Int32Array(n);
    iota(a, n);
    useComparator(v, PLAIN_LESS);
    stdSort(a, 0, n);
    let modei = 0;
    let temp = 0;
    let maxFreq = 0;
    for (let i = 0; i < n; i++) {
      temp++;
      if (i === n - 1 || v[a[i]] !== v[a[i + 1]]) {
        if (temp > maxFreq) {
          modei = a[i];
          maxFreq = temp;
        }
        temp = 0;
      }
    }
    return modei;
  });
  recordSelecting("ModeBackward0", x, values, indices, d, k);
  return valuesIndices(values, indices);
}

/** torch.kthvalue(input, k, dim=-1, keepdim=False): the k-th smallest element (NaN counts as the largest). */
export function kthvalue(x: Tensor, k: number, dim?: number | DimKeepdimOptions, keepdim?: boolean | DimKeepdimOptions): ValuesIndices {
  const [d0, kd] = dimKeepdim(dim, keepdim);
  const d = wrapDim(d0, x.ndim);
  checkNonEmptyDim(x, d, "kthvalue()");
  const size = x.ndim === 0 ? 1 : x._shape[d];
  if (!(k >= 1 && k <= size)) throw new RuntimeError(`kthvalue(): selected number k out of range for dimension ${d}`);
  notForBool(x, "kthvalue_cpu");
  let ti = new Int32Array(0);
  let tv = new Float64Array(0);
  const [values, indices] = selectAlong(x, d, kd, (v, n) => {
    if (ti.length < n) {
      ti = new Int32Array(n);
      tv = new Float64Array(n);
    }
    iota(ti, n);
    tv.set(v.subarray(0, n));
    quickSelect(tv, ti, n, k - 1);
    return ti[k - 1];
  });
  recordSelecting("KthvalueBackward0", x, values, indices, d, kd);
  return valuesIndices(values, indices);
}

/** quick_select_template (Sorting.cpp), NaN sorted as the largest. */
function quickSelect(arr: Float64Array, idx: Int32Array, n: number, k: number): void {
  const gt = (a: number, b: number) => (a !== a && b === b) || a > b;
  const swap = (i: number, j: number) => {
    const t = arr[i];
    arr[i] = arr[j];
    arr[j] = t;
    const u = idx[i];
    idx[i] = idx[j];
    idx[j] = u;
  };
  let L = 0;
  let R = n - 1;
  for (;;) {
    if (R <= L) return;
    if (R === L + 1) {
      if (gt(arr[L], arr[R])) swap(L, R);
      return;
    }
    const P = (L + R) >> 1;
    swap(P, L + 1);
    if (gt(arr[L + 1], arr[R])) swap(L + 1, R);
    if (gt(arr[L], arr[R])) swap(L, R);
    if (gt(arr[L + 1], arr[L])) swap(L + 1, L);
    let i = L + 1;
    let j = R;
    const piv = arr[L];
    for (;;) {
      do i++;
      while (gt(piv, arr[i]));
      do j--;
      while (gt(arr[j], piv));
      if (j < i) break;
      swap(i, j);
    }
    swap(L, j);
    if (j <= k) L = i;
    if (j >= k) R = j - 1;
  }
}

/** The value of a slice and its index for each of the k chosen positions, laid out along dim. */
function topkArgs(dim: number | TopkOptions | undefined, largest: boolean | TopkOptions | undefined, sorted: boolean | TopkOptions | undefined): [number, boolean, boolean] {
  let d = -1;
  let l = true;
  let s = true;
  let opts: TopkOptions | undefined;
  if (isOptions(dim)) opts = dim;
  else {
    if (dim !== undefined) d = dim;
    if (isOptions(largest)) opts = largest;
    else {
      if (largest !== undefined) l = largest;
      if (isOptions(sorted)) opts = sorted;
      else if (sorted !== undefined) s = sorted;
    }
  }
  if (opts) {
    if (opts.dim !== undefined) d = opts.dim;
    if (opts.largest !== undefined) l = opts.largest;
    if (opts.sorted !== undefined) s = opts.sorted;
  }
  return [d, l, s];
}

/** torch.topk(input, k, dim=-1, largest=True, sorted=True) */
export function topk(x: Tensor, k: number, dim?: number | TopkOptions, largest?: boolean | TopkOptions, sorted?: boolean | TopkOptions): ValuesIndices {
  const [d0, isLargest, isSorted] = topkArgs(dim, largest, sorted);
  const d = wrapDim(d0, x.ndim);
  const size = x.ndim === 0 ? 1 : x._shape[d];
  if (!(k >= 0 && k <= size)) throw new RuntimeError("selected index k out of range");
  notForBool(x, "topk_cpu");
  if (x.ndim === 0) {
    const values = new Tensor(x.dtype.alloc(1).fill(x._data[x._offset]), [], [], 0, x.dtype);
    const indices = new Tensor(new Float64Array(1), [], [], 0, int64);
    recordSelecting("TopkBackward0", x, values, indices, 0, true);
    return valuesIndices(values, indices);
  }
  const outShape = x._shape.slice();
  outShape[d] = k;
  const values = x.dtype.alloc(numelOf(outShape));
  const indices = new Float64Array(values.length);
  if (k > 0 && values.length > 0) {
    const L = sliceLayout(x, d);
    const oStride = contiguousStrides(outShape)[d];
    const dst = sliceStarts(outShape, contiguousStrides(outShape), 0, d);
    const n = L.n;
    const v = new Float64Array(n);
    const a = new Int32Array(n);
    const src = x._data;
    const usePartial = k * 64 <= n;
    for (let s = 0; s < L.src.length; s++) {
      const st = L.src[s];
      for (let i = 0; i < n; i++) v[i] = src[st + i * L.srcStride];
      iota(a, n);
      useComparator(v, isLargest ? DESC_NAN_FIRST : ASC_NAN_LAST);
      if (usePartial) partialSort(a, 0, k, n);
      else {
        nthElement(a, 0, k - 1, n);
        if (isSorted) stdSort(a, 0, k - 1);
      }
      const o = dst[s];
      for (let j = 0; j < k; j++) {
        values[o + j * oStride] = v[a[j]];
        indices[o + j * oStride] = a[j];
      }
    }
  }
  const vt = new Tensor(values, outShape, undefined, 0, x.dtype);
  const it = new Tensor(indices, outShape.slice(), undefined, 0, int64);
  recordSelecting("TopkBackward0", x, vt, it, d, true);
  return valuesIndices(vt, it);
}

function sortArgs(dim: number | SortOptions | undefined, descending: boolean | SortOptions | undefined, opts: SortOptions | undefined): [number, boolean, boolean | null] {
  let d = -1;
  let desc = false;
  let stable: boolean | null = null;
  let o: SortOptions | undefined = opts;
  if (isOptions(dim)) o = dim;
  else {
    if (dim !== undefined) d = dim;
    if (isOptions(descending)) o = descending;
    else if (descending !== undefined) desc = descending;
  }
  if (o) {
    if (o.dim !== undefined) d = o.dim;
    if (o.descending !== undefined) desc = o.descending;
    if (o.stable !== undefined) stable = o.stable;
  }
  return [d, desc, stable];
}

function sortKernel(x: Tensor, d: number, descending: boolean, stable: boolean): [Tensor, Tensor] {
  const values = x.dtype.alloc(x.numel());
  const indices = new Float64Array(x.numel());
  if (x.ndim === 0) values[0] = x._data[x._offset];
  else if (x.numel() > 0) {
    const L = sliceLayout(x, d);
    const n = L.n;
    const v = new Float64Array(n);
    const a = new Int32Array(n);
    const tmp = new Int32Array(n);
    const src = x._data;
    for (let s = 0; s < L.src.length; s++) {
      const st = L.src[s];
      for (let i = 0; i < n; i++) v[i] = src[st + i * L.srcStride];
      iota(a, n);
      // an expanded (stride 0) dim is left as it is (ATen skips the sort)
      if (L.srcStride !== 0) {
        useComparator(v, descending ? DESC_NAN_FIRST : ASC_NAN_LAST);
        if (stable) stableSort(a, n, tmp);
        else stdSort(a, 0, n);
      }
      const o = L.dst[s];
      for (let j = 0; j < n; j++) {
        values[o + j * L.dstStride] = v[a[j]];
        indices[o + j * L.dstStride] = a[j];
      }
    }
  }
  return [new Tensor(values, x._shape.slice(), undefined, 0, x.dtype), new Tensor(indices, x._shape.slice(), undefined, 0, int64)];
}

/**
 * torch.sort(input, dim=-1, descending=False, *, stable=False): NaN sorts as the largest; without
 * `stable` the order of equal elements is std::sort's.
 */
export function sort(x: Tensor, dim?: number | SortOptions, descending?: boolean | SortOptions, opts?: SortOptions): ValuesIndices {
  const [d0, desc, stable] = sortArgs(dim, descending, opts);
  const d = wrapDim(d0, x.ndim);
  const [values, indices] = sortKernel(x, d, desc, stable === true);
  recordSelecting(stable === null ? "SortBackward0" : "SortBackward1", x, values, indices, d, true);
  return valuesIndices(values, indices);
}

/** torch.argsort(input, dim=-1, descending=False, *, stable=False) */
export function argsort(x: Tensor, dim?: number | SortOptions, descending?: boolean | SortOptions, opts?: SortOptions): Tensor {
  const [d0, desc, stable] = sortArgs(dim, descending, opts);
  return sortKernel(x, wrapDim(d0, x.ndim), desc, stable === true)[1];
}

// ---- any / all / count_nonzero ------------------------------------------------------------------

function anyAll(kind: "any" | "all", x: Tensor, dim: DimArg | DimsKeepdimOptions | undefined, keepdim: boolean | DimsKeepdimOptions | undefined): Tensor {
  let d: DimArg | undefined;
  let k = false;
  if (isOptions(dim)) {
    d = dim.dim;
    k = dim.keepdim ?? false;
  } else {
    d = dim;
    if (isOptions(keepdim)) k = keepdim.keepdim ?? false;
    else k = keepdim ?? false;
  }
  // dim=[] reduces nothing (PyTorch 2.x any.dims/all.dims); None reduces everything
  if (Array.isArray(d) && d.length === 0) return x.dtype === bool ? x.clone() : castValues(x, bool);
  const dims = reductionDims(d ?? null, x.ndim);
  const shape = reducedShape(x._shape, dims, k);
  const { vals, groups, count } = groupedValues(x, dims);
  const out = new Uint8Array(numelOf(shape));
  const isAll = kind === "all";
  for (let g = 0; g < groups; g++) {
    let r = isAll;
    const base = g * count;
    if (isAll) {
      for (let i = 0; i < count; i++)
        if (vals[base + i] === 0) {
          r = false;
          break;
        }
    } else
      for (let i = 0; i < count; i++)
        if (vals[base + i] !== 0) {
          r = true;
          break;
        }
    out[g] = r ? 1 : 0;
  }
  return new Tensor(out, shape, undefined, 0, bool);
}

/** torch.any(input) / torch.any(input, dim, keepdim=False); `dim` may be a list (PyTorch 2.2+). */
export function any(x: Tensor, dim?: DimArg | DimsKeepdimOptions, keepdim?: boolean | DimsKeepdimOptions): Tensor {
  return anyAll("any", x, dim, keepdim);
}
/** torch.all(input) / torch.all(input, dim, keepdim=False); `dim` may be a list (PyTorch 2.2+). */
export function all(x: Tensor, dim?: DimArg | DimsKeepdimOptions, keepdim?: boolean | DimsKeepdimOptions): Tensor {
  return anyAll("all", x, dim, keepdim);
}

/** torch.count_nonzero(input, dim=None): int64 counts of the non-zero elements (NaN counts). */
export function countNonzero(x: Tensor, dim?: DimArg | { dim?: DimArg }): Tensor {
  const d = isOptions(dim) ? dim.dim : dim;
  const dims = reductionDims(d ?? null, x.ndim);
  const shape = reducedShape(x._shape, dims, false);
  const { vals, groups, count } = groupedValues(x, dims);
  const out = new Float64Array(numelOf(shape));
  for (let g = 0; g < groups; g++) {
    let c = 0;
    const base = g * count;
    for (let i = 0; i < count; i++) if (vals[base + i] !== 0) c++;
    out[g] = c;
  }
  return new Tensor(out, shape, undefined, 0, int64);
}

// ---- Tensor methods -----------------------------------------------------------------------------

declare module "../tensor/tensor.js" {
  interface Tensor {
    std(dim?: DimArg | boolean | StdVarOptions, unbiased?: boolean | StdVarOptions, keepdim?: boolean | StdVarOptions): Tensor;
    var(dim?: DimArg | boolean | StdVarOptions, unbiased?: boolean | StdVarOptions, keepdim?: boolean | StdVarOptions): Tensor;
    logsumexp(dim?: DimArg | DimsKeepdimOptions, keepdim?: boolean | DimsKeepdimOptions): Tensor;
    cumsum(dim: number | CumOptions, opts?: CumOptions): Tensor;
    cumprod(dim: number | CumOptions, opts?: CumOptions): Tensor;
    cummax(dim: number | { dim: number }): ValuesIndices;
    cummin(dim: number | { dim: number }): ValuesIndices;
    median(): Tensor;
    median(dim: number | DimKeepdimOptions, keepdim?: boolean): ValuesIndices;
    nanmedian(): Tensor;
    nanmedian(dim: number | DimKeepdimOptions, keepdim?: boolean): ValuesIndices;
    mode(dim?: number | DimKeepdimOptions, keepdim?: boolean | DimKeepdimOptions): ValuesIndices;
    kthvalue(k: number, dim?: number | DimKeepdimOptions, keepdim?: boolean | DimKeepdimOptions): ValuesIndices;
    topk(k: number, dim?: number | TopkOptions, largest?: boolean | TopkOptions, sorted?: boolean | TopkOptions): ValuesIndices;
    sort(dim?: number | SortOptions, descending?: boolean | SortOptions, opts?: SortOptions): ValuesIndices;
    argsort(dim?: number | SortOptions, descending?: boolean | SortOptions, opts?: SortOptions): Tensor;
    any(dim?: DimArg | DimsKeepdimOptions, keepdim?: boolean | DimsKeepdimOptions): Tensor;
    all(dim?: DimArg | DimsKeepdimOptions, keepdim?: boolean | DimsKeepdimOptions): Tensor;
    countNonzero(dim?: DimArg | { dim?: DimArg }): Tensor;
  }
}

installMethods({
  std(this: Tensor, a?: any, b?: any, c?: any) {
    return std(this, a, b, c);
  },
  var(this: Tensor, a?: any, b?: any, c?: any) {
    return variance(this, a, b, c);
  },
  logsumexp(this: Tensor, a?: any, b?: any) {
    return logsumexp(this, a, b);
  },
  cumsum(this: Tensor, a: any, b?: any) {
    return cumsum(this, a, b);
  },
  cumprod(this: Tensor, a: any, b?: any) {
    return cumprod(this, a, b);
  },
  cummax(this: Tensor, a: any) {
    return cummax(this, a);
  },
  cummin(this: Tensor, a: any) {
    return cummin(this, a);
  },
  median(this: Tensor, a?: any, b?: any) {
    return (median as (x: Tensor, a?: any, b?: any) => unknown)(this, a, b);
  },
  nanmedian(this: Tensor, a?: any, b?: any) {
    return (nanmedian as (x: Tensor, a?: any, b?: any) => unknown)(this, a, b);
  },
  mode(this: Tensor, a?: any, b?: any) {
    return mode(this, a, b);
  },
  kthvalue(this: Tensor, k: number, a?: any, b?: any) {
    return kthvalue(this, k, a, b);
  },
  topk(this: Tensor, k: number, a?: any, b?: any, c?: any) {
    return topk(this, k, a, b, c);
  },
  sort(this: Tensor, a?: any, b?: any, c?: any) {
    return sort(this, a, b, c);
  },
  argsort(this: Tensor, a?: any, b?: any, c?: any) {
    return argsort(this, a, b, c);
  },
  any(this: Tensor, a?: any, b?: any) {
    return any(this, a, b);
  },
  all(this: Tensor, a?: any, b?: any) {
    return all(this, a, b);
  },
  countNonzero(this: Tensor, a?: any) {
    return countNonzero(this, a);
  },
});
