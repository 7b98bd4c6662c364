// Seed 001 — "2.5 自动求导" (notes on d2l's automatic differentiation chapter): gradients of 2<x, x>,
// of sum(x**2), detaching, gradients through Python control flow, and the chapter's exercises
// (backward twice, control flow on random vectors, sqrt/square, plotting sin and its autograd derivative).
// Each markdown code block is ported line by line with API.md's rules.
import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";
import * as plt from "../../src/plot/index.js";
import { display, heading, print, printException, savePlot } from "./py.js";

export const title = "2.5 自动求导 — d2l notes and exercises (seed 001)";

/**
 * What the random cells drew and computed, kept so that tests can check the relations the document
 * relies on (the document draws with torch.randn without a seed, so the printed values vary).
 */
export interface Seed1Observed {
  /** 2.5.4: a = randn(()), d = f(a), after d.backward() */
  controlFlow?: { a: Tensor; grad: Tensor; d: Tensor };
  /** 练习3: a = randn((1, 3)) and b = randn(()) through f */
  exercise3?: { a: Tensor; aGrad: Tensor; d: Tensor; b: Tensor; bGrad: Tensor; e: Tensor };
  /** 练习4: x.grad after sqrt, then after square */
  exercise4?: { x: Tensor; gradSqrt: Tensor; gradSquare: Tensor };
  /** 练习5: x and the autograd derivative of sin(x) */
  exercise5?: { x: number[]; y: number[]; dydx: number[]; svgPath: string };
}
export const observed: Seed1Observed = {};

/** The document's control-flow function: doubles b until its norm reaches 1000, then maybe scales by 100. */
function f(a: Tensor): Tensor {
  let b = a.mul(2);
  while ((b.norm().item() as number) < 1000) b = b.mul(2);
  let c: Tensor;
  if ((b.sum().item() as number) > 0) c = b;
  else c = b.mul(100); // 100 * b
  return c;
}

export function run(): void {
  heading("2.5.1 函数求导");
  {
    const x = torch.arange(4.0);
    x.requiresGrad_(true);
    display(x.grad); // None: Jupyter shows nothing (the document says x.grad is None here)

    const y = torch.dot(x, x).mul(2); // 2 * torch.dot(x, x)
    y.backward();
    const same = x.grad!.eq(x.mul(4)); // x.grad == 4 * x: the cell's Out is not shown in the document,
    void same; // whose explanation shows x.grad instead:
    display(x.grad);
  }

  heading("2.5.1 示例：如何计算梯度");
  let x: Tensor;
  {
    // 创建张量
    x = torch.arange(4.0, { requiresGrad: true });
    const y = x.pow(2);
    // 计算梯度
    y.sum().backward(); // 对 y 的所有元素求和并进行反向传播

    // 查看梯度
    print(x.grad);

    // 在默认情况下，PyTorch会累积梯度，我们需要清除之前的值
    x.grad!.zero_(); // (its Out, tensor([0., 0., 0., 0.]), is not shown in the document)
  }

  heading("2.5.3 分离计算");
  {
    x.grad!.zero_();
    const y = x.mul(x);
    const u = y.detach(); // 从计算图中分离 y
    const z = u.mul(x);

    z.sum().backward(); // 计算 z.sum() 对 x 的梯度
    display(x.grad!.eq(u)); // x.grad == u
  }

  heading("2.5.4 Python控制流的梯度计算");
  {
    const a = torch.randn([], { requiresGrad: true }); // torch.randn(size=(), requires_grad=True)
    const d = f(a);
    d.backward();
    observed.controlFlow = { a, grad: a.grad!, d };
  }

  heading("2.5.5 练习2");
  {
    // Typo fixed: the document writes torch.arrange.
    const x = torch.arange(4.0, { requiresGrad: true });
    const y = x.pow(2);
    y.sum().backward();
    print(x.grad);
    try {
      y.sum().backward();
    } catch (e) {
      printException(e);
    }
  }

  heading("2.5.5 练习2 (retain_graph=True)");
  {
    // The fix the document shows, run on a fresh graph (y's graph above was freed by the first backward).
    const x = torch.arange(4.0, { requiresGrad: true });
    const y = x.pow(2);
    y.sum().backward({ retainGraph: true }); // 保留计算图
    print(x.grad);

    y.sum().backward(); // 第二次反向传播
  }

  heading("2.5.5 练习3");
  {
    const a = torch.randn([1, 3], { requiresGrad: true }); // torch.randn(size=(1,3), requires_grad=True)
    const b = torch.randn([], { requiresGrad: true }); // torch.randn(size=(), requires_grad=True)

    const d = f(a);
    d.sum().backward();
    const e = f(b);
    e.sum().backward();

    print(a, a.grad, a.grad!.eq(d.div(a)));
    print(b, b.grad, b.grad!.eq(e.div(b)));
    observed.exercise3 = { a, aGrad: a.grad!, d, b, bGrad: b.grad!, e };
  }

  heading("2.5.5 练习4");
  {
    // Typos fixed: the document writes `if order = 1:` and `else order = 2:` (meaning `elif order == 2:`).
    const f = (x: Tensor, order: number): Tensor => {
      let y: Tensor;
      if (order === 1) y = torch.sqrt(x);
      else if (order === 2) y = torch.square(x);
      else throw new Error("order must be 1 or 2");
      return y;
    };

    const x = torch.randn([], { requiresGrad: true }); // torch.randn(size=(), requires_grad=True)
    const g1 = f(x, 1);
    g1.sum().backward();
    print(x, x.grad);
    const gradSqrt = x.grad!.clone();

    x.grad!.zero_();

    const g2 = f(x, 2);
    g2.sum().backward();
    print(x, x.grad);
    observed.exercise4 = { x, gradSqrt, gradSquare: x.grad!.clone() };
  }

  heading("2.5.5 练习5");
  {
    // d2l's plot(X, Y, xlabel, ylabel, legend, fmts=('-', 'm--', 'g-.', 'r:')) is tensorgrad's plt.plot;
    // .detach().numpy() becomes .detach().tolist().
    const functionGrad = (): string => {
      const x = torch.linspace(-10, 10, 300, { requiresGrad: true });
      const y = torch.sin(x);
      y.sum().backward();
      const dyDx = x.grad!;
      const xs = x.detach().tolist() as number[];
      const ys = y.detach().tolist() as number[];
      const ds = dyDx.detach().tolist() as number[];
      const svg = plt.plot({
        x: xs,
        y: [ys, ds],
        xlabel: "x",
        ylabel: "y",
        legend: ["$f(x) = \\sin(x)$", "$f'(x) = \\cos(x)$"],
        width: 350 * 1.6,
        height: 250 * 1.6,
      });
      const path = savePlot("seed1_sin_and_grad.svg", svg);
      observed.exercise5 = { x: xs, y: ys, dydx: ds, svgPath: path };
      return path;
    };

    functionGrad();
  }
}
