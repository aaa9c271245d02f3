#!/usr/bin/python3
"""Which BLAS kernels the Python peers run in this environment (bench/compare.sh records it):
threadpoolctl's view of the libraries numpy and PyTorch loaded, and PyTorch's CPU capability.
Prints one JSON object."""
import json
import os
import sys

os.environ.setdefault("OPENBLAS_NUM_THREADS", "2")
os.environ.setdefault("OMP_NUM_THREADS", "2")
out = {"env": {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE",
                                              "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
                                              "OMP_WAIT_POLICY")}}
try:
    import numpy
    import threadpoolctl
    out["numpy"] = numpy.__version__
    out["numpy_blas"] = threadpoolctl.threadpool_info()
except ImportError as e:
    out["numpy_error"] = str(e)
try:
    import torch
    import threadpoolctl
    out["torch"] = torch.__version__
    out["torch_threadpools"] = threadpoolctl.threadpool_info()
    cap = [l.strip() for l in torch.__config__.show().splitlines() if "CPU capability" in l]
    out["torch_cpu_capability"] = cap[0] if cap else None
except ImportError as e:
    out["torch_error"] = str(e)
json.dump(out, sys.stdout, indent=1)
print()
