/**
 * The mt19937 engine exactly as PyTorch implements it
 * (aten/src/ATen/core/MT19937RNGEngine.h): a 32-bit Mersenne Twister whose
 * seed is a uint64 of which only the low 32 bits initialise the state, with
 * the (seed, left, seeded, next, state[624]) data layout that
 * torch.get_rng_state() / set_rng_state() serialise.
 */

export const MERSENNE_STATE_N = 624;
export const MERSENNE_STATE_M = 397;
const MATRIX_A = 0x9908b0df;
const UMASK = 0x80000000;
const LMASK = 0x7fffffff;

/** POD view of the engine state (at::mt19937_data_pod). */
export interface MT19937Data {
  seed: bigint;
  left: number;
  seeded: boolean;
  next: number;
  state: Uint32Array;
}

export class MT19937 {
  /** the uint64 seed this engine was initialised with (data_.seed_) */
  seedValue = 5489n;
  left = 1;
  seeded = true;
  next = 0;
  readonly state = new Uint32Array(MERSENNE_STATE_N);

  constructor(seed: bigint | number = 5489n) {
    this.initWithUint64(seed);
  }

  /** init_with_uint32: PyTorch's seeding (uses seed & 0xffffffff; keeps the full uint64 as seed_). */
  initWithUint64(seed: bigint | number): void {
    const s = toUint64(seed);
    this.seedValue = s;
    this.seeded = true;
    const st = this.state;
    st[0] = Number(s & 0xffffffffn);
    for (let j = 1; j < MERSENNE_STATE_N; j++) {
      const prev = st[j - 1]!;
      st[j] = (Math.imul(1812433253, (prev ^ (prev >>> 30)) >>> 0) + j) >>> 0;
    }
    this.left = 1;
    this.next = 0;
  }

  /** The next uint32 (operator()). */
  random(): number {
    if (--this.left === 0) this.nextState();
    let y = this.state[this.next++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** CPUGeneratorImpl::random64(): (first << 32) | second. */
  random64(): bigint {
    const hi = this.random();
    const lo = this.random();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** random64() & (2^53 - 1) as an exact number (what uniform_real<double> uses). */
  random53(): number {
    const hi = this.random();
    const lo = this.random();
    return (hi & 0x1fffff) * 4294967296 + lo;
  }

  private nextState(): void {
    const s = this.state;
    this.left = MERSENNE_STATE_N;
    this.next = 0;
    const N = MERSENNE_STATE_N;
    const M = MERSENNE_STATE_M;
    let i = 0;
    for (; i < N - M; i++) {
      const y = (s[i]! & UMASK) | (s[i + 1]! & LMASK);
      s[i] = (s[i + M]! ^ (y >>> 1) ^ (s[i + 1]! & 1 ? MATRIX_A : 0)) >>> 0;
    }
    for (; i < N - 1; i++) {
      const y = (s[i]! & UMASK) | (s[i + 1]! & LMASK);
      s[i] = (s[i + M - N]! ^ (y >>> 1) ^ (s[i + 1]! & 1 ? MATRIX_A : 0)) >>> 0;
    }
    const y = (s[N - 1]! & UMASK) | (s[0]! & LMASK);
    s[N - 1] = (s[M - 1]! ^ (y >>> 1) ^ (s[0]! & 1 ? MATRIX_A : 0)) >>> 0;
  }

  /** mt19937_engine::is_valid() */
  isValid(): boolean {
    return this.seeded && this.left > 0 && this.left <= MERSENNE_STATE_N && this.next <= MERSENNE_STATE_N;
  }

  data(): MT19937Data {
    return { seed: this.seedValue, left: this.left, seeded: this.seeded, next: this.next, state: this.state.slice() };
  }

  setData(d: MT19937Data): void {
    this.seedValue = d.seed;
    this.left = d.left;
    this.seeded = d.seeded;
    this.next = d.next;
    this.state.set(d.state);
  }

  clone(): MT19937 {
    const e = new MT19937(0n);
    e.setData(this.data());
    return e;
  }
}

/** Converts a seed to uint64 the way torch.manual_seed does (negative int64 values wrap). */
export function toUint64(seed: bigint | number): bigint {
  if (typeof seed === "number") {
    if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
    seed = BigInt(seed);
  }
  if (seed < -(1n << 63n) || seed >= 1n << 64n) {
    throw new RangeError(`seed must be within [-2^63, 2^64), got ${seed}`);
  }
  return BigInt.asUintN(64, seed);
}
