// The WebAssembly kernels of tensorgrad's "wasm" backend (src/backend/wasm.ts loads them).
// scripts/build-wasm.mjs builds this four times: plain SIMD and relaxed SIMD (fused multiply-add), each
// with its own memory and importing a shared one (no kernel writes static data; see scratch.ts).
export { gemmF32, gemmF64, workBytes } from "./matmul";
export { axpyF32, axpyF64, binaryF32, binaryF64, unaryF32, unaryF64 } from "./elementwise";
export { innerSumF32, innerSumF64, outerSumF32, outerSumF64, maxF32, maxF64, minF32, minF64 } from "./reduce";
export { softmaxF32, softmaxF64 } from "./softmax";
export { scratchBytes, setScratch } from "./scratch";

/** Where the host may start placing operands (after the static data). */
export function heapBase(): usize {
  return (__heap_base + 63) & ~63;
}

/** Whether this build fuses multiply-adds (relaxed SIMD). */
export function fused(): bool {
  return ASC_FEATURE_RELAXED_SIMD;
}
