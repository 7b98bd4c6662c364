// Float sums and matrix products, bit for bit against PyTorch (test/fixtures/summation.json, written by
// scripts/golden/summation_cases.py): sum and mean over every dim subset of contiguous, transposed,
// sliced, permuted and expanded inputs, and mm / mv / dot / bmm / matmul, each value compared exactly.
// The inputs are rebuilt here from the same counter-based hash the script uses (see its docstring).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../src/index.js";
import { Tensor } from "../src/index.js";
import { loadFixture } from "./helpers/fixtures.js";

// PyTorch's summation and product orders are the TypeScript kernels' promise: pin them ("cpu"; the default,
// "wasm", follows the same orders today, and the op table checks it within tolerances).
torch.setBackend("cpu");

type Num = number | "nan" | "inf" | "-inf";
type Transform = (string | number | number[] | null)[];
interface InputSpec {
  base: number[];
  dist: "normal" | "uniform" | "onetiny" | "mixed";
  seed: number;
  make?: Transform[];
}
interface Case {
  id: string;
  op: "sum" | "mean" | "mm" | "mv" | "dot" | "bmm" | "matmul";
  dtype: "float32" | "float64";
  inputs: InputSpec[];
  dim?: number | number[] | null;
  keepdim?: boolean;
  shape: number[];
  values: Num[];
}

const fixture = loadFixture<{ torch: string; threads: number; cases: Case[] }>("summation.json");

// ---- the script's input generator ---------------------------------------------------------------

/** lowbias32, mod 2^32 */
function hash(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** key(i, j) and u(i, j) of the script, for the seed's s = seed * 0x9E3779B1 mod 2^32 */
const key = (s: number, i: number, j: number): number => (s + i * 16 + j) % 4294967296;
const uniform = (s: number, i: number, j: number): number =>
  ((hash(key(s, i, 2 * j)) >>> 5) * 67108864 + (hash(key(s, i, 2 * j + 1)) >>> 6)) / 9007199254740992;
const normal = (s: number, i: number): number =>
  (uniform(s, i, 0) + uniform(s, i, 1) + uniform(s, i, 2) + uniform(s, i, 3) - 2) * 1.7320508075688772;

function generate(dist: InputSpec["dist"], seed: number, n: number, dtype: Case["dtype"]): Float32Array | Float64Array {
  const out = dtype === "float32" ? new Float32Array(n) : new Float64Array(n);
  const s = Math.imul(seed, 0x9e3779b1) >>> 0;
  const [eps, big] = dtype === "float32" ? [2 ** -24, 1e8] : [2 ** -53, 1e16];
  const mixed = [1, eps, -eps, big, -big, 1000, 1, eps, 3 * eps, 1]; // kinds 5, 6, 7 and 9 scale normal(i)
  for (let i = 0; i < n; i++) {
    let v: number;
    if (dist === "normal") v = normal(s, i);
    else if (dist === "uniform") v = uniform(s, i, 0) * 100;
    else if (dist === "onetiny") v = i === 0 ? 1 : eps;
    else {
      const kind = hash(key(s, i, 15)) % 10;
      v = kind === 5 || kind === 6 || kind === 7 || kind === 9 ? normal(s, i) * mixed[kind] : mixed[kind];
    }
    out[i] = v; // a Float32Array store rounds like numpy's astype(float32)
  }
  return out;
}

function applyMake(t: Tensor, m: Transform): Tensor {
  switch (m[0]) {
    case "t":
      return t.t();
    case "transpose":
      return t.transpose(m[1] as number, m[2] as number);
    case "permute":
      return t.permute(m[1] as number[]);
    case "slice": {
      const items: torch.IndexItem[] = t.shape.map(() => [null, null]);
      items[m[1] as number] = [m[2] as number | null, m[3] as number | null, m[4] as number | null];
      return t.index(...items);
    }
    case "select":
      return t.select(m[1] as number, m[2] as number);
    case "expand":
      return t.expand(m[1] as number[]);
    case "unsqueeze":
      return t.unsqueeze(m[1] as number);
  }
  throw new Error(`unknown transform ${String(m[0])}`);
}

function buildInput(spec: InputSpec, dtype: Case["dtype"]): Tensor {
  const n = spec.base.reduce((a, b) => a * b, 1);
  let t = new Tensor(generate(spec.dist, spec.seed, n, dtype), spec.base.slice(), undefined, 0, dtype === "float32" ? torch.float32 : torch.float64);
  for (const m of spec.make ?? []) t = applyMake(t, m);
  return t;
}

function decode(v: Num, dtype: Case["dtype"]): number {
  if (v === "nan") return NaN;
  if (v === "inf") return Infinity;
  if (v === "-inf") return -Infinity;
  // float32 values are written in their shortest decimal: the nearest float32 is the value
  return dtype === "float32" ? Math.fround(v) : v;
}

function run(c: Case): Tensor {
  const xs = c.inputs.map((s) => buildInput(s, c.dtype));
  switch (c.op) {
    case "sum":
    case "mean":
      return xs[0][c.op](c.dim ?? null, c.keepdim ?? false);
    case "mm":
      return xs[0].mm(xs[1]);
    case "mv":
      return xs[0].mv(xs[1]);
    case "dot":
      return xs[0].dot(xs[1]);
    case "bmm":
      return torch.bmm(xs[0], xs[1]);
    case "matmul":
      return xs[0].matmul(xs[1]);
  }
}

/** Runs the cases; returns a description of each value that differs (Object.is: -0 and NaN count). */
function mismatches(cases: Case[]): string[] {
  const bad: string[] = [];
  for (const c of cases) {
    const r = run(c);
    assert.deepEqual(r.shape, c.shape, `${c.id}: shape`);
    assert.equal(r.dtype.name, c.dtype, `${c.id}: dtype`);
    const got = r.contiguous()._values();
    assert.equal(got.length, c.values.length, `${c.id}: numel`);
    for (let i = 0; i < got.length; i++) {
      const want = decode(c.values[i], c.dtype);
      if (!Object.is(got[i], want)) {
        bad.push(`${c.id} (${c.op} ${c.dtype} ${JSON.stringify(c.inputs)} dim=${JSON.stringify(c.dim)}) [${i}]: got ${got[i]}, PyTorch ${want}`);
        break;
      }
    }
  }
  return bad;
}

// ---- tests --------------------------------------------------------------------------------------

const groups = new Map<string, Case[]>();
for (const c of fixture.cases) {
  const g = c.id.slice(0, c.id.indexOf("#"));
  if (!groups.has(g)) groups.set(g, []);
  groups.get(g)!.push(c);
}

describe(`float sums and products equal PyTorch ${fixture.torch}'s exactly (${fixture.cases.length} cases)`, () => {
  test("the generator rebuilds PyTorch's inputs", () => {
    // spot values of the script's generator (gen("mixed"/"normal", seed, n) in summation_cases.py)
    const f32 = generate("normal", 1002, 1, "float32");
    assert.equal(f32[0], Math.fround(-0.13824056));
    const f64 = generate("mixed", 1003, 1, "float64");
    assert.equal(f64[0], -405.4261036140632);
  });

  for (const [group, cases] of groups) {
    test(`${group}: ${cases.length} cases`, () => {
      const bad = mismatches(cases);
      assert.equal(bad.length, 0, `${bad.length} of ${cases.length} cases differ:\n${bad.slice(0, 12).join("\n")}`);
    });
  }

  test("the examples in the brief: [1, 2^-24, 2^-24] sums to 1 in float32, as a sum and as a product", () => {
    const tiny = 2 ** -24;
    assert.equal(torch.tensor([1, tiny, tiny]).sum().item(), 1);
    assert.equal(torch.tensor([[1, 1, 1]]).mm(torch.tensor([[1], [tiny], [tiny]])).item(), 1);
    assert.equal(torch.tensor([1, tiny, tiny], { dtype: torch.float64 }).sum().item(), 1 + 2 * tiny);
  });

  test("a 1M-element float32 sum stays fast", () => {
    const x = new Tensor(generate("normal", 7, 1 << 20, "float32"), [1 << 20], undefined, 0, torch.float32);
    x.sum(); // warm up
    const times: number[] = [];
    for (let r = 0; r < 5; r++) {
      const t0 = performance.now();
      x.sum();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    assert.ok(times[2] < 20, `median ${times[2].toFixed(2)} ms`);
  });
});
