"""Golden fixture for src/random: PyTorch's CPU random number generation, bit-exact.

Run from the repo root with Debian's torch:  /usr/bin/python3 scripts/golden/random_cases.py
Writes test/fixtures/random.json (and test/fixtures/random_libm.json: glibc log(1-u), log1p(-u),
sin(2*pi*u), cos(2*pi*u) from Python's math module, i.e. the libm torch calls here):

  { "meta": {...},
    "randPrefix": [ { seed, dtype, values } ],        # torch.rand(n) == values[:n] for n = 1..100 (asserted here)
    "cases": [ { name, seed, calls: [ { op, ...args, expect, expect2x? } ] } ] }

Seeds are decimal strings (they exceed 2^53), as are int64 arguments and results beyond 2^53.

Every case starts from torch.manual_seed(seed) and replays its
calls in order on one generator, so state carried between calls is checked too. `expect` is what
torch 1.13 (Debian, x86_64, "CPU capability usage: AVX2", no MKL) returned. Floats are written as
Python floats (float32 results as the double of the float32 value); JSON numbers round-trip exactly.
int64 values beyond 2^53 are written as decimal strings; RNG states as hex strings.

PyTorch 2.x changed four CPU transforms relative to 1.13. src/random follows 2.x by default, so for
calls they affect the fixture also carries `expect2x`, derived here from the same torch 1.13 draws
(a call without `expect2x` gives the same bits under both):
  * normal_distribution<double> (randn / normal_ on < 16 elements): 2.x uses
    r = sqrt(-2 * log1p(-u2)), 1.13 used sqrt(-2 * log(1 - u2))  (since 2.0);
  * exponential_ (and so multinomial without replacement): 2.x uses -1/lambda * log1p(-u),
    1.13 used -1/lambda * log(1 - u)  (since 2.0);
  * random_(from, to) / randint: current PyTorch (OSS builds, since the fix for pytorch#148175,
    i.e. 2.7) draws random64() when the range is >= 2^28; 1.13 (and 2.0 - 2.6) only when the
    range is >= 2^32;
  * multinomial(n_sample=1, replacement=True): the 2.x releases take the exponential/argmax fast
    path, 1.13 ran the CDF kernel;
  * plus randperm's n >= 214748364 inside-out shuffle (2.x only; too large to run here), checked at
    small n through the exposed randpermInsideOut() against a shuffle driven by torch's raw
    random64() stream (Tensor.random_(-2**63, None)).
The derivation replays each call on a small reference emulator (class Ref below): the emulator is
first run with 1.13 formulas and asserted to reproduce torch's output (and RNG state) exactly, then
rerun with the 2.x formulas. libm calls go through Python's math module, i.e. the same glibc
(FMA-variant) functions torch uses here; fused multiply-adds are computed exactly with Fraction.
"""
import json
import math
import os
import struct
from fractions import Fraction

import torch

OUT = "test/fixtures/random.json"
SEEDS = [0, 1, 42, 1000, 2**32 + 5, 123456789]
DT = {"float32": torch.float32, "float64": torch.float64}
M32 = 0xFFFFFFFF
M53 = (1 << 53) - 1


def f32(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]


def fma(a, b, c):
    """Exactly rounded a*b + c (what the FMA instructions in torch's x86_64 build compute)."""
    r = Fraction(a) * Fraction(b) + Fraction(c)
    if r == 0:
        return a * b + c  # exact zero: IEEE sign rules
    return float(r)


def fmaf(a, b, c):
    """Exactly rounded float32 a*b + c (a vfmadd on floats): round the exact value once, to float32."""
    r = Fraction(a) * Fraction(b) + Fraction(c)
    if r == 0:
        return f32(a * b + c)
    d = f32(float(r))
    # float(r) then f32 may double-round; pick the nearest float32 among d and its neighbours
    bits = struct.unpack("<I", struct.pack("<f", d))[0]
    cands = [d]
    for k in (-1, 1):
        nb = bits + k
        if (nb & 0x7FFFFFFF) < 0x7F800000 and (nb >> 31) == (bits >> 31):
            cands.append(struct.unpack("<f", struct.pack("<I", nb))[0])
    return min(cands, key=lambda x: (abs(Fraction(x) - r), struct.unpack("<I", struct.pack("<f", x))[0] & 1))


def bits_equal(xs, ys):
    if len(xs) != len(ys):
        return False
    for x, y in zip(xs, ys):
        if isinstance(x, float) or isinstance(y, float):
            if struct.pack("<d", float(x)) != struct.pack("<d", float(y)):
                return False
        elif x != y:
            return False
    return True


# --------------------------------------------------------------------------------- emulator


class MT:
    """at::mt19937 (MT19937RNGEngine.h)."""

    def __init__(self, seed):
        seed &= (1 << 64) - 1
        self.seed = seed
        s = [0] * 624
        s[0] = seed & M32
        for j in range(1, 624):
            s[j] = (1812433253 * (s[j - 1] ^ (s[j - 1] >> 30)) + j) & M32
        self.s, self.left, self.next = s, 1, 0

    def _twist(self):
        s = self.s
        for i in range(624):
            y = (s[i] & 0x80000000) | (s[(i + 1) % 624] & 0x7FFFFFFF)
            s[i] = s[(i + 397) % 624] ^ (y >> 1) ^ (0x9908B0DF if s[(i + 1) % 624] & 1 else 0)
        self.left, self.next = 624, 0

    def u32(self):
        self.left -= 1
        if self.left == 0:
            self._twist()
        y = self.s[self.next]
        self.next += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C5680
        y ^= (y << 15) & 0xEFC60000
        y ^= y >> 18
        return y & M32

    def u64(self):
        a = self.u32()
        return (a << 32) | self.u32()


class Ref:
    """Replays calls with either PyTorch 1.13's or 2.x's CPU transforms."""

    def __init__(self, seed, behavior):
        self.mt = MT(seed)
        self.behavior = behavior
        self.cache = None  # next_double_normal_sample

    def uf(self):
        return (self.mt.u32() & 0xFFFFFF) * (1.0 / (1 << 24))

    def ud(self):
        return (self.mt.u64() & M53) * (1.0 / (1 << 53))

    def log1m(self, u):  # log(1 - u) in 1.13, log1p(-u) in 2.x
        return math.log(1.0 - u) if self.behavior == "1.13" else math.log1p(-u)

    def normal_scalar(self, mean, std):
        if self.cache is not None:
            r, self.cache = self.cache, None
            return fma(r, std, mean)
        u1, u2 = self.ud(), self.ud()
        r = math.sqrt(-2.0 * self.log1m(u2))
        theta = 2.0 * math.pi * u1
        self.cache = r * math.sin(theta)
        return fma(r * math.cos(theta), std, mean)

    def exponential(self, n, dtype, lambd):
        out = [(-1.0 / lambd) * self.log1m(self.ud()) for _ in range(n)]
        return [f32(v) for v in out] if dtype == "float32" else out

    def run(self, call, torch_out):
        op = call["op"]
        if op == "uniform":
            n, a, b = call["n"], call["from"], call["to"]
            if call["dtype"] == "float32":
                fa, rg = f32(a), f32(f32(b) - f32(a))
                return [fmaf(self.uf(), rg, fa) for _ in range(n)]
            return [fma(self.ud(), b - a, a) for _ in range(n)]
        if op == "normal":
            n, dtype, mean, std = call["n"], call["dtype"], call["mean"], call["std"]
            if n >= 16:  # normal_fill: identical in 1.13 and 2.x; only account for the draws
                draw = self.mt.u32 if dtype == "float32" else self.mt.u64
                for _ in range(n + (16 if n % 16 else 0)):
                    draw()
                return torch_out
            vals = [self.normal_scalar(mean, std) for _ in range(n)]
            return [f32(v) for v in vals] if dtype == "float32" else vals
        if op == "exponential":
            return self.exponential(call["n"], call["dtype"], call["lambd"])
        if op == "randint":
            lo, hi = call["low"], call["high"]
            rng = hi - lo
            use64 = rng >= (1 << 32) if self.behavior == "1.13" else rng >= (1 << 28)
            out = []
            for _ in range(call["n"]):
                v = (self.mt.u64() if use64 else self.mt.u32()) % rng + lo
                out.append(((v + (1 << 63)) % (1 << 64)) - (1 << 63))
            return out
        if op == "randperm":
            n = call["n"]
            r = list(range(n))
            for i in range(n - 1):
                z = self.mt.u32() % (n - i)
                r[i], r[z + i] = r[z + i], r[i]
            return r
        if op == "bernoulli":
            if call["dtype"] == "float32":
                return [1.0 if self.uf() < f32(p) else 0.0 for p in call["p"]]
            return [1.0 if self.ud() < p else 0.0 for p in call["p"]]
        if op == "bernoulliScalar":
            return [1.0 if self.ud() < call["p"] else 0.0 for _ in range(call["n"])]
        if op == "multinomial":
            return self.multinomial(call)
        if op == "getState":
            return self.state_hex()
        if op == "manualSeed":
            self.mt = MT(call["seed"])
            self.cache = None
            return None
        if op == "initialSeed":
            return str(self.mt.seed)
        raise ValueError(op)

    def multinomial(self, call):
        rows, k, ns, repl, dtype = call["rows"], call["k"], call["numSamples"], call["replacement"], call["dtype"]
        rd = (lambda v: f32(v)) if dtype == "float32" else (lambda v: v)
        P = [rd(v) for v in call["probs"]]
        out = []
        gumbel = (not repl) or (ns == 1 and self.behavior == "2.x")
        if gumbel:
            q = self.exponential(rows * k, dtype, 1.0)
            v = [rd(p / x) if x != 0 else (math.inf if p > 0 else math.nan) for p, x in zip(P, q)]
            for r in range(rows):
                row = v[r * k:(r + 1) * k]
                order = sorted(range(k), key=lambda j: (0 if math.isnan(row[j]) else 1, -row[j] if not math.isnan(row[j]) else 0, j))
                out.extend(order[:ns])
            return out
        for r in range(rows):
            s, cum = 0.0, []
            for p in P[r * k:(r + 1) * k]:
                s = rd(s + p)
                cum.append(s)
            cum = [rd(c / s) for c in cum]
            cum[-1] = 1.0
            for _ in range(ns):
                u = self.ud()
                lo, hi = 0, k
                while hi - lo > 0:
                    mid = lo + (hi - lo) // 2
                    if cum[mid] < u:
                        lo = mid + 1
                    else:
                        hi = mid
                out.append(lo)
        return out

    def state_hex(self):
        b = bytearray(5056)
        struct.pack_into("<QiiQ", b, 0, self.mt.seed, self.mt.left, 1, self.mt.next)
        for i, v in enumerate(self.mt.s):
            struct.pack_into("<Q", b, 24 + 8 * i, v)
        if self.cache is not None:
            struct.pack_into("<d", b, 5024, self.cache)  # legacy_pod.normal_y
            struct.pack_into("<i", b, 5040, 1)  # legacy_pod.normal_is_valid
        return b.hex()


# ------------------------------------------------------------------------------ torch side


def torch_run(call):
    op = call["op"]
    if op == "uniform":
        dt = DT[call["dtype"]]
        if call["from"] == 0 and call["to"] == 1:
            return torch.rand(call["n"], dtype=dt).tolist()
        return torch.empty(call["n"], dtype=dt).uniform_(call["from"], call["to"]).tolist()
    if op == "normal":
        dt = DT[call["dtype"]]
        if call["mean"] == 0 and call["std"] == 1:
            return torch.randn(call["n"], dtype=dt).tolist()
        return torch.empty(call["n"], dtype=dt).normal_(call["mean"], call["std"]).tolist()
    if op == "exponential":
        return torch.empty(call["n"], dtype=DT[call["dtype"]]).exponential_(call["lambd"]).tolist()
    if op == "randint":
        return torch.randint(call["low"], call["high"], (call["n"],), dtype=torch.int64).tolist()
    if op == "randperm":
        return torch.randperm(call["n"]).tolist()
    if op == "bernoulli":
        return torch.bernoulli(torch.tensor(call["p"], dtype=DT[call["dtype"]])).tolist()
    if op == "bernoulliScalar":
        return torch.empty(call["n"], dtype=DT[call["dtype"]]).bernoulli_(call["p"]).tolist()
    if op == "multinomial":
        P = torch.tensor(call["probs"], dtype=DT[call["dtype"]]).reshape(call["rows"], call["k"])
        if call.get("oneDim"):
            P = P[0]
        return torch.multinomial(P, call["numSamples"], call["replacement"]).flatten().tolist()
    if op == "getState":
        return bytes(torch.get_rng_state().tolist()).hex()
    if op == "setState":
        torch.set_rng_state(torch.tensor(list(bytes.fromhex(call["state"])), dtype=torch.uint8))
        return None
    if op == "manualSeed":
        torch.manual_seed(call["seed"])
        return None
    if op == "initialSeed":
        return str(torch.initial_seed())
    raise ValueError(op)


def encode_ints(xs):
    return [x if abs(x) <= 2**53 else str(x) for x in xs]


cases = []


def add_case(name, seed, calls):
    """Runs calls on torch (from manual_seed(seed)) and on the emulator in 1.13 and 2.x mode."""
    torch.manual_seed(seed)
    outs = [torch_run(c) for c in calls]
    # only cases made of emulated ops (and no setState) get a 2.x derivation
    emulable = all(c["op"] != "setState" for c in calls)
    if emulable:
        r13 = Ref(seed, "1.13")
        r2 = Ref(seed, "2.x")
        for c, o in zip(calls, outs):
            e13 = r13.run(c, o)
            e2 = r2.run(c, o)
            if c["op"] in ("manualSeed",):
                continue
            if isinstance(o, list):
                assert bits_equal(e13, o), (name, c["op"], e13[:5], o[:5])
                if not bits_equal(e2, o):
                    c["expect2x"] = encode_ints(e2) if c["op"] in ("randint", "randperm", "multinomial") else e2
            else:
                assert e13 == o, (name, c["op"])
                if e2 != o:
                    c["expect2x"] = e2
    for c, o in zip(calls, outs):
        if o is not None:
            c["expect"] = encode_ints(o) if c["op"] in ("randint", "randperm", "multinomial") else o
    cases.append({"name": name, "seed": seed, "calls": calls})


# ---------------------------------------------------------------------------------- rand

rand_prefix = []
for seed in SEEDS:
    for dtype in ("float32", "float64"):
        torch.manual_seed(seed)
        full = torch.rand(100, dtype=DT[dtype]).tolist()
        for n in range(1, 101):
            torch.manual_seed(seed)
            assert bits_equal(torch.rand(n, dtype=DT[dtype]).tolist(), full[:n]), (seed, dtype, n)
        rand_prefix.append({"seed": seed, "dtype": dtype, "values": full})

# ---------------------------------------------------------------------------------- randn: every size 1..100

for seed in SEEDS:
    for dtype in ("float32", "float64"):
        for n in range(1, 101):
            add_case(f"randn seed={seed} {dtype} n={n}", seed, [{"op": "normal", "n": n, "dtype": dtype, "mean": 0, "std": 1}])

# ---------------------------------------------------------------------------------- normal_(mean, std), uniform_(a, b)

for seed in (7, 2024):
    for dtype in ("float32", "float64"):
        for mean, std in ((0.5, 2.0), (-3.25, 0.1), (100.0, 1e-3), (1e-3, 37.5), (0.0, 0.0)):
            for n in (1, 2, 7, 15, 16, 17, 31, 33, 64, 100, 257):
                add_case(f"normal seed={seed} {dtype} mean={mean} std={std} n={n}", seed,
                         [{"op": "normal", "n": n, "dtype": dtype, "mean": mean, "std": std}])
        for a, b in ((-3.3, 7.1), (0.1, 0.7), (-1e-3, 1e5), (2.5, 2.5000001), (-7.77, -1.234567), (5.0, 5.0)):
            for n in (1, 10, 100):
                add_case(f"uniform seed={seed} {dtype} [{a},{b}) n={n}", seed,
                         [{"op": "uniform", "n": n, "dtype": dtype, "from": a, "to": b}])

# ---------------------------------------------------------------------------------- interleaved calls share one state

for seed in (0, 42, 31337):
    add_case(f"interleaved seed={seed}", seed, [
        {"op": "uniform", "n": 5, "dtype": "float32", "from": 0, "to": 1},
        {"op": "normal", "n": 3, "dtype": "float32", "mean": 0, "std": 1},   # leaves a cached spare
        {"op": "uniform", "n": 7, "dtype": "float32", "from": 0, "to": 1},
        {"op": "normal", "n": 1, "dtype": "float64", "mean": 0, "std": 1},   # consumes the spare
        {"op": "normal", "n": 20, "dtype": "float32", "mean": 0, "std": 1},
        {"op": "normal", "n": 5, "dtype": "float64", "mean": 1.5, "std": 0.5},
        {"op": "uniform", "n": 3, "dtype": "float64", "from": 0, "to": 1},
        {"op": "normal", "n": 1, "dtype": "float32", "mean": -2, "std": 3},  # spare from the n=5 call
        {"op": "randint", "n": 6, "low": 0, "high": 10},
        {"op": "normal", "n": 16, "dtype": "float64", "mean": 0, "std": 1},
        {"op": "randperm", "n": 9},
        {"op": "normal", "n": 33, "dtype": "float32", "mean": 0.25, "std": 4},
        {"op": "exponential", "n": 4, "dtype": "float32", "lambd": 2.0},
        {"op": "bernoulliScalar", "n": 5, "p": 0.3, "dtype": "float32"},
        {"op": "uniform", "n": 2, "dtype": "float32", "from": 0, "to": 1},
        {"op": "getState"},
    ])
    add_case(f"manual_seed drops the cached normal seed={seed}", seed, [
        {"op": "normal", "n": 1, "dtype": "float64", "mean": 0, "std": 1},
        {"op": "manualSeed", "seed": seed},
        {"op": "normal", "n": 2, "dtype": "float64", "mean": 0, "std": 1},
        {"op": "getState"},
    ])

# ---------------------------------------------------------------------------------- randint

RANGES = [(0, 10), (-5, 5), (10, 11), (0, 1000), (-(2**31), 2**31), (0, 2**28 - 1), (0, 2**28), (0, 3 * 2**30),
          (0, 2**32 - 1), (0, 2**32), (0, 2**32 + 1), (-(2**40), 2**40), (0, 2**53), (-(2**62), 2**62),
          (-(2**63), 2**63 - 1), (2**62, 2**63 - 1)]
for seed in (0, 42, 2**32 + 5):
    for lo, hi in RANGES:
        add_case(f"randint seed={seed} [{lo},{hi})", seed, [{"op": "randint", "n": 40, "low": lo, "high": hi}])

# ---------------------------------------------------------------------------------- randperm

for seed in (0, 1, 42):
    for n in (0, 1, 2, 3, 10, 100, 1000, 5000):
        add_case(f"randperm seed={seed} n={n}", seed, [{"op": "randperm", "n": n}])

# the inside-out shuffle randperm_cpu uses for n >= 214748364 (2.x), driven by torch's raw random64()
for seed in (0, 42):
    for n in (1, 2, 10, 1000):
        torch.manual_seed(seed)
        raw = [v % (1 << 64) for v in torch.empty(max(n, 1), dtype=torch.int64).random_(-(2**63), None).tolist()]
        r = [0] * n
        for i in range(n):
            z = raw[i] % (i + 1)
            r[i] = r[z]
            r[z] = i
        cases.append({"name": f"randperm inside-out seed={seed} n={n}", "seed": seed,
                      "calls": [{"op": "randpermInsideOut", "n": n, "expect": r}]})

# ---------------------------------------------------------------------------------- bernoulli

for seed in (0, 42, 1000):
    for dtype in ("float32", "float64"):
        for p in (0.0, 0.3, 0.5, 0.9, 1.0):
            add_case(f"bernoulli_(p={p}) seed={seed} {dtype}", seed, [{"op": "bernoulliScalar", "n": 64, "p": p, "dtype": dtype}])
        torch.manual_seed(seed + 99)
        probs = torch.rand(150, dtype=torch.float64).tolist() + [0.0, 1.0, 0.5]
        add_case(f"bernoulli(tensor) seed={seed} {dtype}", seed, [{"op": "bernoulli", "p": probs, "dtype": dtype}])

# ---------------------------------------------------------------------------------- exponential_

for seed in (0, 42, 123456789):
    for dtype in ("float32", "float64"):
        for lambd in (1.0, 0.5, 3.0, 1e-3, 250.0):
            for n in (1, 10, 100):
                add_case(f"exponential_({lambd}) seed={seed} {dtype} n={n}", seed,
                         [{"op": "exponential", "n": n, "dtype": dtype, "lambd": lambd}])

# ---------------------------------------------------------------------------------- multinomial

for seed in (0, 3, 42, 1000):
    for dtype in ("float32", "float64"):
        for rows, k in ((1, 5), (3, 7), (4, 20), (2, 100)):
            torch.manual_seed(5000 + seed + k)
            P = torch.rand(rows, k, dtype=DT[dtype])
            if seed % 2 == 0:
                P = P / P.sum(1, keepdim=True)
            probs = P.flatten().tolist()
            for ns, repl in ((1, True), (1, False), (3, False), (k, False), (2, True), (10, True), (50, True)):
                if not repl and ns > k:
                    continue
                add_case(f"multinomial seed={seed} {dtype} {rows}x{k} n={ns} replacement={repl}", seed,
                         [{"op": "multinomial", "probs": probs, "rows": rows, "k": k, "numSamples": ns,
                           "replacement": repl, "dtype": dtype}])
        # 1-D input, a zero-probability category (never drawn with replacement, last without)
        probs = [0.1, 0.0, 0.6, 0.3]
        for ns, repl in ((1, True), (8, True), (3, False), (1, False)):
            add_case(f"multinomial 1-D with a zero seed={seed} {dtype} n={ns} replacement={repl}", seed,
                     [{"op": "multinomial", "probs": probs, "rows": 1, "k": 4, "numSamples": ns,
                       "replacement": repl, "dtype": dtype, "oneDim": True}])

# ---------------------------------------------------------------------------------- states and seeds

for seed in (0, 42, 2**64 - 1, 2**63, 67280421310721):
    add_case(f"get_rng_state seed={seed}", seed, [
        {"op": "initialSeed"},
        {"op": "getState"},
        {"op": "uniform", "n": 10, "dtype": "float32", "from": 0, "to": 1},
        {"op": "getState"},
        {"op": "normal", "n": 3, "dtype": "float64", "mean": 0, "std": 1},
        {"op": "getState"},   # carries the cached normal sample
        {"op": "uniform", "n": 700, "dtype": "float64", "from": 0, "to": 1},  # crosses a twist
        {"op": "getState"},
        {"op": "initialSeed"},
    ])
add_case("manual_seed(-1) wraps to 2**64-1", -1, [{"op": "initialSeed"}, {"op": "uniform", "n": 5, "dtype": "float32", "from": 0, "to": 1}])

# set_rng_state with states produced by torch (one with a cached normal, one mid-array)
for seed in (5, 77):
    torch.manual_seed(seed)
    torch.rand(123)
    torch.randn(5, dtype=torch.float64)  # odd count: spare cached
    st_cached = bytes(torch.get_rng_state().tolist()).hex()
    torch.rand(1000, dtype=torch.float64)
    torch.randn(2, dtype=torch.float64)
    st_plain = bytes(torch.get_rng_state().tolist()).hex()
    add_case(f"set_rng_state seed={seed}", 0, [
        {"op": "setState", "state": st_cached},
        {"op": "getState"},
        {"op": "normal", "n": 1, "dtype": "float64", "mean": 0, "std": 1},  # the restored spare
        {"op": "uniform", "n": 17, "dtype": "float32", "from": 0, "to": 1},
        {"op": "normal", "n": 40, "dtype": "float32", "mean": 0, "std": 1},
        {"op": "initialSeed"},
        {"op": "setState", "state": st_plain},
        {"op": "normal", "n": 20, "dtype": "float64", "mean": 0, "std": 1},
        {"op": "randint", "n": 10, "low": -100, "high": 100},
        {"op": "getState"},
    ])

g = torch.Generator()
default_seed = g.initial_seed()
assert default_seed == 67280421310721
g_vals = torch.rand(10, generator=g).tolist()

meta = {
    "torch": torch.__version__,
    "cpuCapability": "AVX2",
    "defaultGeneratorSeed": str(default_seed),
    "freshGeneratorRand10": g_vals,
    "note": "expect = torch 1.13 output; expect2x = the same draws under PyTorch 2.x's transforms (see scripts/golden/random_cases.py)",
}

def jsonable_ints(c):
    """int64 arguments beyond 2^53 and all seeds are written as decimal strings."""
    out = dict(c)
    for key in ("low", "high"):
        if key in out and abs(out[key]) > 2**53:
            out[key] = str(out[key])
    if "seed" in out:
        out["seed"] = str(out["seed"])
    return out


for case in cases:
    case["seed"] = str(case["seed"])
    case["calls"] = [jsonable_ints(c) for c in case["calls"]]
for rp in rand_prefix:
    rp["seed"] = str(rp["seed"])

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    json.dump({"meta": meta, "randPrefix": rand_prefix, "cases": cases}, f, separators=(",", ":"), allow_nan=False)
# ---------------------------------------------------------------------------------- libm (test/fixtures/random_libm.json)
# The glibc functions torch's samplers call, evaluated through Python's math module (the same libm,
# same x86_64 FMA variants), on inputs shaped like the samplers': u on torch's 2^-53 and 2^-24 grids.
import random as _random

_rng = _random.Random(20240607)
us = [0.0, 2.0**-53, 2.0**-24, 0.5, 0.0625, 1 - 2.0**-53, 1 - 2.0**-24, 0.25, 0.75, 1 / 3, 2.0**-30, 0.9375]
us += [_rng.getrandbits(53) * 2.0**-53 for _ in range(3000)]
us += [_rng.getrandbits(24) * 2.0**-24 for _ in range(1500)]
us += [_rng.getrandbits(53) * 2.0**-53 * 2.0**-_rng.randint(4, 40) for _ in range(1500)]  # near-1 log, tiny log1p
libm = {"u": us,
        "log1mu": [math.log(1.0 - u) for u in us],
        "log1p_mu": [math.log1p(-u) for u in us],
        "sin2piu": [math.sin(2.0 * math.pi * u) for u in us],
        "cos2piu": [math.cos(2.0 * math.pi * u) for u in us]}
with open("test/fixtures/random_libm.json", "w") as f:
    json.dump(libm, f, separators=(",", ":"), allow_nan=False)

n_calls = sum(len(c["calls"]) for c in cases)
n_2x = sum(1 for c in cases for call in c["calls"] if "expect2x" in call)
print(f"wrote {OUT}: {len(cases)} cases, {n_calls} calls ({n_2x} with a 2.x override), "
      f"{len(rand_prefix)} rand prefixes, {os.path.getsize(OUT) / 1e6:.2f} MB")
