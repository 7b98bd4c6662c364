// Tensor storage inside the WebAssembly kernels' memory, so that the wasm backend runs its kernels on
// operands where they lie instead of copying them in and the result out.
//
// The memory is one shared WebAssembly.Memory (a SharedArrayBuffer underneath): growing it never
// detaches the typed arrays already handed out, and worker threads can run kernels on it too. Where the
// engine cannot create shared memory (a browser page without cross-origin isolation) nothing here is
// used and tensors keep ordinary JS storage.
//
// A "resident" storage is a Float32Array/Float64Array view of a block of that memory. The block goes
// back to the free list when the GC has collected the view (FinalizationRegistry). GC and finalizers are
// not synchronous in JS: a loop that makes large temporaries without ever yielding to the event loop can
// fill the pool before anything is returned, so the pool has a cap (`POOL_CAP_BYTES`); past it,
// allocations fall back to ordinary JS storage (the kernels then copy, as before).
//
// Only the thread that owns the pool (the one that loaded the backend) allocates and frees; workers get
// addresses.
import { RESIDENT_MIN_BYTES } from "../tensor/resident_hooks.js";

/** Most bytes resident storage may hold at once: above it, allocations fall back to JS storage. */
export const POOL_CAP_BYTES = 128 * 1024 * 1024;
let capBytes = POOL_CAP_BYTES;
/** Changes the cap (tests; an application that wants less or more); returns the previous one. */
export function setPoolCap(bytes: number): number {
  const old = capBytes;
  capBytes = bytes;
  return old;
}
const PAGE = 65536;
const MAX_PAGES = 65536;
const ALIGN = 64;

type FloatArray = Float32Array | Float64Array;
type FloatCtor = Float32ArrayConstructor | Float64ArrayConstructor;

interface Block {
  addr: number;
  size: number;
}

let memory: WebAssembly.Memory | null = null;
let probed = false;
/** every SharedArrayBuffer the memory has exposed (one per size it has had): views of any are resident */
const generations = new Set<ArrayBufferLike>();
/**
 * Where the pool starts. Below it: the modules' static data, which every instantiation (one per build
 * and thread) writes again, so no block may ever lie there.
 */
const POOL_BASE = 1 << 20;
/** the end of the highest block handed out */
let top = POOL_BASE;
/** free blocks, sorted by address, neighbours always coalesced */
const free: Block[] = [];
let liveBytes = 0;
let residentBytes = 0;
let liveBlocks = 0;
let fallbacks = 0;

const registry: FinalizationRegistry<Block> | null =
  typeof FinalizationRegistry === "function"
    ? new FinalizationRegistry<Block>((b) => releaseResident(b))
    : null;

/** Returns a resident storage's block (collected by the GC, or freed by Tensor.dispose). */
function releaseResident(b: Block): void {
  residentBytes -= b.size;
  release(b);
}

/**
 * The shared memory the kernels' shared builds import, created on first call; null where the engine
 * cannot share memory (no SharedArrayBuffer, no cross-origin isolation, or no FinalizationRegistry).
 */
export function sharedMemory(): WebAssembly.Memory | null {
  if (probed) return memory;
  probed = true;
  if (typeof SharedArrayBuffer !== "function" || registry === null) return null;
  const g = globalThis as { crossOriginIsolated?: boolean };
  if (g.crossOriginIsolated === false) return null;
  try {
    memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
  } catch {
    memory = null;
  }
  if (memory) generations.add(memory.buffer);
  return memory;
}

/** Checks that a module's static data (up to `end`) lies below the pool. */
export function checkStaticEnd(end: number): void {
  if (end > POOL_BASE) throw new Error(`tensorgrad wasm: the module's static data (${end} bytes) overlaps the storage pool`);
}

function ensureBytes(end: number): boolean {
  const mem = memory!;
  const size = mem.buffer.byteLength;
  if (end <= size) return true;
  const pages = Math.ceil((end - size) / PAGE);
  if (size / PAGE + pages > MAX_PAGES) return false;
  try {
    mem.grow(pages);
  } catch {
    return false;
  }
  generations.add(mem.buffer);
  return true;
}

/** A block of at least `bytes` bytes (64-byte aligned), or null when the memory cannot grow. */
export function allocBlock(bytes: number): Block | null {
  if (!sharedMemory()) return null;
  const size = Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
  // best fit among the free blocks
  let best = -1;
  for (let i = 0; i < free.length; i++) if (free[i].size >= size && (best < 0 || free[i].size < free[best].size)) best = i;
  let block: Block;
  if (best >= 0) {
    const f = free[best];
    if (f.size - size >= RESIDENT_MIN_BYTES) {
      block = { addr: f.addr, size };
      f.addr += size;
      f.size -= size;
    } else {
      block = f;
      free.splice(best, 1);
    }
  } else {
    // extend the top (taking in a free block that ends there)
    const last = free[free.length - 1];
    const start = last && last.addr + last.size === top ? last.addr : top;
    const end = start + size;
    if (!ensureBytes(end)) return null;
    if (start !== top) free.pop();
    top = end;
    block = { addr: start, size };
  }
  liveBytes += block.size;
  liveBlocks++;
  return block;
}

/** Returns a block to the pool. */
export function release(b: Block): void {
  liveBytes -= b.size;
  liveBlocks--;
  // insert sorted by address, then merge with the neighbours
  let lo = 0;
  let hi = free.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (free[mid].addr < b.addr) lo = mid + 1;
    else hi = mid;
  }
  const f: Block = { addr: b.addr, size: b.size };
  free.splice(lo, 0, f);
  const next = free[lo + 1];
  if (next && f.addr + f.size === next.addr) {
    f.size += next.size;
    free.splice(lo + 1, 1);
  }
  const prev = free[lo - 1];
  if (prev && prev.addr + prev.size === f.addr) {
    prev.size += f.size;
    free.splice(lo, 1);
  }
}

/**
 * n elements of `Ctor` in the pool, zero-filled when `zero`, freed when the GC collects the returned
 * array; null when n is below the residency size or the pool is full.
 */
export function allocResident(Ctor: FloatCtor, n: number, zero: boolean): FloatArray | null {
  const bytes = n * Ctor.BYTES_PER_ELEMENT;
  if (bytes < RESIDENT_MIN_BYTES) return null;
  // the cap: resident storage is only returned when the GC finalizes it (see the top of this file)
  const block = residentBytes + bytes <= capBytes ? allocBlock(bytes) : null;
  if (block === null) {
    fallbacks++;
    return null;
  }
  residentBytes += block.size;
  const arr = new Ctor(memory!.buffer, block.addr, n);
  if (zero) arr.fill(0);
  registry!.register(arr, block, arr);
  blockOf.set(arr, block);
  return arr;
}

const blockOf = new WeakMap<ArrayBufferView, Block>();

/** Whether `a` is storage allocResident() handed out (and not freed). */
export function isResidentStorage(a: ArrayBufferView): boolean {
  return blockOf.has(a);
}

/**
 * Frees resident storage now (Tensor.dispose, when no other tensor uses it); the caller guarantees
 * nothing reads `a` afterwards.
 */
export function freeResident(a: ArrayBufferView): void {
  const block = blockOf.get(a);
  if (block === undefined) return;
  blockOf.delete(a);
  registry!.unregister(a);
  releaseResident(block);
}

/** The byte address of element 0 of `a` in the shared memory, or -1 when `a` is not resident. */
export function addressOf(a: ArrayBufferView): number {
  return generations.has(a.buffer) ? a.byteOffset : -1;
}

export interface PoolInfo {
  /** whether the engine gave shared memory (else tensors keep JS storage) */
  shared: boolean;
  /** bytes of the memory (it never shrinks) */
  memoryBytes: number;
  /** bytes held by resident storage (counted against the cap) */
  residentBytes: number;
  /** bytes and number of blocks held by resident storage and by kernels' temporaries */
  liveBytes: number;
  liveBlocks: number;
  /** bytes in the free list */
  freeBytes: number;
  capBytes: number;
  /** allocations that found the pool full and got JS storage instead */
  fallbacks: number;
}

export function poolInfo(): PoolInfo {
  let freeBytes = 0;
  for (const f of free) freeBytes += f.size;
  return {
    shared: memory !== null,
    memoryBytes: memory ? memory.buffer.byteLength : 0,
    residentBytes,
    liveBytes,
    liveBlocks,
    freeBytes,
    capBytes,
    fallbacks,
  };
}
