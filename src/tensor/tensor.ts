// The Tensor: a strided view on typed-array storage plus its autograd state.
import { gradientEdge, runBackward } from "../autograd/engine.js";
import { gradMode } from "../autograd/grad_mode.js";
import { checkViewGradFn } from "../autograd/view_meta.js";
import { AccumulateGrad, type Node, type RemovableHandle } from "../autograd/node.js";
import * as K from "../backend/cpu.js";
import { RuntimeError, warn } from "../errors.js";
import * as E from "../ops/elementwise.js";
import * as I from "../ops/inplace.js";
import * as L from "../ops/linalg.js";
import * as R from "../ops/reduce.js";
import * as V from "../ops/view.js";
import { backward as autogradBackward } from "../autograd/functional.js";
import { RESIDENT_MIN_ELEMENTS, residentStorage } from "./resident_hooks.js";
import { DType, dtypeOf, getDefaultDtype, type DTypeName, type Storage } from "./dtype.js";
import { formatTensor } from "./format.js";
import { contiguousStrides, numelOf, wrapDim } from "./shape.js";

export type Scalar = number | boolean;
export type TensorOrScalar = Tensor | Scalar;
export type IndexItem = number | boolean | null | "..." | [number | null, number | null] | [number | null, number | null, number | null] | Tensor | NestedArray[];
export type NestedArray = number | boolean | bigint | NestedArray[];

/** Shared by a tensor and its views; bumped by every in-place write (PyTorch's _version). */
export interface VersionCounter {
  value: number;
}

const NON_LEAF_GRAD_WARNING =
  "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute won't be populated during autograd.backward(). " +
  "If you indeed want the .grad field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. " +
  "If you access the non-leaf Tensor by mistake, make sure you access the leaf Tensor instead. " +
  "See github.com/pytorch/pytorch/pull/30531 for more informations.";

/**
 * Storage the wasm backend placed in its memory (src/backend/wasm_memory.ts) can be freed by dispose()
 * before the GC gets to it. It is only freed when the disposed tensor is the one tensor ever made on it
 * (views, `.data` and detached copies all count), so no other tensor can see the memory reused.
 */
/** resident storage -> tensors made on it */
const storageUsers = new WeakMap<Storage, number>();

/** Counts a tensor made on `data` (callers check RESIDENT_MIN_ELEMENTS first: the cheap test). */
function countUser(data: Storage): void {
  if (residentStorage.isResident !== null && residentStorage.isResident(data)) storageUsers.set(data, (storageUsers.get(data) ?? 0) + 1);
}

export class Tensor {
  _data: Storage;
  _shape: number[];
  _strides: number[];
  _offset: number;
  readonly dtype: DType;
  /** made on first use: most temporaries are never versioned */
  _vc: VersionCounter | null;
  /** requires_grad of a leaf; non-leaves require grad through their grad_fn */
  _requiresGrad = false;
  _gradFn: Node | null = null;
  _outputNr = 0;
  _grad: Tensor | null = null;
  _retainsGrad = false;
  _accumulator: AccumulateGrad | null = null;
  /** the tensor whose storage this view shares, for views made by view ops */
  _base: Tensor | null = null;
  /** a view's CreationMeta (src/autograd/view_meta.ts); 0 (DEFAULT) for other tensors */
  _creationMeta = 0;
  /** the version a restricted view (creation meta not DEFAULT) was made at */
  _attrVersion = 0;
  /** a JS number taking part in an op (PyTorch's wrapped number: lowest promotion priority) */
  _wrapped = false;

  constructor(data: Storage, shape: number[], strides: number[] = contiguousStrides(shape), offset = 0, dtype?: DType, version?: VersionCounter) {
    this._data = data;
    this._shape = shape;
    this._strides = strides;
    this._offset = offset;
    this.dtype = dtype ?? dtypeFromStorage(data);
    this._vc = version ?? null;
    if (data.length >= RESIDENT_MIN_ELEMENTS) countUser(data);
  }

  /**
   * Releases this tensor's memory now instead of when the GC collects it, and leaves the tensor empty
   * (shape [0]); also `using t = ...` where the engine has `Symbol.dispose`. Optional: a JavaScript
   * addition, not PyTorch's. It matters for large tensors on the wasm backend in loops that never
   * yield to the event loop (the GC returns their memory only between event-loop turns). The storage is
   * freed only when no other tensor was made on it (a view, `.data`, ...); otherwise only this tensor
   * is emptied. Using an autograd graph that saved this tensor afterwards raises PyTorch's in-place
   * modification error.
   */
  dispose(): void {
    const d = this._data;
    if (this._shape.length === 1 && this._shape[0] === 0 && d.length === 0) return;
    const users = storageUsers.get(d);
    if (users !== undefined) {
      if (users === 1 && residentStorage.free !== null) residentStorage.free(d);
      storageUsers.set(d, users - 1);
    }
    this._data = new this.dtype.ArrayType(0);
    this._shape = [0];
    this._strides = [1];
    this._offset = 0;
    this._version.value++;
  }

  /** The version counter shared with views (PyTorch's VariableVersion). */
  get _version(): VersionCounter {
    return (this._vc ??= { value: 0 });
  }

  // ---- metadata -------------------------------------------------------------------------------
  get shape(): number[] {
    return this._shape.slice();
  }
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number[] | number {
    if (dim === undefined) return this._shape.slice();
    return this._shape.length === 0 ? 1 : this._shape[wrapDim(dim, this._shape.length)];
  }
  stride(): number[];
  stride(dim: number): number;
  stride(dim?: number): number[] | number {
    if (dim === undefined) return this._strides.slice();
    return this._strides[wrapDim(dim, this._shape.length)];
  }
  storageOffset(): number {
    return this._offset;
  }
  get ndim(): number {
    return this._shape.length;
  }
  dim(): number {
    return this._shape.length;
  }
  numel(): number {
    return numelOf(this._shape);
  }
  nelement(): number {
    return this.numel();
  }
  isContiguous(): boolean {
    return K.isContiguous(this._shape, this._strides);
  }
  isFloatingPoint(): boolean {
    return this.dtype.isFloatingPoint;
  }
  get version(): number {
    return this._version.value;
  }
  get _isView(): boolean {
    return this._base !== null;
  }
  /** The tensor this view shares storage with (PyTorch's `._base`), or null. */
  get base(): Tensor | null {
    return this._base;
  }

  // ---- autograd state -------------------------------------------------------------------------
  get requiresGrad(): boolean {
    return this._requiresGrad || this._gradFn !== null;
  }
  set requiresGrad(flag: boolean) {
    // THPVariable_set_requires_grad: stricter than requires_grad_() on non-leaves, and its own dtype message
    if (!this.isLeaf)
      throw new RuntimeError(
        "you can only change requires_grad flags of leaf variables." +
          (flag ? "" : " If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach()."),
      );
    if (flag && !this.dtype.isFloatingPoint) throw new RuntimeError("only Tensors of floating point and complex dtype can require gradients");
    this._requiresGrad = flag;
  }
  get isLeaf(): boolean {
    if (this._creationMeta !== 0) checkViewGradFn(this); // is_leaf reads grad_fn()
    return this._gradFn === null;
  }
  get gradFn(): Node | null {
    if (this._creationMeta !== 0) checkViewGradFn(this);
    return this._gradFn;
  }
  get retainsGrad(): boolean {
    return this._retainsGrad;
  }
  get grad(): Tensor | null {
    if (this._gradFn !== null && !this._retainsGrad && this._grad === null) warn(NON_LEAF_GRAD_WARNING);
    return this._grad;
  }
  set grad(g: Tensor | null) {
    if (g !== null) {
      if (!(g instanceof Tensor)) throw new TypeError("assigned grad expected to be a Tensor or None");
      if (g.dtype !== this.dtype) throw new RuntimeError("assigned grad has data of a different type");
      if (!sameShape(g._shape, this._shape)) throw new RuntimeError("assigned grad has data of a different size");
    }
    this._grad = g;
  }
  /** `.data`: the same storage, cut off from autograd, with its own version counter. */
  get data(): Tensor {
    const t = new Tensor(this._data, this._shape.slice(), this._strides.slice(), this._offset, this.dtype);
    return t;
  }
  set data(t: Tensor) {
    this._data = t._data;
    if (t._data.length >= RESIDENT_MIN_ELEMENTS) countUser(t._data);
    this._shape = t._shape.slice();
    this._strides = t._strides.slice();
    this._offset = t._offset;
    (this as { dtype: DType }).dtype = t.dtype;
  }

  requiresGrad_(flag = true): this {
    if (!this.isLeaf) {
      if (!flag)
        throw new RuntimeError(
          "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().",
        );
      return this;
    }
    if (flag && !this.dtype.isFloatingPoint) throw new RuntimeError("only Tensors of floating point dtype can require gradients");
    this._requiresGrad = flag;
    return this;
  }

  retainGrad(): void {
    if (!this.requiresGrad) throw new RuntimeError("can't retain_grad on Tensor that has requires_grad=False");
    if (this.isLeaf || this._retainsGrad) return;
    this._installRetainGrad();
  }
  _installRetainGrad(): void {
    const fn = this._gradFn!;
    const self = this;
    (fn._retainGradHooks ??= new Map()).set(this._outputNr, (g: Tensor) => {
      self._grad = self._grad === null ? g.clone() : self._grad.add(g);
    });
    this._retainsGrad = true;
  }

  /** The leaf's AccumulateGrad node, made once and kept. */
  _gradAccumulator(): AccumulateGrad {
    return (this._accumulator ??= new AccumulateGrad(this));
  }

  /** AccumulateGrad's update: steal-or-clone the first gradient, then add in place (or out of place under create_graph). */
  _accumulateGrad(g: Tensor): void {
    if (this._grad === null) {
      // PyTorch's layout contract (AccumulateGrad): .grad takes the strides of a non-overlapping and
      // dense variable (else it is contiguous). A grad that already has them is cloned; otherwise, and
      // always under create_graph, it is copied into a fresh tensor of that layout
      // (clone_obey_contract), so the grad's history shows CopyBackwards.
      const dense = K.isContiguous(this._shape, this._strides) || E.isNonOverlappingAndDense(this);
      const strides = dense ? this._strides.slice() : contiguousStrides(this._shape);
      // (PyTorch hands such a grad to .grad as it is: a copy keeps its strides, size-1 dims included)
      if (!gradMode.enabled && sameStridesWhereSized(g, strides)) this._grad = E.denseCopy(g);
      else this._grad = I.copyInto(new Tensor(this.dtype.alloc(this.numel()), this._shape.slice(), strides, 0, this.dtype), g);
    } else if (gradMode.enabled) {
      this._grad = this._grad.add(g);
    } else {
      I.accumulateInPlace(this._grad, g);
    }
  }

  detach(): Tensor {
    const t = new Tensor(this._data, this._shape.slice(), this._strides.slice(), this._offset, this.dtype, this._version);
    return t;
  }
  detach_(): this {
    if (this._base !== null && this._base.requiresGrad)
      throw new RuntimeError("Can't detach views in-place. Use detach() instead. If you are using DistributedDataParallel (DDP) for training, and gradient_as_bucket_view is set as True, gradients are views of DDP buckets, and hence detach_() cannot be called on these gradients. To fix this error, please refer to the Optimizer.zero_grad() function in torch/optim/optimizer.py as the solution.");
    this._gradFn = null;
    this._outputNr = 0;
    this._requiresGrad = false;
    this._retainsGrad = false;
    return this;
  }

  backward(gradient?: Tensor | null | BackwardOptions, options: BackwardOptions = {}): void {
    if (gradient !== undefined && gradient !== null && !(gradient instanceof Tensor)) {
      options = gradient;
      gradient = null;
    }
    autogradBackward([this], gradient ? { gradTensors: [gradient], retainGraph: options.retainGraph, createGraph: options.createGraph, inputs: options.inputs } : options);
  }

  registerHook(hook: (grad: Tensor) => Tensor | void | undefined | null): RemovableHandle {
    if (!this.requiresGrad) throw new RuntimeError("cannot register a hook on a tensor that doesn't require gradient");
    const [node, nr] = gradientEdge(this);
    return node._addTensorPreHook(nr, hook);
  }

  registerPostAccumulateGradHook(hook: (t: Tensor) => void): RemovableHandle {
    if (!this.requiresGrad) throw new RuntimeError("cannot register a hook on a tensor that doesn't require gradient");
    if (!this.isLeaf) throw new RuntimeError("post accumulate grad hooks cannot be registered on non-leaf tensors");
    const acc = this._gradAccumulator();
    const list = (acc._postAccumulateHooks ??= []);
    list.push(hook);
    return { remove: () => void (list.includes(hook) && list.splice(list.indexOf(hook), 1)) };
  }

  // ---- values ---------------------------------------------------------------------------------
  /** Contiguous copy of the values in row-major order (a plain view when already contiguous). */
  _values(): Storage {
    const n = this.numel();
    if (K.isContiguous(this._shape, this._strides) && this._offset === 0 && this._data.length === n) return this._data;
    return K.copyToContiguous(this, this.dtype.alloc(n));
  }

  item(): number | boolean {
    const n = this.numel();
    if (n !== 1) throw new RuntimeError(`a Tensor with ${n} elements cannot be converted to Scalar`);
    const v = this._data[this._offset];
    return this.dtype.name === "bool" ? v !== 0 : v;
  }

  tolist(): NestedArray {
    const vals = this._values();
    const isBool = this.dtype.name === "bool";
    const shape = this._shape;
    let pos = 0;
    const build = (d: number): NestedArray => {
      if (d === shape.length) {
        const v = vals[pos++];
        return isBool ? v !== 0 : v;
      }
      const out: NestedArray[] = [];
      for (let i = 0; i < shape[d]; i++) out.push(build(d + 1));
      return out;
    };
    return build(0);
  }

  toString(): string {
    return formatTensor({
      shape: this._shape,
      dtype: this.dtype.name,
      values: this._values(),
      requiresGrad: this.requiresGrad,
      gradFnName: this.gradFn ? this._gradFn!.className() : null, // repr reads grad_fn (it may raise for a restricted view)
      defaultDtype: getDefaultDtype().name as "float32" | "float64",
    });
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  // ---- conversion -----------------------------------------------------------------------------
  to(dtype: DType | DTypeName): Tensor {
    return E.toDtype(this, dtypeOf(dtype));
  }
  type(dtype?: DType | DTypeName): Tensor | string {
    if (dtype === undefined) return `torch.${this.dtype.legacyName}`;
    return this.to(dtype);
  }
  float(): Tensor {
    return this.to("float32");
  }
  double(): Tensor {
    return this.to("float64");
  }
  long(): Tensor {
    return this.to("int64");
  }
  int(): Tensor {
    return this.to("int32");
  }
  bool(): Tensor {
    return this.to("bool");
  }
  clone(): Tensor {
    return E.clone(this);
  }
  contiguous(): Tensor {
    return this.isContiguous() ? this : E.clone(this, true);
  }

  // ---- arithmetic -----------------------------------------------------------------------------
  add(other: TensorOrScalar, alpha?: number | { alpha?: number }): Tensor {
    return E.add(this, other, alphaOf(alpha));
  }
  sub(other: TensorOrScalar, alpha?: number | { alpha?: number }): Tensor {
    return E.sub(this, other, alphaOf(alpha));
  }
  rsub(other: TensorOrScalar, alpha?: number | { alpha?: number }): Tensor {
    return E.rsub(this, other, alphaOf(alpha));
  }
  mul(other: TensorOrScalar): Tensor {
    return E.mul(this, other);
  }
  div(other: TensorOrScalar, options?: E.DivOptions | null): Tensor {
    return E.div(this, other, options);
  }
  pow(exponent: TensorOrScalar): Tensor {
    return E.pow(this, exponent);
  }
  neg(): Tensor {
    return E.unaryOp("neg", this);
  }
  abs(): Tensor {
    return E.unaryOp("abs", this);
  }
  sign(): Tensor {
    return E.unaryOp("sign", this);
  }
  exp(): Tensor {
    return E.unaryOp("exp", this);
  }
  log(): Tensor {
    return E.unaryOp("log", this);
  }
  sqrt(): Tensor {
    return E.unaryOp("sqrt", this);
  }
  square(): Tensor {
    return E.pow(this, 2);
  }
  sin(): Tensor {
    return E.unaryOp("sin", this);
  }
  cos(): Tensor {
    return E.unaryOp("cos", this);
  }
  tanh(): Tensor {
    return E.unaryOp("tanh", this);
  }
  sigmoid(): Tensor {
    return E.unaryOp("sigmoid", this);
  }
  relu(): Tensor {
    return E.unaryOp("relu", this);
  }
  eq(other: TensorOrScalar): Tensor {
    return E.compare("eq", this, other);
  }
  ne(other: TensorOrScalar): Tensor {
    return E.compare("ne", this, other);
  }
  lt(other: TensorOrScalar): Tensor {
    return E.compare("lt", this, other);
  }
  le(other: TensorOrScalar): Tensor {
    return E.compare("le", this, other);
  }
  gt(other: TensorOrScalar): Tensor {
    return E.compare("gt", this, other);
  }
  ge(other: TensorOrScalar): Tensor {
    return E.compare("ge", this, other);
  }
  logicalNot(): Tensor {
    return E.unaryOp("logicalNot", this);
  }
  logicalAnd(other: TensorOrScalar): Tensor {
    return E.compare("logicalAnd", this, other);
  }
  logicalOr(other: TensorOrScalar): Tensor {
    return E.compare("logicalOr", this, other);
  }
  /** torch.equal: same shape and values. */
  equal(other: Tensor): boolean {
    if (!sameShape(this._shape, other._shape)) return false;
    const a = this._values();
    const b = other._values();
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  // ---- in place -------------------------------------------------------------------------------
  add_(other: TensorOrScalar, alpha?: number | { alpha?: number }): this {
    I.binaryInPlace("add", this, other, alphaOf(alpha));
    return this;
  }
  sub_(other: TensorOrScalar, alpha?: number | { alpha?: number }): this {
    I.binaryInPlace("sub", this, other, alphaOf(alpha));
    return this;
  }
  mul_(other: TensorOrScalar): this {
    I.binaryInPlace("mul", this, other, 1);
    return this;
  }
  div_(other: TensorOrScalar, options?: E.DivOptions | null): this {
    if (options?.roundingMode !== undefined) E.divRounding.impl!(this, other, options.roundingMode, true);
    else I.binaryInPlace("div", this, other, 1);
    return this;
  }
  /** pow_ with a number (PowBackward0) or tensor exponent (PowBackward1): the bits of pow, cast into self. */
  pow_(exponent: TensorOrScalar): this {
    if (exponent instanceof Tensor) I.binaryInPlace("pow", this, exponent, 1);
    else I.powScalarInPlace(this, exponent);
    return this;
  }
  zero_(): this {
    I.fillInPlace(this, 0, true);
    return this;
  }
  fill_(value: number | boolean | Tensor): this {
    I.fillInPlace(this, value);
    return this;
  }
  copy_(src: Tensor): this {
    I.copyInPlace(this, src);
    return this;
  }

  // ---- reductions -----------------------------------------------------------------------------
  sum(dim?: R.DimArg | R.ReduceOptions, keepdim?: boolean | R.ReduceOptions, options?: R.ReduceOptions): Tensor {
    return R.sum(this, ...R.reduceDtypeArgs(dim, keepdim, options));
  }
  mean(dim?: R.DimArg | R.ReduceOptions, keepdim?: boolean | R.ReduceOptions, options?: R.ReduceOptions): Tensor {
    return R.mean(this, ...R.reduceDtypeArgs(dim, keepdim, options));
  }
  prod(dim?: number | R.ReduceOptions, keepdim?: boolean | R.ReduceOptions, options?: R.ReduceOptions): Tensor {
    const [d, k, dt] = R.reduceDtypeArgs(dim, keepdim, options);
    return R.prod(this, d as number | null, k, dt);
  }
  max(): Tensor;
  max(dim: number | R.ReduceOptions, keepdim?: boolean): R.ValuesIndices;
  max(other: Tensor): Tensor;
  max(dim?: number | Tensor | R.ReduceOptions, keepdim?: boolean): Tensor | R.ValuesIndices {
    if (dim instanceof Tensor) return E.maximum(this, dim);
    return R.maxMin("max", this, ...R.reduceArgs(dim, keepdim)) as never;
  }
  min(): Tensor;
  min(dim: number | R.ReduceOptions, keepdim?: boolean): R.ValuesIndices;
  min(other: Tensor): Tensor;
  min(dim?: number | Tensor | R.ReduceOptions, keepdim?: boolean): Tensor | R.ValuesIndices {
    if (dim instanceof Tensor) return E.minimum(this, dim);
    return R.maxMin("min", this, ...R.reduceArgs(dim, keepdim)) as never;
  }
  amax(dim?: R.DimArg | R.ReduceOptions, keepdim?: boolean): Tensor {
    return R.amaxAmin("amax", this, ...R.reduceArgs(dim, keepdim));
  }
  amin(dim?: R.DimArg | R.ReduceOptions, keepdim?: boolean): Tensor {
    return R.amaxAmin("amin", this, ...R.reduceArgs(dim, keepdim));
  }
  argmax(dim?: number | null | R.ReduceOptions, keepdim?: boolean): Tensor {
    const [d, k] = R.reduceArgs(dim ?? undefined, keepdim);
    return R.argMaxMin("max", this, d as number | null, k);
  }
  argmin(dim?: number | null | R.ReduceOptions, keepdim?: boolean): Tensor {
    const [d, k] = R.reduceArgs(dim ?? undefined, keepdim);
    return R.argMaxMin("min", this, d as number | null, k);
  }
  norm(p: number | "fro" | R.NormOptions = 2, dim?: R.DimArg, keepdim = false): Tensor {
    return R.norm(this, p, dim, keepdim);
  }
  /** Sums a broadcast gradient back down to `shape` (PyTorch's sum_to_size). */
  sumToSize(shape: readonly number[]): Tensor {
    return R.sumToSize(this, shape);
  }

  // ---- linear algebra -------------------------------------------------------------------------
  dot(other: Tensor): Tensor {
    return L.dot(this, other);
  }
  mm(other: Tensor): Tensor {
    return L.mm(this, other);
  }
  mv(other: Tensor): Tensor {
    return L.mv(this, other);
  }
  matmul(other: Tensor): Tensor {
    return L.matmul(this, other);
  }
  outer(other: Tensor): Tensor {
    return L.outer(this, other);
  }
  ger(other: Tensor): Tensor {
    return L.outer(this, other);
  }

  // ---- views ----------------------------------------------------------------------------------
  view(...shape: (number | number[])[]): Tensor {
    if (shape.length === 1 && shape[0] instanceof DType) return this.to(shape[0] as unknown as DType);
    return V.view(this, flattenShape(shape));
  }
  viewAs(other: Tensor): Tensor {
    return V.view(this, other._shape);
  }
  reshape(...shape: (number | number[])[]): Tensor {
    return V.reshape(this, flattenShape(shape));
  }
  reshapeAs(other: Tensor): Tensor {
    return V.reshape(this, other._shape);
  }
  t(): Tensor {
    return V.t(this);
  }
  get T(): Tensor {
    return V.permute(this, this._shape.map((_, i) => this._shape.length - 1 - i), "PermuteBackward0");
  }
  get mT(): Tensor {
    return V.transpose(this, -2, -1);
  }
  transpose(dim0: number, dim1: number): Tensor {
    return V.transpose(this, dim0, dim1);
  }
  swapaxes(dim0: number, dim1: number): Tensor {
    return V.transpose(this, dim0, dim1);
  }
  permute(...dims: (number | number[])[]): Tensor {
    return V.permute(this, flattenShape(dims));
  }
  expand(...shape: (number | number[])[]): Tensor {
    return V.expand(this, flattenShape(shape));
  }
  expandAs(other: Tensor): Tensor {
    return V.expand(this, other._shape);
  }
  squeeze(dim?: number | number[]): Tensor {
    return V.squeeze(this, dim);
  }
  unsqueeze(dim: number): Tensor {
    return V.unsqueeze(this, dim);
  }
  flatten(startDim = 0, endDim = -1): Tensor {
    return V.flatten(this, startDim, endDim);
  }
  select(dim: number, index: number): Tensor {
    return V.select(this, dim, index);
  }
  narrow(dim: number, start: number, length: number): Tensor {
    return V.slice(this, dim, start, start + length, 1, true);
  }
  /** Python's x[i, a:b, None, ...]: numbers, [start, stop, step?] slices, null (new axis), "..." */
  index(...indices: IndexItem[]): Tensor {
    return V.index(this, indices);
  }
}

export interface BackwardOptions {
  retainGraph?: boolean | null;
  createGraph?: boolean;
  inputs?: Tensor | Tensor[] | null;
}

function alphaOf(alpha: number | { alpha?: number } | undefined): number {
  if (alpha === undefined) return 1;
  return typeof alpha === "number" ? alpha : alpha.alpha ?? 1;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Accepts `f(2, 3)`, `f([2, 3])` and `f(2, [3])`-free forms of a shape argument. */
export function flattenShape(args: readonly (number | readonly number[])[]): number[] {
  if (args.length === 1 && Array.isArray(args[0])) return (args[0] as number[]).slice();
  const out: number[] = [];
  for (const a of args) {
    if (Array.isArray(a)) out.push(...a);
    else out.push(a as number);
  }
  return out;
}

/** Whether g's strides are `strides` in every dim of size above 1 (obeys_layout_contract). */
function sameStridesWhereSized(g: Tensor, strides: readonly number[]): boolean {
  if (g._shape.length !== strides.length) return false;
  for (let i = 0; i < strides.length; i++) if (g._shape[i] !== 1 && g._strides[i] !== strides[i]) return false;
  return true;
}

function dtypeFromStorage(data: Storage): DType {
  return dtypeOf(
    data instanceof Float32Array ? "float32" : data instanceof Float64Array ? "float64" : data instanceof Int32Array ? "int32" : "bool",
  );
}

// `using t = ...` (explicit resource management) where the engine defines Symbol.dispose
const disposeSymbol = (Symbol as { dispose?: symbol }).dispose;
if (disposeSymbol !== undefined)
  Object.defineProperty(Tensor.prototype, disposeSymbol, {
    value(this: Tensor) {
      this.dispose();
    },
    writable: true,
    configurable: true,
  });
