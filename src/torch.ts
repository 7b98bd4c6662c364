// The torch namespace as functions: torch.add(x, y), torch.sum(x, 1), ... each the Tensor method's twin.
import * as E from "./ops/elementwise.js";
import * as L from "./ops/linalg.js";
import * as R from "./ops/reduce.js";
import * as V from "./ops/view.js";
import { Tensor, type TensorOrScalar } from "./tensor/tensor.js";

export const add = (x: Tensor, y: TensorOrScalar, alpha?: number | { alpha?: number }): Tensor => x.add(y, alpha);
export const sub = (x: Tensor, y: TensorOrScalar, alpha?: number | { alpha?: number }): Tensor => x.sub(y, alpha);
export const rsub = (x: Tensor, y: TensorOrScalar, alpha?: number | { alpha?: number }): Tensor => x.rsub(y, alpha);
export const mul = (x: Tensor, y: TensorOrScalar): Tensor => x.mul(y);
export const div = (x: Tensor, y: TensorOrScalar, options?: E.DivOptions | null): Tensor => x.div(y, options);
/** torch.pow(tensor, exponent) or torch.pow(number, tensor). */
export const pow = (x: Tensor | number, e: TensorOrScalar): Tensor =>
  x instanceof Tensor ? x.pow(e) : E.powScalarBase(x, e as Tensor);
export const neg = (x: Tensor): Tensor => x.neg();
export const abs = (x: Tensor): Tensor => x.abs();
export const sign = (x: Tensor): Tensor => x.sign();
export const exp = (x: Tensor): Tensor => x.exp();
export const log = (x: Tensor): Tensor => x.log();
export const sqrt = (x: Tensor): Tensor => x.sqrt();
export const square = (x: Tensor): Tensor => x.square();
export const sin = (x: Tensor): Tensor => x.sin();
export const cos = (x: Tensor): Tensor => x.cos();
export const tanh = (x: Tensor): Tensor => x.tanh();
export const sigmoid = (x: Tensor): Tensor => x.sigmoid();
export const relu = (x: Tensor): Tensor => x.relu();
export const eq = (x: Tensor, y: TensorOrScalar): Tensor => x.eq(y);
export const ne = (x: Tensor, y: TensorOrScalar): Tensor => x.ne(y);
export const lt = (x: Tensor, y: TensorOrScalar): Tensor => x.lt(y);
export const le = (x: Tensor, y: TensorOrScalar): Tensor => x.le(y);
export const gt = (x: Tensor, y: TensorOrScalar): Tensor => x.gt(y);
export const ge = (x: Tensor, y: TensorOrScalar): Tensor => x.ge(y);
export const equal = (x: Tensor, y: Tensor): boolean => x.equal(y);
export const maximum = (x: Tensor, y: Tensor): Tensor => E.maximum(x, y);
export const minimum = (x: Tensor, y: Tensor): Tensor => E.minimum(x, y);
export const where = (cond: Tensor, x: TensorOrScalar, y: TensorOrScalar): Tensor => E.where(cond, x, y);
export const logicalNot = (x: Tensor): Tensor => E.unaryOp("logicalNot", x);
export const logicalAnd = (x: Tensor, y: TensorOrScalar): Tensor => E.compare("logicalAnd", x, y);
export const logicalOr = (x: Tensor, y: TensorOrScalar): Tensor => E.compare("logicalOr", x, y);
export const logicalXor = (x: Tensor, y: TensorOrScalar): Tensor => E.compare("logicalXor", x, y);

export const sum = (x: Tensor, dim?: R.DimArg | R.ReduceOptions, keepdim?: boolean | R.ReduceOptions, options?: R.ReduceOptions): Tensor =>
  x.sum(dim, keepdim, options);
export const mean = (x: Tensor, dim?: R.DimArg | R.ReduceOptions, keepdim?: boolean | R.ReduceOptions, options?: R.ReduceOptions): Tensor =>
  x.mean(dim, keepdim, options);
export const prod = (x: Tensor, dim?: number | R.ReduceOptions, keepdim?: boolean | R.ReduceOptions, options?: R.ReduceOptions): Tensor =>
  x.prod(dim, keepdim, options);
export function max(x: Tensor): Tensor;
export function max(x: Tensor, dim: number, keepdim?: boolean): R.ValuesIndices;
export function max(x: Tensor, other: Tensor): Tensor;
export function max(x: Tensor, dim?: number | Tensor, keepdim?: boolean): Tensor | R.ValuesIndices {
  return (x.max as (d?: number | Tensor, k?: boolean) => Tensor | R.ValuesIndices)(dim, keepdim);
}
export function min(x: Tensor): Tensor;
export function min(x: Tensor, dim: number, keepdim?: boolean): R.ValuesIndices;
export function min(x: Tensor, other: Tensor): Tensor;
export function min(x: Tensor, dim?: number | Tensor, keepdim?: boolean): Tensor | R.ValuesIndices {
  return (x.min as (d?: number | Tensor, k?: boolean) => Tensor | R.ValuesIndices)(dim, keepdim);
}
export const amax = (x: Tensor, dim?: R.DimArg, keepdim?: boolean): Tensor => x.amax(dim, keepdim);
export const amin = (x: Tensor, dim?: R.DimArg, keepdim?: boolean): Tensor => x.amin(dim, keepdim);
export const argmax = (x: Tensor, dim?: number | null | R.ReduceOptions, keepdim?: boolean): Tensor => x.argmax(dim, keepdim);
export const argmin = (x: Tensor, dim?: number | null | R.ReduceOptions, keepdim?: boolean): Tensor => x.argmin(dim, keepdim);
/** torch.norm(input, p='fro', dim=None, keepdim=False) */
export const norm = (x: Tensor, p: number | "fro" | R.NormOptions = "fro", dim?: R.DimArg, keepdim = false): Tensor => x.norm(p, dim, keepdim);

export const dot = (x: Tensor, y: Tensor): Tensor => L.dot(x, y);
export const mm = (x: Tensor, y: Tensor): Tensor => L.mm(x, y);
export const bmm = (x: Tensor, y: Tensor): Tensor => L.bmm(x, y);
export const mv = (x: Tensor, y: Tensor): Tensor => L.mv(x, y);
export const matmul = (x: Tensor, y: Tensor): Tensor => L.matmul(x, y);
export const outer = (x: Tensor, y: Tensor): Tensor => L.outer(x, y);
export const ger = outer;

export const reshape = (x: Tensor, shape: number[]): Tensor => x.reshape(shape);
export const t = (x: Tensor): Tensor => x.t();
export const transpose = (x: Tensor, d0: number, d1: number): Tensor => x.transpose(d0, d1);
export const permute = (x: Tensor, dims: number[]): Tensor => x.permute(dims);
export const squeeze = (x: Tensor, dim?: number | number[]): Tensor => x.squeeze(dim);
export const unsqueeze = (x: Tensor, dim: number): Tensor => x.unsqueeze(dim);
export const flatten = (x: Tensor, startDim?: number, endDim?: number): Tensor => x.flatten(startDim, endDim);
export const select = (x: Tensor, dim: number, index: number): Tensor => x.select(dim, index);
export const narrow = (x: Tensor, dim: number, start: number, length: number): Tensor => x.narrow(dim, start, length);
export const clone = (x: Tensor): Tensor => x.clone();
export const detach = (x: Tensor): Tensor => x.detach();
export const numel = (x: Tensor): number => x.numel();
export const isTensor = (x: unknown): x is Tensor => x instanceof Tensor;
export const expand = (x: Tensor, sizes: number[]): Tensor => V.expand(x, sizes);
