// Four-lane float32 exp, log, tanh and sigmoid (Cephes' single-precision polynomials, about 1 ulp:
// not bit-identical to the SLEEF routines PyTorch calls), and two-lane float64 exp, tanh and sigmoid
// (SLEEF's expd polynomial, about 1 ulp; float64 log stays AssemblyScript's scalar Math.log, musl's).
//
// Speed: V8 turns wasm's f32x4.min/max (NaN and ±0 rules) and i32x4.trunc_sat into several x64
// instructions each, so the clamps use pmin/pmax and n = round(x·log2 e) comes from adding 1.5·2^p
// (expReduce); the special cases (subnormal results, ±inf, NaN, ...) take a branch only when a vector
// holds one. The float32 results are those of the plain Cephes code with its selects.

@inline function fma4(a: v128, b: v128, c: v128): v128 {
  // a·b + c; fused in the relaxed-SIMD build
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

@inline function splat(x: f32): v128 {
  return f32x4.splat(x);
}

/** exp(x) for four f32 lanes: overflow to +inf, gradual underflow to 0, NaN through. */
@inline export function exp4(x: v128): v128 {
  // where every |x| <= 87, exp(x) is a normal float: 2^n goes straight into the exponent bits; else
  // (overflow, subnormal results, ±inf, NaN) the general path
  if (i32x4.bitmask(v128.and(f32x4.le(x, splat(87.0)), f32x4.ge(x, splat(-87.0)))) != 15) return expWide4(x);
  return expNormal4(x);
}

/** exp(x) for |x| <= 87 (a normal result); garbage for other lanes, NaN among them. */
@inline function expNormal4(x: v128): v128 {
  const t = expReduce(x);
  // t's low bits hold n (see expReduce): shifted to the exponent field, the rest shifts out
  return i32x4.add(expPoly(x, t), i32x4.shl(t, 23));
}

/** n = round(x·log2(e)) as t = x·log2(e) + 1.5·2^23: rounded to nearest even (as f32x4.nearest) and
 * held in t's low mantissa bits, so no float-to-int conversion (several instructions each) is needed. */
@inline function expReduce(x: v128): v128 {
  return fma4(x, splat(1.44269504088896341), splat(12582912.0));
}

/** exp(x - n·ln 2) in [√½, √2], n from t = expReduce(x) (Cody-Waite reduction, Cephes' polynomial). */
@inline function expPoly(x: v128, t: v128): v128 {
  return f32x4.add(expm1Poly(x, t), splat(1.0));
}

/** exp(x - n·ln 2) - 1, n from t = expReduce(x). */
@inline function expm1Poly(x: v128, t: v128): v128 {
  const n = f32x4.sub(t, splat(12582912.0));
  let r = fma4(n, splat(-0.693359375), x);
  r = fma4(n, splat(2.12194440e-4), r);
  let p = splat(1.9875691500e-4);
  p = fma4(p, r, splat(1.3981999507e-3));
  p = fma4(p, r, splat(8.3334519073e-3));
  p = fma4(p, r, splat(4.1665795894e-2));
  p = fma4(p, r, splat(1.6666665459e-1));
  p = fma4(p, r, splat(5.0000001201e-1));
  return fma4(p, f32x4.mul(r, r), r);
}

/** exp4 for any x: clamped to [-104, 89] (NaN kept), and y · 2^n in two steps, so that n = 128
 * (overflow) and n < -126 (subnormal results) scale correctly. */
@inline function expWide4(x: v128): v128 {
  // pmin/pmax are one instruction each (min/max with wasm's NaN rules take several); NaN passes
  // through both as their first operand
  x = f32x4.pmax(f32x4.pmin(x, splat(89.0)), splat(-104.0));
  const t = expReduce(x);
  const y = expPoly(x, t);
  const ni = i32x4.sub(t, i32x4.splat(0x4b400000));
  const n1 = i32x4.shr_s(ni, 1);
  const n2 = i32x4.sub(ni, n1);
  const s1 = i32x4.shl(i32x4.add(n1, i32x4.splat(127)), 23);
  const s2 = i32x4.shl(i32x4.add(n2, i32x4.splat(127)), 23);
  return f32x4.mul(f32x4.mul(y, s1), s2);
}

/** log(x) for four f32 lanes: -inf at ±0, NaN below 0, +inf at +inf, subnormals handled. */
@inline export function log4(x: v128): v128 {
  // where every lane is a positive normal float, no special value or subnormal needs handling
  if (i32x4.bitmask(v128.and(f32x4.ge(x, splat(1.17549435e-38)), f32x4.le(x, splat(3.40282347e38)))) != 15) return logWide4(x);
  // x = 2^e · m with m in [√½, √2): the integer difference from √½'s bits splits into both at once
  const ix = i32x4.sub(x, i32x4.splat(0x3f3504f3));
  const e = f32x4.convert_i32x4_s(i32x4.shr_s(ix, 23));
  const m = i32x4.add(v128.and(ix, i32x4.splat(0x007fffff)), i32x4.splat(0x3f3504f3));
  return logPoly(e, f32x4.sub(m, splat(1.0)));
}

/** e·ln 2 + log(1 + f), f = m - 1 in [√½ - 1, √2 - 1) (Cephes' polynomial). */
@inline function logPoly(e: v128, f: v128): v128 {
  const z = f32x4.mul(f, f);
  let p = splat(7.0376836292e-2);
  p = fma4(p, f, splat(-1.1514610310e-1));
  p = fma4(p, f, splat(1.1676998740e-1));
  p = fma4(p, f, splat(-1.2420140846e-1));
  p = fma4(p, f, splat(1.4249322787e-1));
  p = fma4(p, f, splat(-1.6668057665e-1));
  p = fma4(p, f, splat(2.0000714765e-1));
  p = fma4(p, f, splat(-2.4999993993e-1));
  p = fma4(p, f, splat(3.3333331174e-1));
  let y = f32x4.mul(f32x4.mul(p, f), z);
  y = fma4(e, splat(-2.12194440e-4), y);
  y = fma4(z, splat(-0.5), y);
  const r = f32x4.add(f, y);
  return fma4(e, splat(0.693359375), r);
}

/** log4 for any x: subnormals scaled by 2^23 first, then the special values. */
@inline function logWide4(x: v128): v128 {
  const tiny = f32x4.lt(x, splat(1.17549435e-38));
  const xs = v128.bitselect(f32x4.mul(x, splat(8388608.0)), x, tiny);
  let e = f32x4.convert_i32x4_s(i32x4.sub(i32x4.shr_u(xs, 23), i32x4.splat(127)));
  e = f32x4.sub(e, v128.and(tiny, splat(23.0)));
  let m = v128.or(v128.and(xs, i32x4.splat(0x007fffff)), i32x4.splat(0x3f800000)); // [1, 2)
  const big = f32x4.gt(m, splat(1.41421356237));
  m = v128.bitselect(f32x4.mul(m, splat(0.5)), m, big);
  e = f32x4.add(e, v128.and(big, splat(1.0)));
  let r = logPoly(e, f32x4.sub(m, splat(1.0)));
  // special values
  r = v128.bitselect(splat(-Infinity), r, f32x4.eq(x, splat(0)));
  r = v128.bitselect(splat(NaN), r, v128.or(f32x4.lt(x, splat(0)), f32x4.ne(x, x)));
  r = v128.bitselect(splat(Infinity), r, f32x4.eq(x, splat(Infinity)));
  return r;
}

/** tanh(x) for four f32 lanes: a polynomial below |x| = 0.625, else 1 - 2 / (exp(2|x|) + 1). */
@inline export function tanh4(x: v128): v128 {
  const ax = f32x4.abs(x);
  const z = f32x4.mul(x, x);
  let p = splat(-5.70498872745e-3);
  p = fma4(p, z, splat(2.06390887954e-2));
  p = fma4(p, z, splat(-5.37397155531e-2));
  p = fma4(p, z, splat(1.33314422036e-1));
  p = fma4(p, z, splat(-3.33332819422e-1));
  const small = fma4(f32x4.mul(p, z), x, x);
  // tanh rounds to 1 beyond |x| = 9.1: clamping 2|x| at 20 keeps exp's result normal; a NaN lane
  // (garbage here) takes the polynomial, which passes it through
  const t = expNormal4(f32x4.pmin(f32x4.add(ax, ax), splat(20.0)));
  const large = f32x4.sub(splat(1.0), f32x4.div(splat(2.0), f32x4.add(t, splat(1.0))));
  const signed = v128.or(large, v128.and(x, i32x4.splat(0x80000000)));
  return v128.bitselect(signed, small, f32x4.ge(ax, splat(0.625)));
}

/** 1 / (1 + exp(-x)) for four f32 lanes. */
@inline export function sigmoid4(x: v128): v128 {
  return f32x4.div(splat(1.0), f32x4.add(splat(1.0), exp4(f32x4.neg(x))));
}

/** Lanes 0 .. count - 1 (0 < count < 4) from p, the others those of `fill`: a tail, not read past its end. */
@inline export function loadPartial4(p: usize, count: i32, fill: v128): v128 {
  let v = f32x4.replace_lane(fill, 0, load<f32>(p));
  if (count > 1) v = f32x4.replace_lane(v, 1, load<f32>(p, 4));
  if (count > 2) v = f32x4.replace_lane(v, 2, load<f32>(p, 8));
  return v;
}

/** Stores lanes 0 .. count - 1 (0 < count < 4) of v at p. */
@inline export function storePartial4(p: usize, v: v128, count: i32): void {
  store<f32>(p, f32x4.extract_lane(v, 0));
  if (count > 1) store<f32>(p, f32x4.extract_lane(v, 1), 4);
  if (count > 2) store<f32>(p, f32x4.extract_lane(v, 2), 8);
}

// ---- float64, two lanes ----------------------------------------------------------------------------

@inline function fma2(a: v128, b: v128, c: v128): v128 {
  // a·b + c; fused in the relaxed-SIMD build
  if (ASC_FEATURE_RELAXED_SIMD) return f64x2.relaxed_madd(a, b, c);
  return f64x2.add(f64x2.mul(a, b), c);
}

@inline function splat2(x: f64): v128 {
  return f64x2.splat(x);
}

/** t = x·log2(e) + 1.5·2^52: n = round(x·log2 e) in t's low mantissa bits (as expReduce). */
@inline function expReduce2(x: v128): v128 {
  return fma2(x, splat2(1.442695040888963407359924681001892137426645954152985934135449406931), splat2(6755399441055744.0));
}

/** exp(x - n·ln 2) - 1 for n from t = expReduce2(x) (SLEEF's xexp reduction and polynomial). */
@inline function expm1Poly2(x: v128, t: v128): v128 {
  const n = f64x2.sub(t, splat2(6755399441055744.0));
  // ln 2 in two parts, the first with trailing zeros: n·L2U is exact without fusing
  let s = fma2(n, splat2(-0.69314718055966295651160180568695068359375), x);
  s = fma2(n, splat2(-0.28235290563031577122588448175013436025525412068e-12), s);
  const s2 = f64x2.mul(s, s);
  const s4 = f64x2.mul(s2, s2);
  const s8 = f64x2.mul(s4, s4);
  const p8 = fma2(
    s4,
    fma2(s2, fma2(s, splat2(0.2755762628169491192e-6), splat2(0.2755723402025388239e-5)), fma2(s, splat2(0.2480158687479686264e-4), splat2(0.198412698985586585e-3))),
    fma2(s2, fma2(s, splat2(0.1388888888914497797e-2), splat2(0.833333333331493821e-2)), fma2(s, splat2(0.4166666666666602598e-1), splat2(0.1666666666666669072))),
  );
  let u = fma2(s8, fma2(s, splat2(0.2081276378237164457e-8), splat2(0.2511210703042288022e-7)), p8);
  u = fma2(u, s, splat2(0.5));
  return fma2(s2, u, s);
}

/** exp(x) for two f64 lanes: vector code where both results are normal (|x| <= 708), else Math.exp. */
@inline export function exp2(x: v128): v128 {
  if (i64x2.bitmask(v128.and(f64x2.le(x, splat2(708.0)), f64x2.ge(x, splat2(-708.0)))) != 3) {
    return f64x2.replace_lane(f64x2.splat(Math.exp(f64x2.extract_lane(x, 0))), 1, Math.exp(f64x2.extract_lane(x, 1)));
  }
  const t = expReduce2(x);
  // 2^n straight into the exponent bits (t's higher bits shift out)
  return i64x2.add(f64x2.add(expm1Poly2(x, t), splat2(1.0)), i64x2.shl(t, 52));
}

/** log(x) for two f64 lanes: musl's (fdlibm's) log where both lanes are positive normal floats, else Math.log. */
@inline export function log2x(x: v128): v128 {
  if (i64x2.bitmask(v128.and(f64x2.ge(x, splat2(2.2250738585072014e-308)), f64x2.le(x, splat2(1.7976931348623157e308)))) != 3) {
    return f64x2.replace_lane(f64x2.splat(Math.log(f64x2.extract_lane(x, 0))), 1, Math.log(f64x2.extract_lane(x, 1)));
  }
  // x = 2^k · m, m in [√½, √2) (by √½'s high word, as musl)
  const ix = i64x2.add(x, i64x2.splat(0x3ff0000000000000 - 0x3fe6a09e00000000));
  const k = i64x2.sub(i64x2.shr_s(ix, 52), i64x2.splat(0x3ff));
  const m = i64x2.add(v128.and(ix, i64x2.splat(0x000fffffffffffff)), i64x2.splat(0x3fe6a09e00000000));
  // k as f64: 1.5·2^52 + k has k in its low bits
  const dk = f64x2.sub(i64x2.add(k, splat2(6755399441055744.0)), splat2(6755399441055744.0));
  const f = f64x2.sub(m, splat2(1.0));
  const hfsq = f64x2.mul(f64x2.mul(splat2(0.5), f), f);
  const s = f64x2.div(f, f64x2.add(splat2(2.0), f));
  const z = f64x2.mul(s, s);
  const w = f64x2.mul(z, z);
  const t1 = f64x2.mul(w, fma2(w, fma2(w, splat2(1.531383769920937332e-01), splat2(2.222219843214978396e-01)), splat2(3.999999999940941908e-01)));
  const t2 = f64x2.mul(z, fma2(w, fma2(w, fma2(w, splat2(1.479819860511658591e-01), splat2(1.818357216161805012e-01)), splat2(2.857142874366239149e-01)), splat2(6.666666666666735130e-01)));
  const R = f64x2.add(t2, t1);
  // s·(hfsq + R) + k·ln2_lo - hfsq + f + k·ln2_hi, in that order
  let r = fma2(dk, splat2(1.90821492927058770002e-10), f64x2.mul(s, f64x2.add(hfsq, R)));
  r = f64x2.add(f64x2.sub(r, hfsq), f);
  return fma2(dk, splat2(6.93147180369123816490e-01), r);
}

/** tanh(x) for two f64 lanes: sign(x) · e / (e + 2) with e = expm1(2|x|), accurate near 0 too. */
@inline export function tanh2(x: v128): v128 {
  const ax = f64x2.abs(x);
  // tanh rounds to 1 beyond |x| = 19.1: 2|x| clamped at 40 keeps 2^n normal (NaN passes pmin and
  // comes out NaN through the arithmetic below)
  const a = f64x2.pmin(f64x2.add(ax, ax), splat2(40.0));
  const t = expReduce2(a);
  const q = expm1Poly2(a, t);
  // expm1(a) = 2^n·q + (2^n - 1), 0 <= n <= 58: 2^n - 1 is exact where it matters (small n)
  const s = i64x2.add(i64x2.shl(t, 52), splat2(1.0));
  const e = fma2(s, q, f64x2.sub(s, splat2(1.0)));
  return v128.or(f64x2.div(e, f64x2.add(e, splat2(2.0))), v128.and(x, i64x2.splat(0x8000000000000000)));
}

/** 1 / (1 + exp(-x)) for two f64 lanes. */
@inline export function sigmoid2(x: v128): v128 {
  return f64x2.div(splat2(1.0), f64x2.add(splat2(1.0), exp2(f64x2.neg(x))));
}
