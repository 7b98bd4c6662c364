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
