// `npm run bench`: timings, never tests. Each benchmark runs tensorgrad and, when Debian's
// python3-torch is installed, the same program in PyTorch in the same run, and prints the ratio.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import torch from "../src/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const benchSrc = join(here, "..", "..", "bench");
const PYTHON = process.env.TORCH_PYTHON ?? "/usr/bin/python3";

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** The seed's loop: f(x) = a*x**2 + b*x + c minimised by SGD; µs per zero_grad/forward/backward/step. */
function quadraticTensorgrad(steps: number): { usPerStep: number; x: number } {
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
  for (let r = 0; r < 7; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < steps; i++) step();
    rounds.push(Number(process.hrtime.bigint() - t0) / 1e3 / steps);
  }
  return { usPerStep: median(rounds), x: x.item() as number };
}

function pytorch(script: string, args: string[]): Record<string, unknown> | null {
  if (!existsSync(PYTHON)) return null;
  const r = spawnSync(PYTHON, [join(benchSrc, script), ...args], { encoding: "utf8" });
  if (r.status !== 0) {
    if (!/No module named 'torch'/.test(r.stderr)) process.stderr.write(r.stderr);
    return null;
  }
  return JSON.parse(r.stdout.trim().split("\n").pop()!);
}

const rows: string[][] = [["benchmark", "tensorgrad", "PyTorch", "speed-up"]];
const tg = quadraticTensorgrad(100_000);
const pt = pytorch("quadratic.py", ["20000"]);
const ptUs = pt ? (pt.us_per_step as number) : null;
rows.push([
  "seed quadratic SGD loop (µs/step)",
  tg.usPerStep.toFixed(2),
  ptUs === null ? "n/a (python3-torch not installed)" : `${ptUs.toFixed(2)} (torch ${pt!.torch})`,
  ptUs === null ? "-" : `${(ptUs / tg.usPerStep).toFixed(1)}×`,
]);

const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const [i, r] of rows.entries()) {
  console.log(r.map((c, j) => c.padEnd(widths[j])).join("  "));
  if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
}
console.log(`\nmachine: ${process.platform} ${process.arch}, node ${process.version}; x after the loop: ${tg.x}`);
