// Op table entries: nn (issue 3), torch.nn.functional. See ./types.ts for the contract.
// Option names are camelCase on the TypeScript side; the Python side turns them into keyword
// arguments with `snake(a)` (defined in each entry's pyPrelude: camelCase -> snake_case, nothing else).
import * as torch from "../../src/index.js";
import type { Gen, MakeStep, OpInfo, Sample, TensorInput } from "./types.js";

const F = torch.nn.functional;

// `positional` only chooses the TypeScript spelling (positional arguments instead of an options object)
const SNAKE = [
  "import re",
  "def snake(a):",
  "    return {re.sub('([A-Z])', lambda m: '_' + m.group(1).lower(), k): v for k, v in a.items() if k != 'positional'}",
].join("\n");

/** A tensor input: shape plus overrides. */
function T(shape: number[], o: Partial<TensorInput> = {}): TensorInput {
  return { shape, ...o };
}
const long = (shape: number[], low: number, high: number, o: Partial<TensorInput> = {}): TensorInput =>
  T(shape, { dtype: "int64", gen: { kind: "int", low, high }, ...o });
const longOf = (shape: number[], values: number[]): TensorInput => T(shape, { dtype: "int64", values });
const noGrad = (t: TensorInput): TensorInput => ({ ...t, requiresGrad: false });
const uni = (low: number, high: number): Gen => ({ kind: "uniform", low, high });
const nrm = (std: number, mean = 0): Gen => ({ kind: "normal", std, mean });
const tr: MakeStep[] = [["t"]];

/** The usual shapes of an elementwise function: batch and no-batch, 0-d, empty, non-contiguous, float64. */
function elementwiseSamples(gen?: Gen, extra: Sample[] = []): Sample[] {
  const g = gen ? { gen } : {};
  return [
    { id: "2d", inputs: [T([3, 4], g)] },
    { id: "0d", inputs: [T([], g)] },
    { id: "1d", inputs: [T([5], g)] },
    { id: "3d", inputs: [T([2, 3, 4], g)] },
    { id: "transposed", inputs: [T([4, 3], { ...g, make: tr })] },
    { id: "strided", inputs: [T([4, 6], { ...g, make: [["slice", 1, 0, 6, 2]] })] },
    { id: "float64", inputs: [T([3, 4], { ...g, dtype: "float64" })] },
    { id: "empty", inputs: [T([0, 3], g)] },
    ...extra,
  ];
}

/** An activation entry: `F.name(x[0], a)` against `F.py_name(x[0], **snake(a))`. */
function activation(name: string, pyName: string, ts: (x: any[], a: any) => unknown, samples: Sample[], errors: Sample[] = [], more: Partial<OpInfo> = {}): OpInfo {
  return { name: `nn.functional.${name}`, ts, py: `F.${pyName}(x[0], **snake(a))`, pyPrelude: SNAKE, samples, errors, ...more };
}

const intErrors = (): Sample[] => [
  { id: "int64", inputs: [T([3], { dtype: "int64" })] },
  { id: "bool", inputs: [T([3], { dtype: "bool" })] },
];

const wide = nrm(3);

const activations: OpInfo[] = [
  activation("relu", "relu", (x) => F.relu(x[0]), elementwiseSamples(undefined, [
    { id: "int64", inputs: [T([5], { dtype: "int64" })] },
  ]), [{ id: "bool", inputs: [T([3], { dtype: "bool" })] }]),
  activation("relu6", "relu6", (x) => F.relu6(x[0]), elementwiseSamples(nrm(4, 2), [
    { id: "int64", inputs: [T([6], { dtype: "int64", gen: { kind: "int", low: -3, high: 10 } })] },
  ]), [{ id: "bool", inputs: [T([3], { dtype: "bool" })] }]),
  activation("hardtanh", "hardtanh", (x, a) => F.hardtanh(x[0], a.minVal, a.maxVal), elementwiseSamples(nrm(2), [
    { id: "bounds", inputs: [T([4, 5], { gen: nrm(2) })], args: { minVal: -0.5, maxVal: 2 } },
    { id: "options", inputs: [T([4, 5], { gen: nrm(2) })], args: { minVal: -2 } },
    { id: "int64", inputs: [T([6], { dtype: "int64" })], args: { minVal: -2, maxVal: 3 } },
  ]), [{ id: "bool", inputs: [T([3], { dtype: "bool" })] }]),
  activation("leakyRelu", "leaky_relu", (x, a) => (a.negativeSlope === undefined ? F.leakyRelu(x[0]) : a.positional ? F.leakyRelu(x[0], a.negativeSlope) : F.leakyRelu(x[0], a)),
    elementwiseSamples(undefined, [
      { id: "slope", inputs: [T([3, 4])], args: { negativeSlope: 0.2 } },
      { id: "slope_positional", inputs: [T([3, 4])], args: { negativeSlope: 0.3, positional: true } },
      { id: "slope_big", inputs: [T([3, 4], { dtype: "float64" })], args: { negativeSlope: 1.7 } },
    ]),
    intErrors(),
  ),
  activation("elu", "elu", (x, a) => F.elu(x[0], a), elementwiseSamples(wide, [
    { id: "alpha", inputs: [T([3, 4], { gen: wide })], args: { alpha: 0.5 } },
    { id: "alpha64", inputs: [T([3, 4], { gen: wide, dtype: "float64" })], args: { alpha: 2.5 } },
  ]), intErrors()),
  activation("selu", "selu", (x) => F.selu(x[0]), elementwiseSamples(wide), intErrors()),
  activation("celu", "celu", (x, a) => F.celu(x[0], a), elementwiseSamples(wide, [
    { id: "alpha", inputs: [T([3, 4], { gen: wide })], args: { alpha: 0.5 } },
    { id: "alpha64", inputs: [T([3, 4], { gen: wide, dtype: "float64" })], args: { alpha: 2.5 } },
  ]), [...intErrors(), { id: "alpha0", inputs: [T([3])], args: { alpha: 0 } }]),
  activation("gelu", "gelu", (x, a) => F.gelu(x[0], a), elementwiseSamples(wide, [
    { id: "tanh", inputs: [T([3, 4], { gen: wide })], args: { approximate: "tanh" } },
    { id: "tanh64", inputs: [T([3, 4], { gen: wide, dtype: "float64" })], args: { approximate: "tanh" } },
    { id: "tanh_t", inputs: [T([4, 3], { gen: wide, make: tr })], args: { approximate: "tanh" } },
    { id: "none", inputs: [T([7])], args: { approximate: "none" } },
  ]), [...intErrors(), { id: "bad_approximate", inputs: [T([3])], args: { approximate: "foo" } }]),
  activation("silu", "silu", (x) => F.silu(x[0]), elementwiseSamples(wide), intErrors()),
  activation("mish", "mish", (x) => F.mish(x[0]), elementwiseSamples(wide), intErrors()),
  activation("softplus", "softplus", (x, a) => F.softplus(x[0], a), elementwiseSamples(wide, [
    { id: "beta", inputs: [T([3, 4], { gen: wide })], args: { beta: 2 } },
    { id: "threshold", inputs: [T([4, 5], { gen: nrm(4) })], args: { beta: 0.5, threshold: 1.5 } },
    { id: "threshold64", inputs: [T([4, 5], { gen: nrm(4), dtype: "float64" })], args: { beta: 3, threshold: 2 } },
  ]), intErrors()),
  activation("softsign", "softsign", (x) => F.softsign(x[0]), elementwiseSamples(wide, [
    { id: "int64", inputs: [T([5], { dtype: "int64" })] },
  ])),
  activation("hardsigmoid", "hardsigmoid", (x) => F.hardsigmoid(x[0]), elementwiseSamples(nrm(3)), intErrors()),
  activation("hardswish", "hardswish", (x) => F.hardswish(x[0]), elementwiseSamples(nrm(3)), intErrors()),
  activation("logsigmoid", "logsigmoid", (x) => F.logsigmoid(x[0]), elementwiseSamples(nrm(5)), intErrors()),
  // 1.13's F.sigmoid / F.tanh warn that they are deprecated; 2.x's do not (tensorgrad follows 2.x)
  activation("sigmoid", "sigmoid", (x) => F.sigmoid(x[0]), elementwiseSamples(nrm(3), [
    { id: "int64", inputs: [T([5], { dtype: "int64" })] },
  ])),
  activation("tanh", "tanh", (x) => F.tanh(x[0]), elementwiseSamples(nrm(2), [
    { id: "int64", inputs: [T([5], { dtype: "int64" })] },
  ])),
];

// ---- softmax family ------------------------------------------------------------------------------

function softmaxSamples(): Sample[] {
  return [
    { id: "2d_dim1", inputs: [T([3, 5], { gen: nrm(3) })], args: { dim: 1 } },
    { id: "2d_dim0", inputs: [T([3, 5], { gen: nrm(3) })], args: { dim: 0 } },
    { id: "3d_dim_neg", inputs: [T([2, 3, 4], { gen: nrm(3) })], args: { dim: -1 } },
    { id: "3d_dim1", inputs: [T([2, 3, 4], { gen: nrm(3) })], args: { dim: 1 } },
    { id: "1d", inputs: [T([6], { gen: nrm(3) })], args: { dim: 0 } },
    { id: "0d", inputs: [T([])], args: { dim: 0 } },
    { id: "transposed", inputs: [T([5, 3], { gen: nrm(3), make: tr })], args: { dim: 1 } },
    { id: "strided", inputs: [T([3, 8], { gen: nrm(3), make: [["slice", 1, 1, 8, 2]] })], args: { dim: 1 } },
    { id: "float64", inputs: [T([3, 5], { gen: nrm(3), dtype: "float64" })], args: { dim: 1 } },
    { id: "large", inputs: [T([2, 4], { values: [1000, 1001, 999, -1000, -5, 3, 80, 90] })], args: { dim: 1 } },
    { id: "implicit_2d", inputs: [T([3, 4])], args: {} },
    { id: "implicit_3d", inputs: [T([2, 3, 4])], args: {} },
    { id: "dtype", inputs: [T([3, 4])], args: { dim: 1, dtype: "float64" } },
    { id: "dtype_int", inputs: [T([3, 4], { dtype: "int64" })], args: { dim: 1, dtype: "float32" } },
    { id: "empty", inputs: [T([0, 4])], args: { dim: 1 } },
  ];
}
function softmaxErrors(): Sample[] {
  return [
    { id: "int64", inputs: [T([3], { dtype: "int64" })], args: { dim: 0 } },
    { id: "dim_range", inputs: [T([3, 4])], args: { dim: 2 } },
  ];
}
const SOFTMAX_PRELUDE = `${SNAKE}\ndef sm_args(a):\n    a = dict(a)\n    if 'dtype' in a: a['dtype'] = dtypes[a['dtype']]\n    return a`;
const softmaxes: OpInfo[] = [
  { name: "nn.functional.softmax", ts: (x, a) => F.softmax(x[0], a.dim ?? null, a), py: "F.softmax(x[0], **sm_args(a))", pyPrelude: SOFTMAX_PRELUDE, samples: softmaxSamples(), errors: softmaxErrors() },
  { name: "nn.functional.logSoftmax", ts: (x, a) => F.logSoftmax(x[0], a), py: "F.log_softmax(x[0], **sm_args(a))", pyPrelude: SOFTMAX_PRELUDE, samples: softmaxSamples(), errors: softmaxErrors() },
  { name: "nn.functional.softmin", ts: (x, a) => F.softmin(x[0], a.dim, a), py: "F.softmin(x[0], **sm_args(a))", pyPrelude: SOFTMAX_PRELUDE, samples: softmaxSamples(),
    errors: [...softmaxErrors(), { id: "bool", inputs: [T([3], { dtype: "bool" })], args: { dim: 0 } }] },
];

// ---- linear, bilinear ------------------------------------------------------------------------------

const linears: OpInfo[] = [
  {
    name: "nn.functional.linear",
    ts: (x) => F.linear(x[0], x[1], x[2] ?? null),
    py: "F.linear(*x)",
    samples: [
      { id: "2d_bias", inputs: [T([4, 3]), T([5, 3]), T([5])] },
      { id: "2d_nobias", inputs: [T([4, 3]), T([5, 3])] },
      { id: "3d_bias", inputs: [T([2, 4, 3]), T([5, 3]), T([5])] },
      { id: "3d_nobias", inputs: [T([2, 4, 3]), T([5, 3])] },
      { id: "4d_bias", inputs: [T([2, 2, 2, 3]), T([5, 3]), T([5])] },
      { id: "1d_bias", inputs: [T([3]), T([5, 3]), T([5])] },
      { id: "1d_nobias", inputs: [T([3]), T([5, 3])] },
      { id: "3d_noncontig_bias", inputs: [T([4, 2, 3], { make: [["transpose", 0, 1]] }), T([5, 3]), T([5])] },
      { id: "transposed_weight", inputs: [T([4, 3]), T([3, 5], { make: tr }), T([5])] },
      { id: "2d_scalar_bias", inputs: [T([4, 3]), T([5, 3]), T([])] },
      { id: "float64", inputs: [T([4, 3], { dtype: "float64" }), T([5, 3], { dtype: "float64" }), T([5], { dtype: "float64" })] },
      { id: "input_only", inputs: [T([4, 3]), noGrad(T([5, 3])), noGrad(T([5]))] },
    ],
    errors: [
      { id: "shape", inputs: [T([2, 4]), T([2, 3])] },
      { id: "bias_shape", inputs: [T([2, 3]), T([2, 3]), T([3])] },
      { id: "bias_shape_3d", inputs: [T([2, 2, 3]), T([2, 3]), T([3])] },
      { id: "0d", inputs: [T([]), T([2, 3])] },
    ],
    // 2.x's linear checks the ranks itself, and dispatches a contiguous 1-D input with a 1-D bias to
    // _flatten_nd_linear (addmm, then view); 1.13 went through matmul (+ add_)
    torch2: {
      "0d": { message: "both arguments to linear need to be at least 1D, but they are 0D and 2D" },
      "1d_bias": { gradFn: "ViewBackward0" },
      "4d_bias": { gradFn: "ViewBackward0" },
      // 2.x's matmul squeezes the 1-D input's result in place (squeeze_ -> SqueezeBackward4)
      "1d_nobias": { gradFn: "SqueezeBackward4" },
    },
  },
  {
    name: "nn.functional.bilinear",
    ts: (x) => F.bilinear(x[0], x[1], x[2], x[3] ?? null),
    py: "F.bilinear(*x)",
    // 2.x checks the dtypes before anything else
    torch2: { dtype: { message: "All tensors must have the same dtype, got input1: float, input2: double, weight: float" } },
    samples: [
      { id: "bias", inputs: [T([4, 3]), T([4, 2]), T([5, 3, 2]), T([5])] },
      { id: "nobias", inputs: [T([4, 3]), T([4, 2]), T([5, 3, 2])] },
      { id: "3d", inputs: [T([2, 3, 3]), T([2, 3, 2]), T([4, 3, 2]), T([4])] },
      { id: "1d", inputs: [T([3]), T([2]), T([4, 3, 2]), T([4])] },
      { id: "transposed", inputs: [T([3, 4], { make: tr }), T([4, 2]), T([5, 3, 2])] },
      { id: "float64", inputs: [T([4, 3], { dtype: "float64" }), T([4, 2], { dtype: "float64" }), T([5, 3, 2], { dtype: "float64" }), T([5], { dtype: "float64" })] },
    ],
    errors: [
      { id: "in1", inputs: [T([4, 2]), T([4, 2]), T([5, 3, 2])] },
      { id: "in2", inputs: [T([4, 3]), T([4, 3]), T([5, 3, 2])] },
      { id: "batch", inputs: [T([4, 3]), T([3, 2]), T([5, 3, 2])] },
      { id: "bias_size", inputs: [T([4, 3]), T([4, 2]), T([5, 3, 2]), T([4])] },
      { id: "dtype", inputs: [T([4, 3]), T([4, 2], { dtype: "float64" }), T([5, 3, 2])] },
      { id: "dims", inputs: [T([4, 3]), T([2]), T([5, 3, 2])] },
    ],
  },
];

// ---- losses ----------------------------------------------------------------------------------------

const REDUCTIONS = ["mean", "sum", "none"] as const;

/** Samples of an (input, target) loss in every reduction, batch and no-batch forms, non-contiguous. */
function pairLossSamples(gi?: Gen, gt?: Gen, extraArgs: Record<string, unknown> = {}): Sample[] {
  const i = gi ? { gen: gi } : {};
  const t = gt ? { gen: gt } : {};
  const out: Sample[] = [];
  for (const r of REDUCTIONS) {
    out.push({ id: `2d_${r}`, inputs: [T([3, 4], i), T([3, 4], t)], args: { reduction: r, ...extraArgs } });
    out.push({ id: `1d_${r}`, inputs: [T([5], i), T([5], t)], args: { reduction: r, ...extraArgs } });
  }
  out.push({ id: "default", inputs: [T([2, 3, 2], i), T([2, 3, 2], t)], args: { ...extraArgs } });
  out.push({ id: "0d", inputs: [T([], i), T([], t)], args: { ...extraArgs } });
  out.push({ id: "transposed", inputs: [T([4, 3], { ...i, make: tr }), T([3, 4], t)], args: { reduction: "sum", ...extraArgs } });
  out.push({ id: "target_nograd", inputs: [T([3, 4], i), noGrad(T([3, 4], t))], args: { ...extraArgs } });
  out.push({ id: "float64", inputs: [T([3, 4], { ...i, dtype: "float64" }), T([3, 4], { ...t, dtype: "float64" })], args: { ...extraArgs } });
  return out;
}

const bcePrelude = SNAKE;

const losses: OpInfo[] = [
  {
    name: "nn.functional.mseLoss", ts: (x, a) => F.mseLoss(x[0], x[1], a), py: "F.mse_loss(x[0], x[1], **snake(a))", pyPrelude: SNAKE,
    samples: [
      ...pairLossSamples(),
      { id: "broadcast", inputs: [T([3, 4]), T([4])], args: { reduction: "mean" } },
      { id: "broadcast_none", inputs: [T([3, 1]), T([4])], args: { reduction: "none" } },
    ],
    errors: [
      { id: "reduction", inputs: [T([3]), T([3])], args: { reduction: "batchmean" } },
      { id: "int", inputs: [T([3], { dtype: "int64" }), T([3], { dtype: "int64" })], args: {} },
    ],
  },
  {
    name: "nn.functional.l1Loss", ts: (x, a) => F.l1Loss(x[0], x[1], a), py: "F.l1_loss(x[0], x[1], **snake(a))", pyPrelude: SNAKE,
    samples: [...pairLossSamples(), { id: "broadcast", inputs: [T([3, 4]), T([4])], args: { reduction: "sum" } }],
    errors: [{ id: "reduction", inputs: [T([3]), T([3])], args: { reduction: "avg" } }],
  },
  {
    name: "nn.functional.smoothL1Loss", ts: (x, a) => F.smoothL1Loss(x[0], x[1], a), py: "F.smooth_l1_loss(x[0], x[1], **snake(a))", pyPrelude: SNAKE,
    samples: [
      ...pairLossSamples(nrm(2)),
      ...REDUCTIONS.map((r): Sample => ({ id: `beta_${r}`, inputs: [T([4, 5], { gen: nrm(2) }), T([4, 5])], args: { reduction: r, beta: 0.5 } })),
      { id: "beta_big", inputs: [T([4, 5], { gen: nrm(2) }), T([4, 5])], args: { beta: 3 } },
      { id: "beta0", inputs: [T([4, 5], { gen: nrm(2) }), T([4, 5])], args: { beta: 0 } },
    ],
    errors: [
      { id: "negative_beta", inputs: [T([3]), T([3])], args: { beta: -1 } },
      { id: "int", inputs: [T([3], { dtype: "int64" }), T([3], { dtype: "int64" })], args: {} },
    ],
  },
  {
    name: "nn.functional.huberLoss", ts: (x, a) => F.huberLoss(x[0], x[1], a), py: "F.huber_loss(x[0], x[1], **snake(a))", pyPrelude: SNAKE,
    samples: [
      ...pairLossSamples(nrm(2)),
      ...REDUCTIONS.map((r): Sample => ({ id: `delta_${r}`, inputs: [T([4, 5], { gen: nrm(2) }), T([4, 5])], args: { reduction: r, delta: 0.5 } })),
      { id: "delta_big", inputs: [T([4, 5], { gen: nrm(2) }), T([4, 5])], args: { delta: 3 } },
    ],
    errors: [
      { id: "delta0", inputs: [T([3]), T([3])], args: { delta: 0 } },
      { id: "int", inputs: [T([3], { dtype: "int64" }), T([3], { dtype: "int64" })], args: {} },
    ],
  },
  {
    name: "nn.functional.binaryCrossEntropy",
    ts: (x, a) => (a.positional ? F.binaryCrossEntropy(x[0], x[1], x[2], a) : F.binaryCrossEntropy(x[0], x[1], { ...a, weight: x[2] ?? null })),
    py: "F.binary_cross_entropy(x[0], x[1], *x[2:], **snake(a))",
    pyPrelude: bcePrelude,
    samples: [
      ...pairLossSamples(uni(0.05, 0.95), uni(0, 1)),
      ...REDUCTIONS.map((r): Sample => ({ id: `weight_${r}`, inputs: [T([3, 4], { gen: uni(0.05, 0.95) }), T([3, 4], { gen: uni(0, 1) }), noGrad(T([3, 4], { gen: uni(0, 2) }))], args: { reduction: r } })),
      { id: "weight_broadcast", inputs: [T([3, 4], { gen: uni(0.05, 0.95) }), T([3, 4], { gen: uni(0, 1) }), noGrad(T([4], { gen: uni(0, 2) }))], args: {} },
      { id: "weight_positional", inputs: [T([3, 4], { gen: uni(0.05, 0.95) }), T([3, 4], { gen: uni(0, 1) }), noGrad(T([3, 4], { gen: uni(0, 2) }))], args: { reduction: "sum", positional: true } },
      // 2.x checks that targets lie in [0, 1] (1.13 does not): a finite-difference step off 0 or 1 raises,
      // so hard labels take no gradient here
      { id: "hard_targets", inputs: [T([6], { gen: uni(0.05, 0.95) }), noGrad(T([6], { values: [0, 1, 1, 0, 1, 0] }))], args: {} },
      { id: "extremes", inputs: [noGrad(T([4], { values: [0, 1, 0, 1] })), T([4], { values: [0, 1, 1, 0] })], args: { reduction: "none" }, gradcheck: "log(0) clamps at -100: not differentiable there" },
    ],
    errors: [
      { id: "size", inputs: [T([2], { gen: uni(0.1, 0.9) }), T([2, 1], { gen: uni(0, 1) })], args: {} },
      { id: "range", inputs: [T([2], { values: [0.5, 2] }), T([2], { values: [0, 1] })], args: {} },
      { id: "reduction", inputs: [T([2], { gen: uni(0.1, 0.9) }), T([2], { gen: uni(0, 1) })], args: { reduction: "x" } },
      { id: "target_dtype", inputs: [T([2], { gen: uni(0.1, 0.9) }), T([2], { gen: uni(0, 1), dtype: "float64" })], args: {} },
      { id: "int", inputs: [T([2], { dtype: "int64", values: [0, 1] }), T([2], { dtype: "int64", values: [1, 1] })], args: {} },
    ],
  },
  {
    name: "nn.functional.binaryCrossEntropyWithLogits",
    ts: (x, a) => F.binaryCrossEntropyWithLogits(x[0], x[1], { ...a, weight: a.w ? x[2] : null, posWeight: a.pw ? x[a.w ? 3 : 2] : null, w: undefined, pw: undefined }),
    py: "F.binary_cross_entropy_with_logits(x[0], x[1], weight=(x[2] if a.get('w') else None), pos_weight=(x[3 if a.get('w') else 2] if a.get('pw') else None), **{k: v for k, v in snake(a).items() if k not in ('w', 'pw')})",
    pyPrelude: SNAKE,
    samples: [
      ...pairLossSamples(nrm(3), uni(0, 1)),
      ...REDUCTIONS.map((r): Sample => ({ id: `weight_${r}`, inputs: [T([3, 4], { gen: nrm(3) }), T([3, 4], { gen: uni(0, 1) }), noGrad(T([3, 4], { gen: uni(0, 2) }))], args: { reduction: r, w: true } })),
      ...REDUCTIONS.map((r): Sample => ({ id: `pos_weight_${r}`, inputs: [T([3, 4], { gen: nrm(3) }), T([3, 4], { gen: uni(0, 1) }), noGrad(T([4], { gen: uni(0.5, 3) }))], args: { reduction: r, pw: true } })),
      { id: "both_weights", inputs: [T([3, 4], { gen: nrm(3) }), T([3, 4], { gen: uni(0, 1) }), noGrad(T([4], { gen: uni(0, 2) })), noGrad(T([4], { gen: uni(0.5, 3) }))], args: { w: true, pw: true } },
      { id: "large_logits", inputs: [T([4], { values: [50, -50, 120, -120] }), T([4], { values: [0, 1, 1, 0] })], args: { reduction: "none" } },
    ],
    errors: [{ id: "size", inputs: [T([2]), T([2, 1], { gen: uni(0, 1) })], args: {} }],
  },
  {
    name: "nn.functional.klDiv",
    ts: (x, a) => F.klDiv(x[0], x[1], a),
    py: "F.kl_div(x[0], x[1], **snake(a))",
    pyPrelude: SNAKE,
    samples: [
      ...[...REDUCTIONS, "batchmean"].map((r): Sample => ({ id: `2d_${r}`, inputs: [T([3, 4], { gen: nrm(1, -1) }), T([3, 4], { gen: uni(0.05, 1) })], args: { reduction: r } })),
      ...[...REDUCTIONS, "batchmean"].map((r): Sample => ({ id: `log_target_${r}`, inputs: [T([3, 4], { gen: nrm(1, -1) }), T([3, 4], { gen: nrm(1, -1) })], args: { reduction: r, logTarget: true } })),
      { id: "1d_batchmean", inputs: [T([5], { gen: nrm(1, -1) }), T([5], { gen: uni(0.05, 1) })], args: { reduction: "batchmean" } },
      { id: "0d_batchmean", inputs: [T([], { gen: nrm(1, -1) }), T([], { gen: uni(0.05, 1) })], args: { reduction: "batchmean" } },
      { id: "zero_target", inputs: [T([4], { gen: nrm(1, -1) }), noGrad(T([4], { values: [0, 0.5, 0, 0.25] }))], args: { reduction: "sum" } },
      { id: "transposed", inputs: [T([4, 3], { gen: nrm(1, -1), make: tr }), T([3, 4], { gen: uni(0.05, 1) })], args: { reduction: "batchmean" } },
      { id: "float64", inputs: [T([3, 4], { gen: nrm(1, -1), dtype: "float64" }), T([3, 4], { gen: uni(0.05, 1), dtype: "float64" })], args: { reduction: "batchmean" } },
    ],
    errors: [
      { id: "int", inputs: [T([3], { dtype: "int64" }), T([3], { dtype: "int64" })], args: { reduction: "sum" } },
      { id: "reduction", inputs: [T([3]), T([3], { gen: uni(0, 1) })], args: { reduction: "avg" } },
    ],
  },
  {
    name: "nn.functional.nllLoss",
    ts: (x, a) => (a.positional ? F.nllLoss(x[0], x[1], x[2], a) : F.nllLoss(x[0], x[1], { ...a, weight: x[2] ?? null })),
    py: "F.nll_loss(x[0], x[1], *x[2:], **snake(a))",
    pyPrelude: SNAKE,
    samples: [
      ...REDUCTIONS.map((r): Sample => ({ id: `2d_${r}`, inputs: [T([4, 5]), long([4], 0, 5)], args: { reduction: r } })),
      ...REDUCTIONS.map((r): Sample => ({ id: `1d_${r}`, inputs: [T([5]), longOf([], [3])], args: { reduction: r } })),
      ...REDUCTIONS.map((r): Sample => ({ id: `weight_${r}`, inputs: [T([4, 5]), long([4], 0, 5), noGrad(T([5], { gen: uni(0.1, 2) }))], args: { reduction: r } })),
      ...REDUCTIONS.map((r): Sample => ({ id: `ignore_${r}`, inputs: [T([5, 3]), longOf([5], [0, 2, -100, 1, 2])], args: { reduction: r } })),
      ...REDUCTIONS.map((r): Sample => ({ id: `ignore_weight_${r}`, inputs: [T([5, 3]), longOf([5], [0, 2, 1, 1, 2]), noGrad(T([3], { gen: uni(0.1, 2) }))], args: { reduction: r, ignoreIndex: 1 } })),
      ...REDUCTIONS.map((r): Sample => ({ id: `3d_${r}`, inputs: [T([2, 3, 4]), long([2, 4], 0, 3)], args: { reduction: r } })),
      ...REDUCTIONS.map((r): Sample => ({ id: `4d_${r}`, inputs: [T([2, 3, 2, 2]), long([2, 2, 2], 0, 3)], args: { reduction: r } })),
      ...REDUCTIONS.map((r): Sample => ({ id: `5d_${r}`, inputs: [T([2, 3, 2, 1, 2]), long([2, 2, 1, 2], 0, 3), noGrad(T([3], { gen: uni(0.1, 2) }))], args: { reduction: r } })),
      { id: "1d_ignored", inputs: [T([5]), longOf([], [2])], args: { ignoreIndex: 2 } },
      { id: "all_ignored", inputs: [T([3, 4]), longOf([3], [-100, -100, -100])], args: {} },
      { id: "transposed", inputs: [T([5, 4], { make: tr }), long([4], 0, 5)], args: {} },
      { id: "float64", inputs: [T([4, 5], { dtype: "float64" }), long([4], 0, 5)], args: {} },
      { id: "many", inputs: [T([40, 3]), long([40], 0, 3)], args: {} },
      { id: "weight_positional", inputs: [T([4, 5]), long([4], 0, 5), noGrad(T([5], { gen: uni(0.1, 2) }))], args: { positional: true, reduction: "sum" } },
    ],
    errors: [
      { id: "target_dtype", inputs: [T([3, 5]), T([3])], args: {} },
      { id: "out_of_bounds", inputs: [T([3, 5]), longOf([3], [0, 1, 7])], args: {} },
      { id: "negative_target", inputs: [T([3, 5]), longOf([3], [0, -1, 2])], args: {} },
      { id: "batch", inputs: [T([3, 5]), long([2], 0, 5)], args: {} },
      { id: "weight_size", inputs: [T([3, 5]), long([3], 0, 5), noGrad(T([4]))], args: {} },
      { id: "0d", inputs: [T([]), longOf([], [0])], args: {} },
      { id: "3d_target", inputs: [T([2, 3, 4]), long([2, 5], 0, 3)], args: {} },
      { id: "reduction", inputs: [T([3, 5]), long([3], 0, 5)], args: { reduction: "avg" } },
    ],
  },
  {
    name: "nn.functional.crossEntropy",
    ts: (x, a) => (a.positional ? F.crossEntropy(x[0], x[1], x[2], a) : F.crossEntropy(x[0], x[1], { ...a, weight: x[2] ?? null })),
    py: "F.cross_entropy(x[0], x[1], *x[2:], **snake(a))",
    pyPrelude: SNAKE,
    samples: [
      ...REDUCTIONS.map((r): Sample => ({ id: `2d_${r}`, inputs: [T([4, 5], { gen: nrm(2) }), long([4], 0, 5)], args: { reduction: r } })),
      ...REDUCTIONS.map((r): Sample => ({ id: `1d_${r}`, inputs: [T([5], { gen: nrm(2) }), longOf([], [1])], args: { reduction: r } })),
      ...REDUCTIONS.map((r): Sample => ({ id: `weight_${r}`, inputs: [T([4, 5], { gen: nrm(2) }), long([4], 0, 5), noGrad(T([5], { gen: uni(0.1, 2) }))], args: { reduction: r } })),
      ...REDUCTIONS.map((r): Sample => ({ id: `ignore_${r}`, inputs: [T([5, 3]), longOf([5], [0, 2, 1, 1, 2])], args: { reduction: r, ignoreIndex: 2 } })),
      ...REDUCTIONS.map((r): Sample => ({ id: `3d_${r}`, inputs: [T([2, 3, 4]), long([2, 4], 0, 3)], args: { reduction: r } })),
      ...REDUCTIONS.map((r): Sample => ({ id: `4d_${r}`, inputs: [T([2, 3, 2, 2]), long([2, 2, 2], 0, 3)], args: { reduction: r } })),
      ...REDUCTIONS.map((r): Sample => ({ id: `smooth_${r}`, inputs: [T([4, 5], { gen: nrm(2) }), long([4], 0, 5)], args: { reduction: r, labelSmoothing: 0.1 } })),
      ...REDUCTIONS.map((r): Sample => ({ id: `smooth_weight_ignore_${r}`, inputs: [T([5, 3]), longOf([5], [0, 2, 1, 1, 2]), noGrad(T([3], { gen: uni(0.1, 2) }))], args: { reduction: r, labelSmoothing: 0.25, ignoreIndex: 1 } })),
      ...REDUCTIONS.map((r): Sample => ({ id: `smooth_ignore_${r}`, inputs: [T([5, 3]), longOf([5], [0, -100, 1, 1, 2])], args: { reduction: r, labelSmoothing: 0.3 } })),
      { id: "smooth_1d", inputs: [T([5]), longOf([], [4])], args: { labelSmoothing: 0.2 } },
      { id: "smooth_3d", inputs: [T([2, 3, 4]), long([2, 4], 0, 3)], args: { labelSmoothing: 0.2 } },
      { id: "smooth_1.0", inputs: [T([4, 5]), long([4], 0, 5)], args: { labelSmoothing: 1 } },
      ...REDUCTIONS.map((r): Sample => ({ id: `probs_${r}`, inputs: [T([4, 5], { gen: nrm(2) }), T([4, 5], { gen: uni(0, 1) })], args: { reduction: r } })),
      ...REDUCTIONS.map((r): Sample => ({ id: `probs_weight_${r}`, inputs: [T([4, 5], { gen: nrm(2) }), T([4, 5], { gen: uni(0, 1) }), T([5], { gen: uni(0.1, 2) })], args: { reduction: r } })),
      ...REDUCTIONS.map((r): Sample => ({ id: `probs_smooth_${r}`, inputs: [T([4, 5], { gen: nrm(2) }), T([4, 5], { gen: uni(0, 1) })], args: { reduction: r, labelSmoothing: 0.15 } })),
      { id: "probs_1d", inputs: [T([5]), T([5], { gen: uni(0, 1) })], args: {} },
      { id: "probs_3d", inputs: [T([2, 3, 4]), T([2, 3, 4], { gen: uni(0, 1) })], args: {} },
      { id: "transposed", inputs: [T([5, 4], { make: tr }), long([4], 0, 5)], args: {} },
      { id: "float64", inputs: [T([4, 5], { dtype: "float64" }), long([4], 0, 5)], args: {} },
      { id: "many", inputs: [T([33, 4], { gen: nrm(3) }), long([33], 0, 4)], args: {} },
      { id: "weight_positional", inputs: [T([4, 5], { gen: nrm(2) }), long([4], 0, 5), noGrad(T([5], { gen: uni(0.1, 2) }))], args: { positional: true, labelSmoothing: 0.1 } },
    ],
    errors: [
      { id: "target_dtype", inputs: [T([3, 5]), T([3])], args: {} },
      { id: "probs_dtype", inputs: [T([3, 5]), long([3, 5], 0, 1)], args: {} },
      { id: "probs_ignore_index", inputs: [T([3, 5]), T([3, 5], { gen: uni(0, 1) })], args: { ignoreIndex: 1 } },
      { id: "out_of_bounds", inputs: [T([3, 5]), longOf([3], [0, 1, 7])], args: {} },
      { id: "batch", inputs: [T([3, 5]), long([2], 0, 5)], args: {} },
      { id: "smoothing", inputs: [T([3, 5]), long([3], 0, 5)], args: { labelSmoothing: 1.5 } },
      { id: "weight_size", inputs: [T([3, 5]), long([3], 0, 5), noGrad(T([4]))], args: {} },
    ],
  },
];

// ---- embedding, one_hot, dropout, normalize, distances -------------------------------------------

const misc: OpInfo[] = [
  {
    name: "nn.functional.embedding",
    ts: (x, a) => (a.positional ? F.embedding(x[0], x[1], a.paddingIdx, a.maxNorm) : F.embedding(x[0], x[1], a)),
    py: "F.embedding(x[0], x[1], **snake(a))",
    pyPrelude: SNAKE,
    samples: [
      { id: "1d", inputs: [long([5], 0, 6), T([6, 3])], args: {} },
      { id: "2d", inputs: [long([2, 4], 0, 6), T([6, 3])], args: {} },
      { id: "0d", inputs: [longOf([], [2]), T([6, 3])], args: {} },
      { id: "repeats", inputs: [longOf([6], [1, 1, 4, 1, 0, 4]), T([5, 2])], args: {} },
      { id: "padding", inputs: [longOf([2, 3], [0, 2, 1, 2, 2, 3]), T([4, 3])], args: { paddingIdx: 2 } },
      { id: "padding_negative", inputs: [longOf([4], [0, 3, 1, 3]), T([4, 3])], args: { paddingIdx: -1 } },
      { id: "padding_positional", inputs: [longOf([2, 3], [0, 2, 1, 2, 2, 3]), T([4, 3])], args: { paddingIdx: 1, positional: true } },
      { id: "int32", inputs: [T([3], { dtype: "int32", values: [2, 0, 1] }), T([4, 3])], args: {} },
      { id: "weight_transposed", inputs: [long([5], 0, 4), T([3, 4], { make: tr })], args: {} },
      { id: "scale_grad_by_freq", inputs: [longOf([6], [1, 1, 4, 1, 0, 4]), T([5, 2])], args: { scaleGradByFreq: true } },
      { id: "max_norm", inputs: [longOf([4], [1, 3, 1, 0]), noGrad(T([5, 3], { gen: nrm(2) }))], args: { maxNorm: 1.0 } },
      { id: "max_norm_p1", inputs: [longOf([3], [4, 2, 2]), noGrad(T([5, 3], { gen: nrm(2) }))], args: { maxNorm: 1.5, normType: 1 } },
      { id: "float64", inputs: [long([5], 0, 6), T([6, 3], { dtype: "float64" })], args: {} },
    ],
    errors: [
      { id: "out_of_range", inputs: [longOf([3], [0, 6, 1]), T([6, 3])], args: {} },
      { id: "float_indices", inputs: [T([3]), T([6, 3])], args: {} },
      { id: "padding_range", inputs: [long([3], 0, 4), T([4, 3])], args: { paddingIdx: 4 } },
      { id: "padding_range_negative", inputs: [long([3], 0, 4), T([4, 3])], args: { paddingIdx: -5 } },
      { id: "weight_1d", inputs: [long([3], 0, 4), T([4])], args: {} },
    ],
  },
  {
    name: "nn.functional.oneHot",
    ts: (x, a) => F.oneHot(x[0], a.numClasses),
    py: "F.one_hot(x[0], **snake(a))",
    pyPrelude: SNAKE,
    differentiable: false,
    samples: [
      { id: "1d", inputs: [long([5], 0, 4)], args: {} },
      { id: "2d", inputs: [long([2, 3], 0, 4)], args: { numClasses: 6 } },
      { id: "0d", inputs: [longOf([], [2])], args: { numClasses: 3 } },
      { id: "transposed", inputs: [long([3, 2], 0, 4, { make: tr })], args: {} },
      { id: "empty", inputs: [long([0], 0, 4)], args: { numClasses: 3 } },
    ],
    errors: [
      { id: "float", inputs: [T([3])], args: {} },
      { id: "negative", inputs: [longOf([3], [0, -1, 2])], args: {} },
      { id: "too_small", inputs: [longOf([3], [0, 5, 2])], args: { numClasses: 4 } },
      { id: "empty_infer", inputs: [long([0], 0, 4)], args: {} },
    ],
  },
  {
    name: "nn.functional.dropout",
    ts: (x, a) => F.dropout(x[0], a),
    py: "F.dropout(x[0], **snake(a))",
    pyPrelude: SNAKE,
    samples: [
      { id: "eval", inputs: [T([3, 4])], args: { p: 0.5, training: false } },
      { id: "p0", inputs: [T([3, 4])], args: { p: 0 } },
      { id: "p1", inputs: [T([3, 4])], args: { p: 1 } },
      { id: "empty", inputs: [T([0, 4])], args: { p: 0.3 } },
    ],
    errors: [
      { id: "p_negative", inputs: [T([3])], args: { p: -0.1 } },
      { id: "p_big", inputs: [T([3])], args: { p: 1.5 } },
    ],
  },
  {
    name: "nn.functional.normalize",
    ts: (x, a) => F.normalize(x[0], a),
    py: "F.normalize(x[0], **snake(a))",
    pyPrelude: SNAKE,
    samples: [
      { id: "default", inputs: [T([3, 4])], args: {} },
      { id: "dim0", inputs: [T([3, 4])], args: { dim: 0 } },
      { id: "p1", inputs: [T([3, 4])], args: { p: 1, dim: -1 } },
      { id: "p3", inputs: [T([2, 3, 4])], args: { p: 3, dim: 2 } },
      { id: "1d", inputs: [T([5])], args: { dim: 0 } },
      { id: "zero_row", inputs: [T([2, 3], { values: [0, 0, 0, 1, 2, 3] })], args: {}, gradcheck: "the clamped norm of an all-zero row is not differentiable at 0" },
      { id: "eps", inputs: [T([3, 4], { gen: nrm(0.01) })], args: { eps: 0.5 } },
      { id: "transposed", inputs: [T([4, 3], { make: tr })], args: {} },
      { id: "float64", inputs: [T([3, 4], { dtype: "float64" })], args: {} },
    ],
    errors: [{ id: "dim", inputs: [T([3, 4])], args: { dim: 2 } }],
  },
  {
    name: "nn.functional.cosineSimilarity",
    ts: (x, a) => F.cosineSimilarity(x[0], x[1], a),
    py: "F.cosine_similarity(x[0], x[1], **snake(a))",
    pyPrelude: SNAKE,
    samples: [
      { id: "default", inputs: [T([3, 4]), T([3, 4])], args: {} },
      { id: "dim0", inputs: [T([3, 4]), T([3, 4])], args: { dim: 0 } },
      { id: "dim_neg", inputs: [T([2, 3, 4]), T([2, 3, 4])], args: { dim: -1 } },
      { id: "1d", inputs: [T([5]), T([5])], args: { dim: 0 } },
      { id: "broadcast", inputs: [T([3, 4]), T([4])], args: { dim: -1 } },
      // x1's norms are clamped to eps: 2.x differentiates through the unclamped norm (clone, then clamp_min_
      // under no_grad), 1.13 through the clamped one, so only x2 (whose norms are not clamped) takes a gradient
      { id: "eps", inputs: [noGrad(T([3, 4], { gen: nrm(0.01) })), T([3, 4])], args: { eps: 0.5 } },
      { id: "transposed", inputs: [T([4, 3], { make: tr }), T([3, 4])], args: {} },
      { id: "float64", inputs: [T([3, 4], { dtype: "float64" }), T([3, 4], { dtype: "float64" })], args: {} },
      { id: "int_other", inputs: [T([3, 4]), T([3, 4], { dtype: "int64" })], args: {} },
    ],
    errors: [
      { id: "int", inputs: [T([3], { dtype: "int64" }), T([3], { dtype: "int64" })], args: { dim: 0 } },
      { id: "dim", inputs: [T([3, 4]), T([3, 4])], args: { dim: 3 } },
    ],
  },
  {
    name: "nn.functional.pairwiseDistance",
    ts: (x, a) => F.pairwiseDistance(x[0], x[1], a),
    py: "F.pairwise_distance(x[0], x[1], **snake(a))",
    pyPrelude: SNAKE,
    samples: [
      { id: "default", inputs: [T([3, 4]), T([3, 4])], args: {} },
      { id: "p1", inputs: [T([3, 4]), T([3, 4])], args: { p: 1 } },
      { id: "p3", inputs: [T([3, 4]), T([3, 4])], args: { p: 3 } },
      { id: "pinf", inputs: [T([3, 4]), T([3, 4])], args: { p: Infinity } },
      { id: "keepdim", inputs: [T([3, 4]), T([3, 4])], args: { keepdim: true } },
      { id: "eps", inputs: [T([3, 4]), T([3, 4])], args: { eps: 0.1 } },
      { id: "1d", inputs: [T([5]), T([5])], args: {} },
      { id: "3d", inputs: [T([2, 3, 4]), T([2, 3, 4])], args: {} },
      { id: "broadcast", inputs: [T([3, 4]), T([4])], args: {} },
      { id: "transposed", inputs: [T([4, 3], { make: tr }), T([3, 4])], args: {} },
      { id: "float64", inputs: [T([3, 4], { dtype: "float64" }), T([3, 4], { dtype: "float64" })], args: {} },
    ],
    errors: [{ id: "shape", inputs: [T([3, 4]), T([3, 5])], args: {} }],
  },
];

// ---- convolution -------------------------------------------------------------------------------------

const CONV = `${SNAKE}\ndef conv_args(a):\n    return snake(a)`;

const convs: OpInfo[] = [
  {
    name: "nn.functional.conv2d",
    ts: (x, a) => (a.positional ? F.conv2d(x[0], x[1], x[2] ?? null, a.stride, a.padding, a.dilation, a.groups) : F.conv2d(x[0], x[1], x[2] ?? null, a)),
    py: "F.conv2d(x[0], x[1], *x[2:], **conv_args(a))",
    pyPrelude: CONV,
    samples: [
      { id: "basic", inputs: [T([2, 3, 5, 5]), T([4, 3, 3, 3]), T([4])], args: {} },
      { id: "nobias", inputs: [T([2, 3, 5, 5]), T([4, 3, 3, 3])], args: {} },
      { id: "stride_padding", inputs: [T([2, 3, 6, 7]), T([4, 3, 3, 3]), T([4])], args: { stride: 2, padding: 1 } },
      { id: "tuples", inputs: [T([1, 2, 7, 6]), T([3, 2, 3, 2]), T([3])], args: { stride: [2, 1], padding: [1, 0], dilation: [1, 2] } },
      { id: "dilation", inputs: [T([2, 2, 7, 7]), T([3, 2, 3, 3])], args: { dilation: 2 } },
      { id: "groups", inputs: [T([2, 4, 5, 5]), T([6, 2, 3, 3]), T([6])], args: { groups: 2, padding: 1 } },
      { id: "depthwise", inputs: [T([1, 3, 5, 4]), T([3, 1, 2, 2]), T([3])], args: { groups: 3 } },
      { id: "unbatched", inputs: [T([3, 5, 5]), T([4, 3, 3, 3]), T([4])], args: { padding: 1 } },
      { id: "same", inputs: [T([2, 3, 5, 6]), T([4, 3, 3, 3]), T([4])], args: { padding: "same" } },
      { id: "same_even", inputs: [T([1, 2, 5, 5]), T([2, 2, 2, 4])], args: { padding: "same" } },
      { id: "same_dilated", inputs: [T([1, 2, 6, 6]), T([2, 2, 3, 2])], args: { padding: "same", dilation: 2 } },
      { id: "valid", inputs: [T([1, 2, 5, 5]), T([2, 2, 3, 3])], args: { padding: "valid" } },
      { id: "1x1", inputs: [T([2, 3, 4, 4]), T([5, 3, 1, 1]), T([5])], args: {} },
      { id: "full_kernel", inputs: [T([2, 3, 3, 3]), T([4, 3, 3, 3]), T([4])], args: {} },
      { id: "big_padding", inputs: [T([1, 1, 3, 3]), T([1, 1, 2, 2])], args: { padding: 3, stride: 2 } },
      { id: "transposed_input", inputs: [T([2, 3, 6, 5], { make: [["transpose", 2, 3]] }), T([4, 3, 3, 3]), T([4])], args: {} },
      { id: "strided_weight", inputs: [T([2, 3, 5, 5]), T([4, 3, 3, 6], { make: [["slice", 3, 0, 6, 2]] })], args: {} },
      { id: "positional", inputs: [T([2, 3, 6, 6]), T([4, 3, 3, 3]), T([4])], args: { positional: true, stride: 2, padding: 1, dilation: 1, groups: 1 } },
      { id: "float64", inputs: [T([2, 3, 5, 5], { dtype: "float64" }), T([4, 3, 3, 3], { dtype: "float64" }), T([4], { dtype: "float64" })], args: { padding: 1 } },
      { id: "weight_only", inputs: [noGrad(T([2, 3, 5, 5])), T([4, 3, 3, 3]), noGrad(T([4]))], args: {} },
      { id: "empty_batch", inputs: [T([0, 3, 5, 5]), T([4, 3, 3, 3]), T([4])], args: {} },
    ],
    errors: [
      { id: "input_dims", inputs: [T([2, 3]), T([4, 3, 3, 3])], args: {} },
      { id: "channels", inputs: [T([1, 2, 5, 5]), T([4, 3, 3, 3])], args: {} },
      { id: "kernel_too_big", inputs: [T([1, 3, 2, 2]), T([4, 3, 3, 3])], args: {} },
      { id: "bias_size", inputs: [T([1, 3, 5, 5]), T([4, 3, 3, 3]), T([3])], args: {} },
      { id: "groups_weight", inputs: [T([1, 4, 5, 5]), T([3, 2, 3, 3])], args: { groups: 2 } },
      { id: "groups_channels", inputs: [T([1, 3, 5, 5]), T([4, 3, 3, 3])], args: { groups: 2 } },
      { id: "stride0", inputs: [T([1, 3, 5, 5]), T([4, 3, 3, 3])], args: { stride: 0 } },
      { id: "negative_padding", inputs: [T([1, 3, 5, 5]), T([4, 3, 3, 3])], args: { padding: -1 } },
      { id: "dilation0", inputs: [T([1, 3, 5, 5]), T([4, 3, 3, 3])], args: { dilation: 0 } },
      { id: "same_strided", inputs: [T([1, 3, 5, 5]), T([4, 3, 3, 3])], args: { padding: "same", stride: 2 } },
      { id: "bad_padding_string", inputs: [T([1, 3, 5, 5]), T([4, 3, 3, 3])], args: { padding: "foo" } },
      { id: "weight_dims", inputs: [T([1, 3, 5, 5]), T([4, 3, 3])], args: {} },
      { id: "stride_length", inputs: [T([1, 3, 5, 5]), T([4, 3, 3, 3])], args: { stride: [1, 2, 3] } },
      { id: "dtype", inputs: [T([1, 3, 5, 5]), T([4, 3, 3, 3], { dtype: "float64" })], args: {} },
    ],
  },
  {
    name: "nn.functional.conv1d",
    ts: (x, a) => (a.positional ? F.conv1d(x[0], x[1], x[2] ?? null, a.stride, a.padding, a.dilation, a.groups) : F.conv1d(x[0], x[1], x[2] ?? null, a)),
    py: "F.conv1d(x[0], x[1], *x[2:], **conv_args(a))",
    pyPrelude: CONV,
    samples: [
      { id: "basic", inputs: [T([2, 3, 7]), T([4, 3, 3]), T([4])], args: {} },
      { id: "nobias", inputs: [T([2, 3, 7]), T([4, 3, 3])], args: {} },
      { id: "stride_padding", inputs: [T([2, 3, 8]), T([4, 3, 3]), T([4])], args: { stride: 2, padding: 1 } },
      { id: "dilation", inputs: [T([1, 2, 9]), T([3, 2, 3])], args: { dilation: 3 } },
      { id: "groups", inputs: [T([2, 4, 6]), T([4, 2, 2]), T([4])], args: { groups: 2 } },
      { id: "unbatched", inputs: [T([3, 7]), T([4, 3, 3]), T([4])], args: { padding: 2 } },
      { id: "same", inputs: [T([2, 3, 6]), T([2, 3, 4])], args: { padding: "same" } },
      { id: "tuple", inputs: [T([2, 3, 9]), T([2, 3, 3])], args: { stride: [2], padding: [1] } },
      { id: "transposed_input", inputs: [T([2, 7, 3], { make: [["transpose", 1, 2]] }), T([4, 3, 3])], args: {} },
      { id: "positional", inputs: [T([2, 3, 9]), T([2, 3, 3]), T([2])], args: { positional: true, stride: 2, padding: 1, dilation: 2, groups: 1 } },
      { id: "float64", inputs: [T([2, 3, 7], { dtype: "float64" }), T([4, 3, 3], { dtype: "float64" }), T([4], { dtype: "float64" })], args: {} },
    ],
    errors: [
      { id: "input_dims", inputs: [T([1, 3, 5, 5]), T([4, 3, 3])], args: {} },
      { id: "input_1d", inputs: [T([3]), T([4, 3, 3])], args: {} },
      { id: "channels", inputs: [T([1, 2, 5]), T([4, 3, 3])], args: {} },
      { id: "kernel_too_big", inputs: [T([1, 3, 2]), T([4, 3, 3])], args: {} },
    ],
  },
  {
    name: "nn.functional.convTranspose2d",
    ts: (x, a) => (a.positional ? F.convTranspose2d(x[0], x[1], x[2] ?? null, a.stride, a.padding, a.outputPadding, a.groups, a.dilation) : F.convTranspose2d(x[0], x[1], x[2] ?? null, a)),
    py: "F.conv_transpose2d(x[0], x[1], *x[2:], **conv_args(a))",
    pyPrelude: CONV,
    samples: [
      { id: "basic", inputs: [T([2, 3, 4, 4]), T([3, 2, 3, 3]), T([2])], args: {} },
      { id: "nobias", inputs: [T([2, 3, 4, 4]), T([3, 2, 3, 3])], args: {} },
      { id: "stride", inputs: [T([1, 2, 3, 4]), T([2, 3, 3, 3]), T([3])], args: { stride: 2 } },
      { id: "stride_padding_output_padding", inputs: [T([2, 2, 3, 3]), T([2, 3, 3, 3]), T([3])], args: { stride: 2, padding: 1, outputPadding: 1 } },
      { id: "tuples", inputs: [T([1, 2, 3, 4]), T([2, 2, 2, 3])], args: { stride: [2, 3], padding: [0, 1], outputPadding: [1, 0], dilation: [1, 2] } },
      { id: "dilation", inputs: [T([1, 2, 4, 4]), T([2, 3, 3, 3])], args: { dilation: 2 } },
      { id: "groups", inputs: [T([2, 4, 3, 3]), T([4, 3, 2, 2]), T([6])], args: { groups: 2, stride: 2 } },
      { id: "unbatched", inputs: [T([3, 4, 4]), T([3, 2, 3, 3]), T([2])], args: { padding: 1 } },
      { id: "transposed_input", inputs: [T([2, 3, 5, 4], { make: [["transpose", 2, 3]] }), T([3, 2, 3, 3])], args: {} },
      { id: "positional", inputs: [T([1, 2, 3, 3]), T([2, 2, 3, 3]), T([2])], args: { positional: true, stride: 2, padding: 1, outputPadding: 1, groups: 1, dilation: 1 } },
      { id: "float64", inputs: [T([2, 3, 4, 4], { dtype: "float64" }), T([3, 2, 3, 3], { dtype: "float64" }), T([2], { dtype: "float64" })], args: { stride: 2 } },
    ],
    errors: [
      { id: "channels", inputs: [T([1, 3, 5, 5]), T([4, 3, 3, 3])], args: {} },
      { id: "output_padding", inputs: [T([1, 3, 5, 5]), T([3, 4, 3, 3])], args: { outputPadding: 1 } },
      { id: "output_padding_strided", inputs: [T([1, 3, 5, 5]), T([3, 4, 3, 3])], args: { stride: 2, outputPadding: 2 } },
      { id: "input_dims", inputs: [T([3, 5]), T([3, 4, 3, 3])], args: {} },
      { id: "bias_size", inputs: [T([1, 3, 5, 5]), T([3, 4, 3, 3]), T([3])], args: {} },
    ],
  },
];

// ---- pooling -----------------------------------------------------------------------------------------

const POOL = `${SNAKE}\ndef pool_args(a):\n    return snake(a)`;
const tiesValues = [1, 1, 0, 2, 2, 2, 3, 3, 0, 3, 1, 1, 5, 0, 5, 5];

const pools: OpInfo[] = [
  {
    name: "nn.functional.maxPool2d",
    ts: (x, a) => F.maxPool2d(x[0], a.kernelSize, a),
    py: "F.max_pool2d(x[0], **pool_args(a))",
    pyPrelude: POOL,
    samples: [
      { id: "basic", inputs: [T([2, 3, 6, 6])], args: { kernelSize: 2 } },
      { id: "stride_padding", inputs: [T([2, 2, 7, 6])], args: { kernelSize: 3, stride: 2, padding: 1 } },
      { id: "rect", inputs: [T([1, 2, 6, 7])], args: { kernelSize: [2, 3], stride: [1, 2] } },
      { id: "dilation", inputs: [T([1, 2, 7, 7])], args: { kernelSize: 2, dilation: 2 } },
      { id: "ceil", inputs: [T([1, 2, 7, 7])], args: { kernelSize: 2, ceilMode: true } },
      { id: "ceil_padding", inputs: [T([1, 1, 6, 6])], args: { kernelSize: 3, stride: 2, padding: 1, ceilMode: true } },
      { id: "unbatched", inputs: [T([3, 5, 5])], args: { kernelSize: 2 } },
      { id: "indices", inputs: [T([2, 2, 5, 5])], args: { kernelSize: 3, stride: 1, padding: 1, returnIndices: true } },
      { id: "ties", inputs: [T([1, 1, 4, 4], { values: tiesValues })], args: { kernelSize: 2, returnIndices: true }, gradcheck: "ties: the max is not differentiable there" },
      { id: "nan", inputs: [T([1, 1, 2, 4], { values: [1, "nan", 2, 3, 4, 5, "nan", "nan"] })], args: { kernelSize: 2, returnIndices: true }, gradcheck: "NaN input" },
      { id: "transposed", inputs: [T([2, 3, 6, 5], { make: [["transpose", 2, 3]] })], args: { kernelSize: 2 } },
      { id: "float64", inputs: [T([2, 3, 6, 6], { dtype: "float64" })], args: { kernelSize: 3, stride: 2 } },
      { id: "positional", inputs: [T([1, 2, 6, 6])], args: { kernelSize: 3, stride: 2, padding: 1 } },
    ],
    errors: [
      { id: "kernel0", inputs: [T([1, 2, 5, 5])], args: { kernelSize: 0 } },
      { id: "stride0", inputs: [T([1, 2, 5, 5])], args: { kernelSize: 2, stride: 0 } },
      { id: "padding", inputs: [T([1, 2, 5, 5])], args: { kernelSize: 3, padding: 2 } },
      { id: "dilation0", inputs: [T([1, 2, 5, 5])], args: { kernelSize: 2, dilation: 0 } },
      { id: "dims", inputs: [T([2, 3])], args: { kernelSize: 2 } },
      { id: "too_small", inputs: [T([1, 1, 1, 1])], args: { kernelSize: 2 } },
      { id: "kernel_tuple", inputs: [T([1, 2, 5, 5])], args: { kernelSize: [2, 2, 2] } },
      { id: "int", inputs: [T([1, 2, 4, 4], { dtype: "int64" })], args: { kernelSize: 2 } },
    ],
  },
  {
    name: "nn.functional.maxPool1d",
    ts: (x, a) => F.maxPool1d(x[0], a.kernelSize, a),
    py: "F.max_pool1d(x[0], **pool_args(a))",
    pyPrelude: POOL,
    samples: [
      { id: "basic", inputs: [T([2, 3, 8])], args: { kernelSize: 2 } },
      { id: "stride_padding", inputs: [T([2, 3, 9])], args: { kernelSize: 3, stride: 2, padding: 1 } },
      { id: "dilation", inputs: [T([1, 2, 9])], args: { kernelSize: 3, dilation: 2 } },
      { id: "ceil", inputs: [T([1, 2, 9])], args: { kernelSize: 2, ceilMode: true } },
      { id: "unbatched", inputs: [T([3, 8])], args: { kernelSize: 3 } },
      { id: "indices", inputs: [T([2, 3, 8])], args: { kernelSize: 3, stride: 2, returnIndices: true } },
      { id: "nograd", inputs: [noGrad(T([2, 3, 8]))], args: { kernelSize: 2 } },
      { id: "nograd_empty_output", inputs: [noGrad(T([2, 3, 1]))], args: { kernelSize: 2 } },
      { id: "transposed", inputs: [T([2, 8, 3], { make: [["transpose", 1, 2]] })], args: { kernelSize: 2 } },
      { id: "float64", inputs: [T([2, 3, 8], { dtype: "float64" })], args: { kernelSize: 2, stride: 1 } },
    ],
    errors: [
      { id: "kernel0", inputs: [T([2, 3, 4])], args: { kernelSize: 0 } },
      { id: "padding", inputs: [T([2, 3, 4])], args: { kernelSize: 3, padding: 2 } },
      { id: "kernel0_nograd", inputs: [noGrad(T([2, 3, 4]))], args: { kernelSize: 0 } },
      { id: "padding_nograd", inputs: [noGrad(T([2, 3, 4]))], args: { kernelSize: 3, padding: 2 } },
      { id: "dims_1d", inputs: [T([3])], args: { kernelSize: 2 } },
      { id: "dims_4d", inputs: [T([2, 3, 4, 5])], args: { kernelSize: 2 } },
      { id: "int", inputs: [T([2, 3, 4], { dtype: "int64" })], args: { kernelSize: 2 } },
    ],
  },
  {
    name: "nn.functional.avgPool2d",
    ts: (x, a) => F.avgPool2d(x[0], a.kernelSize, a),
    py: "F.avg_pool2d(x[0], **pool_args(a))",
    pyPrelude: POOL,
    samples: [
      { id: "basic", inputs: [T([2, 3, 6, 6])], args: { kernelSize: 2 } },
      { id: "stride_padding", inputs: [T([2, 2, 7, 6])], args: { kernelSize: 3, stride: 2, padding: 1 } },
      { id: "exclude_pad", inputs: [T([2, 2, 7, 6])], args: { kernelSize: 3, stride: 2, padding: 1, countIncludePad: false } },
      { id: "ceil", inputs: [T([1, 2, 7, 7])], args: { kernelSize: 3, stride: 2, ceilMode: true } },
      { id: "ceil_padding", inputs: [T([1, 2, 6, 6])], args: { kernelSize: 3, stride: 2, padding: 1, ceilMode: true } },
      { id: "ceil_exclude_pad", inputs: [T([1, 2, 6, 6])], args: { kernelSize: 3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false } },
      { id: "divisor", inputs: [T([1, 2, 6, 6])], args: { kernelSize: 2, divisorOverride: 3 } },
      { id: "rect", inputs: [T([1, 2, 6, 7])], args: { kernelSize: [2, 3], stride: [1, 2] } },
      { id: "unbatched", inputs: [T([3, 5, 5])], args: { kernelSize: 2 } },
      { id: "transposed", inputs: [T([2, 3, 6, 5], { make: [["transpose", 2, 3]] })], args: { kernelSize: 2 } },
      { id: "float64", inputs: [T([2, 3, 6, 6], { dtype: "float64" })], args: { kernelSize: 3, stride: 1, padding: 1 } },
      { id: "int64", inputs: [T([1, 2, 4, 4], { dtype: "int64", gen: { kind: "int", low: -20, high: 20 } })], args: { kernelSize: 2 } },
    ],
    errors: [
      { id: "kernel0", inputs: [T([1, 2, 5, 5])], args: { kernelSize: 0 } },
      { id: "padding", inputs: [T([1, 2, 5, 5])], args: { kernelSize: 3, padding: 2 } },
      { id: "stride0", inputs: [T([1, 2, 5, 5])], args: { kernelSize: 2, stride: 0 } },
      { id: "divisor0", inputs: [T([1, 2, 5, 5])], args: { kernelSize: 2, divisorOverride: 0 } },
      { id: "dims", inputs: [T([2, 3])], args: { kernelSize: 2 } },
      { id: "too_small", inputs: [T([1, 1, 1, 1])], args: { kernelSize: 2 } },
    ],
  },
  {
    name: "nn.functional.avgPool1d",
    ts: (x, a) => F.avgPool1d(x[0], a.kernelSize, a),
    py: "F.avg_pool1d(x[0], **pool_args(a))",
    pyPrelude: POOL,
    samples: [
      { id: "basic", inputs: [T([2, 3, 8])], args: { kernelSize: 2 } },
      { id: "stride_padding", inputs: [T([2, 3, 9])], args: { kernelSize: 3, stride: 2, padding: 1 } },
      { id: "exclude_pad", inputs: [T([2, 3, 9])], args: { kernelSize: 3, stride: 2, padding: 1, countIncludePad: false } },
      { id: "ceil", inputs: [T([1, 2, 9])], args: { kernelSize: 2, ceilMode: true } },
      { id: "unbatched", inputs: [T([3, 8])], args: { kernelSize: 3 } },
      { id: "transposed", inputs: [T([2, 8, 3], { make: [["transpose", 1, 2]] })], args: { kernelSize: 2 } },
      { id: "float64", inputs: [T([2, 3, 8], { dtype: "float64" })], args: { kernelSize: 2, stride: 1 } },
    ],
    errors: [
      { id: "padding", inputs: [T([2, 3, 4])], args: { kernelSize: 3, padding: 2 } },
      { id: "dims", inputs: [T([3])], args: { kernelSize: 2 } },
      { id: "too_small", inputs: [T([2, 3, 1])], args: { kernelSize: 2 } },
    ],
  },
  {
    name: "nn.functional.adaptiveAvgPool2d",
    ts: (x, a) => F.adaptiveAvgPool2d(x[0], a.outputSize),
    py: "F.adaptive_avg_pool2d(x[0], a['outputSize'])",
    samples: [
      { id: "global", inputs: [T([2, 3, 5, 4])], args: { outputSize: 1 } },
      { id: "global_tuple", inputs: [T([2, 3, 5, 4])], args: { outputSize: [1, 1] } },
      { id: "even", inputs: [T([2, 3, 6, 4])], args: { outputSize: [3, 2] } },
      { id: "uneven", inputs: [T([2, 2, 7, 5])], args: { outputSize: 3 } },
      { id: "upsample", inputs: [T([1, 2, 3, 2])], args: { outputSize: [5, 4] } },
      { id: "none", inputs: [T([1, 2, 5, 4])], args: { outputSize: [null, 2] } },
      { id: "unbatched", inputs: [T([3, 5, 5])], args: { outputSize: 2 } },
      { id: "transposed", inputs: [T([2, 3, 6, 5], { make: [["transpose", 2, 3]] })], args: { outputSize: 2 } },
      { id: "float64", inputs: [T([2, 3, 6, 6], { dtype: "float64" })], args: { outputSize: [4, 3] } },
    ],
    errors: [
      { id: "dims", inputs: [T([2, 3])], args: { outputSize: 2 } },
      { id: "output_size", inputs: [T([1, 2, 4, 4])], args: { outputSize: [2, 2, 2] } },
      { id: "negative", inputs: [T([1, 2, 4, 4])], args: { outputSize: [-1, 2] } },
      { id: "int", inputs: [T([1, 2, 4, 4], { dtype: "int64" })], args: { outputSize: 2 } },
    ],
  },
];

// ---- normalization -----------------------------------------------------------------------------------

const norms: OpInfo[] = [
  {
    name: "nn.functional.batchNorm",
    // the running statistics are updated in place: with `stats` the outputs include them after the call
    ts: (x, a) => {
      const rm = x.length > 1 ? x[1] : null;
      const rv = x.length > 1 ? x[2] : null;
      const out = a.positional
        ? F.batchNorm(x[0], rm, rv, a.affine ? x[3] : null, a.affine ? x[4] : null, a.training, a.momentum, a.eps)
        : F.batchNorm(x[0], rm, rv, { ...a, weight: a.affine ? x[3] : null, bias: a.affine ? x[4] : null });
      return a.stats ? [out, rm, rv] : out;
    },
    py: "bn(x, a)",
    pyPrelude: `${SNAKE}
def bn(x, a):
    a = dict(a)
    affine = a.pop('affine', False)
    stats = a.pop('stats', False)
    rm, rv = (x[1], x[2]) if len(x) > 1 else (None, None)
    w, b = (x[3], x[4]) if affine else (None, None)
    o = F.batch_norm(x[0], rm, rv, w, b, **snake(a))
    return (o, rm, rv) if stats else o`,
    samples: [
      { id: "train_2d", inputs: [T([4, 3]), noGrad(T([3])), noGrad(T([3], { gen: uni(0.5, 2) }))], args: { training: true } },
      { id: "train_stats", inputs: [T([4, 3]), noGrad(T([3])), noGrad(T([3], { gen: uni(0.5, 2) }))], args: { training: true, stats: true }, gradcheck: "the running statistics change on every call" },
      { id: "train_4d_affine", inputs: [T([2, 3, 2, 2]), noGrad(T([3])), noGrad(T([3], { gen: uni(0.5, 2) })), T([3]), T([3])], args: { training: true, affine: true } },
      { id: "train_4d_stats_momentum", inputs: [T([2, 3, 2, 2]), noGrad(T([3])), noGrad(T([3], { gen: uni(0.5, 2) })), T([3]), T([3])], args: { training: true, affine: true, momentum: 0.3, eps: 0.01, stats: true }, gradcheck: "the running statistics change on every call" },
      { id: "train_3d", inputs: [T([3, 2, 4]), noGrad(T([2])), noGrad(T([2], { gen: uni(0.5, 2) }))], args: { training: true } },
      { id: "positional", inputs: [T([2, 3, 2, 2]), noGrad(T([3])), noGrad(T([3], { gen: uni(0.5, 2) })), T([3]), T([3])], args: { positional: true, affine: true, training: true, momentum: 0.2, eps: 0.001, stats: true }, gradcheck: "the running statistics change on every call" },
      { id: "train_no_stats", inputs: [T([4, 3])], args: { training: true } },
      { id: "eval_2d", inputs: [T([4, 3]), noGrad(T([3])), noGrad(T([3], { gen: uni(0.5, 2) }))], args: { training: false } },
      { id: "eval_4d_affine", inputs: [T([2, 3, 2, 2]), noGrad(T([3])), noGrad(T([3], { gen: uni(0.5, 2) })), T([3]), T([3])], args: { affine: true } },
      { id: "train_transposed", inputs: [T([3, 5], { make: tr }), noGrad(T([3])), noGrad(T([3], { gen: uni(0.5, 2) }))], args: { training: true } },
      { id: "train_float64", inputs: [T([4, 3], { dtype: "float64" }), noGrad(T([3], { dtype: "float64" })), noGrad(T([3], { dtype: "float64", gen: uni(0.5, 2) })), T([3], { dtype: "float64" }), T([3], { dtype: "float64" })], args: { training: true, affine: true, stats: true }, gradcheck: "the running statistics change on every call" },
      { id: "train_float64_grad", inputs: [T([5, 2, 3], { dtype: "float64" }), noGrad(T([2], { dtype: "float64" })), noGrad(T([2], { dtype: "float64", gen: uni(0.5, 2) })), T([2], { dtype: "float64" }), T([2], { dtype: "float64" })], args: { training: true, affine: true } },
    ],
    errors: [
      { id: "one_value", inputs: [T([1, 3]), noGrad(T([3])), noGrad(T([3]))], args: { training: true } },
      { id: "eval_no_stats", inputs: [T([4, 3])], args: {} },
      { id: "stats_size", inputs: [T([4, 3]), noGrad(T([4])), noGrad(T([4]))], args: { training: true } },
      { id: "weight_size", inputs: [T([4, 3]), noGrad(T([3])), noGrad(T([3])), T([4]), T([4])], args: { training: true, affine: true } },
      { id: "int", inputs: [T([4, 3], { dtype: "int64" }), noGrad(T([3])), noGrad(T([3]))], args: { training: true } },
    ],
  },
  {
    name: "nn.functional.layerNorm",
    ts: (x, a) => F.layerNorm(x[0], a.normalizedShape, { ...a, weight: x[1] ?? null, bias: x[2] ?? null }),
    py: "F.layer_norm(x[0], a['normalizedShape'], *x[1:], **{k: v for k, v in snake(a).items() if k != 'normalized_shape'})",
    pyPrelude: SNAKE,
    samples: [
      { id: "2d", inputs: [T([4, 5])], args: { normalizedShape: [5] } },
      { id: "affine", inputs: [T([4, 5]), T([5]), T([5])], args: { normalizedShape: [5] } },
      { id: "3d_two_dims", inputs: [T([2, 3, 4]), T([3, 4]), T([3, 4])], args: { normalizedShape: [3, 4] } },
      { id: "1d", inputs: [T([6]), T([6]), T([6])], args: { normalizedShape: [6] } },
      { id: "weight_only", inputs: [T([3, 4]), T([4])], args: { normalizedShape: [4] } },
      { id: "eps", inputs: [T([3, 4], { gen: nrm(0.05) }), T([4]), T([4])], args: { normalizedShape: [4], eps: 0.01 } },
      { id: "transposed", inputs: [T([4, 3], { make: tr }), T([4]), T([4])], args: { normalizedShape: [4] } },
      { id: "float64", inputs: [T([3, 4], { dtype: "float64" }), T([4], { dtype: "float64" }), T([4], { dtype: "float64" })], args: { normalizedShape: [4] } },
    ],
    errors: [
      { id: "shape", inputs: [T([2, 3])], args: { normalizedShape: [4] } },
      { id: "weight", inputs: [T([2, 3]), T([4])], args: { normalizedShape: [3] } },
      { id: "too_many", inputs: [T([2, 3])], args: { normalizedShape: [2, 3, 4] } },
      { id: "int_shape", inputs: [T([2, 5])], args: { normalizedShape: 5 } },
    ],
  },
  {
    name: "nn.functional.groupNorm",
    ts: (x, a) => F.groupNorm(x[0], a.numGroups, { ...a, weight: x[1] ?? null, bias: x[2] ?? null }),
    py: "F.group_norm(x[0], a['numGroups'], *x[1:], **{k: v for k, v in snake(a).items() if k != 'num_groups'})",
    pyPrelude: SNAKE,
    samples: [
      { id: "3d", inputs: [T([2, 4, 3])], args: { numGroups: 2 } },
      { id: "4d_affine", inputs: [T([2, 6, 2, 2]), T([6]), T([6])], args: { numGroups: 3 } },
      { id: "one_group", inputs: [T([2, 3, 4]), T([3]), T([3])], args: { numGroups: 1 } },
      { id: "per_channel", inputs: [T([2, 3, 4]), T([3]), T([3])], args: { numGroups: 3 } },
      { id: "2d", inputs: [T([3, 4])], args: { numGroups: 2 } },
      { id: "eps", inputs: [T([2, 4, 3], { gen: nrm(0.05) }), T([4]), T([4])], args: { numGroups: 2, eps: 0.01 } },
      { id: "transposed", inputs: [T([2, 3, 4], { make: [["transpose", 1, 2]] }), T([4]), T([4])], args: { numGroups: 2 } },
      { id: "float64", inputs: [T([2, 4, 3], { dtype: "float64" }), T([4], { dtype: "float64" }), T([4], { dtype: "float64" })], args: { numGroups: 2 } },
    ],
    errors: [
      { id: "divisible", inputs: [T([2, 3, 4])], args: { numGroups: 2 } },
      { id: "one_value", inputs: [T([1, 2])], args: { numGroups: 2 } },
      { id: "weight", inputs: [T([2, 4]), T([3])], args: { numGroups: 2 } },
      { id: "1d", inputs: [T([3])], args: { numGroups: 1 } },
    ],
    // 2.x's F.group_norm checks the rank first (1.13 fails inside input.size(1))
    torch2: { "1d": { name: "RuntimeError", message: "Expected at least 2 dimensions for input tensor but received 1" } },
  },
];

export const ops: OpInfo[] = [...activations, ...softmaxes, ...linears, ...losses, ...misc, ...convs, ...pools, ...norms];
