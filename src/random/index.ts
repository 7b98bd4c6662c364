/**
 * PyTorch-exact CPU random number generation (mt19937 + ATen's CPU samplers),
 * as pure functions over typed arrays. See ./generator.ts.
 */
export {
  CPU_GENERATOR_STATE_SIZE,
  DEFAULT_RNG_SEED,
  Generator,
  RANDPERM_SMALL_N_LIMIT,
  defaultGenerator,
  type FloatArray,
  type FloatDType,
  type GeneratorOptions,
  type RandomBehavior,
} from "./generator.js";
export { MERSENNE_STATE_M, MERSENNE_STATE_N, MT19937, toUint64, type MT19937Data } from "./mt19937.js";
export { fma, fmaf } from "./fma.js";
export { glibcLog, glibcLog1p, glibcSincos, sincosOut } from "./libm.js";
