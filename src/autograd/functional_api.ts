// torch.autograd.functional: jacobian, hessian, vjp, jvp, hvp, vhp — built on autograd.grad as in
// torch/autograd/functional.py (jvp and hvp use the double-backward trick, so they need nothing new).
import { RuntimeError } from "../errors.js";
import { embed } from "../ops/view.js";
import { getDefaultDtype } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { grad } from "./functional.js";
import { enableGrad } from "./grad_mode.js";

type Fn = (...inputs: Tensor[]) => Tensor | Tensor[];
interface Options {
  createGraph?: boolean;
  strict?: boolean;
}

function asList(t: Tensor | Tensor[]): [Tensor[], boolean] {
  return Array.isArray(t) ? [t, true] : [[t], false];
}

/** _grad_preprocess: fresh views of the inputs that require grad (so grads don't flow into the caller's graph unless createGraph). */
function prepare(inputs: Tensor[], createGraph: boolean): Tensor[] {
  return inputs.map((x) => (createGraph && x.requiresGrad ? x.viewAs(x) : x.detach().requiresGrad_(true)));
}

function zerosLike(t: Tensor): Tensor {
  return t.mul(0).detach();
}

function gradsOf(outputs: Tensor[], inputs: Tensor[], gradOutputs: (Tensor | null)[], createGraph: boolean, strict: boolean): Tensor[] {
  const used = outputs.filter((o, i) => o.requiresGrad && gradOutputs[i] !== null);
  const gos = gradOutputs.filter((g, i) => outputs[i].requiresGrad && g !== null) as Tensor[];
  const gs = used.length === 0 ? inputs.map(() => null) : grad(used, inputs, { gradOutputs: gos, createGraph: true, allowUnused: true });
  return gs.map((g, i) => {
    if (g === null) {
      if (strict) throw new RuntimeError(`The output of the user-provided function is independent of input ${i}. This is not allowed in strict mode.`);
      return zerosLike(inputs[i]);
    }
    return createGraph ? g : g.detach();
  });
}

/** vjp(func, inputs, v): (func(inputs), v^T · J) */
export function vjp(func: Fn, inputs: Tensor | Tensor[], v?: Tensor | Tensor[] | null, opts: Options = {}): [Tensor | Tensor[], Tensor | Tensor[]] {
  const createGraph = opts.createGraph ?? false;
  return enableGrad(() => {
    const [ins, isTuple] = asList(inputs);
    const xs = prepare(ins, createGraph);
    const [outs, outTuple] = asList(func(...xs));
    const vs = v == null ? outs.map((o) => {
      if (o.numel() !== 1) throw new RuntimeError("The vector v can only be None if the user-provided function returns a single Tensor with a single element.");
      return o.mul(0).add(1).detach();
    }) : asList(v)[0];
    const g = gradsOf(outs, xs, vs, createGraph, opts.strict ?? false);
    const res = createGraph ? outs : outs.map((o) => o.detach());
    return [outTuple ? res : res[0], isTuple ? g : g[0]];
  });
}

/** jvp(func, inputs, v): (func(inputs), J · v), by differentiating a vjp with respect to its vector. */
export function jvp(func: Fn, inputs: Tensor | Tensor[], v?: Tensor | Tensor[] | null, opts: Options = {}): [Tensor | Tensor[], Tensor | Tensor[]] {
  const createGraph = opts.createGraph ?? false;
  return enableGrad(() => {
    const [ins, isTuple] = asList(inputs);
    const xs = prepare(ins, createGraph);
    const [outs, outTuple] = asList(func(...xs));
    const vs = v == null ? xs.map((x) => {
      if (x.numel() !== 1) throw new RuntimeError("The vector v can only be None if the input to the user-provided function is a single Tensor with a single element.");
      return x.mul(0).add(1).detach();
    }) : asList(v)[0];
    const dummies = outs.map((o) => o.mul(0).detach().requiresGrad_(true));
    const gradInputs = grad(outs, xs, { gradOutputs: dummies, createGraph: true, allowUnused: true }).map((g, i) => g ?? zerosLike(xs[i]));
    const used = gradInputs.map((g, i) => [g, vs[i]] as const).filter(([g]) => g.requiresGrad);
    const jv = used.length === 0 ? dummies.map(() => null) : grad(used.map(([g]) => g), dummies, { gradOutputs: used.map(([, vv]) => vv), createGraph, allowUnused: true });
    const out = jv.map((g, i) => (g === null ? zerosLike(outs[i]) : createGraph ? g : g.detach()));
    const res = createGraph ? outs : outs.map((o) => o.detach());
    return [outTuple ? res : res[0], outTuple ? out : out[0]];
  });
}

/** jacobian(func, inputs): d outputs / d inputs, shaped output.shape + input.shape (nested for tuples). */
export function jacobian(func: Fn, inputs: Tensor | Tensor[], opts: Options & { vectorize?: boolean } = {}): any {
  const createGraph = opts.createGraph ?? false;
  return enableGrad(() => {
    const [ins, isTuple] = asList(inputs);
    const xs = prepare(ins, createGraph);
    const [outs, outTuple] = asList(func(...xs));
    const jac = outs.map((out) => {
      const flat = out.reshape(-1);
      const rows: Tensor[][] = xs.map(() => []);
      for (let j = 0; j < flat.numel(); j++) {
        const gs = out.requiresGrad
          ? grad([flat.select(0, j)], xs, { retainGraph: true, createGraph, allowUnused: true })
          : xs.map(() => null);
        gs.forEach((g, i) => {
          if (g === null && opts.strict) throw new RuntimeError(`Output ${outs.indexOf(out)} of the user-provided function is independent of input ${i}. This is not allowed in strict mode.`);
          rows[i].push(g === null ? zerosLike(xs[i]) : createGraph ? g : g.detach());
        });
      }
      return xs.map((x, i) => stackRows(rows[i], [...out.shape, ...x.shape]));
    });
    if (!outTuple && !isTuple) return jac[0][0];
    if (!outTuple) return jac[0];
    if (!isTuple) return jac.map((r) => r[0]);
    return jac;
  });
}

/** Stacks per-output gradient rows into one tensor of `shape` (differentiably when they carry a graph). */
function stackRows(rows: Tensor[], shape: number[]): Tensor {
  const n = rows.length;
  const width = n === 0 ? 0 : rows[0].numel();
  if (!rows.some((r) => r.requiresGrad)) {
    const dtype = n === 0 ? getDefaultDtype() : rows[0].dtype;
    const data = dtype.alloc(n * width);
    rows.forEach((r, j) => data.set(r.contiguous()._values(), j * width));
    return new Tensor(data, shape.slice(), undefined, 0, dtype);
  }
  // create_graph: each row written into its slot of zeros (select's differentiable backward), summed.
  let out: Tensor | null = null;
  rows.forEach((r, j) => {
    const placed = embed(r.reshape(-1), [n, width], 0, j, 1, true);
    out = out === null ? placed : out.add(placed);
  });
  return out!.reshape(shape);
}

/** hessian(func, inputs): the Jacobian of the gradient of a scalar function. */
export function hessian(func: (...inputs: Tensor[]) => Tensor, inputs: Tensor | Tensor[], opts: Options = {}): any {
  const [ins, isTuple] = asList(inputs);
  const gradFn = (...xs: Tensor[]): Tensor[] => {
    const out = func(...xs);
    if (out.numel() !== 1) throw new RuntimeError("The Tensor returned by the function given to hessian should contain a single element");
    return grad([out.reshape([])], xs, { createGraph: true, allowUnused: true }).map((g, i) => g ?? zerosLike(xs[i]));
  };
  const jac = jacobian((...xs) => gradFn(...xs), ins, opts);
  return isTuple ? jac : jac[0][0];
}

/** vhp(func, inputs, v): (func(inputs), v^T · H) */
export function vhp(func: (...inputs: Tensor[]) => Tensor, inputs: Tensor | Tensor[], v?: Tensor | Tensor[] | null, opts: Options = {}): [Tensor, Tensor | Tensor[]] {
  const createGraph = opts.createGraph ?? false;
  return enableGrad(() => {
    const [ins, isTuple] = asList(inputs);
    const xs = prepare(ins, createGraph);
    const out = func(...xs);
    if (out.numel() !== 1) throw new RuntimeError("The Tensor returned by the function given to hessian should contain a single element");
    const vs = v == null ? xs.map((x) => x.mul(0).add(1).detach()) : asList(v)[0];
    const g1 = grad([out], xs, { createGraph: true, allowUnused: true }).map((g, i) => g ?? zerosLike(xs[i]));
    const used = g1.map((g, i) => [g, vs[i]] as const).filter(([g]) => g.requiresGrad);
    const res = used.length === 0 ? xs.map(() => null) : grad(used.map(([g]) => g), xs, { gradOutputs: used.map(([, vv]) => vv), createGraph, allowUnused: true });
    const h = res.map((g, i) => (g === null ? zerosLike(xs[i]) : createGraph ? g : g.detach()));
    return [createGraph ? out : out.detach(), isTuple ? h : h[0]];
  });
}

/** hvp(func, inputs, v): (func(inputs), H · v) — H is symmetric for twice-differentiable functions. */
export function hvp(func: (...inputs: Tensor[]) => Tensor, inputs: Tensor | Tensor[], v?: Tensor | Tensor[] | null, opts: Options = {}): [Tensor, Tensor | Tensor[]] {
  return vhp(func, inputs, v, opts);
}
