#!/usr/bin/python3
"""Where the time of a training run goes, from a JFR recording (docs/performance.md):

    java -XX:StartFlightRecording=filename=run.jfr,settings=profile -jar tikhonov.jar bench mlp ...
    bench/profile.py run.jfr

JFR samples Java frames every 10 ms per thread (jdk.ExecutionSample) and threads inside native
code every 20 ms (jdk.NativeMethodSample, here almost only OpenBLAS); each sample is weighted by
its period. Samples are grouped by the first frame of the trainer's own code (the GEMM call
sites, the element-wise kernels, the optimizer, waiting at the barrier, ...), per thread."""
import collections
import re
import subprocess
import sys

path = sys.argv[1]
PERIOD = {"jdk.ExecutionSample": 0.010, "jdk.NativeMethodSample": 0.020}

# categories by the trainer's own frames; GEMMs by the frame that called Blas.gemm*
GEMM_SITES = [
    ("GEMM forward (x·W)", r"BatchParts\.forward|Dense\.forward"),
    ("GEMM weight gradient (xᵀ·g)", r"BatchParts\.parameterGradients"),
    ("GEMM backward (Dense.backward: xᵀ·g and g·Wᵀ)", r"Dense\.backward"),
    ("GEMM input gradient (g·Wᵀ)", r"BatchParts\.backward"),
]
RULES = [
    ("evaluation (per epoch)", r"train\.Evaluation|estimate\.Evaluation|NetworkClassifier\.evaluate"),
    ("optimizer (fused SGD)", r"FusedSgd|Optimizer\.step"),
    ("waiting at the barrier / for the worker",
     r"Barrier\.await|BatchStep\$Parallel\.run\(|workerLoop|onSpinWait|LockSupport"),
    ("gather rows", r"gatherRows|copyRow"),
    ("bias + ReLU, ReLU mask", r"addRowVector|reluMask|rectify"),
    ("dropout", r"Kernels\.dropout|Kernels\.multiply"),
    ("bias column sums", r"ColumnSums|columnSums"),
    ("softmax cross-entropy", r"SoftmaxCrossEntropy"),
]


def category(frames):
    text = "\n".join(frames)
    if re.search(RULES[0][1], text):
        return RULES[0][0]
    for i, f in enumerate(frames):
        if "tensor.Blas.gemm" in f:
            site = frames[i + 1] if i + 1 < len(frames) else ""
            for name, pattern in GEMM_SITES:
                if re.search(pattern, site):
                    return name
            return "other BLAS"
    for name, pattern in RULES[1:]:
        if re.search(pattern, text):
            return name
    return "other"


totals = collections.Counter()
by_thread = collections.defaultdict(collections.Counter)
for event, period in PERIOD.items():
    out = subprocess.run(["jfr", "print", "--events", event, path], capture_output=True,
                         text=True, check=True).stdout
    for block in out.split(event + " {")[1:]:
        thread = re.search(r'sampledThread = "([^"]+)"', block)
        frames = re.findall(r"^\s+([\w.$<>]+)\(", block, re.M)
        frames = [f.replace("dev.tikhonov.", "") for f in frames]
        if not any("train." in f or "nn." in f or "optim." in f for f in frames):
            continue  # JIT, start-up, data loading: not the training loop
        c = category(frames)
        name = thread.group(1) if thread else "?"
        totals[c] += period
        by_thread[name][c] += period
whole = sum(totals.values())
print(f"| where | seconds (all threads) | share |")
print("|---|---|---|")
for c, s in totals.most_common():
    print(f"| {c} | {s:.2f} | {100 * s / whole:.0f} % |")
print(f"| total sampled in the training loop | {whole:.2f} | |")
print()
for t, counter in sorted(by_thread.items()):
    print(f"thread {t}: " + ", ".join(f"{c} {s:.2f}s" for c, s in counter.most_common(6)))
