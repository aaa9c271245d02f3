"""The digits case of bench/scratch/GroupedPasses.java: the first ROWS of the 2,000 test digits
of /work/shared/data/mnist-10k, each 28×28 image averaged over POOL×POOL blocks (28/POOL)²
features in [0, 1], label first as d0..d9.
  python3 bench/scratch/make_digits.py OUT.csv [POOL=4] [ROWS=1000]
POOL 4, ROWS 1000 (mnist1k49.csv, 49 features): sha256 in docs/performance-log.md."""
import gzip
import struct
import sys

pool = int(sys.argv[2]) if len(sys.argv) > 2 else 4
rows = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
root = "/work/shared/data/mnist-10k/"
images = gzip.open(root + "t10k-images-idx3-ubyte.gz").read()
labels = gzip.open(root + "t10k-labels-idx1-ubyte.gz").read()[8:]
side = 28 // pool
with open(sys.argv[1], "w") as f:
    f.write("label," + ",".join(f"px{i}" for i in range(side * side)) + "\n")
    for k in range(rows):
        px = images[16 + k * 784:16 + (k + 1) * 784]
        feats = []
        for a in range(side):
            for b in range(side):
                s = sum(px[(pool * a + u) * 28 + pool * b + w]
                        for u in range(pool) for w in range(pool))
                feats.append(s / (255 * pool * pool))
        f.write("d%d," % labels[k] + ",".join("%.6g" % v for v in feats) + "\n")
