#!/usr/bin/python3
"""scikit-learn RidgeCV(gcv_mode='svd') over glmnet's 100 ridge lambdas (alphas = n*lambda), as
../shared/peers/sklearn_linear.py times it (numpy's SGEMM: numpy_sgemm.py).
Usage: sklearn_ridge_gcv.py DATA_DIR LAMBDAS_CSV REPEATS [WARMUP]  -> one JSON line on stdout.
WARMUP untimed fits come first (default 0), as tikhonov's `bench path --warmup`; the first fit's
time is reported as cold_seconds.
Threads are pinned to 2 before numpy is imported."""
import json
import os
import statistics
import sys
import time

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "2"
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import numpy as np  # noqa: E402
from sklearn.linear_model import RidgeCV  # noqa: E402

data, lambdas_csv = sys.argv[1], sys.argv[2]
reps = int(sys.argv[3]) if len(sys.argv) > 3 else 1
warmup = int(sys.argv[4]) if len(sys.argv) > 4 else 0
meta = json.load(open(os.path.join(data, "meta.json")))
n, p = meta["n"], meta["p"]
X = np.fromfile(os.path.join(data, "X.f64"), dtype="<f8").reshape(n, p)
y = np.fromfile(os.path.join(data, "y.f64"), dtype="<f8")
lam = np.loadtxt(lambdas_csv, delimiter=",", skiprows=1)[:, 1]

out = {"bench": "sklearn_ridge_gcv", "numpy": np.__version__}
times = []
for _ in range(warmup + reps):
    t = time.perf_counter()
    m = RidgeCV(alphas=n * lam, gcv_mode="svd").fit(X, y)
    times.append(time.perf_counter() - t)
out["ridge_gcv"] = {"seconds": statistics.median(times[warmup:]), "seconds_all": times[warmup:],
                    "warmup_runs": warmup, "cold_seconds": times[0],
                    "lambda_gcv": float(m.alpha_ / n)}
print(f"sklearn RidgeCV {out['ridge_gcv']['seconds']:.3f} s", file=sys.stderr)

print(json.dumps(out))
