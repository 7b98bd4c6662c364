// SPDX-License-Identifier: MIT
//
// glibc 2.36's sinf on x86-64 (__sinf_fma, the IFUNC choice on AVX2 machines), bit for bit: std::sin
// on a float, which ATen's scalar sinc kernel calls. A port of ARM's optimized-routines sinf as
// shipped in glibc (sysdeps/ieee754/flt-32/s_sinf.c, s_sincosf.h, sysdeps/x86/fpu/sincosf_poly.h and
// s_sincosf_data.c; MIT licence, Copyright (c) 2018 Arm Ltd.). The FMA build contracts each
// `a + b * c` of reduce_fast and sinf_poly into one fused multiply-add (fmad below).

import { fmad } from "./sleef.js";

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

// __sincosf_table[0] (x86 layout), the cosine polynomial negated in __sincosf_table[1]
const HPI_INV = 10680707.430881744; // 2/pi * 2^24
const HPI = 1.5707963267948966;
const C0 = 1, C1 = -0.49999999725108224, C2 = 0.041666623324344516, C3 = -0.001388676379437604, C4 = 2.4390450703564542e-5;
const S1 = -0.16666654943701084, S2 = 0.008332178146138854, S3 = -0.00019517298981385725;
const SIGN = [1, -1, -1, 1];
const PI63 = 3.4061215800865545e-19; // 2 pi * 2^-64
/** 4/pi to 192 bits, 8 new bits per entry (__inv_pio4) */
const INV_PIO4 = Uint32Array.of(
  0xa2, 0xa2f9, 0xa2f983, 0xa2f9836e, 0xf9836e4e, 0x836e4e44, 0x6e4e4415, 0x4e441529,
  0x441529fc, 0x1529fc27, 0x29fc2757, 0xfc2757d1, 0x2757d1f5, 0x57d1f534, 0xd1f534dd, 0xf534ddc0,
  0x34ddc0db, 0xddc0db62, 0xc0db6295, 0xdb629599, 0x6295993c, 0x95993c43, 0x993c4390, 0x3c439041,
);

/** sinf_poly: the sine polynomial for even quadrants, the cosine one (negated when `neg`) for odd. */
function sinfPoly(x: number, x2: number, n: number, neg: boolean): number {
  if ((n & 1) === 0) {
    const x3 = x * x2;
    const s1 = fmad(x2, S3, S2);
    const x7 = x3 * x2;
    const s = fmad(x3, S1, x);
    return Math.fround(fmad(x7, s1, s));
  }
  const g = neg ? -1 : 1; // table[1] holds -c0 .. -c4: exact negations
  const x4 = x2 * x2;
  const c2 = fmad(x2, g * C4, g * C3);
  const c1 = fmad(x2, g * C1, g * C0);
  const x6 = x4 * x2;
  const c = fmad(x4, g * C2, c1);
  return Math.fround(fmad(x6, c2, c));
}

const M64 = (1n << 64n) - 1n;
/** reduce_large: |y| mod pi/2 by a 32x96-bit product with 4/pi; returns [r, quadrant]. */
function reduceLarge(xi: number): [number, number] {
  const a = (xi >>> 26) & 15;
  const shift = (xi >>> 23) & 7;
  const m = BigInt((((xi & 0xffffff) | 0x800000) << shift) >>> 0);
  let res0 = (m * BigInt(INV_PIO4[a]!)) & 0xffffffffn; // a 32-bit product in C
  const res1 = m * BigInt(INV_PIO4[a + 4]!);
  const res2 = m * BigInt(INV_PIO4[a + 8]!);
  res0 = ((res2 >> 32n) | (res0 << 32n)) & M64;
  res0 = (res0 + res1) & M64;
  const n = ((res0 + (1n << 61n)) & M64) >> 62n;
  res0 = (res0 - (n << 62n)) & M64;
  return [Number(BigInt.asIntN(64, res0)) * PI63, Number(n)];
}

/** glibc sinf (__sinf_fma): std::sin(float). */
export function glibcSinf(y: number): number {
  F32[0] = y;
  const xi = U32[0]!;
  const top = (xi >>> 20) & 0x7ff;
  if (top < 0x3f4) {
    // |y| < pi/4
    if (top < 0x398) return y; // |y| < 2^-12
    return sinfPoly(y, y * y, 0, false);
  }
  if (top < 0x42f) {
    // |y| < 120: reduce_fast
    const n = (Math.trunc(y * HPI_INV) + 0x800000) >> 24;
    const x = fmad(-n, HPI, y);
    return sinfPoly(x * SIGN[n & 3]!, x * x, n, (n & 2) !== 0);
  }
  if (top < 0x7f8) {
    const [x, n] = reduceLarge(xi);
    const q = n + (xi >>> 31);
    return sinfPoly(x * SIGN[q & 3]!, x * x, n, (q & 2) !== 0);
  }
  return NaN; // __math_invalidf: sin(inf), sin(NaN)
}
