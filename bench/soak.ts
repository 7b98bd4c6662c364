// The soak benchmark of issue 4: many MLP training steps (784 -> 256 -> 10, batch 128, cross-entropy,
// SGD) on tensorgrad's current backend, reporting resident memory (process.memoryUsage().rss) and the JS
// heap every `every` steps. It asserts nothing: it reports whether RSS stays flat.
//   npm run bench -- --soak [--steps 100000] [--every N] [--backend cpu|wasm|wasm-fma] [--threads N]
//   npm run bench:soak -- --steps 2000
// A run of 10,000 steps or more writes bench/SOAK.md (unless --no-write).
import { writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import torch from "../src/index.js";
import { type BenchSizes, MLP } from "./common.js";
import { backendApi, describeConfig } from "./tensorgrad.js";

export interface SoakSample {
  step: number;
  rssMB: number;
  heapMB: number;
  externalMB: number;
  msPerStep: number;
  loss: number;
}

export interface SoakReport {
  config: string;
  steps: number;
  samples: SoakSample[];
  /** A sentence: flat or growing, and by how much. */
  verdict: string;
}

const mb = (b: number) => b / (1 << 20);

/** Runs `steps` training steps; calls `onSample` every `every` steps (and after the last). */
export function soak(steps: number, every: number, onSample?: (s: SoakSample) => void, mlp: BenchSizes["mlp"] = MLP): SoakReport {
  const { batch, inF, hidden, classes, lr } = mlp;
  const F = torch.nn.functional;
  torch.manualSeed(0);
  const w1 = torch.randn([hidden, inF]).mul(1 / Math.sqrt(inF)).requiresGrad_();
  const b1 = torch.zeros([hidden]).requiresGrad_();
  const w2 = torch.randn([classes, hidden]).mul(1 / Math.sqrt(hidden)).requiresGrad_();
  const b2 = torch.zeros([classes]).requiresGrad_();
  // A fixed pool of batches, so the data pipeline itself allocates nothing per step.
  const xs = Array.from({ length: 8 }, () => torch.randn([batch, inF]));
  const ys = Array.from({ length: 8 }, () => torch.randint(0, classes, [batch]));
  const opt = new torch.optim.SGD([w1, b1, w2, b2], { lr });
  const samples: SoakSample[] = [];
  let t0 = process.hrtime.bigint();
  let last = 0;
  let loss = NaN;
  for (let step = 1; step <= steps; step++) {
    opt.zeroGrad();
    const out = F.crossEntropy(F.linear(F.relu(F.linear(xs[step & 7], w1, b1)), w2, b2), ys[step & 7]);
    out.backward();
    opt.step();
    if (step % every === 0 || step === steps) {
      loss = out.item() as number;
      const t1 = process.hrtime.bigint();
      const m = process.memoryUsage();
      const s: SoakSample = {
        step,
        rssMB: mb(m.rss),
        heapMB: mb(m.heapUsed),
        externalMB: mb(m.external + m.arrayBuffers),
        msPerStep: Number(t1 - t0) / 1e6 / (step - last),
        loss,
      };
      samples.push(s);
      onSample?.(s);
      t0 = process.hrtime.bigint();
      last = step;
    }
  }
  return { config: describeConfig(), steps, samples, verdict: verdict(samples) };
}

/**
 * Compares RSS after the first tenth of the run (allocator and JIT warmed up) with the end, and the JS
 * heap's floor (its lowest sample: what survives garbage collection) over the second quarter of the run
 * with the last quarter, so a growing heap (a leak of JS objects) shows apart from RSS drift.
 */
export function verdict(samples: SoakSample[]): string {
  if (samples.length < 3) return "too few samples to judge";
  const ref = samples[Math.max(1, Math.floor(samples.length / 10))];
  const end = samples[samples.length - 1];
  const peak = Math.max(...samples.map((s) => s.rssMB));
  const growth = end.rssMB - ref.rssMB;
  const pct = (100 * growth) / ref.rssMB;
  const q = Math.max(1, Math.floor(samples.length / 4));
  const floor = (xs: SoakSample[]) => Math.min(...xs.map((s) => s.heapMB));
  const heapEarly = floor(samples.slice(q, Math.max(q + 1, 2 * q)));
  const heapLate = floor(samples.slice(samples.length - q));
  const heapPct = (100 * (heapLate - heapEarly)) / heapEarly;
  const flat = Math.abs(pct) < 10 && peak - ref.rssMB < 0.25 * ref.rssMB + 32 && heapPct < 10;
  const sign = (x: number) => (x >= 0 ? "+" : "");
  return (
    `RSS ${ref.rssMB.toFixed(1)} MB at step ${ref.step} -> ${end.rssMB.toFixed(1)} MB at step ${end.step} ` +
    `(${sign(growth)}${growth.toFixed(1)} MB, ${sign(pct)}${pct.toFixed(1)}%), peak ${peak.toFixed(1)} MB; ` +
    `JS heap floor ${heapEarly.toFixed(1)} -> ${heapLate.toFixed(1)} MB (${sign(heapPct)}${heapPct.toFixed(1)}%): ` +
    (flat ? "flat" : "NOT flat (RSS or heap grew by 10% or more)")
  );
}

export async function runSoakCli(args: Map<string, string>): Promise<void> {
  const steps = Number(args.get("steps") || 100_000);
  const every = Number(args.get("every") || Math.max(1, Math.round(steps / 20)));
  const backend = args.get("backend");
  if (backend) await backendApi.setBackend(backend === "wasm-fma" ? "wasm" : backend, backend === "wasm-fma" ? { fused: true } : undefined);
  if (args.get("threads")) backendApi.setNumThreads(Number(args.get("threads")));
  const started = new Date();
  const startLoad = os.loadavg().map((l) => l.toFixed(2)).join(" ");
  console.log(
    `soak: ${steps} MLP training steps (784-256-10, batch 128, SGD) on tensorgrad ${describeConfig()}; ` +
      `node ${process.version}; load average ${startLoad}`,
  );
  console.log("   step    rss MB   heap MB   ext MB   ms/step   loss");
  const report = soak(steps, every, (s) =>
    console.log(
      `${String(s.step).padStart(7)}  ${s.rssMB.toFixed(1).padStart(8)}  ${s.heapMB.toFixed(1).padStart(8)}  ` +
        `${s.externalMB.toFixed(1).padStart(7)}  ${s.msPerStep.toFixed(2).padStart(8)}   ${s.loss.toFixed(4)}`,
    ),
  );
  console.log(report.verdict);
  // A full soak (10,000 steps or more) leaves its report next to RESULTS.md.
  if (steps >= 10_000 && !args.has("no-write")) {
    const file = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "bench", "SOAK.md");
    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    writeFileSync(file, [
      "# Soak benchmark",
      "",
      `Written by \`npm run bench:soak\` (bench/soak.ts) on ${started.toISOString().replace("T", " ").slice(0, 16)} UTC: ` +
        `${steps} training steps of the MLP 784-256-10 (batch 128, cross-entropy, SGD) on tensorgrad ${report.config}.`,
      "",
      `- machine: ${cpu}, ${os.availableParallelism?.() ?? os.cpus().length} cores; node ${process.version}`,
      `- load average (1, 5, 15 min) at start ${startLoad}, at end ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`,
      `- **${report.verdict}**`,
      "",
      "| step | RSS MB | JS heap MB | external + ArrayBuffers MB | ms/step | loss |",
      "| ---: | ---: | ---: | ---: | ---: | ---: |",
      ...report.samples.map((x) =>
        `| ${x.step} | ${x.rssMB.toFixed(1)} | ${x.heapMB.toFixed(1)} | ${x.externalMB.toFixed(1)} | ${x.msPerStep.toFixed(2)} | ${x.loss.toPrecision(4)} |`),
      "",
    ].join("\n"));
    console.log(`wrote ${file}`);
  }
}
