"""torch.autograd.functional (jacobian, hessian, vjp, jvp, vhp, hvp) on fixed float64 inputs, for
test/autograd_functional.test.ts. Run with /usr/bin/python3 (Debian's torch 1.13)."""
import torch, json
from torch.autograd.functional import jacobian, hessian, vjp, jvp, hvp, vhp
def f(x, y): return (x.exp() * y.sin()).sum(0), x * y
def s(x, y): return (x.pow(3) * y + x.sin() * y.pow(2)).sum()
x = torch.tensor([[0.5, -1.0, 2.0], [0.25, 1.5, -0.5]], dtype=torch.float64)
y = torch.tensor([[1.0, 0.5, -2.0], [0.3, -0.7, 1.2]], dtype=torch.float64)
v1 = torch.tensor([1.0, -2.0, 0.5], dtype=torch.float64); v2 = torch.ones(2, 3, dtype=torch.float64) * 0.5
out = []
J = jacobian(f, (x, y)); out.append([[t.tolist() for t in r] for r in J])
H = hessian(s, (x, y)); out.append([[t.tolist() for t in r] for r in H])
o, g = vjp(f, (x, y), (v1, v2)); out.append([[t.tolist() for t in o], [t.tolist() for t in g]])
o, g = jvp(f, (x, y), (v2, v2 * 2)); out.append([[t.tolist() for t in o], [t.tolist() for t in g]])
o, g = vhp(s, (x, y), (v2, v2 * 3)); out.append([o.tolist(), [t.tolist() for t in g]])
o, g = hvp(s, (x, y), (v2, v2 * 3)); out.append([o.tolist(), [t.tolist() for t in g]])
out.append(jacobian(lambda t: t.sin(), torch.tensor([0.1, 0.2], dtype=torch.float64)).tolist())
out.append(hessian(lambda t: (t**3).sum(), torch.tensor([0.1, 0.2], dtype=torch.float64)).tolist())
import os
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "autograd_functional.json")
json.dump(out, open(OUT, "w"))
print("wrote", len(out), "results to", os.path.normpath(OUT))
