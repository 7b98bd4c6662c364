// SPDX-License-Identifier: LGPL-2.1-or-later AND MIT
// The sin/cos routines and tables here are ports of glibc's IBM Accurate Mathematical Library
// (s_sin.c, sincostab.c), which glibc distributes under the LGPL 2.1 or later; log comes from ARM's
// optimized-routines (MIT) and log1p from fdlibm (permissive). See README "Third-party code".
/**
 * Bit-exact ports of the glibc libm routines that PyTorch's CPU samplers call
 * (std::log, std::log1p, std::sin / std::cos, which GCC merges into sincos).
 *
 * On x86_64 with FMA, glibc's IFUNC resolvers pick the `*_fma` variants
 * (__ieee754_log_fma, __log1p_fma, __sincos_fma / __sin_fma / __cos_fma):
 * the generic C sources compiled with -mfma -mavx2, so GCC contracts many
 * `a*b + c` into fused multiply-adds. V8's Math.log / Math.sin / Math.cos
 * (fdlibm) round differently in a fraction of a percent of cases, so they can
 * not be used. Every `fma(...)` below sits exactly where GCC 12 placed a
 * vfmadd / vfnmadd / vfmsub in glibc 2.36's FMA build (read from the GIMPLE of
 * the same sources compiled with the same flags, whose output was checked to
 * equal the oracle's libm on 2e8 inputs); the remaining operations are plain
 * double arithmetic in source order.
 *
 * Algorithms: log - Szabolcs Nagy / ARM optimized-routines (glibc e_log.c);
 * log1p - fdlibm with Shimizu's reordering (glibc s_log1p.c); sin/cos - IBM
 * Accurate Mathematical Library (glibc s_sin.c / s_sincos.c), only the paths
 * for |x| < 105414350 (the samplers only evaluate 0 <= x < 2*pi; sin alone also
 * serves ATen's float64 sinc kernel, src/ops/math_ops.ts).
 */

import { fma } from "./fma.js";
import { LOG_DATA, SINCOS_TAB } from "./libm_tables.js";

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

// ------------------------------------------------------------------ log --

const LN2HI = LOG_DATA[0]!;
const LN2LO = LOG_DATA[1]!;
const A0 = LOG_DATA[2]!, A1 = LOG_DATA[3]!, A2 = LOG_DATA[4]!, A3 = LOG_DATA[5]!, A4 = LOG_DATA[6]!;
const B0 = LOG_DATA[7]!, B1 = LOG_DATA[8]!, B2 = LOG_DATA[9]!, B3 = LOG_DATA[10]!, B4 = LOG_DATA[11]!;
const B5 = LOG_DATA[12]!, B6 = LOG_DATA[13]!, B7 = LOG_DATA[14]!, B8 = LOG_DATA[15]!, B9 = LOG_DATA[16]!;
const B10 = LOG_DATA[17]!;
const T_INVC = new Float64Array(128);
const T_LOGC = new Float64Array(128);
for (let i = 0; i < 128; i++) {
  T_INVC[i] = LOG_DATA[18 + 2 * i]!;
  T_LOGC[i] = LOG_DATA[19 + 2 * i]!;
}
const LOG_NEAR1_LO = 1 - 0.0625; // asdouble(LO)
const LOG_NEAR1_HI = 1 + 0.064697265625; // asdouble(HI)

/** glibc 2.36 __ieee754_log_fma (x86_64), bit for bit. */
export function glibcLog(x: number): number {
  if (x >= LOG_NEAR1_LO && x < LOG_NEAR1_HI) {
    if (x === 1) return 0;
    const r = x - 1.0;
    const r2 = r * r;
    const r3 = r * r2;
    const p9 = fma(B3, r2, fma(B2, r, B1));
    const p16 = fma(B6, r2, fma(B5, r, B4));
    const p26 = fma(B10, r3, fma(B9, r2, fma(B8, r, B7)));
    const p30 = fma(fma(p26, r3, p16), r3, p9);
    // w = r*2^27 is exact, so these two fused operations equal plain ones.
    const t31 = r * 134217728 + r;
    const rhi = t31 - r * 134217728;
    const rlo = r - rhi;
    const rr = rhi * rhi; // exact (rhi has at most 27 significant bits); rr*B0 exact too
    const hi = r + rr * B0;
    let lo = r - hi + rr * B0;
    lo = fma(B0 * rlo, r + rhi, lo);
    const y = fma(p30, r3, lo);
    return hi + y;
  }
  f64[0] = x;
  let hiw = u32[1]!;
  let low = u32[0]!;
  const top = hiw >>> 16;
  if ((top - 0x0010) >>> 0 >= 0x7ff0 - 0x0010) {
    // x < 2.2250738585072014e-308 or inf or nan
    if (x === 0) return -Infinity;
    if (x === Infinity) return x;
    if (top & 0x8000 || (top & 0x7ff0) === 0x7ff0) return NaN;
    // subnormal: normalise
    f64[0] = x * 4503599627370496;
    hiw = (u32[1]! - (52 << 20)) >>> 0;
    low = u32[0]!;
  }
  // tmp = ix - 0x3fe6000000000000 (the low word is unaffected)
  const tmpHi = (hiw - 0x3fe60000) | 0;
  const i = (tmpHi >>> 13) & 127;
  const k = tmpHi >> 20;
  u32[1] = (hiw - (tmpHi & 0xfff00000)) >>> 0;
  u32[0] = low;
  const z = f64[0]!;
  const invc = T_INVC[i]!;
  const logc = T_LOGC[i]!;
  const r = fma(z, invc, -1.0);
  const kd = k;
  const w = LN2HI * kd + logc; // fused in glibc, but LN2HI (42 bits) * k (<= 11 bits) is exact
  const hi = r + w;
  const lo = fma(LN2LO, kd, w - hi + r);
  const r2 = r * r;
  const s56 = fma(A0, r2, lo);
  const r3 = r * r2;
  const q = fma(fma(A4, r, A3), r2, fma(A2, r, A1));
  return fma(r3, q, s56) + hi;
}

// ---------------------------------------------------------------- log1p --

const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const Lp1 = 6.666666666666735130e-1;
const Lp2 = 3.999999999940941908e-1;
const Lp3 = 2.857142874366239149e-1;
const Lp4 = 2.222219843214978396e-1;
const Lp5 = 1.818357216161805012e-1;
const Lp6 = 1.531383769920937332e-1;
const Lp7 = 1.479819860511658591e-1;

/** glibc 2.36 __log1p_fma (x86_64), bit for bit. */
export function glibcLog1p(x: number): number {
  f64[0] = x;
  const hx = u32[1]! | 0;
  const ax = hx & 0x7fffffff;
  let k = 1;
  let f = 0;
  let c = 0;
  let hu = 0;
  if (hx < 0x3fda827a) {
    // x < 0.41422
    if (ax >= 0x3ff00000) {
      // x <= -1.0
      return x === -1.0 ? -Infinity : NaN;
    }
    if (ax < 0x3e200000) {
      // |x| < 2**-29
      if (ax < 0x3c900000) return x; // |x| < 2**-54
      return x - x * x * 0.5; // (x*x)*0.5 is exact, so the fused form equals this
    }
    if (hx > 0 || hx <= (0xbfd2bec3 | 0)) {
      // -0.2929 < x < 0.41422
      k = 0;
      f = x;
      hu = 1;
    }
  } else if (hx >= 0x7ff00000) {
    return x + x;
  }
  if (k !== 0) {
    let u: number;
    if (hx < 0x43400000) {
      u = 1.0 + x;
      f64[0] = u;
      hu = u32[1]! | 0;
      k = (hu >> 20) - 1023;
      c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0); // correction term
      c /= u;
    } else {
      u = x;
      f64[0] = u;
      hu = u32[1]! | 0;
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu &= 0x000fffff;
    f64[0] = u;
    if (hu < 0x6a09e) {
      u32[1] = hu | 0x3ff00000; // normalize u
    } else {
      k += 1;
      u32[1] = hu | 0x3fe00000; // normalize u/2
      hu = (0x00100000 - hu) >> 2;
    }
    u = f64[0]!;
    f = u - 1.0;
  }
  const hfsq = f * 0.5 * f;
  if (hu === 0) {
    // |f| < 2**-20
    if (f === 0) {
      if (k === 0) return 0;
      c = fma(k, LN2_LO, c);
      return k * LN2_HI + c; // LN2_HI has 32 significant bits: k * LN2_HI is exact
    }
    const R = fma(-f, 0.66666666666666666, 1.0) * hfsq;
    if (k === 0) return f - R;
    return k * LN2_HI - (R - fma(k, LN2_LO, c) - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  const z2 = z * z;
  const R2 = fma(z, Lp3, Lp2);
  const z4 = z2 * z2;
  const R3 = fma(z, Lp5, Lp4);
  const z6 = z2 * z4;
  const R4 = fma(z, Lp7, Lp6);
  const R = fma(z6, R4, fma(z4, R3, fma(z, Lp1, z2 * R2)));
  const sR = s * (R + hfsq);
  if (k === 0) return f - (hfsq - sR);
  return k * LN2_HI - (hfsq - (fma(k, LN2_LO, c) + sR) - f);
}

// -------------------------------------------------------------- sin/cos --

const SN3 = -1.66666666666664880952546298448555e-1;
const SN5 = 8.33333214285722277379541354343671e-3;
const CS2 = 4.99999999999999999999950396842453e-1;
const CS4 = -4.16666666666664434524222570944589e-2;
const CS6 = 1.38888874007937613028114285595617e-3;
const S1 = -0.16666666666666666;
const S2 = 0.008333333333332329;
const S3 = -0.00019841269834414642;
const S4 = 2.755729806860771e-06;
const S5 = -2.5022014848318398e-08;
const BIG = 52776558133248;
const HP0 = 1.5707963267948966;
const HP1 = 6.123233995736766e-17;
const MP1 = 1.5707963407039642;
const MP2 = -1.3909067564377153e-08;
const PP3 = -4.97899623147991e-17;
const PP4 = -1.9034889620193266e-25;
const HPINV = 0.6366197723675814;
const TOINT = 6755399441055744;

/** TAYLOR_SIN(a*a, a, da) */
function taylorSin(a: number, da: number): number {
  const xx = a * a;
  let p = fma(xx, S5, S4);
  p = fma(xx, p, S3);
  p = fma(xx, p, S2);
  p = fma(xx, p, S1);
  const t = fma(xx, fma(p, a, -(da * 0.5)), da);
  return a + t;
}

/** do_sin(x, dx) */
function doSin(x: number, dx: number): number {
  const ax = Math.abs(x);
  if (ax < 0.126) return taylorSin(x, dx);
  if (x <= 0) dx = -dx;
  const ux = BIG + ax;
  const xr = ax - (ux - BIG);
  const k = (ux - BIG) * 512; // = 4 * (low word of ux)
  const xx = xr * xr;
  const s = fma(xr * xx, fma(xx, SN5, SN3), dx) + xr;
  const c = fma(dx, xr, xx * fma(xx, fma(xx, CS6, CS4), CS2));
  const sn = SINCOS_TAB[k]!;
  const ssn = SINCOS_TAB[k + 1]!;
  const cs = SINCOS_TAB[k + 2]!;
  const ccs = SINCOS_TAB[k + 3]!;
  const cor = fma(s, cs, fma(-c, sn, fma(s, ccs, ssn)));
  const res = sn + cor;
  return x < 0 || Object.is(x, -0) ? -Math.abs(res) : Math.abs(res);
}

/** do_cos(x, dx) */
function doCos(x: number, dx: number): number {
  if (x < 0) dx = -dx;
  const ax = Math.abs(x);
  const ux = BIG + ax;
  const k = (ux - BIG) * 512;
  const xr = ax - (ux - BIG) + dx;
  const xx = xr * xr;
  const s = fma(xr * xx, fma(xx, SN5, SN3), xr);
  const c = xx * fma(xx, fma(xx, CS6, CS4), CS2);
  const sn = SINCOS_TAB[k]!;
  const ssn = SINCOS_TAB[k + 1]!;
  const cs = SINCOS_TAB[k + 2]!;
  const ccs = SINCOS_TAB[k + 3]!;
  const cor = fma(-s, sn, fma(-c, cs, fma(-s, ssn, ccs)));
  return cs + cor;
}

/** reduce_sincos's remainder (a, da): x - n pi/2 in double-double. */
const REDUCED = new Float64Array(2);
/** reduce_sincos (2.426265 <= |x| < 105414350): writes REDUCED and returns the quadrant n (mod 4). */
function reduceSincos(x: number): number {
  const t = fma(x, HPINV, TOINT);
  const xn = t - TOINT;
  // mp1, mp2 and pp3 have at most 27 significant bits and |xn| < 2^26, so these
  // fused products are exact and plain arithmetic rounds identically
  const y = x - xn * MP1 - xn * MP2;
  const n = xn & 3; // the low bits of t's significand
  const t2 = y - xn * PP3;
  let db = y - t2 - xn * PP3;
  const a = fma(-xn, PP4, t2);
  db += fma(-xn, PP4, t2 - a);
  REDUCED[0] = a;
  REDUCED[1] = db;
  return n;
}

/**
 * glibc 2.36 __sin_fma (x86_64) for |x| < 105414350: std::sin(double) (ATen's scalar sinc kernel).
 * Its own path for 0.855469 <= |x| < 2.426265 (do_cos(pi/2 - |x|, hp1)) differs from sincos's.
 */
export function glibcSin(x: number): number {
  f64[0] = x;
  const k = u32[1]! & 0x7fffffff;
  if (k < 0x3e500000) return x; // |x| < 2^-26
  if (k < 0x3feb6000) return doSin(x, 0); // |x| < 0.855469
  if (k < 0x400368fd) {
    // |x| < 2.426265
    const c = Math.abs(doCos(HP0 - Math.abs(x), HP1));
    return x < 0 ? -c : c;
  }
  if (k >= 0x7ff00000) return NaN;
  if (k >= 0x419921fb) throw new RangeError("glibcSin: |x| >= 105414350 (__branred) is not implemented");
  const n = reduceSincos(x);
  const v = n & 1 ? doCos(REDUCED[0]!, REDUCED[1]!) : doSin(REDUCED[0]!, REDUCED[1]!);
  return n & 2 ? -v : v;
}

/** Output of {@link glibcSincos}: [sin, cos]. */
export const sincosOut = new Float64Array(2);

/** glibc 2.36 __sincos_fma (x86_64) for |x| < 105414350; writes sincosOut. */
export function glibcSincos(x: number): void {
  f64[0] = x;
  const k = u32[1]! & 0x7fffffff;
  if (k < 0x400368fd) {
    if (k < 0x3e400000) {
      // |x| < 2^-27
      sincosOut[0] = x;
      sincosOut[1] = 1.0;
      return;
    }
    if (k < 0x3feb6000) {
      // |x| < 0.855469
      sincosOut[0] = doSin(x, 0);
      sincosOut[1] = doCos(x, 0);
      return;
    }
    // |x| < 2.426265
    const y = HP0 - Math.abs(x);
    const a = y + HP1;
    const da = y - a + HP1;
    const cv = doCos(a, da);
    sincosOut[0] = x < 0 ? -Math.abs(cv) : Math.abs(cv);
    sincosOut[1] = doSin(a, da);
    return;
  }
  if (k >= 0x7ff00000) {
    sincosOut[0] = NaN;
    sincosOut[1] = NaN;
    return;
  }
  if (k >= 0x419921fb) {
    throw new RangeError("glibcSincos: |x| >= 105414350 (__branred) is not implemented");
  }
  // 2.426265 <= |x| < 105414350: reduce_sincos, then do_sin / do_cos
  const n = reduceSincos(x);
  let a = REDUCED[0]!;
  let da = REDUCED[1]!;
  if (n === 1 || n === 2) {
    a = -a;
    da = -da;
  }
  const sv = doSin(a, da);
  const cv0 = doCos(a, da);
  const cv = n & 2 ? -cv0 : cv0;
  if (n & 1) {
    sincosOut[0] = cv;
    sincosOut[1] = sv;
  } else {
    sincosOut[0] = sv;
    sincosOut[1] = cv;
  }
}
