// tensorgrad: PyTorch's tensors and autograd in TypeScript.
// `import * as torch from "tensorgrad"` and `import torch from "tensorgrad"` both give the whole namespace.
import * as torch from "./namespace.js";
export * from "./namespace.js";
export default torch;
