// Shared plumbing for torch.linalg: argument checks with PyTorch's messages, batched matrix I/O
// between tensors and float64 work arrays, LinAlgError, named-tuple results, and the few
// differentiable building blocks the derivative formulas need (diagonal, diag_embed, tril/triu).
import * as K from "../backend/cpu.js";
import { RuntimeError } from "../errors.js";
import { bool, type DType } from "../tensor/dtype.js";
import { contiguousStrides, numelOf, wrapDim } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { where } from "../ops/elementwise.js";
import { record, shouldRecord } from "../ops/record.js";
import { makeView } from "../ops/view.js";

/**
 * torch.linalg.LinAlgError: what PyTorch raises when a factorisation fails on its input (a singular
 * matrix for inv/solve, a non positive-definite one for cholesky). A RuntimeError subclass, as in
 * PyTorch; its Python class name is `_LinAlgError` (torch._C._LinAlgError, which torch.linalg
 * re-exports as LinAlgError), and `.name` carries that class name.
 */
export class LinAlgError extends RuntimeError {
  override name = "_LinAlgError";
}

/** PyTorch's ScalarType names, as its messages print them ("Got Long"). */
export function scalarTypeName(d: DType): string {
  return { float32: "Float", float64: "Double", int64: "Long", int32: "Int", bool: "Bool" }[d.name];
}

/** checkFloatingOrComplex */
export function checkFloating(A: Tensor, fname: string): void {
  if (!A.dtype.isFloatingPoint) throw new RuntimeError(`${fname}: Expected a floating point or complex tensor as input. Got ${scalarTypeName(A.dtype)}`);
}

/** checkIsMatrix */
export function checkMatrix(A: Tensor, fname: string, arg = "A"): void {
  if (A.ndim < 2) throw new RuntimeError(`${fname}: The input tensor ${arg} must have at least 2 dimensions.`);
}

/** squareCheckInputs */
export function checkSquare(A: Tensor, fname: string, arg = "A"): void {
  checkMatrix(A, fname, arg);
  const m = A._shape[A.ndim - 2];
  const n = A._shape[A.ndim - 1];
  if (m !== n) throw new RuntimeError(`${fname}: ${arg} must be batches of square matrices, but they are ${m} by ${n} matrices`);
}

/**
 * _linalg_check_errors: the first non-zero LAPACK info of the batch raises PyTorch's message for
 * the routine named by `api` ("(Batch element i)" is added for batched inputs).
 */
export function checkErrors(infos: Int32Array, api: string, isMatrix: boolean): void {
  let b = -1;
  for (let i = 0; i < infos.length; i++)
    if (infos[i] !== 0) {
      b = i;
      break;
    }
  if (b < 0) return;
  const info = infos[b];
  const where = isMatrix ? "" : `: (Batch element ${b})`;
  if (info < 0 && api.includes("svd"))
    throw new LinAlgError(`${api}${where}: The algorithm failed to converge because the input matrix contained non-finite values.`);
  if (api.includes("inv"))
    throw new LinAlgError(`${api}${where}: The diagonal element ${info} is zero, the inversion could not be completed because the input matrix is singular.`);
  if (api.includes("solve")) throw new LinAlgError(`${api}${where}: The solver failed because the input matrix is singular.`);
  if (api.includes("cholesky"))
    throw new LinAlgError(
      `${api}${where}: The factorization could not be completed because the input is not positive-definite (the leading minor of order ${info} is not positive-definite).`,
    );
  if (api.includes("svd"))
    throw new LinAlgError(
      `${api}${where}: The algorithm failed to converge because the input matrix is ill-conditioned or has too many repeated singular values (error code: ${info}).`,
    );
  throw new LinAlgError(
    `${api}${where}: The algorithm failed to converge because the input matrix is ill-conditioned or has too many repeated eigenvalues (error code: ${info}).`,
  );
}

/** An array of results that also carries PyTorch's named-tuple field names. */
export function namedTuple<T extends Tensor[]>(names: readonly string[], values: T): T {
  names.forEach((name, i) => Object.defineProperty(values, name, { value: values[i], enumerable: false }));
  return values;
}

/** A batch of matrices: the leading dims, their product, and the matrix size. */
export interface Batch {
  batch: number[];
  count: number;
  m: number;
  n: number;
}

export function batchOf(A: Tensor): Batch {
  const nd = A.ndim;
  const batch = A._shape.slice(0, nd - 2);
  return { batch, count: numelOf(batch), m: A._shape[nd - 2], n: A._shape[nd - 1] };
}

/** The tensor's values, row-major, as float64 (a fresh array: kernels may overwrite it). */
export function readF64(A: Tensor): Float64Array {
  const out = new Float64Array(A.numel());
  if (out.length > 0) K.copyToContiguous(A, out);
  return out;
}

/**
 * A tensor of `shape` from row-major float64 values (rounded to dtype). With `fContig` the last two
 * dims are laid out column-major per batch (LAPACK's layout, as PyTorch returns its factors); a
 * 1-D result is simply contiguous.
 */
export function fromF64(values: Float64Array, shape: number[], dtype: DType, fContig = false): Tensor {
  const n = values.length;
  const data = dtype.alloc(n);
  const nd = shape.length;
  if (!fContig || nd < 2) {
    for (let i = 0; i < n; i++) data[i] = values[i];
    return new Tensor(data, shape, contiguousStrides(shape), 0, dtype);
  }
  const rows = shape[nd - 2];
  const cols = shape[nd - 1];
  const plane = rows * cols;
  const count = plane === 0 ? 0 : n / plane;
  for (let b = 0; b < count; b++) {
    const o = b * plane;
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) data[o + c * rows + r] = values[o + r * cols + c];
  }
  return new Tensor(data, shape, fContigStrides(shape), 0, dtype);
}

/** A tensor whose storage is `values`: column-major matrices (LAPACK's output), batch after batch. */
export function fromColMajor(values: Float64Array, shape: number[], dtype: DType): Tensor {
  const data = dtype.alloc(values.length);
  for (let i = 0; i < values.length; i++) data[i] = values[i];
  return new Tensor(data, shape, shape.length >= 2 ? fContigStrides(shape) : contiguousStrides(shape), 0, dtype);
}

/** batched_matrix_contiguous_strides(shape, f_contig=true) */
export function fContigStrides(shape: readonly number[]): number[] {
  const s = contiguousStrides(shape);
  const nd = shape.length;
  if (nd >= 2) {
    s[nd - 1] = Math.max(shape[nd - 2], 1);
    s[nd - 2] = 1;
  }
  return s;
}

/** An identity matrix (a constant). */
export function eye(n: number, dtype: DType): Tensor {
  const d = dtype.alloc(n * n);
  for (let i = 0; i < n; i++) d[i * n + i] = 1;
  return new Tensor(d, [n, n], undefined, 0, dtype);
}

/** x.diagonal(offset, dim1, dim2): a view (DiagonalBackward0). */
export function diagonal(x: Tensor, offset = 0, dim1 = -2, dim2 = -1): Tensor {
  const nd = x.ndim;
  const d1 = wrapDim(dim1, nd);
  const d2 = wrapDim(dim2, nd);
  if (d1 === d2) throw new RuntimeError(`diagonal dimensions cannot be identical ${dim1}, ${dim2}`);
  const s1 = x._shape[d1];
  const s2 = x._shape[d2];
  let size: number;
  let start = x._offset;
  if (offset >= 0) {
    size = Math.max(Math.min(s1, s2 - offset), 0);
    if (size > 0) start += offset * x._strides[d2];
  } else {
    size = Math.max(Math.min(s1 + offset, s2), 0);
    if (size > 0) start -= offset * x._strides[d1];
  }
  const shape: number[] = [];
  const strides: number[] = [];
  for (let i = 0; i < nd; i++) {
    if (i === d1 || i === d2) continue;
    shape.push(x._shape[i]);
    strides.push(x._strides[i]);
  }
  shape.push(size);
  strides.push(x._strides[d1] + x._strides[d2]);
  const out = makeView(x, shape, strides, start);
  if (shouldRecord(x)) {
    const inShape = x._shape.slice();
    record("DiagonalBackward0", [x], out, [], (_ctx, [g]) => [diagonalScatterZeros(g, inShape, offset, d1, d2)]);
  }
  return out;
}

/**
 * diagonal_backward: zeros of `shape` with g written on the (offset, d1, d2) diagonal. Differentiable
 * (its derivative takes the same diagonal back).
 */
export function diagonalScatterZeros(g: Tensor, shape: number[], offset: number, d1: number, d2: number): Tensor {
  const out = new Tensor(g.dtype.alloc(numelOf(shape)), shape.slice(), undefined, 0, g.dtype);
  const view = diagonalGeometry(out, offset, d1, d2);
  if (numelOf(view.shape) > 0) K.copyInto({ _data: out._data, _shape: view.shape, _strides: view.strides, _offset: view.offset }, g);
  if (shouldRecord(g)) record("DiagonalBackwardBackward0", [g], out, [], (_ctx, [gg]) => [diagonal(gg, offset, d1, d2)]);
  return out;
}

function diagonalGeometry(x: Tensor, offset: number, d1: number, d2: number): { shape: number[]; strides: number[]; offset: number } {
  const nd = x.ndim;
  const s1 = x._shape[d1];
  const s2 = x._shape[d2];
  const size = offset >= 0 ? Math.max(Math.min(s1, s2 - offset), 0) : Math.max(Math.min(s1 + offset, s2), 0);
  const start = x._offset + (size > 0 ? (offset >= 0 ? offset * x._strides[d2] : -offset * x._strides[d1]) : 0);
  const shape: number[] = [];
  const strides: number[] = [];
  for (let i = 0; i < nd; i++) {
    if (i === d1 || i === d2) continue;
    shape.push(x._shape[i]);
    strides.push(x._strides[i]);
  }
  shape.push(size);
  strides.push(x._strides[d1] + x._strides[d2]);
  return { shape, strides, offset: start };
}

/** torch.diag_embed(v): (..., n) → (..., n, n) with v on the diagonal. */
export function diagEmbed(v: Tensor): Tensor {
  const n = v._shape[v.ndim - 1];
  const nd = v.ndim + 1;
  return diagonalScatterZeros(v, [...v._shape.slice(0, -1), n, n], 0, nd - 2, nd - 1);
}

/** Lower (tril) or upper (triu) triangle of the last two dims, the rest zero; differentiable. */
export function triangle(x: Tensor, upper: boolean, k = 0): Tensor {
  const m = x._shape[x.ndim - 2];
  const n = x._shape[x.ndim - 1];
  const mask = new Uint8Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) mask[i * n + j] = (upper ? j - i >= k : j - i <= k) ? 1 : 0;
  return where(new Tensor(mask, [m, n], undefined, 0, bool), x, 0);
}

/** Whether g is a gradient the engine materialised for an unused output: all zeros, no history. */
export function isZeroGrad(g: Tensor): boolean {
  if (g.requiresGrad) return false;
  const v = g._values();
  for (let i = 0; i < v.length; i++) if (v[i] !== 0) return false;
  return true;
}
