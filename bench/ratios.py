#!/usr/bin/python3
"""Prints the issue-5/13 ratio table from the JSON files bench/compare.sh leaves in DIR."""
import glob
import json
import os
import statistics
import sys

if len(sys.argv) != 2 or sys.argv[1] in ("-h", "--help"):
    print(__doc__.strip() + "\n\nusage: bench/ratios.py DIR   (DIR: the --out of bench/compare.sh)")
    sys.exit(0 if len(sys.argv) == 2 else 2)
d = sys.argv[1]
if not os.path.isdir(d):
    print(sys.argv[0] + ": " + d + ": no such directory; DIR: the --out of bench/compare.sh", file=sys.stderr)
    sys.exit(2)


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

def gemm_rounds(tikhonov_glob, numpy_glob):
    """Each side's SGEMM rates by round: [{n: GFLOP/s}, ...], tikhonov's and numpy's, round r of
    one side paired with round r of the other (bench/compare.sh runs them in turn)."""
    tk_rounds = [{r["n"]: r["gflops"] for r in t["rows"]}
                 for t in (load(p) for p in sorted(glob.glob(os.path.join(d, tikhonov_glob)))) if t]
    np_rounds = [{r["n"]: r["gflops"] for r in t.get("sgemm", [])}
                 for t in (load(p) for p in sorted(glob.glob(os.path.join(d, numpy_glob)))) if t]
    return tk_rounds, np_rounds


tk_gemm, np_gemm = gemm_rounds("tikhonov-gemm-*/bench.json", "numpy-gemm-*.json")
if not tk_gemm:  # an output folder of the one-round layout (before the tenth session)
    tk_gemm, np_gemm = gemm_rounds("tikhonov-gemm/bench.json", "sklearn.json")
# The machine's SGEMM limit: the best rate either side reached at any size in any round of this
# run. One size alone misleads on a shared host (a run measured 41 GFLOP/s at n = 1024 between
# 107 and 125 at 512 and 2048, and 118 at 1024 a minute later).
gemm_rates = [g for side in (tk_gemm, np_gemm) for rnd in side for g in rnd.values()]
gemm_limit = max(gemm_rates) if gemm_rates else None

tk = [load(p) for p in sorted(glob.glob(os.path.join(d, "tikhonov-mlp-*", "bench.json")))]
tk = [t for t in tk if t]
th = [load(p) for p in sorted(glob.glob(os.path.join(d, "torch-mlp-*.json")))]
th = [t for t in th if t]
if tk:
    tk_sps = statistics.median(t["samples_per_second"] for t in tk)
    tk_ep = statistics.median(t["epoch_seconds_median"] for t in tk)
    tk_acc = statistics.median(t["test_accuracy"] for t in tk)
    rss = max(t["peak_rss_bytes"] for t in tk)
    th_ep = None
    if th:
        runs = [c["runs"][0] for t in th for c in t["configs"]]
        th_ep = statistics.median(statistics.median(r["epoch_times_s"][1:] or r["epoch_times_s"]) for r in runs)
        th_sps = 60000 / th_ep
        th_acc = statistics.median(r["final_test_acc"] for r in runs)
        # round r of one side against round r of the other (compare.sh runs them in turn): how
        # far the host moved the ratio between rounds, as the SGEMM rows show
        th_round_ep = [statistics.median(statistics.median(c["runs"][0]["epoch_times_s"][1:]
                                                           or c["runs"][0]["epoch_times_s"])
                                         for c in t["configs"]) for t in th]
        each = [th_e / t["epoch_seconds_median"] for t, th_e in zip(tk, th_round_ep)]
        ratio = f"{tk_sps / th_sps:.2f}x"
        if len(each) > 1:
            ratio += f" (rounds {min(each):.2f}-{max(each):.2f})"
        rows.append(("MLP samples/s (Fashion-MNIST, 2 threads)", f"{tk_sps:,.0f}", f"{th_sps:,.0f} (torch)",
                     ratio, ">= 2.0x"))
        rows.append(("MLP epoch seconds (median, epochs 2..N)", f"{tk_ep:.3f}", f"{th_ep:.3f}", f"{tk_ep / th_ep:.2f}x time", ""))
        rows.append(("MLP test accuracy after N epochs (seed 0)", f"{tk_acc:.4f}", f"{th_acc:.4f}",
                     f"{100 * (tk_acc - th_acc):+.2f} points", "within seed noise at 10 epochs"))
    else:
        rows.append(("MLP samples/s", f"{tk_sps:,.0f}", "torch not run", "", ""))
    flops = tk[0].get("flops_per_epoch")
    if flops and gemm_limit:
        limit = flops / (gemm_limit * 1e9)
        shares = [100 * limit / t["epoch_seconds_median"] for t in tk]
        mine = f"{100 * limit / tk_ep:.0f} %"
        if len(shares) > 1:
            mine += f" (rounds {min(shares):.0f}-{max(shares):.0f})"
        rows.append((f"MLP epoch vs the SGEMM limit ({flops / 1e9:.1f} GFLOP at the run's best {gemm_limit:.0f} GFLOP/s = {limit:.3f} s)",
                     mine, f"{100 * limit / th_ep:.0f} %" if th_ep else "-", "", ">= 65 %"))
    rows.append(("MLP peak RSS", f"{rss / 1e9:.2f} GB", "", "", "<= 1.5 GB"))


def experiment_rows():
    tk_t = [load(p) for p in sorted(glob.glob(os.path.join(d, "tikhonov-experiment-*.time.json")))]
    th_t = [load(p) for p in sorted(glob.glob(os.path.join(d, "torch-experiment-*.time.json")))]
    tk_t = [t for t in tk_t if t]
    th_t = [t for t in th_t if t]
    if not tk_t:
        return
    tk_s = statistics.median(t["wall_s"] for t in tk_t)
    # the sum of the runs' epoch times, from their histories (what the training loops took)
    epoch_sums = []
    for run_dir in sorted(glob.glob(os.path.join(d, "tikhonov-experiment-*[0-9]"))):
        total = 0.0
        for h in glob.glob(os.path.join(run_dir, "runs", "*", "*", "history.json")):
            total += sum(e["seconds"] for e in load(h))
        epoch_sums.append(total)
    th_sums = []
    for p in sorted(glob.glob(os.path.join(d, "torch-experiment-*.json"))):
        if p.endswith(".time.json"):
            continue
        t = load(p)
        if t:
            th_sums.append(sum(sum(r["epoch_times_s"]) for c in t["configs"] for r in c["runs"]))
    if th_t:
        th_s = statistics.median(t["wall_s"] for t in th_t)
        rows.append(("the main job: experiment mnist-l2, 42 runs x 10 epochs, wall s", f"{tk_s:.1f}",
                     f"{th_s:.1f} (torch_mlp.py)", f"{tk_s / th_s:.2f}x time", "<= 0.5x"))
    else:
        rows.append(("the main job: experiment mnist-l2, wall s", f"{tk_s:.1f}", "torch not run", "", "<= 0.5x"))
    if epoch_sums:
        rows.append(("  sum of the runs' epoch times, s (side by side: 2 at a time)",
                     f"{statistics.median(epoch_sums):.1f}",
                     f"{statistics.median(th_sums):.1f}" if th_sums else "-", "", ""))
    rows.append(("  peak RSS of the job", f"{max(t['max_rss_kb'] for t in tk_t) / 1e6:.2f} GB",
                 f"{max(t['max_rss_kb'] for t in th_t) / 1e6:.2f} GB" if th_t else "-", "", ""))


experiment_rows()

sk = load(os.path.join(d, "sklearn.json"))
for n in sorted({n for rnd in tk_gemm for n in rnd}):
    mine = statistics.median(rnd[n] for rnd in tk_gemm if n in rnd)
    peers = [rnd[n] for rnd in np_gemm if n in rnd]
    peer = statistics.median(peers) if peers else None
    ratio = ""
    if peer:
        ratio = f"{mine / peer:.2f}x"
        each = [a[n] / b[n] for a, b in zip(tk_gemm, np_gemm) if n in a and n in b]
        if len(each) > 1:
            ratio += f" (rounds {min(each):.2f}-{max(each):.2f})"
    rows.append((f"SGEMM GFLOP/s n={n}, median of {len(tk_gemm)} round(s)", f"{mine:.1f}",
                 f"{peer:.1f} (numpy)" if peer else "-", ratio, ">= 0.95x" if n == 1024 else ""))

tp = load(os.path.join(d, "tikhonov-path", "bench.json"))
gl = load(os.path.join(d, "glmnet.json"))
if tp:
    # issue 13's targets
    for name, target in (("lasso_path", "<= 0.15x"), ("enet_path", "<= 0.15x"), ("lasso_cv10", "<= 0.10x")):
        if name in tp:
            t = tp[name]["seconds"]
            g = gl["tasks"][name]["seconds"] if gl else None
            rows.append((f"{name} seconds", f"{t:.3f}", f"{g:.3f} (glmnet)" if g else "-",
                         f"{t / g:.2f}x time" if g else "", target))
    if "ridge_gcv" in tp:
        t = tp["ridge_gcv"]["seconds"]
        s = sk["ridge_gcv"]["seconds"] if sk and "ridge_gcv" in sk else None
        rows.append(("ridge_gcv seconds (100 λ + GCV)", f"{t:.3f}", f"{s:.3f} (RidgeCV)" if s else "-",
                     f"{t / s:.2f}x time" if s else "", "<= 0.20x"))
    # the first, cold, run of each side (bench path --warmup): what one call in a fresh process
    # costs, the JVM's compilation included; reported beside the warm medians, not instead
    peer_cold = dict((name, (gl or {}).get("tasks", {}).get(name, {}).get("cold_seconds"))
                     for name in ("lasso_path", "enet_path", "lasso_cv10"))
    peer_cold["ridge_gcv"] = (sk or {}).get("ridge_gcv", {}).get("cold_seconds")
    for name, c in peer_cold.items():
        t = tp.get(name, {}).get("cold_seconds")
        if t is not None and c is not None and tp[name].get("warmup_runs", 0) > 0:
            peer = "RidgeCV" if name == "ridge_gcv" else "glmnet"
            rows.append((f"{name} first run (cold)", f"{t:.3f}", f"{c:.3f} ({peer})",
                         f"{t / c:.2f}x time", ""))

head = ("work", "tikhonov", "peer", "ratio", "target")
if not rows:
    print("no results in " + d)
    sys.exit(0)
w = [max(len(str(r[i])) for r in rows + [head]) for i in range(5)]
print("| " + " | ".join(h.ljust(w[i]) for i, h in enumerate(head)) + " |")
print("|" + "|".join("-" * (w[i] + 2) for i in range(5)) + "|")
for r in rows:
    print("| " + " | ".join(str(c).ljust(w[i]) for i, c in enumerate(r)) + " |")
