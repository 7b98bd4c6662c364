// The worker pool (src/backend/threads.ts) and the TypeScript kernels it splits (parallel_ts.ts):
// parallel results equal one thread's bit for bit; torch.setNumThreads / getNumThreads as in PyTorch;
// a worker that throws, exits or hangs makes the call throw (never hang) and is replaced; an idle
// pool never keeps the process alive. Fault scenarios run in a child process (this file, with
// TG_THREADS_CHILD set) under a hard timeout, so a hang would fail the test rather than CI.
import { describe, test, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import os from "node:os";
import { fileURLToPath } from "node:url";
import * as torch from "../src/index.js";
import * as T from "../src/backend/threads.js";
import { ELEMENTWISE_MIN_WORK, MATMUL_MIN_WORK, SUM_MIN_WORK } from "../src/backend/parallel_ts.js";
import { WASM_SHARED_MATMUL_THREADS_MIN_WORK } from "../src/backend/parallel_wasm.js";
import "./helpers/thread_test_kernels.js";

// Most of this file splits the TypeScript kernels (parallel_ts.ts) across the pool: pin them ("cpu"; the
// default, "wasm", would run those ops in WebAssembly); the WebAssembly products below select "wasm" themselves.
torch.setBackend("cpu");

T.addWorkerModule(new URL("./helpers/thread_test_kernels.js", import.meta.url));

const BOOT_MS = 30000;

function bitsEqual(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

function firstDiff(a: ArrayLike<number>, b: ArrayLike<number>): string {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (!Object.is(a[i], b[i])) return `at ${i}: ${a[i]} vs ${b[i]}`;
  return `lengths ${a.length} vs ${b.length}`;
}

function values(t: torch.Tensor): ArrayLike<number> {
  const c = t.contiguous();
  return c._data.subarray(c._offset, c._offset + c.numel());
}

/** A deterministic float input with some special values, of `shape` and `dtype`. */
function input(shape: number[], dtype = torch.float32, special = false, seed = 1): torch.Tensor {
  const n = shape.reduce((x, y) => x * y, 1);
  const data = dtype === torch.float32 ? new Float32Array(n) : new Float64Array(n);
  let s = seed * 2654435761;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x297a2d39) | 0;
    data[i] = ((s >>> 0) / 2 ** 32) * 8 - 4;
  }
  if (special) {
    const sp = [NaN, Infinity, -Infinity, -0, 0, 1e-40, 89, -104, 1e30, -1e30, 3e4];
    for (let i = 0; i < sp.length; i++) data[(i * 7919) % n] = sp[i];
  }
  return new torch.Tensor(data, shape, undefined, 0, dtype);
}

/** Runs f with one thread, then with two threads (workers only, then workers and caller): same bits. */
function checkSame(name: string, f: () => torch.Tensor): void {
  torch.setNumThreads(1);
  const before = T.lastJob.parallelJobs;
  const one = values(f());
  assert.equal(T.lastJob.parallelJobs, before, `${name}: one thread must not use the pool`);
  torch.setNumThreads(2);
  assert.ok(T.startThreads(BOOT_MS) >= 1, "the worker started");
  T._testing.setCallerTakesChunks(false);
  let workers: ArrayLike<number>;
  try {
    workers = values(f());
  } finally {
    T._testing.setCallerTakesChunks(true);
  }
  assert.equal(T.lastJob.parallelJobs, before + 1, `${name}: two threads must use the pool`);
  assert.equal(T.lastJob.byCaller, 0, `${name}: every chunk on a worker`);
  assert.ok(bitsEqual(one, workers), `${name}: worker result differs ${firstDiff(one, workers)}`);
  const mixed = values(f());
  assert.ok(T.lastJob.parallel, `${name}: parallel`);
  assert.ok(bitsEqual(one, mixed), `${name}: mixed result differs ${firstDiff(one, mixed)}`);
}

const childMode = process.env.TG_THREADS_CHILD;

if (childMode) {
  await runChild(childMode);
} else {
  after(async () => {
    await T.shutdownThreads();
  });

  describe("setNumThreads / getNumThreads", () => {
    test("defaults to the number of cores, as PyTorch", () => {
      assert.equal(torch.getNumThreads(), os.availableParallelism());
    });
    test("set and get; 1 stops the workers", () => {
      const was = torch.getNumThreads();
      try {
        torch.setNumThreads(3);
        assert.equal(torch.getNumThreads(), 3);
        torch.setNumThreads(2);
        T.startThreads(BOOT_MS);
        assert.equal(T.threadPoolInfo().workers, 1);
        torch.setNumThreads(1);
        assert.equal(torch.getNumThreads(), 1);
        assert.equal(T.threadPoolInfo().workers, 0);
        const before = T.lastJob.parallelJobs;
        input([1 << 20]).add(1.5);
        input([512, 512]).mm(input([512, 512]));
        assert.equal(T.lastJob.parallelJobs, before);
      } finally {
        torch.setNumThreads(was);
      }
    });
    test("PyTorch's errors", () => {
      const cases: [unknown, string][] = [
        [0, "set_num_threads expects a positive integer"],
        [-2, "set_num_threads expects a positive integer"],
        [2.5, "set_num_threads expects an int, but got float"],
        ["2", "set_num_threads expects an int, but got str"],
        [true, "set_num_threads expects an int, but got bool"],
      ];
      const was = torch.getNumThreads();
      for (const [v, message] of cases) assert.throws(() => torch.setNumThreads(v as number), { name: "RuntimeError", message });
      assert.equal(torch.getNumThreads(), was);
    });
  });

  describe("parallel kernels give one thread's bits", () => {
    const f32 = torch.float32;
    const f64 = torch.float64;
    test("thresholds leave small problems alone", () => {
      torch.setNumThreads(2);
      const before = T.lastJob.parallelJobs;
      input([64, 64]).mm(input([64, 64]));
      input([1000]).exp();
      input([1000]).add(input([1000]));
      input([100, 100]).sum(1);
      assert.equal(T.lastJob.parallelJobs, before);
    });
    test("matmul: mm, transposed and sliced operands, bmm, mv, float32 and float64", () => {
      assert.ok(300 * 200 * 250 >= MATMUL_MIN_WORK);
      for (const dt of [f32, f64]) {
        const a = input([300, 200], dt, true, 2);
        const b = input([200, 250], dt, false, 3);
        checkSame(`mm ${dt}`, () => a.mm(b));
        checkSame(`mm transposed ${dt}`, () => b.t().mm(a.t()));
        const big = input([310, 420], dt, false, 4);
        checkSame(`mm sliced ${dt}`, () => big.index([5, 305], [10, 210]).mm(b));
        checkSame(`bmm ${dt}`, () => torch.bmm(input([4, 100, 90], dt, false, 5), input([4, 90, 110], dt, false, 6)));
        checkSame(`mv ${dt}`, () => input([2100, 1000], dt, false, 7).mv(input([1000], dt, false, 8)));
        checkSame(`matmul broadcast ${dt}`, () => torch.matmul(input([3, 130, 70], dt, false, 9), input([70, 150], dt, false, 10)));
      }
    });
    test("elementwise binary: contiguous, broadcast, scalar, strided", () => {
      const n = ELEMENTWISE_MIN_WORK + 4099;
      for (const dt of [f32, f64]) {
        const x = input([n], dt, true, 11);
        const y = input([n], dt, true, 12);
        checkSame(`add ${dt}`, () => x.add(y));
        checkSame(`sub ${dt}`, () => x.sub(y));
        checkSame(`mul ${dt}`, () => x.mul(y));
        checkSame(`div ${dt}`, () => x.div(y));
        const m = input([1030, 1031], dt, false, 13);
        checkSame(`add row broadcast ${dt}`, () => m.add(input([1031], dt, false, 14)));
        checkSame(`mul column broadcast ${dt}`, () => m.mul(input([1030, 1], dt, false, 15)));
        checkSame(`div 0-dim ${dt}`, () => m.div(torch.tensor(3, { dtype: dt })));
        checkSame(`sub transposed ${dt}`, () => m.t().sub(input([1031, 1030], dt, false, 16)));
      }
    });
    test("elementwise unary: SLEEF and Math kernels on special values", () => {
      const n = (ELEMENTWISE_MIN_WORK >> 2) + 1237;
      for (const dt of [f32, f64]) {
        const x = input([n], dt, true, 17);
        for (const op of ["exp", "log", "sin", "cos", "tanh", "sigmoid", "sqrt", "abs"] as const) checkSame(`${op} ${dt}`, () => x[op]());
        const m = input([700, 701], dt, true, 18);
        checkSame(`exp transposed ${dt}`, () => m.t().exp());
      }
    });
    test("sums split across output rows only", () => {
      assert.ok(1030 * 1031 >= SUM_MIN_WORK);
      for (const dt of [f32, f64]) {
        checkSame(`sum(1) ${dt}`, () => input([1030, 1031], dt, true, 19).sum(1));
        checkSame(`sum(1, keepdim) ${dt}`, () => input([1030, 1031], dt, false, 20).sum(1, true));
        checkSame(`sum([1, 2]) ${dt}`, () => input([40, 170, 161], dt, false, 21).sum([1, 2]));
        checkSame(`sum(-1) narrow rows ${dt}`, () => input([220000, 5], dt, false, 22).sum(-1));
        checkSame(`mean(1) ${dt}`, () => input([1030, 1031], dt, false, 23).mean(1));
      }
      // a sum with one output is never split
      torch.setNumThreads(2);
      const before = T.lastJob.parallelJobs;
      input([1 << 21]).sum();
      assert.equal(T.lastJob.parallelJobs, before);
    });
  });

  describe("WebAssembly products on the pool", () => {
    const api = torch as unknown as {
      setBackend?: (name: string, opts?: object) => Promise<void>;
      getBackend?: () => string;
      backendInfo?: () => { features: { simd: boolean; relaxedSimd: boolean } };
    };
    const simd = api.backendInfo?.().features.simd === true;
    test("rows and batches split across threads give one thread's bits", { skip: simd ? false : "no WebAssembly SIMD backend here" }, async () => {
      assert.ok(400 * 220 * 250 >= WASM_SHARED_MATMUL_THREADS_MIN_WORK && 32 * 96 * 80 * 90 >= WASM_SHARED_MATMUL_THREADS_MIN_WORK);
      const was = api.getBackend!();
      try {
        for (const fused of [false, true]) {
          if (fused && !api.backendInfo!().features.relaxedSimd) continue;
          await api.setBackend!("wasm", { fused });
          for (const dt of [torch.float32, torch.float64]) {
            const a = input([400, 220], dt, true, 31);
            const b = input([220, 250], dt, false, 32);
            checkSame(`wasm mm ${dt} fused=${fused}`, () => a.mm(b));
            checkSame(`wasm mm transposed ${dt} fused=${fused}`, () => b.t().mm(a.t()));
            checkSame(`wasm bmm ${dt} fused=${fused}`, () => torch.bmm(input([32, 96, 80], dt, false, 33), input([32, 80, 90], dt, false, 34)));
          }
        }
      } finally {
        await api.setBackend!(was);
      }
    });
  });

  describe("the pool", () => {
    test("runs a kernel by name on the workers, split as asked", () => {
      torch.setNumThreads(2);
      assert.ok(T.startThreads(BOOT_MS) >= 1);
      const out = new Float64Array(new SharedArrayBuffer(8 * 1000));
      const who = new Int32Array(new SharedArrayBuffer(4 * 1000));
      T._testing.setCallerTakesChunks(false);
      try {
        T.parallelFor("test.fill", 1000, { out, who, scale: 0.5, offset: 3 }, { chunk: 64 });
      } finally {
        T._testing.setCallerTakesChunks(true);
      }
      assert.equal(T.lastJob.chunks, 16);
      for (let i = 0; i < 1000; i++) assert.equal(out[i], i * 0.5 + 3);
      assert.ok(who.every((w) => w === 1), "worker 1 wrote every item");
    });
    test("a kernel that throws on the calling thread throws its own error", () => {
      torch.setNumThreads(2);
      assert.ok(T.startThreads(BOOT_MS) >= 1);
      const flag = new Int32Array(new SharedArrayBuffer(4));
      assert.throws(() => T.parallelFor("test.throwOnCaller", 100, { flag }, { chunk: 1 }), { name: "RangeError", message: "thrown on the caller" });
      assert.ok(T.lastJob.parallel);
      assert.throws(() => T.parallelFor("no.such.kernel", 10, {}), { name: "RuntimeError", message: /no kernel named 'no.such.kernel'/ });
    });
    test("a kernel that throws on a worker raises a RuntimeError naming it", () => {
      torch.setNumThreads(2);
      assert.ok(T.startThreads(BOOT_MS) >= 1);
      T._testing.setCallerTakesChunks(false);
      try {
        assert.throws(() => T.parallelFor("test.throwAt", 100, { bad: 55 }, { chunk: 10 }), {
          name: "RuntimeError",
          message: "worker thread 1 failed in kernel 'test.throwAt': RangeError: item 55 is bad",
        });
      } finally {
        T._testing.setCallerTakesChunks(true);
      }
      const x = input([300, 300]);
      checkSame("mm after a failure", () => x.mm(x));
    });
    for (const fault of ["throw", "exit", "hang"] as const) {
      test(`a worker that ${fault === "throw" ? "throws" : fault === "exit" ? "exits" : "hangs"} mid-job raises, never hangs, and is replaced`, () => {
        const r = child(fault);
        assert.equal(r.error, undefined, `child: ${r.error} ${r.stderr}`);
        assert.equal(r.status, 0, r.stderr);
        const result = JSON.parse(r.stdout.trim().split("\n").pop()!);
        assert.equal(result.name, "RuntimeError");
        const expected = {
          throw: /^worker thread 1 failed in kernel 'test\.slow': Error: injected fault$/,
          exit: /^worker thread 1 exited \(code 7\) while running kernel 'test\.slow'; the pool will replace it$/,
          hang: /^worker thread 1 stopped responding: it held a chunk of kernel 'test\.slow' for \d+ ms \(limit \d+ ms\) and was terminated; the pool will replace it$/,
        }[fault];
        assert.match(result.message, expected);
        assert.ok(result.failMs < 20000, `failed after ${result.failMs} ms`);
        assert.equal(result.afterOk, true, "a later call works");
        assert.equal(result.afterByWorker, true, "a later call runs on a (replacement) worker");
      });
    }
    test("an idle pool does not keep the process alive", () => {
      const t0 = Date.now();
      const r = child("idle");
      assert.equal(r.error, undefined, `child: ${r.error} ${r.stderr}`);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /idle: used 1 worker/);
      assert.ok(Date.now() - t0 < 30000);
    });
    test("shutdownThreads, then the pool starts again", async () => {
      torch.setNumThreads(2);
      T.startThreads(BOOT_MS);
      await T.shutdownThreads();
      assert.equal(T.threadPoolInfo().workers, 0);
      const x = input([300, 300]);
      checkSame("mm after shutdown", () => x.mm(x));
    });
  });
}

function child(mode: string): { status: number | null; stdout: string; stderr: string; error?: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, TG_THREADS_CHILD: mode };
  delete env.NODE_TEST_CONTEXT;
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url)], { env, encoding: "utf8", timeout: 60000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, error: r.error ? String(r.error) : undefined };
}

/** The child process: one fault scenario, its result as a JSON line on stdout. */
async function runChild(mode: string): Promise<void> {
  torch.setNumThreads(2);
  if (T.startThreads(BOOT_MS) < 1) throw new Error("no worker started");
  const job = (): { out: Float64Array; who: Int32Array } => ({
    out: new Float64Array(new SharedArrayBuffer(8 * 40)),
    who: new Int32Array(new SharedArrayBuffer(4 * 40)),
  });
  if (mode === "idle") {
    const p = job();
    T._testing.setCallerTakesChunks(false);
    T.parallelFor("test.fill", 40, { ...p, scale: 1, offset: 0 }, { chunk: 4 });
    console.log(`idle: used ${new Set(p.who).size} worker`);
    return; // no shutdown: unref'd workers must let the process end
  }
  if (mode === "hang") T.setThreadOptions({ stallTimeoutMs: 500 });
  T._testing.injectFault(mode as "throw" | "exit" | "hang");
  const t0 = Date.now();
  let name = "";
  let message = "";
  // The caller leaves every chunk to the worker, which meets the fault on its first one.
  T._testing.setCallerTakesChunks(false);
  try {
    T.parallelFor("test.slow", 40, { ...job(), ms: 5 }, { chunk: 1 });
    message = "no error";
  } catch (e) {
    name = (e as Error).name;
    message = (e as Error).message;
  }
  T._testing.setCallerTakesChunks(true);
  const failMs = Date.now() - t0;
  // A later call works, on a replacement worker when the old one died.
  let afterOk = false;
  let afterByWorker = false;
  if (T.startThreads(BOOT_MS) >= 1) {
    const p = job();
    T._testing.setCallerTakesChunks(false);
    T.parallelFor("test.fill", 40, { ...p, scale: 2, offset: 1 }, { chunk: 4 });
    T._testing.setCallerTakesChunks(true);
    afterOk = p.out.every((v, i) => v === 2 * i + 1);
    afterByWorker = p.who.every((w) => w === 1);
  }
  console.log(JSON.stringify({ name, message, failMs, afterOk, afterByWorker }));
  await T.shutdownThreads();
}
