import { test } from "node:test";
import assert from "node:assert/strict";
import { loadFixture } from "./helpers/fixtures.js";
import { formatTensor, getPrintoptions, setPrintoptions, type FormatDType } from "../src/tensor/format.js";

/** One case of test/fixtures/print.json, written by scripts/golden/print_cases.py. */
interface PrintCase {
  shape: number[];
  dtype: FormatDType;
  values: (number | "nan" | "inf" | "-inf" | "-0")[];
  requiresGrad: boolean;
  gradFnName: string | null;
  options: Parameters<typeof setPrintoptions>[0] | null;
  defaultDtype?: "float32" | "float64";
  repr: string;
  note?: string;
}

function decode(v: PrintCase["values"][number]): number {
  switch (v) {
    case "nan":
      return NaN;
    case "inf":
      return Infinity;
    case "-inf":
      return -Infinity;
    case "-0":
      return -0;
    default:
      return v;
  }
}

const cases = loadFixture<PrintCase[]>("print.json");

test("fixture is populated", () => {
  assert.ok(cases.length >= 150, `only ${cases.length} cases`);
});

cases.forEach((c, i) => {
  const label = `#${i} shape=(${c.shape.join(",")}) ${c.dtype}${c.options ? " " + JSON.stringify(c.options) : ""}` +
    `${c.defaultDtype && c.defaultDtype !== "float32" ? " default=" + c.defaultDtype : ""}: ${c.repr.split("\n")[0].slice(0, 60)}`;
  test(label, () => {
    if (c.options) setPrintoptions(c.options);
    try {
      const got = formatTensor({
        shape: c.shape,
        dtype: c.dtype,
        values: c.values.map(decode),
        requiresGrad: c.requiresGrad,
        gradFnName: c.gradFnName,
        defaultDtype: c.defaultDtype,
      });
      assert.equal(got, c.repr);
    } finally {
      setPrintoptions({ profile: "default" });
    }
  });
});

test("setPrintoptions profiles and sciMode reset", () => {
  try {
    setPrintoptions({ profile: "short", sciMode: true });
    assert.deepEqual(getPrintoptions(), { precision: 2, threshold: 1000, edgeitems: 2, linewidth: 80, sciMode: true });
    setPrintoptions({ precision: 3 }); // like PyTorch, omitting sci_mode resets it to None
    assert.deepEqual(getPrintoptions(), { precision: 3, threshold: 1000, edgeitems: 2, linewidth: 80, sciMode: null });
    setPrintoptions({ profile: "full" });
    assert.equal(getPrintoptions().threshold, Infinity);
  } finally {
    setPrintoptions({ profile: "default" });
  }
  assert.deepEqual(getPrintoptions(), { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80, sciMode: null });
});
