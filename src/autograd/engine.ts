// The backward engine, after torch/csrc/autograd/engine.cpp: count dependencies, then run nodes from a
// ready queue ordered by sequence number (newest first; AccumulateGrad as soon as ready), calling hooks
// at PyTorch's points: tensor pre-hooks, retain-grad hooks, node pre-hooks, the node, node post-hooks.
import { RuntimeError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { gradMode } from "./grad_mode.js";
import { GraphRoot, type Grads, type Node } from "./node.js";
import { checkViewGradFn } from "./view_meta.js";

/** Where a tensor's gradient enters the graph: its grad_fn output, or its leaf accumulator. */
export function gradientEdge(t: Tensor): [Node, number] {
  if (t._creationMeta !== 0) checkViewGradFn(t);
  return t._gradFn ? [t._gradFn, t._outputNr] : [t._gradAccumulator(), 0];
}

/** Every node reachable from the roots' gradient edges. */
export function reachableNodes(roots: Tensor[]): Set<Node> {
  const seen = new Set<Node>();
  const stack = roots.filter((t) => t.requiresGrad).map((t) => gradientEdge(t)[0]);
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const next of n._nextNodes) if (next && !seen.has(next)) stack.push(next);
  }
  return seen;
}

/** Max-heap of nodes by sequence number. */
class ReadyQueue {
  private heap: Node[] = [];
  get size(): number {
    return this.heap.length;
  }
  clear(): void {
    if (this.heap.length !== 0) this.heap.length = 0;
  }
  push(n: Node): void {
    const h = this.heap;
    h.push(n);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p].sequenceNr >= h[i].sequenceNr) break;
      [h[p], h[i]] = [h[i], h[p]];
      i = p;
    }
  }
  pop(): Node {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l].sequenceNr > h[m].sequenceNr) m = l;
        if (r < h.length && h[r].sequenceNr > h[m].sequenceNr) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i], h[m]];
        i = m;
      }
    }
    return top;
  }
}

export interface RunOptions {
  keepGraph: boolean;
  createGraph: boolean;
  /** autograd.grad: capture the gradients of these edges instead of accumulating into leaves */
  captureEdges?: [Node, number][];
  /** backward(inputs=...): only these nodes (and what leads to them) execute */
  onlyNodes?: Node[];
}

// The outermost run reuses one queue and stack; a run nested inside a hook makes its own.
let runDepth = 0;
const sharedStack: Node[] = [];

/** Anomaly mode: a node whose gradient output holds a NaN stops the backward pass. */
function checkNan(fn: Node, outputs: Grads): void {
  outputs.forEach((g, i) => {
    if (g === null || !g.dtype.isFloatingPoint) return;
    const v = g._values();
    for (let k = 0; k < v.length; k++)
      if (v[k] !== v[k]) throw new RuntimeError(`Function '${fn.name()}' returned nan values in its ${i}th output.`);
  });
}

/** A node's input buffer: one slot per forward output. */
function emptyBuffer(n: number): Grads {
  return n === 1 ? [null] : new Array(n).fill(null);
}

/** One backward run; nodes it claims keep their dependency count and input buffer in their own fields. */
class GraphTask {
  active = true;
  /** nodes taken over from a suspended outer run (a backward inside a hook), restored at the end */
  stolen: [Node, object | null, number, Grads | null][] | null = null;
  claim(node: Node): void {
    const owner = node._task as GraphTask | null;
    if (owner !== null && owner !== this && owner.active) (this.stolen ??= []).push([node, owner, node._deps, node._buf]);
    node._task = this;
    node._deps = 0;
    node._buf = null;
  }
  finish(): void {
    this.active = false;
    if (this.stolen === null) return;
    for (let i = this.stolen.length - 1; i >= 0; i--) {
      const [node, owner, deps, buf] = this.stolen[i];
      node._task = owner;
      node._deps = deps;
      node._buf = buf;
    }
  }
}

const sharedQueue = new ReadyQueue();

/** torch.autograd.grad's and backward's shared core: runs the graph from `roots` seeded with `grads`. */
export function runBackward(roots: Tensor[], grads: Tensor[], opts: RunOptions): Grads {
  const task = new GraphTask();
  let graphRoot: Node;
  if (roots.length === 1) {
    const root = roots[0];
    graphRoot = root._gradFn ?? root._gradAccumulator();
    task.claim(graphRoot);
    const n = graphRoot.numInputs;
    const buf = emptyBuffer(n);
    buf[root._gradFn ? root._outputNr : 0] = grads[0];
    graphRoot._buf = buf;
  } else {
    const rootEdges = roots.map(gradientEdge);
    graphRoot = new GraphRoot(rootEdges.map((e) => e[0]), rootEdges.map((e) => e[1]), grads);
    task.claim(graphRoot);
  }

  // Dependencies: how many edges point at each node from nodes reachable from the root.
  const outermost = runDepth === 0;
  const stack: Node[] = outermost ? sharedStack : [];
  if (stack.length !== 0) stack.length = 0; // only after a run that threw
  stack.push(graphRoot);
  while (stack.length) {
    const fn = stack.pop()!;
    const nexts = fn._nextNodes;
    for (let i = 0; i < nexts.length; i++) {
      const next = nexts[i];
      if (!next) continue;
      if (next._task !== task) {
        task.claim(next);
        stack.push(next);
      }
      next._deps++;
    }
  }

  // exec_info: with captures or `inputs`, only nodes that lead to them run.
  let needed: Set<Node> | null = null;
  let captures: Map<Node, [number, number][]> | null = null;
  const captured: Grads = [];
  if (opts.captureEdges || opts.onlyNodes) {
    const targets = new Set<Node>();
    if (opts.captureEdges) {
      captures = new Map();
      opts.captureEdges.forEach(([node, nr], i) => {
        captured.push(null);
        if (!captures!.has(node)) captures!.set(node, []);
        captures!.get(node)!.push([nr, i]);
      });
    }
    needed = new Set(opts.onlyNodes ?? []);
    for (const n of needed) targets.add(n);
    if (captures) for (const n of captures.keys()) targets.add(n);
    markNeeded(graphRoot, targets, needed);
  }

  const prevGradMode = gradMode.enabled;
  gradMode.enabled = opts.createGraph;
  runDepth++;
  const ready = outermost ? sharedQueue : new ReadyQueue();
  try {
    ready.push(graphRoot);
    while (ready.size > 0) {
      const fn = ready.pop();
      let inputs = fn._buf ?? [];
      fn._buf = null;
      if (fn._tensorPreHooks !== null || fn._retainGradHooks !== null) inputs = callTensorPreHooks(fn, inputs);
      if (captures !== null) {
        const caps = captures.get(fn);
        if (caps) for (const [nr, i] of caps) captured[i] = inputs[nr];
      }
      if (needed !== null && !needed.has(fn)) continue;
      if (fn._preHooks) for (const h of fn._preHooks.slice()) inputs = h(inputs) ?? inputs;
      let outputs = fn.apply(inputs);
      if (fn._postHooks) for (const h of fn._postHooks.slice()) outputs = h(outputs, inputs) ?? outputs;
      if (gradMode.anomaly) checkNan(fn, outputs);
      if (!opts.keepGraph) fn.release();
      const nextNodes = fn._nextNodes;
      for (let i = 0; i < nextNodes.length; i++) {
        const next = nextNodes[i];
        if (!next) continue;
        const g = outputs[i];
        if (g) {
          const nr = fn._nextNrs[i];
          let buf = next._buf;
          if (buf === null) buf = next._buf = emptyBuffer(next.numInputs);
          const v = validateGrad(fn, i, g, next, nr);
          const prev = buf[nr];
          buf[nr] = prev ? prev.add(v) : v;
        }
        if (--next._deps === 0) {
          // A node that received no gradient at all still runs with null inputs, as PyTorch queues it.
          if (next._buf === null) next._buf = emptyBuffer(next.numInputs);
          ready.push(next);
        }
      }
    }
  } finally {
    runDepth--;
    gradMode.enabled = prevGradMode;
    task.finish();
    if (outermost) ready.clear();
  }
  return captured;
}

/**
 * init_to_execute: a node executes if it is in `needed` already (backward's inputs) or one of its
 * children leads to a target; a capture-only target does not execute unless it leads further.
 */
function markNeeded(root: Node, targets: Set<Node>, needed: Set<Node>): void {
  const reaches = new Map<Node, boolean>();
  const stack: [Node, number][] = [[root, 0]];
  reaches.set(root, false);
  while (stack.length) {
    const top = stack[stack.length - 1];
    const fn = top[0];
    if (top[1] < fn._nextNodes.length) {
      const next = fn._nextNodes[top[1]++];
      if (next && !reaches.has(next)) {
        reaches.set(next, false);
        stack.push([next, 0]);
      }
      continue;
    }
    stack.pop();
    let childReaches = false;
    for (const next of fn._nextNodes) if (next && reaches.get(next)) childReaches = true;
    if (childReaches) needed.add(fn);
    reaches.set(fn, childReaches || targets.has(fn));
  }
}

function callTensorPreHooks(fn: Node, inputs: Grads): Grads {
  if (fn._tensorPreHooks) {
    for (const h of fn._tensorPreHooks.slice()) {
      const g = inputs[h.outputNr];
      if (!g) continue;
      const r = h.fn(g);
      if (r) {
        inputs = inputs.slice();
        inputs[h.outputNr] = r;
      }
    }
  }
  if (fn._retainGradHooks) {
    for (const [nr, h] of fn._retainGradHooks) {
      const g = inputs[nr];
      if (g) h(g);
    }
  }
  return inputs;
}

/** validate_outputs: reduce a broadcast gradient to the input's shape and cast it to its dtype. */
function validateGrad(fn: Node, i: number, g: Tensor, next: Node, nr: number): Tensor {
  const shape = next.inputShape(nr);
  const dtype = next.inputDtype(nr);
  if (shape) {
    const gs = g._shape;
    let same = gs.length === shape.length;
    if (same) for (let d = 0; d < gs.length; d++) if (gs[d] !== shape[d]) same = false;
    if (!same) {
      if (!expandableTo(shape, gs))
        throw new RuntimeError(
          `Function ${fn.name()} returned an invalid gradient at index ${i} - got [${gs.join(", ")}] but expected shape compatible with [${shape.join(", ")}]`,
        );
      g = g.sumToSize(shape);
    }
  }
  if (dtype && g.dtype !== dtype) g = g.to(dtype);
  return g;
}

function expandableTo(shape: readonly number[], target: readonly number[]): boolean {
  if (shape.length > target.length) return false;
  for (let i = 1; i <= shape.length; i++) {
    const s = shape[shape.length - i];
    const t = target[target.length - i];
    if (s !== t && s !== 1) return false;
  }
  return true;
}
