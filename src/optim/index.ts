// torch.optim
export { Optimizer } from "./optimizer.js";
export type { ParamGroup } from "./optimizer.js";
export { SGD } from "./sgd.js";
export type { SGDOptions } from "./sgd.js";
