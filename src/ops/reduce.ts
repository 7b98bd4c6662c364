// Reductions with PyTorch's dim/keepdim conventions and derivatives.
import * as K from "../backend/cpu.js";
import * as BK from "../backend/index.js";
import { IndexError, RuntimeError } from "../errors.js";
import { bool, dtypeOf, float32, int64, type DType, type DTypeName } from "../tensor/dtype.js";
import { numelOf, wrapDim } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { castFn, where } from "./elementwise.js";
import { scatterIntoZeros } from "./indexing.js";
import { record, shouldRecord } from "./record.js";

export type DimArg = number | number[] | null;
export interface ReduceOptions {
  dim?: DimArg;
  keepdim?: boolean;
  /** sum/mean/prod: the input is cast to this dtype before the reduction (PyTorch's `dtype=`) */
  dtype?: DType | DTypeName | null;
}
export interface NormOptions {
  p?: number | "fro";
  dim?: DimArg;
  keepdim?: boolean;
}

/** Results like PyTorch's named tuples: `const [v, i] = x.max(1)` and `x.max(1).values` both work. */
export type ValuesIndices = Omit<[Tensor, Tensor], "values"> & { readonly values: Tensor; readonly indices: Tensor };
export function valuesIndices(values: Tensor, indices: Tensor): ValuesIndices {
  const r = [values, indices];
  Object.defineProperty(r, "values", { value: values, enumerable: false });
  Object.defineProperty(r, "indices", { value: indices, enumerable: false });
  return r as unknown as ValuesIndices;
}

/** Normalises `(dim?, keepdim?)` and `({dim, keepdim})` into [dims or null, keepdim]. */
export function reduceArgs(dim?: DimArg | ReduceOptions, keepdim?: boolean | ReduceOptions): [number[] | number | null, boolean] {
  if (dim !== null && typeof dim === "object" && !Array.isArray(dim)) return [dim.dim ?? null, dim.keepdim ?? false];
  if (keepdim !== undefined && typeof keepdim === "object") return [dim ?? keepdim.dim ?? null, keepdim.keepdim ?? false];
  return [dim ?? null, keepdim ?? false];
}

/** reduceArgs plus sum/mean/prod's `dtype` option, from either options object or a trailing third one. */
export function reduceDtypeArgs(
  dim?: DimArg | ReduceOptions,
  keepdim?: boolean | ReduceOptions,
  opts?: ReduceOptions,
): [number[] | number | null, boolean, DType | null] {
  const [d, k] = reduceArgs(dim, keepdim);
  let dtype = opts?.dtype;
  for (const o of [dim, keepdim]) if (o !== null && typeof o === "object" && !Array.isArray(o) && o.dtype) dtype = o.dtype;
  return [d, opts?.keepdim ?? k, dtype ? dtypeOf(dtype) : null];
}

/** The input of a reduction with `dtype=`: x's values cast to dtype (no graph: the op records on x). */
function castInput(x: Tensor, dtype: DType | null): Tensor {
  if (dtype === null || dtype === x.dtype) return x;
  return new Tensor(K.copyToContiguous(x, dtype.alloc(x.numel()), castFn(dtype)), x._shape.slice(), undefined, 0, dtype);
}

/** Sorted, unique, wrapped dims; null or [] means every dim. */
function normDims(dim: DimArg | number[] | undefined, ndim: number): number[] {
  if (dim === null || dim === undefined) return [...Array(ndim).keys()];
  const list = typeof dim === "number" ? [dim] : dim;
  if (list.length === 0) return [...Array(ndim).keys()];
  const out = list.map((d) => wrapDim(d, ndim));
  const seen = new Set<number>();
  for (const d of out) {
    if (seen.has(d)) throw new RuntimeError(`dim ${d} appears multiple times in the list of dims`);
    seen.add(d);
  }
  return out.sort((a, b) => a - b);
}

/** The shape of a reduction's result over `dims`. */
export function reducedShape(shape: readonly number[], dims: readonly number[], keepdim: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < shape.length; i++) {
    if (dims.includes(i)) {
      if (keepdim) out.push(1);
    } else out.push(shape[i]);
  }
  return out;
}

function runReduce(x: Tensor, dims: number[], keepdim: boolean, r: K.Reducer, dtype: DType): Tensor {
  const shape = reducedShape(x._shape, dims, keepdim);
  const dimsInShape = dims.filter((d) => d < x._shape.length);
  const out = K.reduce(x, dimsInShape, r, dtype.alloc(numelOf(shape)));
  return new Tensor(out, shape, undefined, 0, dtype);
}

/** sum of a floating-point tensor, in PyTorch's summation order (K.sum). */
function runSum(x: Tensor, dims: number[], keepdim: boolean): Tensor {
  const shape = reducedShape(x._shape, dims, keepdim);
  const dimsInShape = dims.filter((d) => d < x._shape.length);
  const out = BK.sum(x, dimsInShape, keepdim, x.dtype.alloc(numelOf(shape)) as Float32Array | Float64Array);
  return new Tensor(out, shape, undefined, 0, x.dtype);
}

/** The gradient of a reduction, unsqueezed back at the reduced dims (restore_reduced_dims). */
function restoreDims(g: Tensor, dims: readonly number[], keepdim: boolean, ndim: number): Tensor {
  if (keepdim || ndim === 0) return g;
  let out = g;
  for (const d of dims) out = out.unsqueeze(d);
  return out;
}

const SUM: K.Reducer = { init: 0, step: (a, v) => a + v };
const PROD: K.Reducer = { init: 1, step: (a, v) => a * v };

function sumDtype(x: Tensor): DType {
  return x.dtype.isFloatingPoint ? x.dtype : int64;
}

export function sum(x: Tensor, dim: DimArg = null, keepdim = false, dtype: DType | null = null): Tensor {
  const dims = normDims(dim, x.ndim);
  const src = castInput(x, dtype);
  const out = src.dtype.isFloatingPoint ? runSum(src, dims, keepdim) : runReduce(src, dims, keepdim, SUM, sumDtype(src));
  if (shouldRecord(x)) {
    const shape = x._shape.slice();
    const ndim = x.ndim;
    record(dim === null && !keepdim ? "SumBackward0" : "SumBackward1", [x], out, [], (_ctx, [g]) => [restoreDims(g, dims, keepdim, ndim).expand(shape)]);
  }
  return out;
}

export function mean(x: Tensor, dim: DimArg = null, keepdim = false, dtype: DType | null = null): Tensor {
  const inDtype = dtype ?? x.dtype;
  if (!inDtype.isFloatingPoint)
    throw new RuntimeError(
      `mean(): could not infer output dtype. ${dtype ? "Optional" : "Input"} dtype must be either a floating point or complex dtype. Got: ${inDtype === bool ? "Bool" : inDtype === int64 ? "Long" : "Int"}`,
    );
  const src = castInput(x, dtype);
  const dims = normDims(dim, x.ndim);
  let count = 1;
  for (const d of dims) if (d < x.ndim) count *= x._shape[d];
  // PyTorch's CPU mean is sum(...).div_(count): the float32 sum divided by float32(count).
  const out = runSum(src, dims, keepdim);
  const values = out._data;
  const divisor = src.dtype === float32 ? Math.fround(count) : count;
  for (let i = 0; i < values.length; i++) values[i] /= divisor;
  if (shouldRecord(x)) {
    const shape = x._shape.slice();
    const ndim = x.ndim;
    record(dim === null && !keepdim ? "MeanBackward0" : "MeanBackward1", [x], out, [], (_ctx, [g]) => [
      restoreDims(g, dims, keepdim, ndim).expand(shape).div(count),
    ]);
  }
  return out;
}

export function prod(x: Tensor, dim: number | null = null, keepdim = false, dtypeArg: DType | null = null): Tensor {
  const dims = normDims(dim, x.ndim);
  const src = castInput(x, dtypeArg);
  const dtype = sumDtype(src);
  // int64 lives in a Float64Array: 0 * -2 must not leave a -0
  const out = runReduce(src, dims, keepdim, dtype === int64 ? { init: 1, step: PROD.step, finish: (a) => a + 0 } : PROD, dtype);
  if (shouldRecord(x)) {
    const ndim = x.ndim;
    record(dim === null ? "ProdBackward0" : "ProdBackward1", [x], out, [x, out], (ctx, [g]) => {
      const self = ctx.saved(0);
      const result = ctx.saved(1);
      const gr = restoreDims(g, dims, keepdim, ndim);
      const res = restoreDims(result, dims, keepdim, ndim);
      // Without zeros, d prod / d x_i = prod / x_i; with zeros, the product of the other elements.
      if (!any(self.eq(0))) return [gr.mul(res.div(self))];
      return [gr.mul(productOfOthers(self, dims))];
    });
  }
  return out;
}

/**
 * For each element, the product of the other elements along the reduced dim(s) (zero-safe), written
 * with differentiable ops so that double backward through prod works: the reduced elements are laid
 * out n times, the diagonal replaced by 1, and each row multiplied out.
 */
function productOfOthers(x: Tensor, dims: number[]): Tensor {
  const shape = x._shape.slice();
  if (shape.length === 0) return x.mul(0).add(1);
  const all = dims.length === shape.length;
  const d = dims[0];
  const t = all ? x.reshape([-1]) : x.transpose(d, -1);
  const n = t._shape[t._shape.length - 1];
  const eye = new Uint8Array(n * n);
  for (let i = 0; i < n; i++) eye[i * n + i] = 1;
  const rows = t.unsqueeze(-2).expand([...t._shape.slice(0, -1), n, n]);
  const others = where(new Tensor(eye, [n, n], undefined, 0, bool), 1, rows).prod(-1);
  return all ? others.reshape(shape) : others.transpose(d, -1);
}

/** x.max() / x.min() over everything, or (values, indices) along one dim. */
export function maxMin(kind: "max" | "min", x: Tensor, dim: DimArg, keepdim: boolean): Tensor | ValuesIndices {
  if (dim === null) {
    if (x.numel() === 0)
      throw new RuntimeError(`${kind}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`);
    const v = x.dtype.isFloatingPoint ? BK.extremumAll(kind, x) : null; // the active backend, if it takes it
    const out = v !== null ? new Tensor(x.dtype.alloc(1).fill(v), [], undefined, 0, x.dtype) : runReduce(x, normDims(null, x.ndim), false, extremum(kind), x.dtype);
    if (shouldRecord(x))
      record(kind === "max" ? "MaxBackward1" : "MinBackward1", [x], out, [x, out], (ctx, [g]) => [evenlyDistribute(g, ctx.saved(0), ctx.saved(1))]);
    return out;
  }
  if (Array.isArray(dim)) throw new TypeError(`${kind}() received an invalid combination of arguments: dim must be an int`);
  const d = wrapDim(dim, x.ndim);
  const [values, indices] = argReduce(kind, x, d, keepdim);
  if (shouldRecord(x)) {
    const shape = x._shape.slice();
    record(kind === "max" ? "MaxBackward0" : "MinBackward0", [x], values, [indices], (ctx, [g]) => [
      scatterIntoZeros(keepdim || x.ndim === 0 ? g : g.unsqueeze(d), d, keepdim || x.ndim === 0 ? ctx.saved(0) : ctx.saved(0).unsqueeze(d), shape),
    ]);
  }
  return valuesIndices(values, indices);
}

function extremum(kind: "max" | "min"): K.Reducer {
  return kind === "max"
    ? { init: -Infinity, step: (a, v) => (v > a || v !== v ? v : a) }
    : { init: Infinity, step: (a, v) => (v < a || v !== v ? v : a) };
}

/** evenly_distribute_backward: the gradient split among the elements equal to the extremum. */
function evenlyDistribute(g: Tensor, input: Tensor, value: Tensor): Tensor {
  const isNan = value.ne(value).item();
  const mask = isNan ? input.ne(input) : input.eq(value);
  return g.div(mask.sum()).mul(mask);
}

export function amaxAmin(kind: "amax" | "amin", x: Tensor, dim: DimArg, keepdim: boolean): Tensor {
  if (x.numel() === 0) {
    // zero_numel_check_dims: an empty input needs reduction dims, none of them of size 0
    const list = dim === null ? [] : typeof dim === "number" ? [dim] : dim;
    if (list.length === 0)
      throw new RuntimeError(`${kind}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`);
    for (const d of list)
      if (x.ndim > 0 && x._shape[wrapDim(d, x.ndim)] === 0) throw new IndexError(`${kind}(): Expected reduction dim ${d} to have non-zero size.`);
  }
  const dims = normDims(dim, x.ndim);
  const out = runReduce(x, dims, keepdim, extremum(kind === "amax" ? "max" : "min"), x.dtype);
  if (shouldRecord(x)) {
    const ndim = x.ndim;
    record(kind === "amax" ? "AmaxBackward0" : "AminBackward0", [x], out, [x, out], (ctx, [g]) => {
      const self = ctx.saved(0);
      const mask = self.eq(restoreDims(ctx.saved(1), dims, keepdim, ndim));
      return [restoreDims(g, dims, keepdim, ndim).div(mask.sum(dims, true)).mul(mask)];
    });
  }
  return out;
}

/** Values and int64 indices of the first extremum along `dim` (NaN wins, like PyTorch). */
function argReduce(kind: "max" | "min", x: Tensor, dim: number, keepdim: boolean): [Tensor, Tensor] {
  const ndim = x.ndim;
  const size = ndim === 0 ? 1 : x._shape[dim];
  if (size === 0) throw new IndexError(`${kind}(): Expected reduction dim ${dim} to have non-zero size.`);
  const perm = [...Array(ndim).keys()].filter((d) => d !== dim).concat(ndim === 0 ? [] : [dim]);
  const moved = new Tensor(x._data, perm.map((d) => x._shape[d]), perm.map((d) => x._strides[d]), x._offset, x.dtype);
  const vals = moved._values();
  const rows = vals.length / size;
  const outShape = reducedShape(x._shape, [dim], keepdim);
  const values = x.dtype.alloc(rows);
  const indices = new Float64Array(rows);
  const better = kind === "max" ? (v: number, b: number) => v > b : (v: number, b: number) => v < b;
  for (let r = 0; r < rows; r++) {
    let best = vals[r * size];
    let bi = 0;
    if (best === best) {
      for (let i = 1; i < size; i++) {
        const v = vals[r * size + i];
        if (v !== v) {
          best = v;
          bi = i;
          break;
        }
        if (better(v, best)) {
          best = v;
          bi = i;
        }
      }
    }
    values[r] = best;
    indices[r] = bi;
  }
  return [new Tensor(values, outShape, undefined, 0, x.dtype), new Tensor(indices, outShape.slice(), undefined, 0, int64)];
}

export function argMaxMin(kind: "max" | "min", x: Tensor, dim: number | null, keepdim: boolean): Tensor {
  if (x.dtype === bool) throw new RuntimeError(`"arg${kind}_cpu" not implemented for 'Bool'`);
  if (dim === null && x.numel() === 0) throw new IndexError(`arg${kind}(): Expected reduction dim to be specified for input.numel() == 0.`);
  if (dim !== null && x.ndim > 0 && x._shape[wrapDim(dim, x.ndim)] === 0)
    throw new IndexError(`arg${kind}(): Expected reduction dim ${wrapDim(dim, x.ndim)} to have non-zero size.`);
  if (dim === null) {
    const flat = x.reshape(-1);
    const [, idx] = argReduce(kind, flat, 0, false);
    return keepdim ? idx.reshape(x._shape.map(() => 1)) : idx;
  }
  return argReduce(kind, x, wrapDim(dim, x.ndim), keepdim)[1];
}

/** torch.linalg.vector_norm (what torch.norm and Tensor.norm call in PyTorch 2.x). */
export function norm(x: Tensor, pArg: number | "fro" | NormOptions = 2, dim?: DimArg, keepdim = false): Tensor {
  let p: number | "fro" = 2;
  if (typeof pArg === "object") {
    p = pArg.p ?? 2;
    dim = pArg.dim ?? dim;
    keepdim = pArg.keepdim ?? keepdim;
  } else p = pArg;
  return vectorNorm(x, p === "fro" ? 2 : p, dim ?? null, keepdim);
}

export function vectorNorm(x: Tensor, p: number, dim: DimArg, keepdim: boolean): Tensor {
  if (!x.dtype.isFloatingPoint)
    throw new RuntimeError(`linalg.vector_norm: Expected a floating point or complex tensor as input. Got ${x.dtype.legacyName.replace("Tensor", "")}`);
  const dims = normDims(dim, x.ndim);
  let r: K.Reducer;
  if (p === 2) r = { init: 0, step: (a, v) => a + v * v, finish: Math.sqrt };
  else if (p === 1) r = { init: 0, step: (a, v) => a + Math.abs(v) };
  else if (p === Infinity) r = { init: 0, step: (a, v) => (Math.abs(v) > a || v !== v ? Math.abs(v) : a) };
  else if (p === -Infinity) r = { init: Infinity, step: (a, v) => (Math.abs(v) < a || v !== v ? Math.abs(v) : a) };
  else if (p === 0) r = { init: 0, step: (a, v) => a + (v !== 0 ? 1 : 0) };
  else r = { init: 0, step: (a, v) => a + Math.pow(Math.abs(v), p), finish: (a) => Math.pow(a, 1 / p) };
  const out = runReduce(x, dims, keepdim, r, x.dtype);
  if (shouldRecord(x)) {
    const ndim = x.ndim;
    record("LinalgVectorNormBackward0", [x], out, [x, out], (ctx, [g]) => {
      const self = ctx.saved(0);
      const n = restoreDims(ctx.saved(1), dims, keepdim, ndim);
      const gr = restoreDims(g, dims, keepdim, ndim);
      if (p === 0) return [null]; // linalg_vector_norm_backward: no gradient (None) for the 0-"norm"
      if (p === 1) return [self.sign().mul(gr)];
      if (p === 2) return [self.mul(where(n.eq(0), 0, gr.div(n)))];
      if (p === Infinity || p === -Infinity) {
        const mask = self.abs().eq(n);
        return [self.sign().mul(gr.div(mask.sum(dims, true))).mul(mask)];
      }
      return [self.mul(self.abs().pow(p - 2)).mul(where(n.eq(0), 0, gr.div(n.pow(p - 1))))];
    });
  }
  return out;
}

/** at::sum_to: sums leading dims and dims where `shape` is 1, then views as `shape`. */
export function sumToSize(g: Tensor, shape: readonly number[]): Tensor {
  const gs = g._shape;
  const lead = gs.length - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < gs.length; i++) {
    if (i < lead) dims.push(i);
    else if (shape[i - lead] === 1 && gs[i] !== 1) dims.push(i);
  }
  if (dims.length === 0) return g;
  let out = g.sum(dims, true);
  if (lead > 0) out = out.view(shape as number[]);
  return out;
}

export function any(x: Tensor): boolean {
  const v = x._values();
  for (let i = 0; i < v.length; i++) if (v[i]) return true;
  return false;
}

