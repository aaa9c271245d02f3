"""lambda_max = sigma_max(G), G = (1/n) X^T (Y - 1 ybar^T), for LambdaGridTest.

Reads the bundled MNIST sample (core/src/main/resources/dev/tikhonov/data/mnist-10k), pixels
/255, Y one-hot; numpy's SVD in float64. Also the standardized version (columns centred and
divided by their standard deviation with divisor n, constant columns by 1).

    python3 make_reference.py > lambda-max.csv
"""
import gzip
import os

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, *[".."] * 6, "main", "resources", "dev", "tikhonov", "data",
                    "mnist-10k")


def load(prefix):
    with gzip.open(os.path.join(root, prefix + "-images-idx3-ubyte.gz")) as f:
        x = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784) / 255.0
    with gzip.open(os.path.join(root, prefix + "-labels-idx1-ubyte.gz")) as f:
        y = np.frombuffer(f.read(), np.uint8, offset=8)
    return x, y


def lambda_max(x, y):
    n = len(y)
    Y = np.eye(10)[y]
    G = x.T @ (Y - Y.mean(0)) / n
    return np.linalg.svd(G, compute_uv=False)[0]


x, y = load("train")
print("rows,standardize,lambda_max")
for rows in (8000, 600):
    print("%d,false,%.17g" % (rows, lambda_max(x[:rows], y[:rows])))
    zs = x[:rows]
    s = zs.std(0)
    s[s == 0] = 1
    print("%d,true,%.17g" % (rows, lambda_max((zs - zs.mean(0)) / s, y[:rows])))
