// How tensor storage reaches the wasm backend's pool (src/backend/wasm_memory.ts) without src/tensor/
// importing the backends: the backend registry (src/backend/index.ts) fills these in. A module with no
// runtime imports, so that it is initialized before anything in an import cycle reads it.
import type { Storage } from "./dtype.js";

/** Storage from this many bytes on is placed in the pool (smaller tensors stay on the TypeScript kernels). */
export const RESIDENT_MIN_BYTES = 64 * 1024;
/** The fewest elements resident storage can have (RESIDENT_MIN_BYTES of float64). */
export const RESIDENT_MIN_ELEMENTS = RESIDENT_MIN_BYTES / 8;

type FloatCtor = Float32ArrayConstructor | Float64ArrayConstructor;

export const residentStorage: {
  /** large float storage in the pool (zero-filled when `zero`), or null: ordinary typed arrays; null while the backend is not "wasm" */
  alloc: ((ctor: FloatCtor, n: number, zero: boolean) => Float32Array | Float64Array | null) | null;
  /** whether storage came from the pool (Tensor.dispose frees it early) */
  isResident: ((s: Storage) => boolean) | null;
  free: ((s: Storage) => void) | null;
} = { alloc: null, isResident: null, free: null };
