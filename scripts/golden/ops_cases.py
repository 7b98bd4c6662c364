"""Golden fixture for the foundation ops: forward values, gradients and errors from real PyTorch.

Run from the repo root with Debian's torch:  /usr/bin/python3 scripts/golden/ops_cases.py
Writes test/fixtures/ops.json:

  { "torch": version,
    "cases":  [Case],   # forward + backward samples, one op applied to fixed inputs
    "errors": [ErrorCase] }

Input (one per operand of the op):
  {"tensor": {"values": flat row-major base values, "shape", "dtype",
              "make": [transform, ...],   # applied to the base (under no_grad) to get the operand
              "requiresGrad": bool,       # after make: operand = made.detach().requires_grad_()
              "strides", "offset"}}       # the operand's strides / storage offset (sanity check)
  {"scalar": v, "kind": "int" | "float" | "bool"}   # a Python number operand (JS number/boolean)
transforms: ["t"], ["transpose", d0, d1], ["slice", dim, start, stop, step], ["select", dim, i],
            ["expand", [sizes]], ["permute", [dims]]

Case: {id, op, args, inputs, outputs: [Out], w: [weights|null per output],
       grads: [grad|null per input], versions: [version per tensor input after the op],
       gradcheck: true | {"skip": reason} | absent (nothing differentiable), note?}
Out: {values, shape, dtype, strides, offset, gradFn, requiresGrad, isView, version} or {"value": python scalar}
grads: gradients of sum(out_k * w_k) over the float outputs w.r.t. each input that requires grad.
gradcheck / gradgradcheck: this script checked that torch.autograd.gradcheck and gradgradcheck pass on
the float64 version of the sample, or records why the point is skipped. Their inputs are the bases (float
ones cast to float64, requires_grad as the operand's); the function applies `make`, then the op.

ErrorCase: {id, op, args, inputs, error: {name, message}}: the call raises; the inputs are unchanged.

Encoding: floats as JSON numbers (exact float32/float64 values), "nan"/"inf"/"-inf"/"-0" as strings,
int64/int32 as integers, bool as true/false.

Numbers in creation ops (tensor data, full/fill values, arange/linspace bounds) are Python floats:
tensorgrad's API gives the default float dtype for JS numbers (API.md), like PyTorch for float literals.
As operands of arithmetic, a JS integer is a Python int and a non-integer a Python float ("kind").

Where PyTorch 1.13 (this oracle) and 2.x differ, the 1.13 value is recorded here and test/ops.test.ts
overrides it with a comment.
"""
import json
import math
import os
import warnings

import torch

# gradgradcheck of an op with a float32 output gets float32 grad_outputs: PyTorch warns, and checks anyway
warnings.filterwarnings("ignore", message="Input #")

torch.set_default_dtype(torch.float32)

DTYPES = {torch.float32: "float32", torch.float64: "float64", torch.int64: "int64", torch.int32: "int32", torch.bool: "bool"}
BY_NAME = {v: k for k, v in DTYPES.items()}

gen = torch.Generator().manual_seed(20240601)


def randn(*shape, dtype=torch.float32):
    return torch.randn(shape, generator=gen, dtype=torch.float64).to(dtype)


def rand(*shape, lo=0.0, hi=1.0, dtype=torch.float32):
    return (torch.rand(shape, generator=gen, dtype=torch.float64) * (hi - lo) + lo).to(dtype)


def randint(lo, hi, *shape, dtype=torch.int64):
    return torch.randint(lo, hi, shape, generator=gen).to(dtype)


def ten(data, dtype=torch.float32):
    return torch.tensor(data, dtype=dtype)


# ---- encoding ---------------------------------------------------------------------------------

def enc(v):
    if isinstance(v, bool):
        return v
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


def enc_args(a):
    """Non-tensor arguments: floats go through enc (inf/nan as strings), containers recursively."""
    if isinstance(a, dict):
        return {k: enc_args(v) for k, v in a.items()}
    if isinstance(a, list):
        return [enc_args(v) for v in a]
    if isinstance(a, float):
        return enc(a)
    return a


def flat(t):
    t = t.detach()
    vals = t.reshape(-1).tolist() if t.dim() > 0 else [t.item()]
    return [enc(v) for v in vals]


def enc_tensor(t):
    return {"values": flat(t), "shape": list(t.shape), "dtype": DTYPES[t.dtype]}


# ---- input specs ------------------------------------------------------------------------------

class T:
    """A tensor operand: a contiguous base, transforms that make it (non-contiguous etc.), requires_grad."""

    def __init__(self, base, make=(), rg=None):
        self.base = base.detach().contiguous()
        self.make = [list(m) for m in make]
        self.rg = base.dtype.is_floating_point if rg is None else rg

    def build(self, dtype_map=None):
        t = self.base.clone()
        if dtype_map is not None and t.dtype.is_floating_point:
            t = t.to(dtype_map)
        with torch.no_grad():
            for m in self.make:
                t = apply_make(t, m)
        if self.rg:
            t = t.detach().requires_grad_()
        return t

    def gradcheck_base(self):
        """For gradcheck: the base itself (floats in float64) is the input; `make` runs inside the function."""
        t = self.base.clone()
        if t.dtype.is_floating_point:
            t = t.to(torch.float64)
        return t.requires_grad_() if self.rg else t

    def remake(self, t):
        for m in self.make:
            t = apply_make(t, m)
        return t

    def spec(self):
        made = self.build()
        return {"tensor": {**enc_tensor(self.base), "make": self.make, "requiresGrad": self.rg,
                           "strides": list(made.stride()), "offset": made.storage_offset()}}


class S:
    """A Python number operand."""

    def __init__(self, v):
        self.v = v
        if isinstance(v, bool):
            self.kind = "bool"
        elif isinstance(v, int):
            self.kind = "int"
        else:
            # a JS number that is an integer acts as a Python int: floats here must be non-integers
            assert isinstance(v, float) and (not v.is_integer() or math.isinf(v) or math.isnan(v)), v
            self.kind = "float"

    def build(self, dtype_map=None):
        return self.v

    def gradcheck_base(self):
        return self.v

    def remake(self, v):
        return v

    def spec(self):
        return {"scalar": enc(self.v), "kind": self.kind}


def apply_make(t, m):
    kind = m[0]
    if kind == "t":
        return t.t()
    if kind == "transpose":
        return t.transpose(m[1], m[2])
    if kind == "slice":
        _, dim, start, stop, step = m
        idx = [slice(None)] * t.dim()
        idx[dim] = slice(start, stop, step)
        return t[tuple(idx)]
    if kind == "select":
        return t.select(m[1], m[2])
    if kind == "expand":
        return t.expand(*m[1])
    if kind == "permute":
        return t.permute(*m[1])
    raise ValueError(kind)


# ---- the ops (mirrored by the OPS table of test/ops.test.ts) -----------------------------------

def py_index_item(it):
    if it is None:
        return None
    if it == "...":
        return Ellipsis
    if isinstance(it, list):
        return slice(*it)
    return it


def alpha_kw(a):
    return {"alpha": a["alpha"]} if "alpha" in a else {}


def reduce_call(name):
    def f(x, a):
        t = x[0]
        if "dim" not in a:
            return getattr(t, name)()
        return getattr(t, name)(a["dim"], keepdim=a.get("keepdim", False))
    return f


def inplace(name):
    """self.op_(...) on the input (or on its clone); with "view", on that view of it, returning (base, view)."""
    def f(x, a):
        s = x[0].clone() if a.get("clone") else x[0]
        target = OPS["index"]([s], {"items": a["view"]}) if "view" in a else s
        r = getattr(target, name)(*x[1:], **alpha_kw(a))
        assert r is target
        return (s, target) if "view" in a else s
    return f


def dtype_arg(a):
    return {"dtype": BY_NAME[a["dtype"]]} if a.get("dtype") else {}


def creation_kw(a):
    kw = dtype_arg(a)
    if a.get("requiresGrad"):
        kw["requires_grad"] = True
    return kw


def to_py_data(d, bigint=False):
    if isinstance(d, list):
        return [to_py_data(v, bigint) for v in d]
    if isinstance(d, bool):
        return d
    return int(d) if bigint else float(d)


def set_requires_grad(x, a):
    t = x[0].clone() if a.get("clone") else x[0]
    t.requires_grad = a["flag"]
    return t


def requires_grad_(x, a):
    t = x[0].clone() if a.get("clone") else x[0]
    return t.requires_grad_(a.get("flag", True))


OPS = {
    "add": lambda x, a: torch.add(x[0], x[1], **alpha_kw(a)),
    "sub": lambda x, a: torch.sub(x[0], x[1], **alpha_kw(a)),
    "mul": lambda x, a: torch.mul(x[0], x[1]),
    "div": lambda x, a: torch.div(x[0], x[1]),
    "pow": lambda x, a: torch.pow(x[0], x[1]),
    "neg": lambda x, a: x[0].neg(),
    "abs": lambda x, a: x[0].abs(),
    "exp": lambda x, a: x[0].exp(),
    "log": lambda x, a: x[0].log(),
    "sqrt": lambda x, a: x[0].sqrt(),
    "square": lambda x, a: x[0].square(),
    "sin": lambda x, a: x[0].sin(),
    "cos": lambda x, a: x[0].cos(),
    "tanh": lambda x, a: x[0].tanh(),
    "sigmoid": lambda x, a: x[0].sigmoid(),
    "relu": lambda x, a: x[0].relu(),
    "eq": lambda x, a: x[0].eq(x[1]),
    "ne": lambda x, a: x[0].ne(x[1]),
    "lt": lambda x, a: x[0].lt(x[1]),
    "le": lambda x, a: x[0].le(x[1]),
    "gt": lambda x, a: x[0].gt(x[1]),
    "ge": lambda x, a: x[0].ge(x[1]),
    "sum": reduce_call("sum"),
    "mean": reduce_call("mean"),
    "prod": reduce_call("prod"),
    "max": reduce_call("max"),
    "min": reduce_call("min"),
    "amax": lambda x, a: x[0].amax(a.get("dim", ()), keepdim=a.get("keepdim", False)),
    "amin": lambda x, a: x[0].amin(a.get("dim", ()), keepdim=a.get("keepdim", False)),
    "norm": lambda x, a: x[0].norm(p=a.get("p", 2), dim=a.get("dim"), keepdim=a.get("keepdim", False)),
    "dot": lambda x, a: x[0].dot(x[1]),
    "mm": lambda x, a: x[0].mm(x[1]),
    "mv": lambda x, a: x[0].mv(x[1]),
    "matmul": lambda x, a: x[0].matmul(x[1]),
    "outer": lambda x, a: x[0].outer(x[1]),
    "view": lambda x, a: x[0].view(a["shape"]),
    "reshape": lambda x, a: x[0].reshape(a["shape"]),
    "t": lambda x, a: x[0].t(),
    "transpose": lambda x, a: x[0].transpose(a["dim0"], a["dim1"]),
    "permute": lambda x, a: x[0].permute(a["dims"]),
    "expand": lambda x, a: x[0].expand(a["sizes"]),
    "expandAs": lambda x, a: x[0].expand_as(x[1]),
    "squeeze": lambda x, a: x[0].squeeze(a["dim"]) if "dim" in a else x[0].squeeze(),
    "unsqueeze": lambda x, a: x[0].unsqueeze(a["dim"]),
    "flatten": lambda x, a: x[0].flatten(a.get("start", 0), a.get("end", -1)),
    "contiguous": lambda x, a: x[0].contiguous(),
    # x.index(a) is Python's x[a]; x.index(a, b) is x[a, b]
    "index": lambda x, a: x[0][py_index_item(a["items"][0])] if len(a["items"]) == 1 else x[0][tuple(py_index_item(i) for i in a["items"])],
    "select": lambda x, a: x[0].select(a["dim"], a["index"]),
    "narrow": lambda x, a: x[0].narrow(a["dim"], a["start"], a["length"]),
    "clone": lambda x, a: x[0].clone(),
    "where": lambda x, a: torch.where(x[0], x[1], x[2]),
    "maximum": lambda x, a: torch.maximum(x[0], x[1]),
    "minimum": lambda x, a: torch.minimum(x[0], x[1]),
    "to": lambda x, a: x[0].to(BY_NAME[a["dtype"]]),
    "float": lambda x, a: x[0].float(),
    "double": lambda x, a: x[0].double(),
    "long": lambda x, a: x[0].long(),
    "int": lambda x, a: x[0].int(),
    "bool": lambda x, a: x[0].bool(),
    "tensor": lambda x, a: torch.tensor(to_py_data(a["data"], a.get("bigint", False)), **creation_kw(a)),
    "zeros": lambda x, a: torch.zeros(a["shape"], **creation_kw(a)),
    "ones": lambda x, a: torch.ones(a["shape"], **creation_kw(a)),
    "full": lambda x, a: torch.full(a["shape"], float(a["value"]) if not isinstance(a["value"], bool) else a["value"], **creation_kw(a)),
    "arange": lambda x, a: torch.arange(*[float(v) for v in a["args"]], **creation_kw(a)),
    "linspace": lambda x, a: torch.linspace(float(a["start"]), float(a["end"]), a["steps"], **creation_kw(a)),
    "zerosLike": lambda x, a: torch.zeros_like(x[0], **creation_kw(a)),
    "onesLike": lambda x, a: torch.ones_like(x[0], **creation_kw(a)),
    "fullLike": lambda x, a: torch.full_like(x[0], float(a["value"]), **creation_kw(a)),
    "add_": inplace("add_"),
    "sub_": inplace("sub_"),
    "mul_": inplace("mul_"),
    "div_": inplace("div_"),
    "zero_": inplace("zero_"),
    "fill_": inplace("fill_"),
    "copy_": inplace("copy_"),
    # only in error cases
    "item": lambda x, a: x[0].item(),
    "requiresGrad_": requires_grad_,
    "setRequiresGrad": set_requires_grad,
}

# ops whose output is a view of (or is) an input: their strides and offsets are checked too
VIEW_OPS = {"view", "reshape", "t", "transpose", "permute", "expand", "expandAs", "squeeze", "unsqueeze",
            "flatten", "contiguous", "index", "select", "narrow"}

cases = []
errors = []
ids = set()


def weight(shape, dtype, salt):
    n = 1
    for s in shape:
        n *= s
    vals = [((k * 7 + salt * 3) % 11 - 5) / 4.0 for k in range(n)]
    return torch.tensor(vals, dtype=dtype).reshape(shape)


def out_spec(o, op):
    if not isinstance(o, torch.Tensor):
        return {"value": enc(o)}
    d = enc_tensor(o)
    d.update({
        "strides": list(o.stride()), "offset": o.storage_offset(),
        "gradFn": type(o.grad_fn).__name__ if o.grad_fn is not None else None,
        "requiresGrad": o.requires_grad, "isView": o._is_view(), "version": o._version,
    })
    return d


def as_list(r):
    if isinstance(r, tuple):
        return list(r)
    return [r]


def diff_outputs(outs):
    return [o if isinstance(o, torch.Tensor) and o.requires_grad and o.dtype.is_floating_point else None for o in outs]


def case(op, label, inputs, args=None, skip=None, note=None, skip_gg=None, gc_opts=None):
    """Records one sample. `skip`: why gradcheck does not apply at this point (non-differentiable)."""
    args = args or {}
    cid = f"{op}/{label}"
    assert cid not in ids, cid
    ids.add(cid)
    built = [i.build() for i in inputs]
    outs = as_list(OPS[op](built, args))
    rec = {"id": cid, "op": op, "args": enc_args(args), "inputs": [i.spec() for i in inputs],
           "outputs": [out_spec(o, op) for o in outs]}
    rec["versions"] = [b._version if isinstance(b, torch.Tensor) else None for b in built]
    diff = diff_outputs(outs)
    tensor_in = [b if isinstance(b, torch.Tensor) and b.requires_grad else None for b in built]
    if any(d is not None for d in diff) and any(t is not None for t in tensor_in):
        ws = [weight(d.shape, d.dtype, k) if d is not None else None for k, d in enumerate(diff)]
        rec["w"] = [enc_tensor(w) if w is not None else None for w in ws]
        loss = sum((d * w).sum() for d, w in zip(diff, ws) if d is not None)
        wanted = [t for t in tensor_in if t is not None]
        gs = torch.autograd.grad(loss, wanted, allow_unused=True)
        it = iter(gs)
        rec["grads"] = [None if t is None else (lambda g: enc_tensor(g) if g is not None else None)(next(it)) for t in tensor_in]
        rec["gradcheck"], rec["gradgradcheck"] = run_gradcheck(op, inputs, args, skip, skip_gg, cid, gc_opts or {})
        if gc_opts:
            rec["gradcheckOptions"] = gc_opts
    else:
        assert skip is None and skip_gg is None, cid
    if note:
        rec["note"] = note
    cases.append(rec)
    return rec


def run_gradcheck(op, inputs, args, skip, skip_gg, cid, opts):
    """gradcheck/gradgradcheck of the op in float64. The inputs are the contiguous bases and the `make`
    transforms (transpose, step slices, expand) run inside the checked function, so non-contiguous and
    expanded operands are checked too (gradcheck itself refuses overlapping inputs)."""
    def fn(*bases):
        outs = as_list(OPS[op]([i.remake(b) for i, b in zip(inputs, bases)], args))
        fl = [o for o in outs if isinstance(o, torch.Tensor) and o.dtype.is_floating_point]
        return tuple(fl) if len(fl) != 1 else fl[0]

    if skip is not None:
        return {"skip": skip}, {"skip": skip}
    ok = torch.autograd.gradcheck(fn, [i.gradcheck_base() for i in inputs], raise_exception=False, **opts)
    assert ok, f"gradcheck fails for {cid}: declare a skip reason"
    if skip_gg is not None:
        return True, {"skip": skip_gg}
    ok2 = torch.autograd.gradgradcheck(fn, [i.gradcheck_base() for i in inputs], raise_exception=False, **opts)
    assert ok2, f"gradgradcheck fails for {cid}: declare a skip reason"
    return True, True


def error(op, label, inputs, args=None, note=None):
    args = args or {}
    cid = f"{op}/{label}"
    assert cid not in ids, cid
    ids.add(cid)
    built = [i.build() for i in inputs]
    before = [(b.detach().clone(), b._version) if isinstance(b, torch.Tensor) else None for b in built]
    try:
        OPS[op](built, args)
    except Exception as e:  # noqa: BLE001
        name = type(e).__name__
        msg = str(e)
    else:
        raise AssertionError(f"{cid} did not raise")
    for b, snap in zip(built, before):
        if snap is not None:
            assert torch.equal(b.detach(), snap[0]) or (b.dtype.is_floating_point and torch.allclose(b.detach(), snap[0], equal_nan=True)), cid
            assert b._version == snap[1], cid
    rec = {"id": cid, "op": op, "args": enc_args(args), "inputs": [i.spec() for i in inputs], "error": {"name": name, "message": msg}}
    if note:
        rec["note"] = note
    errors.append(rec)


# =================================================================================================
# samples
# =================================================================================================

f32, f64, i64, i32, b8 = torch.float32, torch.float64, torch.int64, torch.int32, torch.bool

# ---- binary arithmetic: add sub mul div ---------------------------------------------------------
for op in ["add", "sub", "mul", "div"]:
    nz = lambda *s, dtype=f32: rand(*s, lo=0.5, hi=2.0, dtype=dtype) * (torch.randint(0, 2, s, generator=gen) * 2 - 1).to(dtype)
    other = (lambda *s, dtype=f32: nz(*s, dtype=dtype)) if op == "div" else randn
    case(op, "same_shape", [T(randn(2, 3)), T(other(2, 3))])
    case(op, "broadcast_row", [T(randn(2, 3)), T(other(3))])
    case(op, "broadcast_outer", [T(randn(3, 1)), T(other(1, 4))])
    case(op, "broadcast_3d", [T(randn(2, 1, 3)), T(other(4, 1))])
    case(op, "zero_dim_rhs", [T(randn(2, 3)), T(other())])
    case(op, "zero_dim_lhs", [T(randn()), T(other(2, 3))])
    case(op, "zero_dim_both", [T(randn()), T(other())])
    case(op, "noncontig_t", [T(randn(3, 2), make=[["t"]]), T(other(2, 3))])
    case(op, "noncontig_step", [T(randn(2, 6), make=[["slice", 1, 0, 6, 2]]), T(other(3, 2), make=[["t"]])])
    case(op, "expanded_input", [T(randn(3), make=[["expand", [2, 3]]]), T(other(2, 3))])
    case(op, "f32_f64", [T(randn(2, 3)), T(other(2, 3, dtype=f64))])
    case(op, "f64_f64", [T(randn(2, 3, dtype=f64)), T(other(3, dtype=f64))])
    case(op, "f32_dim_f64_zero_dim", [T(randn(2, 3)), T(other(dtype=f64))])
    case(op, "i64_dim_f64_zero_dim", [T(randint(-5, 6, 2, 3)), T(other(dtype=f64))])
    case(op, "i64_f32", [T(randint(-5, 6, 2, 3)), T(other(3))])
    case(op, "i64_i64", [T(randint(-5, 6, 2, 3)), T(ten([3, -2, 4], i64) if op == "div" else randint(-5, 6, 3))])
    case(op, "i32_i64", [T(randint(-5, 6, 2, 3, dtype=i32)), T(ten([3, -2, 4], i64) if op == "div" else randint(-5, 6, 3))])
    case(op, "i32_i64_zero_dim", [T(randint(-5, 6, 2, 3, dtype=i32)), T(ten(3, i64))])
    (error if op == "sub" else case)(op, "bool_i64", [T(ten([[True, False, True], [False, False, True]], b8)), T(ten([3, -2, 4], i64))])
    case(op, "scalar_int", [T(randn(2, 3)), S(3)])
    case(op, "scalar_float", [T(randn(2, 3)), S(2.5)])
    case(op, "scalar_float_f64", [T(randn(2, 3, dtype=f64)), S(-0.3)])
    case(op, "i64_scalar_int", [T(randint(-5, 6, 2, 3)), S(3)])
    case(op, "i64_scalar_float", [T(randint(-5, 6, 2, 3)), S(2.5)])
    case(op, "i32_scalar_int", [T(randint(-5, 6, 2, 3, dtype=i32)), S(3)])
    (error if op == "sub" else case)(op, "bool_scalar_int", [T(ten([True, False, True], b8)), S(2)])
    (error if op == "sub" else case)(op, "bool_scalar_float", [T(ten([True, False, True], b8)), S(1.5)])
    case(op, "zero_dim_i64_scalar_float", [T(ten(4, i64)), S(0.5)])
    case(op, "zero_dim_f32_scalar", [T(randn()), S(-2)])
    (error if op == "sub" else case)(op, "f32_scalar_bool", [T(randn(3)), S(True)])
    if op != "sub":
        case(op, "bool_bool", [T(ten([True, False, True, False], b8)), T(ten([True, True, False, False], b8))])
    if op in ("add", "sub"):
        case(op, "alpha_int", [T(randn(2, 3)), T(randn(3))], {"alpha": 2})
        case(op, "alpha_float", [T(randn(2, 3)), T(randn(2, 3))], {"alpha": 0.5})
        case(op, "alpha_i64", [T(randint(-5, 6, 4)), T(randint(-5, 6, 4))], {"alpha": 3})
        case(op, "alpha_scalar_other", [T(randn(4)), S(1.5)], {"alpha": -2})
    case(op, "rhs_only_requires_grad", [T(randn(2, 3), rg=False), T(other(2, 3))])
    case(op, "edge_values", [T(ten([0.0, -0.0, float("inf"), float("-inf"), float("nan"), 1e30, -1e-30, 3.0]), rg=False),
                             T(ten([0.0, 1.0, float("inf"), 2.0, 1.0, 1e30, 0.0, -0.0]), rg=False)])

# more of the promotion lattice: dimensioned > zero-dim > JS number, unless a lower priority is a higher category
for op in ["add", "mul"]:
    case(op, "i32_dim_f64_zero_dim", [T(randint(-5, 6, 3, dtype=i32)), T(randn(dtype=f64))])
    case(op, "i32_dim_f32_zero_dim", [T(randint(-5, 6, 3, dtype=i32)), T(randn())])
    case(op, "bool_dim_i64_zero_dim", [T(ten([True, False], b8)), T(ten(3, i64))])
    case(op, "bool_dim_i32_zero_dim", [T(ten([True, False], b8)), T(ten(3, i32))])
    case(op, "f32_dim_i64_zero_dim", [T(randn(3)), T(ten(4, i64))])
    case(op, "i64_zero_dim_f32_zero_dim", [T(ten(4, i64)), T(randn())])
    case(op, "f64_zero_dim_scalar_float", [T(randn(dtype=f64)), S(2.5)])
    case(op, "i32_zero_dim_scalar_float", [T(ten(3, i32)), S(0.25)])
    case(op, "bool_scalar_bool", [T(ten([True, False], b8)), S(True)])
    case(op, "i32_dim_bool_zero_dim", [T(randint(-5, 6, 3, dtype=i32)), T(ten(True, b8))])
case("div", "int_true_division_zero", [T(ten([1, -1, 0, 7], i64)), T(ten([0, 0, 0, 2], i64))])

# ---- pow / square -------------------------------------------------------------------------------
pos = lambda *s, dtype=f32: rand(*s, lo=0.5, hi=2.0, dtype=dtype)
case("pow", "tensor_tensor", [T(pos(2, 3)), T(randn(2, 3))])
case("pow", "tensor_tensor_broadcast", [T(pos(3, 1)), T(randn(1, 4))])
case("pow", "tensor_zero_dim_exp", [T(pos(2, 3)), T(randn())])
case("pow", "tensor_tensor_noncontig", [T(pos(3, 2), make=[["t"]]), T(randn(2, 3))])
case("pow", "base_zero_tensor_exp", [T(ten([0.0, 0.0, 2.0, 1.5])), T(ten([2.0, 3.0, 1.5, 0.0]))],
     skip_gg="d(x^y)/dy = x^y log x has no derivative in x at x = 0 (PyTorch masks it to 0 there)")
case("pow", "tensor_tensor_f64", [T(pos(4, dtype=f64)), T(randn(4, dtype=f64))])
case("pow", "tensor_tensor_f32_f64", [T(pos(4)), T(randn(4, dtype=f64))])
case("pow", "scalar_2", [T(randn(2, 3)), S(2)])
case("pow", "scalar_3", [T(randn(2, 3)), S(3)])
case("pow", "scalar_0", [T(randn(2, 3)), S(0)])
case("pow", "scalar_neg1", [T(pos(2, 3)), S(-1)])
case("pow", "scalar_half", [T(pos(2, 3)), S(0.5)])
case("pow", "scalar_2_5", [T(pos(2, 3)), S(2.5)])
case("pow", "scalar_neg_1_5", [T(pos(2, 3)), S(-1.5)])
case("pow", "scalar_f64", [T(pos(2, 3, dtype=f64)), S(1.7)])
case("pow", "zero_dim_scalar", [T(pos()), S(2.5)])
case("pow", "noncontig_scalar", [T(randn(3, 2), make=[["t"]]), S(3)])
case("pow", "neg_base_int_exp", [T(ten([-2.0, -0.5, 1.5, -3.0])), S(3)])
case("pow", "base_zero_scalar", [T(ten([0.0, 0.0, 1.0])), S(2)], skip=None)
case("pow", "i64_scalar_int", [T(randint(-4, 5, 2, 3)), S(2)])
case("pow", "i64_scalar_float", [T(randint(0, 5, 2, 3)), S(0.5)])
case("pow", "i64_tensor_i64", [T(randint(-3, 4, 5)), T(ten([0, 1, 2, 3, 2], i64))])
case("pow", "i32_scalar_int", [T(randint(-4, 5, 4, dtype=i32)), S(3)])
case("pow", "bool_scalar_int", [T(ten([True, False], b8)), S(2)])
case("pow", "f32_tensor_i64_exp", [T(pos(4)), T(ten([0, 1, 2, 3], i64))])
case("pow", "i64_tensor_f32_exp", [T(randint(1, 4, 4)), T(randn(4))])
case("pow", "edge_values", [T(ten([0.0, 0.0, -1.0, float("inf"), float("nan"), 2.0]), rg=False),
                            T(ten([0.0, -1.0, 0.5, -1.0, 0.0, float("inf")]), rg=False)])
case("pow", "scalar_base", [S(2.5), T(randn(2, 3))])
case("pow", "scalar_base_int", [S(2), T(randn(3))])
case("pow", "scalar_base_i64_exp", [S(2), T(ten([0, 1, 2, 3], i64))])
case("pow", "scalar_base_float_i64_exp", [S(1.5), T(ten([0, 1, 2, 3], i64))])

case("square", "f32", [T(randn(2, 3))])
case("square", "f64", [T(randn(3, dtype=f64))])
case("square", "zero_dim", [T(randn())])
case("square", "noncontig", [T(randn(3, 2), make=[["t"]])])
case("square", "i64", [T(randint(-4, 5, 5))])
case("square", "i32", [T(randint(-4, 5, 5, dtype=i32))])
case("square", "bool", [T(ten([True, False], b8))])

# ---- unary --------------------------------------------------------------------------------------
UNARY_DOMAIN = {"log": "pos", "sqrt": "pos"}
for op in ["neg", "abs", "exp", "log", "sqrt", "sin", "cos", "tanh", "sigmoid", "relu"]:
    gen_in = pos if UNARY_DOMAIN.get(op) == "pos" else randn
    case(op, "f32", [T(gen_in(2, 3))])
    case(op, "f64", [T(gen_in(2, 3, dtype=f64))])
    case(op, "zero_dim", [T(gen_in())])
    case(op, "noncontig_t", [T(gen_in(3, 2), make=[["t"]])])
    case(op, "noncontig_step", [T(gen_in(2, 5), make=[["slice", 1, 1, 5, 2]])])
    case(op, "expanded", [T(gen_in(3), make=[["expand", [2, 3]]])])
    case(op, "i64", [T(randint(1, 6, 2, 3) if UNARY_DOMAIN.get(op) == "pos" else randint(-5, 6, 2, 3))])
    case(op, "i32", [T(randint(1, 6, 4, dtype=i32) if UNARY_DOMAIN.get(op) == "pos" else randint(-5, 6, 4, dtype=i32))])
    (error if op in ("neg", "abs", "relu") else case)(op, "bool", [T(ten([True, False, True], b8))])
    case(op, "edge_values", [T(ten([0.0, -0.0, 1e-30, -1e-30, 100.0, -100.0, float("inf"), float("-inf"), float("nan"), -1.0]), rg=False)])
    case(op, "edge_values_f64", [T(ten([0.0, 1e-300, -1e-300, 800.0, -800.0, float("inf"), float("-inf"), float("nan"), -1.0], f64), rg=False)])
    case(op, "large_f32", [T(ten([20.0, -20.0, 88.0, -88.0, 89.0, -104.0, 1e5, -1e5]), rg=False)])
case("abs", "at_zero", [T(ten([0.0, 1.5, -2.0]))], skip="abs is not differentiable at 0")
case("relu", "at_zero", [T(ten([0.0, 1.5, -2.0]))], skip="relu is not differentiable at 0")
case("sqrt", "at_zero", [T(ten([0.0, 4.0]))], skip="sqrt is not differentiable at 0 (infinite derivative)")
case("log", "at_zero_and_negative", [T(ten([0.0, -1.0, 2.0]))], skip="log is not defined at <= 0")

# ---- comparisons --------------------------------------------------------------------------------
for op in ["eq", "ne", "lt", "le", "gt", "ge"]:
    a = ten([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]])
    case(op, "same_shape", [T(a), T(ten([[1.0, 3.0, 2.0], [3.0, 1.0, 1.5]]))])
    case(op, "broadcast", [T(a), T(ten([2.0, 2.0, 1.0]))])
    case(op, "broadcast_outer", [T(ten([[1.0], [2.0], [3.0]])), T(ten([[2.0, 1.0]]))])
    case(op, "zero_dim", [T(a), T(ten(2.0))])
    case(op, "noncontig", [T(a, make=[["t"]]), T(ten([[1.0, 3.0], [2.0, 2.0], [1.0, 1.0]]))])
    case(op, "scalar_int", [T(a), S(2)])
    case(op, "scalar_float", [T(ten([1.5, 2.0, 2.5])), S(2.5)])
    case(op, "i64_scalar_float", [T(ten([1, 2, 3], i64)), S(2.5)])
    case(op, "i64_f32", [T(ten([1, 2, 3], i64)), T(ten([1.0, 2.5, 2.0]))])
    case(op, "i32_i64", [T(ten([1, 2, 3], i32)), T(ten([2, 2, 2], i64))])
    case(op, "f32_f64_precision", [T(ten([0.1, 0.2, 0.3])), T(ten([0.1, 0.2, 0.3], f64))])
    case(op, "f32_scalar_precision", [T(ten([0.1, 0.2, 0.3])), S(0.1)])
    case(op, "bool_bool", [T(ten([True, True, False, False], b8)), T(ten([True, False, True, False], b8))])
    case(op, "bool_scalar_int", [T(ten([True, False], b8)), S(1)])
    case(op, "nan_inf", [T(ten([float("nan"), float("nan"), float("inf"), float("-inf"), 0.0])),
                         T(ten([float("nan"), 1.0, float("inf"), float("inf"), -0.0]))])

# ---- reductions ---------------------------------------------------------------------------------
x23 = randn(2, 3)
x234 = randn(2, 3, 4)
for op in ["sum", "mean"]:
    case(op, "all", [T(x23)])
    case(op, "all_3d", [T(x234)])
    case(op, "dim0", [T(x23)], {"dim": 0})
    case(op, "dim1_keepdim", [T(x23)], {"dim": 1, "keepdim": True})
    case(op, "dim_neg", [T(x234)], {"dim": -1})
    case(op, "dims_list", [T(x234)], {"dim": [0, 2]})
    case(op, "dims_list_keepdim", [T(x234)], {"dim": [2, 0], "keepdim": True})
    case(op, "dims_list_neg", [T(x234)], {"dim": [-1, -2]})
    case(op, "zero_dim", [T(randn())])
    case(op, "zero_dim_dim0", [T(randn())], {"dim": 0})
    case(op, "zero_dim_dim0_keepdim", [T(randn())], {"dim": 0, "keepdim": True})
    case(op, "noncontig", [T(x234, make=[["transpose", 0, 2]])], {"dim": 1})
    case(op, "noncontig_all", [T(randn(4, 6), make=[["slice", 1, 0, 6, 2]])])
    case(op, "expanded", [T(randn(3), make=[["expand", [4, 3]]])], {"dim": 0})
    case(op, "f64", [T(randn(3, 4, dtype=f64))], {"dim": 1})
    case(op, "all_keepdim", [T(x23)], {"dim": [0, 1], "keepdim": True})
    case(op, "edge_values", [T(ten([[1.0, float("inf")], [float("nan"), 2.0], [float("inf"), float("-inf")]]), rg=False)], {"dim": 1})
empty03 = torch.zeros(0, 3)
for op in ["sum", "mean", "prod"]:
    case(op, "empty_all", [T(empty03)])
    case(op, "empty_dim0", [T(empty03)], {"dim": 0})
    case(op, "empty_dim1", [T(empty03)], {"dim": 1})
case("amax", "empty_dim1", [T(empty03)], {"dim": 1})
case("sum", "i64", [T(randint(-5, 6, 2, 3))])
case("sum", "i64_dim", [T(randint(-5, 6, 2, 3))], {"dim": 1})
case("sum", "i32", [T(randint(-5, 6, 2, 3, dtype=i32))])
case("sum", "i32_dim", [T(randint(-5, 6, 2, 3, dtype=i32))], {"dim": 0, "keepdim": True})
case("sum", "bool", [T(ten([[True, False, True], [True, True, True]], b8))], {"dim": 1})
case("sum", "bool_all", [T(ten([True, False, True], b8))])
case("sum", "empty_dims_list", [T(x23)], {"dim": []})
case("mean", "empty_dims_list", [T(x23)], {"dim": []})

case("prod", "all", [T(rand(2, 3, lo=-1.5, hi=1.5))])
case("prod", "dim0", [T(rand(2, 3, lo=-1.5, hi=1.5))], {"dim": 0})
case("prod", "dim1_keepdim", [T(rand(2, 3, lo=-1.5, hi=1.5))], {"dim": 1, "keepdim": True})
case("prod", "dim_neg_3d", [T(rand(2, 3, 2, lo=-1.5, hi=1.5))], {"dim": -2})
case("prod", "zero_dim", [T(randn())])
case("prod", "noncontig", [T(rand(3, 2, lo=0.5, hi=1.5), make=[["t"]])], {"dim": 1})
case("prod", "f64", [T(rand(4, lo=0.5, hi=1.5, dtype=f64))])
case("prod", "one_zero", [T(ten([2.0, 0.0, 3.0, -1.5]))])
case("prod", "two_zeros", [T(ten([2.0, 0.0, 3.0, 0.0]))],
     skip_gg="PyTorch's prod_backward returns zeros for two or more zeros, so its own second derivative is wrong there")
case("prod", "one_zero_dim", [T(ten([[2.0, 0.0, 3.0], [1.5, -2.0, 0.5]]))], {"dim": 1})
case("prod", "zeros_dim0", [T(ten([[2.0, 0.0], [0.0, 0.0], [1.5, 3.0]]))], {"dim": 0, "keepdim": True},
     skip_gg="PyTorch's prod_backward returns zeros for two or more zeros, so its own second derivative is wrong there")
case("prod", "i64", [T(randint(-3, 4, 2, 3))])
case("prod", "i64_dim", [T(randint(-3, 4, 2, 3))], {"dim": 1})
case("prod", "i32_dim", [T(randint(-3, 4, 2, 3, dtype=i32))], {"dim": 0})
case("prod", "bool", [T(ten([True, True, False], b8))])

for op in ["max", "min"]:
    case(op, "all", [T(x23)])
    case(op, "all_3d_noncontig", [T(x234, make=[["transpose", 1, 2]])])
    case(op, "zero_dim", [T(randn())])
    case(op, "dim0", [T(x23)], {"dim": 0})
    case(op, "dim1_keepdim", [T(x23)], {"dim": 1, "keepdim": True})
    case(op, "dim_neg_3d", [T(x234)], {"dim": -2})
    case(op, "noncontig_dim", [T(x234, make=[["transpose", 0, 2]])], {"dim": 2})
    case(op, "zero_dim_dim0", [T(randn())], {"dim": 0})
    case(op, "f64_dim", [T(randn(3, 4, dtype=f64))], {"dim": 1})
    case(op, "i64", [T(randint(-5, 6, 2, 3))])
    case(op, "i64_dim", [T(randint(-5, 6, 2, 3))], {"dim": 1})
    case(op, "i32_dim", [T(randint(-5, 6, 2, 3, dtype=i32))], {"dim": 0})
    case(op, "bool_dim", [T(ten([[True, False], [False, False]], b8))], {"dim": 1})
    case(op, "ties_all", [T(ten([[1.0, 3.0, 3.0], [-3.0, -3.0, 0.5]]))], skip="ties: max/min is not differentiable there")
    case(op, "ties_dim", [T(ten([[1.0, 3.0, 3.0], [-3.0, -3.0, 0.5]]))], {"dim": 1}, skip="ties: max/min is not differentiable there")
    case(op, "nan", [T(ten([1.0, float("nan"), 3.0]), rg=False)])
    case(op, "nan_dim", [T(ten([[1.0, float("nan"), 3.0], [2.0, 0.0, float("nan")]]), rg=False)], {"dim": 1})
    case(op, "inf_dim", [T(ten([[1.0, float("inf"), float("-inf")], [float("-inf"), float("-inf"), 0.0]]), rg=False)], {"dim": 1})

for op in ["amax", "amin"]:
    case(op, "all", [T(x23)])
    case(op, "dim0", [T(x23)], {"dim": 0})
    case(op, "dim1_keepdim", [T(x23)], {"dim": 1, "keepdim": True})
    case(op, "dims_list", [T(x234)], {"dim": [0, 2]})
    case(op, "dims_list_keepdim", [T(x234)], {"dim": [-1, 0], "keepdim": True})
    case(op, "zero_dim", [T(randn())])
    case(op, "noncontig", [T(x234, make=[["transpose", 0, 2]])], {"dim": 1})
    case(op, "f64", [T(randn(3, 4, dtype=f64))], {"dim": 1})
    case(op, "i64", [T(randint(-5, 6, 2, 3))], {"dim": 1})
    case(op, "bool", [T(ten([[True, False], [False, False]], b8))], {"dim": 0})
    case(op, "ties", [T(ten([[1.0, 3.0, 3.0], [-3.0, -3.0, 0.5]]))], {"dim": 1}, skip="ties: amax/amin is not differentiable there")
    case(op, "ties_all", [T(ten([[1.0, 3.0, 3.0], [-3.0, 3.0, -3.0]]))], skip="ties: amax/amin is not differentiable there")
    case(op, "nan", [T(ten([[1.0, float("nan")], [2.0, 0.0]]), rg=False)], {"dim": 1})

NORM_NOTE = "PyTorch 2.x: Tensor.norm calls torch.linalg.vector_norm (grad_fn LinalgVectorNormBackward0); 1.13 gives NormBackward*"
case("norm", "default", [T(x23)], note=NORM_NOTE)
case("norm", "p2_3d", [T(x234)], {"p": 2}, note=NORM_NOTE)
case("norm", "p1", [T(randn(5))], {"p": 1}, note=NORM_NOTE)
case("norm", "p3", [T(randn(2, 3))], {"p": 3}, note=NORM_NOTE)
case("norm", "p_half", [T(pos(4))], {"p": 0.5}, note=NORM_NOTE)
case("norm", "p_inf", [T(randn(2, 3))], {"p": float("inf")}, note=NORM_NOTE)
case("norm", "p_neg_inf", [T(randn(2, 3))], {"p": float("-inf")}, note=NORM_NOTE)
case("norm", "p0", [T(ten([1.5, 0.0, -2.0]))], {"p": 0}, note=NORM_NOTE)
case("norm", "p_neg2", [T(pos(3))], {"p": -2}, note=NORM_NOTE)
case("norm", "dim1", [T(x23)], {"p": 2, "dim": 1}, note=NORM_NOTE)
case("norm", "dim0_keepdim", [T(x23)], {"p": 2, "dim": 0, "keepdim": True}, note=NORM_NOTE)
case("norm", "dims_list", [T(x234)], {"p": 2, "dim": [0, 2]}, note=NORM_NOTE)
case("norm", "p1_dim", [T(x23)], {"p": 1, "dim": 1}, note=NORM_NOTE)
case("norm", "p3_dim_keepdim", [T(x23)], {"p": 3, "dim": -1, "keepdim": True}, note=NORM_NOTE)
case("norm", "p_inf_dim", [T(x23)], {"p": float("inf"), "dim": 1}, note=NORM_NOTE)
case("norm", "zero_dim", [T(randn())], note=NORM_NOTE)
case("norm", "noncontig", [T(x234, make=[["transpose", 0, 2]])], {"p": 2, "dim": 1}, note=NORM_NOTE)
case("norm", "f64", [T(randn(3, 4, dtype=f64))], note=NORM_NOTE)
case("norm", "zero_vector", [T(ten([0.0, 0.0, 0.0]))], skip="the 2-norm is not differentiable at 0", note=NORM_NOTE)
case("norm", "zero_row_dim", [T(ten([[0.0, 0.0], [3.0, -4.0]]))], {"p": 2, "dim": 1}, skip="the 2-norm is not differentiable at 0", note=NORM_NOTE)
case("norm", "p_inf_ties", [T(ten([2.0, -2.0, 1.0]))], {"p": float("inf")}, skip="ties: the inf-norm is not differentiable there", note=NORM_NOTE)

# ---- linear algebra -----------------------------------------------------------------------------
case("dot", "f32", [T(randn(4)), T(randn(4))])
case("dot", "f64", [T(randn(3, dtype=f64)), T(randn(3, dtype=f64))])
case("dot", "noncontig", [T(randn(8), make=[["slice", 0, 0, 8, 2]]), T(randn(4, 3), make=[["select", 1, 1]])])
case("dot", "i64", [T(randint(-5, 6, 4)), T(randint(-5, 6, 4))])
case("dot", "i32", [T(randint(-5, 6, 4, dtype=i32)), T(randint(-5, 6, 4, dtype=i32))])
case("dot", "one_requires_grad", [T(randn(4), rg=False), T(randn(4))])
case("mm", "f32", [T(randn(2, 3)), T(randn(3, 4))])
case("mm", "f64", [T(randn(3, 2, dtype=f64)), T(randn(2, 2, dtype=f64))])
case("mm", "noncontig", [T(randn(3, 2), make=[["t"]]), T(randn(4, 3), make=[["t"]])])
case("mm", "noncontig_step", [T(randn(2, 6), make=[["slice", 1, 0, 6, 2]]), T(randn(3, 5), make=[["slice", 1, 1, 5, 2]])])
case("mm", "i64", [T(randint(-5, 6, 2, 3)), T(randint(-5, 6, 3, 2))])
case("mm", "i32", [T(randint(-5, 6, 2, 3, dtype=i32)), T(randint(-5, 6, 3, 2, dtype=i32))])
case("mm", "lhs_requires_grad", [T(randn(2, 3)), T(randn(3, 2), rg=False)])
case("mm", "vector_like", [T(randn(1, 3)), T(randn(3, 1))])
case("mv", "f32", [T(randn(2, 3)), T(randn(3))])
case("mv", "f64", [T(randn(3, 2, dtype=f64)), T(randn(2, dtype=f64))])
case("mv", "noncontig", [T(randn(3, 2), make=[["t"]]), T(randn(6), make=[["slice", 0, 0, 6, 2]])])
case("mv", "i64", [T(randint(-5, 6, 2, 3)), T(randint(-5, 6, 3))])
case("outer", "f32", [T(randn(3)), T(randn(4))])
case("outer", "f64", [T(randn(2, dtype=f64)), T(randn(3, dtype=f64))])
case("outer", "noncontig", [T(randn(6), make=[["slice", 0, 1, 6, 2]]), T(randn(2, 2), make=[["select", 0, 1]])])
case("outer", "i64", [T(randint(-5, 6, 3)), T(randint(-5, 6, 2))])
case("outer", "f32_f64", [T(randn(2)), T(randn(3, dtype=f64))])

SQUEEZE4 = "PyTorch 2.x: matmul of 1-D @ 2-D ends in squeeze_ -> SqueezeBackward4 (1.13: SqueezeBackward3)"
MM = [
    ("1d_1d", (4,), (4,), None),
    ("2d_1d", (2, 4), (4,), None),
    ("1d_2d", (4,), (4, 3), SQUEEZE4),
    ("2d_2d", (2, 4), (4, 3), None),
    ("3d_1d", (2, 3, 4), (4,), None),
    ("3d_2d", (2, 3, 4), (4, 2), None),
    ("1d_3d", (3,), (2, 3, 4), None),
    ("2d_3d", (2, 3), (2, 3, 4), None),
    ("3d_3d", (2, 3, 4), (2, 4, 2), None),
    ("4d_3d_broadcast", (2, 1, 3, 4), (3, 4, 2), None),
    ("3d_4d_broadcast", (3, 2, 4), (2, 1, 4, 2), None),
    ("4d_1d", (2, 2, 1, 3), (3,), None),
    ("1d_4d", (3,), (2, 1, 3, 2), None),
    ("batch1_broadcast", (1, 2, 3), (4, 3, 2), None),
]
for label, sa, sb, note in MM:
    case("matmul", label, [T(randn(*sa)), T(randn(*sb))], note=note)
case("matmul", "2d_1d_lhs_only", [T(randn(2, 4)), T(randn(4), rg=False)])
case("matmul", "3d_2d_lhs_only", [T(randn(2, 3, 4)), T(randn(4, 2), rg=False)])
case("matmul", "3d_2d_rhs_only", [T(randn(2, 3, 4), rg=False), T(randn(4, 2))])
case("matmul", "2d_3d_rhs_only", [T(randn(2, 3), rg=False), T(randn(2, 3, 4))])
case("matmul", "1d_3d_rhs_only", [T(randn(3), rg=False), T(randn(2, 3, 4))])
case("matmul", "3d_2d_noncontig", [T(randn(2, 4, 3), make=[["transpose", 1, 2]]), T(randn(2, 4), make=[["t"]])])
case("matmul", "3d_3d_noncontig", [T(randn(3, 2, 4), make=[["transpose", 0, 1]]), T(randn(2, 4, 2))])
case("matmul", "f64_2d_2d", [T(randn(2, 3, dtype=f64)), T(randn(3, 2, dtype=f64))])
case("matmul", "f64_3d_3d", [T(randn(2, 2, 3, dtype=f64)), T(randn(2, 3, 2, dtype=f64))])
case("matmul", "1d_2d_rhs_only", [T(randn(4), rg=False), T(randn(4, 3))], note=SQUEEZE4)
case("matmul", "i64_2d_2d", [T(randint(-4, 5, 2, 3)), T(randint(-4, 5, 3, 2))])
case("matmul", "i64_3d_1d", [T(randint(-4, 5, 2, 2, 3)), T(randint(-4, 5, 3))])

# ---- views --------------------------------------------------------------------------------------
RESHAPE_NOTE = "PyTorch 2.x: a reshape/flatten that can be a view gives ViewBackward0 (1.13: ReshapeAliasBackward0)"
case("view", "2d_to_1d", [T(x23)], {"shape": [6]})
case("view", "infer", [T(x234)], {"shape": [4, -1]})
case("view", "add_dims", [T(x23)], {"shape": [1, 2, 1, 3]})
case("view", "zero_dim_to_1", [T(randn())], {"shape": [1]})
case("view", "to_zero_dim", [T(randn(1, 1))], {"shape": []})
case("view", "noncontig_compatible", [T(x234, make=[["transpose", 0, 1]])], {"shape": [3, 2, 2, 2]})
case("view", "expanded_compatible", [T(randn(3, 1), make=[["expand", [3, 4]]])], {"shape": [3, 2, 2]})
case("view", "i64", [T(randint(0, 9, 2, 3))], {"shape": [3, 2]})
case("view", "sliced", [T(randn(4, 3), make=[["slice", 0, 1, 3, 1]])], {"shape": [6]})
case("reshape", "viewable", [T(x23)], {"shape": [3, 2]}, note=RESHAPE_NOTE)
case("reshape", "viewable_infer", [T(x234)], {"shape": [-1]}, note=RESHAPE_NOTE)
case("reshape", "copy_noncontig", [T(x23, make=[["t"]])], {"shape": [6]})
case("reshape", "copy_step", [T(randn(2, 6), make=[["slice", 1, 0, 6, 2]])], {"shape": [3, 2]})
case("reshape", "zero_dim", [T(randn())], {"shape": [1, 1]}, note=RESHAPE_NOTE)
case("reshape", "same_shape", [T(x23)], {"shape": [2, 3]}, note=RESHAPE_NOTE)
case("reshape", "bool", [T(ten([True, False, True, True], b8))], {"shape": [2, 2]})
case("t", "2d", [T(x23)])
case("t", "1d", [T(randn(3))])
case("t", "0d", [T(randn())])
case("t", "noncontig", [T(randn(2, 6), make=[["slice", 1, 0, 6, 2]])])
case("transpose", "2d", [T(x23)], {"dim0": 0, "dim1": 1})
case("transpose", "3d_neg", [T(x234)], {"dim0": -1, "dim1": 0})
case("transpose", "same_dim", [T(x23)], {"dim0": 1, "dim1": 1})
case("transpose", "1d", [T(randn(3))], {"dim0": 0, "dim1": -1})
case("transpose", "0d", [T(randn())], {"dim0": 0, "dim1": -1})
case("permute", "3d", [T(x234)], {"dims": [2, 0, 1]})
case("permute", "neg_dims", [T(x234)], {"dims": [-1, -3, -2]})
case("permute", "identity", [T(x23)], {"dims": [0, 1]})
case("permute", "noncontig", [T(x234, make=[["transpose", 0, 1]])], {"dims": [1, 2, 0]})
case("permute", "0d", [T(randn())], {"dims": []})
case("expand", "row", [T(randn(3))], {"sizes": [2, 3]})
case("expand", "singleton", [T(randn(3, 1))], {"sizes": [3, 4]})
case("expand", "minus_one", [T(randn(3, 1))], {"sizes": [2, -1, 4]})
case("expand", "zero_dim", [T(randn())], {"sizes": [2, 2]})
case("expand", "same", [T(x23)], {"sizes": [2, 3]})
case("expand", "noncontig", [T(randn(3, 2), make=[["t"]])], {"sizes": [2, 2, 3]})
case("expand", "i64", [T(randint(0, 5, 1, 3))], {"sizes": [2, 3]})
case("expandAs", "basic", [T(randn(1, 3)), T(randn(2, 3), rg=False)])
case("expandAs", "leading", [T(randn(3)), T(randn(2, 2, 3), rg=False)])
case("squeeze", "all", [T(randn(1, 3, 1, 2))])
case("squeeze", "dim", [T(randn(1, 3, 1, 2))], {"dim": 2})
case("squeeze", "dim_neg", [T(randn(1, 3, 1, 2))], {"dim": -4})
case("squeeze", "dim_not_one", [T(randn(1, 3, 1, 2))], {"dim": 1})
case("squeeze", "zero_dim", [T(randn())])
case("squeeze", "zero_dim_dim", [T(randn())], {"dim": 0})
case("squeeze", "noncontig", [T(randn(3, 1, 2), make=[["transpose", 0, 2]])], {"dim": 1})
case("unsqueeze", "front", [T(x23)], {"dim": 0})
case("unsqueeze", "middle", [T(x23)], {"dim": 1})
case("unsqueeze", "end", [T(x23)], {"dim": 2})
case("unsqueeze", "neg", [T(x23)], {"dim": -1})
case("unsqueeze", "neg_front", [T(x23)], {"dim": -3})
case("unsqueeze", "zero_dim", [T(randn())], {"dim": 0})
case("unsqueeze", "noncontig", [T(x23, make=[["t"]])], {"dim": 1})
case("flatten", "all", [T(x234)], note=RESHAPE_NOTE)
case("flatten", "partial", [T(x234)], {"start": 1}, note=RESHAPE_NOTE)
case("flatten", "partial_end", [T(x234)], {"start": 0, "end": 1}, note=RESHAPE_NOTE)
case("flatten", "single_dim", [T(x234)], {"start": 1, "end": 1})
case("flatten", "zero_dim", [T(randn())], note=RESHAPE_NOTE)
case("flatten", "one_d", [T(randn(4))])
case("flatten", "noncontig_copy", [T(x234, make=[["transpose", 0, 2]])])
case("contiguous", "already", [T(x23)])
case("contiguous", "noncontig", [T(x23, make=[["t"]])])
case("contiguous", "step", [T(randn(2, 6), make=[["slice", 1, 0, 6, 3]])])
case("contiguous", "i64_noncontig", [T(randint(0, 9, 2, 3), make=[["t"]])])
IDX = [
    ("int", [1]),
    ("neg_int", [-1]),
    ("two_ints", [1, 2]),
    ("scalar_element", [0, -1, 2]),
    ("slice", [[1, 3]]),
    ("slice_step", [[None, None, 2]]),
    ("slice_start_step", [[1, None, 2]]),
    ("slice_neg", [[-2, None]]),
    ("slice_clamped", [[-10, 10]]),
    ("slice_empty", [[2, 1]]),
    ("int_slice", [0, [1, 3]]),
    ("slice_int", [[None, None, 2], 1]),
    ("newaxis", [None]),
    ("newaxis_middle", [0, None, [None, None, 2]]),
    ("ellipsis", ["..."]),
    ("ellipsis_int", ["...", 1]),
    ("int_ellipsis", [1, "..."]),
    ("ellipsis_newaxis", [None, "...", None]),
    ("ellipsis_middle", [0, "...", [1, None]]),
    ("full_slice", [[None, None]]),
    ("two_ellipses", ["...", "..."]),
    ("two_full_slices", [[None, None], [None, None]]),
    ("full_slice_int", [[None, None], 1]),
    ("explicit_full_slices", [[0, 3], [0, 3]]),
    ("explicit_full_slice_int", [[0, 3], 1]),
    ("ellipsis_int_ellipsis", ["...", 1, "..."]),
    ("three_slices", [[None, None, 2], [1, 3], [None, None, 3]]),
]
x334 = randn(3, 3, 4)
for label, items in IDX:
    case("index", label, [T(x334)], {"items": items})
case("index", "noncontig", [T(x334, make=[["transpose", 0, 2]])], {"items": [[1, None, 2], 0]})
case("index", "zero_dim_ellipsis", [T(randn())], {"items": ["..."]})
case("index", "zero_dim_newaxis", [T(randn())], {"items": [None]})
case("index", "i64", [T(randint(0, 9, 3, 4))], {"items": [[None, None, 2], -1]})
case("select", "dim0", [T(x234)], {"dim": 0, "index": 1})
case("select", "dim_neg_index_neg", [T(x234)], {"dim": -1, "index": -2})
case("select", "1d", [T(randn(4))], {"dim": 0, "index": 3})
case("select", "noncontig", [T(x234, make=[["transpose", 0, 2]])], {"dim": 1, "index": 2})
case("narrow", "dim0", [T(x234)], {"dim": 0, "start": 1, "length": 1})
case("narrow", "dim_neg", [T(x234)], {"dim": -1, "start": 1, "length": 2})
case("narrow", "start_neg", [T(x234)], {"dim": 2, "start": -3, "length": 2})
case("narrow", "empty", [T(x234)], {"dim": 1, "start": 3, "length": 0})
case("narrow", "noncontig", [T(x234, make=[["transpose", 0, 2]])], {"dim": 0, "start": 2, "length": 2})
case("clone", "f32", [T(x23)])
case("clone", "noncontig", [T(x23, make=[["t"]])])
case("clone", "zero_dim", [T(randn())])
case("clone", "i64", [T(randint(0, 9, 3))])
case("clone", "bool", [T(ten([True, False], b8))])

# ---- where / maximum / minimum ------------------------------------------------------------------
cond23 = ten([[True, False, True], [False, False, True]], b8)
case("where", "same_shape", [T(cond23), T(randn(2, 3)), T(randn(2, 3))])
case("where", "broadcast", [T(ten([True, False, True], b8)), T(randn(2, 1)), T(randn(2, 3))])
case("where", "broadcast_cond", [T(ten([[True], [False]], b8)), T(randn(3)), T(randn(2, 3))])
case("where", "scalar_other", [T(cond23), T(randn(2, 3)), S(0.5)])
case("where", "scalar_self", [T(cond23), S(-1), T(randn(2, 3))])
case("where", "zero_dim", [T(cond23), T(randn()), T(randn(2, 3))])
case("where", "noncontig", [T(cond23, make=[["t"]]), T(randn(2, 3), make=[["t"]]), T(randn(3, 2))])
case("where", "f64", [T(cond23), T(randn(2, 3, dtype=f64)), T(randn(2, 3, dtype=f64))])
case("where", "f32_f64", [T(cond23), T(randn(2, 3)), T(randn(2, 3, dtype=f64))])
case("where", "i64_f32", [T(cond23), T(randint(0, 5, 2, 3)), T(randn(2, 3))])
case("where", "i64_i64", [T(cond23), T(randint(0, 5, 2, 3)), T(randint(0, 5, 3))])
case("where", "i64_scalar_float", [T(cond23), T(randint(0, 5, 2, 3)), S(2.5)])
case("where", "scalar_ints", [T(cond23), S(1), S(0)])
case("where", "scalar_floats", [T(cond23), S(1.5), S(-0.5)])
case("where", "scalar_int_float", [T(cond23), S(2), S(-0.5)])
case("where", "one_requires_grad", [T(cond23), T(randn(2, 3), rg=False), T(randn(2, 3))])
for op in ["maximum", "minimum"]:
    case(op, "same_shape", [T(randn(2, 3)), T(randn(2, 3))])
    case(op, "broadcast", [T(randn(2, 1)), T(randn(3))])
    case(op, "zero_dim", [T(randn(2, 3)), T(randn())])
    case(op, "noncontig", [T(randn(3, 2), make=[["t"]]), T(randn(2, 3))])
    case(op, "f32_f64", [T(randn(3)), T(randn(3, dtype=f64))])
    case(op, "i64_f32", [T(randint(-3, 4, 3)), T(randn(3))])
    case(op, "i64_i64", [T(randint(-3, 4, 4)), T(randint(-3, 4, 4))])
    case(op, "bool_bool", [T(ten([True, False, False], b8)), T(ten([False, False, True], b8))])
    case(op, "ties", [T(ten([1.0, 2.0, -3.0])), T(ten([1.0, 0.5, -3.0]))], skip="ties: maximum/minimum is not differentiable there")
    case(op, "nan", [T(ten([float("nan"), 1.0, 2.0]), rg=False), T(ten([0.0, float("nan"), 3.0]), rg=False)])

# ---- dtype conversions --------------------------------------------------------------------------
# a float32 output rounds the finite differences: gradcheck them with a coarser eps and atol
F32_GC = {"eps": 1e-3, "atol": 1e-4}
conv_f = ten([[-2.7, -0.5, 0.0], [0.49, 1.5, 3.99]])
for name in ["float32", "float64", "int64", "int32", "bool"]:
    case("to", f"f32_to_{name}", [T(conv_f)], {"dtype": name},
         gc_opts=F32_GC if name == "float32" else None)
    case("to", f"f64_to_{name}", [T(ten([[-2.7, -0.5, 0.0], [0.1, 1.5, 3.99]], f64))], {"dtype": name},
         gc_opts=F32_GC if name == "float32" else None)
    case("to", f"i64_to_{name}", [T(ten([-3, 0, 2, 7], i64))], {"dtype": name})
    case("to", f"i32_to_{name}", [T(ten([-3, 0, 2, 7], i32))], {"dtype": name})
    case("to", f"bool_to_{name}", [T(ten([True, False, True], b8))], {"dtype": name})
case("to", "f32_noncontig_to_f64", [T(conv_f, make=[["t"]])], {"dtype": "float64"})
case("to", "f64_rounding_to_f32", [T(ten([0.1, 1 / 3, 1e-40, 3.4e38 * 10, 16777217.0], f64), rg=False)], {"dtype": "float32"})
case("to", "nan_inf_to_bool", [T(ten([float("nan"), float("inf"), -0.0, 0.0]), rg=False)], {"dtype": "bool"})
for op in ["float", "double", "long", "int", "bool"]:
    case(op, "from_f32", [T(conv_f)], gc_opts=F32_GC if op == "float" else None)
    case(op, "from_f64", [T(ten([-2.7, 0.0, 1.5], f64))], gc_opts=F32_GC if op == "float" else None)
    case(op, "from_i64", [T(ten([-3, 0, 2], i64))])
    case(op, "from_bool", [T(ten([True, False], b8))])
    case(op, "zero_dim", [T(ten(-1.25))], gc_opts=F32_GC if op == "float" else None)

# ---- creation -----------------------------------------------------------------------------------
case("tensor", "floats_2d", [], {"data": [[1.5, -2.0, 3.25], [0.1, 0.2, 1e-3]]})
case("tensor", "ints_are_float", [], {"data": [1, 2, 3]})
case("tensor", "scalar", [], {"data": 2.5})
case("tensor", "bools", [], {"data": [[True, False], [False, True]]})
case("tensor", "dtype_f64", [], {"data": [0.1, 0.2], "dtype": "float64"})
case("tensor", "dtype_i64", [], {"data": [1, -2, 3], "dtype": "int64"})
case("tensor", "dtype_i32_truncates", [], {"data": [1.7, -2.7], "dtype": "int32"})
case("tensor", "dtype_bool", [], {"data": [0, 2, -1], "dtype": "bool"})
case("tensor", "bigint_is_int64", [], {"data": [1, -2, 3], "bigint": True})
case("tensor", "requires_grad", [], {"data": [1.0, 2.0], "requiresGrad": True})
case("tensor", "empty", [], {"data": []})
case("tensor", "nested_3d", [], {"data": [[[1, 2]], [[3, 4]], [[5, 6]]]})
case("tensor", "f32_rounding", [], {"data": [0.1, 1 / 3, 16777217]})
case("tensor", "bools_and_numbers", [], {"data": [True, 2.5, False]})
for op in ["zeros", "ones"]:
    case(op, "2d", [], {"shape": [2, 3]})
    case(op, "0d", [], {"shape": []})
    case(op, "empty", [], {"shape": [0, 3]})
    case(op, "f64", [], {"shape": [2], "dtype": "float64"})
    case(op, "i64", [], {"shape": [2, 2], "dtype": "int64"})
    case(op, "i32", [], {"shape": [3], "dtype": "int32"})
    case(op, "bool", [], {"shape": [3], "dtype": "bool"})
    case(op, "requires_grad", [], {"shape": [2], "requiresGrad": True})
case("full", "float", [], {"shape": [2, 3], "value": 2.5})
case("full", "int_value_is_float", [], {"shape": [2], "value": 3})
case("full", "bool_value", [], {"shape": [2], "value": True})
case("full", "dtype_i64", [], {"shape": [3], "value": 7, "dtype": "int64"})
case("full", "dtype_f64", [], {"shape": [1, 2], "value": 0.1, "dtype": "float64"})
case("full", "0d", [], {"shape": [], "value": -1.5})
case("full", "nan", [], {"shape": [2], "value": float("nan")})
case("arange", "end", [], {"args": [4]})
case("arange", "start_end", [], {"args": [2, 6]})
case("arange", "step", [], {"args": [0, 10, 3]})
case("arange", "neg_step", [], {"args": [5, -1, -1.5]})
case("arange", "float_step", [], {"args": [0, 1, 0.1]})
case("arange", "float_bounds", [], {"args": [0.5, 3.2]})
case("arange", "empty", [], {"args": [3, 3]})
case("arange", "i64", [], {"args": [0, 5], "dtype": "int64"})
case("arange", "i64_step", [], {"args": [-3, 7, 2], "dtype": "int64"})
case("arange", "f64", [], {"args": [0, 1, 0.25], "dtype": "float64"})
case("arange", "f64_fine", [], {"args": [-1, 1, 0.3], "dtype": "float64"})
case("arange", "i64_float_bounds", [], {"args": [-1.5, 4.7, 1.9], "dtype": "int64"})
case("arange", "i32_float_bounds", [], {"args": [-1.5, 4.7, 1.9], "dtype": "int32"})
case("arange", "i64_float_descending", [], {"args": [2.7, -3.2, -1.5], "dtype": "int64"})
case("arange", "i32_float_descending", [], {"args": [2.7, -3.2, -1.5], "dtype": "int32"})
case("linspace", "basic", [], {"start": 0, "end": 1, "steps": 5})
case("linspace", "neg", [], {"start": -1, "end": 1, "steps": 7})
case("linspace", "descending", [], {"start": 3, "end": -2, "steps": 6})
case("linspace", "one", [], {"start": 2.5, "end": 7, "steps": 1})
case("linspace", "zero", [], {"start": 0, "end": 1, "steps": 0})
case("linspace", "two", [], {"start": 0.1, "end": 0.7, "steps": 2})
case("linspace", "many", [], {"start": 0, "end": 1, "steps": 11})
case("linspace", "odd_frac", [], {"start": 0.1, "end": 2.3, "steps": 9})
case("linspace", "f64", [], {"start": 0, "end": 1, "steps": 11, "dtype": "float64"})
case("linspace", "f64_odd", [], {"start": -0.3, "end": 1.7, "steps": 8, "dtype": "float64"})
case("linspace", "i64", [], {"start": 0, "end": 10, "steps": 4, "dtype": "int64"})
case("linspace", "i64_negative", [], {"start": -7, "end": 3, "steps": 6, "dtype": "int64"})
case("linspace", "symmetric", [], {"start": -10, "end": 10, "steps": 7})
for op in ["zerosLike", "onesLike"]:
    case(op, "f32", [T(x23, rg=False)])
    case(op, "f64", [T(randn(3, dtype=f64), rg=False)])
    case(op, "i64", [T(randint(0, 5, 2, 2))])
    case(op, "bool", [T(ten([True], b8))])
    case(op, "dtype_override", [T(x23, rg=False)], {"dtype": "int64"})
    case(op, "noncontig", [T(x23, make=[["t"]], rg=False)])
    case(op, "from_requires_grad", [T(x23)])
    case(op, "requires_grad", [T(x23, rg=False)], {"requiresGrad": True})
case("fullLike", "f32", [T(x23, rg=False)], {"value": 2.5})
case("fullLike", "i64_truncates", [T(randint(0, 5, 3))], {"value": 2.7})
case("fullLike", "bool", [T(ten([True, False], b8))], {"value": 2})
case("fullLike", "dtype_override", [T(randint(0, 5, 3))], {"value": 2.5, "dtype": "float64"})
case("fullLike", "zero_dim", [T(randn(), rg=False)], {"value": -1})

# ---- in place -----------------------------------------------------------------------------------
for op in ["add_", "sub_", "mul_", "div_"]:
    nzo = (lambda *s, dtype=f32: rand(*s, lo=0.5, hi=2.0, dtype=dtype)) if op == "div_" else randn
    case(op, "values", [T(randn(2, 3), rg=False), T(nzo(2, 3), rg=False)])
    case(op, "broadcast_other", [T(randn(2, 3), rg=False), T(nzo(3), rg=False)])
    case(op, "scalar_int", [T(randn(2, 3), rg=False), S(2)])
    case(op, "scalar_float", [T(randn(3), rg=False), S(0.75)])
    case(op, "noncontig_self", [T(randn(3, 2), make=[["t"]], rg=False), T(nzo(2, 3), rg=False)])
    case(op, "step_self", [T(randn(2, 6), make=[["slice", 1, 1, 6, 2]], rg=False), T(nzo(3), rg=False)])
    case(op, "f32_self_f64_other", [T(randn(3), rg=False), T(nzo(3, dtype=f64), rg=False)])
    case(op, "f64_self_f32_other", [T(randn(3, dtype=f64), rg=False), T(nzo(3), rg=False)])
    case(op, "f32_self_i64_other", [T(randn(3), rg=False), T(ten([1, 2, 3], i64), rg=False)])
    if op != "div_":
        case(op, "i64_self_i64", [T(randint(-5, 6, 4), rg=False), T(randint(-5, 6, 4), rg=False)])
        case(op, "i64_self_scalar_int", [T(randint(-5, 6, 4), rg=False), S(3)])
        case(op, "i32_self_i64_other", [T(randint(-5, 6, 4, dtype=i32), rg=False), T(randint(-5, 6, 4), rg=False)])
        (error if op == "sub_" else case)(op, "i64_self_bool_other", [T(randint(-5, 6, 3), rg=False), T(ten([True, False, True], b8), rg=False)])
    case(op, "zero_dim_self", [T(randn(), rg=False), T(nzo(), rg=False)])
    case(op, "autograd_nonleaf", [T(randn(2, 3)), T(nzo(2, 3))], {"clone": True})
    case(op, "autograd_nonleaf_broadcast", [T(randn(2, 3)), T(nzo(3))], {"clone": True})
    case(op, "autograd_nonleaf_scalar", [T(randn(2, 3)), S(1.5)], {"clone": True})
    case(op, "autograd_only_other", [T(randn(2, 3), rg=False), T(nzo(2, 3))], {"clone": True})
    case(op, "autograd_only_self", [T(randn(3)), T(nzo(3), rg=False)], {"clone": True})
    case(op, "autograd_noncontig_other", [T(randn(2, 3)), T(nzo(3, 2), make=[["t"]])], {"clone": True})
    case(op, "autograd_no_grad_self_f32_other_f64", [T(randn(3)), T(nzo(3, dtype=f64))], {"clone": True})
    if op in ("add_", "sub_"):
        case(op, "alpha", [T(randn(2, 3), rg=False), T(randn(2, 3), rg=False)], {"alpha": 2.5})
        case(op, "autograd_alpha", [T(randn(2, 3)), T(randn(3))], {"alpha": -2, "clone": True})
for op, other in [("add_", T(randn(4))), ("sub_", S(1.5)), ("mul_", T(randn(1))), ("div_", T(rand(4, lo=0.5, hi=2.0))), ("zero_", None),
                  ("fill_", S(0.5)), ("fill_", T(ten(-2.0))), ("copy_", T(randn(4)))]:
    ins = [T(randn(3, 4))] + ([other] if other is not None else [])
    label = "view_of_nonleaf" + ("_tensor_value" if op == "fill_" and isinstance(other, T) else "")
    case(op, label, ins, {"clone": True, "view": [1]})
case("mul_", "strided_view_of_nonleaf", [T(randn(3, 4)), T(randn(2, 1))], {"clone": True, "view": [[None, None, 2], [1, 3]]})
case("add_", "view_of_nonleaf_alpha", [T(randn(2, 3)), T(randn(3))], {"clone": True, "view": [0], "alpha": 2})
case("add_", "view_no_grad", [T(randn(2, 3), rg=False), T(randn(3), rg=False)], {"view": [1]})
case("zero_", "expanded_self", [T(randn(1), make=[["expand", [3]]], rg=False)])
case("fill_", "expanded_self", [T(randn(2, 1), make=[["expand", [2, 3]]], rg=False), S(1.5)])
case("zero_", "values", [T(randn(2, 3), rg=False)])
case("zero_", "noncontig", [T(randn(3, 2), make=[["t"]], rg=False)])
case("zero_", "i64", [T(randint(-5, 6, 4), rg=False)])
case("zero_", "autograd_nonleaf", [T(randn(2, 3))], {"clone": True})
case("fill_", "float", [T(randn(2, 3), rg=False), S(2.5)])
case("fill_", "int_into_i64", [T(randint(-5, 6, 4), rg=False), S(7)])
case("fill_", "float_into_i64", [T(randint(-5, 6, 4), rg=False), S(2.7)])
case("fill_", "bool_into_f32", [T(randn(2), rg=False), S(True)])
case("fill_", "into_bool", [T(ten([True, False], b8), rg=False), S(0.5)])
case("fill_", "step", [T(randn(2, 6), make=[["slice", 1, 0, 6, 2]], rg=False), S(-1)])
case("fill_", "zero_dim_tensor_value", [T(randn(2, 3), rg=False), T(ten(1.25), rg=False)])
case("fill_", "autograd_nonleaf", [T(randn(2, 3)), S(0.5)], {"clone": True})
case("fill_", "autograd_nonleaf_zero", [T(randn(2, 3)), S(0)], {"clone": True})
case("fill_", "autograd_tensor_value", [T(randn(2, 3)), T(ten(1.25))], {"clone": True})
case("copy_", "same_shape", [T(randn(2, 3), rg=False), T(randn(2, 3), rg=False)])
case("copy_", "broadcast", [T(randn(2, 3), rg=False), T(randn(3), rg=False)])
case("copy_", "noncontig_dst", [T(randn(3, 2), make=[["t"]], rg=False), T(randn(2, 3), rg=False)])
case("copy_", "noncontig_src", [T(randn(2, 3), rg=False), T(randn(3, 2), make=[["t"]], rg=False)])
case("copy_", "f64_into_f32", [T(randn(3), rg=False), T(ten([0.1, 1 / 3, 2.0], f64), rg=False)])
case("copy_", "f32_into_i64", [T(randint(0, 5, 3), rg=False), T(ten([-1.7, 2.5, 3.999]), rg=False)])
case("copy_", "i64_into_bool", [T(ten([True, True, False], b8), rg=False), T(ten([0, 3, -1], i64), rg=False)])
case("copy_", "autograd_src", [T(randn(2, 3), rg=False), T(randn(2, 3))], {"clone": True})
case("copy_", "autograd_both", [T(randn(2, 3)), T(randn(3))], {"clone": True})
case("copy_", "autograd_src_f64", [T(randn(2, 3)), T(randn(2, 3, dtype=f64))], {"clone": True})

# =================================================================================================
# bad input
# =================================================================================================
PERMUTE_2X = "PyTorch 2.x message for permute with the wrong number of dims differs from 1.13"
error("add", "broadcast_mismatch", [T(randn(2, 3)), T(randn(4))])
error("add", "broadcast_mismatch_3d", [T(randn(2, 3, 4)), T(randn(3, 3, 1))])
error("mul", "broadcast_mismatch_grad", [T(randn(2, 3)), T(randn(2, 2))])
error("eq", "broadcast_mismatch", [T(randn(3)), T(randn(2))])
error("where", "broadcast_mismatch", [T(ten([True, False], b8)), T(randn(3)), T(randn(3))])
error("where", "cond_not_bool", [T(randn(3), rg=False), T(randn(3)), T(randn(3))])
error("sub", "bool_bool", [T(ten([True], b8)), T(ten([False], b8))])
error("add", "int_alpha_float", [T(ten([1, 2], i64)), T(ten([1, 2], i64))], {"alpha": 2.5})
error("pow", "int_negative_int_exponent", [T(ten([1, 2], i64)), S(-1)])
error("mm", "shape_mismatch", [T(randn(2, 3)), T(randn(4, 2))])
error("mm", "not_matrix_self", [T(randn(3)), T(randn(3, 2))])
error("mm", "not_matrix_other", [T(randn(2, 3)), T(randn(3))])
error("mv", "bool", [T(ten([[True, False], [True, True]], b8)), T(ten([True, False], b8))])
error("mm", "bool", [T(ten([[True, False], [True, True]], b8)), T(ten([[True, False], [True, True]], b8))])
error("dot", "bool", [T(ten([True, False], b8)), T(ten([True, True], b8))])
error("matmul", "bool", [T(ten([[True, False], [True, True]], b8)), T(ten([[True, False], [True, True]], b8))])
error("mm", "dtype_mismatch", [T(randn(2, 3)), T(randn(3, 2, dtype=f64))])
error("mv", "shape_mismatch", [T(randn(2, 3)), T(randn(4))])
error("mv", "not_vector", [T(randn(2, 3)), T(randn(3, 1))])
error("dot", "size_mismatch", [T(randn(3)), T(randn(4))])
error("dot", "not_1d", [T(randn(2, 2)), T(randn(4))])
error("dot", "dtype_mismatch", [T(randn(3)), T(randn(3, dtype=f64))])
error("outer", "not_1d", [T(randn(2, 2)), T(randn(3))])
error("matmul", "zero_dim", [T(randn()), T(randn(3))])
error("matmul", "1d_1d_mismatch", [T(randn(3)), T(randn(4))])
error("matmul", "2d_2d_mismatch", [T(randn(2, 3)), T(randn(2, 3))])
error("matmul", "3d_3d_mismatch", [T(randn(2, 2, 3)), T(randn(2, 2, 3))])
error("matmul", "batch_broadcast_mismatch", [T(randn(2, 2, 3)), T(randn(3, 3, 2))])
error("view", "incompatible_strides", [T(randn(2, 3), make=[["t"]])], {"shape": [6]})
error("view", "bad_numel", [T(randn(2, 3))], {"shape": [4, 2]})
error("view", "two_inferred", [T(randn(2, 3))], {"shape": [-1, -1]})
error("view", "bad_negative", [T(randn(2, 3))], {"shape": [-2, 3]})
error("reshape", "bad_numel", [T(randn(2, 3))], {"shape": [5]})
error("expand", "mismatch", [T(randn(2, 3))], {"sizes": [2, 4]})
error("expand", "too_few_sizes", [T(randn(2, 3))], {"sizes": [3]})
error("expand", "leading_minus_one", [T(randn(3))], {"sizes": [-1, 3]})
error("expandAs", "mismatch", [T(randn(2, 3)), T(randn(3, 2))])
error("permute", "wrong_length", [T(randn(2, 3))], {"dims": [0, 1, 2]}, note=PERMUTE_2X)
error("permute", "repeated_dim", [T(randn(2, 3))], {"dims": [1, 1]})
error("permute", "dim_out_of_range", [T(randn(2, 3))], {"dims": [0, 2]})
error("transpose", "dim_out_of_range", [T(randn(2, 3))], {"dim0": 0, "dim1": 2})
error("t", "3d", [T(randn(2, 3, 4))])
error("squeeze", "dim_out_of_range", [T(randn(2, 1))], {"dim": 2})
error("unsqueeze", "dim_out_of_range", [T(randn(2, 3))], {"dim": 3})
error("unsqueeze", "dim_out_of_range_neg", [T(randn(2, 3))], {"dim": -4})
error("flatten", "start_after_end", [T(randn(2, 3, 4))], {"start": 2, "end": 1})
error("flatten", "dim_out_of_range", [T(randn(2, 3))], {"start": 0, "end": 2})
error("sum", "dim_out_of_range", [T(randn(2, 3))], {"dim": 2})
error("sum", "dim_repeated", [T(randn(2, 3))], {"dim": [1, 1]})
error("mean", "dim_repeated_after_wrap", [T(randn(2, 3))], {"dim": [0, -2]})
error("mean", "dim_out_of_range_neg", [T(randn(2, 3))], {"dim": -3})
error("mean", "integer_input", [T(ten([1, 2, 3], i64))])
error("mean", "integer_input_dim", [T(ten([[1, 2, 3]], i32))], {"dim": 1})
error("mean", "bool_input", [T(ten([True], b8))])
error("prod", "dim_out_of_range", [T(randn(2, 3))], {"dim": 5})
error("max", "dim_out_of_range", [T(randn(2, 3))], {"dim": 2})
error("min", "empty_all", [T(torch.zeros(0))])
error("max", "empty_dim", [T(torch.zeros(2, 0))], {"dim": 1})
error("amax", "empty_all", [T(torch.zeros(0, 3))])
error("amax", "empty_dim", [T(torch.zeros(0, 3))], {"dim": 0})
error("amin", "empty_dims_list", [T(torch.zeros(2, 0))], {"dim": [0, 1]})
error("amax", "dim_out_of_range", [T(randn(2, 3))], {"dim": [0, 3]})
error("norm", "integer_input", [T(ten([3, 4], i64))], note="PyTorch 2.x: linalg.vector_norm's message")
error("select", "index_out_of_range", [T(randn(3, 4))], {"dim": 0, "index": 3})
error("select", "index_out_of_range_neg", [T(randn(3, 4))], {"dim": 1, "index": -5})
error("select", "dim_out_of_range", [T(randn(3, 4))], {"dim": 2, "index": 0})
error("select", "zero_dim", [T(randn())], {"dim": 0, "index": 0})
error("narrow", "exceeds", [T(randn(3, 4))], {"dim": 1, "start": 2, "length": 3})
error("narrow", "start_out_of_range", [T(randn(3, 4))], {"dim": 0, "start": 4, "length": 0})
error("narrow", "negative_length", [T(randn(3, 4))], {"dim": 0, "start": 0, "length": -1})
error("index", "too_many", [T(randn(2, 3))], {"items": [0, 0, 0]})
error("index", "int_out_of_range", [T(randn(2, 3))], {"items": [2]})
error("index", "int_out_of_range_dim1", [T(randn(2, 3))], {"items": [0, -4]})
error("index", "int_out_of_range_after_newaxis", [T(randn(3, 4))], {"items": [None, 5]})
error("index", "int_out_of_range_after_ellipsis", [T(randn(3, 4))], {"items": ["...", 7]})
error("index", "zero_step", [T(randn(4))], {"items": [[None, None, 0]]})
error("index", "negative_step", [T(randn(4))], {"items": [[None, None, -1]]})
error("index", "zero_dim_int", [T(randn())], {"items": [0]})
error("item", "many_elements", [T(randn(2, 3))])
error("item", "no_elements", [T(torch.zeros(0))])
error("requiresGrad_", "integer", [T(ten([1, 2], i64))])
error("requiresGrad_", "bool", [T(ten([True], b8))])
error("setRequiresGrad", "integer", [T(ten([1, 2], i32))], {"flag": True})
error("setRequiresGrad", "nonleaf_true", [T(randn(2))], {"flag": True, "clone": True})
error("setRequiresGrad", "nonleaf_false", [T(randn(2))], {"flag": False, "clone": True})
error("requiresGrad_", "nonleaf_false", [T(randn(2))], {"flag": False, "clone": True})
error("narrow", "zero_dim", [T(randn())], {"dim": 0, "start": 0, "length": 1})
error("tensor", "int_requires_grad", [], {"data": [1, 2], "dtype": "int64", "requiresGrad": True})
error("tensor", "ragged", [], {"data": [[1, 2], [3]]})
error("zeros", "negative_dim", [], {"shape": [2, -1]})
error("full", "negative_dim", [], {"shape": [-3], "value": 1.5})
error("arange", "bad_sign", [], {"args": [0, 5, -1]})
error("arange", "zero_step", [], {"args": [0, 5, 0]})
error("arange", "step_truncates_to_zero", [], {"args": [0, 2, 0.5], "dtype": "int64"})
error("linspace", "negative_steps", [], {"start": 0, "end": 1, "steps": -1})
error("add_", "leaf_requires_grad", [T(randn(2, 3)), T(randn(2, 3), rg=False)])
error("mul_", "leaf_requires_grad_scalar", [T(randn(3)), S(2)])
error("zero_", "leaf_requires_grad", [T(randn(3))])
error("fill_", "leaf_requires_grad", [T(randn(3)), S(1.5)])
error("copy_", "leaf_requires_grad", [T(randn(3)), T(randn(3), rg=False)])
error("add_", "int_self_float_other", [T(ten([1, 2, 3], i64), rg=False), T(ten([0.5, 1.0, 1.5]), rg=False)])
error("add_", "int_self_float_scalar", [T(ten([1, 2, 3], i64), rg=False), S(2.5)])
error("add_", "bool_self_int_other", [T(ten([True, False], b8), rg=False), T(ten([1, 2], i64), rg=False)])
error("div_", "int_self_int_scalar", [T(ten([4, 6], i64), rg=False), S(2)])
error("mul_", "int32_self_float_tensor", [T(ten([4, 6], i32), rg=False), T(ten(1.5), rg=False)])
error("add_", "broadcast_changes_shape", [T(randn(3), rg=False), T(randn(2, 3), rg=False)])
error("mul_", "broadcast_changes_shape_1", [T(randn(1, 3), rg=False), T(randn(2, 1), rg=False)])
error("add_", "broadcast_mismatch", [T(randn(2, 3), rg=False), T(randn(2), rg=False)])
error("add_", "expanded_self", [T(randn(3), make=[["expand", [2, 3]]], rg=False), S(1)])
error("fill_", "value_not_zero_dim", [T(randn(3), rg=False), T(randn(2), rg=False)])
error("copy_", "broadcast_mismatch", [T(randn(2, 3), rg=False), T(randn(4), rg=False)])
error("copy_", "expanded_self", [T(randn(1), make=[["expand", [3]]], rg=False), T(randn(3), rg=False)])
error("add_", "view_of_leaf_requires_grad", [T(randn(2, 3)), T(randn(3), rg=False)], {"view": [0]})
error("matmul", "batched_inner_mismatch", [T(randn(2, 2, 3)), T(randn(1, 4, 2))])
error("copy_", "broadcast_changes_shape", [T(randn(3), rg=False), T(randn(2, 3), rg=False)])

# ---- a deliberately wrong derivative: gradcheck must fail with PyTorch's message ------------------
def gradcheck_failure():
    x = torch.tensor([1.0, 2.0], dtype=f64, requires_grad=True)

    def fn(t):
        y = t * 2
        y.register_hook(lambda g: g * 3)  # the analytical Jacobian becomes 6, the numerical one stays 2
        return y

    try:
        torch.autograd.gradcheck(fn, (x,))
    except Exception as e:  # noqa: BLE001
        return {"input": enc_tensor(x), "factor": 2, "hookScale": 3, "error": {"name": type(e).__name__, "message": str(e)}}
    raise AssertionError("gradcheck passed a wrong derivative")


# ---- write --------------------------------------------------------------------------------------
out = {"torch": torch.__version__, "viewOps": sorted(VIEW_OPS), "cases": cases, "errors": errors,
       "gradcheckFailure": gradcheck_failure()}
path = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "ops.json")
with open(path, "w") as f:
    json.dump(out, f, separators=(",", ":"), allow_nan=False)
print(f"wrote {len(cases)} cases and {len(errors)} error cases to {os.path.normpath(path)} ({os.path.getsize(path)} bytes)")
