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

// ---- SVD (SGESDD with JOBZ = 'S' or 'A', for min(m, n) up to 25) -----------------------------------

/** SGEMV 'N' with beta = 0: y = A·x (A m×n, x stride incx, y stride 1). */
function gemvN(p: Prec, m: number, n: number, a: Float64Array, ao: number, lda: number, x: Float64Array, xo: number, incx: number, y: Float64Array): void {
  const r = p.r;
  for (let i = 0; i < m; i++) y[i] = 0;
  for (let j = 0; j < n; j++) {
    const temp = x[xo + j * incx];
    for (let i = 0; i < m; i++) y[i] = r(y[i] + r(temp * a[ao + i + j * lda]));
  }
}

/** SLARF 'Right': C = C·(I - tau·v·vᵀ), C m×n, v of length n with stride incv; work of length m. */
function larfRight(p: Prec, m: number, n: number, v: Float64Array, vo: number, incv: number, tau: number, c: Float64Array, co: number, ldc: number, work: Float64Array): void {
  if (tau === 0) return;
  gemvN(p, m, n, c, co, ldc, v, vo, incv, work);
  ger(p, m, n, p.r(-tau), work, 0, 1, v, vo, incv, c, co, ldc);
}

/** SGEBD2: bidiagonal reduction of A (m×n): d, e, tauq, taup; the reflectors stay in A. */
function gebd2(p: Prec, m: number, n: number, a: Float64Array, off: number, lda: number, d: Float64Array, e: Float64Array, tauq: Float64Array, taup: Float64Array, work: Float64Array): void {
  const A = (i: number, j: number): number => off + i + j * lda;
  if (m >= n) {
    for (let i = 0; i < n; i++) {
      tauq[i] = larfg(p, m - i, a, A(i, i), A(Math.min(i + 1, m - 1), i), 1);
      d[i] = a[A(i, i)];
      a[A(i, i)] = 1;
      if (i < n - 1) larfLeft(p, m - i, n - i - 1, a, A(i, i), tauq[i], a, A(i, i + 1), lda, work);
      a[A(i, i)] = d[i];
      if (i < n - 1) {
        taup[i] = larfg(p, n - i - 1, a, A(i, i + 1), A(i, Math.min(i + 2, n - 1)), lda);
        e[i] = a[A(i, i + 1)];
        a[A(i, i + 1)] = 1;
        larfRight(p, m - i - 1, n - i - 1, a, A(i, i + 1), lda, taup[i], a, A(i + 1, i + 1), lda, work);
        a[A(i, i + 1)] = e[i];
      } else taup[i] = 0;
    }
  } else {
    for (let i = 0; i < m; i++) {
      taup[i] = larfg(p, n - i, a, A(i, i), A(i, Math.min(i + 1, n - 1)), lda);
      d[i] = a[A(i, i)];
      a[A(i, i)] = 1;
      if (i < m - 1) larfRight(p, m - i - 1, n - i, a, A(i, i), lda, taup[i], a, A(i + 1, i), lda, work);
      a[A(i, i)] = d[i];
      if (i < m - 1) {
        tauq[i] = larfg(p, m - i - 1, a, A(i + 1, i), A(Math.min(i + 2, m - 1), i), 1);
        e[i] = a[A(i + 1, i)];
        a[A(i + 1, i)] = 1;
        larfLeft(p, m - i - 1, n - i - 1, a, A(i + 1, i), tauq[i], a, A(i + 1, i + 1), lda, work);
        a[A(i + 1, i)] = e[i];
      } else tauq[i] = 0;
    }
  }
}

/** SGELQ2: A (m×n) = L·Q in place; tau gets min(m, n) scalars. */
function gelq2(p: Prec, m: number, n: number, a: Float64Array, off: number, lda: number, tau: Float64Array, work: Float64Array): void {
  const k = Math.min(m, n);
  for (let i = 0; i < k; i++) {
    const ii = off + i + i * lda;
    tau[i] = larfg(p, n - i, a, ii, off + i + Math.min(i + 1, n - 1) * lda, lda);
    if (i < m - 1) {
      const aii = a[ii];
      a[ii] = 1;
      larfRight(p, m - i - 1, n - i, a, ii, lda, tau[i], a, ii + 1, lda, work);
      a[ii] = aii;
    }
  }
}

/** SORGL2: the m×n matrix Q with orthonormal rows from gelq2's first k reflectors (rows of A). */
function orgl2(p: Prec, m: number, n: number, k: number, a: Float64Array, off: number, lda: number, tau: Float64Array, work: Float64Array): void {
  const r = p.r;
  if (m <= 0) return;
  if (k < m)
    for (let j = 0; j < n; j++) {
      for (let l = k; l < m; l++) a[off + l + j * lda] = 0;
      if (j >= k && j < m) a[off + j + j * lda] = 1;
    }
  for (let i = k - 1; i >= 0; i--) {
    const ii = off + i + i * lda;
    if (i < n - 1) {
      if (i < m - 1) {
        a[ii] = 1;
        larfRight(p, m - i - 1, n - i, a, ii, lda, tau[i], a, ii + 1, lda, work);
      }
      scal(p, n - i - 1, -tau[i], a, ii + lda, lda);
    }
    a[ii] = r(1 - tau[i]);
    for (let l = 0; l < i; l++) a[off + i + l * lda] = 0;
  }
}

/**
 * SORM2R / SORML2: C = Q·C (left, Q = H(1)…H(k) applied last to first) or C = C·Pᵀ... in the two
 * forms SGESDD uses: the QR-type reflectors (columns of A, stride 1) from the left with TRANS = 'N',
 * and the LQ-type reflectors (rows of A, stride lda) from the right with TRANS = 'N'.
 */
function orm2rLeftN(p: Prec, m: number, n: number, k: number, a: Float64Array, off: number, lda: number, tau: Float64Array, c: Float64Array, co: number, ldc: number, work: Float64Array): void {
  if (m === 0 || n === 0 || k === 0) return;
  for (let i = k - 1; i >= 0; i--) {
    const ii = off + i + i * lda;
    const aii = a[ii];
    a[ii] = 1;
    larfLeft(p, m - i, n, a, ii, tau[i], c, co + i, ldc, work);
    a[ii] = aii;
  }
}
function orml2RightN(p: Prec, m: number, n: number, k: number, a: Float64Array, off: number, lda: number, tau: Float64Array, c: Float64Array, co: number, ldc: number, work: Float64Array): void {
  if (m === 0 || n === 0 || k === 0) return;
  for (let i = k - 1; i >= 0; i--) {
    const ii = off + i + i * lda;
    const aii = a[ii];
    a[ii] = 1;
    larfRight(p, m, n - i, a, ii, lda, tau[i], c, co + i * ldc, ldc, work);
    a[ii] = aii;
  }
}

/** SORMBR('Q', 'L', 'N', m, n, k): C = Q·C with Q from gebd2 on an nq×k matrix (nq = m). */
function ormbrQ(p: Prec, m: number, n: number, k: number, a: Float64Array, off: number, lda: number, tau: Float64Array, c: Float64Array, co: number, ldc: number, work: Float64Array): void {
  const nq = m;
  if (nq >= k) orm2rLeftN(p, m, n, k, a, off, lda, tau, c, co, ldc, work);
  else if (nq > 1) orm2rLeftN(p, m - 1, n, nq - 1, a, off + 1, lda, tau, c, co + 1, ldc, work);
}

/** SORMBR('P', 'R', 'T', m, n, k): C = C·Pᵀ with P from gebd2 on a k×nq matrix (nq = n). */
function ormbrPT(p: Prec, m: number, n: number, k: number, a: Float64Array, off: number, lda: number, tau: Float64Array, c: Float64Array, co: number, ldc: number, work: Float64Array): void {
  const nq = n;
  if (nq > k) orml2RightN(p, m, n, k, a, off, lda, tau, c, co, ldc, work);
  else if (nq > 1) orml2RightN(p, m, n - 1, nq - 1, a, off + lda, lda, tau, c, co + ldc, ldc, work);
}

/** SLASR 'L', 'V': rotations of rows j, j+1 of A (m×n), forward or backward. */
function lasrLV(p: Prec, forward: boolean, m: number, n: number, c: Float64Array, co: number, s: Float64Array, so: number, a: Float64Array, ao: number, lda: number): void {
  const r = p.r;
  const step = (j: number): void => {
    const ct = c[co + j];
    const st = s[so + j];
    if (ct === 1 && st === 0) return;
    for (let i = 0; i < n; i++) {
      const x = ao + j + i * lda;
      const temp = a[x + 1];
      a[x + 1] = r(r(ct * temp) - r(st * a[x]));
      a[x] = r(r(st * temp) + r(ct * a[x]));
    }
  };
  if (forward) for (let j = 0; j < m - 1; j++) step(j);
  else for (let j = m - 2; j >= 0; j--) step(j);
}

/** SROT on two strided vectors. */
function rot(p: Prec, n: number, x: Float64Array, xo: number, incx: number, y: Float64Array, yo: number, incy: number, c: number, s: number): void {
  const r = p.r;
  for (let i = 0; i < n; i++) {
    const xi = x[xo + i * incx];
    const yi = y[yo + i * incy];
    x[xo + i * incx] = r(r(c * xi) + r(s * yi));
    y[yo + i * incy] = r(r(c * yi) - r(s * xi));
  }
}

/** SLAS2: singular values of [[f, g], [0, h]]; out = [ssmin, ssmax]. */
function las2(p: Prec, f: number, g: number, h: number, out: Float64Array): void {
  const r = p.r;
  const fa = Math.abs(f);
  const ga = Math.abs(g);
  const ha = Math.abs(h);
  const fhmn = Math.min(fa, ha);
  const fhmx = Math.max(fa, ha);
  if (fhmn === 0) {
    out[0] = 0;
    if (fhmx === 0) out[1] = ga;
    else {
      const q = r(Math.min(fhmx, ga) / Math.max(fhmx, ga));
      out[1] = r(Math.max(fhmx, ga) * r(Math.sqrt(r(1 + r(q * q)))));
    }
  } else if (ga < fhmx) {
    const as = r(1 + r(fhmn / fhmx));
    const at = r(r(fhmx - fhmn) / fhmx);
    const q = r(ga / fhmx);
    const au = r(q * q);
    const c = r(2 / r(r(Math.sqrt(r(r(as * as) + au))) + r(Math.sqrt(r(r(at * at) + au)))));
    out[0] = r(fhmn * c);
    out[1] = r(fhmx / c);
  } else {
    const au = r(fhmx / ga);
    if (au === 0) {
      out[0] = r(r(fhmn * fhmx) / ga);
      out[1] = ga;
    } else {
      const as = r(1 + r(fhmn / fhmx));
      const at = r(r(fhmx - fhmn) / fhmx);
      const x1 = r(as * au);
      const x2 = r(at * au);
      const c = r(1 / r(r(Math.sqrt(r(1 + r(x1 * x1)))) + r(Math.sqrt(r(1 + r(x2 * x2))))));
      let ssmin = r(r(fhmn * c) * au);
      ssmin = r(ssmin + ssmin);
      out[0] = ssmin;
      out[1] = r(ga / r(c + c));
    }
  }
}

/** SLASV2: SVD of [[f, g], [0, h]]; out = [ssmin, ssmax, snr, csr, snl, csl]. */
function lasv2(p: Prec, f: number, g: number, h: number, out: Float64Array): void {
  const r = p.r;
  let ft = f;
  let fa = Math.abs(ft);
  let ht = h;
  let ha = Math.abs(h);
  let pmax = 1;
  const swap = ha > fa;
  if (swap) {
    pmax = 3;
    [ft, ht] = [ht, ft];
    [fa, ha] = [ha, fa];
  }
  const gt = g;
  const ga = Math.abs(gt);
  let ssmin: number;
  let ssmax: number;
  let clt: number;
  let crt: number;
  let slt: number;
  let srt: number;
  if (ga === 0) {
    ssmin = ha;
    ssmax = fa;
    clt = 1;
    crt = 1;
    slt = 0;
    srt = 0;
  } else {
    let gasmal = true;
    ssmin = 0;
    ssmax = 0;
    clt = crt = slt = srt = 0;
    if (ga > fa) {
      pmax = 2;
      if (r(fa / ga) < p.eps) {
        gasmal = false;
        ssmax = ga;
        ssmin = ha > 1 ? r(fa / r(ga / ha)) : r(r(fa / ga) * ha);
        clt = 1;
        slt = r(ht / gt);
        srt = 1;
        crt = r(ft / gt);
      }
    }
    if (gasmal) {
      const d = r(fa - ha);
      let l = d === fa ? 1 : r(d / fa);
      const m = r(gt / ft);
      let t = r(2 - l);
      const mm = r(m * m);
      const tt = r(t * t);
      const s = r(Math.sqrt(r(tt + mm)));
      const rr = l === 0 ? Math.abs(m) : r(Math.sqrt(r(r(l * l) + mm)));
      const a = r(0.5 * r(s + rr));
      ssmin = r(ha / a);
      ssmax = r(fa * a);
      if (mm === 0) {
        if (l === 0) t = r(sign(2, ft) * sign(1, gt));
        else t = r(r(gt / sign(d, ft)) + r(m / t));
      } else t = r(r(r(m / r(s + t)) + r(m / r(rr + l))) * r(1 + a));
      l = r(Math.sqrt(r(r(t * t) + 4)));
      crt = r(2 / l);
      srt = r(t / l);
      clt = r(r(crt + r(srt * m)) / a);
      slt = r(r(r(ht / ft) * srt) / a);
    }
  }
  let csl: number;
  let snl: number;
  let csr: number;
  let snr: number;
  if (swap) {
    csl = srt;
    snl = crt;
    csr = slt;
    snr = clt;
  } else {
    csl = clt;
    snl = slt;
    csr = crt;
    snr = srt;
  }
  let tsign = 1;
  if (pmax === 1) tsign = sign(1, csr) * sign(1, csl) * sign(1, f);
  if (pmax === 2) tsign = sign(1, snr) * sign(1, csl) * sign(1, g);
  if (pmax === 3) tsign = sign(1, snr) * sign(1, snl) * sign(1, h);
  out[0] = sign(ssmin, tsign * sign(1, f) * sign(1, h));
  out[1] = sign(ssmax, tsign);
  out[2] = snr;
  out[3] = csr;
  out[4] = snl;
  out[5] = csl;
}

/**
 * SBDSQR('U') with singular vectors: the upper bidiagonal (d, e) of order n → singular values in d
 * (descending), VT (n×ncvt) ← Pᵀ·VT and U (nru×n) ← U·Q. Returns LAPACK's info.
 */
function bdsqr(p: Prec, n: number, ncvt: number, nru: number, d: Float64Array, e: Float64Array, vt: Float64Array, vto: number, ldvt: number, u: Float64Array, uo: number, ldu: number, work: Float64Array): number {
  const r = p.r;
  if (n === 0) return 0;
  // 1-based below: D(i) = d[i-1], E(i) = e[i-1], WORK(i) = work[i-1]
  const D = (i: number) => d[i - 1];
  const E = (i: number) => e[i - 1];
  const nm1 = n - 1;
  const nm12 = nm1 + nm1;
  const nm13 = nm12 + nm1;
  let idir = 0;
  const eps = p.eps;
  const unfl = p.sfmin;
  const maxitr = 6;
  const rot3 = new Float64Array(3);
  const sv = new Float64Array(6);
  const s2 = new Float64Array(2);
  if (n > 1) {
    const tolmul = Math.max(10, Math.min(100, r(Math.pow(eps, -0.125))));
    const tol = r(tolmul * eps);
    let smax = 0;
    for (let i = 1; i <= n; i++) smax = Math.max(smax, Math.abs(D(i)));
    for (let i = 1; i <= n - 1; i++) smax = Math.max(smax, Math.abs(E(i)));
    let sminl = 0;
    let sminoa = Math.abs(D(1));
    if (sminoa !== 0) {
      let mu = sminoa;
      for (let i = 2; i <= n; i++) {
        mu = r(Math.abs(D(i)) * r(mu / r(mu + Math.abs(E(i - 1)))));
        sminoa = Math.min(sminoa, mu);
        if (sminoa === 0) break;
      }
    }
    sminoa = r(sminoa / r(Math.sqrt(n)));
    const thresh = Math.max(r(tol * sminoa), r(maxitr * r(n * r(n * unfl))));
    const maxitdivn = maxitr * n;
    let iterdivn = 0;
    let iter = -1;
    let oldll = -1;
    let oldm = -1;
    let m = n;
    main: for (;;) {
      if (m <= 1) break;
      if (iter >= n) {
        iter -= n;
        iterdivn++;
        if (iterdivn >= maxitdivn) {
          let info = 0;
          for (let i = 0; i < n - 1; i++) if (e[i] !== 0) info++;
          return info;
        }
      }
      // find the diagonal block to work on
      let smaxl = Math.abs(D(m));
      let smin = smaxl;
      let ll = 0;
      let split = false;
      for (let lll = 1; lll <= m - 1; lll++) {
        ll = m - lll;
        const abss = Math.abs(D(ll));
        const abse = Math.abs(E(ll));
        if (abse <= thresh) {
          split = true;
          break;
        }
        smin = Math.min(smin, abss);
        smaxl = Math.max(smaxl, abss, abse);
      }
      if (split) {
        e[ll - 1] = 0;
        if (ll === m - 1) {
          m--;
          continue main;
        }
      } else ll = 0;
      ll++;
      // the 2-by-2 block: handle separately
      if (ll === m - 1) {
        lasv2(p, D(m - 1), E(m - 1), D(m), sv);
        const [sigmn, sigmx, sinr, cosr, sinl, cosl] = sv;
        d[m - 2] = sigmx;
        e[m - 2] = 0;
        d[m - 1] = sigmn;
        if (ncvt > 0) rot(p, ncvt, vt, vto + (m - 2), ldvt, vt, vto + (m - 1), ldvt, cosr, sinr);
        if (nru > 0) rot(p, nru, u, uo + (m - 2) * ldu, 1, u, uo + (m - 1) * ldu, 1, cosl, sinl);
        m -= 2;
        continue main;
      }
      // working on a new submatrix: choose the shift direction
      if (ll > oldm || m < oldll) idir = Math.abs(D(ll)) >= Math.abs(D(m)) ? 1 : 2;
      // convergence tests
      if (idir === 1) {
        if (Math.abs(E(m - 1)) <= r(Math.abs(tol) * Math.abs(D(m)))) {
          e[m - 2] = 0;
          continue main;
        }
        let mu = Math.abs(D(ll));
        sminl = mu;
        for (let lll = ll; lll <= m - 1; lll++) {
          if (Math.abs(E(lll)) <= r(tol * mu)) {
            e[lll - 1] = 0;
            continue main;
          }
          mu = r(Math.abs(D(lll + 1)) * r(mu / r(mu + Math.abs(E(lll)))));
          sminl = Math.min(sminl, mu);
        }
      } else {
        if (Math.abs(E(ll)) <= r(Math.abs(tol) * Math.abs(D(ll)))) {
          e[ll - 1] = 0;
          continue main;
        }
        let mu = Math.abs(D(m));
        sminl = mu;
        for (let lll = m - 1; lll >= ll; lll--) {
          if (Math.abs(E(lll)) <= r(tol * mu)) {
            e[lll - 1] = 0;
            continue main;
          }
          mu = r(Math.abs(D(lll)) * r(mu / r(mu + Math.abs(E(lll)))));
          sminl = Math.min(sminl, mu);
        }
      }
      oldll = ll;
      oldm = m;
      // shift: zero if it would ruin relative accuracy
      let shift: number;
      if (r(r(n * tol) * r(sminl / smaxl)) <= Math.max(eps, r(r(0.01) * tol))) shift = 0;
      else {
        let sll: number;
        if (idir === 1) {
          sll = Math.abs(D(ll));
          las2(p, D(m - 1), E(m - 1), D(m), s2);
        } else {
          sll = Math.abs(D(m));
          las2(p, D(ll), E(ll), D(ll + 1), s2);
        }
        shift = s2[0];
        if (sll > 0) {
          const q = r(shift / sll);
          if (r(q * q) < eps) shift = 0;
        }
      }
      iter += m - ll;
      if (shift === 0) {
        if (idir === 1) {
          let cs = 1;
          let oldcs = 1;
          let oldsn = 0;
          for (let i = ll; i <= m - 1; i++) {
            lartg(p, r(D(i) * cs), E(i), rot3);
            cs = rot3[0];
            const sn = rot3[1];
            const rr = rot3[2];
            if (i > ll) e[i - 2] = r(oldsn * rr);
            lartg(p, r(oldcs * rr), r(D(i + 1) * sn), rot3);
            oldcs = rot3[0];
            oldsn = rot3[1];
            d[i - 1] = rot3[2];
            work[i - ll] = cs;
            work[i - ll + nm1] = sn;
            work[i - ll + nm12] = oldcs;
            work[i - ll + nm13] = oldsn;
          }
          const h = r(D(m) * cs);
          d[m - 1] = r(h * oldcs);
          e[m - 2] = r(h * oldsn);
          if (ncvt > 0) lasrLV(p, true, m - ll + 1, ncvt, work, 0, work, nm1, vt, vto + (ll - 1), ldvt);
          if (nru > 0) lasrRV(p, true, nru, m - ll + 1, work, nm12, work, nm13, u, uo + (ll - 1) * ldu, ldu);
          if (Math.abs(E(m - 1)) <= thresh) e[m - 2] = 0;
        } else {
          let cs = 1;
          let oldcs = 1;
          let oldsn = 0;
          for (let i = m; i >= ll + 1; i--) {
            lartg(p, r(D(i) * cs), E(i - 1), rot3);
            cs = rot3[0];
            const sn = rot3[1];
            const rr = rot3[2];
            if (i < m) e[i - 1] = r(oldsn * rr);
            lartg(p, r(oldcs * rr), r(D(i - 1) * sn), rot3);
            oldcs = rot3[0];
            oldsn = rot3[1];
            d[i - 1] = rot3[2];
            work[i - ll - 1] = cs;
            work[i - ll - 1 + nm1] = -sn;
            work[i - ll - 1 + nm12] = oldcs;
            work[i - ll - 1 + nm13] = -oldsn;
          }
          const h = r(D(ll) * cs);
          d[ll - 1] = r(h * oldcs);
          e[ll - 1] = r(h * oldsn);
          if (ncvt > 0) lasrLV(p, false, m - ll + 1, ncvt, work, nm12, work, nm13, vt, vto + (ll - 1), ldvt);
          if (nru > 0) lasrRV(p, false, nru, m - ll + 1, work, 0, work, nm1, u, uo + (ll - 1) * ldu, ldu);
          if (Math.abs(E(ll)) <= thresh) e[ll - 1] = 0;
        }
      } else if (idir === 1) {
        // chase the bulge from top to bottom
        let f = r(r(Math.abs(D(ll)) - shift) * r(sign(1, D(ll)) + r(shift / D(ll))));
        let g = E(ll);
        for (let i = ll; i <= m - 1; i++) {
          lartg(p, f, g, rot3);
          const cosr = rot3[0];
          const sinr = rot3[1];
          if (i > ll) e[i - 2] = rot3[2];
          f = r(r(cosr * D(i)) + r(sinr * E(i)));
          e[i - 1] = r(r(cosr * E(i)) - r(sinr * D(i)));
          g = r(sinr * D(i + 1));
          d[i] = r(cosr * D(i + 1));
          lartg(p, f, g, rot3);
          const cosl = rot3[0];
          const sinl = rot3[1];
          d[i - 1] = rot3[2];
          f = r(r(cosl * E(i)) + r(sinl * D(i + 1)));
          d[i] = r(r(cosl * D(i + 1)) - r(sinl * E(i)));
          if (i < m - 1) {
            g = r(sinl * E(i + 1));
            e[i] = r(cosl * E(i + 1));
          }
          work[i - ll] = cosr;
          work[i - ll + nm1] = sinr;
          work[i - ll + nm12] = cosl;
          work[i - ll + nm13] = sinl;
        }
        e[m - 2] = f;
        if (ncvt > 0) lasrLV(p, true, m - ll + 1, ncvt, work, 0, work, nm1, vt, vto + (ll - 1), ldvt);
        if (nru > 0) lasrRV(p, true, nru, m - ll + 1, work, nm12, work, nm13, u, uo + (ll - 1) * ldu, ldu);
        if (Math.abs(E(m - 1)) <= thresh) e[m - 2] = 0;
      } else {
        // chase the bulge from bottom to top
        let f = r(r(Math.abs(D(m)) - shift) * r(sign(1, D(m)) + r(shift / D(m))));
        let g = E(m - 1);
        for (let i = m; i >= ll + 1; i--) {
          lartg(p, f, g, rot3);
          const cosr = rot3[0];
          const sinr = rot3[1];
          if (i < m) e[i - 1] = rot3[2];
          f = r(r(cosr * D(i)) + r(sinr * E(i - 1)));
          e[i - 2] = r(r(cosr * E(i - 1)) - r(sinr * D(i)));
          g = r(sinr * D(i - 1));
          d[i - 2] = r(cosr * D(i - 1));
          lartg(p, f, g, rot3);
          const cosl = rot3[0];
          const sinl = rot3[1];
          d[i - 1] = rot3[2];
          f = r(r(cosl * E(i - 1)) + r(sinl * D(i - 1)));
          d[i - 2] = r(r(cosl * D(i - 1)) - r(sinl * E(i - 1)));
          if (i > ll + 1) {
            g = r(sinl * E(i - 2));
            e[i - 3] = r(cosl * E(i - 2));
          }
          work[i - ll - 1] = cosr;
          work[i - ll - 1 + nm1] = -sinr;
          work[i - ll - 1 + nm12] = cosl;
          work[i - ll - 1 + nm13] = -sinl;
        }
        e[ll - 1] = f;
        if (Math.abs(E(ll)) <= thresh) e[ll - 1] = 0;
        if (ncvt > 0) lasrLV(p, false, m - ll + 1, ncvt, work, nm12, work, nm13, vt, vto + (ll - 1), ldvt);
        if (nru > 0) lasrRV(p, false, nru, m - ll + 1, work, 0, work, nm1, u, uo + (ll - 1) * ldu, ldu);
      }
    }
  }
  // make the singular values positive (flipping VT's rows), then sort them decreasing
  for (let i = 1; i <= n; i++)
    if (D(i) < 0) {
      d[i - 1] = -D(i);
      if (ncvt > 0) for (let j = 0; j < ncvt; j++) vt[vto + (i - 1) + j * ldvt] = -vt[vto + (i - 1) + j * ldvt];
    }
  for (let i = 1; i <= n - 1; i++) {
    let isub = 1;
    let smin = D(1);
    for (let j = 2; j <= n + 1 - i; j++)
      if (D(j) <= smin) {
        isub = j;
        smin = D(j);
      }
    const t = n + 1 - i;
    if (isub !== t) {
      d[isub - 1] = D(t);
      d[t - 1] = smin;
      if (ncvt > 0) swapRowsCM(vt, vto, ldvt, ncvt, isub - 1, t - 1);
      if (nru > 0) swapColsCM(u, uo, ldu, nru, isub - 1, t - 1);
    }
  }
  return 0;
}

function swapRowsCM(a: Float64Array, off: number, lda: number, ncols: number, i: number, j: number): void {
  for (let c = 0; c < ncols; c++) {
    const t = a[off + i + c * lda];
    a[off + i + c * lda] = a[off + j + c * lda];
    a[off + j + c * lda] = t;
  }
}
function swapColsCM(a: Float64Array, off: number, lda: number, nrows: number, i: number, j: number): void {
  for (let r = 0; r < nrows; r++) {
    const t = a[off + r + i * lda];
    a[off + r + i * lda] = a[off + r + j * lda];
    a[off + r + j * lda] = t;
  }
}

/**
 * SBDSDC(uplo, 'I') for n ≤ 25 (SLASDQ → SBDSQR): SVD of the bidiagonal (d, e) of order n into U
 * (n×n, ldu) and VT (n×n, ldvt); singular values decreasing in d. Returns LAPACK's info.
 */
function bdsdc(p: Prec, upper: boolean, n: number, d: Float64Array, e: Float64Array, u: Float64Array, uo: number, ldu: number, vt: Float64Array, vto: number, ldvt: number): number {
  const r = p.r;
  if (n === 0) return 0;
  if (n === 1) {
    u[uo] = sign(1, d[0]);
    vt[vto] = 1;
    d[0] = Math.abs(d[0]);
    return 0;
  }
  const nm1 = n - 1;
  const work = new Float64Array(6 * n);
  const rot3 = new Float64Array(3);
  let wstart = 0;
  if (!upper) {
    // rotate to upper bidiagonal, saving the rotations for U
    wstart = 2 * n - 2;
    for (let i = 0; i < n - 1; i++) {
      lartg(p, d[i], e[i], rot3);
      const [cs, sn, rr] = rot3;
      d[i] = rr;
      e[i] = r(sn * d[i + 1]);
      d[i + 1] = r(cs * d[i + 1]);
      work[i] = cs;
      work[nm1 + i] = -sn;
    }
  }
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) {
      u[uo + i + j * ldu] = i === j ? 1 : 0;
      vt[vto + i + j * ldvt] = i === j ? 1 : 0;
    }
  // SLASDQ('U', sqre = 0): SBDSQR, then an ascending sort
  const info = bdsqr(p, n, n, n, d, e, vt, vto, ldvt, u, uo, ldu, work.subarray(wstart));
  if (info !== 0) return info;
  for (let i = 0; i < n; i++) {
    let isub = i;
    let smin = d[i];
    for (let j = i + 1; j < n; j++)
      if (d[j] < smin) {
        isub = j;
        smin = d[j];
      }
    if (isub !== i) {
      d[isub] = d[i];
      d[i] = smin;
      swapRowsCM(vt, vto, ldvt, n, isub, i);
      swapColsCM(u, uo, ldu, n, isub, i);
    }
  }
  // SBDSDC: decreasing order
  for (let ii = 1; ii < n; ii++) {
    const i = ii - 1;
    let kk = i;
    let pp = d[i];
    for (let j = ii; j < n; j++)
      if (d[j] > pp) {
        kk = j;
        pp = d[j];
      }
    if (kk !== i) {
      d[kk] = d[i];
      d[i] = pp;
      swapColsCM(u, uo, ldu, n, i, kk);
      swapRowsCM(vt, vto, ldvt, n, i, kk);
    }
  }
  if (!upper) lasrLV(p, false, n, n, work, 0, work, nm1, u, uo, ldu);
  return 0;
}

/**
 * SGESDD with JOBZ = 'A' (`full`) or 'S': A (m×n column-major, destroyed) = U·diag(s)·VT, U m×ucols
 * (ucols = m or min(m, n)) and VT vrows×n (vrows = n or min(m, n)), both column-major. Returns
 * LAPACK's info. Follows SGESDD's paths (QR or LQ first when one side is at least 11/6 of the other).
 */
export function gesdd(p: Prec, full: boolean, m: number, n: number, a: Float64Array, off: number, lda: number, s: Float64Array, so: number, u: Float64Array, uo: number, ldu: number, vt: Float64Array, vto: number, ldvt: number): number {
  const r = p.r;
  const minmn = Math.min(m, n);
  if (m === 0 || n === 0) return 0;
  const ucols = full ? m : minmn;
  const vrows = full ? n : minmn;
  const mnthr = Math.floor(r(r(minmn * 11) / 6));
  // scale A if its largest entry is outside [smlnum, bignum]
  const epsP = 2 * p.eps;
  const smlnum = r(r(Math.sqrt(p.sfmin)) / epsP);
  const bignum = r(1 / smlnum);
  let anrm = 0;
  for (let j = 0; j < n; j++)
    for (let i = 0; i < m; i++) {
      const v = Math.abs(a[off + i + j * lda]);
      if (anrm < v || v !== v) anrm = v;
    }
  if (anrm !== anrm) return -4;
  let iscl = false;
  if (anrm > 0 && anrm < smlnum) {
    iscl = true;
    for (let j = 0; j < n; j++) lascl(p, anrm, smlnum, m, a, off + j * lda, 1);
  } else if (anrm > bignum) {
    iscl = true;
    for (let j = 0; j < n; j++) lascl(p, anrm, bignum, m, a, off + j * lda, 1);
  }
  const k = minmn;
  const d = new Float64Array(k);
  const e = new Float64Array(k);
  const tauq = new Float64Array(k);
  const taup = new Float64Array(k);
  const tau = new Float64Array(k);
  const work = new Float64Array(Math.max(m, n) + 1);
  let info = 0;
  const setZero = (x: Float64Array, xo: number, ld: number, rows: number, cols: number): void => {
    for (let j = 0; j < cols; j++) for (let i = 0; i < rows; i++) x[xo + i + j * ld] = 0;
  };
  if (m >= n) {
    if (m >= mnthr) {
      // paths 3 ('S') / 4 ('A'): A = Q·R first
      geqrf(p, m, n, a, off, lda, tau, 0, work);
      const R = new Float64Array(n * n);
      for (let j = 0; j < n; j++) for (let i = 0; i <= j; i++) R[i + j * n] = a[off + i + j * lda];
      const ub = new Float64Array(n * n);
      let qo: number; // where Q (m×? column-major) lives
      let q: Float64Array;
      let ldq: number;
      if (!full) {
        orgqr(p, m, n, n, a, off, lda, tau, 0, work);
        q = a;
        qo = off;
        ldq = lda;
      } else {
        // Q (m×m) generated in U
        for (let j = 0; j < n; j++) for (let i = 0; i < m; i++) u[uo + i + j * ldu] = i > j ? a[off + i + j * lda] : 0;
        orgqr(p, m, m, n, u, uo, ldu, tau, 0, work);
        q = u;
        qo = uo;
        ldq = ldu;
      }
      gebd2(p, n, n, R, 0, n, d, e, tauq, taup, work);
      info = bdsdc(p, true, n, d, e, ub, 0, n, vt, vto, ldvt);
      ormbrQ(p, n, n, n, R, 0, n, tauq, ub, 0, n, work);
      ormbrPT(p, n, n, n, R, 0, n, taup, vt, vto, ldvt, work);
      // U = Q·UB
      const prod = new Float64Array(m * n);
      gemmNN(p, m, n, n, 1, q, qo, ldq, ub, 0, n, 0, prod, 0, m);
      for (let j = 0; j < n; j++) for (let i = 0; i < m; i++) u[uo + i + j * ldu] = prod[i + j * m];
    } else {
      // path 5: bidiagonalise A directly
      gebd2(p, m, n, a, off, lda, d, e, tauq, taup, work);
      setZero(u, uo, ldu, m, ucols);
      info = bdsdc(p, true, n, d, e, u, uo, ldu, vt, vto, ldvt);
      if (full && m > n) for (let i = n; i < m; i++) u[uo + i + i * ldu] = 1;
      ormbrQ(p, m, ucols, n, a, off, lda, tauq, u, uo, ldu, work);
      ormbrPT(p, n, n, m, a, off, lda, taup, vt, vto, ldvt, work);
    }
  } else if (n >= mnthr) {
    // paths 3t ('S') / 4t ('A'): A = L·Q first
    gelq2(p, m, n, a, off, lda, tau, work);
    const Lm = new Float64Array(m * m);
    for (let j = 0; j < m; j++) for (let i = j; i < m; i++) Lm[i + j * m] = a[off + i + j * lda];
    const vtb = new Float64Array(m * m);
    let q: Float64Array;
    let qo: number;
    let ldq: number;
    if (!full) {
      orgl2(p, m, n, m, a, off, lda, tau, work);
      q = a;
      qo = off;
      ldq = lda;
    } else {
      // Q (n×n) generated in VT
      for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) vt[vto + i + j * ldvt] = i < m && j > i ? a[off + i + j * lda] : 0;
      orgl2(p, n, n, m, vt, vto, ldvt, tau, work);
      q = vt;
      qo = vto;
      ldq = ldvt;
    }
    gebd2(p, m, m, Lm, 0, m, d, e, tauq, taup, work);
    info = bdsdc(p, true, m, d, e, u, uo, ldu, vtb, 0, m);
    ormbrQ(p, m, m, m, Lm, 0, m, tauq, u, uo, ldu, work);
    ormbrPT(p, m, m, m, Lm, 0, m, taup, vtb, 0, m, work);
    // VT = VTB·Q (the first m rows of Q)
    const prod = new Float64Array(m * n);
    gemmNN(p, m, n, m, 1, vtb, 0, m, q, qo, ldq, 0, prod, 0, m);
    for (let j = 0; j < n; j++) for (let i = 0; i < m; i++) vt[vto + i + j * ldvt] = prod[i + j * m];
  } else {
    // path 5t: bidiagonalise A directly (lower bidiagonal)
    gebd2(p, m, n, a, off, lda, d, e, tauq, taup, work);
    setZero(vt, vto, ldvt, vrows, n);
    info = bdsdc(p, false, m, d, e, u, uo, ldu, vt, vto, ldvt);
    if (full && n > m) for (let i = m; i < n; i++) vt[vto + i + i * ldvt] = 1;
    ormbrQ(p, m, m, n, a, off, lda, tauq, u, uo, ldu, work);
    ormbrPT(p, vrows, n, m, a, off, lda, taup, vt, vto, ldvt, work);
  }
  for (let i = 0; i < k; i++) s[so + i] = d[i];
  if (iscl) {
    if (anrm > bignum) lascl(p, bignum, anrm, k, s, so, 1);
    if (anrm < smlnum) lascl(p, smlnum, anrm, k, s, so, 1);
  }
  return info;
}
