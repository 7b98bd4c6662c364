"""Golden fixture for the op table (test/opinfo/*.ts): every op and sample evaluated in real PyTorch.

Regenerate (from the repo root):
    npm run golden                    # everything: tsc, the spec dump, then every scripts/golden/*.py
or just the op table:
    npx tsc -p . && node dist/test/opinfo/dump.js --write && /usr/bin/python3 scripts/golden/opinfo_cases.py
or only some ops (their records are replaced, the other ops' records are kept from the existing fixture):
    npx tsc -p . && node dist/test/opinfo/dump.js --write && /usr/bin/python3 scripts/golden/opinfo_cases.py --ops add,mul
Then run the table-driven test:
    npx tsc -p . && node --test dist/test/opinfo.test.js

Reads test/fixtures/opinfo_spec.json (written by test/opinfo/dump.ts: every sample's materialised inputs)
and writes test/fixtures/opinfo.json:

  {"torch": version, "ops": {name: {"samples": {id: Rec}, "errors": {id: ErrRec}}}, "gradcheckFailure": ...}

For each sample, the inputs are built exactly: the base tensor from its values and dtype, the `make` steps
under no_grad, then detach().requires_grad_() where requiresGrad. The op's `py` expression is evaluated
with `x` (the inputs: tensors, Python numbers, lists of tensors) and `a` (the args) in scope, plus torch,
F = torch.nn.functional, math, dtypes = {"float32": torch.float32, ...} and whatever the op's pyPrelude
defines. Rec:
  hash          the sample's hash from the spec (the test compares it with the table's: stale fixtures)
  inputs        [strides, storage offset] of every tensor operand after `make` (list elements flattened)
  outputs       one per output (a tuple/list result gives several): a tensor as {values, shape, dtype,
                strides, offset, gradFn, requiresGrad, isView, version}, a Python scalar as {value},
                a nested list/tuple as {list: [...]}, anything else as {repr: str(o)}
  versions      every tensor operand's _version after the op
  w, grads      weights w_k (values; shape and dtype of output k) for the float outputs that require grad,
                and the gradients of sum(out_k * w_k) w.r.t. every operand that requires grad (null: unused)
  gradcheck, gradgradcheck
                true when torch.autograd.gradcheck / gradgradcheck pass on the float64 version of the
                sample (bases in float64, `make` and the op inside the checked function), or
                {"skip": reason} (the entry's reason, or "auto": PyTorch's own check fails there)
  pyError / gradError   the sample raised in PyTorch (the entry is wrong: the test reports it)
ErrRec: {hash, error: {name, message}} or {hash, noError: true} when PyTorch did not raise.

Values: float32 as the shortest decimal that rounds back to the same float32, float64 exact, ints as
integers, nan/inf/-inf/-0 as strings. A sample whose `py` raises is reported here with op and sample id
and recorded as such; the run goes on (and exits 0) so that the rest of the table still gets its fixture.
"""
import json
import math
import os
import sys
import time
import traceback
import warnings

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float32)

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SPEC = os.path.join(ROOT, "test", "fixtures", "opinfo_spec.json")
OUT = os.path.join(ROOT, "test", "fixtures", "opinfo.json")

DTYPES = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64, "int32": torch.int32, "bool": torch.bool}
NAMES = {v: k for k, v in DTYPES.items()}


# ---- encoding --------------------------------------------------------------------------------------

def dec(v):
    if v == "nan":
        return float("nan")
    if v == "inf":
        return float("inf")
    if v == "-inf":
        return float("-inf")
    if v == "-0":
        return -0.0
    return v


def dec_args(a):
    if isinstance(a, dict):
        return {k: dec_args(v) for k, v in a.items()}
    if isinstance(a, list):
        return [dec_args(v) for v in a]
    if isinstance(a, str):
        return dec(a)
    return a


def enc_num(v):
    if isinstance(v, bool):
        return v
    if isinstance(v, int):
        return v
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    if v == 0 and math.copysign(1.0, v) < 0:
        return "-0"
    return v


def f32_short(v):
    """The shortest decimal that rounds back to the same float32 (numpy's repr), as a Python float."""
    if v != v or v in (float("inf"), float("-inf")) or (v == 0 and math.copysign(1.0, v) < 0):
        return enc_num(v)
    return float(repr(np.float32(v)))


def values_of(t):
    t = t.detach()
    if t.dtype == torch.float32:
        return [f32_short(v) for v in t.reshape(-1).tolist()]
    vals = t.reshape(-1).tolist()
    if t.dtype.is_floating_point:
        return [enc_num(v) for v in vals]
    return vals


def enc_scalar(o):
    if isinstance(o, float):
        return enc_num(o)
    return o


def enc_out(o):
    if isinstance(o, torch.Tensor):
        return {
            "values": values_of(o), "shape": list(o.shape), "dtype": NAMES.get(o.dtype, str(o.dtype)),
            "strides": list(o.stride()), "offset": o.storage_offset(),
            "gradFn": type(o.grad_fn).__name__ if o.grad_fn is not None else None,
            "requiresGrad": o.requires_grad, "isView": o._is_view(), "version": o._version,
        }
    if o is None or isinstance(o, (bool, int, float)):
        return {"value": enc_scalar(o)}
    if isinstance(o, (list, tuple)):
        return {"list": [enc_out(i) for i in o]}
    return {"repr": str(o)}


# ---- inputs ----------------------------------------------------------------------------------------

def apply_make(t, m):
    kind = m[0]
    if kind == "t":
        return t.t()
    if kind == "transpose":
        return t.transpose(m[1], m[2])
    if kind == "permute":
        return t.permute(*m[1])
    if kind == "slice":
        _, dim, start, stop, step = m
        idx = [slice(None)] * t.dim()
        idx[dim] = slice(start, stop, step)
        return t[tuple(idx)]
    if kind == "select":
        return t.select(m[1], m[2])
    if kind == "expand":
        return t.expand(*m[1])
    raise ValueError(f"unknown make step {m!r}")


def base_tensor(spec, f64=False):
    dtype = DTYPES[spec["dtype"]]
    shape = spec["shape"]
    if len(spec["values"]) == 0:
        t = torch.zeros(shape, dtype=dtype)
    else:
        # clone: the base is not a view (of the flat tensor), as torch.tensor(nested) would not be
        t = torch.tensor([dec(v) for v in spec["values"]], dtype=dtype).reshape(shape).clone()
    if f64 and t.dtype.is_floating_point:
        t = t.to(torch.float64)
    return t


def operand(spec):
    """The operand as the test builds it: base, `make` under no_grad, then detach().requires_grad_()."""
    t = base_tensor(spec)
    with torch.no_grad():
        for m in spec["make"]:
            t = apply_make(t, m)
    if spec["requiresGrad"]:
        t = t.detach().requires_grad_()
    return t


def build_inputs(inputs):
    x = []
    for inp in inputs:
        if "scalar" in inp:
            v = dec(inp["scalar"])
            x.append(bool(v) if inp["kind"] == "bool" else int(v) if inp["kind"] == "int" else float(v))
        elif "list" in inp:
            x.append([operand(s) for s in inp["list"]])
        else:
            x.append(operand(inp["tensor"]))
    return x


def tensor_specs(inputs):
    out = []
    for inp in inputs:
        if "tensor" in inp:
            out.append(inp["tensor"])
        elif "list" in inp:
            out.extend(inp["list"])
    return out


def leaves(x):
    out = []
    for v in x:
        if isinstance(v, torch.Tensor):
            out.append(v)
        elif isinstance(v, list):
            out.extend(v)
    return out


def remake(inputs, bases):
    """The op's inputs from gradcheck's float64 bases: `make` applied inside the checked function."""
    it = iter(bases)
    x = []

    def one(spec):
        t = next(it)
        for m in spec["make"]:
            t = apply_make(t, m)
        return t

    for inp in inputs:
        if "scalar" in inp:
            v = dec(inp["scalar"])
            x.append(bool(v) if inp["kind"] == "bool" else int(v) if inp["kind"] == "int" else float(v))
        elif "list" in inp:
            x.append([one(s) for s in inp["list"]])
        else:
            x.append(one(inp["tensor"]))
    return x


def outputs_of(r):
    return list(r) if isinstance(r, (tuple, list)) else [r]


def weight(shape, dtype, k):
    n = 1
    for s in shape:
        n *= s
    vals = [((i * 7 + k * 3) % 11 - 5) / 4.0 for i in range(n)]
    return torch.tensor(vals, dtype=dtype).reshape(shape)


# ---- evaluation ------------------------------------------------------------------------------------

class Op:
    def __init__(self, spec, preludes):
        self.name = spec["name"]
        self.spec = spec
        self.scope = {"torch": torch, "F": F, "math": math, "dtypes": dict(DTYPES), "__builtins__": __builtins__}
        self.error = None
        try:
            if spec.get("prelude"):
                exec(compile(preludes[spec["prelude"]], f"<{self.name} pyPrelude>", "exec"), self.scope)
            self.code = compile(spec["py"], f"<{self.name} py>", "eval")
        except Exception as e:  # noqa: BLE001
            self.error = e

    def __call__(self, x, a):
        if self.error is not None:
            raise self.error
        g = dict(self.scope)
        g["x"] = x
        g["a"] = a
        return eval(self.code, g)


problems = []


def report(op, sid, what, e=None):
    line = f"{op}/{sid}: {what}"
    if e is not None:
        line += f": {type(e).__name__}: {e}"
    problems.append(line)
    print("!! " + line, file=sys.stderr)


def err(e):
    return {"name": type(e).__name__, "message": str(e)}


def run_checks(op, s, args):
    """gradcheck and gradgradcheck in float64: bases are the contiguous bases (non-overlapping), the
    `make` steps and the op run inside the checked function; only the float outputs are checked."""
    inputs = s["inputs"]
    opts = s.get("gradcheckOptions") or {}

    def fn(*bases):
        outs = outputs_of(op(remake(inputs, bases), args))
        fl = [o for o in outs if isinstance(o, torch.Tensor) and o.dtype.is_floating_point]
        return fl[0] if len(fl) == 1 else tuple(fl)

    def bases():
        return tuple(base_tensor(t, f64=True).requires_grad_(t["requiresGrad"]) for t in tensor_specs(inputs))

    def attempt(check, *extra):
        torch.manual_seed(0)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                check(fn, bases(), *extra, **opts)
            return True
        except Exception as e:  # noqa: BLE001
            first = str(e).strip().splitlines()[0].rstrip(",:") if str(e).strip() else type(e).__name__
            return {"skip": f"PyTorch's own {check.__name__} fails here ({type(e).__name__}: {first})", "auto": True}

    gc = s["gradcheck"]
    if gc is not True:
        return {"skip": gc}, {"skip": gc}
    ggc = s["gradgradcheck"]
    r1 = attempt(torch.autograd.gradcheck)
    if r1 is not True:
        return r1, {"skip": ggc} if ggc is not True else {"skip": "gradcheck is skipped", "auto": True}
    if ggc is not True:
        return True, {"skip": ggc}
    return True, attempt(torch.autograd.gradgradcheck)


def run_sample(op, s, differentiable):
    rec = {"hash": s["hash"]}
    args = dec_args(s["args"])
    try:
        x = build_inputs(s["inputs"])
    except Exception as e:  # noqa: BLE001
        report(op.name, s["id"], "could not build the inputs", e)
        rec["pyError"] = err(e)
        return rec
    ls = leaves(x)
    rec["inputs"] = [[list(t.stride()), t.storage_offset()] for t in ls]
    try:
        r = op(x, args)
    except Exception as e:  # noqa: BLE001
        report(op.name, s["id"], "py raised in PyTorch (a sample that should raise belongs in `errors`)", e)
        rec["pyError"] = err(e)
        return rec
    outs = outputs_of(r)
    rec["outputs"] = [enc_out(o) for o in outs]
    rec["versions"] = [t._version for t in ls]
    diff = [o if isinstance(o, torch.Tensor) and o.requires_grad and o.dtype.is_floating_point else None for o in outs]
    wanted = [t for t in ls if t.requires_grad]
    if not (differentiable and wanted and any(d is not None for d in diff)):
        return rec
    try:
        ws = [weight(d.shape, d.dtype, k) if d is not None else None for k, d in enumerate(diff)]
        loss = sum((d * w).sum() for d, w in zip(diff, ws) if d is not None)
        gs = iter(torch.autograd.grad(loss, wanted, allow_unused=True))
    except Exception as e:  # noqa: BLE001
        report(op.name, s["id"], "the gradient of sum(out * w) raised in PyTorch", e)
        rec["gradError"] = err(e)
        return rec
    rec["w"] = [values_of(w) if w is not None else None for w in ws]
    grads = []
    for t in ls:
        if not t.requires_grad:
            grads.append(None)
            continue
        g = next(gs)
        grads.append(None if g is None else {"values": values_of(g), "shape": list(g.shape), "dtype": NAMES.get(g.dtype, str(g.dtype))})
    rec["grads"] = grads
    rec["gradcheck"], rec["gradgradcheck"] = run_checks(op, s, args)
    for k in ("gradcheck", "gradgradcheck"):
        if isinstance(rec[k], dict) and rec[k].get("auto") and rec[k]["skip"] != "gradcheck is skipped":
            print(f"   {op.name}/{s['id']}: {k} skipped: {rec[k]['skip']}")
    return rec


SUSPICIOUS = (NameError, SyntaxError, AttributeError)


def run_error(op, s):
    rec = {"hash": s["hash"]}
    if op.error is not None:  # py does not compile: that is not the error this sample is about
        rec["pyError"] = err(op.error)
        return rec
    args = dec_args(s["args"])
    try:
        x = build_inputs(s["inputs"])
    except Exception as e:  # noqa: BLE001
        report(op.name, s["id"], "could not build the inputs of the error sample", e)
        rec["pyError"] = err(e)
        return rec
    ls = leaves(x)
    before = [(t.detach().clone(), t._version) for t in ls]
    try:
        op(x, args)
    except Exception as e:  # noqa: BLE001
        rec["error"] = err(e)
        if isinstance(e, SUSPICIOUS):
            report(op.name, s["id"], "error sample raised a suspicious exception (is `py` right?)", e)
    else:
        rec["noError"] = True
        report(op.name, s["id"], "error sample did not raise in PyTorch")
    for t, (v, ver) in zip(ls, before):
        same = torch.equal(t.detach(), v) or (t.dtype.is_floating_point and torch.allclose(t.detach(), v, equal_nan=True))
        if not same or t._version != ver:
            report(op.name, s["id"], "PyTorch changed an input although the call raised")
    return rec


def jsonable(op, sid, rec):
    """The record, or a pyError record when it cannot be written as strict JSON (say a complex output)."""
    try:
        json.dumps(rec, allow_nan=False)
        return rec
    except (TypeError, ValueError) as e:
        report(op, sid, "the result cannot be recorded as JSON", e)
        return {"hash": rec["hash"], "pyError": err(e)}


def gradcheck_failure():
    """A deliberately wrong derivative: gradcheck must fail with PyTorch's message (tensorgrad's too)."""
    x = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)

    def fn(t):
        y = t * 2
        y.register_hook(lambda g: g * 3)  # the analytical Jacobian becomes 6, the numerical one stays 2
        return y

    try:
        torch.autograd.gradcheck(fn, (x,))
    except Exception as e:  # noqa: BLE001
        return {"input": {"values": values_of(x), "shape": [2], "dtype": "float64"}, "factor": 2, "hookScale": 3, "error": err(e)}
    raise AssertionError("gradcheck passed a wrong derivative")


def main():
    only = None
    if "--ops" in sys.argv:
        only = set(sys.argv[sys.argv.index("--ops") + 1].split(","))
    with open(SPEC) as f:
        spec = json.load(f)
    for p in spec.get("problems", []):
        report("spec", "-", p)
    names = [o["name"] for o in spec["ops"]]
    if only is not None:
        missing = only - set(names)
        if missing:
            sys.exit(f"--ops: not in the spec: {', '.join(sorted(missing))} (run the dump first)")
    old = {}
    if only is not None and os.path.exists(OUT):
        with open(OUT) as f:
            old = json.load(f).get("ops", {})
    t0 = time.time()
    out_ops = {}
    n_samples = n_errors = n_gc = n_ggc = 0
    for o in spec["ops"]:
        if only is not None and o["name"] not in only:
            if o["name"] in old and o["name"] not in out_ops:
                out_ops[o["name"]] = old[o["name"]]
            continue
        op = Op(o, spec.get("preludes", {}))
        # entries that share an op name (distinct sample ids) share its record
        rec_op = out_ops.setdefault(o["name"], {"samples": {}, "errors": {}})
        if op.error is not None:
            report(o["name"], "*", "py / pyPrelude does not compile", op.error)
        samples = rec_op["samples"]
        for s in o["samples"]:
            try:
                samples[s["id"]] = rec = run_sample(op, s, o["differentiable"])
            except Exception as e:  # noqa: BLE001  (a bug here must not lose the rest of the table)
                traceback.print_exc()
                report(o["name"], s["id"], "opinfo_cases.py failed on this sample", e)
                samples[s["id"]] = rec = {"hash": s["hash"], "pyError": err(e)}
            samples[s["id"]] = rec = jsonable(o["name"], s["id"], rec)
            n_samples += 1
            n_gc += rec.get("gradcheck") is True
            n_ggc += rec.get("gradgradcheck") is True
        errors = rec_op["errors"]
        for s in o["errors"]:
            try:
                errors[s["id"]] = run_error(op, s)
            except Exception as e:  # noqa: BLE001
                traceback.print_exc()
                report(o["name"], s["id"], "opinfo_cases.py failed on this error sample", e)
                errors[s["id"]] = {"hash": s["hash"], "pyError": err(e)}
            errors[s["id"]] = jsonable(o["name"], s["id"], errors[s["id"]])
            n_errors += 1
    out = {"torch": torch.__version__, "ops": out_ops, "gradcheckFailure": gradcheck_failure()}
    with open(OUT, "w") as f:
        json.dump(out, f, separators=(",", ":"), allow_nan=False)
    what = "all ops" if only is None else f"{len(only)} op(s), the rest kept"
    print(f"opinfo: {what}: {n_samples} samples ({n_gc} gradcheck, {n_ggc} gradgradcheck passing), {n_errors} error samples "
          f"in {time.time() - t0:.1f}s -> {os.path.relpath(OUT, ROOT)} ({os.path.getsize(OUT)} bytes)")
    if problems:
        print(f"\n{len(problems)} problem(s) (the test fails on these samples until the entries are fixed):\n  " + "\n  ".join(problems),
              file=sys.stderr)


if __name__ == "__main__":
    main()
