// Seed 000 — "2-2 自动微分机制" (eat_pytorch_in_20_days): backward on scalars and non-scalars,
// torch.autograd.grad, minimising with SGD, gradient accumulation, leaf tensors, detach_.
// Each notebook cell In [n] is ported line by line with API.md's rules.
import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";
import { heading, print, pyType } from "./py.js";

export const title = "2-2 自动微分机制 (seed 000)";

export function run(): void {
  heading("In [1]");
  // import numpy as np / import torch: nothing to print.

  heading("In [2]");
  {
    // 求 f(x) = a*x**2 + b*x + c的导数
    const x = torch.tensor(0.0, { requiresGrad: true });
    const a = torch.tensor(1.0);
    const b = torch.tensor(-2.0);
    const c = torch.tensor(1.0);
    const y = a.mul(x.pow(2)).add(b.mul(x)).add(c);

    y.backward();
    const dyDx = x.grad;
    print(dyDx);
    print(a.grad);
  }

  heading("In [3]");
  {
    // x需要被求导
    const x = torch.tensor([[0.0, 0.0], [1.0, 2.0]], { requiresGrad: true });
    const a = torch.tensor(1.0);
    const b = torch.tensor(-2.0);
    const c = torch.tensor(1.0);
    const y = a.mul(x.pow(2)).add(b.mul(x)).add(c);

    // 非标量反向传播的时候, 需要传入gradient
    const gradient = torch.tensor([[2, 2], [1.0, 1.0]]);

    y.backward(gradient);
    print(x.grad);
  }

  heading("In [4]");
  {
    const x = torch.tensor([[0.0, 0.0], [1.0, 2.0]], { requiresGrad: true });
    const a = torch.tensor(1.0);
    const b = torch.tensor(-2.0);
    const c = torch.tensor(1.0);
    const y = a.mul(x.pow(2)).add(b.mul(x)).add(c);

    const gradient = torch.tensor([[2, 2], [1.0, 1.0]]);
    const z = torch.sum(y.mul(gradient));
    z.backward(); // 证明上一个传入gradient后, 将y变成标量使用了求和操作
    print(x.grad);
  }

  heading("In [5]");
  {
    const x = torch.tensor(0.0, { requiresGrad: true });
    const a = torch.tensor(1.0);
    const b = torch.tensor(-2.0);
    const c = torch.tensor(1.0);
    const y = a.mul(x.pow(2)).add(b.mul(x)).add(c);

    // create_graph设置为True, 将允许创建更高阶的导数
    const dyDx = torch.autograd.grad(y, x, { createGraph: true })[0] as Tensor;
    print(pyType(dyDx.data));
    print(pyType(dyDx));
    print(dyDx.detach()); // 后面的版本推荐使用detach(), 可以跟踪in-place操作
  }

  heading("In [6]");
  {
    const x1 = torch.tensor(1.0, { requiresGrad: true }); // x需要被求导
    const x2 = torch.tensor(2.0, { requiresGrad: true });

    const y1 = x1.mul(x2);
    const y2 = x1.add(x2);

    // 允许同时对多个自变量求导数
    let [dy1Dx1, dy1Dx2] = torch.autograd.grad(y1, [x1, x2], { retainGraph: true });
    print(dy1Dx1, dy1Dx2);

    // 如果有多个因变量, 相当于把多个因变量的梯度结果求和
    let dy12Dx1: Tensor | null;
    [dy12Dx1, dy1Dx2] = torch.autograd.grad([y1, y2], [x1, x2]);
    print(dy12Dx1, dy1Dx2);
  }

  heading("In [7]");
  {
    const x = torch.tensor(0.0, { requiresGrad: true });
    const a = torch.tensor(1.0);
    const b = torch.tensor(-2.0);
    const c = torch.tensor(1.0);

    const optimzer = new torch.optim.SGD([x], { lr: 0.01 });

    const f = (x: Tensor): Tensor => {
      const result = a.mul(x.pow(2)).add(b.mul(x)).add(c);
      return result;
    };

    for (let i = 0; i < 500; i++) {
      optimzer.zeroGrad();
      const y = f(x);
      y.backward();
      optimzer.step();
    }

    print("y=", f(x).detach(), ";", "x=", x.detach());
  }

  heading("In [8]");
  {
    // 测试optimizer.zero_grad作用和backward积累梯度机制
    const x = torch.tensor(0.0, { requiresGrad: true });
    const a = torch.tensor(1.0);
    const b = torch.tensor(-2.0);
    const c = torch.tensor(1.0);

    const f = (x: Tensor): Tensor => {
      const result = a.mul(x.pow(2)).add(b.mul(x)).add(c);
      return result;
    };

    const y = f(x);
    // 第一次backward
    y.backward({ retainGraph: true });
    print("第一次x梯度:", x.grad);

    // 第二次backward
    y.backward();
    print("第二次x梯度:", x.grad);
  }

  heading("In [9]");
  {
    // 测试叶张量
    const x = torch.tensor(0.0, { requiresGrad: true });
    const a = torch.tensor(1.0);
    const b = torch.tensor(-2.0);
    const c = torch.tensor(1.0);
    const y = a.mul(x.pow(2)).add(b.mul(x)).add(c);

    y.backward();
    print(a.requiresGrad);
    print(a.isLeaf);
    print(a.grad);
  }

  heading("In [10]");
  {
    // 测试梯度清除和detach
    const x = torch.tensor(0.0, { requiresGrad: true });
    const a = torch.tensor(1.0);
    const b = torch.tensor(-2.0);
    const c = torch.tensor(1.0);

    const optimzer = new torch.optim.SGD([x], { lr: 0.01 });
    void optimzer; // created but never stepped, as in the document

    const f = (x: Tensor): Tensor => {
      const result = a.mul(x.pow(2)).add(b.mul(x)).add(c);
      return result;
    };

    for (let i = 0; i < 2; i++) {
      // 这里需要清除梯度
      if (x.grad !== null) {
        const l = x.grad.detach_();
        void l;
        x.grad.zero_();
        print("after detach:", x.grad);
      }
      const y = f(x);
      y.backward();
      print(x.grad);
    }

    // print("y=", f(x).detach(), ";", "x=", x.detach())
  }

  heading("In [11]");
  {
    const input = torch.ones([2, 2], { requiresGrad: false });
    const w1 = torch.tensor(2.0, { requiresGrad: true });
    const w2 = torch.tensor(3.0, { requiresGrad: true });
    const w3 = torch.tensor(4.0, { requiresGrad: true });

    const l1 = input.mul(w1); // l1不是叶丈量, 但是是requires_grad, 因此其梯度计算完了就会被释放
    const l2 = l1.add(w2);
    const l3 = l1.mul(w3);
    const l4 = l2.mul(l3);
    const loss = l4.mean();

    print(w1.data, w1.grad, w1.gradFn);
    // tensor(2.) None None

    // (l1.grad of a non-leaf: PyTorch, and tensorgrad, emit a UserWarning on stderr here.)
    print(l1.data, l1.grad, l1.gradFn);
    // tensor([[2., 2.],
    //         [2., 2.]]) None <MulBackward0 object at 0x000001EBE79E6AC8>

    print(loss.data, loss.grad, loss.gradFn);
    // tensor(40.) None <MeanBackward0 object at 0x000001EBE79D8208>
  }
}
