// The WebAssembly kernels as range kernels for the worker pool (src/backend/threads.ts), loaded by
// the caller (through parallel_wasm.ts) and by every worker (worker_entry.ts). Every thread runs an
// instance of the shared build on the owner thread's memory (wasm_memory.ts), at addresses the job
// gives, so nothing is copied per thread.
import * as W from "./wasm.js";
import { defineKernel, defineWarmup, isPoolWorker, workerValue } from "./threads.js";
import { sharedMemory } from "./wasm_memory.js";

/** The memory the tensors live in: the owner thread's pool (sent to each worker once: parallel_wasm.ts). */
export const POOL_MEMORY_KEY = "wasm.memory";
function poolMemory(): WebAssembly.Memory {
  const m = isPoolWorker ? workerValue(POOL_MEMORY_KEY) : sharedMemory();
  if (!m) throw new Error("tensorgrad wasm: no shared memory on this thread");
  return m as WebAssembly.Memory;
}

// A worker compiles the shared build the default runs (relaxed SIMD where the engine has it) when it
// starts, not in its first chunk; it instantiates it on the owner's memory at its first job.
defineWarmup(() => {
  if (W.probeFeatures().simd) W.compileShared(W.probeFeatures().relaxedSimd);
});

/** An elementwise job on the shared memory (parallel_wasm.ts): items are elements (unary) or rows. */
export interface WasmElementwiseArgs {
  fused: boolean;
  f32: boolean;
  /** "unary": out[i] = op(x[i]) over n contiguous elements; "binary": the 2-D layout of wasm.ts's binary */
  kind: "unary" | "binary";
  op: number;
  x: number; out: number;
  rows: number; cols: number; sa0: number; sa1: number; sb0: number; sb1: number; b: number;
}

defineKernel<WasmElementwiseArgs>("wasm.elementwise", (p, i0, i1) => {
  // (no setScratch: these kernels use none; a sum on such an instance would trap)
  const ex = W.kernelsOn(poolMemory(), p.fused);
  const S = p.f32 ? 4 : 8;
  if (p.kind === "unary") {
    (p.f32 ? ex.unaryF32 : ex.unaryF64)(p.op, i1 - i0, p.x + i0 * S, p.out + i0 * S);
    return;
  }
  if (p.rows === 1) {
    // one row: items are its elements
    (p.f32 ? ex.binaryF32 : ex.binaryF64)(p.op, 1, i1 - i0, p.x + i0 * p.sa1 * S, 0, p.sa1, p.b + i0 * p.sb1 * S, 0, p.sb1, p.out + i0 * S);
    return;
  }
  // rows [i0, i1) of the broadcast layout (x is operand a)
  (p.f32 ? ex.binaryF32 : ex.binaryF64)(p.op, i1 - i0, p.cols, p.x + i0 * p.sa0 * S, p.sa0, p.sa1, p.b + i0 * p.sb0 * S, p.sb0, p.sb1, p.out + i0 * p.cols * S);
});

/** A product on the shared memory (parallel_wasm.ts): items are rows m0 + i, or whole matrices of the batch. */
export interface WasmGemmArgs extends W.GemmJob {
  fused: boolean;
  byBatch: boolean;
  /** the packing buffer of chunk c at work + c · workBytes */
  work: number; workBytes: number; chunk: number;
}

defineKernel<WasmGemmArgs>("wasm.gemm", (p, i0, i1) => {
  const ex = W.kernelsOn(poolMemory(), p.fused);
  const gemm = p.f32 ? ex.gemmF32 : ex.gemmF64;
  const S = p.f32 ? 4 : 8;
  const work = p.work + Math.floor(i0 / p.chunk) * p.workBytes;
  if (p.byBatch)
    gemm(i1 - i0, p.m, p.n, p.k, p.A + i0 * p.sba * S, p.rsa, p.csa, p.sba, p.B + i0 * p.sbb * S, p.rsb, p.csb, p.sbb, p.C + i0 * p.scb * S, p.scb, work, p.m0, p.m1);
  else gemm(p.batch, p.m, p.n, p.k, p.A, p.rsa, p.csa, p.sba, p.B, p.rsb, p.csb, p.sbb, p.C, p.scb, work, p.m0 + i0, p.m0 + i1);
});
