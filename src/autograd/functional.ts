// torch.autograd.backward and torch.autograd.grad: argument checks (before anything runs, so bad
// input changes nothing), implicit gradients, then the engine.
import { RuntimeError, ValueError, warn } from "../errors.js";

let warnedCreateGraph = false;
import { onesLike, zerosLike } from "../ops/creation.js";
import { torchSize } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { gradientEdge, reachableNodes, runBackward } from "./engine.js";

export interface AutogradBackwardOptions {
  gradTensors?: (Tensor | null)[] | Tensor | null;
  retainGraph?: boolean | null;
  createGraph?: boolean;
  inputs?: Tensor | Tensor[] | null;
}

export interface AutogradGradOptions {
  gradOutputs?: (Tensor | null)[] | Tensor | null;
  retainGraph?: boolean | null;
  createGraph?: boolean;
  allowUnused?: boolean | null;
  materializeGrads?: boolean;
}

function asList<T>(v: T | T[] | null | undefined): T[] {
  if (v === null || v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

/** _make_grads: checks given gradients' shapes; makes ones for scalar outputs that have none. */
function makeGrads(outputs: Tensor[], grads: (Tensor | null)[]): (Tensor | null)[] {
  // The common case, a scalar loss with no gradient given: ones.
  if (outputs.length === 1 && grads.length === 0) {
    const out = outputs[0];
    if (out.requiresGrad && out._shape.length === 0 && out.dtype.isFloatingPoint)
      return [new Tensor(out.dtype.alloc(1).fill(1), out._shape, out._strides, 0, out.dtype)];
  }
  return outputs.map((out, i) => {
    const g = grads[i] ?? null;
    if (g !== null) {
      if (!sameShape(g._shape, out._shape))
        throw new RuntimeError(
          `Mismatch in shape: grad_output[${i}] has a shape of ${torchSize(g._shape)} and output[${i}] has a shape of ${torchSize(out._shape)}.`,
        );
      if (out.dtype.isFloatingPoint !== g.dtype.isFloatingPoint)
        throw new RuntimeError(
          `For complex Tensors, both grad_output and output are required to have the same dtype. Mismatch in dtype: grad_output[${i}] has a dtype of ${g.dtype} and output[${i}] has a dtype of ${out.dtype}.`,
        );
      return g;
    }
    if (out.requiresGrad) {
      if (out.numel() !== 1) throw new RuntimeError("grad can be implicitly created only for scalar outputs");
      if (!out.dtype.isFloatingPoint)
        throw new RuntimeError(`grad can be implicitly created only for real scalar outputs but got ${out.dtype}`);
      return out._shape.length === 0 ? new Tensor(out.dtype.alloc(1).fill(1), out._shape, out._strides, 0, out.dtype) : onesLike(out);
    }
    return null;
  });
}

function unusedError(): RuntimeError {
  return new RuntimeError(
    "One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.",
  );
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function checkRoots(outputs: Tensor[]): void {
  outputs.forEach((t, i) => {
    if (!t.requiresGrad) throw new RuntimeError(`element ${i} of tensors does not require grad and does not have a grad_fn`);
  });
}

/** torch.autograd.backward: accumulates gradients of `tensors` into the leaves' (or `inputs`') .grad. */
export function backward(tensors: Tensor | Tensor[], opts: AutogradBackwardOptions = {}): void {
  const outputs = asList(tensors);
  if (opts.inputs !== undefined && opts.inputs !== null && asList(opts.inputs).length === 0)
    throw new RuntimeError("'inputs' argument to backward() cannot be empty.");
  const inputs = asList(opts.inputs);
  const grads = makeGrads(outputs, asList(opts.gradTensors as Tensor | Tensor[] | null));
  checkRoots(outputs);
  const createGraph = opts.createGraph ?? false;
  const keepGraph = opts.retainGraph ?? createGraph;
  if (createGraph && !warnedCreateGraph) {
    warnedCreateGraph = true;
    warn(
      "Using backward() with create_graph=True will create a reference cycle between the parameter and its gradient which can cause a memory leak. We recommend using autograd.grad when creating the graph to avoid this. If you have to use this function, make sure to reset the .grad fields of your parameters to None after use to break the cycle and avoid the leak.",
    );
  }
  let onlyNodes;
  if (inputs.length > 0) {
    onlyNodes = inputs.map((t) => {
      if (!t.requiresGrad) throw new RuntimeError("One of the differentiated Tensors does not require grad");
      if (!t.isLeaf) t.retainGrad();
      return gradientEdge(t)[0];
    });
  }
  runBackward(outputs, grads as Tensor[], { keepGraph, createGraph, onlyNodes });
}

/** torch.autograd.grad: returns the gradients of `outputs` w.r.t. `inputs` without touching .grad. */
export function grad(outputsArg: Tensor | Tensor[], inputsArg: Tensor | Tensor[], opts: AutogradGradOptions = {}): (Tensor | null)[] {
  const outputs = asList(outputsArg);
  const inputs = asList(inputsArg);
  let allowUnused = opts.allowUnused ?? null;
  const materialize = opts.materializeGrads ?? false;
  if (materialize && allowUnused === false)
    throw new ValueError(
      "Expected allow_unused to be True or not passed when materialize_grads=True, but got: allow_unused=False.",
    );
  if (allowUnused === null) allowUnused = materialize;
  const grads = makeGrads(outputs, asList(opts.gradOutputs as Tensor | Tensor[] | null));
  checkRoots(outputs);
  for (const t of inputs) if (!t.requiresGrad) throw new RuntimeError("One of the differentiated Tensors does not require grad");
  const createGraph = opts.createGraph ?? false;
  const keepGraph = opts.retainGraph ?? createGraph;
  if (!allowUnused) {
    // PyTorch finds unused inputs after running (and freeing) the graph; checking first leaves it intact.
    const reachable = reachableNodes(outputs);
    if (inputs.some((t) => !reachable.has(gradientEdge(t)[0]))) throw unusedError();
  }
  const result = runBackward(outputs, grads as Tensor[], { keepGraph, createGraph, captureEdges: inputs.map(gradientEdge) });
  return result.map((g, i) => {
    if (g === null) {
      if (!allowUnused) throw unusedError();
      return materialize ? zerosLike(inputs[i]) : null;
    }
    return g;
  });
}

