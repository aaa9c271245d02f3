#!/usr/bin/python3
"""Makes the evidence tests' data and reference numbers from Debian's python3-sklearn 1.2.1.

Run from anywhere:  /usr/bin/python3 make_references.py
Writes, next to this script:
  diabetes.csv       sklearn's diabetes_data_raw.csv.gz + diabetes_target.csv.gz (442 x 10 + y),
                     the unscaled original values, token for token
  linnerud.csv       sklearn's linnerud_exercise.csv + linnerud_physiological.csv (20 x 3 + 3)
  breast-cancer.csv  sklearn's breast_cancer.csv (569 x 30, label 0 = malignant, 1 = benign)
  wine.csv           sklearn's wine_data.csv (178 x 13, classes 0, 1, 2)
  bayesian-ridge.json  BayesianRidge's alpha_, lambda_, coef_, intercept_ and log marginal
                     likelihood on the cases below, and sklearn's own log marginal likelihood
                     (its _log_marginal_likelihood) along a grid of lambda with the noise
                     precision profiled out.

BayesianRidge is run with tol=1e-300 (it stops only when an iteration leaves coef_ unchanged,
or after n_iter=100000), and the script refuses to write a case unless MacKay's fixed-point
equations hold at the result to 1e-10 and a direct 1-D maximization of sklearn's score agrees.
"""
import gzip
import json
import math
import os

import numpy as np
import scipy.optimize
import sklearn
import sklearn.datasets
from sklearn.linear_model import BayesianRidge
from sklearn.linear_model._base import _preprocess_data

assert sklearn.__version__ == "1.2.1", sklearn.__version__
HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(os.path.dirname(sklearn.datasets.__file__), "data")


def tokens(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as f:
        return [line.split() for line in f if line.strip()]


def write_csv(name, header, rows):
    with open(os.path.join(HERE, name), "w") as f:
        f.write(",".join(header) + "\n")
        for row in rows:
            f.write(",".join(row) + "\n")


def make_data():
    x = tokens(os.path.join(SOURCE, "diabetes_data_raw.csv.gz"))
    y = tokens(os.path.join(SOURCE, "diabetes_target.csv.gz"))
    assert len(x) == len(y) == 442
    # the target file prints integers as 1.510000000000000000e+02; write them as 151
    rows = [r + ["%d" % float(t[0])] for r, t in zip(x, y)]
    assert all(float(r[-1]) == float(t[0]) for r, t in zip(rows, y))
    write_csv("diabetes.csv", ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6",
                               "progression"], rows)
    ex = tokens(os.path.join(SOURCE, "linnerud_exercise.csv"))
    ph = tokens(os.path.join(SOURCE, "linnerud_physiological.csv"))
    write_csv("linnerud.csv", ex[0] + ph[0], [a + b for a, b in zip(ex[1:], ph[1:])])
    for source, name, loader in [("breast_cancer.csv", "breast-cancer.csv",
                                  sklearn.datasets.load_breast_cancer),
                                 ("wine_data.csv", "wine.csv", sklearn.datasets.load_wine)]:
        with open(os.path.join(SOURCE, source)) as f:
            lines = [line.strip() for line in f if line.strip()]
        names = [n.replace(" ", "_") for n in loader().feature_names] + ["class"]
        body = [line.split(",") for line in lines[1:]]
        assert len(body) == int(lines[0].split(",")[0])
        write_csv(name, names, body)


def read(name):
    with open(os.path.join(HERE, name)) as f:
        header = f.readline().strip().split(",")
        data = np.array([[float(v) for v in line.split(",")] for line in f])
    return header, data


def profiled_score(model, xc, yc, eigen, u, vh, ratio):
    """sklearn's log marginal likelihood at lambda_/alpha_ = ratio, alpha_ at its best."""
    n, p = xc.shape
    coef, rmse = model._update_coef_(xc, yc, n, p, xc.T @ yc, u, vh, eigen, 1.0, ratio)
    energy = rmse + ratio * np.sum(coef ** 2)
    a1, a2, l1, l2 = model.alpha_1, model.alpha_2, model.lambda_1, model.lambda_2
    noise = (n + 2 * l1 + 2 * a1) / (energy + 2 * l2 * ratio + 2 * a2)
    return model._log_marginal_likelihood(n, p, eigen, noise, ratio * noise, coef, rmse)


def case(name, x, y, hyper, rows):
    n, p = x.shape
    model = BayesianRidge(n_iter=100000, tol=1e-300, alpha_1=hyper, alpha_2=hyper,
                          lambda_1=hyper, lambda_2=hyper, compute_score=True)
    xc, yc, _, _, _ = _preprocess_data(x, y, True, copy=True)
    u, s, vh = np.linalg.svd(xc, full_matrices=False)
    eigen = s ** 2
    with np.errstate(all="ignore"):
        model.fit(x, y)
    out = {"name": name, "rows": rows, "n": n, "p": p, "alpha_1": hyper, "alpha_2": hyper,
           "lambda_1": hyper, "lambda_2": hyper, "n_iter": model.n_iter_}
    converged = np.isfinite(model.lambda_) and np.isfinite(model.alpha_)
    if converged:
        alpha, lam, coef = model.alpha_, model.lambda_, model.coef_
        gamma = np.sum(alpha * eigen / (lam + alpha * eigen))
        rss = np.sum((yc - xc @ coef) ** 2)
        fixed_lambda = (gamma + 2 * hyper) / (np.sum(coef ** 2) + 2 * hyper)
        fixed_alpha = (n - gamma + 2 * hyper) / (rss + 2 * hyper)
        assert abs(fixed_lambda / lam - 1) < 1e-10, (name, fixed_lambda, lam)
        assert abs(fixed_alpha / alpha - 1) < 1e-10, (name, fixed_alpha, alpha)
        t0 = math.log(lam / alpha)
        best = scipy.optimize.minimize_scalar(
            lambda t: -profiled_score(model, xc, yc, eigen, u, vh, math.exp(t)),
            bracket=(t0 - 1, t0, t0 + 1), tol=1e-12)
        assert abs(best.x - t0) < 1e-5, (name, best.x, t0)
        out.update({"alpha_": alpha, "lambda_": lam, "lambda": lam / (n * alpha),
                    "coef_": list(coef), "intercept_": model.intercept_,
                    "score": model.scores_[-1], "gamma": gamma})
        centre = lam / (n * alpha)
    else:
        # The evidence grows all the way to lambda_ = infinity (coef_ = 0): sklearn's
        # iteration divides by sum(coef_**2) -> 0 and ends in nan.
        out.update({"alpha_": None, "lambda_": None, "lambda": None})
        centre = 1.0
    grid = [centre * 10 ** (k / 2) for k in range(-8, 9)]
    out["grid_lambda"] = grid
    out["grid_score"] = [profiled_score(model, xc, yc, eigen, u, vh, n * g) for g in grid]
    return out


def main():
    make_data()
    _, diabetes = read("diabetes.csv")
    _, linnerud = read("linnerud.csv")
    x, y = diabetes[:, :10], diabetes[:, 10]
    cases = [
        case("diabetes", x, y, 0.0, "all"),
        case("diabetes, sklearn's default hyperpriors", x, y, 1e-6, "all"),
        case("diabetes, first 8 rows (n < p)", x[:8], y[:8], 1e-6, "1-8"),
        case("diabetes, first 8 rows (n < p), no hyperpriors", x[:8], y[:8], 0.0, "1-8"),
    ]
    for target, column in [("Weight", 3), ("Waist", 4), ("Pulse", 5)]:
        for hyper in (0.0, 1e-6):
            cases.append(case("linnerud %s ~ Chins + Situps + Jumps%s" % (
                target, ", sklearn's default hyperpriors" if hyper else ""),
                linnerud[:, :3], linnerud[:, column], hyper, "all"))
    with open(os.path.join(HERE, "bayesian-ridge.json"), "w") as f:
        json.dump({"sklearn": sklearn.__version__, "numpy": np.__version__,
                   "made_by": "make_references.py", "cases": cases}, f, indent=1)
        f.write("\n")
    for c in cases:
        print(c["name"], c["n_iter"], c["lambda"])


if __name__ == "__main__":
    main()
