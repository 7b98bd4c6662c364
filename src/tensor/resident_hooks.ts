// How Tensor.dispose() reaches the wasm backend's storage pool (src/backend/wasm_memory.ts) without
// tensor.ts importing the backends: the backend registry fills these in. A module with no imports, so
// that it is initialized before anything in an import cycle reads it.
import type { Storage } from "./dtype.js";

export const residentStorage: { isResident: ((s: Storage) => boolean) | null; free: ((s: Storage) => void) | null } = { isResident: null, free: null };
