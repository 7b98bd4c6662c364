// Matrix products C = A · B for f32 and f64: packed panels, cache blocking and a register-tiled
// micro-kernel (MR = 4 rows × 2 vectors: 4×8 for f32, 4×4 for f64; 8 accumulators in v128 registers).
//
// Summation order: every element of C is (((0 + a0·b0) + a1·b1) + …) + a(k-1)·b(k-1), each product
// rounded and each sum rounded, p = 0, 1, … in order: the micro-kernel starts from +0 on the first
// k-block and from the stored C on the next ones. That is the order of the TypeScript kernel (and of the
// reference BLAS PyTorch calls), so without fused multiply-add the results are bit-identical to it. The
// relaxed-SIMD build (ASC_FEATURE_RELAXED_SIMD) fuses with f32x4.relaxed_madd instead: faster where the
// hardware has FMA, no longer bit-identical.
//
// Pointers are byte addresses in linear memory; strides are in elements, any sign-free layout (a
// transposed or expanded operand is handled by the packing). `work` is scratch from workBytes().

export const MR: usize = 4;
const KC: i32 = 256;
const MC: i32 = 96; // a multiple of MR
const NC: i32 = 2048;

@inline function nr<T>(): i32 {
  return <i32>(32 / sizeof<T>());
}

/** Scratch bytes that gemm needs: packed A (MC × KC), packed B (KC × NC), one C tile. */
export function workBytes(elemSize: i32): i32 {
  return ((MC + <i32>MR) * KC + (NC + 8) * KC + <i32>MR * 8) * elemSize + 64;
}

/** Packs B[pc .. pc+kc, jc .. jc+nc] into column panels of NR, each kc rows of NR contiguous values (zero padded). */
function packB<T>(B: usize, rsb: i32, csb: i32, pc: i32, kc: i32, jc: i32, nc: i32, dst: usize): void {
  const NR = nr<T>();
  const S = sizeof<T>();
  for (let jr = 0; jr < nc; jr += NR) {
    const w = min(NR, nc - jr);
    let d = dst + <usize>jr * kc * S;
    let src = B + (<usize>pc * rsb + <usize>(jc + jr) * csb) * S;
    const rowStep = <usize>rsb * S;
    if (w == NR && csb == 1) {
      for (let p = 0; p < kc; p++) {
        v128.store(d, v128.load(src));
        v128.store(d, v128.load(src, 16), 16);
        d += 32;
        src += rowStep;
      }
    } else {
      const colStep = <usize>csb * S;
      for (let p = 0; p < kc; p++) {
        for (let j = 0; j < NR; j++) store<T>(d + <usize>j * S, j < w ? load<T>(src + <usize>j * colStep) : <T>0);
        d += 32;
        src += rowStep;
      }
    }
  }
}

/** Packs A[ic .. ic+mc, pc .. pc+kc] into row panels of MR, each kc columns of MR contiguous values (zero padded). */
function packA<T>(A: usize, rsa: i32, csa: i32, ic: i32, mc: i32, pc: i32, kc: i32, dst: usize): void {
  const S = sizeof<T>();
  const rowStep = <usize>rsa * S;
  const colStep = <usize>csa * S;
  for (let ir = 0; ir < mc; ir += <i32>MR) {
    const h = min(<i32>MR, mc - ir);
    let d = dst + <usize>ir * kc * S;
    let src = A + (<usize>(ic + ir) * rsa + <usize>pc * csa) * S;
    if (h == <i32>MR) {
      for (let p = 0; p < kc; p++) {
        store<T>(d, load<T>(src));
        store<T>(d + S, load<T>(src + rowStep));
        store<T>(d + 2 * S, load<T>(src + 2 * rowStep));
        store<T>(d + 3 * S, load<T>(src + 3 * rowStep));
        d += MR * S;
        src += colStep;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let r = 0; r < <i32>MR; r++) store<T>(d + <usize>r * S, r < h ? load<T>(src + <usize>r * rowStep) : <T>0);
        d += MR * S;
        src += colStep;
      }
    }
  }
}

@inline function madd<T>(acc: v128, a: v128, b: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return v128.relaxed_madd<T>(a, b, acc);
  return v128.add<T>(acc, v128.mul<T>(a, b));
}

/**
 * The macro-kernel: C[0 .. mc, 0 .. nc] (+)= packedA · packedB over one k-block. Kept out of line so
 * that the engine's tier-up (which swaps code between calls) reaches a long product early on.
 */
function macroKernel<T>(mc: i32, nc: i32, kc: i32, pa: usize, pb: usize, C: usize, ldcBytes: usize, first: bool, tile: usize): void {
  const NR = nr<T>();
  const S = sizeof<T>();
  for (let jr = 0; jr < nc; jr += NR) {
    const w = min(NR, nc - jr);
    const bp0 = pb + <usize>jr * kc * S;
    for (let ir = 0; ir < mc; ir += <i32>MR) {
      const h = min(<i32>MR, mc - ir);
      const cp = C + <usize>ir * ldcBytes + <usize>jr * S;
      const edge = h < <i32>MR || w < NR;
      if (edge && !first)
        for (let r = 0; r < h; r++) for (let j = 0; j < w; j++) store<T>(tile + <usize>(r * NR + j) * S, load<T>(cp + <usize>r * ldcBytes + <usize>j * S));
      const c = edge ? tile : cp;
      const ldc: usize = edge ? 32 : ldcBytes;
      // the 4 × 2-vector micro-kernel
      let c00: v128, c01: v128, c10: v128, c11: v128, c20: v128, c21: v128, c30: v128, c31: v128;
      if (first) {
        c00 = v128.splat<T>(0); c01 = c00; c10 = c00; c11 = c00; c20 = c00; c21 = c00; c30 = c00; c31 = c00;
      } else {
        c00 = v128.load(c); c01 = v128.load(c, 16);
        c10 = v128.load(c + ldc); c11 = v128.load(c + ldc, 16);
        c20 = v128.load(c + 2 * ldc); c21 = v128.load(c + 2 * ldc, 16);
        c30 = v128.load(c + 3 * ldc); c31 = v128.load(c + 3 * ldc, 16);
      }
      let a = pa + <usize>ir * kc * S;
      let b = bp0;
      for (let p = 0; p < kc; p++) {
        const b0 = v128.load(b);
        const b1 = v128.load(b, 16);
        let x = v128.load_splat<T>(a);
        c00 = madd<T>(c00, x, b0);
        c01 = madd<T>(c01, x, b1);
        x = v128.load_splat<T>(a, S);
        c10 = madd<T>(c10, x, b0);
        c11 = madd<T>(c11, x, b1);
        x = v128.load_splat<T>(a, 2 * S);
        c20 = madd<T>(c20, x, b0);
        c21 = madd<T>(c21, x, b1);
        x = v128.load_splat<T>(a, 3 * S);
        c30 = madd<T>(c30, x, b0);
        c31 = madd<T>(c31, x, b1);
        a += MR * S;
        b += 32;
      }
      v128.store(c, c00); v128.store(c, c01, 16);
      v128.store(c + ldc, c10); v128.store(c + ldc, c11, 16);
      v128.store(c + 2 * ldc, c20); v128.store(c + 2 * ldc, c21, 16);
      v128.store(c + 3 * ldc, c30); v128.store(c + 3 * ldc, c31, 16);
      if (edge)
        for (let r = 0; r < h; r++) for (let j = 0; j < w; j++) store<T>(cp + <usize>r * ldcBytes + <usize>j * S, load<T>(tile + <usize>(r * NR + j) * S));
    }
  }
}

/**
 * Rows m0 .. m1 of C (m × n, row stride ldc, contiguous rows) = A (m × k, strides rsa, csa) · B (k × n,
 * strides rsb, csb). Other rows of C are not touched: row blocks can run on separate threads.
 */
function gemm<T>(m0: i32, m1: i32, n: i32, k: i32, A: usize, rsa: i32, csa: i32, B: usize, rsb: i32, csb: i32, C: usize, ldc: i32, work: usize): void {
  const S = sizeof<T>();
  const NR = nr<T>();
  if (m1 <= m0 || n <= 0) return;
  if (k <= 0) {
    for (let i = m0; i < m1; i++) memory.fill(C + <usize>i * ldc * S, 0, <usize>n * S);
    return;
  }
  const pa = (work + 63) & ~63;
  const pb = pa + <usize>(MC + <i32>MR) * KC * S;
  const tile = pb + <usize>(NC + NR) * KC * S;
  const ldcBytes = <usize>ldc * S;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      packB<T>(B, rsb, csb, pc, kc, jc, nc, pb);
      for (let ic = m0; ic < m1; ic += MC) {
        const mc = min(MC, m1 - ic);
        packA<T>(A, rsa, csa, ic, mc, pc, kc, pa);
        macroKernel<T>(mc, nc, kc, pa, pb, C + <usize>ic * ldcBytes + <usize>jc * S, ldcBytes, pc == 0, tile);
      }
    }
  }
}

/**
 * Batched: for t < batch, rows m0 .. m1 of C[t] = A[t] · B[t], A[t] at A + t·sba elements, B[t] at
 * B + t·sbb, C[t] (m × n, rows n apart) at C + t·scb. Strides in elements, pointers in bytes.
 */
export function gemmF32(batch: i32, m: i32, n: i32, k: i32, A: usize, rsa: i32, csa: i32, sba: i32, B: usize, rsb: i32, csb: i32, sbb: i32, C: usize, scb: i32, work: usize, m0: i32, m1: i32): void {
  for (let t = 0; t < batch; t++)
    gemm<f32>(m0, min(m1, m), n, k, A + <usize>t * sba * 4, rsa, csa, B + <usize>t * sbb * 4, rsb, csb, C + <usize>t * scb * 4, n, work);
}

export function gemmF64(batch: i32, m: i32, n: i32, k: i32, A: usize, rsa: i32, csa: i32, sba: i32, B: usize, rsb: i32, csb: i32, sbb: i32, C: usize, scb: i32, work: usize, m0: i32, m1: i32): void {
  for (let t = 0; t < batch; t++)
    gemm<f64>(m0, min(m1, m), n, k, A + <usize>t * sba * 8, rsa, csa, B + <usize>t * sbb * 8, rsb, csb, C + <usize>t * scb * 8, n, work);
}
