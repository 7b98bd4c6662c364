// The WebAssembly kernels against the TypeScript ones, single-threaded: matmul GFLOP/s at n = 64, 256,
// 1024 (the kernel alone, the kernel with its copies in and out, and torch.mm on each backend), the
// copies' share, and elementwise / reduction / softmax times around the dispatch thresholds.
//   npx tsc -p . && node dist/bench/wasm_kernels.js [--quick]
// Times are CPU time of this process (process.cpuUsage), best of several runs: on a shared machine
// wall time mostly measures the neighbours.
import * as torch from "../src/index.js";
import * as K from "../src/backend/cpu.js";
import * as W from "../src/backend/wasm.js";

const quick = process.argv.includes("--quick");
const t = torch as unknown as { setNumThreads?: (n: number) => void };
t.setNumThreads?.(1);
W.loadSync(false);

function cpuMs(): number {
  return process.cpuUsage().user / 1000;
}

/** Best per-call milliseconds of `f` over `trials` runs of enough calls to take ~budget ms. */
function time(f: () => void, budget = quick ? 60 : 250, trials = quick ? 3 : 5): number {
  f();
  let reps = 1;
  for (;;) {
    const t0 = cpuMs();
    for (let r = 0; r < reps; r++) f();
    const dt = cpuMs() - t0;
    if (dt > budget / 4 || reps > 1 << 20) break;
    reps *= 4;
  }
  let best = Infinity;
  for (let k = 0; k < trials; k++) {
    const t0 = cpuMs();
    for (let r = 0; r < reps; r++) f();
    best = Math.min(best, (cpuMs() - t0) / reps);
  }
  return best;
}

function randomArray(n: number, f32: boolean): Float32Array | Float64Array {
  const a = f32 ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = Math.random() * 2 - 1;
  return a;
}

const view = (d: Float32Array | Float64Array, shape: number[]): K.StridedView => ({ _data: d, _shape: shape, _strides: shape.length === 2 ? [shape[1], 1] : [1], _offset: 0 });

console.log("matmul, single thread (GFLOP/s; 2n^3 flops)");
console.log("dtype    n   wasm-kernel  wasm+copies  torch.mm(wasm)  torch.mm(cpu)  copies");
for (const f32 of [true, false])
  for (const n of quick ? [64, 256] : [64, 256, 1024]) {
    const flops = 2 * n ** 3;
    const a = randomArray(n * n, f32);
    const b = randomArray(n * n, f32);
    const out = f32 ? new Float32Array(n * n) : new Float64Array(n * n);
    const withCopies = time(() => W.matmul(view(a, [n, n]), view(b, [n, n]), out, 1, n, n, n, 0, 0));
    // the kernel alone: operands already in linear memory (what a zero-copy storage would give)
    const kernelOnly = time(W.kernelOnlyMatmul(f32, n));
    const ta = torch.tensor(Array.from(a), { dtype: f32 ? "float32" : "float64" }).reshape([n, n]);
    const tb = torch.tensor(Array.from(b), { dtype: f32 ? "float32" : "float64" }).reshape([n, n]);
    torch.setBackend("wasm");
    const opWasm = time(() => ta.mm(tb));
    torch.setBackend("cpu");
    const opCpu = n > 256 && !f32 ? NaN : time(() => ta.mm(tb), 200, 2);
    const g = (ms: number): string => (flops / ms / 1e6).toFixed(1).padStart(11);
    console.log(
      `${f32 ? "float32" : "float64"} ${String(n).padStart(4)} ${g(kernelOnly)} ${g(withCopies)} ${g(opWasm).padStart(15)} ${g(opCpu).padStart(14)}  ${(((withCopies - kernelOnly) / withCopies) * 100).toFixed(1)}%`,
    );
  }

console.log("\nelementwise / reductions / softmax, float32 (microseconds per call: cpu -> wasm backend, thresholds 'always')");
const cases: [string, (x: torch.Tensor, y: torch.Tensor) => unknown][] = [
  ["add", (x, y) => x.add(y)],
  ["mul scalar", (x) => x.mul(1.5)],
  ["add row", (x, y) => x.add(y.select(0, 0))],
  ["exp", (x) => x.exp()],
  ["tanh", (x) => x.tanh()],
  ["sigmoid", (x) => x.sigmoid()],
  ["relu", (x) => x.relu()],
  ["sum", (x) => x.sum()],
  ["sum(-1)", (x) => x.sum(-1)],
  ["max", (x) => x.max()],
  ["softmax(-1)", (x) => torch.nn.functional.softmax(x, -1)],
];
const sizes = quick ? [256, 16384] : [64, 256, 1024, 4096, 16384, 262144, 1048576];
console.log(`${"op".padEnd(12)} ${sizes.map((s) => String(s).padStart(16)).join("")}`);
for (const [name, f] of cases) {
  const cells: string[] = [];
  for (const n of sizes) {
    const cols = Math.min(n, 256);
    const x = torch.randn([n / cols, cols]);
    const y = torch.randn([n / cols, cols]);
    torch.setBackend("cpu");
    const c = time(() => f(x, y), 60, 3) * 1000;
    torch.setBackend("wasm", { thresholds: "always" });
    const w = time(() => f(x, y), 60, 3) * 1000;
    torch.setBackend("cpu");
    cells.push(`${c.toFixed(c < 100 ? 1 : 0)}->${w.toFixed(w < 100 ? 1 : 0)}`.padStart(16));
  }
  console.log(`${name.padEnd(12)} ${cells.join("")}`);
}
