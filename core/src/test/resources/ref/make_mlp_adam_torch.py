"""MlpRegressor (the public estimator) trained by Adam against PyTorch 1.13, for
MlpRegressorAdamTorchTest (core).

Run from the repository's root:
  /usr/bin/python3 core/src/test/resources/ref/make_mlp_adam_torch.py   (PyTorch 1.13.1)
Writes core/src/test/resources/ref/mlp-adam-torch.json: x (n = 24 rows, p = 3), y, the initial
weights (float32, tikhonov's layout: W inputs×outputs row-major, then b; given to both), and
per case the weights after `steps` full-batch steps of a 3-5-1 ReLU network on
0.5·((y − ŷ)²).mean() (tikhonov's ½, so no factor 2 in the conversion), the biases in a
parameter group without decay:
  adam   torch.optim.Adam(lr, weight_decay=d): coupled L2, tikhonov's λ = d
         (docs/objective.md's conversion table, the CrossEntropyLoss row's ½-free case)
  adamw  torch.optim.AdamW(lr, weight_decay=d): decoupled decay, tikhonov's weightDecay(d),
         λ = 0
One batch of all rows, so the row order (tikhonov shuffles) does not change the gradient.
"""
import json

import numpy as np
import torch

assert torch.__version__.startswith("1.13"), torch.__version__
rng = np.random.default_rng(43)
N, P, H = 24, 3, 5
x = rng.normal(size=(N, P)).astype(np.float32)
y = (np.sin(x[:, 0]) + 0.5 * x[:, 1] * x[:, 2] + 0.1 * rng.normal(size=N)).astype(np.float32)
w1 = (rng.normal(size=(P, H)) * 0.6).astype(np.float32)
b1 = (rng.normal(size=H) * 0.1).astype(np.float32)
w2 = (rng.normal(size=(H, 1)) * 0.6).astype(np.float32)
b2 = (rng.normal(size=1) * 0.1).astype(np.float32)


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64).ravel()]


def run(make_optimizer, steps):
    net = torch.nn.Sequential(torch.nn.Linear(P, H), torch.nn.ReLU(), torch.nn.Linear(H, 1))
    with torch.no_grad():
        for layer, (w, b) in zip((net[0], net[2]), [(w1, b1), (w2, b2)]):
            layer.weight.copy_(torch.tensor(w.T))
            layer.bias.copy_(torch.tensor(b))
    optimizer = make_optimizer([{"params": [net[0].weight, net[2].weight]},
                                {"params": [net[0].bias, net[2].bias], "weight_decay": 0.0}])
    xt, yt = torch.tensor(x), torch.tensor(y.reshape(-1, 1))
    for _ in range(steps):
        optimizer.zero_grad()
        loss = 0.5 * ((net(xt) - yt) ** 2).mean()
        loss.backward()
        optimizer.step()
    return [floats(net[0].weight.detach().numpy().T), floats(net[0].bias.detach().numpy()),
            floats(net[2].weight.detach().numpy().T), floats(net[2].bias.detach().numpy())]


cases = []
for name, lr, d, steps, make in [
    ("adam", 0.05, 0.5, 20, lambda g, lr, d: torch.optim.Adam(g, lr=lr, weight_decay=d)),
    ("adamw", 0.05, 2.0, 20, lambda g, lr, d: torch.optim.AdamW(g, lr=lr, weight_decay=d)),
]:
    cases.append({"name": name, "lr": lr, "weight_decay": d, "steps": steps,
                  "weights": run(lambda g: make(g, lr, d), steps)})
out = {"versions": {"torch": torch.__version__}, "x": floats(x), "y": floats(y),
       "init": [floats(w1), floats(b1), floats(w2), floats(b2)], "hidden": H,
       "cases": cases}
with open("core/src/test/resources/ref/mlp-adam-torch.json", "w") as f:
    json.dump(out, f, separators=(",", ":"))
    f.write("\n")
