// The WebAssembly SIMD kernels (assembly/, loaded by src/backend/wasm.ts) called directly, against the
// TypeScript kernels of src/backend/cpu.ts (bit for bit where the wasm kernels promise it) or against
// double-precision references; the feature probe; the backend switch; and that the embedded modules
// come from the current assembly/ sources.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as torch from "../src/index.js";
import * as K from "../src/backend/cpu.js";
import * as BK from "../src/backend/index.js";
import * as W from "../src/backend/wasm.js";
import { RELAXED_SHARED_WASM, RELAXED_WASM, SIMD_SHARED_WASM, SIMD_WASM } from "../src/backend/wasm_binary.js";

// The TypeScript kernels are the reference of the op-level checks below, and the registry tests start
// from them: pin "cpu" (the default backend itself is checked in default_backend.test.ts).
torch.setBackend("cpu");

const ROOT = new URL("../../", import.meta.url); // dist/test/ -> the repository root

W.loadSync(false);

/** Deterministic values in [-1, 1) (an LCG), with a few exact zeros and integers mixed in. */
function values(n: number, seed: number, f32 = true): Float32Array | Float64Array {
  const out = f32 ? new Float32Array(n) : new Float64Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = i % 17 === 5 ? 0 : i % 23 === 7 ? (s % 7) - 3 : s / 2 ** 31 - 1;
  }
  return out;
}

type Arr = Float32Array | Float64Array;
function view(data: Arr, shape: number[], strides?: number[], offset = 0): K.StridedView {
  if (!strides) {
    strides = new Array<number>(shape.length);
    for (let i = shape.length - 1, s = 1; i >= 0; i--) {
      strides[i] = s;
      s *= shape[i];
    }
  }
  return { _data: data, _shape: shape, _strides: strides, _offset: offset };
}

function assertSame(got: ArrayLike<number>, want: ArrayLike<number>, what: string): void {
  assert.equal(got.length, want.length, `${what}: length`);
  for (let i = 0; i < want.length; i++)
    if (!Object.is(got[i], want[i]) && !(Number.isNaN(got[i]) && Number.isNaN(want[i])))
      assert.fail(`${what}: element ${i}: got ${got[i]}, expected ${want[i]}`);
}

function assertClose(got: ArrayLike<number>, want: ArrayLike<number>, rtol: number, atol: number, what: string): void {
  assert.equal(got.length, want.length, `${what}: length`);
  for (let i = 0; i < want.length; i++) {
    const [g, w] = [got[i], want[i]];
    if (Number.isNaN(w)) assert.ok(Number.isNaN(g), `${what}: element ${i}: got ${g}, expected NaN`);
    else if (!Number.isFinite(w)) assert.equal(g, w, `${what}: element ${i}`);
    else if (!(Math.abs(g - w) <= atol + rtol * Math.abs(w))) assert.fail(`${what}: element ${i}: got ${g}, expected ${w} (diff ${Math.abs(g - w)})`);
  }
}

// ---- build and features ----------------------------------------------------------------------------
describe("wasm build", () => {
  test("the embedded modules were built from the current assembly/ sources", async () => {
    const script = new URL("scripts/build-wasm.mjs", ROOT).href;
    const { sourceHash } = (await import(script)) as { sourceHash: (root?: string) => string };
    const now = sourceHash(fileURLToPath(ROOT));
    assert.equal(W.WASM_SOURCE_HASH, now, "src/backend/wasm_binary.ts is stale: run `npm run build:wasm` (npm test and npm run build do it first)");
    // and the embedded bytes are those of the build outputs, where present
    const builds = [["simd", SIMD_WASM], ["relaxed", RELAXED_WASM], ["simd_shared", SIMD_SHARED_WASM], ["relaxed_shared", RELAXED_SHARED_WASM]] as const;
    for (const [name, b64] of builds) {
      const file = new URL(`build/wasm/kernels-${name}.wasm`, ROOT);
      if (existsSync(file)) assert.deepEqual(Buffer.from(b64, "base64"), readFileSync(file), `${name} module differs from build/wasm`);
    }
  });

  test("feature probe: SIMD and relaxed SIMD, as WebAssembly.validate says on the modules themselves", () => {
    const f = W.probeFeatures();
    assert.equal(f.wasm, true);
    assert.equal(f.simd, WebAssembly.validate(Buffer.from(SIMD_WASM, "base64")));
    assert.equal(f.relaxedSimd, WebAssembly.validate(Buffer.from(RELAXED_WASM, "base64")));
    assert.equal(f.simd, true, "Node.js 20 has WebAssembly SIMD");
  });

  test("the shared-memory builds import a shared env.memory and compute what the own-memory builds do; no kernel writes below heapBase()", () => {
    // in a child process with relaxed SIMD enabled (Node.js 20 needs the flag), so both pairs are checked
    const binary = new URL("dist/src/backend/wasm_binary.js", ROOT).href;
    const code = `
      const B = await import(${JSON.stringify(binary)});
      const bytes = (name) => Buffer.from(B[name], "base64");
      // every kernel, the tails and every summation path included, on fixed inputs from 64 KiB on; the
      // static data below heapBase() is compared before and after
      function run(ex, memory) {
        if (memory.buffer.byteLength < 1 << 23) memory.grow(((1 << 23) - memory.buffer.byteLength) >> 16);
        const heap = ex.heapBase();
        const before = new Uint8Array(memory.buffer, 0, heap).slice();
        ex.setScratch(heap);
        const x = 1 << 16, out = 1 << 20, work = 3 << 20, n = 70001; // gemm work: about 2.2 MB
        const X = new Float32Array(memory.buffer, x, n);
        for (let i = 0; i < n; i++) X[i] = Math.sin(i * 0.37) * 6;
        const O = () => new Float32Array(memory.buffer, out, n);
        const res = [];
        for (let op = 0; op < 8; op++) { ex.unaryF32(op, n, x, out); res.push(...O()); ex.unaryF64(op, 1001, x, out); res.push(...O().slice(0, 2002)); }
        ex.binaryF32(3, 7, 101, x, 101, 1, x + 4000, 0, 1, out); res.push(...O().slice(0, 707));
        for (const [f, args] of [["innerSumF32", [x, 333, 333, 20]], ["outerSumF32", [x, 1000, 60, 1000]], ["outerSumF32", [x, 7, 9000, 7]], ["innerSumF64", [x, 1, n >> 1, 1]], ["outerSumF64", [x, 3, 3000, 3]]]) {
          O().fill(0); ex[f](...args, out, 1); res.push(...O().slice(0, 1000));
        }
        res.push(ex.maxF32(x, n), ex.minF32(x, n - 3), ex.maxF64(x, 1001), ex.minF64(x, 999));
        for (const log of [0, 1]) { ex.softmaxF32(61, 1147, x, out, log); res.push(...O()); ex.softmaxF64(13, 99, x, out, log); res.push(...O().slice(0, 13 * 99 * 2)); }
        ex.gemmF32(1, 50, 70, 90, x, 90, 1, 0, x + 40000, 70, 1, 0, out, 3500, work, 0, 50); res.push(...O().slice(0, 3500));
        const after = new Uint8Array(memory.buffer, 0, heap);
        return { res: res.map((v) => Object.is(v, -0) ? "-0" : String(v)).join(","), staticKept: after.every((b, i) => b === before[i]) };
      }
      const report = {};
      for (const [own, shared] of [["SIMD_WASM", "SIMD_SHARED_WASM"], ["RELAXED_WASM", "RELAXED_SHARED_WASM"]]) {
        if (!WebAssembly.validate(bytes(shared))) { report[shared] = { runs: false, validatesLikeOwn: !WebAssembly.validate(bytes(own)) }; continue; }
        const mod = new WebAssembly.Module(bytes(shared));
        const imports = WebAssembly.Module.imports(mod).map((i) => i.module + "." + i.name + ":" + i.kind);
        let unsharedRefused = false;
        try { new WebAssembly.Instance(mod, { env: { memory: new WebAssembly.Memory({ initial: 1, maximum: 65536 }), abort() {} } }); } catch (e) { unsharedRefused = e instanceof WebAssembly.LinkError; }
        const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
        const a = run(new WebAssembly.Instance(mod, { env: { memory, abort() {} } }).exports, memory);
        const ownEx = new WebAssembly.Instance(new WebAssembly.Module(bytes(own)), { env: { abort() {} } }).exports;
        const b = run(ownEx, ownEx.memory);
        report[shared] = { runs: true, imports, unsharedRefused, same: a.res === b.res, staticKept: [a.staticKept, b.staticKept] };
      }
      console.log(JSON.stringify(report));`;
    const r = spawnSync(process.execPath, ["--experimental-wasm-relaxed-simd", "--input-type=module", "-e", code], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout.trim().split("\n").pop()!) as Record<string, { runs: boolean; validatesLikeOwn?: boolean; imports?: string[]; unsharedRefused?: boolean; same?: boolean; staticKept?: boolean[] }>;
    assert.equal(report.SIMD_SHARED_WASM.runs, true, "Node.js 20 runs the shared SIMD build");
    for (const [name, v] of Object.entries(report)) {
      if (!v.runs) {
        assert.equal(v.validatesLikeOwn, true, `${name}: the engine refuses it but not the own-memory build`);
        continue;
      }
      assert.ok(v.imports!.includes("env.memory:memory"), `${name} imports ${v.imports!.join(", ")}`);
      assert.equal(v.unsharedRefused, true, `${name}: an unshared memory must not link`);
      assert.equal(v.same, true, `${name}: results differ from the own-memory build's`);
      assert.deepEqual(v.staticKept, [true, true], `${name}: a kernel wrote static data (shared build, own-memory build)`);
    }
  });

  test("the relaxed-SIMD (fused) build computes products within float32 tolerance where the engine runs it", () => {
    // Node.js 20 needs a flag for relaxed SIMD: run the check in a child process that has it
    const mod = new URL("dist/src/index.js", ROOT).href;
    const code = `
      const torch = await import(${JSON.stringify(mod)});
      torch.setBackend("wasm", { fused: true, thresholds: "always" });
      const info = torch.backendInfo();
      const a = torch.randn([67, 130], { generator: new torch.Generator().manualSeed(1) });
      const b = torch.randn([130, 45], { generator: new torch.Generator().manualSeed(2) });
      const fused = a.mm(b);
      torch.setBackend("cpu");
      const ref = a.to("float64").mm(b.to("float64"));
      const err = fused.to("float64").sub(ref).abs().max().item();
      console.log(JSON.stringify({ relaxed: info.features.relaxedSimd, fused: info.fused, err }));`;
    const r = spawnSync(process.execPath, ["--experimental-wasm-relaxed-simd", "--input-type=module", "-e", code], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout.trim().split("\n").pop()!) as { relaxed: boolean; fused: boolean; err: number };
    if (!out.relaxed) return; // an engine without relaxed SIMD: the plain build is used (nothing to check)
    assert.equal(out.fused, true);
    assert.ok(out.err < 1e-4, `fused product error ${out.err}`);
  });
});

// ---- matmul --------------------------------------------------------------------------------------------
describe("wasm matmul", () => {
  const check = (m: number, k: number, n: number, f32: boolean, opts: { ta?: boolean; tb?: boolean; batch?: number; expandB?: boolean } = {}): void => {
    const batch = opts.batch ?? 1;
    const ad = values(batch * m * k + 3, m * 131 + k, f32);
    const bd = values((opts.expandB ? 1 : batch) * k * n + 5, n * 71 + k + 1, f32);
    // a: (batch, m, k) at offset 3, transposed storage when ta; b likewise at offset 5
    const a = opts.ta ? view(ad, [batch, m, k], [m * k, 1, m], 3) : view(ad, [batch, m, k], [m * k, k, 1], 3);
    const bBatch = opts.expandB ? 0 : k * n;
    const b = opts.tb ? view(bd, [batch, k, n], [bBatch, 1, k], 5) : view(bd, [batch, k, n], [bBatch, n, 1], 5);
    const want = K.matmul(a, b, f32 ? new Float32Array(batch * m * n) : new Float64Array(batch * m * n), batch, m, k, n, a._strides[0], b._strides[0]);
    const got = W.matmul(a, b, f32 ? new Float32Array(batch * m * n) : new Float64Array(batch * m * n), batch, m, k, n, a._strides[0], b._strides[0]);
    assertSame(got, want, `${f32 ? "f32" : "f64"} ${batch}x${m}x${k}x${n} ${JSON.stringify(opts)}`);
  };

  test("every m = k = n from 1 to 67, float32 and float64, bit-identical to cpu.ts", () => {
    for (let s = 1; s <= 67; s++) {
      check(s, s, s, true);
      check(s, s, s, false);
    }
  });

  test("odd and mixed shapes (1..67 in each dim), transposed operands, both dtypes", () => {
    const sizes = [1, 2, 3, 4, 5, 7, 8, 9, 12, 15, 16, 17, 31, 33, 47, 64, 67];
    let i = 0;
    for (const m of sizes)
      for (const k of sizes)
        for (const n of sizes) {
          if ((m * 7 + k * 3 + n) % 5 !== 0) continue; // a fifth of the triples
          const opts = { ta: i % 2 === 1, tb: i % 3 === 1 };
          check(m, k, n, i % 2 === 0, opts);
          i++;
        }
    assert.ok(i > 900);
  });

  test("blocking edges: k across the k-blocks (256), m across the row blocks (96), n across the column blocks (2048)", () => {
    check(5, 257, 9, true);
    check(5, 600, 9, false, { ta: true });
    check(97, 20, 13, true, { tb: true });
    check(200, 3, 10, false);
    check(3, 4, 2051, true);
    check(2, 300, 2100, false, { tb: true });
  });

  test("batches, with an expanded (stride 0) right operand", () => {
    check(7, 9, 11, true, { batch: 4 });
    check(7, 9, 11, false, { batch: 3, ta: true, tb: true });
    check(16, 16, 16, true, { batch: 5, expandB: true });
    check(1, 1, 1, false, { batch: 6 });
  });

  test("k = 0 gives zeros; m or n = 0 gives nothing", () => {
    const a = view(new Float32Array(0), [3, 0]);
    const b = view(new Float32Array(0), [0, 4]);
    assertSame(W.matmul(a, b, new Float32Array(12).fill(7), 1, 3, 0, 4, 0, 0), new Float32Array(12), "k = 0");
    assert.equal(W.matmul(view(new Float32Array(0), [0, 5]), view(new Float32Array(20), [5, 4]), new Float32Array(0), 1, 0, 5, 4, 0, 0).length, 0);
  });

  test("matmulRange computes only rows m0 .. m1 of every batch (the threads' unit of work)", () => {
    const [batch, m, k, n] = [3, 37, 21, 19];
    const a = view(values(batch * m * k, 9), [batch, m, k]);
    const b = view(values(batch * k * n, 10), [batch, k, n]);
    const full = K.matmul(a, b, new Float32Array(batch * m * n), batch, m, k, n, m * k, k * n);
    const out = new Float32Array(batch * m * n).fill(-1);
    for (const [m0, m1] of [[0, 5], [5, 6], [6, 30], [30, 37]]) W.matmulRange(a, b, out, batch, m, k, n, m * k, k * n, m0, m1);
    assertSame(out, full, "rows in four ranges");
    const part = new Float32Array(batch * m * n).fill(-1);
    W.matmulRange(a, b, part, batch, m, k, n, m * k, k * n, 10, 20);
    for (let t = 0; t < batch; t++)
      for (let i = 0; i < m; i++)
        for (let j = 0; j < n; j++) {
          const p = (t * m + i) * n + j;
          assert.equal(part[p], i >= 10 && i < 20 ? full[p] : -1, `batch ${t} row ${i}`);
        }
  });

  test("strided operands: a slice with a large row stride, and a view into a bigger buffer", () => {
    // a is every third row of a 60 x 40 buffer (span far larger than the block: gathered), b a column window
    const big = values(60 * 40, 3);
    const a = view(big, [1, 20, 40], [0, 120, 1], 0);
    const bbuf = values(40 * 50, 4);
    const b = view(bbuf, [1, 40, 7], [0, 50, 1], 13);
    const want = K.matmul(a, b, new Float32Array(20 * 7), 1, 20, 40, 7, 0, 0);
    assertSame(W.matmul(a, b, new Float32Array(20 * 7), 1, 20, 40, 7, 0, 0), want, "strided");
  });

  test("NaN and infinities propagate as in cpu.ts", () => {
    const ad = values(6 * 5, 1);
    ad[3] = NaN;
    ad[7] = Infinity;
    const bd = values(5 * 9, 2);
    bd[11] = -Infinity;
    const a = view(ad, [6, 5]);
    const b = view(bd, [5, 9]);
    assertSame(W.matmul(a, b, new Float32Array(54), 1, 6, 5, 9, 0, 0), K.matmul(a, b, new Float32Array(54), 1, 6, 5, 9, 0, 0), "specials");
  });
});

// ---- elementwise -----------------------------------------------------------------------------------------
describe("wasm elementwise", () => {
  const ops: Record<W.BinaryOp, (x: number, y: number) => number> = {
    add: (x, y) => x + y,
    sub: (x, y) => x - y,
    mul: (x, y) => x * y,
    div: (x, y) => x / y,
    maximum: (x, y) => (x !== x || y !== y ? NaN : Math.max(x, y)),
    minimum: (x, y) => (x !== x || y !== y ? NaN : Math.min(x, y)),
  };

  test("binary ops, exact, over contiguous, scalar, row- and column-broadcast layouts, every length 0..40", () => {
    for (const f32 of [true, false])
      for (const [op, ref] of Object.entries(ops) as [W.BinaryOp, (x: number, y: number) => number][])
        for (let n = 0; n <= 40; n++) {
          const a = values(n, n + 1, f32);
          const b = values(n, n + 2, f32);
          b[n >> 1] = 0; // division by zero somewhere
          const layouts: [string, number[], number[], number[], Arr, Arr][] = [
            ["vv", [n], [1], [1], a, b],
            ["vs", [n], [1], [0], a, b.subarray(0, 1)],
            ["sv", [n], [0], [1], a.subarray(0, 1), b],
          ];
          if (n >= 2 && n % 2 === 0) {
            const h = n / 2;
            layouts.push(["row", [2, h], [h, 1], [0, 1], a, b]); // a (2, h) + b (h)
            layouts.push(["col", [2, h], [h, 1], [1, 0], a, b]); // a (2, h) + b (2, 1)
          }
          for (const [name, shape, sa, sb, ad, bd] of layouts) {
            const numel = shape.reduce((p, q) => p * q, 1);
            const out = f32 ? new Float32Array(numel) : new Float64Array(numel);
            assert.ok(W.binary(op, out, shape, ad, sa, 0, bd, sb, 0), `${op} ${name} ${n} handled`);
            const want = K.binary(ref, f32 ? new Float32Array(numel) : new Float64Array(numel), shape, ad, sa, 0, bd, sb, 0);
            assertSame(out, want, `${f32 ? "f32" : "f64"} ${op} ${name} n=${n}`);
          }
        }
  });

  test("binary: layouts beyond two coalesced dims with unit inner strides are declined", () => {
    const a = values(24, 1);
    assert.equal(W.binary("add", new Float32Array(24), [2, 3, 4], a, [12, 1, 3], 0, a, [12, 4, 1], 0), false);
    // while a (2, 3, 4) + b (3, 4) coalesces to a row broadcast
    assert.equal(W.binary("add", new Float32Array(24), [2, 3, 4], a, [12, 4, 1], 0, a, [0, 4, 1], 0), true);
  });

  const specials32 = [0, -0, 1, -1, 0.5, 1e-3, -1e-3, 3, -3, 10, -10, 20, -20, 88.5, 88.8, -87, -103, -110, 1e-30, 1.2e-38, 1e-40, 1e30, Infinity, -Infinity, NaN];

  test("neg, relu, abs, sqrt: exact", () => {
    for (const f32 of [true, false]) {
      const x = f32 ? Float32Array.from([...specials32, ...values(37, 5)]) : Float64Array.from([...specials32, ...values(37, 5, false)]);
      const refs: Record<string, (v: number) => number> = { neg: (v) => -v, relu: (v) => (v > 0 || v !== v ? v : 0), abs: Math.abs, sqrt: Math.sqrt };
      for (const [op, f] of Object.entries(refs)) {
        const out = f32 ? new Float32Array(x.length) : new Float64Array(x.length);
        W.unary(op as W.UnaryOp, out, view(x, [x.length]));
        assertSame(out, K.unary(f, f32 ? new Float32Array(x.length) : new Float64Array(x.length), view(x, [x.length])), `${op} ${f32 ? "f32" : "f64"}`);
      }
    }
  });

  test("exp, log, tanh, sigmoid: within 2 ulp (float32) / 1e-15 (float64) of the double-precision values, special values exact", () => {
    const refs: Record<string, (v: number) => number> = { exp: Math.exp, log: Math.log, tanh: Math.tanh, sigmoid: (v) => 1 / (1 + Math.exp(-v)) };
    const grid: number[] = [];
    for (let v = -30; v <= 30; v += 0.0137) grid.push(v);
    for (let e = -40; e <= 38; e++) grid.push(1.7 * 10 ** e, 3.1 * 10 ** e);
    for (const f32 of [true, false])
      for (const [op, f] of Object.entries(refs)) {
        const x = f32 ? Float32Array.from([...specials32, ...grid]) : Float64Array.from([...specials32, ...grid, 700, 709.7, -745, -746]);
        const out = f32 ? new Float32Array(x.length) : new Float64Array(x.length);
        W.unary(op as W.UnaryOp, out, view(x, [x.length]));
        for (let i = 0; i < x.length; i++) {
          const want = f32 ? Math.fround(f(x[i])) : f(x[i]);
          const got = out[i];
          const where = `${op}(${x[i]}) ${f32 ? "f32" : "f64"}`;
          if (!Number.isFinite(want) || want === 0) {
            if (f32 && op === "exp" && x[i] < -87.3 && want < 1.2e-38) assert.ok(Math.abs(got - want) <= 2 ** -149 * 2, `${where}: got ${got}, expected ${want}`); // subnormal results
            else if (f32 && op === "sigmoid" && want < 1.2e-38) assert.ok(Math.abs(got - want) <= 2 ** -149 * 2, `${where}: got ${got}, expected ${want}`);
            else assert.ok(Object.is(got, want) || (Number.isNaN(got) && Number.isNaN(want)) || (want === 0 && got === 0), `${where}: got ${got}, expected ${want}`);
            continue;
          }
          if (f32 && Math.abs(want) < 1.2e-38) {
            assert.ok(Math.abs(got - want) <= 2 ** -149 * 4, `${where}: got ${got}, expected ${want}`); // subnormal range: absolute
            continue;
          }
          const tol = f32 ? 2 * 2 ** -23 : 1e-15;
          assert.ok(Math.abs(got - want) <= tol * Math.abs(want), `${where}: got ${got}, expected ${want} (rel ${Math.abs(got - want) / Math.abs(want)})`);
        }
      }
  });

  test("unary reads strided input (a transposed view)", () => {
    const x = values(6 * 7, 8);
    const v = view(x, [7, 6], [1, 7]);
    const out = new Float32Array(42);
    W.unary("neg", out, v);
    assertSame(out, K.unary((t) => -t, new Float32Array(42), v), "neg of x.t()");
  });
});

// ---- reductions and softmax ------------------------------------------------------------------------------
describe("wasm reductions", () => {
  const sums: [number[], number[], number[]?][] = [
    [[1], [0]],
    [[7], [0]],
    [[8], [0]],
    [[33], [0]],
    [[1000], [0]],
    [[70001], [0]], // deep enough for every cascade level
    [[300000], [0]],
    [[37, 53], [0]],
    [[37, 53], [1]],
    [[37, 53], [0, 1]],
    [[4, 5, 6], [1]],
    [[4, 5, 6], [0, 2]],
    [[3, 1000, 40], [1]],
    [[3, 40, 1000], [0, 2]],
    [[65, 33], [0], [1, 65]], // a transposed view
    [[30, 20], [1], [1, 30]],
  ];
  for (const [shape, dims, strides] of sums)
    test(`sum over dims ${dims} of ${shape.join("x")}${strides ? " (strided)" : ""}: bit-identical to cpu.ts, float32 and float64`, () => {
      const n = shape.reduce((p, q) => p * q, 1);
      for (const f32 of [true, false]) {
        const data = values(n, n + dims.length, f32);
        const x = view(data, shape, strides);
        for (const keepdim of [false, true]) {
          const m = n / dims.reduce((p, d) => p * shape[d], 1);
          const want = K.sum(x, dims, keepdim, f32 ? new Float32Array(m) : new Float64Array(m));
          const got = W.sum(x, dims, keepdim, f32 ? new Float32Array(m) : new Float64Array(m));
          assertSame(got, want, `${f32 ? "f32" : "f64"} keepdim ${keepdim}`);
        }
      }
    });

  test("max / min of all elements, NaN propagating", () => {
    for (const f32 of [true, false])
      for (const n of [1, 2, 3, 7, 8, 15, 16, 17, 100, 1001]) {
        const x = values(n, n, f32);
        let mx = -Infinity;
        let mn = Infinity;
        for (const v of x) [mx, mn] = [Math.max(mx, v), Math.min(mn, v)];
        assert.equal(W.extremum("max", x, 0, n), mx);
        assert.equal(W.extremum("min", x, 0, n), mn);
        x[n - 1] = NaN;
        assert.ok(Number.isNaN(W.extremum("max", x, 0, n)), `NaN last, n ${n}`);
        x[n - 1] = 0;
        x[0] = NaN;
        assert.ok(Number.isNaN(W.extremum("min", x, 0, n)), `NaN first, n ${n}`);
      }
  });

  test("softmax and log_softmax over rows of every length 1..40 and 1000, with -inf and NaN rows", () => {
    for (const f32 of [true, false])
      for (const cols of [...Array.from({ length: 40 }, (_, i) => i + 1), 1000])
        for (const log of [false, true]) {
          const rows = 3;
          const x = values(rows * cols, cols, f32);
          for (let i = 0; i < x.length; i++) x[i] *= 20;
          x[0] = -Infinity;
          if (cols > 1) x[2 * cols + cols - 1] = NaN; // the last row has a NaN
          const out = f32 ? new Float32Array(rows * cols) : new Float64Array(rows * cols);
          W.softmaxLastDim(x, 0, rows, cols, log, out);
          const want = new Float64Array(rows * cols);
          for (let r = 0; r < rows; r++) {
            let m = -Infinity;
            for (let j = 0; j < cols; j++) m = Number.isNaN(x[r * cols + j]) || Number.isNaN(m) ? NaN : Math.max(m, x[r * cols + j]);
            let s = 0;
            for (let j = 0; j < cols; j++) s += Math.exp(x[r * cols + j] - m);
            for (let j = 0; j < cols; j++) want[r * cols + j] = log ? x[r * cols + j] - m - Math.log(s) : Math.exp(x[r * cols + j] - m) / s;
          }
          assertClose(out, want, f32 ? 4e-6 : 1e-13, f32 ? 1e-6 : 1e-14, `${f32 ? "f32" : "f64"} ${log ? "log_softmax" : "softmax"} cols ${cols}`);
        }
  });
});

// ---- the backend switch ------------------------------------------------------------------------------------
describe("backend registry", () => {
  test("setBackend / getBackend, unknown names, thresholds", () => {
    assert.equal(torch.getBackend(), "cpu");
    assert.throws(() => torch.setBackend("gpu" as "cpu"), /unknown backend "gpu"/);
    torch.setBackend("wasm");
    try {
      assert.equal(torch.getBackend(), "wasm");
      assert.deepEqual(torch.backendInfo().thresholds, BK.DEFAULT_THRESHOLDS);
      torch.setBackend("wasm", { thresholds: { matmul: 7 } });
      assert.equal(torch.backendInfo().thresholds.matmul, 7);
      assert.equal(torch.backendInfo().thresholds.reduce, BK.DEFAULT_THRESHOLDS.reduce);
    } finally {
      torch.setBackend("cpu");
    }
    assert.equal(torch.getBackend(), "cpu");
  });

  test("ops give cpu's numbers on the wasm backend where it promises bit-identity (mm, bmm, sum, mean, add, mul)", () => {
    const g = new torch.Generator().manualSeed(7);
    const a = torch.randn([70, 90], { generator: g });
    const b = torch.randn([90, 50], { generator: g });
    const c = torch.randn([4, 30, 20], { generator: g, dtype: torch.float64 });
    const d = torch.randn([4, 20, 10], { generator: g, dtype: torch.float64 });
    const run = () => [a.mm(b), a.t().matmul(a), c.bmm(d), a.sum(), a.sum(0), a.mean(1), c.sum([0, 2]), a.add(a.select(0, 1)), a.mul(2.5), c.sub(c.select(1, 3).unsqueeze(1))];
    const cpu = run().map((t) => t.flatten().tolist() as number[]);
    // the plain build: the relaxed one (the default where the engine has relaxed SIMD) fuses products
    for (const opts of [{ fused: false }, { thresholds: "always" as const, fused: false }]) {
      torch.setBackend("wasm", opts);
      try {
        run().forEach((t, i) => assertSame(t.flatten().tolist() as number[], cpu[i], `result ${i} with ${JSON.stringify(opts)}`));
      } finally {
        torch.setBackend("cpu");
      }
    }
  });

  test("initBackend loads asynchronously (what a browser's main thread needs); setBackend returns a promise", async () => {
    await torch.initBackend("wasm");
    await torch.setBackend("wasm", { thresholds: "always" });
    try {
      assert.equal(torch.getBackend(), "wasm");
      assert.deepEqual(torch.tensor([[1, 2]]).mm(torch.tensor([[3], [4]])).tolist(), [[11]]);
    } finally {
      await torch.setBackend("cpu");
    }
  });

  test("integer and bool tensors stay on the TypeScript kernels", () => {
    torch.setBackend("wasm", { thresholds: "always" });
    try {
      const i = torch.arange(12, { dtype: torch.int64 }).reshape([3, 4]);
      assert.deepEqual(i.mm(i.t()).tolist(), [[14n, 38n, 62n], [38n, 126n, 214n], [62n, 214n, 366n]].map((r) => r.map(Number)));
      assert.deepEqual(i.neg().sum().item(), -66);
    } finally {
      torch.setBackend("cpu");
    }
  });
});
