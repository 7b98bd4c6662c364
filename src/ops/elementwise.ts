// Elementwise ops, declared once each: value kernel, result dtype rule, grad_fn name, and the
// derivative written with differentiable tensor ops (derivatives.yaml style), so create_graph works.
import { gradMode } from "../autograd/grad_mode.js";
import type { OpNode } from "../autograd/node.js";
import * as K from "../backend/cpu.js";
import * as BK from "../backend/index.js";
import * as S from "../backend/sleef.js";
import { RuntimeError } from "../errors.js";
import { bool, DType, float32, float64, getDefaultDtype, int64, resultType, scalarDtype } from "../tensor/dtype.js";
import { fma, fmaf } from "../random/fma.js";
import { broadcastShapes, broadcastStrides, contiguousStrides, EMPTY, numelOf, outputPermutation, stridesInOrder } from "../tensor/shape.js";
import { Tensor, type TensorOrScalar } from "../tensor/tensor.js";
import { record, shouldRecord } from "./record.js";

const fround = Math.fround;

/** A JS number as an operand: a 0-dim "wrapped number" tensor holding the exact double. */
export function wrapScalar(v: number | boolean): Tensor {
  const t = new Tensor(new Float64Array([+v]), [], [], 0, scalarDtype(v));
  t._wrapped = true;
  return t;
}

export function asTensor(v: TensorOrScalar): Tensor {
  return v instanceof Tensor ? v : wrapScalar(v);
}

/** A strided view of `t` whose values are already in `compute` precision. */
function operandIn(t: Tensor, compute: DType): K.StridedView {
  if (compute === float32 && t.dtype !== float32 && t.dtype !== bool) {
    if (t._wrapped) return { _data: new Float64Array([fround(t._data[0])]), _shape: [], _strides: [], _offset: 0 };
    const out = K.copyToContiguous(t, new Float32Array(t.numel()));
    return { _data: out, _shape: t._shape, _strides: contiguousStrides(t._shape), _offset: 0 };
  }
  return t;
}


/**
 * Runs a broadcasting binary kernel; `compute` is the dtype values are computed in, `out` the result's.
 * `op` names f for the active backend (src/backend/index.ts), which may run it instead.
 */
export function binaryKernel(f: K.Binary, a: Tensor, b: Tensor, compute: DType, outDtype: DType, op?: ArithName): Tensor {
  // Fast path: both operands already in the compute dtype with one shape, or a wrapped scalar.
  const as = a._shape;
  if (a.dtype === compute && !a._wrapped && (b.dtype === compute || b._wrapped) && (b._shape.length === 0 || sameShapeArr(as, b._shape))) {
    if (b._shape.length === 0 && (as.length === 0 || b._wrapped)) {
      const n = numelOf(as);
      const out = outDtype.empty(n); // every element is written below
      const bv = b._wrapped && compute === float32 ? fround(b._data[0]) : b._data[b._offset];
      if (n === 1 && as.length === 0) {
        out[0] = f(a._data[a._offset], bv);
        return new Tensor(out, as, EMPTY, 0, outDtype);
      }
      const bd = SCALAR_DATA(bv);
      const zs = zerosFor(as);
      if (!(op && BK.binary(op, out, as, a._data, a._strides, a._offset, bd, zs, 0))) K.binary(f, out, as, a._data, a._strides, a._offset, bd, zs, 0);
      return laidOutLike(out, as.slice(), [a, b], outDtype);
    }
  }
  const shape = a._shape.length === b._shape.length && sameDims(a._shape, b._shape) ? a._shape.slice() : broadcastShapes(a._shape, b._shape);
  const n = numelOf(shape);
  const out = outDtype.empty(n); // every element is written below
  const av = operandIn(a, compute);
  const bv = operandIn(b, compute);
  const sa = av._shape.length === shape.length && sameDims(av._shape, shape) ? av._strides : broadcastStrides(av._shape, av._strides, shape);
  const sb = bv._shape.length === shape.length && sameDims(bv._shape, shape) ? bv._strides : broadcastStrides(bv._shape, bv._strides, shape);
  if (!(op && BK.binary(op, out, shape, av._data, sa, av._offset, bv._data, sb, bv._offset))) K.binary(f, out, shape, av._data, sa, av._offset, bv._data, sb, bv._offset);
  return laidOutLike(out, shape, [a, b], outDtype);
}

/** Recomputes the elements ATen evaluates with its scalar lambda (cpu_kernel_vec tails: src/backend/sleef.ts). */
export function fixBinaryAten(k: S.AtenBinary, a: Tensor, b: Tensor, out: Tensor, compute: DType): void {
  const shape = out._shape;
  const av = operandIn(a, compute);
  const bv = operandIn(b, compute);
  S.fixBinary(
    k, out,
    { _data: av._data, _shape: shape, _strides: broadcastStrides(av._shape, av._strides, shape), _offset: av._offset },
    { _data: bv._data, _shape: shape, _strides: broadcastStrides(bv._shape, bv._strides, shape), _offset: bv._offset },
  );
}

/** An operand's layout as TensorIterator sees it. */
type Layout = { readonly _shape: readonly number[]; readonly _strides: readonly number[] };
const SCALAR_LAYOUT: Layout = { _shape: EMPTY, _strides: EMPTY };

/**
 * An elementwise result (values given in row-major order) laid out as TensorIterator lays out its
 * output: row-major when the operands are, their own strides when they all share one dense layout,
 * else the dimension order reorder_dimensions derives from the operands' strides.
 */
export function laidOutLike(values: K.Storage, shape: number[], operands: readonly Layout[], dtype: DType): Tensor {
  let strides: readonly number[] | null = null;
  if (shape.length >= 2) {
    if (operands.every((o) => sameShapeArr(o._shape, shape))) {
      if (operands.every((o) => K.isContiguous(o._shape, o._strides))) strides = null;
      else if (operands.every((o) => isNonOverlappingAndDense(o) && sameShapeArr(o._strides, operands[0]._strides))) strides = operands[0]._strides;
      else strides = permutedStrides(shape, operands);
    } else strides = permutedStrides(shape, operands);
  }
  if (strides === null) return new Tensor(values, shape, contiguousStrides(shape), 0, dtype);
  const out = dtype.alloc(values.length);
  K.copyInto({ _data: out, _shape: shape, _strides: strides, _offset: 0 }, { _data: values, _shape: shape, _strides: contiguousStrides(shape), _offset: 0 });
  return new Tensor(out, shape, strides.slice(), 0, dtype);
}

function permutedStrides(shape: readonly number[], operands: readonly Layout[]): number[] | null {
  const perm = outputPermutation(shape, operands.map((o) => broadcastStrides(o._shape, o._strides, shape)));
  return perm === null ? null : stridesInOrder(shape, perm);
}

/** is_non_overlapping_and_dense: some ordering of the dims makes the strides row-major. */
export function isNonOverlappingAndDense(t: Layout): boolean {
  const dims = t._shape.map((_, i) => i).filter((d) => t._shape[d] !== 1);
  dims.sort((a, b) => t._strides[a] - t._strides[b] || a - b);
  let expected = 1;
  for (const d of dims) {
    if (t._strides[d] !== expected) return false;
    expected *= t._shape[d];
  }
  return true;
}

function sameShapeArr(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
function SCALAR_DATA(v: number): Float64Array {
  return new Float64Array([v]);
}
function zerosFor(shape: readonly number[]): number[] {
  return new Array<number>(shape.length).fill(0);
}

function sameDims(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function promote(a: Tensor, b: Tensor): DType {
  if (a.dtype === b.dtype && !a._wrapped && !b._wrapped) return a.dtype;
  return resultType([
    { dtype: a.dtype, ndim: a._shape.length, wrapped: a._wrapped },
    { dtype: b.dtype, ndim: b._shape.length, wrapped: b._wrapped },
  ]);
}

// ---- binary arithmetic ------------------------------------------------------------------------

export type Vals = { readonly self: Tensor; readonly other: Tensor; readonly result: Tensor };
export type Uses = ("self" | "other" | "result")[];
export interface BinaryDef {
  f: (alpha: number) => K.Binary;
  /** ATen's float32 / float64 evaluation where it differs from `f` (SLEEF vectors, libm tails: src/backend/sleef.ts) */
  aten?: readonly [S.AtenBinary, S.AtenBinary];
  /** "promote": result_type; "float": true division (integers give the default float) */
  result: "promote" | "float";
  node: string;
  self: [Uses, (g: Tensor, v: Vals, alpha: number) => Tensor];
  other: [Uses, (g: Tensor, v: Vals, alpha: number) => Tensor];
}

export const binaryDefs = {
  add: {
    f: (alpha) => (alpha === 1 ? (a, b) => a + b : (a, b) => a + alpha * b),
    result: "promote", node: "AddBackward0",
    self: [[], (g) => g],
    other: [[], (g, _v, alpha) => (alpha === 1 ? g : g.mul(alpha))],
  },
  sub: {
    f: (alpha) => (alpha === 1 ? (a, b) => a - b : (a, b) => a - alpha * b),
    result: "promote", node: "SubBackward0",
    self: [[], (g) => g],
    other: [[], (g, _v, alpha) => (alpha === 1 ? g.neg() : g.mul(-alpha))],
  },
  mul: {
    f: () => (a, b) => a * b,
    result: "promote", node: "MulBackward0",
    self: [["other"], (g, v) => g.mul(v.other)],
    other: [["self"], (g, v) => g.mul(v.self)],
  },
  div: {
    f: () => (a, b) => a / b,
    result: "float", node: "DivBackward0",
    self: [["other"], (g, v) => g.div(v.other)],
    other: [["self", "other"], (g, v) => g.neg().mul(v.self.div(v.other).div(v.other))],
  },
  pow: {
    f: () => powValue,
    aten: [S.POW_F32, S.POW_F64],
    result: "promote", node: "PowBackward1",
    // pow_backward_self / pow_backward_exponent: zero where the exponent is 0, or where base is 0 and exponent >= 0
    self: [["self", "other"], (g, v) => where(v.other.eq(0), zerosScalar(g), g.mul(v.other.mul(v.self.pow(v.other.sub(1)))))],
    other: [["self", "other", "result"], (g, v) =>
      where(v.self.eq(0).logicalAnd(v.other.ge(0)), zerosScalar(g), g.mul(v.result.mul(v.self.log())))],
  },
} satisfies Record<string, BinaryDef>;
export type BinaryName = keyof typeof binaryDefs;
/** The binary ops a backend may run for float32/float64 results (alpha 1). */
type ArithName = "add" | "sub" | "mul" | "div";
const ARITH = new Set<string>(["add", "sub", "mul", "div"]);

function zerosScalar(like: Tensor): Tensor {
  return new Tensor(like.dtype.alloc(1), [], [], 0, like.dtype);
}

/** pow as PyTorch computes it: exact squares and cubes, and sqrt for 0.5. */
function powValue(a: number, b: number): number {
  if (b === 2) return a * a;
  if (b === 3) return a * a * a;
  if (b === 0.5) return Math.sqrt(a);
  if (b === -1) return 1 / a;
  return Math.pow(a, b);
}

export function binaryResultDtype(def: { result: string }, a: Tensor, b: Tensor): DType {
  const t = promote(a, b);
  return def.result === "float" && !t.isFloatingPoint ? getDefaultDtype() : t;
}

/**
 * The value kernel of a binary op for this alpha (alpha = 1 kernels are made once). ATen computes
 * `a + alpha * b` for floats as one fused multiply-add with alpha in the op's precision (sub is add
 * with -alpha), so add/sub with an alpha use an exact fma in the compute dtype.
 */
const unitKernels = new Map<BinaryDef, K.Binary>();
export function kernelOf(def: BinaryDef, alpha: number, compute?: DType): K.Binary {
  if (alpha !== 1) {
    const sign = def === binaryDefs.add ? 1 : def === binaryDefs.sub ? -1 : 0;
    if (sign !== 0 && compute === float32) {
      const al = fround(sign * alpha);
      return (a, b) => fmaf(b, al, a);
    }
    if (sign !== 0 && compute === float64) {
      const al = sign * alpha;
      return (a, b) => fma(b, al, a);
    }
    return def.f(alpha);
  }
  let f = unitKernels.get(def);
  if (f === undefined) unitKernels.set(def, (f = def.f(1)));
  return f;
}

/** ATen's sub_check: no bool operand (a JS boolean counts) in a subtraction. */
export function checkSub(a: Tensor, b: Tensor): void {
  if (a.dtype === bool && b.dtype === bool)
    throw new RuntimeError("Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.");
  if (a.dtype === bool || b.dtype === bool)
    throw new RuntimeError("Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.");
}

/** ATen's alpha_check: integer results take only an integer alpha. */
export function checkAlpha(dtype: DType, alpha: number): void {
  if (!dtype.isFloatingPoint && !Number.isInteger(alpha))
    throw new RuntimeError("For integral input tensors, argument alpha must not be a floating point number.");
}

function binary(name: BinaryName, a: Tensor, bv: TensorOrScalar, alpha = 1): Tensor {
  const def: BinaryDef = binaryDefs[name];
  if (typeof bv === "number" && a.dtype.isFloatingPoint && !a._wrapped && !(gradMode.enabled && a.requiresGrad)) {
    // A float tensor and a JS number, nothing to record: no wrapped-scalar tensor needed.
    const dtype = a.dtype;
    const f = kernelOf(def, alpha, dtype);
    const v = dtype === float32 ? fround(bv) : bv;
    const n = a.numel();
    const out = dtype.empty(n); // every element is written below
    if (n === 1 && a._shape.length === 0) return new Tensor(out.fill(f(a._data[a._offset], v)), EMPTY, EMPTY, 0, dtype);
    if (!(alpha === 1 && ARITH.has(name) && BK.binary(name as ArithName, out, a._shape, a._data, a._strides, a._offset, SCALAR_DATA(v), zerosFor(a._shape), 0)))
      K.unary((x) => f(x, v), out, a);
    return laidOutLike(out, a._shape.slice(), [a, SCALAR_LAYOUT], dtype);
  }
  const b = asTensor(bv);
  const dtype = binaryResultDtype(def, a, b);
  if (name === "sub") checkSub(a, b);
  if (name === "add" || name === "sub") checkAlpha(dtype, alpha);
  const aten = def.aten && (dtype === float32 || dtype === float64) ? def.aten[dtype === float32 ? 0 : 1] : undefined;
  const f = aten ? aten.vec : kernelOf(def, alpha, dtype);
  // int64 lives in a Float64Array: `+ 0` turns a -0 (0 * -2) into 0, as an integer has no -0
  const op = !aten && alpha === 1 && (dtype === float32 || dtype === float64) && ARITH.has(name) ? (name as ArithName) : undefined;
  const out = binaryKernel(dtype === bool ? (x, y) => (f(x, y) ? 1 : 0) : dtype === int64 ? (x, y) => f(x, y) + 0 : f, a, b, dtype, dtype, op);
  if (aten) fixBinaryAten(aten, a, b, out, dtype);
  if (shouldRecord(a, b)) recordBinary(def, a, b, out, alpha);
  return out;
}

function recordBinary(def: BinaryDef, a: Tensor, b: Tensor, out: Tensor, alpha: number): void {
  record(def.node, [a, b], out, savedFor(def, a.requiresGrad, b.requiresGrad, a, b, out), (ctx: OpNode, grads) => {
    const g = grads[0];
    const v: Vals = ctx;
    return [ctx.needs(0) ? def.self[1](g, v, alpha) : null, ctx.needs(1) ? def.other[1](g, v, alpha) : null];
  });
}

/** The [self, other, result] slots a binary derivative reads, given which input gradients are wanted. */
export function savedFor(def: BinaryDef, needSelf: boolean, needOther: boolean, self: Tensor | null, other: Tensor, result: Tensor): (Tensor | null)[] {
  const us = needSelf ? def.self[0] : NONE;
  const uo = needOther ? def.other[0] : NONE;
  if (us.length === 0 && uo.length === 0) return NONE_SAVED;
  return [
    us.includes("self") || uo.includes("self") ? self : null,
    us.includes("other") || uo.includes("other") ? other : null,
    us.includes("result") || uo.includes("result") ? result : null,
  ];
}
const NONE: Uses = [];
const NONE_SAVED: (Tensor | null)[] = [];


export function add(a: Tensor, b: TensorOrScalar, alpha = 1): Tensor {
  return binary("add", a, b, alpha);
}
export function sub(a: Tensor, b: TensorOrScalar, alpha = 1): Tensor {
  return binary("sub", a, b, alpha);
}
/** other - alpha * self (Python's `2 - x`). */
export function rsub(a: Tensor, other: TensorOrScalar, alpha = 1): Tensor {
  const b = asTensor(other);
  const dtype = binaryResultDtype(binaryDefs.sub, a, b);
  checkSub(a, b);
  checkAlpha(dtype, alpha);
  const out = binaryKernel((x, y) => y - alpha * x, a, b, dtype, dtype);
  if (shouldRecord(a, b))
    record("RsubBackward" + (b._wrapped ? "1" : "0"), b._wrapped ? [a] : [a, b], out, [], (ctx, [g]) => [
      ctx.needs(0) ? g.mul(-alpha) : null,
      ctx.needs(1) ? g : null,
    ]);
  return out;
}
export function mul(a: Tensor, b: TensorOrScalar): Tensor {
  return binary("mul", a, b);
}
export interface DivOptions {
  roundingMode?: "trunc" | "floor" | null;
}
/** div with a rounding mode (and div_ with one) is implemented by the math op group (src/ops/math_ops.ts), which registers it here. */
export const divRounding: { impl: ((a: Tensor, b: TensorOrScalar, mode: string | null, inplace: boolean) => Tensor) | null } = { impl: null };
export function div(a: Tensor, b: TensorOrScalar, options?: DivOptions | null): Tensor {
  // an explicit rounding mode, null included, is div.Tensor_mode (DivBackward2)
  const mode = options?.roundingMode;
  if (mode !== undefined) return divRounding.impl!(a, b, mode, false);
  return binary("div", a, b);
}

/** ATen's pow_tensor_scalar kernel for an exponent, made once per (dtype, exponent). */
const powKernels = [new Map<number, S.AtenUnary>(), new Map<number, S.AtenUnary>()];
function powKernelFor(float32: boolean, exponent: number): S.AtenUnary {
  const cache = powKernels[float32 ? 0 : 1];
  let k = cache.get(exponent);
  if (k === undefined) {
    k = S.powScalarKernel(float32, exponent);
    if (cache.size < 256) cache.set(exponent, k);
  }
  return k;
}

export function pow(a: Tensor, e: TensorOrScalar): Tensor {
  if (e instanceof Tensor) return binary("pow", a, e);
  // pow(Tensor, Scalar): PowBackward0, the exponent is a constant.
  const exponent = +e;
  // result_type(tensor, scalar): bool ** 2 is int64, int ** 2.5 the default float
  const dtype = a.dtype.isFloatingPoint
    ? a.dtype
    : resultType([{ dtype: a.dtype, ndim: a._shape.length, wrapped: false }, { dtype: scalarDtype(e), ndim: 0, wrapped: true }]);
  if (!dtype.isFloatingPoint && Number.isInteger(exponent) && exponent < 0)
    throw new RuntimeError("Integers to negative integer powers are not allowed.");
  const src = dtype === float32 && a.dtype !== float32 ? operandIn(a, float32) : a;
  const e32 = dtype === float32 ? fround(exponent) : exponent;
  const n = a.numel();
  const data = dtype.alloc(n);
  // float32 / float64: ATen's pow_tensor_scalar kernels (src/backend/sleef.ts)
  const pk = dtype === float32 || dtype === float64 ? powKernelFor(dtype === float32, exponent) : null;
  const pf = pk ? pk.vec : (x: number) => powValue(x, e32);
  if (n === 1 && src._shape.length === 0) data[0] = pf(src._data[src._offset]);
  else K.unary(pf, data, src);
  const out = new Tensor(data, a._shape.length === 0 ? a._shape : a._shape.slice(), undefined, 0, dtype);
  if (pk && (pk.scalar || pk.paths)) S.fixUnary(pk, out, src);
  if (shouldRecord(a))
    record("PowBackward0", [a], out, [a], (ctx, [g]) => [
      exponent === 0 ? g.mul(0) : g.mul(ctx.saved(0).pow(exponent - 1).mul(exponent)),
    ]);
  return out;
}

/** pow(Scalar, Tensor): PowBackward2. */
export function powScalarBase(base: number, e: Tensor): Tensor {
  const b = wrapScalar(base);
  const dtype = binaryResultDtype({ result: "promote" }, b, e);
  // pow(Scalar, Tensor) is pow(wrapped base, Tensor), except that a base of 1 fills ones
  const aten = dtype === float32 ? S.POW_F32 : dtype === float64 ? S.POW_F64 : undefined;
  const out = binaryKernel(aten ? (base === 1 ? () => 1 : aten.vec) : powValue, b, e, dtype, dtype);
  if (aten && base !== 1) fixBinaryAten(aten, b, e, out, dtype);
  if (shouldRecord(e))
    record("PowBackward2", [e], out, [out], (ctx, [g]) => [
      base === 0 ? where(ctx.saved(0).ge(0), zerosScalar(g), g.mul(ctx.saved(0).mul(Math.log(base)))) : g.mul(ctx.saved(0).mul(Math.log(base))),
    ]);
  return out;
}

export function maximum(a: Tensor, b: Tensor): Tensor {
  return minMaxBinary(a, b, true);
}
export function minimum(a: Tensor, b: Tensor): Tensor {
  return minMaxBinary(a, b, false);
}
function minMaxBinary(a: Tensor, b: Tensor, isMax: boolean): Tensor {
  const dtype = promote(a, b);
  const f: K.Binary = isMax
    ? (x, y) => (x !== x || y !== y ? NaN : x > y ? x : y)
    : (x, y) => (x !== x || y !== y ? NaN : x < y ? x : y);
  const out = binaryKernel(f, a, b, dtype, dtype);
  if (shouldRecord(a, b))
    // derivatives.yaml (maximum): self: at::where(self == other, grad / 2, grad).masked_fill_(self < other, 0),
    // other: the same masked where self > other (minimum swaps the comparisons); a NaN operand passes grad to both
    record(isMax ? "MaximumBackward0" : "MinimumBackward0", [a, b], out, [a, b], (ctx, [g]) => {
      const x = ctx.saved(0);
      const y = ctx.saved(1);
      const shared = where(x.eq(y), g.div(2), g);
      return [
        ctx.needs(0) ? where(isMax ? x.lt(y) : x.gt(y), 0, shared) : null,
        ctx.needs(1) ? where(isMax ? x.gt(y) : x.lt(y), 0, shared) : null,
      ];
    });
  return out;
}

/**
 * threshold_backward(grad, self, threshold): grad where self > threshold, else +0 (NaN in self passes
 * grad through), ReLU's derivative. Its own derivative (ThresholdBackwardBackward0) is itself for
 * grad and zero for self.
 */
export function thresholdBackward(g: Tensor, self: Tensor, threshold: number): Tensor {
  const dtype = promote(g, self);
  const out = binaryKernel((gv, sv) => (sv <= threshold ? 0 : gv), g, self, dtype, dtype);
  if (shouldRecord(g, self))
    record("ThresholdBackwardBackward0", [g, self], out, [null, self], (ctx, [gg]) => [
      ctx.needs(0) ? thresholdBackward(gg, ctx.saved(1), threshold) : null,
      ctx.needs(1) ? gg.mul(0) : null,
    ]);
  return out;
}

// ---- comparisons and logic (not differentiable) -----------------------------------------------

const compareFns = {
  eq: (a: number, b: number) => (a === b ? 1 : 0),
  ne: (a: number, b: number) => (a !== b ? 1 : 0),
  lt: (a: number, b: number) => (a < b ? 1 : 0),
  le: (a: number, b: number) => (a <= b ? 1 : 0),
  gt: (a: number, b: number) => (a > b ? 1 : 0),
  ge: (a: number, b: number) => (a >= b ? 1 : 0),
  // truthiness is `!= 0`, so NaN is true (JS's NaN is falsy)
  logicalAnd: (a: number, b: number) => (a !== 0 && b !== 0 ? 1 : 0),
  logicalOr: (a: number, b: number) => (a !== 0 || b !== 0 ? 1 : 0),
  logicalXor: (a: number, b: number) => ((a !== 0) !== (b !== 0) ? 1 : 0),
};
export type CompareName = keyof typeof compareFns;

export function compare(name: CompareName, a: Tensor, b: TensorOrScalar): Tensor {
  const bt = asTensor(b);
  return binaryKernel(compareFns[name], a, bt, promote(a, bt), bool);
}

// ---- unary ops --------------------------------------------------------------------------------

interface UnaryDef {
  f: K.Unary;
  /** ATen's float32 / float64 evaluation (SLEEF, libm tails: src/backend/sleef.ts); `f` for other dtypes */
  aten?: readonly [S.AtenUnary, S.AtenUnary];
  /** "float": integer inputs give the default float dtype; "same": keeps the dtype */
  result: "float" | "same";
  node: string;
  /** derivative from the gradient, the input and the result; omitted for non-differentiable ops */
  grad?: [Uses, (g: Tensor, v: Vals) => Tensor];
}

const unaryDefs = {
  neg: { f: (x) => -x, result: "same", node: "NegBackward0", grad: [[], (g) => g.neg()] },
  abs: { f: Math.abs, result: "same", node: "AbsBackward0", grad: [["self"], (g, v) => g.mul(v.self.sign())] },
  sign: { f: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0), result: "same", node: "SignBackward0", grad: [[], (g) => g.mul(0)] },
  exp: { f: Math.exp, aten: [S.ATEN_F32.exp, S.ATEN_F64.exp], result: "float", node: "ExpBackward0", grad: [["result"], (g, v) => g.mul(v.result)] },
  log: { f: Math.log, aten: [S.ATEN_F32.log, S.ATEN_F64.log], result: "float", node: "LogBackward0", grad: [["self"], (g, v) => g.div(v.self)] },
  sqrt: { f: Math.sqrt, result: "float", node: "SqrtBackward0", grad: [["result"], (g, v) => g.div(v.result.mul(2))] },
  sin: { f: Math.sin, aten: [S.ATEN_F32.sin, S.ATEN_F64.sin], result: "float", node: "SinBackward0", grad: [["self"], (g, v) => g.mul(v.self.cos())] },
  cos: { f: Math.cos, aten: [S.ATEN_F32.cos, S.ATEN_F64.cos], result: "float", node: "CosBackward0", grad: [["self"], (g, v) => g.mul(v.self.sin().neg())] },
  tanh: { f: Math.tanh, aten: [S.ATEN_F32.tanh, S.ATEN_F64.tanh], result: "float", node: "TanhBackward0", grad: [["result"], (g, v) => g.mul(v.result.mul(v.result).rsub(1))] },
  sigmoid: {
    f: (x) => 1 / (1 + Math.exp(-x)), aten: [S.ATEN_F32.sigmoid, S.ATEN_F64.sigmoid], result: "float", node: "SigmoidBackward0",
    grad: [["result"], (g, v) => g.mul(v.result.mul(v.result.rsub(1)))],
  },
  relu: {
    f: (x) => (x > 0 || x !== x ? x : 0), result: "same", node: "ReluBackward0",
    grad: [["result"], (g, v) => thresholdBackward(g, v.result, 0)],
  },
  logicalNot: { f: (x) => (x !== 0 ? 0 : 1), result: "same", node: "" },
} satisfies Record<string, UnaryDef>;
export type UnaryName = keyof typeof unaryDefs;

export function unaryOp(name: UnaryName, x: Tensor): Tensor {
  const def: UnaryDef = unaryDefs[name];
  if (name === "neg" && x.dtype === bool)
    throw new RuntimeError("Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.");
  if (name === "abs" && x.dtype === bool) throw new RuntimeError(`"abs_cpu" not implemented for 'Bool'`);
  if (name === "relu" && x.dtype === bool) throw new RuntimeError("Boolean inputs not supported for relu");
  const dtype = name === "logicalNot" ? bool : def.result === "float" && !x.dtype.isFloatingPoint ? getDefaultDtype() : x.dtype;
  const src = dtype === float32 && x.dtype !== float32 ? operandIn(x, float32) : x;
  const aten = def.aten && (dtype === float32 || dtype === float64) ? def.aten[dtype === float32 ? 0 : 1] : undefined;
  const f = aten ? aten.vec : def.f;
  const values = dtype.empty(x.numel()); // every element is written below
  // the active backend (src/backend/index.ts) may run float ops; else the TypeScript kernel
  const viaBackend = (dtype === float32 || dtype === float64) && BK.unary(name, values, src);
  if (!viaBackend) K.unary(dtype === int64 ? (v) => f(v) + 0 : f, values, src); // no int64 -0
  const out = x._shape.length < 2 ? new Tensor(values, x._shape.slice(), undefined, 0, dtype) : laidOutLike(values, x._shape.slice(), [x], dtype);
  if (aten && !viaBackend) S.fixUnary(aten, out, src);
  const grad = def.grad;
  if (grad && shouldRecord(x)) {
    const [uses, fn] = grad;
    record(def.node, [x], out, uses.length === 0 ? NONE_SAVED : [uses.includes("self") ? x : null, null, uses.includes("result") ? out : null], (ctx, [g]) => [
      fn(g, ctx),
    ]);
  }
  return out;
}

/** torch.where(cond, a, b): differentiable in a and b. */
export function where(cond: Tensor, a: TensorOrScalar, b: TensorOrScalar): Tensor {
  if (cond.dtype !== bool)
    throw new RuntimeError(`where expected condition to be a boolean tensor, but got a tensor with dtype ${cond.dtype.legacyName.replace("Tensor", "")}`);
  const at = asTensor(a);
  const bt = asTensor(b);
  const dtype = promote(at, bt);
  const shape = broadcastShapes(broadcastShapes(cond._shape, at._shape), bt._shape);
  const c = expandedValues(cond, shape, bool);
  const av = expandedValues(at, shape, dtype);
  const bv = expandedValues(bt, shape, dtype);
  const out = dtype.alloc(c.length);
  for (let i = 0; i < c.length; i++) out[i] = c[i] ? av[i] : bv[i];
  const result = new Tensor(out, shape, undefined, 0, dtype);
  if (shouldRecord(at, bt))
    record("WhereBackward0", [cond, at, bt], result, [cond], (ctx, [g]) => {
      const m = ctx.saved(0);
      return [null, ctx.needs(1) ? where(m, g, 0) : null, ctx.needs(2) ? where(m, 0, g) : null];
    });
  return result;
}

/** The values of `t` broadcast to `shape`, contiguous, in `dtype`'s precision. */
export function expandedValues(t: Tensor, shape: readonly number[], dtype: DType): K.Storage {
  const v = operandIn(t, dtype);
  return K.copyToContiguous(
    { _data: v._data, _shape: shape, _strides: broadcastStrides(v._shape, v._strides, shape), _offset: v._offset },
    dtype.alloc(numelOf(shape)),
  );
}

// ---- copies and casts -------------------------------------------------------------------------

/**
 * clone(): keeps the input's layout (memory_format=torch.preserve_format), or row-major with
 * `contiguousFormat` (what contiguous() and reshape's copy use).
 */
export function clone(x: Tensor, contiguousFormat = false): Tensor {
  const n = x.numel();
  let out: Tensor;
  if (!contiguousFormat && x._shape.length >= 2 && n > 0 && !K.isContiguous(x._shape, x._strides) && isNonOverlappingAndDense(x)) {
    // a permuted dense layout (a transpose, ...) is kept, as laidOutLike would
    out = denseCopy(x);
  } else {
    const values = K.copyToContiguous(x, x.dtype.alloc(n));
    out = contiguousFormat || x._shape.length < 2 ? new Tensor(values, x._shape.slice(), undefined, 0, x.dtype) : laidOutLike(values, x._shape.slice(), [x], x.dtype);
  }
  if (shouldRecord(x)) record("CloneBackward0", [x], out, [], (_ctx, [g]) => [g]);
  return out;
}

/**
 * A copy of non-overlapping and dense `x` with x's own strides: its elements are the span from its
 * offset, copied at once. No autograd history.
 */
export function denseCopy(x: Tensor): Tensor {
  const n = x.numel();
  const values = x.dtype.empty(n);
  const d = x._data;
  if (n < 64) for (let i = 0; i < n; i++) values[i] = d[x._offset + i];
  else (values as Float64Array).set((d as Float64Array).subarray(x._offset, x._offset + n));
  return new Tensor(values, x._shape.slice(), x._strides.slice(), 0, x.dtype);
}

/** Tensor.to(dtype): a copy in the new dtype (the same tensor when the dtype already matches). */
export function toDtype(x: Tensor, dtype: DType): Tensor {
  if (x.dtype === dtype) return x;
  const cast = castFn(dtype);
  const out = new Tensor(K.copyToContiguous(x, dtype.alloc(x.numel()), cast), x._shape.slice(), undefined, 0, dtype);
  if (shouldRecord(x) && dtype.isFloatingPoint) {
    const from = x.dtype;
    record("ToCopyBackward0", [x], out, [], (_ctx, [g]) => [g.to(from)]);
  }
  return out;
}

/** How a value converts into a dtype's storage: floats truncate toward zero into integers, bool is != 0. */
export function castFn(dtype: DType): ((v: number) => number) | undefined {
  if (dtype.name === "bool") return (v) => (v !== 0 ? 1 : 0);
  if (dtype.name === "int64") return (v) => (v === v ? Math.trunc(v) + 0 : -9223372036854775808);
  return undefined;
}
