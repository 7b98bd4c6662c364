// WebAssembly kernels on the worker pool (src/backend/threads.ts). The shared build's memory holds the
// operands (resident tensors, or the calling thread's temporaries), so every thread runs the kernels
// on the same addresses with an instance of the same build (thread_kernels_wasm.ts) and nothing is
// copied per thread. Products are split by output rows (or whole matrices of a batch), elementwise
// kernels by elements or rows: the result does not depend on the thread count. wasm.ts calls the
// splitters through the hooks set at the bottom of this file.
import * as W from "./wasm.js";
import { POOL_MEMORY_KEY, type WasmElementwiseArgs, type WasmGemmArgs } from "./thread_kernels_wasm.js";
import { getNumThreads, parallelFor, setWorkerValue, shouldParallelize } from "./threads.js";
import { sharedMemory } from "./wasm_memory.js";

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
