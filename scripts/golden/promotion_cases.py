"""Golden fixture for dtype promotion: torch.result_type, torch.promote_types, torch.can_cast and the
dtype (or error) of elementwise ops over every pair of operand kinds.

Regenerate (from the repo root):
    /usr/bin/python3 scripts/golden/promotion_cases.py
Then run the test:
    npx tsc -p . && node --test dist/test/promotion.test.js

Operands: a 1-D tensor of each dtype, a 0-dim tensor of each dtype, a Python int (a JS integer), a
Python float (a JS number that is not an integer) and a Python bool (a JS boolean). For every ordered
pair the fixture records torch.result_type(a, b) under both default float dtypes, and, where the first
operand is a tensor, what add, mul, div, floor_divide, remainder and bitwise_and return: the result's
dtype or the exception (class and message). Writes test/fixtures/promotion.json.
"""
import json
import os

import torch

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT = os.path.join(ROOT, "test", "fixtures", "promotion.json")

DTYPES = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64, "int32": torch.int32, "bool": torch.bool}
NAMES = {v: k for k, v in DTYPES.items()}


def operands():
    out = []
    for name, dt in DTYPES.items():
        out.append({"id": f"tensor_{name}", "kind": "tensor", "dtype": name})
    for name, dt in DTYPES.items():
        out.append({"id": f"zerodim_{name}", "kind": "zerodim", "dtype": name})
    out.append({"id": "int", "kind": "int", "value": 2})
    out.append({"id": "float", "kind": "float", "value": 2.5})
    out.append({"id": "bool", "kind": "bool", "value": True})
    return out


def build(o):
    """Tensors hold nonzero values (3 and 1; True for bool), so no op below divides by zero."""
    if o["kind"] == "tensor":
        dt = DTYPES[o["dtype"]]
        return torch.tensor([True, True] if dt == torch.bool else [3, 1], dtype=dt)
    if o["kind"] == "zerodim":
        dt = DTYPES[o["dtype"]]
        return torch.tensor(True if dt == torch.bool else 3, dtype=dt)
    return o["value"]


OPS = {
    "add": lambda a, b: torch.add(a, b),
    "mul": lambda a, b: torch.mul(a, b),
    "div": lambda a, b: torch.div(a, b),
    "floorDivide": lambda a, b: torch.floor_divide(a, b),
    "remainder": lambda a, b: torch.remainder(a, b),
    "bitwiseAnd": lambda a, b: torch.bitwise_and(a, b),
}


def outcome(f, a, b):
    try:
        r = f(a, b)
        return NAMES[r.dtype]
    except Exception as e:  # noqa: BLE001 - the exception is the recorded outcome
        return {"error": {"name": type(e).__name__, "message": str(e)}}


def main():
    ops_ = operands()
    result = {"torch": torch.__version__, "operands": ops_, "resultType": {}, "ops": {}}
    for default in ("float32", "float64"):
        torch.set_default_dtype(DTYPES[default])
        rt = {}
        per_op = {name: {} for name in OPS}
        for a in ops_:
            for b in ops_:
                key = f"{a['id']}|{b['id']}"
                x, y = build(a), build(b)
                rt[key] = NAMES[torch.result_type(x, y)]
                if isinstance(x, torch.Tensor):
                    for name, f in OPS.items():
                        per_op[name][key] = outcome(f, x, y)
        result["resultType"][default] = rt
        result["ops"][default] = per_op
    torch.set_default_dtype(torch.float32)
    result["promoteTypes"] = {f"{a}|{b}": NAMES[torch.promote_types(DTYPES[a], DTYPES[b])] for a in DTYPES for b in DTYPES}
    result["canCast"] = {f"{a}|{b}": torch.can_cast(DTYPES[a], DTYPES[b]) for a in DTYPES for b in DTYPES}
    with open(OUT, "w") as fh:
        json.dump(result, fh, indent=1, sort_keys=True)
        fh.write("\n")
    n = len(ops_)
    print(f"promotion: {n * n} operand pairs x 2 default dtypes, {len(OPS)} ops, 25 promote_types / can_cast pairs -> {OUT}")


if __name__ == "__main__":
    main()
