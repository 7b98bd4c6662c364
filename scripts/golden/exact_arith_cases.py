"""Exact elementwise arithmetic: add/sub with and without alpha, mul, div, in float32 and float64,
as PyTorch computes them (add/sub with alpha are one fused multiply-add in the op's precision).
Writes test/fixtures/exact_arith.json; test/exact_arith.test.ts demands bit-equal results."""
import json, os
import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "exact_arith.json")
g = torch.Generator().manual_seed(7)
cases = []
for dtype in [torch.float32, torch.float64]:
    a = (torch.randn(400, generator=g, dtype=torch.float64) * 10).to(dtype)
    b = (torch.randn(400, generator=g, dtype=torch.float64) * 10).to(dtype)
    for op, alpha in [("add", 1), ("add", -0.0123456789), ("add", 3.3), ("sub", 1), ("sub", 0.7), ("mul", None), ("div", None)]:
        if alpha is None:
            out = getattr(torch, op)(a, b)
        else:
            out = getattr(torch, op)(a, b, alpha=alpha)
        inplace = a.clone()
        if alpha is not None:
            getattr(inplace, op + "_")(b, alpha=alpha)
        else:
            getattr(inplace, op + "_")(b)
        assert torch.equal(out, inplace)
        cases.append({"op": op, "alpha": alpha, "dtype": str(dtype).replace("torch.", ""), "a": a.tolist(), "b": b.tolist(), "out": out.tolist()})
json.dump({"torch": torch.__version__, "cases": cases}, open(OUT, "w"))
print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}")
