#!/usr/bin/env bash
# Runs tikhonov and each installed peer on the issue-5 workloads in one go, two threads each,
# and prints the ratios (docs/performance.md). Peers: ../shared/peers (PyTorch MLP, numpy SGEMM,
# glmnet paths, scikit-learn RidgeCV); a peer that is not installed is skipped.
#
# Usage: bench/compare.sh [--epochs N] [--rounds R] [--repeats K] [--only mlp,gemm,path] [--out DIR]
#   --epochs   MLP epochs per run (default 5; the median is over epochs 2..N)
#   --rounds   MLP runs per side, alternating tikhonov / torch (default 2)
#   --repeats  timed repeats of each path workload, median kept (default 1)
# Environment: PEERS_DIR (default /work/shared/peers, else ../shared/peers next to the repo),
#   PEERS_DATA (default /var/tmp/peers-data).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
epochs=5 rounds=2 repeats=1 only="mlp,gemm,path" out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --epochs) epochs="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --repeats) repeats="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n 2,12p "$0"; exit 0 ;;
    *) echo "compare.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
peers="${PEERS_DIR:-/work/shared/peers}"
[ -d "$peers" ] || peers="$root/../shared/peers"
data="${PEERS_DATA:-/var/tmp/peers-data}"
out="${out:-$(mktemp -d /tmp/tikhonov-compare.XXXXXX)}"
mkdir -p "$out"
export OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2 MKL_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE
PY=/usr/bin/python3
want() { [[ ",$only," == *",$1,"* ]]; }
have_torch() { $PY -c "import torch" 2>/dev/null; }
have_sklearn() { $PY -c "import sklearn" 2>/dev/null; }
have_glmnet() { command -v Rscript >/dev/null && Rscript -e 'library(glmnet)' >/dev/null 2>&1; }

echo "== machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== output: $out"
"$root/tikhonov" --version >/dev/null   # builds the jar first if needed, outside the timings

if want mlp; then
  fashion="$data/fashion-mnist"
  [ -d "$fashion" ] || fashion=/usr/share/datasets/fashion-mnist
  for r in $(seq 1 "$rounds"); do
    echo "== MLP round $r: tikhonov"
    "$root/tikhonov" bench mlp --data "$fashion" --epochs "$epochs" --threads 2 \
      --out "$out/tikhonov-mlp-$r" | tail -6
    if have_torch; then
      echo "== MLP round $r: PyTorch"
      $PY "$peers/torch_mlp.py" --datasets fashion-mnist --lambdas 0 --dropouts 0 --seeds 0 \
        --epochs "$epochs" --out "$out/torch-mlp-$r.json" >/dev/null
    fi
  done
fi

if want gemm; then
  echo "== SGEMM: tikhonov"
  "$root/tikhonov" bench gemm --threads 2 --out "$out/tikhonov-gemm" | tail -4
fi

if want path || want gemm; then
  if have_sklearn; then
    echo "== scikit-learn RidgeCV + numpy SGEMM"
    $PY "$root/bench/peers/sklearn_ridge_gcv.py" "$data/synth" "$peers/ref/lambdas_ridge.csv" \
      "$repeats" > "$out/sklearn.json"
  fi
fi

if want path; then
  echo "== paths: tikhonov"
  refs=(); [ -d "$peers/ref" ] && refs=(--refs "$peers/ref")
  "$root/tikhonov" bench path --data "$data/synth" --threads 2 --repeats "$repeats" \
    "${refs[@]}" --out "$out/tikhonov-path"
  if have_glmnet; then
    echo "== paths: glmnet"
    Rscript "$root/bench/peers/glmnet_paths.R" "$data/synth" "$repeats" > "$out/glmnet.json"
  fi
fi

echo "load after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
$PY "$root/bench/ratios.py" "$out"
