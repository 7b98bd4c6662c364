// Elementwise kernels over f32 / f64 buffers. Binary ops take a 2-D broadcast layout: out (rows × cols,
// contiguous) = a op b with a at a + i·sa0 + j·sa1 and b likewise, where the inner strides sa1, sb1 are
// 1 (a row) or 0 (one value repeated); 1-D calls pass rows = 1. Unary ops are contiguous.
import { exp2, exp4, loadPartial4, log2x, log4, sigmoid2, sigmoid4, storePartial4, tanh2, tanh4 } from "./vmath";

// op codes, shared with src/backend/wasm.ts
const ADD = 0;
const SUB = 1;
const MUL = 2;
const DIV = 3;
const MAX = 4;
const MIN = 5;

@inline function vop<T>(op: i32, x: v128, y: v128): v128 {
  if (op == ADD) return v128.add<T>(x, y);
  if (op == SUB) return v128.sub<T>(x, y);
  if (op == MUL) return v128.mul<T>(x, y);
  if (op == DIV) return v128.div<T>(x, y);
  if (op == MAX) return v128.max<T>(x, y); // NaN-propagating, like torch.maximum
  return v128.min<T>(x, y);
}

@inline function sop<T>(op: i32, x: T, y: T): T {
  if (op == ADD) return x + y;
  if (op == SUB) return x - y;
  if (op == MUL) return x * y;
  if (op == DIV) return x / y;
  if (op == MAX) return x != x || y != y ? <T>NaN : max<T>(x, y);
  return x != x || y != y ? <T>NaN : min<T>(x, y);
}

/** One row: mode 0: a and b rows; 1: a row, b one value; 2: a one value, b row; 3: both one value. */
@inline function row<T>(op: i32, mode: i32, n: i32, a: usize, b: usize, out: usize): void {
  const S = sizeof<T>();
  const L = 16 / <i32>sizeof<T>();
  let i = 0;
  if (mode == 0) {
    for (; i + 2 * L <= n; i += 2 * L) {
      const o = <usize>i * S;
      v128.store(out + o, vop<T>(op, v128.load(a + o), v128.load(b + o)));
      v128.store(out + o, vop<T>(op, v128.load(a + o, 16), v128.load(b + o, 16)), 16);
    }
    for (; i < n; i++) store<T>(out + <usize>i * S, sop<T>(op, load<T>(a + <usize>i * S), load<T>(b + <usize>i * S)));
  } else if (mode == 1) {
    const y = v128.splat<T>(load<T>(b));
    const ys = load<T>(b);
    for (; i + 2 * L <= n; i += 2 * L) {
      const o = <usize>i * S;
      v128.store(out + o, vop<T>(op, v128.load(a + o), y));
      v128.store(out + o, vop<T>(op, v128.load(a + o, 16), y), 16);
    }
    for (; i < n; i++) store<T>(out + <usize>i * S, sop<T>(op, load<T>(a + <usize>i * S), ys));
  } else if (mode == 2) {
    const x = v128.splat<T>(load<T>(a));
    const xs = load<T>(a);
    for (; i + 2 * L <= n; i += 2 * L) {
      const o = <usize>i * S;
      v128.store(out + o, vop<T>(op, x, v128.load(b + o)));
      v128.store(out + o, vop<T>(op, x, v128.load(b + o, 16)), 16);
    }
    for (; i < n; i++) store<T>(out + <usize>i * S, sop<T>(op, xs, load<T>(b + <usize>i * S)));
  } else {
    const v = sop<T>(op, load<T>(a), load<T>(b));
    for (; i < n; i++) store<T>(out + <usize>i * S, v);
  }
}

@inline function binary2d<T>(op: i32, rows: i32, cols: i32, a: usize, sa0: i32, sa1: i32, b: usize, sb0: i32, sb1: i32, out: usize): void {
  const S = sizeof<T>();
  const mode = (sa1 == 0 ? 2 : 0) + (sb1 == 0 ? 1 : 0);
  for (let r = 0; r < rows; r++) {
    const pa = a + <usize>r * sa0 * S;
    const pb = b + <usize>r * sb0 * S;
    const po = out + <usize>r * cols * S;
    if (mode == 0) row<T>(op, 0, cols, pa, pb, po);
    else if (mode == 1) row<T>(op, 1, cols, pa, pb, po);
    else if (mode == 2) row<T>(op, 2, cols, pa, pb, po);
    else row<T>(op, 3, cols, pa, pb, po);
  }
}

function binaryT<T>(op: i32, rows: i32, cols: i32, a: usize, sa0: i32, sa1: i32, b: usize, sb0: i32, sb1: i32, out: usize): void {
  // each op its own specialised loop
  if (op == ADD) binary2d<T>(ADD, rows, cols, a, sa0, sa1, b, sb0, sb1, out);
  else if (op == SUB) binary2d<T>(SUB, rows, cols, a, sa0, sa1, b, sb0, sb1, out);
  else if (op == MUL) binary2d<T>(MUL, rows, cols, a, sa0, sa1, b, sb0, sb1, out);
  else if (op == DIV) binary2d<T>(DIV, rows, cols, a, sa0, sa1, b, sb0, sb1, out);
  else if (op == MAX) binary2d<T>(MAX, rows, cols, a, sa0, sa1, b, sb0, sb1, out);
  else binary2d<T>(MIN, rows, cols, a, sa0, sa1, b, sb0, sb1, out);
}

export function binaryF32(op: i32, rows: i32, cols: i32, a: usize, sa0: i32, sa1: i32, b: usize, sb0: i32, sb1: i32, out: usize): void {
  binaryT<f32>(op, rows, cols, a, sa0, sa1, b, sb0, sb1, out);
}

export function binaryF64(op: i32, rows: i32, cols: i32, a: usize, sa0: i32, sa1: i32, b: usize, sb0: i32, sb1: i32, out: usize): void {
  binaryT<f64>(op, rows, cols, a, sa0, sa1, b, sb0, sb1, out);
}

// y += alpha · x over n contiguous elements, in place (an optimizer's update); fused in the relaxed build
@inline function axpyT<T>(n: i32, alpha: T, x: usize, y: usize): void {
  const S = sizeof<T>();
  const L = 16 / <i32>S;
  const va = v128.splat<T>(alpha);
  let i = 0;
  for (; i + L <= n; i += L) {
    const o = <usize>i * S;
    const vx = v128.load(x + o);
    const vy = v128.load(y + o);
    v128.store(y + o, ASC_FEATURE_RELAXED_SIMD ? v128.relaxed_madd<T>(vx, va, vy) : v128.add<T>(v128.mul<T>(vx, va), vy));
  }
  for (; i < n; i++) store<T>(y + <usize>i * S, load<T>(x + <usize>i * S) * alpha + load<T>(y + <usize>i * S));
}

export function axpyF32(n: i32, alpha: f32, x: usize, y: usize): void {
  axpyT<f32>(n, alpha, x, y);
}

export function axpyF64(n: i32, alpha: f64, x: usize, y: usize): void {
  axpyT<f64>(n, alpha, x, y);
}

// unary op codes, shared with src/backend/wasm.ts
const NEG = 0;
const RELU = 1;
const EXP = 2;
const LOG = 3;
const TANH = 4;
const SIGMOID = 5;
const ABS = 6;
const SQRT = 7;

@inline function uop32(op: i32, x: v128): v128 {
  if (op == NEG) return f32x4.neg(x);
  // relu: x where x > 0 or NaN, else 0
  if (op == RELU) return v128.and(x, v128.or(f32x4.gt(x, f32x4.splat(0)), f32x4.ne(x, x)));
  if (op == EXP) return exp4(x);
  if (op == LOG) return log4(x);
  if (op == TANH) return tanh4(x);
  if (op == SIGMOID) return sigmoid4(x);
  if (op == ABS) return f32x4.abs(x);
  return f32x4.sqrt(x);
}

@inline function unaryLoop32(op: i32, n: i32, x: usize, out: usize): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(out + <usize>i * 4, uop32(op, v128.load(x + <usize>i * 4)));
  // the tail through one vector, padded with zeros
  if (i < n) storePartial4(out + <usize>i * 4, uop32(op, loadPartial4(x + <usize>i * 4, n - i, f32x4.splat(0))), n - i);
}

// One function per op: binaryen folds loops inlined side by side into one function into a single loop
// that tests op in every iteration (and spills the polynomials' constants); loops are not inlined back.
function neg32(n: i32, x: usize, out: usize): void { unaryLoop32(NEG, n, x, out); }
function relu32(n: i32, x: usize, out: usize): void { unaryLoop32(RELU, n, x, out); }
function exp32(n: i32, x: usize, out: usize): void { unaryLoop32(EXP, n, x, out); }
function log32(n: i32, x: usize, out: usize): void { unaryLoop32(LOG, n, x, out); }
function tanh32(n: i32, x: usize, out: usize): void { unaryLoop32(TANH, n, x, out); }
function sigmoid32(n: i32, x: usize, out: usize): void { unaryLoop32(SIGMOID, n, x, out); }
function abs32(n: i32, x: usize, out: usize): void { unaryLoop32(ABS, n, x, out); }
function sqrt32(n: i32, x: usize, out: usize): void { unaryLoop32(SQRT, n, x, out); }

export function unaryF32(op: i32, n: i32, x: usize, out: usize): void {
  if (op == NEG) neg32(n, x, out);
  else if (op == RELU) relu32(n, x, out);
  else if (op == EXP) exp32(n, x, out);
  else if (op == LOG) log32(n, x, out);
  else if (op == TANH) tanh32(n, x, out);
  else if (op == SIGMOID) sigmoid32(n, x, out);
  else if (op == ABS) abs32(n, x, out);
  else sqrt32(n, x, out);
}

@inline function uop64(op: i32, x: v128): v128 {
  if (op == NEG) return f64x2.neg(x);
  if (op == RELU) return v128.and(x, v128.or(f64x2.gt(x, f64x2.splat(0)), f64x2.ne(x, x)));
  if (op == EXP) return exp2(x);
  if (op == LOG) return log2x(x);
  if (op == TANH) return tanh2(x);
  if (op == SIGMOID) return sigmoid2(x);
  if (op == ABS) return f64x2.abs(x);
  return f64x2.sqrt(x);
}

@inline function unaryLoop64(op: i32, n: i32, x: usize, out: usize): void {
  let i = 0;
  for (; i + 2 <= n; i += 2) v128.store(out + <usize>i * 8, uop64(op, v128.load(x + <usize>i * 8)));
  // the last element through a vector too: the same value wherever it sits
  if (i < n) store<f64>(out + <usize>i * 8, f64x2.extract_lane(uop64(op, v128.load64_splat(x + <usize>i * 8)), 0));
}

// one function per op, as unaryF32's
function neg64(n: i32, x: usize, out: usize): void { unaryLoop64(NEG, n, x, out); }
function relu64(n: i32, x: usize, out: usize): void { unaryLoop64(RELU, n, x, out); }
function exp64(n: i32, x: usize, out: usize): void { unaryLoop64(EXP, n, x, out); }
function log64(n: i32, x: usize, out: usize): void { unaryLoop64(LOG, n, x, out); }
function tanh64(n: i32, x: usize, out: usize): void { unaryLoop64(TANH, n, x, out); }
function sigmoid64(n: i32, x: usize, out: usize): void { unaryLoop64(SIGMOID, n, x, out); }
function abs64(n: i32, x: usize, out: usize): void { unaryLoop64(ABS, n, x, out); }
function sqrt64(n: i32, x: usize, out: usize): void { unaryLoop64(SQRT, n, x, out); }

export function unaryF64(op: i32, n: i32, x: usize, out: usize): void {
  if (op == NEG) neg64(n, x, out);
  else if (op == RELU) relu64(n, x, out);
  else if (op == EXP) exp64(n, x, out);
  else if (op == LOG) log64(n, x, out);
  else if (op == TANH) tanh64(n, x, out);
  else if (op == SIGMOID) sigmoid64(n, x, out);
  else if (op == ABS) abs64(n, x, out);
  else sqrt64(n, x, out);
}
