#!/usr/bin/python3
"""numpy SGEMM GFLOP/s at n = 512, 1024 and 2048 on two threads: C = A @ B, square float32
operands, 3 untimed calls, then calls until 1.5 s and at least 5 have run; the median call's rate
(as tikhonov's `bench gemm` reports its own). bench/compare.sh runs it round by round, in turn
with `tikhonov bench gemm`, so that both sides meet the same host states.
Usage: numpy_sgemm.py  -> one JSON line on stdout. Threads are pinned to 2 before numpy is
imported."""
import json
import os
import statistics
import sys
import time

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "2"
import numpy as np  # noqa: E402

rows = []
for size in (512, 1024, 2048):
    a = np.random.default_rng(1).random((size, size), dtype=np.float32)
    b = np.random.default_rng(2).random((size, size), dtype=np.float32)
    for _ in range(3):
        a @ b
    ts = []
    deadline = time.perf_counter() + 1.5
    while len(ts) < 5 or time.perf_counter() < deadline:
        t = time.perf_counter()
        a @ b
        ts.append(time.perf_counter() - t)
    med = statistics.median(ts)
    rows.append({"n": size, "median_seconds": med, "gflops": 2 * size ** 3 / med / 1e9,
                 "repeats": len(ts)})
    print(f"numpy sgemm n={size} {rows[-1]['gflops']:.1f} GFLOP/s", file=sys.stderr)
print(json.dumps({"bench": "numpy_sgemm", "numpy": np.__version__, "sgemm": rows}))
