#!/usr/bin/python3
"""Data of one size of the linear scaling sweep (bench/compare.sh --only scaling-linear), in the
format and by the generator of ../shared/peers/make_synth.py, at any n and p:

numpy.random.default_rng(SEED) (PCG64, default SEED = 20240602), drawn in this order:
  1. z = standard_normal(n), a common factor per row
  2. E = standard_normal((n, p)) row-major; X0 = sqrt(rho)·z[:, None] + sqrt(1 − rho)·E,
     so every feature is N(0, 1) with pairwise correlation rho = 0.5 (equicorrelated)
  3. S = sort(choice(p, k, replace=False)), k = min(20, p) true nonzeros
  4. beta[S] = choice([−1, 1], k) · uniform(0.5, 2.0, k)
  5. noise sd sigma = sqrt(beta'·Sigma·beta / 3) (signal-to-noise ratio 3, Sigma the
     equicorrelation matrix); y0 = X0·beta + sigma·standard_normal(n)
  6. foldid = permutation(arange(n) % 10) + 1 (10 folds, 1-based)
Stored: X = X0 − column means (not scaled), y = (y0 − mean) / sd (sd with 1/n), so the
intercept is 0 and glmnet's internal rescaling of a gaussian y is the identity.
X is generated and written in blocks of rows, so the n = 10⁶ sizes need little more memory than
one block; with one block (n·p ≤ 2·10⁷ values) the draws are exactly make_synth.py's.

Files in OUT/: X.f64 (n·p little-endian float64, row-major), y.f64, foldid.i32, meta.json.
Usage: make_scaling_data.py --n N --p P --out DIR [--seed S]
"""
import argparse
import json
import os

import numpy as np

RHO, K, SNR, BLOCK = 0.5, 20, 3.0, 20_000_000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--p", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=20240602)
    a = ap.parse_args()
    if a.n < 10 or a.p < 1:
        raise SystemExit(f"make_scaling_data.py: --n must be >= 10 and --p >= 1, got {a.n}, {a.p}")
    n, p, k = a.n, a.p, min(K, a.p)
    rng = np.random.default_rng(a.seed)
    z = rng.standard_normal(n)
    rows = max(1, BLOCK // p)
    os.makedirs(a.out, exist_ok=True)
    # first pass: draw E block by block (in the order of one (n, p) draw), keep X0 on disk and
    # the column sums; the centring is a second pass over the file
    raw = os.path.join(a.out, "X0.f64.tmp")
    colsum = np.zeros(p)
    with open(raw, "wb") as fh:
        for first in range(0, n, rows):
            m = min(rows, n - first)
            block = np.sqrt(RHO) * z[first:first + m, None] + np.sqrt(1 - RHO) * rng.standard_normal((m, p))
            colsum += block.sum(axis=0)
            fh.write(block.astype("<f8").tobytes())
    S = np.sort(rng.choice(p, k, replace=False))
    sgn = rng.choice([-1.0, 1.0], k)
    mag = rng.uniform(0.5, 2.0, k)
    beta = np.zeros(p)
    beta[S] = sgn * mag
    sigma = float(np.sqrt(((1 - RHO) * beta @ beta + RHO * beta.sum() ** 2) / SNR))
    eps = sigma * rng.standard_normal(n)
    foldid = (rng.permutation(np.arange(n) % 10) + 1).astype("<i4")
    mean = colsum / n
    f = np.empty(n)
    tmp = os.path.join(a.out, "X.f64.tmp")
    with open(raw, "rb") as src, open(tmp, "wb") as dst:
        for first in range(0, n, rows):
            m = min(rows, n - first)
            block = np.frombuffer(src.read(8 * m * p), dtype="<f8").reshape(m, p)
            f[first:first + m] = block @ beta
            dst.write((block - mean).astype("<f8").tobytes())
    os.replace(tmp, os.path.join(a.out, "X.f64"))
    os.remove(raw)
    y0 = f + eps
    y = (y0 - y0.mean()) / y0.std()
    for name, arr in (("y.f64", y.astype("<f8")), ("foldid.i32", foldid)):
        with open(os.path.join(a.out, name + ".tmp"), "wb") as fh:
            fh.write(arr.tobytes())
        os.replace(os.path.join(a.out, name + ".tmp"), os.path.join(a.out, name))
    meta = {"n": n, "p": p, "rho": RHO, "k_nonzero": k, "snr_target": SNR, "seed": a.seed,
            "numpy": np.__version__, "sigma_noise_raw": sigma,
            "snr_empirical": float(f.var() / eps.var()), "support_0based": S.tolist(),
            "generator": "bench/peers/make_scaling_data.py (make_synth.py's recipe)",
            "layout": "X.f64 row-major n x p little-endian float64"}
    with open(os.path.join(a.out, "meta.json.tmp"), "w") as fh:
        json.dump(meta, fh, indent=1)
    os.replace(os.path.join(a.out, "meta.json.tmp"), os.path.join(a.out, "meta.json"))


if __name__ == "__main__":
    main()
