// How op groups add Tensor methods without editing tensor.ts: each group module declares the methods'
// types with a `declare module "../tensor/tensor.js" { interface Tensor { ... } }` augmentation and
// installs them here when it is first imported (namespace.ts imports every group).
// Core modules that tensor.ts imports must never import a group module (that would run the group
// before Tensor exists).
import { Tensor } from "./tensor.js";

export function installMethods(methods: Record<string, (this: Tensor, ...args: any[]) => unknown>): void {
  for (const [name, fn] of Object.entries(methods)) {
    if (Object.prototype.hasOwnProperty.call(Tensor.prototype, name)) throw new Error(`Tensor.${name} is already defined`);
    Object.defineProperty(Tensor.prototype, name, { value: fn, writable: true, configurable: true, enumerable: false });
  }
}
