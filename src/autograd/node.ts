// Graph nodes (PyTorch's torch::autograd::Node): one per recorded op, plus AccumulateGrad per leaf.
// A node's inputs are gradients w.r.t. its forward outputs; its outputs flow along `next` edges to the
// nodes of its forward inputs.
import { RuntimeError } from "../errors.js";
import type { DType } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";

export type Edge = [Node | null, number];
export type Grads = (Tensor | null)[];

/** What a hook registration returns. */
export interface RemovableHandle {
  remove(): void;
}

interface TensorPreHook {
  outputNr: number;
  fn: (grad: Tensor) => Tensor | void | undefined | null;
}

let sequenceCounter = 0;
// Shared empty defaults (replaced, never pushed to): most nodes get their own arrays once recorded.
const NO_SHAPES: (readonly number[])[] = [];
const NO_DTYPES: DType[] = [];
const NO_SAVED: (SavedVariable | null)[] = [];
/** AccumulateGrad runs as soon as it is ready, like PyTorch's UINT64_MAX sequence number. */
const ACCUMULATE_SEQUENCE = Number.MAX_SAFE_INTEGER;

function removable<T>(list: T[], item: T): RemovableHandle {
  return {
    remove() {
      const i = list.indexOf(item);
      if (i >= 0) list.splice(i, 1);
    },
  };
}

export abstract class Node {
  readonly sequenceNr: number;
  /** next edges, stored flat for speed; `nextFunctions` builds PyTorch's tuples on demand */
  _nextNodes: (Node | null)[];
  _nextNrs: number[];
  /**
   * shape and dtype of each forward output, to validate and materialize incoming gradients; a node
   * with one output keeps them in _shape0/_dtype0 (no arrays on the hot path)
   */
  _inputShapes: (readonly number[])[] = NO_SHAPES;
  _inputDtypes: DType[] = NO_DTYPES;
  _shape0: readonly number[] | null = null;
  _dtype0: DType | null = null;
  _tensorPreHooks: TensorPreHook[] | null = null;
  _retainGradHooks: Map<number, (grad: Tensor) => void> | null = null;
  _preHooks: ((gradOutputs: Grads) => Grads | void | undefined | null)[] | null = null;
  _postHooks: ((gradInputs: Grads, gradOutputs: Grads) => Grads | void | undefined | null)[] | null = null;
  /** engine bookkeeping for the backward run that currently owns this node */
  _task: object | null = null;
  _deps = 0;
  _buf: Grads | null = null;

  constructor(nextNodes: (Node | null)[], nextNrs: number[], sequenceNr = sequenceCounter++) {
    this._nextNodes = nextNodes;
    this._nextNrs = nextNrs;
    this.sequenceNr = sequenceNr;
  }

  abstract name(): string;
  /** Computes gradients for the next edges from gradients of this node's outputs. */
  abstract apply(grads: Grads): Grads;
  /** Frees saved tensors (after a backward without retainGraph). */
  release(): void {}

  get nextFunctions(): Edge[] {
    return this._nextNodes.map((n, i): Edge => [n, this._nextNrs[i]]);
  }

  get numInputs(): number {
    return this._shape0 !== null ? 1 : this._inputShapes.length;
  }
  inputShape(nr: number): readonly number[] {
    return this._shape0 !== null ? this._shape0 : this._inputShapes[nr];
  }
  inputDtype(nr: number): DType {
    return this._dtype0 !== null ? this._dtype0 : this._inputDtypes[nr];
  }
  /** Records the metadata of a single forward output. */
  _setOutput(shape: readonly number[], dtype: DType): void {
    this._shape0 = shape;
    this._dtype0 = dtype;
  }

  /** node.register_hook: fn(gradInputs, gradOutputs) runs after the node; may return replacement gradInputs. */
  registerHook(fn: (gradInputs: Grads, gradOutputs: Grads) => Grads | void | undefined | null): RemovableHandle {
    (this._postHooks ??= []).push(fn);
    return removable(this._postHooks, fn);
  }

  /** node.register_prehook: fn(gradOutputs) runs before the node; may return replacement gradOutputs. */
  registerPrehook(fn: (gradOutputs: Grads) => Grads | void | undefined | null): RemovableHandle {
    (this._preHooks ??= []).push(fn);
    return removable(this._preHooks, fn);
  }

  _addTensorPreHook(outputNr: number, fn: TensorPreHook["fn"]): RemovableHandle {
    const hook = { outputNr, fn };
    (this._tensorPreHooks ??= []).push(hook);
    return removable(this._tensorPreHooks, hook);
  }

  toString(): string {
    return `<${this.className()}>`;
  }
  /** The Python class name (name() of AccumulateGrad is namespaced in PyTorch). */
  className(): string {
    return this.name();
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

const FREED_MESSAGE =
  "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). " +
  "Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). " +
  "Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.";

/** A tensor saved for backward, with the version it had when saved (PyTorch's SavedVariable). */
export class SavedVariable {
  readonly version: number;
  /** the version error names the tensor's grad_fn ("which is output N of X") unless it was a leaf */
  readonly wasLeaf: boolean;
  constructor(public tensor: Tensor) {
    this.version = tensor._version.value;
    this.wasLeaf = tensor._gradFn === null;
  }
  unpack(): Tensor {
    const t = this.tensor;
    if (t._version.value !== this.version) {
      const which = !this.wasLeaf && t._gradFn ? `, which is output ${t._outputNr} of ${t._gradFn.name()},` : "";
      throw new RuntimeError(
        `one of the variables needed for gradient computation has been modified by an inplace operation: ` +
          `[torch.${t.dtype.legacyName} [${t._shape.join(", ")}]]${which} is at version ${t._version.value}; ` +
          `expected version ${this.version} instead. Hint: enable anomaly detection to find the operation that ` +
          `failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).`,
      );
    }
    return t;
  }
}

/** A recorded differentiable op. `backward` is written with tensor ops, so it is itself differentiable. */
export class OpNode extends Node {
  _saved: (SavedVariable | null)[];
  _released = false;
  constructor(
    private readonly _name: string,
    nextNodes: (Node | null)[],
    nextNrs: number[],
    private readonly _backward: (ctx: OpNode, grads: Tensor[]) => Grads,
    /** non-tensor arguments the derivative needs (dims, shapes, scalars) */
    readonly data: any = null,
  ) {
    super(nextNodes, nextNrs);
    this._saved = NO_SAVED;
  }
  /** Saves tensors for backward; called once the outputs are attached, so a saved output knows its producer. */
  save(tensors: (Tensor | null)[]): void {
    const saved = new Array<SavedVariable | null>(tensors.length);
    for (let i = 0; i < tensors.length; i++) {
      const t = tensors[i];
      saved[i] = t ? new SavedVariable(t) : null;
    }
    this._saved = saved;
  }
  name(): string {
    return this._name;
  }
  /** The i-th saved tensor, checked against in-place modification and release. */
  saved(i: number): Tensor {
    if (this._released) throw new RuntimeError(FREED_MESSAGE);
    return this._saved[i]!.unpack();
  }
  // Saved tensors by role, for derivatives written as f(grad, {self, other, result}).
  get self(): Tensor {
    return this.saved(0);
  }
  get other(): Tensor {
    return this.saved(1);
  }
  get result(): Tensor {
    return this.saved(2);
  }
  /** Whether the gradient for forward input i is wanted (PyTorch's needs_input_grad). */
  needs(i: number): boolean {
    return this._nextNodes[i] !== null;
  }
  apply(grads: Grads): Grads {
    if (grads.length === 1) {
      const g = grads[0];
      return g ? this._backward(this, grads as Tensor[]) : this._nextNodes.map(() => null);
    }
    let any = false;
    for (const g of grads) if (g) any = true;
    if (!any) return this._nextNodes.map(() => null);
    return this._backward(this, grads.map((g, i) => g ?? materializeZeros(this.inputShape(i), this.inputDtype(i))));
  }
  override release(): void {
    if (this._saved.length > 0) {
      this._released = true;
      this._saved = NO_SAVED;
    }
  }
}

let zerosFactory: (shape: readonly number[], dtype: DType) => Tensor;
/** The tensor layer registers how to make zeros (avoids an import cycle). */
export function setZerosFactory(f: typeof zerosFactory): void {
  zerosFactory = f;
}
function materializeZeros(shape: readonly number[], dtype: DType): Tensor {
  return zerosFactory(shape, dtype);
}

/** The sink of a leaf tensor's gradient: adds it into `variable.grad`. */
export class AccumulateGrad extends Node {
  _postAccumulateHooks: ((t: Tensor) => void)[] | null = null;
  constructor(readonly variable: Tensor) {
    super([], [], ACCUMULATE_SEQUENCE);
    this._setOutput(variable._shape, variable.dtype);
  }
  name(): string {
    return "torch::autograd::AccumulateGrad";
  }
  override className(): string {
    return "AccumulateGrad";
  }
  apply(grads: Grads): Grads {
    const g = grads[0];
    if (g) this.variable._accumulateGrad(g);
    if (this._postAccumulateHooks) for (const h of this._postAccumulateHooks.slice()) h(this.variable);
    return [];
  }
}

/** The node that hands the initial gradients to several roots. */
export class GraphRoot extends Node {
  constructor(nextNodes: (Node | null)[], nextNrs: number[], private readonly grads: Grads) {
    super(nextNodes, nextNrs);
  }
  name(): string {
    return "GraphRoot";
  }
  apply(): Grads {
    return this.grads;
  }
}
