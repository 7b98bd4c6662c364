/**
 * PyTorch's CPU generator (at::CPUGeneratorImpl) and its samplers, bit-exact,
 * as pure functions over typed arrays. Element order is that of a contiguous
 * tensor of n elements; each sampler consumes the engine exactly like the
 * corresponding ATen CPU kernel.
 *
 * Reference implementation: PyTorch 2.x sources (DistributionsHelper.h,
 * TransformationHelper.h, cpu/DistributionTemplates.h, cpu/DistributionKernels.cpp,
 * TensorFactories.cpp, Distributions.cpp, cpu/MultinomialKernel.cpp) for an
 * x86_64 build with AVX2 + FMA, glibc libm and without MKL (a build with MKL
 * routes bernoulli_(float p) on Intel CPUs through MKL's VSL streams instead).
 *
 * PyTorch 1.13 differs in four places (see RandomBehavior); pass
 * `behavior: "1.13"` to reproduce 1.13 instead.
 */

import { float32, float64 } from "../tensor/dtype.js";
import { fma, fmaf } from "./fma.js";
import { glibcLog, glibcLog1p, glibcSincos, sincosOut } from "./libm.js";
import { normalFill16AVX2 } from "./avx_mathfun.js";
import { MERSENNE_STATE_N, MT19937, toUint64 } from "./mt19937.js";

export type FloatDType = "float32" | "float64";
export type FloatArray = Float32Array | Float64Array;

/**
 * Which PyTorch version's CPU transforms to reproduce.
 *
 * "2.x" (default, current PyTorch) vs "1.13":
 *  - normal_distribution<double> (torch.randn / normal_ on < 16 elements):
 *    r = sqrt(-2 log1p(-u2))  vs  sqrt(-2 log(1 - u2))  (changed in 2.0);
 *  - exponential_ (and so multinomial without replacement):
 *    -1/lambda * log1p(-u)  vs  -1/lambda * log(1 - u)  (changed in 2.0);
 *  - random_(from, to) / randint: 64-bit draws when range >= 2^28 vs when
 *    range >= 2^32 (OSS builds since the fix for pytorch#148175, i.e. 2.7;
 *    2.0 - 2.6 still behave like 1.13 here);
 *  - multinomial(n_sample = 1, replacement = true): the exponential
 *    (Gumbel-max) fast path, as in the 2.x releases, vs the CDF kernel.
 * Everything else (engine, seeding, state layout, uniform, the n >= 16 normal
 * paths, bernoulli, randperm below 214748364) is identical in both.
 */
export type RandomBehavior = "2.x" | "1.13";

/** at::default_rng_seed_val: the seed of a fresh torch.Generator() and of torch.initial_seed() at startup. */
export const DEFAULT_RNG_SEED = 67280421310721n;

/** sizeof(CPUGeneratorImplState): the length of torch.get_rng_state() for CPU. */
export const CPU_GENERATOR_STATE_SIZE = 5056;

/** randperm_cpu keeps the swap algorithm for n < uint32 max / 20. */
export const RANDPERM_SMALL_N_LIMIT = Math.floor(4294967295 / 20);

const INV_2_24 = 1 / 16777216;
const INV_2_53 = 1 / 9007199254740992;
const TWO_PI = 2 * Math.PI; // 2.0 * c10::pi<double> (exact doubling)
const FLOAT_MAX = 3.4028234663852886e38;
const TWO_POW_28 = 1n << 28n;
const TWO_POW_32 = 1n << 32n;

export interface GeneratorOptions {
  /** initial seed (default 67280421310721, like torch.Generator()) */
  seed?: number | bigint;
  /** which PyTorch's transforms to reproduce (default "2.x") */
  behavior?: RandomBehavior;
}

/** Storage for n samples (every element is written), where the active backend wants it (dtype.ts). */
function allocFloat(dtype: FloatDType, n: number): FloatArray {
  if (dtype === "float32") return float32.empty(n) as Float32Array;
  if (dtype === "float64") return float64.empty(n) as Float64Array;
  throw new TypeError(`unsupported dtype ${String(dtype)} (expected "float32" or "float64")`);
}

function checkCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative integer, got ${n}`);
}

export class Generator {
  readonly engine: MT19937;
  readonly behavior: RandomBehavior;
  /** CPUGeneratorImpl::next_float_normal_sample_ (only normal_distribution<float> uses it) */
  nextFloatNormalSample: number | null = null;
  /** CPUGeneratorImpl::next_double_normal_sample_ (the Box-Muller spare of normal_distribution<double>) */
  nextDoubleNormalSample: number | null = null;

  constructor(options: GeneratorOptions = {}) {
    this.engine = new MT19937(options.seed ?? DEFAULT_RNG_SEED);
    this.behavior = options.behavior ?? "2.x";
    if (this.behavior !== "2.x" && this.behavior !== "1.13") {
      throw new TypeError(`unknown behavior ${String(this.behavior)}`);
    }
  }

  // ---------------------------------------------------------------- seeding

  /** torch.Generator.manual_seed / torch.manual_seed: also drops both cached normal samples. */
  manualSeed(seed: number | bigint): this {
    this.nextFloatNormalSample = null;
    this.nextDoubleNormalSample = null;
    this.engine.initWithUint64(toUint64(seed));
    return this;
  }

  /** torch.Generator.seed(): reseeds from a non-deterministic 64-bit value (like /dev/urandom) and returns it. */
  seed(): bigint {
    const words = new Uint32Array(2);
    globalThis.crypto.getRandomValues(words);
    const s = (BigInt(words[0]!) << 32n) | BigInt(words[1]!);
    this.manualSeed(s);
    return s;
  }

  /** torch.Generator.initial_seed() */
  initialSeed(): bigint {
    return this.engine.seedValue;
  }

  // ------------------------------------------------------------------ state

  /** torch.Generator.get_state(): the 5056-byte CPUGeneratorImplState (little-endian x86_64 layout). */
  getState(): Uint8Array {
    const bytes = new Uint8Array(CPU_GENERATOR_STATE_SIZE);
    const dv = new DataView(bytes.buffer);
    const e = this.engine;
    dv.setBigUint64(0, e.seedValue, true); // the_initial_seed
    dv.setInt32(8, e.left, true); // left
    dv.setInt32(12, e.seeded ? 1 : 0, true); // seeded
    dv.setBigUint64(16, BigInt(e.next), true); // next
    for (let i = 0; i < MERSENNE_STATE_N; i++) dv.setUint32(24 + 8 * i, e.state[i]!, true); // uint64 state[624]
    // 5016: normal_x (unused, 0); 5024: normal_y; 5032: normal_rho (unused, 0); 5040: normal_is_valid
    if (this.nextDoubleNormalSample !== null) {
      dv.setFloat64(5024, this.nextDoubleNormalSample, true);
      dv.setInt32(5040, 1, true);
    }
    // 5048: float next_float_normal_sample; 5052: bool is_next_float_normal_sample_valid
    if (this.nextFloatNormalSample !== null) {
      dv.setFloat32(5048, this.nextFloatNormalSample, true);
      bytes[5052] = 1;
    }
    return bytes;
  }

  /** torch.Generator.set_state(): accepts a state from getState() or from PyTorch's CPU generator. */
  setState(state: Uint8Array): this {
    if (state.length !== CPU_GENERATOR_STATE_SIZE) {
      throw new RangeError(
        `Expected a CPUGeneratorImplState of size ${CPU_GENERATOR_STATE_SIZE} but found the input RNG state size to be ${state.length}`,
      );
    }
    const dv = new DataView(state.buffer, state.byteOffset, state.byteLength);
    const mt = new Uint32Array(MERSENNE_STATE_N);
    for (let i = 0; i < MERSENNE_STATE_N; i++) mt[i] = dv.getUint32(24 + 8 * i, true); // uint64 -> uint32
    const data = {
      seed: dv.getBigUint64(0, true),
      left: dv.getInt32(8, true),
      seeded: dv.getInt32(12, true) !== 0,
      next: dv.getUint32(16, true), // static_cast<uint32_t>(uint64 next)
      state: mt,
    };
    const valid =
      data.seeded && data.left > 0 && data.left <= MERSENNE_STATE_N && data.next <= MERSENNE_STATE_N;
    if (!valid) throw new RangeError("Invalid mt19937 state");
    this.engine.setData(data);
    this.nextFloatNormalSample = state[5052] !== 0 ? dv.getFloat32(5048, true) : null;
    this.nextDoubleNormalSample = dv.getInt32(5040, true) !== 0 ? dv.getFloat64(5024, true) : null;
    return this;
  }

  /** An independent copy (CPUGeneratorImpl::clone). */
  clone(): Generator {
    const g = new Generator({ seed: 0n, behavior: this.behavior });
    g.engine.setData(this.engine.data());
    g.nextFloatNormalSample = this.nextFloatNormalSample;
    g.nextDoubleNormalSample = this.nextDoubleNormalSample;
    return g;
  }

  // --------------------------------------------------------- raw draws

  /** CPUGeneratorImpl::random(): uint32 */
  random(): number {
    return this.engine.random();
  }

  /** CPUGeneratorImpl::random64(): uint64 */
  random64(): bigint {
    return this.engine.random64();
  }

  // ---------------------------------------------------------------- uniform

  /**
   * torch.rand / Tensor.uniform_(from, to): uniform_real_distribution<T>(from, to)
   * per element; float32 uses 24 random bits of one random(), float64 53 bits of random64().
   */
  uniform(n: number, dtype: FloatDType, from = 0, to = 1): FloatArray {
    checkCount(n, "n");
    const out = allocFloat(dtype, n);
    const e = this.engine;
    if (dtype === "float32") {
      if (!(Math.abs(from) <= FLOAT_MAX) || !(Math.abs(to) <= FLOAT_MAX)) {
        throw new RangeError(`uniform_ expects from and to to be within the float32 range, got from=${from}, to=${to}`);
      }
      checkUniformRange(from, to, FLOAT_MAX);
      const f = Math.fround(from);
      const range = Math.fround(Math.fround(to) - f);
      if (f === 0 && range === 1) {
        for (let i = 0; i < n; i++) out[i] = (e.random() & 0xffffff) * INV_2_24;
      } else {
        for (let i = 0; i < n; i++) out[i] = fmaf((e.random() & 0xffffff) * INV_2_24, range, f);
      }
    } else {
      checkUniformRange(from, to, Number.MAX_VALUE);
      const range = to - from;
      if (from === 0 && range === 1) {
        for (let i = 0; i < n; i++) out[i] = e.random53() * INV_2_53;
      } else {
        for (let i = 0; i < n; i++) out[i] = fma(e.random53() * INV_2_53, range, from);
      }
    }
    return out;
  }

  // ----------------------------------------------------------------- normal

  /**
   * torch.randn / Tensor.normal_(mean, std) on a contiguous tensor of n elements.
   * n >= 16: normal_fill (float32: the AVX2 vectorised Box-Muller over blocks of
   * 16 with avx_mathfun's log/sincos; float64: the scalar normal_fill_16 with
   * libm), recomputing the last 16 values from fresh uniforms when n % 16 != 0.
   * n < 16: normal_distribution<double> per element, which caches the second
   * Box-Muller value in the generator (shared by float32 and float64).
   */
  normal(n: number, dtype: FloatDType, mean = 0, std = 1): FloatArray {
    checkCount(n, "n");
    if (!(std >= 0)) throw new RangeError(`normal expects std >= 0.0, but found std ${std}`);
    const out = allocFloat(dtype, n);
    if (n >= 16) {
      if (dtype === "float32") this.normalFillFloat(out as Float32Array, Math.fround(mean), Math.fround(std));
      else this.normalFillDouble(out as Float64Array, mean, std);
    } else {
      for (let i = 0; i < n; i++) out[i] = this.normalScalar(mean, std);
    }
    return out;
  }

  /** normal_fill_AVX2 (float32, n >= 16) */
  private normalFillFloat(data: Float32Array, mean: number, std: number): void {
    const e = this.engine;
    const n = data.length;
    for (let i = 0; i < n; i++) data[i] = (e.random() & 0xffffff) * INV_2_24;
    for (let i = 0; i < n - 15; i += 16) normalFill16AVX2(data, i, mean, std);
    if (n % 16 !== 0) {
      const base = n - 16;
      for (let i = 0; i < 16; i++) data[base + i] = (e.random() & 0xffffff) * INV_2_24;
      normalFill16AVX2(data, base, mean, std);
    }
  }

  /** normal_fill<double> (n >= 16) */
  private normalFillDouble(data: Float64Array, mean: number, std: number): void {
    const e = this.engine;
    const n = data.length;
    for (let i = 0; i < n; i++) data[i] = e.random53() * INV_2_53;
    for (let i = 0; i < n - 15; i += 16) normalFill16Double(data, i, mean, std);
    if (n % 16 !== 0) {
      const base = n - 16;
      for (let i = 0; i < 16; i++) data[base + i] = e.random53() * INV_2_53;
      normalFill16Double(data, base, mean, std);
    }
  }

  /** at::normal_distribution<double>(mean, std)(generator) */
  private normalScalar(mean: number, std: number): number {
    const cached = this.nextDoubleNormalSample;
    if (cached !== null) {
      this.nextDoubleNormalSample = null;
      return fma(cached, std, mean);
    }
    const e = this.engine;
    const u1 = e.random53() * INV_2_53;
    const u2 = e.random53() * INV_2_53;
    const lg = this.behavior === "1.13" ? glibcLog(1.0 - u2) : glibcLog1p(-u2);
    const r = Math.sqrt(-2.0 * lg);
    glibcSincos(TWO_PI * u1);
    this.nextDoubleNormalSample = r * sincosOut[0]!;
    return fma(r * sincosOut[1]!, std, mean);
  }

  // ---------------------------------------------------------------- randint

  /**
   * torch.randint(low, high, (n,)) for int64 (random_from_to): (draw % range) + low
   * with draw = random64() when the range is large, else random(). Values are
   * returned as doubles, exact while |value| <= 2^53 (use randintBigInt otherwise).
   */
  randint(n: number, low: number | bigint, high: number | bigint): Float64Array {
    checkCount(n, "n");
    const { lo, range, use64 } = this.randintSetup(low, high);
    const out = new Float64Array(n);
    const e = this.engine;
    if (!use64) {
      const r = Number(range);
      const base = Number(lo);
      if (Number.isSafeInteger(base) && Number.isSafeInteger(base + r)) {
        for (let i = 0; i < n; i++) out[i] = (e.random() % r) + base;
        return out;
      }
      for (let i = 0; i < n; i++) out[i] = Number(BigInt.asIntN(64, BigInt(e.random() % r) + lo));
      return out;
    }
    for (let i = 0; i < n; i++) out[i] = Number(BigInt.asIntN(64, (e.random64() % range) + lo));
    return out;
  }

  /** randint with exact int64 results. */
  randintBigInt(n: number, low: number | bigint, high: number | bigint): BigInt64Array {
    checkCount(n, "n");
    const { lo, range, use64 } = this.randintSetup(low, high);
    const out = new BigInt64Array(n);
    const e = this.engine;
    for (let i = 0; i < n; i++) {
      const v = use64 ? e.random64() : BigInt(e.random());
      out[i] = BigInt.asIntN(64, (v % range) + lo);
    }
    return out;
  }

  private randintSetup(low: number | bigint, high: number | bigint): { lo: bigint; range: bigint; use64: boolean } {
    const lo = toInt64(low, "low");
    const hi = toInt64(high, "high");
    if (!(lo < hi)) throw new RangeError(`random_ expects 'from' to be less than 'to', but got from=${lo} >= to=${hi}`);
    const range = hi - lo; // uint64
    const use64 = this.behavior === "1.13" ? range >= TWO_POW_32 : range >= TWO_POW_28;
    return { lo, range, use64 };
  }

  // ---------------------------------------------------------------- randperm

  /**
   * torch.randperm(n) (int64 values as doubles). For n < 214748364: the
   * swap shuffle r[i] <-> r[i + random() % (n - i)]; for larger n (PyTorch 2.x):
   * the inside-out Fisher-Yates with random64() % (i + 1).
   */
  randperm(n: number): Float64Array {
    checkCount(n, "n");
    return n < RANDPERM_SMALL_N_LIMIT ? this.randpermSwap(n) : this.randpermInsideOut(n);
  }

  /** randperm_cpu's algorithm for n < 214748364 (used by randperm). */
  randpermSwap(n: number): Float64Array {
    checkCount(n, "n");
    const r = new Float64Array(n);
    for (let i = 0; i < n; i++) r[i] = i;
    const e = this.engine;
    for (let i = 0; i < n - 1; i++) {
      const z = e.random() % (n - i);
      const sav = r[i]!;
      r[i] = r[z + i]!;
      r[z + i] = sav;
    }
    return r;
  }

  /** randperm_cpu's algorithm for n >= 214748364 (exposed so it can be checked at small n). */
  randpermInsideOut(n: number): Float64Array {
    checkCount(n, "n");
    const r = new Float64Array(n);
    const e = this.engine;
    for (let i = 0; i < n; i++) {
      const hi = e.random();
      const lo = e.random();
      const z = mod64(hi, lo, i + 1);
      r[i] = r[z]!;
      r[z] = i;
    }
    return r;
  }

  // --------------------------------------------------------------- bernoulli

  /**
   * torch.bernoulli(p) for a probability tensor of dtype `dtype` (the result has
   * the same dtype): bernoulli_distribution<float> (24-bit uniform < p) for float32,
   * bernoulli_distribution<double> (53-bit uniform < p) for float64.
   */
  bernoulli(probabilities: ArrayLike<number>, dtype: FloatDType): FloatArray {
    const n = probabilities.length;
    const out = allocFloat(dtype, n);
    const e = this.engine;
    if (dtype === "float32") {
      for (let i = 0; i < n; i++) {
        const p = Math.fround(probabilities[i]!);
        if (!(p >= 0 && p <= 1)) throw new RangeError(`bernoulli expects p in [0, 1], got ${probabilities[i]}`);
        out[i] = (e.random() & 0xffffff) * INV_2_24 < p ? 1 : 0;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const p = probabilities[i]!;
        if (!(p >= 0 && p <= 1)) throw new RangeError(`bernoulli expects p in [0, 1], got ${p}`);
        out[i] = e.random53() * INV_2_53 < p ? 1 : 0;
      }
    }
    return out;
  }

  /** Tensor.bernoulli_(p) with a scalar p (non-MKL kernel): bernoulli_distribution<double>(p) for every dtype. */
  bernoulliScalar(n: number, p: number, dtype: FloatDType): FloatArray {
    checkCount(n, "n");
    if (!(p >= 0 && p <= 1)) throw new RangeError(`bernoulli_ expects p to be in [0, 1], but got p=${p}`);
    const out = allocFloat(dtype, n);
    const e = this.engine;
    for (let i = 0; i < n; i++) out[i] = e.random53() * INV_2_53 < p ? 1 : 0;
    return out;
  }

  // ------------------------------------------------------------- exponential

  /** Tensor.exponential_(lambd): exponential_distribution<double> per element, cast to dtype. */
  exponential(n: number, dtype: FloatDType, lambd = 1): FloatArray {
    checkCount(n, "n");
    if (!(lambd > 0)) throw new RangeError(`exponential_ expects lambda > 0.0, but found lambda=${lambd}`);
    const out = allocFloat(dtype, n);
    const e = this.engine;
    const scale = -1.0 / lambd;
    if (this.behavior === "1.13") {
      for (let i = 0; i < n; i++) out[i] = scale * glibcLog(1.0 - e.random53() * INV_2_53);
    } else {
      for (let i = 0; i < n; i++) out[i] = scale * glibcLog1p(-(e.random53() * INV_2_53));
    }
    return out;
  }

  // ------------------------------------------------------------- multinomial

  /**
   * torch.multinomial(probs, numSamples, replacement) for `rows` distributions of
   * `k` categories (row-major `probs`, whose tensor dtype is `dtype`). Returns the
   * sampled indices, row-major (rows x numSamples), as doubles.
   *
   * Without replacement (and, in 2.x, for numSamples == 1): q = exponential_(1)
   * over the whole rows x k tensor, then argmax / topk of p / q. With replacement:
   * the CDF kernel (cumulative sums in dtype, normalised, one 53-bit uniform per
   * sample, binary search). Ties in topk (only possible with zero probabilities or
   * exactly equal p/q) are broken by lower index here; PyTorch leaves them unspecified.
   */
  multinomial(
    probs: ArrayLike<number>,
    rows: number,
    k: number,
    numSamples: number,
    replacement: boolean,
    dtype: FloatDType = "float64",
  ): Float64Array {
    checkCount(rows, "rows");
    checkCount(k, "k");
    checkCount(numSamples, "numSamples");
    if (probs.length !== rows * k) throw new RangeError(`probs has ${probs.length} elements, expected rows*k = ${rows * k}`);
    if (k === 0) throw new RangeError("multinomial expects at least one category");
    if (numSamples <= 0) throw new RangeError("cannot sample n_sample <= 0 samples");
    if (!replacement && numSamples > k) {
      throw new RangeError("cannot sample n_sample > prob_dist.size(-1) samples without replacement");
    }
    if (k > 16777216) throw new RangeError("number of categories cannot exceed 2^24");
    const is32 = dtype === "float32";
    if (!is32 && dtype !== "float64") throw new TypeError(`unsupported dtype ${String(dtype)}`);
    const p = is32 ? Float32Array.from(probs) : Float64Array.from(probs);
    const out = new Float64Array(rows * numSamples);
    if (rows === 0) return out;

    const gumbel = !replacement || (numSamples === 1 && this.behavior === "2.x");
    if (gumbel) {
      for (let i = 0; i < p.length; i++) {
        if (!(p[i]! >= 0 && p[i]! < Infinity)) throw new RangeError("probability tensor contains either `inf`, `nan` or element < 0");
      }
      for (let r = 0; r < rows; r++) {
        let s = 0;
        for (let j = 0; j < k; j++) s += p[r * k + j]!;
        if (s === 0) throw new RangeError("invalid multinomial distribution (sum of probabilities <= 0)");
      }
      const q = this.exponential(rows * k, dtype, 1);
      for (let i = 0; i < q.length; i++) q[i] = p[i]! / q[i]!; // div_out(q, self, q) in dtype
      for (let r = 0; r < rows; r++) {
        const off = r * k;
        if (numSamples === 1) {
          out[r] = argmaxNanFirst(q, off, k);
        } else {
          const idx = topkIndices(q, off, k, numSamples);
          for (let j = 0; j < numSamples; j++) out[r * numSamples + j] = idx[j]!;
        }
      }
      return out;
    }

    // multinomial_with_replacement kernel
    const e = this.engine;
    const cum = is32 ? new Float32Array(k) : new Float64Array(k);
    for (let r = 0; r < rows; r++) {
      const off = r * k;
      let sum = 0;
      for (let j = 0; j < k; j++) {
        const v = p[off + j]!;
        if (!(v >= 0)) throw new RangeError("invalid multinomial distribution (encountering probability entry < 0)");
        if (!(v < Infinity)) throw new RangeError("invalid multinomial distribution (encountering probability entry = infinity or NaN)");
        sum = is32 ? Math.fround(sum + v) : sum + v;
        cum[j] = sum;
      }
      if (!(sum > 0)) throw new RangeError("invalid multinomial distribution (sum of probabilities <= 0)");
      for (let j = 0; j < k; j++) cum[j] = cum[j]! / sum; // Float32Array stores round the quotient
      cum[k - 1] = 1;
      for (let s = 0; s < numSamples; s++) {
        const u = e.random53() * INV_2_53;
        let left = 0;
        let right = k;
        while (right - left > 0) {
          const mid = left + ((right - left) >> 1);
          if (cum[mid]! < u) left = mid + 1;
          else right = mid;
        }
        out[r * numSamples + s] = left;
      }
    }
    return out;
  }
}

/** at::native::normal_fill_16<double> on data[off .. off+16) */
function normalFill16Double(data: Float64Array, off: number, mean: number, std: number): void {
  const plain = std === 1;
  for (let j = 0; j < 8; j++) {
    const u1 = 1 - data[off + j]!;
    const u2 = data[off + j + 8]!;
    const radius = Math.sqrt(-2 * glibcLog(u1));
    glibcSincos(TWO_PI * u2);
    const c = radius * sincosOut[1]!;
    const s = radius * sincosOut[0]!;
    // radius * cos(theta) * std + mean, contracted to fma(radius*cos, std, mean)
    data[off + j] = plain ? c + mean : fma(c, std, mean);
    data[off + j + 8] = plain ? s + mean : fma(s, std, mean);
  }
}

function checkUniformRange(from: number, to: number, max: number): void {
  if (!(from <= to)) throw new RangeError(`uniform_ expects to return a [from, to) range, but found from=${from} > to=${to}`);
  if (!(to - from <= max)) throw new RangeError(`uniform_ expects to-from <= std::numeric_limits<T>::max(), but found to=${to} and from=${from}`);
}

function toInt64(v: number | bigint, what: string): bigint {
  if (typeof v === "number") {
    if (!Number.isInteger(v)) throw new RangeError(`${what} must be an integer, got ${v}`);
    v = BigInt(v);
  }
  if (v < -(1n << 63n) || v >= 1n << 63n) throw new RangeError(`${what} must fit in int64, got ${v}`);
  return v;
}

/** ((hi << 32) | lo) % m for uint32 hi/lo and 1 <= m < 2^37, in exact double arithmetic. */
function mod64(hi: number, lo: number, m: number): number {
  if (m <= 2097152) {
    // (hi % m) * 2^32 < 2^53
    return (((hi % m) * 4294967296) % m + lo) % m;
  }
  if (m < 137438953472) {
    let t = hi % m;
    t = (t * 65536) % m;
    t = (t * 65536) % m;
    return (t + lo) % m;
  }
  return Number(((BigInt(hi) << 32n) | BigInt(lo)) % BigInt(m));
}

/** argmax with PyTorch's rule that NaN is the maximum; first index wins ties. */
function argmaxNanFirst(v: FloatArray, off: number, k: number): number {
  let best = 0;
  let bv = v[off]!;
  if (bv !== bv) return 0;
  for (let j = 1; j < k; j++) {
    const x = v[off + j]!;
    if (x !== x) return j;
    if (x > bv) {
      bv = x;
      best = j;
    }
  }
  return best;
}

/** indices of the `count` largest values (NaN largest), sorted descending; ties by lower index. */
function topkIndices(v: FloatArray, off: number, k: number, count: number): number[] {
  const idx = Array.from({ length: k }, (_, j) => j);
  idx.sort((a, b) => {
    const x = v[off + a]!;
    const y = v[off + b]!;
    const xn = x !== x;
    const yn = y !== y;
    if (xn || yn) return xn && yn ? a - b : xn ? -1 : 1;
    return x > y ? -1 : x < y ? 1 : a - b;
  });
  return idx.slice(0, count);
}

/**
 * The default CPU generator. PyTorch seeds it from a non-deterministic source at startup (only a new
 * torch.Generator() starts at 67280421310721), so programs that don't call manualSeed vary per run.
 */
export const defaultGenerator = new Generator({ seed: DEFAULT_RNG_SEED });
defaultGenerator.seed();
