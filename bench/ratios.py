#!/usr/bin/python3
"""Prints the issue-5 ratio table from the JSON files bench/compare.sh leaves in DIR."""
import glob
import json
import os
import statistics
import sys

d = sys.argv[1]


def load(path):
    try:
        with open(path) as f:
            text = f.read()
    except OSError:
        return None
    try:
        return json.loads(text)  # a pretty-printed file (tikhonov's bench.json)
    except ValueError:
        lines = [l for l in text.splitlines() if l.strip().startswith("{")]
        return json.loads(lines[-1]) if lines else None  # a peer's one-line JSON


rows = []  # (work, tikhonov, peer, ratio, target)

tk = [load(p) for p in sorted(glob.glob(os.path.join(d, "tikhonov-mlp-*", "bench.json")))]
tk = [t for t in tk if t]
th = [load(p) for p in sorted(glob.glob(os.path.join(d, "torch-mlp-*.json")))]
th = [t for t in th if t]
if tk:
    tk_sps = statistics.median(t["samples_per_second"] for t in tk)
    tk_ep = statistics.median(t["epoch_seconds_median"] for t in tk)
    tk_acc = statistics.median(t["test_accuracy"] for t in tk)
    rss = max(t["peak_rss_bytes"] for t in tk)
    if th:
        runs = [c["runs"][0] for t in th for c in t["configs"]]
        th_ep = statistics.median(statistics.median(r["epoch_times_s"][1:] or r["epoch_times_s"]) for r in runs)
        th_sps = 60000 / th_ep
        th_acc = statistics.median(r["final_test_acc"] for r in runs)
        rows.append(("MLP samples/s (Fashion-MNIST, 2 threads)", f"{tk_sps:,.0f}", f"{th_sps:,.0f} (torch)",
                     f"{tk_sps / th_sps:.2f}x", ">= 1.0x, aim 1.5x"))
        rows.append(("MLP epoch seconds (median, epochs 2..N)", f"{tk_ep:.3f}", f"{th_ep:.3f}", f"{tk_ep / th_ep:.2f}x time", ""))
        rows.append(("MLP test accuracy after N epochs (seed 0)", f"{tk_acc:.4f}", f"{th_acc:.4f}",
                     f"{100 * (tk_acc - th_acc):+.2f} points", "within 1 point at 10 epochs"))
    else:
        rows.append(("MLP samples/s", f"{tk_sps:,.0f}", "torch not run", "", ""))
    rows.append(("MLP peak RSS", f"{rss / 1e9:.2f} GB", "", "", "<= 1.5 GB"))

tg = load(os.path.join(d, "tikhonov-gemm", "bench.json"))
sk = load(os.path.join(d, "sklearn.json"))
if tg:
    np_rows = {r["n"]: r["gflops"] for r in (sk or {}).get("sgemm", [])}
    for r in tg["rows"]:
        peer = np_rows.get(r["n"])
        rows.append((f"SGEMM GFLOP/s n={r['n']}", f"{r['gflops']:.1f}",
                     f"{peer:.1f} (numpy)" if peer else "-",
                     f"{r['gflops'] / peer:.2f}x" if peer else "",
                     ">= 0.9x" if r["n"] == 1024 else ""))

tp = load(os.path.join(d, "tikhonov-path", "bench.json"))
gl = load(os.path.join(d, "glmnet.json"))
if tp:
    for name in ("lasso_path", "enet_path", "lasso_cv10"):
        if name in tp:
            t = tp[name]["seconds"]
            g = gl["tasks"][name]["seconds"] if gl else None
            rows.append((f"{name} seconds", f"{t:.3f}", f"{g:.3f} (glmnet)" if g else "-",
                         f"{t / g:.2f}x time" if g else "", "<= 1.0x"))
    if "ridge_gcv" in tp:
        t = tp["ridge_gcv"]["seconds"]
        s = sk["ridge_gcv"]["seconds"] if sk and "ridge_gcv" in sk else None
        rows.append(("ridge_gcv seconds (100 λ + GCV)", f"{t:.3f}", f"{s:.3f} (RidgeCV)" if s else "-",
                     f"{t / s:.2f}x time" if s else "", "<= 1.0x"))

head = ("work", "tikhonov", "peer", "ratio", "target")
w = [max(len(str(r[i])) for r in rows + [head]) for i in range(5)]
print("| " + " | ".join(h.ljust(w[i]) for i, h in enumerate(head)) + " |")
print("|" + "|".join("-" * (w[i] + 2) for i in range(5)) + "|")
for r in rows:
    print("| " + " | ".join(str(c).ljust(w[i]) for i, c in enumerate(r)) + " |")
