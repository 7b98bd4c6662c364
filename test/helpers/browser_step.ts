// One training step of a small MLP, written once and run twice by test/browser.test.ts: in Node
// (with ../../src/index.js) and in Chromium (with the browser bundle, which the test page imports next
// to this file's compiled JavaScript). It imports nothing at run time: the library comes in as the
// `torch` argument, so both sides execute exactly the same code.
import type * as Torch from "../../src/index.js";

type TorchNs = typeof Torch;
/** The backend switch (issue 4) is optional here: the step runs on the default backend without it. */
interface BackendSwitch {
  setBackend?: (name: string, options?: unknown) => unknown;
  getBackend?: () => unknown;
  backendInfo?: () => { fused?: boolean };
  setNumThreads?: (n: number) => void;
  getNumThreads?: () => number;
}

export interface StepConfig {
  /** Backend to ask for through `torch.setBackend`, when the library has it. */
  backend: string;
  /** Its options (`{ thresholds: "always" }`, `{ fused: true }`). */
  backendOptions?: Record<string, unknown>;
  /** `torch.setNumThreads(n)` for the step, when given. */
  threads?: number;
  batch: number;
  sizes: [number, number, number];
  lr: number;
  seed: number;
}

export interface StepResult {
  /** What `torch.getBackend()` reported during the step (`"default"` when there is no switch). */
  backend: string;
  /** `torch.backendInfo().fused` during the step: the relaxed-SIMD (fused multiply-add) kernels ran. */
  fused: boolean;
  /** `torch.getNumThreads()` during the step. */
  threads: number;
  /** Why the requested backend was not used, or null. */
  backendNote: string | null;
  loss: number;
  lossText: string;
  grads: Record<string, number[]>;
  updated: Record<string, number[]>;
  /** `torch.manualSeed(0); torch.randn(5)`, as numbers and as printed. */
  randn: number[];
  randnText: string;
  /** Printed text of a few fixed tensors (no backend kernel involved). */
  printed: string[];
  /** Printed text of results of the step (the updated bias, the first rows' softmax). */
  printedResults: string[];
}

/** mulberry32: a tiny seeded generator (32-bit integer arithmetic, identical in every JS engine). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function flat(t: Torch.Tensor): number[] {
  return t.detach().reshape(-1).tolist() as number[];
}

export async function runStep(torch: TorchNs, cfg: StepConfig): Promise<StepResult> {
  const sw = torch as unknown as BackendSwitch;
  let backendNote: string | null = null;
  const previous = typeof sw.getBackend === "function" ? String(sw.getBackend()) : null;
  const previousThreads = typeof sw.getNumThreads === "function" ? sw.getNumThreads() : null;
  if (typeof sw.setBackend === "function") {
    try {
      // a Promise where the module must compile asynchronously (a browser page's main thread)
      await sw.setBackend(cfg.backend, cfg.backendOptions ?? {});
    } catch (e) {
      backendNote = `setBackend(${JSON.stringify(cfg.backend)}) failed: ${(e as Error).message}`;
    }
  } else {
    backendNote = "torch.setBackend is not available: the step ran on the default backend";
  }
  if (cfg.threads !== undefined && typeof sw.setNumThreads === "function") sw.setNumThreads(cfg.threads);
  try {
    const backend = typeof sw.getBackend === "function" ? String(sw.getBackend()) : "default";
    const fused = typeof sw.backendInfo === "function" ? sw.backendInfo().fused === true : false;
    const threads = typeof sw.getNumThreads === "function" ? sw.getNumThreads() : 1;
    const rnd = mulberry32(cfg.seed);
    const uniform = (shape: number[], bound: number) => {
      const n = shape.reduce((a, b) => a * b, 1);
      const v = Array.from({ length: n }, () => (2 * rnd() - 1) * bound);
      return torch.tensor(v).reshape(shape);
    };
    const [nIn, nHidden, nOut] = cfg.sizes;
    const params = {
      w1: uniform([nHidden, nIn], 1 / Math.sqrt(nIn)).requiresGrad_(),
      b1: uniform([nHidden], 1 / Math.sqrt(nIn)).requiresGrad_(),
      w2: uniform([nOut, nHidden], 1 / Math.sqrt(nHidden)).requiresGrad_(),
      b2: uniform([nOut], 1 / Math.sqrt(nHidden)).requiresGrad_(),
    };
    const x = uniform([cfg.batch, nIn], 1);
    const target = torch.tensor(Array.from({ length: cfg.batch }, () => Math.floor(rnd() * nOut)), { dtype: torch.int64 });

    const F = torch.nn.functional;
    const opt = new torch.optim.SGD(Object.values(params), { lr: cfg.lr });
    opt.zeroGrad();
    const hidden = F.relu(F.linear(x, params.w1, params.b1));
    const logits = F.linear(hidden, params.w2, params.b2);
    const loss = F.crossEntropy(logits, target);
    loss.backward();
    const grads: Record<string, number[]> = {};
    for (const [k, p] of Object.entries(params)) grads[k] = flat(p.grad!);
    opt.step();
    const updated: Record<string, number[]> = {};
    for (const [k, p] of Object.entries(params)) updated[k] = flat(p);

    torch.manualSeed(0);
    const r = torch.randn(5);
    const printed = [
      String(torch.tensor([[1.5, -2.25], [1e-4, 3e5]])),
      String(torch.tensor([0.1, 2, -3e-5], { dtype: torch.float64 })),
      String(torch.tensor([[true, false]])),
    ];
    const printedResults = [String(params.b2), String(F.softmax(logits.index([0, 2]), 1))];
    return {
      backend, fused, threads, backendNote,
      loss: loss.item() as number,
      lossText: String(loss),
      grads, updated,
      randn: flat(r),
      randnText: String(r),
      printed,
      printedResults,
    };
  } finally {
    if (previous !== null && typeof sw.setBackend === "function") await sw.setBackend(previous);
    if (previousThreads !== null && typeof sw.setNumThreads === "function") sw.setNumThreads(previousThreads);
  }
}
