// Issue 3 op group "math": PyTorch's elementwise math ops with their derivatives (derivatives.yaml
// formulas and grad_fn names), their in-place forms, integer-division semantics and the public
// dtype-promotion helpers (torch.resultType, torch.canCast). torch.* functions are exported here;
// Tensor methods are installed with installMethods at the bottom.
//
// Special functions: erf/erfc and lgamma are ports of fdlibm (s_erf.c, e_lgamma_r.c), which carry
// Sun Microsystems' notice: "Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
// Developed at SunPro, a Sun Microsystems, Inc. business. Permission to use, copy, modify, and
// distribute this software is freely granted, provided that this notice is preserved."
// digamma, trigamma, zeta and polygamma follow ATen's Math.h, derived from the Cephes Math Library
// (3-Clause BSD License, Copyright (c) 2018, Steven Moshier); erfinv follows ATen's calc_erfinv
// (New BSD license, Copyright (c) 2014 Indiana University, written by Prof. Gary L. Pavlis).
import { gradMode, noGrad } from "../autograd/grad_mode.js";
import { fma, fmaf } from "../random/fma.js";
import { glibcLog, glibcSin } from "../random/libm.js";
import * as K from "../backend/cpu.js";
import { glibcErf, glibcErff } from "../backend/glibc_erf.js";
import { glibcSinf } from "../backend/glibc_sinf.js";
import { glibcTan } from "../backend/glibc_tan.js";
import { ATAN2_F32, ATAN2_F64, ATEN_F32, ATEN_F64, fixUnary, glibcExp, glibcExpf, glibcLogf, HYPOT_F32, HYPOT_F64, type AtenBinary, type AtenUnary } from "../backend/sleef.js";
import { RuntimeError, TorchTypeError } from "../errors.js";
import { bool, category, DType, dtypeOf, float32, getDefaultDtype, int32, int64, resultType as resultTypeOf, scalarDtype } from "../tensor/dtype.js";
import { installMethods } from "../tensor/methods.js";
import { broadcastShapes, contiguousStrides, formatShape, sameShape } from "../tensor/shape.js";
import { Tensor, type TensorOrScalar } from "../tensor/tensor.js";
import { zerosLike } from "./creation.js";
import { asTensor, binaryKernel, castFn, clone, compare, divRounding, expandedValues, fixBinaryAten, laidOutLike, promote, unaryOp, where, wrapScalar } from "./elementwise.js";
import { checkCast, checkInplace, checkNoInternalOverlap, moveRetainGrad, rebase } from "./inplace.js";
import { record, shouldRecord, shouldRecordAll, type BackwardFn } from "./record.js";

const fr = Math.fround;
type F1 = (x: number) => number;
type F2 = (x: number, y: number) => number;

// ---- errors ------------------------------------------------------------------------------------

/** ScalarType names in ATen's dispatch errors ("... not implemented for 'Long'"). */
const TYPE_NAME: Record<string, string> = { float32: "Float", float64: "Double", int64: "Long", int32: "Int", bool: "Bool" };
/** caffe2::TypeMeta names (what `tensor.dtype()` prints in some C++ messages). */
const META_NAME: Record<string, string> = { float32: "float", float64: "double", int64: "long int", int32: "int", bool: "bool" };

function notImplementedFor(kernel: string, d: DType): never {
  throw new RuntimeError(`"${kernel}" not implemented for '${TYPE_NAME[d.name]}'`);
}

/** Python's NotImplementedError (what derivatives.yaml's not_implemented(...) raises). */
class NotImplementedErr extends Error {
  override name = "NotImplementedError";
}

/** Python's type name of a JS value, as the argument parser's messages print it. */
function pyTypeName(v: unknown): string {
  if (v === null || v === undefined) return "NoneType";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  if (typeof v === "bigint") return "int";
  if (typeof v === "string") return "str";
  if (Array.isArray(v)) return "list";
  return "object";
}

/** The Python argument parser's check that a torch.* function got a tensor. */
function tensorArg(fnName: string, v: unknown, position = 1): Tensor {
  if (!(v instanceof Tensor)) throw new TorchTypeError(`${fnName}(): argument 'input' (position ${position}) must be Tensor, not ${pyTypeName(v)}`);
  return v;
}

function zeroDivision(): never {
  throw new RuntimeError("ZeroDivisionError");
}

// ---- special functions -----------------------------------------------------------------------

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer); // little-endian: [low, high]
function highWord(x: number): number {
  F64[0] = x;
  return U32[1] | 0;
}
function lowWord(x: number): number {
  F64[0] = x;
  return U32[0];
}
function clearLowWord(x: number): number {
  F64[0] = x;
  U32[0] = 0;
  return F64[0];
}

// fdlibm s_erf.c
const ERX = 8.45062911510467529297e-1;
const EFX = 1.28379167095512586316e-1;
const EFX8 = 1.02703333676410069053e0;
const PP0 = 1.28379167095512558561e-1, PP1 = -3.25042107247001499370e-1, PP2 = -2.84817495755985104766e-2;
const PP3 = -5.77027029648944159157e-3, PP4 = -2.37630166566501626084e-5;
const QQ1 = 3.97917223959155352819e-1, QQ2 = 6.50222499887672944485e-2, QQ3 = 5.08130628187576562776e-3;
const QQ4 = 1.32494738004321644526e-4, QQ5 = -3.96022827877536812320e-6;
const PA0 = -2.36211856075265944077e-3, PA1 = 4.14856118683748331666e-1, PA2 = -3.72207876035701323847e-1;
const PA3 = 3.18346619901161753674e-1, PA4 = -1.10894694282396677476e-1, PA5 = 3.54783043256182359371e-2;
const PA6 = -2.16637559486879084300e-3;
const QA1 = 1.06420880400844228286e-1, QA2 = 5.40397917702171048937e-1, QA3 = 7.18286544141962662868e-2;
const QA4 = 1.26171219808761642112e-1, QA5 = 1.36370839120290507362e-2, QA6 = 1.19844998467991074170e-2;
const RA0 = -9.86494403484714822705e-3, RA1 = -6.93858572707181764372e-1, RA2 = -1.05586262253232909814e1;
const RA3 = -6.23753324503260060396e1, RA4 = -1.62396669462573470355e2, RA5 = -1.84605092906711035994e2;
const RA6 = -8.12874355063065934246e1, RA7 = -9.81432934416914548592e0;
const SA1 = 1.96512716674392571292e1, SA2 = 1.37657754143519042600e2, SA3 = 4.34565877475229228821e2;
const SA4 = 6.45387271733267880336e2, SA5 = 4.29008140027567833386e2, SA6 = 1.08635005541779435134e2;
const SA7 = 6.57024977031928170135e0, SA8 = -6.04244152148580987438e-2;
const RB0 = -9.86494292470009928597e-3, RB1 = -7.99283237680523006574e-1, RB2 = -1.77579549177547519889e1;
const RB3 = -1.60636384855821916062e2, RB4 = -6.37566443368389627722e2, RB5 = -1.02509513161107724954e3;
const RB6 = -4.83519191608651397019e2;
const SB1 = 3.03380607434824582924e1, SB2 = 3.25792512996573918826e2, SB3 = 1.53672958608443695994e3;
const SB4 = 3.19985821950859553908e3, SB5 = 2.55305040643316442583e3, SB6 = 4.74528541206955367215e2;
const SB7 = -2.24409524465858183362e1;
const TINY = 1e-300;

/** erfc(|x|) * |x| for |x| >= 1.25 (the common tail of erf and erfc). */
function erfTail(ax: number, ix: number, lowSplit: number): number {
  const s = 1 / (ax * ax);
  let R: number, S: number;
  if (ix < lowSplit) {
    R = RA0 + s * (RA1 + s * (RA2 + s * (RA3 + s * (RA4 + s * (RA5 + s * (RA6 + s * RA7))))));
    S = 1 + s * (SA1 + s * (SA2 + s * (SA3 + s * (SA4 + s * (SA5 + s * (SA6 + s * (SA7 + s * SA8)))))));
  } else {
    R = RB0 + s * (RB1 + s * (RB2 + s * (RB3 + s * (RB4 + s * (RB5 + s * RB6)))));
    S = 1 + s * (SB1 + s * (SB2 + s * (SB3 + s * (SB4 + s * (SB5 + s * (SB6 + s * SB7))))));
  }
  const z = clearLowWord(ax);
  return Math.exp(-z * z - 0.5625) * Math.exp((z - ax) * (z + ax) + R / S);
}

export function erfD(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x7ff00000) return x !== x ? x : x > 0 ? 1 : -1;
  if (ix < 0x3feb0000) {
    if (ix < 0x3e300000) {
      if (ix < 0x00800000) return 0.125 * (8.0 * x + EFX8 * x);
      return x + EFX * x;
    }
    const z = x * x;
    const r = PP0 + z * (PP1 + z * (PP2 + z * (PP3 + z * PP4)));
    const s = 1 + z * (QQ1 + z * (QQ2 + z * (QQ3 + z * (QQ4 + z * QQ5))));
    return x + x * (r / s);
  }
  if (ix < 0x3ff40000) {
    const s = Math.abs(x) - 1;
    const P = PA0 + s * (PA1 + s * (PA2 + s * (PA3 + s * (PA4 + s * (PA5 + s * PA6)))));
    const Q = 1 + s * (QA1 + s * (QA2 + s * (QA3 + s * (QA4 + s * (QA5 + s * QA6)))));
    return hx >= 0 ? ERX + P / Q : -ERX - P / Q;
  }
  if (ix >= 0x40180000) return hx >= 0 ? 1 - TINY : TINY - 1;
  const ax = Math.abs(x);
  const r = erfTail(ax, ix, 0x4006db6e);
  return hx >= 0 ? 1 - r / ax : r / ax - 1;
}

export function erfcD(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x7ff00000) return x !== x ? x : x > 0 ? 0 : 2;
  if (ix < 0x3feb0000) {
    if (ix < 0x3c700000) return 1 - x;
    const z = x * x;
    const r = PP0 + z * (PP1 + z * (PP2 + z * (PP3 + z * PP4)));
    const s = 1 + z * (QQ1 + z * (QQ2 + z * (QQ3 + z * (QQ4 + z * QQ5))));
    const y = r / s;
    if (hx < 0x3fd00000) return 1 - (x + x * y);
    return 0.5 - (x * y + (x - 0.5));
  }
  if (ix < 0x3ff40000) {
    const s = Math.abs(x) - 1;
    const P = PA0 + s * (PA1 + s * (PA2 + s * (PA3 + s * (PA4 + s * (PA5 + s * PA6)))));
    const Q = 1 + s * (QA1 + s * (QA2 + s * (QA3 + s * (QA4 + s * (QA5 + s * QA6)))));
    return hx >= 0 ? 1 - ERX - P / Q : 1 + (ERX + P / Q);
  }
  if (ix < 0x403c0000) {
    if (hx < 0 && ix >= 0x40180000) return 2 - TINY;
    const ax = Math.abs(x);
    const r = erfTail(ax, ix, 0x4006db6d);
    return hx > 0 ? r / ax : 2 - r / ax;
  }
  return hx > 0 ? TINY * TINY : 2 - TINY;
}

// fdlibm e_lgamma_r.c
const LG_A = [
  7.72156649015328655494e-2, 3.22467033424113591611e-1, 6.73523010531292681824e-2, 2.05808084325167332806e-2,
  7.38555086081402883957e-3, 2.89051383673415629091e-3, 1.19270763183362067845e-3, 5.10069792153511336608e-4,
  2.20862790713908385557e-4, 1.08011567247583939954e-4, 2.52144565451257326939e-5, 4.48640949618915160150e-5,
];
const LG_TC = 1.46163214496836224576e0;
const LG_TF = -1.21486290535849611461e-1;
const LG_TT = -3.63867699703950536541e-18;
const LG_T = [
  4.83836122723810047042e-1, -1.47587722994593911752e-1, 6.46249402391333854778e-2, -3.27885410759859649565e-2,
  1.79706750811820387126e-2, -1.03142241298341437450e-2, 6.10053870246291332635e-3, -3.68452016781138256760e-3,
  2.25964780900612472250e-3, -1.40346469989232843813e-3, 8.81081882437654011382e-4, -5.38595305356740546715e-4,
  3.15632070903625950361e-4, -3.12754168375120860518e-4, 3.35529192635519073543e-4,
];
const LG_U = [
  -7.72156649015328655494e-2, 6.32827064025093366517e-1, 1.45492250137234768737e0, 9.77717527963372745603e-1,
  2.28963728064692451092e-1, 1.33810918536787660377e-2,
];
const LG_V = [0, 2.45597793713041134822e0, 2.12848976379893395361e0, 7.69285150456672783825e-1, 1.04222645593369134254e-1, 3.21709242282423911810e-3];
const LG_S = [
  -7.72156649015328655494e-2, 2.14982415960608852501e-1, 3.25778796408930981787e-1, 1.46350472652464452805e-1,
  2.66422703033638609560e-2, 1.84028451407337715652e-3, 3.19475326584100867617e-5,
];
const LG_R = [0, 1.39200533467621045958e0, 7.21935547567138069525e-1, 1.71933865632803078993e-1, 1.86459191715652901344e-2, 7.77942496381893596434e-4, 7.32668430744625636189e-6];
const LG_W = [
  4.18938533204672725052e-1, 8.33333333333329678849e-2, -2.77777777728775536470e-3, 7.93650558643019558500e-4,
  -5.95187557450339963135e-4, 8.36339918996282139126e-4, -1.63092934096575273989e-3,
];

/** sin(pi * x) for negative non-integer x (fdlibm's sin_pi). */
function sinPi(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3fd00000) return Math.sin(Math.PI * x);
  let y = -x;
  y *= 0.5;
  y = 2.0 * (y - Math.floor(y)); // |x| mod 2
  const n = Math.trunc(y * 4.0);
  switch (n) {
    case 0:
      y = Math.sin(Math.PI * y);
      break;
    case 1:
    case 2:
      y = Math.cos(Math.PI * (0.5 - y));
      break;
    case 3:
    case 4:
      y = Math.sin(Math.PI * (1 - y));
      break;
    case 5:
    case 6:
      y = -Math.cos(Math.PI * (y - 1.5));
      break;
    default:
      y = Math.sin(Math.PI * (y - 2.0));
  }
  return -y;
}

export function lgammaD(x: number): number {
  const hx = highWord(x);
  const lx = lowWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x7ff00000) return x * x;
  if ((ix | lx) === 0) return Infinity;
  if (ix < 0x3b900000) return -Math.log(Math.abs(x));
  let nadj = 0;
  if (hx < 0) {
    if (ix >= 0x43300000 || x === Math.floor(x)) return Infinity; // a negative integer
    const t = sinPi(x);
    if (t === 0) return Infinity;
    nadj = Math.log(Math.PI / Math.abs(t * x));
    x = -x;
  }
  let r: number;
  if (((ix - 0x3ff00000) | lx) === 0 || ((ix - 0x40000000) | lx) === 0) r = 0;
  else if (ix < 0x40000000) {
    let y: number;
    let i: number;
    if (ix <= 0x3feccccc) {
      r = -Math.log(x);
      if (ix >= 0x3fe76944) {
        y = 1 - x;
        i = 0;
      } else if (ix >= 0x3fcda661) {
        y = x - (LG_TC - 1);
        i = 1;
      } else {
        y = x;
        i = 2;
      }
    } else {
      r = 0;
      if (ix >= 0x3ffbb4c3) {
        y = 2.0 - x;
        i = 0;
      } else if (ix >= 0x3ff3b4c4) {
        y = x - LG_TC;
        i = 1;
      } else {
        y = x - 1;
        i = 2;
      }
    }
    if (i === 0) {
      const a = LG_A;
      const z = y * y;
      const p1 = a[0] + z * (a[2] + z * (a[4] + z * (a[6] + z * (a[8] + z * a[10]))));
      const p2 = z * (a[1] + z * (a[3] + z * (a[5] + z * (a[7] + z * (a[9] + z * a[11])))));
      const p = y * p1 + p2;
      r += p - 0.5 * y;
    } else if (i === 1) {
      const t = LG_T;
      const z = y * y;
      const w = z * y;
      const p1 = t[0] + w * (t[3] + w * (t[6] + w * (t[9] + w * t[12])));
      const p2 = t[1] + w * (t[4] + w * (t[7] + w * (t[10] + w * t[13])));
      const p3 = t[2] + w * (t[5] + w * (t[8] + w * (t[11] + w * t[14])));
      const p = z * p1 - (LG_TT - w * (p2 + y * p3));
      r += LG_TF + p;
    } else {
      const u = LG_U;
      const v = LG_V;
      const p1 = y * (u[0] + y * (u[1] + y * (u[2] + y * (u[3] + y * (u[4] + y * u[5])))));
      const p2 = 1 + y * (v[1] + y * (v[2] + y * (v[3] + y * (v[4] + y * v[5]))));
      r += -0.5 * y + p1 / p2;
    }
  } else if (ix < 0x40200000) {
    const i = Math.trunc(x);
    const y = x - i;
    const s = LG_S;
    const q = LG_R;
    const p = y * (s[0] + y * (s[1] + y * (s[2] + y * (s[3] + y * (s[4] + y * (s[5] + y * s[6]))))));
    const qq = 1 + y * (q[1] + y * (q[2] + y * (q[3] + y * (q[4] + y * (q[5] + y * q[6])))));
    r = 0.5 * y + p / qq;
    let z = 1;
    if (i >= 3) {
      // lgamma(1+s) = log(s) + lgamma(s): z = (y+2)(y+3)...(y+i-1), multiplied from the top down
      for (let k = i; k >= 3; k--) z *= y + (k - 1);
      r += Math.log(z);
    }
  } else if (ix < 0x43900000) {
    const t = Math.log(x);
    const z = 1 / x;
    const y = z * z;
    const w = LG_W;
    const ww = w[0] + z * (w[1] + y * (w[2] + y * (w[3] + y * (w[4] + y * (w[5] + y * w[6])))));
    r = (x - 0.5) * (t - 1) + ww;
  } else r = x * (Math.log(x) - 1);
  if (hx < 0) r = nadj - r;
  return r;
}

const ID: F1 = (v) => v;

const DIGAMMA_A = [
  8.33333333333333333333e-2, -2.10927960927960927961e-2, 7.57575757575757575758e-3, -4.16666666666666666667e-3,
  3.96825396825396825397e-3, -8.33333333333333333333e-3, 8.33333333333333333333e-2,
];
const DIGAMMA_AF = DIGAMMA_A.map(fr);
const PSI_10 = 2.25175258906672110764;

// calc_digamma is compiled into ATen's AVX2 kernel file (-mavx2 -mfma), where GCC contracts polevl's
// `result * x + A[i]` into fused multiply-adds; std::log / logf / tan are glibc's (__ieee754_log_fma,
// __logf_fma, __tan_fma; the float overload also takes pi / tan(pi r) in double).

/** ATen's calc_digamma(double). */
export function digammaD(x: number): number {
  if (x === 0) return Object.is(x, -0) ? Infinity : -Infinity;
  if (x < 0) {
    if (x === Math.trunc(x)) return NaN;
    const frac = x - Math.trunc(x); // modf's fractional part (exact)
    return digammaD(1 - x) - Math.PI / glibcTan(Math.PI * frac);
  }
  let result = 0;
  while (x < 10) {
    result -= 1 / x;
    x += 1;
  }
  if (x === 10) return result + PSI_10;
  let y = 0;
  if (x < 1.0e17) {
    const z = 1.0 / (x * x);
    let p = 0;
    for (let i = 0; i < 7; i++) p = fma(p, z, DIGAMMA_A[i]);
    y = z * p;
  }
  return result + glibcLog(x) - 0.5 / x - y;
}

const PSI_10F = fr(PSI_10);
/** ATen's calc_digamma(float): float arithmetic, glibc logf; pi / tan(pi * r) in double, then rounded. */
export function digammaF(x: number): number {
  if (x === 0) return Object.is(x, -0) ? Infinity : -Infinity;
  if (x < 0) {
    if (x === Math.trunc(x)) return NaN;
    const frac = x - Math.trunc(x);
    return fr(digammaF(fr(1 - x)) - fr(Math.PI / glibcTan(Math.PI * frac)));
  }
  let result = 0;
  while (x < 10) {
    result = fr(result - fr(1 / x));
    x = fr(x + 1);
  }
  if (x === 10) return fr(result + PSI_10F);
  let y = 0;
  if (x < 1.0e17) {
    const z = fr(1 / fr(x * x));
    let p = 0;
    for (let i = 0; i < 7; i++) p = fmaf(p, z, DIGAMMA_AF[i]);
    y = fr(z * p);
  }
  return fr(fr(fr(result + glibcLogf(x)) - fr(0.5 / x)) - y);
}

/** calc_digamma for the compute dtype. */
export function digammaR(x: number, f32: boolean): number {
  return f32 ? digammaF(x) : digammaD(x);
}

/** ATen's trigamma (double and float overloads). */
export function trigammaR(x: number, f32: boolean): number {
  const r = f32 ? fr : ID;
  const pi = f32 ? fr(Math.PI) : Math.PI;
  let sign = 1;
  let result = 0;
  if (x < 0.5) {
    sign = -1;
    const s = r(Math.sin(r(pi * x)));
    result = r(result - r(r(pi * pi) / r(s * s)));
    x = r(1 - x);
  }
  for (let i = 0; i < 6; i++) {
    result = r(result + r(1 / r(x * x)));
    x = r(x + 1);
  }
  const ixx = r(1 / r(x * x));
  const c6 = r(1 / 6), c30 = r(1 / 30), c42 = r(1 / 42);
  const poly = r(r(r(1 + r(1 / r(2 * x))) + r(ixx * r(c6 - r(ixx * r(c30 - r(ixx * c42)))))) / x);
  result = r(result + poly);
  return r(sign * result);
}

const ZETA_A = [
  12.0, -720.0, 30240.0, -1209600.0, 47900160.0, -1.8924375803183791606e9, 7.47242496e10, -2.950130727918164224e12,
  1.1646782814350067249e14, -4.5979787224074726105e15, 1.8152105401943546773e17, -7.1661652561756670113e18,
];
/** Hurwitz zeta (ATen's zeta, accumulating in double). */
export function zeta(x: number, q: number): number {
  const MACHEP = 1.11022302462515654042e-16;
  if (x === 1) return Infinity;
  if (x < 1) return NaN;
  if (q <= 0) {
    if (q === Math.floor(q)) return Infinity;
    if (x !== Math.floor(x)) return NaN;
  }
  let s = Math.pow(q, -x);
  let a = q;
  let i = 0;
  let b = 0;
  while (i < 9 || a <= 9.0) {
    i += 1;
    a += 1;
    b = Math.pow(a, -x);
    s += b;
    if (-MACHEP * s < b && b < MACHEP * s) return s;
  }
  const w = a;
  s += (b * w) / (x - 1);
  s -= 0.5 * b;
  a = 1;
  let k = 0;
  for (i = 0; i < 12; i++) {
    a *= x + k;
    b /= w;
    let t = (a * b) / ZETA_A[i];
    s = s + t;
    t = Math.abs(t / s);
    if (t < MACHEP) return s;
    k += 1;
    a *= x + k;
    b /= w;
    k += 1;
  }
  return s;
}

/** polygamma(n, x) as ATen computes it: digamma, trigamma, then (-1)^(n+1) n! zeta(n+1, x). */
export function polygammaR(n: number, x: number, f32: boolean): number {
  if (n === 0) return digammaR(x, f32);
  if (n === 1) return trigammaR(x, f32);
  const r = f32 ? fr : ID;
  return r(r((n % 2 ? 1 : -1) * r(Math.exp(r(lgammaD(n + 1))))) * r(zeta(n + 1, x)));
}

const ERFINV_A = [0.886226899, -1.645349621, 0.914624893, -0.140543331];
const ERFINV_B = [-2.118377725, 1.442710462, -0.329097515, 0.012229801];
const ERFINV_C = [-1.970840454, -1.624906493, 3.429567803, 1.641345311];
const ERFINV_D = [3.5438892, 1.6370678];
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
const PI_F = fr(Math.PI);

// calc_erfinv, as compiled into ATen's AVX2 kernel file: GCC contracts the rational guess's Horner
// steps into fused multiply-adds; std::erf, std::exp, std::log are glibc's.

/** ATen's calc_erfinv (double): a rational first guess polished by two Newton steps. */
export function erfinvD(y: number): number {
  const ya = Math.abs(y);
  if (ya > 1) return NaN;
  if (ya === 1) return y > 0 ? Infinity : -Infinity;
  const a = ERFINV_A, b = ERFINV_B, c = ERFINV_C, d = ERFINV_D;
  let x: number;
  if (ya <= 0.7) {
    const z = y * y;
    const num = fma(fma(fma(a[3], z, a[2]), z, a[1]), z, a[0]);
    const dem = fma(fma(fma(fma(b[3], z, b[2]), z, b[1]), z, b[0]), z, 1);
    x = (y * num) / dem;
  } else {
    const z = Math.sqrt(-glibcLog((1.0 - ya) / 2.0));
    const num = fma(fma(fma(c[3], z, c[2]), z, c[1]), z, c[0]);
    const dem = fma(fma(d[1], z, d[0]), z, 1);
    x = (y < 0 || Object.is(y, -0) ? -num : num) / dem;
  }
  x = x - (glibcErf(x) - y) / (TWO_OVER_SQRT_PI * glibcExp(-x * x));
  x = x - (glibcErf(x) - y) / (TWO_OVER_SQRT_PI * glibcExp(-x * x));
  return x;
}

const ERFINV_AF = ERFINV_A.map(fr);
const ERFINV_BF = ERFINV_B.map(fr);
const ERFINV_CF = ERFINV_C.map(fr);
const ERFINV_DF = ERFINV_D.map(fr);
/** calc_erfinv<float>: float arithmetic with glibc's erff, expf and logf. */
export function erfinvF(y: number): number {
  const ya = Math.abs(y);
  if (ya > 1) return NaN;
  if (ya === 1) return y > 0 ? Infinity : -Infinity;
  const a = ERFINV_AF, b = ERFINV_BF, c = ERFINV_CF, d = ERFINV_DF;
  let x: number;
  if (ya <= fr(0.7)) {
    const z = fr(y * y);
    const num = fmaf(fmaf(fmaf(a[3], z, a[2]), z, a[1]), z, a[0]);
    const dem = fmaf(fmaf(fmaf(fmaf(b[3], z, b[2]), z, b[1]), z, b[0]), z, 1);
    x = fr(fr(y * num) / dem);
  } else {
    const z = fr(Math.sqrt(fr(-glibcLogf(fr(fr(1 - ya) / 2)))));
    const num = fmaf(fmaf(fmaf(c[3], z, c[2]), z, c[1]), z, c[0]);
    const dem = fmaf(fmaf(d[1], z, d[0]), z, 1);
    x = fr((y < 0 || Object.is(y, -0) ? -num : num) / dem);
  }
  const k = fr(2 / fr(Math.sqrt(Math.PI))); // static_cast<float>(2.0) / static_cast<float>(std::sqrt(pi<double>))
  for (let i = 0; i < 2; i++) x = fr(x - fr(fr(glibcErff(x) - y) / fr(k * glibcExpf(fr(-x * x)))));
  return x;
}

// ATen's sinc kernel (cpu_kernel, scalar for every element): 1 at 0, else sin(pi a) / (pi a) in the
// dtype, with glibc's sinf / sin. glibc's sin for |pi a| >= 105414350 (__branred) is not ported:
// Math.sin stands in there, so float64 sinc of |a| > 3.3e7 can differ from PyTorch in the last bit.

/** sinc_kernel, float32: product = pi<float> * a; sinf(product) / product. */
function sincF(a: number): number {
  if (a === 0) return 1;
  const p = fr(PI_F * a);
  return fr(glibcSinf(p) / p);
}
/** sinc_kernel, float64. */
function sincD(a: number): number {
  if (a === 0) return 1;
  const p = Math.PI * a;
  return (Math.abs(p) < 105414350 ? glibcSin(p) : Math.sin(p)) / p;
}

/** std::nearbyint under the default rounding mode: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

// ---- kernels by compute dtype -------------------------------------------------------------------
// [float32 kernel, float64 kernel]. float32 kernels receive float32 values and their results are
// rounded to float32 when stored. Ops that src/backend/sleef.ts describes (ATEN_F32 / ATEN_F64: the
// SLEEF routines and where ATen applies them) take those instead, bit for bit with PyTorch; the
// others use libm-quality kernels (within torch.testing's tolerances of PyTorch's values).

type Pair = readonly [F1, F1];
const both = (f: F1): Pair => [f, f];

const KERNELS = {
  exp2: both((x) => Math.pow(2, x)),
  expm1: both(Math.expm1),
  log2: both(Math.log2),
  log10: both(Math.log10),
  log1p: both(Math.log1p),
  rsqrt: [(x: number) => 1 / fr(Math.sqrt(x)), (x: number) => 1 / Math.sqrt(x)] as Pair,
  reciprocal: both((x) => 1 / x),
  tan: both(Math.tan),
  asin: both(Math.asin),
  acos: both(Math.acos),
  atan: both(Math.atan),
  sinh: both(Math.sinh),
  cosh: both(Math.cosh),
  asinh: both(Math.asinh),
  acosh: both(Math.acosh),
  atanh: both(Math.atanh),
  erf: both(erfD),
  erfc: both(erfcD),
  erfinv: [erfinvF, erfinvD] as Pair,
  lgamma: both(lgammaD),
  digamma: [digammaF, digammaD] as Pair,
  sinc: [sincF, sincD] as Pair,
} satisfies Record<string, Pair>;

// ---- shared machinery --------------------------------------------------------------------------

/** The operand descriptor result_type reads. */
function descr(t: Tensor): { dtype: DType; ndim: number; wrapped: boolean } {
  return { dtype: t.dtype, ndim: t._shape.length, wrapped: t._wrapped };
}

/** f applied to every element of x, computed in `dtype` (x's values converted first), laid out like x. */
function mapUnary(x: Tensor, dtype: DType, f: F1): Tensor {
  const n = x.numel();
  let src: K.StridedView = x;
  if (x.dtype !== dtype && dtype.isFloatingPoint) {
    src = { _data: K.copyToContiguous(x, dtype.alloc(n)), _shape: x._shape, _strides: contiguousStrides(x._shape), _offset: 0 };
  }
  const values = K.unary(f, dtype.alloc(n), src);
  return x._shape.length < 2 ? new Tensor(values, x._shape.slice(), undefined, 0, dtype) : laidOutLike(values, x._shape.slice(), [x], dtype);
}

/** mapUnary with ATen's kernel choice per element (src/backend/sleef.ts's fixUnary). */
function atenUnary(x: Tensor, dtype: DType, k: AtenUnary): Tensor {
  const n = x.numel();
  let src: K.StridedView = x;
  if (x.dtype !== dtype) src = { _data: K.copyToContiguous(x, dtype.alloc(n)), _shape: x._shape, _strides: contiguousStrides(x._shape), _offset: 0 };
  const values = K.unary(k.vec, dtype.alloc(n), src);
  const out = x._shape.length < 2 ? new Tensor(values, x._shape.slice(), undefined, 0, dtype) : laidOutLike(values, x._shape.slice(), [x], dtype);
  fixUnary(k, out, src);
  return out;
}

/** A copy of x (the integer forms of floor, ceil, round, trunc and nan_to_num). */
function copyOf(x: Tensor): Tensor {
  return mapUnary(x, x.dtype, ID);
}

/** Three operands broadcast together, computed in `dtype`, laid out as TensorIterator would. */
function ternaryKernel(f: (a: number, b: number, c: number) => number, a: Tensor, b: Tensor, c: Tensor, dtype: DType): Tensor {
  const shape = broadcastShapes(broadcastShapes(a._shape, b._shape), c._shape);
  const av = expandedValues(a, shape, dtype);
  const bv = expandedValues(b, shape, dtype);
  const cv = expandedValues(c, shape, dtype);
  const out = dtype.alloc(av.length);
  for (let i = 0; i < out.length; i++) out[i] = f(av[i], bv[i], cv[i]);
  return laidOutLike(out, shape, [a, b, c], dtype);
}

/** A binary kernel over (a, b) computed and stored in `dtype`; int64 results have no -0. */
function binaryIn(f: F2, a: Tensor, b: Tensor, dtype: DType): Tensor {
  return binaryKernel(dtype === int64 ? (x, y) => f(x, y) + 0 : f, a, b, dtype, dtype);
}

/**
 * The in-place epilogue, after the op's value was computed out of place: PyTorch's checks (result
 * dtype castable to self's, result shape equal to self's, no self-overlap), then the write and the
 * version bump. Returns a clone of self's old value when the derivative needs it.
 */
function writeBack(self: Tensor, values: Tensor, keepOriginal: boolean): Tensor | null {
  checkCast(values.dtype, self.dtype);
  if (!sameShape(values._shape, self._shape))
    throw new RuntimeError(`output with shape ${formatShape(self._shape)} doesn't match the broadcast shape ${formatShape(values._shape)}`);
  checkNoInternalOverlap(self);
  const original = keepOriginal ? clone(self) : null;
  K.copyInto(self, values, castFn(self.dtype));
  self._version.value++;
  return original;
}

/** Records `out`'s node (out of place) or rebases self's history onto it (in place). */
function attach(inplace: boolean, node: string, inputs: Tensor[], out: Tensor, saved: (Tensor | null)[], backward: BackwardFn): void {
  if (!inplace) {
    record(node, inputs, out, saved, backward);
    return;
  }
  const oldFn = out._gradFn;
  const oldNr = out._outputNr;
  rebase(node, inputs, out, saved, backward);
  moveRetainGrad(out, oldFn, oldNr);
}

type Grad1 = (g: Tensor, self: Tensor, result: Tensor) => Tensor;
interface UnaryRec {
  node: string;
  self?: boolean;
  result?: boolean;
  grad: Grad1;
  /** derivatives.yaml declares the in-place form not_implemented (2.x): its node name and message */
  inplaceNotImplemented?: [string, string];
}

/** Finishes a one-input op: the in-place write when asked, then the graph node. */
function finishUnary(def: UnaryRec, x: Tensor, res: Tensor, inplace: boolean): Tensor {
  const recording = shouldRecord(x);
  let out = res;
  let selfSaved = x;
  if (inplace) {
    const original = writeBack(x, res, recording && def.self === true && !def.inplaceNotImplemented);
    out = x;
    if (original) selfSaved = original;
  }
  if (recording) {
    const ni = inplace ? def.inplaceNotImplemented : undefined;
    if (ni) {
      attach(true, ni[0], [x], out, [], () => {
        throw new NotImplementedErr(`the derivative for '${ni[1]}' is not implemented.`);
      });
    } else {
      const us = def.self === true;
      const ur = def.result === true;
      const grad = def.grad;
      attach(inplace, def.node, [x], out, us || ur ? [us ? selfSaved : null, ur ? out : null] : [], (ctx, [g]) => [
        grad(g, us ? ctx.saved(0) : (null as never), ur ? ctx.saved(1) : (null as never)),
      ]);
    }
  }
  return out;
}

const zeroGrad: Grad1 = (g) => zerosLike(g);

// ---- unary float ops (integer inputs give the default float dtype) ----------------------------------

const LN2 = 0.6931471805599453;
const LN10 = 2.3025850929940456;

interface FloatUnaryDef extends UnaryRec {
  kernel: Pair;
  /** ATen's own evaluation (SLEEF vector routines, libm tails), when src/backend/sleef.ts has it */
  aten?: readonly [AtenUnary, AtenUnary];
}

const floatUnaryDefs = {
  exp2: { kernel: KERNELS.exp2, aten: [ATEN_F32.exp2, ATEN_F64.exp2], node: "Exp2Backward0", result: true, grad: (g, _s, r) => g.mul(r).mul(LN2) },
  expm1: { kernel: KERNELS.expm1, aten: [ATEN_F32.expm1, ATEN_F64.expm1], node: "Expm1Backward0", result: true, grad: (g, _s, r) => g.mul(r.add(1)) },
  log2: { kernel: KERNELS.log2, aten: [ATEN_F32.log2, ATEN_F64.log2], node: "Log2Backward0", self: true, grad: (g, s) => g.div(s.mul(LN2)) },
  log10: { kernel: KERNELS.log10, aten: [ATEN_F32.log10, ATEN_F64.log10], node: "Log10Backward0", self: true, grad: (g, s) => g.div(s.mul(LN10)) },
  log1p: { kernel: KERNELS.log1p, aten: [ATEN_F32.log1p, ATEN_F64.log1p], node: "Log1PBackward0", self: true, grad: (g, s) => g.div(s.add(1)) },
  rsqrt: { kernel: KERNELS.rsqrt, node: "RsqrtBackward0", result: true, grad: (g, _s, r) => g.mul(-0.5).mul(r.pow(3)) },
  reciprocal: { kernel: KERNELS.reciprocal, node: "ReciprocalBackward0", result: true, grad: (g, _s, r) => g.neg().mul(r.mul(r)) },
  tan: { kernel: KERNELS.tan, aten: [ATEN_F32.tan, ATEN_F64.tan], node: "TanBackward0", result: true, grad: (g, _s, r) => g.mul(r.pow(2).add(1)) },
  asin: { kernel: KERNELS.asin, aten: [ATEN_F32.asin, ATEN_F64.asin], node: "AsinBackward0", self: true, grad: (g, s) => g.mul(s.neg().mul(s).add(1).rsqrt()) },
  acos: { kernel: KERNELS.acos, aten: [ATEN_F32.acos, ATEN_F64.acos], node: "AcosBackward0", self: true, grad: (g, s) => g.mul(s.neg().mul(s).add(1).rsqrt().neg()) },
  atan: { kernel: KERNELS.atan, aten: [ATEN_F32.atan, ATEN_F64.atan], node: "AtanBackward0", self: true, grad: (g, s) => g.div(s.mul(s).add(1)) },
  sinh: { kernel: KERNELS.sinh, aten: [ATEN_F32.sinh, ATEN_F64.sinh], node: "SinhBackward0", self: true, grad: (g, s) => g.mul(s.cosh()) },
  cosh: { kernel: KERNELS.cosh, aten: [ATEN_F32.cosh, ATEN_F64.cosh], node: "CoshBackward0", self: true, grad: (g, s) => g.mul(s.sinh()) },
  asinh: {
    kernel: KERNELS.asinh, aten: [ATEN_F32.asinh, ATEN_F64.asinh], node: "AsinhBackward0", self: true, grad: (g, s) => g.mul(s.pow(2).add(1).rsqrt()),
    inplaceNotImplemented: ["AsinhBackward1", "inplace version of asinh"],
  },
  acosh: {
    kernel: KERNELS.acosh, aten: [ATEN_F32.acosh, ATEN_F64.acosh], node: "AcoshBackward0", self: true, grad: (g, s) => g.mul(s.mul(s).sub(1).rsqrt()),
    inplaceNotImplemented: ["AcoshBackward1", "inplace version of acosh"],
  },
  atanh: {
    kernel: KERNELS.atanh, aten: [ATEN_F32.atanh, ATEN_F64.atanh], node: "AtanhBackward0", self: true, grad: (g, s) => g.div(s.pow(2).rsub(1)),
    inplaceNotImplemented: ["AtanhBackward1", "inplace version of atanh"],
  },
  erf: { kernel: KERNELS.erf, aten: [ATEN_F32.erf, ATEN_F64.erf], node: "ErfBackward0", self: true, grad: (g, s) => s.pow(2).neg().exp().mul(TWO_OVER_SQRT_PI).mul(g) },
  erfc: { kernel: KERNELS.erfc, aten: [ATEN_F32.erfc, ATEN_F64.erfc], node: "ErfcBackward0", self: true, grad: (g, s) => s.pow(2).neg().exp().mul(-TWO_OVER_SQRT_PI).mul(g) },
  erfinv: {
    kernel: KERNELS.erfinv, node: "ErfinvBackward0", self: true,
    grad: (g, s) => s.erfinv().pow(2).exp().mul(0.5 * Math.sqrt(Math.PI)).mul(g),
  },
  lgamma: { kernel: KERNELS.lgamma, aten: [ATEN_F32.lgamma, ATEN_F64.lgamma], node: "LgammaBackward0", self: true, grad: (g, s) => g.mul(s.digamma()) },
  digamma: { kernel: KERNELS.digamma, node: "DigammaBackward0", self: true, grad: (g, s) => g.mul(polygamma(1, s)) },
  sinc: { kernel: KERNELS.sinc, node: "SincBackward0", self: true, grad: (g, s) => sincBackward(g, s) },
} satisfies Record<string, FloatUnaryDef>;
type FloatUnaryName = keyof typeof floatUnaryDefs;

/** FunctionsManual's sinc_backward. */
function sincBackward(g: Tensor, self: Tensor): Tensor {
  const selfPi = self.mul(Math.PI);
  const selfSquaredPi = self.mul(self).mul(Math.PI);
  const out = g.mul(selfPi.mul(selfPi.cos()).sub(selfPi.sin())).div(selfSquaredPi);
  return where(selfSquaredPi.eq(0), 0, out);
}

function floatDtype(x: Tensor): DType {
  return x.dtype.isFloatingPoint ? x.dtype : getDefaultDtype();
}

function floatUnary(name: FloatUnaryName, x: Tensor, inplace = false): Tensor {
  const def: FloatUnaryDef = floatUnaryDefs[name];
  if (inplace) checkInplace(x);
  const dtype = floatDtype(x);
  const res = def.aten ? atenUnary(x, dtype, def.aten[dtype === float32 ? 0 : 1]) : mapUnary(x, dtype, def.kernel[dtype === float32 ? 0 : 1]);
  return finishUnary(def, x, res, inplace);
}

export const exp2 = (x: Tensor): Tensor => floatUnary("exp2", tensorArg("exp2", x));
export const expm1 = (x: Tensor): Tensor => floatUnary("expm1", tensorArg("expm1", x));
export const log2 = (x: Tensor): Tensor => floatUnary("log2", tensorArg("log2", x));
export const log10 = (x: Tensor): Tensor => floatUnary("log10", tensorArg("log10", x));
export const log1p = (x: Tensor): Tensor => floatUnary("log1p", tensorArg("log1p", x));
export const rsqrt = (x: Tensor): Tensor => floatUnary("rsqrt", tensorArg("rsqrt", x));
export const reciprocal = (x: Tensor): Tensor => floatUnary("reciprocal", tensorArg("reciprocal", x));
export const tan = (x: Tensor): Tensor => floatUnary("tan", tensorArg("tan", x));
export const asin = (x: Tensor): Tensor => floatUnary("asin", tensorArg("asin", x));
export const acos = (x: Tensor): Tensor => floatUnary("acos", tensorArg("acos", x));
export const atan = (x: Tensor): Tensor => floatUnary("atan", tensorArg("atan", x));
export const sinh = (x: Tensor): Tensor => floatUnary("sinh", tensorArg("sinh", x));
export const cosh = (x: Tensor): Tensor => floatUnary("cosh", tensorArg("cosh", x));
export const asinh = (x: Tensor): Tensor => floatUnary("asinh", tensorArg("asinh", x));
export const acosh = (x: Tensor): Tensor => floatUnary("acosh", tensorArg("acosh", x));
export const atanh = (x: Tensor): Tensor => floatUnary("atanh", tensorArg("atanh", x));
export const erf = (x: Tensor): Tensor => floatUnary("erf", tensorArg("erf", x));
export const erfc = (x: Tensor): Tensor => floatUnary("erfc", tensorArg("erfc", x));
export const erfinv = (x: Tensor): Tensor => floatUnary("erfinv", tensorArg("erfinv", x));
export const lgamma = (x: Tensor): Tensor => floatUnary("lgamma", tensorArg("lgamma", x));
export const digamma = (x: Tensor): Tensor => floatUnary("digamma", tensorArg("digamma", x));
export const sinc = (x: Tensor): Tensor => floatUnary("sinc", tensorArg("sinc", x));

/** torch.polygamma(n, x): the n-th derivative of digamma. */
export function polygamma(n: number, x: Tensor): Tensor {
  return polygammaImpl(n, tensorArg("polygamma", x, 2), false);
}
function polygammaImpl(n: number, x: Tensor, inplace: boolean): Tensor {
  if (!Number.isInteger(n)) throw new TorchTypeError(`polygamma(): argument 'n' (position 1) must be int, not float`);
  if (n < 0) throw new RuntimeError("polygamma(n, x) does not support negative n.");
  if (inplace) checkInplace(x);
  const dtype = floatDtype(x);
  const f32 = dtype === float32;
  const res = mapUnary(x, dtype, (v) => polygammaR(n, v, f32));
  return finishUnary(
    { node: inplace ? "PolygammaBackward1" : "PolygammaBackward0", self: true, grad: (g, s) => g.mul(polygamma(n + 1, s)) },
    x, res, inplace,
  );
}

/** torch.logit(x, eps=None): log(x / (1 - x)), x first clamped to [eps, 1 - eps] when eps is given. */
export function logit(x: Tensor, eps?: number | null | { eps?: number | null }): Tensor {
  return logitImpl(tensorArg("logit", x), epsOf(eps), false);
}
function epsOf(eps: number | null | undefined | { eps?: number | null }): number | null {
  if (eps !== null && typeof eps === "object") return eps.eps ?? null;
  return eps ?? null;
}
function logitImpl(x: Tensor, eps: number | null, inplace: boolean): Tensor {
  if (inplace) checkInplace(x);
  const dtype = floatDtype(x);
  const r = dtype === float32 ? fr : ID;
  const useEps = eps !== null && eps >= 0;
  const lo = eps === null ? 0 : r(eps);
  const hi = r(1 - lo);
  const res = mapUnary(x, dtype, (v) => {
    if (useEps) v = v < lo ? lo : v > hi ? hi : v;
    return v === 1 ? Infinity : Math.log(r(v / r(1 - v)));
  });
  return finishUnary(
    {
      node: "LogitBackward0", self: true,
      grad: (g, s) => {
        const lo2 = eps === null ? 0 : eps;
        const hi2 = eps === null ? 1 : 1 - eps;
        const value = g.div(s.mul(s.rsub(1)));
        const outside = eps === null ? NaN : 0;
        // create_graph: infinitely_differentiable_logit_backward (a NaN input is out of range); otherwise
        // the logit_backward kernel, which keeps NaN inputs (neither comparison holds)
        if (gradMode.enabled) return where(s.ge(lo2).logicalAnd(s.le(hi2)), value, outside);
        return where(s.lt(lo2).logicalOr(s.gt(hi2)), outside, value);
      },
    },
    x, res, inplace,
  );
}

// ---- rounding, sign, nan_to_num (keep the dtype) ------------------------------------------------

function roundingOp(name: "floor" | "ceil" | "trunc", x: Tensor, inplace: boolean): Tensor {
  if (inplace) checkInplace(x);
  if (x.dtype === bool) notImplementedFor(`${name}_vml_cpu`, bool);
  const f = name === "floor" ? Math.floor : name === "ceil" ? Math.ceil : Math.trunc;
  const res = x.dtype.isFloatingPoint ? mapUnary(x, x.dtype, f) : copyOf(x);
  return finishUnary({ node: name === "floor" ? "FloorBackward0" : name === "ceil" ? "CeilBackward0" : "TruncBackward0", grad: zeroGrad }, x, res, inplace);
}
export const floor = (x: Tensor): Tensor => roundingOp("floor", tensorArg("floor", x), false);
export const ceil = (x: Tensor): Tensor => roundingOp("ceil", tensorArg("ceil", x), false);
export const trunc = (x: Tensor): Tensor => roundingOp("trunc", tensorArg("trunc", x), false);

export interface RoundOptions {
  decimals?: number;
}
/** torch.round(x, *, decimals=0): halves to even; with decimals, scaled by 10^decimals first. */
export function round(x: Tensor, decimals?: number | RoundOptions): Tensor {
  return roundImpl(tensorArg("round", x), decimalsOf(decimals, true), false);
}
/** The decimals argument, or null when not given (round.decimals is a separate overload, RoundBackward1). */
function decimalsOf(d: number | RoundOptions | undefined, fnForm = false, inplace = false): number | null {
  const v = typeof d === "object" && d !== null ? d.decimals : d;
  if (v === undefined || v === null) return null;
  if (!Number.isInteger(v)) {
    const name = inplace ? "round_" : "round";
    throw new TorchTypeError(
      fnForm
        ? `${name}() received an invalid combination of arguments - got (Tensor, decimals=float), but expected one of:\n * (Tensor input, *, Tensor out)\n * (Tensor input, *, int decimals, Tensor out)\n`
        : `${name}(): argument 'decimals' must be int, not float`,
    );
  }
  return v;
}
function roundImpl(x: Tensor, decimalsArg: number | null, inplace: boolean): Tensor {
  if (inplace) checkInplace(x);
  const decimals = decimalsArg ?? 0;
  let res: Tensor;
  if (decimals === 0) {
    // round(x) copies an integer tensor; round(x, decimals=0) runs the float kernel, which takes no integers
    if (x.dtype === bool || (decimalsArg !== null && !x.dtype.isFloatingPoint)) notImplementedFor("round_vml_cpu", x.dtype);
    res = x.dtype.isFloatingPoint ? mapUnary(x, x.dtype, roundHalfEven) : copyOf(x);
  } else {
    if (!x.dtype.isFloatingPoint) notImplementedFor("round_cpu", x.dtype);
    const r = x.dtype === float32 ? fr : ID;
    const tenPow = r(Number(`1e${Math.abs(decimals)}`));
    res = mapUnary(x, x.dtype, decimals < 0 ? (a) => r(roundHalfEven(r(a / tenPow)) * tenPow) : (a) => r(roundHalfEven(r(a * tenPow)) / tenPow));
  }
  return finishUnary({ node: decimalsArg === null ? "RoundBackward0" : "RoundBackward1", grad: zeroGrad }, x, res, inplace);
}

/** torch.frac: x - trunc(x) (floating types only). */
export function frac(x: Tensor): Tensor {
  return fracImpl(tensorArg("frac", x), false);
}
function fracImpl(x: Tensor, inplace: boolean): Tensor {
  if (inplace) checkInplace(x);
  if (!x.dtype.isFloatingPoint) notImplementedFor("frac_cpu", x.dtype);
  const res = mapUnary(x, x.dtype, (a) => a - Math.trunc(a));
  return finishUnary({ node: "FracBackward0", grad: (g) => g }, x, res, inplace);
}

function signInPlace(x: Tensor): Tensor {
  checkInplace(x);
  const res = gradMode.enabled ? noGrad(() => unaryOp("sign", x)) : unaryOp("sign", x);
  return finishUnary({ node: "SignBackward0", grad: zeroGrad }, x, res, true);
}


export interface NanToNumOptions {
  nan?: number | null;
  posinf?: number | null;
  neginf?: number | null;
}
/** torch.nan_to_num(x, nan=0.0, posinf=None, neginf=None). */
export function nanToNum(x: Tensor, nan?: number | null | NanToNumOptions, posinf?: number | null, neginf?: number | null): Tensor {
  return nanToNumImpl(tensorArg("nan_to_num", x), nanArgs(nan, posinf, neginf), false);
}
function nanArgs(nan: number | null | undefined | NanToNumOptions, posinf?: number | null, neginf?: number | null): [number, number | null, number | null] {
  if (nan !== null && typeof nan === "object") return [nan.nan ?? 0, nan.posinf ?? null, nan.neginf ?? null];
  return [nan ?? 0, posinf ?? null, neginf ?? null];
}
function nanToNumImpl(x: Tensor, [nan, posinf, neginf]: [number, number | null, number | null], inplace: boolean): Tensor {
  if (inplace) checkInplace(x);
  let res: Tensor;
  if (x.dtype.isFloatingPoint) {
    const f32 = x.dtype === float32;
    const max = f32 ? 3.4028234663852886e38 : Number.MAX_VALUE;
    const n = f32 ? fr(nan) : nan;
    const p = posinf === null ? max : f32 ? fr(posinf) : posinf;
    const m = neginf === null ? -max : f32 ? fr(neginf) : neginf;
    res = mapUnary(x, x.dtype, (a) => (a !== a ? n : a === Infinity ? p : a === -Infinity ? m : a));
  } else res = copyOf(x);
  return finishUnary({ node: "NanToNumBackward0", self: true, grad: (g, s) => g.mul(s.isfinite()) }, x, res, inplace);
}

function classify(x: Tensor, f: F1, ints: number): Tensor {
  if (!x.dtype.isFloatingPoint) {
    const out = new Tensor(new Uint8Array(x.numel()).fill(ints), x._shape.slice(), undefined, 0, bool);
    return x._shape.length < 2 ? out : laidOutLike(out._data, x._shape.slice(), [x], bool);
  }
  return mapUnary(x, bool, f);
}
export const isnan = (x: Tensor): Tensor => classify(tensorArg("isnan", x), (a) => (a !== a ? 1 : 0), 0);
export const isinf = (x: Tensor): Tensor => classify(tensorArg("isinf", x), (a) => (a === Infinity || a === -Infinity ? 1 : 0), 0);
export const isfinite = (x: Tensor): Tensor => classify(tensorArg("isfinite", x), (a) => (a - a === 0 ? 1 : 0), 1);

// ---- clamp ---------------------------------------------------------------------------------------

type Bound = number | boolean | Tensor | null | undefined;
export interface ClampOptions {
  min?: number | Tensor | null;
  max?: number | Tensor | null;
}

function boundsOf(min: Bound | ClampOptions, max: Bound): [Bound, Bound] {
  if (min !== null && typeof min === "object" && !(min instanceof Tensor)) return [min.min ?? null, min.max ?? null];
  return [min ?? null, max ?? null];
}

/** torch.clamp(x, min=None, max=None): bounds as numbers or tensors (broadcast, promoted). */
export function clamp(x: Tensor, min?: number | Tensor | null | ClampOptions, max?: number | Tensor | null): Tensor {
  const [lo, hi] = boundsOf(min, max);
  return clampImpl(x, lo, hi, false);
}
/** torch.clip: an alias of clamp. */
export const clip = clamp;

function clampImpl(x: Tensor, min: Bound, max: Bound, inplace: boolean): Tensor {
  if (min == null && max == null) throw new RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None");
  if (inplace) checkInplace(x);
  if (min instanceof Tensor || max instanceof Tensor) return clampTensor(x, min == null ? null : asTensor(min), max == null ? null : asTensor(max), inplace);
  // clamp(Tensor, Scalar?, Scalar?): floating self keeps its dtype; otherwise the scalars take part in promotion
  let dtype = x.dtype;
  if (!dtype.isFloatingPoint) {
    const ops = [descr(x)];
    if (min != null) ops.push({ dtype: scalarDtype(min), ndim: 0, wrapped: true });
    if (max != null) ops.push({ dtype: scalarDtype(max), ndim: 0, wrapped: true });
    dtype = resultTypeOf(ops);
    if (inplace && dtype !== x.dtype)
      throw new RuntimeError(`result type ${TYPE_NAME[dtype.name]} can't be cast to the desired output type ${META_NAME[x.dtype.name]}`);
  }
  if (dtype === bool) notImplementedFor(min != null && max != null ? "clamp_scalar_cpu" : min != null ? "clamp_min_cpu" : "clamp_max_cpu", bool);
  const cast = (v: number | boolean) => (dtype === float32 ? fr(+v) : +v);
  const lo = min == null ? null : cast(min);
  const hi = max == null ? null : cast(max);
  let f: F1;
  // std::min(std::max(a, min), max); both bounds with a NaN among them fill NaN (TensorCompare.cpp)
  if (lo !== null && hi !== null)
    f = lo !== lo || hi !== hi ? () => NaN : (a) => {
      if (a !== a) return a;
      const v = a < lo ? lo : a;
      return hi < v ? hi : v;
    };
  else if (lo !== null) f = (a) => (a < lo ? lo : a);
  else f = (a) => (hi! < a ? hi! : a);
  const res = mapUnary(x, dtype, dtype === int64 ? (a) => f(a) + 0 : f);
  const recMin = min == null ? null : +min;
  const recMax = max == null ? null : +max;
  return finishUnary(
    {
      node: "ClampBackward1", self: true,
      // clamp_backward (Scalar bounds)
      grad: (g, s) => {
        let mask: Tensor;
        if (recMin !== null && recMax !== null) mask = s.ge(recMin).logicalAnd(s.le(recMax));
        else if (recMin !== null) mask = s.ge(recMin);
        else mask = s.le(recMax!);
        return where(mask, g, 0);
      },
    },
    x, res, inplace,
  );
}

/** clamp(Tensor, Tensor?, Tensor?): TensorIterator promotion over all operands; NaN bounds propagate. */
function clampTensor(x: Tensor, min: Tensor | null, max: Tensor | null, inplace: boolean): Tensor {
  const ops = [x, ...(min ? [min] : []), ...(max ? [max] : [])];
  const dtype = resultTypeOf(ops.map(descr));
  // one bound is at::maximum / at::minimum (which take bool); both go through clamp's kernel
  if (dtype === bool && min && max) notImplementedFor("clamp_cpu", bool);
  const norm = dtype === int64 ? (v: number) => v + 0 : ID;
  let res: Tensor;
  if (min && max)
    res = ternaryKernel((a, lo, hi) => (lo !== lo || hi !== hi ? NaN : norm(nanMin(nanMax(a, lo), hi))), x, min, max, dtype);
  else if (min) res = binaryIn(nanMax, x, min, dtype);
  else res = binaryIn(nanMin, x, max!, dtype);
  const recording = shouldRecordAll(ops);
  let out = res;
  let selfSaved = x;
  if (inplace) {
    const original = writeBack(x, res, recording);
    out = x;
    if (original) selfSaved = original;
  }
  if (recording) {
    const hasMin = min !== null;
    const hasMax = max !== null;
    attach(inplace, "ClampBackward0", ops, out, [selfSaved, min, max], (ctx, [g]) => {
      const s = ctx.saved(0);
      const lo = hasMin ? ctx.saved(1) : null;
      const hi = hasMax ? ctx.saved(2) : null;
      const zero = 0;
      const grads: (Tensor | null)[] = [];
      // clamp_backward
      if (ctx.needs(0)) {
        if (lo && hi) grads.push(where(s.ge(lo).logicalAnd(s.le(hi)), g, zero));
        else if (lo) grads.push(where(s.ge(lo), g, zero));
        else grads.push(where(s.le(hi!), g, zero));
      } else grads.push(null);
      // clamp_backward_min_max: a bound above the other one gets no gradient
      if (lo) {
        const i = 1;
        if (!ctx.needs(i)) grads.push(null);
        else if (hi) grads.push(where(s.lt(lo).logicalAnd(lo.lt(hi)), g, zero));
        else grads.push(where(s.lt(lo), g, zero));
      }
      if (hi) {
        const i = lo ? 2 : 1;
        if (!ctx.needs(i)) grads.push(null);
        else if (lo) grads.push(where(s.gt(hi).logicalOr(hi.lt(lo)), g, zero));
        else grads.push(where(s.gt(hi), g, zero));
      }
      return grads;
    });
  }
  return out;
}

/** at::maximum / minimum: NaN in either operand propagates. */
function nanMax(a: number, b: number): number {
  return a !== a || b !== b ? NaN : a > b ? a : b;
}
function nanMin(a: number, b: number): number {
  return a !== a || b !== b ? NaN : a < b ? a : b;
}

// ---- division with rounding, fmod, remainder --------------------------------------------------------

type RoundingMode = "trunc" | "floor";

/** c10's div_floor_floating (PyTorch 2.x: division by zero gives the IEEE quotient). */
function divFloorFloat(r: F1): F2 {
  return (a, b) => {
    if (b === 0) return a / b;
    const mod = a % b;
    let div = r(r(a - mod) / b);
    if (mod !== 0 && b < 0 !== mod < 0) div = r(div - 1);
    if (div !== 0) {
      let floordiv = Math.floor(div);
      if (r(div - floordiv) > 0.5) floordiv = r(floordiv + 1);
      return floordiv;
    }
    const q = a / b;
    return q < 0 || Object.is(q, -0) ? -0 : 0;
  };
}

/** Integer floor/trunc division (exact for |values| <= 2^53); a zero divisor raises. */
function divInt(mode: RoundingMode): F2 {
  return (a, b) => {
    if (b === 0) zeroDivision();
    const rem = a % b;
    let q = (a - rem) / b;
    if (mode === "floor" && rem !== 0 && rem < 0 !== b < 0) q -= 1;
    return q + 0;
  };
}

function divKernel(mode: RoundingMode, dtype: DType): F2 {
  if (!dtype.isFloatingPoint) return divInt(mode);
  const r = dtype === float32 ? fr : ID;
  return mode === "trunc" ? (a, b) => Math.trunc(r(a / b)) : divFloorFloat(r);
}

/**
 * div(a, b, rounding_mode) (div.Tensor_mode, DivBackward2; a null mode is true division) and
 * floor_divide: with a mode the dtype is the promoted one (integers stay integers).
 */
function divRounded(a: Tensor, bv: TensorOrScalar, mode: string | null, inplace: boolean, floorDivideOp: boolean): Tensor {
  if (mode !== null && mode !== "trunc" && mode !== "floor")
    throw new RuntimeError(`div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '${mode}'`);
  const b = asTensor(bv);
  if (inplace) checkInplace(a, b);
  let res: Tensor;
  if (mode === null) res = noGrad(() => a.div(b));
  else {
    const dtype = promote(a, b);
    if (dtype === bool) notImplementedFor(mode === "trunc" ? "div_trunc_cpu" : "div_floor_cpu", bool);
    res = binaryIn(divKernel(mode, dtype), a, b, dtype);
  }
  const recording = shouldRecord(a, b);
  let out = res;
  let selfSaved = a;
  if (inplace) {
    const original = writeBack(a, res, recording && mode === null && b.requiresGrad);
    out = a;
    if (original) selfSaved = original;
  }
  if (recording && mode === null) {
    // div_tensor_self_backward / div_tensor_other_backward without a rounding mode
    attach(inplace, "DivBackward2", [a, b], out, [b.requiresGrad ? selfSaved : null, b], (ctx, [g]) => {
      const o = ctx.saved(1);
      return [ctx.needs(0) ? g.div(o) : null, ctx.needs(1) ? g.neg().mul(ctx.saved(0).div(o).div(o)) : null];
    });
  } else if (recording) {
    if (floorDivideOp) {
      attach(inplace, "NotImplemented", b._wrapped ? [a] : [a, b], out, [], () => {
        throw new RuntimeError("derivative for aten::floor_divide is not implemented");
      });
    } else {
      // div.Tensor_mode: div_tensor_self_backward / div_tensor_other_backward with a rounding mode are zeros
      attach(inplace, "DivBackward2", [a, b], out, [], (ctx, [g]) => [ctx.needs(0) ? zerosLike(g) : null, ctx.needs(1) ? zerosLike(g) : null]);
    }
  }
  return out;
}
divRounding.impl = (a, b, mode, inplace) => divRounded(a, b, mode, inplace, false);

/** torch.floor_divide(a, b): division rounded toward -inf; integer inputs stay integers. */
export function floorDivide(a: Tensor | number, b: TensorOrScalar): Tensor {
  return divRounded(a instanceof Tensor ? a : wrapScalar(a), b, "floor", false, true);
}

function modKernel(op: "fmod" | "remainder", dtype: DType): F2 {
  if (!dtype.isFloatingPoint) {
    return op === "fmod"
      ? (a, b) => (b === 0 ? zeroDivision() : (a % b) + 0)
      : (a, b) => {
          if (b === 0) zeroDivision();
          let m = a % b;
          if (m !== 0 && m < 0 !== b < 0) m += b;
          return m + 0;
        };
  }
  if (op === "fmod") return (a, b) => a % b;
  const r = dtype === float32 ? fr : ID;
  return (a, b) => {
    let m = a % b;
    if (m !== 0 && b < 0 !== m < 0) m = r(m + b);
    return m;
  };
}

/** fmod / remainder with a tensor or number divisor; remainder also takes a number dividend. */
function modOp(op: "fmod" | "remainder", av: TensorOrScalar, bv: TensorOrScalar, inplace: boolean): Tensor {
  const scalarSelf = !(av instanceof Tensor);
  const a = asTensor(av);
  const b = asTensor(bv);
  if (inplace) checkInplace(a, b);
  const dtype = promote(a, b);
  if (dtype === bool) notImplementedFor(`${op}_cpu`, bool);
  const res = binaryIn(modKernel(op, dtype), a, b, dtype);
  const recording = shouldRecord(a, b);
  const node = op === "fmod" ? "Fmod" : "Remainder";
  let out = res;
  let selfSaved = a;
  if (inplace) {
    const original = writeBack(a, res, recording && b.requiresGrad);
    out = a;
    if (original) selfSaved = original;
  }
  if (recording) {
    if (scalarSelf) {
      attach(false, "NotImplemented", [b], out, [], () => {
        throw new RuntimeError(`derivative for aten::${op} is not implemented`);
      });
    } else if (b._wrapped) {
      attach(inplace, `${node}Backward0`, [a], out, [], (_ctx, [g]) => [g]);
    } else {
      const mode: RoundingMode = op === "fmod" ? "trunc" : "floor";
      attach(inplace, `${node}Backward1`, [a, b], out, [b.requiresGrad ? selfSaved : null, b.requiresGrad ? b : null], (ctx, [g]) => [
        ctx.needs(0) ? g : null,
        ctx.needs(1) ? g.neg().mul(ctx.saved(0).div(ctx.saved(1), { roundingMode: mode })) : null,
      ]);
    }
  }
  return out;
}
/** torch.fmod(a, b): C's fmod, the remainder with the dividend's sign. */
export const fmod = (a: Tensor, b: TensorOrScalar): Tensor => modOp("fmod", a, b, false);
/** torch.remainder(a, b): Python's %, the remainder with the divisor's sign. */
export const remainder = (a: TensorOrScalar, b: TensorOrScalar): Tensor => modOp("remainder", a, b, false);

// ---- binary float ops: atan2, hypot, xlogy ------------------------------------------------------

/** A float32 / float64 binary op as ATen's cpu_kernel_vec evaluates it: SLEEF in vectors, libm in tails. */
function atenBinary(k: AtenBinary, a: Tensor, b: Tensor, dtype: DType): Tensor {
  const res = binaryKernel(k.vec, a, b, dtype, dtype);
  fixBinaryAten(k, a, b, res, dtype);
  return res;
}

function atan2Impl(av: TensorOrScalar, bv: TensorOrScalar, inplace: boolean): Tensor {
  const a = asTensor(av);
  const b = asTensor(bv);
  if (inplace) checkInplace(a, b);
  let dtype = promote(a, b);
  if (!dtype.isFloatingPoint) dtype = getDefaultDtype();
  const res = atenBinary(dtype === float32 ? ATAN2_F32 : ATAN2_F64, a, b, dtype);
  const recording = shouldRecord(a, b);
  let out = res;
  let selfSaved = a;
  if (inplace) {
    const original = writeBack(a, res, recording);
    out = a;
    if (original) selfSaved = original;
  }
  if (recording)
    attach(inplace, "Atan2Backward0", [a, b], out, [selfSaved, b], (ctx, [g]) => {
      // atan2_backward
      const s = ctx.saved(0);
      const o = ctx.saved(1);
      const recip = s.mul(s).add(o.mul(o)).reciprocal();
      return [ctx.needs(0) ? g.mul(o).mul(recip) : null, ctx.needs(1) ? g.mul(s.neg()).mul(recip) : null];
    });
  return out;
}
/** torch.atan2(y, x): the angle of (x, y); integer inputs give the default float dtype. */
export const atan2 = (a: Tensor, b: TensorOrScalar): Tensor => atan2Impl(a, b, false);

function hypotImpl(av: TensorOrScalar, bv: TensorOrScalar, inplace: boolean): Tensor {
  const a = asTensor(av);
  const b = asTensor(bv);
  if (inplace) checkInplace(a, b);
  const dtype = promote(a, b);
  if (!dtype.isFloatingPoint) notImplementedFor("hypot_cpu", dtype);
  const res = atenBinary(dtype === float32 ? HYPOT_F32 : HYPOT_F64, a, b, dtype);
  const recording = shouldRecord(a, b);
  let out = res;
  let selfSaved = a;
  if (inplace) {
    const original = writeBack(a, res, recording);
    out = a;
    if (original) selfSaved = original;
  }
  if (recording)
    attach(inplace, "HypotBackward0", [a, b], out, [selfSaved, b, out], (ctx, [g]) => {
      const r = ctx.saved(2);
      return [ctx.needs(0) ? g.mul(ctx.saved(0)).div(r) : null, ctx.needs(1) ? g.mul(ctx.saved(1)).div(r) : null];
    });
  return out;
}
/** torch.hypot(a, b): sqrt(a^2 + b^2) (floating types). */
export const hypot = (a: Tensor, b: TensorOrScalar): Tensor => hypotImpl(a, b, false);

function xlogyKernel(dtype: DType): F2 {
  const r = dtype === float32 ? fr : ID;
  return (x, y) => (y !== y ? NaN : x === 0 ? 0 : x * r(Math.log(y)));
}

function xlogyImpl(av: TensorOrScalar, bv: TensorOrScalar, inplace: boolean): Tensor {
  const selfScalar = !(av instanceof Tensor);
  const otherScalar = !(bv instanceof Tensor);
  const a = asTensor(av);
  const b = asTensor(bv);
  if (inplace) checkInplace(a, b);
  let dtype = promote(a, b);
  if (!dtype.isFloatingPoint) dtype = getDefaultDtype();
  const res = binaryKernel(xlogyKernel(dtype), a, b, dtype, dtype);
  const recording = shouldRecord(a, b);
  let out = res;
  let selfSaved = a;
  if (inplace) {
    const original = writeBack(a, res, recording);
    out = a;
    if (original) selfSaved = original;
  }
  if (!recording) return out;
  if (selfScalar) {
    const s = +av;
    attach(false, "XlogyBackward1", [b], out, [b], (ctx, [g]) => [g.mul(s).div(ctx.saved(0))]);
  } else if (otherScalar) {
    const o = +bv;
    attach(inplace, "XlogyBackward2", [a], out, [selfSaved], (ctx, [g]) => {
      const gy = xlogy(g, o);
      return [o > 0 ? gy : where(ctx.saved(0).eq(0), 0, gy)];
    });
  } else {
    attach(inplace, "XlogyBackward0", [a, b], out, [selfSaved, b], (ctx, [g]) => {
      const s = ctx.saved(0);
      const o = ctx.saved(1);
      return [
        ctx.needs(0) ? where(s.eq(0).logicalAnd(o.le(0)), 0, xlogy(g, o)) : null,
        ctx.needs(1) ? g.mul(s).div(o) : null,
      ];
    });
  }
  return out;
}
/** torch.xlogy(x, y): x * log(y), 0 where x == 0 (unless y is NaN). */
export const xlogy = (a: TensorOrScalar, b: TensorOrScalar): Tensor => xlogyImpl(a, b, false);

// ---- lerp, addcmul, addcdiv ---------------------------------------------------------------------

function lerpImpl(self: Tensor, end: Tensor, weight: number | Tensor, inplace: boolean): Tensor {
  if (inplace) checkInplace(self, end);
  if (end.dtype !== self.dtype)
    throw new RuntimeError(`expected dtype ${META_NAME[self.dtype.name]} for \`end\` but got dtype ${META_NAME[end.dtype.name]}`);
  const wt = weight instanceof Tensor ? weight : null;
  if (wt && wt.dtype !== self.dtype)
    throw new RuntimeError(`expected dtype ${META_NAME[self.dtype.name]} for \`weight\` but got dtype ${META_NAME[wt.dtype.name]}`);
  const dtype = self.dtype;
  if (!dtype.isFloatingPoint) notImplementedFor(wt ? "lerp_kernel_tensor" : "lerp_kernel_scalar", dtype);
  const r = dtype === float32 ? fr : ID;
  // ATen's lerp: self + w * (end - self) for |w| < 0.5, else end - (end - self) * (1 - w)
  const lerpF = (s: number, e: number, w: number) => (Math.abs(w) < 0.5 ? r(s + r(w * r(e - s))) : r(e - r(r(e - s) * r(1 - w))));
  let res: Tensor;
  if (wt) res = ternaryKernel(lerpF, self, end, wt, dtype);
  else {
    const w = r(weight as number);
    res = binaryKernel((s, e) => lerpF(s, e, w), self, end, dtype, dtype);
  }
  const inputs = wt ? [self, end, wt] : [self, end];
  const recording = shouldRecordAll(inputs);
  let out = res;
  let selfSaved = self;
  if (inplace) {
    const original = writeBack(self, res, recording && wt !== null && wt.requiresGrad);
    out = self;
    if (original) selfSaved = original;
  }
  if (recording) {
    if (wt) {
      const needW = wt.requiresGrad;
      attach(inplace, "LerpBackward1", inputs, out, [needW ? selfSaved : null, needW ? end : null, wt], (ctx, [g]) => {
        const w = ctx.saved(2);
        return [
          ctx.needs(0) ? g.mul(w.rsub(1)) : null,
          ctx.needs(1) ? g.mul(w) : null,
          ctx.needs(2) ? g.mul(ctx.saved(1).sub(ctx.saved(0))) : null,
        ];
      });
    } else {
      const w = weight as number;
      attach(inplace, "LerpBackward0", inputs, out, [], (ctx, [g]) => [ctx.needs(0) ? g.mul(1 - w) : null, ctx.needs(1) ? g.mul(w) : null]);
    }
  }
  return out;
}
/** torch.lerp(start, end, weight): start + weight * (end - start). */
export const lerp = (start: Tensor, end: Tensor, weight: number | Tensor): Tensor => lerpImpl(start, end, weight, false);

export interface ValueOptions {
  value?: number;
}
function valueOf(v: number | ValueOptions | undefined): number {
  if (v !== null && typeof v === "object") return v.value ?? 1;
  return v ?? 1;
}

function addcImpl(op: "addcmul" | "addcdiv", self: Tensor, t1: Tensor, t2: Tensor, value: number, inplace: boolean): Tensor {
  if (inplace) checkInplace(self, t1);
  if (op === "addcdiv" && !t1.dtype.isFloatingPoint && !t2.dtype.isFloatingPoint)
    throw new RuntimeError(
      "Integer division with addcdiv is no longer supported, and in a future  release addcdiv will perform a true division of tensor1 and tensor2. " +
        "The historic addcdiv behavior can be implemented as (input + value * torch.trunc(tensor1 / tensor2)).to(input.dtype) for integer inputs and as " +
        "(input + value * tensor1 / tensor2) for float inputs. The future addcdiv behavior is just the latter implementation: (input + value * tensor1 / tensor2), for all dtypes.",
    );
  const dtype = resultTypeOf([descr(self), descr(t1), descr(t2)]);
  if (dtype === bool) notImplementedFor(`${op}_cpu_out`, bool);
  const r = dtype === float32 ? fr : ID;
  // the scalar converted to the op's dtype (integers truncate)
  const v = dtype.isFloatingPoint ? r(value) : Math.trunc(value);
  const f =
    op === "addcmul"
      ? dtype.isFloatingPoint
        ? (s: number, a: number, b: number) => r(s + r(r(v * a) * b))
        : (s: number, a: number, b: number) => s + v * a * b + 0
      : (s: number, a: number, b: number) => r(s + r(r(v * a) / b));
  const res = ternaryKernel(f, self, t1, t2, dtype);
  const inputs = [self, t1, t2];
  const recording = shouldRecordAll(inputs);
  let out = res;
  if (inplace) {
    writeBack(self, res, false);
    out = self;
  }
  if (recording) {
    const n1 = t1.requiresGrad;
    const n2 = t2.requiresGrad;
    if (op === "addcmul")
      attach(inplace, "AddcmulBackward0", inputs, out, [null, n2 ? t1 : null, n1 ? t2 : null], (ctx, [g]) => [
        ctx.needs(0) ? g : null,
        ctx.needs(1) ? g.mul(ctx.saved(2).mul(value)) : null,
        ctx.needs(2) ? g.mul(ctx.saved(1).mul(value)) : null,
      ]);
    else
      attach(inplace, "AddcdivBackward0", inputs, out, [null, n2 ? t1 : null, n1 || n2 ? t2 : null], (ctx, [g]) => {
        const b = ctx.needs(1) || ctx.needs(2) ? ctx.saved(2) : null;
        return [
          ctx.needs(0) ? g : null,
          ctx.needs(1) ? g.mul(wrapScalar(value).div(b!)) : null,
          ctx.needs(2) ? g.neg().mul(ctx.saved(1).mul(value).div(b!.mul(b!))) : null,
        ];
      });
  }
  return out;
}
/** torch.addcmul(input, tensor1, tensor2, *, value=1): input + value * tensor1 * tensor2. */
export function addcmul(self: Tensor, t1: Tensor, t2: Tensor, value?: number | ValueOptions): Tensor {
  return addcImpl("addcmul", self, t1, t2, valueOf(value), false);
}
/** torch.addcdiv(input, tensor1, tensor2, *, value=1): input + value * tensor1 / tensor2. */
export function addcdiv(self: Tensor, t1: Tensor, t2: Tensor, value?: number | ValueOptions): Tensor {
  return addcImpl("addcdiv", self, t1, t2, valueOf(value), false);
}

// ---- logical and bitwise ops --------------------------------------------------------------------

type LogicalName = "logicalAnd" | "logicalOr" | "logicalXor";

/**
 * The in-place form of an op without an autograd kernel (logical, bitwise): PyTorch's cast and shape
 * checks, the write and the version bump; no leaf check and the grad_fn is left as it was.
 */
function nonDiffInPlace(self: Tensor, compute: () => Tensor): Tensor {
  writeBack(self, noGrad(compute), false);
  return self;
}

function logicalInPlace(name: LogicalName, self: Tensor, other: TensorOrScalar): Tensor {
  return nonDiffInPlace(self, () => compare(name, self, other));
}

type BitwiseName = "and" | "or" | "xor" | "lshift" | "rshift";
const BITWISE_KERNEL_NAME: Record<BitwiseName, string> = {
  and: "bitwise_and_cpu", or: "bitwise_or_cpu", xor: "bitwise_xor_cpu", lshift: "lshift_cpu", rshift: "rshift_cpu",
};
const TWO32 = 4294967296;

/** A 64-bit two's-complement bitwise op on int64 values held exactly in doubles. */
function int64Bits(op: (x: number, y: number) => number): F2 {
  return (a, b) => {
    const ah = Math.floor(a / TWO32);
    const bh = Math.floor(b / TWO32);
    const al = a - ah * TWO32;
    const bl = b - bh * TWO32;
    return op(ah, bh) * TWO32 + (op(al, bl) >>> 0);
  };
}

function bitwiseKernel(name: BitwiseName, dtype: DType): F2 {
  if (dtype === bool) {
    if (name === "and") return (a, b) => (a && b ? 1 : 0);
    if (name === "or") return (a, b) => (a || b ? 1 : 0);
    return (a, b) => (!a !== !b ? 1 : 0);
  }
  if (dtype === int32) {
    switch (name) {
      case "and":
        return (a, b) => a & b;
      case "or":
        return (a, b) => a | b;
      case "xor":
        return (a, b) => a ^ b;
      // PyTorch 2.x: shifts by a negative amount or by the bit width or more give 0 (left) or the sign (right)
      case "lshift":
        return (a, b) => (b < 0 || b >= 32 ? 0 : a << b);
      case "rshift":
        return (a, b) => (b < 0 || b >= 31 ? a >> 31 : a >> b);
    }
  }
  switch (name) {
    case "and":
      return int64Bits((x, y) => x & y);
    case "or":
      return int64Bits((x, y) => x | y);
    case "xor":
      return int64Bits((x, y) => x ^ y);
    case "lshift":
      return (a, b) => {
        if (b < 0 || b >= 64) return 0;
        const v = a * Math.pow(2, b);
        return Math.abs(v) < 9007199254740992 ? v + 0 : Number(BigInt.asIntN(64, BigInt(a) << BigInt(b)));
      };
    case "rshift":
      return (a, b) => (b < 0 || b >= 63 ? (a < 0 ? -1 : 0) : Math.floor(a / Math.pow(2, b)) + 0);
  }
}

function bitwiseImpl(name: BitwiseName, av: TensorOrScalar, bv: TensorOrScalar, inplace: boolean): Tensor {
  const a = asTensor(av);
  const b = asTensor(bv);
  const compute = () => {
    const dtype = promote(a, b);
    if (dtype.isFloatingPoint || (dtype === bool && (name === "lshift" || name === "rshift"))) notImplementedFor(BITWISE_KERNEL_NAME[name], dtype);
    return binaryKernel(bitwiseKernel(name, dtype), a, b, dtype, dtype);
  };
  return inplace ? nonDiffInPlace(a, compute) : compute();
}
export const bitwiseAnd = (a: TensorOrScalar, b: TensorOrScalar): Tensor => bitwiseImpl("and", a, b, false);
export const bitwiseOr = (a: TensorOrScalar, b: TensorOrScalar): Tensor => bitwiseImpl("or", a, b, false);
export const bitwiseXor = (a: TensorOrScalar, b: TensorOrScalar): Tensor => bitwiseImpl("xor", a, b, false);
export const bitwiseLeftShift = (a: TensorOrScalar, b: TensorOrScalar): Tensor => bitwiseImpl("lshift", a, b, false);
export const bitwiseRightShift = (a: TensorOrScalar, b: TensorOrScalar): Tensor => bitwiseImpl("rshift", a, b, false);

/** torch.bitwise_not: ~x for integers, logical not for bool. */
export function bitwiseNot(x: Tensor): Tensor {
  tensorArg("bitwise_not", x);
  if (x.dtype.isFloatingPoint) notImplementedFor("bitwise_not_cpu", x.dtype);
  return mapUnary(x, x.dtype, x.dtype === bool ? (a) => (a ? 0 : 1) : (a) => -a - 1);
}

// ---- dtype promotion helpers -------------------------------------------------------------------

type Operand = Tensor | number | boolean | bigint;
function operandDescr(v: Operand): { dtype: DType; ndim: number; wrapped: boolean } {
  if (v instanceof Tensor) return descr(v);
  return { dtype: scalarDtype(v), ndim: 0, wrapped: true };
}

/**
 * torch.result_type(a, b): the dtype an elementwise op on these operands computes in. Dimensioned
 * tensors outrank 0-dim tensors, which outrank JS numbers, unless a lower-ranked operand is of a
 * higher category (bool < integer < floating). A JS integer stands for a Python int, any other
 * number for a Python float, a boolean for a Python bool.
 */
export function resultType(a: Operand, b: Operand): DType {
  return resultTypeOf([operandDescr(a), operandDescr(b)]);
}

/** torch.can_cast(from, to): whether an in-place op may write a `from` result into a `to` tensor. */
export function canCast(from: DType | string, to: DType | string): boolean {
  return category(dtypeOf(from)) <= category(dtypeOf(to));
}

// ---- Tensor methods -----------------------------------------------------------------------------

declare module "../tensor/tensor.js" {
  interface Tensor {
    exp2(): Tensor;
    expm1(): Tensor;
    log2(): Tensor;
    log10(): Tensor;
    log1p(): Tensor;
    rsqrt(): Tensor;
    reciprocal(): Tensor;
    tan(): Tensor;
    asin(): Tensor;
    acos(): Tensor;
    atan(): Tensor;
    sinh(): Tensor;
    cosh(): Tensor;
    asinh(): Tensor;
    acosh(): Tensor;
    atanh(): Tensor;
    erf(): Tensor;
    erfc(): Tensor;
    erfinv(): Tensor;
    lgamma(): Tensor;
    digamma(): Tensor;
    polygamma(n: number): Tensor;
    sinc(): Tensor;
    logit(eps?: number | null | { eps?: number | null }): Tensor;
    floor(): Tensor;
    ceil(): Tensor;
    trunc(): Tensor;
    round(decimals?: number | RoundOptions): Tensor;
    frac(): Tensor;
    nanToNum(nan?: number | null | NanToNumOptions, posinf?: number | null, neginf?: number | null): Tensor;
    isnan(): Tensor;
    isinf(): Tensor;
    isfinite(): Tensor;
    clamp(min?: number | Tensor | null | ClampOptions, max?: number | Tensor | null): Tensor;
    clip(min?: number | Tensor | null | ClampOptions, max?: number | Tensor | null): Tensor;
    floorDivide(other: TensorOrScalar): Tensor;
    fmod(other: TensorOrScalar): Tensor;
    remainder(other: TensorOrScalar): Tensor;
    atan2(other: TensorOrScalar): Tensor;
    hypot(other: TensorOrScalar): Tensor;
    xlogy(other: TensorOrScalar): Tensor;
    lerp(end: Tensor, weight: number | Tensor): Tensor;
    addcmul(tensor1: Tensor, tensor2: Tensor, value?: number | ValueOptions): Tensor;
    addcdiv(tensor1: Tensor, tensor2: Tensor, value?: number | ValueOptions): Tensor;
    logicalXor(other: TensorOrScalar): Tensor;
    bitwiseAnd(other: TensorOrScalar): Tensor;
    bitwiseOr(other: TensorOrScalar): Tensor;
    bitwiseXor(other: TensorOrScalar): Tensor;
    bitwiseNot(): Tensor;
    bitwiseLeftShift(other: TensorOrScalar): Tensor;
    bitwiseRightShift(other: TensorOrScalar): Tensor;

    exp2_(): Tensor;
    expm1_(): Tensor;
    log2_(): Tensor;
    log10_(): Tensor;
    log1p_(): Tensor;
    rsqrt_(): Tensor;
    reciprocal_(): Tensor;
    tan_(): Tensor;
    asin_(): Tensor;
    acos_(): Tensor;
    atan_(): Tensor;
    sinh_(): Tensor;
    cosh_(): Tensor;
    asinh_(): Tensor;
    acosh_(): Tensor;
    atanh_(): Tensor;
    erf_(): Tensor;
    erfc_(): Tensor;
    erfinv_(): Tensor;
    lgamma_(): Tensor;
    digamma_(): Tensor;
    polygamma_(n: number): Tensor;
    sinc_(): Tensor;
    logit_(eps?: number | null | { eps?: number | null }): Tensor;
    sign_(): Tensor;
    floor_(): Tensor;
    ceil_(): Tensor;
    trunc_(): Tensor;
    round_(decimals?: number | RoundOptions): Tensor;
    frac_(): Tensor;
    nanToNum_(nan?: number | null | NanToNumOptions, posinf?: number | null, neginf?: number | null): Tensor;
    clamp_(min?: number | Tensor | null | ClampOptions, max?: number | Tensor | null): Tensor;
    clip_(min?: number | Tensor | null | ClampOptions, max?: number | Tensor | null): Tensor;
    floorDivide_(other: TensorOrScalar): Tensor;
    fmod_(other: TensorOrScalar): Tensor;
    remainder_(other: TensorOrScalar): Tensor;
    atan2_(other: TensorOrScalar): Tensor;
    hypot_(other: TensorOrScalar): Tensor;
    xlogy_(other: TensorOrScalar): Tensor;
    lerp_(end: Tensor, weight: number | Tensor): Tensor;
    addcmul_(tensor1: Tensor, tensor2: Tensor, value?: number | ValueOptions): Tensor;
    addcdiv_(tensor1: Tensor, tensor2: Tensor, value?: number | ValueOptions): Tensor;
    logicalNot_(): Tensor;
    logicalAnd_(other: TensorOrScalar): Tensor;
    logicalOr_(other: TensorOrScalar): Tensor;
    logicalXor_(other: TensorOrScalar): Tensor;
    bitwiseAnd_(other: TensorOrScalar): Tensor;
    bitwiseOr_(other: TensorOrScalar): Tensor;
    bitwiseXor_(other: TensorOrScalar): Tensor;
    bitwiseNot_(): Tensor;
    bitwiseLeftShift_(other: TensorOrScalar): Tensor;
    bitwiseRightShift_(other: TensorOrScalar): Tensor;
  }
}

const methods: Record<string, (this: Tensor, ...args: any[]) => unknown> = {
  polygamma(this: Tensor, n: number) {
    return polygamma(n, this);
  },
  polygamma_(this: Tensor, n: number) {
    return polygammaImpl(n, this, true);
  },
  logit(this: Tensor, eps?: number | null | { eps?: number | null }) {
    return logitImpl(this, epsOf(eps), false);
  },
  logit_(this: Tensor, eps?: number | null | { eps?: number | null }) {
    return logitImpl(this, epsOf(eps), true);
  },
  floor(this: Tensor) {
    return roundingOp("floor", this, false);
  },
  floor_(this: Tensor) {
    return roundingOp("floor", this, true);
  },
  ceil(this: Tensor) {
    return roundingOp("ceil", this, false);
  },
  ceil_(this: Tensor) {
    return roundingOp("ceil", this, true);
  },
  trunc(this: Tensor) {
    return roundingOp("trunc", this, false);
  },
  trunc_(this: Tensor) {
    return roundingOp("trunc", this, true);
  },
  round(this: Tensor, decimals?: number | RoundOptions) {
    return roundImpl(this, decimalsOf(decimals), false);
  },
  round_(this: Tensor, decimals?: number | RoundOptions) {
    return roundImpl(this, decimalsOf(decimals, false, true), true);
  },
  frac(this: Tensor) {
    return fracImpl(this, false);
  },
  frac_(this: Tensor) {
    return fracImpl(this, true);
  },
  sign_(this: Tensor) {
    return signInPlace(this);
  },
  nanToNum(this: Tensor, nan?: number | null | NanToNumOptions, posinf?: number | null, neginf?: number | null) {
    return nanToNumImpl(this, nanArgs(nan, posinf, neginf), false);
  },
  nanToNum_(this: Tensor, nan?: number | null | NanToNumOptions, posinf?: number | null, neginf?: number | null) {
    return nanToNumImpl(this, nanArgs(nan, posinf, neginf), true);
  },
  isnan(this: Tensor) {
    return isnan(this);
  },
  isinf(this: Tensor) {
    return isinf(this);
  },
  isfinite(this: Tensor) {
    return isfinite(this);
  },
  clamp(this: Tensor, min?: number | Tensor | null | ClampOptions, max?: number | Tensor | null) {
    return clamp(this, min, max);
  },
  clip(this: Tensor, min?: number | Tensor | null | ClampOptions, max?: number | Tensor | null) {
    return clamp(this, min, max);
  },
  clamp_(this: Tensor, min?: number | Tensor | null | ClampOptions, max?: number | Tensor | null) {
    return clampImpl(this, ...boundsOf(min, max), true);
  },
  clip_(this: Tensor, min?: number | Tensor | null | ClampOptions, max?: number | Tensor | null) {
    return clampImpl(this, ...boundsOf(min, max), true);
  },
  floorDivide(this: Tensor, other: TensorOrScalar) {
    return divRounded(this, other, "floor", false, true);
  },
  floorDivide_(this: Tensor, other: TensorOrScalar) {
    return divRounded(this, other, "floor", true, true);
  },
  fmod(this: Tensor, other: TensorOrScalar) {
    return modOp("fmod", this, other, false);
  },
  fmod_(this: Tensor, other: TensorOrScalar) {
    return modOp("fmod", this, other, true);
  },
  remainder(this: Tensor, other: TensorOrScalar) {
    return modOp("remainder", this, other, false);
  },
  remainder_(this: Tensor, other: TensorOrScalar) {
    return modOp("remainder", this, other, true);
  },
  atan2(this: Tensor, other: TensorOrScalar) {
    return atan2Impl(this, other, false);
  },
  atan2_(this: Tensor, other: TensorOrScalar) {
    return atan2Impl(this, other, true);
  },
  hypot(this: Tensor, other: TensorOrScalar) {
    return hypotImpl(this, other, false);
  },
  hypot_(this: Tensor, other: TensorOrScalar) {
    return hypotImpl(this, other, true);
  },
  xlogy(this: Tensor, other: TensorOrScalar) {
    return xlogyImpl(this, other, false);
  },
  xlogy_(this: Tensor, other: TensorOrScalar) {
    return xlogyImpl(this, other, true);
  },
  lerp(this: Tensor, end: Tensor, weight: number | Tensor) {
    return lerpImpl(this, end, weight, false);
  },
  lerp_(this: Tensor, end: Tensor, weight: number | Tensor) {
    return lerpImpl(this, end, weight, true);
  },
  addcmul(this: Tensor, t1: Tensor, t2: Tensor, value?: number | ValueOptions) {
    return addcImpl("addcmul", this, t1, t2, valueOf(value), false);
  },
  addcmul_(this: Tensor, t1: Tensor, t2: Tensor, value?: number | ValueOptions) {
    return addcImpl("addcmul", this, t1, t2, valueOf(value), true);
  },
  addcdiv(this: Tensor, t1: Tensor, t2: Tensor, value?: number | ValueOptions) {
    return addcImpl("addcdiv", this, t1, t2, valueOf(value), false);
  },
  addcdiv_(this: Tensor, t1: Tensor, t2: Tensor, value?: number | ValueOptions) {
    return addcImpl("addcdiv", this, t1, t2, valueOf(value), true);
  },
  logicalXor(this: Tensor, other: TensorOrScalar) {
    return compare("logicalXor", this, other);
  },
  logicalNot_(this: Tensor) {
    return nonDiffInPlace(this, () => unaryOp("logicalNot", this));
  },
  logicalAnd_(this: Tensor, other: TensorOrScalar) {
    return logicalInPlace("logicalAnd", this, other);
  },
  logicalOr_(this: Tensor, other: TensorOrScalar) {
    return logicalInPlace("logicalOr", this, other);
  },
  logicalXor_(this: Tensor, other: TensorOrScalar) {
    return logicalInPlace("logicalXor", this, other);
  },
  bitwiseNot(this: Tensor) {
    return bitwiseNot(this);
  },
  bitwiseNot_(this: Tensor) {
    return nonDiffInPlace(this, () => bitwiseNot(this));
  },
};
for (const name of Object.keys(floatUnaryDefs) as FloatUnaryName[]) {
  methods[name] = function (this: Tensor) {
    return floatUnary(name, this, false);
  };
  methods[`${name}_`] = function (this: Tensor) {
    return floatUnary(name, this, true);
  };
}
for (const [m, name] of [["bitwiseAnd", "and"], ["bitwiseOr", "or"], ["bitwiseXor", "xor"], ["bitwiseLeftShift", "lshift"], ["bitwiseRightShift", "rshift"]] as const) {
  methods[m] = function (this: Tensor, other: TensorOrScalar) {
    return bitwiseImpl(name, this, other, false);
  };
  methods[`${m}_`] = function (this: Tensor, other: TensorOrScalar) {
    return bitwiseImpl(name, this, other, true);
  };
}
installMethods(methods);
