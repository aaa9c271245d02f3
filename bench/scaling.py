#!/usr/bin/python3
"""Collects the scaling sweep of bench/compare.sh --only scaling from DIR/scaling/ into
DIR/scaling/scaling.json (what `tikhonov bench chart` draws) and prints it as a markdown table:
seconds per epoch of tikhonov and PyTorch, the FLOP model (the epoch's FLOPs at the SGEMM rate
of DIR/tikhonov-gemm, n = 1024, measured in the same run), and each side's peak RSS."""
import glob
import json
import os
import sys

d = sys.argv[1]
s = os.path.join(d, "scaling")


def load(path):
    try:
        with open(path) as f:
            text = f.read()
    except OSError:
        return None
    try:
        return json.loads(text)
    except ValueError:
        lines = [l for l in text.splitlines() if l.strip().startswith("{")]
        return json.loads(lines[-1]) if lines else None


gemm = load(os.path.join(d, "tikhonov-gemm", "bench.json"))
rate = next((r["gflops"] for r in (gemm or {}).get("rows", []) if r["n"] == 1024), None)
out = {"gemm_gflops": rate, "batch": [], "width": []}
for path in sorted(glob.glob(os.path.join(s, "tikhonov-*", "bench.json"))):
    name = os.path.basename(os.path.dirname(path))[len("tikhonov-"):]
    tk = load(path)
    th = load(os.path.join(s, f"torch-{name}.json"))
    row = {"name": name, "batch_size": tk["batch_size"], "width": tk["hidden"][0],
           "flops_per_epoch": tk["flops_per_epoch"],
           "model_epoch_s": tk["flops_per_epoch"] / (rate * 1e9) if rate else None,
           "tikhonov_epoch_s": tk["epoch_seconds_median"],
           "tikhonov_peak_rss_bytes": tk["peak_rss_bytes"],
           "tikhonov_test_accuracy": tk["test_accuracy"],
           "torch_epoch_s": th["epoch_seconds_median"] if th else None,
           "torch_peak_rss_bytes": th["peak_rss_bytes"] if th else None,
           "torch_test_accuracy": th["test_accuracy"] if th else None}
    if name.startswith("batch-"):
        out["batch"].append(row)
        if row["batch_size"] == 128:  # the default shape is also the width sweep's w = 256
            out["width"].append(dict(row, name="width-256"))
    else:
        out["width"].append(row)
out["batch"].sort(key=lambda r: r["batch_size"])
out["width"].sort(key=lambda r: r["width"])
with open(os.path.join(s, "scaling.json"), "w") as f:
    json.dump(out, f, indent=1)


def fmt(v, spec):
    return "-" if v is None else format(v, spec)


print(f"SGEMM 1024³ rate for the FLOP model: {fmt(rate, '.1f')} GFLOP/s (2 threads)\n")
for key, label in (("batch", "batch size (784-256-128-10)"), ("width", "hidden w (784-w-w/2-10, batch 128)")):
    print(f"| {label} | GFLOP/epoch | model s | tikhonov s | PyTorch s | tikhonov/PyTorch time "
          "| tikhonov % of model | PyTorch % of model | tikhonov RSS | PyTorch RSS |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in out[key]:
        x = r["batch_size"] if key == "batch" else r["width"]
        m, t, p = r["model_epoch_s"], r["tikhonov_epoch_s"], r["torch_epoch_s"]
        print(f"| {x} | {r['flops_per_epoch'] / 1e9:.1f} | {fmt(m, '.3f')} | {t:.3f} | {fmt(p, '.3f')} "
              f"| {fmt(t / p if p else None, '.2f')}x | {fmt(100 * m / t if m else None, '.0f')} % "
              f"| {fmt(100 * m / p if m and p else None, '.0f')} % "
              f"| {r['tikhonov_peak_rss_bytes'] / 1e9:.2f} GB "
              f"| {fmt(r['torch_peak_rss_bytes'] / 1e9 if r['torch_peak_rss_bytes'] else None, '.2f')} GB |")
    print()
