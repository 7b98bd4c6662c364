// Runs the large TypeScript kernels of cpu.ts (matmul, elementwise maps, row sums) on the worker pool
// of threads.ts: cpu.ts asks these hooks first, and they split the job by output rows or elements
// only (thread_kernels.ts), so the results stay bit for bit those of one thread. Sums are split only
// across independent output rows, never inside one sum, so the exact "ts" backend keeps PyTorch's
// summation order. Loaded by src/namespace.ts (which re-exports setNumThreads/getNumThreads from here).
import { binaryDefs, kernelOf } from "../ops/elementwise.js";
import * as K from "./cpu.js";
import { BINARY_FNS, scalarFns } from "./thread_kernels.js";
import type { BinaryArgs, MatmulArgs, SumRowsArgs, UnaryArgs } from "./thread_kernels.js";
import { getNumThreads, parallelFor, parallelHooks, shouldParallelize, stage } from "./threads.js";

export { getNumThreads, setNumThreads } from "./threads.js";

// ---- thresholds -------------------------------------------------------------------------------
// Work is counted in "element operations": one multiply-add for matmul, one element times the
// function's weight for elementwise maps, one element for sums. Measured on the 2-core CI machine
// (bench/threads.ts, /tmp probes): a parallel job costs ~6 µs when the caller ends up doing it all and
// ~20 µs for a round trip through a worker; staging a non-shared operand copies it at ~30 GB/s (4 MB:
// 0.14 ms); the TS kernels run at ~0.4-1 G element operations/s. So a job must be worth a few hundred
// microseconds on one thread before a second thread can win; below these sizes everything stays on
// the calling thread. (On that machine other processes often hold a core: then two threads gain
// nothing at any size, and these thresholds keep the loss to large jobs, where it is a few percent.)

/** matmul/bmm/mv: split by output rows above this many multiply-adds (128×128×128 = 2^21). */
export const MATMUL_MIN_WORK = 1 << 21;
/** elementwise maps: split by elements above this much weighted work. */
export const ELEMENTWISE_MIN_WORK = 1 << 20;
/** row sums: split by rows above this many elements. */
export const SUM_MIN_WORK = 1 << 20;
/** the work a chunk aims at: small enough to balance two busy cores, large enough to amortize taking it */
const CHUNK_WORK = 1 << 20;

/** Relative cost per element of the scalar functions: SLEEF evaluations cost about 10 arithmetic ops. */
function weightOf(name: string): number {
  return name.startsWith("S.") ? 16 : name.startsWith("Math.") ? 4 : 1;
}

/** Items per chunk: about four chunks per thread at least, each about CHUNK_WORK. */
function chunkFor(items: number, costPerItem: number): number {
  const byThreads = Math.ceil(items / (4 * getNumThreads()));
  const byWork = Math.max(1, Math.floor(CHUNK_WORK / Math.max(1, costPerItem)));
  return Math.max(1, Math.min(byThreads, byWork));
}

// The scalar functions callers pass, by identity: SLEEF and Math functions are shared objects; the
// arithmetic kernels of elementwise.ts are their own closures, accepted when their text matches.
// Built on first use, so that loading this module never depends on elementwise.ts having run first.
let names: Map<(...xs: number[]) => number, string> | null = null;
function nameOf(f: (...xs: number[]) => number): string | undefined {
  if (names === null) {
    names = new Map();
    for (const [name, fn] of scalarFns) if (!names.has(fn)) names.set(fn, name);
    for (const [op, local] of Object.entries(BINARY_FNS)) {
      const fn = kernelOf(binaryDefs[op as keyof typeof BINARY_FNS], 1);
      if (String(fn) === String(local)) names.set(fn, `op.${op}`);
    }
  }
  return names.get(f);
}

type Data = Float32Array | Float64Array | Int32Array | Uint8Array;

parallelHooks.matmul = (a, b, out, batch, m, k, n, aBS, bBS) => {
  const rows = batch * m;
  if (rows < 2 || !shouldParallelize(rows * k * n, MATMUL_MIN_WORK)) return false;
  const na = a._strides.length;
  const nb = b._strides.length;
  const [asr, asc] = [a._strides[na - 2], a._strides[na - 1]];
  const [bsr, bsc] = [b._strides[nb - 2], b._strides[nb - 1]];
  const st = stage();
  const [ad, aOff] = st.strided(a._data as Data, a._offset, [batch, m, k], [aBS, asr, asc]);
  const [bd, bOff] = st.strided(b._data as Data, b._offset, [batch, k, n], [bBS, bsr, bsc]);
  const args: MatmulArgs = { a: ad, aOff, asr, asc, aBS, b: bd, bOff, bsr, bsc, bBS, out: st.output(out as Data), m, k, n };
  if (!st.ok) return false;
  parallelFor("ts.matmul", rows, args, { chunk: chunkFor(rows, k * n) });
  st.finish();
  return true;
};

/** How an elementwise job splits: [rows, strides per operand] with rows along the first dim, or flat. */
function splitShape(shape: readonly number[], strides: (readonly number[])[]): { shape: number[]; strides: number[][] } | null {
  const n = shape.reduce((x, y) => x * y, 1);
  // Flat: every operand contiguous in this shape, or one broadcast value.
  const flat = strides.map((s) => (K.isContiguous(shape, s) ? 1 : s.every((v) => v === 0) ? 0 : -1));
  if (flat.every((f) => f >= 0)) return { shape: [n], strides: flat.map((f) => [f]) };
  if (shape.length < 2 || shape[0] < 2) return null;
  return { shape: shape.slice(), strides: strides.map((s) => s.slice()) };
}

parallelHooks.unary = (f, out, x) => {
  const name = nameOf(f);
  const n = out.length;
  if (name === undefined || n < 2 || !shouldParallelize(n * weightOf(name), ELEMENTWISE_MIN_WORK)) return false;
  const split = splitShape(x._shape, [x._strides]);
  if (!split) return false;
  const st = stage();
  const [xd, off] = st.strided(x._data as Data, x._offset, split.shape, split.strides[0]);
  const rowLen = n / split.shape[0];
  const args: UnaryArgs = { fn: name, out: st.output(out as Data), rowLen, x: xd, shape: split.shape, strides: split.strides[0], off };
  if (!st.ok) return false;
  parallelFor("ts.unary", split.shape[0], args, { chunk: chunkFor(split.shape[0], rowLen * weightOf(name)) });
  st.finish();
  return true;
};

parallelHooks.binary = (f, out, shape, a, sa, oa, b, sb, ob) => {
  const name = nameOf(f);
  const n = out.length;
  if (name === undefined || n < 2 || !shouldParallelize(n * weightOf(name), ELEMENTWISE_MIN_WORK)) return false;
  const split = splitShape(shape, [sa, sb]);
  if (!split) return false;
  const st = stage();
  const [ad, aOff] = st.strided(a as Data, oa, split.shape, split.strides[0]);
  const [bd, bOff] = st.strided(b as Data, ob, split.shape, split.strides[1]);
  const rowLen = n / split.shape[0];
  const args: BinaryArgs = {
    fn: name, out: st.output(out as Data), rowLen, shape: split.shape, a: ad, sa: split.strides[0], oa: aOff, b: bd, sb: split.strides[1], ob: bOff,
  };
  if (!st.ok) return false;
  parallelFor("ts.binary", split.shape[0], args, { chunk: chunkFor(split.shape[0], rowLen * weightOf(name)) });
  st.finish();
  return true;
};

parallelHooks.sum = (x, dims, out) => {
  // Only a contiguous input summed over its trailing dims: independent rows, each summed exactly as
  // the whole call would (vectorized_inner_sum / scalar_inner_sum, one row at a time).
  const shape = x._shape;
  const nd = shape.length;
  const r = dims.length;
  if (r === 0 || r >= nd || !K.isContiguous(shape, x._strides)) return false;
  for (let i = 0; i < r; i++) if (dims[i] !== nd - r + i) return false;
  let rows = 1;
  for (let i = 0; i < nd - r; i++) rows *= shape[i];
  let cols = 1;
  for (let i = nd - r; i < nd; i++) cols *= shape[i];
  if (rows < 2 || cols < 2 || out.length !== rows || !shouldParallelize(rows * cols, SUM_MIN_WORK)) return false;
  const st = stage();
  const xd = st.input((x._data as Float32Array | Float64Array).subarray(x._offset, x._offset + rows * cols));
  const args: SumRowsArgs = { x: xd, off: 0, cols, out: st.output(out) };
  if (!st.ok) return false;
  parallelFor("ts.sumRows", rows, args, { chunk: chunkFor(rows, cols) });
  st.finish();
  return true;
};
