// Intra-op parallelism: a pool of worker threads over SharedArrayBuffer that runs one named kernel
// on disjoint ranges [i0, i1) of a job and returns when every range is done, synchronously.
//
// - Node: `worker_threads`; the calling thread blocks in Atomics.wait (allowed on Node's main thread).
// - Browsers: module Web Workers. SharedArrayBuffer needs a cross-origin-isolated page (COOP/COEP),
//   and a window's main thread may not Atomics.wait, so there the pool only works when tensorgrad
//   itself runs inside a worker; on a page's main thread (or without SharedArrayBuffer) every kernel
//   runs single-threaded on the calling thread, with the same results. `threadPoolInfo()` says which.
//
// Work is handed out dynamically: the job is cut into fixed chunks (chosen from the job's size only,
// never from which thread runs them), and the caller and the workers take chunks from one atomic
// counter until none are left. Results therefore never depend on the thread count or on timing, a
// worker that is slow to start (or never starts) only means the caller does more of the work, and the
// pool never waits for a worker that is not running one of this job's chunks.
//
// Faults: a kernel that throws in a worker, and a worker that exits while it holds a chunk, make the
// call throw a RuntimeError naming the worker and the kernel; a worker that holds a chunk far longer
// than the caller's own chunks took (and at least `stallTimeoutMs`) is terminated and reported the
// same way, so a worker that dies without a word (out of memory) cannot hang the caller. Dead workers
// are replaced; later calls work. Workers are unref'd: an idle pool never keeps a process alive.
//
// Kernels are registered by name with defineKernel() in a module that both the calling thread and the
// workers load: src/backend/thread_kernels.ts is loaded by every worker, and addWorkerModule(url)
// adds more (for example the WebAssembly kernels).
import { RuntimeError } from "../errors.js";

// ---- kernels ------------------------------------------------------------------------------------

/** A kernel computes items [i0, i1) of a job; it must write only what those items own. */
export type RangeKernel<A = any> = (args: A, i0: number, i1: number) => void;

const kernels = new Map<string, RangeKernel>();

/** Registers a kernel under `name` in this thread (call it at the top level of a module every thread loads). */
export function defineKernel<A>(name: string, fn: RangeKernel<A>): void {
  kernels.set(name, fn as RangeKernel);
}

export function getKernel(name: string): RangeKernel | undefined {
  return kernels.get(name);
}

const warmups: (() => void)[] = [];

/**
 * Registers work a worker does once when it starts, before it takes jobs (compiling a WebAssembly
 * module, say), so that its first chunk is not slowed by it. Runs only in pool workers.
 */
export function defineWarmup(fn: () => void): void {
  warmups.push(fn);
}

/** Runs the warmups (worker_entry.ts calls it); a failing warmup is ignored (the kernel will report it). */
export function runWarmups(): void {
  for (const w of warmups) {
    try {
      w();
    } catch {
      // nothing: the kernel that needs it will fail with a clear error
    }
  }
}

const workerModules: string[] = [];
const workerValues = new Map<string, unknown>();

/**
 * Sends `value` once to every worker (present and future), where workerValue(key) returns it: for
 * objects jobs should not clone each time (a shared WebAssembly.Memory: every clone is a new handle
 * the worker's engine keeps track of). On a worker it only stores the value.
 */
export function setWorkerValue(key: string, value: unknown): void {
  if (workerValues.get(key) === value) return;
  workerValues.set(key, value);
  if (pool) for (const s of pool.slots) if (s && !s.dead) s.post({ type: "value", key, value });
}
export function workerValue(key: string): unknown {
  return workerValues.get(key);
}

/**
 * Makes every worker (present and future) import the module at `url` (absolute, e.g.
 * `new URL("./my_kernels.js", import.meta.url)`), whose top level calls defineKernel. The calling
 * thread must import it too. Workers that have not loaded it yet simply take no chunks of its kernels.
 */
export function addWorkerModule(url: string | URL): void {
  const href = String(url);
  if (workerModules.includes(href)) return;
  workerModules.push(href);
  if (pool) for (const s of pool.slots) if (s && !s.dead) s.post({ type: "import", url: href });
}

// ---- hooks the TypeScript kernels in cpu.ts call (installed by src/backend/parallel_ts.ts) --------

type View = { readonly _data: ArrayLike<number>; readonly _shape: readonly number[]; readonly _strides: readonly number[]; readonly _offset: number };
/** Each returns true when it has done the kernel's work in parallel, false to let the caller run it. */
export const parallelHooks: {
  matmul: ((a: View, b: View, out: any, batch: number, m: number, k: number, n: number, aBS: number, bBS: number) => boolean) | null;
  unary: ((f: (x: number) => number, out: any, x: View) => boolean) | null;
  binary: ((f: (a: number, b: number) => number, out: any, shape: readonly number[], a: any, sa: readonly number[], oa: number, b: any, sb: readonly number[], ob: number) => boolean) | null;
  sum: ((x: View, dims: readonly number[], out: Float32Array | Float64Array) => boolean) | null;
} = { matmul: null, unary: null, binary: null, sum: null };

// ---- platform --------------------------------------------------------------------------------

/* eslint-disable @typescript-eslint/no-explicit-any */
const g = globalThis as any;
const nodeProcess: any = g.process?.versions?.node ? g.process : null;
type NodeWT = typeof import("node:worker_threads");
let nodeWT: NodeWT | null = null;
let nodeCores = 0;
if (nodeProcess) {
  const builtin = nodeProcess.getBuiltinModule as ((id: string) => any) | undefined;
  if (builtin) {
    nodeWT = builtin("node:worker_threads");
    nodeCores = builtin("node:os").availableParallelism?.() ?? builtin("node:os").cpus().length;
  } else {
    // Node < 20.16: no synchronous way to reach worker_threads from ESM; until the import lands,
    // kernels run on the calling thread. (A variable specifier keeps bundlers from resolving it.)
    const wt = "node:worker_threads";
    const os = "node:os";
    void import(wt).then((m) => (nodeWT = m), () => {});
    void import(os).then((m) => (nodeCores = m.availableParallelism?.() ?? m.cpus().length), () => {});
  }
}

/** True inside one of this pool's own workers (they run kernels; they never start pools). */
export const isPoolWorker: boolean = nodeProcess
  ? nodeProcess.env?.TENSORGRAD_POOL_WORKER === "1" || !!(nodeWT && !nodeWT.isMainThread && (nodeWT.workerData as any)?.__tensorgradPool)
  : typeof g.WorkerGlobalScope !== "undefined" && g.name === "tensorgrad-pool";

const hasShared = typeof SharedArrayBuffer === "function" && g.crossOriginIsolated !== false;

/** Whether this thread may block in Atomics.wait (not on a browser window's main thread). */
const canBlock: boolean = (() => {
  if (!hasShared) return false;
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
})();

function defaultThreads(): number {
  if (nodeProcess) return Math.max(1, nodeCores || 1);
  const hc = g.navigator?.hardwareConcurrency;
  return typeof hc === "number" && hc > 0 ? hc : 1;
}

// ---- torch.setNumThreads / getNumThreads ------------------------------------------------------

let numThreads = 0; // 0: not set yet (the default is read lazily: the core count may arrive late)

/** torch.get_num_threads(): the number of threads used for intra-op parallelism (default: the core count). */
export function getNumThreads(): number {
  return numThreads || defaultThreads();
}

/** torch.set_num_threads(n): 1 runs every kernel on the calling thread. */
export function setNumThreads(n: number): void {
  if (typeof n !== "number" || !Number.isInteger(n)) {
    const t = typeof n === "number" ? "float" : typeof n === "string" ? "str" : typeof n === "boolean" ? "bool" : n === null ? "NoneType" : typeof n;
    throw new RuntimeError(`set_num_threads expects an int, but got ${t}`);
  }
  if (n <= 0) throw new RuntimeError("set_num_threads expects a positive integer");
  numThreads = n;
  if (pool) pool.resize(n - 1);
}

export interface ThreadOptions {
  /** a worker holding one chunk for longer than this (and than 50× the caller's slowest chunk) is declared hung; default 10000 */
  stallTimeoutMs?: number;
  /** the worker script (default: worker_entry.js next to this module); set it when a bundler moves files */
  workerUrl?: string | URL;
}
const options = { stallTimeoutMs: 10000, workerUrl: null as string | URL | null };

export function setThreadOptions(o: ThreadOptions): void {
  if (o.stallTimeoutMs !== undefined) options.stallTimeoutMs = o.stallTimeoutMs;
  if (o.workerUrl !== undefined) {
    options.workerUrl = o.workerUrl;
    if (pool) pool.resize(0);
  }
}

/** Why the pool is or is not in use on this thread. */
export function threadPoolInfo(): { numThreads: number; usable: boolean; reason: string; workers: number; ready: number } {
  const why = unusableReason();
  return {
    numThreads: getNumThreads(),
    usable: why === "",
    reason: why,
    workers: pool ? pool.slots.filter((s) => s && !s.dead).length : 0,
    ready: pool ? pool.slots.filter((s) => s && !s.dead && Atomics.load(s.ws, WS_STATE) === STATE_READY).length : 0,
  };
}

function unusableReason(): string {
  if (isPoolWorker) return "inside a pool worker";
  if (!hasShared) return "SharedArrayBuffer is unavailable (a browser page must be cross-origin isolated)";
  if (!canBlock) return "this thread cannot block in Atomics.wait (a browser page's main thread): kernels run single-threaded here";
  if (nodeProcess ? !nodeWT : typeof g.Worker !== "function") return "no worker threads in this runtime";
  if (brokenReason) return brokenReason;
  return "";
}

let inParallel = false;

/**
 * Whether a kernel of `work` units (about one multiply-add each) should go to the pool now: more than
 * one thread is set, the pool can run here, and this is not already a chunk of a parallel job.
 */
export function shouldParallelize(work: number, threshold: number): boolean {
  return work >= threshold && !inParallel && getNumThreads() > 1 && unusableReason() === "";
}

// ---- shared memory: the staging arena ---------------------------------------------------------

type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array | Int8Array | Int16Array | Uint16Array | Uint32Array;
type TypedCtor<T> = { new (buffer: ArrayBufferLike, byteOffset: number, length: number): T; BYTES_PER_ELEMENT: number };

const ARENA_KEEP_MAX = 64 << 20; // bytes kept between jobs; larger requests get a one-off buffer
let arena: SharedArrayBuffer | null = null;
let arenaTop = 0;

export function isShared(a: ArrayBufferView): boolean {
  return hasShared && a.buffer instanceof SharedArrayBuffer;
}

function arenaAlloc<T extends TypedArray>(ctor: TypedCtor<T>, length: number): T {
  const bytes = length * ctor.BYTES_PER_ELEMENT;
  const at = (arenaTop + 63) & ~63;
  if (arena && at + bytes <= arena.byteLength) {
    arenaTop = at + bytes;
    return new ctor(arena, at, length);
  }
  if (bytes > ARENA_KEEP_MAX) return new ctor(new SharedArrayBuffer(bytes), 0, length);
  // Grow: earlier views of this job stay valid in the old buffer.
  const size = Math.min(ARENA_KEEP_MAX, Math.max(bytes, 2 * (arena ? arena.byteLength : 0), 1 << 20));
  arena = new SharedArrayBuffer(Math.max(size, bytes));
  arenaTop = bytes;
  return new ctor(arena, 0, length);
}

/**
 * Stages the operands of one job: input() returns a SharedArrayBuffer-backed copy (or the array
 * itself when it already is one), output() a shared region whose contents finish() copies back.
 * One staging at a time (the caller's thread is single-threaded and parallel jobs don't nest).
 */
export class Staging {
  private readonly copies: [TypedArray, TypedArray][] = [];
  /** false when shared memory for an operand could not be allocated: run the kernel on one thread instead */
  ok = true;
  private alloc<T extends TypedArray>(like: T, length: number): T | null {
    try {
      return arenaAlloc(like.constructor as unknown as TypedCtor<T>, length);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      this.ok = false;
      return null;
    }
  }
  input<T extends TypedArray>(src: T): T {
    if (isShared(src) || !this.ok) return src;
    const dst = this.alloc(src, src.length);
    if (dst === null) return src;
    dst.set(src as any);
    return dst;
  }
  output<T extends TypedArray>(dst: T): T {
    if (isShared(dst) || !this.ok) return dst;
    const s = this.alloc(dst, dst.length);
    if (s === null) return dst;
    this.copies.push([s, dst]);
    return s;
  }
  /**
   * The part of `data` a strided walk (from `offset`, dims `shape`, element `strides`) touches, shared:
   * returns the array to walk and the walk's offset in it.
   */
  strided<T extends TypedArray>(data: T, offset: number, shape: readonly number[], strides: readonly number[]): [T, number] {
    if (isShared(data)) return [data, offset];
    let lo = offset;
    let hi = offset;
    for (let i = 0; i < shape.length; i++) {
      if (shape[i] === 0) return [this.input(data.subarray(0, 0) as T), 0];
      const span = (shape[i] - 1) * strides[i];
      if (span < 0) lo += span;
      else hi += span;
    }
    if (lo === 0 && hi === data.length - 1) return [this.input(data), offset];
    return [this.input(data.subarray(lo, hi + 1) as T), offset - lo];
  }
  finish(): void {
    for (const [s, d] of this.copies) d.set(s as any);
    this.copies.length = 0;
  }
}

export function stage(): Staging {
  arenaTop = 0;
  return new Staging();
}

// ---- the pool ---------------------------------------------------------------------------------

// Per-worker state, one Int32Array per worker (a replaced worker gets a fresh one).
export const WS_STATE = 0; // STATE_*
export const WS_JOB = 1; // the job whose chunks it is taking (0: none)
export const WS_T0 = 2; // Date.now() & 0x3fffffff when it took its current chunk
export const WS_EXIT = 3; // exit code, when it exited
export const WS_INTS = 8;
export const STATE_BOOTING = 0;
export const STATE_READY = 1;
export const STATE_EXITED = 2;

// Per-job control block.
export const C_NEXT = 0; // next chunk to take
export const C_DONE = 1; // chunks finished
export const C_FAIL = 2; // FAIL_*
export const C_FAIL_WORKER = 3; // worker index + 1
export const C_WAKE = 4; // futex the caller waits on; bumped after every chunk and on failure
export const C_ERR_LEN = 5; // bytes of the error text
export const C_INTS = 8;
export const ERR_BYTES = 2048;
export const FAIL_NONE = 0;
export const FAIL_THREW = 1;
export const FAIL_EXITED = 2;
export const FAIL_STALLED = 3;
export const FAIL_CALLER = 4;
const EXHAUSTED = 0x3fffffff;

export interface JobMessage {
  type: "job";
  seq: number;
  kernel: string;
  args: unknown;
  ctl: Int32Array;
  err: Uint8Array;
  n: number;
  chunk: number;
  chunks: number;
  /** test hook: what this worker should do on its first chunk */
  fault?: "exit" | "throw" | "hang";
}

interface Slot {
  index: number;
  ws: Int32Array;
  dead: boolean;
  exitCode: number | null;
  post(msg: unknown): void;
  terminate(): Promise<unknown> | void;
}

let brokenReason = "";
let bootFailures = 0;

function workerUrl(): string | URL {
  return options.workerUrl ?? new URL("./worker_entry.js", import.meta.url);
}

function spawn(index: number): Slot {
  const ws = new Int32Array(new SharedArrayBuffer(WS_INTS * 4));
  const slot: Slot = { index, ws, dead: false, exitCode: null, post: () => {}, terminate: () => undefined };
  const onExit = (code: number): void => {
    if (!slot.dead && Atomics.load(ws, WS_STATE) !== STATE_READY && slot.exitCode === null) {
      // it died before it ever ran: a missing or broken worker script
      if (++bootFailures >= 3) brokenReason = `worker threads failed to start ${bootFailures} times in a row; kernels run single-threaded`;
    }
    slot.exitCode = code;
    slot.dead = true;
    Atomics.store(ws, WS_STATE, STATE_EXITED);
  };
  const init = { type: "init", ws, modules: workerModules.slice(), values: [...workerValues], index };
  if (nodeProcess) {
    const env = { ...nodeProcess.env, TENSORGRAD_POOL_WORKER: "1" }; // readable before worker_threads loads
    const w = new nodeWT!.Worker(workerUrl(), { workerData: { __tensorgradPool: true }, env });
    w.unref();
    w.on("error", () => {});
    w.on("exit", (code) => onExit(code));
    slot.post = (m) => w.postMessage(m);
    slot.terminate = () => w.terminate();
  } else {
    const w = new g.Worker(workerUrl(), { type: "module", name: "tensorgrad-pool" });
    w.onerror = (e: any) => {
      // a script that failed to load, or an error nothing caught: either way this worker is done
      e?.preventDefault?.();
      onExit(1);
      w.terminate();
    };
    slot.post = (m) => w.postMessage(m);
    slot.terminate = () => w.terminate();
  }
  slot.post(init);
  return slot;
}

class Pool {
  slots: (Slot | null)[] = [];
  constructor(size: number) {
    this.resize(size);
  }
  /** Keeps `size` worker slots; extra workers are terminated, missing ones start lazily in ensure(). */
  resize(size: number): void {
    while (this.slots.length > size) {
      const s = this.slots.pop();
      if (s && !s.dead) {
        s.dead = true;
        s.terminate();
      }
    }
    while (this.slots.length < size) this.slots.push(null);
  }
  /** Starts workers for empty or dead slots. */
  ensure(): void {
    for (let i = 0; i < this.slots.length; i++) {
      const s = this.slots[i];
      // a worker that said it exited is dead even before its exit event reaches this (blocked) thread
      if (s && !s.dead && Atomics.load(s.ws, WS_STATE) === STATE_EXITED) this.kill(s);
      if ((!s || s.dead) && !brokenReason) this.slots[i] = spawn(i);
      const t = this.slots[i];
      if (t && Atomics.load(t.ws, WS_STATE) === STATE_READY) bootFailures = 0;
    }
  }
  kill(s: Slot): Promise<unknown> | void {
    if (!s.dead) {
      s.dead = true;
      return s.terminate();
    }
  }
}

let pool: Pool | null = null;
let jobSeq = 0;
let pendingFault: JobMessage["fault"] | null = null;
let callerTakesChunks = true;

function now(): number {
  return Date.now() & 0x3fffffff;
}

export interface ParallelOptions {
  /** items per chunk (default: about four chunks per thread) */
  chunk?: number;
}

/** Statistics of the last parallel job, for tests and benchmarks. */
export const lastJob = { kernel: "", chunks: 0, byCaller: 0, parallel: false, parallelJobs: 0 };

/**
 * Runs kernel `name` over items [0, n) in parallel and returns when all are done. Typed arrays in
 * `args` must be SharedArrayBuffer-backed (see stage()) when the pool is in use. When it is not (one
 * thread, no pool on this thread, or called from inside a chunk), the kernel runs here on [0, n).
 */
export function parallelFor(name: string, n: number, args: unknown, opts: ParallelOptions = {}): void {
  const kernel = kernels.get(name);
  if (!kernel) throw new RuntimeError(`parallelFor: no kernel named '${name}' is defined on this thread`);
  const threads = getNumThreads();
  if (n <= 0) return;
  if (inParallel || threads <= 1 || unusableReason() !== "") {
    lastJob.kernel = name;
    lastJob.chunks = 1;
    lastJob.byCaller = 1;
    lastJob.parallel = false;
    const was = inParallel;
    inParallel = true;
    try {
      kernel(args, 0, n);
    } finally {
      inParallel = was;
    }
    return;
  }
  if (!pool) pool = new Pool(threads - 1);
  else if (pool.slots.length !== threads - 1) pool.resize(threads - 1);
  pool.ensure();
  const chunk = Math.max(1, Math.ceil(opts.chunk ?? n / (threads * 4)));
  const chunks = Math.ceil(n / chunk);
  const seq = (jobSeq = (jobSeq % 0x3ffffffe) + 1);
  const ctl = new Int32Array(new SharedArrayBuffer(C_INTS * 4 + ERR_BYTES));
  const err = new Uint8Array(ctl.buffer, C_INTS * 4, ERR_BYTES);
  const msg: JobMessage = { type: "job", seq, kernel: name, args, ctl, err, n, chunk, chunks };
  const participants: Slot[] = [];
  for (const s of pool.slots) {
    if (!s || s.dead) continue;
    if (pendingFault && participants.length === 0) {
      s.post({ ...msg, fault: pendingFault });
      pendingFault = null;
    } else s.post(msg);
    participants.push(s);
  }
  inParallel = true;
  let byCaller = 0;
  let slowest = 0;
  let callerError: unknown = null;
  try {
    const takeChunks = (): void => {
      for (;;) {
        if (Atomics.load(ctl, C_FAIL) !== FAIL_NONE) return;
        const c = Atomics.add(ctl, C_NEXT, 1);
        if (c >= chunks) return;
        const t0 = Date.now();
        try {
          kernel(args, c * chunk, Math.min(n, (c + 1) * chunk));
        } catch (e) {
          callerError = e;
          fail(ctl, FAIL_CALLER, 0);
          return;
        }
        slowest = Math.max(slowest, Date.now() - t0);
        byCaller++;
        Atomics.add(ctl, C_DONE, 1);
      }
    };
    // The caller takes chunks too.
    if (callerTakesChunks) takeChunks();
    // Wait for the workers' chunks, watching for workers that exit or hang.
    let failure = "";
    for (;;) {
      const wake = Atomics.load(ctl, C_WAKE);
      if (Atomics.load(ctl, C_FAIL) !== FAIL_NONE || Atomics.load(ctl, C_DONE) >= chunks) break;
      Atomics.wait(ctl, C_WAKE, wake, 25);
      failure = watch(participants, seq, ctl, name, slowest);
      if (failure) break;
      // No worker left to take what remains (the test hook that keeps the caller out of the job)
      if (!participants.some((s) => !s.dead && Atomics.load(s.ws, WS_STATE) !== STATE_EXITED)) takeChunks();
    }
    const code = Atomics.load(ctl, C_FAIL);
    if (code !== FAIL_NONE) {
      Atomics.store(ctl, C_NEXT, EXHAUSTED);
      if (!failure) failure = describe(code, ctl, err, participants, name);
      // Wait until no live worker is inside one of this job's chunks: they write to shared memory.
      drain(participants, seq, slowest);
      if (callerError !== null) throw callerError;
      throw new RuntimeError(failure);
    }
  } finally {
    inParallel = false;
    lastJob.kernel = name;
    lastJob.chunks = chunks;
    lastJob.byCaller = byCaller;
    lastJob.parallel = true;
    lastJob.parallelJobs++;
  }
}

function fail(ctl: Int32Array, code: number, worker: number): void {
  if (Atomics.compareExchange(ctl, C_FAIL, FAIL_NONE, code) === FAIL_NONE) Atomics.store(ctl, C_FAIL_WORKER, worker);
  Atomics.store(ctl, C_NEXT, EXHAUSTED);
  Atomics.add(ctl, C_WAKE, 1);
}

function stallLimit(slowest: number): number {
  return Math.max(options.stallTimeoutMs, 50 * slowest);
}

/** Checks the workers holding chunks of this job: exited, or holding one far too long. */
function watch(participants: Slot[], seq: number, ctl: Int32Array, name: string, slowest: number): string {
  for (const s of participants) {
    if (Atomics.load(s.ws, WS_JOB) !== seq) continue;
    if (Atomics.load(s.ws, WS_STATE) === STATE_EXITED || s.dead) {
      fail(ctl, FAIL_EXITED, s.index + 1);
      pool?.kill(s);
      const code = s.exitCode ?? Atomics.load(s.ws, WS_EXIT);
      return `worker thread ${s.index + 1} exited (code ${code}) while running kernel '${name}'; the pool will replace it`;
    }
    // 30-bit wrapping clock: a start stamped just after our now() reads as a huge held time, so a
    // difference in the upper half of the range means "just started", not "stalled for days".
    const d = (now() - Atomics.load(s.ws, WS_T0)) & 0x3fffffff;
    const held = d >= 0x20000000 ? 0 : d;
    const limit = stallLimit(slowest);
    if (held > limit) {
      fail(ctl, FAIL_STALLED, s.index + 1);
      pool?.kill(s);
      discardArena();
      return `worker thread ${s.index + 1} stopped responding: it held a chunk of kernel '${name}' for ${held} ms (limit ${limit} ms) and was terminated; the pool will replace it`;
    }
  }
  return "";
}

function describe(code: number, ctl: Int32Array, err: Uint8Array, participants: Slot[], name: string): string {
  const w = Atomics.load(ctl, C_FAIL_WORKER);
  if (code === FAIL_THREW) {
    const len = Math.min(Atomics.load(ctl, C_ERR_LEN), ERR_BYTES);
    const bytes = new Uint8Array(len);
    bytes.set(err.subarray(0, len));
    return `worker thread ${w} failed in kernel '${name}': ${new TextDecoder().decode(bytes)}`;
  }
  if (code === FAIL_EXITED) {
    const s = participants.find((p) => p.index + 1 === w);
    if (s) pool?.kill(s);
    return `worker thread ${w} exited (code ${s ? s.exitCode ?? Atomics.load(s.ws, WS_EXIT) : "?"}) while running kernel '${name}'; the pool will replace it`;
  }
  return `parallel kernel '${name}' failed`;
}

/** After a failure: waits (bounded) until no live participant is inside a chunk of job `seq`. */
function drain(participants: Slot[], seq: number, slowest: number): void {
  const t0 = Date.now();
  for (const s of participants) {
    while (Atomics.load(s.ws, WS_JOB) === seq && !s.dead && Atomics.load(s.ws, WS_STATE) !== STATE_EXITED) {
      if (Date.now() - t0 > stallLimit(slowest)) {
        pool?.kill(s);
        discardArena();
        break;
      }
      Atomics.wait(s.ws, WS_JOB, seq, 25);
    }
    if (Atomics.load(s.ws, WS_STATE) === STATE_EXITED) pool?.kill(s);
  }
}

/** A worker that may still write (hung, being terminated) must not see the next job's data. */
function discardArena(): void {
  arena = null;
  arenaTop = 0;
}

/**
 * Starts the workers now instead of on the first parallel job; with `waitMs`, blocks until they are
 * ready (or the time is up) and returns how many are.
 */
export function startThreads(waitMs = 0): number {
  if (unusableReason() !== "" || getNumThreads() <= 1) return 0;
  if (!pool) pool = new Pool(getNumThreads() - 1);
  pool.resize(getNumThreads() - 1);
  pool.ensure();
  const t0 = Date.now();
  let ready = 0;
  for (const s of pool.slots) {
    if (!s) continue;
    while (Atomics.load(s.ws, WS_STATE) === STATE_BOOTING && Date.now() - t0 < waitMs) Atomics.wait(s.ws, WS_STATE, STATE_BOOTING, 10);
    if (Atomics.load(s.ws, WS_STATE) === STATE_READY) ready++;
  }
  return ready;
}

/** Terminates every worker (the next parallel job starts new ones). */
export async function shutdownThreads(): Promise<void> {
  if (!pool) return;
  const p = pool;
  pool = null;
  await Promise.all(p.slots.map((s) => (s ? p.kill(s) : undefined)));
}

/** Test hooks. */
export const _testing = {
  /** the next parallel job tells one worker to exit, throw or hang on its first chunk */
  injectFault(mode: "exit" | "throw" | "hang"): void {
    pendingFault = mode;
  },
  /** false: the calling thread only waits, so every chunk runs on a worker */
  setCallerTakesChunks(flag: boolean): void {
    callerTakesChunks = flag;
  },
  workerStates(): number[] {
    return pool ? pool.slots.map((s) => (s && !s.dead ? Atomics.load(s.ws, WS_STATE) : -1)) : [];
  },
  resetBroken(): void {
    brokenReason = "";
    bootFailures = 0;
  },
};
