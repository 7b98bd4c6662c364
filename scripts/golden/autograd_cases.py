"""Autograd semantics transcripts: each scenario prints lines; test/autograd.test.ts runs the same
scenario in tensorgrad and compares the lines exactly. Run with /usr/bin/python3 (Debian's torch 1.13).
Where PyTorch 2.x differs from 1.13, the scenario notes it and the expected line is the 2.x one."""
import json, os, warnings
import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "autograd.json")
scenarios = {}

def scenario(fn):
    lines = []
    def log(*args):
        lines.append(" ".join(fmt(a) for a in args))
    try:
        fn(log)
    except Exception as e:  # a scenario may end in an expected error
        lines.append(f"{type(e).__name__}: {e}")
    scenarios[fn.__name__] = lines
    return fn

def fmt(a):
    if a is None: return "None"
    if isinstance(a, bool): return "True" if a else "False"
    if hasattr(a, "next_functions"):  # a graph node: tensorgrad prints <Name> (no address)
        return "<" + type(a).__name__ + ">"
    if isinstance(a, float): return repr(a)
    if isinstance(a, (list, tuple)): return "[" + ", ".join(fmt(x) for x in a) + "]"
    return str(a)

def err(log, f):
    try:
        f()
        log("no error")
    except Exception as e:
        log(f"{type(e).__name__}: {e}")

@scenario
def leaf_and_nonleaf(log):
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    w = torch.tensor([0.5, -1., 2.])
    y = x * w
    log(x.is_leaf, y.is_leaf, w.is_leaf, x.requires_grad, y.requires_grad, w.requires_grad)
    log(x.grad_fn, y.grad_fn, y)
    log(y.grad_fn.next_functions[0][0].name(), y.grad_fn.next_functions[0][1], y.grad_fn.next_functions[1])
    log(y.grad_fn.next_functions[0][0].variable is x)
    z = y.sum()
    z.backward()
    log(x.grad, w.grad)
    with warnings.catch_warnings(record=True) as ws:
        warnings.simplefilter("always")
        log(y.grad)
        log(len(ws), ws[0].category.__name__ if ws else "")

@scenario
def accumulate_and_retain_graph(log):
    x = torch.tensor(2.0, requires_grad=True)
    y = x ** 3
    y.backward(retain_graph=True)
    log(x.grad)
    y.backward()
    log(x.grad)
    err(log, lambda: y.backward())
    log(x.grad)

@scenario
def no_saved_tensors_backward_twice(log):
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x + 1
    y.sum().backward()
    y.sum().backward()
    log(x.grad)

@scenario
def create_graph_higher_order(log):
    x = torch.tensor(1.5, requires_grad=True)
    y = x ** 3 + x.sin() * x
    (d1,) = torch.autograd.grad(y, x, create_graph=True)
    (d2,) = torch.autograd.grad(d1, x, create_graph=True)
    (d3,) = torch.autograd.grad(d2, x)
    log(d1, d2, d3)
    x = torch.tensor([0.5, -1.0], requires_grad=True)
    y = (x.exp() * x.tanh()).sum()
    g = torch.autograd.grad(y, x, create_graph=True)[0]
    h = torch.autograd.grad(g.sum(), x)[0]
    log(g, h)
    x = torch.tensor(2.0, requires_grad=True)
    y = x ** 2
    y.backward(create_graph=True)
    log(x.grad, x.grad.requires_grad)
    gx = x.grad
    x.grad = None
    gx.backward()
    log(x.grad)

@scenario
def autograd_grad_options(log):
    a = torch.tensor([1., 2.], requires_grad=True)
    b = torch.tensor([3., 4.], requires_grad=True)
    c = torch.tensor([5., 6.], requires_grad=True)
    y = (a * b).sum()
    err(log, lambda: torch.autograd.grad(y, [a, c], retain_graph=True))
    log(torch.autograd.grad(y, [a, c], allow_unused=True, retain_graph=True))
    try:
        log(torch.autograd.grad(y, [a, c], materialize_grads=True, retain_graph=True))
    except TypeError:  # materialize_grads is PyTorch 2.x: unused inputs get zeros_like
        log([torch.autograd.grad(y, [a], retain_graph=True)[0], torch.zeros_like(c)])
    out = a * b
    log(torch.autograd.grad(out, [a], grad_outputs=torch.tensor([1., -1.]), retain_graph=True))
    err(log, lambda: torch.autograd.grad(out, [a]))
    log(torch.autograd.grad([out.sum(), (a * 2).sum()], [a, b]))
    log(a.grad, b.grad)
    err(log, lambda: torch.autograd.grad(torch.tensor(1.), [a]))
    err(log, lambda: torch.autograd.grad((a * 2).sum(), [torch.tensor(1.)]))

@scenario
def backward_inputs(log):
    a = torch.tensor([1., 2.], requires_grad=True)
    b = torch.tensor([3., 4.], requires_grad=True)
    m = a * b
    y = (m * m).sum()
    y.backward(inputs=[a], retain_graph=True)
    log(a.grad, b.grad)
    y.backward(inputs=[m])
    log(m.grad, m.retains_grad, a.grad, b.grad)
    err(log, lambda: (a * 1).sum().backward(inputs=[]))

@scenario
def implicit_and_explicit_gradients(log):
    x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
    y = x * 2
    err(log, lambda: y.backward())
    err(log, lambda: y.backward(torch.ones(3)))
    err(log, lambda: torch.ones(2).backward())
    err(log, lambda: torch.ones(2, requires_grad=True).sum().backward(torch.ones(2)))
    log(x.grad)
    y.backward(torch.tensor([[1., 0.], [0., 1.]]))
    log(x.grad)
    s = torch.tensor(3., requires_grad=True)
    s.backward()
    log(s.grad)
    torch.autograd.backward([x.sum(), (x * x).sum()])
    log(x.grad)
    torch.autograd.backward([x * 1], grad_tensors=[torch.ones(2, 2)])
    log(x.grad)

@scenario
def version_counter(log):
    a = torch.tensor([1., 2., 3.], requires_grad=True)
    y = a * 2
    z = y * y
    y.add_(1)
    log(y._version, y.grad_fn)
    err(log, lambda: z.sum().backward())
    b = a.detach()
    log(b._version, a._version, b.requires_grad, b.is_leaf)
    z = a * a
    b.add_(1)
    log(a._version, b._version, a)
    err(log, lambda: z.sum().backward())
    c = torch.tensor([1., 2., 3.], requires_grad=True)
    d = c.data
    z = c * c
    d.mul_(10)
    log(c._version, d._version, c)
    z.sum().backward()
    log(c.grad)
    w = torch.tensor([1., 2.])
    x = torch.tensor([3., 4.], requires_grad=True)
    z = x * w
    w.add_(1)
    err(log, lambda: z.sum().backward())
    v = torch.ones(2, 3)
    s = v[0]
    s.mul_(5)
    log(v._version, s._version, v)

@scenario
def inplace_rules(log):
    x = torch.tensor([1., 2.], requires_grad=True)
    err(log, lambda: x.add_(1))
    err(log, lambda: x.mul_(2))
    err(log, lambda: x.zero_())
    with torch.no_grad():
        x.mul_(2)
    log(x, x.grad_fn, x.is_leaf, x._version)
    y = x * 3
    y.add_(1)
    log(y, y.is_leaf)
    y.mul_(y.detach().clone())
    log(y)
    y.sum().backward()
    log(x.grad)
    a = torch.zeros(2)
    a.add_(x)
    log(a, a.is_leaf, a.requires_grad)
    a.sum().backward()
    log(x.grad)
    q = torch.tensor([1, 2])
    err(log, lambda: q.add_(1.5))
    err(log, lambda: torch.zeros(2).add_(torch.ones(2, 2)))
    r = torch.tensor([1., 2.], requires_grad=True) * 1
    r.zero_()
    log(r)

@scenario
def inplace_on_views(log):
    a = torch.tensor([1., 2., 3., 4.], requires_grad=True)
    b = a * 1
    v = b[1:3]
    v.mul_(10)
    log(b, v, b.grad_fn, v.grad_fn, b._version, v._version)
    (b * torch.tensor([1., 2., 3., 4.])).sum().backward()
    log(a.grad)
    c = torch.zeros(2, 3)
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    c[0].copy_(x)
    c[1].add_(x * 2)
    log(c, c.grad_fn, c.is_leaf, c.requires_grad)
    (c * c).sum().backward()
    log(x.grad)
    err(log, lambda: a[0].add_(1))
    err(log, lambda: a.view(2, 2).mul_(2))
    d = a.clone()
    d.view(2, 2)[0].mul_(a[:2])
    d[3].zero_()
    log(d)
    a.grad = None
    d.sum().backward()
    log(a.grad)

@scenario
def output_layout(log):
    # Elementwise results follow their inputs' layout (TensorIterator); clone preserves it.
    x = torch.arange(6.).view(2, 3).t()
    y = torch.arange(6.).view(3, 2)
    z = torch.arange(24.).view(2, 3, 4).permute(2, 0, 1)
    for name, t in [("x.neg()", x.neg()), ("x.clone()", x.clone()), ("x + y", x + y), ("y + x", y + x),
                    ("x * 2", x * 2), ("x + 1 row", x + torch.ones(2)), ("z.sin()", z.sin()), ("z + z", z + z),
                    ("z.clone()", z.clone()), ("x.contiguous()", x.contiguous()), ("x.reshape(6)", x.reshape(6)),
                    ("x > 1", x > 1), ("x[:, :1] + 0", x[:, :1] + 0), ("col + row", torch.ones(3, 1) + torch.ones(1, 2))]:
        log(name, list(t.stride()), t.is_contiguous(), t)
    w = torch.arange(6., requires_grad=True).view(2, 3).t()
    c = w.contiguous()
    log(c.grad_fn, w.clone().is_contiguous(), w.clone().contiguous().grad_fn)

@scenario
def custom_function(log):
    class Exp(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            r = x.exp()
            ctx.save_for_backward(r)
            return r
        @staticmethod
        def backward(ctx, g):
            (r,) = ctx.saved_tensors
            return g * r
    x = torch.tensor([0.5, 1.0], requires_grad=True)
    y = Exp.apply(x)
    log(y, y.grad_fn, y.grad_fn.name(), len(y.grad_fn.next_functions))
    y.sum().backward(retain_graph=True)
    log(x.grad)
    class Two(torch.autograd.Function):
        @staticmethod
        def forward(ctx, a, k, b):
            ctx.k = k
            return a * k, a + b
        @staticmethod
        def backward(ctx, ga, gb):
            log("needs", list(ctx.needs_input_grad), gb)
            return ga * ctx.k + gb, None, gb
    a = torch.tensor([1., 2.], requires_grad=True)
    b = torch.tensor([3., 4.], requires_grad=True)
    p, q = Two.apply(a, 3.0, b)
    log(p, q)
    p.sum().backward()
    log(a.grad, b.grad)
    class Bad(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2
        @staticmethod
        def backward(ctx, g):
            return g, g
    err(log, lambda: Bad.apply(torch.ones(2, requires_grad=True)).sum().backward())
    class Inplace(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            x.mul_(2)
            ctx.mark_dirty(x)
            return x
        @staticmethod
        def backward(ctx, g):
            return g * 2
    z = torch.tensor([1., 2.], requires_grad=True)
    zc = z.clone()
    w = Inplace.apply(zc)
    log(w, w is zc, zc.grad_fn, zc._version)
    w.sum().backward()
    log(z.grad)
    class ND(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            i = x.argmax()
            ctx.mark_non_differentiable(i)
            return x * 1, i
        @staticmethod
        def backward(ctx, g, gi):
            log("gi", gi)
            return g
    v, i = ND.apply(torch.tensor([1., 3.], requires_grad=True))
    log(v.requires_grad, i.requires_grad)
    v.sum().backward()
    class NoMat(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.set_materialize_grads(False)
            return x * 1, x * 2
        @staticmethod
        def backward(ctx, g1, g2):
            log("nomat", g1, g2)
            return g1
    r1, r2 = NoMat.apply(torch.tensor([1.], requires_grad=True))
    r1.sum().backward()
    log(Exp.apply(torch.tensor([1.0])).requires_grad)
    y.sum().backward()
    err(log, lambda: y.sum().backward())
    x2 = torch.tensor(0.7, requires_grad=True)
    (g1,) = torch.autograd.grad(Exp.apply(x2) * x2, x2, create_graph=True)
    log(g1)

@scenario
def detach_and_data(log):
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x * x
    u = y.detach()
    z = u * x
    z.sum().backward()
    log(x.grad, x.grad == u)
    log(u.requires_grad, u.grad_fn, y.detach_().grad_fn, y.requires_grad, y.is_leaf)
    w = torch.ones(1, 2, requires_grad=True)
    log(w.data, w.data.requires_grad, w.data.is_leaf)
    w.data = torch.tensor([[5., 6.]])
    log(w)
    a = torch.tensor([1.], requires_grad=True)
    log(a.requires_grad_(False), a.requires_grad)
    err(log, lambda: (a * 1).requires_grad_(True))
    err(log, lambda: torch.tensor([1]).requires_grad_())
    err(log, lambda: torch.tensor([1], requires_grad=True))
    b = (torch.tensor([1.], requires_grad=True) * 2)
    err(log, lambda: b.requires_grad_(False))

@scenario
def grad_modes(log):
    x = torch.tensor([1., 2.], requires_grad=True)
    log(torch.is_grad_enabled())
    with torch.no_grad():
        y = x * 2
        log(torch.is_grad_enabled(), y.requires_grad, y.grad_fn)
        with torch.enable_grad():
            z = x * 2
            log(z.requires_grad, z.grad_fn)
    torch.set_grad_enabled(False)
    w = x + 1
    torch.set_grad_enabled(True)
    log(w.requires_grad, (x ** 2).requires_grad)

@scenario
def retain_grad(log):
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x * 3
    y.retain_grad()
    log(y.retains_grad, x.retains_grad)
    z = (y * y).sum()
    z.backward(retain_graph=True)
    log(y.grad, x.grad)
    z.backward()
    log(y.grad, x.grad)
    x.retain_grad()
    log(x.retains_grad)

@scenario
def tensor_hooks(log):
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x * 2
    h1 = y.register_hook(lambda g: log("hook1 on y", g))
    y.register_hook(lambda g: g * 10)
    y.register_hook(lambda g: log("hook3 sees", g))
    x.register_hook(lambda g: log("leaf hook", g))
    y.retain_grad()
    y.sum().backward(retain_graph=True)
    log(x.grad, y.grad)
    h1.remove()
    y.sum().backward()
    log(x.grad)
    err(log, lambda: torch.ones(2).register_hook(lambda g: g))

@scenario
def node_hooks_and_order(log):
    x = torch.tensor([0.5, 1.5], requires_grad=True)
    a = x * 2
    b = a.exp()
    c = a.sin()
    d = b + c
    e = d.sum()
    for name, t in [("a", a), ("b", b), ("c", c), ("d", d), ("e", e)]:
        t.grad_fn.register_prehook(lambda go, n=name: log("pre", n) or None)
        t.grad_fn.register_hook(lambda gi, go, n=name: log("post", n, [g is not None for g in gi]) or None)
    x.register_hook(lambda g: log("x hook", g))
    e.backward()
    log(x.grad)
    y = x * 3
    y.grad_fn.register_hook(lambda gi, go: (gi[0] * 0 + 7, None))
    y.sum().backward()
    log(x.grad)

@scenario
def post_accumulate_hook(log):
    p = torch.tensor([1., 2.], requires_grad=True)
    def h(t):
        log("post-acc", t.grad)
    if hasattr(p, "register_post_accumulate_grad_hook"):
        p.register_post_accumulate_grad_hook(h)
        (p * p).sum().backward()
    else:  # PyTorch 2.x only: the hook runs right after .grad is updated
        (p * p).sum().backward()
        h(p)
    log(p.grad)

@scenario
def control_flow(log):
    def f(a):
        b = a * 2
        while b.norm() < 1000:
            b = b * 2
        if b.sum() > 0:
            c = b
        else:
            c = 100 * b
        return c
    a = torch.tensor(0.3119, requires_grad=True)
    d = f(a)
    d.backward()
    log(a.grad, a.grad == d / a)
    a = torch.tensor([[-0.0524, -0.0269, -0.8601]], requires_grad=True)
    d = f(a)
    d.sum().backward()
    log(a.grad, a.grad == d / a)

def sgd_run(log, **kw):
    torch.manual_seed(0)
    w = torch.tensor([[0.5, -0.3], [0.8, 0.1]], requires_grad=True)
    b = torch.tensor([0.1, -0.2], requires_grad=True)
    X = torch.tensor([[1., 2.], [3., -1.], [0.5, 0.25]])
    Y = torch.tensor([[1., 0.], [0., 1.], [1., 1.]])
    opt = torch.optim.SGD([w, b], **kw)
    for i in range(5):
        opt.zero_grad()
        loss = ((X.mm(w) + b - Y) ** 2).mean()
        loss.backward()
        opt.step()
    log(w, b)
    log(w.tolist(), b.tolist())

@scenario
def sgd_plain(log):
    sgd_run(log, lr=0.1)

@scenario
def sgd_momentum(log):
    sgd_run(log, lr=0.1, momentum=0.9)

@scenario
def sgd_nesterov_wd(log):
    sgd_run(log, lr=0.05, momentum=0.8, nesterov=True, weight_decay=0.01)

@scenario
def sgd_dampening_maximize(log):
    sgd_run(log, lr=0.05, momentum=0.5, dampening=0.3, maximize=True)

@scenario
def sgd_zero_grad_modes(log):
    p = torch.tensor([1., 2.], requires_grad=True)
    opt = torch.optim.SGD([p], lr=0.1)
    (p * p).sum().backward()
    opt.zero_grad(set_to_none=False)
    log(p.grad)
    opt.zero_grad(set_to_none=True)  # PyTorch 2.x's default (1.13 defaulted to False)
    log(p.grad)
    log(opt.param_groups[0]["lr"], opt.param_groups[0]["momentum"], opt.param_groups[0]["nesterov"])
    err(log, lambda: torch.optim.SGD([p], lr=-1))
    err(log, lambda: torch.optim.SGD([p], lr=0.1, nesterov=True))

json.dump(scenarios, open(OUT, "w"), indent=1, ensure_ascii=False)
print(f"wrote {len(scenarios)} scenarios to {os.path.normpath(OUT)}")
