// The backend registry: which kernels the ops run. "cpu" is the TypeScript kernels of cpu.ts (PyTorch's
// own summation and product orders, bit for bit); "wasm" runs the WebAssembly SIMD kernels of wasm.ts
// for float32/float64 operands from a size on (below it the copies in and out cost more than the
// kernel saves, and the TypeScript kernels run). The ops call the narrow interface at the bottom of
// this file; each function either runs a kernel of the active backend or falls back to cpu.ts.
//
// The default is the fastest the engine offers: "wasm" where it has WebAssembly SIMD, else "cpu" (see
// defaultBackend; setBackend("cpu") or TENSORGRAD_BACKEND=cpu for PyTorch's bits everywhere). Small
// tensors stay on the TypeScript kernels at the default thresholds, so small programs print the same.
//
// What the wasm kernels give:
// - matmul, sum and mean: the same numbers as cpu.ts, bit for bit (same order), except that where the
//   engine has relaxed SIMD the products use its fused multiply-add (f32x4.relaxed_madd) by default,
//   and are then within float rounding; setBackend("wasm", { fused: false }) keeps the plain
//   build everywhere (Node.js 20 has no relaxed SIMD without a flag, so there it is always plain);
// - add/sub/mul/div (alpha 1), neg, relu, abs, sqrt, max()/min() of all elements: exact, as everywhere;
// - exp, log, tanh, sigmoid, softmax, log_softmax: within a few ulp of PyTorch's (float32 by four-lane
//   polynomials, float64 by AssemblyScript's libm), not bit-identical to the SLEEF routines cpu.ts replays.
import * as K from "./cpu.js";
import type { Storage, StridedView } from "./cpu.js";
import * as W from "./wasm.js";
import "./parallel_wasm.js"; // the worker-thread splitters of the wasm kernels (hooks into wasm.ts)
import { allocResident, freeResident, isResidentStorage, sharedMemory } from "./wasm_memory.js";
import { residentStorage } from "../tensor/resident_hooks.js";

export type BackendName = "cpu" | "wasm";
type FloatStorage = Float32Array | Float64Array;

/** Sizes from which the wasm backend runs its kernels (elements; for matmul, m·k·n multiply-adds). */
export interface Thresholds {
  matmul: number;
  elementwise: number;
  /** exp, log, tanh, sigmoid: cheaper to hand over than the arithmetic ops */
  transcendental: number;
  reduce: number;
  softmax: number;
}

// Measured single-threaded on Node.js 20 (bench/wasm_kernels.ts): a wasm call costs about 1 µs of
// copying and crossing; the TypeScript kernels take that long for ~1000 additions, ~40 exps, ~60 sums.
export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze({
  matmul: 1024,
  elementwise: 1024,
  transcendental: 32,
  reduce: 64,
  softmax: 64,
});
const ALWAYS: Readonly<Thresholds> = Object.freeze({ matmul: 0, elementwise: 0, transcendental: 0, reduce: 0, softmax: 0 });

export interface BackendOptions {
  /** "always": run the wasm kernels at every size (the tests use it); else overrides of DEFAULT_THRESHOLDS */
  thresholds?: Partial<Thresholds> | "always";
  /**
   * use the relaxed-SIMD build (fused multiply-add) where the engine supports it (the default: faster,
   * within float rounding of the plain build); false: the plain build, bit-identical to cpu.ts's products
   */
  fused?: boolean;
}

let thresholds: Thresholds = { ...DEFAULT_THRESHOLDS };
/** setBackend has been called (or TENSORGRAD_BACKEND set): the default no longer switches by itself */
let chosen = false;
let current: BackendName = defaultBackend();
placeStorage(current);

/**
 * The wasm backend places large float storage in its memory, where its kernels need no copies, when
 * the engine can share memory (then the module loaded is the shared build: wasm.ts).
 */
function placeStorage(name: BackendName): void {
  const resident = name === "wasm" && sharedMemory() !== null;
  residentStorage.alloc = resident ? allocResident : null;
  // Tensor.dispose() may free resident storage early (storage stays resident after a switch to "cpu")
  if (resident) {
    residentStorage.isResident = isResidentStorage;
    residentStorage.free = freeResident;
  }
}

function configure(name: BackendName, options: BackendOptions): void {
  const t = options.thresholds;
  thresholds = t === "always" ? { ...ALWAYS } : { ...DEFAULT_THRESHOLDS, ...(t ?? {}) };
  W.setFused(name === "wasm" && options.fused !== false);
  current = name;
  placeStorage(name);
}

function checkName(name: string): asserts name is BackendName {
  if (name !== "cpu" && name !== "wasm") throw new Error(`unknown backend "${name}" (expected "cpu" or "wasm")`);
}

/**
 * Selects the kernels the ops run: "cpu" or "wasm" (the default where the engine has SIMD); the choice
 * stays (the default no longer switches by itself). Loading the WebAssembly module is synchronous where
 * the engine allows it (Node.js, workers); where a browser's main thread refuses, it loads asynchronously
 * and the returned promise resolves once "wasm" is selected (`await setBackend("wasm")`). Throws when the
 * engine lacks WebAssembly SIMD.
 */
export function setBackend(name: BackendName, options: BackendOptions = {}): Promise<void> {
  checkName(name);
  chosen = true;
  if (name === "wasm" && !W.isLoaded(options.fused !== false)) {
    try {
      W.loadSync(options.fused !== false);
    } catch (e) {
      // a browser's main thread refuses to compile large modules synchronously: load asynchronously
      if (!(e instanceof RangeError) || !W.probeFeatures().simd) throw e;
      return W.loadAsync(options.fused !== false).then(() => configure(name, options));
    }
  }
  configure(name, options);
  return Promise.resolve();
}

/**
 * The default: "wasm" wherever the engine has WebAssembly SIMD, else "cpu"; TENSORGRAD_BACKEND=cpu|wasm
 * in the environment (Node.js) picks one as setBackend would. Where modules compile synchronously
 * (Node.js, workers) the module loads at the first kernel call that needs it (wasm.ts), not here. A
 * page's main thread may refuse that (RangeError: Chromium above 8 MB, older browsers above 4 KB): there
 * it loads asynchronously, and the ops run on "cpu" until it is ready, unless setBackend chose meanwhile.
 */
function defaultBackend(): BackendName {
  const fromEnv = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.TENSORGRAD_BACKEND;
  if (fromEnv) {
    if (fromEnv !== "cpu" && fromEnv !== "wasm") throw new Error(`unknown backend "${fromEnv}" in TENSORGRAD_BACKEND (expected "cpu" or "wasm")`);
    if (fromEnv === "wasm") W.loadSync(true); // as setBackend("wasm") does: throws without SIMD
    chosen = true;
    return fromEnv;
  }
  if (!W.probeFeatures().simd) return "cpu";
  const g = globalThis as { window?: unknown; document?: unknown };
  if (typeof g.window !== "object" || typeof g.document !== "object") return "wasm";
  // a page's main thread: compile now where the browser allows it, so that the page starts on "wasm"
  try {
    W.loadSync(true);
    return "wasm";
  } catch (e) {
    if (!(e instanceof RangeError)) return "cpu";
  }
  W.loadAsync(true).then(
    () => {
      if (!chosen) configure("wasm", {});
    },
    () => {}, // stays on "cpu"
  );
  return "cpu";
}

/** Loads a backend's code without selecting it (asynchronous compilation, as browsers want). */
export async function initBackend(name: BackendName, options: Pick<BackendOptions, "fused"> = {}): Promise<void> {
  checkName(name);
  if (name === "wasm") await W.loadAsync(options.fused !== false);
}

export function getBackend(): BackendName {
  return current;
}

export interface BackendInfo {
  name: BackendName;
  features: W.WasmFeatures;
  /** the relaxed-SIMD (fused multiply-add) build is in use */
  fused: boolean;
  thresholds: Readonly<Thresholds>;
}

export function backendInfo(): BackendInfo {
  return { name: current, features: W.probeFeatures(), fused: current === "wasm" && W.fusedActive(), thresholds: { ...thresholds } };
}

// ---- the interface the ops call ----------------------------------------------------------------------

/** Runs a wasm kernel; when its operands do not fit in the module's memory (RangeError), the fallback. */
function orElse<T>(wasm: () => T, fallback: () => T): T {
  try {
    return wasm();
  } catch (e) {
    if (e instanceof RangeError) return fallback();
    throw e;
  }
}

function isFloat(s: Storage): s is FloatStorage {
  return s instanceof Float32Array || s instanceof Float64Array;
}

/** Operand storage the wasm kernels can take for a result of this storage type. */
function sameFloat(out: FloatStorage, s: Storage): boolean {
  return s.constructor === out.constructor || (s instanceof Float64Array && s.length === 1);
}

/**
 * Batched matrix product (cpu.ts's matmul signature). `float` says the operands are float32/float64
 * tensors (int64 shares Float64Array storage and stays on the TypeScript kernels).
 */
export function matmul(
  a: StridedView, b: StridedView, out: Storage, batch: number, m: number, k: number, n: number,
  aBatchStride: number, bBatchStride: number, float: boolean,
): Storage {
  if (current === "wasm" && float && isFloat(out) && a._data.constructor === out.constructor && b._data.constructor === out.constructor && batch * m * k * n >= thresholds.matmul && batch * m * n > 0)
    // large products are split across worker threads (parallel_wasm.ts's wasmGemmParallel)
    return orElse(
      () => W.matmul(a, b, out, batch, m, k, n, aBatchStride, bBatchStride),
      () => K.matmul(a, b, out, batch, m, k, n, aBatchStride, bBatchStride),
    );
  return K.matmul(a, b, out, batch, m, k, n, aBatchStride, bBatchStride);
}

/**
 * out = a op b over operands broadcast to `shape` (cpu.ts's binary layout), float32/float64 results
 * only. False when the active backend leaves it to the caller's TypeScript kernel.
 */
export function binary(op: W.BinaryOp, out: Storage, shape: readonly number[], a: Storage, sa: readonly number[], oa: number, b: Storage, sb: readonly number[], ob: number): boolean {
  if (current !== "wasm" || !isFloat(out) || out.length < Math.max(1, thresholds.elementwise) || !sameFloat(out, a) || !sameFloat(out, b)) return false;
  return orElse(() => W.binary(op, out, shape, a, sa, oa, b, sb, ob), () => false);
}

const TRANSCENDENTAL = new Set(["exp", "log", "tanh", "sigmoid"]);

/** out = op(x) for a float32/float64 result whose values x already holds. False: left to the caller. */
export function unary(op: string, out: Storage, x: StridedView): boolean {
  if (current !== "wasm" || !isFloat(out) || !(op in W.UNARY_OPS) || x._data.constructor !== out.constructor) return false;
  if (out.length < Math.max(1, TRANSCENDENTAL.has(op) ? thresholds.transcendental : thresholds.elementwise)) return false;
  return orElse(() => (W.unary(op as W.UnaryOp, out, x), true), () => false);
}

/**
 * y += alpha · x in place over n contiguous elements of one float type (SGD's plain update). False:
 * left to the caller (whose TypeScript loop is PyTorch's fused multiply-add, bit for bit).
 */
export function axpyInPlace(alpha: number, x: Storage, xOff: number, y: Storage, yOff: number, n: number): boolean {
  if (current !== "wasm" || !isFloat(y) || x.constructor !== y.constructor || n < Math.max(1, thresholds.elementwise)) return false;
  return orElse(() => (W.axpy(alpha, x as FloatStorage, xOff, y, yOff, n), true), () => false);
}

/** torch.sum of a float32/float64 tensor over `dims` into zero-filled `out` (cpu.ts's sum). */
export function sum(x: StridedView, dims: readonly number[], keepdim: boolean, out: FloatStorage): FloatStorage {
  let n = 1;
  for (const s of x._shape) n *= s;
  if (current === "wasm" && x._data.constructor === out.constructor && n >= Math.max(1, thresholds.reduce))
    return orElse(() => W.sum(x, dims, keepdim, out), () => K.sum(x, dims, keepdim, out.fill(0)));
  return K.sum(x, dims, keepdim, out);
}

/** max/min of every element of a contiguous float32/float64 tensor, or null: left to the caller. */
export function extremumAll(kind: "max" | "min", x: StridedView): number | null {
  const d = x._data;
  let n = 1;
  for (const s of x._shape) n *= s;
  if (current !== "wasm" || !isFloat(d) || n < Math.max(1, thresholds.reduce) || !K.isContiguous(x._shape, x._strides)) return null;
  return orElse(() => W.extremum(kind, d, x._offset, n), () => null);
}

/**
 * softmax / log_softmax of `rows` contiguous rows of `cols` values of `x` (from `offset`) into out.
 * False: left to the caller.
 */
export function softmaxLastDim(x: Storage, offset: number, rows: number, cols: number, log: boolean, out: Storage): boolean {
  if (current !== "wasm" || !isFloat(out) || x.constructor !== out.constructor || rows * cols < Math.max(1, thresholds.softmax)) return false;
  return orElse(() => (W.softmaxLastDim(x as FloatStorage, offset, rows, cols, log, out), true), () => false);
}

