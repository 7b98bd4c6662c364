"""Golden fixture for src/tensor/format.ts: repr() of many CPU tensors.

Run from the repo root with Debian's torch:  /usr/bin/python3 scripts/golden/print_cases.py
Writes test/fixtures/print.json, a list of
  { shape, dtype, values, requiresGrad, gradFnName, options, defaultDtype, repr }
where values are flat row-major JSON numbers (nan/inf/-inf/-0 as strings, bool as 0/1),
options is null or the setPrintoptions() argument in tensorgrad spelling, and
defaultDtype is torch.get_default_dtype() at print time ("float32" unless noted).

torch 1.13's torch/_tensor_str.py matches 2.x for CPU strided real tensors
(2.x only adds float8/mtia handling there), so no case needs a 2.x override.
"""
import json
import math
import os
import random

import torch

DTYPES = {
    torch.float32: "float32",
    torch.float64: "float64",
    torch.int64: "int64",
    torch.int32: "int32",
    torch.bool: "bool",
}
BY_NAME = {v: k for k, v in DTYPES.items()}

cases = []


def encode(v):
    if isinstance(v, bool):
        return 1 if v else 0
    if isinstance(v, int):
        assert abs(v) <= 2**53, v
        return v
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    if v == 0 and math.copysign(1.0, v) < 0:
        return "-0"
    return v


def to_options_kwargs(options):
    """tensorgrad option names -> torch.set_printoptions kwargs."""
    names = {"precision": "precision", "threshold": "threshold", "edgeitems": "edgeitems",
             "linewidth": "linewidth", "profile": "profile", "sciMode": "sci_mode"}
    return {names[k]: v for k, v in options.items()}


def add(t, options=None, default_dtype="float32", note=None):
    """Record repr(t) under the given print options / default dtype, then reset both."""
    if options is not None:
        torch.set_printoptions(**to_options_kwargs(options))
    torch.set_default_dtype(BY_NAME[default_dtype])
    try:
        text = repr(t)
    finally:
        torch.set_printoptions(profile="default")
        torch.set_default_dtype(torch.float32)
    grad_fn = type(t.grad_fn).__name__ if t.grad_fn is not None else None
    case = {
        "shape": list(t.shape),
        "dtype": DTYPES[t.dtype],
        "values": [encode(v) for v in t.detach().reshape(-1).tolist()],
        "requiresGrad": bool(t.requires_grad),
        "gradFnName": grad_fn,
        "options": options,
        "defaultDtype": default_dtype,
        "repr": text,
    }
    if note:
        case["note"] = note
    cases.append(case)


def T(data, dtype=torch.float32, **kw):
    return torch.tensor(data, dtype=dtype, **kw)


nan, inf = float("nan"), float("inf")

# ---- 0-d tensors, every dtype -------------------------------------------------
for v in [2.0, 2.5, -0.0, 0.0, nan, inf, -inf, 1e-5, 1e10, 0.1, -3.75, 123456789.0, 1e-4]:
    add(T(v))
    add(T(v, torch.float64))
for v in [0, 5, -7, 2**53, -(2**53), 1234567890123]:
    add(T(v, torch.int64))
for v in [0, 3, -2147483648, 2147483647]:
    add(T(v, torch.int32))
add(T(True, torch.bool))
add(T(False, torch.bool))
add(T(2.0, requires_grad=True))
add(T(1.5, torch.float64, requires_grad=True))

# ---- empty tensors -------------------------------------------------------------
for shape in [(0,), (0, 3), (2, 0, 4), (3, 0), (1, 1, 0, 2)]:
    for dt in DTYPES:
        add(torch.zeros(shape, dtype=dt))
add(torch.zeros((0,), requires_grad=True))
add(torch.zeros((0, 2), dtype=torch.float64, requires_grad=True))

# ---- 1-d basics -----------------------------------------------------------------
add(T([1.0, 2.0]))
add(T([1.0, 2.0], torch.float64))
add(T([1.0, 2.0], torch.float64, requires_grad=True))
add(T([1, 2, 3], torch.int64))
add(T([1, -22, 333], torch.int32))
add(T([True, False, True], torch.bool))
add(T([False, False], torch.bool))
add(T([2**53, -5, 0], torch.int64))
add(T([0.125, 0.5, -0.25]))
add(T([0.125, 2.5e-5]))
add(T([2.5e-5]))
add(T([1e8]))
add(T([1e8, 1.0]))
add(T([1e8 + 8, 1.0]))
add(T([123456789.0]))
add(T([123456789.0], torch.float64))
add(T([1.0, 1000.0]))
add(T([1.0, 1001.0]))
add(T([1.5, 1500.0]))
add(T([1.5, 1501.0]))
add(T([1e-4, 0.5], torch.float64))  # min == 1e-4 exactly: fixed mode in float64
add(T([1e-4, 0.5]))                 # float32(1e-4) < 1e-4: scientific
add(T([nan, inf, -inf, -0.0]))
add(T([nan, inf, -inf, -0.0, 1.0]))
add(T([nan, inf, -inf, -0.0, 1.5]))
add(T([nan, inf, -inf, 1e-7]))
add(T([nan]))
add(T([0.0, 0.0]))
add(T([-0.0, 0.0], torch.float64))
add(T([1 - 2**-24, 0.5]))          # float32 just under 1 prints 1.0000
add(T([1 - 2**-24]))
add(T([1 - 2**-53, 2.0], torch.float64))
add(T([0.03125, 0.09375, 0.15625]))  # exact ties at 4 decimals: half-to-even
add(T([1.03125, 1e-6]))              # exact tie at 5 significant digits
add(T([9.99996e-5, 1.0], torch.float64))  # sci rounding carries into the exponent
add(T([9.99995, 0.5], torch.float64))
add(T([-1.0, -2.0, 3.0]))
add(T([-1.5, 22.25, -333.125]))
add(T([1e20, 1.0], torch.float64))
add(T([1e20, 3e20], torch.float64))
add(T([1e22, 1.5e22], torch.float64))
add(T([1e300, -1e-300], torch.float64))
add(T([5e-324, 1.0], torch.float64))
add(T([1.7976931348623157e308], torch.float64))
add(T([3.4028234663852886e38, -1.0]))
add(T([1e-45, 1e-38]))
add(T([100.0, 200.0, -300.0]))
add(T([12345678.0, 1.0]))
add(T([99999999.0, 1.0], torch.float64))
add(T([0.1, 0.2, 0.3]))
add(T([0.1, 0.2, 0.3], torch.float64))
add(T([1 / 3, 2 / 3], torch.float64))
add(T([0.00015, 0.5]))
add(T([0.9999, 0.99995, 0.99994999], torch.float64))

# ---- ranks 2-4 ------------------------------------------------------------------
add(torch.arange(6, dtype=torch.float32).reshape(2, 3))
add(torch.arange(6, dtype=torch.int64).reshape(2, 3) - 2)
add(torch.arange(24, dtype=torch.float64).reshape(2, 3, 4) / 7)
add(torch.arange(24, dtype=torch.int32).reshape(2, 3, 4) * 1000)
add(torch.arange(16, dtype=torch.float32).reshape(2, 2, 2, 2) - 8)
add((torch.arange(120).reshape(2, 3, 4, 5) % 3 == 0))
add(T([[1e-5, 1.0], [nan, -inf]]))
add(T([[1.0, 2.0], [3.0, 4.0]], requires_grad=True))
add(T([[[1]], [[2]]], torch.int64))
add(torch.zeros(1, 1, 1, 1))

# ---- requires_grad / grad_fn -------------------------------------------------------
x = T([1.0, 2.0, 3.0], requires_grad=True)
add(x * 2)
add(x + 1)
add(x.sum())
add(x.exp())
xd = T([[0.5, -1.25], [3.0, 4.0]], torch.float64, requires_grad=True)
add(xd @ xd)
add(xd.mean())
add(xd.relu())
add(T(torch.arange(30, dtype=torch.float32).tolist(), requires_grad=True) * 1.5)

# ---- long rows wrapping at linewidth, suffix wrapping ---------------------------
add(torch.arange(40, dtype=torch.float32))
add(torch.arange(40, dtype=torch.float32) / 3)
add(torch.arange(40, dtype=torch.int64) * 12345)
add(torch.arange(40, dtype=torch.float64) * 1e-6)
add(torch.arange(75, dtype=torch.float32).reshape(3, 25) + 0.5)
add(torch.arange(60, dtype=torch.int32).reshape(2, 2, 15))
add(T([1.5] * 9, torch.float64))     # last line long: dtype suffix wraps
add(T([1.5] * 10, torch.float64))
add(T([1.5] * 9, torch.float64, requires_grad=True))
add(T([11.5] * 8, torch.float64, requires_grad=True))
add(T([1.25] * 7, torch.float64, requires_grad=True) * 2)
add(T(list(range(20)), torch.int32, requires_grad=False))
add(T(list(range(21)), torch.int32))

# ---- summarisation (> threshold elements) ------------------------------------------
add(torch.arange(2000, dtype=torch.float32))
add(torch.arange(1001, dtype=torch.int64))
add(torch.arange(1000, dtype=torch.int64))  # exactly threshold: not summarised
add(torch.arange(2500, dtype=torch.float64).reshape(50, 50) / 10)
add(torch.arange(8000, dtype=torch.float32).reshape(20, 20, 20) - 4000)
add(torch.arange(10000, dtype=torch.int32).reshape(10, 10, 10, 10))
add(torch.arange(1200, dtype=torch.float32).reshape(3, 400) / 7)  # only inner dim summarised
add(torch.arange(1200, dtype=torch.float32).reshape(400, 3))      # only outer dim summarised
add((torch.arange(3000).reshape(30, 100) % 7 == 0))
big = torch.ones(2000)
big[1000] = 1e10  # hidden by summarisation: must not switch to sci mode
big[3] = 0.5
add(big)
big2 = torch.full((40, 40), 2.0, dtype=torch.float64)
big2[20, 20] = 1e-9
big2[0, 0] = -7.25
add(big2)
add(torch.arange(2000, dtype=torch.float32, requires_grad=True))

# ---- print option variants ---------------------------------------------------------
v = T([0.125, 1.23456, -7.5, 100.0])
add(v, {"precision": 2})
add(v, {"precision": 0})
add(v, {"precision": 8})
add(T([1.0, 2.0, 3.0]), {"precision": 0})
add(T([1e-5, 1.0]), {"precision": 0})
add(v, {"sciMode": True})
add(v, {"sciMode": False})
add(T([1e-5, 1e10], torch.float64), {"sciMode": False})
add(T([1.0, 2.0, 3.0]), {"sciMode": True})
add(T([1, 2, 3], torch.int64), {"sciMode": True})
add(v, {"profile": "short"})
add(torch.arange(2000, dtype=torch.float32) / 3, {"profile": "short"})
add(torch.arange(1500, dtype=torch.int64), {"profile": "full"})
add(torch.arange(2000, dtype=torch.float32).reshape(40, 50), {"profile": "full"})
add(torch.arange(30, dtype=torch.float32) / 7, {"linewidth": 40})
add(torch.arange(30, dtype=torch.float64).reshape(3, 10), {"linewidth": 40})
add(T([1.5] * 5, torch.float64, requires_grad=True), {"linewidth": 40})
add(torch.arange(10), {"threshold": 5})
add(torch.arange(36, dtype=torch.float32).reshape(6, 6), {"threshold": 5})
add(torch.arange(100, dtype=torch.float32).reshape(10, 10), {"threshold": 5, "edgeitems": 1})
add(torch.arange(2000, dtype=torch.int64), {"edgeitems": 1})
add(torch.arange(5000, dtype=torch.float32).reshape(10, 10, 50), {"edgeitems": 1, "precision": 2})
add(v, {"profile": "short", "precision": 3, "sciMode": True})
add(torch.arange(20, dtype=torch.float32), {"linewidth": 10})
add(T([123456.5]), {"linewidth": 5})
add(T(2.5), {"threshold": 0})                       # 0-d summarised: get_summarized_data returns it
add(torch.arange(5.0), {"threshold": 3, "edgeitems": 0})  # Python's self[-0:] is the whole axis
add(T([1e20, 1.0], torch.float64), {"sciMode": False})   # int mode "{:.0f}" prints every digit
add(T([1e20, 1.0]), {"sciMode": False})                  # float32(1e20) = 100000002004087734272
add(T([nan, 0.0, inf]), {"sciMode": True})               # no nonzero finite value: sci_mode is never applied
add(T([0.0, 1e-5]), {"sciMode": True, "precision": 0})

# ---- default dtype float64 ---------------------------------------------------------
add(T([1.0, 2.5]), default_dtype="float64")
add(T([1.0, 2.5], torch.float64), default_dtype="float64")
add(torch.zeros((0,), dtype=torch.float64), default_dtype="float64")
add(torch.zeros((0, 2), dtype=torch.float32), default_dtype="float64")
add(T(3.0, torch.float64, requires_grad=True), default_dtype="float64")
add(T([1, 2], torch.int64), default_dtype="float64")

# ---- seeded random cases -----------------------------------------------------------
rng = random.Random(1234)
gen = torch.Generator().manual_seed(1234)


def random_values(n, dtype):
    if dtype is torch.bool:
        return torch.rand(n, generator=gen) < 0.5
    if dtype in (torch.int64, torch.int32):
        hi = rng.choice([10, 1000, 10**6, 2**31 - 1 if dtype is torch.int32 else 2**53])
        return torch.tensor([rng.randint(-hi, hi) for _ in range(n)], dtype=dtype)
    kind = rng.choice(["normal", "small", "big", "mixed", "ints", "uniform", "special"])
    if kind == "normal":
        vals = torch.randn(n, generator=gen, dtype=torch.float64)
    elif kind == "small":
        vals = torch.randn(n, generator=gen, dtype=torch.float64) * 10 ** rng.uniform(-9, -3)
    elif kind == "big":
        vals = torch.randn(n, generator=gen, dtype=torch.float64) * 10 ** rng.uniform(4, 12)
    elif kind == "mixed":
        vals = torch.randn(n, generator=gen, dtype=torch.float64) * torch.pow(
            10.0, torch.randint(-6, 7, (n,), generator=gen).double())
    elif kind == "ints":
        vals = torch.randint(-500, 500, (n,), generator=gen).double()
    elif kind == "uniform":
        vals = torch.rand(n, generator=gen, dtype=torch.float64) * rng.choice([1, 10, 100, 1000])
    else:
        pool = [nan, inf, -inf, -0.0, 0.0, 1.0, 0.5, 1e-5, 1e9, -2.0]
        vals = torch.tensor([rng.choice(pool) for _ in range(n)], dtype=torch.float64)
    return vals.to(dtype)


for i in range(90):
    rank = rng.choice([0, 1, 1, 2, 2, 3, 4])
    if rng.random() < 0.12:  # occasionally large enough to summarise
        shape = {0: (), 1: (rng.randint(1001, 1500),), 2: (rng.randint(20, 60), rng.randint(20, 60)),
                 3: (rng.randint(8, 14), rng.randint(8, 14), rng.randint(8, 14)),
                 4: (rng.randint(6, 8),) * 4}[rank]
    else:
        shape = tuple(rng.randint(1, 6) for _ in range(rank))
    dtype = rng.choice(list(DTYPES))
    n = 1
    for s in shape:
        n *= s
    t = random_values(n, dtype).reshape(shape)
    grad_kind = rng.random()
    if dtype.is_floating_point and grad_kind < 0.15:
        t = t.clone().requires_grad_(True)
    elif dtype.is_floating_point and grad_kind < 0.25:
        t = t.clone().requires_grad_(True) * 1.0
    opts = None
    if rng.random() < 0.2:
        opts = rng.choice([{"precision": 2}, {"sciMode": True}, {"sciMode": False},
                           {"linewidth": 50}, {"profile": "short"}, {"edgeitems": 2, "threshold": 20}])
    add(t, opts)

os.makedirs("test/fixtures", exist_ok=True)
with open("test/fixtures/print.json", "w") as f:
    json.dump(cases, f, indent=None, separators=(",", ":"), allow_nan=False)
    f.write("\n")
print(f"wrote {len(cases)} cases to test/fixtures/print.json")
