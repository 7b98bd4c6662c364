// `npm run bench`: timings, never tests. Every peer is measured in the same run and the table gives
// ratios: tensorgrad (per backend and thread count its build has), PyTorch through /usr/bin/python3 when
// python3-torch is installed, TensorFlow.js (pure-JS "cpu", WebAssembly SIMD, WebAssembly threaded-SIMD)
// and jax-js (WebAssembly). The last results go to bench/RESULTS.md.
//
//   npm run bench                          the whole table (about 2-3 minutes on 2 cores)
//   npm run bench -- --only matmul,mlp     some rows (prefixes of: matmul64 matmul256 matmul1024 add exp sum mlp quadratic)
//   npm run bench -- --peers torch,tfjs-wasm   some peers (torch torch-mt tfjs-cpu tfjs-wasm tfjs-wasm-mt jax-js, or "none")
//   npm run bench -- --backends cpu,wasm --threads 1   some tensorgrad configurations (backends: ts|cpu, wasm, wasm-fma)
//   npm run bench -- --no-write            do not rewrite bench/RESULTS.md
//   npm run bench -- --tiny                every suite once on tiny sizes, nothing written (test/bench_smoke.test.ts)
//   npm run bench -- --json FILE           also write every column's raw results as JSON
//   npm run bench -- --soak [--steps N] [--every N] [--backend B] [--threads N]   the soak benchmark
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type BenchSpec, FULL_SIZES, RESULT_MARK, type SuiteResult, TENSORGRAD_ONLY_KEYS, TINY_SIZES, benchSpecs, emptyResult, parseArgs, selectedKeys,
} from "./common.js";
import { runSoakCli } from "./soak.js";
import { backendApi } from "./tensorgrad.js";

const here = dirname(fileURLToPath(import.meta.url));
const benchSrc = join(here, "..", "..", "bench");
const PYTHON = process.env.TORCH_PYTHON ?? "/usr/bin/python3";
const args = parseArgs(process.argv.slice(2));
/** `--tiny`: every suite once with tiny sizes (the smoke test's check that the bench still runs). */
const tiny = args.has("tiny");
const sizes = tiny ? TINY_SIZES : FULL_SIZES;
const specs: BenchSpec[] = benchSpecs(sizes);

const loadavg = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");

interface Column extends SuiteResult {
  /** Load average (1 min) before and after this suite ran. */
  load: [number, number];
  seconds: number;
  isDefault?: boolean;
}

function runChild(cmd: string, cmdArgs: string[], name: string, timeoutS = 300): SuiteResult {
  const r = spawnSync(cmd, cmdArgs, { encoding: "utf8", timeout: timeoutS * 1000, maxBuffer: 64 << 20 });
  const line = (r.stdout ?? "").split("\n").find((l) => l.startsWith(RESULT_MARK));
  if (line) return JSON.parse(line.slice(RESULT_MARK.length)) as SuiteResult;
  const why = r.error
    ? String(r.error.message)
    : /No module named 'torch'/.test(r.stderr ?? "")
      ? "python3-torch not installed"
      : `exit ${r.status ?? r.signal}: ${(r.stderr ?? "").trim().split("\n").slice(-3).join(" | ").slice(0, 300)}`;
  const res = emptyResult(name, `not measured (${why})`);
  res.errors["*"] = why;
  return res;
}

async function timed(fn: () => SuiteResult | Promise<SuiteResult>): Promise<Column> {
  const l0 = os.loadavg()[0];
  const t0 = Date.now();
  const res = await fn();
  return { ...res, load: [l0, os.loadavg()[0]], seconds: (Date.now() - t0) / 1000 };
}

function torchQuadratic(): { us: number; version: string } | null {
  if (!existsSync(PYTHON)) return null;
  const r = spawnSync(PYTHON, [join(benchSrc, "quadratic.py"), tiny ? "200" : "20000"], { encoding: "utf8", timeout: 120_000 });
  if (r.status !== 0) return null;
  const out = JSON.parse(r.stdout.trim().split("\n").pop()!);
  return { us: out.us_per_step as number, version: out.torch as string };
}

// ---- machine -------------------------------------------------------------------------------------

function machine(): { cpu: string; cores: number; flags: string } {
  let cpu = os.cpus()[0]?.model ?? "unknown";
  let flags = "";
  try {
    const info = readFileSync("/proc/cpuinfo", "utf8");
    cpu = /model name\s*:\s*(.*)/.exec(info)?.[1]?.trim() ?? cpu;
    const fl = /flags\s*:\s*(.*)/.exec(info)?.[1]?.split(/\s+/) ?? [];
    flags = ["sse4_2", "avx", "avx2", "fma", "avx512f"].filter((f) => fl.includes(f)).join(" ");
  } catch {
    // not Linux
  }
  return { cpu, cores: os.availableParallelism?.() ?? os.cpus().length, flags };
}

// ---- table ---------------------------------------------------------------------------------------

function fmt(v: number | undefined): string {
  if (v === undefined) return "-";
  if (v >= 100) return v.toFixed(0);
  if (v >= 10) return v.toFixed(1);
  if (v >= 1) return v.toFixed(2);
  return v.toPrecision(2);
}

/** tensorgrad's speed-up over a peer (>1: tensorgrad is faster). */
function speedup(key: string, tg: number | undefined, peer: number | undefined): string {
  if (tg === undefined || peer === undefined) return "-";
  const spec = specs.find((b) => b.key === key)!;
  const r = spec.higherIsBetter ? tg / peer : peer / tg;
  return `${r >= 10 ? r.toFixed(0) : r.toFixed(2)}×`;
}

function buildTable(cols: Column[], keys: Set<string>): { header: string[]; rows: string[][] } {
  const tgCols = cols.filter((c) => c.name.startsWith("tg"));
  const tgDefault = tgCols.find((c) => c.isDefault) ?? tgCols[0];
  const torchCol = cols.find((c) => c.name === "PyTorch");
  const wasmCols = cols.filter((c) => c.name.startsWith("tfjs-wasm"));
  const header = [
    "benchmark", ...cols.map((c) => c.name + (c.isDefault ? "*" : "")),
    "tg* vs PyTorch", "tg* vs best tfjs-wasm", "best tg vs PyTorch", "best tg vs best tfjs-wasm",
  ];
  const rows: string[][] = [];
  for (const b of specs) {
    if (!keys.has(b.key)) continue;
    const better = (x: number, y: number) => (b.higherIsBetter ? x > y : x < y);
    const best = (cs: Column[]): Column | undefined =>
      cs.filter((c) => c.results[b.key] !== undefined).reduce<Column | undefined>((m, c) => (m === undefined || better(c.results[b.key], m.results[b.key]) ? c : m), undefined);
    // a tensorgrad-only row (addGc: add with results left to the GC) compares with the peers' plain row
    const peerKey = TENSORGRAD_ONLY_KEYS.includes(b.key) ? b.key.replace(/Gc$/, "") : b.key;
    const bestWasm = wasmCols
      .map((c) => c.results[peerKey])
      .filter((v): v is number => v !== undefined)
      .reduce<number | undefined>((m, v) => (m === undefined || better(v, m) ? v : m), undefined);
    const torchValue = torchCol?.results[peerKey];
    const bestTg = best(tgCols);
    const which = bestTg ? ` (${bestTg.name.replace(/^tg:/, "")})` : "";
    const withWhich = (r: string) => (r === "-" ? r : r + which);
    rows.push([
      b.label,
      ...cols.map((c) => fmt(c.results[b.key])),
      speedup(b.key, tgDefault?.results[b.key], torchValue),
      speedup(b.key, tgDefault?.results[b.key], bestWasm),
      withWhich(speedup(b.key, bestTg?.results[b.key], torchValue)),
      withWhich(speedup(b.key, bestTg?.results[b.key], bestWasm)),
    ]);
  }
  return { header, rows };
}

function textTable(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const w = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join("  ");
  return [line(header), w.map((n) => "-".repeat(n)).join("  "), ...rows.map(line)].join("\n");
}

function mdTable(header: string[], rows: string[][]): string {
  const line = (r: string[]) => `| ${r.join(" | ")} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? "---" : "---:"))), ...rows.map(line)].join("\n");
}

// ---- main ----------------------------------------------------------------------------------------

async function main(): Promise<void> {
  if (args.has("soak")) {
    await runSoakCli(args);
    return;
  }
  const keys = selectedKeys(args.get("only"), sizes);
  const m = machine();
  const startLoad = loadavg();
  const started = new Date();
  console.log(`tensorgrad bench: ${m.cpu}, ${m.cores} cores, node ${process.version}; load average ${startLoad}`);

  // tensorgrad, once per backend and thread count its build offers.
  const cols: Column[] = [];
  // Backends are found by trying names ("ts" or "cpu" for the TypeScript kernels, "wasm"), keeping each
  // one getBackend() names once; the relaxed-SIMD ("fused") wasm build is added where the engine has it.
  interface Config { label: string; backend: string | null; options?: Record<string, unknown>; threads: number | null; isDefault: boolean }
  const configs: Config[] = [];
  const defBackend = backendApi.hasBackends() ? backendApi.getBackend() : null;
  const defFused = backendApi.info()?.fused === true;
  const defThreads = backendApi.hasThreads() ? backendApi.getNumThreads() : null;
  const wantBackends = args.get("backends")?.split(",").filter(Boolean);
  const wantThreads = args.get("threads")?.split(",").filter(Boolean).map(Number);
  const threadCounts = defThreads === null ? [null] : [...new Set(wantThreads ?? [1, m.cores])];
  const backends: { label: string; backend: string | null; options?: Record<string, unknown> }[] = [];
  if (defBackend === null) backends.push({ label: "ts", backend: null });
  else {
    for (const b of wantBackends ?? ["ts", "cpu", "wasm", "wasm-fma"]) {
      const fused = b === "wasm-fma";
      if (fused && !backendApi.info()?.features?.relaxedSimd) {
        if (wantBackends) console.log(`  tensorgrad backend "wasm-fma": this engine has no relaxed SIMD`);
        continue;
      }
      const name = fused ? "wasm" : b;
      const options = fused ? { fused: true } : undefined;
      try {
        await backendApi.setBackend(name, options);
      } catch (e) {
        if (wantBackends) console.log(`  tensorgrad backend "${b}": not available (${e instanceof Error ? e.message : e})`);
        continue;
      }
      const label = fused ? "wasm-fma" : backendApi.getBackend();
      if (!backends.some((x) => x.label === label)) backends.push({ label, backend: name, options });
    }
  }
  for (const b of backends) {
    for (const t of threadCounts) {
      const isDefault = b.backend === defBackend && (b.label === "wasm-fma") === defFused && (t === null || t === defThreads);
      configs.push({ ...b, threads: t, isDefault });
    }
  }
  if (!configs.some((c) => c.isDefault) && configs.length > 0) configs[configs.length - 1].isDefault = true;
  const only = [...(args.get("only") ? ["--only", args.get("only")!] : []), ...(tiny ? ["--tiny"] : [])];
  const node = process.execPath;
  for (const c of configs) {
    const name = `tg:${c.label}${c.threads !== null ? `×${c.threads}` : ""}`;
    process.stdout.write(`  running ${name} ...`);
    // each configuration in its own process, as the peers: one column's pool and heap do not carry over;
    // the quadratic loop in a process of its own too, as PyTorch's (bench/quadratic.py): the other cases
    // leave the JIT's call sites polymorphic, which costs the scalar loop ~8%
    const configArgs = ["--name", name, ...(c.backend !== null ? ["--backend", c.backend] : []), ...(c.options?.fused ? ["--fused"] : []), ...(c.threads !== null ? ["--threads", String(c.threads)] : []), ...(tiny ? ["--tiny"] : [])];
    const parts = [[...keys].filter((k) => k !== "quadratic"), [...keys].filter((k) => k === "quadratic")].filter((p) => p.length > 0);
    const col = await timed(() => {
      const results = parts.map((p) => runChild(node, [join(here, "tensorgrad.js"), ...configArgs, "--only", p.join(",")], name, 600));
      const merged = results[0];
      for (const r of results.slice(1)) {
        Object.assign(merged.results, r.results);
        Object.assign(merged.errors, r.errors);
        merged.checks = { ...(merged.checks ?? {}), ...(r.checks ?? {}) };
      }
      return merged;
    });
    col.isDefault = c.isDefault;
    cols.push(col);
    console.log(` ${col.seconds.toFixed(0)} s (load ${col.load[0].toFixed(2)} -> ${col.load[1].toFixed(2)})`);
  }
  if (defBackend !== null) await backendApi.setBackend(defBackend, defFused ? { fused: true } : undefined);
  if (defThreads !== null) backendApi.setNumThreads(defThreads);

  // Peers, each in its own process.
  const peerNames = (args.get("peers") ?? "torch,torch-mt,tfjs-cpu,tfjs-wasm,tfjs-wasm-mt,jax-js").split(",").filter((p) => p && p !== "none");
  const peers: Record<string, () => SuiteResult> = {
    torch: () =>
      existsSync(PYTHON)
        ? runChild(PYTHON, [join(benchSrc, "torch_peer.py"), ...only], "PyTorch")
        : { ...emptyResult("PyTorch", `not measured (${PYTHON} not found)`), errors: { "*": "no python3" } },
    // PyTorch picks its intra-op thread count itself (1 on this 2-vCPU machine); this column sets all cores.
    "torch-mt": () =>
      existsSync(PYTHON)
        ? runChild(PYTHON, [join(benchSrc, "torch_peer.py"), "--threads", String(m.cores), ...only], `PyTorch×${m.cores}`)
        : { ...emptyResult(`PyTorch×${m.cores}`, `not measured (${PYTHON} not found)`), errors: { "*": "no python3" } },
    "tfjs-cpu": () => runChild(node, [join(here, "tfjs.js"), "--variant", "cpu", ...only], "tfjs-cpu"),
    "tfjs-wasm": () => runChild(node, [join(here, "tfjs.js"), "--variant", "wasm", ...only], "tfjs-wasm"),
    "tfjs-wasm-mt": () => runChild(node, [join(here, "tfjs.js"), "--variant", "wasm-threads", "--threads", String(m.cores), ...only], "tfjs-wasm-mt"),
    "jax-js": () => runChild(node, [join(here, "jaxjs.js"), ...only], "jax-js-wasm"),
  };
  let torchVersion = "not measured";
  for (const p of peerNames) {
    if (p === "torch-mt" && new RegExp(`^torch \\S+ \\(CPU\\), ${m.cores} intra-op`).test(cols.find((c) => c.name === "PyTorch")?.info ?? "")) {
      continue; // PyTorch already uses every core by default
    }
    if (!peers[p]) {
      console.log(`unknown peer ${p} (known: ${Object.keys(peers).join(", ")})`);
      continue;
    }
    process.stdout.write(`  running ${p} ...`);
    const col = await timed(() => {
      const res = peers[p]();
      if (p === "torch" && keys.has("quadratic") && !res.errors["*"]) {
        const q = torchQuadratic();
        if (q) res.results.quadratic = q.us;
      }
      return res;
    });
    if (p === "torch") torchVersion = /torch (\S+)/.exec(col.info)?.[1] ?? torchVersion;
    cols.push(col);
    console.log(` ${col.seconds.toFixed(0)} s (load ${col.load[0].toFixed(2)} -> ${col.load[1].toFixed(2)})`);
  }

  const endLoad = loadavg();
  const { header, rows } = buildTable(cols, keys);
  const notes: string[] = [];
  for (const c of cols) {
    notes.push(`- **${c.name}${c.isDefault ? "*" : ""}**: ${c.info}; ran ${c.seconds.toFixed(0)} s, load ${c.load[0].toFixed(2)} -> ${c.load[1].toFixed(2)}` +
      (c.checks && Object.keys(c.checks).length ? `; checks ${Object.entries(c.checks).map(([k, v]) => `${k}=${typeof v === "number" ? +v.toPrecision(6) : v}`).join(", ")}` : ""));
    for (const [k, e] of Object.entries(c.errors)) notes.push(`  - ${k === "*" ? "not run" : k}: ${e}`);
  }
  const machineLine =
    `${m.cpu} (${m.flags || "flags unknown"}), ${m.cores} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB; node ${process.version}; torch ${torchVersion}`;
  console.log("\n" + textTable(header, rows));
  console.log(`\n* = tensorgrad's default configuration; ratios are speed-ups of tg* and of the row's fastest tg column (>1: tensorgrad faster).`);
  console.log(notes.join("\n"));
  console.log(`machine: ${machineLine}\nload average at start ${startLoad}, at end ${endLoad}`);

  if (args.get("json")) writeFileSync(args.get("json")!, JSON.stringify({ machine: machineLine, startLoad, endLoad, columns: cols }, null, 2));
  if (!args.has("no-write") && !tiny && !args.get("only") && !args.get("peers") && !args.get("backends") && !args.get("threads")) {
    const md = [
      "# Benchmark results",
      "",
      `Written by \`npm run bench\` (bench/run.ts) on ${started.toISOString().replace("T", " ").slice(0, 16)} UTC.`,
      "",
      `- machine: ${machineLine}`,
      `- load average (1, 5, 15 min) at start ${startLoad}, at end ${endLoad}; other processes may share the cores, so compare columns of one run, not runs`,
      "",
      mdTable(header, rows),
      "",
      "`*` marks tensorgrad's default configuration (the backend and thread count it starts with). The ratio columns are",
      "speed-ups (>1: tensorgrad is faster) of that default, and of the fastest tensorgrad column of the row (named in",
      "brackets), over PyTorch's default column and over the faster of the two TensorFlow.js WebAssembly variants.",
      "",
      "How it is measured: every figure is the median of several samples (each about 20 ms of repeated calls) after",
      "warm-up; inputs are created outside the timed region; matmul is float32 n×n by n×n; add/exp/sum run on 2^20",
      "float32 elements; the MLP step is zero-grad, forward (linear-ReLU-linear), cross-entropy, backward and an SGD",
      "update, reading the loss as a number every step (tensorgrad and PyTorch start from the same seed, so their",
      "`mlpFirstLoss` checks agree). tensorgrad, PyTorch and TensorFlow.js compute eagerly inside each call (tfjs",
      "matmul also reads its result with `dataSync()`); jax-js is lazy, so each of its calls waits for",
      "`blockUntilReady()`. Each column runs in its own process. In the matmul/add/exp rows every result is disposed",
      "before the next call, as the TensorFlow.js suite does (`tensor.dispose()`; PyTorch frees by reference count);",
      "the \"results left to the GC\" rows run the same loops without that: JavaScript returns wasm memory only",
      "between event-loop turns, so past the 128 MiB pool results go to JS memory and are copied out (compared with",
      "the peers' plain rows). The MLP and quadratic loops are plain PyTorch-style code, nothing disposed.",
      "Soak benchmark (RSS over 100,000 MLP steps): `npm run bench:soak`, last report in bench/SOAK.md.",
      "",
      "## Columns",
      "",
      ...notes,
      "",
    ].join("\n");
    writeFileSync(join(benchSrc, "RESULTS.md"), md);
    console.log(`wrote ${join(benchSrc, "RESULTS.md")}`);
  }
}

await main();
// Worker pools (tensorgrad's threads) must not keep the bench alive once the table is out.
process.exit(process.exitCode ?? 0);
