// Index-driven ops that reductions need for their derivatives: gather and its transpose.
import { RuntimeError } from "../errors.js";
import { numelOf, wrapDim } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { record, shouldRecord } from "./record.js";

/** Calls f(flatIndexInIndexTensor, offsetInTarget) for each index element along `dim`. */
function forEachIndexed(index: Tensor, target: readonly number[], dim: number, f: (i: number, off: number) => void): void {
  const shape = index._shape;
  const idx = index._values();
  const tStrides = new Array<number>(target.length);
  let s = 1;
  for (let d = target.length - 1; d >= 0; d--) {
    tStrides[d] = s;
    s *= target[d];
  }
  const n = idx.length;
  const pos = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < n; i++) {
    let off = 0;
    for (let d = 0; d < shape.length; d++) {
      if (d === dim) {
        const v = idx[i];
        if (v < -target[d] || v >= target[d]) throw new RuntimeError(`index ${v} is out of bounds for dimension ${d} with size ${target[d]}`);
        off += (v < 0 ? v + target[d] : v) * tStrides[d];
      } else off += pos[d] * tStrides[d];
    }
    f(i, off);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++pos[d] < shape[d]) break;
      pos[d] = 0;
    }
  }
}

/** torch.gather(x, dim, index). */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  const d = wrapDim(dim, x.ndim);
  const src = x.contiguous()._values();
  const out = x.dtype.alloc(index.numel());
  forEachIndexed(index, x._shape, d, (i, off) => (out[i] = src[off]));
  const result = new Tensor(out, index._shape.slice(), undefined, 0, x.dtype);
  if (shouldRecord(x)) {
    const shape = x._shape.slice();
    record("GatherBackward0", [x], result, [index], (ctx, [g]) => [scatterIntoZeros(g, d, ctx.saved(0), shape)]);
  }
  return result;
}

/** zeros(shape).scatter_add(dim, index, g): the derivative of gather (and of max/min along a dim). */
export function scatterIntoZeros(g: Tensor, dim: number, index: Tensor, shape: readonly number[]): Tensor {
  const out = g.dtype.alloc(numelOf(shape));
  const src = g.contiguous()._values();
  forEachIndexed(index, shape, dim, (i, off) => (out[off] += src[i]));
  const result = new Tensor(out, shape.slice(), undefined, 0, g.dtype);
  if (shouldRecord(g)) record("ScatterAddBackward0", [g], result, [index], (ctx, [gg]) => [gather(gg, dim, ctx.saved(0))]);
  return result;
}
