// Bad input throws PyTorch's error and changes nothing: values, versions, .grad and the graph stay intact.
import assert from "node:assert/strict";
import { test } from "node:test";
import torch, { Tensor } from "../src/index.js";

function snapshot(ts: Tensor[]): string[] {
  return ts.map((t) => `${t.toString()}|${t.version}|${t.grad === null ? "None" : t.grad.toString()}|${t.gradFn?.name() ?? "leaf"}`);
}

function throwsAndKeeps(ts: Tensor[], f: () => unknown, name: string, message: string | RegExp): void {
  const before = snapshot(ts);
  assert.throws(f, (e: Error) => {
    assert.equal(e.name, name);
    if (typeof message === "string") assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
  assert.deepEqual(snapshot(ts), before);
}

test("autograd.grad with an unused input leaves the graph usable", () => {
  const a = torch.tensor([1, 2], { requiresGrad: true });
  const c = torch.tensor([5, 6], { requiresGrad: true });
  const y = a.pow(2).sum();
  throwsAndKeeps([a, c], () => torch.autograd.grad(y, [a, c]), "RuntimeError", /appears to not have been used in the graph/);
  y.backward();
  assert.equal(a.grad!.toString(), "tensor([2., 4.])");
});

test("backward errors before running change no .grad", () => {
  const x = torch.tensor([[1, 2], [3, 4]], { requiresGrad: true });
  x.mul(3).sum().backward();
  const y = x.mul(x);
  throwsAndKeeps([x], () => y.backward(), "RuntimeError", "grad can be implicitly created only for scalar outputs");
  throwsAndKeeps([x], () => y.backward(torch.ones(4)), "RuntimeError", /^Mismatch in shape/);
  throwsAndKeeps([x], () => torch.autograd.backward([y.sum(), torch.ones(1)]), "RuntimeError", "element 1 of tensors does not require grad and does not have a grad_fn");
  y.sum().backward();
  assert.equal(x.grad!.toString(), "tensor([[ 5.,  7.],\n        [ 9., 11.]])");
});

test("shape, dtype and in-place errors leave operands untouched", () => {
  const a = torch.ones(2, 3);
  const b = torch.ones(4, 3);
  throwsAndKeeps([a, b], () => a.add(b), "RuntimeError", "The size of tensor a (2) must match the size of tensor b (4) at non-singleton dimension 0");
  throwsAndKeeps([a, b], () => a.add_(b), "RuntimeError", "The size of tensor a (2) must match the size of tensor b (4) at non-singleton dimension 0");
  const i = torch.tensor([1n, 2n]);
  throwsAndKeeps([i], () => i.mul_(0.5), "RuntimeError", "result type Float can't be cast to the desired output type Long");
  const leaf = torch.tensor([1, 2], { requiresGrad: true });
  throwsAndKeeps([leaf], () => leaf.add_(1), "RuntimeError", "a leaf Variable that requires grad is being used in an in-place operation.");
  throwsAndKeeps([leaf], () => leaf.index(0).mul_(2), "RuntimeError", "a view of a leaf Variable that requires grad is being used in an in-place operation.");
  throwsAndKeeps([a], () => a.view(4), "RuntimeError", "shape '[4]' is invalid for input of size 6");
  throwsAndKeeps([a], () => a.mm(a), "RuntimeError", "mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)");
  throwsAndKeeps([a], () => a.sum(2), "IndexError", "Dimension out of range (expected to be in range of [-2, 1], but got 2)");
  throwsAndKeeps([a], () => a.index(2), "IndexError", "index 2 is out of bounds for dimension 0 with size 2");
  throwsAndKeeps([a], () => a.item(), "RuntimeError", "a Tensor with 6 elements cannot be converted to Scalar");
  throwsAndKeeps([i], () => i.requiresGrad_(), "RuntimeError", "only Tensors of floating point dtype can require gradients");
  assert.throws(() => torch.tensor([1n], { requiresGrad: true }), { name: "RuntimeError", message: "Only Tensors of floating point and complex dtype can require gradients" });
});

test("a failed backward through freed buffers reports PyTorch's error and keeps .grad", () => {
  const x = torch.arange(4, { requiresGrad: true });
  const y = x.pow(2);
  y.sum().backward();
  assert.equal(x.grad!.toString(), "tensor([0., 2., 4., 6.])");
  throwsAndKeeps([x], () => y.sum().backward(), "RuntimeError", /^Trying to backward through the graph a second time/);
});

test("gradcheck refuses overlapping inputs like PyTorch", () => {
  const x = torch.tensor([1.5], { dtype: "float64" }).expand([3]).detach().requiresGrad_();
  assert.throws(() => torch.autograd.gradcheck((t) => t.mul(2), [x], { raiseException: false }), {
    name: "RuntimeError",
    message:
      "The 0th input has a dimension with stride 0. gradcheck only supports inputs that are non-overlapping to be able to compute the numerical gradients correctly. You should call .contiguous on the input before passing it to gradcheck.",
  });
});

test("anomaly mode names the node that produced NaN, as PyTorch does", () => {
  const x = torch.tensor([0, 1], { requiresGrad: true });
  assert.equal(torch.autograd.isAnomalyEnabled(), false);
  torch.autograd.detectAnomaly(() => {
    const y = x.sqrt().mul(0);
    assert.throws(() => y.div(y).sum().backward(), { name: "RuntimeError", message: "Function 'DivBackward0' returned nan values in its 1th output." });
  });
  assert.equal(torch.autograd.isAnomalyEnabled(), false);
  const y = x.sqrt().mul(0);
  y.div(y).sum().backward(); // without anomaly mode NaN gradients just flow
  assert.ok(Number.isNaN((x.grad!.tolist() as number[])[0]));
});

// Multi-output and no_grad/inference views (CreationMeta, src/autograd/view_meta.ts). Messages from torch
// 1.13 (/usr/bin/python3), identical in PyTorch 2.x's handle_view_on_rebase for these cases, e.g.
//   x = torch.randn(4, requires_grad=True).clone(); a, b = x.split(2); a.mul_(2)          # direct
//   with torch.no_grad(): a, b = x.split(2)                 then a.mul_(2)                # no_grad view
//   a, b = x.split(2); x.mul_(2); a.grad_fn                                               # indirect
const MULTI =
  " This view is the output of a function that returns multiple views. Such functions do not allow the output views to be modified inplace. You should replace the inplace operation by an out-of-place one.";
const AMBIGUOUS = (block: string): string =>
  ` Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify your code by moving both the view and the inplace either both inside the ${block} block (if you don't want the inplace to be tracked) or both outside (if you want the inplace to be tracked).`;

test("in-place ops on split / chunk / unbind outputs raise PyTorch's multi-output view error and change nothing", () => {
  const leaf = torch.tensor([1, 2, 3, 4], { requiresGrad: true });
  const x = leaf.mul(1);
  const [a, b] = x.split(2);
  throwsAndKeeps([leaf, x, a, b], () => a.mul_(2), "RuntimeError", `Output 0 of SplitBackward0 is a view and is being modified inplace.${MULTI}`);
  throwsAndKeeps([leaf, x, a, b], () => b.add_(torch.ones(2, { requiresGrad: true })), "RuntimeError", `Output 1 of SplitBackward0 is a view and is being modified inplace.${MULTI}`);
  throwsAndKeeps([leaf, x, a, b], () => b.pow_(2), "RuntimeError", `Output 1 of SplitBackward0 is a view and is being modified inplace.${MULTI}`);
  const [c] = x.chunk(2);
  throwsAndKeeps([leaf, x, c], () => c.zero_(), "RuntimeError", `Output 0 of SplitBackward0 is a view and is being modified inplace.${MULTI}`);
  const [d] = x.split([1, 3]);
  throwsAndKeeps([leaf, x, d], () => d.fill_(0), "RuntimeError", `Output 0 of SplitWithSizesBackward0 is a view and is being modified inplace.${MULTI}`);
  const m = leaf.view(2, 2).mul(1);
  const col = m.unbind(1)[0];
  throwsAndKeeps([leaf, m, col], () => col.copy_(torch.zeros(2)), "RuntimeError", `Output 0 of UnbindBackward0 is a view and is being modified inplace.${MULTI}`);
  // a view of a multi-output view inherits the restriction (propagate_creation_meta)
  const e = x.split(2)[0].view(2);
  throwsAndKeeps([leaf, x, e], () => e.mul_(2), "RuntimeError", `Output 0 of ViewBackward0 is a view and is being modified inplace.${MULTI}`);
  throwsAndKeeps([leaf, x], () => x.split(2)[1].index(0).mul_(2), "RuntimeError", `Output 0 of SelectBackward0 is a view and is being modified inplace.${MULTI}`);
  // on a leaf's split the multi-output error comes before the view-of-a-leaf one
  throwsAndKeeps([leaf], () => leaf.split(2)[0].mul_(2), "RuntimeError", `Output 0 of SplitBackward0 is a view and is being modified inplace.${MULTI}`);
  // a base that does not require grad: no grad_fn, so PyTorch's no_grad wording with the multi-output advice
  const plain = torch.zeros(4);
  const [p] = plain.split(2);
  throwsAndKeeps([plain, p], () => p.add_(torch.ones(2, { requiresGrad: true })), "RuntimeError", `A view was created in no_grad mode and is being modified inplace with grad mode enabled.${MULTI}`);
  // nothing requires grad: allowed
  p.mul_(2);
  assert.equal(plain.toString(), "tensor([0., 0., 0., 0.])");
  // the graph still works
  x.sum().backward();
  assert.equal(leaf.grad!.toString(), "tensor([1., 1., 1., 1.])");
});

test("a view made in no_grad or inference mode may not be modified in place with grad mode on", () => {
  const leaf = torch.tensor([1, 2, 3, 4], { requiresGrad: true });
  const x = leaf.mul(1);
  const [a] = torch.noGrad(() => x.split(2));
  throwsAndKeeps([leaf, x, a], () => a.mul_(2), "RuntimeError", `A view was created in no_grad mode and is being modified inplace with grad mode enabled.${AMBIGUOUS("no_grad")}`);
  const s = torch.noGrad(() => x.index([0, 2]));
  throwsAndKeeps([leaf, x, s], () => s.mul_(2), "RuntimeError", `A view was created in no_grad mode and is being modified inplace with grad mode enabled.${AMBIGUOUS("no_grad")}`);
  // before the view-of-a-leaf error
  const l = torch.noGrad(() => leaf.index([0, 2]));
  throwsAndKeeps([leaf, l], () => l.mul_(2), "RuntimeError", `A view was created in no_grad mode and is being modified inplace with grad mode enabled.${AMBIGUOUS("no_grad")}`);
  const inf = torch.inferenceMode(() => x.split(2)[1]);
  throwsAndKeeps([leaf, x, inf], () => inf.mul_(2), "RuntimeError", `A view was created in inference mode and is being modified inplace in normal mode.${AMBIGUOUS("inference_mode")}`);
  // both inside no_grad is allowed
  torch.noGrad(() => x.index([0, 2]).mul_(2));
  assert.equal(x.toString(), "tensor([2., 4., 3., 4.], grad_fn=<MulBackward0>)");
});

test("a multi-output view whose storage was written elsewhere raises on any use of its grad_fn", () => {
  const INDIRECT = `Output 0 of SplitBackward0 is a view and its base or another view of its base has been modified inplace.${MULTI}`;
  const leaf = torch.tensor([1, 2, 3, 4], { requiresGrad: true });
  const x = leaf.mul(1);
  const [a] = x.split(2);
  x.mul_(2); // the base: allowed, and a's grad_fn is now stale
  throwsAndKeeps([leaf, x], () => a.gradFn, "RuntimeError", INDIRECT);
  throwsAndKeeps([leaf, x], () => a.isLeaf, "RuntimeError", INDIRECT);
  throwsAndKeeps([leaf, x], () => a.add(1), "RuntimeError", INDIRECT);
  throwsAndKeeps([leaf, x], () => a.sum().backward(), "RuntimeError", INDIRECT);
  throwsAndKeeps([leaf, x], () => a.toString(), "RuntimeError", INDIRECT);
  // as the other operand of an in-place op: raised before the write
  const y = torch.zeros(2);
  throwsAndKeeps([leaf, x, y], () => y.add_(a), "RuntimeError", INDIRECT);
  // modified in place under no_grad (allowed there), then used with grad mode on
  const [c] = x.split(2);
  torch.noGrad(() => c.mul_(2));
  throwsAndKeeps([leaf, x], () => c.gradFn, "RuntimeError", INDIRECT);
  // through a detached alias (same version counter)
  const [d] = x.split(2);
  d.detach().mul_(2);
  throwsAndKeeps([leaf, x], () => d.gradFn, "RuntimeError", INDIRECT);
  // a view made in no_grad and modified in no_grad, used with grad mode on
  const n = torch.noGrad(() => x.index([0, 2]));
  torch.noGrad(() => n.mul_(2));
  throwsAndKeeps([leaf, x], () => n.gradFn, "RuntimeError", `A view was created in no_grad mode and its base or another view of its base has been modified inplace with grad mode enabled.${AMBIGUOUS("no_grad")}`);
  // an untouched split output still works
  const [e] = x.split(2);
  assert.equal(e.gradFn!.name(), "SplitBackward0");
});

test("pow_ errors: PyTorch 2.x's messages, nothing written", () => {
  // torch.tensor([1, 2, 3]).pow_(-1); .pow_(2.5) (1.13: "Found dtype Long but expected Float"; 2.x's
  // pow.Tensor_Scalar iterator enforces safe casting to the output, as below); torch.tensor([True]).pow_(2);
  // torch.ones(2).pow_(torch.ones(3, 2)); torch.tensor([1.5], requires_grad=True).pow_(2)
  const i = torch.tensor([1n, 2n, 3n]);
  throwsAndKeeps([i], () => i.pow_(-1), "RuntimeError", "Integers to negative integer powers are not allowed.");
  throwsAndKeeps([i], () => i.pow_(2.5), "RuntimeError", "result type Float can't be cast to the desired output type Long");
  throwsAndKeeps([i], () => i.pow_(torch.tensor([2, 3, 4])), "RuntimeError", "result type Float can't be cast to the desired output type Long");
  const bo = torch.tensor([true, false]);
  throwsAndKeeps([bo], () => bo.pow_(2), "RuntimeError", "result type Long can't be cast to the desired output type Bool");
  const o = torch.ones(2);
  throwsAndKeeps([o], () => o.pow_(torch.ones(3, 2)), "RuntimeError", "output with shape [2] doesn't match the broadcast shape [3, 2]");
  const leaf = torch.tensor([1.5], { requiresGrad: true });
  throwsAndKeeps([leaf], () => leaf.pow_(2), "RuntimeError", "a leaf Variable that requires grad is being used in an in-place operation.");
  const ex = torch.tensor([1.5]).expand([3]);
  throwsAndKeeps([ex], () => ex.pow_(2), "RuntimeError", /^unsupported operation: more than one element of the written-to tensor refers to a single memory location/);
  i.pow_(2);
  assert.equal(i.toString(), "tensor([1, 4, 9])");
});

test("pow_ records PowBackward0 / PowBackward1 with pow's gradients", () => {
  // l = torch.tensor([1.5, 2.0], requires_grad=True); x = l.clone(); x.pow_(3); x.sum().backward()
  //   -> x.grad_fn PowBackward0, l.grad tensor([ 6.7500, 12.0000])
  // e = torch.tensor([2., 3.], requires_grad=True); x = l.clone(); x.pow_(e); x.sum().backward()
  //   -> PowBackward1, e.grad tensor([0.9123, 5.5452]); x[0].pow_(2) on a clone: l.grad tensor([3., 1.])
  const l = torch.tensor([1.5, 2.0], { requiresGrad: true });
  const x = l.clone();
  x.pow_(3);
  assert.equal(x.gradFn!.name(), "PowBackward0");
  x.sum().backward();
  assert.equal(l.grad!.toString(), "tensor([ 6.7500, 12.0000])");
  const e = torch.tensor([2, 3], { requiresGrad: true });
  const y = l.clone();
  y.pow_(e);
  assert.equal(y.gradFn!.name(), "PowBackward1");
  y.sum().backward();
  assert.equal(e.grad!.toString(), "tensor([0.9123, 5.5452])");
  const m = torch.tensor([1.5, 2.0], { requiresGrad: true });
  const z = m.clone();
  z.index(0).pow_(2);
  z.sum().backward();
  assert.equal(m.grad!.toString(), "tensor([3., 1.])");
});
