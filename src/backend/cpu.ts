// The pure-TypeScript kernels: strided loops over typed arrays. Every op reaches storage through
// these few functions, so another backend (WebAssembly SIMD, GPU) can replace them one by one.
import type { Storage } from "../tensor/dtype.js";
import { reorderDimensions } from "../tensor/shape.js";
import { parallelHooks as P } from "./threads.js";
export type { Storage };

/** A strided window on storage: what every kernel reads. */
export interface StridedView {
  readonly _data: Storage;
  readonly _shape: readonly number[];
  readonly _strides: readonly number[];
  readonly _offset: number;
}

export function isContiguous(shape: readonly number[], strides: readonly number[]): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] !== 1 && strides[i] !== expected) return false;
    expected *= shape[i];
  }
  return true;
}

function numel(shape: readonly number[]): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
}

/**
 * Calls body(offsetA, offsetB, outIndex) for every element of `shape` in row-major order,
 * walking two strided operands; the innermost dimension runs as a plain loop.
 */
function forEach2(
  shape: readonly number[],
  sa: readonly number[], oa: number,
  sb: readonly number[], ob: number,
  inner: (pa: number, pb: number, o: number, len: number, ia: number, ib: number) => void,
): void {
  const nd = shape.length;
  const n = numel(shape);
  if (n === 0) return;
  if (nd === 0) return inner(oa, ob, 0, 1, 0, 0);
  const len = shape[nd - 1];
  const ia = sa[nd - 1];
  const ib = sb[nd - 1];
  const idx = new Array<number>(nd).fill(0);
  let pa = oa;
  let pb = ob;
  for (let o = 0; o < n; o += len) {
    inner(pa, pb, o, len, ia, ib);
    for (let d = nd - 2; d >= 0; d--) {
      idx[d]++;
      pa += sa[d];
      pb += sb[d];
      if (idx[d] < shape[d]) break;
      pa -= sa[d] * shape[d];
      pb -= sb[d] * shape[d];
      idx[d] = 0;
    }
  }
}

/** Copies a strided view into contiguous `out` (converting through the typed array's own coercion). */
export function copyToContiguous(src: StridedView, out: Storage, cast?: (v: number) => number): Storage {
  const d = src._data;
  if (out.length === 1) {
    out[0] = cast ? cast(d[src._offset]) : d[src._offset];
    return out;
  }
  if (!cast && isContiguous(src._shape, src._strides)) {
    const n = out.length;
    if (d.constructor === out.constructor) (out as Float64Array).set((d as Float64Array).subarray(src._offset, src._offset + n));
    else for (let i = 0; i < n; i++) out[i] = d[src._offset + i];
    return out;
  }
  forEach2(src._shape, src._strides, src._offset, src._strides, 0, (pa, _pb, o, len, ia) => {
    if (cast) for (let i = 0; i < len; i++) out[o + i] = cast(d[pa + i * ia]);
    else for (let i = 0; i < len; i++) out[o + i] = d[pa + i * ia];
  });
  return out;
}

/** Writes contiguous `values` (or a broadcast strided view) into a strided destination, in place. */
export function copyInto(dst: StridedView, src: StridedView, cast?: (v: number) => number): void {
  const out = dst._data;
  const s = src._data;
  forEach2(dst._shape, dst._strides, dst._offset, src._strides, src._offset, (pa, pb, _o, len, ia, ib) => {
    if (cast) for (let i = 0; i < len; i++) out[pa + i * ia] = cast(s[pb + i * ib]);
    else for (let i = 0; i < len; i++) out[pa + i * ia] = s[pb + i * ib];
  });
}

export type Binary = (a: number, b: number) => number;
export type Unary = (a: number) => number;

/** out[i] = f(a[i], b[i]) over operands already broadcast to `shape` (strides 0 on broadcast dims). */
export function binary(
  f: Binary, out: Storage, shape: readonly number[],
  a: Storage, sa: readonly number[], oa: number,
  b: Storage, sb: readonly number[], ob: number,
): Storage {
  if (out.length === 1 && shape.length <= 1) {
    out[0] = f(a[oa], b[ob]);
    return out;
  }
  if (P.binary !== null && P.binary(f, out, shape, a, sa, oa, b, sb, ob)) return out; // worker threads (parallel_ts.ts)
  forEach2(shape, sa, oa, sb, ob, (pa, pb, o, len, ia, ib) => {
    if (ia === 1 && ib === 1) for (let i = 0; i < len; i++) out[o + i] = f(a[pa + i], b[pb + i]);
    else if (ib === 0) {
      const bv = b[pb];
      for (let i = 0; i < len; i++) out[o + i] = f(a[pa + i * ia], bv);
    } else for (let i = 0; i < len; i++) out[o + i] = f(a[pa + i * ia], b[pb + i * ib]);
  });
  return out;
}

/** In place: a[i] = f(a[i], b[i]) over a strided destination and a broadcast source. */
export function binaryInPlace(
  f: Binary, shape: readonly number[],
  a: Storage, sa: readonly number[], oa: number,
  b: Storage, sb: readonly number[], ob: number,
): void {
  if (shape.length === 0) {
    a[oa] = f(a[oa], b[ob]);
    return;
  }
  forEach2(shape, sa, oa, sb, ob, (pa, pb, _o, len, ia, ib) => {
    for (let i = 0; i < len; i++) a[pa + i * ia] = f(a[pa + i * ia], b[pb + i * ib]);
  });
}

/** out[i] = f(x[i]) */
export function unary(f: Unary, out: Storage, x: StridedView): Storage {
  const d = x._data;
  if (out.length === 1 && x._shape.length <= 1) {
    out[0] = f(d[x._offset]);
    return out;
  }
  if (P.unary !== null && P.unary(f, out, x)) return out; // worker threads (parallel_ts.ts)
  if (isContiguous(x._shape, x._strides)) {
    const off = x._offset;
    for (let i = 0; i < out.length; i++) out[i] = f(d[off + i]);
    return out;
  }
  forEach2(x._shape, x._strides, x._offset, x._strides, 0, (pa, _pb, o, len, ia) => {
    for (let i = 0; i < len; i++) out[o + i] = f(d[pa + i * ia]);
  });
  return out;
}

/** Fills a strided destination with one value. */
export function fill(dst: StridedView, value: number): void {
  const out = dst._data;
  if (isContiguous(dst._shape, dst._strides)) {
    out.fill(value, dst._offset, dst._offset + numel(dst._shape));
    return;
  }
  forEach2(dst._shape, dst._strides, dst._offset, dst._strides, 0, (pa, _pb, _o, len, ia) => {
    for (let i = 0; i < len; i++) out[pa + i * ia] = value;
  });
}

/** How a reduction folds values: start value, step, and the final mapping (count = elements folded). */
export interface Reducer {
  init: number;
  step: (acc: number, v: number, i: number) => number;
  finish?: (acc: number, count: number) => number;
}

/**
 * Reduces `x` over `dims` (sorted, unique). The output is contiguous with the reduced dims
 * removed; `index` reducers (argmax) get the position along the flattened reduced dims.
 * Accumulates in float64: floating-point sums that must round like PyTorch's go through `sum` below.
 */
export function reduce(x: StridedView, dims: readonly number[], r: Reducer, out: Storage): Storage {
  const nd = x._shape.length;
  const reduced = new Array<boolean>(nd).fill(false);
  for (const d of dims) reduced[d] = true;
  const keptShape: number[] = [];
  const keptStrides: number[] = [];
  const redShape: number[] = [];
  const redStrides: number[] = [];
  for (let i = 0; i < nd; i++) {
    if (reduced[i]) {
      redShape.push(x._shape[i]);
      redStrides.push(x._strides[i]);
    } else {
      keptShape.push(x._shape[i]);
      keptStrides.push(x._strides[i]);
    }
  }
  const count = numel(redShape);
  const data = x._data;
  const { init, step, finish } = r;
  // Fast path: the whole contiguous tensor folds into one value.
  if (keptShape.length === 0 && isContiguous(x._shape, x._strides)) {
    let acc = init;
    const off = x._offset;
    for (let i = 0; i < count; i++) acc = step(acc, data[off + i], i);
    out[0] = finish ? finish(acc, count) : acc;
    return out;
  }
  const accs = new Float64Array(out.length).fill(init);
  const counters = new Array<number>(out.length).fill(0);
  forEach2(keptShape, keptStrides, x._offset, keptStrides, 0, (pa, _pb, o, len, ia) => {
    for (let k = 0; k < len; k++) {
      const base = pa + k * ia;
      let acc = accs[o + k];
      let i = counters[o + k];
      forEach2(redShape, redStrides, base, redStrides, 0, (qa, _qb, _q, rlen, ra) => {
        for (let j = 0; j < rlen; j++) acc = step(acc, data[qa + j * ra], i++);
      });
      accs[o + k] = acc;
      counters[o + k] = i;
    }
  });
  for (let i = 0; i < out.length; i++) out[i] = finish ? finish(accs[i], count) : accs[i];
  return out;
}

// ---- Floating-point sums in PyTorch's order -------------------------------------------------------
//
// PyTorch's CPU sum (aten/src/ATen/native/cpu/SumKernel.cpp, cascade_sum; the same in 1.13 and 2.x)
// accumulates float32 in float32 and float64 in float64, in an order fixed by the AVX2 kernels: sums over
// a contiguous run go through 8 float32 (4 float64) vector lanes, four interleaved partial sums
// ("ilp") and a four-level cascade that adds blocks of 16 or more terms before folding them into the
// next level. The functions below replay that order exactly on one thread (torch.get_num_threads() == 1;
// with more threads PyTorch splits sums of 32768+ elements between them). Typed-array accumulators
// do the rounding: storing a double sum of two float32 values into a Float32Array is the float32 add.

export type FloatStorage = Float32Array | Float64Array;

/** utils::CeilLog2 */
function ceilLog2(x: number): number {
  return x <= 2 ? 1 : 32 - Math.clz32(x - 1);
}

/** Slots: four cascade levels × at most 32 columns, then one scalar accumulator. */
const ACC_LEVELS = 4;
const ACC_COLS = 32;
const FINAL = ACC_LEVELS * ACC_COLS;
const acc32 = new Float32Array(FINAL + 1);
const acc64 = new Float64Array(FINAL + 1);

/**
 * multi_row_sum: sums `size` rows at once, each row holding `nrows` groups of `lanes` adjacent
 * elements (group k of row i starts at base + i*rowStride + k*colStride). Column c = k*lanes + l ends
 * in acc[c]. Every 2^power rows level 0 is added into level 1, and so on up the cascade.
 */
function multiRowSum(
  d: Storage, base: number, rowStride: number, colStride: number, nrows: number, lanes: number, size: number, acc: FloatStorage,
): void {
  const cols = nrows * lanes;
  acc.fill(0, 0, ACC_LEVELS * cols);
  const power = Math.max(4, Math.floor(ceilLog2(size) / ACC_LEVELS));
  const step = 2 ** power;
  const mask = step - 1;
  let i = 0;
  while (i + step <= size) {
    for (let r = 0; r < step; r++, i++) addRow(d, base + i * rowStride, colStride, nrows, lanes, acc);
    for (let level = 1; level < ACC_LEVELS; level++) {
      const lo = (level - 1) * cols;
      const hi = level * cols;
      for (let c = 0; c < cols; c++) {
        acc[hi + c] += acc[lo + c];
        acc[lo + c] = 0;
      }
      if ((i & (mask << (level * power))) !== 0) break;
    }
  }
  for (; i < size; i++) addRow(d, base + i * rowStride, colStride, nrows, lanes, acc);
  for (let level = 1; level < ACC_LEVELS; level++) {
    const hi = level * cols;
    for (let c = 0; c < cols; c++) acc[c] += acc[hi + c];
  }
}

function addRow(d: Storage, p: number, colStride: number, nrows: number, lanes: number, acc: FloatStorage): void {
  if (colStride === lanes) {
    const cols = nrows * lanes;
    for (let c = 0; c < cols; c++) acc[c] += d[p + c];
    return;
  }
  for (let k = 0, c = 0; k < nrows; k++, p += colStride) for (let l = 0; l < lanes; l++, c++) acc[c] += d[p + l];
}

/**
 * row_sum: `size` elements (each `lanes` adjacent values) `stride` apart, as four interleaved
 * partial sums (multi_row_sum over rows of four), the leftover elements added to the first, then
 * the other three added to it. The per-lane results end in acc[0 .. lanes).
 */
function rowSum(d: Storage, base: number, stride: number, size: number, lanes: number, acc: FloatStorage): void {
  const sizeIlp = Math.floor(size / 4);
  multiRowSum(d, base, stride * 4, stride, 4, lanes, sizeIlp, acc);
  for (let i = sizeIlp * 4; i < size; i++) {
    const p = base + i * stride;
    for (let l = 0; l < lanes; l++) acc[l] += d[p + l];
  }
  for (let k = 1; k < 4; k++) for (let l = 0; l < lanes; l++) acc[l] += acc[k * lanes + l];
}

/**
 * cascade_sum's 2-D loop body: adds into `out` the sums of the (size0 × size1) block of `d` at `pi`
 * whose strides are (is0, is1), the output's strides being (os0, os1) (0 on a reduced dimension).
 */
export function sumLoop2d(
  d: Storage, pi: number, is0: number, is1: number, size0: number, size1: number,
  out: FloatStorage, po: number, os0: number, os1: number, W: number, acc: FloatStorage,
): void {
  // Move the reduction to be the first dimension.
  if (os0 !== 0 && os1 === 0) {
    const [i, o, n] = [is0, os0, size0];
    [is0, os0, size0] = [is1, os1, size1];
    [is1, os1, size1] = [i, o, n];
  }
  if (os0 !== 0 && os1 !== 0) {
    // Not a true reduction: out += in elementwise.
    for (let j = 0; j < size1; j++) for (let i = 0; i < size0; i++) out[po + j * os1 + i * os0] += d[pi + j * is1 + i * is0];
    return;
  }
  if (is0 === 1 && size0 >= W) {
    // vectorized_inner_sum: each row through W lanes; the leftover tail, then the lanes, summed in order.
    const vecSize = Math.floor(size0 / W);
    for (let j = 0; j < size1; j++) {
      const row = pi + j * is1;
      rowSum(d, row, W, vecSize, W, acc);
      acc[FINAL] = 0;
      for (let k = vecSize * W; k < size0; k++) acc[FINAL] += d[row + k];
      for (let l = 0; l < W; l++) acc[FINAL] += acc[l];
      out[po + j * os1] += acc[FINAL];
    }
  } else if (is1 === 1 && size1 >= W) {
    // vectorized_outer_sum: 4W columns at a time (plain cascade per column), then W at a time
    // (row_sum per lane), then one at a time.
    let j = 0;
    for (; j + 4 * W <= size1; j += 4 * W) {
      multiRowSum(d, pi + j, is0, W, 4, W, size0, acc);
      for (let c = 0; c < 4 * W; c++) out[po + (j + c) * os1] += acc[c];
    }
    for (; j + W <= size1; j += W) {
      rowSum(d, pi + j, is0, size0, W, acc);
      for (let l = 0; l < W; l++) out[po + (j + l) * os1] += acc[l];
    }
    for (; j < size1; j++) {
      rowSum(d, pi + j, is0, size0, 1, acc);
      out[po + j * os1] += acc[0];
    }
  } else if (is0 < is1) {
    // scalar_inner_sum
    for (let j = 0; j < size1; j++) {
      rowSum(d, pi + j * is1, is0, size0, 1, acc);
      out[po + j * os1] += acc[0];
    }
  } else {
    // scalar_outer_sum: four columns at a time, then one at a time.
    let j = 0;
    for (; j + 3 < size1; j += 4) {
      multiRowSum(d, pi + j * is1, is0, is1, 4, 1, size0, acc);
      for (let c = 0; c < 4; c++) out[po + (j + c) * os1] += acc[c];
    }
    for (; j < size1; j++) {
      rowSum(d, pi + j * is1, is0, size0, 1, acc);
      out[po + j * os1] += acc[0];
    }
  }
}

/**
 * torch.sum of a float32 or float64 tensor over `dims` (sorted, unique), into zero-filled contiguous
 * `out` of the same dtype, in PyTorch's order. The dimensions are laid out the way TensorIterator does
 * for a reduction (reorder_dimensions: reduced dims first, then by increasing stride; then
 * coalesce_dimensions), the first two are handed to cascade_sum's loop and the rest iterated outside it.
 */
/** cascade_sum's 2-D loop body (sumLoop2d's signature): another backend may run some of the blocks itself. */
export type SumLoop2d = typeof sumLoop2d;

export function sum(x: StridedView, dims: readonly number[], keepdim: boolean, out: FloatStorage, loop2d: SumLoop2d = sumLoop2d): FloatStorage {
  const shape = x._shape;
  const nd = shape.length;
  if (numel(shape) === 0) return out;
  if (P.sum !== null && loop2d === sumLoop2d && P.sum(x, dims, out)) return out; // independent rows on worker threads (parallel_ts.ts)
  const reduced = new Array<boolean>(nd).fill(false);
  for (const dd of dims) reduced[dd] = true;
  // The result's strides as TensorIterator sees them: contiguous over the keepdim shape, 0 on reduced
  // dims (kept only for a size-1 reduced dim with keepdim, where the result itself has that stride).
  const ostr = new Array<number>(nd);
  for (let i = nd - 1, s = 1; i >= 0; i--) {
    const size = reduced[i] ? 1 : shape[i];
    ostr[i] = reduced[i] && (!keepdim || shape[i] !== 1) ? 0 : s;
    s *= Math.max(size, 1);
  }
  const istr = x._strides;
  // reorder_dimensions: an insertion sort tolerant of ambiguous comparisons, fastest dim first.
  const perm: number[] = [];
  for (let i = nd - 1; i >= 0; i--) perm.push(i);
  // For one operand: 0 when a stride is 0 (broadcast) or the strides and sizes leave the order open.
  const byStride = (s0: number, s1: number, d0: number, d1: number): number =>
    s0 === 0 || s1 === 0 ? 0 : s0 < s1 ? -1 : s0 > s1 ? 1 : shape[d0] > shape[d1] ? 1 : 0;
  const shouldSwap = (d0: number, d1: number): number => {
    // operand 0, the output, puts the reduced dims first; then the output's strides, then the input's
    if ((ostr[d0] === 0) !== (ostr[d1] === 0)) return ostr[d1] === 0 ? 1 : -1;
    return byStride(ostr[d0], ostr[d1], d0, d1) || byStride(istr[d0], istr[d1], d0, d1);
  };
  reorderDimensions(perm, shouldSwap);
  const sh = perm.map((p) => shape[p]);
  const os = perm.map((p) => ostr[p]);
  const is = perm.map((p) => istr[p]);
  // coalesce_dimensions
  let prev = 0;
  for (let dd = 1; dd < nd; dd++) {
    const canCoalesce = sh[prev] === 1 || sh[dd] === 1 || (sh[prev] * os[prev] === os[dd] && sh[prev] * is[prev] === is[dd]);
    if (canCoalesce) {
      if (sh[prev] === 1) {
        os[prev] = os[dd];
        is[prev] = is[dd];
      }
      sh[prev] *= sh[dd];
    } else {
      prev++;
      if (prev !== dd) {
        os[prev] = os[dd];
        is[prev] = is[dd];
        sh[prev] = sh[dd];
      }
    }
  }
  const cd = nd === 0 ? 0 : prev + 1;
  const W = out instanceof Float32Array ? 8 : 4;
  const acc = out instanceof Float32Array ? acc32 : acc64;
  const data = x._data;
  const size0 = cd > 0 ? sh[0] : 1;
  const size1 = cd > 1 ? sh[1] : 1;
  const [is0, is1, os0, os1] = [cd > 0 ? is[0] : 0, cd > 1 ? is[1] : 0, cd > 0 ? os[0] : 0, cd > 1 ? os[1] : 0];
  // serial_for_each: the 2-D loop for each index of the dims above the first two, the third fastest.
  const idx = new Array<number>(cd).fill(0);
  let pi = x._offset;
  let po = 0;
  for (;;) {
    loop2d(data, pi, is0, is1, size0, size1, out, po, os0, os1, W, acc);
    let dd = 2;
    for (; dd < cd; dd++) {
      idx[dd]++;
      pi += is[dd];
      po += os[dd];
      if (idx[dd] < sh[dd]) break;
      pi -= is[dd] * sh[dd];
      po -= os[dd] * sh[dd];
      idx[dd] = 0;
    }
    if (dd >= cd) return out;
  }
}

/**
 * Batched matrix product: out[b] = a[b] (m×k) · bm[b] (k×n), operands strided.
 *
 * Every product PyTorch 1.13 and 2.x compute on the CPU for mm, mv, dot, bmm and matmul (reference
 * BLAS sgemm/sgemv/sdot and ATen's own small-bmm and gemv loops, none of them fused-multiply-add) comes
 * down to the same order for each output element: starting from +0, add the rounded products
 * a[i][p]·b[p][j] for p = 0, 1, …, k-1, rounding after every step. Float32 results are rounded after
 * each product and each addition, float64 ones are plain double arithmetic.
 */
export function matmul(
  a: StridedView, b: StridedView, out: Storage, batch: number, m: number, k: number, n: number,
  aBatchStride: number, bBatchStride: number,
): Storage {
  if (P.matmul !== null && P.matmul(a, b, out, batch, m, k, n, aBatchStride, bBatchStride)) return out; // rows on worker threads (parallel_ts.ts)
  const ad = a._data;
  const bd = b._data;
  const [asr, asc] = [a._strides[a._strides.length - 2], a._strides[a._strides.length - 1]];
  const [bsr, bsc] = [b._strides[b._strides.length - 2], b._strides[b._strides.length - 1]];
  const f32 = out instanceof Float32Array;
  // A Float32Array row rounds every sum it stores; the products are rounded by Math.fround.
  const row = f32 ? new Float32Array(n) : new Float64Array(n);
  const fround = Math.fround;
  for (let t = 0; t < batch; t++) {
    const ao = a._offset + t * aBatchStride;
    const bo = b._offset + t * bBatchStride;
    for (let i = 0; i < m; i++) {
      row.fill(0);
      for (let p = 0; p < k; p++) {
        const av = ad[ao + i * asr + p * asc];
        const bRow = bo + p * bsr;
        if (f32) for (let j = 0; j < n; j++) row[j] += fround(av * bd[bRow + j * bsc]);
        else for (let j = 0; j < n; j++) row[j] += av * bd[bRow + j * bsc];
      }
      const base = (t * m + i) * n;
      for (let j = 0; j < n; j++) out[base + j] = row[j];
    }
  }
  return out;
}
