// The WebAssembly SIMD kernels (assembly/, built by scripts/build-wasm.mjs and embedded as base64 in
// wasm_binary.ts): loading, feature probes, and the linear-memory arena operands are copied into.
//
// Where the engine can share memory, the module is the shared build: its memory is wasm_memory.ts's
// pool, large float tensors are allocated there ("resident"), and a kernel reads a resident operand and
// writes a resident result in place. Other operands are copied in (a plain memcpy for a contiguous
// operand, the covering span for a strided one) and other results copied out. Temporaries come from
// the pool (shared build) or from a bump arena reset after every call (plain build, whose memory grows
// on demand and never shrinks).
import * as K from "./cpu.js";
import type { Storage, StridedView } from "./cpu.js";
import { RELAXED_SHARED_WASM, RELAXED_WASM, SIMD_SHARED_WASM, SIMD_WASM, SOURCE_HASH } from "./wasm_binary.js";
import { addressOf, allocBlock, release, checkStaticEnd, sharedMemory } from "./wasm_memory.js";

type FloatStorage = Float32Array | Float64Array;

interface Exports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  fused(): number;
  workBytes(elemSize: number): number;
  gemmF32(batch: number, m: number, n: number, k: number, A: number, rsa: number, csa: number, sba: number, B: number, rsb: number, csb: number, sbb: number, C: number, scb: number, work: number, m0: number, m1: number): void;
  gemmF64(batch: number, m: number, n: number, k: number, A: number, rsa: number, csa: number, sba: number, B: number, rsb: number, csb: number, sbb: number, C: number, scb: number, work: number, m0: number, m1: number): void;
  binaryF32(op: number, rows: number, cols: number, a: number, sa0: number, sa1: number, b: number, sb0: number, sb1: number, out: number): void;
  binaryF64(op: number, rows: number, cols: number, a: number, sa0: number, sa1: number, b: number, sb0: number, sb1: number, out: number): void;
  axpyF32(n: number, alpha: number, x: number, y: number): void;
  axpyF64(n: number, alpha: number, x: number, y: number): void;
  unaryF32(op: number, n: number, x: number, out: number): void;
  unaryF64(op: number, n: number, x: number, out: number): void;
  innerSumF32(inp: number, is1: number, size0: number, size1: number, out: number, os1: number): void;
  innerSumF64(inp: number, is1: number, size0: number, size1: number, out: number, os1: number): void;
  outerSumF32(inp: number, is0: number, size0: number, size1: number, out: number, os1: number): void;
  outerSumF64(inp: number, is0: number, size0: number, size1: number, out: number, os1: number): void;
  maxF32(inp: number, n: number): number;
  maxF64(inp: number, n: number): number;
  minF32(inp: number, n: number): number;
  minF64(inp: number, n: number): number;
  softmaxF32(rows: number, n: number, x: number, out: number, log: number): void;
  softmaxF64(rows: number, n: number, x: number, out: number, log: number): void;
  scratchBytes(): number;
  setScratch(ptr: number): void;
}

// ---- feature probes ------------------------------------------------------------------------------

/** (func (result v128) v128.const i32x4 0 0 0 0) */
const SIMD_PROBE: Uint8Array<ArrayBuffer> = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 22, 1, 20, 0, 253, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 11,
]);
/** (func (param v128 v128 v128) (result v128) local.get 0 local.get 1 local.get 2 f32x4.relaxed_madd) */
const RELAXED_PROBE: Uint8Array<ArrayBuffer> = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 8, 1, 96, 3, 123, 123, 123, 1, 123, 3, 2, 1, 0, 10, 13, 1, 11, 0, 32, 0, 32, 1, 32, 2, 253, 133, 2, 11,
]);

export interface WasmFeatures {
  /** WebAssembly itself */
  wasm: boolean;
  /** fixed-width 128-bit SIMD: the backend needs it */
  simd: boolean;
  /** relaxed SIMD (f32x4.relaxed_madd): the fused build can load */
  relaxedSimd: boolean;
}

let features: WasmFeatures | null = null;
export function probeFeatures(): WasmFeatures {
  if (features) return features;
  const wasm = typeof WebAssembly === "object" && typeof WebAssembly.validate === "function";
  const ok = (bytes: Uint8Array<ArrayBuffer>): boolean => {
    try {
      return WebAssembly.validate(bytes);
    } catch {
      return false;
    }
  };
  features = { wasm, simd: wasm && ok(SIMD_PROBE), relaxedSimd: wasm && ok(RELAXED_PROBE) };
  return features;
}

/** The hash of the assembly/ sources the embedded modules were built from (test/wasm.test.ts checks it). */
export const WASM_SOURCE_HASH = SOURCE_HASH;

// ---- loading ---------------------------------------------------------------------------------------

function decodeBase64(s: string): Uint8Array<ArrayBuffer> {
  const g = globalThis as { Buffer?: { from(s: string, enc: string): Uint8Array } };
  if (g.Buffer) return new Uint8Array(g.Buffer.from(s, "base64"));
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const IMPORTS = {
  env: {
    abort(): never {
      throw new Error("tensorgrad wasm kernel aborted");
    },
  },
};

/** One loaded module and its temporaries. */
class Kernels {
  readonly ex: Exports;
  readonly fused: boolean;
  /** the shared build on the pool's memory: resident operands need no copies */
  readonly shared: boolean;
  private readonly base: number;
  private top: number;
  /** shared build: the pool blocks taken by the calls in progress */
  private readonly blocks: { addr: number; size: number }[] = [];
  private f32 = new Float32Array(0);
  private f64 = new Float64Array(0);

  constructor(instance: WebAssembly.Instance, shared: boolean) {
    this.ex = instance.exports as unknown as Exports;
    this.fused = this.ex.fused() !== 0;
    this.shared = shared;
    this.base = this.ex.heapBase();
    this.top = this.base;
    if (shared) checkStaticEnd(this.base);
    // this instance's scratch (the sums' accumulators), kept for good: a pool block (shared build: the
    // instances on other threads share the memory) or the arena's first block, below every mark
    const bytes = this.ex.scratchBytes();
    const block = shared ? allocBlock(bytes) : null;
    if (shared && block === null) throw new RangeError("tensorgrad wasm: no memory for the kernels' scratch");
    this.ex.setScratch(block ? block.addr : this.alloc(bytes));
    this.views();
  }

  private views(): void {
    const buf = this.ex.memory.buffer;
    if (this.f32.buffer !== buf || this.f32.length * 4 !== buf.byteLength) {
      this.f32 = new Float32Array(buf);
      this.f64 = new Float64Array(buf);
    }
  }

  /** A 64-byte aligned block of `bytes` bytes; grows the memory when needed (may throw RangeError). */
  alloc(bytes: number): number {
    if (this.shared) {
      // temporaries live only for the call, so the pool's cap does not apply to them
      const b = allocBlock(bytes);
      if (b === null) throw new RangeError("tensorgrad wasm: operands exceed 4 GiB of linear memory");
      this.blocks.push(b);
      return b.addr;
    }
    const p = (this.top + 63) & ~63;
    const end = p + bytes;
    const size = this.ex.memory.buffer.byteLength;
    if (end > size) {
      if (end > 0xffff0000) throw new RangeError("tensorgrad wasm: operands exceed 4 GiB of linear memory");
      this.ex.memory.grow(Math.ceil((end - size) / 65536));
    }
    this.top = end;
    return p;
  }

  mark(): number {
    return this.shared ? this.blocks.length : this.top;
  }
  release(mark: number): void {
    if (!this.shared) {
      this.top = mark;
      return;
    }
    while (this.blocks.length > mark) release(this.blocks.pop()!);
  }

  /** The address of element `from` of `src` when it is resident (same element type as `like`), else -1. */
  resident(like: FloatStorage, src: Storage, from: number): number {
    if (!this.shared || src.constructor !== like.constructor) return -1;
    const p = addressOf(src);
    return p < 0 ? -1 : p + from * like.BYTES_PER_ELEMENT;
  }

  /** A view of n elements at byte address p, typed like `like` (f32 or f64). Valid until the next alloc. */
  view(like: FloatStorage, p: number, n: number): FloatStorage {
    this.views();
    return like instanceof Float32Array ? this.f32.subarray(p >> 2, (p >> 2) + n) : this.f64.subarray(p >> 3, (p >> 3) + n);
  }

  /** Copies n elements of `src` from `from` into a fresh block; returns its address. */
  put(like: FloatStorage, src: Storage, from: number, n: number): number {
    const r = this.resident(like, src, from);
    if (r >= 0) return r;
    const size = like.BYTES_PER_ELEMENT;
    const p = this.alloc(n * size);
    const dst = this.view(like, p, n);
    if (n === 1) dst[0] = src[from];
    else dst.set(src.subarray(from, from + n) as Float64Array);
    return p;
  }
}

let plain: Kernels | null = null;
let relaxed: Kernels | null = null;

/** The imports for a build: the shared builds take the pool's memory. */
function importsFor(shared: boolean): WebAssembly.Imports {
  return shared ? { env: { ...IMPORTS.env, memory: sharedMemory()! } } : IMPORTS;
}

/** The build to load: the shared one where the engine can share memory. */
function pick(relaxedBuild: boolean): [string, boolean] {
  const shared = sharedMemory() !== null;
  return [relaxedBuild ? (shared ? RELAXED_SHARED_WASM : RELAXED_WASM) : shared ? SIMD_SHARED_WASM : SIMD_WASM, shared];
}

function instantiateSync(relaxedBuild: boolean): Kernels {
  const [b64, shared] = pick(relaxedBuild);
  const module = new WebAssembly.Module(decodeBase64(b64));
  return warm(new Kernels(new WebAssembly.Instance(module, importsFor(shared)), shared));
}

async function instantiateAsync(relaxedBuild: boolean): Promise<Kernels> {
  const [b64, shared] = pick(relaxedBuild);
  const { instance } = await WebAssembly.instantiate(decodeBase64(b64), importsFor(shared));
  return warm(new Kernels(instance, shared));
}

/**
 * Runs every kernel a few times on small operands: engines start a module in a baseline tier and
 * swap in optimized code between calls, so the first large product should not run in the baseline.
 */
function warm(k: Kernels): Kernels {
  const m = k.mark();
  for (const like of [new Float32Array(0), new Float64Array(0)]) {
    const f = like instanceof Float32Array;
    const S = like.BYTES_PER_ELEMENT;
    const n = 32;
    const a = k.alloc(n * n * S);
    const b = k.alloc(n * n * S);
    const c = k.alloc(n * n * S);
    const work = k.alloc(k.ex.workBytes(S));
    k.view(like, a, n * n).fill(0.5);
    k.view(like, b, n * n).fill(0.25);
    for (let r = 0; r < 3; r++) {
      (f ? k.ex.gemmF32 : k.ex.gemmF64)(1, n, n, n, a, n, 1, 0, b, n, 1, 0, c, n * n, work, 0, n);
      for (let op = 0; op < 6; op++) (f ? k.ex.binaryF32 : k.ex.binaryF64)(op, n, n, a, n, 1, b, n, 1, c);
      for (let op = 0; op < 8; op++) (f ? k.ex.unaryF32 : k.ex.unaryF64)(op, n * n, a, c);
      (f ? k.ex.innerSumF32 : k.ex.innerSumF64)(a, n, n, n, c, 1);
      (f ? k.ex.outerSumF32 : k.ex.outerSumF64)(a, n, n, n, c, 1);
      (f ? k.ex.maxF32 : k.ex.maxF64)(a, n * n);
      (f ? k.ex.softmaxF32 : k.ex.softmaxF64)(n, n, a, c, r & 1);
    }
  }
  k.release(m);
  return k;
}

function requireSimd(): void {
  const f = probeFeatures();
  if (!f.simd)
    throw new Error(
      f.wasm ? "the wasm backend needs WebAssembly SIMD, which this engine does not support" : "the wasm backend needs WebAssembly, which this engine does not provide",
    );
}

/** Loads the modules synchronously (Node.js; browsers allow it only off the main thread for modules this size). */
export function loadSync(wantRelaxed: boolean): void {
  requireSimd();
  // only the build that will run: the relaxed one where wanted and available, else the plain one
  if (wantRelaxed && probeFeatures().relaxedSimd) {
    if (!relaxed) relaxed = instantiateSync(true);
  } else if (!plain) plain = instantiateSync(false);
}

// one compile per build when asynchronous loads overlap (the default backend's and a setBackend's)
let plainLoading: Promise<Kernels> | null = null;
let relaxedLoading: Promise<Kernels> | null = null;

/** Loads the modules asynchronously (what a browser's main thread needs). */
export async function loadAsync(wantRelaxed: boolean): Promise<void> {
  requireSimd();
  if (wantRelaxed && probeFeatures().relaxedSimd) {
    if (!relaxed) relaxed = await (relaxedLoading ??= instantiateAsync(true).finally(() => (relaxedLoading = null)));
  } else if (!plain) plain = await (plainLoading ??= instantiateAsync(false).finally(() => (plainLoading = null)));
}

export function isLoaded(wantRelaxed: boolean): boolean {
  return wantRelaxed && probeFeatures().relaxedSimd ? relaxed !== null : plain !== null;
}

/** the relaxed-SIMD build where the engine has it: the default (index.ts's setBackend({ fused: false }) turns it off) */
let useFused = true;
/** Whether the products (and the f32 polynomials) use the relaxed-SIMD build's fused multiply-add. */
export function setFused(on: boolean): void {
  useFused = on;
}
export function fusedActive(): boolean {
  return useFused && relaxed !== null;
}

const sharedModules: { plain: WebAssembly.Module | null; relaxed: WebAssembly.Module | null } = { plain: null, relaxed: null };
/** Compiles the shared build (relaxed or plain) once, for instances on another thread's memory. */
export function compileShared(relaxedBuild: boolean): WebAssembly.Module {
  const which = relaxedBuild ? "relaxed" : "plain";
  return (sharedModules[which] ??= new WebAssembly.Module(decodeBase64(relaxedBuild ? RELAXED_SHARED_WASM : SIMD_SHARED_WASM)));
}

let attached: { memory: WebAssembly.Memory; plain: Exports | null; relaxed: Exports | null } | null = null;

/**
 * Kernels running on `memory`, the pool of the thread that owns the tensors (a worker gets it once:
 * threads.ts's setWorkerValue): that thread's own module there, else (a worker) an instance of the
 * shared build on it, made once. Such an instance allocates nothing: the job passes every address.
 */
export function kernelsOn(memory: WebAssembly.Memory, fusedBuild: boolean): Exports {
  if (memory === sharedMemory()) {
    const k = fusedBuild && relaxed ? relaxed : plain;
    if (k && k.shared) return k.ex;
  }
  // a pool worker serves one owner thread, whose pool is one memory for good
  if (attached === null) attached = { memory, plain: null, relaxed: null };
  const which = fusedBuild && probeFeatures().relaxedSimd ? "relaxed" : "plain";
  return (attached[which] ??= new WebAssembly.Instance(compileShared(which === "relaxed"), { env: { ...IMPORTS.env, memory: attached.memory } }).exports as unknown as Exports);
}

/** One product for gemmF32/gemmF64 (addresses in the module's memory; see matmulRange). */
export interface GemmJob {
  f32: boolean; batch: number; m: number; n: number; k: number;
  A: number; rsa: number; csa: number; sba: number; B: number; rsb: number; csb: number; sbb: number;
  C: number; scb: number; m0: number; m1: number;
}
type GemmParallel = (g: GemmJob, alloc: (bytes: number) => number, workBytes: number) => boolean;
let gemmParallel: GemmParallel | null = null;
/** parallel_wasm.ts's splitter of products on the shared memory across threads. */
export function setGemmParallel(f: GemmParallel): void {
  gemmParallel = f;
}

type ElementwiseLayout = { rows: number; cols: number; sa0: number; sa1: number; b: number; sb0: number; sb1: number };
type ElementwiseParallel = (kind: "unary" | "binary", op: number, f32: boolean, n: number, x: number, out: number, layout?: ElementwiseLayout) => boolean;
let elementwiseParallel: ElementwiseParallel | null = null;
/** parallel_wasm.ts's splitter of elementwise kernels on the shared memory across threads. */
export function setElementwiseParallel(f: ElementwiseParallel): void {
  elementwiseParallel = f;
}

function kernels(): Kernels {
  // The default backend (index.ts) compiles the build it runs here, at the first kernel call that
  // needs it, so that importing the library does not pay for it (a few ms of compiling and warming).
  if (!isLoaded(useFused)) loadSync(useFused);
  return useFused && relaxed ? relaxed : plain!;
}

function isF32(s: Storage): s is Float32Array {
  return s instanceof Float32Array;
}

// ---- operands ----------------------------------------------------------------------------------------

/**
 * Puts a strided block (dims `shape`, element strides `strides`, from `offset`) of `src` into linear
 * memory: the covering span when it is not much larger than the block (strides kept), else gathered
 * row-major. Returns [address, strides in memory].
 */
function putStrided(k: Kernels, like: FloatStorage, src: Storage, offset: number, shape: readonly number[], strides: readonly number[]): [number, number[]] {
  const r = k.resident(like, src, offset);
  if (r >= 0) return [r, strides.slice()];
  let count = 1;
  let span = 1;
  for (let i = 0; i < shape.length; i++) {
    count *= shape[i];
    span += (shape[i] - 1) * strides[i];
  }
  if (span <= 2 * count + 64) return [k.put(like, src, offset, span), strides.slice()];
  const p = k.alloc(count * like.BYTES_PER_ELEMENT);
  const dense = new Array<number>(shape.length);
  for (let i = shape.length - 1, s = 1; i >= 0; i--) {
    dense[i] = s;
    s *= shape[i];
  }
  K.copyToContiguous({ _data: src, _shape: shape, _strides: strides, _offset: offset }, k.view(like, p, count));
  return [p, dense];
}

// ---- matmul --------------------------------------------------------------------------------------------

/**
 * Rows m0 .. m1 of every batch of out (batch × m × n, contiguous) = a[t] (m × k) · b[t] (k × n), a and b
 * strided (their last two strides are the matrix's, aBatchStride / bBatchStride step the batch); rows
 * outside the range are left alone, so row blocks can be computed on separate threads.
 */
export function matmulRange(
  a: StridedView, b: StridedView, out: FloatStorage, batch: number, m: number, k: number, n: number,
  aBatchStride: number, bBatchStride: number, m0: number, m1: number,
): FloatStorage {
  m1 = Math.min(m1, m);
  if (batch === 0 || m1 <= m0 || n === 0) return out;
  if (k === 0) {
    for (let t = 0; t < batch; t++) out.fill(0, (t * m + m0) * n, (t * m + m1) * n);
    return out;
  }
  const kr = kernels();
  const mark = kr.mark();
  try {
    const rows = m1 - m0;
    const as = a._strides;
    const bs = b._strides;
    const [asr, asc] = [as[as.length - 2], as[as.length - 1]];
    const [bsr, bsc] = [bs[bs.length - 2], bs[bs.length - 1]];
    const [pa, sa] = putStrided(kr, out, a._data, a._offset + m0 * asr, [batch, rows, k], [aBatchStride, asr, asc]);
    const [pb, sb] = putStrided(kr, out, b._data, b._offset, [batch, k, n], [bBatchStride, bsr, bsc]);
    const S = out.BYTES_PER_ELEMENT;
    const pOut = kr.resident(out, out, 0);
    // a resident result: C[t] row i at out + (t·m + i)·n, written in place; else a temporary, where
    // C[t] row i (m0 <= i < m1) is at pc + (t·rows + i - m0)·n: the base is shifted back by m0 rows
    // (wrapping 32-bit arithmetic in the module brings it back)
    const pc = pOut >= 0 ? pOut : kr.alloc(batch * rows * n * S);
    const g: GemmJob = {
      f32: isF32(out), batch, m, n, k, A: (pa - m0 * sa[1] * S) >>> 0, rsa: sa[1], csa: sa[2], sba: sa[0], B: pb, rsb: sb[1], csb: sb[2], sbb: sb[0],
      C: pOut >= 0 ? pOut : (pc - m0 * n * S) >>> 0, scb: pOut >= 0 ? m * n : rows * n, m0, m1,
    };
    // in the shared build the worker threads reach every address: a large product is split across them
    const threaded = kr.shared && gemmParallel !== null && gemmParallel(g, (bytes) => kr.alloc(bytes), kr.ex.workBytes(S));
    if (!threaded) (g.f32 ? kr.ex.gemmF32 : kr.ex.gemmF64)(batch, m, n, k, g.A, g.rsa, g.csa, g.sba, g.B, g.rsb, g.csb, g.sbb, g.C, g.scb, kr.alloc(kr.ex.workBytes(S)), m0, m1);
    if (pOut >= 0) return out;
    const c = kr.view(out, pc, batch * rows * n);
    if (m0 === 0 && m1 === m) out.set(c);
    else for (let t = 0; t < batch; t++) out.set(c.subarray(t * rows * n, (t + 1) * rows * n), (t * m + m0) * n);
    return out;
  } finally {
    kr.release(mark);
  }
}

/** For benchmarks: a product of two n × n operands placed in linear memory once (the kernel without copies). */
export function kernelOnlyMatmul(f32: boolean, n: number): () => void {
  const kr = kernels();
  const mark = kr.mark();
  const like = f32 ? new Float32Array(0) : new Float64Array(0);
  const S = like.BYTES_PER_ELEMENT;
  const [pa, pb, pc] = [kr.alloc(n * n * S), kr.alloc(n * n * S), kr.alloc(n * n * S)];
  const work = kr.alloc(kr.ex.workBytes(S));
  kr.view(like, pa, n * n).fill(0.5);
  kr.view(like, pb, n * n).fill(0.25);
  kr.release(mark); // later calls may reuse the blocks: only the time matters
  const gemm = f32 ? kr.ex.gemmF32 : kr.ex.gemmF64;
  return () => gemm(1, n, n, n, pa, n, 1, 0, pb, n, 1, 0, pc, n * n, work, 0, n);
}

export function matmul(a: StridedView, b: StridedView, out: FloatStorage, batch: number, m: number, k: number, n: number, aBatchStride: number, bBatchStride: number): FloatStorage {
  return matmulRange(a, b, out, batch, m, k, n, aBatchStride, bBatchStride, 0, m);
}

// ---- elementwise -----------------------------------------------------------------------------------------

export const BINARY_OPS = { add: 0, sub: 1, mul: 2, div: 3, maximum: 4, minimum: 5 } as const;
export type BinaryOp = keyof typeof BINARY_OPS;
export const UNARY_OPS = { neg: 0, relu: 1, exp: 2, log: 3, tanh: 4, sigmoid: 5, abs: 6, sqrt: 7 } as const;
export type UnaryOp = keyof typeof UNARY_OPS;

/**
 * The broadcast layout as at most two dims (rows × cols) whose inner strides are 0 or 1 for both
 * operands, or null. Dims of size 1 are dropped and neighbours merged where both operands allow it.
 */
function layout2d(shape: readonly number[], sa: readonly number[], sb: readonly number[]): [number, number, number, number, number, number] | null {
  const dims: [number, number, number][] = [];
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] === 1) continue;
    const last = dims[dims.length - 1];
    if (last && last[1] === sa[i] * shape[i] && last[2] === sb[i] * shape[i]) {
      last[0] *= shape[i];
      last[1] = sa[i];
      last[2] = sb[i];
    } else dims.push([shape[i], sa[i], sb[i]]);
  }
  if (dims.length === 0) return [1, 1, 0, 0, 0, 0];
  if (dims.length > 2) return null;
  const inner = dims[dims.length - 1];
  if (inner[1] > 1 || inner[2] > 1) return null;
  const outer = dims.length === 2 ? dims[0] : [1, 0, 0];
  return [outer[0], inner[0], outer[1], inner[1], outer[2], inner[2]];
}

/**
 * out (contiguous, row-major over `shape`) = a op b over operands broadcast to `shape` (strides 0 on
 * broadcast dims). False (nothing written) when the layout is not one the kernel takes.
 */
export function binary(op: BinaryOp, out: FloatStorage, shape: readonly number[], a: Storage, sa: readonly number[], oa: number, b: Storage, sb: readonly number[], ob: number): boolean {
  const l = layout2d(shape, sa, sb);
  if (l === null) return false;
  const [rows, cols, sa0, sa1, sb0, sb1] = l;
  const kr = kernels();
  const mark = kr.mark();
  try {
    const pa = kr.put(out, a, oa, (rows - 1) * sa0 + (cols - 1) * sa1 + 1);
    const pb = kr.put(out, b, ob, (rows - 1) * sb0 + (cols - 1) * sb1 + 1);
    const pOut = kr.resident(out, out, 0);
    const po = pOut >= 0 ? pOut : kr.alloc(out.length * out.BYTES_PER_ELEMENT);
    // in the shared build every address (temporaries too) is in the memory the worker threads see
    const threaded = kr.shared && elementwiseParallel !== null && elementwiseParallel("binary", BINARY_OPS[op], isF32(out), out.length, pa, po, { rows, cols, sa0, sa1, b: pb, sb0, sb1 });
    if (!threaded) (isF32(out) ? kr.ex.binaryF32 : kr.ex.binaryF64)(BINARY_OPS[op], rows, cols, pa, sa0, sa1, pb, sb0, sb1, po);
    if (pOut < 0) out.set(kr.view(out, po, out.length));
    return true;
  } finally {
    kr.release(mark);
  }
}

/** out (contiguous) = op(x), x any strided view of the same element type. */
export function unary(op: UnaryOp, out: FloatStorage, x: StridedView): void {
  const kr = kernels();
  const mark = kr.mark();
  try {
    const n = out.length;
    const S = out.BYTES_PER_ELEMENT;
    let px = K.isContiguous(x._shape, x._strides) ? kr.resident(out, x._data, x._offset) : -1;
    if (px < 0) {
      px = kr.alloc(n * S);
      K.copyToContiguous(x, kr.view(out, px, n));
    }
    const pOut = kr.resident(out, out, 0);
    const po = pOut >= 0 ? pOut : kr.alloc(n * S);
    const threaded = kr.shared && elementwiseParallel !== null && elementwiseParallel("unary", UNARY_OPS[op], isF32(out), n, px, po);
    if (!threaded) (isF32(out) ? kr.ex.unaryF32 : kr.ex.unaryF64)(UNARY_OPS[op], n, px, po);
    if (pOut < 0) out.set(kr.view(out, po, n));
  } finally {
    kr.release(mark);
  }
}

/** y[yOff .. yOff + n) += alpha · x[xOff ..], in place (x and y contiguous, of one element type). */
export function axpy(alpha: number, x: FloatStorage, xOff: number, y: FloatStorage, yOff: number, n: number): void {
  const kr = kernels();
  const mark = kr.mark();
  try {
    const px = kr.put(y, x, xOff, n);
    const pyRes = kr.resident(y, y, yOff);
    const py = pyRes >= 0 ? pyRes : kr.put(y, y, yOff, n);
    (isF32(y) ? kr.ex.axpyF32 : kr.ex.axpyF64)(n, alpha, px, py);
    if (pyRes < 0) y.set(kr.view(y, py, n), yOff);
  } finally {
    kr.release(mark);
  }
}

// ---- reductions ------------------------------------------------------------------------------------------

/**
 * torch.sum over `dims` into zero-filled `out`, in PyTorch's order: cpu.ts's sum() walks the dims as
 * TensorIterator does and hands each 2-D block here; the vectorized inner and outer sums run in the
 * module (bit-identical to the TypeScript ones), the strided scalar cases stay in TypeScript on views
 * of the module's memory.
 */
export function sum(x: StridedView, dims: readonly number[], keepdim: boolean, out: FloatStorage): FloatStorage {
  const kr = kernels();
  const mark = kr.mark();
  try {
    const shape = x._shape;
    let span = 1;
    for (let i = 0; i < shape.length; i++) {
      if (shape[i] === 0) return out;
      span += (shape[i] - 1) * x._strides[i];
    }
    const S = out.BYTES_PER_ELEMENT;
    const px = kr.put(out, x._data, x._offset, span);
    const po = kr.alloc(out.length * S);
    const xin = kr.view(out, px, span);
    const res = kr.view(out, po, out.length);
    res.fill(0);
    const f32 = isF32(out);
    const inner = f32 ? kr.ex.innerSumF32 : kr.ex.innerSumF64;
    const outer = f32 ? kr.ex.outerSumF32 : kr.ex.outerSumF64;
    const loop: K.SumLoop2d = (d, pi, is0, is1, size0, size1, o, poff, os0, os1, W, acc) => {
      let [i0, i1, s0, s1, o0, o1] = [is0, is1, size0, size1, os0, os1];
      if (o0 !== 0 && o1 === 0) [i0, i1, s0, s1, o0, o1] = [is1, is0, size1, size0, os1, os0];
      if (o0 === 0 && i0 === 1 && s0 >= W) inner(px + pi * S, i1, s0, s1, po + poff * S, o1);
      else if (o0 === 0 && i1 === 1 && s1 >= W && !(i0 === 1 && s0 >= W)) outer(px + pi * S, i0, s0, s1, po + poff * S, o1);
      else K.sumLoop2d(d, pi, is0, is1, size0, size1, o, poff, os0, os1, W, acc);
    };
    K.sum({ _data: xin, _shape: shape, _strides: x._strides, _offset: 0 }, dims, keepdim, res, loop);
    out.set(res);
    return out;
  } finally {
    kr.release(mark);
  }
}

/** max or min of all n elements of a contiguous block (NaN if any is NaN); n >= 1. */
export function extremum(kind: "max" | "min", x: FloatStorage, offset: number, n: number): number {
  const kr = kernels();
  const mark = kr.mark();
  try {
    const p = kr.put(x, x, offset, n);
    const f32 = isF32(x);
    return kind === "max" ? (f32 ? kr.ex.maxF32 : kr.ex.maxF64)(p, n) : (f32 ? kr.ex.minF32 : kr.ex.minF64)(p, n);
  } finally {
    kr.release(mark);
  }
}

/** softmax or log_softmax of each of `rows` contiguous rows of `cols` values (x from `offset`) into out. */
export function softmaxLastDim(x: FloatStorage, offset: number, rows: number, cols: number, log: boolean, out: FloatStorage): void {
  const kr = kernels();
  const mark = kr.mark();
  try {
    const n = rows * cols;
    const px = kr.put(out, x, offset, n);
    const pOut = kr.resident(out, out, 0);
    const po = pOut >= 0 ? pOut : kr.alloc(n * out.BYTES_PER_ELEMENT);
    (isF32(out) ? kr.ex.softmaxF32 : kr.ex.softmaxF64)(rows, cols, px, po, log ? 1 : 0);
    if (pOut < 0) out.set(kr.view(out, po, n));
  } finally {
    kr.release(mark);
  }
}
