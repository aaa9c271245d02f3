"""Reference fits for docs/objective.md's conversion table (scikit-learn and PyTorch rows).

Run with Debian's python (scikit-learn 1.2.1, PyTorch 1.13.1, numpy 1.24.2):

    /usr/bin/python3 make_conversions.py > conversions.json

Each case fits the peer at its own setting on the small data below; ConversionTableTest fits
tikhonov at the converted (λ, α) and compares. Nothing here applies the conversion: the peer's
setting is written as the peer takes it. Rerunning reproduces the file up to the last bit or
two of some numbers (the BLAS underneath: regenerated on 2026-12-07, the earlier cases moved in
their last digit only). On
stderr it certifies the fits that stop on a tolerance of their own (the largest gradient or
KKT violation of the peer's objective at its answer).
"""
import json
import os
import sys

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
import torch  # noqa: E402
from sklearn.linear_model import (ElasticNet, Lasso, LogisticRegression,  # noqa: E402
                                  PoissonRegressor, Ridge, RidgeCV, SGDClassifier,
                                  SGDRegressor)
from sklearn.neural_network import MLPClassifier, MLPRegressor  # noqa: E402

torch.set_num_threads(1)
N, P, HIDDEN, K = 40, 3, 4, 3

rng = np.random.default_rng(20261204)
x = rng.normal(size=(N, P)) * np.array([1.0, 0.5, 2.0]) + np.array([0.3, -1.0, 0.5])
# y's standard deviation is 2.35 (divisor n), not 1: scikit-learn never rescales y, neither does
# tikhonov, so the mapping must hold for any scale of y.
y = 1.5 + x @ np.array([2.0, -1.0, 0.5]) + rng.normal(size=N)
eta = -0.3 + x @ np.array([1.2, -0.8, 0.4])
yb = (rng.uniform(size=N) < 1 / (1 + np.exp(-eta))).astype(int)
scores = x @ np.array([[1.0, -0.5, 0.0], [0.0, 1.0, -1.0], [0.3, 0.0, -0.4]])
yk = np.argmax(scores + rng.gumbel(size=(N, K)), axis=1)
# Initial weights of the networks below (numpy layout: inputs × outputs).
w1 = rng.normal(scale=0.6, size=(P, HIDDEN))
b1 = rng.normal(scale=0.1, size=HIDDEN)
w2 = rng.normal(scale=0.6, size=(HIDDEN, K))
b2 = rng.normal(scale=0.1, size=K)
w2r = rng.normal(scale=0.6, size=(HIDDEN, 1))
b2r = rng.normal(scale=0.1, size=1)
# Drawn after everything above, so that the earlier cases keep their data: counts for the
# Poisson rows and observation weights spread over a decade for the sample_weight rows.
yc = rng.poisson(np.exp(0.2 + x @ np.array([0.4, -0.3, 0.2])))
sw = rng.uniform(0.3, 3.0, size=N)


def floats(a):
    return [float(v) for v in np.ravel(a)]


cases = []


def linear(name, model, target, weights=None, **setting):
    model.fit(x, target, sample_weight=weights)
    cases.append({"name": name, **setting, "intercept": floats(model.intercept_),
                  "coef": floats(model.coef_)})


linear("Ridge", Ridge(alpha=4.0, solver="cholesky"), y, alpha=4.0)
linear("Lasso", Lasso(alpha=0.3, tol=1e-14, max_iter=1_000_000), y, alpha=0.3)
linear("ElasticNet", ElasticNet(alpha=0.4, l1_ratio=0.3, tol=1e-14, max_iter=1_000_000), y,
       alpha=0.4, l1_ratio=0.3)
linear("LogisticRegression l2",
       LogisticRegression(C=0.5, penalty="l2", solver="lbfgs", tol=1e-14, max_iter=100_000),
       yb, C=0.5)
linear("LogisticRegression l1",
       LogisticRegression(C=0.5, penalty="l1", solver="saga", tol=1e-14, max_iter=1_000_000,
                          random_state=0),
       yb, C=0.5)
linear("LogisticRegression elasticnet",
       LogisticRegression(C=0.5, penalty="elasticnet", l1_ratio=0.3, solver="saga", tol=1e-14,
                          max_iter=1_000_000, random_state=0),
       yb, C=0.5, l1_ratio=0.3)

# The multinomial rows (three classes yk; multi_class="multinomial" is 1.2's default for lbfgs and
# saga): coef_ is K × p, intercept_ K values defined up to a common shift. α < 1 keeps the
# minimizer unique (a pure L1 multinomial is unique in the shift of each feature's K
# coefficients only as their median, which the solvers need not agree on).
linear("LogisticRegression multinomial l2",
       LogisticRegression(C=0.5, penalty="l2", solver="newton-cg", multi_class="multinomial",
                          tol=1e-9, max_iter=100_000),
       yk, C=0.5)
linear("LogisticRegression multinomial elasticnet",
       LogisticRegression(C=0.5, penalty="elasticnet", l1_ratio=0.6, solver="saga",
                          multi_class="multinomial", tol=1e-14, max_iter=1_000_000,
                          random_state=0),
       yk, C=0.5, l1_ratio=0.6)
# sample_weight multiplies each row's loss in C·Σ sᵢℓᵢ: C now weighs a sum of weights, not of
# rows.
linear("LogisticRegression l2 weighted",
       LogisticRegression(C=0.5, penalty="l2", solver="newton-cholesky", tol=1e-14,
                          max_iter=100_000),
       yb, weights=sw, C=0.5)
# PoissonRegressor: 1/(2Σs)·Σ sᵢ·deviance(yᵢ, μᵢ) + (alpha/2)‖w‖², log link, solved by Newton's
# method to a gradient of at most tol.
linear("PoissonRegressor",
       PoissonRegressor(alpha=0.3, solver="newton-cholesky", tol=1e-12, max_iter=1000),
       yc, alpha=0.3)
linear("PoissonRegressor weighted",
       PoissonRegressor(alpha=0.3, solver="newton-cholesky", tol=1e-12, max_iter=1000),
       yc, weights=sw, alpha=0.3)

# SGDClassifier(loss="log_loss") and SGDRegressor(loss="squared_error"): plain SGD, one row at a
# time, on (1/n)·Σ ℓ(yᵢ, f(xᵢ)) + alpha·[(1 − l1_ratio)/2·‖w‖² + l1_ratio·‖w‖₁], intercept not
# penalized (sklearn/linear_model/_sgd_fast.pyx, _plain_sgd: each row scales w by
# 1 − (1 − l1_ratio)·eta·alpha, then Tsuruoka's cumulative L1 truncation u += l1_ratio·eta·alpha;
# penalty="l2" sets l1_ratio = 0 there, "l1" sets 1), ℓ the Log loss log(1 + exp(−y·f)) with
# y = ±1 or SquaredLoss's 0.5·(p − y)². SGD never lands on the minimizer: tol=None and 100,000
# epochs with a decreasing step ("optimal", 1/(alpha·(t0 + t)), for the log loss; invscaling
# eta0/t^0.6 for the squared loss, whose "optimal" first step, alpha^(-1/4), diverges on these x)
# bring it near: KKT violations of 2e-6 to 2e-5 (certify() prints them), coefficients within
# 5e-4 of the minimizer's. No average=True: in 1.2.1 it returned wrong-signed coefficients with
# penalty="l1"/"elasticnet".
SGD_EPOCHS = 100_000


def sgd(name, model, target, **setting):
    linear(name, model, target, alpha=model.alpha, **setting, epochs=SGD_EPOCHS)


for penalty, l1_ratio in [("l2", 0.15), ("l1", 0.15), ("elasticnet", 0.3)]:
    # l1_ratio=0.15, the default, is ignored by "l2" and "l1" (_plain_sgd sets it to 0 or 1)
    sgd(f"SGDClassifier log_loss {penalty}",
        SGDClassifier(loss="log_loss", penalty=penalty, alpha=0.05, l1_ratio=l1_ratio,
                      learning_rate="optimal", max_iter=SGD_EPOCHS, tol=None, random_state=0),
        yb, penalty=penalty, l1_ratio=l1_ratio)
for penalty, l1_ratio in [("l2", 0.15), ("l1", 0.15), ("elasticnet", 0.3)]:
    sgd(f"SGDRegressor squared_error {penalty}",
        SGDRegressor(loss="squared_error", penalty=penalty, alpha=0.4, l1_ratio=l1_ratio,
                     learning_rate="invscaling", eta0=0.05, power_t=0.6, max_iter=SGD_EPOCHS,
                     tol=None, random_state=0),
        y, penalty=penalty, l1_ratio=l1_ratio)



def certify():
    """The rows above are optimal to within what (on stderr, so the JSON stays the same)."""
    def case(name):
        return next(c for c in cases if c["name"] == name)

    def softmax_rows(name, labels, weights, k):
        c = case(name)
        coef = np.array(c["coef"]).reshape(k, P) if k > 1 else np.array([c["coef"]])
        eta = x @ coef.T + np.array(c["intercept"])
        if k == 1:
            residual = (1 / (1 + np.exp(-eta[:, 0])) - labels)[:, None]
        else:
            prob = np.exp(eta - eta.max(axis=1, keepdims=True))
            prob /= prob.sum(axis=1, keepdims=True)
            residual = prob - np.eye(k)[labels]
        residual *= weights[:, None]
        # sklearn's objective C·Σ sᵢℓᵢ + penalty: the loss part's gradient, K × (1 + p)
        return c, coef, c["C"] * np.hstack([residual.sum(axis=0)[:, None], residual.T @ x])

    ones = np.ones(N)
    for name, labels, weights, k in [("LogisticRegression multinomial l2", yk, ones, K),
                                     ("LogisticRegression l2 weighted", yb, sw, 1)]:
        c, coef, g = softmax_rows(name, labels, weights, k)
        g[:, 1:] += coef
        print(f"{name:45s} largest |gradient| {np.abs(g).max():.1e}", file=sys.stderr)
    c, coef, g = softmax_rows("LogisticRegression multinomial elasticnet", yk, ones, K)
    r = c["l1_ratio"]
    smooth = g[:, 1:] + (1 - r) * coef
    kkt = np.where(coef != 0, np.abs(smooth + r * np.sign(coef)),
                   np.maximum(np.abs(smooth) - r, 0))
    print(f"{c['name']:45s} largest KKT violation "
          f"{max(kkt.max(), np.abs(g[:, 0]).max()):.1e}", file=sys.stderr)
    for name, weights in [("PoissonRegressor", ones), ("PoissonRegressor weighted", sw)]:
        c = case(name)
        coef = np.array(c["coef"])
        residual = weights * (np.exp(c["intercept"][0] + x @ coef) - yc) / weights.sum()
        g = np.append(residual.sum(), x.T @ residual + c["alpha"] * coef)
        print(f"{name:45s} largest |gradient| {np.abs(g).max():.1e}", file=sys.stderr)
    for name, labels in [(f"SGD{kind} {penalty}", target)
                         for kind, target in [("Classifier log_loss", yb),
                                              ("Regressor squared_error", y)]
                         for penalty in ("l2", "l1", "elasticnet")]:
        c = case(name)
        coef = np.array(c["coef"])
        f = c["intercept"][0] + x @ coef
        # dℓ/df of the mean loss: the log loss's with labels ±1, or f − y
        residual = (1 / (1 + np.exp(-f)) - labels if "Classifier" in name else f - labels) / N
        r = {"l2": 0.0, "l1": 1.0}.get(c["penalty"], c["l1_ratio"])
        smooth = x.T @ residual + c["alpha"] * (1 - r) * coef
        kkt = np.where(coef != 0, np.abs(smooth + c["alpha"] * r * np.sign(coef)),
                       np.maximum(np.abs(smooth) - c["alpha"] * r, 0))
        print(f"{name:45s} largest KKT violation "
              f"{max(kkt.max(), abs(residual.sum())):.1e}", file=sys.stderr)


certify()

# RidgeCV: its exact leave-one-out error over a grid of alphas. On y it is smallest at the
# grid's smallest alpha (least squares); on the 0/1 labels yb as numbers, inside the grid.
ridge_alphas = [0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0]
ridge_cv = RidgeCV(alphas=ridge_alphas).fit(x, yb.astype(float))
cases.append({"name": "RidgeCV", "alphas": ridge_alphas, "alpha": float(ridge_cv.alpha_),
              "intercept": floats(ridge_cv.intercept_), "coef": floats(ridge_cv.coef_)})

# MLPClassifier, lbfgs, no hidden layer: softmax regression with sklearn's MLP objective, which
# is convex, so its minimizer is unique and comparable (coefs_[0] is p × K).
mlp = MLPClassifier(hidden_layer_sizes=(), alpha=2.0, solver="lbfgs", tol=1e-15,
                    max_iter=100_000, max_fun=1_000_000, random_state=0).fit(x, yk)
cases.append({"name": "MLPClassifier lbfgs", "alpha": 2.0, "coef": floats(mlp.coefs_[0]),
              "intercept": floats(mlp.intercepts_[0])})


def sgd_epoch(name, mlp, target, last, **first_fit):
    """One epoch of mlp's sgd over the rows in order, from the weights above (w1, b1, last)."""
    mlp.partial_fit(x, target, **first_fit)  # sets up the layers; its weights are replaced
    for layer, (w, b) in enumerate([(w1, b1), last]):
        mlp.coefs_[layer][...] = w
        mlp.intercepts_[layer][...] = b
    mlp.partial_fit(x, target)
    cases.append({"name": name, "alpha": mlp.alpha, "batch_size": mlp.batch_size,
                  "learning_rate": mlp.learning_rate_init, "epochs": 1,
                  "weights": [floats(mlp.coefs_[0]), floats(mlp.intercepts_[0]),
                              floats(mlp.coefs_[1]), floats(mlp.intercepts_[1])]})


# MLPClassifier, sgd: one epoch of 4 mini-batches of 10 rows in order, from the weights above.
sgd_epoch("MLPClassifier sgd",
          MLPClassifier(hidden_layer_sizes=(HIDDEN,), alpha=0.8, solver="sgd", batch_size=10,
                        learning_rate_init=0.2, momentum=0.0, shuffle=False, random_state=0),
          yk, (w2, b2), classes=[0, 1, 2])
# MLPRegressor, sgd: the same epoch on y with one linear output; its squared loss is
# ((y - ŷ)**2).mean() / 2, tikhonov's ½ (sklearn/neural_network/_base.py, squared_loss).
sgd_epoch("MLPRegressor sgd",
          MLPRegressor(hidden_layer_sizes=(HIDDEN,), alpha=2.0, solver="sgd", batch_size=10,
                       learning_rate_init=0.02, momentum=0.0, shuffle=False, random_state=0),
          y, (w2r, b2r))


def torch_run(name, make_optimizer, outputs, loss, target, steps=5, penalty=None, **setting):
    """Full-batch steps of a P-HIDDEN-outputs ReLU network; biases in a group without decay.

    penalty, if given, maps the list of weight tensors to a term added to the loss (autograd
    then differentiates it: |w|'s gradient is sign(w))."""
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(P, HIDDEN), torch.nn.ReLU(),
                              torch.nn.Linear(HIDDEN, outputs))
    last = (w2, b2) if outputs == K else (w2r, b2r)
    with torch.no_grad():
        for layer, (w, b) in zip((net[0], net[2]), [(w1, b1), last]):
            layer.weight.copy_(torch.tensor(w.T, dtype=torch.float32))
            layer.bias.copy_(torch.tensor(b, dtype=torch.float32))
    weights = [net[0].weight, net[2].weight]
    biases = [net[0].bias, net[2].bias]
    optimizer = make_optimizer([{"params": weights},
                                {"params": biases, "weight_decay": 0.0}])
    xt = torch.tensor(x, dtype=torch.float32)
    for _ in range(steps):
        optimizer.zero_grad()
        objective = loss(net(xt), target)
        if penalty is not None:
            objective = objective + penalty(weights)
        objective.backward()
        optimizer.step()
    cases.append({"name": name, **setting, "steps": steps,
                  "weights": [floats(net[0].weight.detach().numpy().T),
                              floats(net[0].bias.detach().numpy()),
                              floats(net[2].weight.detach().numpy().T),
                              floats(net[2].bias.detach().numpy())]})


labels = torch.tensor(yk, dtype=torch.long)
targets = torch.tensor(y.reshape(-1, 1), dtype=torch.float32)
cross_entropy = torch.nn.CrossEntropyLoss()  # mean over the batch
mse = torch.nn.MSELoss()                     # mean of (y - ŷ)², no ½
torch_run("torch SGD cross-entropy",
          lambda g: torch.optim.SGD(g, lr=0.3, momentum=0.9, weight_decay=0.05),
          K, cross_entropy, labels, lr=0.3, momentum=0.9, weight_decay=0.05)
torch_run("torch Adam cross-entropy",
          lambda g: torch.optim.Adam(g, lr=0.05, weight_decay=0.2),
          K, cross_entropy, labels, lr=0.05, weight_decay=0.2)
torch_run("torch AdamW cross-entropy",
          lambda g: torch.optim.AdamW(g, lr=0.05, weight_decay=0.5),
          K, cross_entropy, labels, lr=0.05, weight_decay=0.5)
# tikhonov's elastic net written into the loss, λ·Σ[(1−α)/2·w² + α·|w|] over the weights, with
# SGD with momentum and no weight_decay: the networks' L1 part against autograd's.
torch_run("torch SGD elastic net cross-entropy",
          lambda g: torch.optim.SGD(g, lr=0.3, momentum=0.9),
          K, cross_entropy, labels,
          penalty=lambda ws: 0.05 * sum(0.3 / 2 * (v * v).sum() + 0.7 * v.abs().sum()
                                        for v in ws),
          lr=0.3, momentum=0.9, l=0.05, l1_ratio=0.7)
torch_run("torch SGD MSELoss",
          lambda g: torch.optim.SGD(g, lr=0.01, weight_decay=0.5),
          1, mse, targets, lr=0.01, weight_decay=0.5)
torch_run("torch Adam MSELoss",
          lambda g: torch.optim.Adam(g, lr=0.05, weight_decay=0.4),
          1, mse, targets, lr=0.05, weight_decay=0.4, eps=1e-8)

out = {"versions": {"sklearn": sklearn.__version__, "torch": torch.__version__,
                    "numpy": np.__version__},
       "x": floats(x), "y": floats(y), "yb": [int(v) for v in yb], "yk": [int(v) for v in yk],
       "yc": [int(v) for v in yc], "w": floats(sw),
       "init": [floats(w1), floats(b1), floats(w2), floats(b2), floats(w2r), floats(b2r)],
       "cases": cases}
print(json.dumps(out, separators=(",", ":")))
