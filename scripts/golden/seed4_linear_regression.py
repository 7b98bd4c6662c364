"""Golden fixture for examples/seeds/seed4_linear_regression.ts: seed 004's linear regression in PyTorch.

Run from the repo root with Debian's torch:  /usr/bin/python3 scripts/golden/seed4_linear_regression.py
Writes test/fixtures/seed4_pytorch.json:
  pytorchLine   the line `print(w.item(), b.item())` prints (the document's own
                "1.8011078834533691 3.0073609352111816" came from an older PyTorch)
  first         the first fake batch after manual_seed(1000): x and y (8 x 1, float32 values as JSON numbers)
  initialW      w = t.rand(1, 1) drawn after that batch
  losses        losses[ii] = loss.item() for the 500 iterations
  w, b          w.item(), b.item() after iterations 0, 1, 2, 49, 50, 499 (`trace`)
  stdout        everything the program prints

The program is the document's, with its one typo fixed the way the example fixes it:
`get_fake_data()` is called without an argument, so the pytorch-book default batch_size=8 is used.
Plotting is left out (matplotlib draws no random numbers); the plotting branch's get_fake_data(batch_size=20)
call is kept because it advances the generator.
"""
import io
import json
import os
from contextlib import redirect_stdout

import numpy as np
import torch as t

out = io.StringIO()
trace = []
with redirect_stdout(out):
    # 设置随机数种子,为了在不同人电脑上运行时下面的输出一致
    t.manual_seed(1000)

    def get_fake_data(batch_size=8):
        ''' 产生随机数据:y = x*2 + 3,加上了一些噪声'''
        x = t.rand(batch_size, 1) * 5
        y = x * 2 + 3 + t.randn(batch_size, 1)
        return x, y

    # 来看看产生x-y分布是什么样的
    x, y = get_fake_data()
    first = {"x": x.flatten().tolist(), "y": y.flatten().tolist()}

    # 随即初始化参数
    w = t.rand(1, 1, requires_grad=True)
    b = t.zeros(1, 1, requires_grad=True)
    initial_w = w.item()
    losses = np.zeros(500)

    lr = 0.005

    for ii in range(500):
        x, y = get_fake_data(batch_size=32)

        # forward
        y_pred = x.mm(w) + b.expand_as(y)
        loss = 0.5 * (y_pred - y) ** 2
        loss = loss.sum()
        losses[ii] = loss.item()

        # backward:
        loss.backward()

        # 更新参数
        w.data.sub_(lr * w.grad.data)
        b.data.sub_(lr * b.grad.data)

        # 梯度清零
        w.grad.data.zero_()
        b.grad.data.zero_()

        if ii in (0, 1, 2, 49, 50, 499):
            trace.append({"ii": ii, "w": w.item(), "b": b.item()})

        if ii % 50 == 0:
            # plot
            x = t.arange(0, 6).view(-1, 1).float()
            y = x.mm(w.data) + b.data.expand_as(x)
            x2, y2 = get_fake_data(batch_size=20)

    print(w.item(), b.item())

stdout = out.getvalue()
fixture = {
    "torch": t.__version__,
    "pytorchLine": stdout.splitlines()[-1],
    "first": first,
    "initialW": initial_w,
    "losses": losses.tolist(),
    "trace": trace,
    "stdout": stdout,
}
path = os.path.join("test", "fixtures", "seed4_pytorch.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump(fixture, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(f"wrote {path}: {fixture['pytorchLine']}")
