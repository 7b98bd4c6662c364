// The worker side of src/backend/threads.ts: a Node worker_threads worker or a browser module Web
// Worker. It loads the kernels (thread_kernels.ts, plus the modules named by addWorkerModule), then
// for every job message takes chunks from the job's shared counter until none are left.
import {
  C_DONE, C_ERR_LEN, C_FAIL, C_FAIL_WORKER, C_NEXT, C_WAKE, ERR_BYTES, FAIL_NONE, FAIL_THREW, getKernel, type JobMessage, runWarmups,
  setWorkerValue, STATE_EXITED, STATE_READY, WS_EXIT, WS_JOB, WS_STATE, WS_T0,
} from "./threads.js";
import "./thread_kernels.js";
import "./thread_kernels_wasm.js";

/* eslint-disable @typescript-eslint/no-explicit-any */
const g = globalThis as any;
const isNode = !!g.process?.versions?.node;
const wtSpec = "node:worker_threads";
const port: any = isNode ? (await import(wtSpec)).parentPort : null;

let ws: Int32Array | null = null;
let index = 0;
let current: Int32Array | null = null;

function wake(ctl: Int32Array): void {
  Atomics.add(ctl, C_WAKE, 1);
  Atomics.notify(ctl, C_WAKE);
}

if (isNode) {
  // process.exit() or an uncaught error ends this thread: say so, and wake a caller waiting on us.
  g.process.on("exit", (code: number) => {
    if (!ws) return;
    Atomics.store(ws, WS_EXIT, code);
    Atomics.store(ws, WS_STATE, STATE_EXITED);
    Atomics.notify(ws, WS_JOB);
    if (current) wake(current);
  });
}

function reportError(m: JobMessage, e: unknown): void {
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  const bytes = new TextEncoder().encode(text).subarray(0, ERR_BYTES);
  m.err.set(bytes);
  Atomics.store(m.ctl, C_ERR_LEN, bytes.length);
  if (Atomics.compareExchange(m.ctl, C_FAIL, FAIL_NONE, FAIL_THREW) === FAIL_NONE) Atomics.store(m.ctl, C_FAIL_WORKER, index + 1);
  Atomics.store(m.ctl, C_NEXT, 0x3fffffff);
}

function runJob(m: JobMessage): void {
  const kernel = getKernel(m.kernel);
  if (!kernel || !ws) return; // this worker can't help with it; the others and the caller will
  const { ctl, n, chunk, chunks } = m;
  let fault = m.fault;
  let silent = false;
  current = ctl;
  try {
    for (;;) {
      // Announce before taking a chunk, so a caller cleaning up after a failure waits for us (the
      // time first: a caller that sees the job number must not read an old start time).
      Atomics.store(ws, WS_T0, Date.now() & 0x3fffffff);
      Atomics.store(ws, WS_JOB, m.seq);
      if (Atomics.load(ctl, C_FAIL) !== FAIL_NONE) break;
      const c = Atomics.add(ctl, C_NEXT, 1);
      if (c >= chunks) break;
      Atomics.store(ws, WS_T0, Date.now() & 0x3fffffff);
      try {
        if (fault) {
          const f = fault;
          fault = undefined;
          if (f === "exit") {
            if (isNode) g.process.exit(7);
            // A browser worker that closes itself runs no handler: the caller's watchdog must notice.
            silent = true;
            g.close();
            return;
          }
          if (f === "throw") throw new Error("injected fault");
          if (f === "hang") for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
        }
        kernel(m.args, c * chunk, Math.min(n, (c + 1) * chunk));
      } catch (e) {
        reportError(m, e);
        wake(ctl);
        break;
      }
      Atomics.add(ctl, C_DONE, 1);
      wake(ctl);
    }
  } finally {
    if (!silent) Atomics.store(ws, WS_JOB, 0);
    Atomics.notify(ws, WS_JOB);
    current = null;
  }
}

let chain: Promise<void> = Promise.resolve();

async function handle(m: any): Promise<void> {
  if (m.type === "job") runJob(m as JobMessage);
  else if (m.type === "import") await import(m.url);
  else if (m.type === "value") setWorkerValue(m.key, m.value);
  else if (m.type === "init") {
    index = m.index;
    for (const [key, value] of m.values as [string, unknown][]) setWorkerValue(key, value);
    g.__tgWorkerIndex = index + 1; // which thread this is, for tests
    for (const url of m.modules as string[]) await import(url);
    runWarmups();
    ws = m.ws as Int32Array;
    Atomics.store(ws, WS_STATE, STATE_READY);
    Atomics.notify(ws, WS_STATE);
  }
}

function onMessage(m: any): void {
  // Jobs run in order, after the imports before them.
  chain = chain.then(() => handle(m)).catch((e) => {
    if (m.type === "job") {
      reportError(m, e);
      wake(m.ctl);
    } else console.error("tensorgrad worker:", e);
  });
}

if (port) port.on("message", onMessage);
else g.onmessage = (e: any) => onMessage(e.data);
