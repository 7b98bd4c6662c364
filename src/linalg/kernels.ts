// The SVD kernel for torch.linalg, one matrix at a time (row-major in a Float64Array): one-sided
// (Hestenes) Jacobi in float64, accurate to a few ulps (float32 tensors are computed in float64 and
// rounded once); its singular vectors match LAPACK's up to the sign of each pair (see the sign
// conventions in index.ts). LU, Cholesky, QR, triangular solves and the symmetric eigensolver are ports
// of the reference LAPACK routines themselves (./lapack.ts).

const EPS = 2.220446049250313e-16;

/**
 * Thin SVD of a tall matrix by one-sided Jacobi (Hestenes): w (m×n, m ≥ n, destroyed) → singular
 * values s (descending), left vectors in w's columns (normalised; columns for zero singular values
 * are completed to an orthonormal set) and right vectors as the columns of v (n×n).
 */
export function svdTall(w: Float64Array, m: number, n: number, s: Float64Array, v: Float64Array, ucols: number, u: Float64Array): boolean {
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) v[i * n + j] = i === j ? 1 : 0;
  let ok = false;
  for (let sweep = 0; sweep < 80; sweep++) {
    let rotated = false;
    let bad = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let r = 0; r < m; r++) {
          const wp = w[r * n + p];
          const wq = w[r * n + q];
          alpha += wp * wp;
          beta += wq * wq;
          gamma += wp * wq;
        }
        if (!(gamma === gamma) || !(alpha === alpha) || !(beta === beta)) {
          bad = true;
          continue;
        }
        if (gamma === 0 || Math.abs(gamma) <= EPS * Math.sqrt(alpha) * Math.sqrt(beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const sn = c * t;
        for (let r = 0; r < m; r++) {
          const wp = w[r * n + p];
          const wq = w[r * n + q];
          w[r * n + p] = c * wp - sn * wq;
          w[r * n + q] = sn * wp + c * wq;
        }
        for (let r = 0; r < n; r++) {
          const vp = v[r * n + p];
          const vq = v[r * n + q];
          v[r * n + p] = c * vp - sn * vq;
          v[r * n + q] = sn * vp + c * vq;
        }
      }
    }
    if (bad) break;
    if (!rotated) {
      ok = true;
      break;
    }
  }
  for (let j = 0; j < n; j++) {
    let ss = 0;
    for (let r = 0; r < m; r++) ss += w[r * n + j] * w[r * n + j];
    s[j] = Math.sqrt(ss);
  }
  // sort descending, permuting w's and v's columns alike
  for (let i = 0; i < n; i++) {
    let best = i;
    for (let j = i + 1; j < n; j++) if (s[j] > s[best]) best = j;
    if (best !== i) {
      const t = s[i];
      s[i] = s[best];
      s[best] = t;
      for (let r = 0; r < m; r++) {
        const x = w[r * n + i];
        w[r * n + i] = w[r * n + best];
        w[r * n + best] = x;
      }
      for (let r = 0; r < n; r++) {
        const x = v[r * n + i];
        v[r * n + i] = v[r * n + best];
        v[r * n + best] = x;
      }
    }
  }
  // U's columns: normalised w columns; rank-deficient and extra (full) columns completed
  const tol = s[0] * Math.max(m, n) * EPS;
  let rank = 0;
  for (let j = 0; j < n; j++) {
    if (s[j] > tol && s[j] > 0) {
      for (let r = 0; r < m; r++) u[r * ucols + j] = w[r * n + j] / s[j];
      rank = j + 1;
    } else break;
  }
  completeOrthonormal(u, m, ucols, rank);
  return ok;
}

/**
 * Given the first `have` orthonormal columns of q (rows×cols), fills the remaining columns with an
 * orthonormal completion (Gram–Schmidt, applied twice, over the unit vectors).
 */
export function completeOrthonormal(q: Float64Array, rows: number, cols: number, have: number): void {
  let next = 0; // next unit vector to try
  for (let j = have; j < cols; j++) {
    let found = false;
    while (!found && next < rows) {
      for (let r = 0; r < rows; r++) q[r * cols + j] = r === next ? 1 : 0;
      next++;
      for (let pass = 0; pass < 2; pass++) {
        for (let c = 0; c < j; c++) {
          let d = 0;
          for (let r = 0; r < rows; r++) d += q[r * cols + c] * q[r * cols + j];
          for (let r = 0; r < rows; r++) q[r * cols + j] -= d * q[r * cols + c];
        }
      }
      let nn = 0;
      for (let r = 0; r < rows; r++) nn += q[r * cols + j] * q[r * cols + j];
      nn = Math.sqrt(nn);
      if (nn > 1e-8) {
        for (let r = 0; r < rows; r++) q[r * cols + j] /= nn;
        found = true;
      }
    }
    if (!found) for (let r = 0; r < rows; r++) q[r * cols + j] = 0;
  }
}
