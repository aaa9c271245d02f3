"""scikit-learn's Ridge with sample_weight and fit_intercept=False, for RidgeWeightsTest (core).

Run from the repository's root:
  /usr/bin/python3 core/src/test/resources/ref/make_ridge_sklearn.py   (scikit-learn 1.2.1)
Writes into core/src/test/resources/ref/ridge/:
  tall.csv   n = 40, p = 4 on unequal scales: x1..x4, w (weights in [0, 3), row 7's 0), y
  wide.csv   n = 8, p = 12 (p > n, the kernel form): the same columns
  ridge.csv  one row per case: case, data, alpha, lambda, a0, b1..bp (p = 4 or 12, the rest
             empty). tikhonov's lambda from DESIGN.md's objective (1/2)Σwᵢ(yᵢ − a₀ − xᵢb)²/Σwᵢ
             + (λ/2)‖b‖² against sklearn's Σwᵢ(yᵢ − a₀ − xᵢb)² + α‖b‖²: λ = α/Σwᵢ (α/n
             without weights).
"""
import csv
import os

import numpy as np
import sklearn
from sklearn.linear_model import Ridge

assert sklearn.__version__ == "1.2.1", sklearn.__version__
OUT = "core/src/test/resources/ref/ridge"


def data(name, n, p, seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, p)) * np.linspace(0.5, 4.0, p) + np.linspace(-1.0, 2.0, p)
    beta = rng.normal(size=p)
    y = 1.5 + x @ beta + rng.normal(size=n)
    w = rng.uniform(0.0, 3.0, size=n)
    w[6] = 0.0
    with open(os.path.join(OUT, name), "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow([f"x{j + 1}" for j in range(p)] + ["w", "y"])
        for i in range(n):
            out.writerow([repr(float(v)) for v in x[i]] + [repr(float(w[i])), repr(float(y[i]))])
    return x, w, y


os.makedirs(OUT, exist_ok=True)
rows = []
for name, n, p, seed in [("tall.csv", 40, 4, 1), ("wide.csv", 8, 12, 2)]:
    x, w, y = data(name, n, p, seed)
    for case, weighted, intercept, alpha in [
        ("weighted", True, True, 3.0),
        ("no-intercept", False, False, 2.0),
        ("weighted-no-intercept", True, False, 5.0),
    ]:
        m = Ridge(alpha=alpha, fit_intercept=intercept, solver="svd" if intercept else "cholesky",
                  tol=1e-12)
        m.fit(x, y, sample_weight=w if weighted else None)
        lam = alpha / (w.sum() if weighted else n)
        coef = [repr(float(c)) for c in m.coef_] + [""] * (12 - p)
        rows.append([case, name, repr(alpha), repr(float(lam)), repr(float(m.intercept_))] + coef)
        print(name, case, "lambda", lam, "a0", m.intercept_)
with open(os.path.join(OUT, "ridge.csv"), "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["case", "data", "alpha", "lambda", "a0"] + [f"b{j + 1}" for j in range(12)])
    out.writerows(rows)
