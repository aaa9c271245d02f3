#!/usr/bin/python3
"""Writes the example data sets of data/ from files already on a Debian machine, then prints
the SHA-256 of each file it wrote (data/README.md lists them).

Run from the repository root with Debian's Python, which has scikit-learn's data files:

    /usr/bin/python3 data/make_data.py

Sources (nothing is downloaded):
  - scikit-learn's bundled data, /usr/lib/python3/dist-packages/sklearn/datasets/data/
    (Debian package python3-sklearn): diabetes, breast_cancer, wine;
  - R's survival package (Debian r-cran-survival, a recommended package of every R install),
    through data/make_cgd.R, run with Rscript: the CGD trial (cgd.csv);
  - the project's bundled MNIST sample, core/src/main/resources/dev/tikhonov/data/mnist-10k/:
    the first 100 test digits (digits.csv.gz).

Only the standard library is used, so the output does not depend on numpy's or pandas'
number formatting. Gzipped files are written with mtime 0 and no file name, so they are the
same bytes on every run.
"""
import csv
import gzip
import hashlib
import io
import os
import struct
import subprocess
import sys

SKLEARN = "/usr/lib/python3/dist-packages/sklearn/datasets/data"
MNIST = "core/src/main/resources/dev/tikhonov/data/mnist-10k"
OUT = "data"

DIABETES_FEATURES = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]
# scikit-learn's feature_names for breast_cancer (load_breast_cancer), spaces as '_'.
CANCER_STATS = ["radius", "texture", "perimeter", "area", "smoothness", "compactness",
                "concavity", "concave_points", "symmetry", "fractal_dimension"]
CANCER_FEATURES = ([f"mean_{s}" for s in CANCER_STATS] + [f"{s}_error" for s in CANCER_STATS]
                   + [f"worst_{s}" for s in CANCER_STATS])
# scikit-learn's feature_names for wine (load_wine), '/' and spaces as '_'.
WINE_FEATURES = ["alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium",
                 "total_phenols", "flavanoids", "nonflavanoid_phenols", "proanthocyanins",
                 "color_intensity", "hue", "od280_od315_of_diluted_wines", "proline"]


def number(text):
    """A cell as the shortest text of its value: '101.0' -> '101', '4.0' -> '4', '3.8918' kept."""
    value = float(text)
    return str(int(value)) if value.is_integer() else repr(value)


def write_csv(name, header, rows, compress=False):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode("utf-8")
    write_bytes(name, data, compress)


def write_bytes(name, data, compress):
    if compress:
        data = gzip.compress(data, mtime=0)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def sklearn_table(name):
    """scikit-learn's layout: a first line 'n,p,class names...', then p features and a class index."""
    with open(os.path.join(SKLEARN, name), newline="") as f:
        reader = csv.reader(f)
        first = next(reader)
        n, p, classes = int(first[0]), int(first[1]), first[2:]
        rows = [r for r in reader if r]
    assert len(rows) == n and all(len(r) == p + 1 for r in rows), name
    return rows, classes


def diabetes():
    # Efron et al.'s original (unstandardized) values, as scikit-learn's load_diabetes(scaled=False).
    with gzip.open(os.path.join(SKLEARN, "diabetes_data_raw.csv.gz"), "rt") as f:
        x = [line.split() for line in f if line.strip()]
    with gzip.open(os.path.join(SKLEARN, "diabetes_target.csv.gz"), "rt") as f:
        y = [line.strip() for line in f if line.strip()]
    assert len(x) == len(y) == 442 and all(len(r) == 10 for r in x)
    write_csv("diabetes.csv", DIABETES_FEATURES + ["progression"],
              [[number(v) for v in r] + [number(t)] for r, t in zip(x, y)])


def breast_cancer():
    rows, classes = sklearn_table("breast_cancer.csv")
    assert classes == ["malignant", "benign"] and len(rows) == 569
    # An id (the row's number in scikit-learn's file) so that --ignore-columns has a real use;
    # the diagnosis as text, the class names scikit-learn gives (0 malignant, 1 benign).
    write_csv("breast_cancer.csv", ["id"] + CANCER_FEATURES + ["diagnosis"],
              [[str(i + 1)] + [number(v) for v in r[:-1]] + [classes[int(r[-1])]]
               for i, r in enumerate(rows)])
    # The same rows as LIBSVM: label 1 = malignant, 0 = benign; zero cells left out.
    lines = []
    for r in rows:
        label = "1" if int(r[-1]) == 0 else "0"
        cells = [f"{j + 1}:{number(v)}" for j, v in enumerate(r[:-1]) if float(v) != 0.0]
        lines.append(" ".join([label] + cells) + "\n")
    write_bytes("breast_cancer.svm.gz", "".join(lines).encode("ascii"), compress=True)


def wine():
    rows, classes = sklearn_table("wine_data.csv")
    assert classes == ["class_0", "class_1", "class_2"] and len(rows) == 178
    write_csv("wine.csv", WINE_FEATURES + ["cultivar"],
              [[number(v) for v in r[:-1]] + [classes[int(r[-1])]] for r in rows])


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = struct.unpack(">" + "I" * (magic & 0xFF), data[4:4 + 4 * (magic & 0xFF)])
    return dims, data[4 + 4 * len(dims):]


def digits(count=100):
    dims, pixels = idx(os.path.join(MNIST, "t10k-images-idx3-ubyte.gz"))
    _, labels = idx(os.path.join(MNIST, "t10k-labels-idx1-ubyte.gz"))
    p = dims[1] * dims[2]
    # Mnist's scaling, byte b -> b / 255, written with 9 significant
    # digits, enough to read back as the same float32.
    rows = [[str(labels[i])] + [("%.9g" % (b / 255)) if b else "0"
                                for b in pixels[i * p:(i + 1) * p]] for i in range(count)]
    write_csv("digits.csv.gz", ["label"] + [f"px{j}" for j in range(p)], rows, compress=True)


def main():
    if not os.path.isdir(OUT) or not os.path.isdir(MNIST):
        sys.exit("make_data.py: run from the repository root (no data/ or " + MNIST + " here)")
    diabetes()
    breast_cancer()
    wine()
    digits()
    subprocess.run(["Rscript", os.path.join(OUT, "make_cgd.R")], check=True)
    for name in sorted(os.listdir(OUT)):
        if name.endswith((".csv", ".csv.gz", ".svm.gz")):
            with open(os.path.join(OUT, name), "rb") as f:
                print(f"    {hashlib.sha256(f.read()).hexdigest()}  {name}")


if __name__ == "__main__":
    main()
