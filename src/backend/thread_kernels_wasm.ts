// The WebAssembly kernels as range kernels for the worker pool (src/backend/threads.ts), loaded by
// the caller (through parallel_wasm.ts) and by every worker (worker_entry.ts). Each thread has its own
// instance of the module and copies its part of the operands into its own linear memory
// (wasm.ts's matmulRange), so only the shared operands and result live in SharedArrayBuffers.
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

type FloatData = Float32Array | Float64Array;

export interface WasmMatmulArgs {
  a: FloatData; aOff: number; aBS: number; asr: number; asc: number;
  b: FloatData; bOff: number; bBS: number; bsr: number; bsc: number;
  out: FloatData; batch: number; m: number; k: number; n: number;
  /** the relaxed-SIMD (fused multiply-add) build, as on the calling thread: every chunk must use the same one */
  fused: boolean;
  /** items are whole matrices of the batch (else rows of every matrix) */
  byBatch: boolean;
}

/** Rows [i0, i1) of every product (or products [i0, i1) of the batch) of wasm.ts's matmul. */
defineKernel<WasmMatmulArgs>("wasm.matmul", (p, i0, i1) => {
  if (isPoolWorker) {
    if (!W.isLoaded(p.fused)) W.loadSync(p.fused);
    W.setFused(p.fused);
  }
  const { m, k, n } = p;
  if (p.byBatch) {
    W.matmulRange(
      { _data: p.a, _shape: [i1 - i0, m, k], _strides: [p.aBS, p.asr, p.asc], _offset: p.aOff + i0 * p.aBS },
      { _data: p.b, _shape: [i1 - i0, k, n], _strides: [p.bBS, p.bsr, p.bsc], _offset: p.bOff + i0 * p.bBS },
      p.out.subarray(i0 * m * n, i1 * m * n), i1 - i0, m, k, n, p.aBS, p.bBS, 0, m,
    );
  } else {
    W.matmulRange(
      { _data: p.a, _shape: [p.batch, m, k], _strides: [p.aBS, p.asr, p.asc], _offset: p.aOff },
      { _data: p.b, _shape: [p.batch, k, n], _strides: [p.bBS, p.bsr, p.bsc], _offset: p.bOff },
      p.out, p.batch, m, k, n, p.aBS, p.bBS, i0, i1,
    );
  }
});

// A worker compiles the plain SIMD build when it starts (where the engine has SIMD), not in its first chunk.
defineWarmup(() => {
  if (W.probeFeatures().simd && !W.isLoaded(false)) W.loadSync(false);
});

/** An elementwise job on resident operands (parallel_wasm.ts): items are elements (unary) or rows. */
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
