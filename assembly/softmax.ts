// softmax / log_softmax over the last dimension of a contiguous rows × cols block: max-shifted,
// f32 rows through the four-lane exp (sums in f32 lanes), f64 rows through scalar Math.exp.
import { exp4, loadPartial4, log4, storePartial4 } from "./vmath";

function rowMaxF32(x: usize, n: i32): f32 {
  let m: f32 = -Infinity;
  let i = 0;
  if (n >= 4) {
    let v = v128.load(x);
    for (i = 4; i + 4 <= n; i += 4) v = f32x4.max(v, v128.load(x + <usize>i * 4)); // NaN propagates
    m = max(max(f32x4.extract_lane(v, 0), f32x4.extract_lane(v, 1)), max(f32x4.extract_lane(v, 2), f32x4.extract_lane(v, 3)));
    if (isNaN(f32x4.extract_lane(v, 0)) || isNaN(f32x4.extract_lane(v, 1)) || isNaN(f32x4.extract_lane(v, 2)) || isNaN(f32x4.extract_lane(v, 3))) return NaN;
  }
  for (; i < n; i++) {
    const v = load<f32>(x + <usize>i * 4);
    if (v != v) return NaN;
    if (v > m) m = v;
  }
  return m;
}

export function softmaxF32(rows: i32, n: i32, x: usize, out: usize, log: bool): void {
  for (let r = 0; r < rows; r++) {
    const xr = x + <usize>r * n * 4;
    const or = out + <usize>r * n * 4;
    const m = f32x4.splat(rowMaxF32(xr, n));
    // exp(x - max), kept in out for softmax; its sum (the padded lanes of the tail give exp(-inf) = 0)
    let s = f32x4.splat(0);
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const e = exp4(f32x4.sub(v128.load(xr + <usize>i * 4), m));
      if (!log) v128.store(or + <usize>i * 4, e);
      s = f32x4.add(s, e);
    }
    if (i < n) {
      const e = exp4(f32x4.sub(loadPartial4(xr + <usize>i * 4, n - i, f32x4.splat(-Infinity)), m));
      s = f32x4.add(s, e);
      if (!log) storePartial4(or + <usize>i * 4, e, n - i);
    }
    const sum = (f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 1)) + (f32x4.extract_lane(s, 2) + f32x4.extract_lane(s, 3));
    if (log) {
      // (x - max) - log(sum)
      const lse = log4(f32x4.splat(sum));
      let k = 0;
      for (; k + 4 <= n; k += 4) v128.store(or + <usize>k * 4, f32x4.sub(f32x4.sub(v128.load(xr + <usize>k * 4), m), lse));
      const ms = f32x4.extract_lane(m, 0);
      const ls = f32x4.extract_lane(lse, 0);
      for (; k < n; k++) store<f32>(or + <usize>k * 4, load<f32>(xr + <usize>k * 4) - ms - ls);
    } else {
      const inv = f32x4.splat(sum);
      let k = 0;
      for (; k + 4 <= n; k += 4) v128.store(or + <usize>k * 4, f32x4.div(v128.load(or + <usize>k * 4), inv));
      for (; k < n; k++) store<f32>(or + <usize>k * 4, load<f32>(or + <usize>k * 4) / sum);
    }
  }
}

export function softmaxF64(rows: i32, n: i32, x: usize, out: usize, log: bool): void {
  for (let r = 0; r < rows; r++) {
    const xr = x + <usize>r * n * 8;
    const or = out + <usize>r * n * 8;
    let m: f64 = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = load<f64>(xr + <usize>i * 8);
      if (v > m || v != v) m = v;
      if (v != v) break;
    }
    let sum: f64 = 0;
    for (let i = 0; i < n; i++) {
      const e = Math.exp(load<f64>(xr + <usize>i * 8) - m);
      if (!log) store<f64>(or + <usize>i * 8, e);
      sum += e;
    }
    if (log) {
      const lse = Math.log(sum);
      for (let i = 0; i < n; i++) store<f64>(or + <usize>i * 8, load<f64>(xr + <usize>i * 8) - m - lse);
    } else {
      for (let i = 0; i < n; i++) store<f64>(or + <usize>i * 8, load<f64>(or + <usize>i * 8) / sum);
    }
  }
}
