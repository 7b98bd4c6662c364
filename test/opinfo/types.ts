// The op table's contract (PyTorch's OpInfo, for tensorgrad): each op is declared ONCE, here in
// test/opinfo/*.ts, with how tensorgrad spells it, how PyTorch spells it, and its sample inputs.
// `npm run golden` dumps every entry's samples (with generated input values) to JSON, evaluates them
// in real PyTorch (scripts/golden/opinfo_cases.py) and writes test/fixtures/opinfo.json; the single
// test module test/opinfo.test.ts walks the table and checks, for every op and sample: forward values,
// shape, dtype and grad_fn against PyTorch; float32 gradients of sum(out * w) against PyTorch; float64
// gradcheck and gradgradcheck; and for error samples PyTorch's exception name and message, with the
// inputs left untouched. Adding an op = one entry + `npm run golden`.
// Fields marked "(extension)" were added after the first version of this contract; all are optional.
// Commands (from the repo root): regenerate just the op-table fixtures with
//   npx tsc -p . && node dist/test/opinfo/dump.js --write && /usr/bin/python3 scripts/golden/opinfo_cases.py
// (append `--ops name1,name2` to the Python script to recompute only those ops), run the table with
//   npx tsc -p . && node --test dist/test/opinfo.test.js

export type DT = "float32" | "float64" | "int64" | "int32" | "bool";
export type Value = number | boolean | "nan" | "inf" | "-inf" | "-0";

/**
 * View transforms applied (without grad) to the contiguous base to make a non-contiguous operand:
 * ["t"], ["transpose", d0, d1], ["permute", [dims]], ["slice", dim, start, stop, step],
 * ["select", dim, index], ["expand", [sizes]]
 */
export type MakeStep =
  | ["t"]
  | ["transpose", number, number]
  | ["permute", number[]]
  | ["slice", number, number | null, number | null, number]
  | ["select", number, number]
  | ["expand", number[]];

/**
 * How input values are generated (deterministically from a hash of op name, sample id and input
 * position) when not given. The default is by dtype: float "normal", int "int", bool "bool".
 */
export interface Gen {
  /**
   * normal: mean + std * N(0,1) (default N(0,1)), redrawn until inside [low, high] when those are given;
   * uniform: U(low ?? 0, high ?? 1); int: integers in [low ?? -5, high ?? 6);
   * bool: coin flips; nonzero (extension): random sign times U(low ?? 0.5, high ?? 2).
   * For integer dtypes generated values are floored; for bool, nonzero values are true.
   */
  kind: "normal" | "uniform" | "int" | "bool" | "nonzero";
  low?: number;
  high?: number;
  /** (extension) normal only */
  mean?: number;
  std?: number;
}

export interface TensorInput {
  /** shape of the contiguous base (before `make`) */
  shape: number[];
  /** default float32 */
  dtype?: DT;
  /** explicit row-major values of the base; otherwise generated from `gen` (default normal) */
  values?: Value[];
  gen?: Gen;
  make?: MakeStep[];
  /** default: true for float inputs of a differentiable op */
  requiresGrad?: boolean;
}
/**
 * A JS number/boolean operand; `kind` says which Python literal it stands for (int vs float). Default:
 * bool for a boolean, int for an integer number, float otherwise.
 */
export interface ScalarInput {
  scalar: Value;
  kind?: "int" | "float" | "bool";
}
/** A list of tensors (torch.cat's first argument); the op receives an array. */
export interface ListInput {
  list: TensorInput[];
}
export type Input = TensorInput | ScalarInput | ListInput;

export interface Sample {
  /** unique within the op's samples (an error sample may reuse a sample's id) */
  id: string;
  inputs: Input[];
  /** JSON-able non-tensor arguments handed to both spellings as `a` */
  args?: Record<string, unknown>;
  /** false or a reason string to skip gradcheck (e.g. "not differentiable at 0"); default: run it */
  gradcheck?: boolean | string;
  gradgradcheck?: boolean | string;
  /** forward/gradient tolerance overrides (defaults: torch.testing's for the dtype) */
  atol?: number;
  rtol?: number;
  /**
   * (extension) options for both PyTorch's and tensorgrad's gradcheck/gradgradcheck of this sample,
   * e.g. { eps: 1e-3, atol: 1e-4 } where the output is float32 and its rounding shows in the differences
   */
  gradcheckOptions?: { eps?: number; atol?: number; rtol?: number };
  /** (extension) a comment kept in the spec (not used by the checks) */
  note?: string;
  /** (extension) per-sample overrides of the OpInfo fields of the same name */
  checkViews?: boolean;
  checkStrides?: boolean;
}

export interface OpInfo {
  /**
   * Fixture records are keyed by name + sample id. Two entries may share a name (say, another spelling
   * of the same op) as long as their sample ids differ.
   */
  name: string;
  /** tensorgrad: `x` are the built inputs (Tensor, number/boolean, or Tensor[]), `a` the sample args */
  ts: (x: any[], a: any) => unknown;
  /** PyTorch: a Python expression over `x` and `a`, e.g. "torch.atan2(x[0], x[1])" or "x[0].sum(a['dim'])" */
  py: string;
  samples: Sample[];
  /** inputs that must raise in PyTorch; the fixture records the exception, tensorgrad must match it */
  errors?: Sample[];
  /** default true: gradients and gradchecks run for float inputs that require grad */
  differentiable?: boolean;
  /**
   * Where PyTorch 2.x differs from the 1.13 oracle: per sample id (or "*"), the 2.x grad_fn name or
   * error message to expect instead, with a comment in the entry saying why. (A sample's own entry
   * overrides "*"; a gradFn override applies to the outputs that have a grad_fn. For every op, the test
   * already maps 1.13's ReshapeAliasBackward0 to 2.x's ViewBackward0.)
   */
  torch2?: Record<
    string,
    {
      gradFn?: string;
      message?: string;
      /** (extension) the 2.x exception class */
      name?: string;
      /**
       * (extension) why 1.13's gradients are wrong at this sample (a bug fixed in 2.x): they are not
       * compared, and tensorgrad's own gradcheck/gradgradcheck still run where 1.13's failed
       */
      gradients?: string;
    }
  >;
  /**
   * (extension) Python statements run once before this op's samples, in the scope `py` is evaluated in
   * (which has torch, F = torch.nn.functional, math and dtypes = {"float32": torch.float32, ...}), e.g.
   * helper functions for expressions that need more than one line.
   */
  pyPrelude?: string;
  /**
   * (extension) also check, against PyTorch, each output's view-ness (`.base !== null` vs `_is_view()`) and
   * `.version`, and every input's `.version` after the op (in-place ops, ops that return views).
   */
  checkViews?: boolean;
  /** (extension) also check each output's strides and storage offset (ops that return views). */
  checkStrides?: boolean;
}
