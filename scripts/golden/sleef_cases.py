"""Golden fixture for src/backend/sleef.ts: PyTorch's CPU transcendental kernels, bit for bit.

Run from the repo root with Debian's torch:  /usr/bin/python3 scripts/golden/sleef_cases.py
Writes test/fixtures/sleef.json.

torch here is Debian's 1.13 ("CPU capability usage: AVX2", no MKL, linked against the system
libsleef 3.5.1), so float32/float64 exp, log, sin, ... go through SLEEF's AVX2 routines
(Sleef_expf8_u10, Sleef_expd4_u10, ...) and the scalar tails of cpu_kernel_vec ops through glibc
2.36's libm. torch.set_num_threads(1): with more threads, cpu_kernel_vec tensors above 32768
elements get one tail per thread chunk.

Every array is base64 of little-endian float32 / float64 (NaN, infinities and -0 survive).
Layout:
  meta: versions and notes
  inputs: {f32, f64}: one shared contiguous 1-D input per dtype (length a multiple of 16, so the
          cpu_kernel_vec ops have no tail there: that run is all vector lanes)
  unary[op][dt]:
    contig   op(x) on the whole 1-D tensor (vml ops: SLEEF on groups of 8/4 lanes; cpu_kernel_vec
             ops: all vector lanes)
    strided  op(x) on a stride-2 view of the same values (cpu_kernel_vec ops: all scalar lambda)
    zerodim  op(torch.tensor(x[i])) for i in zerodim_idx (vml: SLEEF; cpu_kernel_vec: scalar)
    tail     op(x[:tail_n]) for a length with a tail (cpu_kernel_vec ops)
  pow_tensor[dt]: a, b (same length, multiple of 16), contig = a ** b, strided (all scalar),
                  tail = a[:tail_n] ** b[:tail_n]
  pow_scalar[dt]: x, exps (float64 array of Python-float exponents), contig[k] = x ** exps[k],
                  strided[k] the same on a stride-2 view, tail[k] on x[:tail_n]
  atan2 / hypot[dt]: a, b (in atan2 only; hypot uses the same), contig, strided, tail as for
                  pow_tensor
  layouts: a few 2-D non-contiguous cases: {op, dt, shape, how, x (row-major values of the
           logical tensor), out (row-major values of the result)}
  scalar_special[op][dt] (sinc, erfinv, digamma: cpu_kernel with glibc's scalar routines): x,
           contig = op(x), strided = op on a stride-2 view of the same values
  atan2_dense[dt]: a denser atan2 sweep, laid out as atan2[dt]

PyTorch 2.x differences (src/backend/sleef.ts follows 1.13 where noted; the 2.x kernels are
exported too and were checked against libsleef's own Sleef_*_u35 / exp2 / acosh routines):
  * float32 sin / cos: recent 2.x main calls Sleef_sinf8_u35 / Sleef_cosf8_u35 (ATEN_2X_F32);
  * exp2: 2.x vectorises it (Sleef_exp2f8_u10 / Sleef_exp2d4_u10); 1.13 used std::exp2 only;
  * acosh: 2.x vectorises it (Sleef_acoshf8_u10 / Sleef_acoshd4_u10); 1.13 used std::acosh;
  * float32 erf: 2.x has its own polynomial (Vectorized<float>::erf), 1.13 Sleef_erff8_u10;
  * 2.x bundles SLEEF >= 3.6, whose erf (float64), lgamma and log1p (beyond 1e307) changed.
The fixture holds 1.13's numbers throughout.
"""
import base64
import json
import math
import os
import struct

import numpy as np
import torch

torch.set_num_threads(1)
rng = np.random.default_rng(20240607)


def b64(a):
    return base64.b64encode(np.ascontiguousarray(a).tobytes()).decode("ascii")


F32 = {"np": np.float32, "torch": torch.float32, "bits": np.uint32, "ibits": 32}
F64 = {"np": np.float64, "torch": torch.float64, "bits": np.uint64, "ibits": 64}


def random_bits(n, d):
    if d is F32:
        return rng.integers(0, 2**32, n, dtype=np.uint64).astype(np.uint32).view(np.float32)
    return rng.integers(0, 2**64, n, dtype=np.uint64).view(np.float64)


def specials(d):
    fi = np.finfo(d["np"])
    v = [0.0, -0.0, math.inf, -math.inf, math.nan, 1.0, -1.0, 0.5, -0.5, 2.0, -2.0, 3.0, 0.1, -0.1,
         float(fi.max), -float(fi.max), float(fi.tiny), -float(fi.tiny), float(fi.smallest_subnormal),
         -float(fi.smallest_subnormal), float(fi.eps), 1 - float(fi.eps) / 2, 1 + float(fi.eps),
         math.pi, -math.pi, math.pi / 2, math.pi / 4, 3 * math.pi / 2, 100 * math.pi, 1e4 * math.pi,
         # exp / expm1 / sinh edges
         88.72283172607422, 88.7228, 88.73, 89.0, -87.33654, -103.97, -103.28, -104.0, -104.1, -150.0,
         709.78, 709.79, 710.0, -708.39, -744.4, -745.13, -745.2, -1000.0, -1001.0, 100.0, 100.01,
         # sin/cos/tan path edges (float32: 125, 39000; float64: 15, 1e14)
         124.99, 125.0, 125.01, 38999.0, 39000.0, 39001.0, 14.99, 15.0, 15.01, 1e14, 1.0001e14, 9.99e13,
         1e5, 1e6, 1e7, 1e8, 1e10, 1e15, 1e20, 1e22, 1e30, 1e38, 1e100, 1e200, 1e300, 6381956970095103.0 * 2**797,
         # tanh / erf / lgamma edges
         8.664339742, 8.67, 18.714973875, 18.72, 1.1, 2.4, 4.0, 2.2, 4.2, 4.3, 10.1, 27.3, 3.7, 6.0,
         -0.5, -1.5, -2.5, -3.0, -4.0, -100.5, 1e-30, 1e-31, 1e-306, 2.3, 7.0, 1.2, 36.0, 171.6, 1e-5,
         # log1p / acosh / atanh domains
         -0.9999, -0.999999, 1e-10, 0.9999999, 1.0000001, 1e-20, 1e38, 3e38, 1e307, 1.5e307]
    a = np.array(v, dtype=np.float64)
    with np.errstate(over="ignore"):
        return a.astype(d["np"])


def shared_inputs(d, n):
    parts = [specials(d)]
    rest = n - len(parts[0])
    k = rest // 10
    parts += [
        rng.uniform(-1, 1, k), rng.uniform(-10, 10, k), rng.uniform(-100, 100, k), rng.uniform(-1000, 1000, k),
        rng.uniform(0, 2, k), np.exp(rng.uniform(-50, 50, k)) * rng.choice([-1, 1], k),
        np.exp(rng.uniform(-700, 700, k) if d is F64 else rng.uniform(-88, 88, k)) * rng.choice([-1, 1], k),
        rng.uniform(-1e5, 1e5, k),
    ]
    used = sum(len(p) for p in parts)
    parts.append(random_bits(n - used, d))
    with np.errstate(over="ignore"):
        x = np.concatenate([np.asarray(p, dtype=np.float64).astype(d["np"]) if p.dtype != d["np"] else p for p in parts])
    # shuffle all but keep the specials first
    head, tail = x[: len(parts[0])], x[len(parts[0]):]
    rng.shuffle(tail)
    return np.concatenate([head, tail]).astype(d["np"])


VML = ["exp", "log", "sin", "cos", "tan", "tanh", "expm1", "log1p", "log2", "log10", "asin", "acos", "atan", "erf", "erfc", "lgamma"]
VEC = ["sigmoid", "sinh", "cosh"]  # cpu_kernel_vec: SLEEF in vectors, glibc in tails
SCALAR = ["exp2", "asinh", "acosh", "atanh"]  # cpu_kernel in 1.13: glibc for every element
FN = {name: getattr(torch, name) for name in VML + VEC + SCALAR}

N = {"f32": 3200, "f64": 2304}
TAIL_N = 37  # 2 vectors of 16 and a 5-element tail (float32); 4 vectors of 8 and 5 (float64)

out = {
    "meta": {
        "torch": torch.__version__,
        "config": "CPU capability usage: AVX2; libsleef 3.5.1; glibc 2.36; torch.set_num_threads(1)",
        "note": "values are base64 little-endian arrays; see scripts/golden/sleef_cases.py",
    },
    "inputs": {},
    "unary": {},
    "pow_tensor": {},
    "pow_scalar": {},
    "atan2": {},
    "hypot": {},
    "layouts": [],
}

xs = {}
for dt, d in (("f32", F32), ("f64", F64)):
    x = shared_inputs(d, N[dt])
    assert len(x) % 16 == 0
    xs[dt] = x
    out["inputs"][dt] = b64(x)

zerodim_idx = list(range(0, 120)) + list(range(200, 264))

for op in VML + VEC + SCALAR:
    out["unary"][op] = {}
    for dt, d in (("f32", F32), ("f64", F64)):
        x = xs[dt]
        t = torch.from_numpy(x.copy())
        rec = {"contig": b64(FN[op](t).numpy())}
        zero = np.array([FN[op](torch.tensor(x[i], dtype=d["torch"])).item() for i in zerodim_idx], dtype=d["np"])
        rec["zerodim"] = b64(zero)
        if op in VEC:
            big = torch.from_numpy(np.repeat(x, 2))
            rec["strided"] = b64(FN[op](big[::2]).numpy())
            rec["tail"] = b64(FN[op](t[:TAIL_N].clone()).numpy())
        out["unary"][op][dt] = rec
out["zerodim_idx"] = zerodim_idx
out["tail_n"] = TAIL_N


def pow_pairs(d, n):
    s = specials(d)
    ss = np.concatenate([s[:30], np.array([4.0, -4.0, 0.25, 1e-3, 1e3, 33.0, -33.0, 0.3333333333333333], dtype=d["np"])])
    ga, gb = np.meshgrid(ss, ss)
    a = [ga.ravel(), rng.uniform(0, 10, 300), np.exp(rng.uniform(-30, 30, 300)), rng.uniform(-10, 0, 300),
         rng.uniform(0.9, 1.1, 200)]
    b = [gb.ravel(), rng.uniform(-5, 5, 300), rng.uniform(-3, 3, 300), np.round(rng.uniform(-20, 20, 300)),
         rng.uniform(-1000, 1000, 200)]
    a = np.concatenate([np.asarray(v, dtype=d["np"]) for v in a])
    b = np.concatenate([np.asarray(v, dtype=d["np"]) for v in b])
    m = len(a) - len(a) % 16
    return a[:m], b[:m]


def binary_case(fn, d, a, b):
    ta, tb = torch.from_numpy(a.copy()), torch.from_numpy(b.copy())
    rec = {"a": b64(a), "b": b64(b), "contig": b64(fn(ta, tb).numpy())}
    bigA, bigB = torch.from_numpy(np.repeat(a, 2)), torch.from_numpy(np.repeat(b, 2))
    rec["strided"] = b64(fn(bigA[::2], bigB[::2]).numpy())
    rec["tail"] = b64(fn(ta[:TAIL_N].clone(), tb[:TAIL_N].clone()).numpy())
    return rec


EXPS = [2.5, -2.5, 0.3, 1 / 3, 1.5, 4.0, -3.0, 7.0, 1e-3, 100.0, -100.0, 0.5, -0.5, -1.0, 2.0, 3.0, -2.0, 0.0,
        1.0, math.nan, math.inf, -math.inf, 1e10, 0.1]
for dt, d in (("f32", F32), ("f64", F64)):
    a, b = pow_pairs(d, 0)
    out["pow_tensor"][dt] = binary_case(torch.pow, d, a, b)
    aa = np.concatenate([rng.uniform(-3, 3, 150), rng.uniform(0, 20, 150), np.exp(rng.uniform(-20, 20, 120)), specials(d)[:40]]).astype(d["np"])
    aa = aa[: len(aa) - len(aa) % 16]
    rec = {"x": b64(aa), "exps": b64(np.array(EXPS, dtype=np.float64)), "contig": [], "strided": [], "tail": []}
    t = torch.from_numpy(aa.copy())
    big = torch.from_numpy(np.repeat(aa, 2))
    for e in EXPS:
        rec["contig"].append(b64(torch.pow(t, e).numpy()))
        generic = e not in (0.5, -0.5, -1.0, 2.0, 3.0, -2.0, 0.0, 1.0)  # the others have no separate scalar lambda
        rec["strided"].append(b64(torch.pow(big[::2], e).numpy()) if generic else None)
        rec["tail"].append(b64(torch.pow(t[:TAIL_N].clone(), e).numpy()) if generic else None)
    out["pow_scalar"][dt] = rec
    y = rng.uniform(-10, 10, 600).astype(d["np"])
    xx = rng.uniform(-10, 10, 600).astype(d["np"])
    s = specials(d)[:32]
    gy, gx = np.meshgrid(s, s)
    y = np.concatenate([gy.ravel(), y, np.exp(rng.uniform(-40, 40, 240)).astype(d["np"])])
    xx = np.concatenate([gx.ravel(), xx, np.exp(rng.uniform(-40, 40, 240)).astype(d["np"]) * -1])
    m = len(y) - len(y) % 16
    out["atan2"][dt] = binary_case(torch.atan2, d, y[:m], xx[:m])
    out["hypot"][dt] = binary_case(torch.hypot, d, y[:m], xx[:m])
    del out["hypot"][dt]["a"], out["hypot"][dt]["b"]  # the same operands as atan2

# 2-D layouts: TensorIterator's runs (tails per row, strided rows, transposed inputs)
for op in ["sigmoid", "sin", "exp"]:
    for dt, d in (("f32", F32), ("f64", F64)):
        base = rng.uniform(-6, 6, (3, 40)).astype(d["np"])
        base[1, 3] = 1e6  # a trig slow-path lane
        base[2, 33] = 200.0
        t = torch.from_numpy(base.copy())
        cases = [("slice", t[:, :21]), ("transpose", t.t()), ("rowstep", t[::2, :]), ("colstep", t[:, ::3])]
        for how, v in cases:
            r = FN[op](v)
            out["layouts"].append({"op": op, "dt": dt, "how": how, "shape": list(v.shape), "x": b64(v.contiguous().numpy()), "out": b64(r.contiguous().numpy())})

# PyTorch 2.x kernels that 1.13 cannot show: the SLEEF routines 2.x calls, evaluated by the same
# libsleef (its 1-lane purecfma builds equal the AVX2 lanes when every lane takes the same path,
# checked on 4M inputs), and Vectorized<float>::erf of 2.x evaluated exactly here.
import ctypes
from fractions import Fraction

_sl = ctypes.CDLL("libsleef.so.3")


def _sleef(name, ct):
    f = getattr(_sl, name)
    f.restype = ct
    f.argtypes = [ct]
    return f


def rn32(q):
    """Fraction -> nearest float32 (ties to even), as a Python float."""
    if q == 0:
        return 0.0
    neg = q < 0
    q = abs(q)
    e = q.numerator.bit_length() - q.denominator.bit_length()
    if Fraction(2) ** e > q:
        e -= 1
    e = max(e, -126)
    scale = Fraction(2) ** (23 - e)
    m = q * scale
    fl = m.numerator // m.denominator
    rem = m - fl
    if rem > Fraction(1, 2) or (rem == Fraction(1, 2) and fl % 2 == 1):
        fl += 1
    v = float(Fraction(fl) / scale)
    return -v if neg else v


_expf = _sleef("Sleef_expf1_u10purecfma", ctypes.c_float)


def erf2x(x):
    F = Fraction
    x = float(np.float32(x))
    if math.isnan(x):
        return math.nan
    a = abs(x)
    if math.isinf(a):
        return math.copysign(1.0, x)
    p, p1, p2, p3, p4, p5 = (float(np.float32(v)) for v in (0.3275911, 0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429))
    t = rn32(F(1) / F(rn32(F(p) * F(a) + 1)))
    r = rn32(F(p5) * F(t) + F(p4))
    for c in (p3, p2, p1):
        r = rn32(F(r) * F(t) + F(c))
    with np.errstate(over="ignore"):
        e = float(_expf(-float(np.float32(x * x))))
    v = rn32(F(rn32(F(-e) * F(t))) * F(r) + 1)
    return -v if math.copysign(1.0, x) < 0 else v


out["aten2x"] = {"note": "libsleef 3.5.1 1-lane purecfma routines (= AVX2 lanes) and 2.x's float32 erf"}
for dt, d in (("f32", F32), ("f64", F64)):
    x = xs[dt]
    ct = ctypes.c_float if dt == "f32" else ctypes.c_double
    sfx = "f1" if dt == "f32" else "d1"
    rec = {}
    names = {"exp2": f"Sleef_exp2{sfx}_u10purecfma", "acosh": f"Sleef_acosh{sfx}_u10purecfma"}
    if dt == "f32":
        names.update({"sin": "Sleef_sinf1_u35purecfma", "cos": "Sleef_cosf1_u35purecfma"})
    for op, name in names.items():
        f = _sleef(name, ct)
        rec[op] = b64(np.array([f(float(v)) for v in x], dtype=d["np"]))
    if dt == "f32":
        rec["erf"] = b64(np.array([erf2x(v) for v in x], dtype=np.float32))
    out["aten2x"][dt] = rec

# ATen's scalar special-function kernels (cpu_kernel: one scalar lambda per element, any layout):
# sinc (glibc sinf / sin), erfinv (calc_erfinv with glibc erff/erf, expf/exp, logf/log and the AVX2
# build's fused Horner steps), digamma (calc_digamma with glibc logf / log and tan, fused polevl). A
# stride-2 view checks that the layout does not matter. Left out, because tensorgrad does not replay
# it bit for bit: float64 sinc with |pi x| >= 105414350 (glibc sin's __branred is not ported).
srng = np.random.default_rng(20251122)


def sweep(d, parts):
    with np.errstate(over="ignore", invalid="ignore"):
        x = np.concatenate([np.asarray(p, dtype=np.float64).astype(d["np"]) for p in parts])
    return x[: len(x) - len(x) % 16]


def special_inputs(op, dt, d):
    s = specials(d)
    n = 4000
    if op == "sinc":
        near_int = np.round(srng.uniform(-50, 50, n // 4)) + srng.uniform(-1e-3, 1e-3, n // 4)
        parts = [s, srng.uniform(-4, 4, n), srng.uniform(-200, 200, n // 2), near_int, np.arange(-64, 65) / 4,
                 np.exp(srng.uniform(-60, 17, n // 2)) * srng.choice([-1, 1], n // 2)]
        x = sweep(d, parts)
        if dt == "f64":
            with np.errstate(over="ignore"):
                x = x[~(np.abs(math.pi * x.astype(np.float64)) >= 105414350)]  # NaN stays
    elif op == "erfinv":
        tail = 1 - np.exp(srng.uniform(-36 if dt == "f64" else -16, 0, n // 2))
        parts = [s, srng.uniform(-1, 1, n), tail, -tail, srng.uniform(0.69, 0.71, n // 8), -srng.uniform(0.69, 0.71, n // 8),
                 np.exp(srng.uniform(-80, 0, n // 4)) * srng.choice([-1, 1], n // 4), np.linspace(-1, 1, 401)]
        x = sweep(d, parts)
    else:  # digamma
        parts = [s, srng.uniform(0, 12, n), srng.uniform(9.5, 10.5, n // 8), np.exp(srng.uniform(-60, 60, n // 2)),
                 np.arange(-20, 21), srng.uniform(-12, 0, n), -np.exp(srng.uniform(-30, 30, n // 4)),
                 np.arange(-40, 1) + srng.uniform(-1e-4, 1e-4, 41), np.array([1e17, 1e18, 0.5, 1.5, 9.999999, 10.000001])]
        x = sweep(d, parts)
    return x[: len(x) - len(x) % 16]


out["scalar_special"] = {"note": "cpu_kernel ops: sinc, erfinv, digamma (glibc scalar routines); see scripts/golden/sleef_cases.py"}
for op in ["sinc", "erfinv", "digamma"]:
    out["scalar_special"][op] = {}
    for dt, d in (("f32", F32), ("f64", F64)):
        x = special_inputs(op, dt, d)
        t = torch.from_numpy(x.copy())
        big = torch.from_numpy(np.repeat(x, 2))
        fn = getattr(torch, op)
        out["scalar_special"][op][dt] = {"x": b64(x), "contig": b64(fn(t).numpy()), "strided": b64(fn(big[::2]).numpy())}

# atan2 over a denser sweep: the stride-2 view is all std::atan2 (glibc's scalar routine, IBM's
# e_atan2.c for float64), the contiguous run SLEEF's vectors with a glibc tail.
out["atan2_dense"] = {}
for dt, d in (("f32", F32), ("f64", F64)):
    n = 3000
    mag = np.exp(srng.uniform(-50, 50, n)) * srng.choice([-1, 1], n)
    ya = sweep(d, [srng.uniform(-4, 4, n), mag, srng.uniform(-1, 1, n), srng.uniform(-1e3, 1e3, n)])
    xa = sweep(d, [srng.uniform(-4, 4, n), srng.uniform(-1, 1, n) * srng.choice([1, 1e-2, 0.0625, 16], n),
                   np.exp(srng.uniform(-50, 50, n)) * srng.choice([-1, 1], n), srng.uniform(-1e3, 1e3, n)])
    out["atan2_dense"][dt] = binary_case(torch.atan2, d, ya, xa)

os.makedirs("test/fixtures", exist_ok=True)
with open("test/fixtures/sleef.json", "w") as f:
    json.dump(out, f, separators=(",", ":"))
print("wrote test/fixtures/sleef.json", os.path.getsize("test/fixtures/sleef.json"), "bytes")
