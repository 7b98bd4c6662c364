// torch.optim.Optimizer: parameter groups with defaults, zeroGrad, per-parameter state.
import { noGrad } from "../autograd/grad_mode.js";
import { Tensor } from "../tensor/tensor.js";

export type ParamGroup<O> = { params: Tensor[] } & O;

export abstract class Optimizer<O extends object> {
  readonly paramGroups: ParamGroup<O>[] = [];
  readonly state = new Map<Tensor, Record<string, any>>();

  constructor(params: Tensor[] | Iterable<Tensor> | Partial<ParamGroup<O>>[], readonly defaults: O) {
    const list = Array.from(params as Iterable<Tensor | Partial<ParamGroup<O>>>);
    if (list.length === 0) throw new (class extends Error { override name = "ValueError"; })("optimizer got an empty parameter list");
    const groups = (list[0] instanceof Tensor ? [{ params: list as Tensor[] }] : list) as Partial<ParamGroup<O>>[];
    for (const g of groups) this.addParamGroup(g);
  }

  addParamGroup(group: Partial<ParamGroup<O>>): void {
    const params = group.params instanceof Tensor ? [group.params] : Array.from(group.params ?? []);
    for (const p of params) {
      if (!p.isLeaf) throw new (class extends Error { override name = "ValueError"; })("can't optimize a non-leaf Tensor");
    }
    this.paramGroups.push({ ...this.defaults, ...group, params } as ParamGroup<O>);
  }

  /** Clears gradients: to null by default (PyTorch 2.x), else zeroes them in place. */
  zeroGrad(opts: { setToNone?: boolean } | boolean = {}): void {
    const setToNone = typeof opts === "boolean" ? opts : opts.setToNone ?? true;
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        if (p._grad === null) continue;
        if (setToNone) p._grad = null;
        else {
          if (p._grad._gradFn) p._grad.detach_();
          else p._grad.requiresGrad_(false);
          p._grad.zero_();
        }
      }
    }
  }

  /** Runs the update without recording a graph; returns the closure's loss when one is given. */
  step(closure?: () => Tensor): Tensor | null {
    let loss: Tensor | null = null;
    if (closure) loss = closure();
    noGrad(() => {
      for (const group of this.paramGroups) this.updateGroup(group);
    });
    return loss;
  }

  protected abstract updateGroup(group: ParamGroup<O>): void;
}
