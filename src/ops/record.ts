// Recording ops into the graph: the one place where a forward result gets its grad_fn.
import { gradMode } from "../autograd/grad_mode.js";
import { OpNode, type Grads, type Node } from "../autograd/node.js";
import { checkViewGradFn } from "../autograd/view_meta.js";
import { Tensor } from "../tensor/tensor.js";

/** Shared all-zero input numbers (most edges point at output 0); copied before any write. */
const ZERO_NRS: number[][] = [[], [0], [0, 0], [0, 0, 0], [0, 0, 0, 0]];

export type BackwardFn = (ctx: OpNode, grads: Tensor[]) => Grads;

/** Whether an op on these inputs must be recorded (grad mode on and some input requires grad). */
export function shouldRecord(a: Tensor, b?: Tensor | null, c?: Tensor | null): boolean {
  if (!gradMode.enabled) return false;
  return a.requiresGrad || (b != null && b.requiresGrad) || (c != null && c.requiresGrad);
}

export function shouldRecordAll(inputs: readonly Tensor[]): boolean {
  if (!gradMode.enabled) return false;
  for (const t of inputs) if (t.requiresGrad) return true;
  return false;
}

/**
 * Makes `outputs` the results of a new node named `name` whose derivative is `backward`.
 * `saved` lists the tensors the derivative reads (null where the wanted gradients don't need them).
 */
export function record(
  name: string,
  inputs: readonly Tensor[],
  outputs: Tensor | readonly Tensor[],
  saved: (Tensor | null)[],
  backward: BackwardFn,
  data: any = null,
): OpNode {
  const n = inputs.length;
  const nodes = new Array<Node | null>(n);
  let nrs = ZERO_NRS[n] ?? new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    const t = inputs[i];
    if (t._creationMeta !== 0) checkViewGradFn(t); // collect_next_edges reads grad_fn()
    if (t.requiresGrad) {
      if (t._gradFn) {
        nodes[i] = t._gradFn;
        if (t._outputNr !== 0) {
          if (nrs === ZERO_NRS[n]) nrs = nrs.slice();
          nrs[i] = t._outputNr;
        }
      } else nodes[i] = t._gradAccumulator();
    } else nodes[i] = null;
  }
  const node = new OpNode(name, nodes, nrs, backward, data);
  if (outputs instanceof Tensor) {
    outputs._gradFn = node;
    outputs._outputNr = 0;
    node._setOutput(outputs._shape, outputs.dtype);
  } else {
    const outs = outputs as readonly Tensor[];
    node._inputShapes = [];
    node._inputDtypes = [];
    for (let j = 0; j < outs.length; j++) {
      const o = outs[j];
      o._gradFn = node;
      o._outputNr = j;
      node._inputShapes.push(o._shape);
      node._inputDtypes.push(o.dtype);
    }
  }
  if (saved.length > 0) node.save(saved);
  return node;
}
