// Index-driven ops that reductions need for their derivatives: gather and its transpose.
import { RuntimeError } from "../errors.js";
import { numelOf, wrapDim } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { record, shouldRecord } from "./record.js";

/** Calls f(flatIndexInIndexTensor, offsetInTarget) for each index element along `dim`. */
function forEachIndexed(index: Tensor, targetShape: readonly number[], dim: number, f: (i: number, off: number) => void): void {
  // ensure_nonempty_dim / ensure_nonempty_size: a 0-dim index or target counts as 1-dim of size 1
  const shape = index._shape.length === 0 ? [1] : index._shape;
  const target = targetShape.length === 0 ? [1] : targetShape;
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
        // scatter/gather take no negative indices (cpu_scatter_gather_base_kernel)
        if (v < 0 || v >= target[d]) throw new RuntimeError(`index ${v} is out of bounds for dimension ${d} with size ${target[d]}`);
        off += v * tStrides[d];
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
  // inputs (self = the zeros, src = g), as scatter_add records them
  if (shouldRecord(g))
    record("ScatterAddBackward0", [new Tensor(g.dtype.alloc(1), [], [], 0, g.dtype), g], result, [index], (ctx, [gg]) => [null, gather(gg, dim, ctx.saved(0))]);
  return result;
}
