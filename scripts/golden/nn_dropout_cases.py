"""Golden fixture for torch.nn.functional.dropout's random numbers (test/nn_dropout.test.ts).

Run from the repo root with Debian's torch:  /usr/bin/python3 scripts/golden/nn_dropout_cases.py
Writes test/fixtures/nn_dropout.json:

  {"torch": version, "cases": [Case]}

Case: {seed, p, shape, dtype, pre (how many torch.rand values were drawn after seeding, before the
dropout), training, input: flat values, output: flat values, grad: gradient of output.sum() w.r.t. the
input, gradFn, after: the next two float64 torch.rand draws}; cases with `make` ("t", "permute", "slice")
drop out a non-contiguous view of the 60-element base given as `input`. The input is linspace(-2, 3) (no random draws); PyTorch's CPU dropout is
empty_like(input).bernoulli_(1 - p), divided by 1 - p, times the input; bernoulli_ with a float p is
the same in 1.13 and 2.x (see src/random/generator.ts), so the numbers hold for both.
Floats are JSON numbers (exact float32/float64 values); -0.0 as the string "-0".
"""
import json
import math
import os

import torch
import torch.nn.functional as F

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT = os.path.join(ROOT, "test", "fixtures", "nn_dropout.json")
DTYPES = {"float32": torch.float32, "float64": torch.float64}


def enc(v):
    if v == 0 and math.copysign(1.0, v) < 0:
        return "-0"
    return v


cases = []
for seed in (0, 42, 123456789):
    for p in (0.1, 0.5, 1 / 3):
        for shape in ([1], [7], [4, 5], [2, 3, 20]):
            for dtype in ("float32", "float64"):
                for pre in (0, 3):
                    n = 1
                    for s in shape:
                        n *= s
                    x = torch.linspace(-2, 3, n, dtype=DTYPES[dtype]).reshape(shape).requires_grad_()
                    torch.manual_seed(seed)
                    if pre:
                        torch.rand(pre)
                    y = F.dropout(x, p)
                    y.sum().backward()
                    cases.append({
                        "seed": seed, "p": p, "shape": shape, "dtype": dtype, "pre": pre, "training": True,
                        "input": [enc(v) for v in x.detach().reshape(-1).tolist()],
                        "output": [enc(v) for v in y.detach().reshape(-1).tolist()],
                        "grad": [enc(v) for v in x.grad.reshape(-1).tolist()],
                        "gradFn": type(y.grad_fn).__name__,
                        # the generator's next draw after the dropout: dropout consumed exactly what PyTorch's did
                        "after": torch.rand(2, dtype=torch.float64).tolist(),
                    })

# non-contiguous inputs: the noise is empty_like(input, LEGACY_CONTIGUOUS_MEMORY_FORMAT), row-major in
# the input's logical order whatever its layout; the product takes the layout TensorIterator gives it
for seed in (0, 42):
    for make in ("t", "permute", "slice"):
        base = torch.linspace(-2, 3, 60, dtype=torch.float32)
        if make == "t":
            x = base.reshape(6, 10).t()
        elif make == "permute":
            x = base.reshape(3, 4, 5).permute(2, 0, 1)
        else:
            x = base.reshape(6, 10)[:, ::2]
        x = x.detach().requires_grad_()
        torch.manual_seed(seed)
        y = F.dropout(x, 0.4)
        y.sum().backward()
        cases.append({
            "seed": seed, "p": 0.4, "shape": list(x.shape), "dtype": "float32", "pre": 0, "training": True, "make": make,
            "input": [enc(v) for v in base.tolist()],
            "output": [enc(v) for v in y.detach().reshape(-1).tolist()],
            "grad": [enc(v) for v in x.grad.reshape(-1).tolist()],
            "gradFn": type(y.grad_fn).__name__,
            "after": torch.rand(2, dtype=torch.float64).tolist(),
            "strides": list(y.stride()),
        })

with open(OUT, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f)
print(f"wrote {len(cases)} cases to {OUT}")
