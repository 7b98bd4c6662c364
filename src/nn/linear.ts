// linear, bilinear, dropout, embedding, one_hot, normalize, cosine_similarity, pairwise_distance.
import { noGrad } from "../autograd/grad_mode.js";
import { RuntimeError, ValueError, IndexError } from "../errors.js";
import * as E from "../ops/elementwise.js";
import { matmul } from "../ops/linalg.js";
import { record, shouldRecord, shouldRecordAll } from "../ops/record.js";
import * as R from "../ops/reduce.js";
import { defaultGenerator, type Generator } from "../random/generator.js";
import { float32, int32, int64 } from "../tensor/dtype.js";
import { broadcastShapes, numelOf, sameShape, wrapDim } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { AssertionError, addmm, clampMin, fround, pyFloatRepr, SCALAR_NAMES, scalarTensor } from "./util.js";

/** caffe2::TypeMeta names, as `<< tensor.dtype()` prints them. */
const META: Record<string, string> = { float32: "float", float64: "double", int64: "long int", int32: "int", bool: "bool" };

// ---- linear / bilinear --------------------------------------------------------------------------

/** F.linear(input, weight, bias = null), as ATen's linear dispatches (addmm, flattened addmm + view, matmul + add). */
export function linear(input: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  const di = input.ndim;
  const dw = weight.ndim;
  if (di === 0 || dw === 0) throw new RuntimeError(`both arguments to linear need to be at least 1D, but they are ${di}D and ${dw}D`);
  if (bias !== null && di === 2) return addmm(bias, input, weight.t());
  if (bias !== null && input.isContiguous() && (di === 3 || bias.ndim === 1)) {
    // _flatten_nd_linear: addmm on the input flattened to 2-D, viewed back
    const sizes = input._shape;
    const flat = numelOf(sizes.slice(0, -1));
    const r = addmm(bias, input.reshape([flat, sizes[di - 1]]), weight.t());
    return r.view([...sizes.slice(0, -1), r._shape[1]]);
  }
  const out = matmul(input, weight.t());
  return bias !== null ? out.add(bias) : out;
}

/** F.bilinear(input1, input2, weight, bias = null): _trilinear on the flattened inputs (TrilinearBackward0). */
export function bilinear(input1: Tensor, input2: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  const dts = [input1.dtype, input2.dtype, weight.dtype, ...(bias ? [bias.dtype] : [])];
  if (dts.some((d) => d !== input1.dtype))
    throw new RuntimeError(
      `All tensors must have the same dtype, got input1: ${META[input1.dtype.name]}, input2: ${META[input2.dtype.name]}, weight: ${META[weight.dtype.name]}` +
        (bias ? `, bias: ${META[bias.dtype.name]}` : ""),
    );
  if (input1.ndim !== input2.ndim) throw new RuntimeError(`bilinear(): input dimensions do not match: got ${input1.ndim} and ${input2.ndim}`);
  for (let i = 0; i < input1.ndim - 1; i++)
    if (input1._shape[i] !== input2._shape[i])
      throw new RuntimeError(`bilinear(): input batch dimensions do not match at dim ${i}: got ${input1._shape[i]} and ${input2._shape[i]}`);
  const i1 = input1._shape[input1.ndim - 1];
  const i2 = input2._shape[input2.ndim - 1];
  if (i1 !== weight._shape[1]) throw new RuntimeError(`bilinear(): input1 size does not match weight size: got ${i1} but expected ${weight._shape[1]}`);
  if (i2 !== weight._shape[2]) throw new RuntimeError(`bilinear(): input2 size does not match weight size: got ${i2} but expected ${weight._shape[2]}`);
  if (bias && bias._shape[0] !== weight._shape[0])
    throw new RuntimeError(`bilinear(): bias size does not match weight size: got ${bias._shape[0]} but expected ${weight._shape[0]}`);
  const outSize = [...input1._shape.slice(0, -1), weight._shape[0]];
  const x1 = input1.reshape([-1, i1]);
  const x2 = input2.reshape([-1, i2]);
  const out = trilinear(x1, weight, x2).reshape(outSize);
  return bias ? out.add(bias) : out;
}

/** out[b, o] = sum_ij x1[b, i] w[o, i, j] x2[b, j] (TrilinearBackward0), each gradient itself trilinear. */
function trilinear(x1: Tensor, w: Tensor, x2: Tensor): Tensor {
  const [B, I] = x1._shape;
  const [O, , J] = w._shape;
  const a = x1._values();
  const wv = w._values();
  const c = x2._values();
  const out = x1.dtype.alloc(B * O);
  const f32 = x1.dtype === float32;
  for (let b = 0; b < B; b++)
    for (let o = 0; o < O; o++) {
      let s = 0;
      for (let i = 0; i < I; i++) {
        let t = 0;
        const wo = (o * I + i) * J;
        for (let j = 0; j < J; j++) t += wv[wo + j] * c[b * J + j];
        s += a[b * I + i] * t;
      }
      out[b * O + o] = f32 ? fround(s) : s;
    }
  const result = new Tensor(out, [B, O], undefined, 0, x1.dtype);
  if (shouldRecordAll([x1, w, x2]))
    record("TrilinearBackward0", [x1, w, x2], result, [x1, w, x2], (ctx, [g]) => {
      const A = ctx.saved(0);
      const W = ctx.saved(1);
      const Cc = ctx.saved(2);
      return [
        // d/dx1[b,i] = sum_{o,j} g[b,o] W[o,i,j] x2[b,j]
        ctx.needs(0) ? g.unsqueeze(2).mul(Cc.unsqueeze(1)).reshape([B, O * J]).mm(W.permute([0, 2, 1]).reshape([O * J, I])) : null,
        // d/dW[o,i,j] = sum_b g[b,o] x1[b,i] x2[b,j]
        ctx.needs(1) ? g.t().mm(A.unsqueeze(2).mul(Cc.unsqueeze(1)).reshape([B, I * J])).reshape([O, I, J]) : null,
        // d/dx2[b,j] = sum_{o,i} g[b,o] x1[b,i] W[o,i,j]
        ctx.needs(2) ? g.unsqueeze(2).mul(A.unsqueeze(1)).reshape([B, O * I]).mm(W.reshape([O * I, J])) : null,
      ];
    });
  return result;
}

// ---- dropout ------------------------------------------------------------------------------------

export interface DropoutOptions {
  p?: number;
  training?: boolean;
  generator?: Generator | null;
}

/**
 * F.dropout(input, p = 0.5, training = true): PyTorch's CPU path, noise = empty_like(input).bernoulli_(1 - p)
 * divided by 1 - p, then input * noise (MulBackward0); the same numbers as PyTorch for the same seed.
 */
export function dropout(input: Tensor, p: number | DropoutOptions = 0.5, training = true): Tensor {
  let gen: Generator = defaultGenerator;
  if (typeof p === "object") {
    training = p.training ?? true;
    gen = p.generator ?? defaultGenerator;
    p = p.p ?? 0.5;
  }
  if (p < 0 || p > 1) throw new ValueError(`dropout probability has to be between 0 and 1, but got ${pyFloatRepr(p)}`);
  if (p === 0 || !training || input.numel() === 0) return input;
  if (p === 1) return input.mul(scalarTensor(0, input.dtype));
  const dtype = input.dtype.isFloatingPoint ? input.dtype : float32;
  const noise = gen.bernoulliScalar(input.numel(), 1 - p, dtype === float32 ? "float32" : "float64");
  const q = dtype === float32 ? fround(1 - p) : 1 - p;
  for (let i = 0; i < noise.length; i++) noise[i] = noise[i] === 0 ? 0 : dtype === float32 ? fround(noise[i] / q) : noise[i] / q;
  // empty_like(input, LEGACY_CONTIGUOUS_MEMORY_FORMAT): the noise is row-major whatever the input's layout
  const noiseT = new Tensor(noise, input._shape.slice(), undefined, 0, dtype);
  return input.mul(noiseT);
}

// ---- embedding ----------------------------------------------------------------------------------

export interface EmbeddingOptions {
  paddingIdx?: number | null;
  maxNorm?: number | null;
  normType?: number;
  scaleGradByFreq?: boolean;
  sparse?: boolean;
}

function checkIndices(indices: Tensor, fn: string): void {
  if (indices.dtype !== int64 && indices.dtype !== int32)
    throw new RuntimeError(
      `Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.${indices.dtype.legacyName} instead (while checking arguments for ${fn})`,
    );
}

/** F.embedding(input, weight, { paddingIdx, maxNorm, normType, scaleGradByFreq }): EmbeddingBackward0. */
export function embedding(input: Tensor, weight: Tensor, paddingIdxOrOpts?: number | null | EmbeddingOptions, maxNorm?: number | null, normType?: number, scaleGradByFreq?: boolean): Tensor {
  const opts: EmbeddingOptions =
    paddingIdxOrOpts === null || typeof paddingIdxOrOpts === "number" || (paddingIdxOrOpts === undefined && maxNorm !== undefined)
      ? { paddingIdx: paddingIdxOrOpts ?? null, maxNorm, normType, scaleGradByFreq }
      : (paddingIdxOrOpts ?? {});
  let paddingIdx = opts.paddingIdx ?? null;
  const V = weight._shape[0];
  if (paddingIdx !== null) {
    if (paddingIdx > 0) {
      if (!(paddingIdx < V)) throw new AssertionError("Padding_idx must be within num_embeddings");
    } else if (paddingIdx < 0) {
      if (!(paddingIdx >= -V)) throw new AssertionError("Padding_idx must be within num_embeddings");
      paddingIdx = V + paddingIdx;
    }
  } else paddingIdx = -1;
  if (opts.maxNorm !== undefined && opts.maxNorm !== null) {
    input = input.contiguous();
    embeddingRenorm_(weight, input, opts.maxNorm, opts.normType ?? 2);
  }
  if (weight.ndim !== 2) throw new RuntimeError("'weight' must be 2-D");
  checkIndices(input, "embedding");
  return embeddingGather(weight, input, paddingIdx, opts.scaleGradByFreq ?? false);
}

/** torch.embedding_renorm_ under no_grad: rows whose p-norm exceeds maxNorm scaled to maxNorm / (norm + 1e-7). */
function embeddingRenorm_(weight: Tensor, indices: Tensor, maxNorm: number, normType: number): void {
  if (weight.ndim !== 2) throw new RuntimeError("'weight' must be 2-D");
  checkIndices(indices, "embedding_renorm_");
  const idx = Array.from(indices._values()).sort((a, b) => a - b);
  const D = weight._shape[1];
  const [s0, s1] = weight._strides;
  const data = weight._data;
  const f32 = weight.dtype === float32;
  let changed = false;
  for (let k = 0; k < idx.length; k++) {
    if (k > 0 && idx[k] === idx[k - 1]) continue;
    const row = idx[k];
    if (row < 0 || row >= weight._shape[0]) throw new IndexError("index out of range in self");
    const r = noGrad(() => weight.detach().select(0, row));
    const norm = R.vectorNorm(r, normType, null, false).item() as number;
    if (norm > maxNorm) {
      const scale = f32 ? fround(maxNorm / (norm + 1e-7)) : maxNorm / (norm + 1e-7);
      for (let j = 0; j < D; j++) {
        const p = weight._offset + row * s0 + j * s1;
        data[p] = f32 ? fround(data[p] * scale) : data[p] * scale;
      }
      changed = true;
    }
  }
  if (changed || idx.length > 0) weight._version.value++;
}

/** weight[indices] with EmbeddingBackward0 (its derivative scatters back, leaving the padding row at zero). */
function embeddingGather(weight: Tensor, indices: Tensor, paddingIdx: number, scaleGradByFreq: boolean): Tensor {
  const [V, D] = weight._shape;
  const idx = indices._values();
  const w = weight._values();
  const out = weight.dtype.alloc(idx.length * D);
  for (let k = 0; k < idx.length; k++) {
    let row = idx[k];
    if (row < -V || row >= V) throw new IndexError("index out of range in self");
    if (row < 0) row += V;
    out.set(w.subarray(row * D, row * D + D), k * D);
  }
  const result = new Tensor(out, [...indices._shape, D], undefined, 0, weight.dtype);
  if (shouldRecord(weight)) {
    const idxT = indices;
    record("EmbeddingBackward0", [weight], result, [idxT], (ctx, [g]) => [embeddingScatter(g, ctx.saved(0), V, paddingIdx, scaleGradByFreq)]);
  }
  return result;
}

/** embedding_dense_backward: grad rows added into zeros(V, D) at their indices (not the padding row). */
function embeddingScatter(g: Tensor, indices: Tensor, V: number, paddingIdx: number, scaleGradByFreq: boolean): Tensor {
  const D = g._shape[g.ndim - 1];
  const idx = indices._values();
  const gv = g.contiguous()._values();
  const out = g.dtype.alloc(V * D);
  let freq: Map<number, number> | null = null;
  if (scaleGradByFreq) {
    freq = new Map();
    for (let k = 0; k < idx.length; k++) freq.set(idx[k], (freq.get(idx[k]) ?? 0) + 1);
  }
  for (let k = 0; k < idx.length; k++) {
    const row = idx[k] < 0 ? idx[k] + V : idx[k];
    if (row === paddingIdx) continue;
    const sc = freq ? 1 / freq.get(idx[k])! : 1;
    for (let j = 0; j < D; j++) out[row * D + j] += gv[k * D + j] * sc;
  }
  const result = new Tensor(out, [V, D], undefined, 0, g.dtype);
  if (shouldRecord(g))
    record("EmbeddingDenseBackwardBackward0", [g], result, [indices], (ctx, [gg]) => {
      // embedding_dense_double_backward: gg[indices], zero at the padding index
      return [embeddingGatherMasked(gg, ctx.saved(0), paddingIdx, freq, V)];
    });
  return result;
}

/** gg[indices] with rows at paddingIdx zeroed (and scaled by 1/frequency), differentiable in gg. */
function embeddingGatherMasked(gg: Tensor, indices: Tensor, paddingIdx: number, freq: Map<number, number> | null, V: number): Tensor {
  const picked = embeddingGather(gg, indices, -1, false);
  const idx = indices._values();
  const scale = gg.dtype.alloc(idx.length);
  for (let k = 0; k < idx.length; k++) {
    const row = idx[k] < 0 ? idx[k] + V : idx[k];
    scale[k] = row === paddingIdx ? 0 : freq ? 1 / freq.get(idx[k])! : 1;
  }
  return picked.mul(new Tensor(scale, [...indices._shape, 1], undefined, 0, gg.dtype));
}

// ---- one_hot ------------------------------------------------------------------------------------

/** F.oneHot(tensor, numClasses = -1): int64, not differentiable. */
export function oneHot(tensor: Tensor, numClasses = -1): Tensor {
  if (tensor.dtype !== int64) throw new RuntimeError("one_hot is only applicable to index tensor.");
  const v = tensor._values();
  if (numClasses === -1) {
    if (v.length === 0) throw new RuntimeError("Can not infer total number of classes from empty tensor.");
  }
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < v.length; i++) {
    if (v[i] < min) min = v[i];
    if (v[i] > max) max = v[i];
  }
  if (v.length > 0 && min < 0) throw new RuntimeError("Class values must be non-negative.");
  if (numClasses === -1) numClasses = max + 1;
  else if (v.length > 0 && max >= numClasses) throw new RuntimeError("Class values must be smaller than num_classes.");
  const out = new Float64Array(v.length * numClasses);
  for (let i = 0; i < v.length; i++) out[i * numClasses + v[i]] = 1;
  return new Tensor(out, [...tensor._shape, numClasses], undefined, 0, int64);
}

// ---- normalize / distances ----------------------------------------------------------------------

export interface NormalizeOptions {
  p?: number;
  dim?: number;
  eps?: number;
}

/** F.normalize(input, p = 2, dim = 1, eps = 1e-12): input / norm.clamp_min(eps).expand_as(input) (DivBackward0). */
export function normalize(input: Tensor, p: number | NormalizeOptions = 2, dim = 1, eps = 1e-12): Tensor {
  if (typeof p === "object") {
    dim = p.dim ?? 1;
    eps = p.eps ?? 1e-12;
    p = p.p ?? 2;
  }
  const denom = clampMin(R.vectorNorm(input, p, dim, true), eps).expand(input._shape);
  return input.div(denom);
}

/** F.cosineSimilarity(x1, x2, dim = 1, eps = 1e-8), as ATen 2.x composes it (SumBackward1). */
export function cosineSimilarity(x1: Tensor, x2: Tensor, dim: number | { dim?: number; eps?: number } = 1, eps = 1e-8): Tensor {
  if (typeof dim === "object") {
    eps = dim.eps ?? 1e-8;
    dim = dim.dim ?? 1;
  }
  const common = E.promote(x1, x2);
  if (!common.isFloatingPoint)
    throw new RuntimeError(`expected common dtype to be floating point, yet common dtype is ${SCALAR_NAMES[common.name]}`);
  let a = x1.dtype.isFloatingPoint ? x1 : x1.to(common);
  let b = x2.dtype.isFloatingPoint ? x2 : x2.to(common);
  if (!sameShape(a._shape, b._shape)) {
    const shape = broadcastShapes(a._shape, b._shape);
    a = a.expand(shape);
    b = b.expand(shape);
  }
  const n1 = R.vectorNorm(a, 2, dim, true).clone();
  const n2 = R.vectorNorm(b, 2, dim, true).clone();
  // clamp_min_(eps) under no_grad: the values change, the graph does not
  clampInPlace(n1, eps);
  clampInPlace(n2, eps);
  return a.div(n1).mul(b.div(n2)).sum(dim);
}

function clampInPlace(t: Tensor, min: number): void {
  const m = t.dtype === float32 ? fround(min) : min;
  const d = t._data;
  for (let i = 0; i < d.length; i++) if (d[i] < m) d[i] = m;
  t._version.value++;
}

/** F.pairwiseDistance(x1, x2, p = 2, eps = 1e-6, keepdim = false): norm(x1 - x2 + eps, p, lastDim) (NormBackward1). */
export function pairwiseDistance(x1: Tensor, x2: Tensor, p: number | { p?: number; eps?: number; keepdim?: boolean } = 2, eps = 1e-6, keepdim = false): Tensor {
  if (typeof p === "object") {
    eps = p.eps ?? 1e-6;
    keepdim = p.keepdim ?? false;
    p = p.p ?? 2;
  }
  const outputDim = Math.max(x1.ndim, x2.ndim);
  const innermost = outputDim - 1;
  return normBackward1(x1.sub(x2).add(eps), p, innermost, keepdim);
}

/** at::norm(x, p, dim, keepdim): the values of vector_norm, recorded as NormBackward1. */
function normBackward1(x: Tensor, p: number, dim: number, keepdim: boolean): Tensor {
  const out = noGrad(() => R.vectorNorm(x, p, dim, keepdim));
  if (shouldRecord(x)) {
    const d = wrapDim(dim, x.ndim);
    const nd = x.ndim;
    record("NormBackward1", [x], out, [x, out], (ctx, [g]) => {
      const self = ctx.saved(0);
      let n = ctx.saved(1);
      let gr = g;
      if (!keepdim && nd > 0) {
        n = n.unsqueeze(d);
        gr = gr.unsqueeze(d);
      }
      if (p === 0) return [self.mul(0)];
      if (p === 1) return [self.sign().mul(gr)];
      if (p === 2) return [self.mul(E.where(n.eq(0), 0, gr.div(n)))];
      if (p === Infinity || p === -Infinity) {
        const mask = self.abs().eq(n);
        return [self.sign().mul(gr.div(mask.sum(d, true))).mul(mask)];
      }
      return [self.mul(self.abs().pow(p - 2)).mul(E.where(n.eq(0), 0, gr.div(n.pow(p - 1))))];
    });
  }
  return out;
}
