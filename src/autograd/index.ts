// torch.autograd
export { backward, grad } from "./functional.js";
export type { AutogradBackwardOptions, AutogradGradOptions } from "./functional.js";
export { Node, AccumulateGrad } from "./node.js";
export type { RemovableHandle, Edge } from "./node.js";
export { gradcheck, gradgradcheck, GradcheckError } from "./gradcheck.js";
export type { GradcheckOptions } from "./gradcheck.js";
export { Function, FunctionCtx } from "./function.js";
export * as functional from "./functional_api.js";
export { detectAnomaly, setDetectAnomaly, isAnomalyEnabled } from "./grad_mode.js";
