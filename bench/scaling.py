#!/usr/bin/python3
"""Collects the scaling sweeps of bench/compare.sh --only scaling from DIR/scaling/ into
DIR/scaling/scaling.json (what `tikhonov bench chart` draws) and prints them as markdown tables.

MLP ("batch", "width"): seconds and process CPU seconds per epoch of tikhonov and PyTorch, the
FLOP model (the epoch's FLOPs at the SGEMM rate of DIR/tikhonov-gemm, n = 1024, measured in the
same run), and each side's peak RSS.
Linear ("linear_n" at p = 100, "linear_p" at n = 10,000): wall and CPU seconds of the lasso path
and the 10-fold CV on each side (tikhonov: the fitting thread's CPU time; glmnet: system.time
user + system), and each side's peak RSS from GNU time (`/usr/bin/time -v`) over its whole
process, next to the data's own size 8·n·p bytes."""
import glob
import json
import os
import sys

if len(sys.argv) != 2 or sys.argv[1] in ("-h", "--help"):
    print(__doc__.strip() + "\n\nusage: bench/scaling.py DIR   (DIR: the --out of bench/compare.sh --only scaling)")
    sys.exit(0 if len(sys.argv) == 2 else 2)
d = sys.argv[1]
if not os.path.isdir(d):
    print(sys.argv[0] + ": " + d + ": no such directory; DIR: the --out of bench/compare.sh --only scaling", file=sys.stderr)
    sys.exit(2)
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


# the sweep's own SGEMM run (at its thread count), else the 2-thread one of --only gemm
gemm = (load(os.path.join(s, "tikhonov-gemm", "bench.json"))
        or load(os.path.join(d, "tikhonov-gemm-1", "bench.json"))
        or load(os.path.join(d, "tikhonov-gemm", "bench.json")))
rate = next((r["gflops"] for r in (gemm or {}).get("rows", []) if r["n"] == 1024), None)
# at one thread the rate by the calling thread's CPU time, which a loaded machine leaves intact
cpu_rate = next((r.get("thread_cpu_gflops") for r in (gemm or {}).get("rows", [])
                 if r["n"] == 1024), None)
out = {"gemm_gflops": rate, "gemm_cpu_gflops": cpu_rate, "batch": [], "width": [], "linear_n": [], "linear_p": []}


def gnu_time(path):
    """Peak RSS (bytes), wall and user + system seconds of one `/usr/bin/time -v` report."""
    try:
        with open(path) as f:
            lines = f.read().splitlines()
    except OSError:
        return {}
    r = {}
    for line in lines:
        key, _, value = line.strip().rpartition(": ")
        if key == "Maximum resident set size (kbytes)":
            r["peak_rss_bytes"] = int(value) * 1024
        elif key in ("User time (seconds)", "System time (seconds)"):
            r["cpu_s"] = r.get("cpu_s", 0.0) + float(value)
        elif key.startswith("Elapsed (wall clock) time"):
            wall = 0.0
            for part in value.split(":"):
                wall = 60 * wall + float(part)
            r["wall_s"] = wall
        elif key == "Exit status":
            r["exit_status"] = int(value)
    return r


def linear_row(name):
    tk = load(os.path.join(s, f"tikhonov-{name}", "bench.json")) or {}
    gl = load(os.path.join(s, f"glmnet-{name}.json")) or {}
    tt = gnu_time(os.path.join(s, f"tikhonov-{name}.time.txt"))
    gt = gnu_time(os.path.join(s, f"glmnet-{name}.time.txt"))
    n, p = (int(v[1:]) for v in name.split("-")[1:3])
    tasks = gl.get("tasks", {})
    row = {"name": name, "n": n, "p": p, "data_bytes": 8 * n * p,
           "tikhonov_threads": tk.get("threads"),
           "tikhonov_route": "covariance" if p < 500 else "gram" if p <= 4096 and n >= p
           else "naive",
           "glmnet_route": gl.get("type_gaussian")}
    for task, key in (("lasso_path", "path"), ("lasso_cv10", "cv")):
        t = tk.get(task, {})
        g = tasks.get(task, {})
        row[f"tikhonov_{key}_s"] = t.get("seconds")
        row[f"tikhonov_{key}_cpu_s"] = t.get("thread_cpu_seconds")
        row[f"tikhonov_{key}_process_cpu_s"] = t.get("process_cpu_seconds")
        row[f"glmnet_{key}_s"] = g.get("seconds")
        row[f"glmnet_{key}_cpu_s"] = g.get("cpu_seconds")
    row["tikhonov_lambda_min"] = tk.get("lasso_cv10", {}).get("lambda_min")
    row["glmnet_lambda_min"] = tasks.get("lasso_cv10", {}).get("lambda_min")
    for side, t in (("tikhonov", tt), ("glmnet", gt)):
        row[f"{side}_peak_rss_bytes"] = t.get("peak_rss_bytes")
        row[f"{side}_process_wall_s"] = t.get("wall_s")
        row[f"{side}_process_cpu_s"] = t.get("cpu_s")
    return row


for path in sorted(glob.glob(os.path.join(s, "tikhonov-linear-*", "bench.json"))):
    row = linear_row(os.path.basename(os.path.dirname(path))[len("tikhonov-"):])
    if row["p"] == 100:
        out["linear_n"].append(row)
    if row["n"] == 10_000:
        out["linear_p"].append(row)
out["linear_n"].sort(key=lambda r: r["n"])
out["linear_p"].sort(key=lambda r: r["p"])

for path in sorted(glob.glob(os.path.join(s, "tikhonov-*", "bench.json"))):
    name = os.path.basename(os.path.dirname(path))[len("tikhonov-"):]
    if name.startswith("linear-") or name == "gemm":
        continue
    tk = load(path)
    th = load(os.path.join(s, f"torch-{name}.json"))
    row = {"name": name, "batch_size": tk["batch_size"], "width": tk["hidden"][0],
           "flops_per_epoch": tk["flops_per_epoch"],
           "model_epoch_s": tk["flops_per_epoch"] / (rate * 1e9) if rate else None,
           "model_epoch_cpu_s": tk["flops_per_epoch"] / (cpu_rate * 1e9) if cpu_rate else None,
           "tikhonov_epoch_s": tk["epoch_seconds_median"],
           "tikhonov_epoch_cpu_s": tk.get("epoch_cpu_seconds_median"),
           "threads": tk.get("threads"),
           "tikhonov_peak_rss_bytes": tk["peak_rss_bytes"],
           "tikhonov_test_accuracy": tk["test_accuracy"],
           "torch_epoch_s": th["epoch_seconds_median"] if th else None,
           "torch_epoch_cpu_s": th.get("epoch_cpu_seconds_median") if th else None,
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


def gb(v):
    return "-" if v is None else f"{v / 1e9:.2f} GB"


def ratio(a, b):
    return "-" if a is None or not b else f"{a / b:.2f}x"



# the FLOP model against CPU seconds when the sweep ran at one thread (the SGEMM rate by thread
# CPU time), else against wall seconds
by_cpu = cpu_rate is not None
model_rate = cpu_rate if by_cpu else rate
if out["batch"] or out["width"]:
    print(f"SGEMM 1024³ rate for the FLOP model: {fmt(model_rate, '.1f')} GFLOP/s "
          f"({(gemm or {}).get('threads', '-')} thread(s), by "
          f"{'thread CPU time' if by_cpu else 'wall time'}; by wall time {fmt(rate, '.1f')})\n")
for key, label in (("batch", "batch size (784-256-128-10)"), ("width", "hidden w (784-w-w/2-10, batch 128)")):
    if not out[key]:
        continue
    kind = "CPU " if by_cpu else ""
    print(f"| {label} | GFLOP/epoch | tikhonov s | PyTorch s | time ratio | tikhonov CPU s "
          f"| PyTorch CPU s | CPU ratio | model {kind}s | tikhonov % of model | PyTorch % of model "
          "| tikhonov RSS | PyTorch RSS |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in out[key]:
        x = r["batch_size"] if key == "batch" else r["width"]
        m = r["model_epoch_cpu_s"] if by_cpu else r["model_epoch_s"]
        t, p = r["tikhonov_epoch_s"], r["torch_epoch_s"]
        tc, pc = r["tikhonov_epoch_cpu_s"], r["torch_epoch_cpu_s"]
        tm, pm = (tc, pc) if by_cpu else (t, p)
        print(f"| {x} | {r['flops_per_epoch'] / 1e9:.1f} | {t:.3f} | {fmt(p, '.3f')} "
              f"| {ratio(t, p)} | {fmt(tc, '.3f')} | {fmt(pc, '.3f')} | {ratio(tc, pc)} "
              f"| {fmt(m, '.3f')} | {fmt(100 * m / tm if m and tm else None, '.0f')} % "
              f"| {fmt(100 * m / pm if m and pm else None, '.0f')} % "
              f"| {gb(r['tikhonov_peak_rss_bytes'])} | {gb(r['torch_peak_rss_bytes'])} |")
    print()


for key, label in (("linear_n", "n (p = 100)"), ("linear_p", "p (n = 10,000)")):
    if not out[key]:
        continue
    print(f"| {label} | route tikhonov / glmnet | path s tikhonov | path s glmnet "
          "| path CPU s tikhonov | path CPU s glmnet | CPU ratio | CV s tikhonov | CV s glmnet "
          "| CV CPU s tikhonov | CV CPU s glmnet | CPU ratio | X | peak RSS tikhonov "
          "| peak RSS glmnet |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in out[key]:
        x = r["n"] if key == "linear_n" else r["p"]
        print(f"| {x:,} | {r['tikhonov_route']} / {r['glmnet_route'] or '-'} "
              f"| {fmt(r['tikhonov_path_s'], '.3f')} | {fmt(r['glmnet_path_s'], '.3f')} "
              f"| {fmt(r['tikhonov_path_cpu_s'], '.3f')} | {fmt(r['glmnet_path_cpu_s'], '.3f')} "
              f"| {ratio(r['tikhonov_path_cpu_s'], r['glmnet_path_cpu_s'])} "
              f"| {fmt(r['tikhonov_cv_s'], '.3f')} | {fmt(r['glmnet_cv_s'], '.3f')} "
              f"| {fmt(r['tikhonov_cv_cpu_s'], '.3f')} | {fmt(r['glmnet_cv_cpu_s'], '.3f')} "
              f"| {ratio(r['tikhonov_cv_cpu_s'], r['glmnet_cv_cpu_s'])} "
              f"| {r['data_bytes'] / 1e6:,.0f} MB | {gb(r['tikhonov_peak_rss_bytes'])} "
              f"| {gb(r['glmnet_peak_rss_bytes'])} |")
    print()
