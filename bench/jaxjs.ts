// jax-js peer of `npm run bench` (@jax-js/jax on its "wasm" device). Run as a child process:
//   node dist/bench/jaxjs.js [--only keys] [--tiny]
// jax-js is lazy (ops build a graph that runs when a result is needed), so every timed call waits for
// its result with `blockUntilReady()` (which runs the kernels without copying the data out).
// Its wasm device uses Web Workers over SharedArrayBuffer when `Worker` is a global; Node has no global
// `Worker`, so in Node it runs on one thread. The training step is `jit(valueAndGrad)` plus the SGD
// update, compiled once, the way jax-js's own MNIST demo trains.
import { fileURLToPath } from "node:url";
import type * as JAX from "@jax-js/jax";
import {
  type BenchSizes, type SuiteResult, FULL_SIZES, TINY_SIZES, emitResult, emptyResult, gflops, melems, parseArgs,
  randomData, randomLabels, record, selectedKeys, timeAsync,
} from "./common.js";

type Jax = typeof JAX;
type Arr = JAX.Array;

export async function initJax(): Promise<{ jax: Jax; info: string }> {
  const jax = await import("@jax-js/jax");
  const devices = await jax.init("wasm");
  if (!devices.includes("wasm")) throw new Error(`jax-js has no wasm device here (devices: ${devices.join(", ")})`);
  jax.defaultDevice("wasm");
  const threaded = typeof SharedArrayBuffer !== "undefined" && typeof (globalThis as { Worker?: unknown }).Worker !== "undefined";
  return { jax, info: `@jax-js/jax, device "${jax.defaultDevice()}" (WebAssembly), ${threaded ? "Web Workers" : "1 thread: no global Worker in Node"}` };
}

export async function jaxMatmul(jax: Jax, n: number, sizes: BenchSizes): Promise<number> {
  const np = jax.numpy;
  const a = np.array(randomData(n * n, 1)).reshape([n, n]);
  const b = np.array(randomData(n * n, 2)).reshape([n, n]);
  await jax.blockUntilReady([a, b]);
  const ms = await timeAsync(async () => {
    const c = np.matmul(a.ref, b.ref);
    await c.blockUntilReady();
    c.dispose();
  }, sizes);
  a.dispose();
  b.dispose();
  return gflops(n, ms);
}

export async function jaxElementwise(jax: Jax, op: "add" | "exp" | "sum", n: number, sizes: BenchSizes): Promise<number> {
  const np = jax.numpy;
  const a = np.array(randomData(n, 3));
  const b = np.array(randomData(n, 4));
  await jax.blockUntilReady([a, b]);
  const f = op === "add" ? () => np.add(a.ref, b.ref) : op === "exp" ? () => np.exp(a.ref) : () => np.sum(a.ref);
  const ms = await timeAsync(async () => {
    const c = f();
    await c.blockUntilReady();
    c.dispose();
  }, sizes);
  const check = f().dataSync();
  if (!(check.length > 0 && Number.isFinite(check[0]))) throw new Error(`${op} gave no finite result`);
  a.dispose();
  b.dispose();
  return melems(n, ms);
}

type Params = { w1: Arr; b1: Arr; w2: Arr; b2: Arr };

export async function jaxMlp(jax: Jax, sizes: BenchSizes): Promise<{ ms: number; loss: number }> {
  const { numpy: np, nn, tree, jit, valueAndGrad } = jax;
  const { batch, inF, hidden, classes, lr } = sizes.mlp;
  let params: Params = {
    w1: np.array(randomData(inF * hidden, 11)).reshape([inF, hidden]).mul(1 / Math.sqrt(inF)),
    b1: np.zeros([hidden]),
    w2: np.array(randomData(hidden * classes, 12)).reshape([hidden, classes]).mul(1 / Math.sqrt(hidden)),
    b2: np.zeros([classes]),
  };
  const x = np.array(randomData(batch * inF, 5)).reshape([batch, inF]);
  const y = nn.oneHot(np.array(randomLabels(batch, classes), { dtype: np.int32 }), classes);
  const lossFn = (p: Params, xb: Arr, yb: Arr): Arr => {
    const h = nn.relu(np.dot(xb, p.w1).add(p.b1));
    const logits = np.dot(h, p.w2).add(p.b2);
    return nn.logSoftmax(logits).mul(yb).sum().mul(-1 / batch);
  };
  const step = jit((p: Params, xb: Arr, yb: Arr): [Arr, Params] => {
    const [l, g] = valueAndGrad(lossFn)(tree.ref(p), xb, yb) as [Arr, Params];
    return [l, {
      w1: p.w1.sub(g.w1.mul(lr)), b1: p.b1.sub(g.b1.mul(lr)),
      w2: p.w2.sub(g.w2.mul(lr)), b2: p.b2.sub(g.b2.mul(lr)),
    }];
  });
  let loss = NaN;
  const ms = await timeAsync(async () => {
    const [l, next] = step(params, x.ref, y.ref) as unknown as [Arr, Params];
    params = next;
    loss = l.item();
    await jax.blockUntilReady(params);
  }, sizes);
  tree.dispose(params);
  x.dispose();
  y.dispose();
  step.dispose();
  return { ms, loss };
}

export async function runJaxSuite(sizes: BenchSizes, keys: Set<string>): Promise<SuiteResult> {
  const { jax, info } = await initJax();
  const res = emptyResult("jax-js-wasm", info);
  res.checks = {};
  for (const n of sizes.matmul) if (keys.has(`matmul${n}`)) await record(res, `matmul${n}`, () => jaxMatmul(jax, n, sizes));
  for (const op of ["add", "exp", "sum"] as const) if (keys.has(op)) await record(res, op, () => jaxElementwise(jax, op, sizes.elementwise, sizes));
  if (keys.has("mlp")) await record(res, "mlp", async () => {
    const r = await jaxMlp(jax, sizes);
    res.checks!.mlpLoss = r.loss;
    return r.ms;
  });
  return res;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = parseArgs(process.argv.slice(2));
  const sizes = args.has("tiny") ? TINY_SIZES : FULL_SIZES;
  const keys = selectedKeys(args.get("only"), sizes);
  emitResult(await runJaxSuite(sizes, keys));
  process.exit(0);
}
