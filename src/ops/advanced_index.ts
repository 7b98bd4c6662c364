// Advanced indexing: aten::index / index_put_ (indexing by int64, int32 and bool tensors, PyTorch's
// TensorAdvancedIndexing.cpp and IndexingUtils.h) and the Python layer above them (getitem/setitem,
// python_variable_indexing.cpp and TensorIndexing.h): numbers select, slices slice, null adds an axis,
// "..." fills, tensors (and JS arrays, Python's lists) index. Core module: view.ts routes x.index(...)
// here when an item is a tensor, a boolean or a list; index_ops.ts installs indexPut_ on Tensor.
//
// How JS items map to Python's: x.index(a, b) is x[a, b] and x.index(a) is x[a]. A JS array is a
// slice [start, stop] / [start, stop, step] when it has 2 or 3 entries that are all numbers or null;
// any other array (1 or 4+ entries, booleans, bigints, nested arrays, []) is a Python list, i.e. an
// index tensor (int64, or bool when every entry is a boolean). A list of 2 or 3 integers is written
// with bigints ([0n, 2n]) or as a tensor. A nested array is always ONE index tensor (PyTorch's legacy
// rule that reads x[[[0, 1], [1, 2]]] as a tuple does not apply: write x.index([0n, 1n], [1n, 2n])).
import * as K from "../backend/cpu.js";
import { IndexError, RuntimeError, ValueError } from "../errors.js";
import { bool, int32, int64, type DType, type Storage } from "../tensor/dtype.js";
import { broadcastShapes, broadcastStrides, formatShape, numelOf, sameShape } from "../tensor/shape.js";
import { Tensor, type IndexItem, type NestedArray } from "../tensor/tensor.js";
import { castFn } from "./elementwise.js";
import { checkInplace, moveRetainGrad, rebase } from "./inplace.js";
import { record, shouldRecord, type BackwardFn } from "./record.js";
import { alias, expand, select, slice, unsqueeze, view } from "./view.js";

/** PyTorch's ScalarType names, as its messages print them. */
export const SCALAR_TYPE_NAMES: Record<string, string> = { float32: "Float", float64: "Double", int64: "Long", int32: "Int", bool: "Bool" };

// ---- items ------------------------------------------------------------------------------------

/** [start, stop] / [start, stop, step]: 2 or 3 entries, each a number or null. */
export function isSliceItem(it: unknown): it is [number | null, number | null, (number | null)?] {
  if (!Array.isArray(it) || (it.length !== 2 && it.length !== 3)) return false;
  for (const e of it) if (e !== null && typeof e !== "number") return false;
  return true;
}

/** Whether an item needs advanced indexing: a tensor, a boolean, or a list (a non-slice array). */
export function isAdvancedItem(it: unknown): boolean {
  return it instanceof Tensor || typeof it === "boolean" || (Array.isArray(it) && !isSliceItem(it));
}

/**
 * A Python list used as an index (torch::utils::indexing_tensor_from_data): a bool tensor when every
 * entry is a boolean, else int64 (floats truncate, booleans count as 0/1, bigints are exact).
 */
export function listToIndexTensor(list: readonly NestedArray[]): Tensor {
  const shape: number[] = [];
  let probe: NestedArray = list as NestedArray[];
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    if (probe.length === 0) break;
    probe = probe[0];
  }
  const flat: (number | boolean | bigint)[] = [];
  const walk = (v: NestedArray, d: number): void => {
    if (d === shape.length) {
      if (Array.isArray(v)) throw new ValueError(`expected sequence of length ${shape[d - 1]} at dim ${d - 1} (got ${v.length})`);
      flat.push(v);
      return;
    }
    if (!Array.isArray(v)) throw new ValueError(`expected sequence of length ${shape[d]} at dim ${d} (got ${String(v)})`);
    if (v.length !== shape[d]) throw new ValueError(`expected sequence of length ${shape[d]} at dim ${d} (got ${v.length})`);
    for (const e of v) walk(e, d + 1);
  };
  walk(list as NestedArray[], 0);
  const allBool = flat.length > 0 && flat.every((v) => typeof v === "boolean");
  const dtype = allBool ? bool : int64;
  const data = dtype.alloc(flat.length);
  for (let i = 0; i < flat.length; i++) {
    const v = flat[i];
    data[i] = typeof v === "boolean" ? (v ? 1 : 0) : typeof v === "bigint" ? Number(v) : Math.trunc(v) + 0;
  }
  return new Tensor(data, shape, undefined, 0, dtype);
}

/** A 1-element int64 tensor [0] for True, an empty one for False (boolToIndexingTensor). */
function boolIndexTensor(v: boolean): Tensor {
  return v ? new Tensor(new Float64Array(1), [1], [1], 0, int64) : new Tensor(new Float64Array(0), [0], [1], 0, int64);
}

// ---- aten::index / index_put_: the index plan ---------------------------------------------------

/** Where each element of the indexing result lives in self's storage: offB[b] + offK[k] + offA[a]. */
interface IndexPlan {
  resultShape: number[];
  offB: number[];
  offA: number[];
  /** per broadcast index position: sum over indexed dims of index * stride (bounds checked) */
  offK: number[] | null;
  numel: number;
}

/** Storage offsets of every row-major position of (sizes, strides), starting at base. */
function offsetsOf(sizes: readonly number[], strides: readonly number[], base: number): number[] {
  const n = numelOf(sizes);
  const out = new Array<number>(n);
  if (n === 0) return out;
  const nd = sizes.length;
  const pos = new Array<number>(nd).fill(0);
  let off = base;
  for (let i = 0; i < n; i++) {
    out[i] = off;
    for (let d = nd - 1; d >= 0; d--) {
      off += strides[d];
      if (++pos[d] < sizes[d]) break;
      off -= strides[d] * sizes[d];
      pos[d] = 0;
    }
  }
  return out;
}

/** Row-major values of t broadcast to shape, as plain numbers. */
function valuesAs(t: Tensor, shape: readonly number[]): Storage {
  return K.copyToContiguous(
    { _data: t._data, _shape: shape, _strides: broadcastStrides(t._shape, t._strides, shape), _offset: t._offset },
    new Float64Array(numelOf(shape)),
  );
}

/** The columns of nonzero(mask): one Float64Array of positions per dimension of the mask. */
export function nonzeroColumns(mask: Tensor): Float64Array[] {
  const vals = mask._values();
  const shape = mask._shape;
  const nd = shape.length;
  let count = 0;
  for (let i = 0; i < vals.length; i++) if (vals[i] !== 0) count++;
  const cols: Float64Array[] = [];
  for (let d = 0; d < nd; d++) cols.push(new Float64Array(count));
  const pos = new Array<number>(nd).fill(0);
  let w = 0;
  for (let i = 0; i < vals.length; i++) {
    if (vals[i] !== 0) {
      for (let d = 0; d < nd; d++) cols[d][w] = pos[d];
      w++;
    }
    for (let d = nd - 1; d >= 0; d--) {
      if (++pos[d] < shape[d]) break;
      pos[d] = 0;
    }
  }
  return cols;
}

/** checkIndexTensorTypes (allow_int): long, int, byte or bool. */
function checkIndexTensorTypes(indices: readonly (Tensor | null)[]): void {
  for (const t of indices)
    if (t !== null && t.dtype !== int64 && t.dtype !== int32 && t.dtype !== bool)
      throw new IndexError("tensors used as indices must be long, int, byte or bool tensors");
}

function invalidMask(selfShape: readonly number[], idx: number, maskShape: readonly number[], maskIdx: number): never {
  throw new IndexError(
    `The shape of the mask ${formatShape(maskShape)} at index ${maskIdx} does not match the shape of the indexed tensor ${formatShape(selfShape)} at index ${idx}`,
  );
}

function dimOutOfRange(dim: number, ndim: number): never {
  const n = Math.max(ndim, 1);
  throw new IndexError(`Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`);
}

/**
 * make_info + AdvancedIndex: masks expanded to their nonzero columns, index tensors broadcast
 * together, non-adjacent indexed dims transposed to the front; then every result element's storage
 * offset in `self`. Bounds are checked (as the kernel does) only when the result has elements.
 */
function makePlan(self: Tensor, indices: readonly (Tensor | null)[]): IndexPlan {
  checkIndexTensorTypes(indices);
  // expandTensors: a bool mask indexes as many dims as it has, through its nonzero positions
  const expanded: ({ shape: number[]; values: Storage } | null)[] = [];
  for (const t of indices) {
    if (t === null) {
      expanded.push(null);
    } else if (t.dtype === bool) {
      for (let j = 0; j < t.ndim; j++) {
        const srcIdx = expanded.length + j;
        if (srcIdx >= self.ndim) dimOutOfRange(srcIdx, self.ndim);
        if (t._shape[j] !== self._shape[srcIdx]) invalidMask(self._shape, srcIdx, t._shape, j);
      }
      for (const col of nonzeroColumns(t)) expanded.push({ shape: [col.length], values: col });
    } else {
      expanded.push({ shape: t._shape.slice(), values: t._values() });
    }
  }
  // broadcast the index tensors together
  let bshape: number[] | null = null;
  try {
    for (const e of expanded) if (e !== null) bshape = bshape === null ? e.shape : broadcastShapes(bshape, e.shape);
  } catch {
    const shapes = expanded.filter((e) => e !== null).map((e) => formatShape(e!.shape));
    throw new IndexError(`shape mismatch: indexing tensors could not be broadcast together with shapes ${shapes.join(", ")}`);
  }
  bshape ??= [];
  while (expanded.length < self.ndim) expanded.push(null);
  // hasContiguousSubspace: the indexed dims are adjacent, or they move to the front (transposeToFront)
  const defined = expanded.map((e, i) => (e !== null ? i : -1)).filter((i) => i >= 0);
  const first = defined[0];
  const last = defined[defined.length - 1];
  let order: number[];
  if (defined.length === last - first + 1) order = expanded.map((_, i) => i);
  else order = [...defined, ...expanded.map((_, i) => i).filter((i) => expanded[i] === null)];
  const beforeDims: number[] = [];
  const afterDims: number[] = [];
  const indexed: { size: number; stride: number; values: Storage }[] = [];
  for (const d of order) {
    const e = expanded[d];
    if (e !== null) {
      const values = sameShape(e.shape, bshape) ? e.values : valuesAs(new Tensor(e.values, e.shape, undefined, 0, int64), bshape);
      indexed.push({ size: self._shape[d], stride: self._strides[d], values });
    } else if (indexed.length === 0) beforeDims.push(d);
    else afterDims.push(d);
  }
  if (indexed.some((ix) => ix.size === 0) && !bshape.includes(0)) throw new IndexError("index is out of bounds for dimension with size 0");
  const bSizes = beforeDims.map((d) => self._shape[d]);
  const aSizes = afterDims.map((d) => self._shape[d]);
  const resultShape = [...bSizes, ...bshape, ...aSizes];
  const numel = numelOf(resultShape);
  const plan: IndexPlan = {
    resultShape,
    offB: offsetsOf(bSizes, beforeDims.map((d) => self._strides[d]), self._offset),
    offA: offsetsOf(aSizes, afterDims.map((d) => self._strides[d]), 0),
    offK: null,
    numel,
  };
  if (numel > 0) {
    const k = numelOf(bshape);
    const offK = new Array<number>(k);
    for (let i = 0; i < k; i++) {
      let off = 0;
      for (let j = 0; j < indexed.length; j++) {
        const { size, stride, values } = indexed[j];
        const v = values[i];
        if (v < -size || v >= size) throw new IndexError(`index ${v} is out of bounds for dimension ${j} with size ${size}`);
        off += (v < 0 ? v + size : v) * stride;
      }
      offK[i] = off;
    }
    plan.offK = offK;
  }
  return plan;
}

/** Calls f(resultPosition, storageOffset) for every element of the indexing result, row-major. */
function forEachPlanned(plan: IndexPlan, f: (r: number, off: number) => void): void {
  if (plan.numel === 0) return;
  const { offB, offA } = plan;
  const offK = plan.offK!;
  let r = 0;
  for (let b = 0; b < offB.length; b++)
    for (let k = 0; k < offK.length; k++) {
      const base = offB[b] + offK[k];
      for (let a = 0; a < offA.length; a++) f(r++, base + offA[a]);
    }
}

/** The saved form of an index list: its tensors go through the node's saved slots (null where absent). */
function savedIndices(indices: readonly (Tensor | null)[]): (Tensor | null)[] {
  return indices.slice();
}
function restoreIndices(ctx: { saved(i: number): Tensor }, n: number, offset: number, pattern: readonly boolean[]): (Tensor | null)[] {
  const out: (Tensor | null)[] = [];
  for (let i = 0; i < n; i++) out.push(pattern[i] ? ctx.saved(offset + i) : null);
  return out;
}

/** aten::index(self, indices): the gathered copy, with IndexBackward0. */
export function indexTensor(self: Tensor, indices: readonly (Tensor | null)[]): Tensor {
  if (indices.length > self.ndim) throw new IndexError(`too many indices for tensor of dimension ${self.ndim} (got ${indices.length})`);
  const plan = makePlan(self, indices);
  const src = self._data;
  const out = self.dtype.alloc(plan.numel);
  forEachPlanned(plan, (r, off) => (out[r] = src[off]));
  const result = new Tensor(out, plan.resultShape, undefined, 0, self.dtype);
  if (shouldRecord(self)) {
    const shape = self._shape.slice();
    const n = indices.length;
    const pattern = indices.map((t) => t !== null);
    record("IndexBackward0", [self], result, savedIndices(indices), (ctx, [g]) => [
      indexPutIntoZeros(g, shape, restoreIndices(ctx, n, 0, pattern)),
    ]);
  }
  return result;
}

/** index_backward: zeros(shape).index_put_(indices, g, accumulate=true) (IndexPutImplBackward0). */
function indexPutIntoZeros(g: Tensor, shape: readonly number[], indices: readonly (Tensor | null)[]): Tensor {
  const out = new Tensor(g.dtype.alloc(numelOf(shape)), shape.slice(), undefined, 0, g.dtype);
  indexPutKernel(out, indices, g, true);
  if (shouldRecord(g)) {
    const n = indices.length;
    const pattern = indices.map((t) => t !== null);
    // inputs (self = the zeros, values = g), as _index_put_impl_ records them
    const zerosInput = new Tensor(g.dtype.alloc(1), [], [], 0, g.dtype);
    record("IndexPutImplBackward0", [zerosInput, g], out, savedIndices(indices), (ctx, [gg]) => [null, indexTensor(gg, restoreIndices(ctx, n, 0, pattern))]);
  }
  return out;
}

/** is_expandable_to(shape, desired) */
function expandableTo(shape: readonly number[], desired: readonly number[]): boolean {
  if (shape.length > desired.length) return false;
  for (let i = 1; i <= shape.length; i++) {
    const s = shape[shape.length - i];
    if (s !== desired[desired.length - i] && s !== 1) return false;
  }
  return true;
}

/**
 * _index_put_impl_'s checks and write into self's storage (no autograd, no version bump). Every
 * check runs before the first write, so a call that throws leaves self as it was.
 */
function indexPutKernel(self: Tensor, indices: readonly (Tensor | null)[], values: Tensor, accumulate: boolean): void {
  if (indices.length > self.ndim) throw new IndexError(`too many indices for tensor of dimension ${self.ndim} (got ${indices.length})`);
  // canDispatchToMaskedFill: one bool mask and a single value go through masked_fill_ (no dtype check)
  let maskedFill = false;
  if (!accumulate && values.numel() === 1) {
    let numInd = 0;
    let mask: Tensor | null = null;
    let ok = true;
    for (const t of indices) {
      if (t === null) {
        numInd++;
        continue;
      }
      if (t.dtype !== bool || mask !== null) {
        ok = false;
        break;
      }
      mask = t;
      for (let j = 0; j < t.ndim; j++) {
        const srcIdx = numInd + j;
        if (srcIdx >= self.ndim) dimOutOfRange(srcIdx, self.ndim);
        if (t._shape[j] !== self._shape[srcIdx]) invalidMask(self._shape, srcIdx, t._shape, j);
      }
      numInd += t.ndim;
    }
    maskedFill = ok && mask !== null;
  }
  const plan = makePlan(self, indices);
  if (!maskedFill) {
    if (!expandableTo(values._shape, plan.resultShape))
      throw new RuntimeError(
        `shape mismatch: value tensor of shape ${formatShape(values._shape)} cannot be broadcast to indexing result of shape ${formatShape(plan.resultShape)}`,
      );
    if (values.dtype !== self.dtype)
      throw new RuntimeError(
        `Index put requires the source and destination dtypes match, got ${SCALAR_TYPE_NAMES[self.dtype.name]} for the destination and ${SCALAR_TYPE_NAMES[values.dtype.name]} for the source.`,
      );
  }
  const cast = castFn(self.dtype);
  let v = valuesAs(values, plan.resultShape);
  if (cast || self.dtype.name === "float32") {
    const c = self.dtype.alloc(v.length);
    for (let i = 0; i < v.length; i++) c[i] = cast ? cast(v[i]) : v[i];
    v = c;
  }
  const data = self._data;
  if (!accumulate) forEachPlanned(plan, (r, off) => (data[off] = v[r]));
  else if (self.dtype === bool) forEachPlanned(plan, (r, off) => (data[off] = data[off] || v[r] ? 1 : 0));
  else forEachPlanned(plan, (r, off) => (data[off] += v[r]));
}

/** The derivative of index_put / index_put_ (derivatives.yaml). */
function indexPutBackward(accumulate: boolean, n: number, pattern: readonly boolean[]): BackwardFn {
  return (ctx, [g]) => {
    const idx = restoreIndices(ctx, n, 0, pattern);
    return [
      ctx.needs(0) ? (accumulate ? g : indexPut(g, idx, new Tensor(g.dtype.alloc(1), [], [], 0, g.dtype), false)) : null,
      ctx.needs(1) ? indexTensor(g, idx) : null,
    ];
  };
}

/** aten::index_put(self, indices, values, accumulate): an updated copy (IndexPutBackward0). */
export function indexPut(self: Tensor, indices: readonly (Tensor | null)[], values: Tensor, accumulate = false): Tensor {
  const out = new Tensor(K.copyToContiguous(self, self.dtype.alloc(self.numel())), self._shape.slice(), undefined, 0, self.dtype);
  indexPutKernel(out, indices, values, accumulate);
  if (shouldRecord(self, values))
    record("IndexPutBackward0", [self, values], out, savedIndices(indices), indexPutBackward(accumulate, indices.length, indices.map((t) => t !== null)));
  return out;
}

/** aten::index_put_(self, indices, values, accumulate): in place, version bump, IndexPutBackward0. */
export function indexPutInPlace(self: Tensor, indices: readonly (Tensor | null)[], values: Tensor, accumulate = false): Tensor {
  checkInplace(self, values);
  indexPutKernel(self, indices, values, accumulate);
  self._version.value++;
  if (shouldRecord(self, values)) {
    const oldFn = self._gradFn;
    const oldNr = self._outputNr;
    rebase("IndexPutBackward0", [self, values], self, savedIndices(indices), indexPutBackward(accumulate, indices.length, indices.map((t) => t !== null)));
    moveRetainGrad(self, oldFn, oldNr);
  }
  return self;
}

// ---- the Python layer: getitem / setitem --------------------------------------------------------

type Norm =
  | { kind: "int"; v: number }
  | { kind: "slice"; start: number | null; stop: number | null; step: number | null }
  | { kind: "none" }
  | { kind: "ellipsis" }
  | { kind: "bool"; v: boolean }
  | { kind: "tensor"; t: Tensor; list: boolean };

function normalize(it: IndexItem): Norm {
  if (it === null) return { kind: "none" };
  if (it === "...") return { kind: "ellipsis" };
  if (typeof it === "number") return { kind: "int", v: it };
  if (typeof it === "boolean") return { kind: "bool", v: it };
  if (it instanceof Tensor) return { kind: "tensor", t: it, list: false };
  if (isSliceItem(it)) return { kind: "slice", start: it[0], stop: it[1], step: it[2] ?? null };
  if (Array.isArray(it)) return { kind: "tensor", t: listToIndexTensor(it as NestedArray[]), list: true };
  throw new IndexError(
    `only integers, slices (\`:\`), ellipsis (\`...\`), None and long or byte Variables are valid indices (got ${typeof it})`,
  );
}

/** count_specified_dimensions (the Python version: a list counts as one dim whatever it holds). */
function countSpecified(items: readonly Norm[]): number {
  let count = 0;
  for (const it of items) {
    if (it.kind === "tensor") count += !it.list && it.t.dtype === bool ? it.t.ndim : 1;
    else if (it.kind === "int" || it.kind === "slice") count++;
  }
  return count;
}

function applySelect(x: Tensor, dim: number, index: number, realDim: number): Tensor {
  const size = x._shape[dim];
  if (index < -size || index >= size) throw new IndexError(`index ${index} is out of bounds for dimension ${realDim} with size ${size}`);
  return select(x, dim, index);
}

/** applySlice: a slice spelled over the whole dim is skipped unless the optimization is disabled. */
function applySlice(x: Tensor, dim: number, s: { start: number | null; stop: number | null; step: number | null }, optimize: boolean): Tensor {
  const step = s.step ?? 1;
  if (optimize && (s.start ?? 0) === 0 && s.stop === x._shape[dim] && step === 1) return x;
  return slice(x, dim, s.start, s.stop, step);
}

/** applySlicing: basic items applied as views; tensor items collected, by the dim they index. */
function applySlicing(self: Tensor, items: readonly Norm[]): { sliced: Tensor; indices: (Tensor | null)[] } {
  const specified = countSpecified(items);
  if (specified > self.ndim) throw new IndexError(`too many indices for tensor of dimension ${self.ndim}`);
  let result = self;
  let dim = 0;
  const indices: (Tensor | null)[] = [];
  const recordIndex = (t: Tensor): void => {
    while (indices.length < dim + 1) indices.push(null);
    indices[dim] = t;
    dim++;
  };
  items.forEach((it, realDim) => {
    switch (it.kind) {
      case "int":
        result = applySelect(result, dim, it.v, realDim);
        break;
      case "slice":
        result = applySlice(result, dim, it, true);
        dim++;
        break;
      case "ellipsis":
        dim += self.ndim - specified;
        break;
      case "none":
        result = unsqueeze(result, dim);
        dim++;
        break;
      case "bool":
        result = unsqueeze(result, dim);
        recordIndex(boolIndexTensor(it.v));
        break;
      case "tensor": {
        const t = it.t;
        if (t.ndim === 0 && !t.dtype.isFloatingPoint) {
          if (t.dtype !== bool) result = applySelect(result, dim, t._data[t._offset], realDim);
          else {
            result = unsqueeze(result, dim);
            recordIndex(boolIndexTensor(t._data[t._offset] !== 0));
          }
        } else recordIndex(t);
        break;
      }
    }
  });
  return { sliced: result, indices };
}

/** Python's x[items] with at least one tensor/list/boolean item (get_item). */
export function getItem(x: Tensor, items: readonly IndexItem[]): Tensor {
  const norm = items.map(normalize);
  if (norm.length === 1 && norm[0].kind === "bool") {
    const r = unsqueeze(x, 0);
    return indexTensor(r, [boolIndexTensor(norm[0].v)]);
  }
  const { sliced, indices } = applySlicing(x, norm);
  if (indices.length === 0) return sliced === x ? alias(x) : sliced;
  return indexTensor(sliced, indices);
}

/** The sizes with leading 1s stripped (slicePrefix1sSize). */
function slicePrefix1s(shape: readonly number[]): number[] {
  let i = 0;
  while (i < shape.length && shape[i] === 1) i++;
  return shape.slice(i);
}

/** copy_to: dst.copy_(src), a 0-dim src fills, otherwise src (leading 1s stripped) expands to dst. */
function copyTo(dst: Tensor, src: Tensor, accumulate: boolean): void {
  let s = src;
  if (!sameShape(dst._shape, src._shape)) {
    if (src.ndim === 0 && !accumulate) {
      dst.fill_(src);
      return;
    }
    s = expand(view(src, slicePrefix1s(src._shape)), dst._shape.slice());
  }
  if (accumulate) dst.add_(s);
  else dst.copy_(s);
}

/**
 * x.indexPut_(items, values, accumulate): with tensor (or list) items only, exactly aten::index_put_;
 * otherwise Python's `x[items] = values` (set_item: slicing views, leading 1s of values stripped,
 * index_put_ on the sliced view). accumulate with no tensor item adds into the view (add_).
 */
export function setItem(x: Tensor, items: readonly IndexItem[], valuesArg: Tensor | number | boolean, accumulate = false): Tensor {
  const values = valuesArg instanceof Tensor ? valuesArg : scalarLike(valuesArg, x.dtype);
  const norm = items.map(normalize);
  if (norm.length > 0 && norm.every((n) => n.kind === "tensor")) {
    return indexPutInPlace(x, norm.map((n) => (n as { t: Tensor }).t), values, accumulate);
  }
  if (norm.length === 1) {
    const it = norm[0];
    if (it.kind === "bool" && !it.v) return x;
    if (it.kind === "ellipsis") return copyTo(x, values, accumulate), x;
    if (it.kind === "none" || (it.kind === "bool" && it.v)) return copyTo(unsqueeze(x, 0), values, accumulate), x;
    if (it.kind === "int") {
      if (x.ndim === 0)
        throw new IndexError("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number");
      return copyTo(applySelect(x, 0, it.v, 0), values, accumulate), x;
    }
    if (it.kind === "slice") return copyTo(applySlice(x, 0, it, true), values, accumulate), x;
  }
  const { sliced, indices } = applySlicing(x, norm);
  if (indices.length === 0) {
    copyTo(sliced, values, accumulate);
    return x;
  }
  const stripped = slicePrefix1s(values._shape);
  const v = stripped.length === values.ndim ? values : view(values, stripped);
  indexPutInPlace(sliced, indices, v, accumulate);
  return x;
}

/** A JS number as a 0-dim tensor of `dtype` (valueToTensor). */
function scalarLike(v: number | boolean, dtype: DType): Tensor {
  const data = dtype.alloc(1);
  const cast = castFn(dtype);
  data[0] = cast ? cast(+v) : +v;
  return new Tensor(data, [], [], 0, dtype);
}

