// Convolutions (conv1d, conv2d, conv_transpose2d) on flat typed arrays.
//
// Every convolution quantity is a derivative of one trilinear form over an "image" X [N, C, H, W], a
// weight Wt [O, C/G, KH, KW] and an "output" Y [N, O, OH, OW]:
//   T(X, Wt, Y) = sum Y[n, o, oh, ow] Wt[o, c, kh, kw] X[n, g*C/G + c, oh*sh - ph + kh*dh, ow*sw - pw + kw*dw]
// (g = the group of o, out-of-range X positions read as zero). Three kernels compute its gradients:
//   kernelY(X, Wt) = dT/dY   (the convolution; the transposed convolution's input gradient)
//   kernelX(Y, Wt) = dT/dX   (the convolution's input gradient; the transposed convolution)
//   kernelW(X, Y)  = dT/dWt  (the weight gradient of both)
// Each runs as im2col / col2im around a GEMM-shaped loop, accumulating in float64. Each kernel is also
// a differentiable op whose derivatives are the other two kernels, so gradients of any order work.
import { RuntimeError, warn } from "../errors.js";
import { record, shouldRecordAll } from "../ops/record.js";
import type { DType } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { SCALAR_NAMES } from "./util.js";

/** The geometry of one convolution (1-d convolutions have H = KH = OH = 1). */
export interface Geom {
  N: number;
  C: number;
  H: number;
  W: number;
  O: number;
  KH: number;
  KW: number;
  OH: number;
  OW: number;
  sh: number;
  sw: number;
  ph: number;
  pw: number;
  dh: number;
  dw: number;
  G: number;
  /** spatial dims of the user-facing tensors: 1 (conv1d) or 2 */
  dims: 1 | 2;
}

function xShape(g: Geom): number[] {
  return g.dims === 1 ? [g.N, g.C, g.W] : [g.N, g.C, g.H, g.W];
}
function yShape(g: Geom): number[] {
  return g.dims === 1 ? [g.N, g.O, g.OW] : [g.N, g.O, g.OH, g.OW];
}
function wShape(g: Geom): number[] {
  return g.dims === 1 ? [g.O, g.C / g.G, g.KW] : [g.O, g.C / g.G, g.KH, g.KW];
}

/** Scratch buffers, grown as needed and reused across calls (im2col columns in the input's precision). */
let cols32 = new Float32Array(0);
let cols64 = new Float64Array(0);
type Cols = Float32Array | Float64Array;
function cols(n: number, f32: boolean): Cols {
  if (f32) {
    if (cols32.length < n) cols32 = new Float32Array(n);
    return cols32;
  }
  if (cols64.length < n) cols64 = new Float64Array(n);
  return cols64;
}
let rowBuf = new Float64Array(0);
function rows(n: number): Float64Array {
  if (rowBuf.length < n) rowBuf = new Float64Array(n);
  return rowBuf;
}

/** First ow whose input column ow*s + off is >= 0 (clipped to OW). */
function validLo(off: number, s: number, OW: number): number {
  const lo = off >= 0 ? 0 : Math.ceil(-off / s);
  return lo > OW ? OW : lo;
}
/** One past the last ow whose input column ow*s + off is < W (clipped to [lo, OW]). */
function validHi(off: number, s: number, W: number, OW: number, lo: number): number {
  let hi = W - off <= 0 ? 0 : Math.ceil((W - off) / s);
  if (hi > OW) hi = OW;
  return hi < lo ? lo : hi;
}

/** im2col for image n, group grp: c[k*L + l] with k = (c*KH + kh)*KW + kw and l = oh*OW + ow. */
function im2col(x: ArrayLike<number>, g: Geom, n: number, grp: number, c: Cols): void {
  const { C, H, W, KH, KW, OH, OW, sh, sw, ph, pw, dh, dw, G } = g;
  const Cg = C / G;
  const L = OH * OW;
  for (let ci = 0; ci < Cg; ci++) {
    const plane = (n * C + grp * Cg + ci) * H * W;
    for (let kh = 0; kh < KH; kh++) {
      for (let kw = 0; kw < KW; kw++) {
        const k = (ci * KH + kh) * KW + kw;
        const base = k * L;
        const offW = kw * dw - pw;
        const lo = validLo(offW, sw, OW);
        const hi = validHi(offW, sw, W, OW, lo);
        for (let oh = 0; oh < OH; oh++) {
          const ih = oh * sh - ph + kh * dh;
          const rb = base + oh * OW;
          if (ih < 0 || ih >= H) {
            c.fill(0, rb, rb + OW);
            continue;
          }
          const src = plane + ih * W + offW;
          for (let ow = 0; ow < lo; ow++) c[rb + ow] = 0;
          if (sw === 1) for (let ow = lo; ow < hi; ow++) c[rb + ow] = x[src + ow];
          else for (let ow = lo; ow < hi; ow++) c[rb + ow] = x[src + ow * sw];
          for (let ow = hi; ow < OW; ow++) c[rb + ow] = 0;
        }
      }
    }
  }
}

/** col2im: adds c (as im2col lays it out) into the image gradient gx for image n, group grp. */
function col2im(c: Float64Array, g: Geom, n: number, grp: number, gx: Float64Array): void {
  const { C, H, W, KH, KW, OH, OW, sh, sw, ph, pw, dh, dw, G } = g;
  const Cg = C / G;
  const L = OH * OW;
  for (let ci = 0; ci < Cg; ci++) {
    const plane = (n * C + grp * Cg + ci) * H * W;
    for (let kh = 0; kh < KH; kh++) {
      for (let kw = 0; kw < KW; kw++) {
        const k = (ci * KH + kh) * KW + kw;
        const base = k * L;
        const offW = kw * dw - pw;
        const lo = validLo(offW, sw, OW);
        const hi = validHi(offW, sw, W, OW, lo);
        for (let oh = 0; oh < OH; oh++) {
          const ih = oh * sh - ph + kh * dh;
          if (ih < 0 || ih >= H) continue;
          const dst = plane + ih * W + offW;
          const rb = base + oh * OW;
          if (sw === 1) for (let ow = lo; ow < hi; ow++) gx[dst + ow] += c[rb + ow];
          else for (let ow = lo; ow < hi; ow++) gx[dst + ow * sw] += c[rb + ow];
        }
      }
    }
  }
}

/** Y = dT/dY (X, Wt), plus an optional per-channel bias. Four output channels share each pass over the columns. */
function kernelY(x: ArrayLike<number>, w: ArrayLike<number>, bias: ArrayLike<number> | null, g: Geom, dtype: DType): Tensor {
  const { N, C, O, KH, KW, OH, OW, G } = g;
  const Cg = C / G;
  const Og = O / G;
  const K = Cg * KH * KW;
  const L = OH * OW;
  const out = dtype.alloc(N * O * L);
  if (out.length > 0 && K > 0) {
    const c = cols(K * L, dtype.name === "float32");
    const acc = rows(4 * L);
    for (let n = 0; n < N; n++) {
      for (let grp = 0; grp < G; grp++) {
        im2col(x, g, n, grp, c);
        for (let oo = 0; oo < Og; oo += 4) {
          const nb = Math.min(4, Og - oo);
          const o0 = grp * Og + oo;
          for (let j = 0; j < 4; j++) acc.fill(j < nb && bias ? bias[o0 + j] : 0, j * L, (j + 1) * L);
          const w0 = o0 * K;
          const w1 = nb > 1 ? w0 + K : w0;
          const w2 = nb > 2 ? w0 + 2 * K : w0;
          const w3 = nb > 3 ? w0 + 3 * K : w0;
          for (let k = 0; k < K; k++) {
            const a = w[w0 + k];
            const b = nb > 1 ? w[w1 + k] : 0;
            const cc = nb > 2 ? w[w2 + k] : 0;
            const d = nb > 3 ? w[w3 + k] : 0;
            const cb = k * L;
            for (let l = 0; l < L; l++) {
              const v = c[cb + l];
              acc[l] += a * v;
              acc[L + l] += b * v;
              acc[2 * L + l] += cc * v;
              acc[3 * L + l] += d * v;
            }
          }
          for (let j = 0; j < nb; j++) {
            const ob = (n * O + o0 + j) * L;
            for (let l = 0; l < L; l++) out[ob + l] = acc[j * L + l];
          }
        }
      }
    }
  } else if (bias && out.length > 0) {
    for (let n = 0; n < N; n++) for (let o = 0; o < O; o++) out.fill(bias[o], (n * O + o) * L, (n * O + o + 1) * L);
  }
  return new Tensor(out, yShape(g), undefined, 0, dtype);
}

/** X = dT/dX (Y, Wt), plus an optional per-channel bias (the transposed convolution's). */
function kernelX(y: ArrayLike<number>, w: ArrayLike<number>, bias: ArrayLike<number> | null, g: Geom, dtype: DType): Tensor {
  const { N, C, H, W, O, KH, KW, OH, OW, G } = g;
  const Cg = C / G;
  const Og = O / G;
  const K = Cg * KH * KW;
  const L = OH * OW;
  const gx = new Float64Array(N * C * H * W);
  if (K > 0 && L > 0) {
    const c = cols(K * L, false) as Float64Array;
    for (let n = 0; n < N; n++) {
      for (let grp = 0; grp < G; grp++) {
        c.fill(0, 0, K * L);
        // columns[k, :] = sum_o Wt[o, k] Y[o, :], four output channels per pass
        for (let oo = 0; oo < Og; oo += 4) {
          const nb = Math.min(4, Og - oo);
          const o0 = grp * Og + oo;
          const y0 = (n * O + o0) * L;
          const y1 = nb > 1 ? y0 + L : y0;
          const y2 = nb > 2 ? y0 + 2 * L : y0;
          const y3 = nb > 3 ? y0 + 3 * L : y0;
          const w0 = o0 * K;
          for (let k = 0; k < K; k++) {
            const a = w[w0 + k];
            const b = nb > 1 ? w[w0 + K + k] : 0;
            const cc = nb > 2 ? w[w0 + 2 * K + k] : 0;
            const d = nb > 3 ? w[w0 + 3 * K + k] : 0;
            if (a === 0 && b === 0 && cc === 0 && d === 0) continue;
            const cb = k * L;
            for (let l = 0; l < L; l++) c[cb + l] += a * y[y0 + l] + b * y[y1 + l] + cc * y[y2 + l] + d * y[y3 + l];
          }
        }
        col2im(c, g, n, grp, gx);
      }
    }
  }
  if (bias) {
    const HW = H * W;
    for (let n = 0; n < N; n++) for (let ch = 0; ch < C; ch++) {
      const b = bias[ch];
      const base = (n * C + ch) * HW;
      for (let i = 0; i < HW; i++) gx[base + i] += b;
    }
  }
  const out = dtype.alloc(gx.length);
  out.set(gx);
  return new Tensor(out, xShape(g), undefined, 0, dtype);
}

/** Wt = dT/dWt (X, Y): dot products of output rows with im2col rows, four output channels per pass. */
function kernelW(x: ArrayLike<number>, y: ArrayLike<number>, g: Geom, dtype: DType): Tensor {
  const { N, C, O, KH, KW, OH, OW, G } = g;
  const Cg = C / G;
  const Og = O / G;
  const K = Cg * KH * KW;
  const L = OH * OW;
  const gw = new Float64Array(O * K);
  if (K > 0 && L > 0) {
    const c = cols(K * L, dtype.name === "float32");
    for (let n = 0; n < N; n++) {
      for (let grp = 0; grp < G; grp++) {
        im2col(x, g, n, grp, c);
        for (let oo = 0; oo < Og; oo += 4) {
          const nb = Math.min(4, Og - oo);
          const o0 = grp * Og + oo;
          const y0 = (n * O + o0) * L;
          const y1 = nb > 1 ? y0 + L : y0;
          const y2 = nb > 2 ? y0 + 2 * L : y0;
          const y3 = nb > 3 ? y0 + 3 * L : y0;
          const w0 = o0 * K;
          for (let k = 0; k < K; k++) {
            const cb = k * L;
            let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (let l = 0; l < L; l++) {
              const v = c[cb + l];
              s0 += y[y0 + l] * v;
              s1 += y[y1 + l] * v;
              s2 += y[y2 + l] * v;
              s3 += y[y3 + l] * v;
            }
            gw[w0 + k] += s0;
            if (nb > 1) gw[w0 + K + k] += s1;
            if (nb > 2) gw[w0 + 2 * K + k] += s2;
            if (nb > 3) gw[w0 + 3 * K + k] += s3;
          }
        }
      }
    }
  }
  const out = dtype.alloc(gw.length);
  out.set(gw);
  return new Tensor(out, wShape(g), undefined, 0, dtype);
}

/** Sum of g over every dim but 1 (the bias gradient). */
function biasGrad(g: Tensor): Tensor {
  const dims = [0, ...g._shape.slice(2).map((_, i) => i + 2)];
  return g.sum(dims);
}

// ---- the differentiable ops ---------------------------------------------------------------------

/** The convolution Y = kernelY(X, Wt) + bias: ConvolutionBackward0. */
export function convOp(x: Tensor, w: Tensor, bias: Tensor | null, g: Geom, node = "ConvolutionBackward0"): Tensor {
  const out = kernelY(x._values(), w._values(), bias ? bias._values() : null, g, x.dtype);
  const inputs = bias ? [x, w, bias] : [x, w];
  if (shouldRecordAll(inputs))
    record(node, inputs, out, [w.requiresGrad ? x : null, w], (ctx, [gy]) => {
      const gx = ctx.needs(0) ? inputGradOp(gy, ctx.saved(1), g) : null;
      const gw = ctx.needs(1) ? weightGradOp(ctx.saved(0), gy, g) : null;
      return bias ? [gx, gw, ctx.needs(2) ? biasGrad(gy) : null] : [gx, gw];
    });
  return out;
}

/** kernelX(Y, Wt) as an op: the convolution's input gradient. */
function inputGradOp(y: Tensor, w: Tensor, g: Geom): Tensor {
  const out = kernelX(y._values(), w._values(), null, g, y.dtype);
  if (shouldRecordAll([y, w]))
    record("ConvolutionBackwardBackward0", [y, w], out, [y, w], (ctx, [gg]) => [
      ctx.needs(0) ? convOp(gg, ctx.saved(1), null, g, "ConvolutionBackwardBackward0") : null,
      ctx.needs(1) ? weightGradOp(gg, ctx.saved(0), g) : null,
    ]);
  return out;
}

/** kernelW(X, Y) as an op: the weight gradient. */
function weightGradOp(x: Tensor, y: Tensor, g: Geom): Tensor {
  const out = kernelW(x._values(), y._values(), g, y.dtype);
  if (shouldRecordAll([x, y]))
    record("ConvolutionBackwardBackward0", [x, y], out, [x, y], (ctx, [gg]) => [
      ctx.needs(0) ? inputGradOp(ctx.saved(1), gg, g) : null,
      ctx.needs(1) ? convOp(ctx.saved(0), gg, null, g, "ConvolutionBackwardBackward0") : null,
    ]);
  return out;
}

/** The transposed convolution X = kernelX(input as Y, Wt) + bias: ConvolutionBackward0. */
export function convTransposeOp(input: Tensor, w: Tensor, bias: Tensor | null, g: Geom): Tensor {
  const out = kernelX(input._values(), w._values(), bias ? bias._values() : null, g, input.dtype);
  const inputs = bias ? [input, w, bias] : [input, w];
  if (shouldRecordAll(inputs))
    record("ConvolutionBackward0", inputs, out, [w.requiresGrad ? input : null, w], (ctx, [gx]) => {
      const gi = ctx.needs(0) ? convOp(gx, ctx.saved(1), null, g, "ConvolutionBackwardBackward0") : null;
      const gw = ctx.needs(1) ? weightGradOp(gx, ctx.saved(0), g) : null;
      return bias ? [gi, gw, ctx.needs(2) ? biasGrad(gx) : null] : [gi, gw];
    });
  return out;
}

// ---- torch.nn.functional's convolutions -----------------------------------------------------------


export type IntOrTuple = number | number[];
export interface ConvOptions {
  stride?: IntOrTuple;
  padding?: IntOrTuple | "valid" | "same";
  dilation?: IntOrTuple;
  groups?: number;
}
export interface ConvTransposeOptions {
  stride?: IntOrTuple;
  padding?: IntOrTuple;
  outputPadding?: IntOrTuple;
  groups?: number;
  dilation?: IntOrTuple;
}

/** How torch.conv2d's argument parser takes an int or an int list (an int fills every spatial dim). */
function listArg(v: IntOrTuple, n: number): number[] {
  return typeof v === "number" ? new Array<number>(n).fill(v) : v.slice();
}

/** expand_param_if_needed: a one-element list fills every dim, other lengths must match. */
function expandParam(v: number[], name: string, dim: number): number[] {
  if (v.length === 1) return new Array<number>(dim).fill(v[0]);
  if (v.length !== dim)
    throw new RuntimeError(
      `expected ${name} to be a single integer value or a list of ${dim} values to match the convolution dimensions, but got ${name}=[${v.join(", ")}]`,
    );
  return v;
}

function fmt(a: readonly number[]): string {
  return `[${a.join(", ")}]`;
}

/** batchify: the unbatched form gets a batch dim of 1 (UnsqueezeBackward0). */
function batchify(input: Tensor, spatial: number, fn: string): [Tensor, boolean] {
  const noBatch = spatial + 1;
  const batched = input.ndim === noBatch + 1;
  if (!(input.ndim === noBatch || batched))
    throw new RuntimeError(`Expected ${noBatch}D (unbatched) or ${noBatch + 1}D (batched) input to ${fn}, but got input of size: ${fmt(input._shape)}`);
  return [batched ? input : input.unsqueeze(0), batched];
}

function checkDtypes(input: Tensor, weight: Tensor, bias: Tensor | null): void {
  if (bias && bias.dtype !== input.dtype)
    throw new RuntimeError(`Input type (${META[input.dtype.name]}) and bias type (${META[bias.dtype.name]}) should be the same`);
  if (weight.dtype !== input.dtype)
    throw new RuntimeError(`expected scalar type ${SCALAR_NAMES[input.dtype.name]} but found ${SCALAR_NAMES[weight.dtype.name]}`);
}
const META: Record<string, string> = { float32: "float", float64: "double", int64: "long int", int32: "int", bool: "bool" };

let sameWarned = false;

/** at::convolution's parameter and shape checks, then the geometry (dims = weight.ndim - 2). */
function convGeom(
  input: Tensor, weight: Tensor, bias: Tensor | null, strideA: number[], paddingA: number[] | "same", dilationA: number[],
  groups: number, transposed: boolean, outputPaddingA: number[],
): Geom {
  const k = weight.ndim;
  const dim = k - 2;
  if (dim <= 0) throw new RuntimeError("weight should have at least three dimensions");
  if (groups <= 0) throw new RuntimeError("non-positive groups is not supported");
  const stride = expandParam(strideA, "stride", dim);
  const dilation = expandParam(dilationA, "dilation", dim);
  const outputPadding = expandParam(outputPaddingA, "output_padding", dim);
  let padL: number[];
  let padR: number[];
  if (paddingA === "same") {
    if (stride.some((s) => s !== 1)) throw new RuntimeError("padding='same' is not supported for strided convolutions");
    padL = [];
    padR = [];
    for (let i = 0; i < dim; i++) {
      const total = dilation[i] * (weight._shape[i + 2] - 1);
      padL.push(Math.floor(total / 2));
      padR.push(total - Math.floor(total / 2));
    }
    if (padL.some((p, i) => p !== padR[i]) && !sameWarned) {
      sameWarned = true;
      warn(
        "Using padding='same' with even kernel lengths and odd dilation may require a zero-padded copy of the input be created",
      );
    }
  } else {
    padL = expandParam(paddingA, "padding", dim);
    padR = padL;
  }
  const ws = weight._shape;
  if (padL.some((p) => p < 0)) throw new RuntimeError("negative padding is not supported");
  if (outputPadding.some((p) => p < 0)) throw new RuntimeError("negative output_padding is not supported");
  if (stride.some((s) => s <= 0)) throw new RuntimeError("non-positive stride is not supported");
  if (dilation.some((d) => d <= 0)) throw new RuntimeError(`dilation should be greater than zero, but got ${fmt(dilation)}`);
  if (input.ndim !== k)
    throw new RuntimeError(`Expected ${k}-dimensional input for ${k}-dimensional weight ${fmt(ws)}, but got ${input.ndim}-dimensional input of size ${fmt(input._shape)} instead`);
  if (ws[0] < groups) throw new RuntimeError(`Given groups=${groups}, expected weight to be at least ${groups} at dimension 0, but got weight of size ${fmt(ws)} instead`);
  if (ws[0] % groups !== 0)
    throw new RuntimeError(`Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but got weight of size [${fmt(ws)}] instead`);
  const is = input._shape;
  if (!transposed) {
    if (is[1] !== ws[1] * groups)
      throw new RuntimeError(
        `Given groups=${groups}, weight of size ${fmt(ws)}, expected input${fmt(is)} to have ${ws[1] * groups} channels, but got ${is[1]} channels instead`,
      );
    if (bias && !(bias.ndim === 1 && bias._shape[0] === ws[0]))
      throw new RuntimeError(`Given weight of size ${fmt(ws)}, expected bias to be 1-dimensional with ${ws[0]} elements, but got bias of size ${fmt(bias._shape)} instead`);
    const inShape: number[] = [];
    const kShape: number[] = [];
    let ok = true;
    for (let i = 0; i < dim; i++) {
      inShape.push(is[i + 2] + padL[i] + padR[i]);
      kShape.push(dilation[i] * (ws[i + 2] - 1) + 1);
      if (inShape[i] < kShape[i]) ok = false;
    }
    if (!ok)
      throw new RuntimeError(
        `Calculated padded input size per channel: (${inShape.join(" x ")}). Kernel size: (${kShape.join(" x ")}). Kernel size can't be greater than actual input size`,
      );
  } else {
    if (is[1] !== ws[0])
      throw new RuntimeError(
        `Given transposed=1, weight of size ${fmt(ws)}, expected input${fmt(is)} to have ${ws[0]} channels, but got ${is[1]} channels instead`,
      );
    if (bias && !(bias.ndim === 1 && bias._shape[0] === ws[1] * groups))
      throw new RuntimeError(
        `Given transposed=1, weight of size ${fmt(ws)}, expected bias to be 1-dimensional with ${ws[1] * groups} elements, but got bias of size ${fmt(bias._shape)} instead`,
      );
    for (let i = 0; i < dim; i++)
      if (!(outputPadding[i] < stride[i] || outputPadding[i] < dilation[i])) {
        const names = dim === 1 ? ["width"] : ["height", "width"];
        const part = (label: string, v: number[]) => names.map((nm, j) => `${label}_${nm}: ${v[j]}`).join(" ");
        throw new RuntimeError(
          `output padding must be smaller than either stride or dilation, but got ${part("output_padding", outputPadding)} ${part("stride", stride)} ${part("dilation", dilation)}`,
        );
      }
  }
  checkDtypes(input, weight, bias);
  // the geometry, 1-d as 2-d with a unit height
  const sp = (a: number[], i: number, d: number): number => (dim === 1 ? (i === 0 ? d : a[0]) : a[i]);
  const N = is[0];
  if (!transposed) {
    const H = dim === 1 ? 1 : is[2];
    const W = is[k - 1];
    const KH = dim === 1 ? 1 : ws[2];
    const KW = ws[k - 1];
    const sh = sp(stride, 0, 1), sw = sp(stride, 1, 1);
    const ph = sp(padL, 0, 0), pw = sp(padL, 1, 0);
    const phr = sp(padR, 0, 0), pwr = sp(padR, 1, 0);
    const dh = sp(dilation, 0, 1), dw = sp(dilation, 1, 1);
    const OH = Math.floor((H + ph + phr - dh * (KH - 1) - 1) / sh) + 1;
    const OW = Math.floor((W + pw + pwr - dw * (KW - 1) - 1) / sw) + 1;
    return { N, C: is[1], H, W, O: ws[0], KH, KW, OH, OW, sh, sw, ph, pw, dh, dw, G: groups, dims: dim as 1 | 2 };
  }
  // transposed: the input is the Y side, the output the X side
  const OH = dim === 1 ? 1 : is[2];
  const OW = is[k - 1];
  const KH = dim === 1 ? 1 : ws[2];
  const KW = ws[k - 1];
  const sh = sp(stride, 0, 1), sw = sp(stride, 1, 1);
  const ph = sp(padL, 0, 0), pw = sp(padL, 1, 0);
  const dh = sp(dilation, 0, 1), dw = sp(dilation, 1, 1);
  const oph = sp(outputPadding, 0, 0), opw = sp(outputPadding, 1, 0);
  const H = (OH - 1) * sh - 2 * ph + dh * (KH - 1) + oph + 1;
  const W = (OW - 1) * sw - 2 * pw + dw * (KW - 1) + opw + 1;
  if (H <= 0 || W <= 0)
    throw new RuntimeError(
      `Given input size per channel: (${dim === 1 ? OW : `${OH} x ${OW}`}). Calculated output size per channel: (${dim === 1 ? W : `${H} x ${W}`}). Output size is too small`,
    );
  return { N, C: ws[1] * groups, H, W, O: ws[0], KH, KW, OH, OW, sh, sw, ph, pw, dh, dw, G: groups, dims: dim as 1 | 2 };
}

function parsePadding(p: IntOrTuple | "valid" | "same" | undefined, n: number): number[] | "same" {
  if (p === undefined) return new Array<number>(n).fill(0);
  if (typeof p === "string") {
    if (p === "valid") return new Array<number>(n).fill(0);
    if (p === "same") return "same";
    throw new RuntimeError(`Invalid padding string: '${p}'`);
  }
  return listArg(p, n);
}

function convNd(spatial: 1 | 2, fn: string, input: Tensor, weight: Tensor, bias: Tensor | null, optsOrStride: ConvOptions | IntOrTuple | undefined, rest: unknown[]): Tensor {
  let o: ConvOptions;
  if (optsOrStride === undefined || typeof optsOrStride === "number" || Array.isArray(optsOrStride))
    o = { stride: optsOrStride as IntOrTuple | undefined, padding: rest[0] as ConvOptions["padding"], dilation: rest[1] as IntOrTuple | undefined, groups: rest[2] as number | undefined };
  else o = optsOrStride;
  if (bias && bias.dtype !== input.dtype)
    throw new RuntimeError(`Input type (${META[input.dtype.name]}) and bias type (${META[bias.dtype.name]}) should be the same`);
  const [x, batched] = batchify(input, spatial, fn);
  const g = convGeom(x, weight, bias, listArg(o.stride ?? 1, spatial), parsePadding(o.padding, spatial), listArg(o.dilation ?? 1, spatial), o.groups ?? 1, false, [0]);
  const out = convOp(x, weight, bias, g);
  return batched ? out : out.squeeze(0);
}

/** F.conv1d(input, weight, bias = null, { stride, padding, dilation, groups }) (or those positionally). */
export function conv1d(input: Tensor, weight: Tensor, bias: Tensor | null = null, opts?: ConvOptions | IntOrTuple, ...rest: unknown[]): Tensor {
  return convNd(1, "conv1d", input, weight, bias, opts, rest);
}

/** F.conv2d(input, weight, bias = null, { stride, padding, dilation, groups }) (or those positionally). */
export function conv2d(input: Tensor, weight: Tensor, bias: Tensor | null = null, opts?: ConvOptions | IntOrTuple, ...rest: unknown[]): Tensor {
  return convNd(2, "conv2d", input, weight, bias, opts, rest);
}

/** F.convTranspose2d(input, weight, bias = null, { stride, padding, outputPadding, groups, dilation }). */
export function convTranspose2d(input: Tensor, weight: Tensor, bias: Tensor | null = null, opts?: ConvTransposeOptions | IntOrTuple, ...rest: unknown[]): Tensor {
  let o: ConvTransposeOptions;
  if (opts === undefined || typeof opts === "number" || Array.isArray(opts))
    o = { stride: opts, padding: rest[0] as IntOrTuple, outputPadding: rest[1] as IntOrTuple, groups: rest[2] as number, dilation: rest[3] as IntOrTuple };
  else o = opts;
  if (bias && bias.dtype !== input.dtype)
    throw new RuntimeError(`Input type (${META[input.dtype.name]}) and bias type (${META[bias.dtype.name]}) should be the same`);
  const [x, batched] = batchify(input, 2, "conv_transpose2d");
  const g = convGeom(x, weight, bias, listArg(o.stride ?? 1, 2), listArg(o.padding ?? 0, 2), listArg(o.dilation ?? 1, 2), o.groups ?? 1, true, listArg(o.outputPadding ?? 0, 2));
  const out = convTransposeOp(x, weight, bias, g);
  return batched ? out : out.squeeze(0);
}
