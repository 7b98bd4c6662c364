// Every public name of tensorgrad; index.ts re-exports it as named exports and as the default namespace.
import * as autogradNs from "./autograd/index.js";
import { setZerosFactory } from "./autograd/node.js";
import { full } from "./ops/creation.js";
import * as optimNs from "./optim/index.js";

setZerosFactory((shape, dtype) => full(shape as number[], 0, { dtype }));

export { Tensor } from "./tensor/tensor.js";
export type { TensorOrScalar, IndexItem, NestedArray, BackwardOptions } from "./tensor/tensor.js";
export {
  DType, float32, float64, int64, int32, bool, float, double, long, int, getDefaultDtype, setDefaultDtype, promoteTypes,
} from "./tensor/dtype.js";
export { setPrintoptions, getPrintoptions } from "./tensor/format.js";
export { RuntimeError, ValueError, IndexError, TorchTypeError } from "./errors.js";
export { noGrad, enableGrad, inferenceMode, setGradEnabled, isGradEnabled, isInferenceModeEnabled } from "./autograd/grad_mode.js";
export {
  tensor, zeros, ones, full, empty, zerosLike, onesLike, fullLike, emptyLike, arange, linspace, rand, randn, randLike, randnLike,
  manualSeed,
} from "./ops/creation.js";
export type { TensorOptions, RandomOptions } from "./ops/creation.js";
export { Generator, defaultGenerator } from "./random/generator.js";
export { seed, initialSeed, getRngState, setRngState } from "./ops/creation.js";
export * as plot from "./plot/index.js";
// Issue 3 op groups: each module exports its torch.* functions and installs its Tensor methods.
export * from "./ops/math_ops.js";
export * from "./ops/reduction_ops.js";
export * from "./ops/shape_ops.js";
export * from "./ops/index_ops.js";
export * from "./ops/scatter_reduce.js";
export * from "./ops/linalg_ops.js";
export * from "./ops/random_ops.js";
export * as linalg from "./linalg/index.js";
export * as nn from "./nn/index.js";
export * from "./torch.js";
export { setNumThreads, getNumThreads } from "./backend/parallel_ts.js";
// why kernels do or do not run on the worker pool here (a page's main thread cannot block: single-threaded)
export { threadPoolInfo, setThreadOptions } from "./backend/threads.js";
export { poolInfo as memoryInfo } from "./backend/wasm_memory.js";
export { setBackend, getBackend, initBackend, backendInfo } from "./backend/index.js";
export const autograd = autogradNs;
export const optim = optimNs;
