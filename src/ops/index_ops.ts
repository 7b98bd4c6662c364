// Issue 3 op group (index_ops): index-driven ops as torch.* functions and Tensor methods: gather,
// scatter / scatter_ (src tensor or scalar value, reduce "add"/"multiply"), scatterAdd / scatterAdd_,
// indexSelect, indexAdd / indexAdd_, indexFill / indexFill_, maskedFill / maskedFill_, maskedSelect,
// take, put / put_, nonzero (asTuple), indexPut / indexPut_. Checks and messages follow
// TensorAdvancedIndexing.cpp and ScatterGatherChecks.h; derivatives follow derivatives.yaml, written
// with these same ops so that they are differentiable again. Advanced indexing itself (x.index with
// tensors, index_put_) lives in the core module advanced_index.ts.
import * as K from "../backend/cpu.js";
import { IndexError, RuntimeError, warn } from "../errors.js";
import { bool, int32, int64, type DType, type Storage } from "../tensor/dtype.js";
import { installMethods } from "../tensor/methods.js";
import { broadcastShapes, contiguousStrides, formatShape, numelOf, sameShape, wrapDim } from "../tensor/shape.js";
import { Tensor, type IndexItem, type NestedArray } from "../tensor/tensor.js";
import { indexPut as atenIndexPut, isSliceItem, listToIndexTensor, nonzeroColumns, SCALAR_TYPE_NAMES, setItem } from "./advanced_index.js";
import { binaryDefs, castFn, kernelOf } from "./elementwise.js";
import { checkInplace, moveRetainGrad, rebase } from "./inplace.js";
import { gather as gatherKernel } from "./indexing.js";
import { record, shouldRecordAll, type BackwardFn } from "./record.js";
import { expand, makeView, view } from "./view.js";

declare module "../tensor/tensor.js" {
  interface Tensor {
    gather(dim: number, index: Tensor): Tensor;
    scatter(dim: number, index: Tensor, src: Tensor | number | boolean, reduce?: ScatterReduce | { reduce?: ScatterReduce | null } | null): Tensor;
    scatter_(dim: number, index: Tensor, src: Tensor | number | boolean, reduce?: ScatterReduce | { reduce?: ScatterReduce | null } | null): Tensor;
    scatterAdd(dim: number, index: Tensor, src: Tensor): Tensor;
    scatterAdd_(dim: number, index: Tensor, src: Tensor): Tensor;
    indexSelect(dim: number, index: Tensor): Tensor;
    indexAdd(dim: number, index: Tensor, source: Tensor, alpha?: number | { alpha?: number }): Tensor;
    indexAdd_(dim: number, index: Tensor, source: Tensor, alpha?: number | { alpha?: number }): Tensor;
    indexFill(dim: number, index: Tensor, value: number | boolean | Tensor): Tensor;
    indexFill_(dim: number, index: Tensor, value: number | boolean | Tensor): Tensor;
    maskedFill(mask: Tensor, value: number | boolean | Tensor): Tensor;
    maskedFill_(mask: Tensor, value: number | boolean | Tensor): Tensor;
    maskedSelect(mask: Tensor): Tensor;
    take(index: Tensor): Tensor;
    put(index: Tensor, source: Tensor, accumulate?: boolean | { accumulate?: boolean }): Tensor;
    put_(index: Tensor, source: Tensor, accumulate?: boolean | { accumulate?: boolean }): Tensor;
    nonzero(opts?: { asTuple?: false }): Tensor;
    nonzero(opts: { asTuple: true }): Tensor[];
    indexPut(indices: IndexItem[], values: Tensor | number | boolean, accumulate?: boolean | { accumulate?: boolean }): Tensor;
    indexPut_(indices: IndexItem[], values: Tensor | number | boolean, accumulate?: boolean | { accumulate?: boolean }): Tensor;
  }
}

export type ScatterReduce = "add" | "multiply";

// ---- helpers ----------------------------------------------------------------------------------

const ZERO_DIM: number[] = [];

export function contiguousValues(t: Tensor): Storage {
  return K.copyToContiguous(t, t.dtype.alloc(t.numel()));
}

function fresh(values: Storage, shape: readonly number[], dtype: DType): Tensor {
  return new Tensor(values, shape.slice(), contiguousStrides(shape), 0, dtype);
}

/** A 0-dim zero of dtype (the `0` of grad.scatter(dim, index, 0) and friends). */
function zeros(shape: readonly number[], dtype: DType): Tensor {
  return fresh(dtype.alloc(numelOf(shape)), shape, dtype);
}

/** A value converted into dtype's storage (integers truncate, bool is != 0, float32 rounds). */
function castValue(v: number, dtype: DType): number {
  const c = castFn(dtype);
  if (c) return c(v);
  return dtype.name === "float32" ? Math.fround(v) : v;
}

/** assert_no_internal_overlap for the in-place ops that PyTorch rejects on expanded tensors. */
function checkNoInternalOverlap(self: Tensor): void {
  for (let i = 0; i < self._shape.length; i++)
    if (self._strides[i] === 0 && self._shape[i] > 1)
      throw new RuntimeError(
        "unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.",
      );
}

/** An out-of-place result, recorded when any input requires grad. */
export function result(values: Storage, shape: readonly number[], dtype: DType, name: string, inputs: Tensor[], saved: (Tensor | null)[], backward: BackwardFn): Tensor {
  const out = fresh(values, shape, dtype);
  if (shouldRecordAll(inputs)) record(name, inputs, out, saved, backward);
  return out;
}

/** Writes new values (row-major, self's shape) into self: version bump, history rebased (CopySlices on views). */
export function writeInPlace(self: Tensor, values: Storage, name: string, inputs: Tensor[], saved: (Tensor | null)[], backward: BackwardFn): Tensor {
  K.copyInto(self, { _data: values, _shape: self._shape, _strides: contiguousStrides(self._shape), _offset: 0 });
  self._version.value++;
  if (shouldRecordAll(inputs)) {
    const oldFn = self._gradFn;
    const oldNr = self._outputNr;
    rebase(name, inputs, self, saved, backward);
    moveRetainGrad(self, oldFn, oldNr);
  }
  return self;
}

function alphaOf(alpha: number | { alpha?: number } | undefined): number {
  if (alpha === undefined) return 1;
  return typeof alpha === "number" ? alpha : alpha.alpha ?? 1;
}
function flagOf(v: boolean | { accumulate?: boolean } | undefined): boolean {
  if (v === undefined) return false;
  return typeof v === "boolean" ? v : v.accumulate ?? false;
}

/** ensure_nonempty_dim / ensure_nonempty_size */
function nonemptyShape(t: Tensor): number[] {
  return t.ndim === 0 ? [1] : t._shape;
}

/** The dtype names masked_fill_'s message prints (caffe2::TypeMeta). */
const TYPE_META_NAMES: Record<string, string> = { float32: "float", float64: "double", int64: "long int", int32: "int", bool: "bool" };

// ---- gather / scatter ---------------------------------------------------------------------------

/**
 * Storage offsets (row-major, contiguous `selfShape`) that each element of `index` addresses along
 * dim, and the matching offsets into a contiguous `srcShape`; bounds checked first, row-major, with
 * cpu_scatter_gather_base_kernel's message (no negative indices).
 */
export function scatterGatherOffsets(index: Tensor, dim: number, selfShape: readonly number[], srcShape: readonly number[] | null): { self: number[]; src: number[] } {
  const shape = nonemptyShape(index);
  const target = selfShape.length === 0 ? [1] : selfShape;
  const srcS = srcShape === null ? null : srcShape.length === 0 ? [1] : srcShape;
  const tStrides = contiguousStrides(target);
  const sStrides = srcS === null ? null : contiguousStrides(srcS);
  const idx = index._values();
  const n = idx.length;
  const bound = target[dim];
  for (let i = 0; i < n; i++) {
    const v = idx[i];
    if (v < 0 || v >= bound) throw new RuntimeError(`index ${v} is out of bounds for dimension ${dim} with size ${bound}`);
  }
  const selfOff = new Array<number>(n);
  const srcOff = new Array<number>(sStrides === null ? 0 : n);
  const pos = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < n; i++) {
    let o = 0;
    let so = 0;
    for (let d = 0; d < shape.length; d++) {
      o += (d === dim ? idx[i] : pos[d]) * tStrides[d];
      if (sStrides !== null) so += pos[d] * sStrides[d];
    }
    selfOff[i] = o;
    if (sStrides !== null) srcOff[i] = so;
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++pos[d] < shape[d]) break;
      pos[d] = 0;
    }
  }
  return { self: selfOff, src: srcOff };
}

/** torch.gather(input, dim, index): out[i][j] = input[index[i][j]][j] (dim 0). */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  const d = wrapDim(dim, x.ndim);
  if (index.numel() !== 0) {
    // PyTorch 2.x takes int32 indices too (1.13: int64 only)
    if (index.dtype !== int64 && index.dtype !== int32) throw new RuntimeError("gather(): Expected dtype int32/int64 for index");
    const selfShape = nonemptyShape(x);
    const indexShape = nonemptyShape(index);
    if (selfShape.length !== indexShape.length) throw new RuntimeError("Index tensor must have the same number of dimensions as input tensor");
    for (let i = 0; i < selfShape.length; i++)
      if (i !== d && indexShape[i] > selfShape[i])
        throw new RuntimeError(
          `Size does not match at dimension ${i} expected index ${formatShape(index._shape)} to be smaller than self ${formatShape(x._shape)} apart from dimension ${d}`,
        );
  }
  return gatherKernel(x, d, index);
}

/** scatter_meta_impl's checks (dtype, shapes, reduce). */
export function scatterChecks(x: Tensor, d: number, index: Tensor, src: Tensor | null, reduce: string | null): void {
  if (index.numel() !== 0 && index.dtype !== int64) throw new RuntimeError("scatter(): Expected dtype int64 for index");
  if (src !== null && src.dtype !== x.dtype) throw new RuntimeError("scatter(): Expected self.dtype to be equal to src.dtype");
  if (index.numel() !== 0) {
    const selfShape = nonemptyShape(x);
    const indexShape = nonemptyShape(index);
    if (selfShape.length !== indexShape.length) throw new RuntimeError("Index tensor must have the same number of dimensions as self tensor");
    let wrong = false;
    for (let i = 0; i < selfShape.length; i++) if (i !== d && indexShape[i] > selfShape[i]) wrong = true;
    if (src !== null) {
      const srcShape = nonemptyShape(src);
      if (!wrong) for (let i = 0; i < selfShape.length; i++) if (indexShape[i] > (srcShape[i] ?? 1)) wrong = true;
      if (srcShape.length !== indexShape.length) throw new RuntimeError("Index tensor must have the same number of dimensions as src tensor");
      if (wrong)
        throw new RuntimeError(
          `Expected index ${formatShape(index._shape)} to be smaller than self ${formatShape(x._shape)} apart from dimension ${d} and to be smaller size than src ${formatShape(src._shape)}`,
        );
    } else if (wrong)
      throw new RuntimeError(`Expected index ${formatShape(index._shape)} to be smaller than self ${formatShape(x._shape)} apart from dimension ${d}`);
  }
  if (reduce !== null && reduce !== "add" && reduce !== "multiply") throw new RuntimeError("reduce argument must be either add or multiply.");
}

let scatterReduceWarned = false;

function reduceOf(r: ScatterReduce | { reduce?: ScatterReduce | null } | null | undefined): string | null {
  if (r === undefined || r === null) return null;
  return typeof r === "string" ? r : r.reduce ?? null;
}

/** The scattered values of x (row-major copy), without autograd. */
function scatterValues(x: Tensor, d: number, index: Tensor, src: Tensor | number | boolean, reduce: string | null): Storage {
  const out = contiguousValues(x);
  if (index.numel() === 0) return out;
  const srcT = src instanceof Tensor ? src : null;
  const offs = scatterGatherOffsets(index, d, x._shape, srcT === null ? null : srcT._shape);
  const sv = srcT === null ? null : contiguousValues(srcT);
  const scalar = srcT === null ? castValue(+(src as number), x.dtype) : 0;
  const n = offs.self.length;
  const isBool = x.dtype === bool;
  for (let i = 0; i < n; i++) {
    const o = offs.self[i];
    const v = sv === null ? scalar : sv[offs.src[i]];
    if (reduce === null) out[o] = v;
    else if (reduce === "add") out[o] = isBool ? (out[o] || v ? 1 : 0) : out[o] + v;
    else out[o] = isBool ? (out[o] && v ? 1 : 0) : out[o] * v;
  }
  return out;
}

/** derivatives.yaml for scatter.src (ScatterBackward0), scatter.value (ScatterBackward1), reduce (none). */
function scatterNode(d: number, index: Tensor, srcIsTensor: boolean, reduce: string | null): { name: string; backward: BackwardFn } {
  if (reduce !== null)
    return {
      name: "NotImplemented",
      backward: () => {
        throw new RuntimeError("derivative for aten::scatter is not implemented");
      },
    };
  if (srcIsTensor)
    return {
      name: "ScatterBackward0",
      backward: (ctx, [g]) => {
        const idx = ctx.saved(0);
        return [ctx.needs(0) ? scatter(g, d, idx, 0) : null, ctx.needs(1) ? gather(g, d, idx) : null];
      },
    };
  return { name: "ScatterBackward1", backward: (ctx, [g]) => [scatter(g, d, ctx.saved(0), 0)] };
}

function scatterImpl(x: Tensor, dim: number, index: Tensor, src: Tensor | number | boolean, reduceArg: ScatterReduce | { reduce?: ScatterReduce | null } | null | undefined, inPlace: boolean): Tensor {
  const reduce = reduceOf(reduceArg);
  const srcT = src instanceof Tensor ? src : null;
  if (inPlace) checkInplace(x, srcT);
  const d = wrapDim(dim, x.ndim);
  if (reduce !== null && srcT !== null && !scatterReduceWarned) {
    scatterReduceWarned = true;
    warn(
      "The reduce argument of torch.scatter with Tensor src is deprecated and will be removed in a future PyTorch release. Use torch.scatter_reduce instead for more reduction options.",
    );
  }
  scatterChecks(x, d, index, srcT, reduce);
  if (inPlace) checkNoInternalOverlap(x);
  const values = scatterValues(x, d, index, src, reduce);
  const { name, backward } = scatterNode(d, index, srcT !== null, reduce);
  const inputs = srcT !== null ? [x, srcT] : [x];
  if (inPlace) return writeInPlace(x, values, name, inputs, [index], backward);
  return result(values, x._shape, x.dtype, name, inputs, [index], backward);
}

/**
 * torch.scatter(input, dim, index, src | value, reduce?): a copy of input with src (or the scalar value)
 * written at index along dim; reduce "add" / "multiply" combines instead (no derivative, as in PyTorch).
 */
export function scatter(
  x: Tensor, dim: number, index: Tensor, src: Tensor | number | boolean,
  reduce?: ScatterReduce | { reduce?: ScatterReduce | null } | null,
): Tensor {
  return scatterImpl(x, dim, index, src, reduce, false);
}

function scatterAddImpl(x: Tensor, dim: number, index: Tensor, src: Tensor, inPlace: boolean): Tensor {
  if (inPlace) checkInplace(x, src);
  const d = wrapDim(dim, x.ndim);
  scatterChecks(x, d, index, src, "add");
  if (inPlace) checkNoInternalOverlap(x);
  const values = scatterValues(x, d, index, src, "add");
  const backward: BackwardFn = (ctx, [g]) => [ctx.needs(0) ? g : null, ctx.needs(1) ? gather(g, d, ctx.saved(0)) : null];
  if (inPlace) return writeInPlace(x, values, "ScatterAddBackward0", [x, src], [index], backward);
  return result(values, x._shape, x.dtype, "ScatterAddBackward0", [x, src], [index], backward);
}

/** torch.scatter_add(input, dim, index, src): input with src added at index along dim. */
export function scatterAdd(x: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  return scatterAddImpl(x, dim, index, src, false);
}

// ---- index_select / index_add / index_fill -------------------------------------------------------

/** Rows (along d) of a contiguous shape: outer count, size along d, inner count. */
function splitAt(shape: readonly number[], d: number): [number, number, number] {
  if (shape.length === 0) return [1, 1, 1];
  return [numelOf(shape.slice(0, d)), shape[d], numelOf(shape.slice(d + 1))];
}

/** torch.index_select(input, dim, index): the slices of input at index along dim. */
export function indexSelect(x: Tensor, dim: number, index: Tensor): Tensor {
  const d = wrapDim(dim, x.ndim);
  const numel = index.numel();
  if (index.ndim > 1) throw new IndexError("index_select(): Index is supposed to be a vector");
  if (x.ndim === 0 && numel !== 1) throw new RuntimeError(`index_select(): Index to scalar can have only 1 value, got ${numel} value(s)`);
  if (index.dtype !== int64 && index.dtype !== int32) throw new RuntimeError("index_select(): Expected dtype int32 or int64 for index");
  const shape = x._shape.slice();
  if (x.ndim > 0) shape[d] = numel;
  const idx = index._values();
  const [outer, size, inner] = splitAt(x._shape, d);
  const out = x.dtype.alloc(numelOf(shape));
  if (x.ndim > 1) {
    if (numel > 0) {
      if (x.numel() === 0 && size <= 0) throw new RuntimeError("index_select(): self indexing axis dim should be positive");
      // the dim == 1 fast path (index_select_out_cpu_dim1_) checks with its own message
      for (let i = 0; i < numel; i++) {
        const v = idx[i];
        if (v < 0 || v >= size) {
          if (d === 1 || x.numel() === 0) throw new RuntimeError(`INDICES element is out of DATA bounds, id=${v} axis_dim=${size}`);
          throw new IndexError("index out of range in self");
        }
      }
    }
  } else {
    for (let i = 0; i < numel; i++) if (idx[i] < 0 || idx[i] >= x.numel()) throw new IndexError("index out of range in self");
  }
  const src = contiguousValues(x);
  for (let o = 0; o < outer; o++)
    for (let j = 0; j < numel; j++) {
      const from = (o * size + idx[j]) * inner;
      const to = (o * numel + j) * inner;
      for (let k = 0; k < inner; k++) out[to + k] = src[from + k];
    }
  const inShape = x._shape.slice();
  return result(out, shape, x.dtype, "IndexSelectBackward0", [x], [index], (ctx, [g]) => [
    // index_select_backward: zeros(self.sizes()).index_add_(dim, index, grad)
    indexAdd(zeros(inShape, g.dtype), d, ctx.saved(0), g),
  ]);
}

/** index_func_meta_impl's checks for index_add. */
function indexAddChecks(x: Tensor, d: number, index: Tensor, source: Tensor): void {
  const numel = index.numel();
  if (index.ndim > 1)
    throw new IndexError(
      `index_add_(): Index is supposed to be a vector, but got dim: ${index.ndim} with type: ${SCALAR_TYPE_NAMES[index.dtype.name]} and size: ${formatShape(index._shape)}`,
    );
  if (index.dtype !== int64 && index.dtype !== int32)
    throw new RuntimeError(`index_add_(): Expected dtype int32/int64 for index but got: ${SCALAR_TYPE_NAMES[index.dtype.name]}`);
  if (x.dtype !== source.dtype)
    throw new RuntimeError(`index_add_(): self (${SCALAR_TYPE_NAMES[x.dtype.name]}) and source (${SCALAR_TYPE_NAMES[source.dtype.name]}) must have the same scalar type`);
  if (!(d === 0 || d < source.ndim))
    throw new RuntimeError(`index_add_(): Indexing dim ${d} is out of bounds of the source tensor with dim ${source.ndim}`);
  const sourceSize = source.ndim === 0 ? 1 : source._shape[d];
  if (numel !== sourceSize)
    throw new RuntimeError(`index_add_(): Number of indices (${numel}) should be equal to source.size(dim): (${sourceSize}), for dim: ${d}`);
  // PyTorch 2.x (1.13 broadcast the slices instead)
  const selfSizes = x._shape.slice();
  const sourceSizes = source._shape.slice();
  if (source.ndim !== 0 && x.ndim !== 0) {
    selfSizes.splice(d, 1);
    sourceSizes.splice(d, 1);
  }
  if (!sameShape(selfSizes, sourceSizes))
    throw new RuntimeError(
      `source tensor shape must match self tensor shape, excluding the specified dimension. Got self.shape = ${formatShape(x._shape)} source.shape = ${formatShape(source._shape)}`,
    );
}

function indexAddImpl(x: Tensor, dim: number, index: Tensor, source: Tensor, alpha: number, inPlace: boolean): Tensor {
  if (inPlace) checkInplace(x, source);
  const d = wrapDim(dim, x.ndim);
  indexAddChecks(x, d, index, source);
  if (inPlace) checkNoInternalOverlap(x);
  const idx = index._values();
  const numel = idx.length;
  const [outer, size, inner] = splitAt(x._shape, d);
  for (let i = 0; i < numel; i++) if (idx[i] < 0 || idx[i] >= size) throw new IndexError("index out of range in self");
  const out = contiguousValues(x);
  const src = contiguousValues(source);
  const f0 = kernelOf(binaryDefs.add, alpha, x.dtype);
  const f = x.dtype === bool ? (a: number, b: number) => (a || b ? 1 : 0) : x.dtype === int64 ? (a: number, b: number) => f0(a, b) + 0 : f0;
  const al = x.dtype.isFloatingPoint ? alpha : Math.trunc(alpha);
  const g = al === alpha ? f : (a: number, b: number) => a + al * b;
  for (let j = 0; j < numel; j++)
    for (let o = 0; o < outer; o++) {
      const to = (o * size + idx[j]) * inner;
      const from = (o * numel + j) * inner;
      for (let k = 0; k < inner; k++) out[to + k] = g(out[to + k], src[from + k]);
    }
  const sourceShape = source._shape.slice();
  const backward: BackwardFn = (ctx, [grad]) => {
    let gs: Tensor | null = null;
    if (ctx.needs(1)) {
      const idxT = ctx.saved(0);
      gs = sourceShape.length > 0 ? expand(indexSelect(grad, d, idxT), sourceShape) : indexSelect(grad, d, idxT.squeeze(0));
      if (alpha !== 1) gs = gs.mul(alpha);
    }
    return [ctx.needs(0) ? grad : null, gs];
  };
  if (inPlace) return writeInPlace(x, out, "IndexAddBackward0", [x, source], [index], backward);
  return result(out, x._shape, x.dtype, "IndexAddBackward0", [x, source], [index], backward);
}

/** torch.index_add(input, dim, index, source, alpha=1): input with alpha * source added at index along dim. */
export function indexAdd(x: Tensor, dim: number, index: Tensor, source: Tensor, alpha?: number | { alpha?: number }): Tensor {
  return indexAddImpl(x, dim, index, source, alphaOf(alpha), false);
}

function indexFillImpl(x: Tensor, dim: number, index: Tensor, value: number | boolean | Tensor, inPlace: boolean): Tensor {
  const valueT = value instanceof Tensor ? value : null;
  if (inPlace) checkInplace(x, valueT);
  if (valueT !== null && valueT.ndim !== 0)
    throw new RuntimeError(`index_fill_ only supports a 0-dimensional value tensor, but got tensor with ${valueT.ndim} dimension(s).`);
  if (index.dtype !== int64) throw new IndexError("index_fill_(): Expected dtype int64 for index.");
  const d = wrapDim(dim, Math.max(x.ndim, 1));
  if (index.ndim > 1) throw new RuntimeError("Index has to be a vector/scalar");
  const [outer, size, inner] = splitAt(x._shape, d);
  const idx = index._values();
  for (let i = 0; i < idx.length; i++)
    if (idx[i] < -size || idx[i] >= size) throw new IndexError(`index ${idx[i]} is out of bounds for dimension ${d} with size ${size}`);
  const v = castValue(valueT !== null ? valueT._data[valueT._offset] : +(value as number), x.dtype);
  const out = contiguousValues(x);
  for (let i = 0; i < idx.length; i++) {
    const r = idx[i] < 0 ? idx[i] + size : idx[i];
    for (let o = 0; o < outer; o++) {
      const base = (o * size + r) * inner;
      for (let k = 0; k < inner; k++) out[base + k] = v;
    }
  }
  const name = valueT !== null ? "IndexFillBackward1" : "IndexFillBackward0";
  const inputs = valueT !== null ? [x, valueT] : [x];
  const backward: BackwardFn = (ctx, [g]) => {
    const idxT = ctx.saved(0);
    const gs = ctx.needs(0) ? indexFill(g, d, idxT, 0) : null;
    if (valueT === null) return [gs];
    let gv: Tensor | null = null;
    if (ctx.needs(1)) {
      // grad.index_select(dim, unique(index)).sum()
      const seen = new Set<number>();
      for (const i of idxT._values()) seen.add(i < 0 ? i + size : i);
      const uniq = fresh(Float64Array.from(seen), [seen.size], int64);
      gv = indexSelect(g, d, uniq).sum();
    }
    return [gs, gv];
  };
  if (inPlace) return writeInPlace(x, out, name, inputs, [index], backward);
  return result(out, x._shape, x.dtype, name, inputs, [index], backward);
}

/** torch.index_fill(input, dim, index, value): input with value written at index along dim. */
export function indexFill(x: Tensor, dim: number, index: Tensor, value: number | boolean | Tensor): Tensor {
  return indexFillImpl(x, dim, index, value, false);
}

// ---- masked_fill / masked_select / masked_scatter ------------------------------------------------

function maskedFillImpl(x: Tensor, mask: Tensor, value: number | boolean | Tensor, inPlace: boolean): Tensor {
  const valueT = value instanceof Tensor ? value : null;
  if (inPlace) checkInplace(x, valueT);
  // out of place: expand_outplace(mask, self) first; in place: self is the output and mask broadcasts into it
  const shape = inPlace ? x._shape.slice() : broadcastShapes(mask._shape, x._shape);
  if (valueT !== null && valueT.ndim !== 0)
    throw new RuntimeError(`masked_fill_ only supports a 0-dimensional value tensor, but got tensor with ${valueT.ndim} dimension(s).`);
  // PyTorch 2.x (1.13 also took uint8 and, silently, other dtypes)
  if (mask.dtype !== bool) throw new RuntimeError(`masked_fill_ only supports boolean masks, but got mask with dtype ${TYPE_META_NAMES[mask.dtype.name]}`);
  if (inPlace) {
    const b = broadcastShapes(x._shape, mask._shape);
    if (!sameShape(b, x._shape)) throw new RuntimeError(`output with shape ${formatShape(x._shape)} doesn't match the broadcast shape ${formatShape(b)}`);
  }
  const m = maskValues(mask, shape);
  const out = K.copyToContiguous(
    { _data: x._data, _shape: shape, _strides: broadcastStridesOf(x, shape), _offset: x._offset },
    x.dtype.alloc(numelOf(shape)),
  );
  const v = castValue(valueT !== null ? valueT._data[valueT._offset] : +(value as number), x.dtype);
  for (let i = 0; i < m.length; i++) if (m[i]) out[i] = v;
  const name = valueT !== null ? "MaskedFillBackward1" : "MaskedFillBackward0";
  const inputs = valueT !== null ? [x, valueT] : [x];
  const backward: BackwardFn = (ctx, [g]) => {
    const mk = ctx.saved(0);
    const gs = ctx.needs(0) ? maskedFill(g, mk, 0) : null;
    if (valueT === null) return [gs];
    // masked_fill_backward: grad.masked_select(mask).sum()
    return [gs, ctx.needs(1) ? maskedSelect(g, mk).sum() : null];
  };
  if (inPlace) return writeInPlace(x, out, name, inputs, [mask], backward);
  return result(out, shape, x.dtype, name, inputs, [mask], backward);
}

function broadcastStridesOf(t: Tensor, shape: readonly number[]): number[] {
  const lead = shape.length - t.ndim;
  return shape.map((s, i) => (i < lead ? 0 : t._shape[i - lead] === 1 && s !== 1 ? 0 : t._strides[i - lead]));
}

function maskValues(mask: Tensor, shape: readonly number[]): Storage {
  return K.copyToContiguous({ _data: mask._data, _shape: shape, _strides: broadcastStridesOf(mask, shape), _offset: mask._offset }, new Uint8Array(numelOf(shape)));
}

/** torch.masked_fill(input, mask, value): value where mask is true (mask broadcasts with input). */
export function maskedFill(x: Tensor, mask: Tensor, value: number | boolean | Tensor): Tensor {
  return maskedFillImpl(x, mask, value, false);
}

/** torch.masked_select(input, mask): the 1-D tensor of input's elements where mask is true. */
export function maskedSelect(x: Tensor, mask: Tensor): Tensor {
  // PyTorch 2.x's message (1.13: "expected BoolTensor or ByteTensor for mask")
  if (mask.dtype !== bool) throw new RuntimeError("masked_select: expected BoolTensor for mask");
  const shape = broadcastShapes(mask._shape, x._shape);
  const m = maskValues(mask, shape);
  const v = K.copyToContiguous({ _data: x._data, _shape: shape, _strides: broadcastStridesOf(x, shape), _offset: x._offset }, x.dtype.alloc(m.length));
  let count = 0;
  for (let i = 0; i < m.length; i++) if (m[i]) count++;
  const out = x.dtype.alloc(count);
  let w = 0;
  for (let i = 0; i < m.length; i++) if (m[i]) out[w++] = v[i];
  return result(out, [count], x.dtype, "MaskedSelectBackward0", [x], [mask], (ctx, [g]) => [
    // masked_select_backward: zeros of the broadcast shape, masked_scatter_(mask, grad); summed to self's shape
    maskedScatter(zeros(shape, g.dtype), ctx.saved(0), g),
  ]);
}

/** self.masked_scatter(mask, source) (internal: the derivative of masked_select, with its own). */
function maskedScatter(x: Tensor, mask: Tensor, source: Tensor): Tensor {
  const shape = broadcastShapes(mask._shape, x._shape);
  const m = maskValues(mask, shape);
  const out = K.copyToContiguous({ _data: x._data, _shape: shape, _strides: broadcastStridesOf(x, shape), _offset: x._offset }, x.dtype.alloc(m.length));
  const src = contiguousValues(source);
  let r = 0;
  for (let i = 0; i < m.length; i++) if (m[i]) out[i] = src[r++];
  const sourceShape = source._shape.slice();
  return result(out, shape, x.dtype, "MaskedScatterBackward0", [x, source], [mask], (ctx, [g]) => {
    const mk = ctx.saved(0);
    return [
      ctx.needs(0) ? maskedFill(g, mk, 0) : null,
      // masked_scatter_backward: grad.masked_select(mask), zero-padded to source's size
      ctx.needs(1) ? padTo(maskedSelect(g, mk), sourceShape) : null,
    ];
  });
}

/** A 1-D tensor zero-padded at the end to numel(shape) elements and viewed as shape. */
function padTo(t: Tensor, shape: readonly number[]): Tensor {
  const n = numelOf(shape);
  if (t.numel() === n) return view(t, shape.slice());
  const z = zeros([n], t.dtype);
  return view(scatterAdd(z, 0, fresh(Float64Array.from({ length: t.numel() }, (_, i) => i), [t.numel()], int64), t), shape.slice());
}

// ---- take / put ---------------------------------------------------------------------------------

/** torch.take(input, index): input read as 1-D at index (negative indices count from the end). */
export function take(x: Tensor, index: Tensor): Tensor {
  if (index.dtype !== int64) throw new RuntimeError(`take(): Expected a long tensor for index, but got ${SCALAR_TYPE_NAMES[index.dtype.name]}`);
  const n = x.numel();
  if (n === 0 && index.numel() !== 0) throw new IndexError("take(): tried to take from an empty tensor");
  const idx = index._values();
  for (let i = 0; i < idx.length; i++)
    if (idx[i] < -n || idx[i] >= n) throw new IndexError(`out of range: tried to access index ${idx[i]} on a tensor of ${n} elements.`);
  const src = contiguousValues(x);
  const out = x.dtype.alloc(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = src[idx[i] < 0 ? idx[i] + n : idx[i]];
  const shape = x._shape.slice();
  return result(out, index._shape, x.dtype, "TakeBackward0", [x], [index], (ctx, [g]) => [
    // take_backward: zeros_like(self).put_(index, grad, accumulate=true)
    put(zeros(shape, g.dtype), ctx.saved(0), g, true),
  ]);
}

function putImpl(x: Tensor, index: Tensor, source: Tensor, accumulate: boolean, inPlace: boolean): Tensor {
  if (inPlace) checkInplace(x, source);
  if (index.dtype !== int64) throw new RuntimeError(`put_(): Expected a long tensor for index, but got ${SCALAR_TYPE_NAMES[index.dtype.name]}`);
  if (x.dtype !== source.dtype)
    throw new RuntimeError(
      `put_(): self and source expected to have the same dtype, but got self.dtype = ${SCALAR_TYPE_NAMES[x.dtype.name]} and source.dtype = ${SCALAR_TYPE_NAMES[source.dtype.name]}`,
    );
  if (source.numel() !== index.numel())
    throw new IndexError(
      `put_(): Expected source and index to have the same number of elements, but got source.numel() = ${source.numel()}, index.numel() = ${index.numel()}`,
    );
  const n = x.numel();
  if (n === 0 && index.numel() !== 0) throw new IndexError("put_(): Tried to put elements into an empty tensor");
  if (inPlace) checkNoInternalOverlap(x);
  const idx = index._values();
  for (let i = 0; i < idx.length; i++)
    if (idx[i] < -n || idx[i] >= n) throw new IndexError(`out of range: tried to access index ${idx[i]} on a tensor of ${n} elements.`);
  const out = contiguousValues(x);
  const src = contiguousValues(source);
  for (let i = 0; i < idx.length; i++) {
    const o = idx[i] < 0 ? idx[i] + n : idx[i];
    out[o] = accumulate ? (x.dtype === bool ? (out[o] || src[i] ? 1 : 0) : out[o] + src[i]) : src[i];
  }
  const sourceShape = source._shape.slice();
  const backward: BackwardFn = (ctx, [g]) => {
    const idxT = ctx.saved(0);
    return [
      ctx.needs(0) ? (accumulate ? g : put(g, idxT, zeros(sourceShape, g.dtype), false)) : null,
      ctx.needs(1) ? take(g, idxT).reshape(sourceShape) : null,
    ];
  };
  if (inPlace) return writeInPlace(x, out, "PutBackward0", [x, source], [index], backward);
  return result(out, x._shape, x.dtype, "PutBackward0", [x, source], [index], backward);
}

/** torch.put(input, index, source, accumulate=false): input read as 1-D with source written at index. */
export function put(x: Tensor, index: Tensor, source: Tensor, accumulate: boolean | { accumulate?: boolean } = false): Tensor {
  return putImpl(x, index, source, flagOf(accumulate), false);
}

// ---- nonzero ------------------------------------------------------------------------------------

/**
 * torch.nonzero(input): the int64 [n, ndim] positions of the non-zero elements (laid out column-major,
 * as PyTorch does); with { asTuple: true } one 1-D tensor per dim (a 0-dim input counts as 1-D).
 */
export function nonzero(x: Tensor, opts?: { asTuple?: false }): Tensor;
export function nonzero(x: Tensor, opts: { asTuple: true }): Tensor[];
export function nonzero(x: Tensor, opts: { asTuple?: boolean } = {}): Tensor | Tensor[] {
  if (opts.asTuple) {
    // nonzero_numpy: self.nonzero().unbind(1) (a 0-dim input as 1-D): views of the columns
    const all = nonzeroOf(x.ndim === 0 ? new Tensor(x._data, [1], [1], x._offset, x.dtype) : x);
    const n = all._shape[0];
    return Array.from({ length: all._shape[1] }, (_, d) => makeView(all, [n], [1], d * n));
  }
  return nonzeroOf(x);
}

function nonzeroOf(x: Tensor): Tensor {
  const cols = nonzeroColumns(x);
  const nd = x.ndim;
  const n = nd === 0 ? (x._data[x._offset] !== 0 ? 1 : 0) : cols[0].length;
  const data = new Float64Array(n * nd);
  for (let d = 0; d < nd; d++) data.set(cols[d], d * n);
  return new Tensor(data, [n, nd], [1, n], 0, int64);
}

// ---- index_put ----------------------------------------------------------------------------------

function isTensorIndexList(items: readonly IndexItem[]): boolean {
  return items.length > 0 && items.every((it) => it instanceof Tensor || (Array.isArray(it) && !isSliceItem(it)));
}

/**
 * torch.index_put(input, indices, values, accumulate=false): an updated copy (IndexPutBackward0). The
 * indices follow x.index's rules; with tensors (or lists) only this is exactly PyTorch's index_put.
 */
export function indexPut(x: Tensor, indices: IndexItem[], values: Tensor | number | boolean, accumulate: boolean | { accumulate?: boolean } = false): Tensor {
  const acc = flagOf(accumulate);
  if (isTensorIndexList(indices)) {
    const v = values instanceof Tensor ? values : scalarTensor(values, x.dtype);
    const idx = indices.map((it) => (it instanceof Tensor ? it : listToIndexTensor(it as NestedArray[])));
    return atenIndexPut(x, idx, v, acc);
  }
  return setItem(x.clone(), indices, values, acc);
}

function scalarTensor(v: number | boolean, dtype: DType): Tensor {
  const data = dtype.alloc(1);
  data[0] = castValue(+v, dtype);
  return new Tensor(data, ZERO_DIM, ZERO_DIM, 0, dtype);
}

installMethods({
  gather(this: Tensor, dim: number, index: Tensor) {
    return gather(this, dim, index);
  },
  scatter(this: Tensor, dim: number, index: Tensor, src: Tensor | number | boolean, reduce?: ScatterReduce | { reduce?: ScatterReduce | null } | null) {
    return scatterImpl(this, dim, index, src, reduce, false);
  },
  scatter_(this: Tensor, dim: number, index: Tensor, src: Tensor | number | boolean, reduce?: ScatterReduce | { reduce?: ScatterReduce | null } | null) {
    return scatterImpl(this, dim, index, src, reduce, true);
  },
  scatterAdd(this: Tensor, dim: number, index: Tensor, src: Tensor) {
    return scatterAddImpl(this, dim, index, src, false);
  },
  scatterAdd_(this: Tensor, dim: number, index: Tensor, src: Tensor) {
    return scatterAddImpl(this, dim, index, src, true);
  },
  indexSelect(this: Tensor, dim: number, index: Tensor) {
    return indexSelect(this, dim, index);
  },
  indexAdd(this: Tensor, dim: number, index: Tensor, source: Tensor, alpha?: number | { alpha?: number }) {
    return indexAddImpl(this, dim, index, source, alphaOf(alpha), false);
  },
  indexAdd_(this: Tensor, dim: number, index: Tensor, source: Tensor, alpha?: number | { alpha?: number }) {
    return indexAddImpl(this, dim, index, source, alphaOf(alpha), true);
  },
  indexFill(this: Tensor, dim: number, index: Tensor, value: number | boolean | Tensor) {
    return indexFillImpl(this, dim, index, value, false);
  },
  indexFill_(this: Tensor, dim: number, index: Tensor, value: number | boolean | Tensor) {
    return indexFillImpl(this, dim, index, value, true);
  },
  maskedFill(this: Tensor, mask: Tensor, value: number | boolean | Tensor) {
    return maskedFillImpl(this, mask, value, false);
  },
  maskedFill_(this: Tensor, mask: Tensor, value: number | boolean | Tensor) {
    return maskedFillImpl(this, mask, value, true);
  },
  maskedSelect(this: Tensor, mask: Tensor) {
    return maskedSelect(this, mask);
  },
  take(this: Tensor, index: Tensor) {
    return take(this, index);
  },
  put(this: Tensor, index: Tensor, source: Tensor, accumulate?: boolean | { accumulate?: boolean }) {
    return putImpl(this, index, source, flagOf(accumulate), false);
  },
  put_(this: Tensor, index: Tensor, source: Tensor, accumulate?: boolean | { accumulate?: boolean }) {
    return putImpl(this, index, source, flagOf(accumulate), true);
  },
  nonzero(this: Tensor, opts?: { asTuple?: boolean }) {
    return nonzero(this, opts as { asTuple: true });
  },
  indexPut(this: Tensor, indices: IndexItem[], values: Tensor | number | boolean, accumulate?: boolean | { accumulate?: boolean }) {
    return indexPut(this, indices, values, accumulate);
  },
  indexPut_(this: Tensor, indices: IndexItem[], values: Tensor | number | boolean, accumulate?: boolean | { accumulate?: boolean }) {
    return setItem(this, indices, values, flagOf(accumulate));
  },
});
