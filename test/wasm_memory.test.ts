// Tensor storage inside the wasm backend's shared memory (src/backend/wasm_memory.ts): the pool's
// allocator, which tensors become resident, that kernels on resident operands give the numbers the
// TypeScript kernels give, the cap and its fallback, freeing by the GC and by Tensor.dispose(), and
// the RuntimeError for storage too large to allocate.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import * as M from "../src/backend/wasm_memory.js";
import * as F from "../src/nn/functional.js";
import { lastJob } from "../src/backend/threads.js";

// the plain build: its products are bit-identical to the cpu backend's (the relaxed-SIMD build, the
// default where the engine has relaxed SIMD, fuses multiply-adds)
const WASM = { fused: false } as const;
torch.setBackend("wasm", WASM);
const shared = M.sharedMemory() !== null;

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Collects garbage and lets the finalizers run (they run between event-loop turns). */
async function collect(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    gc();
    await turn();
  }
}

/** The same computation on the cpu backend (inputs copied to JS storage there). */
function onCpu(f: () => Tensor): Tensor {
  torch.setBackend("cpu");
  try {
    return f();
  } finally {
    torch.setBackend("wasm", WASM);
  }
}

function bits(t: Tensor): number[] {
  return Array.from(t.contiguous().flatten().tolist() as number[]);
}

function assertClose(actual: Tensor, expected: Tensor, rtol: number, what: string): void {
  assert.deepEqual(actual.shape, expected.shape, what);
  const a = bits(actual);
  const e = bits(expected);
  for (let i = 0; i < a.length; i++) {
    const tol = rtol * Math.max(1, Math.abs(e[i]));
    assert.ok(Math.abs(a[i] - e[i]) <= tol || (Number.isNaN(a[i]) && Number.isNaN(e[i])), `${what}: element ${i}: ${a[i]} vs ${e[i]}`);
  }
}

describe("wasm memory pool", { skip: shared ? false : "no shared WebAssembly.Memory in this engine" }, () => {
  test("torch.memoryInfo() and torch.threadPoolInfo() are public", () => {
    const m = torch.memoryInfo();
    assert.equal(m.shared, true);
    assert.equal(m.capBytes, M.POOL_CAP_BYTES);
    const t = torch.threadPoolInfo();
    assert.equal(t.numThreads, torch.getNumThreads());
    assert.equal(t.usable, true, t.reason);
  });

  test("the allocator reuses freed blocks (best fit) and coalesces neighbours", () => {
    const before = M.poolInfo().liveBytes;
    const a = M.allocBlock(100_000)!;
    const b = M.allocBlock(200_000)!;
    const c = M.allocBlock(100_000)!;
    assert.equal(a.addr % 64, 0);
    assert.equal(a.size, Math.ceil(100_000 / 64) * 64);
    assert.ok(b.addr >= a.addr + a.size && c.addr >= b.addr + b.size);
    assert.equal(M.poolInfo().liveBytes, before + a.size + b.size + c.size);
    M.release(b);
    // a block no larger than b's hole goes there
    const d = M.allocBlock(150_000)!;
    assert.equal(d.addr, b.addr);
    M.release(d);
    M.release(a);
    // a and b's hole merged: a block as large as both fits at a's address
    const e = M.allocBlock(a.size + b.size)!;
    assert.equal(e.addr, a.addr);
    M.release(e);
    M.release(c);
    assert.equal(M.poolInfo().liveBytes, before);
  });

  test("large float storage is resident on the wasm backend, small, integer and cpu-backend storage is not", () => {
    const big = torch.randn([20000]);
    assert.ok(M.isResidentStorage(big._data), "randn of 20000 float32");
    assert.ok(M.isResidentStorage(torch.zeros([3, 3000], { dtype: torch.float64 })._data), "zeros float64");
    assert.ok(M.isResidentStorage(big.add(1)._data), "an op's result");
    assert.ok(!M.isResidentStorage(torch.randn([100])._data), "100 elements");
    assert.ok(!M.isResidentStorage(torch.zeros([20000], { dtype: torch.int32 })._data), "int32");
    assert.ok(!M.isResidentStorage(onCpu(() => torch.randn([20000]))._data), "cpu backend");
    assert.ok(M.isResidentStorage(torch.zeros([20000])._data) && bits(torch.zeros([20000])).every((v) => v === 0), "zeros are zero in a reused block");
  });

  test("kernels on resident operands give the cpu backend's numbers", () => {
    torch.manualSeed(3);
    const a = torch.randn([200, 160]);
    const b = torch.randn([200, 160]);
    const row = torch.randn([160]);
    const x64 = torch.randn([130, 150], { dtype: torch.float64 });
    assert.ok(M.isResidentStorage(a._data) && M.isResidentStorage(x64._data));
    const copy = (t: Tensor): Tensor => onCpu(() => t.clone());
    const [ca, cb, crow, cx64] = [copy(a), copy(b), copy(row), copy(x64)];
    assert.ok(!M.isResidentStorage(ca._data));
    const exact: [string, (p: Tensor, q: Tensor, r: Tensor, s: Tensor) => Tensor][] = [
      ["add", (p, q) => p.add(q)],
      ["sub broadcast", (p, _q, r) => p.sub(r)],
      ["mul scalar", (p) => p.mul(1.5)],
      ["div", (p, q) => p.div(q)],
      ["maximum", (p, q) => torch.maximum(p, q)],
      ["neg/relu/abs/sqrt", (p) => p.neg().relu().add(p.abs().sqrt())],
      ["transposed operand", (p, q) => p.t().add(q.t())],
      ["slice", (p) => p.narrow(1, 3, 100).mul(2)],
      ["sum all", (p) => p.sum()],
      ["sum dim 0 / 1", (p) => p.sum(0).add(p.sum(1).sum())],
      ["mean float64", (_p, _q, _r, s) => s.mean(1)],
      ["max", (p) => p.max()],
      ["matmul", (p, q) => p.matmul(q.t())],
      ["matmul float64", (_p, _q, _r, s) => s.t().matmul(s)],
      ["in-place add_", (p, q) => p.clone().add_(q)],
    ];
    for (const [name, f] of exact) assert.deepEqual(bits(f(a, b, row, x64)), bits(onCpu(() => f(ca, cb, crow, cx64))), name);
    const close: [string, (p: Tensor, q: Tensor) => Tensor][] = [
      ["exp", (p) => p.exp()],
      ["log", (p) => p.abs().add(0.5).log()],
      ["tanh/sigmoid", (p) => p.tanh().add(p.sigmoid())],
      ["softmax", (p) => F.softmax(p, 1)],
      ["log_softmax", (p) => F.logSoftmax(p, 1)],
    ];
    for (const [name, f] of close) assertClose(f(a, b), onCpu(() => f(ca, cb)), 4e-6, name);
  });

  test("products split across threads on the shared memory give the one-thread (and cpu) numbers", () => {
    const threads = torch.getNumThreads();
    torch.manualSeed(1);
    const cases: [string, Tensor, Tensor][] = [
      ["rows", torch.randn([300, 500]), torch.randn([500, 200])],
      ["transposed operand", torch.randn([700, 64]).t(), torch.randn([700, 300])],
      ["by batch", torch.randn([8, 100, 90]), torch.randn([8, 90, 120])],
      ["float64", torch.randn([3, 200, 300], { dtype: torch.float64 }), torch.randn([3, 300, 100], { dtype: torch.float64 })],
    ];
    try {
      for (const [name, a, b] of cases) {
        torch.setNumThreads(1);
        const one = a.matmul(b);
        torch.setNumThreads(2);
        const two = a.matmul(b);
        assert.ok(lastJob.parallel && lastJob.kernel === "wasm.gemm", `${name} ran on the pool`);
        assert.ok(M.isResidentStorage(two._data), `${name}: the result is resident`);
        assert.deepEqual(bits(two), bits(one), name);
        assert.deepEqual(bits(two), bits(onCpu(() => a.matmul(b))), `${name} (cpu)`);
      }
    } finally {
      torch.setNumThreads(threads);
    }
  });

  test("resident storage keeps its values when the memory grows", () => {
    const a = torch.randn([50000]);
    const before = bits(a);
    const grown = M.poolInfo().memoryBytes;
    // one block larger than the whole memory: the pool must grow for it
    const hold = torch.zeros([grown / 4 + (1 << 20)]);
    assert.ok(M.isResidentStorage(hold._data));
    assert.ok(M.poolInfo().memoryBytes > grown);
    assert.deepEqual(bits(a), before);
  });

  test("elementwise kernels split across worker threads give the one-thread numbers", () => {
    const threads = torch.getNumThreads();
    torch.manualSeed(5);
    const a = torch.randn([1 << 21]);
    const b = torch.randn([1 << 21]);
    const m = torch.randn([2048, 1024]);
    const r = torch.randn([1024]);
    const x64 = torch.randn([1 << 19], { dtype: torch.float64 });
    const cases: [string, () => Tensor][] = [
      ["add", () => a.add(b)],
      ["mul by a scalar", () => a.mul(3)],
      ["exp", () => a.exp()],
      ["tanh", () => a.tanh()],
      ["sigmoid float64", () => x64.sigmoid()],
      ["rows: matrix minus a row", () => m.sub(r)],
      ["transposed (copied in, then split)", () => m.t().exp()],
    ];
    try {
      torch.setNumThreads(1);
      const one = cases.map(([, f]) => bits(f()));
      torch.setNumThreads(2);
      cases.forEach(([name, f], i) => {
        const t = f();
        assert.ok(lastJob.parallel && lastJob.kernel === "wasm.elementwise", `${name} ran on the pool`);
        assert.deepEqual(bits(t), one[i], name);
      });
    } finally {
      torch.setNumThreads(threads);
    }
  });

  test("SGD's plain update runs in place on the wasm kernels, within float rounding of PyTorch's fused one", () => {
    torch.manualSeed(11);
    const make = (): [Tensor, Tensor] => {
      const p = torch.randn([300, 200]).requiresGrad_();
      const q = torch.randn([300, 200], { dtype: torch.float64 }).requiresGrad_();
      return [p, q];
    };
    const [p, q] = make();
    torch.setBackend("cpu");
    const [pc, qc] = [p.detach().clone().requiresGrad_(), q.detach().clone().requiresGrad_()];
    torch.setBackend("wasm", WASM);
    const grads = [torch.randn([300, 200]), torch.randn([300, 200], { dtype: torch.float64 })];
    const storage = p._data;
    const version = p._version.value;
    p.grad = grads[0];
    q.grad = grads[1];
    new torch.optim.SGD([p, q], { lr: 0.1 }).step();
    assert.ok(p._data === storage && M.isResidentStorage(storage), "updated in place");
    assert.equal(p._version.value, version + 1);
    onCpu(() => {
      pc.grad = grads[0].clone();
      qc.grad = grads[1].clone();
      new torch.optim.SGD([pc, qc], { lr: 0.1 }).step();
      return pc;
    });
    assertClose(p.detach(), pc.detach(), 2e-7, "float32 parameters");
    assertClose(q.detach(), qc.detach(), 1e-15, "float64 parameters");
  });

  test("past the cap, storage falls back to JS memory and ops still work", () => {
    const old = M.setPoolCap(M.poolInfo().residentBytes + 300_000);
    try {
      const a = torch.ones([50000]); // 200 KB: fits
      const fallbacks = M.poolInfo().fallbacks;
      const b = torch.ones([50000]); // would pass the cap
      assert.ok(M.isResidentStorage(a._data));
      assert.ok(!M.isResidentStorage(b._data));
      assert.equal(M.poolInfo().fallbacks, fallbacks + 1);
      const c = a.add(b).exp();
      assert.ok(!M.isResidentStorage(c._data));
      assertClose(c, torch.full([50000], Math.exp(2)), 1e-6, "exp(1 + 1)");
      assert.equal(a.add(b).sum().item(), 100000);
    } finally {
      M.setPoolCap(old);
    }
  });

  test("the GC returns resident storage to the pool", async () => {
    await collect();
    const base = M.poolInfo().residentBytes;
    (() => {
      const t = torch.randn([1 << 18]);
      assert.equal(M.poolInfo().residentBytes, base + (1 << 20));
      assert.ok(t.sum().item() !== 0);
    })();
    await collect();
    assert.equal(M.poolInfo().residentBytes, base);
  });

  test("dispose() frees the storage of a tensor nothing else uses, and empties the tensor", async () => {
    await collect();
    const base = M.poolInfo().residentBytes;
    const a = torch.randn([1 << 16]);
    const b = a.mul(2);
    assert.equal(M.poolInfo().residentBytes, base + 2 * (1 << 18));
    b.dispose();
    assert.equal(M.poolInfo().residentBytes, base + (1 << 18));
    assert.deepEqual(b.shape, [0]);
    assert.equal(b.numel(), 0);
    b.dispose(); // twice: nothing more
    assert.equal(M.poolInfo().residentBytes, base + (1 << 18));
    // a view shares the storage: disposing the base empties the base only
    const v = a.view([256, 256]);
    const sum = v.sum().item();
    a.dispose();
    assert.deepEqual(a.shape, [0]);
    assert.equal(M.poolInfo().residentBytes, base + (1 << 18));
    assert.equal(v.sum().item(), sum);
    // the freed block is reused by the next allocation of its size
    const c = torch.zeros([1 << 16]);
    assert.ok(M.isResidentStorage(c._data));
    assert.ok(bits(c).every((x) => x === 0));
    const disposeSymbol = (Symbol as { dispose?: symbol }).dispose;
    if (disposeSymbol !== undefined) {
      const d = torch.ones([1 << 16]);
      (d as unknown as Record<symbol, () => void>)[disposeSymbol]();
      assert.deepEqual(d.shape, [0]);
    }
  });

  test("backward through a graph that saved a disposed tensor raises PyTorch's in-place error", () => {
    const w = torch.randn([1 << 14], { requiresGrad: true });
    const y = w.exp(); // saves its result
    const loss = y.sum();
    y.dispose();
    assert.throws(
      () => loss.backward(),
      (e: Error) => e.name === "RuntimeError" && e.message.startsWith("one of the variables needed for gradient computation has been modified by an inplace operation"),
    );
    assert.equal(w.grad, null);
  });
});

describe("storage too large to allocate", () => {
  for (const backend of ["cpu", "wasm"] as const) {
    test(`raises PyTorch's RuntimeError naming the size (${backend})`, () => {
      torch.setBackend(backend);
      try {
        const a = torch.ones([3]);
        for (const [f, bytes] of [
          [() => torch.zeros([1e6, 1e6]), 4e12],
          [() => torch.randn([100000, 100000], { dtype: torch.float64 }), 8e10],
          [() => torch.ones([2, 3]).expand([1e6, 1e6, 2, 3]).contiguous(), 2.4e13],
          [() => a.expand([1e7, 1e7, 3]).add(1), 1.2e15],
        ] as [() => Tensor, number][]) {
          assert.throws(f, (e: Error) => {
            assert.equal(e.name, "RuntimeError");
            assert.equal(e.message, `[enforce fail at alloc_cpu.cpp:114] data. DefaultCPUAllocator: not enough memory: you tried to allocate ${bytes} bytes.`);
            return true;
          });
        }
        assert.deepEqual(a.tolist(), [1, 1, 1]);
      } finally {
        torch.setBackend("wasm", WASM);
      }
    });
  }
});
