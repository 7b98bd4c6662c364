"""The seed's quadratic SGD loop in PyTorch, timed like bench/run.ts times tensorgrad's.
Prints one JSON line: {"torch": version, "us_per_step": median over rounds}."""
import json, statistics, sys, time
import torch

steps = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
a, b, c = torch.tensor(1.0), torch.tensor(-2.0), torch.tensor(1.0)
x = torch.tensor(0.0, requires_grad=True)
opt = torch.optim.SGD([x], lr=0.01)

def step():
    opt.zero_grad(set_to_none=True)
    y = a * x ** 2 + b * x + c
    y.backward()
    opt.step()

for _ in range(steps // 10):
    step()
rounds = []
for _ in range(5):
    t = time.perf_counter()
    for _ in range(steps):
        step()
    rounds.append((time.perf_counter() - t) / steps * 1e6)
print(json.dumps({"torch": torch.__version__, "us_per_step": statistics.median(rounds), "x": x.item()}))
