// Reductions. The sums replay PyTorch's CPU cascade_sum order exactly (see sum() in
// src/backend/cpu.ts, which this mirrors): a Vectorized<T> there is W = 8 f32 or 4 f64 lanes, two v128
// here either way, and the four interleaved partial sums make a "row" of eight v128 (32 f32 or 16 f64).
import { scratch } from "./scratch";

const LEVELS = 4;

@inline function ceilLog2(x: i32): i32 {
  return x <= 2 ? 1 : 32 - clz<i32>(x - 1);
}

// The cascade's accumulators, LEVELS × 8 v128 (`acc` below), are the first 512 bytes of the instance's
// scratch block (see scratch.ts; no static data, so instances on other threads can sum at the same time);
// scalarRowSum's LEVELS × 4 values of up to 8 bytes follow.
const SCALAR_ACC: usize = LEVELS * 8 * 16;

/**
 * multi_row_sum with four groups of W lanes: `size` rows, row i at base + i·rowStride bytes, group k of
 * it at + k·colStride bytes (W lanes = 32 bytes each). Results (4W columns) in acc[0 .. 8).
 */
@inline function multiRowSum<T>(acc: usize, base: usize, rowStride: usize, colStride: usize, size: i32): void {
  const z = v128.splat<T>(0);
  for (let i = 0; i < LEVELS * 8; i++) v128.store(acc + <usize>i * 16, z);
  const power = max<i32>(4, ceilLog2(size) / LEVELS);
  const step = 1 << power;
  const mask = step - 1;
  let i = 0;
  let a0 = z, a1 = z, a2 = z, a3 = z, a4 = z, a5 = z, a6 = z, a7 = z;
  let p = base;
  const c1 = colStride, c2 = colStride << 1, c3 = colStride * <usize>3;
  while (i + step <= size) {
    for (let r = 0; r < step; r++) {
      a0 = v128.add<T>(a0, v128.load(p)); a1 = v128.add<T>(a1, v128.load(p, 16));
      a2 = v128.add<T>(a2, v128.load(p + c1)); a3 = v128.add<T>(a3, v128.load(p + c1, 16));
      a4 = v128.add<T>(a4, v128.load(p + c2)); a5 = v128.add<T>(a5, v128.load(p + c2, 16));
      a6 = v128.add<T>(a6, v128.load(p + c3)); a7 = v128.add<T>(a7, v128.load(p + c3, 16));
      p += rowStride;
    }
    i += step;
    // level 0 into level 1, and up the cascade while the index is a multiple of the level's block
    const l1 = acc + 8 * 16;
    v128.store(l1, v128.add<T>(v128.load(l1), a0)); v128.store(l1, v128.add<T>(v128.load(l1, 16), a1), 16);
    v128.store(l1, v128.add<T>(v128.load(l1, 32), a2), 32); v128.store(l1, v128.add<T>(v128.load(l1, 48), a3), 48);
    v128.store(l1, v128.add<T>(v128.load(l1, 64), a4), 64); v128.store(l1, v128.add<T>(v128.load(l1, 80), a5), 80);
    v128.store(l1, v128.add<T>(v128.load(l1, 96), a6), 96); v128.store(l1, v128.add<T>(v128.load(l1, 112), a7), 112);
    a0 = z; a1 = z; a2 = z; a3 = z; a4 = z; a5 = z; a6 = z; a7 = z;
    if ((i & (mask << power)) == 0) {
      for (let level = 2; level < LEVELS; level++) {
        const lo = acc + <usize>(level - 1) * 128;
        const hi = acc + <usize>level * 128;
        for (let c = 0; c < 128; c += 16) {
          v128.store(hi + c, v128.add<T>(v128.load(hi + c), v128.load(lo + c)));
          v128.store(lo + c, z);
        }
        if ((i & (mask << (level * power))) != 0) break;
      }
    }
  }
  for (; i < size; i++) {
    a0 = v128.add<T>(a0, v128.load(p)); a1 = v128.add<T>(a1, v128.load(p, 16));
    a2 = v128.add<T>(a2, v128.load(p + c1)); a3 = v128.add<T>(a3, v128.load(p + c1, 16));
    a4 = v128.add<T>(a4, v128.load(p + c2)); a5 = v128.add<T>(a5, v128.load(p + c2, 16));
    a6 = v128.add<T>(a6, v128.load(p + c3)); a7 = v128.add<T>(a7, v128.load(p + c3, 16));
    p += rowStride;
  }
  for (let level = 1; level < LEVELS; level++) {
    const hi = acc + <usize>level * 128;
    a0 = v128.add<T>(a0, v128.load(hi)); a1 = v128.add<T>(a1, v128.load(hi, 16));
    a2 = v128.add<T>(a2, v128.load(hi, 32)); a3 = v128.add<T>(a3, v128.load(hi, 48));
    a4 = v128.add<T>(a4, v128.load(hi, 64)); a5 = v128.add<T>(a5, v128.load(hi, 80));
    a6 = v128.add<T>(a6, v128.load(hi, 96)); a7 = v128.add<T>(a7, v128.load(hi, 112));
  }
  v128.store(acc, a0); v128.store(acc, a1, 16); v128.store(acc, a2, 32); v128.store(acc, a3, 48);
  v128.store(acc, a4, 64); v128.store(acc, a5, 80); v128.store(acc, a6, 96); v128.store(acc, a7, 112);
}

/**
 * row_sum with W lanes: `size` vectors `stride` bytes apart as four interleaved partial sums, the
 * leftovers added to the first, then the other three; the W lane sums end in acc[0 .. 2).
 */
@inline function rowSum<T>(acc: usize, base: usize, stride: usize, size: i32): void {
  const sizeIlp = size / 4;
  multiRowSum<T>(acc, base, stride << 2, stride, sizeIlp);
  let a0 = v128.load(acc);
  let a1 = v128.load(acc, 16);
  for (let i = sizeIlp * 4; i < size; i++) {
    const p = base + <usize>i * stride;
    a0 = v128.add<T>(a0, v128.load(p));
    a1 = v128.add<T>(a1, v128.load(p, 16));
  }
  a0 = v128.add<T>(a0, v128.load(acc, 32)); a1 = v128.add<T>(a1, v128.load(acc, 48));
  a0 = v128.add<T>(a0, v128.load(acc, 64)); a1 = v128.add<T>(a1, v128.load(acc, 80));
  a0 = v128.add<T>(a0, v128.load(acc, 96)); a1 = v128.add<T>(a1, v128.load(acc, 112));
  v128.store(acc, a0);
  v128.store(acc, a1, 16);
}

/**
 * cascade_sum's vectorized_inner_sum: for j < size1, out[j·os1] += the sum of the contiguous row of
 * size0 (>= W) elements at in + j·is1 (strides in elements).
 */
function innerSum<T>(inp: usize, is1: i32, size0: i32, size1: i32, out: usize, os1: i32): void {
  const S = sizeof<T>();
  const W = 32 / <i32>sizeof<T>();
  const vecSize = size0 / W;
  const acc = scratch();
  for (let j = 0; j < size1; j++) {
    const row = inp + <usize>j * is1 * S;
    rowSum<T>(acc, row, 32, vecSize);
    let fin: T = 0;
    for (let k = vecSize * W; k < size0; k++) fin += load<T>(row + <usize>k * S);
    for (let l = 0; l < W; l++) fin += load<T>(acc + <usize>l * S);
    const o = out + <usize>j * os1 * S;
    store<T>(o, load<T>(o) + fin);
  }
}

/**
 * cascade_sum's vectorized_outer_sum: column sums over size0 rows is0 elements apart, columns
 * contiguous (size1 >= W): 4W columns at a time, then W, then one at a time (scalar row_sum).
 */
function outerSum<T>(inp: usize, is0: i32, size0: i32, size1: i32, out: usize, os1: i32): void {
  const S = sizeof<T>();
  const W = 32 / <i32>sizeof<T>();
  const rs = <usize>is0 * S;
  const acc = scratch();
  let j = 0;
  for (; j + 4 * W <= size1; j += 4 * W) {
    multiRowSum<T>(acc, inp + <usize>j * S, rs, 32, size0);
    for (let c = 0; c < 4 * W; c++) {
      const o = out + <usize>(j + c) * os1 * S;
      store<T>(o, load<T>(o) + load<T>(acc + <usize>c * S));
    }
  }
  for (; j + W <= size1; j += W) {
    rowSum<T>(acc, inp + <usize>j * S, rs, size0);
    for (let l = 0; l < W; l++) {
      const o = out + <usize>(j + l) * os1 * S;
      store<T>(o, load<T>(o) + load<T>(acc + <usize>l * S));
    }
  }
  for (; j < size1; j++) {
    const o = out + <usize>j * os1 * S;
    store<T>(o, load<T>(o) + scalarRowSum<T>(acc + SCALAR_ACC, inp + <usize>j * S, rs, size0));
  }
}

/** row_sum with one lane (scalar multi_row_sum over four interleaved sums). */
function scalarRowSum<T>(acc: usize, base: usize, stride: usize, size: i32): T {
  const sizeIlp = size / 4;
  // multi_row_sum, nrows = 4, lanes = 1; acc: LEVELS × 4 values
  const S = sizeof<T>();
  for (let c = 0; c < LEVELS * 4; c++) store<T>(acc + <usize>c * S, 0);
  const power = max<i32>(4, ceilLog2(sizeIlp) / LEVELS);
  const step = 1 << power;
  const mask = step - 1;
  let i = 0;
  const rowStride = stride << 2;
  while (i + step <= sizeIlp) {
    for (let r = 0; r < step; r++, i++) {
      const p = base + <usize>i * rowStride;
      for (let k = 0; k < 4; k++) store<T>(acc + <usize>k * S, load<T>(acc + <usize>k * S) + load<T>(p + <usize>k * stride));
    }
    for (let level = 1; level < LEVELS; level++) {
      for (let c = 0; c < 4; c++) {
        const hi = acc + <usize>(level * 4 + c) * S;
        const lo = acc + <usize>((level - 1) * 4 + c) * S;
        store<T>(hi, load<T>(hi) + load<T>(lo));
        store<T>(lo, 0);
      }
      if ((i & (mask << (level * power))) != 0) break;
    }
  }
  for (; i < sizeIlp; i++) {
    const p = base + <usize>i * rowStride;
    for (let k = 0; k < 4; k++) store<T>(acc + <usize>k * S, load<T>(acc + <usize>k * S) + load<T>(p + <usize>k * stride));
  }
  for (let level = 1; level < LEVELS; level++)
    for (let c = 0; c < 4; c++) store<T>(acc + <usize>c * S, load<T>(acc + <usize>c * S) + load<T>(acc + <usize>(level * 4 + c) * S));
  let a0 = load<T>(acc);
  for (let k = sizeIlp * 4; k < size; k++) a0 += load<T>(base + <usize>k * stride);
  for (let k = 1; k < 4; k++) a0 += load<T>(acc + <usize>k * S);
  return a0;
}

export function innerSumF32(inp: usize, is1: i32, size0: i32, size1: i32, out: usize, os1: i32): void {
  innerSum<f32>(inp, is1, size0, size1, out, os1);
}
export function innerSumF64(inp: usize, is1: i32, size0: i32, size1: i32, out: usize, os1: i32): void {
  innerSum<f64>(inp, is1, size0, size1, out, os1);
}
export function outerSumF32(inp: usize, is0: i32, size0: i32, size1: i32, out: usize, os1: i32): void {
  outerSum<f32>(inp, is0, size0, size1, out, os1);
}
export function outerSumF64(inp: usize, is0: i32, size0: i32, size1: i32, out: usize, os1: i32): void {
  outerSum<f64>(inp, is0, size0, size1, out, os1);
}

/** max (isMax) or min of n contiguous values, NaN if any is NaN; n >= 1. */
function extremum<T>(inp: usize, n: i32, isMax: bool): T {
  const S = sizeof<T>();
  const L = 16 / <i32>sizeof<T>();
  let i = 0;
  let r: T = load<T>(inp);
  if (n >= 4 * L) {
    let m0 = v128.load(inp), m1 = v128.load(inp, 16), m2 = v128.load(inp, 32), m3 = v128.load(inp, 48);
    for (i = 4 * L; i + 4 * L <= n; i += 4 * L) {
      const p = inp + <usize>i * S;
      if (isMax) {
        m0 = v128.max<T>(m0, v128.load(p)); m1 = v128.max<T>(m1, v128.load(p, 16));
        m2 = v128.max<T>(m2, v128.load(p, 32)); m3 = v128.max<T>(m3, v128.load(p, 48));
      } else {
        m0 = v128.min<T>(m0, v128.load(p)); m1 = v128.min<T>(m1, v128.load(p, 16));
        m2 = v128.min<T>(m2, v128.load(p, 32)); m3 = v128.min<T>(m3, v128.load(p, 48));
      }
    }
    const m = isMax ? v128.max<T>(v128.max<T>(m0, m1), v128.max<T>(m2, m3)) : v128.min<T>(v128.min<T>(m0, m1), v128.min<T>(m2, m3));
    r = v128.extract_lane<T>(m, 0);
    r = pick<T>(r, v128.extract_lane<T>(m, 1), isMax);
    if (L == 4) {
      r = pick<T>(r, v128.extract_lane<T>(m, 2), isMax);
      r = pick<T>(r, v128.extract_lane<T>(m, 3), isMax);
    }
  }
  for (; i < n; i++) r = pick<T>(r, load<T>(inp + <usize>i * S), isMax);
  return r;
}

/** max (isMax) or min of r and v, NaN if either is */
@inline function pick<T>(r: T, v: T, isMax: bool): T {
  return v != v || r != r ? <T>NaN : isMax ? max<T>(r, v) : min<T>(r, v);
}

export function maxF32(inp: usize, n: i32): f32 {
  return extremum<f32>(inp, n, true);
}
export function maxF64(inp: usize, n: i32): f64 {
  return extremum<f64>(inp, n, true);
}
export function minF32(inp: usize, n: i32): f32 {
  return extremum<f32>(inp, n, false);
}
export function minF64(inp: usize, n: i32): f64 {
  return extremum<f64>(inp, n, false);
}
