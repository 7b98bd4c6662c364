// Small building blocks shared by torch.nn.functional: argument parsing, dtype checks, elementwise ops
// with their own kernels (recorded with a derivative written in differentiable tensor ops), and a few
// ops the functional code needs whatever the op-group modules provide (clampMin, erf, addmm).
import { gradMode, noGrad } from "../autograd/grad_mode.js";
import * as K from "../backend/cpu.js";
import { RuntimeError, ValueError } from "../errors.js";
import * as E from "../ops/elementwise.js";
import { columnMajor, mm, mmMat1Backward, mmMat2Backward } from "../ops/linalg.js";
import { record, shouldRecord, shouldRecordAll } from "../ops/record.js";
import { float32, type DType } from "../tensor/dtype.js";
import { formatShape } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";

export const fround = Math.fround;

/** Python's AssertionError (raised by `assert` statements in torch/nn/functional.py). */
export class AssertionError extends Error {
  override name = "AssertionError";
}

/** PyTorch's ScalarType names, as kernels print them ("not implemented for 'Long'"). */
export const SCALAR_NAMES: Record<string, string> = { float32: "Float", float64: "Double", int64: "Long", int32: "Int", bool: "Bool" };

/** The `"kernel" not implemented for 'Long'` error of a floating-point-only kernel. */
export function requireFloat(x: Tensor, kernel: string): void {
  if (!x.dtype.isFloatingPoint) throw new RuntimeError(`"${kernel}" not implemented for '${SCALAR_NAMES[x.dtype.name]}'`);
}

/** A scalar argument as the kernel sees it: rounded to float32 for a float32 tensor. */
export function scalarIn(v: number, dtype: DType): number {
  return dtype === float32 ? fround(v) : v;
}

/** Python's repr of a float argument (1.0, 0.5, 1e-05) for messages. */
export function pyFloatRepr(v: number): string {
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  if (Number.isInteger(v) && Math.abs(v) < 1e16) return `${v}.0`;
  const [mant, expStr] = v.toExponential().split("e");
  const exp = Number(expStr);
  if (exp < -4 || exp >= 16) return `${mant}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  return String(v);
}

/** A double as C++'s `std::ostream << double` prints it (%g: 6 significant digits), for ATen's messages. */
export function cppDouble(v: number): string {
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  if (v === 0) return Object.is(v, -0) ? "-0" : "0";
  const exp = Math.floor(Math.log10(Math.abs(Number(v.toPrecision(6)))));
  if (exp < -4 || exp >= 6) {
    const [m, e] = v.toExponential(5).split("e");
    const mant = m.includes(".") ? m.replace(/0+$/, "").replace(/\.$/, "") : m;
    const n = Number(e);
    return `${mant}e${n < 0 ? "-" : "+"}${String(Math.abs(n)).padStart(2, "0")}`;
  }
  const f = v.toFixed(Math.max(0, 5 - exp));
  return f.includes(".") ? f.replace(/0+$/, "").replace(/\.$/, "") : f;
}

/** torch.Size([2, 3]) as Python prints it. */
export function torchSize(shape: readonly number[]): string {
  return `torch.Size([${shape.join(", ")}])`;
}

/**
 * An elementwise op with its own value kernel `f` (computed in double on the input's values, stored in
 * the input's dtype), recorded as `node` with derivative `grad(g, self, result)`, which must be written
 * with differentiable tensor ops so that double backward works.
 */
export function pointwise(
  x: Tensor,
  node: string,
  f: (v: number) => number,
  grad: (g: Tensor, self: Tensor, result: Tensor) => Tensor,
  uses: { self?: boolean; result?: boolean } = { self: true },
): Tensor {
  const dtype = x.dtype;
  const values = K.unary(f, dtype.alloc(x.numel()), x);
  const out = x._shape.length < 2 ? new Tensor(values, x._shape.slice(), undefined, 0, dtype) : E.laidOutLike(values, x._shape.slice(), [x], dtype);
  if (shouldRecord(x)) {
    const useSelf = uses.self === true;
    const useResult = uses.result === true;
    record(node, [x], out, [useSelf ? x : null, useResult ? out : null], (ctx, [g]) => [
      grad(g, useSelf ? ctx.saved(0) : (null as unknown as Tensor), useResult ? ctx.saved(1) : (null as unknown as Tensor)),
    ]);
  }
  return out;
}

/** A 0-dim tensor holding `v` in `dtype`. */
export function scalarTensor(v: number, dtype: DType): Tensor {
  const d = dtype.alloc(1);
  d[0] = v;
  return new Tensor(d, [], [], 0, dtype);
}

// ---- small differentiable ops ------------------------------------------------------------------

/** torch.clamp_min(x, min): ClampMinBackward0, gradient where x >= min. */
export function clampMin(x: Tensor, min: number): Tensor {
  const m = scalarIn(min, x.dtype);
  return pointwise(x, "ClampMinBackward0", (v) => (v >= m || v !== v ? v : m), (g, self) => g.mul(self.ge(m)));
}

const TWO_OVER_SQRT_PI = 1.1283791670955126;

/** erf in double precision: a positive series below 2.5, a continued fraction for erfc above. */
export function erfValue(x: number): number {
  if (x !== x) return NaN;
  const a = Math.abs(x);
  if (a < 2.5) {
    // erf(x) = 2x/sqrt(pi) e^{-x^2} sum_n (2x^2)^n / (1*3*...*(2n+1))
    const x2 = a * a;
    let term = 1;
    let sum = 1;
    for (let n = 1; n < 200; n++) {
      term *= (2 * x2) / (2 * n + 1);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    const r = TWO_OVER_SQRT_PI * a * Math.exp(-x2) * sum;
    return x < 0 ? -r : r;
  }
  if (a >= 6) return x < 0 ? -1 : 1;
  const r = 1 - erfcLarge(a);
  return x < 0 ? -r : r;
}

/** erfc(a) for a >= 2.5 (Lentz's continued fraction). */
function erfcLarge(a: number): number {
  // erfc(a) = exp(-a^2)/sqrt(pi) * 1/(a + (1/2)/(a + 1/(a + (3/2)/(a + 2/(a + ...)))))
  const tiny = 1e-300;
  let f = a;
  let c = a;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const an = n / 2;
    d = a + an * d;
    d = d === 0 ? tiny : 1 / d;
    c = a + an / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-a * a) / (1.7724538509055159 * f);
}

/** torch.erf: ErfBackward0 (2/sqrt(pi) exp(-x^2)). */
export function erf(x: Tensor): Tensor {
  return pointwise(x, "ErfBackward0", erfValue, (g, self) => g.mul(self.mul(self).neg().exp().mul(TWO_OVER_SQRT_PI)));
}

/**
 * addmm(bias, m1, m2) = bias + m1 @ m2 for a 1-D or 2-D bias (AddmmBackward0). The product runs through
 * the same kernel as mm (running dot products from +0), then the bias is added once: what reference
 * BLAS's sgemm('T', 'N') gives for linear's addmm(bias, input, weight.t()).
 */
export function addmm(bias: Tensor, m1: Tensor, m2: Tensor): Tensor {
  const prod = noGrad(() => mm(m1, m2));
  const dtype = prod.dtype;
  if (bias.dtype !== dtype)
    throw new RuntimeError(`expected m1 and m2 to have the same dtype, but got: ${bias.dtype.name.replace("float32", "float").replace("float64", "double")} != ${dtype.name.replace("float32", "float").replace("float64", "double")}`);
  const [n, m] = prod._shape;
  const b = bias._shape;
  if (!(b.length <= 2 && (b.length === 0 || b[b.length - 1] === m || b[b.length - 1] === 1) && (b.length < 2 || b[0] === n || b[0] === 1)))
    throw new RuntimeError(`The expanded size of the tensor (${m}) must match the existing size (${b[b.length - 1]}) at non-singleton dimension 1.  Target sizes: [${n}, ${m}].  Tensor sizes: ${formatShape(b)}`);
  const bv = E.expandedValues(bias, [n, m], dtype);
  const out = prod._data;
  for (let i = 0; i < out.length; i++) out[i] = out[i] + bv[i];
  const result = new Tensor(out, [n, m], undefined, 0, dtype);
  if (shouldRecordAll([bias, m1, m2])) {
    const biasShape = bias._shape.slice();
    const [m1Layout, m2Layout] = [columnMajor(m1), columnMajor(m2)];
    record("AddmmBackward0", [bias, m1, m2], result, [m2.requiresGrad ? m1 : null, m1.requiresGrad ? m2 : null], (ctx, [g]) => [
      ctx.needs(0) ? g.sumToSize(biasShape) : null,
      ctx.needs(1) ? mmMat1Backward(g, ctx.saved(1), m1Layout) : null,
      ctx.needs(2) ? mmMat2Backward(g, ctx.saved(0), m2Layout) : null,
    ]);
  }
  return result;
}


// ---- argument parsing ---------------------------------------------------------------------------

export type Reduction = "none" | "mean" | "sum";

/** _Reduction.get_enum: the reduction string, or PyTorch's ValueError. */
export function checkReduction(reduction: string | undefined): Reduction {
  const r = reduction ?? "mean";
  if (r === "none" || r === "mean" || r === "sum") return r;
  throw new ValueError(`${r} is not a valid value for reduction`);
}

