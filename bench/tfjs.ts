// TensorFlow.js peers of `npm run bench`: the pure-JS "cpu" backend and the WebAssembly backend
// (@tensorflow/tfjs-backend-wasm: SIMD build, and the threaded-SIMD build through bench/tfjs_threads.ts).
// Run as a child process, one backend variant per process:
//   node dist/bench/tfjs.js --variant cpu|wasm|wasm-threads [--only keys] [--tiny]
// and prints its SuiteResult as JSON on a line marked RESULT_MARK.
// tfjs's cpu and wasm kernels run synchronously inside each op call (neither backend defers work), so an
// op's time is the call; matmul and the training step also read their result (dataSync) every call.
import { fileURLToPath } from "node:url";
import type * as TF from "@tensorflow/tfjs";
import {
  type BenchSizes, type SuiteResult, FULL_SIZES, TINY_SIZES, emitResult, emptyResult, gflops, melems, parseArgs,
  randomData, randomLabels, record, selectedKeys, timeSync,
} from "./common.js";
import { installTfjsThreadsShim } from "./tfjs_threads.js";

export type TfjsVariant = "cpu" | "wasm" | "wasm-threads";
type Tf = typeof TF;

export const TFJS_LABELS: Record<TfjsVariant, string> = {
  cpu: "tfjs-cpu",
  wasm: "tfjs-wasm",
  "wasm-threads": "tfjs-wasm-mt",
};

/** Imports tfjs with the requested backend active; returns it and a description of what it runs. */
export async function initTfjs(variant: TfjsVariant, threads?: number): Promise<{ tf: Tf; info: string }> {
  if (variant === "wasm-threads") installTfjsThreadsShim({ doubleCpuCount: true });
  const tf: Tf = await import("@tensorflow/tfjs");
  const version = tf.version?.["tfjs-core"] ?? "?";
  if (variant === "cpu") {
    if (!(await tf.setBackend("cpu"))) throw new Error("tfjs cpu backend failed to initialise");
    await tf.ready();
    // The cpu backend's first tensor prints an advert for tfjs-node (console.warn); take it here, muted.
    const warn = console.warn;
    console.warn = () => {};
    try {
      tf.scalar(0).dispose();
    } finally {
      console.warn = warn;
    }
    return { tf, info: `@tensorflow/tfjs ${version}, backend "cpu" (pure JavaScript)` };
  }
  const wasm = await import("@tensorflow/tfjs-backend-wasm");
  if (variant === "wasm-threads") {
    tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", true);
    if (threads) wasm.setThreadsCount(threads);
  }
  if (!(await tf.setBackend("wasm"))) throw new Error(`tfjs wasm backend (${variant}) failed to initialise`);
  await tf.ready();
  const simd = Boolean(await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT"));
  const mt = Boolean(await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT"));
  const n = wasm.getThreadsCount();
  const build = mt && simd ? "threaded-SIMD build" : simd ? "SIMD build" : "plain build";
  const how = variant === "wasm-threads" ? "; threads forced on in Node through bench/tfjs_threads.ts" : "; Node default: no threads";
  return { tf, info: `@tensorflow/tfjs-backend-wasm ${version}, ${build}, XNNPACK with ${n} thread${n === 1 ? "" : "s"}${how}` };
}

export function tfjsMatmul(tf: Tf, n: number, sizes: BenchSizes): number {
  const a = tf.tensor2d(randomData(n * n, 1), [n, n]);
  const b = tf.tensor2d(randomData(n * n, 2), [n, n]);
  const ms = timeSync(() => {
    const c = tf.matMul(a, b);
    c.dataSync();
    c.dispose();
  }, sizes);
  a.dispose();
  b.dispose();
  return gflops(n, ms);
}

export function tfjsElementwise(tf: Tf, op: "add" | "exp" | "sum", n: number, sizes: BenchSizes): number {
  const a = tf.tensor1d(randomData(n, 3));
  const b = tf.tensor1d(randomData(n, 4));
  const f = op === "add" ? () => tf.add(a, b) : op === "exp" ? () => tf.exp(a) : () => tf.sum(a);
  const ms = timeSync(() => f().dispose(), sizes);
  // The result is really there: read one once, after timing.
  const check = f();
  const v = check.dataSync();
  check.dispose();
  if (!(v.length > 0 && Number.isFinite(v[0]))) throw new Error(`${op} gave no finite result`);
  a.dispose();
  b.dispose();
  return melems(n, ms);
}

export function tfjsMlp(tf: Tf, sizes: BenchSizes): { ms: number; loss: number; leaked: number } {
  const { batch, inF, hidden, classes, lr } = sizes.mlp;
  const w1 = tf.variable(tf.tensor2d(randomData(inF * hidden, 11), [inF, hidden]).mul(1 / Math.sqrt(inF)));
  const b1 = tf.variable(tf.zeros([hidden]));
  const w2 = tf.variable(tf.tensor2d(randomData(hidden * classes, 12), [hidden, classes]).mul(1 / Math.sqrt(hidden)));
  const b2 = tf.variable(tf.zeros([classes]));
  const x = tf.tensor2d(randomData(batch * inF, 5), [batch, inF]);
  const labels = tf.tensor1d(randomLabels(batch, classes), "int32");
  const y = tf.oneHot(labels, classes);
  const opt = tf.train.sgd(lr);
  const vars = [w1, b1, w2, b2];
  let loss = NaN;
  const step = () => {
    const cost = opt.minimize(() => {
      const h = tf.relu(tf.add(tf.matMul(x, w1), b1));
      const logits = tf.add(tf.matMul(h, w2), b2);
      return tf.losses.softmaxCrossEntropy(y, logits) as TF.Scalar;
    }, true, vars);
    loss = cost!.dataSync()[0];
    cost!.dispose();
  };
  step();
  const before = tf.memory().numTensors;
  const ms = timeSync(step, sizes);
  const leaked = tf.memory().numTensors - before;
  for (const t of [...vars, x, labels, y]) t.dispose();
  opt.dispose();
  return { ms, loss, leaked };
}

export async function runTfjsSuite(variant: TfjsVariant, sizes: BenchSizes, keys: Set<string>, threads?: number): Promise<SuiteResult> {
  const { tf, info } = await initTfjs(variant, threads);
  const res = emptyResult(TFJS_LABELS[variant], info);
  res.checks = {};
  for (const n of sizes.matmul) if (keys.has(`matmul${n}`)) await record(res, `matmul${n}`, () => tfjsMatmul(tf, n, sizes));
  for (const op of ["add", "exp", "sum"] as const) if (keys.has(op)) await record(res, op, () => tfjsElementwise(tf, op, sizes.elementwise, sizes));
  if (keys.has("mlp")) await record(res, "mlp", () => {
    const r = tfjsMlp(tf, sizes);
    res.checks!.mlpLoss = r.loss;
    res.checks!.mlpTensorsLeaked = r.leaked;
    return r.ms;
  });
  return res;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = parseArgs(process.argv.slice(2));
  const variant = (args.get("variant") ?? "wasm") as TfjsVariant;
  const sizes = args.has("tiny") ? TINY_SIZES : FULL_SIZES;
  const keys = selectedKeys(args.get("only"), sizes);
  const threads = args.has("threads") ? Number(args.get("threads")) : undefined;
  const res = await runTfjsSuite(variant, sizes, keys, threads);
  emitResult(res);
  process.exit(0); // the threaded build's workers would keep the process alive
}
