"""scikit-learn's ElasticNetCV over several l1_ratio on gauss.csv, for L1RatiosCvTest (core).

Run from the repository's root:
  /usr/bin/python3 core/src/test/resources/ref/make_l1_ratios_sklearn.py   (scikit-learn 1.2.1)
Reads gauss.csv.gz (n = 1000, p = 50, y of unit variance) and its fold ids gauss-foldid.csv.gz
(10 folds of 100 rows), fits ElasticNetCV(l1_ratio=[.1, .5, 1, .7, .9, .95, .99],
cv=PredefinedSplit(folds)) on the raw features (scikit-learn does not standardize), each
l1_ratio with its own alpha grid (100 alphas from its alpha_max = max|x_j'(y - ybar)|/(n r)
down to 1e-3 of it), at tol 1e-12, max_iter 10**6, and writes here:

  gauss-l1ratios-sklearn-cv.csv.gz   l1_ratio, alpha, then mse_fold1..mse_fold10
                                     (ElasticNetCV's mse_path_, alphas_ row by row)
  gauss-l1ratios-sklearn-select.csv  l1_ratio_, alpha_, intercept_, then coef_ x1..x50

tikhonov's λ is scikit-learn's alpha and α its l1_ratio (docs/objective.md). The l1_ratio are
not in increasing order, so that the chosen one (1: the data's effects are sparse) is neither
the first nor the last. ElasticNetCV picks the pair of the smallest unweighted mean of
mse_path_ over the folds; tikhonov's (cv.glmnet's) weights each fold by its size, the same
here (the script asserts both pick the same pair). Reproducible byte for byte (explicit folds,
cyclic coordinate descent).
"""
import csv
import gzip
import io
import os

import numpy as np
import sklearn
from sklearn.linear_model import ElasticNetCV
from sklearn.model_selection import PredefinedSplit

OUT = "core/src/test/resources/ref"
RATIOS = [0.1, 0.5, 1.0, 0.7, 0.9, 0.95, 0.99]
assert sklearn.__version__ == "1.2.1", sklearn.__version__

with gzip.open(os.path.join(OUT, "gauss.csv.gz"), "rt", newline="") as f:
    rows = list(csv.reader(f))
names = rows[0][:-1]
X = np.array([[float(v) for v in r[:-1]] for r in rows[1:]])
y = np.array([float(r[-1]) for r in rows[1:]])
with gzip.open(os.path.join(OUT, "gauss-foldid.csv.gz"), "rt") as f:
    folds = np.array([int(v) for v in f.read().split()[1:]])

fit = ElasticNetCV(l1_ratio=RATIOS, cv=PredefinedSplit(folds), tol=1e-12,
                   max_iter=10**6).fit(X, y)
# gzipped without a time stamp, so that the file is the same on every run
with gzip.GzipFile(os.path.join(OUT, "gauss-l1ratios-sklearn-cv.csv.gz"), "wb", mtime=0) as z, \
        io.TextIOWrapper(z, newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["l1_ratio", "alpha"]
               + ["mse_fold%d" % (k + 1) for k in range(fit.mse_path_.shape[2])])
    for r, alphas, mse in zip(RATIOS, fit.alphas_, fit.mse_path_):
        for a, m in zip(alphas, mse):
            w.writerow([repr(r), repr(float(a))] + [repr(float(v)) for v in m])
with open(os.path.join(OUT, "gauss-l1ratios-sklearn-select.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["l1_ratio_", "alpha_", "intercept_"] + names)
    w.writerow([repr(float(fit.l1_ratio_)), repr(float(fit.alpha_)),
                repr(float(fit.intercept_))] + [repr(float(v)) for v in fit.coef_])

sizes = np.bincount(folds)[1:]
weighted = fit.mse_path_ @ sizes / sizes.sum()
unweighted = fit.mse_path_.mean(axis=2)
pick_w = np.unravel_index(np.argmin(weighted), weighted.shape)
pick_u = np.unravel_index(np.argmin(unweighted), unweighted.shape)
assert pick_w == pick_u, (pick_w, pick_u)
print("scikit-learn %s, numpy %s" % (sklearn.__version__, np.__version__))
print("chosen l1_ratio_ %s, alpha_ %s (#%d of its grid); the size-weighted mean picks the same"
      % (fit.l1_ratio_, fit.alpha_, pick_u[1] + 1))
for r, m in zip(RATIOS, weighted):
    print("  l1_ratio %-5s  weighted mean at its minimum %.6f (#%d)" % (r, m.min(), m.argmin() + 1))
