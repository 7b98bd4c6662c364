// Worker-pool speedups: each kernel with 1 thread and with 2 (or --threads N), the same inputs, the
// results checked equal bit for bit. Timings only (no assertions): `node dist/bench/threads.js`.
//   --only matmul,add   rows whose names start with these
//   --reps N            timed repetitions per configuration (default 7; the 1024² TS product uses 3)
// Prints the median and best wall time of each configuration and the load average, since other
// processes on a small machine take cores from the workers.
import os from "node:os";
import * as torch from "../src/index.js";
import * as T from "../src/backend/threads.js";

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const only = opt("only")?.split(",") ?? null;
const reps = Number(opt("reps") ?? 7);
const many = Number(opt("threads") ?? 2);

type Api = { setBackend?: (n: string) => unknown };
const api = torch as unknown as Api;
function backend(name: "cpu" | "wasm"): boolean {
  if (!api.setBackend) return name === "cpu";
  try {
    void api.setBackend(name);
    return true;
  } catch {
    return false;
  }
}

function measure(f: () => torch.Tensor, n: number): { median: number; best: number; out: torch.Tensor } {
  let out = f();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    out = f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[times.length >> 1], best: times[0], out };
}

function sameBits(a: torch.Tensor, b: torch.Tensor): boolean {
  const x = a.contiguous()._data;
  const y = b.contiguous()._data;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
  return true;
}

interface Row {
  name: string;
  backend: "cpu" | "wasm";
  make: () => () => torch.Tensor;
  reps?: number;
}

const rows: Row[] = [
  { name: "matmul 1024² f32", backend: "cpu", reps: 3, make: () => { const a = torch.rand([1024, 1024]); const b = torch.rand([1024, 1024]); return () => a.mm(b); } },
  { name: "matmul 256² f32", backend: "cpu", make: () => { const a = torch.rand([256, 256]); const b = torch.rand([256, 256]); return () => a.mm(b); } },
  { name: "add 1M f32", backend: "cpu", make: () => { const a = torch.rand([1 << 20]); const b = torch.rand([1 << 20]); return () => a.add(b); } },
  { name: "mul 1M f32", backend: "cpu", make: () => { const a = torch.rand([1 << 20]); const b = torch.rand([1 << 20]); return () => a.mul(b); } },
  { name: "exp 1M f32", backend: "cpu", make: () => { const a = torch.rand([1 << 20]); return () => a.exp(); } },
  { name: "tanh 1M f32", backend: "cpu", make: () => { const a = torch.rand([1 << 20]); return () => a.tanh(); } },
  { name: "sum(1) 1024×1024 f32", backend: "cpu", make: () => { const a = torch.rand([1024, 1024]); return () => a.sum(1); } },
  { name: "wasm matmul 256² f32", backend: "wasm", make: () => { const a = torch.rand([256, 256]); const b = torch.rand([256, 256]); return () => a.mm(b); } },
  { name: "wasm matmul 512² f32", backend: "wasm", make: () => { const a = torch.rand([512, 512]); const b = torch.rand([512, 512]); return () => a.mm(b); } },
  { name: "wasm matmul 1024² f32", backend: "wasm", make: () => { const a = torch.rand([1024, 1024]); const b = torch.rand([1024, 1024]); return () => a.mm(b); } },
  { name: "wasm mlp fwd 128×784·784×256", backend: "wasm", make: () => { const a = torch.rand([128, 784]); const b = torch.rand([784, 256]); return () => a.mm(b); } },
  // the thresholds of parallel_wasm.ts (products on the shared memory, elementwise kernels)
  ...([[64, 256, 256], [128, 256, 256], [256, 256, 256]] as const).map(([m, k, n]): Row => ({
    name: `wasm matmul ${m}×${k}·${k}×${n} (2^${Math.log2(m * k * n)})`, backend: "wasm", make: () => { const a = torch.rand([m, k]); const b = torch.rand([k, n]); return () => a.mm(b); },
  })),
  ...[16, 18, 20, 22].flatMap((lg): Row[] => [
    { name: `wasm exp 2^${lg} f32`, backend: "wasm", make: () => { const a = torch.rand([2 ** lg]); return () => a.exp(); } },
    { name: `wasm add 2^${lg} f32`, backend: "wasm", make: () => { const a = torch.rand([2 ** lg]); const b = torch.rand([2 ** lg]); return () => a.add(b); } },
  ]),
];

const load = (): string => os.loadavg().map((l) => l.toFixed(2)).join(" ");
console.log(`tensorgrad worker-pool speedups: ${os.cpus()[0]?.model ?? "?"} × ${os.availableParallelism()}, node ${process.version}`);
console.log(`load average before: ${load()}`);
torch.setNumThreads(many);
console.log(`workers ready: ${T.startThreads(30000)} of ${many - 1}`);
console.log("| kernel | 1 thread median (best) ms | " + `${many} threads median (best) ms | speedup (median) | same bits | chunks on the caller |`);
console.log("|---|---|---|---|---|---|");
for (const row of rows) {
  if (only && !only.some((p) => row.name.startsWith(p) || row.name.includes(p))) continue;
  if (!backend(row.backend)) {
    console.log(`| ${row.name} | backend ${row.backend} unavailable | | | | |`);
    continue;
  }
  const f = row.make();
  const n = row.reps ?? reps;
  torch.setNumThreads(1);
  const one = measure(f, n);
  torch.setNumThreads(many);
  T.startThreads(30000);
  const jobs = T.lastJob.parallelJobs;
  const par = measure(f, n);
  const used = T.lastJob.parallelJobs > jobs;
  console.log(
    `| ${row.name} | ${one.median.toFixed(2)} (${one.best.toFixed(2)}) | ${par.median.toFixed(2)} (${par.best.toFixed(2)})${used ? "" : " [pool not used]"} | ` +
      `${(one.median / par.median).toFixed(2)}× | ${sameBits(one.out, par.out) ? "yes" : "NO"} | ${used ? `${T.lastJob.byCaller}/${T.lastJob.chunks}` : "-"} |`,
  );
}
backend("cpu");
console.log(`load average after: ${load()}`);
await T.shutdownThreads();
