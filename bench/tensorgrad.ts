// tensorgrad's side of `npm run bench`, run in the bench process itself once per backend / thread count.
// The backend switch (`torch.setBackend`/`getBackend`, `torch.setNumThreads`/`getNumThreads`) is looked up
// at run time, so the bench runs the same before and after those functions exist.
import torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { fileURLToPath } from "node:url";
import {
  type BenchSizes, type SuiteResult, FULL_SIZES, TINY_SIZES, emitResult, emptyResult, gflops, melems, parseArgs, record, selectedKeys, timeSync,
} from "./common.js";

type Fn = (...args: unknown[]) => unknown;
const api = torch as unknown as Record<string, unknown>;
const fn = (name: string): Fn | null => (typeof api[name] === "function" ? (api[name] as Fn) : null);

/** The backend switch as far as this build of tensorgrad has it. */
export const backendApi = {
  hasBackends: (): boolean => fn("setBackend") !== null && fn("getBackend") !== null,
  hasThreads: (): boolean => fn("setNumThreads") !== null && fn("getNumThreads") !== null,
  getBackend: (): string => String(fn("getBackend")?.() ?? "ts"),
  /** Awaits the switch in case a backend needs asynchronous set-up. */
  setBackend: async (name: string, options?: Record<string, unknown>): Promise<void> => {
    const f = fn("setBackend");
    if (!f) throw new Error("this build of tensorgrad has no torch.setBackend");
    await (options ? f(name, options) : f(name));
  },
  /** torch.backendInfo() where it exists: whether the engine has relaxed SIMD, whether the fused build runs. */
  info: (): { fused?: boolean; features?: { relaxedSimd?: boolean } } | null =>
    (fn("backendInfo")?.() as { fused?: boolean; features?: { relaxedSimd?: boolean } } | undefined) ?? null,
  getNumThreads: (): number => Number(fn("getNumThreads")?.() ?? 1),
  setNumThreads: (n: number): void => {
    const f = fn("setNumThreads");
    if (!f) throw new Error("this build of tensorgrad has no torch.setNumThreads");
    f(n);
  },
};

/** Describes the configuration tensorgrad is in now, e.g. "wasm, 2 threads". */
export function describeConfig(): string {
  const b = backendApi.hasBackends()
    ? backendApi.getBackend() + (backendApi.info()?.fused ? " (relaxed-SIMD fused multiply-add build)" : "")
    : "ts (no torch.setBackend in this build)";
  const t = backendApi.hasThreads() ? `${backendApi.getNumThreads()} thread${backendApi.getNumThreads() === 1 ? "" : "s"}` : "1 thread";
  return `${b}, ${t}`;
}

export function benchMatmul(n: number, sizes: BenchSizes): number {
  const a = torch.randn([n, n]);
  const b = torch.randn([n, n]);
  let c: Tensor | null = null;
  const ms = timeSync(() => {
    (c as { dispose?: () => void } | null)?.dispose?.(); // as the TensorFlow.js suite does
    c = torch.matmul(a, b);
  }, sizes);
  if (c === null || (c as Tensor).shape[0] !== n) throw new Error("matmul produced no result");
  return gflops(n, ms);
}

/**
 * Throughput of add/exp/sum. Like the TensorFlow.js suite (which disposes every result) each result is
 * disposed before the next call, where this build has Tensor.dispose(); `gc`: left to the garbage
 * collector instead, which in a loop that never yields cannot return wasm memory (src/backend/
 * wasm_memory.ts), so past the pool's cap results go to JS memory and are copied out.
 */
export function benchElementwise(op: "add" | "exp" | "sum", n: number, sizes: BenchSizes, gc = false): number {
  const a = torch.randn([n]);
  const b = torch.randn([n]);
  let out: Tensor | null = null;
  const release = (t: Tensor | null): void => {
    if (!gc && t !== null && typeof (t as { dispose?: () => void }).dispose === "function") t.dispose();
  };
  const body = op === "add" ? () => { release(out); out = a.add(b); } : op === "exp" ? () => { release(out); out = a.exp(); } : () => { out = a.sum(); };
  const ms = timeSync(body, sizes);
  if (out === null) throw new Error(`${op} produced no result`);
  return melems(n, ms);
}

/** One SGD training step of the MLP; returns ms/step and the loss after the timed steps. */
export function benchMlp(sizes: BenchSizes): { ms: number; loss: number; firstLoss: number } {
  const { batch, inF, hidden, classes, lr } = sizes.mlp;
  const F = torch.nn.functional;
  torch.manualSeed(0);
  const w1 = torch.randn([hidden, inF]).mul(1 / Math.sqrt(inF)).requiresGrad_();
  const b1 = torch.zeros([hidden]).requiresGrad_();
  const w2 = torch.randn([classes, hidden]).mul(1 / Math.sqrt(hidden)).requiresGrad_();
  const b2 = torch.zeros([classes]).requiresGrad_();
  const x = torch.randn([batch, inF]);
  const y = torch.randint(0, classes, [batch]);
  const opt = new torch.optim.SGD([w1, b1, w2, b2], { lr });
  let loss = NaN;
  const step = () => {
    opt.zeroGrad();
    const out = F.crossEntropy(F.linear(F.relu(F.linear(x, w1, b1)), w2, b2), y);
    out.backward();
    opt.step();
    loss = out.item() as number;
  };
  step();
  const firstLoss = loss; // same seed and draws as bench/torch_peer.py: comparable with PyTorch's
  const ms = timeSync(step, sizes);
  return { ms, loss, firstLoss };
}

/** The seed's loop: f(x) = a*x**2 + b*x + c minimised by SGD; µs per zero_grad/forward/backward/step. */
export function benchQuadratic(steps: number, sizes: BenchSizes): { us: number; x: number } {
  const a = torch.tensor(1.0);
  const b = torch.tensor(-2.0);
  const c = torch.tensor(1.0);
  const x = torch.tensor(0.0, { requiresGrad: true });
  const opt = new torch.optim.SGD([x], { lr: 0.01 });
  const step = () => {
    opt.zeroGrad();
    const y = a.mul(x.pow(2)).add(b.mul(x)).add(c);
    y.backward();
    opt.step();
  };
  for (let i = 0; i < steps; i++) step(); // warm up the JIT
  const rounds: number[] = [];
  for (let r = 0; r < Math.max(1, Math.min(7, sizes.maxSamples)); r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < steps; i++) step();
    rounds.push(Number(process.hrtime.bigint() - t0) / 1e3 / steps);
  }
  rounds.sort((p, q) => p - q);
  return { us: rounds[rounds.length >> 1], x: x.item() as number };
}

/** An event-loop turn: a real program's between two pieces of work, when the GC's finalizers run. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Every selected benchmark on tensorgrad's current backend configuration, one event-loop turn apart.
 * The rows that leave results to the GC run last: in their loops the wasm memory pool fills up.
 */
export async function runTensorgradSuite(name: string, sizes: BenchSizes, keys: Set<string>): Promise<SuiteResult> {
  const res = emptyResult(name, `tensorgrad (${describeConfig()})`);
  res.checks = {};
  for (const n of sizes.matmul) if (keys.has(`matmul${n}`)) await turn().then(() => record(res, `matmul${n}`, () => benchMatmul(n, sizes)));
  for (const op of ["add", "exp", "sum"] as const) if (keys.has(op)) await turn().then(() => record(res, op, () => benchElementwise(op, sizes.elementwise, sizes)));
  await turn();
  if (keys.has("mlp")) await record(res, "mlp", () => {
    const r = benchMlp(sizes);
    res.checks!.mlpFirstLoss = r.firstLoss;
    res.checks!.mlpLoss = r.loss;
    return r.ms;
  });
  if (keys.has("quadratic")) await record(res, "quadratic", () => {
    const r = benchQuadratic(sizes.quadraticSteps, sizes);
    res.checks!.quadraticX = r.x;
    return r.us;
  });
  for (const op of ["add", "exp"] as const) if (keys.has(`${op}Gc`)) await turn().then(() => record(res, `${op}Gc`, () => benchElementwise(op, sizes.elementwise, sizes, true)));
  return res;
}

// `node dist/bench/tensorgrad.js --name tg:wasm×2 --backend wasm [--fused] --threads 2 [--tiny] [--only ...]`:
// one column of `npm run bench`, in its own process (bench/run.ts starts one per configuration).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = parseArgs(process.argv.slice(2));
  const sizes = args.has("tiny") ? TINY_SIZES : FULL_SIZES;
  const backend = args.get("backend");
  if (backend) await backendApi.setBackend(backend, args.has("fused") ? { fused: true } : undefined);
  if (args.has("threads")) backendApi.setNumThreads(Number(args.get("threads")));
  const res = await runTensorgradSuite(args.get("name") ?? "tg", sizes, selectedKeys(args.get("only"), sizes));
  emitResult(res);
  process.exit(0); // the worker pool would keep the process alive
}
