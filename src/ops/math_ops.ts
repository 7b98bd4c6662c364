// Issue 3 op group (math_ops): torch.* functions exported here; Tensor methods installed with
// installMethods (see src/tensor/methods.ts for the pattern).
export {};
