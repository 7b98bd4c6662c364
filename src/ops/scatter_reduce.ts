// torch.scatter_reduce(input, dim, index, src, reduce, *, include_self=True) as a torch.* function and
// the Tensor methods scatterReduce / scatterReduce_. Checks and messages follow scatter_meta_impl (PyTorch
// 2.x: the shared scatter checks, then the reduce string); values follow scatter_reduce_two_cpu_out:
// without include_self the indexed positions start from the reduction's identity, then
// cpu_scatter_gather_base_kernel folds src in row-major order of index (ATen's order on CPU, so float32
// sums and products match bit for bit), and "mean" divides by the count (floor division for integer
// dtypes). The derivative is FunctionsManual.cpp's scatter_reduce_backward, written with differentiable
// ops so that it can be differentiated again.
import { gradMode } from "../autograd/grad_mode.js";
import type { OpNode } from "../autograd/node.js";
import { RuntimeError } from "../errors.js";
import { bool, int32, type DType, type Storage } from "../tensor/dtype.js";
import { installMethods } from "../tensor/methods.js";
import { wrapDim } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { onesLike, zerosLike } from "./creation.js";
import { where } from "./elementwise.js";
import { contiguousValues, gather, result, scatter, scatterAdd, scatterChecks, scatterGatherOffsets, writeInPlace } from "./index_ops.js";
import { checkInplace, checkNoInternalOverlap } from "./inplace.js";
import { record, type BackwardFn } from "./record.js";

declare module "../tensor/tensor.js" {
  interface Tensor {
    scatterReduce(dim: number, index: Tensor, src: Tensor, reduce: ScatterReduceMode, opts?: ScatterReduceOptions): Tensor;
    scatterReduce_(dim: number, index: Tensor, src: Tensor, reduce: ScatterReduceMode, opts?: ScatterReduceOptions): Tensor;
  }
}

/** PyTorch 2.x also takes "max" and "min" for "amax" and "amin" (get_reduction_enum). */
export type ScatterReduceMode = "sum" | "prod" | "mean" | "amax" | "amin" | "max" | "min";
export interface ScatterReduceOptions {
  includeSelf?: boolean;
}
type Mode = "sum" | "prod" | "mean" | "amax" | "amin";

function modeOf(reduce: string): Mode {
  if (reduce === "sum" || reduce === "prod" || reduce === "mean" || reduce === "amax" || reduce === "amin") return reduce;
  if (reduce === "max") return "amax";
  if (reduce === "min") return "amin";
  // PyTorch 2.x's message (1.13: "reduce argument must be either sum, prod, mean, amax or amin.")
  throw new RuntimeError(`reduce argument must be either sum, prod, mean, amax or amin, got ${reduce}`);
}

/** What the positions that index addresses start from without include_self (scatter_reduce_two_cpu_out). */
function identity(mode: Mode, dtype: DType): number {
  const isInt = !dtype.isFloatingPoint && dtype !== bool;
  const lowest = dtype === int32 ? -(2 ** 31) : -(2 ** 63);
  if (mode === "prod") return 1;
  if (mode === "amax") return dtype === bool ? 0 : isInt ? lowest : -Infinity;
  if (mode === "amin") return dtype === bool ? 1 : isInt ? -lowest - 1 : Infinity;
  return 0;
}

/** The kernel's combine step (ReduceAdd / ReduceMultiply / ReduceMaximum / ReduceMinimum); the storage rounds. */
function combiner(mode: Mode, dtype: DType): (acc: number, v: number) => number {
  const isBool = dtype === bool;
  switch (mode) {
    case "sum":
    case "mean":
      return isBool ? (a, b) => (a || b ? 1 : 0) : (a, b) => a + b;
    case "prod":
      return isBool ? (a, b) => (a && b ? 1 : 0) : dtype === int32 ? Math.imul : (a, b) => a * b;
    case "amax":
      // isnan(src) ? src : std::max(self, src), std::max(a, b) being (a < b) ? b : a
      return (a, b) => (b !== b ? b : a < b ? b : a);
    case "amin":
      return (a, b) => (b !== b ? b : b < a ? b : a);
  }
}

/** The reduced values of x (row-major copy), without autograd. */
function scatterReduceValues(x: Tensor, d: number, index: Tensor, src: Tensor, mode: Mode, includeSelf: boolean): Storage {
  const out = contiguousValues(x);
  if (index.numel() === 0) return out;
  const offs = scatterGatherOffsets(index, d, x._shape, src._shape);
  const sv = contiguousValues(src);
  const n = offs.self.length;
  if (!includeSelf) {
    const init = identity(mode, x.dtype);
    for (let i = 0; i < n; i++) out[offs.self[i]] = init;
  }
  const f = combiner(mode, x.dtype);
  for (let i = 0; i < n; i++) {
    const o = offs.self[i];
    out[o] = f(out[o], sv[offs.src[i]]);
  }
  if (mode === "mean") {
    // count = (include_self ? ones : zeros).scatter_add_(dim, index, ones), 0 -> 1; floor division for integers
    const count = new Float64Array(out.length).fill(includeSelf ? 1 : 0);
    for (let i = 0; i < n; i++) count[offs.self[i]]++;
    const floor = !x.dtype.isFloatingPoint;
    for (let i = 0; i < out.length; i++) {
      const c = count[i] === 0 ? 1 : count[i];
      out[i] = floor ? Math.floor(out[i] / c) : out[i] / c;
    }
  }
  return out;
}

const DOUBLE_BACKWARD_ZEROS =
  "scatter_reduce(): Double backward is unsupported for src when >1 zeros in src are scattered to the same position in self";

/** DelayedError: t passed through a node whose own derivative raises msg. */
function delayedError(t: Tensor, msg: string): Tensor {
  if (!t.requiresGrad) return t;
  const out = new Tensor(t._data, t._shape.slice(), t._strides.slice(), t._offset, t.dtype);
  record("Error", [t], out, [], () => {
    throw new RuntimeError(msg);
  });
  return out;
}

/** scatter_reduce_backward (FunctionsManual.cpp): [grad_self, grad_src]. */
function scatterReduceBackward(g: Tensor, self: Tensor, d: number, index: Tensor, src: Tensor, mode: Mode, includeSelf: boolean, res: Tensor): [Tensor, Tensor] {
  let gSelf: Tensor;
  let gSrc: Tensor;
  if (mode === "sum") {
    gSelf = g;
    gSrc = gather(g, d, index);
  } else if (mode === "prod") {
    // the exclusive products, computed explicitly where self or src hold zeros
    const maskedSelf = self.maskedFill(self.eq(0), 1);
    const maskedSelfResult = scatterReduce(maskedSelf, d, index, src, "prod", { includeSelf });
    gSelf = g.mul(maskedSelfResult).div(maskedSelf);
    const srcZero = src.eq(0);
    const srcNumZeros = gather(scatterAdd(zerosLike(self), d, index, srcZero.to(self.dtype)), d, index);
    const srcSingleZero = srcZero.bitwiseAnd(srcNumZeros.eq(1));
    const maskedSrc = src.maskedFill(srcSingleZero, 1);
    const maskedSrcResult = scatterReduce(self, d, index, maskedSrc, "prod", { includeSelf });
    const gSrc1 = where(srcSingleZero, gather(g.mul(maskedSrcResult), d, index), gather(g.mul(res), d, index).div(src.maskedFill(srcZero, 1)));
    gSrc = gradMode.enabled && srcNumZeros.gt(1).any().item() ? delayedError(gSrc1, DOUBLE_BACKWARD_ZEROS) : gSrc1;
  } else if (mode === "mean") {
    const n0 = includeSelf ? onesLike(g) : zerosLike(g);
    const n = scatterAdd(n0, d, index, onesLike(src));
    const count = n.maskedFill(n.eq(0), 1);
    gSelf = g.div(count);
    gSrc = gather(g, d, index).div(gather(count, d, index));
  } else {
    // amax / amin: the gradient is split evenly between the values that equal the result
    const value = gather(res, d, index);
    const selfIsResult = self.eq(res);
    const srcIsResult = src.eq(value);
    const toDistribute = scatterAdd(selfIsResult.to(self.dtype), d, index, srcIsResult.to(self.dtype));
    const distributed = g.div(toDistribute);
    gSelf = selfIsResult.mul(distributed);
    gSrc = srcIsResult.mul(gather(distributed, d, index));
  }
  if (!includeSelf) gSelf = scatter(gSelf, d, index, 0);
  return [gSelf, gSrc];
}

function scatterReduceImpl(x: Tensor, dim: number, index: Tensor, src: Tensor, reduce: string, opts: ScatterReduceOptions | undefined, inPlace: boolean): Tensor {
  const includeSelf = opts?.includeSelf ?? true;
  if (inPlace) checkInplace(x, src);
  const d = wrapDim(dim, x.ndim);
  scatterChecks(x, d, index, src, null);
  const mode = modeOf(reduce);
  if (inPlace) checkNoInternalOverlap(x);
  if (mode === "mean" && x.dtype === bool) throw new RuntimeError(`"scatter_gather_tensor_cpu_reduce_mean" not implemented for 'Bool'`);
  const values = scatterReduceValues(x, d, index, src, mode, includeSelf);
  const backward: BackwardFn = (ctx, [g]) => {
    const [gSelf, gSrc] = scatterReduceBackward(g, ctx.saved(1), d, ctx.saved(0), ctx.saved(2), mode, includeSelf, ctx.saved(3));
    return [ctx.needs(0) ? gSelf : null, ctx.needs(1) ? gSrc : null];
  };
  if (inPlace) {
    // the derivative reads self as it was: an in-place op saves a clone of it (the codegen's original_self)
    const original = x.requiresGrad || src.requiresGrad ? x.clone() : x;
    // self after the write is the result (saved with its new version)
    writeInPlace(x, values, "ScatterReduceBackward0", [x, src], [index, original, src, x], backward);
    return x;
  }
  const out = result(values, x._shape, x.dtype, "ScatterReduceBackward0", [x, src], [index, x, src, null], backward);
  // the result is saved too, once the node exists (as PyTorch saves outputs)
  if (out._gradFn !== null) (out._gradFn as OpNode).save([index, x, src, out]);
  return out;
}

/**
 * torch.scatter_reduce(input, dim, index, src, reduce, { includeSelf = true }): input with the values of
 * src reduced ("sum", "prod", "mean", "amax", "amin") into the positions index addresses along dim.
 */
export function scatterReduce(x: Tensor, dim: number, index: Tensor, src: Tensor, reduce: ScatterReduceMode, opts?: ScatterReduceOptions): Tensor {
  return scatterReduceImpl(x, dim, index, src, reduce, opts, false);
}

installMethods({
  scatterReduce(this: Tensor, dim: number, index: Tensor, src: Tensor, reduce: ScatterReduceMode, opts?: ScatterReduceOptions) {
    return scatterReduceImpl(this, dim, index, src, reduce, opts, false);
  },
  scatterReduce_(this: Tensor, dim: number, index: Tensor, src: Tensor, reduce: ScatterReduceMode, opts?: ScatterReduceOptions) {
    return scatterReduceImpl(this, dim, index, src, reduce, opts, true);
  },
});
