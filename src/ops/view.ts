// View ops: new shape/strides/offset over the same storage and version counter, each with its derivative.
import { gradMode } from "../autograd/grad_mode.js";
import * as K from "../backend/cpu.js";
import { IndexError, RuntimeError, ValueError } from "../errors.js";
import { contiguousStrides, formatShape, inferSize, numelOf, viewStrides, wrapDim } from "../tensor/shape.js";
import { Tensor, type IndexItem } from "../tensor/tensor.js";
import { clone } from "./elementwise.js";
import { getItem, isAdvancedItem } from "./advanced_index.js";
import { record, shouldRecord } from "./record.js";
import { stampView } from "../autograd/view_meta.js";

/**
 * A tensor sharing x's storage and version counter; its `_base` is the storage's first owner. Views
 * that multi-output ops (split, chunk, unbind) return pass multiOutput, so they may not be modified
 * in place under autograd (src/autograd/view_meta.ts).
 */
export function makeView(x: Tensor, shape: number[], strides: number[], offset: number, multiOutput = false): Tensor {
  const v = new Tensor(x._data, shape, strides, offset, x.dtype, x._version);
  v._base = x._base ?? x;
  if (multiOutput || x._creationMeta !== 0 || !gradMode.enabled) stampView(v, x, multiOutput);
  return v;
}

export function view(x: Tensor, shapeArg: number[]): Tensor {
  const shape = inferSize(shapeArg, x.numel());
  const strides = viewStrides(x._shape, x._strides, shape);
  if (strides === null)
    throw new RuntimeError(
      "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
    );
  const out = makeView(x, shape, strides, x._offset);
  if (shouldRecord(x)) {
    const inShape = x._shape.slice();
    record("ViewBackward0", [x], out, [], (_ctx, [g]) => [g.reshape(inShape)]);
  }
  return out;
}

/** reshape: a view when the strides allow one, else a copy (CloneBackward0 then UnsafeViewBackward0). */
export function reshape(x: Tensor, shapeArg: number[]): Tensor {
  const shape = inferSize(shapeArg, x.numel());
  if (viewStrides(x._shape, x._strides, shape) !== null) return view(x, shape);
  return unsafeView(clone(x, true), shape);
}

/** _unsafe_view: reinterprets a fresh contiguous tensor's storage without making it a view. */
export function unsafeView(c: Tensor, shape: number[]): Tensor {
  const out = new Tensor(c._data, shape, contiguousStrides(shape), c._offset, c.dtype);
  if (shouldRecord(c)) {
    const inShape = c._shape.slice();
    record("UnsafeViewBackward0", [c], out, [], (_ctx, [g]) => [g.reshape(inShape)]);
  }
  return out;
}

export function t(x: Tensor): Tensor {
  if (x.ndim > 2) throw new RuntimeError(`t() expects a tensor with <= 2 dimensions, but self is ${x.ndim}D`);
  if (x.ndim < 2) {
    const out = makeView(x, x._shape.slice(), x._strides.slice(), x._offset);
    if (shouldRecord(x)) record("TBackward0", [x], out, [], (_ctx, [g]) => [g.t()]);
    return out;
  }
  const out = makeView(x, [x._shape[1], x._shape[0]], [x._strides[1], x._strides[0]], x._offset);
  if (shouldRecord(x)) record("TBackward0", [x], out, [], (_ctx, [g]) => [g.t()]);
  return out;
}

export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  const n = x.ndim;
  const a = wrapDim(dim0, n);
  const b = wrapDim(dim1, n);
  const shape = x._shape.slice();
  const strides = x._strides.slice();
  if (n > 0) {
    [shape[a], shape[b]] = [shape[b], shape[a]];
    [strides[a], strides[b]] = [strides[b], strides[a]];
  }
  const out = makeView(x, shape, strides, x._offset);
  if (shouldRecord(x)) record("TransposeBackward0", [x], out, [], (_ctx, [g]) => [g.transpose(a, b)]);
  return out;
}

export function permute(x: Tensor, dimsArg: number[], node = "PermuteBackward0"): Tensor {
  const n = x.ndim;
  if (dimsArg.length !== n)
    throw new RuntimeError(
      `permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${n} is not equal to len(dims) = ${dimsArg.length}`,
    );
  const dims = dimsArg.map((d) => wrapDim(d, n));
  if (new Set(dims).size !== dims.length) throw new RuntimeError("permute(): duplicate dims are not allowed.");
  const out = makeView(x, dims.map((d) => x._shape[d]), dims.map((d) => x._strides[d]), x._offset);
  if (shouldRecord(x)) {
    const inverse = new Array<number>(n);
    dims.forEach((d, i) => (inverse[d] = i));
    record(node, [x], out, [], (_ctx, [g]) => [g.permute(inverse)]);
  }
  return out;
}

export function expand(x: Tensor, sizes: number[]): Tensor {
  const n = x.ndim;
  if (sizes.length < n)
    throw new RuntimeError(
      `expand(torch.${x.dtype.legacyName}{${formatShape(x._shape)}}, size=${formatShape(sizes)}): the number of sizes provided (${sizes.length}) must be greater or equal to the number of dimensions in the tensor (${n})`,
    );
  const lead = sizes.length - n;
  const shape = new Array<number>(sizes.length);
  const strides = new Array<number>(sizes.length);
  for (let i = sizes.length - 1; i >= 0; i--) {
    const target = sizes[i];
    if (i < lead) {
      if (target < 0) throw new RuntimeError(`The expanded size of the tensor (${target}) isn't allowed in a leading, non-existing dimension ${i}`);
      shape[i] = target;
      strides[i] = 0;
      continue;
    }
    const cur = x._shape[i - lead];
    if (target === -1 || target === cur) {
      shape[i] = cur;
      strides[i] = x._strides[i - lead];
    } else if (cur === 1) {
      shape[i] = target;
      strides[i] = 0;
    } else
      throw new RuntimeError(
        `The expanded size of the tensor (${target}) must match the existing size (${cur}) at non-singleton dimension ${i}.  Target sizes: ${formatShape(sizes)}.  Tensor sizes: ${formatShape(x._shape)}`,
      );
  }
  const out = makeView(x, shape, strides, x._offset);
  if (shouldRecord(x)) {
    const inShape = x._shape.slice();
    record("ExpandBackward0", [x], out, [], (_ctx, [g]) => [g.sumToSize(inShape)]);
  }
  return out;
}

export function squeeze(x: Tensor, dim?: number | number[]): Tensor {
  const n = x.ndim;
  let dims: number[];
  let node: string;
  if (dim === undefined) {
    dims = x._shape.map((_, i) => i);
    node = "SqueezeBackward0";
  } else if (Array.isArray(dim)) {
    dims = dim.map((d) => wrapDim(d, n));
    node = "SqueezeBackward2";
  } else {
    dims = [wrapDim(dim, n)];
    node = "SqueezeBackward1";
  }
  const shape: number[] = [];
  const strides: number[] = [];
  for (let i = 0; i < n; i++) {
    if (dims.includes(i) && x._shape[i] === 1) continue;
    shape.push(x._shape[i]);
    strides.push(x._strides[i]);
  }
  const out = makeView(x, shape, strides, x._offset);
  if (shouldRecord(x)) {
    const inShape = x._shape.slice();
    record(node, [x], out, [], (_ctx, [g]) => [g.reshape(inShape)]);
  }
  return out;
}

export function unsqueeze(x: Tensor, dim: number): Tensor {
  const d = wrapDim(dim, x.ndim + 1);
  const shape = x._shape.slice();
  const strides = x._strides.slice();
  const stride = d < x.ndim ? x._shape[d] * x._strides[d] : 1;
  shape.splice(d, 0, 1);
  strides.splice(d, 0, stride);
  const out = makeView(x, shape, strides, x._offset);
  if (shouldRecord(x)) record("UnsqueezeBackward0", [x], out, [], (_ctx, [g]) => [g.squeeze(d)]);
  return out;
}

export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  if (x.ndim === 0) return reshape(x, [1]);
  const s = wrapDim(startDim, x.ndim);
  const e = wrapDim(endDim, x.ndim);
  if (s > e) throw new RuntimeError("flatten() has invalid args: start_dim cannot come after end_dim");
  if (s === e) return x;
  const shape = x._shape.slice(0, s).concat([numelOf(x._shape.slice(s, e + 1))], x._shape.slice(e + 1));
  return reshape(x, shape);
}

export function select(x: Tensor, dim: number, index: number): Tensor {
  if (x.ndim === 0) throw new IndexError("select() cannot be applied to a 0-dim tensor.");
  const d = wrapDim(dim, x.ndim);
  const size = x._shape[d];
  if (index < -size || index >= size)
    throw new IndexError(`select(): index ${index} out of range for tensor of size ${formatShape(x._shape)} at dimension ${d}`);
  const i = index < 0 ? index + size : index;
  const shape = x._shape.slice();
  const strides = x._strides.slice();
  shape.splice(d, 1);
  strides.splice(d, 1);
  const out = makeView(x, shape, strides, x._offset + i * x._strides[d]);
  if (shouldRecord(x)) {
    const inShape = x._shape.slice();
    record("SelectBackward0", [x], out, [], (_ctx, [g]) => [embed(g, inShape, d, i, 1, true)]);
  }
  return out;
}

/** x[start:end:step] along dim, Python's clamping of out-of-range bounds (narrow is strict). */
export function slice(x: Tensor, dim: number, start: number | null, end: number | null, step = 1, strict = false): Tensor {
  if (strict) {
    // narrow_symint's checks, in its order
    if (x.ndim === 0) throw new RuntimeError("narrow() cannot be applied to a 0-dim tensor.");
    if ((end ?? 0) - (start ?? 0) < 0) throw new RuntimeError("narrow(): length must be non-negative.");
  }
  const d = wrapDim(dim, x.ndim);
  const size = x._shape[d];
  if (step === 0) throw new ValueError("slice step cannot be zero"); // Python's slice()
  if (step < 0) throw new ValueError("step must be greater than zero");
  let s = start ?? 0;
  let e = end ?? size;
  if (strict) {
    if (s < -size || s > size) throw new IndexError(`start out of range (expected to be in range of [${-size}, ${size}], but got ${s})`);
    if (s < 0) s += size;
    const length = e - (start ?? 0);
    if (s + length > size) throw new RuntimeError(`start (${s}) + length (${length}) exceeds dimension size (${size}).`);
    e = s + length;
  } else {
    if (s < 0) s += size;
    if (e < 0) e += size;
    s = Math.min(Math.max(s, 0), size);
    e = Math.min(Math.max(e, s), size);
  }
  const len = Math.ceil((e - s) / step);
  const shape = x._shape.slice();
  const strides = x._strides.slice();
  shape[d] = len;
  strides[d] = x._strides[d] * step;
  const out = makeView(x, shape, strides, x._offset + s * x._strides[d]);
  if (shouldRecord(x)) {
    const inShape = x._shape.slice();
    record("SliceBackward0", [x], out, [], (_ctx, [g]) => [embed(g, inShape, d, s, step, false)]);
  }
  return out;
}

/**
 * select_backward / slice_backward: zeros of `shape` with g written at index `start` (select) or
 * at start::step (slice) along dim. Differentiable: its own derivative selects the same window.
 */
export function embed(g: Tensor, shape: number[], dim: number, start: number, step: number, dropDim: boolean): Tensor {
  const out = new Tensor(g.dtype.alloc(numelOf(shape)), shape.slice(), undefined, 0, g.dtype);
  const strides = out._strides.slice();
  const winShape = shape.slice();
  const offset = start * strides[dim];
  if (dropDim) {
    winShape.splice(dim, 1);
    strides.splice(dim, 1);
  } else {
    winShape[dim] = g._shape[dim];
    strides[dim] *= step;
  }
  K.copyInto({ _data: out._data, _shape: winShape, _strides: strides, _offset: offset }, g);
  if (shouldRecord(g))
    record(dropDim ? "SelectBackwardBackward0" : "SliceBackwardBackward0", [g], out, [], (_ctx, [gg]) => [
      dropDim ? gg.select(dim, start) : slice(gg, dim, start, start + g._shape[dim] * step, step),
    ]);
  return out;
}

/** Basic indexing: numbers select, [start, stop, step?] slice, null adds an axis, "..." fills. */
export function index(x: Tensor, items: IndexItem[]): Tensor {
  // tensors, lists and booleans: advanced indexing (advanced_index.ts)
  if (items.some(isAdvancedItem)) return getItem(x, items);
  // x.index(a) is Python's x[a] (a single index takes THPVariable_getitem's simple path), x.index(a, b) is x[a, b].
  if (items.length === 1) {
    const it = items[0];
    if (it === "...") return alias(x);
    if (typeof it === "number" && x.ndim === 0)
      throw new IndexError("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number");
  }
  let consumed = 0;
  for (const it of items) if (it !== "..." && it !== null) consumed++;
  if (consumed > x.ndim) throw new IndexError(`too many indices for tensor of dimension ${x.ndim}`);
  let out = x;
  let dim = 0;
  // applySlicing: each "..." skips the unindexed dims (several are allowed, as in PyTorch); errors name
  // the index's position in the tuple (real_dim).
  items.forEach((it, realDim) => {
    if (it === null) {
      out = unsqueeze(out, dim);
      dim++;
    } else if (it === "...") {
      dim += x.ndim - consumed;
    } else if (typeof it === "number") {
      const size = out._shape[dim];
      if (it < -size || it >= size) throw new IndexError(`index ${it} is out of bounds for dimension ${realDim} with size ${size}`);
      out = select(out, dim, it);
    } else if (Array.isArray(it)) {
      const [start, stop, step] = [it[0], it[1], it[2] ?? 1] as [number | null, number | null, number]; // a slice: lists went to getItem
      // applySlice skips a slice spelled out over the whole dim (x[0:n, 1]) unless it is the only index
      const whole = items.length > 1 && (start ?? 0) === 0 && stop === out._shape[dim] && step === 1;
      if (!whole) out = slice(out, dim, start, stop, step);
      dim++;
    } else {
      throw new IndexError("indexing with tensors (advanced indexing) is not supported by x.index() yet");
    }
  });
  // x[...], x[0:n, 0:m]: a new view all the same (at::alias).
  if (out === x) out = alias(x);
  return out;
}

/** at::alias: a view of the whole tensor (AliasBackward0). */
export function alias(x: Tensor): Tensor {
  const out = makeView(x, x._shape.slice(), x._strides.slice(), x._offset);
  if (shouldRecord(x)) record("AliasBackward0", [x], out, [], (_ctx, [g]) => [g]);
  return out;
}
