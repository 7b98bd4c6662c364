// Large WebAssembly products on the worker pool (src/backend/threads.ts): src/backend/index.ts asks
// wasmMatmulParallel() first for a product above the threaded threshold. The job is split by output
// rows (or by whole matrices of a batch), every thread running wasm.ts's matmulRange with the same
// module build, so the result does not depend on the thread count.
import * as W from "./wasm.js";
import type { StridedView } from "./cpu.js";
import type { WasmElementwiseArgs, WasmGemmArgs, WasmMatmulArgs } from "./thread_kernels_wasm.js";
import { sharedMemory } from "./wasm_memory.js";
import "./thread_kernels_wasm.js";
import { getNumThreads, parallelFor, setWorkerValue, shouldParallelize, stage } from "./threads.js";
import { POOL_MEMORY_KEY } from "./thread_kernels_wasm.js";

/**
 * Multiply-adds from which a WebAssembly product is split across threads. Measured on the 2-core
 * machine (bench/threads.ts): the single-threaded SIMD kernel runs at ~55 GFLOP/s, so 256×256×256 =
 * 2^24 takes ~0.6 ms; a job costs ~20 µs plus copies of the operands into shared memory (~30 GB/s)
 * and of all of b into each thread's linear memory. Below this the product stays on one thread.
 */
export const WASM_MATMUL_THREADS_MIN_WORK = 1 << 24;

type FloatData = Float32Array | Float64Array;
/** multiply-adds a chunk aims at at most (~20 ms at 50 GFLOP/s) */
const CHUNK_WORK = 1 << 29;

/** True when it has computed out = a · b on the pool; false leaves it to the caller. */
export function wasmMatmulParallel(
  a: StridedView, b: StridedView, out: FloatData, batch: number, m: number, k: number, n: number, aBS: number, bBS: number,
): boolean {
  const threads = getNumThreads();
  const byBatch = batch >= 2 * threads || m < 2 * threads;
  if ((byBatch ? batch : m) < 2 || !shouldParallelize(batch * m * k * n, WASM_MATMUL_THREADS_MIN_WORK)) return false;
  const na = a._strides.length;
  const nb = b._strides.length;
  const [asr, asc] = [a._strides[na - 2], a._strides[na - 1]];
  const [bsr, bsc] = [b._strides[nb - 2], b._strides[nb - 1]];
  const st = stage();
  const [ad, aOff] = st.strided(a._data as FloatData, a._offset, [batch, m, k], [aBS, asr, asc]);
  const [bd, bOff] = st.strided(b._data as FloatData, b._offset, [batch, k, n], [bBS, bsr, bsc]);
  const args: WasmMatmulArgs = {
    a: ad, aOff, aBS, asr, asc, b: bd, bOff, bBS, bsr, bsc, out: st.output(out), batch, m, k, n, fused: W.fusedActive(), byBatch,
  };
  // Few, large chunks (every chunk copies and packs all of b in its thread's memory), but not so large
  // that one takes more than ~50 ms: a chunk held far longer than the caller's is taken for a hang.
  const items = byBatch ? batch : m;
  const perItem = byBatch ? m * k * n : k * n;
  const chunk = Math.max(1, Math.min(Math.ceil(items / (2 * threads)), Math.max(64, Math.floor(CHUNK_WORK / perItem))));
  if (!st.ok) return false;
  parallelFor("wasm.matmul", items, args, { chunk });
  st.finish();
  return true;
}

/**
 * Elements from which an elementwise kernel is split across threads. A job costs tens of µs (a message
 * to each worker, its wake-up): measured with 2 threads on the 2-core machine (load ~1), float32 exp
 * took 46 -> 69 µs at 2^16, 176 -> 187 at 2^18, 705 -> 586 at 2^20, 2812 -> 1505 at 2^22; add is
 * bound by memory bandwidth (141 -> 146 µs at 2^20, 1037 -> 1011 at 2^22), mul by a scalar gains from
 * 2^22 (710 -> 438). Only the shared build splits: workers reach the operands in the pool's memory.
 */
export const WASM_ELEMENTWISE_THREADS_MIN = { transcendental: 1 << 19, arithmetic: 1 << 21 } as const;

const TRANSCENDENTAL_OPS = new Set<number>([W.UNARY_OPS.exp, W.UNARY_OPS.log, W.UNARY_OPS.tanh, W.UNARY_OPS.sigmoid]);

/**
 * out = op(x) (unary: `op` a UNARY_OPS code, x contiguous) or out = a op b over the 2-D layout
 * (binary), every address in the pool's memory (resident operands, or the caller's temporaries), on
 * the worker threads when the job is large enough. False: not taken.
 */
export function wasmElementwiseParallel(
  kind: "unary" | "binary", op: number, f32: boolean, n: number,
  x: number, out: number, layout?: { rows: number; cols: number; sa0: number; sa1: number; b: number; sb0: number; sb1: number },
): boolean {
  const heavy = kind === "unary" && TRANSCENDENTAL_OPS.has(op);
  if (!shouldParallelize(n, heavy ? WASM_ELEMENTWISE_THREADS_MIN.transcendental : WASM_ELEMENTWISE_THREADS_MIN.arithmetic)) return false;
  const memory = sharedMemory();
  if (memory === null) return false;
  const threads = getNumThreads();
  const rows = layout ? layout.rows : 1;
  const items = rows === 1 ? n : rows;
  // two chunks per thread: each costs a little, and the caller takes its share too
  let chunk = Math.ceil(items / (2 * threads));
  if (rows === 1) chunk = Math.ceil(chunk / 16) * 16; // whole vectors, so only the last chunk has a tail
  // the elementwise kernels keep nothing in memory (no scratch): any instance on the memory can run a chunk
  setWorkerValue(POOL_MEMORY_KEY, memory);
  const args: WasmElementwiseArgs = {
    fused: W.fusedActive(), f32, kind, op, x, out,
    rows, cols: layout ? layout.cols : n, sa0: layout?.sa0 ?? 0, sa1: layout?.sa1 ?? 1, b: layout?.b ?? 0, sb0: layout?.sb0 ?? 0, sb1: layout?.sb1 ?? 1,
  };
  parallelFor("wasm.elementwise", items, args, { chunk });
  return true;
}

W.setElementwiseParallel(wasmElementwiseParallel);

/**
 * Multiply-adds from which a product on the shared memory (the shared build: operands and result in the
 * pool, nothing copied per thread) is split across threads: each chunk packs its own panels of b, and a
 * job costs tens of µs. Measured on the 2-core machine (load ~1.4), float32, 1 -> 2 threads: 2^22
 * multiply-adds 162 -> 184 µs, 2^23 305 -> 261, 2^24 603 -> 397, the MLP's 128×784×256 932 -> 563.
 */
export const WASM_SHARED_MATMUL_THREADS_MIN_WORK = 1 << 23;

/** Splits a product on the shared memory across the pool (one chunk per thread). False: not taken. */
export function wasmGemmParallel(g: W.GemmJob, alloc: (bytes: number) => number, workBytes: number): boolean {
  const threads = getNumThreads();
  const rows = g.m1 - g.m0;
  const byBatch = g.batch >= 2 * threads || rows < 2 * threads;
  const items = byBatch ? g.batch : rows;
  if (items < 2 || !shouldParallelize(g.batch * rows * g.k * g.n, WASM_SHARED_MATMUL_THREADS_MIN_WORK)) return false;
  const memory = sharedMemory();
  if (memory === null) return false;
  const chunk = Math.ceil(items / threads);
  const chunks = Math.ceil(items / chunk);
  setWorkerValue(POOL_MEMORY_KEY, memory);
  const args: WasmGemmArgs = { ...g, fused: W.fusedActive(), byBatch, work: alloc(workBytes * chunks), workBytes, chunk };
  parallelFor("wasm.gemm", items, args, { chunk });
  return true;
}

W.setGemmParallel(wasmGemmParallel);
