// torch.linalg
export {};
