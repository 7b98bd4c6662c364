/**
 * Correctly rounded fused multiply-add for float64 and float32, emulated in
 * plain JavaScript arithmetic.
 *
 * PyTorch's CPU kernels (compiled with -mavx2 -mfma and GCC's default
 * -ffp-contract=fast) and glibc's x86_64 FMA variants of log/log1p/sin/cos
 * contract many `a * b + c` expressions into a single-rounding FMA. To
 * reproduce their results bit-for-bit we need the same single rounding.
 */

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const SPLIT = 134217729; // 2^27 + 1 (Veltkamp splitting constant)

/**
 * a*b - p exactly, for p = RN(a*b) (Dekker's TwoProduct with Veltkamp splitting): valid when nothing
 * overflows or underflows.
 */
export function productError(a: number, b: number, p: number): number {
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/**
 * fma(a, b, c) = RN(a * b + c) for doubles.
 *
 * With Dekker's TwoProduct and Knuth's TwoSum, a*b + c = th + tl + pl exactly
 * (th = RN(c + a*b)). Let v = RN(tl + pl), z = RN(th + v).
 *  - Fast path, when |v| <= |th| / 4: th + v and every rounding midpoint of z
 *    lie on the grid of ulp(v), and the residual |tl + pl - v| <= ulp(v) / 2,
 *    so z is already RN(a*b + c) unless th + v is exactly a midpoint; that
 *    tie is detected and broken with the sign of the residual.
 *  - Otherwise (heavy cancellation, th = 0, non-finite values): Boldo &
 *    Melquiond, "Emulation of a FMA and correctly-rounded sums: proved
 *    algorithms using rounding to odd" (IEEE TC 2008), Algorithm 5.4:
 *    result = RN(th + RO(tl + pl)).
 * Valid when nothing overflows or underflows (true for every use in this
 * package).
 */
export function fma(a: number, b: number, c: number): number {
  const p = a * b;
  const pl = productError(a, b, p); // a*b = p + pl
  const th = c + p;
  const bv = th - c;
  const tl = c - (th - bv) + (p - bv); // c + p = th + tl
  const v = tl + pl;
  if (v === 0) return th; // exact (and keeps th's signed zero)
  if (Math.abs(v) * 4 <= Math.abs(th)) {
    const z = th + v;
    const err = v - (z - th); // Fast2Sum (|th| >= |v|): th + v = z + err
    if (err === 0) return z;
    const o = z + 2 * err;
    if (o - z !== 2 * err) return z; // th + v is not a rounding midpoint
    // th + v is exactly halfway between z and o: the residual decides
    const vb = v - tl;
    const ve = tl - (v - vb) + (pl - vb);
    if (ve === 0) return z;
    return ve > 0 === err > 0 ? o : z;
  }
  return fmaSlow(a, b, c, th, tl, pl);
}

function fmaSlow(a: number, b: number, c: number, th: number, tl: number, pl: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c) || !Number.isFinite(th)) return a * b + c;
  // v = round-to-odd(tl + pl)
  let v = tl + pl;
  if (v === 0) return th;
  const vb = v - tl;
  const ve = tl - (v - vb) + (pl - vb);
  if (ve !== 0) {
    f64[0] = v;
    if ((u32[0]! & 1) === 0) {
      // inexact and even: step one ulp towards the exact value (its neighbour is odd)
      if (v > 0 === ve > 0) {
        u32[0] = u32[0]! + 1; // even low word: no carry
      } else if (u32[0] === 0) {
        u32[0] = 0xffffffff;
        u32[1] = u32[1]! - 1;
      } else {
        u32[0] = u32[0]! - 1;
      }
      v = f64[0]!;
    }
  }
  return th + v;
}

/**
 * fmaf(a, b, c) = RN_float32(a * b + c) for float32 inputs (values that are
 * exactly representable as float32). The product of two floats is exact in
 * double precision, so s = a*b + c carries a single double rounding; that
 * rounding can only mislead Math.fround when s lands exactly on a float32
 * midpoint (then 2s - r is the other float32 neighbour of r = fround(s)),
 * which fmafTie resolves with the exact error of the double sum.
 * Kept tiny so that V8 inlines it into the polynomial loops.
 */
export function fmaf(a: number, b: number, c: number): number {
  const s = a * b + c;
  const r = Math.fround(s);
  const o = 2 * s - r; // == r when s is itself a float32: fmafTie then returns r
  if (Math.fround(o) === o) return fmafTie(a, b, c, s, r, o);
  return r;
}

function fmafTie(a: number, b: number, c: number, s: number, r: number, o: number): number {
  const p = a * b;
  const bv = s - p;
  const e = p - (s - bv) + (c - bv); // exact error of the double sum s
  if (e === 0) return r; // a true tie: fround already rounded half-to-even
  return e > 0 === s > r ? o : r;
}
