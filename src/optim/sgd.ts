// torch.optim.SGD with momentum, dampening, weight decay, Nesterov and maximize (PyTorch 2.x semantics).
import * as BK from "../backend/index.js";
import { ValueError } from "../errors.js";
import { fma, fmaf } from "../random/fma.js";
import { float32 } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { Optimizer, type ParamGroup } from "./optimizer.js";

export interface SGDOptions {
  lr: number;
  momentum: number;
  dampening: number;
  weightDecay: number;
  nesterov: boolean;
  maximize: boolean;
}

/**
 * The plain update `p.add_(g, alpha=-lr)` done directly on same-layout contiguous storage: the same
 * fused multiply-add per element that add_ computes, without the generic op's dispatch.
 */
function updateInPlace(p: Tensor, g: Tensor, lr: number): boolean {
  if (p.dtype !== g.dtype || !p.dtype.isFloatingPoint || !p.isContiguous() || !g.isContiguous()) return false;
  const n = p.numel();
  if (g.numel() !== n || p._shape.length !== g._shape.length) return false;
  const pd = p._data;
  const gd = g._data;
  const po = p._offset;
  const go = g._offset;
  const a = p.dtype === float32 ? Math.fround(-lr) : -lr;
  // the active backend's kernel where it takes it (wasm: a multiply and an add, fused in the
  // relaxed-SIMD build), else PyTorch's fused multiply-add, bit for bit
  if (!BK.axpyInPlace(a, gd, go, pd, po, n)) {
    if (p.dtype === float32) for (let i = 0; i < n; i++) pd[po + i] = fmaf(gd[go + i], a, pd[po + i]);
    else for (let i = 0; i < n; i++) pd[po + i] = fma(gd[go + i], a, pd[po + i]);
  }
  p._version.value++;
  return true;
}

export class SGD extends Optimizer<SGDOptions> {
  constructor(params: Tensor[] | Iterable<Tensor> | Partial<ParamGroup<SGDOptions>>[], opts: Partial<SGDOptions> & { params?: never } = {}) {
    const d: SGDOptions = { lr: 1e-3, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false, ...opts };
    if (d.lr < 0) throw new ValueError(`Invalid learning rate: ${d.lr}`);
    if (d.momentum < 0) throw new ValueError(`Invalid momentum value: ${d.momentum}`);
    if (d.weightDecay < 0) throw new ValueError(`Invalid weight_decay value: ${d.weightDecay}`);
    if (d.nesterov && (d.momentum <= 0 || d.dampening !== 0))
      throw new ValueError("Nesterov momentum requires a momentum and zero dampening");
    super(params, d);
  }

  protected updateGroup(group: ParamGroup<SGDOptions>): void {
    const { lr, momentum, dampening, weightDecay, nesterov, maximize } = group;
    const plain = momentum === 0 && weightDecay === 0 && !maximize;
    for (const p of group.params) {
      let g = p._grad;
      if (g === null) continue;
      if (plain && updateInPlace(p, g, lr)) continue;
      if (maximize) g = g.neg();
      if (weightDecay !== 0) g = g.add(p, weightDecay);
      if (momentum !== 0) {
        const state = this.state.get(p) ?? {};
        let buf: Tensor | undefined = state.momentumBuffer;
        if (buf === undefined) {
          buf = g.clone().detach();
          state.momentumBuffer = buf;
          this.state.set(p, state);
        } else buf.mul_(momentum).add_(g, 1 - dampening);
        g = nesterov ? g.add(buf, momentum) : buf;
      }
      p.add_(g, -lr);
    }
  }
}
