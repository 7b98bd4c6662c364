// Issue 3 op group (shape_ops): joining, splitting, flipping, rolling, repeating, diagonals, triangles
// and padding. Semantics, error texts and grad_fn names are PyTorch 2.x's (aten/src/ATen/native/
// TensorShape.cpp, PadNd.cpp, ReflectionPad.cpp, ReplicationPadding.cpp, Repeat.cpp, TriangularOps.cpp);
// derivatives follow tools/autograd/derivatives.yaml, written with differentiable tensor ops so that
// double backward works. Views (split, chunk, unbind, diagonal, movedim, swapdims, unflatten) share
// storage and version counter through makeView. Kernels are strided typed-array copies.
import { gradMode, noGrad } from "../autograd/grad_mode.js";
import * as K from "../backend/cpu.js";
import { IndexError, RuntimeError, ValueError } from "../errors.js";
import { bool, int32, int64, resultType, type DType } from "../tensor/dtype.js";
import { installMethods } from "../tensor/methods.js";
import { contiguousStrides, EMPTY, formatShape, inferSize, numelOf, wrapDim } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { castFn, clone, laidOutLike } from "./elementwise.js";
import { record, shouldRecord, shouldRecordAll } from "./record.js";
import { expand, flatten, makeView, permute, reshape, select, slice, transpose, unsqueeze, view, alias } from "./view.js";

/** Python's NotImplementedError (F.pad's unsupported modes and ranks); `.name` is what callers see. */
class NotImplementedError extends Error {
  override name = "NotImplementedError";
}

// ---- helpers ---------------------------------------------------------------------------------------

function dimList(d: number | readonly number[]): number[] {
  return typeof d === "number" ? [d] : d.slice();
}

/** Accepts f(2, 3), f([2, 3]) and f(2) for an int-list argument (PyTorch's IntArrayRef parsing). */
function intList(args: readonly (number | readonly number[])[]): number[] {
  if (args.length === 1 && Array.isArray(args[0])) return (args[0] as number[]).slice();
  const out: number[] = [];
  for (const a of args) {
    if (Array.isArray(a)) out.push(...(a as number[]));
    else out.push(a as number);
  }
  return out;
}

/** A fresh zero-filled contiguous tensor. */
function zerosOf(shape: readonly number[], dtype: DType): Tensor {
  return new Tensor(dtype.alloc(numelOf(shape)), shape.slice(), contiguousStrides(shape), 0, dtype);
}

/** A strided window of a contiguous destination. */
function windowOf(t: Tensor, shape: readonly number[], strides: readonly number[], offset: number): K.StridedView {
  return { _data: t._data, _shape: shape, _strides: strides, _offset: offset };
}

/**
 * Copies a contiguous source into a contiguous destination of the same dtype in `outer` runs of `block`
 * elements, run o landing at o * dstRun + dstStart (cat and stack along a dim). False when the source
 * is not contiguous, the dtypes differ or the runs are too short to be worth a typed-array set.
 */
function copyRuns(dst: Tensor, src: Tensor, outer: number, block: number, dstRun: number, dstStart: number): boolean {
  if (src.dtype !== dst.dtype || block < 16 || !K.isContiguous(src._shape, src._strides)) return false;
  const from = src._data as Float64Array;
  const to = dst._data as Float64Array;
  let p = src._offset;
  for (let o = 0; o < outer; o++, p += block) to.set(from.subarray(p, p + block), o * dstRun + dstStart);
  return true;
}

/** PyTorch's TensorImpl::size(d) on an already-built tensor: wraps d, no scalar wrapping. */
function sizeAt(x: Tensor, dim: number): number {
  if (x.ndim === 0) {
    // maybe_wrap_dim(dim, 0) accepts -1 and 0, then size() has no dimension to give
    wrapDim(dim, 0);
    throw new IndexError(`Dimension specified as ${dim < 0 ? dim + 1 : dim} but tensor has no dimensions`);
  }
  return x._shape[wrapDim(dim, x.ndim)];
}

const TYPE_NAMES: Record<string, string> = { float32: "Float", float64: "Double", int64: "Long", int32: "Int", bool: "Bool" };

function typeError(op: string, dtype: DType): RuntimeError {
  return new RuntimeError(`"${op}" not implemented for '${TYPE_NAMES[dtype.name]}'`);
}

// ---- cat / stack -----------------------------------------------------------------------------------

type DimOpt = number | { dim?: number };
function dimOf(d: DimOpt | undefined, dflt = 0): number {
  if (d === undefined || d === null) return dflt;
  return typeof d === "number" ? d : d.dim ?? dflt;
}

/** cat_should_skip_tensor: legacy empty 1-D tensors ([0]) are skipped by cat. */
function skipped(t: Tensor): boolean {
  return t.ndim === 1 && t._shape[0] === 0;
}

/** The values of cat (no recording): PyTorch's cat meta checks, in its order, and the copies. */
function catValues(tensors: readonly Tensor[], dimArg: number): { out: Tensor; dim: number } {
  tensors.forEach((t, i) => {
    if (!(t instanceof Tensor)) throw new TypeError(`expected Tensor as element ${i} in argument 0, but got ${typeof t}`);
    if (t.ndim === 0) throw new RuntimeError(`zero-dimensional tensor (at position ${i}) cannot be concatenated`);
  });
  // legacy_cat_wrap_dim: the first tensor that is not a legacy empty one gives the rank
  let dim = dimArg;
  for (const t of tensors) {
    if (skipped(t)) continue;
    dim = wrapDim(dimArg, t.ndim);
    break;
  }
  // PyTorch 2.x: TORCH_CHECK_VALUE (1.13 raised RuntimeError with the same text)
  if (tensors.length === 0) throw new ValueError("torch.cat(): expected a non-empty list of Tensors");
  const dtype = resultType(tensors.map((t) => ({ dtype: t.dtype, ndim: t.ndim, wrapped: false })));
  const valid = tensors.findIndex((t) => !skipped(t));
  if (valid < 0) return { out: zerosOf([0], dtype), dim };
  const first = tensors[valid];
  if (dim > first.ndim) throw new IndexError(`torch.cat(): dimension ${dim}out of range`);
  let total = 0;
  tensors.forEach((t, i) => {
    if (skipped(t)) return;
    if (t.ndim !== first.ndim) throw new RuntimeError(`Tensors must have same number of dimensions: got ${first.ndim} and ${t.ndim}`);
    for (let d = 0; d < first.ndim; d++) {
      if (d === dim) continue;
      if (t._shape[d] !== first._shape[d])
        throw new RuntimeError(
          `Sizes of tensors must match except in dimension ${dim}. Expected size ${first._shape[d]} but got size ${t._shape[d]} for tensor number ${i} in the list.`,
        );
    }
    total += t._shape[dim];
  });
  const shape = first._shape.slice();
  shape[dim] = total;
  const out = zerosOf(shape, dtype);
  const strides = out._strides;
  let offset = 0;
  const inner = numelOf(shape.slice(dim + 1));
  const outer = numelOf(shape.slice(0, dim));
  for (const t of tensors) {
    if (skipped(t)) continue;
    if (t.numel() > 0 && !copyRuns(out, t, outer, t._shape[dim] * inner, total * inner, offset * inner))
      K.copyInto(windowOf(out, t._shape, strides, offset * (strides[dim] ?? 1)), t, t.dtype === dtype ? undefined : castFn(dtype));
    offset += t._shape[dim];
  }
  return { out, dim };
}

/** torch.cat(tensors, dim=0) (aliases torch.concat, torch.concatenate). */
export function cat(tensors: readonly Tensor[], dim: DimOpt = 0): Tensor {
  const { out, dim: d } = catValues(tensors, dimOf(dim));
  if (shouldRecordAll(tensors)) {
    const sizes = tensors.map((t) => t._shape.slice());
    record("CatBackward0", tensors, out, [], (ctx, [g]) => {
      // cat_tensors_backward: each input's window of the gradient (the engine casts it back to the input's dtype)
      let offset = 0;
      return sizes.map((s, i) => {
        if (s.length === 1 && s[0] === 0) return ctx.needs(i) ? zerosOf([0], g.dtype) : null;
        const start = offset;
        offset += s[d];
        return ctx.needs(i) ? slice(g, d, start, start + s[d], 1, true) : null;
      });
    });
  }
  return out;
}
export const concat = cat;
export const concatenate = cat;

/** torch.stack(tensors, dim=0). */
export function stack(tensors: readonly Tensor[], dim: DimOpt = 0): Tensor {
  if (tensors.length === 0) throw new RuntimeError("stack expects a non-empty TensorList");
  const first = tensors[0];
  const d = wrapDim(dimOf(dim), first.ndim + 1);
  for (let i = 1; i < tensors.length; i++) {
    const s = tensors[i]._shape;
    if (s.length !== first.ndim || s.some((v, k) => v !== first._shape[k]))
      throw new RuntimeError(
        `stack expects each tensor to be equal size, but got ${formatShape(first._shape)} at entry 0 and ${formatShape(s)} at entry ${i}`,
      );
  }
  const dtype = resultType(tensors.map((t) => ({ dtype: t.dtype, ndim: t.ndim, wrapped: false })));
  const shape = first._shape.slice();
  shape.splice(d, 0, tensors.length);
  const out = zerosOf(shape, dtype);
  const strides = out._strides.slice();
  const step = strides[d];
  strides.splice(d, 1);
  const inner = numelOf(first._shape.slice(d));
  const outer = numelOf(first._shape.slice(0, d));
  if (first.numel() > 0)
    tensors.forEach((t, i) => {
      if (!copyRuns(out, t, outer, inner, tensors.length * inner, i * inner))
        K.copyInto(windowOf(out, t._shape, strides, i * step), t, t.dtype === dtype ? undefined : castFn(dtype));
    });
  if (shouldRecordAll(tensors))
    record("StackBackward0", tensors, out, [], (ctx, [g]) => tensors.map((_, i) => (ctx.needs(i) ? select(g, d, i) : null)));
  return out;
}

function atleast1d(t: Tensor): Tensor {
  return t.ndim === 0 ? reshape(t, [1]) : t;
}
function atleast2d(t: Tensor): Tensor {
  if (t.ndim === 0) return reshape(t, [1, 1]);
  if (t.ndim === 1) return unsqueeze(t, 0);
  return t;
}
function atleast3d(t: Tensor): Tensor {
  if (t.ndim === 0) return reshape(t, [1, 1, 1]);
  if (t.ndim === 1) return unsqueeze(unsqueeze(t, 0), -1);
  if (t.ndim === 2) return unsqueeze(t, -1);
  return t;
}

/** torch.hstack: cat along dim 0 for 1-D inputs, else dim 1 (after atleast_1d). */
export function hstack(tensors: readonly Tensor[]): Tensor {
  if (tensors.length === 0) throw new RuntimeError("hstack expects a non-empty TensorList");
  const rep = tensors.map(atleast1d);
  return cat(rep, rep[0].ndim === 1 ? 0 : 1);
}
/** torch.vstack (alias torch.row_stack): cat along dim 0 after atleast_2d. */
export function vstack(tensors: readonly Tensor[]): Tensor {
  if (tensors.length === 0) throw new RuntimeError("vstack expects a non-empty TensorList");
  return cat(tensors.map(atleast2d), 0);
}
export const rowStack = vstack;
/** torch.dstack: cat along dim 2 after atleast_3d. */
export function dstack(tensors: readonly Tensor[]): Tensor {
  if (tensors.length === 0) throw new RuntimeError("dstack expects a non-empty TensorList");
  return cat(tensors.map(atleast3d), 2);
}

// ---- split / chunk / unbind ------------------------------------------------------------------------

/** Views of x along dim d, one per [start, length); one multi-output node with a cat derivative. */
function splitViews(x: Tensor, d: number, lengths: readonly number[], node: string): Tensor[] {
  const outs: Tensor[] = [];
  let start = 0;
  for (const len of lengths) {
    const shape = x._shape.slice();
    shape[d] = len;
    outs.push(makeView(x, shape, x._strides.slice(), x._offset + start * x._strides[d], true));
    start += len;
  }
  if (shouldRecord(x) && outs.length > 0) record(node, [x], outs, [], (_ctx, grads) => [cat(grads, d)]);
  return outs;
}

/** get_num_splits, with PyTorch's checks in its order. */
function numSplits(x: Tensor, splitSize: number, dim: number): number {
  if (x.ndim === 0) throw new RuntimeError("split expects at least a 1-dimensional tensor");
  if (splitSize < 0) throw new RuntimeError(`split expects split_size be non-negative, but got split_size=${splitSize}`);
  const dimSize = sizeAt(x, dim);
  if (!(splitSize > 0 || dimSize === 0))
    throw new RuntimeError(`split_size can only be 0 if dimension size is 0, but got dimension size of ${dimSize}`);
  return splitSize === 0 ? 1 : Math.max(Math.ceil(dimSize / splitSize), 1);
}

function splitBySize(x: Tensor, splitSize: number, dim: number): Tensor[] {
  const n = numSplits(x, splitSize, dim);
  const d = wrapDim(dim, x.ndim);
  const lengths = new Array<number>(n).fill(splitSize);
  lengths[n - 1] = splitSize - (splitSize * n - x._shape[d]);
  return splitViews(x, d, lengths, "SplitBackward0");
}

function splitWithSizes(x: Tensor, sizes: readonly number[], dim: number): Tensor[] {
  if (x.ndim === 0) throw new RuntimeError("split expects at least a 1-dimensional tensor");
  const dimSize = sizeAt(x, dim);
  const d = wrapDim(dim, x.ndim);
  let total = 0;
  for (const len of sizes) {
    if (len < 0)
      throw new RuntimeError(`split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=${formatShape(sizes)}`);
    total += len;
  }
  if (total !== dimSize)
    throw new RuntimeError(
      `split_with_sizes expects split_sizes to sum exactly to ${dimSize} (input tensor's size at dimension ${d}), but got split_sizes=${formatShape(sizes)}`,
    );
  return splitViews(x, d, sizes, "SplitWithSizesBackward0");
}

/** torch.split(x, split_size_or_sections, dim=0): an int gives equal pieces (the last smaller), a list the sizes. */
export function split(x: Tensor, splitSizeOrSections: number | readonly number[] | Tensor, dim: DimOpt = 0): Tensor[] {
  const d = dimOf(dim);
  let s = splitSizeOrSections;
  if (s instanceof Tensor) s = s.item() as number; // Tensor.split turns a tensor split size into an int
  return typeof s === "number" ? splitBySize(x, s, d) : splitWithSizes(x, s, d);
}

/** torch.chunk(x, chunks, dim=0): split into ceil(size / chunks)-sized views. */
export function chunk(x: Tensor, chunks: number, dim: DimOpt = 0): Tensor[] {
  if (x.ndim === 0) throw new RuntimeError("chunk expects at least a 1-dimensional tensor");
  if (!(chunks > 0)) throw new RuntimeError(`chunk expects \`chunks\` to be greater than 0, got: ${chunks}`);
  const d = dimOf(dim);
  const dimSize = sizeAt(x, d);
  const splitSize = Math.floor((dimSize + chunks - 1) / chunks);
  if (splitSize === 0 && dimSize === 0) {
    const sizes = new Array<number>(chunks).fill(0);
    return splitWithSizes(x, sizes, d);
  }
  return splitBySize(x, splitSize, d);
}

/** torch.unbind(x, dim=0): the select views along dim, one UnbindBackward0 node (derivative: stack). */
export function unbind(x: Tensor, dim: DimOpt = 0): Tensor[] {
  const size = sizeAt(x, dimOf(dim));
  const d = wrapDim(dimOf(dim), x.ndim);
  const shape = x._shape.slice();
  const strides = x._strides.slice();
  shape.splice(d, 1);
  strides.splice(d, 1);
  const outs: Tensor[] = [];
  for (let i = 0; i < size; i++) outs.push(makeView(x, shape.slice(), strides.slice(), x._offset + i * x._strides[d], true));
  if (shouldRecord(x) && outs.length > 0) record("UnbindBackward0", [x], outs, [], (_ctx, grads) => [stack(grads, d)]);
  return outs;
}

// ---- flip / roll -----------------------------------------------------------------------------------

/** dim_list_to_bitset: wrapped dims, each at most once. */
function uniqueDims(dims: readonly number[], ndim: number): number[] {
  const seen = new Set<number>();
  return dims.map((d) => {
    const w = wrapDim(d, ndim);
    if (seen.has(w)) throw new RuntimeError(`dim ${w} appears multiple times in the list of dims`);
    seen.add(w);
    return w;
  });
}

/** torch.flip(x, dims): a copy laid out like x (empty_like with preserve_format). */
export function flip(x: Tensor, ...dimsArg: (number | readonly number[])[]): Tensor {
  const dims = uniqueDims(intList(dimsArg), x.ndim);
  let offset = x._offset;
  const strides = x._strides.slice();
  for (const d of dims) {
    if (x._shape[d] > 0) offset += (x._shape[d] - 1) * strides[d];
    strides[d] = -strides[d];
  }
  const n = x.numel();
  const values = n === 0 ? x.dtype.alloc(0) : K.copyToContiguous({ _data: x._data, _shape: x._shape, _strides: strides, _offset: offset }, x.dtype.alloc(n));
  const out = laidOutLike(values, x._shape.slice(), [x], x.dtype);
  if (shouldRecord(x)) record("FlipBackward0", [x], out, [], (_ctx, [g]) => [flip(g, dims)]);
  return out;
}

/** torch.fliplr: flip(1) of an input with at least 2 dims. */
export function fliplr(x: Tensor): Tensor {
  if (x.ndim < 2) throw new RuntimeError("Input must be >= 2-d.");
  return flip(x, [1]);
}
/** torch.flipud: flip(0) of an input with at least 1 dim. */
export function flipud(x: Tensor): Tensor {
  if (x.ndim < 1) throw new RuntimeError("Input must be >= 1-d.");
  return flip(x, [0]);
}

/** One roll of a strided source along d into a fresh contiguous tensor: cat(x[start:], x[:start]). */
function rollOnce(src: K.StridedView, dtype: DType, d: number, shift: number): Tensor {
  const shape = src._shape;
  const size = shape[d];
  let start = (size - shift) % size;
  if (start < 0) start += size;
  const out = zerosOf(shape, dtype);
  const os = out._strides;
  const head = shape.slice();
  head[d] = size - start;
  const tail = shape.slice();
  tail[d] = start;
  if (numelOf(head) > 0)
    K.copyInto(windowOf(out, head, os, 0), { _data: src._data, _shape: head, _strides: src._strides, _offset: src._offset + start * src._strides[d] });
  if (numelOf(tail) > 0)
    K.copyInto(windowOf(out, tail, os, (size - start) * os[d]), { _data: src._data, _shape: tail, _strides: src._strides, _offset: src._offset });
  return out;
}

/** roll_cpu / roll_common: the rolled values as a fresh tensor (no recording). */
function rollValues(x: Tensor, shifts: readonly number[], dims: readonly number[]): Tensor {
  if (dims.length !== 1 || shifts.length !== 1) {
    if (shifts.length === 0) throw new RuntimeError("`shifts` required");
    if (dims.length === 0 && shifts.length === 1) {
      // roll the flattened values, then view them with x's shape
      const n = x.numel();
      const flat = new Tensor(K.copyToContiguous(x, x.dtype.alloc(n)), [n], [1], 0, x.dtype);
      const r = n === 0 ? flat : rollOnce(flat, x.dtype, 0, shifts[0]);
      return new Tensor(r._data, x._shape.slice(), contiguousStrides(x._shape), 0, x.dtype);
    }
    if (shifts.length !== dims.length)
      throw new RuntimeError(`shifts and dimensions must align. shifts: ${shifts.length}, dims:${dims.length}`);
    let cur = rollValues(x, [shifts[0]], [dims[0]]);
    for (let i = 1; i < dims.length; i++) cur = rollValues(cur, [shifts[i]], [dims[i]]);
    return cur;
  }
  if (x.numel() === 0) return noGrad(() => clone(x));
  sizeAt(x, dims[0]);
  const d = wrapDim(dims[0], x.ndim);
  return rollOnce(x, x.dtype, d, shifts[0]);
}


/** torch.roll(x, shifts, dims=None): elements shifted cyclically; no dims rolls the flattened tensor. */
export function roll(x: Tensor, shifts: number | readonly number[], dims: number | readonly number[] | null | { dims?: number | readonly number[] | null } = null): Tensor {
  if (dims !== null && typeof dims === "object" && !Array.isArray(dims)) dims = (dims as { dims?: number | readonly number[] | null }).dims ?? null;
  const s = dimList(shifts);
  const d = dims === null || dims === undefined ? [] : dimList(dims as number | readonly number[]);
  const out = rollValues(x, s, d);
  if (shouldRecord(x)) {
    const back = s.slice().reverse().map((v) => -v);
    const backDims = d.slice().reverse();
    record("RollBackward0", [x], out, [], (_ctx, [g]) => [roll(g, back, backDims)]);
  }
  return out;
}

// ---- repeat / tile / repeat_interleave -------------------------------------------------------------

/** Tensor.repeat(*sizes): tiles x (leading dims added as needed). */
export function repeat(x: Tensor, ...repeatsArg: (number | readonly number[])[]): Tensor {
  const repeats = intList(repeatsArg);
  if (repeats.length < x.ndim)
    throw new RuntimeError("Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor");
  const lead = repeats.length - x.ndim;
  const padded = new Array<number>(lead).fill(1).concat(x._shape);
  const target = padded.map((s, i) => s * repeats[i]);
  for (const t of target) if (t < 0) throw new RuntimeError(`Trying to create tensor with negative dimension ${t}: ${formatShape(target)}`);
  const out = zerosOf(target, x.dtype);
  if (numelOf(target) > 0) {
    // PyTorch's unfold trick: view the output as [r0, .., r_{n-1}, s0, .., s_{n-1}] and copy x broadcast
    // over the r dims into it, in one strided copy.
    const n = target.length;
    const os = out._strides;
    const shape = repeats.concat(padded);
    const dst = new Array<number>(2 * n);
    const src = new Array<number>(2 * n);
    for (let i = 0; i < n; i++) {
      dst[i] = os[i] * padded[i];
      dst[n + i] = os[i];
      src[i] = 0;
      src[n + i] = i < lead ? 0 : x._strides[i - lead];
    }
    K.copyInto(windowOf(out, shape, dst, 0), { _data: x._data, _shape: shape, _strides: src, _offset: x._offset });
  }
  if (shouldRecord(x)) {
    const inShape = x._shape.slice();
    record("RepeatBackward0", [x], out, [], (_ctx, [g]) => [repeatBackward(g, repeats, inShape)]);
  }
  return out;
}

/** repeat_backward (FunctionsManual.cpp): sum the repeated blocks with one reshape and one sum. */
function repeatBackward(grad: Tensor, repeats: readonly number[], inShape: readonly number[]): Tensor {
  if (repeats.includes(0)) return zerosOf(inShape, grad.dtype);
  let g = grad;
  const unsqueezed = g.ndim - inShape.length;
  for (let i = 0; i < unsqueezed; i++) g = g.sum(0, false);
  const gradSize: number[] = [];
  const sumDims: number[] = [];
  for (let d = 0; d < inShape.length; d++) {
    const r = repeats[d + unsqueezed];
    if (r !== 1) {
      gradSize.push(r);
      sumDims.push(gradSize.length - 1);
    }
    gradSize.push(inShape[d]);
  }
  if (sumDims.length > 0) g = g.reshape(gradSize).sum(sumDims);
  return g;
}

/** torch.tile(x, dims): repeat with dims padded by leading ones to x's rank. */
export function tile(x: Tensor, ...repsArg: (number | readonly number[])[]): Tensor {
  const reps = intList(repsArg);
  const diff = x.ndim - reps.length;
  return repeat(x, diff > 0 ? new Array<number>(diff).fill(1).concat(reps) : reps);
}

export interface RepeatInterleaveOptions {
  dim?: number | null;
  outputSize?: number | null;
}

/** x gathered along dim d at `idx` (index_select), with its derivative (index_add into zeros). */
function indexSelectAlong(x: Tensor, d: number, idx: ArrayLike<number>): Tensor {
  const shape = x._shape.slice();
  const size = shape[d];
  shape[d] = idx.length;
  const outer = numelOf(x._shape.slice(0, d));
  const inner = numelOf(x._shape.slice(d + 1));
  const src = K.copyToContiguous(x, x.dtype.alloc(x.numel()));
  const out = x.dtype.alloc(numelOf(shape));
  const m = idx.length;
  for (let o = 0; o < outer; o++)
    for (let j = 0; j < m; j++) {
      const from = (o * size + idx[j]) * inner;
      (out as Float64Array).set((src as Float64Array).subarray(from, from + inner), (o * m + j) * inner);
    }
  const result = new Tensor(out, shape, contiguousStrides(shape), 0, x.dtype);
  if (shouldRecord(x)) {
    const inShape = x._shape.slice();
    record("IndexSelectBackward0", [x], result, [], (_ctx, [g]) => [indexAddAlong(g, d, idx, inShape)]);
  }
  return result;
}

/** zeros(shape).index_add_(d, idx, g): the derivative of indexSelectAlong, itself differentiable. */
function indexAddAlong(g: Tensor, d: number, idx: ArrayLike<number>, shape: readonly number[]): Tensor {
  const size = shape[d];
  const outer = numelOf(shape.slice(0, d));
  const inner = numelOf(shape.slice(d + 1));
  const src = K.copyToContiguous(g, g.dtype.alloc(g.numel()));
  const out = g.dtype.alloc(numelOf(shape));
  const m = idx.length;
  for (let o = 0; o < outer; o++)
    for (let j = 0; j < m; j++) {
      const to = (o * size + idx[j]) * inner;
      const from = (o * m + j) * inner;
      for (let k = 0; k < inner; k++) out[to + k] += src[from + k];
    }
  const result = new Tensor(out, shape.slice(), contiguousStrides(shape), 0, g.dtype);
  if (shouldRecord(g)) record("IndexAddBackward0", [g], result, [], (_ctx, [gg]) => [indexSelectAlong(gg, d, idx)]);
  return result;
}

/** at::repeat_interleave(repeats): each index i repeated repeats[i] times (an int tensor). */
function repeatIndices(repeats: Tensor, outputSize: number | null): Tensor {
  if (repeats.dtype !== int64 && repeats.dtype !== int32) throw typeError("repeat_interleave_cpu", repeats.dtype);
  if (repeats.ndim !== 1) throw new RuntimeError("repeat_interleave only accept 1D vector as repeat");
  const r = repeats._values();
  let total = 0;
  for (let i = 0; i < r.length; i++) total += r[i];
  if (r.length === 0) return zerosOf([0], repeats.dtype);
  if (outputSize !== null) total = outputSize;
  else for (let i = 0; i < r.length; i++) if (r[i] < 0) throw new RuntimeError("repeats can not be negative");
  const out = repeats.dtype.alloc(total);
  let k = 0;
  for (let i = 0; i < r.length && k < total; i++) for (let j = 0; j < r[i] && k < total; j++) out[k++] = i;
  return new Tensor(out, [total], [1], 0, repeats.dtype);
}

/**
 * torch.repeat_interleave(x, repeats, dim=None, *, output_size=None), and torch.repeat_interleave(repeats).
 * PyTorch 2.x: an int `repeats` is unsqueeze + expand + contiguous clone + flatten (a view, ViewBackward0);
 * a tensor `repeats` is index_select (IndexSelectBackward0).
 */
export function repeatInterleave(
  x: Tensor,
  repeats?: number | Tensor | RepeatInterleaveOptions,
  dimArg?: number | null | RepeatInterleaveOptions,
  opts: RepeatInterleaveOptions = {},
): Tensor {
  if (repeats === undefined || (!(repeats instanceof Tensor) && typeof repeats === "object")) {
    const o = (repeats ?? {}) as RepeatInterleaveOptions;
    return repeatIndices(x, o.outputSize ?? null);
  }
  let dim: number | null = null;
  if (dimArg !== undefined && dimArg !== null && typeof dimArg === "object") opts = dimArg;
  else dim = dimArg ?? null;
  if (opts.dim !== undefined) dim = opts.dim;
  const outputSize = opts.outputSize ?? null;
  if (typeof repeats === "number") {
    let input = dim === null ? flatten(x) : x;
    const d = wrapDim(dim ?? 0, x.ndim);
    if (repeats < 0) throw new RuntimeError("Repeats must be non-negative");
    input = unsqueeze(input, d + 1);
    const sizes = input._shape.slice();
    sizes[d + 1] = repeats;
    input = expand(input, sizes);
    if (outputSize !== null && outputSize !== repeats * sizes[d])
      throw new RuntimeError(`repeat_interleave: Invalid output_size, expected ${repeats * sizes[d]} but got ${outputSize}`);
    return flatten(clone(input, true), d, d + 1);
  }
  let input = x;
  let d = 0;
  if (dim !== null) d = wrapDim(dim, input.ndim);
  else input = flatten(x);
  let reps = repeats;
  const size = input.ndim === 0 ? 1 : input._shape[d];
  if (reps.ndim === 0 || (reps.ndim === 1 && reps._shape[0] === 1)) {
    const v = reps._values()[0];
    reps = new Tensor(reps.dtype.alloc(size).fill(v), [size], [1], 0, reps.dtype);
  } else if (reps.ndim === 1) {
    if (reps._shape[0] !== size)
      throw new RuntimeError(
        `repeats must have the same size as input along dim, but got repeats.size(0) = ${reps._shape[0]} and input.size(${d}) = ${size}`,
      );
  } else throw new RuntimeError("repeats must be 0-dim or 1-dim tensor");
  const idx = repeatIndices(reps, outputSize);
  return indexSelectAlong(input, d, idx._values());
}

// ---- movedim / swapdims / unflatten ----------------------------------------------------------------

/** torch.movedim(x, source, destination) (alias moveaxis): a permute view. */
export function movedim(x: Tensor, source: number | readonly number[], destination: number | readonly number[]): Tensor {
  const src = dimList(source);
  const dst = dimList(destination);
  if (src.length !== dst.length)
    throw new RuntimeError(
      `movedim: Invalid source or destination dims: source (${formatShape(src)} dims) should contain the same number of dims as destination (${formatShape(dst)} dims)`,
    );
  const n = x.ndim;
  const ns = src.map((d) => wrapDim(d, n));
  const nd = dst.map((d) => wrapDim(d, n));
  if (new Set(ns).size !== ns.length) throw new RuntimeError(`movedim: repeated dim in \`source\` (${formatShape(src)})`);
  if (new Set(nd).size !== nd.length) throw new RuntimeError(`movedim: repeated dim in \`destination\` (${formatShape(dst)})`);
  if (n === 0) return alias(x);
  const order = new Array<number>(n).fill(-1);
  const restSrc: number[] = [];
  const restDst: number[] = [];
  const usedSrc = new Set(ns);
  const usedDst = new Set(nd);
  ns.forEach((s, i) => (order[nd[i]] = s));
  for (let i = 0; i < n; i++) {
    if (!usedSrc.has(i)) restSrc.push(i);
    if (!usedDst.has(i)) restDst.push(i);
  }
  restDst.forEach((d, i) => (order[d] = restSrc[i]));
  return permute(x, order);
}
export const moveaxis = movedim;

/** torch.swapdims / torch.swapaxes: transpose. */
export function swapdims(x: Tensor, dim0: number, dim1: number): Tensor {
  return transpose(x, dim0, dim1);
}
export const swapaxes = swapdims;

/** torch.unflatten(x, dim, sizes): a view splitting dim into sizes (one may be -1). */
export function unflatten(x: Tensor, dim: number, sizes: readonly number[]): Tensor {
  const d = wrapDim(dim, x.ndim);
  if (sizes.length === 0) throw new RuntimeError("unflatten: sizes must be non-empty");
  const size = sizeAt(x, dim);
  let inferred: number[];
  try {
    inferred = inferSize(sizes, size);
  } catch (e) {
    const msg = (e as Error).message;
    if (!msg.includes("is invalid for input of size")) throw new RuntimeError(`unflatten got an unexpected error:\n${msg}`);
    throw new RuntimeError(`unflatten: Provided sizes ${formatShape(sizes)} don't multiply up to the size of dim ${d} (${size}) in the input tensor`);
  }
  const shape = x._shape.slice(0, d).concat(inferred, x._shape.slice(d + 1));
  return view(x, shape);
}

// ---- diagonals / triangles / trace -----------------------------------------------------------------

interface DiagGeometry {
  shape: number[];
  strides: number[];
  offset: number;
}

/** The diagonal view's geometry relative to (shape, strides, offset). */
function diagonalGeometry(shape: readonly number[], strides: readonly number[], offset0: number, offset: number, d1: number, d2: number): DiagGeometry {
  let size: number;
  if (offset >= 0) size = Math.max(Math.min(shape[d1], shape[d2] - offset), 0);
  else size = Math.max(Math.min(shape[d1] + offset, shape[d2]), 0);
  let off = offset0;
  if (size === 0) {
    // skip: NumPy lets offsets run off the end
  } else if (offset >= 0) off += offset * strides[d2];
  else off -= offset * strides[d1];
  const s = shape.slice();
  const st = strides.slice();
  const hi = Math.max(d1, d2);
  const lo = Math.min(d1, d2);
  s.splice(hi, 1);
  st.splice(hi, 1);
  s.splice(lo, 1);
  st.splice(lo, 1);
  s.push(size);
  st.push(strides[d1] + strides[d2]);
  return { shape: s, strides: st, offset: off };
}

function diagonalDims(ndim: number, dim1: number, dim2: number): [number, number] {
  const d1 = wrapDim(dim1, ndim);
  const d2 = wrapDim(dim2, ndim);
  if (d1 === d2) throw new RuntimeError(`diagonal dimensions cannot be identical ${dim1}, ${dim2}`);
  return [d1, d2];
}

export interface DiagonalOptions {
  offset?: number;
  dim1?: number;
  dim2?: number;
}

/** torch.diagonal(x, offset=0, dim1=0, dim2=1): a view with the diagonal as its last dim. */
export function diagonal(x: Tensor, offsetArg: number | DiagonalOptions = 0, dim1 = 0, dim2 = 1): Tensor {
  let offset: number;
  if (typeof offsetArg === "object") ({ offset = 0, dim1 = 0, dim2 = 1 } = offsetArg);
  else offset = offsetArg;
  const [d1, d2] = diagonalDims(x.ndim, dim1, dim2);
  const g = diagonalGeometry(x._shape, x._strides, x._offset, offset, d1, d2);
  const out = makeView(x, g.shape, g.strides, g.offset);
  if (shouldRecord(x)) {
    const inShape = x._shape.slice();
    const k = offset;
    record("DiagonalBackward0", [x], out, [], (_ctx, [gr]) => [diagonalBackward(gr, inShape, k, d1, d2)]);
  }
  return out;
}

/** diagonal_backward: zeros of `shape` with g written on the diagonal; its derivative takes the diagonal. */
function diagonalBackward(g: Tensor, shape: readonly number[], offset: number, d1: number, d2: number, name = "DiagonalBackwardBackward0"): Tensor {
  const out = zerosOf(shape, g.dtype);
  const geo = diagonalGeometry(shape, out._strides, 0, offset, d1, d2);
  if (numelOf(geo.shape) > 0) K.copyInto(windowOf(out, geo.shape, geo.strides, geo.offset), g);
  if (shouldRecord(g)) record(name, [g], out, [], (_ctx, [gg]) => [diagonal(gg, offset, d1, d2)]);
  return out;
}

/** torch.diag_embed(x, offset=0, dim1=-2, dim2=-1): x's last dim written on diagonals of new matrices. */
export function diagEmbed(x: Tensor, offsetArg: number | DiagonalOptions = 0, dim1 = -2, dim2 = -1): Tensor {
  let offset: number;
  if (typeof offsetArg === "object") ({ offset = 0, dim1 = -2, dim2 = -1 } = offsetArg);
  else offset = offsetArg;
  const [d1, d2] = diagonalDims(x.ndim + 1, dim1, dim2);
  const len = Math.abs(offset) + sizeAt(x, -1);
  const shape = x._shape.slice(0, -1);
  shape.splice(Math.min(d1, d2), 0, len);
  shape.splice(Math.max(d1, d2), 0, len);
  const out = zerosOf(shape, x.dtype);
  const geo = diagonalGeometry(shape, out._strides, 0, offset, d1, d2);
  if (numelOf(geo.shape) > 0) K.copyInto(windowOf(out, geo.shape, geo.strides, geo.offset), x);
  if (shouldRecord(x)) {
    const k = offset;
    record("DiagEmbedBackward0", [x], out, [], (_ctx, [g]) => [diagonal(g, k, d1, d2)]);
  }
  return out;
}

/**
 * torch.diag(x, diagonal=0): a 1-D input gives the matrix with it on a diagonal, a 2-D input a copy of
 * a diagonal. PyTorch 2.x composes it (diag_embed: DiagEmbedBackward0; diagonal_copy:
 * DiagonalBackward0_copy); 1.13 had its own DiagBackward0.
 */
export function diag(x: Tensor, offsetArg: number | { diagonal?: number } = 0): Tensor {
  const offset = typeof offsetArg === "number" ? offsetArg : offsetArg.diagonal ?? 0;
  if (x.ndim === 1) return diagEmbed(x, offset);
  if (x.ndim !== 2) throw new RuntimeError(`diag(): Supports 1D or 2D tensors. Got ${x.ndim}D`);
  const geo = diagonalGeometry(x._shape, x._strides, x._offset, offset, 0, 1);
  const n = numelOf(geo.shape);
  const values = K.copyToContiguous({ _data: x._data, _shape: geo.shape, _strides: geo.strides, _offset: geo.offset }, x.dtype.alloc(n));
  const out = new Tensor(n === 0 ? x.dtype.alloc(0) : values, geo.shape, [1], 0, x.dtype);
  if (shouldRecord(x)) {
    const inShape = x._shape.slice();
    record("DiagonalBackward0_copy", [x], out, [], (_ctx, [g]) => [diagonalBackward(g, inShape, offset, 0, 1)]);
  }
  return out;
}

/** tril/triu kernel: a contiguous copy with the other triangle of every matrix zeroed. */
function triangle(x: Tensor, k: number, lower: boolean): Tensor {
  const name = lower ? "tril" : "triu";
  if (x.ndim < 2) throw new RuntimeError(`${name}: input tensor must have at least 2 dimensions`);
  const n = x.numel();
  const values = K.copyToContiguous(x, x.dtype.alloc(n));
  const rows = x._shape[x.ndim - 2];
  const cols = x._shape[x.ndim - 1];
  const mat = rows * cols;
  for (let base = 0; base < n; base += mat)
    for (let i = 0; i < rows; i++) {
      const row = base + i * cols;
      if (lower) values.fill(0, row + Math.max(0, Math.min(cols, i + k + 1)), row + cols);
      else values.fill(0, row, row + Math.max(0, Math.min(cols, i + k)));
    }
  const out = new Tensor(values, x._shape.slice(), contiguousStrides(x._shape), 0, x.dtype);
  if (shouldRecord(x))
    record(lower ? "TrilBackward0" : "TriuBackward0", [x], out, [], (_ctx, [g]) => [triangle(g, k, lower)]);
  return out;
}

/** torch.tril(x, diagonal=0): the lower triangle (j - i <= diagonal) of the last two dims. */
export function tril(x: Tensor, diagonal: number | { diagonal?: number } = 0): Tensor {
  return triangle(x, typeof diagonal === "number" ? diagonal : diagonal.diagonal ?? 0, true);
}
/** torch.triu(x, diagonal=0): the upper triangle (j - i >= diagonal) of the last two dims. */
export function triu(x: Tensor, diagonal: number | { diagonal?: number } = 0): Tensor {
  return triangle(x, typeof diagonal === "number" ? diagonal : diagonal.diagonal ?? 0, false);
}

/** torch.trace(x): the sum of a matrix's main diagonal (integer inputs give int64), accumulated in double. */
export function trace(x: Tensor): Tensor {
  const dtype = x.dtype.isFloatingPoint ? x.dtype : int64;
  if (x.dtype === bool) throw typeError("trace", x.dtype);
  if (x.ndim !== 2) throw new RuntimeError(`trace: expected a matrix, but got tensor with dim ${x.ndim}`);
  const k = Math.min(x._shape[0], x._shape[1]);
  const step = x._strides[0] + x._strides[1];
  let acc = 0;
  for (let i = 0; i < k; i++) acc += x._data[x._offset + i * step];
  const data = dtype.alloc(1);
  data[0] = acc;
  const out = new Tensor(data, [], EMPTY, 0, dtype);
  if (shouldRecord(x)) {
    const inShape = x._shape.slice();
    record("TraceBackward0", [x], out, [], (_ctx, [g]) => [diagonalBackward(expand(g, [k]), inShape, 0, 0, 1)]);
  }
  return out;
}

// ---- padding ---------------------------------------------------------------------------------------

/**
 * torch.constant_pad_nd(x, pad, value=0): `pad` pairs (left, right) from the last dim backwards;
 * negative entries crop (narrow). ConstantPadNdBackward0; the derivative pads the gradient by -pad.
 */
export function constantPadNd(x: Tensor, pad: readonly number[], value = 0): Tensor {
  if (pad.length % 2 !== 0) throw new RuntimeError(`Length of pad must be even but instead it equals ${pad.length}`);
  const nd = x.ndim;
  const lPad = pad.length / 2;
  const lDiff = nd - lPad;
  if (lDiff < 0)
    throw new RuntimeError(
      `Length of pad should be no more than twice the number of dimensions of the input. Pad length is ${pad.length} while the input has ${nd} dimensions.`,
    );
  // narrow off the negative pads (narrow's own checks and messages), without recording
  let c = x;
  let allNonPositive = true;
  noGrad(() => {
    for (let i = lDiff; i < nd; i++) {
      const p = 2 * (nd - i - 1);
      if (pad[p] < 0) c = slice(c, i, -pad[p], c._shape[i], 1, true);
      else if (pad[p] !== 0) allNonPositive = false;
      if (pad[p + 1] < 0) c = slice(c, i, 0, c._shape[i] + pad[p + 1], 1, true);
      else if (pad[p + 1] !== 0) allNonPositive = false;
    }
  });
  let out: Tensor;
  if (allNonPositive) out = noGrad(() => clone(c));
  else {
    const shape = x._shape.slice();
    for (let i = 0; i < lPad; i++) {
      const p = pad.length - (i + 1) * 2;
      const size = shape[lDiff + i] + pad[p] + pad[p + 1];
      if (size < 0)
        throw new RuntimeError(
          `The input size ${shape[lDiff + i]}, plus negative padding ${pad[p]} and ${pad[p + 1]} resulted in a negative output size, which is invalid. Check dimension ${lDiff + i} of your input.`,
        );
      shape[lDiff + i] = size;
    }
    out = zerosOf(shape, x.dtype);
    const cast = castFn(x.dtype);
    const v = cast ? cast(value) : value;
    if (v !== 0) out._data.fill(v);
    let offset = 0;
    for (let i = lDiff; i < nd; i++) {
      const p = 2 * (nd - i - 1);
      if (pad[p] > 0) offset += pad[p] * out._strides[i];
    }
    if (c.numel() > 0) K.copyInto(windowOf(out, c._shape, out._strides, offset), c);
  }
  if (shouldRecord(x)) {
    const neg = pad.map((p) => -p);
    record("ConstantPadNdBackward0", [x], out, [], (_ctx, [g]) => [constantPadNd(g, neg, 0)]);
  }
  return out;
}

type PadMode = "constant" | "reflect" | "replicate" | "circular";
export interface PadOptions {
  mode?: PadMode | string;
  value?: number | null;
}

/** at::native::padding::check_valid_input<dim>. */
function checkValidPadInput(x: Tensor, pad: readonly number[], dim: number): void {
  if (pad.length !== 2 * dim) throw new RuntimeError(`padding size is expected to be ${2 * dim}, but got: ${pad.length}`);
  const batch = x.ndim === dim + 2;
  const from = batch ? 1 : 0;
  let ok = true;
  for (let d = from; d < x.ndim; d++) if (x._shape[d] === 0) ok = false;
  if (!ok)
    throw new RuntimeError(
      `Expected ${dim + 1}D or ${dim + 2}D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: ${formatShape(x._shape)}`,
    );
}

/**
 * The index maps of reflection / replication padding (the CPU kernels' ReflectionPad::index and
 * ReplicationPad::index): output position j of a padded dim reads input position map[j].
 */
function padMap(size: number, left: number, right: number, reflect: boolean): Int32Array {
  const outSize = size + left + right;
  const iStart = Math.max(0, -left);
  const oStart = Math.max(0, left);
  const map = new Int32Array(Math.max(outSize, 0));
  for (let j = 0; j < outSize; j++) {
    let i: number;
    if (j < left) i = reflect ? left * 2 - j : left;
    else if (j < size + left) i = j;
    else i = reflect ? (size + left - 1) * 2 - j : size + left - 1;
    map[j] = i - oStart + iStart;
  }
  return map;
}

/** out[..., j1, .., jk] = x[..., m1[j1], .., mk[jk]] over the last k dims (maps may repeat indices). */
function gatherMaps(x: Tensor, maps: readonly Int32Array[]): Tensor {
  const nd = x.ndim;
  const k = maps.length;
  const shape = x._shape.slice(0, nd - k).concat(maps.map((m) => m.length));
  const out = zerosOf(shape, x.dtype);
  const n = numelOf(shape);
  if (n === 0) return out;
  const src = x._data;
  const xs = x._strides;
  const lead = nd - k;
  const leadShape = shape.slice(0, lead);
  const leadCount = numelOf(leadShape);
  const inner = numelOf(shape.slice(lead));
  const idx = new Array<number>(k).fill(0);
  const lidx = new Array<number>(lead).fill(0);
  const o = out._data;
  const last = maps[k - 1];
  const lastStride = xs[nd - 1];
  let pos = 0;
  for (let b = 0; b < leadCount; b++) {
    let base = x._offset;
    for (let d = 0; d < lead; d++) base += lidx[d] * xs[d];
    idx.fill(0);
    for (let r = 0; r < inner; r += last.length) {
      let off = base;
      for (let d = 0; d < k - 1; d++) off += maps[d][idx[d]] * xs[lead + d];
      for (let j = 0; j < last.length; j++) o[pos++] = src[off + last[j] * lastStride];
      for (let d = k - 2; d >= 0; d--) {
        if (++idx[d] < maps[d].length) break;
        idx[d] = 0;
      }
    }
    for (let d = lead - 1; d >= 0; d--) {
      if (++lidx[d] < leadShape[d]) break;
      lidx[d] = 0;
    }
  }
  return out;
}

/** The transpose of gatherMaps: g's entries added into zeros of `shape` at the mapped positions. */
function scatterMaps(g: Tensor, shape: readonly number[], maps: readonly Int32Array[]): Tensor {
  const k = maps.length;
  const nd = shape.length;
  const out = zerosOf(shape, g.dtype);
  const n = g.numel();
  if (n === 0 || out.numel() === 0) return out;
  const src = K.copyToContiguous(g, g.dtype.alloc(n));
  const os = out._strides;
  const lead = nd - k;
  const leadShape = shape.slice(0, lead);
  const leadCount = numelOf(leadShape);
  const inner = n / leadCount;
  const idx = new Array<number>(k).fill(0);
  const o = out._data;
  const last = maps[k - 1];
  const lastStride = os[nd - 1];
  let pos = 0;
  for (let b = 0; b < leadCount; b++) {
    const base = b * numelOf(shape.slice(lead));
    idx.fill(0);
    for (let r = 0; r < inner; r += last.length) {
      let off = base;
      for (let d = 0; d < k - 1; d++) off += maps[d][idx[d]] * os[lead + d];
      for (let j = 0; j < last.length; j++) o[off + last[j] * lastStride] += src[pos++];
      for (let d = k - 2; d >= 0; d--) {
        if (++idx[d] < maps[d].length) break;
        idx[d] = 0;
      }
    }
  }
  return out;
}

const PAD_NAMES = ["", "1D", "2D", "3D"];

/** reflection_pad{1,2,3}d / replication_pad{1,2,3}d over the last `dim` dims. */
function indexPad(x: Tensor, pad: readonly number[], dim: number, reflect: boolean): Tensor {
  checkValidPadInput(x, pad, dim);
  const nd = x.ndim;
  const sizes = x._shape.slice(nd - dim);
  const outSizes: number[] = [];
  // pad pairs run from the last dim backwards
  for (let i = 0; i < dim; i++) {
    const size = sizes[dim - 1 - i];
    const [l, r] = [pad[2 * i], pad[2 * i + 1]];
    if (reflect && !(l < size && r < size))
      throw new RuntimeError(
        `Argument #${4 + 2 * i}: Padding size should be less than the corresponding input dimension, but got: padding (${l}, ${r}) at dimension ${nd - 1 - i} of input ${formatShape(x._shape)}`,
      );
    outSizes.unshift(size + l + r);
  }
  const [ow, oh, od] = [outSizes[dim - 1], outSizes[dim - 2], outSizes[dim - 3]];
  const [iw, ih, id] = [sizes[dim - 1], sizes[dim - 2], sizes[dim - 3]];
  if (dim === 1 && !(ow >= 1)) throw new RuntimeError(`input (W: ${iw}) is too small. Calculated output W: ${ow}`);
  if (dim === 2 && !(ow >= 1 || oh >= 1))
    throw new RuntimeError(
      reflect
        ? `input (H: ${ih}, W: ${iw}) is too small. Calculated output H: ${oh} W: ${ow}`
        : `input (H: ${ih}, W: ${iw} ) is too small. Calculated output H: ${oh} W: ${ow}`,
    );
  if (dim === 3 && !(ow >= 1 || oh >= 1 || od >= 1))
    throw new RuntimeError(`input (D: ${id} H: ${ih}, W: ${iw}) is too small. Calculated output D: ${od} H: ${oh} W: ${ow}`);
  const maps: Int32Array[] = [];
  for (let i = 0; i < dim; i++) {
    const p = 2 * (dim - 1 - i);
    maps.push(padMap(sizes[i], pad[p], pad[p + 1], reflect));
  }
  const name = `${reflect ? "ReflectionPad" : "ReplicationPad"}${PAD_NAMES[dim]}Backward0`;
  return mapPad(x, maps, name);
}

/** A recorded gatherMaps (forward of reflection/replication padding) whose derivative is scatterMaps. */
function mapPad(x: Tensor, maps: readonly Int32Array[], name: string): Tensor {
  const out = gatherMaps(x, maps);
  if (shouldRecord(x)) {
    const inShape = x._shape.slice();
    record(name, [x], out, [], (_ctx, [g]) => [mapPadBackward(g, inShape, maps, name)]);
  }
  return out;
}
function mapPadBackward(g: Tensor, shape: readonly number[], maps: readonly Int32Array[], name: string): Tensor {
  const out = scatterMaps(g, shape, maps);
  // reflection_pad1d_backward's own derivative pads the gradient again
  if (shouldRecord(g)) record(name.replace("Backward0", "BackwardBackward0"), [g], out, [], (_ctx, [gg]) => [mapPad(gg, maps, name)]);
  return out;
}

/**
 * _pad_circular, as PyTorch writes it: a fresh tensor, then in-place copies of slices (the input into
 * the middle, then the wrapped borders from the output itself), so the result's grad_fn is CopySlices.
 */
function circularPad(x: Tensor, pad: readonly number[]): Tensor {
  const inShape = x._shape;
  const nd = inShape.length;
  const padded = pad.length / 2;
  const nonPadded = nd - padded;
  if (nonPadded !== 1 && nonPadded !== 2)
    throw new RuntimeError(
      `Invalid padding size, expected 1 or 2 non-padded dimensions, which would be equivalent to padding of length ${(nd - 1) * 2} or ${(nd - 2) * 2} respectively but got ${pad.length}`,
    );
  const outShape = inShape.slice();
  for (let i = 0; i < padded; i++) {
    const l = pad[2 * (padded - i - 1)];
    const r = pad[2 * (padded - i - 1) + 1];
    const size = inShape[nonPadded + i];
    outShape[nonPadded + i] = size + l + r;
    if (!(l <= size && r <= size)) throw new RuntimeError("Padding value causes wrapping around more than once.");
    if (outShape[nonPadded + i] < 0) throw new RuntimeError("Negative padding value is resulting in an empty dimension");
  }
  const out = zerosOf(outShape, x.dtype);
  let outSlice = out;
  let inSlice = x;
  for (let i = 0; i < padded; i++) {
    const dim = padded - i + nonPadded - 1;
    const [l, r] = [pad[2 * i], pad[2 * i + 1]];
    // taken with grad mode on, as PyTorch does: a view made in no_grad mode may not be copied into under autograd
    outSlice = slice(outSlice, dim, Math.max(l, 0), outShape[dim] - Math.max(r, 0));
    inSlice = slice(inSlice, dim, Math.max(-l, 0), inShape[dim] - Math.max(-r, 0));
  }
  outSlice.copy_(inSlice);
  for (let i = 0; i < padded; i++) {
    const dim = padded - i + nonPadded - 1;
    const [l, r] = [pad[2 * i], pad[2 * i + 1]];
    if (l > 0) slice(out, dim, 0, l).copy_(slice(out, dim, outShape[dim] - l - Math.max(r, 0), outShape[dim] - Math.max(r, 0)));
    if (r > 0) slice(out, dim, outShape[dim] - r, outShape[dim]).copy_(slice(out, dim, Math.max(l, 0), Math.max(l, 0) + r));
  }
  return out;
}

/**
 * torch.nn.functional.pad(input, pad, mode="constant", value=None): `pad` pairs (left, right) from the
 * last dim backwards. "constant" pads (or crops, with negative entries) any rank with `value`;
 * "reflect", "replicate" and "circular" pad the last 1, 2 or 3 dims of an input with one or two more
 * dims (unbatched or batched). Also `pad(x, [1, 1], { mode: "reflect" })`.
 */
export function padNd(input: Tensor, pad: readonly number[], mode: string | PadOptions = "constant", value: number | null = null): Tensor {
  if (typeof mode === "object" && mode !== null) {
    value = mode.value ?? null;
    mode = mode.mode ?? "constant";
  }
  if (mode !== "constant" && mode !== "reflect" && mode !== "replicate" && mode !== "circular")
    throw new NotImplementedError(`Unrecognised padding mode ${mode}`);
  const nd = input.ndim;
  if (pad.length % 2 !== 0) throw new RuntimeError("Padding length must be divisible by 2");
  if (pad.length > nd * 2) throw new RuntimeError("Padding length too large");
  if (mode === "constant") return constantPadNd(input, pad, value ?? 0);
  if (value !== null) throw new RuntimeError(`Padding mode "${mode}" doesn't take in value argument`);
  const dim = pad.length / 2;
  if (dim >= 1 && dim <= 3 && (nd === dim + 1 || nd === dim + 2)) {
    if (mode === "circular") return circularPad(input, pad);
    return indexPad(input, pad, dim, mode === "reflect");
  }
  throw new NotImplementedError("Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now");
}

// ---- Tensor methods --------------------------------------------------------------------------------

declare module "../tensor/tensor.js" {
  interface Tensor {
    split(splitSizeOrSections: number | readonly number[], dim?: DimOpt): Tensor[];
    chunk(chunks: number, dim?: DimOpt): Tensor[];
    unbind(dim?: DimOpt): Tensor[];
    flip(...dims: (number | readonly number[])[]): Tensor;
    fliplr(): Tensor;
    flipud(): Tensor;
    roll(shifts: number | readonly number[], dims?: number | readonly number[] | null | { dims?: number | readonly number[] | null }): Tensor;
    repeat(...sizes: (number | readonly number[])[]): Tensor;
    tile(...dims: (number | readonly number[])[]): Tensor;
    repeatInterleave(repeats: number | Tensor, dim?: number | null | RepeatInterleaveOptions, opts?: RepeatInterleaveOptions): Tensor;
    movedim(source: number | readonly number[], destination: number | readonly number[]): Tensor;
    moveaxis(source: number | readonly number[], destination: number | readonly number[]): Tensor;
    swapdims(dim0: number, dim1: number): Tensor;
    diag(diagonal?: number | { diagonal?: number }): Tensor;
    diagEmbed(offset?: number | DiagonalOptions, dim1?: number, dim2?: number): Tensor;
    diagonal(offset?: number | DiagonalOptions, dim1?: number, dim2?: number): Tensor;
    tril(diagonal?: number | { diagonal?: number }): Tensor;
    triu(diagonal?: number | { diagonal?: number }): Tensor;
    trace(): Tensor;
    unflatten(dim: number, sizes: readonly number[]): Tensor;
  }
}

installMethods({
  split(this: Tensor, s: number | readonly number[], dim?: DimOpt) {
    return split(this, s, dim);
  },
  chunk(this: Tensor, chunks: number, dim?: DimOpt) {
    return chunk(this, chunks, dim);
  },
  unbind(this: Tensor, dim?: DimOpt) {
    return unbind(this, dim);
  },
  flip(this: Tensor, ...dims: (number | readonly number[])[]) {
    return flip(this, ...dims);
  },
  fliplr(this: Tensor) {
    return fliplr(this);
  },
  flipud(this: Tensor) {
    return flipud(this);
  },
  roll(this: Tensor, shifts: number | readonly number[], dims?: number | readonly number[] | null | { dims?: number | readonly number[] | null }) {
    return roll(this, shifts, dims ?? null);
  },
  repeat(this: Tensor, ...sizes: (number | readonly number[])[]) {
    return repeat(this, ...sizes);
  },
  tile(this: Tensor, ...dims: (number | readonly number[])[]) {
    return tile(this, ...dims);
  },
  repeatInterleave(this: Tensor, repeats: number | Tensor, dim?: number | null | RepeatInterleaveOptions, opts?: RepeatInterleaveOptions) {
    return repeatInterleave(this, repeats, dim, opts);
  },
  movedim(this: Tensor, source: number | readonly number[], destination: number | readonly number[]) {
    return movedim(this, source, destination);
  },
  moveaxis(this: Tensor, source: number | readonly number[], destination: number | readonly number[]) {
    return movedim(this, source, destination);
  },
  swapdims(this: Tensor, dim0: number, dim1: number) {
    return swapdims(this, dim0, dim1);
  },
  diag(this: Tensor, d?: number | { diagonal?: number }) {
    return diag(this, d);
  },
  diagEmbed(this: Tensor, offset?: number | DiagonalOptions, dim1?: number, dim2?: number) {
    return diagEmbed(this, offset, dim1, dim2);
  },
  diagonal(this: Tensor, offset?: number | DiagonalOptions, dim1?: number, dim2?: number) {
    return diagonal(this, offset, dim1, dim2);
  },
  tril(this: Tensor, d?: number | { diagonal?: number }) {
    return tril(this, d);
  },
  triu(this: Tensor, d?: number | { diagonal?: number }) {
    return triu(this, d);
  },
  trace(this: Tensor) {
    return trace(this);
  },
  unflatten(this: Tensor, dim: number, sizes: readonly number[]) {
    // Tensor.unflatten (torch/_tensor.py) checks the sizes before the C++ op wraps the dim
    if (!sizes || sizes.length === 0) throw new RuntimeError("unflatten: sizes must be non-empty");
    return unflatten(this, dim, sizes);
  },
});
