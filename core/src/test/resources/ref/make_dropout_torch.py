"""torch.nn.Dropout's semantics, for DropoutTorchTest (core).

Run from the repository's root:
  /usr/bin/python3 core/src/test/resources/ref/make_dropout_torch.py   (PyTorch 1.13.1)
Writes core/src/test/resources/ref/dropout-torch.json: x (a 40×25 float32 matrix, row-major),
g (an upstream gradient of the same shape) and per rate p: torch's kept-unit factor `scale`
(y/x on a kept unit of nn.Dropout(p) in train mode: the float32 1/(1 − p) that ATen multiplies
by, read off the output, not computed here), `kept` (torch's fraction of kept units on x, one
seeded draw), and whether eval mode returned x unchanged. Masks are random: tikhonov's cannot be
torch's, so the test takes tikhonov's own mask and checks torch's rules on it: a kept unit is
x·scale exactly, a dropped one 0, the input gradient g·scale on kept units and 0 elsewhere, the
identity at inference.
"""
import json

import numpy as np
import torch

assert torch.__version__.startswith("1.13"), torch.__version__
rng = np.random.default_rng(43)
x = rng.normal(size=(40, 25)).astype(np.float32)
x[x == 0] = 1.0
g = rng.normal(size=(40, 25)).astype(np.float32)
cases = []
for p in [0.1, 0.3, 0.5, 0.9]:
    torch.manual_seed(0)
    drop = torch.nn.Dropout(p)
    xt = torch.tensor(x, requires_grad=True)
    y = drop(xt)
    y.backward(torch.tensor(g))
    yv, dx = y.detach().numpy(), xt.grad.numpy()
    kept = yv != 0
    ratio = yv[kept] / x[kept]
    scale = np.float32(yv[kept][0]) / np.float32(x[kept][0])
    # every kept unit is x times one float32 factor, and the gradient g times the same factor
    assert np.all(yv[kept] == x[kept] * np.float32(scale)), p
    assert np.all(dx[kept] == g[kept] * np.float32(scale)) and np.all(dx[~kept] == 0), p
    assert np.all(np.abs(ratio - scale) <= 1e-6 * scale), p
    drop.eval()
    identity = bool(torch.equal(drop(torch.tensor(x)), torch.tensor(x)))
    cases.append({"p": p, "scale": float(scale), "kept": float(kept.mean()),
                  "eval_identity": identity})
    print(p, repr(float(scale)), repr(float(np.float32(1.0) / np.float32(1 - p))),
          repr(float(np.float32(1.0 / (1.0 - p)))), kept.mean())
out = {"versions": {"torch": torch.__version__}, "rows": 40, "cols": 25,
       "x": [float(v) for v in x.ravel()], "g": [float(v) for v in g.ravel()], "cases": cases}
with open("core/src/test/resources/ref/dropout-torch.json", "w") as f:
    json.dump(out, f, separators=(",", ":"))
    f.write("\n")
