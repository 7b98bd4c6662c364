/**
 * Lane-by-lane emulation of PyTorch's AVX2 `normal_fill_16_AVX2`
 * (aten/src/ATen/native/cpu/DistributionTemplates.h), which uses
 * `log256_ps` and `sincos256_ps` from aten/src/ATen/native/cpu/avx_mathfun.h
 * (Giovanni Garberoglio's AVX port of Julien Pommier's sse_mathfun, zlib
 * licence; Cephes single-precision polynomials).
 *
 * All arithmetic is float32: Math.fround after every mul/add/sub (double
 * rounding is harmless for a single float op) and fmaf() wherever the x86_64
 * build fuses an operation. PyTorch's CPU kernels are compiled with
 * -mavx2 -mfma and GCC's default -ffp-contract=fast, so GCC turns the
 * `_mm256_mul_ps` + `_mm256_add_ps` pairs of avx_mathfun.h into vfmadd/vfmsub
 * instructions; the exact set of fused pairs (marked below) was read off
 * GCC 12's code for this function and checked bit-for-bit against torch.randn
 * on millions of values.
 */

import { fmaf } from "./fma.js";

const fr = Math.fround;

// avx_mathfun.h constants (float literals rounded from the double constants)
const SQRTHF = fr(0.707106781186547524);
const LOG_P0 = fr(7.0376836292e-2);
const LOG_P1 = fr(-1.151461031e-1);
const LOG_P2 = fr(1.167699874e-1);
const LOG_P3 = fr(-1.2420140846e-1);
const LOG_P4 = fr(+1.4249322787e-1);
const LOG_P5 = fr(-1.6668057665e-1);
const LOG_P6 = fr(+2.0000714765e-1);
const LOG_P7 = fr(-2.4999993993e-1);
const LOG_P8 = fr(+3.3333331174e-1);
const LOG_Q1 = fr(-2.1219444e-4);
const LOG_Q2 = fr(0.693359375);
const MINUS_DP1 = fr(-0.78515625);
const MINUS_DP2 = fr(-2.4187564849853515625e-4);
const MINUS_DP3 = fr(-3.77489497744594108e-8);
const SINCOF_P0 = fr(-1.9515295891e-4);
const SINCOF_P1 = fr(8.3321608736e-3);
const SINCOF_P2 = fr(-1.6666654611e-1);
const COSCOF_P0 = fr(2.443315711809948e-5);
const COSCOF_P1 = fr(-1.388731625493765e-3);
const COSCOF_P2 = fr(4.166664568298827e-2);
const FOPI = fr(1.27323954473516); // 4 / pi

/** _mm256_set1_ps(2.0f * c10::pi<double>) */
export const TWO_PI_F = fr(2 * Math.PI);

const fbuf = new Float32Array(1);
const ibuf = new Int32Array(fbuf.buffer);

/**
 * log256_ps for one lane with x a positive normal float32 (the only inputs
 * normal_fill feeds it: 1 - u with u in [0, 1) on the 2^-24 grid).
 */
export function log256(x: number): number {
  fbuf[0] = x;
  const bits = ibuf[0]!;
  const imm0 = (bits >>> 23) - 0x7f; // the float is positive: no sign bit
  ibuf[0] = (bits & ~0x7f800000) | 0x3f000000; // keep the mantissa, exponent of 0.5
  let m = fbuf[0]!; // in [0.5, 1)
  let e = imm0 + 1; // exact small integer
  const mask = m < SQRTHF;
  const tmp = mask ? m : 0;
  m = fr(m - 1);
  if (mask) e = e - 1;
  m = fr(m + tmp);
  const eq1 = fr(e * LOG_Q1);
  let y = LOG_P0;
  y = fmaf(y, m, LOG_P1); // vfmadd: y = y*x + p
  y = fmaf(y, m, LOG_P2);
  y = fmaf(y, m, LOG_P3);
  y = fmaf(y, m, LOG_P4);
  y = fmaf(y, m, LOG_P5);
  y = fmaf(y, m, LOG_P6);
  y = fmaf(y, m, LOG_P7);
  y = fmaf(y, m, LOG_P8);
  const z = fr(m * m);
  y = fr(y * m);
  y = fmaf(y, z, eq1); // y*z + e*q1 fused
  y = fr(y - z * 0.5); // vfnmadd with an exact product z*0.5
  m = fr(m + y);
  return fmaf(e, LOG_Q2, m); // vfmadd: e*q2 + x
}

/** Output of {@link sincos256}: [sin, cos]. */
export const sincos256Out = new Float32Array(2);

/** sincos256_ps for one lane (x >= 0 here, but the sign logic is complete). */
export function sincos256(x: number): void {
  const signSin = x < 0 || Object.is(x, -0);
  const ax = Math.abs(x);
  const yq = fr(ax * FOPI);
  let j = Math.trunc(yq) | 0; // _mm256_cvttps_epi32
  j = (j + 1) & ~1;
  const yj = j; // _mm256_cvtepi32_ps (exact for these magnitudes)
  const swapSin = (j & 4) !== 0;
  const polyMask = (j & 2) === 0;
  let xr = fmaf(yj, MINUS_DP1, ax); // the three reduction steps are fused
  xr = fmaf(yj, MINUS_DP2, xr);
  xr = fmaf(yj, MINUS_DP3, xr);
  const signCos = (~(j - 2) & 4) !== 0;
  const z = fr(xr * xr);
  let y = fmaf(z, COSCOF_P0, COSCOF_P1);
  y = fmaf(z, y, COSCOF_P2);
  const tmp = fr(z * 0.5);
  y = fr(z * y);
  y = fmaf(y, z, -tmp); // vfmsub: y*z - tmp
  let y2 = fmaf(z, SINCOF_P0, SINCOF_P1);
  y2 = fmaf(z, y2, SINCOF_P2);
  y = fr(y + 1);
  y2 = fr(z * y2);
  y2 = fmaf(xr, y2, xr); // vfmadd: y2*x + x
  const ysin2 = polyMask ? y2 : 0;
  const ysin1 = polyMask ? 0 : y;
  const s = fr(ysin2 + ysin1);
  const c = fr(fr(y2 - ysin2) + fr(y - ysin1));
  sincos256Out[0] = signSin !== swapSin ? -s : s;
  sincos256Out[1] = signCos ? -c : c;
}

const LOG_P = [LOG_P1, LOG_P2, LOG_P3, LOG_P4, LOG_P5, LOG_P6, LOG_P7, LOG_P8];
/** 2^-i for i = 0..25 */
const POW2_NEG = Array.from({ length: 26 }, (_, i) => 2 ** -i);

/**
 * log256_ps(1 - u) for a uniform u = k * 2^-24 from normal_fill, taking
 * mi = (1 - u) * 2^24, an integer in [1, 2^24]: the same arithmetic as
 * log256(), with the exponent/mantissa split done on the integer.
 */
function log256OneMinusU(mi: number): number {
  const fl = 31 - Math.clz32(mi); // 1 - u = 2^(fl - 24) * [1, 2)
  let m = mi * POW2_NEG[fl + 1]!; // the mantissa scaled into [0.5, 1)
  let e = fl - 23; // imm0 - 0x7f + 1
  if (m < SQRTHF) {
    e -= 1;
    m = fr(fr(m - 1) + m);
  } else {
    m = fr(m - 1);
  }
  let y = LOG_P0;
  for (let i = 0; i < 8; i++) y = fmaf(y, m, LOG_P[i]!);
  const z = fr(m * m);
  y = fr(y * m);
  y = fmaf(y, z, fr(e * LOG_Q1));
  y = fr(y - z * 0.5);
  // vfmadd e*q2 + x: e*q2 is an exact float (|e| <= 24, q2 = 355/512), so one float add
  return fr(fr(m + y) + e * LOG_Q2);
}

let sinLane = 0;
let cosLane = 0;

/** sincos256_ps for one lane with x >= 0 (theta = 2*pi*u2); sets sinLane / cosLane. */
function sincos256NonNeg(x: number): void {
  const jj = ((Math.trunc(fr(x * FOPI)) | 0) + 1) & ~1;
  // vfmadd y*DP + x: jj*DP1 and jj*DP2 are exact floats (jj <= 8; DP1, DP2 have 8 and 11 bits)
  let xr = fr(x + jj * MINUS_DP1);
  xr = fr(xr + jj * MINUS_DP2);
  xr = fmaf(jj, MINUS_DP3, xr);
  const zz = fr(xr * xr);
  let yc = fmaf(zz, COSCOF_P0, COSCOF_P1);
  yc = fmaf(zz, yc, COSCOF_P2);
  yc = fmaf(fr(zz * yc), zz, -fr(zz * 0.5));
  yc = fr(yc + 1);
  let ys = fmaf(zz, SINCOF_P0, SINCOF_P1);
  ys = fmaf(zz, ys, SINCOF_P2);
  ys = fmaf(xr, fr(zz * ys), xr);
  let sv: number;
  let cv: number;
  if ((jj & 2) === 0) {
    sv = fr(ys + 0);
    cv = fr(fr(ys - ys) + yc);
  } else {
    sv = fr(0 + yc);
    cv = fr(ys + fr(yc - yc));
  }
  sinLane = jj & 4 ? -sv : sv;
  cosLane = ~(jj - 2) & 4 ? -cv : cv;
}

/**
 * normal_fill_16_AVX2 on data[off .. off+16): lanes j and j+8 form a
 * Box-Muller pair (u1 = 1 - data[j], u2 = data[j+8]).
 */
export function normalFill16AVX2(data: Float32Array, off: number, mean: number, std: number): void {
  for (let j = 0; j < 8; j++) {
    const lg = log256OneMinusU(16777216 - data[off + j]! * 16777216);
    const radius = fr(Math.sqrt(fr(-2 * lg)));
    sincos256NonNeg(fr(TWO_PI_F * data[off + j + 8]!));
    const n1 = fr(radius * cosLane);
    const n2 = fr(radius * sinLane);
    if (std === 1) {
      data[off + j] = fr(n1 + mean); // vfmadd n*1 + mean is one float add
      data[off + j + 8] = fr(n2 + mean);
    } else {
      data[off + j] = fmaf(n1, std, mean);
      data[off + j + 8] = fmaf(n2, std, mean);
    }
  }
}
