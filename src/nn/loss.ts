// Loss functions of torch.nn.functional. Fused losses (mse, smooth_l1, huber, binary_cross_entropy,
// binary_cross_entropy_with_logits, nll_loss) are one kernel each, reduced with PyTorch's own sum/mean,
// and recorded under PyTorch's grad_fn with their derivatives.yaml formulas in differentiable ops;
// composite losses (l1, kl_div, cross_entropy's label smoothing and probability targets) are composed
// exactly as ATen composes them.
import { noGrad } from "../autograd/grad_mode.js";
import { RuntimeError, ValueError, IndexError, warn } from "../errors.js";
import * as E from "../ops/elementwise.js";
import { record, shouldRecord, shouldRecordAll } from "../ops/record.js";
import { float32, int64 } from "../tensor/dtype.js";
import { broadcastShapes, sameShape } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { logsigmoid } from "./activation.js";
import { logSoftmaxOp } from "./softmax.js";
import { checkReduction, clampMin, cppDouble, fround, SCALAR_NAMES, scalarTensor, torchSize, type Reduction } from "./util.js";

const where = E.where;

export interface LossOptions {
  reduction?: Reduction | string;
}

// ---- helpers ------------------------------------------------------------------------------------

/** A loss's optional positional `weight` (PyTorch's third parameter) or its options object. */
function weightArgs<O extends { weight?: Tensor | null }>(weightOrOpts: Tensor | null | O | undefined, opts: O | undefined): O {
  if (weightOrOpts instanceof Tensor || weightOrOpts === null) return { ...(opts ?? ({} as O)), weight: weightOrOpts };
  return weightOrOpts ?? opts ?? ({} as O);
}

/** apply_loss_reduction on an unrecorded loss tensor: PyTorch's own mean/sum order. */
function reduceValues(loss: Tensor, reduction: Reduction): Tensor {
  if (reduction === "none") return loss;
  return noGrad(() => (reduction === "mean" ? loss.mean() : loss.sum()));
}

/** The loss's gradient scale for a reduction: g broadcast over the input, divided by numel for mean. */
function scaleGrad(g: Tensor, reduction: Reduction, numel: number): Tensor {
  return reduction === "mean" ? g.div(numel) : g;
}

/** torch.broadcast_tensors(input, target): each expanded only when its shape differs. */
function broadcastPair(a: Tensor, b: Tensor): [Tensor, Tensor] {
  if (sameShape(a._shape, b._shape)) return [a, b];
  const shape = broadcastShapes(a._shape, b._shape);
  return [sameShape(a._shape, shape) ? a : a.expand(shape), sameShape(b._shape, shape) ? b : b.expand(shape)];
}

function sizeWarning(input: Tensor, target: Tensor): void {
  if (!sameShape(input._shape, target._shape))
    warn(
      `Using a target size (${torchSize(target._shape)}) that is different to the input size (${torchSize(input._shape)}). ` +
        "This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.",
    );
}

/**
 * A binary elementwise loss value kernel over input and target (broadcast, promoted like a binary op),
 * computed by `f(a, b, r)` where `r` rounds to the result dtype (fround for float32, identity for float64).
 */
function lossValues(kernel: string, input: Tensor, target: Tensor, f: (a: number, b: number, r: (v: number) => number) => number): Tensor {
  const dtype = E.promote(input, target);
  if (!dtype.isFloatingPoint) throw new RuntimeError(`"${kernel}" not implemented for '${SCALAR_NAMES[dtype.name]}'`);
  const r = dtype === float32 ? fround : (v: number) => v;
  return E.binaryKernel((a, b) => f(a, b, r), input, target, dtype, dtype);
}

/** A loss tensor (contiguous) over the given values, of the reduced shape. */
function finish(
  node: string,
  inputs: Tensor[],
  loss: Tensor,
  reduction: Reduction,
  saved: (Tensor | null)[],
  backward: (ctx: { saved(i: number): Tensor; needs(i: number): boolean }, g: Tensor) => (Tensor | null)[],
): Tensor {
  const out = reduceValues(loss, reduction);
  const result = reduction === "none" ? out : new Tensor(out._data, out._shape, out._strides, out._offset, out.dtype);
  if (shouldRecordAll(inputs)) record(node, inputs, result, saved, (ctx, [g]) => backward(ctx, g));
  return result;
}

// ---- elementwise losses -------------------------------------------------------------------------

/** F.mseLoss(input, target, { reduction }): MseLossBackward0. */
export function mseLoss(input: Tensor, target: Tensor, opts: LossOptions = {}): Tensor {
  const reduction = checkReduction(opts.reduction);
  sizeWarning(input, target);
  const [x, t] = broadcastPair(input, target);
  const loss = lossValues("mse_cpu", x, t, (a, b, r) => {
    const d = r(a - b);
    return d * d;
  });
  const n = x.numel();
  return finish("MseLossBackward0", [x, t], loss, reduction, [x, t], (ctx, g) => {
    const d = ctx.saved(0).sub(ctx.saved(1));
    const gi = scaleGrad(g, reduction, n).mul(d).mul(2);
    return [ctx.needs(0) ? gi : null, ctx.needs(1) ? gi.neg() : null];
  });
}

/** F.l1Loss(input, target, { reduction }): (input - target).abs() reduced, as ATen composes it. */
export function l1Loss(input: Tensor, target: Tensor, opts: LossOptions = {}): Tensor {
  const reduction = checkReduction(opts.reduction);
  sizeWarning(input, target);
  const [x, t] = broadcastPair(input, target);
  const loss = x.sub(t).abs();
  return reduction === "mean" ? loss.mean() : reduction === "sum" ? loss.sum() : loss;
}

/** F.smoothL1Loss(input, target, { reduction, beta }): SmoothL1LossBackward0. */
export function smoothL1Loss(input: Tensor, target: Tensor, opts: LossOptions & { beta?: number } = {}): Tensor {
  const reduction = checkReduction(opts.reduction);
  const beta = opts.beta ?? 1;
  sizeWarning(input, target);
  const [x, t] = broadcastPair(input, target);
  if (beta < 0) throw new RuntimeError("smooth_l1_loss does not support negative values for beta.");
  const f32 = E.promote(x, t) === float32;
  const b = f32 ? fround(beta) : beta;
  const loss = lossValues("smooth_l1_cpu", x, t, (p, q, r) => {
    const z = Math.abs(r(p - q));
    return z < b ? r(r(r(0.5 * z) * z) / b) : r(z - r(0.5 * b));
  });
  const n = x.numel();
  return finish("SmoothL1LossBackward0", [x, t], loss, reduction, [x, t], (ctx, g) => {
    const d = ctx.saved(0).sub(ctx.saved(1));
    // smooth_l1_loss_backward: -1 below -beta, 1 above beta, d / beta between (l1's sign for beta 0)
    const slope = beta <= 0 ? d.sign() : where(d.le(-beta), -1, where(d.ge(beta), 1, d.div(beta)));
    const gi = scaleGrad(g, reduction, n).mul(slope);
    return [ctx.needs(0) ? gi : null, ctx.needs(1) ? gi.neg() : null];
  });
}

/** F.huberLoss(input, target, { reduction, delta }): HuberLossBackward0. */
export function huberLoss(input: Tensor, target: Tensor, opts: LossOptions & { delta?: number } = {}): Tensor {
  const reduction = checkReduction(opts.reduction);
  const delta = opts.delta ?? 1;
  sizeWarning(input, target);
  const [x, t] = broadcastPair(input, target);
  if (!(delta > 0)) throw new RuntimeError("huber_loss does not support non-positive values for delta.");
  const f32 = E.promote(x, t) === float32;
  const dl = f32 ? fround(delta) : delta;
  const loss = lossValues("huber_cpu", x, t, (p, q, r) => {
    const z = Math.abs(r(p - q));
    return z < dl ? r(r(0.5 * z) * z) : r(dl * r(z - r(0.5 * dl)));
  });
  const n = x.numel();
  return finish("HuberLossBackward0", [x, t], loss, reduction, [x, t], (ctx, g) => {
    const d = ctx.saved(0).sub(ctx.saved(1));
    const slope = where(d.le(-delta), -delta, where(d.ge(delta), delta, d));
    const gi = scaleGrad(g, reduction, n).mul(slope);
    return [ctx.needs(0) ? gi : null, ctx.needs(1) ? gi.neg() : null];
  });
}

/** _infer_size(target.size(), weight.size()) then weight.expand(new_size). */
function expandWeight(weight: Tensor, shape: readonly number[]): Tensor {
  const s = broadcastShapes(shape, weight._shape);
  return weight.expand(s);
}

/** F.binaryCrossEntropy(input, target, { weight, reduction }): BinaryCrossEntropyBackward0. */
export function binaryCrossEntropy(
  input: Tensor, target: Tensor, weightOrOpts?: Tensor | null | (LossOptions & { weight?: Tensor | null }), optsArg?: LossOptions & { weight?: Tensor | null },
): Tensor {
  const opts = weightArgs(weightOrOpts, optsArg);
  const reduction = checkReduction(opts.reduction);
  if (!sameShape(input._shape, target._shape))
    throw new ValueError(
      `Using a target size (${torchSize(target._shape)}) that is different to the input size (${torchSize(input._shape)}) is deprecated. Please ensure they have the same size.`,
    );
  const weight = opts.weight ? expandWeight(opts.weight, target._shape) : null;
  if (target.dtype !== input.dtype) throw new RuntimeError(`Found dtype ${SCALAR_NAMES[target.dtype.name]} but expected ${SCALAR_NAMES[input.dtype.name]}`);
  if (!input.dtype.isFloatingPoint) throw new RuntimeError(`"binary_cross_entropy" not implemented for '${SCALAR_NAMES[input.dtype.name]}'`);
  let loss = lossValues("binary_cross_entropy", input, target, (x, y, r) => {
    if (!(x >= 0 && x <= 1)) throw new RuntimeError("all elements of input should be between 0 and 1");
    if (!(y >= 0 && y <= 1)) throw new RuntimeError("all elements of target should be between 0 and 1");
    return r(r(r(y - 1) * Math.max(r(Math.log1p(-x)), -100)) - r(y * Math.max(r(Math.log(x)), -100)));
  });
  if (weight) loss = noGrad(() => loss.mul(weight));
  const n = input.numel();
  return finish("BinaryCrossEntropyBackward0", [input, target], loss, reduction, [input, target, weight], (ctx, g) => {
    const x = ctx.saved(0);
    const y = ctx.saved(1);
    const w = weight ? ctx.saved(2) : null;
    let gs = scaleGrad(g, reduction, n);
    if (w) gs = gs.mul(w);
    return [
      // binary_cross_entropy_backward: g (x - y) / max(x (1 - x), 1e-12)
      ctx.needs(0) ? gs.mul(x.sub(y)).div(clampMin(x.mul(x.rsub(1)), 1e-12)) : null,
      // binary_cross_entropy_target_backward: -logit(x) g
      ctx.needs(1) ? gs.mul(x.rsub(1).log().sub(x.log())) : null,
    ];
  });
}

/** F.binaryCrossEntropyWithLogits(input, target, { weight, posWeight, reduction }): BinaryCrossEntropyWithLogitsBackward0. */
export function binaryCrossEntropyWithLogits(
  input: Tensor,
  target: Tensor,
  weightOrOpts?: Tensor | null | (LossOptions & { weight?: Tensor | null; posWeight?: Tensor | null }),
  optsArg?: LossOptions & { weight?: Tensor | null; posWeight?: Tensor | null },
): Tensor {
  const opts = weightArgs(weightOrOpts, optsArg);
  const reduction = checkReduction(opts.reduction);
  if (!sameShape(input._shape, target._shape))
    throw new ValueError(`Target size (${torchSize(target._shape)}) must be the same as input size (${torchSize(input._shape)})`);
  const weight = opts.weight ?? null;
  const posWeight = opts.posWeight ?? null;
  const dtype = input.dtype;
  if (!dtype.isFloatingPoint) throw new RuntimeError(`"log_sigmoid_cpu" not implemented for '${SCALAR_NAMES[dtype.name]}'`);
  // loss = (1 - t) x - lw * logsigmoid(x), lw = (posWeight - 1) t + 1
  const loss = noGrad(() => {
    const ls = logsigmoidValues(input);
    let l: Tensor;
    if (posWeight) {
      const lw = posWeight.sub(1).mul(target).add(1);
      l = target.rsub(1).mul(input).sub(ls.mul(lw));
    } else l = target.rsub(1).mul(input).sub(ls);
    if (weight) l = l.mul(weight);
    return l;
  });
  const n = loss.numel();
  return finish("BinaryCrossEntropyWithLogitsBackward0", [input, target], loss, reduction, [input, target, weight, posWeight], (ctx, g) => {
    const x = ctx.saved(0);
    const t = ctx.saved(1);
    const w = weight ? ctx.saved(2) : null;
    const pw = posWeight ? ctx.saved(3) : null;
    let gs = scaleGrad(g, reduction, n);
    if (w) gs = gs.mul(w);
    let gi: Tensor | null = null;
    if (ctx.needs(0)) {
      if (pw) {
        const tp = pw.mul(t);
        gi = tp.add(1).sub(t).mul(x.sigmoid()).sub(tp).mul(gs);
      } else gi = x.sigmoid().sub(t).mul(gs);
      gi = gi.sumToSize(x._shape);
    }
    let gt: Tensor | null = null;
    if (ctx.needs(1)) {
      gt = pw ? logsigmoid(x.neg()).sub(logsigmoid(x).mul(pw)).mul(gs) : x.neg().mul(gs);
      gt = gt.sumToSize(t._shape);
    }
    return [gi, gt];
  });
}

/** log_sigmoid values, unrecorded (the forward of binary_cross_entropy_with_logits). */
function logsigmoidValues(x: Tensor): Tensor {
  return noGrad(() => logsigmoid(x));
}

/** torch.xlogy(x, y): XlogyBackward0. */
function xlogy(x: Tensor, y: Tensor): Tensor {
  const dtype = E.promote(x, y);
  const out = E.binaryKernel((a, b) => (b !== b ? NaN : a === 0 ? 0 : a * Math.log(b)), x, y, dtype, dtype);
  if (shouldRecord(x, y))
    record("XlogyBackward0", [x, y], out, [x, y], (ctx, [g]) => {
      const a = ctx.saved(0);
      const b = ctx.saved(1);
      return [ctx.needs(0) ? g.mul(xlogy(a.ne(0).to(b.dtype), b)).sumToSize(a._shape) : null, ctx.needs(1) ? g.mul(a).div(b).sumToSize(b._shape) : null];
    });
  return out;
}

/** F.klDiv(input, target, { reduction, logTarget }): composed as ATen composes it. */
export function klDiv(input: Tensor, target: Tensor, opts: { reduction?: Reduction | "batchmean" | string; logTarget?: boolean } = {}): Tensor {
  const reduction = opts.reduction ?? "mean";
  const logTarget = opts.logTarget ?? false;
  if (reduction === "mean")
    warn(
      "reduction: 'mean' divides the total loss by both the batch size and the support size." +
        "'batchmean' divides only by the batch size, and aligns with the KL div math definition." +
        "'mean' will be changed to behave the same as 'batchmean' in the next major release.",
    );
  const enumReduction = reduction === "batchmean" ? "sum" : checkReduction(reduction);
  if (!input.dtype.isFloatingPoint || !target.dtype.isFloatingPoint) throw new RuntimeError("kl_div: Integral inputs not supported.");
  const output = logTarget ? target.exp().mul(target.sub(input)) : xlogy(target, target).sub(target.mul(input));
  let reduced = enumReduction === "mean" ? output.mean() : enumReduction === "sum" ? output.sum() : output;
  if (reduction === "batchmean" && input.ndim !== 0) reduced = reduced.div(input._shape[0]);
  return reduced;
}

// ---- nll_loss / cross_entropy -------------------------------------------------------------------

export interface NllOptions extends LossOptions {
  weight?: Tensor | null;
  ignoreIndex?: number;
}

const CASCADE_LEVELS = 8;

/**
 * nll_loss / nll_loss2d on input (N, C) / (C) / (N, C, H, W) and target (N) / () / (N, H, W): values and
 * total weight as ATen's CPU kernels compute them (cascade sums in the input's dtype), and the
 * per-element coefficients of the input gradient (-w[t] / total for mean).
 */
function nllCore(
  input: Tensor, target: Tensor, weight: Tensor | null, reduction: Reduction, ignoreIndex: number, node: string,
): Tensor {
  const dtype = input.dtype;
  const nd = input.ndim;
  const C = nd === 1 ? input._shape[0] : input._shape[1];
  const N = nd === 1 ? 1 : input._shape[0];
  const map = nd === 4 ? input._shape[2] * input._shape[3] : 1;
  const x = input._values();
  const tg = target._values();
  const w = weight ? weight.contiguous()._values() : null;
  const f32 = dtype === float32;
  const r = f32 ? fround : (v: number) => v;
  const coef = dtype.alloc(x.length);
  let result: Tensor;
  const checkTarget = (t: number): void => {
    if (!(t >= 0 && t < C)) throw new IndexError(`Target ${t} is out of bounds.`);
  };
  if (reduction === "none" && nd !== 1) {
    const out = dtype.alloc(N * map);
    for (let b = 0; b < N; b++)
      for (let e = 0; e < map; e++) {
        const t = tg[b * map + e];
        if (t === ignoreIndex) continue;
        checkTarget(t);
        const wt = w ? w[t] : 1;
        const p = b * C * map + t * map + e;
        out[b * map + e] = r(-x[p] * wt);
        coef[p] = -wt;
      }
    result = new Tensor(out, nd === 4 ? [N, input._shape[2], input._shape[3]] : [N], undefined, 0, dtype);
  } else {
    const lossAcc = dtype.alloc(CASCADE_LEVELS);
    const weightAcc = dtype.alloc(CASCADE_LEVELS);
    let total = 0;
    let outVal = 0;
    if (nd === 1) {
      const t = tg[0];
      if (t !== ignoreIndex) {
        checkTarget(t);
        total = w ? w[t] : 1;
        outVal = r(-x[t] * total);
        coef[t] = -total;
      }
    } else {
      const numiter = N * map;
      const levelPower = Math.max(4, Math.floor(ceilLog2(numiter) / 4));
      const levelMask = 2 ** levelPower - 1;
      let ignored = 0;
      for (let b = 0; b < N; b++)
        for (let e = 0; e < map; e++) {
          const t = tg[b * map + e];
          if (t === ignoreIndex) {
            ignored++;
            continue;
          }
          checkTarget(t);
          const p = b * C * map + t * map + e;
          if (w) {
            const wt = w[t];
            lossAcc[0] -= r(x[p] * wt);
            weightAcc[0] += wt;
            coef[p] = -wt;
          } else {
            lossAcc[0] -= x[p];
            coef[p] = -1;
          }
          const lin = b * map + e;
          for (let j = 0; j + 1 < CASCADE_LEVELS; j++) {
            // (lin & (levelMask << j * levelPower)) != 0, without 32-bit overflow
            if (Math.floor(lin / 2 ** (j * levelPower)) % (levelMask + 1) !== 0) break;
            weightAcc[j + 1] += weightAcc[j];
            lossAcc[j + 1] += lossAcc[j];
            weightAcc[j] = 0;
            lossAcc[j] = 0;
          }
        }
      if (w) {
        const acc = dtype.alloc(1);
        for (let j = 0; j < CASCADE_LEVELS; j++) acc[0] += weightAcc[j];
        total = acc[0];
      } else total = r(numiter - ignored);
      const acc = dtype.alloc(1);
      for (let j = 0; j < CASCADE_LEVELS; j++) acc[0] += lossAcc[j];
      outVal = acc[0];
    }
    if (reduction === "mean") {
      outVal = r(outVal / total);
      for (let i = 0; i < coef.length; i++) if (coef[i] !== 0) coef[i] = r(coef[i] / total);
    }
    result = scalarTensor(outVal, dtype);
  }
  if (shouldRecord(input)) {
    const coefT = new Tensor(coef, input._shape.slice(), undefined, 0, dtype);
    const unreduced = reduction === "none" && nd !== 1;
    record(node, [input], result, [], (_ctx, [g]) => [coefT.mul(unreduced ? g.unsqueeze(1) : g)]);
  }
  return result;
}

function ceilLog2(x: number): number {
  return x <= 2 ? 1 : 32 - Math.clz32(x - 1);
}

/** Argument checks shared by nll_loss and nll_loss2d (dtype of target, weight size). */
function checkNllArgs(input: Tensor, target: Tensor, weight: Tensor | null, C: number): void {
  if (target.dtype !== int64) throw new RuntimeError(`expected scalar type Long but found ${SCALAR_NAMES[target.dtype.name]}`);
  if (weight && weight.numel() !== C)
    throw new RuntimeError(`weight tensor should be defined either for all ${C} classes or no classes but got weight tensor of shape: [${weight._shape.join(", ")}]`);
  if (!input.dtype.isFloatingPoint) throw new RuntimeError(`"nll_loss_out_frame" not implemented for '${SCALAR_NAMES[input.dtype.name]}'`);
}

/** at::nll_loss (1-D or 2-D input): NllLossBackward0. */
function nllLoss1d2d(input: Tensor, target: Tensor, weight: Tensor | null, reduction: Reduction, ignoreIndex: number): Tensor {
  if (!(input.ndim > 0 && input.ndim <= 2)) throw new RuntimeError("input tensor should be 1D or 2D");
  if (target.ndim > 1) throw new RuntimeError("0D or 1D target tensor expected, multi-target not supported");
  const noBatch = input.ndim === 1 && target.ndim === 0;
  if (!(noBatch || input._shape[0] === target._shape[0]))
    throw new RuntimeError(`size mismatch (got input: [${input._shape.join(", ")}], target: [${target._shape.join(", ")}])`);
  checkNllArgs(input, target, weight, input._shape[input.ndim - 1]);
  return nllCore(input, target, weight, reduction, ignoreIndex, "NllLossBackward0");
}

/** at::nll_loss2d (4-D input, 3-D target): NllLoss2DBackward0. */
function nllLoss2d(input: Tensor, target: Tensor, weight: Tensor | null, reduction: Reduction, ignoreIndex: number): Tensor {
  if (target.ndim !== 3) throw new RuntimeError(`only batches of spatial targets supported (3D tensors) but got targets of dimension: ${target.ndim}`);
  if (input.ndim !== 4) throw new RuntimeError(`only batches of spatial inputs supported (4D tensors), but got input of dimension: ${input.ndim}`);
  if (weight && weight.numel() !== input._shape[1]) throw new RuntimeError("weight tensor should be defined either for all or no classes");
  const [i0, , i2, i3] = input._shape;
  const [t0, t1, t2] = target._shape;
  if (!(i0 === t0 && i2 === t1 && i3 === t2))
    throw new RuntimeError(`size mismatch (got input: [${input._shape.join(", ")}] , target: [${target._shape.join(", ")}]`);
  checkNllArgs(input, target, weight, input._shape[1]);
  return nllCore(input, target, weight, reduction, ignoreIndex, "NllLoss2DBackward0");
}

/** at::nll_loss_nd: dispatches on the input's rank like ATen. */
function nllLossNd(input: Tensor, target: Tensor, weight: Tensor | null, reduction: Reduction, ignoreIndex: number): Tensor {
  if (input.ndim < 1) throw new ValueError(`Expected 1 or more dimensions (got ${input.ndim})`);
  if (input.ndim !== 1 && input._shape[0] !== (target.ndim === 0 ? 1 : target._shape[0]))
    throw new ValueError(`Expected input batch_size (${input._shape[0]}) to match target batch_size (${target.ndim === 0 ? 1 : target._shape[0]}).`);
  if (input.ndim === 1 || input.ndim === 2) return nllLoss1d2d(input, target, weight, reduction, ignoreIndex);
  if (input.ndim === 4) return nllLoss2d(input, target, weight, reduction, ignoreIndex);
  const n = input._shape[0];
  const c = input._shape[1];
  const outSize = [n, ...input._shape.slice(2)];
  if (!sameShape(target._shape.slice(1), input._shape.slice(2)))
    throw new RuntimeError(`Expected target size [${outSize.join(", ")}], got [${target._shape.join(", ")}]`);
  const inp = input.contiguous().view(input.numel() > 0 ? [n, c, 1, -1] : [n, c, 0, 0]);
  const tgt = target.contiguous().view(target.numel() > 0 ? [n, 1, -1] : [n, 0, 0]);
  const out = nllLoss2d(inp, tgt, weight, reduction, ignoreIndex);
  return reduction === "none" ? out.view(outSize) : out;
}

/** F.nllLoss(input, target, { weight, ignoreIndex, reduction }) */
export function nllLoss(input: Tensor, target: Tensor, weightOrOpts?: Tensor | null | NllOptions, optsArg?: NllOptions): Tensor {
  const opts = weightArgs(weightOrOpts, optsArg);
  const reduction = checkReduction(opts.reduction);
  return nllLossNd(input, target, opts.weight ?? null, reduction, opts.ignoreIndex ?? -100);
}

export interface CrossEntropyOptions extends NllOptions {
  labelSmoothing?: number;
}

/** Tensor / int as ATen's C++ writes it (div.Scalar: DivBackward1). */
function divScalar(x: Tensor, s: number): Tensor {
  const out = noGrad(() => x.div(s));
  if (shouldRecord(x)) record("DivBackward1", [x], out, [], (_ctx, [g]) => [g.div(s)]);
  return out;
}

/** The weight viewed with its classes along class_dim, for broadcasting with the input. */
function classView(weight: Tensor, ndim: number, classDim: number): Tensor {
  if (ndim <= 1) return weight;
  const shape = new Array<number>(ndim).fill(1);
  shape[classDim] = weight._shape[0];
  return weight.view(shape);
}

/** F.crossEntropy(input, target, { weight, ignoreIndex, reduction, labelSmoothing }) */
export function crossEntropy(input: Tensor, target: Tensor, weightOrOpts?: Tensor | null | CrossEntropyOptions, optsArg?: CrossEntropyOptions): Tensor {
  const opts = weightArgs(weightOrOpts, optsArg);
  const reduction = checkReduction(opts.reduction);
  const weight = opts.weight ?? null;
  const ignoreIndex = opts.ignoreIndex ?? -100;
  const ls = opts.labelSmoothing ?? 0;
  const classDim = input.ndim === 1 ? 0 : 1;
  if (sameShape(input._shape, target._shape)) {
    // class probabilities
    if (!target.dtype.isFloatingPoint)
      throw new RuntimeError(`Expected floating point type for target with class probabilities, got ${SCALAR_NAMES[target.dtype.name]}`);
    if (ignoreIndex >= 0) throw new RuntimeError("ignore_index is not supported for floating point target");
    const nClasses = input._shape[classDim];
    if (weight && !(weight.ndim === 1 && weight.numel() === nClasses))
      throw new RuntimeError(
        `cross_entropy: weight tensor should be defined either for all ${nClasses} classes or no classes but got weight tensor of shape: [${weight._shape.join(", ")}]`,
      );
    const logp = logSoftmaxOp(input, classDim);
    let tgt = target;
    if (ls > 0) {
      if (ls > 1) throw new RuntimeError(`label_smoothing must be between 0.0 and 1.0. Got: ${cppDouble(ls)}`);
      tgt = target.mul(1 - ls).add(ls / nClasses);
    }
    let prod = logp.mul(tgt);
    if (weight) prod = prod.mul(classView(weight, input.ndim, classDim));
    if (reduction === "none") return prod.sum(classDim).neg();
    if (reduction === "sum") return prod.sum().neg();
    // an empty input gives NaN (PyTorch fills it in)
    return divScalar(prod.sum().neg(), logp.numel() === 0 ? 0 : Math.trunc(logp.numel() / nClasses));
  }
  if (ls > 0) {
    if (ls > 1) throw new RuntimeError(`label_smoothing must be between 0.0 and 1.0. Got: ${cppDouble(ls)}`);
    const logp = logSoftmaxOp(input, classDim);
    const nll = nllLossNd(logp, target, weight, reduction, ignoreIndex);
    const nClasses = logp._shape[classDim];
    const ignoreMask = target.eq(ignoreIndex);
    let smooth = weight ? logp.mul(classView(weight, logp.ndim, classDim)).sum(classDim).neg() : logp.sum(classDim).neg();
    smooth = where(ignoreMask, 0, smooth);
    let ret: Tensor;
    if (reduction === "mean") {
      if (weight) {
        const tv = target._values();
        const wv = weight.contiguous()._values();
        const acc = weight.dtype.alloc(1);
        for (let i = 0; i < tv.length; i++) if (tv[i] !== ignoreIndex) acc[0] += wv[tv[i]];
        ret = smooth.sum().div(scalarTensor(acc[0], weight.dtype));
      } else {
        const count = target.numel() - countTrue(ignoreMask);
        ret = smooth.sum().div(scalarTensor(count, int64));
      }
    } else ret = reduction === "sum" ? smooth.sum() : smooth;
    return nll.mul(1 - ls).add(ret.mul(ls / nClasses));
  }
  return nllLossNd(logSoftmaxOp(input, classDim), target, weight, reduction, ignoreIndex);
}

function countTrue(mask: Tensor): number {
  const v = mask._values();
  let n = 0;
  for (let i = 0; i < v.length; i++) if (v[i]) n++;
  return n;
}

