// The pure-TypeScript kernels: strided loops over typed arrays. Every op reaches storage through
// these few functions, so another backend (WebAssembly SIMD, GPU) can replace them one by one.
import type { Storage } from "../tensor/dtype.js";
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

/**
 * Batched matrix product on contiguous operands: out[b] = a[b] (m×k) · bm[b] (k×n).
 * Accumulates in float64 rows, then stores into `out`'s own precision.
 */
export function matmul(
  a: StridedView, b: StridedView, out: Storage, batch: number, m: number, k: number, n: number,
  aBatchStride: number, bBatchStride: number,
): Storage {
  const ad = a._data;
  const bd = b._data;
  const [asr, asc] = [a._strides[a._strides.length - 2], a._strides[a._strides.length - 1]];
  const [bsr, bsc] = [b._strides[b._strides.length - 2], b._strides[b._strides.length - 1]];
  const row = new Float64Array(n);
  for (let t = 0; t < batch; t++) {
    const ao = a._offset + t * aBatchStride;
    const bo = b._offset + t * bBatchStride;
    for (let i = 0; i < m; i++) {
      row.fill(0);
      for (let p = 0; p < k; p++) {
        const av = ad[ao + i * asr + p * asc];
        const bRow = bo + p * bsr;
        if (bsc === 1) for (let j = 0; j < n; j++) row[j] += av * bd[bRow + j];
        else for (let j = 0; j < n; j++) row[j] += av * bd[bRow + j * bsc];
      }
      const base = (t * m + i) * n;
      for (let j = 0; j < n; j++) out[base + j] = row[j];
    }
  }
  return out;
}
