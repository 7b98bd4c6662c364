// Reference LAPACK 3.11 / reference BLAS routines, ported operation for operation so that tensorgrad's
// LU, Cholesky, QR and triangular solves give the numbers PyTorch's CPU build gives (the oracle links
// the reference libraries; MKL or OpenBLAS builds differ from them in the last bits too).
// Matrices are column-major in a Float64Array (element (i, j) at off + i + j·ld, 0-based) and every
// arithmetic result goes through `p.r`: Math.fround for float32 (each single-precision operation is
// a double operation rounded once, which is exact for + - × / and sqrt), the identity for float64.
// Only the unblocked paths are ported: LAPACK uses them for min(m, n) below its block sizes (64 for
// getrf/potrf, 32 for geqrf/orgqr); larger matrices get the same algorithm without the blocking, which
// differs from LAPACK in rounding only.

export interface Prec {
  /** rounds a double to the working precision */
  r: (x: number) => number;
  /** SLAMCH('S'): safe minimum */
  sfmin: number;
  /** SLAMCH('E'): relative machine precision (eps · 0.5) */
  eps: number;
  /** SLAMCH('O'): overflow threshold */
  huge: number;
  // Blue's scaling constants of the 3.10 nrm2
  tsml: number;
  tbig: number;
  ssml: number;
  sbig: number;
}

const FLT_MAX = 3.4028234663852886e38;
export const SINGLE: Prec = {
  r: Math.fround,
  sfmin: 2 ** -126,
  eps: 2 ** -24,
  huge: FLT_MAX,
  tsml: 2 ** -63,
  tbig: 2 ** 52,
  ssml: 2 ** 75,
  sbig: 2 ** -76,
};
export const DOUBLE: Prec = {
  r: (x) => x,
  sfmin: 2 ** -1022,
  eps: 2 ** -53,
  huge: Number.MAX_VALUE,
  tsml: 2 ** -511,
  tbig: 2 ** 486,
  ssml: 2 ** 537,
  sbig: 2 ** -538,
};

// ---- level 1 ---------------------------------------------------------------------------------------

/** ISAMAX: 0-based index of the first entry of largest magnitude. */
function iamax(n: number, x: Float64Array, off: number, inc: number): number {
  if (n < 1) return -1;
  let best = 0;
  let smax = Math.abs(x[off]);
  for (let i = 1; i < n; i++) {
    const v = Math.abs(x[off + i * inc]);
    if (v > smax) {
      best = i;
      smax = v;
    }
  }
  return best;
}

function scal(p: Prec, n: number, alpha: number, x: Float64Array, off: number, inc: number): void {
  const r = p.r;
  for (let i = 0; i < n; i++) x[off + i * inc] = r(alpha * x[off + i * inc]);
}

/** SNRM2 (LAPACK 3.10+: Blue's algorithm with three accumulators). */
function nrm2(p: Prec, n: number, x: Float64Array, off: number, inc: number): number {
  if (n <= 0) return 0;
  const r = p.r;
  let notbig = true;
  let asml = 0;
  let amed = 0;
  let abig = 0;
  for (let i = 0; i < n; i++) {
    const ax = Math.abs(x[off + i * inc]);
    if (ax > p.tbig) {
      const t = r(ax * p.sbig);
      abig = r(abig + r(t * t));
      notbig = false;
    } else if (ax < p.tsml) {
      if (notbig) {
        const t = r(ax * p.ssml);
        asml = r(asml + r(t * t));
      }
    } else amed = r(amed + r(ax * ax));
  }
  let scl = 1;
  let sumsq = 0;
  if (abig > 0) {
    if (amed > 0 || amed > p.huge || amed !== amed) abig = r(abig + r(r(amed * p.sbig) * p.sbig));
    scl = r(1 / p.sbig);
    sumsq = abig;
  } else if (asml > 0) {
    if (amed > 0 || amed > p.huge || amed !== amed) {
      amed = r(Math.sqrt(amed));
      asml = r(r(Math.sqrt(asml)) / p.ssml);
      const [ymin, ymax] = asml > amed ? [amed, asml] : [asml, amed];
      scl = 1;
      const q = r(ymin / ymax);
      sumsq = r(r(ymax * ymax) * r(1 + r(q * q)));
    } else {
      scl = r(1 / p.ssml);
      sumsq = asml;
    }
  } else {
    scl = 1;
    sumsq = amed;
  }
  return r(scl * r(Math.sqrt(sumsq)));
}

/** SLAPY2: sqrt(x² + y²) avoiding overflow. */
function lapy2(p: Prec, x: number, y: number): number {
  const r = p.r;
  if (x !== x) return x;
  if (y !== y) return y;
  const xa = Math.abs(x);
  const ya = Math.abs(y);
  const w = Math.max(xa, ya);
  const z = Math.min(xa, ya);
  if (z === 0 || w > p.huge) return w;
  const q = r(z / w);
  return r(w * r(Math.sqrt(r(1 + r(q * q)))));
}

/** Fortran SIGN(a, b): |a| with b's sign (a negative zero b counts as negative). */
function sign(a: number, b: number): number {
  return b < 0 || Object.is(b, -0) ? -Math.abs(a) : Math.abs(a);
}

// ---- level 2 / 3 -----------------------------------------------------------------------------------

/** SLASWP: row interchanges k1..k2 (0-based, inclusive) of n columns; inc -1 applies them in reverse. */
export function laswp(n: number, a: Float64Array, off: number, lda: number, k1: number, k2: number, ipiv: Int32Array, poff: number, inc: 1 | -1): void {
  const swapRow = (i: number): void => {
    const ip = ipiv[poff + i];
    if (ip === i) return;
    for (let k = 0; k < n; k++) {
      const t = a[off + i + k * lda];
      a[off + i + k * lda] = a[off + ip + k * lda];
      a[off + ip + k * lda] = t;
    }
  };
  if (inc > 0) for (let i = k1; i <= k2; i++) swapRow(i);
  else for (let i = k2; i >= k1; i--) swapRow(i);
}

/** SGEMM 'N','N': C = alpha·A·B + beta·C (A m×k, B k×n). */
function gemmNN(p: Prec, m: number, n: number, k: number, alpha: number, a: Float64Array, ao: number, lda: number, b: Float64Array, bo: number, ldb: number, beta: number, c: Float64Array, co: number, ldc: number): void {
  const r = p.r;
  if (m === 0 || n === 0 || ((alpha === 0 || k === 0) && beta === 1)) return;
  for (let j = 0; j < n; j++) {
    const cj = co + j * ldc;
    if (beta === 0) for (let i = 0; i < m; i++) c[cj + i] = 0;
    else if (beta !== 1) for (let i = 0; i < m; i++) c[cj + i] = r(beta * c[cj + i]);
    if (alpha === 0) continue;
    for (let l = 0; l < k; l++) {
      const temp = r(alpha * b[bo + l + j * ldb]);
      const al = ao + l * lda;
      for (let i = 0; i < m; i++) c[cj + i] = r(c[cj + i] + r(temp * a[al + i]));
    }
  }
}

/** SGEMV 'T' with beta = 0: y = alpha·Aᵀx (A m×n); y has stride 1. */
function gemvT(p: Prec, m: number, n: number, alpha: number, a: Float64Array, ao: number, lda: number, x: Float64Array, xo: number, incx: number, y: Float64Array, yo: number): void {
  const r = p.r;
  for (let j = 0; j < n; j++) y[yo + j] = 0;
  if (alpha === 0) return;
  for (let j = 0; j < n; j++) {
    let temp = 0;
    for (let i = 0; i < m; i++) temp = r(temp + r(a[ao + i + j * lda] * x[xo + i * incx]));
    y[yo + j] = r(y[yo + j] + r(alpha * temp));
  }
}

/** SGER: A = A + alpha·x·yᵀ (A m×n). */
function ger(p: Prec, m: number, n: number, alpha: number, x: Float64Array, xo: number, incx: number, y: Float64Array, yo: number, incy: number, a: Float64Array, ao: number, lda: number): void {
  const r = p.r;
  for (let j = 0; j < n; j++) {
    const yj = y[yo + j * incy];
    if (yj === 0) continue;
    const temp = r(alpha * yj);
    for (let i = 0; i < m; i++) a[ao + i + j * lda] = r(a[ao + i + j * lda] + r(x[xo + i * incx] * temp));
  }
}

/** SSYRK on the `upper` or lower triangle of C (n×n): C = alpha·A·Aᵀ + beta·C ('N', A n×k) or alpha·AᵀA + beta·C ('T', A k×n). */
function syrk(p: Prec, upper: boolean, trans: boolean, n: number, k: number, alpha: number, a: Float64Array, ao: number, lda: number, beta: number, c: Float64Array, co: number, ldc: number): void {
  const r = p.r;
  if (n === 0 || ((alpha === 0 || k === 0) && beta === 1)) return;
  if (!trans) {
    for (let j = 0; j < n; j++) {
      const i0 = upper ? 0 : j;
      const i1 = upper ? j : n - 1;
      if (beta === 0) for (let i = i0; i <= i1; i++) c[co + i + j * ldc] = 0;
      else if (beta !== 1) for (let i = i0; i <= i1; i++) c[co + i + j * ldc] = r(beta * c[co + i + j * ldc]);
      for (let l = 0; l < k; l++) {
        const ajl = a[ao + j + l * lda];
        if (ajl === 0) continue;
        const temp = r(alpha * ajl);
        for (let i = i0; i <= i1; i++) c[co + i + j * ldc] = r(c[co + i + j * ldc] + r(temp * a[ao + i + l * lda]));
      }
    }
    return;
  }
  for (let j = 0; j < n; j++) {
    const i0 = upper ? 0 : j;
    const i1 = upper ? j : n - 1;
    for (let i = i0; i <= i1; i++) {
      let temp = 0;
      for (let l = 0; l < k; l++) temp = r(temp + r(a[ao + l + i * lda] * a[ao + l + j * lda]));
      c[co + i + j * ldc] = beta === 0 ? r(alpha * temp) : r(r(alpha * temp) + r(beta * c[co + i + j * ldc]));
    }
  }
}

/**
 * STRSM: B = alpha·op(A)⁻¹·B (left) or alpha·B·op(A)⁻¹ (right), A triangular (`upper`), op = ᵀ with
 * `trans`, `unit` diagonal taken as ones. B is m×n.
 */
export function trsm(
  p: Prec, left: boolean, upper: boolean, trans: boolean, unit: boolean, m: number, n: number, alpha: number,
  a: Float64Array, ao: number, lda: number, b: Float64Array, bo: number, ldb: number,
): void {
  const r = p.r;
  if (m === 0 || n === 0) return;
  const A = (i: number, j: number): number => a[ao + i + j * lda];
  const bi = (i: number, j: number): number => bo + i + j * ldb;
  if (alpha === 0) {
    for (let j = 0; j < n; j++) for (let i = 0; i < m; i++) b[bi(i, j)] = 0;
    return;
  }
  if (left) {
    if (!trans) {
      if (upper) {
        for (let j = 0; j < n; j++) {
          if (alpha !== 1) for (let i = 0; i < m; i++) b[bi(i, j)] = r(alpha * b[bi(i, j)]);
          for (let k = m - 1; k >= 0; k--) {
            if (b[bi(k, j)] !== 0) {
              if (!unit) b[bi(k, j)] = r(b[bi(k, j)] / A(k, k));
              const bk = b[bi(k, j)];
              for (let i = 0; i < k; i++) b[bi(i, j)] = r(b[bi(i, j)] - r(bk * A(i, k)));
            }
          }
        }
      } else {
        for (let j = 0; j < n; j++) {
          if (alpha !== 1) for (let i = 0; i < m; i++) b[bi(i, j)] = r(alpha * b[bi(i, j)]);
          for (let k = 0; k < m; k++) {
            if (b[bi(k, j)] !== 0) {
              if (!unit) b[bi(k, j)] = r(b[bi(k, j)] / A(k, k));
              const bk = b[bi(k, j)];
              for (let i = k + 1; i < m; i++) b[bi(i, j)] = r(b[bi(i, j)] - r(bk * A(i, k)));
            }
          }
        }
      }
    } else if (upper) {
      for (let j = 0; j < n; j++)
        for (let i = 0; i < m; i++) {
          let temp = r(alpha * b[bi(i, j)]);
          for (let k = 0; k < i; k++) temp = r(temp - r(A(k, i) * b[bi(k, j)]));
          if (!unit) temp = r(temp / A(i, i));
          b[bi(i, j)] = temp;
        }
    } else {
      for (let j = 0; j < n; j++)
        for (let i = m - 1; i >= 0; i--) {
          let temp = r(alpha * b[bi(i, j)]);
          for (let k = i + 1; k < m; k++) temp = r(temp - r(A(k, i) * b[bi(k, j)]));
          if (!unit) temp = r(temp / A(i, i));
          b[bi(i, j)] = temp;
        }
    }
    return;
  }
  if (!trans) {
    if (upper) {
      for (let j = 0; j < n; j++) {
        if (alpha !== 1) for (let i = 0; i < m; i++) b[bi(i, j)] = r(alpha * b[bi(i, j)]);
        for (let k = 0; k < j; k++) {
          const akj = A(k, j);
          if (akj !== 0) for (let i = 0; i < m; i++) b[bi(i, j)] = r(b[bi(i, j)] - r(akj * b[bi(i, k)]));
        }
        if (!unit) {
          const temp = r(1 / A(j, j));
          for (let i = 0; i < m; i++) b[bi(i, j)] = r(temp * b[bi(i, j)]);
        }
      }
    } else {
      for (let j = n - 1; j >= 0; j--) {
        if (alpha !== 1) for (let i = 0; i < m; i++) b[bi(i, j)] = r(alpha * b[bi(i, j)]);
        for (let k = j + 1; k < n; k++) {
          const akj = A(k, j);
          if (akj !== 0) for (let i = 0; i < m; i++) b[bi(i, j)] = r(b[bi(i, j)] - r(akj * b[bi(i, k)]));
        }
        if (!unit) {
          const temp = r(1 / A(j, j));
          for (let i = 0; i < m; i++) b[bi(i, j)] = r(temp * b[bi(i, j)]);
        }
      }
    }
  } else if (upper) {
    for (let k = n - 1; k >= 0; k--) {
      if (!unit) {
        const temp = r(1 / A(k, k));
        for (let i = 0; i < m; i++) b[bi(i, k)] = r(temp * b[bi(i, k)]);
      }
      for (let j = 0; j < k; j++) {
        const temp = A(j, k);
        if (temp !== 0) for (let i = 0; i < m; i++) b[bi(i, j)] = r(b[bi(i, j)] - r(temp * b[bi(i, k)]));
      }
      if (alpha !== 1) for (let i = 0; i < m; i++) b[bi(i, k)] = r(alpha * b[bi(i, k)]);
    }
  } else {
    for (let k = 0; k < n; k++) {
      if (!unit) {
        const temp = r(1 / A(k, k));
        for (let i = 0; i < m; i++) b[bi(i, k)] = r(temp * b[bi(i, k)]);
      }
      for (let j = k + 1; j < n; j++) {
        const temp = A(j, k);
        if (temp !== 0) for (let i = 0; i < m; i++) b[bi(i, j)] = r(b[bi(i, j)] - r(temp * b[bi(i, k)]));
      }
      if (alpha !== 1) for (let i = 0; i < m; i++) b[bi(i, k)] = r(alpha * b[bi(i, k)]);
    }
  }
}

// ---- LU --------------------------------------------------------------------------------------------

/**
 * SGETRF (via the recursive SGETRF2): P·A = L·U in place, A m×n. ipiv gets 0-based pivot rows.
 * Returns LAPACK's info: 0, or the 1-based index of the first exactly-zero pivot.
 */
export function getrf(p: Prec, m: number, n: number, a: Float64Array, off: number, lda: number, ipiv: Int32Array, poff: number): number {
  const r = p.r;
  if (m === 0 || n === 0) return 0;
  if (m === 1) {
    ipiv[poff] = 0;
    return a[off] === 0 ? 1 : 0;
  }
  if (n === 1) {
    const i = iamax(m, a, off, 1);
    ipiv[poff] = i;
    if (a[off + i] !== 0) {
      if (i !== 0) {
        const t = a[off];
        a[off] = a[off + i];
        a[off + i] = t;
      }
      if (Math.abs(a[off]) >= p.sfmin) scal(p, m - 1, r(1 / a[off]), a, off + 1, 1);
      else for (let k = 1; k < m; k++) a[off + k] = r(a[off + k] / a[off]);
      return 0;
    }
    return 1;
  }
  let info = 0;
  const n1 = Math.floor(Math.min(m, n) / 2);
  const n2 = n - n1;
  let iinfo = getrf(p, m, n1, a, off, lda, ipiv, poff);
  if (info === 0 && iinfo > 0) info = iinfo;
  laswp(n2, a, off + n1 * lda, lda, 0, n1 - 1, ipiv, poff, 1);
  trsm(p, true, false, false, true, n1, n2, 1, a, off, lda, a, off + n1 * lda, lda);
  gemmNN(p, m - n1, n2, n1, -1, a, off + n1, lda, a, off + n1 * lda, lda, 1, a, off + n1 + n1 * lda, lda);
  iinfo = getrf(p, m - n1, n2, a, off + n1 + n1 * lda, lda, ipiv, poff + n1);
  if (info === 0 && iinfo > 0) info = iinfo + n1;
  const mn = Math.min(m, n);
  for (let i = n1; i < mn; i++) ipiv[poff + i] += n1;
  laswp(n1, a, off, lda, n1, mn - 1, ipiv, poff, 1);
  return info;
}

/** SGETRS: solves A·X = B (or Aᵀ·X = B with `trans`) from getrf's factors; B n×nrhs. */
export function getrs(p: Prec, trans: boolean, n: number, nrhs: number, a: Float64Array, ao: number, lda: number, ipiv: Int32Array, poff: number, b: Float64Array, bo: number, ldb: number): void {
  if (n === 0 || nrhs === 0) return;
  if (!trans) {
    laswp(nrhs, b, bo, ldb, 0, n - 1, ipiv, poff, 1);
    trsm(p, true, false, false, true, n, nrhs, 1, a, ao, lda, b, bo, ldb);
    trsm(p, true, true, false, false, n, nrhs, 1, a, ao, lda, b, bo, ldb);
  } else {
    trsm(p, true, true, true, false, n, nrhs, 1, a, ao, lda, b, bo, ldb);
    trsm(p, true, false, true, true, n, nrhs, 1, a, ao, lda, b, bo, ldb);
    laswp(nrhs, b, bo, ldb, 0, n - 1, ipiv, poff, -1);
  }
}

// ---- Cholesky --------------------------------------------------------------------------------------

/**
 * SPOTRF (via the recursive SPOTRF2) on the `upper` or lower triangle of A (n×n), in place.
 * Returns 0, or the 1-based order of the leading minor that is not positive-definite.
 */
export function potrf(p: Prec, upper: boolean, n: number, a: Float64Array, off: number, lda: number): number {
  const r = p.r;
  if (n === 0) return 0;
  if (n === 1) {
    const v = a[off];
    if (v <= 0 || v !== v) return 1;
    a[off] = r(Math.sqrt(v));
    return 0;
  }
  const n1 = Math.floor(n / 2);
  const n2 = n - n1;
  let iinfo = potrf(p, upper, n1, a, off, lda);
  if (iinfo !== 0) return iinfo;
  if (upper) {
    trsm(p, true, true, true, false, n1, n2, 1, a, off, lda, a, off + n1 * lda, lda);
    syrk(p, true, true, n2, n1, -1, a, off + n1 * lda, lda, 1, a, off + n1 + n1 * lda, lda);
  } else {
    trsm(p, false, false, true, false, n2, n1, 1, a, off, lda, a, off + n1, lda);
    syrk(p, false, false, n2, n1, -1, a, off + n1, lda, 1, a, off + n1 + n1 * lda, lda);
  }
  iinfo = potrf(p, upper, n2, a, off + n1 + n1 * lda, lda);
  return iinfo !== 0 ? iinfo + n1 : 0;
}

// ---- QR --------------------------------------------------------------------------------------------

/** SLARFG on (alpha = a[ai], x = a[xo..] stride inc, length n-1): returns tau; writes beta and v. */
function larfg(p: Prec, n: number, a: Float64Array, ai: number, xo: number, inc: number): number {
  const r = p.r;
  if (n <= 1) return 0;
  let xnorm = nrm2(p, n - 1, a, xo, inc);
  if (xnorm === 0) return 0;
  let alpha = a[ai];
  let beta = -sign(lapy2(p, alpha, xnorm), alpha);
  const safmin = p.sfmin / p.eps;
  let knt = 0;
  if (Math.abs(beta) < safmin) {
    const rsafmn = r(1 / safmin);
    do {
      knt++;
      scal(p, n - 1, rsafmn, a, xo, inc);
      beta = r(beta * rsafmn);
      alpha = r(alpha * rsafmn);
    } while (Math.abs(beta) < safmin && knt < 20);
    xnorm = nrm2(p, n - 1, a, xo, inc);
    beta = -sign(lapy2(p, alpha, xnorm), alpha);
  }
  const tau = r(r(beta - alpha) / beta);
  scal(p, n - 1, r(1 / r(alpha - beta)), a, xo, inc);
  for (let j = 0; j < knt; j++) beta = r(beta * safmin);
  a[ai] = beta;
  return tau;
}

/** SLARF 'Left': C = (I - tau·v·vᵀ)·C, C m×n, v (stride 1) of length m; work of length n. */
function larfLeft(p: Prec, m: number, n: number, v: Float64Array, vo: number, tau: number, c: Float64Array, co: number, ldc: number, work: Float64Array): void {
  if (tau === 0) return;
  // trailing zeros of v and zero columns of C change nothing: the BLAS calls run on all of them
  gemvT(p, m, n, 1, c, co, ldc, v, vo, 1, work, 0);
  ger(p, m, n, p.r(-tau), v, vo, 1, work, 0, 1, c, co, ldc);
}

/** SGEQRF (unblocked SGEQR2): A = Q·R in place, A m×n; tau gets min(m, n) scalars. */
export function geqrf(p: Prec, m: number, n: number, a: Float64Array, off: number, lda: number, tau: Float64Array, to: number, work: Float64Array): void {
  const k = Math.min(m, n);
  for (let i = 0; i < k; i++) {
    const ii = off + i + i * lda;
    tau[to + i] = larfg(p, m - i, a, ii, off + Math.min(i + 1, m - 1) + i * lda, 1);
    if (i < n - 1) {
      const aii = a[ii];
      a[ii] = 1;
      larfLeft(p, m - i, n - i - 1, a, ii, tau[to + i], a, ii + lda, lda, work);
      a[ii] = aii;
    }
  }
}

/** SORGQR (unblocked SORG2R): the m×n matrix Q from the first k reflectors stored in A's columns. */
export function orgqr(p: Prec, m: number, n: number, k: number, a: Float64Array, off: number, lda: number, tau: Float64Array, to: number, work: Float64Array): void {
  const r = p.r;
  if (n <= 0) return;
  for (let j = k; j < n; j++) {
    for (let l = 0; l < m; l++) a[off + l + j * lda] = 0;
    a[off + j + j * lda] = 1;
  }
  for (let i = k - 1; i >= 0; i--) {
    const ii = off + i + i * lda;
    if (i < n - 1) {
      a[ii] = 1;
      larfLeft(p, m - i, n - i - 1, a, ii, tau[to + i], a, ii + lda, lda, work);
    }
    if (i < m - 1) scal(p, m - i - 1, -tau[to + i], a, ii + 1, 1);
    a[ii] = r(1 - tau[to + i]);
    for (let l = 0; l < i; l++) a[off + l + i * lda] = 0;
  }
}

// ---- symmetric eigenproblem (SSYEVD for n up to 25: SSYTRD, SSTEQR or SSTERF, SORMTR) --------------

/** SLASCL 'G' on a strided vector: x = x·(cto/cfrom) without over/underflow. */
function lascl(p: Prec, cfrom: number, cto: number, n: number, x: Float64Array, off: number, inc: number): void {
  const r = p.r;
  const smlnum = p.sfmin;
  const bignum = r(1 / smlnum);
  let cfromc = cfrom;
  let ctoc = cto;
  let done = false;
  while (!done) {
    const cfrom1 = r(cfromc * smlnum);
    let mul: number;
    if (cfrom1 === cfromc) {
      mul = r(ctoc / cfromc);
      done = true;
    } else {
      const cto1 = r(ctoc / bignum);
      if (cto1 === ctoc) {
        mul = ctoc;
        done = true;
        cfromc = 1;
      } else if (Math.abs(cfrom1) > Math.abs(ctoc) && ctoc !== 0) {
        mul = smlnum;
        cfromc = cfrom1;
      } else if (Math.abs(cto1) > Math.abs(cfromc)) {
        mul = bignum;
        ctoc = cto1;
      } else {
        mul = r(ctoc / cfromc);
        done = true;
        if (mul === 1) return;
      }
    }
    for (let i = 0; i < n; i++) x[off + i * inc] = r(x[off + i * inc] * mul);
  }
}

/** SLANST 'M': the largest magnitude of a tridiagonal matrix (NaN propagates). */
function lanstMax(n: number, d: Float64Array, doff: number, e: Float64Array, eoff: number): number {
  if (n <= 0) return 0;
  let anorm = Math.abs(d[doff + n - 1]);
  for (let i = 0; i < n - 1; i++) {
    let s = Math.abs(d[doff + i]);
    if (anorm < s || s !== s) anorm = s;
    s = Math.abs(e[eoff + i]);
    if (anorm < s || s !== s) anorm = s;
  }
  return anorm;
}

/** SLAE2 / SLAEV2: eigen-decomposition of [[a, b], [b, c]]; out = [rt1, rt2, cs1, sn1]. */
function laev2(p: Prec, a: number, b: number, c: number, out: Float64Array, vectors: boolean): void {
  const r = p.r;
  const sm = r(a + c);
  const df = r(a - c);
  const adf = Math.abs(df);
  const tb = r(b + b);
  const ab = Math.abs(tb);
  const [acmx, acmn] = Math.abs(a) > Math.abs(c) ? [a, c] : [c, a];
  let rt: number;
  if (adf > ab) {
    const q = r(ab / adf);
    rt = r(adf * r(Math.sqrt(r(1 + r(q * q)))));
  } else if (adf < ab) {
    const q = r(adf / ab);
    rt = r(ab * r(Math.sqrt(r(1 + r(q * q)))));
  } else rt = r(ab * r(Math.SQRT2));
  let rt1: number;
  let rt2: number;
  let sgn1: number;
  if (sm < 0) {
    rt1 = r(0.5 * r(sm - rt));
    sgn1 = -1;
    rt2 = r(r(r(acmx / rt1) * acmn) - r(r(b / rt1) * b));
  } else if (sm > 0) {
    rt1 = r(0.5 * r(sm + rt));
    sgn1 = 1;
    rt2 = r(r(r(acmx / rt1) * acmn) - r(r(b / rt1) * b));
  } else {
    rt1 = r(0.5 * rt);
    rt2 = r(-0.5 * rt);
    sgn1 = 1;
  }
  out[0] = rt1;
  out[1] = rt2;
  if (!vectors) return;
  let cs: number;
  let sgn2: number;
  if (df >= 0) {
    cs = r(df + rt);
    sgn2 = 1;
  } else {
    cs = r(df - rt);
    sgn2 = -1;
  }
  let cs1: number;
  let sn1: number;
  if (Math.abs(cs) > ab) {
    const ct = r(-tb / cs);
    sn1 = r(1 / r(Math.sqrt(r(1 + r(ct * ct)))));
    cs1 = r(ct * sn1);
  } else if (ab === 0) {
    cs1 = 1;
    sn1 = 0;
  } else {
    const tn = r(-cs / tb);
    cs1 = r(1 / r(Math.sqrt(r(1 + r(tn * tn)))));
    sn1 = r(tn * cs1);
  }
  if (sgn1 === sgn2) {
    const tn = cs1;
    cs1 = -sn1;
    sn1 = tn;
  }
  out[2] = cs1;
  out[3] = sn1;
}

/** SLARTG (LAPACK 3.10+): a plane rotation with c·f + s·g = r, -s·f + c·g = 0; out = [c, s, r]. */
function lartg(p: Prec, f: number, g: number, out: Float64Array): void {
  const r = p.r;
  const safmin = p.sfmin;
  const safmax = r(1 / safmin);
  const rtmin = r(Math.sqrt(safmin));
  const rtmax = r(Math.sqrt(r(safmax / 2)));
  const f1 = Math.abs(f);
  const g1 = Math.abs(g);
  if (g === 0) {
    out[0] = 1;
    out[1] = 0;
    out[2] = f;
  } else if (f === 0) {
    out[0] = 0;
    out[1] = sign(1, g);
    out[2] = g1;
  } else if (f1 > rtmin && f1 < rtmax && g1 > rtmin && g1 < rtmax) {
    const d = r(Math.sqrt(r(r(f * f) + r(g * g))));
    out[0] = r(f1 / d);
    const rr = sign(d, f);
    out[2] = rr;
    out[1] = r(g / rr);
  } else {
    const u = Math.min(safmax, Math.max(safmin, f1, g1));
    const fs = r(f / u);
    const gs = r(g / u);
    const d = r(Math.sqrt(r(r(fs * fs) + r(gs * gs))));
    out[0] = r(Math.abs(fs) / d);
    const rr = sign(d, f);
    out[1] = r(gs / rr);
    out[2] = r(rr * u);
  }
}

/** SLASR 'R', 'V', direction 'F' (forward) or 'B': apply plane rotations to columns of Z (m×n). */
function lasrRV(p: Prec, forward: boolean, m: number, n: number, c: Float64Array, co: number, s: Float64Array, so: number, a: Float64Array, ao: number, lda: number): void {
  const r = p.r;
  const step = (j: number): void => {
    const ct = c[co + j];
    const st = s[so + j];
    if (ct === 1 && st === 0) return;
    const cj = ao + j * lda;
    const cj1 = ao + (j + 1) * lda;
    for (let i = 0; i < m; i++) {
      const temp = a[cj1 + i];
      a[cj1 + i] = r(r(ct * temp) - r(st * a[cj + i]));
      a[cj + i] = r(r(st * temp) + r(ct * a[cj + i]));
    }
  };
  if (forward) for (let j = 0; j < n - 1; j++) step(j);
  else for (let j = n - 2; j >= 0; j--) step(j);
}

const MAXIT = 30;

/**
 * SSTEQR with COMPZ = 'I': eigenvalues (d, ascending) and eigenvectors (z, n×n column-major) of the
 * symmetric tridiagonal matrix (d, e) by implicit QL/QR. Returns LAPACK's info.
 */
function steqr(p: Prec, n: number, d: Float64Array, e: Float64Array, z: Float64Array, ldz: number, work: Float64Array): number {
  const r = p.r;
  if (n === 0) return 0;
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) z[i + j * ldz] = i === j ? 1 : 0;
  if (n === 1) return 0;
  const eps = p.eps;
  const eps2 = r(eps * eps);
  const safmin = p.sfmin;
  const safmax = r(1 / safmin);
  const ssfmax = r(r(Math.sqrt(safmax)) / 3);
  const ssfmin = r(r(Math.sqrt(safmin)) / eps2);
  const nmaxit = n * MAXIT;
  let jtot = 0;
  const ev = new Float64Array(4);
  const rot = new Float64Array(3);
  // 1-based indices below, as in the Fortran: D(i) = d[i-1], E(i) = e[i-1], WORK(i) = work[i-1]
  let l1 = 1;
  const nm1 = n - 1;
  outer: for (;;) {
    if (l1 > n) break;
    if (l1 > 1) e[l1 - 2] = 0;
    let m = n;
    if (l1 <= nm1) {
      for (let mm = l1; mm <= nm1; mm++) {
        const tst = Math.abs(e[mm - 1]);
        if (tst === 0) {
          m = mm;
          break;
        }
        if (tst <= r(r(r(Math.sqrt(Math.abs(d[mm - 1]))) * r(Math.sqrt(Math.abs(d[mm])))) * eps)) {
          e[mm - 1] = 0;
          m = mm;
          break;
        }
      }
    }
    let l = l1;
    const lsv = l;
    let lend = m;
    const lendsv = lend;
    l1 = m + 1;
    if (lend === l) continue;
    // scale the submatrix in rows and columns l..lend
    const anorm = lanstMax(lend - l + 1, d, l - 1, e, l - 1);
    let iscale = 0;
    if (anorm === 0) continue;
    if (anorm > ssfmax) {
      iscale = 1;
      lascl(p, anorm, ssfmax, lend - l + 1, d, l - 1, 1);
      lascl(p, anorm, ssfmax, lend - l, e, l - 1, 1);
    } else if (anorm < ssfmin) {
      iscale = 2;
      lascl(p, anorm, ssfmin, lend - l + 1, d, l - 1, 1);
      lascl(p, anorm, ssfmin, lend - l, e, l - 1, 1);
    }
    // choose between QL and QR iteration
    if (Math.abs(d[lend - 1]) < Math.abs(d[l - 1])) {
      lend = lsv;
      l = lendsv;
    }
    if (lend > l) {
      // QL iteration: look for a small subdiagonal element
      for (;;) {
        let mm = lend;
        if (l !== lend) {
          for (let k = l; k <= lend - 1; k++) {
            const t = Math.abs(e[k - 1]);
            const tst = r(t * t);
            if (tst <= r(r(r(eps2 * Math.abs(d[k - 1])) * Math.abs(d[k])) + safmin)) {
              mm = k;
              break;
            }
          }
        }
        m = mm;
        if (m < lend) e[m - 1] = 0;
        let pp = d[l - 1];
        if (m === l) {
          // eigenvalue found
          d[l - 1] = pp;
          l++;
          if (l <= lend) continue;
          break;
        }
        if (m === l + 1) {
          laev2(p, d[l - 1], e[l - 1], d[l], ev, true);
          work[l - 1] = ev[2];
          work[n - 1 + l - 1] = ev[3];
          lasrRV(p, false, n, 2, work, l - 1, work, n - 1 + l - 1, z, (l - 1) * ldz, ldz);
          d[l - 1] = ev[0];
          d[l] = ev[1];
          e[l - 1] = 0;
          l += 2;
          if (l <= lend) continue;
          break;
        }
        if (jtot === nmaxit) break;
        jtot++;
        // form shift
        let g = r(r(d[l] - pp) / r(2 * e[l - 1]));
        let rr = lapy2(p, g, 1);
        g = r(r(d[m - 1] - pp) + r(e[l - 1] / r(g + sign(rr, g))));
        let s = 1;
        let c = 1;
        pp = 0;
        for (let i = m - 1; i >= l; i--) {
          const f = r(s * e[i - 1]);
          const b = r(c * e[i - 1]);
          lartg(p, g, f, rot);
          c = rot[0];
          s = rot[1];
          rr = rot[2];
          if (i !== m - 1) e[i] = rr;
          g = r(d[i] - pp);
          rr = r(r(r(d[i - 1] - g) * s) + r(r(2 * c) * b));
          pp = r(s * rr);
          d[i] = r(g + pp);
          g = r(r(c * rr) - b);
          work[i - 1] = c;
          work[n - 1 + i - 1] = -s;
        }
        lasrRV(p, false, n, m - l + 1, work, l - 1, work, n - 1 + l - 1, z, (l - 1) * ldz, ldz);
        d[l - 1] = r(d[l - 1] - pp);
        e[l - 1] = g;
      }
    } else {
      // QR iteration: look for a small superdiagonal element
      for (;;) {
        let mm = lend;
        if (l !== lend) {
          for (let k = l; k >= lend + 1; k--) {
            const t = Math.abs(e[k - 2]);
            const tst = r(t * t);
            if (tst <= r(r(r(eps2 * Math.abs(d[k - 1])) * Math.abs(d[k - 2])) + safmin)) {
              mm = k;
              break;
            }
          }
        }
        m = mm;
        if (m > lend) e[m - 2] = 0;
        let pp = d[l - 1];
        if (m === l) {
          d[l - 1] = pp;
          l--;
          if (l >= lend) continue;
          break;
        }
        if (m === l - 1) {
          laev2(p, d[l - 2], e[l - 2], d[l - 1], ev, true);
          work[m - 1] = ev[2];
          work[n - 1 + m - 1] = ev[3];
          lasrRV(p, true, n, 2, work, m - 1, work, n - 1 + m - 1, z, (l - 2) * ldz, ldz);
          d[l - 2] = ev[0];
          d[l - 1] = ev[1];
          e[l - 2] = 0;
          l -= 2;
          if (l >= lend) continue;
          break;
        }
        if (jtot === nmaxit) break;
        jtot++;
        let g = r(r(d[l - 2] - pp) / r(2 * e[l - 2]));
        let rr = lapy2(p, g, 1);
        g = r(r(d[m - 1] - pp) + r(e[l - 2] / r(g + sign(rr, g))));
        let s = 1;
        let c = 1;
        pp = 0;
        for (let i = m; i <= l - 1; i++) {
          const f = r(s * e[i - 1]);
          const b = r(c * e[i - 1]);
          lartg(p, g, f, rot);
          c = rot[0];
          s = rot[1];
          rr = rot[2];
          if (i !== m) e[i - 2] = rr;
          g = r(d[i - 1] - pp);
          rr = r(r(r(d[i] - g) * s) + r(r(2 * c) * b));
          pp = r(s * rr);
          d[i - 1] = r(g + pp);
          g = r(r(c * rr) - b);
          work[i - 1] = c;
          work[n - 1 + i - 1] = s;
        }
        lasrRV(p, true, n, l - m + 1, work, m - 1, work, n - 1 + m - 1, z, (m - 1) * ldz, ldz);
        d[l - 1] = r(d[l - 1] - pp);
        e[l - 2] = g;
      }
    }
    // undo scaling
    if (iscale === 1) {
      lascl(p, ssfmax, anorm, lendsv - lsv + 1, d, lsv - 1, 1);
      lascl(p, ssfmax, anorm, lendsv - lsv, e, lsv - 1, 1);
    } else if (iscale === 2) {
      lascl(p, ssfmin, anorm, lendsv - lsv + 1, d, lsv - 1, 1);
      lascl(p, ssfmin, anorm, lendsv - lsv, e, lsv - 1, 1);
    }
    if (jtot >= nmaxit) {
      let info = 0;
      for (let i = 0; i < n - 1; i++) if (e[i] !== 0) info++;
      return info;
    }
    continue outer;
  }
  // selection sort, swapping the eigenvectors along
  for (let ii = 2; ii <= n; ii++) {
    const i = ii - 1;
    let k = i;
    let pp = d[i - 1];
    for (let j = ii; j <= n; j++)
      if (d[j - 1] < pp) {
        k = j;
        pp = d[j - 1];
      }
    if (k !== i) {
      d[k - 1] = d[i - 1];
      d[i - 1] = pp;
      for (let q = 0; q < n; q++) {
        const t = z[q + (i - 1) * ldz];
        z[q + (i - 1) * ldz] = z[q + (k - 1) * ldz];
        z[q + (k - 1) * ldz] = t;
      }
    }
  }
  return 0;
}

/** SSTERF: eigenvalues only (Pal-Walker-Kahan QL/QR), ascending in d. Returns LAPACK's info. */
function sterf(p: Prec, n: number, d: Float64Array, e: Float64Array): number {
  const r = p.r;
  if (n <= 1) return 0;
  const eps = p.eps;
  const eps2 = r(eps * eps);
  const safmin = p.sfmin;
  const safmax = r(1 / safmin);
  const ssfmax = r(r(Math.sqrt(safmax)) / 3);
  const ssfmin = r(r(Math.sqrt(safmin)) / eps2);
  const nmaxit = n * MAXIT;
  let jtot = 0;
  const ev = new Float64Array(4);
  let l1 = 1;
  for (;;) {
    if (l1 > n) break;
    if (l1 > 1) e[l1 - 2] = 0;
    let m = n;
    for (let mm = l1; mm <= n - 1; mm++) {
      if (Math.abs(e[mm - 1]) <= r(r(r(Math.sqrt(Math.abs(d[mm - 1]))) * r(Math.sqrt(Math.abs(d[mm])))) * eps)) {
        e[mm - 1] = 0;
        m = mm;
        break;
      }
    }
    let l = l1;
    const lsv = l;
    let lend = m;
    const lendsv = lend;
    l1 = m + 1;
    if (lend === l) continue;
    const anorm = lanstMax(lend - l + 1, d, l - 1, e, l - 1);
    let iscale = 0;
    if (anorm === 0) continue;
    if (anorm > ssfmax) {
      iscale = 1;
      lascl(p, anorm, ssfmax, lend - l + 1, d, l - 1, 1);
      lascl(p, anorm, ssfmax, lend - l, e, l - 1, 1);
    } else if (anorm < ssfmin) {
      iscale = 2;
      lascl(p, anorm, ssfmin, lend - l + 1, d, l - 1, 1);
      lascl(p, anorm, ssfmin, lend - l, e, l - 1, 1);
    }
    for (let i = l; i <= lend - 1; i++) e[i - 1] = r(e[i - 1] * e[i - 1]);
    if (Math.abs(d[lend - 1]) < Math.abs(d[l - 1])) {
      lend = lsv;
      l = lendsv;
    }
    if (lend >= l) {
      for (;;) {
        let mm = lend;
        if (l !== lend) {
          for (let k = l; k <= lend - 1; k++)
            if (Math.abs(e[k - 1]) <= r(eps2 * Math.abs(r(d[k - 1] * d[k])))) {
              mm = k;
              break;
            }
        }
        m = mm;
        if (m < lend) e[m - 1] = 0;
        let pp = d[l - 1];
        if (m === l) {
          d[l - 1] = pp;
          l++;
          if (l <= lend) continue;
          break;
        }
        if (m === l + 1) {
          const rte = r(Math.sqrt(e[l - 1]));
          laev2(p, d[l - 1], rte, d[l], ev, false);
          d[l - 1] = ev[0];
          d[l] = ev[1];
          e[l - 1] = 0;
          l += 2;
          if (l <= lend) continue;
          break;
        }
        if (jtot === nmaxit) break;
        jtot++;
        const rte = r(Math.sqrt(e[l - 1]));
        let sigma = r(r(d[l] - pp) / r(2 * rte));
        let rr = lapy2(p, sigma, 1);
        sigma = r(pp - r(rte / r(sigma + sign(rr, sigma))));
        let c = 1;
        let s = 0;
        let gamma = r(d[m - 1] - sigma);
        pp = r(gamma * gamma);
        for (let i = m - 1; i >= l; i--) {
          const bb = e[i - 1];
          rr = r(pp + bb);
          if (i !== m - 1) e[i] = r(s * rr);
          const oldc = c;
          c = r(pp / rr);
          s = r(bb / rr);
          const oldgam = gamma;
          const alpha = d[i - 1];
          gamma = r(r(c * r(alpha - sigma)) - r(s * oldgam));
          d[i] = r(oldgam + r(alpha - gamma));
          pp = c !== 0 ? r(r(gamma * gamma) / c) : r(oldc * bb);
        }
        e[l - 1] = r(s * pp);
        d[l - 1] = r(sigma + gamma);
      }
    } else {
      for (;;) {
        let mm = lend;
        for (let k = l; k >= lend + 1; k--)
          if (Math.abs(e[k - 2]) <= r(eps2 * Math.abs(r(d[k - 1] * d[k - 2])))) {
            mm = k;
            break;
          }
        m = mm;
        if (m > lend) e[m - 2] = 0;
        let pp = d[l - 1];
        if (m === l) {
          d[l - 1] = pp;
          l--;
          if (l >= lend) continue;
          break;
        }
        if (m === l - 1) {
          const rte = r(Math.sqrt(e[l - 2]));
          laev2(p, d[l - 1], rte, d[l - 2], ev, false);
          d[l - 1] = ev[0];
          d[l - 2] = ev[1];
          e[l - 2] = 0;
          l -= 2;
          if (l >= lend) continue;
          break;
        }
        if (jtot === nmaxit) break;
        jtot++;
        const rte = r(Math.sqrt(e[l - 2]));
        let sigma = r(r(d[l - 2] - pp) / r(2 * rte));
        let rr = lapy2(p, sigma, 1);
        sigma = r(pp - r(rte / r(sigma + sign(rr, sigma))));
        let c = 1;
        let s = 0;
        let gamma = r(d[m - 1] - sigma);
        pp = r(gamma * gamma);
        for (let i = m; i <= l - 1; i++) {
          const bb = e[i - 1];
          rr = r(pp + bb);
          if (i !== m) e[i - 2] = r(s * rr);
          const oldc = c;
          c = r(pp / rr);
          s = r(bb / rr);
          const oldgam = gamma;
          const alpha = d[i];
          gamma = r(r(c * r(alpha - sigma)) - r(s * oldgam));
          d[i - 1] = r(oldgam + r(alpha - gamma));
          pp = c !== 0 ? r(r(gamma * gamma) / c) : r(oldc * bb);
        }
        e[l - 2] = r(s * pp);
        d[l - 1] = r(sigma + gamma);
      }
    }
    if (iscale === 1) lascl(p, ssfmax, anorm, lendsv - lsv + 1, d, lsv - 1, 1);
    if (iscale === 2) lascl(p, ssfmin, anorm, lendsv - lsv + 1, d, lsv - 1, 1);
    if (jtot >= nmaxit) {
      let info = 0;
      for (let i = 0; i < n - 1; i++) if (e[i] !== 0) info++;
      return info;
    }
  }
  const sorted = Array.from(d.subarray(0, n)).sort((x, y) => x - y);
  for (let i = 0; i < n; i++) d[i] = sorted[i];
  return 0;
}

/** SSYMV with beta = 0 on the `upper` or lower triangle: y = alpha·A·x (A n×n, x and y stride 1). */
function symv(p: Prec, upper: boolean, n: number, alpha: number, a: Float64Array, ao: number, lda: number, x: Float64Array, xo: number, y: Float64Array, yo: number): void {
  const r = p.r;
  for (let i = 0; i < n; i++) y[yo + i] = 0;
  if (alpha === 0) return;
  if (upper) {
    for (let j = 0; j < n; j++) {
      const temp1 = r(alpha * x[xo + j]);
      let temp2 = 0;
      for (let i = 0; i < j; i++) {
        y[yo + i] = r(y[yo + i] + r(temp1 * a[ao + i + j * lda]));
        temp2 = r(temp2 + r(a[ao + i + j * lda] * x[xo + i]));
      }
      y[yo + j] = r(r(y[yo + j] + r(temp1 * a[ao + j + j * lda])) + r(alpha * temp2));
    }
  } else {
    for (let j = 0; j < n; j++) {
      const temp1 = r(alpha * x[xo + j]);
      let temp2 = 0;
      y[yo + j] = r(y[yo + j] + r(temp1 * a[ao + j + j * lda]));
      for (let i = j + 1; i < n; i++) {
        y[yo + i] = r(y[yo + i] + r(temp1 * a[ao + i + j * lda]));
        temp2 = r(temp2 + r(a[ao + i + j * lda] * x[xo + i]));
      }
      y[yo + j] = r(y[yo + j] + r(alpha * temp2));
    }
  }
}

/** SSYR2 on the `upper` or lower triangle: A = A + alpha·x·yᵀ + alpha·y·xᵀ (x, y stride 1). */
function syr2(p: Prec, upper: boolean, n: number, alpha: number, x: Float64Array, xo: number, y: Float64Array, yo: number, a: Float64Array, ao: number, lda: number): void {
  const r = p.r;
  for (let j = 0; j < n; j++) {
    if (x[xo + j] === 0 && y[yo + j] === 0) continue;
    const temp1 = r(alpha * y[yo + j]);
    const temp2 = r(alpha * x[xo + j]);
    const i0 = upper ? 0 : j;
    const i1 = upper ? j : n - 1;
    for (let i = i0; i <= i1; i++) a[ao + i + j * lda] = r(r(a[ao + i + j * lda] + r(x[xo + i] * temp1)) + r(y[yo + i] * temp2));
  }
}

/** SSYTD2: reduces the `upper`/lower triangle of A to tridiagonal (d, e) by reflectors (tau). */
function sytd2(p: Prec, upper: boolean, n: number, a: Float64Array, off: number, lda: number, d: Float64Array, e: Float64Array, tau: Float64Array, w: Float64Array): void {
  const r = p.r;
  const A = (i: number, j: number): number => off + i + j * lda;
  if (n <= 0) return;
  if (upper) {
    for (let i = n - 2; i >= 0; i--) {
      // H(i) annihilates A(0:i-1, i+1)
      const taui = larfg(p, i + 1, a, A(i, i + 1), A(0, i + 1), 1);
      e[i] = a[A(i, i + 1)];
      if (taui !== 0) {
        a[A(i, i + 1)] = 1;
        symv(p, true, i + 1, taui, a, off, lda, a, A(0, i + 1), w, 0);
        let dot = 0;
        for (let k = 0; k <= i; k++) dot = r(dot + r(w[k] * a[A(k, i + 1)]));
        const alpha = r(r(-0.5 * taui) * dot);
        for (let k = 0; k <= i; k++) w[k] = r(w[k] + r(alpha * a[A(k, i + 1)]));
        syr2(p, true, i + 1, -1, a, A(0, i + 1), w, 0, a, off, lda);
        a[A(i, i + 1)] = e[i];
      }
      d[i + 1] = a[A(i + 1, i + 1)];
      tau[i] = taui;
    }
    d[0] = a[A(0, 0)];
  } else {
    for (let i = 0; i < n - 1; i++) {
      // H(i) annihilates A(i+2:n-1, i)
      const taui = larfg(p, n - i - 1, a, A(i + 1, i), A(Math.min(i + 2, n - 1), i), 1);
      e[i] = a[A(i + 1, i)];
      if (taui !== 0) {
        a[A(i + 1, i)] = 1;
        const len = n - i - 1;
        symv(p, false, len, taui, a, A(i + 1, i + 1), lda, a, A(i + 1, i), w, 0);
        let dot = 0;
        for (let k = 0; k < len; k++) dot = r(dot + r(w[k] * a[A(i + 1 + k, i)]));
        const alpha = r(r(-0.5 * taui) * dot);
        for (let k = 0; k < len; k++) w[k] = r(w[k] + r(alpha * a[A(i + 1 + k, i)]));
        syr2(p, false, len, -1, a, A(i + 1, i), w, 0, a, A(i + 1, i + 1), lda);
        a[A(i + 1, i)] = e[i];
      }
      d[i] = a[A(i, i)];
      tau[i] = taui;
    }
    d[n - 1] = a[A(n - 1, n - 1)];
  }
}

/**
 * SSYEVD for one matrix: eigenvalues (ascending, into w at woff) and, with `wantz`, the eigenvectors
 * overwriting A (n×n column-major, the `upper`/lower triangle read). Returns LAPACK's info.
 * For n > 25 LAPACK switches to divide and conquer; this keeps the QL/QR path (same values to
 * rounding; the sign of an eigenvector may then differ from LAPACK's).
 */
export function syevd(p: Prec, wantz: boolean, upper: boolean, n: number, a: Float64Array, off: number, lda: number, w: Float64Array, woff: number): number {
  const r = p.r;
  if (n === 0) return 0;
  if (n === 1) {
    w[woff] = a[off];
    if (wantz) a[off] = 1;
    return 0;
  }
  const smlnum = r(p.sfmin / p.eps);
  const bignum = r(1 / smlnum);
  const rmin = r(Math.sqrt(smlnum));
  const rmax = r(Math.sqrt(bignum));
  // SLANSY 'M' over the stored triangle
  let anrm = 0;
  for (let j = 0; j < n; j++)
    for (let i = upper ? 0 : j; i <= (upper ? j : n - 1); i++) {
      const v = Math.abs(a[off + i + j * lda]);
      if (anrm < v || v !== v) anrm = v;
    }
  let sigma = 1;
  let iscale = false;
  if (anrm > 0 && anrm < rmin) {
    iscale = true;
    sigma = r(rmin / anrm);
  } else if (anrm > rmax) {
    iscale = true;
    sigma = r(rmax / anrm);
  }
  if (iscale)
    for (let j = 0; j < n; j++) lascl(p, 1, sigma, upper ? j + 1 : n - j, a, off + (upper ? 0 : j) + j * lda, 1);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  const tau = new Float64Array(n);
  const work = new Float64Array(2 * n);
  sytd2(p, upper, n, a, off, lda, d, e, tau, work);
  let info: number;
  if (!wantz) info = sterf(p, n, d, e);
  else {
    const z = new Float64Array(n * n);
    info = steqr(p, n, d, e, z, n, work);
    // SORMTR('L', uplo, 'N'): Z = Q·Z with Q = H(0)…H(n-2) from sytd2
    if (upper) {
      // SORML2 (SORMQL's unblocked path) on Z(0:n-2, :) with the reflectors in A(0:n-2, 1:n-1)
      const k = n - 1;
      for (let i = 0; i < k; i++) {
        const mi = n - 1 - k + i + 1;
        const vi = off + (n - 1 - k + i) + (i + 1) * lda; // A(nq-k+i, i) of the shifted matrix
        const aii = a[vi];
        a[vi] = 1;
        larfLeft(p, mi, n, a, off + (i + 1) * lda, tau[i], z, 0, n, work);
        a[vi] = aii;
      }
    } else {
      // SORM2R on Z(1:n-1, :) with the reflectors in A(1:n-1, 0:n-2), applied last to first
      const k = n - 1;
      for (let i = k - 1; i >= 0; i--) {
        const vi = off + (i + 1) + i * lda; // A(i, i) of the matrix A(1:, 0:)
        const aii = a[vi];
        a[vi] = 1;
        larfLeft(p, n - 1 - i, n, a, vi, tau[i], z, i + 1, n, work);
        a[vi] = aii;
      }
    }
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) a[off + i + j * lda] = z[i + j * n];
  }
  for (let i = 0; i < n; i++) w[woff + i] = iscale ? r(d[i] * r(1 / sigma)) : d[i];
  return info;
}
