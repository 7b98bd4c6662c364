// Pooling: max_pool1d/2d (with indices), avg_pool1d/2d, adaptive_avg_pool2d. Each 2-d pool is a flat
// typed-array kernel over (batch x channel) planes, recorded under PyTorch's grad_fn; its backward is a
// kernel of its own whose derivative is the forward kernel again (both are linear in what they move), so
// double backward works. The 1-d pools are the 2-d ones on input.unsqueeze(-2), squeezed back, as ATen
// composes them.
import { gradMode } from "../autograd/grad_mode.js";
import { IndexError, RuntimeError } from "../errors.js";
import { record, shouldRecord } from "../ops/record.js";
import { float32, int64 } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { SCALAR_NAMES } from "./util.js";

export type IntOrPair = number | number[];

interface PoolGeom {
  /** planes (batch x channels), input and output plane sizes */
  P: number;
  H: number;
  W: number;
  OH: number;
  OW: number;
  kH: number;
  kW: number;
  dH: number;
  dW: number;
  padH: number;
  padW: number;
  dilH: number;
  dilW: number;
  /** leading dims of the input ([N, C] or [C]) */
  lead: number[];
}

/** div_rtn: floor division. */
function divRtn(a: number, b: number): number {
  return Math.floor(a / b);
}

/** pooling_output_shape (1.13 / 2.x ATen), with its stride and padding checks. */
function poolingOutputShape(inputSize: number, kernel: number, pad: number, stride: number, dilation: number, ceil: boolean): number {
  if (stride === 0) throw new RuntimeError("stride should not be zero");
  if (pad < 0) throw new RuntimeError(`pad must be non-negative, but got pad: ${pad}`);
  if (pad > Math.trunc(kernel / 2)) throw new RuntimeError(`pad should be at most half of kernel size, but got pad=${pad} and kernel_size=${kernel}`);
  let out = divRtn(inputSize + 2 * pad - dilation * (kernel - 1) - 1 + (ceil ? stride - 1 : 0), stride) + 1;
  if (ceil && (out - 1) * stride >= inputSize + pad) out--;
  return out;
}

function pair(v: IntOrPair, name: string, fn: string, allowEmpty = false): number[] {
  if (typeof v === "number") return [v, v];
  if (v.length === 1) return [v[0], v[0]];
  if (v.length === 2) return v.slice();
  if (allowEmpty && v.length === 0) return [];
  const what = name === "stride" ? "either be omitted, a single int, or a tuple of two ints" : "either be a single int, or a tuple of two ints";
  throw new RuntimeError(`${fn}: ${name} must ${what}`);
}

/** pool2d_shape_check. */
function pool2dShapeCheck(input: Tensor, g: PoolGeom, nPlane: number): void {
  const { kH, kW, dH, dW, dilH, dilW, padH, padW, H, W, OH, OW } = g;
  if (!(kW > 0 && kH > 0)) throw new RuntimeError(`kernel size should be greater than zero, but got kH: ${kH} kW: ${kW}`);
  if (!(dW > 0 && dH > 0)) throw new RuntimeError(`stride should be greater than zero, but got dH: ${dH} dW: ${dW}`);
  if (!(dilH > 0 && dilW > 0)) throw new RuntimeError(`dilation should be greater than zero, but got dilationH: ${dilH} dilationW: ${dilW}`);
  const s = input._shape;
  const nd = s.length;
  const validDims = s[nd - 3] !== 0 && s[nd - 2] !== 0;
  if (!((nd === 3 && s[0] !== 0 && validDims) || (nd === 4 && validDims && s[3] !== 0)))
    throw new RuntimeError(`Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:[${s.join(", ")}]`);
  if (!(Math.trunc(kW / 2) >= padW && Math.trunc(kH / 2) >= padH))
    throw new RuntimeError(`pad should be smaller than or equal to half of kernel size, but got padW = ${padW}, padH = ${padH}, kW = ${kW}, kH = ${kH}`);
  if (!(OW >= 1 && OH >= 1))
    throw new RuntimeError(`Given input size: (${nPlane}x${H}x${W}). Calculated output size: (${nPlane}x${OH}x${OW}). Output size is too small`);
}

function geomOf(
  input: Tensor, fn: string, kernel: IntOrPair, stride: IntOrPair | null | undefined, padding: IntOrPair, dilation: IntOrPair, ceil: boolean,
): PoolGeom {
  const [kH, kW] = pair(kernel, "kernel_size", fn);
  const st = stride === null || stride === undefined ? [] : pair(stride, "stride", fn, true);
  const dH = st.length === 0 ? kH : st[0];
  const dW = st.length === 0 ? kW : st[1];
  const [padH, padW] = pair(padding, "padding", fn);
  const [dilH, dilW] = pair(dilation, "dilation", fn);
  const nd = input.ndim;
  if (fn === "max_pool2d" && !(nd === 3 || nd === 4)) throw new RuntimeError("non-empty 3D or 4D (batch mode) tensor expected for input");
  if (nd < 3) throw new IndexError(`Dimension out of range (expected to be in range of [${-Math.max(nd, 1)}, ${Math.max(nd, 1) - 1}], but got -3)`);
  const s = input._shape;
  const H = s[nd - 2];
  const W = s[nd - 1];
  const nPlane = s[nd - 3];
  const OH = poolingOutputShape(H, kH, padH, dH, dilH, ceil);
  const OW = poolingOutputShape(W, kW, padW, dW, dilW, ceil);
  const lead = s.slice(0, nd - 2);
  const P = lead.reduce((a, b) => a * b, 1);
  const g: PoolGeom = { P, H, W, OH, OW, kH, kW, dH, dW, padH, padW, dilH, dilW, lead };
  pool2dShapeCheck(input, g, nPlane);
  return g;
}

// ---- max pool -----------------------------------------------------------------------------------

/** The max_pool2d_with_indices kernel: values and flat (h * W + w) indices per plane. */
function maxPoolKernel(x: Tensor, g: PoolGeom): [Tensor, Tensor] {
  const { P, H, W, OH, OW, kH, kW, dH, dW, padH, padW, dilH, dilW } = g;
  const v = x._values();
  const out = x.dtype.alloc(P * OH * OW);
  const idx = new Float64Array(P * OH * OW);
  for (let p = 0; p < P; p++) {
    const base = p * H * W;
    for (let oh = 0; oh < OH; oh++) {
      let ih0 = oh * dH - padH;
      const ih1 = Math.min(ih0 + (kH - 1) * dilH + 1, H);
      while (ih0 < 0) ih0 += dilH;
      for (let ow = 0; ow < OW; ow++) {
        let iw0 = ow * dW - padW;
        const iw1 = Math.min(iw0 + (kW - 1) * dilW + 1, W);
        while (iw0 < 0) iw0 += dilW;
        let maxIndex = ih0 * W + iw0;
        let maxVal = -Infinity;
        for (let ih = ih0; ih < ih1; ih += dilH)
          for (let iw = iw0; iw < iw1; iw += dilW) {
            const index = ih * W + iw;
            const val = v[base + index];
            if (val > maxVal || val !== val) {
              maxVal = val;
              maxIndex = index;
            }
          }
        const o = (p * OH + oh) * OW + ow;
        out[o] = maxVal;
        idx[o] = maxIndex;
      }
    }
  }
  const shape = [...g.lead, OH, OW];
  return [new Tensor(out, shape, undefined, 0, x.dtype), new Tensor(idx, shape.slice(), undefined, 0, int64)];
}

/** max_pool2d_with_indices_backward: g added into zeros at the indices (differentiable in g). */
function maxPoolScatter(gr: Tensor, indices: Tensor, inShape: number[], g: PoolGeom): Tensor {
  const { P, H, W, OH, OW } = g;
  const gv = gr._values();
  const iv = indices._values();
  const acc = new Float64Array(P * H * W);
  const L = OH * OW;
  for (let p = 0; p < P; p++) for (let l = 0; l < L; l++) acc[p * H * W + iv[p * L + l]] += gv[p * L + l];
  const out = gr.dtype.alloc(acc.length);
  out.set(acc);
  const result = new Tensor(out, inShape.slice(), undefined, 0, gr.dtype);
  if (shouldRecord(gr))
    record("MaxPool2DWithIndicesBackwardBackward0", [gr], result, [indices], (ctx, [gg]) => [maxPoolGather(gg, ctx.saved(0), g)]);
  return result;
}

/** gg at the indices (max_pool_double_backward), differentiable in gg. */
function maxPoolGather(gg: Tensor, indices: Tensor, g: PoolGeom): Tensor {
  const { P, H, W, OH, OW } = g;
  const gv = gg._values();
  const iv = indices._values();
  const L = OH * OW;
  const out = gg.dtype.alloc(P * L);
  for (let p = 0; p < P; p++) for (let l = 0; l < L; l++) out[p * L + l] = gv[p * H * W + iv[p * L + l]];
  const result = new Tensor(out, [...g.lead, OH, OW], undefined, 0, gg.dtype);
  if (shouldRecord(gg)) {
    const inShape = gg._shape.slice();
    record("MaxPool2DWithIndicesBackwardBackward0", [gg], result, [indices], (ctx, [g2]) => [maxPoolScatter(g2, ctx.saved(0), inShape, g)]);
  }
  return result;
}

/** at::max_pool2d_with_indices: MaxPool2DWithIndicesBackward0. */
function maxPool2dWithIndices(input: Tensor, kernel: IntOrPair, stride: IntOrPair | null | undefined, padding: IntOrPair, dilation: IntOrPair, ceil: boolean): [Tensor, Tensor] {
  const fn = "max_pool2d";
  if (Array.isArray(kernel) && !(kernel.length === 1 || kernel.length === 2)) throw new RuntimeError("max_pool2d: kernel_size must either be a single int, or a tuple of two ints");
  if (Array.isArray(stride) && !(stride.length === 0 || stride.length === 1 || stride.length === 2))
    throw new RuntimeError("max_pool2d: stride must either be omitted, a single int, or a tuple of two ints");
  if (Array.isArray(padding) && !(padding.length === 1 || padding.length === 2)) throw new RuntimeError("max_pool2d: padding must either be a single int, or a tuple of two ints");
  if (Array.isArray(dilation) && !(dilation.length === 1 || dilation.length === 2)) throw new RuntimeError("max_pool2d: dilation must be either a single int, or a tuple of two ints");
  const g = geomOf(input, fn, kernel, stride, padding, dilation, ceil);
  if (!input.dtype.isFloatingPoint) throw new RuntimeError(`"max_pool2d" not implemented for '${SCALAR_NAMES[input.dtype.name]}'`);
  const [out, idx] = maxPoolKernel(input, g);
  if (shouldRecord(input)) {
    const inShape = input._shape.slice();
    record("MaxPool2DWithIndicesBackward0", [input], out, [idx], (ctx, [gr]) => [maxPoolScatter(gr, ctx.saved(0), inShape, g)]);
  }
  return [out, idx];
}

/** Every argument in one options object, kernelSize included: `F.maxPool2d(x, { kernelSize: 2, stride: 1 })`. */
export type KernelOptions<O> = O & { kernelSize: IntOrPair };

function kernelArgs<O>(k: IntOrPair | KernelOptions<O>, rest: () => O): [IntOrPair, O] {
  if (typeof k === "object" && !Array.isArray(k)) return [k.kernelSize, k];
  return [k, rest()];
}

export interface MaxPoolOptions {
  stride?: IntOrPair | null;
  padding?: IntOrPair;
  dilation?: IntOrPair;
  ceilMode?: boolean;
  returnIndices?: boolean;
}

function maxPoolArgs(strideOrOpts: IntOrPair | null | MaxPoolOptions | undefined, rest: unknown[]): MaxPoolOptions {
  if (strideOrOpts !== null && typeof strideOrOpts === "object" && !Array.isArray(strideOrOpts)) return strideOrOpts;
  return {
    stride: strideOrOpts as IntOrPair | null | undefined,
    padding: rest[0] as IntOrPair | undefined,
    dilation: rest[1] as IntOrPair | undefined,
    ceilMode: rest[2] as boolean | undefined,
    returnIndices: rest[3] as boolean | undefined,
  };
}

/** F.maxPool2d(input, kernelSize, { stride, padding, dilation, ceilMode, returnIndices }) */
export function maxPool2d(input: Tensor, kernelSize: IntOrPair, opts: MaxPoolOptions & { returnIndices: true }): [Tensor, Tensor];
export function maxPool2d(input: Tensor, opts: KernelOptions<MaxPoolOptions> & { returnIndices: true }): [Tensor, Tensor];
export function maxPool2d(input: Tensor, kernelSize: IntOrPair | KernelOptions<MaxPoolOptions>, opts?: IntOrPair | null | MaxPoolOptions, ...rest: unknown[]): Tensor;
export function maxPool2d(input: Tensor, kernelSizeArg: IntOrPair | KernelOptions<MaxPoolOptions>, opts?: IntOrPair | null | MaxPoolOptions, ...rest: unknown[]): Tensor | [Tensor, Tensor] {
  const [kernelSize, o] = kernelArgs(kernelSizeArg, () => maxPoolArgs(opts, rest));
  const [out, idx] = maxPool2dWithIndices(input, kernelSize, o.stride, o.padding ?? 0, o.dilation ?? 1, o.ceilMode ?? false);
  return o.returnIndices ? [out, idx] : out;
}

function single(v: IntOrPair | null | undefined, name: string, fn: string, allowEmpty = false): number[] {
  if (v === null || v === undefined) return [];
  const a = typeof v === "number" ? [v] : v;
  if (!(a.length === 1 || (allowEmpty && a.length === 0))) {
    const what = name === "stride" ? "None, an int, list of ints, or tuple of ints" : name === "padding" ? "an int, list of ints, or tuple of ints" : "an int, list of ints or tuple of ints";
    throw new RuntimeError(`${fn}() ${name} must be ${what} of size 1 but got size ${a.length}`);
  }
  return a;
}

/** F.maxPool1d(input, kernelSize, { stride, padding, dilation, ceilMode, returnIndices }) */
export function maxPool1d(input: Tensor, kernelSize: IntOrPair, opts: MaxPoolOptions & { returnIndices: true }): [Tensor, Tensor];
export function maxPool1d(input: Tensor, opts: KernelOptions<MaxPoolOptions> & { returnIndices: true }): [Tensor, Tensor];
export function maxPool1d(input: Tensor, kernelSize: IntOrPair | KernelOptions<MaxPoolOptions>, opts?: IntOrPair | null | MaxPoolOptions, ...rest: unknown[]): Tensor;
export function maxPool1d(input: Tensor, kernelSizeArg: IntOrPair | KernelOptions<MaxPoolOptions>, opts?: IntOrPair | null | MaxPoolOptions, ...rest: unknown[]): Tensor | [Tensor, Tensor] {
  const [kernelSize, o] = kernelArgs(kernelSizeArg, () => maxPoolArgs(opts, rest));
  const s = input._shape;
  const nd = input.ndim;
  if (!((nd === 2 && s[0] !== 0 && s[1] !== 0) || (nd === 3 && s[1] !== 0 && s[2] !== 0)))
    throw new RuntimeError(`max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got:[${s.join(", ")}]`);
  const k = single(kernelSize, "kernel_size", "max_pool1d");
  const st = single(o.stride, "stride", "max_pool1d", true);
  const pd = single(o.padding ?? 0, "padding", "max_pool1d");
  const dl = single(o.dilation ?? 1, "dilation", "max_pool1d");
  const stride = st.length === 0 ? k : st;
  const ceil = o.ceilMode ?? false;
  const viaIndices = o.returnIndices || (gradMode.enabled && input.requiresGrad);
  if (!viaIndices) {
    // check_max_pool1d (the path without indices)
    if (!(k[0] > 0)) throw new RuntimeError(`max_pool1d() kernel_size must be greater than zero, but got ${k[0]}`);
    if (!(stride[0] > 0)) throw new RuntimeError(`max_pool1d() stride must be greater than zero, but got ${stride[0]}`);
    if (!(pd[0] >= 0)) throw new RuntimeError(`max_pool1d() padding must be non-negative, but got ${pd[0]}`);
    if (!(pd[0] <= Math.trunc(k[0] / 2))) throw new RuntimeError(`max_pool1d() padding should be at most half of kernel size, but got padding=${pd[0]} and kernel_size=${k[0]}`);
    if (!(dl[0] > 0)) throw new RuntimeError(`max_pool1d() dilation must be greater than zero, but got ${dl[0]}`);
    const OW = poolingOutputShape(s[nd - 1], k[0], pd[0], stride[0], dl[0], ceil);
    if (!(OW >= 0)) throw new RuntimeError(`max_pool1d() Invalid computed output size: ${OW}`);
    if (!input.dtype.isFloatingPoint) throw new RuntimeError(`"max_pool1d_impl" not implemented for '${SCALAR_NAMES[input.dtype.name]}'`);
    if (OW === 0) return new Tensor(input.dtype.alloc(0), [...s.slice(0, -1), 0], undefined, 0, input.dtype);
  }
  const [out, idx] = maxPool2dWithIndices(input.unsqueeze(-2), [1, k[0]], [1, stride[0]], [0, pd[0]], [1, dl[0]], ceil);
  const values = out.squeeze(-2);
  return o.returnIndices ? [values, idx.squeeze(-2)] : values;
}

// ---- avg pool -----------------------------------------------------------------------------------

interface AvgGeom extends PoolGeom {
  countIncludePad: boolean;
  divisorOverride: number | null;
}

/**
 * The windows of cpu_avg_pool: output (oh, ow) covers rows [ih0, ih1) and columns [iw0, iw1) of the
 * input, divided by `div` (the padded window's size, the clipped window's without count_include_pad,
 * or divisor_override). Written into `win` to keep the loops free of allocations.
 */
const win = new Int32Array(5);
function avgWindow(g: AvgGeom, oh: number, ow: number): void {
  const { H, W, kH, kW, dH, dW, padH, padW } = g;
  let ih0 = oh * dH - padH;
  let iw0 = ow * dW - padW;
  let ih1 = Math.min(ih0 + kH, H + padH);
  let iw1 = Math.min(iw0 + kW, W + padW);
  const poolSize = (ih1 - ih0) * (iw1 - iw0);
  ih0 = Math.max(ih0, 0);
  iw0 = Math.max(iw0, 0);
  ih1 = Math.min(ih1, H);
  iw1 = Math.min(iw1, W);
  win[0] = ih0;
  win[1] = ih1;
  win[2] = iw0;
  win[3] = iw1;
  win[4] = g.divisorOverride !== null ? g.divisorOverride : g.countIncludePad ? poolSize : (ih1 - ih0) * (iw1 - iw0);
}

function avgPoolKernel(x: Tensor, g: AvgGeom): Tensor {
  const { P, H, W, OH, OW } = g;
  const v = x._values();
  const dtype = x.dtype;
  const out = dtype.alloc(P * OH * OW);
  const f32 = dtype === float32;
  const isInt = !dtype.isFloatingPoint;
  const fr = Math.fround;
  for (let p = 0; p < P; p++) {
    const base = p * H * W;
    for (let oh = 0; oh < OH; oh++)
      for (let ow = 0; ow < OW; ow++) {
        avgWindow(g, oh, ow);
        const ih0 = win[0], ih1 = win[1], iw0 = win[2], iw1 = win[3], div = win[4];
        const o = (p * OH + oh) * OW + ow;
        if (ih0 >= ih1 || iw0 >= iw1) {
          out[o] = 0;
          continue;
        }
        let sum = 0;
        for (let ih = ih0; ih < ih1; ih++)
          for (let iw = iw0; iw < iw1; iw++) sum = f32 ? fr(sum + v[base + ih * W + iw]) : sum + v[base + ih * W + iw];
        out[o] = isInt ? Math.trunc(sum / div) : sum / div;
      }
  }
  return new Tensor(out, [...g.lead, OH, OW], undefined, 0, dtype);
}

/** avg_pool2d_backward: each output gradient spread over its window, divided by the window's divisor. */
function avgPoolBackward(gr: Tensor, g: AvgGeom, inShape: number[]): Tensor {
  const { P, H, W, OH, OW } = g;
  const gv = gr._values();
  const acc = new Float64Array(P * H * W);
  for (let p = 0; p < P; p++) {
    const base = p * H * W;
    for (let oh = 0; oh < OH; oh++)
      for (let ow = 0; ow < OW; ow++) {
        avgWindow(g, oh, ow);
        const ih0 = win[0], ih1 = win[1], iw0 = win[2], iw1 = win[3];
        const v = gv[(p * OH + oh) * OW + ow] / win[4];
        for (let ih = ih0; ih < ih1; ih++) for (let iw = iw0; iw < iw1; iw++) acc[base + ih * W + iw] += v;
      }
  }
  const out = gr.dtype.alloc(acc.length);
  out.set(acc);
  const result = new Tensor(out, inShape.slice(), undefined, 0, gr.dtype);
  if (shouldRecord(gr)) record("AvgPool2DBackwardBackward0", [gr], result, [], (_ctx, [gg]) => [avgPoolOp(gg, g, "AvgPool2DBackwardBackward0")]);
  return result;
}

function avgPoolOp(x: Tensor, g: AvgGeom, node = "AvgPool2DBackward0"): Tensor {
  const out = avgPoolKernel(x, g);
  if (shouldRecord(x)) {
    const inShape = x._shape.slice();
    record(node, [x], out, [], (_ctx, [gr]) => [avgPoolBackward(gr, g, inShape)]);
  }
  return out;
}

export interface AvgPoolOptions {
  stride?: IntOrPair | null;
  padding?: IntOrPair;
  ceilMode?: boolean;
  countIncludePad?: boolean;
  divisorOverride?: number | null;
}

function avgArgs(strideOrOpts: IntOrPair | null | AvgPoolOptions | undefined, rest: unknown[]): AvgPoolOptions {
  if (strideOrOpts !== null && typeof strideOrOpts === "object" && !Array.isArray(strideOrOpts)) return strideOrOpts;
  return {
    stride: strideOrOpts as IntOrPair | null | undefined,
    padding: rest[0] as IntOrPair | undefined,
    ceilMode: rest[1] as boolean | undefined,
    countIncludePad: rest[2] as boolean | undefined,
    divisorOverride: rest[3] as number | null | undefined,
  };
}

/** F.avgPool2d(input, kernelSize, { stride, padding, ceilMode, countIncludePad, divisorOverride }) */
export function avgPool2d(input: Tensor, kernelSizeArg: IntOrPair | KernelOptions<AvgPoolOptions>, opts?: IntOrPair | null | AvgPoolOptions, ...rest: unknown[]): Tensor {
  const [kernelSize, o] = kernelArgs(kernelSizeArg, () => avgArgs(opts, rest));
  const fn = "avg_pool2d";
  if (Array.isArray(kernelSize) && !(kernelSize.length === 1 || kernelSize.length === 2)) throw new RuntimeError("avg_pool2d: kernel_size must either be a single int, or a tuple of two ints");
  if (Array.isArray(o.stride) && !(o.stride.length === 0 || o.stride.length === 1 || o.stride.length === 2))
    throw new RuntimeError("avg_pool2d: stride must either be omitted, a single int, or a tuple of two ints");
  if (Array.isArray(o.padding) && !(o.padding.length === 1 || o.padding.length === 2)) throw new RuntimeError("avg_pool2d: padding must either be a single int, or a tuple of two ints");
  const divisorOverride = o.divisorOverride ?? null;
  if (divisorOverride === 0) throw new RuntimeError("divisor must be not zero");
  const g = geomOf(input, fn, kernelSize, o.stride, o.padding ?? 0, 1, o.ceilMode ?? false);
  return avgPoolOp(input, { ...g, countIncludePad: o.countIncludePad ?? true, divisorOverride });
}

/** F.avgPool1d(input, kernelSize, { stride, padding, ceilMode, countIncludePad }) */
export function avgPool1d(input: Tensor, kernelSizeArg: IntOrPair | KernelOptions<AvgPoolOptions>, opts?: IntOrPair | null | AvgPoolOptions, ...rest: unknown[]): Tensor {
  const [kernelSize, o] = kernelArgs(kernelSizeArg, () => avgArgs(opts, rest));
  if (!(input.ndim >= 2 && input.ndim < 4))
    throw new RuntimeError(`Expected 2 to 3 dimensions, but got ${input.ndim}-dimensional tensor for argument #1 'self' (while checking arguments for avg_pool1d)`);
  const k = single(kernelSize, "kernel_size", "avg_pool1d");
  const st = single(o.stride, "stride", "avg_pool1d", true);
  const pd = single(o.padding ?? 0, "padding", "avg_pool1d");
  const stride = st.length === 0 ? k : st;
  const out = avgPool2d(input.unsqueeze(-2), [1, k[0]], { stride: [1, stride[0]], padding: [0, pd[0]], ceilMode: o.ceilMode ?? false, countIncludePad: o.countIncludePad ?? true });
  return out.squeeze(-2);
}

// ---- adaptive avg pool --------------------------------------------------------------------------

function startIndex(a: number, b: number, c: number): number {
  return Math.floor((a * c) / b);
}
function endIndex(a: number, b: number, c: number): number {
  return Math.ceil(((a + 1) * c) / b);
}

interface AdaptiveGeom {
  P: number;
  H: number;
  W: number;
  OH: number;
  OW: number;
  lead: number[];
}

function adaptiveKernel(x: Tensor, g: AdaptiveGeom): Tensor {
  const { P, H, W, OH, OW } = g;
  const v = x._values();
  const out = x.dtype.alloc(P * OH * OW);
  const f32 = x.dtype === float32;
  const fr = Math.fround;
  for (let p = 0; p < P; p++) {
    const base = p * H * W;
    for (let oh = 0; oh < OH; oh++) {
      const ih0 = startIndex(oh, OH, H);
      const ih1 = endIndex(oh, OH, H);
      for (let ow = 0; ow < OW; ow++) {
        const iw0 = startIndex(ow, OW, W);
        const iw1 = endIndex(ow, OW, W);
        let sum = 0;
        for (let ih = ih0; ih < ih1; ih++) for (let iw = iw0; iw < iw1; iw++) sum = f32 ? fr(sum + v[base + ih * W + iw]) : sum + v[base + ih * W + iw];
        out[(p * OH + oh) * OW + ow] = sum / ((ih1 - ih0) * (iw1 - iw0));
      }
    }
  }
  return new Tensor(out, [...g.lead, OH, OW], undefined, 0, x.dtype);
}

function adaptiveBackward(gr: Tensor, g: AdaptiveGeom, inShape: number[]): Tensor {
  const { P, H, W, OH, OW } = g;
  const gv = gr._values();
  const acc = new Float64Array(P * H * W);
  for (let p = 0; p < P; p++) {
    const base = p * H * W;
    for (let oh = 0; oh < OH; oh++) {
      const ih0 = startIndex(oh, OH, H);
      const ih1 = endIndex(oh, OH, H);
      for (let ow = 0; ow < OW; ow++) {
        const iw0 = startIndex(ow, OW, W);
        const iw1 = endIndex(ow, OW, W);
        const v = gv[(p * OH + oh) * OW + ow] / ((ih1 - ih0) * (iw1 - iw0));
        for (let ih = ih0; ih < ih1; ih++) for (let iw = iw0; iw < iw1; iw++) acc[base + ih * W + iw] += v;
      }
    }
  }
  const out = gr.dtype.alloc(acc.length);
  out.set(acc);
  const result = new Tensor(out, inShape.slice(), undefined, 0, gr.dtype);
  if (shouldRecord(gr)) record("AdaptiveAvgPool2DBackwardBackward0", [gr], result, [], (_ctx, [gg]) => [adaptiveOp(gg, g, "AdaptiveAvgPool2DBackwardBackward0")]);
  return result;
}

function adaptiveOp(x: Tensor, g: AdaptiveGeom, node = "AdaptiveAvgPool2DBackward0"): Tensor {
  const out = adaptiveKernel(x, g);
  if (shouldRecord(x)) {
    const inShape = x._shape.slice();
    record(node, [x], out, [], (_ctx, [gr]) => [adaptiveBackward(gr, g, inShape)]);
  }
  return out;
}

/** F.adaptiveAvgPool2d(input, outputSize): mean over H, W for 1 x 1 (MeanBackward1), else AdaptiveAvgPool2DBackward0. */
export function adaptiveAvgPool2d(input: Tensor, outputSizeArg: number | (number | null)[] | { outputSize: number | (number | null)[] }): Tensor {
  const outputSize = typeof outputSizeArg === "object" && !Array.isArray(outputSizeArg) ? outputSizeArg.outputSize : outputSizeArg;
  const nd = input.ndim;
  const sizes = typeof outputSize === "number" ? [outputSize, outputSize] : outputSize.slice();
  // _list_with_default: None takes the input's size
  const os = sizes.map((v, i) => (v === null ? input._shape[nd - sizes.length + i] : v));
  if (os.length !== 2) throw new RuntimeError("adaptive_avg_pool2d: output_size must be 2");
  if (!(os[0] >= 0 && os[1] >= 0))
    throw new RuntimeError(`adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but received {${os[0]}, ${os[1]}}`);
  if (os[0] === 1 && os[1] === 1) return input.mean([-1, -2], true);
  if (!(nd === 3 || nd === 4)) throw new RuntimeError(`adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got [${input._shape.join(", ")}]`);
  for (const i of [nd - 2, nd - 1])
    if (input._shape[i] === 0)
      throw new RuntimeError(
        `adaptive_avg_pool2d(): Expected input to have non-zero size for non-batch dimensions, but input has sizes [${input._shape.join(", ")}] with dimension ${i} being empty`,
      );
  if (!input.dtype.isFloatingPoint) throw new RuntimeError(`"adaptive_avg_pool2d" not implemented for '${SCALAR_NAMES[input.dtype.name]}'`);
  const lead = input._shape.slice(0, nd - 2);
  const g: AdaptiveGeom = { P: lead.reduce((a, b) => a * b, 1), H: input._shape[nd - 2], W: input._shape[nd - 1], OH: os[0], OW: os[1], lead };
  return adaptiveOp(input, g);
}

