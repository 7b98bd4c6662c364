// Matrix products and their derivatives (derivatives.yaml: mm, mv, dot, bmm; matmul composes them).
import * as BK from "../backend/index.js";
import { RuntimeError } from "../errors.js";
import { broadcastShapes, numelOf } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { mul } from "./elementwise.js";
import { record, shouldRecord } from "./record.js";
import { reshape, unsafeView } from "./view.js";

const TYPE_NAMES: Record<string, string> = { float32: "Float", float64: "Double", int64: "Long", int32: "Int", bool: "Bool" };

function sameDtype(a: Tensor, b: Tensor, op: string): void {
  if (a.dtype !== b.dtype) {
    if (op === "dot")
      throw new RuntimeError(`dot : expected both vectors to have same dtype, but found ${TYPE_NAMES[a.dtype.name]} and ${TYPE_NAMES[b.dtype.name]}`);
    throw new RuntimeError(`expected m1 and m2 to have the same dtype, but got: ${a.dtype.name.replace("float32", "float").replace("float64", "double")} != ${b.dtype.name.replace("float32", "float").replace("float64", "double")}`);
  }
}

/** ATen's CPU matrix kernels are not instantiated for bool. */
function noBool(a: Tensor, kernel: string): void {
  if (a.dtype.name === "bool") throw new RuntimeError(`"${kernel}" not implemented for 'Bool'`);
}

/** Core product of contiguous-or-strided (batch ×) m×k by k×n operands. */
function product(a: Tensor, b: Tensor, batch: number, m: number, k: number, n: number): Tensor {
  const out = a.dtype.alloc(batch * m * n);
  const nd = a.ndim;
  BK.matmul(a, b, out, batch, m, k, n, nd === 3 ? a._strides[0] : 0, nd === 3 ? b._strides[0] : 0, a.dtype.isFloatingPoint);
  return new Tensor(out, batch > 1 || nd === 3 ? [batch, m, n] : [m, n], undefined, 0, a.dtype);
}

export function mm(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 2) throw new RuntimeError("self must be a matrix");
  if (b.ndim !== 2) throw new RuntimeError("mat2 must be a matrix");
  if (a._shape[1] !== b._shape[0])
    throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${a._shape[0]}x${a._shape[1]} and ${b._shape[0]}x${b._shape[1]})`);
  sameDtype(a, b, "mm");
  noBool(a, "addmm_impl_cpu_");
  const out = product(a, b, 1, a._shape[0], a._shape[1], b._shape[1]);
  if (shouldRecord(a, b)) {
    const [aLayout, bLayout] = [columnMajor(a), columnMajor(b)];
    record("MmBackward0", [a, b], out, [b.requiresGrad ? a : null, a.requiresGrad ? b : null], (ctx, [g]) => [
      ctx.needs(0) ? mmMat1Backward(g, ctx.saved(1), aLayout) : null,
      ctx.needs(1) ? mmMat2Backward(g, ctx.saved(0), bLayout) : null,
    ]);
  }
  return out;
}

/** A matrix laid out column-major (a transposed contiguous one): strides [1, rows]. */
export function columnMajor(m: Tensor): boolean {
  return m._strides[0] === 1 && m._strides[1] === m._shape[0];
}

/**
 * mm's gradients as PyTorch's mm_mat1_backward / mm_mat2_backward compute them: for an operand that
 * was column-major the product is formed transposed, so the gradient has the operand's layout (and,
 * say, a linear layer's weight, used transposed, gets a contiguous grad with no copy).
 */
export function mmMat1Backward(g: Tensor, mat2: Tensor, mat1ColumnMajor: boolean): Tensor {
  return mat1ColumnMajor ? mat2.mm(g.t()).t() : g.mm(mat2.t());
}
export function mmMat2Backward(g: Tensor, mat1: Tensor, mat2ColumnMajor: boolean): Tensor {
  return mat2ColumnMajor ? g.t().mm(mat1).t() : mat1.t().mm(g);
}

export function bmm(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 3) throw new RuntimeError(`batch1 must be a 3D tensor`);
  if (b.ndim !== 3) throw new RuntimeError(`batch2 must be a 3D tensor`);
  if (a._shape[0] !== b._shape[0] || a._shape[2] !== b._shape[1])
    throw new RuntimeError(
      `Expected size for first two dimensions of batch2 tensor to be: [${a._shape[0]}, ${a._shape[2]}] but got: [${b._shape[0]}, ${b._shape[1]}].`,
    );
  sameDtype(a, b, "bmm");
  noBool(a, "bmm");
  const out = product(a, b, a._shape[0], a._shape[1], a._shape[2], b._shape[2]);
  if (shouldRecord(a, b))
    record("BmmBackward0", [a, b], out, [b.requiresGrad ? a : null, a.requiresGrad ? b : null], (ctx, [g]) => [
      ctx.needs(0) ? bmm(g, ctx.saved(1).transpose(1, 2)) : null,
      ctx.needs(1) ? bmm(ctx.saved(0).transpose(1, 2), g) : null,
    ]);
  return out;
}

export function mv(a: Tensor, v: Tensor): Tensor {
  if (a.ndim !== 2 || v.ndim !== 1)
    throw new RuntimeError(`vector + matrix @ vector expected, got 1, ${a.ndim}, ${v.ndim}`);
  if (a._shape[1] !== v._shape[0])
    throw new RuntimeError(`size mismatch, got input (${a._shape[0]}), mat (${a._shape[0]}x${a._shape[1]}), vec (${v._shape[0]})`);
  sameDtype(a, v, "mv");
  noBool(a, "addmv_impl_cpu");
  const col = new Tensor(v._data, [v._shape[0], 1], [v._strides[0], 1], v._offset, v.dtype);
  const r = product(a, col, 1, a._shape[0], a._shape[1], 1);
  const out = new Tensor(r._data, [a._shape[0]], [1], 0, a.dtype);
  if (shouldRecord(a, v))
    record("MvBackward0", [a, v], out, [v.requiresGrad ? a : null, a.requiresGrad ? v : null], (ctx, [g]) => [
      ctx.needs(0) ? outer(g, ctx.saved(1)) : null,
      ctx.needs(1) ? ctx.saved(0).t().mv(g) : null,
    ]);
  return out;
}

export function dot(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 1 || b.ndim !== 1) throw new RuntimeError(`1D tensors expected, but got ${a.ndim}D and ${b.ndim}D tensors`);
  if (a._shape[0] !== b._shape[0])
    throw new RuntimeError(
      `inconsistent tensor size, expected tensor [${a._shape[0]}] and src [${b._shape[0]}] to have the same number of elements, but got ${a._shape[0]} and ${b._shape[0]} elements respectively`,
    );
  sameDtype(a, b, "dot");
  noBool(a, "dot");
  const row = new Tensor(a._data, [1, a._shape[0]], [0, a._strides[0]], a._offset, a.dtype);
  const col = new Tensor(b._data, [b._shape[0], 1], [b._strides[0], 0], b._offset, b.dtype);
  const r = product(row, col, 1, 1, a._shape[0], 1);
  const out = new Tensor(r._data, [], [], 0, a.dtype);
  if (shouldRecord(a, b))
    record("DotBackward0", [a, b], out, [b.requiresGrad ? a : null, a.requiresGrad ? b : null], (ctx, [g]) => [
      ctx.needs(0) ? g.mul(ctx.saved(1)) : null,
      ctx.needs(1) ? g.mul(ctx.saved(0)) : null,
    ]);
  return out;
}

/** torch.outer: self.reshape(n, 1) * vec2, as PyTorch 2.x composes it (MulBackward0). */
export function outer(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 1 || b.ndim !== 1) throw new RuntimeError(`outer: Expected 1-D argument self, but got ${a.ndim}-D`);
  return mul(reshape(a, [a._shape[0], 1]), b);
}

/** torch.matmul's dispatch on ranks, as in ATen's LinearAlgebra.cpp. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  const da = a.ndim;
  const db = b.ndim;
  if (da === 0 || db === 0) throw new RuntimeError(`both arguments to matmul need to be at least 1D, but they are ${da}D and ${db}D`);
  if (da === 1 && db === 1) return dot(a, b);
  if (da === 2 && db === 1) return mv(a, b);
  if (da === 1 && db === 2) return squeezeInPlaceView(mm(a.unsqueeze(0), b), 0);
  if (da === 2 && db === 2) return mm(a, b);
  if (da === 2 && db >= 3 && a.requiresGrad) {
    // 2.x should_fold: with the 2-D operand requiring grad, fold b's batch into the rows of one mm on
    // b.mT, then transpose back (.mT().contiguous(): CloneBackward0).
    const bt = b.transpose(-2, -1);
    const r = mm(reshape(bt, [-1, bt._shape[db - 1]]), a.t());
    return unsafeView(r, [...bt._shape.slice(0, -1), a._shape[0]]).transpose(-2, -1).contiguous();
  }
  if (da >= 3 && (db === 1 || db === 2)) {
    // Fold the batch into rows: (..., n, k) -> (-1, k).
    const k = a._shape[da - 1];
    const lead = a._shape.slice(0, -1);
    const folded = reshape(a, [-1, k]);
    const r = db === 2 ? mm(folded, b) : mv(folded, b);
    return unsafeView(r, db === 2 ? [...lead, b._shape[1]] : lead);
  }
  // Batched: broadcast batch dims, run bmm on (B, n, k) x (B, k, p).
  const a2 = da === 1 ? a.unsqueeze(0) : a;
  const b2 = db === 1 ? b.unsqueeze(-1) : b;
  const n = a2._shape[a2.ndim - 2];
  const k = a2._shape[a2.ndim - 1];
  const k2 = b2._shape[b2.ndim - 2];
  const p = b2._shape[b2.ndim - 1];
  // the batch dims broadcast first; bmm then sees both operands expanded to B
  const batch = broadcastShapes(a2._shape.slice(0, -2), b2._shape.slice(0, -2));
  const B = numelOf(batch);
  if (k !== k2) throw new RuntimeError(`Expected size for first two dimensions of batch2 tensor to be: [${B}, ${k}] but got: [${B}, ${k2}].`);
  const ae = reshape(a2.expand([...batch, n, k]), [B, n, k]);
  const be = reshape(b2.expand([...batch, k, p]), [B, k, p]);
  const outShape = [...batch];
  if (da > 1) outShape.push(n);
  if (db > 1) outShape.push(p);
  return unsafeView(bmm(ae, be), outShape);
}

/** squeeze_(dim) on a fresh result (matmul's 1-D @ 2-D case): SqueezeBackward4 in PyTorch 2.x. */
function squeezeInPlaceView(x: Tensor, dim: number): Tensor {
  const shape = x._shape.slice();
  shape.splice(dim, 1);
  // squeeze_ is in place: the result is at version 1
  const out = new Tensor(x._data, shape, undefined, x._offset, x.dtype, { value: 1 });
  if (shouldRecord(x)) {
    const inShape = x._shape.slice();
    record("SqueezeBackward4", [x], out, [], (_ctx, [g]) => [g.reshape(inShape)]);
  }
  return out;
}
