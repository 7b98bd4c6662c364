// In-place ops: write into the tensor's storage, bump the shared version counter, and rebase the
// tensor's history onto a new node (PyTorch's rebase_history) when autograd is recording.
import { gradMode } from "../autograd/grad_mode.js";
import { checkViewGradFn, handleViewOnRebase } from "../autograd/view_meta.js";
import * as K from "../backend/cpu.js";
import { RuntimeError } from "../errors.js";
import { bool, category, float32, float64, int64, type DType } from "../tensor/dtype.js";
import { broadcastShapes, broadcastStrides, formatShape, sameShape } from "../tensor/shape.js";
import { Tensor, type TensorOrScalar } from "../tensor/tensor.js";
import { asTensor, binaryDefs, binaryKernel, binaryResultDtype, castFn, checkAlpha, checkSub, clone, fixBinaryAten, kernelOf, pow, savedFor, where, type BinaryDef, type BinaryName, type Vals } from "./elementwise.js";
import { record, shouldRecord, type BackwardFn } from "./record.js";

const TYPE_NAMES: Record<string, string> = { float32: "Float", float64: "Double", int64: "Long", int32: "Int", bool: "Bool" };

/**
 * Errors PyTorch raises before any in-place write when autograd is on (check_inplace, with
 * compute_requires_grad(self, other)): a restricted view (split/chunk/unbind outputs, views made in
 * no_grad or inference mode) first, then views of leaves and leaves that require grad.
 */
export function checkInplace(self: Tensor, other?: Tensor | null): void {
  if (!gradMode.enabled) return;
  const base = self._base;
  // DifferentiableViewMeta::requires_grad: a view requires grad when its base does, even one made in no_grad mode
  const selfRequiresGrad = self.requiresGrad || (base !== null && base.requiresGrad);
  if (!selfRequiresGrad && !(other != null && other.requiresGrad)) return;
  if (base !== null) {
    handleViewOnRebase(self, false);
    if (selfRequiresGrad && base.isLeaf && base._requiresGrad)
      throw new RuntimeError("a view of a leaf Variable that requires grad is being used in an in-place operation.");
  }
  if (self._gradFn === null && self._requiresGrad) throw new RuntimeError("a leaf Variable that requires grad is being used in an in-place operation.");
  // the op's collect_next_edges(other) reads other's grad_fn before the write
  if (other != null && other._creationMeta !== 0) checkViewGradFn(other);
}

/** assert_no_internal_overlap: an expanded (stride 0) destination would be written more than once. */
export function checkNoInternalOverlap(self: Tensor): void {
  for (let i = 0; i < self._shape.length; i++)
    if (self._strides[i] === 0 && self._shape[i] > 1)
      throw new RuntimeError(
        "unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.",
      );
}

export function checkCast(result: DType, self: DType): void {
  if (category(result) > category(self))
    throw new RuntimeError(`result type ${TYPE_NAMES[result.name]} can't be cast to the desired output type ${TYPE_NAMES[self.name]}`);
}

function checkBroadcastInto(self: Tensor, other: Tensor): void {
  if (other._shape.length === 0) return;
  const shape = broadcastShapes(self._shape, other._shape);
  if (!sameShape(shape, self._shape))
    throw new RuntimeError(`output with shape ${formatShape(self._shape)} doesn't match the broadcast shape ${formatShape(shape)}`);
}

/** Moves a retained-grad hook from the old grad_fn to the new one, as rebase_history does. */
export function moveRetainGrad(self: Tensor, oldFn: Tensor["_gradFn"], oldNr: number): void {
  if (self._retainsGrad && oldFn && oldFn._retainGradHooks) {
    oldFn._retainGradHooks.delete(oldNr);
    self._installRetainGrad();
  }
}

/** self.add_(other, alpha=...) and friends. */
export function binaryInPlace(name: BinaryName, self: Tensor, otherV: TensorOrScalar, alpha: number): void {
  const def: BinaryDef = binaryDefs[name];
  const other = asTensor(otherV);
  checkInplace(self, other);
  if (name === "sub") checkSub(self, other);
  checkNoInternalOverlap(self);
  const dtype = binaryResultDtype(def, self, other);
  checkCast(dtype, self.dtype);
  if (name === "add" || name === "sub") checkAlpha(dtype, alpha);
  checkBroadcastInto(self, other);
  const recording = shouldRecord(self, other);
  // The derivatives may need self's value from before the write (other's for mul and div, both for pow).
  const needsOriginal =
    recording && (((self._gradFn !== null || self._requiresGrad) && def.self[0].includes("self")) || (other.requiresGrad && def.other[0].includes("self")));
  const original = needsOriginal ? clone(self) : null;
  const aten = def.aten && (dtype === float32 || dtype === float64) ? def.aten[dtype === float32 ? 0 : 1] : undefined;
  if (aten) {
    // pow_: out-of-place pow's exact kernels in the common dtype, then the cast into self (TensorIterator's
    // cast_common_dtype_to_outputs), so that pow_ gives pow's bits
    const values = binaryKernel(aten.vec, self, other, dtype, dtype);
    fixBinaryAten(aten, self, other, values, dtype);
    writeInto(self, values);
  } else {
  const f0 = kernelOf(def, alpha, dtype);
  // int64 lives in a Float64Array: no -0 (0 * -3) in an integer tensor
  const f = self.dtype === int64 ? (x: number, y: number) => f0(x, y) + 0 : f0;
  if (dtype === self.dtype && (other.dtype === dtype || other._wrapped) && other._data !== self._data) {
    // Same precision: write elementwise straight into self's storage.
    const bv = other._wrapped && dtype === float32 ? Math.fround(other._data[0]) : null;
    const oData = bv === null ? other._data : new Float64Array([bv]);
    const oStrides =
      bv === null ? (other._shape.length === 0 && self._shape.length === 0 ? other._strides : broadcastStrides(other._shape, other._strides, self._shape))
        : new Array<number>(self._shape.length).fill(0);
    K.binaryInPlace(f, self._shape, self._data, self._strides, self._offset, oData, oStrides, bv === null ? other._offset : 0);
    self._version.value++;
  } else writeInto(self, binaryKernel(f, self, other, dtype, self.dtype));
  }
  if (recording) {
    const oldFn = self._gradFn;
    const oldNr = self._outputNr;
    rebase(def.node, [self, other], self, savedFor(def, oldFn !== null || self._requiresGrad, other.requiresGrad, original, other, self), (ctx, [g]) => {
      const v: Vals = ctx;
      return [ctx.needs(0) ? def.self[1](g, v, alpha) : null, ctx.needs(1) ? def.other[1](g, v, alpha) : null];
    });
    moveRetainGrad(self, oldFn, oldNr);
  }
}

/**
 * rebase_history: the in-place op's node becomes self's grad_fn. On a view, the base's history is
 * rebased instead, onto a CopySlices node that runs the op's derivative on the view's window of the
 * base's gradient, and the view's grad_fn becomes an AsStridedBackward0 of the base.
 */
export function rebase(name: string, inputs: Tensor[], self: Tensor, saved: (Tensor | null)[], backward: BackwardFn): void {
  const base = self._base;
  if (base === null) {
    record(name, inputs, self, saved, backward);
    return;
  }
  if (!base.isContiguous())
    throw new RuntimeError("in-place operations on views of non-contiguous bases are not supported with autograd in tensorgrad");
  const fn = record(name, inputs, [], saved, backward);
  // fn only ever runs inside CopySlices, which always wants the window's gradient.
  if (fn._nextNodes[0] === null) fn._nextNodes[0] = fn;
  fn._setOutput(self._shape, self.dtype);
  const window = { shape: self._shape.slice(), strides: self._strides.slice(), offset: self._offset - base._offset };
  const baseShape = base._shape.slice();
  record("CopySlices", [base, ...inputs.slice(1)], base, [], (_ctx, [g]) => {
    // result = grad.clone(); result[window] = fn(grad[window]) (its other outputs pass through),
    // written with differentiable ops so that create_graph (double backward) works.
    const res = fn.apply([windowOf(g, baseShape, window)]);
    const ones = new Tensor(new Uint8Array(window.shape.reduce((a, b) => a * b, 1)).fill(1), window.shape.slice(), undefined, 0, bool);
    const inWindow = asStridedBackward(ones, baseShape, window);
    const result = where(inWindow, res[0] ? asStridedBackward(res[0], baseShape, window) : 0, g);
    return [result, ...res.slice(1)];
  });
  record("AsStridedBackward0", [base], self, [], (_ctx, [g]) => [asStridedBackward(g, baseShape, window)]);
}

/** grad.as_strided(window) as a fresh tensor, differentiable in grad (its derivative is as_strided_backward). */
function windowOf(g: Tensor, baseShape: number[], window: { shape: number[]; strides: number[]; offset: number }): Tensor {
  const gc = g.contiguous();
  const out = new Tensor(gc._data, window.shape.slice(), window.strides.slice(), window.offset, gc.dtype).clone();
  if (shouldRecord(gc)) record("AsStridedBackward0", [gc], out, [], (_ctx, [gg]) => [asStridedBackward(gg, baseShape, window)]);
  return out;
}

/** as_strided_backward: the view's gradient written into its window of zeros shaped like the base. */
function asStridedBackward(g: Tensor, baseShape: number[], window: { shape: number[]; strides: number[]; offset: number }): Tensor {
  const out = new Tensor(g.dtype.alloc(baseShape.reduce((a, b) => a * b, 1)), baseShape.slice(), undefined, 0, g.dtype);
  K.binaryInPlace((a, b) => a + b, window.shape, out._data, window.strides, window.offset, g.contiguous()._data, g.contiguous()._strides, 0);
  if (shouldRecord(g))
    record("AsStridedBackwardBackward0", [g], out, [], (_ctx, [gg]) => [
      new Tensor(gg.contiguous()._data, window.shape, window.strides, window.offset, gg.dtype).clone(),
    ]);
  return out;
}

/**
 * self.pow_(exponent) with a number exponent (pow_.Scalar, PowBackward0): the values are out-of-place
 * pow's (ATen's pow_tensor_scalar kernels) written into self. PyTorch 2.x's pow.Tensor_Scalar
 * iterator casts its common dtype to the output with safe-casting checks ("result type Float can't
 * be cast to the desired output type Long"; 1.13 said "Found dtype Long but expected Float").
 */
export function powScalarInPlace(self: Tensor, exponent: Exclude<TensorOrScalar, Tensor>): void {
  checkInplace(self);
  const values = pow(self.detach(), exponent); // "Integers to negative integer powers are not allowed." first, as in pow's meta
  checkNoInternalOverlap(self);
  checkCast(values.dtype, self.dtype);
  const recording = shouldRecord(self);
  const e = +exponent;
  const original = recording && e !== 0 ? clone(self) : null;
  writeInto(self, values);
  if (recording) {
    const oldFn = self._gradFn;
    const oldNr = self._outputNr;
    rebase("PowBackward0", [self], self, [original], (ctx, [g]) => [
      e === 0 ? g.mul(0) : g.mul(ctx.saved(0).pow(e - 1).mul(e)),
    ]);
    moveRetainGrad(self, oldFn, oldNr);
  }
}

/** Copies contiguous `values` (same shape) into self's strided storage and bumps its version. */
function writeInto(self: Tensor, values: Tensor): void {
  K.copyInto(self, values);
  self._version.value++;
}

/** zero_() / fill_(value). */
export function fillInPlace(self: Tensor, value: number | boolean | Tensor, isZero = false): void {
  let v: number;
  let valueTensor: Tensor | null = null;
  if (value instanceof Tensor) {
    if (value.ndim !== 0)
      throw new RuntimeError(`fill_ only supports 0-dimension value tensor but got tensor with ${value.ndim} dimensions.`);
    valueTensor = value;
    v = value._data[value._offset];
  } else v = +value;
  checkInplace(self, valueTensor);
  const cast = castFn(self.dtype);
  K.fill(self, cast ? cast(v) : v);
  self._version.value++;
  if (shouldRecord(self, valueTensor)) {
    const oldFn = self._gradFn;
    const oldNr = self._outputNr;
    // derivatives.yaml numbers fill.Scalar, fill.Tensor, fill_.Scalar, fill_.Tensor as FillBackward0..3
    const name = isZero ? "ZeroBackward0" : valueTensor ? "FillBackward3" : "FillBackward2";
    rebase(name, valueTensor ? [self, valueTensor] : [self], self, [], (ctx, [g]) =>
      valueTensor ? [ctx.needs(0) ? g.mul(0) : null, ctx.needs(1) ? g.sum() : null] : [g.mul(0)],
    );
    moveRetainGrad(self, oldFn, oldNr);
  }
}

/** A fresh tensor's copy_(src) that returns it (AccumulateGrad's copy under create_graph). */
export function copyInto(fresh: Tensor, src: Tensor): Tensor {
  copyInPlace(fresh, src);
  return fresh;
}

/** self.copy_(src): broadcasts src into self, converting dtype. */
export function copyInPlace(self: Tensor, src: Tensor): void {
  checkInplace(self, src);
  checkNoInternalOverlap(self);
  checkBroadcastInto(self, src);
  K.copyInto(self, { _data: src._data, _shape: self._shape, _strides: broadcastStrides(src._shape, src._strides, self._shape), _offset: src._offset }, castFn(self.dtype));
  self._version.value++;
  if (shouldRecord(self, src)) {
    const oldFn = self._gradFn;
    const oldNr = self._outputNr;
    rebase("CopyBackwards", [self, src], self, [], (ctx, [g]) => [ctx.needs(0) ? g.mul(0) : null, ctx.needs(1) ? g : null]);
    moveRetainGrad(self, oldFn, oldNr);
  }
}

/** AccumulateGrad's `grad += new_grad` (no autograd): same shape and dtype by construction. */
export function accumulateInPlace(grad: Tensor, g: Tensor): void {
  const shape = grad._shape;
  K.binaryInPlace((a, b) => a + b, shape, grad._data, grad._strides, grad._offset, g._data, broadcastStrides(g._shape, g._strides, shape), g._offset);
  grad._version.value++;
}
