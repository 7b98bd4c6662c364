// Seed 002 — "pytorch 张量tensor的自动微分(求导)" (a CSDN post): grad_fn of a result, requires_grad
// propagation, torch.no_grad, detach and requires_grad_. Each code fragment is ported with API.md's rules.
import * as torch from "../../src/index.js";
import { heading, print } from "./py.js";

export const title = "pytorch 张量tensor的自动微分(求导) — CSDN notes (seed 002)";

export function run(): void {
  // The post never shows how x is made; a reader's choice (as in PyTorch's own tutorial):
  const x = torch.ones(2, 2, { requiresGrad: true });

  heading("进行张量运算");
  {
    // 进行张量运算
    const y = x.add(2); // y = x + 2

    // y是由于运算而创建的,因此具有grad_fn属性
    print(y.gradFn);
    // 输出: <AddBackward0 object at 0x000001BBAC0BB5C0>
  }

  heading("with torch.no_grad()");
  {
    print(x.requiresGrad);
    print(x.pow(2).requiresGrad);
    // 只要x可以自动微分,带有它的变量都可以沾光

    torch.noGrad(() => {
      print(x.pow(2).requiresGrad);
    });
  }

  heading(".detach()");
  {
    print(x.requiresGrad);
    const y = x.detach();
    print(y.requiresGrad);
  }

  heading("requires_grad_");
  {
    let a = torch.randn(2, 2);
    a = a.mul(3).add(2); // a = a*3 + 2
    print(a.requiresGrad);
    // 输出 False
    a.requiresGrad_(true);
    print(a.requiresGrad);
    // 输出True
  }
}
