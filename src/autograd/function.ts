// torch.autograd.Function: user-defined forward/backward pairs. `F.apply(...args)` runs F.forward
// without recording, then makes one node, named `<ClassName>Backward` as in PyTorch, whose backward
// calls F.backward(ctx, ...grads).
import { RuntimeError } from "../errors.js";
import { Tensor } from "../tensor/tensor.js";
import { gradMode, noGrad } from "./grad_mode.js";
import { Node, SavedVariable, type Grads } from "./node.js";

const FREED =
  "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). " +
  "Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). " +
  "Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.";

/** The `ctx` handed to forward and backward; extra properties (ctx.k = ...) carry data between them. */
export class FunctionCtx {
  [key: string]: unknown;
  _saved: SavedVariable[] | null = null;
  _released = false;
  _dirty: Tensor[] = [];
  _nonDifferentiable: Tensor[] = [];
  _materializeGrads = true;
  /** which forward arguments need a gradient (false for non-tensors) */
  needsInputGrad: boolean[] = [];

  saveForBackward(...tensors: (Tensor | null)[]): void {
    this._saved = tensors.map((t) => (t === null ? (null as unknown as SavedVariable) : new SavedVariable(t)));
  }
  get savedTensors(): (Tensor | null)[] {
    if (this._released) throw new RuntimeError(FREED);
    return (this._saved ?? []).map((s) => (s === null ? null : s.unpack()));
  }
  markDirty(...tensors: Tensor[]): void {
    this._dirty = tensors;
  }
  markNonDifferentiable(...tensors: Tensor[]): void {
    this._nonDifferentiable = tensors;
  }
  setMaterializeGrads(flag: boolean): void {
    this._materializeGrads = flag;
  }
}

/** The graph node of one Function application. */
class FunctionNode extends Node {
  constructor(
    private readonly fnName: string,
    private readonly cls: FunctionClass,
    readonly ctx: FunctionCtx,
    nextNodes: (Node | null)[],
    nextNrs: number[],
    /** position of each tensor input among forward's arguments */
    private readonly argIndex: number[],
    private readonly nArgs: number,
  ) {
    super(nextNodes, nextNrs);
  }
  name(): string {
    return this.fnName;
  }
  apply(grads: Grads): Grads {
    const ins = grads.map((g, i) => g ?? (this.ctx._materializeGrads ? zerosFor(this.inputShape(i), this, i) : null));
    const result = this.cls.backward(this.ctx, ...ins);
    const list = Array.isArray(result) ? result : [result];
    if (list.length !== this.nArgs)
      throw new RuntimeError(`function ${this.fnName} returned an incorrect number of gradients (expected ${this.nArgs}, got ${list.length})`);
    return this.argIndex.map((k) => (list[k] instanceof Tensor ? (list[k] as Tensor) : null));
  }
  override release(): void {
    this.ctx._released = this.ctx._saved !== null;
    this.ctx._saved = null;
  }
}

function zerosFor(shape: readonly number[], node: Node, i: number): Tensor {
  const dtype = node.inputDtype(i);
  return new Tensor(dtype.alloc(shape.reduce((a, b) => a * b, 1)), shape.slice(), undefined, 0, dtype);
}

type FunctionClass = {
  name: string;
  forward(ctx: FunctionCtx, ...args: any[]): unknown;
  backward(ctx: FunctionCtx, ...grads: (Tensor | null)[]): unknown;
};

export class Function {
  static forward(_ctx: FunctionCtx, ..._args: any[]): unknown {
    throw new RuntimeError("You must implement the forward function for custom autograd.Function.");
  }
  static backward(_ctx: FunctionCtx, ..._grads: (Tensor | null)[]): unknown {
    throw new RuntimeError("You must implement either the backward or vjp method for your custom autograd.Function to use it with backward mode AD.");
  }

  /** Runs forward and, when an input tensor requires grad, records one node for backward. */
  static apply(this: FunctionClass, ...args: any[]): any {
    const ctx = new FunctionCtx();
    const tensorArgs: number[] = [];
    args.forEach((a, i) => {
      if (a instanceof Tensor) tensorArgs.push(i);
    });
    ctx.needsInputGrad = args.map((a) => a instanceof Tensor && gradMode.enabled && a.requiresGrad);
    const recording = gradMode.enabled && tensorArgs.some((i) => (args[i] as Tensor).requiresGrad);
    // Edges are taken before forward runs: an in-place (dirty) input is rebased onto this node.
    const nextNodes = tensorArgs.map((i) => {
      const t = args[i] as Tensor;
      return recording && t.requiresGrad ? (t._gradFn ?? t._gradAccumulator()) : null;
    });
    const nextNrs = tensorArgs.map((i) => ((args[i] as Tensor)._gradFn ? (args[i] as Tensor)._outputNr : 0));
    const raw = noGrad(() => this.forward(ctx, ...args));
    if (!recording) return raw;
    const outs = (Array.isArray(raw) ? raw : [raw]) as unknown[];
    const node = new FunctionNode(`${this.name}Backward`, this, ctx, nextNodes, nextNrs, tensorArgs, args.length);
    node._inputShapes = [];
    node._inputDtypes = [];
    const results = outs.map((o, j) => {
      if (!(o instanceof Tensor)) return o;
      // A returned input that was not modified in place is returned as a new view of it, as in PyTorch.
      let t = o;
      if (args.includes(o) && !ctx._dirty.includes(o)) t = o.detach();
      if (ctx._dirty.includes(o)) o._version.value++; // mark_dirty bumps the version once more, as PyTorch does
      node._inputShapes.push(t._shape);
      node._inputDtypes.push(t.dtype);
      if (!ctx._nonDifferentiable.includes(o) && t.dtype.isFloatingPoint) {
        t._gradFn = node;
        t._outputNr = j;
      }
      return t;
    });
    return Array.isArray(raw) ? results : results[0];
  }
}
