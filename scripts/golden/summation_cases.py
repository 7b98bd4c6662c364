"""Golden fixture for float sums and matrix products, bit for bit: PyTorch's own float32/float64 numbers.

Run from the repo root with Debian's torch:  /usr/bin/python3 scripts/golden/summation_cases.py
Writes test/fixtures/summation.json:

  { "torch": version, "threads": 1, "_comment": ..., "cases": [Case] }

Case: {id: "group#n", op, dtype, inputs: [Input], dim?, keepdim?, shape, values}
  op       "sum" | "mean" | "mm" | "mv" | "dot" | "bmm" | "matmul"
  dim      null (all dims), an int or a list of ints (sum/mean only)
  shape    the result's shape; values: its elements in row-major order
Input: {base: [sizes], dist, seed, make?: [transform, ...]}
  The base is a contiguous tensor whose element i is gen(dist, seed, i) (below) rounded to the dtype;
  the operand is the base after the transforms: ["t"], ["transpose", d0, d1], ["permute", [dims]],
  ["slice", dim, start, stop, step], ["select", dim, i], ["expand", [sizes]], ["unsqueeze", dim].

The values come from a counter-based hash so that the test rebuilds the inputs instead of reading
them (a few cases have millions of elements): integer hashing and double +, -, * only, which Python
and JavaScript compute identically.

  h(n)         = lowbias32 (x ^= x >> 16; x *= 0x7feb352d; x ^= x >> 15; x *= 0x846ca68b; x ^= x >> 16), mod 2^32
  key(i, j)    = (seed * 0x9E3779B1 + 16 i + j) mod 2^32
  u(i, j)      = ((h(key(i, 2j)) >> 5) * 2^26 + (h(key(i, 2j + 1)) >> 6)) / 2^53      (uniform in [0, 1))
  normal(i)    = ((((u(i,0) + u(i,1)) + u(i,2)) + u(i,3)) - 2) * 1.7320508075688772  (mean 0, variance 1)
  dist "normal": normal(i);  "uniform": 100 u(i, 0);  "onetiny": 1 then eps, eps, ...
  dist "mixed":  by h(key(i, 15)) mod 10: 1, eps, -eps, big, -big, 1000 normal(i), normal(i),
                 eps normal(i), 3 eps, normal(i)   with eps = 2^-24, big = 1e8 (float32) or 2^-53, 1e16 (float64)

Results are the sums PyTorch computes on one thread (torch.set_num_threads(1)): with more threads,
sums of 32768 elements or more are split between the threads and come out differently.
Encoding: floats as JSON numbers, float32 ones in the shortest decimal that rounds back to the same float32
(so the test reads them through Math.fround); "nan", "inf", "-inf" as strings.
"""
import json
import os
import random

import numpy as np
import torch

torch.set_num_threads(1)

DTYPES = {"float32": torch.float32, "float64": torch.float64}


def h(x):
    x = x.astype(np.uint32)
    x ^= x >> np.uint32(16)
    x *= np.uint32(0x7FEB352D)
    x ^= x >> np.uint32(15)
    x *= np.uint32(0x846CA68B)
    x ^= x >> np.uint32(16)
    return x


def gen(dist, seed, n, dtype):
    i = np.arange(n, dtype=np.uint64)
    s = np.uint64((seed * 0x9E3779B1) % 2**32)

    def key(j):
        return (s + i * np.uint64(16) + np.uint64(j)) & np.uint64(0xFFFFFFFF)

    def u(j):
        hi = (h(key(2 * j)) >> np.uint32(5)).astype(np.float64)
        lo = (h(key(2 * j + 1)) >> np.uint32(6)).astype(np.float64)
        return (hi * 67108864.0 + lo) / 9007199254740992.0

    def normal():
        return ((((u(0) + u(1)) + u(2)) + u(3)) - 2.0) * 1.7320508075688772

    eps, big = (2.0**-24, 1e8) if dtype == "float32" else (2.0**-53, 1e16)
    if dist == "normal":
        v = normal()
    elif dist == "uniform":
        v = u(0) * 100.0
    elif dist == "onetiny":
        v = np.full(n, eps)
        if n:
            v[0] = 1.0
    elif dist == "mixed":
        kind = h(key(15)) % np.uint32(10)
        nrm = normal()
        choices = [np.full(n, 1.0), np.full(n, eps), np.full(n, -eps), np.full(n, big), np.full(n, -big),
                   nrm * 1000.0, nrm, nrm * eps, np.full(n, 3 * eps), nrm]
        v = np.choose(kind.astype(np.int64), choices)
    else:
        raise ValueError(dist)
    return torch.from_numpy(v.astype(np.float32 if dtype == "float32" else np.float64))


def make_input(spec, dtype):
    n = int(np.prod(spec["base"])) if spec["base"] else 1
    x = gen(spec["dist"], spec["seed"], n, dtype).reshape(spec["base"])
    for tr in spec.get("make", []):
        op = tr[0]
        if op == "t":
            x = x.t()
        elif op == "transpose":
            x = x.transpose(tr[1], tr[2])
        elif op == "permute":
            x = x.permute(*tr[1])
        elif op == "slice":
            idx = (slice(None),) * tr[1] + (slice(tr[2], tr[3], tr[4]),)
            x = x[idx]
        elif op == "select":
            x = x.select(tr[1], tr[2])
        elif op == "expand":
            x = x.expand(*tr[1])
        elif op == "unsqueeze":
            x = x.unsqueeze(tr[1])
        else:
            raise ValueError(op)
    return x


class Num(float):
    """A float written as the shortest decimal that reads back as the same float32 (or float64)."""

    def __new__(cls, v, dtype):
        obj = super().__new__(cls, v)
        obj.text = repr(np.float32(v)) if dtype == "float32" else repr(float(v))
        return obj


def enc(v, dtype):
    if v != v:
        return "nan"
    if v in (float("inf"), float("-inf")):
        return "inf" if v > 0 else "-inf"
    return Num(v, dtype)


def dumps(obj):
    """Compact JSON; Num values are written with their own shortest text."""
    if isinstance(obj, Num):
        return obj.text
    if isinstance(obj, dict):
        return "{" + ",".join(json.dumps(k) + ":" + dumps(v) for k, v in obj.items()) + "}"
    if isinstance(obj, list):
        return "[" + ",".join(dumps(v) for v in obj) + "]"
    return json.dumps(obj)


cases = []
seed_counter = [1000]


def inp(base, dist, make=(), seed=None):
    if seed is None:
        seed_counter[0] += 1
        seed = seed_counter[0]
    spec = {"base": list(base), "dist": dist, "seed": seed}
    if make:
        spec["make"] = [list(t) for t in make]
    return spec


def add(group, op, dtype, inputs, dim=None, keepdim=None):
    xs = [make_input(s, dtype) for s in inputs]
    if op in ("sum", "mean"):
        f = getattr(torch, op)
        if dim is None:
            r = f(xs[0]) if not keepdim else f(xs[0], dim=list(range(xs[0].dim())), keepdim=True)
        else:
            r = f(xs[0], dim=dim, keepdim=bool(keepdim))
    else:
        r = getattr(torch, op)(*xs)
    case = {"id": f"{group}#{len(cases)}", "op": op, "dtype": dtype, "inputs": inputs}
    if op in ("sum", "mean"):
        case["dim"] = dim
        case["keepdim"] = bool(keepdim)
    case["shape"] = list(r.shape)
    case["values"] = [enc(v, dtype) for v in r.reshape(-1).tolist()]
    cases.append(case)


rng = random.Random(20240611)

# ---- 1-D sums over every length 1..200 and a few long ones ---------------------------------------
for n in range(1, 201):
    add("sum-1d", "sum", "float32", [inp([n], "mixed")])
    add("sum-1d", "sum", "float32", [inp([n], "normal")])
    add("sum-1d", "sum", "float64", [inp([n], "mixed")])
    add("sum-1d", "sum", "float64", [inp([n], "normal")])
    add("mean-1d", "mean", "float32", [inp([n], "mixed")])
    add("mean-1d", "mean", "float64", [inp([n], "normal")])
for n in [1000, 4097, 65537, 1 << 20]:
    for dtype in DTYPES:
        for dist in ["mixed", "normal", "onetiny", "uniform"]:
            add("sum-1d-long", "sum", dtype, [inp([n], dist)])
        add("mean-1d-long", "mean", dtype, [inp([n], "uniform")])
# strided 1-D: every other / every third element, and a reversed-looking transposed column
for n in [5, 8, 9, 16, 17, 33, 64, 100, 129, 200, 4097]:
    for dtype in DTYPES:
        add("sum-1d-strided", "sum", dtype, [inp([2 * n], "mixed", [("slice", 0, 1, None, 2)])])
        add("sum-1d-strided", "sum", dtype, [inp([n, 3], "normal", [("select", 1, 2)])])
        add("mean-1d-strided", "mean", dtype, [inp([3 * n + 1], "mixed", [("slice", 0, 1, None, 3)])])

# ---- 2-D: each dim, both, keepdim; contiguous, transposed, sliced --------------------------------
SIZES = [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 40, 64, 65, 100, 129]
pairs = [(r, c) for r in SIZES for c in SIZES]
rng.shuffle(pairs)
for r, c in pairs[:90]:
    dtype = rng.choice(list(DTYPES))
    dist = rng.choice(["mixed", "normal", "mixed", "uniform"])
    for make, base in [((), [r, c]), ((("t",),), [c, r]), ((("slice", 1, 0, None, 2),), [r, 2 * c]),
                       ((("slice", 0, 1, None, 3), ("t",)), [3 * c, r])]:
        for dim in [0, 1, -1, [0, 1], None]:
            keepdim = rng.random() < 0.3
            op = "mean" if rng.random() < 0.25 else "sum"
            add("2d", op, dtype, [inp(base, dist, make)], dim, keepdim)
# long reductions through the cascade's deeper levels, along each dim
# (the long dim is reduced; 524289 rows make the cascade's blocks 32 long instead of 16)
for shape in [(4097, 3), (3, 4097), (1000, 40), (40, 1000), (65537, 2), (2, 65537), (8, 8193), (8193, 8), (33, 2049), (524289, 4)]:
    long_dim = 0 if shape[0] > shape[1] else 1
    for dtype in DTYPES:
        for dim in [long_dim, None]:
            add("2d-long", "sum", dtype, [inp(shape, "mixed")], dim)
    add("2d-long", "sum", "float32", [inp(shape[::-1], "normal", [("t",)])], long_dim)
    add("2d-long", "mean", "float64", [inp(shape[::-1], "uniform", [("t",)])], long_dim)

# ---- 3-D: every subset of dims, permuted and sliced inputs ----------------------------------------
DIMSETS = [0, 1, 2, -1, [0, 1], [0, 2], [1, 2], [2, 0], [0, 1, 2], None]
SHAPES3 = [(2, 3, 4), (3, 5, 7), (4, 8, 9), (5, 17, 3), (9, 4, 33), (16, 16, 16), (7, 1, 40), (1, 33, 9), (40, 3, 1),
           (65, 2, 8), (2, 65, 8), (8, 2, 65), (3, 100, 5), (12, 10, 36)]
PERMS = [[0, 1, 2], [2, 1, 0], [1, 0, 2], [0, 2, 1], [1, 2, 0], [2, 0, 1]]
for shape in SHAPES3:
    for dtype in DTYPES:
        for perm in PERMS:
            base = [shape[p] for p in perm]
            inv = [perm.index(i) for i in range(3)]
            make = [] if perm == [0, 1, 2] else [("permute", inv)]
            for dim in DIMSETS:
                if rng.random() < 0.6:
                    continue
                keepdim = rng.random() < 0.3
                op = "mean" if rng.random() < 0.2 else "sum"
                add("3d", op, dtype, [inp(base, rng.choice(["mixed", "normal"]), make)], dim, keepdim)
        # sliced with steps, then permuted
        a, b, c = shape
        for dim in DIMSETS:
            add("3d-sliced", "sum", dtype,
                [inp([a, 2 * b + 1, c + 3], "mixed", [("slice", 1, 1, None, 2), ("slice", 2, 2, 2 + c, 1), ("permute", [2, 0, 1])])],
                dim, rng.random() < 0.3)

# ---- broadcast (expanded) inputs: stride-0 dims -------------------------------------------------
for n, m in [(3, 4), (4, 3), (5, 8), (8, 5), (9, 17), (17, 9), (33, 33), (100, 7), (7, 100), (1, 40), (40, 1)]:
    for dtype in DTYPES:
        for dim in [None, 0, 1]:
            add("expanded", "sum", dtype, [inp([1, n], "mixed", [("expand", [m, n])])], dim)
            add("expanded", "sum", dtype, [inp([n, 1], "mixed", [("expand", [n, m])])], dim)
        add("expanded", "mean", dtype, [inp([n], "normal", [("unsqueeze", 0), ("expand", [m, n])])])
        add("expanded", "sum", dtype, [inp([n, 1, 3], "mixed", [("expand", [n, m, 3])])], None)
        add("expanded", "sum", dtype, [inp([n, 1, 3], "mixed", [("expand", [n, m, 3])])], [0, 1])
        add("expanded", "sum", dtype, [inp([1], "normal", [("expand", [n * m])])], None)

# ---- small and degenerate shapes -------------------------------------------------------------------
for dtype in DTYPES:
    add("degenerate", "sum", dtype, [inp([], "normal")])
    add("degenerate", "mean", dtype, [inp([], "normal")])
    add("degenerate", "sum", dtype, [inp([], "normal")], 0)
    add("degenerate", "sum", dtype, [inp([0], "normal")])
    add("degenerate", "mean", dtype, [inp([0], "normal")])
    add("degenerate", "sum", dtype, [inp([0, 3], "normal")], 0)
    add("degenerate", "mean", dtype, [inp([0, 3], "normal")], 0)
    add("degenerate", "sum", dtype, [inp([3, 0], "normal")], 0)
    add("degenerate", "sum", dtype, [inp([1, 1, 1], "normal")], [0, 2], True)
    add("degenerate", "sum", dtype, [inp([5, 1], "mixed")], 1)
    add("degenerate", "sum", dtype, [inp([1, 9], "mixed")], 0, True)
    add("degenerate", "sum", dtype, [inp([9, 1, 9], "mixed")], [0, 1])
    add("degenerate", "sum", dtype, [inp([9, 1, 9], "mixed", [("transpose", 0, 2)])], [0, 1], True)
    add("degenerate", "sum", dtype, [inp([9, 9, 1], "mixed", [("permute", [2, 0, 1])])], [1, 2])
    add("degenerate", "sum", dtype, [inp([4, 4], "mixed", [("unsqueeze", 1)])], [0, 1])
    add("degenerate", "sum", dtype, [inp([4, 17], "mixed", [("unsqueeze", 1)])], [0, 1])

# ---- matrix products ---------------------------------------------------------------------------------
KS = [1, 2, 3, 7, 8, 31, 32, 33, 100, 257]
for k in KS:
    for dtype in DTYPES:
        for m, n in [(1, 1), (1, 5), (5, 1), (3, 4), (17, 2), (2, 9)]:
            dist = rng.choice(["mixed", "normal"])
            add("mm", "mm", dtype, [inp([m, k], dist), inp([k, n], dist)])
            add("mm", "mm", dtype, [inp([k, m], dist, [("t",)]), inp([k, n], dist)])
            add("mm", "mm", dtype, [inp([m, k], dist), inp([n, k], dist, [("t",)])])
            add("mm", "mm", dtype, [inp([k, m], dist, [("t",)]), inp([n, k], dist, [("t",)])])
            add("mm", "mm", dtype, [inp([m, 2 * k], dist, [("slice", 1, 0, None, 2)]), inp([k + 1, n + 2], dist, [("slice", 0, 1, None, 1), ("slice", 1, 1, 1 + n, 1)])])
            add("matmul", "matmul", dtype, [inp([m, k], dist), inp([k, n], dist)])
        add("mv", "mv", dtype, [inp([5, k], "mixed"), inp([k], "mixed")])
        add("mv", "mv", dtype, [inp([k, 5], "mixed", [("t",)]), inp([k], "normal")])
        add("mv", "mv", dtype, [inp([4, 3 * k], "normal", [("slice", 1, 0, None, 3)]), inp([2 * k], "mixed", [("slice", 0, 1, None, 2)])])
        add("mv", "mv", dtype, [inp([7, k], "mixed"), inp([1], "mixed", [("expand", [k])])])
        add("dot", "dot", dtype, [inp([k], "mixed"), inp([k], "mixed")])
        add("dot", "dot", dtype, [inp([k], "normal"), inp([k], "uniform")])
        add("dot", "dot", dtype, [inp([2 * k], "mixed", [("slice", 0, 0, None, 2)]), inp([k, 3], "mixed", [("select", 1, 1)])])
        add("matmul", "matmul", dtype, [inp([k], "mixed"), inp([k], "mixed")])
        add("matmul", "matmul", dtype, [inp([6, k], "mixed"), inp([k], "normal")])
        add("matmul", "matmul", dtype, [inp([k], "mixed"), inp([k, 6], "normal")])
        # bmm: ATen's own loop below k*m*n = 400, one sgemm per batch above
        for b, m, n in [(1, 2, 3), (3, 4, 5), (2, 6, 5), (4, 1, 1), (2, 5, 8)]:
            dist = rng.choice(["mixed", "normal"])
            add("bmm", "bmm", dtype, [inp([b, m, k], dist), inp([b, k, n], dist)])
            add("bmm", "bmm", dtype, [inp([b, k, m], dist, [("transpose", 1, 2)]), inp([b, n, k], dist, [("transpose", 1, 2)])])
            add("bmm", "bmm", dtype, [inp([m, b, k], dist, [("transpose", 0, 1)]), inp([b, k, n], dist)])
            add("matmul", "matmul", dtype, [inp([b, m, k], dist), inp([k, n], dist)])
            add("matmul", "matmul", dtype, [inp([b, m, k], dist), inp([k], dist)])
            add("matmul", "matmul", dtype, [inp([m, k], dist), inp([b, k, n], dist)])
            add("matmul", "matmul", dtype, [inp([k], dist), inp([b, k, n], dist)])
            add("matmul", "matmul", dtype, [inp([2, 1, m, k], dist), inp([b, k, n], dist)])

out = {
    "torch": torch.__version__,
    "threads": torch.get_num_threads(),
    "_comment": (
        "PyTorch 1.13 on one thread, AVX2 kernels, reference BLAS. PyTorch 2.x sums the same way for float32 "
        "and float64 (SumKernel.cpp's cascade_sum, TensorIterator's reorder/coalesce and mean = sum / n are "
        "unchanged; 2.x only adds an accumulation buffer for bfloat16/half), and 2.x builds register the AVX2 "
        "sum kernel on AVX512 machines too. Matrix products are a plain k-order dot product per element on "
        "every path here (reference sgemm/sgemv/sdot, ATen's small-bmm loop); BLAS libraries such as MKL or "
        "OpenBLAS, used by the pip wheels, block the k loop and give other last bits."
    ),
    "cases": cases,
}
path = os.path.join("test", "fixtures", "summation.json")
with open(path, "w", encoding="utf-8") as f:
    f.write("{\n")
    for key in ["torch", "threads", "_comment"]:
        f.write(f" {json.dumps(key)}: {json.dumps(out[key], ensure_ascii=False)},\n")
    f.write(' "cases": [\n')
    f.write(",\n".join("  " + dumps(c) for c in cases))
    f.write("\n ]\n}\n")
print(f"wrote {path}: {len(cases)} cases")
