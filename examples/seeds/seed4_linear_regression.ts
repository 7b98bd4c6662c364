// Seed 004 — "【PyTorch】Autograd" (notes after chenyun's pytorch-book): requires_grad propagation,
// grad_fn / next_functions / is_leaf, .data and detach, intermediate gradients through autograd.grad
// and hooks, then linear regression with hand-written SGD ("例程 使用Variable 实现线性回归").
// Jupyter echoes a cell's last expression; those echoes are display(...) here. Python tuples are tuple(...).
import * as t from "../../src/index.js";
import type { Tensor } from "../../src/index.js";
import * as plt from "../../src/plot/index.js";
import { display, heading, int, print, savePlot, tuple } from "./py.js";

export const title = "【PyTorch】Autograd — requires_grad, hooks and linear regression (seed 004)";

/** What the regression produced, for tests. */
export interface Seed4Observed {
  w?: number;
  b?: number;
  losses?: Float64Array;
  /** the first fake batch after t.manual_seed(1000) */
  first?: { x: Tensor; y: Tensor };
}
export const observed: Seed4Observed = {};

export function run(): void {
  heading("requires_grad");
  {
    const x = t.ones(1, { requiresGrad: true });
    const w = t.rand(1, { requiresGrad: true });
    const y = x.mul(w);
    // y依赖于w,而w.requires_grad = True
    display(tuple(x.requiresGrad, w.requiresGrad, y.requiresGrad));

    heading("grad_fn");
    display(tuple(x.gradFn, y.gradFn));

    heading("is_leaf");
    display(tuple(x.isLeaf, w.isLeaf, y.isLeaf));

    heading("next_functions");
    // next_functions is a tuple of (node, input_nr) tuples; input_nr is a Python int.
    display(tuple(...y.gradFn!.nextFunctions.map(([fn, nr]) => tuple(fn, int(nr)))));
  }

  heading("a.data");
  {
    const a = t.ones(3, 4, { requiresGrad: true });
    const b = t.ones(3, 4, { requiresGrad: true });
    const c = a.mul(b);
    void c;

    display(a.data); // 还是一个tensor

    heading("a.data.requires_grad");
    display(a.data.requiresGrad); // 但是已经是独立于计算图之外

    heading("detach");
    // 近似于 tensor=a.data, 但是如果tensor被修改,backward可能会报错
    const tensor = a.detach();
    display(tensor.requiresGrad);
  }

  heading("autograd.grad");
  {
    // 第一种方法:使用grad获取中间变量的梯度
    const x = t.ones(3, { requiresGrad: true });
    const w = t.rand(3, { requiresGrad: true });
    const y = x.mul(w);
    const z = y.sum();
    // z对y的梯度,隐式调用backward()
    display(tuple(...t.autograd.grad(z, y)));
  }

  heading("register_hook");
  {
    // 第二种方法:使用hook
    // hook是一个函数,输入是梯度,不应该有返回值
    const variableHook = (grad: Tensor): void => {
      print("y的梯度:", grad);
    };

    const x = t.ones(3, { requiresGrad: true });
    const w = t.rand(3, { requiresGrad: true });
    const y = x.mul(w);
    // 注册hook
    const hookHandle = y.registerHook(variableHook);
    const z = y.sum();
    z.backward();

    // 除非你每次都要用hook,否则用完之后记得移除hook
    hookHandle.remove();
  }

  heading("例程 使用Variable 实现线性回归: data");
  // 设置随机数种子,为了在不同人电脑上运行时下面的输出一致
  t.manualSeed(1000);

  // Typo fixed: the document calls get_fake_data() without an argument; the pytorch-book it follows
  // defines get_fake_data(batch_size=8), so that default is used.
  const getFakeData = (batchSize = 8): [Tensor, Tensor] => {
    // 产生随机数据:y = x*2 + 3,加上了一些噪声
    const x = t.rand(batchSize, 1).mul(5);
    const y = x.mul(2).add(3).add(t.randn(batchSize, 1));
    return [x, y];
  };
  {
    // 来看看产生x-y分布是什么样的
    const [x, y] = getFakeData();
    observed.first = { x, y };
    // plt.scatter(x.squeeze().numpy(), y.squeeze().numpy()); Jupyter's echo of the matplotlib
    // artist is replaced by the path of the SVG written.
    savePlot(
      "seed4_fake_data.svg",
      plt.scatter({ x: x.squeeze().tolist() as number[], y: y.squeeze().tolist() as number[], xlabel: "x", ylabel: "y" }),
    );
  }

  heading("例程 使用Variable 实现线性回归: training");
  // 随即初始化参数
  const w = t.rand(1, 1, { requiresGrad: true });
  const b = t.zeros(1, 1, { requiresGrad: true });
  const losses = new Float64Array(500); // np.zeros(500)

  const lr = 0.005;

  for (let ii = 0; ii < 500; ii++) {
    let [x, y] = getFakeData(32); // get_fake_data(batch_size=32)

    // forward
    const yPred = x.mm(w).add(b.expandAs(y));
    let loss = yPred.sub(y).pow(2).mul(0.5); // 0.5*(y_pred - y)**2
    loss = loss.sum();
    losses[ii] = loss.item() as number;

    // backward:
    loss.backward();

    // 更新参数
    w.data.sub_(w.grad!.data.mul(lr)); // w.data.sub_(lr*w.grad.data)
    b.data.sub_(b.grad!.data.mul(lr));

    // 梯度清零
    w.grad!.data.zero_();
    b.grad!.data.zero_();

    if (ii % 50 === 0) {
      // plot (display.clear_output, plt.show and plt.pause have nothing to do here)
      x = t.arange(0, 6).view(-1, 1).float();
      y = x.mm(w.data).add(b.data.expandAs(x));
      const [x2, y2] = getFakeData(20); // true data
      const svg = plt.plot({
        x: [x.view(-1).tolist() as number[], x2.view(-1).tolist() as number[]],
        y: [y.view(-1).tolist() as number[], y2.view(-1).tolist() as number[]],
        fmts: ["-", "o"], // plt.plot(x, y) then plt.scatter(x2, y2)
        xlim: [0, 5],
        ylim: [0, 13],
        title: `ii = ${ii}`,
      });
      savePlot(`seed4_fit_${String(ii).padStart(3, "0")}.svg`, svg);
    }
  }

  print(w.item(), b.item());
  observed.w = w.item() as number;
  observed.b = b.item() as number;
  observed.losses = losses;

  heading("loss curve");
  {
    // plt.plot(losses); plt.ylim(5,50): the echo is ylim's return value.
    const ylim: [number, number] = [5, 50];
    savePlot("seed4_losses.svg", plt.plot({ y: Array.from(losses), ylim, xlabel: "iteration", ylabel: "loss" }));
    display(tuple(int(ylim[0]), int(ylim[1])));
  }
}
