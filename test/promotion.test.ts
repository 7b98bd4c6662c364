// dtype promotion against PyTorch: torch.resultType, torch.promoteTypes and torch.canCast for every pair
// of operand kinds (a tensor and a 0-dim tensor of each dtype, a JS integer, a JS non-integer, a JS
// boolean) under both default float dtypes, and the result dtype (or error) of elementwise ops over the
// same pairs. Fixture: test/fixtures/promotion.json, from scripts/golden/promotion_cases.py:
//   /usr/bin/python3 scripts/golden/promotion_cases.py
// Also the division semantics of issue 3 (true division of integers gives a float, floor division keeps
// integers, an integer division by zero raises "ZeroDivisionError") and the math ops' autograd nodes
// that the op table cannot run (their backward raises in PyTorch), with PyTorch 2.x's behaviour where
// the 1.13 oracle differs.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { loadFixture } from "./helpers/fixtures.js";

type DTName = "float32" | "float64" | "int64" | "int32" | "bool";
interface Operand {
  id: string;
  kind: "tensor" | "zerodim" | "int" | "float" | "bool";
  dtype?: DTName;
  value?: number | boolean;
}
type Outcome = DTName | { error: { name: string; message: string } };
interface Fixture {
  torch: string;
  operands: Operand[];
  resultType: Record<"float32" | "float64", Record<string, DTName>>;
  ops: Record<"float32" | "float64", Record<string, Record<string, Outcome>>>;
  promoteTypes: Record<string, DTName>;
  canCast: Record<string, boolean>;
}

const fx = loadFixture<Fixture>("promotion.json");

function build(o: Operand): Tensor | number | boolean {
  if (o.kind === "tensor") return torch.tensor(o.dtype === "bool" ? [true, true] : [3, 1], { dtype: o.dtype });
  if (o.kind === "zerodim") return torch.tensor(o.dtype === "bool" ? true : 3, { dtype: o.dtype });
  return o.value!;
}

const OPS: Record<string, (a: Tensor, b: Tensor | number | boolean) => Tensor> = {
  add: (a, b) => torch.add(a, b),
  mul: (a, b) => torch.mul(a, b),
  div: (a, b) => torch.div(a, b),
  floorDivide: (a, b) => torch.floorDivide(a, b),
  remainder: (a, b) => torch.remainder(a, b),
  bitwiseAnd: (a, b) => torch.bitwiseAnd(a, b),
};

function withDefault<T>(d: "float32" | "float64", f: () => T): T {
  const prev = torch.getDefaultDtype();
  torch.setDefaultDtype(d === "float32" ? torch.float32 : torch.float64);
  try {
    return f();
  } finally {
    torch.setDefaultDtype(prev);
  }
}

for (const def of ["float32", "float64"] as const) {
  describe(`default dtype ${def}`, () => {
    test("torch.resultType(a, b) equals torch.result_type for every pair of operand kinds", () => {
      withDefault(def, () => {
        const bad: string[] = [];
        for (const a of fx.operands)
          for (const b of fx.operands) {
            const key = `${a.id}|${b.id}`;
            const got = torch.resultType(build(a), build(b)).name;
            if (got !== fx.resultType[def][key]) bad.push(`${key}: got ${got}, PyTorch ${fx.resultType[def][key]}`);
          }
        assert.deepEqual(bad, []);
        assert.equal(Object.keys(fx.resultType[def]).length, fx.operands.length ** 2);
      });
    });

    for (const [name, f] of Object.entries(OPS))
      test(`${name}: result dtype (or error) for every pair with a tensor first`, () => {
        withDefault(def, () => {
          const bad: string[] = [];
          for (const a of fx.operands)
            for (const b of fx.operands) {
              const key = `${a.id}|${b.id}`;
              const want = fx.ops[def][name][key];
              if (want === undefined) continue; // a Python scalar first: no tensor op
              let got: Outcome;
              try {
                got = f(build(a) as Tensor, build(b)).dtype.name as DTName;
              } catch (e) {
                got = { error: { name: (e as Error).name, message: (e as Error).message } };
              }
              if (!isDeepStrictEqual(got, want)) bad.push(`${key}: got ${JSON.stringify(got)}, PyTorch ${JSON.stringify(want)}`);
              // the result dtype of a successful op is the promoted one (true division: a float)
              if (typeof want === "string" && name !== "div" && want !== torch.resultType(build(a), build(b)).name)
                bad.push(`${key}: ${name} gives ${want} but result_type is not that`);
            }
          assert.deepEqual(bad, []);
        });
      });
  });
}

test("torch.promoteTypes and torch.canCast equal PyTorch's for every pair of dtypes", () => {
  const dt = (n: string) => torch[n as DTName] as torch.DType;
  const bad: string[] = [];
  for (const [key, want] of Object.entries(fx.promoteTypes)) {
    const [a, b] = key.split("|");
    const got = torch.promoteTypes(dt(a), dt(b)).name;
    if (got !== want) bad.push(`promoteTypes ${key}: got ${got}, PyTorch ${want}`);
  }
  for (const [key, want] of Object.entries(fx.canCast)) {
    const [a, b] = key.split("|");
    if (torch.canCast(dt(a), dt(b)) !== want) bad.push(`canCast ${key}: PyTorch ${want}`);
    if (torch.canCast(a, b) !== want) bad.push(`canCast("${a}", "${b}") by name: PyTorch ${want}`);
  }
  assert.deepEqual(bad, []);
  assert.equal(Object.keys(fx.promoteTypes).length, 25);
});

// ---- division semantics (issue 3, item 5) ------------------------------------------------------------

const ints = (v: number[], dtype: torch.DType = torch.int64) => torch.tensor(v, { dtype });

describe("integer division", () => {
  test("true division of integers gives the default float dtype", () => {
    const q = ints([7, -7, 1]).div(ints([2, 2, 3]));
    assert.equal(q.dtype, torch.float32);
    assert.deepEqual(q.tolist(), [3.5, -3.5, Math.fround(1 / 3)]);
    assert.deepEqual(ints([5, -5]).div(0).tolist(), [Infinity, -Infinity]);
    withDefault("float64", () => assert.equal(ints([1]).div(2).dtype, torch.float64));
  });

  test("floor division of integers stays integer and rounds toward -inf (Python's //)", () => {
    const q = torch.floorDivide(ints([7, -7, 7, -7, 0]), ints([2, 2, -2, -2, 3]));
    assert.equal(q.dtype, torch.int64);
    assert.deepEqual(q.tolist(), [3, -4, -4, 3, 0]);
    assert.deepEqual(ints([7, -7]).div(2, { roundingMode: "floor" }).tolist(), [3, -4]);
    assert.deepEqual(ints([7, -7]).div(2, { roundingMode: "trunc" }).tolist(), [3, -3]);
    assert.equal(ints([7, -7], torch.int32).floorDivide(torch.tensor(2, { dtype: torch.int64 })).dtype, torch.int32);
    assert.deepEqual(torch.remainder(ints([7, -7, 7, -7]), ints([2, 2, -2, -2])).tolist(), [1, 1, -1, -1]);
    assert.deepEqual(torch.fmod(ints([7, -7, 7, -7]), ints([2, 2, -2, -2])).tolist(), [1, -1, 1, -1]);
    // exact for integers beyond 2^32
    assert.deepEqual(torch.floorDivide(ints([2 ** 52 + 1, -(2 ** 52) - 1]), 3).tolist(), [1501199875790165, -1501199875790166]);
  });

  test("an integer division by zero raises PyTorch's ZeroDivisionError (a RuntimeError) and changes nothing", () => {
    const check = (f: () => unknown) =>
      assert.throws(f, (e: unknown) => e instanceof torch.RuntimeError && (e as Error).message === "ZeroDivisionError");
    const a = ints([4, 5]);
    check(() => torch.floorDivide(a, 0));
    check(() => a.div(ints([1, 0]), { roundingMode: "trunc" }));
    check(() => torch.fmod(a, 0));
    check(() => torch.remainder(a, ints([0, 1])));
    check(() => a.floorDivide_(0));
    assert.deepEqual(a.tolist(), [4, 5]);
    assert.equal(a.version, 0);
  });

  test("floating division by zero gives IEEE results (PyTorch 2.x, also for a scalar divisor)", () => {
    // 2.x's div_floor_floating and its scalar-divisor path return a / b for b == 0; 1.13's vectorised
    // scalar path returned NaN there
    const x = torch.tensor([0.5, -2, 0, 3, 1, -1, 2, 4, 5]);
    assert.deepEqual(torch.floorDivide(x, 0).tolist(), [Infinity, -Infinity, NaN, Infinity, Infinity, -Infinity, Infinity, Infinity, Infinity]);
    assert.deepEqual((x.div(torch.tensor([0]), { roundingMode: "floor" }).tolist() as number[]).slice(0, 3), [Infinity, -Infinity, NaN]);
    assert.deepEqual(torch.tensor([-0.5]).div(2, { roundingMode: "trunc" }).tolist(), [-0]);
  });
});

// ---- autograd nodes the op table cannot run ----------------------------------------------------------

describe("math ops whose backward raises in PyTorch", () => {
  test("floor_divide has no derivative: grad_fn NotImplemented, backward raises", () => {
    const x = torch.tensor([1.5, -2.5], { requiresGrad: true });
    for (const y of [torch.floorDivide(x, 2), x.mul(1).floorDivide_(torch.tensor([2, 3]))]) {
      assert.equal(y.gradFn!.name(), "NotImplemented");
      assert.throws(
        () => y.sum().backward(),
        (e: unknown) => e instanceof torch.RuntimeError && (e as Error).message === "derivative for aten::floor_divide is not implemented",
      );
    }
    assert.equal(torch.remainder(-3, x).gradFn!.name(), "NotImplemented");
  });

  test("asinh_, acosh_, atanh_: grad_fn XBackward1 whose backward raises NotImplementedError (derivatives.yaml not_implemented)", () => {
    for (const [name, v] of [["asinh", 0.5], ["acosh", 2], ["atanh", 0.5]] as const) {
      const x = torch.tensor([v, v], { requiresGrad: true });
      const y = (x.mul(1) as any)[`${name}_`]() as Tensor;
      assert.equal(y.gradFn!.name(), `${name[0].toUpperCase()}${name.slice(1)}Backward1`);
      assert.throws(
        () => y.sum().backward(),
        (e: unknown) => (e as Error).name === "NotImplementedError" && (e as Error).message === `the derivative for 'inplace version of ${name}' is not implemented.`,
      );
    }
  });

  test("logical and bitwise in-place ops have no autograd kernel: no leaf check, grad_fn kept", () => {
    const leaf = torch.tensor([1.5, 0], { requiresGrad: true });
    leaf.logicalAnd_(torch.tensor([true, true]));
    assert.deepEqual(leaf.tolist(), [1, 0]);
    assert.equal(leaf.version, 1);
    const y = torch.tensor([0.5, 2], { requiresGrad: true }).mul(3);
    y.logicalNot_();
    assert.equal(y.gradFn!.name(), "MulBackward0");
  });
});

describe("PyTorch 2.x semantics the 1.13 oracle does not have", () => {
  test("shifts by a negative amount or by the bit width or more give 0 (left) or the sign bits (right)", () => {
    const a = ints([5, -7, 0]);
    assert.deepEqual(a.bitwiseLeftShift(64).tolist(), [0, 0, 0]);
    assert.deepEqual(a.bitwiseLeftShift(-1).tolist(), [0, 0, 0]);
    assert.deepEqual(a.bitwiseRightShift(63).tolist(), [0, -1, 0]);
    assert.deepEqual(a.bitwiseRightShift(70).tolist(), [0, -1, 0]);
    const b = ints([5, -7, 1], torch.int32);
    assert.deepEqual(b.bitwiseLeftShift(32).tolist(), [0, 0, 0]);
    assert.deepEqual(b.bitwiseLeftShift(31).tolist(), [-2147483648, -2147483648, -2147483648]);
    assert.deepEqual(b.bitwiseRightShift(31).tolist(), [0, -1, 0]);
    assert.deepEqual(ints([-8, 8]).bitwiseRightShift(2).tolist(), [-2, 2]);
  });
});
