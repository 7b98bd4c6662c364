// The op table's contract (PyTorch's OpInfo, for tensorgrad): each op is declared ONCE, here in
// test/opinfo/*.ts, with how tensorgrad spells it, how PyTorch spells it, and its sample inputs.
// `npm run golden` dumps every entry's samples (with generated input values) to JSON, evaluates them
// in real PyTorch (scripts/golden/opinfo_cases.py) and writes test/fixtures/opinfo.json; the single
// test module test/opinfo.test.ts walks the table and checks, for every op and sample: forward values,
// shape, dtype and grad_fn against PyTorch; float32 gradients of sum(out * w) against PyTorch; float64
// gradcheck and gradgradcheck; and for error samples PyTorch's exception name and message, with the
// inputs left untouched. Adding an op = one entry + `npm run golden`.

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

/** How input values are generated (deterministically from the sample id) when not given. */
export interface Gen {
  /** normal: N(0,1) scaled; uniform: U(low, high); int: integers in [low, high); bool: coin flips */
  kind: "normal" | "uniform" | "int" | "bool";
  low?: number;
  high?: number;
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
/** A JS number/boolean operand; `kind` says which Python literal it stands for (int vs float). */
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
  /** unique within the op */
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
}

export interface OpInfo {
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
   * error message to expect instead, with a comment in the entry saying why.
   */
  torch2?: Record<string, { gradFn?: string; message?: string }>;
}
