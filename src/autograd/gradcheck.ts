// torch.autograd.gradcheck / gradgradcheck (PyTorch's slow mode): analytical Jacobians from backward
// against central finite differences, with PyTorch's tolerances and mismatch message.
import { RuntimeError, warn } from "../errors.js";
import { randnLike } from "../ops/creation.js";
import { float64 } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { grad } from "./functional.js";

/** torch.autograd.gradcheck.GradcheckError (a RuntimeError in PyTorch). */
export class GradcheckError extends RuntimeError {
  override name = "GradcheckError";
}

export interface GradcheckOptions {
  eps?: number;
  atol?: number;
  rtol?: number;
  raiseException?: boolean;
  nondetTol?: number;
}

type Fn = (...inputs: Tensor[]) => Tensor | Tensor[];

function asOutputs(r: Tensor | Tensor[]): Tensor[] {
  return Array.isArray(r) ? r : [r];
}

/** Storage offsets of a tensor's elements in row-major order. */
function elementOffsets(t: Tensor): number[] {
  const out: number[] = [];
  const shape = t._shape;
  const n = t.numel();
  const idx = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < n; i++) {
    let off = t._offset;
    for (let d = 0; d < shape.length; d++) off += idx[d] * t._strides[d];
    out.push(off);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

/** Numerical Jacobians J[out][in] as row-major [numel(in)][numel(out)] arrays (PyTorch's layout). */
function numericalJacobian(fn: Fn, inputs: Tensor[], eps: number): number[][][][] {
  // Grad mode stays as it is: gradgradcheck's function itself calls autograd.grad.
  {
    const outs0 = asOutputs(fn(...inputs));
    return inputs.map((x) => {
      if (!x.requiresGrad) return outs0.map(() => []);
      const offs = elementOffsets(x);
      const perOut: number[][][] = outs0.map(() => []);
      for (const off of offs) {
        const orig = x._data[off];
        x._data[off] = orig - eps;
        const lo = asOutputs(fn(...inputs)).map((o) => Array.from(o.detach().to(float64)._values()));
        x._data[off] = orig + eps;
        const hi = asOutputs(fn(...inputs)).map((o) => Array.from(o.detach().to(float64)._values()));
        x._data[off] = orig;
        perOut.forEach((rows, k) => rows.push(hi[k].map((h, j) => (h - lo[k][j]) / (2 * eps))));
      }
      return perOut;
    });
  }
}

/** Analytical Jacobians via one backward pass per output element. */
function analyticalJacobian(fn: Fn, inputs: Tensor[]): number[][][][] {
  const outputs = asOutputs(fn(...inputs));
  const diff = inputs.filter((x) => x.requiresGrad);
  const result = inputs.map(() => outputs.map(() => [] as number[][]));
  outputs.forEach((out, k) => {
    const n = out.numel();
    const cols: (number[] | null)[][] = inputs.map(() => []);
    for (let j = 0; j < n; j++) {
      const go = new Tensor(out.dtype.alloc(n), out._shape.slice(), undefined, 0, out.dtype);
      go._data[j] = 1;
      const gs = out.requiresGrad
        ? grad([out], diff, { gradOutputs: [go], retainGraph: true, allowUnused: true })
        : diff.map(() => null);
      let d = 0;
      inputs.forEach((x, i) => {
        if (!x.requiresGrad) return;
        const g = gs[d++];
        cols[i].push(g ? Array.from(g.to(float64)._values()) : new Array(x.numel()).fill(0));
      });
    }
    inputs.forEach((x, i) => {
      if (!x.requiresGrad) return;
      // transpose to [numel(in)][numel(out)]
      const m = x.numel();
      const rows: number[][] = [];
      for (let a = 0; a < m; a++) rows.push(cols[i].map((c) => c![a]));
      result[i][k] = rows;
    });
  });
  return result;
}

function jacobianString(rows: number[][], nIn: number, nOut: number): string {
  const t = new Tensor(new Float64Array(nIn * nOut), [nIn, nOut], undefined, 0, float64);
  rows.forEach((r, a) => r.forEach((v, b) => (t._data[a * nOut + b] = v)));
  return t.toString();
}

export function gradcheck(fn: Fn, inputsArg: Tensor | Tensor[], opts: GradcheckOptions = {}): boolean {
  const inputs = Array.isArray(inputsArg) ? inputsArg : [inputsArg];
  const eps = opts.eps ?? 1e-6;
  const atol = opts.atol ?? 1e-5;
  const rtol = opts.rtol ?? 1e-3;
  const raise = opts.raiseException ?? true;
  if (!inputs.some((x) => x.requiresGrad))
    throw new (class extends Error { override name = "ValueError"; })(
      "gradcheck expects at least one input tensor to require gradient, but none of the them have requires_grad=True.",
    );
  inputs.forEach((x, i) => {
    // _check_inputs: finite differences need every element to have its own memory.
    if (x.requiresGrad && x._strides.some((st, d) => st === 0 && x._shape[d] > 1))
      throw new RuntimeError(
        `The ${i}th input has a dimension with stride 0. gradcheck only supports inputs that are non-overlapping to be able to compute the numerical gradients correctly. You should call .contiguous on the input before passing it to gradcheck.`,
      );
    if (x.requiresGrad && x.dtype !== float64)
      warn(
        `Input #${i} requires gradient and is not a double precision floating point or complex. This check will likely fail if all the inputs are not of double precision floating point or complex. `,
      );
  });
  const outputs = asOutputs(fn(...inputs));
  const numerical = numericalJacobian(fn, inputs, eps);
  const analytical = analyticalJacobian(fn, inputs);
  for (let i = 0; i < inputs.length; i++) {
    if (!inputs[i].requiresGrad) continue;
    for (let k = 0; k < outputs.length; k++) {
      if (!outputs[k].dtype.isFloatingPoint) continue;
      const num = numerical[i][k];
      const ana = analytical[i][k];
      let ok = true;
      for (let a = 0; a < num.length && ok; a++)
        for (let b = 0; b < num[a].length; b++) {
          const n = num[a][b];
          const an = ana[a]?.[b] ?? 0;
          if (!(Math.abs(an - n) <= atol + rtol * Math.abs(n))) {
            ok = false;
            break;
          }
        }
      if (!ok) {
        const nIn = inputs[i].numel();
        const nOut = outputs[k].numel();
        const msg =
          `Jacobian mismatch for output ${k} with respect to input ${i},\n` +
          `numerical:${jacobianString(num, nIn, nOut)}\nanalytical:${jacobianString(ana, nIn, nOut)}\n`;
        if (raise) throw new GradcheckError(msg);
        return false;
      }
    }
  }
  return true;
}

/** Checks second derivatives: gradcheck of (inputs, gradOutputs) -> d(outputs)/d(inputs) · gradOutputs. */
export function gradgradcheck(fn: Fn, inputsArg: Tensor | Tensor[], gradOutputsArg?: Tensor | Tensor[] | null, opts: GradcheckOptions = {}): boolean {
  const inputs = Array.isArray(inputsArg) ? inputsArg : [inputsArg];
  const outputs = asOutputs(fn(...inputs));
  const gradOutputs =
    gradOutputsArg == null
      ? outputs.map((o) => randnLike(o, { dtype: float64 }).requiresGrad_(true))
      : Array.isArray(gradOutputsArg) ? gradOutputsArg : [gradOutputsArg];
  const n = inputs.length;
  const diffIdx = inputs.map((x, i) => (x.requiresGrad ? i : -1)).filter((i) => i >= 0);
  const newFn = (...all: Tensor[]): Tensor[] => {
    const ins = all.slice(0, n);
    const gos = all.slice(n);
    const outs = asOutputs(fn(...ins));
    const gs = grad(outs, diffIdx.map((i) => ins[i]), { gradOutputs: gos, createGraph: true, allowUnused: true });
    return gs.filter((g): g is Tensor => g !== null);
  };
  return gradcheck(newFn, [...inputs, ...gradOutputs], opts);
}
