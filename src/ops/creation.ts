// Factory functions: torch.tensor, zeros, ones, full, arange, linspace, rand, randn and the *Like forms.
import { RuntimeError, ValueError } from "../errors.js";
import { defaultGenerator, type Generator } from "../random/generator.js";
import { bool, DType, dtypeOf, getDefaultDtype, int64, type DTypeName, type Storage } from "../tensor/dtype.js";
import { numelOf } from "../tensor/shape.js";
import { flattenShape, Tensor, type NestedArray } from "../tensor/tensor.js";
import { castFn } from "./elementwise.js";

export interface TensorOptions {
  dtype?: DType | DTypeName | null;
  requiresGrad?: boolean;
  /** accepted for PyTorch compatibility; tensorgrad runs on the CPU */
  device?: string | null;
}
export interface RandomOptions extends TensorOptions {
  generator?: Generator | null;
}

type SizeArgs<O> = (number | number[] | O)[];

/** Splits `(2, 3, {dtype})` / `([2, 3], {dtype})` into a shape and the options object. */
export function splitSize<O extends object>(args: SizeArgs<O>): [number[], O] {
  let opts = {} as O;
  const last = args[args.length - 1];
  if (last !== undefined && typeof last === "object" && !Array.isArray(last)) {
    opts = last as O;
    args = args.slice(0, -1);
  }
  const shape = flattenShape(args as (number | number[])[]);
  for (const d of shape)
    if (!Number.isInteger(d) || d < 0) throw new RuntimeError(`Trying to create tensor with negative dimension ${d}: [${shape.join(", ")}]`);
  return [shape, opts];
}

function finish(t: Tensor, opts: TensorOptions): Tensor {
  if (opts.requiresGrad) {
    if (!t.dtype.isFloatingPoint) throw new RuntimeError("Only Tensors of floating point and complex dtype can require gradients");
    t._requiresGrad = true;
  }
  return t;
}

function resolveDtype(opts: TensorOptions, fallback: DType = getDefaultDtype()): DType {
  return opts.dtype ? dtypeOf(opts.dtype) : fallback;
}

/** torch.tensor(data): nested arrays of numbers, booleans or bigints (or a typed array). */
export function tensor(data: NestedArray | ArrayLike<number> | Tensor, opts: TensorOptions = {}): Tensor {
  if (data instanceof Tensor) {
    const dtype = resolveDtype(opts, data.dtype);
    return finish(new Tensor(copyAs(data._values(), dtype), data._shape.slice(), undefined, 0, dtype), opts);
  }
  const shape: number[] = [];
  let probe: unknown = data;
  while (Array.isArray(probe) || ArrayBuffer.isView(probe)) {
    const arr = probe as ArrayLike<unknown>;
    shape.push(arr.length);
    if (arr.length === 0) break;
    probe = arr[0];
  }
  const flat: (number | boolean | bigint)[] = [];
  let kind = "bool" as "bool" | "int" | "float";
  const walk = (v: unknown, d: number): void => {
    if (d === shape.length) {
      if (Array.isArray(v)) throw new ValueError(`expected sequence of length ${shape[d - 1]} at dim ${d - 1} (got ${v.length})`);
      if (typeof v === "boolean") flat.push(v);
      else if (typeof v === "bigint") {
        if (kind === "bool") kind = "int";
        flat.push(v);
      } else if (typeof v === "number") {
        kind = "float";
        flat.push(v);
      } else throw new TypeError(`Could not infer dtype of ${typeof v}`);
      return;
    }
    const arr = v as ArrayLike<unknown>;
    if (!(Array.isArray(v) || ArrayBuffer.isView(v)) || arr.length !== shape[d])
      throw new ValueError(`expected sequence of length ${shape[d]} at dim ${d} (got ${Array.isArray(v) ? v.length : typeof v})`);
    for (let i = 0; i < arr.length; i++) walk(arr[i], d + 1);
  };
  walk(data, 0);
  const inferred = kind === "bool" && flat.length > 0 ? bool : kind === "int" ? int64 : getDefaultDtype();
  const dtype = resolveDtype(opts, inferred);
  const storage = dtype.alloc(flat.length);
  const cast = castFn(dtype);
  for (let i = 0; i < flat.length; i++) {
    const v = Number(flat[i]);
    storage[i] = cast ? cast(v) : v;
  }
  return finish(new Tensor(storage, shape, undefined, 0, dtype), opts);
}

function copyAs(values: Storage, dtype: DType): Storage {
  const out = dtype.alloc(values.length);
  const cast = castFn(dtype);
  for (let i = 0; i < values.length; i++) out[i] = cast ? cast(values[i]) : values[i];
  return out;
}

export function full(size: number[], value: number | boolean, opts: TensorOptions = {}): Tensor {
  for (const d of size)
    if (!Number.isInteger(d) || d < 0) throw new RuntimeError(`Trying to create tensor with negative dimension ${d}: [${size.join(", ")}]`);
  const dtype = resolveDtype(opts, typeof value === "boolean" ? bool : getDefaultDtype());
  const storage = dtype.alloc(numelOf(size));
  const cast = castFn(dtype);
  storage.fill(cast ? cast(+value) : +value);
  return finish(new Tensor(storage, size.slice(), undefined, 0, dtype), opts);
}

export function zeros(...args: SizeArgs<TensorOptions>): Tensor {
  const [shape, opts] = splitSize(args);
  return full(shape, 0, opts);
}
export function ones(...args: SizeArgs<TensorOptions>): Tensor {
  const [shape, opts] = splitSize(args);
  return full(shape, 1, opts);
}
export function empty(...args: SizeArgs<TensorOptions>): Tensor {
  return zeros(...args);
}

function likeOpts(t: Tensor, opts: TensorOptions): TensorOptions {
  return { ...opts, dtype: opts.dtype ?? t.dtype };
}
export function zerosLike(t: Tensor, opts: TensorOptions = {}): Tensor {
  return full(t._shape, 0, likeOpts(t, opts));
}
export function onesLike(t: Tensor, opts: TensorOptions = {}): Tensor {
  return full(t._shape, 1, likeOpts(t, opts));
}
export function fullLike(t: Tensor, value: number | boolean, opts: TensorOptions = {}): Tensor {
  return full(t._shape, value, likeOpts(t, opts));
}
export function emptyLike(t: Tensor, opts: TensorOptions = {}): Tensor {
  return zerosLike(t, opts);
}

/** torch.arange(end) / (start, end) / (start, end, step): values start + i*step. */
export function arange(a: number, b?: number | TensorOptions, c?: number | TensorOptions, d?: TensorOptions): Tensor {
  const nums: number[] = [];
  let opts: TensorOptions = {};
  for (const x of [a, b, c, d]) {
    if (typeof x === "number") nums.push(x);
    else if (x && typeof x === "object") opts = x;
  }
  const [start, end, step] = nums.length === 1 ? [0, nums[0], 1] : [nums[0], nums[1], nums[2] ?? 1];
  const dtype = resolveDtype(opts);
  // ATen computes in the accumulate type: int64 for integer dtypes, so start/end/step truncate first
  const integral = !dtype.isFloatingPoint;
  const [xs, xe, xst] = integral ? [Math.trunc(start), Math.trunc(end), Math.trunc(step)] : [start, end, step];
  if (xst === 0) throw new RuntimeError("step must be nonzero");
  if ((xst > 0 && xe < xs) || (xst < 0 && xe > xs))
    throw new RuntimeError("upper bound and larger bound inconsistent with step sign");
  // int64 counts in integer arithmetic; every other dtype from the untruncated doubles
  const n = dtype === int64 ? Math.trunc((xe - xs + xst - Math.sign(xst)) / xst) : Math.ceil((end - start) / step);
  const storage = dtype.alloc(n);
  const cast = castFn(dtype);
  for (let i = 0; i < n; i++) storage[i] = cast ? cast(xs + i * xst) : xs + i * xst;
  return finish(new Tensor(storage, [n], undefined, 0, dtype), opts);
}

/** torch.linspace, computed as ATen's CPU kernel does: from both ends, in the dtype's precision. */
export function linspace(start: number, end: number, steps: number, opts: TensorOptions = {}): Tensor {
  if (steps < 0) throw new RuntimeError("number of steps must be non-negative");
  const dtype = resolveDtype(opts);
  const storage = dtype.alloc(steps);
  // integer dtypes: start and end truncate first, the step stays a double, each value truncates
  const integral = !dtype.isFloatingPoint;
  const r = dtype.name === "float32" ? Math.fround : integral ? castFn(dtype) ?? Math.trunc : (v: number) => v;
  if (steps === 1) storage[0] = r(start);
  else if (steps > 1) {
    const s = r(start);
    const e = r(end);
    const step = integral ? (e - s) / (steps - 1) : r((e - s) / (steps - 1));
    const halfway = Math.floor(steps / 2);
    const ri = integral ? (v: number) => v : r;
    for (let i = 0; i < steps; i++) storage[i] = i < halfway ? r(s + ri(step * i)) : r(e - ri(step * (steps - i - 1)));
  }
  return finish(new Tensor(storage, [steps], undefined, 0, dtype), opts);
}

function randomTensor(args: SizeArgs<RandomOptions>, fill: (g: Generator, n: number, dtype: DType) => Storage): Tensor {
  const [shape, opts] = splitSize(args);
  const dtype = resolveDtype(opts);
  if (!dtype.isFloatingPoint) throw new RuntimeError(`"check_uniform_bounds" not implemented for '${dtype.legacyName.replace("Tensor", "")}'`);
  const g = opts.generator ?? defaultGenerator;
  return finish(new Tensor(fill(g, numelOf(shape), dtype), shape, undefined, 0, dtype), opts);
}

/** torch.rand: uniform on [0, 1), the same numbers as PyTorch's CPU generator. */
export function rand(...args: SizeArgs<RandomOptions>): Tensor {
  return randomTensor(args, (g, n, dtype) => g.uniform(n, dtype.name as "float32" | "float64"));
}
/** torch.randn: standard normal, the same numbers as PyTorch's CPU generator. */
export function randn(...args: SizeArgs<RandomOptions>): Tensor {
  return randomTensor(args, (g, n, dtype) => g.normal(n, dtype.name as "float32" | "float64"));
}
export function randLike(t: Tensor, opts: RandomOptions = {}): Tensor {
  return rand(t._shape, { ...opts, dtype: opts.dtype ?? t.dtype });
}
export function randnLike(t: Tensor, opts: RandomOptions = {}): Tensor {
  return randn(t._shape, { ...opts, dtype: opts.dtype ?? t.dtype });
}

export function manualSeed(seed: number | bigint): Generator {
  return defaultGenerator.manualSeed(seed);
}
/** torch.seed(): reseeds the default generator non-deterministically and returns the seed. */
export function seed(): bigint {
  return defaultGenerator.seed();
}
export function initialSeed(): bigint {
  return defaultGenerator.initialSeed();
}
/** The default generator's state as a uint8 tensor (PyTorch's 5056-byte CPU layout). */
export function getRngState(): Tensor {
  const bytes = defaultGenerator.getState();
  return new Tensor(Float64Array.from(bytes), [bytes.length], undefined, 0, int64);
}
export function setRngState(state: Tensor): void {
  defaultGenerator.setState(Uint8Array.from(state._values()));
}
