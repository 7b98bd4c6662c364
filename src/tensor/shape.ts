// Shape arithmetic: strides, broadcasting, dimension wrapping. Messages are PyTorch's.
import { IndexError, RuntimeError } from "../errors.js";

/** Shared by every 0-dim tensor's shape and strides; never mutated (shapes are copied before edits). */
export const EMPTY: number[] = [];

export function contiguousStrides(shape: readonly number[]): number[] {
  if (shape.length === 0) return EMPTY;
  if (shape.length === 1) return [1];
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= Math.max(shape[i], 1);
  }
  return strides;
}

export function numelOf(shape: readonly number[]): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** torch.broadcast_shapes for two shapes, with the elementwise-op error text. */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  // infer_size walks from the last dim: the error names the rightmost mismatch
  for (let i = n - 1; i >= 0; i--) {
    const da = i < n - a.length ? 1 : a[i - (n - a.length)];
    const db = i < n - b.length ? 1 : b[i - (n - b.length)];
    if (da === db || db === 1) out[i] = da;
    else if (da === 1) out[i] = db;
    else
      throw new RuntimeError(
        `The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${i}`,
      );
  }
  return out;
}

/** Strides that read a tensor of `shape`/`strides` as if expanded to `target` (0 on broadcast dims). */
export function broadcastStrides(shape: readonly number[], strides: readonly number[], target: readonly number[]): number[] {
  const out = new Array<number>(target.length);
  const lead = target.length - shape.length;
  for (let i = 0; i < target.length; i++) {
    if (i < lead) out[i] = 0;
    else out[i] = shape[i - lead] === 1 && target[i] !== 1 ? 0 : strides[i - lead];
  }
  return out;
}

/** at::maybe_wrap_dim: a negative dim counts from the end; scalars accept -1 and 0. */
export function wrapDim(dim: number, ndim: number): number {
  const n = Math.max(ndim, 1);
  if (!Number.isInteger(dim)) throw new TypeError(`dim must be an integer, got ${dim}`);
  if (dim < -n || dim >= n)
    throw new IndexError(`Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`);
  return dim < 0 ? dim + n : dim;
}

export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

/** Python's repr of torch.Size: `torch.Size([2, 3])`. */
export function torchSize(shape: readonly number[]): string {
  return `torch.Size([${shape.join(", ")}])`;
}

/** Resolves a single -1 in a view/reshape target; PyTorch's infer_size. */
export function inferSize(shape: readonly number[], numel: number): number[] {
  let infer = -1;
  let known = 1;
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] === -1) {
      if (infer >= 0) throw new RuntimeError("only one dimension can be inferred");
      infer = i;
    } else if (shape[i] >= 0 && Number.isInteger(shape[i])) known *= shape[i];
    else throw new RuntimeError(`invalid shape dimension ${shape[i]}`);
  }
  if (numel === known || (infer >= 0 && known > 0 && numel % known === 0)) {
    const out = shape.slice();
    if (infer >= 0) {
      if (known === 0) throw new RuntimeError(`shape '${formatShape(shape)}' is invalid for input of size ${numel}`);
      out[infer] = numel / known;
    }
    return out;
  }
  throw new RuntimeError(`shape '${formatShape(shape)}' is invalid for input of size ${numel}`);
}

/**
 * at::detail::computeStride: strides for viewing (shape, strides) as newShape without copying,
 * or null when the memory layout does not allow it.
 */
export function viewStrides(shape: readonly number[], strides: readonly number[], newShape: readonly number[]): number[] | null {
  const newStrides = new Array<number>(newShape.length);
  if (shape.length === 0) {
    newStrides.fill(1);
    return newStrides;
  }
  const numel = numelOf(shape);
  if (numel === 0) {
    return sameShape(shape, newShape) ? strides.slice() : contiguousStrides(newShape);
  }
  let viewD = newShape.length - 1;
  let chunkBaseStride = strides[strides.length - 1];
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let tensorD = shape.length - 1; tensorD >= 0; tensorD--) {
    tensorNumel *= shape[tensorD];
    if (tensorD === 0 || (shape[tensorD - 1] !== 1 && strides[tensorD - 1] !== tensorNumel * chunkBaseStride)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        newStrides[viewD] = viewNumel * chunkBaseStride;
        viewNumel *= newShape[viewD];
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (tensorD > 0) {
        chunkBaseStride = strides[tensorD - 1];
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  if (viewD !== -1) return null;
  return newStrides;
}

/**
 * reorder_dimensions' sort: an insertion sort of `perm` in place that tolerates ambiguous comparisons
 * (`shouldSwap(d0, d1)`: 1 if d0 should come after d1, -1 if before, 0 if undecided).
 */
export function reorderDimensions(perm: number[], shouldSwap: (d0: number, d1: number) => number): void {
  for (let i = 1; i < perm.length; i++) {
    let d1 = i;
    for (let d0 = i - 1; d0 >= 0; d0--) {
      const c = shouldSwap(perm[d0], perm[d1]);
      if (c > 0) {
        [perm[d0], perm[d1]] = [perm[d1], perm[d0]];
        d1 = d0;
      } else if (c < 0) break;
    }
  }
}

/**
 * TensorIterator's reorder_dimensions: the order (innermost first) in which an elementwise op's
 * output is laid out so it follows its inputs' layout (a transposed input gives a transposed
 * result). `strides` are the operands' strides broadcast to `shape` (0 on broadcast dims).
 * Returns null when that order is the plain row-major one.
 */
export function outputPermutation(shape: readonly number[], strides: readonly (readonly number[])[]): number[] | null {
  const nd = shape.length;
  if (nd < 2) return null;
  const perm = new Array<number>(nd);
  for (let i = 0; i < nd; i++) perm[i] = nd - 1 - i;
  // 1 if dim0 should come after dim1, -1 if before, 0 if the operands don't say.
  const shouldSwap = (d0: number, d1: number): number => {
    for (const st of strides) {
      const s0 = st[d0];
      const s1 = st[d1];
      if (s0 === 0 || s1 === 0) continue;
      if (s0 < s1) return -1;
      if (s0 > s1) return 1;
      if (shape[d0] > shape[d1]) return 1;
    }
    return 0;
  };
  reorderDimensions(perm, shouldSwap);
  for (let i = 0; i < nd; i++) if (perm[i] !== nd - 1 - i) return perm;
  return null;
}

/** Contiguous strides for laying out `shape` in the order `perm` (innermost dim first). */
export function stridesInOrder(shape: readonly number[], perm: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (const d of perm) {
    strides[d] = s;
    s *= Math.max(shape[d], 1);
  }
  return strides;
}
