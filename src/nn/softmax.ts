// softmax, log_softmax, softmin: one kernel along a dim (max-shifted, accumulated in double), recorded as
// SoftmaxBackward0 / LogSoftmaxBackward0 with _softmax_backward_data's formulas in differentiable ops.
import * as BK from "../backend/index.js";
import { warn } from "../errors.js";
import { record, shouldRecord } from "../ops/record.js";
import { dtypeOf, type DType, type DTypeName } from "../tensor/dtype.js";
import { wrapDim } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { requireFloat } from "./util.js";

export interface SoftmaxOptions {
  dim?: number | null;
  dtype?: DType | DTypeName | null;
}

/** The values of softmax (or log_softmax) of x along dim, as a fresh contiguous tensor. */
function softmaxValues(x: Tensor, dim: number, log: boolean): Tensor {
  const shape = x._shape;
  const nd = shape.length;
  const vals = x._values();
  const size = nd === 0 ? 1 : shape[dim];
  let inner = 1;
  for (let i = dim + 1; i < nd; i++) inner *= shape[i];
  const n = vals.length;
  const outer = size * inner === 0 ? 0 : n / (size * inner);
  const out = x.dtype.alloc(n);
  // over the last dim, the active backend (src/backend/index.ts) may run it
  if (inner === 1 && n > 0 && BK.softmaxLastDim(vals, 0, outer, size, log, out)) return new Tensor(out, shape.slice(), undefined, 0, x.dtype);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      let max = -Infinity;
      for (let k = 0; k < size; k++) {
        const v = vals[base + k * inner];
        if (v > max || v !== v) max = v;
        if (v !== v) break;
      }
      let sum = 0;
      for (let k = 0; k < size; k++) sum += Math.exp(vals[base + k * inner] - max);
      if (log) {
        const lse = Math.log(sum);
        for (let k = 0; k < size; k++) {
          const p = base + k * inner;
          out[p] = vals[p] - max - lse;
        }
      } else {
        for (let k = 0; k < size; k++) {
          const p = base + k * inner;
          out[p] = Math.exp(vals[p] - max) / sum;
        }
      }
    }
  }
  return new Tensor(out, shape.slice(), undefined, 0, x.dtype);
}

/** torch._softmax: SoftmaxBackward0, grad_input = out * (g - sum(g * out, dim)). */
export function softmaxOp(x: Tensor, dim: number): Tensor {
  requireFloat(x, "softmax_lastdim_kernel_impl");
  const d = wrapDim(dim, x.ndim);
  const out = softmaxValues(x, d, false);
  if (shouldRecord(x)) {
    const nd = x.ndim;
    record("SoftmaxBackward0", [x], out, [null, null, out], (ctx, [g]) => {
      const y = ctx.saved(2);
      if (nd === 0) return [g.mul(0)];
      return [y.mul(g.sub(g.mul(y).sum(d, true)))];
    });
  }
  return out;
}

/** torch._log_softmax: LogSoftmaxBackward0, grad_input = g - exp(out) * sum(g, dim). */
export function logSoftmaxOp(x: Tensor, dim: number): Tensor {
  requireFloat(x, "log_softmax_lastdim_kernel_impl");
  const d = wrapDim(dim, x.ndim);
  const out = softmaxValues(x, d, true);
  if (shouldRecord(x)) {
    const nd = x.ndim;
    record("LogSoftmaxBackward0", [x], out, [null, null, out], (ctx, [g]) => {
      const y = ctx.saved(2);
      if (nd === 0) return [g.mul(0)];
      return [g.sub(y.exp().mul(g.sum(d, true)))];
    });
  }
  return out;
}

/** _get_softmax_dim: the deprecated implicit dim (0 for 0-, 1- and 3-d inputs, else 1), with its warning. */
function implicitDim(name: string, ndim: number): number {
  warn(`Implicit dimension choice for ${name} has been deprecated. Change the call to include dim=X as an argument.`);
  return ndim === 0 || ndim === 1 || ndim === 3 ? 0 : 1;
}

function parse(dimArg: number | null | undefined | SoftmaxOptions, opts: SoftmaxOptions | undefined): [number | null, DType | null] {
  if (dimArg !== null && typeof dimArg === "object") return [dimArg.dim ?? null, dimArg.dtype ? dtypeOf(dimArg.dtype) : null];
  return [dimArg ?? opts?.dim ?? null, opts?.dtype ? dtypeOf(opts.dtype) : null];
}

/** F.softmax(input, dim, { dtype }) */
export function softmax(input: Tensor, dim?: number | null | SoftmaxOptions, opts?: SoftmaxOptions): Tensor {
  let [d, dtype] = parse(dim, opts);
  if (d === null) d = implicitDim("softmax", input.ndim);
  return softmaxOp(dtype ? input.to(dtype) : input, d);
}

/** F.logSoftmax(input, dim, { dtype }) */
export function logSoftmax(input: Tensor, dim?: number | null | SoftmaxOptions, opts?: SoftmaxOptions): Tensor {
  let [d, dtype] = parse(dim, opts);
  if (d === null) d = implicitDim("log_softmax", input.ndim);
  return logSoftmaxOp(dtype ? input.to(dtype) : input, d);
}

/** F.softmin(input, dim, { dtype }): (-input).softmax(dim). */
export function softmin(input: Tensor, dim?: number | null | SoftmaxOptions, opts?: SoftmaxOptions): Tensor {
  let [d, dtype] = parse(dim, opts);
  if (d === null) d = implicitDim("softmin", input.ndim);
  const neg = input.neg();
  return softmaxOp(dtype ? neg.to(dtype) : neg, d);
}
