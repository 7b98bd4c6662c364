// Shared pieces of `npm run bench`: the benchmark list, sizes, timing loops and the result format that
// every suite (tensorgrad in-process, the JavaScript peers in child processes, PyTorch in Python) reports.
// Timings only: nothing here asserts a speed.

/** One benchmark: its key in every suite's results, its label, its unit and which way is better. */
export interface BenchSpec {
  key: string;
  label: string;
  unit: string;
  higherIsBetter: boolean;
}

export const MATMUL_SIZES = [64, 256, 1024] as const;
/** Elementwise and reduction benchmarks run on 2^20 float32 elements. */
export const ELEMENTWISE_N = 1 << 20;
/** The MLP of the issue: 784 -> 256 (ReLU) -> 10, batch 128, cross-entropy, plain SGD. */
export const MLP = { batch: 128, inF: 784, hidden: 256, classes: 10, lr: 0.01 } as const;

/** The table's rows for the given sizes (the smoke test's tiny sizes give e.g. `matmul8`). */
export function benchSpecs(sizes: { matmul: readonly number[]; elementwise?: number; mlp?: BenchSizes["mlp"] }): BenchSpec[] {
  const n = sizes.elementwise ?? ELEMENTWISE_N;
  const mlp = sizes.mlp ?? MLP;
  const el = n === ELEMENTWISE_N ? "2^20" : String(n);
  return [
    ...sizes.matmul.map((n) => ({ key: `matmul${n}`, label: `matmul ${n}x${n} fp32 (GFLOP/s)`, unit: "GFLOP/s", higherIsBetter: true })),
    { key: "add", label: `add, ${el} fp32 (M elem/s)`, unit: "M elem/s", higherIsBetter: true },
    { key: "exp", label: `exp, ${el} fp32 (M elem/s)`, unit: "M elem/s", higherIsBetter: true },
    { key: "sum", label: `sum, ${el} fp32 (M elem/s)`, unit: "M elem/s", higherIsBetter: true },
    // tensorgrad only: the same loops leaving every result to the GC instead of disposing it
    { key: "addGc", label: `add, ${el} fp32, results left to the GC (M elem/s)`, unit: "M elem/s", higherIsBetter: true },
    { key: "expGc", label: `exp, ${el} fp32, results left to the GC (M elem/s)`, unit: "M elem/s", higherIsBetter: true },
    { key: "mlp", label: `MLP ${mlp.inF}-${mlp.hidden}-${mlp.classes} train step, b=${mlp.batch} (ms)`, unit: "ms/step", higherIsBetter: false },
    { key: "quadratic", label: "seed quadratic SGD loop (µs/step)", unit: "µs/step", higherIsBetter: false },
  ];
}

/** Rows only tensorgrad reports (its results left to the GC rather than disposed). */
export const TENSORGRAD_ONLY_KEYS: readonly string[] = ["addGc", "expGc"];

export const BENCHES: BenchSpec[] = benchSpecs({ matmul: MATMUL_SIZES, elementwise: ELEMENTWISE_N });

/** What one suite (one column of the table) reports. */
export interface SuiteResult {
  /** Column label, e.g. "tfjs-wasm (SIMD, 1 thread)". */
  name: string;
  /** Backend details worth printing under the table. */
  info: string;
  /** benchmark key -> value in the benchmark's unit (absent when the suite does not run it). */
  results: Record<string, number>;
  /** benchmark key -> why it has no value. */
  errors: Record<string, string>;
  /** Free-form checks (e.g. the loss after the timed steps) to show the work was really done. */
  checks?: Record<string, number | string>;
}

/** Sizes the suites run with: the real ones, or tiny ones for the smoke test. */
export interface BenchSizes {
  matmul: number[];
  elementwise: number;
  mlp: { batch: number; inF: number; hidden: number; classes: number; lr: number };
  quadraticSteps: number;
  /** Time budget (ms) per measured case; the loops stop early once they have enough samples. */
  budgetMs: number;
  /** At least this many timed samples per case. */
  minSamples: number;
  /** At most this many. */
  maxSamples: number;
}

export const FULL_SIZES: BenchSizes = {
  matmul: [...MATMUL_SIZES],
  elementwise: ELEMENTWISE_N,
  mlp: { ...MLP },
  quadraticSteps: 100_000,
  budgetMs: 1500,
  minSamples: 3,
  maxSamples: 9,
};

export const TINY_SIZES: BenchSizes = {
  matmul: [8],
  elementwise: 1000,
  mlp: { batch: 4, inF: 12, hidden: 6, classes: 3, lr: 0.01 },
  quadraticSteps: 10,
  budgetMs: 0,
  minSamples: 1,
  maxSamples: 1,
};

export function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/**
 * Median milliseconds per call of `fn`. One warm-up call (more for fast calls, to let the JIT settle),
 * then samples of `reps` calls each, where `reps` makes a sample last about 20 ms; at least
 * `minSamples` samples, more while the budget lasts, at most `maxSamples`.
 */
export function timeSync(fn: () => void, sizes: BenchSizes): number {
  const t0 = nowMs();
  fn();
  const first = nowMs() - t0;
  const warm = first < 50 ? Math.min(20, Math.ceil(100 / Math.max(first, 0.01))) : 0;
  for (let i = 0; i < warm; i++) fn();
  const t1 = nowMs();
  if (warm > 0) fn();
  const one = warm > 0 ? nowMs() - t1 : first;
  const reps = Math.max(1, Math.round(20 / Math.max(one, 0.001)));
  const samples: number[] = [];
  const start = nowMs();
  while (samples.length < sizes.maxSamples && (samples.length < sizes.minSamples || nowMs() - start < sizes.budgetMs)) {
    const s = nowMs();
    for (let i = 0; i < reps; i++) fn();
    samples.push((nowMs() - s) / reps);
  }
  return median(samples);
}

/** `timeSync` for a function whose work is only done when its promise settles. */
export async function timeAsync(fn: () => Promise<void>, sizes: BenchSizes): Promise<number> {
  const t0 = nowMs();
  await fn();
  const first = nowMs() - t0;
  const warm = first < 50 ? Math.min(20, Math.ceil(100 / Math.max(first, 0.01))) : 0;
  for (let i = 0; i < warm; i++) await fn();
  const t1 = nowMs();
  if (warm > 0) await fn();
  const one = warm > 0 ? nowMs() - t1 : first;
  const reps = Math.max(1, Math.round(20 / Math.max(one, 0.001)));
  const samples: number[] = [];
  const start = nowMs();
  while (samples.length < sizes.maxSamples && (samples.length < sizes.minSamples || nowMs() - start < sizes.budgetMs)) {
    const s = nowMs();
    for (let i = 0; i < reps; i++) await fn();
    samples.push((nowMs() - s) / reps);
  }
  return median(samples);
}

export const gflops = (n: number, ms: number): number => (2 * n * n * n) / (ms * 1e6);
export const melems = (n: number, ms: number): number => n / (ms * 1e3);

/** Deterministic pseudo-random float32 data in [-1, 1) (a 32-bit LCG), so every JS suite sees similar inputs. */
export function randomData(n: number, seed = 1): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2147483648 - 1;
  }
  return out;
}

/** Class labels 0..classes-1 for the MLP batch. */
export function randomLabels(n: number, classes: number, seed = 7): Int32Array {
  const out = new Int32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s % classes;
  }
  return out;
}

/** Runs `fn` and records its value or its error under `key`. */
export async function record(res: SuiteResult, key: string, fn: () => number | Promise<number>): Promise<void> {
  try {
    const v = await fn();
    if (Number.isFinite(v)) res.results[key] = v;
    else res.errors[key] = `non-finite result ${v}`;
  } catch (e) {
    res.errors[key] = e instanceof Error ? `${e.name}: ${e.message.split("\n")[0]}` : String(e);
  }
}

export function emptyResult(name: string, info: string): SuiteResult {
  return { name, info, results: {}, errors: {} };
}

/** Parses `--key value` / `--flag` arguments. */
export function parseArgs(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) continue;
    const eq = a.indexOf("=");
    if (eq > 0) out.set(a.slice(2, eq), a.slice(eq + 1));
    else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) out.set(a.slice(2), argv[++i]);
    else out.set(a.slice(2), "");
  }
  return out;
}

/** Which benchmark keys to run (`--only matmul,mlp` filters by prefix). */
export function selectedKeys(only: string | undefined, sizes: BenchSizes = FULL_SIZES): Set<string> {
  const all = benchSpecs(sizes).map((b) => b.key);
  if (!only) return new Set(all);
  const wanted = only.split(",").map((s) => s.trim()).filter(Boolean);
  return new Set(all.filter((k) => wanted.some((w) => k.startsWith(w))));
}

/** The line a child-process suite prints last: its JSON result, marked so the parent can find it. */
export const RESULT_MARK = "@@BENCH_RESULT@@";
export function emitResult(res: SuiteResult): void {
  process.stdout.write(`${RESULT_MARK}${JSON.stringify(res)}\n`);
}
