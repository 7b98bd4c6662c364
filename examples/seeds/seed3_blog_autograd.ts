// Seed 003 — "pytorch学习笔记（1）--理解autograd" (a blog post): a scalar example with retain_graph and
// accumulation, the gradient of a norm checked by hand, a vector output with ones_like, and torch.mm.
// The blog marks printed lines with `>>>`; each of its code blocks is ported with API.md's rules.
import * as torch from "../../src/index.js";
import { display, heading, print } from "./py.js";

export const title = "pytorch学习笔记（1）--理解autograd — blog notes (seed 003)";

export function run(): void {
  heading("标量例子");
  let x = torch.tensor(1.0, { requiresGrad: true });
  let y = torch.tensor(2.0, { requiresGrad: true });
  let z = x.add(y.pow(2)); // x+y**2
  print(x, y, z, { sep: "\n" });
  z.backward({ retainGraph: true });
  print(x.grad, y.grad, { sep: "\n" });

  heading("没有清零就会累计的梯度");
  z.backward();
  display(x.grad);

  heading("向量输入-标量结果的求导");
  {
    const x = torch.tensor([1, 2], { requiresGrad: true }); // torch.tensor([1.,2.], requires_grad=True)
    const y = x.pow(2);
    const z = torch.norm(y);
    z.backward();
    print(x.grad);
  }

  heading("验算");
  {
    // from math import sqrt
    const sqrt = Math.sqrt;
    const [x1, x2] = [1, 2]; // x1,x2 = 1.,2.
    print([(2 * x1 ** 3) / sqrt(x1 ** 4 + x2 ** 4), (2 * x2 ** 3) / sqrt(x1 ** 4 + x2 ** 4)]);
  }

  heading("输出为向量的情况如何求导");
  {
    const x = torch.tensor([1, 2], { requiresGrad: true });
    const y = x.pow(2);
    y.backward(torch.onesLike(y));
    print(x.grad);
  }

  heading("torch.mm");
  {
    x = torch.tensor([[1, 2]], { requiresGrad: true });
    y = torch.tensor([[1, 2], [3, 4]], { requiresGrad: false });
    z = torch.mm(x, y);
    z.backward(torch.onesLike(x)); // z has x's shape (1, 2), so ones_like(x) fits
    display(x.grad);
  }
}
