// torch.nn.functional
export {};
