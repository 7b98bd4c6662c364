// torch.linalg: norms, inverses, determinants, solvers and decompositions, each with PyTorch's
// argument forms, error messages, result layouts (LAPACK's column-major factors) and derivatives
// (derivatives.yaml / FunctionsManual.cpp: linalg_inv_ex, linalg_det_backward, slogdet_backward,
// linalg_solve_backward, cholesky_backward, linalg_qr_backward, linalg_eig_backward (hermitian),
// svd_backward, linalg_solve_triangular_backward), written with differentiable tensor ops so that
// double backward works.
//
// Numbers. Every factorisation runs a port of the reference LAPACK/BLAS routine PyTorch calls
// (./lapack.ts: getrf/getrs, potrf, geqrf/orgqr, trsm, syevd, gesdd), on the matrix PyTorch hands it
// (it factors Aᵀ when A is contiguous, transposes triangular systems by layout, ...), in the tensor's
// own precision: float32 and float64 results are PyTorch's bit for bit where PyTorch runs on reference
// LAPACK, as the Debian build does (MKL and OpenBLAS builds differ from that in the last bits too).
// Two exceptions, equal to rounding: singular values computed without their vectors (svdvals and the
// 2/nuclear matrix norms when no gradient is tracked: PyTorch then calls gesdd with JOBZ='N', whose
// dqds iteration is not ported; tensorgrad takes them from the JOBZ='S' path), and matrices past
// LAPACK's block sizes (32-64) or past 25 for syevd/gesdd, where LAPACK switches to blocked or
// divide-and-conquer variants.
//
// Sign conventions. Being LAPACK's own algorithms, QR, eigh and svd return Q and R, the eigenvectors
// and the singular vectors with PyTorch's signs (Householder: R's diagonal entry is minus the sign of
// the column's leading entry at that step; syevd: the tridiagonal QL/QR's; gesdd: the bidiagonal QR's).
import { RuntimeError, TorchTypeError } from "../errors.js";
import { dtypeOf, float32, promoteTypes, type DType, type DTypeName } from "../tensor/dtype.js";
import { broadcastShapes, numelOf, wrapDim } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { gradMode, noGrad } from "../autograd/grad_mode.js";
import { where } from "../ops/elementwise.js";
import { record, shouldRecord } from "../ops/record.js";
import * as R from "../ops/reduce.js";
import { embed } from "../ops/view.js";
import * as H from "./helpers.js";
import * as Lp from "./lapack.js";

export { LinAlgError } from "./helpers.js";

type Named<T extends Tensor[], N extends string> = T & { readonly [K in N]: Tensor };

const precOf = (d: DType): Lp.Prec => (d === float32 ? Lp.SINGLE : Lp.DOUBLE);

// ---- LU-based: inv, det, slogdet, solve -----------------------------------------------------------

interface LU {
  /** column-major LU factors of the factored matrix M, per batch element */
  lu: Float64Array;
  piv: Int32Array;
  infos: Int32Array;
  count: number;
  n: number;
  /** M = Aᵀ (PyTorch factors Aᵀ when A is contiguous and real: lu_factor wants column-major input) */
  transposed: boolean;
  p: Lp.Prec;
}

/** getrf on every matrix of the batch, on the matrix PyTorch hands LAPACK. */
function luBatch(A: Tensor): LU {
  const { count, n } = H.batchOf(A);
  const transposed = A.isContiguous();
  // the column-major storage of Aᵀ is A's row-major order (and that of A is Aᵀ's)
  const lu = H.readF64(transposed ? A : A.mT);
  const piv = new Int32Array(count * n);
  const infos = new Int32Array(count);
  const p = precOf(A.dtype);
  for (let b = 0; b < count; b++) infos[b] = Lp.getrf(p, n, n, lu, b * n * n, n, piv, b * n);
  return { lu, piv, infos, count, n, transposed, p };
}

/** For each index of the broadcast batch `to`, the linear index into batch `from` (broadcast rules). */
function batchIndex(from: readonly number[], to: readonly number[]): Int32Array {
  const count = numelOf(to);
  const out = new Int32Array(count);
  const lead = to.length - from.length;
  const strides = new Array<number>(to.length).fill(0);
  let acc = 1;
  for (let i = from.length - 1; i >= 0; i--) {
    strides[i + lead] = from[i] === 1 ? 0 : acc;
    acc *= from[i];
  }
  const idx = new Array<number>(to.length).fill(0);
  for (let t = 0; t < count; t++) {
    let s = 0;
    for (let d = 0; d < to.length; d++) s += idx[d] * strides[d];
    out[t] = s;
    for (let d = to.length - 1; d >= 0; d--) {
      if (++idx[d] < to[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

/** torch.linalg.inv(A) (= solve(A, I)) */
export function inv(A: Tensor): Tensor {
  H.checkSquare(A, "linalg.inv");
  H.checkFloating(A, "linalg.inv");
  const f = luBatch(A);
  H.checkErrors(f.infos, "linalg.inv", A.ndim === 2);
  const res = H.fromColMajor(invValues(f), A._shape.slice(), A.dtype);
  if (shouldRecord(A)) recordInv(A, res);
  return res;
}

function recordInv(A: Tensor, res: Tensor): void {
  record("LinalgInvExBackward0", [A], res, [res], (ctx, [g]) => {
    const invH = ctx.saved(0).mT;
    return [invH.matmul(g.matmul(invH)).neg()];
  });
}

/** getrs on the identity: the inverses, column-major per batch element. */
function invValues(f: LU): Float64Array {
  const { count, n } = f;
  const out = new Float64Array(count * n * n);
  for (let b = 0; b < count; b++) {
    const o = b * n * n;
    for (let i = 0; i < n; i++) out[o + i * n + i] = 1;
    // (a singular LU is solved all the same, as inv_ex does: infinities and NaNs)
    Lp.getrs(f.p, f.transposed, n, n, f.lu, o, n, f.piv, b * n, out, o, n);
  }
  return out;
}

/** torch.linalg.inv_ex(A): (inverse, info) without raising. */
export function invEx(A: Tensor, opts: { checkErrors?: boolean } = {}): Named<[Tensor, Tensor], "inverse" | "info"> {
  H.checkSquare(A, "linalg.inv");
  H.checkFloating(A, "linalg.inv");
  const f = luBatch(A);
  if (opts.checkErrors) H.checkErrors(f.infos, "linalg.inv_ex", A.ndim === 2);
  const res = H.fromColMajor(invValues(f), A._shape.slice(), A.dtype);
  const info = new Tensor(Int32Array.from(f.infos), A._shape.slice(0, -2), undefined, 0, dtypeOf("int32"));
  if (shouldRecord(A)) recordInv(A, res);
  return H.namedTuple(["inverse", "info"], [res, info]) as Named<[Tensor, Tensor], "inverse" | "info">;
}

/** torch.linalg.det(A): det(P)·∏ diag(U), the product taken in order in the working precision. */
export function det(A: Tensor): Tensor {
  H.checkSquare(A, "linalg.det");
  H.checkFloating(A, "linalg.det");
  const f = luBatch(A);
  const { count, n, p } = f;
  const dets = new Float64Array(count);
  for (let b = 0; b < count; b++) {
    let prod = 1;
    for (let i = 0; i < n; i++) prod = p.r(prod * f.lu[b * n * n + i * n + i]);
    dets[b] = pivotSign(f.piv, b * n, n) * prod;
  }
  const res = H.fromF64(dets, A._shape.slice(0, -2), A.dtype);
  if (shouldRecord(A))
    record("LinalgDetBackward0", [A], res, [A, res], (ctx, [g]) => {
      const a = ctx.saved(0);
      const d = ctx.saved(1);
      if (a.numel() === 0) return [null];
      return [detBackward(g, d, a, f)];
    });
  return res;
}

/** det(P) of getrf's pivots: -1 for an odd number of interchanges. */
function pivotSign(piv: Int32Array, poff: number, n: number): number {
  let s = 1;
  for (let j = 0; j < n; j++) if (piv[poff + j] !== j) s = -s;
  return s;
}

/** linalg_det_backward */
function detBackward(g: Tensor, d: Tensor, A: Tensor, f: LU): Tensor {
  const n = f.n;
  const dtype = A.dtype;
  const eps = dtype === float32 ? 1.1920928955078125e-7 : 2.220446049250313e-16;
  const dd = g.mul(d);
  if (!gradMode.enabled) {
    // lu_solve(LU + eps·I on its zero pivots, Aᴴ X = (g·det)·I): zero at an exactly singular A, as
    // PyTorch's first-order gradient is there
    const scale = dd._values();
    const lu = f.lu.slice();
    for (let b = 0; b < f.count; b++)
      for (let i = 0; i < n; i++) if (lu[b * n * n + i * n + i] === 0) lu[b * n * n + i * n + i] = eps;
    const out = new Float64Array(f.count * n * n);
    for (let b = 0; b < f.count; b++) {
      const o = b * n * n;
      for (let i = 0; i < n; i++) out[o + i * n + i] = scale[b];
      Lp.getrs(f.p, !f.transposed, n, n, lu, o, n, f.piv, b * n, out, o, n);
    }
    return H.fromColMajor(out, A._shape.slice(), dtype);
  }
  const dets = d._values();
  let singular = false;
  for (let i = 0; i < dets.length; i++) if (!(Math.abs(dets[i]) >= 100 * eps)) singular = true;
  if (!singular) {
    const D = H.diagEmbed(dd.unsqueeze(-1).expand([...dd._shape, n])).mT;
    return solveNoCheck(A.mT, D, true);
  }
  // The adjugate through the SVD (valid for every matrix): gA = U diag(α ∏_{j≠i} s_j) Vh
  const [U, S, Vh] = svd(A);
  const alpha = det(U).mul(det(Vh)).mul(g);
  const D = productOfOthers(S).mul(alpha.unsqueeze(-1));
  return U.mul(D.unsqueeze(-2)).matmul(Vh);
}

/** For each entry of the last dim, the product of the others (prod_safe_zeros_backward's factor). */
function productOfOthers(s: Tensor): Tensor {
  const n = s._shape[s.ndim - 1];
  const mask = new Uint8Array(n * n);
  for (let i = 0; i < n; i++) mask[i * n + i] = 1;
  const rows = s.unsqueeze(-2).expand([...s._shape.slice(0, -1), n, n]);
  return where(new Tensor(mask, [n, n], undefined, 0, dtypeOf("bool")), 1, rows).prod(-1);
}

/** torch.linalg.slogdet(A): (sign, logabsdet). */
export function slogdet(A: Tensor): Named<[Tensor, Tensor], "sign" | "logabsdet"> {
  H.checkSquare(A, "linalg.slogdet");
  H.checkFloating(A, "linalg.slogdet");
  const f = luBatch(A);
  const { count, n } = f;
  const signs = new Float64Array(count);
  const absDiag = new Float64Array(count * n);
  for (let b = 0; b < count; b++) {
    let s = pivotSign(f.piv, b * n, n);
    for (let i = 0; i < n; i++) {
      const u = f.lu[b * n * n + i * n + i];
      s *= u > 0 ? 1 : u < 0 ? -1 : u === 0 ? 0 : NaN;
      absDiag[b * n + i] = Math.abs(u);
    }
    signs[b] = s;
  }
  const batch = A._shape.slice(0, -2);
  const sign = H.fromF64(signs, batch.slice(), A.dtype);
  // logabsdet = diag(U).abs().log_().sum(-1), with the tensor ops' log and summation order
  const logabsdet = noGrad(() => H.fromF64(absDiag, [...batch, n], A.dtype).log().sum(-1));
  if (shouldRecord(A))
    record("LinalgSlogdetBackward0", [A], [sign, logabsdet], [A], (ctx, grads) => {
      // (PyTorch returns no gradient when logabsdet's is undefined; a multi-output node here gets zeros
      // for an unused output, so the (zero) gradient is computed)
      const g = grads[1];
      const a = ctx.saved(0);
      const D = H.diagEmbed(g.unsqueeze(-1).expand([...g._shape, n])).mT;
      return [solveNoCheck(a.mT, D, true)];
    });
  return H.namedTuple(["sign", "logabsdet"], [sign, logabsdet]) as Named<[Tensor, Tensor], "sign" | "logabsdet">;
}

/** linalg_solve_is_vector_rhs */
function isVectorRhs(A: Tensor, B: Tensor): boolean {
  if (B.ndim === 1) return true;
  if (A.ndim - 1 !== B.ndim) return false;
  for (let i = 0; i < B.ndim; i++) if (B._shape[i] !== A._shape[i]) return false;
  return true;
}

export interface SolveOptions {
  left?: boolean;
}

/** torch.linalg.solve(A, B, *, left=True) */
export function solve(A: Tensor, B: Tensor, opts: SolveOptions = {}): Tensor {
  const left = opts.left ?? true;
  H.checkFloating(A, "linalg.solve");
  if (A.dtype !== B.dtype)
    throw new RuntimeError(
      `linalg.solve: Expected A and B to have the same dtype, but found A of type ${H.scalarTypeName(A.dtype)} and B of type ${H.scalarTypeName(B.dtype)} instead`,
    );
  return solveImpl(A, B, left, "torch.linalg.solve", isVectorRhs(A, B));
}

/**
 * Shape checks, broadcasting, getrf/getrs and the derivative. `check`: the API name whose singular
 * error to raise, "" for the checks without raising (solve_ex), null for neither (derivatives).
 */
function solveImpl(A: Tensor, B: Tensor, left: boolean, check: string | null, vectorCase: boolean, infosOut?: Int32Array[]): Tensor {
  const bShape = vectorCase ? [...B._shape, 1] : B._shape.slice();
  if (check !== null) {
    H.checkSquare(A, "linalg.solve");
    if (bShape.length < 2) throw new RuntimeError("linalg.solve: The input tensor B must have at least 2 dimensions.");
    const ok = left ? A._shape[A.ndim - 2] === bShape[bShape.length - 2] : A._shape[A.ndim - 1] === bShape[bShape.length - 1];
    if (!ok)
      throw new RuntimeError(
        `linalg.solve: Incompatible shapes of A and B for the equation ${left ? "AX = B" : "XA = B"} (${A._shape[A.ndim - 2]}x${A._shape[A.ndim - 1]} and ${bShape[bShape.length - 2]}x${bShape[bShape.length - 1]})`,
      );
  }
  const aBatch = A._shape.slice(0, -2);
  const bBatch = bShape.slice(0, -2);
  const batch = broadcastShapes(bBatch, aBatch);
  if (check !== null && !left && vectorCase)
    throw new RuntimeError(
      "linalg.solve: Vector broadcasting of the left hand side is not supported for left=False. In this case linalg.solve is equivalent to B / A.squeeze(-1)",
    );
  const rows = bShape[bShape.length - 2];
  const cols = bShape[bShape.length - 1];
  const f = luBatch(A);
  if (check) H.checkErrors(f.infos, check, A.ndim === 2);
  infosOut?.push(f.infos);
  const Bx = (vectorCase ? B.unsqueeze(-1) : B).expand([...batch, rows, cols]);
  const n = f.n;
  const aIdx = batchIndex(aBatch, batch);
  // left: A X = B on B's column-major copy; right: X A = B as Aᵀ Xᵀ = Bᵀ on Bᵀ's column-major copy
  // (lu_solve with the adjoint flag flipped), whose memory is X's row-major order
  const x = H.readF64(left ? Bx.mT : Bx);
  const [r, c] = left ? [rows, cols] : [cols, rows];
  for (let t = 0; t < aIdx.length; t++) Lp.getrs(f.p, left ? f.transposed : !f.transposed, n, c, f.lu, aIdx[t] * n * n, n, f.piv, aIdx[t] * n, x, t * r * c, r);
  const outShape = vectorCase ? [...batch, rows] : [...batch, rows, cols];
  let res: Tensor;
  if (!left) res = H.fromF64(x, outShape, A.dtype);
  else if (vectorCase) res = H.fromF64(x, outShape, A.dtype, true);
  else res = H.fromColMajor(x, outShape, A.dtype);
  if (shouldRecord(A, B))
    record("LinalgSolveExBackward0", [A, B], res, [A, res], (ctx, [gX]) => {
      const a = ctx.saved(0);
      const X = ctx.saved(1);
      // gB = A^{-H} gX (left) or gX A^{-H} (right); gA = -gB Xᴴ (left) or -Xᴴ gB (right)
      const gXm = vectorCase ? gX.unsqueeze(-1) : gX;
      const gB = solveNoCheck(a.mT, gXm, left);
      let gA: Tensor | null = null;
      if (ctx.needs(0)) {
        const Xm = vectorCase ? X.unsqueeze(-1) : X;
        gA = left ? gB.matmul(Xm.mT).neg() : Xm.mT.matmul(gB).neg();
      }
      return [gA, ctx.needs(1) ? (vectorCase ? gB.squeeze(-1) : gB) : null];
    });
  return res;
}

/** torch.linalg.solve_ex(A, B, *, left=True, check_errors=False) → (result, info) */
export function solveEx(A: Tensor, B: Tensor, opts: SolveOptions & { checkErrors?: boolean } = {}): Named<[Tensor, Tensor], "result" | "info"> {
  const left = opts.left ?? true;
  H.checkFloating(A, "linalg.solve");
  if (A.dtype !== B.dtype)
    throw new RuntimeError(
      `linalg.solve: Expected A and B to have the same dtype, but found A of type ${H.scalarTypeName(A.dtype)} and B of type ${H.scalarTypeName(B.dtype)} instead`,
    );
  const infos: Int32Array[] = [];
  const res = solveImpl(A, B, left, opts.checkErrors ? "torch.linalg.solve_ex" : "", isVectorRhs(A, B), infos);
  const info = new Tensor(infos[0], A._shape.slice(0, -2), undefined, 0, dtypeOf("int32"));
  return H.namedTuple(["result", "info"], [res, info]) as Named<[Tensor, Tensor], "result" | "info">;
}

/** A differentiable solve that does not raise on singular matrices (for derivative formulas). */
function solveNoCheck(A: Tensor, B: Tensor, left: boolean): Tensor {
  return solveImpl(A, B, left, null, false);
}

// ---- triangular solve, Cholesky --------------------------------------------------------------------

export interface SolveTriangularOptions {
  upper: boolean;
  left?: boolean;
  unitriangular?: boolean;
}

/** torch.linalg.solve_triangular(A, B, *, upper, left=True, unitriangular=False) */
export function solveTriangular(A: Tensor, B: Tensor, opts: SolveTriangularOptions): Tensor {
  if (!opts || typeof opts.upper !== "boolean")
    throw new TorchTypeError("linalg_solve_triangular() missing 1 required keyword-only argument 'upper'");
  const left = opts.left ?? true;
  const unit = opts.unitriangular ?? false;
  H.checkFloating(A, "linalg.solve_triangular");
  if (A.dtype !== B.dtype)
    throw new RuntimeError(
      `linalg.solve_triangular: Expected A and B to have the same dtype, but found A of type ${H.scalarTypeName(A.dtype)} and B of type ${H.scalarTypeName(B.dtype)} instead`,
    );
  H.checkSquare(A, "linalg.solve_triangular");
  H.checkMatrix(B, "linalg.solve_triangular", "B");
  const ok = left ? A._shape[A.ndim - 2] === B._shape[B.ndim - 2] : A._shape[A.ndim - 1] === B._shape[B.ndim - 1];
  if (!ok)
    throw new RuntimeError(
      `linalg.solve_triangular: Incompatible shapes of A and B for the equation ${left ? "AX = B" : "XA = B"} (${A._shape[A.ndim - 2]}x${A._shape[A.ndim - 1]} and ${B._shape[B.ndim - 2]}x${B._shape[B.ndim - 1]})`,
    );
  return triangularSolve(A, B, opts.upper, left, unit);
}

/**
 * linalg_solve_triangular_out's trsm call: X is written F-contiguous (a one-row X transposes the
 * equation), and A goes to LAPACK as its memory lies — row-major memory is Aᵀ column-major, so the
 * call transposes and flips `upper` — unless it must be copied (broadcast or strided batches).
 */
function triangularSolve(A: Tensor, B: Tensor, upper: boolean, left: boolean, unit: boolean): Tensor {
  const n = A._shape[A.ndim - 1];
  const batch = broadcastShapes(B._shape.slice(0, -2), A._shape.slice(0, -2));
  const rows = B._shape[B.ndim - 2];
  const cols = B._shape[B.ndim - 1];
  const Ab = A.expand([...batch, n, n]);
  const Bb = B.expand([...batch, rows, cols]);
  const count = numelOf(batch);
  const p = precOf(A.dtype);
  // out_f: X's column-major storage; a single row makes it F-transposed: solve Xᵀ instead (side flipped)
  const transposeEq = rows === 1;
  const side = transposeEq ? !left : left;
  const x = H.readF64(Bb.mT);
  const [m, k] = transposeEq ? [cols, rows] : [rows, cols];
  // A_f: as it lies when row- or column-contiguous, else a copy (row-major when the equation is transposed)
  const rowOrCol = Ab.isContiguous() || Ab.mT.isContiguous();
  let aMem: Float64Array;
  let aIsAT: boolean; // the column-major matrix handed to LAPACK is Aᵀ
  let lapackTrans: boolean;
  if (rowOrCol) {
    aIsAT = Ab._strides[Ab.ndim - 1] === 1 && n > 0;
    aMem = H.readF64(aIsAT ? Ab : Ab.mT);
    // the equation's matrix is Aᵀ when transposed; LAPACK transposes when its matrix is the other one
    lapackTrans = aIsAT !== transposeEq;
  } else {
    aIsAT = transposeEq;
    aMem = H.readF64(transposeEq ? Ab : Ab.mT);
    lapackTrans = false;
  }
  const lapackUpper = aIsAT ? !upper : upper;
  for (let t = 0; t < count; t++)
    Lp.trsm(p, side, lapackUpper, lapackTrans, unit, m, k, 1, aMem, t * n * n, n, x, t * rows * cols, m);
  const res = H.fromColMajor(x, [...batch, rows, cols], A.dtype);
  if (shouldRecord(A, B))
    record("LinalgSolveTriangularBackward0", [A, B], res, [A, res], (ctx, [g]) => {
      const a = ctx.saved(0);
      const X = ctx.saved(1);
      const gB = triangularSolve(a.mT, g, !upper, left, unit);
      let gA: Tensor | null = null;
      if (ctx.needs(0)) {
        gA = left ? gB.matmul(X.mT).neg() : X.mT.matmul(gB).neg();
        gA = H.triangle(gA, upper, upper ? (unit ? 1 : 0) : unit ? -1 : 0);
      }
      return [gA, ctx.needs(1) ? gB : null];
    });
  return res;
}

export interface CholeskyOptions {
  upper?: boolean;
}

/** torch.linalg.cholesky(A, *, upper=False): potrf on A's `upper` or lower triangle. */
export function cholesky(A: Tensor, opts: CholeskyOptions = {}): Tensor {
  return choleskyImpl(A, opts.upper ?? false, "linalg.cholesky")[0];
}

/** torch.linalg.cholesky_ex(A, *, upper=False, check_errors=False) → (L, info) */
export function choleskyEx(A: Tensor, opts: CholeskyOptions & { checkErrors?: boolean } = {}): Named<[Tensor, Tensor], "L" | "info"> {
  const r = choleskyImpl(A, opts.upper ?? false, opts.checkErrors ? "linalg.cholesky_ex" : null);
  return H.namedTuple(["L", "info"], r) as Named<[Tensor, Tensor], "L" | "info">;
}

function choleskyImpl(A: Tensor, upper: boolean, check: string | null): [Tensor, Tensor] {
  H.checkSquare(A, "linalg.cholesky");
  H.checkFloating(A, "linalg.cholesky");
  const { count, n } = H.batchOf(A);
  const p = precOf(A.dtype);
  const a = H.readF64(A.mT); // A's column-major copy
  const infos = new Int32Array(count);
  for (let b = 0; b < count; b++) {
    const o = b * n * n;
    infos[b] = Lp.potrf(p, upper, n, a, o, n);
    // triu_/tril_: zero the other triangle
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) if (upper ? i > j : i < j) a[o + i + j * n] = 0;
  }
  if (check !== null) H.checkErrors(infos, check, A.ndim === 2);
  const res = H.fromColMajor(a, A._shape.slice(), A.dtype);
  if (shouldRecord(A))
    record("LinalgCholeskyExBackward0", [A], res, [res], (ctx, [gL]) => [choleskyBackward(gL, upper, ctx.saved(0))]);
  return [res, new Tensor(infos, A._shape.slice(0, -2), undefined, 0, dtypeOf("int32"))];
}

/** cholesky_backward */
function choleskyBackward(gL: Tensor, upper: boolean, L: Tensor): Tensor {
  const L_ = upper ? L.mT : L;
  const gL_ = upper ? gL.mT : gL;
  let gA = H.triangle(L_.mT.matmul(gL_), false);
  gA = gA.add(H.triangle(gA, false, -1).mT).mul(0.5);
  gA = triangularSolve(L_.mT, gA, true, true, false);
  return triangularSolve(L_, gA, false, false, false);
}

// ---- QR --------------------------------------------------------------------------------------------

/** torch.linalg.qr(A, mode='reduced') → (Q, R): geqrf, then orgqr for Q. */
export function qr(A: Tensor, modeArg: string | { mode?: string } = "reduced"): Named<[Tensor, Tensor], "Q" | "R"> {
  const mode = typeof modeArg === "string" ? modeArg : modeArg?.mode ?? "reduced";
  H.checkMatrix(A, "linalg.qr");
  H.checkFloating(A, "linalg.qr");
  if (mode !== "reduced" && mode !== "complete" && mode !== "r")
    throw new RuntimeError(`qr received unrecognized mode '${mode}' but expected one of 'reduced' (default), 'r', or 'complete'`);
  const { batch, count, m, n } = H.batchOf(A);
  const k = Math.min(m, n);
  const qcols = mode === "complete" ? m : k;
  const rrows = mode === "complete" ? m : k;
  const p = precOf(A.dtype);
  const a = H.readF64(A.mT); // column-major m×n per batch element
  const tau = new Float64Array(Math.max(k, 1));
  const work = new Float64Array(Math.max(m, n, 1));
  const qv = new Float64Array(mode === "r" ? 0 : count * m * qcols);
  const rv = new Float64Array(count * rrows * n);
  for (let b = 0; b < count; b++) {
    const o = b * m * n;
    Lp.geqrf(p, m, n, a, o, m, tau, 0, work);
    // R: the upper triangle of the first rows (column-major rrows×n)
    const ro = b * rrows * n;
    for (let j = 0; j < n; j++) for (let i = 0; i <= Math.min(j, rrows - 1); i++) rv[ro + i + j * rrows] = i < m ? a[o + i + j * m] : 0;
    if (mode !== "r") {
      const qo = b * m * qcols;
      for (let j = 0; j < Math.min(n, qcols); j++) for (let i = 0; i < m; i++) qv[qo + i + j * m] = a[o + i + j * m];
      Lp.orgqr(p, m, qcols, k, qv, qo, m, tau, 0, work);
    }
  }
  const Q = mode === "r" ? new Tensor(A.dtype.alloc(0), [0], undefined, 0, A.dtype) : H.fromColMajor(qv, [...batch, m, qcols], A.dtype);
  const Rt = H.fromColMajor(rv, [...batch, rrows, n], A.dtype);
  if (shouldRecord(A))
    record("LinalgQrBackward0", [A], [Q, Rt], [Q, Rt], (ctx, [gQ, gR]) => {
      if (mode === "r")
        throw new RuntimeError(
          "The derivative of linalg.qr depends on Q, which is not computed when mode='r'. Please use linalg.qr(A, mode='reduced') if you are going to differentiate through linalg.qr.",
        );
      if (mode === "complete" && m > n) throw new RuntimeError("The QR decomposition is not differentiable when mode='complete' and nrows > ncols.");
      return [qrBackward(gQ, gR, ctx.saved(0), ctx.saved(1), m, n)];
    });
  return H.namedTuple(["Q", "R"], [Q, Rt]) as Named<[Tensor, Tensor], "Q" | "R">;
}

/** linalg_qr_backward (real case) */
function qrBackward(gQ: Tensor, gR: Tensor, Q: Tensor, R: Tensor, m: number, n: number): Tensor {
  let gA = gR.matmul(R.mT).sub(Q.mT.matmul(gQ));
  if (m >= n) {
    const t = H.triangle(gA, true);
    // syminvadj: X + Xᴴ with the diagonal counted once
    gA = Q.matmul(t.add(t.mT).sub(H.diagEmbed(H.diagonal(t))));
    gA = gA.add(gQ);
    return triangularSolve(R.mT, gA, false, false, false);
  }
  // trilImInvAdjSkew(-gA) = (-gA + gAᴴ).tril()
  gA = Q.matmul(H.triangle(gA.mT.sub(gA), false));
  gA = triangularSolve(R.narrow(-1, 0, m).mT, gA, false, false, false);
  gA = embed(gA, [...gA._shape.slice(0, -1), n], gA.ndim - 1, 0, 1, false);
  return gA.add(Q.matmul(gR));
}

// ---- eigh, svd -------------------------------------------------------------------------------------

function checkUplo(uplo: string): string {
  const u = typeof uplo === "string" ? uplo.toUpperCase() : "";
  if (uplo.length !== 1 || (u !== "U" && u !== "L")) throw new RuntimeError(`Expected UPLO argument to be 'L' or 'U', but got ${uplo}`);
  return u;
}

function uploOf(arg: string | { UPLO?: string; uplo?: string } | undefined): string {
  if (arg === undefined || arg === null) return "L";
  if (typeof arg === "string") return arg;
  return arg.UPLO ?? arg.uplo ?? "L";
}

/**
 * SSYEVD on A's column-major copy, reading the UPLO triangle: eigenvalues (row-major count×n) and,
 * with wantV, the eigenvectors (column-major per batch element, as LAPACK leaves them).
 */
function eighValues(A: Tensor, uplo: string, wantV: boolean): { w: Float64Array; v: Float64Array } {
  const { count, n } = H.batchOf(A);
  const p = precOf(A.dtype);
  const v = H.readF64(A.mT);
  const w = new Float64Array(count * n);
  const infos = new Int32Array(count);
  for (let b = 0; b < count; b++) infos[b] = Lp.syevd(p, wantV, uplo === "U", n, v, b * n * n, n, w, b * n);
  H.checkErrors(infos, "linalg.eigh", A.ndim === 2);
  return { w, v };
}

/** torch.linalg.eigh(A, UPLO='L') → (eigenvalues, eigenvectors), eigenvalues ascending. */
export function eigh(A: Tensor, UPLO?: string | { UPLO?: string; uplo?: string }): Named<[Tensor, Tensor], "eigenvalues" | "eigenvectors"> {
  H.checkSquare(A, "linalg.eigh");
  const uplo = checkUplo(uploOf(UPLO));
  if (!A.dtype.isFloatingPoint) throw new RuntimeError(`"linalg_eigh_cpu" not implemented for '${H.scalarTypeName(A.dtype)}'`);
  const { batch, n } = H.batchOf(A);
  const { w, v } = eighValues(A, uplo, true);
  const L = H.fromF64(w, [...batch, n], A.dtype);
  const V = H.fromColMajor(v, A._shape.slice(), A.dtype);
  if (shouldRecord(A))
    record("LinalgEighBackward0", [A], [L, V], [L, V], (ctx, [gL, gV]) => [eighBackward(gL, gV, ctx.saved(0), ctx.saved(1))]);
  return H.namedTuple(["eigenvalues", "eigenvectors"], [L, V]) as Named<[Tensor, Tensor], "eigenvalues" | "eigenvectors">;
}

/** torch.linalg.eigvalsh(A, UPLO='L') */
export function eigvalsh(A: Tensor, UPLO?: string | { UPLO?: string; uplo?: string }): Tensor {
  H.checkSquare(A, "linalg.eigh");
  const uplo = checkUplo(uploOf(UPLO));
  if (!A.dtype.isFloatingPoint) throw new RuntimeError(`"linalg_eigh_cpu" not implemented for '${H.scalarTypeName(A.dtype)}'`);
  if (!shouldRecord(A)) {
    const { batch, n } = H.batchOf(A);
    return H.fromF64(eighValues(A, uplo, false).w, [...batch, n], A.dtype);
  }
  return eigh(A, uplo)[0];
}

/** linalg_eig_backward, hermitian case */
function eighBackward(gL: Tensor, gV: Tensor, L: Tensor, V: Tensor): Tensor {
  if (H.isZeroGrad(gV)) return V.mul(gL.unsqueeze(-2)).matmul(V.mT);
  let VhgV = V.mT.matmul(gV);
  VhgV = VhgV.sub(VhgV.mT).mul(0.5);
  const n = L._shape[L.ndim - 1];
  // E_ij = L_j - L_i off the diagonal, 1 on it
  const E = L.unsqueeze(-2).sub(L.unsqueeze(-1)).add(H.eye(n, L.dtype));
  const offDiag = offDiagonalMask(n);
  let gA = where(offDiag, VhgV.div(E), 0);
  gA = gA.add(H.diagEmbed(gL));
  return V.matmul(gA.matmul(V.mT));
}

function offDiagonalMask(n: number): Tensor {
  const m = new Uint8Array(n * n).fill(1);
  for (let i = 0; i < n; i++) m[i * n + i] = 0;
  return new Tensor(m, [n, n], undefined, 0, dtypeOf("bool"));
}

interface SvdValues {
  /** column-major U (m×ucols), S, column-major Vh (vrows×n), per batch element */
  u: Float64Array;
  s: Float64Array;
  vh: Float64Array;
  ucols: number;
  vrows: number;
}

/** SGESDD (JOBZ 'A' or 'S') on A's column-major copy, batch element by batch element. */
function svdValues(A: Tensor, full: boolean): SvdValues {
  const { count, m, n } = H.batchOf(A);
  const k = Math.min(m, n);
  const ucols = full ? m : k;
  const vrows = full ? n : k;
  const p = precOf(A.dtype);
  const a = H.readF64(A.mT);
  const u = new Float64Array(count * m * ucols);
  const s = new Float64Array(count * k);
  const vh = new Float64Array(count * vrows * n);
  const infos = new Int32Array(count);
  for (let b = 0; b < count; b++) {
    if (k === 0) {
      // the empty matrix: identity U / Vh (a valid SVD), as PyTorch fills them
      for (let i = 0; i < Math.min(m, ucols); i++) u[b * m * ucols + i + i * m] = 1;
      for (let i = 0; i < Math.min(vrows, n); i++) vh[b * vrows * n + i + i * vrows] = 1;
      continue;
    }
    infos[b] = Lp.gesdd(p, full, m, n, a, b * m * n, m, s, b * k, u, b * m * ucols, m, vh, b * vrows * n, vrows);
  }
  H.checkErrors(infos, "linalg.svd", A.ndim === 2);
  return { u, s, vh, ucols, vrows };
}

export interface SvdOptions {
  fullMatrices?: boolean;
  driver?: string | null;
}

/** torch.linalg.svd(A, full_matrices=True) → (U, S, Vh), S descending. */
export function svd(A: Tensor, fullMatrices: boolean | SvdOptions = true): Named<[Tensor, Tensor, Tensor], "U" | "S" | "Vh"> {
  const full = typeof fullMatrices === "boolean" ? fullMatrices : fullMatrices?.fullMatrices ?? true;
  H.checkMatrix(A, "linalg.svd");
  H.checkFloating(A, "linalg.svd");
  const { batch, m, n } = H.batchOf(A);
  const k = Math.min(m, n);
  const sv = svdValues(A, full);
  const U = H.fromColMajor(sv.u, [...batch, m, sv.ucols], A.dtype);
  const S = H.fromF64(sv.s, [...batch, k], A.dtype);
  const Vh = H.fromColMajor(sv.vh, [...batch, sv.vrows, n], A.dtype);
  if (shouldRecord(A)) recordSvd(A, U, S, Vh, full, k);
  return H.namedTuple(["U", "S", "Vh"], [U, S, Vh]) as Named<[Tensor, Tensor, Tensor], "U" | "S" | "Vh">;
}

function recordSvd(A: Tensor, U: Tensor, S: Tensor, Vh: Tensor, full: boolean, k: number): void {
  record("LinalgSvdBackward0", [A], [U, S, Vh], [U, S, Vh], (ctx, [gU, gS, gVh]) => {
    let u = ctx.saved(0);
    const s = ctx.saved(1);
    let vh = ctx.saved(2);
    if (full) {
      u = u.narrow(-1, 0, k);
      vh = vh.narrow(-2, 0, k);
      gU = gU.narrow(-1, 0, k);
      gVh = gVh.narrow(-2, 0, k);
    }
    return [svdBackward(gU, gS, gVh, u, s, vh)];
  });
}

/** torch.linalg.svdvals(A) */
export function svdvals(A: Tensor): Tensor {
  H.checkMatrix(A, "linalg.svd");
  H.checkFloating(A, "linalg.svd");
  const { batch, m, n } = H.batchOf(A);
  const k = Math.min(m, n);
  const sv = svdValues(A, false);
  const S = H.fromF64(sv.s, [...batch, k], A.dtype);
  if (shouldRecord(A)) {
    // _linalg_svd(compute_uv=True) when a gradient may be wanted: U and Vh are saved for it
    const U = H.fromColMajor(sv.u, [...batch, m, k], A.dtype);
    const Vh = H.fromColMajor(sv.vh, [...batch, k, n], A.dtype);
    recordSvd(A, U, S, Vh, false, k);
  }
  return S;
}

/** svd_backward (real case) */
function svdBackward(gU: Tensor, gS: Tensor, gVh: Tensor, U: Tensor, S: Tensor, Vh: Tensor): Tensor {
  const m = U._shape[U.ndim - 2];
  const n = Vh._shape[Vh.ndim - 1];
  const noU = H.isZeroGrad(gU);
  const noV = H.isZeroGrad(gVh);
  if (noU && noV) return m >= n ? U.matmul(gS.unsqueeze(-1).mul(Vh)) : U.mul(gS.unsqueeze(-2)).matmul(Vh);
  const k = S._shape[S.ndim - 1];
  const skew = (X: Tensor) => X.sub(X.mT);
  const UhgU = noU ? null : skew(U.mT.matmul(gU));
  const VhgV = noV ? null : skew(Vh.matmul(gVh.mT));
  const S2 = S.mul(S);
  const E = S2.unsqueeze(-2).sub(S2.unsqueeze(-1)).add(H.eye(k, S.dtype));
  const offDiag = offDiagonalMask(k);
  let inner: Tensor;
  if (UhgU && VhgV) inner = UhgU.mul(S.unsqueeze(-2)).add(S.unsqueeze(-1).mul(VhgV)).div(E);
  else if (UhgU) inner = UhgU.div(E).mul(S.unsqueeze(-2));
  else inner = S.unsqueeze(-1).mul(VhgV!.div(E));
  let gA = where(offDiag, inner, 0).add(H.diagEmbed(gS));
  if (m > n && !noU) {
    gA = U.matmul(gA);
    const gUSinv = gU.div(S.unsqueeze(-2));
    gA = gA.add(gUSinv).sub(U.matmul(U.mT.matmul(gUSinv)));
    return gA.matmul(Vh);
  }
  if (m < n && !noV) {
    gA = gA.matmul(Vh);
    const SinvgVh = gVh.div(S.unsqueeze(-1));
    gA = gA.add(SinvgVh).sub(SinvgVh.matmul(Vh.mT).matmul(Vh));
    return U.matmul(gA);
  }
  return m >= n ? U.matmul(gA.matmul(Vh)) : U.matmul(gA).matmul(Vh);
}

// ---- norms -----------------------------------------------------------------------------------------

type Ord = number | string | null;
type Dims = number | number[] | null;

export interface NormOptions {
  ord?: Ord;
  dim?: Dims;
  keepdim?: boolean;
  dtype?: DType | DTypeName | null;
}

/** A C++ double as `ostream <<` prints it (PyTorch's messages): 2, 0.5, inf, -inf. */
function fmtScalar(v: number): string {
  if (v === Infinity) return "inf";
  if (v === -Infinity) return "-inf";
  if (v !== v) return "nan";
  return String(v);
}

/**
 * Splits (x, ord?, dim?, keepdim?, opts?) where any trailing argument may be the options object;
 * `ordPositional` says whether ord came positionally (PyTorch's argument errors name its position).
 */
function normArgs(args: unknown[], defaults: NormOptions): NormOptions & { ordPositional: boolean } {
  const out: NormOptions & { ordPositional: boolean } = { ...defaults, ordPositional: false };
  const names = ["ord", "dim", "keepdim"] as const;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a !== null && typeof a === "object" && !Array.isArray(a)) {
      Object.assign(out, Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)));
      break;
    }
    if (a !== undefined && i < 3) {
      (out as unknown as Record<string, unknown>)[names[i]] = a;
      if (i === 0) out.ordPositional = true;
    }
  }
  return out;
}

/** check_linalg_norm_dtype */
function checkNormDtype(x: Tensor, dtype: NormOptions["dtype"], fname: string): void {
  if (dtype === undefined || dtype === null) return;
  const d = dtypeOf(dtype);
  if (!d.isFloatingPoint) throw new RuntimeError(`${fname}: dtype should be floating point or complex, but got ${H.scalarTypeName(d)}`);
  if (promoteTypes(x.dtype, d) !== d)
    throw new RuntimeError(
      `${fname}: the dtype of the input (${H.scalarTypeName(x.dtype)}) should be convertible without narrowing to the specified dtype (${H.scalarTypeName(d)})`,
    );
}

function castFor(x: Tensor, dtype: NormOptions["dtype"]): Tensor {
  if (dtype === undefined || dtype === null) return x;
  const d = dtypeOf(dtype);
  return d === x.dtype ? x : x.to(d);
}

/** torch.linalg.vector_norm(x, ord=2, dim=None, keepdim=False, *, dtype=None) */
export function vectorNorm(x: Tensor, ...args: (number | Dims | boolean | NormOptions | undefined)[]): Tensor {
  const o = normArgs(args, { ord: 2, dim: null, keepdim: false });
  const ord = o.ord ?? 2;
  if (typeof ord !== "number")
    throw new TorchTypeError(`linalg_vector_norm(): argument 'ord'${o.ordPositional ? " (position 2)" : ""} must be Number, not str`);
  H.checkFloating(x, "linalg.vector_norm");
  const dims = o.dim === null || o.dim === undefined ? null : typeof o.dim === "number" ? [o.dim] : o.dim;
  if (x.numel() === 0 && (ord < 0 || ord === Infinity)) {
    if (dims === null || dims.length === 0)
      throw new RuntimeError(`linalg.vector_norm cannot compute the ${fmtScalar(ord)} norm on an empty tensor because the operation does not have an identity`);
    for (const d of dims)
      if (x._shape[wrapDim(d, x.ndim)] === 0)
        throw new RuntimeError(
          `linalg.vector_norm cannot compute the ${fmtScalar(ord)} norm on the dimension ${d}because this dimension is empty and the operation does not have an identity`,
        );
  }
  checkNormDtype(x, o.dtype, "linalg.vector_norm");
  return R.vectorNorm(castFor(x, o.dtype), ord, dims === null || dims.length === 0 ? null : dims, o.keepdim ?? false);
}

/** create_dim_backshift_permutation: the other dims in order, then d0, d1. */
function backshift(d0: number, d1: number, nd: number): number[] {
  const p: number[] = [];
  for (let i = 0; i < nd; i++) if (i !== d0 && i !== d1) p.push(i);
  p.push(d0, d1);
  return p;
}

function inversePerm(p: number[]): number[] {
  const inv = new Array<number>(p.length);
  p.forEach((d, i) => (inv[d] = i));
  return inv;
}

/** torch.linalg.matrix_norm(A, ord='fro', dim=(-2, -1), keepdim=False, *, dtype=None) */
export function matrixNorm(A: Tensor, ...args: (Ord | Dims | boolean | NormOptions | undefined)[]): Tensor {
  const o = normArgs(args, { ord: "fro", dim: [-2, -1], keepdim: false });
  const ord = o.ord ?? "fro";
  const keepdim = o.keepdim ?? false;
  const dimList = o.dim === null || o.dim === undefined ? [-2, -1] : typeof o.dim === "number" ? [o.dim] : o.dim.slice();
  if (typeof ord === "number") {
    const abs = Math.abs(ord);
    if (!(abs === 2 || abs === 1 || abs === Infinity)) throw new RuntimeError(`linalg.matrix_norm: Order ${fmtScalar(ord)} not supported.`);
  } else if (ord !== "fro" && ord !== "nuc") throw new RuntimeError(`linalg.matrix_norm: Order ${ord} not supported.`);
  // _linalg_matrix_norm_checks
  H.checkMatrix(A, "linalg.matrix_norm");
  H.checkFloating(A, "linalg.matrix_norm");
  if (dimList.length !== 2) throw new RuntimeError(`linalg.matrix_norm: dim must be a 2-tuple. Got ${dimList.join(" ")}`);
  const dim = dimList.map((d) => wrapDim(d, A.ndim));
  if (dim[0] === dim[1]) throw new RuntimeError(`linalg.matrix_norm: dims must be different. Got (${dim[0]}, ${dim[1]})`);
  checkNormDtype(A, o.dtype, "linalg.matrix_norm");
  const X = castFor(A, o.dtype);
  if (ord === "fro") return R.vectorNorm(X, 2, dim, keepdim);
  if (ord === "nuc" || Math.abs(ord as number) === 2) {
    const perm = backshift(dim[0], dim[1], X.ndim);
    const s = svdvals(X.permute(perm));
    let result = ord === "nuc" ? s.sum(-1, keepdim) : (ord as number) > 0 ? s.amax(-1, keepdim) : s.amin(-1, keepdim);
    if (keepdim) result = result.unsqueeze(-1).permute(inversePerm(perm));
    return result;
  }
  // 1, -1, inf, -inf: max/min over one dim of the 1-norms along the other
  const n = ord as number;
  let [d0, d1] = dim;
  if (Math.abs(n) === Infinity) [d0, d1] = [d1, d0];
  if (!keepdim && d0 < d1) d1--;
  const sums = R.vectorNorm(X, 1, [d0], keepdim);
  return n > 0 ? sums.amax(d1, keepdim) : sums.amin(d1, keepdim);
}

/** torch.linalg.norm(A, ord=None, dim=None, keepdim=False, *, dtype=None) */
export function norm(A: Tensor, ...args: (Ord | Dims | boolean | NormOptions | undefined)[]): Tensor {
  const o = normArgs(args, { ord: null, dim: null, keepdim: false });
  const ord = o.ord ?? null;
  const keepdim = o.keepdim ?? false;
  const dims = o.dim === null || o.dim === undefined ? null : typeof o.dim === "number" ? [o.dim] : o.dim;
  if (typeof ord === "string") {
    if (dims !== null) {
      if (dims.length !== 1 && dims.length !== 2)
        throw new RuntimeError(`linalg.norm: If dim is specified, it mut be of length 1 or 2. Got [${dims.join(", ")}]`);
    } else if (A.ndim !== 1 && A.ndim !== 2)
      throw new RuntimeError(`linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got ${A.ndim}D.`);
    return matrixNorm(A, ord, dims ?? [0, 1], keepdim, { dtype: o.dtype });
  }
  if (dims !== null) {
    if (dims.length !== 1 && dims.length !== 2)
      throw new RuntimeError(`linalg.norm: If dim is specified, it must be of length 1 or 2. Got [${dims.join(", ")}]`);
  } else if (ord !== null && A.ndim !== 1 && A.ndim !== 2)
    throw new RuntimeError(`linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got ${A.ndim}D.`);
  if (ord !== null && ((dims !== null && dims.length === 2) || (dims === null && A.ndim === 2)))
    return matrixNorm(A, ord, dims ?? [0, 1], keepdim, { dtype: o.dtype });
  return vectorNorm(A, ord ?? 2, dims, keepdim, { dtype: o.dtype });
}

// ---- aliases ---------------------------------------------------------------------------------------

/** torch.linalg.matmul (= torch.matmul) */
export function matmul(A: Tensor, B: Tensor): Tensor {
  return A.matmul(B);
}

/** torch.linalg.diagonal(A, *, offset=0, dim1=-2, dim2=-1): a view (DiagonalBackward0). */
export function diagonal(A: Tensor, opts: { offset?: number; dim1?: number; dim2?: number } = {}): Tensor {
  return H.diagonal(A, opts.offset ?? 0, opts.dim1 ?? -2, opts.dim2 ?? -1);
}
