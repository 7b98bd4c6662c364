// batch_norm, layer_norm, group_norm. The forward is one kernel (statistics accumulated in float64),
// recorded as NativeBatchNormBackward0 / NativeLayerNormBackward0 / NativeGroupNormBackward0 with the
// native_*_backward formulas: a fused kernel for a plain backward, and (under create_graph) the same
// formulas in differentiable tensor ops that recompute the statistics from the saved input, so the
// gradient is itself differentiable (double backward).
//
// All three normalize "rows" of elements sharing a mean and variance:
//   batch_norm: x as [N, C, S], one row per channel c (elements (n, c, s) for all n, s)
//   layer_norm: x as [M, D], one row per leading index
//   group_norm: x as [N * G, Cg * S], one row per (sample, group)
// and scale each element by an affine parameter indexed by its channel (batch/group norm) or position (layer norm).
import { gradMode } from "../autograd/grad_mode.js";
import { RuntimeError, TorchTypeError, ValueError } from "../errors.js";
import { record, shouldRecordAll } from "../ops/record.js";
import { float32, type DType } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { SCALAR_NAMES } from "./util.js";

const fround = Math.fround;
type Arr = ArrayLike<number>;

/**
 * The element layout of a normalization: row r has `len` elements; element j of row r sits at
 * index(r, j) in the flat input and uses affine parameter param(r, j).
 */
interface Layout {
  rows: number;
  len: number;
  /** batch norm: rows are channels, elements (n, s) at (n * C + r) * S + s */
  kind: "bn" | "ln" | "gn";
  C: number;
  S: number;
  G: number;
}

/** Visits every element of every row in order: f(row, flatIndex, paramIndex). */
function forEach(L: Layout, f: (r: number, i: number, p: number) => void): void {
  const { rows, len, kind, C, S, G } = L;
  if (kind === "bn") {
    const N = S === 0 || C === 0 ? 0 : len / S;
    for (let r = 0; r < rows; r++) for (let n = 0; n < N; n++) {
      const base = (n * C + r) * S;
      for (let s = 0; s < S; s++) f(r, base + s, r);
    }
  } else if (kind === "ln") {
    for (let r = 0; r < rows; r++) {
      const base = r * len;
      for (let j = 0; j < len; j++) f(r, base + j, j);
    }
  } else {
    const Cg = C / G;
    for (let r = 0; r < rows; r++) {
      const base = r * len;
      const c0 = (r % G) * Cg;
      for (let j = 0; j < len; j++) f(r, base + j, c0 + Math.floor(j / S));
    }
  }
}

/** Per-row mean and sum of squared deviations, in float64. */
function moments(v: Arr, L: Layout): [Float64Array, Float64Array] {
  const sum = new Float64Array(L.rows);
  forEach(L, (r, i) => (sum[r] += v[i]));
  const mean = new Float64Array(L.rows);
  for (let r = 0; r < L.rows; r++) mean[r] = sum[r] / L.len;
  const ss = new Float64Array(L.rows);
  forEach(L, (r, i) => {
    const d = v[i] - mean[r];
    ss[r] += d * d;
  });
  return [mean, ss];
}

/** out = (x - mean) * invstd * w + b. */
function transform(v: Arr, L: Layout, mean: Arr, invstd: Arr, w: Arr | null, b: Arr | null, out: Float32Array | Float64Array): void {
  forEach(L, (r, i, p) => {
    let y = (v[i] - mean[r]) * invstd[r];
    if (w) y = y * w[p];
    if (b) y = y + b[p];
    out[i] = y;
  });
}

/**
 * The fused first-order backward: with xhat = (x - mean) * invstd and gx = g * w,
 *   training: gI = invstd * (gx - mean_row(gx) - xhat * mean_row(gx * xhat))
 *   otherwise (batch norm eval): gI = gx * invstd
 * and gW[p] = sum g * xhat, gB[p] = sum g over the elements using parameter p.
 */
function fusedBackward(
  g: Tensor, x: Tensor, L: Layout, mean: Arr, invstd: Arr, w: Arr | null, nParams: number, training: boolean,
  want: [boolean, boolean, boolean], dtype: DType,
): [Tensor | null, Tensor | null, Tensor | null] {
  const gv = g._values();
  const xv = x._values();
  const gW = want[1] ? new Float64Array(nParams) : null;
  const gB = want[2] ? new Float64Array(nParams) : null;
  let gI: Float64Array | null = null;
  if (want[0]) {
    gI = new Float64Array(xv.length);
    if (training) {
      const a = new Float64Array(L.rows);
      const b = new Float64Array(L.rows);
      forEach(L, (r, i, p) => {
        const gx = w ? gv[i] * w[p] : gv[i];
        a[r] += gx;
        b[r] += gx * (xv[i] - mean[r]) * invstd[r];
      });
      forEach(L, (r, i, p) => {
        const gx = w ? gv[i] * w[p] : gv[i];
        const xhat = (xv[i] - mean[r]) * invstd[r];
        gI![i] = invstd[r] * (gx - a[r] / L.len - (xhat * b[r]) / L.len);
      });
    } else {
      forEach(L, (r, i, p) => (gI![i] = (w ? gv[i] * w[p] : gv[i]) * invstd[r]));
    }
  }
  if (gW || gB)
    forEach(L, (r, i, p) => {
      if (gW) gW[p] += gv[i] * (xv[i] - mean[r]) * invstd[r];
      if (gB) gB[p] += gv[i];
    });
  const mk = (a: Float64Array | null, shape: number[]): Tensor | null => {
    if (!a) return null;
    const out = dtype.alloc(a.length);
    out.set(a);
    return new Tensor(out, shape, undefined, 0, dtype);
  };
  return [mk(gI, x._shape.slice()), gW, gB].map((t, k) => (k === 0 ? t : mk(t as Float64Array | null, [nParams]))) as [Tensor | null, Tensor | null, Tensor | null];
}

function f64Tensor(a: Float64Array, dtype: DType): Tensor {
  const out = dtype.alloc(a.length);
  out.set(a);
  return new Tensor(out, [a.length], undefined, 0, dtype);
}

/** A per-channel tensor shaped for broadcasting along dim 1 of an ndim-dim tensor. */
function along(t: Tensor, ndim: number, dim: number): Tensor {
  const shape = new Array<number>(ndim).fill(1);
  shape[dim] = t.numel();
  return t.reshape(shape);
}

/** Records a normalization node: fused backward for a plain backward, differentiable formulas under create_graph. */
function recordNorm(
  node: string, input: Tensor, weight: Tensor | null, bias: Tensor | null, result: Tensor, L: Layout, mean: Float64Array, invstd: Float64Array,
  nParams: number, training: boolean, paramShape: number[],
  composite: (x: Tensor, w: Tensor | null, g: Tensor, want: [boolean, boolean, boolean], meanT: Tensor, invT: Tensor) => [Tensor | null, Tensor | null, Tensor | null],
): void {
  const inputs = [input, ...(weight ? [weight] : []), ...(bias ? [bias] : [])];
  if (!shouldRecordAll(inputs)) return;
  const dtype = input.dtype;
  const meanT = f64Tensor(mean, dtype);
  const invT = f64Tensor(invstd, dtype);
  record(node, inputs, result, [input, weight, meanT, invT], (ctx, [g]) => {
    const wi = 1;
    const bi = weight ? 2 : 1;
    const want: [boolean, boolean, boolean] = [ctx.needs(0), weight !== null && ctx.needs(wi), bias !== null && ctx.needs(bi)];
    const x = ctx.saved(0);
    const w = weight ? ctx.saved(1) : null;
    let res: [Tensor | null, Tensor | null, Tensor | null];
    if (!gradMode.enabled) {
      res = fusedBackward(g, x, L, ctx.saved(2)._values(), ctx.saved(3)._values(), w ? w._values() : null, nParams, training, want, dtype);
      if (res[1]) res[1] = res[1].reshape(paramShape);
      if (res[2]) res[2] = res[2].reshape(paramShape);
    } else res = composite(x, w, g, want, ctx.saved(2), ctx.saved(3));
    return [res[0], ...(weight ? [res[1]] : []), ...(bias ? [res[2]] : [])];
  });
}

/** The training-mode formulas in differentiable ops over `dims` (statistics recomputed from x). */
function compositeTrain(x: Tensor, gx: Tensor, dims: number[], eps: number): [Tensor, Tensor] {
  const mu = x.mean(dims, true);
  const xc = x.sub(mu);
  const inv = xc.mul(xc).mean(dims, true).add(eps).pow(-0.5);
  const xhat = xc.mul(inv);
  const gI = inv.mul(gx.sub(gx.mean(dims, true)).sub(xhat.mul(gx.mul(xhat).mean(dims, true))));
  return [gI, xhat];
}

// ---- batch_norm -----------------------------------------------------------------------------------

export interface BatchNormOptions {
  weight?: Tensor | null;
  bias?: Tensor | null;
  training?: boolean;
  momentum?: number;
  eps?: number;
}

function checkFeatures(name: string, expected: number, actual: number): void {
  if (actual !== expected) throw new RuntimeError(`${name} should contain ${expected} elements not ${actual}`);
}

/** F.batchNorm(input, runningMean, runningVar, { weight, bias, training, momentum, eps }): NativeBatchNormBackward0. */
export function batchNorm(
  input: Tensor, runningMean: Tensor | null, runningVar: Tensor | null, weightOrOpts?: Tensor | null | BatchNormOptions,
  biasArg?: Tensor | null, trainingArg?: boolean, momentumArg?: number, epsArg?: number,
): Tensor {
  const opts: BatchNormOptions =
    weightOrOpts instanceof Tensor || weightOrOpts === null || (weightOrOpts === undefined && biasArg !== undefined)
      ? { weight: weightOrOpts ?? null, bias: biasArg, training: trainingArg, momentum: momentumArg, eps: epsArg }
      : (weightOrOpts ?? {});
  const weight = opts.weight ?? null;
  const bias = opts.bias ?? null;
  const training = opts.training ?? false;
  const momentum = opts.momentum ?? 0.1;
  const eps = opts.eps ?? 1e-5;
  const shape = input._shape;
  if (training) {
    let prod = shape[0];
    for (let i = 2; i < shape.length; i++) prod *= shape[i];
    if (prod === 1) throw new ValueError(`Expected more than 1 value per channel when training, got input size torch.Size([${shape.join(", ")}])`);
  }
  const C = shape.length > 1 ? shape[1] : 0;
  if (runningMean) checkFeatures("running_mean", C, runningMean.numel());
  else if (!training) throw new RuntimeError("running_mean must be defined in evaluation mode");
  if (runningVar) checkFeatures("running_var", C, runningVar.numel());
  else if (!training) throw new RuntimeError("running_var must be defined in evaluation mode");
  if (weight) checkFeatures("weight", C, weight.numel());
  if (bias) checkFeatures("bias", C, bias.numel());
  if (!input.dtype.isFloatingPoint) throw new RuntimeError(`"batch_norm" not implemented for '${SCALAR_NAMES[input.dtype.name]}'`);
  const dtype = input.dtype;
  const v = input._values();
  const S = shape.slice(2).reduce((a, b) => a * b, 1);
  const L: Layout = { rows: C, len: C === 0 ? 0 : v.length / C, kind: "bn", C, S, G: 1 };
  let mean: Float64Array;
  const invstd = new Float64Array(C);
  if (training) {
    const [m, ss] = moments(v, L);
    mean = m;
    for (let c = 0; c < C; c++) invstd[c] = 1 / Math.sqrt(ss[c] / L.len + eps);
    // running statistics, updated in place: momentum * batch + (1 - momentum) * running (unbiased variance)
    if (runningMean) updateRunning(runningMean, m, momentum);
    if (runningVar) updateRunning(runningVar, ss.map((s) => s / (L.len - 1)), momentum);
  } else {
    mean = Float64Array.from(runningMean!._values());
    const rv = runningVar!._values();
    for (let c = 0; c < C; c++) invstd[c] = 1 / Math.sqrt(rv[c] + eps);
  }
  const out = dtype.alloc(v.length) as Float32Array | Float64Array;
  transform(v, L, mean, invstd, weight ? weight._values() : null, bias ? bias._values() : null, out);
  const result = new Tensor(out, shape.slice(), undefined, 0, dtype);
  const nd = shape.length;
  const dims = [0, ...shape.slice(2).map((_, i) => i + 2)];
  recordNorm("NativeBatchNormBackward0", input, weight, bias, result, L, mean, invstd, C, training, [C], (x, w, g, want, meanT, invT) => {
    const gx = w ? g.mul(along(w, nd, 1)) : g;
    if (training) {
      const [gI, xhat] = compositeTrain(x, gx, dims, eps);
      return [want[0] ? gI : null, want[1] ? g.mul(xhat).sum(dims) : null, want[2] ? g.sum(dims) : null];
    }
    const inv = along(invT, nd, 1);
    return [
      want[0] ? gx.mul(inv) : null,
      want[1] ? g.mul(x.sub(along(meanT, nd, 1)).mul(inv)).sum(dims) : null,
      want[2] ? g.sum(dims) : null,
    ];
  });
  return result;
}

/** running = momentum * batch + (1 - momentum) * running, in place (below autograd, as in PyTorch: no version bump). */
function updateRunning(running: Tensor, batch: Float64Array, momentum: number): void {
  const f32 = running.dtype === float32;
  const r = f32 ? fround : (x: number) => x;
  const m = r(momentum);
  const om = r(1 - momentum);
  const n = running.numel();
  const st = running.ndim === 1 ? running._strides[0] : 1;
  for (let c = 0; c < n; c++) {
    const p = running._offset + c * st;
    running._data[p] = r(r(m * r(batch[c])) + r(om * running._data[p]));
  }
}

// ---- layer_norm -----------------------------------------------------------------------------------

export interface LayerNormOptions {
  weight?: Tensor | null;
  bias?: Tensor | null;
  eps?: number;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function affineArgs(weightOrOpts: Tensor | null | undefined | LayerNormOptions, biasArg: Tensor | null | undefined, epsArg: number | undefined): [Tensor | null, Tensor | null, number] {
  if (weightOrOpts instanceof Tensor || weightOrOpts === null || weightOrOpts === undefined) return [weightOrOpts ?? null, biasArg ?? null, epsArg ?? 1e-5];
  return [weightOrOpts.weight ?? null, weightOrOpts.bias ?? null, weightOrOpts.eps ?? 1e-5];
}

/** F.layerNorm(input, normalizedShape, { weight, bias, eps }) (or weight, bias, eps positionally): NativeLayerNormBackward0. */
export function layerNorm(input: Tensor, normalizedShape: number[], weightOrOpts?: Tensor | null | LayerNormOptions, biasArg?: Tensor | null, epsArg?: number): Tensor {
  const [weight, bias, eps] = affineArgs(weightOrOpts, biasArg, epsArg);
  if (typeof normalizedShape === "number")
    throw new TorchTypeError("layer_norm(): argument 'normalized_shape' (position 2) must be tuple of ints, not int");
  const ns = normalizedShape.slice();
  const fmt = (s: readonly number[]) => `[${s.join(", ")}]`;
  if (ns.length < 1)
    throw new RuntimeError(`Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = ${fmt(ns)}`);
  if (weight && !sameShape(weight._shape, ns))
    throw new RuntimeError(`Expected weight to be of same shape as normalized_shape, but got weight of shape ${fmt(weight._shape)} and normalized_shape = ${fmt(ns)}`);
  if (bias && !sameShape(bias._shape, ns))
    throw new RuntimeError(`Expected bias to be of same shape as normalized_shape, but got bias of shape ${fmt(bias._shape)} and normalized_shape = ${fmt(ns)}`);
  const shape = input._shape;
  const nd = shape.length;
  if (nd < ns.length || !sameShape(shape.slice(nd - ns.length), ns))
    throw new RuntimeError(`Given normalized_shape=${fmt(ns)}, expected input with shape [*${ns.map((s) => `, ${s}`).join("")}], but got input of size${fmt(shape)}`);
  if (!input.dtype.isFloatingPoint) throw new RuntimeError(`"LayerNormKernelImpl" not implemented for '${SCALAR_NAMES[input.dtype.name]}'`);
  const dtype = input.dtype;
  const D = ns.reduce((a, b) => a * b, 1);
  const M = D === 0 ? 0 : input.numel() / D;
  const v = input._values();
  const L: Layout = { rows: M, len: D, kind: "ln", C: 0, S: 0, G: 1 };
  const [mean, ss] = moments(v, L);
  const rstd = new Float64Array(M);
  for (let m = 0; m < M; m++) rstd[m] = 1 / Math.sqrt(ss[m] / D + eps);
  const out = dtype.alloc(v.length) as Float32Array | Float64Array;
  transform(v, L, mean, rstd, weight ? weight._values() : null, bias ? bias._values() : null, out);
  const result = new Tensor(out, shape.slice(), undefined, 0, dtype);
  const k = ns.length;
  const dims = ns.map((_, i) => nd - k + i);
  const lead = shape.slice(0, nd - k).map((_, i) => i);
  const sumLead = (t: Tensor): Tensor => (lead.length ? t.sum(lead) : t);
  recordNorm("NativeLayerNormBackward0", input, weight, bias, result, L, mean, rstd, D, true, ns, (x, w, g, want) => {
    const [gI, xhat] = compositeTrain(x, w ? g.mul(w) : g, dims, eps);
    return [want[0] ? gI : null, want[1] ? sumLead(g.mul(xhat)) : null, want[2] ? sumLead(g) : null];
  });
  return result;
}

// ---- group_norm -----------------------------------------------------------------------------------

export interface GroupNormOptions {
  weight?: Tensor | null;
  bias?: Tensor | null;
  eps?: number;
}

/** F.groupNorm(input, numGroups, { weight, bias, eps }) (or weight, bias, eps positionally): NativeGroupNormBackward0. */
export function groupNorm(input: Tensor, numGroups: number, weightOrOpts?: Tensor | null | GroupNormOptions, biasArg?: Tensor | null, epsArg?: number): Tensor {
  const [weight, bias, eps] = affineArgs(weightOrOpts, biasArg, epsArg);
  const shape = input._shape;
  const nd = shape.length;
  if (nd < 2) throw new RuntimeError(`Expected at least 2 dimensions for input tensor but received ${nd}`);
  const N = shape[0];
  const C = shape[1];
  // _verify_batch_size([N * C // G, G] + spatial)
  const vb = [Math.floor((N * C) / numGroups), numGroups, ...shape.slice(2)];
  let prod = vb[0];
  for (let i = 2; i < vb.length; i++) prod *= vb[i];
  if (prod === 1) throw new ValueError(`Expected more than 1 value per channel when training, got input size [${vb.join(", ")}]`);
  const fmt = (s: readonly number[]) => `[${s.join(", ")}]`;
  if (!(numGroups > 0)) throw new RuntimeError(`Expected num groups to be greater than 0, got ${numGroups}`);
  if (C % numGroups !== 0)
    throw new RuntimeError(`Expected number of channels in input to be divisible by num_groups, but got input of shape ${fmt(shape)} and num_groups=${numGroups}`);
  if (weight && !(weight.ndim === 1 && weight.numel() === C))
    throw new RuntimeError(`Expected weight to be a vector of size equal to the number of channels in input, but got weight of shape ${fmt(weight._shape)} and input of shape ${fmt(shape)}`);
  if (bias && !(bias.ndim === 1 && bias.numel() === C))
    // (PyTorch's message prints the weight's shape here)
    throw new RuntimeError(`Expected bias to be a vector of size equal to the number of channels in input, but got bias of shape ${fmt((weight ?? bias)._shape)} and input of shape ${fmt(shape)}`);
  if (!input.dtype.isFloatingPoint) throw new RuntimeError(`"GroupNormKernelImpl" not implemented for '${SCALAR_NAMES[input.dtype.name]}'`);
  const dtype = input.dtype;
  const S = shape.slice(2).reduce((a, b) => a * b, 1);
  const G = numGroups;
  const v = input._values();
  const L: Layout = { rows: N * G, len: (C / G) * S, kind: "gn", C, S, G };
  const [mean, ss] = moments(v, L);
  const rstd = new Float64Array(N * G);
  for (let r = 0; r < N * G; r++) rstd[r] = 1 / Math.sqrt(ss[r] / L.len + eps);
  const out = dtype.alloc(v.length) as Float32Array | Float64Array;
  transform(v, L, mean, rstd, weight ? weight._values() : null, bias ? bias._values() : null, out);
  const result = new Tensor(out, shape.slice(), undefined, 0, dtype);
  const dims = [0, ...shape.slice(2).map((_, i) => i + 2)];
  recordNorm("NativeGroupNormBackward0", input, weight, bias, result, L, mean, rstd, C, true, [C], (x, w, g, want) => {
    const gx = (w ? g.mul(along(w, nd, 1)) : g).reshape([N, G, -1]);
    const [gI, xh] = compositeTrain(x.reshape([N, G, -1]), gx, [2], eps);
    const xhat = xh.reshape(shape);
    return [want[0] ? gI.reshape(shape) : null, want[1] ? g.mul(xhat).sum(dims) : null, want[2] ? g.sum(dims) : null];
  });
  return result;
}
