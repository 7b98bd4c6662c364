// Op table entries: math (issue 3): elementwise math, rounding, clamping, division and remainders,
// logical and bitwise ops, each with its in-place form. See ./types.ts for the contract.
// Every entry spells the op as a torch function or as a Tensor method (`a.method`), in place on a clone
// (`x[0].clone().op_()`), or in place on the input itself for the error cases (`a.leaf`).
import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";
import type { DT, Gen, MakeStep, OpInfo, Sample, TensorInput, Value } from "./types.js";

/** A tensor input: shape plus overrides. */
function T(shape: number[], o: Partial<TensorInput> = {}): TensorInput {
  return { shape, ...o };
}
/** Explicit values (1-D unless a shape is given). */
function V(values: Value[], dtype: DT = "float32", shape: number[] = [values.length], o: Partial<TensorInput> = {}): TensorInput {
  return { shape, dtype, values, ...o };
}
const noGrad = (t: TensorInput): TensorInput => ({ ...t, requiresGrad: false });
const uni = (low: number, high: number): Gen => ({ kind: "uniform", low, high });
const nrm = (std: number, mean = 0): Gen => ({ kind: "normal", std, mean });
const ints = (low: number, high: number): Gen => ({ kind: "int", low, high });
const nonzero = (low = 0.5, high = 2): Gen => ({ kind: "nonzero", low, high });
const tr: MakeStep[] = [["t"]];
const strided: MakeStep[] = [["slice", 1, 0, 6, 2]];
const NONFINITE = "non-finite or boundary inputs: not differentiable there";
const STEP = "inputs on a step of the function (exact halves / exact quotients): not differentiable there";

const call = (x: Tensor, name: string, ...args: unknown[]): Tensor => (x as any)[name](...args);
const fn = (name: string, ...args: unknown[]): Tensor => (torch as any)[name](...args);

/** The usual shapes of an elementwise op's input: batch, 0-d, 1-d, 3-d, empty, non-contiguous, float64. */
function shapes(gen?: Gen): Sample[] {
  const g = gen ? { gen } : {};
  return [
    { id: "2d", inputs: [T([3, 4], g)] },
    { id: "0d", inputs: [T([], g)] },
    { id: "1d", inputs: [T([5], g)] },
    { id: "3d", inputs: [T([2, 3, 4], g)] },
    { id: "transposed", inputs: [T([4, 3], { ...g, make: tr })] },
    { id: "strided", inputs: [T([4, 6], { ...g, make: strided })] },
    { id: "float64", inputs: [T([3, 4], { ...g, dtype: "float64" })] },
    { id: "empty", inputs: [T([0, 3], g)] },
    { id: "method", inputs: [T([2, 5], g)], args: { method: true } },
  ];
}

interface UnaryOpts {
  gen?: Gen;
  /** values where the function is singular, saturates or is not finite (no gradcheck) */
  edge?: Value[];
  /** integer and bool inputs give a float result (false: they are errors, listed in `errors`) */
  intsOk?: boolean;
  intGen?: Gen;
  extra?: Sample[];
  errors?: Sample[];
  more?: Partial<OpInfo>;
}

/** A one-input op spelled torch.name(x) or x.name(). */
function unary(name: string, py: string, o: UnaryOpts = {}): OpInfo {
  const samples = [...shapes(o.gen)];
  if (o.intsOk !== false)
    samples.push(
      { id: "int64", inputs: [T([6], { dtype: "int64", gen: o.intGen ?? ints(-3, 6) })] },
      { id: "int32", inputs: [T([2, 3], { dtype: "int32", gen: o.intGen ?? ints(-3, 6) })] },
      { id: "bool", inputs: [T([4], { dtype: "bool" })] },
    );
  if (o.edge) {
    samples.push({ id: "edge", inputs: [V(o.edge)], gradcheck: NONFINITE });
    samples.push({ id: "edge64", inputs: [V(o.edge, "float64")], gradcheck: NONFINITE });
  }
  samples.push(...(o.extra ?? []));
  return {
    name,
    ts: (x, a) => (a.method ? call(x[0], name) : fn(name, x[0])),
    py: `x[0].${py}() if a.get('method') else torch.${py}(x[0])`,
    samples,
    errors: [...NOT_TENSOR, ...(o.errors ?? [])],
    ...o.more,
  };
}
/** A JS number where a torch.* function takes a tensor: Python's argument parser raises TypeError. */
const NOT_TENSOR: Sample[] = [
  { id: "not_tensor_int", inputs: [{ scalar: 2, kind: "int" }] },
  { id: "not_tensor_float", inputs: [{ scalar: 0.5, kind: "float" }] },
];

interface InplaceOpts {
  gen?: Gen;
  /** integer inputs are samples (the op keeps the dtype), not errors */
  intsOk?: boolean;
  /** extra arguments of `x.op_(...)`, and the same as Python source */
  args?: unknown[];
  pyArgs?: string;
  extra?: Sample[];
  errors?: Sample[];
  more?: Partial<OpInfo>;
}

/**
 * The in-place form of a one-input op: on a clone (its grad_fn replaces CloneBackward0), on a view of
 * a clone (CopySlices), or (errors) on the input itself.
 */
function inplace(name: string, py: string, o: InplaceOpts = {}): OpInfo {
  const g = o.gen ? { gen: o.gen } : {};
  return {
    name: `${name}_`,
    ts: (x, a) => {
      const args = o.args ?? [];
      if (a.leaf) return call(x[0], `${name}_`, ...args);
      const c = x[0].clone();
      if (a.view) {
        call(c.select(0, 1), `${name}_`, ...args);
        return c;
      }
      return call(c, `${name}_`, ...args);
    },
    py: `inplace1(x[0], a, '${py}_'${o.pyArgs ? `, ${o.pyArgs}` : ""})`,
    pyPrelude: INPLACE_PRELUDE,
    checkViews: true,
    samples: [
      { id: "2d", inputs: [T([3, 4], g)] },
      { id: "0d", inputs: [T([], g)] },
      { id: "transposed", inputs: [T([4, 3], { ...g, make: tr })] },
      { id: "float64", inputs: [T([3, 4], { ...g, dtype: "float64" })] },
      { id: "view", inputs: [T([3, 4], g)], args: { view: true } },
      ...(o.intsOk ? [{ id: "int64", inputs: [T([5], { dtype: "int64" as DT })], args: { leaf: true } }] : []),
      ...(o.extra ?? []),
    ],
    errors: [
      ...(o.more?.differentiable === false ? [] : [{ id: "leaf", inputs: [T([3], g)], args: { leaf: true } }]),
      { id: "overlap", inputs: [noGrad(T([3, 1], { ...g, make: [["expand", [3, 4]]] }))], args: { leaf: true } },
      ...(o.intsOk ? [] : [{ id: "int64", inputs: [T([3], { dtype: "int64" as DT })], args: { leaf: true } }]),
      ...(o.errors ?? []),
    ],
    ...o.more,
  };
}
const INPLACE_PRELUDE = [
  "def inplace1(t, a, name, *args, **kw):",
  "    if a.get('leaf'):",
  "        return getattr(t, name)(*args, **kw)",
  "    c = t.clone()",
  "    if a.get('view'):",
  "        getattr(c.select(0, 1), name)(*args, **kw)",
  "        return c",
  "    return getattr(c, name)(*args, **kw)",
].join("\n");

// ---- unary float ops ---------------------------------------------------------------------------------

const EDGE: Value[] = [0, "-0", "inf", "-inf", "nan", 1, -1, 0.5, -2.5, 3];
const gg = (reason: string): Partial<Sample> => ({ gradgradcheck: reason });

const floatUnaries: OpInfo[] = [
  unary("exp2", "exp2", { gen: nrm(2), edge: [...EDGE, 127.5, -150, 128] }),
  unary("expm1", "expm1", { gen: nrm(2), edge: [...EDGE, 1e-10, -1e-10, 89, -89] }),
  unary("log2", "log2", { gen: uni(0.1, 4), intGen: ints(1, 9), edge: [...EDGE, 1024, 1e-30] }),
  unary("log10", "log10", { gen: uni(0.1, 4), intGen: ints(1, 9), edge: [...EDGE, 1000, 1e-30] }),
  unary("log1p", "log1p", { gen: uni(-0.9, 3), intGen: ints(0, 9), edge: [...EDGE, -1, 1e-10, -0.999] }),
  unary("rsqrt", "rsqrt", { gen: uni(0.1, 4), intGen: ints(1, 9), edge: [...EDGE, 4, 1e-30] }),
  unary("reciprocal", "reciprocal", { gen: nonzero(), intGen: ints(1, 9), edge: [...EDGE, 1e-30, 3e38] }),
  unary("tan", "tan", { gen: uni(-1.2, 1.2), edge: [...EDGE, 1.5707963, 100, -1e5] }),
  unary("asin", "asin", { gen: uni(-0.9, 0.9), intGen: ints(-1, 2), edge: [...EDGE, 0.999, -1] }),
  unary("acos", "acos", { gen: uni(-0.9, 0.9), intGen: ints(-1, 2), edge: [...EDGE, 0.999, -1] }),
  unary("atan", "atan", { gen: nrm(2), edge: [...EDGE, 1e10, -1e10] }),
  unary("sinh", "sinh", { gen: nrm(2), edge: [...EDGE, 89, -89, 1e-10, 720] }),
  unary("cosh", "cosh", { gen: nrm(2), edge: [...EDGE, 89, -89, 720] }),
  unary("asinh", "asinh", { gen: nrm(3), edge: [...EDGE, 1e10, -1e-10] }),
  unary("acosh", "acosh", { gen: uni(1.1, 4), intGen: ints(1, 9), edge: [...EDGE, 1e10, 1.0001] }),
  unary("atanh", "atanh", { gen: uni(-0.9, 0.9), intGen: ints(-1, 2), edge: [...EDGE, 0.999, -1, 1e-10] }),
  unary("erf", "erf", { gen: nrm(1.5), edge: [...EDGE, 5, -5, 30, -30, 1e-10, 0.9, -1.2, 2.5] }),
  unary("erfc", "erfc", { gen: nrm(1.5), edge: [...EDGE, 5, -5, 10, 27, -30, 1e-10, 0.9, -1.2, 0.3] }),
  unary("erfinv", "erfinv", { gen: uni(-0.95, 0.95), intGen: ints(-1, 2), edge: [...EDGE, 0.999, -1, 1e-10, 0.75, -0.71] }),
  unary("lgamma", "lgamma", {
    gen: uni(0.2, 6),
    edge: [...EDGE, -1, -2, 2, 1e-10, 1e10, 1e30, -0.5, -3.3, 1.9, 0.8],
    extra: [
      { id: "negative", inputs: [V([-0.5, -1.5, -2.3, -3.7, -4.2, -0.1])] },
      { id: "negative64", inputs: [V([-0.5, -1.5, -2.3, -3.7, -4.2, -0.1], "float64")] },
      { id: "large", inputs: [T([6], { gen: uni(8, 80) })] },
      { id: "near12", inputs: [V([0.95, 1.05, 1.25, 1.5, 1.75, 2.1], "float64")] },
    ],
  }),
  unary("digamma", "digamma", {
    gen: uni(0.2, 6),
    edge: [...EDGE, -1, -2, 2, 1e-10, 1e10, -0.5, 10],
    extra: [
      { id: "negative", inputs: [V([-0.5, -1.5, -2.3, -3.7, -4.2, -0.1])] },
      { id: "negative64", inputs: [V([-0.5, -1.5, -2.3, -3.7, -4.2, -0.1], "float64")] },
      { id: "large", inputs: [T([6], { gen: uni(8, 80), dtype: "float64" })] },
    ],
  }),
  unary("sinc", "sinc", {
    gen: nrm(2),
    edge: ["inf", "-inf", "nan", 1, -1, 1e-20, 0.5],
    extra: [{ id: "zero", inputs: [V([0, 0.25, -0.75])], ...gg("sinc_backward is the constant 0 at x = 0, so its derivative there is 0, not sinc''(0)") }],
  }),
];

const polygammaEntry: OpInfo = {
  name: "polygamma",
  ts: (x, a) => (a.method ? x[0].polygamma(a.n) : torch.polygamma(a.n, x[0])),
  py: "x[0].polygamma(a['n']) if a.get('method') else torch.polygamma(a['n'], x[0])",
  samples: [
    { id: "n0", inputs: [T([3, 4], { gen: uni(0.3, 4) })], args: { n: 0 } },
    { id: "n1", inputs: [T([3, 4], { gen: uni(0.3, 4) })], args: { n: 1 } },
    { id: "n1_64", inputs: [T([3, 4], { gen: uni(0.3, 4), dtype: "float64" })], args: { n: 1 } },
    { id: "n2", inputs: [T([5], { gen: uni(0.3, 4) })], args: { n: 2 } },
    { id: "n3_64", inputs: [T([5], { gen: uni(0.3, 4), dtype: "float64" })], args: { n: 3 } },
    { id: "n1_negative", inputs: [V([-0.5, -1.5, -2.3, 0.1])], args: { n: 1 } },
    { id: "n2_transposed", inputs: [T([4, 3], { gen: uni(0.3, 4), make: tr })], args: { n: 2, method: true } },
    { id: "n1_int64", inputs: [T([4], { dtype: "int64", gen: ints(1, 6) })], args: { n: 1 } },
    { id: "n1_edge", inputs: [V([0, "-0", -1, "inf", "nan", 1])], args: { n: 1 }, gradcheck: NONFINITE },
    { id: "n3_edge", inputs: [V([0, -1, "inf", "nan", 1], "float64")], args: { n: 3 }, gradcheck: NONFINITE },
  ],
  errors: [
    { id: "negative_n", inputs: [T([3])], args: { n: -1 } },
    ...NOT_TENSOR.map((e) => ({ ...e, args: { n: 1 } })),
  ],
};

const logitEntry: OpInfo = {
  name: "logit",
  ts: (x, a) => (a.options ? x[0].logit({ eps: a.eps }) : a.method ? x[0].logit(a.eps) : torch.logit(x[0], a.eps)),
  py: "torch.logit(x[0], a.get('eps'))",
  samples: [
    { id: "2d", inputs: [T([3, 4], { gen: uni(0.05, 0.95) })] },
    { id: "0d", inputs: [T([], { gen: uni(0.05, 0.95) })] },
    { id: "transposed", inputs: [T([4, 3], { gen: uni(0.05, 0.95), make: tr })] },
    { id: "float64", inputs: [T([3, 4], { gen: uni(0.05, 0.95), dtype: "float64" })] },
    { id: "eps", inputs: [V([0.05, 0.15, 0.5, 0.85, 0.95, 0.3])], args: { eps: 0.1 } },
    { id: "eps64", inputs: [V([0.05, 0.15, 0.5, 0.85, 0.95, 0.3], "float64")], args: { eps: 0.1, method: true } },
    { id: "eps_options", inputs: [V([-0.5, 0.15, 0.5, 0.85, 1.5])], args: { eps: 0.2, options: true } },
    { id: "eps_negative", inputs: [T([5], { gen: uni(0.05, 0.95) })], args: { eps: -0.5 } },
    { id: "int64", inputs: [V([0, 1, 2, -1], "int64")] },
    { id: "edge", inputs: [V([0, 1, -0.5, 1.5, "nan", 0.5, "inf"])], gradcheck: NONFINITE },
    { id: "edge_eps", inputs: [V([0, 1, -0.5, 1.5, "nan", 0.5], "float64")], args: { eps: 0.25 }, gradcheck: NONFINITE },
    { id: "eps_big", inputs: [V([0.2, 0.5, 0.9])], args: { eps: 0.6 }, gradcheck: "eps > 0.5: the clamp range is empty" },
  ],
  errors: NOT_TENSOR,
};

/** In-place forms of the float ops. 2.x declares acosh_, asinh_, atanh_ not_implemented in autograd. */
const floatInplaces: OpInfo[] = [
  inplace("exp2", "exp2", { gen: nrm(2) }),
  inplace("expm1", "expm1", { gen: nrm(2) }),
  inplace("log2", "log2", { gen: uni(0.1, 4) }),
  inplace("log10", "log10", { gen: uni(0.1, 4) }),
  inplace("log1p", "log1p", { gen: uni(-0.9, 3) }),
  inplace("rsqrt", "rsqrt", { gen: uni(0.1, 4) }),
  inplace("reciprocal", "reciprocal", { gen: nonzero() }),
  inplace("tan", "tan", { gen: uni(-1.2, 1.2) }),
  inplace("asin", "asin", { gen: uni(-0.9, 0.9) }),
  inplace("acos", "acos", { gen: uni(-0.9, 0.9) }),
  inplace("atan", "atan", { gen: nrm(2) }),
  inplace("sinh", "sinh", { gen: nrm(2) }),
  inplace("cosh", "cosh", { gen: nrm(2) }),
  // their backward raises NotImplementedError ("the derivative for 'inplace version of acosh' is not
  // implemented."): the table runs them without grad; test/promotion.test.ts checks the node and the error
  inplace("asinh", "asinh", { gen: nrm(3), more: { differentiable: false } }),
  inplace("acosh", "acosh", { gen: uni(1.1, 4), more: { differentiable: false } }),
  inplace("atanh", "atanh", { gen: uni(-0.9, 0.9), more: { differentiable: false } }),
  inplace("erf", "erf", { gen: nrm(1.5) }),
  inplace("erfc", "erfc", { gen: nrm(1.5) }),
  inplace("erfinv", "erfinv", { gen: uni(-0.95, 0.95) }),
  inplace("lgamma", "lgamma", { gen: uni(0.2, 6) }),
  inplace("digamma", "digamma", { gen: uni(0.2, 6) }),
  inplace("sinc", "sinc", { gen: nrm(2) }),
  inplace("frac", "frac", { gen: nrm(3) }),
  inplace("floor", "floor", { gen: nrm(3), intsOk: true, errors: [{ id: "bool", inputs: [T([3], { dtype: "bool" })], args: { leaf: true } }] }),
  inplace("ceil", "ceil", { gen: nrm(3), intsOk: true }),
  inplace("trunc", "trunc", { gen: nrm(3), intsOk: true }),
  inplace("sign", "sign", { intsOk: true, extra: [{ id: "bool", inputs: [T([4], { dtype: "bool" })], args: { leaf: true } }] }),
];

// ---- rounding, sign, nan_to_num, classification ----------------------------------------------------

const HALVES: Value[] = [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.49999997, "-0", "inf", "-inf", "nan", 1e20];
const roundingUnaries: OpInfo[] = (["floor", "ceil", "trunc"] as const).map((name) =>
  unary(name, name, {
    gen: nrm(3),
    intGen: ints(-9, 10),
    edge: HALVES,
    errors: [{ id: "bool", inputs: [T([3], { dtype: "bool" })] }],
    extra: [{ id: "int64_big", inputs: [V([2 ** 52 + 1, -(2 ** 50) - 3, 7], "int64")] }],
  }),
);
// bool inputs raise for floor/ceil/trunc: drop the shared "bool" sample (it is an error there)
for (const e of roundingUnaries) e.samples = e.samples.filter((s) => s.id !== "bool");

const roundEntry: OpInfo = {
  name: "round",
  ts: (x, a) =>
    a.decimals === undefined
      ? a.method
        ? x[0].round()
        : torch.round(x[0])
      : a.method
        ? x[0].round({ decimals: a.decimals })
        : a.number
          ? torch.round(x[0], a.decimals)
          : torch.round(x[0], { decimals: a.decimals }),
  py: "torch.round(x[0], decimals=a['decimals']) if 'decimals' in a else torch.round(x[0])",
  samples: [
    ...shapes(nrm(3)),
    { id: "halves", inputs: [V(HALVES)], gradcheck: NONFINITE },
    { id: "halves64", inputs: [V(HALVES, "float64")], gradcheck: NONFINITE },
    { id: "int64", inputs: [T([5], { dtype: "int64", gen: ints(-9, 10) })] },
    { id: "decimals1", inputs: [V([1.25, 1.35, 2.675, -1.25, 123.456, 0.05, -0.15])], args: { decimals: 1 }, gradcheck: STEP },
    { id: "decimals2_64", inputs: [V([1.25, 1.35, 2.675, -1.25, 123.456, 0.005, -0.015], "float64")], args: { decimals: 2, method: true }, gradcheck: STEP },
    { id: "decimals_neg", inputs: [V([1234.5, 1250, -1350, 49.9, 150, 250])], args: { decimals: -2, number: true }, gradcheck: STEP },
    { id: "decimals_random", inputs: [T([3, 4], { gen: nrm(10) })], args: { decimals: 3 } },
    { id: "decimals0", inputs: [V([2.5, 3.5, -0.5])], args: { decimals: 0 }, gradcheck: STEP },
  ],
  errors: [
    { id: "bool", inputs: [T([3], { dtype: "bool" })] },
    { id: "bool_decimals", inputs: [T([3], { dtype: "bool" })], args: { decimals: 1 } },
    { id: "int64_decimals", inputs: [T([3], { dtype: "int64" })], args: { decimals: 1 } },
    { id: "float_decimals", inputs: [T([3])], args: { decimals: 1.5 } },
    ...NOT_TENSOR,
  ],
};
const roundInplace: OpInfo = {
  ...inplace("round", "round", { gen: nrm(3), intsOk: true }),
  ts: (x, a) => {
    const args = a.decimals === undefined ? [] : [{ decimals: a.decimals }];
    if (a.leaf) return call(x[0], "round_", ...args);
    const c = x[0].clone();
    if (a.view) {
      call(c.select(0, 1), "round_", ...args);
      return c;
    }
    return call(c, "round_", ...args);
  },
  py: "inplace1(x[0], a, 'round_', **({'decimals': a['decimals']} if 'decimals' in a else {}))",
};
roundInplace.samples = [...roundInplace.samples, { id: "decimals", inputs: [T([3, 4], { gen: nrm(10) })], args: { decimals: 2 } }];

const fracEntry = unary("frac", "frac", {
  gen: nrm(3),
  intsOk: false,
  edge: HALVES,
  errors: [
    { id: "int64", inputs: [T([3], { dtype: "int64" })] },
    { id: "bool", inputs: [T([3], { dtype: "bool" })] },
  ],
});
const signEntry = unary("sign", "sign", { gen: nrm(2), edge: [...EDGE, "nan", 1e-40] });
// torch.sign is the foundation's (src/torch.ts), which does not check its argument's type
signEntry.errors = [];

const nanToNumEntry: OpInfo = {
  name: "nanToNum",
  ts: (x, a) =>
    a.options
      ? x[0].nanToNum({ nan: a.nan, posinf: a.posinf, neginf: a.neginf })
      : a.method
        ? x[0].nanToNum(a.nan, a.posinf, a.neginf)
        : torch.nanToNum(x[0], a.nan, a.posinf, a.neginf),
  py: "torch.nan_to_num(x[0], a.get('nan', 0.0), a.get('posinf'), a.get('neginf'))",
  samples: [
    ...shapes(nrm(2)),
    { id: "edge", inputs: [V(["nan", "inf", "-inf", 1.5, -2, "-0"])], gradcheck: NONFINITE },
    { id: "edge64", inputs: [V(["nan", "inf", "-inf", 1.5, -2, "-0"], "float64")], args: { method: true }, gradcheck: NONFINITE },
    { id: "values", inputs: [V(["nan", "inf", "-inf", 1.5, -2])], args: { nan: 1, posinf: 2.5, neginf: -3 }, gradcheck: NONFINITE },
    { id: "options", inputs: [V(["nan", "inf", "-inf", 0.25], "float64")], args: { nan: -1, posinf: 1e300, options: true }, gradcheck: NONFINITE },
    { id: "overflow", inputs: [V(["inf", 1])], args: { posinf: 1e39 }, gradcheck: NONFINITE },
    { id: "int64", inputs: [T([5], { dtype: "int64" })], args: { nan: 2.5 } },
    { id: "bool", inputs: [T([4], { dtype: "bool" })] },
  ],
  errors: NOT_TENSOR,
};
const nanToNumInplace = inplace("nanToNum", "nan_to_num", {
  gen: nrm(2),
  intsOk: true,
  extra: [{ id: "edge", inputs: [noGrad(V(["nan", "inf", "-inf", 1.5]))], args: { leaf: true } }],
});

const classifiers: OpInfo[] = (["isnan", "isinf", "isfinite"] as const).map((name) => ({
  name,
  ts: (x: any[], a: any) => (a.method ? call(x[0], name) : fn(name, x[0])),
  py: `x[0].${name}() if a.get('method') else torch.${name}(x[0])`,
  differentiable: false,
  samples: [
    { id: "edge", inputs: [V(["nan", "inf", "-inf", 1.5, -2, "-0", 3e38])] },
    { id: "edge64", inputs: [V(["nan", "inf", "-inf", 1.5, -2, "-0", 1e308], "float64")], args: { method: true } },
    { id: "transposed", inputs: [T([4, 3], { make: tr })] },
    { id: "0d", inputs: [V(["nan"], "float32", [])] },
    { id: "int64", inputs: [T([5], { dtype: "int64" })] },
    { id: "int32", inputs: [T([2, 3], { dtype: "int32" })] },
    { id: "bool", inputs: [T([4], { dtype: "bool" })] },
    { id: "empty", inputs: [T([0])] },
  ],
  errors: NOT_TENSOR,
}));

// ---- clamp / clip ----------------------------------------------------------------------------------

// bounds: a number or null in a.min / a.max, or the index of a tensor input in a.minT / a.maxT
const CLAMP_PRELUDE = [
  "def clamp_args(x, a):",
  "    lo = x[a['minT']] if 'minT' in a else a.get('min')",
  "    hi = x[a['maxT']] if 'maxT' in a else a.get('max')",
  "    return lo, hi",
].join("\n");
function clampBounds(x: any[], a: any): [number | Tensor | null, number | Tensor | null] {
  return [a.minT !== undefined ? x[a.minT] : (a.min ?? null), a.maxT !== undefined ? x[a.maxT] : (a.max ?? null)];
}
function clampSamples(): Sample[] {
  return [
    { id: "both", inputs: [T([3, 4], { gen: nrm(1) })], args: { min: -0.5, max: 0.5 } },
    { id: "min", inputs: [T([3, 4], { gen: nrm(1) })], args: { min: 0.2 } },
    { id: "max", inputs: [T([3, 4], { gen: nrm(1) })], args: { max: -0.1, method: true } },
    { id: "options", inputs: [T([5], { gen: nrm(1) })], args: { min: -0.3, max: 0.7, options: true } },
    { id: "min_gt_max", inputs: [T([5], { gen: nrm(1) })], args: { min: 1, max: -1 } },
    { id: "0d", inputs: [T([], { gen: nrm(1) })], args: { min: -0.5, max: 0.5 } },
    { id: "transposed", inputs: [T([4, 3], { gen: nrm(1), make: tr })], args: { min: -0.5, max: 0.5 } },
    { id: "float64", inputs: [T([3, 4], { gen: nrm(1), dtype: "float64" })], args: { min: -0.5, max: 0.25 } },
    { id: "edge", inputs: [V(["nan", "inf", "-inf", 0.5, -0.5, 2])], args: { min: -1, max: 1 }, gradcheck: NONFINITE },
    { id: "nan_bound", inputs: [V([0.5, -0.5, 2])], args: { min: "nan", max: 1 }, gradcheck: "a NaN bound" },
    { id: "int64", inputs: [T([6], { dtype: "int64", gen: ints(-5, 6) })], args: { min: -2, max: 3 } },
    { id: "int64_float_bound", inputs: [T([6], { dtype: "int64", gen: ints(-5, 6) })], args: { min: 0.5, max: 2 } },
    { id: "int32_float_bound", inputs: [T([6], { dtype: "int32", gen: ints(-5, 6) })], args: { min: 0.5 } },
    { id: "bool_int_bounds", inputs: [T([4], { dtype: "bool" })], args: { min: 0, max: 1 } },
    { id: "tensor_both", inputs: [T([3, 4], { gen: nrm(1) }), T([4], { gen: nrm(0.5, -0.5) }), T([3, 1], { gen: nrm(0.5, 0.5) })], args: { minT: 1, maxT: 2 } },
    { id: "tensor_min", inputs: [T([3, 4], { gen: nrm(1) }), T([3, 4], { gen: nrm(1) })], args: { minT: 1 } },
    { id: "tensor_max", inputs: [T([2, 3, 4], { gen: nrm(1) }), T([3, 1], { gen: nrm(1) })], args: { maxT: 1, method: true } },
    { id: "tensor_0d", inputs: [T([3, 4], { gen: nrm(1) }), T([], { gen: nrm(0.2, -0.5) }), T([], { gen: nrm(0.2, 0.5) })], args: { minT: 1, maxT: 2 } },
    { id: "tensor_crossed", inputs: [T([5], { gen: nrm(1) }), V([0.5, -1, 0.2, 1, -0.3]), V([-0.5, 1, 0.1, 2, -0.2])], args: { minT: 1, maxT: 2 } },
    { id: "tensor_f64_0d", inputs: [T([3, 4], { gen: nrm(1) }), T([], { dtype: "float64", gen: nrm(0.2) })], args: { minT: 1 } },
    { id: "tensor_int_float", inputs: [T([4], { dtype: "int64", gen: ints(-5, 6) }), T([4], { gen: nrm(1) })], args: { minT: 1 } },
    { id: "tensor_int32_0d", inputs: [T([4], { dtype: "int32", gen: ints(-5, 6) }), T([], { dtype: "int64", gen: ints(-1, 2) })], args: { minT: 1 } },
    { id: "tensor_nan", inputs: [V(["nan", 0.5, 3]), V([0, "nan", 1]), V([1, 1, "nan"])], args: { minT: 1, maxT: 2 }, gradcheck: NONFINITE },
    { id: "tensor_noncontig", inputs: [T([4, 3], { gen: nrm(1), make: tr }), T([4, 3], { gen: nrm(1), make: tr })], args: { maxT: 1 } },
    // one tensor bound is at::maximum / at::minimum, which takes bool
    { id: "bool_tensor_min", inputs: [V([true, false, false], "bool"), V([false, true, false], "bool")], args: { minT: 1 } },
    { id: "bool_tensor_max", inputs: [V([true, false, true], "bool"), V([false, true, true], "bool")], args: { maxT: 1 } },
  ];
}
const CLAMP_ERRORS: Sample[] = [
  { id: "no_bounds", inputs: [T([3])], args: {} },
  { id: "bool_scalar", inputs: [T([3], { dtype: "bool" })], args: { min: false, max: true } },
  { id: "bool_tensor", inputs: [T([3], { dtype: "bool" }), T([3], { dtype: "bool" }), T([3], { dtype: "bool" })], args: { minT: 1, maxT: 2 } },
  { id: "broadcast", inputs: [T([2]), T([3])], args: { minT: 1 } },
];
const clampEntry: OpInfo = {
  name: "clamp",
  ts: (x, a) => {
    const [lo, hi] = clampBounds(x, a);
    return a.options ? x[0].clamp({ min: lo, max: hi }) : a.method ? x[0].clamp(lo, hi) : torch.clamp(x[0], lo, hi);
  },
  py: "x[0].clamp(*clamp_args(x, a))",
  pyPrelude: CLAMP_PRELUDE,
  samples: clampSamples(),
  errors: CLAMP_ERRORS,
};
const clipEntry: OpInfo = {
  name: "clip",
  ts: (x, a) => {
    const [lo, hi] = clampBounds(x, a);
    return a.method ? x[0].clip(lo, hi) : torch.clip(x[0], lo, hi);
  },
  py: "torch.clip(x[0], *clamp_args(x, a))",
  pyPrelude: CLAMP_PRELUDE,
  samples: [
    { id: "both", inputs: [T([3, 4], { gen: nrm(1) })], args: { min: -0.5, max: 0.5 } },
    { id: "max", inputs: [T([5], { gen: nrm(1) })], args: { max: 0.1, method: true } },
    { id: "tensor", inputs: [T([3, 4], { gen: nrm(1) }), T([4], { gen: nrm(0.5, -0.5) }), T([3, 1], { gen: nrm(0.5, 0.5) })], args: { minT: 1, maxT: 2 } },
    { id: "int64", inputs: [T([6], { dtype: "int64", gen: ints(-5, 6) })], args: { min: -2, max: 3 } },
  ],
  errors: [{ id: "no_bounds", inputs: [T([3])], args: {} }],
};
const CLAMP_INPLACE_PRELUDE = `${CLAMP_PRELUDE}\ndef clamp_(x, a, name):\n    t = x[0] if a.get('leaf') else x[0].clone()\n    return getattr(t, name)(*clamp_args(x, a))`;
const clampInplace = (name: "clamp_" | "clip_"): OpInfo => ({
  name,
  ts: (x, a) => {
    const [lo, hi] = clampBounds(x, a);
    return call(a.leaf ? x[0] : x[0].clone(), name, lo, hi);
  },
  py: `clamp_(x, a, '${name}')`,
  pyPrelude: CLAMP_INPLACE_PRELUDE,
  checkViews: true,
  samples: [
    { id: "both", inputs: [T([3, 4], { gen: nrm(1) })], args: { min: -0.5, max: 0.5 } },
    { id: "min", inputs: [T([4, 3], { gen: nrm(1), make: tr })], args: { min: 0.1 } },
    { id: "tensor_both", inputs: [T([3, 4], { gen: nrm(1) }), T([4], { gen: nrm(0.5, -0.5) }), T([3, 1], { gen: nrm(0.5, 0.5) })], args: { minT: 1, maxT: 2 } },
    { id: "tensor_f64_bound", inputs: [T([3], { gen: nrm(1) }), T([3], { dtype: "float64", gen: nrm(1) })], args: { maxT: 1 } },
    { id: "int64", inputs: [T([6], { dtype: "int64", gen: ints(-5, 6) })], args: { min: -2, max: 3, leaf: true } },
  ],
  errors: [
    { id: "leaf", inputs: [T([3])], args: { min: 0, leaf: true } },
    { id: "int64_float", inputs: [T([3], { dtype: "int64" })], args: { min: 0.5, leaf: true } },
    { id: "int64_float_tensor", inputs: [T([3], { dtype: "int64" }), noGrad(T([3]))], args: { minT: 1, leaf: true } },
    { id: "broadcast", inputs: [noGrad(T([3])), noGrad(T([2, 3]))], args: { minT: 1, leaf: true } },
  ],
});

// ---- division with rounding, floor_divide, fmod, remainder ---------------------------------------------

const INT_DIVIDEND = V([7, -7, 7, -7, 0, 5, -6, 9], "int64");
const INT_DIVISOR = V([2, 2, -2, -2, 3, -5, 4, -3], "int64");
const FLOAT_DIVIDEND = V([7, -7, 7, -7, 0, "-0", 5.5, -6.25]);
const FLOAT_DIVISOR = V([2, 2, -2, -2, -3, 3, 0.5, -0.75]);

function divisionSamples(mode: "floor" | "trunc" | null): Sample[] {
  const m = mode === null ? {} : { mode };
  return [
    { id: "2d", inputs: [T([3, 4], { gen: nrm(3) }), T([3, 4], { gen: nonzero() })], args: m },
    { id: "broadcast", inputs: [T([2, 3, 4], { gen: nrm(3) }), T([3, 1], { gen: nonzero() })], args: m },
    { id: "scalar_int", inputs: [T([3, 4], { gen: nrm(3) }), { scalar: 2, kind: "int" }], args: m },
    { id: "scalar_float", inputs: [T([5], { gen: nrm(3) }), { scalar: -0.75, kind: "float" }], args: { ...m, method: true } },
    { id: "0d_divisor", inputs: [T([3, 4], { gen: nrm(3) }), T([], { gen: nonzero() })], args: m },
    { id: "transposed", inputs: [T([4, 3], { gen: nrm(3), make: tr }), T([4, 3], { gen: nonzero(), make: tr })], args: m },
    { id: "float64", inputs: [T([3, 4], { gen: nrm(3), dtype: "float64" }), T([4], { gen: nonzero(), dtype: "float64" })], args: m },
    { id: "signs", inputs: [FLOAT_DIVIDEND, FLOAT_DIVISOR], args: m, gradcheck: STEP },
    { id: "signs64", inputs: [{ ...FLOAT_DIVIDEND, dtype: "float64" }, { ...FLOAT_DIVISOR, dtype: "float64" }], args: m, gradcheck: STEP },
    { id: "int64", inputs: [INT_DIVIDEND, INT_DIVISOR], args: m },
    { id: "int64_scalar", inputs: [INT_DIVIDEND, { scalar: -3, kind: "int" }], args: m },
    { id: "int64_float_scalar", inputs: [INT_DIVIDEND, { scalar: 2.5, kind: "float" }], args: m },
    { id: "int32_0d_int64", inputs: [V([7, -7, 8, -9], "int32"), V([2], "int64", [])], args: m },
    { id: "int32_int64", inputs: [V([7, -7, 8, -9], "int32"), V([2, 3, -2, 4], "int64")], args: m },
    { id: "int_float", inputs: [INT_DIVIDEND, T([8], { gen: nonzero() })], args: m },
    { id: "bool_int", inputs: [V([true, false, true], "bool"), V([2, 3, -1], "int64")], args: m },
    { id: "by_zero", inputs: [V([5, -5, 0, "-0"]), V([0, 0, 0, 0])], args: m, gradcheck: NONFINITE },
    { id: "empty", inputs: [T([0, 3]), T([3], { gen: nonzero() })], args: m },
  ];
}
function divisionErrors(mode: "floor" | "trunc" | null): Sample[] {
  const m = mode === null ? {} : { mode };
  return [
    { id: "int_by_zero", inputs: [INT_DIVIDEND, V([1, 2, 0, 3, 1, 1, 1, 1], "int64")], args: m },
    { id: "int_by_zero_scalar", inputs: [INT_DIVIDEND, { scalar: 0, kind: "int" }], args: m },
    { id: "bool", inputs: [V([true, false], "bool"), V([true, true], "bool")], args: m },
    { id: "broadcast_mismatch", inputs: [T([2, 3]), T([4])], args: m },
  ];
}
const divRoundingEntry: OpInfo = {
  name: "divRounding",
  ts: (x, a) => (a.method ? x[0].div(x[1], { roundingMode: a.mode }) : torch.div(x[0], x[1], { roundingMode: a.mode })),
  py: "torch.div(x[0], x[1], rounding_mode=a['mode'])",
  samples: [
    ...divisionSamples("floor"),
    ...divisionSamples("trunc").map((s) => ({ ...s, id: `trunc_${s.id}` })),
    { id: "none", inputs: [T([3, 4], { gen: nrm(3) }), T([4], { gen: nonzero() })], args: { mode: null } },
    { id: "none_int", inputs: [INT_DIVIDEND, INT_DIVISOR], args: { mode: null } },
  ],
  errors: [
    ...divisionErrors("floor"),
    ...divisionErrors("trunc").map((s) => ({ ...s, id: `trunc_${s.id}` })),
    { id: "bad_mode", inputs: [T([3]), T([3])], args: { mode: "round" } },
  ],
};
// floor_divide has no derivative in PyTorch (grad_fn NotImplemented, whose backward raises): the table
// runs it without grad; test/promotion.test.ts checks the node and its error
const floorDivideEntry: OpInfo = {
  name: "floorDivide",
  ts: (x, a) => (a.method ? x[0].floorDivide(x[1]) : torch.floorDivide(x[0], x[1])),
  py: "torch.floor_divide(x[0], x[1])",
  differentiable: false,
  samples: divisionSamples(null),
  errors: divisionErrors(null),
};
const INPLACE2_PRELUDE = [
  "def inplace2(x, a, name, **kw):",
  "    t = x[0] if a.get('leaf') else x[0].clone()",
  "    return getattr(t, name)(*x[1:], **kw)",
].join("\n");
const divInplace: OpInfo = {
  name: "div_rounding_",
  ts: (x, a) => (a.leaf ? x[0] : x[0].clone()).div_(x[1], { roundingMode: a.mode }),
  py: "inplace2(x, a, 'div_', rounding_mode=a['mode'])",
  pyPrelude: INPLACE2_PRELUDE,
  checkViews: true,
  samples: [
    { id: "floor", inputs: [T([3, 4], { gen: nrm(3) }), T([4], { gen: nonzero() })], args: { mode: "floor" } },
    { id: "trunc", inputs: [T([3, 4], { gen: nrm(3) }), { scalar: -2, kind: "int" }], args: { mode: "trunc" } },
    { id: "int64", inputs: [INT_DIVIDEND, INT_DIVISOR], args: { mode: "floor", leaf: true } },
  ],
  errors: [
    { id: "leaf", inputs: [T([3]), T([3], { gen: nonzero() })], args: { mode: "floor", leaf: true } },
    { id: "int64_float", inputs: [INT_DIVIDEND, { scalar: 2.5, kind: "float" }], args: { mode: "floor", leaf: true } },
    { id: "int_by_zero", inputs: [INT_DIVIDEND, { scalar: 0, kind: "int" }], args: { mode: "trunc", leaf: true } },
  ],
};
const floorDivideInplace: OpInfo = {
  name: "floorDivide_",
  ts: (x, a) => (a.leaf ? x[0] : x[0].clone()).floorDivide_(x[1]),
  py: "inplace2(x, a, 'floor_divide_')",
  pyPrelude: INPLACE2_PRELUDE,
  checkViews: true,
  differentiable: false,
  samples: [
    { id: "float", inputs: [T([3, 4], { gen: nrm(3) }), T([4], { gen: nonzero() })] },
    { id: "int64", inputs: [INT_DIVIDEND, INT_DIVISOR], args: { leaf: true } },
    { id: "int64_scalar", inputs: [INT_DIVIDEND, { scalar: 3, kind: "int" }], args: { leaf: true } },
  ],
  errors: [
    { id: "int64_float", inputs: [INT_DIVIDEND, { scalar: 2.5, kind: "float" }], args: { leaf: true } },
    { id: "int_by_zero", inputs: [INT_DIVIDEND, { scalar: 0, kind: "int" }], args: { leaf: true } },
    { id: "broadcast", inputs: [noGrad(T([3])), noGrad(T([2, 3]))], args: { leaf: true } },
  ],
};

function modEntry(name: "fmod" | "remainder"): OpInfo {
  return {
    name,
    ts: (x, a) => (a.method ? call(x[0], name, x[1]) : fn(name, x[0], x[1])),
    py: `torch.${name}(x[0], x[1])`,
    samples: [
      { id: "2d", inputs: [T([3, 4], { gen: nrm(3) }), T([3, 4], { gen: nonzero(0.7, 2) })] },
      { id: "broadcast", inputs: [T([2, 3, 4], { gen: nrm(3) }), T([3, 1], { gen: nonzero(0.7, 2) })] },
      { id: "scalar_int", inputs: [T([3, 4], { gen: nrm(3) }), { scalar: 2, kind: "int" }] },
      { id: "scalar_float", inputs: [T([5], { gen: nrm(3) }), { scalar: -1.5, kind: "float" }], args: { method: true } },
      { id: "0d_divisor", inputs: [T([3, 4], { gen: nrm(3) }), T([], { gen: nonzero(0.7, 2) })] },
      { id: "transposed", inputs: [T([4, 3], { gen: nrm(3), make: tr }), T([4, 3], { gen: nonzero(0.7, 2), make: tr })] },
      { id: "float64", inputs: [T([3, 4], { gen: nrm(3), dtype: "float64" }), T([4], { gen: nonzero(0.7, 2), dtype: "float64" })] },
      { id: "divisor_only", inputs: [noGrad(T([6], { gen: nrm(3) })), T([6], { gen: nonzero(0.7, 2) })] },
      { id: "signs", inputs: [FLOAT_DIVIDEND, FLOAT_DIVISOR], gradcheck: STEP },
      { id: "long", inputs: [T([20], { gen: nrm(5) }), T([20], { gen: nonzero(0.7, 2) })] },
      { id: "edge", inputs: [V([5, -5, "inf", "nan", 1e-8, -1e-8, 3]), V(["inf", "inf", 2, 2, 1, 1, 0])], gradcheck: NONFINITE },
      { id: "int64", inputs: [INT_DIVIDEND, INT_DIVISOR] },
      { id: "int64_scalar", inputs: [INT_DIVIDEND, { scalar: -3, kind: "int" }] },
      { id: "int64_float_scalar", inputs: [INT_DIVIDEND, { scalar: 2.5, kind: "float" }] },
      { id: "int32_0d", inputs: [V([7, -7, 8, -9], "int32"), V([3], "int64", [])] },
      { id: "int_float", inputs: [INT_DIVIDEND, T([8], { gen: nonzero(0.7, 2) })] },
      { id: "bool_int", inputs: [V([true, false, true], "bool"), { scalar: 2, kind: "int" }] },
      { id: "float_by_zero", inputs: [V([5, -5, 0]), V([0, 0, 0])], gradcheck: NONFINITE },
    ],
    errors: [
      { id: "int_by_zero", inputs: [INT_DIVIDEND, V([1, 2, 0, 3, 1, 1, 1, 1], "int64")] },
      { id: "int_by_zero_scalar", inputs: [INT_DIVIDEND, { scalar: 0, kind: "int" }] },
      { id: "bool", inputs: [V([true, false], "bool"), V([true, true], "bool")] },
      { id: "broadcast_mismatch", inputs: [T([2, 3]), T([4])] },
    ],
  };
}
const remainderScalarSelf: OpInfo = {
  name: "remainder",
  ts: (x) => torch.remainder(x[0], x[1]),
  py: "torch.remainder(x[0], x[1])",
  samples: [
    // remainder(Scalar, Tensor) has no derivative (NotImplemented): its divisor does not require grad here
    { id: "scalar_self", inputs: [{ scalar: -3, kind: "int" }, noGrad(T([5], { gen: nonzero() }))] },
    { id: "scalar_self_int", inputs: [{ scalar: 7, kind: "int" }, V([2, -3, 4], "int64")] },
  ],
  errors: [{ id: "scalar_self_by_zero", inputs: [{ scalar: 7, kind: "int" }, V([2, 0], "int64")] }],
};
function modInplace(name: "fmod" | "remainder"): OpInfo {
  return {
    name: `${name}_`,
    ts: (x, a) => call(a.leaf ? x[0] : x[0].clone(), `${name}_`, x[1]),
    py: `inplace2(x, a, '${name}_')`,
    pyPrelude: INPLACE2_PRELUDE,
    checkViews: true,
    samples: [
      { id: "tensor", inputs: [T([3, 4], { gen: nrm(3) }), T([4], { gen: nonzero(0.7, 2) })] },
      { id: "scalar", inputs: [T([3, 4], { gen: nrm(3) }), { scalar: 1.5, kind: "float" }] },
      { id: "int64", inputs: [INT_DIVIDEND, INT_DIVISOR], args: { leaf: true } },
    ],
    errors: [
      { id: "leaf", inputs: [T([3]), { scalar: 2, kind: "int" }], args: { leaf: true } },
      { id: "int64_float", inputs: [INT_DIVIDEND, { scalar: 2.5, kind: "float" }], args: { leaf: true } },
      { id: "broadcast", inputs: [noGrad(T([3])), noGrad(T([2, 3], { gen: nonzero() }))], args: { leaf: true } },
    ],
  };
}

// ---- binary float ops: atan2, hypot, xlogy ---------------------------------------------------------------

function binaryFloatSamples(genA: Gen, genB: Gen): Sample[] {
  return [
    { id: "2d", inputs: [T([3, 4], { gen: genA }), T([3, 4], { gen: genB })] },
    { id: "broadcast", inputs: [T([2, 3, 4], { gen: genA }), T([3, 1], { gen: genB })] },
    { id: "broadcast_both", inputs: [T([3, 1], { gen: genA }), T([1, 4], { gen: genB })] },
    { id: "0d", inputs: [T([], { gen: genA }), T([], { gen: genB })] },
    { id: "0d_other", inputs: [T([3, 4], { gen: genA }), T([], { gen: genB })] },
    { id: "transposed", inputs: [T([4, 3], { gen: genA, make: tr }), T([3, 4], { gen: genB })], args: { method: true } },
    { id: "float64", inputs: [T([3, 4], { gen: genA, dtype: "float64" }), T([3, 4], { gen: genB, dtype: "float64" })] },
    { id: "f32_f64_0d", inputs: [T([5], { gen: genA }), T([], { gen: genB, dtype: "float64" })] },
    { id: "f32_f64", inputs: [T([5], { gen: genA }), T([5], { gen: genB, dtype: "float64" })] },
    { id: "other_only", inputs: [noGrad(T([5], { gen: genA })), T([5], { gen: genB })] },
    { id: "empty", inputs: [T([0, 4], { gen: genA }), T([4], { gen: genB })] },
  ];
}
function binaryFloat(name: string, py: string, genA: Gen, genB: Gen, extra: Sample[], errors: Sample[]): OpInfo {
  return {
    name,
    ts: (x, a) => (a.method ? call(x[0], name, x[1]) : fn(name, x[0], x[1])),
    py: `torch.${py}(x[0], x[1])`,
    samples: [...binaryFloatSamples(genA, genB), ...extra],
    errors: [{ id: "broadcast_mismatch", inputs: [T([2, 3]), T([4])] }, ...errors],
  };
}
const atan2Entry = binaryFloat("atan2", "atan2", nrm(2), nrm(2), [
  { id: "int64", inputs: [V([1, -1, 0, 3], "int64"), V([2, 2, -1, 0], "int64")] },
  // the derivative for `other` negates self, which PyTorch refuses for bool: other does not require grad here
  { id: "bool_float", inputs: [V([true, false, true], "bool"), noGrad(T([3], { gen: nonzero() }))] },
  { id: "quadrants", inputs: [V([1, 1, -1, -1, 0, "-0", 0, "-0"]), V([1, -1, 1, -1, 1, 1, -1, -1])], gradcheck: "atan2 at y = 0 with x < 0 is discontinuous" },
  { id: "edge", inputs: [V(["inf", "inf", "-inf", "nan", 1, 0]), V(["inf", "-inf", 1, 1, "nan", 0])], gradcheck: NONFINITE },
], []);
const hypotEntry = binaryFloat("hypot", "hypot", nrm(2), nrm(2), [
  { id: "int_float", inputs: [V([3, -4, 0], "int64"), T([3], { gen: nonzero() })] },
  { id: "edge", inputs: [V(["inf", "nan", 3, 0, 1e200]), V(["nan", "inf", 4, 0, 1e200], "float64")], gradcheck: NONFINITE },
], [
  { id: "int64", inputs: [V([3, 4], "int64"), V([4, 3], "int64")] },
  { id: "bool", inputs: [V([true, false], "bool"), V([true, true], "bool")] },
]);
const xlogyEntry: OpInfo = {
  name: "xlogy",
  ts: (x, a) => (a.method ? x[0].xlogy(x[1]) : torch.xlogy(x[0], x[1])),
  py: "torch.xlogy(x[0], x[1])",
  samples: [
    ...binaryFloatSamples(nrm(2), uni(0.1, 3)),
    { id: "scalar_self", inputs: [{ scalar: 2.5, kind: "float" }, T([3, 4], { gen: uni(0.1, 3) })] },
    { id: "scalar_self_int", inputs: [{ scalar: 3, kind: "int" }, T([5], { gen: uni(0.1, 3), dtype: "float64" })] },
    { id: "scalar_other", inputs: [T([3, 4], { gen: nrm(2) }), { scalar: 2, kind: "int" }] },
    { id: "scalar_other_neg", inputs: [V([0, 1.5, -2, 0]), { scalar: -0.5, kind: "float" }], gradcheck: "log of a negative number" },
    { id: "scalar_other_zero", inputs: [V([0, 1.5, -2]), { scalar: 0, kind: "int" }], gradcheck: NONFINITE },
    { id: "int64", inputs: [V([0, 1, 2, -3], "int64"), V([1, 2, 3, 4], "int64")] },
    { id: "int_float", inputs: [V([0, 1, 2], "int64"), T([3], { gen: uni(0.1, 3) })] },
    { id: "zero_x", inputs: [V([0, 0, 0, 0, 1, "nan"]), V([0, -1, "nan", 2, 0, 1])], gradcheck: NONFINITE },
    { id: "zero_x_grad", inputs: [V([0, 0, 1.5]), noGrad(V([-1, 0, 2]))], gradcheck: "log of a non-positive number" },
  ],
  errors: [{ id: "broadcast_mismatch", inputs: [T([2, 3]), T([4])] }],
};
function binaryInplace(name: string, py: string, genA: Gen, genB: Gen, intErr = true): OpInfo {
  return {
    name: `${name}_`,
    ts: (x, a) => call(a.leaf ? x[0] : x[0].clone(), `${name}_`, x[1]),
    py: `inplace2(x, a, '${py}_')`,
    pyPrelude: INPLACE2_PRELUDE,
    checkViews: true,
    samples: [
      { id: "2d", inputs: [T([3, 4], { gen: genA }), T([3, 4], { gen: genB })] },
      { id: "broadcast", inputs: [T([3, 4], { gen: genA }), T([4], { gen: genB })] },
      { id: "self_only", inputs: [T([4, 3], { gen: genA, make: tr }), noGrad(T([4], { gen: genB }))] },
      { id: "float64", inputs: [T([3, 4], { gen: genA, dtype: "float64" }), T([3, 4], { gen: genB, dtype: "float64" })] },
    ],
    errors: [
      { id: "leaf", inputs: [T([3], { gen: genA }), T([3], { gen: genB })], args: { leaf: true } },
      { id: "broadcast_mismatch", inputs: [noGrad(T([3], { gen: genA })), noGrad(T([2, 3], { gen: genB }))], args: { leaf: true } },
      ...(intErr ? [{ id: "int64", inputs: [V([1, 2], "int64"), V([1, 2], "int64")], args: { leaf: true } }] : []),
    ],
  };
}

// ---- lerp, addcmul, addcdiv --------------------------------------------------------------------------------

const lerpEntry: OpInfo = {
  name: "lerp",
  ts: (x, a) => {
    const w = a.weight ?? x[2];
    return a.method ? x[0].lerp(x[1], w) : torch.lerp(x[0], x[1], w);
  },
  py: "torch.lerp(x[0], x[1], a['weight'] if 'weight' in a else x[2])",
  samples: [
    { id: "scalar_small", inputs: [T([3, 4]), T([3, 4])], args: { weight: 0.3 } },
    { id: "scalar_large", inputs: [T([3, 4]), T([4])], args: { weight: 0.7, method: true } },
    { id: "scalar_negative", inputs: [T([5]), T([5])], args: { weight: -1.5 } },
    { id: "scalar_int", inputs: [T([5]), T([5])], args: { weight: 2 } },
    { id: "tensor", inputs: [T([3, 4]), T([3, 4]), T([3, 4], { gen: uni(-0.2, 1.2) })] },
    { id: "tensor_broadcast", inputs: [T([3, 1]), T([1, 4]), T([4], { gen: uni(-0.2, 1.2) })] },
    { id: "tensor_0d", inputs: [T([3, 4]), T([3, 4]), T([], { gen: uni(0, 1) })] },
    { id: "transposed", inputs: [T([4, 3], { make: tr }), T([3, 4]), T([4, 3], { gen: uni(0, 1), make: tr })], args: { method: true } },
    { id: "float64", inputs: [T([3, 4], { dtype: "float64" }), T([3, 4], { dtype: "float64" }), T([4], { dtype: "float64", gen: uni(0, 1) })] },
    { id: "float64_scalar", inputs: [T([3, 4], { dtype: "float64" }), T([3, 4], { dtype: "float64" })], args: { weight: 0.25 } },
    { id: "weight_only", inputs: [noGrad(T([6])), noGrad(T([6])), T([6], { gen: uni(0, 1) })] },
    { id: "long", inputs: [T([20], { gen: nrm(10) }), T([20], { gen: nrm(10) }), T([20], { gen: uni(-0.5, 1.5) })] },
    { id: "edge", inputs: [V(["inf", 1, "nan", 0]), V([1, "inf", 0, 2]), V([0.5, 0.5, 0.5, "inf"])], gradcheck: NONFINITE },
  ],
  errors: [
    { id: "end_dtype", inputs: [T([3]), T([3], { dtype: "float64" })], args: { weight: 0.5 } },
    { id: "weight_dtype", inputs: [T([3]), T([3]), T([3], { dtype: "float64" })] },
    { id: "weight_int", inputs: [T([3]), T([3]), V([0, 1, 1], "int64")] },
    { id: "int64", inputs: [V([1, 2], "int64"), V([3, 4], "int64")], args: { weight: 0.5 } },
    { id: "int64_tensor", inputs: [V([1, 2], "int64"), V([3, 4], "int64"), V([1, 0], "int64")] },
    { id: "broadcast", inputs: [T([2]), T([3])], args: { weight: 0.5 } },
  ],
};
const lerpInplace: OpInfo = {
  name: "lerp_",
  ts: (x, a) => (a.leaf ? x[0] : x[0].clone()).lerp_(x[1], a.weight ?? x[2]),
  py: "(x[0] if a.get('leaf') else x[0].clone()).lerp_(x[1], a['weight'] if 'weight' in a else x[2])",
  checkViews: true,
  samples: [
    { id: "scalar", inputs: [T([3, 4]), T([4])], args: { weight: 0.3 } },
    { id: "tensor", inputs: [T([3, 4]), T([3, 4]), T([3, 1], { gen: uni(0, 1) })] },
  ],
  errors: [
    { id: "leaf", inputs: [T([3]), T([3])], args: { weight: 0.5, leaf: true } },
    { id: "broadcast", inputs: [noGrad(T([3])), noGrad(T([2, 3]))], args: { weight: 0.5, leaf: true } },
  ],
};

function addcEntry(name: "addcmul" | "addcdiv"): OpInfo {
  const div = name === "addcdiv";
  const g2: Gen = div ? nonzero() : nrm(1);
  return {
    name,
    ts: (x, a) =>
      a.value === undefined
        ? a.method
          ? call(x[0], name, x[1], x[2])
          : fn(name, x[0], x[1], x[2])
        : a.method
          ? call(x[0], name, x[1], x[2], { value: a.value })
          : a.number
            ? fn(name, x[0], x[1], x[2], a.value)
            : fn(name, x[0], x[1], x[2], { value: a.value }),
    py: `torch.${name}(x[0], x[1], x[2], **({'value': a['value']} if 'value' in a else {}))`,
    samples: [
      { id: "2d", inputs: [T([3, 4]), T([3, 4]), T([3, 4], { gen: g2 })] },
      { id: "value", inputs: [T([3, 4]), T([3, 4]), T([3, 4], { gen: g2 })], args: { value: 0.5 } },
      { id: "value_number", inputs: [T([5]), T([5]), T([5], { gen: g2 })], args: { value: -2, number: true } },
      { id: "broadcast", inputs: [T([3, 1]), T([4]), T([2, 1, 1], { gen: g2 })], args: { value: 1.5, method: true } },
      { id: "0d", inputs: [T([]), T([]), T([], { gen: g2 })] },
      { id: "0d_tensors", inputs: [T([3, 4]), T([]), T([4], { gen: g2 })] },
      { id: "transposed", inputs: [T([4, 3], { make: tr }), T([3, 4]), T([4, 3], { gen: g2, make: tr })] },
      { id: "float64", inputs: [T([3, 4], { dtype: "float64" }), T([3, 4], { dtype: "float64" }), T([4], { gen: g2, dtype: "float64" })], args: { value: 0.1 } },
      { id: "mixed", inputs: [T([5]), T([5], { dtype: "float64" }), T([], { gen: g2, dtype: "float64" })] },
      { id: "int_tensors", inputs: [T([4]), V([1, -2, 3, 0], "int64"), T([4], { gen: g2 })], args: { value: 0.5 } },
      { id: "self_only", inputs: [T([5]), noGrad(T([5])), noGrad(T([5], { gen: g2 }))] },
      ...(div
        ? [{ id: "by_zero", inputs: [T([3]), V([1, -1, 0]), V([0, 0, 0])], gradcheck: NONFINITE } as Sample]
        : [
            { id: "int64", inputs: [V([1, 2, 3], "int64"), V([4, -5, 6], "int64"), V([2, 2, -1], "int64")], args: { value: 3 } } as Sample,
            { id: "int64_float_value", inputs: [V([1, 2, 3], "int64"), V([4, -5, 6], "int64"), V([2, 2, -1], "int64")], args: { value: 2.5 } } as Sample,
          ]),
    ],
    errors: [
      { id: "broadcast_mismatch", inputs: [T([2]), T([3]), T([2])] },
      ...(div
        ? [
            { id: "int", inputs: [T([3]), V([1, 2, 3], "int64"), V([1, 2, 3], "int64")] },
            { id: "int_bool", inputs: [V([1, 2, 3], "int64"), V([1, 2, 3], "int64"), V([true, true, true], "bool")] },
          ]
        : [{ id: "bool", inputs: [V([true], "bool"), V([true], "bool"), V([false], "bool")] }]),
    ],
  };
}
function addcInplace(name: "addcmul" | "addcdiv"): OpInfo {
  const g2: Gen = name === "addcdiv" ? nonzero() : nrm(1);
  return {
    name: `${name}_`,
    ts: (x, a) => call(a.leaf ? x[0] : x[0].clone(), `${name}_`, x[1], x[2], { value: a.value ?? 1 }),
    py: `inplace2(x, a, '${name}_', value=a.get('value', 1))`,
    pyPrelude: INPLACE2_PRELUDE,
    checkViews: true,
    samples: [
      { id: "2d", inputs: [T([3, 4]), T([3, 4]), T([4], { gen: g2 })], args: { value: 0.5 } },
      { id: "float64", inputs: [T([3, 4], { dtype: "float64" }), T([3, 1], { dtype: "float64" }), T([4], { gen: g2, dtype: "float64" })] },
    ],
    errors: [
      { id: "leaf", inputs: [T([3]), T([3]), T([3], { gen: g2 })], args: { leaf: true } },
      { id: "broadcast", inputs: [noGrad(T([3])), noGrad(T([2, 3])), noGrad(T([3], { gen: g2 }))], args: { leaf: true } },
      { id: "int64_float", inputs: [V([1, 2], "int64"), noGrad(T([2])), noGrad(T([2], { gen: g2 }))], args: { leaf: true } },
    ],
  };
}

// ---- maximum / minimum: gradients at NaN and at ties (the forward and the rest are in foundation.ts) ---

const minMaxExtra: OpInfo[] = (["maximum", "minimum"] as const).map((name) => ({
  name,
  ts: (x: any[]) => fn(name, x[0], x[1]),
  py: `torch.${name}(x[0], x[1])`,
  samples: [
    { id: "nan_grad", inputs: [V(["nan", 1, 2, "nan"]), V([0, "nan", 3, "nan"])], gradcheck: NONFINITE },
    { id: "ties_grad", inputs: [V([1, 2, -3, 0.5]), V([1, 0.5, -3, 0.75])], gradcheck: "ties: not differentiable there" },
    { id: "ties_broadcast_grad", inputs: [V([1, 2, 1, 2], "float64", [2, 2]), V([1, 2], "float64")], gradcheck: "ties: not differentiable there" },
  ],
}));

// ---- logical ops -------------------------------------------------------------------------------------------

function logicalSamples(): Sample[] {
  return [
    { id: "bool", inputs: [V([true, false, true, false], "bool"), V([true, true, false, false], "bool")] },
    { id: "float", inputs: [V([0, 1.5, "-0", "nan", -2, 0]), V([0, 0, 3, 1, "nan", "inf"])] },
    { id: "int64", inputs: [V([0, 3, -1, 0], "int64"), V([2, 0, -5, 0], "int64")] },
    { id: "mixed", inputs: [V([0, 3, -1], "int32"), V([0.5, 0, 2])] },
    { id: "broadcast", inputs: [T([3, 1], { dtype: "bool" }), T([4], { dtype: "int64", gen: ints(-1, 2) })] },
    { id: "0d", inputs: [V([1.5], "float32", []), T([2, 3], { dtype: "bool" })], args: { method: true } },
    { id: "transposed", inputs: [T([4, 3], { dtype: "bool", make: tr }), T([3, 4], { dtype: "bool" })] },
    { id: "empty", inputs: [T([0, 2]), T([2])] },
  ];
}
const logicalEntries: OpInfo[] = [
  ...(["logicalAnd", "logicalOr", "logicalXor"] as const).map((name): OpInfo => {
    const py = name.replace(/[A-Z]/, (c) => `_${c.toLowerCase()}`);
    return {
      name,
      ts: (x: any[], a: any) => (a.method ? call(x[0], name, x[1]) : fn(name, x[0], x[1])),
      py: `torch.${py}(x[0], x[1])`,
      differentiable: false,
      samples: logicalSamples(),
      errors: [{ id: "broadcast_mismatch", inputs: [T([2, 3]), T([4])] }],
    };
  }),
  {
    name: "logicalNot",
    ts: (x: any[], a: any) => (a.method ? x[0].logicalNot() : torch.logicalNot(x[0])),
    py: "torch.logical_not(x[0])",
    differentiable: false,
    samples: [
      { id: "bool", inputs: [V([true, false], "bool")] },
      { id: "float", inputs: [V([0, 1.5, "-0", "nan", "inf"])], args: { method: true } },
      { id: "int64", inputs: [V([0, 3, -1], "int64")] },
      { id: "transposed", inputs: [T([4, 3], { make: tr })] },
      { id: "0d", inputs: [V([0], "int32", [])] },
    ],
  },
  ...(["logicalAnd_", "logicalOr_", "logicalXor_"] as const).map((name) => {
    const py = name.replace(/[A-Z]/, (c) => `_${c.toLowerCase()}`);
    return {
      name,
      ts: (x: any[]) => call(x[0], name, x[1]),
      py: `x[0].${py}(x[1])`,
      differentiable: false,
      checkViews: true,
      samples: [
        { id: "bool", inputs: [V([true, false, true, false], "bool"), V([true, true, false, false], "bool")] },
        { id: "float", inputs: [V([0, 1.5, "-0", -2]), V([0, 0, 3, "nan"])] },
        { id: "int64", inputs: [V([0, 3, -1, 0], "int64"), V([2, 0, -5, 0], "int64")] },
        { id: "broadcast", inputs: [T([3, 4], { dtype: "int32", gen: ints(-1, 2) }), T([4], { dtype: "bool" })] },
        // not differentiable: no autograd kernel, so no leaf check either (PyTorch writes into the leaf)
        { id: "leaf", inputs: [{ ...T([3]), requiresGrad: true }, T([3], { dtype: "bool" })] },
      ],
      errors: [{ id: "broadcast_mismatch", inputs: [T([3], { dtype: "bool" }), T([2, 3], { dtype: "bool" })] }],
    };
  }),
  {
    name: "logicalNot_",
    ts: (x: any[]) => x[0].logicalNot_(),
    py: "x[0].logical_not_()",
    differentiable: false,
    checkViews: true,
    samples: [
      { id: "bool", inputs: [V([true, false], "bool")] },
      { id: "float", inputs: [V([0, 1.5, "nan"])] },
      { id: "int64", inputs: [V([0, 3, -1], "int64")] },
    ],
  },
];

// ---- bitwise ops -------------------------------------------------------------------------------------------

const BIG = [2 ** 40 + 3, -(2 ** 40) - 3, 2 ** 52 - 1, -(2 ** 52), 12345, -1];
function bitwiseSamples(shift: boolean): Sample[] {
  const rhs: (dt: DT) => TensorInput = (dt) => (shift ? T([6], { dtype: dt, gen: ints(0, 8) }) : T([6], { dtype: dt, gen: ints(-20, 20) }));
  return [
    { id: "int64", inputs: [T([6], { dtype: "int64", gen: ints(-50, 50) }), rhs("int64")] },
    { id: "int32", inputs: [T([2, 3], { dtype: "int32", gen: ints(-50, 50) }), T([3], { dtype: "int32", gen: shift ? ints(0, 8) : ints(-20, 20) })], args: { method: true } },
    { id: "int32_int64", inputs: [T([6], { dtype: "int32", gen: ints(-50, 50) }), rhs("int64")] },
    { id: "int32_0d_int64", inputs: [T([6], { dtype: "int32", gen: ints(-50, 50) }), V([3], "int64", [])] },
    { id: "broadcast", inputs: [T([3, 1], { dtype: "int64", gen: ints(-50, 50) }), T([4], { dtype: "int64", gen: shift ? ints(0, 8) : ints(-20, 20) })] },
    { id: "scalar", inputs: [T([6], { dtype: "int64", gen: ints(-50, 50) }), { scalar: 3, kind: "int" }] },
    { id: "transposed", inputs: [T([4, 3], { dtype: "int64", gen: ints(-50, 50), make: tr }), T([3, 4], { dtype: "int64", gen: shift ? ints(0, 8) : ints(-20, 20) })] },
    { id: "large", inputs: [V(BIG, "int64"), shift ? V([2, 3, 0, 1, 4, 7], "int64") : V([2 ** 41 - 1, 2 ** 41 - 1, 7, -8, -(2 ** 45), 2 ** 30], "int64")] },
    { id: "int32_extremes", inputs: [V([2147483647, -2147483648, -1, 1], "int32"), shift ? V([0, 0, 31, 30], "int32") : V([-1, 2147483647, -2147483648, 0], "int32")] },
    ...(shift
      ? [{ id: "bool_int", inputs: [V([true, false, true], "bool"), V([1, 2, 3], "int64")] } as Sample]
      : [
          { id: "bool", inputs: [V([true, false, true, false], "bool"), V([true, true, false, false], "bool")] } as Sample,
          { id: "bool_scalar", inputs: [V([true, false], "bool"), { scalar: true, kind: "bool" }] } as Sample,
          { id: "bool_int_scalar", inputs: [V([true, false], "bool"), { scalar: 3, kind: "int" }] } as Sample,
          { id: "int_bool", inputs: [V([5, -7, 0], "int64"), V([true, false, true], "bool")] } as Sample,
          { id: "scalar_self", inputs: [{ scalar: 6, kind: "int" }, V([5, -7, 0], "int64")] } as Sample,
        ]),
  ];
}
function bitwiseErrors(shift: boolean): Sample[] {
  return [
    { id: "float", inputs: [T([3]), T([3])] },
    { id: "int_float", inputs: [V([1, 2], "int64"), V([1.5, 2], "float32")] },
    { id: "float_scalar", inputs: [V([1, 2], "int64"), { scalar: 1.5, kind: "float" }] },
    { id: "broadcast_mismatch", inputs: [T([2, 3], { dtype: "int64" }), T([4], { dtype: "int64" })] },
    ...(shift ? [{ id: "bool", inputs: [V([true], "bool"), V([true], "bool")] }] : []),
  ];
}
const bitwiseBinary: OpInfo[] = (
  [
    ["bitwiseAnd", "bitwise_and", false],
    ["bitwiseOr", "bitwise_or", false],
    ["bitwiseXor", "bitwise_xor", false],
    ["bitwiseLeftShift", "bitwise_left_shift", true],
    ["bitwiseRightShift", "bitwise_right_shift", true],
  ] as const
).flatMap(([name, py, shift]) => [
  {
    name,
    ts: (x: any[], a: any) => (a.method ? call(x[0], name, x[1]) : fn(name, x[0], x[1])),
    // PyTorch 2.x: a shift by a negative amount or by the bit width or more gives 0 (left) or the sign
    // bits (right); 1.13 left it to the hardware, so no sample shifts that far
    py: `torch.${py}(x[0], x[1])`,
    differentiable: false,
    samples: bitwiseSamples(shift),
    errors: bitwiseErrors(shift),
  },
  {
    name: `${name}_`,
    ts: (x: any[]) => call(x[0], `${name}_`, x[1]),
    py: `x[0].${py}_(x[1])`,
    differentiable: false,
    checkViews: true,
    samples: [
      { id: "int64", inputs: [T([6], { dtype: "int64", gen: ints(-50, 50) }), T([6], { dtype: "int64", gen: ints(0, 8) })] },
      { id: "int32_bool", inputs: [T([4], { dtype: "int32", gen: ints(-50, 50) }), V([true, false, true, true], "bool")] },
    ],
    errors: [
      { id: "bool_int", inputs: [V([true, false], "bool"), V([1, 2], "int64")] },
      { id: "broadcast", inputs: [T([3], { dtype: "int64" }), T([2, 3], { dtype: "int64" })] },
    ],
  },
]);
const bitwiseNotEntries: OpInfo[] = [
  {
    name: "bitwiseNot",
    ts: (x, a) => (a.method ? x[0].bitwiseNot() : torch.bitwiseNot(x[0])),
    py: "torch.bitwise_not(x[0])",
    differentiable: false,
    samples: [
      { id: "int64", inputs: [V([0, 5, -6, ...BIG], "int64")] },
      { id: "int32", inputs: [V([0, 5, -6, 2147483647, -2147483648], "int32")], args: { method: true } },
      { id: "bool", inputs: [V([true, false], "bool")] },
      { id: "transposed", inputs: [T([4, 3], { dtype: "int64", make: tr })] },
      { id: "0d", inputs: [V([7], "int64", [])] },
    ],
    errors: [{ id: "float", inputs: [T([3])] }, { id: "float64", inputs: [T([3], { dtype: "float64" })] }, ...NOT_TENSOR],
  },
  {
    name: "bitwiseNot_",
    ts: (x) => x[0].bitwiseNot_(),
    py: "x[0].bitwise_not_()",
    differentiable: false,
    checkViews: true,
    samples: [
      { id: "int64", inputs: [V([0, 5, -6], "int64")] },
      { id: "bool", inputs: [V([true, false], "bool")] },
    ],
    errors: [{ id: "float", inputs: [noGrad(T([3]))] }],
  },
];

export const ops: OpInfo[] = [
  ...floatUnaries,
  polygammaEntry,
  logitEntry,
  ...floatInplaces,
  inplace("polygamma", "polygamma", { gen: uni(0.3, 4), args: [1], pyArgs: "1" }),
  inplace("logit", "logit", { gen: uni(0.05, 0.95) }),
  ...roundingUnaries,
  roundEntry,
  roundInplace,
  fracEntry,
  signEntry,
  nanToNumEntry,
  nanToNumInplace,
  ...classifiers,
  clampEntry,
  clipEntry,
  clampInplace("clamp_"),
  clampInplace("clip_"),
  divRoundingEntry,
  divInplace,
  floorDivideEntry,
  floorDivideInplace,
  modEntry("fmod"),
  modEntry("remainder"),
  remainderScalarSelf,
  modInplace("fmod"),
  modInplace("remainder"),
  atan2Entry,
  hypotEntry,
  xlogyEntry,
  binaryInplace("atan2", "atan2", nrm(2), nrm(2)),
  binaryInplace("hypot", "hypot", nrm(2), nrm(2)),
  binaryInplace("xlogy", "xlogy", nrm(2), uni(0.1, 3)),
  lerpEntry,
  lerpInplace,
  addcEntry("addcmul"),
  addcEntry("addcdiv"),
  addcInplace("addcmul"),
  addcInplace("addcdiv"),
  ...minMaxExtra,
  ...logicalEntries,
  ...bitwiseBinary,
  ...bitwiseNotEntries,
];
