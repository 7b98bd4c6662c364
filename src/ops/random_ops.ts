// Random sampling on tensors with PyTorch's numbers: randint, randperm, normal, bernoulli, multinomial
// and the in-place uniform_, normal_, bernoulli_, exponential_, random draws in PyTorch's element
// order (TensorIterator's memory order for strided tensors). The samplers are in src/random/.
import { RuntimeError } from "../errors.js";
import { defaultGenerator, type Generator } from "../random/generator.js";
import { DType, dtypeOf, float64, getDefaultDtype, int64, type DTypeName, type Storage } from "../tensor/dtype.js";
import { installMethods } from "../tensor/methods.js";
import { contiguousStrides, numelOf, outputPermutation } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import * as K from "../backend/cpu.js";
import { castFn } from "./elementwise.js";
import { checkInplace } from "./inplace.js";
import { splitSize, type RandomOptions } from "./creation.js";

type Gen = { generator?: Generator | null };
const TYPE_NAMES: Record<string, string> = { float32: "Float", float64: "Double", int64: "Long", int32: "Int", bool: "Bool" };

function genOf(opts?: Gen | null): Generator {
  return opts?.generator ?? defaultGenerator;
}

function floatName(d: DType): "float32" | "float64" {
  return d === float64 ? "float64" : "float32";
}

/**
 * Writes freshly drawn values into `self` in the order PyTorch's TensorIterator visits its elements:
 * memory order (dims sorted by stride), which is row-major for contiguous tensors.
 */
function fillInIterationOrder(self: Tensor, values: ArrayLike<number>): void {
  const perm = outputPermutation(self._shape, [self._strides]);
  const order = perm === null ? self._shape.map((_, i) => i) : perm.slice().reverse();
  const view = { _data: self._data, _shape: order.map((d) => self._shape[d]), _strides: order.map((d) => self._strides[d]), _offset: self._offset };
  const src = { _data: values as Storage, _shape: view._shape, _strides: contiguousStrides(view._shape), _offset: 0 };
  K.copyInto(view, src, castFn(self.dtype));
}


function inplaceRandom(self: Tensor, draw: (n: number) => ArrayLike<number>): Tensor {
  checkInplace(self);
  fillInIterationOrder(self, draw(self.numel()));
  self._version.value++;
  return self;
}

function requireFloat(self: Tensor, kernel: string): void {
  if (!self.dtype.isFloatingPoint) throw new RuntimeError(`"${kernel}" not implemented for '${TYPE_NAMES[self.dtype.name]}'`);
}

/** Tensor.uniform_(from = 0, to = 1) */
export function uniform_(self: Tensor, from = 0, to = 1, opts?: Gen): Tensor {
  requireFloat(self, "check_uniform_bounds");
  if (from > to) throw new RuntimeError(`uniform_ expects to return a [from, to) range, but found from=${from} > to=${to}`);
  const g = genOf(opts);
  return inplaceRandom(self, (n) => g.uniform(n, floatName(self.dtype), from, to));
}

/** Tensor.normal_(mean = 0, std = 1): the vectorised path for contiguous tensors of 16+ elements, else one draw per element. */
export function normal_(self: Tensor, mean = 0, std = 1, opts?: Gen): Tensor {
  requireFloat(self, "normal_kernel_cpu");
  if (!(std >= 0)) throw new RuntimeError(`normal expects std >= 0.0, but found std ${std}`);
  const g = genOf(opts);
  const dt = floatName(self.dtype);
  return inplaceRandom(self, (n) => {
    if (n >= 16 && self.isContiguous()) return g.normal(n, dt, mean, std);
    const out = self.dtype.alloc(n);
    for (let i = 0; i < n; i++) out[i] = g.normal(1, dt, mean, std)[0];
    return out;
  });
}

/** Tensor.bernoulli_(p = 0.5): p a probability or a tensor of probabilities broadcast to self. */
export function bernoulli_(self: Tensor, p: number | Tensor = 0.5, opts?: Gen): Tensor {
  const g = genOf(opts);
  if (p instanceof Tensor) {
    const probs = p.expand(self._shape).contiguous()._values();
    checkProbabilities(probs);
    return inplaceRandom(self, () => g.bernoulli(probs, floatName(p.dtype)));
  }
  if (!(p >= 0 && p <= 1)) throw new RuntimeError(`bernoulli_ expects p to be in [0, 1], but got p=${p}`);
  return inplaceRandom(self, (n) => g.bernoulliScalar(n, p, floatName(self.dtype.isFloatingPoint ? self.dtype : float64)));
}

function checkProbabilities(probs: ArrayLike<number>): void {
  for (let i = 0; i < probs.length; i++)
    if (!(probs[i] >= 0 && probs[i] <= 1))
      throw new RuntimeError(
        "Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)",
      );
}

/** Tensor.exponential_(lambd = 1) (PyTorch 2.x requires lambd > 0; 1.13 accepted 0). */
export function exponential_(self: Tensor, lambd = 1, opts?: Gen): Tensor {
  requireFloat(self, "exponential_cpu");
  if (!(lambd > 0)) throw new RuntimeError(`exponential_ expects lambda > 0.0, but found lambda=${lambd}`);
  const g = genOf(opts);
  return inplaceRandom(self, (n) => g.exponential(n, floatName(self.dtype), lambd));
}

/** torch.bernoulli(probabilities): 0/1 draws with each element's probability, in its dtype. */
export function bernoulli(input: Tensor, opts?: Gen & { p?: number }): Tensor {
  const out = new Tensor(input.dtype.alloc(input.numel()), input._shape.slice(), undefined, 0, input.dtype);
  if (opts?.p !== undefined) return bernoulli_(out, opts.p, opts);
  const probs = input.contiguous()._values();
  checkProbabilities(probs);
  const g = genOf(opts);
  out._data.set(g.bernoulli(probs, floatName(input.dtype)));
  return out;
}

type IntOptions = RandomOptions & { dtype?: DType | DTypeName | null };

/** torch.randint(high, size) / torch.randint(low, high, size): int64 unless `dtype` says otherwise. */
export function randint(...args: (number | number[] | IntOptions)[]): Tensor {
  const nums: number[] = [];
  while (typeof args[0] === "number") nums.push(args.shift() as number);
  if (nums.length < 1 || nums.length > 2 || !Array.isArray(args[0]))
    throw new TypeError("randint() expects (high, size) or (low, high, size), with size an array");
  const [low, high] = nums.length === 1 ? [0, nums[0]] : [nums[0], nums[1]];
  const shape = (args[0] as number[]).slice();
  const opts = (args[1] ?? {}) as IntOptions;
  splitSize([shape]);
  if (!(low < high)) throw new RuntimeError(`random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  const dtype = opts.dtype ? dtypeOf(opts.dtype) : int64;
  const values = genOf(opts).randint(numelOf(shape), low, high);
  const out = new Tensor(dtype.alloc(values.length), shape, undefined, 0, dtype);
  out._data.set(values);
  return out;
}

export function randintLike(input: Tensor, low: number, high?: number, opts: RandomOptions = {}): Tensor {
  const [lo, hi] = high === undefined ? [0, low] : [low, high];
  return randint(lo, hi, input._shape, { ...opts, dtype: opts.dtype ?? input.dtype });
}

/** torch.randperm(n): a random permutation of 0..n-1 (int64). */
export function randperm(n: number, opts: RandomOptions = {}): Tensor {
  if (n < 0) throw new RuntimeError(`Trying to create tensor with negative dimension ${n}: [${n}]`);
  const dtype = opts.dtype ? dtypeOf(opts.dtype) : int64;
  const values = genOf(opts).randperm(n);
  const out = new Tensor(dtype.alloc(n), [n], undefined, 0, dtype);
  out._data.set(values);
  return out;
}

/**
 * torch.normal(mean, std[, size]): both numbers (with a size), or tensors broadcast together. Like ATen:
 * standard draws, then `* std + mean` in the output dtype.
 */
export function normal(mean: number | Tensor, std: number | Tensor, size?: number[] | Gen, opts?: Gen): Tensor {
  if (!Array.isArray(size)) opts = size ?? opts;
  const g = genOf(opts);
  if (typeof mean === "number" && typeof std === "number") {
    const shape = Array.isArray(size) ? size : [];
    const out = new Tensor(getDefaultDtype().alloc(numelOf(shape)), shape.slice(), undefined, 0, getDefaultDtype());
    return normal_(out, mean, std, { generator: g });
  }
  if (typeof std === "number" && !(std >= 0)) throw new RuntimeError(`normal expects std >= 0.0, but found std ${std}`);
  if (std instanceof Tensor) {
    const s = std._values();
    for (let i = 0; i < s.length; i++)
      if (!(s[i] >= 0)) throw new RuntimeError("normal expects all elements of std >= 0.0");
  }
  const like = mean instanceof Tensor ? mean : (std as Tensor);
  const shape =
    mean instanceof Tensor && std instanceof Tensor ? mean.add(std.mul(0))._shape : like._shape;
  const out = new Tensor(like.dtype.alloc(numelOf(shape)), shape.slice(), undefined, 0, like.dtype);
  if (mean instanceof Tensor && typeof std === "number") {
    normal_(out, 0, std, { generator: g });
    return out.add_(mean);
  }
  normal_(out, 0, 1, { generator: g });
  return out.mul_(std).add_(mean);
}

/** torch.multinomial(input, numSamples, replacement = false): int64 category indices per row. */
export function multinomial(input: Tensor, numSamples: number, replacement: boolean | Gen = false, opts?: Gen): Tensor {
  if (typeof replacement === "object") {
    opts = replacement;
    replacement = false;
  }
  if (!input.dtype.isFloatingPoint)
    throw new RuntimeError(`multinomial only supports floating-point dtypes for input, got: ${TYPE_NAMES[input.dtype.name]}`);
  if (input.ndim !== 1 && input.ndim !== 2) throw new RuntimeError("prob_dist must be 1 or 2 dim");
  const k = input._shape[input.ndim - 1];
  const rows = input.ndim === 2 ? input._shape[0] : 1;
  if (numSamples <= 0) throw new RuntimeError("cannot sample n_sample <= 0 samples");
  if (!replacement && numSamples > k)
    throw new RuntimeError("cannot sample n_sample > prob_dist.size(-1) samples without replacement");
  const probs = input.contiguous()._values();
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const p = probs[r * k + j];
      if (!(p >= 0) || p === Infinity) throw new RuntimeError("probability tensor contains either `inf`, `nan` or element < 0");
      sum += p;
    }
    if (!(sum > 0)) throw new RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)");
  }
  const values = genOf(opts).multinomial(probs, rows, k, numSamples, replacement, floatName(input.dtype));
  const shape = input.ndim === 2 ? [rows, numSamples] : [numSamples];
  return new Tensor(Float64Array.from(values), shape, undefined, 0, int64);
}

declare module "../tensor/tensor.js" {
  interface Tensor {
    uniform_(from?: number, to?: number, opts?: Gen): Tensor;
    normal_(mean?: number, std?: number, opts?: Gen): Tensor;
    bernoulli_(p?: number | Tensor, opts?: Gen): Tensor;
    exponential_(lambd?: number, opts?: Gen): Tensor;
    bernoulli(opts?: Gen & { p?: number }): Tensor;
    multinomial(numSamples: number, replacement?: boolean | Gen, opts?: Gen): Tensor;
  }
}

installMethods({
  uniform_(this: Tensor, from?: number, to?: number, opts?: Gen) {
    return uniform_(this, from, to, opts);
  },
  normal_(this: Tensor, mean?: number, std?: number, opts?: Gen) {
    return normal_(this, mean, std, opts);
  },
  bernoulli_(this: Tensor, p?: number | Tensor, opts?: Gen) {
    return bernoulli_(this, p, opts);
  },
  exponential_(this: Tensor, lambd?: number, opts?: Gen) {
    return exponential_(this, lambd, opts);
  },
  bernoulli(this: Tensor, opts?: Gen & { p?: number }) {
    return bernoulli(this, opts);
  },
  multinomial(this: Tensor, numSamples: number, replacement?: boolean | Gen, opts?: Gen) {
    return multinomial(this, numSamples, replacement, opts);
  },
});

