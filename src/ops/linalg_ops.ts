// Issue 3 op group (linalg_ops): torch.einsum, kron, addmm, addmv, baddbmm and the torch-level
// determinant/inverse functions, with Tensor methods where PyTorch has them (bmm, addmm, addmv,
// baddbmm, kron, det, logdet, slogdet, inverse).
//
// einsum is ATen's algorithm (Linear.cpp, PyTorch 2.x without opt_einsum: operands contracted left
// to right) built from permute/unsqueeze/diagonal/sum/bmm/view, so its gradients, double
// gradients and its final grad_fn (ViewBackward0, PermuteBackward0, SumBackward1, ...) are PyTorch's.
// kron is ATen's KronImpl (_unsafe_view, mul, _unsafe_view).
import * as K from "../backend/cpu.js";
import { RuntimeError, ValueError } from "../errors.js";
import * as LA from "../linalg/index.js";
import { diagonal } from "../linalg/helpers.js";
import { float32, type DType } from "../tensor/dtype.js";
import { installMethods } from "../tensor/methods.js";
import { viewStrides, wrapDim } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { mul, where } from "./elementwise.js";
import { bmm } from "./linalg.js";
import { record, shouldRecordAll } from "./record.js";
import { expand } from "./view.js";

declare module "../tensor/tensor.js" {
  interface Tensor {
    bmm(other: Tensor): Tensor;
    addmm(mat1: Tensor, mat2: Tensor, opts?: ScaleOptions): Tensor;
    addmv(mat: Tensor, vec: Tensor, opts?: ScaleOptions): Tensor;
    baddbmm(batch1: Tensor, batch2: Tensor, opts?: ScaleOptions): Tensor;
    kron(other: Tensor): Tensor;
    det(): Tensor;
    logdet(): Tensor;
    slogdet(): ReturnType<typeof LA.slogdet>;
    inverse(): Tensor;
  }
}

/** The keyword-only beta and alpha of addmm/addmv/baddbmm. */
export interface ScaleOptions {
  beta?: number;
  alpha?: number;
}

// ---- einsum ----------------------------------------------------------------------------------------

type Sublist = (number | "...")[];

/**
 * torch.einsum(equation, *operands) (also with the operands as one array), or the sublist form
 * torch.einsum(op1, sublist1, op2, sublist2, ..., [sublistOut]) with "..." for Ellipsis.
 */
export function einsum(...args: (string | Tensor | Tensor[] | Sublist)[]): Tensor {
  if (args.length < 2)
    throw new ValueError("einsum(): must specify the equation string and at least one operand, or at least one operand and its subscripts list");
  let equation: string;
  let operands: Tensor[];
  if (args[0] instanceof Tensor) {
    const sub = (n: number | "..."): string => {
      if (n === "...") return "...";
      if (n >= 0 && n < 26) return String.fromCharCode(65 + n);
      if (n >= 26 && n < 52) return String.fromCharCode(97 + n - 26);
      throw new ValueError("einsum(): subscript in subscript list is not within the valid range [0, 52)");
    };
    const lists: Sublist[] = [];
    operands = [];
    for (let i = 0; i + 1 < args.length; i += 2) {
      operands.push(args[i] as Tensor);
      lists.push(args[i + 1] as Sublist);
    }
    equation = lists.map((l) => l.map(sub).join("")).join(",");
    if (args.length % 2 === 1) equation += "->" + (args[args.length - 1] as Sublist).map(sub).join("");
  } else {
    equation = args[0] as string;
    const rest = args.slice(1);
    operands = rest.length === 1 && Array.isArray(rest[0]) ? (rest[0] as Tensor[]) : (rest as Tensor[]);
  }
  return einsumImpl(equation, operands);
}

const NUM_LETTERS = 26;
const TOTAL_LABELS = 52;
const ELLIPSIS = TOTAL_LABELS;
const isAlpha = (c: string) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z");
const toSubscript = (c: string) => (c >= "A" && c <= "Z" ? c.charCodeAt(0) - 65 : c.charCodeAt(0) - 97 + NUM_LETTERS);
const toLabel = (s: number) => (s < NUM_LETTERS ? String.fromCharCode(s + 65) : String.fromCharCode(s - NUM_LETTERS + 97));

function einsumImpl(equation: string, operands: Tensor[]): Tensor {
  if (operands.length === 0) throw new RuntimeError("einsum(): must provide at least one operand");
  const numOps = operands.length;
  const arrow = equation.indexOf("->");
  const lhs = arrow < 0 ? equation : equation.slice(0, arrow);

  // 1. parse the operands' labels
  const opLabels: number[][] = operands.map(() => []);
  let ellInInput = false;
  let curr = 0;
  for (let i = 0; i < lhs.length; i++) {
    const c = lhs[i];
    if (c === " ") continue;
    if (c === ".") {
      if (ellInInput) throw new RuntimeError(`einsum(): found '.' for operand ${curr} for which an ellipsis was already found`);
      if (!(i + 2 < lhs.length && lhs[++i] === "." && lhs[++i] === "."))
        throw new RuntimeError(`einsum(): found '.' for operand ${curr} that is not part of any ellipsis`);
      opLabels[curr].push(ELLIPSIS);
      ellInInput = true;
    } else if (c === ",") {
      curr++;
      if (curr >= numOps) throw new RuntimeError("einsum(): fewer operands were provided than specified in the equation");
      ellInInput = false;
    } else {
      if (!isAlpha(c)) throw new RuntimeError(`einsum(): invalid subscript given at index ${i} in the equation string, subscripts must be in [a-zA-Z]`);
      opLabels[curr].push(toSubscript(c));
    }
  }
  if (curr !== numOps - 1) throw new RuntimeError("einsum(): more operands were provided than specified in the equation");

  const labelCount = new Array<number>(TOTAL_LABELS).fill(0);
  let ellNumDim = 0;
  for (let i = 0; i < numOps; i++) {
    const labels = opLabels[i];
    const ndims = operands[i].ndim;
    let nlabels = labels.length;
    let hasEll = false;
    for (const l of labels) {
      if (l === ELLIPSIS) {
        nlabels--;
        hasEll = true;
        ellNumDim = Math.max(ellNumDim, ndims - nlabels);
      } else labelCount[l]++;
    }
    if (hasEll ? nlabels > ndims : nlabels !== ndims)
      throw new RuntimeError(
        `einsum(): the number of subscripts in the equation (${nlabels}) ${hasEll ? "is more than the number of dimensions (" : "does not match the number of dimensions ("}${ndims}) for operand ${i}${hasEll ? "" : " and no ellipsis was given"}`,
      );
  }

  // 2. the output's labels, then the contracted ones
  const labelPerm = new Array<number>(TOTAL_LABELS).fill(-1);
  let permIndex = 0;
  let ellIndex = 0;
  let ellInOutput = false;
  if (arrow < 0) {
    permIndex = ellNumDim;
    ellInOutput = true;
    for (let l = 0; l < TOTAL_LABELS; l++) if (labelCount[l] === 1) labelPerm[l] = permIndex++;
  } else {
    const rhs = equation.slice(arrow + 2);
    for (let i = 0; i < rhs.length; i++) {
      const c = rhs[i];
      if (c === " ") continue;
      if (c === ".") {
        if (ellInOutput) throw new RuntimeError("einsum(): found '.' for output but an ellipsis (...) was already found");
        if (!(i + 2 < rhs.length && rhs[++i] === "." && rhs[++i] === "."))
          throw new RuntimeError("einsum(): found '.' for output that is not part of any ellipsis (...)");
        ellIndex = permIndex;
        permIndex += ellNumDim;
        ellInOutput = true;
      } else {
        if (!isAlpha(c))
          throw new RuntimeError(`einsum(): invalid subscript given at index ${lhs.length + 2 + i} in the equation string, subscripts must be in [a-zA-Z]`);
        const idx = toSubscript(c);
        if (!(labelCount[idx] > 0 && labelPerm[idx] === -1))
          throw new RuntimeError(
            `einsum(): output subscript ${c}${labelPerm[idx] > -1 ? " appears more than once in the output" : " does not appear in the equation for any input operand"}`,
          );
        labelPerm[idx] = permIndex++;
      }
    }
  }
  const outNumDim = permIndex;
  if (!ellInOutput) {
    ellIndex = permIndex;
    permIndex += ellNumDim;
  }
  for (let l = 0; l < TOTAL_LABELS; l++) if (labelCount[l] > 0 && labelPerm[l] === -1) labelPerm[l] = permIndex++;

  // 3. diagonals for repeated labels, unsqueezed missing dims, aligned permutation
  const labelSize = new Array<number>(TOTAL_LABELS).fill(1);
  const ellSizes = new Array<number>(ellNumDim).fill(1);
  const dimCounts = new Array<number>(permIndex).fill(0);
  const ops: Tensor[] = [];
  for (let i = 0; i < numOps; i++) {
    let op = operands[i];
    const permutation = new Array<number>(permIndex).fill(-1);
    let dim = 0;
    for (const s of opLabels[i]) {
      if (s === ELLIPSIS) {
        const ndim = operands[i].ndim - (opLabels[i].length - 1);
        for (let j = ellNumDim - ndim; j < ellNumDim; j++) {
          if (op._shape[dim] !== 1) {
            if (!(ellSizes[j] === 1 || ellSizes[j] === op._shape[dim]))
              throw new RuntimeError(
                `einsum(): dimension ${dim} covered by ellipsis in operand ${i}has size ${op._shape[dim]} which does not broadcast with previously seen ellipsis with size ${ellSizes[j]} for the respective dimension`,
              );
            ellSizes[j] = op._shape[dim];
            dimCounts[ellIndex + j]++;
          }
          permutation[ellIndex + j] = dim++;
        }
      } else if (permutation[labelPerm[s]] === -1) {
        if (op._shape[dim] !== 1) {
          if (!(labelSize[s] === 1 || labelSize[s] === op._shape[dim]))
            throw new RuntimeError(
              `einsum(): subscript ${toLabel(s)} has size ${op._shape[dim]} for operand ${i} which does not broadcast with previously seen size ${labelSize[s]}`,
            );
          labelSize[s] = op._shape[dim];
          dimCounts[labelPerm[s]]++;
        }
        permutation[labelPerm[s]] = dim++;
      } else {
        // repeated label: take the diagonal, moved back to the first occurrence's place
        const prev = permutation[labelPerm[s]];
        if (op._shape[dim] !== op._shape[prev])
          throw new RuntimeError(
            `einsum(): subscript ${toLabel(s)} is repeated for operand ${i} but the sizes don't match, ${op._shape[dim]} != ${op._shape[prev]}`,
          );
        op = movedimLast(diagonal(op, 0, prev, dim), prev);
      }
    }
    for (let p = 0; p < permIndex; p++) {
      if (permutation[p] === -1) {
        op = op.unsqueeze(dim);
        permutation[p] = dim++;
      }
    }
    ops.push(op.permute(permutation));
  }

  // 4. contract left to right
  while (ops.length > 1) {
    let a = ops[0];
    let b = ops[1];
    ops.splice(0, 2);
    const sumDims: number[] = [];
    const aSum: number[] = [];
    const bSum: number[] = [];
    for (let d = outNumDim; d < permIndex; d++) {
      if (a._shape[d] !== 1 && b._shape[d] !== 1) {
        if (--dimCounts[d] === 1) {
          sumDims.push(d);
          dimCounts[d] = 0;
        }
      } else if (dimCounts[d] === 1) {
        if (a._shape[d] !== 1) {
          aSum.push(d);
          dimCounts[d] = 0;
        } else if (b._shape[d] !== 1) {
          bSum.push(d);
          dimCounts[d] = 0;
        }
      }
    }
    if (aSum.length > 0) a = a.sum(aSum, true);
    if (bSum.length > 0) b = b.sum(bSum, true);
    ops.unshift(sumproductPair(a, b, sumDims, true));
  }

  // 5. sum out the contraction dims
  if (permIndex - outNumDim > 0) {
    if (numOps > 1) {
      const sizes = ops[0]._shape.slice(0, outNumDim);
      return ops[0].view(sizes);
    }
    const dims: number[] = [];
    for (let d = outNumDim; d < permIndex; d++) dims.push(d);
    return ops[0].sum(dims);
  }
  return ops[0];
}

/** x.movedim(-1, dest) (a permute). */
function movedimLast(x: Tensor, dest: number): Tensor {
  const nd = x.ndim;
  const order: number[] = [];
  for (let i = 0; i < nd - 1; i++) order.push(i);
  order.splice(dest, 0, nd - 1);
  return x.permute(order);
}

/** sumproduct_pair: (left * right).sum(sumDims) through permute/reshape/bmm. */
function sumproductPair(left: Tensor, right: Tensor, sumDims: number[], keepdim: boolean): Tensor {
  if (left.ndim !== right.ndim) throw new RuntimeError("number of dimensions must match");
  if (sumDims.length === 0) return mul(left, right);
  const dim = left.ndim;
  const isSum = new Array<boolean>(dim).fill(false);
  for (const d of sumDims) isSum[d] = true;
  const lro: number[] = [];
  const lo: number[] = [];
  const ro: number[] = [];
  let lroSize = 1;
  let loSize = 1;
  let roSize = 1;
  let sumSize = 1;
  for (let i = 0; i < dim; i++) {
    const sl = left._shape[i] !== 1;
    const sr = right._shape[i] !== 1;
    if (isSum[i]) {
      if (sl && sr) {
        if (left._shape[i] !== right._shape[i]) throw new RuntimeError("non-broadcast dimensions must match");
        sumSize *= left._shape[i];
      } else if (sl) left = left.sum(i, true);
      else if (sr) right = right.sum(i, true);
    } else if (sl && sr) {
      if (left._shape[i] !== right._shape[i]) throw new RuntimeError("non-broadcast dimensions must match");
      lro.push(i);
      lroSize *= left._shape[i];
    } else if (sl) {
      lo.push(i);
      loSize *= left._shape[i];
    } else {
      ro.push(i);
      roSize *= right._shape[i];
    }
  }
  const outSize: number[] = [];
  for (const d of lro) outSize.push(left._shape[d]);
  for (const d of lo) outSize.push(left._shape[d]);
  for (let k = 0; k < sumDims.length; k++) outSize.push(1);
  for (const d of ro) outSize.push(right._shape[d]);
  const lperm = [...lro, ...lo, ...sumDims, ...ro];
  const rperm = [...lro, ...sumDims, ...ro, ...lo];
  const operm = new Array<number>(lro.length + lo.length + sumDims.length + ro.length).fill(-1);
  let k = 0;
  for (const d of lro) operm[d] = k++;
  for (const d of lo) operm[d] = k++;
  for (const d of sumDims) operm[d] = k++;
  for (const d of ro) operm[d] = k++;
  const l = left.permute(lperm).reshape([lroSize, loSize, sumSize]);
  const r = right.permute(rperm).reshape([lroSize, sumSize, roSize]);
  let result = bmm(l, r).view(outSize).permute(operm);
  if (!keepdim) {
    const sizes = result._shape.slice();
    for (let i = dim - 1; i >= 0; i--) if (isSum[i]) sizes.splice(i, 1);
    result = result.view(sizes);
  }
  return result;
}

// ---- kron ------------------------------------------------------------------------------------------

/**
 * at::_unsafe_view: view_impl's strides (and its error when the layout allows no view), recorded as
 * UnsafeViewBackward0 rather than as a view.
 */
function unsafeViewAny(x: Tensor, shape: number[]): Tensor {
  const strides = viewStrides(x._shape, x._strides, shape);
  if (strides === null)
    throw new RuntimeError(
      "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
    );
  const src = x;
  const out = new Tensor(src._data, shape, strides, src._offset, src.dtype);
  if (shouldRecordAll([src])) {
    const inShape = src._shape.slice();
    record("UnsafeViewBackward0", [src], out, [], (_ctx, [g]) => [g.reshape(inShape)]);
  }
  return out;
}

/** torch.kron(input, other): the Kronecker product. */
export function kron(a: Tensor, b: Tensor): Tensor {
  const maxdim = Math.max(a.ndim, b.ndim);
  const padA = maxdim - a.ndim;
  const padB = maxdim - b.ndim;
  const aShape: number[] = [];
  const bShape: number[] = [];
  const resShape: number[] = [];
  for (let i = 0; i < maxdim; i++) {
    const sa = i >= padA ? a._shape[i - padA] : 1;
    const sb = i >= padB ? b._shape[i - padB] : 1;
    aShape.push(sa, 1);
    bShape.push(1, sb);
    resShape.push(sa * sb);
  }
  return unsafeViewAny(mul(unsafeViewAny(a, aShape), unsafeViewAny(b, bShape)), resShape);
}

// ---- addmm, addmv, baddbmm -------------------------------------------------------------------------

const TYPE_NAMES: Record<string, string> = { float32: "Float", float64: "Double", int64: "Long", int32: "Int", bool: "Bool" };

function scales(opts: ScaleOptions | undefined): [number, number] {
  return [opts?.beta ?? 1, opts?.alpha ?? 1];
}

/** expand_size(self, sizes) as addmm/baddbmm use it (expand's message). */
function expandTo(self: Tensor, sizes: number[]): Tensor {
  return expand(self, sizes);
}

/**
 * How the reference gemm that addmm_impl_cpu_ calls computes each entry: "dot" (gemm 'T' on its first
 * operand): a running dot product, then alpha·dot + beta·c; "accM1" / "accM2" (gemm 'N'): the
 * products (alpha·m1[i][l])·m2[l][j] (or (alpha·m2[l][j])·m1[i][l]) added one by one into beta·c.
 */
type GemmForm = "dot" | "accM1" | "accM2";

/**
 * addmm_impl_cpu_'s choice for a contiguous rows×cols result: it computes Cᵀ = m2ᵀ·m1ᵀ (m2 becomes
 * gemm's first operand) unless the result is a single column; the first operand is transposed when
 * it lies column-major for that orientation, copied row-major (transposed) when it is neither.
 */
function gemmForm(m1: Tensor, m2: Tensor, rows: number, inner: number, cols: number): GemmForm {
  const transposeC = cols !== 1;
  const a = transposeC ? m2 : m1;
  const s0 = a._strides[a.ndim - 2];
  const s1 = a._strides[a.ndim - 1];
  // rows of gemm's C: cols when transposed, else rows; the first operand is that many × inner
  const m = transposeC ? cols : rows;
  const [sm, sk] = transposeC ? [s1, s0] : [s0, s1]; // strides along gemm's m and k
  let transA: boolean;
  if (sm === 1 && sk >= Math.max(1, m)) transA = false;
  else if (sk === 1 && sm >= Math.max(1, inner)) transA = true;
  else transA = !transposeC;
  if (transA) return "dot";
  return transposeC ? "accM1" : "accM2";
}

/** out (rows×cols) = beta·self + alpha·(m1 @ m2), entry by entry in `form`'s order (float32 rounds every step). */
function gemmInto(
  out: Float32Array | Float64Array, oOff: number, self: K.StridedView | null, selfOff: number, selfRS: number, selfCS: number,
  m1: Tensor, m1Off: number, m2: Tensor, m2Off: number, rows: number, inner: number, cols: number, beta: number, alpha: number, form: GemmForm,
): void {
  const f32 = out instanceof Float32Array;
  const r = f32 ? Math.fround : (v: number) => v;
  // the scalars are converted to the working precision first (Scalar::to<float>)
  beta = r(beta);
  alpha = r(alpha);
  const a = m1._data;
  const b = m2._data;
  const [ar, ac] = [m1._strides[m1.ndim - 2], m1._strides[m1.ndim - 1]];
  const [br, bc] = [m2._strides[m2.ndim - 2], m2._strides[m2.ndim - 1]];
  const sd = self ? self._data : null;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const sv = sd ? sd[selfOff + i * selfRS + j * selfCS] : 0;
      if (form === "dot") {
        let t = 0;
        for (let l = 0; l < inner; l++) t = r(t + r(a[m1Off + i * ar + l * ac] * b[m2Off + l * br + j * bc]));
        out[oOff + i * cols + j] = beta === 0 ? r(alpha * t) : r(r(alpha * t) + r(beta * sv));
      } else {
        let c = beta === 0 ? 0 : beta === 1 ? sv : r(beta * sv);
        if (alpha !== 0)
          for (let l = 0; l < inner; l++) {
            const x = a[m1Off + i * ar + l * ac];
            const y = b[m2Off + l * br + j * bc];
            c = form === "accM1" ? r(c + r(r(alpha * x) * y)) : r(c + r(r(alpha * y) * x));
          }
        out[oOff + i * cols + j] = c;
      }
    }
  }
}

function sameDtypes(name: string, self: Tensor, m1: Tensor, m2: Tensor): void {
  if (self.dtype !== m2.dtype)
    throw new RuntimeError(`self and mat2 must have the same dtype, but got ${TYPE_NAMES[self.dtype.name]} and ${TYPE_NAMES[m2.dtype.name]}`);
  if (m1.dtype !== m2.dtype)
    throw new RuntimeError(`${name} and mat2 must have the same dtype, but got ${TYPE_NAMES[m1.dtype.name]} and ${TYPE_NAMES[m2.dtype.name]}`);
}

function noBool(dtype: DType, kernel: string): void {
  if (dtype.name === "bool") throw new RuntimeError(`"${kernel}" not implemented for 'Bool'`);
}

/** torch.addmm(input, mat1, mat2, *, beta=1, alpha=1) = beta·input + alpha·(mat1 @ mat2) */
export function addmm(self: Tensor, mat1: Tensor, mat2: Tensor, opts?: ScaleOptions): Tensor {
  const [beta, alpha] = scales(opts);
  sameDtypes("mat1", self, mat1, mat2);
  if (mat1.ndim !== 2) throw new RuntimeError(`mat1 must be a matrix, got ${mat1.ndim}-D tensor`);
  if (mat2.ndim !== 2) throw new RuntimeError(`mat2 must be a matrix, got ${mat2.ndim}-D tensor`);
  const [m, k] = mat1._shape;
  const [k2, n] = mat2._shape;
  if (k !== k2) throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${m}x${k} and ${k2}x${n})`);
  const s = expandTo(self, [m, n]);
  noBool(mat1.dtype, "addmm_impl_cpu_");
  const dtype = mat1.dtype;
  const out = dtype.alloc(m * n) as Float32Array | Float64Array;
  gemmInto(out, 0, s, s._offset, s._strides[0], s._strides[1], mat1, mat1._offset, mat2, mat2._offset, m, k, n, beta, alpha, gemmForm(mat1, mat2, m, k, n));
  const res = new Tensor(out, [m, n], undefined, 0, dtype);
  if (shouldRecordAll([self, mat1, mat2]))
    record("AddmmBackward0", [self, mat1, mat2], res, [mat2.requiresGrad ? mat1 : null, mat1.requiresGrad ? mat2 : null], (ctx, [g]) => [
      ctx.needs(0) ? (beta === 1 ? g : g.mul(beta)) : null,
      ctx.needs(1) ? scaled(g.mm(ctx.saved(1).t()), alpha) : null,
      ctx.needs(2) ? scaled(ctx.saved(0).t().mm(g), alpha) : null,
    ]);
  return res;
}

function scaled(t: Tensor, s: number): Tensor {
  return s === 1 ? t : t.mul(s);
}

/** torch.addmv(input, mat, vec, *, beta=1, alpha=1) = beta·input + alpha·(mat @ vec) */
export function addmv(self: Tensor, mat: Tensor, vec: Tensor, opts?: ScaleOptions): Tensor {
  const [beta, alpha] = scales(opts);
  if (!(mat.ndim === 2 && vec.ndim === 1 && self.ndim <= 1))
    throw new RuntimeError(`vector + matrix @ vector expected, got ${self.ndim}, ${mat.ndim}, ${vec.ndim}`);
  const [m, k] = mat._shape;
  if (!(k === vec._shape[0] && (m === self.numel() || self.numel() === 1)))
    throw new RuntimeError(`size mismatch, got input (${self.ndim === 0 ? 1 : self._shape[0]}), mat (${m}x${k}), vec (${vec._shape[0]})`);
  if (self.dtype !== mat.dtype || mat.dtype !== vec.dtype)
    throw new RuntimeError(`expected scalar type ${TYPE_NAMES[mat.dtype.name]} but found ${TYPE_NAMES[(self.dtype !== mat.dtype ? self : vec).dtype.name]}`);
  noBool(mat.dtype, "addmv_impl_cpu");
  const s = expandTo(self, [m]);
  const dtype = mat.dtype;
  const out = dtype.alloc(m) as Float32Array | Float64Array;
  // gemv 't' on a row-major mat: dot products then beta·y + alpha·dot; gemv 'n' on a column-major one
  // accumulates into beta·y
  // addmv_out_cpu: gemv 'n' when mat.stride(0) == 1 (and lda fits), else 't' (on a contiguous copy if need be)
  const colMajorMat = mat._strides[0] === 1 && (k === 1 || mat._strides[1] >= Math.max(1, m));
  const col = new Tensor(vec._data, [k, 1], [vec._strides[0], 1], vec._offset, vec.dtype);
  gemvInto(out, s, mat, col, m, k, beta, alpha, !colMajorMat);
  const res = new Tensor(out, [m], undefined, 0, dtype);
  if (shouldRecordAll([self, mat, vec]))
    record("AddmvBackward0", [self, mat, vec], res, [vec.requiresGrad ? mat : null, mat.requiresGrad ? vec : null], (ctx, [g]) => [
      ctx.needs(0) ? (beta === 1 ? g : g.mul(beta)) : null,
      ctx.needs(1) ? scaled(g.outer(ctx.saved(1)), alpha) : null,
      ctx.needs(2) ? scaled(ctx.saved(0).t().mv(g), alpha) : null,
    ]);
  return res;
}

/** Reference sgemv: 'T' form y = beta·y + alpha·dot (beta applied first); 'N' form y += alpha·x_j·a_j. */
function gemvInto(out: Float32Array | Float64Array, self: Tensor, mat: Tensor, col: Tensor, m: number, k: number, beta: number, alpha: number, dotForm: boolean): void {
  const r = out instanceof Float32Array ? Math.fround : (v: number) => v;
  beta = r(beta);
  alpha = r(alpha);
  const a = mat._data;
  const [ar, ac] = mat._strides;
  const x = col._data;
  const xs = col._strides[0];
  for (let i = 0; i < m; i++) {
    const sv = self._data[self._offset + i * (self.ndim === 0 ? 0 : self._strides[0])];
    let y = beta === 0 ? 0 : beta === 1 ? sv : r(beta * sv);
    if (dotForm) {
      let t = 0;
      for (let l = 0; l < k; l++) t = r(t + r(a[mat._offset + i * ar + l * ac] * x[col._offset + l * xs]));
      y = r(y + r(alpha * t));
    } else {
      for (let l = 0; l < k; l++) {
        const t = alpha === 1 ? x[col._offset + l * xs] : r(alpha * x[col._offset + l * xs]);
        y = r(y + r(t * a[mat._offset + i * ar + l * ac]));
      }
    }
    out[i] = y;
  }
}

/** torch.baddbmm(input, batch1, batch2, *, beta=1, alpha=1) = beta·input + alpha·(batch1 @ batch2) */
export function baddbmm(self: Tensor, batch1: Tensor, batch2: Tensor, opts?: ScaleOptions): Tensor {
  const [beta, alpha] = scales(opts);
  const size = (t: Tensor, d: number) => t._shape[wrapDim(d, t.ndim)];
  const s = expandTo(self, [size(batch1, 0), size(batch1, 1), size(batch2, 2)]);
  if (self.dtype !== batch1.dtype)
    throw new RuntimeError(`Input dtypes must be the same, got: input ${self.dtype}, batch1: ${batch1.dtype}, batch2: ${batch2.dtype}`);
  if (batch1.ndim !== 3) throw new RuntimeError("batch1 must be a 3D tensor");
  if (batch2.ndim !== 3) throw new RuntimeError("batch2 must be a 3D tensor");
  const [bs, rows, inner] = batch1._shape;
  const cols = batch2._shape[2];
  if (batch2._shape[0] !== bs || batch2._shape[1] !== inner)
    throw new RuntimeError(
      `Expected size for first two dimensions of batch2 tensor to be: [${bs}, ${inner}] but got: [${batch2._shape[0]}, ${batch2._shape[1]}].`,
    );
  if (batch1.dtype !== batch2.dtype)
    throw new RuntimeError(`expected scalar type ${TYPE_NAMES[batch1.dtype.name]} but found ${TYPE_NAMES[batch2.dtype.name]}`);
  noBool(batch1.dtype, "baddbmm_cpu");
  const dtype = batch1.dtype;
  const out = dtype.alloc(bs * rows * cols) as Float32Array | Float64Array;
  const r = dtype === float32 ? Math.fround : (v: number) => v;
  if (inner * rows * cols < 400) {
    // ATen's baddbmm_cpu_kernel (2.x): a running dot product, then self·beta + alpha·dot (1.13's kernel
    // added alpha·a·b into self·beta one product at a time: the values differ in the last bits)
    const [rb, ra] = [r(beta), r(alpha)];
    const [a0, a1, a2] = batch1._strides;
    const [b0, b1, b2] = batch2._strides;
    const [s0, s1, s2] = s._strides;
    for (let t = 0; t < bs; t++)
      for (let i = 0; i < rows; i++)
        for (let j = 0; j < cols; j++) {
          let acc = 0;
          for (let l = 0; l < inner; l++)
            acc = r(acc + r(batch1._data[batch1._offset + t * a0 + i * a1 + l * a2] * batch2._data[batch2._offset + t * b0 + l * b1 + j * b2]));
          const sv = s._data[s._offset + t * s0 + i * s1 + j * s2];
          out[(t * rows + i) * cols + j] = rb === 0 ? r(ra * acc) : r(r(sv * rb) + r(ra * acc));
        }
  } else {
    // per batch addmm_ on the result (gemm)
    for (let t = 0; t < bs; t++)
      gemmInto(
        out, t * rows * cols, s, s._offset + t * s._strides[0], s._strides[1], s._strides[2],
        batch1, batch1._offset + t * batch1._strides[0], batch2, batch2._offset + t * batch2._strides[0],
        rows, inner, cols, beta, alpha, gemmForm(batch1, batch2, rows, inner, cols),
      );
  }
  const res = new Tensor(out, [bs, rows, cols], undefined, 0, dtype);
  if (shouldRecordAll([self, batch1, batch2]))
    record("BaddbmmBackward0", [self, batch1, batch2], res, [batch2.requiresGrad ? batch1 : null, batch1.requiresGrad ? batch2 : null], (ctx, [g]) => [
      ctx.needs(0) ? (beta === 1 ? g : g.mul(beta)) : null,
      ctx.needs(1) ? scaled(bmm(g, ctx.saved(1).transpose(1, 2)), alpha) : null,
      ctx.needs(2) ? scaled(bmm(ctx.saved(0).transpose(1, 2), g), alpha) : null,
    ]);
  return res;
}

// ---- determinants and inverses at torch level -------------------------------------------------------

/** torch.det (= torch.linalg.det) */
export const det = (A: Tensor): Tensor => LA.det(A);
/** torch.slogdet (= torch.linalg.slogdet) */
export const slogdet = (A: Tensor): ReturnType<typeof LA.slogdet> => LA.slogdet(A);
/** torch.inverse (= torch.linalg.inv) */
export const inverse = (A: Tensor): Tensor => LA.inv(A);

/** torch.logdet: log(det(A)), NaN for a negative determinant (WhereBackward0). */
export function logdet(A: Tensor): Tensor {
  LA_checkSquare(A, "logdet");
  const [sign, logabsdet] = LA.slogdet(A);
  return where(sign.eq(-1), NaN, logabsdet);
}

function LA_checkSquare(A: Tensor, fname: string): void {
  if (A.ndim < 2) throw new RuntimeError(`${fname}: The input tensor A must have at least 2 dimensions.`);
  const m = A._shape[A.ndim - 2];
  const n = A._shape[A.ndim - 1];
  if (m !== n) throw new RuntimeError(`${fname}: A must be batches of square matrices, but they are ${m} by ${n} matrices`);
  if (!A.dtype.isFloatingPoint)
    throw new RuntimeError(`${fname}: Expected a floating point or complex tensor as input. Got ${TYPE_NAMES[A.dtype.name]}`);
}

installMethods({
  bmm(this: Tensor, other: Tensor) {
    return bmm(this, other);
  },
  addmm(this: Tensor, mat1: Tensor, mat2: Tensor, opts?: ScaleOptions) {
    return addmm(this, mat1, mat2, opts);
  },
  addmv(this: Tensor, mat: Tensor, vec: Tensor, opts?: ScaleOptions) {
    return addmv(this, mat, vec, opts);
  },
  baddbmm(this: Tensor, batch1: Tensor, batch2: Tensor, opts?: ScaleOptions) {
    return baddbmm(this, batch1, batch2, opts);
  },
  kron(this: Tensor, other: Tensor) {
    return kron(this, other);
  },
  det(this: Tensor) {
    return LA.det(this);
  },
  logdet(this: Tensor) {
    return logdet(this);
  },
  slogdet(this: Tensor) {
    return LA.slogdet(this);
  },
  inverse(this: Tensor) {
    return LA.inv(this);
  },
});





