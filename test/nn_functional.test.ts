// torch.nn.functional behaviour the op table (test/opinfo/nn.ts) does not see: PyTorch's warnings,
// in-place updates of running statistics and embedding rows, and options/positional spellings agreeing.
// Expected values are torch 1.13's (Debian), printed by the snippets quoted next to them.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../src/index.js";

// The expected values are torch 1.13's bits: on the TypeScript kernels ("cpu"; the default is "wasm").
torch.setBackend("cpu");

const F = torch.nn.functional;

function warnings(fn: () => void): string[] {
  const seen: string[] = [];
  const orig = process.emitWarning;
  process.emitWarning = ((msg: string, type?: string) => void seen.push(`${type}: ${msg}`)) as typeof process.emitWarning;
  try {
    fn();
  } finally {
    process.emitWarning = orig;
  }
  return seen;
}

test("softmax, log_softmax and softmin warn about an implicit dim, and pick PyTorch's", () => {
  const x = torch.tensor([[1, 2, 3], [4, 5, 7]]);
  let y: torch.Tensor | null = null;
  const seen = warnings(() => {
    y = F.softmax(x);
    F.logSoftmax(x);
    F.softmin(x);
  });
  assert.deepEqual(seen, ["softmax", "log_softmax", "softmin"].map((n) => `UserWarning: Implicit dimension choice for ${n} has been deprecated. Change the call to include dim=X as an argument.`));
  // 2-d input: dim 1
  assert.ok((y!.sum(1).sub(1).abs().max().item() as number) < 1e-6);
  assert.deepEqual(warnings(() => F.softmax(x, 1)), []);
});

test("kl_div's 'mean' warning and the loss size-mismatch warning", () => {
  const x = torch.tensor([[1, 2, 3], [4, 5, 7]]);
  assert.deepEqual(warnings(() => F.klDiv(x, x)), [
    "UserWarning: reduction: 'mean' divides the total loss by both the batch size and the support size.'batchmean' divides only by the batch size, and aligns with the KL div math definition.'mean' will be changed to behave the same as 'batchmean' in the next major release.",
  ]);
  assert.deepEqual(warnings(() => F.klDiv(x, x, { reduction: "batchmean" })), []);
  assert.deepEqual(warnings(() => F.mseLoss(x, x.select(0, 0))), [
    "UserWarning: Using a target size (torch.Size([3])) that is different to the input size (torch.Size([2, 3])). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.",
  ]);
});

test("batch_norm updates the running statistics in place (momentum, unbiased variance)", () => {
  // rm = torch.zeros(3); rv = torch.ones(3); F.batch_norm(x, rm, rv, training=True, momentum=0.5)
  // -> rm [1.25, 1.75, 2.5], rv [2.75, 2.75, 4.5], rm._version 0
  const rm = torch.zeros(3);
  const rv = torch.ones(3);
  const x = torch.tensor([[1, 2, 3], [4, 5, 7]]);
  F.batchNorm(x, rm, rv, { training: true, momentum: 0.5 });
  assert.deepEqual(rm.tolist(), [1.25, 1.75, 2.5]);
  assert.deepEqual(rv.tolist(), [2.75, 2.75, 4.5]);
  assert.equal(rm.version, 0);
  // eval mode reads them and leaves them alone
  const y = F.batchNorm(x, rm, rv, null, null, false);
  assert.deepEqual(rm.tolist(), [1.25, 1.75, 2.5]);
  assert.ok(Math.abs((y.tolist() as number[][])[0][0] - (1 - 1.25) / Math.sqrt(2.75 + 1e-5)) < 1e-6);
});

test("embedding with maxNorm renormalises the looked-up rows of the weight in place", () => {
  // w = [[1,2,2],[.1,.1,.1],[3,0,4],[-2,2,1]]; F.embedding(torch.tensor([0,2,0]), w, max_norm=1.0)
  const w = torch.tensor([[1, 2, 2], [0.1, 0.1, 0.1], [3, 0, 4], [-2, 2, 1]]);
  const out = F.embedding(torch.tensor([0n, 2n, 0n]), w, { maxNorm: 1 });
  assert.deepEqual(w.tolist(), [
    [0.3333333134651184, 0.6666666269302368, 0.6666666269302368],
    [0.10000000149011612, 0.10000000149011612, 0.10000000149011612],
    [0.6000000238418579, 0, 0.800000011920929],
    [-2, 2, 1],
  ]);
  assert.equal(w.version, 1);
  assert.deepEqual((out.tolist() as number[][])[1], [0.6000000238418579, 0, 0.800000011920929]);
});

test("conv2d's padding='same' with an even kernel warns once and keeps the input size", () => {
  const x = torch.randn(1, 1, 5, 4);
  const w = torch.randn(1, 1, 2, 2);
  const seen = warnings(() => {
    const y = F.conv2d(x, w, null, { padding: "same" });
    assert.deepEqual(y.shape, [1, 1, 5, 4]);
    F.conv2d(x, w, null, { padding: "same" });
  });
  assert.ok(seen.length <= 1);
});

test("positional and options spellings agree", () => {
  torch.manualSeed(3);
  const x = torch.randn(2, 3, 6, 6);
  const w = torch.randn(4, 3, 3, 3);
  const b = torch.randn(4);
  assert.ok(F.conv2d(x, w, b, 2, 1).equal(F.conv2d(x, w, b, { stride: 2, padding: 1 })));
  assert.ok(F.maxPool2d(x, 3, 2, 1).equal(F.maxPool2d(x, 3, { stride: 2, padding: 1 })));
  const [v, i] = F.maxPool2d(x, 3, { stride: 2, returnIndices: true });
  assert.ok(v.equal(F.maxPool2d(x, 3, 2)));
  assert.equal(i.dtype, torch.int64);
  assert.ok(F.avgPool2d(x, 2, null, 0, true, false).equal(F.avgPool2d(x, 2, { ceilMode: true, countIncludePad: false })));
  assert.ok(F.avgPool2d(x, { kernelSize: 2, ceilMode: true }).equal(F.avgPool2d(x, 2, { ceilMode: true })));
  assert.ok(F.maxPool2d(x, { kernelSize: 3, stride: 2 }).equal(F.maxPool2d(x, 3, 2)));
  assert.ok(F.adaptiveAvgPool2d(x, { outputSize: [2, 3] }).equal(F.adaptiveAvgPool2d(x, [2, 3])));
  assert.ok(F.leakyRelu(x, 0.2).equal(F.leakyRelu(x, { negativeSlope: 0.2 })));
  assert.ok(F.hardtanh(x, -0.5, 0.5).equal(F.hardtanh(x, { minVal: -0.5, maxVal: 0.5 })));
  assert.ok(F.softplus(x, 2, 3).equal(F.softplus(x, { beta: 2, threshold: 3 })));
  const logits = torch.randn(5, 4);
  const t = torch.tensor([0n, 3n, 1n, 1n, 2n]);
  const cw = torch.tensor([1, 2, 0.5, 1]);
  assert.ok(F.crossEntropy(logits, t, cw).equal(F.crossEntropy(logits, t, { weight: cw })));
  assert.ok(F.nllLoss(logits, t, cw, { reduction: "sum" }).equal(F.nllLoss(logits, t, { weight: cw, reduction: "sum" })));
  assert.ok(F.layerNorm(x, [6, 6], null, null, 1e-3).equal(F.layerNorm(x, [6, 6], { eps: 1e-3 })));
});
