// The TypeScript kernels as range kernels for the worker pool (src/backend/threads.ts). Every thread
// (the caller and each worker) loads this module, so a kernel name and a scalar-function name mean the
// same code everywhere. Each kernel splits its job by output rows or output elements only, and runs
// the very cpu.ts loop on its part, so a parallel result is bit for bit the single-threaded one.
import * as K from "./cpu.js";
import * as S from "./sleef.js";
import { defineKernel } from "./threads.js";

type Fn = (...xs: number[]) => number;

/**
 * Scalar functions the elementwise kernels can run in a worker, by name: ATen's SLEEF evaluations
 * (every `vec` of sleef.ts's exported tables), Math's functions, and the four arithmetic operators
 * (the same source text as src/ops/elementwise.ts's binaryDefs kernels for alpha = 1; parallel_ts.ts
 * only uses them when that text matches).
 */
export const scalarFns = new Map<string, Fn>();
export const BINARY_FNS = {
  add: (a: number, b: number) => a + b,
  sub: (a: number, b: number) => a - b,
  mul: (a: number, b: number) => a * b,
  div: (a: number, b: number) => a / b,
};
for (const [name, f] of Object.entries(BINARY_FNS)) scalarFns.set(`op.${name}`, f);
for (const name of Object.getOwnPropertyNames(Math)) {
  const f = (Math as unknown as Record<string, unknown>)[name];
  if (typeof f === "function") scalarFns.set(`Math.${name}`, f as Fn);
}
for (const [table, value] of Object.entries(S)) {
  if (value === null || typeof value !== "object") continue;
  if (typeof (value as { vec?: unknown }).vec === "function") scalarFns.set(`S.${table}.vec`, (value as { vec: Fn }).vec);
  for (const [op, k] of Object.entries(value as Record<string, unknown>))
    if (k !== null && typeof k === "object" && typeof (k as { vec?: unknown }).vec === "function") scalarFns.set(`S.${table}.${op}.vec`, (k as { vec: Fn }).vec);
}

type Data = Float32Array | Float64Array | Int32Array | Uint8Array;

export interface MatmulArgs {
  a: Data; aOff: number; asr: number; asc: number; aBS: number;
  b: Data; bOff: number; bsr: number; bsc: number; bBS: number;
  out: Data; m: number; k: number; n: number;
}

/** Rows [r0, r1) of the batch × m output rows of K.matmul. */
defineKernel<MatmulArgs>("ts.matmul", (p, r0, r1) => {
  for (let r = r0; r < r1; ) {
    const t = Math.floor(r / p.m);
    const i0 = r - t * p.m;
    const i1 = Math.min(p.m, i0 + (r1 - r));
    K.matmul(
      { _data: p.a, _shape: [i1 - i0, p.k], _strides: [p.asr, p.asc], _offset: p.aOff + t * p.aBS + i0 * p.asr },
      { _data: p.b, _shape: [p.k, p.n], _strides: [p.bsr, p.bsc], _offset: p.bOff + t * p.bBS },
      p.out.subarray((t * p.m + i0) * p.n, (t * p.m + i1) * p.n), 1, i1 - i0, p.k, p.n, 0, 0,
    );
    r += i1 - i0;
  }
});

/** An operand walked as rows of its first dimension: strides of the whole shape, offset of row 0. */
export interface UnaryArgs { fn: string; out: Data; rowLen: number; x: Data; shape: number[]; strides: number[]; off: number }

/** Rows [r0, r1) (of shape[0]) of K.unary; the output is contiguous, rowLen elements a row. */
defineKernel<UnaryArgs>("ts.unary", (p, r0, r1) => {
  const f = scalarFns.get(p.fn)!;
  const shape = p.shape.slice();
  shape[0] = r1 - r0;
  K.unary(f, p.out.subarray(r0 * p.rowLen, r1 * p.rowLen), { _data: p.x, _shape: shape, _strides: p.strides, _offset: p.off + r0 * p.strides[0] });
});

export interface BinaryArgs { fn: string; out: Data; rowLen: number; shape: number[]; a: Data; sa: number[]; oa: number; b: Data; sb: number[]; ob: number }

/** Rows [r0, r1) (of shape[0]) of K.binary. */
defineKernel<BinaryArgs>("ts.binary", (p, r0, r1) => {
  const f = scalarFns.get(p.fn)!;
  const shape = p.shape.slice();
  shape[0] = r1 - r0;
  K.binary(f, p.out.subarray(r0 * p.rowLen, r1 * p.rowLen), shape, p.a, p.sa, p.oa + r0 * p.sa[0], p.b, p.sb, p.ob + r0 * p.sb[0]);
});

export interface SumRowsArgs { x: Float32Array | Float64Array; off: number; cols: number; out: Float32Array | Float64Array }

/** Sums of rows [r0, r1) of a contiguous rows × cols block: K.sum over the last dim, row by row unchanged. */
defineKernel<SumRowsArgs>("ts.sumRows", (p, r0, r1) => {
  const out = p.out.subarray(r0, r1).fill(0);
  K.sum({ _data: p.x, _shape: [r1 - r0, p.cols], _strides: [p.cols, 1], _offset: p.off + r0 * p.cols }, [1], false, out);
});
