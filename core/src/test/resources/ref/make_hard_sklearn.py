"""scikit-learn on make_hard.R's data, for NumericallyHardDataTest (core).

Run from the repository's root after make_hard.R:
  /usr/bin/python3 core/src/test/resources/ref/make_hard_sklearn.py   (scikit-learn 1.2.1)
Writes into core/src/test/resources/ref/hard/:
  wide-ridge.csv      Ridge(alpha = 4) on wide.csv.gz (n = 40, p = 2000): tikhonov's Ridge at
                      lambda = alpha / n = 0.1 (docs/objective.md); columns a0, x1..x2000
  duplicated-ridge.csv  Ridge(alpha = 0.6) on constant.csv's a, a again (an exact duplicate)
                      and c (n = 60, so lambda = 0.01): the grouping effect, both copies of a
                      get the same coefficient; columns a0, a, a_copy, c
  constant-ols.csv    LinearRegression on constant.csv (the column k constant): OLS, which
                      lambda = 1e-12 lambda_max approaches; lstsq's minimum-norm solution gives
                      the constant column 0, as glmnet does; columns a0, a, k, c
"""
import csv
import gzip
import os

import numpy as np
import sklearn
from sklearn.linear_model import LinearRegression, Ridge

assert sklearn.__version__ == "1.2.1", sklearn.__version__
OUT = "core/src/test/resources/ref/hard"


def read(name):
    opener = gzip.open if name.endswith(".gz") else open
    with opener(os.path.join(OUT, name), "rt") as f:
        rows = list(csv.reader(f))
    header, values = rows[0], np.array(rows[1:], dtype=float)
    return header[:-1], values[:, :-1], values[:, -1]


def write(name, header, intercept, coef):
    with open(os.path.join(OUT, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["a0"] + header)
        w.writerow([repr(float(intercept))] + [repr(float(c)) for c in coef])


names, x, y = read("wide.csv.gz")
m = Ridge(alpha=4.0, solver="svd").fit(x, y)
write("wide-ridge.csv", names, m.intercept_, m.coef_)

names, x, y = read("constant.csv")
dup = np.column_stack([x[:, 0], x[:, 0], x[:, 2]])
m = Ridge(alpha=0.6, solver="svd").fit(dup, y)
write("duplicated-ridge.csv", ["a", "a_copy", "c"], m.intercept_, m.coef_)
print("duplicated ridge", m.coef_)

m = LinearRegression().fit(x, y)
write("constant-ols.csv", names, m.intercept_, m.coef_)
print("constant OLS", m.intercept_, m.coef_)
