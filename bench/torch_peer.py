"""PyTorch peer of `npm run bench`: matmul, elementwise/reduction and the MLP training step, timed the
way bench/common.ts times the JavaScript suites (warm-up, ~20 ms samples, median). PyTorch runs with
its default intra-op thread count (torch.get_num_threads(), reported). The seed's quadratic loop stays
in bench/quadratic.py.

usage: /usr/bin/python3 bench/torch_peer.py [--only key,key] [--tiny] [--threads N]
Prints one line: @@BENCH_RESULT@@{json SuiteResult}."""
import json
import math
import statistics
import sys
import time

import torch
import torch.nn.functional as F

MARK = "@@BENCH_RESULT@@"
args = sys.argv[1:]
tiny = "--tiny" in args
only = None
if "--only" in args:
    only = [s for s in args[args.index("--only") + 1].split(",") if s]
default_threads = torch.get_num_threads()
name = "PyTorch"
if "--threads" in args:  # an extra column: PyTorch with a chosen intra-op thread count
    torch.set_num_threads(int(args[args.index("--threads") + 1]))
    name = f"PyTorch×{torch.get_num_threads()}"

if tiny:
    MATMUL, N_ELEM = [8], 1000
    MLP = dict(batch=4, inF=12, hidden=6, classes=3, lr=0.01)
    BUDGET, MIN_SAMPLES, MAX_SAMPLES = 0.0, 1, 1
else:
    MATMUL, N_ELEM = [64, 256, 1024], 1 << 20
    MLP = dict(batch=128, inF=784, hidden=256, classes=10, lr=0.01)
    BUDGET, MIN_SAMPLES, MAX_SAMPLES = 1.5, 3, 9

ALL_KEYS = [f"matmul{n}" for n in MATMUL] + ["add", "exp", "sum", "mlp"]
keys = [k for k in ALL_KEYS if only is None or any(k.startswith(w) for w in only)]


def time_ms(fn):
    """Median ms per call: warm-up, then samples of `reps` calls lasting ~20 ms each."""
    t0 = time.perf_counter()
    fn()
    first = (time.perf_counter() - t0) * 1e3
    warm = min(20, math.ceil(100 / max(first, 0.01))) if first < 50 else 0
    for _ in range(warm):
        fn()
    one = first
    if warm:
        t1 = time.perf_counter()
        fn()
        one = (time.perf_counter() - t1) * 1e3
    reps = max(1, round(20 / max(one, 0.001)))
    samples = []
    start = time.perf_counter()
    while len(samples) < MAX_SAMPLES and (len(samples) < MIN_SAMPLES or time.perf_counter() - start < BUDGET):
        s = time.perf_counter()
        for _ in range(reps):
            fn()
        samples.append((time.perf_counter() - s) * 1e3 / reps)
    return statistics.median(samples)


def blas_in_use():
    """The BLAS shared library this process really loaded (Debian switches libblas.so.3 by alternatives)."""
    torch.matmul(torch.ones(4, 4), torch.ones(4, 4))
    try:
        with open("/proc/self/maps") as f:
            paths = {line.split()[-1] for line in f if "blas" in line.lower()}
        libs = sorted(p for p in paths if p.startswith("/") and "blas" in p.rsplit("/", 1)[-1].lower())
        return ", ".join(libs) or "?"
    except OSError:
        return "?"


torch.manual_seed(0)
res = {
    "name": name,
    "info": f"torch {torch.__version__} (CPU), {torch.get_num_threads()} intra-op thread(s)"
    + (" (its default here)" if torch.get_num_threads() == default_threads else f" (set; its default here is {default_threads})")
    + f", BLAS {blas_in_use()}",
    "results": {},
    "errors": {},
    "checks": {},
}


def record(key, fn):
    try:
        res["results"][key] = fn()
    except Exception as e:  # reported in the table, never fatal
        res["errors"][key] = f"{type(e).__name__}: {e}"


for n in MATMUL:
    if f"matmul{n}" not in keys:
        continue

    def mm(n=n):
        a, b = torch.randn(n, n), torch.randn(n, n)
        ms = time_ms(lambda: torch.matmul(a, b))
        return 2 * n**3 / (ms * 1e6)

    record(f"matmul{n}", mm)

x_el, y_el = torch.randn(N_ELEM), torch.randn(N_ELEM)
ops = {"add": lambda: torch.add(x_el, y_el), "exp": lambda: torch.exp(x_el), "sum": lambda: torch.sum(x_el)}
for op, f in ops.items():
    if op in keys:
        record(op, lambda f=f: N_ELEM / (time_ms(f) * 1e3))

if "mlp" in keys:

    def mlp():
        b, i, h, c, lr = MLP["batch"], MLP["inF"], MLP["hidden"], MLP["classes"], MLP["lr"]
        torch.manual_seed(0)  # the same draws as bench/tensorgrad.ts, so the first losses agree
        w1 = (torch.randn(h, i) * (1 / math.sqrt(i))).requires_grad_()
        b1 = torch.zeros(h, requires_grad=True)
        w2 = (torch.randn(c, h) * (1 / math.sqrt(h))).requires_grad_()
        b2 = torch.zeros(c, requires_grad=True)
        x = torch.randn(b, i)
        y = torch.randint(0, c, (b,))
        opt = torch.optim.SGD([w1, b1, w2, b2], lr=lr)
        state = {}

        def step():
            opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(F.linear(F.relu(F.linear(x, w1, b1)), w2, b2), y)
            loss.backward()
            opt.step()
            state["loss"] = loss.item()

        step()
        res["checks"]["mlpFirstLoss"] = state["loss"]
        ms = time_ms(step)
        res["checks"]["mlpLoss"] = state["loss"]
        return ms

    record("mlp", mlp)

print(MARK + json.dumps(res))
