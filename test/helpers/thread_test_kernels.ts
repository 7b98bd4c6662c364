// Kernels for test/threads.test.ts, loaded by the test and (through addWorkerModule) by every worker.
// Importing this module only registers them; node --test running it as a file does nothing else.
import { defineKernel } from "../../src/backend/threads.js";

/** Which thread this is: 0 the caller, w for pool worker w (set by worker_entry's init). */
function threadId(): number {
  return (globalThis as { __tgWorkerIndex?: number }).__tgWorkerIndex ?? 0;
}

/** out[i] = i * scale + offset; who[i] = the thread that wrote it. */
defineKernel<{ out: Float64Array; who: Int32Array; scale: number; offset: number }>("test.fill", (p, i0, i1) => {
  for (let i = i0; i < i1; i++) {
    p.out[i] = i * p.scale + p.offset;
    p.who[i] = threadId();
  }
});

/** Like test.fill, but every item takes `ms` milliseconds (so a job lasts long enough for faults). */
defineKernel<{ out: Float64Array; who: Int32Array; ms: number }>("test.slow", (p, i0, i1) => {
  for (let i = i0; i < i1; i++) {
    const t = Date.now();
    while (Date.now() - t < p.ms) {
      // spin
    }
    p.out[i] = i;
    p.who[i] = threadId();
  }
});

/** Throws on item `bad`. */
defineKernel<{ bad: number }>("test.throwAt", (p, i0, i1) => {
  if (p.bad >= i0 && p.bad < i1) throw new RangeError(`item ${p.bad} is bad`);
});

/**
 * On the calling thread: sets flag[0] and throws. On a worker: waits (up to 10 s) until the caller has
 * taken a chunk, so that the caller surely runs one however the threads are scheduled.
 */
defineKernel<{ flag: Int32Array }>("test.throwOnCaller", (p) => {
  if (threadId() === 0) {
    Atomics.store(p.flag, 0, 1);
    Atomics.notify(p.flag, 0);
    throw new RangeError("thrown on the caller");
  }
  Atomics.wait(p.flag, 0, 0, 10000);
});
