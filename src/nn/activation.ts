// Activation functions of torch.nn.functional. Each is one kernel recorded under PyTorch's grad_fn name,
// with the derivatives.yaml formula written in differentiable tensor ops (so double backward works), or
// the composite PyTorch itself uses (softsign).
import { RuntimeError } from "../errors.js";
import * as E from "../ops/elementwise.js";
import { Tensor } from "../tensor/tensor.js";
import { erf, erfValue, fround, pointwise, requireFloat, scalarIn } from "./util.js";

const where = E.where;

/** F.relu(input): ReluBackward0. */
export function relu(input: Tensor): Tensor {
  return input.relu();
}

/** A positional scalar argument, or the `key` of a trailing options object, or the default. */
function numArg<K extends string>(v: number | Partial<Record<K, number>> | undefined, key: K, dflt: number): number {
  if (v === undefined || v === null) return dflt;
  if (typeof v === "number") return v;
  return v[key] ?? dflt;
}

/** F.hardtanh(input, minVal=-1, maxVal=1) or F.hardtanh(input, { minVal, maxVal }): clamp's values, HardtanhBackward0. */
export function hardtanh(input: Tensor, minValArg: number | { minVal?: number; maxVal?: number } = -1, maxValArg?: number): Tensor {
  const minVal = numArg(minValArg, "minVal", -1);
  const maxVal = typeof minValArg === "object" && minValArg !== null ? (minValArg.maxVal ?? 1) : (maxValArg ?? 1);
  if (input.dtype.name === "bool") throw new RuntimeError("Bool inputs not supported for hardtanh");
  let lo = minVal;
  let hi = maxVal;
  if (!input.dtype.isFloatingPoint) {
    // integral inputs: the bounds are truncated to integers (Scalar.toLong)
    lo = Math.trunc(lo);
    hi = Math.trunc(hi);
  } else {
    lo = scalarIn(lo, input.dtype);
    hi = scalarIn(hi, input.dtype);
  }
  return pointwise(
    input,
    "HardtanhBackward0",
    (v) => (v !== v ? v : Math.min(Math.max(v, lo), hi)),
    (g, self) => g.mul(self.gt(lo).logicalAnd(self.lt(hi))),
  );
}

/** F.relu6(input): hardtanh(input, 0, 6) (HardtanhBackward0). */
export function relu6(input: Tensor): Tensor {
  return hardtanh(input, 0, 6);
}

/** F.leakyRelu(input, negativeSlope=0.01): LeakyReluBackward0. */
export function leakyRelu(input: Tensor, slopeArg: number | { negativeSlope?: number } = 0.01): Tensor {
  const negativeSlope = numArg(slopeArg, "negativeSlope", 0.01);
  requireFloat(input, "leaky_relu_cpu");
  const s = scalarIn(negativeSlope, input.dtype);
  return pointwise(input, "LeakyReluBackward0", (v) => (v > 0 ? v : v * s), (g, self) => where(self.gt(0), g, g.mul(negativeSlope)));
}

/**
 * ATen's elu(x, alpha, scale, inputScale): x > 0 ? scale*x : alpha*scale*(exp(x*inputScale) - 1), with the
 * coefficients rounded to the tensor's dtype as the kernel does. Recorded as `node` (EluBackward0, or
 * CeluBackward0 for celu) with elu_backward's formula.
 */
function eluImpl(input: Tensor, alpha: number, scale: number, inputScale: number, node: string): Tensor {
  requireFloat(input, "elu_cpu");
  const dt = input.dtype;
  const negcoef = scalarIn(scalarIn(alpha, dt) * scalarIn(scale, dt), dt);
  const poscoef = scalarIn(scale, dt);
  const negiptcoef = scalarIn(inputScale, dt);
  return pointwise(
    input,
    node,
    (v) => (v > 0 ? v * poscoef : Math.expm1(v * negiptcoef) * negcoef),
    (g, self) => {
      const neg = self.le(0);
      // exp of min(x, 0): no overflow in the unused branch, and no gradient leaks into it
      const e = where(neg, self, 0).mul(negiptcoef).exp();
      return where(neg, g.mul(e).mul(negiptcoef * negcoef), g.mul(poscoef));
    },
  );
}

/** F.elu(input, alpha=1): EluBackward0. */
export function elu(input: Tensor, alphaArg: number | { alpha?: number } = 1): Tensor {
  const alpha = numArg(alphaArg, "alpha", 1);
  return eluImpl(input, alpha, 1, 1, "EluBackward0");
}

const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_SCALE = 1.0507009873554804934193349852946;

/** F.selu(input): elu with SELU's alpha and scale (EluBackward0). */
export function selu(input: Tensor): Tensor {
  return eluImpl(input, SELU_ALPHA, SELU_SCALE, 1, "EluBackward0");
}

/** F.celu(input, alpha=1): elu(x, alpha, 1, 1/alpha) (CeluBackward0). */
export function celu(input: Tensor, alphaArg: number | { alpha?: number } = 1): Tensor {
  const alpha = numArg(alphaArg, "alpha", 1);
  if (alpha === 0) throw new RuntimeError("ZeroDivisionError: alpha cannot be 0 for CELU");
  requireFloat(input, "elu_cpu");
  return eluImpl(input, alpha, 1, 1 / alpha, "CeluBackward0");
}

const SQRT1_2 = Math.SQRT1_2;
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI); // M_SQRT2 * M_2_SQRTPI * 0.5
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const GELU_K = 0.044715;

/** F.gelu(input, approximate="none" | "tanh"): GeluBackward0. */
export function gelu(input: Tensor, approximate: "none" | "tanh" | { approximate?: "none" | "tanh" } = "none"): Tensor {
  const mode = typeof approximate === "object" ? (approximate.approximate ?? "none") : approximate;
  if (mode !== "none" && mode !== "tanh") throw new RuntimeError("approximate argument must be either none or tanh.");
  requireFloat(input, "GeluKernelImpl");
  if (mode === "tanh") {
    return pointwise(
      input,
      "GeluBackward0",
      (v) => 0.5 * v * (1 + Math.tanh(SQRT_2_OVER_PI * (v + GELU_K * v * v * v))),
      (g, x) => {
        // d/dx: 0.5 (1 + t) + 0.5 x (1 - t^2) sqrt(2/pi) (1 + 3k x^2), t = tanh(sqrt(2/pi)(x + k x^3))
        const x2 = x.mul(x);
        const inner = x.add(x2.mul(x).mul(GELU_K)).mul(SQRT_2_OVER_PI);
        const t = inner.tanh();
        const dinner = x2.mul(3 * GELU_K).add(1).mul(SQRT_2_OVER_PI);
        const left = t.add(1).mul(0.5);
        const right = x.mul(0.5).mul(t.mul(t).rsub(1)).mul(dinner);
        return g.mul(left.add(right));
      },
    );
  }
  return pointwise(
    input,
    "GeluBackward0",
    (v) => v * 0.5 * (1 + erfValue(v * SQRT1_2)),
    (g, x) => {
      // d/dx: Phi(x) + x phi(x)
      const cdf = erf(x.mul(SQRT1_2)).add(1).mul(0.5);
      const pdf = x.mul(x).mul(-0.5).exp().mul(INV_SQRT_2PI);
      return g.mul(cdf.add(x.mul(pdf)));
    },
  );
}

/** F.silu(input): x * sigmoid(x) (SiluBackward0). */
export function silu(input: Tensor): Tensor {
  requireFloat(input, "silu_cpu");
  return pointwise(input, "SiluBackward0", (v) => v / (1 + Math.exp(-v)), (g, x) => {
    const s = x.sigmoid();
    return g.mul(s.mul(x.mul(s.rsub(1)).add(1)));
  });
}

/** softplus in double: log1p(exp(x*beta))/beta, or x where x*beta > threshold. */
function softplusValue(v: number, beta: number, threshold: number, f32: boolean): number {
  const z = f32 ? fround(v * beta) : v * beta;
  return z > threshold ? v : Math.log1p(Math.exp(z)) / beta;
}

/** F.softplus(input, beta=1, threshold=20): SoftplusBackward0. */
export function softplus(input: Tensor, beta: number | { beta?: number; threshold?: number } = 1, threshold = 20): Tensor {
  if (typeof beta === "object") {
    threshold = beta.threshold ?? 20;
    beta = beta.beta ?? 1;
  }
  requireFloat(input, "softplus_cpu");
  const b = scalarIn(beta, input.dtype);
  const th = scalarIn(threshold, input.dtype);
  const f32 = input.dtype.name === "float32";
  return pointwise(
    input,
    "SoftplusBackward0",
    (v) => softplusValue(v, b, th, f32),
    (g, x) => {
      const z = x.mul(b);
      return where(z.gt(th), g, g.mul(z.sigmoid()));
    },
  );
}

/** F.mish(input): x * tanh(softplus(x)) (MishBackward0). */
export function mish(input: Tensor): Tensor {
  requireFloat(input, "mish_cpu");
  return pointwise(
    input,
    "MishBackward0",
    (v) => v * Math.tanh(Math.log1p(Math.exp(v))),
    (g, x) => {
      // mish_backward: tanh(sp) + x * sigmoid(x) * (1 - tanh(sp)^2)
      const t = softplus(x).tanh();
      return g.mul(t.add(x.mul(x.sigmoid()).mul(t.mul(t).rsub(1))));
    },
  );
}

/** F.softsign(input): input / (input.abs() + 1), as PyTorch composes it (DivBackward0). */
export function softsign(input: Tensor): Tensor {
  return input.div(input.abs().add(1));
}

/** F.hardsigmoid(input): min(max(x + 3, 0), 6) / 6 (HardsigmoidBackward0). */
export function hardsigmoid(input: Tensor): Tensor {
  requireFloat(input, "hardsigmoid_cpu");
  const f32 = input.dtype.name === "float32";
  return pointwise(
    input,
    "HardsigmoidBackward0",
    (v) => {
      const s = f32 ? fround(v + 3) : v + 3;
      return (s !== s ? s : Math.min(Math.max(s, 0), 6)) / 6;
    },
    (g, x) => g.mul(x.gt(-3).logicalAnd(x.lt(3))).div(6),
  );
}

/** F.hardswish(input): x * min(max(x + 3, 0), 6) / 6 (HardswishBackward0). */
export function hardswish(input: Tensor): Tensor {
  requireFloat(input, "hardswish_cpu");
  const f32 = input.dtype.name === "float32";
  return pointwise(
    input,
    "HardswishBackward0",
    (v) => {
      const s = f32 ? fround(v + 3) : v + 3;
      const c = s !== s ? s : Math.min(Math.max(s, 0), 6);
      return f32 ? fround(v * c) / 6 : (v * c) / 6;
    },
    (g, x) => {
      // hardswish_backward: 0 below -3, x/3 + 0.5 up to 3, 1 above
      const mid = x.div(3).add(0.5);
      return where(x.lt(-3), 0, where(x.le(3), g.mul(mid), g));
    },
  );
}

/** F.logsigmoid(input): -softplus(-x) (LogSigmoidBackward0). */
export function logsigmoid(input: Tensor): Tensor {
  requireFloat(input, "log_sigmoid_cpu");
  return pointwise(
    input,
    "LogSigmoidBackward0",
    (v) => Math.min(v, 0) - Math.log1p(Math.exp(-Math.abs(v))),
    (g, x) => g.mul(x.neg().sigmoid()),
  );
}

/** F.sigmoid(input): SigmoidBackward0. */
export function sigmoid(input: Tensor): Tensor {
  return input.sigmoid();
}

/** F.tanh(input): TanhBackward0. */
export function tanh(input: Tensor): Tensor {
  return input.tanh();
}

