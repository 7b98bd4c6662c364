// SPDX-License-Identifier: MIT
//
// glibc 2.36's erff and erf (x86-64), bit for bit: std::erf as ATen's scalar kernels call it
// (calc_erfinv's Newton steps). src/backend/sleef.ts has SLEEF's erf, which the vectorised erf op uses.
//
// Ports of fdlibm's s_erff.c and of glibc's s_erf.c (sysdeps/ieee754/flt-32, dbl-64; glibc
// regroups the double polynomials into even/odd pairs for parallelism), which carry Sun
// Microsystems' notice: "Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
// Developed at SunPro, a Sun Microsystems, Inc. business. Permission to use, copy, modify, and
// distribute this software is freely granted, provided that this notice is preserved."
// glibc builds both without FMA (libm.so.6 has no vfmadd in __erff / __erf): plain arithmetic in
// source order, every float32 step rounded to float32. Their __ieee754_expf / __ieee754_exp calls
// reach the same IFUNC targets as std::exp (glibcExpf, glibcExp: __expf_fma, __exp_fma).

import { glibcExp, glibcExpf } from "./sleef.js";

const fr = Math.fround;
const F32 = new Float32Array(1);
const I32 = new Int32Array(F32.buffer);
const F64 = new Float64Array(1);
const I32D = new Int32Array(F64.buffer); // little-endian: [low, high]
function fbits(x: number): number {
  F32[0] = x;
  return I32[0]!;
}
function highWord(x: number): number {
  F64[0] = x;
  return I32D[1]!;
}
function clearLowWord(x: number): number {
  F64[0] = x;
  I32D[0] = 0;
  return F64[0]!;
}
function ffrom(i: number): number {
  I32[0] = i;
  return F32[0]!;
}

// s_erff.c's coefficients (float32)
const ERX = fr(8.4506291151e-1);
const EFX = fr(1.2837916613e-1);
const PP = [1.2837916613e-1, -3.2504209876e-1, -2.8481749818e-2, -5.7702702470e-3, -2.3763017452e-5].map(fr);
const QQ = [1, 3.9791721106e-1, 6.5022252500e-2, 5.0813062117e-3, 1.3249473704e-4, -3.9602282413e-6].map(fr);
const PA = [-2.3621185683e-3, 4.1485610604e-1, -3.7220788002e-1, 3.1834661961e-1, -1.1089469492e-1, 3.5478305072e-2, -2.1663755178e-3].map(fr);
const QA = [1, 1.0642088205e-1, 5.4039794207e-1, 7.1828655899e-2, 1.2617121637e-1, 1.3637083583e-2, 1.1984500103e-2].map(fr);
const RA = [-9.8649440333e-3, -6.9385856390e-1, -1.0558626175e1, -6.2375331879e1, -1.6239666748e2, -1.8460508728e2, -8.1287437439e1, -9.8143291473].map(fr);
const SA = [1, 1.9651271820e1, 1.3765776062e2, 4.3456588745e2, 6.4538726807e2, 4.2900814819e2, 1.0863500214e2, 6.5702495575, -6.0424413532e-2].map(fr);
const RB = [-9.8649431020e-3, -7.9928326607e-1, -1.7757955551e1, -1.6063638306e2, -6.3756646729e2, -1.0250950928e3, -4.8351919556e2].map(fr);
const SB = [1, 3.0338060379e1, 3.2579251099e2, 1.5367296143e3, 3.1998581543e3, 2.5530502930e3, 4.7452853394e2, -2.2440952301e1].map(fr);
const TINY = fr(1e-30);

/** c[0] + s*(c[1] + s*(... + s*c[n-1])), every step rounded to float32 (fdlibm's Horner form). */
function hornerf(c: readonly number[], s: number): number {
  let r = c[c.length - 1]!;
  for (let i = c.length - 2; i >= 0; i--) r = fr(c[i]! + fr(s * r));
  return r;
}

/** glibc erff (s_erff.c): std::erf(float). */
export function glibcErff(x: number): number {
  const hx = fbits(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x7f800000) return fr((hx < 0 ? -1 : 1) + fr(1 / x)); // NaN stays NaN, erf(+-inf) = +-1
  if (ix < 0x3f580000) {
    // |x| < 0.84375
    if (ix < 0x31800000) {
      if (ix < 0x04000000) return fr(0.0625 * fr(fr(16 * x) + fr(fr(16 * EFX) * x)));
      return fr(x + fr(EFX * x));
    }
    const z = fr(x * x);
    const y = fr(hornerf(PP, z) / hornerf(QQ, z));
    return fr(x + fr(x * y));
  }
  if (ix < 0x3fa00000) {
    // 0.84375 <= |x| < 1.25
    const s = fr(Math.abs(x) - 1);
    const pq = fr(hornerf(PA, s) / hornerf(QA, s));
    return hx >= 0 ? fr(ERX + pq) : fr(-ERX - pq);
  }
  if (ix >= 0x40c00000) return hx >= 0 ? fr(1 - TINY) : fr(TINY - 1); // |x| >= 6
  const ax = Math.abs(x);
  const s = fr(1 / fr(ax * ax));
  const rs = ix < 0x4036db6e ? fr(hornerf(RA, s) / hornerf(SA, s)) : fr(hornerf(RB, s) / hornerf(SB, s));
  const z = ffrom(fbits(ax) & 0xfffff000);
  const r = fr(glibcExpf(fr(fr(-z * z) - fr(0.5625))) * glibcExpf(fr(fr(fr(z - ax) * fr(z + ax)) + rs)));
  return hx >= 0 ? fr(1 - fr(r / ax)) : fr(fr(r / ax) - 1);
}

// s_erf.c's coefficients (float64); index i is the coefficient of s^i
const ERX_D = 8.45062911510467529297e-1;
const EFX_D = 1.28379167095512586316e-1;
const PP_D = [1.28379167095512558561e-1, -3.25042107247001499370e-1, -2.84817495755985104766e-2, -5.77027029648944159157e-3, -2.37630166566501626084e-5];
const QQ_D = [1, 3.97917223959155352819e-1, 6.50222499887672944485e-2, 5.08130628187576562776e-3, 1.32494738004321644526e-4, -3.96022827877536812320e-6];
const PA_D = [-2.36211856075265944077e-3, 4.14856118683748331666e-1, -3.72207876035701323847e-1, 3.18346619901161753674e-1, -1.10894694282396677476e-1, 3.54783043256182359371e-2, -2.16637559486879084300e-3];
const QA_D = [1, 1.06420880400844228286e-1, 5.40397917702171048937e-1, 7.18286544141962662868e-2, 1.26171219808761642112e-1, 1.36370839120290507362e-2, 1.19844998467991074170e-2];
const RA_D = [-9.86494403484714822705e-3, -6.93858572707181764372e-1, -1.05586262253232909814e1, -6.23753324503260060396e1, -1.62396669462573470355e2, -1.84605092906711035994e2, -8.12874355063065934246e1, -9.81432934416914548592];
const SA_D = [1, 1.96512716674392571292e1, 1.37657754143519042600e2, 4.34565877475229228821e2, 6.45387271733267880336e2, 4.29008140027567833386e2, 1.08635005541779435134e2, 6.57024977031928170135, -6.04244152148580987438e-2];
const RB_D = [-9.86494292470009928597e-3, -7.99283237680523006574e-1, -1.77579549177547519889e1, -1.60636384855821916062e2, -6.37566443368389627722e2, -1.02509513161107724954e3, -4.83519191608651397019e2];
const SB_D = [1, 3.03380607434824582924e1, 3.25792512996573918826e2, 1.53672958608443695994e3, 3.19985821950859553908e3, 2.55305040643316442583e3, 4.74528541206955367215e2, -2.24409524465858183362e1];
const TINY_D = 1e-300;

/**
 * glibc's pairwise evaluation of c[0] + c[1] s + ... : the pairs (c[2k] + s c[2k+1]) combined with
 * s^2, s^4, s^6, s^8 left to right, a lone last coefficient multiplied by its power (s_erf.c).
 */
function pairwise(c: readonly number[], s: number): number {
  const s2 = s * s;
  const s4 = s2 * s2;
  const pw = [1, s2, s4, s4 * s2, s4 * s4];
  let r = c[0]! + s * c[1]!;
  for (let k = 1; 2 * k < c.length; k++) r += pw[k]! * (2 * k + 1 < c.length ? c[2 * k]! + s * c[2 * k + 1]! : c[2 * k]!);
  return r;
}

/** glibc erf (s_erf.c): std::erf(double). */
export function glibcErf(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x7ff00000) return (hx < 0 ? -1 : 1) + 1 / x; // NaN stays NaN, erf(+-inf) = +-1
  if (ix < 0x3feb0000) {
    // |x| < 0.84375
    if (ix < 0x3e300000) {
      if (ix < 0x00800000) return 0.0625 * (16.0 * x + 16.0 * EFX_D * x);
      return x + EFX_D * x;
    }
    const z = x * x;
    const y = pairwise(PP_D, z) / pairwise(QQ_D, z);
    return x + x * y;
  }
  if (ix < 0x3ff40000) {
    // 0.84375 <= |x| < 1.25
    const s = Math.abs(x) - 1;
    const pq = pairwise(PA_D, s) / pairwise(QA_D, s);
    return hx >= 0 ? ERX_D + pq : -ERX_D - pq;
  }
  if (ix >= 0x40180000) return hx >= 0 ? 1 - TINY_D : TINY_D - 1; // |x| >= 6
  const ax = Math.abs(x);
  const s = 1 / (ax * ax);
  const rs = ix < 0x4006db6e ? pairwise(RA_D, s) / pairwise(SA_D, s) : pairwise(RB_D, s) / pairwise(SB_D, s);
  const z = clearLowWord(ax);
  const r = glibcExp(-z * z - 0.5625) * glibcExp((z - ax) * (z + ax) + rs);
  return hx >= 0 ? 1 - r / ax : r / ax - 1;
}
