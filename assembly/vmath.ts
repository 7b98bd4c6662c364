// Four-lane float32 exp, log, tanh and sigmoid (Cephes' single-precision polynomials, about 1 ulp:
// not bit-identical to the SLEEF routines PyTorch calls), and scalar float64 ones (AssemblyScript's
// Math, ports of musl's libm).

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
  x = f32x4.max(f32x4.min(x, splat(89.0)), splat(-104.0)); // NaN passes (wasm min/max propagate it)
  const n = f32x4.nearest(f32x4.mul(x, splat(1.44269504088896341)));
  let r = fma4(n, splat(-0.693359375), x);
  r = fma4(n, splat(2.12194440e-4), r);
  let p = splat(1.9875691500e-4);
  p = fma4(p, r, splat(1.3981999507e-3));
  p = fma4(p, r, splat(8.3334519073e-3));
  p = fma4(p, r, splat(4.1665795894e-2));
  p = fma4(p, r, splat(1.6666665459e-1));
  p = fma4(p, r, splat(5.0000001201e-1));
  const y = f32x4.add(fma4(p, f32x4.mul(r, r), r), splat(1.0));
  // y · 2^n in two steps, so that n = 128 (overflow) and n < -126 (subnormal results) scale correctly
  const ni = i32x4.trunc_sat_f32x4_s(n);
  const n1 = i32x4.shr_s(ni, 1);
  const n2 = i32x4.sub(ni, n1);
  const s1 = i32x4.shl(i32x4.add(n1, i32x4.splat(127)), 23);
  const s2 = i32x4.shl(i32x4.add(n2, i32x4.splat(127)), 23);
  return f32x4.mul(f32x4.mul(y, s1), s2);
}

/** log(x) for four f32 lanes: -inf at ±0, NaN below 0, +inf at +inf, subnormals handled. */
@inline export function log4(x: v128): v128 {
  // subnormal inputs: scale by 2^23 first
  const tiny = f32x4.lt(x, splat(1.17549435e-38));
  const xs = v128.bitselect(f32x4.mul(x, splat(8388608.0)), x, tiny);
  let e = f32x4.convert_i32x4_s(i32x4.sub(i32x4.shr_u(xs, 23), i32x4.splat(127)));
  e = f32x4.sub(e, v128.and(tiny, splat(23.0)));
  let m = v128.or(v128.and(xs, i32x4.splat(0x007fffff)), i32x4.splat(0x3f800000)); // [1, 2)
  const big = f32x4.gt(m, splat(1.41421356237));
  m = v128.bitselect(f32x4.mul(m, splat(0.5)), m, big);
  e = f32x4.add(e, v128.and(big, splat(1.0)));
  const f = f32x4.sub(m, splat(1.0));
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
  let r = f32x4.add(f, y);
  r = fma4(e, splat(0.693359375), r);
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
  const t = exp4(f32x4.add(ax, ax));
  const large = f32x4.sub(splat(1.0), f32x4.div(splat(2.0), f32x4.add(t, splat(1.0))));
  const signed = v128.or(large, v128.and(x, i32x4.splat(0x80000000)));
  return v128.bitselect(small, signed, f32x4.lt(ax, splat(0.625)));
}

/** 1 / (1 + exp(-x)) for four f32 lanes. */
@inline export function sigmoid4(x: v128): v128 {
  return f32x4.div(splat(1.0), f32x4.add(splat(1.0), exp4(f32x4.neg(x))));
}
